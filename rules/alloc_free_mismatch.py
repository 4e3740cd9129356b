"""Memory released by a function of another allocator family.

## What it does
Finds a pointer holding memory of one allocator family that is passed to a release function that
cannot free that family: kmalloc memory given to vfree(), vmalloc or kvmalloc memory given to
kfree(), device-managed (devm_*) memory given to kfree(), dma_alloc_coherent() memory given to
kfree(), page-allocator memory given to kfree() or vfree(), and so on. The families and their legal
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
pointer arithmetic, and through struct members assigned in the same function. A pointer passed
through ``&p`` to another function is forgotten.
Legal pairs are those of Linux 6.12: kvfree() of kmalloc or vmalloc memory, kfree_sensitive(),
devm_kfree(), and kfree() of kmem_cache objects (allowed since the SLOB removal).

## References
- Documentation/core-api/memory-allocation.rst, "Selecting memory allocator" and freeing rules
- mm/util.c: kvfree(), kfree_const()
- drivers/base/devres.c: devm_kmalloc(), devm_kfree()
"""
from __future__ import annotations

from kmemlint.model import Finding, Precision, Related, Rule, Severity, Step
from kmemlint.provenance import at_calls

RULE = Rule(
    id="alloc-free-mismatch",
    summary="memory freed by a release function of another allocator family",
    severity=Severity.ERROR,
    precision=Precision.HIGH,
    tags=("memory", "correctness"),
)


def check(ctx):
    k = ctx.knowledge
    releases = k.releases
    for fn in ctx.program.functions():
        for call, args in at_calls(fn, releases, ctx.resolver(fn)):
            rel = releases[call.callee]
            if rel.arg >= len(args):
                continue
            origins = args[rel.arg]
            bad = sorted(o for o in origins if call.callee not in k.families[o.family].releases)
            if not bad:
                continue
            yield _finding(ctx, fn, call, rel, origins, bad)


def _finding(ctx, fn, call, rel, origins, bad) -> Finding:
    fams = ctx.knowledge.families
    first = bad[0]
    arg = call.args[rel.arg].strip().text
    may = len(bad) < len(origins)
    what = f"'{arg}' {'may hold' if may else 'holds'} memory from {first.via}()"
    legal = set(fams[first.family].releases)
    for o in origins:
        legal &= set(fams[o.family].releases)
    # suggest in the knowledge file's order: the family's own release function comes first
    legal = [r for r in fams[first.family].releases if r in legal]
    fix = f"; use {legal[0]}()" if legal else ""
    if fams[first.family].managed:
        msg = f"{what}, which is device-managed and freed again at driver detach, but is freed with {call.callee}()"
        fix = f"; use {legal[0]}() or drop the {call.callee}()" if legal else ""
    else:
        msg = f"{what} but is freed with {call.callee}()"
    msg += fix
    related = tuple(Related(o.loc, f"allocated here by {o.via}()") for o in sorted(set(origins), key=lambda o: o.loc))
    flow = tuple(Step(loc, text, "call") for o in bad for loc, text in o.path)
    flow = tuple(Step(o.loc, f"allocated by {o.via}()", "memory") for o in bad[:1]) + flow + (
        Step(call.loc, f"freed with {call.callee}()", "danger"),)
    return Finding(
        rule=RULE.id, level=RULE.severity, loc=call.loc, message=msg, function=fn.name,
        subject=f"{call.callee}({arg})", related=related, flow=flow,
        precision=Precision.MEDIUM if may else None,
    )
