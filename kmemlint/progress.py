"""A one-line progress display on stderr: what the run is doing from its first moment (discovering
files, parsing N files with a rate and an ETA, the rules and findings so far).

Shown only on a terminal, never under ``--quiet``, in CI (``CI``) or under pre-commit
(``PRE_COMMIT``, which runs hooks under a pty and prints their captured output), and never on
stdout, which may carry JSON or SARIF. Nothing is drawn for runs shorter than ``delay``.

The pipeline reports stages through ``progress(stage, done, total, findings)``. Some stages block
for seconds without a call (walking a tree, the first files of a cold run, a big file), so a daemon
thread redraws the line every ``tick`` seconds with the elapsed time: the line never freezes. Every
write goes through one lock, which a fork also takes; :meth:`Progress.message` prints a line (a warning)
above the display.
"""
from __future__ import annotations

import os
import threading
import time
from typing import TextIO

#: shown for the stages that have no count
_STAGES = {"discover": "discovering files", "load": "reading the cache"}

#: every write of a display holds this lock; a fork (the worker pool) waits for it, so a worker is
#: never forked while the redraw thread is in the middle of a write to stderr (whose buffer lock the
#: child would inherit locked)
_DRAW = threading.Lock()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_DRAW.acquire, after_in_parent=_DRAW.release, after_in_child=_DRAW.release)


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}m{seconds:02d}s" if minutes < 60 else f"{minutes // 60}h{minutes % 60:02d}m"


class Progress:
    def __init__(self, stream: TextIO, enabled: bool, delay: float = 0.5, tick: float = 0.25) -> None:
        self.stream = stream
        self.enabled = enabled
        self.start = time.monotonic()
        self.delay = delay  # nothing for runs shorter than this
        self.tick = tick
        self.shown = False
        self.last = 0.0
        self._lock = _DRAW
        self._state: tuple[str, int, int, int] = ("discover", 0, 0, 0)
        self._rate_from: tuple[float, int] | None = None  # (time, done) when parsing began
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @classmethod
    def for_stream(cls, stream: TextIO, quiet: bool) -> "Progress":
        on = (not quiet and hasattr(stream, "isatty") and stream.isatty()
              and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT"))
        return cls(stream, on)

    def begin(self) -> None:
        """Start the redraw thread (the display then shows the current stage from the start)."""
        if self.enabled and self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kmemlint-progress", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.tick):
            self._draw(force=True)

    def __call__(self, stage: str, done: int, total: int, findings: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            if stage == "files" and done < total and (self._rate_from is None or done < self._rate_from[1]):
                self._rate_from = (time.monotonic(), done)  # parsing begins (or the next group's)
            self._state = (stage, done, total, findings)
        self._draw(force=done == total)

    def text(self, now: float | None = None) -> str:
        """The status line for the current stage."""
        now = time.monotonic() if now is None else now
        stage, done, total, findings = self._state
        elapsed = now - self.start
        if stage in _STAGES:
            text = f"kmemlint: {_STAGES[stage]}" + (f" ({done} so far)" if done else "")
        elif stage == "files":
            text = f"kmemlint: parsing {done}/{total} files"
            if self._rate_from is not None and done < total:
                since, base = self._rate_from
                rate = (done - base) / (now - since) if now > since else 0.0
                if rate > 0:
                    text += f", {rate:.0f} files/s" if rate >= 10 else f", {rate:.1f} files/s"
                    if elapsed >= 5 and done - base >= max(3, (total - base) // 20):  # not from the
                        text += f", ETA {_duration((total - done) / rate)}"            # first, biggest files
        else:
            text = f"kmemlint: rules {done}/{total}, {findings} finding{'s' if findings != 1 else ''}"
        return f"{text} [{_duration(elapsed)}]" if elapsed >= 2 else text

    def _draw(self, force: bool = False) -> None:
        with self._lock:
            now = time.monotonic()
            if now - self.start < self.delay or (not force and now - self.last < 0.1):
                return
            self.last = now
            self.stream.write("\r\x1b[2K" + self.text(now))
            self.stream.flush()
            self.shown = True

    def message(self, line: str) -> None:
        """Print *line* (and a newline) on the stream, above the display."""
        with self._lock:
            if self.shown:
                self.stream.write("\r\x1b[2K")
                self.shown = False
            self.stream.write(line + "\n")
            self.stream.flush()

    def clear(self) -> None:
        """Stop redrawing and erase the line (the report follows)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            if self.shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self.shown = False
