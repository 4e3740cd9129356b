"""The per-file stage (frontend.source: parse, facts; allocation sizes) as the workers run it,
wrapped by the per-file cache: a file whose bytes were analysed before is not parsed again, and a
file whose stat did not change since the last run from this directory (the cache's index) is not
even read. :class:`Files` is what a run knows of its files, and hands their facts out part by part."""
from __future__ import annotations

import functools
import gc
import itertools
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from kmemlint import cache as cache_mod, knowledge, limits, stagetimes, workers
from kmemlint.frontend import allocsites, facts, sizes
from kmemlint.frontend.facts import FileFacts
from kmemlint.frontend.source import analyse_source, utf8_note
from kmemlint.model import RunStats

#: progress(stage, done, total, findings): stage is "files" or "rules"
Progress = Callable[[str, int, int, int], None]


def open_cache(root: Path | None, know: knowledge.Knowledge, warn: Callable[[str], None]):
    """The cache directory ``root`` (None: no cache) and the salt of its keys, which depend on the
    knowledge too; the header cache of the sizes stage is installed on it."""
    salt = cache_mod.salt(know.digest)
    store = cache_mod.Cache(root, salt, warn) if root is not None else None
    sizes.use_header_cache(store)
    return store, salt


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


def _work(job: tuple) -> tuple:
    """One file in a worker (or in-process): read, hash, cached facts or parse + extract.

    Returns the encoded cache entry (bytes pickle cheaply across the process boundary), or
    IN_CACHE when the entry is in the cache, so the parent decodes each file once, whether it
    came from the cache or was just analysed. With
    ``sizes`` (knowledge files, size settings) a freshly analysed file's allocation sites are
    evaluated here too, in parallel, rather than one by one in the parent."""
    i, path, max_size, cache_root, salt, sizes_ = job
    if workers.orphaned():  # the run was killed: nobody waits for this answer
        os._exit(1)
    src, note = read_source(path, max_size)
    if src is None:
        return i, None, note, "", False, ()
    key = cache_mod.file_key(salt, path, src)
    store = _worker_cache(cache_root, salt) if cache_root is not None else None
    if store is not None and store.get_blob("facts", key) is not None:
        return i, IN_CACHE, utf8_note(src), key, True, ()
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
#: it takes up their part, so answers waiting for it are a few bytes, not the facts
IN_CACHE = b""


@functools.lru_cache(maxsize=4)
def _worker_cache(root: Path, salt: str) -> cache_mod.Cache:
    store = cache_mod.Cache(root, salt)
    sizes.use_header_cache(store)
    return store


@functools.lru_cache(maxsize=2)
def _worker_sites(knowledge_files: tuple[Path, ...], settings: allocsites.SizeSettings) -> allocsites.SiteEvaluator:
    return allocsites.SiteEvaluator(knowledge.load(knowledge_files), settings)


def jobs(order: list[str], opts, store, salt: str, sizes_, first: int = 0) -> list[tuple]:
    """The :func:`_work` jobs of the files ``order`` (``first``: the index of the first)."""
    root = store.root if store is not None and store.writable else None
    return [(first + i, p, opts.max_file_size, root, salt, sizes_) for i, p in enumerate(order)]


