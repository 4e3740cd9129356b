"""The files users copy: the pre-commit hook definition and the code scanning workflow, run as written."""
from __future__ import annotations

import json
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
    wf = yaml.safe_load((ROOT / "examples" / "github-code-scanning.yml").read_text())
    job = next(iter(wf["jobs"].values()))
    assert wf["permissions"]["security-events"] == "write"
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload and upload[0]["uses"].endswith("@v3")
    sarif_file = upload[0]["with"]["sarif_file"]
    assert sarif_file.endswith(".sarif")
    line = next(s["run"] for s in job["steps"] if s.get("run", "").startswith("kmemlint "))
    argv = shlex.split(line)[1:]
    assert "--exit-zero" in argv and argv[argv.index("-o") + 1] == sarif_file
    (tmp_path / "drivers" / "x").mkdir(parents=True)
    (tmp_path / "drivers" / "x" / "a.c").write_text(BAD)
    r = run(argv, cwd=tmp_path)
    assert r.exit_code == 0, r.output
    doc = json.loads((tmp_path / sarif_file).read_text())
    assert schema_errors(doc) == []
    category = argv[argv.index("--category") + 1]
    assert doc["runs"][0]["automationDetails"]["id"] == f"kmemlint/{category}/"
    assert len(doc["runs"][0]["results"]) == 1
