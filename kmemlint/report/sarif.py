"""SARIF reporter: builds a SARIF 2.1.0 log for GitHub code scanning from sarif-om objects.

The log is built with the ``sarif_om`` classes and written by :func:`to_jsonable`, a small
serialiser over their attrs metadata, not by ``jschema_to_python``. That one drops every value
equal to its default, and so loses an explicit ``"level": "warning"`` (the default of
``result.level``), which would then take the rule's default level instead.

What GitHub needs (see ``INTEGRATIONS.md`` §1 and §8) and how it is met:

* one run, ``tool.driver`` with every rule's id, descriptions, help and default level;
* ``results`` always present, each with ``ruleId``, ``ruleIndex``, an explicit ``level`` and exactly
  one location whose region has start and end lines and columns (``utf16CodeUnits``, end exclusive);
* URIs relative to ``ctx.srcroot`` with ``uriBaseId: "%SRCROOT%"``, POSIX, symlinks resolved,
  percent-encoded; ``%SRCROOT%`` has only a description, so the output is the same on every machine;
* ``partialFingerprints``: kmemlint's own ``kmemlint/v2`` and GitHub's ``primaryLocationLineHash``,
  computed with GitHub's exact algorithm (:mod:`kmemlint.fingerprint`);
* related locations linked from the message as ``[text](id)``, and inline thread-flow locations;
* at most ``ctx.max_results`` results (25,000 is GitHub's limit), compact JSON;
* each rule's ``helpUri`` (its module, whose docstring is its documentation), each region's source
  lines as its ``snippet``, and ``versionControlProvenance`` (repository, commit, branch) when the
  tree is a git work tree with a remote (``ctx.provenance``).
"""
from __future__ import annotations

import contextlib
import enum
import functools
import gc
import json
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote

import attr
import sarif_om as om

from kmemlint.fingerprint import line_hashes
from kmemlint.model import Finding, Loc, Rule, RunStats, Severity, Step
from kmemlint.report.columns import Unit, span
from kmemlint.report.context import ReportContext, join_lines, order_key, replaced, shown, under_root
from kmemlint.report.json import effective_precision

__all__ = ["render", "build_log", "to_jsonable", "to_json", "artifact_uri", "message_text",
           "SCHEMA_URI", "COLUMN_KIND", "SRCROOT", "FINGERPRINT_KEY", "LINE_HASH_KEY"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/kmemlint/kmemlint"
#: a rule's documentation is its module's docstring: rules/<id with _ for ->.py
HELP_URI = INFORMATION_URI + "/blob/main/rules/{module}.py"
_MAX_SNIPPET_LINES = 5
COLUMN_KIND = Unit.UTF16
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "kmemlint/v2"  # v2: Finding.fingerprint no longer hashes the message
LINE_HASH_KEY = "primaryLocationLineHash"
_MAX_TEXT = 1024  # GitHub's limit for shortDescription and fullDescription
_MAX_TAGS = 20  # GitHub rejects a rule with more
_MAX_FLOW = 1000  # GitHub shows this many thread-flow steps (and rejects more than 10,000)
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning",
                     Severity.NOTE: "recommendation"}
_SUPPRESSION_KIND = {"inSource": "inSource", "baseline": "external"}
#: thread-flow steps of these kinds are ``essential``; the others are ``important``
_ESSENTIAL_KINDS = frozenset({"acquire", "release", "lock", "unlock", "memory", "danger"})
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                     r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")

# --------------------------------------------------------------------------------------------------
# Serialiser

#: fields written even when they equal their sarif-om default, because the default is not what a
#: consumer assumes when the property is absent (result.level falls back to the rule's level)
_ALWAYS_EMITTED: dict[type, frozenset[str]] = {
    om.Result: frozenset({"level"}),
    om.ReportingConfiguration: frozenset({"level"}),
    om.Notification: frozenset({"level"}),
    om.ThreadFlowLocation: frozenset({"importance"}),
}
#: properties written first, for a reader's sake; the rest follow in sarif-om's field order
_LEADING = ("$schema", "id", "name", "version", "ruleId", "ruleIndex", "level", "message",
            "startLine", "startColumn", "endLine", "endColumn")


class _Field(NamedTuple):
    """How to write one attrs field: its name, JSON key, default and whether to write it always."""

    name: str
    key: str
    default: object
    always: bool


_NO_DEFAULT = object()
_SCALARS = (str, int, float, bool, type(None))


