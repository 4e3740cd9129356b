"""A call that may sleep in atomic context.

## What it does
Finds allocations whose gfp flags allow sleeping (GFP_KERNEL, GFP_NOIO, GFP_NOFS, GFP_USER...),
allocators that always sleep (the vmalloc family, memdup_user(), alloc_percpu()), well-known
sleeping functions (mutex_lock(), msleep(), copy_from_user(), wait_for_completion()...), the
polling macros of include/linux/iopoll.h and regmap.h when their sleep_us is not 0
(readl_poll_timeout(), regmap_read_poll_timeout(); not their _atomic variants), guards of
sleeping lock classes (``guard(mutex)(&l)``, ``scoped_guard(rwsem_read, &s)``, ``guard(rtnl)()``:
their lock expression, from the class's DEFINE_GUARD / DEFINE_GUARD_COND / DEFINE_LOCK_GUARD_0 in
the headers; ``mutex_try`` does not wait) and calls of functions that reach any of these, while
the code runs in atomic context:

- after spin_lock*(), read_lock*()/write_lock*(), bh_lock_sock(), a successful spin_trylock(), local_irq_disable()
  or local_irq_save(), preempt_disable(), get_cpu(), idr_preload() or a successful
  radix_tree_preload() (preemption off until the _end() call), rcu_read_lock(), local_bh_disable(),
  kmap_atomic(), guard(spinlock...)() or inside scoped_guard(spinlock..., ...) { }, and before
  the matching release, on every path (a warning) or on some paths only (a note); and after
  lockdep_assert_held() of a lock declared spinlock_t, raw_spinlock_t or rwlock_t, or
  assert_spin_locked(): the function says its caller holds that lock (its callers do not hold it
  after calling it, and a lockdep_assert_held() of a mutex says nothing);
- in functions the kernel calls in atomic context: hard interrupt handlers (request_irq(),
  devm_request_irq(), the primary handler of request_threaded_irq(), not its thread function),
  chained interrupt flow handlers (irq_set_chained_handler_and_data()), timers, hrtimers,
  tasklets, URB completion handlers, NAPI poll functions, RCU callbacks (call_rcu(), call_srcu()),
  cross-CPU function calls (smp_call_function_single(), smp_call_function_any(): the IPI, with
  interrupts off), stop_machine() callbacks (interrupts off on every CPU), irq_work (init_irq_work()), dma-fence callbacks (dma_fence_add_callback()),
  softirq handlers (open_softirq()), cpufreq update_util hooks (cpufreq_add_update_util_hook(),
  either function of a conditional argument),
  dmaengine completion callbacks (``desc->callback = fn``, run from the DMA engine's tasklet) and
  the net_device_ops members called with BHs disabled or under RCU (ndo_start_xmit,
  ndo_set_rx_mode, ndo_tx_timeout, ndo_get_stats64), and a PCM's ``trigger``, ``pointer`` and
  ``ack`` callbacks (snd_pcm_ops, under the PCM stream lock with interrupts off), unless a file of
  the driver's directory sets its PCM ``nonatomic`` (``pcm->nonatomic = true``), and a GPIO chip's
  ``get``, ``set``, ``get_multiple`` and ``set_multiple`` unless the file that stores them says
  the chip sleeps (``gc->can_sleep = true``, or a value chosen at run time such as
  ``regmap_might_sleep()``): gpiolib gives such lines to atomic consumers (leds-gpio's
  non-blocking brightness_set, run from the blink timer); a block driver's ``blk_mq_ops.queue_rq``
  and ``queue_rqs`` (blk-mq dispatches under rcu_read_lock()) unless the file that stores them
  names BLK_MQ_F_BLOCKING (or NVME_F_BLOCKING, the nvme transports' word for it) for its tag set;
- in the ``notifier_call`` of a notifier block registered on an atomic notifier chain
  (atomic_notifier_chain_register(), and the kernel model's wrappers of it: panic notifiers,
  register_inet6addr_notifier(), register_netevent_notifier(), a USB PHY's usb_register_notifier(),
  register_switchdev_notifier()), found from the block's initialiser or the assignment to its
  member, and in restart handlers (register_restart_handler(): interrupts off), where an I2C
  transfer is atomic (the I2C core trylocks past SYSTEM_RUNNING) but a delay that sleeps is not;
- in functions stored in an ops member whose struct's own documentation says it runs in atomic
  context: the kernel-doc ``@tx: ... Must be atomic.`` of include/net/mac80211.h, ``@enable: ...
  This function must not sleep.`` of include/linux/clk-provider.h, a comment ``Must not sleep.``
  right before the member (include/linux/leds.h brightness_set); the other name of a documented
  member in the same anonymous union shares its contract (i2c_algorithm's ``master_xfer_atomic``,
  one slot with ``xfer_atomic``); in the analysed headers and the
  kernel model; such a contract outweighs code that calls the member in process context, and one
  under a condition ("if brightness_set_blocking is not set this function must not sleep") is
  not taken, nor one the kernel does not practise: the core that calls the member stores a
  sleeping function of its own there (gpiolib's gpiochip_to_irq() in ``gpio_chip.to_irq``,
  "implementation may not sleep"), or most of its implementations, at least four, sleep
  (``v4l2_subdev_core_ops.interrupt_service_routine``: four I2C receivers of six);
- in functions stored in an ops member that the code calls in atomic context: the analysed files'
  own calls through ``ops->member(...)`` with a lock held or from such a callback (also through a
  local pointer the function set from the member: ``callback = sr->callback; callback(arg)``,
  ``(*func)(skb)``), and the kernel
  model's (``struct uart_ops.start_tx``, ``struct irq_chip.irq_mask``...), and in function
  pointers a kernel helper runs in atomic context (an ``ieee80211_iterate_active_interfaces_atomic()``
  iterator runs under RCU; a function-pointer parameter a driver's helper stores in such a member,
  ``urb->complete = cb``, registers what its callers pass; a local set to what a lookup returns,
  ``func = ax25_protocol_function(pid); (*func)(skb, ax25)``, is the member that lookup read); a
  member called from an interrupt or softirq callback (a URB
  completion, an IRQ handler, a timer, a tasklet), through helpers of the callback's own module
  tree, runs in interrupt context on that transport even when another path calls it in process
  context (``hid_driver.raw_event``: usbhid's URB completion -> hid_input_report(); i2c-hid calls
  it from a thread), unless a function on the way sleeps itself (then that call is the bug: qcom
  tsens's hard-irq handler calling thermal_zone_device_update()) or the callback's own directory
  stores functions in that member (rtd520's interrupt handler reaches comedi's
  ``subdevice.cancel`` for its own subdevices, not usbdux's), while a member one core
  function calls under its lock and another in process context is taken for process context;
- in a global function that the kernel model saw called in atomic context from a file the run
  does not have (``kmemlint model show NAME``: net/netrom/af_netrom.c nr_rx_frame() calls
  nr_in.c's nr_process_rx_frame() under bh_lock_sock()); a run that has the caller judges the
  call there instead. The model knows the callers in the core and in the driver directories that
  export symbols, not those of leaf drivers;
- regmap I/O (regmap_read(), regmap_update_bits(), regmap_field_write()...) in a file whose
  regmaps are all made over a bus whose transfers sleep (devm_regmap_init_i2c(), _spi(), _sdw(),
  _mdio()...; a file that makes none: its directory's files): such a regmap locks with a mutex
  and waits for the transfer (``bus_handles`` and ``bus_io`` in rules/knowledge/buses.toml); one
  MMIO, syscon or parent (dev_get_regmap()) regmap there and its I/O is not judged;
- in anything these call, across files, and in the kernel functions they call: the kernel model
  (``kmemlint model show NAME``) knows which of them sleep, with the chain down to the sleeping
  call (``device_release_driver() -> device_lock() -> mutex_lock()``); a test of an argument
  whose other branch only returns an error (``if (irq == IRQ_NOTCONNECTED) return -ENOTCONN;``)
  does not make the sleep after it the caller's choice, and a callee that sleeps unless given NULL
  (device_add()) sleeps for any pointer its caller has.

A call through a struct member (``priv->hw_ops->reset(priv)``) sleeps when every function the
driver stores in that member sleeps (a stacking driver's own function that only calls through a
member of the same name, bonding's ``xdo_dev_state_add``, does not count); when at least half of
them do and the struct is the driver's own (defined outside include/), the call is reported where
it is made in atomic context (hso's ``serial->write_data()``: one of its two port kinds sleeps),
not passed on to its callers. When at least two, and half, of the stored functions sleep for the
value an argument has, the call sleeps for it: __hid_hw_raw_request() hands its ``reqtype`` to
``hdev->ll_driver->raw_request``, whose USB, I2C and uhid transports sleep for
HID_REQ_GET_REPORT and HID_REQ_SET_REPORT, so hid_hw_raw_request(..., HID_REQ_GET_REPORT) sleeps. Where the caller's
directory stores no function of its own in the member, the call reaches what other drivers store
there: it may sleep when one of those functions, in the analysed files or in the kernel model's
table of ops implementations, sleeps whatever its arguments (``slave->dev->xfrmdev_ops->
xdo_dev_state_add()`` may be mlx5's, which allocates with GFP_KERNEL) and the kernel itself calls
the member in process context (net/xfrm/xfrm_device.c, after a GFP_KERNEL allocation), so that
sleeping is within the member's contract; that is reported where the call is made in atomic
context, not passed on to its callers. A member no core code calls in process context
(``dma_device.device_prep_slave_sg``, called by drivers in atomic context too) is not judged by
its implementations. A release function passed
to ``kref_put()``-style helpers sleeps at that call when it sleeps, and a driver's own static
helper making such a call sleeps for its callers (the reference it drops may be the last). So
does ``put_device(&X->m)`` (``kobject_put(&X->kobj)``) when the release of the object, chosen by
its type, sleeps: the ``.release`` of the ``struct device_type`` stored in ``X->m.type``
(``sdev->sdev_gendev.type = &scsi_dev_type``), or ``X->m.release`` (a kobject: its ktype's,
``kobject_init(&X->kobj, &ktype)``), for X's struct type only. A put function such as
``scsi_device_put()`` sleeps at a call whose caller took that reference itself
(``scsi_device_get(sdev)`` earlier in the same function): the object may have gone meanwhile,
and the put then runs its release. A wrapper that passes its gfp_t parameter to a sleeping allocation is judged by the flags its
caller passes: ``foo_alloc(dev, GFP_KERNEL)`` under a spinlock is reported at that call. So is a
call whose argument makes the callee sleep inside a lock or atomic section of the callee's own,
whatever the caller's context: drivers/net/wireless/ath/ath12k/dbring.c ath12k_dbring_fill_bufs()
kzalloc()s with its caller's mask under spin_lock_bh(), and ath12k_dbring_buf_setup() passes
GFP_KERNEL (a caller handing on its own mask leaves the choice to its callers). A gfp
mask is the caller's word that the callee may sleep: a function whose body neither the analysed
files nor the kernel model has, given GFP_KERNEL, may sleep, and so does a call through a member
whose stored functions allocate with the mask it hands them (usb_ep_alloc_request(): each UDC's
``alloc_request`` kzalloc()s with it; usb_ep_queue()'s ``queue`` implementations do not, and the
model, which keeps every function with a gfp_t parameter, says so). kvfree() may sleep: which
allocator kvmalloc() used is no choice of its caller, and vfree() sleeps outside interrupt
context (it defers in interrupts, softirqs and with BHs off, spin_lock_bh() included).

## Why is this bad?
A sleeping function called with a spinlock held, interrupts or preemption disabled, or in
interrupt context may schedule away while the CPU must not: the kernel reports "BUG: sleeping
function called from invalid context" and the system can deadlock (another task spins forever
on the held lock) or corrupt the interrupted context.

## Example
    spin_lock_irqsave(&priv->lock, flags);
    buf = kmalloc(len, GFP_KERNEL);      /* may sleep with the lock held */
    spin_unlock_irqrestore(&priv->lock, flags);

Use instead: allocate before taking the lock, or use GFP_ATOMIC (and handle failure):
    buf = kmalloc(len, GFP_ATOMIC);

## Known limitations
Function pointers are followed where the analysed files store functions in a struct member
(initialisers, assignments) and where the kernel model or rules/knowledge/atomic.toml says a
helper runs them; a member with several functions sleeps only when all of them do and no ops
table of that type there leaves it NULL (amdgpu's KIQ ring functions set no ``begin_use``), and an
ops member counts as called in atomic context through helpers only when every call of the helper is
(or, for a module's own helpers that are not exported, is made from a helper every call of which
is: ppp_generic.c's ppp_ccp_peek() calling ``ppp->rcomp->decomp_init`` under ppp->rlock two calls
up). A function stored in a member of a struct these files do not declare (``uart.port.set_divisor
= fn`` with ``struct uart_8250_port`` from a kernel header) goes to the one ops member of that name
the kernel model knows, if there is only one. A file's function that the file also defines as a
function-like macro is another configuration's variant (drivers/mtd/chips/cfi_cmdset_0002.c:
with CONFIG_MTD_XIP xip_disable() disables interrupts, without it it is an empty macro): its
calls say nothing, as macro variants that differ do.
The kernel model is path-insensitive below its own parameters: a kernel function that sleeps on
some path its caller cannot rule out is taken to sleep, except that a function taking gfp flags
sleeps only as those flags allow, a dispatch's generic fallback behind ``if (ops->fn)`` is not
the dispatcher's own sleep, and a sleep inside a branch on a run-time mode of an object (a member's
bits, a member compared with a named constant, a predicate call, a member named for blocking
such as ``tx_block`` or ``async``: ``if (miter->__flags & SG_MITER_ATOMIC) kunmap_atomic(); else
kunmap();``, mbox_send_message()'s ``if (chan->cl->tx_block)``; a member's bits tested with no
else branch are a state, not a mode: dev_close()'s ``if (dev->flags & IFF_UP)``) is not its callers', nor is one
behind a test of the execution context, or past an early return of its atomic outcome
(drivers/crypto/ccp/sev-dev.c sev_wait_cmd_ioc(): ``if (irqs_disabled()) { ...udelay()...; return; }``
then wait_event_timeout(), for its panic notifier), also kept in a local (i915's ``bool not_atomic =
!in_atomic() && !irqs_disabled();`` then ``might_sleep_if(loop && not_atomic)`` and ``if
(likely(not_atomic)) msleep_interruptible(...)``: an atomic caller spins) (a sleep after an early
return on state, on a full ring or behind a null test still is). What comes after a call that
never returns (panic(), BUG(), do_exit(), kthread_exit()) on every path is not reached. A function whose kernel-doc
``Context:`` allows atomic callers (``Context: any (IRQs may be blocked, etc)``: spi_async()) and
says nothing of sleeping is taken at its authors' word. A driver that calls
pm_runtime_irq_safe() has made runtime-PM resumes atomic-safe for its files (``atomic_safe`` in
rules/knowledge/atomic.toml). An ops member is taken to run
in atomic context only when no code in process context (a function that sleeps with no lock
held, or what it calls) calls it too: ``notifier_block.notifier_call`` is not; but a file that calls
the member under a lock it takes itself and also in process context is not vetoed by its own
process-context call (drivers/usb/gadget/composite.c runs ``usb_function.disable`` under its
``cdev->lock`` on every disconnect and unlocked from usb_remove_function()), when the lock is
named by its address or is an unnamed context (interrupts off), and the locked call is not
guarded by another member of the object (cpufreq_quick_get() calls ``cpufreq_driver->get``
under its lock only for setpolicy drivers), whichever locked caller reaches its helper first
(the shipped model, built before that was so, still vetoes ``usb_function.disable``). A member
copied into one called in atomic context runs there too (net/sched/sch_generic.c qdisc_alloc():
``sch->enqueue = ops->enqueue``) when nothing else is known of it. Locks are identified by the text of their argument, so
an unlock through another name for the same lock releases every lock of that kind (fewer reports,
not more). guard() holds its lock until the function returns rather than to the end of its
block. Conditions correlated across branches (``if (x) spin_lock(); ... if (x) spin_unlock();``)
are not tracked by the dataflow; a lock taken only under a condition that is tested again in the
function is reported "on some paths" only where it is held whenever it was taken (between
``if (d->lock) spin_lock_irqsave(d->lock, f)`` and the matching ``if (d->lock)`` release, not
after that release nor under ``if (!d->lock)``), and other places are reported as notes "on some
paths" only when the sleeping call is direct. Callers that are themselves called in atomic context are not reported again: the finding
is at the outermost place where the atomic context starts.
A sleeping function that does not sleep when in_interrupt() holds (vfree(), which then defers to
vfree_atomic(); ``in_interrupt`` in rules/knowledge/atomic.toml) is not reported, directly or at
the bottom of a chain, in interrupt, softirq or BH-disabled contexts (a spin_lock_bh() region is
still taken for a plain spinlock).
A callee is taken to sleep only when it does so without a parameter deciding it: a sleep under
``if (p)`` / ``if (!p)``, ``if (p == X)`` / ``if (p != X)``, ``if (p & FLAG)`` or a ``case X:`` of
``switch (p)`` on a scalar parameter, or in a function with a parameter named like ``sleep_ok``,
``may_sleep``, ``atomic`` or ``nowait``, is judged by the caller's argument (constants only), and
a call passing a ``*_ASYNC`` / ``*_NOWAIT`` / ``*_ATOMIC`` / ``MSG_DONTWAIT`` constant is trusted not to sleep. A
test of an amount (``nr_pages``, ``count``, ``len``) whose other branch only returns 0 has nothing
to do for 0: the callee sleeps for any amount but a literal 0 (get_user_pages_fast()). A test both
outcomes of which sleep, under the same other tests, decides nothing. A sleep past an early return
on the object's capability or quirk bits (``if (!(p->capabilities & UART_CAP_RPM)) return;``,
drivers/tty/serial/8250/8250_port.c serial8250_rpm_get()) belongs to the device variants that
have them, as one under a comparison with a named constant does: it is not its callers'. A call through a file's static
table of function pointers (``trigger[start][i](substream, cmd, 0)``, sound/soc/soc-pcm.c) may call
any function the table is initialised with: it sleeps when all of them do, and the ops members
they call run in the caller's context (ASoC's ``snd_soc_dai_ops.trigger`` under the PCM stream
lock, unless the driver's directory or one above it marks its links ``nonatomic``). A callee that unlocks a lock
it did not take (its caller's) and then sleeps (drivers/base/power/runtime.c
__pm_runtime_barrier() around cancel_work_sync()) sleeps under what else its caller holds: a
caller holding only that lock is not reported, one holding another (or, through
pm_runtime_disable(), a driver under its own spinlock) is. A
struct passed by address whose members the caller set to constants (assignments, a designated
initialiser, memset() to 0) closes the callee's paths that test them: ``if (params->async) return
0;`` before a wait (idpf_vc_xn_exec()), ``switch (nctrl->ncmd.s.cmd)`` cases that return. A
member of a struct type that callers fill this way is a command, also through helpers that hand
the struct on: cnic.c cnic_ctl() sleeps for ``switch (info->cmd)`` case CNIC_CTL_STOP_CMD only,
and bnx2x_cnic_ctl_send_bh() calls it under RCU with the info its callers filled with
CNIC_CTL_COMPLETION_CMD; a test of a member of another object (a device's state) is the callee's
own sleep, and one of a command the caller did not fill sleeps. A parameter compared with a
negative sentinel (``if (irq == -1) return 0;``, drivers/xen/events/events_base.c
set_evtchn_to_irq()) sleeps for any value its caller computed and not for that one. A
sleep under the function's own lock, behind a test of its parameter (or a local copy of it) that
every call of the function in the program fails, is not reported (usnic_ib_qp_grp_modify(): ``if
(trans_spec)``, and all its callers pass NULL), unless its address is taken. Likewise a sleep
of a function installed in an ops member the analysed code calls in atomic context, behind a test
of its parameter that every such atomic call of the member fails (drivers/net/can/sja1000/
peak_pci.c peak_pciec_write_reg() drives LEDs over I2C only ``if (port == SJA1000_MOD)``, and
sja1000.c's interrupt handler and spinlocked command writes pass SJA1000_CMR); not when the call
that makes the member atomic is outside the analysed files. A
predicate with no arguments other than the execution-context tests (``in_interrupt()``,
``irqs_disabled()``, ``preemptible()``) is no mode test: i2c_in_atomic_xfer_mode() holds only
past SYSTEM_RUNNING, so i2c_transfer() sleeps for running callers. spin_unlock_bh() and the
_irq/_irqrestore unlocks also end a local_bh_disable() / local_irq_save() section begun before a
plain spin_lock() of that lock. A
sleep on a path the code asserts it does not take is not reported: the body of ``if (WARN_ON(x))``,
a branch on a condition that a BUG_ON()/WARN_ON() before it asserted false, and a branch whose own
BUG_ON()/GEM_BUG_ON() precedes the sleep (a slow path behind an invariant). Lock
and unlock wrappers are understood, also when they take or drop a lock per object in a loop, and
so are functions that leave interrupts, preemption or BHs off or an RCU read side open for their
caller (kernel/power/suspend.c arch_suspend_disable_irqs()), on every path, when they neither
sleep nor end that context themselves. A helper that returns holding a lock or context on some
paths only (drivers/clk/clk.c clk_enable_lock(), kernel/irq __irq_get_desc_lock(),
kernel/workqueue.c try_to_grab_pending(), and the functions that pass it on) leaves its caller
holding it "maybe", and the release after it, direct or through an unlock wrapper, ends that, not
its caller's context: clk_disable(), enable_irq() and cancel_delayed_work() leave their caller's
spinlock held or interrupt handler atomic. A function that calls an unlock wrapper releases its
caller's lock only if every other lock helper it calls says something in its summary (a helper
that balances its own locks makes the release ambiguous: no release, fewer reports lost). A global function of another directory is
followed only when it is exported (EXPORT_SYMBOL*) or the directories nest, as separate modules
cannot call each other's unexported functions; drivers that build one module from sibling
directories are therefore not followed between them.
An object's release is found only where the program stores it through the object's member
itself (``X->m.type = &t``, ``X->m.release = fn``, ``kobject_init(&X->m, &t)``), not through an
alias (``dev = &priv->dev; dev->type = &t``), nor ``dev->class->dev_release``; a put of a member
that is a pointer (``put_device(priv->dev)``) is not resolved. A put function's caller that did
not take the reference itself (no ``foo_get()`` of the same object in the same function) is
presumed to hold another and is not reported.

## References
- Documentation/locking/spinlocks.rst
- include/linux/gfp_types.h: GFP_ATOMIC, GFP_NOWAIT, __GFP_DIRECT_RECLAIM
- Documentation/networking/netdevices.rst: contexts of net_device_ops and NAPI callbacks
- kernel/sched/core.c: __might_sleep(), "BUG: sleeping function called from invalid context"
"""
from __future__ import annotations

