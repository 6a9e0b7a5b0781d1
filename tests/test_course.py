"""Course: the read-only view over a validated document, its lookups, text index, positions and hash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import vetkit
from vetkit.course import thaw

EXAMPLES_DIR = Path(__file__).parents[1] / "docs" / "examples"
EXAMPLES = sorted(path for path in [*EXAMPLES_DIR.glob("*.json"), *EXAMPLES_DIR.glob("*.yaml")]
                  if not path.name.endswith(".review.yaml"))  # the reviewer answers that come with an example

# A small course with one of everything that carries text. As YAML, so that lines are fixed.
RICH_YAML = """\
vetkit: "1.0"
id: HT-201
title: Labor Trafficking for Patrol
version: "2.0"
description: Catalogue text.
provider: {name: Example Academy}
audience: {roles: [patrol], experience: in-service}
level: operational
prerequisites: [Basic patrol certification]
delivery: {modes: [in-person], totalMinutes: 60}
objectives:
  - id: O1
    text: Identify three indicators of labor trafficking.
    condition: Given a scenario
modules:
  - id: M1
    title: Indicators
    minutes: 60
    objectiveIds: [O1]
    topics: [indicators, labor-trafficking]
    summary: What to notice.
    outline:
      - title: Control
        children:
          - title: Debt bondage
      - title: Isolation
    advisoryIds: [ADV1]
activities:
  - id: ACT1
    title: Farm scenario
    type: scenario
    minutes: 20
    moduleId: M1
    objectiveIds: [O1]
    debrief: {minutes: 5, facilitatorGuide: Ask what they noticed.}
assessments:
  - id: A1
    title: Knowledge check
    type: knowledge-check
    purpose: formative
    objectiveIds: [O1]
    items:
      - id: Q1
        type: choice
        prompt: Which is an indicator?
        objectiveIds: [O1]
        rationale: Held documents are a control method.
        choices:
          - {id: a, text: The employer holds their passports., correct: true, feedback: Right.}
          - {id: b, text: They work long hours., correct: false}
materials:
  - id: H1
    title: Indicator card
    type: job-aid
    moduleId: M1
    file: card.md
  - id: H2
    title: Hotline poster
    type: handout
    text: Call 1-888-373-7888.
glossary:
  - {term: Debt bondage, definition: Labor demanded as repayment of a debt.}
resources:
  - {id: R1, name: National Human Trafficking Hotline, type: hotline}
safeguards:
  advisories:
    - {id: ADV1, topics: [labor-exploitation], placement: before-module, text: This module discusses abuse.}
  optOut: Step out at any time.
  participantSupport: [R1]
