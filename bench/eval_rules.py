"""Run kmemlint's pipeline on a kernel tree's subdirectory and print findings per rule.

    python bench/eval_rules.py /var/tmp/kernel-trees/linux-source-6.12 --sub drivers \
        --rules alloc-free-mismatch,dma-on-vmalloc,dma-on-stack --jobs 2 \
        --cache /tmp/facts-6.12.pickle --out /tmp/findings-6.12.json

Facts extraction is parallelised here only (multiprocessing, ``--jobs``); ``--cache`` pickles the
facts so that re-running the rules after a change skips parsing. Paths are relative to the tree,
so two trees' findings can be diffed.
"""
from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import os
import pickle
import sys
import time

from kmemlint import filefacts, knowledge, pipeline
from kmemlint.frontend import discover
from kmemlint.model import RunStats


def _facts(path: str):
    try:
        ff, _ = filefacts.analyse_file(path, pipeline.DEFAULT_MAX_FILE_SIZE)
    except Exception as e:  # noqa: BLE001 - a bench must go on
        print(f"{path}: {type(e).__name__}: {e}", file=sys.stderr)
        return None
    return ff


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("tree")
    ap.add_argument("--sub", default="drivers")
    ap.add_argument("--rules", default="alloc-free-mismatch,dma-on-vmalloc,dma-on-stack")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cache", help="pickle of the facts: read if present, else written")
    ap.add_argument("--out", help="write findings as JSON here")
    args = ap.parse_args()
    os.chdir(args.tree)
    t0 = time.perf_counter()
    if args.cache and os.path.exists(args.cache):
        with open(args.cache, "rb") as fh:
            all_facts = pickle.load(fh)
        how = f"from cache {args.cache}"
    else:
        files, _ = discover.discover([args.sub], (), False)
        paths = [f.path for f in files]
        with multiprocessing.Pool(args.jobs) as pool:
            all_facts = [f for f in pool.imap(_facts, paths, chunksize=32) if f is not None]
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump(all_facts, fh, protocol=pickle.HIGHEST_PROTOCOL)
        how = f"extracted with {args.jobs} processes"
    t1 = time.perf_counter()
    rules = pipeline.select_rules(tuple(args.rules.split(",")), ())
    opts = pipeline.Options(paths=[args.sub])
    result = pipeline.finish(all_facts, rules, knowledge.load(), opts, RunStats())
    t2 = time.perf_counter()
    mem = result.program._cache.get("memory")
    by_rule = collections.Counter(f.rule for f in result.findings)
    by_prec = collections.Counter((f.rule, (f.precision or "default")) for f in result.findings)
    print(f"tree {args.tree} sub {args.sub}: {len(all_facts)} files, facts {t1 - t0:.0f} s ({how}), "
          f"rules {t2 - t1:.0f} s")
    if mem is not None:
        print(f"summaries: {mem.iterations} iterations, {sum(1 for r in mem.returns.values() if r)} wrapper allocators, "
              f"{len(mem.free_wrappers)} wrapper releases, {len(mem.dma_wrappers)} wrapper DMA sinks, "
              f"{sum(1 for k in mem._contrib if mem.member_info(k).origins)} members with known origins")
    for r in rules:
        rid = r.rule.id
        precs = ", ".join(f"{p}: {n}" for (rr, p), n in sorted(by_prec.items(), key=str) if rr == rid)
        print(f"  {rid}: {by_rule.get(rid, 0)} ({precs})")
    if args.out:
        with open(args.out, "w") as fh:
            json.dump([{"rule": f.rule, "path": f.loc.path, "line": f.loc.line, "function": f.function,
                        "message": f.message, "precision": f.precision.value if f.precision else None,
                        "related": [[str(r.loc), r.message] for r in f.related],
                        "flow": [[str(s.loc), s.message] for s in f.flow]}
                       for f in result.findings], fh, indent=1)


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip tearing down millions of facts objects (minutes on drivers/)
