#!/usr/bin/env python3
"""Whole-tree benchmark: parse-only floor, cold run, warm re-run, re-run after one changed file.

    python bench/bench.py [PATH] [--jobs N] [--scratch DIR]

PATH defaults to ``drivers/`` of the tree ``/work/shared/tools/kernel-tree`` prints (Linux 6.12).
Nothing is ever written into PATH. The benchmark builds a scratch *mirror* of PATH: the same
directories, holding symbolic links to every ``*.c``/``*.h`` file (kmemlint follows symlinked files,
not symlinked directories). Every kmemlint run analyses the mirror, with a fresh cache directory, so:

* parse-only: read + tree-sitter parse of the same files in a pool of ``--jobs`` processes (the
  floor of any tree-sitter tool using all cores); the summed per-file parse time is the 1-core floor;
* cold: ``kmemlint MIRROR`` with an empty cache;
* warm: the same command again, nothing changed;
* one-file: one mirrored link (the largest ``.c`` file) is replaced by a real copy with a comment
  appended, then the same command: one file is re-parsed, every other file's facts come from the
  cache and all rules run again over the whole program.

Peak memory is ``ru_maxrss`` of the measured process and its workers (each measurement runs in its
own child, so RUSAGE_CHILDREN covers exactly one run): the biggest single process. "summed" is the
peak of the RSS summed over the parent and its workers, sampled every 0.2 s (pages shared after
fork count once per process: an upper bound). Load average is printed with the figures.
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


def kernel_tree() -> str:
    try:
        return subprocess.run(["/work/shared/tools/kernel-tree"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "/var/tmp/kernel-trees/linux-source-6.12"


def mirror(src: str, dst: str) -> list[str]:
    """dst/<relative dirs>/<file> -> symlink to src file, for every *.c/*.h; returns the real files."""
    files = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel = os.path.relpath(dirpath, src)
        os.makedirs(os.path.join(dst, rel), exist_ok=True)
        for name in sorted(filenames):
            if name.endswith((".c", ".h")):
                real = os.path.join(dirpath, name)
                if os.path.isfile(real) and not os.path.islink(real):
                    os.symlink(real, os.path.join(dst, rel, name))
                    files.append(real)
    return files


def _parse_one(path: str) -> float:
    from kmemlint.frontend import parse

    with open(path, "rb") as fh:
        src = fh.read()
    if len(src) > 8 * 1024 * 1024 or b"\0" in src[:8192]:
        return 0.0  # kmemlint skips these too
    t = time.perf_counter()
    parse.parse(src)
    return time.perf_counter() - t


def parse_only(files: list[str], jobs: int) -> dict:
    """Runs in its own child (see measure): pool of ``jobs`` parsing every file."""
    import multiprocessing

    t = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        cpu = sum(pool.imap_unordered(_parse_one, sorted(files, key=lambda f: -os.path.getsize(f)), chunksize=8))
    return {"wall": time.perf_counter() - t, "parse_cpu": cpu}


def _tree_rss_kib(pid: int) -> int:
    """Summed RSS of ``pid`` and all its descendants (Linux /proc; 0 when it is gone)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as fh:
                    stack += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def _measured(argv: list[str]) -> dict:
    """Runs in its own child (see measure): argv's wall time, its biggest process's peak RSS
    (ru_maxrss) and the peak of the RSS summed over the parent and its workers (sampled every
    0.2 s; shared copy-on-write pages are counted once per process, so this is an upper bound)."""
    t = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        p = subprocess.Popen(argv, stdout=out, stderr=err, text=True)
        summed = 0
        while p.poll() is None:
            summed = max(summed, _tree_rss_kib(p.pid))
            time.sleep(0.2)
        w = time.perf_counter() - t
        out.seek(0)
        err.seek(0)
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"wall": w, "rc": p.returncode, "stdout": out.read()[-2000:], "stderr": err.read()[-2000:],
                "peak_kib": ru.ru_maxrss, "summed_kib": summed, "cpu": ru.ru_utime + ru.ru_stime}


def measure(argv: list[str], cwd: str) -> dict:
    """Run argv in a child of its own, so RUSAGE_CHILDREN covers exactly this one run."""
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--_measure", *argv], cwd=cwd,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def print_stages(path: str) -> None:
    """CPU seconds per stage, summed per kind of process (the workers' last seconds are not counted)."""
    if not os.path.exists(path):
        return
    by: dict[str, dict[str, float]] = {}
    pids: dict[str, set] = {}
    with open(path) as fh:
        for line in fh:
            row = json.loads(line)
            pids.setdefault(row["role"], set()).add(row["pid"])
            for k, v in row["stages"].items():
                by.setdefault(row["role"], {})[k] = by.setdefault(row["role"], {}).get(k, 0.0) + v
    for role, stages in sorted(by.items()):
        total = sum(stages.values())
        print(f"  cold CPU, {role} ({len(pids[role])} process{'es' if len(pids[role]) > 1 else ''}): {total:.1f} s in stages: "
              + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]) if v >= 0.05))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", default=None, help="tree or subdirectory (default: 6.12 drivers/)")
    ap.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--scratch", default=None, help="scratch directory (default: a new temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    ap.add_argument("--_parse-only", dest="parse_only_list", help=argparse.SUPPRESS)
    if sys.argv[1:2] == ["--_measure"]:
        print(json.dumps(_measured(sys.argv[2:])))
        return
    args = ap.parse_args()
    if args.parse_only_list:
        with open(args.parse_only_list) as fh:
            print(json.dumps(parse_only(fh.read().splitlines(), args.jobs)))
        return

    src = os.path.abspath(args.path or os.path.join(kernel_tree(), "drivers"))
    scratch = args.scratch or tempfile.mkdtemp(prefix="kmemlint-bench-")
    root = os.path.join(scratch, "tree")
    top = os.path.join(root, os.path.basename(src.rstrip("/")))
    cache_dir = os.path.join(scratch, "cache")
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(cache_dir, ignore_errors=True)
    files = mirror(src, top)
    size = sum(os.path.getsize(f) for f in files)
    listing = os.path.join(scratch, "files.txt")
    with open(listing, "w") as fh:
        fh.write("\n".join(files))
    print(f"tree: {src}  ({len(files)} files, {size / 1e6:.0f} MB)  jobs: {args.jobs}  "
          f"python {sys.version.split()[0]}", flush=True)

    def load() -> str:
        return open("/proc/loadavg").read().split(" ")[0] if os.path.exists("/proc/loadavg") else "?"

    rows = {}
    la = load()
    m = measure([sys.executable, os.path.abspath(__file__), "--jobs", str(args.jobs), "--_parse-only", listing], root)
    cpu = json.loads(m["stdout"])["parse_cpu"]
    rows["parse-only"] = (m, la)
    print(f"  parse-only  {m['wall']:8.2f} s   peak {m['peak_kib'] / 1024:7.0f} MiB   load {la}   "
          f"(parse time summed over files: {cpu:.2f} s = the 1-core floor)", flush=True)

    cmd = [sys.executable, "-m", "kmemlint", "--cache-dir", cache_dir, "--jobs", str(args.jobs), "--exit-zero",
           "-q", "--format", "json", "-o", os.path.join(scratch, "out.json"), os.path.basename(top)]
    stages = os.path.join(scratch, "stages.jsonl")
    for name in ("cold", "warm"):
        la = load()
        if name == "cold":  # CPU time per stage and process (kmemlint/stagetimes.py)
            os.environ["KMEMLINT_STAGE_TIMES"] = stages
        m = measure(cmd, root)
        os.environ.pop("KMEMLINT_STAGE_TIMES", None)
        rows[name] = (m, la)
        print(f"  {name:10}  {m['wall']:8.2f} s   cpu {m['cpu']:8.1f} s   peak {m['peak_kib'] / 1024:7.0f} MiB   "
              f"summed {m['summed_kib'] / 1024:7.0f} MiB   load {la}   rc {m['rc']}", flush=True)
        if m["rc"] not in (0,):
            print(m["stderr"])
    with open(os.path.join(scratch, "out.json")) as fh:
        findings = len(json.load(fh))
    # one changed file: the largest .c file becomes a real, edited copy in the mirror
    biggest = max((f for f in files if f.endswith(".c")), key=os.path.getsize, default=None) or max(files, key=os.path.getsize)
    link = os.path.join(top, os.path.relpath(biggest, src))
    os.unlink(link)
    shutil.copyfile(biggest, link)
    with open(link, "a") as fh:
        fh.write("\n/* kmemlint bench: one changed file */\n")
    la = load()
    m = measure(cmd, root)
    rows["one-file"] = (m, la)
    print(f"  one-file    {m['wall']:8.2f} s   peak {m['peak_kib'] / 1024:7.0f} MiB   "
          f"summed {m['summed_kib'] / 1024:7.0f} MiB   load {la}   "
          f"({os.path.relpath(biggest, src)})", flush=True)

    print_stages(stages)
    floor = rows["parse-only"][0]["wall"]
    cold = rows["cold"][0]["wall"]
    print(f"findings: {findings}")
    print(f"cold / parse-only     {cold / floor:6.2f}x   (target <= 4x; CPU: {rows['cold'][0]['cpu']:.0f} s "
          f"against {rows['parse-only'][0]['cpu']:.0f} s = {rows['cold'][0]['cpu'] / rows['parse-only'][0]['cpu']:.2f}x)")
    print(f"warm                  {rows['warm'][0]['wall']:6.2f} s  (target <= 2 s)")
    print(f"one-file / cold       {100 * rows['one-file'][0]['wall'] / cold:6.1f} %  (target <= 5 %)")
    peak = max(r[0]["peak_kib"] for k, r in rows.items() if k != "parse-only") / 1048576
    summed = max(r[0]["summed_kib"] for k, r in rows.items() if k != "parse-only") / 1048576
    print(f"peak memory           {peak:6.2f} GiB biggest process, {summed:.2f} GiB summed over the parent and "
          f"its workers (target < 1.5 GiB)")
    if not args.keep and not args.scratch:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
