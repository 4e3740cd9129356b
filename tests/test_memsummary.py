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
