"""Whole-program view: every file's facts analysed together, with name resolution.

A static function resolves inside its own file; any other name resolves to the non-static
definition in any file given on the command line (the first by path, for determinism).
Cross-function summaries (wrapper allocators, member provenance, may-sleep, atomic entry) are
computed here lazily, once per run, by the analyses that need them.
"""
from __future__ import annotations

import os
from typing import Iterator

from kmemlint.frontend.facts import FileFacts, FunctionFacts
from kmemlint.knowledge import Knowledge


#: the top directories of a kernel tree that hold drivers (leaf modules) rather than the core
DRIVER_DIRS = ("drivers", "sound")


def driver_private(path: str) -> bool:
    """A file of a driver directory (``DRIVER_DIRS``) rather than of the kernel's core."""
    p = "/" + path.replace(os.sep, "/")
    return any(f"/{d}/" in p for d in DRIVER_DIRS)


#: ...except the driver core, built in (drivers/base/Makefile ``obj-y := component.o core.o ...``),
#: which the rest of the core calls as it calls kernel/ (fs/char_dev.c cdev_add() ->
#: drivers/base/map.c kobj_map(), a file that exports nothing) and which calls the core's
#: unexported functions itself (drivers/base/core.c dev_set_name() -> lib/kobject.c
#: kobject_set_name_vargs())
CORE_DRIVERS = ("drivers/base/",)


def built_in(path: str) -> bool:
    """A file of the kernel's core or of the driver core: linked into the kernel, it calls any
    global function of the core, exported or not."""
    return not driver_private(path) or tree_relative(path).startswith(CORE_DRIVERS)


def fid(fn) -> tuple:
    """A function's identity for the per-function summaries and caches: a file may define one
    static name twice (configuration variants under #ifdef/#else: tpm_atmel.h's
    atmel_put_base_addr() calls iounmap() for CONFIG_PPC64 and nothing otherwise), so the name and
    path are not enough."""
    return fn.path, fn.name, fn.loc.line, fn.loc.col


def is_header(path: str) -> bool:
    return path.endswith(".h")



#: top-level directories of a kernel tree: where a path of the analysed files starts being relative
#: to its kernel tree
TOP_DIRS = frozenset(("arch", "block", "certs", "crypto", "drivers", "fs", "include", "init", "io_uring",
                      "ipc", "kernel", "lib", "mm", "net", "security", "sound", "virt"))


def tree_relative(path: str) -> str:
    """``/src/linux/drivers/usb/x.c`` -> ``drivers/usb/x.c`` (unchanged when no kernel top directory)."""
    parts = path.replace(os.sep, "/").split("/")
    for i, p in enumerate(parts[:-1]):
        if p in TOP_DIRS:
            return "/".join(parts[i:])
    return path


def fn_key(name: str, path: str) -> str:
    """The ops-table key of a global function the kernel calls in atomic context (atomic.py
    atomic_callees(), kernelmodel.Externals.atomic_caller()): ``fn:NAME@tree/relative/path.c``."""
    return f"fn:{name}@{tree_relative(path)}"


def is_fn_key(member: str) -> bool:
    """Whether an ops-table key is a function's (fn_key()), not a ``struct S.member``."""
    return member.startswith("fn:")


def nest(a: str, b: str) -> bool:
    """Directories of one module tree: equal, or one inside the other."""
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def visible(def_path: str, from_path: str) -> bool:
    """Whether a definition in ``def_path`` can be what a call in ``from_path`` reaches, judged by
    where it is: a header's function is compiled into the files that include the header, which are
    those of its own module tree unless it is a shared header of an ``include/`` directory
    (a driver's mt7601u.h ``mt76_wr()`` is not the one sibling mt76's files call)."""
    if not is_header(def_path):
        return True
    return "/include/" in "/" + def_path.replace(os.sep, "/") or \
        nest(os.path.dirname(from_path), os.path.dirname(def_path))


