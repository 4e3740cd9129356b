"""Atomic context and sleeping calls, across functions and files.

Three analyses, all over facts only:

* ``AtomicState``: a forward must/may dataflow over one function's CFG of what is held (spinlocks
  and rwlocks by their normalised argument text, disabled interrupts, preemption, bottom halves,
  RCU read-side sections, kmap_atomic). The entry state holds ``OUTER``: whatever context the
  caller established; an unmatched release (``spin_unlock`` of a lock this function did not take)
  ends it, so helpers that drop their caller's lock before sleeping are understood. The dataflow
  runs only in functions that call an enter/exit operation (or a wrapper of one); elsewhere the
  entry state holds everywhere.
* ``roots``: functions the kernel calls in atomic context (interrupt handlers, timers, tasklets,
  URB completions, NAPI polls, net_device_ops members), from registrar calls, designated
  initialisers and ``x.function = cb`` assignments listed in the knowledge data.
* ``sleeps``: per-function summary of whether it may sleep while its caller's context still
  holds, unconditionally or when a gfp_t parameter allows sleeping, with a witness chain.

Knowledge: ``[atomic]``, ``[atomic_callbacks]``, ``[sleepers]`` (rules/knowledge/atomic.toml) and
``[allocators]`` with their gfp argument index.
"""
from __future__ import annotations

import os
import re
from typing import NamedTuple

from kmemlint.cfg import EXIT, FALSE, TRUE, Cfg
from kmemlint.costmodel import gfp_may_sleep
from kmemlint.dataflow import Analysis, solve
from kmemlint.facts import Call, Expr, FunctionFacts
from kmemlint.model import Loc, Step
from kmemlint.summaries import Program

#: (kind, normalised identity, display text)
Key = tuple
OUTER: Key = ("outer", "", "")
_MAX_DEPTH = 24
#: sparse annotations that error recovery can turn into function definitions or calls
_NOT_FUNCTIONS = frozenset(("__releases", "__acquires", "__must_hold", "__acquire", "__release",
                            "__cond_lock", "__cond_acquires", "__cond_releases", "__no_context_analysis"))

_PHRASE = {
    "spinlock": "spinlock '{}' is held",
    "rwlock": "rwlock '{}' is held",
    "irq": "interrupts are disabled",
    "preempt": "preemption is disabled",
    "rcu": "in an RCU read-side critical section",
    "bh": "bottom halves are disabled",
    "kmap": "in a kmap_atomic() section",
}


def phrase(key: Key) -> str:
    return _PHRASE.get(key[0], key[0] + " is held").format(key[2])


def _norm(text: str) -> str:
    return re.sub(r"[\s()]", "", text)


def guard_kind(cls: str) -> str | None:
    """The context a ``guard(cls)`` / ``scoped_guard(cls, ...)`` class enters (include/linux/*.h
    DEFINE_LOCK_GUARD_*), or None for sleeping locks (mutex, rwsem) and unknown classes."""
    if cls.startswith(("spinlock", "raw_spinlock")):
        return "spinlock"
    if cls.startswith(("read_lock", "write_lock")):
        return "rwlock"
    if cls.startswith("rcu"):
        return "rcu"
    if cls in ("irq", "irqsave"):
        return "irq"
    if cls.startswith("preempt") or cls == "migrate":
        return "preempt"
    return None


class State(NamedTuple):
    must: frozenset
    may: frozenset


class Op(NamedTuple):
    action: str  # enter, exit, trylock, scoped, release-all
    key: Key


class AtomicState(Analysis[State]):
    def __init__(self, fn: FunctionFacts, ops: dict[int, list[Op]], initial: State) -> None:
        self.fn, self.ops, self.init = fn, ops, initial
        self.cond_ops: dict[int, list[tuple[Op, bool]]] = {}
        for node, evs in enumerate(fn.cfg.events):
            for kind, i in evs:
                if kind != "call":
                    continue
                for op in ops.get(i, ()):
                    if op.action in ("trylock", "scoped"):
                        self.cond_ops.setdefault(node, []).append((op, fn.calls[i].negated))

    def initial(self) -> State:
        return self.init

    def join(self, a: State, b: State) -> State:
        return State(a.must & b.must, a.may | b.may)

    def transfer(self, node: int, state: State) -> State:
        for kind, i in self.fn.cfg.events[node]:
            if kind == "call" and i in self.ops:
                state = apply(state, self.ops[i])
        return state

    def edge(self, src: int, dst: int, label: int, state: State) -> State:
        for op, negated in self.cond_ops.get(src, ()):
            if label not in (TRUE, FALSE):
                continue
            success = (label == TRUE) != negated
            if op.action == "trylock" and success:
                state = State(state.must | {op.key}, state.may | {op.key})
            elif op.action == "scoped":
                if label == TRUE:
                    state = State(state.must | {op.key}, state.may | {op.key})
                else:
                    state = State(state.must - {op.key}, state.may - {op.key})
        return state


