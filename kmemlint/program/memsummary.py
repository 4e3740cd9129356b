"""Whole-program allocation provenance: the ``Resolver`` the local analysis (provenance.py) uses.

Computed once per run over every analysed file (``Program.summary("memory", Memory)``), as a
fixpoint over the call graph and the struct members:

- **wrapper allocators**: the origins a function returns (``foo_buf_alloc()`` returning
  ``vzalloc()`` memory is a vmalloc allocator), transitively;
- **struct members**: the union of the origins stored into ``struct foo_priv.buf`` anywhere
  (member keys come from typeinfo.py: tag, member and the file defining the struct), with the
  first store of something of unknown provenance (a parameter, an unknown call) kept as evidence;
- **wrapper releases / wrapper DMA sinks**: a function whose parameter reaches a release function
  (a DMA interface) becomes one for that parameter, transitively.

Every summary only grows, so the fixpoint re-analyses just the functions that call a function, or
read a member, whose summary changed. Origins carry the path they travelled (``Origin.path``) for
code flows; what the fixpoint compares is ``Origin.sig``, without the path.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kmemlint.frontend.cfg import ENTRY, EXIT, FALSE, Cfg, loop_heads
from kmemlint.frontend.facts import Assign, Call, Expr, FunctionFacts
from kmemlint.model import Loc
from kmemlint.program.provenance import (_TESTS, EMPTY, PARAM, STACK, STATIC, Origin, adopt, container, eval_plain,
                                         param_seed, replay, storage)
from kmemlint.program.exits import error_exits
from kmemlint.program.summaries import fid, tree_relative
from kmemlint.frontend.rewrite import type_argument
from kmemlint.program.typeinfo import TypeInfo, address_taken, display, member_targets, parse_type, value_name, values_used

MAX_ITERATIONS = 8
#: origins kept per family in one summary (the lowest locations): bounds the sets
PER_FAMILY = 2
_PSEUDO = (PARAM, STACK, STATIC)


@dataclass(frozen=True)
class Wrapped:
    """Argument ``arg`` of a call reaches the base interfaces ``base`` (release or DMA function
    names from the knowledge), through ``steps`` (for code flows, outermost first)."""

    arg: int
    base: frozenset[str]
    steps: tuple[tuple[Loc, str], ...] = ()
    #: the argument points to a member of what is freed (``kref_put(&obj->ref, release)``)
    container: bool = False
    #: the kmem_cache it is freed into (``cache_id``), when one known cache: a wrapper's too
    #: (drivers/usb/isp1760/isp1760-hcd.c qh_free(): kmem_cache_free(qh_cachep, qh))
    cache: str = ""
    #: the page order a page release frees (``page_order``: "0" for free_page(), the argument's
    #: text for free_pages()), when it is the release called
    order: str = ""

    def freed(self, args: tuple[Expr, ...]) -> Expr:
        """The expression of what is freed, among a call's arguments."""
        return container(args[self.arg]) if self.container else args[self.arg]


@dataclass
class MemberInfo:
    origins: frozenset[Origin] = EMPTY
    #: a store of memory of unknown provenance (parameter, unknown call), if any
    unknown: Loc | None = None
    stores: int = 0


@dataclass
class _Index:
    callees: frozenset[str]
    fields: frozenset[str]  # member names read
    sink_store: bool = False  # assigns a member named like a DMA buffer member (tx_buf...)
    #: the member keys read (typeinfo), found when a name of ``fields`` first matters
    keys: frozenset[str] | None = None


@dataclass
class DmaUse:
    """A buffer reaching a DMA interface: ``origins`` of the buffer, the base interfaces."""

    fn: FunctionFacts
    loc: Loc
    interface: str  # what the code calls: a function, or "struct spi_transfer.tx_buf"
    expr: Expr
    origins: frozenset[Origin]
    base: frozenset[str]
    steps: tuple[tuple[Loc, str], ...] = ()


@dataclass
class FreeUse:
    fn: FunctionFacts
    call: Call
    arg: int
    origins: frozenset[Origin]
    base: frozenset[str]
    steps: tuple[tuple[Loc, str], ...] = ()
    cache: str = ""  # kmem_cache_free() or a wrapper of it: the cache freed into
    freed: Expr | None = None  # what is freed, when not the argument itself (``obj`` of ``&obj->ref``)
    order: str = ""  # a page release: the order it frees (Wrapped.order)

    @property
    def expr(self) -> Expr:
        return self.freed if self.freed is not None else self.call.args[self.arg]


def _sigs(origins) -> frozenset:
    return frozenset(o.sig for o in origins)


def cap(origins) -> frozenset[Origin]:
    """At most PER_FAMILY origins per family, the same ones on every run."""
    out, seen = [], {}
    for o in sorted(origins, key=lambda o: (o.family, o.loc, o.via, o.detail, len(o.path), o.path)):
        if seen.get((o.family, o.detail), 0) < PER_FAMILY and all(o.sig != p.sig for p in out):
            seen[(o.family, o.detail)] = seen.get((o.family, o.detail), 0) + 1
            out.append(o)
    return frozenset(out)


def _null(e: Expr) -> bool:
    e = e.strip()
    return e.kind == "const" and e.text in ("NULL", "0", "((void *)0)") or e.kind == "sizeof"


def page_order(entry, args: tuple[Expr, ...]) -> str:
    """The page order a page allocator or release (knowledge ``order``/``single``) takes: "0" for
    one page, else its order argument's text; "" when it has none."""
    if entry.single:
        return "0"
    return " ".join(args[entry.order].text.split()) if 0 <= entry.order < len(args) else ""


def must_pass(cfg: Cfg, nodes: set[int], tests_work: bool = True) -> bool:
    """Does every path from entry to exit pass one of ``nodes``, except paths that call nothing
    on the way (``if (!p) return;`` guards) and paths that skip a loop whose body holds them
    (drivers/fpga/xilinx-spi.c xilinx_spi_write(): ``while (fw_data < fw_data_end) { ...
    spi_write(spi, fw_data, stride); ... }`` has nothing to write for an empty buffer)? A function
    that frees its parameter only on some error path is not a release function. With
    ``tests_work`` false, calls in branch conditions are no work either:
    include/rdma/ib_verbs.h ib_dma_map_single() is ``if (ib_uses_virt_dma(dev)) return
    (uintptr_t)cpu_addr; return dma_map_single(...)``, a DMA interface whose other path only tests
    the device."""
    heads = loop_heads(cfg) if nodes else set()
    seen = {(ENTRY, False, False)}
    work = [(ENTRY, False, False)]
    while work:
        node, busy, fresh = work.pop()
        if node == EXIT:
            if busy:
                return False
            continue
        busy = busy or (tests_work or cfg.kinds[node] != "cond") and any(k == "call" for k, _ in cfg.events[node])
        for dst, label in cfg.succ[node]:
            if node in heads and fresh and label == FALSE and any(node < n < dst or dst == EXIT and n > node
                                                                  for n in nodes):
                continue  # the loop not entered: nothing to do (for an empty buffer, a zero count)
            state = (dst, busy, dst in heads and dst > node)
            if dst not in nodes and state not in seen:
                seen.add(state)
                work.append(state)
    return True


def _fields(e: Expr, out: list[Expr], depth: int = 0) -> None:
    """The member accesses in ``e``."""
    if depth > 12:
        return
    if e.kind == "field":
        out.append(e)
    for s in e.sub:
        _fields(s, out, depth + 1)


def _read_fields(fn: FunctionFacts) -> list[Expr]:
    """The member accesses in what ``fn`` reads: assigned and returned values, call arguments."""
    out: list[Expr] = []
    for a in fn.assigns:
        _fields(a.rhs, out)
    for r in fn.returns:
        if r.value is not None:
            _fields(r.value, out)
    for c in fn.calls:
        for arg in c.args:
            _fields(arg, out)
    return out


