"""Tests for the text and JSON reporters, the render dispatcher and column conversion."""
from __future__ import annotations

import json

import pytest
from report_helpers import DRIVER, DRIVER_C, RULES, context, sleep_finding, stats, write_tree

from kmemlint.model import Finding, Loc, Related, Severity, Step
from kmemlint.report import FORMATS, ReportContext, read_lines, render, split_lines
from kmemlint.report.columns import Unit, convert, span
from kmemlint.report.context import join_lines, replaced
from kmemlint.report.json import FINDING_KEYS, LOCATION_KEYS
from kmemlint.report.text import cost_suffix, summary


@pytest.fixture
def tree(tmp_path, monkeypatch):
    write_tree(tmp_path, {DRIVER: DRIVER_C, "tab.c": "void f(void)\n{\n\tint x;\n}\n"})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def text(findings, ctx, run_stats=None) -> str:
    return render("text", findings, RULES, run_stats or stats(), ctx)


# --------------------------------------------------------------------------------------------------
# Text


def test_text_is_gcc_style_with_display_columns_and_notes(tree):
    out = text([sleep_finding()], context(tree, summary=False))
    assert out == (
        f"{DRIVER}:10:15: error: kmalloc(GFP_KERNEL) may sleep while foo->lock is held"
        " (cost: order-0, 64 B) [sleep-in-atomic]\n"
        f"  {DRIVER}:9:9: note: spinlock taken here\n")  # the flow repeats both, so no step lines


def test_text_uses_gccs_tab_column(tree):
    """gcc 12: ``tab.c:3:13: warning: unused variable 'x'`` for ``\\tint x;``."""
    finding = Finding("sleep-in-atomic", Severity.WARNING, Loc("tab.c", 3, 6), "unused x")
    assert text([finding], context(tree, summary=False)).startswith("tab.c:3:13: warning: unused x")


def test_text_prints_flow_steps_not_already_shown(tree):
    lock = Loc(DRIVER, 9, 2)
    call = Loc(DRIVER, 12, 2)
    finding = sleep_finding(related=(Related(lock, "lock taken here"),),
                            flow=(Step(lock, "acquire", "acquire"), Step(call, "calls bar()"),
                                  Step(call, "again"),
                                  Step(sleep_finding().loc, "sleeps", "danger")))
    lines = text([finding], context(tree, summary=False)).splitlines()
    assert lines[1:] == [f"  {DRIVER}:9:9: note: lock taken here",
                         f"  {DRIVER}:12:9: note: calls bar()"]


def test_text_levels_and_order(tree):
    findings = [sleep_finding(line=10, level=Severity.NOTE),
                sleep_finding(line=9, related=(), flow=())]
    lines = text(findings, context(tree, summary=False)).splitlines()
    assert ": error: " in lines[0] and f"{DRIVER}:9:" in lines[0]
    assert ": note: " in lines[1] and f"{DRIVER}:10:" in lines[1]


def test_cost_suffix():
    assert cost_suffix(()) == ""
    assert cost_suffix((("summary", "order-4, 64 KiB"), ("order", 4))) == " (cost: order-4, 64 KiB)"
    assert cost_suffix((("order", 4), ("bytes", 65536))) == " (cost: order=4, bytes=65536)"


def test_text_colour_only_when_asked(tree):
    plain = text([sleep_finding()], context(tree))
    assert "\x1b" not in plain
    coloured = text([sleep_finding()], context(tree, color=True))
    assert "\x1b[01;31m\x1b[Kerror:\x1b[m\x1b[K" in coloured
    assert f"\x1b[01m\x1b[K{DRIVER}:10:15:\x1b[m\x1b[K" in coloured
    assert "\x1b[01;36m\x1b[Knote:\x1b[m\x1b[K" in coloured
    assert "[\x1b[01;31m\x1b[Ksleep-in-atomic\x1b[m\x1b[K]" in coloured


