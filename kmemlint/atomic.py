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
    callee: FunctionFacts | None = None  # set when the sleeping happens inside this callee


@dataclass(frozen=True)
class Entry:
    """Why a function runs in atomic context: ``context`` (``hard-IRQ handler foo_irq()``) and
    where it was registered (``loc``, ``how``)."""

    context: str
    loc: Loc
    how: str = ""


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
        self.roots = self._roots()
        self.sleepy = self._may_sleep()

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
    def _roots(self) -> dict[int, Entry]:
        """Functions the kernel runs in atomic context: registered callbacks (registrar calls,
        ``x.function = cb`` assignments, ops-struct initialisers)."""
        k, prog = self.k, self.program
        regs, cbs = k["registrars"], k["callbacks"]
        by_member: dict[str, str] = {}
        for key, cb in sorted(cbs.items()):
            by_member.setdefault(key.rsplit(".", 1)[-1], cb.context)
        roots: dict[int, Entry] = {}

        def enter(g: FunctionFacts | None, e: Entry) -> None:
            if g is not None and id(g) not in roots and not g.cfg.context_tests:
                roots[id(g)] = e

        for fn in self.fns:
            for c in fn.calls:
                r = regs.get(c.callee)
                if r is not None and r.arg < len(c.args):
                    name = _fn_name(c.args[r.arg])
                    g = prog.lookup(name, fn.path) if name else None
                    enter(g, Entry(f"{r.context} {name}()", c.loc, how=f"registered by {c.callee}()"))
            for a in fn.assigns:
                ctx = by_member.get(a.lhs.name) if a.lhs.kind == "field" else None
                name = _fn_name(a.rhs) if ctx else ""
                if name:
                    enter(prog.lookup(name, fn.path), Entry(f"{ctx.split(' (')[0]} {name}()", a.loc,
                                                            how=f"assigned to .{a.lhs.name}"))
        for f in prog.files:
            for init in f.initializers:
                struct = init.struct.split()[-1] if init.struct else ""
                cb = cbs.get(f"{struct}.{init.member}")
                name = _fn_name(init.value) if cb is not None else ""
                if name:
                    head, _, why = cb.context.partition(" (")
                    enter(prog.lookup(name, f.path), Entry(f"{head} {name}()", init.loc,
                                                           how=f"(.{init.member} of {init.struct or 'an ops struct'}"
                                                               + (f": {why}" if why else ")")))
        return roots

    def _may_sleep(self) -> dict[int, tuple[tuple[Loc, str], ...]]:
        """Functions that may sleep, each with its shortest witness: the steps from its first
        call on the way down to the call that sleeps (last step: what sleeps). Functions that
        test their context (``if (may_sleep)``, ``in_interrupt()``) are trusted not to."""
        best: dict[int, tuple[tuple[Loc, str], ...]] = {}
        callers: dict[int, list[tuple[FunctionFacts, Call, FunctionFacts]]] = {}
        for fn in self.fns:
            for c, g in self.callees[id(fn)]:
                callers.setdefault(id(g), []).append((fn, c, g))
        queue: deque[FunctionFacts] = deque()
        for fn in self.fns:
            sl = self.sleeps[id(fn)]
            if sl and not fn.cfg.context_tests:
                s = sl[0]
                best[id(fn)] = ((s.call.loc, f"{s.what} may sleep in {fn.name}()"),)
                queue.append(fn)
        while queue:
            g = queue.popleft()
            for fn, c, _ in callers.get(id(g), ()):
                if id(fn) in best or fn.cfg.context_tests:
                    continue
                best[id(fn)] = ((c.loc, f"{fn.name}() calls {g.name}()"),) + best[id(g)]
                queue.append(fn)
        return best

    def culprits(self, fn: FunctionFacts):
        """Calls of ``fn`` that may sleep: direct ones (``Sleep`` with no chain or a gfp chain)
        and calls into functions that may sleep (chain down to the sleeping call)."""
        direct = {id(s.call): s for s in self.sleeps[id(fn)]}
        for c in fn.calls:
            s = direct.get(id(c))
            if s is not None:
                yield s
                continue
            g = self.program.lookup(c.callee, fn.path) if c.callee else None
            if g is None or g is fn or id(g) not in self.sleepy:
                continue
            yield Sleep(c, f"{g.name}()", self.sleepy[id(g)], callee=g)

    def drops(self, g: FunctionFacts | None, tokens) -> bool:
        """``g`` releases a context of the kind its caller holds without taking it (the
        ``__releases``/``__acquires`` pattern: unlock, sleep, lock again)."""
        if g is None:
            return False
        foreign = self.locals[id(g)].foreign
        return any(t.split(" '")[0] in foreign for t in tokens)
