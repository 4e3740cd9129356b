"""Where does a pointer come from? Flow-sensitive provenance of allocations inside one function.

Locations are *access paths* rooted in a local variable or parameter (``buf``, ``priv.ring[].buf``);
their values are sets of ``Origin``s (allocator family + allocation site). The analysis runs over
the function's CFG, so ``p = kmalloc(); kfree(p); p = vmalloc(); vfree(p);`` is clean, and a
choice (``size > X ? vmalloc(size) : kmalloc(size, ...)``, or two branches) gives both families.
Cross-function knowledge (wrapper allocators, struct members assigned elsewhere) is supplied by a
``Resolver``; the local analysis works without one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Protocol

from kmemlint.frontend.cfg import FALSE, TRUE
from kmemlint.program.dataflow import Analysis, solve
from kmemlint.frontend.facts import Assign, Call, Expr, FunctionFacts, key
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
    #: what distinguishes objects of one family: the normalised cache of a kmem_cache object, the
    #: page order of a page allocation ("0", or the order argument's text: memsummary.page_order())
    detail: str = ""
    #: the struct member (key) it was last read from, when it travelled through one
    member: str = ""
    #: what its allocation was made for (``struct hsi_msg`` of ``msg = kzalloc(...)`` with
    #: ``struct hsi_msg *msg``; ``char``, ``void``), "" when unknown: a member holding objects of
    #: several struct types (a ``void *``) gives a reader of one struct type only those of its
    #: type, when all it may get is known to be of it (Resolver.member)
    type: str = ""

    def via_path(self, loc: Loc, message: str, member: str | None = None) -> "Origin":
        """This origin, having travelled one more step (the path is bounded)."""
        path = self.path + ((loc, message),) if len(self.path) < MAX_PATH else self.path
        return Origin(self.family, self.via, self.loc, path, self.detail,
                      self.member if member is None else member, self.type)

    @property
    def sig(self) -> tuple:
        """Identity without the path: what fixpoints compare."""
        return (self.family, self.via, self.loc, self.detail)


MAX_PATH = 6
#: pseudo-families: the address of a local variable, of a static object; a parameter's value
STACK, STATIC, PARAM = "stack", "static", "param"
_NOT_ADOPTED = (STACK, STATIC, PARAM)
#: ``container_of(ptr, type, member)``: the object around the member ``ptr`` points to
_CONTAINER_OF = frozenset(("container_of", "container_of_const"))


class Resolver(Protocol):
    def call(self, fn: FunctionFacts, name: str, loc: Loc, args: tuple[Expr, ...] = (),
             dest: Expr | None = None) -> frozenset[Origin]:
        """Origins of the value returned by a call to ``name`` (known allocators and wrappers);
        ``dest`` is what the value is assigned or cast to, when known (its type picks the driver
        data a getter returns)."""

    def member(self, fn: FunctionFacts, e: Expr, dest: Expr | None = None) -> frozenset[Origin]:
        """Origins of a struct member read that the local analysis knows nothing about, or of
        the entry a list iterator (an ``iterate`` expression) hands its cursor; ``dest`` is what
        the value is assigned or cast to, when known."""

    def writes(self, fn: FunctionFacts, name: str, arg: int) -> dict[str, frozenset[Origin]] | None:
        """Members a call to ``name`` may store into the object its argument ``arg`` points to,
        with the origins stored (``helper(&msg)`` setting ``msg->buf``); None when unknown."""

    def adopts(self, fn: FunctionFacts, c: Call) -> tuple[int, str] | None:
        """(argument, family) when call ``c`` hands the memory of that argument to a manager that
        releases it later (knowledge ``adopters``: devm_add_action_or_reset() with an action that
        frees it): from then on the memory is of that managed family. None otherwise."""


class KnowledgeResolver:
    """Only the allocators listed in the knowledge data."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.allocators = knowledge.allocators

    def call(self, fn: FunctionFacts, name: str, loc: Loc, args: tuple[Expr, ...] = (),
             dest: Expr | None = None) -> frozenset[Origin]:
        a = self.allocators.get(name)
        return frozenset((Origin(a.family, name, loc),)) if a is not None else EMPTY

    def member(self, fn: FunctionFacts, e: Expr, dest: Expr | None = None) -> frozenset[Origin]:
        return EMPTY

    def writes(self, fn: FunctionFacts, name: str, arg: int) -> dict[str, frozenset[Origin]] | None:
        return None

    def adopts(self, fn: FunctionFacts, c: Call) -> tuple[int, str] | None:
        return None


