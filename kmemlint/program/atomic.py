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

import functools
import os
import re
from typing import NamedTuple

from kmemlint.frontend.cfg import ENTRY, EXIT, FALSE, TRUE, Cfg, guarding_conds, inside, reach as _reach, reachable_without as _reachable_without
from kmemlint.costmodel import gfp_may_sleep
from kmemlint.program.dataflow import Analysis, solve
from kmemlint.program.exits import error_exits
from kmemlint.frontend.facts import Call, Expr, FunctionFacts
from kmemlint.frontend.macros import guard_kind
from kmemlint.model import Loc, Step
from kmemlint.program.summaries import Program, driver_private, fid, fn_key, is_header, nest, tree_relative
from kmemlint.program.typeinfo import TypeInfo, address_taken, member_copies, member_targets as member_targets_of, parse_type, value_name

#: (kind, normalised identity, display text)
Key = tuple
OUTER: Key = ("outer", "", "")
#: the identity of a context a conditional lock helper may have left its caller in
#: (``Summary.maybe``): held "may" only, of that kind, the lock's name unknown
MAYBE = "?"
_MAX_DEPTH = 24
#: sparse annotations that error recovery can turn into function definitions or calls
#: calls the analysis reads itself, whatever their definition: ``might_sleep_if(cond)`` is judged
#: by its condition (``_sleep_if``), ``scoped_guard()``/``guard()`` by their class; their macro
#: bodies (include/linux/kernel.h ``if (cond) might_sleep()``) must not stand in for them
UNDERSTOOD = frozenset(("might_sleep_if", "scoped_guard", "guard"))
#: lock types by what holding them is (include/linux/spinlock_types.h, spinlock_types_raw.h,
#: rwlock_types.h)
_LOCK_TYPES = {"spinlock_t": "spinlock", "raw_spinlock_t": "spinlock", "rwlock_t": "rwlock",
               "struct spinlock": "spinlock", "struct raw_spinlock": "spinlock"}
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


class State(NamedTuple):
    must: frozenset
    may: frozenset
    #: this function's own locks that a helper it called released (its own unlock still matches)
    dropped: frozenset = frozenset()
    #: its caller's locks it released on some path here (an unmatched unlock): what a sleep after
    #: them sleeps under is its caller's context less these (``Summary.after``)
    freed: frozenset = frozenset()
    #: locks it asserts its caller holds (lockdep_assert_held()): held here, but its caller's
    asserted: frozenset = frozenset()


class Op(NamedTuple):
    action: str  # enter, exit, exit-held, trylock, scoped, guard, asserted, release-all
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
                    if op.action in ("trylock", "preload", "scoped"):
                        self.cond_ops.setdefault(node, []).append((op, fn.calls[i].negated))

    def initial(self) -> State:
        return self.init

    def join(self, a: State, b: State) -> State:
        return State(a.must & b.must, a.may | b.may, a.dropped | b.dropped, a.freed | b.freed,
                     a.asserted | b.asserted)

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
            if op.action == "preload":  # (0 is success: ``if (radix_tree_preload(gfp)) return -ENOMEM;``)
                success = not success
            if op.action in ("trylock", "preload") and success:
                state = state._replace(must=state.must | {op.key}, may=state.may | {op.key})
            elif op.action == "scoped":
                if label == TRUE:
                    state = state._replace(must=state.must | {op.key}, may=state.may | {op.key})
                else:
                    state = state._replace(must=state.must - {op.key}, may=state.may - {op.key})
        return state


def apply(state: State, ops: list[Op]) -> State:
    must, may, dropped, freed, asserted = state.must, state.may, state.dropped, state.freed, state.asserted
    for op in ops:
        if op.action in ("enter", "guard", "asserted"):
            must, may = must | {op.key}, may | {op.key}
            if op.action == "asserted":
                asserted = asserted | {op.key}
        elif op.action == "maybe":
            may = may | {op.key}
        elif op.action == "exit":
            if op.key in may and op.key not in asserted:
                must, may = must - {op.key}, may - {op.key}
            elif (op.key[0], MAYBE, "") in may:  # what a conditional lock helper it called took
                may = may - {(op.key[0], MAYBE, "")}
            elif op.key in dropped:  # its own lock, released already by a helper it called
                dropped = dropped - {op.key}
            else:  # a lock this function did not take (its caller's, or one it asserts its caller
                # holds): drop everything of the kind
                drop = {k for k in may if k[0] == op.key[0] or k == OUTER}
                must, may, freed = must - drop - {OUTER}, may - drop - {OUTER}, freed | {op.key}
                asserted = asserted - {op.key}
        elif op.action == "exit-held":  # spin_unlock_bh() after local_bh_disable(); spin_lock()
            drop = {k for k in may if k[0] == op.key[0]}
            must, may = must - drop, may - drop
        elif op.action == "release-all":  # a call to a helper that releases a lock: this
            mine = {k for k in may if k[0] == op.key[0] or k[0] == "wrapper"}  # function's own, if it
            if mine:  # holds one of the kind (__pm_runtime_resume() around rpm_resume()), else its
                must, may, dropped = must - mine, may - mine, dropped | mine  # caller's
            else:  # (which lock of the kind is unknown: no ``Summary.after``)
                must, may, freed = must - {OUTER}, may - {OUTER}, freed | {op.key[:1] + ("", "")}
    return State(must, may, dropped, freed, asserted)


def released_first(state: State, keys: tuple) -> State:
    """The state under which a callee sleeps that first released ``keys``, its caller's locks (its
    ``Summary.after``, bound to this caller's arguments): drivers/base/power/runtime.c
    __pm_runtime_barrier() drops ``dev->power.lock`` around cancel_work_sync(), and
    __pm_runtime_disable(), which took that lock, sleeps there with only its own caller's context.
    A key this caller holds is released (one it holds under another text, ambiguous, releases
    every lock of the kind); one it does not hold is its own caller's, released in turn."""
    must, may, freed = set(state.must), set(state.may), set(state.freed)
    for k in keys:
        same = {m for m in may if m != OUTER and m[0] == k[0]}
        exact = {m for m in same if k[1] and m[1] == k[1]}
        if exact or same:
            must, may = must - (exact or same), may - (exact or same)
        else:
            must, may = must - {OUTER}, may - {OUTER}
            freed.add(k)
    return State(frozenset(must), frozenset(may), state.dropped, frozenset(freed), state.asserted)


class OpsContext(NamedTuple):
    """``struct S.member`` is called in atomic ``context``: ``how`` says by whom, at ``path:line``."""

    member: str
    context: str
    how: str
    path: str
    line: int

    @property
    def documented(self) -> bool:
        """The struct's own documentation says so (facts.Contract): it outweighs what code shows."""
        return self.how.startswith(DOCUMENTED)

    @property
    def interrupt(self) -> bool:
        """Seen called from a callback the kernel runs in interrupt or softirq context (an IRQ
        handler, a URB completion, a timer, a tasklet): the member runs there on that transport,
        whatever another transport does (hid_driver.raw_event: usbhid's URB completion runs it,
        i2c-hid's threaded handler too)."""
        return bool(self.context) and not self.documented and _INTERRUPT_ROOT.search(self.context) is not None \
            and self.how.endswith(" context")

    def outranks(self, other: "OpsContext | None") -> bool:
        """Which of two answers for one member stands: a documented contract the kernel does not
        practise (Analyzer._broken_contracts), then a documented contract, then a call seen from
        an interrupt or softirq callback, then a veto (some code calls the member in process
        context), then a call seen in atomic context (under a lock: one odd caller)."""
        def rank(o: OpsContext) -> int:
            return 4 if o.how.startswith(BROKEN) else 3 if o.documented else 2 if o.interrupt \
                else 1 if not o.context else 0
        return other is None or rank(self) > rank(other)


#: the contexts of callbacks that run in interrupt or softirq context (knowledge atomic_callbacks)
_INTERRUPT_ROOT = re.compile(r"interrupt|hard-irq|softirq|tasklet|timer", re.I)


DOCUMENTED = "is documented to run in atomic context"
BROKEN = "is not held to its documentation"
#: how many sleeping implementations of a documented member, being most of them, show that the
#: kernel does not practise its documentation (Analyzer._broken_contracts)
_PRACTICE = 4


#: a contract that only allows atomic callers (include/linux/spi/spi.h ``@set_cs``: "May be called
#: from interrupt context."): it stands where no code calls the member in process context, as a call
#: seen in atomic context would, but a veto outranks it (the SPI core calls set_cs from its message
#: pump and spi_setup(), never from an interrupt, in 6.12)
_PERMISSIVE_DOC = re.compile(r"\b(?:may|can|might|could)\s+(?:also\s+)?be\s+(?:called|invoked|run|executed|used)\b", re.I)
PERMITTED = "is documented as possibly called in atomic context"


def same_file(a: str, b: str) -> bool:
    return tree_relative(a) == tree_relative(b)


def documented(c) -> OpsContext:
    """The OpsContext of a facts.Contract: ``struct ieee80211_ops.tx`` is documented "Must be atomic."."""
    short = c.member.removeprefix("struct ").removeprefix("union ")
    if _PERMISSIVE_DOC.search(c.quote):
        return OpsContext(c.member, f"{short} (documented: may be atomic)", f'{PERMITTED}: "{c.quote}"',
                          c.loc.path, c.loc.line)
    return OpsContext(c.member, f"{short} (documented atomic)", f'{DOCUMENTED}: "{c.quote}"', c.loc.path, c.loc.line)


class Sleep(NamedTuple):
    """Why a call may sleep: ``what`` for messages; ``chain`` from the call down to the sleeping
    call (Steps; empty for a direct sleeper)."""

    what: str
    chain: tuple = ()
    #: alloc (an allocation that may sleep), sleeper (knowledge), call (a callee), callback (a
    #: release it runs), member (through a kernel-wide ops member: reported where the call is made),
    #: variant (through a driver's own member some of whose functions sleep: the same), memory (a
    #: release that sleeps for some memory only, kvfree(): reported where the call is made and at
    #: the callers of a file's static helper making it, not passed on by a global function)
    kind: str = "alloc"
    #: the caller's lock keys the callee releases before it sleeps (``released_first``)
    after: tuple = ()


class Summary(NamedTuple):
    sleeps: Sleep | None  # sleeps while the caller's context holds, whatever its arguments
    params: dict  # parameter index -> (kind, Sleep): sleeps when ``judge(kind, argument)``
    acquires: tuple  # keys it returns holding (a lock wrapper)
    releases: tuple  # kinds of caller's locks it releases (an unlock wrapper)
    #: sleeps under several parameter tests at once (``if (only_active) { if (lock) mutex_lock()``):
    #: ((param index, kind), ...), Sleep) -- it sleeps only when every test passes
    conj: tuple = ()
    #: the CFG nodes of the calls by which it sleeps whatever its arguments (``fixed_members()``)
    at: tuple = ()
    #: sleeps when the reference it drops is the last: a put function's sleeping release (counts at
    #: callers that took that reference themselves, ``took_reference``)
    puts: Sleep | None = None
    #: (keys, Sleep): sleeps, whatever its arguments, once it has released its caller's locks
    #: ``keys`` (lock texts rooted in parameter i written ``$i``): a caller holding another lock
    #: still sleeps in atomic context there
    after: tuple = ()
    #: parameter index -> ((kind, Sleep), ...): ``sleeps`` is both outcomes of that parameter's
    #: test; the witness for a caller's argument is the outcome it takes
    either: dict = {}
    #: ((tests, Sleep), ...): sleeps under a lock or atomic section of its own when every test
    #: ``(parameter index, kind)`` passes for its caller's arguments, whatever its caller's
    #: context (``Analyzer.locked_calls``); the Sleep's chain starts where the section begins
    locked: tuple = ()
    #: kinds of the contexts it returns holding on some paths only: a conditional lock helper
    #: (drivers/clk/clk.c clk_enable_lock(): not on its re-entry path; kernel/workqueue.c
    #: try_to_grab_pending(): interrupts off on success only). Its caller holds them as "may"
    #: (``MAYBE``), so the release after it ends that, not its own caller's context
    maybe: tuple = ()


class Point(NamedTuple):
    """A call that may sleep and the atomic state before it."""

    call: Call
    index: int
    sleep: Sleep | None  # sleeps whatever fn's arguments
    params: dict  # fn's parameter index -> (kind, Sleep) when that argument decides
    state: State


_EMPTY = Summary(None, {}, (), ())


#: an argument that tells the callee not to sleep (CMD_ASYNC, FOO_FLAG_NOWAIT, MSG_DONTWAIT, GFP_ATOMIC)
_ASYNC = re.compile(r"\b[A-Z0-9_]*(ASYNC|NOWAIT|NO_WAIT|DONTWAIT|ATOMIC|NOSLEEP|NO_SLEEP|NONBLOCK)[A-Z0-9_]*\b")
_FALSE = {"false", "0", "NULL"}
_TRUE = {"true", "1"}
_SCALAR = re.compile(r"^(bool|_Bool|int|unsigned|unsigned int|u8|u16|u32|u64|s32|long|unsigned long|enum \w+)$")
#: names of parameters that decide whether a function may sleep (``sleep_ok``, ``atomic``...)
_NEGATIVE = re.compile(r"atomic|nowait|no_?wait|no_?sleep|non_?block|irq|interrupt|noblock|dont_?sleep|async")
_IRQ_NUMBER = re.compile(r"v?irq(n|_?num|_?nr)?|hwirq|interrupts?")
_POSITIVE = re.compile(r"sleep|wait|block|can_?sched|sync")
#: a name that ends in what it counts or holds names that, not a mode: ``irqflags``, ``wait_ms``,
#: ``sync_id``, ``blocks`` (drivers/mmc/core/sdio_ops.c mmc_io_rw_extended(): a count of blocks,
#: not "may block"; ``wait_type`` is a mode: typhoon_reset())
_QUANTITY = re.compile(r"(flags?|mask|num|nr|no|id|idx|index|line|status|count|cnt|level|vec|vector|bits?|reg|"
                       r"val|value|data|ms|us|ns|jiffies|timeout|len|size|cpu|pin|blocks|blks|pages|bytes|sectors)$")


#: a count of things: kernel/irq/irqdomain.c irq_domain_free_irqs(virq, ``nr_irqs``) is not "in irq"
_COUNTED = re.compile(r"(nr|num|n)_")


def control_kind(p) -> str | None:
    """``flag+`` (sleeps when true) or ``flag-`` (sleeps when false) for a parameter whose name
    says it controls sleeping; None otherwise."""
    if p.ptr or not p.name or not _SCALAR.match(p.type):
        return None
    name = p.name.lower()
    if _IRQ_NUMBER.fullmatch(name) or _QUANTITY.search(name) or _COUNTED.match(name):  # disable_irq(unsigned int irq): a number,
        return None  # not "in interrupt"; request_threaded_irq(..., unsigned long irqflags, ...): flags
    if _NEGATIVE.search(name):
        return "flag-"
    if _POSITIVE.search(name):
        return "flag+"
    return None


#: a named constant (``WAIT_SLEEP``, and an enum's CamelCase ``WaitSleep``: drivers/net/ethernet/3com
#: typhoon.c ``typhoon_reset(ioaddr, WaitNoSleep)``) or a number
_CONST_TOKEN = re.compile(r"(?:-\s*)?(?:[A-Z]\w*|\d+[uUlL]*|0[xX][0-9a-fA-F]+[uUlL]*)")


def judge(kind: str, text: str) -> bool | None:
    """Whether an argument ``text`` for a parameter of ``kind`` makes the callee sleep.

    gfp: a gfp mask; flag+ / flag-: sleeps when the value is true / false; eq:A|B / ne:A|B: sleeps
    when the value is / is not one of these constants; bit:X / nbit:X: sleeps when the flags
    have / lack X. None: cannot tell (not a constant)."""
    if kind == "gfp":
        return gfp_may_sleep(text)
    t = text.strip()
    if kind in _POINTER_KINDS:  # an address is not NULL; NULL is
        known = t in ("NULL", "0") or t.startswith("&") or t.startswith('"')
        return None if not known else (t in ("NULL", "0")) == (kind == "null")
    if kind == "amount":  # nothing to do for 0
        return None if not re.fullmatch(r"\d+[uUlL]*", t) else not re.fullmatch(r"0+[uUlL]*", t)
    op, _, arg = kind.partition(":")
    if op in ("eq", "ne"):
        if not _CONST_TOKEN.fullmatch(t):
            return None  # (a negative errno: drivers/base/core.c dev_err_probe()'s ``case -EPROBE_DEFER:``)
        return (re.sub(r"\s+", "", t) in {re.sub(r"\s+", "", v) for v in arg.split("|")}) == (op == "eq")
    if op in ("bit", "nbit"):
        tokens = re.findall(r"\w+", t)
        if not tokens or not all(_CONST_TOKEN.fullmatch(x) for x in tokens) or not re.fullmatch(r"[\w\s|()]+", t):
            return None
        return (arg in tokens) == (op == "bit")
    if t in _FALSE or t in _TRUE or re.fullmatch(r"\d+[uUlL]*", t):
        truth = t not in _FALSE and not re.fullmatch(r"0+[uUlL]*", t)
        return truth if kind == "flag+" else not truth
    return None


#: kinds of a pointer parameter's null test (``if (!deferred) xe_bo_put(bo);``): the callee sleeps
#: when the pointer is NULL / not NULL. Only a caller's NULL or ``&x`` decides; any other argument
#: is taken to allow the sleep (``judged()``), so a pointer the caller computed keeps it
_POINTER_KINDS = ("null", "nonnull")


def judged(fn: FunctionFacts, kind: str, text: str, call: Call | None = None) -> bool | None:
    """``judge()`` of an argument of a call in ``fn``; an undecided pointer test sleeps: one that
    needs a non-NULL pointer always, one that needs NULL unless ``fn`` passes its own parameter on
    (then its callers decide: ``if (!deferred) xe_bo_put(bo);``). A test of a member of the
    argument is judged by what ``call`` (the call in ``fn``) is given (``_member_judged()``)."""
    if kind.startswith("@"):
        return _member_judged(fn, kind, text, call)
    verdict = judge(kind, text)
    if verdict is None and (kind == "nonnull" or (kind in ("null", "amount") or _sentinel(kind))
                            and not any(True for _ in _passed(fn, kind, text))):
        return True  # a callee that sleeps unless given NULL (device_add(): ``if (!dev) goto done;``) sleeps
    return verdict   # for the object its caller was given, in the caller's own locked region too; one that
    # has nothing to do for an amount of 0 (``_nothing_to_do()``) for any amount but a literal 0, nor
    # for a sentinel number (``_sentinel()``) for any value but that one


def command_members(program: Program) -> frozenset[str]:
    """The members (``struct S.member``) a function fixes to a constant in a struct of its own
    stack before it passes the struct's address on (``fixed_members()``): a command or request
    handed to a callee (drivers/net/ethernet/broadcom/bnx2x/bnx2x_main.c bnx2x_cnic_cfc_comp():
    ``struct cnic_ctl_info ctl = {0}; ctl.cmd = CNIC_CTL_COMPLETION_CMD;
    bnx2x_cnic_ctl_send_bh(bp, &ctl);``). A test of such a member in the callee is a mode its
    caller picks; a member of a long-lived object (``mac->stream_state != STREAM_DISABLED``) is the
    state the work is done in."""
    got: set[str] = set()
    for fn in program.functions():
        for c in fn.calls:
            for a in c.args:
                a = a.strip()
                if a.kind == "addr" and a.sub and a.sub[0].kind == "var":
                    var = fn.local(a.sub[0].name)
                    got.update(f"{var.type}.{path}" for path, v in fixed_members(fn, c, a).items()
                               if v and "." not in path and path != "*")
    return frozenset(got)


def _member_judged(fn: FunctionFacts, kind: str, text: str, call: Call | None) -> bool | None:
    """``judged()`` of a test of the member of a pointer argument (kind ``@member eq:X``): by the
    value ``fn`` fixes in that member of the local struct it passes by address (``fixed_members()``:
    drivers/net/ethernet/broadcom/bnx2x/bnx2x_main.c bnx2x_cnic_cfc_comp()'s ``ctl.cmd =
    CNIC_CTL_COMPLETION_CMD`` before ``bnx2x_cnic_ctl_send_bh(bp, &ctl)``, and cnic.c cnic_ctl()
    sleeps for ``case CNIC_CTL_STOP_CMD:`` only). None when ``fn`` passes its own pointer parameter
    on (its callers decide); otherwise the callee is taken to sleep: an object from elsewhere may
    hold any value."""
    member, _, inner = kind[1:].partition(" ")
    t = text.strip()
    if any(p.name == t and p.ptr for p in fn.params):
        return None
    arg = next((a.strip() for a in call.args if a.text.strip() == t), None) if call is not None else None
    values = fixed_members(fn, call, arg) if arg is not None else {}
    value = values.get(member, values.get("*", ""))
    verdict = judge(inner, value) if value and _CONST_TOKEN.fullmatch(value) else None
    return True if verdict is None else verdict


def _sentinel(kind: str) -> bool:
    """Whether ``kind`` sleeps for every value but some negative numbers: ``ne:-1``, from
    drivers/xen/events/events_base.c set_evtchn_to_irq()'s ``if (irq == -1) return 0;``. Such a
    number marks a value with nothing to do, not a mode a caller picks by name (``ne:MODE_A``) or
    by number (``ne:2``): a value the caller computed (``info->irq``) is taken to sleep."""
    head, _, values = kind.partition(":")
    return head == "ne" and all(re.fullmatch(r"-\d+[lL]*", v) for v in values.split("|"))


_OPPOSITE = {"flag+": "flag-", "flag-": "flag+", "nonnull": "null", "null": "nonnull", "eq": "ne", "ne": "eq",
             "bit": "nbit", "nbit": "bit"}


def _add_kind(params: dict, pi: int, kind: str, s: Sleep) -> None:
    """Record that parameter ``pi`` of kind ``kind`` makes the function sleep (witness ``s``): the
    first kind found, but the cases of one switch add up (drivers/hid/usbhid/hid-core.c
    usbhid_raw_request() sleeps for ``case HID_REQ_GET_REPORT:`` and ``case HID_REQ_SET_REPORT:``,
    ``eq:HID_REQ_GET_REPORT|HID_REQ_SET_REPORT``)."""
    old = params.get(pi)
    if old is None:
        params[pi] = (kind, s)
    else:  # (of one member's switch too: ``@cmd eq:A|B``)
        head, sep, values = old[0].rpartition("eq:")
        new_head, new_sep, more = kind.rpartition("eq:")
        if sep and new_sep and head == new_head and (not head or head.startswith("@")):
            params[pi] = (f"{head}eq:" + "|".join(dict.fromkeys(values.split("|") + more.split("|"))), old[1])


def _complement(kind: str) -> str:
    """The parameter test that passes exactly when ``kind`` fails (``eq:X`` / ``ne:X``, ``bit:X`` /
    ``nbit:X``, ``flag+`` / ``flag-``, ``nonnull`` / ``null``); "" for the others (gfp)."""
    head, sep, rest = kind.partition(":")
    return f"{_OPPOSITE[head]}{sep}{rest}" if head in _OPPOSITE else ""


def _gfp_args(target: FunctionFacts | None, c) -> list[int]:
    """The arguments of call ``c`` that are gfp masks: those the callee declares gfp_t, else those
    spelled as one (``GFP_KERNEL``, ``gfp``)."""
    if target is not None and target.params:
        return [i for i, p in enumerate(target.params) if p.type == "gfp_t" and not p.ptr and i < len(c.args)]
    return [i for i, a in enumerate(c.args) if re.search(r"\bGFP_|gfp", a.text)]


