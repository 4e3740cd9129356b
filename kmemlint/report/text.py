"""Text reporter: gcc-style ``path:line:col: warning: message [rule-id]`` lines and a summary line.

Columns are gcc display columns (tabs to stops of 8), so editors' compilation modes and Kbuild users
see the same column as from gcc 12 or sparse. Related locations and code-flow steps follow as
indented ``note:`` lines. Colours follow gcc's defaults (``GCC_COLORS``).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from kmemlint.model import Finding, Loc, Rule, RunStats
from kmemlint.report.columns import convert, line_text
from kmemlint.report.context import ReportContext, shown

__all__ = ["render", "render_finding", "summary", "cost_suffix"]

# gcc's default GCC_COLORS; gcc writes each coloured run as "\33[<sgr>m\33[K" ... "\33[m\33[K"
_SGR = {"error": "01;31", "warning": "01;35", "note": "01;36", "locus": "01"}
_SUPPRESSED = {"inSource": "suppressed in source", "baseline": "baselined"}


def _paint(text: str, what: str, color: bool) -> str:
    return f"\33[{_SGR[what]}m\33[K{text}\33[m\33[K" if color else text


def _locus(loc: Loc, ctx: ReportContext) -> str:
    """``path:line:col`` with gcc's display column (or ``ctx.column_unit``: ``--column-unit``)."""
    text = line_text(ctx.source(loc.path), loc.line)
    return f"{loc.path}:{loc.line}:{convert(text, loc.col, ctx.column_unit)}"


def _diagnostic(loc: Loc, level: str, message: str, ctx: ReportContext, indent: str = "") -> str:
    return (f"{indent}{_paint(_locus(loc, ctx) + ':', 'locus', ctx.color)} "
            f"{_paint(level + ':', level, ctx.color)} {message}")


def cost_suffix(cost: Sequence[tuple[str, object]]) -> str:
    """`` (cost: ...)`` with the ``summary`` entry if there is one, else ``key=value`` pairs."""
    if not cost:
        return ""
    items = dict(cost)
    text = items["summary"] if "summary" in items else ", ".join(f"{k}={v}" for k, v in cost)
    return f" (cost: {text})"


def render_finding(finding: Finding, ctx: ReportContext) -> list[str]:
    """The lines for one finding: the diagnostic, then its related locations and flow steps."""
    level = finding.level.value
    message = finding.message + cost_suffix(finding.cost)
    if finding.suppressed:
        message += f" ({_SUPPRESSED.get(finding.suppressed, finding.suppressed)})"
    message += f" [{_paint(finding.rule, level, ctx.color)}]"
    lines = [_diagnostic(finding.loc, level, message, ctx)]
    seen = {finding.loc}
    for related in finding.related:
        seen.add(related.loc)
        lines.append(_diagnostic(related.loc, "note", related.message, ctx, indent="  "))
    for step in finding.flow:
        if step.loc not in seen:
            seen.add(step.loc)
            lines.append(_diagnostic(step.loc, "note", step.message, ctx, indent="  "))
    return lines


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def summary(findings: Iterable[Finding], stats: RunStats) -> str:
    """``kmemlint: 3 findings (1 error, 2 warnings) in 12 files; 1 suppressed; ...``.

    Counts the unsuppressed *findings*; suppressed and baselined ones come from *stats*, which the
    pipeline fills.
    """
    levels = Counter(f.level for f in findings if not f.suppressed)
    total = sum(levels.values())
    head = "no findings" if not total else _count(total, "finding") + " (" + ", ".join(
        _count(levels[s], s.value) for s in sorted(levels, key=lambda s: -s.weight)) + ")"
    parts = [f"kmemlint: {head} in {_count(stats.files, 'file')}"]
    if stats.suppressed:
        parts.append(f"{stats.suppressed} suppressed")
    if stats.baselined:
        parts.append(f"{stats.baselined} baselined")
    if stats.outside_diff:
        parts.append(f"{stats.outside_diff} outside the diff")
    if stats.parse_errors:
        share = f" ({100 * stats.error_functions / stats.functions:.1f}% of functions)" if stats.functions else ""
        parts.append(_count(stats.parse_errors, "file", "files") + " with parse errors" + share)
    if stats.skipped:
        parts.append(_count(len(stats.skipped), "file") + " skipped")
    return "; ".join(parts)


def render(findings: Iterable[Finding], rules: Iterable[Rule], stats: RunStats,
           ctx: ReportContext) -> str:
    """The text report: every shown finding in path/line order, then the summary line."""
    findings = list(findings)
    lines = [line for finding in shown(findings, ctx) for line in render_finding(finding, ctx)]
    if ctx.summary:
        lines.append(summary(findings, stats))
    return "".join(line + "\n" for line in lines)
