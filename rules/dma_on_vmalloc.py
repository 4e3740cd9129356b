"""vmalloc or kvmalloc memory handed to an interface that DMAs into physically contiguous memory.

## What it does
Finds memory from vmalloc(), vzalloc(), kvmalloc() and their relatives (including driver wrappers
of them, and struct members they are stored in) reaching an interface that needs memory with a
linear-map address: dma_map_single(), sg_init_one()/sg_set_buf(), virt_to_page(), virt_to_phys(),
__pa(), the USB transfer functions (usb_control_msg(), usb_bulk_msg(), usb_fill_*_urb() transfer
buffers) and so on. The interfaces and the argument that carries the buffer are knowledge data
(rules/knowledge/dma.toml); driver functions that pass a parameter on to one of them are found
automatically and reported at their callers.

## Why is this bad?
vmalloc memory is only virtually contiguous. dma_map_single() rejects it (a WARN and
DMA_MAPPING_ERROR in Linux 6.12), and virt_to_page()/virt_to_phys()/__pa() of a vmalloc address
compute a bogus page or physical address: the device then reads or writes memory that belongs to
someone else. kvmalloc() memory is kmalloc memory on a good day and vmalloc memory under
fragmentation, so the bug only shows up on a loaded machine.

## Example
    buf = kvzalloc(len, GFP_KERNEL);
    dma = dma_map_single(dev, buf, len, DMA_TO_DEVICE);

Use instead:
    buf = kzalloc(len, GFP_KERNEL);     /* or dma_alloc_coherent() */

## Known limitations
Provenance follows local variables, casts, conditional expressions, pointer arithmetic, function
returns, parameters and struct members (keyed by struct type) across the files analysed together;
a buffer passed through ``&p`` or a function pointer is lost. A branch on is_vmalloc_addr() of the
pointer makes the analysis forget what the pointer holds (the code handles both cases). SPI
transfers are not checked for vmalloc memory: the SPI core maps vmalloc buffers page by page.
A finding on memory read from a struct member that is also assigned memory of unknown provenance
elsewhere has medium precision.

## References
- Documentation/core-api/dma-api-howto.rst, "What memory is DMA'able?"
- include/linux/dma-mapping.h dma_map_single_attrs(): "rejecting DMA map of vmalloc memory"
- drivers/usb/core/hcd.c usb_hcd_map_urb_for_dma()
"""
from __future__ import annotations

from kmemlint.model import Finding, Precision, Rule, Severity
from kmemlint.program.provenance import PARAM, STACK, STATIC
from kmemlint.rules.alloc_free_mismatch import flow, function_at, precision, related, trusted

RULE = Rule(
    id="dma-on-vmalloc",
    summary="vmalloc memory handed to an interface that needs DMA-able memory",
    severity=Severity.ERROR,
    precision=Precision.HIGH,
    tags=("memory", "dma", "correctness"),
)


def check(ctx):
    mem = ctx.resolver()
    fams = ctx.knowledge.families
    sinks = ctx.knowledge["dma"]
    for use in mem.dma_uses(ctx.report):
        if not any(sinks[b].vmalloc for b in use.base if b in sinks):
            continue
        origins = [o for o in use.origins if o.family not in (PARAM, STACK, STATIC) and o.family in fams]
        bad = trusted(mem, origins, sorted(o for o in origins if fams[o.family].vmalloc))
        if bad:
            yield finding(ctx, mem, RULE, use, origins, bad)


#: why stack memory handed to a DMA-mapping interface is harmful, unless its knowledge says otherwise
STACK_REASON = "the stack is not DMA-able (vmalloc memory with VMAP_STACK)"


def finding(ctx, mem, rule, use, origins, bad) -> Finding:
    """Shared with dma-on-stack."""
    fn, first = use.fn, bad[0]
    arg = use.expr.strip().text
    may = len(bad) < len(origins)
    base = sorted(use.base)
    to = (f"{use.interface}()" if "." not in use.interface else f"{use.interface}")
    if use.interface not in use.base:
        to += f", which passes it to {' / '.join(b if '.' in b else b + '()' for b in base)}"
    level = rule.severity
    if first.family == STACK:
        var = "" if arg.lstrip("&") == first.via else f" (stack variable '{first.via}')"
        sinks = [ctx.knowledge["dma"][b] for b in base if b in ctx.knowledge["dma"]]
        reasons = sorted({s.reason for s in sinks if s.reason})
        msg = f"stack memory handed to {to} for DMA: '{arg}'{var}; {reasons[0] if reasons else STACK_REASON}"
        if sinks and all(s.minor for s in sinks):
            level = Severity.WARNING
    else:
        where = function_at(ctx.program, first.loc)
        elsewhere = f" in {where}()" if where and where != fn.name else ""
        msg = (f"{'memory that may be' if may else 'memory'} from {first.via}(){elsewhere} handed to {to} "
               f"for DMA: '{arg}'; vmalloc memory is not physically contiguous")
    return Finding(
        rule=rule.id, level=level, loc=use.loc, message=msg, function=fn.name,
        key=" ".join(sorted({o.via for o in bad})), subject=f"{use.interface}({arg})", related=related(ctx.program, fn, origins or bad),
        flow=flow(first, first.path, use.loc, f"handed to {use.interface} for DMA", use.steps),
        precision=precision(mem, bad, may),
    )