def _function_named(e: Expr) -> str:
    """The function an argument names, through casts (``(void (*)(void *))kfree``), else ""."""
    e = e.strip()
    if e.kind == "addr" and e.sub:
        e = e.sub[0].strip()
    return e.name if e.kind == "var" else ""


def _callbacks(fn: FunctionFacts, *tables) -> frozenset[str]:
    """The release callbacks ``fn`` hands to adopters or callback releases: their summaries decide
    what its calls adopt or free."""
    out = set()
    for c in fn.calls:
        a = next((t[c.callee] for t in tables if c.callee in t), None)
        if a is not None and 0 <= a.action < len(c.args):
            name = _function_named(c.args[a.action])
            if name:
                out.add(name)
    return frozenset(out)


def registered_only(program) -> dict[str, frozenset]:
    """The functions the program hands on or stores but never calls (a URB completion, a
    destructor, an ops table's members), each with where it is registered: the initialiser
    tables and the functions naming it (values_used()). Each runs with the object it was
    registered on; two registered together (one ops table, or one function registering both) may
    share objects."""
    called = {c.callee for fn in program.functions() for c in fn.calls}
    defined = {fn.name for fn in program.functions()}  # (not the variables handed on)
    return {n: w for n, w in program.summary("values-used", values_used).items() if n not in called and n in defined}


def _pointer_param(fn: FunctionFacts, e: Expr) -> int:
    """The index of the pointer parameter ``e`` names (through casts), else -1."""
    e = e.strip()
    if e.kind == "var":
        for i, p in enumerate(fn.params):
            if p.name == e.name and p.ptr:
                return i
    return -1


#: what a list, a tree or a kobject links its own way (``list_add_tail()`` storing ``new`` in
#: ``head->prev``): the knowledge's list adders say what a list holds; these links are no member a
#: driver's object is read back from
_LINKAGE = frozenset(("struct list_head", "struct hlist_head", "struct hlist_node", "struct rb_node",
                      "struct rb_root", "struct llist_node", "struct llist_head", "struct kobject"))


def _stores_of(program, fn: FunctionFacts, c: Call, found: dict, skip: frozenset = frozenset()) -> frozenset:
    """The parameter stores (param_stores()) of what call ``c`` in ``fn`` reaches: an analysed
    function's, or the kernel model's (earlier parts' too); none for a function the knowledge
    models itself (``skip``: list adders, driver data setters, adopters)."""
    if not c.callee or not c.args or c.callee in skip:
        return frozenset()
    t = program.lookup(c.callee, fn.path)
    if t is not None:
        return found.get(fid(t), frozenset())
    ext = program.external(c.callee, fn.path, len(c.args))
    return ext.stores if ext is not None else frozenset()


def _member_of(obj: Expr, name: str) -> Expr:
    """``obj->name``, the member a store through a parameter reaches in the caller's object."""
    return Expr("field", f"{obj.text}->{name}", name, (obj,))


def _modelled(program) -> frozenset:
    """The functions whose stores the knowledge says itself (_stores_of()'s ``skip``)."""
    k = program.knowledge.sections
    return frozenset(n for sec in ("list_entries", "drvdata", "adopters") for n in k.get(sec, {}))


def list_head(types, fn: FunctionFacts, e: Expr) -> str:
    """The list head ``e`` points to: a member's key (``&ssi->txqueue``, ``&tbl->hash[i]``), a
    global's name (``&ssip_list``), or "" for one kmemlint cannot name (a parameter, a local)."""
    e = e.strip()
    if e.kind == "addr" and e.sub:
        e = e.sub[0].strip()
    while e.kind == "index" and e.sub:
        e = e.sub[0].strip()
    if e.kind == "field":
        found = types.member(fn, e)
        return found[0] if found else ""
    if e.kind == "var" and e.name and fn.local(e.name) is None:
        return f"{e.name}@global"
    return ""


def list_adders(program) -> dict[str, tuple[int, int]]:
    """List adder -> (the argument pointing to the linking member of what it links, its list
    head's): rules/knowledge ``list_entries`` of role "add"."""
    return {n: (e.arg, e.head) for n, e in program.knowledge.sections.get("list_entries", {}).items() if e.role == "add"}


def list_link(types, fn: FunctionFacts, c: Call, link: int, head: int) -> tuple[Expr, tuple[str, str]] | None:
    """What list adder ``c`` links (argument ``link``, ``&tgt->queue``) and the entries keys it
    joins: those of ``struct ibmvfc_target.queue`` on any list and on the list of argument
    ``head`` (``&vhost->targets``; entries_key()); None when the argument names no member."""
    e = c.args[link].strip() if 0 <= link < len(c.args) else None
    field = e.sub[0].strip() if e is not None and e.kind == "addr" and e.sub else None
    if field is None or field.kind != "field" or not field.sub:
        return None
    found = types.member(fn, field)
    if found is None:
        return None
    named = (list_head(types, fn, c.args[head]) if 0 <= head < len(c.args) else "") or _UNNAMED
    return field.sub[0], (entries_key(found[0]), entries_key(found[0], named))


def _param_target(fn: FunctionFacts, types, lhs: Expr, k: int) -> set:
    """The parameter store ``lhs = <parameter k>`` makes: (k, j, member) into a member of what
    parameter ``j`` points to, (k, -1, member key) into a member of another object; none into a
    list's, a tree's or a kobject's own links (_LINKAGE)."""
    base = types.type_of(fn, lhs.sub[0]) if lhs.sub else None
    if base is not None and base[0] in _LINKAGE:
        return set()
    j = _pointer_param(fn, lhs.sub[0]) if lhs.text.replace(" ", "").endswith("->" + lhs.name) else -1
    if j >= 0:
        return {(k, j, lhs.name)} if j != k else set()
    found = types.member(fn, lhs)
    return {(k, -1, found[0])} if found is not None and not found[1].dims else set()


def param_stores(program) -> dict[tuple, frozenset]:
    """function -> what it stores of its pointer parameters into struct members, on some path:
    (value parameter, object parameter, member) for a member of the object another parameter
    points to (include/linux/usb.h usb_fill_bulk_urb(): ``urb->context = context``, (6, 0,
    "context")), (value parameter, -1, member key[, registered functions]) for a member of another
    object (rtw88 usb.c rtw_usb_write_port() hands its ``context`` to usb_fill_bulk_urb() for a URB
    it allocates), made for the registered functions handed on in the same call, when named there;
    also through the functions it calls with both, to a bounded depth (a callee's store into an
    object its caller gives it; one into an object of its own is its callers' only). A caller makes
    the store with its own
    arguments (Memory._call_stores()): what a URB completion reads from ``urb->context`` is what
    was handed to usb_fill_bulk_urb()."""
    types = program.summary("types", TypeInfo.of)
    adders = list_adders(program)
    skip = _modelled(program)
    registered = program.summary("registered-only", registered_only)
    found: dict[tuple, frozenset] = {}
    pending = []
    for fn in program.functions():
        if not any(p.ptr for p in fn.params):
            continue
        got: set = set()
        for a in fn.assigns:
            if a.op == "=" and a.lhs.kind == "field" and a.lhs.sub:
                k = _pointer_param(fn, a.rhs)
                if k >= 0:
                    got |= _param_target(fn, types, a.lhs, k)
        for c in fn.calls:  # ``list_add_tail(&cr->cr_list, &sess->cr_inactive_list)``, ``cr`` given:
            # (drivers/target/iscsi/iscsi_target_erl2.c) its callers add what they pass
            linked = list_link(types, fn, c, *adders[c.callee]) if c.callee in adders else None
            if linked is not None and (k := _pointer_param(fn, linked[0])) >= 0:
                got |= {(k, -1, key) for key in linked[1]}
        if got:
            found[fid(fn)] = frozenset(got)
        if any(c.args and c.callee for c in fn.calls):
            pending.append(fn)
    changed: set[str] | None = None  # (the first round asks of every call)
    for _ in range(3):  # (wrappers of wrappers)
        now: set[str] = set()
        for fn in pending:
            if changed is not None and not any(c.callee in changed for c in fn.calls):
                continue
            got = set(found.get(fid(fn), ()))
            for c in fn.calls:
                if not c.args or not c.callee:
                    continue
                for k, j, m, *_ in _stores_of(program, fn, c, found, skip):
                    kk = _pointer_param(fn, c.args[k]) if k < len(c.args) and j >= 0 else -1
                    # (only what a callee stores into its caller's objects is handed up: what it
                    # keeps in an object of its own, kfree() putting its argument on a slab's
                    # freelist, is no store of its callers' callers)
                    if kk >= 0 and j < len(c.args):
                        stored = _param_target(fn, types, _member_of(c.args[j], m), kk)
                        # into an object of fn's own, for the completions fn hands on with it
                        # (drivers/bluetooth/btusb.c btusb_submit_intr_urb(): usb_fill_int_urb(urb,
                        # ..., btusb_intr_complete, hdev)): its callers' store is for those only
                        owners = tuple(sorted(n for n in map(value_name, c.args) if n in registered))
                        got |= {t + (owners,) if t[1] < 0 and owners else t for t in stored}
            if len(got) > len(found.get(fid(fn), ())):
                found[fid(fn)] = frozenset(got)
                now.add(fn.name)
        if not now:
            break
        changed = now
    return found


