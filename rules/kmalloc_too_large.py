"""A constant-size kmalloc() that needs a costly high-order allocation, or that can never succeed.

## What it does
Finds calls of the kmalloc family (kmalloc, kzalloc, kcalloc, kmalloc_array, krealloc, kmemdup,
their _node variants and the devm_k* ones) whose size is a compile-time constant, evaluated from
the macros, struct layouts and helpers (``sizeof``, ``struct_size``, ``array_size``, ``ARRAY_SIZE``
...) the file and its headers define. A size that needs more than ``PAGE_SIZE << 3`` (32 KiB with
4 KiB pages, above ``PAGE_ALLOC_COSTLY_ORDER``) of physically contiguous memory is a warning; a
size above ``KMALLOC_MAX_SIZE`` (4 MiB), which kmalloc always refuses, is an error. The message
gives the size, the page order, the bytes lost to rounding up to the power-of-two block, and a
fix: ``kvmalloc()`` (kvzalloc, kvcalloc ...) when the buffer is never handed to a device for
DMA, or, when the function passes it to a DMA interface (rules/knowledge/dma.toml when present),
names that use.

## Why is this bad?
Above order 3 the page allocator no longer retries until it succeeds: on a fragmented system the
allocation fails or stalls in compaction (mm/page_alloc.c, ``PAGE_ALLOC_COSTLY_ORDER``), often
long after boot, when the driver is reloaded or a device is hot-plugged. kmalloc rounds a large
request up to a power-of-two number of pages, so ``kmalloc(33 * 1024)`` takes 64 KiB. Memory
that does not need to be physically contiguous should come from kvmalloc(), which falls back to
vmalloc() (Documentation/core-api/memory-allocation.rst).

## Example
    #define RING_BYTES (1024 * sizeof(struct rx_desc))    /* 1024 * 48 = 48 KiB */
    ring = kzalloc(RING_BYTES, GFP_KERNEL);               /* order-4 (64 KiB), 16 KiB wasted */

Use instead (the ring is only read by the CPU):

    ring = kvzalloc(RING_BYTES, GFP_KERNEL);              /* and kvfree(ring) */

## Options
- ``max-order`` (integer, default 3 = PAGE_ALLOC_COSTLY_ORDER): the highest page order that is
  not reported. ``[tool.kmemlint.rule.kmalloc-too-large] max-order = 1`` reports 16 KiB (order 2) too.

## Known limitations
Only sizes that are constants are checked; a local variable with one value (declared once,
assigned once, never compound-assigned or passed by address: ``size_t len = N * sizeof(*p);``
then ``kmalloc(len, ...)``) is read through, but ``len++`` is not seen, so a counter is taken at
its start value. A size that depends on any other variable or on a
configuration option whose value cannot be known is skipped unless even its smallest value is
too large (``kmemlint cost`` lists the sites whose size could not be evaluated, and why). Headers are found as the compiler would
without Kbuild's flags: beside the including file, in the kernel's include directories, in ``-I``
(Kbuild mode or ``--compile-commands``), and for a driver's own quoted header that none of those
holds, the one header of that name in the nearest enclosing directory of its tree
(drivers/gpu/drm/amd/display/dc/core/dc.c "core_types.h": dc/inc/, which the amdgpu Makefile's
``-I`` adds); a name two headers of that directory share is not guessed. Struct
layouts are computed for x86_64 (``--arch``, ``--page-size``) without a kernel configuration:
members under ``#ifdef CONFIG_...`` make a size a range. The DMA check follows the buffer where
the whole-program provenance follows it (locals, struct members, returns, wrappers): a buffer stored
in a struct and mapped in another function (``ib_dma_map_single(dev, priv->buf, ...)``) gets the
"keep it contiguous" advice, not kvmalloc(); so does a GFP_DMA/GFP_DMA32 allocation. Calls
deliberately made with
``__GFP_NORETRY``/``__GFP_NOWARN`` and a fallback are reported too.

## References
- Documentation/core-api/memory-allocation.rst, "Selecting memory allocator"
- include/linux/slab.h: KMALLOC_MAX_SIZE, KMALLOC_SHIFT_HIGH; mm/slub.c: ___kmalloc_large_node()
- include/linux/mmzone.h: PAGE_ALLOC_COSTLY_ORDER; mm/util.c: __kvmalloc_node_noprof()
"""
from __future__ import annotations