State = dict  # access path -> frozenset[Origin]


#: branching on these forgets what the tested pointer holds (``if (is_vmalloc_addr(p)) vfree(p);
#: else kfree(p);`` is an open-coded kvfree)
_TESTS = frozenset(("is_vmalloc_addr", "virt_addr_valid", "object_is_on_stack", "is_vmalloc_or_module_addr"))
#: on the branch where these hold, the tested pointer is an error code (include/linux/err.h), not
#: memory: ``if (IS_ERR(p)) goto err_p; ... err_p: kfree(p);`` frees no allocation there
_ERR_TESTS = frozenset(("IS_ERR", "IS_ERR_OR_NULL"))


def param_seed(fn: FunctionFacts) -> State:
    """Each pointer parameter holding a ``param`` origin (``via`` = its index), so a summary can
    see which parameters reach a release or a DMA interface."""
    return {p.name: frozenset((Origin(PARAM, str(i), p.loc or fn.loc),))
            for i, p in enumerate(fn.params) if p.name and p.ptr}


def storage(fn: FunctionFacts, e: Expr, globals_=None) -> frozenset[Origin]:
    """Origins that come from where an object lives rather than from an allocation: a local array
    or the address of a local (the stack, vmalloc memory with VMAP_STACK), a static or global one
    (``globals_(fn, name)`` finds globals)."""
    e = e.strip()
    if e.kind == "var":
        v = fn.local(e.name)
        is_global = v is None and globals_ is not None
        if is_global:
            v = globals_(fn, e.name)
        if v is not None and v.is_array and v.loc is not None:
            return frozenset((Origin(STATIC if v.static or is_global else STACK, v.name, v.loc),))
        return EMPTY
    if e.kind != "addr" or not e.sub:
        return EMPTY
    t = e.sub[0]
    while t.kind in ("field", "index") and t.sub and not _through_pointer(fn, t):
        t = t.sub[0]
    if t.kind != "var":
        return EMPTY
    v = fn.local(t.name)
    is_global = v is None and globals_ is not None
    if is_global:
        v = globals_(fn, t.name)
    if v is None or v.loc is None or (v.ptr and t is not e.sub[0]):
        return EMPTY
    return frozenset((Origin(STATIC if v.static or is_global else STACK, v.name, v.loc),))


def _through_pointer(fn: FunctionFacts, e: Expr) -> bool:
    """``p->x`` or ``p[i]`` with ``p`` a pointer: the object is not inside the base variable."""
    if e.kind == "field":
        return e.text.replace(" ", "").endswith("->" + e.name) or not e.text.replace(" ", "").endswith("." + e.name)
    base = e.sub[0].strip()
    if base.kind == "var":
        v = fn.local(base.name)
        return v is None or not v.is_array
    return True  # s.p[i]: p may be a pointer member


