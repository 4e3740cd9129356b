"""The worker processes of a run: one pool, forked once while the parent is still small, fed the
per-file jobs of every part (see :class:`Feed`)."""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from typing import Callable

from kmemlint import stagetimes


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _worker_init() -> None:
    """A worker makes millions of short-lived, acyclic objects per file (trees, facts) while its
    header caches grow: with the default thresholds the cyclic collector keeps rescanning those
    caches. Rarer collections (cycles are still collected) cut the workers' CPU time by ~15 %
    (drivers/net/ethernet/{broadcom,mellanox}: 24.0 s -> 20.5 s user, same peak memory)."""
    gc.set_threshold(20000, 50, 50)
    stagetimes.role("worker")
    global _PARENT
    _PARENT = os.getppid()
    # Ctrl-C reaches the whole process group: the parent alone answers it, and ends the pool
    # (SIGTERM kills the workers at once), then removes what they were writing (Feed.close).
    # A forked worker inherits the parent's handlers: SIGTERM's default is restored
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:  # the parent's rules come first: the workers run ahead of it through the cache anyway,
        os.nice(_WORKER_NICE)  # so the run ends with the last part's rules, not with a lagging parent
    except OSError:
        pass


_WORKER_NICE = 5
#: the process that started this worker (0 outside workers): a worker whose parent is gone stops
_PARENT = 0


def orphaned() -> bool:
    """In a worker: the run was killed, nobody waits for its answers."""
    return bool(_PARENT) and os.getppid() != _PARENT


#: files a worker analyses before a fresh one replaces it, in runs big enough to need it (see _pool)
RECYCLE_FILES = int(os.environ.get("KMEMLINT_RECYCLE", "2500"))
_CHUNK = 4  # files per task


def _pool(jobs: int, files: int, preload: str):
    """The worker pool. A run of more than ``RECYCLE_FILES`` files replaces each worker after
    that many files: a worker's resident memory only ever grows (CPython frees an arena only
    when every object in it is gone, and the header caches that outlive each file pin them: a
    worker of a whole-``drivers/`` run grew to 486 MiB while holding 7 MB of live objects), so
    long-lived workers were half the run's summed memory. Replacements come from a forkserver,
    started while this process is small, not from this process (a forked copy of a parent
    holding a part's facts would count them again); it imports ``preload``, the module of the
    work. A new worker reads the headers' facts back from the cache instead of re-parsing them."""
    methods = multiprocessing.get_all_start_methods()
    if files > RECYCLE_FILES > 0 and "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([preload])
        return ctx.Pool(jobs, initializer=_worker_init, maxtasksperchild=max(1, RECYCLE_FILES // _CHUNK))
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ctx.Pool(jobs, initializer=_worker_init)


class Feed:
    """The worker processes of a whole run: one pool, forked once while this process is still
    small, that works on part k+1 while this process runs the whole-program stages of part k
    (``ahead`` 1: at most two parts in flight, so finished answers never pile up; more when the
    answers are small, e.g. facts left in the cache). ``results(k)`` yields the answers of
    ``work`` to the jobs of part k, in any order; ``close`` ends the pool, and ``on_interrupt``
    gets the pids of the workers it ended in the middle of a job."""

    def __init__(self, jobs: list[list[tuple]], work: Callable, processes: int, ahead: int = 1,
                 on_interrupt: Callable[[list[int]], None] | None = None) -> None:
        self._jobs = jobs
        self._work = work
        files = sum(map(len, jobs))
        n = min(processes or default_jobs(), max(1, files // 4))
        self._pool = _pool(n, files, work.__module__) if n > 1 else None
        self._started: dict[int, object] = {}
        self._ahead = ahead
        self._on_interrupt = on_interrupt

    def _start(self, k: int) -> None:
        if k < len(self._jobs) and k not in self._started:
            jobs_ = self._jobs[k]
            self._started[k] = (map(self._work, jobs_) if self._pool is None or not jobs_
                                else self._pool.imap_unordered(self._work, jobs_, chunksize=_CHUNK))

    def results(self, k: int):
        for j in range(k, k + 1 + self._ahead):
            self._start(j)
        return self._started.pop(k)

    def close(self, interrupted: bool = False) -> None:
        if self._pool is not None:
            pids = [p.pid for p in getattr(self._pool, "_pool", ())]
            self._pool.terminate()
            self._pool.join()
            if interrupted and self._on_interrupt is not None:
                self._on_interrupt(pids)
