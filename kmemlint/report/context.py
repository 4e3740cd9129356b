"""What every reporter needs besides the findings: the run's settings and the source lines."""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kmemlint import __version__, roots
from kmemlint.model import Finding
from kmemlint.report.columns import Unit

__all__ = ["ReportContext", "SourceReader", "read_lines", "replaced", "split_lines", "join_lines", "shown",
           "under_root", "order_key", "GITHUB_MAX_RESULTS"]

#: GitHub rejects a SARIF run with more results than this
GITHUB_MAX_RESULTS = 25_000

#: ``source(path)`` returns the lines of *path* (as given in ``Loc.path``) or None if unreadable
SourceReader = Callable[[str], Sequence[str] | None]


def split_lines(text: str) -> list[str]:
    """Split *text* after each ``\\n``, keeping the terminators.

    Unlike ``str.splitlines`` this does not break at form feeds, vertical tabs or U+2028, which C
    sources contain but compilers do not count as line ends. ``"".join()`` gives *text* back.
    """
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


def join_lines(lines: Sequence[str]) -> str:
    """The file text from the lines a ``source`` callable returned.

    Lines normally keep their terminators (as :func:`split_lines` gives them). If none has one, the
    caller used ``splitlines()``; the lines are then joined with ``\\n`` and a final newline is
    assumed, as in every kernel source file.
    """
    if any(line.endswith(("\n", "\r")) for line in lines):
        return "".join(lines)
    return "".join(line + "\n" for line in lines)


def read_lines(path: str) -> list[str] | None:
    """The lines of the file at *path*, decoded as UTF-8 with each invalid byte as a lone surrogate
    (``errors="surrogateescape"``, so byte columns stay exact: see kmemlint.report.columns); None if
    unreadable. :func:`replaced` gives the text as a reader sees it."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return split_lines(data.decode("utf-8", errors="surrogateescape"))


def replaced(text: str) -> str:
    """*text* with escaped invalid bytes as U+FFFD, as ``errors="replace"`` (and Node.js) decode them."""
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def under_root(path: str, srcroot: Path) -> tuple[Path, str | None]:
    """*path* resolved (symlinks followed, as code scanning needs), and its POSIX path relative to
    *srcroot* (resolved too), or None when it is outside."""
    absolute = Path(path)
    if not absolute.is_absolute():
        absolute = Path.cwd() / absolute
    absolute = absolute.resolve()
    try:
        return absolute, absolute.relative_to(srcroot.resolve()).as_posix()
    except ValueError:
        return absolute, None


def _cached_reader() -> SourceReader:
    return functools.lru_cache(maxsize=256)(read_lines)


@dataclass
class ReportContext:
    """Settings shared by the text, JSON and SARIF reporters."""

    #: kmemlint's version, for SARIF ``tool.driver.version``
    version: str = __version__
    #: SARIF URIs are relative to this directory (the repository root; in an ``O=`` build, srctree)
    srcroot: Path = field(default_factory=Path.cwd)
    #: ANSI colour in the text output
    color: bool = False
    #: the lines of a file; lines keep their terminators (see :func:`split_lines`)
    source: SourceReader = field(default_factory=_cached_reader)
    #: also report suppressed and baselined findings (marked as such)
    report_suppressed: bool = False
    #: SARIF ``run.automationDetails.id``: ``category/run-id``
    automation_id: str = "kmemlint/"
    #: most SARIF results to write (highest level and rank kept); None for no cap
    max_results: int | None = GITHUB_MAX_RESULTS
    #: end the text output with the one-line summary
    summary: bool = True
    #: finding order: "location" (path, line, column, rule) or "impact" (highest rank first)
    sort: str = "location"
    #: SARIF ``versionControlProvenance``: {"repositoryUri", "revisionId", "branch"?, "top"} of the
    #: git work tree the sources are in (kmemlint.gitdiff.provenance), or None
    provenance: dict | None = None
    #: the text reporter's column unit: gcc's display columns (tabs to stops of 8) unless
    #: ``--column-unit`` asks for bytes or characters (Unicode code points)
    column_unit: Unit = Unit.DISPLAY
    #: the ``--srcroot`` given, if any: fingerprints hash paths relative to it (else to the
    #: kernel tree or git repository of the file, see kmemlint.roots)
    fingerprint_root: Path | None = None

    def fingerprint(self, finding: Finding) -> str:
        """The finding's fingerprint, the same from any directory and with absolute paths."""
        return finding.fingerprint_for(roots.relative(finding.loc.path, self.fingerprint_root))


def shown(findings: Iterable[Finding], ctx: ReportContext) -> list[Finding]:
    """The findings to report, in the deterministic order of ``Finding.sort_key`` (or, with
    ``ctx.sort == "impact"``, highest ``Finding.rank`` first, ties in that order).

    Suppressed and baselined findings are left out unless ``ctx.report_suppressed``.
    """
    keep = (f for f in findings if ctx.report_suppressed or not f.suppressed)
    if ctx.sort == "impact":
        return sorted(keep, key=lambda f: (-f.rank, order_key(f)))
    return sorted(keep, key=order_key)


def order_key(finding: Finding) -> tuple:
    """A total order (the input order may vary with ``--jobs``): ``sort_key``, then all the rest."""
    return (finding.sort_key(), finding.loc, finding.fingerprint, finding.level.weight,
            finding.rank, tuple((r.loc, r.message) for r in finding.related),
            tuple((s.loc, s.kind, s.message) for s in finding.flow),
            finding.suppressed, str(finding.precision), repr(finding.cost))
