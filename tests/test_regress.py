"""The real-bug regression suite (tests/data/regress/, see tests/regress_harness.py): kmemlint must
not fall below the recall and silence recorded in floor.toml. bench/regress.py prints the figures
and the misses; raise the floor with `python bench/regress.py --write-floor` when kmemlint improves."""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

import regress_harness as rh
from kmemlint import registry

CASES = rh.load()


@functools.lru_cache(maxsize=1)
def _outcomes() -> tuple[rh.Outcome, ...]:
    return tuple(rh.run(CASES))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_is_well_formed(case: rh.Case) -> None:
    assert case.rule in registry.rule_ids()
    assert case.origin in ("fix", "planted")
    assert case.mechanism in rh.MECHANISMS
    assert case.dir.split("/")[0] == case.rule
    buggy, fixed = rh.SUITE / case.dir / "buggy", rh.SUITE / case.dir / "fixed"
    assert sorted(p.name for p in buggy.iterdir()) == sorted(p.name for p in fixed.iterdir())
    lines = (buggy / case.expect_file).read_text().splitlines()
    assert f"BUG: {case.rule}" in lines[case.expect_line - 1] or f"BUG2: {case.rule}" in lines[case.expect_line - 1], \
        f"{case.expect}: the expected line must carry the case's BUG comment"
    if case.origin == "fix":
        for src in (p for p in list(buggy.rglob("*")) + list(fixed.rglob("*")) if p.is_file()):
            assert "Modelled on" in src.read_text()[:600], f"{src}: must cite the kernel file it comes from"
    else:
        assert "BUG: " + case.rule not in (fixed / case.expect_file).read_text()


def test_names_are_unique() -> None:
    assert len({c.name for c in CASES}) == len(CASES)


def test_suite_is_not_below_floor() -> None:
    floor, reported = rh.load_floor()
    problems = rh.below_floor(list(_outcomes()), floor, reported)
    assert not problems, "\n".join(problems)


def test_floor_check_fails_on_a_regression() -> None:
    """The floor check itself: one previously reported case no longer reported must fail it."""
    outcomes = list(_outcomes())
    floor, reported = rh.load_floor()
    assert reported, "the floor records no reported case"
    worse = [rh.Outcome(o.case, False if o.case.name == reported[0] else o.reported, o.silent, o.got)
             for o in outcomes]
    problems = rh.below_floor(worse, floor, reported)
    assert any(reported[0] in p for p in problems)
    assert any("below the floor" in p for p in problems)
    louder = [rh.Outcome(o.case, o.reported, False, o.got) for o in outcomes]
    assert any("silent" in p for p in rh.below_floor(louder, floor, reported))
