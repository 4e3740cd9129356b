"""The pipeline, stage by stage: discover -> parse -> facts -> summaries -> rules -> suppressions ->
ranking -> (reporters, in the CLI). Each stage is a module; this one only wires them."""
from __future__ import annotations

import dataclasses
import functools
import gc
import itertools
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kmemlint import cache as cache_mod, engine, knowledge, limits, rank, registry, stagetimes, suppress
from kmemlint.frontend import allocsites, discover, facts, macros, prefilter, sizes, suppressions
from kmemlint.frontend.facts import FileFacts
from kmemlint.model import Finding, Rule, RunStats
from kmemlint.program.summaries import DRIVER_DIRS, Program

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


def read_source(path: str, max_size: int) -> tuple[bytes | None, str]:
    """File bytes, or None and why it was skipped. Never writes."""
    try:
        size = os.path.getsize(path)
        if size > max_size:
            return None, f"skipped: {size / 1048576:.1f} MiB is over the {max_size / 1048576:.0f} MiB limit (--max-file-size)"
        too_big = limits.too_big_to_parse(size)
        if too_big:
            return None, too_big
        with open(path, "rb") as fh:
            src = fh.read()
    except OSError as e:
        return None, f"skipped: cannot read: {e.strerror or e}"
    if b"\0" in src[:8192]:
        return None, "skipped: binary file"
    return src, ""


def analyse_file(path: str, max_size: int) -> tuple[FileFacts | None, str]:
    """Read, parse one file and extract its facts (the unit of work of ``--jobs`` and the cache)."""
    src, why = read_source(path, max_size)
    if src is None:
        return None, why
    return analyse_source(path, src)




#: progress(stage, done, total, findings): stage is "files" or "rules"
Progress = Callable[[str, int, int, int], None]


def _work(job: tuple) -> tuple:
    """One file in a worker (or in-process): read, hash, cached facts or parse + extract.

    Returns the encoded cache entry (bytes pickle cheaply across the process boundary), or
    IN_CACHE when the entry is in the cache, so the parent decodes each file once, whether it
    came from the cache or was just analysed. With
    ``sizes`` (knowledge files, size settings) a freshly analysed file's allocation sites are
    evaluated here too, in parallel, rather than one by one in the parent."""
    i, path, max_size, cache_root, salt, sizes_ = job
    if _PARENT and os.getppid() != _PARENT:  # the run was killed: nobody waits for this answer
        os._exit(1)
    src, note = read_source(path, max_size)
    if src is None:
        return i, None, note, "", False, ()
    key = cache_mod.file_key(salt, path, src)
    store = _worker_cache(cache_root, salt) if cache_root is not None else None
    if store is not None and store.get_blob("facts", key) is not None:
        return i, IN_CACHE, _utf8_note(src), key, True, ()
    sites: tuple = ()
    try:
        with limits.time_limit(limits.FILE_TIMEOUT):
            with stagetimes.stage("parse+facts"):
                ff, note = analyse_source(path, src)
            if sizes_ is not None:
                try:
                    with stagetimes.stage("sizes"):
                        sites = tuple(_worker_sites(*sizes_).file_sites(ff))
                except Exception:  # noqa: BLE001 - left to the parent: it evaluates them on demand and
                    pass           # reports a failure as the rule's one-line internal error
    except limits.TooSlow:
        return i, None, f"skipped: analysis took over {limits.FILE_TIMEOUT:g} s (KMEMLINT_FILE_TIMEOUT)", "", False, ()
    except MemoryError:  # what the estimate of limits.too_big_to_parse did not foresee
        return i, None, "skipped: out of memory while analysing it", "", False, ()
    with stagetimes.stage("encode"):
        blob = cache_mod.encode(ff)
    if store is not None and store.put_blob("facts", key, blob):
        blob = IN_CACHE
    stagetimes.tick()
    return i, blob, note, key, False, sites


#: a worker's answer for facts it found in or wrote to the cache: the parent reads them there when
#: it takes up their group, so answers waiting for it are a few bytes, not the facts
IN_CACHE = b""


@functools.lru_cache(maxsize=4)
def _worker_cache(root: Path, salt: str) -> cache_mod.Cache:
    store = cache_mod.Cache(root, salt)
    sizes.use_header_cache(store)
    return store


