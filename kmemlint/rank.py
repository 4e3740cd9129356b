"""Ranking stage: every finding gets its allocation's cost estimate and an impact rank.

Runs after the rules and the suppressions, before the reporters. For each finding, the places it
points at (its own location, its related locations such as alloc-free-mismatch's "allocated
here", its code-flow steps) are looked up among the allocation sites of the size stage
(:mod:`kmemlint.allocsites`); when one or more of them has an evaluated size, the costliest
(highest :meth:`Cost.impact`) is attached as ``Finding.cost`` (:meth:`Cost.as_properties` plus
the allocator and the site). Sites whose size is not a constant add nothing.

``Finding.rank`` (0..100, higher is worse) is computed for every finding::

    rank = precision factor x (level score + 0.32 x impact)

with level scores error 67, warning 34, note 1, precision factors very-high 1.0, high 0.9,
medium 0.7, low 0.5 (the finding's own precision, else its rule's), and impact the attached
cost's :meth:`Cost.impact` (0 without one). So an error never ranks below a warning of the same
precision (the impact moves a finding within its level's band), and within a level the costlier
allocation ranks first. ``--sort impact`` orders the
output by this rank.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable

from kmemlint.model import Finding, Precision, Rule, Severity

__all__ = ["apply", "rank_of", "LEVEL_SCORE", "PRECISION_FACTOR"]

LEVEL_SCORE = {Severity.ERROR: 67.0, Severity.WARNING: 34.0, Severity.NOTE: 1.0}
IMPACT_WEIGHT = 0.32
PRECISION_FACTOR = {Precision.VERY_HIGH: 1.0, Precision.HIGH: 0.9, Precision.MEDIUM: 0.7,
                    Precision.LOW: 0.5}


def rank_of(level: Severity, precision: Precision | None, impact: float = 0.0) -> float:
    factor = PRECISION_FACTOR.get(precision, 0.7) if precision is not None else 0.7
    score = LEVEL_SCORE.get(level, 1.0) + IMPACT_WEIGHT * max(0.0, min(100.0, impact))
    return round(factor * score, 1)


def _site_for(finding: Finding, sites):
    best = None
    locs = [finding.loc, *(r.loc for r in finding.related), *(s.loc for s in finding.flow)]
    for loc in locs:
        site = sites.at(loc)
        if site is None or site.cost is None:
            continue
        if best is None or site.cost.impact() > best.cost.impact():
            best = site
    return best


def apply(findings: Iterable[Finding], sites, rules: dict[str, Rule]) -> list[Finding]:
    """The findings with ``cost`` and ``rank`` set."""
    out = []
    for f in findings:
        rule = rules.get(f.rule)
        precision = f.precision or (rule.precision if rule is not None else None)
        site = _site_for(f, sites) if sites is not None else None
        if site is None:
            out.append(dataclasses.replace(f, rank=rank_of(f.level, precision)))
            continue
        cost = site.cost.as_properties() + (("allocator", site.callee), ("site", str(site.loc)))
        out.append(dataclasses.replace(f, cost=cost,
                                       rank=rank_of(f.level, precision, site.cost.impact())))
    return out
