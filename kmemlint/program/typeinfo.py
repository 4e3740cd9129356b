"""Cheap C types over the facts: the struct an expression points into, for member keys.

Only what provenance needs: the base type and pointer depth of variables, parameters, globals,
struct members (``FileFacts.structs``), casts and ``container_of``. A struct is identified by its tag
*and the file defining it*: analysing all of drivers/ at once, two drivers' ``struct priv`` are not
one type. A definition in the function's own file wins, then the header nearest to it; a tag
defined in several unrelated headers is ambiguous and has no members. A tag defined in no analysed
file (a header kmemlint was not given: ``struct fb_info`` of include/linux/fb.h when analysing one
driver) still has members, keyed by the file using them (``struct fb_info.screen_buffer@?x.c``):
what one file stores there is what that file reads back, and two files never share such a key.
"""
from __future__ import annotations

import os
from collections import defaultdict

from kmemlint.frontend.facts import Expr, FunctionFacts, Struct, Var
from kmemlint.frontend.rewrite import type_argument
from kmemlint.program.summaries import fid

_QUALIFIERS = {"const", "volatile", "__iomem", "__force", "__user", "__rcu", "__percpu", "restrict", "__restrict"}

#: calls returning their first argument's pointer, converted (the type then comes from the declaration)
Type = tuple[str, int]  # (base type, pointer/array depth)


def parse_type(text: str) -> Type:
    """``struct foo *`` -> ("struct foo", 1)."""
    ptr = text.count("*")
    words = [w for w in text.replace("*", " ").split() if w not in _QUALIFIERS]
    return " ".join(words), ptr


