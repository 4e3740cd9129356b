"""Unit tests of the atomic-state dataflow (kmemlint/atomic.py) over the CFG shapes of cfg.py:
the state before each sleeping call, must (every path) and may (some path)."""
from __future__ import annotations

import pytest

from kmemlint import knowledge
from kmemlint.frontend import facts
from kmemlint.program.atomic import OUTER, Analyzer, guard_kind
from kmemlint.program.summaries import Program

KNOW = knowledge.load()


def _analyse(src: str, path: str = "t.c") -> tuple[Analyzer, Program]:
    prog = Program([facts.extract(path, src.encode())], KNOW)
    return Analyzer(prog), prog


def states(src: str) -> dict[int, tuple[set, set]]:
    """line of each kmalloc(...GFP_KERNEL) -> (must, may) lock identities held before it."""
    an, prog = _analyse(src)
    out = {}
    for fn in prog.functions():
        for p in an.points(fn):
            if p.call.callee == "kmalloc":
                out[p.call.loc.line] = ({k[2] for k in p.state.must - {OUTER}},
                                        {k[2] for k in p.state.may - {OUTER}})
    return out


def test_if_else_both_release() -> None:
    got = states("""void f(struct s *p) {
	spin_lock(&p->l);
	if (p->x)
		spin_unlock(&p->l);
	else
		spin_unlock(&p->l);
	kmalloc(1, GFP_KERNEL);
}""")
    assert got == {7: (set(), set())}


def test_if_without_else_is_may() -> None:
    got = states("""void f(struct s *p) {
	spin_lock(&p->l);
	if (p->x)
		spin_unlock(&p->l);
	kmalloc(1, GFP_KERNEL);
}""")
    assert got == {5: (set(), {"&p->l"})}


def test_switch_fall_through_and_default() -> None:
    got = states("""void f(struct s *p) {
	spin_lock(&p->l);
	switch (p->x) {
	case 1:
		spin_unlock(&p->l);
	case 2:
		kmalloc(1, GFP_KERNEL);
		break;
	case 3:
		spin_unlock(&p->l);
		kmalloc(2, GFP_KERNEL);
		return;
	}
	kmalloc(3, GFP_KERNEL);
	spin_unlock(&p->l);
}""")
    assert got[7] == (set(), {"&p->l"})
    assert got[11] == (set(), set())
    assert got[14] == (set(), {"&p->l"})  # case 2 falls out unlocked on the path from case 1


def test_loop_break_continue() -> None:
    got = states("""void f(struct s *p) {
	while (p->n--) {
		spin_lock(&p->l);
		if (p->a) {
			spin_unlock(&p->l);
			continue;
		}
		if (p->b)
			break;
		spin_unlock(&p->l);
		kmalloc(1, GFP_KERNEL);
	}
	kmalloc(2, GFP_KERNEL);
}""")
    assert got[11] == (set(), set())
    assert got[13] == (set(), {"&p->l"})


def test_goto_label_and_return() -> None:
    got = states("""int f(struct s *p) {
	spin_lock_irq(&p->l);
	if (p->a)
		goto out;
	spin_unlock_irq(&p->l);
	return 0;
out:
	kmalloc(1, GFP_KERNEL);
	spin_unlock_irq(&p->l);
	return 1;
}""")
    assert got == {8: ({"&p->l"}, {"&p->l"})}


def test_do_while_and_for() -> None:
    got = states("""void f(struct s *p) {
	int i;
	for (i = 0; i < 3; i++) {
		spin_lock(&p->l);
		spin_unlock(&p->l);
	}
	kmalloc(1, GFP_KERNEL);
	do {
		spin_lock(&p->l);
	} while (!p->done);
	kmalloc(2, GFP_KERNEL);
}""")
    assert got[7] == (set(), set())
    assert got[11] == ({"&p->l"}, {"&p->l"})


@pytest.mark.parametrize("cond, inside, outside", [
    ("spin_trylock(&p->l)", True, False),
    ("!spin_trylock(&p->l)", False, True),
    ("(!(spin_trylock(&p->l)))", False, True),
])
def test_trylock_branches(cond: str, inside: bool, outside: bool) -> None:
    got = states(f"""void f(struct s *p) {{
	if ({cond}) {{
		kmalloc(1, GFP_KERNEL);
		return;
	}}
	kmalloc(2, GFP_KERNEL);
}}""")
    assert bool(got[3][0]) is inside
    assert bool(got[6][0]) is outside


