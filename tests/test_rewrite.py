"""kmemlint/rewrite.py: kernel macro spellings respelled before parsing, without moving a byte."""
from __future__ import annotations

from click.testing import CliRunner

from kmemlint import cli
from kmemlint.frontend import facts, parse
from kmemlint.frontend.rewrite import rewrite, type_argument
from kmemlint.program.typeinfo import TypeInfo

# Modelled on drivers/usb/host/ohci-q.c (v6.12) finish_urb() and drivers/usb/gadget/udc/mv_udc_core.c
SRC = b"""static DECLARE_BITMAP(ep_map, 32);
static SIMPLE_DEV_PM_OPS(mv_pm, mv_suspend, mv_resume);

static void __maybe_unused
finish_urb(struct ohci_hcd *ohci, struct urb *urb, void __iomem *regs)
__releases(ohci->lock)
__acquires(ohci->lock)
{
	struct urb_priv *priv = container_of(urb, struct urb_priv, urb); /* __user ( */
	struct td *td, *tmp;

	list_for_each_entry_safe(td, tmp, first_list(ohci, "(__iomem"), td_list) {
		kfree(td);
	}
	for_each_set_bit(bit, bitmap_of(ohci), 32)
		clear_bit(bit, ohci->map);
	scoped_guard(spinlock, &ohci->lock) {
		ohci->n = 0;
	}
	switch (urb->status) {
	case 1 ... 4:
		break;
	}
#ifdef CONFIG_PM
	ohci->pm = 1;
#endif
}
"""


def _tree(src: bytes):
    return parse.parse(src)


def test_same_length_and_lines_and_comments_kept() -> None:
    out = rewrite(SRC)
    assert len(out) == len(SRC)
    assert [i for i, c in enumerate(out) if c == 10] == [i for i, c in enumerate(SRC) if c == 10]
    assert b"/* __user ( */" in out
    assert b'while                   (td, tmp, first_list(ohci, "(' in out  # '(' in a string: skipped


def test_the_kernel_spellings_parse_and_the_old_tree_did_not() -> None:
    assert parse.count_errors(parse.parse_raw(SRC)) > 0
    ff = facts.extract("ohci-q.c", SRC)
    # scoped_guard(...) { stays a call (kmemlint/atomic.py reads it); the ';' the parser misses
    # after it is that form, not an error (parse._guard_head())
    assert ff.parse_errors == 0
    assert [f.name for f in ff.functions] == ["finish_urb"]


def test_calls_in_iterator_arguments_stay_facts_where_they_were() -> None:
    fn = facts.extract("ohci-q.c", SRC).functions[0]
    calls = {c.callee: c for c in fn.calls}
    text = b'\tlist_for_each_entry_safe(td, tmp, first_list(ohci, "(__iomem"), td_list) {'
    line = SRC.split(b"\n").index(text) + 1
    assert (calls["first_list"].loc.line, calls["first_list"].loc.col) == (line, text.index(b"first_list") + 1)
    assert "bitmap_of" in calls and "clear_bit" in calls and "scoped_guard" in calls
    # the loop condition is a CFG branch: kfree() is in the loop body, not on every path
    kfree = calls["kfree"].node
    assert fn.cfg.kinds[calls["first_list"].node] == "cond" and kfree != calls["first_list"].node


def test_container_of_type_argument() -> None:
    assert type_argument("struct_urb_priv") == "struct urb_priv" and type_argument("urb") == ""
    fn = facts.extract("ohci-q.c", SRC).functions[0]
    init = next(a for a in fn.assigns if a.lhs.name == "priv")
    assert TypeInfo([]).type_of(fn, init.rhs) == ("struct urb_priv", 1)


def test_what_is_not_rewritten() -> None:
    src = (b"static unsigned int\n\tcdnsp_get_index(const struct usb_endpoint_descriptor *desc)\n{\n"
           b"\treturn 1;\n}\n"
           b"static int\n\txyz_for_each_ep(struct xyz *x)\n{\n\treturn 0;\n}\n"
           b"void f(void)\n{\n\tx = sizeof(struct foo);\n\tusb_for_each_dev(data, cb);\n"
           b"#if A\n\tg();\n#else\n\th();\n#endif\n}\n")
    out = rewrite(src)
    assert out == src  # a function head, a cast/sizeof, a call statement, an #if with an #else
    assert [f.name for f in facts.extract("x.c", src).functions] == ["cdnsp_get_index", "xyz_for_each_ep", "f"]


def test_parse_errors_command_lists_line_and_column(tmp_path) -> None:
    (tmp_path / "bad.c").write_text("static int f(void)\n{\n\treturn g(1;\n}\n")
    (tmp_path / "good.c").write_bytes(SRC.replace(b"scoped_guard(spinlock, &ohci->lock) {", b"{"))
    r = CliRunner().invoke(cli.main, ["parse-errors", str(tmp_path)])
    lines = r.output.splitlines()
    assert r.exit_code == 1
    assert lines[0].startswith(f"{tmp_path / 'bad.c'}:3:") and "good.c" not in r.output
    assert lines[-1] == "kmemlint: 1 of 2 files with parse errors; 1 of 2 functions (50.0%)"


def test_file_scope_declaration_macros_and_enum_attributes() -> None:
    # Modelled on drivers/acpi/acpi_extlog.c and drivers/accel/qaic/qaic.h (v6.12)
    src = (b"static DEFINE_RATELIMIT_STATE(ratelimit_corrected, 5*HZ, 2);\n"
           b"static SIMPLE_DEV_PM_OPS(xyz_pm, xyz_suspend, xyz_resume);\n"
           b"static DEFINE_PER_CPU(struct foo, bar);\n"
           b"enum __packed dev_states { QAIC_OFFLINE };\n"
           b"struct __packed hdr { int a; };\n"
           b"static int f(void)\n{\n\tstatic DEFINE_RATELIMIT_STATE(rs, 5*HZ, 2);\n"
           b"\tpr_warn(FW_BUG EMCA_BUG, 1);\n\tprintk(KERN_INFO KBUILD_MODNAME \": x\");\n\treturn 0;\n}\n")
    assert parse.count_errors(parse.parse_raw(src)) > 0
    assert parse.count_errors(_tree(src)) == 0
    out = rewrite(src)
    assert out.split(b"\n")[0].strip() == b"" and b"struct __packed hdr" in out
    assert b"       SIMPLE_DEV_PM_OPS(xyz_pm" in out


def test_a_guard_named_by_its_class_alone_is_a_call() -> None:
    # sound/core/seq/seq_midi.c: `scoped_guard(rcu) {` is a declaration of `rcu` to C (and its block
    # a nested function): the blank before it becomes '+', the form `scoped_guard(l, &x) {` parses as
    src = b"void f(struct s *m)\n{\n\tscoped_guard(rcu) {\n\t\tg(m);\n\t}\n\tscoped_guard(spinlock, &m->l) {\n\t\th();\n\t}\n}\n"
    out = rewrite(src)
    assert len(out) == len(src) and b"\n+scoped_guard(rcu) {" in out and b"\tscoped_guard(spinlock" in out
    ff = facts.extract("x.c", src)
    assert [f.name for f in ff.functions] == ["f"] and ff.parse_errors == 0
    calls = [c.callee for c in ff.functions[0].calls]
    assert calls.count("scoped_guard") == 2 and "g" in calls
