"""Reviewer answers: `vetkit review init` and `update`, answering, answers tied to their evidence, several reviewers."""

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
    """Answer one question as a reviewer does: uncomment its whole block, choose a verdict, write a note and sign."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  # {rule_id}:")
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    block = [line.replace("# ", "", 1) for line in lines[start:end]]
    assert block[:3] == [f"  {rule_id}:", "    verdict: met        # met | not-met | not-applicable", '    note: ""']
    assert block[3] == "    fingerprint:"
    block[1] = f"    verdict: {verdict}"
    block[2] = f"    note: {json.dumps(note)}"
    if evidence:
        block.insert(3, f"    evidence: [{evidence}]")
    lines[start:end] = block
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

    def test_never_overwrites(self, course):
        """A second `review init` exits 2, names `review update`, and leaves the answers alone."""
        path = init_review(course)
        answer(path, "XX-03")
        before = path.read_text(encoding="utf-8")
        result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (f"{path}: already exists. Run `vetkit review update {course} {path}` "
                                 "(or pass --force) to keep its answers and add the new questions, or -o to choose "
                                 "another file.\n")
        assert path.read_text(encoding="utf-8") == before

    def test_force_merges_instead_of_overwriting(self, course):
        """`review init --force` keeps every answer (verdict, note, evidence) and the open question."""
        path = init_review(course)
        answer(path, "XX-03", "not-met", "Only sex trafficking — «covered».", evidence=REVIEW_POINTER)
        result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF, "--force")
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == f"updated {path}: 1 answer(s) carried forward, 1 open question(s)\n"
        loaded = load_review(path)
        assert loaded.answers["XX-03"].verdict == "not-met"
        assert loaded.answers["XX-03"].note == "Only sex trafficking — «covered»."
        assert loaded.answers["XX-03"].evidence == (REVIEW_POINTER,)
        assert loaded.reviewer == {"name": "Dana Reviewer", "role": "victim advocate"}
        text = path.read_text(encoding="utf-8")
        assert "  # XX-02:\n  #   verdict: met        # met | not-met | not-applicable\n" in text
        _, report, _ = score_json(course, "--review", path)
        assert outcomes(report)["XX-03"] == "fail"

    def test_force_refuses_a_file_that_is_not_an_answer_file(self, course):
        """`--force` merges into answer files only: the course itself as -o is refused and left as it was."""
        before = course.read_text(encoding="utf-8")
        result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF, "-o", course, "--force")
        assert result.exit_code == 2
        assert result.stderr == (f"{course}: error: this is not a review answer file: it looks like a course document. "
                                 "Pass the answer file that `vetkit review init COURSE` writes (COURSE.review.yaml "
                                 "beside the course) to --review, and the course itself as the file to score\n")
        assert course.read_text(encoding="utf-8") == before

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
                                    "date": AS_OF, "stale": False, "staleReason": None, "applied": ["XX-03"],
                                    "staleAnswers": {}}
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

    @pytest.mark.parametrize(("reviewer", "shown"), [("REVIEWER NAME", "'REVIEWER NAME'"), ("  ", "'  '"),
                                                      ("TBD", "'TBD'"), ("your name", "'your name'")])
    def test_placeholder_reviewer_is_refused(self, course, reviewer, shown):
        """An answer signed with the template's placeholder (or a blank or stand-in name) is refused, exit 2."""
        path = init_review(course)
        answer(path, "XX-03", reviewer=reviewer)
        result = vetkit_cli("score", course, "--rubric", "rev", "--as-of", AS_OF, "--review", path)
        assert (result.exit_code, result.stdout) == (2, "")
        line = path.read_text(encoding="utf-8").splitlines().index(f"  name: {json.dumps(reviewer)}") + 1
        assert result.stderr == (
            f"{path}:{line}:3: error: the reviewer name {shown} is a placeholder (at /reviewer/name). Write your own "
            'name under `reviewer:` (for example `name: "Dana Reyes"`, `role: "victim advocate"`); the report '
            "credits each answer to the person who gave it\n")

    def test_placeholder_role_is_refused(self, course):
        """The template's role placeholder is refused as well."""
        path = init_review(course)
        answer(path, "XX-03")
        path.write_text(path.read_text(encoding="utf-8").replace('role: "victim advocate"', 'role: "REVIEWER ROLE"'),
                        encoding="utf-8")
        result = vetkit_cli("score", course, "--rubric", "rev", "--as-of", AS_OF, "--review", path)
        assert result.exit_code == 2
        assert "error: the reviewer role 'REVIEWER ROLE' is a placeholder (at /reviewer/role)" in result.stderr

    @pytest.mark.parametrize("wrong", ["course", "report", "list"])
    def test_a_file_that_is_not_an_answer_file_is_named_as_such(self, course, wrong):
        """`--review course.json` (a report, any non-answer file) says it is not an answer file, in one paragraph."""
        path = {"course": course, "report": course.with_name("report.json"), "list": course.with_name("x.yaml")}[wrong]
        if wrong == "report":
            path.write_text(json.dumps(score_json(course)[1]), encoding="utf-8")
        if wrong == "list":
            path.write_text("- 1\n- 2\n", encoding="utf-8")
        looks = {"course": "it looks like a course document", "report": "it looks like a vetkit report",
                 "list": "it holds a list, not a mapping"}[wrong]
        result = vetkit_cli("score", course, "--rubric", "rev", "--review", path)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f"{path}: error: this is not a review answer file: {looks}. Pass the answer file that "
                                 "`vetkit review init COURSE` writes (COURSE.review.yaml beside the course) to "
                                 "--review, and the course itself as the file to score\n")

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