lifecycle: {owner: Training Division, lastReviewed: 2026-01-15}
"""

CARD = "# Indicators\n\nWho holds the documents?\n"

EXPECTED_TEXTS = {
    ("/title", "title"), ("/description", "description"), ("/prerequisites/0", "prerequisites"),
    ("/objectives/0/text", "objectives.text"), ("/objectives/0/condition", "objectives.condition"),
    ("/modules/0/title", "modules.title"), ("/modules/0/summary", "modules.summary"),
    ("/modules/0/outline/0/title", "modules.outline.title"),
    ("/modules/0/outline/0/children/0/title", "modules.outline.title"),
    ("/modules/0/outline/1/title", "modules.outline.title"),
    ("/activities/0/title", "activities.title"),
    ("/activities/0/debrief/facilitatorGuide", "activities.debrief.facilitatorGuide"),
    ("/assessments/0/title", "assessments.title"),
    ("/assessments/0/items/0/prompt", "assessments.items.prompt"),
    ("/assessments/0/items/0/rationale", "assessments.items.rationale"),
    ("/assessments/0/items/0/choices/0/text", "assessments.items.choices.text"),
    ("/assessments/0/items/0/choices/0/feedback", "assessments.items.choices.feedback"),
    ("/assessments/0/items/0/choices/1/text", "assessments.items.choices.text"),
    ("/materials/0/title", "materials.title"), ("/materials/0/file", "materials.file"),
    ("/materials/1/title", "materials.title"), ("/materials/1/text", "materials.text"),
    ("/glossary/0/term", "glossary.term"), ("/glossary/0/definition", "glossary.definition"),
    ("/resources/0/name", "resources.name"),
    ("/safeguards/advisories/0/text", "safeguards.advisories.text"),
    ("/safeguards/optOut", "safeguards.optOut"),
}


@pytest.fixture
def rich_course(write) -> vetkit.Course:
    """The rich course loaded from a YAML file, with its material file beside it."""
    write("card.md", CARD)
    return vetkit.load_course(write("course.yaml", RICH_YAML))


class TestReadOnly:
    def test_top_level_assignment_raises(self, minimal_course):
        """Assigning into course.data raises TypeError."""
        course = vetkit.load_course(minimal_course)
        with pytest.raises(TypeError):
            course.data["title"] = "Changed"

    def test_nested_objects_are_read_only(self, minimal_course):
        """Nested mappings are read-only and lists are tuples."""
        course = vetkit.load_course(minimal_course)
        with pytest.raises(TypeError):
            course.data["modules"][0]["title"] = "Changed"
        with pytest.raises(TypeError):
            del course.data["provider"]["name"]
        with pytest.raises(AttributeError):
            course.data["modules"].append({})
        assert isinstance(course.data["modules"], tuple)

    def test_properties(self, minimal_course):
        """id, title and version read the top-level fields."""
        course = vetkit.load_course(minimal_course)
        assert (course.id, course.title, course.version) == (
            "HT-101", "Recognizing Human Trafficking at Roll Call", "1.0")
        assert repr(course) == "<Course HT-101 v1.0 from <data>>"

    def test_load_course_passes_a_course_through(self, minimal_course):
        """load_course returns a Course it is given unchanged."""
        course = vetkit.load_course(minimal_course)
        assert vetkit.load_course(course) is course

    def test_validation_carries_the_course(self, minimal_course):
        """A valid validation carries the course; an invalid one carries None."""
        assert vetkit.validate(minimal_course).course.id == "HT-101"
        del minimal_course["level"]
        assert vetkit.validate(minimal_course).course is None


class TestLookups:
    @pytest.mark.parametrize("identifier, pointer, kind", [
        ("O1", "/objectives/0", "objective"), ("M1", "/modules/0", "module"), ("ACT1", "/activities/0", "activity"),
        ("A1", "/assessments/0", "assessment"), ("Q1", "/assessments/0/items/0", "item"),
        ("H1", "/materials/0", "material"), ("H2", "/materials/1", "material"), ("R1", "/resources/0", "resource"),
        ("ADV1", "/safeguards/advisories/0", "advisory"),
    ])
    def test_by_id(self, rich_course, identifier, pointer, kind):
        """by_id finds every addressable object with its pointer, kind and value."""
        entry = rich_course.by_id(identifier)
        assert (entry.pointer, entry.kind) == (pointer, kind)
        assert entry.value["id"] == identifier
        assert entry.value == rich_course.get(pointer)

    def test_by_id_unknown(self, rich_course):
        """by_id returns None for an unknown id, and choice ids are not document-wide ids."""
        assert rich_course.by_id("nope") is None
        assert rich_course.by_id("a") is None

    @pytest.mark.parametrize("kind, ids", [
        ("objective", ["O1"]), ("module", ["M1"]), ("item", ["Q1"]), ("material", ["H1", "H2"]),
        ("advisory", ["ADV1"]), ("instructor", []),
    ])
    def test_ids(self, rich_course, kind, ids):
        """ids(kind) lists the ids of one kind in document order."""
        assert rich_course.ids(kind) == ids

    def test_entries(self, rich_course):
        """entries yields (pointer, object) for each member of a top-level list, none for a missing one."""
        assert [(pointer, obj["id"]) for pointer, obj in rich_course.entries("materials")] == [
            ("/materials/0", "H1"), ("/materials/1", "H2")]
        assert list(rich_course.entries("instructors")) == []

    def test_items(self, rich_course):
        """items yields (pointer, item, assessment) for every assessment item."""
        assert [(pointer, item["id"], assessment["id"]) for pointer, item, assessment in rich_course.items()] == [
            ("/assessments/0/items/0", "Q1", "A1")]

    @pytest.mark.parametrize("pointer, value", [
        ("", None), ("/title", "Labor Trafficking for Patrol"), ("/modules/0/outline/0/children/0/title", "Debt bondage"),
        ("/nope", "default"), ("/modules/9", "default"), ("/modules/x", "default"), ("/title/0", "default"),
    ])
    def test_get(self, rich_course, pointer, value):
        """get resolves a JSON Pointer or returns the default."""
        if pointer == "":
            assert rich_course.get(pointer) is rich_course.data
        else:
            assert rich_course.get(pointer, "default") == value

    def test_material_text(self, rich_course):
        """material_text gives the contents of a material's file, and None for inline text."""
        assert rich_course.material_text("/materials/0") == CARD
        assert rich_course.material_text("/materials/1") is None