def apply(state: State, ops: list[Op]) -> State:
    must, may = state.must, state.may
    for op in ops:
        if op.action in ("enter", "guard"):
            must, may = must | {op.key}, may | {op.key}
        elif op.action == "exit":
            if op.key in may:
                must, may = must - {op.key}, may - {op.key}
            else:  # a lock this function did not take (its caller's): drop everything of the kind
                drop = {k for k in may if k[0] == op.key[0] or k == OUTER}
                must, may = must - drop - {OUTER}, may - drop - {OUTER}
        elif op.action == "release-all":  # a call to a helper that releases its caller's lock
            drop = {k for k in may if k[0] == op.key[0] or k[0] == "wrapper" or k == OUTER}
            must, may = must - drop, may - drop
    return State(must, may)


class Sleep(NamedTuple):
    """Why a call may sleep: ``what`` for messages; ``chain`` from the call down to the sleeping
    call (Steps; empty for a direct sleeper)."""

    what: str
    chain: tuple = ()
    kind: str = "alloc"  # alloc (an allocation that may sleep), sleeper (knowledge), call (a callee)


class Summary(NamedTuple):
    sleeps: Sleep | None  # sleeps while the caller's context holds, whatever its arguments
    params: dict  # parameter index -> (kind, Sleep): sleeps when ``judge(kind, argument)``
    acquires: tuple  # keys it returns holding (a lock wrapper)
    releases: tuple  # kinds of caller's locks it releases (an unlock wrapper)
    #: sleeps under several parameter tests at once (``if (only_active) { if (lock) mutex_lock()``):
    #: ((param index, kind), ...), Sleep) -- it sleeps only when every test passes
    conj: tuple = ()


class Point(NamedTuple):
    """A call that may sleep and the atomic state before it."""

    call: Call
    index: int
    sleep: Sleep | None  # sleeps whatever fn's arguments
    params: dict  # fn's parameter index -> (kind, Sleep) when that argument decides
    state: State


_EMPTY = Summary(None, {}, (), ())


#: an argument that tells the callee not to sleep (CMD_ASYNC, FOO_FLAG_NOWAIT, GFP_ATOMIC)
_ASYNC = re.compile(r"\b[A-Z0-9_]*(ASYNC|NOWAIT|NO_WAIT|ATOMIC|NOSLEEP|NO_SLEEP|NONBLOCK)[A-Z0-9_]*\b")
_FALSE = {"false", "0", "NULL"}
_TRUE = {"true", "1"}
_SCALAR = re.compile(r"^(bool|_Bool|int|unsigned|unsigned int|u8|u16|u32|u64|s32|long|unsigned long|enum \w+)$")
#: names of parameters that decide whether a function may sleep (``sleep_ok``, ``atomic``...)
_NEGATIVE = re.compile(r"atomic|nowait|no_?wait|no_?sleep|non_?block|irq|interrupt|noblock|dont_?sleep|async")
_POSITIVE = re.compile(r"sleep|wait|block|can_?sched|sync")


def control_kind(p) -> str | None:
    """``flag+`` (sleeps when true) or ``flag-`` (sleeps when false) for a parameter whose name
    says it controls sleeping; None otherwise."""
    if p.ptr or not p.name or not _SCALAR.match(p.type):
        return None
    name = p.name.lower()
    if _NEGATIVE.search(name):
        return "flag-"
    if _POSITIVE.search(name):
        return "flag+"
    return None


_CONST_TOKEN = re.compile(r"[A-Z][A-Z0-9_]*|\d+[uUlL]*|0[xX][0-9a-fA-F]+[uUlL]*")


