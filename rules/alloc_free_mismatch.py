"""Memory released by a function of another allocator family.

## What it does
Finds a pointer holding memory of one allocator family that is passed to a release function that
cannot free that family: kmalloc memory given to vfree(), vmalloc or kvmalloc memory given to
kfree(), device-managed (devm_*) memory given to kfree(), dma_alloc_coherent() memory given to
kfree(), page-allocator memory given to kfree() or vfree(), stack or static memory given to
kfree(), a kmem_cache object freed into another cache, devm or vmalloc memory handed to krealloc()
(which frees what it moves: the fix is devm_krealloc() or vrealloc()), and so on. I/O mappings
are released the same way: a device-managed mapping (devm_ioremap(), devm_platform_ioremap_resource()
and every other wrapper of lib/devres.c __devm_ioremap(), pcim_iomap(), devm_memremap()) unmapped
with iounmap()/memunmap() is unmapped again at driver detach (the class of
scripts/coccinelle/free/devm_free.cocci), and an ioremap() mapping given to kfree() is no memory.
Device objects with a release of their own are families too: a net_device (free_netdev()), an
iio_dev (iio_device_free()), an SPI controller (spi_controller_put()), an MDIO bus (mdiobus_free());
one a devm_ constructor made (devm_alloc_etherdev(), devm_iio_device_alloc(), devm_spi_alloc_host(),
devm_mdiobus_alloc()) is released again at driver detach when the driver releases it itself.
A socket buffer (alloc_skb(), netdev_alloc_skb(), skb_clone()...) is freed with kfree_skb(),
consume_skb() or dev_kfree_skb_any(), not kfree(): its data and its clone companion are separate.
A mempool element (mempool_alloc()) goes back with mempool_free(): kfree() bypasses the pool's
reserve and its own free function (drivers/scsi/ibmvscsi/ibmvfc.c, v6.1). The families and their legal
release functions are knowledge data (rules/knowledge/allocators.toml). When a pointer may come from
several families (``size > X ? vmalloc(size) : kmalloc(size, GFP_KERNEL)``, or different branches),
the release function must accept every one of them: only kvfree() frees both kmalloc and vmalloc
memory.

## Why is this bad?
kfree() of vmalloc memory hands a non-slab address to the slab allocator: it BUGs or corrupts
memory. vfree() of kmalloc memory warns and leaks. kfree() of devm_* memory frees it once now and
again when the driver detaches (a double free). Release functions must match the allocator.

## Example
    buf = kvmalloc(len, GFP_KERNEL);
    ...
    kfree(buf);          /* kvmalloc may have used vmalloc */

Use instead:
    kvfree(buf);

## Known limitations
Provenance is tracked through local variables, reassignments, casts, conditional expressions and
pointer arithmetic; across functions through return values (wrapper allocators are discovered),
parameters (a function that frees its parameter on every path that does work is a release
function), struct members keyed by struct type (``struct foo_priv.buf``), and driver data stored
with platform_set_drvdata()/dev_set_drvdata()/i2c_set_clientdata()... and fetched back with the
getters (rules/knowledge/drvdata.toml), keyed by the struct type of the stored pointer, over all
files analysed together. netdev_priv() and iio_priv() memory is part of the net_device (iio_dev)
allocation. Members of a struct defined in a header kmemlint was not given (``struct fb_info``
when one fbdev driver is analysed) are keyed by the file using them: a store and a free in
different files of such a struct are not linked. Memory handed to a manager that frees it later
(rules/knowledge/allocators.toml ``adopters``: devm_add_action_or_reset() with an action that
frees it, drmm_add_final_kfree()) is managed from then on, and so is what the function had stored
of it; the failing devm_add_action(), which leaves the memory to its caller, is not an adopter.
kref_put()/call_rcu() with a callback that frees container_of() of its parameter free the object
the member argument lies in (``callback_releases``), and so does the work function INIT_WORK() or
INIT_DELAYED_WORK() sets (qedf_fp_io_handler() kfree()s the mempool element it was queued with);
when every call handing that callback memory
hands it memory its free cannot release, the callback is what is wrong, and the finding is at its
free, once (ibmvfc_release_tgt() kfree()ing mempool targets), with the calls as notes; when some
hand it memory it may free, the others are reported at their calls (so is device-managed memory:
the devm allocation is the mistake). An out parameter carries what the function stores through it
(``*data = kvzalloc(...)``: the caller's ``data``, or the member whose address it was given). An
object linked into a list (list_add(), list_add_tail(), list_move(), hlist_add_head() and their
_rcu forms: ``list_entries``) is what list_for_each_entry() and its variants, list_first_entry()
and list_entry() fetch back through the same linking member (``struct ibmvfc_target.queue``), in
any file, and from the same list when both name its head as a member or a global
(ssi_protocol.c's commands on ``&ssi->cmdqueue`` are not its data messages on ``&ssi->txqueue``);
a list a splice fills holds what the lists spliced onto it hold, and an object linked onto a list
kmemlint cannot name (a parameter) may be on any list of its member. A function that stores a
pointer parameter into a struct member, or links the object it is given onto a list, makes each
caller store or link what it passes: usb_fill_bulk_urb() (from the kernel model) puts its
``context`` argument into ``urb->context``, a driver's filler that hands its own parameter on
to it does the same, and iscsi_target_erl2.c's attach helpers link their callers' entries. A pointer read from a member
into a struct pointer (``struct sk_buff *skb = msg->context``) is what was allocated as that
struct, or as one beginning with it, when all of that is known to be of it (an untyped buffer in
the member keeps the whole mix): ssi_protocol.c's ``void *context`` holds socket buffers and, in
commands, data messages. A function registered as a callback and never called directly (a URB
completion, a destructor) reads, from a member of the object it runs with (``urb->context``),
what is stored there for it or for functions registered together with it (one ops table), not
what is stored for other registered functions: by such a function into the object it runs with,
or by a function registering one on the same object (rtl8187's RX completion re-arms its own
URBs with socket buffers, while the register write's completion frees its own kmalloc()
context). A container lookup (xa_erase(), idr_find()...: ``stored_entries``) returns what its
caller stored, not the container's own nodes. The value of a macro whose body is one call
(``devm_drm_dev_alloc()``) is that call's, when its definition is among the analysed files (a
header macro needs the header). A pointer passed through ``&p`` to a function that does not store
through it, or stored through a function pointer, is forgotten.
To prefer silence to false alarms: memory that may be of several families is reported only for
"kmalloc or vmalloc" choices (kvfree() frees both); other mixes nearly always come with a flag
saying which allocator was used, or are different drivers' objects of one struct type. The
exception is a mix one call returns, chosen inside the callee by what the caller cannot see:
usb_alloc_coherent() (drivers/usb/core/buffer.c hcd_buffer_alloc()) gives kmalloc(), dma_pool or
coherent memory by the host controller; a free that accepts only some of them is reported (medium
precision), with the callee's own release (usb_free_coherent()) as the fix, unless the free is
told apart as below. Not so for a getter that reads a member or a list (what it returns depends on
the object), nor for mappings (pci_iomap() maps a memory BAR with ioremap(): the driver knows
which BAR it asked for).
A kmalloc-or-vmalloc choice made in a wrapper or stored in a
member is reported only when nothing at the free tells the two apart: no is_vmalloc_addr() test,
no condition naming vmalloc or reading a flag stored beside the pointer or a local flag set to
constants beside its assignments (``if (kfree_nvram) kfree(data);``), no other release of the
same pointer in the function, and the free is not inside a release wrapper. A free that runs only
when a local flag is set (clear at first) is not reported for memory on whose path the flag is
never set, whatever the other origins in view; stack or static
memory only when the pointer can hold nothing else (``if (p != stack_buf) kfree(p)``); members
tested with is_vmalloc_addr() are not reported. Where ``IS_ERR(p)`` holds, ``p`` is an error code:
the unwind label of a failed allocation frees no memory. Memory the same function releases with
a function of its family on a path that cannot also reach the free (``if (endpoint->toward_ipa)
dev_kfree_skb_any(trans->data); else put_page(trans->data);``) is not reported there: the code
tells the kinds apart by a test kmemlint need not understand.
A finding on a member that is also assigned memory of unknown provenance has medium precision.
kstrdup_const() memory is reported at a kfree() unless the string it was given cannot lie in
.rodata, where kstrdup_const() always copies: a local array, a firmware string (the pointer
of_property_read_string() or fwnode_property_read_string() stored, ``np->full_name``:
``firmware_strings``), or memory of an allocator.
Legal pairs are those of Linux 6.12: kvfree() of kmalloc or vmalloc memory, kfree_sensitive(),
devm_kfree(), and kfree() of kmem_cache objects (allowed since the SLOB removal). Freeing a
kmem_cache object into another cache is reported only when both caches are known (a global or a
struct member), also through a release wrapper that frees into one known cache. Pages are freed in the order they were taken: free_page() or __free_page() of an
order-2 block from __get_free_pages()/alloc_pages() (drivers/crypto/nx/nx-842.c in v6.1) frees one
page and leaks three; reported when both orders are numbers or macros the analysed files of the
directory define as numbers. kmem_cache_free(NULL, p) frees nothing (mm/slub.c: cache_from_obj() gives NULL) and
is not taken for a release (drivers/misc/lkdtm/heap.c).

## References
- Documentation/core-api/memory-allocation.rst, "Selecting memory allocator" and freeing rules
- mm/util.c: kvfree(), kfree_const()
- drivers/base/devres.c: devm_kmalloc(), devm_kfree()
"""
from __future__ import annotations

