"""GitHub Actions reporter: one workflow command per finding, shown as an annotation on the pull
request's diff and in the run's summary, without code scanning (and so with the read-only token of a
pull request from a fork). This is ruff's ``--output-format github``.

``::error file=P,line=L,endLine=L2,col=C,endColumn=C2,title=kmemlint (rule-id)::message`` with the
levels error, warning and notice (for note). Paths are relative to ``ctx.srcroot`` (the repository
root, which GitHub resolves them against); columns are UTF-16 code units, end exclusive, as in SARIF.
Related locations and flow steps follow the message as ``path:line:col: note`` lines. Values are
escaped as GitHub's toolkit does (``%``, CR and LF in the message; also ``:`` and ``,`` in properties).
GitHub shows at most 10 annotations of each level per step and 50 per job: ``--sort impact`` puts
the worst first. The one-line summary ends the output as a plain log line.
"""
from __future__ import annotations

from collections.abc import Iterable

from kmemlint.model import Finding, Loc, Rule, RunStats
from kmemlint.report.columns import Unit, span
from kmemlint.report.context import ReportContext, shown, under_root
from kmemlint.report.text import summary

__all__ = ["render", "command"]

_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _path(loc: Loc, ctx: ReportContext) -> str:
    absolute, relative = under_root(loc.path, ctx.srcroot)
    return relative if relative is not None else str(absolute)


def command(finding: Finding, ctx: ReportContext) -> str:
    """The workflow command of one finding."""
    line, col, end_line, end_col = span(finding.loc, ctx.source(finding.loc.path), Unit.UTF16)
    props = [("file", _path(finding.loc, ctx)), ("line", line), ("endLine", end_line), ("col", col),
             ("endColumn", end_col), ("title", f"kmemlint ({finding.rule})")]
    notes, seen = [], {finding.loc}
    for loc, message in [(r.loc, r.message) for r in finding.related] + [(s.loc, s.message) for s in finding.flow]:
        if loc not in seen:
            seen.add(loc)
            n_line, n_col, _, _ = span(loc, ctx.source(loc.path), Unit.UTF16)
            notes.append(f"{_path(loc, ctx)}:{n_line}:{n_col}: note: {message}")
    message = "\n".join([f"{finding.message} [{finding.rule}]", *notes])
    head = ",".join(f"{key}={_property(str(value))}" for key, value in props)
    return f"::{_LEVEL[finding.level.value]} {head}::{_data(message)}"


def render(findings: Iterable[Finding], rules: Iterable[Rule], stats: RunStats, ctx: ReportContext) -> str:
    """A workflow command per shown finding, then the summary line."""
    findings = list(findings)
    lines = [command(f, ctx) for f in shown(findings, ctx)]
    if ctx.summary:
        lines.append(summary(findings, stats))
    return "".join(line + "\n" for line in lines)
