"""``kmemlint model build``: the kernel model (program.kernelmodel) made from a kernel tree, analysed
as the pipeline analyses a big run (per-file facts in the workers, the whole program in parts,
program.parts), with no rules: what each part exports is written to the model."""
from __future__ import annotations

import dataclasses
import os
import re
import tempfile
from pathlib import Path
from typing import Callable

from kmemlint import cache as cache_mod, knowledge, stagetimes
from kmemlint.filefacts import Files, Progress
from kmemlint.frontend import discover
from kmemlint.pipeline import Options, finish
from kmemlint.program import kernelmodel as km, parts
from kmemlint.program.atomic import UNDERSTOOD
from kmemlint.program.summaries import CORE_DRIVERS, DRIVER_DIRS


#: what `kmemlint model build` analyses of a kernel tree (arch/: the x86 one), core first: each part
#: is analysed with the summaries of the parts before it, then a second pass takes up the parts that
#: call functions only analysed later (a core .c calling a header's inline function)
MODEL_ORDER = (
    ("kernel", "mm", "lib", "block", "init", "ipc", "io_uring", "virt", "crypto", "security", "certs", "arch/x86"),
    ("fs", "net"),
    ("drivers/base",),
    ("include", "arch/x86/include"),
    ("drivers", "sound"),
)


#: files of the core that another configuration than x86-64's builds instead of its own (mm/Makefile:
#: ``mmu-y := nommu.o``, ``mmu-$(CONFIG_MMU) := ... vmalloc.o``): mm/nommu.c's vmalloc_to_page() is
#: virt_to_page(), not mm/vmalloc.c's page-table walk. The uniprocessor ones too: kernel/Makefile
#: builds up.o only ``ifneq ($(CONFIG_SMP),y)``; kernel/rcu/Makefile ``obj-$(CONFIG_TINY_RCU) +=
#: tiny.o`` and ``obj-$(CONFIG_TINY_SRCU) += srcutiny.o`` (TINY_RCU: ``!PREEMPT_RCU && !SMP``,
#: kernel/rcu/Kconfig), whose empty rcu_barrier() stood for kernel/rcu/tree.c's mutex_lock()
OTHER_CONFIGURATIONS = frozenset(("mm/nommu.c", "kernel/up.c", "kernel/rcu/tiny.c", "kernel/rcu/srcutiny.c"))


def _model_class(path: str) -> int:
    best, rank = len(MODEL_ORDER), -1
    for k, tops in enumerate(MODEL_ORDER):
        for t in tops:
            if (path == t or path.startswith(t + "/")) and len(t) > rank:
                best, rank = k, len(t)
    return best


#: a model build's parts are bigger than a run's (parts.PART_FILES): fewer parts, fewer passes again
MODEL_PART_FILES = 2500

#: passes over the parts after the first: the second takes up the parts that call what a later part
#: defines, each further one the parts that call a name whose answer the pass before changed
#: (parts.analyse_in_parts: include/'s i2c_lock_bus(), then drivers/i2c's i2c_transfer())
MODEL_ROUNDS = 2


#: the parts of a tree where only the files that export functions to other modules (and the headers
#: beside them) are analysed: a leaf driver's own functions are only called by itself, and are
#: analysed whenever that driver is; what the model must know is what a driver can call
LIBRARY_ONLY = DRIVER_DIRS
#: ...except the driver core (summaries.CORE_DRIVERS)


#: a call, and a global (not static) function definition, spelled in a file's text: enough to pick
#: the helper files of a library directory before any is parsed
_CALLED_TEXT = re.compile(rb"\b([A-Za-z_]\w*)\s*\(")
_DEFINED_TEXT = re.compile(rb"^(?!static\b)(?:[A-Za-z_][\w \t]*[\s*]+)?([A-Za-z_]\w*)\s*\([^;{]*\)\s*\{", re.M)
#: how many helper files deep a library's exported functions are followed
_HELPER_ROUNDS = 3


