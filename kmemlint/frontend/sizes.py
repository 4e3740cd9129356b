"""Constant evaluation of allocation-size expressions without building the kernel.

Two layers:

* :func:`extract_type_facts` -- one tree-sitter query pass over an already-parsed file, giving
  :class:`TypeFacts`: ``#define``\\ s (with the ``#if`` conditions around them), struct/union
  definitions (as :class:`kmemlint.layout.Record`), typedefs, enums, file-scope variables and
  ``#include``\\ s. Plain, picklable data: the facts stage stores it per file, and this module
  uses it on headers (parsed once per process, see :func:`header_facts`).
* :class:`SizeEnv` / :class:`FileSizeContext` -- evaluate an expression such as
  ``struct_size(p, data, n + 1)`` or ``PAGE_SIZE * NR_BUFS`` in the context of one file: its own
  macros and types, those of the headers it includes (local ``"foo.h"``, ``<linux/...>`` and
  ``<asm/...>`` under a kernel tree and ``-I`` directories), ``-D`` defines and the arch facts of
  x86_64 (``PAGE_SIZE``, ``BITS_PER_LONG``, ``SZ_*`` ...). The answer is a :class:`SizeResult`:
  a value, a ``lo..hi`` range (a macro defined differently under ``#ifdef CONFIG_X`` branches, a
  struct whose members depend on undecidable ``#if``\\ s), or a reason why the size is not a
  compile-time constant ("depends on variable 'len'", "depends on CONFIG_FOO", "unknown type
  struct bar").

Evaluation works in three steps: calls (function-like macros, kernel helpers such as
``struct_size``/``max_t``/``DIV_ROUND_UP``, ``sizeof``, ``offsetof``) are reduced textually to
placeholder values, since their arguments may be types that tree-sitter cannot parse in an
expression; the remaining arithmetic is parsed with tree-sitter (``int __kml = (EXPR);``, cached
per text); the tree is evaluated with C's integer conversions over ``lo..hi`` intervals. Kernel
helpers are built in rather than expanded from their header definitions, which use statement
expressions and ``__builtin``\\ s.

Errors are values: nothing here raises on bad input. (Internally a private exception unwinds a
failed evaluation; it never leaves :meth:`FileSizeContext.evaluate`.)
"""
from __future__ import annotations

import functools
import os
import re
import zlib
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter_c
from tree_sitter import Language, Node, Parser, Query, QueryCursor

from kmemlint import costmodel
from kmemlint.frontend.discover import source_key
from kmemlint.frontend.layout import (WELL_KNOWN, Layouts, Member, Record, parse_declaration,
                             parse_declarators, parse_type, split_top, strip_attributes)

__all__ = ["MacroDef", "TypeFacts", "SizeResult", "SizeEnv", "FileSizeContext",
           "extract_type_facts", "extract_type_facts_from_source", "header_facts",
           "find_kernel_root", "arch_defines"]

C = Language(tree_sitter_c.language())
_PARSER = Parser(C)


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------

Cond = tuple[str, bool]


@dataclass(frozen=True)
class MacroDef:
    """One ``#define``: ``params`` is None for object-like macros."""

    params: tuple[str, ...] | None
    body: str
    #: enclosing #if conditions as (expression, polarity), see :class:`kmemlint.layout.Member`
    conds: tuple[Cond, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class TypeFacts:
    """What one file defines, as plain tuples (picklable; ``dict(facts.records)`` etc. to use)."""

    defines: tuple[tuple[str, tuple[MacroDef, ...]], ...] = ()
    records: tuple[tuple[str, Record], ...] = ()
    typedefs: tuple[tuple[str, str], ...] = ()
    #: enum tag -> ((enumerator, value text or None), ...)
    enums: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...] = ()
    #: file-scope variables: name -> type text (``int [3]`` for ``int t[] = {1, 2, 3}``)
    variables: tuple[tuple[str, str], ...] = ()
    #: (path as written, is_system) for ``<...>`` includes
    includes: tuple[tuple[str, bool], ...] = ()


_FACTS_QUERY = Query(C, """
(preproc_def name: (identifier) @name) @define
(preproc_function_def name: (identifier) @name parameters: (preproc_params) @params) @fdefine
(preproc_include path: (_) @path) @include
(struct_specifier body: (field_declaration_list) @body) @record
(union_specifier body: (field_declaration_list) @body) @record
(enum_specifier body: (enumerator_list) @body) @enum
(type_definition type: (_) @type) @typedef
(declaration type: (_) @type) @declaration
(function_definition
  type: [(struct_specifier name: (type_identifier) @attr !body)
         (union_specifier name: (type_identifier) @attr !body)] @type
  declarator: (identifier) @tag
  body: (compound_statement) @body) @misparsed
""")

_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
_RECORD_ATTR_MACROS = {"__packed", "__randomize_layout", "__no_randomize_layout",
                       "____cacheline_aligned", "____cacheline_aligned_in_smp"}
#: ``DECLARE_BITMAP(bits, 64);``: a call, not ``void (*fn)(void);`` or ``unsigned (x);``
_MACRO_MEMBER = re.compile(r"(?!(?:struct|union|enum|signed|unsigned|char|short|int|long|float|"
                           r"double|void|_Bool)\b)[A-Za-z_]\w*\s*\(\s*(?![\s*^(]).*\)\s*;?",
                           re.S)
_WITH_BODY = ("struct_specifier", "union_specifier", "enum_specifier")
_IF_NODES = ("preproc_if", "preproc_ifdef", "preproc_elif", "preproc_elifdef")


def _text(src: bytes, node: Node) -> str:
    return src[node.start_byte:node.end_byte].decode("utf-8", "replace")


def _clean(text: str) -> str:
    return " ".join(_COMMENT.sub(" ", text.replace("\\\n", " ")).split())


def _anon_tag(node: Node, src: bytes) -> str:
    """A synthetic tag for an anonymous struct or union: its place, and its file's, since headers'
    anonymous members of one line and column met in one include closure (include/linux/smp_types.h
    struct __call_single_node's and drivers/gpu/drm/amd/include/v10_structs.h's at 60:2) would
    otherwise be taken for one another."""
    return f"__anon_{_file_tag(src)}_{node.start_point[0] + 1}_{node.start_point[1] + 1}"


@functools.lru_cache(maxsize=16)
def _file_tag(src: bytes) -> str:
    return format(zlib.crc32(src), "08x")


def _tag_of(spec: Node, src: bytes) -> str:
    name = spec.child_by_field_name("name")
    return _text(src, name) if name is not None else _anon_tag(spec, src)


def _cond_of(node: Node, src: bytes) -> tuple[str, bool]:
    """(expression, polarity of the first branch) of an #if/#ifdef/#ifndef/#elif node."""
    if node.type in ("preproc_ifdef", "preproc_elifdef"):
        name = node.child_by_field_name("name")
        directive = node.child(0).type if node.child_count else "#ifdef"
        expr = f"defined({_text(src, name) if name is not None else '?'})"
        return expr, "ndef" not in directive
    cond = node.child_by_field_name("condition")
    return (_clean(_text(src, cond)) if cond is not None else "?"), True


def _is_include_guard(node: Node, src: bytes) -> bool:
    """``#ifndef X`` / ``#define X`` at the top of a file: not a real condition."""
    if node.type != "preproc_ifdef" or node.parent is None or \
            node.parent.type != "translation_unit":
        return False
    name = node.child_by_field_name("name")
    if name is None:
        return False
    body: list[Node] = []  # the first two non-comment children only: a guard spans the whole file
    for i in range(node.named_child_count):
        c = node.named_child(i)
        if c is not None and c.type != "comment":
            body.append(c)
            if len(body) == 2:
                break
    if len(body) < 2 or body[1].type != "preproc_def":
        return False
    guard = body[1].child_by_field_name("name")
    return guard is not None and guard.text == name.text


def _conds(node: Node, src: bytes, stop: Node | None = None) -> tuple[Cond, ...]:
    """The preprocessor conditions enclosing ``node`` (innermost last), up to ``stop``."""
    out: list[Cond] = []
    child, parent = node, node.parent
    stop_id = stop.id if stop is not None else None
    while parent is not None and parent.id != stop_id:
        if parent.type in _IF_NODES and not _is_include_guard(parent, src):
            expr, first = _cond_of(parent, src)
            alt = parent.child_by_field_name("alternative")
            in_alt = alt is not None and alt.id == child.id
            out.append((expr, first != in_alt))
        child, parent = parent, parent.parent
    out.reverse()
    return tuple(out)


def _specifier_base(spec: Node, src: bytes) -> str:
    kind = spec.type.split("_", 1)[0]
    return f"{kind} {_tag_of(spec, src)}"


def _members(body: Node, src: bytes) -> list[Member]:
    """Members of a field_declaration_list (or a misparsed compound_statement), in order,
    including those under preprocessor conditionals."""
    out: list[Member] = []
    stack = list(reversed(body.named_children))
    while stack:
        node = stack.pop()
        if node.type in _IF_NODES or node.type == "preproc_else":
            stack.extend(reversed([c for c in node.named_children
                                   if c.type not in ("identifier", "preproc_defined")
                                   and c.id != (node.child_by_field_name("condition").id
                                                if node.child_by_field_name("condition")
                                                else -1)]))
            continue
        if node.type not in ("field_declaration", "declaration"):
            continue
        conds = _conds(node, src, body)
        typ = node.child_by_field_name("type")
        if typ is not None and typ.type in _WITH_BODY and typ.child_by_field_name("body"):
            rest, attrs = strip_attributes(_clean(src[typ.end_byte:node.end_byte].decode(
                "utf-8", "replace")))
            decls = parse_declarators(_specifier_base(typ, src), rest)
        else:
            text = _clean(_text(src, node))
            if _MACRO_MEMBER.fullmatch(text) and text.split("(", 1)[0].strip() not in WELL_KNOWN:
                # DECLARE_BITMAP(flags, N); and friends: expanded at layout time
                out.append(Member("", text.rstrip(";").strip(), None, ("macro",), conds))
                continue
            decls, attrs = parse_declaration(text)
        out.extend(Member(name, typ_text, width, attrs, conds) for name, typ_text, width in decls)
    return out


