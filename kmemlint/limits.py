"""Bounds on what one file may cost: its analysis time and the memory its parse needs.

One pathological file (a generated register table, a 1 MB function of 25,000 allocations, a
200 MB file forced in with ``--max-file-size``) must become one skipped file with a one-line
reason, never a hung run or a crash inside tree-sitter, which does not survive running out of
memory (exit 139 on a 200 MB file).
"""
from __future__ import annotations

import contextlib
import os
import resource
import signal
import threading

#: seconds the parse, facts and sizes of one file may take before it is skipped
#: (``KMEMLINT_FILE_TIMEOUT``; 0: no limit). The slowest file of 6.12's drivers/ takes ~5 s.
FILE_TIMEOUT = float(os.environ.get("KMEMLINT_FILE_TIMEOUT", "120"))

#: memory one byte of C source costs while it is parsed and its facts extracted: measured peaks
#: are 24-49 bytes for the tree and 100-180 bytes with the facts (e1000_main.c, a 1 MB function)
BYTES_PER_SOURCE_BYTE = 128
#: files this small are never checked against the memory available (reading /proc costs more)
_CHECK_FROM = 1024 * 1024
#: tree-sitter's offsets are 32-bit
PARSE_MAX = (1 << 32) - 1


class TooSlow(BaseException):
    """Raised by :func:`time_limit` when the time is up. A BaseException, so that no
    ``except Exception`` on the way (a rule's defensive catch) swallows it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise :class:`TooSlow` in this block after ``seconds`` (SIGALRM; only in the main thread of a
    process, where the facts workers and a ``--jobs 1`` run do their work; elsewhere no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _kib(path: str, key: str) -> int | None:
    try:
        with open(path, encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _cgroup_room() -> int | None:
    """memory.max - memory.current of this process's cgroup (v2), None without a limit."""
    try:
        with open("/proc/self/cgroup", encoding="ascii") as fh:
            rel = next((line.split(":", 2)[2].strip() for line in fh if line.startswith("0::")), None)
        if rel is None:
            return None
        base = os.path.join("/sys/fs/cgroup", rel.lstrip("/"))
        with open(os.path.join(base, "memory.max"), encoding="ascii") as fh:
            limit = fh.read().strip()
        if limit == "max":
            return None
        with open(os.path.join(base, "memory.current"), encoding="ascii") as fh:
            return int(limit) - int(fh.read().strip())
    except (OSError, ValueError, StopIteration):
        return None


def available_memory() -> int | None:
    """Bytes this process can still allocate: the least of the system's available memory, its
    cgroup's room and its address-space limit (``ulimit -v``); None when none is known."""
    room = [m for m in (_kib("/proc/meminfo", "MemAvailable:"), _cgroup_room()) if m is not None]
    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    if soft != resource.RLIM_INFINITY:
        used = _kib("/proc/self/status", "VmSize:") or 0
        room.append(soft - used)
    return max(0, min(room)) if room else None


def too_big_to_parse(size: int) -> str:
    """Why a file of ``size`` bytes must not be parsed here, or ""."""
    if size > PARSE_MAX:
        return f"skipped: {size / 2**30:.1f} GiB is more than tree-sitter can parse (4 GiB)"
    if size < _CHECK_FROM:
        return ""
    room = available_memory()
    need = size * BYTES_PER_SOURCE_BYTE
    if room is not None and need > room:
        return (f"skipped: {size / 2**20:.0f} MiB would need about {need / 2**30:.1f} GiB to parse, "
                f"{room / 2**30:.1f} GiB available")
    return ""
