"""Atomic context: where it holds inside a function, which functions are entered in it, and what
may sleep — the whole-program summaries behind the sleep-in-atomic rule.

1. Inside a function, a forward dataflow over the CFG tracks what is held (locks by their
   normalised expression, IRQs/preemption/BHs disabled, RCU read sections, kmap_atomic), as a
   must-set (held on every path) and a may-set (held on some path). Trylocks hold on the branch
   where they succeeded. It only runs in functions that call an enter/exit function.
2. Functions are *entered atomically* when registered as atomic callbacks (IRQ handlers, timers,
   tasklets, URB completions, NAPI poll, ops members such as ndo_start_xmit) or called from an
   atomic point; entry propagates down the call graph with a witness chain.
3. A call *sleeps* when it is a known sleeper, an allocation whose GFP flags allow direct reclaim,
   or a call to a function that passes its gfp_t parameter on to such an allocation (judged with
   the caller's argument).
All knowledge comes from rules/knowledge/atomic.toml and allocators.toml.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from kmemlint.cfg import FALSE, TRUE
from kmemlint.costmodel import gfp_may_sleep
from kmemlint.dataflow import Analysis, solve
from kmemlint.facts import Call, Expr, FunctionFacts
from kmemlint.knowledge import Knowledge
from kmemlint.model import Loc
from kmemlint.summaries import Program


@dataclass(frozen=True)
class Held:
    must: frozenset = frozenset()
    may: frozenset = frozenset()


NOTHING = Held()


def _token(op, call: Call) -> str:
    """What an enter/exit call holds: ``spinlock '&priv->lock'`` or ``interrupts disabled``."""
    if op.arg >= 0 and op.arg < len(call.args):
        return f"{op.context} '{''.join(call.args[op.arg].text.split())}'"
    return op.context


class _Locks(Analysis[Held]):
    def __init__(self, fn: FunctionFacts, ops: dict, dropping: dict[str, frozenset] | None = None) -> None:
        self.fn, self.ops = fn, ops
        self.dropping = dropping or {}
        self.acquired: dict[str, list[Loc]] = {}
        self.foreign: set[str] = set()  # contexts released that this function never took

    def initial(self) -> Held:
        return NOTHING

    def join(self, a: Held, b: Held) -> Held:
        return Held(a.must & b.must, a.may | b.may)

    def step(self, call: Call, st: Held) -> Held:
        op = self.ops.get(call.callee)
        if op is None:
            kinds = self.dropping.get(call.callee)
            if kinds and st.may:  # a helper that unlocks its caller's lock ("unlocks spinlock")
                keep = frozenset(t for t in st.may if t.split(" '")[0] not in kinds)
                return Held(st.must & keep, keep)
            return st
        if op.op == "try":
            return st
        tok = _token(op, call)
        if op.op == "acquire":
            self._taken(tok, call.loc)
            return Held(st.must | {tok}, st.may | {tok})
        if tok not in st.may:
            self.foreign.add(op.context)
        return Held(st.must - {tok}, st.may - {tok})

    def _taken(self, tok: str, loc: Loc) -> None:
        locs = self.acquired.setdefault(tok, [])
        if loc not in locs:
            locs.append(loc)

    def transfer(self, node: int, st: Held) -> Held:
        for kind, index in self.fn.cfg.events[node]:
            if kind == "call":
                st = self.step(self.fn.calls[index], st)
        return st

    def edge(self, src: int, dst: int, label: int, st: Held) -> Held:
        if label not in (TRUE, FALSE):
            return st
        for kind, index in self.fn.cfg.events[src]:
            call = self.fn.calls[index] if kind == "call" else None
            op = self.ops.get(call.callee) if call is not None else None
            if op is not None and op.op == "try":
                success = FALSE if src in self.fn.cfg.negated else TRUE
                if label == success:
                    tok = _token(op, call)
                    self._taken(tok, call.loc)
                    return Held(st.must | {tok}, st.may | {tok})
        return st


@dataclass
class Local:
    """Per-function facts of this analysis."""

    held: list[Held]  # per call index (NOTHING everywhere when the function takes nothing)
    acquired: dict[str, list[Loc]] = field(default_factory=dict)
    foreign: frozenset = frozenset()

    def taken(self, tok: str, before: Loc) -> Loc | None:
        """Where ``tok`` was taken: the last acquisition before ``before`` in the source."""
        locs = sorted(self.acquired.get(tok, ()))
        earlier = [loc for loc in locs if (loc.line, loc.col) < (before.line, before.col)]
        return earlier[-1] if earlier else (locs[0] if locs else None)


def dropped(fn: FunctionFacts, ops: dict) -> frozenset:
    """Contexts ``fn`` releases but never takes itself: it drops its caller's lock."""
    taken = {_token(ops[c.callee], c) for c in fn.calls if c.callee in ops and ops[c.callee].op != "release"}
    return frozenset(ops[c.callee].context for c in fn.calls if c.callee in ops and ops[c.callee].op == "release"
                     and _token(ops[c.callee], c) not in taken)


