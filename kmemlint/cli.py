"""Command line: ``kmemlint [OPTIONS] PATH...``, ``kmemlint rules``.

Exit codes: 0 no findings, 1 findings, 2 usage, configuration, input or internal error. Every error
is one line on stderr, never a traceback.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from pathlib import Path

import click

from kmemlint import __version__, baseline as baseline_mod, cache as cache_mod, config as config_mod, gitdiff, kbuild, \
    knowledge, modelbuild, output as output_mod, pipeline, registry
from kmemlint.progress import Progress
from kmemlint.frontend.discover import InputError
from kmemlint.engine import RuleCrash
from kmemlint.knowledge import KnowledgeError
from kmemlint.program.kernelmodel import ModelError
from kmemlint.model import Severity
from kmemlint.report import FORMATS as report_formats
from kmemlint.report.columns import Unit

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = tuple(report_formats)
LEVELS = ("error", "warning", "note")
COLUMN_UNITS = {"display": Unit.DISPLAY, "byte": Unit.BYTE, "char": Unit.CODE_POINT}


class Fatal(click.ClickException):
    """An error that ends the run with exit 2 (click's own ClickException exits 1)."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(f"kmemlint: error: {self.format_message()}", err=True)


class Interrupted(Fatal):
    """The run was stopped by a signal: ``kmemlint: interrupted``, exit 128 + signal number."""

    def __init__(self, what: str, code: int) -> None:
        super().__init__(what)
        self.exit_code = code

    def show(self, file=None) -> None:
        click.echo(f"kmemlint: {self.format_message()}", err=True)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the parent is, so that the same cleanup as for Ctrl-C runs."""


@contextlib.contextmanager
def _terminate_as_interrupt():
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum, frame):
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _one_line(e: click.UsageError) -> Fatal:
    """click's usage error (``Usage: ...``, ``Try ...``, ``Error: ...``) as one line, exit 2."""
    return Fatal(e.format_message())


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(i.strip() for v in values for i in v.split(",") if i.strip())


def _word(arg: str) -> bool:
    """Whether *arg* reads as a subcommand name rather than a path or an option."""
    return arg.isascii() and arg.replace("-", "").isalpha() and not arg.startswith("-")


class DefaultGroup(click.Group):
    """``kmemlint PATH...`` runs ``check``: the default command when the first argument is not a
    subcommand. Subcommand names win; check a directory named like one as ``./rules``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not os.path.exists(args[0]) and _word(args[0]):
            hint = registry.did_you_mean(args[0], self.commands)
            if hint:  # kmemlint chek: a mistyped subcommand, not a missing path
                raise Fatal(f"no such command '{args[0]}'{hint}")
        if args and args[0] not in self.commands and kbuild.looks_like_compiler_args(args):
            args = ["kbuild", "--", *args]  # CHECK=kmemlint: Kbuild's flags never reach click's parser
        elif not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = ["check", *args]
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as e:
            raise _one_line(e) from None

    def invoke(self, ctx):
        """An unexpected exception (a bug, a crashed worker, no memory) is still one line and exit 2:
        in Kbuild mode anything else than 0 must mean a real failure, never a traceback.
        SIGINT and SIGTERM end the run with one line and 130 / 143 (the workers are ended first,
        by the pipeline's cleanup)."""
        try:
            with _terminate_as_interrupt():
                return super().invoke(ctx)
        except click.UsageError as e:
            raise _one_line(e) from None
        except _Terminated:
            raise Interrupted("terminated", 128 + signal.SIGTERM) from None
        except KeyboardInterrupt:
            raise Interrupted("interrupted", 128 + signal.SIGINT) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except MemoryError:
            raise Fatal("internal error: out of memory") from None
        except Exception as e:  # noqa: BLE001
            raise Fatal(f"internal error: {type(e).__name__}: {e}") from None


def version_text() -> str:
    """``kmemlint 0.1.0 (tree-sitter 0.26.1, tree-sitter-c 0.24.2, Python 3.11.2)``: the parser and the
    C grammar decide what parses, so a report names them."""
    from kmemlint.frontend.parse import parser_versions

    parts = [f"{dist} {version}" for dist, version in parser_versions()]
    return f"kmemlint {__version__} ({', '.join(parts)}, Python {sys.version.split()[0]})"


def _print_version(ctx, _param, value) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, is_eager=True, expose_value=False, callback=_print_version,
              help="Show kmemlint's version and those of tree-sitter and the C grammar.")
def main() -> None:
    """Find memory-allocation bugs in Linux kernel C source, without building the kernel."""


def _color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (hasattr(stream, "isatty") and stream.isatty())


def _load_config(config_path: str | None, isolated: bool) -> config_mod.Config:
    if isolated:
        return config_mod.Config()
    path = Path(config_path) if config_path else config_mod.find(Path.cwd())
    return config_mod.load(path, registry.rule_options())


def _common(f):
    """Options shared by ``check`` and ``kbuild`` (long names only: see kmemlint.kbuild)."""
    for opt in reversed((
        click.option("--select", multiple=True, help="Only these rule ids (comma-separated, repeatable)."),
        click.option("--ignore", multiple=True, help="Skip these rule ids (comma-separated, repeatable)."),
        click.option("--knowledge", "knowledge_files", multiple=True, type=click.Path(dir_okay=False),
                     help="Extra knowledge file (TOML, format of rules/knowledge/*.toml)."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use."),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
                     help="Facts cache directory (default: $KMEMLINT_CACHE_DIR, else $XDG_CACHE_HOME/kmemlint, "
                          "else ~/.cache/kmemlint)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option("--context", type=click.Choice(("dir", "tree", "none")), default="dir", show_default=True,
                     help="When only files are given: cached facts of which other files to use as context."),
        click.option("--kernel-model", "kernel_model", default=None, metavar="FILE|none",
                     help="Kernel model for functions the analysed files do not define (default: the shipped "
                          "Linux 6.12 model; 'none' for none)."),
    )):
        f = opt(f)
    return f


def _setting(key: str) -> click.IntRange:
    """The type of an option that is also a configuration key: the bounds of config.KEYS."""
    s = config_mod.KEYS[key]
    return click.IntRange(min=s.lo, max=s.hi)


PAGE_SIZES = {"4096": 12, "4k": 12, "16384": 14, "16k": 14, "65536": 16, "64k": 16}


def _size_options(f):
    """Options of the size stage, shared by ``check`` and ``cost``."""
    from kmemlint.frontend.allocsites import ARCHES

    for option in reversed((
        click.option("--kernel-root", type=click.Path(file_okay=False), default=None,
                     help="Kernel tree whose headers define sizes (default: found by walking up from each file)."),
        click.option("-I", "--include-dir", "include_dirs", multiple=True, type=click.Path(file_okay=False),
                     help="Extra header directory for size evaluation (repeatable)."),
        click.option("-D", "--define", "defines", multiple=True, metavar="NAME[=VALUE]",
                     help="Macro definition for size evaluation, as for cc -D (repeatable)."),
        click.option("--arch", type=click.Choice(sorted(ARCHES)), default="x86_64", show_default=True,
                     help="Architecture whose type sizes and page size apply."),
        click.option("--page-size", type=click.Choice(sorted(PAGE_SIZES, key=lambda k: (PAGE_SIZES[k], k))),
                     default=None, help="Page size (default: the architecture's, 4096 on x86_64)."),
    )):
        f = option(f)
    return f


def _size_kwargs(kernel_root, include_dirs, defines, arch, page_size) -> dict:
    from kmemlint.frontend.allocsites import ARCHES

    pairs = []
    for d in defines:
        name, _, value = d.partition("=")
        if not name.strip():
            raise Fatal(f"-D {d!r}: missing macro name")
        pairs.append((name.strip(), value if "=" in d else "1"))
    return dict(kernel_root=kernel_root, include_dirs=tuple(include_dirs), defines=tuple(pairs), arch=arch,
                page_shift=PAGE_SIZES[page_size] if page_size else ARCHES[arch])


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@_common
@click.option("--exclude", multiple=True, help="Glob of paths to skip while walking directories (repeatable).")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to paths given explicitly too (pre-commit).")
@click.option("--color", type=click.Choice(("auto", "always", "never")), default="auto", show_default=True)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--max-file-size", type=_setting("max-file-size"), default=None,
              help="Skip files larger than this many bytes (default 8 MiB).")
