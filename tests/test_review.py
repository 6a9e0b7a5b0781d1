"""Reviewer answers: `vetkit review init`, answering a question, stale reviews and answers that do not apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import vetkit
from vetkit.review import load_review
from vetkit.schemas import validator
from engine_helpers import (FINDING_POINTER, QUESTION, REVIEW_MESSAGE, REVIEW_POINTER, RulesPlugin,
                            assert_valid_report, engine_with, minimal_course, rubric, run_cli, write_course,
                            write_dist_plugin)

AS_OF = "2025-06-01"
SPECS = [("XX-01", "error", "pass"), ("XX-02", "warning", None), ("XX-03", "error", "needs-review"),
         ("XX-04", "info", "fail")]
RUBRIC = rubric("rev", ["XX-01", "XX-02", "XX-03", "XX-04"])


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal course in tmp_path, with plugin ``alpha`` (rubric ``rev``) installed on sys.path."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    write_dist_plugin(site, "alpha", rules=SPECS, rubrics=[RUBRIC])
    return write_course(tmp_path)


def vetkit_cli(*args: object):
    """Run vetkit with only the test plugin ``alpha``."""
    return run_cli(*args, plugins="alpha")


def init_review(course: Path) -> Path:
    """Run `vetkit review init` and return the answer file it wrote."""
    result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF)
    target = course.with_name("course.review.yaml")
    assert result.exit_code == 0
    assert result.stdout == f"wrote {target} with 2 open question(s)\n"
    assert result.stderr == ""
    return target


def answer(path: Path, rule_id: str, verdict: str = "met", note: str = "", *, reviewer: str = "Dana Reviewer",
           evidence: str | None = None) -> None:
    """Answer one question as a reviewer does: uncomment its block, choose a verdict, write a note and sign."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  # {rule_id}:")
    block = [line.replace("# ", "", 1) for line in lines[start:start + 3]]
    assert block[:2] == [f"  {rule_id}:", "    verdict: met        # met | not-met | not-applicable"]
    block[1] = f"    verdict: {verdict}"
    block[2] = f"    note: {json.dumps(note)}"
    if evidence:
        block.append(f"    evidence: [{evidence}]")
    lines[start:start + 3] = block
    text = "\n".join(lines) + "\n"
    text = text.replace('name: "REVIEWER NAME"', f"name: {json.dumps(reviewer)}")
    text = text.replace('role: "REVIEWER ROLE"', 'role: "victim advocate"')
    path.write_text(text, encoding="utf-8")


def score_json(course: Path, *args: object) -> tuple[int, dict, str]:
    """`vetkit score --format json` of the course: (exit code, report, stderr)."""
    result = vetkit_cli("score", course, "--rubric", "rev", "--as-of", AS_OF, "--format", "json", *args)
    return result.exit_code, assert_valid_report(json.loads(result.stdout)), result.stderr


def outcomes(report: dict) -> dict[str, str]:
    """Rule id -> outcome."""
    return {r["ruleId"]: r["outcome"] for r in report["results"]}


class TestReviewInit:
    def test_writes_a_valid_review_file_listing_every_open_question(self, course):
        """The answer file is YAML that validates (answers null), names the course and lists each pending question."""
        path = init_review(course)
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        assert [error.message for error in validator("review").iter_errors(data)] == []
        assert data["answers"] is None
        report = engine_with(RulesPlugin("alpha", SPECS, rubrics=[RUBRIC])).score(
            vetkit.load_course(course), rubric="rev", as_of=AS_OF)
        assert data["course"] == {"id": "HT-101", "version": "1.0", "sha256": report.course["sha256"]}
        assert data["date"] == AS_OF
        pending = [r.rule_id for r in report.results if r.outcome == "needs-review"]
        assert pending == ["XX-02", "XX-03"]
        for rule_id in pending:
            assert f"  # {rule_id}:\n  #   verdict: met        # met | not-met | not-applicable\n  #   note: \"\"\n" \
                   in text
        assert "  # XX-01:" not in text and "  # XX-04:" not in text
        assert f"  #   Question: {QUESTION}" in text
        assert f"  #   Evidence at {REVIEW_POINTER}: {REVIEW_MESSAGE}" in text
        loaded = load_review(path)
        assert (loaded.answers, loaded.date) == ({}, AS_OF)

    def test_unanswered_file_changes_nothing(self, course):
        """Scoring with the untouched answer file applies no answer and raises no notice."""
        path = init_review(course)
        code, report, stderr = score_json(course, "--review", path)
        assert outcomes(report) == {"XX-01": "pass", "XX-02": "needs-review", "XX-03": "needs-review",
                                    "XX-04": "fail"}
        assert report["review"]["applied"] == [] and report["review"]["stale"] is False
        assert report["notices"] == []
        assert (code, stderr) == (0, "")

    def test_refuses_to_overwrite(self, course):
        """A second `review init` exits 2 and leaves the answers alone unless --force."""
        path = init_review(course)
        answer(path, "XX-03")
        before = path.read_text(encoding="utf-8")
        result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == f"{path}: already exists. Pass --force to overwrite it, or -o to choose another file.\n"
        assert path.read_text(encoding="utf-8") == before

    def test_output_option(self, course, tmp_path):
        """`-o` chooses the answer file."""
        target = tmp_path / "answers.yaml"
        result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF, "-o", target)
        assert (result.exit_code, result.stdout) == (0, f"wrote {target} with 2 open question(s)\n")
        assert load_review(target).course["id"] == "HT-101"