import re

from kmemlint.frontend.cfg import FALSE, TRUE, guarding_conds, reach, reachable_without
from kmemlint.frontend.sizes import header_facts
from kmemlint.model import Finding, Precision, Related, Rule, Severity, Step
from kmemlint.program.provenance import PARAM, STACK, STATIC
from kmemlint.program.typeinfo import display

RULE = Rule(
    id="alloc-free-mismatch",
    summary="memory freed by a release function of another allocator family",
    severity=Severity.ERROR,
    precision=Precision.HIGH,
    tags=("memory", "correctness"),
)


def check(ctx):
    mem = ctx.resolver()
    fams = ctx.knowledge.families
    counted = {n for n, cb in ctx.knowledge.sections.get("callback_releases", {}).items() if cb.counted}
    managers = {a.family for a in ctx.knowledge.sections.get("adopters", {}).values()}
    uses = mem.free_uses(ctx.report)  # (a pre-commit run: the reported files' frees only)
    by_fn: dict[int, list] = {}
    for use in uses:
        by_fn.setdefault(id(use.fn), []).append(use)
    held: dict = {}  # a callback release's own free -> (use, origins, its findings) of the calls
    right: set = set()  # the callback releases' frees that some call hands memory they may free
    for use in uses:
        origins = frozenset(o for o in use.origins if o.family != PARAM and o.family in fams)
        if not origins:
            continue
        inner = use.steps[-1][0] if use.call.callee in mem.callback_releases and use.steps else None
        if inner is None or any(fams[o.family].managed for o in origins):
            # (device-managed memory handed to a release: the devm allocation is the mistake,
            # usb-skeleton's kref_put() of a devm_kzalloc()ed state; reported at the call)
            yield from _judge(ctx, mem, use, origins, by_fn, counted, managers)
        elif found := list(_judge(ctx, mem, use, origins, by_fn, counted, managers)):
            held.setdefault(inner, []).append((use, origins, found))
        else:
            right.add(inner)
    frees_at = {u.call.loc: u.expr.strip() for u in uses} if held else {}
    for inner, wrong in held.items():
        if inner in right:  # the release is right for some: the calls handing it others are wrong
            for _, _, found in wrong:
                yield from found
            continue
        # every call hands it memory it may not free: the release is what is wrong (drivers/scsi/
        # ibmvscsi/ibmvfc.c, v6.1: ibmvfc_release_tgt() kfree()s targets that all come from
        # mempool_alloc(); 6.12 gives them back with mempool_free()), reported once, at its free
        wrong.sort(key=lambda w: w[0].call.loc)
        use, origins, _ = wrong[0]
        freed = frees_at.get(inner)  # what the release's own free names (``ev``), if a plain name
        release = (inner, function_at(ctx.program, inner), tuple(w[0] for w in wrong),
                   freed.text if freed is not None and freed.kind in ("var", "field") else "")
        yield from _judge(ctx, mem, use, origins, by_fn, counted, managers, release)