def _list_names(fn: FunctionFacts, getters) -> frozenset[str]:
    """``node[]`` for each list linked through a member ``node`` that ``fn`` iterates or fetches an
    entry of (the names of its entries keys, as _Index.fields holds member names)."""
    names = [a.rhs.sub[-1].strip().name for a in fn.assigns if a.rhs.kind == "iterate" and a.rhs.sub]
    names += [c.args[-1].strip().name for c in fn.calls if c.callee in getters and len(c.args) >= 3]
    return frozenset(n + "[]" for n in names if n)


def entries_key(member_key: str, head: str = "") -> str:
    """The key of the objects linked into lists through a member: ``struct foo.node[]@path`` (on
    any list), ``...|HEAD`` (on the list whose head is the member or global ``HEAD``), ``...|?``
    (on a list kmemlint cannot name)."""
    name, at = member_key.split("@", 1)
    return f"{name}[]@{at}|{head}" if head else f"{name}[]@{at}"


_UNNAMED = "?"


def _linking(cursor: Expr, member: Expr) -> Expr:
    """``pos->member``: the linking member of a list iterator's cursor."""
    return Expr("field", f"{cursor.text}->{member.text}", member.strip().name, (cursor,))


def _union(contrib: dict, stores: list) -> MemberInfo:
    """What the ``stores`` (keys of ``contrib``: function -> (origins, unknown store, owners)) put
    into one member, together."""
    origins: set[Origin] = set()
    unknown = None
    for f in stores:
        o, u, _ = contrib[f]
        origins |= o
        if u is not None and (unknown is None or u < unknown):
            unknown = u
    return MemberInfo(cap(origins), unknown, len(stores))


def _put(stores: dict, key: str, origins, loc: Loc, where: str, unknown: bool) -> None:
    """Record a store into ``key`` made for no registered function (a driver data slot, a list's
    entries, an out parameter's member): ``origins``, having travelled ``where``; ``unknown``: a
    store of memory kmemlint cannot name."""
    entry = stores.setdefault(key, [set(), None, frozenset()])
    entry[2] = frozenset()
    entry[0] |= {o.via_path(loc, where, key) for o in origins}
    if unknown and entry[1] is None:
        entry[1] = loc


def _note_write(w: dict, member: str, origins) -> None:
    """Record that a function stores ``origins`` into ``member`` ("": the pointee itself) of the
    object a parameter points to; None once some store there is of memory it cannot name."""
    real = {o for o in origins if o.family not in _PSEUDO}
    known = w.get(member, EMPTY) is not None and real and len(real) == len(origins)
    w[member] = w.get(member, EMPTY) | real if known else None


def _member_name(key: str) -> str:
    return display(key).rsplit(".", 1)[1]