import re

from kmemlint.program.atomic import OUTER, Analyzer, Point, phrase
from kmemlint.model import Finding, Precision, Related, Rule, Severity, Step

RULE = Rule(
    id="sleep-in-atomic",
    summary="a call that may sleep in atomic context (under a spinlock, in an interrupt handler)",
    severity=Severity.WARNING,
    precision=Precision.HIGH,
    tags=("memory", "locking", "correctness"),
)

_TAKEN = {
    "irq": "interrupts disabled here", "preempt": "preemption disabled here",
    "rcu": "RCU read-side critical section starts here", "bh": "bottom halves disabled here",
    "kmap": "kmap_atomic() here",
}


def check(ctx):
    an: Analyzer = ctx.program.summary("atomic", Analyzer)
    for fn in ctx.program.functions():
        if ctx.report is not None and fn.path not in ctx.report:
            continue  # a finding is a sleeping point of its own function: the others are context
        reported = set()
        for c, sleep in an.locked_calls(fn)[0]:
            reported.add(c.node)
            yield _locked_finding(fn, c, sleep)
        root = an.roots.get((fn.path, fn.name))
        if root is None and not an.ops(fn):
            continue
        for p in an.points(fn):
            if p.call.node in reported:
                continue  # (the callee's own section is the finding there)
            if p.sleep is None or (p.sleep.kind == "member" and not an.process_member(fn, p.call)) \
                    or _interrupt_safe(an, fn, p, root) or _atomic_there(an, p, root) \
                    or an.callers_rule_out(fn, p.call.node) \
                    or root is not None and p.state.must == {OUTER} and an.member_sites_rule_out(fn, p.call.node):
                continue
            f = _finding(an, fn, p, root)
            if f is not None:
                yield f


