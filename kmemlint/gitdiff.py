"""Git: the lines a change touched (``--diff REV``, ``--diff-staged``) and where a run's sources come from
(SARIF ``versionControlProvenance``).

``git diff --unified=0`` gives, for every changed file, the hunks of its new side: ``@@ -a,b +c,d @@``
changed lines ``c .. c+d-1``. A pure deletion (``d == 0``) changed nothing on the new side, but the
lines around the gap (``c`` and ``c+1``) are where its effect shows (a removed ``spin_unlock()``), so
they count as touched. Files are keyed by their resolved absolute path, so a finding's path (relative
to the current directory, or through a symlink) is compared with git's (relative to the top of the
work tree) exactly.

A finding is *in the diff* when its primary location, one of its related locations (where the memory
was allocated, where the lock was taken) or one of the steps of its flow covers a touched line: a
change of ``kmalloc()`` to ``vmalloc()`` in probe() reports the ``kfree()`` of remove() that is now
wrong, although remove() did not change.

Only this module runs git; it never writes (no ``--output``, no index refresh: ``--no-optional-locks``).
"""
from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from kmemlint.model import Finding, Loc

__all__ = ["GitError", "Changes", "changes", "in_diff", "apply", "provenance"]

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34, b"\\": 92}


class GitError(Exception):
    """git is missing, this is not a work tree, or the revision is unknown: one line, exit 2."""


@dataclass
class Changes:
    """What changed since ``base``: resolved path -> touched new-side line numbers."""

    base: str
    top: str
    lines: dict[str, set[int]] = field(default_factory=dict)

    def files(self, suffixes: tuple[str, ...] = (".c", ".h")) -> list[str]:
        """The changed files that still exist, relative to the current directory when inside it."""
        cwd = os.getcwd()
        out = []
        for real in sorted(self.lines):
            if real.endswith(suffixes) and os.path.isfile(real):
                rel = os.path.relpath(real, cwd)
                out.append(real if rel.startswith("..") else rel)
        return out


