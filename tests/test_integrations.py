"""The files users copy: the pre-commit hook definition and the code scanning workflow, run as written."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from fixture_harness import ROOT
from report_helpers import schema_errors
from test_cli import BAD, GOOD, run
from test_gitdiff import git

yaml = pytest.importorskip("yaml")


def test_pre_commit_hook_definition(tmp_path: Path) -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"kmemlint", "kmemlint-files"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["types"] == ["c"] and hook["require_serial"] is True
    assert shlex.split(hooks["kmemlint"]["entry"]) == ["kmemlint", "--force-exclude", "--diff-staged"]
    assert shlex.split(hooks["kmemlint-files"]["entry"]) == ["kmemlint", "--force-exclude"]
    # pre-commit passes the changed files explicitly, relative to the repository root
    (tmp_path / "drivers" / "x").mkdir(parents=True)
    (tmp_path / "drivers" / "x" / "a.c").write_text(BAD)
    (tmp_path / "drivers" / "x" / "b.h").write_text(GOOD)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "drivers")
    for hook in hooks.values():
        argv = shlex.split(hook["entry"])
        (tmp_path / ".kmemlint.toml").write_text('exclude = ["drivers/x/a.c"]\n')
        assert run([*argv[1:], "drivers/x/a.c", "drivers/x/b.h"], cwd=tmp_path).exit_code == 0  # excluded
        (tmp_path / ".kmemlint.toml").write_text("")
        r = run([*argv[1:], "drivers/x/a.c", "drivers/x/b.h"], cwd=tmp_path)
        assert r.exit_code == 1 and r.output.startswith("drivers/x/a.c:6:9: error:")
    readme = (ROOT / "README.md").read_text()
    assert "id: kmemlint" in readme and "rev: COMMIT_SHA" in readme and "rev: v" not in readme
    assert "pip install kmemlint" not in readme.replace("`pip install kmemlint` finds nothing", "")


def test_code_scanning_workflow_runs_and_uploads_valid_sarif(tmp_path: Path) -> None:
    text = (ROOT / "examples" / "github-code-scanning.yml").read_text()
    wf = yaml.safe_load(text)
    job = next(iter(wf["jobs"].values()))
    assert wf["permissions"] == {} and job["permissions"]["security-events"] == "write"
    # zizmor: every action pinned to a commit SHA (the tag in a comment), no persisted credentials,
    # no ${{ }} expanded into a shell script
    uses = [s["uses"] for s in job["steps"] if "uses" in s]
    assert uses and all(re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", u) for u in uses), uses
    for u in uses:
        assert re.search(re.escape(u) + r" # v\d", text), u
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert not any("${{" in s.get("run", "") for s in job["steps"])
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload and re.search(re.escape(upload[0]["uses"]) + r" # v4\.", text)
    cache = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert "steps.tree.outputs.drivers" in cache["with"]["key"]  # keyed by the tree
    sarif_file = upload[0]["with"]["sarif_file"]
    assert sarif_file.endswith(".sarif")
    runs = [s["run"] for s in job["steps"] if s.get("run", "").startswith("kmemlint ")]
    argv = shlex.split(runs[0])[1:]
    assert "--exit-zero" in argv and argv[argv.index("-o") + 1] == sarif_file
    (tmp_path / "drivers" / "x").mkdir(parents=True)
    (tmp_path / "drivers" / "x" / "a.c").write_text(GOOD)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "base")
    (tmp_path / "drivers" / "x" / "b.c").write_text(BAD)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "pull request")
    r = run(argv, cwd=tmp_path)
    assert r.exit_code == 0, r.output
    doc = json.loads((tmp_path / sarif_file).read_text())
    assert schema_errors(doc) == []
    category = argv[argv.index("--category") + 1]
    assert doc["runs"][0]["automationDetails"]["id"] == f"kmemlint/{category}/"
    assert len(doc["runs"][0]["results"]) == 1
    # a fork's pull request: annotations of what it adds, failing on errors
    r = run(shlex.split(runs[1])[1:], cwd=tmp_path)
    assert r.exit_code == 1 and r.output.startswith("::error file=drivers/x/b.c,line=6,"), r.output
