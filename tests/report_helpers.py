"""Builders shared by the reporter tests: hand-made rules and findings, source trees, the schema."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from kmemlint.model import Finding, Loc, Precision, Related, Rule, RunStats, Severity, Step
from kmemlint.report import ReportContext

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "sarif-2.1.0.json").read_text(encoding="utf-8"))

SLEEP_IN_ATOMIC = Rule(
    id="sleep-in-atomic",
    summary="Sleeping allocation while a spinlock is held",
    severity=Severity.ERROR,
    precision=Precision.HIGH,
    tags=("correctness", "locking"),
    doc="Finds GFP_KERNEL allocations under a spinlock.\nThey may sleep.\n\n## Why is this bad?\n\n"
        "Sleeping in atomic context can deadlock.",
)
LARGE_ALLOC = Rule(
    id="large-kmalloc",
    summary="High-order kmalloc that may fail under fragmentation",
    severity=Severity.NOTE,
    precision=Precision.MEDIUM,
    doc="Suggests kvmalloc for allocations above order 3.",
)
RULES = (SLEEP_IN_ATOMIC, LARGE_ALLOC)

#: a small driver: a tab-indented spinlock section with an allocation in it
DRIVER_C = """\
// SPDX-License-Identifier: GPL-2.0
#include <linux/slab.h>

static int foo_probe(struct foo *foo)
{
\tunsigned long flags;
\tvoid *buf;

\tspin_lock_irqsave(&foo->lock, flags);
\tbuf = kmalloc(64, GFP_KERNEL);
\tspin_unlock_irqrestore(&foo->lock, flags);
\treturn buf ? 0 : -ENOMEM;
}
"""
DRIVER = "drivers/net/foo.c"


def validator() -> jsonschema.protocols.Validator:
    """A validator for the SARIF 2.1.0 schema that also checks formats such as ``uri-reference``."""
    cls = jsonschema.validators.validator_for(SCHEMA)
    return cls(SCHEMA, format_checker=jsonschema.FormatChecker())


def schema_errors(document: dict) -> list[str]:
    """Every schema violation of *document*, as readable strings (empty when it is valid)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator().iter_errors(document)]


def write_tree(root: Path, files: dict[str, str]) -> Path:
    """Write *files* (relative path -> text, written byte for byte) under *root*; return *root*."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


def sleep_finding(path: str = DRIVER, line: int = 10, level: Severity = Severity.ERROR,
                  **changes) -> Finding:
    """A sleep-in-atomic finding on ``kmalloc`` in :data:`DRIVER_C`, with a lock and a flow."""
    lock = Loc(path, line - 1, 2, line - 1, 19)
    alloc = Loc(path, line, 8, line, 15)
    fields = dict(
        rule="sleep-in-atomic", level=level, loc=alloc,
        message="kmalloc(GFP_KERNEL) may sleep while foo->lock is held",
        function="foo_probe", subject="kmalloc(64, GFP_KERNEL)",
        related=(Related(lock, "spinlock taken here"),),
        flow=(Step(lock, "foo->lock acquired", "acquire"),
              Step(alloc, "allocation may sleep", "danger")),
        cost=(("order", 0), ("bytes", 64), ("summary", "order-0, 64 B")),
        rank=80.0,
    )
    fields.update(changes)
    return Finding(**fields)


def context(root: Path, **changes) -> ReportContext:
    """A context for a tree at *root* (which the test has made the working directory)."""
    return ReportContext(**{"version": "1.2.3", "srcroot": root, **changes})


def stats(**changes) -> RunStats:
    return RunStats(**{"files": 1, **changes})
