"""Hostile input and faults (issue 13): each defect of the bad-input campaign, and its twin that
must keep working. Bad input is one line and exit 2, or one skipped file with a one-line reason;
never a traceback, never a lost run."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kmemlint.cli import main

#: modelled on drivers/video/fbdev/grvga.c (memory from one family freed with another's release)
BAD = "static void f(unsigned long n)\n{\n\tvoid *p = vmalloc(n);\n\n\tkfree(p);\n}\n"
GOOD = "static void f(unsigned long n)\n{\n\tvoid *p = vmalloc(n);\n\n\tvfree(p);\n}\n"


def run(args, cwd: Path, **kw):
    old = os.getcwd()
    try:
        os.chdir(cwd)
        return CliRunner().invoke(main, args, catch_exceptions=False, **kw)
    finally:
        os.chdir(old)


def cli(args, cwd: Path, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """kmemlint in a real process (signals, resource limits, click's own error printing)."""
    return subprocess.run([sys.executable, "-m", "kmemlint", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, **kw)


def one_line(text: str) -> str:
    assert "Traceback" not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    return lines[0]


# --------------------------------------------------------------------------------------------
# 1. deep nesting: generated register code nests hundreds of blocks and chains 500 else-ifs

def _nested_ifs(free: str, n: int = 260) -> str:
    return ("static void f(int x)\n{\n\tvoid *p = vmalloc(16);\n" + "\tif (x) {\n" * n
            + f"\t{free}(p);\n" + "\t}\n" * n + "}\n")


def _else_if_chain(free: str, n: int = 500) -> str:
    chain = "\tif (x == 0)\n\t\ta();\n" + "".join(f"\telse if (x == {i})\n\t\ta();\n" for i in range(1, n))
    return f"static void g(int x)\n{{\n\tvoid *p = vmalloc(16);\n{chain}\t{free}(p);\n}}\n"


def _blocks(free: str, n: int = 2000) -> str:
    return "static void h(void)\n{\n\tvoid *p = vmalloc(16);\n" + "{" * n + f"\t{free}(p);\n" + "}" * n + "\n}\n"


@pytest.mark.parametrize("shape", [_nested_ifs, _else_if_chain, _blocks])
def test_deep_nesting_is_analysed_not_fatal(tmp_path, shape):
    (tmp_path / "deep.c").write_text(shape("kfree"))
    (tmp_path / "deep_ok.c").write_text(shape("vfree"))  # twin: must stay silent
    (tmp_path / "other.c").write_text(BAD)
    r = run(["--no-cache", "--format", "json", "deep.c", "deep_ok.c", "other.c"], tmp_path)
    assert r.exit_code == 1, r.output
    found = json.loads(r.stdout)
    assert sorted((f["path"], f["rule"]) for f in found) == [
        ("deep.c", "alloc-free-mismatch"), ("other.c", "alloc-free-mismatch")]


def test_else_if_chain_keeps_its_branches():
    """The chain is walked in a loop: every condition still has its true and false edges."""
    from kmemlint.frontend import cfg, parse

    src = _else_if_chain("vfree", 5).encode()
    body = parse.parse(src).root_node.children[0].child_by_field_name("body")
    graph = cfg.Graph(body).freeze()
    conds = [n for n, k in enumerate(graph.kinds) if k == "cond"]
    assert len(conds) == 5
    assert all({label for _, label in graph.succ[c]} == {cfg.TRUE, cfg.FALSE} for c in conds)


# --------------------------------------------------------------------------------------------
# 2. many allocations in one function; a bound on one file's time

def _pairs(n: int) -> str:
    return "static void h(void)\n{\n\tvoid *p, *q;\n" + "".join(
        f"\tp = kmalloc({i + 1}, GFP_KERNEL);\n\tq = p;\n\tkfree(p);\n" for i in range(n)) + "}\n"


def test_allocation_targets_cost_linear_work(monkeypatch):
    """Each site's target (where its pointer is stored) is found by line, not by scanning every
    assignment of the function: 8,000 pairs took 26 s. Counted, not timed."""
    from kmemlint import knowledge
    from kmemlint.frontend import allocsites, facts

    n = 400
    ff = facts.extract("pairs.c", _pairs(n).encode())
    calls = 0
    real = allocsites._contains

    def counting(outer, inner):
        nonlocal calls
        calls += 1
        return real(outer, inner)

    monkeypatch.setattr(allocsites, "_contains", counting)
    sites = allocsites.SiteEvaluator(knowledge.load()).file_sites(ff)
    assert len(sites) == n and {s.target for s in sites} == {"p"}
    assert calls <= 2 * n


def test_slow_file_is_skipped_with_a_message(tmp_path, monkeypatch):
    from kmemlint import limits

    monkeypatch.setattr(limits, "FILE_TIMEOUT", 0.5)
    (tmp_path / "slow.c").write_text(_pairs(20000))
    (tmp_path / "other.c").write_text(BAD)  # twin: analysed as usual
    r = run(["--no-cache", "-j", "1", "slow.c", "other.c"], tmp_path)
    assert r.exit_code == 1
    assert "kmemlint: slow.c: skipped: analysis took over 0.5 s (KMEMLINT_FILE_TIMEOUT)" in r.stderr
    assert "other.c:5:9: error:" in r.stdout and "1 file skipped" in r.stdout


# --------------------------------------------------------------------------------------------
# 3. -D/-I are options of the default command: they never switch to Kbuild checker mode

def test_define_and_include_keep_the_default_command(tmp_path):
    (tmp_path / "bad.c").write_text(BAD)
    (tmp_path / "inc").mkdir()
    r = run(["--format", "json", "-D", "CONFIG_FOO=1", "-I", "inc", "--arch=x86_64", "bad.c", "-o", "out.json"],
            tmp_path)
    assert r.exit_code == 1, r.output
    assert [f["rule"] for f in json.loads((tmp_path / "out.json").read_text())] == ["alloc-free-mismatch"]


def test_kbuild_command_shape_still_selects_checker_mode(tmp_path):
    (tmp_path / "bad.c").write_text(BAD)
    r = run(["-D__linux__", "-Wbitwise", "-nostdinc", "-I./include", "-m64", "-DKBUILD_MODNAME=\"bad\"", "bad.c"],
            tmp_path)
    assert r.exit_code == 0 and r.stdout == ""  # Kbuild: diagnostics on stderr, exit 0
    assert "bad.c:5:9: error:" in r.stderr


# --------------------------------------------------------------------------------------------
# 4. configuration values are checked as the command line checks them

@pytest.mark.parametrize("text, key, why", [
    ("jobs = -3", "jobs", "expected an integer >= 0, got -3"),
    ("max-file-size = 0", "max-file-size", "expected an integer >= 1, got 0"),
    ("kernel-model = 3", "kernel-model", "expected str, got int 3"),
    ("shard-size = 100", "shard-size", "unknown key"),  # parts are internal now (program.parts.PART_FILES)
    ("[rule.alloc-free-mismatch]\nfoo = 1", "rule.alloc-free-mismatch.foo", "unknown option (the rule has no options)"),
    ("[rule.kmalloc-too-large]\nmax-orde = 3", "rule.kmalloc-too-large.max-orde", "unknown option (known: max-order)"),
    ("[rule.kmalloc-too-large]\nmax-order = 11", "rule.kmalloc-too-large.max-order",
     "expected an integer from 0 to 10, got 11"),
    ('format = "xml"', "format", "unknown format 'xml'"),
])
def test_bad_configuration_value_is_one_line_naming_file_and_key(tmp_path, text, key, why):
    (tmp_path / "bad.c").write_text(BAD)
    (tmp_path / ".kmemlint.toml").write_text(text + "\n")
    r = run(["--no-cache", "bad.c"], tmp_path)
    assert r.exit_code == 2
    line = one_line(r.stderr)
    assert line.startswith(f"kmemlint: error: {tmp_path / '.kmemlint.toml'}: {key}: {why}"), line


def test_good_configuration_values_are_taken(tmp_path):
    (tmp_path / "a.c").write_text("void *f(void)\n{\n\treturn kmalloc(SZ_16K, GFP_KERNEL);\n}\n")
    (tmp_path / ".kmemlint.toml").write_text("jobs = 1\nmax-file-size = 100000\n"
                                              "[rule.kmalloc-too-large]\nmax-order = 1\n")
    r = run(["--no-cache", "--format", "json", "a.c"], tmp_path)
    assert r.exit_code == 1 and [f["rule"] for f in json.loads(r.stdout)] == ["kmalloc-too-large"]


def test_command_line_uses_the_same_bounds(tmp_path):
    from kmemlint import config

    assert (config.KEYS["jobs"].lo, config.KEYS["max-file-size"].lo) == (0, 1)
    (tmp_path / "bad.c").write_text(BAD)
    assert "--max-file-size" in one_line(run(["--max-file-size", "0", "bad.c"], tmp_path).stderr)


# --------------------------------------------------------------------------------------------
# 5, 6. knowledge: argument indexes are checked; errors name the file holding the entry

NEG = "static void f(void)\n{\n\tvoid *p = vmalloc(16);\n\n\tmy_free(p);\n}\n"


@pytest.mark.parametrize("entry, key", [
    ('[releases]\nmy_free = { family = "kmalloc", arg = -3 }', "releases.my_free.arg"),
    ('[allocators]\nmy_alloc = { family = "kmalloc", size = [0, -1] }', "allocators.my_alloc.size"),
    ('[dma]\nmy_dma = { args = [-2] }', "dma.my_dma.args"),
    ('[atomic]\nmy_lock = { action = "enter", kind = "spinlock", arg = -2 }', "atomic.my_lock.arg"),
    ('[drvdata]\nmy_set = { role = "set", arg = -1 }', "drvdata.my_set.arg"),
    ('[adopters]\nmy_adopt = { family = "devm_action", data = -1 }', "adopters.my_adopt.data"),
    ('[callback_releases]\nmy_put = { object = 0, action = -2 }', "callback_releases.my_put.action"),
])
def test_negative_knowledge_index_is_an_error(tmp_path, entry, key):
    (tmp_path / "neg.c").write_text(NEG)
    (tmp_path / "k.toml").write_text(entry + "\n")
    r = run(["--no-cache", "--knowledge", "k.toml", "neg.c"], tmp_path)
    assert r.exit_code == 2
    assert one_line(r.stderr).startswith(f"kmemlint: error: k.toml: {key}: expected an integer >= ")


def test_adopter_family_must_be_managed(tmp_path):
    """An adopter hands memory to a manager: its family must be a managed one (devm_action,
    drmm), not kmalloc; the error names the file and the entry."""
    (tmp_path / "neg.c").write_text(NEG)
    (tmp_path / "k.toml").write_text('[adopters]\nmy_adopt = { family = "kmalloc", data = 1 }\n')
    r = run(["--no-cache", "--knowledge", "k.toml", "neg.c"], tmp_path)
    assert r.exit_code == 2
    assert one_line(r.stderr).startswith("kmemlint: error: k.toml: adopters.my_adopt.family: expected a managed family")


def test_valid_knowledge_indexes_are_taken(tmp_path):
    """Twin: index 0, and -1 where it means "no argument" (preempt_disable's lock)."""
    (tmp_path / "neg.c").write_text(NEG)
    (tmp_path / "k.toml").write_text('[releases]\nmy_free = { family = "kmalloc", arg = 0 }\n'
                                     '[atomic]\nmy_off = { action = "enter", kind = "preempt", arg = -1 }\n')
    r = run(["--no-cache", "--knowledge", "k.toml", "neg.c"], tmp_path)
    assert r.exit_code == 1 and "use vfree()" in r.stdout


@pytest.mark.parametrize("entry, key", [
    ('[releases]\nmy_free = { family = "nope" }', "releases.my_free.family: unknown family 'nope'"),
    ('[allocators]\nmy_alloc = { family = "nope" }', "allocators.my_alloc.family: unknown family 'nope'"),
    ('[atomic]\nmy_lock = { action = "hold", kind = "spinlock" }', "atomic.my_lock.action: expected enter"),
    ('[families.mine]\nreleases = ["my_free"]', "families.mine.releases: 'my_free' is not in [releases]"),
])
def test_knowledge_cross_reference_error_names_the_file_of_the_entry(tmp_path, entry, key):
    (tmp_path / "bad.c").write_text(BAD)
    (tmp_path / "first.toml").write_text(entry + "\n")
    (tmp_path / "second.toml").write_text('[sleepers]\nmy_sleep = {}\n')
    r = run(["--no-cache", "--knowledge", "first.toml", "--knowledge", "second.toml", "bad.c"], tmp_path)
    assert r.exit_code == 2
    assert one_line(r.stderr).startswith(f"kmemlint: error: first.toml: {key}")


# --------------------------------------------------------------------------------------------
# 10. click's usage errors are one line too

@pytest.mark.parametrize("args, message", [
    ([], "give files or directories to analyse"),
    (["--jobs", "-1", "bad.c"], "Invalid value for '-j' / '--jobs': -1 is not in the range x>=0."),
    (["--write-baseline", "adir", "bad.c"], "Invalid value for '--write-baseline': File 'adir' is a directory."),
    (["--cache-dir", "afile", "bad.c"], "Invalid value for '--cache-dir': Directory 'afile' is a file."),
    (["--config", "adir", "bad.c"], "Invalid value for '--config': File 'adir' is a directory."),
    (["--bogus", "bad.c"], "No such option '--bogus'"),
    (["rules", "--format", "xml"], "Invalid value for '--format'"),
    (["cost"], "Missing argument 'PATHS...'."),
])
def test_usage_error_is_one_line(tmp_path, args, message):
    (tmp_path / "bad.c").write_text(BAD)
    (tmp_path / "adir").mkdir()
    (tmp_path / "afile").write_text("")
    r = run(args, tmp_path)
    assert r.exit_code == 2
    assert one_line(r.stderr).startswith(f"kmemlint: error: {message}")


# --------------------------------------------------------------------------------------------
# 7. a checksummed cache entry of foreign content is rebuilt, never trusted

def _foreign(kind: str, entry: bytes) -> bytes:
    import hashlib
    import pickle

    from kmemlint import cache
    from kmemlint.frontend import facts

    if kind == "older-version":  # the layout of kmemlint-cache 1: no layout digest
        payload = pickle.dumps(cache.decode(entry))
        return b"kmemlint-cache 1\n" + hashlib.sha256(payload).digest() + payload
    if kind == "other-type":
        return cache.encode("not facts")
    if kind == "older-layout":  # FileFacts with fields missing
        return cache.encode(tuple.__new__(facts.FileFacts, tuple(cache.decode(entry))[:3]))
    assert kind == "unknown-class"

    class Gone:
        pass

    Gone.__module__, Gone.__qualname__ = "kmemlint.frontend.facts", "Gone"
    facts.Gone = Gone
    try:
        return cache.encode(Gone())
    finally:
        del facts.Gone


@pytest.mark.parametrize("kind", ["older-version", "other-type", "older-layout", "unknown-class"])
def test_foreign_cache_entry_is_rebuilt(tmp_path, kind):
    from kmemlint import cache
    from kmemlint.frontend import facts

    (tmp_path / "bad.c").write_text(BAD)
    store = tmp_path / "cache"
    assert run(["--cache-dir", str(store), "-j", "1", "bad.c"], tmp_path).exit_code == 1
    entries = list((store / "v1" / "facts").glob("*/*"))
    assert entries
    for e in entries:
        e.write_bytes(_foreign(kind, e.read_bytes()))
    for e in [*(store / "v1" / "results").glob("*/*"), *(store / "v1" / "index").glob("*")]:
        e.unlink()  # else a warm re-run would not even read the facts
    for _ in range(2):  # the entry is rebuilt, not only worked around
        r = run(["--cache-dir", str(store), "-j", "1", "bad.c"], tmp_path)
        assert r.exit_code == 1 and "bad.c:5:9: error:" in r.stdout, r.output
    for e in entries:
        assert type(cache.decode(e.read_bytes())) is facts.FileFacts


def test_foreign_index_and_results_are_ignored(tmp_path):
    from kmemlint import cache

    (tmp_path / "bad.c").write_text(BAD)
    store = tmp_path / "cache"
    assert run(["--cache-dir", str(store), "-j", "1", "bad.c"], tmp_path).exit_code == 1
    stat = cache.stat_of(os.stat(tmp_path / "bad.c"))  # unchanged file: the index is believed
    for e in (store / "v1" / "index").glob("*"):
        e.write_bytes(cache.encode({"bad.c": (stat, 5, "")}))
    for e in (store / "v1" / "results").glob("*/*"):
        e.write_bytes(cache.encode(("not", "a", "result")))
    r = run(["--cache-dir", str(store), "-j", "1", "bad.c"], tmp_path)
    assert r.exit_code == 1 and "bad.c:5:9: error:" in r.stdout, r.output


# --------------------------------------------------------------------------------------------
# 8. SIGINT / SIGTERM: one line, 130 / 143, workers ended at once, no partial cache entries

def _children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        try:
            if d.isdigit() and int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d))
        except (OSError, IndexError, ValueError):
            pass
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("signame, code, line", [("SIGINT", 130, "kmemlint: interrupted"),
                                                 ("SIGTERM", 143, "kmemlint: terminated")])
