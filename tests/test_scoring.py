"""The scoring arithmetic, the two verdict rules, exit codes and rubric resolution, by table and by property."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import vetkit
from vetkit import scoring
from vetkit.report import OUTCOMES, SEVERITIES, Report
from vetkit.review import Answer, Review, _answered
from vetkit.rubric import Criterion, resolve
from engine_helpers import (RulesPlugin, assert_valid_report, engine_with, make_report, make_result,
                            minimal_course, rubric, score_with, write_rubric)

AS_OF = "2025-06-01"


def results_of(*rows) -> list:
    """Results from rows ``(outcome, weight[, score])`` numbered XX-01, XX-02, ..."""
    return [make_result(f"XX-{i:02d}", row[0], weight=row[1], score=row[2] if len(row) > 2 else None)
            for i, row in enumerate(rows, start=1)]


def report_of(results, verdict_rule: str = "severity", threshold: float | None = None) -> Report:
    """A full report over ``results`` with the score and verdict the engine would compute."""
    results = list(results)
    score = scoring.compute_score(results)
    if verdict_rule == "threshold":
        verdict, why = scoring.threshold_verdict(results, score, threshold)
    else:
        verdict, why = scoring.severity_verdict(results)
    return Report(tool_version=vetkit.__version__,
                  course={"id": "HT-101", "version": "1.0", "title": "t", "sha256": "a" * 64, "file": "c.json"},
                  rubric={"id": "r", "version": "1", "title": "r", "verdictRule": verdict_rule, "threshold": threshold},
                  as_of=AS_OF, verdict=verdict, complete=scoring.is_complete(results), score=score, results=results,
                  verdict_reason=why)


class TestComputeScore:
    @pytest.mark.parametrize(("rows", "expected"), [
        # (value, min, max, coverage, earned, conclusive, pending, applicable)
        ([], (None, 0.0, 100.0, 0.0, 0, 0, 0, 0)),
        ([("pass", 3), ("pass", 2), ("pass", 1)], (100.0, 100.0, 100.0, 1.0, 6, 6, 0, 6)),
        ([("pass", 3), ("fail", 2)], (60.0, 60.0, 60.0, 1.0, 3, 5, 0, 5)),
        ([("pass", 1), ("fail", 2)], (33.33, 33.33, 33.33, 1.0, 1, 3, 0, 3)),
        ([("pass", 3), ("fail", 2, 0.5)], (80.0, 80.0, 80.0, 1.0, 4, 5, 0, 5)),
        ([("pass", 4, 0.25), ("not-applicable", 10)], (25.0, 25.0, 25.0, 1.0, 1, 4, 0, 4)),
        ([("pass", 3), ("needs-review", 2)], (100.0, 60.0, 100.0, 0.6, 3, 3, 2, 5)),
        ([("fail", 3), ("error", 1)], (0.0, 0.0, 25.0, 0.75, 0, 3, 1, 4)),
        ([("pass", 2), ("fail", 2), ("needs-review", 3), ("error", 1), ("not-applicable", 5)],
         (50.0, 25.0, 75.0, 0.5, 2, 4, 4, 8)),
        ([("not-applicable", 3), ("not-applicable", 1)], (None, 0.0, 100.0, 0.0, 0, 0, 0, 0)),
        ([("needs-review", 2), ("error", 1)], (None, 0.0, 100.0, 0.0, 0, 0, 3, 3)),
        ([("fail", 0), ("pass", 1)], (100.0, 100.0, 100.0, 1.0, 1, 1, 0, 1)),
        ([("pass", 0), ("fail", 1)], (0.0, 0.0, 0.0, 1.0, 0, 1, 0, 1)),
        ([("needs-review", 0), ("pass", 2)], (100.0, 100.0, 100.0, 1.0, 2, 2, 0, 2)),
        ([("pass", 1.5), ("fail", 0.5, 0.2)], (80.0, 80.0, 80.0, 1.0, 1.6, 2, 0, 2)),
        ([("pass", 1), ("fail", 1), ("fail", 1)], (33.33, 33.33, 33.33, 1.0, 1, 3, 0, 3)),
        ([("pass", 2), ("needs-review", 1), ("needs-review", 0)], (100.0, 66.67, 100.0, 0.6667, 2, 2, 1, 3)),
    ], ids=["empty", "all-pass", "pass-fail", "thirds", "partial-fail", "partial-pass-and-na", "pending",
            "error-pending", "mix", "only-na", "only-pending", "zero-weight-fail", "zero-weight-pass",
            "zero-weight-pending", "fractional-weights", "one-of-three", "two-thirds-pending"])
    def test_table(self, rows, expected):
        """Σ weight·score / Σ weight over pass and fail, with coverage and the range pending results leave open."""
        score = scoring.compute_score(results_of(*rows))
        assert (score.value, score.minimum, score.maximum, score.coverage, score.earned, score.conclusive_weight,
                score.pending_weight, score.applicable_weight) == expected

    def test_json_form(self):
        """The score's JSON keys are the report schema's."""
        score = scoring.compute_score(results_of(("pass", 3), ("needs-review", 2)))
        assert score.to_json() == {"value": 100.0, "min": 60.0, "max": 100.0, "coverage": 0.6, "earned": 3.0,
                                   "conclusiveWeight": 3.0, "pendingWeight": 2.0, "applicableWeight": 5.0}


class TestSeverityVerdict:
    @pytest.mark.parametrize(("rows", "expected"), [
        ([], ("recommended", "no criterion failed at error or warning severity and none awaits review")),
        ([("pass", "error", False), ("fail", "info", False), ("needs-review", "info", False), ("error", "info", False)],
         ("recommended", "no criterion failed at error or warning severity and none awaits review")),
        ([("fail", "error", False)], ("not-recommended", "XX-01 failed at error severity")),
        ([("fail", "info", True)],
         ("not-recommended", "essential XX-01 (credit 0%) is substantially unmet (below essential_met_at = 85%)")),
        ([("fail", "warning", False), ("fail", "error", False), ("fail", "info", True)],
         ("not-recommended", "XX-02 failed at error severity; essential XX-03 (credit 0%) is substantially unmet "
                             "(below essential_met_at = 85%)")),
        ([("fail", "warning", False), ("needs-review", "error", False)],
         ("revise", "XX-01 failed at warning severity")),
        ([("needs-review", "error", False), ("error", "warning", False), ("needs-review", "info", False)],
         ("pending-review", "XX-01, XX-02 await a reviewer or could not be checked")),
        ([("needs-review", "info", True)],
         ("pending-review", "XX-01 await a reviewer or could not be checked")),
        ([("error", "info", True), ("pass", "error", True)],
         ("pending-review", "XX-01 await a reviewer or could not be checked")),
        ([("not-applicable", "error", True)],
         ("recommended", "no criterion failed at error or warning severity and none awaits review")),
    ], ids=["empty", "info-only-problems", "error-fail", "essential-info-fail", "blocking-list", "warning-fail",
            "pending", "essential-info-pending", "essential-error-outcome", "not-applicable"])
    def test_table(self, rows, expected):
        """Error-level fail or an essential criterion substantially unmet, then a warning fail or an essential
        criterion partly met, then pending at error/warning (or essential), else recommended."""
        results = [make_result(f"XX-{i:02d}", outcome, severity=severity, essential=essential)
                   for i, (outcome, severity, essential) in enumerate(rows, start=1)]
        assert scoring.severity_verdict(results) == expected

    @pytest.mark.parametrize(("credit", "met_at", "expected"), [
        (0.92, 0.85, ("revise", "essential LO-03 (credit 92%) is partly met (at or above essential_met_at = 85%)")),
        (0.85, 0.85, ("revise", "essential LO-03 (credit 85%) is partly met (at or above essential_met_at = 85%)")),
        (0.84, 0.85, ("not-recommended",
                      "essential LO-03 (credit 84%) is substantially unmet (below essential_met_at = 85%)")),
        (0.92, 0.95, ("not-recommended",
                      "essential LO-03 (credit 92%) is substantially unmet (below essential_met_at = 95%)")),
    ], ids=["partly-met", "at-the-line", "just-below", "stricter-rubric"])
    def test_an_essential_criterion_partly_met_is_a_revise(self, credit, met_at, expected):
        """An essential warning-level criterion that fails with most of its credit asks for revision, naming its
        credit and the rubric's line; a harm at error severity still decides alone."""
        results = [make_result("LO-03", "fail", essential=True, score=credit), make_result("DV-03", "pass")]
        assert scoring.severity_verdict(results, essential_met_at=met_at) == expected
        harm = [*results, make_result("TI-07", "fail", severity="error", essential=True)]
        assert scoring.severity_verdict(harm, essential_met_at=met_at)[0] == "not-recommended"
        assert scoring.severity_verdict(harm, essential_met_at=met_at)[1].startswith("TI-07 failed at error severity")

    def test_partly_met_and_warnings_are_named_together(self):
        """A revise names the warning-level failures and the partly met essential criteria, each with its numbers."""
        results = [make_result("DV-03", "fail"), make_result("LO-03", "fail", essential=True, score=0.9),
                   make_result("CV-01", "fail", essential=True, score=1.0)]
        assert scoring.severity_verdict(results) == (
            "revise", "DV-03 failed at warning severity; essential LO-03 (credit 90%) and CV-01 (credit 100%) are "
                      "partly met (at or above essential_met_at = 85%)")

    def test_long_lists_are_cut_after_eight(self):
        """A reason naming more than eight criteria names eight and counts the rest."""
        results = [make_result(f"XX-{i:02d}", "fail", severity="error") for i in range(1, 12)]
        assert scoring.severity_verdict(results) == (
            "not-recommended", "XX-01, XX-02, XX-03, XX-04, XX-05, XX-06, XX-07, XX-08 and 3 more failed at error "
                               "severity")


