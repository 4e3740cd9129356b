"""How well are allocation sizes evaluated on a real tree, and what does kmalloc-too-large find?

    python bench/eval_sizes.py [--tree /var/tmp/kernel-trees/linux-source-6.12] [--sub drivers]
                               [--jobs 2] [--json out.json]

Runs the facts and size stages per file in ``--jobs`` worker processes (each keeps its own header
cache) and the kmalloc-too-large rule on each file's sites (the rule only looks inside the
allocating function, so per-file runs give the same findings as a whole-tree run). Prints:
the kmalloc-family sites with an evaluated size and the others counted by reason, the
kmalloc-too-large findings, the five most wasteful sites by the cost model, and the run time.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import time
from collections import Counter

from kmemlint import engine, filefacts, knowledge, pipeline, registry
from kmemlint.frontend import allocsites, discover
from kmemlint.frontend.allocsites import SizeSettings, reason_category
from kmemlint.report.cost import site_dict
from kmemlint.program.summaries import Program

_KNOW = None
_SETTINGS = None
_RULE = None


def _init(kernel_root: str) -> None:
    global _KNOW, _SETTINGS, _RULE
    _KNOW = knowledge.load()
    _SETTINGS = SizeSettings(kernel_root=kernel_root)
    _RULE = next(r for r in registry.all_rules() if r.rule.id == "kmalloc-too-large")


def _one(path: str):
    t0 = time.perf_counter()
    ff, _ = filefacts.analyse_file(path, pipeline.DEFAULT_MAX_FILE_SIZE)
    t1 = time.perf_counter()
    if ff is None:
        return path, None, [], [], t1 - t0, 0.0
    program = Program([ff], _KNOW)
    sites = allocsites.install(program, _KNOW, _SETTINGS)
    out_sites = [site_dict(s) | {"kmalloc_family": s.kmalloc_family} for s in sites.all()]
    ctx = engine.Context(program, _KNOW, {}, frozenset({"kmalloc-too-large"}))
    findings = [{"path": f.loc.path, "line": f.loc.line, "level": f.level.value,
                 "message": f.message, "function": f.function} for f in _RULE.check(ctx)]
    t2 = time.perf_counter()
    return path, ff.types is not None, out_sites, findings, t1 - t0, t2 - t1


def _detail(reason: str) -> str:
    """The first reason; for a layout failure its innermost cause."""
    first = reason.split("; ")[0]
    if reason_category(first) == "a member's type cannot be laid out":
        return "layout: " + first.split(": ")[-1][:70]
    return first[:90]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", default="/var/tmp/kernel-trees/linux-source-6.12")
    ap.add_argument("--sub", default="drivers")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", default=None, help="also write every site and finding here")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (smoke test)")
    args = ap.parse_args()

    os.chdir(args.tree)
    files, _ = discover.discover([args.sub], (), False)
    paths = [f.path for f in files if f.path.endswith(".c")]
    if args.limit:
        paths = paths[:args.limit]
    start = time.perf_counter()
    results = []
    with multiprocessing.Pool(args.jobs, initializer=_init, initargs=(args.tree,)) as pool:
        for i, r in enumerate(pool.imap_unordered(_one, paths, chunksize=16)):
            results.append(r)
            if i % 2000 == 0:
                print(f"  {i}/{len(paths)} files, {time.perf_counter() - start:.0f}s", file=sys.stderr)
    wall = time.perf_counter() - start
    results.sort(key=lambda r: r[0])

    sites = [s for r in results for s in r[2]]
    findings = [f for r in results for f in r[3]]
    facts_time = sum(r[4] for r in results)
    size_time = sum(r[5] for r in results)
    with_types = sum(1 for r in results if r[1])
    km = [s for s in sites if s["kmalloc_family"]]
    km_eval = [s for s in km if s["size_lo"] is not None]
    km_exact = [s for s in km if s["exact"]]
    km_reasons = Counter(reason_category(s["reason"] or "") for s in km if s["size_lo"] is None)
    all_reasons = Counter(reason_category(s["reason"] or "") for s in sites if s["size_lo"] is None)
    detail = Counter(_detail(s["reason"] or "") for s in km if s["size_lo"] is None)
    costed = [s for s in sites if s["cost"] and s["cost"].get("waste") is not None]
    top_waste = sorted(costed, key=lambda s: (-s["cost"]["waste"], s["path"], s["line"]))[:5]

    print(f"tree {args.tree}/{args.sub}: {len(paths)} .c files, wall {wall:.0f}s with {args.jobs} "
          f"processes (facts {facts_time:.0f}s, sizes+rule {size_time:.0f}s CPU); "
          f"TypeFacts extracted for {with_types} files")
    print(f"allocation sites (sized allocators): {len(sites)}; evaluated "
          f"{sum(1 for s in sites if s['size_lo'] is not None)}")
    print(f"kmalloc-family sites: {len(km)}; size evaluated {len(km_eval)} "
          f"({100 * len(km_eval) / max(1, len(km)):.1f}%), exactly {len(km_exact)}; ranges "
          f"{len(km_eval) - len(km_exact)}")
    print("kmalloc-family sites not evaluated, by reason:")
    for reason, n in km_reasons.most_common():
        print(f"  {n:>7}  {reason}")
    print("  most frequent exact reasons:")
    for reason, n in detail.most_common(25):
        print(f"  {n:>7}  {reason}")
    print("all sized sites not evaluated, by reason:")
    for reason, n in all_reasons.most_common():
        print(f"  {n:>7}  {reason}")
    print(f"kmalloc-too-large findings: {len(findings)} "
          f"({sum(1 for f in findings if f['level'] == 'error')} errors)")
    for f in findings:
        print(f"  {f['path']}:{f['line']}: {f['level']}: {f['message']}")
    print("five most wasteful sites by the model:")
    for s in top_waste:
        c = s["cost"]
        print(f"  {s['path']}:{s['line']}: {s['allocator']}({s['size']}) = {s['size_hi']} bytes -> "
              f"{c.get('summary')}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"sites": sites, "findings": findings}, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