def _gfp_arg(fn: FunctionFacts, text: str) -> bool:
    """Whether an argument is a gfp mask: spelled ``GFP_*``, or naming ``fn``'s gfp_t parameter."""
    return _GFP_SPELLED.search(text) is not None or any(
        p.name and p.type == "gfp_t" and not p.ptr and re.search(rf"\b{re.escape(p.name)}\b", text) for p in fn.params)


def _gfp_contract(fn: FunctionFacts, c: Call) -> tuple[Sleep | None, dict]:
    """A call of a function whose body is in neither the program nor the kernel model, or through
    a function pointer whose stored functions say nothing, that passes a gfp mask (spelled
    ``GFP_*``, or ``fn``'s own gfp_t parameter): the mask is the caller's word that the callee may
    sleep (Documentation/core-api/memory-allocation.rst: GFP_KERNEL "implies GFP_RECLAIM, which
    means that direct reclaim may be triggered"; GFP_ATOMIC is for "atomic context"). A mask that
    allows direct reclaim sleeps, the caller's own gfp_t parameter makes it sleep when that allows
    it: drivers/usb/gadget/udc/core.c usb_ep_alloc_request() hands its gfp_flags to
    ``ep->ops->alloc_request(ep, gfp_flags)``, each UDC's kzalloc() (``_masks_honoured``). A function
    the model knows, with its gfp_t parameters (``External.gfp``), is judged by what it does."""
    params: dict = {}
    name = c.callee or (c.callee_expr.text if c.callee_expr is not None else "")
    for a in c.args:
        text = a.text
        if not _gfp_arg(fn, text):
            continue
        verdict = gfp_may_sleep(text)
        if verdict is False:
            continue
        sleep = Sleep(f"{name}() with {text}", (Step(c.loc, f"{text} lets {name}() sleep (a gfp mask that allows "
                                                            "direct reclaim)", "danger"),), "call")
        if verdict:
            return sleep, params
        for pi, k in _passed(fn, "gfp", text):
            params.setdefault(pi, (k, sleep))
    return None, params


_GFP_SPELLED = re.compile(r"\b_*GFP_[A-Z]")


def _passed(fn: FunctionFacts, kind: str, text: str):
    """Parameters of ``fn`` that ``text`` passes on to a parameter of ``kind``: (index, kind)."""
    if kind == "gfp":
        for pi, p in enumerate(fn.params):
            if p.name and p.type == "gfp_t" and not p.ptr and re.search(rf"\b{re.escape(p.name)}\b", text):
                if gfp_may_sleep(re.sub(rf"\b{re.escape(p.name)}\b", "GFP_KERNEL", text)):
                    yield pi, "gfp"
        return
    t = text.strip()
    if kind.startswith("@"):  # (_member_judged(): the object is the caller's own parameter)
        for pi, p in enumerate(fn.params):
            if p.name == t and p.ptr:
                yield pi, kind
        return
    flip = t.startswith("!")
    t = t.lstrip("!").strip()
    if flip and kind not in ("flag+", "flag-"):
        return
    pointer = kind in _POINTER_KINDS
    for pi, p in enumerate(fn.params):
        if p.name == t and bool(p.ptr) == pointer:
            yield pi, ({"flag+": "flag-", "flag-": "flag+"}[kind] if flip else kind)


_GUARD = re.compile(r"(!\s*)?(\w+)(\s*(==|!=)\s*0)?")


def guarding_params(fn: FunctionFacts, node: int, aliases: bool = False, commands: frozenset[str] = frozenset()):
    """Scalar parameters whose test decides whether CFG ``node`` runs: ``if (p)``, ``if (!p)``,
    ``if (p == 0)`` on every path to it. Yields (parameter index, kind) as for ``judge``.
    ``aliases``: a local a pointer parameter is copied into once counts as that parameter (for
    ``callers_rule_out()``; summaries do not use it). ``commands``: members a caller fills in the
    object it passes (``command_members()``), whose tests on a pointer parameter of that struct
    type count too (kind ``@member eq:X``): ``switch (info->cmd)``."""
    if not fn.conds:
        return
    index = {p.name: i for i, p in enumerate(fn.params) if p.name and not p.ptr and _SCALAR.match(p.type)}
    pointers = {p.name: i for i, p in enumerate(fn.params) if p.name and p.ptr == 1 and not p.dims}
    if pointers and aliases:  # a local given a pointer parameter once (``struct usnic_transport_spec *trans_spec = data;``)
        sets: dict[str, list] = {}
        for a in fn.assigns:
            if a.lhs.kind == "var":
                sets.setdefault(a.lhs.name, []).append(a.rhs.strip())
        for name, rhs in sets.items():
            if len(rhs) == 1 and rhs[0].kind == "var" and rhs[0].name in pointers and name not in pointers \
                    and fn.local(name) is not None and fn.local(name).ptr:
                pointers[name] = pointers[rhs[0].name]
    if not index and not pointers:
        return
    cases = {n: t for n, t in fn.conds if t == "default" or t.startswith("case ")}
    for cnode, text in fn.conds:
        if cnode in cases:
            continue
        t = _unwrap_cond(text)
        member = _MEMBER_OF.match(t) if commands else None  # ``switch (info->cmd)``, ``info->cmd == X``
        if member is not None and (member.group(1) not in pointers or not member.group(2).isidentifier() or
                                   f"{fn.params[pointers[member.group(1)]].type}.{member.group(2)}" not in commands):
            member = None
        if cases and any(d in cases for d, _ in fn.cfg.succ[cnode]):
            if member is not None and member.end() == len(t):
                got = _switch_test(fn.cfg, node, cnode, cases, pointers[member.group(1)])
                got = (got[0], f"@{member.group(2)} {got[1]}") if got is not None else None
            else:
                got = _switch_test(fn.cfg, node, cnode, cases, index.get(t))
            if got is not None:
                yield got
            continue
        tests = []
        got = _guard_test(t, index) or _null_test(t, pointers)
        if got is None and member is not None:  # ``if (info->cmd == CNIC_CTL_STOP_CMD)``: the value
            name, field = member.group(1), member.group(2)  # the caller put there (_member_judged())
            got = _guard_test(re.sub(rf"\b{name}\s*->\s*{field}\b", name, t), {name: pointers[name]})
            got = (got[0], f"@{field} {got[1]}", f"@{field} {got[2]}") \
                if got is not None and got[1].startswith(("eq:", "ne:")) else None
        if got is not None:
            tests.append((got[0], TRUE, got[1]))
            tests.append((got[0], FALSE, got[2]))
        elif "&&" in t and "||" not in t:  # ``if (wait_for_host_mode && !skip_wait)``: the true branch
            for part in t.split("&&"):
                got = _guard_test(_unwrap_cond(part), index) or _null_test(_unwrap_cond(part), pointers)
                if got is not None:
                    tests.append((got[0], TRUE, got[1]))
        elif "||" in t and "&&" not in t:  # ``if (!enable || !group->mstpsr) return 0;``: the false
            for part in t.split("||"):  # branch (drivers/clk/renesas/clk-mstp.c cpg_mstp_clock_endisable())
                got = _guard_test(_unwrap_cond(part), index) or _null_test(_unwrap_cond(part), pointers)
                if got is not None and got[2] in ("flag+", "flag-", "null", "nonnull"):
                    tests.append((got[0], FALSE, got[2]))  # (not a value check: net/core/lwtunnel.c
                    # ``if (encap_type == LWTUNNEL_ENCAP_NONE || encap_type > LWTUNNEL_ENCAP_MAX)
                    # return ret;`` rejects bad arguments, it picks no mode)
        for pi, label, kind in tests:
            if _reachable_without(fn.cfg, node, cnode, label):
                continue
            if control_kind(fn.params[pi]) is None:
                if _rejects(fn, cnode, label):
                    continue
                if _nothing_to_do(fn, cnode, label, pi, kind):
                    kind = "amount"
            yield pi, kind
            break


def _rejects(fn: FunctionFacts, cnode: int, label: int) -> bool:
    """Whether the branch of test ``cnode`` other than ``label`` only rejects the call: every path
    from it returns an error (``if (irq == IRQ_NOTCONNECTED) return -ENOTCONN;`` in
    kernel/irq/manage.c request_threaded_irq()). Such a test checks an argument, it does not let
    the caller choose a mode: what follows it is the function's own sleep. (A parameter named as
    the mode, ``if (!can_sleep) return -EWOULDBLOCK;``, still lets its caller choose.)"""
    others = [dst for dst, lb in fn.cfg.succ[cnode] if lb != label]
    errors = error_exits(fn) if others and fn.returns else frozenset()
    return bool(errors) and not any(_reach(fn.cfg, EXIT, lambda n, dst, _: n in errors, start=o) for o in others)


#: a device's capability or quirk bits: ``if (!(p->capabilities & UART_CAP_RPM)) return;``
_CAPABILITY = re.compile(r"(?:->|\.)\s*(?:\w*_)?(?:caps?|capabilit(?:y|ies)|quirks?|features?)\s*&\s*\(?\s*[A-Z]")


def variant_gated(fn: FunctionFacts, node: int) -> bool:
    """Whether CFG ``node`` runs only past a test of the object's capability or quirk bits whose
    other branch does nothing (drivers/tty/serial/8250/8250_port.c serial8250_rpm_get(): ``if
    (!(p->capabilities & UART_CAP_RPM)) return; pm_runtime_get_sync(...)``): a device variant, as a
    comparison with a named constant is (``_MODE_EQ``): only OMAP ports set UART_CAP_RPM, so the
    8250 core's calls under the port lock sleep for none of the others. Only a test of such bits
    alone: drivers/net/ethernet/cadence/macb_main.c macb_pad_and_fcs()'s ``if (!(ndev->features &
    NETIF_F_HW_CSUM) || !(skb->ip_summed == CHECKSUM_PARTIAL) || skb_shinfo(skb)->gso_size ||
    ...) return 0;`` also asks about the packet: there is nothing to do for some packets of every
    device."""
    for cnode, text in fn.conds:
        if not all(_CAPABILITY.search(term) for term in re.split(r"&&|\|\|", _unwrap_cond(text))):
            continue
        for label in (TRUE, FALSE):
            if not _reachable_without(fn.cfg, node, cnode, label) and _trivial_exit(fn, cnode, label):
                return True
    return False


#: a parameter that says how much work there is: ``nr_pages``, ``count``, ``len``, ``nents``
_AMOUNT = re.compile(r"n|nr_?\w*|num_?\w*|\w*(count|cnt|len|length|size|nents|pages|bytes)")
_NOTHING = frozenset(("0", "NULL", "false"))


def _nothing_to_do(fn: FunctionFacts, cnode: int, label: int, pi: int, kind: str) -> bool:
    """Whether the test at ``cnode`` of an amount parameter only returns early when there is
    nothing to do: ``if (!nr_pages) return 0;`` (mm/gup.c __get_user_pages_locked()) calls nothing
    and returns 0, NULL or nothing. What follows is the function's own work for any amount a
    caller has, not a mode it picks: the test is an ``amount`` (``judged()``: only a literal 0
    skips it)."""
    if kind != "flag+" or not _AMOUNT.fullmatch(fn.params[pi].name.lower()):
        return False
    return _trivial_exit(fn, cnode, label)


def _trivial_exit(fn: FunctionFacts, cnode: int, label: int) -> bool:
    """Whether the branch of test ``cnode`` other than ``label`` calls nothing and only returns 0,
    NULL, false or nothing."""
    others = [dst for dst, lb in fn.cfg.succ[cnode] if lb != label]
    rets = {r.node: r for r in fn.returns}
    seen: set[int] = set()
    for o in others:
        seen |= _forward(fn.cfg, o, frozenset(rets))
    if not others or not seen & rets.keys():
        return False
    for n in seen:
        if n == EXIT or any(k == "call" for k, _ in fn.cfg.events[n]):
            return False
        if n in rets and rets[n].value is not None and rets[n].value.text.strip() not in _NOTHING:
            return False
    return True


_NULL_TEST = re.compile(r"(!\s*)?(\w+)(\s*(==|!=)\s*(?:NULL|0))?")


def _null_test(t: str, pointers: dict) -> tuple[int, str, str] | None:
    """(parameter index, kind if the node needs the TRUE branch, kind for FALSE) for a null test
    of a pointer parameter: ``if (deferred)``, ``if (!p)``, ``if (p == NULL)``."""
    m = _NULL_TEST.fullmatch(t)
    if m is None or m.group(2) not in pointers or (m.group(1) and m.group(3)):
        return None
    nonnull = not m.group(1) and m.group(4) != "=="
    return pointers[m.group(2)], ("nonnull" if nonnull else "null"), ("null" if nonnull else "nonnull")


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


def _forward(cfg: Cfg, start: int, stop: frozenset | set = frozenset()) -> set[int]:
    """The nodes reachable from ``start``, itself included, going on from no node of ``stop``."""
    seen, stack = {start}, [start]
    while stack:
        n = stack.pop()
        if n in stop:
            continue
        for dst, _ in cfg.succ[n]:
            if dst not in seen:
                seen.add(dst)
                stack.append(dst)
    return seen


@functools.lru_cache(maxsize=65536)
def _unwrap_cond(text: str) -> str:
    t = text.strip()
    while t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    return re.sub(r"^(un)?likely\((.*)\)$", r"\2", t).strip()


_EQ_CHAIN = re.compile(r"(\w+)\s*==\s*([A-Z]\w*|-?\s*\d+)(\s*\|\|\s*\1\s*==\s*([A-Z]\w*|-?\s*\d+))*")
#: ``p != MODE_A && p != MODE_B``: named constants only; ``if (len != 1) return -EPROTO;`` checks a
#: count, it does not select a mode (intel_guc_context_reset_process_msg())
_NE_CHAIN = re.compile(r"(\w+)\s*!=\s*([A-Z]\w*)(\s*&&\s*\1\s*!=\s*([A-Z]\w*))*")
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
        # (a sentinel is a value too: drivers/xen/events/events_base.c set_evtchn_to_irq()'s ``if
        # (irq == -1) return 0;`` allocates a row for any other irq)
        values = "|".join(re.sub(r"\s+", "", v) for v in re.findall(r"==\s*(-?\s*\w+)", t))
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


#: a run-time mode or variant test: a member's bits (``miter->__flags & SG_MITER_ATOMIC``), a member
#: compared with a named constant (``pc->dev->id.coreid == SSB_DEV_PCIE``), or a predicate call
#: (``amdgpu_sriov_runtime(adev)``, ``is_vmalloc_addr(p)``, ``in_interrupt()``); not an error test
_MODE_BITS = re.compile(r"(->|\.)\s*\w+\)?\s*&\s*[(~]*\s*[A-Z_(]|\b[A-Z][A-Z0-9_]*\s*&\s*\(?\s*\w+\s*(->|\.)")
_MODE_EQ = re.compile(r"(->|\.)\s*\w+\)?\s*[!=]=\s*(?!NULL\b)[A-Z][A-Z0-9_]+\b|\b[A-Z][A-Z0-9_]+\s*[!=]=\s*\w+\s*(->|\.)")
#: (a read of a value through an accessor is the value: ``if (rcu_access_pointer(nh->head))`` in
#: kernel/notifier.c blocking_notifier_call_chain() is a test of a list head, as ``if (nh->head)``;
#: an atomic counter's result is an outcome, as a failed trylock is: fs/proc/inode.c
#: proc_entry_rundown() waits ``if (atomic_add_return(BIAS, &de->in_use) != BIAS)``)
_PREDICATE = re.compile(r"\b(?!(?:IS_ERR|IS_ERR_OR_NULL|PTR_ERR|sizeof|likely|unlikely|WARN_ON\w*|BUG_ON|READ_ONCE"
                        r"|rcu_access_pointer|rcu_dereference\w*|smp_load_acquire|data_race|atomic(?:64|_long)?_\w+"
                        r"|list_empty\w*|hlist_empty|skb_queue_empty\w*)\b)"
                        r"(?!\w*trylock\b|try_)([a-z_]\w*)\s*\((\s*\))?")
#: the predicates of the execution context (include/linux/preempt.h in_interrupt(), in_atomic(),
#: in_task(), preemptible(); include/linux/irqflags.h irqs_disabled()): an atomic caller takes their
#: atomic branch. Any other predicate without arguments tests the system, not an object or the
#: caller: drivers/i2c/i2c-core.h i2c_in_atomic_xfer_mode() is true only past SYSTEM_RUNNING, so
#: i2c_transfer()'s i2c_lock_bus() is what every running caller gets
_CONTEXT_TEST = re.compile(r"in_\w+|irqs_disabled|preemptible")


#: a boolean member whose name says it selects blocking or not: drivers/mailbox/mailbox.c
#: mbox_send_message() waits only ``if (chan->cl->tx_block)`` ("could be called from atomic
#: context" otherwise); drivers/base/regmap/regmap.c allocates for an async write only ``if
#: (map->async && ...)``, set around regmap_raw_write_async()'s own call; drivers/infiniband/hw/irdma
#: irdma_handle_cqp_op() waits ``if (cqp_request->waiting)``, which the request's allocator set from
#: its caller's ``wait`` argument
_MODE_MEMBER = re.compile(r"\w*(async|atomic|nowait|no_wait|nonblock\w*|non_block\w*|blocking|tx_block|can_?sleep"
                          r"|may_?sleep|sleep_ok|dont_sleep|no_sleep|waiting)\w*")
_MEMBER_OPERAND = re.compile(r"!?\s*\(?\s*[A-Za-z_]\w*(?:\[[^\]]*\])?(?:\s*(?:->|\.)\s*\w+(?:\[[^\]]*\])?)*"
                             r"\s*(?:->|\.)\s*(\w+)\s*\)?")


def _mode_member(t: str) -> bool:
    """Whether a term of the condition tests the truth of a blocking-mode member (``_MODE_MEMBER``)."""
    if "||" in t and "&&" in t:
        return False
    for part in re.split(r"&&|\|\|", t):
        m = _MEMBER_OPERAND.fullmatch(part.strip())
        if m is not None and _MODE_MEMBER.fullmatch(m.group(1)):
            return True
    return False


def state_test(text: str) -> bool:
    """Whether an if-condition tests a run-time mode of an object or of the system, which no
    caller decides (``_MODE_BITS``, ``_MODE_EQ``, ``_PREDICATE``). A resource check (``total_bytes >
    ring->space``: a full ring), a null test (``if (!priv->buf)``: a lazy allocation) or an error
    test is not one: those paths run in every configuration; nor is a failed trylock
    (``if (!mutex_trylock(&prepare_lock)) mutex_lock(&prepare_lock);``, clk_prepare_lock()):
    contention, not a mode."""
    t = _unwrap_cond(text)
    if t == "default" or t.startswith("case "):
        return False
    if _outcome(t):
        return False
    return _MODE_BITS.search(t) is not None or _MODE_EQ.search(t) is not None or _mode_member(t) \
        or _UNSUPPORTED.search(t) is not None or _predicate_call(t)


def _predicate_call(t: str) -> bool:
    """Whether a condition calls a predicate of an object or of the execution context (``_PREDICATE``)."""
    return any(m.group(2) is None or _CONTEXT_TEST.fullmatch(m.group(1)) for m in _PREDICATE.finditer(t))


#: ``ret == -ENOTSUPP``: what the bus or device can do, a mode as a capability flag is, not an error
#: every configuration meets: regmap's _regmap_raw_write_impl() linearises into a kzalloc(GFP_KERNEL)
#: buffer only for buses without gather_write (drivers/base/regmap/regmap.c:1817; an SPMI or MMIO
#: regmap never gets there)
_UNSUPPORTED = re.compile(r"==\s*-E(?:OP)?NOTSUPP\b")


def _outcome(t: str) -> bool:
    """Whether a condition is one call (negated or not) of an ``_OUTCOME`` function."""
    while t.startswith("!"):
        t = _unwrap_cond(t[1:])
    m = _OUTCOME.match(t)
    if m is None:
        return False
    depth = 0
    for i, ch in enumerate(t[m.end() - 1:], m.end() - 1):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0:  # the call, alone or compared with a value (``atomic_add_return(...) != BIAS``)
            return i == len(t) - 1 or re.fullmatch(r"\s*(?:[!=]=|[<>]=?)\s*-?\w+", t[i + 1:]) is not None
    return False


#: calls whose result is the outcome of an action any call may meet, as a failed trylock is: work or
#: a timer already pending (``if (queue_delayed_work(wq, &w, d)) ... else kref_put(..., release)``,
#: drivers/scsi/device_handler/scsi_dh_alua.c alua_rtpg_queue()), a reference dropped to zero
#: (include/linux/refcount.h refcount_dec_and_test(), kref_put()), a counter's new value
#: (fs/proc/inode.c proc_entry_rundown(): ``if (atomic_add_return(BIAS, &de->in_use) != BIAS)``
#: waits for the entry's users); not a mode of the object
_OUTCOME = re.compile(r"\b(?:queue_\w*work\w*|schedule_\w*work\w*|mod_\w*timer\w*|\w+_dec_and_\w+|kref_put\w*"
                      r"|atomic(?:64|_long)?_\w+)\s*\(")


#: a kernel-doc ``Context:`` that allows atomic callers (``Any context.``, ``any (IRQs may be blocked,
#: etc)``, ``Atomic``, ``Interrupt``, ``softirq``) and says nothing of sleeping
_ATOMIC_DOC = re.compile(r"(any\b|atomic|hard ?irq|soft ?irq|irq\b|interrupt)")


def documented_atomic(fn: FunctionFacts) -> bool:
    """Whether the function's kernel-doc says it may be called in atomic context: its authors'
    word outweighs a path-insensitive chain below it (spi_async(): ``Context: any (IRQs may be
    blocked, etc)``; its optimisation path allocates only for messages it must split)."""
    doc = fn.context
    return bool(doc) and _ATOMIC_DOC.match(doc) is not None and "sleep" not in doc and "process" not in doc


#: a call of an execution-context predicate (``_CONTEXT_TEST``)
_CONTEXT_CALL = re.compile(r"\b(?:in_\w+|irqs_disabled|preemptible)\s*\(\s*\)")


#: execution-context predicates by the outcome that means atomic context (include/linux/preempt.h,
#: irqflags.h): true for these ...
_ATOMIC_WHEN_TRUE = frozenset(("in_interrupt", "in_irq", "in_hardirq", "in_softirq", "in_serving_softirq",
                               "in_atomic", "in_nmi", "irqs_disabled"))
#: ... false for these
_ATOMIC_WHEN_FALSE = frozenset(("preemptible", "in_task"))


def _every_site_fails(guards: list, sites) -> bool:
    """Whether there are guards and call sites, and every site ``(caller, call)`` passes an argument
    that fails one of the ``(parameter index, kind)`` guards (``callers_rule_out``,
    ``member_sites_rule_out``)."""
    sites = list(sites)
    return bool(guards) and bool(sites) and all(
        any(pi < len(c.args) and judged(caller, kind, c.args[pi].text, c) is False for pi, kind in guards)
        for caller, c in sites)


