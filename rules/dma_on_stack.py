"""A buffer on the stack handed to an interface that DMAs into it.

## What it does
Finds a local array, or the address of a local variable, passed to an interface that needs DMA-able
memory: dma_map_single(), sg_init_one()/sg_set_buf(), virt_to_page(), the USB transfer functions
(usb_control_msg(), usb_bulk_msg(), usb_fill_*_urb()), SPI (spi_write(), spi_read(), and a
``struct spi_transfer`` whose tx_buf/rx_buf is set to it), and driver functions that pass their
parameter on to one of those (reported at the caller, with the path into the helper), and calls
through an ops member where a function stored in that member hands the argument to DMA
(``hdev->ll_driver->raw_request(hdev, n, buf, ...)``: usbhid's usbhid_raw_request() passes it to
usb_control_msg(); the analysed files' functions and the kernel model's). The
interfaces are knowledge data (rules/knowledge/dma.toml). Static locals and globals are not on the
stack and are not reported.

## Why is this bad?
With CONFIG_VMAP_STACK (the default on x86-64 and arm64) the kernel stack is vmalloc memory:
virt_to_page() of it is wrong and DMA mapping fails or corrupts memory. Even without it, a DMA
buffer sharing cache lines with other stack variables is corrupted by cache maintenance on
non-coherent platforms. The USB core warns "transfer buffer is on stack" and fails the transfer.
Each interface's knowledge entry gives its own reason: the SPI core maps vmalloc (VMAP_STACK)
buffers page by page, so there the risk is cache-line sharing, worst for receive buffers; a
transmit-only SPI buffer, which the device only reads, is reported as a warning, not an error.

## Example
    u8 status;
    ret = usb_control_msg(udev, usb_rcvctrlpipe(udev, 0), REQ, RT, 0, 0, &status, 1, 1000);

Use instead:
    u8 *status = kmalloc(1, GFP_KERNEL);     /* or usb_control_msg_recv(), which copies */

## Known limitations
Only buffers that are visibly on the stack in the function are found: a pointer into the stack
that travels through a struct member or a function's return value is not followed. Interfaces that
copy the buffer first (usb_control_msg_send/recv(), spi_write_then_read()) are not reported.
A stack address turned into a physical one (virt_to_phys(), __pa(), virt_to_pfn(): firmware and
hypervisor calls) is wrong only where the stack is vmalloc memory: in a kernel tree, a file its
Makefiles and Kconfig build only for architectures or configurations that cannot select
HAVE_ARCH_VMAP_STACK (drivers/video/sticore.c: PARISC; drivers/cpufreq/speedstep-smi.c:
X86_32, while x86 selects it only ``if X86_64``) is not reported there. Only literal ``depends on``
conjuncts are followed: ``depends on PARISC || COMPILE_TEST`` proves nothing.

## References
- Documentation/core-api/dma-api-howto.rst, "What memory is DMA'able?" (no stack addresses)
- drivers/usb/core/hcd.c usb_hcd_map_urb_for_dma(): "transfer buffer is on stack"
- include/linux/spi/spi.h struct spi_transfer: tx_buf/rx_buf are "DMA-safe memory"
"""
from __future__ import annotations

from kmemlint.model import Precision, Rule, Severity
from kmemlint.program.provenance import STACK
from kmemlint.rules.dma_on_vmalloc import finding

RULE = Rule(
    id="dma-on-stack",
    summary="stack memory handed to an interface that needs DMA-able memory",
    severity=Severity.ERROR,
    precision=Precision.HIGH,
    tags=("memory", "dma", "correctness"),
)


def check(ctx):
    mem = ctx.resolver()
    sinks = ctx.knowledge["dma"]
    for use in mem.dma_uses(ctx.report):
        found = [sinks[b] for b in use.base if b in sinks and sinks[b].stack]
        if not found:
            continue
        if all(s.vmap_stack for s in found) and not ctx.builds_with(use.fn.path, "HAVE_ARCH_VMAP_STACK"):
            continue  # a physical address of the stack, where the stack is never vmalloc memory
        bad = sorted(o for o in use.origins if o.family == STACK)
        if bad:
            yield finding(ctx, mem, RULE, use, bad, bad)