def _judge(ctx, mem, use, origins, by_fn, counted, managers, release=None):
    """The findings of one free; ``release``: (the free inside the callback release the call
    runs, its function, the calls handing it memory) to report there instead."""
    fams = ctx.knowledge.families
    legal = {f for f, fam in fams.items() if use.base & set(fam.releases)}
    bad = sorted(o for o in origins if o.family not in legal)
    wrong_cache = sorted(o for o in origins if o.family == "kmem_cache" and use.cache and o.detail
                         and o.detail != use.cache and o not in bad)
    if use.base & counted:  # a reference dropped: the manager holds its own (a devm action's put)
        bad = [o for o in bad if o.family not in managers]
    apart = {o for o in bad if freed_apart(use, o, by_fn[id(use.fn)], fams)}
    if apart:  # (what the other arm frees is no origin of this free's memory: grvga.c's
        origins, bad = origins - apart, [o for o in bad if o not in apart]  # iounmap())
    bad = trusted(mem, origins, bad, use)
    if bad:
        yield _finding(ctx, mem, use, origins, bad, legal, release)
    elif wrong_cache and len(wrong_cache) == len(origins):
        yield _cache_finding(ctx, mem, use, wrong_cache[0])
    elif use.order and (got := wrong_order(ctx.program, use, origins)) is not None:
        yield _order_finding(ctx, mem, use, *got)