class TestThresholdVerdict:
    @pytest.mark.parametrize(("rows", "threshold", "expected"), [
        ([("pass", False), ("fail", False)], 50,
         ("meets", "score 50 is at or above the threshold 50 and every essential criterion is met")),
        ([("pass", False), ("fail", False)], 50.5, ("does-not-meet", "score 50 is below the threshold 50.5")),
        ([("pass", False), ("fail", True)], 0,
         ("does-not-meet", "essential XX-02 (credit 0%) is not met (below essential_met_at = 85%)")),
        ([("fail", True), ("needs-review", True)], 0,
         ("does-not-meet", "essential XX-01 (credit 0%) is not met (below essential_met_at = 85%)")),
        ([("pass", False), ("needs-review", True), ("error", True)], 0,
         ("incomplete", "essential XX-02, XX-03 await a reviewer or could not be checked")),
        ([("pass", True), ("needs-review", False), ("error", False)], 100,
         ("meets", "score 100 is at or above the threshold 100 and every essential criterion is met")),
        ([("not-applicable", True)], 70, ("does-not-meet", "score 0 is below the threshold 70")),
        ([], 0, ("meets", "score 0 is at or above the threshold 0 and every essential criterion is met")),
    ], ids=["at-threshold", "below", "essential-fail", "fail-before-pending", "incomplete", "non-essential-pending",
            "no-conclusive", "empty-zero-threshold"])
    def test_table(self, rows, threshold, expected):
        """Essential fails first, then essential pending, then the score against the threshold."""
        results = [make_result(f"XX-{i:02d}", outcome, weight=1, essential=essential)
                   for i, (outcome, essential) in enumerate(rows, start=1)]
        score = scoring.compute_score(results)
        assert scoring.threshold_verdict(results, score, threshold) == expected

    def test_an_essential_criterion_met_at_its_level_does_not_gate(self):
        """An essential criterion failed with credit at or above essential_met_at counts as met."""
        results = [make_result("XX-01", "fail", weight=1, essential=True, score=0.9), make_result("XX-02", "pass")]
        assert scoring.threshold_verdict(results, scoring.compute_score(results), 80)[0] == "meets"
        assert scoring.threshold_verdict(results, scoring.compute_score(results), 80, essential_met_at=0.95) == (
            "does-not-meet", "essential XX-01 (credit 90%) is not met (below essential_met_at = 95%)")


