"""Finding fingerprints (baselines, SARIF ``kmemlint/v2``) do not depend on the message's wording, and
baselines written when they did (format 1) still apply, matched by rule, path and function."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from kmemlint import baseline
from kmemlint.model import Finding, Loc, Severity
from test_cli import run, tree  # noqa: F401 - the fixture

F = Finding("alloc-free-mismatch", Severity.ERROR, Loc("drivers/a.c", 46, 9), "'s' holds memory from vzalloc()",
            function="f", subject="kfree(s)", key="vzalloc>kfree")


def test_rewording_keeps_the_fingerprint_and_other_facts_change_it() -> None:
    reworded = dataclasses.replace(F, message="vmalloc'd memory freed with kfree(): 's' (from vzalloc()); use vfree()")
    assert reworded.fingerprint == F.fingerprint
    moved = dataclasses.replace(F, loc=Loc("drivers/a.c", 90, 1))
    assert moved.fingerprint == F.fingerprint  # no line numbers either
    for change in ({"key": "kvmalloc>kfree"}, {"subject": "kfree(t)"}, {"function": "g"}, {"rule": "dma-on-stack"},
                   {"loc": Loc("drivers/b.c", 46, 9)}):
        assert dataclasses.replace(F, **change).fingerprint != F.fingerprint, change
    assert dataclasses.replace(F, subject=" kfree(s)\n").fingerprint == F.fingerprint  # whitespace-normalised


def test_a_format_1_baseline_still_applies(tree: Path) -> None:
    r = run(["--write-baseline", "b.json", "drv"], cwd=tree)
    data = json.loads((tree / "b.json").read_text())
    assert data["kmemlint-baseline"] == 2 and r.exit_code == 0
    for entry in data["findings"]:  # what an older kmemlint wrote: message-dependent fingerprints
        entry["fingerprint"] = "0" * 32
    data["kmemlint-baseline"] = 1
    (tree / "b.json").write_text(json.dumps(data))
    r = run(["--baseline", "b.json", "drv"], cwd=tree)
    assert r.exit_code == 0 and "1 baselined" in r.output, r.output
    (tree / "drv" / "bad.c").write_text((tree / "drv" / "bad.c").read_text().replace("\tkfree(p);", "\tkfree(p);\n\tkfree(p);"))
    r = run(["--baseline", "b.json", "drv"], cwd=tree)  # the count still holds: one of the two is new
    assert r.exit_code == 1 and "1 finding (1 error)" in r.output and "1 baselined" in r.output, r.output
    assert baseline.load_entries([{"rule": "r", "path": "p", "function": "f", "fingerprint": "x"}], version=1) \
        == {("r", "p", "f", baseline.ANY): 1}
