"""Memory released by a function of another allocator family.

## What it does
Finds a pointer holding memory of one allocator family that is passed to a release function that
cannot free that family: kmalloc memory given to vfree(), vmalloc or kvmalloc memory given to
kfree(), device-managed (devm_*) memory given to kfree(), dma_alloc_coherent() memory given to
kfree(), page-allocator memory given to kfree() or vfree(), stack or static memory given to
kfree(), a kmem_cache object freed into another cache, and so on. The families and their legal
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
function) and struct members keyed by struct type (``struct foo_priv.buf``), over all files
analysed together. A pointer passed through ``&p`` to another function, stored through a function
pointer, or kept in a struct defined in a header kmemlint was not given is forgotten.
To prefer silence to false alarms: memory that may be of several families is reported only for
"kmalloc or vmalloc" choices visible in the function (kvfree() frees both); other mixes, and mixes
reaching the release through a member or wrapper, nearly always come with a flag saying which
allocator was used; stack or static memory only when the pointer can hold nothing
else (``if (p != stack_buf) kfree(p)``); members tested with is_vmalloc_addr() are not reported.
A finding on a member that is also assigned memory of unknown provenance has medium precision.
Legal pairs are those of Linux 6.12: kvfree() of kmalloc or vmalloc memory, kfree_sensitive(),
devm_kfree(), and kfree() of kmem_cache objects (allowed since the SLOB removal). Freeing a
kmem_cache object into another cache is reported only when both caches are known (a global or a
struct member).

## References
- Documentation/core-api/memory-allocation.rst, "Selecting memory allocator" and freeing rules
- mm/util.c: kvfree(), kfree_const()
- drivers/base/devres.c: devm_kmalloc(), devm_kfree()
"""
from __future__ import annotations

from kmemlint.model import Finding, Precision, Related, Rule, Severity, Step
from kmemlint.provenance import PARAM, STACK, STATIC
from kmemlint.typeinfo import display

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
    for use in mem.free_uses():
        origins = frozenset(o for o in use.origins if o.family != PARAM and o.family in fams)
        if not origins:
            continue
        legal = {f for f, fam in fams.items() if use.base & set(fam.releases)}
        bad = sorted(o for o in origins if o.family not in legal)
        wrong_cache = sorted(o for o in origins if o.family == "kmem_cache" and use.cache and o.detail
                             and o.detail != use.cache and o not in bad)
        bad = trusted(mem, origins, bad)
        if bad:
            yield _finding(ctx, mem, use, origins, bad, legal)
        elif wrong_cache and len(wrong_cache) == len(origins):
            yield _cache_finding(ctx, mem, use, wrong_cache[0])


def trusted(mem, origins, bad) -> list:
    """The bad origins worth reporting, after the precision policy (measured on drivers/, see
    bench/RESULTS-provenance.md); [] to stay silent:
    - memory of several families where some are fine is reported only for an open-coded kvmalloc
      (kmalloc or vmalloc) whose origins are all local to the function; other mixes (kmalloc or
      dma_alloc_coherent, __get_free_pages or kmem_cache) come with a flag saying which was used
      (ath10k's beacon_buf, dm-bufio's data_mode, io-pgtable-arm-v7s's table level);
    - stack or static memory only when the pointer holds nothing else (``if (p != stack_buf)
      kfree(p)`` is the common idiom);
    - nothing read from a member the driver tests with is_vmalloc_addr()."""
    if not bad:
        return bad
    if any(o.member and o.member in mem.vmalloc_tested for o in bad):
        return []
    if any(o.family in (STACK, STATIC) for o in bad) and not all(o.family in (STACK, STATIC) for o in origins):
        return []
    if len(bad) < len(origins) and (any(o.path for o in origins)
                                    or not all(o.family in _KV_CHOICE for o in origins)):
        return []
    return bad


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


def _finding(ctx, mem, use, origins, bad, legal) -> Finding:
    fams = ctx.knowledge.families
    call, fn = use.call, use.fn
    first = bad[0]
    arg = call.args[use.arg].strip().text
    may = len(bad) < len(origins)
    what = f"'{arg}' {describe(mem, first, may)}"
    base = sorted(use.base)
    by = f"{call.callee}()" if call.callee in base else f"{call.callee}(), which calls {' / '.join(b + '()' for b in base)}"
    ok = set(fams[first.family].releases)
    for o in origins:
        ok &= set(fams[o.family].releases)
    ok_list = [r for r in fams[first.family].releases if r in ok]
    pair = first.via.replace("alloc", "free", 1)  # dma_alloc_wc() -> dma_free_wc() of one family
    if pair in ok_list:
        ok_list.insert(0, pair)
    fix = f"; use {ok_list[0]}()" if ok_list else ""
    if fams[first.family].managed:
        msg = f"{what}, which is device-managed and freed again at driver detach, but is freed with {by}"
        fix = f"; use {ok_list[0]}() or drop the {call.callee}()" if ok_list else ""
    elif first.family in (STACK, STATIC):
        msg = f"{what}, which was never allocated, but is freed with {by}"
        fix = ""
    elif getter := still_referenced(first):
        # the memory still belongs to the member the getter read: no release function is the fix
        msg = f"{what}, which {getter}() reads from {display(first.member)}, but is freed with {by}"
        fix = f"; {display(first.member)} still points to it: do not free memory a getter returns"
    else:
        msg = f"{what} but is freed with {by}"
    origin_fn = function_at(ctx.program, first.loc)
    if origin_fn and origin_fn != fn.name and first.family not in (STACK, STATIC):
        msg += f" in {fn.name}()"
    msg += fix
    return Finding(
        rule=RULE.id, level=RULE.severity, loc=call.loc, message=msg, function=fn.name,
        subject=f"{call.callee}({arg})", related=related(ctx.program, fn, origins),
        flow=flow(first, first.path, call.loc, f"freed with {call.callee}()", use.steps),
        precision=precision(mem, bad, may),
    )


def _cache_finding(ctx, mem, use, o) -> Finding:
    call, fn = use.call, use.fn
    arg = call.args[use.arg].strip().text
    msg = (f"'{arg}' is an object of kmem_cache '{o.detail}' from {o.via}() but is freed into "
           f"'{use.cache}' by {call.callee}() in {fn.name}()")
    return Finding(
        rule=RULE.id, level=RULE.severity, loc=call.loc, message=msg, function=fn.name,
        subject=f"{call.callee}({arg})", related=related(ctx.program, fn, [o]),
        flow=flow(o, o.path, call.loc, f"freed into '{use.cache}'", use.steps),
        precision=precision(mem, [o], False),
    )
