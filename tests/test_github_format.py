"""``--format github``: GitHub Actions workflow commands (annotations), escaped as GitHub's toolkit does."""
from __future__ import annotations

from pathlib import Path

from kmemlint.model import Severity
from kmemlint.report import render
from report_helpers import DRIVER, DRIVER_C, RULES, context, sleep_finding, stats, write_tree
from test_cli import run, tree  # noqa: F401 - the fixture


def test_one_annotation_per_finding_with_notes_and_the_summary(tmp_path: Path, monkeypatch) -> None:
    write_tree(tmp_path, {DRIVER: DRIVER_C})
    monkeypatch.chdir(tmp_path)
    out = render("github", [sleep_finding()], RULES, stats(), context(tmp_path)).splitlines()
    assert out == [
        "::error file=drivers/net/foo.c,line=10,endLine=10,col=8,endColumn=15,title=kmemlint (sleep-in-atomic)"
        "::kmalloc(GFP_KERNEL) may sleep while foo->lock is held [sleep-in-atomic]"
        "%0Adrivers/net/foo.c:9:2: note: spinlock taken here",
        "kmemlint: 1 finding (1 error) in 1 file",
    ]


def test_levels_and_escaping(tmp_path: Path, monkeypatch) -> None:
    write_tree(tmp_path, {"a,b:c%.c": DRIVER_C})
    monkeypatch.chdir(tmp_path)
    f = sleep_finding(path="a,b:c%.c", level=Severity.NOTE, related=(), flow=(),
                      message="100% sure: line one\r\nline two")
    (line, _) = render("github", [f], RULES, stats(), context(tmp_path)).splitlines()
    assert line.startswith("::notice file=a%2Cb%3Ac%25.c,line=10,")
    assert line.endswith("title=kmemlint (sleep-in-atomic)::100%25 sure: line one%0D%0Aline two [sleep-in-atomic]")
    warning = sleep_finding(level=Severity.WARNING, related=(), flow=())
    assert render("github", [warning], RULES, stats(), context(tmp_path, summary=False)).startswith("::warning ")


def test_cli_paths_are_relative_to_srcroot(tree: Path) -> None:
    r = run(["--format", "github", "drv"], cwd=tree)
    assert r.exit_code == 1
    assert r.output.splitlines()[0].startswith(
        "::error file=drv/bad.c,line=6,endLine=6,col=2,endColumn=7,title=kmemlint (alloc-free-mismatch)::")
    r = run(["--format", "github", "--srcroot", "..", "."], cwd=tree / "drv")
    assert r.output.startswith("::error file=drv/bad.c,line=6,")  # not bad.c: GitHub resolves from the root