@functools.cache
def _fields(cls: type) -> tuple[_Field, ...]:
    """The write plan of a sarif-om class, in output order (:data:`_LEADING` first)."""
    always = _ALWAYS_EMITTED.get(cls, frozenset())
    plan = []
    for field in attr.fields(cls):
        default = field.default
        if isinstance(default, attr.Factory):
            default = _NO_DEFAULT if default.takes_self else default.factory()
        elif default is attr.NOTHING:
            default = _NO_DEFAULT
        plan.append(_Field(field.name, field.metadata["schema_property_name"], default,
                           field.name in always))
    lead = {key: i for i, key in enumerate(_LEADING)}
    return tuple(sorted(plan, key=lambda f: lead.get(f.key, len(lead))))


def to_jsonable(value: object) -> object:
    """Turn sarif-om objects (and the dicts, lists and enums inside them) into JSON-able values.

    A field of an attrs object is written, under its ``schema_property_name``, when it is not None
    and was set to something other than its default, or is in :data:`_ALWAYS_EMITTED`. Dicts are
    written as they are (property bags, ``partialFingerprints``), keeping their insertion order.
    """
    cls = type(value)
    if cls in _SCALARS:
        return value
    if attr.has(cls):
        out = {}
        for field in _fields(cls):
            item = getattr(value, field.name)
            if item is None or item is attr.NOTHING:
                continue
            if field.always or type(item) is not type(field.default) or item != field.default:
                out[field.key] = to_jsonable(item)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(item) for item in value]
    return value


def to_json(log: om.SarifLog, indent: int | None = None) -> str:
    """*log* as JSON text with a final newline: compact unless *indent* is given, ASCII only."""
    separators = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(to_jsonable(log), indent=indent, separators=separators, allow_nan=False)
    return text + "\n"


# --------------------------------------------------------------------------------------------------
# Paths and messages

def artifact_uri(path: str, srcroot: Path) -> tuple[str, str | None]:
    """``(uri, uriBaseId)`` for a file: relative to *srcroot* with ``%SRCROOT%`` when it is inside.

    Both are resolved through symlinks first (GitHub cannot show a result in a symlinked file). A
    file outside *srcroot* gets an absolute ``file:`` URI and no base. The URI is percent-encoded.
    """
    absolute, relative = under_root(path, srcroot)
    if relative is None:
        return absolute.as_uri(), None
    return quote(relative), SRCROOT


_BRACKET = re.compile(r"\\(?=[\[\]])|[\[\]]")
_LINK_LIKE = re.compile(r"\[[^\]]*\]\(")


def _escape(text: str, link_text: bool = False) -> str:
    """Escape ``[`` and ``]`` (SARIF §3.11.6) in link text, or in text that reads as a link."""
    if link_text or _LINK_LIKE.search(text):
        return _BRACKET.sub(lambda m: "\\" + m.group(), text)
    return text


def message_text(finding: Finding) -> str:
    """``result.message.text``: the finding's message, then links to its related locations.

    The message comes first and unchanged, because GitHub uses its first sentence as the alert
    title; the links ``[text](id)`` follow as a separate sentence.
    """
    text = _escape(finding.message.strip()) or finding.rule  # GitHub needs a non-empty text
    if not finding.related:
        return text
    links = ", ".join(f"[{_escape(r.message.strip(), link_text=True) or f'location {i}'}]({i})"
                      for i, r in enumerate(finding.related, 1))
    if text[-1] not in ".!?":
        text += "."
    return f"{text} Related: {links}."


def _clip(text: str, limit: int = _MAX_TEXT) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


# --------------------------------------------------------------------------------------------------
# Building the log

