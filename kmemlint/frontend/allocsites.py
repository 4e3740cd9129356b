"""Size stage: every allocation site of the program, its size and its cost.

An *allocation site* is a call to a knowledge allocator that declares ``size`` (the argument
indices whose product is the size in bytes, rules/knowledge/allocators.toml). For each site the
size expression is evaluated by :mod:`kmemlint.sizes` in the context of its file (the file's own
macros and types, its headers under the kernel tree, ``-I``/``-D``) and the function's locals and
parameters; :func:`kmemlint.costmodel.estimate` turns the size into a :class:`~kmemlint.costmodel.Cost`.

Data flows one way: facts (and ``FileFacts.types``) -> this stage -> rules (through
``Context.alloc_sites()``) and the ranking stage (:mod:`kmemlint.rank`) -> reporters. Sites are
evaluated lazily, once: a run whose rules never ask for them pays only for the sites that ranked
findings point at.

Public API: :class:`SizeSettings`, :class:`AllocSite`, :class:`AllocSites`, :func:`install`,
:func:`sites_of`, :func:`reason_category` (whether a file needs its types extracted at all is
:func:`kmemlint.frontend.sizes.needs_type_facts`).
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from kmemlint import costmodel
from kmemlint.costmodel import Cost
from kmemlint.frontend import sizes
from kmemlint.frontend.facts import key
from kmemlint.model import Loc

__all__ = ["SizeSettings", "AllocSite", "AllocSites", "SiteEvaluator", "install", "sites_of",
           "reason_category", "cost_family", "ARCHES"]

#: --arch values -> default page shift
ARCHES = {"x86_64": 12, "x86": 12, "i386": 12}

#: knowledge allocator family -> cost model family, for allocators costmodel.family_of() does not
#: know by name (__kmalloc, vmalloc_huge, dmam_alloc_coherent ...)
_COST_FAMILY = {
    "kmalloc": "kmalloc", "devm": "devm-kmalloc", "vmalloc": "vmalloc", "kvmalloc": "kvmalloc",
    "dma_coherent": "dma-coherent", "dma_noncoherent": "dma-coherent",
    "dmam_coherent": "dma-coherent",
}

_IDENT = re.compile(r"[A-Za-z_]\w*")
#: Expr.text is cut at this length by the facts stage (kmemlint.facts._MAX_TEXT)
_TRUNCATED_AT = 160


@dataclass(frozen=True)
class SizeSettings:
    """Where headers come from and which page size applies (CLI ``--kernel-root``, ``-I``,
    ``-D``, ``--arch``, ``--page-size``)."""

    kernel_root: str | None = None
    include_dirs: tuple[str, ...] = ()
    defines: tuple[tuple[str, str], ...] = ()
    arch: str = "x86_64"
    page_shift: int = 12

    @property
    def cost_arch(self) -> costmodel.Arch:
        return costmodel.Arch(page_shift=self.page_shift)

    def size_env(self):
        from kmemlint.frontend.sizes import SizeEnv

        return SizeEnv(self.kernel_root, self.arch, self.include_dirs, dict(self.defines),
                       page_shift=self.page_shift)


@dataclass(frozen=True)
class AllocSite:
    """One call to a sized allocator, with its evaluated size and cost."""

    loc: Loc  # the callee identifier (the Loc provenance Origins carry)
    path: str
    function: str
    callee: str
    family: str  # knowledge family ("kmalloc", "devm", "vmalloc" ...)
    cost_family: str | None  # cost model family, None if the model has none
    size_text: str  # the size as written: the size arguments joined by " * "
    gfp_text: str = ""
    size_lo: int | None = None
    size_hi: int | None = None
    exact: bool = False
    #: why the size is not exact: a variable, a CONFIG_ option, an unknown macro ...
    reason: str = ""
    cost: Cost | None = None
    #: access path the returned pointer is stored in (``buf``, ``priv.ring``), "" if none
    target: str = ""

    @property
    def evaluated(self) -> bool:
        return self.size_lo is not None

    @property
    def kmalloc_family(self) -> bool:
        return self.cost_family in ("kmalloc", "devm-kmalloc")


def cost_family(callee: str, family: str) -> str | None:
    return costmodel.family_of(callee) or _COST_FAMILY.get(family)


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------

def _var_type(v) -> str:
    text = v.type + (" " + "*" * v.ptr if v.ptr else "")
    if v.dims:
        text += " " + "".join(f"[{d}]" for d in v.dims)
    return text


def _contains(outer: Loc, inner: Loc) -> bool:
    end = (outer.end_line, outer.end_col) if outer.end_line else (outer.line, outer.col)
    return (outer.line, outer.col) <= (inner.line, inner.col) <= end


def _calls_in(e) -> Iterator:
    e = e.strip()
    if e.kind == "call":
        yield e
    elif e.kind == "cond":
        for s in e.sub:
            yield from _calls_in(s)


#: an assignment spanning more lines than this is looked up by every call of its function
_SPAN = 64


def _target_index(fn) -> tuple[dict[int, list], list]:
    """The plain assignments of ``fn`` whose right side is (or chooses between) calls, by each
    line they cover, so that finding a call's target costs a few comparisons, not a scan of
    the function (8,000 allocations in one function took 26 s)."""
    by_line: dict[int, list] = {}
    long: list = []
    for i, a in enumerate(fn.assigns):
        if a.op != "=" or not any(True for _ in _calls_in(a.rhs)):
            continue
        last = max(a.loc.end_line, a.loc.line)
        if last - a.loc.line > _SPAN:
            long.append((i, a))
            continue
        for line in range(a.loc.line, last + 1):
            by_line.setdefault(line, []).append((i, a))
    return by_line, long


def _target(index: tuple[dict[int, list], list], call) -> str:
    """The access path the value of ``call`` is assigned to, "" if none (first assignment in
    event order that contains the call)."""
    by_line, long = index
    found = [(i, a) for i, a in (*by_line.get(call.loc.line, ()), *long)
             if a.loc.path == call.loc.path and _contains(a.loc, call.loc)
             and any(c.name == call.callee for c in _calls_in(a.rhs))]
    return key(min(found)[1].lhs) if found else ""


def _product(results) -> tuple[int | None, int | None, bool, str]:
    lo, hi, exact, why = 1, 1, True, []
    for r in results:
        if r.reason and r.reason not in why:
            why.append(r.reason)
        if not r.ok:
            return None, None, False, "; ".join(why) or "not constant"
        if r.lo < 0:
            return None, None, False, "negative size"
        lo, hi, exact = lo * r.lo, hi * r.hi, exact and r.exact
    return lo, hi, exact, "; ".join(why)


class SiteEvaluator:
    """Evaluates allocation sites one file at a time: the size stage without a program, so the
    facts workers can run it next to the file's facts (a site's size depends only on its file,
    its headers and the settings, never on the rest of the program)."""

    def __init__(self, knowledge, settings: SizeSettings | None = None) -> None:
        self.settings = settings or SizeSettings()
        self.arch = self.settings.cost_arch
        self.sized = {n: a for n, a in knowledge.allocators.items() if a.size}
        self._size_args = {n: a.size for n, a in self.sized.items()}
        self._env = None
        self._contexts: dict[str, object] = {}
        self._targets: dict[int, tuple] = {}  # id(fn) -> (fn, _target_index(fn))

    def calls(self, ff) -> Iterator[tuple]:
        """(function, call) of every sized allocator call of one file."""
        for fn in ff.functions:
            for call in fn.calls:
                if call.callee in self.sized:
                    yield fn, call

    def file_sites(self, ff) -> list[AllocSite]:
        """Every site of one file, evaluated; the file's evaluation context is not kept."""
        try:
            return [self.evaluate(ff, fn, call) for fn, call in self.calls(ff)]
        finally:
            self._contexts.pop(ff.path, None)
            self._targets.clear()

    def _context(self, ff):
        ctx = self._contexts.get(ff.path)
        if ctx is None:
            if self._env is None:
                self._env = self.settings.size_env()
            if ff.types is None and not sizes.needs_type_facts(ff.functions, self._size_args):
                ctx = self._env.bare()  # no site names a macro or type: no headers to read
            else:
                ctx = self._env.for_file(Path(ff.path), ff.types)
            self._contexts[ff.path] = ctx
        return ctx

    def _index(self, fn) -> tuple:
        got = self._targets.get(id(fn))
        if got is None or got[0] is not fn:
            got = self._targets[id(fn)] = (fn, _target_index(fn), sizes.local_values(fn))
        return got[1]

    def _values(self, fn) -> dict[str, str]:
        """The locals of ``fn`` with one value (sizes.local_values), computed with its index."""
        self._index(fn)
        return self._targets[id(fn)][2]

    def evaluate(self, ff, fn, call) -> AllocSite:
        alloc = self.sized[call.callee]
        args = [call.args[i] for i in alloc.size if i < len(call.args)]
        size_text = " * ".join(f"({a.text})" if len(args) > 1 and _IDENT.sub("x", a.text).strip("x ") else a.text
                               for a in args)
        gfp = call.args[alloc.gfp].text if 0 <= alloc.gfp < len(call.args) else ""
        fam = cost_family(call.callee, alloc.family)
        base = dict(loc=call.loc, path=ff.path, function=fn.name, callee=call.callee,
                    family=alloc.family, cost_family=fam, size_text=size_text, gfp_text=gfp,
                    target=_target(self._index(fn), call))
        if len(args) < len(alloc.size):
            return AllocSite(**base, reason="fewer arguments than the allocator takes")
        if any(len(a.text) >= _TRUNCATED_AT for a in args):
            return AllocSite(**base, reason="size expression too long for the facts")
        local_types = {v.name: _var_type(v) for v in (*fn.params, *fn.locals) if v.name}
        ctx = self._context(ff)
        values = self._values(fn)
        lo, hi, exact, why = _product(ctx.evaluate(sizes.substitute(a.text, values), local_types) for a in args)
        cost = None
        if fam is not None and lo is not None:
            cost = costmodel.estimate(fam, lo, hi, gfp or None, arch=self.arch)
            if not exact and why:
                cost = dataclasses.replace(cost, note="; ".join(x for x in (cost.note, why) if x))
        return AllocSite(**base, size_lo=lo, size_hi=hi, exact=exact, reason=why, cost=cost)


