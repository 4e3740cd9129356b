"""Findings of an older run that are gone in a newer one (same file and function, same callee):
candidates for sleep-in-atomic bugs fixed between the two versions.

    python bench/diff_atomic.py OLD.json NEW.json NEW_TREE
"""
from __future__ import annotations

import json
import os
import re
import sys


def key(f: dict) -> tuple[str, str, str]:
    callee = re.match(r"(sleeping function )?(\w+)\(\)", f["message"])
    return f["path"], f["function"], callee.group(2) if callee else f["message"]


def main() -> None:
    old, new = (json.load(open(p)) for p in sys.argv[1:3])
    tree = sys.argv[3]
    have = {key(f) for f in new["findings"]}
    for f in old["findings"]:
        if key(f) in have:
            continue
        path = os.path.join(tree, f["path"])
        state = "file gone" if not os.path.exists(path) else (
            "function gone" if not re.search(rf"\b{re.escape(f['function'])}\s*\(", open(path, errors="replace").read())
            else "changed")
        print(f"{f['path']}:{f['line']} {f['function']} [{state}] {f['message']}")


if __name__ == "__main__":
    main()