class TypeInfo:
    def __init__(self, files) -> None:
        self._defs: dict[str, list[tuple[str, Struct]]] = defaultdict(list)
        self._globals: dict[str, dict[str, Var]] = {}
        self._extern: dict[str, Var] = {}
        for f in files:
            for s in f.structs:
                self._defs[s.tag].append((f.path, s))
            g = self._globals.setdefault(f.path, {})
            for v in f.globals:
                g.setdefault(v.name, v)
                if not v.static:
                    self._extern.setdefault(v.name, v)
        self._vars: dict[int, dict[str, Var]] = {}
        self._memo: dict[tuple[str, str], tuple[str, Struct] | None] = {}

    @classmethod
    def of(cls, program) -> "TypeInfo":
        """The types of a whole program (``Program.summary("types", TypeInfo.of)``)."""
        return cls(list(program.type_files) + program.files)

    # -- variables and structs -----------------------------------------------------------------
    def var(self, fn: FunctionFacts, name: str) -> Var | None:
        """A local, parameter or global visible in ``fn``."""
        vs = self._vars.get(id(fn))
        if vs is None:
            vs = {v.name: v for v in fn.params}
            vs.update((v.name, v) for v in fn.locals)
            self._vars[id(fn)] = vs
        return vs.get(name) or self.global_var(fn.path, name)

    def global_var(self, path: str, name: str) -> Var | None:
        return self._globals.get(path, {}).get(name) or self._extern.get(name)

    def struct(self, tag: str, from_path: str) -> tuple[str, Struct] | None:
        """(identity, definition) of ``tag`` as seen from ``from_path``."""
        k = (tag, from_path)
        if k not in self._memo:
            self._memo[k] = self._find(tag, from_path)
        return self._memo[k]

    def defined(self, tag: str) -> bool:
        """Whether some analysed file defines ``tag``."""
        return tag in self._defs

    def _find(self, tag: str, from_path: str) -> tuple[str, Struct] | None:
        defs = self._defs.get(tag)
        if not defs:
            return None
        for path, s in defs:
            if path == from_path:
                return f"{tag}@{path}", s
        here = os.path.dirname(from_path).split(os.sep)
        best, score, tie = None, -1, False
        for path, s in defs:
            if not path.endswith(".h"):
                continue  # another .c file's struct is not visible here
            there = os.path.dirname(path).split(os.sep)
            sc = 0
            while sc < min(len(here), len(there)) and here[sc] == there[sc]:
                sc += 1
            if sc > score:
                best, score, tie = (path, s), sc, False
            elif sc == score and best is not None and _shape(best[1]) != _shape(s):
                tie = True
        if best is None or tie:
            return None
        return f"{tag}@{best[0]}", best[1]

    # -- expressions ---------------------------------------------------------------------------
    def type_of(self, fn: FunctionFacts, e: Expr, depth: int = 0) -> Type | None:
        if depth > 8:
            return None
        k = e.kind
        if k == "var":
            v = self.var(fn, e.name)
            return (parse_type(v.type)[0], v.ptr + len(v.dims)) if v is not None else None
        if k == "cast" and e.sub:
            return parse_type(e.name)
        if k in ("index", "deref") and e.sub:
            t = self.type_of(fn, e.sub[0], depth + 1)
            return (t[0], t[1] - 1) if t is not None and t[1] > 0 else None
        if k == "addr" and e.sub:
            t = self.type_of(fn, e.sub[0], depth + 1)
            return (t[0], t[1] + 1) if t is not None else None
        if k == "field" and e.sub:
            found = self.member(fn, e, depth)
            if found is None or not found[1].type:  # a member of a struct not given: type unknown
                return None
            m = found[1]
            return parse_type(m.type)[0], m.ptr + len(m.dims)
        if k == "call" and e.name in ("container_of", "container_of_const") and len(e.sub) >= 3:
            if e.sub[1].kind == "var" and e.sub[1].name in ("struct", "union"):
                return f"{e.sub[1].name} {e.sub[2].text}", 1
            if e.sub[1].kind == "var" and type_argument(e.sub[1].name):  # struct_foo: kmemlint/rewrite.py
                return type_argument(e.sub[1].name), 1
            return parse_type(e.sub[1].text)[0], 1
        if k == "cond" and e.sub:
            return self.type_of(fn, e.sub[0], depth + 1) or self.type_of(fn, e.sub[1], depth + 1)
        if k == "arith" and e.sub:
            return self.type_of(fn, e.sub[0], depth + 1)
        return None

    def base_tag(self, fn: FunctionFacts, e: Expr, depth: int = 0) -> str:
        """The struct type a member access ``e`` (a field expression) reads from, "" if unknown."""
        t = self.type_of(fn, e.sub[0], depth + 1) if e.kind == "field" and e.sub else None
        return t[0] if t is not None and t[1] <= 1 else ""

    def member_key(self, fn: FunctionFacts, e: Expr) -> str:
        """``struct S.member`` of a member access ``e`` whose struct or union type is known, else ""."""
        tag = self.base_tag(fn, e)
        return f"{tag}.{e.name}" if tag.startswith(("struct ", "union ")) else ""

    def member(self, fn: FunctionFacts, e: Expr, depth: int = 0) -> tuple[str, Var] | None:
        """(member key, member declaration) of a field expression: ``struct foo_priv.buf@path``."""
        tag = self.base_tag(fn, e, depth)
        return self.member_of(tag, e.name, fn.path) if tag else None

    def member_of(self, tag: str, name: str, path: str) -> tuple[str, Var] | None:
        """(member key, declaration) of member ``name`` of type ``tag`` as seen from ``path``."""
        found = self.struct(tag, path)
        if found is None:
            if self.defined(tag) or not tag.startswith(("struct ", "union ")):
                return None  # ambiguous, or a typedef of unknown shape
            return f"{tag}.{name}@?{path}", Var(name, "")
        ident, s = found
        m = s.member(name)
        if m is None:
            return None
        return f"{tag}.{name}@{ident.split('@', 1)[1]}", m


def _shape(s: Struct) -> tuple:
    return tuple((m.name, m.type, m.ptr, m.dims) for m in s.members)


def display(member_key: str) -> str:
    """``struct foo.buf@drivers/x/foo.h`` -> ``struct foo.buf``."""
    return member_key.split("@", 1)[0]