#: contexts where in_interrupt() holds (include/linux/preempt.h: a hard or soft interrupt, or
#: bottom halves disabled): a root's context, an ops member's, or a held ``bh`` key
_IN_INTERRUPT = re.compile(r"irq|interrupt|softirq|timer|tasklet|NAPI|RCU callback|BHs disabled")


def _innermost(s) -> str:
    """The name of the sleeping call at the bottom of a sleep's witness (``vfree`` of ``kvfree()
    -> vfree() [mm/util.c:702]`` or of a last step ``vfree() may sleep``)."""
    text = s.chain[-1].message if s.chain else s.what
    text = text.removesuffix(" may sleep").split(" [")[0].split(" -> ")[-1]
    m = re.match(r"(?:sleeping function )?(\w+)\(", text.strip())
    return m.group(1) if m else ""


def _interrupt_safe(an: Analyzer, fn, p: Point, root) -> bool:
    """Whether the sleep cannot happen where the call runs: its sleeping call does not sleep when
    in_interrupt() holds (``in_interrupt`` sleepers: vfree()), and the call runs in an interrupt,
    softirq or BH-disabled context (not merely under a spinlock or with interrupts off): BHs are
    off under local_bh_disable() and under a lock taken with its _bh variant (spin_lock_bh(),
    whose knowledge entry says ``also = "bh"``)."""
    entry = an.sleepers.get(_innermost(p.sleep))
    if entry is None or not entry.in_interrupt:
        return False
    if any(k[0] == "bh" for k in p.state.must):
        return True
    held = p.state.must - {OUTER}
    if held and any(an.atomic[c.callee].also == "bh" and any(op.action == "enter" and op.key in held for op in ops)
                    for c, ops in ((fn.calls[i], ops) for i, ops in an.ops(fn).items())
                    if c.callee in an.atomic):
        return True
    return root is not None and OUTER in p.state.must and _IN_INTERRUPT.search(root[0]) is not None