class TestExitCode:
    @pytest.mark.parametrize(("verdict", "complete", "value", "options", "expected"), [
        ("recommended", True, 80.0, {}, 0),
        ("meets", True, 80.0, {}, 0),
        ("pending-review", True, 80.0, {}, 0),
        ("incomplete", False, 80.0, {}, 0),
        ("revise", True, 80.0, {}, 1),
        ("not-recommended", True, 80.0, {}, 1),
        ("does-not-meet", True, 80.0, {}, 1),
        ("pending-review", True, 80.0, {"require_complete": True}, 1),
        ("incomplete", False, 80.0, {"require_complete": True}, 1),
        ("recommended", False, 80.0, {"require_complete": True}, 1),
        ("recommended", True, 80.0, {"require_complete": True}, 0),
        ("recommended", True, 80.0, {"require_complete": True, "pending": "info"}, 1),
        ("recommended", True, 80.0, {"fail_under": 80.0}, 0),
        ("recommended", True, 80.0, {"fail_under": 80.01}, 1),
        ("pending-review", True, 40.0, {"fail_under": 50}, 1),
        ("recommended", True, None, {"fail_under": 0}, 1),
        ("not-recommended", True, 100.0, {"fail_under": 0}, 1),
    ])
    def test_table(self, verdict, complete, value, options, expected):
        """0 for passing verdicts (pending ones unless complete runs are required), 1 otherwise or below --fail-under.

        With --require-complete, any criterion still awaiting review (even at info level) means exit 1.
        """
        options = dict(options)
        report = make_report(verdict, complete=complete, value=value)
        pending = options.pop("pending", None)
        if pending:
            report = report.with_results([make_result("XX-01", "needs-review", severity=pending)])
        assert scoring.exit_code(report, **options) == expected


