"""The text index: sentences with their fields and modules, words, neighbours, one index per course."""

from __future__ import annotations

import vetkit
from vetkit.examples import example_course
from vetkit.kit import text_index

COURSE = example_course({
    "modules": [
        {"id": "M1", "title": "Indicators", "minutes": 30, "objectiveIds": ["O1"], "topics": [],
         "text": "Look for control. Ask open questions!\n\n- Who holds her ID?"},
        {"id": "M2", "title": "Referral", "minutes": 30, "objectiveIds": ["O1"], "topics": [], "text": "Call the advocate."},
    ],
    "activities": [{"id": "A1", "title": "Farm call", "type": "scenario", "minutes": 20, "moduleId": "M2",
                    "objectiveIds": ["O1"], "text": "The crew boss isn't there."}],
    "glossary": [{"term": "Victim", "definition": "A person harmed by a crime."}],
})


def test_sentences_know_their_field_offsets_and_module():
    """Each sentence, heading or list item carries its field's pointer and kind, its offsets and its module."""
    index = text_index(vetkit.load_course(COURSE))
    rows = [(s.pointer, s.kind, s.start, s.end, s.text, s.module) for s in index.sentences
            if s.pointer.startswith(("/modules", "/activities", "/glossary"))]
    assert rows == [
        ("/modules/0/title", "modules.title", 0, 10, "Indicators", "/modules/0"),
        ("/modules/0/text", "modules.text", 0, 17, "Look for control.", "/modules/0"),
        ("/modules/0/text", "modules.text", 18, 37, "Ask open questions!", "/modules/0"),
        ("/modules/0/text", "modules.text", 41, 58, "Who holds her ID?", "/modules/0"),
        ("/modules/1/title", "modules.title", 0, 8, "Referral", "/modules/1"),
        ("/modules/1/text", "modules.text", 0, 18, "Call the advocate.", "/modules/1"),
        ("/activities/0/title", "activities.title", 0, 9, "Farm call", "/modules/1"),
        ("/activities/0/text", "activities.text", 0, 26, "The crew boss isn't there.", "/modules/1"),
        ("/glossary/0/term", "glossary.term", 0, 6, "Victim", None),
        ("/glossary/0/definition", "glossary.definition", 0, 27, "A person harmed by a crime.", None),
    ]


def test_module_sentences_include_its_activities():
    """An activity's text belongs to the module its moduleId names."""
    index = text_index(vetkit.load_course(COURSE))
    assert [s.text for s in index.module_sentences("/modules/1")] == [
        "Referral", "Call the advocate.", "Farm call", "The crew boss isn't there."]
    assert index.module_sentences("/modules/9") == ()


def test_words_and_neighbours():
    """Words are lower case with apostrophes kept inside them; neighbours stay inside one field."""
    index = text_index(vetkit.load_course(COURSE))
    crew = next(s for s in index.sentences if s.text.startswith("The crew"))
    assert index.words(crew) == ("the", "crew", "boss", "isn't", "there")
    second = next(s for s in index.sentences if s.text == "Ask open questions!")
    before, after = index.neighbours(second)
    assert (before.text, after.text) == ("Look for control.", "Who holds her ID?")
    assert index.neighbours(next(s for s in index.sentences if s.text == "Indicators")) == (None, None)


def test_one_index_per_course():
    """The index is built once per course and shared; another course gets its own."""
    course = vetkit.load_course(COURSE)
    assert text_index(course) is text_index(course)
    assert text_index(vetkit.load_course(COURSE)) is not text_index(course)


def test_a_scored_course_is_freed_with_its_shared_values():
    """The index, corpus and topic evidence shared by the rules go away with their course: a batch keeps
    only the reports of the courses it scored, not the courses."""
    import gc
    import weakref

    from vetkit.topics.evidence import topic_evidence

    engine = vetkit.Engine()
    course = engine.load_course(COURSE)
    report = engine.score(course, rubric="ht-training", as_of="2026-06-30")
    assert text_index(course).course is course and topic_evidence(course).course is course
    alive = weakref.ref(course)
    del course
    gc.collect()
    assert alive() is None
    assert report.results


def test_a_copied_course_gets_its_own_index():
    """A shallow copy of a course does not share the original's index (which refers to the original)."""
    import copy

    course = vetkit.load_course(COURSE)
    index = text_index(course)
    twin = copy.copy(course)
    assert text_index(twin) is not index and text_index(twin).course is twin
    assert text_index(course) is index