def trusted(mem, origins, bad, use=None) -> list:
    """The bad origins worth reporting, after the precision policy (measured on drivers/, see
    bench/RESULTS-provenance.md); [] to stay silent:
    - memory of several families where some are fine is reported only for an open-coded kvmalloc
      (kmalloc or vmalloc); other mixes (kmalloc or dma_alloc_coherent, __get_free_pages or
      kmem_cache) come with a flag saying which was used (ath10k's beacon_buf, dm-bufio's
      data_mode, io-pgtable-arm-v7s's table level). A kmalloc-or-vmalloc mix that comes through a
      wrapper or a member is reported at a free site (``use``) only when nothing there tells the
      two apart (:func:`distinguished`); elsewhere only when all its origins are local;
    - stack or static memory only when the pointer holds nothing else (``if (p != stack_buf)
      kfree(p)`` is the common idiom);
    - nothing read from a member the driver tests with is_vmalloc_addr();
    - nothing read from a member whose free is decided by a flag stored beside it (a type field:
      drivers/net/ethernet/hisilicon/hns/hnae.c ``if (cb->type == DESC_TYPE_SKB)
      dev_kfree_skb_any(cb->priv); else if (...) put_page(cb->priv);``: the member holds pages or
      socket buffers, and the type says which)."""
    if not bad:
        return bad
    if use is not None:
        bad = [o for o in bad if not flag_excluded(use, o)]
        if not bad:
            return []
    if any(o.member and o.member in mem.vmalloc_tested for o in bad):
        return []
    if use is not None and any(o.member for o in bad) and told_apart(mem, use):
        return []
    if any(o.family in (STACK, STATIC) for o in bad) and not all(o.family in (STACK, STATIC) for o in origins):
        return []
    if len(bad) < len(origins) and (not all(o.family in _KV_CHOICE for o in origins)
                                    or any(o.path for o in origins) and (use is None or distinguished(mem, use)
                                                                         or not one_writer(mem, origins))):
        if use is None or not chosen_inside(origins, mem.families) or distinguished(mem, use):
            return []
    return bad


def chosen_inside(origins, fams) -> str:
    """The function whose one call returned all these origins, having chosen among them itself:
    drivers/usb/core/buffer.c hcd_buffer_alloc(), behind usb_alloc_coherent(), takes a dma_pool, a
    coherent buffer or kmalloc() memory by what the host controller is, which the caller cannot
    see; only the function's own release (usb_free_coherent()) frees all of them. "" when the
    origins came from several calls, or from the analysed code's own allocations; when one came
    through a struct member or a list (a getter: rocker_desc_cookie_ptr_get() returns a
    descriptor's socket buffer or wait object, qat's adf_devmgr_pci_to_accel_dev() finds one of
    several drivers' devices: which it is depends on the object, not on the callee); and for
    mappings, whose kind follows the resource the driver asked for (pci_iomap() of a memory BAR is
    an ioremap(), and iounmap() of it works)."""
    calls = {called_as(o) for o in origins}
    if len(calls) != 1 or not all(o.path for o in origins) or any(_stored_before_call(o) for o in origins) \
            or any(fams[o.family].noun == "mapping" for o in origins):
        return ""
    (name, _), = calls
    return name if all(name != o.via for o in origins) else ""


def freed_apart(use, o, uses, fams) -> bool:
    """Whether the function of the free releases the same memory ``o`` with a function of its
    family in the other arm of an if-else (drivers/net/ipa/ipa_endpoint.c
    ipa_endpoint_trans_release(): ``if (endpoint->toward_ipa) { skb = trans->data;
    dev_kfree_skb_any(skb); } else { page = trans->data; put_page(page); }``), and the two
    release functions share no family: the code tells the kinds of memory the pointer holds apart,
    by a test kmemlint need not understand. (A right free on an early return before a wrong one
    tells nothing apart: vt's con_set_unimap(); nor does kvfree() in one arm and kfree() in the
    other.)"""
    cfg = use.fn.cfg
    for other in uses:
        if other.call is use.call or o not in other.origins or not set(fams[o.family].releases) & other.base:
            continue
        if any(use.base & set(fam.releases) and other.base & set(fam.releases) for fam in fams.values()):
            continue  # (a release of one family too: kfree() in one arm, kvfree() in the other)
        a, b = use.call.node, other.call.node
        for c, end in cfg.arms:
            if c < a < end and c < b < end and any(
                    not reachable_without(cfg, a, c, x) and not reachable_without(cfg, b, c, y)
                    for x, y in ((TRUE, FALSE), (FALSE, TRUE))):
                return True
    return False