@functools.lru_cache(maxsize=2)
def _worker_sites(knowledge_files: tuple[Path, ...], settings: allocsites.SizeSettings) -> allocsites.SiteEvaluator:
    return allocsites.SiteEvaluator(knowledge.load(knowledge_files), settings)


def _utf8_note(src: bytes) -> str:
    try:
        src.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not valid UTF-8 (byte {e.start}); analysed with replacement characters"
    return ""


def analyse_source(path: str, src: bytes) -> tuple[FileFacts, str]:
    if prefilter.preprocessor_only(src):  # register headers: nothing to parse (prefilter.py)
        return FileFacts(path=path, parse_errors=0, functions=(), suppressions=suppressions.scan(path, src),
                         lines=src.count(b"\n") + 1), _utf8_note(src)
    return facts.extract(path, src), _utf8_note(src)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _worker_init() -> None:
    """A worker makes millions of short-lived, acyclic objects per file (trees, facts) while its
    header caches grow: with the default thresholds the cyclic collector keeps rescanning those
    caches. Rarer collections (cycles are still collected) cut the workers' CPU time by ~15 %
    (drivers/net/ethernet/{broadcom,mellanox}: 24.0 s -> 20.5 s user, same peak memory)."""
    gc.set_threshold(20000, 50, 50)
    stagetimes.role("worker")
    global _PARENT
    _PARENT = os.getppid()
    # Ctrl-C reaches the whole process group: the parent alone answers it, and ends the pool
    # (SIGTERM kills the workers at once), then removes what they were writing (_Feed.close).
    # A forked worker inherits the parent's handlers: SIGTERM's default is restored
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:  # the parent's rules come first: the workers run ahead of it through the cache anyway,
        os.nice(_WORKER_NICE)  # so the run ends with the last group's rules, not with a lagging parent
    except OSError:
        pass


_WORKER_NICE = 5
#: the process that started this worker (0 outside workers): a worker whose parent is gone stops
_PARENT = 0


#: files a worker analyses before a fresh one replaces it, in runs big enough to need it (see _pool)
RECYCLE_FILES = int(os.environ.get("KMEMLINT_RECYCLE", "2500"))
_CHUNK = 4  # files per task


