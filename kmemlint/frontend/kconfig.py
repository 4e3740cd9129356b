"""What a kernel tree's Kconfig and Makefiles say about where a file is built: the configuration
symbols that build it (its directory's Makefile ``obj-$(CONFIG_FOO) += foo.o``, a composite
object's ``foo-y``/``foo-objs``, and each parent directory's ``obj-$(CONFIG_BAR) += dir/``), what
those symbols require (``depends on``, the ``if``/``menu``/``choice`` blocks around them, followed
from the root Kconfig through ``source``), and so whether a feature an architecture selects
(``select HAVE_ARCH_VMAP_STACK if X86_64``) can be on where the file is built.

The answer is "impossible" only when it is proven from literal requirements: a chain of ``depends
on A && !B`` conjuncts reaching symbols that only one architecture's Kconfig defines, and every
select of the feature by that architecture contradicting them (drivers/cpufreq/speedstep-smi.c:
``X86_SPEEDSTEP_SMI`` depends on ``X86_32``, ``!64BIT``; arch/x86/Kconfig selects
HAVE_ARCH_VMAP_STACK only ``if X86_64``, which depends on ``64BIT``). A disjunction (``depends on
PARISC || COMPILE_TEST``), a file no Makefile names, or a tree without Kconfig, answer "possible".
Read lazily, once per tree, only when a rule asks (Documentation/kbuild/kconfig-language.rst,
makefiles.rst)."""
from __future__ import annotations

import functools
import glob
import os
import re
from dataclasses import dataclass, field

_SOURCE = re.compile(r'^\s*(o?r?source)\s+"([^"]+)"')
_CONFIG = re.compile(r"^\s*(?:menu)?config\s+(\w+)")
_DEPENDS = re.compile(r"^\s*depends\s+on\s+(.+)")
_SELECT = re.compile(r"^\s*select\s+(\w+)(?:\s+if\s+(.+))?")
_DEFAULT = re.compile(r"^\s*default\s+(.+)")
_DEF_BOOL = re.compile(r"^\s*def_(?:bool|tristate)\s+(.+)")
_PROMPT = re.compile(r'^\s*(?:(?:bool|tristate|string|int|hex)\s+"|prompt\s+")')
_SYMBOL = re.compile(r"!?\s*[A-Za-z0-9_]+")
#: a Makefile assignment: ``obj-$(CONFIG_FOO) += a.o b/``, ``foo-y := a.o``, ``foo-objs += b.o``
_ASSIGN = re.compile(r"^([\w.-]+?)-(y|objs|\$\(CONFIG_(\w+)\))\s*[:+]?=\s*(.*)$")

#: the depth to which a symbol's requirements are followed into the requirements of what it requires
_DEPTH = 12


def _conjuncts(expr: str) -> list[str]:
    """The literal conjuncts (``SYM``, ``!SYM``) of an expression. Any other conjunct (a
    disjunction, a comparison) is left out: a weaker requirement, never a wrong one."""
    expr = re.sub(r"#.*", "", expr).strip()
    out = []
    for part in _split_and(expr):
        part = stripped = part.strip()
        while stripped.startswith("(") and stripped.endswith(")") and _balanced(stripped[1:-1]):
            stripped = stripped[1:-1].strip()
        if stripped != part:
            out += _conjuncts(stripped)
        elif _SYMBOL.fullmatch(part):
            out.append(part.replace(" ", ""))
    return out


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _split_and(expr: str) -> list[str]:
    parts, depth, cur, i = [], 0, "", 0
    while i < len(expr):
        ch = expr[i]
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and expr.startswith("&&", i):
            parts.append(cur)
            cur, i = "", i + 2
            continue
        cur += ch
        i += 1
    return parts + [cur]


@dataclass
class Definition:
    path: str            # the Kconfig file, relative to the tree
    arch: str | None     # arch/<arch>/...: the architecture only it defines the symbol for
    requires: list[str] = field(default_factory=list)   # literal conjuncts
    prompt: bool = False
    defaults: list[str] = field(default_factory=list)
    def_bool: str | None = None
    choice: int | None = None


@dataclass
class _Requirement:
    pos: set[str]
    neg: set[str]
    arches: set[str]
    choices: dict[int, set[str]]

    def consistent(self) -> bool:
        return not self.pos & self.neg and len(self.arches) <= 1 and all(len(s) <= 1 for s in self.choices.values())


