"""Provenance records (x-source) and placeholders (FILL IN) in course documents."""

from __future__ import annotations

import copy

import pytest

import vetkit
from vetkit.provenance import Origin, origin_at, record
from vetkit.report import Finding

from engine_helpers import MINIMAL_COURSE

SLIDE = {"id": "S7", "title": "Who we meet", "type": "slides", "moduleId": "M1",
         "text": "Who we meet\n\nSpeaker notes follow.",
         "x-source": record(Origin("deck.pptx", "slide 7"),
                            {"text": [(0, 11, Origin("deck.pptx", "slide 7")),
                                      (13, 34, Origin("deck.pptx", "slide 7 (notes)"))]})}


def course_with(*materials) -> dict:
    course = copy.deepcopy(MINIMAL_COURSE)
    course["materials"] = [copy.deepcopy(material) for material in materials]
    return course


class TestOriginAt:
    def test_offset_picks_the_span(self):
        """An offset inside the notes' span resolves to the notes; one before it to the slide body."""
        data = course_with(SLIDE)
        assert origin_at(data, "/materials/0/text", 20) == Origin("deck.pptx", "slide 7 (notes)")
        assert origin_at(data, "/materials/0/text", 3) == Origin("deck.pptx", "slide 7")

    def test_without_offset_the_first_span(self):
        """A finding on the whole field names the field's first part."""
        assert origin_at(course_with(SLIDE), "/materials/0/text") == Origin("deck.pptx", "slide 7")

    def test_other_fields_take_the_object_record(self):
        """A field without spans, or a pointer below the object, gets the object's own place."""
        data = course_with(SLIDE)
        assert origin_at(data, "/materials/0/title") == Origin("deck.pptx", "slide 7")
        assert origin_at(data, "/materials/0") == Origin("deck.pptx", "slide 7")

    def test_nothing_outside_imported_objects(self):
        """Pointers to objects without a record, or that do not exist, have no origin."""
        data = course_with(SLIDE)
        assert origin_at(data, "/modules/0/title") is None
        assert origin_at(data, "/materials/5/text") is None
        assert origin_at(data, "") is None

    def test_hand_edited_records_are_ignored(self):
        """A record without a file, or spans of the wrong shape, do not break scoring."""
        broken = dict(SLIDE, **{"x-source": {"at": "slide 7"}})
        assert origin_at(course_with(broken), "/materials/0/text", 20) is None
        odd = dict(SLIDE, **{"x-source": {"file": "deck.pptx", "at": 7, "line": "x", "spans": {"text": [{"start": "0"}]}}})
        assert origin_at(course_with(odd), "/materials/0/text", 20) == Origin("deck.pptx", "")

    def test_lines_in_spans(self):
        """A span's own line wins over the record's."""
        data = course_with(dict(SLIDE, **{"x-source": {"file": "plan.md", "at": "line 3", "line": 3,
                                                        "spans": {"text": [{"start": 0, "at": "line 3"},
                                                                           {"start": 10, "at": "line 9", "line": 9}]}}}))
        assert origin_at(data, "/materials/0/text", 12) == Origin("plan.md", "line 9", 9)
        assert origin_at(data, "/materials/0/text", 2) == Origin("plan.md", "line 3", 3)


class TestFindingsCarryTheirSource:
    def test_a_term_in_the_notes_names_the_slide(self):
        """A stigmatizing term planted in the notes is reported at the slide's notes, in the JSON report too."""
        material = dict(SLIDE, text="Who we meet\n\nMany of them are child prostitutes.")
        material["x-source"] = record(Origin("deck.pptx", "slide 7"),
                                      {"text": [(0, 11, Origin("deck.pptx", "slide 7")),
                                                (13, 48, Origin("deck.pptx", "slide 7 (notes)"))]})
        report = vetkit.score(course_with(material), as_of="2026-11-25", select=["TI-07"])
        finding = next(f for f in report.result("TI-07").findings if f.pointer == "/materials/0/text")
        assert finding.source == Origin("deck.pptx", "slide 7 (notes)")
        assert finding.to_json()["source"] == {"file": "deck.pptx", "at": "slide 7 (notes)"}
        assert Finding.from_json(finding.to_json()) == finding

    def test_label(self):
        """The words every format uses."""
        assert Origin("deck.pptx", "slide 7 (notes)").label == "deck.pptx, slide 7 (notes)"
        assert Origin("handout.pdf").label == "handout.pdf"


