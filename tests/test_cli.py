"""The command line, through click's CliRunner and through a real subprocess: formats, exit codes,
configuration, and bad input (one line, exit 2 where the run cannot go on, never a traceback)."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixture_harness import FIXTURES
from kmemlint import __version__, registry
from kmemlint.cli import main

BAD = """/* vmalloc'ed, kfree'd */
static void f(unsigned long n)
{
\tvoid *p = vmalloc(n);

\tkfree(p);
}
"""
GOOD = "static void g(void)\n{\n\tvoid *p = kmalloc(8, GFP_KERNEL);\n\tkfree(p);\n}\n"


def run(args, cwd: Path | None = None, **kw):
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return runner.invoke(main, args, catch_exceptions=False, **kw)
    finally:
        os.chdir(old)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "drv").mkdir()
    (tmp_path / "drv" / "bad.c").write_text(BAD)
    (tmp_path / "drv" / "good.c").write_text(GOOD)
    (tmp_path / "drv" / "notes.txt").write_text("not C\n")
    return tmp_path


def one_error_line(result) -> str:
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def test_version() -> None:
    r = run(["--version"])
    from importlib.metadata import version

    assert r.exit_code == 0 and r.output == (f"kmemlint {__version__} (tree-sitter {version('tree-sitter')}, "
                                             f"tree-sitter-c {version('tree-sitter-c')}, Python {sys.version.split()[0]})\n")


def test_rules_lists_every_rule_with_docs() -> None:
    r = run(["rules"])
    assert r.exit_code == 0
    for rid in registry.rule_ids():
        assert rid in r.output
    assert "## Why is this bad?" in r.output
    data = json.loads(run(["rules", "--format", "json"]).output)
    assert [d["id"] for d in data] == list(registry.rule_ids())
    assert run(["rules", "no-such-rule"]).exit_code == 2


def test_text_output_and_exit_code(tree: Path) -> None:
    r = run(["drv"], cwd=tree)
    assert r.exit_code == 1, r.output
    first = r.output.splitlines()[0]
    assert first.startswith("drv/bad.c:6:9: error: ")  # gcc display column: tab stops of 8 and first.endswith("[alloc-free-mismatch]")
    assert "drv/bad.c:4:19: note: allocated here by vmalloc()" in r.output
    assert "1 finding" in r.output.splitlines()[-1]
    assert "\x1b[" not in r.output  # no colour when not a terminal


def test_clean_file_exits_zero(tree: Path) -> None:
    r = run(["drv/good.c"], cwd=tree)
    assert r.exit_code == 0, r.output


def test_exit_zero_and_select_ignore(tree: Path) -> None:
    assert run(["--exit-zero", "drv"], cwd=tree).exit_code == 0
    assert run(["--ignore", "alloc-free-mismatch", "drv"], cwd=tree).exit_code == 0
    assert run(["--select", "bad-suppression", "drv"], cwd=tree).exit_code == 0
    r = run(["--select", "no-such-rule", "drv"], cwd=tree)
    assert r.exit_code == 2 and "unknown rule id 'no-such-rule'" in one_error_line(r)


def test_json_output(tree: Path) -> None:
    r = run(["--format", "json", "drv"], cwd=tree)
    data = json.loads(r.output)
    assert [(d["rule"], d["path"], d["line"]) for d in data] == [("alloc-free-mismatch", "drv/bad.c", 6)]
    assert data[0]["related"][0]["line"] == 4


def test_sarif_output_to_file(tree: Path) -> None:
    r = run(["--format", "sarif", "-o", "out.sarif", "drv"], cwd=tree)
    assert r.exit_code == 1 and r.output == ""
    doc = json.loads((tree / "out.sarif").read_text())
    res = doc["runs"][0]["results"]
    assert res[0]["ruleId"] == "alloc-free-mismatch" and res[0]["level"] == "error"
    assert res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drv/bad.c"


def test_output_is_deterministic(tree: Path) -> None:
    (tree / "drv" / "more.c").write_text(BAD.replace("f(", "h("))
    outs = {run(["--format", fmt, "drv"], cwd=tree).output for fmt in ("sarif",) for _ in range(2)}
    assert len(outs) == 1


def test_inline_suppression_is_counted(tree: Path) -> None:
    (tree / "drv" / "bad.c").write_text(BAD.replace("\tkfree(p);", "\tkfree(p); /* kmemlint: ignore[alloc-free-mismatch] */"))
    r = run(["drv"], cwd=tree)
    assert r.exit_code == 0, r.output
    assert "1 suppressed" in r.output


def test_config_file_select_and_errors(tree: Path) -> None:
    (tree / "pyproject.toml").write_text('[tool.kmemlint]\nignore = ["alloc-free-mismatch"]\n')
    assert run(["drv"], cwd=tree).exit_code == 0
    (tree / "sub").mkdir()
    assert run(["../drv"], cwd=tree / "sub").exit_code == 0  # found by walking up
    assert run(["--isolated", "drv"], cwd=tree).exit_code == 1
    (tree / "pyproject.toml").write_text('[tool.kmemlint]\nignor = ["x"]\n')
    r = run(["drv"], cwd=tree)
    assert r.exit_code == 2 and "tool.kmemlint.ignor: unknown key" in one_error_line(r)
    (tree / "pyproject.toml").write_text("[tool.kmemlint\n")
    r = run(["drv"], cwd=tree)
    assert r.exit_code == 2 and "invalid TOML" in one_error_line(r)
    (tree / "pyproject.toml").write_text('[tool.kmemlint]\nselect = "alloc-free-mismatch"\n')
    r = run(["drv"], cwd=tree)
    assert r.exit_code == 2 and "select: expected a list of str" in one_error_line(r)


def test_exclude(tree: Path) -> None:
    assert run(["--exclude", "bad.c", "drv"], cwd=tree).exit_code == 0
    assert run(["--exclude", "drv", "drv"], cwd=tree).exit_code == 0
    # an explicit file is analysed unless --force-exclude (pre-commit passes files explicitly)
    assert run(["--exclude", "bad.c", "drv/bad.c"], cwd=tree).exit_code == 1
    assert run(["--exclude", "bad.c", "--force-exclude", "drv/bad.c"], cwd=tree).exit_code == 0


def test_user_knowledge_file(tree: Path) -> None:
    (tree / "drv" / "wrap.c").write_text(
        "/* wrapper */\nstatic void w(void)\n{\n\tvoid *p = foo_buf_alloc(8);\n\tkfree(p);\n}\n")
    (tree / "mine.toml").write_text('[allocators]\nfoo_buf_alloc = { family = "vmalloc", size = [0] }\n')
    r = run(["--format", "json", "--knowledge", "mine.toml", "drv/wrap.c"], cwd=tree)
    assert [d["line"] for d in json.loads(r.output)] == [5]
    (tree / ".kmemlint.toml").write_text('knowledge = ["mine.toml"]\n')
    assert run(["drv/wrap.c"], cwd=tree).exit_code == 1


@pytest.mark.parametrize("content, key", [
    ('[allocators]\nfoo = { family = "nope" }\n', "allocators.foo.family: unknown family 'nope'"),
    ('[allocators]\nfoo = { family = "kmalloc", size = 1 }\n', "allocators.foo.size: expected a list of int"),
    ('[allocators]\nfoo = { family = "kmalloc", sise = [1] }\n', "allocators.foo.sise: unknown key"),
    ('[allocator]\n', "allocator: unknown section"),
    ('[releases]\nbar = { arg = 1 }\n', "releases.bar: missing required key 'family'"),
    ('[list_entries]\nmy_link = { role = "push" }\n', "list_entries.my_link.role: must be add, get or splice"),
    ('[atomic]\nmy_assert = { action = "asserted", kind = "" }\n', "atomic.my_assert.arg: an asserted lock needs"),
    ("[releases\n", "invalid TOML"),
])
def test_malformed_knowledge(tree: Path, content: str, key: str) -> None:
    (tree / "bad.toml").write_text(content)
    r = run(["--knowledge", "bad.toml", "drv"], cwd=tree)
    assert r.exit_code == 2
    line = one_error_line(r)
    assert "bad.toml" in line and key in line, line


def test_bad_inputs(tree: Path) -> None:
    r = run(["missing.c"], cwd=tree)
    assert r.exit_code == 2 and "missing.c: No such file or directory" in one_error_line(r)
    os.symlink("loop_b", tree / "loop_a")
    os.symlink("loop_a", tree / "loop_b")
    r = run(["loop_a"], cwd=tree)
    assert r.exit_code == 2 and "loop_a" in one_error_line(r)
    # a symlink loop inside a walked directory does not trap the walk
    os.symlink("..", tree / "drv" / "up")
    assert run(["drv"], cwd=tree).exit_code == 1

    odd = tree / "odd"
    odd.mkdir()
    (odd / "empty.c").write_bytes(b"")
    (odd / "binary.c").write_bytes(b"\x7fELF\0\0\0" * 100)
    (odd / "latin1.c").write_bytes(b"/* caf\xe9 */\nstatic void f(void) { void *p = vmalloc(4); kfree(p); }\n")
    (odd / "huge.h").write_bytes(b"#define X 1\n" * 800_000)  # ~10 MB generated header
    (odd / "broken.c").write_bytes(b"static void f(void) { void *p = vmalloc(4); kfree(p); list_for_each(x, y) {\n")
    r = run(["--format", "json", "odd"], cwd=tree)
    assert "Traceback" not in r.output
    assert r.exit_code == 1
    assert "binary.c: skipped: binary file" in r.stderr
    assert "huge.h: skipped" in r.stderr and "--max-file-size" in r.stderr
    assert "latin1.c: not valid UTF-8" in r.stderr
    found = {(Path(d["path"]).name, d["line"]) for d in json.loads(r.stdout)}
    assert found == {("latin1.c", 2), ("broken.c", 1)}  # unparseable tails are analysed as far as they parse


def test_unreadable_file_is_skipped(tree: Path) -> None:
    p = tree / "drv" / "secret.c"
    p.write_text(GOOD)
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read mode-000 files")
        r = run(["drv"], cwd=tree)
        assert "secret.c: skipped: cannot read" in r.stderr and r.exit_code == 1
    finally:
        p.chmod(0o644)


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            st = p.stat()
            h.update(f"{p}:{st.st_mtime_ns}:{st.st_size}".encode() + p.read_bytes())
    return h.hexdigest()


def test_never_writes_to_inputs(tree: Path) -> None:
    before = _digest(tree / "drv")
    run(["--format", "sarif", "drv"], cwd=tree)
    run(["drv"], cwd=tree)
    assert _digest(tree / "drv") == before


def test_real_subprocess(tree: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kmemlint", "--format", "json", str(FIXTURES / "alloc-free-mismatch")],
                          capture_output=True, text=True, cwd=tree)
    assert proc.returncode == 1, proc.stderr
    assert {d["rule"] for d in json.loads(proc.stdout)} == {"alloc-free-mismatch"}
    proc = subprocess.run([sys.executable, "-m", "kmemlint", "nowhere"], capture_output=True, text=True, cwd=tree)
    assert proc.returncode == 2 and proc.stderr.strip() == "kmemlint: error: nowhere: No such file or directory"


def test_command_ends_without_teardown_but_after_exit_handlers(tree: Path, tmp_path: Path) -> None:
    """``kmemlint`` ends with os._exit() (cli.run): its status, its whole output to a pipe and to
    ``-o FILE``, and what exit handlers write (the stage times) are all there."""
    times, out = tmp_path / "stages.jsonl", tmp_path / "out.json"
    env = dict(os.environ, KMEMLINT_STAGE_TIMES=str(times))
    argv = [sys.executable, "-m", "kmemlint", "--no-cache", "--format", "json"]
    many = [str(FIXTURES / d) for d in ("alloc-free-mismatch", "sleep-in-atomic", "dma-on-stack")]
    piped = subprocess.run([*argv, *many], capture_output=True, text=True, cwd=tree, env=env)
    assert piped.returncode == 1, piped.stderr
    found = json.loads(piped.stdout)  # a truncated pipe would not parse
    assert {d["rule"] for d in found} >= {"alloc-free-mismatch", "sleep-in-atomic", "dma-on-stack"}
    assert any(json.loads(line)["role"] == "parent" for line in times.read_text().splitlines())
    written = subprocess.run([*argv, "-o", str(out), *many], capture_output=True, text=True, cwd=tree)
    assert written.returncode == 1 and json.loads(out.read_text()) == found
    clean = subprocess.run([*argv[:-2], "-q", str(tree / "drv" / "good.c")], capture_output=True, text=True, cwd=tree)
    assert clean.returncode == 0, clean.stderr


def test_parts_split_along_directories() -> None:
    from kmemlint.program.parts import parts

    paths = [f"drivers/{d}/{s}/f{i}.c" for d in ("net", "usb") for s in ("a", "b", "c") for i in range(4)]
    assert parts(paths, 0) == [paths] and parts(paths, 100) == [paths]
    groups = parts(paths, 8)
    assert sorted(p for g in groups for p in g) == sorted(paths)
    assert all(len(g) <= 8 for g in groups)
    for g in groups:  # a driver directory is never cut in two
        for p in g:
            d = p.rsplit("/", 1)[0]
            assert all(q in g for q in paths if q.rsplit("/", 1)[0] == d)


CALLER = """/* drivers/net/ethernet/freescale/fs_enet: the timeout handler stops the PHY under its lock */
static void fs_timeout_work(struct fs_enet_private *fep)
{
\tunsigned long flags;

\tspin_lock_irqsave(&fep->lock, flags);
\tphy_stop(fep->phydev);
\tspin_unlock_irqrestore(&fep->lock, flags);
}
"""
CALLEE = """/* drivers/net/phy/phy.c phy_stop(): takes the PHY mutex */
void phy_stop(struct phy_device *phydev)
{
\tmutex_lock(&phydev->lock);
\tphydev->state = PHY_HALTED;
\tmutex_unlock(&phydev->lock);
}
EXPORT_SYMBOL(phy_stop);
"""


@pytest.mark.parametrize("caller_dir, callee_dir", [("a_eth", "b_phy"), ("b_eth", "a_phy")])
def test_a_big_run_is_one_program(tree: Path, monkeypatch, caller_dir: str, callee_dir: str) -> None:
    """Parts of a big run see each other's summaries, whichever comes first (issue: a sharded run
    judged drivers/net/ethernet without drivers/net/phy's summaries)."""
    from kmemlint.program import parts

    for d, text in ((caller_dir, CALLER), (callee_dir, CALLEE)):
        (tree / "drv" / d).mkdir()
        (tree / "drv" / d / "x.c").write_text(text)
        for i in range(3):
            (tree / "drv" / d / f"pad{i}.c").write_text(GOOD.replace("g(", f"g{i}("))
    args = ["--format", "json", "--kernel-model", "none", "--select", "sleep-in-atomic", "drv"]
    one = run(["--no-cache", *args], cwd=tree)
    monkeypatch.setattr(parts, "PART_FILES", 4)
    for cache in (["--no-cache"], ["--cache-dir", str(tree / "c")], ["--cache-dir", str(tree / "c")]):
        many = run([*cache, *args], cwd=tree)
        assert many.stdout == one.stdout
    found = json.loads(one.stdout)
    assert [f["message"].split(" while")[0] for f in found] == ["phy_stop() may sleep (mutex_lock())"]


def test_big_run_finds_the_same(tree: Path, monkeypatch) -> None:
    from kmemlint.program import parts

    for i in range(3):
        (tree / "drv" / f"sub{i}").mkdir()
        (tree / "drv" / f"sub{i}" / "x.c").write_text(BAD)
    one = run(["--format", "json", "drv"], cwd=tree)
    monkeypatch.setattr(parts, "PART_FILES", 2)
    many = run(["--format", "json", "drv"], cwd=tree)
    assert one.stdout == many.stdout and len(json.loads(one.stdout)) == 4
