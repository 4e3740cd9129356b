"""Per-function facts: tree-sitter tree -> plain, picklable ``FileFacts``.

One combined query (queries/facts.scm) finds every call, assignment, initialiser, return and
declaration; each is assigned to its enclosing function by byte range and to the CFG node that
contains it. Rules never see a tree-sitter node: they read these facts only.
"""
from __future__ import annotations

import bisect
import re
import sys
from typing import NamedTuple

from tree_sitter import Node

from kmemlint.frontend import macrodefs, parse, sizes
from kmemlint.frontend.cfg import Cfg, Graph
from kmemlint.model import Loc
from kmemlint.frontend.suppressions import Suppression, scan as scan_suppressions

_MAX_TEXT = 160
_MAX_COND = 240
_MAX_DEPTH = 12
_MAX_ERROR_LOCS = 100


class Expr(NamedTuple):
    """A normalised expression.

    kind   meaning                                   name            sub
    var    identifier                                its name        ()
    field  a.b / a->b                                member          (base,)
    index  a[i]                                      ""              (base, index)
    deref  *a                                        ""              (a,)
    addr   &a                                        ""              (a,)
    cast   (T)a                                      type text       (a,)
    call   f(args)                                   callee or ""    args
    cond   c ? a : b                                 ""              (a, b)
    arith  a + b, a - b                              operator        (a, b)
    const  number, string, char, NULL, true/false    ""              ()
    sizeof sizeof(...)                               ""              ()
    iterate a list iterator's head (its cursor's     the iterator    args
           value: list_for_each_entry(pos, head, member))
    other  anything else                             node type       ()
    """

    kind: str
    text: str
    name: str = ""
    sub: tuple = ()  # tuple[Expr, ...]

    def root_var(self) -> str:
        """The variable an lvalue/pointer expression is rooted in (``p`` for ``p->a[i].b``)."""
        e = self
        while e.kind in ("field", "index", "deref", "addr", "cast", "arith") and e.sub:
            e = e.sub[0]
        return e.name if e.kind == "var" else ""

    def strip(self) -> "Expr":
        """Without casts."""
        e = self
        while e.kind == "cast" and e.sub:
            e = e.sub[0]
        return e


def key(e: Expr) -> str:
    """The access path of an lvalue, or "" when it has none. ``a->b`` and ``a.b`` share a key;
    all elements of an array share one."""
    k = e.kind
    if k == "var":
        return e.name
    if k == "cast" and e.sub:
        return key(e.sub[0])
    if k == "field" and e.sub:
        base = key(e.sub[0])
        return f"{base}.{e.name}" if base else ""
    if k == "index" and e.sub:
        base = key(e.sub[0])
        return f"{base}[]" if base else ""
    if k == "deref" and e.sub:
        base = key(e.sub[0])
        return f"*{base}" if base else ""
    return ""


class Var(NamedTuple):
    """A declared variable or parameter: ``type`` is the base type (``struct foo``), ``ptr`` the
    number of ``*``, ``dims`` the array dimensions as text."""

    name: str
    type: str
    ptr: int = 0
    dims: tuple[str, ...] = ()
    static: bool = False
    loc: Loc | None = None

    @property
    def is_array(self) -> bool:
        return bool(self.dims)

    @property
    def type_text(self) -> str:
        return self.type + " " + "*" * self.ptr if self.ptr else self.type


class Call(NamedTuple):
    callee: str  # "" for calls through function pointers
    args: tuple[Expr, ...]
    loc: Loc
    node: int  # CFG node
    callee_expr: Expr | None = None  # the called expression when it is not a plain name
    negated: bool = False  # the call's value is the operand of ``!`` (``if (!spin_trylock(l))``)
    #: a call of the lock expression of a guard class (``guard(mutex)(&l)`` expanded to
    #: ``mutex_lock(&l)``, kmemlint.frontend.macros): it may sleep, but what it does to the lock
    #: state is the guard's own (atomic.guard_kind)
    guard: str = ""


class Assign(NamedTuple):
    lhs: Expr
    rhs: Expr
    loc: Loc
    node: int
    op: str = "="


class Return(NamedTuple):
    value: Expr | None
    loc: Loc
    node: int


class Initializer(NamedTuple):
    """``.member = value`` in a designated initialiser: ``static struct net_device_ops ops = {...}``."""

    struct: str  # type of the object being initialised ("struct net_device_ops"), "" if unknown
    member: str
    value: Expr
    loc: Loc
    function: str = ""  # enclosing function, "" at file scope
    #: the object a pair of its own initialiser list belongs to (``scsi_dev_type`` of ``static const
    #: struct device_type scsi_dev_type = { .release = ... }``), "" in a nested list or a literal
    variable: str = ""
    #: the members of ``struct`` down to the one whose list holds the pair, for a nested list
    #: (``("chip",)`` for ``static struct sa1100_gpio_chip c = { .chip = { .set = f } }``; an
    #: array member's elements alike), resolved to the inner struct before the rules run
    #: (program.typeinfo.nested_initialisers())
    outer: tuple[str, ...] = ()


class FunctionFacts(NamedTuple):
    name: str
    path: str
    static: bool
    loc: Loc
    ret: Var
    params: tuple[Var, ...]
    locals: tuple[Var, ...]
    calls: tuple[Call, ...]
    assigns: tuple[Assign, ...]
    returns: tuple[Return, ...]
    cfg: Cfg
    #: (CFG node, condition text) of short branch conditions, for rules that ask which
    #: parameter decides a branch (``if (sleep_ok) msleep(1);``)
    conds: tuple[tuple[int, str], ...] = ()
    #: ERROR/MISSING nodes of the parse inside the function (facts there may be missing)
    parse_errors: int = 0
    #: the ``Context:`` section of the kernel-doc comment before the function, lower case
    #: (Documentation/doc-guide/kernel-doc.rst): ``any (irqs may be blocked, etc)`` for spi_async()
    context: str = ""

    def local(self, name: str) -> Var | None:
        for v in self.locals:
            if v.name == name:
                return v
        for v in self.params:
            if v.name == name:
                return v
        return None

    @property
    def stub(self) -> bool:
        """A header's static inline function that calls nothing (``static inline int
        __pm_runtime_resume(struct device *dev, int rpmflags) { return 1; }`` under ``#else`` of
        CONFIG_PM): the configuration variant of a real function defined elsewhere, or of a macro
        (include/linux/debugfs.h ``#define debugfs_remove_recursive debugfs_remove``)."""
        return self.static and self.path.endswith(".h") and not self.calls

    def event(self, kind: str, index: int) -> Call | Assign | Return:
        return {"call": self.calls, "assign": self.assigns, "return": self.returns}[kind][index]