def judge(kind: str, text: str) -> bool | None:
    """Whether an argument ``text`` for a parameter of ``kind`` makes the callee sleep.

    gfp: a gfp mask; flag+ / flag-: sleeps when the value is true / false; eq:A|B / ne:A|B: sleeps
    when the value is / is not one of these constants; bit:X / nbit:X: sleeps when the flags
    have / lack X. None: cannot tell (not a constant)."""
    if kind == "gfp":
        return gfp_may_sleep(text)
    t = text.strip()
    op, _, arg = kind.partition(":")
    if op in ("eq", "ne"):
        if not _CONST_TOKEN.fullmatch(t):
            return None
        return (t in arg.split("|")) == (op == "eq")
    if op in ("bit", "nbit"):
        tokens = re.findall(r"\w+", t)
        if not tokens or not all(_CONST_TOKEN.fullmatch(x) for x in tokens) or not re.fullmatch(r"[\w\s|()]+", t):
            return None
        return (arg in tokens) == (op == "bit")
    if t in _FALSE or t in _TRUE or re.fullmatch(r"\d+[uUlL]*", t):
        truth = t not in _FALSE and not re.fullmatch(r"0+[uUlL]*", t)
        return truth if kind == "flag+" else not truth
    return None


def _passed(fn: FunctionFacts, kind: str, text: str):
    """Parameters of ``fn`` that ``text`` passes on to a parameter of ``kind``: (index, kind)."""
    if kind == "gfp":
        for pi, p in enumerate(fn.params):
            if p.name and p.type == "gfp_t" and not p.ptr and re.search(rf"\b{re.escape(p.name)}\b", text):
                if gfp_may_sleep(re.sub(rf"\b{re.escape(p.name)}\b", "GFP_KERNEL", text)):
                    yield pi, "gfp"
        return
    t = text.strip()
    flip = t.startswith("!")
    t = t.lstrip("!").strip()
    if flip and kind not in ("flag+", "flag-"):
        return
    for pi, p in enumerate(fn.params):
        if p.name == t and not p.ptr:
            yield pi, ({"flag+": "flag-", "flag-": "flag+"}[kind] if flip else kind)


_GUARD = re.compile(r"(!\s*)?(\w+)(\s*(==|!=)\s*0)?")


def guarding_params(fn: FunctionFacts, node: int):
    """Scalar parameters whose test decides whether CFG ``node`` runs: ``if (p)``, ``if (!p)``,
    ``if (p == 0)`` on every path to it. Yields (parameter index, kind) as for ``judge``."""
    if not fn.conds:
        return
    index = {p.name: i for i, p in enumerate(fn.params) if p.name and not p.ptr and _SCALAR.match(p.type)}
    if not index:
        return
    cases = {n: t for n, t in fn.conds if t == "default" or t.startswith("case ")}
    for cnode, text in fn.conds:
        if cnode in cases:
            continue
        t = _unwrap_cond(text)
        if cases and any(d in cases for d, _ in fn.cfg.succ[cnode]):
            got = _switch_test(fn.cfg, node, cnode, cases, index.get(t))
            if got is not None:
                yield got
            continue
        tests = []
        got = _guard_test(t, index)
        if got is not None:
            tests.append((got[0], TRUE, got[1]))
            tests.append((got[0], FALSE, got[2]))
        elif "&&" in t and "||" not in t:  # ``if (wait_for_host_mode && !skip_wait)``: the true branch
            for part in t.split("&&"):
                got = _guard_test(_unwrap_cond(part), index)
                if got is not None:
                    tests.append((got[0], TRUE, got[1]))
        for pi, label, kind in tests:
            if not _reachable_without(fn.cfg, node, cnode, label):
                yield pi, kind
                break


def _switch_test(cfg: Cfg, node: int, switch: int, cases: dict, pi: int | None) -> tuple[int, str] | None:
    """(parameter index, kind) when the switch on parameter ``pi`` at CFG node ``switch`` decides
    whether ``node`` runs: ``eq:`` the case values that reach it, or ``ne:`` the values of the
    cases that do not when the default (or no case at all) reaches it."""
    if pi is None:
        return None
    edges = [d for d, _ in cfg.succ[switch]]
    values = {d: cases[d].removeprefix("case ").strip() for d in edges if d in cases and cases[d] != "default"}
    if not values or not all(_CONST_TOKEN.fullmatch(v) for v in values.values()):
        return None
    if _reachable_avoiding(cfg, node, switch, ()):
        return None  # reached without passing through the switch
    taken = [d for d in edges if _reachable_avoiding(cfg, node, switch, (d,))]
    others = [d for d in edges if d not in values]
    if set(taken) == set(values) and others:  # every known value goes on...
        known = set().union(*(_forward(cfg, d) for d in values)) - {EXIT}
        own = [_forward(cfg, d) - {EXIT} for d in others]
        if all(not (o & known) and any(k == "return" for n in o for k, _ in cfg.events[n]) for o in own):
            return None  # ...and the default returns on its own path: a switch validating its argument
    if any(d not in values for d in taken):  # the default, or the edge past a switch without one
        rest = sorted(v for d, v in values.items() if d not in taken)
        return (pi, "ne:" + "|".join(rest)) if rest else None
    return pi, "eq:" + "|".join(sorted(values[d] for d in taken))