def stale_notice(course: Path, path: Path, rule_id: str, changes: str) -> str:
    """The notice for an answer whose evidence changed."""
    return (f"review answer for {rule_id} in {path} not applied: its evidence changed ({changes}). Check it, then run "
            f"`vetkit review update {course} {path}` (add --accept {rule_id} if the answer still holds)")


class TestAnswersTiedToEvidence:
    """Each answer applies while the course values its criterion judged are unchanged."""

    @pytest.mark.parametrize("change", [{"version": "1.1"}, {"title": "Recognizing Human Trafficking on Patrol"},
                                        {"description": "A new description."}], ids=["version", "title", "new-field"])
    def test_an_edit_elsewhere_keeps_the_answer(self, course, change):
        """Editing fields outside XX-03's evidence (module M1, where its finding points) keeps its answer applied."""
        path = init_review(course)
        answer(path, "XX-03", "met", "Covered.")
        write_course(course.parent, {**minimal_course(), **change})
        code, report, stderr = score_json(course, "--review", path)
        assert outcomes(report)["XX-03"] == "pass"
        assert (report["review"]["applied"], report["review"]["staleAnswers"], report["notices"]) == (["XX-03"], {}, [])
        assert (code, stderr) == (0, "")

    def test_an_edit_to_the_evidence_marks_only_that_answer_stale(self, course):
        """Editing module M1 (XX-03's finding is on its title) stales XX-03's answer; XX-04's answer still applies."""
        path = init_review(course)
        answer(path, "XX-03", "met", "Covered.")
        update = vetkit_cli("review", "update", course, path, "--rubric", "rev", "--as-of", AS_OF)
        assert update.exit_code == 0
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["answers"]["XX-04"] = {"verdict": "met", "note": "Title fine.",
                                    "fingerprint": data["answers"]["XX-03"]["fingerprint"]}
        report_before = engine_with(RulesPlugin("alpha", SPECS, rubrics=[RUBRIC])).score(
            vetkit.load_course(course), rubric="rev", as_of=AS_OF)
        from vetkit.fingerprint import of_result
        data["answers"]["XX-04"]["fingerprint"] = of_result(vetkit.load_course(course),
                                                            report_before.result("XX-04")).to_json()
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        edited = minimal_course()
        edited["modules"][0]["title"] = "Defining the crime of trafficking"
        write_course(course.parent, edited)
        code, report, stderr = score_json(course, "--review", path)
        assert outcomes(report) == {"XX-01": "pass", "XX-02": "needs-review", "XX-03": "needs-review",
                                    "XX-04": "pass"}
        assert report["review"]["applied"] == ["XX-04"]
        assert report["review"]["staleAnswers"] == {"XX-03": [{"change": "changed", "pointer": "/modules/0"}]}
        assert report["notices"] == [stale_notice(course, path, "XX-03", "changed at /modules/0")]
        assert (code, stderr) == (0, "")

    def test_a_criterion_that_points_nowhere_judged_the_whole_course(self, course):
        """XX-02 is a manual criterion with no finding: its fingerprint is the whole course, so any edit stales it."""
        path = init_review(course)
        answer(path, "XX-02", "met")
        assert '"": "' in path.read_text(encoding="utf-8")
        write_course(course.parent, {**minimal_course(), "version": "1.1"})
        _, report, _ = score_json(course, "--review", path)
        assert report["review"]["staleAnswers"] == {"XX-02": [{"change": "changed", "pointer": ""}]}
        assert report["notices"] == [stale_notice(course, path, "XX-02", "changed at /")]

    def test_review_of_another_course_is_ignored_with_a_notice(self, course):
        """Answers recorded for another course id are not applied at all, and a notice says why."""
        path = init_review(course)
        answer(path, "XX-03")
        write_course(course.parent, {**minimal_course(), "id": "HT-102"})
        code, report, stderr = score_json(course, "--review", path)
        assert outcomes(report)["XX-03"] == "needs-review"
        reason = "the review answers course HT-101, not HT-102"
        assert report["notices"] == [f"review {path} ignored: {reason}"]
        assert (report["review"]["stale"], report["review"]["staleReason"], report["review"]["applied"]) == (
            True, reason, [])
        assert (code, stderr) == (0, "")

    def test_text_output_shows_what_changed(self, course, monkeypatch):
        """The text report prints the stale answer's notice with the changed pointer."""
        path = init_review(course)
        answer(path, "XX-03")
        edited = minimal_course()
        edited["modules"][0]["title"] = "Another title"
        write_course(course.parent, edited)
        monkeypatch.chdir(course.parent)
        result = vetkit_cli("score", "course.json", "--rubric", "rev", "--as-of", AS_OF,
                            "--review", "course.review.yaml")
        notice = "Notice: review answer for XX-03 in course.review.yaml not applied: its evidence changed"
        assert notice in result.stdout
        assert "changed at /modules/0)" in result.stdout
        assert result.stderr == ""