def _model_files(paths: list[str]) -> list[str]:
    """The files of a tree the model is built from: everything of the core, and of drivers/ and
    sound/ the .c files with an EXPORT_SYMBOL*(), the headers of their directories, and the .c files
    there that define what those call: the serial core's uart_add_one_port() (serial_port.c) reaches
    serial_ctrl_register_port() in serial_ctrl.c, which exports nothing; ACPICA's exported
    acpi_evaluate_object() reaches acpi_ns_evaluate() in nseval.c."""
    keep: list[str] = []
    library: dict[str, list[bytes]] = {}  # directory -> texts of its exporting files
    helpers: dict[str, list[tuple[str, bytes]]] = {}  # directory -> its other .c files
    deferred: list[str] = []
    for p in paths:
        if p.split("/", 1)[0] not in LIBRARY_ONLY or p.startswith(CORE_DRIVERS):
            keep.append(p)
        elif p.endswith(".c"):
            try:
                with open(p, "rb") as fh:
                    text = fh.read()
            except OSError:
                text = b""
            if b"EXPORT_SYMBOL" in text:
                keep.append(p)
                library.setdefault(os.path.dirname(p), []).append(text)
            else:
                helpers.setdefault(os.path.dirname(p), []).append((p, text))
        else:
            deferred.append(p)
    for d, texts in library.items():
        keep += _helpers(texts, helpers.get(d, []))
    keep += [p for p in deferred if os.path.dirname(p) in library]
    return sorted(keep)


def _helpers(library: list[bytes], others: list[tuple[str, bytes]]) -> list[str]:
    """Of a library directory's non-exporting files ``others``, those defining a function that the
    exporting files (``library``) or an already chosen helper call and do not define."""
    if not others:
        return []
    called: set[bytes] = set()
    defined: set[bytes] = set()
    for text in library:
        called.update(_CALLED_TEXT.findall(text))
        defined.update(_DEFINED_TEXT.findall(text))
    wanted = called - defined
    offered = [(p, text, set(_DEFINED_TEXT.findall(text))) for p, text in others]
    chosen: dict[str, None] = {}  # (in the order found)
    for _ in range(_HELPER_ROUNDS):
        more = [(p, text) for p, text, defs in offered if p not in chosen and defs & wanted]
        if not more:
            break
        for p, text in more:
            chosen[p] = None
            wanted.update(_CALLED_TEXT.findall(text))
    return list(chosen)