def _pool(jobs: int, files: int):
    """The worker pool. A run of more than ``RECYCLE_FILES`` files replaces each worker after
    that many files: a worker's resident memory only ever grows (CPython frees an arena only
    when every object in it is gone, and the header caches that outlive each file pin them: a
    worker of a whole-``drivers/`` run grew to 486 MiB while holding 7 MB of live objects), so
    long-lived workers were half the run's summed memory. Replacements come from a forkserver,
    started while this process is small, not from this process (a forked copy of a parent
    holding a group's facts would count them again). A new worker reads the headers' facts
    back from the cache instead of re-parsing them."""
    methods = multiprocessing.get_all_start_methods()
    if files > RECYCLE_FILES > 0 and "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kmemlint.pipeline"])
        return ctx.Pool(jobs, initializer=_worker_init, maxtasksperchild=max(1, RECYCLE_FILES // _CHUNK))
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ctx.Pool(jobs, initializer=_worker_init)


def run(opts: Options, warn: Callable[[str], None], progress: Progress | None = None) -> Result:
    from kmemlint.program import kernelmodel

    rules = select_rules(opts.select, opts.ignore)
    know = knowledge.load(opts.knowledge_files)
    model = kernelmodel.open_model(opts.kernel_model)
    overlay = kernelmodel.Overlay()
    externals = kernelmodel.Externals([overlay, model])
    files, warnings = discover.discover(opts.paths, opts.exclude, opts.force_exclude)
    for w in warnings:
        warn(w)
    cwd = os.getcwd()
    salt = cache_mod.salt(know.digest)
    store = cache_mod.Cache(opts.cache_dir, salt, warn) if opts.cache_dir is not None else None
    sizes.use_header_cache(store)
    index = store.load_index(cwd) if store is not None else {}

    paths = [sf.path for sf in files]
    restrict: frozenset[str] | None = None
    if store is not None and opts.context != "none" and paths and all(os.path.isfile(p) for p in opts.paths):
        shown = set(paths)
        dirs = {os.path.dirname(p) for p in paths}
        extra = sorted(p for p in index if p not in shown and (opts.context == "tree" or os.path.dirname(p) in dirs))
        if extra:
            restrict = frozenset(paths)
            paths += extra
    stats = RunStats()
    stamp = time.time()
    seen: dict[str, tuple] = {}  # path -> index entry (stat, key, note) to save
    keys: dict[str, str] = {}
    notes: dict[str, str] = {}
    todo: list[str] = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError as e:
            if restrict is not None and p not in restrict:
                continue  # a context file that is gone
            stats.skipped.append(f"{p}: skipped: cannot read: {e.strerror or e}")
            warn(stats.skipped[-1])
            continue
        known = index.get(p)
        if known is not None and len(known) == 3 and known[0] is not None and known[0] == cache_mod.stat_of(st):
            seen[p] = known
            if known[1]:
                keys[p] = known[1]
            if known[2]:
                notes[p] = known[2]
        elif restrict is not None and p not in restrict:
            continue  # a context file changed since it was cached: left out rather than parsed
        else:
            seen[p] = (cache_mod.trusted_stat(st, stamp), "", "")
            todo.append(p)
    for p, note in sorted(notes.items()):  # warned below, as by the run that analysed them
        if p not in keys:
            stats.skipped.append(f"{p}: {note}")
    if progress:
        progress("files", len(keys), len(keys) + len(todo), 0)

    result_key = ""
    rsalt = ""  # what stored results depend on besides the files: all of kmemlint's code, the headers
    if store is not None:  # of the include directories and those next to the files given by name
        watched = opts.size_settings.size_env().header_dirs(opts.paths)
        beside = [os.path.dirname(p) or "." for p in opts.paths if os.path.isfile(p)]
        rsalt = cache_mod.digest(salt, cache_mod.code_digest(), cache_mod.tree_stamp(watched, beside),
                                 kernelmodel.identity(model))
    if store is not None and not todo:
        result_key = _result_key(rsalt, keys, rules, opts, restrict, stats.skipped)
        hit = store.get("results", result_key)
        if isinstance(hit, Result):
            for p, note in sorted(notes.items()):
                if restrict is None or p in restrict:
                    warn(f"{p}: {note}")
            hit.stats.cached = len(keys)
            if progress:
                progress("files", len(keys), len(keys), len(hit.findings))
            return hit

    groups = parts(sorted(set(keys) | set(todo)), PART_FILES) if restrict is None else [None]
    for p in sorted(notes):  # skipped files belong to no group: warn here, as their run did
        if p not in keys and p not in todo and (restrict is None or p in restrict):
            warn(f"{p}: {notes[p]}")
    results = []
    todo_set = set(todo)
    sizes_ = (tuple(opts.knowledge_files), opts.size_settings) if any(r.all_sites for r in rules) else None
    feed = _Feed([list(todo) if group is None else [p for p in group if p in todo_set] for group in groups],
                 opts, store, salt, sizes_)
    per_group = store is not None and restrict is None and len(groups) > 1
    chain = ""  # digest of the summaries the earlier groups exported: a group's findings depend on them
    names: list[tuple[frozenset, frozenset]] = []  # per group: (names it calls but does not define, defines)
    exports: list[str] = []
    try:
        for k, group in enumerate(groups):
            cached = list(keys) if group is None else [p for p in group if p in keys]
            if per_group and not feed.order(k):
                hit = store.get("groups", _group_key(rsalt, cached, keys, rules, opts, chain))
                if isinstance(hit, tuple) and len(hit) == 10:
                    feed.results(k)  # nothing to parse here: the workers go on with the next group
                    results.append(_group_hit(hit, cached, notes, stats, rules, warn))
                    overlay.add(k, hit[6], hit[7])
                    externals.forget()
                    names.append((hit[8], hit[9]))
                    exports.append(kernelmodel.fingerprint(hit[6], hit[7]))
                    chain = cache_mod.digest(chain, exports[-1])
                    continue
            before = (stats.files, stats.parse_errors, stats.suppressed, stats.functions, stats.error_functions)
            part = _analyse(cached, feed.order(k), feed.results(k), keys, notes, seen, opts, store, salt, stats,
                            restrict, progress, warn, rules, know, sizes_, externals)
            exported: tuple = ((), ())
            if len(groups) > 1:  # what the other groups may call
                with stagetimes.stage("export summaries"):
                    exported = kernelmodel.export(part.program)
                overlay.add(k, *exported)
                externals.forget()
            names.append(_names(part.program))
            if per_group:  # a later run that changes nothing in this group takes its findings as they are
                store.put("groups", _group_key(rsalt, [p for p in group if p in keys], keys, rules, opts, chain),
                          (part.findings, stats.files - before[0], stats.parse_errors - before[1],
                           stats.suppressed - before[2], stats.functions - before[3],
                           stats.error_functions - before[4], *exported, *names[-1]))
            exports.append(kernelmodel.fingerprint(*exported))
            chain = cache_mod.digest(chain, exports[-1])
            if len(groups) > 1:  # keep only the findings: each group's facts go before the next loads
                part.program.release()  # freed by reference counting: no whole-heap gc.collect()
                part.program = None     # (drivers/net in 6 groups: 107 s -> 80 s, same peak memory)
            results.append(part)
        # second pass: the groups that call functions only a later group defines, with every summary
        final = cache_mod.digest("final", exports)
        for k in later_callers(names, overlay, model):
            group = groups[k]
            key = _group_key(rsalt, [p for p in group if p in keys], keys, rules, opts, final)
            hit = store.get("groups", key) if per_group else None
            if isinstance(hit, tuple) and len(hit) == 10:
                results[k] = Result(list(hit[0]), stats, results[k].rules, None)
                continue
            counts = (stats.files, stats.parse_errors, stats.suppressed, stats.cached, stats.functions,
                      stats.error_functions)
            part = _analyse([p for p in group if p in keys], [], iter(()), keys, notes, seen, opts, store, salt,
                            stats, restrict, None, warn, rules, know, sizes_, externals)
            (stats.files, stats.parse_errors, stats.suppressed, stats.cached, stats.functions,
             stats.error_functions) = counts  # counted in pass 1
            part.program.release()
            part.program = None
            results[k] = part
            if per_group:
                store.put("groups", key, (part.findings, 0, 0, 0, 0, 0, (), (), frozenset(), frozenset()))
    except BaseException:
        feed.close(interrupted=True)
        raise
    else:
        feed.close()
    result = results[0] if len(results) == 1 else Result(
        sorted((f for r in results for f in r.findings), key=Finding.sort_key), stats, results[0].rules, None)
    if store is not None:
        store.save_index(cwd, seen)
        if not result_key:
            result_key = _result_key(rsalt, keys, rules, opts, restrict, stats.skipped)
        store.put("results", result_key, dataclasses.replace(result, program=None))
    return result


def _names(program: Program) -> tuple[frozenset, frozenset]:
    """(names the program calls but does not define, names it defines)."""
    defined = frozenset(fn.name for fn in program.functions())
    called = frozenset(c.callee for fn in program.functions() for c in fn.calls if c.callee) - defined
    return called, defined


def later_callers(names: list[tuple[frozenset, frozenset]], overlay, model=None) -> list[int]:
    """The parts (in order) that call a function with a summary worth having that only a later part
    defines, and that the kernel model did not already answer the same way: analysed again once
    every part's summaries are known."""
    from kmemlint.program.kernelmodel import same_answer

    later: set[str] = set()
    again = []
    for k in range(len(names) - 1, -1, -1):
        called, defined = names[k]
        if any(not same_answer(overlay, model, n) for n in called & later):
            again.append(k)
        later |= {n for n in defined & overlay.functions.keys() if any(e.interesting() for e in overlay.candidates(n))}
    return sorted(again)


#: the facts of at most this many files are in memory at once. A bigger run is one program
#: analysed part by part: each part's functions are summarised with the summaries the parts before
#: it exported (kernelmodel.Overlay), then the parts that call what a later part defines are
#: analysed again with every summary (``later_callers``), so a call from drivers/net/ethernet into
#: drivers/net/phy is judged with phy's summaries wherever the parts fall
PART_FILES = 2500


def parts(paths: list[str], limit: int) -> list[list[str]]:
    """Split a big run into parts of at most ``limit`` files along directory lines (a driver's
    files stay together), merging small neighbouring directories; ``limit`` 0: one part."""
    if not limit or len(paths) <= limit:
        return [paths]

    def split(ps: list[str], depth: int) -> list[list[str]]:
        if len(ps) <= limit:
            return [ps]
        by: dict[str, list[str]] = {}
        for p in ps:
            parts = p.split(os.sep)
            by.setdefault(parts[depth] if len(parts) > depth + 1 else "", []).append(p)
        if len(by) == 1 and "" not in by:
            return split(ps, depth + 1)
        out: list[list[str]] = []
        for key in sorted(by):
            if key:
                out += split(by[key], depth + 1)
            else:  # files directly in this directory
                out += [by[key][i:i + limit] for i in range(0, len(by[key]), limit)]
        merged: list[list[str]] = []
        for g in out:
            if merged and len(merged[-1]) + len(g) <= limit:
                merged[-1] = merged[-1] + g
            else:
                merged.append(list(g))
        return merged

    return split(sorted(paths), 0)


def _analyse(cached: list[str], todo: list[str], fed, keys, notes, seen, opts: Options, store, salt: str,
             stats: RunStats, restrict, progress, warn, rules, know, sizes_, externals=None,
             type_files=()) -> Result:
    """Facts of one group of files (from the cache, or ``todo`` parsed now: ``fed`` yields their
    workers' answers), then the whole-program stages over that group. Its facts are dropped when
    it is done."""
    all_facts: dict[str, FileFacts] = {}
    presized: list[allocsites.AllocSite] = []
    again: list[str] = []  # cached entries that turned out unreadable: analysed here, in this process
    gc_was = gc.isenabled()
    gc.disable()  # facts are acyclic: collecting while they accumulate is quadratic (measured 8x)
    try:
        for p in cached:
            ff = store.get("facts", keys[p]) if store is not None else None
            if _usable(ff):
                all_facts[p] = ff
                stats.cached += 1
                continue
            del keys[p]
            notes.pop(p, None)  # re-analysed below, which warns again
            if restrict is None or p in restrict:
                again.append(p)
                seen[p] = (seen[p][0], "", "")
        if progress:
            progress("files", len(all_facts), len(all_facts) + len(todo) + len(again), 0)
        mine = set(cached)
        fresh = [(p, n) for p, n in notes.items() if (restrict is None or p in restrict) and p in mine]
        again.sort(key=lambda p: (-_size(p), p))
        order = todo + again
        if again:
            fed = itertools.chain(fed, map(_work, _jobs(again, opts, store, salt, sizes_, len(todo))))
        def redo(i: int) -> tuple:
            return _work(_jobs([order[i]], opts, None, salt, sizes_, i)[0])

        for p, key, note in _collect(order, fed, progress, len(all_facts), all_facts, stats, presized, store, redo):
            seen[p] = (seen[p][0], key, note)
            if restrict is None or p in restrict:
                fresh.append((p, note))
            if key:
                keys[p] = key
            else:
                stats.skipped.append(f"{p}: {note}")
        stats.skipped.sort()
        for p, note in sorted(fresh):  # in path order whatever order the workers finished in
            if note:
                warn(f"{p}: {note}")
    finally:
        if gc_was:
            gc.freeze()  # the facts stay alive for the whole group: keep them out of collections
            gc.enable()
    try:
        ordered = [all_facts[p] for p in sorted(all_facts)]
        return finish(ordered, rules, know, opts, stats, restrict, progress, presized, externals, type_files)
    finally:
        if gc_was:
            gc.unfreeze()


def _group_key(salt: str, group: list[str], keys: dict[str, str], rules, opts: Options, chain: str) -> str:
    return _result_key(cache_mod.digest(salt, chain), {p: keys[p] for p in group}, rules, opts, None, ())


def _group_hit(hit: tuple, cached: list[str], notes: dict[str, str], stats: RunStats, rules, warn) -> Result:
    """The findings of a group none of whose files changed since a run stored them (``kmemlint
    drivers/`` after editing one file re-runs the rules of that file's group only)."""
    found, files, parse_errors, suppressed, functions, error_functions = hit[:6]
    stats.files += files
    stats.parse_errors += parse_errors
    stats.functions += functions
    stats.error_functions += error_functions
    stats.suppressed += suppressed
    stats.cached += len(cached)
    for p in sorted(cached):  # the warnings the run that analysed them gave
        if notes.get(p):
            warn(f"{p}: {notes[p]}")
    return Result(list(found), stats, {r.rule.id: r.rule for r in rules}, None)


def _result_key(salt: str, keys: dict[str, str], rules, opts: Options, restrict, skipped) -> str:
    return cache_mod.digest(salt, sorted(keys.items()), [r.rule.id for r in rules],
                            sorted(opts.rule_options.items()), opts.size_settings, opts.includes,
                            sorted(restrict) if restrict is not None else None, skipped)


class _Feed:
    """The worker processes of a whole run: one pool, forked once while this process is still
    small, that parses group k+1 while this process runs the whole-program stages of group k
    (without a cache at most two groups are in flight, so finished facts never pile up; with one
    the workers go through every group, leaving the facts in the cache). Each group's files go
    biggest first; ``results(k)`` yields the workers' answers for group k, in any order, each
    naming its file by its index in ``order(k)``."""

    def __init__(self, groups: list[list[str]], opts: Options, store, salt: str, sizes_) -> None:
        self._store = store
        self._orders = [sorted(g, key=lambda p: (-_size(p), p)) for g in groups]
        self._jobs = [_jobs(o, opts, store, salt, sizes_) for o in self._orders]
        files = sum(map(len, groups))
        n = min(opts.jobs or default_jobs(), max(1, files // 4))
        self._pool = _pool(n, files) if n > 1 else None
        self._started: dict[int, object] = {}
        # with a cache the workers' answers are keys (IN_CACHE): they may run ahead of this process
        # through every group instead of waiting for it (drivers/net: 6 s of idle workers)
        self._ahead = len(groups) if store is not None and store.writable else 1

    def order(self, k: int) -> list[str]:
        return self._orders[k]

    def _start(self, k: int) -> None:
        if k < len(self._jobs) and k not in self._started:
            jobs_ = self._jobs[k]
            self._started[k] = (map(_work, jobs_) if self._pool is None or not jobs_
                                else self._pool.imap_unordered(_work, jobs_, chunksize=_CHUNK))

    def results(self, k: int):
        for j in range(k, k + 1 + self._ahead):
            self._start(j)
        return self._started.pop(k)

    def close(self, interrupted: bool = False) -> None:
        if self._pool is not None:
            pids = [p.pid for p in getattr(self._pool, "_pool", ())]
            self._pool.terminate()
            self._pool.join()
            if interrupted and self._store is not None:
                self._store.discard_temporaries(pids)


def _jobs(order: list[str], opts: Options, store, salt: str, sizes_, first: int = 0) -> list[tuple]:
    root = store.root if store is not None and store.writable else None
    return [(first + i, p, opts.max_file_size, root, salt, sizes_) for i, p in enumerate(order)]


def _collect(order: list[str], results, progress: Progress | None, done: int,
             out: dict[str, FileFacts], stats: RunStats, sites: list | None = None, store=None,
             redo: Callable[[int], tuple] | None = None):
    """Take the answers of :func:`_work` for the files of ``order`` (``results``: from a pool or
    computed as they are taken); yields (path, key, note) per file, key "" for a skipped file.
    The allocation sites evaluated by the workers are added to ``sites``. An answer IN_CACHE is
    read from ``store``; ``redo(i)`` analyses file ``i`` again, here, if that entry is gone."""
    if not order:
        return
    total = done + len(order)
    last = 0.0
    for i, blob, note, key, hit, evaluated in results:
        p = order[i]
        done += 1
        if blob == IN_CACHE:
            blob = store.get_blob("facts", key) if store is not None else None
            if blob is None:  # gone since (`kmemlint cache clear` in another shell): analysed here
                i, blob, note, key, hit, evaluated = redo(i)
        with stagetimes.stage("decode"):
            ff = _decoded(blob)  # made or checked by the worker
        if blob is not None and ff is None and redo is not None:
            # a checksummed entry of foreign content: analysed again here, and rewritten
            i, blob, note, key, hit, evaluated = redo(i)
            ff = _decoded(blob)
            if store is not None and ff is not None:
                store.put_blob("facts", key, blob)
        if ff is not None:
            out[p] = ff
            stats.cached += hit
        if sites is not None:
            sites.extend(evaluated)
        yield p, key, note
        if progress and (done == total or time.monotonic() - last > 0.1):
            last = time.monotonic()
            progress("files", done, total, 0)


def _usable(ff) -> bool:
    """Whether a cache entry holds FileFacts of this code's shape (not a foreign object)."""
    return (type(ff) is FileFacts and len(ff) == len(FileFacts._fields)
            and all(type(f) is facts.FunctionFacts and len(f) == len(facts.FunctionFacts._fields)
                    for f in ff.functions))


def _decoded(blob: bytes | None) -> FileFacts | None:
    if blob is None:
        return None
    try:
        ff = cache_mod.decode(blob, verify=False)
    except ValueError:
        return None
    return ff if _usable(ff) else None


def _size(p: str) -> int:
    try:
        return os.path.getsize(p)
    except OSError:
        return 0


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
    all_facts, macro_table = macros.expand(all_facts)
    program = Program(all_facts, know, externals, type_files)
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
    """discover -> parse -> facts of every file, without the cache or groups (``kmemlint cost``)."""
    files, warnings = discover.discover(opts.paths, opts.exclude, opts.force_exclude)
    for w in warnings:
        warn(w)
    stats = RunStats()
    out: dict[str, FileFacts] = {}
    feed = _Feed([[sf.path for sf in files]], opts, None, "", None)
    try:
        answers = list(_collect(feed.order(0), feed.results(0), None, 0, out, stats))
    finally:
        feed.close()
    for p, key, note in answers:
        if note:
            warn(f"{p}: {note}")
        if p not in out:
            stats.skipped.append(f"{p}: {note}")
    return [out[p] for p in sorted(out)], stats


def alloc_sites(opts: Options, warn: Callable[[str], None]) -> tuple[allocsites.AllocSites, RunStats]:
    """discover -> parse -> facts -> sizes, without rules (``kmemlint cost``)."""
    know = knowledge.load(opts.knowledge_files)
    all_facts, stats = collect(opts, warn)
    stats.files = len(all_facts)
    count_parse_errors(stats, all_facts)
    return allocsites.install(Program(all_facts, know), know, opts.size_settings), stats


# -- the kernel model ------------------------------------------------------------------------------
#: what `kmemlint model build` analyses of a kernel tree (arch/: the x86 one), core first: each part
#: is analysed with the summaries of the parts before it, then a second pass takes up the parts that
#: call functions only analysed later (a core .c calling a header's inline function)
MODEL_ORDER = (
    ("kernel", "mm", "lib", "block", "init", "ipc", "io_uring", "virt", "crypto", "security", "certs", "arch/x86"),
    ("fs", "net"),
    ("drivers/base",),
    ("include", "arch/x86/include"),
    ("drivers", "sound"),
)


def _model_class(path: str) -> int:
    best, rank = len(MODEL_ORDER), -1
    for k, tops in enumerate(MODEL_ORDER):
        for t in tops:
            if (path == t or path.startswith(t + "/")) and len(t) > rank:
                best, rank = k, len(t)
    return best


#: the parts of a tree where only the files that export functions to other modules (and the headers
#: beside them) are analysed: a leaf driver's own functions are only called by itself, and are
#: analysed whenever that driver is; what the model must know is what a driver can call
LIBRARY_ONLY = DRIVER_DIRS


def _model_files(paths: list[str]) -> list[str]:
    """The files of a tree the model is built from: everything of the core, and of drivers/ and
    sound/ the .c files with an EXPORT_SYMBOL*() and the headers of their directories."""
    keep: list[str] = []
    library_dirs: set[str] = set()
    deferred: list[str] = []
    for p in paths:
        if p.split("/", 1)[0] not in LIBRARY_ONLY:
            keep.append(p)
        elif p.endswith(".c"):
            try:
                with open(p, "rb") as fh:
                    exports = b"EXPORT_SYMBOL" in fh.read()
            except OSError:
                exports = False
            if exports:
                keep.append(p)
                library_dirs.add(os.path.dirname(p))
        else:
            deferred.append(p)
    keep += [p for p in deferred if os.path.dirname(p) in library_dirs]
    return sorted(keep)


def build_model(opts: Options, out: Path, warn: Callable[[str], None], progress: Progress | None = None) -> dict:
    """``kmemlint model build``: analyse a kernel tree (the current directory) part by part and write
    the external summaries of its functions to ``out`` (kernelmodel.ModelWriter: all or nothing)."""
    from kmemlint.program import kernelmodel as km

    for need in ("Makefile", "include/linux", "kernel", "mm"):
        if not os.path.exists(need):
            raise km.ModelError(f"{os.getcwd()}: not a kernel tree (no {need})")
    know = knowledge.load(opts.knowledge_files)
    tops = sorted({t.split("/")[0] for group in MODEL_ORDER for t in group} - {"arch"}) + ["arch/x86"]
    files, warnings = discover.discover([t for t in tops if os.path.isdir(t)], opts.exclude)
    for w in warnings:
        warn(w)
    classes: dict[int, list[str]] = {}
    for sf in _model_files([sf.path for sf in files]):
        k = _model_class(sf)
        if k < len(MODEL_ORDER):
            classes.setdefault(k, []).append(sf)
    groups = [g for k in sorted(classes) for g in parts(sorted(classes[k]), PART_FILES)]
    tmp = None
    if opts.cache_dir is None:  # the second pass reads facts back: a private cache for this build
        import tempfile
        tmp = tempfile.TemporaryDirectory(prefix="kmemlint-model-")
        opts = dataclasses.replace(opts, cache_dir=Path(tmp.name))
    salt = cache_mod.salt(know.digest)
    store = cache_mod.Cache(opts.cache_dir, salt, warn)
    writer = km.ModelWriter(out, {"tree": os.path.basename(os.getcwd()), "kmemlint": cache_mod.__version__,
                                  "files": str(len(files))})
    overlay = km.Overlay()
    externals = km.Externals([overlay])
    stats = RunStats()
    keys: dict[str, str] = {}
    notes: dict[str, str] = {}
    seen: dict[str, tuple] = {}
    stamp = time.time()
    for sf in files:
        try:
            seen[sf.path] = (cache_mod.trusted_stat(os.stat(sf.path), stamp), "", "")
        except OSError:
            seen[sf.path] = (None, "", "")
    names: list[tuple[frozenset, frozenset]] = []
    headers = [k for k, g in enumerate(groups) if _model_class(g[0]) == _model_class("include")]
    feed = _Feed([groups[k] for k in headers] + groups, opts, store, salt, None)
    type_files: list[FileFacts] = []
    try:  # first the headers' facts: their structs are visible to every part (ops members' types)
        for j, k in enumerate(headers):
            out: dict[str, FileFacts] = {}
            for _ in _collect(feed.order(j), feed.results(j), None, 0, out, RunStats(), None, store,
                              lambda i, j=j: _work(_jobs([feed.order(j)[i]], opts, None, salt, None, i)[0])):
                pass
            type_files += [ff._replace(functions=(), initializers=(), suppressions=(), types=None)
                           for ff in out.values()]
        type_files.sort(key=lambda f: f.path)
    except BaseException:
        feed.close()
        raise
    base = len(headers)
    try:
        def analyse(k: int, first: bool) -> None:
            cached = [] if first else [p for p in groups[k] if p in keys]
            todo = feed.order(base + k) if first else []
            fed = feed.results(base + k) if first else iter(())
            part = _analyse(cached, todo, fed, keys, notes, seen, opts, store, salt, stats, None, None, warn,
                            [], know, None, externals, type_files)
            program = part.program
            with stagetimes.stage("export summaries"):
                exported, ops = km.export(program)
                impls = km.export_impls(program)
            writer.add(k, exported, ops)
            writer.add_impls(impls)
            overlay.add(k, exported, ops)
            externals.forget()
            if first:
                names.append(_names(program))
            program.release()
            if progress:
                progress("files", sum(1 for p in seen if p in keys or p in notes), len(files), 0)

        for k in range(len(groups)):
            analyse(k, True)
        again = later_callers(names, overlay)
        for k in again:
            analyse(k, False)
    finally:
        feed.close()
    writer.meta["second pass parts"] = str(len(again))
    writer.commit()
    if tmp is not None:
        tmp.cleanup()
    return {"files": sum(map(len, groups)), "parts": len(groups), "second pass": len(again),
            "functions": len({n for n, _, _ in writer.rows}), "definitions": len(writer.rows),
            "ops members": sum(1 for o in writer.ops.values() if o.context), "skipped": len(stats.skipped)}
