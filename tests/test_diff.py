"""Comparing two versions of a course, or two reports: fixed, regressed, new and gone, changed fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import vetkit
from vetkit.diff import VALUE_WIDTH, compare, compare_files, diff_documents

from golden.vetplugin import AS_OF, RUBRIC, cli_env, make_engine

EXAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "roll-call-awareness.json"


@pytest.fixture
def versions(tmp_path) -> tuple[Path, Path]:
    """Two versions of the roll-call course with known changes.

    v1.2 → v1.3: objective O1 gets an observable verb (GT-02 fixed), module M4 is cut to
    5 minutes (GT-01 regressed, essential) and the version string changes.
    """
    new = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    old = json.loads(json.dumps(new))
    old["objectives"][0]["text"] = "Understand how trafficking differs from smuggling."
    del old["objectives"][0]["verb"]
    new["version"] = "1.3"
    new["modules"][3]["minutes"] = 5
    old_path, new_path = tmp_path / "v1.json", tmp_path / "v2.json"
    old_path.write_text(json.dumps(old, indent=2), encoding="utf-8")
    new_path.write_text(json.dumps(new, indent=2), encoding="utf-8")
    return old_path, new_path


@pytest.fixture(scope="module")
def engine():
    return make_engine()


def compared(engine, versions):
    return compare_files(*versions, engine=engine, rubric=RUBRIC, as_of=AS_OF)


class TestCompareCourses:
    def test_criteria(self, engine, versions):
        """GT-02 was fixed, GT-01 regressed, the others are unchanged."""
        comparison = compared(engine, versions)
        assert [(c.rule_id, c.old, c.new) for c in comparison.by_status("fixed")] == [("GT-02", "fail", "pass")]
        assert [(c.rule_id, c.old, c.new) for c in comparison.by_status("regressed")] == [("GT-01", "pass", "fail")]
        assert {c.rule_id for c in comparison.by_status("unchanged")} == {"GT-03", "GT-04", "GT-05", "GT-06"}
        assert comparison.regressed and comparison.verdict_worse
        assert (comparison.old.verdict, comparison.new.verdict) == ("revise", "not-recommended")

    def test_score_change(self, engine, versions):
        """The score delta is new minus old."""
        comparison = compared(engine, versions)
        assert comparison.score_delta == round(comparison.new.score.value - comparison.old.score.value, 2)
        assert comparison.score_delta < 0

    def test_findings(self, engine, versions):
        """Findings are matched by rule, pointer and message: one new, one gone."""
        comparison = compared(engine, versions)
        assert [(f.rule_id, f.finding.pointer) for f in comparison.new_findings] == [("GT-01", "/modules/3/minutes")]
        assert [(f.rule_id, f.finding.pointer) for f in comparison.gone_findings] == [("GT-02", "/objectives/0/text")]

    def test_fields(self, engine, versions):
        """Changed fields are JSON Pointers with old and new values."""
        comparison = compared(engine, versions)
        assert [(f.pointer, f.kind) for f in comparison.fields] == [
            ("/version", "changed"), ("/objectives/0/text", "changed"), ("/objectives/0/verb", "added"),
            ("/modules/3/minutes", "changed")]
        version, text, verb, minutes = comparison.fields
        assert (version.old, version.new, verb.new, minutes.old, minutes.new) == ('"1.2"', '"1.3"', '"distinguish"',
                                                                                 "17", "5")
        assert text.old == '"Understand how trafficking differs from smuggling."'
        assert text.new.startswith('"Distinguish sex trafficking') and text.new.endswith("…")

    def test_exit_code(self, engine, versions):
        """1 only for a regression with fail_on_regression; the reverse direction is no regression."""
        comparison = compared(engine, versions)
        assert comparison.exit_code(fail_on_regression=True) == 1
        assert comparison.exit_code() == 0
        backwards = compare_files(versions[1], versions[0], engine=engine, rubric=RUBRIC, as_of=AS_OF)
        assert [c.rule_id for c in backwards.by_status("fixed")] == ["GT-01"]
        assert [c.rule_id for c in backwards.by_status("regressed")] == ["GT-02"]
        assert backwards.verdict_better and backwards.regressed

    def test_json(self, engine, versions):
        """The JSON form carries everything the text shows."""
        data = json.loads(json.dumps(compared(engine, versions).to_json()))
        assert data["vetkit"] == "diff/1" and data["regressed"] is True
        assert data["verdictChange"] == {"old": "revise", "new": "not-recommended", "worse": True, "better": False}
        assert data["findings"]["new"][0]["ruleId"] == "GT-01"


class TestCompareReports:
    def test_reports(self, engine, versions, tmp_path):
        """Two JSON reports compare like two courses, without the field diff."""
        paths = []
        for number, path in enumerate(versions):
            report = engine.score(path, rubric=RUBRIC, as_of=AS_OF)
            target = tmp_path / f"report{number}.json"
            target.write_text(json.dumps(report.to_json()), encoding="utf-8")
            paths.append(target)
        comparison = compare_files(*paths)
        assert comparison.fields is None
        assert [c.rule_id for c in comparison.by_status("regressed")] == ["GT-01"]

    def test_report_and_course(self, engine, versions, tmp_path):
        """A report can be compared with a course scored now."""
        report = engine.score(versions[0], rubric=RUBRIC, as_of=AS_OF)
        old = tmp_path / "old-report.json"
        old.write_text(json.dumps(report.to_json()), encoding="utf-8")
        comparison = compare_files(old, versions[1], engine=engine, rubric=RUBRIC, as_of=AS_OF)
        assert comparison.fields is None and comparison.regressed

    def test_invalid_report(self, tmp_path):
        """A file that claims to be a report but is not is an error naming the problem."""
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"vetkit": "report/1", "verdict": "maybe"}), encoding="utf-8")
        with pytest.raises(vetkit.InvalidDocument) as caught:
            compare_files(bad, bad)
        assert "not a valid vetkit report" in str(caught.value)


class TestDiffDocuments:
    def changes(self, old, new):
        return [(c.pointer, c.kind, c.old, c.new, c.old_pointer) for c in diff_documents(old, new)]

    def test_scalars_and_types(self):
        """Changed values and changed types are reported at their pointer; equal ones are not."""
        assert self.changes({"a": 1, "b": 2, "c": True}, {"a": 1, "b": 3, "c": 1}) == [
            ("/b", "changed", "2", "3", None), ("/c", "changed", "true", "1", None)]

    def test_keys_are_escaped(self):
        """Keys with / and ~ are escaped as JSON Pointer tokens."""
        assert self.changes({"x/y~z": 1}, {}) == [("/x~1y~0z", "removed", "1", None, None)]

    def test_lists_by_index(self):
        """Lists without ids compare position by position."""
        assert self.changes({"l": [1, 2]}, {"l": [1, 5, 6]}) == [
            ("/l/1", "changed", "2", "5", None), ("/l/2", "added", None, "6", None)]

    def test_lists_by_id(self):
        """Objects with ids are matched by id: an insertion is one addition, a reorder is a move."""
        old = {"m": [{"id": "a", "t": 1}, {"id": "b", "t": 2}]}
        inserted = {"m": [{"id": "new"}, {"id": "a", "t": 1}, {"id": "b", "t": 9}]}
        assert self.changes(old, inserted) == [("/m/0", "added", None, '{"id":"new"}', None),
                                               ("/m/2/t", "changed", "2", "9", None)]
        swapped = {"m": [{"id": "b", "t": 2}, {"id": "a", "t": 1}]}
        assert self.changes(old, swapped) == [("/m/0", "moved", None, None, "/m/1")]

    def test_long_values_are_cut(self):
        """Values longer than the width end with an ellipsis."""
        (change,) = diff_documents({"t": "x" * 500}, {"t": "y"})
        assert len(change.old) == VALUE_WIDTH and change.old.endswith("…")


# -- the command line -------------------------------------------------------------------------------------


@pytest.fixture
def run(monkeypatch):
    from vetkit.cli import main

    env = cli_env(monkeypatch)

    def invoke(*args):
        result = CliRunner().invoke(main, [str(a) for a in args], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result

    return invoke


class TestCli:
    def test_text(self, run, versions):
        """Text output names the score change, the fixed and regressed criteria and the fields."""
        result = run("diff", *versions, "--rubric", RUBRIC, "--as-of", AS_OF)
        assert result.exit_code == 0, result.stderr
        for text in ("HT-101 version 1.2 -> HT-101 version 1.3", "Regressed (1):", "GT-01", "Fixed (1):",
                     "~ /modules/3/minutes: 17 -> 5", "New findings (1):", "Regression: yes."):
            assert text in result.stdout

    def test_fail_on_regression(self, run, versions):
        """--fail-on-regression exits 1 on a regression, 0 when things only got better."""
        assert run("diff", *versions, "--rubric", RUBRIC, "--as-of", AS_OF, "--fail-on-regression").exit_code == 1
        same = run("diff", versions[0], versions[0], "--rubric", RUBRIC, "--as-of", AS_OF, "--fail-on-regression")
        assert same.exit_code == 0 and "Regression: none." in same.stdout

    @pytest.mark.parametrize("fmt", ["json", "markdown"])
    def test_formats(self, run, versions, fmt):
        """JSON parses; Markdown has the table of changed criteria."""
        result = run("diff", *versions, "--rubric", RUBRIC, "--as-of", AS_OF, "--format", fmt)
        assert result.exit_code == 0
        if fmt == "json":
            assert json.loads(result.stdout)["regressed"] is True
        else:
            assert "| **GT-01** Modules run at least 10 minutes | pass | fail | regressed |" in result.stdout

    def test_reports_from_score(self, run, versions, tmp_path):
        """Two reports written by `vetkit score --format json` can be compared."""
        reports = []
        for number, path in enumerate(versions):
            target = tmp_path / f"r{number}.json"
            assert run("score", path, "--rubric", RUBRIC, "--as-of", AS_OF, "-o", target).exit_code in (0, 1)
            reports.append(target)
        result = run("diff", *reports, "--fail-on-regression")
        assert result.exit_code == 1 and "Changed fields: not shown" in result.stdout

    def test_invalid_input(self, run, versions, tmp_path):
        """A broken file is exit code 2 with the file and the problem named."""
        broken = tmp_path / "broken.json"
        broken.write_text("{", encoding="utf-8")
        result = run("diff", versions[0], broken, "--rubric", RUBRIC)
        assert result.exit_code == 2
        assert "broken.json" in result.stderr and "Traceback" not in result.stderr
        missing = run("diff", versions[0], tmp_path / "nope.json", "--rubric", RUBRIC)
        assert missing.exit_code == 2 and "nope.json" in missing.stderr


def test_compare_in_memory(engine, versions):
    """compare() works on reports and course objects already in memory."""
    old_course, new_course = (engine.load_course(p) for p in versions)
    old, new = (engine.score(c, rubric=RUBRIC, as_of=AS_OF) for c in (old_course, new_course))
    comparison = compare(old, new, old_course=old_course, new_course=new_course.data)
    assert len(comparison.fields) == 4