class TestReviewUpdate:
    def edit_evidence(self, course: Path) -> None:
        edited = minimal_course()
        edited["modules"][0]["title"] = "Defining the crime of trafficking"
        write_course(course.parent, edited)

    def test_stale_answer_is_kept_marked_and_not_applied_until_accepted(self, course):
        """`review update` keeps a stale answer as it was, says what changed; --accept renews it and it applies."""
        path = init_review(course)
        answer(path, "XX-03", "not-met", "Only sex trafficking.")
        self.edit_evidence(course)
        result = vetkit_cli("review", "update", course, path, "--rubric", "rev", "--as-of", AS_OF)
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == (f"updated {path}: 0 answer(s) carried forward, 1 stale (XX-03: changed at "
                                 "/modules/0), 1 open question(s)\n")
        text = path.read_text(encoding="utf-8")
        assert "  #   Stale, not applied: changed at /modules/0.\n" in text
        assert load_review(path).answers["XX-03"].note == "Only sex trafficking."
        _, report, _ = score_json(course, "--review", path)
        assert outcomes(report)["XX-03"] == "needs-review"
        accepted = vetkit_cli("review", "update", course, path, "--rubric", "rev", "--as-of", AS_OF,
                              "--accept", "XX-03")
        assert accepted.stdout == (f"updated {path}: 1 answer(s) carried forward, 1 accepted (XX-03), "
                                   "1 open question(s)\n")
        _, report, _ = score_json(course, "--review", path)
        assert outcomes(report)["XX-03"] == "fail"
        assert report["review"]["staleAnswers"] == {}

    def test_accepting_an_unanswered_criterion_is_an_error(self, course):
        """--accept names answers in the file; another id is exit 2 and the file is left as it was."""
        path = init_review(course)
        before = path.read_text(encoding="utf-8")
        result = vetkit_cli("review", "update", course, path, "--rubric", "rev", "--accept", "XX-02")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f"--accept XX-02: {path} has no answer for it; answer the question first (uncomment "
                                 "its block), then run `vetkit review update` again.\n")
        assert path.read_text(encoding="utf-8") == before

    def test_update_adds_new_questions_and_loses_no_answer(self, course):
        """A file holding one answer, one for a criterion the rubric lacks and `x-` data gains the open question."""
        report = engine_with(RulesPlugin("alpha", SPECS, rubrics=[RUBRIC])).score(
            vetkit.load_course(course), rubric="rev", as_of=AS_OF)
        path = course.with_name("course.review.yaml")
        path.write_text(yaml.safe_dump({
            "course": {"id": "HT-101", "version": "1.0", "sha256": report.course["sha256"]},
            "reviewer": {"name": "Dana Reviewer", "role": "curriculum specialist"}, "date": "2025-05-30",
            "x-panel": {"round": 2},
            "answers": {"XX-03": {"verdict": "met", "note": "ok", "x-minutes": 12},
                        "XX-09": {"verdict": "not-met", "note": "kept"}}}), encoding="utf-8")
        result = vetkit_cli("review", "update", course, "--rubric", "rev", "--as-of", AS_OF)
        assert result.stdout == f"updated {path}: 2 answer(s) carried forward, 1 open question(s)\n"
        loaded = load_review(path)
        assert {k: (a.verdict, a.note, dict(a.extras)) for k, a in loaded.answers.items()} == {
            "XX-03": ("met", "ok", {"x-minutes": 12}), "XX-09": ("not-met", "kept", {})}
        assert loaded.answers["XX-03"].fingerprint is not None and loaded.answers["XX-09"].fingerprint is None
        assert (loaded.date, dict(loaded.extras)) == ("2025-05-30", {"x-panel": {"round": 2}})
        assert "  # XX-02:\n" in path.read_text(encoding="utf-8")

    def test_update_of_another_courses_file_is_refused(self, course):
        """Carrying one course's answers to another course is exit 2, the file untouched."""
        path = init_review(course)
        before = path.read_text(encoding="utf-8")
        write_course(course.parent, {**minimal_course(), "id": "HT-102"})
        result = vetkit_cli("review", "update", course, path, "--rubric", "rev")
        assert result.exit_code == 2
        assert result.stderr == (f"{path}: error: the review answers course HT-101, not HT-102; its answers cannot be "
                                 "carried to this course (at /course/id). Pass another answer file (-o, or ANSWERS) "
                                 "for this course\n")
        assert path.read_text(encoding="utf-8") == before