class _Flow(Analysis[State]):
    def __init__(self, fn: FunctionFacts, resolver: Resolver, seed: State | None = None) -> None:
        self.fn, self.resolver, self.seed = fn, resolver, seed or {}
        self.globals = getattr(resolver, "global_var", None)
        self.conds = dict(fn.conds)

    def initial(self) -> State:
        return dict(self.seed)

    def edge(self, src: int, dst: int, label: int, state: State) -> State:
        for kind, index in self.fn.cfg.events[src]:
            c = self.fn.calls[index] if kind == "call" else None
            if c is None or not c.args:
                continue
            if c.callee in _TESTS or (c.callee in _ERR_TESTS and label in (TRUE, FALSE)
                                      and (label == TRUE) != c.negated and self._sole_test(src, c)):
                k = key(c.args[0])
                if k and k in state:
                    state = _kill(state, k)
        return state

    def _sole_test(self, node: int, c: Call) -> bool:
        """Whether the condition at ``node`` is ``c`` alone, maybe negated (``IS_ERR(p)``, not
        ``IS_ERR(a) || IS_ERR(b)``)."""
        text = re.sub(r"\b(un)?likely\s*\(", "", " ".join(self.conds.get(node, "").split())).lstrip("!( ").rstrip(") ")
        return text == " ".join(f"{c.callee}({c.args[0].text}".split())

    def join(self, a: State, b: State) -> State:
        if a is b:
            return a
        out = dict(a)
        for k, v in b.items():
            out[k] = out.get(k, EMPTY) | v
        return out

    def transfer(self, node: int, state: State) -> State:
        calls: dict[str, Loc] = {}
        state = dict(state)  # the solver keeps the in-state
        for kind, index in self.fn.cfg.events[node]:
            state = self.step(kind, index, state, calls)
        return state

    def step(self, kind: str, index: int, state: State, calls: dict[str, Loc]) -> State:
        fn = self.fn
        if kind == "call":
            c = fn.calls[index]
            calls[c.callee] = c.loc
            # foo(&p) may store anything into p; what a summary says it stores into a member of p
            # joins what the member held (it may not store on every path: i2c_smbus_try_get_dmabuf())
            for i, a in enumerate(c.args):
                if a.kind == "addr" and a.sub:
                    k = key(a.sub[0])
                    if k:
                        writes = self.resolver.writes(fn, c.callee, i) if c.callee else None
                        # ("": what it stores into the object itself, an out parameter's memory,
                        # which replaces what the object held)
                        kept = {k + "." + m if m else k: state[k + "." + m] | v if m else v
                                for m, v in (writes or {}).items() if not m or k + "." + m in state}
                        state = _kill(state, k)
                        if kept:
                            state = {**state, **kept}
            adopted = self.resolver.adopts(fn, c) if c.callee else None
            if adopted is not None:
                state = _adopt(state, c, *adopted)
            return state
        if kind == "assign":
            a = fn.assigns[index]
            k = key(a.lhs)
            if not k or a.op != "=":
                return state
            v = self.eval(a.rhs, state, calls, a.lhs)
            if v and k.endswith("[]") and k in state:
                state[k] = state[k] | v  # one element of many: a weak update
                return state
            state = _kill(state, k)
            if v:
                state[k] = v
            return state
        return state

    def eval(self, e: Expr, state: State, calls: dict[str, Loc], dest: Expr | None = None) -> frozenset[Origin]:
        """Origins of ``e``; ``dest``: what its value is assigned to (see Resolver.call)."""
        k = e.kind
        if k == "call" and e.name in _CONTAINER_OF and e.sub:
            # the object around a member a parameter points to (a release callback freeing it,
            # ``kfree(container_of(ref, struct foo, ref))``); what an allocation holds is not the
            # object around it (a struct snd_soc_card allocated alone is in no struct machine_data)
            return frozenset(o for o in self.eval(e.sub[0], state, calls) if o.family == PARAM)
        if k == "call":
            loc = calls.get(e.name)
            return self.resolver.call(self.fn, e.name, loc, e.sub, dest) if e.name and loc is not None else EMPTY
        if k in ("cast",) and e.sub:
            return self.eval(e.sub[0], state, calls, e)
        if k == "cond":
            return self.eval(e.sub[0], state, calls, dest) | self.eval(e.sub[1], state, calls, dest)
        if k == "arith" and e.sub:
            return self.eval(e.sub[0], state, calls) or self.eval(e.sub[1], state, calls)
        if k == "addr":
            return storage(self.fn, e, self.globals)
        if k == "iterate":  # a list iterator's cursor: an entry of the list (Resolver.member)
            return self.resolver.member(self.fn, e)
        path = key(e)
        if not path:
            return EMPTY
        got = state.get(path)
        if got is not None:
            return got
        if k == "var":
            return storage(self.fn, e, self.globals)
        return self.resolver.member(self.fn, e, dest) if k == "field" else EMPTY