def test_text_hides_suppressed_findings_but_counts_them(tree):
    findings = [sleep_finding(suppressed="inSource"), sleep_finding(line=9, suppressed="baseline")]
    out = text(findings, context(tree), stats(files=3, suppressed=1, baselined=1))
    assert out == "kmemlint: no findings in 3 files; 1 suppressed; 1 baselined\n"


def test_text_with_report_suppressed_marks_them(tree):
    out = text([sleep_finding(suppressed="inSource")], context(tree, report_suppressed=True))
    assert "(suppressed in source) [sleep-in-atomic]" in out.splitlines()[0]


def test_summary_line_variants():
    findings = [sleep_finding(level=Severity.WARNING), sleep_finding(level=Severity.WARNING),
                sleep_finding(level=Severity.ERROR), sleep_finding(suppressed="inSource")]
    assert summary(findings, stats(files=12, suppressed=1, parse_errors=4, functions=800, error_functions=6)) == (
        "kmemlint: 3 findings (1 error, 2 warnings) in 12 files; 1 suppressed; "
        "4 files with parse errors (0.8% of functions)")
    assert summary([], stats(files=1, parse_errors=1, skipped=["a.c: unreadable"])) == (
        "kmemlint: no findings in 1 file; 1 file with parse errors; 1 file skipped")
    assert summary(findings[:1], stats(files=2)) == "kmemlint: 1 finding (1 warning) in 2 files"
    assert summary(findings[:3] + [sleep_finding(level=Severity.NOTE)] * 2, stats(files=2)) == (
        "kmemlint: 5 findings (1 error, 2 warnings, 2 notes) in 2 files")


def test_text_ends_with_the_summary(tree):
    out = text([sleep_finding()], context(tree), stats(files=12))
    assert out.endswith("\nkmemlint: 1 finding (1 error) in 12 files\n")


def test_text_without_readable_source_uses_byte_columns(tree):
    finding = sleep_finding(path="gone.c", related=(), flow=())
    assert text([finding], context(tree, summary=False)).startswith("gone.c:10:8: error:")


# --------------------------------------------------------------------------------------------------
# JSON


def test_json_keys_and_values(tree):
    out = render("json", [sleep_finding()], RULES, stats(), context(tree))
    assert out.endswith("]\n") and out.startswith("[\n  {\n    \"rule\"")
    [item] = json.loads(out)
    assert tuple(item) == FINDING_KEYS
    assert item["rule"] == "sleep-in-atomic" and item["level"] == "error"
    assert (item["path"], item["line"], item["column"], item["end_line"], item["end_column"]) == (
        DRIVER, 10, 8, 10, 15)
    assert item["function"] == "foo_probe" and item["precision"] == "high"
    assert item["fingerprint"] == sleep_finding().fingerprint
    assert item["cost"] == {"order": 0, "bytes": 64, "summary": "order-0, 64 B"}
    assert item["rank"] == 80.0
    [related] = item["related"]
    assert tuple(related) == LOCATION_KEYS and related["message"] == "spinlock taken here"
    assert [tuple(step) for step in item["flow"]] == [LOCATION_KEYS + ("kind",)] * 2
    assert [step["kind"] for step in item["flow"]] == ["acquire", "danger"]


def test_json_character_columns(tree):
    write_tree(tree, {"u.c": "\t/* é */ x;\n"})
    finding = Finding("sleep-in-atomic", Severity.NOTE, Loc("u.c", 1, 11), "x")
    [item] = json.loads(render("json", [finding], RULES, stats(), context(tree)))
    assert (item["column"], item["end_column"]) == (10, 11)


def test_json_is_sorted_and_omits_suppressed(tree):
    findings = [sleep_finding(line=10), sleep_finding(line=9),
                sleep_finding(line=11, suppressed="inSource")]
    items = json.loads(render("json", findings, RULES, stats(), context(tree)))
    assert [i["line"] for i in items] == [9, 10]
    assert all("suppressed" not in i for i in items)