class TestFilesWithoutFingerprints:
    """Answer files written before answers carried fingerprints keep working."""

    def old_file(self, course: Path) -> Path:
        report = engine_with(RulesPlugin("alpha", SPECS, rubrics=[RUBRIC])).score(
            vetkit.load_course(course), rubric="rev", as_of=AS_OF)
        path = course.with_name("course.review.yaml")
        path.write_text(yaml.safe_dump({
            "vetkit": "1.0", "course": {"id": "HT-101", "version": "1.0", "sha256": report.course["sha256"]},
            "reviewer": {"name": "Dana Reviewer", "role": "curriculum specialist"}, "date": AS_OF,
            "answers": {"XX-03": {"verdict": "met", "note": ""}}}), encoding="utf-8")
        return path

    def test_applies_to_the_course_it_names(self, course):
        """Without a fingerprint an answer applies while the course has the file's sha256."""
        path = self.old_file(course)
        _, report, _ = score_json(course, "--review", path)
        assert report["review"]["applied"] == ["XX-03"]

    def test_after_an_edit_it_is_stale_with_the_way_forward(self, course):
        """Edited course: the answer is not applied, and the notice says why and what to run."""
        path = self.old_file(course)
        write_course(course.parent, {**minimal_course(), "version": "1.1"})
        _, report, _ = score_json(course, "--review", path)
        assert report["review"]["staleAnswers"] == {"XX-03": [{"change": "unrecorded", "pointer": None}]}
        assert report["notices"] == [stale_notice(
            course, path, "XX-03", "it has no fingerprint and the course changed since the file was written")]

    def test_update_adds_fingerprints_so_later_edits_elsewhere_keep_it(self, course):
        """`review update` on the unchanged course fingerprints the answer; then an unrelated edit keeps it."""
        path = self.old_file(course)
        result = vetkit_cli("review", "update", course, "--rubric", "rev", "--as-of", AS_OF)
        assert result.stdout == f"updated {path}: 1 answer(s) carried forward, 1 open question(s)\n"
        assert load_review(path).answers["XX-03"].fingerprint is not None
        write_course(course.parent, {**minimal_course(), "version": "1.1"})
        _, report, _ = score_json(course, "--review", path)
        assert report["review"]["applied"] == ["XX-03"]


