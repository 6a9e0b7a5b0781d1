"""`vetkit score` and the catalogue commands through Click's runner, stdout and stderr kept apart.

Only the test plugin ``alpha`` (an installed distribution in a temporary folder) loads; the
built-in plugins are kept out with ``VETKIT_LOAD_PLUGINS``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from engine_helpers import (FINDING_MESSAGE, FINDING_POINTER, REASONS, assert_valid_report, minimal_course, rubric,
                            run_cli, write_course, write_dist_plugin, write_module, write_rubric)

AS_OF = "2025-06-01"
TITLE_LINE = f"{FINDING_POINTER} (line 4)"  # write_course indents JSON: the title is on line 4

TITLE_CHECK = '''
def title_check(ctx):
    if "Draft" in ctx.course.title:
        return ctx.failed("The course is still a draft.", [ctx.finding("/title", "Draft in the title.")])
    return ctx.passed("The course is not a draft.")
'''


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path with plugin ``alpha`` installed, registering the rubrics below."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    checks = write_module(folder, "vetkit_test_title_checks", TITLE_CHECK)
    rules = [
        ("XX-01", "error", "pass"),
        ("XX-02", "warning", "fail"),
        ("XX-03", "info", "pass", {"parameters": {"limit": 5, "mode": "strict"}}),
        ("XX-05", "warning", None),
        ("XX-06", "error", f"{checks}:title_check"),
    ]
    rubrics = [
        rubric("good", {"XX-01": {}, "XX-03": {}}, parameters={"limit": 7}, title="All good"),
        rubric("bad", {"XX-01": {}, "XX-02": {"severity": "error"}}),
        rubric("warn", ["XX-01", "XX-02"]),
        rubric("pending", ["XX-01", "XX-05"]),
        rubric("qm", {"XX-01": {}, "XX-02": {"weight": 1}}, verdict={"rule": "threshold", "threshold": 70}),
        rubric("draft", ["XX-01", "XX-06"]),
    ]
    write_dist_plugin(folder, "alpha", rules=rules, rubrics=rubrics)
    return folder


@pytest.fixture
def course(site: Path, tmp_path: Path) -> Path:
    """The minimal course as ``course.json``."""
    return write_course(tmp_path)


def vetkit_cli(*args: object, **options):
    """Run vetkit with only the test plugin ``alpha``."""
    return run_cli(*args, plugins="alpha", **options)


def score(course: Path, rubric_id: str, *args: object):
    """`vetkit score COURSE --rubric ID --as-of AS_OF ...`."""
    return vetkit_cli("score", course, "--rubric", rubric_id, "--as-of", AS_OF, *args)


class TestExitCodes:
    @pytest.mark.parametrize(("rubric_id", "code", "verdict"), [
        ("good", 0, "RECOMMENDED"),
        ("pending", 0, "PENDING-REVIEW"),
        ("qm", 0, "MEETS"),
        ("warn", 1, "REVISE"),
        ("bad", 1, "NOT-RECOMMENDED"),
    ])
    def test_exit_code_follows_the_verdict(self, course, rubric_id, code, verdict):
        """0 for recommended, pending-review and meets; 1 for revise and not-recommended; the report on stdout."""
        result = score(course, rubric_id)
        assert result.exit_code == code
        assert result.stdout.startswith(f"{verdict}  HT-101 Recognizing Human Trafficking at Roll Call (version 1.0)\n")
        assert result.stderr == ""

    def test_require_complete_fails_pending_review(self, course):
        """--require-complete turns pending-review into exit 1."""
        assert score(course, "pending", "--require-complete").exit_code == 1

    @pytest.mark.parametrize(("fail_under", "code"), [("75", 0), ("75.01", 1), ("0", 0)])
    def test_fail_under(self, course, fail_under, code):
        """--fail-under N exits 1 when the score (75 here) is below N, even when the verdict passes."""
        result = score(course, "qm", "--fail-under", fail_under)
        assert result.stdout.startswith("MEETS  HT-101")
        assert "score 75.0/100, coverage 100%." in result.stdout
        assert result.exit_code == code

    def test_fail_under_out_of_range_is_a_usage_error(self, course):
        """--fail-under above 100 is a usage error, exit 2, nothing on stdout."""
        result = score(course, "good", "--fail-under", "101")
        assert (result.exit_code, result.stdout) == (2, "")
        assert "Invalid value for '--fail-under': 101.0 is not in the range 0<=x<=100." in result.stderr

    def test_invalid_course_exits_2(self, course):
        """An invalid course exits 2 with the file, line:column, pointer and a hint on stderr; nothing on stdout."""
        data = minimal_course()
        data["level"] = "expert"
        write_course(course.parent, data)
        result = score(course, "good")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f'{course}:15:3: error: "expert" is not an allowed value (at /level). '
                                 "Allowed values: awareness, operational, advanced, leadership\n")

    def test_unreadable_course_exits_2(self, course):
        """Broken JSON exits 2 naming the file and the position."""
        course.write_text('{"vetkit": "1.0",\n  "id": }\n', encoding="utf-8")
        result = score(course, "good")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith(f"{course}:2:")

    def test_missing_course_exits_2(self, course):
        """A course file that does not exist exits 2 naming it."""
        missing = course.with_name("nope.json")
        result = score(missing, "good")
        assert (result.exit_code, result.stdout) == (2, "")
        assert str(missing) in result.stderr

    def test_unknown_rubric_exits_2(self, course):
        """An unknown rubric id exits 2 listing the known rubrics."""
        result = score(course, "nope")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("error: unknown rubric `nope`. Known rubrics: bad, course-design, "
                                        "draft, good, ht-training, pending, qm, warn")

    def test_rubric_file(self, course, tmp_path):
        """--rubric accepts a rubric YAML file, which may extend a registered rubric."""
        path = write_rubric(tmp_path, rubric("local", {"XX-02": {"severity": "info"}}, extends="good"))
        result = score(course, str(path))
        assert result.exit_code == 0
        assert "Rubric local@1, as of 2025-06-01." in result.stdout
        assert "  FAIL   XX-02 (info) Scripted criterion XX-02\n" in result.stdout

    def test_invalid_rubric_file_exits_2(self, course, tmp_path):
        """A rubric file with a bad weight exits 2 with its position and pointer."""
        path = tmp_path / "bad-weight.yaml"
        path.write_text("id: bad-weight\nversion: '1'\ntitle: t\ncriteria:\n  XX-01: {weight: 1000}\n", encoding="utf-8")
        result = score(course, str(path))
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f"{path}:5:11: error: 1000 is above the maximum of 100 "
                                 f"(at /criteria/XX-01/weight)\n")

    @pytest.mark.parametrize("select", ["XX1", "XX-01,TI7", "x"])
    def test_malformed_select_is_a_usage_error(self, course, select):
        """A --select value that is not a criterion id is a usage error, exit 2."""
        result = score(course, "good", "--select", select)
        assert (result.exit_code, result.stdout) == (2, "")
        assert "Invalid value for '--select': " in result.stderr
        assert "is not a criterion id (expected e.g. TI-07)" in result.stderr

    def test_select_id_not_in_rubric_exits_2(self, course):
        """A well-formed id the rubric lacks exits 2 naming it and where to look."""
        result = score(course, "good", "--select", "XX-01,XX-09")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == ("--select/--ignore name criteria that rubric good does not have: XX-09. "
                                 "See `vetkit rubrics show good`.\n")

    def test_select_and_ignore(self, course):
        """--select scores only the named criteria, --ignore leaves criteria out (lower case accepted)."""
        selected = json.loads(score(course, "warn", "--select", "xx-02", "--format", "json").stdout)
        assert [r["ruleId"] for r in selected["results"]] == ["XX-02"]
        ignored = score(course, "warn", "--ignore", "XX-02")
        assert (ignored.exit_code, ignored.stdout.split("  ")[0]) == (0, "RECOMMENDED")

    def test_bad_as_of_exits_2(self, course):
        """An --as-of that is not a date exits 2 saying how to write it."""
        result = vetkit_cli("score", course, "--rubric", "good", "--as-of", "yesterday")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "as-of date 'yesterday' is not a date; write it as YYYY-MM-DD\n"

    def test_unknown_format_exits_2(self, course):
        """An unknown --format exits 2 listing the available ones."""
        result = score(course, "good", "--format", "xml")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("unknown format 'xml'; available: ")
        assert {"json", "text"} <= set(result.stderr.split(": ", 1)[1].strip().split(", "))

    def test_several_files_exit_with_the_worst_code(self, course, tmp_path):
        """Scoring several files exits with the worst code of them."""
        draft = write_course(tmp_path, {**minimal_course(), "title": "Draft roll call"}, name="draft.json")
        result = vetkit_cli("score", course, draft, "--rubric", "draft", "--as-of", AS_OF)
        assert result.exit_code == 1
        assert "not-recommended" in result.stdout


class TestJsonOutput:
    def test_parses_and_validates(self, course):
        """--format json prints one report that validates against the report schema."""
        result = score(course, "warn", "--format", "json")
        assert result.exit_code == 1
        assert result.stderr == ""
        report = assert_valid_report(json.loads(result.stdout))
        assert (report["verdict"], report["verdictReason"]) == ("revise", "XX-02 failed at warning severity")
        assert report["course"]["file"] == str(course)
        assert report["asOf"] == AS_OF
        [failed] = [r for r in report["results"] if r["ruleId"] == "XX-02"]
        assert failed["findings"] == [{
            "pointer": FINDING_POINTER, "message": FINDING_MESSAGE, "effect": "fail",
            "evidence": "Recognizing Human Trafficking at Roll Call", "suggestion": "Make XX-02 pass.",
            "line": 4, "column": 3}]

    @pytest.mark.parametrize("rubric_id", ["good", "bad", "warn", "pending", "qm", "draft"])
    def test_every_rubric_gives_a_valid_report(self, course, rubric_id):
        """Whatever the verdict, the JSON report validates."""
        assert_valid_report(json.loads(score(course, rubric_id, "--format", "json").stdout))

    def test_byte_identical_across_runs(self, course):
        """Two runs with the same --as-of print exactly the same bytes."""
        first = score(course, "pending", "--format", "json")
        second = score(course, "pending", "--format", "json")
        assert first.stdout_bytes == second.stdout_bytes
        assert first.stdout.endswith("}\n")

    def test_as_of_is_recorded(self, course):
        """A different --as-of is the only difference between two reports."""
        first = json.loads(score(course, "good", "--format", "json").stdout)
        other = json.loads(vetkit_cli("score", course, "--rubric", "good", "--as-of", "2026-01-31",
                                      "--format", "json").stdout)
        assert other.pop("asOf") == "2026-01-31"
        first.pop("asOf")
        assert other == first


class TestOutputFile:
    def test_writes_the_report_atomically(self, course, tmp_path):
        """-o report.json writes the JSON report (chosen by suffix), leaves no temporary file, says so on stderr;
        stdout still gets the one-line verdict."""
        out = tmp_path / "out"
        out.mkdir()
        target = out / "report.json"
        result = score(course, "warn", "-o", target)
        assert result.exit_code == 1
        assert result.stdout == ("REVISE  HT-101 Recognizing Human Trafficking at Roll Call (version 1.0): "
                                 "score 60.0/100; XX-02 failed at warning severity.\n")
        assert result.stderr == f"wrote {target}\n"
        assert [p.name for p in out.iterdir()] == ["report.json"]
        assert target.read_text(encoding="utf-8") == score(course, "warn", "--format", "json").stdout
        assert_valid_report(json.loads(target.read_text(encoding="utf-8")))

    def test_text_by_suffix(self, course, tmp_path):
        """-o report.txt writes the text report."""
        target = tmp_path / "report.txt"
        assert score(course, "good", "-o", target).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith("RECOMMENDED  HT-101")

    def test_overwrites_an_existing_report_whole(self, course, tmp_path):
        """An existing report is replaced, not appended to."""
        target = tmp_path / "report.json"
        target.write_text("x" * 100_000, encoding="utf-8")
        score(course, "good", "-o", target)
        assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "recommended"

    def test_failing_run_writes_nothing(self, course, tmp_path):
        """When the course is invalid, no report and no temporary file is written."""
        write_course(course.parent, {**minimal_course(), "level": "expert"})
        out = tmp_path / "out"
        out.mkdir()
        result = score(course, "good", "-o", out / "report.json")
        assert (result.exit_code, result.stdout) == (2, "")
        assert list(out.iterdir()) == []

    def test_missing_folder_exits_2(self, course, tmp_path):
        """A report path in a folder that does not exist exits 2 and says to create it."""
        target = tmp_path / "missing" / "report.json"
        result = score(course, "good", "-o", target)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == f"{target}: the folder {target.parent} does not exist. Create it first.\n"

    def test_one_report_per_output_file(self, course, tmp_path):
        """-o with several courses is a usage error rather than a report overwritten by the next."""
        other = write_course(tmp_path, name="other.json")
        out = tmp_path / "out"
        out.mkdir()
        result = vetkit_cli("score", course, other, "--rubric", "good", "-o", out / "report.json")
        assert (result.exit_code, result.stdout) == (2, "")
        assert "Error: -o/--output holds one report: pass --output-dir DIR for several courses.\n" in result.stderr
        assert list(out.iterdir()) == []


VERDICT_LINE = ("REVISE  HT-101 Recognizing Human Trafficking at Roll Call (version 1.0): score 60.0/100; "
                "XX-02 failed at warning severity.\n")


class TestFormatFromSuffix:
    @pytest.mark.parametrize(("name", "start"), [
        ("r.json", '{\n  "vetkit": "report/1"'), ("r.sarif", '{\n  "$schema": "https://docs.oasis-open.org/sarif'),
        ("r.html", "<!DOCTYPE html>"), ("r.md", "## ⚠️ Revise: HT-101"), ("r.xml", '<?xml version="1.0"'),
        ("r.txt", "REVISE  HT-101"), ("R.JSON", '{\n  "vetkit": "report/1"'), ("report", "REVISE  HT-101"),
    ])
    def test_each_suffix_writes_its_format_and_prints_the_verdict(self, course, tmp_path, name, start):
        """Without --format the suffix of -o decides the format (no suffix: text); stdout gets the verdict line."""
        target = tmp_path / name
        result = score(course, "warn", "-o", target)
        assert (result.exit_code, result.stdout, result.stderr) == (1, VERDICT_LINE, f"wrote {target}\n")
        assert target.read_text(encoding="utf-8").startswith(start)

    def test_unknown_suffix_is_exit_2_listing_the_formats(self, course, tmp_path):
        """-o r.pdf writes nothing and says which suffixes vetkit writes."""
        target = tmp_path / "r.pdf"
        result = score(course, "warn", "-o", target)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f"{target}: vetkit does not write .pdf files. Name the report after its format - "
                                 "html (.html), json (.json), junit (.xml), markdown (.md), sarif (.sarif), "
                                 "text (.txt) - or choose the format with --format NAME.\n")
        assert not target.exists()

    def test_format_option_wins_over_the_suffix(self, course, tmp_path):
        """--format json -o r.pdf is what the user asked for."""
        target = tmp_path / "r.pdf"
        assert score(course, "warn", "--format", "json", "-o", target).exit_code == 1
        assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "revise"

    def test_library_format_for(self):
        """vetkit.outputs.format_for is the rule the CLI uses."""
        from vetkit import Engine
        from vetkit.errors import UsageError
        from vetkit.outputs import format_for

        formats = Engine(entry_points=False).formats
        assert [format_for(formats, name) for name in (None, "a.sarif", "a.md", "a.xml", "a.txt", "a")] == [
            "text", "sarif", "markdown", "junit", "text", "text"]
        with pytest.raises(UsageError, match=r"^a\.docx: vetkit does not write \.docx files"):
            format_for(formats, "a.docx")


class TestQuiet:
    def test_quiet_prints_the_verdict_line_alone(self, course):
        """-q: one line, the exit code of the verdict."""
        result = score(course, "warn", "-q")
        assert (result.exit_code, result.stdout, result.stderr) == (1, VERDICT_LINE, "")
        good = score(course, "good", "-q")
        assert (good.exit_code, good.stdout) == (0, (
            "RECOMMENDED  HT-101 Recognizing Human Trafficking at Roll Call (version 1.0): score 100.0/100; "
            "no criterion failed at error or warning severity and none awaits review.\n"))

    def test_quiet_with_a_report_file(self, course, tmp_path):
        """-q -o writes the report and prints the verdict line once."""
        target = tmp_path / "r.json"
        result = score(course, "warn", "-q", "-o", target)
        assert (result.exit_code, result.stdout) == (1, VERDICT_LINE)
        assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "revise"

    @pytest.mark.parametrize(("args", "message"), [
        (("-q", "-v"), "Error: -q/--quiet prints the verdict line alone; -v/--verbose lists everything. Choose one."),
        (("-q", "--format", "json"),
         "Error: -q/--quiet prints the verdict line alone; to write the json report as well, pass -o FILE."),
    ])
    def test_quiet_conflicts(self, course, args, message):
        """-q with -v, or -q with a non-text format on stdout, is a usage error."""
        result = score(course, "warn", *args)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.splitlines()[-1] == message

    def test_quiet_batch_prints_a_line_per_course(self, course, tmp_path):
        """Several courses with -q: one verdict line each, in input order."""
        other = write_course(tmp_path, {**minimal_course(), "level": "expert"}, name="other.json")
        result = vetkit_cli("score", course, other, "--rubric", "warn", "--as-of", AS_OF, "-q")
        assert result.exit_code == 2
        assert result.stdout == VERDICT_LINE + f"INVALID  {other}: 1 problem(s), listed on stderr.\n"


class TestTextOutput:
    def test_starts_with_the_verdict_and_shows_the_failing_finding(self, course):
        """The text report leads with the verdict and score, then each failing criterion with reason and pointer."""
        result = score(course, "warn")
        lines = result.stdout.splitlines()
        assert lines[0] == "REVISE  HT-101 Recognizing Human Trafficking at Roll Call (version 1.0)"
        assert lines[1] == "score 60.0/100, coverage 100%. Rubric warn@1, as of 2025-06-01."
        assert lines[2] == "Why: XX-02 failed at warning severity."
        assert lines[3] == "1 passed, 1 failed"
        assert "  FAIL   XX-02 (warning) Scripted criterion XX-02" in lines
        assert f"         {REASONS['fail']}" in lines
        assert f"         - {TITLE_LINE}: {FINDING_MESSAGE}" in lines
        assert "           \u201cRecognizing Human Trafficking at Roll Call\u201d" in lines
        assert "XX-01" not in result.stdout  # passing criteria only with -v
        assert "\x1b[" not in result.stdout  # no colour when not a terminal

    def test_verbose_lists_passing_criteria_and_fixes(self, course):
        """-v also lists the passing criteria and the fix of each finding."""
        lines = score(course, "warn", "-v").stdout.splitlines()
        assert "  PASS   XX-01 (error) Scripted criterion XX-01" in lines
        assert "           Fix: Make XX-02 pass." in lines

    def test_pending_shows_question_and_range(self, course):
        """A pending review shows the reviewer question and the range the score may still move to."""
        stdout = score(course, "pending").stdout
        lines = stdout.splitlines()
        assert ("score 100.0/100, coverage 60%, could end between 60.0 and 100.0 once reviews are answered. "
                "Rubric pending@1, as of 2025-06-01.") in " ".join(stdout.split())
        assert "         Reviewer question: Does the course meet this scripted criterion?" in lines

    def test_explain_prints_the_arithmetic_and_the_severity_rule(self, course):
        """--explain adds a table of weights and scores, the sums, and the verdict rule that applied."""
        result = score(course, "warn", "--explain")
        text = result.stdout
        assert "Score arithmetic" in text
        rows = [[cell.strip() for cell in line.strip("│").split("│")] for line in text.splitlines()
                if line.startswith("│ XX-")]
        assert rows == [["XX-01", "pass", "error", "", "3", "1.00", "3.00"],
                        ["XX-02", "fail", "warning", "", "2", "0.00", "0.00"]]
        flat = " ".join(text.split())
        assert ("earned 3 of conclusive weight 5 -> score 60.0; pending weight 0; coverage 5/5 = 100%; "
                "range 60-60.") in flat
        assert ("Verdict rule: severity (error-level fail -> not-recommended; warning-level fail -> revise; reviews "
                "left at error or warning -> pending-review; otherwise recommended) -> revise.") in flat

    def test_explain_prints_the_threshold_rule(self, course):
        """For a threshold rubric --explain names the threshold and the verdict."""
        result = score(course, "qm", "--explain")
        assert "Verdict rule: threshold 70 with essential gates -> meets.\n" in result.stdout
        assert " ".join(result.stdout.split()).count("earned 3 of conclusive weight 4 -> score 75.0") == 1

    def test_explain_is_not_in_the_default_output(self, course):
        """Without --explain there is no arithmetic table."""
        assert "Score arithmetic" not in score(course, "warn").stdout


class TestCatalogueCommands:
    def test_rules_filtered_by_plugin_and_method(self, site):
        """`vetkit rules --plugin alpha --method manual` lists only alpha's manual rules."""
        result = vetkit_cli("rules", "--plugin", "alpha", "--method", "manual")
        assert result.exit_code == 0
        assert result.stderr == ""
        assert result.stdout.splitlines() == [
            "id     severity  method  plugin  title",
            "-----  --------  ------  ------  ------------------------",
            "XX-05  warning   manual  alpha   Scripted criterion XX-05",
            "1 rule(s); † = automated proxy, a reviewer confirms",
        ]

    def test_rules_json_and_no_match(self, site):
        """`vetkit rules --format json` lists every rule; a filter matching nothing says so."""
        rules = json.loads(vetkit_cli("rules", "--format", "json").stdout)
        assert [r["id"] for r in rules] == ["XX-01", "XX-02", "XX-03", "XX-05", "XX-06"]
        assert rules[0] == {"id": "XX-01", "title": "Scripted criterion XX-01", "category": "testing",
                            "severity": "error", "method": ["auto"], "proxy": False, "plugin": "alpha",
                            "lifecycle": "stable"}
        assert vetkit_cli("rules", "--plugin", "nobody").stdout == "no rules match\n"

    def test_explain_prints_the_rule_documentation(self, site):
        """`vetkit explain ID` (any case) prints title, category line, rationale, fix and the reviewer question."""
        result = vetkit_cli("explain", "xx-05")
        assert result.exit_code == 0
        assert result.stdout.splitlines()[:3] == [
            "XX-05  Scripted criterion XX-05", "",
            "Category: Testing · severity warning · method manual · plugin alpha · stable"]
        assert "Why it matters:\n  XX-05 exists to test the engine.\n" in result.stdout
        assert "How to fix:\n  Make XX-05 pass.\n" in result.stdout
        assert "Reviewer question:\n  Does the course meet this scripted criterion?\n" in result.stdout

    def test_explain_lists_parameters(self, site):
        """A rule's parameter defaults are part of its documentation."""
        result = vetkit_cli("explain", "XX-03")
        assert "Parameters (defaults; a rubric may override them):\n  limit = 5\n  mode = strict\n" in result.stdout

    @pytest.mark.parametrize(("rule_id", "message"), [
        ("XX-5", "unknown id 'XX-5'. Did you mean `XX-05`?\n"),
        ("QQQQQ", "unknown id 'QQQQQ'. An id is a criterion (TI-07), a lexicon row (L12, M10, S01), a phrase set "
                  "(P-VC), a source key (IRINA) or a tag (labor-trafficking); `vetkit rules` and `vetkit sources` "
                  "list them\n"),
    ])
    def test_explain_unknown_rule_exits_2(self, site, rule_id, message):
        """An unknown id exits 2 with a did-you-mean (or where to look) on stderr."""
        result = vetkit_cli("explain", rule_id)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)

    def test_rubrics_lists_every_registered_rubric(self, site):
        """`vetkit rubrics` prints one row per rubric: id, version, verdict rule, criteria count, parent."""
        result = vetkit_cli("rubrics")
        assert result.exit_code == 0
        rows = {line.split()[0]: line for line in result.stdout.splitlines()[2:]}
        assert sorted(rows) == ["bad", "course-design", "draft", "good", "ht-training", "pending", "qm", "warn"]
        assert rows["good"].split() == ["good", "1", "severity", "2", "All", "good"]
        assert rows["qm"].split()[:4] == ["qm", "1", "threshold", "70"]
        assert rows["ht-training"].split()[4] == "course-design"

    def test_rubrics_show_prints_the_resolved_rubric_with_parameters_in_force(self, site):
        """`vetkit rubrics show ID` prints YAML: rule defaults overridden by the rubric, default weights filled in."""
        result = vetkit_cli("rubrics", "show", "good")
        assert result.exit_code == 0
        shown = yaml.safe_load(result.stdout)
        assert shown["id"] == "good"
        assert shown["verdict"] == {"rule": "severity", "essential_met_at": 0.85}
        assert shown["parameters"] == {"limit": 7, "mode": "strict"}
        assert shown["criteria"]["XX-03"] == {"weight": 1.0, "essential": False, "severity": "info",
                                              "parameters": {}, "title": "Scripted criterion XX-03"}
        assert shown["criteria"]["XX-01"]["weight"] == 3.0

    def test_rubrics_show_a_file(self, site, tmp_path):
        """`vetkit rubrics show FILE` resolves a rubric file against the registered ones."""
        path = write_rubric(tmp_path, rubric("local", {"XX-02": {"weight": 9}}, extends="qm"))
        shown = yaml.safe_load(vetkit_cli("rubrics", "show", path).stdout)
        assert (shown["extends"], shown["verdict"]) == ("qm", {"rule": "threshold", "threshold": 70,
                                                             "essential_met_at": 0.85})
        assert shown["criteria"]["XX-02"]["weight"] == 9

    def test_rubrics_show_unknown_exits_2(self, site):
        """An unknown rubric id exits 2."""
        result = vetkit_cli("rubrics", "show", "nope")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("error: unknown rubric `nope`. Known rubrics: ")