def _reachable_avoiding(cfg: Cfg, target: int, src: int, keep: tuple) -> bool:
    """Whether ``target`` is reachable from ENTRY when, of ``src``'s edges, only those to ``keep``
    are taken."""
    return _reach(cfg, target, lambda n, dst, _: n == src and dst not in keep)


def _forward(cfg: Cfg, start: int) -> set[int]:
    """The nodes reachable from ``start``, itself included."""
    seen, stack = {start}, [start]
    while stack:
        for dst, _ in cfg.succ[stack.pop()]:
            if dst not in seen:
                seen.add(dst)
                stack.append(dst)
    return seen


def _reach(cfg: Cfg, target: int, blocked, start: int = 0) -> bool:
    """Whether ``target`` is reachable from ``start`` over the edges ``blocked(src, dst, label)``
    does not block."""
    seen, stack = {start}, [start]
    while stack:
        n = stack.pop()
        if n == target:
            return True
        for dst, lab in cfg.succ[n]:
            if dst not in seen and not blocked(n, dst, lab):
                seen.add(dst)
                stack.append(dst)
    return False


def _unwrap_cond(text: str) -> str:
    t = text.strip()
    while t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    return re.sub(r"^(un)?likely\((.*)\)$", r"\2", t).strip()


_EQ_CHAIN = re.compile(r"(\w+)\s*==\s*([A-Z][A-Z0-9_]*|\d+)(\s*\|\|\s*\1\s*==\s*([A-Z][A-Z0-9_]*|\d+))*")
#: ``p != MODE_A && p != MODE_B``: named constants only; ``if (len != 1) return -EPROTO;`` checks a
#: count, it does not select a mode (intel_guc_context_reset_process_msg())
_NE_CHAIN = re.compile(r"(\w+)\s*!=\s*([A-Z][A-Z0-9_]*)(\s*&&\s*\1\s*!=\s*([A-Z][A-Z0-9_]*))*")
_BIT = re.compile(r"(!\s*)?\(?\s*(\w+)\s*&\s*\(?\s*([A-Z][A-Z0-9_]*)\s*\)?\s*\)?")


def _guard_test(t: str, index: dict) -> tuple[int, str, str] | None:
    """(parameter index, kind if the node needs the TRUE branch, kind if it needs FALSE) for a
    condition testing one scalar parameter against constants."""
    m = _GUARD.fullmatch(t)
    if m is not None and m.group(2) in index:
        if m.group(1) and m.group(3):
            return None
        positive = not m.group(1) and m.group(4) != "=="
        return index[m.group(2)], ("flag+" if positive else "flag-"), ("flag-" if positive else "flag+")
    m = _EQ_CHAIN.fullmatch(t)
    if m is not None and m.group(1) in index and m.group(2) != "0":
        values = "|".join(re.findall(r"==\s*(\w+)", t))
        return index[m.group(1)], f"eq:{values}", f"ne:{values}"
    m = _NE_CHAIN.fullmatch(t)
    if m is not None and m.group(1) in index and m.group(2) != "0":
        values = "|".join(re.findall(r"!=\s*(\w+)", t))
        return index[m.group(1)], f"ne:{values}", f"eq:{values}"
    m = _BIT.fullmatch(t)
    if m is not None and m.group(2) in index:
        pos, neg = f"bit:{m.group(3)}", f"nbit:{m.group(3)}"
        return (index[m.group(2)], neg, pos) if m.group(1) else (index[m.group(2)], pos, neg)
    return None


#: assertion macros (include/asm-generic/bug.h, drivers/gpu/drm/i915/i915_gem.h GEM_BUG_ON,
#: include/drm/drm_print.h drm_WARN_ON): the code states that their condition never holds
_ASSERTIONS = frozenset(("BUG_ON", "WARN_ON", "WARN_ON_ONCE", "WARN", "WARN_ONCE", "GEM_BUG_ON", "GEM_WARN_ON",
                         "drm_WARN_ON", "drm_WARN_ON_ONCE", "drm_WARN", "drm_WARN_ONCE"))
