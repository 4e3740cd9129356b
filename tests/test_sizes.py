"""kmemlint.sizes: fact extraction and constant evaluation of size expressions.

The fixture kernel tree under data/sizes/kroot stands in for a real one (tests must not need a
kernel tree): include/linux/slab.h marks the root, <asm/...> resolves under arch/x86/include or
include/asm-generic, and drivers/demo/demo.c includes a local "demo.h".
"""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from kmemlint.frontend import sizes
from kmemlint.frontend.sizes import (SizeEnv, SizeResult, extract_type_facts,
                            extract_type_facts_from_source, find_kernel_root, header_facts)

KROOT = Path(__file__).parent / "data" / "sizes" / "kroot"
DEMO = KROOT / "drivers" / "demo" / "demo.c"
LOCALS = {"d": "struct demo_dev *", "dev": "struct demo_dev *", "len": "size_t",
          "q": "struct demo_queue *", "n": "int"}


def _facts(path: Path = DEMO):
    src = path.read_bytes()
    return extract_type_facts(sizes._PARSER.parse(src).root_node, src)


@pytest.fixture(scope="module")
def ctx():
    return SizeEnv().for_file(DEMO, _facts())


def exact(value: int) -> SizeResult:
    return SizeResult(value, value, True, "")


def test_kernel_root_is_found_by_walking_up():
    assert find_kernel_root(DEMO) == KROOT.resolve()
    assert find_kernel_root(Path(__file__)) is None or find_kernel_root(Path(__file__)) != KROOT


def test_extract_type_facts():
    facts = _facts(KROOT / "drivers" / "demo" / "demo.h")
    defines = dict(facts.defines)
    assert defines["DEMO_QUEUES"][0].body == "4" and defines["DEMO_QUEUES"][0].params is None
    assert defines["DEMO_DESC_SIZE"][0].params == ("n",)
    assert defines["DEMO_H"][0].conds == ()  # the include guard is not a condition
    records = dict(facts.records)
    assert [m.name for m in records["demo_desc"].members] == ["addr", "len", "id", "flags", "pad"]
    stats = [m for m in records["demo_dev"].members if m.name == "stats"][0]
    assert stats.type == "u64 [8]" and stats.conds == (("defined(CONFIG_DEMO_STATS)", True),)
    assert ("linux/slab.h", True) in facts.includes
    assert dict(facts.enums)["demo_state"][2] == ("DEMO_STOPPED", "10")
    types = dict(_facts().variables)
    assert types["demo_table"] == "u32 [5]" and types["demo_banner"] == "char [5]"


def test_facts_are_picklable_and_headers_cached():
    facts = _facts()
    assert pickle.loads(pickle.dumps(facts)) == facts
    header = str((KROOT / "include" / "linux" / "demo_types.h").resolve())
    assert header_facts(header) is header_facts(header)
    multi = dict(header_facts(header).defines)["DEMO_RING_ENTRIES"]
    assert len(multi) == 3


@pytest.mark.parametrize("expr, expected", [
    ("DEMO_QUEUES * 2", exact(8)),
    ("DEMO_DESC_SIZE(DEMO_QUEUES * 2)", exact(128)),           # function-like macro, local header
    ("sizeof(struct demo_desc)", exact(16)),
    ("sizeof(struct demo_queue)", exact(72)),                   # nested struct, arch header macro
    ("sizeof(q->idx)", exact(4)),
    ("sizeof(*q)", exact(72)),
    ("sizeof(d->queues[1].name)", exact(32)),
    ("offsetof(struct demo_queue, idx.tail)", exact(66)),
    ("DEMO_NAME_LEN + SLAB_DEMO_MAGIC", exact(32 + 0x42)),      # <linux/...> headers
    ("DEMO_GENERIC_ONLY", exact(7)),                           # <asm/...> from asm-generic
    ("DEMO_PAGE_KIND", exact(1)),                              # #if PAGE_SHIFT > 12 decided
    ("DEMO_NR_STATES", exact(11)),
    ("DEMO_CAT(DEMO_BUF_, 4K)", exact(4096)),                  # token pasting
    ("ARRAY_SIZE(demo_table) * sizeof(u32)", exact(20)),
    ("sizeof(demo_banner)", exact(5)),
    ("PAGE_SIZE << 2", exact(16384)),
    ("SZ_64K + SZ_1M", exact(65536 + (1 << 20))),
    ("BIT(5) | BIT_ULL(40)", exact(32 + (1 << 40))),
    ("array_size(DEMO_QUEUES, sizeof(struct demo_desc))", exact(64)),
    ("array3_size(2, 3, 4)", exact(24)),
    ("size_add(SIZE_MAX, 1)", exact((1 << 64) - 1)),            # saturating
    ("struct_size_t(struct demo_queue, name, 3)", exact(72 + 3)),
    ("flex_array_size(d, entries, 10)", exact(160)),
    ("max(DEMO_QUEUES, 16) + min_t(u8, 300, 1000)", exact(16 + 44)),
    ("ALIGN(100, 64) + round_up(5, 4) + PAGE_ALIGN(1) + DIV_ROUND_UP(10, 3)",
     exact(128 + 8 + 4096 + 4)),
    ("sizeof(unsigned long) * BITS_TO_LONGS(65)", exact(16)),
    ("(u16)0x12345", exact(0x2345)),
    ("1 ? 24 : 48", exact(24)),
    ("0x10UL >> 2", exact(4)),
    ("(size_t)-1", exact((1 << 64) - 1)),
    ("sizeof(struct demo_hdr) % 5", exact(3)),
    ("roundup_pow_of_two(100) + ilog2(4096)", exact(128 + 12)),
])
def test_constant_expressions(ctx, expr, expected):
    assert ctx.evaluate(expr, LOCALS) == expected


