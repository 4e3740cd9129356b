"""Function-like macros of the analysed files, expanded where they are used.

The facts stage records each ``#define NAME(params) body`` whose body is a call, a statement
expression ``({ ... })`` or a ``do { ... } while (0)`` (``FileFacts.macros``), and each
object-like ``#define A B`` renaming a function, as ``#define A(...) B(__VA_ARGS__)``
(include/linux/debugfs.h ``#define debugfs_remove_recursive debugfs_remove``; a header's empty
inline stub of the same name, the other configuration's, does not hide it). Before the
whole-program stages, every call of such a macro (a ``Call`` whose callee is no function of the
program) gets the calls of its expansion, arguments substituted, as calls of its own at the same
place: same location (the macro use), same CFG node, evaluated just before it, and the
assignments its body makes through its arguments (``(ha)->member = vmalloc(size)``) as
assignments of its own, after those calls. Token pasting joins the argument's name
(drivers/usb/serial/usb-serial.c ``type->function = usb_serial_generic_##function;``, where
``function`` also names the member). So a driver macro
around usb_control_msg() given a stack buffer, or a statement expression around usleep_range()
used under a spinlock, is seen like the code it stands for. A macro whose body is one call, cast or
not (``#define foo_alloc(dev, type) ((type *)__foo_alloc(dev, sizeof(type)))``, as
include/drm/drm_drv.h devm_drm_dev_alloc()), also has that call's value: where a use is assigned or
returned, its value is the use's or the expanded call's (whichever the resolver knows). The macro's definition is found in the
file of the use, else in a file of the same directory (a driver's local header), else in any
analysed file defining it once. Findings at a macro use get a note at the definition
(:func:`note`).
"""
from __future__ import annotations

import functools
import re
import sys
from typing import Callable, NamedTuple

from kmemlint.frontend import facts
from kmemlint.frontend.facts import Call, Expr
from kmemlint.frontend.macrodefs import Macro, expandable, record  # noqa: F401 (their home)
from kmemlint.model import Loc

MAX_DEPTH = 3  # macros expanding to macros
_IDENT = re.compile(r"[A-Za-z_]\w*")
_ARCH = re.compile(r"(^|/)arch/[^/]+/include/")
_GENERIC = re.compile(r"(^|/)include/asm-generic/")


# ---------------------------------------------------------------------------------------------
#: a token pasted to a parameter (``usb_serial_generic_##function``) is parsed as one identifier
#: with this mark between its parts, each part a parameter or a plain token (``_pasted()``)
_PASTE = "__kml_paste__"


def _body(m: Macro) -> str:
    """A macro's body ready to parse with its parameters as plain identifiers: ``#param``
    stringification a string literal, ``a##b`` one marked identifier."""
    names = set(m.params) | ({m.variadic, "__VA_ARGS__"} if m.variadic else set())
    b = re.sub(r"([A-Za-z_]\w*)\s*##\s*(?=[A-Za-z_])", lambda mt: mt.group(1) + _PASTE, m.body)
    b = re.sub(r"(?<!#)#\s*([A-Za-z_]\w*)", lambda mt: '"..."' if mt.group(1) in names else mt.group(0), b)
    if b.startswith("do") or b.startswith("({"):
        b = b.rstrip().rstrip(";")
    return b


@functools.lru_cache(maxsize=4096)
def _function_of(m: Macro):
    """A macro's body parsed once as a function's (its calls and assignments); None when it does
    not parse."""
    ff = facts.extract("<macro>", f"void __kml_macro(void) {{ {_body(m)}; }}".encode())
    return ff.functions[0] if ff.functions and not ff.parse_errors else None


def _calls_of(m: Macro):
    """The calls of a macro's body, with its parameters as plain identifiers; None when the body
    does not parse."""
    f = _function_of(m)
    return f.calls if f is not None else None


def _pasted(name: str, values: dict[str, Expr]) -> str | None:
    """The identifier ``a##b`` makes with the use's arguments (``usb_serial_generic_##function``
    with ``read_bulk_callback``); None when a pasted parameter's argument is not a name."""
    parts = []
    for part in name.split(_PASTE):
        v = values.get(part)
        if v is not None and v.kind != "var":
            return None
        parts.append(v.name if v is not None else part)
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def _value_of(m: Macro) -> Expr | None:
    """The value of a macro whose body is one call, possibly cast (``((type *)f(a, b))``), with its
    parameters as plain identifiers; None for other bodies."""
    b = m.body.strip()
    if b.startswith("do") or b.startswith("({") or "##" in b:
        return None
    ff = facts.extract("<macro>", f"void *__kml_macro(void) {{ return {_body(m)}; }}".encode())
    if not ff.functions or ff.parse_errors or not ff.functions[0].returns:
        return None
    v = ff.functions[0].returns[0].value
    return v if v is not None and v.strip().kind == "call" and v.strip().name else None