@click.option("--srcroot", type=click.Path(file_okay=False), default=None,
              help="Directory SARIF paths are relative to (default: the current directory); also the root of "
                   "the paths fingerprints and baselines hash (default: the kernel tree or git repository).")
@click.option("--report-suppressed", is_flag=True, help="Include suppressed and baselined findings in JSON/SARIF.")
@click.option("-j", "--jobs", type=_setting("jobs"), default=0,
              help="Worker processes for parsing (default 0: one per core; 1: none).")
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings not in this baseline file.")
@click.option("--write-baseline", "write_baseline", type=click.Path(dir_okay=False),
              help="Write the current findings as a baseline file (then they are all baselined).")
@click.option("--max-results", type=click.IntRange(min=0), default=None,
              help="At most this many SARIF results, worst first (default 25000, code scanning's limit).")
@click.option("--category", default=None,
              help="SARIF run category for code scanning (automationDetails.id kmemlint/CATEGORY/).")
@click.option("--compile-commands", "compile_db", type=click.Path(dir_okay=False),
              help="Analyse the C files of this compile_commands.json (with its -I/-D flags).")
@click.option("--sort", type=click.Choice(("location", "impact")), default="location", show_default=True,
              help="Order findings by place, or by rank (level, precision and allocation cost) first.")
