"""Run sleep-in-atomic over parts of a kernel tree and dump the findings.

    python bench/eval_atomic.py TREE OUT.json [SUBDIR ...]   (default SUBDIR: drivers)

Facts are extracted in a process pool (all files analysed together afterwards, as the CLI does).
"""
from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import resource
import sys
import time

from kmemlint import filefacts, knowledge, pipeline
from kmemlint.frontend import discover
from kmemlint.model import RunStats


def _one(path: str):
    ff, _ = filefacts.analyse_file(path, pipeline.DEFAULT_MAX_FILE_SIZE)
    return ff


def main() -> None:
    tree, out = sys.argv[1], sys.argv[2]
    subdirs = sys.argv[3:] or ["drivers"]
    os.chdir(tree)
    t0 = time.time()
    cache = os.environ.get("FACTS_CACHE")  # a pickle of the facts, to re-run the rule quickly
    if cache and os.path.exists(cache):
        with open(cache, "rb") as fh:
            facts = pickle.load(fh)
    else:
        files, _ = discover.discover(subdirs, (), False)
        paths = [f.path for f in files if f.path.endswith(".c")]
        with multiprocessing.Pool(int(os.environ.get("JOBS", "2"))) as pool:
            facts = [ff for ff in pool.imap(_one, paths, chunksize=16) if ff is not None]
        if cache:
            with open(cache, "wb") as fh:
                pickle.dump(facts, fh, protocol=pickle.HIGHEST_PROTOCOL)
    t1 = time.time()
    rules = pipeline.select_rules(("sleep-in-atomic",), ())
    res = pipeline.finish(facts, rules, knowledge.load(), pipeline.Options(paths=subdirs), RunStats())
    t2 = time.time()
    data = {
        "tree": tree, "subdirs": subdirs, "files": len(facts), "facts_s": round(t1 - t0, 1),
        "rule_s": round(t2 - t1, 1), "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "findings": [{"path": f.loc.path, "line": f.loc.line, "level": f.level.value, "function": f.function,
                      "message": f.message,
                      "related": [f"{r.loc.path}:{r.loc.line}: {r.message}" for r in f.related],
                      "flow": [f"{s.loc.path}:{s.loc.line}: [{s.kind}] {s.message}" for s in f.flow]}
                     for f in res.findings],
    }
    with open(out, "w") as fh:
        json.dump(data, fh, indent=1)
    print(f"{len(facts)} files, {len(res.findings)} findings, facts {t1 - t0:.0f}s, rule {t2 - t1:.1f}s, "
          f"rss {data['max_rss_mb']} MB")


if __name__ == "__main__":
    main()