def _subst(e: Expr, values: dict[str, Expr], depth: int = 0) -> Expr:
    """``e`` with the parameters' identifiers replaced by the arguments of the use (and pasted
    names made)."""
    if e.kind == "var" and e.name in values:
        return values[e.name]
    if e.kind == "var" and _PASTE in e.name:
        name = _pasted(e.name, values)
        return e._replace(name=name, text=name) if name else e
    if not e.sub or depth > 12:
        return e
    sub = tuple(_subst(x, values, depth + 1) for x in e.sub)
    member = values.get(e.name) if e.kind == "field" else None  # ``type->function``, a parameter
    if member is not None and member.kind == "var":  # naming the member
        e = e._replace(name=member.name)
    elif all(a is b for a, b in zip(sub, e.sub)):
        return e
    text = _IDENT.sub(lambda mt: values[mt.group()].text if mt.group() in values else mt.group(), e.text)
    return e._replace(text=text, sub=sub)


def _args(args: tuple[Expr, ...], values: dict[str, Expr], variadic: tuple[Expr, ...], names) -> tuple[Expr, ...]:
    out: list[Expr] = []
    for a in args:
        if a.kind == "var" and a.name in names:  # the variadic parameter: the rest of the use's arguments
            out += variadic
        else:
            out.append(_subst(a, values))
    return tuple(out)


def guard_kind(cls: str) -> str | None:
    """The context a ``guard(cls)`` / ``scoped_guard(cls, ...)`` class enters (include/linux/*.h
    DEFINE_LOCK_GUARD_*), or None for sleeping locks (mutex, rwsem) and unknown classes."""
    if cls.startswith(("spinlock", "raw_spinlock")):
        return "spinlock"
    if cls.startswith(("read_lock", "write_lock")):
        return "rwlock"
    if cls.startswith("rcu"):
        return "rcu"
    if cls in ("irq", "irqsave"):
        return "irq"
    if cls.startswith("preempt"):  # not guard(migrate): a migrate-disabled section is preemptible
        return "preempt"
    return None


def guard_use(c: Call) -> tuple[str, tuple[Expr, ...]] | None:
    """(class, arguments) of a guard: ``guard(mutex)(&l)``, ``scoped_guard(mutex, &l) { }``,
    ``scoped_cond_guard(mutex_intr, return -EINTR, &l) { }``; None for other calls."""
    ce = c.callee_expr
    if not c.callee and ce is not None and ce.kind == "call" and ce.name == "guard" and ce.sub:
        return ce.sub[0].text, c.args
    if c.callee == "scoped_guard" and c.args:
        return c.args[0].text, c.args[1:]
    if c.callee == "scoped_cond_guard" and len(c.args) >= 2:
        return c.args[0].text, c.args[2:]
    return None


def _guard_name(c: Call) -> tuple[str, str, tuple[Expr, ...]] | None:
    """("guard(CLASS)", class, arguments) of a guard of a class that enters no atomic context (its
    lock expression may sleep: mutex, rwsem_read, device, rtnl), else None."""
    g = guard_use(c)
    if g is None or guard_kind(g[0]) is not None:
        return None
    return f"guard({g[0]})", g[0], g[1]