def one_writer(mem, origins) -> bool:
    """Whether the origins that came through a struct member were all stored by one function:
    a function choosing kmalloc or vmalloc for the member. Stores by different functions are
    mostly different objects of one struct type (e1000's loopback test rings, kcalloc'd, and its
    data rings, vzalloc'd; rtlwifi's pfirmware, per chip driver), each freed by its own code."""
    writers = set()
    for o in origins:
        if o.member:
            store = next((loc for loc, text in o.path if text.startswith("stored in")), None)
            writers.add((store.path, function_at(mem.program, store)) if store is not None else None)
    return len(writers) <= 1


def told_apart(mem, use) -> bool:
    """Whether the free is decided by a type or kind flag stored beside the freed member: a
    condition on its path testing another member of the same object for a constant or as a flag
    (``cb->type == DESC_TYPE_SKB``, ``cb->type & DESC_TYPE_PAGE``, ``cb->type & (DESC_TYPE_SKB |
    DESC_TYPE_BOUNCE_HEAD)``, ``!b->is_page``), not a size or a count compared
    (``total > log_ctx->size``)."""
    fn, call = use.fn, use.call
    freed = use.expr.strip()
    if freed.kind != "field" or not freed.sub:
        return False
    base = re.escape(" ".join(freed.sub[0].strip().text.split()))
    flag = re.compile(rf"{base}\s*(?:->|\.)\s*(?!{re.escape(freed.name)}\b)(\w+)"
                      r"(\s*(?:==|!=|&)\s*(?:[A-Z_][A-Z0-9_]*|\d+|\(?\s*[A-Z_][A-Z0-9_]*(?:\s*\|\s*[A-Z_][A-Z0-9_]*)+\s*\)?))?")
    for _, cond in guarding_conds(fn.cfg, fn.conds, call.node):
        for term in re.split(r"&&|\|\|", " ".join(cond.split())):
            m = flag.fullmatch(term.strip().strip("()! ").strip())
            if m is not None and (m.group(2) or _scalar_member(mem, fn, freed, m.group(1))):
                return True  # (a bare test of a pointer member is another allocation's check:
    return False             # eni.c ``if (!eni_dev->rx_map) free_page(eni_dev->free_list)``)


def _scalar_member(mem, fn, freed, name: str) -> bool:
    """Whether member ``name`` of the object ``freed`` lies in is declared, and not a pointer."""
    found = mem.types.member(fn, freed._replace(name=name))
    return found is not None and bool(found[1].type) and not found[1].ptr


def distinguished(mem, use) -> bool:
    """Whether the code at the free tells kmalloc from vmalloc memory: the function also frees the
    same pointer with another release function (``if (size > PAGE_SIZE) vfree(p); else
    kfree(p);``), or the free is decided by a condition naming vmalloc (``if (buf->is_vmalloc)``)
    or reading the object the freed pointer lives in (a flag stored beside it: ``if
    (b->vmalloced) vfree(b->data); else kfree(b->data);``), but not by a test of the freed
    pointer alone (``if (b->data)``). is_vmalloc_addr() tests of the pointer itself already end
    its provenance (provenance._TESTS)."""
    fn, call = use.fn, use.call
    freed = use.expr.strip()
    root = freed.root_var()
    text = " ".join(freed.text.split())
    if released_otherwise(mem, use):
        return True
    for _, cond in guarding_conds(fn.cfg, fn.conds, call.node):
        if "vmalloc" in cond or "vmap" in cond or _local_flag(fn, cond) is not None:
            return True
        rest = cond.replace(text, " ")
        if root and re.search(rf"\b{re.escape(root)}\b", rest):
            return True
    return bool(use.steps)  # freed inside a release wrapper: its own conditions are not seen here


def released_otherwise(mem, use) -> bool:
    """Whether the function of the free also frees the same pointer with another release function
    (``if (size > PAGE_SIZE) vfree(p); else kfree(p);``)."""
    call = use.call
    text = " ".join(use.expr.strip().text.split())
    for c in use.fn.calls:
        r = mem.releases.get(c.callee)
        if (c.callee != call.callee and r is not None and r.arg < len(c.args)
                and " ".join(c.args[r.arg].strip().text.split()) == text):
            return True
    return False


def _local_flag(fn, cond: str) -> tuple[bool, list] | None:
    """When ``cond`` tests a local flag the function sets to constants only, beside the
    assignments of the pointer it frees (brcmf_fw_request_nvram_done(): ``kfree_nvram = true``
    where the EFI copy was taken, then ``if (kfree_nvram) kfree(data);``): (whether the test is
    negated, the flag's assignments); else None."""
    m = re.fullmatch(r"(!?)\s*\(?\s*(\w+)\s*\)?", cond.strip())
    var = fn.local(m.group(2)) if m is not None else None
    if var is None or var.ptr or any(p.name == var.name for p in fn.params):
        return None
    sets = [a for a in fn.assigns if a.lhs.kind == "var" and a.lhs.name == var.name]
    return (bool(m.group(1)), sets) if sets and all(a.rhs.kind == "const" for a in sets) else None