def past_context_test(fn: FunctionFacts, node: int) -> bool:
    """Whether CFG ``node`` runs only on the outcome of an execution-context test that says the
    context is not atomic, past an early exit of the atomic one: drivers/crypto/ccp/sev-dev.c
    sev_wait_cmd_ioc() ``if (irqs_disabled()) { ... udelay(10) ...; return -ETIMEDOUT; }`` then
    ``wait_event_timeout()``: a caller with interrupts off (the panic notifier) polls. The same
    as a sleep in the other branch of such a test (``state_branch``); ``!a``, and ``a || b`` of
    tests of one sense, count."""
    for cnode, text in fn.conds:
        if not _CONTEXT_CALL.search(text):  # (most conditions: no predicate of the context)
            continue
        t = _unwrap_cond(text)
        negated = t.startswith("!") and "|" not in t and "&" not in t
        senses = set()
        for term in (t[1:] if negated else t).split("||"):
            m = re.fullmatch(r"(\w+)\s*\(\s*\)", _unwrap_cond(term))
            name = m.group(1) if m else ""
            senses.add(True if name in _ATOMIC_WHEN_TRUE else False if name in _ATOMIC_WHEN_FALSE else None)
        if len(senses) != 1 or None in senses:
            continue
        atomic = TRUE if senses.pop() != negated else FALSE
        if not _reachable_without(fn.cfg, node, cnode, FALSE if atomic == TRUE else TRUE):
            return True
    return False


def context_alias(fn: FunctionFacts, text: str) -> bool:
    """Whether ``text`` (a condition or one of its ``&&`` terms) is a local variable that only ever
    holds a test of the execution context: drivers/gpu/drm/i915/gt/uc/intel_guc.h
    intel_guc_send_busy_loop() ``bool not_atomic = !in_atomic() && !irqs_disabled();`` then
    ``might_sleep_if(loop && not_atomic)`` and ``if (likely(not_atomic)) msleep_interruptible(...)
    else cpu_relax();``: an atomic caller takes the other branch, as with the predicate itself."""
    t = _unwrap_cond(text)
    while t.startswith("!"):
        t = _unwrap_cond(t[1:])
    if not re.fullmatch(r"[A-Za-z_]\w*", t) or any(p.name == t for p in fn.params):
        return False
    sets = [a.rhs.text for a in fn.assigns if a.lhs.kind == "var" and a.lhs.name == t]
    return bool(sets) and all(_CONTEXT_CALL.search(x) for x in sets)


def state_branch(fn: FunctionFacts, node: int, sleeping: tuple = ()) -> str | None:
    """The condition of an if-statement with CFG ``node`` in one of its branches that tests
    run-time state (``state_test``): ``sg_miter_stop()`` kunmap()s (which may sleep) only a page
    that ``sg_miter_next()`` kmap()ed without SG_MITER_ATOMIC, ``if (miter->__flags &
    SG_MITER_ATOMIC) kunmap_atomic(...); else kunmap(...);``. A sleep there is not one every
    caller risks: such a function is not taken to sleep (a sleep after an early return on state,
    ``if (!phy_is_started(phydev)) return; mutex_lock(...)``, still counts, and so does one under a
    plain test of state with no else branch, ``_plain_state``)."""
    if not fn.cfg.arms:
        return None
    for cnode, text in fn.conds:
        if inside(fn.cfg, cnode, node) and (state_test(text) or context_alias(fn, text)):
            arm = TRUE if not _reachable_without(fn.cfg, node, cnode, TRUE) else FALSE
            other = FALSE if arm == TRUE else TRUE
            if any(n != node and inside(fn.cfg, cnode, n) and not _reachable_without(fn.cfg, n, cnode, other)
                   for n in sleeping):
                continue  # both branches sleep (forcedeth nv_disable_irq(): disable_irq() either way)
            if _plain_state(fn, text) and all(_reachable_without(fn.cfg, n, cnode, other)
                                              for n in range(cnode + 1, _arm_end(fn.cfg, cnode))):
                continue  # a state with nothing done otherwise: net/core/dev.c dev_close()
            return text
    return None


def _arm_end(cfg: Cfg, cnode: int) -> int:
    return max((end for c, end in cfg.arms if c == cnode), default=cnode + 1)


def _plain_state(fn: FunctionFacts, text: str) -> bool:
    """Whether an if-condition is only a test of an object's state bits (``_MODE_BITS``): no
    predicate call, no execution-context test, nothing that names a blocking mode (``_ASYNC``,
    ``_MODE_MEMBER``) or a capability (``_UNSUPPORTED``), and no comparison with a named constant
    (``_MODE_EQ``: a variant of the device, drivers/ssb/driver_pcicore.c ``if
    (pc->dev->id.coreid == SSB_DEV_PCIE)``, whose other variants never get there). With no else branch,
    such a test says in which state the function does its work, not that it has a way of doing it
    that does not sleep: net/core/dev.c dev_close() closes (and sleeps) ``if (dev->flags &
    IFF_UP)``; sg_miter_stop()'s ``if (miter->__flags & SG_MITER_ATOMIC) kunmap_atomic(); else
    kunmap();`` chooses between two ways and stays a mode. A member named as the object's state
    compared with one of its values is such a test too (``_STATE_EQ``: sound/usb/hiface/pcm.c
    hiface_pcm_stream_stop() kills its URBs ``if (rt->stream_state != STREAM_DISABLED)``), unlike
    the device's identity (``coreid``, ``type``, ``id``)."""
    t = _unwrap_cond(text)
    if context_alias(fn, text) or _mode_member(t) or _UNSUPPORTED.search(t) or _ASYNC.search(t):
        return False
    if _predicate_call(t):
        return False
    if _STATE_EQ.fullmatch(t.lstrip("!( ").rstrip(") ")) is not None:
        return True
    return _MODE_BITS.search(t) is not None and _MODE_EQ.search(t) is None


#: a member holding an object's run-time state compared with one of its named values
_STATE_EQ = re.compile(r"[A-Za-z_][\w\[\]]*(?:\s*(?:->|\.)\s*\w+)*\s*(?:->|\.)\s*\w*(?:state|status)\w*"
                       r"\s*[!=]=\s*[A-Z][A-Z0-9_]+")


#: functions that never return: include/linux/panic.h ``void panic(const char *fmt, ...) __noreturn
#: __cold``, include/linux/sched/task.h ``extern void __noreturn do_exit(long code)`` and
#: make_task_dead(), include/linux/kthread.h ``void __noreturn kthread_exit(long result)``,
#: include/asm-generic/bug.h BUG() (``unreachable()``): what comes after them on a path never runs
#: (drivers/scsi/aic7xxx/aic79xx_core.c ahd_handle_hwerrint(): ``panic("BRKADRINT");`` then ahd_free())
_NORETURN = frozenset(("panic", "do_exit", "make_task_dead", "kthread_exit", "BUG", "kthread_complete_and_exit"))


#: assertion macros (include/asm-generic/bug.h, drivers/gpu/drm/i915/i915_gem.h GEM_BUG_ON,
#: include/drm/drm_print.h drm_WARN_ON): the code states that their condition never holds
_ASSERTIONS = frozenset(("BUG_ON", "WARN_ON", "WARN_ON_ONCE", "WARN", "WARN_ONCE", "GEM_BUG_ON", "GEM_WARN_ON",
                         "drm_WARN_ON", "drm_WARN_ON_ONCE", "drm_WARN", "drm_WARN_ONCE"))
_ASSERT_COND = re.compile(r"(WARN_ON|WARN_ON_ONCE|WARN|WARN_ONCE|GEM_WARN_ON|drm_WARN_ON|drm_WARN_ON_ONCE|drm_WARN|drm_WARN_ONCE)\s*\(")


def _written(fn: FunctionFacts, names: frozenset[str]) -> list[Call]:
    """The calls of ``names`` written in ``fn``, not those a macro's expansion brings in at the
    place of its use (frontend.macros; the use comes first among the calls at its location)."""
    seen: set = set()
    out = []
    for c in fn.calls:
        at = (c.loc.line, c.loc.col)
        if c.callee in names and at not in seen:
            out.append(c)
        seen.add(at)
    return out


def _live(fn: FunctionFacts) -> set[int] | None:
    """The CFG nodes reached from ENTRY without passing a call written in ``fn`` that never returns
    (``_NORETURN``; not the BUG() a BUG_ON(c) use expands to, which stands at the use's node but
    runs only when ``c`` holds); None when ``fn`` has no such call."""
    ends = {c.node for c in _written(fn, _NORETURN)}
    return _forward(fn.cfg, ENTRY, ends) if ends else None


def written_assertions(fn: FunctionFacts) -> list[Call]:
    """The BUG/WARN assertions written in ``fn``, not those a macro's expansion brings in at the
    place of its use (frontend.macros): set_current_state()'s debug variant expands to
    ``WARN_ON_ONCE(is_special_task_state(state))`` (include/linux/sched.h:159), which asserts
    nothing about the branch it stands in, and must not make the ``schedule_timeout()`` after it
    cold (drivers/block/swim.c swim_step())."""
    return _written(fn, _ASSERTIONS)


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
        for a in asserts:  # a BUG assertion inside the same branch, on every path to node (a
            # WARN goes on: drivers' and fs/sysfs/group.c create_files()'s ``WARN(mode & ~...)``
            # before sysfs_add_file_mode_ns() asserts nothing about the branch it stands in)
            if a.node != node and a.callee.endswith("BUG_ON") and not _reachable_without(cfg, a.node, cnode, TRUE) \
                    and not _reachable_avoiding_node(cfg, node, a.node):
                return True
    return False


#: a member of a pointer in a condition: ``params->async``, ``nctrl->ncmd.s.cmd``
_MEMBER_OF = re.compile(r"\b([A-Za-z_]\w*)\s*->\s*(\w+(?:\s*(?:\.|->)\s*\w+)*)")
_CONST_VALUE = re.compile(r"[\w\s|()]+")


def fixed_members(fn: FunctionFacts, c: Call, arg: Expr) -> dict[str, str]:
    """The members of a local struct that call ``c`` in ``fn`` receives as ``&x`` (``arg``) whose
    value ``fn`` fixes to a constant before the call: member path (``ncmd.s.cmd``) -> value text,
    and ``"*"`` -> ``"0"`` after ``memset(&x, 0, ...)``. A member assigned two values, or assigned
    before another call that is given ``&x`` (and may rewrite it), is not fixed."""
    if arg.kind != "addr" or not arg.sub or arg.sub[0].kind != "var":
        return {}
    x = arg.sub[0].name
    var = next((v for v in fn.locals if v.name == x), None)
    if var is None or var.ptr or var.dims or not var.type.startswith(("struct ", "union ")):
        return {}
    here = (c.loc.line, c.loc.col)
    since = (0, 0)  # the last other call given &x before this one
    zeroed = None
    for o in fn.calls:
        pos = (o.loc.line, o.loc.col)
        if o is c or pos >= here or not any(a.kind == "addr" and a.sub and a.sub[0].kind == "var"
                                            and a.sub[0].name == x for a in o.args):
            continue
        if o.callee == "memset" and len(o.args) > 1 and o.args[1].text.strip() == "0":
            zeroed = max(zeroed or (0, 0), pos)
        else:
            since = max(since, pos)
    out: dict[str, str] = {"*": "0"} if zeroed is not None and zeroed > since else {}
    seen: dict[str, set] = {}
    for a in fn.assigns:
        pos = (a.loc.line, a.loc.col)
        if a.lhs.kind != "field" or a.lhs.root_var() != x or not (since < pos < here) or a.op != "=":
            continue
        path = re.sub(r"\s+", "", a.lhs.text)[len(x):].lstrip(".").replace("->", ".")
        seen.setdefault(path, set()).add(a.rhs.text.strip())
    for path, values in seen.items():
        v = next(iter(values))
        if len(values) == 1 and _CONST_VALUE.fullmatch(v) and all(
                _CONST_TOKEN.fullmatch(t) or t in _TRUE or t in _FALSE for t in re.findall(r"\w+", v)):
            out[path] = v
        else:
            out[path] = ""  # not one constant: unknown, also against the memset default
    return out


def _decide(text: str, pname: str, values: dict[str, str]) -> bool | None:
    """The value of an if-condition of the callee that tests members of its pointer parameter
    ``pname`` (``params->async``, ``nctrl->ncmd.s.cmdgroup == 0``), given the members' values;
    None when it does not decide (another operand, an unknown member, a mixed ``&&``/``||``)."""
    t = _unwrap_cond(text)
    if "&&" in t and "||" in t:
        return None
    op = "||" if "||" in t else "&&"
    verdicts = []
    for part in (t.split(op) if op in t else [t]):
        part = _unwrap_cond(part)
        got: list[str] = []

        def sub(m: re.Match) -> str:
            if m.group(1) != pname:
                return m.group(0)
            path = re.sub(r"\s+", "", m.group(2)).replace("->", ".")
            got.append(values.get(path, values.get("*", "")))
            return "__member"
        test = _guard_test(_MEMBER_OF.sub(sub, part), {"__member": 0})
        verdicts.append(judge(test[1], got[0]) if test is not None and len(got) == 1 and got[0] else None)
    if op == "&&":
        return False if False in verdicts else True if all(v is True for v in verdicts) else None
    return True if True in verdicts else False if all(v is False for v in verdicts) else None


def _avoided(fn: FunctionFacts, c: Call, target: FunctionFacts, nodes: tuple) -> bool:
    """Whether none of ``nodes`` of ``target`` (the calls by which it sleeps) runs for call ``c``:
    the caller fixed members of a struct it passes by address, and the tests of those members
    in ``target`` close every path to them (idpf_set_promiscuous() sets ``xn_params.async =
    true`` and idpf_vc_xn_exec() returns on ``params->async`` before it waits)."""
    if not nodes or not target.conds:
        return False
    fixed = {}
    for i, a in enumerate(c.args[:len(target.params)]):
        p = target.params[i]
        if p.ptr and p.name:
            values = fixed_members(fn, c, a.strip())
            if values:
                fixed[p.name] = values
    if not fixed:
        return False
    cfg = target.cfg
    cases = {n: t for n, t in target.conds if t == "default" or t.startswith("case ")}
    closed: dict[int, object] = {}  # cond node -> the edge label it never takes, or the set of dsts
    for cnode, text in target.conds:
        if cnode in cases:
            continue
        edges = cfg.succ[cnode]
        if cases and any(d in cases for d, _ in edges):  # switch (nctrl->ncmd.s.cmd)
            m = _MEMBER_OF.fullmatch(_unwrap_cond(text))
            values = fixed.get(m.group(1)) if m is not None else None
            if values is None:
                continue
            v = values.get(re.sub(r"\s+", "", m.group(2)).replace("->", "."), values.get("*", ""))
            labels = {d: cases[d].removeprefix("case ").strip() for d, _ in edges if d in cases and cases[d] != "default"}
            if not v or not _CONST_TOKEN.fullmatch(v) or not all(_CONST_TOKEN.fullmatch(x) for x in labels.values()):
                continue
            hit = {d for d, x in labels.items() if x == v}
            closed[cnode] = {d for d, _ in edges if (d in labels and d not in hit) or (d not in labels and hit)}
            continue
        for pname, values in fixed.items():
            verdict = _decide(text, pname, values)
            if verdict is not None:
                closed[cnode] = FALSE if verdict else TRUE
                break
    if not closed:
        return False

    def blocked(n: int, dst: int, label: int) -> bool:
        shut = closed.get(n)
        return shut is not None and (dst in shut if isinstance(shut, set) else label == shut)
    return not any(_reach(cfg, node, blocked) for node in nodes)


def _reachable_avoiding_node(cfg: Cfg, target: int, avoid: int) -> bool:
    """Whether ``target`` is reachable from ENTRY without passing through ``avoid``."""
    return _reach(cfg, target, lambda _, dst, __: dst == avoid)


def _on_cycle(cfg: Cfg, node: int) -> bool:
    """Whether ``node`` lies in a loop: an acquire in a loop over objects may hold at exit only on
    the zero-iteration path, as the matching release loop drops it only there."""
    return any(d == node or _reach(cfg, node, lambda *_: False, d) for d, _ in cfg.succ[node])