def test_struct_size_with_config_dependent_struct_and_count(ctx):
    # struct demo_dev is 320 bytes, or 384 with CONFIG_DEMO_STATS; DEMO_RING_ENTRIES is 64, 256
    # or 1024 depending on CONFIG_DEMO_BIG_RING / CONFIG_DEMO_MEDIUM_RING
    result = ctx.evaluate("struct_size(d, entries, DEMO_RING_ENTRIES)", LOCALS)
    assert (result.lo, result.hi, result.exact) == (320 + 64 * 16, 384 + 1024 * 16, False)
    assert "CONFIG_DEMO_STATS" in result.reason and "CONFIG_DEMO_BIG_RING" in result.reason
    assert ctx.evaluate("sizeof(struct demo_dev)") == SizeResult(
        320, 384, False, "depends on CONFIG_DEMO_STATS")


def test_config_range(ctx):
    result = ctx.evaluate("DEMO_RING_ENTRIES * 2")
    assert (result.lo, result.hi, result.exact) == (128, 2048, False)
    assert "CONFIG_DEMO_BIG_RING" in result.reason


def test_defines_decide_config():
    env = SizeEnv(defines={"CONFIG_DEMO_BIG_RING": "1", "CONFIG_DEMO_STATS": "1"})
    ctx = env.for_file(DEMO, _facts())
    assert ctx.evaluate("DEMO_RING_ENTRIES") == exact(1024)
    assert ctx.evaluate("struct_size(d, entries, 2)", LOCALS) == exact(384 + 32)


def test_page_shift_is_configurable():
    ctx = SizeEnv(page_shift=16).for_file(DEMO, _facts())
    assert ctx.evaluate("PAGE_SIZE") == exact(65536)
    assert ctx.evaluate("DEMO_PAGE_KIND") == exact(2)
    assert ctx.evaluate("KMALLOC_MAX_CACHE_SIZE") == exact(1 << 17)


@pytest.mark.parametrize("expr, reason", [
    ("len + sizeof(*d)", "depends on variable 'len'"),
    ("struct_size(d, entries, n)", "depends on variable 'n'"),
    ("n * DEMO_QUEUES", "depends on variable 'n'"),
    ("CONFIG_DEMO_SIZE * 2", "depends on CONFIG_DEMO_SIZE"),
    ("sizeof(struct nowhere)", "unknown type struct nowhere"),
    ("NO_SUCH_MACRO + 1", "unknown identifier 'NO_SUCH_MACRO'"),
    ("strlen(name) + 1", "call to strlen is not constant"),
    ("sizeof(*other)", "depends on variable 'other' (type unknown)"),
    ("DEMO_QUEUES / 0", "division by zero"),
    ("1 +", "cannot parse '1 +'"),
    ("max(1, (2)", "unbalanced parentheses in 'max(1, (2)'"),
])
def test_not_constant_gives_a_reason(ctx, expr, reason):
    result = ctx.evaluate(expr, LOCALS)
    assert (result.lo, result.hi, result.exact, result.reason) == (None, None, False, reason)


def test_include_dirs_and_explicit_root(tmp_path):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "x.h").write_text("#define EXTRA_SIZE (DEMO_NAME_LEN * 2)\n")
    src = tmp_path / "t.c"
    src.write_text("#include <extra/x.h>\n#include <linux/demo_types.h>\n")
    env = SizeEnv(KROOT, include_dirs=[tmp_path])
    ctx = env.for_file(src, extract_type_facts_from_source(src.read_bytes()))
    assert ctx.evaluate("EXTRA_SIZE") == exact(64)
    # without the kernel root the linux header is not found
    bare = SizeEnv(include_dirs=[tmp_path]).for_file(src, extract_type_facts_from_source(
        src.read_bytes()))
    assert bare.evaluate("EXTRA_SIZE").reason == "unknown identifier 'DEMO_NAME_LEN'"


def test_results_are_picklable(ctx):
    result = ctx.evaluate("DEMO_RING_ENTRIES")
    assert pickle.loads(pickle.dumps(result)) == result


def test_member_types_for_other_stages(ctx):
    assert ctx.member_type("struct demo_dev", "entries") == "struct demo_desc []"
    assert ctx.member_type("demo_queue", "idx.tail") == "u16"
    assert ctx.sizeof("struct demo_hdr") == exact(8)


def test_anonymous_members_of_two_headers_at_one_place_stay_apart():
    """include/linux/smp_types.h's struct __call_single_node and drivers/gpu/drm/amd/include/
    v10_structs.h each have an anonymous struct at line 60, column 2; with both in one include
    closure (amdgpu_cs.c), the kernel's struct irq_work took the AMD one's members (88,320 bytes,
    not 32)."""
    a = sizes.extract_type_facts_from_source(b"struct irq_node {\n\tstruct {\n\t\tint flags;\n\t};\n};\n")
    b = sizes.extract_type_facts_from_source(b"struct v10_mqd {\n\tstruct {\n\t\tint meta[20000];\n\t};\n};\n")
    tags_a = {t for t, _ in a.records if t.startswith("__anon")}
    tags_b = {t for t, _ in b.records if t.startswith("__anon")}
    assert tags_a and tags_b and not tags_a & tags_b