def _key(loc: Loc) -> tuple[str, int, int]:
    return loc.path, loc.line, loc.col


class AllocSites:
    """The allocation sites of a program, evaluated on demand (or ahead, by the facts workers:
    :meth:`preload`) and cached."""

    def __init__(self, program, knowledge, settings: SizeSettings | None = None) -> None:
        self.program = program
        self._eval = SiteEvaluator(knowledge, settings)
        self.settings, self.arch = self._eval.settings, self._eval.arch
        self._raw: dict[tuple[str, int, int], tuple] = {}
        for ff in program.files:
            for fn, call in self._eval.calls(ff):
                self._raw[_key(call.loc)] = (ff, fn, call)
        self._done: dict[tuple[str, int, int], AllocSite] = {}

    def preload(self, sites: Iterable[AllocSite]) -> None:
        """Take sites evaluated elsewhere (same knowledge and settings) instead of evaluating them."""
        for s in sites:
            k = _key(s.loc)
            if k in self._raw:
                self._done[k] = s

    def __len__(self) -> int:
        return len(self._raw)

    def all(self, paths: frozenset[str] | None = None) -> list[AllocSite]:
        """Every site (in ``paths`` only, when given), in path/line order."""
        return [self._site(k) for k in sorted(self._raw) if paths is None or k[0] in paths]

    def at(self, loc: Loc) -> AllocSite | None:
        """The site whose callee is at ``loc`` (line and column), if any."""
        k = _key(loc)
        return self._site(k) if k in self._raw else None

    def _site(self, k) -> AllocSite:
        site = self._done.get(k)
        if site is None:
            site = self._done[k] = self._eval.evaluate(*self._raw[k])
        return site


