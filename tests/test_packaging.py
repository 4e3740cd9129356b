"""Packaging: the licence, the build bounds, what the sdist ships so that it runs its own tests, and
running from a checkout (``python -m kmemlint``, ``python -m pytest``) although ``rules/`` installs as
``kmemlint.rules``."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import tree_sitter
import tree_sitter_c

from fixture_harness import ROOT
from kmemlint.knowledge import tomllib


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_spdx_licence_string_and_file() -> None:
    project = _pyproject()["project"]
    assert project["license"] == "GPL-2.0-only"  # the SPDX string: the table form is deprecated
    assert project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in text.splitlines()[0] and "Version 2, June 1991" in text
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # not with an SPDX string
    assert project["urls"]["Issues"].endswith("/issues")


def test_setuptools_is_bounded() -> None:
    (requirement,) = _pyproject()["build-system"]["requires"]
    assert requirement.replace(" ", "") == "setuptools>=77,<81"  # 77: SPDX license strings


def test_sdist_ships_what_its_tests_read() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text().split()
    for tree in ("tests", "fixtures", "examples"):
        assert tree in manifest[manifest.index("graft"):], tree
    included = manifest[manifest.index("include") + 1:manifest.index("graft")]
    for name in ("LICENSE", "README.md", ".pre-commit-hooks.yaml", ".ci/run"):
        assert name in included and (ROOT / name).is_file()


def _from_checkout(*args: str) -> subprocess.CompletedProcess:
    """``python -m ...`` at the checkout's root in an environment without kmemlint installed: -S skips
    site-packages and with it an editable install's finder; the dependencies come from PYTHONPATH."""
    deps = {str(Path(m.__file__).resolve().parent.parent) for m in (click, tree_sitter, tree_sitter_c)}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sorted(deps))}
    return subprocess.run([sys.executable, "-S", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_python_m_kmemlint_from_a_checkout_maps_rules() -> None:
    r = _from_checkout("-m", "kmemlint", "rules", "--format", "json")
    assert r.returncode == 0, r.stderr
    assert "alloc-free-mismatch" in {rule["id"] for rule in json.loads(r.stdout)}
    r = _from_checkout("-c", "import kmemlint.rules, kmemlint.knowledge as k; print(kmemlint.rules.__path__[0]); "
                             "print(len(k.load(()).allocators) > 0)")
    assert r.returncode == 0 and r.stdout.split() == [str(ROOT / "rules"), "True"], r.stderr
