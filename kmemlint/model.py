"""Plain data shared by every stage: rules, locations, findings.

Everything here is a frozen dataclass of plain values so that it pickles (``--jobs`` workers, the
on-disk cache) and compares (deterministic output, baselines).
"""
from __future__ import annotations

import enum
import hashlib
import re
from typing import NamedTuple
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """SARIF ``level`` values, in increasing order of weight."""

    NOTE = "note"
    WARNING = "warning"
    ERROR = "error"

    @property
    def weight(self) -> int:
        return {"note": 1, "warning": 2, "error": 3}[self.value]


class Precision(str, enum.Enum):
    """GitHub code scanning's ``precision`` vocabulary (closed, unlike Coccinelle's Confidence)."""

    VERY_HIGH = "very-high"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def weight(self) -> int:
        return {"low": 1, "medium": 2, "high": 3, "very-high": 4}[self.value]


_KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    """What a rule module declares as ``RULE``; ``doc`` is filled from the module docstring."""

    id: str
    summary: str
    severity: Severity
    precision: Precision
    tags: tuple[str, ...] = ()
    doc: str = ""

    def __post_init__(self) -> None:
        if not _KEBAB.match(self.id):
            raise ValueError(f"rule id {self.id!r} is not kebab-case")

    @property
    def name(self) -> str:
        """CamelCase name for SARIF ``reportingDescriptor.name``."""
        return "".join(part.capitalize() for part in self.id.split("-"))

    @property
    def full_description(self) -> str:
        """The first paragraph of the documentation (SARIF ``fullDescription``)."""
        para = self.doc.strip().split("\n\n", 1)[0]
        return " ".join(para.split())[:1024] or self.summary


class Loc(NamedTuple):
    """A source range. Lines are 1-based; columns are 1-based *byte* columns, end exclusive.

    Reporters convert byte columns into character columns (SARIF) or display columns with tab
    stops of 8 (gcc-style text) from the source line.
    """

    path: str
    line: int
    col: int
    end_line: int = 0
    end_col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Related:
    """A place that explains a finding: where memory was allocated, where a lock was taken."""

    loc: Loc
    message: str


@dataclass(frozen=True, slots=True)
class Step:
    """One step of a code flow (SARIF threadFlowLocation): kind is a SARIF well-known kind."""

    loc: Loc
    message: str
    kind: str = "call"  # acquire, release, call, return, memory, danger, enter, exit


@dataclass(frozen=True)
class Finding:
    rule: str
    level: Severity
    loc: Loc
    message: str
    function: str = ""
    #: the reported expression, whitespace-normalised; part of the stable fingerprint
    subject: str = ""
    related: tuple[Related, ...] = ()
    flow: tuple[Step, ...] = ()
    precision: Precision | None = None
    #: allocator cost estimate (see kmemlint.costmodel); plain JSON-able values
    cost: tuple[tuple[str, object], ...] = ()
    #: impact rank in [0, 100], higher is worse; derived from level, precision and cost
    rank: float = 0.0
    suppressed: str = ""  # "", "inSource" or "baseline"
    #: what tells this finding apart from others of its rule on the same subject in the same function,
    #: in names that do not depend on how the message is worded (the allocator, the release function,
    #: the lock); part of the stable fingerprint, so messages can be reworded without changing it
    key: str = ""

    @property
    def fingerprint(self) -> str:
        """Identity that survives unrelated edits and rewording, with the path as displayed (reports
        and baselines use :meth:`fingerprint_for` with the root-relative path)."""
        return self.fingerprint_for(self.loc.path)

    def fingerprint_for(self, path: str) -> str:
        """The fingerprint with ``path`` standing for the file (``kmemlint.roots.relative``): no line
        numbers and no message text, only the rule, path, function, reported expression and ``key``
        (scheme 2; scheme 1 hashed the message, so rewording a message made every finding new)."""
        key = "\0".join(("2", self.rule, path, self.function, " ".join(self.subject.split()),
                         " ".join(self.key.split())))
        return hashlib.sha256(key.encode()).hexdigest()[:32]

    def sort_key(self) -> tuple:
        return (self.loc.path, self.loc.line, self.loc.col, self.rule, self.message)


@dataclass
class RunStats:
    """What the run did, for the summary line and SARIF invocation properties."""

    files: int = 0
    parse_errors: int = 0  # files whose tree has ERROR/MISSING nodes
    functions: int = 0
    error_functions: int = 0  # functions containing an ERROR/MISSING node (facts may be missing there)
    suppressed: int = 0
    baselined: int = 0
    skipped: list[str] = field(default_factory=list)  # files that could not be read, with why
    cached: int = 0
    outside_diff: int = 0  # findings left out by --diff: nothing they point at changed
