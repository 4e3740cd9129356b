"""The real-bug regression suite (tests/data/regress/): load its manifest, run kmemlint on each
case's buggy and fixed versions, and score recall and silence.

A case is one expected finding. Its directory holds ``buggy/`` (Linux 6.1.192's shape of the code,
or a real 6.12.117 driver file with one planted bug) and ``fixed/`` (6.12.117's shape, or the
untouched file). The buggy version is *reported* when a finding of the case's rule is on the
manifest's ``expect`` line (``file.c:LINE``, relative to ``buggy/``); the fixed version is *silent*
when no finding of that rule names the case's ``function`` in ``fixed/``. Each version runs as one
program of its own files with only the rules of its cases, and never needs a kernel tree.
"""
from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kmemlint import pipeline

SUITE = Path(__file__).resolve().parent / "data" / "regress"
MANIFEST = SUITE / "manifest.toml"
FLOOR = SUITE / "floor.toml"
MECHANISMS = ("core-sleep", "core-alloc", "core-dma", "gfp-api", "ops-under-lock", "function-pointer",
              "macro", "drvdata", "cross-function", "local")


@dataclass(frozen=True)
class Case:
    name: str
    rule: str
    origin: str        # "fix": a 6.1 -> 6.12 change; "planted": a bug planted in a real 6.12 file
    mechanism: str     # what detecting it needs (MECHANISMS)
    source: str        # the kernel file and function it comes from
    dir: str
    expect: str        # "file.c:LINE" in buggy/
    function: str      # the function the finding belongs to (silence is checked there in fixed/)

    @property
    def expect_file(self) -> str:
        return self.expect.rsplit(":", 1)[0]

    @property
    def expect_line(self) -> int:
        return int(self.expect.rsplit(":", 1)[1])


@dataclass
class Outcome:
    case: Case
    reported: bool     # buggy version: a finding of the rule on the expected line
    silent: bool       # fixed version: no finding of the rule in the function
    got: list[str]     # what the buggy version reported in the function (for the miss list)


def load() -> list[Case]:
    data = tomllib.loads(MANIFEST.read_text())
    return [Case(**c) for c in data["case"]]


def _sources(d: Path) -> list[str]:
    return sorted(str(p) for p in d.rglob("*") if p.suffix in (".c", ".h"))


def _findings(d: Path, rules: tuple[str, ...], kernel_model: str | None = None):
    opts = pipeline.Options(paths=_sources(d), select=rules, jobs=1, cache_dir=None, kernel_model=kernel_model)
    return [f for f in pipeline.run(opts, warn=lambda m: None).findings if not f.suppressed]


def run(cases: list[Case] | None = None, kernel_model: str | None = None) -> list[Outcome]:
    """Each case's outcome, with the shipped kernel model or ``kernel_model`` (a path)."""
    cases = load() if cases is None else cases
    by_dir: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_dir[c.dir].append(c)
    out = []
    for d, group in by_dir.items():
        rules = tuple(sorted({c.rule for c in group}))
        buggy = _findings(SUITE / d / "buggy", rules, kernel_model)
        fixed = _findings(SUITE / d / "fixed", rules, kernel_model)
        for c in group:
            want = (SUITE / d / "buggy" / c.expect_file).resolve()
            mine = [f for f in buggy if f.rule == c.rule and Path(f.loc.path).resolve() == want]
            reported = any(f.loc.line == c.expect_line for f in mine)
            silent = not any(f.rule == c.rule and f.function == c.function for f in fixed)
            got = [f"{f.loc.line}: {f.message}" for f in mine if f.function == c.function]
            out.append(Outcome(c, reported, silent, got))
    return out


def score(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    """{rule or "all": {"cases", "reported", "silent"}}."""
    table: dict[str, dict[str, int]] = {}
    for o in outcomes:
        for key in (o.case.rule, "all"):
            row = table.setdefault(key, {"cases": 0, "reported": 0, "silent": 0})
            row["cases"] += 1
            row["reported"] += o.reported
            row["silent"] += o.silent
    return table


def load_floor() -> tuple[dict[str, dict[str, int]], list[str]]:
    """The recorded figures per rule, and the names of the cases reported when they were recorded."""
    data = tomllib.loads(FLOOR.read_text())
    return data["floor"], data["reported"]["cases"]


def below_floor(outcomes: list[Outcome], floor: dict[str, dict[str, int]], reported: list[str]) -> list[str]:
    """Each way today's results fall short of the recorded floor, one readable line each."""
    table = score(outcomes)
    now = {o.case.name for o in outcomes if o.reported}
    problems = [f"{name}: was reported when the floor was recorded, is not any more"
                for name in reported if name not in now]
    for rule in sorted(set(table) | set(floor)):
        got, want = table.get(rule), floor.get(rule)
        if got is None or want is None:
            problems.append(f"{rule}: in {'the floor' if got is None else 'the suite'} only; "
                            "re-record the floor (python bench/regress.py --write-floor)")
            continue
        if got["cases"] != want["cases"]:
            problems.append(f"{rule}: {got['cases']} cases, the floor was recorded for {want['cases']}; "
                            "re-record it (python bench/regress.py --write-floor)")
        for what in ("reported", "silent"):
            if got[what] < want[what]:
                problems.append(f"{rule}: {what} {got[what]}/{got['cases']}, below the floor {want[what]}")
    return problems