def test_nested_locks_and_unmatched_release() -> None:
    got = states("""void f(struct s *p) {
	spin_lock(&p->a);
	spin_lock(&p->b);
	spin_unlock(&p->b);
	kmalloc(1, GFP_KERNEL);
	spin_unlock(&q->a);
	kmalloc(2, GFP_KERNEL);
}""")
    assert got[5] == ({"&p->a"}, {"&p->a"})
    assert got[7] == (set(), set())  # another name for the lock: everything of the kind is released


def test_unmatched_release_drops_the_callers_context() -> None:
    an, prog = _analyse("""void f(struct s *p) {
	spin_unlock(&p->l);
	kmalloc(1, GFP_KERNEL);
	spin_lock(&p->l);
}""")
    (fn,) = prog.functions()
    (pt,) = an.points(fn)
    assert OUTER not in pt.state.must
    assert an.summary(fn).sleeps is None


def test_gfp_parameter_summary() -> None:
    an, prog = _analyse("""int g(struct s *p, gfp_t flags) {
	p->x = kzalloc(8, flags | __GFP_NOWARN);
	p->y = kzalloc(8, flags & ~__GFP_DIRECT_RECLAIM);
	return 0;
}""")
    (fn,) = prog.functions()
    s = an.summary(fn)
    assert s.sleeps is None and set(s.params) == {1} and s.params[1][0] == "gfp"
    assert s.params[1][1].chain[-1].loc.line == 2


def test_guard_classes() -> None:
    assert guard_kind("spinlock_irqsave") == "spinlock"
    assert guard_kind("raw_spinlock") == "spinlock"
    assert guard_kind("rcu") == "rcu"
    assert guard_kind("mutex") is None


def test_knowledge_rejects_unknown_action(tmp_path) -> None:
    bad = tmp_path / "k.toml"
    bad.write_text('[atomic]\nfoo_lock = { action = "grab", kind = "spinlock", arg = 0 }\n')
    with pytest.raises(knowledge.KnowledgeError, match="atomic.foo_lock.action"):
        knowledge.load([bad])


@pytest.mark.parametrize("cond, kind", [
    ("delay", "flag+"), ("!atomic", "flag-"), ("unlikely(wait)", "flag+"), ("wait == 0", "flag-"),
])
def test_guarding_parameters(cond: str, kind: str) -> None:
    from kmemlint.program.atomic import guarding_params
    name = cond.replace("unlikely(", "").replace(")", "").replace("!", "").replace(" == 0", "")
    prog = Program([facts.extract("t.c", f"""void f(struct s *p, int {name}) {{
	p->a = 1;
	if ({cond})
		msleep(1);
	p->b = 2;
}}""".encode())], KNOW)
    (fn,) = prog.functions()
    call = next(c for c in fn.calls if c.callee == "msleep")
    assert list(guarding_params(fn, call.node)) == [(1, kind)]
    assert Analyzer(prog).summary(fn).sleeps is None


def test_if0_blocks_are_not_facts() -> None:
    src = b"""void f(void) {
	a();
#if 0
	b();
#ifdef X
	c();
#endif
#else
	d();
#endif
#if 0
	e();
#elif FOO
	g();
#endif
}
"""
    (fn,) = facts.extract("x.c", src).functions
    assert [c.callee for c in fn.calls] == ["a", "d", "g"]


@pytest.mark.parametrize("kind, arg, verdict", [
    ("gfp", "GFP_KERNEL", True), ("gfp", "GFP_ATOMIC", False), ("gfp", "gfp", None),
    ("flag+", "false", False), ("flag+", "true", True), ("flag+", "0", False), ("flag+", "x", None),
    ("flag-", "1", False), ("flag-", "false", True),
    ("eq:A|B", "B", True), ("eq:A|B", "C", False), ("eq:A|B", "x", None),
    ("ne:A|B", "C", True),
    ("bit:WAIT", "IRQ | WAIT", True), ("bit:WAIT", "IRQ", False), ("bit:WAIT", "flags", None),
    ("nbit:ASYNC", "0", True),
])
def test_judge(kind: str, arg: str, verdict) -> None:
    from kmemlint.program.atomic import judge
    assert judge(kind, arg) is verdict


def test_conjunct_guard() -> None:
    from kmemlint.program.atomic import guarding_params
    prog = Program([facts.extract("t.c", b"""int f(struct s *h, bool skip_wait) {
	if (h->host && !skip_wait)
		usleep_range(1000, 2000);
	return 0;
}""")], KNOW)
    (fn,) = prog.functions()
    call = next(c for c in fn.calls if c.callee == "usleep_range")
    assert list(guarding_params(fn, call.node)) == [(1, "flag-")]


