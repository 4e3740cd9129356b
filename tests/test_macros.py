"""kmemlint/macros.py: function-like macros of the analysed files expanded at their uses."""
from __future__ import annotations

from kmemlint.frontend import facts, macros

# Modelled on drivers/usb/serial/iuu_phoenix.c (v6.12) SOUP() and drivers/usb/misc/idmouse.c
SRC = b"""#define CMD(dev, req, buf, len) usb_control_msg((dev)->udev, 0, req, 0, 0, 0, buf, len, 1000)
#define SOUP(a, b) do { \\
	result = CMD(port, a, b, 4); /* a comment */ \\
	dev_dbg(dev, #a " %d", result); } while (0)
#define DBG(fmt, args...) pr_debug(fmt, args)
#define PASTE(x) foo_##x(1)
#define CONST 4

static int f(struct port *port, u8 *p)
{
	int result;

	SOUP(0x03, p);
	DBG("x %d", 1, 2);
	PASTE(bar);
	return result;
}
"""


def _facts():
    return facts.extract("drivers/usb/serial/x.c", SRC)


def test_expandable_definitions_are_recorded() -> None:
    got = {m.name: m for m in _facts().macros}
    assert sorted(got) == ["CMD", "DBG", "SOUP"]  # not the ## one, not the object-like one
    assert got["DBG"].params == ("fmt",) and got["DBG"].variadic == "args"
    assert got["SOUP"].loc.line == 2


def test_uses_get_the_calls_of_their_expansion_in_place() -> None:
    files, table = macros.expand([_facts()])
    fn = files[0].functions[0]
    soup = next(c for c in fn.calls if c.callee == "SOUP")
    inner = [c for c in fn.calls if c.loc == soup.loc and c.callee != "SOUP"]
    assert [c.callee for c in inner] == ["usb_control_msg", "dev_dbg"]  # CMD() expanded too
    ucm = inner[0]
    assert ucm.args[6].text == "p" and ucm.args[2].text == "0x03" and ucm.node == soup.node
    events = fn.cfg.events[soup.node]
    assert events.index(("call", fn.calls.index(ucm))) < events.index(("call", fn.calls.index(soup)))
    dbg = [c for c in fn.calls if c.callee == "pr_debug"]
    assert [a.text for a in dbg[0].args] == ['"..."', "1", "2"]  # the named variadic 'args'
    assert (soup.loc.path, soup.loc.line, soup.loc.col) in table.uses


def test_a_function_of_the_same_name_wins() -> None:
    other = facts.extract("drivers/usb/serial/y.c", b"int CMD(int a) { return a; }\n")
    files, _ = macros.expand([_facts(), other])
    fn = files[0].functions[0]
    assert "usb_control_msg" not in {c.callee for c in fn.calls}


def test_dead_groups_are_those_the_file_alone_decides() -> None:
    """#if 0 / #if 1, and names the file #defines outside any condition before the test; an #elif
    after a taken group is dead; what a header or Kconfig may define is kept."""
    from kmemlint.frontend.facts import dead_ranges

    def dead(text: str) -> list[str]:
        src = text.encode()
        return [src[a:b].strip().decode() for a, b in dead_ranges(src)]

    assert dead("#if 0\nA\n#else\nB\n#endif\n") == ["A"]
    assert dead("#if 1 /* on */\nA\n#else\nB\n#endif\n") == ["B"]
    assert dead("#define V\n#ifndef V\nA\n#endif\n#if ! defined(V)\nB\n#elif X\nC\n#else\nD\n#endif\n") == ["A", "B"]
    assert dead("#if X\nA\n#elif 0\nB\n#elif 1\nC\n#else\nD\n#endif\n") == ["B", "D"]
    assert dead("#ifndef V\nA\n#endif\n#define V\n") == []           # defined only after the test
    assert dead("#ifdef CONFIG_X\n#define V\n#endif\n#ifndef V\nA\n#endif\n") == []  # conditional define
    assert dead("#define V\n#undef V\n#ifndef V\nA\n#endif\n") == []
    assert dead("#define V\n#if defined(V) && defined(W)\nA\n#else\nB\n#endif\n") == []
    assert dead("#if 10\nA\n#else\nB\n#endif\n") == []
    # a name the file #defines as a number (qla1280.c's DUMP_IT_BACK 0); not a function-like
    # macro, nor a value the file cannot compute
    assert dead("#define D 0 /* debug */\n#if D\nA\n#endif\n#if !D\nB\n#else\nC\n#endif\n") == ["A", "C"]
    assert dead("#define V (2)\n#if V\nA\n#else\nB\n#endif\n") == ["B"]
    assert dead("#define W(x) 0\n#if W\nA\n#endif\n#ifndef W\nB\n#endif\n") == ["B"]
    assert dead("#define X FOO\n#if X\nA\n#else\nB\n#endif\n") == []
    # a directive in a comment opens no group (qla1280.c:171's changelog); a literal is no comment
    assert dead("/* log:\n#ifdef MODULE\n */\n#define D 0\n#if D\nA\n#endif\n") == ["A"]
    assert dead('char *s = "/*";\n#if 0\nB\n#endif\n// */\n') == ["B"]
    assert dead("#if 0 && defined(X)\nA\n#endif\n#if 1 || X\nB\n#else\nC\n#endif\n#if 1 && X\nD\n#else\nE\n#endif\n") == ["A", "C"]