def local(fn: FunctionFacts, ops: dict, dropping: dict[str, frozenset] | None = None) -> Local:
    if not any(c.callee in ops for c in fn.calls):
        return Local([NOTHING] * len(fn.calls))
    flow = _Locks(fn, ops, dropping)
    states = solve(fn.cfg, flow)
    held = [NOTHING] * len(fn.calls)
    for node, st in states.items():
        for kind, index in fn.cfg.events[node]:
            if kind == "call":
                held[index] = st
                st = flow.step(fn.calls[index], st)
    return Local(held, flow.acquired, frozenset(flow.foreign))


# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sleep:
    """A call that may sleep: ``what`` names it for messages (``kmalloc() with GFP_KERNEL``),
    ``why`` says how it sleeps where that is not obvious, ``chain`` the steps into callees to the
    call that really sleeps (empty when this call sleeps itself)."""

    call: Call
    what: str
    chain: tuple[tuple[Loc, str], ...] = ()
    why: str = ""


@dataclass(frozen=True)
class Entry:
    """Why a function runs in atomic context: a root (``context`` + where it was registered) or a
    call from ``caller`` at ``loc`` (holding ``token`` taken at ``taken``, or itself entered)."""

    context: str
    loc: Loc
    caller: FunctionFacts | None = None
    token: str = ""
    taken: Loc | None = None


def _fn_name(e: Expr) -> str:
    e = e.strip()
    if e.kind == "addr" and e.sub:
        e = e.sub[0].strip()
    return e.name if e.kind == "var" else ""