def test_own_lock_released_by_a_helper_is_not_the_callers() -> None:
    """drivers/base/power/runtime.c __pm_runtime_resume(): takes dev->power.lock, calls rpm_resume(),
    which may drop it, then unlocks it itself. Its caller's context is not dropped by that unlock,
    so a sleep after it (might_sleep_if, kmalloc) is the function's own."""
    an, prog = _analyse("""static void drop(struct s *p) {
	spin_unlock(&p->l);
}
void f(struct s *p) {
	unsigned long flags;
	spin_lock_irqsave(&p->l, flags);
	drop(p);
	spin_unlock_irqrestore(&p->l, flags);
	kmalloc(1, GFP_KERNEL);
}""")
    fn = next(f for f in prog.functions() if f.name == "f")
    s = an.summary(fn)
    assert s.sleeps is not None and not s.releases


def test_a_gfp_api_sleeps_only_as_its_flags_allow() -> None:
    """drivers/usb/core/urb.c usb_submit_urb(urb, mem_flags): a root hub's control URB reaches a
    might_sleep(), yet drivers submit URBs with GFP_ATOMIC under their locks: a function taking gfp
    flags is judged by the flags its caller passes, not by its other paths."""
    an, prog = _analyse("""int submit(struct urb *urb, gfp_t mem_flags) {
	if (is_root_hub(urb->dev))
		msleep(1);
	return kmalloc(8, mem_flags) != NULL;
}""")
    (fn,) = prog.functions()
    s = an.summary(fn)
    assert s.sleeps is None and s.params[1][0] == "gfp"


def test_configuration_variants_of_one_static_function() -> None:
    """include/linux/highmem-internal.h defines kunmap() twice (#ifdef CONFIG_HIGHMEM / #else): two
    functions of one name and file, analysed apart (a per-name cache crashed the 6.12 model build
    with IndexError), and a call takes the variant that does least."""
    an, prog = _analyse("""#ifdef CONFIG_HIGHMEM
static inline void kunmap(struct page *page)
{
	might_sleep();
	spin_lock(&page->l);
	kunmap_high(page);
	spin_unlock(&page->l);
}
#else
static inline void kunmap(struct page *page)
{
	spin_lock(&page->l);
}
#endif
static inline void user(struct page *page)
{
	kunmap(page);
}""", "include/linux/highmem-internal.h")
    for fn in prog.functions():
        an.summary(fn)
        an.points(fn)
    user = next(f for f in prog.functions() if f.name == "user")
    assert an.summary(user).sleeps is None


def test_configuration_variants_of_a_source_files_static_function() -> None:
    """kernel/irq/irqdomain.c defines irq_domain_free_one_irq() under
    CONFIG_IRQ_DOMAIN_HIERARCHY and as an empty function otherwise: of a .c file's variants the
    body is taken, as of its global functions (irq_dispose_mapping() sleeps in either branch)."""
    src = """#ifdef CONFIG_IRQ_DOMAIN_HIERARCHY
static void irq_domain_free_one_irq(struct irq_domain *domain, unsigned int virq)
{
	mutex_lock(&domain->root->mutex);
	mutex_unlock(&domain->root->mutex);
}
#else
static void irq_domain_free_one_irq(struct irq_domain *domain, unsigned int virq) { }
#endif
void irq_dispose_mapping(struct irq_domain *domain, unsigned int virq)
{
	irq_domain_free_one_irq(domain, virq);
}"""
    for path, sleeps in (("kernel/irq/irqdomain.c", True), ("include/linux/irqdomain.h", False)):
        an, prog = _analyse(src, path)
        user = next(f for f in prog.functions() if f.name == "irq_dispose_mapping")
        assert (an.summary(user).sleeps is not None) == sleeps, path


def test_depth_limited_answers_do_not_depend_on_who_asked_first() -> None:
    """A summary computed where the depth limit stopped the walk (a caller 24 calls up, or 4 for
    callback parameters) is not what the function does for a caller that asks from the top: it is
    computed again there. Before, the first (cut) answer was kept for every caller, so findings
    came and went with the files analysed beside (drivers/net/hamradio/scc.c: a timer callback
    handed down through scc_start_tx_timer())."""
    an, prog = _analyse("""
static void helper(void (*fn)(struct timer_list *), struct timer_list *t)
{
	timer_setup(t, fn, 0);
}
static void leaf(struct s *p)
{
	msleep(1);
}
static void mid(struct s *p)
{
	leaf(p);
}
""")
    fns = {fn.name: fn for fn in prog.functions()}
    assert an.callback_params(fns["helper"], depth=4) == {}  # cut: not walked
    assert 0 in an.callback_params(fns["helper"], depth=0)  # asked from the top: walked
    from kmemlint.program import atomic
    assert an.summary(fns["mid"], depth=atomic._MAX_DEPTH).sleeps is None  # leaf() not followed
    assert an.summary(fns["mid"], depth=0).sleeps is not None