def test_json_report_suppressed_adds_the_key(tree):
    findings = [sleep_finding(line=10), sleep_finding(line=11, suppressed="baseline")]
    items = json.loads(render("json", findings, RULES, stats(),
                              context(tree, report_suppressed=True)))
    assert [i["suppressed"] for i in items] == [None, "baseline"]


def test_json_empty():
    assert render("json", [], RULES, stats(), ReportContext()) == "[]\n"


# --------------------------------------------------------------------------------------------------
# Dispatcher and source reading


def test_render_dispatches_every_format(tree):
    assert set(FORMATS) == {"text", "json", "sarif", "github"}
    for fmt in FORMATS:
        assert render(fmt, [sleep_finding()], RULES, stats(), context(tree)).endswith("\n")
    with pytest.raises(ValueError, match="unknown report format 'xml'"):
        render("xml", [], RULES, stats(), context(tree))


def test_split_lines_keeps_terminators_and_form_feeds():
    assert split_lines("a\n\fb\r\nc") == ["a\n", "\fb\r\n", "c"]
    assert split_lines("a\n") == ["a\n"] and split_lines("") == []
    assert join_lines(split_lines("a\r\nb")) == "a\r\nb"
    assert join_lines(["a", "b"]) == "a\nb\n"  # from str.splitlines(): assume a final newline


def test_read_lines_escapes_invalid_utf8(tmp_path):
    (tmp_path / "bad.c").write_bytes(b"int \xff;\n")
    assert read_lines(str(tmp_path / "bad.c")) == ["int \udcff;\n"]
    assert replaced(read_lines(str(tmp_path / "bad.c"))[0]) == "int \ufffd;\n"
    assert read_lines(str(tmp_path / "missing.c")) is None


# --------------------------------------------------------------------------------------------------
# Columns


@pytest.mark.parametrize("line, byte_col, unit, expected", [
    ("\tint x;", 6, Unit.DISPLAY, 13),
    ("\tint x;", 6, Unit.UTF16, 6),
    ("\tint x;", 6, Unit.CODE_POINT, 6),
    ("\tint x;", 6, Unit.BYTE, 6),
    ("ab\tc", 4, Unit.DISPLAY, 9),       # a tab after two characters still stops at 8
    ("\t\tx", 3, Unit.DISPLAY, 17),
    ("é = 1", 4, Unit.CODE_POINT, 3),    # 'é' is two bytes
    ("\U0001F600x", 5, Unit.UTF16, 3),   # the emoji is four bytes and two UTF-16 units
    ("\U0001F600x", 5, Unit.CODE_POINT, 2),
    ("漢x", 4, Unit.DISPLAY, 3),          # wide characters take two cells
    ("é", 2, Unit.CODE_POINT, 1),        # inside a character: rounds down to it
    ("ab", 6, Unit.CODE_POINT, 6),       # past the end: one column per byte
    (None, 7, Unit.DISPLAY, 7),          # unknown line: byte columns
])
def test_convert(line, byte_col, unit, expected):
    assert convert(line, byte_col, unit) == expected


def test_span_fills_in_missing_or_broken_ends():
    lines = ["\tbuf = kmalloc(64, GFP_KERNEL);\n", "\n", "x\n"]
    assert span(Loc("f", 1, 8), lines, Unit.UTF16) == (1, 8, 1, 15)           # the token
    assert span(Loc("f", 1, 14), lines, Unit.UTF16) == (1, 14, 1, 15)         # one character
    assert span(Loc("f", 1, 8, 1, 0), lines, Unit.UTF16) == (1, 8, 1, 32)     # to the line end
    assert span(Loc("f", 1, 8, 1, 3), lines, Unit.UTF16) == (1, 8, 1, 15)     # end before start
    assert span(Loc("f", 1, 8, 3, 2), lines, Unit.DISPLAY) == (1, 15, 3, 2)   # multi-line
    assert span(Loc("f", 0, 0), None, Unit.UTF16) == (1, 1, 1, 2)              # unknown all round