class _Builder:
    """Builds results for one run, caching each file's URI and line hashes."""

    def __init__(self, ctx: ReportContext, rules: dict[str, Rule], rule_index: dict[str, int]):
        self.ctx = ctx
        self.rules = rules
        self.rule_index = rule_index
        self._uris: dict[str, tuple[str, str | None]] = {}
        self._hashes: dict[str, dict[int, str]] = {}

    def prepare_hashes(self, findings: Sequence[Finding]) -> None:
        """Compute GitHub's line hashes once per file, for the primary lines of *findings* only."""
        wanted: dict[str, set[int]] = {}
        for finding in findings:
            wanted.setdefault(finding.loc.path, set()).add(max(finding.loc.line, 1))
        for path, lines in wanted.items():
            source = self.ctx.source(path)
            self._hashes[path] = line_hashes(replaced(join_lines(source)), lines) if source else {}

    def physical(self, loc: Loc) -> om.PhysicalLocation:
        if loc.path not in self._uris:
            self._uris[loc.path] = artifact_uri(loc.path, self.ctx.srcroot)
        uri, base = self._uris[loc.path]
        lines = self.ctx.source(loc.path)
        region = span(loc, lines, COLUMN_KIND)
        return om.PhysicalLocation(
            artifact_location=om.ArtifactLocation(uri=uri, uri_base_id=base),
            region=om.Region(start_line=region.line, start_column=region.col,
                             end_line=region.end_line, end_column=region.end_col,
                             snippet=_snippet(lines, region.line, region.end_line)))

    def location(self, loc: Loc, message: str = "", location_id: int = -1,
                 function: str = "") -> om.Location:
        """A location; sarif-om's default id -1 is not written."""
        logical = [om.LogicalLocation(name=function, kind="function")] if function else None
        return om.Location(id=location_id,
                           physical_location=self.physical(loc),
                           message=om.Message(text=_escape(message)) if message else None,
                           logical_locations=logical)

    def thread_flow_location(self, step: Step, finding: Finding) -> om.ThreadFlowLocation:
        essential = step.kind in _ESSENTIAL_KINDS or step.loc == finding.loc
        return om.ThreadFlowLocation(location=self.location(step.loc, step.message),
                                     kinds=[step.kind],
                                     importance="essential" if essential else "important")

    def result(self, finding: Finding) -> om.Result:
        fingerprints = {FINGERPRINT_KEY: self.ctx.fingerprint(finding)}
        line_hash = self._hashes.get(finding.loc.path, {}).get(max(finding.loc.line, 1))
        if line_hash:
            fingerprints[LINE_HASH_KEY] = line_hash
        precision = effective_precision(finding, self.rules)
        properties: dict[str, object] = {"precision": precision.value} if precision else {}
        properties.update(cost=dict(finding.cost), rank=_sarif_rank(finding.rank))
        flow = [self.thread_flow_location(step, finding) for step in _clip_flow(finding.flow)]
        suppression = _SUPPRESSION_KIND.get(finding.suppressed, "external")
        return om.Result(
            rule_id=finding.rule,
            rule_index=self.rule_index.get(finding.rule, -1),
            level=finding.level.value,
            message=om.Message(text=message_text(finding)),
            locations=[self.location(finding.loc, function=finding.function)],
            related_locations=[self.location(r.loc, r.message, location_id=i)
                               for i, r in enumerate(finding.related, 1)] or None,
            code_flows=[om.CodeFlow(thread_flows=[om.ThreadFlow(locations=flow)])] if flow
            else None,
            partial_fingerprints=fingerprints,
            properties=properties,
            rank=_sarif_rank(finding.rank),
            suppressions=[om.Suppression(kind=suppression)] if finding.suppressed else None,
        )


def _snippet(lines: Sequence[str] | None, first: int, last: int) -> om.ArtifactContent | None:
    """The source lines of a region (at most :data:`_MAX_SNIPPET_LINES`), for viewers that do not
    have the file; None when the file is unreadable."""
    if not lines or not 1 <= first <= len(lines):
        return None
    text = replaced("".join(lines[first - 1:min(last, first + _MAX_SNIPPET_LINES - 1, len(lines))]))
    return om.ArtifactContent(text=text) if text else None


def _version_control(provenance: dict | None, srcroot: Path) -> list[om.VersionControlDetails] | None:
    """``versionControlProvenance``: the repository and commit of the analysed tree, its root mapped
    relative to ``%SRCROOT%``."""
    if not provenance:
        return None
    root = os.path.relpath(provenance["top"], srcroot.resolve())
    mapped = om.ArtifactLocation(uri=None if root == "." else quote(Path(root).as_posix()) + "/",
                                 uri_base_id=SRCROOT)
    return [om.VersionControlDetails(repository_uri=provenance["repositoryUri"],
                                     revision_id=provenance["revisionId"], branch=provenance.get("branch"),
                                     mapped_to=mapped)]


def _clip_flow(steps: Sequence[Step]) -> Sequence[Step]:
    """At most :data:`_MAX_FLOW` steps: the first ones and the last, where the danger is."""
    return steps if len(steps) <= _MAX_FLOW else (*steps[:_MAX_FLOW - 1], steps[-1])