def collect(order: list[str], results, progress: Progress | None, done: int,
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


def biggest_first(paths) -> list[str]:
    return sorted(paths, key=lambda p: (-_size(p), p))


class Files:
    """The files of a run and what the per-file cache knows of them: ``keys`` (path -> facts key of
    the files with facts), ``notes`` (path -> why a file was skipped or how it was read), ``todo``
    (the files to read: new or changed since the index saw them), ``seen`` (the index entries to
    save). ``restrict``: the files to report on when the others are context (pre-commit)."""

    def __init__(self, opts, store, salt: str, warn: Callable[[str], None], stats: RunStats,
                 restrict: frozenset[str] | None = None) -> None:
        self.opts = opts
        self.store = store
        self.salt = salt
        self.warn = warn
        self.stats = stats
        self.restrict = restrict
        self.keys: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        self.seen: dict[str, tuple] = {}  # path -> index entry (stat, key, note) to save
        self.todo: list[str] = []
        self.sizes_ = None
        self._feed: workers.Feed | None = None
        self._orders: list[list[str]] = []

    @classmethod
    def from_index(cls, opts, paths: list[str], store, salt: str, warn: Callable[[str], None],
                   progress: Progress | None) -> "Files":
        """The files of a run, each known from the cache's index (its stat unchanged since) or to read.
        When only files are given (pre-commit, Kbuild), the indexed files of their directories (or of
        the whole tree: ``opts.context``) join them as context."""
        index = store.load_index(os.getcwd()) if store is not None else {}
        paths = list(paths)
        restrict: frozenset[str] | None = None
        if store is not None and opts.context != "none" and paths and all(os.path.isfile(p) for p in opts.paths):
            shown = set(paths)
            dirs = {os.path.dirname(p) for p in paths}
            extra = sorted(p for p in index if p not in shown and (opts.context == "tree" or os.path.dirname(p) in dirs))
            if extra:
                restrict = frozenset(paths)
                paths += extra
        self = cls(opts, store, salt, warn, RunStats(), restrict)
        stamp = time.time()
        for p in paths:
            try:
                st = os.stat(p)
            except OSError as e:
                if restrict is not None and p not in restrict:
                    continue  # a context file that is gone
                self.stats.skipped.append(f"{p}: skipped: cannot read: {e.strerror or e}")
                warn(self.stats.skipped[-1])
                continue
            known = index.get(p)
            if known is not None and len(known) == 3 and known[0] is not None and known[0] == cache_mod.stat_of(st):
                self.seen[p] = known
                if known[1]:
                    self.keys[p] = known[1]
                if known[2]:
                    self.notes[p] = known[2]
            elif restrict is not None and p not in restrict:
                continue  # a context file changed since it was cached: left out rather than parsed
            else:
                self.seen[p] = (cache_mod.trusted_stat(st, stamp), "", "")
                self.todo.append(p)
        for p, note in sorted(self.notes.items()):  # warned later, as by the run that analysed them
            if p not in self.keys:
                self.stats.skipped.append(f"{p}: {note}")
        if progress:
            progress("files", len(self.keys), len(self.keys) + len(self.todo), 0)
        return self

    @classmethod
    def to_read(cls, opts, paths: list[str], store, salt: str, warn: Callable[[str], None]) -> "Files":
        """Files all to read, whatever the index says (``kmemlint cost``, ``model build``)."""
        self = cls(opts, store, salt, warn, RunStats())
        stamp = time.time()
        for p in paths:
            try:
                self.seen[p] = (cache_mod.trusted_stat(os.stat(p), stamp), "", "")
            except OSError:
                self.seen[p] = (None, "", "")
            self.todo.append(p)
        return self

    def paths(self) -> list[str]:
        """The files with facts, known or to read (not those skipped before)."""
        return sorted(set(self.keys) | set(self.todo))

    def known(self, part: list[str]) -> list[str]:
        """The files of ``part`` whose facts are in the cache (as far as the index knows)."""
        return [p for p in part if p in self.keys]

    def warn_known(self, files, skipped_only: bool = False) -> None:
        """The notes the run that analysed ``files`` gave (``skipped_only``: of those it skipped)."""
        for p in sorted(files):
            note = self.notes.get(p)
            if note and not (skipped_only and p in self.keys) and (self.restrict is None or p in self.restrict):
                self.warn(f"{p}: {note}")

    def start(self, parts: list[list[str]], sizes_) -> None:
        """Set the workers on the files to read of ``parts``, each part's biggest first (``sizes_``:
        evaluate allocation sites there too). With a cache the workers' answers are keys (IN_CACHE):
        they may run ahead of this process through every part instead of waiting for it (drivers/net:
        6 s of idle workers); without one, at most two parts are in flight."""
        self.sizes_ = sizes_
        todo = set(self.todo)
        self._orders = [biggest_first(p for p in part if p in todo) for part in parts]
        keys_only = self.store is not None and self.store.writable
        self._feed = workers.Feed([jobs(o, self.opts, self.store, self.salt, sizes_) for o in self._orders],
                                  _work, self.opts.jobs, len(parts) if keys_only else 1,
                                  self.store.discard_temporaries if self.store is not None else None)

    def unchanged(self, k: int) -> bool:
        """Whether part ``k`` has no file to read."""
        return not self._orders[k]

    def skip(self, k: int) -> None:
        """Part ``k`` is not analysed (its results are stored): the workers go on with the next."""
        self._feed.results(k)

    def close(self, interrupted: bool = False) -> None:
        if self._feed is not None:
            self._feed.close(interrupted)

    def redo(self, order: list[str], i: int) -> tuple:
        """File ``order[i]`` analysed here, without the cache."""
        return _work(jobs([order[i]], self.opts, None, self.salt, self.sizes_, i)[0])

    @contextmanager
    def facts(self, k: int, part: list[str], again: bool, progress: Progress | None):
        """The facts of part ``k`` (``part``: its files): from the cache, or read now by the workers
        (``again``: a part taken up before, whose files are all known by now), in path order, and the
        allocation sites the workers evaluated. They are kept out of the cyclic collector while held."""
        gc_was = gc.isenabled()
        gc.disable()  # facts are acyclic: collecting while they accumulate is quadratic (measured 8x)
        try:
            held, presized = self._load(self.known(part), [] if again else self._orders[k],
                                        iter(()) if again else self._feed.results(k), progress)
        finally:
            if gc_was:
                gc.freeze()  # the facts stay alive for the whole part: keep them out of collections
                gc.enable()
        try:
            yield held, presized
        finally:
            if gc_was:
                gc.unfreeze()

    def peek(self, k: int) -> list[FileFacts]:
        """The facts of part ``k`` of the workers' feed, not taken as the run's (no keys, notes, counts)."""
        out: dict[str, FileFacts] = {}
        order = self._orders[k]
        for _ in collect(order, self._feed.results(k), None, 0, out, RunStats(), None, self.store,
                         functools.partial(self.redo, order)):
            pass
        return list(out.values())

    def _load(self, cached: list[str], todo: list[str], fed, progress: Progress | None):
        keys, notes, seen, stats, restrict = self.keys, self.notes, self.seen, self.stats, self.restrict
        out: dict[str, FileFacts] = {}
        presized: list[allocsites.AllocSite] = []
        again: list[str] = []  # cached entries that turned out unreadable: analysed here, in this process
        with stagetimes.stage("cached facts"):
            for p in cached:
                ff = self.store.get("facts", keys[p]) if self.store is not None else None
                if _usable(ff):
                    out[p] = ff
                    stats.cached += 1
                    continue
                del keys[p]
                notes.pop(p, None)  # re-analysed below, which warns again
                if restrict is None or p in restrict:
                    again.append(p)
                    seen[p] = (seen[p][0], "", "")
        if progress:
            progress("files", len(out), len(out) + len(todo) + len(again), 0)
        mine = set(cached)
        fresh = [(p, n) for p, n in notes.items() if (restrict is None or p in restrict) and p in mine]
        order = todo + biggest_first(again)
        if again:
            fed = itertools.chain(fed, map(_work, jobs(order[len(todo):], self.opts, self.store, self.salt,
                                                       self.sizes_, len(todo))))
        for p, key, note in collect(order, fed, progress, len(out), out, stats, presized, self.store,
                                    functools.partial(self.redo, order)):
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
                self.warn(f"{p}: {note}")
        return [out[p] for p in sorted(out)], presized

    def save_index(self) -> None:
        if self.store is not None:
            self.store.save_index(os.getcwd(), self.seen)
