"""The pipeline, stage by stage: discover -> per-file facts (in the workers, cached per file) -> the
whole program, in parts (summaries, propagation) -> rules -> suppressions -> ranking -> (reporters,
in the CLI). Each stage is a module, and so is each cache around one; this one only wires them."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kmemlint import engine, filefacts, knowledge, rank, registry, stagetimes, suppress
from kmemlint.filefacts import Files, Progress
from kmemlint.frontend import allocsites, discover, macros
from kmemlint.frontend.facts import FileFacts
from kmemlint.model import Finding, Rule, RunStats
from kmemlint.program import kernelmodel, parts, typeinfo
from kmemlint.program.summaries import Program, tree_relative
from kmemlint.stored import COUNTS, Stored

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
    #: worker processes for parsing and facts (0: one per core; 1: in this process)
    jobs: int = 0
    #: per-file facts cache directory, None for no cache
    cache_dir: Path | None = None
    #: when only files are given (pre-commit, Kbuild): also load the cached facts of the other
    #: files of their directories ("dir"), of every file the last runs saw ("tree"), or not ("none");
    #: findings are reported for the given files only
    context: str = "dir"
    #: preprocessor settings from Kbuild or compile_commands.json (-I, -D NAME[=VALUE], -include),
    #: for analyses that evaluate sizes; the pipeline only passes them on
    include_dirs: tuple[str, ...] = ()
    defines: tuple[tuple[str, str], ...] = ()
    includes: tuple[str, ...] = ()
    #: size evaluation: kernel tree (None: found by walking up from each file), -I, -D
    kernel_root: str | None = None
    arch: str = "x86_64"
    page_shift: int = 12
    #: kernel model for functions the analysed files do not define: a path, "none", None (shipped)
    kernel_model: str | None = None

    @property
    def size_settings(self) -> allocsites.SizeSettings:
        return allocsites.SizeSettings(self.kernel_root, tuple(self.include_dirs), tuple(self.defines),
                                       self.arch, self.page_shift)


@dataclass
class Result:
    findings: list[Finding]
    stats: RunStats
    rules: dict[str, Rule]
    #: None when the result came from the cache (a warm re-run with nothing changed)
    program: Program | None = None


def select_rules(select: tuple[str, ...], ignore: tuple[str, ...]) -> list[registry.RuleModule]:
    """The rules to run: ``select`` (none: all) less ``ignore``; ``ALL`` in either means every rule, and
    a rule named in ``select`` beats ``ignore = ALL``."""
    known = registry.rule_ids()
    for rid in (*select, *ignore):
        if rid not in known and rid != registry.ALL:
            raise UsageError(registry.unknown_rule(rid))
    every = not select or registry.ALL in select
    drop = set(known) - set(select) if registry.ALL in ignore else set(ignore)
    return [r for r in registry.all_rules() if (every or r.rule.id in select) and r.rule.id not in drop]


def run(opts: Options, warn: Callable[[str], None], progress: Progress | None = None) -> Result:
    """The stages, each wrapped by its cache: discover -> per-file facts (workers; cached per file,
    Files) -> the whole program in parts -> rules -> ranking (whole_program; the results of the run
    and of each part stored, Stored)."""
    with stagetimes.stage("discover, setup"):
        rules = select_rules(opts.select, opts.ignore)
        know = knowledge.load(opts.knowledge_files)
        model = kernelmodel.open_model(opts.kernel_model)
        paths = _discover(opts, warn)
        store, salt = filefacts.open_cache(opts.cache_dir, know, warn)
        files = Files.from_index(opts, paths, store, salt, warn, progress)
        stored = Stored(files, rules, opts, model, Result)
    return stored.run(lambda: whole_program(files, rules, know, model, opts, progress, stored.parts), progress)


#: the counts of RunStats a part adds to
_COUNTED = (*COUNTS, "cached")


def _discover(opts: Options, warn: Callable[[str], None]) -> list[str]:
    files, warnings = discover.discover(opts.paths, opts.exclude, opts.force_exclude)
    for w in warnings:
        warn(w)
    return [sf.path for sf in files]


def whole_program(files: Files, rules, know, model, opts: Options, progress: Progress | None = None,
                  wrap: Callable[..., parts.Analyse] | None = None) -> Result:
    """The files' facts (read by the workers as the parts come up) -> the whole program, part by part
    (program.parts; one part when the other files are context) -> rules -> ranking. ``wrap(parts,
    analyse, hit)``: a cache around the analysis of each part (Stored.parts)."""
    groups = parts.parts(files.paths(), parts.PART_FILES) if files.restrict is None else [files.paths()]
    files.warn_known(files.notes, skipped_only=True)  # skipped files belong to no part: warned here, as by their run
    files.start(groups, (tuple(opts.knowledge_files), opts.size_settings) if any(r.all_sites for r in rules) else None)
    stats = files.stats
    by_id = {r.rule.id: r.rule for r in rules}

    def analyse(k: int, again: bool, externals) -> parts.Part:
        counts = [getattr(stats, c) for c in _COUNTED]
        with files.facts(k, groups[k], again, None if again else progress) as (held, presized):
            result = finish(held, rules, know, opts, stats, files.restrict, None if again else progress, presized,
                            externals)
        if again:  # counted in the first pass
            for c, n in zip(_COUNTED, counts):
                setattr(stats, c, n)
        if len(groups) == 1:
            return parts.Part(result)
        with stagetimes.stage("export summaries"):  # keep only the findings: each part's facts go
            part = parts.summarise(result.program, result, export=not again)  # before the next loads
        result.program = None
        return part

    if wrap is not None:
        analyse = wrap(groups, analyse, lambda found: Result(found, stats, by_id, None))
    try:
        done, _ = parts.analyse_in_parts(len(groups), analyse, model,
                                         paths=frozenset(tree_relative(p) for g in groups for p in g))
    except BaseException:
        files.close(interrupted=True)
        raise
    files.close()
    files.save_index()
    if len(done) == 1:
        return done[0].value
    return Result(sorted((f for p in done for f in p.value.findings), key=Finding.sort_key), stats, by_id, None)


def count_parse_errors(stats: RunStats, all_facts: list[FileFacts]) -> None:
    """Files with ERROR/MISSING nodes, and functions containing one, into ``stats``."""
    stats.parse_errors += sum(1 for f in all_facts if f.parse_errors)
    stats.functions += sum(len(f.functions) for f in all_facts)
    stats.error_functions += sum(1 for f in all_facts for fn in f.functions if fn.parse_errors)


def finish(all_facts: list[FileFacts], rules, know, opts: Options, stats: RunStats,
           restrict: frozenset[str] | None = None, progress: Progress | None = None,
           presized: list[allocsites.AllocSite] = (), externals=None, type_files=()) -> Result:
    """Whole-program stages on the collected facts. ``restrict``: report only findings in these paths
    (the other files are context). ``presized``: sites the facts workers already evaluated.
    ``externals``: what answers for functions these files do not define (kernelmodel.Externals)."""
    stats.files += len(all_facts) if restrict is None else sum(1 for f in all_facts if f.path in restrict)
    count_parse_errors(stats, [f for f in all_facts if restrict is None or f.path in restrict])
    with stagetimes.stage("macros, program"):
        shared = externals.macros if externals is not None else None
        if know.sections.get("aliases"):  # an older kernel's compatibility macros (knowledge.Alias)
            shared = macros.with_aliases(shared, know.sections["aliases"],
                                         externals.defines if externals is not None else lambda _n: False)
        all_facts, macro_table = macros.expand(all_facts, shared)
        program = Program(all_facts, know, externals, type_files)
        typeinfo.nested_initialisers(program)
        sites = allocsites.install(program, know, opts.size_settings)
        sites.preload(presized)
    ctx = engine.Context(program, know, opts.rule_options, frozenset(r.rule.id for r in rules), restrict)
    found: list[Finding] = []
    for i, rm in enumerate(rules):
        with stagetimes.stage(f"rule {rm.rule.id}"):
            found += engine.run([rm], ctx)
        if progress:
            progress("rules", i + 1, len(rules), len(found))
    if restrict is not None:
        found = [f for f in found if f.loc.path in restrict]
    found = [macros.note(f, macro_table) for f in found]
    found = suppress.apply(found, {f.path: f.suppressions for f in all_facts})
    stats.suppressed += sum(1 for f in found if f.suppressed == "inSource")
    found = rank.apply(found, sites, {r.rule.id: r.rule for r in rules})
    found = sorted(set(found), key=Finding.sort_key)
    return Result(found, stats, {r.rule.id: r.rule for r in rules}, program)


def collect(opts: Options, warn: Callable[[str], None]) -> tuple[list[FileFacts], RunStats]:
    """discover -> parse -> facts of every file, without the cache or parts (``kmemlint cost``)."""
    paths = _discover(opts, warn)
    files = Files.to_read(opts, paths, None, "", warn)
    files.start([paths], None)
    try:
        with files.facts(0, paths, False, None) as (held, _):
            return held, files.stats
    finally:
        files.close()


def alloc_sites(opts: Options, warn: Callable[[str], None]) -> tuple[allocsites.AllocSites, RunStats]:
    """discover -> parse -> facts -> sizes, without rules (``kmemlint cost``)."""
    know = knowledge.load(opts.knowledge_files)
    all_facts, stats = collect(opts, warn)
    stats.files = len(all_facts)
    count_parse_errors(stats, all_facts)
    return allocsites.install(Program(all_facts, know), know, opts.size_settings), stats