def test_signal_ends_run_and_workers(tmp_path, signame, code, line):
    import signal
    import time

    (tmp_path / "many").mkdir()
    for i in range(40):  # seconds of parsing for two workers: the signal comes long before
        (tmp_path / "many" / f"f{i}.c").write_text(_pairs(3000))
    store = tmp_path / "cache"
    # (with the signal's default action, as a shell gives a foreground command: a test run started
    # in the background by a non-interactive shell inherits SIGINT ignored, and so would kmemlint)
    p = subprocess.Popen([sys.executable, "-m", "kmemlint", "--cache-dir", str(store), "-j", "2", "many"],
                         cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(getattr(signal, signame), signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while not list((store / "v1" / "facts").glob("*/*")) and time.monotonic() < deadline:
            time.sleep(0.02)  # the workers are writing entries
        workers = _children(p.pid)
        assert workers and p.poll() is None
        p.send_signal(getattr(signal, signame))
        err = p.communicate(timeout=60)[1]  # stderr closes when the parent and every worker are gone
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == code and err == line + "\n"
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    assert not list(store.rglob(".tmp-*"))


# --------------------------------------------------------------------------------------------
# 9. -o: checked before the run, written whole or not at all

def test_output_into_missing_directory_fails_before_the_analysis(tmp_path, monkeypatch):
    from kmemlint import pipeline

    def analysis(*a, **kw):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr(pipeline, "run", analysis)
    (tmp_path / "bad.c").write_text(BAD)
    for args in (["-o", "nodir/report.json"], ["--write-baseline", "nodir/base.json"]):
        r = run(["--no-cache", *args, "bad.c"], tmp_path)
        assert r.exit_code == 2
        assert one_line(r.stderr) == f"kmemlint: error: {args[1]}: cannot write: directory {tmp_path / 'nodir'} does not exist"


def test_report_on_full_disk_leaves_no_partial_file(tmp_path):
    """RLIMIT_FSIZE makes the write fail as a full disk does (EFBIG instead of ENOSPC)."""
    import resource

    (tmp_path / "bad.c").write_text(BAD)
    (tmp_path / "old.json").write_text("[]\n")
    for report in ("new.json", "old.json"):
        r = cli(["--no-cache", "--format", "json", "bad.c", "-o", report], tmp_path,
                preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200)))
        assert r.returncode == 2
        assert one_line(r.stderr) == f"kmemlint: error: {report}: cannot write: File too large"
    assert not (tmp_path / "new.json").exists() and (tmp_path / "old.json").read_text() == "[]\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.c", "old.json"]
    r = cli(["--no-cache", "--format", "json", "bad.c", "-o", "new.json"], tmp_path)  # twin
    assert r.returncode == 1 and json.loads((tmp_path / "new.json").read_text())[0]["path"] == "bad.c"
    assert (tmp_path / "new.json").stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    old = os.umask(0)
    os.umask(old)
    return old