def test_a_member_known_by_name_only_is_not_matched_to_an_earlier_parts_struct() -> None:
    """pwm-ir-tx.c calls ``timer->base->get_time()``, an hrtimer_clock_base member whose struct the
    run cannot see. An earlier part of the run stored virt_efi_get_time() (which sleeps) in
    ``struct efi.get_time``: that is no reason to take the call for efi's. A member known by its
    name only is matched, and voted on, against the kernel model's implementations alone."""
    from kmemlint.program import kernelmodel

    overlay = kernelmodel.Overlay()
    impl = kernelmodel.Impl("struct efi.get_time", "virt_efi_get_time", "drivers/firmware/efi/runtime-wrappers.c",
                            347, "efi.get_time = virt_efi_get_time", "down_interruptible()")
    overlay.add(0, [], [], [impl])

    class Model:  # the kernel model's one get_time implementation: x86's efi thunk, which does not sleep
        def impls(self, field: str) -> list:
            return [impl._replace(name="efi_thunk_get_time", path="arch/x86/platform/efi/efi_64.c", sleeps="")] \
                if field == "get_time" else []

        def candidates(self, name: str) -> list:
            return []

        def op(self, member: str):
            return None

        def macros(self, name: str) -> list:
            return []

    prog = Program([facts.extract("drivers/media/rc/pwm-ir-tx.c", b"""
static enum hrtimer_restart pwm_ir_timer(struct hrtimer *timer)
{
	ktime_t now = timer->base->get_time();
	return now ? HRTIMER_RESTART : HRTIMER_NORESTART;
}
""")], KNOW, kernelmodel.Externals([overlay, Model()]))
    an = Analyzer(prog)
    (fn,) = prog.functions()
    (c,) = [c for c in fn.calls if not c.callee]
    assert an.sleep_of(fn, c, 0)[0] is None


def test_a_count_of_interrupts_is_no_interrupt_mode() -> None:
    """kernel/irq/irqdomain.c irq_domain_free_irqs(virq, nr_irqs) takes a mutex whatever its
    arguments: ``nr_irqs`` counts interrupts, it does not say "called in interrupt" (as
    ``in_irq`` would); irq_domain_free_one_irq()'s ``irq_domain_free_irqs(virq, 1)`` sleeps."""
    an, prog = _analyse("""void irq_domain_free_irqs(unsigned int virq, unsigned int nr_irqs)
{
	mutex_lock(&irq_domain_mutex);
	mutex_unlock(&irq_domain_mutex);
}
int mmc_io_rw_extended(struct mmc_card *card, int write, unsigned blocks, unsigned blksz)
{
	wait_for_completion(&card->done);
	return 0;
}
void irq_free(unsigned int virq, bool in_irq)
{
	if (!in_irq)
		mutex_lock(&irq_domain_mutex);
}""")
    got = {f.name: an.summary(f) for f in prog.functions()}
    assert got["irq_domain_free_irqs"].sleeps is not None and not got["irq_domain_free_irqs"].params
    # nor does a count of blocks say "may block" (drivers/mmc/core/sdio_ops.c)
    assert got["mmc_io_rw_extended"].sleeps is not None and not got["mmc_io_rw_extended"].params
    assert got["irq_free"].sleeps is None and got["irq_free"].params[1][0] == "flag-"


def test_a_member_called_under_a_lock_and_in_another_branch_is_atomic() -> None:
    """kernel/printk/printk.c console_emit_next_record(): ``if (force_legacy_kthread() && ...)
    con->write(...); else { printk_safe_enter_irqsave(flags); ... con->write(...); ...}`` (the first
    branch is a PREEMPT_RT configuration's task context), called by console_flush_one_record(),
    which may cond_resched(): the member is atomic, not vetoed by the task-context branch. A member
    called only with no lock held by a function that sleeps is vetoed."""
    an, prog = _analyse("""struct console { void (*write)(struct console *c, const char *s, unsigned n); void (*setup)(struct console *c); };
static bool console_emit_next_record(struct console *con, const char *s, unsigned n)
{
	unsigned long flags;

	if (force_legacy_kthread()) {
		con->write(con, s, n);
	} else {
		local_irq_save(flags);
		con->write(con, s, n);
		local_irq_restore(flags);
	}
	return true;
}
static void console_flush_one_record(struct console *con, bool do_cond_resched)
{
	console_emit_next_record(con, "x", 1);
	con->setup(con);
	if (do_cond_resched)
		cond_resched();
}""")
    members = an.atomic_members()
    assert members["struct console.write"].context
    assert not members["struct console.setup"].context
