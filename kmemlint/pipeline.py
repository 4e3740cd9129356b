"""The pipeline, stage by stage: discover -> parse -> facts -> summaries -> rules -> suppressions ->
ranking -> (reporters, in the CLI). Each stage is a module; this one only wires them."""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kmemlint import allocsites, discover, engine, facts, knowledge, rank, registry, suppress
from kmemlint.facts import FileFacts
from kmemlint.model import Finding, Rule, RunStats
from kmemlint.summaries import Program

DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024


class UsageError(Exception):
    """Bad options (unknown rule id...): one line, exit 2."""


@dataclass
class Options:
    paths: list[str]
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    knowledge_files: tuple[Path, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    rule_options: dict = field(default_factory=dict)
    #: size evaluation: kernel tree (None: found by walking up from each file), -I, -D
    kernel_root: str | None = None
    include_dirs: tuple[str, ...] = ()
    defines: tuple[tuple[str, str], ...] = ()
    arch: str = "x86_64"
    page_shift: int = 12

    @property
    def size_settings(self) -> allocsites.SizeSettings:
        return allocsites.SizeSettings(self.kernel_root, tuple(self.include_dirs), tuple(self.defines),
                                       self.arch, self.page_shift)


@dataclass
class Result:
    findings: list[Finding]
    stats: RunStats
    rules: dict[str, Rule]
    program: Program


def select_rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[registry.RuleModule]:
    known = registry.rule_ids()
    for rid in (*select, *ignore):
        if rid not in known:
            raise UsageError(f"unknown rule id '{rid}' (see `kmemlint rules`)")
    chosen = [r for r in registry.all_rules() if (not select or r.rule.id in select) and r.rule.id not in ignore]
    return chosen


def read_source(path: str, max_size: int) -> tuple[bytes | None, str]:
    """File bytes, or None and why it was skipped. Never writes."""
    try:
        size = os.path.getsize(path)
        if size > max_size:
            return None, f"skipped: {size / 1048576:.1f} MiB is over the {max_size / 1048576:.0f} MiB limit (--max-file-size)"
        with open(path, "rb") as fh:
            src = fh.read()
    except OSError as e:
        return None, f"skipped: cannot read: {e.strerror or e}"
    if b"\0" in src[:8192]:
        return None, "skipped: binary file"
    return src, ""


def analyse_file(path: str, max_size: int) -> tuple[FileFacts | None, str]:
    """Parse one file and extract its facts (the unit of work of ``--jobs`` and the cache)."""
    src, why = read_source(path, max_size)
    if src is None:
        return None, why
    note = ""
    try:
        src.decode("utf-8")
    except UnicodeDecodeError as e:
        note = f"not valid UTF-8 (byte {e.start}); analysed with replacement characters"
    return facts.extract(path, src), note


def run(opts: Options, warn: Callable[[str], None]) -> Result:
    rules = select_rules(opts.select, opts.ignore)
    know = knowledge.load(opts.knowledge_files)
    all_facts, stats = collect(opts, warn)
    return finish(all_facts, rules, know, opts, stats)


def collect(opts: Options, warn: Callable[[str], None]) -> tuple[list[FileFacts], RunStats]:
    """discover -> parse -> facts: the facts of every file, and the run statistics so far."""
    files, warnings = discover.discover(opts.paths, opts.exclude, opts.force_exclude)
    for w in warnings:
        warn(w)
    stats = RunStats()
    all_facts: list[FileFacts] = []
    for sf in files:
        ff, note = analyse_file(sf.path, opts.max_file_size)
        if note:
            warn(f"{sf.path}: {note}")
        if ff is None:
            stats.skipped.append(f"{sf.path}: {note}")
            continue
        all_facts.append(ff)
    return all_facts, stats


def alloc_sites(opts: Options, warn: Callable[[str], None]) -> tuple[allocsites.AllocSites, RunStats]:
    """discover -> parse -> facts -> sizes, without rules (``kmemlint cost``)."""
    know = knowledge.load(opts.knowledge_files)
    all_facts, stats = collect(opts, warn)
    stats.files = len(all_facts)
    stats.parse_errors = sum(1 for f in all_facts if f.parse_errors)
    return allocsites.install(Program(all_facts, know), know, opts.size_settings), stats


def finish(all_facts: list[FileFacts], rules, know, opts: Options, stats: RunStats) -> Result:
    stats.files = len(all_facts)
    stats.parse_errors = sum(1 for f in all_facts if f.parse_errors)
    program = Program(all_facts, know)
    sites = allocsites.install(program, know, opts.size_settings)
    ctx = engine.Context(program, know, opts.rule_options, frozenset(r.rule.id for r in rules))
    found = engine.run(rules, ctx)
    found = suppress.apply(found, {f.path: f.suppressions for f in all_facts})
    stats.suppressed = sum(1 for f in found if f.suppressed == "inSource")
    found = rank.apply(found, sites, {r.rule.id: r.rule for r in rules})
    found = sorted(set(found), key=Finding.sort_key)
    return Result(found, stats, {r.rule.id: r.rule for r in rules}, program)
