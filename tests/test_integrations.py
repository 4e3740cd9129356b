"""The files users copy: the pre-commit hook definition and the code scanning workflow, run as written."""
from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from fixture_harness import ROOT
from report_helpers import schema_errors
from test_cli import BAD, GOOD, run

yaml = pytest.importorskip("yaml")


def test_pre_commit_hook_definition(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = {h["id"]: h for h in hooks}["kmemlint"]
    assert hook["language"] == "python" and hook["types"] == ["c"] and hook["require_serial"] is True
    argv = shlex.split(hook["entry"])
    assert argv[0] == "kmemlint" and "--force-exclude" in argv
    # pre-commit passes the changed files explicitly, relative to the repository root
    (tmp_path / "drivers" / "x").mkdir(parents=True)
    (tmp_path / "drivers" / "x" / "a.c").write_text(BAD)
    (tmp_path / "drivers" / "x" / "b.h").write_text(GOOD)
    (tmp_path / ".kmemlint.toml").write_text('exclude = ["drivers/x/a.c"]\n')
    assert run([*argv[1:], "drivers/x/a.c", "drivers/x/b.h"], cwd=tmp_path).exit_code == 0  # excluded
    (tmp_path / ".kmemlint.toml").write_text("")
    r = run([*argv[1:], "drivers/x/a.c", "drivers/x/b.h"], cwd=tmp_path)
    assert r.exit_code == 1 and r.output.startswith("drivers/x/a.c:6:9: error:")
    readme = (ROOT / "README.md").read_text()
    assert "id: kmemlint" in readme and "rev: v" in readme


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
