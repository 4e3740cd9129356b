"""Rule selection as ruff does it: did-you-mean for unknown ids, ``ALL``, and a mistyped subcommand
named as such rather than taken for a missing path."""
from __future__ import annotations

from pathlib import Path

import pytest

from kmemlint import registry
from test_cli import one_error_line, run, tree  # noqa: F401 - the fixture


@pytest.mark.parametrize("args, message", [
    (["--select", "sleep-in-atmoic", "drv"], "unknown rule id 'sleep-in-atmoic' (did you mean 'sleep-in-atomic'?)"),
    (["--ignore", "alloc-free-mismatc", "drv"], "unknown rule id 'alloc-free-mismatc' (did you mean 'alloc-free-mismatch'?)"),
    (["--select", "all", "drv"], "unknown rule id 'all' (did you mean 'ALL'?)"),
    (["--select", "xyzzy", "drv"], "unknown rule id 'xyzzy' (see `kmemlint rules`)"),
    (["rules", "dma-on-stak"], "unknown rule id 'dma-on-stak' (did you mean 'dma-on-stack'?)"),
    (["chek", "drv"], "no such command 'chek' (did you mean 'check'?)"),
    (["rule"], "no such command 'rule' (did you mean 'rules'?)"),
])
def test_unknown_names_suggest_the_closest(tree: Path, args, message) -> None:
    r = run(args, cwd=tree)
    assert r.exit_code == 2 and one_error_line(r) == f"kmemlint: error: {message}"


def test_a_missing_path_is_still_a_missing_path(tree: Path) -> None:
    r = run(["drvr"], cwd=tree)
    assert r.exit_code == 2 and one_error_line(r) == "kmemlint: error: drvr: No such file or directory"
    (tree / "chek").mkdir()  # a directory named like a typo is analysed
    assert run(["chek"], cwd=tree).exit_code == 0


def test_config_suggests_too(tree: Path) -> None:
    (tree / ".kmemlint.toml").write_text('select = ["dma-on-vmaloc"]\n')
    r = run(["drv"], cwd=tree)
    assert r.exit_code == 2 and one_error_line(r).endswith(
        "select: unknown rule id 'dma-on-vmaloc' (did you mean 'dma-on-vmalloc'?)")


def test_all(tree: Path) -> None:
    assert run(["--select", "ALL", "drv"], cwd=tree).exit_code == 1
    assert run(["--select", "ALL", "--ignore", "alloc-free-mismatch", "drv"], cwd=tree).exit_code == 0
    assert run(["--ignore", "ALL", "drv"], cwd=tree).exit_code == 0
    assert run(["--ignore", "ALL", "--select", "alloc-free-mismatch", "drv"], cwd=tree).exit_code == 1
    (tree / ".kmemlint.toml").write_text('select = ["ALL"]\nignore = ["alloc-free-mismatch"]\n')
    assert run(["drv"], cwd=tree).exit_code == 0


def test_select_all_selects_every_rule() -> None:
    from kmemlint.pipeline import select_rules

    every = [r.rule.id for r in registry.all_rules()]
    assert [r.rule.id for r in select_rules(("ALL",), ())] == every == [r.rule.id for r in select_rules((), ())]
    assert [r.rule.id for r in select_rules(("dma-on-stack",), ("ALL",))] == ["dma-on-stack"]
    assert select_rules((), ("ALL",)) == []
