"""Stored results, wrapped around the stages that make them: the findings of a whole run (a warm
re-run with nothing changed reads them back) and of each part of a big run (after an edit, only
the parts whose files or whose earlier parts' summaries changed run their rules again).

A stored result depends on the files' facts keys, the rules and their options, the size settings,
and (``results_salt``) all of kmemlint's code, the headers the sizes come from and the kernel model;
a part's result also on the summaries the parts before it exported."""
from __future__ import annotations

import os
from typing import Any, Callable

from kmemlint import cache as cache_mod
from kmemlint.filefacts import Files
from kmemlint.model import Finding, RunStats
from kmemlint.program import kernelmodel
from kmemlint.program.parts import Analyse, Part


def results_salt(opts, salt: str, model) -> str:
    """What stored results depend on besides the files: all of kmemlint's code, the headers of the
    include directories and those next to the files given by name, the kernel model."""
    watched = opts.size_settings.size_env().header_dirs(opts.paths)
    beside = [os.path.dirname(p) or "." for p in opts.paths if os.path.isfile(p)]
    return cache_mod.digest(salt, cache_mod.code_digest(), cache_mod.tree_stamp(watched, beside),
                            kernelmodel.identity(model))


def _key(salt: str, keys: dict[str, str], rules, opts, restrict, skipped) -> str:
    return cache_mod.digest(salt, sorted(keys.items()), [r.rule.id for r in rules],
                            sorted(opts.rule_options.items()), opts.size_settings, opts.includes,
                            sorted(restrict) if restrict is not None else None, skipped)


class StoredRun:
    """The findings of a whole run: ``get`` before the run (only when no file is to be read: a
    stored result needs every facts key), ``put`` after it."""

    def __init__(self, store, rsalt: str, files: Files, rules, opts) -> None:
        self.store, self.rsalt, self.files, self.rules, self.opts = store, rsalt, files, rules, opts
        self._key = ""

    def _now(self) -> str:
        f = self.files
        return _key(self.rsalt, f.keys, self.rules, self.opts, f.restrict, f.stats.skipped)

    def get(self, usable: Callable[[Any], bool]):
        if self.store is None or self.files.todo:
            return None
        self._key = self._now()
        hit = self.store.get("results", self._key)
        return hit if usable(hit) else None

    def put(self, result) -> None:
        if self.store is not None:
            self.store.put("results", self._key or self._now(), result)


#: a stored part: findings, its counts (files, parse errors, suppressed, functions, functions with
#: parse errors), exported summaries (functions, ops members), names (called, defined)
_COUNTS = ("files", "parse_errors", "suppressed", "functions", "error_functions")
_ENTRY = 1 + len(_COUNTS) + 4


class StoredParts:
    """``analyse`` (parts.Analyse, whose parts' values have ``findings``) wrapped by the stored
    results of each part. A part none of whose files is to be read, after parts that exported the
    same summaries as when it was stored, gives its findings, counts and summaries as stored
    (``hit(findings)`` makes its value), and the workers go on with the next part; the second
    pass's results depend on every part's summaries. Off (``analyse`` as it is) without a cache,
    for one part, or when the files are context."""

    def __init__(self, store, rsalt: str, files: Files, parts: list[list[str]], rules, opts, analyse: Analyse,
                 hit: Callable[[list[Finding]], Any]) -> None:
        self.store, self.rsalt, self.files, self.parts, self.rules, self.opts = store, rsalt, files, parts, rules, opts
        self.analyse = analyse
        self.hit = hit
        self.on = store is not None and files.restrict is None and len(parts) > 1
        self.exports: list[str] = []  # fingerprints of the summaries each part exported, in order
        self.chain = ""  # digest of them: a part's findings depend on those of the parts before it

    def _key(self, part: list[str], chain: str) -> str:
        f = self.files
        return _key(cache_mod.digest(self.rsalt, chain), {p: f.keys[p] for p in f.known(part)},
                    self.rules, self.opts, None, ())

    def _get(self, key: str):
        got = self.store.get("groups", key)
        return got if isinstance(got, tuple) and len(got) == _ENTRY else None

    def __call__(self, k: int, again: bool, externals) -> Part:
        if not self.on:
            return self.analyse(k, again, externals)
        return self._again(k, externals) if again else self._first(k, externals)

    def _first(self, k: int, externals) -> Part:
        part, stats = self.parts[k], self.files.stats
        got = self._get(self._key(part, self.chain)) if self.files.unchanged(k) else None
        if got is not None:
            self.files.skip(k)
            for name, n in zip(_COUNTS, got[1:1 + len(_COUNTS)]):
                setattr(stats, name, getattr(stats, name) + n)
            known = self.files.known(part)
            stats.cached += len(known)
            self.files.warn_known(known)  # the warnings the run that analysed them gave
            done = Part(self.hit(list(got[0])), (got[6], got[7]), (got[8], got[9]))
        else:
            before = _counts(stats)
            done = self.analyse(k, False, externals)
            delta = tuple(b - a for a, b in zip(before, _counts(stats)))
            self.store.put("groups", self._key(part, self.chain),
                           (done.value.findings, *delta, *done.exported, *done.names))
        self.exports.append(kernelmodel.fingerprint(*done.exported))
        self.chain = cache_mod.digest(self.chain, self.exports[-1])
        return done

    def _again(self, k: int, externals) -> Part:
        key = self._key(self.parts[k], cache_mod.digest("final", self.exports))
        got = self._get(key)
        if got is not None:
            return Part(self.hit(list(got[0])))
        done = self.analyse(k, True, externals)
        self.store.put("groups", key, (done.value.findings, *(0,) * len(_COUNTS), (), (), frozenset(), frozenset()))
        return done


def _counts(stats: RunStats) -> tuple[int, ...]:
    return tuple(getattr(stats, name) for name in _COUNTS)