import re

from kmemlint import costmodel
from kmemlint.costmodel import format_bytes
from kmemlint.knowledge import check_value
from kmemlint.model import Finding, Precision, Related, Rule, Severity
from kmemlint.frontend.facts import key

RULE = Rule(
    id="kmalloc-too-large",
    summary="constant-size kmalloc that needs a costly high-order allocation or can never succeed",
    severity=Severity.WARNING,
    precision=Precision.HIGH,
    tags=("memory", "performance", "reliability"),
)

#: every site's size is read: the pipeline evaluates them in the facts workers (registry.py)
ALL_SITES = True
#: ``[tool.kmemlint.rule.kmalloc-too-large]`` options: name -> (type, lowest, highest)
OPTIONS = {"max-order": ("int", 0, 10)}

#: the kvmalloc counterpart of each kmalloc-family allocator (mm/util.c, include/linux/slab.h)
KV_EQUIVALENT = {
    "kmalloc": "kvmalloc", "kzalloc": "kvzalloc", "kcalloc": "kvcalloc",
    "kmalloc_array": "kvmalloc_array", "kmalloc_node": "kvmalloc_node",
    "kzalloc_node": "kvzalloc_node", "kcalloc_node": "kvcalloc_node",
    "kmalloc_array_node": "kvmalloc_array_node", "krealloc": "kvrealloc", "kmemdup": "kvmemdup",
    "__kmalloc": "kvmalloc", "kmalloc_track_caller": "kvmalloc",
}

#: used until rules/knowledge/dma.toml (section [dma], entries with ``args``) is present: the
#: commonest interfaces that hand a buffer to a device (include/linux/dma-mapping.h,
#: include/linux/scatterlist.h, drivers/usb/core/message.c)
DMA_FALLBACK = {
    "dma_map_single": (1,), "dma_map_single_attrs": (1,), "sg_init_one": (1,),
    "sg_set_buf": (1,), "virt_to_phys": (0,), "usb_control_msg": (6,), "usb_bulk_msg": (2,),
    "usb_interrupt_msg": (2,),
}


def dma_sinks(knowledge) -> tuple[dict[str, tuple[int, ...]], set[str]]:
    """(function -> buffer argument indices, struct member names) of DMA interfaces: the
    knowledge section ``dma`` when loaded (entries ``[dma.FUNCTION] args = [...]`` and
    ``[dma."struct TAG.MEMBER"]``, ``copies = true`` ones skipped), else :data:`DMA_FALLBACK`."""
    section = knowledge.sections.get("dma") if hasattr(knowledge, "sections") else None
    if not section:
        return DMA_FALLBACK, set()
    calls, members = {}, set()
    for name, entry in section.items():
        if getattr(entry, "copies", False):
            continue
        if name.startswith(("struct ", "union ")) and "." in name:
            members.add(name.rsplit(".", 1)[1])
        else:
            calls[name] = tuple(getattr(entry, "args", ()) or ())
    return calls, members


def _max_order(ctx) -> int:
    opts = ctx.options.get(RULE.id, {}) if isinstance(ctx.options, dict) else {}
    value = opts.get("max-order", costmodel.PAGE_ALLOC_COSTLY_ORDER)
    try:  # the configuration was checked when read; options given through the API are checked here
        return check_value(value, *OPTIONS["max-order"])
    except TypeError as e:
        raise ValueError(f"option max-order: {e}") from None


def _path_of(e) -> str:
    e = e.strip()
    if e.kind == "arith" and e.sub:
        return _path_of(e.sub[0])
    return key(e)