# --------------------------------------------------------------------------------------------
# 13. a file whose parse needs more memory than there is is skipped before tree-sitter sees it

def test_file_too_big_for_memory_is_skipped_before_the_parse(tmp_path):
    import resource

    (tmp_path / "big.c").write_text(_pairs(100000))  # 5.3 MB: ~680 MB to parse and extract
    (tmp_path / "bad.c").write_text(BAD)
    limit = 512 * 2**20
    r = cli(["--no-cache", "-j", "1", "big.c", "bad.c"], tmp_path,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
    assert r.returncode == 1, r.stderr
    assert "big.c: skipped: " in r.stderr and "GiB to parse" in one_line(r.stderr)
    assert "bad.c:5:9: error:" in r.stdout and "1 file skipped" in r.stdout


# --------------------------------------------------------------------------------------------
# 11. columns after invalid UTF-8 bytes: each byte is one character

def test_columns_after_invalid_utf8_bytes(tmp_path):
    line = b"\t/* \xff\xfe\xfd\xe9 */ kfree(p);\n"  # kfree: byte 16, character 13, display 20
    (tmp_path / "utf.c").write_bytes(BAD.encode().replace(b"\tkfree(p);\n", line))
    (tmp_path / "ok.c").write_bytes(BAD.encode().replace(b"\tkfree(p);\n", "\t/* été */ kfree(p);\n".encode()))
    r = run(["--no-cache", "utf.c", "ok.c"], tmp_path)
    assert "utf.c:5:20: error:" in r.stdout and "ok.c:5:19: error:" in r.stdout  # twin: é is one cell
    found = json.loads(run(["--no-cache", "--format", "json", "utf.c", "ok.c"], tmp_path).stdout)
    assert [(f["path"], f["column"], f["end_column"]) for f in found] == [("ok.c", 12, 17), ("utf.c", 13, 18)]
    sarif = json.loads(run(["--no-cache", "--format", "sarif", "utf.c"], tmp_path).stdout)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (13, 18)


def test_line_hash_still_sees_replacement_characters(tmp_path):
    """GitHub hashes the text as Node.js decodes it: U+FFFD, not the escaped bytes."""
    from kmemlint.fingerprint import line_hashes

    text = BAD.replace("\tkfree(p);\n", "\t/* \ufffd */ kfree(p);\n")
    (tmp_path / "utf.c").write_bytes(text.encode().replace("\ufffd".encode(), b"\xff"))
    sarif = json.loads(run(["--no-cache", "--format", "sarif", "utf.c"], tmp_path).stdout)
    assert sarif["runs"][0]["results"][0]["partialFingerprints"]["primaryLocationLineHash"] == line_hashes(text)[5]


# --------------------------------------------------------------------------------------------
# 12. fingerprints and baselines hash the path relative to the source root

def _kernel(tmp_path: Path) -> Path:
    root = tmp_path / "linux"
    (root / "include" / "linux").mkdir(parents=True)
    (root / "include" / "linux" / "slab.h").write_text("/* marks a kernel tree */\n")
    (root / "drivers" / "demo").mkdir(parents=True)
    (root / "drivers" / "demo" / "demo.c").write_text(BAD)
    return root


def _fingerprints(cwd: Path, path: str, *extra: str) -> tuple[list, list]:
    found = json.loads(run(["--no-cache", "--format", "json", *extra, path], cwd).stdout)
    sarif = json.loads(run(["--no-cache", "--format", "sarif", *extra, path], cwd).stdout)
    return [f["fingerprint"] for f in found], [r["partialFingerprints"] for r in sarif["runs"][0]["results"]]


def test_fingerprints_do_not_depend_on_the_current_directory(tmp_path):
    root = _kernel(tmp_path)
    demo = root / "drivers" / "demo" / "demo.c"
    ways = [(root, "drivers/demo/demo.c"), (root / "drivers", "demo/demo.c"), (tmp_path, str(demo))]
    seen = {json.dumps(_fingerprints(cwd, path)) for cwd, path in ways}
    seen |= {json.dumps(_fingerprints(cwd, path, "--srcroot", str(root))) for cwd, path in ways}
    assert len(seen) == 1
    assert json.loads(seen.pop())[0]  # there is a finding to fingerprint


def test_fingerprints_relative_to_git_repository_or_srcroot(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / "src" / "bad.c").write_text(BAD)
    assert _fingerprints(repo, "src/bad.c") == _fingerprints(repo / "src", "bad.c")
    # an explicit --srcroot wins: the path is then "bad.c", another identity
    assert _fingerprints(repo, "src/bad.c", "--srcroot", "src") == _fingerprints(repo / "src", "bad.c", "--srcroot", ".")
    assert _fingerprints(repo, "src/bad.c", "--srcroot", "src") != _fingerprints(repo, "src/bad.c")


def test_baseline_written_in_one_directory_holds_in_another(tmp_path):
    root = _kernel(tmp_path)
    assert run(["--no-cache", "--write-baseline", str(tmp_path / "base.json"), "drivers/demo/demo.c"],
               root).exit_code == 0
    entry = json.loads((tmp_path / "base.json").read_text())["findings"][0]
    assert entry["path"] == "drivers/demo/demo.c"
    r = run(["--no-cache", "--baseline", str(tmp_path / "base.json"), "demo/demo.c"], root / "drivers")
    assert r.exit_code == 0 and "1 baselined" in r.stdout
    (root / "drivers" / "demo" / "demo.c").write_text(BAD + BAD.replace("f(", "g("))  # twin: a new one
    r = run(["--no-cache", "--baseline", str(tmp_path / "base.json"), str(root / "drivers")], tmp_path)
    assert r.exit_code == 1 and "1 finding" in r.stdout and "1 baselined" in r.stdout


# --------------------------------------------------------------------------------------------
# borderline: a directory without C files warns (exit 0); a stale compile_commands.json entry is
# a skipped file with a warning, not the end of the run

def test_directory_without_c_files_warns(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.txt").write_text("no C here\n")
    (tmp_path / "drv").mkdir()
    (tmp_path / "drv" / "bad.c").write_text(BAD)
    r = run(["--no-cache", "docs"], tmp_path)
    assert r.exit_code == 0 and one_line(r.stderr) == "kmemlint: docs: no C sources or headers (*.c, *.h) found"
    r = run(["--no-cache", "docs", "drv"], tmp_path)  # the other paths are analysed as usual
    assert r.exit_code == 1 and "drv/bad.c:5:9: error:" in r.stdout
    assert run(["--no-cache", "drv"], tmp_path).stderr == ""  # twin: no warning


def test_stale_compile_commands_entry_is_skipped_with_a_warning(tmp_path):
    (tmp_path / "bad.c").write_text(BAD)
    db = [{"directory": str(tmp_path), "file": name, "command": f"gcc -Iinclude -c {name}"}
          for name in ("bad.c", "gone.c")]
    (tmp_path / "compile_commands.json").write_text(json.dumps(db))
    r = run(["--no-cache", "--compile-commands", "compile_commands.json"], tmp_path)
    assert r.exit_code == 1 and "bad.c:5:9: error:" in r.stdout
    assert one_line(r.stderr) == f"kmemlint: compile_commands.json: entry 1: {tmp_path / 'gone.c'}: skipped: no such file"


def test_knowledge_digest_follows_what_entries_say_not_their_sources(tmp_path):
    """The digest salts every cache: citing a source or adding a comment keeps the caches, a
    changed entry does not."""
    from kmemlint import knowledge

    def digest(text: str) -> str:
        (tmp_path / "k.toml").write_text(text)
        return knowledge.load([tmp_path / "k.toml"]).digest

    plain = digest('[sleepers]\nmy_wait = { what = "my_wait()" }\n')
    cited = digest('# waits for the device\n[sleepers]\nmy_wait = { what = "my_wait()", source = "drivers/x.c:1" }\n')
    changed = digest('[sleepers]\nmy_wait = { what = "my_wait()" }\nmy_other = { what = "my_other()" }\n')
    assert plain == cited
    assert changed != plain
