"""The provenance fixpoint (memsummary.py): which functions it replays, and what it finds."""
from __future__ import annotations

from kmemlint import knowledge
from kmemlint.frontend import facts
from kmemlint.program import memsummary
from kmemlint.program.summaries import Program

# struct foo.buf holds vmalloc memory; struct bar.buf, a member of the same name, never holds any
SRC = b"""
struct foo { void *buf; };
struct bar { void *buf; };

static void foo_init(struct foo *f)
{
	f->buf = vmalloc(64);
}

static void foo_free(struct foo *f)
{
	void *p = f->buf;

	kfree(p);
}

static void bar_use(struct bar *b, void **out)
{
	void *p = b->buf;

	*out = p;
}
"""


def test_only_readers_of_the_changed_member_are_replayed(monkeypatch) -> None:
    replayed: list[str] = []
    real = memsummary.replay
    monkeypatch.setattr(memsummary, "replay", lambda fn, *a: replayed.append(fn.name) or real(fn, *a))
    program = Program([facts.extract("drv.c", SRC)], knowledge.load(()))
    mem = memsummary.Memory(program)
    assert "bar_use" not in replayed  # it reads struct bar.buf: a name match is not enough
    assert "foo_init" in replayed and "foo_free" in replayed
    freed = [u for u in mem.free_uses() if u.fn.name == "foo_free"]
    assert [sorted(o.family for o in u.origins) for u in freed] == [["vmalloc"]]


LOOPS = b"""
static int w_while(struct spi_device *spi, const char *buf, size_t count)
{
	const char *p = buf;
	struct device *dev = to_dev(spi);

	while (p < buf + count) {
		spi_write(spi, p, 16);
		p += 16;
	}
	return 0;
}

static int w_for_some(struct spi_device *spi, const char *buf, int n)
{
	int i;

	prepare(spi);
	for (i = 0; i < n; i++) {
		if (cached(spi))
			continue;
		spi_write(spi, buf, 16);
	}
	return 0;
}

static int w_do(struct spi_device *spi, const char *buf, int n)
{
	prepare(spi);
	do {
		if (n > 4)
			spi_write(spi, buf, 16);
	} while (--n);
	return 0;
}

static void free_list(struct node *head)
{
	struct node *next;

	lock_list(head);
	while (head) {
		next = head->next;
		kfree(head);
		head = next;
	}
}
"""


def test_a_loop_not_entered_has_nothing_to_do() -> None:
    """A path that skips a while/for loop whose body hands the parameter to DMA (frees it) has
    nothing to do (drivers/fpga/xilinx-spi.c xilinx_spi_write()); a path through the loop that
    does not, or a do-while's body that may not, decides the function is no wrapper."""
    ff = facts.extract("loops.c", LOOPS)
    mem = memsummary.Memory(Program([ff], knowledge.load()))
    dma = {fn.name: mem.dma_wrappers.get(memsummary.fid(fn), {}) for fn in ff.functions}
    assert set(dma["w_while"]) == {1}
    assert dma["w_for_some"] == {} and dma["w_do"] == {}
    frees = {fn.name: mem.free_wrappers.get(memsummary.fid(fn), {}) for fn in ff.functions}
    assert set(frees["free_list"]) == {0}
