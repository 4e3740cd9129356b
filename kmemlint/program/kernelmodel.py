"""Summaries of functions outside the analysed program: earlier parts of this run, and the kernel model.

A function's *external summary* (``External``) is what a caller needs to know of it without its
facts: whether it may sleep (always, or for some values of a parameter) with the witness chain,
which lock it returns holding or which of its caller's locks it drops, the allocator family of the
memory it returns, which parameter it frees or hands to DMA, and which function-pointer parameter
the kernel then runs in atomic context. ``ops`` records the members of ops structures that the code
calls in atomic context (``struct hid_ll_driver.request`` called with a spinlock held).

Two stores answer for names the analysed files do not define:

* ``Overlay``: the summaries exported by the parts of a run already analysed (in memory);
* ``KernelModel``: a SQLite database written by ``kmemlint model build TREE`` from a whole kernel
  tree, queried lazily by name (a one-file run reads a few rows, not the whole model). The wheel
  ships the model of Linux 6.12 (``kmemlint/data/kernel-model.sqlite``).

The analysed files always win: a store is asked only for names no analysed file defines.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Iterable, NamedTuple

from kmemlint.frontend.layout import balanced_end, split_top
from kmemlint.frontend.macrodefs import Macro
from kmemlint.program.atomic import OpsContext, Sleep
from kmemlint.program.memsummary import Wrapped
from kmemlint.model import Loc, Step
from kmemlint.program.provenance import Origin
from kmemlint.program.summaries import TOP_DIRS, built_in, driver_private, fid, fn_key, is_fn_key, is_header, nest, tree_relative, visible  # noqa: F401 (re-exported)

SCHEMA_VERSION = 2


class ModelError(Exception):
    """A model that cannot be read or written: one line, exit 2."""


class External(NamedTuple):
    name: str
    path: str
    line: int
    #: callable from any module: EXPORT_SYMBOL*, or defined in a header
    exported: bool
    sleeps: Sleep | None = None
    params: dict = {}  # parameter index -> (kind, Sleep), as atomic.Summary.params
    acquires: tuple = ()  # lock keys it returns holding
    releases: tuple = ()  # kinds of its caller's locks it drops
    returns: frozenset = frozenset()  # Origins of the memory it returns
    frees: dict = {}  # parameter index -> Wrapped (releases reached)
    dma: dict = {}  # parameter index -> Wrapped (DMA interfaces reached)
    callbacks: dict = {}  # parameter index -> (context, how): a function pointer run in atomic context
    invokes: dict = {}  # parameter index -> how: a function pointer it runs in its caller's context
    #: from the kernel model: its locations are in the kernel tree, not in this run's files
    model: bool = False
    #: sleeps under several parameter tests at once (atomic.Summary.conj): ((tests, Sleep), ...)
    conj: tuple = ()
    #: sleeps when the reference it drops is the last (atomic.Summary.puts)
    puts: Sleep | None = None
    #: (lock keys, Sleep): sleeps once it released its caller's locks (atomic.Summary.after)
    after: tuple = ()
    #: the witnesses of both outcomes of a parameter test (atomic.Summary.either; not kept in the model)
    either: dict = {}
    #: the indices of its gfp_t parameters: what it does with a mask is known (atomic._gfp_contract
    #: judges the calls of functions with no known body by the mask they pass)
    gfp: tuple = ()
    #: how many parameters it declares (0: none, or not known): a call with fewer arguments reaches another
    #: function of the name (arch/x86/include/asm/xen/page.h's gfn_to_pfn(gfn), a header inline the
    #: model does not keep, is not virt/kvm/kvm_main.c's gfn_to_pfn(kvm, gfn), which may sleep)
    arity: int = 0
    #: (value parameter, object parameter, member): the pointers it stores into members of the
    #: objects its other parameters point to (memsummary.param_stores(): usb_fill_bulk_urb()'s
    #: ``urb->context = context``)
    stores: frozenset = frozenset()
    #: kinds of the contexts it returns holding on some paths only (atomic.Summary.maybe)
    maybe: tuple = ()

    def interesting(self) -> bool:
        return bool(self.sleeps or self.params or self.acquires or self.releases or self.returns
                    or self.frees or self.dma or self.callbacks or self.invokes or self.puts or self.after
                    or self.conj or self.stores or self.maybe)

    def kept(self) -> bool:
        """Whether a part or the model keeps it: what it does says something, or it is a .c file's
        exported function (it may be another configuration's variant of one that says something:
        ``pick``), or it takes a gfp mask and does nothing with it that sleeps (atomic._gfp_contract)."""
        return self.interesting() or (self.exported and not is_header(self.path)) or bool(self.gfp)


def pick(candidates: list[External], from_path: str, nargs: int | None = None) -> External | None:
    """The definition a call from ``from_path`` reaches, as the linker would: the nearest one in the
    caller's directory tree, else an exported one (the first by path). A header's function with
    nothing to say, kept for its gfp_t parameters (``External.gfp``), is no configuration variant
    of one that says something: include/linux/iommu.h's !CONFIG_IOMMU_API iommu_map_sg() stub does
    not hide drivers/iommu/iommu.c's, which sleeps by its mask. A call with ``nargs`` arguments
    reaches none that declares more parameters (``External.arity``)."""
    candidates = [c for c in candidates if visible(tree_relative(c.path), tree_relative(from_path))
                  and (nargs is None or c.arity <= nargs)]
    if any(c.interesting() for c in candidates):
        candidates = [c for c in candidates if c.interesting() or not c.path.endswith(".h")]
    if not candidates:
        return None
    here = os.path.dirname(tree_relative(from_path))
    near = [c for c in candidates if nest(here, os.path.dirname(tree_relative(c.path)))]
    if near:
        return max(near, key=lambda c: (len(os.path.commonprefix([here, os.path.dirname(tree_relative(c.path))])),
                                        c.exported, c.interesting(), _neg(c.path)))
    # a module links only against exported functions; the core is built in, and its .c files call
    # any global one (fs/char_dev.c cdev_add() -> drivers/base/map.c kobj_map(), not exported). A
    # header's inline is compiled into modules too: it keeps to exported ones (include/linux/mm.h
    # pte_offset_map_lock() calls mm/pgtable-generic.c's non-exported __pte_offset_map_lock())
    core = from_path.endswith(".c") and built_in(from_path)
    exported = [c for c in candidates if c.exported] or \
        ([c for c in candidates if not c.path.endswith(".h")] if core else [])
    if not exported:
        return None
    # configuration variants: a header's inline stub beside a real body yields to the body (the one
    # with something to say); of several bodies in .c files the canonical one is that of the file
    # named after the function's subsystem (drivers/clk/clk.c's clk_get_rate(), not the SH legacy
    # drivers/sh/clk/core.c; mm/vmalloc.c's vmalloc_to_page(), not mm/nommu.c's virt_to_page()),
    # and otherwise the one that says least: what only an unusual configuration does is no finding
    bodies = [c for c in exported if not c.path.endswith(".h")]
    # the model is x86-64's: an arch/x86 body is the one built (arch/x86/mm/ioremap.c iounmap(), not
    # mm/ioremap.c's CONFIG_GENERIC_IOREMAP one nor lib/logic_iomem.c's), as its headers replace
    # include/asm-generic's for macros
    bodies = [c for c in bodies if tree_relative(c.path).startswith("arch/x86/")] or bodies
    if len(bodies) > 1 and len({c.path for c in bodies}) == 1:
        # one file's #ifdef CONFIG_FOO body and its #else stub: the stub is the configuration
        # without the feature its callers use (drivers/usb/core/hub.c usb_disable_lpm() under
        # CONFIG_PM, drivers/extcon/extcon.c extcon_get_edev_by_phandle() under CONFIG_OF)
        return max(bodies, key=lambda c: (c.interesting(), -c.line))
    if len(bodies) > 1:
        return min(bodies, key=lambda c: (-_named_after(c), c.interesting(), _neg(c.path)))
    return max(exported, key=lambda c: (c.interesting(), _neg(c.path)))


def _named_after(e: External) -> int:
    """How many directories or file names of a definition's path are words of its name
    (``clk_get_rate`` in drivers/clk/clk.c: 2)."""
    words = set(e.name.lower().split("_"))
    return sum(1 for part in tree_relative(e.path).removesuffix(".c").split("/") if part in words)


def _neg(path: str) -> tuple:
    return tuple(-ord(ch) for ch in path)


class Impl(NamedTuple):
    """A function stored in an ops member (``struct S.member``) somewhere in the kernel: from a
    designated initialiser or an assignment. ``sleeps``: its witness chain when it sleeps whatever
    its arguments ("" when not)."""

    member: str
    name: str
    path: str
    line: int
    how: str
    sleeps: str = ""
    #: the arguments it hands to a DMA interface: ``2:usb_control_msg`` (Memory.impl_dma)
    dma: str = ""


class OpsTable:
    """Ops members called in atomic context, kept per part of a run so that a part analysed again
    replaces what it said before (a first pass that did not yet know a header's lock wrapper took
    ``uart_port_lock_irq()``'s caller for process context). A member that any part calls in
    process context (a veto, ``OpsContext.context`` "") is not atomic."""

    def __init__(self) -> None:
        self.parts: dict[int, list[OpsContext]] = {}
        self._merged: dict[str, OpsContext] | None = None

    def put(self, part: int, ops: Iterable[OpsContext]) -> None:
        self.parts[part] = list(ops)
        self._merged = None

    def merged(self) -> dict[str, OpsContext]:
        if self._merged is None:
            out: dict[str, OpsContext] = {}
            for part in sorted(self.parts):
                for o in self.parts[part]:  # a veto (process context somewhere) over a call seen in
                    if o.outranks(out.get(o.member)):  # atomic context; a documented contract over both
                        out[o.member] = o
            self._merged = out
        return self._merged


class Overlay:
    """The summaries exported by the parts of a run analysed so far."""

    #: what it lacks may be in a part not analysed yet (``Externals.whole_kernel``)
    whole_kernel = False

    def __init__(self) -> None:
        self.functions: dict[str, dict[str, External]] = {}
        self.table = OpsTable()
        #: the functions each part stores in struct members (a part analysed again replaces its own)
        self.stored: dict[int, list[Impl]] = {}
        self._impls: dict[str, list[Impl]] | None = None
        #: shared headers' macros of a model build (the headers are analysed first)
        self.header_macros: dict[str, list[Macro]] = {}

    def macros(self, name: str) -> list[Macro]:
        return self.header_macros.get(name, [])

    def add(self, part: int, ext: Iterable[External], ops: Iterable[OpsContext] = (),
            impls: Iterable[Impl] = ()) -> None:
        """Add (or, for a part analysed again, replace) summaries."""
        for e in ext:
            self.functions.setdefault(e.name, {})[e.path] = e
        self.table.put(part, ops)
        self.stored[part] = list(impls)
        self._impls = None

    def impls(self, field: str) -> list[Impl]:
        if self._impls is None:
            self._impls = {}
            for part in sorted(self.stored):
                for i in self.stored[part]:
                    self._impls.setdefault(i.member.rsplit(".", 1)[-1], []).append(i)
        return self._impls.get(field, [])

    def candidates(self, name: str) -> list[External]:
        got = self.functions.get(name)
        return [got[p] for p in sorted(got)] if got else []

    def op(self, member: str) -> OpsContext | None:
        return self.table.merged().get(member)

    def ops_named(self, field: str) -> list[str]:
        return [m for m in self.table.merged() if m.rsplit(".", 1)[-1] == field and not is_fn_key(m)]


class Externals:
    """The stores asked, in order, for a name the analysed files do not define."""

    def __init__(self, stores: list, paths: frozenset[str] = frozenset()) -> None:
        self.stores = [s for s in stores if s is not None]
        #: every file of the run, tree-relative: a caller among them is the run's to judge
        self.paths = paths
        self._memo: dict[tuple[str, str, int | None], External | None] = {}
        self._by_path: dict[tuple[str, str, int | None], External | None] = {}
        self._impl_memo: dict[tuple[str, bool], list[Impl]] = {}

    def forget(self) -> None:
        """Drop memoised answers (the stores changed)."""
        self._memo.clear()
        self._by_path.clear()
        self._impl_memo.clear()

    def lookup(self, name: str, from_path: str, nargs: int | None = None) -> External | None:
        """What a call to ``name`` from ``from_path`` (with ``nargs`` arguments, when a call) reaches."""
        try:
            return self._by_path[(name, from_path, nargs)]
        except KeyError:
            pass
        got = self._by_path[(name, from_path, nargs)] = self._lookup(name, from_path, nargs)
        return got

    def _lookup(self, name: str, from_path: str, nargs: int | None) -> External | None:
        key = (name, os.path.dirname(from_path), nargs)
        if key not in self._memo:
            got = None
            for s in self.stores:
                got = pick(s.candidates(name), from_path, nargs)
                if got is not None:
                    break
            self._memo[key] = got
        return self._memo[key]

    def defines(self, name: str) -> bool:
        """Whether a store holds a function of that name (from anywhere)."""
        return any(s.candidates(name) for s in self.stores)

    @property
    def whole_kernel(self) -> bool:
        """Whether a kernel model is among the stores: a name none of them has is no kernel
        function the model build saw (a model build's own parts only know what came before)."""
        return any(s.whole_kernel for s in self.stores)

    def op(self, member: str) -> OpsContext | None:
        """The first store's answer, but a veto (process context) from any store wins, as in
        ``OpsTable`` (and a documented contract over a veto): vxlan's notifier chain under its spinlock (an earlier part of a drivers/net
        run) does not make every notifier_block.notifier_call atomic when the kernel model knows
        blocking chains call it too."""
        best = None
        for s in self.stores:
            got = s.op(member)
            if got is not None and got.outranks(best):
                best = got
        return best

    def atomic_caller(self, name: str, path: str) -> OpsContext | None:
        """How the kernel calls the global function ``name`` of file ``path`` in atomic context,
        from a file this run does not analyse (Analyzer.atomic_callees(), of the kernel model: the
        callers of the run's own parts are judged at their calls)."""
        for s in self.stores:
            if getattr(s, "whole_kernel", False):
                got = s.atomic_callers(name).get(fn_key(name, path))
                if got is not None and got.context and tree_relative(got.path) not in self.paths:
                    return got
        return None

    def ops_named(self, field: str) -> list[str]:
        """The ops members named ``field`` (``struct uart_port.set_divisor`` for ``set_divisor``) any
        store knows, in order, each once."""
        return list(dict.fromkeys(m for s in self.stores for m in s.ops_named(field)))

    def impls(self, field: str, parts: bool = True) -> list[Impl]:
        """The functions stored in members named ``field`` of any struct, from every store (the
        parts analysed so far, the kernel model; not ``parts``: the model only), each function
        once: the first store's answer."""
        got = self._impl_memo.get((field, parts))
        if got is None:
            out: dict[tuple, Impl] = {}
            for s in self.stores:
                if parts or not isinstance(s, Overlay):
                    for i in s.impls(field):
                        out.setdefault((i.member, i.name, tree_relative(i.path)), i)
            got = self._impl_memo[(field, parts)] = list(out.values())
        return got

    def macros(self, name: str) -> list[Macro]:
        """The shared headers' function-like macros named ``name``, from the first store that has one."""
        for s in self.stores:
            got = s.macros(name)
            if got:
                return got
        return []


# -- the kernel model: SQLite ----------------------------------------------------------------------
_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE func (name TEXT NOT NULL, path TEXT NOT NULL, line INTEGER NOT NULL, exported INTEGER NOT NULL,
                   summary TEXT NOT NULL);
CREATE INDEX func_name ON func(name);
CREATE TABLE ops (member TEXT PRIMARY KEY, context TEXT NOT NULL, how TEXT NOT NULL, path TEXT NOT NULL,
                  line INTEGER NOT NULL);
CREATE TABLE macro (name TEXT NOT NULL, params TEXT NOT NULL, variadic TEXT NOT NULL, body TEXT NOT NULL,
                    path TEXT NOT NULL, line INTEGER NOT NULL);
CREATE INDEX macro_name ON macro(name);
CREATE TABLE impl (field TEXT NOT NULL, member TEXT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL,
                   line INTEGER NOT NULL, how TEXT NOT NULL, sleeps TEXT NOT NULL, dma TEXT NOT NULL);
CREATE INDEX impl_field ON impl(field);
"""


def _chain_text(s: Sleep) -> str:
    """``a() -> b() -> mutex_lock() [kernel/locking/mutex.c:283]`` for a sleep's witness chain."""
    if s.kind == "model":
        return s.what
    names = [st.message.removeprefix("calls ") for st in s.chain if st.kind == "call"]
    last = s.chain[-1] if s.chain else None
    inner = last.message.removesuffix(" may sleep") if last is not None and last.kind != "call" else ""
    where = f" [{tree_relative(last.loc.path)}:{last.loc.line}]" if last is not None else ""
    return " -> ".join(names + ([inner] if inner else [])) + where


#: the encoded summary of a function with nothing to say
_PLAIN = "{}"


def encode(e: External) -> str:
    return json.dumps(_fields(e), sort_keys=True, separators=(",", ":"))


def answer(e: External) -> str:
    """What a summary says to its callers: its encoding without the witnesses' texts. Two
    witnesses of one sleep give the callers the same findings (a run's chain that crosses into the
    model ends at the call, the model's at the sleep itself: ``... down_read() [kernel/notifier.c:387]
    [drivers/net/phy/phy_device.c:1583]`` against ``... down_read() [kernel/notifier.c:387]``), so a
    part is analysed again only for a different answer (6.12 drivers/: 32 of 34 parts were, for the
    witnesses alone)."""
    return json.dumps(_fields(e, witnesses=False), sort_keys=True, separators=(",", ":"))


def _fields(e: External, witnesses: bool = True) -> dict:
    """The summary as the model stores it; without ``witnesses``, the texts saying why (a chain,
    how a callback is run) are left out."""
    def chain(s: Sleep) -> str:
        return _chain_text(s) if witnesses else ""

    d: dict = {}
    if e.sleeps is not None:
        d["s"] = chain(e.sleeps)
    if e.params:
        d["p"] = {str(i): [k, chain(s)] for i, (k, s) in sorted(e.params.items())}
    if e.acquires:
        d["a"] = [list(k) for k in e.acquires]
    if e.releases:
        d["r"] = list(e.releases)
    if e.maybe:
        d["h"] = list(e.maybe)
    if e.returns:
        d["m"] = sorted({(o.family, o.via, tree_relative(o.loc.path), o.loc.line, o.detail) for o in e.returns})
    if e.frees:
        d["f"] = {str(i): sorted(w.base) for i, w in sorted(e.frees.items())}
    if e.dma:
        d["d"] = {str(i): sorted(w.base) for i, w in sorted(e.dma.items())}
    if e.callbacks:
        d["c"] = {str(i): list(v) if witnesses else [v[0]] for i, v in sorted(e.callbacks.items())}
    if e.invokes:
        d["i"] = {str(i): v if witnesses else "" for i, v in sorted(e.invokes.items())}
    if e.puts is not None:
        d["u"] = chain(e.puts)
    if e.after:
        d["b"] = [[list(k) for k in e.after[0]], chain(e.after[1])]
    if e.gfp:
        d["g"] = list(e.gfp)
    if e.arity > 0:
        d["n"] = e.arity
    if e.conj:  # drivers/usb/core/usb.c usb_alloc_coherent(): ``if (!dev || !dev->bus) return NULL;``
        # then hcd_buffer_alloc() with its gfp mask: a pointer that is not NULL and a mask that sleeps
        d["j"] = sorted([[list(t) for t in tests], chain(sl)] for tests, sl in e.conj)
    if e.stores:
        d["w"] = sorted(list(t) for t in e.stores)
    return d


def _decode(name: str, path: str, line: int, exported: int, text: str) -> External:
    d = json.loads(text)
    where = f"{path}:{line}"

    def sleep(chain: str) -> Sleep:
        return Sleep(chain or f"{name}() [{where}]", (), "model")

    return External(
        name, path, line, bool(exported),
        sleeps=sleep(d["s"]) if "s" in d else None,
        params={int(i): (k, sleep(c)) for i, (k, c) in d.get("p", {}).items()},
        acquires=tuple(tuple(k) for k in d.get("a", ())),
        releases=tuple(d.get("r", ())),
        maybe=tuple(d.get("h", ())),
        returns=frozenset(Origin(f, via, Loc(p, ln, 1), (), detail) for f, via, p, ln, detail in d.get("m", ())),
        frees={int(i): Wrapped(int(i), frozenset(b)) for i, b in d.get("f", {}).items()},
        dma={int(i): Wrapped(int(i), frozenset(b)) for i, b in d.get("d", {}).items()},
        callbacks={int(i): tuple(v) for i, v in d.get("c", {}).items()},
        invokes={int(i): v for i, v in d.get("i", {}).items()},
        model=True,
        puts=sleep(d["u"]) if "u" in d else None,
        after=(tuple(tuple(k) for k in d["b"][0]), sleep(d["b"][1])) if "b" in d else (),
        gfp=tuple(d.get("g", ())),
        arity=d.get("n", 0),
        conj=tuple((tuple((int(ti), k) for ti, k in tests), sleep(c)) for tests, c in d.get("j", ())),
        stores=frozenset(tuple(t) for t in d.get("w", ())),
    )


class KernelModel:
    """A kernel model database, opened read-only and queried by name."""

    #: built from a whole kernel tree: a function it lacks is not the kernel's (``Externals.whole_kernel``)
    whole_kernel = True

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error as e:
            raise ModelError(f"{self.path}: not a kmemlint kernel model ({e})") from None
        if meta.get("schema") != str(SCHEMA_VERSION):
            raise ModelError(f"{self.path}: kernel model of schema {meta.get('schema', '?')}, this kmemlint "
                             f"reads schema {SCHEMA_VERSION}; rebuild it with `kmemlint model build`")
        self.meta = meta
        self._cache: dict[str, list[External]] = {}
        self._ops: dict[str, OpsContext | None] = {}
        self._fn: dict[str, dict[str, OpsContext]] | None = None  # atomic_callers()
        self._macros: dict[str, list] = {}  # rows, memoised by _optional()
        self._impls: dict[str, list] = {}

    def _optional(self, memo: dict, key: str, sql: str) -> list:
        """The rows of a query on a table a model written before it existed lacks (then none),
        memoised per key."""
        got = memo.get(key)
        if got is None:
            try:
                got = memo[key] = self._db.execute(sql, (key,)).fetchall()
            except sqlite3.Error:
                got = memo[key] = []
        return got

    def macros(self, name: str) -> list[Macro]:
        """The shared headers' function-like macros of that name."""
        rows = self._optional(self._macros, name, "SELECT name, params, variadic, body, path, line FROM macro "
                                                  "WHERE name = ? ORDER BY path, line")
        return [Macro(n, tuple(p.split(",")) if p else (), v, b, Loc(path, line, 1)) for n, p, v, b, path, line in rows]

    def candidates(self, name: str) -> list[External]:
        got = self._cache.get(name)
        if got is None:
            rows = self._db.execute("SELECT name, path, line, exported, summary FROM func WHERE name = ? "
                                    "ORDER BY path, line", (name,)).fetchall()
            got = self._cache[name] = [_decode(*r) for r in rows]
        return got

    def op(self, member: str) -> OpsContext | None:
        if member not in self._ops:
            row = self._db.execute("SELECT member, context, how, path, line FROM ops WHERE member = ?",
                                   (member,)).fetchone()
            self._ops[member] = OpsContext(*row) if row else None
        return self._ops[member]

    def atomic_callers(self, name: str) -> dict[str, OpsContext]:
        """The atomic-context calls the model saw of each global function named ``name``, by
        fn_key() (all of them read at once: a run asks for each of its global functions)."""
        if self._fn is None:
            self._fn = {}
            for row in self._db.execute("SELECT member, context, how, path, line FROM ops WHERE member GLOB 'fn:*'"):
                self._fn.setdefault(row[0][3:].split("@", 1)[0], {})[row[0]] = OpsContext(*row)
        return self._fn.get(name, {})

    def ops_named(self, field: str) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT member FROM ops WHERE member GLOB ? AND member NOT GLOB 'fn:*' "
                                               "ORDER BY member", (f"*.{field}",))]

    def impls(self, field: str) -> list[Impl]:
        """Implementations stored in members named ``field``."""
        return [Impl(*r) for r in self._optional(self._impls, field, "SELECT member, name, path, line, how, sleeps, dma "
                                                 "FROM impl WHERE field = ? ORDER BY member, path, line, name")]

    def counts(self) -> dict[str, int]:
        q = self._db.execute
        return {"functions": q("SELECT COUNT(DISTINCT name) FROM func").fetchone()[0],
                "definitions": q("SELECT COUNT(*) FROM func").fetchone()[0],
                "sleeping": q("SELECT COUNT(DISTINCT name) FROM func WHERE summary LIKE '%\"s\":%' "
                              "OR summary LIKE '%\"p\":%'").fetchone()[0],
                "ops members": q("SELECT COUNT(*) FROM ops WHERE context != '' AND member NOT GLOB 'fn:*'").fetchone()[0],
                "atomic callers": q("SELECT COUNT(*) FROM ops WHERE member GLOB 'fn:*'").fetchone()[0]}

    def close(self) -> None:
        self._db.close()