class Analyzer:
    """Whole-program atomic-context analysis; one per run (``Program.summary``)."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._resolved: dict[tuple[str, str], FunctionFacts | None] = {}
        self._pointers: dict[int, dict[str, list[Expr]]] = {}  # _held_pointer(): per function
        k = program.knowledge
        self.atomic = k["atomic"]
        self.callbacks = k["atomic_callbacks"]
        self._through = {cb.context: cb.atomic_through for cb in self.callbacks.values() if cb.atomic_through}
        #: context -> the callbacks of that context a driver can opt out of (``unless``)
        self._opt_outs: dict[str, list] = {}
        for cb in self.callbacks.values():
            if cb.unless:
                self._opt_outs.setdefault(cb.context, []).append(cb)
        #: member name -> the files that set it to anything but a constant 0 (_flags_set())
        self._flags: dict[str, set[str]] | None = None
        self.sleepers = k["sleepers"]
        #: kernel function -> directories of the files that made it atomic-safe (pm_runtime_irq_safe())
        self.safe: dict[str, set[str]] = {}
        for entry in k.sections.get("atomic_safe", {}).values():
            dirs = {os.path.dirname(f.path) for f in self._callers().get(entry.name, ())}
            for t in entry.through if dirs else ():
                self.safe.setdefault(t, set()).update(dirs)
        self.allocators = k.allocators
        #: the calls that end an atomic section (spin_unlock_irqrestore(), rcu_read_unlock()...)
        self.exits = frozenset(n for n, a in self.atomic.items() if a.action == "exit")
        self.bus_io = k.sections.get("bus_io", {})
        self._bus: dict[tuple[str, str], tuple | None] = {}
        #: put functions running the object's own release, chosen by its type (put_device())
        self.own_puts = {n: cb for n, cb in k.sections.get("callback_releases", {}).items() if cb.action < 0}
        self._summary: dict[tuple[str, str], Summary] = {}
        self._busy: set[tuple[str, str]] = set()
        self._points: dict[tuple[str, str], list[Point]] = {}
        self._sites: dict[tuple[str, str], dict[Key, list[Loc]]] = {}
        self._exit: dict[tuple[str, str], State | None] = {}
        self._ops: dict[tuple[str, str], dict[int, list[Op]]] = {}
        #: (file, name) of the functions EXPORT_SYMBOL*()'d where they are defined
        self.exported = {(f.path, n) for f in program.files for n in f.exports}
        self.library = {path for path, _ in self.exported}  # the files that export
        self._callbacks: dict[tuple[str, str], dict] = {}
        #: depth-limited results: (cache, key) -> the depth a result was computed at when a call
        #: below it was not followed for depth (``_cut``); such a result is reused only at that
        #: depth or deeper. A result cut at depth 24 (or 4 for callbacks) was cached for every
        #: caller, so what a function did depended on which caller asked first (scc.c's timer
        #: callbacks, irdma_del_apbvt(): findings came and went with the files analysed beside them)
        self._tags: dict[tuple[str, tuple], int] = {}
        self._cut = False
        self._cb_busy: set = set()
        self._invoked: dict[tuple[str, str], dict] = {}
        self._members: dict | None = None
        self._callees: dict = {}  # atomic_callees(), found with the members
        #: member -> a call of it under a lock the calling file takes itself (atomic_members())
        self._own_locked: dict[str, OpsContext] = {}
        self._atomic_memo: dict[tuple[str, str, int], bool] = {}
        self._has_ops_memo: dict[tuple, bool] = {}
        self.roots: dict = {}
        #: roots installed in an ops member the code calls in atomic context -> that member
        self._member_roots: dict[tuple[str, str], str] = {}
        #: member -> its calls in atomic context, by caller and CFG node (atomic_members()); a
        #: member handed to a registrar (the kernel calls it) has None: its arguments are not seen
        self._member_sites: dict[str, dict | None] = {}
        self.roots = self._find_roots()
        self._members = None  # found again with the roots known (their member calls count too) ...
        self._atomic_memo = {}
        if self.roots:  # ... and so are the roots installed in members only those calls make atomic
            self._member_roots = {}  # (usbhid's URB completion reaching hid_driver.raw_event)
            self.roots = self._find_roots()
            self._members = None
            self._atomic_memo = {}

    def resolve(self, name: str, from_path: str) -> FunctionFacts | None:
        """The definition a call reaches, as the linker would: a global function of another
        directory only when it is exported (EXPORT_SYMBOL*) or the directories nest (one module);
        sibling drivers often define the same names."""
        key = (name, from_path)
        try:
            return self._resolved[key]
        except KeyError:
            pass
        target = self.program.lookup(name, from_path)
        if target is not None and not target.static and not (
                nest(os.path.dirname(from_path), os.path.dirname(target.path)) or (target.path, name) in self.exported):
            target = None
        self._resolved[key] = target
        return target

    # -- depth-limited memos ----------------------------------------------------------------------
    def _fresh(self, memo: dict, kind: str, key: tuple, depth: int):
        """``memo[key]`` if it holds for a question asked at ``depth``, else None."""
        got = memo.get(key)
        if got is None:
            return None
        tag = self._tags.get((kind, key), 0)
        if tag > depth:
            return None
        if tag:
            self._cut = True  # what is built on it is cut too
        return got

    def _begin(self) -> bool:
        saved, self._cut = self._cut, False
        return saved

    def _end(self, kind: str, key: tuple, depth: int, saved: bool) -> None:
        if self._cut:
            self._tags[(kind, key)] = depth
        else:
            self._tags.pop((kind, key), None)
        self._cut = saved or self._cut

    # -- callbacks the kernel runs in atomic context ----------------------------------------------
    def _callback_fn(self, e: Expr, path: str, fn: FunctionFacts | None = None) -> FunctionFacts | None:
        """The function a callback argument (or a stored value) stands for; for a registrar given
        an object, not a function (``atomic_notifier_chain_register(&head, &nb)``), the function
        stored in that object's members, when ``fn`` is the function making the call."""
        name = value_name(e)
        got = self.program.lookup(name, path) if name else None
        if got is None and fn is not None:
            got = self._stored_callback(fn, path, e)
        return got

    def _stored_callback(self, fn: FunctionFacts, path: str, e: Expr) -> FunctionFacts | None:
        """The function stored in a member of the object ``e`` (``&nb`` or a pointer to it): from
        its designated initialiser (``static struct notifier_block foo_nb = { .notifier_call =
        foo_event };``, same file) or an assignment of the calling function, else of its file
        (drivers/watchdog/watchdog_core.c: ``wdd->restart_nb.notifier_call =
        watchdog_restart_notifier;`` then ``register_restart_handler(&wdd->restart_nb)``)."""
        obj = e.strip()
        if obj.kind == "addr" and obj.sub:
            obj = obj.sub[0].strip()
        if obj.kind not in ("var", "field"):
            return None
        ff = self.program.file(path)
        if obj.kind == "var" and ff is not None:
            for ini in ff.initializers:
                if ini.variable == obj.name and not ini.function:
                    got = self._callback_fn(ini.value, path)
                    if got is not None:
                        return got
        text = obj.text
        order = [fn] + ([f for f in ff.functions if f is not fn] if ff is not None else [])
        for f in order:
            for a in f.assigns:
                if a.lhs.kind == "field" and a.lhs.sub and a.lhs.sub[0].strip().text == text:
                    got = self._callback_fn(a.rhs, path)
                    if got is not None:
                        return got
        return None

    def _find_roots(self) -> dict[tuple[str, str], tuple[str, str, Loc]]:
        """function key -> (context, how it was registered, where)."""
        roots: dict[tuple[str, str], tuple[str, str, Loc]] = {}

        def add(target: FunctionFacts | None, context: str, how: str, loc: Loc, member: str = "") -> None:
            if target is not None and (target.path, target.name) not in roots:
                roots[(target.path, target.name)] = (context, how, loc)
                if member:  # installed in an ops member the code calls in atomic context
                    self._member_roots[(target.path, target.name)] = member

        for ff in self.program.files:
            for fn in ff.functions:
                for c in fn.calls:
                    cb = self.callbacks.get(c.callee)
                    if cb is not None and 0 <= cb.arg < len(c.args):
                        for e in _alternatives(c.args[cb.arg]):  # (either function of ``a ? f : g``)
                            add(self._callback_fn(e, ff.path, fn), cb.context, f"registered with {c.callee}()", c.loc)
                        continue
                    for i, (context, how) in sorted(self._registrar(fn, c).items()):
                        if i < len(c.args):
                            add(self._callback_fn(c.args[i], ff.path, fn), context,
                                f"passed to {c.callee}(), which {how}", c.loc)
                for a in fn.assigns:
                    if a.lhs.kind == "field":
                        cb = self.callbacks.get("=." + a.lhs.name)
                        if cb is not None and cb.lhs in a.lhs.text and not self._opted_out(cb, ff):
                            add(self._callback_fn(a.rhs, ff.path), cb.context,
                                f"assigned to {a.lhs.text}", a.loc)
                        else:
                            self._assigned_root(ff, fn, a, add)
            for ini in ff.initializers:
                member = f"{ini.struct}.{ini.member}"
                cb = self.callbacks.get(member)
                if cb is not None:
                    if self._opted_out(cb, ff):
                        continue
                    add(self._callback_fn(ini.value, ff.path), cb.context,
                        f"installed as {ini.struct.removeprefix('struct ')}.{ini.member}", ini.loc)
                    continue
                op = self.member_context(member)
                if op is not None and self._reported_here(op, member, ff.path) \
                        and not self._context_opted_out(op.context, ff):
                    add(self._callback_fn(ini.value, ff.path), op.context,
                        f"installed as {ini.struct.removeprefix('struct ')}.{ini.member}, which {op.how} "
                        f"[{op.path}:{op.line}]", ini.loc, member)
        ext = self.program.externals
        if ext is not None:
            # a global function the kernel model has seen called in atomic context from a file this
            # run does not have (net/ax25/ax25_in.c's softirq path calling a protocol's handler, a
            # driver's helper its sibling file calls under a spinlock)
            for fn in self.program.functions():
                if not fn.static and not is_header(fn.path):
                    op = ext.atomic_caller(fn.name, fn.path)
                    if op is not None and not is_header(op.path) \
                            and nest(os.path.dirname(tree_relative(op.path)), os.path.dirname(tree_relative(fn.path))):
                        add(fn, op.context, f"{op.how.removeprefix('is ')} [{op.path}:{op.line}] (kernel model)", fn.loc)
        return roots

    def _reported_here(self, op: OpsContext, member: str, path: str) -> bool:
        """Whether a function that file ``path`` installs in ``member``, which ``op`` says is called
        in atomic context, is reported as running there. Not when it is the driver's own dispatch
        (a member of a struct its own files define, called by code of its own module tree): that
        call is judged where it is made (_through_member), for the functions the driver stores. A
        kernel-wide ops struct's member is the subsystem's contract, also for the drivers beside
        its core (drivers/tty/serial/serial_core.c uart_update_mctrl() calls ``uart_ops.set_mctrl``
        under the port lock, for st-asc.c in the same directory, whether serial_core.c is analysed
        or not); and so is a member a shared helper calls for an interrupt callback
        (hid_input_report())."""
        if op.interrupt or not nest(os.path.dirname(op.path), os.path.dirname(path)):
            return True
        return not self._own_struct(member.rsplit(".", 1)[0], path)

    def _own_struct(self, tag: str, path: str) -> bool:
        """Whether ``tag``, as seen from file ``path``, is a struct of the driver's own: one its
        files define outside include/ (not a kernel-wide ops structure)."""
        found = self.program.summary("types", TypeInfo.of).struct(tag, path)
        return found is not None and "/include/" not in "/" + tree_relative(found[0].split("@", 1)[1])

    def _opted_out(self, cb, ff) -> bool:
        """Whether ``ff``'s driver sets the member (``AtomicCallback.unless``) by which it has the
        kernel run this kind of callback in process context. A member of the callback's own struct
        is set where that object is filled: in the file itself (drivers/gpio/gpio-pca953x.c
        ``gc->can_sleep = true`` beside ``gc->set = pca953x_gpio_set_value``; one directory holds
        a hundred GPIO drivers, each its own choice). A member of another struct, ``struct
        snd_pcm.nonatomic``, or of that name in another struct (ASoC's ``struct
        snd_soc_dai_link.nonatomic``, which soc-pcm.c copies into the PCM), is set by a file of
        ``ff``'s directory or of one above it (sound/virtio's ops table and the
        ``vpcm->pcm->nonatomic = true`` of its PCM constructor are two files;
        sound/soc/qcom/common.c sets ``link->nonatomic = 1`` for the DAIs of sound/soc/qcom/qdsp6)."""
        if not cb.unless:
            return False
        if self._flags is None:
            types = self.program.summary("types", TypeInfo.of)
            self._flags = {}
            for f in self.program.files:
                for name in {k.rsplit(".", 1)[-1] for k in _flags_set(f, types)}:
                    self._flags.setdefault(name, set()).add(f.path)
        if not cb.unless.startswith("struct "):  # flag constants (BLK_MQ_F_BLOCKING|NVME_F_BLOCKING): named
            return any(ff.path in self._flags.get(t, ()) for t in cb.unless.split("|"))  # where the tag set is made
        files = self._flags.get(cb.unless.rsplit(".", 1)[-1], ())
        if cb.unless.rsplit(".", 1)[0] == cb.name.rsplit(".", 1)[0]:
            return ff.path in files
        here = os.path.dirname(ff.path)
        return any(here == d or here.startswith(d + "/") for d in map(os.path.dirname, files))

    def _context_opted_out(self, context: str, ff) -> bool:
        """Whether the context an ops member inherits from a callback (``PCM trigger``: ASoC's
        ``snd_soc_dai_ops.trigger``, called by soc_pcm_trigger(), the ``snd_pcm_ops.trigger`` of
        every ASoC PCM) is one that ``ff``'s module tree opts out of, as of the callback's own."""
        return any(self._opted_out(cb, ff) for cb in self._opt_outs.get(context, ()))

    def _assigned_root(self, ff, fn: FunctionFacts, a, add) -> None:
        """``desc->callback = foo_dma_done`` with ``desc`` a ``struct dma_async_tx_descriptor *``: an
        assignment to a member that the knowledge (``"struct S.member"``) or an ops-member context
        names atomic, as a designated initialiser of it would be. Only when the right side is a
        function of the program; the member's struct is the left side's declared type."""
        target = self._callback_fn(a.rhs, fn.path)
        if target is None:
            return
        got = self._atomic_member_store(ff, fn, a.lhs)
        if got is not None:
            add(target, got[0], f"assigned to {a.lhs.text}{got[1]}", a.loc, *got[2:])

    def _atomic_member_store(self, ff, fn: FunctionFacts, lhs, program: bool = True) -> tuple | None:
        """(context, why, [member]) when a function stored into ``lhs`` runs in atomic context
        (_assigned_root()); None otherwise. Without ``program``, from the knowledge and the model
        only: the program's own atomic members need every function's callback parameters."""
        types = self.program.summary("types", TypeInfo.of)
        # (a guess by the member's name only for the function's own store, not for what its
        # callers hand it: that answer is exported kernel-wide)
        member = types.member_key(fn, lhs) or (self._member_named(fn, lhs, types) if program else "")
        if not member:
            return None
        cb = self.callbacks.get(member)
        if cb is not None:
            return None if self._opted_out(cb, ff) else (cb.context, f" ({member})")
        if program:
            op = self.member_context(member)
        else:
            op = self.program.externals.op(member) if self.program.externals is not None else None
            op = op if op is not None and op.context else None
        if op is not None and self._reported_here(op, member, fn.path) and not self._context_opted_out(op.context, ff):
            return op.context, f", a {member}, which {op.how} [{op.path}:{op.line}]", member
        return None

    # -- function pointers the code runs in atomic context -------------------------------------------
    def _registrar(self, fn: FunctionFacts, c: Call, depth: int = 0) -> dict:
        """{argument index: (context, how)} for a call to a function that runs (or registers to run)
        a function-pointer argument in atomic context: one of the analysed files, or from outside."""
        if not c.callee or c.callee in self.sleepers or c.callee in self.allocators:
            return {}
        target = self.resolve(c.callee, fn.path)
        if target is not None:
            return self.callback_params(target, depth) if target is not fn else {}
        ext = self._external(fn, c)
        return ext.callbacks if ext is not None else {}

    def _param_memo(self, kind: str, memo: dict, fn: FunctionFacts, depth: int, compute) -> dict:
        """``compute(params)`` for ``fn``'s named parameters ({name: index}), memoised in ``memo``
        as the depth-limited results are (``_fresh``): followed at most 4 calls down; a recursive
        question answers {}."""
        key = fid(fn)
        got = self._fresh(memo, kind, key, depth)
        if got is not None:
            return got
        if (kind, key) in self._cb_busy:
            return {}  # recursion
        saved = self._begin()
        self._cb_busy.add((kind, key))
        params = {p.name: i for i, p in enumerate(fn.params) if p.name}
        out: dict = {}
        if params and depth >= 4:
            self._cut = True
        elif params:
            out = compute(params)
        self._cb_busy.discard((kind, key))
        memo[key] = out
        self._end(kind, key, depth, saved)
        return out

    def callback_params(self, fn: FunctionFacts, depth: int = 0) -> dict:
        """{parameter index: (context, how)} for function-pointer parameters of ``fn`` that are run
        in atomic context: handed to a registrar of atomic callbacks (request_irq(), timer_setup()...),
        or called by ``fn`` itself with a lock held (an iterator running its callback under RCU or a
        spinlock)."""
        def compute(params: dict) -> dict:
            out: dict[int, tuple[str, str]] = {}
            for c in fn.calls:
                cb = self.callbacks.get(c.callee)
                inner = {cb.arg: (cb.context, f"registers it with {c.callee}()")} if cb is not None and cb.arg >= 0 else {}
                if not inner and c.callee and c.callee not in params:
                    inner = {i: (ctx, f"passes it to {c.callee}(), which {how}")
                             for i, (ctx, how) in self._registrar(fn, c, depth + 1).items()}
                for i, v in inner.items():
                    if i < len(c.args):
                        a = c.args[i].strip()
                        if a.kind == "var" and a.name in params:
                            out.setdefault(params[a.name], v)
            ff = None
            for a in fn.assigns:  # ``urb->complete = complete_fn`` (a driver's own URB filler)
                v = a.rhs.strip()
                if a.lhs.kind == "field" and v.kind == "var" and v.name in params and a.op == "=":
                    ff = ff or self.program.file(fn.path)
                    got = self._atomic_member_store(ff, fn, a.lhs, program=False) if ff is not None else None
                    if got is not None:
                        out.setdefault(params[v.name], (got[0], f"stores it in {a.lhs.text}{got[1]}"))
            if self.ops(fn):
                for c, state in self.held_calls(fn):
                    held = sorted(k for k in state.must if k != OUTER)
                    if not held:
                        continue
                    ctx, where = _context_of(held[0]), f"while {phrase(held[0])}"
                    if c.callee in params:
                        out.setdefault(params[c.callee], (ctx, f"calls it {where}"))
                    elif c.callee:  # ieee80211_iterate_active_interfaces_atomic(): rcu_read_lock(),
                        for i, how in self._invoked_by(fn, c, depth + 1).items():  # then a helper runs it
                            a = c.args[i].strip() if i < len(c.args) else None
                            if a is not None and a.kind == "var" and a.name in params:
                                out.setdefault(params[a.name], (ctx, f"passes it to {c.callee}() {where}, which {how}"))
            return out
        return self._param_memo("callbacks", self._callbacks, fn, depth, compute)

    def invoked_params(self, fn: FunctionFacts, depth: int = 0) -> dict:
        """{parameter index: how} for function-pointer parameters that ``fn`` calls in its caller's
        context, itself or through a callee it hands them to: ``kref_put(kref, release)`` runs
        ``release()``, so a caller passing a sleeping release function sleeps."""
        def compute(params: dict) -> dict:
            out: dict[int, str] = {}
            pairs = self.held_calls(fn) if self.ops(fn) else ((c, None) for c in fn.calls)
            for c, state in pairs:
                if state is not None and (OUTER not in state.must or len(state.must) > 1):
                    continue  # under fn's own lock: callback_params says so
                if c.callee in params:
                    out.setdefault(params[c.callee], "calls it")
                elif c.callee:
                    for i, how in self._invoked_by(fn, c, depth + 1).items():
                        a = c.args[i].strip() if i < len(c.args) else None
                        if a is not None and a.kind == "var" and a.name in params:
                            out.setdefault(params[a.name], f"passes it to {c.callee}(), which {how}")
            return out
        return self._param_memo("invoked", self._invoked, fn, depth, compute)

    def _invoked_by(self, fn: FunctionFacts, c: Call, depth: int) -> dict:
        if c.callee in self.sleepers or c.callee in self.allocators or c.callee in self.atomic:
            return {}
        target = self.resolve(c.callee, fn.path)
        if target is not None:
            return self.invoked_params(target, depth) if target is not fn else {}
        ext = self._external(fn, c)
        return ext.invokes if ext is not None else {}

    def held_calls(self, fn: FunctionFacts):
        """(call, atomic state before it) for every call of ``fn`` (a function with lock operations)."""
        ops = self.ops(fn)
        for node, state in sorted(self.states(fn, ops).items()):
            for kind, i in fn.cfg.events[node]:
                if kind != "call":
                    continue
                yield fn.calls[i], state
                if i in ops:
                    state = apply(state, ops[i])

    def atomic_members(self) -> dict:
        """``struct S.member`` -> OpsContext for ops members the analysed code calls in atomic context:
        with a lock held (``port->ops->start_tx(port)`` in a helper its caller runs under the port
        lock), or from a function the kernel runs in atomic context (an interrupt handler calling
        ``hcd->driver->irq(hcd)``), directly or through up to ``_MEMBER_DEPTH`` calls."""
        if self._members is not None:
            return self._members
        members: dict = {}
        self._members = members
        callees: dict = {}
        self._callees = callees
        sites: dict[str, dict | None] = {}  # member -> {(path, function, node): (function, call)}
        self._member_sites = sites

        def callee(fn: FunctionFacts, c: Call, context: str, how: str) -> None:
            """A global function of another file called in atomic context (atomic_callees())."""
            if not c.callee or c.callee in _NOT_FUNCTIONS or c.callee in self.sleepers or c.callee in self.allocators \
                    or c.callee in self.atomic or c.callee in self.callbacks or is_header(fn.path):
                return  # (what the knowledge says of a function stands; a header's caller is its includer's)
            target = self.resolve(c.callee, fn.path)
            # a function of the caller's own module tree (a sibling file's helper), not a core or
            # library function every subsystem calls (mutex_lock(), skb_clone()): those are judged
            # at their callers
            if target is None or target.static or target.path == fn.path or is_header(target.path) \
                    or not nest(os.path.dirname(fn.path), os.path.dirname(target.path)):
                return
            key = fn_key(target.name, target.path)
            got = OpsContext(key, context, how, c.loc.path, c.loc.line)
            if got.outranks(callees.get(key)):
                callees[key] = got
        types = self.program.summary("types", TypeInfo.of)
        entered: set[tuple[str, str]] = set()
        entered_own: set[tuple[str, str]] = set()  # (entered with a holder of the function's own file)
        work: list[tuple[FunctionFacts, str, str, int, str, bool, tuple]] = []
        own_locked: dict[str, OpsContext] = {}
        self._own_locked = own_locked

        library = self.library

        def record(fn: FunctionFacts, c: Call, context: str, how: str, root: str = "", relaxed: bool = False,
                   holder: tuple[str, str] = ()) -> None:
            """``holder``: the file of the function that holds the lock, and the lock (own_locked)."""
            if driver_private(fn.path) and fn.path not in library:
                # a driver's own dispatch (mt7915_rmw() calling the saved mt76_bus_ops.rmw of its MMIO
                # bus under its lock) runs the functions that driver stored, not every sibling's:
                # its calls are judged where they are made (_through_member)
                return
            member = types.member_key(fn, c.callee_expr)
            if member:
                if root and own_impl(member, os.path.dirname(root)):
                    if relaxed:  # reached only through a helper other callers call in process context
                        return
                    how = f"{how} [{root}]"  # an atomic call like any other: a veto outranks it
                seen = sites.setdefault(member, {})
                if seen is not None:
                    seen[(fn.path, fn.name, c.node)] = (fn, c)
                got = OpsContext(member, context, how, c.loc.path, c.loc.line)
                if got.outranks(members.get(member)):  # the first, but a call from an interrupt callback
                    members[member] = got
                if holder and same_file(holder[0], c.loc.path) and _plain_lock(holder[1]) \
                        and not _sibling_guarded(fn, c):
                    own_locked.setdefault(member, got)

        targets = self.member_targets()

        def own_impl(member: str, top: str) -> bool:
            """The interrupt callback's own directory stores functions in ``member``: what its call
            reaches is most likely those, for its own objects (rtd520's interrupt handler hands its
            subdevice to comedi_handle_events(), which runs that subdevice's ``cancel``, rtd520's;
            mwifiex's USB completion reaches ``if_ops.wakeup`` of its own USB ops), not every other
            driver's. A transport that implements none (usbhid for ``hid_driver.raw_event``, the
            USB core for ``hc_driver.urb_enqueue``) dispatches to the others'."""
            return any(os.path.dirname(t.path) == top or t.path.startswith(top + "/") for t, _ in targets.get(member, ()))

        def enter(fn: FunctionFacts, c: Call, context: str, how: str, depth: int, root: str = "",
                  relaxed: bool = False, holder: tuple[str, str] = ()) -> None:
            """Follow a call from atomic code into ``target``: a helper every caller calls in
            atomic context; or, from an interrupt or softirq callback (``root``, its path), a
            helper of the callback's own module tree, whatever its other callers do (usbhid's
            URB completion handing a report to drivers/hid's hid_input_report(), which
            __hid_request() calls in process context too): what it calls through members runs
            in interrupt context on that transport."""
            for name in call_names(self.program, fn, c):
                target = self.resolve(name, fn.path) if name not in _NOT_FUNCTIONS else None
                if target is None or target is fn:
                    continue
                # a function entered once is entered again for a holder of its own file: the
                # member calls it makes under that file's own lock are own-locked (record()),
                # whichever caller reached it first (drivers/usb/gadget/configfs.c calls
                # composite_disconnect() under its gi->spinlock; composite.c's own callers hold
                # cdev->lock)
                key = (target.path, target.name)
                own = bool(holder) and same_file(holder[0], target.path)
                if key in entered and (not own or key in entered_own):
                    continue
                # (not through a helper that sleeps itself: calling it there is the callback's own bug,
                # and says nothing of the members it calls -- qcom tsens's VER_0 hard-irq handler
                # calling thermal_zone_device_update(), which takes the zone's mutex)
                if root and self.summary(target).sleeps is not None:
                    continue
                if self._always_atomic(target):
                    work.append((target, context, how, depth, root, relaxed, holder))
                elif root and nest(os.path.dirname(root), os.path.dirname(target.path)):
                    work.append((target, context, how, depth, root, True, holder))
                else:
                    continue
                entered.add(key)
                if own:
                    entered_own.add(key)

        for fn in self.program.functions():
            root = self.roots.get((fn.path, fn.name))
            if root is not None and (fn.path, fn.name) not in entered:
                entered.add((fn.path, fn.name))
                # an interrupt or softirq callback the kernel registers (request_irq(), a URB's
                # completion, a timer...), not a function installed in an ops member found atomic:
                # that context is already a member's, and must not outrank process-context calls
                # of the members it calls in turn (thermal_zone_device_ops.get_temp implementations
                # calling thermal_zone_get_temp() of another zone)
                member = self._member_roots.get((fn.path, fn.name))
                how = f"runs in {root[0]} context" + (f" as {member.removeprefix('struct ')}" if member else "")
                work.append((fn, root[0], how, 0, fn.path if _INTERRUPT_ROOT.search(root[0]) and not member else "", False,
                             ()))
            if not self.ops(fn):
                continue
            for c, st in self.held_calls(fn):
                held = sorted(k for k in st.must if k != OUTER)
                if not held:
                    continue
                context, how = _context_of(held[0]), f"while {phrase(held[0])}"
                for c in self._held_pointer(fn, c) or (c,):
                    if member_call(c):
                        record(fn, c, context, f"is called by {fn.name}() {how}", holder=(fn.path, held[0][2]))
                    else:
                        callee(fn, c, context, f"is called by {fn.name}() {how}")
                        enter(fn, c, context, f"is called by {fn.name}() {how}", 1, holder=(fn.path, held[0][2]))
        for fn in self.program.functions():  # a member handed to a registrar as the callback
            for c in fn.calls:
                self._registered_member(fn, c, types, members)
        while work:
            fn, context, how, depth, root, relaxed, holder = work.pop()
            if self.ops(fn):
                calls = [c for c, st in self.held_calls(fn) if OUTER in st.must]
            else:
                calls = list(fn.calls)
            for c in (c for call in calls for c in self._held_pointer(fn, call) or (call,)):
                if member_call(c):
                    record(fn, c, context, f"is called by {fn.name}(), which {how}", root, relaxed, holder)
                    continue
                if not relaxed:
                    callee(fn, c, context, f"is called by {fn.name}(), which {how}")
                if depth < _MEMBER_DEPTH:
                    enter(fn, c, context, f"is called by {fn.name}(), which {how}", depth + 1, root, relaxed, holder)
        # a member that code running in process context also calls is not an atomic member: one
        # odd caller (cxl calling pci_error_handlers.resume under its spinlock) does not make every
        # driver's implementation atomic (drivers/pci/pcie/err.c calls it under the device mutex),
        # nor does one chain's spinlock make every notifier_block.notifier_call atomic
        # (blocking_notifier_call_chain() runs notifier_call_chain() under down_read()). Process
        # context: a function that calls a sleeping function with no lock held, and what it calls
        # with no lock held, up to _MEMBER_DEPTH calls down. A file that makes both calls, and
        # takes the lock itself, is no odd caller (own_locked): drivers/usb/gadget/composite.c runs
        # ``usb_function.disable`` from usb_remove_function() in process context and, under its own
        # ``cdev->lock``, from reset_config() on every disconnect, so each function driver's disable
        # must not sleep. (kernel/irq's enable_irq() calling ``irq_chip.irq_bus_lock`` for a driver
        # that holds its own spinlock is the driver's odd call: __setup_irq() vetoes it.)
        def unlocked(fn: FunctionFacts):
            """The calls ``fn`` makes with no lock held; but not a call through a member that
            ``fn`` also calls with a lock held: its implementations must run in atomic context
            anyway (kernel/printk/printk.c console_emit_next_record(): ``if
            (force_legacy_kthread() && ...) con->write(...); else { printk_safe_enter_irqsave(flags);
            ... con->write(...);``, a PREEMPT_RT configuration's task-context path, is no veto of
            struct console.write)."""
            if not self.ops(fn):
                return list(fn.calls)
            pairs = list(self.held_calls(fn))
            atomic_here = {c.callee_expr.text for c, st in pairs if member_call(c) and any(k != OUTER for k in st.must)}
            return [c for c, st in pairs if not any(k != OUTER for k in st.must)
                    and not (member_call(c) and c.callee_expr.text in atomic_here)]

        # (looked for among the callers of member calls, up to _MEMBER_DEPTH calls up; a sleep counts
        # when it is the function's own or one call down, device_lock() -> mutex_lock(): a longer
        # chain may itself be a path the caller never takes, and would veto on a guess)
        near = {(fn.path, fn.name): fn for fn in self.program.functions() if any(member_call(c) for c in fn.calls)}
        frontier = list(near.values())
        for _ in range(_MEMBER_DEPTH):
            frontier = [f for t in frontier for f in self._callers().get(t.name, ()) if (f.path, f.name) not in near]
            near.update(((f.path, f.name), f) for f in frontier)
        process: list[tuple[FunctionFacts, int, str]] = []
        seen: set[tuple[str, str]] = set(entered)
        for key, fn in sorted(near.items()):
            if key not in seen and any(p.sleep is not None and p.state.must == {OUTER} and _direct(p.sleep)
                                       for p in self.points(fn)):
                seen.add(key)
                process.append((fn, 0, f"{fn.name}()"))
        while process:
            fn, depth, how = process.pop()
            for c in unlocked(fn):
                if member_call(c):
                    member = types.member_key(fn, c.callee_expr)
                    if member:
                        old = members.get(member)
                        veto = OpsContext(member, "", f"is called in process context by {how}", c.loc.path, c.loc.line)
                        # (OpsContext with no context: a veto; but not of the file's own call under
                        # a lock: the code that dispatches through the member both ways holds every
                        # implementation to atomic context, as unlocked() does within one function)
                        if self._own_veto(veto):
                            own = own_locked[member]
                            if own.outranks(old):  # (a veto of another file's call, made before)
                                members[member] = own
                        elif veto.outranks(old):
                            members[member] = veto
                elif depth < _MEMBER_DEPTH and c.callee and c.callee not in _NOT_FUNCTIONS:
                    t = self.resolve(c.callee, fn.path)
                    if t is not None and (t.path, t.name) not in seen:
                        seen.add((t.path, t.name))
                        process.append((t, depth + 1, f"{t.name}(), which is called by {how}"))
        self._copied_members(members, types)
        for ff in self.program.files:  # what a struct's documentation says outweighs what code shows
            for c in ff.contracts:  # (but one that only permits atomic callers yields to a veto)
                got = documented(c)
                if got.documented or got.outranks(members.get(c.member)):
                    members[c.member] = got
        # unless the kernel does not practise it: the analysed files' contracts and the kernel
        # model's, judged by what these files store and call (a part of a model build judges the
        # contracts of include/ by its own drivers: the model keeps the verdict, which outranks)
        externals = self.program.externals
        wanted = {m for m, o in members.items() if o.documented}
        if externals is not None:
            for m in self.program.summary("member-targets", member_targets_of):
                o = externals.op(m)
                if o is not None and o.documented:
                    wanted.add(m)
        for m, (t, why) in self._broken_contracts(wanted).items():
            members[m] = OpsContext(m, "", f"{BROKEN}: {why}", t.path, t.loc.line)
        return members

    def _copied_members(self, members: dict, types) -> None:
        """A member copied into another that is called in atomic context runs there too:
        net/sched/sch_generic.c qdisc_alloc() does ``sch->enqueue = ops->enqueue``, and
        __dev_xmit_skb() calls ``q->enqueue`` under the qdisc's root lock, so every
        ``Qdisc_ops.enqueue`` runs under it. Only for a member of which nothing else is known (no
        call of its own, no veto); along chains of copies, up to ``_MEMBER_DEPTH`` long."""
        copies = self.program.summary("member-copies", member_copies)
        for _ in range(_MEMBER_DEPTH):
            got = {}
            for dst, sources in copies.items():
                o = members.get(dst)
                if o is None or not o.context:
                    continue
                for src, fn, loc in sources:
                    if src not in members and src not in got:
                        got[src] = OpsContext(src, o.context, f"is copied into {dst.removeprefix('struct ')} by "
                                              f"{fn}() [{loc.path}:{loc.line}], which {o.how}", o.path, o.line)
            if not got:
                return
            members.update(got)

    def _registered_member(self, fn: FunctionFacts, c: Call, types, members: dict) -> None:
        """A struct member given to a function that registers its callback argument to run in
        atomic context (``usb_fill_bulk_urb(..., type->read_bulk_callback, port)`` in
        drivers/usb/serial/usb-serial.c usb_serial_probe()): every function stored in that member
        runs there (each usb-serial driver's ``.read_bulk_callback`` is a URB completion)."""
        if not c.callee or c.callee in _NOT_FUNCTIONS or driver_private(fn.path) and fn.path not in self.library:
            return
        cb = self.callbacks.get(c.callee)
        registered = {cb.arg: (cb.context, f"registers it with {c.callee}()")} if cb is not None and cb.arg >= 0 \
            else {i: (context, f"passes it to {c.callee}(), which {how}")
                  for i, (context, how) in self._registrar(fn, c).items()}
        for i, (context, how) in registered.items():
            e = c.args[i].strip() if i < len(c.args) else None
            if e is None or e.kind != "field":
                continue
            member = types.member_key(fn, e) or self._member_named(fn, e, types)
            if not member:
                continue
            got = OpsContext(member, context, f"is registered by {fn.name}(), which {how}: runs in {context} context",
                             c.loc.path, c.loc.line)
            if got.outranks(members.get(member)):
                members[member] = got
            self._member_sites[member] = None  # (the kernel calls it: its arguments are not seen)

    def _broken_contracts(self, wanted: set[str]) -> dict[str, tuple[FunctionFacts, str]]:
        """The documented members whose documentation the kernel does not practise, so that a
        sleeping implementation is no bug anyone would fix:

        - the core breaks it itself: a file that calls through ``struct S.member`` also stores
          there a function of its own that sleeps. include/linux/gpio/driver.h says of
          ``gpio_chip.to_irq`` "implementation may not sleep", but drivers/gpio/gpiolib.c, which
          calls ``gc->to_irq(gc, offset)``, stores its gpiochip_to_irq() there, and that calls
          irq_create_mapping(), which takes a mutex;
        - most of its implementations sleep, and enough of them to speak for the kernel (at
          least 4): include/media/v4l2-subdev.h says
          ``interrupt_service_routine`` "must not sleep. Called from an IRQ context", but four of
          the six in 6.12 are I2C devices' that sleep (adv7604, adv7842, adv7511, tc358743) and the
          bridges that call them do so from a work item (drivers/media/pci/cobalt/cobalt-irq.c
          cobalt_irq_work_handler())."""
        out: dict[str, tuple[FunctionFacts, str]] = {}
        targets = self.program.summary("member-targets", member_targets_of)
        types = self.program.summary("types", TypeInfo.of)
        files = {ff.path: ff for ff in self.program.files} if wanted else {}

        def dispatches(path: str, member: str) -> bool:  # a function of the file calls through it
            field = member.rsplit(".", 1)[1]
            return any(member_call(c) and c.callee_expr.name == field
                       and f"{types.base_tag(fn, c.callee_expr)}.{field}" == member
                       for fn in files[path].functions for c in fn.calls)

        for member in sorted(wanted):
            impls = list({(t.path, t.name): t for t, _ in targets.get(member, ())}.values())
            sleeping = [t for t in impls if self.summary(t).sleeps is not None]
            own = next((t for t in sleeping if t.path in files and dispatches(t.path, member)), None)
            if own is not None:
                out[member] = (own, f"the code that calls it stores {own.name}() there, which may sleep "
                                    f"({self.summary(own).sleeps.what})")
            elif len(sleeping) >= _PRACTICE:  # counted with those the other parts and the model know
                mine = {(t.name, tree_relative(t.path)) for t in impls}
                others = self._impls_of(member, mine)
                n = len(sleeping) + sum(1 for i in others if i.sleeps)
                if 2 * n > len(impls) + len(others):
                    out[member] = (sleeping[0], f"{n} of its {len(impls) + len(others)} implementations may "
                                                f"sleep, {sleeping[0].name}() among them")
        return out

    def _always_atomic(self, target: FunctionFacts, depth: int = 0, on: frozenset = frozenset()) -> bool:
        """Whether every call of ``target`` in the program is made with a lock held, from a
        function the kernel runs in atomic context, or from a function every call of which is
        (up to ``_MEMBER_DEPTH`` callers up): drivers/ata/libata-core.c ata_qc_issue() calls
        ``ap->ops->qc_issue(qc)`` with no lock of its own, but its callers are
        ata_exec_internal() under ``spin_lock_irqsave(ap->lock)`` and ata_scsi_translate(), whose
        only caller __ata_scsi_queuecmd() runs under the same lock in ata_scsi_queuecmd(). A
        helper shared by an atomic and a blocking path (notifier_call_chain() of atomic_ and
        blocking_notifier_call_chain()) does not make what it calls atomic."""
        key = (target.path, target.name, depth)
        if key in self._atomic_memo:
            return self._atomic_memo[key]
        got = self._atomic_memo[key] = self._every_call_atomic(target, depth, on | {key[:2]})
        return got

    def _every_call_atomic(self, target: FunctionFacts, depth: int, on: frozenset) -> bool:
        sites = self._callers().get(target.name, ())
        taken = self.program.summary("address-taken", address_taken)  # (called from elsewhere too)

        def inner(caller: FunctionFacts) -> bool:
            """A caller inside the module (its directory, its address not taken: all its callers
            are in view) that is itself only called in atomic context; if it is exported, only by
            other libraries (files that export): libsas's sas_queuecommand() calls libata's
            exported ata_sas_queuecmd() under the port lock, but one driver calling an exported
            i2c_transfer() under its spinlock says nothing of i2c_transfer()."""
            return depth + 1 < _HELPER_DEPTH and (caller.path, caller.name) not in on and caller.name not in taken \
                and os.path.dirname(caller.path) == os.path.dirname(target.path) \
                and ((caller.path, caller.name) not in self.exported
                     or all(f.path in self.library for f in self._callers().get(caller.name, ()))) \
                and self._always_atomic(caller, depth + 1, on)
        if not sites:
            return False
        for caller in sites:
            if self.resolve(target.name, caller.path) is not target:
                continue
            if (caller.path, caller.name) in self.roots:
                continue
            if not self.ops(caller):
                if inner(caller):
                    continue
                return False
            for c, st in self.held_calls(caller):
                if (c.callee == target.name or not c.callee and target.name in call_names(self.program, caller, c)) \
                        and not any(k != OUTER for k in st.must):
                    if inner(caller):
                        break
                    return False
        return True

    def _callers(self) -> dict:
        got = self.program.summary("callers", _callers)
        return got

    def callers_rule_out(self, fn: FunctionFacts, node: int) -> bool:
        """Whether every call of ``fn`` in the program passes an argument that fails a test of
        ``fn``'s own parameter guarding CFG ``node``: usnic_ib_qp_grp_modify() creates a flow (and
        sleeps) under its own spinlock only ``if (trans_spec)``, and all its callers pass NULL. Not
        for a function whose address is taken (its callers are not all calls), nor one nothing
        calls here (its callers are elsewhere)."""
        guards = list(dict.fromkeys(guarding_params(fn, node, aliases=True)))
        if not guards or fn.name in self.program.summary("address-taken", address_taken):
            return False
        sites = [(caller, c) for caller in self._callers().get(fn.name, ()) for c in caller.calls
                 if c.callee == fn.name and self.resolve(c.callee, caller.path) is fn]
        return _every_site_fails(guards, sites)

    def member_sites_rule_out(self, fn: FunctionFacts, node: int) -> bool:
        """Whether every call in atomic context of the ops member that made ``fn`` a root
        (``_member_roots``) passes an argument that fails a test of ``fn``'s own parameter guarding
        CFG ``node``: drivers/net/can/sja1000/peak_pci.c peak_pciec_write_reg() drives its LEDs over
        I2C ``if (port == SJA1000_MOD)``, and sja1000.c calls ``sja1000_priv.write_reg`` in its
        interrupt handler and under its spinlock with SJA1000_CMR only; its calls in process context
        do not matter here. Not when those calls are not all seen: the call that makes the member
        atomic is not one of the analysed files' (the kernel model's, or a documented contract),
        or the member is handed to a registrar."""
        member = self._member_roots.get((fn.path, fn.name))
        op = self.member_context(member) if member else None  # (atomic_members() found the sites)
        sites = self._member_sites.get(member)
        if op is None or not sites or not any(same_file(c.loc.path, op.path) and c.loc.line == op.line
                                              for _, c in sites.values()):
            return False
        return _every_site_fails(list(dict.fromkeys(guarding_params(fn, node, aliases=True))), sites.values())

    def _member_named(self, fn: FunctionFacts, lhs: Expr, types) -> str:
        """The ops member a store into a struct of a type the analysed files do not declare goes to,
        by its name, when the kernel model knows one member of that name only and its struct shares
        a word with the declared type of the variable stored into (the struct that embeds it):
        drivers/tty/serial/8250/8250_pericom.c ``uart.port.set_divisor = pericom_do_set_divisor``
        (``struct uart_8250_port uart``, include/linux/serial_8250.h) is ``struct
        uart_port.set_divisor``, which 8250_port.c calls under the port lock; nouveau's ``rm->sor.new``
        is not mISDN's ``struct mISDN_dsp_element.new``. "" otherwise."""
        ext = self.program.externals
        named = ext.ops_named(lhs.name) if ext is not None and lhs.name else []
        if len(named) != 1:
            return ""
        v = types.var(fn, lhs.root_var())
        if v is None:
            return ""
        mine = set(re.findall(r"[a-z]+", parse_type(v.type)[0].removeprefix("struct ").lower()))
        theirs = set(re.findall(r"[a-z]+", named[0].split(".")[0].removeprefix("struct ").lower()))
        return named[0] if (mine & theirs) - _GENERIC_WORDS else ""

    def atomic_callees(self) -> dict:
        """``fn:NAME@path`` -> OpsContext for the global functions of other files the analysed code
        calls in atomic context (with a lock held, or from code the kernel runs there): the kernel
        model tells a run that has such a function but not its caller (_find_roots())."""
        self.atomic_members()
        return self._callees

    def member_context(self, member: str):
        """OpsContext of an ops member called in atomic context, from the analysed files or outside
        (None also when some code calls it in process context: a veto, OpsContext.context "")."""
        got = self.atomic_members().get(member)
        if self.program.externals is not None:
            # a veto from elsewhere stands: the kernel's notifier_call_chain() runs every
            # notifier_block.notifier_call in process context too, whatever random.c does; and a
            # header's documented contract stands over both (OpsContext.outranks)
            other = self.program.externals.op(member)
            if other is not None and other.outranks(got) and not self._own_veto(other):
                got = other
        return got if got is not None and got.context else None

    def _own_veto(self, op: OpsContext) -> bool:
        """Whether ``op`` is a veto from the file that also calls its member under a lock it takes
        itself (atomic_members()'s ``own_locked``): no veto of that member."""
        own = self._own_locked.get(op.member)
        return own is not None and not op.context and same_file(own.path, op.path)

    # -- operations on atomic state -------------------------------------------------------------
    def ops(self, fn: FunctionFacts, depth: int = 0) -> dict[int, list[Op]]:
        """Call index -> what the call does to the atomic state (empty: no dataflow needed)."""
        key = fid(fn)
        got = self._fresh(self._ops, "ops", key, depth)
        if got is not None:
            return got
        saved = self._begin()
        out: dict[int, list[Op]] = {}
        for i, c in enumerate(fn.calls):
            got_ops = self._op(fn, c, depth)
            if got_ops:
                out[i] = got_ops
        self._ops[key] = out
        self._end("ops", key, depth, saved)
        return out

    def _op(self, fn: FunctionFacts, c: Call, depth: int) -> list[Op]:
        if c.guard:  # a guard's lock expression: what the guard does is the guard call's op
            return []
        a = self.atomic.get(c.callee)
        if a is not None and a.action == "asserted":  # lockdep_assert_held(&priv->lock)
            if a.arg >= len(c.args):
                return []
            text = c.args[a.arg].text
            kind = a.kind or self._lock_kind(fn, c.args[a.arg])
            return [Op("asserted", (kind, _norm(text), text))] if kind else []
        if a is not None:
            also = [Op("exit-held", (a.also, "", ""))] if a.also and a.action == "exit" and not self._paired(fn, a, c) else []
            if a.arg >= 0:
                if a.arg >= len(c.args):
                    return also
                text = c.args[a.arg].text
                return [Op(a.action, (a.kind, _norm(text), text))] + also
            return [Op(a.action, (a.kind, "", ""))] + also
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
        if c.callee and depth >= _MAX_DEPTH:
            self._cut = True
        elif (c.callee and c.callee not in self.sleepers and c.callee not in self.allocators
                and c.callee not in _NOT_FUNCTIONS):
            target = self.resolve(c.callee, fn.path)
            s = None
            if target is not None and target is not fn and self._has_ops(target):
                s = self.summary(target, depth + 1)
            elif target is None:
                s = self._external(fn, c)
            if s is None:
                return []
            maybe = [Op("maybe", (kind, MAYBE, "")) for kind in s.maybe]  # (clk_enable_lock())
            if s.acquires:  # every context a lock wrapper returns holding (drbd
                return [Op("enter", tuple(k)) for k in s.acquires] + maybe  # lock_all_resources())
            # every kind an unlock wrapper drops, the matching loop's too
            return [Op("exit-held", (kind[:-1], "", "")) if kind.endswith("?") else Op("release-all", (kind, "", ""))
                    for kind in s.releases] + maybe
        return []

    def _lock_kind(self, fn: FunctionFacts, lock: Expr) -> str:
        """What kind of atomic context holding ``lock`` (a pointer to it) is, by its declared type:
        "spinlock" for spinlock_t and raw_spinlock_t, "rwlock" for rwlock_t; "" for a mutex, a
        semaphore or a type not known (include/linux/spinlock_types.h, rwlock_types.h)."""
        t = self.program.summary("types", TypeInfo.of).type_of(fn, lock.strip())
        if t is None or t[1] != 1:
            return ""
        return _LOCK_TYPES.get(t[0], "")

    def _paired(self, fn: FunctionFacts, a, c: Call) -> bool:
        """Whether ``fn`` takes the lock that ``c`` (an unlock ending context ``a.also`` too) drops
        with a variant that began that context itself (spin_lock_bh() for spin_unlock_bh()): then
        the unlock ends only what its lock began, not an outer local_bh_disable()."""
        if a.arg < 0 or a.arg >= len(c.args):
            return False
        lock = _norm(c.args[a.arg].text)
        for o in fn.calls:
            e = self.atomic.get(o.callee)
            if e is not None and e.action == "enter" and e.also == a.also and 0 <= e.arg < len(o.args) \
                    and _norm(o.args[e.arg].text) == lock:
                return True
        return False

    def _external(self, fn: FunctionFacts, c: Call):
        """The summary of the function call ``c`` of ``fn`` reaches when no analysed file defines it
        (kernelmodel.External: a candidate taking at most its arguments), or None."""
        return self.program.external(c.callee, fn.path, len(c.args))

    def _has_ops(self, fn: FunctionFacts, depth: int = 0) -> bool:
        """Whether ``fn`` may change the atomic state: it calls a lock operation, or, being of a
        wrapper's size, a function of the program that does, up to ``_WRAPPER_DEPTH`` calls down
        (an unlock wrapper's wrapper: mm/memcontrol-v1.c folio_memcg_unlock() ->
        __folio_memcg_unlock() -> rcu_read_unlock())."""
        key = fid(fn)
        got = self._has_ops_memo.get(key)
        if got is not None:
            return got
        self._has_ops_memo[key] = False  # (a cycle: no ops through it)
        got = False
        for c in fn.calls:
            if c.callee in self.atomic or c.callee == "scoped_guard" or (
                    not c.callee and c.callee_expr is not None and c.callee_expr.name == "guard"):
                got = True
                break
        if not got and depth < _WRAPPER_DEPTH and len(fn.calls) <= _WRAPPER_CALLS:
            for c in fn.calls:
                if c.callee and c.callee not in self.sleepers and c.callee not in self.allocators \
                        and c.callee not in _NOT_FUNCTIONS:
                    t = self.resolve(c.callee, fn.path)
                    if t is not None and t is not fn and self._has_ops(t, depth + 1):
                        got = True
                        break
        if depth == 0 or got:
            self._has_ops_memo[key] = got
        else:
            del self._has_ops_memo[key]  # (cut short by depth: not the whole answer)
        return got

    def _silent_lock_helper(self, fn: FunctionFacts, ops: dict[int, list[Op]]) -> bool:
        """Whether ``fn`` calls a function of the program that works on locks (``_has_ops()``) but
        whose summary does nothing to its caller's state (it balances its locks, or its releases
        are its own in a way the summaries do not see): then the unlock wrappers ``fn`` calls are
        not taken to release its caller's lock. Without this guard the kernel's mm/ summaries
        went wrong (a model build at 40a8b97, which had only ``Summary.maybe``: mm/filemap.c
        find_lock_entries(), folio_lock() and include/linux/pagevec.h folio_batch_release()
        "released their caller's spinlock")."""
        for i, c in enumerate(fn.calls):
            if i in ops or not c.callee or c.callee in self.atomic:
                continue
            t = self.resolve(c.callee, fn.path)
            if t is not None and t is not fn and self._has_ops(t):
                return True
        return False

    def states(self, fn: FunctionFacts, ops: dict[int, list[Op]]) -> dict[int, State]:
        return solve(fn.cfg, AtomicState(fn, ops, State(frozenset((OUTER,)), frozenset((OUTER,)))))

    # -- what sleeps ----------------------------------------------------------------------------
    def _held_pointer(self, fn: FunctionFacts, c: Call) -> tuple[Call, ...]:
        """A call through a function pointer the function itself set (``func = proto->func;
        func(skb)``, ``(*func)(skb)``, ``func = ax25_protocol_function(pid)``), as the calls it may
        be: through the member it was read from, or of the function it was set to; () for any
        other call."""
        e = c.callee_expr.strip() if not c.callee and c.callee_expr is not None else None
        if e is not None and e.kind == "deref" and e.sub:
            e = e.sub[0].strip()
        name = c.callee or (e.name if e is not None and e.kind == "var" else "")
        if not name or c.callee and (c.callee in self.atomic or self.resolve(name, fn.path) is not None):
            return ()
        pointers = self._local_pointers(fn)
        if name not in pointers:
            return ()
        return tuple(c._replace(callee="", callee_expr=v) if v.kind == "field" else c._replace(callee=v.name, callee_expr=None)
                     for v in pointers[name])

    def _local_pointers(self, fn: FunctionFacts, depth: int = 0) -> dict[str, list[Expr]]:
        """Once per function: local -> the members or functions it is set to; a local set to what
        a function of the program returns (net/ax25/ax25_in.c ``func = ax25_protocol_function(pid)``,
        which returns a ``struct ax25_protocol.func`` it found) is set to what that one returns."""
        pointers = self._pointers.get(id(fn)) if depth == 0 else None
        if pointers is not None:
            return pointers
        pointers = {}
        if depth == 0:  # (only the whole answer is kept: one found part-way, deeper, is cut short)
            self._pointers[id(fn)] = pointers
        for a in fn.assigns:
            v = a.rhs.strip()
            if v.kind == "addr" and v.sub:
                v = v.sub[0].strip()
            if a.lhs.kind != "var" or a.op != "=":
                continue
            if v.kind == "field" or v.kind == "var" and v.name != a.lhs.name and self.resolve(v.name, fn.path) is not None:
                pointers.setdefault(a.lhs.name, []).append(v)
            elif v.kind == "call" and v.name and depth < 2:
                t = self.resolve(v.name, fn.path)
                if t is not None and t is not fn and t.ret.ptr:
                    got = self._returned_pointers(t, depth + 1)
                    if got:  # (named after the local in messages: ``func(), which may be ...``)
                        pointers.setdefault(a.lhs.name, []).extend(
                            x._replace(text=a.lhs.name) if x.kind == "field" else x for x in got)
        return pointers

    def _returned_pointers(self, t: FunctionFacts, depth: int) -> list[Expr]:
        """The members (as seen from anywhere: ``((struct ax25_protocol *)...)->func``) or functions
        ``t`` returns, directly or through its own locals."""
        types = self.program.summary("types", TypeInfo.of)
        mine = self._local_pointers(t, depth)
        out: list[Expr] = []
        # (either value of ``return a ? ops->handle : NULL;``)
        values = [v for r in t.returns if r.value is not None for v in _alternatives(r.value)]
        for v in values:
            for x in (mine.get(v.name, ()) if v.kind == "var" else (v,)):
                if x.kind == "field":
                    tag = types.base_tag(t, x)
                    if tag.startswith(("struct ", "union ")):
                        base = Expr("cast", f"({tag} *)", f"{tag} *", (Expr("other", ""),))
                        out.append(Expr("field", f"(({tag} *)...)->{x.name}", x.name, (base,)))
                elif x.kind == "var" and self.resolve(x.name, t.path) is not None:
                    out.append(x)
        return out

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
        if c.callee == "might_sleep_if" and c.args:
            return None, self._sleep_if(fn, c)
        s = self.sleepers.get(c.callee)
        if s is not None and s.arg >= 0:
            return self._sleeps_if(fn, c, s)
        if s is not None:
            kind = "alloc" if a is not None else "memory" if s.memory else "sleeper"
            return Sleep(s.what or f"{c.callee}()", (), kind), params
        io = self.bus_io.get(c.callee)
        if io is not None:
            made = self.bus_of(fn.path, io.api)
            if made is not None:
                ctor, loc = made
                return Sleep(f"{c.callee}() on a {io.api} over {ctor.bus}",
                             (Step(loc, f"the {io.api} is made by {ctor.name}(): {ctor.bus} I/O sleeps", "call"),),
                             "sleeper"), params
        if c.callee in self.own_puts:
            return (self._put_release(fn, c, depth) if depth < _MAX_DEPTH else None), params
        held = self._held_pointer(fn, c) if depth < _MAX_DEPTH else ()
        if held:  # ``func = proto->func; func(skb)``: what the pointer was set to
            for target in held:
                got, more = self.sleep_of(fn, target, depth)
                for pi, v in more.items():
                    params.setdefault(pi, v)
                if got is not None:
                    return got, params
            return None, params
        if member_call(c) and depth < _MAX_DEPTH:
            got = self._through_member(fn, c, depth) or self._shared_member(fn, c, depth)
            if got is not None:
                return got, params
            got, params = self._member_arguments(fn, c, depth)
            if got is not None or params or not self._masks_honoured(fn, c, depth):
                return got, params
            return _gfp_contract(fn, c)
        if not c.callee and depth < _MAX_DEPTH:
            return self._through_table(fn, c, depth), params
        if depth >= _MAX_DEPTH and (c.callee or member_call(c)):
            self._cut = True
            return None, params
        if not c.callee or (a is not None and a.gfp >= 0) or c.callee in _NOT_FUNCTIONS \
                or c.callee in self.atomic:  # read_lock() is rt_read_lock() only under PREEMPT_RT
            return None, params  # (an allocator without a gfp argument, ioremap(), is judged by its body)
        target = self.resolve(c.callee, fn.path)
        if target is fn or any(_ASYNC.search(a.text) for a in c.args) or _async_struct(fn, c):
            return None, params
        if target is not None and target.stub:  # the !CONFIG_FOO inline stub of a header, when
            ext = self._external(fn, c)  # the real function is known from elsewhere
            if ext is not None and ext.interesting():
                target = None
        summ = self.summary(target, depth + 1) if target is not None else self._external(fn, c)
        if summ is None:  # neither the program nor the kernel model has its body
            return _gfp_contract(fn, c) if self._whole_kernel else (None, params)
        step = Step(c.loc, f"calls {c.callee}()", "call")
        if summ.sleeps is not None and not (target is not None and _avoided(fn, c, target, summ.at)):
            inner = summ.sleeps
            for pi, alts in summ.either.items():
                taken = [w for k, w in alts if pi < len(c.args) and judged(fn, k, c.args[pi].text, c)]
                inner = taken[0] if taken else inner
            return Sleep(f"{c.callee}()", (step,) + _chain(inner, c), "memory" if inner.kind == "memory" else "call"), params
        if summ.after:  # sleeps once it released what this function (or its caller) holds
            keys, inner = summ.after
            held = ", ".join(f"'{k[2]}'" for k in keys)
            step = Step(c.loc, f"calls {c.callee}(), which releases {held} before it sleeps", "call")
            return Sleep(f"{c.callee}()", (step,) + _chain(inner, c), "call", _bound_keys(c, keys)), params
        if summ.puts is not None and took_reference(fn, c, self.exits):
            return Sleep(f"{c.callee}(), which may drop the last reference,", (step,) + _chain(summ.puts, c),
                         "callback"), params
        # the callee's own argument-dependent sleeps first: a callback it also runs must not hide
        # them (drivers/base/devcoredump.c dev_coredumpv(): dev_coredumpm() with its gfp mask, and
        # devcd_freev() as the free callback)
        for ti, (kind, inner) in sorted(summ.params.items()):
            if ti >= len(c.args):
                continue
            text = c.args[ti].text
            verdict = judged(fn, kind, text, c)
            what = f"{c.callee}() with {text}" if kind == "gfp" else f"{c.callee}()"
            sleep = Sleep(what, (step,) + _chain(inner, c), "call")
            if verdict:
                return sleep, params
            if verdict is None:
                for pi, k in _passed(fn, kind, text):
                    params.setdefault(pi, (k, sleep))
        invoked = self.invoked_params(target, depth + 1) if target is not None else summ.invokes
        for i, how in sorted(invoked.items()):
            a = c.args[i].strip() if i < len(c.args) else None
            if a is not None and a.kind == "addr" and a.sub:
                a = a.sub[0].strip()
            cb = self.resolve(a.name, fn.path) if a is not None and a.kind == "var" else None
            if cb is not None and cb is not fn:
                cs = self.summary(cb, depth + 1)
                via = Step(c.loc, f"calls {c.callee}(), which {how.replace('it', cb.name + '()', 1)}", "call")
                if cs.sleeps is not None:
                    return Sleep(f"{c.callee}()", (via, Step(c.loc, f"calls {cb.name}()", "call")) + cs.sleeps.chain,
                                 "callback"), params
                # a callback that sleeps for a gfp mask allowing reclaim, run by a function given a
                # mask: the mask it hands on (lib/scatterlist.c __sg_alloc_table(..., gfp_mask,
                # sg_kmalloc) calls alloc_fn(alloc_size, gfp_mask))
                inner = next((sl for k, sl in cs.params.values() if k == "gfp"), None) or next(
                    (sl for tests, sl in cs.conj if any(k == "gfp" for _, k in tests)), None)  # (sg_kmalloc(): a
                # __get_free_page() or a kmalloc_array() by nents, each with the mask)
                if inner is not None:
                    for ti in _gfp_args(target, c):
                        text = c.args[ti].text
                        sleep = Sleep(f"{c.callee}() with {text}", (via, Step(c.loc, f"calls {cb.name}()", "call"))
                                      + inner.chain, "callback")
                        verdict = judged(fn, "gfp", text)
                        if verdict:
                            return sleep, params
                        if verdict is None:
                            for pi, k in _passed(fn, "gfp", text):
                                params.setdefault(pi, (k, sleep))
        for tests, inner in summ.conj:
            verdicts = [(kind, c.args[ti].text, judged(fn, kind, c.args[ti].text, c) if ti < len(c.args) else None)
                        for ti, kind in tests]
            if any(v is False for _, _, v in verdicts):
                continue  # one test the caller's argument fails: that path is not taken
            sleep = Sleep(f"{c.callee}()", (step,) + _chain(inner, c), "call")
            if all(v for _, _, v in verdicts):
                return sleep, params
            for kind, text, v in verdicts:
                if v is None:
                    for pi, k in _passed(fn, kind, text):
                        params.setdefault(pi, (k, sleep))
        return None, params

    def _sleeps_if(self, fn: FunctionFacts, c: Call, s) -> tuple[Sleep | None, dict]:
        """A sleeper that sleeps only for some values of one argument (``[sleepers]`` ``arg`` and
        ``when``): ``readl_poll_timeout(addr, val, cond, delay_us, timeout_us)`` usleep_range()s
        between reads unless ``delay_us`` is 0 (include/linux/iopoll.h read_poll_timeout():
        ``might_sleep_if((__sleep_us) != 0)``); its ``_atomic`` variant never sleeps. A named
        constant passes ``ne:0``; a parameter of ``fn`` makes ``fn``'s callers decide."""
        if s.arg >= len(c.args):
            return None, {}
        text = c.args[s.arg].text
        sleep = Sleep(s.what or f"{c.callee}()", (), "sleeper")
        verdict = judge(s.when, text)
        if verdict:
            return sleep, {}
        if verdict is None:
            return None, {pi: (kind, sleep) for pi, kind in _passed(fn, s.when, text)}
        return None, {}

    def _sleep_if(self, fn: FunctionFacts, c: Call) -> dict:
        """``might_sleep_if(cond)`` (include/linux/kernel.h:156: ``if (cond) might_sleep()``): the
        function sleeps for the values of its parameters that make ``cond`` true, when ``cond`` (or
        one of its ``&&`` terms) tests a parameter: ``gfpflags_allow_blocking(gfp)``, ``wait``,
        ``!(rpmflags & RPM_ASYNC)``. A condition on anything else (``!in_interrupt()``, a device
        field) cannot be judged by a caller and is left alone."""
        text = _unwrap_cond(c.args[0].text)
        sleep = Sleep(f"might_sleep_if({text})" if len(text) < 60 else "might_sleep_if()")
        m = re.fullmatch(r"gfpflags_allow_blocking\((\w+)\)", text)
        if m is not None:
            return {pi: (kind, sleep) for pi, kind in _passed(fn, "gfp", m.group(1))}
        index = {p.name: i for i, p in enumerate(fn.params) if p.name and not p.ptr and _SCALAR.match(p.type)}
        parts = [text] if "||" in text else [_unwrap_cond(t) for t in text.split("&&")]
        if len(parts) > 1 and any(_CONTEXT_CALL.search(p) or context_alias(fn, p) for p in parts):
            return {}  # ``might_sleep_if(loop && not_atomic)``: never in an atomic caller
        for part in parts:
            got = _guard_test(part, index)
            if got is not None:
                return {got[0]: (got[1], sleep)}
        return {}

    def _through_member(self, fn: FunctionFacts, c: Call, depth: int) -> Sleep | None:
        """A call through a struct member (``priv->ops->reset(priv)``) sleeps when a function the
        driver stores in that member sleeps whatever its arguments: from designated initialisers
        and assignments of the analysed files, in the caller's own directory tree (a driver's
        internal dispatch; a core's calls into every driver are judged at the drivers, through
        ``atomic_members``). Every function stored there must sleep, and no ops table of that type
        there may leave the member NULL: amdgpu's KIQ ring functions set no ``begin_use``, and
        amdgpu_ring_alloc() calls it only ``if (ring->funcs->begin_use)``."""
        e = c.callee_expr
        tag = self.program.summary("types", TypeInfo.of).base_tag(fn, e)
        if not tag:  # a member known by its name only is not the driver's own dispatch: libiscsi's
            return None  # session->tt->xmit_task is every transport's (_shared_member judges it)
        here = os.path.dirname(fn.path)
        if any(e.name not in members and nest(here, os.path.dirname(path))
               for path, members in self.program.summary("ops-tables", _ops_tables).get(tag, ())):
            return None  # a table of this type leaves the member NULL: not every user calls a sleeper
        # every function stored there must sleep for the call to sleep for fn's callers too; when
        # at least half of them do, the struct is the driver's own and they are all stored in the
        # call's own directory (not a driver family's: mt76's mt7915 calls ``dev->bus_ops->rr``, its
        # MMIO ops, never mt792x_usb.c's), the call sleeps for the devices that use those, and is
        # reported where it is made (``variant``): drivers/net/usb/hso.c hso_kick_transmit() calls
        # ``serial->write_data(serial)`` under its spinlock, hso_std_serial_write_data() for a plain
        # port, hso_mux_serial_write_data() for a muxed one. A member that holds a spinlock or a
        # mutex variant (regmap's map->lock: one of seven lock functions sleeps) does neither
        targets = [(t, f" ({how})") for t, how in self._local_targets(fn, f"{tag}.{e.name}")]
        return self._every_target_sleeps(c, targets, depth) or (
            self._variants_sleep(c, targets, depth) if self._own_struct(tag, fn.path)
            and all(os.path.dirname(t.path) == here for t, _ in targets) else None)

    def _through_table(self, fn: FunctionFacts, c: Call, depth: int) -> Sleep | None:
        """A call through the file's table of function pointers (``call_names``) sleeps when every
        function of the table does, whatever its arguments (as a call through a member does)."""
        targets = [(self.resolve(name, fn.path), "") for name in call_names(self.program, fn, c)]
        return None if any(t is None or t is fn for t, _ in targets) else self._every_target_sleeps(c, targets, depth)

    def _every_target_sleeps(self, c: Call, targets: list, depth: int) -> Sleep | None:
        """The sleep of a call through a pointer (``c.callee_expr``) that may call each of
        ``targets`` ((function, how it got there)): each must sleep whatever its arguments; the
        first one is the witness. None when one does not (or there are none)."""
        found = None
        for target, how in targets:
            summ = self.summary(target, depth + 1)
            if summ.sleeps is None:
                return None
            if found is None:
                text = c.callee_expr.text
                step = Step(c.loc, f"calls {target.name}() through {text}{how}", "call")
                found = Sleep(f"{text}(), which may be {target.name}(),", (step,) + summ.sleeps.chain, "call")
        return found

    def _masks_honoured(self, fn: FunctionFacts, c: Call, depth: int) -> bool:
        """Whether the functions stored in the member that ``c`` calls through may sleep by the gfp
        mask ``c`` hands them (``_gfp_contract``): at least one of those the program stores does
        (each UDC's usb_ep_ops.alloc_request kzalloc()s with it), or none is known. The UDCs'
        usb_ep_ops.queue take a mask too, but allocate under their own lock with GFP_ATOMIC or not
        at all: drivers/usb/gadget/udc/core.c usb_ep_queue() does not sleep by it."""
        masks = [i for i, a in enumerate(c.args) if _gfp_arg(fn, a.text)]
        if not masks:
            return False
        member = self._member_key(fn, c.callee_expr)
        field = c.callee_expr.name
        targets = [t for t, _ in self.member_targets().get(member, ()) if t is not fn
                   and not _forwards(t, field)] if member else []
        for t in targets:
            s = self.summary(t, depth + 1)
            if any(s.params.get(i, ("",))[0] == "gfp" for i in masks) \
                    or any(k == "gfp" and ti in masks for tests, _ in s.conj for ti, k in tests):
                return True
        return not targets and self._whole_kernel

    @property
    def _whole_kernel(self) -> bool:
        """Whether the kernel model answers for the kernel: what neither it nor the program has is
        unknown (not so in a model build's part, which knows only the parts before it: there
        include/linux/gfp.h's gfp_nested_mask(), a mask computation, is not known yet in lib/)."""
        ext = self.program.externals
        return ext is not None and ext.whole_kernel

    def _member_arguments(self, fn: FunctionFacts, c: Call, depth: int) -> tuple[Sleep | None, dict]:
        """A call through a member whose stored functions (in ``fn``'s directory tree) sleep for
        some values of one argument: at least two of them, and at least half, sleep for the value
        ``c`` passes there, or for values of ``fn``'s own parameter it passes on (then its callers
        decide). drivers/hid/hid-core.c __hid_hw_raw_request() hands its ``reqtype`` to
        ``hdev->ll_driver->raw_request``: usbhid's, i2c-hid's, uhid's and hidp's sleep for
        HID_REQ_GET_REPORT and HID_REQ_SET_REPORT; two transports' stubs return 0 (amd_sfh,
        hyperv), so a caller passing HID_REQ_GET_REPORT sleeps. (Sleep, {param of fn: (kind, Sleep)})."""
        e = c.callee_expr
        member = self._member_key(fn, e)
        if member is None:
            return None, {}
        targets = [t for t, _ in self._local_targets(fn, member)]
        if len(targets) < 2:
            return None, {}
        votes: dict[int, list] = {}
        for t in targets:
            for ti, (kind, inner) in self.summary(t, depth + 1).params.items():
                if ti < len(c.args) and kind != "gfp":  # (a mask: _masks_honoured, _gfp_contract)
                    votes.setdefault(ti, []).append((t, kind, inner))
        for ti, got in sorted(votes.items()):
            text = c.args[ti].text
            taking = [(t, k, inner) for t, k, inner in got if judged(fn, k, text, c) is not False]
            if len(taking) < 2 or 2 * len(taking) < len(targets):
                continue
            t, kind, inner = taking[0]
            if all(k.startswith("eq:") for _, k, _ in taking):  # the values any of them sleeps for
                kind = "eq:" + "|".join(dict.fromkeys(v for _, k, _ in taking for v in k[3:].split("|")))
            step = Step(c.loc, f"calls {t.name}() through {e.text}, one of the {len(targets)} functions stored "
                        f"there ({len(taking)} may sleep for this argument {text})", "call")
            sleep = Sleep(f"{e.text}(), which may be {t.name}(),", (step,) + inner.chain, "call")
            if all(judged(fn, k, text, c) for _, k, _ in taking):
                return sleep, {}
            return None, {pi: (k, sleep) for pi, k in _passed(fn, kind, text)}
        return None, {}

    def _variants_sleep(self, c: Call, targets: list, depth: int) -> Sleep | None:
        """The sleep of a call through a driver's own member when at least half of the functions
        stored there (``targets``) sleep whatever their arguments, but not all: kind ``variant``, a
        sleep of the devices that use those, reported where the call is made and not one of the
        caller's for its own callers. The first sleeping one is the witness."""
        sleeping = []
        for target, how in targets:
            summ = self.summary(target, depth + 1)
            if summ.sleeps is not None and summ.sleeps.kind not in ("member", "variant"):
                sleeping.append((target, how, summ.sleeps))
        if not sleeping or 2 * len(sleeping) < len(targets):
            return None
        target, how, inner = sleeping[0]
        text = c.callee_expr.text
        step = Step(c.loc, f"calls {target.name}() through {text}{how}, one of the {len(targets)} functions "
                    f"stored there ({len(sleeping)} may sleep)", "call")
        return Sleep(f"{text}(), which may be {target.name}(),", (step,) + inner.chain, "variant")

    def process_member(self, fn: FunctionFacts, c: Call) -> bool:
        """Whether the kernel itself calls the member that ``c`` calls through in process context,
        where it may sleep (the veto of ``atomic_members``, from the analysed files or the kernel
        model): its implementations are then allowed to sleep, and a ``_shared_member`` sleep is
        reported. Without such a call the member's contract is unknown: struct
        dma_device.device_prep_slave_sg is called only by drivers, in atomic context too, and the
        one implementation that sleeps is that implementation's bug, not its callers'. (Asked when
        reporting: atomic_members() itself needs every function's sleeping points.)"""
        member = self._member_key(fn, c.callee_expr) if member_call(c) else None
        if member is None:
            return False
        got = self.atomic_members().get(member)
        if got is not None:
            return not got.context
        other = self.program.externals.op(member) if self.program.externals is not None else None
        return other is not None and not other.context

    def _impls_of(self, member: str, seen: set, parts: bool = True) -> list:
        """The functions stored in ``member`` (``struct S.field``) that the run's other parts and
        the kernel model know (``_impls``), but those ``seen`` here ((name, tree-relative path))."""
        return [i for i in self._impls(member.rsplit(".", 1)[-1], parts)
                if i.member == member and (i.name, tree_relative(i.path)) not in seen]

    def _impls(self, field: str, parts: bool = True) -> list:
        """The functions stored in members named ``field`` elsewhere: by the run's other parts and
        the kernel model, or (not ``parts``) by the kernel model only, the whole kernel's picture
        that a member known by its name alone is matched against (a run's earlier part adds one
        driver's functions: drivers/firmware/efi's virt_efi_get_time() for pwm-ir-tx.c's
        ``timer->base->get_time``, an hrtimer_clock_base member whose struct it cannot see)."""
        if self.program.externals is None:
            return []
        return self.program.externals.impls(field, parts)

    def _member_key(self, fn: FunctionFacts, e: Expr) -> str | None:
        """``struct S.member`` of a call through ``e``: its struct type, or, when that type is
        unknown (``slave->dev`` of a header not analysed), the one struct or union that has
        functions stored in a member of that name, in the analysed files or the kernel model."""
        tag = self.program.summary("types", TypeInfo.of).base_tag(fn, e)
        if tag:
            return f"{tag}.{e.name}"
        members = {m for m in self.member_targets() if m.rsplit(".", 1)[-1] == e.name
                   and m.startswith(("struct ", "union "))} | {i.member for i in self._impls(e.name, parts=False)}
        return members.pop() if len(members) == 1 else None

    def _local_targets(self, fn: FunctionFacts, member: str) -> list:
        """The functions stored in ``member`` in ``fn``'s own directory tree, but ``fn`` and the
        forwarders: a stacking driver's own implementation that calls through a member of the same
        name (bond_main.c bond_ipsec_add_sa() calling the slave's ``xdo_dev_state_add``) does what
        the functions stored below it do."""
        here, field = os.path.dirname(fn.path), member.rsplit(".", 1)[-1]
        return [(t, how) for t, how in self.member_targets().get(member, ())
                if t is not fn and nest(here, os.path.dirname(t.path))
                and not _forwards(t, field)]

    def _shared_member(self, fn: FunctionFacts, c: Call, depth: int) -> Sleep | None:
        """A call through a member of a kernel-wide ops structure, where ``fn``'s driver stores no
        function of its own (``slave->dev->xfrmdev_ops->xdo_dev_state_add(xs)`` in the bonding
        driver, drivers/net/bonding/bond_main.c), reaches whatever function another driver stored
        there. It may sleep when at least half of those functions, in the analysed files and in the
        kernel model's ``impl`` table, sleep whatever their arguments (mlx5e_xfrm_add_state():
        kzalloc(GFP_KERNEL)), and the kernel itself calls the member in process context
        (``process_member``: net/xfrm/xfrm_device.c xfrm_dev_state_add(), below
        xfrm_state_construct()'s GFP_KERNEL allocation), so that sleeping is within the member's
        contract. One sleeping implementation among many (ep93xx's device_prep_slave_sg(), a
        gadget's setup()) is that implementation's bug, not every caller's. The driver's own
        functions: those of its directory tree when the member's struct type is known, of its own
        file when the member is known by its name only (``_member_key``). Reported only where the
        call is made, in atomic context: not a sleep of ``fn`` for its callers."""
        e = c.callee_expr
        member = self._member_key(fn, e)
        if member is None:
            return None
        typed = bool(self.program.summary("types", TypeInfo.of).base_tag(fn, e))
        here = os.path.dirname(fn.path)

        def own(t: FunctionFacts) -> bool:
            return nest(here, os.path.dirname(t.path)) if typed else t.path == fn.path

        if any(own(t) for t, _ in self._local_targets(fn, member)):
            return None  # (whether the member's contract allows sleeping: process_member(), when reported)
        #: (function, where it was stored or found, the chain below it)
        sleeping: list[tuple[str, str, tuple]] = []
        others = 0
        analysed = set()
        for t, how in self.member_targets().get(member, ()):
            analysed.add((t.name, tree_relative(t.path)))
            if t is fn or own(t) or _forwards(t, e.name):
                continue  # the caller, its driver's own and the forwarders do not count
            summ = self.summary(t, depth + 1)
            if summ.sleeps is not None and summ.sleeps.kind not in ("member", "variant"):
                sleeping.append((t.name, f"({how})", summ.sleeps.chain, t.path))
            else:
                others += 1
        for i in self._impls_of(member, analysed, parts=typed):  # by name only: the model's (_member_key)
            analysed.add((i.name, tree_relative(i.path)))
            if i.sleeps:
                sleeping.append((i.name, f"[{i.path}:{i.line}]: {i.sleeps}", (), i.path))
            else:
                others += 1
        if not sleeping or len(sleeping) < others:
            return None
        # the witness: the function stored nearest the call (the i2c core's own rt_mutex lock_bus
        # for drivers/i2c/i2c-core.h's i2c_lock_bus(), not a DRM DP-AUX adapter's)
        mine = tree_relative(fn.path).split("/")
        name, where, chain, _ = min(sleeping, key=lambda x: -len(os.path.commonprefix([mine, tree_relative(x[3]).split("/")])))
        kind = "member"
        if not others and len(sleeping) >= 2 and not self._atomic_op(member) \
                and not _member_tested(fn, c.node, {_norm(e.text)}, null=False):
            # every function stored there sleeps (struct i2c_lock_operations.lock_bus: the i2c core's
            # and the muxes' rt_mutex, drm's and i915's mutex): so does the call, for fn's callers
            # too; not an optional hook called only when set, which most tables leave NULL
            # (kernel/irq/internals.h chip_bus_lock(): irq_chip.irq_bus_lock, slow-bus chips only)
            kind = "call"
            step = Step(c.loc, f"each of the {len(sleeping)} functions stored in {member} may sleep, e.g. "
                        f"{name}() {where}" + ("" if chain else " may sleep"), "danger" if not chain else "call")
        elif chain:
            step = Step(c.loc, f"calls {name}() through {e.text} {where}", "call")
        else:
            step = Step(c.loc, f"{e.text} may be {name}() {where} may sleep", "danger")
        return Sleep(f"{e.text}()" if kind == "call" else f"{e.text}(), which may be {name}(),",
                     (step,) + chain, kind)

    def _put_release(self, fn: FunctionFacts, c: Call, depth: int) -> Sleep | None:
        """``put_device(&X->m)`` (a ``callback_releases`` entry with ``action`` -1) sleeps, as
        ``kref_put(&X->ref, release)`` does, when the release it runs on the last reference sleeps:
        the object's own, chosen by its type (drivers/base/core.c device_release(): ``dev->release``,
        else ``dev->type->release``), which the program stores for member ``m`` of X's struct type
        (``own_releases``: scsi_sysfs_device_initialize()'s ``sdev->sdev_gendev.type =
        &scsi_dev_type``, whose ``.release`` is scsi_device_dev_release()), or the kernel model
        knows (``Impl`` rows of ``struct S.m:release``). Every release found there must sleep."""
        cb = self.own_puts[c.callee]
        a = c.args[cb.object].strip() if cb.object < len(c.args) else None
        obj = a.sub[0].strip() if a is not None and a.kind == "addr" and a.sub else None
        tag = self.program.summary("types", TypeInfo.of).base_tag(fn, obj) if obj is not None else ""
        if not tag:
            return None
        key = f"{tag}.{obj.name}"
        found: list[tuple[str, tuple]] = []
        seen = set()
        for t, how in self.program.summary("own-releases", own_releases).get(key, ()):
            seen.add((t.name, tree_relative(t.path)))
            inner = self.summary(t, depth + 1).sleeps if t is not fn else None
            if inner is None:
                return None
            found.append((f"{t.name}() ({how})", (Step(c.loc, f"calls {t.name}()", "call"),) + inner.chain))
        for i in self._impls_of(f"{key}:release", seen):
            if not i.sleeps:
                return None
            found.append((f"{i.name}() [{i.path}:{i.line}]", (Step(c.loc, f"{i.name}() may sleep: {i.sleeps}", "danger"),)))
        if not found:
            return None
        how, chain = found[0]
        via = Step(c.loc, f"calls {c.callee}(), which runs the release of {obj.text}, {how}, "
                   "when it drops the last reference", "call")
        return Sleep(f"{c.callee}(), which may run {how.split(' ', 1)[0]} on the last reference,", (via,) + chain, "callback")

    def _atomic_op(self, member: str) -> bool:
        """Whether the kernel model (or an earlier part) knows ``member`` to be called in atomic
        context: its implementations must not sleep, so all of them sleeping says nothing."""
        got = self.program.externals.op(member) if self.program.externals is not None else None
        return got is not None and bool(got.context)

    def member_targets(self) -> dict:
        """``struct S.member`` -> [(function, how it got there)] for every function stored in a
        struct member by the analysed files: designated initialisers and ``x->member = fn``."""
        got = self.program.summary("member-targets", member_targets_of)
        return got

    # -- per-function results -------------------------------------------------------------------
    def points(self, fn: FunctionFacts, depth: int = 0) -> list[Point]:
        """Calls of ``fn`` that may sleep, with the state before each (entry state: ``OUTER``)."""
        key = fid(fn)
        got = self._fresh(self._points, "points", key, depth)
        if got is not None:
            return got
        saved = self._begin()
        entry = State(frozenset((OUTER,)), frozenset((OUTER,)))
        sleeps = {}
        asserts = written_assertions(fn)
        live = _live(fn)
        for i, c in enumerate(fn.calls):
            s, params = self.sleep_of(fn, c, depth)
            if s is not None and asserts and asserted_cold(fn, c.node, asserts):
                s = None  # a path the code asserts it never takes (issue 15 class 6)
            if live is not None and c.node not in live:
                s, params = None, {}  # only after a call that never returns
            if s is not None and self.safe and self._made_safe(fn, s):
                s = None
            if s is not None or params:
                sleeps[i] = (s, params)
        ops = self.ops(fn, depth)
        out: list[Point] = []
        if not ops:
            out = [Point(fn.calls[i], i, s, params, released_first(entry, s.after) if s is not None and s.after else entry)
                   for i, (s, params) in sleeps.items()]
        else:
            states = self.states(fn, ops)
            for node, state in states.items():
                for kind, i in fn.cfg.events[node]:
                    if kind != "call":
                        continue
                    if i in sleeps:
                        s, params = sleeps[i]
                        out.append(Point(fn.calls[i], i, s, params,
                                         released_first(state, s.after) if s is not None and s.after else state))
                    if i in ops:
                        state = apply(state, ops[i])
            self._sites[key] = self._collect_sites(fn, ops)
            self._exit[key] = states.get(EXIT)
        out.sort(key=lambda p: p.index)
        self._points[key] = out
        self._end("points", key, depth, saved)
        return out

    def bus_of(self, path: str, api: str) -> tuple | None:
        """The constructor (``bus_handles`` entry, Loc) of the handles of ``api`` the I/O of file
        ``path`` uses when they sleep: every constructor of ``api`` the file calls makes a handle
        over a sleeping bus (devm_regmap_init_i2c()); a file that calls none has its directory's
        (a driver split into core and bus files). None when one constructor does not sleep or
        leaves the bus unknown (MMIO, dev_get_regmap() of the parent), or when none is called."""
        key = (path, api)
        if key not in self._bus:
            made = self._bus_made().get(api, {})
            found = made.get(path)
            if found is None:
                here = os.path.dirname(path)
                found = [m for p, ms in made.items() if os.path.dirname(p) == here for m in ms]
            self._bus[key] = found[0] if found and all(e.sleeps for e, _ in found) else None
        return self._bus[key]

    def _bus_made(self) -> dict:
        """api -> file -> [(bus_handles entry, Loc)] of the handle constructors each file calls."""
        return self.program.summary("bus-handles", _bus_handles)

    def atomic_through(self, context: str) -> tuple[str, ...]:
        """The kernel functions that work atomically in a registrar's callback ``context``
        (``atomic_through`` of its knowledge entry)."""
        return self._through.get(context, ())

    def _made_safe(self, fn: FunctionFacts, s: Sleep) -> bool:
        """Whether the sleep's chain passes through a kernel path the driver made atomic-safe
        (``atomic_safe`` knowledge: pm_runtime_get_sync() of a driver that called
        pm_runtime_irq_safe())."""
        here = os.path.dirname(fn.path)
        through = [t for t, dirs in self.safe.items() if any(here == d or here.startswith(d + "/") for d in dirs)]
        if not through:
            return False
        text = " ".join([s.what] + [st.message for st in s.chain])
        return any(f"{t}()" in text for t in through)

    def _collect_sites(self, fn: FunctionFacts, ops: dict[int, list[Op]]) -> dict[Key, list[Loc]]:
        sites: dict[Key, list[Loc]] = {}
        for i, lst in ops.items():
            for op in lst:
                if op.action in ("enter", "trylock", "preload", "scoped", "guard", "asserted"):
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

    def held_between(self, fn: FunctionFacts, key: Key, node: int) -> bool:
        """Whether a lock that ``correlated`` finds taken only under a repeated condition is held at
        CFG ``node`` on a path that keeps that condition's value from the acquire on, without a
        release: ``if (divider->lock) spin_lock_irqsave(divider->lock, flags); ...
        readl_poll_timeout(...); ... if (divider->lock) spin_unlock_irqrestore(...);``
        (drivers/clk/xilinx/clk-xlnx-clock-wizard.c, v6.1; fixed in v6.12 with the _atomic poll):
        the sleep runs with the lock held whenever the lock was taken. A sleep after the
        conditional release (drivers/scsi/qedi/qedi_fw.c ``if (lun_reset) spin_unlock_bh(...);
        wait_event...``), or under the negated test (``if (!atomic) msleep()``), is reached only
        through the other value, which is not followed."""
        def polar(text: str) -> tuple[str, bool]:  # ``!x`` tests x the other way round
            t = _unwrap_cond(text)
            return (_unwrap_cond(t[1:]), False) if t.startswith("!") else (t, True)

        texts: dict[str, int] = {}
        for _, t in fn.conds:
            texts[t] = texts.get(t, 0) + 1
        repeated = [(n, t) for n, t in fn.conds if texts[t] > 1]
        if not repeated:
            return False
        tests = {n: polar(t) for n, t in fn.conds if t != "default" and not t.startswith("case ")}
        ops = self.ops(fn)
        acquires = [fn.calls[i].node for i, lst in ops.items() for op in lst
                    if op.key == key and op.action == "enter"]
        releases = {fn.calls[i].node for i, lst in ops.items() for op in lst
                    if op.action == "exit" and op.key[0] == key[0] and (op.key == key or not op.key[1])}
        for a in acquires:
            # the value each repeated test has whenever the acquire runs: (test, polarity) -> label
            need = {}
            for c, _ in repeated:
                for label in (TRUE, FALSE):
                    if not _reachable_without(fn.cfg, a, c, label):
                        base, pos = tests[c]
                        need[base] = label == TRUE if pos else label != TRUE

            if not need:
                continue

            def blocked(n: int, dst: int, label: int, need=need) -> bool:
                if dst in releases and dst != node:
                    return True
                if n not in tests or label not in (TRUE, FALSE):
                    return False
                base, pos = tests[n]
                return base in need and (label == TRUE) != (need[base] == pos)

            if _reach(fn.cfg, node, blocked, a):
                return True
        return False

    def sites(self, fn: FunctionFacts) -> dict[Key, list[Loc]]:
        return self._sites.get(fid(fn), {})

    def innermost(self, fn: FunctionFacts, keys, line: int) -> tuple:
        """(key, site) of the innermost of ``fn``'s atomic sections ``keys``: the one taken last
        before ``line`` (any of its sites when none is before), a lock before other contexts taken
        at the same place; site None when unknown."""
        sites = self.sites(fn)
        best = None
        for k in sorted(keys):
            locs = sites.get(k, [])
            before = [loc for loc in locs if loc.line <= line] or locs
            site = max(before, key=lambda loc: (loc.line, loc.col)) if before else None
            # (a lock outranks the interrupts a wrapper disabled with it at the same call: drbd
            # lock_all_resources()'s local_irq_disable() and the spinlocks it then takes)
            rank = ((site.line, site.col) if site is not None else (0, 0)) + (k[0] in _LOCKS,)
            if best is None or rank > best[0]:
                best = (rank, k, site)
        return best[1], best[2]

    def locked_calls(self, fn: FunctionFacts, depth: int = 0) -> tuple[list, list]:
        """The calls of ``fn`` that make a callee of the program sleep under the callee's own lock
        or atomic section (``Summary.locked``), by what they pass: (call, Sleep) for each call whose
        arguments pass every test of such a sleep (``fill(d, GFP_KERNEL)`` where fill() allocates
        with its gfp under its spinlock; not ttpci_budget_debiread(..., uselocks = 0, ...), whose
        lock is taken ``if (uselocks)``), and the (tests, Sleep) of those whose undecided
        arguments are ``fn``'s own parameters passed on (then its callers decide). Only calls by
        name of a function of the program."""
        hits: list = []
        passed: list = []
        for c in fn.calls:
            if not c.callee:
                continue
            target = self.resolve(c.callee, fn.path)
            if target is None or target is fn:
                continue
            for tests, inner in self.summary(target, depth + 1).locked:
                if any(ti >= len(c.args) for ti, _ in tests):
                    continue
                verdicts = [(ti, kind, judged(fn, kind, c.args[ti].text, c)) for ti, kind in tests]
                if any(v is False for _, _, v in verdicts):
                    continue
                gfp = next((c.args[ti].text for ti, kind, _ in verdicts if kind == "gfp"), None)
                what = f"{c.callee}() with {gfp}" if gfp else f"{c.callee}()"
                sleep = Sleep(what, (Step(c.loc, f"calls {c.callee}()", "call"),) + inner.chain, "call")
                if all(v for _, _, v in verdicts):
                    hits.append((c, sleep))
                    break
                mine = [list(_passed(fn, kind, c.args[ti].text)) for ti, kind, v in verdicts if v is None]
                if all(len(m) == 1 for m in mine):
                    passed.append((tuple(m[0] for m in mine), sleep))
        return hits, passed

    def summary(self, fn: FunctionFacts, depth: int = 0) -> Summary:
        key = fid(fn)
        got = self._fresh(self._summary, "summary", key, depth)
        if got is not None:
            return got
        if depth > _MAX_DEPTH:
            self._cut = True
            return _EMPTY
        if key in self._busy:
            return _EMPTY
        saved = self._begin()
        self._busy.add(key)
        try:
            sleeps: Sleep | None = None
            puts: Sleep | None = None
            params: dict[int, tuple[str, Sleep]] = {}
            kinds: dict[int, set[str]] = {}  # every kind each parameter was found deciding with
            witness: dict[tuple[int, str], Sleep] = {}  # the first sleep found for each of those
            conj: list = []
            controls = [(pi, k) for pi, k in ((pi, control_kind(v)) for pi, v in enumerate(fn.params)) if k]
            commands = self.program.summary("command-members", command_members)
            # a function taking gfp flags is made to be called in atomic context with GFP_ATOMIC:
            # only what those flags allow counts (usb_submit_urb() sleeps on a root hub's control
            # URB only; idr_alloc() when its gfp allows reclaim)
            gfp_api = any(p.type == "gfp_t" and not p.ptr for p in fn.params)
            sleeping = tuple(p.call.node for p in self.points(fn, depth) if p.sleep is not None)
            at: list[int] = []
            after: tuple = ()
            locked: list = []
            for p in self.points(fn, depth):
                own = p.state.must - {OUTER}
                if own and p.sleep is None and p.params:  # ``spin_lock(); kmalloc(64, gfp);``: its caller's gfp
                    k, site = self.innermost(fn, own, p.call.loc.line)
                    start = (Step(site, f"{phrase(k)} in {fn.name}()", "acquire"),) if site is not None else ()
                    guards = tuple(dict.fromkeys(guarding_params(fn, p.call.node, commands=commands)))
                    for pi, (kind, s) in p.params.items():  # (and the tests on the way: ``if (uselocks)``)
                        locked.append((guards + ((pi, kind),), s._replace(chain=start + _at(p.call, s).chain)))
            locked += self.locked_calls(fn, depth)[1]  # (a section of a callee's, for what fn hands on)
            for p in self.points(fn, depth):
                # past an unlock of its caller's lock, with nothing of its own held: a sleep there
                # is under what else the caller holds (``Summary.after``)
                freed = p.state.freed if OUTER not in p.state.must and not p.state.must else frozenset()
                if OUTER not in p.state.must and not freed or len(p.state.must) > 1:
                    continue  # the caller's context was dropped here, or fn reports it itself
                guards = list(dict.fromkeys(guarding_params(fn, p.call.node, commands=commands)))
                for pi, (kind, s) in p.params.items() if not freed else ():
                    if guards:  # ``if (!enqueue) handle(type)``: this test and the callee's decide together
                        conj.append((tuple(guards) + ((pi, kind),), _at(p.call, s)))
                    else:
                        _add_kind(params, pi, kind, _at(p.call, s))
                        kinds.setdefault(pi, set()).add(kind)
                        witness.setdefault((pi, kind), _at(p.call, s))
                if puts is None and not freed and p.sleep is not None and p.sleep.kind == "callback" \
                        and not _own_release(fn):
                    puts = _at(p.call, p.sleep)  # (``if (sdev) put_device(...)``: the object's test)
                if p.sleep is None or (p.sleep.kind == "callback" and not _own_release(fn)) \
                        or p.sleep.kind in ("member", "variant") or _fallback(fn, p.call.node) \
                        or p.sleep.kind == "memory" and not (fn.static and not fn.path.endswith(".h")):
                    continue  # (a release function kref_put() runs only on the last reference: it is
                    # reported where the function is passed, not in every caller of kobject_put();
                    # a call through a kernel-wide ops member only where it is made: _shared_member)
                if fn.cfg.arms and any(inside(fn.cfg, cnode, p.call.node) and any(context_alias(fn, x) for x in t.split("&&"))
                                       for cnode, t in fn.conds):
                    continue  # a branch an atomic caller does not take (``if (likely(not_atomic)) msleep()``)
                if past_context_test(fn, p.call.node):
                    continue  # (``if (irqs_disabled()) { poll; return; } wait_event_timeout()``)
                if freed:  # only a sleep whatever its arguments, once
                    keys = _param_keys(fn, freed)
                    if not after and keys and not guards and not controls and not gfp_api \
                            and not documented_atomic(fn) and state_branch(fn, p.call.node, sleeping) is None:
                        after = (keys, _at(p.call, p.sleep))
                    continue
                if guards and controls:  # a test on the path and a ``wait`` parameter (irdma_ah_cqp_op())
                    guards += [c for c in controls if c[0] not in {pi for pi, _ in guards}]
                if len(guards) > 1:  # every test must pass: the caller's arguments decide together
                    conj.append((tuple(guards), _at(p.call, p.sleep)))
                elif guards:  # ``if (delay) msleep(delay);``: the caller's argument decides
                    mode = state_branch(fn, p.call.node, sleeping) is not None
                    for pi, kind in guards:
                        _add_kind(params, pi, kind, _at(p.call, p.sleep))
                        if not mode:  # (sound/core/pcm_native.c snd_pcm_action_group(): ``if
                            # (!stream_lock) mutex_lock(); else if (s->pcm->nonatomic) mutex_lock();
                            # else spin_lock();``: a stream lock is no sleep for atomic PCMs)
                            kinds.setdefault(pi, set()).add(kind)
                            witness.setdefault((pi, kind), _at(p.call, p.sleep))
                elif controls:  # a ``sleep_ok`` / ``atomic`` parameter: the caller decides
                    for pi, kind in controls:
                        params.setdefault(pi, (kind, _at(p.call, p.sleep)))
                elif not gfp_api and not documented_atomic(fn) and state_branch(fn, p.call.node, sleeping) is None \
                        and not variant_gated(fn, p.call.node):
                    at.append(p.call.node)
                    if sleeps is None:
                        sleeps = _at(p.call, p.sleep)
            conj, merged = _merged_outcomes(conj)
            for tests, s in merged:  # a test both outcomes of which sleep under the same others
                if not tests:
                    sleeps = sleeps or s
                elif len(tests) == 1:
                    (pi, kind), = tests
                    params.setdefault(pi, (kind, s))
                    kinds.setdefault(pi, set()).add(kind)
                    witness.setdefault((pi, kind), s)
            either: dict = {}
            for pi, (kind, s) in list(params.items()):
                # both outcomes of one test sleep: ``if (!irq) return ata_host_register(); ...
                # devm_request_irq(); ata_host_register();`` (ata_host_activate()) sleeps whatever irq is
                if _complement(kind) in kinds.get(pi, ()):
                    del params[pi]
                    if sleeps is None:
                        sleeps = s
                        # the witness for a caller's constant: the outcome it takes
                        # (ti_hecc_transceiver_switch(priv, 0): regulator_disable(), not _enable())
                        either[pi] = tuple((k, witness[(pi, k)]) for k in sorted(kinds[pi]) if (pi, k) in witness)
            acquires: tuple = ()
            releases: tuple = ()
            maybe: tuple = ()
            ex = self._exit.get(key)
            if ex is not None:
                ops = self.ops(fn)
                scoped = {op.key for lst in ops.values() for op in lst if op.action in ("guard", "scoped")}
                # an acquire in a loop over objects (drbd lock_all_resources()) holds at exit on every
                # path but the zero-iteration one; a scoped_guard() body is not such a loop
                looped = {k for k in ex.may - ex.must - scoped if all(
                    op.action == "enter" and _on_cycle(fn.cfg, fn.calls[i].node)
                    for i, lst in ops.items() for op in lst if op.key == k)}
                # a lock wrapper's locks (on every path, or taken in a loop over objects); the other
                # contexts only on every path, only from a function that does not sleep itself and
                # never ends that context itself: schedule() disables preemption around
                # __schedule() and re-enables it with sched_preempt_enable_no_resched(), usb_sg_wait()
                # waits with a spinlock's interrupts on and off in turn, and i915's _wait_for_atomic()
                # loops enable and disable preemption on every turn; none hands its caller an atomic
                # context
                plain = sleeps is None and not params
                ended = {op.key[0] for lst in ops.values() for op in lst
                         if op.action in ("exit", "exit-held", "release-all")}
                held = sorted(k for k in (ex.must | looped) - scoped if k != OUTER and (
                    k[0] in _LOCKS or k[0] in _WRAPPED and plain and k in ex.must and k[0] not in ended))
                if OUTER in ex.must:  # what it holds at exit on some paths only, its caller's
                    # context kept: a conditional lock helper (drivers/clk/clk.c clk_enable_lock(),
                    # kernel/workqueue.c try_to_grab_pending() and work_grab_pending() that loops on
                    # it); not a lock taken and dropped under one repeated test (``correlated``),
                    # nor what a helper it called may have taken when it releases that kind itself:
                    # kernel/irq/manage.c enable_irq() returns early when irq_get_desc_buslock()
                    # found no descriptor (and took no lock), and releases it on the other path
                    maybe = tuple(sorted({k[0] for k in ex.may - ex.must - scoped - looped
                                          if k != OUTER and (k[0] in _LOCKS or k[0] in _WRAPPED and plain)
                                          and (k[0] not in ended if k[1] == MAYBE else not self.correlated(fn, k))}))
                if held and OUTER in ex.must:  # not a function that drops and retakes its caller's lock
                    # (nor a lock it asserts its caller holds: lockdep_assert_held())
                    asserted = {op.key for lst in ops.values() for op in lst if op.action == "asserted"}
                    acquires = tuple(k for k in held if k not in asserted)
                elif OUTER not in ex.must and not held:  # drops its caller's lock and keeps it dropped
                    exits = [self.atomic[c.callee] for c in fn.calls
                             if c.callee in self.atomic and self.atomic[c.callee].action == "exit"]
                    # a spin_unlock_bh() also ends a local_bh_disable() the caller made, if it did;
                    # and what the unlock wrappers it calls drop, it drops (mm/memcontrol-v1.c
                    # folio_memcg_unlock() -> __folio_memcg_unlock(): rcu_read_unlock()), unless
                    # it calls a lock helper whose summary says nothing (_silent_lock_helper)
                    wrapped = set() if self._silent_lock_helper(fn, ops) else {
                        op.key[0] + "?" if op.action == "exit-held" else op.key[0]
                        for lst in ops.values() for op in lst if op.action in ("release-all", "exit-held")}
                    releases = tuple(sorted({a.kind for a in exits} | {a.also + "?" for a in exits if a.also} | wrapped))
            result = Summary(sleeps, params, acquires, releases, tuple(conj), tuple(at), puts,
                             after if sleeps is None else (), either, tuple(locked[:_MAX_LOCKED]), maybe)
        finally:
            self._busy.discard(key)
        self._summary[key] = result
        self._end("summary", key, depth, saved)
        return result


