"""Discovery stage: command-line paths -> a sorted, de-duplicated list of C sources and headers.

Directories are walked without following symlinked directories (so a symlink loop cannot trap the
walk); hidden directories are skipped; files are *.c and *.h. Excludes are glob patterns matched
against the displayed path and each of its components.
"""
from __future__ import annotations

import hashlib

import errno
import fnmatch
import os
from dataclasses import dataclass

SUFFIXES = (".c", ".h")


class InputError(Exception):
    """A path the run cannot go on without: one-line message, exit 2."""


@dataclass(frozen=True, order=True)
class SourceFile:
    path: str  # as displayed: relative to the current directory when inside it
    real: str  # resolved absolute path (symlinks followed), for de-duplication


def display(path: str, cwd: str) -> str:
    ab = os.path.abspath(path)
    rel = os.path.relpath(ab, cwd)
    return ab if rel.startswith("..") else rel


def excluded(path: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    parts = path.split(os.sep)
    candidates = [path] + parts + ["/".join(parts[:i]) for i in range(1, len(parts))]
    return any(fnmatch.fnmatchcase(c, p) for p in patterns for c in candidates)


def discover(paths: list[str], exclude: tuple[str, ...] = (), force_exclude: bool = False,
             cwd: str | None = None) -> tuple[list[SourceFile], list[str]]:
    """Files to analyse, and warnings about explicit paths that were skipped."""
    cwd = cwd or os.getcwd()
    found: dict[str, SourceFile] = {}
    warnings: list[str] = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError as e:
            why = os.strerror(e.errno) if e.errno else str(e)
            if e.errno == errno.ELOOP:
                why = "symbolic link loop"
            raise InputError(f"{p}: {why}") from None
        if os.path.isdir(p):
            empty = True
            for sf in _walk(p, exclude, cwd):
                found.setdefault(sf.real, sf)
                empty = False
            if empty:  # not an error: a directory may hold no C (any more); exit 0 unless findings
                warnings.append(f"{p}: no C sources or headers (*.c, *.h) found")
        elif not p.endswith(SUFFIXES):
            warnings.append(f"{p}: skipped: not a C source or header (*.c, *.h)")
        elif force_exclude and excluded(display(p, cwd), exclude):
            continue
        elif not os.path.isfile(p) or not st.st_mode:
            warnings.append(f"{p}: skipped: not a regular file")
        else:
            sf = SourceFile(display(p, cwd), os.path.realpath(p))
            found.setdefault(sf.real, sf)
    return sorted(found.values(), key=lambda s: s.path), warnings


def _walk(top: str, exclude: tuple[str, ...], cwd: str):
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        shown = display(dirpath, cwd)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not excluded(os.path.join(shown, d), exclude))
        for name in sorted(filenames):
            if not name.endswith(SUFFIXES):
                continue
            full = os.path.join(dirpath, name)
            path = os.path.normpath(os.path.join(shown, name))
            if excluded(path, exclude) or not os.path.isfile(full):
                continue
            yield SourceFile(path, os.path.realpath(full))


def source_key(salt: str, path: str, src: bytes) -> str:
    """The identity of one file's content as a stage input: salt, path and bytes (the key of its
    cached facts, and of a header's cached types)."""
    h = hashlib.sha256(salt.encode())
    h.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
    h.update(src)
    return h.hexdigest()