class TestTexts:
    def test_texts_cover_every_text_field(self, rich_course):
        """texts yields exactly the expected (pointer, field) pairs, including the material file."""
        assert {(text.pointer, text.field) for text in rich_course.texts()} == EXPECTED_TEXTS
        assert len(rich_course.texts()) == len(EXPECTED_TEXTS)

    def test_text_values(self, rich_course):
        """Each text is the value at its pointer; the material file's text is the file's contents."""
        for text in rich_course.texts():
            if text.field == "materials.file":
                assert text.text == CARD
            else:
                assert text.text == rich_course.get(text.pointer)

    def test_texts_are_collected_once(self, rich_course):
        """texts returns the same tuple every time."""
        assert rich_course.texts() is rich_course.texts()

    def test_minimal_course_texts(self, minimal_course):
        """The minimal course has its title, the objective text and the module title."""
        course = vetkit.load_course(minimal_course)
        assert [(text.pointer, text.field) for text in course.texts()] == [
            ("/title", "title"), ("/objectives/0/text", "objectives.text"), ("/modules/0/title", "modules.title")]


class TestLocate:
    @pytest.mark.parametrize("pointer, position", [
        ("", (1, 1)), ("/title", (3, 1)), ("/provider/name", (6, 12)), ("/modules/0", (16, 5)),
        ("/modules/0/outline/0/children/0/title", (25, 13)), ("/assessments/0/items/0/choices/1", (50, 13)),
        ("/assessments/0/items/0/choices/1/correct", (50, 50)),
        ("/modules/0/nope", (16, 5)),  # an unknown pointer falls back to its nearest located ancestor
    ])
    def test_locate_yaml(self, rich_course, pointer, position):
        """locate gives the YAML line and column of a member's key or of an element."""
        assert rich_course.locate(pointer) == position

    @pytest.mark.parametrize("pointer, position", [
        ("", (1, 1)), ("/title", (4, 3)), ("/provider/name", (6, 16)), ("/objectives/0", (11, 5)),
        ("/objectives/0/text", (11, 18)), ("/modules/0/topics/2", (15, 57)), ("/modules/0/nope", (14, 5)),
    ])
    def test_locate_json(self, pointer, position):
        """locate gives the JSON line and column of a member's key or of an element."""
        from test_loading import BASE_JSON

        course = vetkit.load_course(BASE_JSON.encode())
        assert course.locate(pointer) == position

    def test_locate_for_data_is_unknown(self, minimal_course):
        """A course given as data has no source text, so locate returns None."""
        assert vetkit.load_course(minimal_course).locate("/title") is None

    def test_locate_escaped_keys(self):
        """Pointer tokens with `/` and `~` are escaped (RFC 6901) in JSON and YAML alike."""
        from test_loading import json_plus, yaml_plus

        json_course = vetkit.load_course(json_plus('  "x-a/b": {"c~d": 1}').encode())
        yaml_course = vetkit.load_course(yaml_plus("x-a/b: {c~d: 1}").encode())
        assert json_course.locate("/x-a~1b/c~0d") == (17, 13)
        assert yaml_course.locate("/x-a~1b/c~0d") == (23, 9)


class TestHash:
    def test_json_and_yaml_forms_hash_equal(self, rich_course, write):
        """The JSON and YAML forms of the same course have equal data and equal sha256."""
        from_json = vetkit.load_course(write("course.json", json.dumps(thaw(rich_course.data), indent=1)))
        assert from_json.format == "json" and rich_course.format == "yaml"
        assert from_json.data == rich_course.data
        assert from_json.sha256 == rich_course.sha256

    def test_hash_ignores_key_order_and_layout(self, minimal_course):
        """Key order and whitespace do not change the hash; a changed value does."""
        reordered = dict(reversed(list(minimal_course.items())))
        compact = json.dumps(minimal_course, separators=(",", ":")).encode()
        assert vetkit.load_course(reordered).sha256 == vetkit.load_course(compact).sha256
        minimal_course["version"] = "1.1"
        assert vetkit.load_course(minimal_course).sha256 != vetkit.load_course(compact).sha256

    def test_hash_of_mapping_equals_hash_of_yaml(self, minimal_course):
        """A course given as a mapping hashes like its YAML dump."""
        yaml_text = yaml.safe_dump(minimal_course, allow_unicode=True).encode()
        assert vetkit.load_course(minimal_course).sha256 == vetkit.load_course(yaml_text).sha256

    def test_hash_is_hex_sha256(self, minimal_course):
        """sha256 is 64 lower-case hex digits."""
        digest = vetkit.load_course(minimal_course).sha256
        assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")


class TestExamples:
    @pytest.mark.parametrize("path", EXAMPLES or [None], ids=[p.name for p in EXAMPLES] or ["no-examples"])
    def test_example_is_valid(self, path):
        """Every example in docs/examples validates with no errors (and the folder is not empty)."""
        assert path is not None, f"no *.json or *.yaml examples in {EXAMPLES_DIR}"
        result = vetkit.validate(path)
        assert result.errors == (), [problem.format() for problem in result.errors]
        assert result.course is not None

    def test_examples_dir_fixture_matches(self, examples_dir):
        """The examples_dir fixture is the folder the examples are collected from, and it has examples."""
        assert examples_dir == EXAMPLES_DIR
        assert EXAMPLES