class Program:
    def __init__(self, files: list[FileFacts], knowledge: Knowledge, externals=None,
                 type_files: tuple[FileFacts, ...] = ()) -> None:
        self.files = sorted(files, key=lambda f: f.path)
        self.knowledge = knowledge
        #: headers whose struct and global declarations are visible but whose functions are analysed
        #: elsewhere (``kmemlint model build``: include/ for every part of the tree)
        self.type_files = tuple(f for f in type_files if f.path not in {g.path for g in self.files})
        #: what answers for functions no analysed file defines (kernelmodel.Externals), or None
        self.externals = externals
        self._global: dict[str, FunctionFacts] = {}
        #: every global definition of a name: sibling drivers define the same names (mt7601u's own
        #: mt76_rr() beside mt76's macro), and a call reaches the one of its own module tree
        self._globals: dict[str, list[FunctionFacts]] = {}
        self._static: dict[tuple[str, str], FunctionFacts] = {}
        #: name -> headers defining a static (inline) function of that name: visible to the files
        #: that include the header (approximated by ``visible``)
        self._inline: dict[str, list[str]] = {}
        #: (header, name) of a static inline the header also declares as a prototype: the other
        #: configuration's variant of a function defined in a .c file (include/linux/devcoredump.h
        #: dev_coredumpm_timeout(), which in the !CONFIG_DEV_COREDUMP stub only frees the data)
        self._variants: set[tuple[str, str]] = set()
        for f in self.files:
            protos = set(getattr(f, "prototypes", ()))
            for fn in f.functions:
                if fn.static and fn.name in protos:
                    self._variants.add((f.path, fn.name))
                if fn.static:
                    # configuration variants of one static function: a header's, the one that does
                    # least (#ifdef CONFIG_HIGHMEM kunmap() with might_sleep(), #else a no-op); a .c
                    # file's, the body rather than its #else stub, as for its global functions
                    # (kernel/irq/irqdomain.c irq_domain_free_one_irq() under
                    # CONFIG_IRQ_DOMAIN_HIERARCHY, an empty function otherwise)
                    old = self._static.get((f.path, fn.name))
                    if old is None or (len(fn.calls) < len(old.calls)) == is_header(f.path) \
                            and len(fn.calls) != len(old.calls):
                        self._static[(f.path, fn.name)] = fn
                    if old is None and is_header(f.path):
                        self._inline.setdefault(fn.name, []).append(f.path)
                else:
                    self._global.setdefault(fn.name, fn)
                    self._globals.setdefault(fn.name, []).append(fn)
        self._cache: dict[str, object] = {}
        self._found: dict[tuple[str, str], FunctionFacts | None] = {}
        self._external: dict[tuple[str, str], object] = {}
        #: function-like macros a file sees from itself and its directory's headers: the
        #: preprocessor replaces such a name before any function of another file could be called
        self._macros: dict[str, set[str]] = {}
        for f in self.files:
            names = {m.name for m in getattr(f, "macros", ())} | set(getattr(f, "macro_names", ()))
            if names:
                self._macros.setdefault(f.path, set()).update(names)
                if is_header(f.path):
                    self._macros.setdefault(os.path.dirname(f.path) + "/", set()).update(names)

    def functions(self) -> Iterator[FunctionFacts]:
        for f in self.files:
            yield from f.functions

    def file(self, path: str):
        """The facts of the analysed file ``path``, or None."""
        return self.summary("files-by-path", lambda p: {f.path: f for f in p.files}).get(path)

    def lookup(self, name: str, from_path: str) -> FunctionFacts | None:
        """The definition a call to ``name`` in file ``from_path`` reaches, if it was analysed: the
        file's own static one, else a header's static inline one the file can see (unless it is a
        do-nothing configuration stub, or a variant the header also declares, and a real
        definition exists), else of several global
        definitions the one nearest to the caller. (Memoised: a part asks millions of times.)"""
        key = (name, from_path)
        try:
            return self._found[key]
        except KeyError:
            got = self._found[key] = self._lookup(name, from_path)
            return got

    def _lookup(self, name: str, from_path: str) -> FunctionFacts | None:
        got = self._static.get((from_path, name))
        if got is not None and not self.yields(from_path, name):
            # the file also defines a function-like macro of the name: one is a configuration's
            # variant of the other (drivers/mtd/chips/cfi_cmdset_0002.c: ``#ifdef CONFIG_MTD_XIP``
            # xip_disable() disables interrupts, ``#else`` it is an empty macro), and like macro
            # variants that differ, the two say nothing together
            return None if name in self._macros.get(from_path, ()) else got
        here = os.path.dirname(from_path)
        if self.shadowed(name, from_path):
            return None
        inline = [self._static[(h, name)] for h in self._inline.get(name, ())
                  if visible(h, from_path) and not self.yields(h, name)]
        inline = [d for d in inline if d.calls] or inline
        defs = self._globals.get(name)
        if inline and (inline[0].calls or not defs):
            defs = inline
        if not defs or len(defs) == 1:
            return defs[0] if defs else None
        return max(defs, key=lambda d: (len(os.path.commonpath([here, os.path.dirname(d.path)]))
                                        if os.path.isabs(here) == os.path.isabs(d.path) else 0, -defs.index(d)))

    def yields(self, header: str, name: str) -> bool:
        """Whether ``header``'s static inline ``name`` is a configuration variant that a real
        definition replaces: one in a .c file of the program, or one outside it (earlier parts, the
        kernel model) that says something."""
        if (header, name) not in self._variants:
            return False
        if any(not is_header(d.path) for d in self._globals.get(name, ())):
            return True
        ext = self.external(name, header)
        return ext is not None and not is_header(ext.path) and ext.interesting()

    def shadowed(self, name: str, from_path: str) -> bool:
        """Whether ``name`` is a function-like macro in ``from_path`` or its directory's headers:
        exynos_drm_gsc.c's ``gsc_read()`` (readl()) is not gateworks-gsc.c's exported function."""
        return name in self._macros.get(from_path, ()) or \
            name in self._macros.get(os.path.dirname(from_path) + "/", ())

    def external(self, name: str, from_path: str, nargs: int | None = None):
        """The summary of ``name`` from outside the analysed files (earlier parts of the run, the
        kernel model), when no analysed file defines it nor a macro of the caller's shadows it: a
        ``kernelmodel.External`` or None; ``nargs``: a call's arguments (``kernelmodel.pick``). (Memoised: the stores do not change while a program is
        analysed, and the analyses ask ~150,000 times for three files of drivers/net.)"""
        key = (name, from_path, nargs)
        try:
            return self._external[key]
        except KeyError:
            pass
        got = None
        if self.externals is not None and name and not self.shadowed(name, from_path):
            got = self.externals.lookup(name, from_path, nargs)
        self._external[key] = got
        return got

    def release(self) -> None:
        """Drop the summaries and facts: the summaries point back at their program, a cycle that
        only the (slow, whole-heap) cyclic collector would otherwise free."""
        self._cache.clear()
        self._found.clear()
        self._external.clear()
        self._global.clear()
        self._static.clear()
        self.files = []

    def summary(self, key: str, compute):
        """A whole-program summary computed once per run (``compute(program)``)."""
        if key not in self._cache:
            self._cache[key] = compute(self)
        return self._cache[key]