# -- rubric resolution ---------------------------------------------------------------------------

RULE_SPECS = [("XX-01", "error", "pass"), ("XX-02", "warning", "pass"), ("XX-03", "info", "pass"),
              ("XX-04", "warning", "pass"), ("XX-11", "error", "pass")]
BASE = rubric("base", {"XX-01": {"weight": 5}, "XX-02": {"essential": True, "parameters": {"p": 1}}, "XX-03": None},
              verdict={"rule": "threshold", "threshold": 60}, parameters={"a": 1, "b": 2}, title="Base")
CHILD = rubric("child", {"XX-02": {"weight": 4}, "XX-04": {"severity": "error"}}, extends="base", remove=["XX-03"],
               parameters={"b": 3}, version="2")
GRANDCHILD = rubric("grandchild", {"XX-01": {"essential": True}}, extends="child", verdict={"rule": "severity"})


def rubric_engine(*rubrics: dict) -> vetkit.Engine:
    """An engine with the rules XX-01..XX-04 and XX-11 and the given rubrics."""
    return engine_with(RulesPlugin("scripted", RULE_SPECS, rubrics=rubrics))


class TestRubricResolution:
    def test_extends_merges_criteria_parameters_and_verdict(self):
        """A child inherits criteria (settings merged key by key), parameters and the verdict rule; ``remove`` drops."""
        child = rubric_engine(BASE, CHILD).rubric("child")
        assert (child.id, child.version, child.extends) == ("child", "2", "base")
        assert child.criteria == (Criterion("XX-01", weight=5), Criterion("XX-02", 4, True, None, {"p": 1}),
                                  Criterion("XX-04", severity="error"))
        assert dict(child.parameters) == {"a": 1, "b": 3}
        assert (child.verdict_rule, child.threshold) == ("threshold", 60)

    def test_chain_of_three(self):
        """A grandchild resolves the whole chain; its own verdict rule replaces the inherited one."""
        grandchild = rubric_engine(BASE, CHILD, GRANDCHILD).rubric("grandchild")
        assert [c.id for c in grandchild.criteria] == ["XX-01", "XX-02", "XX-04"]
        assert grandchild.criterion("XX-01") == Criterion("XX-01", weight=5, essential=True)
        assert (grandchild.verdict_rule, grandchild.threshold) == ("severity", None)
        assert dict(grandchild.parameters) == {"a": 1, "b": 3}

    def test_resolved_rubric_drives_the_scores(self):
        """Weights, essentials and severities of the resolved rubric reach the results."""
        report = rubric_engine(BASE, CHILD).score(minimal_course(), rubric="child", as_of=AS_OF)
        assert_valid_report(report)
        assert [(r.rule_id, r.weight, r.essential, r.severity) for r in report.results] == [
            ("XX-01", 5.0, False, "error"), ("XX-02", 4.0, True, "warning"), ("XX-04", 3.0, False, "error")]
        assert report.result("XX-02").parameters == {}
        assert (report.verdict, report.rubric["verdictRule"], report.rubric["threshold"]) == ("meets", "threshold", 60)

    def test_rubric_file_may_extend_a_registered_rubric(self, tmp_path):
        """A rubric YAML file given by path extends a rubric a plugin registered."""
        path = write_rubric(tmp_path, rubric("local", {"XX-11": {"weight": 1}}, extends="base"))
        local = rubric_engine(BASE).rubric(path)
        assert [c.id for c in local.criteria] == ["XX-01", "XX-02", "XX-03", "XX-11"]
        assert local.origin == str(path)

    def test_cycle_is_an_error_naming_the_cycle(self):
        """Rubrics extending each other raise a RubricError that spells out the cycle."""
        sources = {"a": ({"id": "a", "version": "1", "title": "A", "extends": "b"}, "a.yaml"),
                   "b": ({"id": "b", "version": "1", "title": "B", "extends": "c"}, "b.yaml"),
                   "c": ({"id": "c", "version": "1", "title": "C", "extends": "a"}, "c.yaml")}
        with pytest.raises(vetkit.RubricError) as caught:
            resolve("a", sources)
        assert str(caught.value) == "rubric a: `extends` forms a cycle: a -> b -> c -> a (at /extends)"
        assert caught.value.format() == ("c.yaml: error: `extends` forms a cycle: a -> b -> c -> a (at /extends). "
                                         "Remove `extends` from one of these rubrics")

    def test_self_cycle_through_the_engine(self):
        """A rubric extending itself is a cycle too, also when registered by a plugin."""
        with pytest.raises(vetkit.RubricError, match="`extends` forms a cycle"):
            rubric_engine(rubric("loop", ["XX-01"], extends="loop")).rubric("loop")

    def test_unknown_parent(self):
        """Extending a rubric nobody registered names the parent, the child, the pointer and the known rubrics."""
        sources = {"child": ({"id": "child", "version": "1", "title": "C", "extends": "nope"}, "child.yaml"),
                   "base": ({"id": "base", "version": "1", "title": "B"}, "base.yaml")}
        with pytest.raises(vetkit.RubricError) as caught:
            resolve("child", sources)
        assert str(caught.value) == "unknown rubric `nope` (extended by `child`) (at /extends)"
        assert caught.value.format() == ("child.yaml: error: unknown rubric `nope` (extended by `child`) "
                                         "(at /extends). Known rubrics: base, child")

    def test_unknown_rubric_id(self):
        """Asking for a rubric nobody registered lists the known ones."""
        with pytest.raises(vetkit.RubricError) as caught:
            rubric_engine(BASE).rubric("nope")
        assert caught.value.format() == "error: unknown rubric `nope`. Known rubrics: base, course-design, " \
                                        "ht-training"

    def test_unknown_rule_id_with_did_you_mean(self):
        """A criterion no plugin provides is a RubricError with its pointer and the closest rule id."""
        with pytest.raises(vetkit.RubricError) as caught:
            rubric_engine(rubric("typo", ["XX-01", "XX-10"])).rubric("typo")
        assert str(caught.value) == ("rubric typo: unknown rule ids: rubric `typo` names rule `XX-10`, which no "
                                      "installed plugin provides (at /criteria/XX-10)")
        [problem] = caught.value.problems
        assert (problem.pointer, problem.hint) == ("/criteria/XX-10", "did you mean `XX-01`?")
        assert problem.message == "rubric `typo` names rule `XX-10`, which no installed plugin provides"

    def test_bad_weights_are_rejected_by_the_schema_with_pointer_and_position(self, tmp_path):
        """Weights outside 0..100 or not numbers are schema errors at the weight's pointer, line and column."""
        path = tmp_path / "bad.yaml"
        path.write_text("id: bad\nversion: '1'\ntitle: Bad\ncriteria:\n  XX-01: {weight: 150}\n"
                        "  XX-02:\n    weight: heavy\n  XX-03: {weight: -1}\n", encoding="utf-8")
        with pytest.raises(vetkit.RubricError) as caught:
            rubric_engine().rubric(path)
        head, _, first = str(caught.value).partition(": invalid rubric: ")
        assert head == str(path)
        assert sorted(first.split("; ")) == [
            '-1 is below the minimum of 0 (at /criteria/XX-03/weight)',
            '150 is above the maximum of 100 (at /criteria/XX-01/weight)',
            'expected a number, got a string ("heavy") (at /criteria/XX-02/weight)']
        assert sorted((p.pointer, p.line, p.column, p.message) for p in caught.value.problems) == [
            ("/criteria/XX-01/weight", 5, 11, "150 is above the maximum of 100"),
            ("/criteria/XX-02/weight", 7, 5, 'expected a number, got a string ("heavy")'),
            ("/criteria/XX-03/weight", 8, 11, "-1 is below the minimum of 0"),
        ]

    def test_bad_weight_in_a_registered_mapping(self):
        """A registered rubric mapping with a bad weight is rejected with the pointer too."""
        with pytest.raises(vetkit.RubricError) as caught:
            rubric_engine(rubric("bad", {"XX-01": {"weight": 101}})).rubric("bad")
        assert [(p.pointer, p.message) for p in caught.value.problems] == [
            ("/criteria/XX-01/weight", "101 is above the maximum of 100")]

    def test_threshold_rule_needs_a_threshold(self):
        """A threshold verdict without a threshold is a schema error."""
        with pytest.raises(vetkit.RubricError) as caught:
            rubric_engine(rubric("t", ["XX-01"], verdict={"rule": "threshold"})).rubric("t")
        assert [p.pointer for p in caught.value.problems] == ["/verdict"]
        assert "threshold" in caught.value.problems[0].message