def _adopt(state: State, c: Call, arg: int, family: str) -> State:
    """``state`` with the allocations argument ``arg`` of ``c`` holds turned into ``family`` memory."""
    k = key(c.args[arg])
    held = state.get(k) if k else None
    if not held:
        return state
    return {**state, k: adopt(held, held, c, family)}


def adopt(origins, handed, c: Call, family: str) -> frozenset[Origin]:
    """``origins``, with those of the allocations in ``handed`` (what call ``c`` hands to a
    manager) turned into ``family`` memory."""
    sigs = {o.sig for o in handed if o.family not in _NOT_ADOPTED}
    why = f"handed to {c.callee}(), which releases it later"
    return frozenset(Origin(family, o.via, o.loc, o.path + ((c.loc, why),), o.detail, o.member, o.type)
                     if o.sig in sigs else o for o in origins)


def container(e: Expr) -> Expr:
    """The object a member pointer points into: ``obj`` for ``&obj->ref``; ``e`` otherwise."""
    e = e.strip()
    if e.kind == "addr" and e.sub and e.sub[0].kind == "field" and e.sub[0].sub \
            and e.sub[0].text.replace(" ", "").endswith("->" + e.sub[0].name):
        return e.sub[0].sub[0]
    return e


def _kill(state: State, root: str) -> State:
    """``state`` without ``root`` and the paths under it (``root.f``, ``root[]``, ``*root``,
    ``*root.f``): a new dict when something goes (states are shared between CFG nodes, so they are
    never changed in place), ``state`` itself when nothing does."""
    star = "*" + root
    under = (root + ".", root + "[", star + ".")
    doomed = [k for k in state if k == root or k == star or k.startswith(under)]
    if not doomed:
        return state
    out = dict(state)
    for k in doomed:
        del out[k]
    return out


class At:
    """One event of a replay and the provenance state just before it; ``eval`` it at once (the
    replay goes on mutating its state)."""

    __slots__ = ("kind", "index", "node", "_flow", "_state", "_calls")

    def __init__(self, kind: str, index: int, flow: _Flow, state: State, calls: dict[str, Loc], node: int = 0) -> None:
        self.kind, self.index, self._flow, self._state, self._calls = kind, index, flow, state, calls
        self.node = node

    def eval(self, e: Expr, dest: Expr | None = None) -> frozenset[Origin]:
        return self._flow.eval(e, self._state, self._calls, dest)


def replay(fn: FunctionFacts, resolver: Resolver, seed: State | None = None) -> Iterator[At]:
    """Every reachable event of ``fn`` in CFG order, with the provenance state before it."""
    flow = _Flow(fn, resolver, seed)
    states = solve(fn.cfg, flow)
    for node in sorted(states):
        state = dict(states[node])
        calls: dict[str, Loc] = {}
        for kind, index in fn.cfg.events[node]:
            yield At(kind, index, flow, state, calls, node)
            state = flow.step(kind, index, state, calls)


def eval_plain(fn: FunctionFacts, resolver: Resolver, e: Expr) -> frozenset[Origin]:
    """Origins of ``e`` knowing nothing about the function's state (storage and members only)."""
    return _Flow(fn, resolver).eval(e, {}, {})


def at_calls(fn: FunctionFacts, names, resolver: Resolver) -> Iterator[tuple[Call, list[frozenset[Origin]]]]:
    """For each reachable call to one of ``names``: the call and the origins of each argument,
    as they are just before the call."""
    if not any(c.callee in names for c in fn.calls):
        return
    for at in replay(fn, resolver):
        if at.kind == "call":
            c = fn.calls[at.index]
            if c.callee in names:
                yield c, [at.eval(a) for a in c.args]