def flag_excluded(use, o) -> bool:
    """Whether the free ``call`` runs only when a local flag (``_local_flag``), clear at first, is
    set, and no path from where origin ``o`` enters ``fn`` sets it: brcmf_fw_request_nvram_done()
    sets ``free_bcm47xx_nvram`` where bcm47xx_nvram_get_contents() gave vmalloc memory and
    ``kfree_nvram`` where the EFI copy was taken; ``if (kfree_nvram) kfree(data);`` never sees the
    vmalloc memory, whether or not the other source's kmalloc is in view (without CONFIG_EFI it is
    a stub returning NULL). (Paths on which the freed variable is assigned again carry another
    origin: the other source's ``else if ((data = ...))``.)"""
    fn, call = use.fn, use.call
    freed = use.expr.strip()
    if freed.kind != "var":
        return False
    cfg = fn.cfg
    spots = {(c.loc.path, c.loc.line, c.loc.col): c.node for c in fn.calls}
    entry = next((spots[(loc.path, loc.line, loc.col)] for loc, _ in ((o.loc, ""),) + o.path
                  if (loc.path, loc.line, loc.col) in spots), None)
    if entry is None:
        return False
    again = {a.node for a in fn.assigns if a.lhs.kind == "var" and a.lhs.name == freed.name and a.node != entry}
    for cnode, cond in guarding_conds(cfg, fn.conds, call.node):
        flag = _local_flag(fn, cond)
        if flag is None or flag[0] or reachable_without(cfg, call.node, cnode, TRUE):
            continue  # (the free needs the flag set: its true edge is on every path to it)
        on = {a.node for a in flag[1] if a.rhs.text.strip() not in ("0", "false")}
        if len(on) < len(flag[1]) and not any(reach(cfg, n, lambda _s, d, _l: d in again, start=entry) for n in on):
            return True
    return False


#: the one mix worth reporting: an open-coded kvmalloc, where kvfree() frees either
_KV_CHOICE = ("kmalloc", "vmalloc", "kvmalloc")


def still_referenced(o) -> str:
    """The function that returned memory it read from a struct member (``__clk_get_name()``
    returning ``clk->core->name``): the member still points to it. "" otherwise."""
    if not o.member:
        return ""
    stored = False
    for _, text in o.path:
        stored = stored or text.startswith("stored in ")
        if stored and text.endswith(f" returns memory from {o.via}()"):
            return text.split("(", 1)[0]
    return ""


def describe(mem, o, may: bool = False) -> str:
    """How a message names where memory came from."""
    if o.family == STACK:
        return f"points to the stack variable '{o.via}'"
    if o.family == STATIC:
        return f"points to the static object '{o.via}'"
    return f"{'may hold' if may else 'holds'} memory from {o.via}()"


def function_at(program, loc) -> str:
    """The function of ``loc`` (the last one starting at or before it in its file)."""
    best = ""
    for f in program.files:
        if f.path == loc.path:
            for fn in f.functions:
                if fn.loc.line <= loc.line:
                    best = fn.name
            break
    return best


def related(program, fn, origins) -> tuple[Related, ...]:
    out = []
    for o in sorted(set(origins), key=lambda o: o.loc):
        if o.family in (STACK, STATIC):
            out.append(Related(o.loc, f"'{o.via}' declared here"))
            continue
        where = function_at(program, o.loc)
        inside = f" in {where}()" if where and (where != fn.name or o.loc.path != fn.path) else ""
        out.append(Related(o.loc, f"allocated here by {o.via}(){inside}"))
    return tuple(out)


def flow(o, steps_to_use, use_loc, use_msg, inner) -> tuple[Step, ...]:
    """Allocation -> how it travelled -> the use (-> into the wrapper that does the harm)."""
    out = [Step(o.loc, f"declared here" if o.family in (STACK, STATIC) else f"allocated by {o.via}()", "memory")]
    out += [Step(loc, text, "call") for loc, text in steps_to_use]
    out.append(Step(use_loc, use_msg, "call" if inner else "danger"))
    out += [Step(loc, text, "danger" if i == len(inner) - 1 else "call") for i, (loc, text) in enumerate(inner)]
    return tuple(out)


def precision(mem, origins, may: bool):
    """MEDIUM when the verdict rests on a guess: some origins are fine, or a member the memory
    came through is also assigned memory of unknown provenance."""
    if may or any(o.member and mem.member_info(o.member).unknown is not None for o in origins):
        return Precision.MEDIUM
    return None


