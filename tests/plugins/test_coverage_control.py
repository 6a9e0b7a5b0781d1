"""Tests of CV-05 (means of control) in the coverage plugin: the `control-methods` tag and P-CTRL coverage."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import pytest

import vetkit
from vetkit.testing import run_rule
from vetkit.examples import example_course

AS_OF = dt.date(2026, 11, 25)
RULE = next(rule for rule in vetkit.load_rules(files("vetkit_coverage") / "rules", plugin="coverage")
            if rule.id == "CV-05")
DOCS = Path(__file__).parents[2] / "docs" / "examples"

#: One sentence per means of control (P-CTRL group), in the order of the phrase set.
MEANS = {
    "psychological": "The trafficker used psychological manipulation.",
    "fraud": "Recruiters made false promises about the job.",
    "debt": "Workers owed a debt that kept growing.",
    "documents": "The employer confiscated passports.",
    "legal-process": "He made threats of deportation.",
    "isolation": "Victims were kept in isolation.",
    "substances": "The trafficker supplied drugs to create dependency.",
}


def course(text: str, tagged: bool, **extra) -> vetkit.Course:
    topics = ["labor-trafficking", "sex-trafficking"] + (["control-methods"] if tagged else [])
    return vetkit.load_course(example_course({"modules": [
        {"id": "M1", "title": "Control", "minutes": 60, "objectiveIds": ["O1"], "topics": topics, "text": text}],
        **extra}))


def run(target: vetkit.Course, **params):
    return run_rule(RULE.id, target, params=params, as_of=AS_OF)


class TestCV05:
    def test_rule_metadata(self):
        """CV-05 is a lexical warning with the §3 threshold of 4 means."""
        assert (RULE.severity, RULE.method, RULE.parameters["control.min_means"]) == ("warning", ("lexical",), 4)
        assert {"pass", "fail"} <= {example.expect for example in RULE.examples}

    @pytest.mark.parametrize("example", RULE.examples, ids=lambda e: e.name)
    def test_example(self, example):
        """The example course gets the expected outcome and findings at the expected pointers."""
        result = run_rule(RULE.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
        assert result.outcome == example.expect, result
        assert set(example.pointers) <= {f.pointer for f in result.findings}

    @pytest.mark.parametrize("group", list(MEANS))
    def test_each_means_is_recognized(self, group):
        """Each sample sentence counts for exactly its own means of control."""
        result = run(course(MEANS[group], tagged=True), **{"control.min_means": 1})
        assert result.outcome == "pass"
        assert "found: " in result.reason and "missing: " in result.reason
        assert len([f for f in result.findings if f.effect == "note"]) == 1

    @pytest.mark.parametrize(("count", "tagged", "outcome", "pointers", "notes"), [
        (4, True, "pass", [], []),
        (4, False, "pass", [], ["/modules/0/text"]),
        (3, True, "needs-review", ["/modules/0/text"], []),
        (3, False, "needs-review", ["/modules/0/text"], ["/modules/0/text"]),
        (0, False, "fail", ["/modules"], []),
        (0, True, "fail", ["/modules"], ["/modules/0/topics/2"]),
    ], ids=["enough-tagged", "enough-untagged", "short-tagged", "short-untagged", "none", "false-tag"])
    def test_threshold_and_teaching(self, count, tagged, outcome, pointers, notes):
        """Coverage at control.min_means passes; short coverage in a module that teaches control (tagged or not)
        needs review; no means and no teaching fails. A missing tag is suggested, a tag with nothing behind it is
        noted."""
        text = " ".join(list(MEANS.values())[:count]) or "The shift starts at six and the crew is paid weekly."
        result = run(course(text, tagged))
        assert result.outcome == outcome
        assert [f.pointer for f in result.findings if f.effect != "note"] == pointers
        assert [f.pointer for f in result.findings
                if f.effect == "note" and not f.message.startswith("Means of control found: ")] == notes

    def test_partial_credit_and_missing_means_are_named(self):
        """A failing course gets found/minimum as its score, and the finding names every missing means."""
        glossary = [{"term": "Debt bondage", "definition": "Workers owed a debt that kept growing."},
                    {"term": "Document servitude", "definition": "The employer confiscated passports."}]
        result = run(course("Victims are locked in rooms.", tagged=False, glossary=glossary))
        assert result.outcome == "fail" and result.score == pytest.approx(2 / 4)
        message = next(f.message for f in result.findings if f.effect == "fail")
        assert "isolation" in message and "drugs or substance dependency" in message

    def test_threshold_comes_from_the_parameter(self):
        """A rubric may ask for all seven means."""
        target = course(" ".join(list(MEANS.values())[:5]), tagged=True)
        assert run(target).outcome == "pass"
        assert run(target, **{"control.min_means": 7}).outcome == "needs-review"

    def test_reference_titles_do_not_count(self):
        """A statute title naming fraud and coercion is not teaching about control."""
        target = course("Victims are locked in rooms.", tagged=False, references=[
            {"id": "R1", "title": "Fraud, debt bondage and isolation in forced labor", "type": "research"}])
        assert run(target).score == 0.0

    @pytest.mark.parametrize(("name", "outcome"), [("dispatcher-call-taking", "fail"),
                                                   ("roll-call-awareness", "pass"),
                                                   ("task-force-investigations", "pass")])
    def test_documented_courses(self, name, outcome):
        """The dispatcher course names no means of control; the other two name all seven."""
        assert run(vetkit.load_course(DOCS / f"{name}.json")).outcome == outcome


#: Paraphrases of each means of control found in the adversarial review (P-CTRL data).
PARAPHRASES = [
    ("They played on her shame and made her believe no one else would care for her.", "psychological"),
    ("He lied to them about the job and the pay.", "fraud"),
    ("Recruiters promised high wages and legal status.", "fraud"),
    ("The workers owed the crew boss for rent and transport.", "debt"),
    ("The employer seized their green cards and birth certificates.", "documents"),
    ("The crew boss kept everyone's passports in a safe.", "documents"),
    ("The boss threatened to have her deported if she complained.", "legal-process"),
    ("He said he would call immigration on them.", "legal-process"),
    ("Workers were cut off from their families.", "isolation"),
    ("He got her hooked on heroin and then rationed it.", "substances"),
]


class TestCV05Paraphrases:
    @pytest.mark.parametrize(("text", "group"), PARAPHRASES)
    def test_paraphrase_counts_for_its_means(self, text, group):
        result = run(course(text, tagged=True), **{"control.min_means": 1})
        notes = [f.message for f in result.findings if f.effect == "note"]
        assert result.outcome == "pass" and len(notes) == 1, notes
        assert notes[0].startswith("Means of control found: ")

    def test_paraphrased_course_reaches_the_threshold(self):
        """A course that never uses the guideline's words but describes four means passes."""
        text = " ".join(t for t, _ in PARAPHRASES[:1] + PARAPHRASES[2:3] + PARAPHRASES[6:7] + PARAPHRASES[8:9])
        result = run(course(text, tagged=True))
        assert result.outcome == "pass", result.reason
        assert [f.pointer for f in result.findings if f.effect != "note"] == []

    def test_debt_owed_nothing_is_not_debt(self):
        """No debt is no means of control, and the `control-methods` tag on that text backs nothing."""
        result = run(course("The workers owe him nothing; wages were paid.", tagged=True), **{"control.min_means": 1})
        assert (result.outcome, result.score) == ("fail", 0.0)
        assert [f.pointer for f in result.findings] == ["/modules", "/modules/0/topics/2"]
