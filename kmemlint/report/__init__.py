"""Reporters: turn a run's findings into text, JSON or SARIF output."""
from __future__ import annotations

import importlib
from collections.abc import Iterable

from kmemlint.model import Finding, Rule, RunStats
from kmemlint.report.context import GITHUB_MAX_RESULTS, ReportContext, read_lines, split_lines

__all__ = ["FORMATS", "ReportContext", "render", "read_lines", "split_lines", "GITHUB_MAX_RESULTS"]

#: output format name -> module with ``render(findings, rules, stats, ctx) -> str``
FORMATS = {"text": "kmemlint.report.text", "json": "kmemlint.report.json",
           "sarif": "kmemlint.report.sarif", "github": "kmemlint.report.github"}


def render(fmt: str, findings: Iterable[Finding], rules: Iterable[Rule], stats: RunStats,
           ctx: ReportContext) -> str:
    """The report of *findings* in format *fmt* (one of :data:`FORMATS`), ending with a newline.

    *rules* are all the rules that ran (SARIF lists each one, with or without results).
    """
    try:
        module = FORMATS[fmt]
    except KeyError:
        expected = ", ".join(FORMATS)
        raise ValueError(f"unknown report format {fmt!r}; expected one of {expected}") from None
    return importlib.import_module(module).render(findings, rules, stats, ctx)