class Struct(NamedTuple):
    """A struct or union definition: ``tag`` is ``struct foo`` (or the typedef name of an anonymous
    one); members of anonymous inner structs/unions are flattened into it, as C does."""

    tag: str
    members: tuple[Var, ...]

    def member(self, name: str) -> Var | None:
        for m in self.members:
            if m.name == name:
                return m
        return None


class Contract(NamedTuple):
    """What a struct's own documentation says of the functions stored in one of its function-pointer
    members: they run in atomic context (``member`` is ``struct S.member``; ``quote`` is the
    sentence that says so; ``loc`` is the member's declaration)."""

    member: str
    quote: str
    loc: Loc


class FileFacts(NamedTuple):
    path: str
    parse_errors: int
    functions: tuple[FunctionFacts, ...]
    globals: tuple[Var, ...] = ()
    initializers: tuple[Initializer, ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    types: object = None  # kmemlint.sizes.TypeFacts when available
    lines: int = 0
    structs: tuple[Struct, ...] = ()
    exports: tuple[str, ...] = ()  # functions named by EXPORT_SYMBOL*(...) at file scope
    #: (line, col, "ERROR" or "MISSING <token>") of the first parse errors (``kmemlint parse-errors``)
    error_locs: tuple[tuple[int, int, str], ...] = ()
    macros: tuple = ()  # tuple[kmemlint.frontend.macrodefs.Macro, ...]: expandable function-like macros
    #: every function-like macro the file defines, expandable or not (an empty ``#define
    #: xip_disable(map, chip, adr)``): the name is the preprocessor's, not a function's
    macro_names: tuple[str, ...] = ()
    contracts: tuple[Contract, ...] = ()  # documented atomic-context function-pointer members
    #: functions a header declares (prototypes, not static): a static inline of the same name there
    #: is another configuration's variant (include/linux/devcoredump.h ``#ifdef
    #: CONFIG_DEV_COREDUMP`` prototypes, ``#else`` inline stubs)
    prototypes: tuple[str, ...] = ()
    #: file-scope arrays initialised with names, the functions of a table of function pointers:
    #: (array, names) (sound/soc/soc-pcm.c ``trigger[][TRIGGER_MAX] = { { snd_soc_link_trigger,
    #: ... } }``, called as ``trigger[start][i](substream, cmd, 0)``)
    tables: tuple[tuple[str, tuple[str, ...]], ...] = ()


# ---------------------------------------------------------------------------------------------
def _name(raw: bytes) -> str:
    """An identifier's text. Every string of the facts is interned (sys.intern): equal strings
    of a file are one object, which its cache entry pickles once, so the facts of a group take
    less memory in the parent (drivers/usb: strings 51 -> 18 MiB) and encode faster."""
    return sys.intern(raw.decode("utf-8", "replace"))


def _text(node: Node) -> str:
    raw = node.text
    if len(raw) > _MAX_TEXT:
        raw = raw[:_MAX_TEXT]
    return sys.intern(" ".join(raw.decode("utf-8", "replace").split()))


def _loc(path: str, node: Node) -> Loc:
    (l1, c1), (l2, c2) = node.start_point, node.end_point
    line = l1 + 1
    return Loc(path, line, c1 + 1, line if l2 == l1 else l2 + 1, c2 + 1)


def _named(node: Node) -> list[Node]:
    return [c for c in node.named_children if c.type != "comment"]


_CONST = {"number_literal", "char_literal", "true", "false", "null"}
_STRING = Expr("const", '"..."')  # string literals: their text matters to no rule and is large
#: identical leaves (``dev``, ``GFP_KERNEL``, ``NULL``, ``0``) are shared across all facts of a run
_LEAVES: dict[tuple[str, bytes], Expr] = {}


def _leaf(kind: str, raw: bytes) -> Expr:
    e = _LEAVES.get((kind, raw))
    if e is None:
        if len(_LEAVES) > 100_000:  # a worker lives for the whole run: bounded (~20 MB)
            _LEAVES.clear()
        text = _name(raw)
        if kind == "var":
            e = Expr("const", text) if text == "NULL" else Expr("var", text, text)
        else:
            e = Expr(kind, sys.intern(" ".join(text.split())) if len(text) <= _MAX_TEXT else text[:_MAX_TEXT])
        _LEAVES[(kind, raw)] = e
    return e


def expr(node: Node, depth: int = 0) -> Expr:
    t = node.type
    if depth > _MAX_DEPTH:
        return Expr("other", _text(node), t)
    d = depth + 1
    if t == "identifier":
        return _leaf("var", node.text)
    if t == "parenthesized_expression":
        inner = _named(node)
        return expr(inner[-1], d) if inner else Expr("other", _text(node), t)
    if t == "field_expression":
        base, member = node.child_by_field_name("argument"), node.child_by_field_name("field")
        if base is None or member is None:
            return Expr("other", _text(node), t)
        return Expr("field", _text(node), _name(member.text), (expr(base, d),))
    if t == "subscript_expression":
        base, index = node.child_by_field_name("argument"), node.child_by_field_name("index")
        if base is None:
            return Expr("other", _text(node), t)
        sub = (expr(base, d),) + ((expr(index, d),) if index is not None else ())
        return Expr("index", _text(node), "", sub)
    if t == "pointer_expression":
        op, arg = node.child_by_field_name("operator"), node.child_by_field_name("argument")
        if arg is None or op is None:
            return Expr("other", _text(node), t)
        return Expr("addr" if op.type == "&" else "deref", _text(node), "", (expr(arg, d),))
    if t == "cast_expression":
        ty, val = node.child_by_field_name("type"), node.child_by_field_name("value")
        if val is None:
            return Expr("other", _text(node), t)
        return Expr("cast", _text(node), _text(ty) if ty is not None else "", (expr(val, d),))
    if t == "call_expression":
        fn, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        name = _name(fn.text) if fn is not None and fn.type == "identifier" else ""
        sub = tuple(expr(a, d) for a in _named(args)) if args is not None else ()
        return Expr("call", _text(node), name, sub)
    if t == "conditional_expression":
        cond, a, b = (node.child_by_field_name(f) for f in ("condition", "consequence", "alternative"))
        a = a if a is not None else cond  # GNU a ?: b
        if a is None or b is None:
            return Expr("other", _text(node), t)
        return Expr("cond", _text(node), "", (expr(a, d), expr(b, d)))
    if t == "binary_expression":
        op = node.child_by_field_name("operator")
        if op is not None and op.type in ("+", "-"):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if left is not None and right is not None:
                return Expr("arith", _text(node), op.type, (expr(left, d), expr(right, d)))
        return Expr("other", _text(node), t)
    if t == "assignment_expression":
        right = node.child_by_field_name("right")
        return expr(right, d) if right is not None else Expr("other", _text(node), t)
    if t == "comma_expression":
        right = node.child_by_field_name("right")
        return expr(right, d) if right is not None else Expr("other", _text(node), t)
    if t in _CONST:
        return _leaf("const", node.text)
    if t == "string_literal" or t == "concatenated_string":
        return _STRING
    if t == "sizeof_expression" or t == "alignof_expression":
        return Expr("sizeof", _text(node))
    return Expr("other", _text(node), t)


_PP = re.compile(rb"^[ \t]*#[ \t]*(if|ifdef|ifndef|elif|else|endif|define|undef)\b(.*)$", re.M)
_DEFINED = re.compile(rb"[ \t]*(?:defined[ \t]*\(?[ \t]*)?([A-Za-z_]\w*)[ \t]*\)?[ \t]*(?:/[*/].*)?$")
_DECIDABLE = re.compile(rb"^[ \t]*#[ \t]*(?:(?:el)?if[ \t]+[01]\b|define\b|(?:el)?if(?:n?def)?\b.*DEBUG)", re.M)
#: a debugging switch (``DEBUG``, ``VERBOSE_DEBUG``, ``CC_DEBUG``), not a Kconfig option: off unless
#: the file defines it (a production build; drivers/crypto/bcm/util.h's ``#ifdef DEBUG`` flow_log()
#: that msleep()s between messages is not what runs)
_DEBUG_SWITCH = re.compile(rb"(?!CONFIG_)[A-Z0-9_]*DEBUG[A-Z0-9_]*")


def _in_comment(src: bytes, pos: int) -> bool:
    """Whether ``pos`` lies inside a ``/* ... */`` comment: a ``/*`` after the last ``*/`` before
    it, not inside a string literal on its line (found by looking back from ``pos``: a
    whole-file pass per file would cost every file for the few directives it asks about)."""
    closed = src.rfind(b"*/", 0, pos)
    start = pos
    while True:
        start = src.rfind(b"/*", closed + 2 if closed >= 0 else 0, start)
        if start < 0:
            return False
        line = src.rfind(b"\n", 0, start) + 1
        if src.count(b'"', line, start) % 2 == 0 and b"//" not in src[line:start]:
            return True


def _truth(directive: bytes, rest: bytes, defined: dict[bytes, bytes]) -> bool | None:
    """What an ``#if``/``#ifdef``/``#ifndef``/``#elif`` condition is, when the file alone decides
    it: ``0`` and ``1``, whether a name the file itself ``#define``s (outside any condition,
    before this line, and not ``#undef``'d since) is defined, and ``#if NAME`` of such a name
    defined as a number (qla1280.c's ``#define DUMP_IT_BACK 0`` removes its ``#if DUMP_IT_BACK``
    blocks); a debugging switch the file does not define is unset (``_DEBUG_SWITCH``). None when
    the file cannot tell: whatever comes from a header, the command line or Kconfig."""
    if directive in (b"if", b"elif"):
        m = re.match(rb"[ \t]+([01])\b", rest)  # "0 && X" is false, "1 || X" true
        if m is not None and (b"||" if m.group(1) == b"0" else b"&&") not in rest:
            return m.group(1) == b"1"
        neg = re.match(rb"[ \t]*![ \t]*", rest)
        tail = rest[neg.end():] if neg else rest
        m = _DEFINED.match(tail)
        if m is not None and m.group(1) not in defined and _DEBUG_SWITCH.fullmatch(m.group(1)):
            return neg is not None  # an unset switch: defined() and its value are false
        if m is None or m.group(1) not in defined:
            return None
        if re.match(rb"[ \t]*defined\b", tail):
            return neg is None
        value = re.fullmatch(rb"\(?[ \t]*(\d+)[uUlL]*[ \t]*\)?", defined[m.group(1)])
        if value is None:
            return None
        return (int(value.group(1)) != 0) == (neg is None)
    m = _DEFINED.match(rest)
    if m is not None and m.group(1) not in defined and _DEBUG_SWITCH.fullmatch(m.group(1)):
        return directive == b"ifndef"
    if m is None or m.group(1) not in defined:
        return None
    return directive == b"ifdef"


#: the iterator macros whose first argument is the loop cursor and last the member linking the
#: entries (include/linux/list.h list_for_each_entry(pos, head, member) and its _safe, _reverse,
#: _continue, _from, _rcu, _srcu variants; hlist_for_each_entry*): the loop head assigns the cursor
#: an entry of the list (an ``iterate`` expression)
_CURSOR_FIRST = re.compile(rb"((?:h?list)_for_each_entry\w*)[ \t]*\(")


def _comma_list(node: Node) -> list[Node]:
    """The operands of ``a, b, c`` (a comma expression nests to the right)."""
    out = []
    while node.type == "comma_expression":
        left, node = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or node is None:
            return []
        out.append(left)
    return out + [node]


def dead_ranges(src: bytes) -> list[tuple[int, int]]:
    """Byte ranges of the conditional groups the compiler never sees but tree-sitter parses: the
    first group of ``#if 0``, the ``#else`` of ``#if 1``, and the groups a name the file itself
    ``#define``s rules out (hamachi.c's ``#define final_version`` removes its ``#ifndef
    final_version`` block). A group the file cannot decide is kept."""
    if _DECIDABLE.search(src) is None:
        return []
    out: list[tuple[int, int]] = []
    defined: dict[bytes, bytes] = {}  # name -> its value, comments dropped
    stack: list[list] = []  # per open #if: [is the current group dead, its start, was a group taken]
    for m in _PP.finditer(src):
        if _in_comment(src, m.start()):
            continue  # a changelog comment's "#ifdef MODULE" opens no group (qla1280.c:171)
        d, rest = m.group(1), m.group(2)
        if d in (b"define", b"undef"):
            if not stack:
                name = re.match(rb"[ \t]+([A-Za-z_]\w*)", rest)
                if name is not None and d == b"define":  # a function-like macro has no value
                    value = rest[name.end():]
                    defined[name.group(1)] = b"(" if value.startswith(b"(") else re.sub(rb"/\*.*?\*/|//.*", b"", value).strip()
                elif name is not None:
                    defined.pop(name.group(1), None)
            continue
        if d in (b"if", b"ifdef", b"ifndef"):
            t = _truth(d, rest, defined)
            stack.append([t is False, m.end(), t is True])
            continue
        if not stack:
            continue
        top = stack[-1]
        if top[0]:
            out.append((top[1], m.start()))
        if d == b"endif":
            stack.pop()
        elif d == b"else":
            top[:] = [top[2], m.end(), True]
        else:  # elif: dead when a group before it was taken, or when it is false
            t = None if top[2] else _truth(d, rest, defined)
            top[:] = [top[2] or t is False, m.end(), top[2] or t is True]
    return out


def _negated(node: Node) -> bool:
    """Whether the value of ``node`` is logically negated: ``!f()``, ``!(f())``."""
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    if parent is None or parent.type != "unary_expression":
        return False
    op = parent.child_by_field_name("operator")
    return op is not None and op.type == "!"


# ---------------------------------------------------------------------------------------------
def _type_name(node: Node | None) -> str:
    if node is None:
        return ""
    if node.type in ("struct_specifier", "union_specifier", "enum_specifier"):
        name = node.child_by_field_name("name")
        kw = node.type.split("_")[0]
        return sys.intern(f"{kw} {name.text.decode('utf-8', 'replace')}") if name is not None else kw
    return _text(node)


def _unwrap(decl: Node | None) -> tuple[str, int, tuple[str, ...], Node | None, bool]:
    """declarator -> (name, pointer depth, array dims, initial value node, is a function)."""
    ptr, dims, value, is_fn = 0, [], None, False
    while decl is not None:
        t = decl.type
        if t == "init_declarator":
            value = decl.child_by_field_name("value")
        elif t in ("pointer_declarator", "abstract_pointer_declarator"):
            ptr += 1 + len(dims)  # (*p)[2]: a pointer to an array, not an array
            dims = []
        elif t in ("array_declarator", "abstract_array_declarator"):
            size = decl.child_by_field_name("size")
            dims.append(_text(size) if size is not None else "")
        elif t in ("function_declarator", "abstract_function_declarator"):
            is_fn = True
        elif t in ("identifier", "field_identifier", "type_identifier"):
            return _name(decl.text), ptr, tuple(dims), value, is_fn
        elif t != "parenthesized_declarator" and t != "attributed_declarator":
            return "", ptr, tuple(dims), value, is_fn
        inner = decl.child_by_field_name("declarator")
        if inner is None and decl.named_children:
            inner = next((c for c in decl.named_children if "declarator" in c.type or c.type == "identifier"), None)
        decl = inner
    return "", ptr, tuple(dims), value, is_fn


_TABLE_NAMES = 256


def _tables(node: Node) -> list[tuple[str, tuple[str, ...]]]:
    """The arrays a file-scope declaration initialises with a list, with the names in it (values
    and ``&name``, nested lists and designated entries included): what a call through the array
    may call."""
    out = []
    for d in node.children_by_field_name("declarator"):
        if d.type != "init_declarator":
            continue
        value, decl = d.child_by_field_name("value"), d.child_by_field_name("declarator")
        if value is None or value.type != "initializer_list" or decl is None or b"[" not in decl.text:
            continue
        name = _unwrap(decl)[0]
        names: list[str] = []
        stack = [value]
        while stack and len(names) < _TABLE_NAMES:
            n = stack.pop()
            if n.type == "initializer_pair":
                n = n.child_by_field_name("value")
                if n is None:
                    continue
            if n.type == "pointer_expression" and n.child_by_field_name("argument") is not None:
                n = n.child_by_field_name("argument")
            if n.type == "identifier":
                names.append(_name(n.text))
            elif n.type == "initializer_list":
                stack.extend(reversed(n.named_children))
        if name and names:
            out.append((name, tuple(dict.fromkeys(names))))
    return out


def _storage(node: Node) -> set[str]:
    return {c.text.decode() for c in node.children if c.type == "storage_class_specifier"}


def _declared(path: str, node: Node) -> list[tuple[Var, Node | None]]:
    """Variables declared by a ``declaration`` node, each with its initial value node."""
    base = _type_name(node.child_by_field_name("type"))
    static = "static" in _storage(node)
    out = []
    for d in node.children_by_field_name("declarator"):
        name, ptr, dims, value, is_fn = _unwrap(d)
        if name and (not is_fn or _function_pointer(d)):
            out.append((Var(name, base, ptr, dims, static, _loc(path, d)), value))
    return out


def _function_pointer(decl: Node | None) -> bool:
    """Whether a declarator declares a pointer to a function (``int (*handle)(struct sk_buff *) =
    lookup(pid)``, a variable), not a function (``int *f(void)``): a pointer inside its function
    declarator."""
    seen_fn = False
    while decl is not None:
        if decl.type == "function_declarator":
            seen_fn = True
        elif decl.type == "pointer_declarator" and seen_fn:
            return True
        inner = decl.child_by_field_name("declarator")
        if inner is None and decl.named_children:
            inner = next((c for c in decl.named_children if "declarator" in c.type), None)
        decl = inner
    return False


def _prototypes(node: Node) -> list[str]:
    """The functions a file-scope ``declaration`` declares (``void f(int);``)."""
    out = []
    for d in node.children_by_field_name("declarator"):
        name, _, _, _, is_fn = _unwrap(d)
        if name and is_fn:
            out.append(name)
    return out


def _params(path: str, fn_decl: Node | None) -> tuple[Var, ...]:
    plist = fn_decl.child_by_field_name("parameters") if fn_decl is not None else None
    out = []
    for p in _named(plist) if plist is not None else ():
        if p.type != "parameter_declaration":
            continue
        name, ptr, dims, _, _ = _unwrap(p.child_by_field_name("declarator"))
        out.append(Var(name, _type_name(p.child_by_field_name("type")), ptr + len(dims), (), False,
                       _loc(path, p)))
    return tuple(out)


def _function_head(path: str, fn: Node) -> tuple[str, Var, tuple[Var, ...]]:
    decl = fn.child_by_field_name("declarator")
    ptr = 0
    while decl is not None and decl.type in ("pointer_declarator", "attributed_declarator",
                                               "parenthesized_declarator"):
        ptr += decl.type == "pointer_declarator"
        decl = decl.child_by_field_name("declarator") or (decl.named_children[-1] if decl.named_children else None)
    name = ""
    if decl is not None and decl.type == "function_declarator":
        inner = decl.child_by_field_name("declarator")
        # a function returning a function pointer, ``int (*ax25_protocol_function(unsigned int
        # pid))(struct sk_buff *, ax25_cb *)`` (net/ax25/ax25_iface.c): the innermost declarator
        # is the function, with its parameters; what it returns is a pointer
        # (a pointer inside first: ``CONCATENATE(foo, bar)(void)`` is a macro making the name, no
        # function of that name)
        returned = 0
        while inner is not None and inner.type in (
                "parenthesized_declarator", "pointer_declarator", "attributed_declarator", "function_declarator") \
                and (inner.type != "function_declarator" or returned > 0):
            if inner.type == "function_declarator":
                decl = inner
            returned += inner.type == "pointer_declarator"
            inner = inner.child_by_field_name("declarator") or \
                (inner.named_children[-1] if inner.named_children else None)
        ptr += returned
        if inner is not None and inner.type == "identifier":
            name = _name(inner.text)
    ret = Var("", _type_name(fn.child_by_field_name("type")), ptr)
    return name, ret, _params(path, decl if decl is not None and decl.type == "function_declarator" else None)


def _struct_tags(node: Node) -> list[str]:
    """Names a struct/union definition is known by: its tag and the typedef naming it."""
    tags = []
    name = node.child_by_field_name("name")
    if name is not None:
        tags.append(sys.intern(f"{node.type.split('_')[0]} {name.text.decode('utf-8', 'replace')}"))
    parent = node.parent
    if parent is not None and parent.type == "type_definition":
        for d in parent.children_by_field_name("declarator"):
            n, ptr, dims, _, _ = _unwrap(d)
            if n and not ptr and not dims:
                tags.append(n)
    return tags


def _members(path: str, body: Node, out: list[Var], depth: int = 0) -> None:
    for fd in body.named_children:
        if fd.type != "field_declaration":
            continue
        ty = fd.child_by_field_name("type")
        decls = fd.children_by_field_name("declarator")
        if not decls and ty is not None and ty.type in ("struct_specifier", "union_specifier") and depth < 4:
            inner = ty.child_by_field_name("body")
            if inner is not None:  # anonymous struct/union: its members belong to the outer one
                _members(path, inner, out, depth + 1)
            continue
        base = _type_name(ty)
        for d in decls:
            name, ptr, dims, _, is_fn = _unwrap(d)
            if name and not is_fn:
                out.append(Var(name, base, ptr, dims, False, _loc(path, d)))


def _struct(path: str, node: Node) -> list[Struct]:
    tags = _struct_tags(node)
    body = node.child_by_field_name("body")
    if not tags or body is None:
        return []
    members: list[Var] = []
    _members(path, body, members)
    return [Struct(t, tuple(members)) for t in tags]


#: a member's documentation that says its functions run in atomic context: include/net/mac80211.h
#: ``@tx: ... Must be atomic.``, include/linux/clk-provider.h ``@enable: ... This function must not
#: sleep.``, include/linux/serial_core.h ``Interrupts: locally disabled.``, include/linux/leds.h
#: ``/* Set LED brightness level\n * Must not sleep. ...``
_ATOMIC_DOC = re.compile(
    r"\bmust be atomic\b|\b(?:must|may|shall|should|can)(?:not| not|n't)(?: ever)? (?:sleep|block)\b"
    r"|\bmust never (?:sleep|block)\b|\binterrupts?: locally disabled\b|\bwith (?:local )?interrupts disabled\b"
    r"|\b(?:in|from|using) (?:an? )?atomic context\b"
    r"|\b(?:called|invoked|run|executed)\b[^.]{0,60}\b(?:in|from) (?:an? )?(?:atomic|interrupt|irq|hard-?irq|"
    r"softirq|tasklet) context\b", re.I)
#: ... and what says they may sleep, run in process context or under a mutex: then nothing is taken
_SLEEPY_DOC = re.compile(
    r"(?<!not )(?<!never )\b(?:may|might|is allowed to|are allowed to) (?:sleep|block)\b|\bprocess context\b"
    r"|\bnot (?:be )?(?:called )?(?:from|in) (?:an? )?atomic\b|\bmay be called from (?:any|process)\b"
    r"|\bmutex\b", re.I)  # include/linux/serial_core.h @set_termios "Locking: caller holds tty_port->mutex"
#: a contract under a condition (include/linux/leds.h ``@blink_set``: "if brightness_set_blocking is
#: not set this function must not sleep") is not every implementation's
_CONDITIONAL = re.compile(r"\b(?:if|unless|except)\b", re.I)
_DOC_MEMBER = re.compile(r"^[ \t]*\*?[ \t]*@(\w+)[ \t]*:", re.M)
_DOC_LINE = re.compile(r"^[ \t]*(?:/\*\*?|\*/|\*(?!/))?", re.M)


def _doc_paragraphs(desc: str) -> str:
    """A kernel-doc member description: its first paragraph, and the paragraphs after it that are
    indented deeper (include/linux/serial_core.h's ``@start_tx: ...``, blank line, ``\tLocking:``),
    not the struct's own description that follows the last member."""
    paras = re.split(r"\n[ \t]*\*?[ \t]*\n", desc)
    kept = [paras[0]]
    for p in paras[1:]:
        if not re.match(r"[ \t]*\*?(?:\t|[ ]{2,})\S", p):
            break
        kept.append(p)
    return " ".join(_DOC_LINE.sub(" ", "\n".join(kept)).split())


def _contract_quote(text: str) -> str:
    """The sentence of a member's documentation that makes it atomic, or ""."""
    sentences = re.split(r"(?<!e\.g\.)(?<!i\.e\.)(?<=[.;!])\s+", text.replace("*/", " "))
    if any(_SLEEPY_DOC.search(x) for x in sentences):
        return ""
    hit = next((x for x in sentences if _ATOMIC_DOC.search(x) and not _CONDITIONAL.search(x)), "")
    return hit if len(hit) <= 160 else hit[:157] + "..."


def _contracts(path: str, node: Node) -> list[Contract]:
    """The function-pointer members of a struct definition whose documentation says they run in
    atomic context: the kernel-doc comment before the struct (``@member: ...``), kernel-doc
    comments inside it, and the plain comment right before a member or after it on its line."""
    body = node.child_by_field_name("body")
    tags = [t for t in _struct_tags(node) if t.startswith(("struct ", "union "))]
    if body is None or not tags:
        return []
    fnptrs: dict[str, tuple[Loc, Node]] = {}
    unions: list[list[str]] = []  # the function pointers of one anonymous union: one slot, two names
    bodies = [(body, False)]
    while bodies:
        here, union = bodies.pop()
        group: list[str] = []
        for fd in here.named_children:
            if fd.type != "field_declaration":
                continue
            decls = fd.children_by_field_name("declarator")
            ty = fd.child_by_field_name("type")
            if not decls and ty is not None and ty.type in ("struct_specifier", "union_specifier") \
                    and ty.child_by_field_name("body") is not None and len(bodies) < 8:
                # an anonymous union's members are the struct's
                bodies.append((ty.child_by_field_name("body"), ty.type == "union_specifier"))
            for d in decls:
                name, ptr, _, _, is_fn = _unwrap(d)
                if name and ptr and is_fn:
                    fnptrs[name] = (_loc(path, d), fd)
                    group.append(name)
        if union and len(group) > 1:
            unions.append(group)
    if not fnptrs:
        return []
    texts: dict[str, list[str]] = {}
    docs: list[str] = []
    outer = node.parent if node.parent is not None and node.parent.type in ("type_definition", "declaration") else node
    prev = outer.prev_sibling
    if prev is not None and prev.type == "comment" and prev.text.startswith(b"/**"):
        docs.append(prev.text.decode("utf-8", "replace"))
    for c in body.named_children:
        if c.type == "comment" and c.text.startswith(b"/**") and b"@" in c.text:
            docs.append(c.text.decode("utf-8", "replace"))
    for doc in docs:
        parts = _DOC_MEMBER.split(doc)
        for i in range(1, len(parts) - 1, 2):
            if parts[i] in fnptrs:
                texts.setdefault(parts[i], []).append(_doc_paragraphs(parts[i + 1]))
    for name, (_, fd) in fnptrs.items():
        for c in (fd.prev_named_sibling, fd.next_named_sibling):
            if c is None or c.type != "comment" or c.text.startswith(b"/**"):
                continue
            before = c.end_byte <= fd.start_byte and c.end_point[0] >= fd.start_point[0] - 1
            if before or c.start_point[0] == fd.end_point[0]:
                # a paragraph that names another member as ``other()`` speaks of that one
                # (include/linux/mmu_notifier.h: the comment before alloc_notifier ends "free_notifier()
                # ... is called from a SRCU callback and cannot sleep")
                for para in re.split(r"\n[ \t]*\*?[ \t]*\n", c.text.decode("utf-8", "replace")):
                    text = " ".join(_DOC_LINE.sub(" ", para).split())
                    named = [m for m in fnptrs if re.search(rf"\b{re.escape(m)}\(\)", text)]
                    for m in named or [name]:
                        texts.setdefault(m, []).append(text)
    quotes = {name: _contract_quote(" ".join(found)) for name, found in texts.items()}
    for group in unions:
        # the other names of a documented slot share its contract, unless documented themselves
        # (include/linux/i2c.h: "@master_xfer_atomic: deprecated, use @xfer_atomic", its union twin)
        said = [quotes[m] for m in group if quotes.get(m)]
        for m in group:
            if said and not quotes.get(m) and not _SLEEPY_DOC.search(" ".join(texts.get(m, ()))):
                quotes[m] = said[0]
    out = []
    for name, quote in quotes.items():
        if quote:
            out.extend(Contract(sys.intern(f"{t}.{name}"), quote, fnptrs[name][0]) for t in tags)
    return out


def _init_assigns(var: Var, lhs: Expr, init: Node, depth: int = 0):
    """``struct spi_transfer t = { .tx_buf = buf }`` as the assignments ``t.tx_buf = buf`` (one
    array level: ``xfers[] = { { .tx_buf = a }, ... }`` gives ``xfers[].tx_buf = a``)."""
    for item in init.named_children:
        if item.type == "initializer_pair":
            desig, value = item.child_by_field_name("designator"), item.child_by_field_name("value")
            if desig is None or value is None or desig.type != "field_designator" or value.type == "initializer_list":
                continue
            member = _named(desig)
            if member:
                m = _name(member[0].text)
                yield Expr("field", sys.intern(f"{lhs.text}.{m}"), m, (lhs,)), value
        elif item.type == "initializer_list" and depth == 0 and var.dims:
            yield from _init_assigns(var, Expr("index", sys.intern(f"{lhs.text}[]"), "", (lhs,)), item, 1)


def _initialised_type(pair: Node) -> str:
    """The declared type of the object a designated initialiser pair belongs to."""
    node = pair.parent
    while node is not None and node.type in ("initializer_list", "initializer_pair", "init_declarator"):
        node = node.parent
    if node is not None and node.type == "declaration":
        return _type_name(node.child_by_field_name("type"))
    if node is not None and node.type == "compound_literal_expression":
        ty = node.child_by_field_name("type")
        return _type_name(ty.child_by_field_name("type")) if ty is not None else ""
    return ""


def _designators(pair: Node) -> list[str]:
    """The member names of a pair's designators: ``.a.b = x`` -> ["a", "b"] (``[2]`` skipped)."""
    return [_name(n[0].text) for d in pair.children_by_field_name("designator")
            if d.type == "field_designator" and (n := _named(d))]


def _initialised_path(pair: Node) -> tuple[str, ...]:
    """The members from the declared object down to the nested list that holds ``pair``:
    ``("states",)`` for ``.enter`` in ``{ .states = { { .enter = f } } }``."""
    names: list[str] = []
    node = pair.parent
    while node is not None and node.type in ("initializer_list", "initializer_pair"):
        if node.type == "initializer_pair":
            names[:0] = _designators(node)
        node = node.parent
    return tuple(names)


def _initialised_name(pair: Node) -> str:
    """The name of the object whose own initialiser list holds ``pair``."""
    init = pair.parent.parent if pair.parent is not None else None
    if init is None or init.type != "init_declarator":
        return ""
    decl = init.child_by_field_name("declarator")
    return _name(decl.text) if decl is not None and decl.type == "identifier" else ""


_CONTEXT = re.compile(rb"\*\s*Context:\s*(.*?)(?=\n\s*\*\s*\n|\n\s*\*\s*[A-Za-z][\w ]*:|\*/)", re.S)


def _doc_context(node: Node) -> str:
    """The ``Context:`` section of the kernel-doc comment right before a function definition."""
    prev = node.prev_sibling if node.type == "function_definition" else None
    if prev is None or prev.type != "comment" or not prev.text.startswith(b"/**") \
            or node.start_point[0] - prev.end_point[0] > 1:
        return ""
    m = _CONTEXT.search(prev.text)
    if m is None:
        return ""
    return sys.intern(" ".join(m.group(1).decode("utf-8", "replace").replace("*", " ").split()).lower()[:160])


class _Fn:
    """A function being collected: a ``function_definition``, or one recovered from an ERROR node
    that swallowed an unterminated function (``head`` = its function_declarator, ``stmts`` = the
    statements after it)."""

    def __init__(self, path: str, node: Node, head: Node | None = None, stmts: list[Node] | None = None,
                 end: int | None = None) -> None:
        self.node = node
        self.start, self.end = node.start_byte, node.end_byte if end is None else end
        if head is None:
            self.name, self.ret, self.params = _function_head(path, node)
            self.static = "static" in _storage(node)
            body = node.child_by_field_name("body")
            self.graph = Graph(body) if body is not None else None
        else:
            inner = head.child_by_field_name("declarator")
            self.name = _name(inner.text) if inner is not None and inner.type == "identifier" else ""
            self.ret, self.params = Var("", ""), _params(path, head)
            self.static = any(c.type == "storage_class_specifier" and c.text == b"static"
                              for c in node.children if c.end_byte <= head.start_byte)
            self.graph = Graph(node, stmts)
        self.locals: list[Var] = []
        self.calls: list[Call] = []
        self.assigns: list[Assign] = []
        self.returns: list[Return] = []

    @classmethod
    def recovered(cls, path: str, error: Node) -> list["_Fn"]:
        children = error.children
        heads = [i for i, c in enumerate(children) if c.type == "function_declarator"]
        out = []
        for n, i in enumerate(heads):
            stop = heads[n + 1] if n + 1 < len(heads) else len(children)
            end = children[stop].start_byte if stop < len(children) else error.end_byte
            stmts = [c for c in children[i + 1:stop] if c.is_named]
            out.append(cls(path, error, children[i], stmts, end))
            out[-1].start = children[i].start_byte
        return out

    def add(self, kind: str, node: Node, event) -> None:
        lst = {"call": self.calls, "assign": self.assigns, "return": self.returns}[kind]
        if self.graph is not None:
            self.graph.add_event(event.node, node.end_byte, kind, len(lst))
        lst.append(event)

    def contains(self, node: Node) -> bool:
        return self.start <= node.start_byte and node.end_byte <= self.end

    def node_of(self, node: Node) -> int:
        return self.graph.locate(node.start_byte) if self.graph is not None else 0

    def freeze(self, path: str, src: bytes = b"", error_bytes: list[int] = ()) -> FunctionFacts:
        name_node = self.node.child_by_field_name("declarator") or self.node
        cfg = self.graph.freeze() if self.graph is not None else Graph(self.node).freeze()
        conds = []
        if self.graph is not None and src:
            b = self.graph._b
            for n, kind in enumerate(b.kinds):
                start, end = b.ranges[n]
                if kind == "cond" and 0 <= start and end - start <= _MAX_COND:
                    conds.append((n, sys.intern(" ".join(src[start:end].decode("utf-8", "replace").split()))))
            for n, value in b.cases.items():  # a switch's case entries: ``case VALUE`` / ``default``
                text = "default" if value is None else "case " + src[value[0]:value[1]].decode("utf-8", "replace")
                conds.append((n, sys.intern(" ".join(text.split()))))
        errors = bisect.bisect_left(error_bytes, self.end) - bisect.bisect_left(error_bytes, self.start)
        return FunctionFacts(self.name, path, self.static, _loc(path, name_node), self.ret, self.params,
                             tuple(self.locals), tuple(self.calls), tuple(self.assigns),
                             tuple(self.returns), cfg, tuple(conds), errors, _doc_context(self.node))


def extract(path: str, src: bytes, tree=None) -> FileFacts:
    """Facts of one file. ``path`` is the display path stored in every location."""

    if tree is None:
        tree = parse.parse(src)
    root = tree.root_node
    found = parse.matches("facts", root)

    fns: list[_Fn] = []
    for _, caps in found:
        for fn in caps.get("function", ()):
            fns.append(_Fn(path, fn))
        for err in caps.get("broken", ()):
            fns.extend(_Fn.recovered(path, err))
    fns.sort(key=lambda f: f.start)
    starts = [f.start for f in fns]

    def owner(node: Node) -> _Fn | None:
        """The innermost function containing ``node`` (a recovered one may contain a real one)."""
        i = bisect.bisect_right(starts, node.start_byte) - 1
        for j in range(i, max(i - 3, -1), -1):
            if fns[j].contains(node):
                return fns[j]
        return None

    globals_: list[Var] = []
    inits: list[Initializer] = []
    structs: list[Struct] = []
    contracts: list[Contract] = []
    exports: list[str] = []
    prototypes: list[str] = []
    tables: list[tuple[str, tuple[str, ...]]] = []
    header = path.endswith(".h")
    dead = dead_ranges(src)
    if dead:  # drop what lies in #if 0 blocks
        found = [(i, caps) for i, caps in found
                 if not any(a <= n.start_byte < b for nodes in caps.values() for n in nodes[:1] for a, b in dead)
                 or "function" in caps or "broken" in caps]
    macro_defs = list(macrodefs.aliases(path, src)) + list(macrodefs.guards(path, src))
    macro_names: set[str] = set()
    for _, caps in found:
        if "macro" in caps:
            node = caps["macro"][0]
            name, params, value = (node.child_by_field_name(f) for f in ("name", "parameters", "value"))
            if name is not None and params is not None:
                macro_names.add(_name(name.text))
            if name is not None and params is not None and value is not None:
                m = macrodefs.record(path, _name(name.text), src[params.start_byte:params.end_byte].decode("utf-8", "replace"),
                                  src[value.start_byte:value.end_byte].decode("utf-8", "replace"), _loc(path, name))
                if m is not None:
                    macro_defs.append(m)
        elif "struct" in caps:
            structs.extend(_struct(path, caps["struct"][0]))
            contracts.extend(_contracts(path, caps["struct"][0]))
        elif "call" in caps:
            node = caps["call"][0]
            f = owner(node)
            if f is None:  # file-scope macro invocations parse as calls (STYLE.md §3.1)
                fn = node.child_by_field_name("function")
                if fn is not None and b"EXPORT_SYMBOL" in fn.text:  # EXPORT_SYMBOL_GPL(name), IWL_EXPORT_SYMBOL(name)
                    args = node.child_by_field_name("arguments")
                    named = _named(args) if args is not None else []
                    if named and named[0].type == "identifier":
                        exports.append(_name(named[0].text))
                continue
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            callee = _name(fn.text) if fn is not None and fn.type == "identifier" else ""
            f.add("call", node, Call(callee, tuple(expr(a) for a in _named(args)) if args is not None else (),
                                     _loc(path, fn if fn is not None else node), f.node_of(node),
                                     None if callee or fn is None else expr(fn), _negated(node)))
        elif "assign" in caps:
            node = caps["assign"][0]
            f = owner(node)
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if f is None or left is None or right is None:
                continue
            op = node.child_by_field_name("operator")
            f.add("assign", node, Assign(expr(left), expr(right), _loc(path, node), f.node_of(node),
                                         op.type if op is not None else "="))
        elif "decl" in caps:
            node = caps["decl"][0]
            f = owner(node)
            if f is None and header and "static" not in _storage(node):
                prototypes.extend(_prototypes(node))
            if f is None:
                tables.extend(_tables(node))
            for var, value in _declared(path, node):
                if f is None:
                    globals_.append(var)
                    continue
                f.locals.append(var)
                if value is not None and value.type != "initializer_list":
                    f.add("assign", value, Assign(Expr("var", var.name, var.name), expr(value),
                                                  var.loc, f.node_of(value)))
                elif value is not None and not var.static:
                    for lhs, v in _init_assigns(var, Expr("var", var.name, var.name), value):
                        f.add("assign", v, Assign(lhs, expr(v), _loc(path, v), f.node_of(v)))
        elif "loop" in caps:
            node = caps["loop"][0]
            f = owner(node)
            cursor = _CURSOR_FIRST.match(src, node.start_byte)
            if f is None or cursor is None:
                continue  # a real `while`, or an iterator whose cursor is not its first argument
            head = caps["head"][0]
            args = _comma_list(head.named_children[0]) if head.named_children else []
            if len(args) >= 3:
                name = cursor.group(1).decode()
                f.add("assign", head, Assign(expr(args[0]), Expr("iterate", _text(head), name, tuple(expr(a) for a in args)),
                                             _loc(path, head), f.node_of(head)))
        elif "return" in caps:
            node = caps["return"][0]
            f = owner(node)
            if f is None:
                continue
            vals = _named(node)
            f.add("return", node, Return(expr(vals[0]) if vals else None, _loc(path, node), f.node_of(node)))
        elif "pair" in caps:
            pair, desig, value = caps["pair"][0], caps["designator"][0], caps["value"][0]
            names = _designators(pair)
            if not names or desig != pair.children_by_field_name("designator")[-1]:
                continue  # (``.a.b = f``: one pair, for b of a)
            f = owner(pair)
            inits.append(Initializer(_initialised_type(pair), names[-1],
                                     expr(value), _loc(path, pair), f.name if f is not None else "",
                                     _initialised_name(pair), _initialised_path(pair) + tuple(names[:-1])))

    errors = parse.errors(tree)
    error_bytes = [e.byte for e in errors]
    functions = tuple(f.freeze(path, src, error_bytes) for f in fns if f.name)
    return FileFacts(
        path=path,
        parse_errors=len(errors),
        functions=functions,
        globals=tuple(globals_),
        initializers=tuple(inits),
        suppressions=scan_suppressions(path, src),
        types=sizes.type_facts(functions, root, src),  # only when a site's size needs it
        lines=src.count(b"\n") + 1,
        structs=tuple(structs),
        exports=tuple(exports),
        error_locs=tuple((e.line, e.col, e.what) for e in errors[:_MAX_ERROR_LOCS]),
        macros=tuple(macro_defs),
        macro_names=tuple(sorted(macro_names)),
        tables=tuple(tables),
        contracts=tuple(contracts),
        prototypes=tuple(sorted(set(prototypes))),
    )
