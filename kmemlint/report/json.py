"""JSON reporter: a plain, sorted list of finding objects for scripts.

Each object has the keys in :data:`FINDING_KEYS`. Columns are 1-based Unicode code point columns
(what a Python ``str`` index counts), end exclusive; a finding without an end covers its token.
With ``report_suppressed`` every object also has ``"suppressed"``: null, ``"inSource"`` or
``"baseline"``.
"""
from __future__ import annotations

import json
from collections.abc import Iterable

from kmemlint.model import Finding, Loc, Precision, Rule, RunStats
from kmemlint.report.columns import Unit, span
from kmemlint.report.context import ReportContext, shown

__all__ = ["render", "finding_dict", "FINDING_KEYS", "LOCATION_KEYS", "effective_precision"]

#: the keys of each finding object, in output order
FINDING_KEYS = ("rule", "level", "path", "line", "column", "end_line", "end_column", "message",
                "function", "fingerprint", "precision", "related", "flow", "cost", "rank")
#: the keys of each ``related`` entry; ``flow`` entries add ``kind``
LOCATION_KEYS = ("path", "line", "column", "end_line", "end_column", "message")


def effective_precision(finding: Finding, rules: dict[str, Rule]) -> Precision | None:
    """The finding's own precision, else its rule's, else None."""
    if finding.precision is not None:
        return finding.precision
    rule = rules.get(finding.rule)
    return rule.precision if rule else None


def _location(loc: Loc, ctx: ReportContext) -> dict:
    line, col, end_line, end_col = span(loc, ctx.source(loc.path), Unit.CODE_POINT)
    return {"path": loc.path, "line": line, "column": col,
            "end_line": end_line, "end_column": end_col}


def finding_dict(finding: Finding, rules: dict[str, Rule], ctx: ReportContext) -> dict:
    """One finding as a JSON-able dict with the keys of :data:`FINDING_KEYS`."""
    precision = effective_precision(finding, rules)
    out = {
        "rule": finding.rule,
        "level": finding.level.value,
        **_location(finding.loc, ctx),
        "message": finding.message,
        "function": finding.function,
        "fingerprint": ctx.fingerprint(finding),
        "precision": precision.value if precision else None,
        "related": [{**_location(r.loc, ctx), "message": r.message} for r in finding.related],
        "flow": [{**_location(s.loc, ctx), "message": s.message, "kind": s.kind}
                 for s in finding.flow],
        "cost": dict(finding.cost),
        "rank": finding.rank,
    }
    if ctx.report_suppressed:
        out["suppressed"] = finding.suppressed or None
    return out


def render(findings: Iterable[Finding], rules: Iterable[Rule], stats: RunStats,
           ctx: ReportContext) -> str:
    """The JSON report: a list sorted by path, line, column and rule, indented by 2."""
    by_id = {rule.id: rule for rule in rules}
    data = [finding_dict(f, by_id, ctx) for f in shown(findings, ctx)]
    return json.dumps(data, indent=2, allow_nan=False) + "\n"