def _record_attrs(spec: Node, body: Node, src: bytes) -> tuple[str, ...]:
    """Attributes between ``struct`` and ``{`` and after ``}`` (up to the declaration's end)."""
    _, before = strip_attributes(_clean(src[spec.start_byte:body.start_byte].decode(
        "utf-8", "replace")))
    parent = spec.parent
    end = parent.end_byte if parent is not None and parent.type in (
        "declaration", "type_definition") else spec.end_byte
    _, after = strip_attributes(_clean(src[body.end_byte:end].decode("utf-8", "replace")))
    return before + after


def _array_count(init: Node) -> int | None:
    """Elements of a brace initializer, unless designated (``[IDX] = v``)."""
    count = 0
    for child in init.named_children:
        if child.type == "comment":
            continue
        if child.type == "initializer_pair":
            return None
        count += 1
    return count


def _in_function(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type in ("compound_statement", "parameter_list", "field_declaration_list"):
            return True
        parent = parent.parent
    return False


def extract_type_facts(root_node: Node, src: bytes) -> TypeFacts:
    """Collect macros, types, file-scope variables and includes of one parsed file."""
    defines: dict[str, list[MacroDef]] = {}
    records: dict[str, Record] = {}
    typedefs: dict[str, str] = {}
    enums: dict[str, tuple[tuple[str, str | None], ...]] = {}
    variables: dict[str, str] = {}
    includes: list[tuple[str, bool]] = []
    for _, caps in QueryCursor(_FACTS_QUERY).matches(root_node):
        if "define" in caps or "fdefine" in caps:
            node = caps.get("define", caps.get("fdefine"))[0]
            value = node.child_by_field_name("value")
            body = _clean(_text(src, value)) if value is not None else ""
            params = None
            if "params" in caps:
                params = tuple(p.strip() for p in _text(src, caps["params"][0])[1:-1].split(",")
                               if p.strip())
            defines.setdefault(_text(src, caps["name"][0]), []).append(
                MacroDef(params, body, _conds(node, src), node.start_point[0] + 1))
        elif "include" in caps:
            path = caps["path"][0]
            raw = _text(src, path).strip()
            includes.append((raw[1:-1], path.type == "system_lib_string"))
        elif "record" in caps:
            spec, body = caps["record"][0], caps["body"][0]
            tag = _tag_of(spec, src)
            records[tag] = Record(spec.type.split("_", 1)[0], tag, tuple(_members(body, src)),
                                  _record_attrs(spec, body, src), spec.start_point[0] + 1)
        elif "misparsed" in caps:  # "struct __packed foo { ... };" seen as a function
            attr = _text(src, caps["attr"][0])
            if attr in _RECORD_ATTR_MACROS:
                tag = _text(src, caps["tag"][0])
                _, attrs = strip_attributes(attr)
                records[tag] = Record(caps["type"][0].type.split("_", 1)[0], tag,
                                      tuple(_members(caps["body"][0], src)), attrs,
                                      caps["misparsed"][0].start_point[0] + 1)
        elif "enum" in caps:
            spec, body = caps["enum"][0], caps["body"][0]
            items = []
            for e in body.named_children:
                if e.type == "enumerator":
                    val = e.child_by_field_name("value")
                    items.append((_text(src, e.child_by_field_name("name")),
                                  _clean(_text(src, val)) if val is not None else None))
            enums[_tag_of(spec, src)] = tuple(items)
        elif "typedef" in caps:
            node, typ = caps["typedef"][0], caps["type"][0]
            if typ.type in _WITH_BODY and typ.child_by_field_name("body") is not None:
                rest, _ = strip_attributes(_clean(src[typ.end_byte:node.end_byte].decode(
                    "utf-8", "replace")))
                decls = parse_declarators(_specifier_base(typ, src), rest)
            else:
                decls, _ = parse_declaration(_clean(_text(src, node)))
            typedefs.update((name, t) for name, t, _ in decls if name)
        elif "declaration" in caps:
            node = caps["declaration"][0]
            if _in_function(node):
                continue
            _collect_variables(node, caps["type"][0], src, variables)
    return TypeFacts(
        defines=tuple((k, tuple(v)) for k, v in defines.items()),
        records=tuple(records.items()), typedefs=tuple(typedefs.items()),
        enums=tuple(enums.items()), variables=tuple(variables.items()),
        includes=tuple(includes))


def _collect_variables(node: Node, typ: Node, src: bytes, out: dict[str, str]) -> None:
    decls = []
    for decl in node.children_by_field_name("declarator"):
        init = None
        if decl.type == "init_declarator":
            init = decl.child_by_field_name("value")
            decl = decl.child_by_field_name("declarator")
        if decl is not None and decl.type != "function_declarator":
            decls.append((decl, init))
    if not decls:
        return  # prototypes only (most file-scope declarations of a header)
    if typ.type in _WITH_BODY and typ.child_by_field_name("body") is not None:
        base = _specifier_base(typ, src)
    else:
        base_text, _ = strip_attributes(_clean(src[node.start_byte:typ.end_byte].decode(
            "utf-8", "replace")))
        parsed = parse_declaration(base_text + " __kml_x")[0]
        if not parsed:
            return
        base = parsed[0][1]
    for decl, init in decls:
        decl_text, _ = strip_attributes(_clean(_text(src, decl)))
        if not decl_text:
            continue  # "struct foo { ... } __packed;": the "declarator" is an attribute
        for name, type_text, _ in parse_declarators(base, decl_text):
            if not name:
                continue
            if "[]" in type_text and init is not None and init.type == "initializer_list":
                count = _array_count(init)
                if count is not None:
                    type_text = type_text.replace("[]", f"[{count}]", 1)
            elif "[]" in type_text and init is not None and init.type in (
                    "string_literal", "concatenated_string"):
                type_text = type_text.replace("[]", f"[{len(_string_value(_text(src, init))) + 1}]",
                                              1)
            out[name] = type_text


def _string_value(literal: str) -> str:
    """Rough value of a C string literal (escapes count as one character)."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', literal)
    return re.sub(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)", "x", "".join(parts))


def extract_type_facts_from_source(source: str | bytes) -> TypeFacts:
    """Parse C source and extract its facts (for headers, tests and tools)."""
    src = source.encode() if isinstance(source, str) else source
    return extract_type_facts(_PARSER.parse(src).root_node, src)


#: the on-disk cache (a kmemlint.cache.Cache) that also keeps headers' facts, set per process
_HEADER_STORE: list = [None]


def use_header_cache(store) -> None:
    """Keep headers' facts in ``store`` as well, keyed by content: the other worker processes of
    a run and later runs read them instead of parsing the header again (a cold run of 6.12
    ``drivers/`` parses include/linux/*.h in every process that evaluates sizes)."""
    _HEADER_STORE[0] = store


@functools.lru_cache(maxsize=64)
def header_facts(path: str) -> TypeFacts | None:
    """Facts of a header file, parsed once per process (and once per cache, see
    :func:`use_header_cache`); None if it cannot be read."""
    try:
        src = Path(path).read_bytes()
    except OSError:
        return None
    store, key = _HEADER_STORE[0], ""
    if store is not None:
        key = source_key(store.salt, "header:" + path, src)
        hit = store.get("types", key)
        if isinstance(hit, TypeFacts):
            return hit
    facts = extract_type_facts_from_source(src)
    if store is not None:
        store.put("types", key, facts)
    return facts


@dataclass(frozen=True)
class _Index:
    """Facts of one file as lookup tables."""

    defines: Mapping[str, tuple[MacroDef, ...]]
    records: Mapping[str, Record]
    typedefs: Mapping[str, str]
    enum_consts: Mapping[str, tuple[tuple[tuple[str, str | None], ...], int]]
    enum_tags: frozenset[str]
    variables: Mapping[str, str]


def _index(facts: TypeFacts) -> _Index:
    consts = {}
    for _, items in facts.enums:
        for i, (name, _) in enumerate(items):
            consts[name] = (items, i)
    return _Index(dict(facts.defines), dict(facts.records), dict(facts.typedefs), consts,
                  frozenset(t for t, _ in facts.enums), dict(facts.variables))


@functools.lru_cache(maxsize=8192)
def _header(path: str) -> tuple[tuple[tuple[str, bool], ...], _Index] | None:
    """A header's includes and lookup tables, from one parse: what evaluation keeps of it (the
    TypeFacts themselves are not kept: drivers/net, biggest worker 277 -> 254 MiB)."""
    facts = header_facts(path)
    return None if facts is None else (facts.includes, _index(facts))



# --------------------------------------------------------------------------------------------
# Kernel tree and include resolution
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1024)
def _root_from(directory: str) -> str | None:
    d = Path(directory)
    for candidate in (d, *d.parents):
        if (candidate / "include/linux/slab.h").is_file() or (
                (candidate / "Kbuild").is_file() and (candidate / "MAINTAINERS").is_file()):
            return str(candidate)
    return None


def find_kernel_root(path: Path | str) -> Path | None:
    """The kernel tree containing ``path``: the nearest directory with include/linux/slab.h or
    with both Kbuild and MAINTAINERS."""
    p = Path(path).resolve()
    root = _root_from(str(p if p.is_dir() else p.parent))
    return Path(root) if root else None


_ARCH_DIRS = {"x86_64": "x86", "x86": "x86", "i386": "x86"}
_LIMITS = {
    "U8_MAX": 0xFF, "U16_MAX": 0xFFFF, "U32_MAX": 0xFFFFFFFF, "U64_MAX": (1 << 64) - 1,
    "S8_MAX": 0x7F, "S16_MAX": 0x7FFF, "S32_MAX": 0x7FFFFFFF, "S64_MAX": (1 << 63) - 1,
    "INT_MAX": 0x7FFFFFFF, "UINT_MAX": 0xFFFFFFFF, "LONG_MAX": (1 << 63) - 1,
    "ULONG_MAX": (1 << 64) - 1, "SIZE_MAX": (1 << 64) - 1, "USHRT_MAX": 0xFFFF,
    "SHRT_MAX": 0x7FFF, "UCHAR_MAX": 0xFF, "LLONG_MAX": (1 << 63) - 1,
    "ULLONG_MAX": (1 << 64) - 1, "PHYS_ADDR_MAX": (1 << 64) - 1,
}
_SZ_NAMES = ["", "K", "M", "G", "T"]


def arch_defines(arch: str = "x86_64", page_shift: int = 12) -> dict[str, str]:
    """Object-like macros an arch fixes, as C text: PAGE_SIZE and friends (arch/x86/include/asm/
    page_types.h), BITS_PER_LONG, L1_CACHE_BYTES (CONFIG_X86_L1_CACHE_SHIFT=6), the kmalloc
    limits (include/linux/slab.h), include/linux/sizes.h SZ_* and the include/vdso/limits.h
    limits. They take precedence over header definitions (which need CONFIG_* values)."""
    arch_params = costmodel.Arch(page_shift=page_shift)
    out = {
        "PAGE_SHIFT": str(page_shift), "CONFIG_PAGE_SHIFT": str(page_shift),
        "PAGE_SIZE": f"(1UL << {page_shift})", "PAGE_MASK": f"(~((1UL << {page_shift}) - 1))",
        "BITS_PER_LONG": "64", "BITS_PER_LONG_LONG": "64", "BITS_PER_BYTE": "8",
        "L1_CACHE_SHIFT": "6", "L1_CACHE_BYTES": "64", "SMP_CACHE_BYTES": "64",
        "CONFIG_X86_L1_CACHE_SHIFT": "6", "ARCH_DMA_MINALIGN": "8",
        "ARCH_KMALLOC_MINALIGN": "8", "ARCH_SLAB_MINALIGN": "8",
        "CONFIG_64BIT": "1", "CONFIG_X86_64": "1", "CONFIG_X86": "1", "__KERNEL__": "1",
        "__x86_64__": "1", "__LP64__": "1",
        "MAX_PAGE_ORDER": str(arch_params.max_page_order),
        "PAGE_ALLOC_COSTLY_ORDER": str(costmodel.PAGE_ALLOC_COSTLY_ORDER),
        "KMALLOC_SHIFT_LOW": str(costmodel.KMALLOC_SHIFT_LOW),
        "KMALLOC_SHIFT_HIGH": str(arch_params.kmalloc_shift_high),
        "KMALLOC_SHIFT_MAX": str(arch_params.kmalloc_shift_max),
        "KMALLOC_MAX_SIZE": f"(1UL << {arch_params.kmalloc_shift_max})",
        "KMALLOC_MAX_CACHE_SIZE": f"(1UL << {arch_params.kmalloc_shift_high})",
        "KMALLOC_MIN_SIZE": str(costmodel.KMALLOC_MIN_SIZE),
        "NULL": "0", "true": "1", "false": "0",
    }
    out.update({k: f"{v}ULL" for k, v in _LIMITS.items()})
    for shift in range(0, 47):
        name = f"SZ_{1 << (shift % 10)}{_SZ_NAMES[shift // 10]}"
        out[name] = f"{1 << shift}ULL" if shift >= 32 else str(1 << shift)
    if arch not in _ARCH_DIRS:
        out["__kml_unknown_arch"] = "1"
    return out


# --------------------------------------------------------------------------------------------
# Results and values
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SizeResult:
    """A constant (``lo == hi``, ``exact``), a range, or ``lo = hi = None`` with a reason."""

    lo: int | None
    hi: int | None
    exact: bool
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.lo is not None

    @property
    def value(self) -> int | None:
        """The value when exact, else None."""
        return self.lo if self.exact else None


class _NotConstant(Exception):
    """Internal unwinding of a failed evaluation; converted to a SizeResult at the boundary."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class _V:
    """An integer interval with its C type (width in bits, signedness) and why it is inexact."""

    lo: int
    hi: int
    uns: bool = False
    bits: int = 32
    why: frozenset[str] = frozenset()

    @property
    def exact(self) -> bool:
        return self.lo == self.hi and not self.why


def _wrap(v: int, bits: int, uns: bool) -> int:
    v &= (1 << bits) - 1
    if not uns and v >= 1 << (bits - 1):
        v -= 1 << bits
    return v


def _make(lo: int, hi: int, uns: bool, bits: int, why: frozenset[str]) -> _V:
    """Normalise an interval to its C type; wrapping a range that straddles is not constant."""
    wl, wh = _wrap(lo, bits, uns), _wrap(hi, bits, uns)
    if lo == hi:
        return _V(wl, wl, uns, bits, why)
    if wl - lo != wh - hi:
        raise _NotConstant("value range overflows its type")
    return _V(wl, wh, uns, bits, why)


def _const(value: int, uns: bool = True, bits: int = 64) -> _V:
    return _make(value, value, uns, bits, frozenset())


def _join_vals(vals: list[_V], why: frozenset[str] = frozenset()) -> _V:
    first = vals[0]
    merged = frozenset().union(*(v.why for v in vals)) | why
    lo, hi = min(v.lo for v in vals), max(v.hi for v in vals)
    return _V(lo, hi, first.uns, max(v.bits for v in vals), merged)


def _common(a: _V, b: _V) -> tuple[bool, int]:
    """C usual arithmetic conversions for int/long operands: (unsigned, bits)."""
    bits = max(a.bits, b.bits, 32)
    uns = (a.uns and a.bits >= b.bits) or (b.uns and b.bits >= a.bits)
    return uns, bits


def _tdiv(a: int, b: int) -> int:
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


_INT_LITERAL = re.compile(r"(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)$")


def _literal(text: str) -> _V:
    text = text.replace("'", "").strip()
    if text.startswith(("-", "+")):
        return _unary(text[0], _literal(text[1:]))
    m = _INT_LITERAL.match(text)
    if m is None:
        raise _NotConstant(f"not an integer literal: {text}")
    digits, suffix = m.groups()
    if digits.startswith(("0x", "0X", "0b", "0B")):
        value = int(digits, 0)
    else:
        value = int(digits, 8) if len(digits) > 1 and digits[0] == "0" else int(digits)
    suffix = suffix.lower()
    uns = "u" in suffix
    decimal = not digits.startswith("0") or digits == "0"
    if "l" in suffix or value >= 1 << 32 or (decimal and not uns and value >= 1 << 31):
        bits = 64
        uns = uns or (not decimal and value >= 1 << 63)
    else:
        bits = 32
        uns = uns or value >= 1 << 31
    return _const(value, uns, bits)


# --------------------------------------------------------------------------------------------
# Expression parsing
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=65536)
def _parse_expr(text: str):
    """(tree, expression node) of ``text`` parsed as an initializer, or (None, None) on error."""
    tree = _PARSER.parse(f"int __kml = ({text});".encode())
    decl = tree.root_node.child(0)
    if tree.root_node.has_error or decl is None or decl.type != "declaration":
        return None, None
    init = decl.child_by_field_name("declarator")
    value = init.child_by_field_name("value") if init is not None else None
    return tree, value


_CALL = re.compile(r"([A-Za-z_]\w*)\s*\(")
_DEFINED_BARE = re.compile(r"\bdefined\s+([A-Za-z_]\w*)")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_UNSIGNED_TYPEDEF = re.compile(r"(?:__)?u(?:8|16|32|64|int\d*_t|long|int|short|char)|"
                               r"__(?:le|be)\d+|size_t|dma_addr_t|phys_addr_t|"
                               r"resource_size_t|gfp_t|uintptr_t|sector_t|u_int\d+_t|"
                               r"__kernel_size_t|slab_flags_t|fmode_t|umode_t|dev_t|"
                               r"netdev_features_t|uint\d+_t|bool")
_TOKEN = re.compile(r"[A-Za-z_]\w*|\d\w*|##|#|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\s+|.")


def _substitute(params: tuple[str, ...], body: str, args: list[str]) -> str:
    """Expand a function-like macro body: argument substitution, ``#`` and ``##``."""
    binding = {}
    for i, p in enumerate(params):
        if p == "...":
            binding["__VA_ARGS__"] = ",".join(args[i:])
        elif p.endswith("..."):
            binding[p[:-3]] = ",".join(args[i:])
        else:
            binding[p] = args[i].strip() if i < len(args) else ""
    tokens = _TOKEN.findall(body)
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "#" and i + 1 < len(tokens):
            j = i + 1
            while j < len(tokens) and tokens[j].isspace():
                j += 1
            if j < len(tokens) and tokens[j] in binding:
                out.append('"' + binding[tokens[j]].replace('"', '\\"') + '"')
                i = j + 1
                continue
        if tok == "##":
            while out and out[-1].isspace():
                out.pop()
            i += 1
            while i < len(tokens) and tokens[i].isspace():
                i += 1
            if i < len(tokens):
                out.append(binding.get(tokens[i], tokens[i]))
                i += 1
            continue
        out.append(binding.get(tok, tok))
        i += 1
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Environment
# --------------------------------------------------------------------------------------------

class SizeEnv:
    """Where to find headers and which defines apply; one per run, shared by all files.

    ``kernel_root``: the kernel tree; if None it is found by walking up from each file.
    ``include_dirs``: extra ``-I`` directories; ``defines``: ``-D`` name -> value text
    (``"1"`` for a bare ``-DNAME``). ``page_shift`` selects the page size (x86_64: 12).
    """

    def __init__(self, kernel_root: Path | str | None = None, arch: str = "x86_64",
                 include_dirs=(), defines: Mapping[str, str] | None = None,
                 page_shift: int = 12, max_headers: int = 4000) -> None:
        self.kernel_root = Path(kernel_root) if kernel_root else None
        self.arch = arch
        self.include_dirs = tuple(Path(d) for d in include_dirs)
        self.defines = dict(defines or {})
        self.page_shift = page_shift
        self.max_headers = max_headers
        self.overrides = {**arch_defines(arch, page_shift), **self.defines}

    def root_for(self, path: Path) -> Path | None:
        return self.kernel_root or find_kernel_root(path)

    def header_dirs(self, paths) -> list[str]:
        """The directories headers of files under ``paths`` are looked up in, outside those files'
        own directories: ``-I`` and the include directories of their kernel trees."""
        dirs = {str(d) for d in self.include_dirs}
        for root in {self.root_for(Path(p)) for p in paths}:
            if root is not None:
                dirs.update(str(d) for d in self._search_dirs(root))
        return sorted(dirs)

    def _search_dirs(self, root: Path | None) -> tuple[Path, ...]:
        dirs = list(self.include_dirs)
        if root is not None:
            a = _ARCH_DIRS.get(self.arch, "x86")
            dirs += [root / f"arch/{a}/include", root / f"arch/{a}/include/generated",
                     root / "include", root / f"arch/{a}/include/uapi", root / "include/uapi"]
        return tuple(dirs)

    def resolve_include(self, name: str, system: bool, from_dir: Path,
                        root: Path | None) -> Path | None:
        """The header file an ``#include`` names, or None."""
        candidates = [] if system else [from_dir / name]
        candidates += [d / name for d in self._search_dirs(root)]
        if name.startswith("asm/") and root is not None:
            candidates.append(root / "include/asm-generic" / name[4:])
        for c in candidates:
            if c.is_file():
                return c
        return None if system or root is None else driver_header(name, str(from_dir), str(root))

    def closure(self, path: Path, facts: TypeFacts) -> list[str]:
        """The headers ``path`` includes, transitively, in breadth-first order."""
        return list(_closure(self, str(path.parent), facts.includes,
                             str(self.root_for(path) or "")))

    def bare(self) -> FileSizeContext:
        """A context with no file or header facts: enough for sizes written with literals and
        local variables only (``kmalloc(len, ...)``, ``kcalloc(n, 64, ...)``), which look nothing
        up (locals are answered before macros)."""
        return FileSizeContext(self, [_index(TypeFacts())])

    def for_file(self, path: Path | str, type_facts: TypeFacts | None = None) -> FileSizeContext:
        """The evaluation context of one file (its facts are parsed from disk if not given)."""
        path = Path(path)
        if type_facts is None:
            type_facts = header_facts(str(path.resolve())) or TypeFacts()
        indexes = [_index(type_facts)]
        for header in self.closure(path, type_facts)[:self.max_headers]:
            found = _header(header)
            if found is not None:
                indexes.append(found[1])
        return FileSizeContext(self, indexes)


def _closure(env: SizeEnv, from_dir: str, includes: tuple[tuple[str, bool], ...],
             root: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    from_dir = str(Path(from_dir))
    queue = deque([tuple(_resolve_cached(env, name, system, from_dir, root) for name, system in includes)])
    while queue and len(seen) < env.max_headers:
        for found in queue.popleft():
            if found is None or found in seen:
                continue
            seen[found] = None
            children = _children(env, found, root)
            if children is not None:
                queue.append(children)
    return tuple(seen)


_CHILDREN: dict[tuple, tuple[str | None, ...] | None] = {}


def _children(env: SizeEnv, header: str, root: str) -> tuple[str | None, ...] | None:
    """The headers ``header`` includes, resolved (None: unreadable): fixed for a header, so a
    file's closure is walked on these instead of resolving every edge again (drivers/usb: 794k
    resolutions for 367 files)."""
    key = (env.include_dirs, env.arch, root, header)
    got = _CHILDREN.get(key, _CHILDREN)
    if got is _CHILDREN:
        found = _header(header)
        directory = os.path.dirname(header)
        got = None if found is None else tuple(_resolve_cached(env, name, system, directory, root)
                                               for name, system in found[0])
        _CHILDREN[key] = got
    return got


_RESOLVE_CACHE: dict[tuple, str | None] = {}


#: how far up from an including file's directory a driver header is looked for, and how shallow
#: (components below the tree) the directory searched may be: drivers/gpu/drm/amd, not drivers/gpu
_DRIVER_LEVELS, _DRIVER_DEPTH = 4, 3
#: the largest header found that way: register maps (drivers/gpu/drm/amd/include/asic_reg/, 94
#: headers of 1-16 MiB) define no struct a size needs, and their facts cost a worker gigabytes
_DRIVER_HEADER_MAX = 1 << 20


def driver_header(name: str, from_dir: str, root: str) -> Path | None:
    """A header a driver names with a path its Makefile's ``-I`` flags resolve (``ccflags-y +=
    -I$(FULL_AMD_DISPLAY_PATH)/dc/inc``: drivers/gpu/drm/amd/display/dc/core/dc.c includes
    "core_types.h", which is dc/inc/core_types.h): the one header of that name (and relative path)
    in the nearest enclosing directory of the driver's tree that holds any, none if several do
    or it is bigger than ``_DRIVER_HEADER_MAX``. Only for drivers/ and sound/; a Makefile's
    variables and included makefiles are not read."""
    rel = os.path.relpath(from_dir, root).split(os.sep)
    if rel[0] not in ("drivers", "sound") or ".." in rel:
        return None
    suffix = os.sep + os.path.normpath(name)
    d = from_dir
    for _ in range(_DRIVER_LEVELS + 1):
        if len(os.path.relpath(d, root).split(os.sep)) < _DRIVER_DEPTH:
            break
        hits = [p for p in _headers_under(d).get(os.path.basename(name), ()) if p.endswith(suffix)]
        if len(hits) == 1:
            return Path(hits[0]) if os.path.getsize(hits[0]) <= _DRIVER_HEADER_MAX else None
        if hits:
            return None
        d = os.path.dirname(d)
    return None


@functools.lru_cache(maxsize=64)
def _headers_under(directory: str) -> dict[str, tuple[str, ...]]:
    """Header basename -> the headers of that name under ``directory``."""
    out: dict[str, list[str]] = {}
    for dirpath, _, files in os.walk(directory):
        for f in files:
            if f.endswith(".h"):
                out.setdefault(f, []).append(os.path.join(dirpath, f))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _resolve_cached(env: SizeEnv, name: str, system: bool, directory: str,
                    root: str) -> str | None:
    key = (env.include_dirs, env.arch, name, system, None if system else directory, root)
    if key not in _RESOLVE_CACHE:
        found = env.resolve_include(name, system, Path(directory), Path(root) if root else None)
        _RESOLVE_CACHE[key] = str(found.resolve()) if found else None
    return _RESOLVE_CACHE[key]


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------

class _Layers:
    """Lookups through a file's table and then its headers' (the first that has the key wins),
    like ``collections.ChainMap`` without its Python-level ``any()`` per test: most lookups miss
    and test every header of the closure. Empty tables are left out."""

    __slots__ = ("maps",)

    def __init__(self, maps: Iterable[Mapping]) -> None:
        self.maps = [m for m in maps if m]

    def __contains__(self, key) -> bool:
        for m in self.maps:
            if key in m:
                return True
        return False

    def __getitem__(self, key):
        for m in self.maps:
            if key in m:
                return m[key]
        raise KeyError(key)

    def get(self, key, default=None):
        for m in self.maps:
            if key in m:
                return m[key]
        return default


class FileSizeContext:
    """Evaluates size expressions in the context of one file and its headers."""

    def __init__(self, env: SizeEnv, indexes: list[_Index]) -> None:
        self.env = env
        self.overrides = env.overrides
        self.defines = _Layers(i.defines for i in indexes)
        self.enum_consts = _Layers(i.enum_consts for i in indexes)
        self.variables = _Layers(i.variables for i in indexes)
        enum_tags = frozenset().union(*(i.enum_tags for i in indexes))
        self.layouts = Layouts(_Layers(i.records for i in indexes),
                               _Layers(i.typedefs for i in indexes), enum_tags,
                               evaluate=self._eval_int, cond_truth=self.cond_truth,
                               expand=self.expand_macro)
        self._layouts_off = self.layouts.with_assumption(False)
        self._locals: Mapping[str, str] = {}
        self._local_hits = 0
        self._memo: dict[str, _V | str] = {}

    # ---- public --------------------------------------------------------------------------

    def evaluate(self, expr_text: str, local_types: Mapping[str, str] | None = None) -> SizeResult:
        """Evaluate a size expression. ``local_types`` maps variable names in scope (locals,
        parameters) to their declared type text, for ``sizeof(*p)``, ``struct_size(p, ...)``
        and for saying that a size depends on a variable."""
        self._locals = local_types or {}
        try:
            v = self._eval_text(_clean(expr_text), frozenset())
        except _NotConstant as e:
            return SizeResult(None, None, False, e.reason)
        except RecursionError:
            return SizeResult(None, None, False, "expression nests too deeply")
        finally:
            self._locals = {}
        return self._as_result(v)

    def sizeof(self, type_text: str) -> SizeResult:
        """``sizeof(type_text)`` as a SizeResult."""
        try:
            return self._as_result(self._sizeof_type(type_text))
        except _NotConstant as e:
            return SizeResult(None, None, False, e.reason)

    def cond_truth(self, expr: str) -> bool | None:
        """Truth of a preprocessor condition, or None when it depends on unknowns."""
        try:
            v = self._eval_text(expr, frozenset(), cond=True)
        except (_NotConstant, RecursionError):
            return None
        if v.lo == v.hi == 0:
            return False
        if v.lo > 0 or v.hi < 0:
            return True
        return None

    def member_type(self, record_type: str, member: str) -> str | None:
        return self.layouts.member_type(record_type, member)

    def expand_macro(self, text: str) -> str | None:
        """One expansion of a macro used where a type or member declaration is expected:
        ``pgoff_t`` -> ``unsigned long``, ``DECLARE_BITMAP(f, 8)`` -> ``unsigned long f[...]``.
        The first definition whose #if conditions are not known to be false is used."""
        m = re.fullmatch(r"\s*([A-Za-z_]\w*)\s*(\((.*)\))?\s*", text, re.S)
        if m is None or m.group(1) in self.overrides:
            return None
        call = m.group(2) is not None
        args = [a.strip() for a in split_top(m.group(3))] if call else []
        for d in self._live(list(self.defines.get(m.group(1), ())), set()):
            if call and d.params is not None and (len(d.params) == len(args) or (
                    d.params and d.params[-1].endswith("..."))):
                return _substitute(d.params, d.body, args)
            if not call and d.params is None:
                return d.body
        return None

    # ---- core ----------------------------------------------------------------------------

    @staticmethod
    def _as_result(v: _V) -> SizeResult:
        why = sorted(v.why)
        if len(why) > 4:  # struct device depends on ~20 options: name a few
            why = why[:4] + [f"{len(why) - 4} more"]
        return SizeResult(v.lo, v.hi, v.exact, "; ".join(why))

    def _eval_int(self, text: str) -> int | None:
        """Exact value for layout (array dimensions, bitfield widths), else None."""
        saved = self._locals
        self._locals = {}
        try:
            v = self._eval_text(_clean(text), frozenset())
        except (_NotConstant, RecursionError):
            return None
        finally:
            self._locals = saved
        return v.lo if v.lo == v.hi else None

    def _eval_text(self, text: str, hide: frozenset[str], cond: bool = False) -> _V:
        if cond:
            text = _DEFINED_BARE.sub(r"defined(\1)", text)
        bindings: dict[str, _V] = {}
        reduced = self._reduce_calls(text, hide, bindings, cond)
        if not reduced.strip():
            raise _NotConstant("empty expression")
        if re.fullmatch(r"\s*__kml_p\d+\s*", reduced):
            return bindings[reduced.strip()]
        _, node = _parse_expr(reduced)
        if node is None:
            raise _NotConstant(f"cannot parse {text!r}")
        return self._ev(node, bindings, hide, cond)

    def _reduce_calls(self, text: str, hide: frozenset[str], bindings: dict[str, _V],
                      cond: bool) -> str:
        """Replace calls of macros/helpers and sizeof/offsetof by placeholders bound to values."""
        out = []
        pos = 0
        strings = [(m.start(), m.end()) for m in _STRING.finditer(text)]
        for m in _CALL.finditer(text):
            if m.start() < pos or any(s <= m.start() < e for s, e in strings):
                continue
            name = m.group(1)
            if not self._is_call_target(name, hide, cond):
                continue
            open_at = m.end() - 1
            end = _balanced(text, open_at)
            if end is None:
                raise _NotConstant(f"unbalanced parentheses in {text!r}")
            args = [a.strip() for a in split_top(text[open_at + 1:end - 1])]
            if args == [""]:
                args = []
            value = self._call(name, args, hide, cond)
            key = f"__kml_p{len(bindings)}"
            bindings[key] = value
            out.append(text[pos:m.start()])
            out.append(f" {key} ")
            pos = end
        out.append(text[pos:])
        return "".join(out)

    def _is_call_target(self, name: str, hide: frozenset[str], cond: bool) -> bool:
        if name in _BUILTIN_CALLS or (cond and name in _COND_CALLS):
            return True
        if name in hide or name in self.overrides:
            return False
        return any(d.params is not None for d in self.defines.get(name, ()))

    # ---- calls ---------------------------------------------------------------------------

    def _call(self, name: str, args: list[str], hide: frozenset[str], cond: bool) -> _V:
        handler = _BUILTIN_CALLS.get(name) or (_COND_CALLS.get(name) if cond else None)
        if handler is not None:
            return handler(self, args, hide)
        values = []
        why: set[str] = set()
        defs = [d for d in self.defines.get(name, ()) if d.params is not None]
        for d in self._live(defs, why):
            variadic = bool(d.params) and d.params[-1].endswith("...")
            if len(args) != len(d.params) and not (variadic and len(args) >= len(d.params) - 1):
                continue
            values.append(self._eval_text(_substitute(d.params, d.body, args),
                                          hide | {name}, cond))
        if not values:
            raise _NotConstant(f"macro {name}() has no usable definition")
        return _join_vals(values, self._multi_why(name, defs, values, why))

    def _live(self, defs: list[MacroDef], why: set[str]) -> list[MacroDef]:
        """Definitions whose #if conditions are not known to be false; undecided CONFIG
        conditions are noted in ``why``."""
        live = []
        for d in defs:
            ok = True
            for expr, polarity in d.conds:
                truth = self.cond_truth(expr)
                if truth is None:
                    why.update(f"depends on {c}" for c in re.findall(r"CONFIG_\w+", expr))
                elif truth != polarity:
                    ok = False
                    break
            if ok:
                live.append(d)
        return live

    @staticmethod
    def _multi_why(name: str, defs: list, values: list[_V], why: set[str]) -> frozenset[str]:
        if len(values) > 1 and len({(v.lo, v.hi) for v in values}) > 1:
            return frozenset(why or {f"{name} has several definitions"})
        return frozenset()

    # ---- identifiers ---------------------------------------------------------------------

    def _ident(self, name: str, hide: frozenset[str], cond: bool) -> _V:
        if name in self.overrides and name not in hide:
            return self._eval_text(self.overrides[name], hide | {name}, cond)
        if name in self._locals:
            self._local_hits += 1
            raise _NotConstant(f"depends on variable '{name}'")
        if name not in hide:
            memo = self._memo.get(name)
            if memo is not None:
                if isinstance(memo, str):
                    raise _NotConstant(memo)
                return memo
            defs = self.defines.get(name)
            if defs:
                hits = self._local_hits
                try:
                    v = self._object_macro(name, defs, hide, cond)
                except _NotConstant as e:
                    if self._local_hits == hits and not cond:
                        self._memo[name] = e.reason
                    raise
                if self._local_hits == hits and not cond:
                    self._memo[name] = v
                return v
        if name in self.enum_consts:
            return self._enum_value(name, hide)
        if name in self.variables:
            raise _NotConstant(f"depends on variable '{name}'")
        if name.startswith("CONFIG_"):
            raise _NotConstant(f"depends on {name}")
        if cond:
            return _const(0, False, 32)  # an undefined identifier in #if is 0
        if name.isupper() or name.startswith("_"):
            raise _NotConstant(f"unknown identifier '{name}'")
        raise _NotConstant(f"depends on variable '{name}'")

    def _object_macro(self, name: str, defs: tuple[MacroDef, ...], hide: frozenset[str],
                      cond: bool) -> _V:
        why: set[str] = set()
        objects = [d for d in defs if d.params is None]
        if not objects:
            raise _NotConstant(f"{name} is a function-like macro")
        live = self._live(objects, why)
        if not live:
            raise _NotConstant(f"{name} is not defined in this configuration")
        values = [self._eval_text(d.body, hide | {name}, cond) for d in live]
        return _join_vals(values, self._multi_why(name, objects, values, why))

    def _enum_value(self, name: str, hide: frozenset[str]) -> _V:
        items, index = self.enum_consts[name]
        base, steps = 0, index
        for j in range(index, -1, -1):
            expr = items[j][1]
            if expr is not None:
                v = self._eval_text(expr, hide | {name})
                if not v.exact:
                    raise _NotConstant(f"enumerator {items[j][0]} is not constant")
                base, steps = v.lo, index - j
                break
        else:
            steps = index
        return _const(base + steps, False, 32)

    # ---- the tree ------------------------------------------------------------------------

    def _ev(self, node: Node, bindings: dict[str, _V], hide: frozenset[str], cond: bool) -> _V:
        t = node.type
        if t == "number_literal":
            return _literal(node.text.decode())
        if t == "char_literal":
            body = node.text.decode()[1:-1]
            return _const(ord(body[-1]) if not body.startswith("\\") or len(body) == 2
                          else ord(body[1]), False, 32)
        if t == "identifier":
            name = node.text.decode()
            if name in bindings:
                return bindings[name]
            return self._ident(name, hide, cond)
        if t in ("true", "false"):
            return _const(1 if t == "true" else 0, False, 32)
        if t == "null":
            return _const(0, False, 64)
        if t == "parenthesized_expression":
            return self._ev(node.named_children[-1], bindings, hide, cond)
        if t == "comma_expression":
            return self._ev(node.child_by_field_name("right"), bindings, hide, cond)
        if t == "binary_expression":
            op = node.child_by_field_name("operator").type
            left = self._ev(node.child_by_field_name("left"), bindings, hide, cond)
            if op in ("&&", "||") and left.exact:  # short circuit like the preprocessor does
                if (op == "&&" and left.lo == 0) or (op == "||" and left.lo != 0):
                    return _const(int(op == "||"), False, 32)
            right = self._ev(node.child_by_field_name("right"), bindings, hide, cond)
            return _binary(op, left, right)
        if t == "unary_expression":
            op = node.child_by_field_name("operator").type
            return _unary(op, self._ev(node.child_by_field_name("argument"), bindings, hide,
                                       cond))
        if t == "conditional_expression":
            c = self._ev(node.child_by_field_name("condition"), bindings, hide, cond)
            if c.lo == c.hi == 0:
                return self._ev(node.child_by_field_name("alternative"), bindings, hide, cond)
            if c.lo > 0 or c.hi < 0:
                return self._ev(node.child_by_field_name("consequence"), bindings, hide, cond)
            a = self._ev(node.child_by_field_name("consequence"), bindings, hide, cond)
            b = self._ev(node.child_by_field_name("alternative"), bindings, hide, cond)
            return _join_vals([a, b], c.why)
        if t == "cast_expression":
            type_node = node.child_by_field_name("type")
            value = self._ev(node.child_by_field_name("value"), bindings, hide, cond)
            return self._cast(type_node.text.decode(), value)
        if t == "call_expression":
            fn = node.child_by_field_name("function")
            inner = fn.named_children[0] if fn.type == "parenthesized_expression" and \
                fn.named_child_count == 1 else None
            args = node.child_by_field_name("arguments")
            if inner is not None and inner.type == "identifier" and args.named_child_count == 1 \
                    and self._is_type_name(inner.text.decode()):
                value = self._ev(args.named_children[0], bindings, hide, cond)
                return self._cast(inner.text.decode(), value)
            raise _NotConstant(f"call to {fn.text.decode()} is not constant")
        if t == "sizeof_expression":
            operand = node.child_by_field_name("value") or node.child_by_field_name("type")
            text = operand.text.decode()
            return self._sizeof_operand(text)
        if t in ("field_expression", "pointer_expression", "subscript_expression"):
            root = node
            while root.named_child_count and root.type != "identifier":
                root = root.named_children[0]
            raise _NotConstant(f"depends on variable '{root.text.decode()}'")
        if t == "string_literal":
            raise _NotConstant("string literal is not an integer")
        raise _NotConstant(f"cannot evaluate {node.text.decode()!r}")

    # ---- types ---------------------------------------------------------------------------

    def _is_type_name(self, name: str) -> bool:
        return name in WELL_KNOWN or name in self.layouts.typedefs or \
            parse_type(name).base.split()[0] in ("unsigned", "signed", "int", "long", "char",
                                                 "short", "_Bool", "void")

    def _looks_like_type(self, text: str) -> bool:
        clean, _ = strip_attributes(text)
        m = re.match(r"\s*(struct|union|enum)\s+\w+|\s*(?:(?:signed|unsigned|char|short|int|"
                     r"long|float|double|_Bool|void|__int128)\b\s*)+|\s*([A-Za-z_]\w*)", clean)
        if m is None:
            return False
        if m.group(2) and (m.group(2) in self._locals or not self._is_type_name(m.group(2))
                           or m.group(2) in self.variables):
            return False
        return re.fullmatch(r"[\s*]*(\[[^\]]*\]\s*)*|\s*\(\s*\*\s*\)\s*\(.*\)\s*",
                            clean[m.end():], re.S) is not None

    def _cast(self, type_text: str, value: _V) -> _V:
        resolved = self.layouts.resolve(type_text)
        spec = parse_type(resolved)
        if spec.ptr or spec.dims or spec.fn:
            raise _NotConstant(f"cast to pointer type {type_text}")
        size = self.layouts.sizeof(resolved)
        if size is None:
            raise _NotConstant(self.layouts.reason(resolved) or f"unknown type {type_text}")
        base = parse_type(type_text).base
        if base == "bool" or spec.base == "_Bool":
            if value.lo == value.hi:
                return _const(int(value.lo != 0), False, 32)
            return _V(0, 1, False, 32, value.why)
        uns = "unsigned" in spec.base.split() or bool(_UNSIGNED_TYPEDEF.fullmatch(base)) or \
            bool(_UNSIGNED_TYPEDEF.fullmatch(spec.base))
        bits = max(8 * size, 8)
        return _make(value.lo, value.hi, uns, bits, value.why) if bits >= 32 else \
            _widen(_make(value.lo, value.hi, uns, bits, value.why))

    def _type_layout(self, type_text: str):
        tl = self.layouts.layout(type_text)
        if not tl.ok:
            raise _NotConstant(tl.reason)
        return tl

    def _sizeof_type(self, type_text: str) -> _V:
        tl = self._type_layout(type_text)
        if tl.conditions:
            other = self._layouts_off.layout(type_text)
            if other.ok:
                sizes = (tl.size, other.size)
                why = frozenset(
                    f"depends on {c}" for cond in tl.conditions
                    for c in (re.findall(r"CONFIG_\w+", cond) or [cond])) \
                    if sizes[0] != sizes[1] else frozenset()
                return _V(min(sizes), max(sizes), True, 64, why)
        return _const(tl.size)

    def _sizeof_operand(self, text: str) -> _V:
        """``sizeof`` of a type or an expression, given the operand's text."""
        inner = text.strip()
        while inner.startswith("(") and _balanced(inner, 0) == len(inner):
            inner = inner[1:-1].strip()
        if self._looks_like_type(inner):
            return self._sizeof_type(inner)
        type_text = self._type_of(inner)
        if re.match(r"[^\[]*\[\s*\]", type_text):  # "T []": a designated-initializer array
            raise _NotConstant(f"length of {inner} is not known")
        return self._sizeof_type(type_text)

    def _type_of(self, text: str) -> str:
        """The declared type of an lvalue-ish expression: ``p``, ``*p``, ``p->a.b``, ``x[0]``."""
        _, node = _parse_expr(text)
        if node is None:
            raise _NotConstant(f"cannot parse {text!r}")
        return self._type_of_node(node)

    def _type_of_node(self, node: Node) -> str:
        t = node.type
        if t == "parenthesized_expression":
            return self._type_of_node(node.named_children[-1])
        if t == "identifier":
            name = node.text.decode()
            if name in self._locals:
                return self._locals[name]
            if name in self.variables:
                return self.variables[name]
            raise _NotConstant(f"depends on variable '{name}' (type unknown)")
        if t == "pointer_expression":
            op = node.child_by_field_name("operator").type
            inner = self._type_of_node(node.child_by_field_name("argument"))
            if op == "&":
                return f"{inner} *"
            target = self.layouts.pointee(inner)
            if target is None:
                raise _NotConstant(f"cannot dereference {inner}")
            return target
        if t == "subscript_expression":
            inner = self._type_of_node(node.child_by_field_name("argument"))
            target = self.layouts.pointee(inner)
            if target is None:
                raise _NotConstant(f"cannot index {inner}")
            return target
        if t == "field_expression":
            inner = self._type_of_node(node.child_by_field_name("argument"))
            if node.child_by_field_name("operator").type == "->":
                deref = self.layouts.pointee(inner)
                if deref is None:
                    raise _NotConstant(f"cannot dereference {inner}")
                inner = deref
            member = node.child_by_field_name("field").text.decode()
            info = self.layouts.member(inner, member)
            if info.type is None:
                raise _NotConstant(info.reason)
            return info.type
        if t == "cast_expression":
            return node.child_by_field_name("type").text.decode()
        if t == "string_literal":
            return f"char [{len(_string_value(node.text.decode())) + 1}]"
        raise _NotConstant(f"cannot type {node.text.decode()!r}")

    def _member_type(self, record_expr_type: str, member: str) -> str:
        info = self.layouts.member(record_expr_type, member)
        if info.type is None:
            raise _NotConstant(info.reason)
        return info.type

    def _flex_element(self, record_type: str, member: str) -> _V:
        """Size of one element of an array member (the flexible array of struct_size)."""
        mtype = self._member_type(record_type, member)
        elem = self.layouts.pointee(mtype)
        if elem is None:
            raise _NotConstant(f"member {member} of {record_type} is not an array")
        return self._sizeof_type(elem)


def _balanced(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return None


def _widen(v: _V) -> _V:
    """Integer promotion of char/short to int."""
    return _V(v.lo, v.hi, False, 32, v.why)


def _corners(fn, a: _V, b: _V) -> tuple[int, int]:
    vals = [fn(x, y) for x in {a.lo, a.hi} for y in {b.lo, b.hi}]
    return min(vals), max(vals)


def _binary(op: str, a: _V, b: _V) -> _V:
    why = a.why | b.why
    if op in ("<", ">", "<=", ">=", "==", "!=", "&&", "||"):
        return _compare(op, a, b, why)
    if op in ("<<", ">>"):
        uns, bits = a.uns, max(a.bits, 32)
        if b.lo < 0 or b.hi >= bits:
            raise _NotConstant(f"shift by {b.lo}..{b.hi} is out of range")
        fn = (lambda x, y: x << y) if op == "<<" else (lambda x, y: x >> y)
        lo, hi = _corners(fn, a, b)
        return _make(lo, hi, uns, bits, why)
    uns, bits = _common(a, b)
    a = _make(a.lo, a.hi, uns, bits, a.why)
    b = _make(b.lo, b.hi, uns, bits, b.why)
    if op in ("&", "|", "^"):
        if a.lo != a.hi or b.lo != b.hi:
            raise _NotConstant(f"bitwise {op} of a value range")
        value = {"&": a.lo & b.lo, "|": a.lo | b.lo, "^": a.lo ^ b.lo}[op]
        return _make(value, value, uns, bits, why)
    if op in ("/", "%"):
        if b.lo <= 0 <= b.hi:
            raise _NotConstant("division by zero" if b.lo == b.hi else
                               "divisor range includes zero")
        fn = _tdiv if op == "/" else (lambda x, y: x - _tdiv(x, y) * y)
        if op == "%" and (a.lo != a.hi or b.lo != b.hi):
            return _make(0, max(abs(b.lo), abs(b.hi)) - 1, uns, bits, why)
        lo, hi = _corners(fn, a, b)
        return _make(lo, hi, uns, bits, why)
    fn = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y}.get(op)
    if fn is None:
        raise _NotConstant(f"operator {op} is not supported")
    if op == "-" and a.lo != a.hi and b.lo != b.hi:
        lo, hi = a.lo - b.hi, a.hi - b.lo
    else:
        lo, hi = _corners(fn, a, b)
    return _make(lo, hi, uns, bits, why)


def _compare(op: str, a: _V, b: _V, why: frozenset[str]) -> _V:
    if a.lo == a.hi and b.lo == b.hi:
        x, y = a.lo, b.lo
        if op in ("&&", "||"):
            value = (x != 0 and y != 0) if op == "&&" else (x != 0 or y != 0)
        else:
            uns, bits = _common(a, b)
            x, y = _wrap(x, bits, uns), _wrap(y, bits, uns)
            value = {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y, "==": x == y,
                     "!=": x != y}[op]
        return _V(int(value), int(value), False, 32, why)
    return _V(0, 1, False, 32, why | {"comparison of a value range"})


def _unary(op: str, v: _V) -> _V:
    if op == "-":
        return _make(-v.hi, -v.lo, v.uns, v.bits, v.why)
    if op == "+":
        return v
    if op == "!":
        if v.lo == v.hi:
            return _V(int(v.lo == 0), int(v.lo == 0), False, 32, v.why)
        return _V(0, 1, False, 32, v.why)
    if op == "~":
        if v.lo != v.hi:
            raise _NotConstant("bitwise ~ of a value range")
        return _make(~v.lo, ~v.lo, v.uns, v.bits, v.why)
    raise _NotConstant(f"operator {op} is not supported")


# --------------------------------------------------------------------------------------------
# Built-in kernel helpers (include/linux/overflow.h, math.h, minmax.h, align.h, bits.h,
# bitops.h, log2.h, stddef.h, kernel.h). Arguments arrive as text.
# --------------------------------------------------------------------------------------------

_SIZE_MAX = (1 << 64) - 1


def _ev_arg(ctx: FileSizeContext, text: str, hide: frozenset[str]) -> _V:
    return ctx._eval_text(text, hide)


def _need(args: list[str], n: int, name: str) -> None:
    if len(args) < n:
        raise _NotConstant(f"{name}() needs {n} arguments")


def _monotone(fn, *vals: _V) -> _V:
    """Apply a function that is non-decreasing in every argument to interval bounds."""
    lo = fn(*(v.lo for v in vals))
    hi = fn(*(v.hi for v in vals))
    return _make(lo, hi, True, 64, frozenset().union(*(v.why for v in vals)))


def _size_mul(x: int, y: int) -> int:
    """include/linux/overflow.h size_mul(): saturates at SIZE_MAX."""
    return min(x * y, _SIZE_MAX) if x >= 0 and y >= 0 else _SIZE_MAX


def _size_add(x: int, y: int) -> int:
    return min(x + y, _SIZE_MAX) if x >= 0 and y >= 0 else _SIZE_MAX


def _align(x: int, a: int) -> int:
    return ((x + a - 1) // a) * a if a > 0 else x


def _ilog2(x: int) -> int:
    if x <= 0:
        raise _NotConstant("ilog2 of a non-positive value")
    return x.bit_length() - 1


def _b_simple(fn, n: int, name: str):
    def handler(ctx: FileSizeContext, args: list[str], hide: frozenset[str]) -> _V:
        _need(args, n, name)
        return _monotone(fn, *[_ev_arg(ctx, a, hide) for a in args[:n]])
    return handler


def _b_bit(ctx, args, hide):
    _need(args, 1, "BIT")
    n = _ev_arg(ctx, args[0], hide)
    return _binary("<<", _const(1, True, 64), n)


def _b_genmask(ctx, args, hide):
    _need(args, 2, "GENMASK")
    h, lo = (_ev_arg(ctx, a, hide) for a in args[:2])
    if not (h.lo == h.hi and lo.lo == lo.hi):
        raise _NotConstant("GENMASK of a value range")
    value = ((1 << (h.lo + 1)) - 1) & ~((1 << lo.lo) - 1)
    return _const(value, True, 64)


def _b_ulong(ctx, args, hide):
    _need(args, 1, "UL")
    v = _ev_arg(ctx, args[0], hide)
    return _make(v.lo, v.hi, True, 64, v.why)


def _b_sizeof_field(ctx, args, hide):
    _need(args, 2, "sizeof_field")
    return ctx._sizeof_type(ctx._member_type(args[0], args[1]))


def _b_offsetof(ctx, args, hide):
    _need(args, 2, "offsetof")
    info = ctx.layouts.member(args[0], args[1])
    if info.offset is None:
        raise _NotConstant(info.reason)
    return _const(info.offset)


def _b_offsetofend(ctx, args, hide):
    start = _b_offsetof(ctx, args, hide)
    return _binary("+", start, _b_sizeof_field(ctx, args, hide))


def _record_of_pointer(ctx: FileSizeContext, ptr_text: str) -> str:
    ptype = ctx._type_of(ptr_text)
    target = ctx.layouts.pointee(ptype)
    if target is None:
        raise _NotConstant(f"{ptr_text} is not a pointer")
    return target


def _b_flex_array_size(ctx, args, hide):
    _need(args, 3, "flex_array_size")
    elem = ctx._flex_element(_record_of_pointer(ctx, args[0]), args[1])
    return _monotone(_size_mul, _ev_arg(ctx, args[2], hide), elem)


def _b_struct_size(ctx, args, hide):
    """overflow.h struct_size(p, member, count): sizeof(*p) + count * sizeof(*p->member)."""
    _need(args, 3, "struct_size")
    record = _record_of_pointer(ctx, args[0])
    elem = ctx._flex_element(record, args[1])
    count = _ev_arg(ctx, args[2], hide)
    return _monotone(lambda s, c, e: _size_add(s, _size_mul(c, e)), ctx._sizeof_type(record),
                     count, elem)


def _b_struct_size_t(ctx, args, hide):
    _need(args, 3, "struct_size_t")
    elem = ctx._flex_element(args[0], args[1])
    count = _ev_arg(ctx, args[2], hide)
    return _monotone(lambda s, c, e: _size_add(s, _size_mul(c, e)), ctx._sizeof_type(args[0]),
                     count, elem)


def _b_array_size(ctx, args, hide):
    """kernel.h ARRAY_SIZE(arr): elements of an array variable."""
    _need(args, 1, "ARRAY_SIZE")
    t = ctx.layouts.resolve(ctx._type_of(args[0]))
    spec = parse_type(t)
    if not spec.dims:
        raise _NotConstant(f"{args[0]} is not an array")
    if spec.dims[0] == "":
        raise _NotConstant(f"{args[0]} has no known length")
    n = ctx._eval_int(spec.dims[0])
    if n is None:
        raise _NotConstant(f"length [{spec.dims[0]}] of {args[0]} is not constant")
    return _const(n)


def _b_minmax(pick, typed: bool):
    def handler(ctx, args, hide):
        vals_text = args[1:] if typed else args
        if len(vals_text) < 2:
            raise _NotConstant("min/max needs two arguments")
        vals = [_ev_arg(ctx, a, hide) for a in vals_text]
        if typed:
            vals = [ctx._cast(args[0], v) for v in vals]
        why = frozenset().union(*(v.why for v in vals))
        uns, bits = vals[0].uns, max(v.bits for v in vals)
        return _V(pick(v.lo for v in vals), pick(v.hi for v in vals), uns, bits, why)
    return handler


def _b_clamp(ctx, args, hide):
    _need(args, 3, "clamp")
    v, lo, hi = (_ev_arg(ctx, a, hide) for a in args[:3])
    return _monotone(lambda x, a, b: min(max(x, a), b), v, lo, hi)


def _b_sizeof_dummy(ctx, args, hide):
    _need(args, 1, "sizeof")
    return ctx._sizeof_operand(",".join(args))


def _b_alignof(ctx, args, hide):
    _need(args, 1, "__alignof__")
    text = ",".join(args)
    t = text if ctx._looks_like_type(text) else ctx._type_of(text)
    tl = ctx._type_layout(t)
    return _const(tl.align)


def _b_bits_per_type(ctx, args, hide):
    _need(args, 1, "BITS_PER_TYPE")
    return _binary("*", ctx._sizeof_operand(args[0]), _const(8))


def _b_defined(ctx, args, hide):
    name = args[0].strip() if args else ""
    if name in ctx.overrides or ctx.defines.get(name):
        return _const(1, False, 32)
    if name.startswith("CONFIG_"):
        raise _NotConstant(f"depends on {name}")
    return _const(0, False, 32)


def _b_is_enabled(ctx, args, hide):
    name = args[0].strip() if args else ""
    if name in ctx.overrides:
        return _const(1, False, 32)
    raise _NotConstant(f"depends on {name}")


def _b_get_order(ctx, args, hide):
    _need(args, 1, "get_order")
    return _monotone(lambda x: costmodel.get_order(x, costmodel.Arch(ctx.env.page_shift)),
                     _ev_arg(ctx, args[0], hide))


def _b_page_align(ctx, args, hide):
    _need(args, 1, "PAGE_ALIGN")
    page = 1 << ctx.env.page_shift
    return _monotone(lambda x: _align(x, page), _ev_arg(ctx, args[0], hide))


def _pow2_up(x: int) -> int:
    return 1 if x <= 1 else 1 << (x - 1).bit_length()


_BUILTIN_CALLS = {
    "sizeof": _b_sizeof_dummy,
    "__alignof__": _b_alignof, "__alignof": _b_alignof, "_Alignof": _b_alignof,
    "alignof": _b_alignof,
    "BIT": _b_bit, "BIT_ULL": _b_bit, "_BITUL": _b_bit, "_BITULL": _b_bit, "BIT_U32": _b_bit,
    "GENMASK": _b_genmask, "GENMASK_ULL": _b_genmask,
    "_AC": _b_ulong, "UL": _b_ulong, "ULL": _b_ulong, "_UL": _b_ulong, "_ULL": _b_ulong,
    "ARRAY_SIZE": _b_array_size,
    "array_size": _b_simple(_size_mul, 2, "array_size"),
    "size_mul": _b_simple(_size_mul, 2, "size_mul"),
    "array3_size": _b_simple(lambda a, b, c: _size_mul(_size_mul(a, b), c), 3, "array3_size"),
    "size_add": _b_simple(_size_add, 2, "size_add"),
    "struct_size": _b_struct_size, "struct_size_t": _b_struct_size_t,
    "flex_array_size": _b_flex_array_size,
    "sizeof_field": _b_sizeof_field, "FIELD_SIZEOF": _b_sizeof_field,
    "offsetof": _b_offsetof, "offsetofend": _b_offsetofend,
    "max": _b_minmax(max, False), "min": _b_minmax(min, False),
    "umax": _b_minmax(max, False), "umin": _b_minmax(min, False),
    "max3": _b_minmax(max, False), "min3": _b_minmax(min, False),
    "max_t": _b_minmax(max, True), "min_t": _b_minmax(min, True),
    "clamp": _b_clamp, "clamp_val": _b_clamp,
    "ALIGN": _b_simple(_align, 2, "ALIGN"), "__ALIGN_KERNEL": _b_simple(_align, 2, "ALIGN"),
    "round_up": _b_simple(_align, 2, "round_up"), "roundup": _b_simple(_align, 2, "roundup"),
    "ALIGN_DOWN": _b_simple(lambda x, a: (x // a) * a, 2, "ALIGN_DOWN"),
    "round_down": _b_simple(lambda x, a: (x // a) * a, 2, "round_down"),
    "rounddown": _b_simple(lambda x, a: (x // a) * a, 2, "rounddown"),
    "PAGE_ALIGN": _b_page_align,
    "DIV_ROUND_UP": _b_simple(lambda n, d: -(-n // d), 2, "DIV_ROUND_UP"),
    "DIV_ROUND_UP_ULL": _b_simple(lambda n, d: -(-n // d), 2, "DIV_ROUND_UP"),
    "__KERNEL_DIV_ROUND_UP": _b_simple(lambda n, d: -(-n // d), 2, "DIV_ROUND_UP"),
    "BITS_TO_LONGS": _b_simple(lambda n: -(-n // 64), 1, "BITS_TO_LONGS"),
    "BITS_TO_U64": _b_simple(lambda n: -(-n // 64), 1, "BITS_TO_U64"),
    "BITS_TO_U32": _b_simple(lambda n: -(-n // 32), 1, "BITS_TO_U32"),
    "BITS_TO_BYTES": _b_simple(lambda n: -(-n // 8), 1, "BITS_TO_BYTES"),
    "BITS_PER_TYPE": _b_bits_per_type,
    "roundup_pow_of_two": _b_simple(_pow2_up, 1, "roundup_pow_of_two"),
    "rounddown_pow_of_two": _b_simple(lambda x: 1 << _ilog2(x), 1, "rounddown_pow_of_two"),
    "ilog2": _b_simple(_ilog2, 1, "ilog2"),
    "order_base_2": _b_simple(lambda x: 0 if x <= 1 else _ilog2(_pow2_up(x)), 1, "order_base_2"),
    "get_order": _b_get_order,
}
for _name in ("IS_ENABLED", "IS_BUILTIN", "IS_REACHABLE", "IS_MODULE"):
    _BUILTIN_CALLS[_name] = _b_is_enabled
_COND_CALLS = {"defined": _b_defined, "IS_ENABLED": _b_is_enabled, "IS_BUILTIN": _b_is_enabled,
               "IS_REACHABLE": _b_is_enabled, "IS_MODULE": _b_is_enabled}


# --------------------------------------------------------------------------------------------
# Facts-stage helper: is it worth extracting TypeFacts for this file?
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _shipped_sized() -> dict[str, tuple[int, ...]]:
    from kmemlint import knowledge

    return {n: a.size for n, a in knowledge.load().allocators.items() if a.size}


_SITE_IDENT = re.compile(r"[A-Za-z_]\w*")


_MAX_VALUE_TEXT = 160  # Expr.text is cut at this length by the facts stage


def local_values(fn) -> dict[str, str]:
    """The scalar locals of ``fn`` with one value: declared once, not static, assigned exactly once (``size_t total = N * sizeof(*p);``), never compound-assigned, never passed by
    address. Their value is that one right side (read before it, they are uninitialised), so a size
    naming them is the size their value names (drivers/s390/crypto/zcrypt_api.c
    zcrypt_unlocked_ioctl(): ``total_size = MAX_ZDEV_ENTRIES_EXT * sizeof(...)``, then
    ``kzalloc(total_size, ...)``). ``x++`` is not seen by the facts: a counter's single value is its
    start, which only ever understates a size."""
    declared: dict[str, int] = {}
    for v in fn.locals:
        scalar = not (v.static or v.dims or v.ptr or v.type.startswith(("struct ", "union ")))
        declared[v.name] = declared.get(v.name, 0) + (1 if scalar else 2)
    for p in fn.params:
        declared[p.name] = 2
    values: dict[str, str] = {}
    seen: set[str] = set()
    for a in fn.assigns:
        if a.lhs.kind != "var" or declared.get(a.lhs.name) != 1:
            continue
        name = a.lhs.name
        if name in seen or a.op != "=" or len(a.rhs.text) >= _MAX_VALUE_TEXT:
            values.pop(name, None)
            declared[name] = 2
            continue
        seen.add(name)
        values[name] = a.rhs.text
    if values:
        for name in _addressed(fn):
            values.pop(name, None)
    return values


def _addressed(fn) -> set[str]:
    """The variables whose address ``fn`` takes (``&x``) in an argument or a right side."""
    out: set[str] = set()
    work = [a for c in fn.calls for a in c.args] + [a.rhs for a in fn.assigns]
    while work:
        e = work.pop()
        if e.kind == "addr" and e.sub and e.sub[0].kind == "var":
            out.add(e.sub[0].name)
        work.extend(e.sub)
    return out


def substitute(text: str, values: Mapping[str, str], depth: int = 3) -> str:
    """``text`` with each local of :func:`local_values` replaced by its parenthesised value, but
    not as a member name (``p->len``) or the operand of ``sizeof``/``typeof`` (``sizeof(len)`` is
    the size of the variable's type, not of its value's)."""
    def value(m: re.Match) -> str:
        name = m.group()
        if name not in values or _NOT_A_VALUE.search(m.string, 0, m.start()):
            return name
        return f"({values[name]})"

    for _ in range(depth):
        if not values or not any(n in values for n in _SITE_IDENT.findall(text)):
            break
        text = _SITE_IDENT.sub(value, text)
    return text


#: what before an identifier makes it no variable read: a member access, sizeof or typeof
_NOT_A_VALUE = re.compile(r"(?:->|\.|\b(?:sizeof|typeof|__typeof__|offsetof\s*\([^,]*,)\s*\(*)\s*\Z")


def needs_type_facts(functions, sized: dict[str, tuple[int, ...]] | None = None) -> bool:
    """Whether some allocation site's size names anything but literals and the function's own
    locals and parameters (a macro, ``sizeof``, a helper): only then are the file's macros and
    types needed. ``sized`` defaults to the shipped allocators; sites of allocators added by
    users' knowledge files fall back to reading the file again in the size stage."""
    sized = _shipped_sized() if sized is None else sized
    for fn in functions:
        local = None
        for call in fn.calls:
            idx = sized.get(call.callee)
            if not idx:
                continue
            if local is None:
                local = {v.name for v in fn.locals} | {v.name for v in fn.params}
                values = local_values(fn)
            for i in idx:
                if i < len(call.args) and any(n not in local for n in
                                              _SITE_IDENT.findall(substitute(call.args[i].text, values))):
                    return True
    return False


def type_facts(functions, root_node, src: bytes):
    """``FileFacts.types`` for the facts stage: TypeFacts when :func:`needs_type_facts`, else
    None (extract_type_facts costs about a tenth of the facts stage on a driver file)."""
    if not needs_type_facts(functions):
        return None
    return extract_type_facts(root_node, src)
