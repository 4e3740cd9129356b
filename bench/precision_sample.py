"""Draw a seeded random sample of findings per rule from a whole-tree JSON report, for judging by
hand (bench/RESULTS-precision.md).

    kmemlint --jobs 1 --exit-zero -q --format json -o /tmp/prec-drivers.json drivers   # in a tree
    python bench/precision_sample.py /tmp/prec-drivers.json [--per-rule 30] [--seed 15]
           [--tree /var/tmp/kernel-trees/linux-source-6.12] [--rule RULE] [--counts-only]
           [--compare BEFORE.json]

Prints the whole run's counts per rule, then for each rule the ``min(per_rule, count)`` findings of
lowest seeded rank (sha256 of the seed and the finding's rule, path, line and function: a random
draw that does not depend on the report's order and keeps a finding's rank across runs), each with
its message, flow and the source line of every flow step when ``--tree`` is given. ``--compare`` lists, per rule, the findings of BEFORE.json that are
gone from the report and those that are new (by path, line, rule and function), for the
before/after accounting.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path


def load(path: str) -> list[dict]:
    data = json.loads(Path(path).read_text())
    findings = data["findings"] if isinstance(data, dict) else data
    for f in findings:  # bench/atomic-*-findings.json (older, one rule) carry no rule id
        f.setdefault("rule", "sleep-in-atomic")
    return findings


def place(f: dict) -> tuple:
    return (f["rule"], f["path"], f["line"], f.get("column", 0), f["message"])


def draw(f: dict, seed: int) -> str:
    """The finding's seeded random rank: a hash of the seed and the finding's identity, so that a
    finding keeps its rank from one run to the next (a re-run after fixes samples the surviving
    findings of the earlier sample again, plus the next ones in rank) and the sample does not
    depend on the report's order."""
    return hashlib.sha256(f"{seed}:{':'.join(map(str, ident(f)))}".encode()).hexdigest()


def sample(findings: list[dict], per_rule: int, seed: int, rule: str | None = None) -> dict[str, list[dict]]:
    by_rule: dict[str, list[dict]] = {}
    for f in findings:
        by_rule.setdefault(f["rule"], []).append(f)
    out = {}
    for r in sorted(by_rule):
        if rule and r != rule:
            continue
        picked = sorted(by_rule[r], key=lambda f: draw(f, seed))[:per_rule]
        out[r] = sorted(picked, key=place)
    return out


def _line(tree: Path | None, path: str, line: int) -> str:
    if tree is None:
        return ""
    try:
        lines = (tree / path).read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def show(i: int, f: dict, tree: Path | None) -> str:
    out = [f"[{i}] {f['path']}:{f['line']} {f.get('level', '')} ({f.get('precision', '')}) in {f.get('function', '')}()",
           f"    {f['message']}"]
    for s in f.get("flow", ()):
        if isinstance(s, str):  # older reports: "path:line: [kind] message"
            out.append(f"      {s}")
            continue
        src = _line(tree, s["path"], s["line"])
        out.append(f"      {s['path']}:{s['line']} [{s.get('kind', '')}] {s['message']}"
                   + (f"\n          | {src}" if src else ""))
    return "\n".join(out)


def ident(f: dict) -> tuple:
    return (f["rule"], f["path"], f["line"], f.get("function", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report")
    ap.add_argument("--per-rule", type=int, default=30)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--tree", type=Path, default=None)
    ap.add_argument("--rule", default=None)
    ap.add_argument("--counts-only", action="store_true")
    ap.add_argument("--compare", default=None, help="an earlier report: list the findings gone and new")
    a = ap.parse_args()
    findings = load(a.report)
    counts = Counter(f["rule"] for f in findings)
    print(f"{len(findings)} findings: " + ", ".join(f"{r} {n}" for r, n in sorted(counts.items())))
    if a.compare:
        before = load(a.compare)
        old, new = {ident(f): f for f in before}, {ident(f): f for f in findings}
        bc = Counter(f["rule"] for f in before)
        print(f"before: {len(before)} findings: " + ", ".join(f"{r} {n}" for r, n in sorted(bc.items())))
        for title, keys, src in (("gone", old.keys() - new.keys(), old), ("new", new.keys() - old.keys(), new)):
            for k in sorted(keys):
                f = src[k]
                print(f"{title}: {f['rule']} {f['path']}:{f['line']} {f.get('function', '')}(): {f['message'][:160]}")
    if a.counts_only or a.compare:
        return
    for r, fs in sample(findings, a.per_rule, a.seed, a.rule).items():
        print(f"\n## {r}: {len(fs)} of {counts[r]} (seed {a.seed})")
        for i, f in enumerate(fs, 1):
            print(show(i, f, a.tree))


if __name__ == "__main__":
    main()
