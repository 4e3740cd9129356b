"""kmemlint.layout against gcc: sizeof/alignof/offsetof of fixture structs must agree."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kmemlint.frontend.layout import Layouts, Member, Record, parse_declaration, parse_type
from kmemlint.frontend.sizes import extract_type_facts_from_source

DATA = Path(__file__).parent / "data" / "sizes"
SOURCE = (DATA / "layout_prelude.h").read_text() + (DATA / "layout_fixtures.h").read_text()


def _layouts() -> Layouts:
    facts = extract_type_facts_from_source(SOURCE)
    defines = {name: defs[0].body for name, defs in facts.defines}

    def evaluate(text: str) -> int | None:  # the fixtures only need literals and two macros
        for name, body in defines.items():
            text = text.replace(name, body)
        try:
            return int(eval(text, {"__builtins__": {}}))  # noqa: S307 - fixture arithmetic
        except Exception:  # pragma: no cover - a failing fixture shows up as a mismatch
            return None

    return Layouts(dict(facts.records), dict(facts.typedefs), {t for t, _ in facts.enums},
                   evaluate=evaluate)


def _queries(layouts: Layouts) -> list[tuple[str, str, str | None]]:
    """(kind, type, member) to compare: size and align of every fixture type, the offset of
    every named non-bitfield member (plus members reached through anonymous ones)."""
    out: list[tuple[str, str, str | None]] = []
    types = [f"{r.kind} {tag}" for tag, r in layouts.records.items() if tag.startswith("lf_")]
    types.append("lf_typedef_t")
    for t in types:
        out += [("size", t, None), ("align", t, None)]
        rec = layouts.records[layouts.record_type(t).split(" ", 1)[1]]
        for m in rec.members:
            if m.name and m.bitfield is None:
                out.append(("offset", t, m.name))
    out += [("offset", "struct lf_anon", "a"), ("offset", "struct lf_anon", "b"),
            ("offset", "struct lf_anon", "raw"), ("offset", "struct lf_anon", "named.y"),
            ("offset", "struct lf_nested", "arr[1].big"), ("offset", "struct lf_nested",
                                                            "inner.tail")]
    return out


@pytest.fixture(scope="module")
def gcc_answers(tmp_path_factory) -> dict[tuple[str, str, str | None], int]:
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        pytest.skip("no C compiler")
    layouts = _layouts()
    queries = _queries(layouts)
    lines = []
    for kind, t, member in queries:
        if kind == "size":
            expr = f"sizeof({t})"
        elif kind == "align":
            expr = f"_Alignof({t})"
        else:
            expr = f"offsetof({t}, {member})"
        lines.append(f'\tprintf("%zu\\n", (size_t)({expr}));')
    program = SOURCE + "\n#include <stdio.h>\nint main(void)\n{\n" + "\n".join(lines) + \
        "\n\treturn 0;\n}\n"
    work = tmp_path_factory.mktemp("layout")
    (work / "probe.c").write_text(program)
    build = subprocess.run([cc, "-std=gnu11", "-o", str(work / "probe"), str(work / "probe.c")],
                           capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail(f"fixture program does not compile:\n{build.stderr}")
    run = subprocess.run([str(work / "probe")], capture_output=True, text=True, check=True)
    return dict(zip(queries, (int(x) for x in run.stdout.split())))


def test_layout_matches_gcc(gcc_answers):
    layouts = _layouts()
    mismatches = []
    for (kind, t, member), expected in gcc_answers.items():
        if kind == "size":
            got = layouts.sizeof(t)
        elif kind == "align":
            got = layouts.alignof(t)
        else:
            got = layouts.offsetof(t, member)
        if got != expected:
            why = layouts.reason(t) if kind != "offset" else layouts.member(t, member).reason
            mismatches.append(f"{kind} {t} {member or ''}: gcc {expected}, kmemlint {got} {why}")
    assert not mismatches, "\n".join(mismatches)
    assert len(gcc_answers) > 100


def test_member_type_and_anonymous_members():
    layouts = _layouts()
    assert layouts.member_type("lf_ptrs", "names") == "char **"
    assert layouts.member_type("struct lf_anon", "b") == "u16"
    assert layouts.member_type("lf_typedef_t", "b") == "u64"
    assert layouts.member_type("lf_flex", "data") == "u8 []"
    assert layouts.member_type("lf_ptrs", "fn") == "int (*)(struct device *dev, int x)"
    assert layouts.member_type("lf_basic", "nope") is None
    assert "no member nope" in layouts.member("lf_basic", "nope").reason
    assert layouts.member("lf_bits", "c").reason == "bitfield has no byte offset"


def test_flexible_arrays_and_pointer_algebra():
    layouts = _layouts()
    assert layouts.layout("struct lf_flex").flexible
    assert layouts.pointee("u8 []") == "u8"
    assert layouts.pointee("struct lf_flex *") == "struct lf_flex"
    assert layouts.pointee("lf_typedef_t *") == "struct " + layouts.record_type(
        "lf_typedef_t").split(" ", 1)[1]
    assert layouts.pointee("int") is None


def test_unknown_types_are_values_not_exceptions():
    layouts = _layouts()
    assert layouts.sizeof("struct nowhere") is None
    assert layouts.reason("struct nowhere") == "unknown type struct nowhere"
    assert layouts.sizeof("mystery_t *") == 8
    assert layouts.sizeof("char [UNKNOWN_N]") is None
    assert "not a known constant" in layouts.reason("char [UNKNOWN_N]")
    assert layouts.offsetof("struct nowhere", "x") is None
    looped = Layouts({"a": Record("struct", "a", (Member("self", "struct a"),))})
    assert "recursive type struct a" in looped.reason("struct a")


def test_well_known_kernel_types_without_definitions():
    layouts = Layouts()
    expected = {"spinlock_t": 4, "struct list_head": 16, "struct hlist_head": 8,
                "struct mutex": 32, "struct work_struct": 32, "struct completion": 32,
                "wait_queue_head_t": 24, "struct kref": 4, "dma_addr_t": 8, "atomic_t": 4,
                "struct delayed_work": 88, "bool": 1, "gfp_t": 4, "__be32": 4}
    assert {t: layouts.sizeof(t) for t in expected} == expected


def test_conditional_members_follow_the_assumption():
    facts = extract_type_facts_from_source(
        "struct c { int a;\n#ifdef CONFIG_X\n long b;\n#else\n char c;\n#endif\n };")
    on = Layouts(dict(facts.records))
    assert on.sizeof("struct c") == 16
    assert on.layout("struct c").conditions == ("defined(CONFIG_X)",)
    assert on.with_assumption(False).sizeof("struct c") == 8
    decided = Layouts(dict(facts.records), cond_truth=lambda e: False)
    assert decided.sizeof("struct c") == 8 and decided.layout("struct c").conditions == ()


@pytest.mark.parametrize("text, expected", [
    ("u8 __aligned(8) data[];", [("data", "u8 []", None)]),
    ("unsigned int f:3, g:5;", [("f", "unsigned int", "3"), ("g", "unsigned int", "5")]),
    ("void (*arr[4])(void);", [("arr", "void (*[4])(void)", None)]),
    ("struct bar *b[4] __counted_by(n);", [("b", "struct bar *[4]", None)]),
])
def test_parse_declaration(text, expected):
    assert parse_declaration(text)[0] == expected


def test_parse_type():
    spec = parse_type("const struct foo * __rcu [N][2]")
    assert (spec.base, spec.ptr, spec.dims) == ("struct foo", 1, ("N", "2"))
    assert parse_type("int (*)(void)").fn
