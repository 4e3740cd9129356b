"""``--diff REV`` and ``--diff-staged``: only the findings a change introduces, from a real git repository
(and through pre-commit itself when it is installed)."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_harness import ROOT
from kmemlint import gitdiff
from test_cli import one_error_line, run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

# Modelled on drivers/net/usb/usbnet.c (v6.12): a ring allocated in one function, freed in another.
DRIVER = """\
struct demo { size_t len; void *ring; };

static void demo_free_ring(struct demo *dev)
{
\tvoid *old = vmalloc(dev->len);

\tkfree(old);
}

static int demo_alloc_ring(struct demo *dev)
{
\tdev->ring = kmalloc(dev->len, GFP_KERNEL);
\treturn dev->ring ? 0 : -ENOMEM;
}

static void demo_release_ring(struct demo *dev)
{
\tkfree(dev->ring);
}
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    return subprocess.run(["git", "-c", "user.email=dev@example.org", "-c", "user.name=dev", *args], cwd=repo,
                          env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    r = tmp_path / "linux"
    (r / "drivers" / "demo").mkdir(parents=True)
    (r / "drivers" / "demo" / "demo.c").write_text(DRIVER)
    git(r, "init", "-q")
    git(r, "add", ".")
    git(r, "commit", "-qm", "demo")
    return r


def edit(repo: Path, old: str, new: str, name: str = "drivers/demo/demo.c") -> None:
    p = repo / name
    p.write_text(p.read_text().replace(old, new, 1))


def test_hunks_of_the_new_side_and_the_lines_around_a_deletion() -> None:
    diff = (b"diff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -3 +3 @@\n-a\n+b\n@@ -10,2 +9,0 @@\n-c\n-d\n"
            b"@@ -20,0 +19,3 @@\n+e\n+f\n+g\n"
            b"diff --git a/gone.c b/gone.c\n--- a/gone.c\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n"
            b'diff --git "a/sp ace\\303\\251.c" "b/sp ace\\303\\251.c"\n--- "a/sp ace\\303\\251.c"\n'
            b'+++ "b/sp ace\\303\\251.c"\n@@ -1,0 +2 @@\n+y\n')
    lines = gitdiff.parse(diff, "/top")
    assert lines == {os.path.realpath("/top/x.c"): {3, 9, 10, 19, 20, 21},
                     os.path.realpath("/top/sp ace\u00e9.c"): {2}}


def test_no_change_no_findings_and_no_files(repo: Path) -> None:
    assert run(["drivers"], cwd=repo).exit_code == 1  # the tree has findings
    r = run(["--diff", "HEAD"], cwd=repo)
    assert r.exit_code == 0 and r.output == "kmemlint: no findings in 0 files\n"
    r = run(["--diff", "HEAD", "drivers"], cwd=repo)
    assert r.exit_code == 0 and r.output.endswith("no findings in 1 file; 1 outside the diff\n"), r.output


def test_a_harmless_edit_to_a_file_with_findings_passes(repo: Path) -> None:
    edit(repo, "return dev->ring ? 0 : -ENOMEM;", "return dev->ring ? 0 : -ENOMEM; ")
    r = run(["--diff", "HEAD"], cwd=repo)
    assert r.exit_code == 0 and "1 outside the diff" in r.output, r.output
    assert run(["drivers/demo/demo.c"], cwd=repo).exit_code == 1


def test_the_finding_a_change_introduces_is_reported_through_its_related_location(repo: Path) -> None:
    # the allocation changes; the kfree() that is now wrong is in a function the change did not touch
    edit(repo, "kmalloc(dev->len, GFP_KERNEL)", "vmalloc(dev->len)")
    r = run(["--diff", "HEAD"], cwd=repo)
    lines = r.output.splitlines()
    assert r.exit_code == 1, r.output
    assert lines[0].startswith("drivers/demo/demo.c:18:9: error:") and "[alloc-free-mismatch]" in lines[0]
    assert lines[-1] == "kmemlint: 1 finding (1 error) in 1 file; 1 outside the diff"
    # from a subdirectory the paths are relative to it, and git's (relative to the top) still match
    r = run(["--diff", "HEAD", "."], cwd=repo / "drivers" / "demo")
    assert r.exit_code == 1 and r.output.startswith("demo.c:18:9: error:"), r.output


def test_diff_against_an_older_revision_and_a_merge_base(repo: Path) -> None:
    edit(repo, "kmalloc(dev->len, GFP_KERNEL)", "vmalloc(dev->len)")
    git(repo, "commit", "-qam", "switch to vmalloc")
    assert run(["--diff", "HEAD"], cwd=repo).exit_code == 0
    r = run(["--diff", "HEAD~1", "--format", "json"], cwd=repo)
    assert r.exit_code == 1 and '"line": 18' in r.output
    assert run(["--diff", "HEAD~1...HEAD"], cwd=repo).exit_code == 1


def test_untracked_files_are_changed_whole_and_staged_diff_sees_the_index_only(repo: Path) -> None:
    (repo / "drivers" / "demo" / "new.c").write_text(DRIVER.replace("demo_", "new_"))
    r = run(["--diff", "HEAD"], cwd=repo)
    assert r.exit_code == 1 and r.output.count("error:") == 1 and "drivers/demo/new.c:7:9:" in r.output, r.output
    assert r.output.endswith("in 1 file\n")  # demo.c did not change: not analysed
    assert run(["--diff-staged"], cwd=repo).output == "kmemlint: no findings in 0 files\n"
    git(repo, "add", "drivers/demo/new.c")
    r = run(["--diff-staged", "drivers/demo/new.c", "drivers/demo/demo.c"], cwd=repo)
    assert r.exit_code == 1 and "demo.c" not in r.output.replace("new.c", ""), r.output


def test_pre_commit_ranges_are_used_by_diff_staged(repo: Path, monkeypatch) -> None:
    edit(repo, "kmalloc(dev->len, GFP_KERNEL)", "vmalloc(dev->len)")
    git(repo, "commit", "-qam", "switch to vmalloc")
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", "HEAD~1")
    monkeypatch.setenv("PRE_COMMIT_TO_REF", "HEAD")
    assert run(["--diff-staged", "drivers/demo/demo.c"], cwd=repo).exit_code == 1


@pytest.mark.parametrize("args, message", [
    (["--diff", "no-such-branch"], "--diff: unknown revision 'no-such-branch'"),
    (["--diff=--output=/tmp/x"], "--diff: '--output=/tmp/x' is not a revision (a commit, branch or tag)"),
    (["--diff", "HEAD", "--diff-staged"], "--diff and --diff-staged exclude each other"),
])
def test_bad_revisions_are_one_line_errors(repo: Path, args, message) -> None:
    r = run(args, cwd=repo)
    assert r.exit_code == 2 and message in one_error_line(r)


def test_outside_a_work_tree(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    r = run(["--diff", "HEAD"], cwd=tmp_path)
    assert r.exit_code == 2 and "--diff: not a git repository" in one_error_line(r)


def test_fail_level(repo: Path) -> None:
    path = "drivers/demo/demo.c"
    assert run(["--fail-level", "error", path], cwd=repo).exit_code == 1
    (repo / "big.c").write_text("static void *f(void)\n{\n\treturn kmalloc(65536, GFP_KERNEL);\n}\n")
    r = run(["big.c"], cwd=repo)
    assert r.exit_code == 1 and "warning:" in r.output and "error:" not in r.output, r.output
    assert run(["--fail-level", "error", "big.c"], cwd=repo).exit_code == 0
    assert run(["--fail-level", "warning", "big.c"], cwd=repo).exit_code == 1
    (repo / ".kmemlint.toml").write_text('fail-level = "error"\n')
    assert run(["big.c"], cwd=repo).exit_code == 0
    (repo / ".kmemlint.toml").write_text('fail-level = "fatal"\n')
    r = run(["big.c"], cwd=repo)
    assert r.exit_code == 2 and "fail-level 'fatal': expected one of error, warning, note" in one_error_line(r)


def test_provenance_of_a_clone_has_no_credentials(repo: Path) -> None:
    assert gitdiff.provenance(str(repo)) is None  # no remote
    git(repo, "remote", "add", "origin", "https://user:secret@git.example.org/linux.git")
    p = gitdiff.provenance(str(repo / "drivers"))
    assert p.pop("top") == str(repo.resolve())
    assert p == {"repositoryUri": "https://git.example.org/linux.git",
                 "revisionId": git(repo, "rev-parse", "HEAD").strip(), "branch": git(repo, "branch", "--show-current").strip()}
    git(repo, "remote", "set-url", "origin", "git@git.example.org:linux/linux.git")
    assert gitdiff.provenance(str(repo))["repositoryUri"] == "ssh://git@git.example.org/linux/linux.git"
    git(repo, "checkout", "-q", "--detach")
    assert "branch" not in gitdiff.provenance(str(repo))


def _pre_commit() -> str | None:
    found = shutil.which("pre-commit")
    if found:
        return found
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else None


@pytest.mark.skipif(_pre_commit() is None, reason="pre-commit is not installed")
def test_the_hook_through_pre_commit_and_git_commit(repo: Path) -> None:
    """The hook of .pre-commit-hooks.yaml, as pre-commit runs it on `git commit` (a local repo hook with
    the same entry, run by this Python, so that nothing is downloaded)."""
    import yaml

    hook = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}["kmemlint"]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "kmemlint" and "--diff-staged" in argv
    local = {k: hook[k] for k in ("id", "name", "types", "require_serial")}
    local.update(language="system", entry=shlex.join([sys.executable, "-m", "kmemlint", *argv[1:]]))
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    git(repo, "add", ".pre-commit-config.yaml")
    git(repo, "commit", "-qm", "pre-commit")
    env = {**os.environ, "HOME": str(repo.parent), "PRE_COMMIT_HOME": str(repo.parent / "pc-home")}
    subprocess.run([_pre_commit(), "install"], cwd=repo, env=env, check=True, capture_output=True)

    def commit(message: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-c", "user.email=dev@example.org", "-c", "user.name=dev", "commit",
                               "-qm", message], cwd=repo, env=env, capture_output=True, text=True)

    # a one-character change to a file that already has a finding: the commit goes through
    edit(repo, "return dev->ring ? 0 : -ENOMEM;", "return dev->ring ? 0 : -ENOMEM; ")
    git(repo, "add", "-u")
    # an unstaged bug elsewhere in the same file is not part of the commit (pre-commit stashes it)
    edit(repo, "kmalloc(dev->len, GFP_KERNEL)", "vmalloc(dev->len)")
    c = commit("whitespace")
    assert c.returncode == 0, c.stdout + c.stderr
    # staging that bug: the commit is refused with exactly the finding it introduces
    git(repo, "add", "-u")
    c = commit("vmalloc")
    out = c.stdout + c.stderr
    assert c.returncode == 1 and "- exit code: 1" in out, out
    assert "drivers/demo/demo.c:18:9: error:" in out and "demo.c:7:" not in out, out
    assert "kmemlint: 1 finding (1 error) in 1 file; 1 outside the diff" in out


def test_sarif_of_a_diff_counts_what_it_left_out(repo: Path) -> None:
    import json

    from report_helpers import schema_errors

    edit(repo, "kmalloc(dev->len, GFP_KERNEL)", "vmalloc(dev->len)")
    doc = json.loads(run(["--diff", "HEAD", "--format", "sarif", "drivers"], cwd=repo).output)
    assert schema_errors(doc) == []
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in doc["runs"][0]["results"]] == [18]
    assert doc["runs"][0]["invocations"][0]["properties"]["outsideDiff"] == 1
