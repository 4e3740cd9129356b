"""The per-file stage: one file's bytes -> its facts (parse, facts, suppressions), and a note on how
it was read. Runs in the workers; caching and reading the file are the caller's."""
from __future__ import annotations

from kmemlint.frontend import facts, macrodefs, prefilter, suppressions
from kmemlint.frontend.facts import FileFacts


def analyse_source(path: str, src: bytes) -> tuple[FileFacts, str]:
    if prefilter.preprocessor_only(src):  # register headers: nothing to parse (prefilter.py)
        return FileFacts(path=path, parse_errors=0, functions=(), suppressions=suppressions.scan(path, src),
                         lines=src.count(b"\n") + 1, macros=macrodefs.scan(path, src)), utf8_note(src)
    return facts.extract(path, src), utf8_note(src)


def utf8_note(src: bytes) -> str:
    try:
        src.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not valid UTF-8 (byte {e.start}); analysed with replacement characters"
    return ""
