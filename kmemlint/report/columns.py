"""Column arithmetic: map a Loc's byte columns to SARIF character columns and gcc display columns.

``Loc`` columns are 1-based *byte* columns into the UTF-8 source line, end exclusive. Consumers want
other units:

* SARIF counts characters in the unit named by ``run.columnKind``. kmemlint declares
  ``utf16CodeUnits``, as GitHub's own examples do, so that a browser's JavaScript string indexes
  agree. A tab is one unit.
* gcc 12 and sparse print *display* columns: a tab advances to the next multiple of 8, and an East
  Asian wide character takes two cells (gcc's ``cpp_display_width``).
* The JSON reporter prints Unicode code points, which is what a Python ``str`` index counts.

Lines come from ``ReportContext.source``, decoded with ``errors="surrogateescape"``: an invalid
byte appears as one lone surrogate U+DC80..U+DCFF, which is counted as the one byte it stands for
and as one character in every other unit (what a reader shows: one U+FFFD). (Counting a U+FFFD of
``errors="replace"`` as the 3 bytes it re-encodes to put every later column of the line off.)

When the line is unknown (the file is unreadable), every column is assumed to be one byte. A column
past the end of the line extends it with one-byte characters, so that the mapping stays monotonic.
"""
from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from kmemlint.model import Loc

__all__ = ["Unit", "Span", "line_text", "convert", "span", "TAB_STOP"]

#: gcc's default ``-ftabstop``, and sparse's ``tabstop``
TAB_STOP = 8

_IDENT = re.compile(r"[A-Za-z0-9_]+")


class Unit(str, enum.Enum):
    """A column unit; the values of UTF16 and CODE_POINT are SARIF ``columnKind`` values."""

    BYTE = "bytes"
    UTF16 = "utf16CodeUnits"
    CODE_POINT = "unicodeCodePoints"
    DISPLAY = "display"


class Span(NamedTuple):
    """A non-empty source range in 1-based columns of some unit, end column exclusive."""

    line: int
    col: int
    end_line: int
    end_col: int


def line_text(lines: Sequence[str] | None, line: int) -> str | None:
    """Line *line* (1-based) of *lines* without its terminator, or None when it is unknown."""
    if lines is None or not 1 <= line <= len(lines):
        return None
    return lines[line - 1].rstrip("\r\n")


def _split(text: str, byte_col: int) -> tuple[str, int]:
    """The characters before 1-based *byte_col*, and how many bytes the column lies past the end.

    A column inside a multi-byte character rounds down to that character.
    """
    target = max(byte_col, 1) - 1
    if text.isascii():
        return text[:target], max(0, target - len(text))
    used = 0
    for i, ch in enumerate(text):
        size = _bytes(ch)
        if used + size > target:
            return text[:i], 0
        used += size
    return text, target - used


def _bytes(ch: str) -> int:
    """The UTF-8 bytes of one character of a line; an escaped invalid byte is one."""
    return 1 if "\udc80" <= ch <= "\udcff" else len(ch.encode("utf-8", "surrogatepass"))


def _byte_len(text: str) -> int:
    return len(text) if text.isascii() else sum(map(_bytes, text))


def _width(ch: str) -> int:
    """Display cells of a character that is not a tab, approximating gcc's ``cpp_wcwidth``."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _measure(prefix: str, unit: Unit) -> int:
    """The length of *prefix* in *unit*."""
    if unit is Unit.CODE_POINT:
        return len(prefix)
    if unit is Unit.UTF16:
        return len(prefix) + sum(1 for ch in prefix if ord(ch) > 0xFFFF)
    if unit is Unit.BYTE:
        return _byte_len(prefix)
    cells = 0
    for ch in prefix:
        cells = (cells // TAB_STOP + 1) * TAB_STOP if ch == "\t" else cells + _width(ch)
    return cells


def convert(text: str | None, byte_col: int, unit: Unit) -> int:
    """Map the 1-based byte column *byte_col* of the line *text* to a 1-based column in *unit*."""
    if text is None or unit is Unit.BYTE:
        return max(byte_col, 1)
    prefix, beyond = _split(text, byte_col)
    return _measure(prefix, unit) + beyond + 1


def _token_end(text: str | None, byte_col: int) -> int:
    """The byte column just past the identifier, number or single character at *byte_col*."""
    if text is None:
        return byte_col + 1
    prefix, beyond = _split(text, byte_col)
    rest = text[len(prefix):]
    if beyond or not rest:
        return byte_col + 1
    match = _IDENT.match(rest)
    token = match.group() if match else rest[0]
    return byte_col + _byte_len(token)


def span(loc: Loc, lines: Sequence[str] | None, unit: Unit) -> Span:
    """The range of *loc* in *unit*, made valid and non-empty.

    A Loc without an end (``end_line == 0``) covers the token at its start: an identifier or
    number, else one character. An end column of 0 means the end of the end line. An end before
    the start is replaced by one character. Lines and columns are at least 1.
    """
    line, col = max(loc.line, 1), max(loc.col, 1)
    text = line_text(lines, line)
    if loc.end_line <= 0 or loc.end_line < line:
        end_line, end_col = line, _token_end(text, col)
    else:
        end_line, end_col = loc.end_line, loc.end_col
        if end_col <= 0:
            end_text = line_text(lines, end_line)
            end_col = _byte_len(end_text) + 1 if end_text else 0
        if end_line == line and end_col <= col:
            end_col = _token_end(text, col)
    start = convert(text, col, unit)
    end = convert(text if end_line == line else line_text(lines, end_line), end_col, unit)
    if end_line == line and end <= start:  # the end rounded down into the start character
        end = start + 1
    return Span(line, start, end_line, end)