class TestPlaceholders:
    def test_each_placeholder_is_one_located_error(self):
        """FILL IN values are reported as 'fill in FIELD' at their pointer, without the schema errors they cause."""
        course = copy.deepcopy(MINIMAL_COURSE)
        course["audience"]["roles"] = ["FILL IN: who the course is for (--role)"]
        course["level"] = "FILL IN: the level (--level)"
        course["delivery"]["totalMinutes"] = "FILL IN: total minutes (--minutes)"
        course["provider"]["name"] = "FILL IN: who owns the course (--provider)"
        result = vetkit.validate(course)
        assert [(p.pointer, p.message, p.code) for p in result.errors] == [
            ("/audience/roles/0", "fill in audience.roles: who the course is for (--role)", "placeholder"),
            ("/delivery/totalMinutes", "fill in delivery.totalMinutes: total minutes (--minutes)", "placeholder"),
            ("/level", "fill in level: the level (--level)", "placeholder"),
            ("/provider/name", "fill in provider.name: who owns the course (--provider)", "placeholder"),
        ]

    def test_located_in_a_yaml_file(self, write):
        """In a file, the error has its line and column."""
        path = write("draft.yaml", "vetkit: '1.0'\nid: D\ntitle: Draft\nversion: '1'\nprovider: {name: P}\n"
                                   "audience: {roles: [patrol], experience: in-service}\n"
                                   "level: 'FILL IN: the level'\ndelivery: {modes: [in-person], totalMinutes: 30}\n"
                                   "objectives: [{id: O1, text: Identify indicators.}]\n"
                                   "modules: [{id: M1, title: One, minutes: 30, objectiveIds: [O1]}]\n")
        result = vetkit.validate(path)
        assert [(p.line, p.column, p.message) for p in result.errors] == [(7, 1, "fill in level: the level")]

    @pytest.mark.parametrize("text", ["Fill in the form.", "Please FILL IN: later"])
    def test_ordinary_text_is_no_placeholder(self, text):
        """Only a value that starts with the marker is a placeholder."""
        course = copy.deepcopy(MINIMAL_COURSE)
        course["description"] = text
        assert vetkit.validate(course).valid


class TestSpansFromOtherFiles:
    def test_a_stretch_from_another_file_names_that_file(self):
        """A module from the deck whose text comes from the plan resolves to the plan."""
        course = copy.deepcopy(MINIMAL_COURSE)
        course["modules"][0]["text"] = "From the plan."
        course["modules"][0]["x-source"] = record(Origin("deck.pptx", "slide 3"),
                                                  {"text": [(0, 14, Origin("plan.docx", "“Indicators”, paragraph 1"))]})
        assert course["modules"][0]["x-source"]["spans"]["text"][0]["file"] == "plan.docx"
        assert origin_at(course, "/modules/0/text", 2) == Origin("plan.docx", "“Indicators”, paragraph 1")
        assert origin_at(course, "/modules/0/title") == Origin("deck.pptx", "slide 3")

    def test_the_course_record_speaks_only_for_its_fields(self):
        """The top-level record gives the description's place, and no place to fields it does not name."""
        course = copy.deepcopy(MINIMAL_COURSE)
        course["description"] = "Front matter."
        course["x-source"] = record(Origin("plan.docx"), {"description": [(0, 13, Origin("plan.docx", "paragraph 1"))]})
        assert origin_at(course, "/description", 0) == Origin("plan.docx", "paragraph 1")
        assert origin_at(course, "/title") is None
        assert origin_at(course, "/audience/roles") is None
