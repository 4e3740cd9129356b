"""Inline suppressions, applied after the rules ran: a finding covered by a
``/* kmemlint: ignore[rule-id, ...] */`` comment on its line or the line above (found per file by
kmemlint.frontend.suppressions) is marked ``inSource``."""
from __future__ import annotations

import dataclasses
from typing import Iterable

from kmemlint.model import Finding

def apply(findings: Iterable[Finding], suppressions_by_path: dict[str, tuple]) -> list[Finding]:
    """Mark findings covered by a suppression on their line or the line above as ``inSource``."""
    out = []
    for f in findings:
        for s in suppressions_by_path.get(f.loc.path, ()):
            if f.rule in s.ids and s.line in (f.loc.line, f.loc.line - 1):
                f = dataclasses.replace(f, suppressed="inSource")
                break
        out.append(f)
    return out
