"""Allocator cost model: what an allocation of a given size really costs on Linux 6.12.

Every rule of thumb here is a transcription of the kernel source (Linux 6.12, SLUB, x86_64, no
debug options); each constant names the file it comes from. The page size is configurable through
:class:`Arch` (``PAGE_SHIFT``, ``MAX_PAGE_ORDER``); the module-level constants are for the default
x86_64 configuration with 4 KiB pages.

Public API:

* :func:`kmalloc_index`, :func:`kmalloc_size_class`, :func:`get_order` -- the kernel's own size
  arithmetic;
* :func:`estimate` -> :class:`Cost` -- the cost of one allocation by an allocator *family*;
* :func:`family_of` -- the family of an allocator function name (``devm_kzalloc`` ->
  ``"devm-kmalloc"``);
* :func:`gfp_flags`, :func:`gfp_may_sleep`, :func:`gfp_atomic_reserves` -- GFP mask parsing from
  expression text, with the flag values of include/linux/gfp_types.h.

Errors are values: an unknown size or an unparsable GFP mask gives ``None`` fields, never an
exception.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Arch", "X86_64", "Cost", "FAMILIES", "family_of", "kmalloc_index", "kmalloc_size_class",
    "get_order", "estimate", "gfp_flags", "gfp_may_sleep", "gfp_atomic_reserves", "format_bytes",
    "PAGE_SHIFT", "PAGE_SIZE", "MAX_PAGE_ORDER", "KMALLOC_SHIFT_LOW", "KMALLOC_SHIFT_HIGH",
    "KMALLOC_SHIFT_MAX", "KMALLOC_MAX_SIZE", "KMALLOC_MAX_CACHE_SIZE", "KMALLOC_MIN_SIZE",
    "PAGE_ALLOC_COSTLY_ORDER", "DEVRES_HEADER_SIZE", "INT_MAX",
]

#: include/linux/mmzone.h: "order at which allocations are deemed costly to service"
PAGE_ALLOC_COSTLY_ORDER = 3
#: include/linux/slab.h: KMALLOC_SHIFT_LOW is 3 unless ARCH_KMALLOC_MINALIGN > 8 (not on x86_64,
#: where ARCH_DMA_MINALIGN defaults to __alignof__(unsigned long long) in include/linux/cache.h)
KMALLOC_SHIFT_LOW = 3
#: include/linux/slab.h: KMALLOC_MIN_SIZE = 1 << KMALLOC_SHIFT_LOW
KMALLOC_MIN_SIZE = 1 << KMALLOC_SHIFT_LOW
#: drivers/base/devres.c: sizeof(struct devres) = struct devres_node (list_head 16 + release 8 +
#: name 8 + size 8) followed by ``u8 __aligned(ARCH_DMA_MINALIGN) data[]`` (ARCH_DMA_MINALIGN = 8
#: on x86_64), so 40 bytes; alloc_dr() then rounds the total with kmalloc_size_roundup().
DEVRES_HEADER_SIZE = 40
#: include/vdso/limits.h; mm/util.c __kvmalloc_node_noprof() refuses sizes above INT_MAX
INT_MAX = (1 << 31) - 1
#: arch/x86/include/asm/pgtable_64_types.h: PTRS_PER_PTE, entries in one page-table page
PTRS_PER_PTE = 512
#: sizeof(struct page *): the vmalloc page array (mm/vmalloc.c __vmalloc_area_node) holds one each
_PAGE_POINTER = 8


@dataclass(frozen=True)
class Arch:
    """The page-size parameters the cost model depends on.

    ``page_shift``: arch/x86/include/asm/page_types.h PAGE_SHIFT (CONFIG_PAGE_SHIFT, 12 on x86_64).
    ``max_page_order``: include/linux/mmzone.h MAX_PAGE_ORDER (10 unless
    CONFIG_ARCH_FORCE_MAX_ORDER, which x86 does not set).
    """

    page_shift: int = 12
    max_page_order: int = 10

    @property
    def page_size(self) -> int:
        """arch/x86/include/asm/page_types.h: PAGE_SIZE = 1UL << PAGE_SHIFT."""
        return 1 << self.page_shift

    @property
    def kmalloc_shift_high(self) -> int:
        """include/linux/slab.h: SLUB serves up to an order-1 page from slab caches."""
        return self.page_shift + 1

    @property
    def kmalloc_shift_max(self) -> int:
        """include/linux/slab.h: KMALLOC_SHIFT_MAX = MAX_PAGE_ORDER + PAGE_SHIFT.

        (Before SLAB's removal in 6.8 this was capped at 25; 6.12 has no cap.)
        """
        return self.max_page_order + self.page_shift

    @property
    def kmalloc_max_cache_size(self) -> int:
        """include/linux/slab.h: KMALLOC_MAX_CACHE_SIZE = 1UL << KMALLOC_SHIFT_HIGH."""
        return 1 << self.kmalloc_shift_high

    @property
    def kmalloc_max_size(self) -> int:
        """include/linux/slab.h: KMALLOC_MAX_SIZE = 1UL << KMALLOC_SHIFT_MAX."""
        return 1 << self.kmalloc_shift_max


#: x86_64 with 4 KiB pages, the default everywhere in this module
X86_64 = Arch()

PAGE_SHIFT = X86_64.page_shift
PAGE_SIZE = X86_64.page_size
MAX_PAGE_ORDER = X86_64.max_page_order
KMALLOC_SHIFT_HIGH = X86_64.kmalloc_shift_high
KMALLOC_SHIFT_MAX = X86_64.kmalloc_shift_max
KMALLOC_MAX_CACHE_SIZE = X86_64.kmalloc_max_cache_size
KMALLOC_MAX_SIZE = X86_64.kmalloc_max_size


def get_order(size: int, arch: Arch = X86_64) -> int:
    """include/asm-generic/getorder.h get_order(): smallest order with PAGE_SIZE << order >= size.

    ``get_order(0)`` is ``BITS_PER_LONG - PAGE_SHIFT`` as in the kernel's constant path.
    """
    if size <= 0:
        return 64 - arch.page_shift
    return ((size - 1) >> arch.page_shift).bit_length()


def kmalloc_index(size: int, arch: Arch = X86_64) -> int | None:
    """include/linux/slab.h __kmalloc_index(): the kmalloc cache index serving ``size`` bytes.

    Index 1 is the 96-byte cache, 2 the 192-byte cache, otherwise the cache holds ``1 << index``
    bytes; 0 means ``size`` is 0 (ZERO_SIZE_PTR). ``None`` where the kernel would BUG() (sizes
    above 2 MiB, which kmalloc() never asks for: it sends sizes above KMALLOC_MAX_CACHE_SIZE to
    the page allocator first).
    """
    del arch  # the table is literal in slab.h, independent of the page size
    if size <= 0:
        return 0
    if size <= KMALLOC_MIN_SIZE:
        return KMALLOC_SHIFT_LOW
    if KMALLOC_MIN_SIZE <= 32 and 64 < size <= 96:
        return 1
    if KMALLOC_MIN_SIZE <= 64 and 128 < size <= 192:
        return 2
    if size > 2 * 1024 * 1024:
        return None
    return (size - 1).bit_length()  # "if (size <= 1 << n) return n;" for n = 3 .. 21


def _cache_size(index: int) -> int:
    """mm/slab_common.c kmalloc_info[]: object size of the kmalloc cache with this index."""
    return {0: 0, 1: 96, 2: 192}.get(index, 1 << index)


def kmalloc_size_class(size: int, arch: Arch = X86_64) -> int | None:
    """Bytes kmalloc(size) really takes: the kmalloc cache's object size, or above
    KMALLOC_MAX_CACHE_SIZE the page allocator's ``PAGE_SIZE << get_order(size)``
    (mm/slub.c ___kmalloc_large_node). ``None`` above KMALLOC_MAX_SIZE (the allocation fails)."""
    if size <= 0:
        return 0
    if size > arch.kmalloc_max_size:
        return None
    if size > arch.kmalloc_max_cache_size:
        return arch.page_size << get_order(size, arch)
    index = kmalloc_index(size, arch)
    return None if index is None else _cache_size(index)


# --------------------------------------------------------------------------------------------
# GFP masks (include/linux/gfp_types.h, bit numbers of the ___GFP_*_BIT enum, with the
# CONFIG_KASAN_HW_TAGS / CONFIG_LOCKDEP / CONFIG_SLAB_OBJ_EXT bits off as in a non-debug build)
# --------------------------------------------------------------------------------------------

_BIT_NAMES = ("DMA", "HIGHMEM", "DMA32", "MOVABLE", "RECLAIMABLE", "HIGH", "IO", "FS", "ZERO",
              "UNUSED", "DIRECT_RECLAIM", "KSWAPD_RECLAIM", "WRITE", "NOWARN", "RETRY_MAYFAIL",
              "NOFAIL", "NORETRY", "MEMALLOC", "COMP", "NOMEMALLOC", "HARDWALL", "THISNODE",
              "ACCOUNT", "ZEROTAGS")
_B = {f"__GFP_{name}": 1 << bit for bit, name in enumerate(_BIT_NAMES)}
_B.update({f"___GFP_{name}": value for name, value in
           ((k[6:], v) for k, v in list(_B.items()))})
_B.update({"__GFP_SKIP_ZERO": 0, "__GFP_SKIP_KASAN": 0, "__GFP_NOLOCKDEP": 0,
           "__GFP_NO_OBJ_EXT": 0})
_B["__GFP_RECLAIM"] = _B["__GFP_DIRECT_RECLAIM"] | _B["__GFP_KSWAPD_RECLAIM"]
_B["GFP_ATOMIC"] = _B["__GFP_HIGH"] | _B["__GFP_KSWAPD_RECLAIM"]
_B["GFP_KERNEL"] = _B["__GFP_RECLAIM"] | _B["__GFP_IO"] | _B["__GFP_FS"]
_B["GFP_KERNEL_ACCOUNT"] = _B["GFP_KERNEL"] | _B["__GFP_ACCOUNT"]
_B["GFP_NOWAIT"] = _B["__GFP_KSWAPD_RECLAIM"] | _B["__GFP_NOWARN"]
_B["GFP_NOIO"] = _B["__GFP_RECLAIM"]
_B["GFP_NOFS"] = _B["__GFP_RECLAIM"] | _B["__GFP_IO"]
_B["GFP_USER"] = _B["GFP_KERNEL"] | _B["__GFP_HARDWALL"]
_B["GFP_DMA"] = _B["__GFP_DMA"]
_B["GFP_DMA32"] = _B["__GFP_DMA32"]
_B["GFP_HIGHUSER"] = _B["GFP_USER"] | _B["__GFP_HIGHMEM"]
_B["GFP_HIGHUSER_MOVABLE"] = _B["GFP_HIGHUSER"] | _B["__GFP_MOVABLE"] | _B["__GFP_SKIP_KASAN"]
_B["GFP_TRANSHUGE_LIGHT"] = ((_B["GFP_HIGHUSER_MOVABLE"] | _B["__GFP_COMP"] | _B["__GFP_NOMEMALLOC"]
                              | _B["__GFP_NOWARN"]) & ~_B["__GFP_RECLAIM"])
_B["GFP_TRANSHUGE"] = _B["GFP_TRANSHUGE_LIGHT"] | _B["__GFP_DIRECT_RECLAIM"]
_GFP = dict(_B)

_GFP_TOKEN = re.compile(r"\s*(?:(0[xX][0-9a-fA-F]+|\d+)[uUlL]*|([A-Za-z_]\w*)|(.))")
_CAST = re.compile(r"\(\s*(?:__force\s+)?(?:gfp_t|unsigned\s+int|unsigned)\s*(?:__force\s*)?\)")


def gfp_flags(expr_text: str) -> int | None:
    """The numeric GFP mask of an expression made of GFP_* / __GFP_* names, integer literals,
    ``|``, ``&``, ``~``, ``^``, parentheses and ``(__force gfp_t)`` casts; ``None`` when it names
    anything else (a variable, a parameter, an unknown macro)."""
    text = _CAST.sub(" ", (expr_text or "").replace("__force", " "))
    tokens: list[str | int] = []
    pos = 0
    while pos < len(text):
        m = _GFP_TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            break
        pos = m.end()
        if m.group(1) is not None:
            digits = m.group(1)
            octal = len(digits) > 1 and digits[0] == "0" and digits[1] not in "xX"
            tokens.append(int(digits, 8) if octal else int(digits, 0))
        elif m.group(2) is not None:
            if m.group(2) not in _GFP:
                return None
            tokens.append(_GFP[m.group(2)])
        elif not m.group(3).isspace():
            tokens.append(m.group(3))
    if not tokens:
        return None
    value, rest = _gfp_or(tokens)
    return value if not rest else None


def _gfp_or(toks: list) -> tuple[int | None, list]:
    """Recursive descent over ``|`` / ``^`` / ``&`` / ``~`` / parentheses; returns (value, rest)."""
    value, toks = _gfp_and(toks)
    while value is not None and toks and toks[0] in ("|", "^"):
        op = toks[0]
        rhs, toks = _gfp_and(toks[1:])
        if rhs is None:
            return None, toks
        value = value | rhs if op == "|" else value ^ rhs
    return value, toks


def _gfp_and(toks: list) -> tuple[int | None, list]:
    value, toks = _gfp_unary(toks)
    while value is not None and toks and toks[0] == "&":
        rhs, toks = _gfp_unary(toks[1:])
        if rhs is None:
            return None, toks
        value &= rhs
    return value, toks


def _gfp_unary(toks: list) -> tuple[int | None, list]:
    if not toks:
        return None, toks
    head = toks[0]
    if head == "~":
        value, rest = _gfp_unary(toks[1:])
        return (None if value is None else ~value), rest
    if head == "(":
        value, rest = _gfp_or(toks[1:])
        if value is None or not rest or rest[0] != ")":
            return None, rest
        return value, rest[1:]
    if isinstance(head, int):
        return head, toks[1:]
    return None, toks


def gfp_may_sleep(expr_text: str) -> bool | None:
    """Whether an allocation with this GFP mask may sleep: true iff __GFP_DIRECT_RECLAIM is set
    (include/linux/gfp.h gfpflags_allow_blocking). GFP_KERNEL, GFP_NOIO, GFP_NOFS, GFP_USER ...
    sleep; GFP_ATOMIC, GFP_NOWAIT, GFP_DMA alone do not; ``None`` if the mask is not constant."""
    flags = gfp_flags(expr_text)
    return None if flags is None else bool(flags & _GFP["__GFP_DIRECT_RECLAIM"])


def gfp_atomic_reserves(expr_text: str) -> bool | None:
    """Whether the mask may dip into the atomic reserves (__GFP_HIGH, set by GFP_ATOMIC)."""
    flags = gfp_flags(expr_text)
    return None if flags is None else bool(flags & _GFP["__GFP_HIGH"])


# --------------------------------------------------------------------------------------------
# Families and costs
# --------------------------------------------------------------------------------------------

#: allocator function -> family; the families :func:`estimate` understands
FAMILIES: dict[str, str] = {}
for _name in ("kmalloc", "kzalloc", "kcalloc", "kmalloc_array", "krealloc", "krealloc_array",
              "kmemdup", "kstrdup", "kstrndup", "kmalloc_node", "kzalloc_node", "kcalloc_node",
              "kmalloc_array_node", "kmemdup_array", "kmalloc_track_caller",
              "kmalloc_node_track_caller"):
    FAMILIES[_name] = "kmalloc"
for _name in ("devm_kmalloc", "devm_kzalloc", "devm_kcalloc", "devm_kmalloc_array", "devm_krealloc",
              "devm_krealloc_array", "devm_kmemdup", "devm_kstrdup", "devm_kasprintf"):
    FAMILIES[_name] = "devm-kmalloc"
for _name in ("vmalloc", "vzalloc", "vmalloc_node", "vzalloc_node", "vmalloc_user",
              "vmalloc_32", "vmalloc_array", "vcalloc", "__vmalloc", "vrealloc"):
    FAMILIES[_name] = "vmalloc"
for _name in ("kvmalloc", "kvzalloc", "kvcalloc", "kvmalloc_array", "kvmalloc_node",
              "kvzalloc_node", "kvrealloc", "kvmemdup"):
    FAMILIES[_name] = "kvmalloc"
for _name in ("alloc_pages", "alloc_page", "__get_free_pages", "get_zeroed_page",
              "__get_free_page", "alloc_pages_node", "folio_alloc"):
    FAMILIES[_name] = "pages"
for _name in ("dma_alloc_coherent", "dmam_alloc_coherent", "dma_alloc_attrs", "dma_alloc_wc",
              "dma_alloc_noncoherent"):
    FAMILIES[_name] = "dma-coherent"
for _name in ("kmem_cache_alloc", "kmem_cache_zalloc", "kmem_cache_alloc_node"):
    FAMILIES[_name] = "kmem_cache"
FAMILIES["dma_pool_alloc"] = "kmem_cache"  # object size fixed at dma_pool_create()
del _name


def family_of(function: str) -> str | None:
    """The cost family of an allocator function name (``_noprof`` suffixes ignored)."""
    return FAMILIES.get(function.removesuffix("_noprof"))


_RISK_SCORE = {"none": 0, "low": 15, "high": 45, "always": 100}


@dataclass(frozen=True)
class Cost:
    """The estimated cost of one allocation; sizes are for the largest possible request
    (``size_hi``). ``None`` means unknown."""

    family: str
    size_lo: int | None = None
    size_hi: int | None = None
    #: object size of the kmalloc cache, or bytes of the page block, that serves the request
    size_class: int | None = None
    #: memory really consumed: size class plus allocator overheads (devres header, vmalloc page
    #: array); page tables are counted separately in ``page_table_bytes``
    bytes_allocated: int | None = None
    #: bytes per object allocated but not usable by the caller: size-class rounding plus
    #: in-object headers such as devres's
    waste: int | None = None
    #: smallest page order that must be physically contiguous to satisfy the request
    order: int | None = None
    #: order > PAGE_ALLOC_COSTLY_ORDER: may fail and triggers compaction
    costly: bool | None = None
    #: the request can never succeed (above KMALLOC_MAX_SIZE, order above MAX_PAGE_ORDER ...)
    impossible: bool = False
    may_sleep: bool | None = None
    #: GFP_ATOMIC-style __GFP_HIGH allocation that draws on the atomic reserves
    atomic_reserves: bool | None = None
    failure_risk: str | None = None  # "none" / "low" / "high" / "always"
    #: vmalloc: number of pages, the guard page and the page-table pages needed to map them
    pages: int | None = None
    guard_bytes: int | None = None
    page_table_bytes: int | None = None
    note: str = ""

    def impact(self) -> float:
        """A score in [0, 100]: higher means a costlier or likelier-to-fail allocation.

        ``failure_risk`` sets the base (none 0, low 15, high 45, always 100), each page order adds
        4 (up to 40) and the wasted fraction of the allocation adds up to 15.
        """
        if self.impossible:
            return 100.0
        score = float(_RISK_SCORE.get(self.failure_risk or "", 0))
        if self.order is not None:
            score += 4.0 * min(self.order, 10)
        if self.waste and self.bytes_allocated:
            score += 15.0 * self.waste / self.bytes_allocated
        return round(min(100.0, score), 1)

    def summary(self) -> str:
        """A short human description, e.g. ``"order-4 (64 KiB), 24 KiB wasted"``."""
        if self.size_hi is None:
            return self.note or f"{self.family}: size unknown"
        if self.impossible:
            return f"{format_bytes(self.size_lo or self.size_hi)} can never be allocated by " \
                   f"{self.family}" + (f" ({self.note})" if self.note else "")
        parts = []
        if self.family == "vmalloc" or (self.family == "kvmalloc" and self.pages is not None):
            pages = f"{self.pages} page" + ("" if self.pages == 1 else "s")
            parts.append(f"{pages} ({format_bytes((self.pages or 0) * PAGE_SIZE)}) "
                         f"+ guard page, {format_bytes(self.page_table_bytes or 0)} page tables")
        elif self.order is not None and self.size_class is not None and (
                self.order > 0 or self.family in ("pages", "dma-coherent")):
            parts.append(f"order-{self.order} ({format_bytes(self.size_class)})")
        elif self.size_class is not None:
            parts.append(f"kmalloc-{self.size_class}" if self.family.endswith("kmalloc")
                         else format_bytes(self.size_class))
        if self.waste:
            parts.append(f"{format_bytes(self.waste)} wasted")
        if self.size_lo is not None and self.size_lo != self.size_hi:
            parts.append(f"for up to {format_bytes(self.size_hi)}")
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)

    def as_properties(self) -> tuple[tuple[str, object], ...]:
        """(key, value) pairs of plain JSON values for ``Finding.cost``; unknown fields omitted."""
        out: list[tuple[str, object]] = []
        for key in ("family", "size_lo", "size_hi", "size_class", "bytes_allocated", "waste",
                    "order", "costly", "impossible", "may_sleep", "atomic_reserves",
                    "failure_risk", "pages", "guard_bytes", "page_table_bytes"):
            value = getattr(self, key)
            if value is not None:
                out.append((key, value))
        out.append(("impact", self.impact()))
        out.append(("summary", self.summary()))
        return tuple(out)


def format_bytes(n: int) -> str:
    """``65536`` -> ``"64 KiB"``, ``1536`` -> ``"1.5 KiB"``, ``100`` -> ``"100 bytes"``."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if n >= 1 << shift:
            value = n / (1 << shift)
            return f"{value:g} {unit}" if value * 10 == int(value * 10) else f"{value:.1f} {unit}"
    return f"{n} byte" if n == 1 else f"{n} bytes"


def _page_risk(order: int, may_sleep: bool | None, noretry: bool = False) -> str:
    """mm/page_alloc.c: non-costly orders with direct reclaim are "too small to fail" (retried
    until they succeed unless __GFP_NORETRY); costly orders and atomic requests can fail."""
    if order <= PAGE_ALLOC_COSTLY_ORDER:
        return "none" if may_sleep and not noretry else "low"
    return "low" if may_sleep and not noretry else "high"


def estimate(family: str, size_lo: int | None, size_hi: int | None = None, gfp: str | None = None,
             *, order: int | None = None, arch: Arch = X86_64) -> Cost:
    """Estimate the cost of one allocation.

    ``family`` is one of ``kmalloc``, ``devm-kmalloc``, ``vmalloc``, ``kvmalloc``, ``pages``,
    ``dma-coherent``, ``kmem_cache`` (see :func:`family_of`). ``size_lo``/``size_hi`` bound the
    requested size in bytes (``size_hi`` defaults to ``size_lo``); for ``pages`` pass ``order=``
    instead. ``gfp`` is the GFP expression text, if known.
    """
    if size_hi is None:
        size_hi = size_lo
    if family == "pages" and order is not None:
        size_lo = size_hi = arch.page_size << order
    may_sleep = gfp_may_sleep(gfp) if gfp else None
    reserves = gfp_atomic_reserves(gfp) if gfp else None
    flags = gfp_flags(gfp) if gfp else None
    noretry = bool(flags is not None and flags & _GFP["__GFP_NORETRY"])
    base = dict(family=family, size_lo=size_lo, size_hi=size_hi, may_sleep=may_sleep,
                atomic_reserves=reserves)
    if size_hi is None or size_lo is None or size_hi < 0:
        note = ("object size fixed by kmem_cache_create()" if family == "kmem_cache"
                else "size unknown")
        return Cost(**base, note=note)
    if family in ("kmalloc", "devm-kmalloc"):
        header = DEVRES_HEADER_SIZE if family == "devm-kmalloc" else 0
        return _kmalloc_cost(base, size_lo + header, size_hi + header, header, may_sleep,
                             noretry, arch)
    if family == "vmalloc":
        return _vmalloc_cost(base, size_lo, size_hi, may_sleep, arch)
    if family == "kvmalloc":
        return _kvmalloc_cost(base, size_lo, size_hi, may_sleep, flags, arch)
    if family in ("pages", "dma-coherent"):
        # kernel/dma/direct.c __dma_direct_alloc_pages: PAGE_ALIGN(size), alloc_pages(get_order)
        page_order = get_order(size_hi, arch)
        impossible = get_order(size_lo, arch) > arch.max_page_order
        if family == "dma-coherent" and impossible:
            # dma_alloc_contiguous() may still serve it from CMA
            return Cost(**base, order=page_order, costly=True, failure_risk="high",
                        note="beyond MAX_PAGE_ORDER, only CMA can serve it")
        block = arch.page_size << page_order
        return Cost(**base, size_class=block, bytes_allocated=block, waste=block - size_hi,
                    order=page_order, costly=page_order > PAGE_ALLOC_COSTLY_ORDER,
                    impossible=impossible,
                    failure_risk="always" if impossible else _page_risk(page_order, may_sleep,
                                                                        noretry),
                    note="order above MAX_PAGE_ORDER" if impossible else "")
    if family == "kmem_cache":
        # a dedicated cache: objects aligned to ARCH_SLAB_MINALIGN (8), slabs of at least
        # get_order(size) pages (mm/slub.c calculate_order falls back to the minimum order)
        obj = -(-size_hi // 8) * 8
        page_order = get_order(obj, arch)
        return Cost(**base, size_class=obj, bytes_allocated=obj, waste=obj - size_hi,
                    order=page_order, costly=page_order > PAGE_ALLOC_COSTLY_ORDER,
                    failure_risk=_page_risk(page_order, may_sleep, noretry))
    return Cost(**base, note=f"unknown allocator family {family!r}")


def _kmalloc_cost(base: dict, lo: int, hi: int, header: int, may_sleep: bool | None,
                  noretry: bool, arch: Arch) -> Cost:
    """kmalloc: a slab cache up to KMALLOC_MAX_CACHE_SIZE, then whole pages, then failure."""
    if lo > arch.kmalloc_max_size:
        return Cost(**base, impossible=True, failure_risk="always",
                    note=f"above KMALLOC_MAX_SIZE ({format_bytes(arch.kmalloc_max_size)})")
    if hi > arch.kmalloc_max_size:
        return Cost(**base, order=arch.max_page_order, costly=True, failure_risk="high",
                    note="may exceed KMALLOC_MAX_SIZE")
    size_class = kmalloc_size_class(hi, arch)
    assert size_class is not None  # hi is within KMALLOC_MAX_SIZE
    page_order = get_order(size_class, arch)
    return Cost(**base, size_class=size_class, bytes_allocated=size_class,
                waste=size_class - (hi - header), order=page_order,
                costly=page_order > PAGE_ALLOC_COSTLY_ORDER,
                failure_risk=_page_risk(page_order, may_sleep, noretry),
                note=f"includes the {header}-byte devres header" if header else "")


def _vmalloc_cost(base: dict, lo: int, hi: int, may_sleep: bool | None, arch: Arch) -> Cost:
    """mm/vmalloc.c: order-0 pages, one guard page of address space (unless VM_NO_GUARD), a
    ``struct page *`` array (kmalloc'd up to PAGE_SIZE, vmalloc'd above) and PTEs."""
    del lo
    pages = -(-hi // arch.page_size)
    array = pages * _PAGE_POINTER
    array_bytes = (kmalloc_size_class(array, arch) or 0) if array <= arch.page_size else \
        -(-array // arch.page_size) * arch.page_size
    page_tables = -(-pages // PTRS_PER_PTE) * arch.page_size
    data = pages * arch.page_size
    # vmalloc does not support non-blocking masks (mm/util.c "non-sleeping allocations are not
    # supported by vmalloc"); GFP_NOWAIT works only best-effort
    risk = "low" if may_sleep or may_sleep is None else "high"
    return Cost(**base, size_class=data, bytes_allocated=data + array_bytes,
                waste=data - hi, order=0, costly=False, failure_risk=risk, pages=pages,
                guard_bytes=arch.page_size, page_table_bytes=page_tables)


def _kvmalloc_cost(base: dict, lo: int, hi: int, may_sleep: bool | None, flags: int | None,
                   arch: Arch) -> Cost:
    """mm/util.c __kvmalloc_node_noprof: kmalloc first (with __GFP_NORETRY|__GFP_NOWARN above
    PAGE_SIZE, so it gives up early), vmalloc if that fails, the size is above PAGE_SIZE and the
    mask allows blocking; sizes above INT_MAX are refused."""
    if lo > INT_MAX:
        return Cost(**base, impossible=True, failure_risk="always", note="above INT_MAX")
    if hi <= arch.page_size or may_sleep is False:
        cost = _kmalloc_cost(base, lo, hi, 0, may_sleep,
                             noretry=hi > arch.page_size, arch=arch)
        if hi > arch.page_size:
            return Cost(**{**cost.__dict__, "note": "non-blocking mask: no vmalloc fallback"})
        return cost
    del flags
    vm = _vmalloc_cost(base, lo, hi, may_sleep, arch)
    kmalloc_class = kmalloc_size_class(hi, arch)
    return Cost(**{**vm.__dict__, "family": "kvmalloc",
                   "note": "kmalloc attempted first with __GFP_NORETRY"
                           + ("" if kmalloc_class else ", too big for kmalloc")})
