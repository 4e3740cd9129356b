"""THE harness: every fixture under fixtures/<rule-id>/, checked exactly against its annotations,
running only that rule (clang-tidy's --checks=-*,name)."""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from fixture_harness import FIXTURES, ROOT, cases, compare, parse, sources
from kmemlint import modelbuild, pipeline, registry


@functools.lru_cache(maxsize=None)
def _lines(path: str) -> list[str]:
    return Path(path).read_text().splitlines()


def _source_line(path: str, line: int) -> str:
    lines = _lines(path)
    return lines[line - 1] if 0 < line <= len(lines) else ""


@functools.lru_cache(maxsize=None)
def _mini_model(base: str) -> str:
    """``kmemlint model build tests/data/model-tree`` once per session."""
    out = Path(base) / "mini-model.sqlite"
    here = os.getcwd()
    os.chdir(ROOT / "tests" / "data" / "model-tree")
    try:
        modelbuild.build_model(pipeline.Options(paths=[], jobs=1, cache_dir=None), out, warn=lambda m: None)
    finally:
        os.chdir(here)
    return str(out)


@pytest.mark.parametrize("case", cases(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(case: Path, tmp_path_factory) -> None:
    rule_id = case.relative_to(FIXTURES).parts[0]
    assert rule_id in registry.rule_ids(), f"fixtures/{rule_id}: no such rule"
    ann = parse(case)
    for src, has_header in ann.headers.items():
        assert has_header, f"{src}: a fixture must say which kernel file it is 'Modelled on'"
    assert ann.rule_ids <= {rule_id}, f"annotations name other rules: {ann.rule_ids - {rule_id}}"
    # fixtures test mechanisms, not the shipped model's contents: no model, except the cases named
    # kernel_model*, which get the model of the miniature tree tests/data/model-tree
    model = _mini_model(str(tmp_path_factory.getbasetemp())) if case.name.startswith("kernel_model") else "none"
    result = pipeline.run(pipeline.Options(paths=[str(p) for p in sources(case)], select=(rule_id,),
                                           kernel_model=model), warn=lambda m: None)
    problems = compare(ann, result.findings, _source_line)
    assert not problems, "\n".join(problems)


def test_there_are_fixtures() -> None:
    assert len(cases()) >= len(registry.rule_ids())
