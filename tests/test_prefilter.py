"""The byte prefilter only skips files whose facts are empty: checked against real extraction."""
from __future__ import annotations

import pytest

from kmemlint.frontend import facts
from kmemlint.frontend.prefilter import preprocessor_only

SKIPPED = [
    b"",
    b"/* SPDX-License-Identifier: GPL-2.0 */\n#ifndef _REGS_H\n#define _REGS_H\n#define REG_A 0x10\n#endif\n",
    b"// comment\n#define M(x) \\\n\tdo { foo(x); } while (0)\n\n/*\n * block\n */\n#include <linux/types.h>\n",
    b"#define A 1 /* one */\n#define B 2 /* two\n   lines */\n",
    b"/* a */ // b\n#if 0\n#endif\n",
]
PARSED = [
    b"int x;\n",
    b"#define A 1\nextern int y;\n",
    b"/* c */ int z;\n",
    b"#define X \\\n  /* opens\n  closes */ int w;\n",
    b"#if 1\nstatic inline void f(void) {}\n#endif\n",
    b"#define A 1\nenum e { E1 };\n",
    b"/* never closed\n",
    b"#define A 1\nDECLARE_BITMAP(map, 8);\n",
]


@pytest.mark.parametrize("src", SKIPPED)
def test_preprocessor_only_files_have_empty_facts(src: bytes) -> None:
    assert preprocessor_only(src)
    ff = facts.extract("x.h", src)
    assert not ff.functions and not ff.globals and not ff.initializers
    assert not getattr(ff, "structs", ())


@pytest.mark.parametrize("src", PARSED)
def test_anything_else_is_parsed(src: bytes) -> None:
    assert not preprocessor_only(src)


def test_error_count_matches_the_errors_query() -> None:
    from kmemlint.frontend import parse

    srcs = [b"int x = ;\nvoid f(void) { g(; }\nstruct { int a }\n", b"void f(void) {\n", b"int ok;\n",
            b"static void f(void) { list_for_each(p, h) { kfree(p) } }\n"]
    for src in srcs:
        tree = parse.parse(src)
        by_query = sum(len(v) for v in parse.captures("errors", tree.root_node).values())
        assert parse.count_errors(tree) == (by_query or (1 if tree.root_node.has_error else 0))