class TestAnswering:
    def test_met_turns_needs_review_into_pass_credited_to_the_reviewer(self, course):
        """Uncommenting one block with `met` makes that criterion pass, answered by review, naming the reviewer."""
        path = init_review(course)
        answer(path, "XX-03", "met", "The scenario covers labor trafficking.")
        code, report, stderr = score_json(course, "--review", path)
        [result] = [r for r in report["results"] if r["ruleId"] == "XX-03"]
        assert (result["outcome"], result["score"], result["answeredBy"]) == ("pass", 1.0, "review")
        assert result["reason"] == "Dana Reviewer answered met: The scenario covers labor trafficking."
        assert outcomes(report)["XX-02"] == "needs-review"
        assert report["review"] == {"file": str(path), "reviewer": {"name": "Dana Reviewer", "role": "victim advocate"},
                                    "date": AS_OF, "stale": False, "staleReason": None, "applied": ["XX-03"]}
        assert report["verdict"] == "pending-review"  # XX-02 still waits
        assert (code, stderr) == (0, "")

    def test_not_met_turns_needs_review_into_fail(self, course):
        """`not-met` makes the criterion fail at its severity, which can change the verdict and the exit code."""
        path = init_review(course)
        answer(path, "XX-03", "not-met", "Only sex trafficking is covered.", evidence=REVIEW_POINTER)
        code, report, _ = score_json(course, "--review", path)
        [result] = [r for r in report["results"] if r["ruleId"] == "XX-03"]
        assert (result["outcome"], result["score"], result["answeredBy"]) == ("fail", 0.0, "review")
        assert result["reason"] == "Dana Reviewer answered not-met: Only sex trafficking is covered."
        assert result["findings"][-1] == {"pointer": REVIEW_POINTER, "message": "Evidence cited by Dana Reviewer.",
                                          "effect": "note"}
        assert (report["verdict"], report["verdictReason"]) == (
            "not-recommended", "XX-03 failed at error severity")
        assert code == 1

    def test_not_applicable_leaves_the_score(self, course):
        """`not-applicable` takes the criterion out of the arithmetic, inside the range announced before."""
        path = init_review(course)
        _, before, _ = score_json(course)
        answer(path, "XX-02", "not-applicable", "No videos in this course.")
        _, after, _ = score_json(course, "--review", path)
        assert outcomes(after)["XX-02"] == "not-applicable"
        assert after["score"]["pendingWeight"] == before["score"]["pendingWeight"] - 2
        assert before["score"]["min"] <= after["score"]["value"] <= before["score"]["max"]

    def test_answering_everything_lands_inside_the_announced_range(self, course):
        """Answering both questions gives a score inside the range announced before, with full coverage."""
        path = init_review(course)
        _, before, _ = score_json(course)
        answer(path, "XX-02", "met")
        answer(path, "XX-03", "not-met")
        _, after, _ = score_json(course, "--review", path)
        assert before["score"] == {"value": 75.0, "min": 33.33, "max": 88.89, "coverage": 0.4444, "earned": 3.0,
                                   "conclusiveWeight": 4.0, "pendingWeight": 5.0, "applicableWeight": 9.0}
        assert (after["score"]["value"], after["score"]["coverage"]) == (55.56, 1.0)
        assert before["score"]["min"] <= after["score"]["value"] <= before["score"]["max"]

    def test_unsigned_answer_is_credited_to_the_placeholder(self, course):
        """An answer under the template's placeholder reviewer still applies, credited to that placeholder."""
        path = init_review(course)
        answer(path, "XX-03", reviewer="REVIEWER NAME")
        _, report, _ = score_json(course, "--review", path)
        [result] = [r for r in report["results"] if r["ruleId"] == "XX-03"]
        assert result["reason"] == "REVIEWER NAME answered met"

    def test_yaml_form_of_the_same_course_takes_the_answers(self, course):
        """The review's sha256 is of the canonical document, so the YAML form of the same course is not stale."""
        path = init_review(course)
        answer(path, "XX-03")
        yaml_course = course.with_name("course.yaml")
        yaml_course.write_text(yaml.safe_dump(minimal_course()), encoding="utf-8")
        _, report, _ = score_json(yaml_course, "--review", path)
        assert report["review"]["applied"] == ["XX-03"]

    def test_invalid_answer_file_exits_2_with_location(self, course):
        """A verdict outside met/not-met/not-applicable is an error with file, line:column and pointer."""
        path = init_review(course)
        answer(path, "XX-03", verdict="done")
        result = vetkit_cli("score", course, "--rubric", "rev", "--review", path)
        assert result.exit_code == 2
        assert result.stdout == ""
        line = path.read_text(encoding="utf-8").splitlines().index("    verdict: done") + 1
        assert result.stderr == (f'{path}:{line}:5: error: "done" is not an allowed value (at /answers/XX-03/verdict). '
                                 "Allowed values: met, not-met, not-applicable\n")