#: the sleeps under a function's own sections it keeps for its callers (``Summary.locked``)
_MAX_LOCKED = 8

#: words of struct names that say nothing of what a struct is (``_member_named``)
_GENERIC_WORDS = frozenset(("ops", "operations", "data", "priv", "info", "dev", "device", "desc", "ctx", "context",
                            "state", "config", "cfg", "params", "param", "s", "t"))

#: how many calls down a function's lock operations are looked for (``_has_ops()``), through
#: functions of a wrapper's size only (at most this many calls): looking through every function
#: made each one's summary depend on its callees' and ran out of stack on the kernel's core
_WRAPPER_DEPTH = 2
_WRAPPER_CALLS = 3
#: the contexts a function may return holding, for its callers (summary()): a lock wrapper's locks
#: (drbd lock_all_resources()), and interrupts, preemption or BHs off or an RCU read side that it
#: leaves for its caller to end (kernel/power/suspend.c arch_suspend_disable_irqs():
#: local_irq_disable(), then suspend_enter() runs syscore_suspend() and ``syscore_ops.suspend``)
_LOCKS = frozenset(("spinlock", "rwlock"))
_WRAPPED = _LOCKS | {"irq", "preempt", "bh", "rcu"}

#: calls followed down from where an atomic context starts, looking for ops-member calls
_MEMBER_DEPTH = 3
#: callers followed up from a helper to find whether every call of it is atomic (_always_atomic):
#: drivers/ata ata_qc_issue() <- ata_scsi_qc_issue() <- ata_scsi_translate() <- __ata_scsi_queuecmd()
#: <- ata_sas_queuecmd() <- libsas's sas_queuecommand() under the port lock
_HELPER_DEPTH = 5