def fingerprint(exported: Iterable[External], ops: Iterable[OpsContext], impls: Iterable[Impl] = ()) -> str:
    """A stable digest of exported summaries (for the keys of results that depend on them)."""
    import hashlib

    h = hashlib.sha256()
    for line in sorted(f"{e.name}\0{e.path}\0{e.line}\0{encode(e)}" for e in exported):
        h.update(line.encode("utf-8", "surrogateescape") + b"\n")
    for o in sorted(ops):
        h.update(repr(tuple(o)).encode("utf-8", "surrogateescape"))
    for i in sorted(impls):
        h.update(repr(tuple(i)).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def identity(model: KernelModel | None) -> str:
    """What stored results depend on of the model: its path, size and modification time."""
    if model is None:
        return "none"
    try:
        st = os.stat(model.path)
    except OSError:
        return model.path
    return f"{model.path}:{st.st_size}:{st.st_mtime_ns}"


def shipped_model() -> Path | None:
    """The model the wheel ships (Linux 6.12), if installed."""
    p = Path(__file__).resolve().parent.parent / "data" / "kernel-model.sqlite"
    return p if p.is_file() else None


def open_model(choice: str | None) -> KernelModel | None:
    """``choice``: a path, "none", or None for the shipped model."""
    if choice == "none":
        return None
    if choice is None:
        p = shipped_model()
        return KernelModel(p) if p is not None else None
    if not os.path.isfile(choice):
        raise ModelError(f"{choice}: no such kernel model file")
    return KernelModel(choice)


#: the names a macro body calls
_CALLED = re.compile(r"\b([A-Za-z_]\w*)\s*\(")


def macro_calls(macros: list[Macro]) -> dict[int, set[str]]:
    """id(macro) -> the names its body calls (``shared_macros()``; computed once per build), with
    the functions it hands to a macro that calls that parameter: include/linux/regmap.h
    ``devm_regmap_init_mmio_clk(...)`` is ``__regmap_lockdep_wrapper(__devm_regmap_init_mmio_clk,
    ...)``, whose body calls ``fn(__VA_ARGS__, ...)``."""
    bodies = {id(m): set(_CALLED.findall(m.body)) for m in macros}
    calls_param: dict[str, set[int]] = {}
    for m in macros:
        calls_param.setdefault(m.name, set()).update(i for i, p in enumerate(m.params) if p in bodies[id(m)])
    out = {}
    for m in macros:
        names = bodies[id(m)] - {m.name}
        for inner in sorted(n for n in names if calls_param.get(n)):
            for args in _invocations(m.body, inner):
                names |= {args[i] for i in calls_param[inner] if i < len(args) and _IDENT.fullmatch(args[i])}
        out[id(m)] = names
    return out


_IDENT = re.compile(r"[A-Za-z_]\w*")


def _invocations(body: str, name: str) -> list[list[str]]:
    """The argument texts of each ``name(...)`` in a macro body."""
    out = []
    for m in re.finditer(rf"\b{re.escape(name)}\s*\(", body):
        end = balanced_end(body, m.end() - 1)
        out.append([a.strip() for a in split_top(body[m.end():end - 1])])
    return out


def shared_macros(macros: list[Macro], said: set[str], known: frozenset[str], locking: frozenset[str],
                  calls: dict[int, set[str]] | None = None) -> set[str]:
    """The names of the shared headers' macros worth expanding: those whose expansion calls a
    function the model or the knowledge says something of (``said``), or another such macro
    (read_poll_timeout() -> usleep_range(); devm_drm_dev_alloc() -> __devm_drm_dev_alloc()); not a
    name the knowledge describes (``known``), nor one whose expansion takes or drops a lock
    (``locking``: xa_lock() -> spin_lock(); cond_resched_lock(), which sleeps only after dropping
    the lock it is given). The analysis keeps its callers' context as one: a
    kernel function that drops its caller's xa_lock to allocate (lib/xarray.c __xas_nomem()) would
    then look as if it dropped an RCU read lock its caller holds too."""
    calls = calls if calls is not None else macro_calls(macros)
    # a macro that drops the lock it is given to reschedule (include/linux/sched.h
    # cond_resched_lock(): __might_resched(..., PREEMPT_LOCK_RESCHED_OFFSETS)) is a lock macro too
    locks = set(locking) | {m.name for m in macros if "PREEMPT_LOCK" in m.body}
    while True:  # macros that reach a lock function
        more = {m.name for m in macros if m.name not in locks and calls[id(m)] & locks}
        if not more:
            break
        locks |= more
    keep: set[str] = set()
    candidates = [m for m in macros if m.name not in known and m.name not in locks]
    while True:
        reach = said | keep  # (once per round: a model build asks with ~60,000 names said)
        more = {m.name for m in candidates if m.name not in keep and not calls[id(m)].isdisjoint(reach)}
        if not more:
            break
        keep |= more
    # and the macros they expand through that call a function they are handed
    # (__regmap_lockdep_wrapper(fn, name, ...) is ``fn(__VA_ARGS__, NULL, NULL)``)
    appliers = {m.name for m in candidates if set(m.params) & set(_CALLED.findall(m.body))}
    while True:
        more = {n for m in candidates if m.name in keep for n in calls[id(m)] & appliers} - keep
        if not more:
            return keep
        keep |= more


class ModelWriter:
    """Writes a model to ``path`` atomically: a temporary file in the same directory, renamed when
    complete, so an interrupted or failed build never leaves a partial model."""

    def __init__(self, path: str | Path, meta: dict[str, str]) -> None:
        self.path = Path(path)
        self.tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        self.meta = {"schema": str(SCHEMA_VERSION), **meta}
        self.rows: dict[tuple[str, str, int], str] = {}
        self.exported: dict[tuple[str, str, int], bool] = {}
        self.table = OpsTable()
        self.macros: list[Macro] = []
        self.known: frozenset[str] = frozenset()
        self.locking: frozenset[str] = frozenset()
        self.impls: dict[tuple[str, str, str, int], Impl] = {}

    def add_macros(self, macros: Iterable[Macro], known: Iterable[str], locking: Iterable[str]) -> None:
        """The shared headers' expandable macros; the names the knowledge already describes (a
        macro of such a name, spin_lock_irqsave(), is not stored: the knowledge answers for it),
        and of those, its lock functions (``shared_macros()``)."""
        self.macros += [m._replace(loc=m.loc._replace(path=tree_relative(m.loc.path))) for m in macros]
        self.known, self.locking = frozenset(known), frozenset(locking)

    def _macro_rows(self) -> list:
        keep = shared_macros(self.macros, {n for n, _, _ in self.rows} | self.known, self.known, self.locking)
        return sorted({(m.name, ",".join(m.params), m.variadic, m.body, m.loc.path, m.loc.line)
                       for m in self.macros if m.name in keep})

    def add(self, part: int, ext: Iterable[External], ops: Iterable[OpsContext], impls: Iterable[Impl] = ()) -> None:
        for e in ext:
            if any(t[1] < 0 for t in e.stores):
                # a store into an object of the function's own is keyed by a kernel struct's member
                # (``struct kmem_cache_cpu.freelist@mm/slub.c``), which no driver run reads: what
                # the model keeps is what a function stores into the objects its callers give it
                e = e._replace(stores=frozenset(t for t in e.stores if t[1] >= 0))
                if not e.kept():
                    continue
            k = (e.name, tree_relative(e.path), e.line)
            self.rows[k] = encode(e)
            self.exported[k] = e.exported
        self.table.put(part, [o._replace(path=tree_relative(o.path)) for o in ops])
        for i in impls:  # a part analysed again replaces its rows
            i = i._replace(path=tree_relative(i.path))
            self.impls[(i.member, i.name, i.path, i.line)] = i

    @property
    def ops(self) -> dict[str, OpsContext]:
        return self.table.merged()

    def _rows(self) -> list:
        """The rows to write: every function with something to say, and a plain exported one only
        beside another definition of its name (a configuration variant that says less). A function
        declaring parameters has its arity to say (``External.arity``): the model knows it does
        nothing that sleeps, and that a call with fewer arguments is of another function."""
        names: dict[str, int] = {}
        for (n, _, _), text in self.rows.items():
            names[n] = names.get(n, 0) + 1
        return [(n, p, ln, int(self.exported[(n, p, ln)]), text) for (n, p, ln), text in sorted(self.rows.items())
                if text != _PLAIN or names[n] > 1]

    def commit(self) -> None:
        """Write everything in a deterministic order (byte-reproducible from the same tree)."""
        try:
            if self.tmp.exists():
                self.tmp.unlink()
            db = sqlite3.connect(self.tmp)
            try:
                db.executescript("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF;" + _SCHEMA)
                db.executemany("INSERT INTO meta VALUES (?, ?)", sorted(self.meta.items()))
                db.executemany("INSERT INTO func VALUES (?, ?, ?, ?, ?)", self._rows())
                db.executemany("INSERT INTO ops VALUES (?, ?, ?, ?, ?)",
                               [tuple(o) for _, o in sorted(self.ops.items())])
                db.executemany("INSERT INTO macro VALUES (?, ?, ?, ?, ?, ?)", self._macro_rows())
                db.executemany("INSERT INTO impl VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(i.member.rsplit(".", 1)[-1], *i) for _, i in sorted(self.impls.items())])
                db.commit()
                db.execute("VACUUM")
            finally:
                db.close()
            os.replace(self.tmp, self.path)
        except (OSError, sqlite3.Error) as e:
            self.abort()
            raise ModelError(f"{self.path}: cannot write the kernel model: {getattr(e, 'strerror', None) or e}") from None
        except BaseException:  # interrupted while writing: no partial model
            self.abort()
            raise

    def abort(self) -> None:
        try:
            self.tmp.unlink()
        except OSError:
            pass


# -- what a part of the program exports ------------------------------------------------------------
def export(program) -> tuple[list[External], list[OpsContext], list[Impl]]:
    """The external summaries of a program's functions that code elsewhere can call (non-static
    functions, and every function of a header), the ops members it calls in atomic context, and
    the functions it stores in struct members (``export_impls``)."""
    from kmemlint.program.atomic import Analyzer
    from kmemlint.program.memsummary import Memory

    an = program.summary("atomic", Analyzer)
    mem = program.summary("memory", Memory)
    exported = {n for f in program.files for n in f.exports}
    out: list[External] = []
    for fn in program.functions():
        header = fn.path.endswith(".h")
        if fn.static and not header or header and program.yields(fn.path, fn.name):
            continue  # (the other configuration's variant of a function defined in a .c file)
        s = an.summary(fn)
        key = fid(fn)
        e = External(fn.name, fn.path, fn.loc.line, header or fn.name in exported,
                     s.sleeps, dict(s.params), tuple(s.acquires), tuple(s.releases),
                     mem.returns.get(key, frozenset()), dict(mem.free_wrappers.get(key, {})),
                     dict(mem.dma_wrappers.get(key, {})), dict(an.callback_params(fn)),
                     dict(an.invoked_params(fn)), puts=s.puts, after=s.after, conj=tuple(s.conj),
                     gfp=tuple(i for i, p in enumerate(fn.params) if p.type == "gfp_t" and not p.ptr),
                     arity=sum(1 for p in fn.params if p.name or p.ptr or p.type != "void"),  # (void): none
                     stores=mem.param_stores.get(key, frozenset()), maybe=tuple(s.maybe))
        if e.kept():
            out.append(e)
    return out, sorted([*an.atomic_members().values(), *an.atomic_callees().values()]), export_impls(program)


def export_impls(program) -> list[Impl]:
    """The functions a program stores in struct members, with whether each sleeps whatever its
    arguments (for calls through those members from elsewhere: atomic.Analyzer._shared_member)."""
    from kmemlint.program.atomic import Analyzer, own_releases
    from kmemlint.program.memsummary import Memory

    an = program.summary("atomic", Analyzer)
    mem = program.summary("memory", Memory)
    out: list[Impl] = []
    for member, targets in sorted(an.member_targets().items()):
        if not member.startswith(("struct ", "union ")):
            continue
        for t, how in targets:
            s = an.summary(t).sleeps
            out.append(Impl(member, t.name, t.path, t.loc.line, how, _chain_text(s) if s is not None else "",
                            mem.impl_dma(t)))
    for member, targets in sorted(program.summary("own-releases", own_releases).items()):
        for t, how in targets:  # an object's own release (``struct scsi_device.sdev_gendev:release``)
            s = an.summary(t).sleeps
            out.append(Impl(f"{member}:release", t.name, t.path, t.loc.line, how, _chain_text(s) if s is not None else ""))
    return out


def describe(model: KernelModel, name: str) -> str | None:
    """``kmemlint model show``: what the model knows of a function or ops member, with where."""
    if name.startswith(("struct ", "union ")):
        op = model.op(name)
        impls = [i for i in model.impls(name.rsplit(".", 1)[-1]) if i.member == name]
        if op is None and not impls:
            return None
        lines = []
        if op is not None and not op.context:  # a veto
            lines.append(f"{name}: not taken to run in atomic context: it {op.how}\n  at {op.path}:{op.line}")
        elif op is not None:
            lines.append(f"{name}: runs in atomic context ({op.context}): it {op.how}\n  at {op.path}:{op.line}")
        if impls:
            lines.append(f"{name}: {len(impls)} implementation(s) in the model"
                         f", {sum(1 for i in impls if i.sleeps)} of them may sleep")
            for i in impls:
                dma = "; ".join(f"argument {p.split(':')[0]} reaches {p.split(':')[1].replace(',', '() / ')}() for DMA"
                                for p in i.dma.split(";")) if i.dma else ""
                lines.append(f"  {i.name}() at {i.path}:{i.line}" + (f": may sleep: {i.sleeps}" if i.sleeps else "")
                             + (f"{';' if i.sleeps else ':'} {dma}" if dma else ""))
        return "\n".join(lines)
    lines = []
    for m in model.macros(name):
        calls = ", ".join(dict.fromkeys(c + "()" for c in _CALLED.findall(m.body) if c != m.name and c not in m.params
                                        and c not in ("if", "for", "while", "switch", "return", "sizeof", "typeof")))
        lines.append(f"{m.name}() is a macro at {m.loc.path}:{m.loc.line}; its expansion calls {calls}")
    for e in model.candidates(name):
        head = f"{e.name}() at {e.path}:{e.line}" + ("" if e.exported else " (not exported)")
        lines.append(head)
        if e.sleeps is not None:
            lines.append(f"  may sleep: {e.sleeps.what}")
        if e.puts is not None:
            lines.append(f"  may sleep when the reference it drops is the last: {e.puts.what}")
        if e.after:
            held = ", ".join(f"'{k[2]}'" for k in e.after[0])
            lines.append(f"  may sleep after releasing its caller's {held}: {e.after[1].what}")
        def when(i: int, kind: str) -> str:
            member, kind = kind[1:].split(" ", 1) if kind.startswith("@") else ("", kind)
            what = f"argument {i + 1}" + (f"'s member '{member}'" if member else "")
            return (f"{what} ({_KINDS.get(kind.split(':')[0], kind)}"
                    f"{': ' + kind.split(':', 1)[1] if ':' in kind else ''})")
        for i, (kind, s) in sorted(e.params.items()):
            lines.append(f"  may sleep depending on {when(i, kind)}: {s.what}")
        for tests, s in e.conj:
            lines.append(f"  may sleep depending on {' and '.join(when(i, k) for i, k in tests)}: {s.what}")
        for k in e.acquires:
            lines.append(f"  returns holding {k[0]} '{k[2]}'")
        for k in e.releases:
            lines.append(f"  ends its caller's {k[:-1]}-disabled section, if any" if k.endswith("?")
                         else f"  releases its caller's {k}")
        for k in e.maybe:
            lines.append(f"  returns holding a {k} on some paths (a conditional lock helper)")
        for o in sorted(e.returns):
            lines.append(f"  returns {o.family} memory from {o.via}() [{o.loc.path}:{o.loc.line}]")
        for i, w in sorted(e.frees.items()):
            lines.append(f"  frees argument {i + 1} with {', '.join(sorted(w.base))}()")
        for i, w in sorted(e.dma.items()):
            lines.append(f"  hands argument {i + 1} to DMA: {', '.join(sorted(w.base))}")
        for i, (ctx, how) in sorted(e.callbacks.items()):
            lines.append(f"  runs its function-pointer argument {i + 1} in atomic context ({ctx}): it {how}")
        for i, how in sorted(e.invokes.items()):
            lines.append(f"  runs its function-pointer argument {i + 1} in its caller's context: it {how}")
        for k, j, m in sorted(e.stores):
            lines.append(f"  stores argument {k + 1} in argument {j + 1}'s member '{m}'" if j >= 0
                         else f"  stores argument {k + 1} in {m.split('@', 1)[0]}")
    for _, op in sorted(model.atomic_callers(name).items()):  # (a function that does nothing of note is no row of its own)
        lines.append(f"{name}() at {op.member.split('@', 1)[1]} runs in atomic context ({op.context}): it {op.how}"
                     f"\n  at {op.path}:{op.line}")
    return "\n".join(lines) if lines else None


_KINDS = {"gfp": "a gfp mask that allows direct reclaim", "flag+": "when true", "flag-": "when false",
          "amount": "unless 0",
          "eq": "when equal to", "ne": "unless equal to", "bit": "when the flags have", "nbit": "when the flags lack",
          "nonnull": "unless NULL", "null": "when NULL"}


def same_answer(overlay: Overlay, model: KernelModel | None, name: str) -> bool:
    """Whether the kernel model says of ``name`` what the analysed files say (then the parts that
    called it before it was analysed already had the right answer). For a ``.member`` the model
    answers whenever there is one: its implementations are the whole kernel's (a run's later parts
    add leaf drivers' only), so only a model build takes such parts up again."""
    if model is None:
        return False
    if name.startswith("."):
        return True
    mine = {answer(e) for e in overlay.candidates(name)}
    return mine == {answer(e) for e in model.candidates(name)}