_ASSERT_COND = re.compile(r"(WARN_ON|WARN_ON_ONCE|WARN|WARN_ONCE|GEM_WARN_ON|drm_WARN_ON|drm_WARN_ON_ONCE|drm_WARN|drm_WARN_ONCE)\s*\(")


def asserted_cold(fn: FunctionFacts, node: int, asserts: list[Call]) -> bool:
    """Whether CFG ``node`` lies on a path the code asserts impossible: the body of ``if
    (WARN_ON(c))``; the branch of ``if (c)`` after ``BUG_ON(c)`` / ``WARN_ON(c)`` asserted its
    negation on every path; or a branch whose own ``BUG_ON(!x)`` dominates ``node`` (a slow path
    behind an invariant, intel_ring_begin()'s ``GEM_BUG_ON(!rq->reserved_space)``)."""
    cfg = fn.cfg
    asserted = {_norm(a.args[0].text): a for a in asserts if a.args and a.callee.endswith(("BUG_ON", "WARN_ON"))}
    for cnode, text in fn.conds:
        if text == "default" or text.startswith("case ") or _reachable_without(cfg, node, cnode, TRUE):
            continue  # node does not need the true branch of this condition
        t = _unwrap_cond(text)
        if _ASSERT_COND.match(t):
            return True
        a = asserted.get(_norm(t))
        if a is not None and not _reachable_avoiding_node(cfg, cnode, a.node):
            return True
        for a in asserts:  # an assertion inside the same branch, on every path to node
            if a.node != node and not _reachable_without(cfg, a.node, cnode, TRUE) \
                    and not _reachable_avoiding_node(cfg, node, a.node):
                return True
    return False


def _reachable_avoiding_node(cfg: Cfg, target: int, avoid: int) -> bool:
    """Whether ``target`` is reachable from ENTRY without passing through ``avoid``."""
    return _reach(cfg, target, lambda _, dst, __: dst == avoid)


def _on_cycle(cfg: Cfg, node: int) -> bool:
    """Whether ``node`` lies in a loop: an acquire in a loop over objects may hold at exit only on
    the zero-iteration path, as the matching release loop drops it only there."""
    return any(d == node or _reach(cfg, node, lambda *_: False, d) for d, _ in cfg.succ[node])


def _reachable_without(cfg: Cfg, target: int, src: int, label: int) -> bool:
    """Whether ``target`` is reachable from ENTRY without the ``label`` edge out of ``src``."""
    return _reach(cfg, target, lambda n, _, lab: n == src and lab == label)


