"""CPU time per stage and per process, for bench/ (``KMEMLINT_STAGE_TIMES=FILE``): each process adds
the process time it spent in each stage and appends one JSON line to FILE when it exits. Off (no
cost but a dictionary lookup) unless the variable is set. The pipeline wraps stages with it; the
stages know nothing of it."""
from __future__ import annotations

import atexit
import json
import os
import time
from contextlib import contextmanager

_FILE = os.environ.get("KMEMLINT_STAGE_TIMES")
_TIMES: dict[str, float] = {}
_COUNTS: dict[str, int] = {}
_ROLE = ["parent"]
_LAST = [time.monotonic()]


def role(name: str) -> None:
    """What this process is ("worker" in the pool's initializer)."""
    _ROLE[0] = name


@contextmanager
def stage(name: str):
    if _FILE is None:
        yield
        return
    t = time.process_time()
    try:
        yield
    finally:
        _TIMES[name] = _TIMES.get(name, 0.0) + time.process_time() - t
        _COUNTS[name] = _COUNTS.get(name, 0) + 1


def tick() -> None:
    """In a worker: write what was added since the last line every few seconds (a pool's workers are
    terminated, not ended: what they did after their last line is not counted)."""
    if _FILE is not None and time.monotonic() - _LAST[0] > 5.0:
        dump()


def dump() -> None:
    """Append the stage times added since the last line (lines of one pid add up)."""
    _LAST[0] = time.monotonic()
    if _FILE is None or not _TIMES:
        return
    line = json.dumps({"pid": os.getpid(), "role": _ROLE[0],
                       "stages": {k: round(v, 3) for k, v in sorted(_TIMES.items())}, "counts": dict(_COUNTS)})
    with open(_FILE, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    _TIMES.clear()
    _COUNTS.clear()


if _FILE is not None:
    atexit.register(dump)
    try:  # pool workers end with os._exit(): the finaliser of multiprocessing runs, atexit does not
        from multiprocessing import util as _mp_util

        _mp_util.Finalize(None, dump, exitpriority=0)
    except ImportError:  # pragma: no cover
        pass
