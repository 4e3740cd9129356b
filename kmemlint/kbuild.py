"""Compiler command lines as input: Kbuild's checker call and compile_commands.json.

Kbuild runs ``$(CHECK) $(CHECKFLAGS) $(c_flags) file.c`` (scripts/Makefile.build, ``C=1``/``C=2``)
with about a hundred gcc flags. kmemlint keeps ``-I``, ``-D``/``-U``, ``-include`` and ``-isystem``
(for analyses that evaluate sizes), ignores every other flag (it never writes the ``-Wp,-MMD``
dependency file), and analyses the last C file of the line, as scripts/coccicheck does.
These arguments must never reach click's option parser: ``-falign-jumps=1`` would be read as the
short-option cluster ``-f -a -l -i -g -n -j umps=1``.
"""
from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass, field

#: gcc options whose value is the next argument when not attached
_WITH_VALUE = {"-I", "-D", "-U", "-include", "-isystem", "-idirafter", "-iquote", "-imacros", "-o", "-x",
               "-MF", "-MT", "-MQ", "-Xassembler", "-Xlinker", "-Xpreprocessor", "--param", "-aux-info"}
#: arguments that only a compiler command line has. ``-D``, ``-I`` and ``--arch`` are not among
#: them: they are options of ``kmemlint check`` too, and an option of the default command must never
#: change its mode. Kbuild's command always has some of these (CHECKFLAGS: ``-Wbitwise``, ``-m64``;
#: c_flags: ``-nostdinc``, ``-Wp,-MMD,...``, ``-f...``).
_GCC_LIKE = re.compile(r"^(-[UWfmO]|-include$|-isystem$|-idirafter$|-nostdinc$|-std=|--param|-pg$|-g$|-c$)")


class CommandError(Exception):
    """A command line or compilation database kmemlint cannot use: one line, exit 2."""


@dataclass
class Flags:
    files: list[str] = field(default_factory=list)
    include_dirs: list[str] = field(default_factory=list)
    defines: list[tuple[str, str]] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)
    #: entries left out (a compilation database older than the tree): one line each
    warnings: list[str] = field(default_factory=list)

    def merge(self, other: "Flags") -> None:
        for mine, theirs in ((self.include_dirs, other.include_dirs), (self.includes, other.includes),
                             (self.defines, other.defines)):
            for v in theirs:
                if v not in mine:
                    mine.append(v)


def looks_like_compiler_args(args: list[str]) -> bool:
    """A C file plus gcc-style flags: how ``CHECK=kmemlint`` is called by Kbuild."""
    return any(a.endswith(".c") and not a.startswith("-") for a in args) and any(_GCC_LIKE.match(a) for a in args)


def parse_args(args: list[str], directory: str = "") -> Flags:
    """The file(s) and preprocessor settings of a gcc-style argument list (without argv[0]).

    ``directory`` makes relative ``-I``/``-include`` paths absolute (compile_commands.json)."""
    out = Flags()

    def path(p: str) -> str:
        return os.path.normpath(os.path.join(directory, p)) if directory else p

    i = 0
    while i < len(args):
        a = args[i]
        value = None
        opt = a
        if a in _WITH_VALUE:
            value = args[i + 1] if i + 1 < len(args) else ""
            i += 1
        elif a[:2] in ("-I", "-D", "-U") and len(a) > 2:
            opt, value = a[:2], a[2:]
        elif a.startswith("-isystem") and len(a) > 8:
            opt, value = "-isystem", a[8:]
        i += 1
        if opt in ("-I", "-isystem", "-idirafter", "-iquote"):
            out.include_dirs.append(path(value))
        elif opt == "-D":
            name, _, val = value.partition("=")
            out.defines.append((name, val if "=" in value else "1"))
        elif opt == "-U":
            out.defines = [d for d in out.defines if d[0] != value]
        elif opt in ("-include", "-imacros"):
            out.includes.append(path(value))
        elif value is None and not a.startswith("-") and a:
            out.files.append(a)
    return out


def checker_file(args: list[str]) -> Flags:
    """Kbuild's call: the last C file given is the one to check."""
    flags = parse_args(args)
    c_files = [f for f in flags.files if f.endswith(".c")]
    if not c_files:
        raise CommandError("kbuild: no .c file in the command line (expected Kbuild's "
                           "'$(CHECK) $(CHECKFLAGS) $(c_flags) file.c')")
    flags.files = [c_files[-1]]
    return flags


def compile_commands(db_path: str) -> Flags:
    """Every C file of a compilation database (``command`` strings or ``arguments`` lists), with
    the union of their -I/-D/-include settings in order of appearance. An entry whose file is
    gone is left out with a warning (``Flags.warnings``), not an error: one stale entry must not
    stop the analysis of the others."""
    try:
        with open(db_path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise CommandError(f"{db_path}: cannot read: {e.strerror or e}") from None
    except (ValueError, UnicodeDecodeError) as e:
        raise CommandError(f"{db_path}: not a compilation database (invalid JSON: {e})") from None
    if not isinstance(data, list):
        raise CommandError(f"{db_path}: not a compilation database (expected a list of entries)")
    out = Flags()
    seen: set[str] = set()
    for i, entry in enumerate(data):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not isinstance(entry.get("directory", ""), str):
            raise CommandError(f"{db_path}: entry {i}: expected 'directory', 'file' and 'command' or 'arguments'")
        directory = entry.get("directory") or os.path.dirname(os.path.abspath(db_path))
        if isinstance(entry.get("arguments"), list):
            argv = [str(a) for a in entry["arguments"]]
        elif isinstance(entry.get("command"), str):
            try:
                argv = shlex.split(entry["command"])
            except ValueError as e:
                raise CommandError(f"{db_path}: entry {i}: cannot split 'command': {e}") from None
        else:
            raise CommandError(f"{db_path}: entry {i}: expected 'command' (a string) or 'arguments' (a list)")
        flags = parse_args(argv[1:], directory)
        out.merge(flags)
        file = os.path.normpath(os.path.join(directory, entry["file"]))
        if file.endswith(".c") and file not in seen:
            seen.add(file)
            if os.path.isfile(file):
                out.files.append(file)
            else:  # a stale entry (the file was removed or renamed since the database was made)
                out.warnings.append(f"{db_path}: entry {i}: {file}: skipped: no such file")
    return out