def value_name(e: Expr) -> str | None:
    """The name an expression used as a value stands for: ``fn`` or ``&fn`` (a function handed on
    or stored), else None."""
    e = e.strip()
    if e.kind == "addr" and e.sub:
        e = e.sub[0].strip()
    return e.name if e.kind == "var" else None


def member_targets(program) -> dict:
    """``struct S.member`` -> [(function, how)] for every function stored in a struct member."""
    types = program.summary("types", TypeInfo.of)
    out: dict = {}

    def target(e: Expr, path: str) -> FunctionFacts | None:
        name = value_name(e)
        return program.lookup(name, path) if name else None

    for ff in program.files:
        for ini in ff.initializers:
            t = target(ini.value, ff.path)
            if t is not None and ini.struct:
                out.setdefault(f"{ini.struct}.{ini.member}", []).append(
                    (t, f"{ini.struct.removeprefix('struct ')}.{ini.member} = {t.name} at line {ini.loc.line}"))
        for fn in ff.functions:
            for a in fn.assigns:
                if a.lhs.kind == "field" and a.op == "=":
                    t = target(a.rhs, ff.path)
                    tag = types.base_tag(fn, a.lhs) if t is not None else ""
                    if t is not None and tag:
                        out.setdefault(f"{tag}.{a.lhs.name}", []).append((t, f"{a.lhs.text} = {t.name} in {fn.name}()"))
    return out


def nested_initialisers(program) -> None:
    """Give each pair of a nested initialiser list its own struct (facts.Initializer ``outer``):
    ``.set`` of ``static struct sa1100_gpio_chip c = { .chip = { .set = f } }`` is a ``struct
    gpio_chip.set``, through the member types the program (and its type files) define; a pair
    whose inner struct is unknown gets none. Done once on the program's files, before any rule
    reads them, with the program's own TypeInfo."""
    if not any(ini.outer for f in program.files for ini in f.initializers):
        return
    types = program.summary("types", TypeInfo.of)

    def inner(path: str, ini):
        tag = ini.struct
        for name in ini.outer:
            found = types.member_of(tag, name, path) if tag else None
            tag = parse_type(found[1].type)[0] if found is not None and found[1].type else ""
        return ini._replace(struct=tag if tag.startswith(("struct ", "union ")) else "", outer=())

    program.files[:] = [f._replace(initializers=tuple(inner(f.path, i) if i.outer else i for i in f.initializers))
                        if any(i.outer for i in f.initializers) else f for f in program.files]


def member_copies(program) -> dict:
    """``struct S.member`` -> [(``struct T.other``, function, Loc)]: S.member is set to what
    T.other holds (net/sched/sch_generic.c qdisc_alloc(): ``sch->enqueue = ops->enqueue``)."""
    types = program.summary("types", TypeInfo.of)
    out: dict = {}
    for fn in program.functions():
        for a in fn.assigns:
            if a.op != "=" or a.lhs.kind != "field" or a.rhs.strip().kind != "field":
                continue
            dst, src = types.member_key(fn, a.lhs), types.member_key(fn, a.rhs.strip())
            if dst and src and dst != src:
                out.setdefault(dst, []).append((src, fn.name, a.loc))
    return out


def values_used(program) -> dict[str, frozenset]:
    """Name -> where it is used as a value (an argument, an assignment's value, an initialiser's):
    ``("table", path, function, variable or struct)`` for an initialiser, ``("function",) + fid(fn)``
    for a function's own use. A function named so may be called through a pointer."""
    used: dict[str, set] = {}
    for ff in program.files:
        for ini in ff.initializers:
            name = value_name(ini.value)
            if name:
                used.setdefault(name, set()).add(("table", ff.path, ini.function, ini.variable or ini.struct))
        for fn in ff.functions:
            where = ("function",) + fid(fn)
            for e in [a for c in fn.calls for a in c.args] + [a.rhs for a in fn.assigns]:
                name = value_name(e)
                if name:
                    used.setdefault(name, set()).add(where)
    return {n: frozenset(w) for n, w in used.items()}


def address_taken(program) -> frozenset[str]:
    """Names used as values: functions that may be called through a pointer (values_used())."""
    return frozenset(program.summary("values-used", values_used))
