"""Meta-tests over the rule registry: ids, module names, documentation sections, fixtures."""
from __future__ import annotations

import re

import pytest

from fixture_harness import FIXTURES, parse
from kmemlint import registry

SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Known limitations", "## References")
RULES = registry.all_rules()


def test_rules_are_discovered() -> None:
    ids = [r.rule.id for r in RULES]
    assert "alloc-free-mismatch" in ids
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("rm", RULES, ids=lambda r: r.rule.id)
def test_rule_declaration(rm) -> None:
    rule = rm.rule
    assert rm.module == "kmemlint.rules." + rule.id.replace("-", "_"), "module name must be the id in snake_case"
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.id}: documentation lacks {section!r}"
    assert rule.full_description and len(rule.full_description) <= 1024
    assert rule.summary[0].islower() and not rule.summary.endswith("."), "summaries: lower case, no period"


@pytest.mark.parametrize("rm", RULES, ids=lambda r: r.rule.id)
def test_rule_has_fixtures_that_fire_and_stay_silent(rm) -> None:
    folder = FIXTURES / rm.rule.id
    assert folder.is_dir(), f"fixtures/{rm.rule.id}/ is missing"
    kinds: dict[str, int] = {}
    for case in folder.iterdir():
        for kind, keys in parse(case).by_kind.items():
            kinds[kind] = kinds.get(kind, 0) + len(keys)
    assert kinds.get("expect"), f"{rm.rule.id}: no fixture expects a finding"
    assert kinds.get("ok"), f"{rm.rule.id}: no fixture marks a place that must stay silent"


def test_rule_ids_are_kebab_case() -> None:
    for rid in registry.rule_ids():
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rid)
