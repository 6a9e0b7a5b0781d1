"""LMS exports: IMS Common Cartridge with a QTI 1.2 quiz and a web link; SCORM 1.2 and 2004 (QTI 2.1)."""

from __future__ import annotations

import vetkit


class TestCommonCartridge:
    def test_organization_to_modules(self, source):
        """The organization's modules in order, with their web pages as text, from the package's file."""
        data = vetkit.import_course([source("course.imscc")]).data
        assert data["title"] == "Trafficking basics for patrol"
        assert [(m["title"], m["outline"]) for m in data["modules"]] == [
            ("Module 1: Defining the crime", [{"title": "Defining the crime"}]),
            ("Module 2: Victim services", [{"title": "Working with victim services"}, {"title": "Knowledge check"},
                                           {"title": "Polaris: recognizing the signs"}])]
        assert data["modules"][0]["text"] == "Trafficking is compelled labor or commercial sex."
        assert data["modules"][0]["x-source"]["spans"]["text"] == [
            {"start": 0, "end": 49, "at": "module1/page.html, line 1"}]
        assert data["x-import"]["sources"][0]["format"] == "IMS Common Cartridge 1.3"

    def test_qti_quiz_with_keys(self, source):
        """QTI 1.2 items: the prompt without its HTML, choices, and the key from the scoring conditions."""
        test = vetkit.import_course([source("course.imscc")]).data["assessments"][0]
        assert (test["title"], test["moduleId"]) == ("Module 2 knowledge check", "M2")
        first, second = test["items"]
        assert first["prompt"] == "Which of these is an indicator of trafficking?"
        assert [(c["text"], c["correct"]) for c in first["choices"]] == [
            ("The worker cannot keep their own passport", True), ("The worker takes a lunch break", False)]
        assert second["type"] == "true-false"
        assert [(c["text"], c["correct"]) for c in second["choices"]] == [("True", False), ("False", True)]
        assert first["x-source"] == {"file": "course.imscc", "at": "module2/quiz/assessment.xml, item 1 “Indicator”"}

    def test_web_link_is_a_reference(self, source):
        """A web-link resource is a website reference."""
        references = vetkit.import_course([source("course.imscc")]).data["references"]
        assert [(r["title"], r["type"], r["url"]) for r in references] == [
            ("Polaris: recognizing the signs https://polarisproject.org/recognizing-the-signs/", "website",
             "https://polarisproject.org/recognizing-the-signs/")]


class TestScorm:
    def test_scorm_1_2(self, source):
        """Each item of the organization is a module with its SCO's page as text."""
        data = vetkit.import_course([source("scorm12.zip")]).data
        assert data["title"] == "Labor trafficking for patrol"
        assert [(m["title"], m["text"]) for m in data["modules"]] == [
            ("Defining the crime", "Trafficking is compelled labor or commercial sex."),
            ("Working with victim services", "Advocates help people regain safety; their help never depends on "
                                             "cooperating with police.")]
        assert data["x-import"]["sources"][0]["format"] == "SCORM 1.2"

    def test_scorm_2004_with_qti_2(self, source):
        """A QTI 2.1 item: its prompt, choices and the correct response as the key."""
        data = vetkit.import_course([source("scorm2004.zip")]).data
        assert data["x-import"]["sources"][0]["format"] == "SCORM 2004"
        item = data["assessments"][0]["items"][0]
        assert item["prompt"] == "Who should interpret during a victim interview?"
        assert [(c["text"], c["correct"]) for c in item["choices"]] == [
            ("The person's employer", False), ("A trained, neutral interpreter", True)]
        assert item["x-source"] == {"file": "scorm2004.zip", "at": "quiz/item.xml, item 1"}


class TestEachFormatScores:
    def test_every_draft_scores(self, source):
        """A deck, a plan, a PDF, a Markdown and an HTML page, a cartridge and SCORM packages each score, no error."""
        from vetkit.importers import score_draft

        engine = vetkit.Engine()
        for name in ("deck.pptx", "plan.docx", "handout.pdf", "dispatch.md", "interpreters.html", "course.imscc",
                     "scorm12.zip", "scorm2004.zip"):
            report = score_draft(vetkit.import_course([source(name)]), engine, as_of="2026-11-25")
            assert report.course["file"] == f"<imported from {name}>"
            assert [r.rule_id for r in report.results if r.outcome == "error"] == [], name
            assert report.verdict in ("not-recommended", "revise", "pending-review", "recommended"), name
