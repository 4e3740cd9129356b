#!/usr/bin/env python3
"""The API probe: does kmemlint know which kernel functions sleep? Every call of
bench/api_probe_calls.txt is made alone under a spinlock in a generated driver file, which is
analysed with a kernel model; a call judged to sleep (S) should be reported, one that never sleeps
(-) should not, and the rest (?) are listed but not scored.

    python bench/api_probe.py [--kernel-model FILE] [--show]

Prints the counts per class (and per section of the list: "# Stop N additions") and, with --show,
the misses (S silent) and the false alarms (- reported).
Needs no kernel tree: the model answers for the kernel's side.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CALLS = Path(__file__).resolve().parent / "api_probe_calls.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kernel-model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--show", action="store_true", help="list the misses and false alarms")
    opts = ap.parse_args()
    probes = []
    section = "first list"
    for line in CALLS.read_text().splitlines():
        if line.startswith("# Stop ") and line.rstrip().endswith("additions"):
            section = line[2:].strip()
        elif line.strip() and not line.startswith("#"):
            cls, call = line.split(" ", 1)
            probes.append((cls, call, section))
    src = ["#include <linux/spinlock.h>", "static DEFINE_SPINLOCK(plock);", "struct pd;"]
    first = len(src) + 1
    for i, (_, call, _) in enumerate(probes):
        src.append(f"void probe_{i}(struct pd *d) {{ spin_lock(&plock); {call}; spin_unlock(&plock); }}")
    with tempfile.TemporaryDirectory(prefix="kmemlint-probe-") as tmp:
        path = os.path.join(tmp, "probe.c")
        Path(path).write_text("\n".join(src) + "\n")
        cmd = [sys.executable, "-m", "kmemlint", "--no-cache", "--exit-zero", "-q", "--format", "json",
               "-o", os.path.join(tmp, "out.json"), path]
        if opts.kernel_model:
            cmd[3:3] = ["--kernel-model", opts.kernel_model]
        subprocess.run(cmd, check=True)
        found = json.loads(Path(tmp, "out.json").read_text())
    findings = found if isinstance(found, list) else found.get("findings", [])
    lines = {f["line"] for f in findings if f["rule"] == "sleep-in-atomic"}
    got = {cls: [0, 0] for cls in "S-?"}
    parts: dict[str, dict[str, list[int]]] = {}
    misses, alarms = [], []
    for i, (cls, call, section) in enumerate(probes):
        hit = first + i in lines
        got[cls][0] += hit
        got[cls][1] += 1
        part = parts.setdefault(section, {c: [0, 0] for c in "S-?"})
        part[cls][0] += hit
        part[cls][1] += 1
        if cls == "S" and not hit:
            misses.append(call)
        elif cls == "-" and hit:
            alarms.append(call)
    print(f"may sleep (S):        {got['S'][0]} of {got['S'][1]} reported")
    print(f"never sleeps (-):     {got['-'][0]} of {got['-'][1]} reported")
    print(f"depends (?):          {got['?'][0]} of {got['?'][1]} reported (not scored)")
    if len(parts) > 1:
        for section, part in parts.items():
            print(f"  {section}: S {part['S'][0]}/{part['S'][1]}, - {part['-'][0]}/{part['-'][1]}, "
                  f"? {part['?'][0]}/{part['?'][1]}")
    if opts.show:
        print("\nmisses:\n  " + "\n  ".join(misses) if misses else "\nno misses")
        print("\nfalse alarms:\n  " + "\n  ".join(alarms) if alarms else "\nno false alarms")


if __name__ == "__main__":
    main()
