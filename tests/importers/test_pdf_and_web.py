"""PDF handouts (headings from font size and weight) and web pages (HTML and Markdown, with line numbers)."""

from __future__ import annotations

import vetkit

from sources import OBJECTIVES


class TestPdf:
    def test_headings_by_size_and_weight(self, source):
        """The large title names the course; bold headings are modules; their paragraphs are joined lines."""
        data = vetkit.import_course([source("handout.pdf")]).data
        assert data["title"] == "Human Trafficking Handout"
        assert [(m["title"], m["x-source"]["at"]) for m in data["modules"]] == [
            ("Recognizing labor trafficking", "page 1, line 5"), ("Responding at first contact", "page 2, line 1")]
        assert data["modules"][0]["text"] == (
            "Labor trafficking is found in agriculture, construction, restaurants and domestic work. Workers may owe "
            "debts that never shrink and may not hold their own identity documents.")
        assert data["modules"][1]["x-source"]["spans"]["text"] == [
            {"start": 0, "end": len(data["modules"][1]["text"]), "at": "page 2, line 2"}]

    def test_numbered_objectives(self, source):
        """A numbered list under 'Learning objectives' gives the objectives, each with its page and line."""
        data = vetkit.import_course([source("handout.pdf")]).data
        assert [(o["text"], o["x-source"]["at"]) for o in data["objectives"]] == [
            (OBJECTIVES[0], "page 1, line 3"), (OBJECTIVES[1], "page 1, line 4")]


class TestMarkdown:
    def test_web_course_page(self, source):
        """Headings, a bullet list of objectives, a table, an image and a quiz, each with its line."""
        draft = vetkit.import_course([source("dispatch.md")])
        data = draft.data
        assert data["title"] == "Trafficking awareness for dispatchers"
        assert [(o["text"], o["x-source"]) for o in data["objectives"]] == [
            ("Identify questions that reveal a caller may be controlled by someone else.",
             {"file": "dispatch.md", "at": "line 5", "line": 5}),
            ("Route a possible trafficking call to the right responder.",
             {"file": "dispatch.md", "at": "line 6", "line": 6})]
        module = data["modules"][0]
        assert (module["title"], module["minutes"]) == ("Taking the call", 20)
        assert module["text"] == ("Callers may not say the word trafficking. Listen for someone who cannot leave work."
                                  "\nCue | What to ask\nCaller is not alone | Are you safe to talk?")
        assert data["delivery"]["totalMinutes"] == 20
        image = data["materials"][0]
        assert (image["type"], image["altText"], image["x-source"]["line"]) == ("image", "A dispatcher at a console", 16)
        item = data["assessments"][0]["items"][0]
        assert item["prompt"] == "What should a call-taker ask first?"
        assert [(c["text"], c["correct"]) for c in item["choices"]] == [
            ("The caller's immigration status", False), ("Whether the caller is safe to talk", True)]
        assert item["x-source"] == {"file": "dispatch.md", "at": "line 20", "line": 20}


class TestHtml:
    def test_page(self, source):
        """Navigation and scripts are left out; loose text in a div is kept; a phone line is a resource."""
        data = vetkit.import_course([source("interpreters.html")]).data
        assert data["title"] == "Working with interpreters"
        assert [o["text"] for o in data["objectives"]] == ["Arrange a qualified interpreter before an interview begins."]
        module = data["modules"][0]
        assert module["title"] == "Why it matters"
        assert module["text"] == ("A companion who offers to interpret may be the person who controls the victim.\n\n"
                                  "Use a telephone interpreter line when no one is on site.")
        assert module["x-source"] == {"file": "interpreters.html", "at": "line 8", "line": 8, "spans": {"text": [
            {"start": 0, "end": 78, "at": "line 9", "line": 9}, {"start": 80, "end": 136, "at": "line 10", "line": 10}]}}
        assert [(r["name"], r["phone"], r["type"]) for r in data["resources"]] == [
            ("National Human Trafficking Hotline", "1-888-373-7888", "hotline")]
        assert data["materials"][0]["altText"] == "An officer on a phone call with an interpreter"
        assert "never read" not in str(data)
