"""THE harness: every fixture under fixtures/<rule-id>/, checked exactly against its annotations,
running only that rule (clang-tidy's --checks=-*,name)."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from fixture_harness import FIXTURES, ROOT, cases, compare, parse, sources
from kmemlint import pipeline, registry


@functools.lru_cache(maxsize=None)
def _lines(path: str) -> list[str]:
    return Path(path).read_text().splitlines()


def _source_line(path: str, line: int) -> str:
    lines = _lines(path)
    return lines[line - 1] if 0 < line <= len(lines) else ""


@pytest.mark.parametrize("case", cases(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(case: Path) -> None:
    rule_id = case.relative_to(FIXTURES).parts[0]
    assert rule_id in registry.rule_ids(), f"fixtures/{rule_id}: no such rule"
    ann = parse(case)
    for src, has_header in ann.headers.items():
        assert has_header, f"{src}: a fixture must say which kernel file it is 'Modelled on'"
    assert ann.rule_ids <= {rule_id}, f"annotations name other rules: {ann.rule_ids - {rule_id}}"
    result = pipeline.run(pipeline.Options(paths=[str(p) for p in sources(case)], select=(rule_id,)),
                          warn=lambda m: None)
    problems = compare(ann, result.findings, _source_line)
    assert not problems, "\n".join(problems)


def test_there_are_fixtures() -> None:
    assert len(cases()) >= len(registry.rule_ids())