def _plain_lock(text: str) -> bool:
    """A lock named as the address of a lock object (``&cdev->lock``, ``&printing_lock``), the
    way spin_lock() and its kin are called, or a context without a name (interrupts off:
    c2port_reset()'s local_irq_disable()); not a cast a bit lock's wrapper hands on
    (``(unsigned long *)b`` of hlist_bl_lock() under fs/namei.c __lookup_slow(): before
    __bit_spin_unlock() was knowledge, its release went unseen and every
    ``inode_operations.lookup`` became atomic in a model build). Kept as a guard against releases
    the dataflow misses, where a veto set aside would spread a false context kernel-wide; a model
    build without it has not been checked since the knowledge was mended."""
    return not text or text.startswith("&")


def _sibling_guarded(fn: FunctionFacts, c: Call) -> bool:
    """Whether the call through a member (``ops->get(cpu)``) runs only when another member of the
    same object is set: drivers/cpufreq/cpufreq.c cpufreq_quick_get() calls ``cpufreq_driver->get``
    under its read lock only ``if (cpufreq_driver->setpolicy && cpufreq_driver->get)``, for the
    setpolicy drivers, not for the target drivers whose get() takes a mutex. A test of the member
    itself (``if (f->disable) f->disable(f);``) is no such guard."""
    e = c.callee_expr
    if e.kind != "field" or not e.sub:
        return False
    base = re.escape(" ".join(e.sub[0].strip().text.split()))
    sibling = re.compile(rf"(?<![\w.>]){base}\s*(?:->|\.)\s*(\w+)")
    return any(m.group(1) != e.name for _, t in guarding_conds(fn.cfg, fn.conds, c.node)
               for m in sibling.finditer(t))