def _dma_use(ctx, site, sinks):
    """The first place in the allocating function that hands the buffer to a DMA interface."""
    if not site.target:
        return None
    calls, members = sinks
    fn = next((f for f in ctx.program.functions() if f.path == site.path and f.name == site.function
               and f.loc.line <= site.loc.line), None)
    if fn is None:
        return None
    for call in fn.calls:
        for i in calls.get(call.callee, ()):
            if i < len(call.args) and _path_of(call.args[i]) == site.target:
                return call.loc, f"{call.callee}()"
    for a in fn.assigns:
        if a.lhs.kind == "field" and a.lhs.name in members and _path_of(a.rhs) == site.target:
            return a.loc, f"the DMA buffer field '{a.lhs.name}'"
    return None


def check(ctx):
    max_order = _max_order(ctx)
    sinks = mapped = None
    for site in ctx.alloc_sites().all(ctx.report):  # a finding depends on its own site only
        if not site.kmalloc_family or site.cost is None or not site.evaluated or site.size_lo <= 0:
            continue
        low = costmodel.estimate(site.cost_family, site.size_lo, site.size_lo, site.gfp_text or None,
                                 arch=ctx.alloc_sites().arch)
        if not low.impossible and (low.order is None or low.order <= max_order):
            continue  # fine in at least one configuration, or for every size it may have
        if sinks is None:
            sinks = dma_sinks(ctx.knowledge)
        dma = _dma_use(ctx, site, sinks)
        if dma is None:
            if mapped is None:
                mapped = _dma_mapped(ctx)
            dma = mapped.get((site.loc.path, site.loc.line))
        if dma is None and site.gfp_text and re.search(r"\b__?GFP_DMA(32)?\b", site.gfp_text):
            dma = site.loc, "GFP_DMA"  # asked for a DMA zone: meant for a device
        yield _finding(site, low, dma, ctx.alloc_sites().arch)


def _dma_mapped(ctx) -> dict:
    """(path, line) of an allocation -> (where, interface) of a DMA use its memory reaches
    anywhere in the program (the memory summaries' DMA uses and their origins)."""
    out: dict = {}
    for use in ctx.resolver().dma_uses():
        what = f"{use.interface}()" if not use.interface.startswith("struct ") else f"the DMA buffer field '{use.interface}'"
        for o in use.origins:
            out.setdefault((o.loc.path, o.loc.line), (use.loc, what))
    return out


def _finding(site, cost, dma, arch) -> Finding:
    size = site.size_lo
    amount = format_bytes(size) + (f" ({size} bytes)" if size >= 1024 else "")
    if site.size_hi != size:
        amount += f" or more ({site.reason})"
    if cost.impossible:
        level = Severity.ERROR
        msg = (f"{site.callee}() can never succeed: {amount} is above KMALLOC_MAX_SIZE "
               f"({format_bytes(arch.kmalloc_max_size)})")
    else:
        level = RULE.severity
        msg = f"order-{cost.order} {site.callee}() of {amount}: {format_bytes(cost.size_class)} of contiguous pages"
        if cost.waste:
            msg += f", {format_bytes(cost.waste)} wasted"
    related = ()
    if dma is not None:
        loc, use = dma
        msg += (f"; it is used for DMA ({use}), so it must stay contiguous: make it smaller, split it, "
                f"or use dma_alloc_coherent()")
        related = (Related(loc, f"used for DMA by {use}"),) if loc != site.loc else ()
    else:
        kv = KV_EQUIVALENT.get(site.callee)
        if site.family == "devm":
            fix = "kvmalloc() with devm_add_action_or_reset() to free it"
        else:
            fix = f"{kv}()" if kv else "kvmalloc()"
        msg += f"; use {fix} unless the buffer is used for DMA"
    return Finding(rule=RULE.id, level=level, loc=site.loc, message=msg, function=site.function,
                   subject=f"{site.callee}({site.size_text})", related=related)
