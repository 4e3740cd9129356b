"""Fixture annotations (STYLE.md §2.5) and the exact comparison of findings against them.

    /* expect: RULE ["substring"] */   exactly one RULE finding on this line (message contains it)
    /* note: RULE */                   a related location or flow step of a RULE finding is here
    /* ok: RULE */                     no RULE finding on this line
    /* todo-expect: RULE */            known false negative: must NOT fire (promote it when it does)
    /* todo-ok: RULE */                known false positive: must fire (remove it when it stops)
Any finding on a line without expect/todo-ok fails the test.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
KINDS = ("expect", "note", "ok", "todo-expect", "todo-ok")
_ANN = re.compile(r'(?://|/\*)\s*(todo-expect|todo-ok|expect|note|ok):\s*([a-z0-9-]+)(?:\s+"([^"]*)")?')


@dataclass
class Annotations:
    by_kind: dict[str, set[tuple[str, int, str]]] = field(default_factory=lambda: {k: set() for k in KINDS})
    substrings: dict[tuple[str, int, str], str] = field(default_factory=dict)
    headers: dict[str, bool] = field(default_factory=dict)
    rule_ids: set[str] = field(default_factory=set)


def cases() -> list[Path]:
    """Every fixture: a .c file or a multi-file directory under fixtures/<rule-id>/."""
    return sorted(p for d in FIXTURES.iterdir() if d.is_dir() for p in d.iterdir()
                  if p.suffix in (".c", ".h") or p.is_dir())


def sources(case: Path) -> list[Path]:
    return sorted(p for p in case.rglob("*") if p.suffix in (".c", ".h")) if case.is_dir() else [case]


def parse(case: Path) -> Annotations:
    ann = Annotations()
    for src in sources(case):
        text = src.read_text()
        ann.headers[str(src)] = "Modelled on" in text[:2000]
        for lineno, line in enumerate(text.splitlines(), 1):
            for kind, rid, sub in _ANN.findall(line):
                key = (str(src.resolve()), lineno, rid)
                ann.by_kind[kind].add(key)
                ann.rule_ids.add(rid)
                if sub:
                    ann.substrings[key] = sub
    return ann


def compare(ann: Annotations, findings, source_line) -> list[str]:
    """Problems, each a readable line; empty when the findings match the annotations exactly."""
    problems = []
    got: dict[tuple[str, int, str], list] = {}
    pointed: set[tuple[str, int, str]] = set()
    for f in findings:
        if f.suppressed:
            continue
        key = (str(Path(f.loc.path).resolve()), f.loc.line, f.rule)
        got.setdefault(key, []).append(f)
        for loc in [r.loc for r in f.related] + [s.loc for s in f.flow]:
            pointed.add((str(Path(loc.path).resolve()), loc.line, f.rule))
    expect, todo_ok = ann.by_kind["expect"], ann.by_kind["todo-ok"]
    for key in sorted(expect):
        fs = got.get(key, [])
        if len(fs) != 1:
            problems.append(f"expected 1 finding, got {len(fs)}: {_show(key, source_line)}")
        elif key in ann.substrings and ann.substrings[key] not in fs[0].message:
            problems.append(f"message {fs[0].message!r} lacks {ann.substrings[key]!r}: {_show(key, source_line)}")
    for key, fs in sorted(got.items()):
        if key not in expect and key not in todo_ok:
            problems.append(f"unexpected finding {fs[0].message!r}: {_show(key, source_line)}")
    for key in sorted(ann.by_kind["todo-expect"]):
        if key in got:
            problems.append(f"todo-expect now fires, promote it to expect: {_show(key, source_line)}")
    for key in sorted(todo_ok):
        if key not in got:
            problems.append(f"todo-ok no longer fires, make it ok: {_show(key, source_line)}")
    for key in sorted(ann.by_kind["note"]):
        if key not in pointed:
            problems.append(f"no related location or flow step points here: {_show(key, source_line)}")
    return problems


def _show(key, source_line) -> str:
    path, line, rid = key
    return f"[{rid}] {Path(path).relative_to(ROOT)}:{line}: {source_line(path, line).strip()}"
