#!/usr/bin/env python3
"""Pre-commit latency on a scratch git repository of a kernel subtree.

    python bench/precommit.py [--subtree drivers/net] [--scratch DIR] [--edit FILE ...]

Builds DIR/repo: a git repository holding a copy of SUBTREE of the 6.12 tree that
``/work/shared/tools/kernel-tree`` prints, with its ``include/`` and ``arch/x86/include/`` (for
sizes), and nothing written into the kernel tree. Then it:

1. fills a fresh cache with ``kmemlint SUBTREE`` (the run users do once);
2. three times: appends a comment to each ``--edit`` file (default: three big files in three
   directories of drivers/net), stages them and times the hook's command on the staged files:
   ``pre-commit run kmemlint`` when pre-commit is installed and this repository is its hook source
   (``--pre-commit``), else the hook's entry, ``kmemlint --force-exclude FILES``;
3. once more with an empty cache (no cross-file context).

The edited files are fresh each time (their mtime is newer than the cache's index), so every
timing re-reads, re-parses and re-checks them against the cached facts of their directories:
the latency of a real commit.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench import kernel_tree  # noqa: E402

EDITS = ("drivers/net/usb/usbnet.c", "drivers/net/ethernet/intel/e1000/e1000_main.c",
         "drivers/net/wireless/ath/ath11k/wmi.c")


def git(repo: str, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=bench@kmemlint", "-c", "user.name=bench", *args], cwd=repo,
                   check=True, capture_output=True)


def timed(argv: list[str], cwd: str, env: dict) -> tuple[float, int, str]:
    """Wall time, exit status and last line of output of one command."""
    t = time.perf_counter()
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    out = (p.stdout + p.stderr).strip().splitlines()
    return time.perf_counter() - t, p.returncode, out[-1] if out else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--subtree", default="drivers/net")
    ap.add_argument("--scratch", default=None)
    ap.add_argument("--edit", nargs="+", default=list(EDITS))
    ap.add_argument("--pre-commit", action="store_true", help="time `pre-commit run kmemlint` (needs pre-commit)")
    args = ap.parse_args()

    tree = kernel_tree()
    scratch = args.scratch or tempfile.mkdtemp(prefix="kmemlint-precommit-")
    repo = os.path.join(scratch, "repo")
    shutil.rmtree(repo, ignore_errors=True)
    for part in (args.subtree, "include", "arch/x86/include"):
        shutil.copytree(os.path.join(tree, part), os.path.join(repo, part), symlinks=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "scratch", "--no-verify")
    files = sum(1 for _, _, fs in os.walk(os.path.join(repo, args.subtree)) for f in fs if f.endswith((".c", ".h")))
    lines = sum(sum(1 for _ in open(os.path.join(repo, f), "rb")) for f in args.edit)
    print(f"repo: {repo}  ({args.subtree}: {files} files; edited: {len(args.edit)} files, {lines} lines)")

    env = dict(os.environ, KMEMLINT_CACHE_DIR=os.path.join(scratch, "cache"))
    shutil.rmtree(env["KMEMLINT_CACHE_DIR"], ignore_errors=True)
    kmemlint = [sys.executable, "-m", "kmemlint"]
    wall, rc, last = timed(kmemlint + ["-q", "--exit-zero", args.subtree], repo, env)
    print(f"  fill the cache ({args.subtree})  {wall:7.2f} s   rc {rc}")

    if args.pre_commit:
        with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as fh:
            rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=HERE, capture_output=True, text=True,
                                 check=True).stdout.strip()
            fh.write(f"repos:\n-   repo: {os.path.dirname(HERE)}\n    rev: {rev}\n    hooks:\n    -   id: kmemlint\n")
        subprocess.run(["pre-commit", "install-hooks"], cwd=repo, check=True, capture_output=True)
        hook = ["pre-commit", "run", "kmemlint"]
    else:
        hook = kmemlint + ["--force-exclude", *args.edit]
    what = " ".join(hook[:3]) if args.pre_commit else "kmemlint --force-exclude FILES"

    def edit(n: int) -> None:
        for f in args.edit:
            with open(os.path.join(repo, f), "a") as fh:
                fh.write(f"/* kmemlint bench: edit {n} */\n")
        git(repo, "add", "-A")

    for n in range(3):
        edit(n)
        wall, rc, last = timed(hook, repo, env)
        print(f"  {what}, {len(args.edit)} edited files  {wall:7.2f} s   rc {rc}   {last}")
    edit(3)
    empty = dict(env, KMEMLINT_CACHE_DIR=os.path.join(scratch, "empty-cache"))
    shutil.rmtree(empty["KMEMLINT_CACHE_DIR"], ignore_errors=True)
    wall, rc, last = timed(hook, repo, empty)
    print(f"  the same with an empty cache  {wall:7.2f} s   rc {rc}   {last}")


if __name__ == "__main__":
    main()
