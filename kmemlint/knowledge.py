"""Kernel API knowledge: ``rules/knowledge/*.toml`` (shipped as ``kmemlint.rules``) plus users' files.

Every top-level table of a knowledge file is a *section*; each entry of a section is validated
against the section's dataclass (field names and types), so errors name the file, the key and what
is wrong. A user's file adds entries (same format) and drops shipped ones with
``[remove] section = ["name", ...]``, as smatch_data's ``*.remove`` files do.
Adding a kind of knowledge = one dataclass and one line in ``SECTIONS``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


class KnowledgeError(Exception):
    """Malformed knowledge data; the message names the file and the key."""


#: field metadata: an argument index (from 0), or one where -1 means "none"
_INDEX = {"min": 0}
_INDEX_OR_NONE = {"min": -1}


@dataclass(frozen=True)
class Family:
    """An allocator family and the release functions that may legally free its memory."""

    name: str
    releases: tuple[str, ...]
    description: str = ""
    source: str = ""
    #: memory that may be vmalloc'd (not physically contiguous, not DMA-able)
    vmalloc: bool = False
    #: memory that is released automatically (devres) - an explicit kfree() double-frees
    managed: bool = False
    #: what the family hands out, in messages: "memory", or "mapping" for ioremap()
    noun: str = "memory"


@dataclass(frozen=True)
class Allocator:
    """A function returning memory of ``family``; ``size`` lists the argument indices whose product
    is the size in bytes, ``gfp`` the index of the gfp_t argument."""

    name: str
    family: str
    size: tuple[int, ...] = field(default=(), metadata=_INDEX)
    gfp: int = field(default=-1, metadata=_INDEX_OR_NONE)
    #: the argument it returns as it is when that lies in .rodata (kstrdup_const()); given a string
    #: that cannot (a firmware string, a stack buffer), it returns a copy of family ``copied``
    keeps: int = field(default=-1, metadata=_INDEX_OR_NONE)
    copied: str = ""
    #: page allocators: the index of the page-order argument, or ``single`` (one page, order 0)
    order: int = field(default=-1, metadata=_INDEX_OR_NONE)
    single: bool = False
    source: str = ""


@dataclass(frozen=True)
class FirmwareString:
    """Where a string lives in the firmware's description of the device (the unflattened device
    tree, ACPI or software node properties), never in the kernel's .rodata: the pointer a property
    reader stores through argument ``arg`` (``of_property_read_string(np, "label", &out)``), or a
    member (name ``"struct S.member"``, no ``arg``)."""

    name: str
    arg: int = field(default=-1, metadata=_INDEX_OR_NONE)
    source: str = ""


@dataclass(frozen=True)
class Release:
    """A function that releases the memory passed as argument ``arg``; ``family`` is the family
    it belongs to (used in messages). A page release frees a block of one order (``order``,
    ``single``): free_pages(addr, order), free_page(addr)."""

    name: str
    family: str
    arg: int = field(default=0, metadata=_INDEX)
    #: page releases: the index of the page-order argument, or ``single`` (one page, order 0)
    order: int = field(default=-1, metadata=_INDEX_OR_NONE)
    single: bool = False
    source: str = ""


@dataclass(frozen=True)
class AtomicOp:
    """A function that enters (``action = "enter"``), leaves (``"exit"``) or conditionally enters
    (``"trylock"``: on its true branch; ``"preload"``: when it returns 0) atomic context, or asserts that its caller holds a lock
    (``"asserted"``: lockdep_assert_held(); the function runs under it, and takes nothing its
    callers would hold after it); ``kind`` names what is held ("" for an asserted lock: the lock's
    declared type says, spinlock_t or a mutex) and ``arg`` is the index of the lock argument (-1
    when the context has no identity, e.g. preempt_disable).
    ``also``: the context a lock's _bh/_irq variant disables with it and its unlock enables again;
    an unlock ends it even when a plain lock was taken after a local_bh_disable()."""

    name: str
    action: str
    kind: str
    arg: int = field(default=-1, metadata=_INDEX_OR_NONE)
    also: str = ""
    source: str = ""


@dataclass(frozen=True)
class AtomicCallback:
    """A function the kernel calls in atomic ``context``: argument ``arg`` of a registrar call, a
    designated-initialiser member (name ``"struct S.member"``), or an assignment to ``x.member``
    (name ``"=.member"``) whose left side contains ``lhs``. ``unless``: a member (``"struct
    S.member"``) that a driver sets to a non-zero constant to have the kernel run its callbacks in
    process context instead (``pcm->nonatomic = true``): its functions are not registered.
    ``atomic_through``: kernel functions that switch to an atomic way of working in this context,
    so that a sleep whose chain passes through one of them does not happen there (a restart
    handler's I2C transfer: the I2C core transfers atomically past SYSTEM_RUNNING)."""

    name: str
    context: str
    arg: int = field(default=-1, metadata=_INDEX_OR_NONE)
    lhs: str = ""
    unless: str = ""
    atomic_through: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Sleeper:
    """A function (or a header macro) that may sleep; ``what`` names it in messages.
    ``in_interrupt``: it does not sleep when in_interrupt() holds (hard or soft interrupt, or bottom
    halves disabled): vfree() then hands the area to vfree_atomic()."""

    name: str
    what: str = ""
    source: str = ""
    in_interrupt: bool = False
    #: it sleeps only when argument ``arg`` passes the test ``when`` (atomic.judge(): ``ne:0``, a
    #: poll macro's sleep_us that is not 0); -1: whatever its arguments
    arg: int = field(default=-1, metadata=_INDEX_OR_NONE)
    when: str = ""
    #: it sleeps only for some memory it is given (kvfree(): what kvmalloc() got from vmalloc):
    #: reported where it is called in atomic context, and where a file's static helper calling it
    #: is, but no reason for a global function calling it to sleep for all its callers (a release
    #: chain ending in a kvfree(): sock_put() -> ... -> put_cred_rcu() -> groups_free())
    memory: bool = False


@dataclass(frozen=True)
class AtomicSafe:
    """A call by which a driver makes a kernel path atomic-safe for its devices: in the module tree
    of a file that calls ``name``, a sleep whose chain passes through one of ``through`` does not
    count (pm_runtime_irq_safe(): rpm_resume() then runs its callbacks with interrupts off and does
    not sleep)."""

    name: str
    through: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class BusHandle:
    """A constructor of a handle of I/O API ``api`` (``"regmap"``) over a bus: ``bus`` names it for
    messages, and ``sleeps`` says whether I/O over that bus sleeps (an I2C or SPI transfer waits for
    the controller; MMIO does not). In a file whose constructors of ``api`` all sleep, the
    ``bus_io`` calls of that API sleep; a file that makes none has its directory's (a driver split
    in core and bus files). One constructor that does not sleep, or whose bus is unknown
    (``dev_get_regmap()`` of the parent), and the file's I/O is not judged."""

    name: str
    api: str
    bus: str = ""
    sleeps: bool = True
    source: str = ""


@dataclass(frozen=True)
class BusIo:
    """An I/O call of handle API ``api``: it sleeps where the handle's bus does (``bus_handles``)."""

    name: str
    api: str
    source: str = ""


@dataclass(frozen=True)
class DmaSink:
    """An interface that hands memory to a device for DMA: a function whose arguments ``args`` carry
    the buffer, or (name ``"struct spi_transfer.tx_buf"``) a struct member the buffer is stored in.
    ``vmalloc``/``stack``: whether vmalloc memory / stack memory there is a bug; ``copies``: the
    interface copies the buffer into DMA-able memory itself (listed to document it, never reported).
    ``reason``: why a stack buffer there is harmful, for messages (empty: the generic DMA-mapping
    reason); ``minor``: the harm is limited (a transmit-only buffer, read by the device and never
    written), reported as a warning rather than an error. ``via``, ``vmap_stack``: see the fields."""

    name: str
    args: tuple[int, ...] = field(default=(), metadata=_INDEX)
    vmalloc: bool = True
    stack: bool = True
    copies: bool = False
    reason: str = ""
    minor: bool = False
    #: a physical-address conversion: a stack address is wrong there only where the stack is vmalloc
    #: memory (CONFIG_VMAP_STACK), which the tree's Kconfig may rule out for a file
    vmap_stack: bool = False
    #: a member sink: the buffer reaches the device only when the function storing it calls one of
    #: these (itself or through its callees); empty: always
    via: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class DriverData:
    """A per-device driver data accessor: a setter (``role = "set"``, argument ``arg`` is the
    stored pointer), a getter (``"get"``: returns what the setters of its ``slot`` stored, for the
    struct type the caller expects), or a function returning memory inside its argument's
    allocation (``"inside"``: origins of ``family``, e.g. netdev_priv())."""

    name: str
    role: str
    arg: int = field(default=1, metadata=_INDEX)
    slot: str = "drvdata"
    family: str = ""
    source: str = ""


@dataclass(frozen=True)
class Adopter:
    """A function that hands the memory of argument ``data`` to a manager that releases it later
    (a devres action, a DRM managed release): after the call that memory is of ``family``. With
    ``action`` (the index of a release-callback argument), only when that callback frees its
    parameter ``param`` (the one the manager passes ``data`` to): a knowledge release or a wrapper
    the analysis found."""

    name: str
    family: str
    data: int = field(default=0, metadata=_INDEX)
    action: int = field(default=-1, metadata=_INDEX_OR_NONE)
    param: int = field(default=0, metadata=_INDEX)
    source: str = ""


@dataclass(frozen=True)
class StoredEntry:
    """A container lookup that returns an entry its caller stored (``__xa_erase()``: "Return: The
    entry which used to be at this index"), not memory of its own: its result carries no
    allocation origin, whatever the container's internals allocate (lib/xarray.c's nodes, which
    member provenance would otherwise see flowing out through ``xas->xa_node``)."""

    name: str
    source: str = ""


@dataclass(frozen=True)
class ListEntry:
    """A list function linking or fetching entries (include/linux/list.h): ``add`` links the
    object around the member its argument ``arg`` points to (``list_add_tail(&tgt->queue, head)``);
    ``get`` returns an entry, its type and linking member its last two arguments
    (``list_first_entry(head, struct foo, node)``). The loop iterators
    (``list_for_each_entry(pos, head, member)``) are the facts' ``iterate`` expressions.
    ``splice`` moves every entry of one list onto the list ``head``. Entries are keyed by their
    struct's linking member and, where ``head`` (the list head's argument, -1: none) names a
    member or a global, by the list too: what is added to ``&ssi->cmdqueue`` is not what is taken
    from ``&ssi->txqueue``, while entries added to a head kmemlint cannot name may be on any list
    linked through that member."""

    name: str
    role: str
    arg: int = field(default=0, metadata=_INDEX)
    head: int = field(default=-1, metadata=_INDEX_OR_NONE)
    source: str = ""


@dataclass(frozen=True)
class CallbackRelease:
    """A function that may free the object containing the member its argument ``object`` points
    to by calling its callback argument ``action`` with that pointer as parameter ``param``
    (``kref_put(&obj->ref, obj_release)``): when the callback frees the container of its parameter
    (``kfree(container_of(ref, struct obj, ref))``), the call frees ``obj``. With ``action`` -1
    the callback is the object's own release, chosen by its type (``put_device(&sdev->sdev_gendev)``
    runs ``sdev->sdev_gendev.type->release``): see ``tables``, ``member`` and ``binders``."""

    name: str
    object: int = field(default=0, metadata=_INDEX)
    action: int = field(default=1, metadata=_INDEX_OR_NONE)
    param: int = field(default=0, metadata=_INDEX)
    #: the callback runs only when the last reference is dropped (kref_put()): the call drops one
    #: reference, and a manager that holds another (a devm action putting it) is no double free
    counted: bool = False
    #: (``action`` -1) members of the object ``&X->m`` that hold a table whose ``.release`` the call
    #: runs (``X->m.type = &scsi_dev_type``, a ``struct device_type``), ...
    tables: tuple[str, ...] = ()
    #: ... the member holding the release function itself (``X->m.release = foo_release``) ...
    member: str = ""
    #: ... and functions binding such a table to the object: argument 0 ``&X->m``, argument 1 the
    #: table (``kobject_init(&X->kobj, &foo_ktype)``)
    binders: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Alias:
    """A name an older kernel's header defines as a macro over another function
    (``#define spi_master_put(_ctlr) spi_controller_put(_ctlr)``, v6.1 include/linux/spi/spi.h),
    which the shipped model, of a newer kernel, no longer knows: a call of it is a call of ``to``
    with the same arguments, where neither the analysed files nor the kernel model define the name.
    ``header``: where the older kernel defined it (``path:line``), for the note at the definition."""

    name: str
    to: str = ""
    header: str = ""
    source: str = ""


#: section name -> entry type
SECTIONS: dict[str, type] = {
    "aliases": Alias,
    "families": Family,
    "allocators": Allocator,
    "releases": Release,
    "firmware_strings": FirmwareString,
    "atomic": AtomicOp,
    "atomic_callbacks": AtomicCallback,
    "sleepers": Sleeper,
    "atomic_safe": AtomicSafe,
    "bus_handles": BusHandle,
    "bus_io": BusIo,
    "dma": DmaSink,
    "drvdata": DriverData,
    "adopters": Adopter,
    "callback_releases": CallbackRelease,
    "stored_entries": StoredEntry,
    "list_entries": ListEntry,
}


@dataclass(frozen=True)
class Knowledge:
    sections: dict[str, dict[str, Any]]
    digest: str = ""
    files: tuple[str, ...] = ()

    @property
    def families(self) -> dict[str, Family]:
        return self.sections["families"]

    @property
    def allocators(self) -> dict[str, Allocator]:
        return self.sections["allocators"]

    @property
    def releases(self) -> dict[str, Release]:
        return self.sections["releases"]

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.sections[section]

    def describe(self, name: str) -> list[str]:
        """What the hand-written knowledge says of ``name`` (a function, a macro or ``struct
        S.member``), one line per section that lists it, with its fields and cited source: these
        entries override the kernel model (``kmemlint model show``)."""
        lines = []
        for section, entries in self.sections.items():
            e = entries.get(name)
            if e is None or not dataclasses.is_dataclass(e):
                continue
            fields = [f"{f.name} = {getattr(e, f.name)!r}" for f in dataclasses.fields(e)
                      if f.name not in ("name", "source") and getattr(e, f.name) != f.default
                      and getattr(e, f.name) not in ((), "", None)]
            line = f"  knowledge [{section}]" + (f": {', '.join(fields)}" if fields else "")
            if getattr(e, "source", ""):
                line += f"\n    source: {e.source}"
            lines.append(line)
        return lines


# ---------------------------------------------------------------------------------------------
_SCALARS = {"str": str, "int": int, "bool": bool, "float": float}


def check_value(value: Any, annotation: str, lo: int | None = None, hi: int | None = None) -> Any:
    """Validate ``value`` against a field annotation string and, for integers (and the items of a
    list of them), the bounds ``lo``..``hi``; return it converted (lists -> tuples). Raises
    TypeError with a message saying what was expected."""
    annotation = annotation.replace(" ", "")
    if annotation.startswith("tuple[") and annotation.endswith(",...]"):
        item = annotation[len("tuple["):-len(",...]")]
        if not isinstance(value, list):
            raise TypeError(f"expected a list of {item}, got {type(value).__name__}")
        return tuple(check_value(v, item, lo, hi) for v in value)
    for alt in annotation.split("|"):
        if alt == "None" and value is None:
            return value
        t = _SCALARS.get(alt)
        if t is not None and isinstance(value, t) and not (t is int and isinstance(value, bool)):
            if t is int and (lo is not None and value < lo or hi is not None and value > hi):
                bounds = f"from {lo} to {hi}" if lo is not None and hi is not None else \
                    f">= {lo}" if lo is not None else f"<= {hi}"
                raise TypeError(f"expected an integer {bounds}, got {value!r}")
            return value
    raise TypeError(f"expected {annotation.replace('|', ' or ')}, got {type(value).__name__} {value!r}")


def _entry(cls: type, name: str, table: Any, where: str) -> Any:
    if not isinstance(table, dict):
        raise KnowledgeError(f"{where}: expected a table, got {type(table).__name__}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "name"}
    unknown = sorted(set(table) - set(fields))
    if unknown:
        raise KnowledgeError(f"{where}.{unknown[0]}: unknown key (known: {', '.join(sorted(fields))})")
    values = {}
    for fname, f in fields.items():
        if fname not in table:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise KnowledgeError(f"{where}: missing required key {fname!r}")
            continue
        try:
            values[fname] = check_value(table[fname], str(f.type), f.metadata.get("min"))
        except TypeError as e:
            raise KnowledgeError(f"{where}.{fname}: {e}") from None
    return cls(name=name, **values)


def _parse(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise KnowledgeError(f"{origin}: invalid TOML: {e}") from None


def _merge(sections: dict[str, dict[str, Any]], data: dict[str, Any], origin: str,
           origins: dict[tuple[str, str], str]) -> None:
    """Add the entries of one file to ``sections``; ``origins`` records which file each came from."""
    for section, table in data.items():
        if section == "remove":
            if not isinstance(table, dict):
                raise KnowledgeError(f"{origin}: remove: expected a table of lists")
            for sec, names in table.items():
                if sec not in SECTIONS:
                    raise KnowledgeError(f"{origin}: remove.{sec}: unknown section")
                try:
                    for n in check_value(names, "tuple[str, ...]"):
                        sections[sec].pop(n, None)
                except TypeError as e:
                    raise KnowledgeError(f"{origin}: remove.{sec}: {e}") from None
            continue
        cls = SECTIONS.get(section)
        if cls is None:
            raise KnowledgeError(f"{origin}: {section}: unknown section (known: {', '.join(SECTIONS)})")
        if not isinstance(table, dict):
            raise KnowledgeError(f"{origin}: {section}: expected a table")
        for name, entry in table.items():
            sections[section][name] = _entry(cls, name, entry, f"{origin}: {section}.{name}")
            origins[section, name] = origin


def _validate(k: Knowledge, origins: dict[tuple[str, str], str]) -> None:
    """Cross-references between entries; an error names the file holding the entry."""
    def fail(section: str, name: str, what: str) -> KnowledgeError:
        return KnowledgeError(f"{origins.get((section, name), 'knowledge')}: {section}.{name}.{what}")

    fams = k.families
    for a in k.allocators.values():
        if a.family not in fams:
            raise fail("allocators", a.name, f"family: unknown family {a.family!r}")
        if a.copied and a.copied not in fams:
            raise fail("allocators", a.name, f"copied: unknown family {a.copied!r}")
        if (a.keeps >= 0) != bool(a.copied):
            raise fail("allocators", a.name, "keeps and copied go together")
    for r in k.releases.values():
        if r.family not in fams:
            raise fail("releases", r.name, f"family: unknown family {r.family!r}")
    for op in k.sections.get("atomic", {}).values():
        if op.action not in ("enter", "exit", "trylock", "preload", "asserted"):
            raise fail("atomic", op.name, f"action: expected enter, exit, trylock, preload or asserted, got {op.action!r}")
        if op.action == "asserted" and op.arg < 0:
            raise fail("atomic", op.name, "arg: an asserted lock needs the index of its lock argument")
    apis = {b.api for b in k.sections.get("bus_handles", {}).values()}
    for b in k.sections.get("bus_io", {}).values():
        if b.api not in apis:
            raise fail("bus_io", b.name, f"api: no bus_handles entry makes handles of api {b.api!r}")
    for d in k.sections.get("drvdata", {}).values():
        if d.role not in ("set", "get", "inside") or (d.role == "inside") != (d.family in fams):
            raise fail("drvdata", d.name, f"role: must be set, get or inside, and an inside accessor "
                                          f"names a known family (got {d.role!r}, {d.family!r})")
    for e in k.sections.get("list_entries", {}).values():
        if e.role not in ("add", "get", "splice") or e.role == "splice" and e.head < 0:
            raise fail("list_entries", e.name, f"role: must be add, get or splice (which names its head), "
                                               f"got {e.role!r}")
    for a in k.sections.get("adopters", {}).values():
        if a.family not in fams or not fams[a.family].managed:
            raise fail("adopters", a.name, f"family: expected a managed family, got {a.family!r}")
    for f in fams.values():
        for r in f.releases:
            if r not in k.releases:
                raise fail("families", f.name, f"releases: {r!r} is not in [releases]")


def shipped_files() -> list[tuple[str, str]]:
    base = resources.files("kmemlint.rules").joinpath("knowledge")
    return sorted((f"rules/knowledge/{p.name}", p.read_text()) for p in base.iterdir() if p.name.endswith(".toml"))


def load(extra: tuple[Path, ...] | list[Path] = ()) -> Knowledge:
    """Shipped knowledge, then each user file in order."""
    sections: dict[str, dict[str, Any]] = {s: {} for s in SECTIONS}
    h = hashlib.sha256()
    files: list[str] = []
    origins: dict[tuple[str, str], str] = {}
    sources = shipped_files()
    for path in extra:
        try:
            sources.append((str(path), Path(path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as e:
            raise KnowledgeError(f"{path}: cannot read knowledge file: {getattr(e, 'strerror', None) or e}") from None
    for origin, text in sources:
        _merge(sections, _parse(text, origin), origin, origins)
        files.append(origin)
    # the digest (a salt of every cache) covers what the entries say, not their cited sources or
    # the files' comments: documenting an entry keeps the caches
    for section, entries in sections.items():
        h.update(repr((section, [(n, dataclasses.replace(e, source="") if getattr(e, "source", "") else e)
                                 for n, e in entries.items()])).encode())
    k = Knowledge(sections, h.hexdigest()[:16], tuple(files))
    _validate(k, origins)
    return k