class TestSeveralReviewers:
    def reviewer_file(self, course: Path, name: str, verdicts: dict[str, str]) -> Path:
        """An answer file by ``name`` answering the given criteria."""
        path = course.with_name(f"{name.split()[0].lower()}.review.yaml")
        result = vetkit_cli("review", "init", course, "--rubric", "rev", "--as-of", AS_OF, "-o", path)
        assert result.exit_code == 0
        for rule_id, verdict in verdicts.items():
            answer(path, rule_id, verdict, reviewer=name)
        return path

    def test_two_reviewers_disagreement_and_agreement(self, course):
        """Agreed criteria apply, disagreements stay as the check left them; percent agreement and kappa reported."""
        first = self.reviewer_file(course, "Dana Reviewer", {"XX-02": "met", "XX-03": "met"})
        second = self.reviewer_file(course, "Lee Advocate", {"XX-02": "met", "XX-03": "not-met"})
        code, report, stderr = score_json(course, "--review", first, "--review", second)
        assert outcomes(report)["XX-02"] == "pass" and outcomes(report)["XX-03"] == "needs-review"
        [xx02] = [r for r in report["results"] if r["ruleId"] == "XX-02"]
        assert xx02["reason"] == "Dana Reviewer and Lee Advocate answered met"
        [xx03] = [r for r in report["results"] if r["ruleId"] == "XX-03"]
        assert xx03["reason"].startswith(
            "Reviewers disagree: Dana Reviewer answered met, Lee Advocate answered not-met.")
        assert report["review"] is None
        assert [r["applied"] for r in report["reviews"]] == [["XX-02"], ["XX-02"]]
        assert report["agreement"] == {
            "pairs": [{"reviewers": ["Dana Reviewer", "Lee Advocate"], "files": [str(first), str(second)],
                       "shared": 2, "agreed": 1, "percent": 50.0, "kappa": 0.0}],
            "disagreements": [{"ruleId": "XX-03", "answers": [
                {"reviewer": "Dana Reviewer", "file": str(first), "verdict": "met"},
                {"reviewer": "Lee Advocate", "file": str(second), "verdict": "not-met"}]}]}
        assert report["notices"] == [
            "reviewers disagree on XX-03: Dana Reviewer answered met, Lee Advocate answered not-met; no answer applied",
            "agreement of Dana Reviewer and Lee Advocate: 1 of 2 criteria answered by both (50.0%), Cohen's kappa 0.00"]
        assert (code, stderr) == (0, "")

    def test_three_reviewers_get_pairwise_kappa(self, course):
        """A panel of three: one figure per pair, over the criteria both answered."""
        files = [self.reviewer_file(course, "Ana Chair", {"XX-02": "met", "XX-03": "met"}),
                 self.reviewer_file(course, "Ben Expert", {"XX-02": "met", "XX-03": "met"}),
                 self.reviewer_file(course, "Cy Peer", {"XX-02": "not-met"})]
        _, report, _ = score_json(course, *[arg for path in files for arg in ("--review", path)])
        assert [(p["reviewers"], p["shared"], p["agreed"], p["percent"], p["kappa"])
                for p in report["agreement"]["pairs"]] == [
            (["Ana Chair", "Ben Expert"], 2, 2, 100.0, None),
            (["Ana Chair", "Cy Peer"], 1, 0, 0.0, 0.0),
            (["Ben Expert", "Cy Peer"], 1, 0, 0.0, 0.0)]
        assert outcomes(report) == {"XX-01": "pass", "XX-02": "needs-review", "XX-03": "pass", "XX-04": "fail"}
        assert ("agreement of Ana Chair and Ben Expert: 2 of 2 criteria answered by both (100.0%), Cohen's kappa "
                "undefined (every answer was the same verdict)") in report["notices"]

    def test_several_answer_files_for_a_folder_are_refused(self, course):
        """--review answers one course, however many files are given."""
        first = self.reviewer_file(course, "Dana Reviewer", {})
        result = vetkit_cli("score", course.parent, "--rubric", "rev", "--review", first)
        assert result.exit_code == 2
        assert "--review answers one course: score that course on its own." in result.stderr


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