class Table:
    """The expandable macros of a program, found by name from the file of a use."""

    def __init__(self, files, shared=None) -> None:
        self.by_name: dict[str, list[Macro]] = {}
        for f in files:
            for m in getattr(f, "macros", ()):
                self.by_name.setdefault(m.name, []).append(m)
        #: the shared headers' macros by name, for names the files do not define (the kernel model)
        self.shared = shared
        #: the functions of the files, but not a header's empty inline stub (FunctionFacts.stub): the
        #: macro is the other configuration's definition of the name
        self.functions = {fn.name for f in files for fn in f.functions if not fn.stub} if self.by_name or shared else set()
        #: (path, line, col) of a macro use -> the macro (for the note at its definition)
        self.uses: dict[tuple[str, int, int], Macro] = {}

    def known(self, name: str) -> bool:
        """Whether ``name`` may be a macro to expand (a file's own, or a shared header's)."""
        if name in self.by_name:
            return True
        if self.shared is None or not name or name in self.functions:
            return False
        found = self.shared(name)
        if found:
            self.by_name[name] = list(found)
        return bool(found)

    def find(self, name: str, path: str) -> Macro | None:
        """The definition of macro ``name`` a use in ``path`` sees: the file's own, else its
        directory's, else the only body the others share; None when they differ."""
        found = self.candidates(name, path)
        return found[0] if len({m.body for m in found}) == 1 else None

    def candidates(self, name: str, path: str) -> list[Macro]:
        """The definitions a use of ``name`` in ``path`` may see: the file's own, else its
        directory's, else every analysed or shared one (configuration and architecture variants:
        arch/x86/include/asm/uaccess.h and include/asm-generic/uaccess.h each define get_user())."""
        self.known(name)
        found = self.by_name.get(name)
        if not found or name in self.functions:
            return []
        here = path.rsplit("/", 1)[0]
        own = [m for m in found if m.loc.path == path]  # (several: one per configuration,
        if own:  # drivers/net/ethernet/xscale/ixp4xx_eth.c free_buffer: dev_kfree_skb or kfree)
            return own
        local = [m for m in found if m.loc.path.rsplit("/", 1)[0] == here]
        if local:
            return local
        # an architecture's own definition replaces include/asm-generic's (the kernel model is x86's)
        if any(_ARCH.search(m.loc.path) for m in found):
            return [m for m in found if not _GENERIC.search(m.loc.path)]
        return found

    def value(self, name: str, args: tuple[Expr, ...], path: str, depth: int = 0) -> Expr | None:
        """The expression a use of value macro ``name`` with ``args`` stands for (the expanded
        call, cast as the body casts it; nested value macros too), or None."""
        m = self.find(name, path)
        if m is None or depth >= MAX_DEPTH or len(args) < len(m.params) or (
                len(args) > len(m.params) and not m.variadic):
            return None
        v = _value_of(m)
        if v is None:
            return None
        values = dict(zip(m.params, args))
        varnames = {m.variadic, "__VA_ARGS__"} if m.variadic else set()
        call = v.strip()
        new = call._replace(sub=_args(call.sub, values, args[len(m.params):], varnames))
        if self.known(new.name):
            new = self.value(new.name, new.sub, m.loc.path, depth + 1) or new
        return _rewrap(v, call, new)

    def calls(self, name: str, args: tuple[Expr, ...], path: str, depth: int = 0) -> list[Call]:
        """The calls a use of macro ``name`` with ``args`` expands to (nested macros too). Of
        several differing definitions, the calls every one of them makes: what the use does in
        every configuration (might_fault() of each get_user())."""
        found = self.candidates(name, path)
        if len({m.body for m in found}) > 1:  # (a body that does not parse says nothing)
            each = [e for e in (self._calls(m, args, depth) for m in found) if e is not None]
            common = set.intersection(*({c.callee for c in e} for e in each)) if each else set()
            return [c for c in each[0] if c.callee in common] if each else []
        return (self._calls(found[0], args, depth) or []) if found else []

    def assigns(self, name: str, args: tuple[Expr, ...], path: str) -> list:
        """The assignments a use of macro ``name`` with ``args`` expands to (one definition only):
        ``type->function = usb_serial_generic_##function;`` of drivers/usb/serial/usb-serial.c
        set_to_generic_if_null(type, read_bulk_callback) stores usb_serial_generic_read_bulk_callback
        in the driver's ``read_bulk_callback``."""
        found = self.candidates(name, path)
        if len({m.body for m in found}) != 1:
            return []
        m = found[0]
        f = _function_of(m)
        if f is None or len(args) < len(m.params) or (len(args) > len(m.params) and not m.variadic):
            return []
        values = dict(zip(m.params, args))
        # (only stores through the use's arguments: a statement expression's own locals, ``({ int
        # __ret = ...; __ret; })``, are no variables of the function using it)
        return [a._replace(lhs=_subst(a.lhs, values), rhs=_subst(a.rhs, values)) for a in f.assigns
                if a.lhs.root_var() in values]

    def _calls(self, m: Macro, args: tuple[Expr, ...], depth: int) -> list[Call] | None:
        """The calls of one definition's expansion; None when its body does not parse."""
        if depth >= MAX_DEPTH or len(args) < len(m.params) or (len(args) > len(m.params) and not m.variadic):
            return []
        body = _calls_of(m)
        if body is None:
            return None
        values = dict(zip(m.params, args))
        rest = args[len(m.params):]
        varnames = {m.variadic, "__VA_ARGS__"} if m.variadic else set()
        out = []
        for c in body:
            callee = c.callee
            if callee in values:  # #define CALL(fn, x) fn(x)
                v = values[callee]
                callee = v.name if v.kind == "var" else ""
            elif _PASTE in callee:  # #define REG(op, x) writel_##op(x)
                callee = _pasted(callee, values) or ""
            if not callee:
                continue
            c = c._replace(callee=callee, args=_args(c.args, values, rest, varnames))
            inner = self.calls(callee, c.args, m.loc.path, depth + 1)
            out += inner if inner else [c]
        return out


def _rewrap(e: Expr, old: Expr, new: Expr) -> Expr:
    """``e`` (casts around ``old``) with ``old`` replaced by ``new``."""
    if e is old:
        return new
    return e._replace(sub=(_rewrap(e.sub[0], old, new),) + e.sub[1:])


