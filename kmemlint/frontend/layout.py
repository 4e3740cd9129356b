"""C data layout for the LP64 x86_64 System V ABI, as gcc lays it out.

:class:`Layouts` answers ``sizeof``, ``alignof``, ``offsetof`` and member-type questions from the
struct/union/typedef/enum definitions of a translation unit (see
:func:`kmemlint.sizes.extract_type_facts`, which produces the :class:`Record` values this module
consumes) plus a table of well-known kernel types (:data:`WELL_KNOWN`) whose sizes are those of a
**non-debug x86_64 configuration** (no lockdep, no spinlock debugging, no mutex debugging).

Type text is C type syntax without a declarator name: ``"struct foo"``, ``"u8 *"``,
``"char [16]"``, ``"int (*)(struct device *)"``. Array dimensions, bitfield widths and
``aligned(n)`` arguments are evaluated through the ``evaluate`` callback (by default only integer
literals); ``#if`` conditions around members through ``cond_truth``.

Layout rules implemented (gcc, x86_64): natural alignment, struct size rounded up to the struct
alignment, unions as the largest member, flexible array members of size 0, ``packed`` on structs
and members, ``aligned(n)`` on structs and members (``____cacheline_aligned`` is
``aligned(64)``), and SysV bitfields: a bitfield never straddles a boundary of its declared
type's alignment unit unless packed; zero-width bitfields align to their type; unnamed bitfields do
not raise the struct's alignment.

Unknown types never raise: every query returns ``None`` (or a :class:`TypeLayout` with
``size=None``) together with a ``reason``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = [
    "Member", "Record", "TypeSpec", "TypeLayout", "MemberInfo", "Layouts", "WELL_KNOWN",
    "parse_type", "parse_declaration", "parse_declarators", "strip_attributes",
]


# --------------------------------------------------------------------------------------------
# Plain data
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    """One member of a struct or union."""

    #: "" for anonymous struct/union members and unnamed bitfields
    name: str
    #: type text, e.g. "u8 *", "char [16]", "struct __anon_1f2e3d4c_12_5"
    type: str
    #: bitfield width expression text, or None
    bitfield: str | None = None
    #: normalised attributes: "packed", "aligned(EXPR)", "aligned"
    attrs: tuple[str, ...] = ()
    #: enclosing preprocessor conditions as (expression, polarity): the member exists when every
    #: expression evaluates to its polarity (``#ifdef X`` -> ("defined(X)", True), its #else
    #: branch -> ("defined(X)", False))
    conds: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class Record:
    """A struct or union definition. Anonymous ones get a synthetic tag ``__anon_FILE_LINE_COL`` (FILE: a CRC of the file)."""

    kind: str  # "struct" or "union"
    tag: str
    members: tuple[Member, ...]
    attrs: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class TypeSpec:
    """Parsed type text: ``base`` then ``ptr`` levels of pointer, then array ``dims`` (outermost
    first; "" for a flexible ``[]``). Function pointers have ``fn`` set and ``ptr`` 1."""

    base: str
    ptr: int = 0
    dims: tuple[str, ...] = ()
    fn: bool = False


@dataclass(frozen=True)
class TypeLayout:
    """Size and alignment of a type, or ``size=None`` and a ``reason``. ``conditions`` lists the
    ``#if`` expressions that could not be decided and were assumed (see ``Layouts.assume_on``)."""

    size: int | None
    align: int | None = None
    reason: str = ""
    conditions: tuple[str, ...] = ()
    #: the type ends in a flexible array member (or is one)
    flexible: bool = False

    @property
    def ok(self) -> bool:
        return self.size is not None


@dataclass(frozen=True)
class MemberInfo:
    """Where a (possibly nested, possibly anonymous-struct) member lives."""

    offset: int | None  # bytes; None for bitfields or on failure
    type: str | None
    bit_offset: int | None = None
    bit_width: int | None = None
    reason: str = ""


def _unknown(reason: str) -> TypeLayout:
    return TypeLayout(None, None, reason)


# --------------------------------------------------------------------------------------------
# Well-known kernel types (non-debug x86_64 configuration)
# --------------------------------------------------------------------------------------------

