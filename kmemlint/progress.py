"""A one-line progress display on stderr for long runs: files done, then rules and findings so far.

Shown only on a terminal, never under ``--quiet``, in CI (``CI``) or under pre-commit
(``PRE_COMMIT``, which runs hooks under a pty and prints their captured output), and never on
stdout, which may carry JSON or SARIF.
"""
from __future__ import annotations

import os
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO, enabled: bool, delay: float = 0.5) -> None:
        self.stream = stream
        self.enabled = enabled
        self.start = time.monotonic()
        self.delay = delay  # nothing for runs shorter than this
        self.shown = False
        self.last = 0.0

    @classmethod
    def for_stream(cls, stream: TextIO, quiet: bool) -> "Progress":
        on = (not quiet and hasattr(stream, "isatty") and stream.isatty()
              and not os.environ.get("CI") and not os.environ.get("PRE_COMMIT"))
        return cls(stream, on)

    def __call__(self, stage: str, done: int, total: int, findings: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (now - self.last < 0.1 and done != total):
            return
        self.last = now
        if stage == "files":
            text = f"kmemlint: {done}/{total} files"
        else:
            text = f"kmemlint: rules {done}/{total}, {findings} finding{'s' if findings != 1 else ''}"
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False
