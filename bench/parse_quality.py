"""Parse quality on a real tree: files and functions whose tree has ERROR/MISSING nodes, parsed
as they are (``before``) and after the macro respelling of kmemlint/rewrite.py (``after``).

    nice -n 10 python bench/parse_quality.py /var/tmp/kernel-trees/linux-source-6.12/drivers/usb [--top 30]

A function counts once: a ``function_definition``, or a function head that error recovery left
inside an ERROR node (kmemlint/facts.py recovers those as far as they parse; they always count
as having an error). ``--top N`` lists the commonest first words at the errors left after
respelling, with an example each: what to add to rewrites.toml next. Parse only, one process.
"""
from __future__ import annotations

import argparse
import bisect
import collections
import os
import re
import sys
import time

from tree_sitter import Query, QueryCursor

from kmemlint.frontend import parse

_FUNCTIONS = Query(parse.C, "(function_definition) @f (ERROR (function_declarator) @broken)")


def functions(tree) -> tuple[int, int]:
    """(functions, functions containing an ERROR/MISSING node)."""
    errs = [e.byte for e in parse.errors(tree)]
    total = bad = 0
    for name, nodes in QueryCursor(_FUNCTIONS).captures(tree.root_node).items():
        for n in nodes:
            total += 1
            bad += name == "broken" or (n.has_error and
                                        bisect.bisect_left(errs, n.end_byte) > bisect.bisect_left(errs, n.start_byte))
    return total, bad


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--top", type=int, default=0)
    a = ap.parse_args()
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(a.root) for f in fs if f.endswith((".c", ".h")))
    stats = {k: collections.Counter() for k in ("before", "after")}
    words: collections.Counter = collections.Counter()
    example: dict[str, str] = {}
    t0 = time.monotonic()
    for p in paths:
        with open(p, "rb") as fh:
            src = fh.read()
        for k, tree in (("before", parse.parse_raw(src)), ("after", parse.parse(src))):
            s = stats[k]
            total, bad = functions(tree)
            s["files"] += 1
            s["error files"] += tree.root_node.has_error
            s["functions"] += total
            s["error functions"] += bad
            if k == "after" and a.top and tree.root_node.has_error:
                lines = src.split(b"\n")
                for e in parse.errors(tree):
                    line = lines[e.line - 1] if e.line <= len(lines) else b""
                    w = re.findall(rb"[A-Za-z_]\w*|\S", line[e.col - 1:])[:1] or [b"?"]
                    key = (e.what.split()[0] + " " + w[0].decode("utf-8", "replace"))
                    words[key] += 1
                    example.setdefault(key, f"{p}:{e.line}: {line.strip()[:90].decode('utf-8', 'replace')}")
    print(f"{a.root}: {len(paths)} files, {time.monotonic() - t0:.0f} s (both parses)")
    for k in ("before", "after"):
        s = stats[k]
        print(f"  {k:6}: files with parse errors {s['error files']:6} of {s['files']} "
              f"({100 * s['error files'] / max(s['files'], 1):.1f} %); functions with parse errors "
              f"{s['error functions']:6} of {s['functions']} ({100 * s['error functions'] / max(s['functions'], 1):.2f} %)")
    for key, n in words.most_common(a.top):
        print(f"{n:6} {key:32} {example[key]}")


if __name__ == "__main__":
    sys.exit(main())