def _finding(ctx, mem, use, origins, bad, legal, release=None) -> Finding:
    fams = ctx.knowledge.families
    call, fn = use.call, use.fn
    first = bad[0]
    arg = use.expr.strip().text
    may = len(bad) < len(origins)
    base = sorted(b for b in use.base if b not in mem.callback_releases)  # not kref_put's mark
    by = f"{call.callee}()" if call.callee in base else f"{call.callee}(), which calls {' / '.join(b + '()' for b in base)}"
    loc, name, dropped, notes = call.loc, fn.name, call.callee, ()
    if release is not None:  # reported at the free inside the callback release (check())
        loc, name, calls, freed = release
        arg = freed or arg  # what the release frees (``ev``), not what its caller handed (``work``)
        by = f"{' / '.join(b + '()' for b in base)} in {name}(), the callback given to {call.callee}()"
        dropped = base[0] if base else call.callee
        notes = tuple(Related(u.call.loc, f"{u.call.callee}() here gives it to {name}()") for u in calls[:5])
    ok = set(fams[first.family].releases)
    for o in origins:
        ok &= set(fams[o.family].releases)
    ok_list = [r for r in fams[first.family].releases if r in ok]
    if first.via.endswith("page"):  # one page: __get_free_page() -> free_page(), alloc_page() -> __free_page()
        ok_list.sort(key=lambda r: not r.endswith("page"))
    pair = first.via.replace("alloc", "free", 1)  # dma_alloc_wc() -> dma_free_wc() of one family
    if pair in ok_list:
        ok_list.insert(0, pair)
    fix = f"; use {ok_list[0]}()" if ok_list else ""
    if may and (outer := chosen_inside(origins, fams)) and (own := own_release(ctx.program, outer, call.loc.path)):
        fix = f"; use {own}()"
    # a reallocation (krealloc() frees what it moves): the family's own reallocator is the fix
    realloc = call.callee in ctx.knowledge.allocators and next(
        (n for n, a in sorted(ctx.knowledge.allocators.items()) if a.family == first.family and "realloc" in n), "")
    origin_fn = function_at(ctx.program, first.loc)
    via = f"{first.via}()"
    if not origin_fn:  # allocated outside the analysed files: name the call they made, too
        outer, at = called_as(first)
        origin_fn = function_at(ctx.program, at)
        via = f"{outer}() ({first.via}())" if outer != first.via else via
    elsewhere = f" in {origin_fn}()" if origin_fn and origin_fn != name else ""
    noun = fams[first.family].noun
    verb = "unmapped" if noun == "mapping" else "freed"
    source = f"{noun + ' that may be' if may else noun} from {via}{elsewhere}"
    if fams[first.family].managed:
        msg = f"device-managed {source} {verb} with {by}, and again at driver detach: '{arg}'"
        fix = f"; use {ok_list[0]}() or drop the {dropped}()" if ok_list else ""
    elif first.family in (STACK, STATIC):
        msg = f"memory that was never allocated freed with {by}: '{arg}' {describe(mem, first, may)}"
        fix = ""
    elif getter := still_referenced(first):
        # the memory still belongs to the member the getter read: no release function is the fix
        msg = f"{source} freed with {by}: '{arg}', which {getter}() reads from {display(first.member)}"
        fix = f"; {display(first.member)} still points to it: do not free memory a getter returns"
    else:
        msg = f"{source} {verb} with {by}: '{arg}'"
    if realloc:
        fix = f"; use {realloc}()"
    msg += fix
    return Finding(
        rule=RULE.id, level=RULE.severity, loc=loc, message=msg, function=name,
        key=" ".join(sorted({o.via for o in bad})), subject=f"{call.callee}({arg})",
        related=related(ctx.program, fn, origins) + notes,
        flow=flow(first, first.path, call.loc, f"freed with {call.callee}()", use.steps),
        precision=precision(mem, bad, may),
    )


def wrong_order(program, use, origins) -> tuple | None:
    """(origin, its order, the order freed) when every origin is a page allocation of one known
    order and the release frees another: drivers/crypto/nx/nx-842.c (v6.1) nx842_crypto_init():
    ``__get_free_pages(GFP_KERNEL, BOUNCE_BUFFER_ORDER)`` (2) freed with free_page() (order 0).
    An order is known when it is a number or a macro the analysed files define as one."""
    freed = _order_value(program, use.order, use.fn.path)
    pages = [o for o in origins if o.family in ("pages", "page_addr")]
    if freed is None or not pages or len(pages) < len(origins):
        return None
    orders = {_order_value(program, o.detail, o.loc.path) for o in pages}
    if len(orders) != 1 or None in orders or freed in orders:
        return None
    return pages[0], orders.pop(), freed