def test_guard_classes_and_function_aliases_are_recorded() -> None:
    """DEFINE_GUARD / DEFINE_GUARD_COND / DEFINE_LOCK_GUARD_0 (continued lines too) become
    ``guard(CLASS)`` macros of their lock expression; ``#define A B`` renaming a function becomes a
    variadic macro; self-aliases and keywords do not."""
    from kmemlint.frontend import macrodefs

    src = (b"DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))\n"
           b"DEFINE_GUARD(wiphy, struct wiphy *,\n\tmutex_lock(&_T->mtx),\n\tmutex_unlock(&_T->mtx))\n"
           b"DEFINE_GUARD_COND(mutex, _intr, mutex_lock_interruptible(_T) == 0)\n"
           b"DEFINE_LOCK_GUARD_0(rtnl, rtnl_lock(), rtnl_unlock())\n"
           b"#define debugfs_remove_recursive debugfs_remove\n#define pmd_offset pmd_offset\n"
           b"#define asm_inline asm\n#define FOO_MAX 16\n")
    got = {m.name: (m.params, m.body) for m in macrodefs.guards("x.h", src) + macrodefs.aliases("x.h", src)}
    assert got == {"guard(mutex)": (("_T",), "mutex_lock(_T)"),
                   "guard(wiphy)": (("_T",), "mutex_lock(&_T->mtx)"),
                   "guard(mutex_intr)": (("_T",), "mutex_lock_interruptible(_T) == 0"),
                   "guard(rtnl)": ((), "rtnl_lock()"),
                   "debugfs_remove_recursive": ((), "debugfs_remove(__VA_ARGS__)")}


def test_an_architecture_definition_replaces_asm_generic_and_variants_agree_on_their_common_calls() -> None:
    # Modelled on arch/x86/include/asm/uaccess.h and include/asm-generic/uaccess.h (v6.12): two
    # get_user() definitions; x86's replaces the generic one, whose expansion is never compiled there
    x86 = facts.extract("arch/x86/include/asm/uaccess.h",
                        b"#define get_user(x,ptr) ({ might_fault(); do_get_user_call(get_user,x,ptr); })\n")
    gen = facts.extract("include/asm-generic/uaccess.h",
                        b"#define get_user(x, ptr) ({ might_fault(); __get_user_fn(sizeof(x), ptr, &(x)); })\n")
    # two configurations of one subsystem header: only what both do is done in every configuration
    var = facts.extract("include/linux/foo.h", b"#ifdef CONFIG_FOO_DEBUG\n"
                        b"#define foo_lock(b) do { might_sleep(); mutex_lock(&(b)->lock); } while (0)\n"
                        b"#else\n#define foo_lock(b) mutex_lock(&(b)->lock)\n#endif\n")
    table = macros.Table([x86, gen, var])
    args = (facts.Expr("var", "v", "v", ()), facts.Expr("var", "p", "p", ()))
    assert [m.loc.path for m in table.candidates("get_user", "drivers/char/x.c")] == ["arch/x86/include/asm/uaccess.h"]
    assert [c.callee for c in table.calls("get_user", args, "drivers/char/x.c")] == ["might_fault", "do_get_user_call"]
    assert [c.callee for c in table.calls("foo_lock", args[:1], "drivers/char/x.c")] == ["mutex_lock"]


def test_an_unset_debugging_switch_rules_its_group_out() -> None:
    # drivers/crypto/bcm/util.h (v6.12): #ifdef DEBUG macros, #else empty inline functions; a Kconfig
    # option (CONFIG_*_DEBUG) and a switch the file defines stay undecided or live
    src = (b"#ifdef DEBUG\nA\n#else\nB\n#endif\n#if defined(VERBOSE_DEBUG)\nC\n#endif\n#ifndef FOO_DEBUG\nD\n#endif\n"
           b"#ifdef CONFIG_FOO_DEBUG\nE\n#endif\n#define BAR_DEBUG 1\n#if BAR_DEBUG\nF\n#endif\n")
    dead = [src[a:b].strip() for a, b in facts.dead_ranges(src)]
    assert dead == [b"A", b"C"]
