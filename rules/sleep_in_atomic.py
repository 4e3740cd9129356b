"""A call that may sleep, made in atomic context.

## What it does
Finds allocations whose GFP flags allow sleeping (GFP_KERNEL, GFP_NOIO, GFP_NOFS, GFP_USER,
GFP_KERNEL_ACCOUNT, anything with __GFP_DIRECT_RECLAIM), allocators that always sleep (the vmalloc
family), wrappers that pass their gfp_t parameter on to such an allocation (judged with the
caller's flags), and other sleeping calls (mutex_lock(), msleep(), copy_from_user(),
wait_for_completion()...) made where sleeping is not allowed:
- while a spinlock or rwlock is held, with interrupts, preemption or bottom halves disabled, in an
  RCU read-side critical section or a kmap_atomic() mapping — tracked along every path of the
  function (if/else, switch, loops, goto error paths; trylocks hold where they succeeded);
- in a callback the kernel runs in atomic context: hard-IRQ handlers (request_irq(),
  devm_request_irq(), the primary handler of request_threaded_irq()), timer and hrtimer callbacks,
  tasklets, URB completion handlers, NAPI poll, ndo_start_xmit() and other net_device_ops members;
- in any function called, directly or through other functions in any of the files analysed, from
  such a place.
The finding shows the chain from where atomic context starts to the sleeping call.

## Why is this bad?
Sleeping in atomic context is "BUG: sleeping function called from invalid context": with a
spinlock held it can deadlock the CPU, in an interrupt handler it can corrupt scheduler state. A
GFP_KERNEL allocation only sleeps under memory pressure, so the bug passes testing and fires in
the field. Use GFP_ATOMIC (or GFP_NOWAIT) in atomic context, or move the allocation out of it.

## Example
    spin_lock_irqsave(&priv->lock, flags);
    buf = kmalloc(len, GFP_KERNEL);        /* may sleep with the lock held */
    spin_unlock_irqrestore(&priv->lock, flags);

Use instead:
    buf = kmalloc(len, GFP_KERNEL);
    spin_lock_irqsave(&priv->lock, flags);
    ...
    spin_unlock_irqrestore(&priv->lock, flags);

## Known limitations
Calls through function pointers are followed only where a registrar (request_irq()...) or an
ops-struct initialiser ties them to a function; ``x.function = cb`` assignments are matched by
member name. A lock held on some paths only is reported as a note ("on some paths"), and only for
calls that sleep themselves. A function that releases its caller's lock (unlock, sleep, lock
again) is not considered atomic. Locks taken through wrapper functions, and DECLARE_TASKLET() at
file scope, are not seen.

## References
- Documentation/core-api/memory-allocation.rst (GFP flags and context)
- Documentation/locking/spinlocks.rst
- Documentation/networking/netdevices.rst (contexts of net_device_ops)
- include/linux/gfp_types.h (__GFP_DIRECT_RECLAIM)
"""
from __future__ import annotations

from kmemlint.atomic import Atomic, Sleep
from kmemlint.model import Finding, Precision, Related, Rule, Severity, Step

RULE = Rule(
    id="sleep-in-atomic",
    summary="a call that may sleep in atomic context (spinlock held, IRQ handler, timer...)",
    severity=Severity.WARNING,
    precision=Precision.HIGH,
    tags=("concurrency", "memory", "correctness"),
)


def check(ctx):
    at = Atomic.of(ctx.program, ctx.knowledge)
    for fn in at.fns:
        if fn.cfg.context_tests:
            continue  # it checks whether it may sleep: trust it
        loc_ = at.locals[id(fn)]
        index = {id(c): i for i, c in enumerate(fn.calls)}
        root = at.roots.get(id(fn))
        for s in at.culprits(fn):
            held = loc_.held[index[id(s.call)]]
            if held.must and not at.drops(s.callee, held.must):
                tok = sorted(held.must)[0]
                taken = loc_.taken(tok, s.call.loc)
                steps = [(taken, _taken(tok), "acquire")] if taken is not None else []
                yield _finding(fn, s, _held(tok), steps)
            elif root is not None:
                yield _finding(fn, s, f"in {root.context}", [(root.loc, f"{root.context} {root.how}", "enter")])
            elif held.may and s.callee is None and not s.chain:
                tok = sorted(held.may)[0]
                taken = loc_.taken(tok, s.call.loc)
                steps = [(taken, _taken(tok) + " (on some paths)", "acquire")] if taken is not None else []
                yield _finding(fn, s, f"{_held(tok)} on some paths", steps, may=True)


def _taken(tok: str) -> str:
    return f"{tok} taken here" if "'" in tok else f"{tok} from here"


def _held(tok: str) -> str:
    """How a message says what holds: ``while spinlock '&x' is held``, ``with interrupts
    disabled``, ``in an RCU read-side critical section``."""
    if tok.endswith("disabled"):
        return f"with {tok}"
    if tok.startswith("RCU"):
        return f"in an {tok}"
    if "'" in tok:
        return f"while {tok} is held"
    return f"under {tok}"


def _finding(fn, s: Sleep, where: str, steps, may: bool = False) -> Finding:
    msg = f"{s.what} may sleep {where}"
    if s.why:
        msg += f" ({s.why})"
    elif s.callee is not None:
        msg += f": it reaches {s.chain[-1][1].replace(' may sleep', '')}"
    elif s.chain:
        msg += f" ({s.chain[-1][1]})"
    flow = [Step(loc, text, kind) for loc, text, kind in steps]
    if s.chain:
        flow.append(Step(s.call.loc, f"{s.call.callee}() called here", "call"))
        flow += [Step(loc, text, "call") for loc, text in s.chain[:-1]]
        flow.append(Step(s.chain[-1][0], s.chain[-1][1] if s.callee is not None else f"{s.what} may sleep", "danger"))
    else:
        flow.append(Step(s.call.loc, f"{s.what} may sleep", "danger"))
    related = [Related(st.loc, st.message) for st in flow[:-1] if st.loc != s.call.loc]
    if s.chain:
        related.append(Related(flow[-1].loc, flow[-1].message))
    return Finding(
        rule=RULE.id, level=Severity.NOTE if may else RULE.severity, loc=s.call.loc, message=msg,
        function=fn.name, subject=f"{s.call.callee}() {where}", related=tuple(related), flow=tuple(flow),
        precision=Precision.MEDIUM if may else None,
    )
