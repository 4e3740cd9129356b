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
3. once more with an empty cache (no cross-file context);
4. with ``--profile``, once more (an edit, the cache of 1.) with the CPU time of the run's big steps
   measured in-process (start-up and imports, the edited files' facts and sizes, the cached facts,
   the whole-program atomic and memory analyses, the rules' own checks).

Each timing gives the wall time and the CPU time (user + system, the workers included) of the
command, then the median of the three, and the CPU time per stage of the median run
(``KMEMLINT_STAGE_TIMES``, kmemlint/stagetimes.py). The edited files are fresh each time (their
mtime is newer than the cache's index), so every timing re-reads, re-parses and re-checks them
against the cached facts of their directories: the latency of a real commit.

kmemlint runs as installed: with its modules' bytecode (pip compiles it at install time; from a
source checkout the fill run writes it), even when ``PYTHONDONTWRITEBYTECODE`` is set here, which
would make every timed run compile all of kmemlint's modules again (~0.15 s).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
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


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(argv: list[str], cwd: str, env: dict) -> tuple[float, float, int, str]:
    """Wall time, CPU time (of the command and its waited-for children), exit status and last line
    of output of one command."""
    c, t = _cpu(), time.perf_counter()
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - t, _cpu() - c
    out = (p.stdout + p.stderr).strip().splitlines()
    return wall, cpu, p.returncode, out[-1] if out else ""


def stages(path: str, cpu: float) -> str:
    """The CPU seconds per stage of the parent of one run (stagetimes lines), and what is left of
    ``cpu``: start-up (interpreter, imports, options) and what no stage covers."""
    got: dict[str, float] = {}
    if os.path.exists(path):
        with open(path) as fh:
            for line in fh:
                row = json.loads(line)
                for k, v in row["stages"].items():
                    got[k] = got.get(k, 0.0) + v
    rest = cpu - sum(got.values())
    return ", ".join(f"{k} {v:.2f}" for k, v in sorted(got.items(), key=lambda kv: -kv[1]) if v >= 0.005) \
        + f", the rest (start-up, imports, unstaged) {rest:.2f}"


#: --profile: the functions whose outermost calls are timed (CPU seconds), in the order of a run
PROFILED = (("setup: knowledge", "kmemlint.knowledge", "load"),
            ("setup: the cache's index", "kmemlint.filefacts", "Files.from_index"),
            ("setup: stored results' salt (code digest, headers' stamp)", "kmemlint.stored", "Stored.__init__"),
            ("edited files: read, parse, facts, sizes", "kmemlint.filefacts", "_work"),
            ("edited files + cached facts of their directories", "kmemlint.filefacts", "Files._load"),
            ("macro expansion", "kmemlint.frontend.macros", "expand"),
            ("atomic analysis: roots, atomic ops members (in the first rule)", "kmemlint.program.atomic",
             "Analyzer.__init__"),
            ("memory provenance fixpoint (in the first rule that asks)", "kmemlint.program.memsummary", "Memory.__init__"),
            ("rules, with the two analyses above", "kmemlint.engine", "run"),
            ("pipeline.run", "kmemlint.pipeline", "run"))


def profiled(argv: list[str]) -> dict[str, float]:
    """In this process: kmemlint's command line ``argv``, with the CPU time of the outermost calls of
    ``PROFILED`` and of the start-up (the interpreter, this script and kmemlint's imports)."""
    import functools
    import importlib

    from kmemlint.cli import main as kmemlint_main
    spent = {"start-up: interpreter, imports": time.process_time()}
    busy: set[str] = set()

    def wrap(label: str, mod: str, qual: str) -> None:
        owner = importlib.import_module(mod)
        *path, name = qual.split(".")
        for p in path:
            owner = getattr(owner, p)
        f = getattr(owner, name)

        @functools.wraps(f)
        def timed_call(*a, **k):
            if label in busy:
                return f(*a, **k)
            busy.add(label)
            t = time.process_time()
            try:
                return f(*a, **k)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - t
                busy.discard(label)
        setattr(owner, name, timed_call)

    for label, mod, qual in PROFILED:
        wrap(label, mod, qual)
    try:
        kmemlint_main(argv)
    except SystemExit:
        pass
    spent["process"] = time.process_time()
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--subtree", default="drivers/net")
    ap.add_argument("--scratch", default=None)
    ap.add_argument("--edit", nargs="+", default=list(EDITS))
    ap.add_argument("--pre-commit", action="store_true", help="time `pre-commit run kmemlint` (needs pre-commit)")
    ap.add_argument("--profile", action="store_true", help="then the CPU time of the run's big steps (see above)")
    if sys.argv[1:2] == ["--_profile"]:
        print(json.dumps(profiled(sys.argv[2:])))
        return
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
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # kmemlint as installed: with its bytecode (see above)
    shutil.rmtree(env["KMEMLINT_CACHE_DIR"], ignore_errors=True)
    kmemlint = [sys.executable, "-m", "kmemlint"]
    wall, cpu, rc, last = timed(kmemlint + ["-q", "--exit-zero", args.subtree], repo, env)
    print(f"  fill the cache ({args.subtree})  {wall:7.2f} s   cpu {cpu:7.2f} s   rc {rc}", flush=True)

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

    runs = []
    for n in range(3):
        edit(n)
        times = os.path.join(scratch, f"stages-{n}.jsonl")
        if os.path.exists(times):
            os.unlink(times)
        wall, cpu, rc, last = timed(hook, repo, dict(env, KMEMLINT_STAGE_TIMES=times))
        runs.append((wall, cpu, times))
        print(f"  {what}, {len(args.edit)} edited files  {wall:7.2f} s   cpu {cpu:5.2f} s   rc {rc}   {last}", flush=True)
    wall, cpu, times = sorted(runs)[1]
    print(f"  median  {wall:7.2f} s   cpu {sorted(r[1] for r in runs)[1]:5.2f} s   load {os.getloadavg()[0]:.2f}")
    print(f"  CPU per stage of the median run: {stages(times, cpu)}")
    edit(3)
    empty = dict(env, KMEMLINT_CACHE_DIR=os.path.join(scratch, "empty-cache"))
    shutil.rmtree(empty["KMEMLINT_CACHE_DIR"], ignore_errors=True)
    wall, cpu, rc, last = timed(hook, repo, empty)
    print(f"  the same with an empty cache  {wall:7.2f} s   cpu {cpu:5.2f} s   rc {rc}   {last}", flush=True)
    if args.profile:
        edit(4)
        p = subprocess.run([sys.executable, os.path.abspath(__file__), "--_profile", "--force-exclude", *args.edit],
                           cwd=repo, env=env, capture_output=True, text=True, check=True)
        spent = json.loads(p.stdout.strip().splitlines()[-1])
        print("  profile of one more edited run (CPU s of the outermost calls; a step is within the next"
              " that includes it):")
        order = ["start-up: interpreter, imports", *(label for label, _, _ in PROFILED), "process"]
        for label in order:
            print(f"    {spent.get(label, 0.0):6.2f}  {label}")


if __name__ == "__main__":
    main()