class Analyzer:
    """Whole-program atomic-context analysis; one per run (``Program.summary``)."""

    def __init__(self, program: Program) -> None:
        self.program = program
        k = program.knowledge
        self.atomic = k["atomic"]
        self.callbacks = k["atomic_callbacks"]
        self.sleepers = k["sleepers"]
        self.allocators = k.allocators
        self._summary: dict[tuple[str, str], Summary] = {}
        self._busy: set[tuple[str, str]] = set()
        self._points: dict[tuple[str, str], list[Point]] = {}
        self._sites: dict[tuple[str, str], dict[Key, list[Loc]]] = {}
        self._exit: dict[tuple[str, str], State | None] = {}
        self._ops: dict[tuple[str, str], dict[int, list[Op]]] = {}
        self.exported = {n for f in program.files for n in f.exports}
        self.roots = self._find_roots()

    def resolve(self, name: str, from_path: str) -> FunctionFacts | None:
        """The definition a call reaches, as the linker would: a global function of another
        directory only when it is exported (EXPORT_SYMBOL*) or the directories nest (one module);
        sibling drivers often define the same names."""
        target = self.program.lookup(name, from_path)
        if target is None or target.static:
            return target
        a, b = os.path.dirname(from_path), os.path.dirname(target.path)
        if a == b or a.startswith(b + "/") or b.startswith(a + "/") or name in self.exported:
            return target
        return None

    # -- callbacks the kernel runs in atomic context ----------------------------------------------
    def _callback_fn(self, e: Expr, path: str) -> FunctionFacts | None:
        e = e.strip()
        if e.kind == "addr" and e.sub:
            e = e.sub[0].strip()
        if e.kind != "var":
            return None
        return self.program.lookup(e.name, path)

    def _find_roots(self) -> dict[tuple[str, str], tuple[str, str, Loc]]:
        """function key -> (context, how it was registered, where)."""
        roots: dict[tuple[str, str], tuple[str, str, Loc]] = {}

        def add(target: FunctionFacts | None, context: str, how: str, loc: Loc) -> None:
            if target is not None:
                roots.setdefault((target.path, target.name), (context, how, loc))

        for ff in self.program.files:
            for fn in ff.functions:
                for c in fn.calls:
                    cb = self.callbacks.get(c.callee)
                    if cb is not None and 0 <= cb.arg < len(c.args):
                        add(self._callback_fn(c.args[cb.arg], ff.path), cb.context,
                            f"registered with {c.callee}()", c.loc)
                for a in fn.assigns:
                    if a.lhs.kind == "field":
                        cb = self.callbacks.get("=." + a.lhs.name)
                        if cb is not None and cb.lhs in a.lhs.text:
                            add(self._callback_fn(a.rhs, ff.path), cb.context,
                                f"assigned to {a.lhs.text}", a.loc)
            for ini in ff.initializers:
                cb = self.callbacks.get(f"{ini.struct}.{ini.member}")
                if cb is not None:
                    add(self._callback_fn(ini.value, ff.path), cb.context,
                        f"installed as {ini.struct.removeprefix('struct ')}.{ini.member}", ini.loc)
        return roots

    # -- operations on atomic state -------------------------------------------------------------
    def ops(self, fn: FunctionFacts, depth: int = 0) -> dict[int, list[Op]]:
        """Call index -> what the call does to the atomic state (empty: no dataflow needed)."""
        key = (fn.path, fn.name)
        got = self._ops.get(key)
        if got is not None:
            return got
        out: dict[int, list[Op]] = {}
        for i, c in enumerate(fn.calls):
            got_ops = self._op(fn, c, depth)
            if got_ops:
                out[i] = got_ops
        self._ops[key] = out
        return out

    def _op(self, fn: FunctionFacts, c: Call, depth: int) -> list[Op]:
        a = self.atomic.get(c.callee)
        if a is not None:
            if a.arg >= 0:
                if a.arg >= len(c.args):
                    return []
                text = c.args[a.arg].text
                return [Op(a.action, (a.kind, _norm(text), text))]
            return [Op(a.action, (a.kind, "", ""))]
        if c.callee == "scoped_guard" and c.args:
            kind = guard_kind(c.args[0].text)
            if kind is None:
                return []
            text = c.args[1].text if len(c.args) > 1 else ""
            return [Op("scoped", (kind, _norm(text), text))]
        ce = c.callee_expr
        if not c.callee and ce is not None and ce.kind == "call" and ce.name == "guard" and ce.sub:
            kind = guard_kind(ce.sub[0].text)
            if kind is None:
                return []
            text = c.args[0].text if c.args else ""
            return [Op("guard", (kind, _norm(text), text))]
        if (c.callee and depth < 2 and c.callee not in self.sleepers and c.callee not in self.allocators
                and c.callee not in _NOT_FUNCTIONS):
            target = self.resolve(c.callee, fn.path)
            if target is not None and target is not fn and self._has_ops(target):
                s = self.summary(target, depth + 1)
                if s.acquires:  # every context a lock wrapper returns holding (drbd lock_all_resources())
                    return [Op("enter", k) for k in s.acquires]
                # every kind an unlock wrapper drops, the matching loop's too (drbd unlock_all_resources())
                return [Op("release-all", (kind, "", "")) for kind in s.releases]
        return []

    def _has_ops(self, fn: FunctionFacts) -> bool:
        for c in fn.calls:
            if c.callee in self.atomic or c.callee == "scoped_guard" or (
                    not c.callee and c.callee_expr is not None and c.callee_expr.name == "guard"):
                return True
        return False

    def states(self, fn: FunctionFacts, ops: dict[int, list[Op]]) -> dict[int, State]:
        return solve(fn.cfg, AtomicState(fn, ops, State(frozenset((OUTER,)), frozenset((OUTER,)))))

    # -- what sleeps ----------------------------------------------------------------------------
    def sleep_of(self, fn: FunctionFacts, c: Call, depth: int) -> tuple[Sleep | None, dict]:
        """Whether call ``c`` in ``fn`` sleeps: (unconditional sleep, {param index of fn: (kind,
        Sleep)}) where kind says which values of that parameter make it sleep (see ``judge``)."""
        params: dict[int, tuple[str, Sleep]] = {}
        a = self.allocators.get(c.callee)
        if a is not None and 0 <= a.gfp < len(c.args):
            text = c.args[a.gfp].text
            verdict = gfp_may_sleep(text)
            if verdict:
                return Sleep(f"{c.callee}() with {text}"), params
            if verdict is None:
                for pi, kind in _passed(fn, "gfp", text):
                    params.setdefault(pi, (kind, Sleep(f"{c.callee}() with {text}")))
            return None, params
        s = self.sleepers.get(c.callee)
        if s is not None:
            return Sleep(s.what or f"{c.callee}()", (), "alloc" if a is not None else "sleeper"), params
        if not c.callee or depth >= _MAX_DEPTH or a is not None or c.callee in _NOT_FUNCTIONS:
            return None, params
        target = self.resolve(c.callee, fn.path)
        if target is None or target is fn or any(_ASYNC.search(a.text) for a in c.args):
            return None, params
        summ = self.summary(target, depth + 1)
        step = Step(c.loc, f"calls {c.callee}()", "call")
        if summ.sleeps is not None:
            return Sleep(f"{c.callee}()", (step,) + _chain(summ.sleeps), "call"), params
        for ti, (kind, inner) in sorted(summ.params.items()):
            if ti >= len(c.args):
                continue
            text = c.args[ti].text
            verdict = judge(kind, text)
            what = f"{c.callee}() with {text}" if kind == "gfp" else f"{c.callee}()"
            sleep = Sleep(what, (step,) + _chain(inner), "call")
            if verdict:
                return sleep, params
            if verdict is None:
                for pi, k in _passed(fn, kind, text):
                    params.setdefault(pi, (k, sleep))
        for tests, inner in summ.conj:
            verdicts = [(kind, c.args[ti].text, judge(kind, c.args[ti].text) if ti < len(c.args) else None)
                        for ti, kind in tests]
            if any(v is False for _, _, v in verdicts):
                continue  # one test the caller's argument fails: that path is not taken
            sleep = Sleep(f"{c.callee}()", (step,) + _chain(inner), "call")
            if all(v for _, _, v in verdicts):
                return sleep, params
            for kind, text, v in verdicts:
                if v is None:
                    for pi, k in _passed(fn, kind, text):
                        params.setdefault(pi, (k, sleep))
        return None, params

    # -- per-function results -------------------------------------------------------------------
    def points(self, fn: FunctionFacts, depth: int = 0) -> list[Point]:
        """Calls of ``fn`` that may sleep, with the state before each (entry state: ``OUTER``)."""
        key = (fn.path, fn.name)
        got = self._points.get(key)
        if got is not None:
            return got
        entry = State(frozenset((OUTER,)), frozenset((OUTER,)))
        sleeps = {}
        asserts = [c for c in fn.calls if c.callee in _ASSERTIONS]
        for i, c in enumerate(fn.calls):
            s, params = self.sleep_of(fn, c, depth)
            if s is not None and asserts and asserted_cold(fn, c.node, asserts):
                s = None  # a path the code asserts it never takes (issue 15 class 6)
            if s is not None or params:
                sleeps[i] = (s, params)
        ops = self.ops(fn, depth)
        out: list[Point] = []
        if not ops:
            out = [Point(fn.calls[i], i, s, params, entry) for i, (s, params) in sleeps.items()]
        else:
            states = self.states(fn, ops)
            for node, state in states.items():
                for kind, i in fn.cfg.events[node]:
                    if kind != "call":
                        continue
                    if i in sleeps:
                        s, params = sleeps[i]
                        out.append(Point(fn.calls[i], i, s, params, state))
                    if i in ops:
                        state = apply(state, ops[i])
            self._sites[key] = self._collect_sites(fn, ops)
            self._exit[key] = states.get(EXIT)
        out.sort(key=lambda p: p.index)
        self._points[key] = out
        return out

    def _collect_sites(self, fn: FunctionFacts, ops: dict[int, list[Op]]) -> dict[Key, list[Loc]]:
        sites: dict[Key, list[Loc]] = {}
        for i, lst in ops.items():
            for op in lst:
                if op.action in ("enter", "trylock", "scoped", "guard"):
                    sites.setdefault(op.key, []).append(fn.calls[i].loc)
        return sites

    def correlated(self, fn: FunctionFacts, key: Key) -> bool:
        """Whether every acquisition of ``key`` in ``fn`` happens under a condition that is tested
        again elsewhere in ``fn`` (``if (x) spin_lock(l); ... if (x) spin_unlock(l);``): paths
        that the may-analysis joins but that cannot both run."""
        texts: dict[str, int] = {}
        for _, t in fn.conds:
            texts[t] = texts.get(t, 0) + 1
        repeated = [(n, t) for n, t in fn.conds if texts[t] > 1]
        nodes = [fn.calls[i].node for i, lst in self.ops(fn).items() for op in lst if op.key == key]
        if not nodes or not repeated:
            return False
        return all(any(not _reachable_without(fn.cfg, node, c, label) for c, _ in repeated
                       for label in (TRUE, FALSE)) for node in nodes)

    def sites(self, fn: FunctionFacts) -> dict[Key, list[Loc]]:
        return self._sites.get((fn.path, fn.name), {})

    def summary(self, fn: FunctionFacts, depth: int = 0) -> Summary:
        key = (fn.path, fn.name)
        got = self._summary.get(key)
        if got is not None:
            return got
        if key in self._busy or depth > _MAX_DEPTH:
            return _EMPTY
        self._busy.add(key)
        try:
            sleeps: Sleep | None = None
            params: dict[int, tuple[str, Sleep]] = {}
            conj: list = []
            controls = [(pi, k) for pi, k in ((pi, control_kind(v)) for pi, v in enumerate(fn.params)) if k]
            for p in self.points(fn, depth):
                if OUTER not in p.state.must or len(p.state.must) > 1:
                    continue  # the caller's context was dropped here, or fn reports it itself
                guards = list(dict.fromkeys(guarding_params(fn, p.call.node)))
                for pi, (kind, s) in p.params.items():
                    if guards:  # ``if (!enqueue) handle(type)``: this test and the callee's decide together
                        conj.append((tuple(guards) + ((pi, kind),), _at(p.call, s)))
                    else:
                        params.setdefault(pi, (kind, _at(p.call, s)))
                if p.sleep is None:
                    continue
                if guards and controls:  # a test on the path and a ``wait`` parameter (irdma_ah_cqp_op())
                    guards += [c for c in controls if c[0] not in {pi for pi, _ in guards}]
                if len(guards) > 1:  # every test must pass: the caller's arguments decide together
                    conj.append((tuple(guards), _at(p.call, p.sleep)))
                elif guards:  # ``if (delay) msleep(delay);``: the caller's argument decides
                    for pi, kind in guards:
                        params.setdefault(pi, (kind, _at(p.call, p.sleep)))
                elif controls:  # a ``sleep_ok`` / ``atomic`` parameter: the caller decides
                    for pi, kind in controls:
                        params.setdefault(pi, (kind, _at(p.call, p.sleep)))
                elif sleeps is None:
                    sleeps = _at(p.call, p.sleep)
            acquires: tuple = ()
            releases: tuple = ()
            ex = self._exit.get(key)
            if ex is not None:
                scoped = {op.key for lst in self.ops(fn).values() for op in lst if op.action in ("guard", "scoped")}
                # an acquire in a loop over objects (drbd lock_all_resources()) holds at exit on every
                # path but the zero-iteration one; a scoped_guard() body is not such a loop
                looped = {k for k in ex.may - ex.must - scoped if all(
                    op.action == "enter" and _on_cycle(fn.cfg, fn.calls[i].node)
                    for i, lst in self.ops(fn).items() for op in lst if op.key == k)}
                held = sorted(k for k in (ex.must | looped) - scoped if k != OUTER and k[0] in ("spinlock", "rwlock"))
                if held and OUTER in ex.must:  # not a function that drops and retakes its caller's lock
                    acquires = tuple(held)
                elif OUTER not in ex.must and not held:  # drops its caller's lock and keeps it dropped
                    releases = tuple(sorted({self.atomic[c.callee].kind for c in fn.calls
                                             if c.callee in self.atomic and self.atomic[c.callee].action == "exit"}))
            result = Summary(sleeps, params, acquires, releases, tuple(conj))
        finally:
            self._busy.discard(key)
        self._summary[key] = result
        return result


def _at(call: Call, s: Sleep) -> Sleep:
    """The witness of a sleeping point: the chain below the call, ending in the sleeping call."""
    if s.chain:
        return s
    return s._replace(chain=(Step(call.loc, f"{s.what} may sleep", "danger"),))


def _chain(s: Sleep) -> tuple:
    return s.chain