def _direct(s: Sleep) -> bool:
    """A sleep of the function's own, or of a callee's own (at most one call down); not one through
    a kernel-wide ops member (``_shared_member``)."""
    if s.kind in ("member", "variant", "memory"):
        return False
    return s.kind != "call" or sum(1 for st in s.chain if st.kind == "call") <= 1


def _forwards(t: FunctionFacts, field: str) -> bool:
    """Whether ``t``, stored in a member named ``field``, calls through a member of that name
    itself: a stacking driver's forwarder (bond_main.c bond_ipsec_add_sa() calling the slave's
    ``xdo_dev_state_add``), which does what the functions stored below it do."""
    return any(member_call(x) and x.callee_expr.name == field for x in t.calls)


def _alternatives(e: Expr) -> list[Expr]:
    """The values a conditional expression may take (``hwp_active ? f_hwp : f``, nested), else ``e``."""
    e = e.strip()
    return [x for s in e.sub for x in _alternatives(s)] if e.kind == "cond" else [e]


def member_call(c: Call) -> bool:
    """A call through a struct member: ``ops->member(...)``."""
    return not c.callee and c.callee_expr is not None and c.callee_expr.kind == "field"


_FLAG_CONSTANT = re.compile(r"\b[A-Z][A-Z0-9_]*_F_[A-Z0-9_]+\b")


