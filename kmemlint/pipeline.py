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

from kmemlint import allocsites, cache as cache_mod, discover, engine, facts, knowledge, limits, prefilter, rank, \
    registry, sizes, suppress
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
    #: worker processes for parsing and facts (0: one per core; 1: in this process)
    jobs: int = 0
    #: analyse at most this many files as one program (0: all together); bigger runs are split
    #: along directory lines so memory stays bounded (cross-file reasoning within each group)
    shard_size: int = 2500
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
            ff, note = analyse_source(path, src)
            if sizes_ is not None:
                try:
                    sites = tuple(_worker_sites(*sizes_).file_sites(ff))
                except Exception:  # noqa: BLE001 - left to the parent: it evaluates them on demand and
                    pass           # reports a failure as the rule's one-line internal error
    except limits.TooSlow:
        return i, None, f"skipped: analysis took over {limits.FILE_TIMEOUT:g} s (KMEMLINT_FILE_TIMEOUT)", "", False, ()
    except MemoryError:  # what the estimate of limits.too_big_to_parse did not foresee
        return i, None, "skipped: out of memory while analysing it", "", False, ()
    blob = cache_mod.encode(ff)
    if store is not None and store.put_blob("facts", key, blob):
        blob = IN_CACHE
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
        return FileFacts(path=path, parse_errors=0, functions=(), suppressions=suppress.scan(path, src),
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
    rules = select_rules(opts.select, opts.ignore)
    know = knowledge.load(opts.knowledge_files)
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

    result_key = ""
    rsalt = ""  # what stored results depend on besides the files: all of kmemlint's code, the headers
    if store is not None:  # of the include directories and those next to the files given by name
        watched = opts.size_settings.size_env().header_dirs(opts.paths)
        beside = [os.path.dirname(p) or "." for p in opts.paths if os.path.isfile(p)]
        rsalt = cache_mod.digest(salt, cache_mod.code_digest(), cache_mod.tree_stamp(watched, beside))
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

    groups = shards(sorted(set(keys) | set(todo)), opts.shard_size) if restrict is None else [None]
    for p in sorted(notes):  # skipped files belong to no group: warn here, as their run did
        if p not in keys and p not in todo and (restrict is None or p in restrict):
            warn(f"{p}: {notes[p]}")
    results = []
    todo_set = set(todo)
    sizes_ = (tuple(opts.knowledge_files), opts.size_settings) if any(r.all_sites for r in rules) else None
    feed = _Feed([list(todo) if group is None else [p for p in group if p in todo_set] for group in groups],
                 opts, store, salt, sizes_)
    per_group = store is not None and restrict is None and len(groups) > 1
    try:
        for k, group in enumerate(groups):
            cached = list(keys) if group is None else [p for p in group if p in keys]
            if per_group and not feed.order(k):
                hit = store.get("groups", _group_key(rsalt, cached, keys, rules, opts))
                if isinstance(hit, tuple) and len(hit) == 4:
                    feed.results(k)  # nothing to parse here: the workers go on with the next group
                    results.append(_group_hit(hit, cached, notes, stats, rules, warn))
                    continue
            before = (stats.files, stats.parse_errors, stats.suppressed)
            part = _analyse(cached, feed.order(k), feed.results(k), keys, notes, seen, opts, store, salt, stats,
                            restrict, progress, warn, rules, know, sizes_)
            if per_group:  # a later run that changes nothing in this group takes its findings as they are
                store.put("groups", _group_key(rsalt, [p for p in group if p in keys], keys, rules, opts),
                          (part.findings, stats.files - before[0], stats.parse_errors - before[1],
                           stats.suppressed - before[2]))
            if len(groups) > 1:  # keep only the findings: each group's facts go before the next loads
                part.program.release()  # freed by reference counting: no whole-heap gc.collect()
                part.program = None     # (drivers/net in 6 groups: 107 s -> 80 s, same peak memory)
            results.append(part)
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


def shards(paths: list[str], limit: int) -> list[list[str]]:
    """Split a big run into groups of at most ``limit`` files along directory lines (a driver's
    files stay together), merging small neighbouring directories; ``limit`` 0: one group."""
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
             stats: RunStats, restrict, progress, warn, rules, know, sizes_) -> Result:
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
        return finish(ordered, rules, know, opts, stats, restrict, progress, presized)
    finally:
        if gc_was:
            gc.unfreeze()


def _group_key(salt: str, group: list[str], keys: dict[str, str], rules, opts: Options) -> str:
    return _result_key(salt, {p: keys[p] for p in group}, rules, opts, None, ())


def _group_hit(hit: tuple, cached: list[str], notes: dict[str, str], stats: RunStats, rules, warn) -> Result:
    """The findings of a group none of whose files changed since a run stored them (``kmemlint
    drivers/`` after editing one file re-runs the rules of that file's group only)."""
    found, files, parse_errors, suppressed = hit
    stats.files += files
    stats.parse_errors += parse_errors
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


def finish(all_facts: list[FileFacts], rules, know, opts: Options, stats: RunStats,
           restrict: frozenset[str] | None = None, progress: Progress | None = None,
           presized: list[allocsites.AllocSite] = ()) -> Result:
    """Whole-program stages on the collected facts. ``restrict``: report only findings in these paths
    (the other files are context). ``presized``: sites the facts workers already evaluated."""
    stats.files += len(all_facts) if restrict is None else sum(1 for f in all_facts if f.path in restrict)
    stats.parse_errors += sum(1 for f in all_facts if f.parse_errors and (restrict is None or f.path in restrict))
    program = Program(all_facts, know)
    sites = allocsites.install(program, know, opts.size_settings)
    sites.preload(presized)
    ctx = engine.Context(program, know, opts.rule_options, frozenset(r.rule.id for r in rules), restrict)
    found: list[Finding] = []
    for i, rm in enumerate(rules):
        found += engine.run([rm], ctx)
        if progress:
            progress("rules", i + 1, len(rules), len(found))
    if restrict is not None:
        found = [f for f in found if f.loc.path in restrict]
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
    stats.parse_errors = sum(1 for f in all_facts if f.parse_errors)
    return allocsites.install(Program(all_facts, know), know, opts.size_settings), stats
