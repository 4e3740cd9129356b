"""Where does a pointer come from? Flow-sensitive provenance of allocations inside one function.

Locations are *access paths* rooted in a local variable or parameter (``buf``, ``priv.ring[].buf``);
their values are sets of ``Origin``s (allocator family + allocation site). The analysis runs over
the function's CFG, so ``p = kmalloc(); kfree(p); p = vmalloc(); vfree(p);`` is clean, and a
choice (``size > X ? vmalloc(size) : kmalloc(size, ...)``, or two branches) gives both families.
Cross-function knowledge (wrapper allocators, struct members assigned elsewhere) is supplied by a
``Resolver``; the local analysis works without one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Protocol

from kmemlint.dataflow import Analysis, solve
from kmemlint.facts import Assign, Call, Expr, FunctionFacts
from kmemlint.knowledge import Knowledge
from kmemlint.model import Loc

EMPTY: frozenset = frozenset()


@dataclass(frozen=True, order=True)
class Origin:
    family: str
    via: str  # the allocation function
    loc: Loc  # where the allocation happens
    #: how the value travelled to where it is used, outermost last (for code flows)
    path: tuple[tuple[Loc, str], ...] = ()


class Resolver(Protocol):
    def call(self, fn: FunctionFacts, name: str, loc: Loc) -> frozenset[Origin]:
        """Origins of the value returned by a call to ``name`` (known allocators and wrappers)."""

    def member(self, fn: FunctionFacts, e: Expr) -> frozenset[Origin]:
        """Origins of a struct member read that the local analysis knows nothing about."""


class KnowledgeResolver:
    """Only the allocators listed in the knowledge data."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.allocators = knowledge.allocators

    def call(self, fn: FunctionFacts, name: str, loc: Loc) -> frozenset[Origin]:
        a = self.allocators.get(name)
        return frozenset((Origin(a.family, name, loc),)) if a is not None else EMPTY

    def member(self, fn: FunctionFacts, e: Expr) -> frozenset[Origin]:
        return EMPTY


def key(e: Expr) -> str:
    """The access path of an lvalue, or "" when it has none. ``a->b`` and ``a.b`` share a key;
    all elements of an array share one."""
    k = e.kind
    if k == "var":
        return e.name
    if k == "cast" and e.sub:
        return key(e.sub[0])
    if k == "field" and e.sub:
        base = key(e.sub[0])
        return f"{base}.{e.name}" if base else ""
    if k == "index" and e.sub:
        base = key(e.sub[0])
        return f"{base}[]" if base else ""
    if k == "deref" and e.sub:
        base = key(e.sub[0])
        return f"*{base}" if base else ""
    return ""


def _rooted(k: str, root: str) -> bool:
    return k == root or k.startswith((root + ".", root + "[")) or k == "*" + root or k.startswith("*" + root + ".")


State = dict  # access path -> frozenset[Origin]


class _Flow(Analysis[State]):
    def __init__(self, fn: FunctionFacts, resolver: Resolver) -> None:
        self.fn, self.resolver = fn, resolver

    def initial(self) -> State:
        return {}

    def join(self, a: State, b: State) -> State:
        if a is b:
            return a
        out = dict(a)
        for k, v in b.items():
            out[k] = out.get(k, EMPTY) | v
        return out

    def transfer(self, node: int, state: State) -> State:
        calls: dict[str, Loc] = {}
        for kind, index in self.fn.cfg.events[node]:
            state = self.step(kind, index, state, calls)
        return state

    def step(self, kind: str, index: int, state: State, calls: dict[str, Loc]) -> State:
        fn = self.fn
        if kind == "call":
            c = fn.calls[index]
            calls[c.callee] = c.loc
            # foo(&p) may store anything into p
            for a in c.args:
                if a.kind == "addr" and a.sub:
                    k = key(a.sub[0])
                    if k:
                        state = _kill(state, k)
            return state
        if kind == "assign":
            a = fn.assigns[index]
            k = key(a.lhs)
            if not k or a.op != "=":
                return state
            state = _kill(state, k)
            v = self.eval(a.rhs, state, calls)
            if v:
                state[k] = v
            return state
        return state

    def eval(self, e: Expr, state: State, calls: dict[str, Loc]) -> frozenset[Origin]:
        k = e.kind
        if k == "call":
            loc = calls.get(e.name)
            return self.resolver.call(self.fn, e.name, loc) if e.name and loc is not None else EMPTY
        if k in ("cast",) and e.sub:
            return self.eval(e.sub[0], state, calls)
        if k == "cond":
            return self.eval(e.sub[0], state, calls) | self.eval(e.sub[1], state, calls)
        if k == "arith" and e.sub:
            return self.eval(e.sub[0], state, calls) or self.eval(e.sub[1], state, calls)
        path = key(e)
        if not path:
            return EMPTY
        got = state.get(path)
        if got is not None:
            return got
        return self.resolver.member(self.fn, e) if k == "field" else EMPTY


def _kill(state: State, root: str) -> State:
    """A new state without ``root`` and the paths under it (states are shared between CFG nodes,
    so they are never changed in place)."""
    return {k: v for k, v in state.items() if not _rooted(k, root)}


def at_calls(fn: FunctionFacts, names, resolver: Resolver) -> Iterator[tuple[Call, list[frozenset[Origin]]]]:
    """For each reachable call to one of ``names``: the call and the origins of each argument,
    as they are just before the call."""
    if not any(c.callee in names for c in fn.calls):
        return
    flow = _Flow(fn, resolver)
    states = solve(fn.cfg, flow)
    for node in sorted(states):
        state = states[node]
        calls: dict[str, Loc] = {}
        for kind, index in fn.cfg.events[node]:
            if kind == "call":
                c = fn.calls[index]
                if c.callee in names:
                    yield c, [flow.eval(a, state, calls) for a in c.args]
            state = flow.step(kind, index, state, calls)