LAZY_CHECK = '''
import pathlib
import sys

pathlib.Path({marker!r}).write_text("imported", encoding="utf-8")


def check(ctx):
    return ctx.passed("The lazily imported check ran.")
'''


class TestCheckCodeIsNotImported:
    @pytest.fixture
    def lazy(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        """Plugin ``lazy`` whose rule XX-06 points at a check module that leaves a marker file when imported."""
        folder = tmp_path / "lazy-site"
        folder.mkdir()
        monkeypatch.syspath_prepend(str(folder))
        marker = tmp_path / "imported.txt"
        module = write_module(folder, "vetkit_test_lazy_checks", LAZY_CHECK.format(marker=str(marker)))
        write_dist_plugin(folder, "lazy", rules=[("XX-06", "error", f"{module}:check")],
                          rubrics=[rubric("lazy", ["XX-06"])])
        return module, marker

    @pytest.mark.parametrize("args", [
        ("rules",), ("rules", "--format", "json"), ("explain", "XX-06"), ("rubrics",), ("rubrics", "show", "lazy"),
        ("plugins",), ("--help",), ("score", "--help"),
    ], ids=" ".join)
    def test_catalogue_commands_do_not_import_checks(self, lazy, args):
        """Listing, explaining and help never import a rule's check module."""
        module, marker = lazy
        result = run_cli(*args, plugins="lazy")
        assert result.exit_code == 0
        assert module not in sys.modules
        assert not marker.exists()

    def test_scoring_imports_the_check(self, lazy, tmp_path):
        """Scoring does import it (the marker works), and the check runs."""
        module, marker = lazy
        result = run_cli("score", write_course(tmp_path), "--rubric", "lazy", "--as-of", AS_OF, plugins="lazy")
        assert result.exit_code == 0
        assert module in sys.modules
        assert marker.read_text(encoding="utf-8") == "imported"


FORMAT_PLUGIN = '''
import vetkit


def explode(report, **options):
    raise RuntimeError("renderer broke")


@vetkit.hookimpl
def vetkit_register_formats(register):
    register("boom", explode, suffix=".boom", description="always fails")
'''


class TestInternalErrors:
    def test_a_crashing_plugin_renderer_is_the_plugins_error(self, course, site):
        """A plugin's renderer that raises exits 2 with one line naming the format and the plugin, no traceback."""
        write_dist_plugin(site, "boom", source=FORMAT_PLUGIN)
        result = run_cli("score", course, "--rubric", "good", "--format", "boom", plugins="alpha,boom")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "format 'boom' of plugin 'boom' failed: RuntimeError: renderer broke\n"

    def test_a_crash_in_vetkit_is_reported_without_traceback(self, course, monkeypatch):
        """An exception in vetkit's own code exits 2 with one line and a --debug hint, no traceback."""
        import vetkit.render.json

        def broken(report, **options):
            raise RuntimeError("renderer broke")

        monkeypatch.setattr(vetkit.render.json, "render", broken)
        result = run_cli("score", course, "--rubric", "good", "--format", "json", plugins="alpha")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == ("vetkit: internal error: RuntimeError: renderer broke. Run again with --debug for "
                                 "the traceback and report it.\n")
