"""The whole program analysed in parts: the facts of at most ``PART_FILES`` files are in memory at
once. Each part's functions are summarised with the summaries the parts before it exported
(kernelmodel.Overlay, asked before the kernel model), then the parts that call a function only a
later part defines are analysed again with every summary (``later_callers``), so a call from
drivers/net/ethernet into drivers/net/phy is judged with phy's summaries wherever the parts fall.

This module orders the parts and carries their summaries from one to the next; what analysing a
part means (its facts, rules, stored results) is the caller's ``analyse``."""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from kmemlint.program import kernelmodel
from kmemlint.program.atomic import member_call
from kmemlint.program.summaries import Program

#: the facts of at most this many files are in memory at once (see the module docstring). drivers/net
#: of 6.12 (5,641 files): 2500 -> 1200 took the peak from 1.41 to 0.88 GB for +4% CPU and the same
#: findings (once depth-limited summaries stopped depending on which caller asked first)
PART_FILES = 1200

NO_NAMES = (frozenset(), frozenset())


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


@dataclass
class Part:
    """What is left of an analysed part for the others: the summaries it exports (functions, ops
    members; None: nothing new for the others), the names it calls without defining them and those
    it defines, and ``value``, what the caller's ``analyse`` made of it (findings...)."""
    value: Any
    exported: tuple | None = None
    names: tuple[frozenset, frozenset] = NO_NAMES


def summarise(program: Program, value: Any, export: bool) -> Part:
    """The part a program was: its exported summaries (``export``: other parts may call it) and names,
    then its facts and summaries are dropped (freed by reference counting: no whole-heap
    gc.collect(); drivers/net in 6 parts: 107 s -> 80 s, same peak memory)."""
    exported = kernelmodel.export(program) if export else None
    part = Part(value, exported, names(program, exported[2] if exported else ()))
    program.release()
    return part


def names(program: Program, impls=()) -> tuple[frozenset, frozenset]:
    """(names the program calls but does not define, names it defines). The members it calls
    through and those it stores functions in (``impls``) are there too, as ``.member``: a member's
    implementations come from every part."""
    defined = frozenset(fn.name for fn in program.functions())
    calls = [c for fn in program.functions() for c in fn.calls]
    called = frozenset(c.callee for c in calls if c.callee) - defined
    through = frozenset("." + c.callee_expr.name for c in calls if member_call(c))
    return called | through, defined | frozenset("." + i.member.rsplit(".", 1)[-1] for i in impls)


#: analyse(k, again, externals): part k, with ``externals`` answering for what other parts and the
#: kernel model define; ``again``: the second pass, every part's summaries known
Analyse = Callable[[int, bool, kernelmodel.Externals], Part]


def analyse_in_parts(count: int, analyse: Analyse, model=None, overlay: kernelmodel.Overlay | None = None,
                     rounds: int = 1, paths: frozenset[str] = frozenset()) -> tuple[list[Part], list[list[int]]]:
    """Every part in order, each with the summaries of the parts before it (then ``model``), then a
    second pass over the parts that call what only a later part defines. With ``rounds`` > 1 (a
    model build, whose passes export), up to ``rounds - 1`` more passes take up the parts that call
    a name whose answer a pass changed after they were last analysed: include/'s i2c_lock_bus()
    sleeps once the drivers' ``lock_bus`` implementations are known (second pass), and so does
    drivers/i2c's i2c_transfer() that calls it (third). Returns the parts (those analysed again
    replacing their first) and the indices of the parts each pass after the first took up.
    ``paths``: every file of the run (Externals.atomic_caller())."""
    overlay = overlay if overlay is not None else kernelmodel.Overlay()
    externals = kernelmodel.Externals([overlay, model], paths)
    done: list[Part] = []

    def take(k: int, again: bool) -> Part:
        part = analyse(k, again, externals)
        if part.exported is not None:  # what the parts analysed after it (or again) may call
            overlay.add(k, *part.exported)
            externals.forget()
        return part

    for k in range(count):
        done.append(take(k, False))
    called = [p.names[0] for p in done]
    pending = later_callers([p.names for p in done], overlay, model)
    passes: list[list[int]] = []
    for _ in range(rounds):
        if not pending:
            break
        passes.append(pending)
        clock, changed, seen = 0, {}, {}
        for k in pending:
            before = _answers(done[k])
            done[k] = take(k, True)
            clock += 1
            seen[k] = clock
            after = _answers(done[k])
            for n in before.keys() | after.keys():
                if before.get(n) != after.get(n):
                    changed[n] = clock
        pending = [j for j in range(count) if any(changed.get(n, 0) > seen.get(j, 0) for n in called[j])]
    return done, passes


def _answers(part: Part) -> dict[str, frozenset]:
    """What a part says of each name it exports (functions, and ``.member``'s implementations)."""
    if part.exported is None:
        return {}
    ext, _, impls = part.exported
    out: dict[str, set] = {}
    for e in ext:
        out.setdefault(e.name, set()).add(kernelmodel.answer(e))
    for i in impls:
        out.setdefault("." + i.member.rsplit(".", 1)[-1], set()).add(tuple(i))
    return {n: frozenset(v) for n, v in out.items()}


def later_callers(names: list[tuple[frozenset, frozenset]], overlay: kernelmodel.Overlay, model=None) -> list[int]:
    """The parts (in order) that call a function with a summary worth having that only a later part
    defines (or through a member whose sleeping implementations a later part stores), and that the
    kernel model did not already answer the same way: analysed again once every part's summaries
    are known."""
    later: set[str] = set()
    again = []
    for k in range(len(names) - 1, -1, -1):
        called, defined = names[k]
        if any(not kernelmodel.same_answer(overlay, model, n) for n in called & later):
            again.append(k)
        later |= {n for n in defined & overlay.functions.keys() if any(e.interesting() for e in overlay.candidates(n))}
        later |= {n for n in defined if n[0] == "." and any(i.sleeps for i in overlay.impls(n[1:]))}
    return sorted(again)
