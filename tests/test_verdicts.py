"""Calibrated verdicts end to end: an essential criterion partly met is a revise, one substantially unmet or a harm
is not recommended, and the reason says which criterion decided, by which rule and by how much."""

from __future__ import annotations

import datetime as dt

import vetkit
from vetkit.testing import make_course

AS_OF = dt.date(2026, 11, 25)
OBJECTIVES = [{"id": f"O{n}", "text": f"Identify the indicators of case type {n} in a field scenario."}
              for n in range(1, 6)]


def essay(number: int, *, answer: bool) -> dict:
    item = {"id": f"Q{number}", "type": "essay", "objectiveIds": [f"O{(number - 1) % 5 + 1}"],
            "prompt": f"Describe what you would ask the worker in case {number}, and why."}
    if answer:
        item["answer"] = "Ask who holds the worker's documents, whether the worker can leave, and about debts."
    return item


def course_with_items(items: list[dict]) -> dict:
    module = {"id": "M1", "title": "Indicators in the field", "minutes": 60, "objectiveIds": [o["id"] for o in OBJECTIVES],
              "topics": ["labor-trafficking", "sex-trafficking", "indicators"]}
    assessments = [{"id": "A1", "title": "Post-test", "type": "post-test", "purpose": "summative",
                    "objectiveIds": [o["id"] for o in OBJECTIVES], "items": items}] if items else []
    return make_course(objectives=OBJECTIVES, modules=[module], assessments=assessments,
                       evaluation={"levels": [{"level": 1, "instrument": "survey"}, {"level": 2, "instrument": "post-test"}]})


def verdict(course: dict, *criteria: str) -> tuple[str, str]:
    report = vetkit.Engine().score(course, rubric="ht-training", as_of=AS_OF, select=criteria)
    return report.verdict, report.verdict_reason


def test_answer_keys_missing_on_a_minority_of_items_is_a_revise():
    """Four of twenty open-response items without a model answer fail essential LO-03 but leave most of its
    credit: the course is sent back for revision, not rejected."""
    items = [essay(n, answer=n > 4) for n in range(1, 21)]
    report = vetkit.Engine().score(course_with_items(items), rubric="ht-training", as_of=AS_OF, select=["LO-03"])
    result = report.result("LO-03")
    assert (result.outcome, result.essential, result.severity) == ("fail", True, "warning")
    assert report.verdict == "revise"
    assert report.verdict_reason == (f"essential LO-03 (credit {result.score:.0%}) is partly met "
                                     "(at or above essential_met_at = 85%)")


def test_no_assessment_at_all_is_not_recommended():
    """Without any assessment LO-03 keeps only its evaluation unit (1 of 7): essential and substantially unmet."""
    assert verdict(course_with_items([]), "LO-03") == (
        "not-recommended", "essential LO-03 (credit 14%) is substantially unmet (below essential_met_at = 85%)")


def test_a_rubric_sets_its_own_level(tmp_path):
    """Three of five objectives assessed leave LO-03 5 of its 7 units (71 %): below the default 85 % it is
    substantially unmet; a rubric that sets essential_met_at to 0.7 counts it as partly met."""
    items = [essay(n, answer=True) for n in range(1, 4)]
    assert verdict(course_with_items(items), "LO-03") == (
        "not-recommended", "essential LO-03 (credit 71%) is substantially unmet (below essential_met_at = 85%)")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("id: lenient-ht\nversion: '1'\ntitle: Lenient\nextends: ht-training\n"
                       "verdict: {rule: severity, essential_met_at: 0.7}\n", encoding="utf-8")
    report = vetkit.Engine().score(course_with_items(items), rubric=lenient, as_of=AS_OF, select=["LO-03"])
    assert (report.verdict, report.verdict_reason) == (
        "revise", "essential LO-03 (credit 71%) is partly met (at or above essential_met_at = 70%)")
