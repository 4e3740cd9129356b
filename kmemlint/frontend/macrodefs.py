"""The function-like macros of one file, recorded with its facts: the ``#define`` lines whose body is a
call, a statement expression or a do-while(0) (kmemlint.frontend.macros expands their uses)."""
from __future__ import annotations

import re
import sys
from typing import NamedTuple

from kmemlint.frontend.layout import balanced_end, split_top
from kmemlint.model import Loc

MAX_BODY = 2000
_IDENT = re.compile(r"[A-Za-z_]\w*")
_CONT = re.compile(r"\\\r?\n")


class Macro(NamedTuple):
    name: str
    params: tuple[str, ...]
    variadic: str  # "" (none), "__VA_ARGS__", or the name of a GNU named variadic parameter
    body: str
    loc: Loc


def _split_params(text: str) -> tuple[tuple[str, ...], str] | None:
    """``(a, b, args...)`` -> (("a", "b"), "args"); None when it is no parameter list."""
    inner = text.strip()
    if not (inner.startswith("(") and inner.endswith(")")):
        return None
    parts = [p.strip() for p in inner[1:-1].split(",")] if inner[1:-1].strip() else []
    params, variadic = [], ""
    for i, p in enumerate(parts):
        if p.endswith("..."):
            if i != len(parts) - 1:
                return None
            variadic = p[:-3].strip() or "__VA_ARGS__"
        elif _IDENT.fullmatch(p):
            params.append(p)
        else:
            return None
    return tuple(params), variadic


def expandable(body: str) -> bool:
    """A body worth expanding: a statement expression, a do-while(0), or a call, possibly cast
    (``((type *) __devm_drm_dev_alloc(...))``)."""
    b = body.strip()
    if b.startswith("({") and b.endswith("})"):
        return True
    if re.match(r"do\b", b) and re.search(r"while\s*\(\s*0\s*\)\s*;?$", b):
        return True
    return re.fullmatch(r"\(?\s*(?:\(\s*[A-Za-z_][\w\s]*\**\s*\)\s*)?[A-Za-z_]\w*\s*\(.*\)\s*\)?", b, re.S) is not None


def record(path: str, name: str, params_text: str, body_text: str, loc: Loc) -> Macro | None:
    """A ``Macro`` from the original text of a ``#define``, or None when it is not expandable. GCC's
    ``, ##args`` (the comma dropped when no variadic arguments are given) is the plain variadic
    argument here, which expands to as many arguments as the use has (include/linux/kthread.h
    ``#define kthread_create(threadfn, data, namefmt, arg...) kthread_create_on_node(threadfn, data,
    NUMA_NO_NODE, namefmt, ##arg)``); other token pasting joins the argument's name
    (frontend.macros: drivers/usb/serial/usb-serial.c ``usb_serial_generic_##function``)."""
    split = _split_params(_CONT.sub(" ", params_text))  # a parameter list continued on the next line
    body = _CONT.sub(" ", body_text).strip()
    if split is not None and split[1]:
        body = re.sub(rf",\s*##\s*({re.escape(split[1])}|__VA_ARGS__)\b", r", \1", body)
    if split is None or not body or len(body) > MAX_BODY or not expandable(body):
        return None
    return Macro(sys.intern(name), split[0], split[1], body, loc)


#: an object-like ``#define`` that renames a function: ``#define debugfs_remove_recursive debugfs_remove``
#: (include/linux/debugfs.h)
_ALIAS = re.compile(rb"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)[ \t]+([A-Za-z_]\w*)[ \t]*(?:/\*[^\n]*\*/[ \t]*)?$", re.M)
_NOT_FUNCTIONS = frozenset(("asm", "inline", "const", "volatile", "static", "extern", "register", "void", "char",
                            "short", "int", "long", "float", "double", "signed", "unsigned", "struct", "union",
                            "enum", "typedef", "true", "false", "NULL", "sizeof", "typeof", "restrict"))