def _sarif_rank(rank: float) -> float:
    """``result.rank`` must lie in [0, 100] (or be -1, "unknown")."""
    return 0.0 if math.isnan(rank) else min(max(float(rank), 0.0), 100.0)


def _descriptor(rule: Rule) -> om.ReportingDescriptor:
    """A rule's ``reportingDescriptor``: the one doc source rendered as GitHub wants it."""
    doc = rule.doc.strip() or rule.summary or rule.id
    return om.ReportingDescriptor(
        id=rule.id,
        name=rule.name,
        short_description=om.MultiformatMessageString(text=_clip(rule.summary or rule.id)),
        full_description=om.MultiformatMessageString(text=_clip(rule.full_description or rule.id)),
        help=om.MultiformatMessageString(text=doc, markdown=doc),
        help_uri=HELP_URI.format(module=rule.id.replace("-", "_")),
        default_configuration=om.ReportingConfiguration(level=rule.severity.value),
        properties={"tags": list(rule.tags[:_MAX_TAGS]), "precision": rule.precision.value,
                    "problem.severity": _PROBLEM_SEVERITY[rule.severity]},
    )


def _priority(rules: dict[str, Rule]) -> Callable[[Finding], tuple]:
    """Sort key putting the findings to keep under a cap first: level, rank, precision."""
    def key(finding: Finding) -> tuple:
        precision = effective_precision(finding, rules)
        return (-finding.level.weight, -_sarif_rank(finding.rank),
                -(precision.weight if precision else 0),
                order_key(finding))
    return key


def build_log(findings: Iterable[Finding], rules: Iterable[Rule], stats: RunStats,
              ctx: ReportContext) -> om.SarifLog:
    """The SARIF log of one kmemlint run, as sarif-om objects."""
    descriptors = sorted({rule.id: rule for rule in rules}.values(), key=lambda rule: rule.id)
    by_id = {rule.id: rule for rule in descriptors}
    selected = shown(findings, ctx)
    notifications = []
    if ctx.max_results is not None and len(selected) > ctx.max_results:
        dropped = len(selected) - ctx.max_results
        kept = sorted(selected, key=_priority(by_id))[:ctx.max_results]
        selected = sorted(kept, key=order_key)
        notifications.append(om.Notification(level="warning", message=om.Message(
            text=f"{dropped} results were left out to stay within the limit of {ctx.max_results} "
                 "results; those with the highest level and rank were kept.")))

    builder = _Builder(ctx, by_id, {rule.id: i for i, rule in enumerate(descriptors)})
    builder.prepare_hashes(selected)
    semantic = ctx.version if _SEMVER.match(ctx.version) else None
    driver = om.ToolComponent(name="kmemlint", version=ctx.version, semantic_version=semantic,
                              information_uri=INFORMATION_URI,
                              rules=[_descriptor(rule) for rule in descriptors])
    invocation = om.Invocation(
        execution_successful=True,
        tool_execution_notifications=notifications or None,
        properties={"files": stats.files, "parseErrors": stats.parse_errors, "functions": stats.functions,
                    "functionsWithParseErrors": stats.error_functions,
                    "suppressed": stats.suppressed, "baselined": stats.baselined,
                    "skipped": len(stats.skipped),
                    **({"outsideDiff": stats.outside_diff} if stats.outside_diff else {})})
    automation = om.RunAutomationDetails(id=ctx.automation_id) if ctx.automation_id else None
    run = om.Run(
        tool=om.Tool(driver=driver),
        automation_details=automation,
        original_uri_base_ids={SRCROOT: om.ArtifactLocation(description=om.Message(
            text="The root of the analysed source tree; artifact URIs are relative to it."))},
        column_kind=COLUMN_KIND.value,
        version_control_provenance=_version_control(ctx.provenance, ctx.srcroot),
        invocations=[invocation],
        results=[builder.result(finding) for finding in selected],
    )
    return om.SarifLog(schema_uri=SCHEMA_URI, version="2.1.0", runs=[run])


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building 25,000 results makes millions of small objects
    without cycles, and the collections it keeps triggering make the build three times slower."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render(findings: Iterable[Finding], rules: Iterable[Rule], stats: RunStats,
           ctx: ReportContext) -> str:
    """The SARIF report as compact JSON (GitHub limits the gzipped upload to 10 MB)."""
    with _gc_paused():
        return to_json(build_log(findings, rules, stats, ctx))
