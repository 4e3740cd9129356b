"""--jobs, the facts cache, baselines, Kbuild checker mode, compile_commands.json, SARIF limits and
category, progress: behaviour only (speed is measured by bench/bench.py, never asserted here)."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from kmemlint import baseline, cache, filefacts, kbuild, pipeline, workers
from kmemlint.program import parts
from kmemlint.frontend import sizes
from test_cli import BAD, GOOD, run

WRAP = "static void w(void)\n{\n\tvoid *a = vmalloc(8);\n\tvoid *b = vmalloc(8);\n\tkfree(a);\n\tkfree(b);\n}\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    d = tmp_path / "drv"
    d.mkdir()
    (d / "bad.c").write_text(BAD)
    (d / "good.c").write_text(GOOD)
    for i in range(12):
        (d / f"more{i}.c").write_text(BAD.replace("f(", f"f{i}(") if i % 3 == 0 else GOOD.replace("g(", f"g{i}("))
    return tmp_path


def entries(root: Path, kind: str) -> list[Path]:
    return sorted(p for p in (root / "v1" / kind).rglob("*") if p.is_file())


# -- --jobs -----------------------------------------------------------------------------------------
def test_jobs_output_is_identical(tree: Path) -> None:
    outs = {run(["--no-cache", "--jobs", str(j), "--format", "json", "drv"], cwd=tree).output for j in (1, 2, 3)}
    assert len(outs) == 1
    assert len(json.loads(outs.pop())) == 5


def test_one_pool_feeds_every_group(tree: Path, tmp_path: Path, monkeypatch) -> None:
    """Parts (program.parts.PART_FILES) share one worker pool that parses the next group while this one runs
    its rules: the same findings as one group in one process, cold and from the cache."""
    one = run(["--no-cache", "--jobs", "1", "--format", "json", "drv"], cwd=tree).output
    monkeypatch.setattr(parts, "PART_FILES", 3)
    for args in (["--no-cache"], ["--cache-dir", str(tmp_path / "c")], ["--cache-dir", str(tmp_path / "c")]):
        assert run([*args, "--jobs", "2", "--format", "json", "drv"], cwd=tree).output == one


def test_recycled_workers_give_the_same_findings(tree: Path, tmp_path: Path, monkeypatch) -> None:
    """A run of more than RECYCLE_FILES files replaces each worker after that many files, from a
    forkserver (kmemlint.workers._pool): the findings are those of one process, cold and from
    the cache (whose headers' facts a fresh worker reads back)."""
    one = run(["--no-cache", "--jobs", "1", "--format", "json", "drv"], cwd=tree).output
    monkeypatch.setattr(workers, "RECYCLE_FILES", 4)
    monkeypatch.setattr(parts, "PART_FILES", 3)
    pools = []
    real = workers._pool

    def spy(jobs: int, files: int, preload: str):
        pool = real(jobs, files, preload)
        pools.append((pool._ctx.get_start_method(), pool._maxtasksperchild))
        return pool

    monkeypatch.setattr(workers, "_pool", spy)
    for args in (["--no-cache"], ["--cache-dir", str(tmp_path / "c")], ["--cache-dir", str(tmp_path / "c")]):
        assert run([*args, "--jobs", "2", "--format", "json", "drv"], cwd=tree).output == one
    assert pools[0] == ("forkserver", 1)


def test_unchanged_groups_reuse_their_findings(tree: Path, tmp_path: Path, monkeypatch) -> None:
    """After one file changes, only its group runs the rules again; the others' findings come from
    the cache (v1/groups) and the output is the one a cold run gives."""
    cdir = tmp_path / "c"
    args = ["--jobs", "1", "--format", "json", "drv"]
    monkeypatch.setattr(parts, "PART_FILES", 3)
    first = run(["--cache-dir", str(cdir), *args], cwd=tree).output
    assert len(entries(cdir, "groups")) == 5 and first == run(["--no-cache", *args], cwd=tree).output
    (tree / "drv" / "more1.c").write_text(BAD.replace("f(", "edited("))
    os.utime(tree / "drv" / "more1.c", ns=(1, 1))
    again = run(["--cache-dir", str(cdir), *args], cwd=tree)
    assert again.output == run(["--no-cache", *args], cwd=tree).output != first
    assert len(json.loads(again.output)) == 6 and len(entries(cdir, "groups")) == 6


# -- cache --------------------------------------------------------------------------------------------
def test_warm_run_uses_cache_and_matches_cold(tree: Path, tmp_path: Path) -> None:
    cdir = tmp_path / "cache"
    cold = run(["--cache-dir", str(cdir), "--format", "json", "drv"], cwd=tree)
    assert (cdir / "CACHEDIR.TAG").is_file() and len(entries(cdir, "facts")) == 14
    warm = run(["--cache-dir", str(cdir), "--format", "json", "drv"], cwd=tree)
    assert warm.output == cold.output and warm.exit_code == cold.exit_code == 1
    # one file changed: only it is re-analysed, and its new finding appears
    (tree / "drv" / "good.c").write_text(BAD.replace("f(", "changed("))
    os.utime(tree / "drv" / "good.c", ns=(1, 1))  # an old mtime: exercise the stat index, not raciness
    after = run(["--cache-dir", str(cdir), "--format", "json", "drv"], cwd=tree)
    assert len(json.loads(after.output)) == 6
    assert len(entries(cdir, "facts")) == 15


def test_no_cache_writes_nothing(tree: Path, tmp_path: Path, monkeypatch) -> None:
    cdir = tmp_path / "c"
    monkeypatch.setenv("KMEMLINT_CACHE_DIR", str(cdir))
    run(["--no-cache", "drv"], cwd=tree)
    assert not cdir.exists()
    run(["drv"], cwd=tree)
    assert entries(cdir, "facts")  # the environment variable names the default directory


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_corrupt_entries_are_rebuilt_not_trusted(tree: Path, tmp_path: Path, damage: str) -> None:
    cdir = tmp_path / "cache"
    cold = run(["--cache-dir", str(cdir), "--format", "json", "drv"], cwd=tree).output
    for p in entries(cdir, "facts") + entries(cdir, "results") + entries(cdir, "index"):
        blob = p.read_bytes()
        p.write_bytes({"truncate": blob[: len(blob) // 2], "flip": blob[:-1] + bytes([blob[-1] ^ 1]),
                       "garbage": b"\x80\x04garbage", "empty": b""}[damage])
    again = run(["--cache-dir", str(cdir), "--format", "json", "drv"], cwd=tree)
    assert again.output == cold and "Traceback" not in again.output
    assert all(cache.check(p.read_bytes()) for p in entries(cdir, "facts"))  # rewritten whole


def test_entry_format_and_key() -> None:
    blob = cache.encode({"a": 1})
    assert cache.decode(blob) == {"a": 1}
    for bad in (blob[:-3], b"", b"x" * 100, blob.replace(b"kmemlint-cache 2", b"kmemlint-cache 3")):
        with pytest.raises(ValueError):
            cache.decode(bad)
    s1, s2 = cache.salt("k1"), cache.salt("k2")
    assert cache.file_key(s1, "a.c", b"x") != cache.file_key(s2, "a.c", b"x")  # knowledge digest
    assert cache.file_key(s1, "a.c", b"x") != cache.file_key(s1, "b.c", b"x")  # displayed path
    assert cache.file_key(s1, "a.c", b"x") != cache.file_key(s1, "a.c", b"y")  # content


def test_version_or_schema_mismatch_is_a_miss(tree: Path, tmp_path: Path, monkeypatch) -> None:
    cdir = tmp_path / "cache"
    run(["--cache-dir", str(cdir), "drv"], cwd=tree)
    n = len(entries(cdir, "facts"))
    monkeypatch.setattr(cache, "__version__", "999.0")
    r = run(["--cache-dir", str(cdir), "--format", "json", "drv"], cwd=tree)
    assert len(json.loads(r.output)) == 5
    assert len(entries(cdir, "facts")) == 2 * n  # nothing of the other version was reused
    cache.facts_schema.cache_clear()
    monkeypatch.setattr(cache, "_SCHEMA_SOURCES", cache._SCHEMA_SOURCES[:-1])
    run(["--cache-dir", str(cdir), "drv"], cwd=tree)
    cache.facts_schema.cache_clear()
    assert len(entries(cdir, "facts")) == 3 * n


LARGE = "void *f(void)\n{\n\treturn kmalloc(40000, GFP_KERNEL);\n}\n"


def test_stored_results_follow_size_settings_and_code(tmp_path: Path, monkeypatch) -> None:
    """A stored result is the findings of one page size and one version of the analysis code:
    40,000 bytes need an order-4 allocation with 4 KiB pages, order 0 with 64 KiB pages."""
    (tmp_path / "big.c").write_text(LARGE)
    os.utime(tmp_path / "big.c", ns=(1, 1))  # an old mtime: the stat index is trusted, results are read
    cdir = str(tmp_path / "cache")

    def findings(*extra: str) -> list:
        return json.loads(run(["--cache-dir", cdir, "--format", "json", *extra, "big.c"], cwd=tmp_path).output)

    assert [f["rule"] for f in findings()] == ["kmalloc-too-large"]
    assert findings("--page-size", "64k") == []  # not the 4 KiB pages' result from the cache
    assert len(findings()) == 1
    assert entries(Path(cdir), "results") and len(entries(Path(cdir), "facts")) == 1  # facts reused
    finished = []
    real = pipeline.finish
    monkeypatch.setattr(pipeline, "finish", lambda *a, **k: finished.append(1) or real(*a, **k))
    assert len(findings()) == 1 and not finished  # stored
    # other analysis code (a rule edited, same version number): the stored result is a miss
    monkeypatch.setattr(cache, "code_digest", lambda: "other code")
    assert len(findings()) == 1 and finished == [1]


@pytest.mark.parametrize("header, include, target", [
    # a kernel header that is not analysed (include/linux/...) still decides sizes
    ("include/linux/foo_ring.h", "<linux/foo_ring.h>", "drivers"),
    # pre-commit and Kbuild name the file: a header of its directory decides its sizes
    ("drivers/foo_ring.h", '"foo_ring.h"', "drivers/foo.c"),
])
def test_stored_results_follow_headers_outside_the_run(tmp_path: Path, header: str, include: str,
                                                        target: str) -> None:
    """Editing a header the analysed files include makes the stored results misses, as editing an
    analysed file does."""
    (tmp_path / "include" / "linux").mkdir(parents=True)
    (tmp_path / "include" / "linux" / "slab.h").write_text("/* the kernel tree's marker */\n")
    (tmp_path / "drivers").mkdir()
    (tmp_path / header).write_text("#define FOO_RING_BYTES 40000\n")
    drv = tmp_path / "drivers" / "foo.c"
    drv.write_text(f"#include {include}\n" + LARGE.replace("40000", "FOO_RING_BYTES"))
    os.utime(drv, ns=(1, 1))
    cdir = str(tmp_path / "cache")

    def findings() -> list:
        return json.loads(run(["--cache-dir", cdir, "--format", "json", target], cwd=tmp_path).output)

    assert len(findings()) == 1 and len(findings()) == 1  # the second from the stored result
    (tmp_path / header).write_text("#define FOO_RING_BYTES 100\n")
    sizes.header_facts.cache_clear()  # a real run is a new process: forget the header here too
    sizes._header.cache_clear()
    filefacts._worker_sites.cache_clear()
    assert findings() == []


def test_unwritable_cache_warns_once_and_runs(tree: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    r = run(["--cache-dir", str(blocker / "c"), "drv"], cwd=tree)
    assert r.exit_code == 1 and r.stderr.count("running without writing the cache") == 1


def test_atomic_writes_leave_no_temporary_files(tree: Path, tmp_path: Path) -> None:
    cdir = tmp_path / "cache"
    procs = [subprocess.Popen([sys.executable, "-m", "kmemlint", "--cache-dir", str(cdir), "--jobs", "2", "-q",
                               "--format", "json", "drv"], cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(3)]
    outs = {p.communicate()[0] for p in procs}
    assert len(outs) == 1 and all(p.returncode == 1 for p in procs)
    assert not [p for p in cdir.rglob(".tmp-*")]


def test_context_files_for_a_few_changed_files(tree: Path, tmp_path: Path) -> None:
    """pre-commit: a run on one file loads the cached facts of its directory and reports only it."""
    cdir = tmp_path / "cache"
    opts = dict(cache_dir=cdir, jobs=1)
    old = os.getcwd()
    os.chdir(tree)
    try:
        for p in (tree / "drv").iterdir():
            os.utime(p, ns=(1, 1))
        pipeline.run(pipeline.Options(paths=["drv"], **opts), warn=print)
        res = pipeline.run(pipeline.Options(paths=["drv/bad.c"], **opts), warn=print)
        assert len(res.program.files) == 14 and res.stats.files == 1
        assert {f.loc.path for f in res.findings} == {"drv/bad.c"}
        alone = pipeline.run(pipeline.Options(paths=["drv/bad.c"], context="none", **opts), warn=print)
        assert len(alone.program.files) == 1 and alone.findings == res.findings
    finally:
        os.chdir(old)


# -- baselines ----------------------------------------------------------------------------------------
def test_baseline_round_trip_and_counts(tree: Path) -> None:
    (tree / "drv" / "two.c").write_text(WRAP)
    r = run(["--write-baseline", "base.json", "drv"], cwd=tree)
    assert r.exit_code == 0 and "wrote 7 findings to baseline base.json" in r.stderr
    data = json.loads((tree / "base.json").read_text())
    assert set(data["findings"][0]) == {"rule", "path", "function", "fingerprint", "count"}
    assert '"line"' not in json.dumps(data)
    r = run(["--baseline", "base.json", "drv"], cwd=tree)
    assert r.exit_code == 0 and "7 baselined" in r.output.splitlines()[-1], r.output
    # lines shift: still baselined
    (tree / "drv" / "bad.c").write_text("\n\n\n" + BAD)
    assert run(["--baseline", "base.json", "drv"], cwd=tree).exit_code == 0
    # a third identical finding in the function: exactly one is new
    (tree / "drv" / "two.c").write_text(WRAP.replace("\tkfree(b);", "\tkfree(b);\n\tkfree(a);"))
    r = run(["--baseline", "base.json", "--format", "json", "drv"], cwd=tree)
    new = json.loads(r.output)
    assert r.exit_code == 1 and [(d["path"], d["line"]) for d in new] == [("drv/two.c", 7)]


def test_baseline_count_matching_unit() -> None:
    from kmemlint.model import Finding, Loc, Severity
    fs = [Finding("r", Severity.ERROR, Loc("a.c", n, 1), "m", "fn", "kfree(p)") for n in (3, 9)]
    assert fs[0].fingerprint == fs[1].fingerprint
    marked, n = baseline.apply(fs, baseline.load_entries([{"rule": "r", "path": "a.c", "function": "fn",
                                                            "fingerprint": fs[0].fingerprint, "count": 1}]))
    assert n == 1 and [f.suppressed for f in marked] == ["baseline", ""]


@pytest.mark.parametrize("content, why", [("{", "invalid JSON"), ("[]", "not a kmemlint baseline"),
                                          ('{"kmemlint-baseline": 1, "findings": [{"rule": 1}]}', "findings[0]")])
def test_bad_baseline_is_one_line_exit_2(tree: Path, content: str, why: str) -> None:
    (tree / "b.json").write_text(content)
    r = run(["--baseline", "b.json", "drv"], cwd=tree)
    assert r.exit_code == 2 and why in r.stderr and len(r.stderr.strip().splitlines()) == 1


# -- SARIF: limits and category ---------------------------------------------------------------------------
def test_sarif_category_and_max_results(tree: Path) -> None:
    r = run(["--format", "sarif", "--category", "drivers-net", "--max-results", "2", "drv"], cwd=tree)
    doc = json.loads(r.output)
    assert doc["runs"][0]["automationDetails"]["id"] == "kmemlint/drivers-net/"
    assert len(doc["runs"][0]["results"]) == 2
    default = json.loads(run(["--format", "sarif", "drv"], cwd=tree).output)
    assert default["runs"][0]["automationDetails"]["id"] == "kmemlint/"
    assert run(["--format", "sarif", "--category", " ", "drv"], cwd=tree).exit_code == 2


def test_sarif_leaves_baselined_out(tree: Path) -> None:
    run(["--write-baseline", "b.json", "drv"], cwd=tree)
    (tree / "drv" / "new.c").write_text(BAD.replace("f(", "fresh("))
    doc = json.loads(run(["--format", "sarif", "--baseline", "b.json", "drv"], cwd=tree).output)
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]] \
        == ["drv/new.c"]


# -- progress ---------------------------------------------------------------------------------------------
def test_progress_only_on_a_terminal() -> None:
    import io

    from kmemlint.progress import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert not Progress.for_stream(io.StringIO(), quiet=False).enabled
    assert not Progress.for_stream(Tty(), quiet=True).enabled
    t = Tty()
    p = Progress(t, enabled=True, delay=0)
    p("files", 3, 10, 0)
    p("rules", 1, 1, 2)
    p.clear()
    assert "3/10 files" in t.getvalue() and "2 findings" in t.getvalue() and t.getvalue().endswith("\r\x1b[2K")


# -- Kbuild and compile_commands.json -------------------------------------------------------------------------
# INTEGRATIONS.md §5.1, the argv a Kbuild-launched checker received (linux 6.1, x86_64), verbatim except
# that its "…" elisions are filled with flags of the same kinds from the 6.12 Makefiles (among them the
# -falign-jumps=1 that click would read as -j) and the file is the one of this test.
KBUILD_ARGV = (
    "-D__linux__ -Dlinux -D__STDC__ -Dunix -D__unix__ -Wbitwise -Wno-return-void -Wno-unknown-attribute "
    "-D__x86_64__ --arch=x86 -mlittle-endian -m64 -Wp,-MMD,drv/.bad.o.d -nostdinc -I./arch/x86/include "
    "-I./arch/x86/include/generated -I./include -I./arch/x86/include/uapi -I./arch/x86/include/generated/uapi "
    "-I./include/uapi -I./include/generated/uapi -include ./include/linux/compiler-version.h "
    "-include ./include/linux/kconfig.h -include ./include/linux/compiler_types.h -D__KERNEL__ "
    "-fmacro-prefix-map=./= -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs -fno-strict-aliasing "
    "-fno-common -fshort-wchar -fno-PIE -Werror=implicit-function-declaration -Werror=implicit-int "
    "-Werror=return-type -Wno-format-security -funsigned-char -std=gnu11 -mno-sse -mno-mmx -mno-sse2 "
    "-mno-3dnow -mno-avx -fcf-protection=none -m64 -falign-jumps=1 -falign-loops=1 -mno-80387 "
    "-mno-fp-ret-in-387 -mpreferred-stack-boundary=3 -mskip-rax-setup -mtune=generic -mno-red-zone "
    "-mcmodel=kernel -Wno-sign-compare -fno-asynchronous-unwind-tables -mindirect-branch=thunk-extern "
    "-mindirect-branch-register -mindirect-branch-cs-prefix -mfunction-return=thunk-extern "
    "-fno-jump-tables -fpatchable-function-entry=16,16 -fno-delete-null-pointer-checks -O2 "
    "--param=allow-store-data-races=0 -fstack-protector-strong -fno-omit-frame-pointer "
    "-fno-optimize-sibling-calls -pg -mrecord-mcount -mfentry -DCC_USING_FENTRY -fno-stack-clash-protection "
    "-DMODULE -DKBUILD_BASENAME='\"bad\"' -DKBUILD_MODNAME='\"bad\"' -D__KBUILD_MODNAME=kmod_bad drv/bad.c"
)


def _kbuild(tree: Path, *prefix: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-m", "kmemlint", *prefix, *shlex.split(KBUILD_ARGV)]
    return subprocess.run(argv, cwd=tree, capture_output=True, text=True)


@pytest.mark.parametrize("prefix", [(), ("kbuild", "--"), ("kbuild", "--select", "alloc-free-mismatch", "--")])
def test_kbuild_checker_mode(tree: Path, prefix) -> None:
    before = sorted(p.name for p in (tree / "drv").iterdir())
    p = _kbuild(tree, *prefix)
    assert p.returncode == 0, p.stderr  # findings must not make Kbuild delete the object
    assert p.stdout == ""
    assert p.stderr.startswith("drv/bad.c:6:9: error: ") and "[alloc-free-mismatch]" in p.stderr
    assert "Traceback" not in p.stderr and "finding" not in p.stderr  # no summary line, as sparse
    assert sorted(p.name for p in (tree / "drv").iterdir()) == before  # no -Wp,-MMD depfile written


def test_kbuild_flags_are_kept_for_the_size_evaluator() -> None:
    flags = kbuild.checker_file(shlex.split(KBUILD_ARGV))
    assert flags.files == ["drv/bad.c"]
    assert flags.include_dirs[:3] == ["./arch/x86/include", "./arch/x86/include/generated", "./include"]
    assert ("KBUILD_MODNAME", '"bad"') in flags.defines and ("MODULE", "1") in flags.defines
    assert flags.includes[-1] == "./include/linux/compiler_types.h"
    assert not kbuild.looks_like_compiler_args(["--format", "json", "drv/bad.c"])
    assert not kbuild.looks_like_compiler_args(["-j", "2", "drv"])


def test_kbuild_real_failures_exit_2(tree: Path) -> None:
    p = subprocess.run([sys.executable, "-m", "kmemlint", "kbuild", "--", "-D__KERNEL__", "-O2", "gone.c"],
                       cwd=tree, capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.strip() == "kmemlint: error: gone.c: No such file or directory"
    p = subprocess.run([sys.executable, "-m", "kmemlint", "kbuild", "--", "-O2"], cwd=tree, capture_output=True, text=True)
    assert p.returncode == 2 and "no .c file" in p.stderr


def test_compile_commands(tree: Path) -> None:
    db = [{"directory": str(tree), "file": str(tree / "drv" / f), "command":
           f"gcc -Wp,-MMD,drv/.x.o.d -nostdinc -I./include -DKBUILD_BASENAME='\"x\"' -falign-jumps=1 -c -o drv/x.o drv/{f}"}
          for f in ("bad.c", "good.c")]
    db.append({"directory": str(tree), "file": "drv/entry.S", "arguments": ["gcc", "-c", "drv/entry.S"]})
    (tree / "compile_commands.json").write_text(json.dumps(db, indent=2))
    r = run(["--compile-commands", "compile_commands.json", "--format", "json"], cwd=tree)
    assert r.exit_code == 1
    assert {d["path"] for d in json.loads(r.output)} == {"drv/bad.c"}
    flags = kbuild.compile_commands(str(tree / "compile_commands.json"))
    assert flags.include_dirs == [str(tree / "include")] and flags.defines == [("KBUILD_BASENAME", '"x"')]
    (tree / "bad.json").write_text('{"x": 1}')
    r = run(["--compile-commands", "bad.json"], cwd=tree)
    assert r.exit_code == 2 and "not a compilation database" in r.stderr


def test_internal_error_is_one_line_exit_2(tree: Path, monkeypatch) -> None:
    def boom(*a, **k):
        raise RuntimeError("facts exploded")
    monkeypatch.setattr(filefacts, "analyse_source", boom)
    r = run(["--no-cache", "--jobs", "1", "drv"], cwd=tree)
    assert r.exit_code == 2 and r.stderr.strip() == "kmemlint: error: internal error: RuntimeError: facts exploded"


def test_cache_dir_and_jobs_from_configuration(tree: Path) -> None:
    (tree / ".kmemlint.toml").write_text('cache-dir = ".kmemlint_cache"\njobs = 2\n')
    (tree / "sub").mkdir()
    r = run(["../drv"], cwd=tree / "sub")
    assert r.exit_code == 1
    assert entries(tree / ".kmemlint_cache", "facts")  # relative to the configuration file
    (tree / ".kmemlint.toml").write_text('jobs = "many"\n')
    assert run(["drv"], cwd=tree).exit_code == 2


def test_progress_shows_the_stage_from_the_start_with_rate_and_eta() -> None:
    import io
    import time as time_

    from kmemlint.progress import Progress

    t = io.StringIO()
    p = Progress(t, enabled=True, delay=0, tick=0.01)
    p.begin()  # no call from the pipeline yet: the thread draws the first stage
    deadline = time_.monotonic() + 5
    while "discovering files" not in t.getvalue() and time_.monotonic() < deadline:
        time_.sleep(0.01)
    p.message("kmemlint: a warning")
    p.clear()
    out = t.getvalue()
    assert "kmemlint: discovering files" in out and "\r\x1b[2Kkmemlint: a warning\n" in out
    assert out.endswith("\r\x1b[2K") or out.endswith("a warning\n")
    drawn = len(out)
    time_.sleep(0.05)
    assert len(t.getvalue()) == drawn  # stopped: nothing drawn after clear()

    q = Progress(io.StringIO(), enabled=True, delay=0)
    q.start -= 10  # ten seconds into the run, parsing began with 100 files cached
    q("files", 100, 1100, 0)
    since = q._rate_from[0]
    assert q.text(since + 4) == "kmemlint: parsing 100/1100 files [14s]"  # no file parsed yet: no rate
    q._state = ("files", 300, 1100, 0)
    assert q.text(since + 4) == "kmemlint: parsing 300/1100 files, 50 files/s, ETA 16s [14s]"
    q("rules", 2, 5, 1)
    assert q.text(since + 70) == "kmemlint: rules 2/5, 1 finding [1m20s]"