#: type name -> (size, align) for a non-debug x86_64 kernel config (no CONFIG_DEBUG_SPINLOCK,
#: CONFIG_DEBUG_LOCK_ALLOC, CONFIG_DEBUG_MUTEXES; CONFIG_MUTEX_SPIN_ON_OWNER and
#: CONFIG_RWSEM_SPIN_ON_OWNER on, as x86 selects them). These take precedence over definitions
#: found in headers, whose #ifdef CONFIG_DEBUG_* members could not be decided.
WELL_KNOWN: dict[str, tuple[int, int]] = {
    **{f"{p}{n}": (n // 8, n // 8) for p in ("u", "s", "__u", "__s") for n in (8, 16, 32, 64)},
    **{f"{p}int{n}_t": (n // 8, n // 8) for p in ("u", "", "u_") for n in (8, 16, 32, 64)},
    **{f"__{e}{n}": (n // 8, n // 8) for e in ("le", "be") for n in (16, 32, 64)},
    "__sum16": (2, 2), "__wsum": (4, 4), "bool": (1, 1),
    "size_t": (8, 8), "ssize_t": (8, 8), "ptrdiff_t": (8, 8), "uintptr_t": (8, 8),
    "intptr_t": (8, 8), "__kernel_size_t": (8, 8), "__kernel_ssize_t": (8, 8),
    "loff_t": (8, 8), "off_t": (8, 8), "sector_t": (8, 8), "blkcnt_t": (8, 8),
    "dma_addr_t": (8, 8), "phys_addr_t": (8, 8), "resource_size_t": (8, 8),
    "ulong": (8, 8), "uint": (4, 4), "ushort": (2, 2), "uchar": (1, 1),
    "gfp_t": (4, 4), "slab_flags_t": (4, 4), "fmode_t": (4, 4), "umode_t": (2, 2),
    "pid_t": (4, 4), "uid_t": (4, 4), "gid_t": (4, 4), "kuid_t": (4, 4), "kgid_t": (4, 4),
    "dev_t": (4, 4), "ktime_t": (8, 8), "time64_t": (8, 8), "netdev_features_t": (8, 8),
    "atomic_t": (4, 4), "atomic64_t": (8, 8), "atomic_long_t": (8, 8), "refcount_t": (4, 4),
    "spinlock_t": (4, 4), "raw_spinlock_t": (4, 4), "arch_spinlock_t": (4, 4),
    "rwlock_t": (8, 4), "seqcount_t": (4, 4),
    "struct spinlock": (4, 4), "struct raw_spinlock": (4, 4), "struct refcount_struct": (4, 4),
    # list.h / types.h
    "struct list_head": (16, 8), "struct hlist_head": (8, 8), "struct hlist_node": (16, 8),
    "struct llist_head": (8, 8), "struct llist_node": (8, 8),
    "struct callback_head": (16, 8), "struct rcu_head": (16, 8),
    "struct rb_node": (24, 8), "struct rb_root": (8, 8), "struct rb_root_cached": (16, 8),
    # locking: mutex = owner 8 + wait_lock 4 + osq 4 + wait_list 16
    "struct mutex": (32, 8),
    # rw_semaphore = count 8 + owner 8 + osq 4 + wait_lock 4 + wait_list 16
    "struct rw_semaphore": (40, 8),
    # semaphore = lock 4 + count 4 + wait_list 16
    "struct semaphore": (24, 8),
    "struct kref": (4, 4),
    # wait.h: spinlock 4 (+4) + list_head 16; completion = done 4 (+4) + swait_queue_head 24
    "wait_queue_head_t": (24, 8), "struct wait_queue_head": (24, 8),
    "struct swait_queue_head": (24, 8), "struct completion": (32, 8),
    # workqueue/timers: work = data 8 + entry 16 + func 8; timer_list = entry 16 + expires 8 +
    # function 8 + flags 4 (+4); delayed_work = work 32 + timer 40 + wq 8 + cpu 4 (+4)
    "struct work_struct": (32, 8), "struct timer_list": (40, 8), "struct delayed_work": (88, 8),
    "struct tasklet_struct": (40, 8), "struct hrtimer": (64, 8),
    # xarray = xa_lock 4 + xa_flags 4 + xa_head 8; idr = xarray 16 + idr_base 4 + idr_next 4
    "struct xarray": (16, 8), "struct idr": (24, 8), "struct ida": (16, 8),
}

_BUILTIN_WORDS = frozenset(("signed", "unsigned", "char", "short", "int", "long", "float",
                            "double", "_Bool", "void", "__int128", "__signed__", "_Complex"))

#: words that change nothing about layout (qualifiers, storage classes, sparse annotations)
_NOISE = frozenset((
    "const", "volatile", "restrict", "__restrict", "__restrict__", "static", "extern",
    "register", "inline", "__inline", "__inline__", "auto", "_Atomic", "__iomem", "__user",
    "__rcu", "__percpu", "__force", "__private", "__kernel", "__nocast", "__bitwise",
    "__must_check", "__maybe_unused", "__always_unused", "__unused", "__used", "__read_mostly",
    "__ro_after_init", "__initdata", "__initconst", "__init", "__exit", "__nonstring",
    "__data_racy", "__randomize_layout", "__no_randomize_layout", "__deprecated", "__weak",
    "__visible", "__cold", "__hot", "__always_inline", "noinline", "__noreturn", "__const",
    "__volatile__", "__volatile", "__signed", "__packed_aligned_dummy", "__safe",
    "__ref", "__refdata", "__cacheline_aligned_dummy", "__latent_entropy",
    "__designated_init", "__no_kcsan", "__attribute_const__", "__pure",
))

#: attribute-like macros with an argument list that change nothing about layout
_NOISE_CALLS = frozenset((
    "__counted_by", "__counted_by_le", "__counted_by_be", "__guarded_by", "__pt_guarded_by",
    "__free", "__section", "__alias", "__cleanup", "__printf", "__scanf", "__alloc_size",
    "__malloc", "__must_hold", "__acquires", "__releases", "__cond_lock", "__diag_ignore",
    "__no_sanitize_address", "__assume_aligned", "__nonnull", "__percpu_qual",
))

#: ``____cacheline_aligned`` & co: L1_CACHE_BYTES = 1 << CONFIG_X86_L1_CACHE_SHIFT (6)
_CACHELINE = {"____cacheline_aligned": "aligned(64)", "____cacheline_aligned_in_smp":
              "aligned(64)", "__cacheline_aligned": "aligned(64)",
              "__cacheline_aligned_in_smp": "aligned(64)", "____cacheline_internodealigned_in_smp":
              "aligned(4096)", "__aligned_largest": "aligned", "__packed": "packed",
              "__no_randomize_layout": None}

_IDENT = re.compile(r"[A-Za-z_]\w*")
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------------------------
# Declaration text parsing
# --------------------------------------------------------------------------------------------

def balanced_end(text: str, start: int) -> int:
    """Index just past the bracket group opening at ``text[start]`` (or len(text))."""
    pairs = {"(": ")", "[": "]", "{": "}"}
    stack = []
    for i in range(start, len(text)):
        c = text[i]
        if c in pairs:
            stack.append(pairs[c])
        elif stack and c == stack[-1]:
            stack.pop()
            if not stack:
                return i + 1
    return len(text)


def split_top(text: str, sep: str = ",") -> list[str]:
    """Split at ``sep`` characters outside brackets."""
    out, depth, last = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            out.append(text[last:i])
            last = i + 1
    out.append(text[last:])
    return out


def _attr_items(content: str) -> list[str]:
    """``packed, aligned(8)`` -> ["packed", "aligned(8)"] (other attributes dropped)."""
    items = []
    for item in split_top(content):
        item = item.strip()
        name = item.split("(", 1)[0].strip().strip("_")
        if name == "packed":
            items.append("packed")
        elif name == "aligned":
            arg = item[item.find("(") + 1:item.rfind(")")].strip() if "(" in item else ""
            items.append(f"aligned({arg})" if arg else "aligned")
    return items


def strip_attributes(text: str) -> tuple[str, tuple[str, ...]]:
    """Remove attributes, qualifiers and sparse annotations from declaration text.

    Returns the cleaned text and the layout-relevant attributes in normalised form
    (``"packed"``, ``"aligned(EXPR)"``, ``"aligned"``).
    """
    out: list[str] = []
    attrs: list[str] = []
    pos = 0
    for m in _IDENT.finditer(text):
        if m.start() < pos:
            continue
        word = m.group()
        after = m.end()
        while after < len(text) and text[after] in " \t\n":
            after += 1
        has_args = after < len(text) and text[after] == "("
        if word in ("__attribute__", "__attribute") and has_args:
            end = balanced_end(text, after)
            attrs.extend(_attr_items(text[after + 1:end - 1].strip()[1:-1]
                                     if text[after + 1:end - 1].strip().startswith("(")
                                     else text[after + 1:end - 1]))
        elif word == "__aligned" and has_args:
            end = balanced_end(text, after)
            attrs.append(f"aligned({text[after + 1:end - 1].strip()})")
        elif word in _NOISE_CALLS and has_args:
            end = balanced_end(text, after)
        elif word in _CACHELINE:
            if _CACHELINE[word]:
                attrs.append(_CACHELINE[word])
            end = m.end()
        elif word in _NOISE:
            end = m.end()
        else:
            continue
        out.append(text[pos:m.start()])
        out.append(" ")
        pos = end
    out.append(text[pos:])
    return _WS.sub(" ", "".join(out)).strip(), tuple(attrs)


_BASE = re.compile(r"\s*(?:(struct|union|enum)\s+([A-Za-z_]\w*)"
                   r"|((?:(?:signed|unsigned|char|short|int|long|float|double|_Bool|void|"
                   r"__int128|__signed__|_Complex)\b\s*)+)"
                   r"|((?:__typeof__|typeof|__typeof)\s*\()"
                   r"|([A-Za-z_]\w*))")


def _split_base(text: str) -> tuple[str, str] | None:
    """``"unsigned long *p[2]"`` -> ("unsigned long", "*p[2]")."""
    m = _BASE.match(text)
    if m is None:
        return None
    if m.group(1):
        return f"{m.group(1)} {m.group(2)}", text[m.end():]
    if m.group(3):
        return " ".join(m.group(3).split()), text[m.end():]
    if m.group(4):
        end = balanced_end(text, m.end() - 1)
        return " ".join(text[m.start(4):end].split()), text[end:]
    return m.group(5), text[m.end():]


def _declarator_name(decl: str) -> tuple[str, str]:
    """The declared name and the declarator with the name removed (``"(*fn)(int)"`` ->
    ("fn", "(*)(int)")). Identifiers inside parameter lists and array sizes are skipped."""
    depth_params = 0
    i = 0
    stack: list[str] = []
    while i < len(decl):
        c = decl[i]
        if c == "(":
            nxt = decl[i + 1:].lstrip()[:1]
            # "(*name)" groups a declarator; anything else opens a parameter list
            stack.append("group" if nxt in ("*", "^", "(") else "params")
            if stack[-1] == "params":
                depth_params += 1
        elif c == ")":
            if stack and stack.pop() == "params":
                depth_params -= 1
        elif c == "[":
            i = balanced_end(decl, i)
            continue
        elif depth_params == 0 and (c.isalpha() or c == "_"):
            m = _IDENT.match(decl, i)
            assert m is not None
            return m.group(), (decl[:m.start()] + decl[m.end():])
        i += 1
    return "", decl


def _norm_suffix(suffix: str) -> str:
    s = _WS.sub(" ", suffix).strip()
    s = re.sub(r"\*\s+(?=[\*\[\)])", "*", s)
    s = re.sub(r"\s+(?=[\[\)])", "", s)
    return s


def _join(base: str, suffix: str) -> str:
    suffix = _norm_suffix(suffix)
    return f"{base} {suffix}" if suffix else base


def parse_declarators(base: str, text: str) -> list[tuple[str, str, str | None]]:
    """Declarators after a known base type: ``("int", "a, *b[2], c : 3")`` ->
    [("a", "int", None), ("b", "int *[2]", None), ("c", "int", "3")]."""
    out = []
    text = text.strip().rstrip(";").strip()
    if not text:
        return [("", base, None)]
    for piece in split_top(text):
        parts = split_top(piece, ":")
        decl = parts[0]
        width = parts[1].strip() if len(parts) > 1 else None
        name, rest = _declarator_name(decl.split("=", 1)[0] if "=" in decl and "(" not in
                                      decl.split("=", 1)[0] else decl)
        out.append((name, _join(base, rest), width))
    return out


def parse_declaration(text: str) -> tuple[list[tuple[str, str, str | None]], tuple[str, ...]]:
    """Parse one declaration (``"u8 __aligned(8) data[], *p;"``) into (name, type text, bitfield
    width text) triples plus the normalised attributes found anywhere in it."""
    clean, attrs = strip_attributes(text)
    clean = clean.strip().rstrip(";")
    if clean.startswith("typedef "):
        clean = clean[len("typedef "):]
    split = _split_base(clean)
    if split is None:
        return [], attrs
    base, rest = split
    return parse_declarators(base, rest), attrs


def parse_type(text: str) -> TypeSpec:
    """Parse type text: ``"struct foo *[4]"`` -> TypeSpec("struct foo", 1, ("4",))."""
    clean, _ = strip_attributes(text)
    split = _split_base(clean)
    if split is None:
        return TypeSpec(clean)
    base, rest = split
    rest = rest.strip()
    if rest.startswith("("):
        end = balanced_end(rest, 0)
        inner = rest[1:end - 1].strip()
        after = rest[end:].strip()
        if inner.startswith(("*", "^")):
            dims = tuple(d[1:-1].strip() for d in re.findall(r"\[[^\]]*\]", inner))
            return TypeSpec(base, 1, dims, fn=after.startswith("("))
        return TypeSpec(base, 0, (), fn=True)  # function type itself
    stars = len(rest) - len(rest.lstrip("*"))
    dims = []
    i = stars
    while i < len(rest):
        if rest[i] == "[":
            end = balanced_end(rest, i)
            dims.append(rest[i + 1:end - 1].strip())
            i = end
        else:
            i += 1
    return TypeSpec(base, stars, tuple(dims))


def _spec_text(spec: TypeSpec) -> str:
    """Inverse of parse_type for non-function types."""
    return _join(spec.base, "*" * spec.ptr + "".join(f"[{d}]" for d in spec.dims))


def _builtin(base: str) -> tuple[int, int] | None:
    words = base.split()
    if not words or any(w not in _BUILTIN_WORDS for w in words):
        return None
    longs = words.count("long")
    if "_Bool" in words or "char" in words or "void" in words:
        return 1, 1
    if "__int128" in words:
        return 16, 16
    if "double" in words:
        return (16, 16) if longs else (8, 8)
    if "float" in words:
        return 4, 4
    if "short" in words:
        return 2, 2
    if longs:
        return 8, 8
    return 4, 4


def _int_literal(text: str) -> int | None:
    try:
        return int(text.strip().rstrip("uUlL"), 0)
    except ValueError:
        return None


def _align_up(value: int, align: int) -> int:
    return -(-value // align) * align


# --------------------------------------------------------------------------------------------
# The layout engine
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Field:
    name: str
    bit_offset: int
    type: str
    width: int | None  # bitfield width


@dataclass(frozen=True)
class _RecordLayout:
    layout: TypeLayout
    fields: tuple[_Field, ...] = ()
    kind: str = "struct"


class Layouts:
    """sizeof/alignof/offsetof over a set of definitions (LP64 x86_64, gcc rules).

    ``records``: tag -> :class:`Record`; ``typedefs``: name -> type text; ``enums``: the enum
    tags (any container). Mappings may be views over many headers (kmemlint.sizes._Layers).
    ``evaluate``: constant evaluator for array dimensions, bitfield widths and aligned()
    arguments (integer literals only by default). ``cond_truth``: decides a member's ``#if``
    expression (True/False/None); undecided ones take ``assume_on``.
    """

    def __init__(self, records: Mapping[str, Record] | None = None,
                 typedefs: Mapping[str, str] | None = None, enums=(), *,
                 evaluate: Callable[[str], int | None] | None = None,
                 cond_truth: Callable[[str], bool | None] | None = None,
                 assume_on: bool = True,
                 expand: Callable[[str], str | None] | None = None,
                 well_known: Mapping[str, tuple[int, int]] = WELL_KNOWN) -> None:
        self.records = records if records is not None else {}
        self.typedefs = typedefs if typedefs is not None else {}
        self.enums = enums
        self.evaluate = evaluate or _int_literal
        self.cond_truth = cond_truth
        self.assume_on = assume_on
        self.expand = expand
        self.well_known = well_known
        self._types: dict[str, TypeLayout] = {}
        self._records: dict[str, _RecordLayout] = {}
        self._busy: set[str] = set()

    def with_assumption(self, assume_on: bool) -> Layouts:
        """The same definitions with undecided ``#if`` members assumed the other way."""
        return Layouts(self.records, self.typedefs, self.enums, evaluate=self.evaluate,
                       cond_truth=self.cond_truth, assume_on=assume_on, expand=self.expand,
                       well_known=self.well_known)

    # ---- public queries ------------------------------------------------------------------

    def layout(self, type_text: str) -> TypeLayout:
        """Size and alignment of a type, or a reason why they are unknown."""
        key = " ".join(type_text.split())
        cached = self._types.get(key)
        if cached is None:
            if key in self._busy:
                return _unknown(f"recursive type {key}")
            self._busy.add(key)
            try:
                cached = self._compute(key)
            finally:
                self._busy.discard(key)
            self._types[key] = cached
        return cached

    def sizeof(self, type_text: str) -> int | None:
        """``sizeof(type_text)`` in bytes, or None (see :meth:`reason`)."""
        return self.layout(type_text).size

    def alignof(self, type_text: str) -> int | None:
        return self.layout(type_text).align

    def reason(self, type_text: str) -> str:
        """Why ``sizeof(type_text)`` is unknown ("" when it is known)."""
        return self.layout(type_text).reason

    def member(self, record_type: str, path: str) -> MemberInfo:
        """Offset and type of ``path`` ("a", "a.b", "arr[2].c") inside a struct/union type
        (``"foo"``, ``"struct foo"`` or a typedef name), looking through anonymous members."""
        current = self.record_type(record_type)
        if current is None:
            return MemberInfo(None, None, reason=f"not a struct or union: {record_type}")
        offset_bits: int | None = 0
        typ: str | None = None
        width = None
        unknown_offset = ""
        for part in re.findall(r"[A-Za-z_]\w*|\[[^\]]*\]", path):
            if part.startswith("["):
                if typ is None:
                    return MemberInfo(None, None, reason=f"bad member path {path!r}")
                elem = self.element(typ)
                idx = self.evaluate(part[1:-1])
                esize = self.sizeof(elem) if elem else None
                if elem is None:
                    return MemberInfo(None, None, reason=f"cannot index {typ} with {part}")
                if offset_bits is not None and idx is not None and esize is not None:
                    offset_bits += idx * esize * 8
                else:
                    offset_bits = None
                    unknown_offset = unknown_offset or f"cannot index {typ} with {part}"
                typ = elem
                continue
            if typ is not None:
                current = self.record_type(typ)
                if current is None:
                    return MemberInfo(None, None, reason=f"{typ} has no member {part}")
            found = self._find(current, part)
            if isinstance(found, str):
                return MemberInfo(None, None, reason=found)
            bit, typ, width = found
            if bit is None or offset_bits is None:
                offset_bits = None
                unknown_offset = self.reason(current) or "offset unknown"
            else:
                offset_bits += bit
        if typ is None:
            return MemberInfo(None, None, reason=f"bad member path {path!r}")
        if offset_bits is None:
            return MemberInfo(None, typ, reason=unknown_offset)
        if width is not None:
            return MemberInfo(None, typ, offset_bits, width, "bitfield has no byte offset")
        return MemberInfo(offset_bits // 8, typ, offset_bits)

    def offsetof(self, record_type: str, path: str) -> int | None:
        """``offsetof(record_type, path)`` in bytes, or None."""
        return self.member(record_type, path).offset

    def member_type(self, record_type: str, path: str) -> str | None:
        """Type text of a member (``member_type("foo", "buf")`` -> ``"u8 *"``), or None."""
        return self.member(record_type, path).type

    # ---- type algebra --------------------------------------------------------------------

    def resolve(self, type_text: str, depth: int = 0) -> str:
        """Expand typedef names at the base of a type until a non-typedef base is reached."""
        spec = parse_type(type_text)
        if spec.fn or depth > 32:
            return type_text
        target = self.typedefs.get(spec.base)
        if target is None or spec.base in self.well_known:
            return _spec_text(spec)
        inner = parse_type(self.resolve(target, depth + 1))
        if inner.fn:
            return target if not spec.ptr and not spec.dims else _spec_text(
                TypeSpec("void", spec.ptr + 1, spec.dims))
        return _spec_text(TypeSpec(inner.base, inner.ptr + spec.ptr, spec.dims + inner.dims))

    def pointee(self, type_text: str) -> str | None:
        """Type of ``*p`` / ``p[0]`` for a pointer or array type; None otherwise."""
        spec = parse_type(self.resolve(type_text))
        if spec.dims:
            return _spec_text(TypeSpec(spec.base, spec.ptr, spec.dims[1:]))
        if spec.ptr and not spec.fn:
            return _spec_text(TypeSpec(spec.base, spec.ptr - 1))
        return None

    element = pointee

    def record_type(self, type_text: str) -> str | None:
        """``"struct foo"`` / ``"union u"`` for a record type given as a tag, struct/union text or
        typedef name; None for anything else."""
        text = type_text.strip()
        if _IDENT.fullmatch(text) and text not in self.typedefs and text in self.records:
            return f"{self.records[text].kind} {text}"
        spec = parse_type(self.resolve(text))
        if spec.ptr or spec.dims or spec.fn:
            return None
        if spec.base.startswith(("struct ", "union ")):
            return spec.base
        return None

    # ---- computation ---------------------------------------------------------------------

    def _compute(self, text: str) -> TypeLayout:
        spec = parse_type(text)
        if spec.fn and not spec.ptr:
            return _unknown(f"function type {text}")
        if spec.ptr:
            elem = TypeLayout(8, 8)
        else:
            elem = self._base(spec.base)
            if not elem.ok:
                return elem
        flexible = False
        for dim in reversed(spec.dims):
            if dim == "":
                count, flexible = 0, True
            else:
                count = self.evaluate(dim)
                if count is None:
                    return _unknown(f"array dimension [{dim}] of {text} is not a known constant")
                flexible = False
            elem = TypeLayout(elem.size * count, elem.align, conditions=elem.conditions,
                              flexible=flexible)
        return elem

    def _base(self, base: str) -> TypeLayout:
        known = self.well_known.get(base)
        if known is not None:
            return TypeLayout(*known)
        builtin = _builtin(base)
        if builtin is not None:
            return TypeLayout(*builtin)
        if base.startswith("enum "):
            return TypeLayout(4, 4)
        if base.startswith(("struct ", "union ")):
            return self._record(base.split(" ", 1)[1]).layout
        if base in self.typedefs:
            return self.layout(self.typedefs[base])
        if base.startswith(("typeof", "__typeof")):
            return _unknown(f"cannot evaluate {base}")
        expanded = self.expand(base) if self.expand else None
        if expanded and expanded != base:  # "#define pgoff_t unsigned long"
            return self.layout(expanded)
        return _unknown(f"unknown type {base}")

    def _expand_members(self, members: tuple[Member, ...]) -> list[Member] | str:
        """Replace macro-generated members (``DECLARE_BITMAP(bits, 64);``) by their expansion;
        an error string if one cannot be expanded."""
        out: list[Member] = []
        for m in members:
            if "macro" not in m.attrs:
                out.append(m)
                continue
            text = m.type
            for _ in range(8):
                expanded = self.expand(text) if self.expand else None
                if expanded is None:
                    return f"member {m.type}: unexpanded macro"
                decls, attrs = parse_declaration(expanded)
                if len(decls) == 1 and not decls[0][0] and re.fullmatch(
                        r"[A-Za-z_]\w*\s*\(\s*(?![\s*^(]).*\)", expanded.strip().rstrip(";"),
                        re.S):
                    text = expanded.strip().rstrip(";")
                    continue
                out.extend(Member(name, typ, width, attrs, m.conds) for name, typ, width in decls)
                break
            else:
                return f"member {m.type}: macro expansion too deep"
        return out

    def _included(self, conds: tuple[tuple[str, bool], ...], used: set[str]) -> bool:
        for expr, polarity in conds:
            truth = self.cond_truth(expr) if self.cond_truth else None
            if truth is None:
                used.add(expr)
                truth = self.assume_on
            if truth != polarity:
                return False
        return True

    def _aligned(self, attrs: tuple[str, ...]) -> int | None | str:
        """Largest aligned() attribute value, None if none, or an error string."""
        best = None
        for attr in attrs:
            if not attr.startswith("aligned"):
                continue
            arg = attr[len("aligned("):-1] if attr != "aligned" else "16"
            value = self.evaluate(arg)
            if value is None:
                return f"alignment {arg!r} is not a known constant"
            best = value if best is None else max(best, value)
        return best

    def _record(self, tag: str) -> _RecordLayout:
        cached = self._records.get(tag)
        if cached is not None:
            return cached
        rec = self.records.get(tag)
        if rec is None:
            return _RecordLayout(_unknown(f"unknown type struct {tag}"))
        if tag in self._busy:
            return _RecordLayout(_unknown(f"struct {tag} contains itself"))
        self._busy.add(tag)
        try:
            result = self._lay_out(rec)
        finally:
            self._busy.discard(tag)
        self._records[tag] = result
        return result

    def _lay_out(self, rec: Record) -> _RecordLayout:
        what = f"{rec.kind} {rec.tag}"
        packed = "packed" in rec.attrs
        union = rec.kind == "union"
        bit = 0
        size_bits = 0
        align = 1
        used: set[str] = set()
        fields: list[_Field] = []
        flexible = False
        members = self._expand_members(rec.members)
        if isinstance(members, str):
            return _RecordLayout(_unknown(f"{what}: {members}"))
        for m in members:
            if not self._included(m.conds, used):
                continue
            tl = self.layout(m.type)
            label = m.name or "<anonymous>"
            if not tl.ok:
                return _RecordLayout(_unknown(f"{what}: member {label}: {tl.reason}"))
            used.update(tl.conditions)
            m_packed = packed or "packed" in m.attrs
            m_aligned = self._aligned(m.attrs)
            if isinstance(m_aligned, str):
                return _RecordLayout(_unknown(f"{what}: member {label}: {m_aligned}"))
            assert tl.size is not None and tl.align is not None
            if m.bitfield is not None:
                width = self.evaluate(m.bitfield)
                if width is None:
                    return _RecordLayout(_unknown(
                        f"{what}: bitfield width {m.bitfield!r} is not a known constant"))
                unit = tl.align * 8
                if union:
                    size_bits = max(size_bits, width)
                    if m.name and not m_packed:
                        align = max(align, tl.align)
                    fields.append(_Field(m.name, 0, m.type, width))
                    continue
                if width == 0:
                    bit = _align_up(bit, unit)
                    continue
                if m_aligned:
                    bit = _align_up(bit, m_aligned * 8)
                    align = max(align, m_aligned)
                elif not m_packed and (bit - bit % unit) + tl.size * 8 < bit + width:
                    bit = _align_up(bit, unit)
                if m.name and not m_packed:
                    align = max(align, tl.align)
                fields.append(_Field(m.name, bit, m.type, width))
                bit += width
                continue
            a = 1 if m_packed else tl.align
            if m_aligned:
                a = max(a, m_aligned)
            align = max(align, a)
            if union:
                fields.append(_Field(m.name, 0, m.type, None))
                size_bits = max(size_bits, tl.size * 8)
            else:
                bit = _align_up(bit, a * 8)
                fields.append(_Field(m.name, bit, m.type, None))
                bit += tl.size * 8
            flexible = tl.flexible
        rec_aligned = self._aligned(rec.attrs)
        if isinstance(rec_aligned, str):
            return _RecordLayout(_unknown(f"{what}: {rec_aligned}"))
        if rec_aligned:
            align = max(align, rec_aligned)
        total = size_bits if union else bit
        size = _align_up(-(-total // 8), align)
        return _RecordLayout(TypeLayout(size, align, conditions=tuple(sorted(used)),
                                        flexible=flexible), tuple(fields), rec.kind)

    def _find(self, record: str, name: str) -> tuple[int, str, int | None] | str:
        """(bit offset, type, bitfield width) of a member, searching anonymous members."""
        tag = record.split(" ", 1)[1]
        rl = self._record(tag)
        if not rl.layout.ok:
            if tag in self.records:
                return self._find_type_only(self.records[tag], name) or rl.layout.reason
            known = f"{record}" in self.well_known
            return (f"{record} is a well-known type without member information" if known
                    else rl.layout.reason)
        for f in rl.fields:
            if f.name == name:
                return f.bit_offset, f.type, f.width
        for f in rl.fields:
            if not f.name:
                inner = self.record_type(f.type)
                if inner is None:
                    continue
                found = self._find(inner, name)
                if not isinstance(found, str):
                    return found[0] + f.bit_offset, found[1], found[2]
        return f"{record} has no member {name}"

    def _find_type_only(self, rec: Record, name: str) -> tuple[None, str, int | None] | None:
        """A member's type when the record cannot be laid out (offset unknown)."""
        members = self._expand_members(rec.members)
        for m in members if isinstance(members, list) else rec.members:
            if m.name == name:
                return None, m.type, None
        for m in rec.members:
            inner = self.record_type(m.type) if not m.name else None
            if inner is not None and inner.split(" ", 1)[1] in self.records:
                found = self._find_type_only(self.records[inner.split(" ", 1)[1]], name)
                if found is not None:
                    return found
        return None