class Kconfig:
    """The symbols of one kernel tree's Kconfig, and the Makefile symbols of its files."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.defs: dict[str, list[Definition]] = {}
        #: feature -> (the symbol whose block selects it, the literal conjuncts of its ``if``)
        self.selects: dict[str, list[tuple[str, list[str]]]] = {}
        self._choices = 0
        arch_dir = os.path.join(root, "arch")
        self._arches = sorted(d for d in os.listdir(arch_dir) if os.path.isfile(os.path.join(arch_dir, d, "Kconfig"))) \
            if os.path.isdir(arch_dir) else []
        self._read("Kconfig", [], set())

    # --- Kconfig ---------------------------------------------------------------------------
    def _read(self, rel: str, context: list[str], seen: set[str]) -> None:
        if rel in seen:
            return
        seen.add(rel)
        try:
            with open(os.path.join(self.root, rel), encoding="utf-8", errors="replace") as fh:
                lines = fh.read().replace("\\\n", " ").splitlines()
        except OSError:
            return
        arch = rel.split("/")[1] if rel.startswith("arch/") and rel.count("/") >= 2 else None
        stack: list[tuple[str, list[str], int | None]] = []   # (kind, conditions, choice id)
        current: tuple[str, Definition] | None = None
        pending: list[str] | None = None          # the conditions of a menu/choice taking depends lines

        def conds() -> list[str]:
            return context + [c for _, cs, _ in stack for c in cs]

        def choice() -> int | None:
            return next((c for k, _, c in reversed(stack) if k == "choice"), None)

        help_at: int | None = None    # the indentation of a help keyword whose text is being skipped
        help_text: int | None = None
        for line in lines:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            indent = len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())
            if help_at is not None:
                if help_text is None and indent > help_at:
                    help_text = indent
                if help_text is not None and indent >= help_text:
                    continue
                help_at = help_text = None
            word = s.split(None, 1)[0]
            if word in ("help", "---help---"):
                help_at = indent
                continue
            m = _SOURCE.match(line)
            if m is not None:
                current = pending = None
                self._source(m.group(1), m.group(2), rel, conds(), seen)
                continue
            if word in ("if", "menu", "choice", "endif", "endmenu", "endchoice", "comment", "mainmenu"):
                current = None
                if word == "if":
                    stack.append(("if", _conjuncts(s[2:]), None))
                elif word in ("menu", "choice"):
                    cid = None
                    if word == "choice":
                        self._choices += 1
                        cid = self._choices
                    stack.append((word, [], cid))
                    pending = stack[-1][1]
                    continue
                elif word in ("endif", "endmenu", "endchoice") and stack:
                    stack.pop()
                pending = None
                continue
            m = _CONFIG.match(line)
            if m is not None:
                pending = None
                d = Definition(rel, arch, requires=conds(), choice=choice())
                self.defs.setdefault(m.group(1), []).append(d)
                current = (m.group(1), d)
                continue
            m = _DEPENDS.match(line)
            if m is not None:
                lits = _conjuncts(m.group(1))
                if current is not None:
                    current[1].requires += lits
                elif pending is not None:
                    pending.extend(lits)
                continue
            if current is None:
                continue
            name, d = current
            if _PROMPT.match(line):
                d.prompt = True
            m = _SELECT.match(line)
            if m is not None:
                self.selects.setdefault(m.group(1), []).append(
                    (name, _conjuncts(m.group(2) or "")))
                continue
            m = _DEF_BOOL.match(line)
            if m is not None:
                d.def_bool = m.group(1).strip()
                continue
            m = _DEFAULT.match(line)
            if m is not None:
                d.defaults.append(m.group(1).strip())

    def _source(self, kind: str, path: str, rel: str, context: list[str], seen: set[str]) -> None:
        if kind in ("rsource", "orsource"):
            path = os.path.join(os.path.dirname(rel), path)
        paths = [path]
        if "$(SRCARCH)" in path or "$(HEADER_ARCH)" in path:
            paths = [re.sub(r"\$\((SRCARCH|HEADER_ARCH)\)", a, path) for a in self._arches]
        for p in paths:
            if "$(" in p:
                continue
            matches = sorted(glob.glob(os.path.join(self.root, p))) if any(c in p for c in "*?[") else [
                os.path.join(self.root, p)]
            for full in matches:
                self._read(os.path.relpath(full, self.root), context, seen)

    # --- requirements ----------------------------------------------------------------------
    @functools.lru_cache(maxsize=None)
    def _own(self, name: str) -> tuple[frozenset[str], str | None, int | None]:
        """(the literals every definition of ``name`` requires, the one architecture defining it or
        None, its choice when it has one definition in a choice)."""
        defs = self.defs.get(name, [])
        if not defs:
            return frozenset(), None, None
        common = None
        for d in defs:
            lits = set(d.requires)
            if not d.prompt:  # a promptless symbol is its default's condition: PPC32 = !PPC64
                expr = d.def_bool if d.def_bool is not None else (
                    d.defaults[0] if len(d.defaults) == 1 and re.match(r"y\s+if\s", d.defaults[0]) else None)
                if expr is not None:
                    lits |= set(_conjuncts(re.sub(r"^y\s+if\s+", "", expr))) - {"y", "n", "m"}
            common = lits if common is None else common & lits
        arches = {d.arch for d in defs}
        arch = arches.pop() if len(arches) == 1 else None
        return frozenset(common or ()), arch, defs[0].choice if len(defs) == 1 else None

    def _close(self, lits) -> _Requirement:
        req = _Requirement(set(), set(), set(), {})
        todo = [(lit, 0) for lit in lits]
        while todo:
            lit, depth = todo.pop()
            if lit.startswith("!"):
                req.neg.add(lit[1:])
                continue
            if lit in req.pos or lit in ("y", "m"):
                continue
            req.pos.add(lit)
            own, arch, choice = self._own(lit)
            if arch is not None:
                req.arches.add(arch)
            if choice is not None:
                req.choices.setdefault(choice, set()).add(lit)
            if depth < _DEPTH:
                todo += [(x, depth + 1) for x in own]
        return req

    def possible(self, symbols: list[str], feature: str) -> bool:
        """Whether a configuration that enables every one of ``symbols`` may also select
        ``feature``: False only when proven impossible."""
        req = self._close(symbols)
        if not req.consistent() or len(req.arches) != 1:
            return True   # (nothing proven: no architecture of its own, or a requirement not understood)
        arch = next(iter(req.arches))
        for sym, cond in self.selects.get(feature, []):
            if self._own(sym)[1] not in (arch, None):
                continue  # another architecture's select
            if self._close([*req.pos, *("!" + n for n in req.neg), sym, *cond]).consistent():
                return True
        return False

    # --- Makefiles -------------------------------------------------------------------------
    @functools.lru_cache(maxsize=None)
    def _makefile(self, directory: str) -> list[tuple[str, str | None, list[str]]]:
        """(target, CONFIG symbol or None for ``-y``/``-objs``, objects) of a directory's Makefile
        or Kbuild."""
        out = []
        for name in ("Makefile", "Kbuild"):
            try:
                with open(os.path.join(self.root, directory, name), encoding="utf-8", errors="replace") as fh:
                    text = fh.read().replace("\\\n", " ")
            except OSError:
                continue
            for line in text.splitlines():
                m = _ASSIGN.match(line.strip())
                if m is not None:
                    out.append((m.group(1), m.group(3), m.group(4).split("#", 1)[0].split()))
        return out

    def _object_symbols(self, directory: str, obj: str, depth: int = 0) -> list[str] | None:
        """The symbols that must be on for ``obj`` (``foo.o`` or ``sub/``) of ``directory`` to be
        built, or None when the Makefile does not say (named by several lines, or not at all)."""
        lines = [(t, sym) for t, sym, objs in self._makefile(directory) if obj in objs]
        if len(lines) != 1 or depth > 4:
            return None
        target, sym = lines[0]
        out = [sym] if sym else []
        if target in ("obj", "lib", "core", "drivers", "subdir"):
            return out
        inner = self._object_symbols(directory, target + ".o", depth + 1)  # a composite object
        return None if inner is None else out + inner

    def file_symbols(self, rel: str) -> list[str] | None:
        """The symbols that build the tree file ``rel`` (its Makefile's and its directories'), or
        None when its own Makefile does not name it."""
        directory, base = os.path.split(rel)
        own = self._object_symbols(directory, os.path.splitext(base)[0] + ".o")
        if own is None:
            return None
        out = list(own)
        while directory:
            parent, sub = os.path.split(directory)
            up = self._object_symbols(parent, sub + "/")
            if up:
                out += up
            directory = parent
        return out


@functools.lru_cache(maxsize=4)
def load(root: str) -> Kconfig | None:
    """The tree's Kconfig, or None when ``root`` has none."""
    return Kconfig(root) if os.path.isfile(os.path.join(root, "Kconfig")) else None


def feature_possible(path: str, feature: str) -> bool:
    """Whether ``feature`` may be on in a configuration that builds the file ``path`` of a kernel
    tree: False only when the tree's Makefiles and Kconfig prove it cannot."""
    from kmemlint.frontend.sizes import find_kernel_root

    root = find_kernel_root(path)
    kc = load(str(root)) if root is not None else None
    if kc is None:
        return True
    symbols = kc.file_symbols(os.path.relpath(os.path.realpath(path), os.path.realpath(root)))
    return True if not symbols else kc.possible(symbols, feature)