class Memory:
    """The whole-program resolver (provenance.Resolver) and the queries rules ask of it."""

    def __init__(self, program) -> None:
        self.program = program
        k = program.knowledge
        self.families = k.families
        self.allocators = k.allocators
        self.releases = k.releases
        dma = k["dma"]
        self.sinks = {n: s for n, s in dma.items() if not s.copies and "." not in n and s.args}
        self.member_sinks = {n: s for n, s in dma.items() if not s.copies and "." in n}
        self._reach: dict[tuple, bool] = {}
        self.types = program.summary("types", TypeInfo.of)
        self.returns: dict[tuple[str, str], frozenset[Origin]] = {}
        self.free_wrappers: dict[tuple[str, str], dict[int, Wrapped]] = {}
        self.dma_wrappers: dict[tuple[str, str], dict[int, Wrapped]] = {}
        #: function -> pointer parameter -> member -> origins it stores there (``p->buf = x``)
        self.param_writes: dict[tuple[str, str], dict[int, dict[str, frozenset[Origin]]]] = {}
        self._contrib: dict[str, dict[tuple[str, str], tuple[frozenset[Origin], Loc | None]]] = {}
        self._members: dict[str, MemberInfo] = {}
        #: member key -> registered function -> what it reads through its own parameter
        #: (own_member_info()); the keys some store is made for registered functions (_owners())
        self._own_views: dict[str, dict[tuple, MemberInfo]] = {}
        self._own_keys: set[str] = set()
        self._registered = program.summary("registered-only", registered_only)
        self._registers: dict[tuple, dict[str, set[str]]] = {}
        drv = k.sections.get("drvdata", {})
        self.drvdata = drv
        self.adopters = k.sections.get("adopters", {})
        #: (not put_device()'s kind, whose release the object's type chooses: program/atomic.py)
        self.callback_releases = {n: cb for n, cb in k.sections.get("callback_releases", {}).items()
                                  if cb.action >= 0}
        self.stored_entries = k.sections.get("stored_entries", {})
        lists = k.sections.get("list_entries", {})
        self.list_adders = list_adders(program)
        #: list function -> its list head's argument (adders, getters, splices)
        self._list_heads = {n: e.head for n, e in lists.items() if e.head >= 0}
        self._splices = frozenset(n for n, e in lists.items() if e.role == "splice")
        #: list head -> the lists some splice moves onto it ("": one kmemlint cannot name)
        self._spliced: dict[str, set[str]] = {}
        self._read_keys: dict[tuple[str, str], tuple[str, ...]] = {}  # _entries_read(), once per list
        #: what returns a list's entries (the loop iterators are the facts' ``iterate`` expressions)
        self._list_getters = frozenset(n for n, e in lists.items() if e.role == "get")
        self.firmware = k.sections.get("firmware_strings", {})
        #: ``struct S.member`` -> [(function, how)]: the functions the program stores in members
        self.member_impls = program.summary("member-targets", member_targets)
        #: function -> the parameters it stores into members of others' objects (param_stores())
        self.param_stores = program.summary("param-stores", param_stores)
        self._modelled = _modelled(program)
        self._drv_getters = {n for n, d in drv.items() if d.role == "get"}
        #: families whose memory lives inside another object (netdev_priv()): followed through
        #: locals and returns only; a member or driver data slot holding it is shared with other
        #: drivers' objects too often to tell them apart (mlx5e_priv.ppriv: netdev_priv() in ipoib,
        #: kvzalloc() in en_rep)
        self._unstored = _PSEUDO + tuple(d.family for d in drv.values() if d.role == "inside")
        self._hot_names = (set(self.allocators) | set(self.releases) | set(self.sinks) | set(self.adopters)
                           | set(self.callback_releases)
                           | {n for n, d in drv.items() if d.role != "get"})
        #: members whose origins are not empty (keys, and their member names as a cheap first test)
        self._hot_members: set[str] = set()
        self._hot_member_names: set[str] = set()
        #: members some code tests with is_vmalloc_addr(): the driver copes with both kinds
        self.vmalloc_tested: set[str] = set()
        self.iterations = 0
        #: member key -> member_dma(), once the fixpoint has settled the implementations' DMA
        self._member_dma: dict[str, dict[int, Wrapped]] | None = None
        self._solve()
        self._member_dma = {}
        #: (paths or None, "free" | "dma") -> the uses (free_uses(), dma_uses())
        self._uses: dict[tuple[frozenset[str] | None, str], list] = {}

    def never_rodata(self, fn: FunctionFacts, e: Expr) -> bool:
        """Whether the string ``e`` cannot lie in the kernel's .rodata, so that kstrdup_const()
        copies it: a local array (a stack buffer), a firmware string (``firmware_strings``: the
        pointer a property reader stored through ``&e``, or such a member), or memory of an
        allocator (``kasprintf()`` above it)."""
        e = e.strip()
        if e.kind == "field":
            return f"{self.types.base_tag(fn, e)}.{e.name}" in self.firmware
        if e.kind != "var":
            return False
        v = fn.local(e.name)
        if v is not None and v.is_array and not v.static and v in fn.locals:
            return True
        for c in fn.calls:
            r = self.firmware.get(c.callee)
            if r is not None and 0 <= r.arg < len(c.args):
                out = c.args[r.arg].strip()
                if out.kind == "addr" and out.sub and out.sub[0].strip().kind == "var" \
                        and out.sub[0].strip().name == e.name:
                    return True
        sets = [x.rhs.strip() for x in fn.assigns if x.lhs.kind == "var" and x.lhs.name == e.name]
        return bool(sets) and all(x.kind == "call" and x.name in self.allocators
                                  and not self.allocators[x.name].keeps >= 0 for x in sets)

    # -- Resolver ------------------------------------------------------------------------------
    def call(self, fn: FunctionFacts, name: str, loc: Loc, args: tuple[Expr, ...] = (),
             dest: Expr | None = None) -> frozenset[Origin]:
        a = self.allocators.get(name)
        if a is not None:
            detail = self.cache_id(fn, args[0]) if a.family == "kmem_cache" and args else page_order(a, args)
            family = a.copied if 0 <= a.keeps < len(args) and self.never_rodata(fn, args[a.keeps]) else a.family
            return frozenset((Origin(family, name, loc, (), detail, "", self._made_for(fn, dest)),))
        d = self.drvdata.get(name)
        if d is not None:
            if d.role == "inside":
                return frozenset((Origin(d.family, name, loc),))
            key = self.drvdata_key(fn, d.slot, dest) if d.role == "get" and dest is not None else ""
            if not key:
                return EMPTY
            return frozenset(o.via_path(loc, f"fetched back by {name}() in {fn.name}()", key)
                             for o in self.member_info(key).origins)
        if name in self.stored_entries:  # an entry the caller stored: not the container's memory
            return EMPTY
        if name in self._list_getters and len(args) >= 3:  # list_first_entry(head, struct foo, node)
            return self._entries(fn, self._got_link(fn, args), loc, self._got_head(fn, name, args))
        t = self.program.lookup(name, fn.path)
        if t is None:
            ext = self.program.external(name, fn.path)
            r = ext.returns if ext is not None else None
        else:
            r = self.returns.get(fid(t))
        if not r:
            return EMPTY
        return frozenset(o.via_path(loc, f"{name}() returns memory from {o.via}()") for o in r)

    def member(self, fn: FunctionFacts, e: Expr, dest: Expr | None = None) -> frozenset[Origin]:
        if e.kind == "iterate":  # list_for_each_entry(pos, head, member): the list's entries
            return self._entries(fn, self._iterated_link(fn, e), None, self._head(fn, e.sub[-2]))
        found = self.types.member(fn, e)
        if found is None:
            return EMPTY
        key, decl = found
        base = e.sub[0].strip()
        if decl.dims:  # an array member lives inside the object: &local.buf[0] is on the stack
            return storage(fn, Expr("addr", e.text, "", (e,)), self.global_var) if base.kind in ("var", "field", "index") else EMPTY
        if key in self._own_keys and self._own_object(fn, base):
            got = self.own_member_info(key, fn).origins
        else:
            got = self.member_info(key).origins
        if got and dest is not None and (decl.ptr == 1 or not decl.type):
            # (a reader of a ``void *`` member, or of one of a header not given, gets what was
            # allocated as its own type: ssi_protocol.c's struct hsi_msg.context holds a socket
            # buffer in data messages and a data message in commands)
            want = self._made_for(fn, dest)
            if want.startswith("struct "):
                kept = frozenset(o for o in got if self._may_be(fn, o.type, want))
                # narrowed only to objects known to be of its type: what was allocated untyped
                # (``void *p = kmalloc()``) may be anything, and struct file.private_data's
                # untyped page buffers are no eventfd_ctx (the whole mix stays a mix)
                if len(kept) < len(got) and all(o.type not in ("", "void") for o in kept):
                    return kept
        return got

    def _made_for(self, fn: FunctionFacts, dest: Expr | None) -> str:
        """What a pointer assigned or cast to ``dest`` points to (``struct foo``, ``char``,
        ``void``), "" if unknown."""
        t = self.types.type_of(fn, dest) if dest is not None else None
        return t[0] if t is not None and t[1] == 1 else ""

    def _may_be(self, fn: FunctionFacts, made: str, want: str) -> bool:
        """Whether an object allocated as ``made`` may be read back through a ``void *`` as a
        ``want``: the same struct, an unknown one, or one the other begins with, as far as the
        analysed files show (``struct foo { struct bar base; ...}``: a pointer to either is a
        pointer to both)."""
        if made in ("", "void") or made == want:
            return True
        for outer, inner in ((made, want), (want, made)):
            found = self.types.struct(outer, fn.path)
            first = found[1].members[0] if found is not None and found[1].members else None
            if first is not None and not first.ptr and not first.dims and parse_type(first.type)[0] == inner:
                return True
        return False

    def writes(self, fn: FunctionFacts, name: str, arg: int) -> dict[str, frozenset[Origin]] | None:
        t = self.program.lookup(name, fn.path)
        got = self.param_writes.get(fid(t)) if t is not None else None
        return got.get(arg) if got else None

    def adopts(self, fn: FunctionFacts, c: Call) -> tuple[int, str] | None:
        a = self.adopters.get(c.callee)
        if a is None or a.data >= len(c.args):
            return None
        if a.action >= 0:
            action = _function_named(c.args[a.action]) if a.action < len(c.args) else ""
            if not action or self._param_release(fn, action, a.param) is None:
                return None
        return a.data, a.family

    def _param_release(self, fn: FunctionFacts, name: str, param: int) -> Wrapped | None:
        """How function ``name`` frees its parameter ``param``, if it does."""
        r = self.releases.get(name)
        if r is not None:
            return Wrapped(param, frozenset((name,))) if r.arg == param else None
        w = self._wrapped(fn, name, self.free_wrappers, "frees")
        return w.get(param) if w else None

    def global_var(self, fn: FunctionFacts, name: str):
        return self.types.global_var(fn.path, name)

    # -- queries -------------------------------------------------------------------------------
    def member_info(self, key: str) -> MemberInfo:
        m = self._members.get(key)
        if m is None:
            contrib = self._contrib.get(key, {})
            m = self._members[key] = _union(contrib, sorted(contrib))
        return m

    def _got_link(self, fn: FunctionFacts, args: tuple[Expr, ...]) -> str:
        """The linking member key of a list getter's entries (``struct foo, node``), or ""."""
        t = args[-2].strip()
        tag = type_argument(t.name) if t.kind == "var" else ""
        found = self.types.member_of(tag, args[-1].strip().name, fn.path) if tag else None
        return found[0] if found else ""

    def _iterated_link(self, fn: FunctionFacts, e: Expr) -> str:
        """The linking member key of a list iterator's cursor (``pos->member``), or ""."""
        found = self.types.member(fn, _linking(e.sub[0], e.sub[-1]))
        return found[0] if found else ""

    def _got_head(self, fn: FunctionFacts, name: str, args: tuple[Expr, ...]) -> str:
        """The list head a list getter reads (``list_first_entry(&ssi->txqueue, ...)``), or "":
        ``list_entry(ptr, ...)`` names an entry, not its list."""
        i = self._list_heads.get(name, -1)
        return self._head(fn, args[i]) if 0 <= i < len(args) else ""

    def _head(self, fn: FunctionFacts, e: Expr) -> str:
        return list_head(self.types, fn, e)

    def _entries_read(self, member_key: str, head: str) -> tuple[str, ...]:
        """The entries keys a read of the list ``head`` linked through ``member_key`` sees: its own,
        those of the lists spliced onto it, and those added to lists kmemlint cannot name; every
        list's where it cannot name the head or a list spliced onto it."""
        if not member_key:
            return ()
        got = self._read_keys.get((member_key, head))
        if got is None:
            heads, todo = {head}, [head]
            while todo and all(todo):
                for src in self._spliced.get(todo.pop(), ()):
                    if src not in heads:
                        heads.add(src)
                        todo.append(src)
            got = self._read_keys[(member_key, head)] = (
                (entries_key(member_key),) if "" in heads else
                tuple(entries_key(member_key, h) for h in sorted(heads)) + (entries_key(member_key, _UNNAMED),))
        return got

    def _list_reads(self, fn: FunctionFacts) -> list[str]:
        """The entries keys ``fn`` reads: its loop iterators' and list getters' lists."""
        keys = [k for a in fn.assigns if a.rhs.kind == "iterate"
                for k in self._entries_read(self._iterated_link(fn, a.rhs), self._head(fn, a.rhs.sub[-2]))]
        keys += [k for c in fn.calls if c.callee in self._list_getters and len(c.args) >= 3
                 for k in self._entries_read(self._got_link(fn, c.args), self._got_head(fn, c.callee, c.args))]
        return keys

    def _entries(self, fn: FunctionFacts, member_key: str, loc: Loc | None, head: str) -> frozenset[Origin]:
        """The objects added through the member ``member_key`` to the list ``head`` (list_entries)."""
        how = f"taken from a list linked through {display(member_key)} in {fn.name}()"
        return frozenset(o.via_path(loc, how, key) if loc is not None else o
                         for key in self._entries_read(member_key, head)
                         for o in self.member_info(key).origins)

    def own_member_info(self, key: str, fn: FunctionFacts) -> MemberInfo:
        """What a registered function reads from a member of the object it runs with (its own
        parameter, ``urb->context`` in a URB completion): the member's stores, less those made
        for other registered functions (``_owners()``) not registered together with it.
        rtl8187's RX completion re-arms its URB with an skb (``urb->context = skb``): the
        asynchronous register write's completion, registered on other URBs, frees its kmalloc()
        context with kfree(). ssi_protocol's ssip_xmit() stores a message into the context of the
        message whose destructor it makes ssip_free_strans(): ssip_free_data() frees socket
        buffers. An hci_uart_proto's open() and close() share their object (one table)."""
        views = self._own_views.setdefault(key, {})
        me = fid(fn)
        m = views.get(me)
        if m is None:
            contrib = self._contrib.get(key, {})
            mine = self._registered.get(fn.name, frozenset())
            m = views[me] = _union(contrib, [
                f for f in sorted(contrib) if not contrib[f][2] or fn.name in contrib[f][2]
                or any(mine & self._registered.get(g, frozenset()) for g in contrib[f][2])])
        return m

    def _owners(self, fn: FunctionFacts, base: Expr) -> frozenset[str]:
        """The registered functions a store into a member of ``base`` is made for: ``fn`` itself
        when ``base`` is the object it runs with (_own_object()), the functions ``fn`` stores into
        another member of the same object (``msg->destructor = ssip_free_strans; msg->context =
        dmsg;``); empty when none."""
        if self._own_object(fn, base):
            return frozenset((fn.name,))
        registers = self._registers.get(fid(fn))
        if registers is None:  # (once per function: object text -> what it registers there)
            registers = self._registers[fid(fn)] = {}
            for a in fn.assigns:
                name = value_name(a.rhs) if a.lhs.kind == "field" and a.lhs.sub else None
                if name in self._registered:
                    registers.setdefault(" ".join(a.lhs.sub[0].text.split()), set()).add(name)
            for c in fn.calls:  # usb_fill_bulk_urb(urb, ..., complete, context): registers on urb
                names = self._handed(c)
                if names:
                    for _, j, *_ in _stores_of(self.program, fn, c, self.param_stores, self._modelled):
                        if 0 <= j < len(c.args):
                            registers.setdefault(" ".join(c.args[j].text.split()), set()).update(names)
        return frozenset(registers.get(" ".join(base.text.split()), ()))

    def _handed(self, c: Call) -> frozenset[str]:
        """The registered functions a call hands on (``usb_fill_bulk_urb(..., done, ctx)``)."""
        return frozenset(n for n in map(value_name, c.args) if n in self._registered)

    def _own_object(self, fn: FunctionFacts, base: Expr) -> bool:
        """Whether ``base`` is a pointer parameter of a registered-only function, never assigned
        there: the object the function was registered on."""
        if base.kind != "var" or fn.name not in self._registered:
            return False
        p = next((p for p in fn.params if p.name == base.name), None)
        return p is not None and p.ptr > 0 and not any(
            a.lhs.kind == "var" and a.lhs.name == base.name for a in fn.assigns)

    def drvdata_key(self, fn: FunctionFacts, slot: str, e: Expr) -> str:
        """The driver data slot a pointer of ``e``'s type goes to: ``struct foo.<drvdata>@path``
        (keyed by the struct, and the file defining it, so two drivers keep apart; for a struct
        defined in no analysed file, by the file using it, as typeinfo keys its members); "" when
        ``e`` is not a pointer to a struct or union, or its struct is ambiguous."""
        t = self.types.type_of(fn, e)
        if t is None or t[1] != 1 or not t[0].startswith(("struct ", "union ")):
            return ""
        found = self.types.struct(t[0], fn.path)
        if found is None:  # ambiguous: no slot; not given (struct snd_soc_card): the file's own
            return "" if self.types.defined(t[0]) else f"{t[0]}.<{slot}>@?{fn.path}"
        return f"{t[0]}.<{slot}>@{found[0].split('@', 1)[1]}"

    def cache_id(self, fn: FunctionFacts, e: Expr) -> str:
        """The normalised kmem_cache expression: a global's name or a member key; "" if unknown."""
        e = e.strip()
        if e.kind == "var":
            local = fn.local(e.name)
            return e.name if local is None and self.types.global_var(fn.path, e.name) is not None else ""
        if e.kind == "field":
            found = self.types.member(fn, e)
            return display(found[0]) if found is not None else ""
        return ""

    def frees_at(self, fn: FunctionFacts, c: Call) -> list[Wrapped]:
        r = self.releases.get(c.callee)
        if r is not None:
            cache = self.cache_id(fn, c.args[0]) if c.callee == "kmem_cache_free" and c.args else ""
            return [Wrapped(r.arg, frozenset((c.callee,)), cache=cache, order=page_order(r, c.args))]
        cb = self.callback_releases.get(c.callee)
        if cb is not None:
            action = _function_named(c.args[cb.action]) if cb.action < len(c.args) else ""
            base = self._param_release(fn, action, cb.param) if action else None
            if base is None:
                return []
            counted = frozenset((c.callee,)) if cb.counted else frozenset()  # the model keeps it too
            return [Wrapped(cb.object, base.base | counted, ((c.loc, f"{c.callee}() calls {action}()"),) + base.steps,
                            container=True)]
        w = self._wrapped(fn, c.callee, self.free_wrappers, "frees")
        return [w[i] for i in sorted(w)] if w else []

    def dma_at(self, fn: FunctionFacts, c: Call) -> list[Wrapped]:
        s = self.sinks.get(c.callee)
        if s is not None:
            return [Wrapped(i, frozenset((c.callee,))) for i in s.args]
        if c.callee in self.releases:  # mm/slab_common.c kfree_sensitive() -> ksize() -> virt_to_page():
            return []                  # finding the slab of what it frees is no DMA
        w = self._wrapped(fn, c.callee, self.dma_wrappers, "dma") if c.callee else self.member_dma(fn, c)
        return [w[i] for i in sorted(w)] if w else []

    def member_key(self, fn: FunctionFacts, c: Call) -> str:
        """``struct S.member`` of a call through a member whose struct type is known, else ""."""
        e = c.callee_expr
        return "" if c.callee or e is None or e.kind != "field" else self.types.member_key(fn, e)

    def member_dma(self, fn: FunctionFacts, c: Call) -> dict[int, Wrapped]:
        """A call through an ops member (``hdev->ll_driver->raw_request(hdev, n, buf, ...)``): the
        arguments that a function stored in that member hands to a DMA interface, as the analysed
        files' own functions do (this fixpoint) or the kernel model's (``Impl.dma``). One such
        implementation is enough: the buffer must be DMA-able for every transport the core may
        dispatch to (usbhid's usbhid_raw_request() hands it to usb_control_msg(); i2c-hid copies)."""
        key = self.member_key(fn, c)
        if self._member_dma is not None and key in self._member_dma:
            return self._member_dma[key]
        impls = self.member_impls.get(key, ()) if key else ()
        short = key.removeprefix("struct ").removeprefix("union ")
        out: dict[int, Wrapped] = {}
        for t, _ in sorted(impls, key=lambda th: (th[0].path, th[0].loc.line)):
            for i, w in sorted(self.dma_wrappers.get(fid(t), {}).items()):
                out.setdefault(i, Wrapped(i, w.base, ((t.loc, f"{short} may be {t.name}()"),) + w.steps))
        ext = self.program.externals
        if key and ext is not None:
            seen = {(t.name, tree_relative(t.path)) for t, _ in impls}
            for im in ext.impls(key.rsplit(".", 1)[-1]):
                if im.member != key or not im.dma or (im.name, tree_relative(im.path)) in seen:
                    continue
                for part in im.dma.split(";"):
                    i, bases = part.split(":", 1)
                    out.setdefault(int(i), Wrapped(int(i), frozenset(bases.split(",")),
                                                   ((Loc(im.path, im.line, 1), f"{short} may be {im.name}()"),)))
        if self._member_dma is not None:
            self._member_dma[key] = out
        return out

    def impl_dma(self, t: FunctionFacts) -> str:
        """What a function stored in a member hands to DMA, for the model (``Impl.dma``):
        ``2:usb_control_msg`` (argument:base interfaces; ";" between arguments)."""
        return ";".join(f"{i}:{','.join(sorted(w.base))}" for i, w in sorted(self.dma_wrappers.get(fid(t), {}).items()))

    def member_sink(self, fn: FunctionFacts, lhs: Expr) -> str:
        """``struct spi_transfer.tx_buf`` when ``lhs`` is such a DMA buffer member, else ""."""
        if lhs.kind != "field" or not any(n.endswith("." + lhs.name) for n in self.member_sinks):
            return ""
        name = f"{self.types.base_tag(fn, lhs)}.{lhs.name}"
        sink = self.member_sinks.get(name)
        if sink is None or (sink.via and not self._reaches(fn, frozenset(sink.via), 3)):
            return ""  # a transfer the function never submits (a controller driving its own PIO)
        return name

    def _reaches(self, fn: FunctionFacts, names: frozenset[str], depth: int) -> bool:
        """Whether ``fn`` calls one of ``names``, itself or through the functions it calls."""
        got = self._reach.get((fid(fn), names))
        if got is None:
            self._reach[(fid(fn), names)] = False  # recursion
            got = any(c.callee in names for c in fn.calls) or depth > 0 and any(
                t is not None and t is not fn and self._reaches(t, names, depth - 1)
                for t in (self.program.lookup(c.callee, fn.path) for c in fn.calls if c.callee))
            self._reach[(fid(fn), names)] = got
        return got

    # -- the fixpoint --------------------------------------------------------------------------
    def _solve(self) -> None:
        fns = [fn for fn in self.program.functions()]
        sink_members = {n.rsplit(".", 1)[1] for n in self.member_sinks}
        impl_fields = {k.rsplit(".", 1)[-1] for k in self.member_impls}
        index = []
        for fn in fns:
            for c in fn.calls:
                if c.callee in _TESTS and c.args and c.args[0].strip().kind == "field":
                    found = self.types.member(fn, c.args[0].strip())
                    if found is not None:
                        self.vmalloc_tested.add(found[0])
                elif c.callee in self._splices and len(c.args) == 2:
                    to = self._list_heads[c.callee]
                    self._spliced.setdefault(self._head(fn, c.args[to]), set()).add(self._head(fn, c.args[1 - to]))
            impls = frozenset(t.name for c in fn.calls if not c.callee and c.callee_expr is not None
                              and c.callee_expr.name in impl_fields
                              for t, _ in self.member_impls.get(self.member_key(fn, c), ()))
            index.append(_Index(frozenset(c.callee for c in fn.calls) | impls
                                | _callbacks(fn, self.adopters, self.callback_releases),
                                frozenset(e.name for e in _read_fields(fn)) | _list_names(fn, self._list_getters),
                                any(a.lhs.kind == "field" and a.lhs.name in sink_members for a in fn.assigns)))
        if self.program.externals is not None:  # callees defined outside with memory behaviour
            for fn, ix in zip(fns, index):
                for name in ix.callees - self._hot_names:
                    if self.program.lookup(name, fn.path) is None:
                        ext = self.program.external(name, fn.path)
                        if ext is not None and (ext.returns or ext.frees or ext.dma):
                            self._hot_names.add(name)
        dirty = list(range(len(fns)))
        for it in range(MAX_ITERATIONS):
            self.iterations = it + 1
            changed_names: set[str] = set()
            changed_members: set[str] = set()
            for i in dirty:
                self._analyse(fns[i], index[i], changed_names, changed_members)
            if not changed_names and not changed_members:
                break
            if any(".<" in k for k in changed_members):  # driver data: the getters' callers read it
                changed_names |= self._drv_getters
                self._hot_names |= self._drv_getters
            changed_member_names = {_member_name(k) for k in changed_members}
            dirty = [i for i, ix in enumerate(index)
                     if ix.callees & changed_names
                     or ix.fields & changed_member_names and self._reads(fns[i], ix) & changed_members]

    def _reads(self, fn: FunctionFacts, ix: _Index) -> frozenset[str]:
        """The member keys ``fn`` reads. A member's name says little (``->data``, ``->buf`` of a
        thousand structs): asked only when a name matches, so that a function is replayed for the
        members it really reads (drivers/net/ethernet, 62,665 functions: 101,274 -> 75,481
        analyses, 19.3 -> 13.0 s, the same findings)."""
        if ix.keys is None:
            found = (self.types.member(fn, e) for e in _read_fields(fn))
            ix.keys = frozenset(f[0] for f in found if f is not None) | frozenset(self._list_reads(fn))
        return ix.keys

    def _analyse(self, fn: FunctionFacts, ix: _Index, changed_names: set[str], changed_members: set[str]) -> None:
        key = fid(fn)
        stores: dict[str, list] = {}
        if not (ix.sink_store or ix.callees & self._hot_names
                or ix.fields & self._hot_member_names and self._reads(fn, ix) & self._hot_members):
            # nothing it calls or reads carries origins: the stores it makes are all there is
            for a in fn.assigns:
                if a.lhs.kind == "field" and a.op == "=":
                    self._store(fn, a, eval_plain(fn, self, a.rhs), stores, None)
            for c in fn.calls:
                self._escape(fn, c, stores)
                self._call_stores(fn, c, lambda e: eval_plain(fn, self, e), stores)
                self._store_entry(fn, c, lambda e: eval_plain(fn, self, e), stores)
            self._commit_stores(key, stores, changed_members)
            return
        rets: set[Origin] = set()
        frees: dict[int, Wrapped] = {}
        free_nodes: dict[int, set[int]] = {}
        dma_nodes: dict[int, set[int]] = {}
        store_nodes: dict[int, set[int]] = {}
        dmas: dict[int, Wrapped] = {}
        # the value returned is converted to the return type (``return dev_get_drvdata(dev);``)
        ret_type = Expr("cast", "", fn.ret.type_text, (Expr("other", ""),)) if fn.ret.ptr else None
        params = {p.name: i for i, p in enumerate(fn.params) if p.name and p.ptr}
        writes: dict[int, dict[str, frozenset[Origin]]] = {}
        for at in replay(fn, self, param_seed(fn)):
            if at.kind == "return":
                r = fn.returns[at.index]
                if r.value is not None:
                    rets |= {o for o in at.eval(r.value, ret_type) if o.family not in _PSEUDO}
            elif at.kind == "assign":
                a = fn.assigns[at.index]
                if a.lhs.kind == "field" and a.op == "=":
                    origins = at.eval(a.rhs)
                    for i in self._store(fn, a, origins, stores, dmas):
                        store_nodes.setdefault(i, set()).add(at.node)
                    base = a.lhs.sub[0].strip() if a.lhs.sub else None
                    if base is not None and base.kind == "var" and base.name in params and not _null(a.rhs):
                        _note_write(writes.setdefault(params[base.name], {}), a.lhs.name, origins)
                elif a.lhs.kind == "deref" and a.op == "=" and a.lhs.sub and not _null(a.rhs):
                    # an out parameter: ``*data = kvzalloc(...)`` (mlx5 dr_get_tbl_copy_details())
                    base = a.lhs.sub[0].strip()
                    if base.kind == "var" and base.name in params:
                        _note_write(writes.setdefault(params[base.name], {}), "", at.eval(a.rhs))
            else:
                c = fn.calls[at.index]
                self._escape(fn, c, stores)
                self._call_stores(fn, c, at.eval, stores)
                adopted = self.adopts(fn, c)
                if adopted is not None:  # what the function stored of it, before, is managed too
                    handed = at.eval(c.args[adopted[0]])
                    for entry in stores.values():
                        entry[0] = set(adopt(entry[0], handed, c, adopted[1]))
                d = self.drvdata.get(c.callee)
                if d is not None and d.role == "set" and d.arg < len(c.args):
                    self._store_drvdata(fn, c, d, at.eval(c.args[d.arg]), stores)
                self._store_entry(fn, c, at.eval, stores)
                for w in self.frees_at(fn, c):
                    if w.arg < len(c.args):
                        for i in self._param_reach(fn, at.eval(w.freed(c.args)), w, c.loc,
                                                   f"{fn.name}() frees it with {c.callee}()", frees):
                            free_nodes.setdefault(i, set()).add(at.node)
                for w in self.dma_at(fn, c):
                    if w.arg < len(c.args):
                        to = f"{c.callee}()" if c.callee else c.callee_expr.text
                        for i in self._param_reach(fn, at.eval(c.args[w.arg]), w, c.loc,
                                                   f"{fn.name}() passes it to {to}", dmas):
                            dma_nodes.setdefault(i, set()).add(at.node)
        self._commit_stores(key, stores, changed_members)
        frees = {i: w for i, w in frees.items() if must_pass(fn.cfg, free_nodes[i])}
        exits = error_exits(fn) if dmas else frozenset()  # (only when it may pass DMA)
        dmas = {i: w for i, w in dmas.items()
                if must_pass(fn.cfg, dma_nodes.get(i, set()) | store_nodes.get(i, set()) | exits, tests_work=False)}
        writes = {i: {m: cap(v) for m, v in w.items() if v is not None} for i, w in writes.items()}
        if {i: {m: _sigs(v) for m, v in w.items()} for i, w in writes.items()} != \
                {i: {m: _sigs(v) for m, v in w.items()} for i, w in self.param_writes.get(key, {}).items()}:
            self.param_writes[key] = writes
            changed_names.add(fn.name)
            self._hot_names.add(fn.name)
        new = cap(rets)
        if _sigs(new) != _sigs(self.returns.get(key, EMPTY)):
            self.returns[key] = new
            changed_names.add(fn.name)
            self._hot_names.add(fn.name)
        for table, found in ((self.free_wrappers, frees), (self.dma_wrappers, dmas)):
            old = table.get(key, {})
            if found and {i: w.base for i, w in found.items()} != {i: w.base for i, w in old.items()}:
                table[key] = {**old, **found}
                changed_names.add(fn.name)
                self._hot_names.add(fn.name)

    def _param_reach(self, fn, origins, w: Wrapped, loc: Loc, message: str, out: dict[int, Wrapped]) -> list[int]:
        """Record which parameters reach ``w``; return their indices."""
        found = []
        for o in origins:
            if o.family == PARAM:
                i = int(o.via)
                found.append(i)
                prev = out.get(i)
                step = ((loc, message),) + w.steps
                out[i] = Wrapped(i, w.base | (prev.base if prev else frozenset()), prev.steps if prev else step,
                                 cache=w.cache if prev is None or prev.cache == w.cache else "")
        return found

    def _store(self, fn: FunctionFacts, a: Assign, origins, stores: dict, dmas: dict | None) -> list[int]:
        """Record a member store; return the parameters it puts into a DMA buffer member."""
        sink = self.member_sink(fn, a.lhs) if dmas is not None else ""
        params = []
        if sink:
            params = self._param_reach(fn, origins, Wrapped(0, frozenset((sink,))), a.loc,
                                       f"{fn.name}() stores it in {sink}", dmas)
        found = self.types.member(fn, a.lhs)
        if found is not None:
            base = a.lhs.sub[0].strip() if a.lhs.sub else None
            self._store_key(fn, found[0], a.rhs, origins, a.loc, f"stored in {display(found[0])} in {fn.name}()",
                            self._owners(fn, base) if base is not None else frozenset(), stores, True)
        return params

    def _store_key(self, fn: FunctionFacts, key: str, rhs: Expr, origins, loc: Loc, where: str,
                   owners: frozenset[str], stores: dict, handed_up: bool) -> None:
        """Record that ``fn`` stores ``rhs`` (holding ``origins``) into member ``key``, for the
        registered functions ``owners`` (none: for any); ``handed_up``: param_stores() tells
        ``fn``'s callers of the store, when ``rhs`` is a parameter of ``fn``."""
        real = {o for o in origins if o.family not in self._unstored}
        entry = stores.setdefault(key, [set(), None, None])
        if entry[2] is None:
            entry[2] = owners
        elif entry[2] and owners:
            entry[2] = entry[2] | owners
        else:  # (a function storing both for registered functions and not: not theirs alone)
            entry[2] = frozenset()
        entry[0] |= {o.via_path(loc, where, key) for o in real}
        if (not real and not _null(rhs)) or len(real) < len(origins):
            # (a static function's pointer parameter, whose every caller is seen: they store what
            # they pass, _call_stores(); not one whose address is taken, called through a pointer)
            if entry[1] is None and not (handed_up and fn.static and _pointer_param(fn, rhs) >= 0
                                         and fn.name not in self.program.summary("address-taken", address_taken)):
                entry[1] = loc

    def _call_stores(self, fn: FunctionFacts, c: Call, evaluate, stores: dict) -> None:
        """``usb_fill_bulk_urb(urb, dev, pipe, buf, len, done, ctx)``: what ``ctx`` holds
        (``evaluate(e)``, as it is at the call) is stored in ``struct urb.context``, as the callee
        does with its parameters (param_stores()), for the registered functions the call hands on
        (``done``) and those registered on ``urb`` (_owners())."""
        stored = _stores_of(self.program, fn, c, self.param_stores, self._modelled)
        if not stored:
            return
        handed = self._handed(c)
        for k, j, m, *owned in stored:
            if k >= len(c.args) or j >= len(c.args) or _null(c.args[k]):
                continue
            if j >= 0:
                obj = c.args[j]
                found = self.types.member(fn, _member_of(obj, m))
                if found is None:
                    continue
                key, owners = found[0], self._owners(fn, obj.strip()) | handed
            else:  # (and for the completions the callee hands on with its own object: param_stores())
                key, owners = m, handed | frozenset(owned[0] if owned else ())
            where = f"added to a list by {c.callee}() in {fn.name}()" if "[]@" in key else \
                f"stored in {display(key)} by {c.callee}() in {fn.name}()"
            # (what a callee keeps in an object of its own is no store its caller hands up)
            self._store_key(fn, key, c.args[k], evaluate(c.args[k]), c.loc, where, owners, stores, j >= 0)

    def _store_drvdata(self, fn: FunctionFacts, c: Call, d, origins, stores: dict) -> None:
        """``platform_set_drvdata(pdev, priv)``: ``priv``'s origins go to its type's slot."""
        key = self.drvdata_key(fn, d.slot, c.args[d.arg])
        if not key:
            return
        real = {o for o in origins if o.family not in self._unstored}
        _put(stores, key, real, c.loc, f"stored as driver data by {c.callee}() in {fn.name}()",
             not real and not _null(c.args[d.arg]))

    def _store_entry(self, fn: FunctionFacts, c: Call, evaluate, stores: dict) -> None:
        """``list_add_tail(&tgt->queue, &vhost->targets)``: ``tgt``'s origins (``evaluate(e)``, as
        they are at the call) join the entries of ``struct ibmvfc_target.queue``, on any list and
        on the list ``&vhost->targets`` (list_link())."""
        linked = list_link(self.types, fn, c, *self.list_adders[c.callee]) if c.callee in self.list_adders else None
        if linked is None:
            return
        real = {o for o in evaluate(linked[0]) if o.family not in self._unstored}
        for key in linked[1]:
            _put(stores, key, real, c.loc, f"added to a list by {c.callee}() in {fn.name}()", not real)

    def _escape(self, fn: FunctionFacts, c: Call, stores: dict) -> None:
        """``foo(&priv->buf)`` may store anything into the member, or what ``foo()``'s summary
        says it stores through that out parameter (``*buf = vzalloc(...)``)."""
        if c.callee in self.releases or c.callee in self.sinks:
            return
        for i, arg in enumerate(c.args):
            if arg.kind == "addr" and arg.sub and arg.sub[0].kind == "field":
                found = self.types.member(fn, arg.sub[0])
                if found is not None and not found[1].dims:
                    out = (self.writes(fn, c.callee, i) or {}).get("") if c.callee else None
                    _put(stores, found[0], out or (), c.loc,
                         f"stored in {display(found[0])} by {c.callee}() in {fn.name}()", not out)

    def _commit_stores(self, who, stores: dict, changed_members: set[str]) -> None:
        for key, (origins, unknown, owners) in stores.items():
            contrib = self._contrib.setdefault(key, {})
            new = (cap(origins), unknown, owners or frozenset())
            old = contrib.get(who)
            if old == new:
                continue
            before = _sigs(self.member_info(key).origins)
            contrib[who] = new
            self._members.pop(key, None)
            self._own_views.pop(key, None)
            if owners:
                self._own_keys.add(key)
            # (what registered functions read changes with a store made for some of them)
            own_changed = key in self._own_keys and (new[0] or old is not None and old[0]) and (
                old is None or _sigs(old[0]) != _sigs(new[0]) or old[2] != new[2])
            if _sigs(self.member_info(key).origins) != before or own_changed:
                changed_members.add(key)
                self._hot_members.add(key)
                self._hot_member_names.add(_member_name(key))

    # -- what rules read -----------------------------------------------------------------------
    def free_uses(self, paths: frozenset[str] | None = None) -> list[FreeUse]:
        """Every reachable call releasing memory (knowledge releases and wrapper releases); in the
        functions of ``paths`` only, when given (the files a pre-commit run reports for)."""
        if (paths, "free") not in self._uses:
            out = []
            for fn in self._functions(paths):
                if not any(c.callee in self.releases or c.callee in self.callback_releases
                           or self._is_wrapper(fn, c.callee, self.free_wrappers) for c in fn.calls):
                    continue
                for at in replay(fn, self):
                    if at.kind != "call":
                        continue
                    c = fn.calls[at.index]
                    if c.callee == "kmem_cache_free" and c.args and c.args[0].text.strip() == "NULL":
                        continue  # frees nothing (mm/slub.c: cache_from_obj() NULL -> return)
                    for w in self.frees_at(fn, c):
                        if w.arg < len(c.args):
                            freed = w.freed(c.args)
                            out.append(FreeUse(fn, c, w.arg, at.eval(freed), w.base, w.steps, w.cache, freed,
                                               w.order))
            self._uses[(paths, "free")] = out
        return self._uses[(paths, "free")]

    def _functions(self, paths: frozenset[str] | None):
        return self.program.functions() if paths is None else (
            fn for fn in self.program.functions() if fn.path in paths)

    def dma_uses(self, paths: frozenset[str] | None = None) -> list[DmaUse]:
        """Every reachable buffer handed to a DMA interface (function, wrapper or member); in the
        functions of ``paths`` only, when given."""
        if (paths, "dma") not in self._uses:
            out = []
            for fn in self._functions(paths):
                calls = any(c.callee in self.sinks or self._is_wrapper(fn, c.callee, self.dma_wrappers)
                            or not c.callee and self.member_dma(fn, c) for c in fn.calls)
                members = any(a.lhs.kind == "field" and self.member_sink(fn, a.lhs) for a in fn.assigns)
                if not calls and not members:
                    continue
                for at in replay(fn, self):
                    if at.kind == "call":
                        c = fn.calls[at.index]
                        for w in self.dma_at(fn, c):
                            if w.arg < len(c.args):
                                what = c.callee or display(self.member_key(fn, c)).removeprefix("struct ")
                                out.append(DmaUse(fn, c.loc, what, c.args[w.arg], at.eval(c.args[w.arg]),
                                                  w.base, w.steps))
                    elif at.kind == "assign":
                        a = fn.assigns[at.index]
                        sink = self.member_sink(fn, a.lhs) if a.lhs.kind == "field" else ""
                        if sink:
                            out.append(DmaUse(fn, a.loc, sink, a.rhs, at.eval(a.rhs), frozenset((sink,))))
            self._uses[(paths, "dma")] = out
        return self._uses[(paths, "dma")]

    def _is_wrapper(self, fn: FunctionFacts, name: str, table) -> bool:
        return bool(self._wrapped(fn, name, table, "frees" if table is self.free_wrappers else "dma"))

    def _wrapped(self, fn: FunctionFacts, name: str, table, field: str) -> dict[int, Wrapped] | None:
        """The parameters of callee ``name`` that reach a release (a DMA interface): from this
        program's fixpoint, or from outside it (kernelmodel.External.frees / .dma)."""
        if not name:
            return None
        t = self.program.lookup(name, fn.path)
        if t is not None:
            return table.get(fid(t))
        ext = self.program.external(name, fn.path)
        return getattr(ext, field) if ext is not None else None
