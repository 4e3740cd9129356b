"""The size stage (kmemlint.allocsites), the ranking stage (kmemlint.rank), ``kmemlint cost``,
``--sort impact`` and the cost properties in JSON and SARIF. No kernel tree is needed: the
fixture files define what they use."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from report_helpers import schema_errors

from fixture_harness import FIXTURES
from kmemlint import filefacts, knowledge, pipeline
from kmemlint.frontend import allocsites, facts, sizes
from kmemlint.cli import main
from kmemlint.model import Precision, Severity
from kmemlint.rank import rank_of

KTL = FIXTURES / "kmalloc-too-large"

MIXED_C = """\
/* a file with one finding of each kind */
#define RING_BYTES (64 * 1024)

void *ring_alloc(void)
{
\tvoid *ring = vmalloc(RING_BYTES);

\tkfree(ring);
\treturn kmalloc(RING_BYTES, GFP_KERNEL);
}

void var_alloc(unsigned long len)
{
\tvoid *p = vmalloc(len);

\tkfree(p);
}
"""


def cli(args, cwd: Path | None = None):
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def mixed(tmp_path):
    (tmp_path / "mixed.c").write_text(MIXED_C)
    return tmp_path


def _sites(paths, **opts):
    sites, _ = pipeline.alloc_sites(pipeline.Options(paths=[str(p) for p in paths], **opts),
                                    warn=lambda m: None)
    return {(Path(s.path).name, s.loc.line): s for s in sites.all()}


# --------------------------------------------------------------------------------------------
# the size stage


def test_sites_are_evaluated_with_products_headers_and_config_ranges():
    sites = _sites([KTL / "nested_struct.c", KTL / "header_macro"])
    kcalloc = sites[("nested_struct.c", 45)]
    assert (kcalloc.size_lo, kcalloc.exact, kcalloc.cost.order) == (4 * 14344, True, 4)
    assert kcalloc.target == "r"
    assert sites[("nested_struct.c", 58)].reason == "depends on variable 'n'"
    assert sites[("nested_struct.c", 58)].cost is None
    ring = sites[("ring.c", 8)]
    assert (ring.size_lo, ring.exact) == (65536, True)  # macro from the local header
    trace = sites[("ring.c", 10)]
    assert (trace.size_lo, trace.size_hi, trace.exact) == (65536, 262144, False)
    assert "CONFIG_RING_HUGE_TRACE" in trace.reason and "CONFIG_RING_HUGE_TRACE" in trace.cost.note


def test_defines_and_page_size_options(tmp_path):
    sites = _sites([KTL / "header_macro"], defines=(("CONFIG_RING_HUGE_TRACE", "1"),))
    trace = sites[("ring.c", 10)]
    assert (trace.size_lo, trace.size_hi, trace.exact) == (262144, 262144, True)
    big = _sites([KTL / "header_macro"], page_shift=16)[("ring.c", 8)]
    assert big.cost.order == 0 and big.cost.size_class == 65536  # a kmalloc-64k slab object


def test_include_dirs(tmp_path):
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "sizes_demo.h").write_text("#define DEMO_BYTES (40 * 1024)\n")
    (tmp_path / "a.c").write_text('#include <sizes_demo.h>\nvoid *f(void)\n{\n\treturn kmalloc(DEMO_BYTES, GFP_KERNEL);\n}\n')
    assert _sites([tmp_path / "a.c"])[("a.c", 4)].reason == "unknown identifier 'DEMO_BYTES'"
    site = _sites([tmp_path / "a.c"], include_dirs=(str(tmp_path / "inc"),))[("a.c", 4)]
    assert site.size_lo == 40 * 1024 and site.cost.order == 4


def test_type_facts_only_where_a_size_needs_them():
    src = b"void *f(unsigned long len)\n{\n\treturn kmalloc(len * 2, GFP_KERNEL);\n}\n"
    assert facts.extract("v.c", src).types is None
    src2 = b"struct s { int a[100]; };\nvoid *f(struct s *p)\n{\n\treturn kmalloc(sizeof(*p), GFP_KERNEL);\n}\n"
    ff = facts.extract("t.c", src2)
    assert ff.types is not None and "s" in dict(ff.types.records)
    assert facts.extract("n.c", b"int f(void) { return 1; }\n").types is None


def test_users_allocators_fall_back_to_reading_the_file(tmp_path):
    (tmp_path / "k.toml").write_text('[allocators]\nfoo_alloc = { family = "kmalloc", size = [0], gfp = 1 }\n')
    (tmp_path / "u.c").write_text("#define FOO (48 * 1024)\nvoid *f(void)\n{\n\treturn foo_alloc(FOO, GFP_KERNEL);\n}\n")
    assert facts.extract(str(tmp_path / "u.c"), (tmp_path / "u.c").read_bytes()).types is None
    site = _sites([tmp_path / "u.c"], knowledge_files=(tmp_path / "k.toml",))[("u.c", 4)]
    assert site.size_lo == 48 * 1024 and site.cost.order == 4


def test_reason_categories():
    rc = allocsites.reason_category
    assert rc("depends on variable 'len'") == "depends on a variable or parameter"
    assert rc("depends on CONFIG_FOO; depends on CONFIG_BAR") == "depends on a configuration option"
    assert rc("unknown identifier 'FOO_LEN'") == "unknown macro or constant"
    assert rc("struct a: member b: struct c: member d: unknown type foo_t") == \
        "a member's type cannot be laid out"
    assert rc("length of tbl is not known") == "array length not known"


def test_sites_reach_rules_through_the_context(mixed):
    result = pipeline.run(pipeline.Options(paths=[str(mixed / "mixed.c")]), warn=lambda m: None)
    from kmemlint import engine
    ctx = engine.Context(result.program, knowledge.load())
    assert [s.callee for s in ctx.alloc_sites().all()] == ["vmalloc", "kmalloc", "vmalloc"]


# --------------------------------------------------------------------------------------------
# ranking


def test_rank_orders_level_then_precision_then_impact():
    assert rank_of(Severity.ERROR, Precision.HIGH) > rank_of(Severity.WARNING, Precision.HIGH, 100)
    assert rank_of(Severity.ERROR, Precision.HIGH, 50) > rank_of(Severity.ERROR, Precision.HIGH)
    assert rank_of(Severity.ERROR, Precision.MEDIUM) < rank_of(Severity.ERROR, Precision.HIGH)
    assert 0 <= rank_of(Severity.NOTE, Precision.LOW) <= rank_of(Severity.ERROR, Precision.VERY_HIGH, 100) <= 100


def test_every_finding_gets_a_rank_and_those_at_a_sized_site_a_cost(mixed):
    result = pipeline.run(pipeline.Options(paths=[str(mixed / "mixed.c")]), warn=lambda m: None)
    by = {(f.rule, f.loc.line): f for f in result.findings}
    mismatch = by[("alloc-free-mismatch", 8)]
    cost = dict(mismatch.cost)
    assert cost["family"] == "vmalloc" and cost["pages"] == 16 and cost["allocator"] == "vmalloc"
    assert cost["site"].endswith("mixed.c:6:15") and "16 pages" in cost["summary"]
    unsized = by[("alloc-free-mismatch", 16)]
    assert unsized.cost == () and unsized.rank == rank_of(Severity.ERROR, Precision.HIGH)
    large = by[("kmalloc-too-large", 9)]
    assert dict(large.cost)["order"] == 4 and large.rank > 0
    assert mismatch.rank > unsized.rank


def test_sort_impact(mixed):
    loc = json.loads(cli(["check", "mixed.c", "--format", "json", "--isolated"], cwd=mixed).output)
    imp = json.loads(cli(["check", "mixed.c", "--format", "json", "--isolated", "--sort", "impact"],
                         cwd=mixed).output)
    assert [f["line"] for f in loc] == [8, 9, 16]
    assert [f["rank"] for f in imp] == sorted((f["rank"] for f in imp), reverse=True)
    assert [f["line"] for f in imp] == [8, 16, 9]
    assert imp[0]["cost"]["summary"].startswith("16 pages")


def test_text_has_the_cost_suffix(mixed):
    out = cli(["check", "mixed.c", "--isolated", "--color", "never"], cwd=mixed).output
    assert "(cost: 16 pages (64 KiB) + guard page" in out
    assert "(cost: order-4 (64 KiB))" in out


def test_sarif_has_cost_properties_and_rank(mixed):
    res = cli(["check", "mixed.c", "--format", "sarif", "--isolated"], cwd=mixed)
    log = json.loads(res.output)
    assert schema_errors(log) == []
    results = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r
               for r in log["runs"][0]["results"]}
    mismatch = results[("alloc-free-mismatch", 8)]
    assert mismatch["properties"]["cost"]["family"] == "vmalloc"
    assert mismatch["properties"]["cost"]["impact"] >= 0
    assert mismatch["rank"] == mismatch["properties"]["rank"] > 0
    large = results[("kmalloc-too-large", 9)]
    assert large["properties"]["cost"]["order"] == 4 and large["level"] == "warning"
    assert results[("alloc-free-mismatch", 16)]["properties"]["cost"] == {}


def test_max_order_option(tmp_path):
    (tmp_path / "a.c").write_text("void *f(void)\n{\n\treturn kmalloc(SZ_16K, GFP_KERNEL);\n}\n")
    opts = dict(paths=[str(tmp_path / "a.c")], select=("kmalloc-too-large",))
    assert pipeline.run(pipeline.Options(**opts), warn=lambda m: None).findings == []
    found = pipeline.run(pipeline.Options(**opts, rule_options={"kmalloc-too-large": {"max-order": 1}}),
                         warn=lambda m: None).findings
    assert [f.message.split(";")[0] for f in found] == [
        "order-2 kmalloc() of 16 KiB (16384 bytes): 16 KiB of contiguous pages"]
    (tmp_path / "pyproject.toml").write_text('[tool.kmemlint.rule.kmalloc-too-large]\nmax-order = "x"\n')
    res = cli(["check", "a.c"], cwd=tmp_path)
    assert res.exit_code == 2 and "rule.kmalloc-too-large.max-order: expected int" in res.output


# --------------------------------------------------------------------------------------------
# kmemlint cost


def test_cost_json():
    res = cli(["cost", str(KTL), "--format", "json", "--top", "3"])
    assert res.exit_code == 0
    report = json.loads(res.output)
    assert report["files"] == 14 and report["sites"] == 33
    assert report["evaluated"] == 26 and report["exact"] == 24 and report["page_size"] == 4096
    assert report["families"]["kmalloc"] == {"sites": 31, "evaluated": 24}
    assert report["families"]["devm"] == {"sites": 1, "evaluated": 1}
    classes = report["kmalloc_size_classes"]
    assert classes["order-4 (64 KiB)"] == 4 and classes["above KMALLOC_MAX_SIZE"] == 1
    assert list(classes)[0] == "kmalloc-1k" and list(classes)[-1] == "above KMALLOC_MAX_SIZE"
    top = report["top_waste"][0]
    assert (Path(top["path"]).name, top["line"], top["allocator"]) == ("constant_sizes.c", 29, "kzalloc")
    assert top["cost"]["order"] == 8 and top["size_lo"] == 524320 and len(report["top_waste"]) == 3
    assert report["top_order"][0]["cost"]["impossible"] is True
    unev = report["unevaluated"]
    assert unev["count"] == 7 and unev["by_reason"] == {"depends on a variable or parameter": 6, "unknown type": 1}
    assert {s["reason"] for s in unev["sites"]} == {"depends on variable 'len'", "depends on variable 'n'",
                                                    "depends on variable 'twice'", "depends on variable 'shifted'",
                                                    "depends on variable 'asked'",
                                                    "unknown type struct dcn_bw_internal_vars"}


def test_cost_text():
    res = cli(["cost", str(KTL)])
    assert res.exit_code == 0
    out = res.output
    assert out.startswith("kmemlint cost: 33 allocation sites in 14 files; size evaluated for 26 (79%)")
    for heading in ("family", "kmalloc size class", "most wasteful sites", "highest page orders",
                    "size not evaluated: 7 sites"):
        assert heading in out
    assert "e.g. " in out and "depends on variable 'len'" in out


def test_cost_errors(tmp_path):
    res = cli(["cost", str(tmp_path / "missing")])
    assert res.exit_code == 2 and res.output.startswith("kmemlint: error:")
    res = cli(["cost", str(KTL), "-D", "=1"])
    assert res.exit_code == 2 and "missing macro name" in res.output


def test_workers_evaluate_the_same_sites_as_the_parent(tmp_path):
    """With a rule that reads every site, the facts workers evaluate sizes (SiteEvaluator) and the
    parent only preloads them: same sites, same findings as evaluating on demand."""
    opts = pipeline.Options(paths=[str(KTL)])
    know = knowledge.load()
    def what(s):
        return (Path(s.path).name, s.loc.line, s.loc.col, s.callee, s.size_lo, s.size_hi, s.exact, s.reason,
                s.cost, s.target)

    lazy = sorted(what(s) for s in _sites([KTL]).values())
    ev = allocsites.SiteEvaluator(know, opts.size_settings)
    ahead = sorted(what(s) for p in sorted(KTL.rglob("*.c"))
                   for s in ev.file_sites(facts.extract(str(p), p.read_bytes())))
    assert ahead == lazy and len(ahead) > 10
    assert not ev._contexts  # a worker keeps no per-file context after the file

    def findings(jobs):
        opts = pipeline.Options(paths=[str(KTL)], jobs=jobs, cache_dir=tmp_path / f"c{jobs}")
        return pipeline.run(opts, warn=lambda m: None).findings

    sizes.header_facts.cache_clear()  # parsed once per process: forget what earlier tests parsed
    sizes._header.cache_clear()
    assert findings(1) == findings(2) and findings(2)
    # the local header's facts went into the cache too (for the other workers and later runs)
    assert any((tmp_path / "c1" / "v1" / "types").rglob("*")) and findings(2) == findings(1)


def test_a_failing_worker_evaluation_falls_back_to_the_parent(monkeypatch):
    """A crash while a worker evaluates sizes is not a traceback: the sites are evaluated on
    demand instead, where a real failure becomes the rule's one-line internal error."""
    opts = pipeline.Options(paths=[str(KTL)], jobs=1)
    expected = pipeline.run(opts, warn=lambda m: None).findings

    def boom(self, ff):
        raise ValueError("worker failure")

    monkeypatch.setattr(allocsites.SiteEvaluator, "file_sites", boom)
    filefacts._worker_sites.cache_clear()
    assert pipeline.run(opts, warn=lambda m: None).findings == expected and expected