# -- properties ----------------------------------------------------------------------------------

WEIGHTS = st.one_of(st.integers(0, 100).map(float), st.floats(0, 100, allow_nan=False, allow_infinity=False))
FULL_OR_PARTIAL = st.one_of(st.just(1.0), st.just(0.0), st.floats(0, 1, allow_nan=False))


@st.composite
def rule_result(draw, rule_id: str, outcomes=OUTCOMES):
    """One RuleResult as the engine could produce it (partial credit on pass and fail)."""
    outcome = draw(st.sampled_from(outcomes))
    score = draw(FULL_OR_PARTIAL) if outcome in ("pass", "fail") else None
    return make_result(rule_id, outcome, severity=draw(st.sampled_from(SEVERITIES)), weight=draw(WEIGHTS),
                       essential=draw(st.booleans()), score=score)


@st.composite
def rule_results(draw, max_size: int = 12):
    """A list of results with distinct ids."""
    count = draw(st.integers(0, max_size))
    return [draw(rule_result(f"XX-{i:02d}")) for i in range(1, count + 1)]


REVIEW = Review("review.yaml", {"id": "HT-101", "version": "1.0", "sha256": "a" * 64},
                {"name": "Dana Reviewer", "role": "victim advocate"}, AS_OF, {})
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestScoreProperties:
    @PROPERTY_SETTINGS
    @given(rule_results())
    def test_score_is_within_bounds(self, results):
        """The score lies in [0, 100], between the range's ends, coverage in [0, 1]; the report validates."""
        score = scoring.compute_score(results)
        assert 0.0 <= score.minimum <= score.maximum <= 100.0
        if score.value is not None:
            assert score.minimum <= score.value <= score.maximum
        assert 0.0 <= score.coverage <= 1.0
        assert score.applicable_weight == pytest.approx(score.conclusive_weight + score.pending_weight, abs=1e-3)
        assert_valid_report(report_of(results))

    @PROPERTY_SETTINGS
    @given(rule_results(), st.data())
    def test_answering_pending_reviews_stays_inside_the_announced_range(self, results, data):
        """Answering any pending criteria moves the score inside the range announced before, which narrows."""
        assume(any(r.outcome in scoring.PENDING for r in results))
        before = scoring.compute_score(results)
        answered = []
        for result in results:
            verdict = data.draw(st.sampled_from([None, "met", "not-met", "not-applicable"]))
            if result.outcome in scoring.PENDING and verdict is not None:
                result = _answered(result, [(REVIEW, Answer(verdict, "checked"))])
                assert result.answered_by == "review"
            answered.append(result)
        after = scoring.compute_score(answered)
        if after.value is not None:
            assert before.minimum <= after.value <= before.maximum
        assert before.minimum <= after.minimum <= after.maximum <= before.maximum
        assert_valid_report(report_of(answered))

    @PROPERTY_SETTINGS
    @given(rule_results(), st.sampled_from(SEVERITIES), WEIGHTS, st.integers(0, 12), st.floats(0, 100))
    def test_adding_a_passing_non_essential_rule_never_lowers_a_passing_verdict(self, results, severity, weight,
                                                                                position, threshold):
        """A new criterion that passes in full leaves the severity verdict as it was and keeps ``meets``."""
        extra = make_result("XX-99", "pass", severity=severity, weight=weight)
        more = results[:position] + [extra] + results[position:]
        assert scoring.severity_verdict(more)[0] == scoring.severity_verdict(results)[0]
        before = scoring.threshold_verdict(results, scoring.compute_score(results), threshold)[0]
        after = scoring.threshold_verdict(more, scoring.compute_score(more), threshold)[0]
        if before == "meets":
            assert after == "meets"
        if before == "incomplete":
            assert after == "incomplete"

    @PROPERTY_SETTINGS
    @given(rule_results(), st.floats(0, 100), st.randoms(use_true_random=False))
    def test_deterministic_and_order_free(self, results, threshold, rnd: random.Random):
        """The same results give the same score and verdicts; reordering them changes no verdict."""
        assert scoring.compute_score(results) == scoring.compute_score(list(results))
        assert report_of(results).to_json() == report_of(list(results)).to_json()
        shuffled = list(results)
        rnd.shuffle(shuffled)
        assert scoring.severity_verdict(shuffled)[0] == scoring.severity_verdict(results)[0]
        assert (scoring.threshold_verdict(shuffled, scoring.compute_score(results), threshold)[0]
                == scoring.threshold_verdict(results, scoring.compute_score(results), threshold)[0])
        value, shuffled_value = scoring.compute_score(results).value, scoring.compute_score(shuffled).value
        assert (value is None) == (shuffled_value is None)
        if value is not None:
            assert shuffled_value == pytest.approx(value, abs=0.011)