class TestStaleReview:
    @pytest.mark.parametrize(("change", "reason"), [
        ({"version": "1.1"}, "the review answers version 1.0, not 1.1"),
        ({"title": "Recognizing Human Trafficking During Traffic Stops"},
         "the course changed since the review was recorded (its sha256 differs)"),
        ({"id": "HT-102"}, "the review answers course HT-101, not HT-102"),
    ], ids=["version", "sha256", "course-id"])
    def test_review_of_another_course_version_is_ignored_with_a_notice(self, course, change, reason):
        """Answers recorded against another id, version or hash are not applied and a notice says why."""
        path = init_review(course)
        answer(path, "XX-03")
        write_course(course.parent, {**minimal_course(), **change})
        code, report, stderr = score_json(course, "--review", path)
        assert outcomes(report)["XX-03"] == "needs-review"
        assert not any("answeredBy" in r for r in report["results"])
        assert report["notices"] == [f"review {path} ignored: {reason}"]
        assert (report["review"]["stale"], report["review"]["staleReason"], report["review"]["applied"]) == (
            True, reason, [])
        assert (code, stderr) == (0, "")

    def test_text_output_shows_the_notice(self, course, monkeypatch):
        """The text report prints the stale notice under the verdict."""
        init_review(course)
        write_course(course.parent, {**minimal_course(), "version": "2.0"})
        monkeypatch.chdir(course.parent)  # short relative names: the text report wraps at 100 columns
        result = vetkit_cli("score", "course.json", "--rubric", "rev", "--as-of", AS_OF,
                            "--review", "course.review.yaml")
        assert "Notice: review course.review.yaml ignored: the review answers version 1.0, not 2.0\n" in result.stdout
        assert result.stderr == ""


class TestAnswersNotScored:
    def write_review(self, course: Path, answers: dict) -> Path:
        """A review file for the current course with the given answers."""
        report = engine_with(RulesPlugin("alpha", SPECS, rubrics=[RUBRIC])).score(
            vetkit.load_course(course), rubric="rev", as_of=AS_OF)
        path = course.with_name("answers.yaml")
        path.write_text(yaml.safe_dump({
            "course": {"id": "HT-101", "version": "1.0", "sha256": report.course["sha256"]},
            "reviewer": {"name": "Dana Reviewer", "role": "curriculum specialist"}, "date": AS_OF,
            "answers": answers}), encoding="utf-8")
        return path

    def test_answer_for_a_criterion_outside_the_rubric_is_a_notice(self, course):
        """An answer for a criterion the rubric does not have is ignored with a notice; the others apply."""
        path = self.write_review(course, {"XX-03": {"verdict": "met", "note": ""},
                                          "XX-07": {"verdict": "not-met", "note": "n/a"}})
        _, report, _ = score_json(course, "--review", path)
        assert report["notices"] == ["review answer for XX-07 ignored: the rubric does not score it here"]
        assert report["review"]["applied"] == ["XX-03"]
        assert outcomes(report)["XX-03"] == "pass"

    def test_answer_for_a_criterion_left_out_by_select_is_a_notice(self, course):
        """An answer for a criterion that --select leaves out is ignored with a notice."""
        path = self.write_review(course, {"XX-02": {"verdict": "met", "note": ""}})
        _, report, _ = score_json(course, "--review", path, "--select", "XX-01,XX-03")
        assert list(outcomes(report)) == ["XX-01", "XX-03"]
        assert report["notices"] == ["review answer for XX-02 ignored: the rubric does not score it here"]
        assert report["review"]["applied"] == []

    def test_answer_overrides_an_automated_outcome(self, course):
        """A reviewer may also decide a criterion a check had failed; the report says the review answered it."""
        path = self.write_review(course, {"XX-04": {"verdict": "met", "note": "The title is fine for us."}})
        _, report, _ = score_json(course, "--review", path)
        [result] = [r for r in report["results"] if r["ruleId"] == "XX-04"]
        assert (result["outcome"], result["answeredBy"]) == ("pass", "review")
        assert [f["pointer"] for f in result["findings"]] == [FINDING_POINTER]
