"""Recall and silence of kmemlint on the real-bug regression suite (tests/data/regress/).

    python bench/regress.py [--rule RULE] [--write-floor] [--kernel-model FILE]

Each case is a real bug: a function that changed between Linux 6.1.192 and 6.12.117 in a way that
fixes it (buggy = the 6.1 shape, fixed = the 6.12 shape), or a bug planted in an untouched real
6.12 driver file (fixed = the file as shipped). Recall: buggy versions reported on the expected
line. Silence: fixed versions with no finding of the rule in that function. Prints the figures per
rule and overall, then every miss with the mechanism its detection needs. --write-floor records
today's figures as the floor tests/test_regress.py enforces (only ever raise it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import regress_harness as rh  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rule", help="only the cases of this rule")
    ap.add_argument("--write-floor", action="store_true", help="record today's figures as the floor")
    ap.add_argument("--kernel-model", metavar="FILE", help="a kernel model other than the shipped one "
                    "(a rebuilt one: the figures it would give; never with --write-floor)")
    args = ap.parse_args()
    if args.write_floor and args.kernel_model:
        sys.exit("--write-floor records the shipped model's figures: no --kernel-model")
    cases = [c for c in rh.load() if not args.rule or c.rule == args.rule]
    outcomes = rh.run(cases, args.kernel_model)
    table = rh.score(outcomes)
    print(f"{'rule':<22} {'cases':>5} {'recall':>14} {'silence':>14}")
    for rule in sorted(k for k in table if k != "all") + ["all"]:
        r = table[rule]
        print(f"{rule:<22} {r['cases']:>5} {r['reported']:>4}/{r['cases']:<3} {100 * r['reported'] / r['cases']:5.1f}%"
              f" {r['silent']:>4}/{r['cases']:<3} {100 * r['silent'] / r['cases']:5.1f}%")
    misses = [o for o in outcomes if not o.reported]
    if misses:
        print("\nmissed (buggy version not reported on the expected line), by mechanism:")
        for mech in sorted({o.case.mechanism for o in misses}):
            print(f"  {mech}:")
            for o in misses:
                if o.case.mechanism == mech:
                    c = o.case
                    extra = f"  [reported elsewhere: {'; '.join(o.got)}]" if o.got else ""
                    print(f"    {c.rule:<20} {c.origin:<7} {c.dir}/buggy/{c.expect}  {c.source}{extra}")
    loud = [o for o in outcomes if not o.silent]
    if loud:
        print("\nnot silent on the fixed version:")
        for o in loud:
            print(f"    {o.case.rule:<20} {o.case.dir}/fixed  {o.case.function}()")
    if args.write_floor:
        if args.rule:
            sys.exit("--write-floor needs the whole suite (no --rule)")
        lines = ["# Today's figures of bench/regress.py: tests/test_regress.py fails when kmemlint falls",
                 "# below them. Raise them (python bench/regress.py --write-floor) when it improves.",
                 ""]
        for rule in sorted(table):
            r = table[rule]
            lines.append(f'[floor."{rule}"]')
            lines += [f"cases = {r['cases']}", f"reported = {r['reported']}", f"silent = {r['silent']}", ""]
        lines.append("# every case reported today: each must stay reported")
        lines.append("[reported]")
        lines.append("cases = [")
        lines += [f'    "{o.case.name}",' for o in outcomes if o.reported]
        lines += ["]", ""]
        rh.FLOOR.write_text("\n".join(lines))
        print(f"\nfloor written to {rh.FLOOR}")


if __name__ == "__main__":
    main()
