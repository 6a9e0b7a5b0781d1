"""Tests of LO-05 (accurate, non-stigmatizing assessment items) in the learning plugin."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import pytest

import vetkit
from vetkit.testing import run_rule
from vetkit.examples import example_course

AS_OF = dt.date(2026, 11, 25)
RULE = next(rule for rule in vetkit.load_rules(files("vetkit_learning") / "rules", plugin="learning")
            if rule.id == "LO-05")
DOCS = Path(__file__).parents[2] / "docs" / "examples"


def item(prompt: str, type_: str = "choice", identifier: str = "Q1", **extra) -> dict:
    return {"id": identifier, "type": type_, "prompt": prompt, "objectiveIds": ["O1"], **extra}


def course(*items, **extra) -> vetkit.Course:
    assessments = [{"id": "A1", "title": "Check", "type": "knowledge-check", "purpose": "formative",
                    "objectiveIds": ["O1"], "items": list(items)}] if items else []
    return vetkit.load_course(example_course({"assessments": assessments, **extra}))


def run(target: vetkit.Course):
    return run_rule(RULE.id, target, as_of=AS_OF)


def found(result, effect: str) -> list[tuple[str, str | None]]:
    return [(f.pointer, f.term) for f in result.findings if f.effect == effect]


def choices(correct: str, wrong: str, **feedback) -> list[dict]:
    return [{"id": "A", "text": correct, "correct": True}, {"id": "B", "text": wrong, "correct": False, **feedback}]


class TestLO05:
    def test_rule_metadata(self):
        """LO-05 is a lexical error rule with a pass and a fail example."""
        assert (RULE.severity, RULE.method) == ("error", ("lexical",))
        assert {"pass", "fail"} <= {example.expect for example in RULE.examples}

    @pytest.mark.parametrize("example", RULE.examples, ids=lambda e: e.name)
    def test_example(self, example):
        """The example course gets the expected outcome and findings at the expected pointers."""
        result = run_rule(RULE.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
        assert result.outcome == example.expect, result
        assert set(example.pointers) <= {f.pointer for f in result.findings}

    def test_no_items_passes(self):
        """Without items there is no answer key to check (LO-03 asks for items)."""
        assert run(course()).outcome == "pass"

    @pytest.mark.parametrize(("items", "outcome", "fails", "notes"), [
        ([item("Which is accurate?", choices=choices("Many victims never self-identify.",
                                                     "Victims will ask for help."))],
         "pass", [], [("/assessments/0/items/0/choices/1/text", "M09")]),
        ([item("Which is accurate?", choices=choices("Victims will ask for help.",
                                                     "Many victims never self-identify."))],
         "fail", [("/assessments/0/items/0/choices/0/text", "M09")], []),
        ([item("True or false: trafficking requires movement across a border.", "true-false", answer="False",
               rationale="No movement is needed.")],
         "pass", [], [("/assessments/0/items/0/prompt", "M01")]),
        ([item("True or false: trafficking requires movement across a border.", "true-false", answer="True")],
         "fail", [("/assessments/0/items/0/prompt", "M01")], []),
        ([item("Why are victims usually kidnapped by strangers?", "essay")],
         "fail", [("/assessments/0/items/0/prompt", "M03")], []),
        ([item("A worker says she was paid. What next?", "short-answer",
               answer="If she agreed and was paid, it is not trafficking, so close the call.")],
         "fail", [("/assessments/0/items/0/answer", "M10")] * 2, []),
    ], ids=["myth-as-distractor", "myth-keyed-correct", "true-false-keyed-false", "true-false-keyed-true",
            "myth-in-prompt", "myth-in-answer"])
    def test_myths_in_items(self, items, outcome, fails, notes):
        """The answer key decides: keyed-correct myths fail, distractors and false statements are notes."""
        result = run(course(*items))
        assert result.outcome == outcome
        assert found(result, "fail") == fails and found(result, "note") == notes

    def test_prompt_asking_for_the_myth_needs_a_reviewer(self):
        """When the prompt asks which statement is a myth, the keyed myth is for a person to check."""
        result = run(course(item("Which statement is a myth?", choices=choices(
            "Victims will ask for help.", "Many victims never self-identify."))))
        assert result.outcome == "needs-review"
        assert found(result, "needs-review") == [("/assessments/0/items/0/choices/0/text", "M09")]

    def test_distractor_feedback_is_part_of_the_correction(self):
        """Feedback on a wrong choice may restate the myth."""
        result = run(course(item("Which is accurate?", choices=choices(
            "Many victims never self-identify.", "They always ask.",
            feedback="Myth: victims will ask for help; most do not."))))
        assert result.outcome == "pass" and found(result, "note") == [("/assessments/0/items/0/choices/1/feedback",
                                                                        "M09")]

    @pytest.mark.parametrize(("prompt", "outcome", "effect"), [
        ("You meet a child prostitute at a truck stop. What first?", "fail", "fail"),
        ("A pimp is on scene. Who do you call?", "needs-review", "needs-review"),
        ("Why should officers never say \"child prostitute\"?", "pass", "note"),
    ], ids=["unambiguous-own-voice", "jargon", "negated"])
    def test_stigmatizing_terms(self, prompt, outcome, effect):
        """U rows fail in the item's own voice, jargon needs review, negated uses are notes."""
        result = run(course(item(prompt, "short-answer", answer="Call the advocate.")))
        assert result.outcome == outcome
        assert [f.effect for f in result.findings] == [effect]
        assert result.findings[0].suggestion.startswith("Use instead:")

    def test_body_text_is_not_scanned(self):
        """Myths in module text belong to AC-07, not to the answer key."""
        target = course(item("Which is accurate?", choices=choices("Many never self-identify.", "No one does.")),
                        modules=[{"id": "M1", "title": "M", "minutes": 30, "objectiveIds": ["O1"],
                                  "topics": ["labor-trafficking"], "text": "Victims will ask for help."}])
        result = run(target)
        assert result.outcome == "pass" and not result.findings

    def test_finding_names_row_context_and_fact(self):
        """A finding says which row matched, in which context, why, and gives the fact."""
        result = run(course(item("Which is accurate?", choices=choices("Victims will ask for help.", "Not all do."))))
        finding = next(f for f in result.findings if f.effect == "fail")
        assert finding.term == "M09" and "keyed correct: true" in finding.message
        assert finding.suggestion.startswith("Fact: ") and finding.severity == "error"
        assert (finding.start, finding.end) == (0, len("Victims will ask for help"))

    @pytest.mark.parametrize(("name", "outcome"), [("dispatcher-call-taking", "pass"),
                                                   ("roll-call-awareness", "pass"),
                                                   ("task-force-investigations", "pass")])
    def test_documented_courses(self, name, outcome):
        """The dispatcher course has no items; the other two key every myth as false."""
        assert run(vetkit.load_course(DOCS / f"{name}.json")).outcome == outcome


class TestLO05ReviewRegressions:
    """Paraphrased myths in the answer key and correct keys that read like myths (myths lexicon)."""

    @pytest.mark.parametrize(("correct", "wrong", "outcome", "fails"), [
        ("Victims are almost always moved from city to city.", "Movement is not required.", "fail",
         [("/assessments/0/items/0/choices/0/text", "M01")]),
        ("Trafficking is really about prostitution.", "It includes labor trafficking.", "fail",
         [("/assessments/0/items/0/choices/0/text", "M07")]),
        ("Smuggling involves crossing a border; trafficking does not require it.", "They are the same crime.",
         "pass", []),
        ("Labor trafficking is not rare.", "Labor trafficking is rare.", "pass", []),
    ])
    def test_keyed_choice(self, correct, wrong, outcome, fails):
        target = course(item("Which statement is accurate?", choices=choices(correct, wrong)))
        result = run(target)
        assert result.outcome == outcome, result.reason
        assert found(result, "fail") == fails