def install(program, knowledge, settings: SizeSettings | None = None) -> AllocSites:
    """Make the sites of ``program`` (with these settings) what :func:`sites_of` returns."""
    return program.summary("alloc_sites", lambda p: AllocSites(p, knowledge, settings))


def sites_of(program, knowledge) -> AllocSites:
    """The program's sites: those :func:`install`\\ ed by the pipeline, else default settings."""
    return program.summary("alloc_sites", lambda p: AllocSites(p, knowledge))


# --------------------------------------------------------------------------------------------
# Reasons, for reports
# --------------------------------------------------------------------------------------------

_CATEGORIES = (
    (re.compile(r"^depends on variable"), "depends on a variable or parameter"),
    (re.compile(r"^depends on CONFIG_|is not defined in this configuration"),
     "depends on a configuration option"),
    (re.compile(r"^unknown identifier"), "unknown macro or constant"),
    (re.compile(r"^unknown type|unknown (struct|union|typedef)"), "unknown type"),
    (re.compile(r"^(struct|union) [^:]+: member "), "a member's type cannot be laid out"),
    (re.compile(r"^length of .* is not known|has no known length"), "array length not known"),
    (re.compile(r"^call to .* is not constant"), "calls a function"),
    (re.compile(r"has no usable definition|is a function-like macro"), "unusable macro"),
    (re.compile(r"^cannot (dereference|index|type)"), "cannot type an operand"),
    (re.compile(r"too long for the facts"), "expression truncated in the facts"),
    (re.compile(r"^cannot parse|unbalanced"), "cannot parse"),
)


def reason_category(reason: str) -> str:
    """A coarse bucket of a size-evaluation reason, for counting (``"depends on a variable or
    parameter"``, ``"depends on a configuration option"`` ...)."""
    first = reason.split("; ")[0]
    for pattern, label in _CATEGORIES:
        if pattern.search(first):
            return label
    return "other: " + re.sub(r"'[^']*'|\b[A-Za-z_]\w*\(\)|[0-9]+", "…", first)[:60]


def summarise_reasons(sites: Iterable[AllocSite]) -> dict[str, int]:
    out: dict[str, int] = {}
    for s in sites:
        if not s.evaluated:
            c = reason_category(s.reason)
            out[c] = out.get(c, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))