BEHAVIOURS = st.sampled_from(["pass", "fail", "needs-review", "not-applicable", ("fail", 0.5), ("pass", 0.25),
                              RuntimeError("boom"), None])


@st.composite
def scripted_rubrics(draw):
    """Rule specs and rubric criteria for the engine (weights, essentials, severities varied)."""
    count = draw(st.integers(1, 8))
    specs, criteria = [], {}
    for i in range(1, count + 1):
        rule_id = f"XX-{i:02d}"
        specs.append((rule_id, draw(st.sampled_from(SEVERITIES)), draw(BEHAVIOURS)))
        settings_ = {}
        if draw(st.booleans()):
            settings_["weight"] = draw(st.integers(0, 100))
        if draw(st.booleans()):
            settings_["essential"] = True
        criteria[rule_id] = settings_
    verdict = draw(st.sampled_from([None, {"rule": "threshold", "threshold": 50}]))
    return specs, criteria, verdict


class TestEngineProperties:
    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(scripted_rubrics())
    def test_engine_is_deterministic_and_its_reports_validate(self, case):
        """Two engines scoring the same course give byte-identical valid JSON with outcomes as scripted."""
        specs, criteria, verdict = case
        first = score_with(specs, criteria, verdict=verdict)
        second = score_with(specs, criteria, verdict=verdict)
        assert json.dumps(first.to_json()) == json.dumps(second.to_json())
        data = assert_valid_report(first)
        expected = {None: "needs-review"}
        for spec, result in zip(specs, data["results"]):
            behaviour = spec[2]
            outcome = behaviour[0] if isinstance(behaviour, tuple) else (
                "error" if isinstance(behaviour, Exception) else expected.get(behaviour, behaviour))
            assert (result["ruleId"], result["outcome"]) == (spec[0], outcome)
        value = first.score.value
        assert value is None or 0 <= value <= 100
        assert first.complete == (not any(r.essential and r.outcome == "error" for r in first.results))