def _release(makefile: str) -> str:
    """The tree's kernel release from its top Makefile (``VERSION = 6``, ``PATCHLEVEL = 12``,
    ``SUBLEVEL = 118``, ``EXTRAVERSION =``): 6.12.118, or "" when the Makefile does not say."""
    try:
        with open(makefile, encoding="utf-8", errors="replace") as fh:
            head = dict(m.groups() for m in re.finditer(r"^(VERSION|PATCHLEVEL|SUBLEVEL|EXTRAVERSION) *= *(\S*)",
                                                        fh.read(4096), re.M))
    except OSError:
        return ""
    if not head.get("VERSION"):
        return ""
    return ".".join(head[k] for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL") if head.get(k)) + head.get("EXTRAVERSION", "")


def _expandable(overlay: km.Overlay, shared: list, known: frozenset[str], locking: frozenset[str], calls: dict) -> None:
    """The shared headers' macros a part expands (``kernelmodel.shared_macros()``): those reaching
    what the knowledge describes or what a part analysed before found to sleep, lock, allocate...
    (the core comes first): include/linux/ioport.h's request_region() is __request_region() of
    kernel/resource.c, which allocates with GFP_KERNEL, so drivers/pci/pci.c pci_request_regions()
    sleeps in the model as it does when a run expands the macro from the model's macro table."""
    said = set(known) | {n for n, got in overlay.functions.items() if any(e.interesting() for e in got.values())}
    usable = km.shared_macros(shared, said, known, locking, calls)
    if usable != overlay.header_macros.keys():
        overlay.header_macros = {}
        for m in shared:
            if m.name in usable:
                overlay.header_macros.setdefault(m.name, []).append(m)


def build_model(opts: Options, out: Path, warn: Callable[[str], None], progress: Progress | None = None) -> dict:
    """Analyse a kernel tree (the current directory) part by part and write the external summaries of
    its functions to ``out`` (kernelmodel.ModelWriter: all or nothing)."""
    for need in ("Makefile", "include/linux", "kernel", "mm"):
        if not os.path.exists(need):
            raise km.ModelError(f"{os.getcwd()}: not a kernel tree (no {need})")
    know = knowledge.load(opts.knowledge_files)
    tops = sorted({t.split("/")[0] for group in MODEL_ORDER for t in group} - {"arch"}) + ["arch/x86"]
    found, warnings = discover.discover([t for t in tops if os.path.isdir(t)], opts.exclude)
    for w in warnings:
        warn(w)
    classes: dict[int, list[str]] = {}
    for sf in _model_files([sf.path for sf in found if sf.path not in OTHER_CONFIGURATIONS]):
        k = _model_class(sf)
        if k < len(MODEL_ORDER):
            classes.setdefault(k, []).append(sf)
    groups = [g for k in sorted(classes) for g in parts.parts(sorted(classes[k]), MODEL_PART_FILES)]
    tmp = None
    if opts.cache_dir is None:  # the second pass reads facts back: a private cache for this build
        tmp = tempfile.TemporaryDirectory(prefix="kmemlint-model-")
        opts = dataclasses.replace(opts, cache_dir=Path(tmp.name))
    salt = cache_mod.salt(know.digest)
    store = cache_mod.Cache(opts.cache_dir, salt, warn)
    writer = km.ModelWriter(out, {"tree": os.path.basename(os.getcwd()), "kernel": _release("Makefile"),
                                  "kmemlint": cache_mod.__version__, "files": str(len(found))})
    files = Files.to_read(opts, [sf.path for sf in found], store, salt, warn)
    headers = [k for k, g in enumerate(groups) if _model_class(g[0]) == _model_class("include")]
    base = len(headers)
    files.start([groups[k] for k in headers] + groups, None)
    overlay = km.Overlay()
    try:
        # first the headers' facts: their structs are visible to every part (ops members' types)
        type_files = sorted((ff._replace(functions=(), initializers=(), suppressions=(), types=None)
                             for j in range(base) for ff in files.peek(j)), key=lambda f: f.path)
        # the shared headers' macros: expanded in every part, and stored (kernelmodel.ModelWriter)
        known = frozenset(n for sec in ("sleepers", "allocators", "releases", "atomic", "dma")
                          for n in know.sections.get(sec, {})) | UNDERSTOOD
        locking = frozenset(know.sections.get("atomic", {}))
        shared = [m for ff in type_files for m in getattr(ff, "macros", ())]
        writer.add_macros(shared, known, locking)
        calls = km.macro_calls(shared)

        def analyse(k: int, again: bool, externals) -> parts.Part:
            _expandable(overlay, shared, known, locking, calls)
            with files.facts(base + k, groups[k], again, None) as (held, presized):
                program = finish(held, [], know, opts, files.stats, None, None, presized, externals,
                                 type_files).program
            with stagetimes.stage("export summaries"):
                part = parts.summarise(program, None, export=True)
            writer.add(k, *part.exported)
            if progress:
                progress("files", sum(1 for p in files.seen if p in files.keys or p in files.notes), len(found), 0)
            return part

        _, passes = parts.analyse_in_parts(len(groups), analyse, overlay=overlay, rounds=MODEL_ROUNDS)
    finally:
        files.close()
    second = str(len(passes[0]) if passes else 0)
    later = "+".join(str(len(p)) for p in passes[1:]) or "0"
    writer.meta["second pass parts"] = second
    writer.meta["later passes parts"] = later
    writer.commit()
    if tmp is not None:
        tmp.cleanup()
    return {"files": sum(map(len, groups)), "parts": len(groups),
            "second pass": second, "later passes": later,
            "functions": len({n for n, _, _ in writer.rows}), "definitions": len(writer.rows),
            "ops members": sum(1 for m, o in writer.ops.items() if o.context and not km.is_fn_key(m)),
            "atomic callers": sum(1 for m in writer.ops if km.is_fn_key(m)), "skipped": len(files.stats.skipped)}