def _values(table: Table, e: Expr, path: str, depth: int = 0) -> Expr:
    """``e`` with each use of a value macro standing also for what it expands to: a choice
    (``cond``) of the use itself and its expansion, so the value is what either says. The use
    stays: a name the knowledge knows (include/linux/slab.h ``#define kzalloc(...)
    alloc_hooks(kzalloc_noprof(__VA_ARGS__))``, an allocator) says more than its expansion."""
    if depth > 12:
        return e
    sub = tuple(_values(table, x, path, depth + 1) for x in e.sub)
    e = e if all(a is b for a, b in zip(sub, e.sub)) else e._replace(sub=sub)
    if e.kind == "call" and e.name in table.by_name:
        got = table.value(e.name, sub, path)
        if got is not None:
            return Expr("cond", e.text, "", (e, got))
    return e


def expand(files: list, shared=None) -> tuple[list, Table]:
    """``files`` with every macro use expanded (a new FileFacts where something changed).
    ``shared(name)``: the shared headers' macros of that name (kernelmodel.Externals.macros)."""
    table = Table(files, shared)
    if not table.by_name and shared is None:
        return files, table
    out = []
    for f in files:
        fns = []
        changed = False
        for fn in f.functions:
            new = _expand_function(table, fn)
            changed |= new is not fn
            fns.append(new)
        out.append(f._replace(functions=tuple(fns)) if changed else f)
    return out, table


def _use(table: Table, c: Call) -> tuple[str, str, tuple[Expr, ...]] | None:
    """(macro name, guard class or "", arguments) of a call that is a use of a known macro."""
    g = _guard_name(c)
    if g is not None:
        return g if table.known(g[0]) else None
    return (c.callee, "", c.args) if table.known(c.callee) else None


def _expand_function(table: Table, fn):
    uses = {i: u for i, c in enumerate(fn.calls) if (u := _use(table, c)) is not None}
    if not uses:
        return fn
    calls = list(fn.calls)
    stores = []
    events = [list(e) for e in fn.cfg.events]
    for i, (name, guard, args) in uses.items():
        c = fn.calls[i]
        found = table.calls(name, args, fn.path)
        more = [] if guard else table.assigns(name, args, fn.path)
        if not found and not more:
            continue
        if guard:
            found = [e._replace(guard=guard) for e in found]
        table.uses[(c.loc.path, c.loc.line, c.loc.col)] = table.find(name, fn.path)
        added = []
        for e in found:
            added.append(("call", len(calls)))
            calls.append(e._replace(loc=c.loc, node=c.node))
        for a in more:  # (after the calls: ``p->buf = kmalloc(...)`` stores the call's value)
            added.append(("assign", len(fn.assigns) + len(stores)))
            stores.append(a._replace(loc=c.loc, node=c.node))
        evs = events[c.node]
        at = evs.index(("call", i)) if ("call", i) in evs else len(evs)
        events[c.node] = evs[:at] + added + evs[at:]
    if len(calls) == len(fn.calls) and not stores:
        return fn
    cfg = fn.cfg._replace(events=tuple(tuple(e) for e in events))
    assigns = tuple(a._replace(rhs=_values(table, a.rhs, fn.path)) for a in fn.assigns + tuple(stores))
    returns = tuple(r._replace(value=_values(table, r.value, fn.path)) if r.value is not None else r
                    for r in fn.returns)
    return fn._replace(calls=tuple(calls), cfg=cfg, assigns=assigns, returns=returns)


def with_aliases(shared, aliases: dict, defined) -> Callable[[str], list[Macro]]:
    """``shared`` (the shared headers' macros by name, or None), with the knowledge's aliases
    (knowledge.Alias: ``spi_master_put()`` of a v6.1 driver is ``spi_controller_put()``) for names
    it has no macro of and ``defined(name)`` (a kernel-model function) does not know."""

    def find(name: str) -> list[Macro]:
        got = shared(name) if shared is not None else []
        a = aliases.get(name)
        if got or a is None or not a.to or defined(name):
            return got
        path, _, line = a.header.partition(":")
        return [Macro(name, (), "__VA_ARGS__", f"{a.to}(__VA_ARGS__)",
                      Loc(path or "rules/knowledge/aliases.toml", int(line) if line.isdigit() else 1, 1))]
    return find


def note(finding, table: Table):
    """``finding`` with a note at the definition of the macro used where it points, if any."""
    m = table.uses.get((finding.loc.path, finding.loc.line, finding.loc.col))
    if m is None:
        return finding
    import dataclasses

    from kmemlint.model import Related

    return dataclasses.replace(finding, related=finding.related + (
        Related(m.loc, f"in the expansion of {m.name}, the guard class defined here" if m.name.startswith("guard(")
                else f"in the expansion of macro {m.name}(), defined here"),))