def _git(args: list[str], cwd: str | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "--no-optional-locks", "-c", "core.quotepath=off", *args], cwd=cwd,
                              stdin=subprocess.DEVNULL, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git not found on PATH") from None
    except OSError as e:
        raise GitError(f"cannot run git: {e.strerror or e}") from None
    if proc.returncode != 0:
        lines = [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        raise GitError(lines[0].removeprefix("fatal: ").strip() if lines else f"git {args[0]} failed")
    return proc.stdout


def _unquote(path: bytes) -> bytes:
    """A path as git prints it in a diff header: C-quoted when it has special characters."""
    if not path.startswith(b'"'):
        return path
    body, out, i = path[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i:i + 1]
        if c != b"\\":
            out += c
            i += 1
        elif body[i + 1:i + 2] in _ESCAPES:
            out.append(_ESCAPES[body[i + 1:i + 2]])
            i += 2
        else:  # \ooo octal, one byte of a UTF-8 sequence
            out.append(int(body[i + 1:i + 4], 8))
            i += 4
    return bytes(out)


def parse(diff: bytes, top: str) -> dict[str, set[int]]:
    """Touched new-side lines per resolved path, from ``git diff --unified=0`` output."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.split(b"\n"):
        if line.startswith(b"+++ "):
            target = line[4:].rstrip(b"\r")
            if target == b"/dev/null":
                current = None
                continue
            name = _unquote(target)
            name = name[2:] if name.startswith(b"b/") else name
            real = os.path.realpath(os.path.join(top, os.fsdecode(name)))
            current = out.setdefault(real, set())
        elif line.startswith(b"@@ ") and current is not None:
            m = _HUNK.match(line)
            if not m:
                continue
            start, count = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
            current.update(range(start, start + count) if count else (start, start + 1))
    return out


def _env_refs() -> tuple[str, str] | None:
    """pre-commit's ``--from-ref``/``--to-ref`` (and the pre-push stage): the range it checks."""
    a, b = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    return (a, b) if a and b else None


def changes(rev: str | None, staged: bool = False, cwd: str | None = None) -> Changes:
    """The lines changed in the work tree since ``rev`` (``git diff REV``, plus untracked files, whole),
    or, with ``staged``, in the index since HEAD (``git diff --cached``; under pre-commit, whose
    stash makes the work tree equal the index, and under its ``--from-ref/--to-ref`` that range)."""
    if rev is not None and (not rev or rev.startswith("-")):
        raise GitError(f"{rev!r} is not a revision (a commit, branch or tag)")
    top = os.path.realpath(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    args = ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0", "--diff-filter=d",
            "--src-prefix=a/", "--dst-prefix=b/"]
    refs = _env_refs() if staged else None
    if refs:
        base = f"{refs[0]}...{refs[1]}"
        args.append(base)
    elif staged:
        base = "the index"
        args.append("--cached")
    else:
        base = rev
        if "..." not in rev:  # A...B (from their merge base) is left to git diff
            try:
                _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
            except GitError:
                raise GitError(f"unknown revision {rev!r}") from None
        args.append(rev)
    lines = parse(_git([*args, "--"], top), top)
    if not staged:  # new files not yet added are changed from their first line to their last
        for name in _git(["ls-files", "-z", "--others", "--exclude-standard"], top).split(b"\0"):
            if name:
                real = os.path.realpath(os.path.join(top, os.fsdecode(name)))
                lines[real] = _all_lines(real)
    return Changes(base, top, lines)


def _all_lines(path: str) -> set[int]:
    try:
        with open(path, "rb") as fh:
            n = fh.read().count(b"\n") + 1
    except OSError:
        return set()
    return set(range(1, n + 1))


def _touches(loc: Loc, changed: dict[str, set[int]], real: dict[str, str]) -> bool:
    path = real.get(loc.path)
    if path is None:
        path = real[loc.path] = os.path.realpath(loc.path)
    lines = changed.get(path)
    if not lines:
        return False
    last = max(loc.end_line, loc.line)
    return any(n in lines for n in range(loc.line, last + 1))


def in_diff(finding: Finding, changed: dict[str, set[int]], real: dict[str, str] | None = None) -> bool:
    """Whether the finding's location, a related location or a flow step covers a touched line."""
    real = {} if real is None else real
    locs = (finding.loc, *(r.loc for r in finding.related), *(s.loc for s in finding.flow))
    return any(_touches(loc, changed, real) for loc in locs)


def apply(findings: Iterable[Finding], changes_: Changes) -> tuple[list[Finding], int]:
    """The findings in the diff, and how many reported findings were left out as outside it."""
    kept, outside, real = [], 0, {}
    for f in findings:
        if in_diff(f, changes_.lines, real):
            kept.append(f)
        elif not f.suppressed:
            outside += 1
    return kept, outside


def _public_uri(url: str) -> str | None:
    """A remote URL as a URI without credentials: ``git@host:o/r.git`` -> ``ssh://git@host/o/r.git``."""
    url = url.strip()
    m = re.match(r"^([\w.-]+@)?([\w.-]+):(?!//)(.+)$", url)
    if m and "/" not in m.group(2):
        url = f"ssh://{m.group(1) or ''}{m.group(2)}/{m.group(3).lstrip('/')}"
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.hostname or ""
    user = parts.username if parts.scheme == "ssh" and parts.password is None else None
    netloc = (f"{user}@" if user else "") + host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def provenance(directory: str) -> dict | None:
    """Where *directory*'s sources come from, when it is in a git work tree with a commit and an
    ``origin`` (else the first) remote: ``{"repositoryUri", "revisionId", "top", "branch"}`` (top: the
    work tree's root; branch only when
    one is checked out). None outside git, without commits or without a usable remote. Credentials in
    the remote URL are never copied."""
    try:
        revision = _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], directory).decode().strip()
        remotes = _git(["remote"], directory).decode().split()
        if not remotes:
            return None
        remote = "origin" if "origin" in remotes else remotes[0]
        uri = _public_uri(_git(["remote", "get-url", remote], directory).decode())
    except GitError:
        return None
    try:
        branch = _git(["symbolic-ref", "--quiet", "--short", "HEAD"], directory).decode().strip()
    except GitError:  # a detached HEAD (CI checks out a commit)
        branch = ""
    if not uri or not revision:
        return None
    top = os.path.realpath(_git(["rev-parse", "--show-toplevel"], directory).decode().strip())
    out = {"repositoryUri": uri, "revisionId": revision, "top": top}
    if branch:
        out["branch"] = branch
    return out