def aliases(path: str, src: bytes) -> tuple[Macro, ...]:
    """The object-like ``#define``s of a file that rename a function, as the variadic macros they
    act as where the code calls them: ``#define A B`` is ``#define A(...) B(__VA_ARGS__)``."""
    out = []
    line, at = 1, 0
    for m in _ALIAS.finditer(src):
        name, target = m.group(1).decode("ascii"), m.group(2).decode("ascii")
        if name == target or target in _NOT_FUNCTIONS or name in _NOT_FUNCTIONS:
            continue
        line += src.count(b"\n", at, m.start(1))
        at = m.start(1)
        col = m.start(1) - (src.rfind(b"\n", 0, m.start(1)) + 1) + 1
        out.append(Macro(sys.intern(name), (), "__VA_ARGS__", f"{target}(__VA_ARGS__)",
                         Loc(path, line, col, line, col + len(name))))
    return tuple(out)


_GUARD = re.compile(rb"^[ \t]*(DEFINE_GUARD|DEFINE_GUARD_COND|DEFINE_LOCK_GUARD_0)[ \t]*\(", re.M)


def _top_args(text: str) -> list[str]:
    """The comma-separated arguments of a macro use's text (from after its ``(``), to its ``)``;
    [] when it does not close."""
    use = "(" + text
    end = balanced_end(use, 0)
    inner = use[1:end - 1]
    if use[end - 1:end] != ")" or inner.count("(") != inner.count(")"):
        return []
    return [a.strip() for a in split_top(inner)]


def guards(path: str, src: bytes) -> tuple[Macro, ...]:
    """The guard classes a file defines (include/linux/cleanup.h), as macros named ``guard(NAME)``
    whose body is the lock expression: ``DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T),
    mutex_unlock(_T))`` (include/linux/mutex.h) is ``guard(mutex)(_T)`` -> ``mutex_lock(_T)``;
    ``DEFINE_GUARD_COND(mutex, _intr, mutex_lock_interruptible(_T) == 0)`` is ``guard(mutex_intr)``;
    ``DEFINE_LOCK_GUARD_0(rtnl, rtnl_lock(), rtnl_unlock())`` is ``guard(rtnl)()``. A ``guard()``
    of the class then sleeps where its lock expression does."""
    if b"GUARD" not in src:
        return ()
    out = []
    for m in _GUARD.finditer(src):
        kind = m.group(1)
        args = _top_args(_CONT.sub(" ", src[m.end():m.end() + MAX_BODY].decode("utf-8", "replace")))
        need = 3 if kind != b"DEFINE_LOCK_GUARD_0" else 2
        if len(args) < need or not _IDENT.fullmatch(args[0]):
            continue
        if kind == b"DEFINE_GUARD":
            name, params, body = args[0], ("_T",), args[2]
        elif kind == b"DEFINE_GUARD_COND":
            name, params, body = args[0] + args[1], ("_T",), args[2]
        else:
            name, params, body = args[0], (), args[1]
        if "(" not in body or "##" in body:
            continue
        line = src.count(b"\n", 0, m.start()) + 1
        out.append(Macro(sys.intern(f"guard({name})"), params, "", " ".join(body.split()),
                         Loc(path, line, 1, line, 1)))
    return tuple(out)


#: a function-like ``#define`` with its continued body (``scan()``)
_DEFINE = re.compile(rb"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)(\((?:[^)\n]|\\\r?\n)*\))((?:[^\n]*\\\r?\n)*[^\n]*)",
                     re.M)


def scan(path: str, src: bytes) -> tuple[Macro, ...]:
    """The expandable macros of a file made only of preprocessor lines (``prefilter``), read from
    its bytes without parsing: include/linux/iopoll.h is such a file, and its read_poll_timeout()
    sleeps."""
    out = []
    line, at = 1, 0
    for m in _DEFINE.finditer(src):
        if b"(" not in m.group(3):
            continue  # a constant, no call
        line += src.count(b"\n", at, m.start(1))
        at = m.start(1)
        col = m.start(1) - (src.rfind(b"\n", 0, m.start(1)) + 1) + 1
        name = m.group(1).decode("ascii")
        got = record(path, name, m.group(2).decode("utf-8", "replace"), m.group(3).decode("utf-8", "replace"),
                     Loc(path, line, col, line, col + len(name)))
        if got is not None:
            out.append(got)
    return tuple(out) + aliases(path, src) + guards(path, src)

