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