def _flags_set(ff, types: TypeInfo) -> frozenset[str]:
    """The members (``struct S.member``) a file sets to anything but a constant 0, by assignment
    or designated initialiser: ``pcm->nonatomic = true``, ``.nonatomic = 1``, ``gc->can_sleep =
    regmap_might_sleep(map)`` (a choice made at run time is the driver's word too; an
    AtomicCallback's ``unless``, Analyzer._opted_out). Not an assignment decided by a test of that member
    (sound/soc/soc-pcm.c: ``if (fe_substream->pcm->nonatomic && !be_substream->pcm->nonatomic)
    be_substream->pcm->nonatomic = 1;`` passes on another PCM's choice, it makes none), nor a copy
    of a member of that name (soc-pcm.c soc_new_pcm(): ``pcm->nonatomic =
    rtd->dai_link->nonatomic;`` is every ASoC card's PCM, each link's own choice)."""
    def on(e: Expr, member: str) -> bool:
        e = e.strip()
        return not (e.kind == "const" and e.text in ("0", "false", "NULL")) \
            and re.search(rf"(?:->|\.)\s*{re.escape(member)}\b", e.text) is None
    got = {f"{ini.struct}.{ini.member}" for ini in ff.initializers if on(ini.value, ini.member)}
    # the flag constants a file passes or stores: ``BLK_MQ_F_SHOULD_MERGE | BLK_MQ_F_BLOCKING`` (an
    # AtomicCallback's ``unless`` that is no member, drivers/nvme/host/tcp.c nvme_alloc_io_tag_set())
    values = [ini.value.text for ini in ff.initializers] + [x.text for fn in ff.functions for x in
                                                            [a.rhs for a in fn.assigns] + [a for c in fn.calls for a in c.args]]
    got.update(t for v in values for t in _FLAG_CONSTANT.findall(v))
    for fn in ff.functions:
        for a in fn.assigns:
            if a.lhs.kind == "field" and a.op == "=" and on(a.rhs, a.lhs.name) and not any(
                    re.search(rf"\b{re.escape(a.lhs.name)}\b", t) for _, t in guarding_conds(fn.cfg, fn.conds, a.node)):
                got.add(f"{types.base_tag(fn, a.lhs)}.{a.lhs.name}")
    return frozenset(got)


def _bus_handles(program: Program) -> dict:
    """api -> file -> [(bus_handles entry, Loc)]: the handle constructors each file calls, in file
    order (the first sleeping one names the bus in messages)."""
    handles = program.knowledge.sections.get("bus_handles", {})
    out: dict[str, dict[str, list]] = {}
    for fn in program.functions():
        for c in fn.calls:
            e = handles.get(c.callee)
            if e is not None:
                out.setdefault(e.api, {}).setdefault(fn.path, []).append((e, c.loc))
    for files in out.values():
        for made in files.values():
            made.sort(key=lambda m: (m[1].line, m[1].col))
    return out


def _callers(program: Program) -> dict:
    """name -> the functions that call it (through a table of function pointers too)."""
    out: dict[str, list] = {}
    tables = program.summary("tables", _tables)
    for fn in program.functions():
        names = {c.callee for c in fn.calls if c.callee}
        if tables:
            names.update(n for c in fn.calls if not c.callee for n in call_names(program, fn, c))
        for name in names:
            out.setdefault(name, []).append(fn)
    return out


def _tables(program: Program) -> dict:
    """(path, array) -> the names a file-scope array of ``path`` is initialised with (FileFacts.tables)."""
    return {(ff.path, name): names for ff in program.files for name, names in ff.tables}


def call_names(program: Program, fn: FunctionFacts, c: Call) -> tuple[str, ...]:
    """The names call ``c`` may call: its callee, or the functions of the file's table of function
    pointers it calls through (sound/soc/soc-pcm.c soc_pcm_trigger(): ``trigger[start][i](substream,
    cmd, 0)`` is snd_soc_link_trigger(), snd_soc_pcm_component_trigger() or
    snd_soc_pcm_dai_trigger())."""
    if c.callee:
        return (c.callee,)
    e = c.callee_expr
    if e is None or e.kind != "index":
        return ()
    tables = program.summary("tables", _tables)
    if not tables:
        return ()
    root = e.root_var()
    if not root or fn.local(root) is not None:
        return ()
    return tables.get((fn.path, root), ())


def _ops_tables(program: Program) -> dict:
    """``struct S`` -> [(path, members set)] for each ops table of that type a file defines with a
    designated initialiser (a table ends where a member repeats: the files keep no table names)."""
    out: dict[str, list] = {}
    for ff in program.files:
        tables: dict[str, list[set]] = {}
        for ini in sorted(ff.initializers, key=lambda i: (i.loc.line, i.loc.col)):
            if ini.struct:
                cur = tables.setdefault(ini.struct, [set()])
                if ini.member in cur[-1]:
                    cur.append(set())
                cur[-1].add(ini.member)
        for tag, sets in tables.items():
            out.setdefault(tag, []).extend((ff.path, frozenset(m)) for m in sets)
    return out


def own_releases(program: Program) -> dict:
    """``struct S.m`` -> [(function, how)]: the releases that a put function of the knowledge's
    ``callback_releases`` with ``action`` -1 runs for an object ``&X->m``, X of type S, by what
    the program stores: ``X->m.type = &table`` (a member of the entry's ``tables``) where ``table``'s
    designated initialiser sets ``.release = fn``, ``X->m.release = fn`` (the entry's ``member``),
    or a binder call ``kobject_init(&X->m, &table)``."""
    entries = [cb for cb in program.knowledge.sections.get("callback_releases", {}).values() if cb.action < 0]
    tables_at = {m for cb in entries for m in cb.tables}
    direct = {cb.member for cb in entries if cb.member}
    binders = {b for cb in entries for b in cb.binders}
    types = program.summary("types", TypeInfo.of)
    #: table name -> [(path, release name)]
    tables: dict[str, list[tuple[str, str]]] = {}
    for ff in program.files:
        for ini in ff.initializers:
            name = value_name(ini.value) if ini.variable and ini.member == "release" else None
            if name:
                tables.setdefault(ini.variable, []).append((ff.path, name))
    out: dict[str, list] = {}

    def add(fn: FunctionFacts, obj: Expr, kind: str, value: Expr, how: str) -> None:
        obj = obj.strip()
        if obj.kind == "var":  # ``dev = &rport->dev; dev->release = fc_rport_dev_release;``
            got = [a.rhs.strip() for a in fn.assigns if a.lhs.kind == "var" and a.lhs.name == obj.name]
            if len(got) == 1 and got[0].kind == "addr" and got[0].sub:
                obj = got[0].sub[0].strip()
        name = value_name(value)
        tag = types.base_tag(fn, obj) if obj.kind == "field" and name else ""
        if not tag:
            return
        if kind == "table":
            rows = tables.get(name, ())
            rows = [r for r in rows if r[0] == fn.path] or [r for r in rows if r[0] != fn.path]
            names = [(path, r, f"{name}.release = {r}, {how}") for path, r in rows]
        else:
            names = [(fn.path, name, how)]
        for path, r, text in names:
            t = program.lookup(r, path)
            if t is not None:
                out.setdefault(f"{tag}.{obj.name}", []).append((t, text))

    for fn in program.functions():
        for a in fn.assigns:
            if a.op == "=" and a.lhs.kind == "field" and a.lhs.sub and a.lhs.name in tables_at | direct:
                kind = "table" if a.lhs.name in tables_at else "release"
                add(fn, a.lhs.sub[0], kind, a.rhs, f"{a.lhs.text} = {a.rhs.text} in {fn.name}()")
        for c in fn.calls:
            if c.callee in binders and len(c.args) > 1:
                obj = c.args[0].strip()
                if obj.kind == "addr" and obj.sub:
                    add(fn, obj.sub[0], "table", c.args[1], f"{c.callee}({c.args[0].text}, {c.args[1].text}) in {fn.name}()")
    return out


def took_reference(fn: FunctionFacts, c: Call, exits: frozenset[str]) -> bool:
    """Whether ``fn`` takes, itself, the reference that the put function ``c`` drops: a call of the
    matching get (``scsi_device_get(sdev)`` for ``scsi_device_put(sdev)``) on the same object.
    That reference is the last one when the object was released meanwhile (the lock dropped and
    retaken around the work, drivers/scsi/scsi_lib.c scsi_single_lun_run() of 6.1; a device found
    offline by a test of the object after the get, ``!scsi_device_online(sdp)`` in
    ufshcd_set_dev_pwr_mode()), so the put may run the release there; a caller that
    drops a reference it got from elsewhere is presumed to hold another (a list's, its caller's).
    Not an object ``fn`` was passed (in a variable of that name), which its caller keeps alive for
    the call: drivers/scsi/scsi_transport_fc.c fc_remote_port_create(shost, ...) takes a host
    reference for its list and drops it again under the host lock when device_add() fails, on the
    LLD's own host; drivers/infiniband/hw/hfi1/driver.c set_all_fastpath(dd, rcd) gets and puts the
    context its interrupt handler is serving."""
    if "put" not in c.callee or not c.args:
        return False
    get, obj = "get".join(c.callee.rsplit("put", 1)), _norm(c.args[0].text)  # input_put_device: input_get_device
    if any(p.name == obj for p in fn.params):
        return False
    at = (c.loc.line, c.loc.col)
    for g in fn.calls:
        if g.callee != get or not g.args or _norm(g.args[0].text) != obj or (g.loc.line, g.loc.col) >= at:
            continue
        between = [o for o in fn.calls if (g.loc.line, g.loc.col) < (o.loc.line, o.loc.col) < at]
        # the object may have been released meanwhile only if the lock keeping it listed was
        # dropped since the get, or it was found going away: a put right after a get under one
        # lock (nvmet-fc's "get; if (!queue_work(...)) put;", a list walk under RCU) undoes the
        # get while the list's own reference, which that lock protects, is still held
        if any(o.callee in exits for o in between) \
                or any(o.negated and o.args and _norm(o.args[0].text) == obj for o in between):
            return True
    return False



def _async_struct(fn: FunctionFacts, c: Call) -> bool:
    """Whether the call passes ``&cmd`` of a local struct whose member ``fn`` sets to an ``_ASYNC``
    constant (``struct il_host_cmd cmd = { .flags = CMD_ASYNC }; il_send_cmd(il, &cmd);``,
    drivers/net/wireless/intel/iwlegacy/3945.c il3945_send_led_cmd()): the same request not to
    sleep as a ``CMD_ASYNC`` argument, carried in the command."""
    names = set()
    for a in c.args:
        a = a.strip()
        if a.kind == "addr" and a.sub and a.sub[0].strip().kind == "var":
            names.add(a.sub[0].strip().name)
    if not names:
        return False
    return any(x.lhs.kind == "field" and x.lhs.sub and x.lhs.sub[0].kind == "var" and x.lhs.sub[0].name in names
               and _ASYNC.search(x.rhs.text) for x in fn.assigns)


def _own_release(fn: FunctionFacts) -> bool:
    """Whether a sleeping release function that ``fn`` hands to ``kref_put()`` makes ``fn`` sleep
    for its callers: a driver's own static helper (scsi_dh_alua.c alua_rtpg_queue(), whose
    ``kref_put(&pg->kref, release_port_group)`` drops the reference it took when queueing fails)
    runs the release synchronously (include/linux/kref.h kref_put(): ``release(kref)``), and its
    callers in the same file share its reference protocol. A put function (kobject_put(),
    put_device(), a driver's ``foo_put()``: named ``*put`` or doing nothing but the put) is called
    by holders of other references (nvmet_fc_tgt_a_put() under the target port's lock,
    n_gsm.c muxnet_put() after muxnet_get()): there the release is reported where it is passed,
    not in every caller; so is an exported function's."""
    if not fn.static or fn.path.endswith(".h") or fn.name.endswith("put"):
        return False
    return len({c.callee for c in fn.calls if c.callee}) > 1


def _fallback(fn: FunctionFacts, node: int) -> bool:
    """Whether CFG ``node`` runs only when an ops member that ``fn`` calls through is NULL: the
    generic fallback of a dispatch ``if (ops->fn) return ops->fn(...); fallback(...);``
    (hid_hw_request(): hdev->ll_driver->request, else __hid_request()). Whether it runs depends on
    the implementation registered, which the function's callers do not decide: such a sleep is
    not the function's own."""
    return _member_tested(fn, node, {_norm(c.callee_expr.text) for c in fn.calls if member_call(c)}, null=True)


def _member_tested(fn: FunctionFacts, node: int, members: set[str], null: bool) -> bool:
    """Whether CFG ``node`` runs only where one of ``members`` (normalised texts) was tested NULL
    (``null``) or set (not ``null``)."""
    if not fn.conds or not members:
        return False
    for cnode, text in fn.conds:
        t = _unwrap_cond(text)
        negated = t.startswith("!")
        if _norm(t.lstrip("!")) in members:
            branch = (TRUE if negated else FALSE) if null else (FALSE if negated else TRUE)
            if not _reachable_without(fn.cfg, node, cnode, branch):
                return True
    return False


_CONTEXT = {"rcu": "RCU read-side", "bh": "softirq (BHs disabled)"}


def _context_of(key: Key) -> str:
    """The context a callee runs in when its caller holds ``key`` (the details go in the how)."""
    return _CONTEXT.get(key[0], "atomic")


def _merged_outcomes(conj: list) -> tuple[list, list]:
    """Sleeps under several parameter tests at once (``Summary.conj``), with the tests of which
    both outcomes sleep under the same other tests left out: mm/gup.c __gup_longterm_locked()'s
    ``if (!(gup_flags & FOLL_LONGTERM)) return __get_user_pages_locked(...); ...
    __get_user_pages_locked(...)`` sleeps for any ``nr_pages`` but 0, whatever the flags. Returns
    (the conjunctions left, [(tests, Sleep)] of fewer than two tests: a parameter's or none)."""
    entries = {}
    for tests, sl in conj:
        entries.setdefault(frozenset(tests), sl)
    work = list(entries)
    while work:
        t = work.pop()
        for test in t:
            other = _complement(test[1])
            if not other or (t - {test}) | {(test[0], other)} not in entries:
                continue
            rest = t - {test}
            if rest not in entries:
                entries[rest] = entries[t]
                work.append(rest)
    kept = [(tuple(sorted(t)), sl) for t, sl in entries.items() if len(t) > 1]
    return kept, [(tuple(t), sl) for t, sl in entries.items() if len(t) < 2]


def _param_keys(fn: FunctionFacts, keys) -> tuple:
    """Lock keys with a root variable that is a parameter of ``fn`` written ``$i``
    (``&dev->power.lock`` -> ``&$0->power.lock``), for callers to bind (``_bound_keys``); () when
    one cannot be its caller's: a lock of a local (kernel/rcu/tree.c kvfree_call_rcu() unlocks
    ``krcp->lock``, which a helper took and handed back through ``&krcp``), or an unlock whose
    lock is unknown (an unlock wrapper's)."""
    names = {p.name: i for i, p in enumerate(fn.params) if p.name}
    out = set()
    for kind, norm, disp in keys:
        m = re.match(r"([&*]*)([A-Za-z_]\w*)(.*)$", norm)
        if m is None or fn.local(m.group(2)) is not None and m.group(2) not in names:
            return ()
        if m.group(2) in names:
            norm = f"{m.group(1)}${names[m.group(2)]}{m.group(3)}"
        out.add((kind, norm, disp))
    return tuple(sorted(out))


def _bound_keys(c: Call, keys) -> tuple:
    """``Summary.after`` keys in the terms of call ``c``'s arguments: ``&$0->power.lock`` with
    ``&pdev->dev`` -> ``&pdev->dev.power.lock``; a key through an argument that is no plain
    access path keeps only its kind (it releases any lock of the kind, ``released_first``)."""
    out = []
    for kind, norm, disp in keys:
        m = re.match(r"([&*]*)\$(\d+)(.*)$", norm)
        if m:
            i, rest = int(m.group(2)), m.group(3)
            arg = _norm(c.args[i].text) if i < len(c.args) else ""
            if not re.fullmatch(r"&?[A-Za-z_][\w.>\-\[\]]*", arg) or "-" in arg.replace("->", ""):
                norm = ""
            elif arg.startswith("&") and rest.startswith("->"):
                norm = f"{m.group(1)}{arg[1:]}.{rest[2:]}"
            else:
                norm = f"{m.group(1)}{arg}{rest}"
        out.append((kind, norm, disp))
    return tuple(out)


def _at(call: Call, s: Sleep) -> Sleep:
    """The witness of a sleeping point: the chain below the call, ending in the sleeping call."""
    s = s._replace(after=()) if s.after else s
    if s.chain:
        return s
    return s._replace(chain=(Step(call.loc, f"{s.what} may sleep", "danger"),))


def _chain(s: Sleep, call: Call) -> tuple:
    """The witness chain below ``call``. A kernel-model sleep has no steps in this run's files: its
    chain is one step at the call, naming the functions down to the sleeping one and where it is."""
    if s.kind == "model":
        return (Step(call.loc, f"{s.what} may sleep", "danger"),)
    return s.chain