def _order_value(program, text: str, path: str) -> int | None:
    """The value of a page order's text: a number, or an object-like macro of the analysed files of
    its directory (the file's own first) whose body is one, followed through at most four names."""
    for _ in range(4):
        text = text.strip()
        while text.startswith("(") and text.endswith(")"):
            text = text[1:-1].strip()
        if re.fullmatch(r"\d+[uUlL]*", text):
            return int(text.rstrip("uUlL"))
        if not re.fullmatch(r"[A-Za-z_]\w*", text):
            return None
        defined = _dir_macros(program, path.rsplit("/", 1)[0]).get(text, {})
        bodies = defined.get(path) or [b for bs in defined.values() for b in bs]
        if len(set(bodies)) != 1:
            return None
        text = bodies[0]
    return None


def _dir_macros(program, directory: str) -> dict[str, dict[str, list[str]]]:
    """The object-like macros the analysed files of ``directory`` define: name -> path -> bodies
    (read once per directory and program; a file's type facts are kept only when a size needs
    them, so the others are read from their source)."""
    memo = program.summary("object-macros", lambda _p: {})
    if directory not in memo:
        out: dict[str, dict[str, list[str]]] = {}
        for f in program.files:
            if f.path.rsplit("/", 1)[0] == directory:
                types = f.types if f.types is not None else header_facts(f.path)
                for name, defs in getattr(types, "defines", ()) or ():
                    bodies = [d.body for d in defs if d.params is None]
                    if bodies:
                        out.setdefault(name, {})[f.path] = bodies
        memo[directory] = out
    return memo[directory]


def _order_finding(ctx, mem, use, o, order: int, freed: int) -> Finding:
    origin_fn = function_at(ctx.program, o.loc)
    elsewhere = f" in {origin_fn}()" if origin_fn and origin_fn != use.fn.name else ""
    fix = "free_pages" if o.family == "page_addr" else "__free_pages"
    return _single_finding(ctx, mem, use, o, f"order-{order} pages from {o.via}(){elsewhere} freed with "
                           f"{use.call.callee}(), which frees order {freed}: '" "{arg}" f"'; use {fix}(..., {o.detail})",
                           f"order {o.via}", f"freed with {use.call.callee}(), order {freed}")


def _stored_before_call(o) -> bool:
    """Whether the origin was stored (in a member, a list, as driver data) before the call it came
    back through: that call is a getter (``get_service_data()``), not the allocation's choice."""
    last = max((i for i, (_, m) in enumerate(o.path) if _RETURNS.match(m)), default=-1)
    return any(_STORED.match(m) for _, m in o.path[:last])


_STORED = re.compile(r"(?:stored |added to a list|taken from a list|fetched back)")


def own_release(program, name: str, from_path: str) -> str:
    """The release paired with allocator ``name`` by the kernel's naming, when the analysed files
    or the kernel model define it: usb_alloc_coherent() -> usb_free_coherent()."""
    pair = name.replace("alloc", "free", 1)
    if pair != name and (program.lookup(pair, from_path) is not None
                         or program.externals is not None and program.externals.defines(pair)):
        return pair
    return ""


def called_as(o) -> tuple[str, object]:
    """The allocator as the analysed code called it, and where: the outermost wrapper whose value
    the origin travelled through (``devm_platform_ioremap_resource()``, not the lib/devres.c
    __devm_ioremap() inside it), else the allocator itself."""
    for loc, message in reversed(o.path):
        m = _RETURNS.match(message)
        if m is not None:
            return m.group(1), loc
    return o.via, o.loc


_RETURNS = re.compile(r"(\w+)\(\) returns memory from ")


def _cache_finding(ctx, mem, use, o) -> Finding:
    return _single_finding(ctx, mem, use, o, f"object of kmem_cache '{o.detail}' from {o.via}() freed into "
                           f"'{use.cache}' by {use.call.callee}(): '" "{arg}'",
                           f"{o.detail} {use.cache}", f"freed into '{use.cache}'")


def _single_finding(ctx, mem, use, o, message: str, key: str, step: str) -> Finding:
    """A finding about one origin's memory at ``use`` (``{arg}`` in ``message``: what is freed)."""
    call, fn = use.call, use.fn
    arg = use.expr.strip().text
    return Finding(
        rule=RULE.id, level=RULE.severity, loc=call.loc, message=message.replace("{arg}", arg), function=fn.name, key=key,
        subject=f"{call.callee}({arg})", related=related(ctx.program, fn, [o]),
        flow=flow(o, o.path, call.loc, step, use.steps),
        precision=precision(mem, [o], False),
    )