class Atomic:
    """The whole-program analysis; ``Atomic.of(program)`` computes it once per run."""

    def __init__(self, program: Program, k: Knowledge) -> None:
        self.program, self.k = program, k
        self.ops = k["atomic"]
        self.fns = list(program.functions())
        dropping = {}
        for fn in self.fns:  # by name: a static helper and a global one rarely share a name
            d = dropped(fn, self.ops)
            if d:
                dropping[fn.name] = dropping.get(fn.name, frozenset()) | d
        self.locals = {id(fn): local(fn, self.ops, dropping) for fn in self.fns}
        self.callees: dict[int, list[tuple[Call, FunctionFacts]]] = {}
        for fn in self.fns:
            out = []
            for c in fn.calls:
                g = program.lookup(c.callee, fn.path) if c.callee else None
                if g is not None and g is not fn:
                    out.append((c, g))
            self.callees[id(fn)] = out
        self.gfp_params = self._gfp_params()
        self.sleeps = {id(fn): list(self._sleeps(fn)) for fn in self.fns}
        self.entries = self._entries()

    @staticmethod
    def of(program: Program, k: Knowledge) -> "Atomic":
        return program.summary("atomic", lambda p: Atomic(p, k))

    # -- what sleeps ------------------------------------------------------------------------
    def _gfp_index(self, fn: FunctionFacts, name: str) -> int:
        for i, p in enumerate(fn.params):
            if p.name == name:
                return i
        return -1

    def _gfp_params(self) -> dict[int, dict[int, tuple[tuple[Loc, str], ...]]]:
        """Per function: gfp_t parameters it hands on to an allocation, with the chain there."""
        allocs = self.k.allocators
        out: dict[int, dict[int, tuple]] = {}
        for fn in self.fns:
            for c in fn.calls:
                a = allocs.get(c.callee)
                if a is not None and 0 <= a.gfp < len(c.args) and c.args[a.gfp].strip().kind == "var":
                    i = self._gfp_index(fn, c.args[a.gfp].strip().name)
                    if i >= 0:
                        out.setdefault(id(fn), {}).setdefault(i, ((c.loc, f"passes the flags to {c.callee}()"),))
        changed = True
        while changed:  # wrappers of wrappers
            changed = False
            for fn in self.fns:
                for c, g in self.callees[id(fn)]:
                    for j, chain in out.get(id(g), {}).items():
                        if j < len(c.args) and c.args[j].strip().kind == "var":
                            i = self._gfp_index(fn, c.args[j].strip().name)
                            mine = out.setdefault(id(fn), {})
                            if i >= 0 and i not in mine:
                                mine[i] = ((c.loc, f"passes the flags to {g.name}()"),) + chain
                                changed = True
        return out

    def _sleeps(self, fn: FunctionFacts):
        allocs, sleepers = self.k.allocators, self.k["sleepers"]
        for c in fn.calls:
            s = sleepers.get(c.callee)
            if s is not None:
                yield Sleep(c, f"{c.callee}()", why=s.what)
                continue
            a = allocs.get(c.callee)
            if a is not None and 0 <= a.gfp < len(c.args):
                flags = c.args[a.gfp].text
                if gfp_may_sleep(flags):
                    yield Sleep(c, f"{c.callee}() with {flags}")
                continue
            g = self.program.lookup(c.callee, fn.path) if c.callee else None
            for j, chain in sorted(self.gfp_params.get(id(g), {}).items()) if g is not None else ():
                if j < len(c.args) and gfp_may_sleep(c.args[j].text):
                    yield Sleep(c, f"{c.callee}() with {c.args[j].text}", chain)
                    break

    # -- where atomic context comes from ----------------------------------------------------
    def _entries(self) -> dict[int, Entry]:
        k, prog = self.k, self.program
        regs, cbs = k["registrars"], k["callbacks"]
        by_member: dict[str, str] = {}
        for key, cb in sorted(cbs.items()):
            by_member.setdefault(key.rsplit(".", 1)[-1], cb.context)
        entries: dict[int, Entry] = {}
        queue: deque[FunctionFacts] = deque()

        def enter(g: FunctionFacts | None, e: Entry) -> None:
            if g is not None and id(g) not in entries and not g.cfg.context_tests:
                entries[id(g)] = e
                queue.append(g)

        for fn in self.fns:  # registrars and member assignments
            for c in fn.calls:
                r = regs.get(c.callee)
                if r is not None and r.arg < len(c.args):
                    name = _fn_name(c.args[r.arg])
                    g = prog.lookup(name, fn.path) if name else None
                    enter(g, Entry(f"{r.context} {name}() (registered by {c.callee}())", c.loc))
            for a in fn.assigns:
                ctx = by_member.get(a.lhs.name) if a.lhs.kind == "field" else None
                name = _fn_name(a.rhs) if ctx else ""
                if name:
                    enter(prog.lookup(name, fn.path), Entry(f"{ctx.split(' (')[0]} {name}()", a.loc))
        for f in prog.files:  # ops structs
            for init in f.initializers:
                struct = init.struct.split()[-1] if init.struct else ""
                cb = cbs.get(f"{struct}.{init.member}")
                name = _fn_name(init.value) if cb is not None else ""
                if name:
                    enter(prog.lookup(name, f.path), Entry(f"{cb.context.split(' (')[0]} {name}()", init.loc))
        for fn in self.fns:  # calls made while something is held
            loc_ = self.locals[id(fn)]
            for c, g in self.callees[id(fn)]:
                held = loc_.held[fn.calls.index(c)] if c in fn.calls else NOTHING
                if held.must and not self._drops(g, held.must):
                    tok = sorted(held.must)[0]
                    enter(g, Entry(tok, c.loc, fn, tok, loc_.taken(tok, c.loc)))
        while queue:  # and everything they call
            fn = queue.popleft()
            e = entries[id(fn)]
            for c, g in self.callees[id(fn)]:
                if e.token and self._drops(g, {e.token}):
                    continue
                enter(g, Entry(e.context, c.loc, fn, e.token, e.taken))
        return entries

    def _drops(self, g: FunctionFacts, tokens) -> bool:
        """``g`` releases a context of the kind its caller holds without taking it (the
        ``__releases``/``__acquires`` pattern: unlock, sleep, lock again)."""
        foreign = self.locals[id(g)].foreign
        return any(t.split(" '")[0] in foreign for t in tokens)

    def chain(self, fn: FunctionFacts) -> list[tuple[Loc, str, str]]:
        """Steps from where atomic context starts to the entry of ``fn``: (loc, message, kind)."""
        steps: list[tuple[Loc, str, str]] = []
        seen = set()
        cur: FunctionFacts | None = fn
        while cur is not None and id(cur) in self.entries and id(cur) not in seen:
            seen.add(id(cur))
            e = self.entries[id(cur)]
            if e.caller is None:
                steps.append((e.loc, f"{e.context}", "enter"))
                break
            steps.append((e.loc, f"{e.caller.name}() calls {cur.name}()", "call"))
            if e.token and e.taken is not None and e.caller.path == e.taken.path \
                    and e.caller.loc.line <= e.taken.line:  # the caller took the lock
                steps.append((e.taken, f"{e.token} taken here", "acquire"))
                break
            cur = e.caller
        return steps[::-1]
