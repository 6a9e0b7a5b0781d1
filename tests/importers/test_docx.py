"""Lesson plans: headings to modules, objectives, activities with debriefs, knowledge checks, references."""

from __future__ import annotations

import pytest

import vetkit

from sources import OBJECTIVES


@pytest.fixture
def plan(source):
    return vetkit.import_course([source("plan.docx")]).data


class TestLessonPlan:
    def test_course_fields(self, plan):
        """Title, version and purpose come from the plan; its 'Target audience' section is noted, not guessed."""
        assert (plan["id"], plan["title"], plan["version"]) == ("plan", "Human Trafficking: First Contact", "2.1")
        assert plan["purpose"] == "Prepare patrol officers to recognize trafficking and respond to the person first."
        assert plan["x-source"] == {"file": "plan.docx", "at": "", "spans": {"purpose": [
            {"start": 0, "end": 81, "at": "“Purpose”, paragraph 1"}]}}
        assert plan["delivery"]["totalMinutes"] == 105

    def test_modules_with_minutes_text_and_outline(self, plan):
        """Top-level headings are modules; durations in them are minutes; sub-headings are the outline."""
        first, second = plan["modules"]
        assert (first["id"], first["title"], first["minutes"], first["objectiveIds"]) == (
            "M1", "Module 1: Indicators", 45, [])
        assert first["text"] == ("Trafficking is compelled labor or commercial sex through force, fraud or coercion."
                                 "\n\nLook for control of documents, debts that grow, and workers who cannot speak "
                                 "for themselves.")
        assert first["outline"] == [{"title": "Indicators in the field"}]
        assert first["x-source"]["spans"]["text"][1] == {"start": 84, "end": 176,
                                                         "at": "“Indicators in the field”, paragraph 1"}
        assert (second["title"], second["minutes"], second["objectiveIds"]) == ("Module 2: Referrals", 60, ["O3", "O4"])
        assert second["text"] == ("Victim services come first; a referral never depends on cooperating with an "
                                  "investigation.")

    def test_objectives(self, plan):
        """Course objectives from 'Learning objectives' (lead-in left out); enabling objectives belong to their module."""
        assert [(o["id"], o["text"], o.get("scope")) for o in plan["objectives"]] == [
            ("O1", OBJECTIVES[0], None), ("O2", OBJECTIVES[1], None),
            ("O3", "Call the hotline with the details a referral needs.", "module"),
            ("O4", "Connect a potential victim with a local advocate before any interview.", "module")]
        assert plan["objectives"][0]["x-source"] == {"file": "plan.docx", "at": "“Learning objectives”, paragraph 2"}

    def test_activity_with_debrief(self, plan):
        """'Activity 1: Role play ... (20 minutes)' is a role-play of 20 minutes with a 10-minute debrief."""
        activity = plan["activities"][0]
        assert {key: activity[key] for key in ("id", "title", "type", "minutes", "moduleId", "objectiveIds", "text")} == {
            "id": "A1", "title": "Activity 1: Role play - first contact", "type": "role-play", "minutes": 20,
            "moduleId": "M1", "objectiveIds": [],
            "text": "In pairs, one officer approaches a worker at a car wash; the other plays the worker."}
        assert activity["debrief"]["minutes"] == 10
        assert activity["debrief"]["facilitatorGuide"] == ("Ask what the officer did to separate the worker from the "
                                                           "supervisor.")

    def test_knowledge_check_with_keys(self, plan):
        """Numbered items with lettered choices; keys from a marked choice, an 'Answer:' letter or an answer text."""
        test = plan["assessments"][0]
        assert (test["title"], test["type"], test["purpose"], test["moduleId"]) == (
            "Knowledge check", "knowledge-check", "formative", "M1")
        first, second, third = test["items"]
        assert (first["type"], first["prompt"]) == ("choice", "Which of these is an indicator of labor trafficking?")
        assert [(c["id"], c["text"], c["correct"]) for c in first["choices"]] == [
            ("a", "A worker who owns a car", False), ("b", "An employer who keeps the workers' passports", True),
            ("c", "A worker on a lunch break", False)]
        assert second["type"] == "true-false"
        assert [(c["text"], c["correct"]) for c in second["choices"]] == [("True", False), ("False", True)]
        assert (third["type"], third["answer"]) == ("short-answer", "The National Human Trafficking Hotline")

    def test_references_and_resources(self, plan):
        """References are typed by their words; a line with a phone number is a resource."""
        assert [(r["title"], r["type"]) for r in plan["references"]] == [
            ("Trafficking Victims Protection Act, 22 U.S.C. § 7102.", "statute"),
            ("Polaris Project. On-Ramps, Intersections, and Exit Routes. Report, 2018.", "report")]
        assert plan["resources"] == [{
            "id": "R1", "name": "National Human Trafficking Hotline", "type": "hotline", "phone": "1-888-373-7888",
            "text": "National Human Trafficking Hotline: 1-888-373-7888",
            "x-source": {"file": "plan.docx", "at": "“References”, paragraph 2"}}]

    def test_front_matter_is_noted(self, source):
        """A section the importer does not turn into course data is named in the draft's notes."""
        draft = vetkit.import_course([source("plan.docx")])
        assert draft.notes == ("not imported: section “Target audience” (plan.docx, heading “Target audience”); "
                               "what it says about the audience belongs in audience.roles",)


class TestDeckAndPlan:
    def test_one_course_from_both(self, source):
        """A deck and its plan make one course: the plan's module and the deck's section of the same name merge."""
        draft = vetkit.import_course([source("deck.pptx"), source("plan.docx")])
        modules = draft.data["modules"]
        assert [(m["id"], m["title"]) for m in modules] == [
            ("M1", "Human Trafficking: First Contact"), ("M2", "Indicators"), ("M3", "Referrals")]
        assert modules[1]["minutes"] == 30 and modules[1]["text"].startswith("Trafficking is compelled labor")
        assert modules[1]["x-source"]["at"] == "slide 3"
        assert modules[1]["x-source"]["spans"]["text"][0] == {
            "start": 0, "end": 82, "at": "“Module 1: Indicators (45 minutes)”, paragraph 1", "file": "plan.docx"}
        assert modules[2]["minutes"] == 60 and modules[2]["objectiveIds"] == ["O5", "O6"]
        assert draft.data["activities"][0]["moduleId"] == "M2"
        assert draft.sources == ("deck.pptx", "plan.docx")
        assert [s["file"] for s in draft.data["x-import"]["sources"]] == ["deck.pptx", "plan.docx"]
