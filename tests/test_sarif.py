"""Tests for the SARIF reporter and GitHub's line hash; every log is checked against the schema."""
from __future__ import annotations

import copy
import hashlib
import json
import random
import sys

import pytest
import sarif_om as om
from report_helpers import (DATA, DRIVER, DRIVER_C, RULES, SLEEP_IN_ATOMIC, context,
                            schema_errors, sleep_finding, stats, write_tree)

from kmemlint.fingerprint import line_hashes
from kmemlint.model import Finding, Loc, Precision, Related, Rule, Severity, Step
from kmemlint.report import render
from kmemlint.report.sarif import (FINGERPRINT_KEY, LINE_HASH_KEY, SCHEMA_URI, artifact_uri,
                                   message_text, to_jsonable)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A source tree with the small driver; the working directory is its root."""
    write_tree(tmp_path, {DRIVER: DRIVER_C})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def sarif(findings, ctx, rules=RULES, run_stats=None) -> dict:
    """Render, check the text is compact JSON with one final newline, validate, return the log."""
    text = render("sarif", findings, rules, run_stats or stats(), ctx)
    assert text.endswith("}\n") and text.count("\n") == 1
    log = json.loads(text)
    assert schema_errors(log) == []
    return log


def only_result(log: dict) -> dict:
    [result] = log["runs"][0]["results"]
    return result


def region(log: dict) -> dict:
    return only_result(log)["locations"][0]["physicalLocation"]["region"]


# --------------------------------------------------------------------------------------------------
# The run


def test_empty_run_has_results_rules_and_github_essentials(tree):
    log = sarif([], context(tree))
    assert log["$schema"] == SCHEMA_URI and log["version"] == "2.1.0"
    [run] = log["runs"]
    assert run["results"] == []
    driver = run["tool"]["driver"]
    assert driver["name"] == "kmemlint"
    assert driver["version"] == driver["semanticVersion"] == "1.2.3"
    assert driver["informationUri"] == "https://github.com/kmemlint/kmemlint"
    assert [r["id"] for r in driver["rules"]] == ["large-kmalloc", "sleep-in-atomic"]
    assert run["automationDetails"] == {"id": "kmemlint/"}
    assert run["columnKind"] == "utf16CodeUnits"
    assert run["originalUriBaseIds"]["%SRCROOT%"].keys() == {"description"}
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is True
    assert invocation["properties"] == {"files": 1, "parseErrors": 0, "functions": 0,
                                        "functionsWithParseErrors": 0, "suppressed": 0,
                                        "baselined": 0, "skipped": 0}
    assert "toolExecutionNotifications" not in invocation


def test_rule_descriptors_render_the_doc_as_github_wants(tree):
    rules = {r["id"]: r for r in sarif([], context(tree))["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["sleep-in-atomic"]
    assert rule["name"] == "SleepInAtomic"
    assert rule["shortDescription"] == {"text": SLEEP_IN_ATOMIC.summary}
    assert rule["fullDescription"] == {"text": "Finds GFP_KERNEL allocations under a spinlock. "
                                               "They may sleep."}
    assert rule["help"] == {"text": SLEEP_IN_ATOMIC.doc, "markdown": SLEEP_IN_ATOMIC.doc}
    assert rule["defaultConfiguration"] == {"level": "error"}
    assert rule["properties"] == {"tags": ["correctness", "locking"], "precision": "high",
                                  "problem.severity": "error"}
    note = rules["large-kmalloc"]
    assert note["defaultConfiguration"] == {"level": "note"}
    assert note["properties"]["problem.severity"] == "recommendation"
    assert note["properties"]["tags"] == []


def test_invocation_reports_run_stats(tree):
    run_stats = stats(files=12, parse_errors=4, functions=300, error_functions=5, suppressed=2, baselined=3,
                      skipped=["x.c: gone"])
    log = sarif([], context(tree), run_stats=run_stats)
    assert log["runs"][0]["invocations"][0]["properties"] == {
        "files": 12, "parseErrors": 4, "functions": 300, "functionsWithParseErrors": 5, "suppressed": 2,
        "baselined": 3, "skipped": 1}


def test_non_semver_version_keeps_version_only(tree):
    driver = sarif([], context(tree, version="0.1.dev3+g1234"))["runs"][0]["tool"]["driver"]
    assert driver["version"] == "0.1.dev3+g1234" and "semanticVersion" not in driver


# --------------------------------------------------------------------------------------------------
# Results


def test_full_result_with_related_flow_and_cost(tree):
    result = only_result(sarif([sleep_finding()], context(tree)))
    assert result["ruleId"] == "sleep-in-atomic"
    assert result["ruleIndex"] == 1  # rules are sorted by id
    assert result["level"] == "error"
    assert result["message"]["text"] == ("kmalloc(GFP_KERNEL) may sleep while foo->lock is held. "
                                         "Related: [spinlock taken here](1).")
    [location] = result["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": DRIVER, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 10, "startColumn": 8, "endLine": 10, "endColumn": 15,
                   "snippet": {"text": "\tbuf = kmalloc(64, GFP_KERNEL);\n"}}}
    assert location["logicalLocations"] == [{"kind": "function", "name": "foo_probe"}]
    [related] = result["relatedLocations"]
    assert related["id"] == 1 and related["message"] == {"text": "spinlock taken here"}
    assert related["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 2,
                                                     "endLine": 9, "endColumn": 19, "snippet": {
                                                         "text": "\tspin_lock_irqsave(&foo->lock, flags);\n"}}
    [code_flow] = result["codeFlows"]
    [thread_flow] = code_flow["threadFlows"]
    steps = thread_flow["locations"]
    assert [s["kinds"] for s in steps] == [["acquire"], ["danger"]]
    assert [s["importance"] for s in steps] == ["essential", "essential"]
    assert all("index" not in s and "physicalLocation" in s["location"] for s in steps)
    assert steps[1]["location"]["message"] == {"text": "allocation may sleep"}
    assert result["properties"] == {"precision": "high", "rank": 80.0,
                                    "cost": {"order": 0, "bytes": 64, "summary": "order-0, 64 B"}}
    assert result["rank"] == 80.0
    assert result["partialFingerprints"][FINGERPRINT_KEY] == sleep_finding().fingerprint
    assert "kind" not in result and "suppressions" not in result


def test_explicit_warning_level_is_kept_when_the_rule_default_is_error(tree):
    result = only_result(sarif([sleep_finding(level=Severity.WARNING)], context(tree)))
    assert result["level"] == "warning"


def test_finding_precision_overrides_the_rule_precision(tree):
    finding = sleep_finding(precision=Precision.LOW)
    assert only_result(sarif([finding], context(tree)))["properties"]["precision"] == "low"


def test_unknown_rule_gets_no_rule_index(tree):
    finding = sleep_finding(rule="not-registered")
    result = only_result(sarif([finding], context(tree)))
    assert result["ruleId"] == "not-registered" and "ruleIndex" not in result


def test_loc_without_end_covers_the_token(tree):
    finding = sleep_finding(loc=Loc(DRIVER, 10, 8), related=(), flow=())
    assert region(sarif([finding], context(tree))) == {"startLine": 10, "startColumn": 8,
                                                         "endLine": 10, "endColumn": 15,
                                                         "snippet": {"text": "\tbuf = kmalloc(64, GFP_KERNEL);\n"}}
    punct = sleep_finding(loc=Loc(DRIVER, 10, 6), related=(), flow=())  # the '='
    found = region(sarif([punct], context(tree)))
    assert (found["startColumn"], found["endColumn"]) == (6, 7)


def test_unreadable_file_still_gives_a_valid_region_and_no_line_hash(tree):
    finding = sleep_finding(path="drivers/net/missing.c", related=(), flow=())
    result = only_result(sarif([finding], context(tree)))
    assert region({"runs": [{"results": [result]}]})["endColumn"] == 15
    assert result["partialFingerprints"] == {FINGERPRINT_KEY: finding.fingerprint}


def test_character_columns_count_a_tab_as_one_and_astral_characters_as_two(tree):
    write_tree(tree, {"t.c": "\tint x;\n/* \U0001F600 é */ int y;\n"})
    x = Finding("sleep-in-atomic", Severity.ERROR, Loc("t.c", 1, 6), "x")
    y = Finding("sleep-in-atomic", Severity.ERROR, Loc("t.c", 2, 19, 2, 20), "y")  # bytes 4+1+2
    regions = [r["locations"][0]["physicalLocation"]["region"]
               for r in sarif([x, y], context(tree))["runs"][0]["results"]]
    assert (regions[0]["startColumn"], regions[0]["endColumn"]) == (6, 7)
    # "/* " 3 + emoji 2 (UTF-16) + " é */ int " 10 -> 'y' starts at 16
    assert (regions[1]["startColumn"], regions[1]["endColumn"]) == (16, 17)


def test_long_flows_keep_the_first_steps_and_the_last(tree):
    steps = tuple(Step(Loc(DRIVER, 12, 2), f"call {i}") for i in range(1500))
    steps += (Step(Loc(DRIVER, 10, 8), "sleeps", "danger"),)
    result = only_result(sarif([sleep_finding(flow=steps)], context(tree)))
    kept = result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert len(kept) == 1000
    assert kept[0]["location"]["message"]["text"] == "call 0"
    assert kept[-1]["location"]["message"]["text"] == "sleeps" and kept[-1]["kinds"] == ["danger"]


def test_rank_is_clamped_and_empty_messages_get_the_rule_id(tree):
    result = only_result(sarif([sleep_finding(rank=150.0, message="", related=())], context(tree)))
    assert result["rank"] == result["properties"]["rank"] == 100.0
    assert result["message"] == {"text": "sleep-in-atomic"}


def test_long_descriptions_are_clipped_to_githubs_limit(tree):
    rule = Rule("wordy", "x" * 2000, Severity.NOTE, Precision.LOW, doc="y " * 1000)
    [descriptor] = sarif([], context(tree), rules=[rule])["runs"][0]["tool"]["driver"]["rules"]
    assert len(descriptor["shortDescription"]["text"]) == 1024
    assert len(descriptor["fullDescription"]["text"]) <= 1024
    assert descriptor["help"]["text"] == rule.doc.strip()


# --------------------------------------------------------------------------------------------------
# URIs


def test_path_with_space_is_percent_encoded_and_valid(tree):
    write_tree(tree, {"drivers/my dir/a b.c": DRIVER_C})
    result = only_result(sarif([sleep_finding(path="drivers/my dir/a b.c")], context(tree)))
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "drivers/my%20dir/a%20b.c", "uriBaseId": "%SRCROOT%"}


def test_the_format_checker_rejects_a_raw_space_in_a_uri(tree):
    """Guards the test above: the schema validator must check ``uri-reference`` formats."""
    log = sarif([sleep_finding()], context(tree))
    broken = copy.deepcopy(log)
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"][
        "uri"] = "drivers/my dir/a b.c"
    assert any("uri-reference" in error for error in schema_errors(broken))


def test_uri_is_relative_to_srcroot_not_cwd(tree, monkeypatch):
    monkeypatch.chdir(tree / "drivers")
    finding = sleep_finding(path="net/foo.c", related=(), flow=())
    result = only_result(sarif([finding], context(tree)))
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == DRIVER


def test_symlinks_are_resolved(tree):
    (tree / "link.c").symlink_to(tree / DRIVER)
    assert artifact_uri("link.c", tree) == (DRIVER, "%SRCROOT%")
    (tree / "alias").symlink_to(tree / "drivers")
    assert artifact_uri("alias/net/foo.c", tree) == (DRIVER, "%SRCROOT%")


def test_file_outside_srcroot_gets_an_absolute_file_uri(tmp_path, monkeypatch):
    write_tree(tmp_path, {"src/x.c": DRIVER_C, "elsewhere/y z.c": DRIVER_C})
    monkeypatch.chdir(tmp_path)
    uri, base = artifact_uri("elsewhere/y z.c", tmp_path / "src")
    assert base is None and uri.startswith("file:///") and uri.endswith("/elsewhere/y%20z.c")
    finding = sleep_finding(path="elsewhere/y z.c")
    sarif([finding], context(tmp_path / "src"))  # validates


# --------------------------------------------------------------------------------------------------
# Fingerprints


RNDIS = DATA / "rndis_host.c"
RNDIS_VECTORS = {1: "dd539b27d647a944:1", 2: "57e20be8c52ec05e:1", 3: "3e71e51a452267a7:1",
                 100: "6103aa387ff0a7e:1", 182: "5000f64b9b783e6:2"}


def rndis_text() -> str:
    return RNDIS.read_bytes().decode("utf-8", errors="replace")


def test_rndis_copy_is_the_linux_6_12_file():
    assert hashlib.sha256(RNDIS.read_bytes()).hexdigest().startswith("1612f1b0")


def test_github_line_hash_vectors():
    assert line_hashes(rndis_text(), RNDIS_VECTORS) == RNDIS_VECTORS


def test_github_line_hash_of_every_line_is_consistent_with_a_partial_scan():
    every = line_hashes(rndis_text())
    assert len(every) >= 695 and {n: every[n] for n in RNDIS_VECTORS} == RNDIS_VECTORS
    assert line_hashes(rndis_text(), {400}) == {400: every[400]}


def test_github_line_hash_ignores_blanks_and_line_ending_style():
    text = rndis_text()
    crlf = text.replace("\n", "\r\n")
    spaced = text.replace("\t", "  ")
    assert line_hashes(crlf, RNDIS_VECTORS) == RNDIS_VECTORS
    assert line_hashes(spaced, RNDIS_VECTORS) == RNDIS_VECTORS


def test_github_line_hash_is_the_polynomial_over_the_window():
    # line 1 of "a \n" is the window a, LF, EOF (65535), then 97 zeros; the space is dropped
    expected = (97 * 37**99 + 10 * 37**98 + 65535 * 37**97) % 2**64
    assert line_hashes("a \n", [1]) == {1: f"{expected:x}:1"}
    # a character outside the BMP is two UTF-16 units, as in JavaScript
    astral = (0xD83D * 37**99 + 0xDE00 * 37**98 + 65535 * 37**97) % 2**64
    assert line_hashes("\U0001F600", [1]) == {1: f"{astral:x}:1"}


def test_github_line_hash_counts_repeated_windows():
    block = "y" * 120 + "\n"  # both lines' windows are 100 'y's
    hashes = line_hashes(block * 2 + "z\n")
    assert hashes[1].split(":")[0] == hashes[2].split(":")[0]
    assert (hashes[1][-2:], hashes[2][-2:]) == (":1", ":2")
    assert hashes[3].endswith(":1")


def test_sarif_result_carries_githubs_line_hash(tmp_path, monkeypatch):
    write_tree(tmp_path, {"drivers/net/usb/rndis_host.c": rndis_text()})
    monkeypatch.chdir(tmp_path)
    finding = Finding("sleep-in-atomic", Severity.ERROR,
                      Loc("drivers/net/usb/rndis_host.c", 182, 5, 182, 11), "x")
    fingerprints = only_result(sarif([finding], context(tmp_path)))["partialFingerprints"]
    assert fingerprints == {FINGERPRINT_KEY: finding.fingerprint, LINE_HASH_KEY: RNDIS_VECTORS[182]}


def test_fingerprints_are_stable_when_lines_shift(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = tmp_path / "before"
    after = tmp_path / "after"
    write_tree(before, {DRIVER: DRIVER_C})
    shifted = DRIVER_C.replace("#include <linux/slab.h>\n",
                               "#include <linux/slab.h>\n#include <linux/spinlock.h>\n\n")
    write_tree(after, {DRIVER: shifted})
    results = []
    for root, line in ((before, 10), (after, 12)):
        monkeypatch.chdir(root)
        results.append(only_result(sarif([sleep_finding(line=line)], context(root))))
    old, new = (r["partialFingerprints"] for r in results)
    assert old[FINGERPRINT_KEY] == new[FINGERPRINT_KEY]
    assert old[LINE_HASH_KEY] == new[LINE_HASH_KEY]
    assert results[0]["locations"] != results[1]["locations"]


# --------------------------------------------------------------------------------------------------
# Output properties


def many_findings() -> list[Finding]:
    levels = [Severity.NOTE, Severity.WARNING, Severity.ERROR]
    return [sleep_finding(line=10, level=levels[i % 3], rank=float(i), subject=f"s{i}",
                          message=f"finding {i}") for i in range(9)]


def test_output_is_byte_identical_across_input_order_and_machines(tmp_path, monkeypatch):
    outputs = []
    for name, seed in (("one", 1), ("two/deeper", 2)):
        root = write_tree(tmp_path / name, {DRIVER: DRIVER_C})
        monkeypatch.chdir(root)
        findings = many_findings()
        random.Random(seed).shuffle(findings)
        outputs.append(render("sarif", findings, RULES[::-1], stats(), context(root)))
    assert outputs[0] == outputs[1]
    assert str(tmp_path) not in outputs[0]


def test_results_are_sorted_by_location_then_rule(tree):
    findings = [sleep_finding(line=10, rule="large-kmalloc"), sleep_finding(line=10),
                sleep_finding(line=9)]
    results = sarif(findings, context(tree))["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["region"]["startLine"], r["ruleId"])
            for r in results] == [(9, "sleep-in-atomic"), (10, "large-kmalloc"),
                                  (10, "sleep-in-atomic")]


def test_max_results_keeps_the_worst_and_says_how_many_were_dropped(tree):
    log = sarif(many_findings(), context(tree, max_results=4))
    results = log["runs"][0]["results"]
    # errors (ranks 8, 5, 2) first, then the best-ranked warning (7); output stays sorted
    assert sorted(r["message"]["text"].split(".")[0] for r in results) == [
        "finding 2", "finding 5", "finding 7", "finding 8"]
    assert [r["level"] for r in results].count("error") == 3
    [notification] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "warning"
    assert notification["message"]["text"].startswith("5 results were left out")


def test_default_cap_is_githubs_limit(tree):
    from kmemlint.report import GITHUB_MAX_RESULTS
    assert context(tree).max_results == GITHUB_MAX_RESULTS == 25_000


def test_suppressed_findings_are_left_out_by_default(tree):
    findings = [sleep_finding(suppressed="inSource"), sleep_finding(line=9, suppressed="baseline")]
    assert sarif(findings, context(tree))["runs"][0]["results"] == []


def test_report_suppressed_marks_in_source_and_baseline_suppressions(tree):
    findings = [sleep_finding(suppressed="inSource"), sleep_finding(line=9, suppressed="baseline"),
                sleep_finding(line=11)]
    results = sarif(findings, context(tree, report_suppressed=True))["runs"][0]["results"]
    assert [r.get("suppressions") for r in results] == [
        [{"kind": "external"}], [{"kind": "inSource"}], None]


def test_custom_automation_id(tree):
    log = sarif([], context(tree, automation_id="kmemlint/drivers-net/"))
    assert log["runs"][0]["automationDetails"] == {"id": "kmemlint/drivers-net/"}


# --------------------------------------------------------------------------------------------------
# Messages


def test_brackets_in_link_text_are_escaped():
    finding = sleep_finding(related=(Related(Loc(DRIVER, 9, 2), "lock[0] taken"),
                                     Related(Loc(DRIVER, 8, 1), "")))
    assert message_text(finding).endswith(
        "Related: [lock\\[0\\] taken](1), [location 2](2).")


def test_plain_brackets_in_messages_stay_unless_they_look_like_links():
    assert message_text(sleep_finding(message="buf[i] leaks", related=())) == "buf[i] leaks"
    assert message_text(sleep_finding(message="see [x](1)", related=())) == "see \\[x\\](1)"


def test_message_ending_with_punctuation_gets_no_extra_period():
    finding = sleep_finding(message="Sleeps under lock!")
    assert message_text(finding) == "Sleeps under lock! Related: [spinlock taken here](1)."


# --------------------------------------------------------------------------------------------------
# The serialiser


def test_serialiser_keeps_explicit_defaults_it_must_and_drops_the_others():
    result = om.Result(message=om.Message(text="m"), level="warning", rule_id="r")
    assert to_jsonable(result) == {"ruleId": "r", "level": "warning", "message": {"text": "m"}}
    flow = om.ThreadFlowLocation(importance="important", location=om.Location(id=-1))
    assert to_jsonable(flow) == {"importance": "important", "location": {}}
    tool = om.ToolComponent(name="kmemlint")  # language "en-US" and contents are defaults
    assert to_jsonable(tool) == {"name": "kmemlint"}
    assert to_jsonable(om.Run(tool=om.Tool(driver=tool), results=[])) == {
        "tool": {"driver": {"name": "kmemlint"}}, "results": []}


def test_serialiser_writes_non_default_values_of_defaulted_fields():
    region = om.Region(start_line=1, char_offset=0)
    assert to_jsonable(region) == {"startLine": 1, "charOffset": 0}
    assert to_jsonable(om.ReportingConfiguration(enabled=False, level="error")) == {
        "level": "error", "enabled": False}


def test_jschema_to_python_is_not_used(tree):
    sarif([sleep_finding()], context(tree))
    assert "jschema_to_python" not in sys.modules


def test_every_rule_has_a_help_uri_naming_its_module(tree):
    from kmemlint import registry

    rules = [r.rule for r in registry.all_rules()]
    log = sarif([], context(tree), rules=rules)
    for descriptor, rule_module in zip(log["runs"][0]["tool"]["driver"]["rules"], registry.all_rules()):
        module = rule_module.module.rsplit(".", 1)[1]
        assert descriptor["helpUri"] == f"https://github.com/kmemlint/kmemlint/blob/main/rules/{module}.py"
    assert schema_errors(log) == []


def test_snippets_are_clipped_and_absent_for_unreadable_files(tree):
    many = sleep_finding(loc=Loc(DRIVER, 4, 1, 13, 2), related=(), flow=())
    snippet = region(sarif([many], context(tree)))["snippet"]["text"]
    assert snippet.splitlines() == DRIVER_C.splitlines()[3:8]  # five lines of the ten
    gone = sleep_finding(path="drivers/net/gone.c", related=(), flow=())
    assert "snippet" not in region(sarif([gone], context(tree)))


def test_version_control_provenance_in_a_git_tree(tmp_path):
    from test_cli import BAD, run
    from test_gitdiff import git

    (tmp_path / "linux" / "drivers").mkdir(parents=True)
    repo = tmp_path / "linux"
    (repo / "drivers" / "bad.c").write_text(BAD)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "x")
    git(repo, "remote", "add", "origin", "https://token:x-oauth@github.com/torvalds/linux")
    head = git(repo, "rev-parse", "HEAD").strip()
    branch = git(repo, "branch", "--show-current").strip()
    r = run(["--format", "sarif", "--exit-zero", "drivers"], cwd=repo)
    doc = json.loads(r.output)
    assert schema_errors(doc) == []
    assert doc["runs"][0]["versionControlProvenance"] == [{
        "repositoryUri": "https://github.com/torvalds/linux", "revisionId": head, "branch": branch,
        "mappedTo": {"uriBaseId": "%SRCROOT%"}}]
    # from a subdirectory as the source root, the repository's root is mapped above it
    r = run(["--format", "sarif", "--exit-zero", "."], cwd=repo / "drivers")
    [vcs] = json.loads(r.output)["runs"][0]["versionControlProvenance"]
    assert vcs["mappedTo"] == {"uri": "../", "uriBaseId": "%SRCROOT%"}
    # outside git: none
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "bad.c").write_text(BAD)
    r = run(["--format", "sarif", "--exit-zero", "bad.c"], cwd=plain)
    assert "versionControlProvenance" not in json.loads(r.output)["runs"][0]