@click.option("--diff", "diff_rev", metavar="REV", default=None,
              help="Report only findings on lines changed since git revision REV (their location, related "
                   "locations or flow); without paths, analyse the changed C files.")
@click.option("--diff-staged", is_flag=True,
              help="Like --diff, for the changes staged in git's index (the pre-commit hook's default).")
@click.option("--column-unit", type=click.Choice(tuple(COLUMN_UNITS)), default="display", show_default=True,
              help="Columns of the text output: display (tabs to stops of 8, as gcc and sparse), byte, or "
                   "char (Unicode code points, as JSON).")
@click.option("--fail-level", type=click.Choice(LEVELS), default=None,
              help="Exit 1 only for findings of this level or worse (default: note, any finding).")
@_size_options
def check(paths, fmt, output, select, ignore, exclude, force_exclude, knowledge_files, config_path, isolated,
          color, exit_zero, max_file_size, srcroot, report_suppressed, cache_dir, no_cache, context, kernel_model,
          jobs, quiet, baseline_path, write_baseline, max_results, category, compile_db, sort, diff_rev, diff_staged,
          column_unit, fail_level, kernel_root, include_dirs, defines, arch, page_size) -> None:
    """Analyse C files and directories (recursing into *.c and *.h)."""
    from kmemlint.report import ReportContext, render

    changed = _git_changes(diff_rev, diff_staged)
    if changed is not None and not paths and not compile_db:
        paths = tuple(changed.files())  # the changed C files
    elif not paths and not compile_db:
        raise click.UsageError("give files or directories to analyse (or --compile-commands FILE)")
    automation_id = "kmemlint/"
    if category is not None:
        category = category.strip("/")
        if not category or any(c.isspace() for c in category):
            raise Fatal(f"--category {category!r}: expected a non-empty name without spaces")
        automation_id = f"kmemlint/{category}/"
    progress = Progress.for_stream(sys.stderr, quiet)
    progress.begin()
    try:
        for target in (output, write_baseline):
            if target:
                output_mod.check_writable(target)
        cfg = _load_config(config_path, isolated)
        floor = _fail_floor(fail_level or cfg.get("fail-level", "note"))
        flags = kbuild.compile_commands(compile_db) if compile_db else kbuild.Flags()
        for w in flags.warnings:
            _warner(progress)(w)
        sizes = _size_kwargs(kernel_root, include_dirs, defines, arch, page_size)
        flags.include_dirs = list(flags.include_dirs) + list(sizes.pop("include_dirs"))
        flags.defines = list(flags.defines) + list(sizes.pop("defines"))
        opts = _options(cfg, list(paths) + flags.files, select, ignore, knowledge_files, cache_dir, no_cache, context,
                        flags, kernel_model=kernel_model, exclude=tuple(exclude) + cfg.get("exclude", ()), force_exclude=force_exclude,
                        max_file_size=max_file_size or cfg.get("max-file-size", pipeline.DEFAULT_MAX_FILE_SIZE),
                        jobs=jobs if jobs else cfg.get("jobs", 0), **sizes)
        base = baseline_mod.load(baseline_path) if baseline_path and not write_baseline else None
        result = pipeline.run(opts, warn=_warner(progress), progress=progress)
        progress.clear()
        if write_baseline:
            n = baseline_mod.write(write_baseline, result.findings, srcroot)
            click.echo(f"kmemlint: wrote {n} finding{'s' if n != 1 else ''} to baseline {write_baseline}", err=True)
            base = baseline_mod.load(write_baseline)
        if base is not None:
            result.findings, result.stats.baselined = baseline_mod.apply(result.findings, base, srcroot)
        if changed is not None:
            result.findings, result.stats.outside_diff = gitdiff.apply(result.findings, changed)
    except (config_mod.ConfigError, KnowledgeError, InputError, pipeline.UsageError, RuleCrash,
            kbuild.CommandError, baseline_mod.BaselineError, ModelError, output_mod.OutputError) as e:
        raise Fatal(str(e)) from None
    finally:
        progress.clear()  # also on an interrupt or an internal error: the redraw thread stops first
    fmt = fmt or cfg.get("format", "text")
    if fmt not in FORMATS:  # only from the configuration: click checks --format
        raise Fatal(f"{cfg.path}: format: unknown format {fmt!r} (choose from {', '.join(FORMATS)})")

    ctx = ReportContext(
        version=__version__,
        srcroot=Path(srcroot) if srcroot else Path.cwd(),
        color=fmt == "text" and not output and _color(color, sys.stdout),
        report_suppressed=report_suppressed,
        automation_id=automation_id,
        sort=sort,
        provenance=gitdiff.provenance(srcroot or os.getcwd()) if fmt == "sarif" else None,
        column_unit=COLUMN_UNITS[column_unit],
        fingerprint_root=Path(srcroot) if srcroot else None,
    )
    if max_results is not None:
        ctx.max_results = max_results
    _emit(output, render(fmt, result.findings, result.rules.values(), result.stats, ctx))
    failing = any(not f.suppressed and f.level.weight >= floor for f in result.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _emit(output: str | None, text: str) -> None:
    """The report to ``output`` (whole or not at all) or to stdout; one line when it fails."""
    try:
        if output:
            output_mod.write_atomic(output, text)
        else:
            sys.stdout.write(text)
    except output_mod.OutputError as e:
        raise Fatal(str(e)) from None
    except OSError as e:
        raise Fatal(f"stdout: cannot write: {e.strerror or e}") from None


def _fail_floor(level: str) -> int:
    """The weight of the least severe level that fails the run (``--fail-level``, ``fail-level``)."""
    if level not in LEVELS:
        raise Fatal(f"fail-level {level!r}: expected one of {', '.join(LEVELS)}")
    return Severity(level).weight


def _git_changes(rev: str | None, staged: bool) -> gitdiff.Changes | None:
    """The lines changed since ``rev`` (or in the index), for ``--diff``/``--diff-staged``."""
    if rev is None and not staged:
        return None
    if rev is not None and staged:
        raise Fatal("--diff and --diff-staged exclude each other")
    try:
        return gitdiff.changes(rev, staged=staged)
    except gitdiff.GitError as e:
        raise Fatal(f"--diff{'-staged' if staged else ''}: {e}") from None


def _warner(progress: Progress):
    def warn(message: str) -> None:
        if progress.enabled:
            progress.message(f"kmemlint: {message}")
        else:
            click.echo(f"kmemlint: {message}", err=True)
    return warn


def _options(cfg, paths, select, ignore, knowledge_files, cache_dir, no_cache, context, flags: kbuild.Flags,
             kernel_model: str | None = None, **kw) -> pipeline.Options:
    if no_cache:
        cache = None
    elif cache_dir:
        cache = Path(cache_dir)
    elif cfg.get("cache-dir"):
        cache = (cfg.path.parent if cfg.path else Path.cwd()) / cfg.get("cache-dir")  # relative to the file
    else:
        cache = cache_mod.default_dir()
    return pipeline.Options(
        paths=paths,
        select=_split_ids(select) or cfg.get("select", ()),
        ignore=_split_ids(ignore) or cfg.get("ignore", ()),
        knowledge_files=cfg.paths("knowledge") + tuple(Path(k) for k in knowledge_files),
        rule_options=cfg.rule_options,
        cache_dir=cache,
        context=context,
        include_dirs=tuple(flags.include_dirs),
        defines=tuple(flags.defines),
        includes=tuple(flags.includes),
        kernel_model=_model_choice(kernel_model, cfg),
        **kw,
    )


def _model_choice(value: str | None, cfg) -> str | None:
    """--kernel-model, else the ``kernel-model`` key (a path relative to its file, or "none")."""
    if value is not None:
        return value
    v = cfg.get("kernel-model")
    if v is None or v == "none":
        return v
    return str((cfg.path.parent if cfg.path else Path.cwd()) / v)


@main.command("kbuild", context_settings={"ignore_unknown_options": True})
@_common
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def kbuild_cmd(args, select, ignore, knowledge_files, config_path, isolated, cache_dir, no_cache, context,
               kernel_model) -> None:
    """Checker mode for Kbuild: make C=2 CHECK="kmemlint kbuild --" (or CHECK=kmemlint).

    Takes Kbuild's '$(CHECKFLAGS) $(c_flags) file.c' after '--', uses -I/-D/-include, ignores every
    other flag, analyses the last C file, prints gcc-style warnings on stderr and exits 0 even with
    findings (Kbuild deletes the object file when a checker fails); 2 only for real failures.
    """
    from kmemlint.report import ReportContext, render

    try:
        flags = kbuild.checker_file(list(args))
        cfg = _load_config(config_path, isolated)
        opts = _options(cfg, flags.files, select, ignore, knowledge_files, cache_dir, no_cache, context, flags, jobs=1,
                        kernel_model=kernel_model)
        result = pipeline.run(opts, warn=lambda m: click.echo(f"kmemlint: {m}", err=True))
    except (config_mod.ConfigError, KnowledgeError, InputError, pipeline.UsageError, RuleCrash,
            kbuild.CommandError, ModelError) as e:
        raise Fatal(str(e)) from None
    if result.findings:
        ctx = ReportContext(version=__version__, srcroot=Path.cwd(), color=False, summary=False)
        sys.stderr.write(render("text", result.findings, result.rules.values(), result.stats, ctx))
    sys.exit(EXIT_CLEAN)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.argument("ids", nargs=-1)
def rules_cmd(fmt: str, ids: tuple[str, ...]) -> None:
    """Show every rule (or the given ones) with its documentation."""
    rules = [r.rule for r in registry.all_rules() if not ids or r.rule.id in ids]
    unknown = sorted(set(ids) - {r.id for r in rules})
    if unknown:
        raise Fatal(registry.unknown_rule(unknown[0]))
    if fmt == "json":
        click.echo(json.dumps([{"id": r.id, "name": r.name, "summary": r.summary, "severity": r.severity.value,
                                "precision": r.precision.value, "tags": list(r.tags), "doc": r.doc}
                               for r in rules], indent=2))
        return
    for i, r in enumerate(rules):
        if i:
            click.echo("")
        click.echo(f"{r.id}  ({r.severity.value}, precision {r.precision.value})")
        click.echo(f"  {r.summary}")
        click.echo("")
        click.echo("\n".join(("    " + line).rstrip() for line in r.doc.splitlines()))


@main.command("cost")
@click.argument("paths", nargs=-1, type=click.Path(), required=True)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the report to FILE.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many sites to list by waste and by order.")
@click.option("--exclude", multiple=True, help="Glob of paths to skip while walking directories (repeatable).")
@click.option("--knowledge", "knowledge_files", multiple=True, type=click.Path(dir_okay=False),
              help="Extra knowledge file (TOML, format of rules/knowledge/*.toml).")
@click.option("--max-file-size", type=_setting("max-file-size"), default=pipeline.DEFAULT_MAX_FILE_SIZE,
              help="Skip files larger than this many bytes (default 8 MiB).")
@_size_options
def cost_cmd(paths, fmt, output, top, exclude, knowledge_files, max_file_size, kernel_root, include_dirs,
             defines, arch, page_size) -> None:
    """Report the allocation sites of a tree: families, kmalloc size classes, the most wasteful
    and highest-order sites, and the sizes that could not be evaluated (with reasons)."""
    from kmemlint.report import cost as cost_report

    try:
        if output:
            output_mod.check_writable(output)
        opts = pipeline.Options(paths=list(paths), exclude=tuple(exclude),
                                knowledge_files=tuple(Path(k) for k in knowledge_files),
                                max_file_size=max_file_size,
                                **_size_kwargs(kernel_root, include_dirs, defines, arch, page_size))
        sites, stats = pipeline.alloc_sites(opts, warn=lambda m: click.echo(f"kmemlint: {m}", err=True))
        report = cost_report.build(sites.all(), stats, sites.arch, top)
    except (KnowledgeError, InputError, pipeline.UsageError, output_mod.OutputError) as e:
        raise Fatal(str(e)) from None
    _emit(output, cost_report.render_json(report) if fmt == "json" else cost_report.render_text(report, top))


@main.group("model")
def model_cmd() -> None:
    """The kernel model: what kernel functions do, derived from a kernel tree's own source."""


@model_cmd.command("build")
@click.argument("tree", type=click.Path(file_okay=False))
@click.option("-o", "--output", default="kernel-model.sqlite", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the model (written whole or not at all).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (0: one per core).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help="Facts cache directory.")
@click.option("--no-cache", is_flag=True, help="Use a private cache for this build only.")
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def model_build(tree, output, jobs, cache_dir, no_cache, quiet) -> None:
    """Analyse every .c and .h of the kernel TREE (core, mm, lib, net, fs, drivers, sound, include,
    arch/x86) and write the model of its functions."""
    out = Path(output).resolve()
    if not out.parent.is_dir():
        raise Fatal(f"{output}: directory {out.parent} does not exist")
    if not os.access(out.parent, os.W_OK):
        raise Fatal(f"{output}: directory {out.parent} is not writable")
    if not os.path.isdir(tree):
        raise Fatal(f"{tree}: not a directory")
    progress = Progress.for_stream(sys.stderr, quiet)
    cache = None if no_cache else (Path(cache_dir).resolve() if cache_dir else cache_mod.default_dir())
    here = os.getcwd()
    try:
        os.chdir(tree)
        opts = pipeline.Options(paths=[], jobs=jobs, cache_dir=cache)
        figures = modelbuild.build_model(opts, out, warn=_warner(progress), progress=progress)
    except (ModelError, KnowledgeError, InputError) as e:
        progress.clear()
        raise Fatal(str(e)) from None
    except _Terminated:
        progress.clear()
        raise Interrupted("terminated: no model written", 128 + signal.SIGTERM) from None
    except KeyboardInterrupt:
        progress.clear()
        raise Interrupted("interrupted: no model written", 128 + signal.SIGINT) from None
    finally:
        os.chdir(here)
    progress.clear()
    click.echo(f"kmemlint: wrote {output}: " + ", ".join(f"{v} {k}" for k, v in figures.items()), err=True)


@model_cmd.command("show")
@click.argument("names", nargs=-1, required=True)
@click.option("--kernel-model", "kernel_model", default=None, metavar="FILE", help="Model to read (default: shipped).")
def model_show(names, kernel_model) -> None:
    """Print what the model knows of functions NAME... and of ops members 'struct S.member', and why."""
    from kmemlint.program.kernelmodel import describe, open_model

    try:
        model = open_model(kernel_model)
    except ModelError as e:
        raise Fatal(str(e)) from None
    if model is None:
        raise Fatal("no kernel model: this installation ships none; give --kernel-model FILE")
    missing = 0
    made = ", ".join(filter(None, (f"Linux {model.meta['kernel']}" if model.meta.get("kernel") else "",
                                   model.meta.get("tree"), f"kmemlint {model.meta.get('kmemlint', '?')}")))
    click.echo(f"kernel model {model.path}: built from {made}")
    know = knowledge.load(())
    for name in names:
        text, known = describe(model, name), know.describe(name)
        if known:  # the hand-written overrides, which win over what the model derived
            click.echo(f"{name}: in kmemlint's knowledge (rules/knowledge/), which overrides the model:")
            click.echo("\n".join(known))
        if text is not None:
            click.echo(text)
        elif not known:
            missing += 1
            click.echo(f"{name}: not in the model (no sleeping, locking, memory, DMA or callback behaviour found)")
    sys.exit(EXIT_FINDINGS if missing == len(names) else EXIT_CLEAN)


@main.command("parse-errors")
@click.argument("paths", nargs=-1, type=click.Path(), required=True)
@click.option("--exclude", multiple=True, help="Glob of paths to skip while walking directories (repeatable).")
@click.option("--max-file-size", type=_setting("max-file-size"), default=pipeline.DEFAULT_MAX_FILE_SIZE,
              help="Skip files larger than this many bytes (default 8 MiB).")
def parse_errors_cmd(paths, exclude, max_file_size) -> None:
    """List where tree-sitter could not parse the files, after kmemlint's respelling of kernel
    macros (kmemlint/rewrites.toml): PATH:LINE:COL: ERROR, or MISSING and the token it expected.
    Facts, and so findings, may be missing there. Exit 0 when every file parses, else 1."""
    try:
        opts = pipeline.Options(paths=list(paths), exclude=tuple(exclude), max_file_size=max_file_size)
        all_facts, stats = pipeline.collect(opts, warn=lambda m: click.echo(f"kmemlint: {m}", err=True))
    except (InputError, pipeline.UsageError) as e:
        raise Fatal(str(e)) from None
    stats.files = len(all_facts)
    pipeline.count_parse_errors(stats, all_facts)
    for f in all_facts:
        for line, col, what in f.error_locs:
            click.echo(f"{f.path}:{line}:{col}: {what}")
        if f.parse_errors > len(f.error_locs):
            click.echo(f"{f.path}: ... {f.parse_errors - len(f.error_locs)} more")
    share = 100 * stats.error_functions / stats.functions if stats.functions else 0.0
    click.echo(f"kmemlint: {stats.parse_errors} of {stats.files} files with parse errors; "
               f"{stats.error_functions} of {stats.functions} functions ({share:.1f}%)")
    sys.exit(EXIT_FINDINGS if stats.parse_errors else EXIT_CLEAN)


def run() -> None:
    """The ``kmemlint`` command (console script and ``python -m kmemlint``): :func:`main`, then the
    process ends without the interpreter's teardown, which freed the run's facts, summaries and
    caches object by object and collected them again: 0.5 s CPU (1.2 s wall on a loaded machine)
    of a 2.9 s pre-commit run on three drivers/net files, after the output was written. What the
    teardown would still do first is done here: the exit handlers run (stage times,
    multiprocessing's and weakref's finalisers) and stdout and stderr are flushed (a failed flush
    exits 120, as Python's own teardown does)."""
    import atexit

    try:
        main()
        status = EXIT_CLEAN
    except SystemExit as e:  # as sys.exit(): None is 0, a number the status, anything else printed
        status = e.code if isinstance(e.code, int) else 0 if e.code is None else 1
        if not isinstance(e.code, (int, type(None))):
            print(e.code, file=sys.stderr)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = 120
    os._exit(status)
