"""GitHub code scanning's ``primaryLocationLineHash``: a rolling hash of the text from each line on.

This ports ``hash()`` from github/codeql-action ``src/fingerprints.ts`` (commit 0225834c) exactly.
The upload action keeps a hash that is already in the SARIF file, and warns on every result where
that hash differs from its own. So this module must match it bit for bit. The test vectors for
``drivers/net/usb/rndis_host.c`` of Linux 6.12 are in ``tests/test_sarif.py``.

The algorithm:

* The file is a JS string, so the hash runs over UTF-16 code units. A character outside the BMP
  counts as two units, its surrogates.
* Spaces and tabs are dropped. CR and CRLF become LF.
* A polynomial hash with base 37, mod 2**64, runs over a window of 100 units. The value for line N
  is taken when the window that starts at the first kept unit of line N is full.
* At EOF the unit 65535 is appended, then 100 zero units, so the last lines also fill a window.
* Each value is written as unsigned lowercase hex without zero padding, then ``:k``, where ``k``
  counts the lines of the file with the same value up to and including this one.
"""
from __future__ import annotations

from collections.abc import Collection, Iterator
from itertools import chain

__all__ = ["iter_line_hashes", "line_hashes"]

_BLOCK_SIZE = 100
_BASE = 37
_MASK = (1 << 64) - 1
_FIRST_MOD = pow(_BASE, _BLOCK_SIZE, 1 << 64)
_TAB, _SPACE, _LF, _CR = 9, 32, 10, 13
_EOF = 65535


def _utf16_units(text: str):
    """Yield the UTF-16 code units of *text*, as JavaScript's ``charCodeAt`` would."""
    for ch in text:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            yield 0xD800 + (cp >> 10)
            yield 0xDC00 + (cp & 0x3FF)
        else:
            yield cp


def iter_line_hashes(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line, hash)`` for every line of *text*, in line order.

    *text* is the whole file, decoded as UTF-8 (``errors="replace"``, as Node.js does), with its
    line terminators.
    """
    window = [0] * _BLOCK_SIZE
    starts = [-1] * _BLOCK_SIZE  # the line whose first kept unit sits in each window slot, or -1
    counts: dict[str, int] = {}
    value = index = line = 0
    line_start, prev_cr = True, False

    def emit() -> tuple[int, str]:
        """The hash of the line starting at the current slot, which leaves the window now."""
        digest = format(value, "x")
        counts[digest] = counts.get(digest, 0) + 1
        started = starts[index]
        starts[index] = -1
        return started, f"{digest}:{counts[digest]}"

    for unit in chain(_utf16_units(text), (_EOF,)):
        if unit in (_SPACE, _TAB) or (prev_cr and unit == _LF):
            prev_cr = False
            continue
        prev_cr = unit == _CR
        if prev_cr:
            unit = _LF
        if starts[index] != -1:
            yield emit()
        if line_start:
            line_start = False
            line += 1
            starts[index] = line
        line_start = unit == _LF
        value = (_BASE * value + unit - _FIRST_MOD * window[index]) & _MASK
        window[index] = unit
        index = (index + 1) % _BLOCK_SIZE
    for _ in range(_BLOCK_SIZE):  # flush: pad with zeros until every started line is out
        if starts[index] != -1:
            yield emit()
        value = (_BASE * value - _FIRST_MOD * window[index]) & _MASK
        window[index] = 0
        index = (index + 1) % _BLOCK_SIZE


def line_hashes(text: str, lines: Collection[int] | None = None) -> dict[int, str]:
    """GitHub's ``primaryLocationLineHash`` for the 1-based *lines* of a file (all lines if None).

    The hash of a line depends on every line before it (the ``:k`` counter) and on the 100 units
    from its start on, so the whole file up to there is scanned once. The scan stops as soon as the
    last wanted line is out; lines past the end of the file are simply missing from the result.
    """
    wanted = None if lines is None else set(lines)
    if wanted is not None and not wanted:
        return {}
    last = max(wanted) if wanted else None
    found: dict[int, str] = {}
    for line, digest in iter_line_hashes(text):
        if wanted is None or line in wanted:
            found[line] = digest
        if last is not None and line >= last:
            break
    return found
