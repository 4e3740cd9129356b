"""Stored results, wrapped around the stages that make them: the findings of a whole run (a warm
re-run with nothing changed reads them back) and of each part of a big run (after an edit, only
the parts whose files or whose earlier parts' summaries changed run their rules again).

A stored result depends on the files' facts keys, the rules and their options, the size settings,
and (``results_salt``) all of kmemlint's code, the headers the sizes come from and the kernel model;
a part's result also on the summaries the parts before it exported."""
from __future__ import annotations

import dataclasses
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


class Stored:
    """The stored results of a run over ``files`` (Files, whose store they are in; none without a
    cache): :meth:`run` wraps the whole run, :meth:`parts` the analysis of each part."""

    def __init__(self, files: Files, rules, opts, model, kind: type) -> None:
        self.store, self.files, self.rules, self.opts, self.kind = files.store, files, rules, opts, kind
        self.rsalt = results_salt(opts, files.salt, model) if self.store is not None else ""

    def _key(self) -> str:
        f = self.files
        return _key(self.rsalt, f.keys, self.rules, self.opts, f.restrict, f.stats.skipped)

    def run(self, compute: Callable[[], Any], progress=None):
        """``compute()``'s result (a ``kind`` with findings, stats and program), or the one stored by a
        run that read the same files (only looked for when no file is to be read: a stored result
        needs every facts key), with its warnings again."""
        key = ""
        if self.store is not None and not self.files.todo:
            key = self._key()
            hit = self.store.get("results", key)
            if isinstance(hit, self.kind):
                self.files.warn_known(self.files.notes)
                hit.stats.cached = len(self.files.keys)
                if progress:
                    progress("files", len(self.files.keys), len(self.files.keys), len(hit.findings))
                return hit
        result = compute()
        if self.store is not None:
            self.store.put("results", key or self._key(), dataclasses.replace(result, program=None))
        return result

    def parts(self, parts: list[list[str]], analyse: Analyse, hit: Callable[[list[Finding]], Any]) -> Analyse:
        """``analyse`` wrapped by the stored results of each of ``parts`` (StoredParts)."""
        if self.store is None or self.files.restrict is not None or len(parts) < 2:
            return analyse
        return StoredParts(self, parts, analyse, hit)


#: a stored part: findings, its counts (files, parse errors, suppressed, functions, functions with
#: parse errors), exported summaries (functions, ops members, member implementations), names
#: (called, defined)
COUNTS = ("files", "parse_errors", "suppressed", "functions", "error_functions")
_ENTRY = 1 + len(COUNTS) + 5


class StoredParts:
    """``analyse`` (parts.Analyse, whose parts' values have ``findings``) wrapped by the stored
    results of each part. A part none of whose files is to be read, after parts that exported the
    same summaries as when it was stored, gives its findings, counts and summaries as stored
    (``hit(findings)`` makes its value), and the workers go on with the next part; the second
    pass's results depend on every part's summaries."""

    def __init__(self, stored: Stored, parts: list[list[str]], analyse: Analyse, hit: Callable[[list[Finding]], Any]) -> None:
        self.store, self.rsalt, self.files, self.rules, self.opts = (stored.store, stored.rsalt, stored.files,
                                                                     stored.rules, stored.opts)
        self.parts = parts
        self.analyse = analyse
        self.hit = hit
        self.exports: list[str] = []  # fingerprints of the summaries each part exported, in order
        # a digest of them, after one of every file of the run: a part's findings depend on those of
        # the parts before it, and on which callers the run has (kernelmodel.Externals.atomic_caller())
        self.chain = cache_mod.digest(sorted(p for ps in parts for p in ps))

    def _key(self, part: list[str], chain: str) -> str:
        f = self.files
        return _key(cache_mod.digest(self.rsalt, chain), {p: f.keys[p] for p in f.known(part)},
                    self.rules, self.opts, None, ())

    def _get(self, key: str):
        got = self.store.get("groups", key)
        return got if isinstance(got, tuple) and len(got) == _ENTRY else None

    def __call__(self, k: int, again: bool, externals) -> Part:
        return self._again(k, externals) if again else self._first(k, externals)

    def _first(self, k: int, externals) -> Part:
        part, stats = self.parts[k], self.files.stats
        got = self._get(self._key(part, self.chain)) if self.files.unchanged(k) else None
        if got is not None:
            self.files.skip(k)
            for name, n in zip(COUNTS, got[1:1 + len(COUNTS)]):
                setattr(stats, name, getattr(stats, name) + n)
            known = self.files.known(part)
            stats.cached += len(known)
            self.files.warn_known(known)  # the warnings the run that analysed them gave
            n = 1 + len(COUNTS)
            done = Part(self.hit(list(got[0])), tuple(got[n:n + 3]), tuple(got[n + 3:n + 5]))
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
        key = self._key(self.parts[k], cache_mod.digest("final", self.chain, self.exports))
        got = self._get(key)
        if got is not None:
            return Part(self.hit(list(got[0])))
        done = self.analyse(k, True, externals)
        self.store.put("groups", key, (done.value.findings, *(0,) * len(COUNTS), (), (), (), frozenset(), frozenset()))
        return done


def _counts(stats: RunStats) -> tuple[int, ...]:
    return tuple(getattr(stats, name) for name in COUNTS)