def _atomic_there(an: Analyzer, p: Point, root) -> bool:
    """Whether the sleep's chain passes through a kernel function that works atomically in the
    root's context (``atomic_through`` of its registrar: a restart handler's I2C transfer, which
    __i2c_lock_bus_helper() makes with a trylock past SYSTEM_RUNNING)."""
    if root is None or OUTER not in p.state.must:
        return False
    through = an.atomic_through(root[0])
    if not through:
        return False
    text = " ".join([p.sleep.what] + [st.message for st in p.sleep.chain])
    return any(f"{t}()" in text for t in through)


def _what(s) -> str:
    if s.kind == "sleeper":
        return f"sleeping function {s.what} called"
    if s.kind == "memory" and not any(st.kind == "call" for st in s.chain):  # kvfree() itself
        return f"{s.what} may sleep (it vfree()s memory that kvmalloc() took from vmalloc)"
    if s.kind in ("call", "memory"):
        names = [st.message.removeprefix("calls ") for st in s.chain if st.kind == "call"]
        inner = s.chain[-1].message.removesuffix(" may sleep") if s.chain else ""
        return f"{s.what} may sleep ({' -> '.join(names[1:] + [inner])})"
    return f"{s.what} may sleep"


def _locked_finding(fn, c, sleep) -> Finding:
    """A call whose argument makes the callee sleep inside an atomic section of the callee's own
    (``Analyzer.locked_calls``): reported at the call, the argument being the caller's choice."""
    start = next((st for st in sleep.chain if st.kind == "acquire"), None)
    where = start.message if start is not None else f"in atomic context in {c.callee}()"
    msg = f"{_what(sleep)} while {where}"
    related = tuple(Related(st.loc, st.message) for st in (start, sleep.chain[-1]) if st is not None)
    return Finding(
        rule=RULE.id, level=RULE.severity, loc=c.loc, message=msg, function=fn.name,
        key=where, subject=f"{c.callee}({', '.join(a.text for a in c.args)})",
        related=related, flow=sleep.chain,
    )


