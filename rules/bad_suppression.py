"""A suppression comment names a rule kmemlint does not have.

## What it does
Reports ``/* kmemlint: ignore[...] */`` comments that name an unknown rule id, such as a typo or a
rule that was renamed.

## Why is this bad?
A suppression with a misspelt id suppresses nothing: the finding it was meant to silence comes
back, or worse, the comment gives readers the false impression that a known problem was reviewed.

## Example
    buf = vmalloc(len);
    kfree(buf); /* kmemlint: ignore[alloc-free-missmatch] */

Use instead:
    kfree(buf); /* kmemlint: ignore[alloc-free-mismatch] */

## Known limitations
Only the id list is checked, not whether the suppression still matches a finding.

## References
- `kmemlint rules` lists every rule id.
"""
from __future__ import annotations

from kmemlint.model import Finding, Precision, Rule, Severity
from kmemlint.registry import rule_ids

RULE = Rule(
    id="bad-suppression",
    summary="suppression comment names an unknown rule id",
    severity=Severity.WARNING,
    precision=Precision.VERY_HIGH,
    tags=("maintainability",),
)


def check(ctx):
    known = set(rule_ids())
    for f in ctx.program.files:
        for s in f.suppressions:
            for rid in s.ids:
                if rid not in known:
                    yield Finding(RULE.id, RULE.severity, s.loc,
                                  f"unknown rule id '{rid}' in kmemlint suppression comment",
                                  subject=rid)
