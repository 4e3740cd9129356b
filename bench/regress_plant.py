"""Plant one bug in a verbatim copy of a real kernel driver file: the suite's "planted" cases.

    python bench/regress_plant.py KERNEL_TREE FILE CASE_DIR OLD NEW [OLD NEW ...]

Copies KERNEL_TREE/FILE to CASE_DIR/fixed/ untouched and to CASE_DIR/buggy/ with each OLD text
(which must occur exactly once) replaced by NEW, and prints the buggy lines that carry a "BUG:"
comment (the manifest's expect). OLD/NEW may contain \\n and \\t escapes.
"""
from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    tree, rel, case, *pairs = sys.argv[1:]
    if not pairs or len(pairs) % 2:
        sys.exit("need OLD NEW pairs")
    text = (Path(tree) / rel).read_text()
    buggy = text
    for old, new in zip(pairs[::2], pairs[1::2]):
        old, new = (s.encode().decode("unicode_escape") for s in (old, new))
        if buggy.count(old) != 1:
            sys.exit(f"{old!r} occurs {buggy.count(old)} times in {rel}")
        buggy = buggy.replace(old, new)
    name = Path(rel).name
    for sub, content in (("fixed", text), ("buggy", buggy)):
        d = Path(case) / sub
        d.mkdir(parents=True, exist_ok=True)
        (d / name).write_text(content)
    for n, line in enumerate(buggy.splitlines(), 1):
        if "BUG:" in line:
            print(f"{name}:{n}")


if __name__ == "__main__":
    main()