def _finding(an: Analyzer, fn, p: Point, root) -> Finding | None:
    must = p.state.must - {OUTER}
    may = p.state.may - {OUTER}
    what = _what(p.sleep)
    related: list[Related] = []
    flow: list[Step] = []
    level, precision = RULE.severity, None
    if must:
        key, site = an.innermost(fn, must, p.call.loc.line)
        msg = f"{what} while {phrase(key)}"
    elif root is not None and OUTER in p.state.must:
        context, how, reg = root
        msg = f"{what} in {context} context: {fn.name}() is {how}"
        related.append(Related(reg, f"{fn.name}() {how}: runs in {context} context"))
        flow.append(Step(reg, f"{fn.name}() {how}: runs in {context} context", "acquire"))
        key, site = None, None
    elif may and p.sleep.kind not in ("call", "member", "variant") and an.sites(fn):
        key, site = an.innermost(fn, may, p.call.loc.line)
        if site is None or (an.correlated(fn, key) and not an.held_between(fn, key, p.call.node)):
            return None
        msg = f"{what} while {phrase(key)} on some paths"
        level, precision = Severity.NOTE, Precision.MEDIUM
    else:
        return None
    if key is not None and site is not None:
        taken = _TAKEN.get(key[0], f"{key[0]} '{key[2]}' taken here")
        at = next((c.callee for c in fn.calls if c.loc == site and c.callee in an.atomic), "")
        if at and an.atomic[at].action == "asserted":  # lockdep_assert_held(): the caller's lock
            taken = f"{key[0]} '{key[2]}' held by the caller: {at}() asserts it here"
        related.append(Related(site, taken))
        flow.append(Step(site, taken, "acquire"))
    chain = p.sleep.chain
    if chain:
        flow.extend(chain)
        related.append(Related(chain[-1].loc, chain[-1].message))
    else:
        flow.append(Step(p.call.loc, msg, "danger"))
    c = p.call
    return Finding(
        rule=RULE.id, level=level, loc=c.loc, message=msg, function=fn.name,
        key=phrase(key) if key is not None else root[0],
        subject=f"{c.callee}({', '.join(a.text for a in c.args)})",
        related=tuple(related), flow=tuple(flow), precision=precision,
    )
