"""Concept detectors over a course: every sentence of the text index read once, hits kept per family.

:func:`detect` reads each sentence with :func:`vetkit.concepts.reading.read_sentence` (the sentences
before and after it in the same field give the stance its context; an answer key overrides it) and
keeps the sentences whose concept reaches its review threshold. Only the kinds of field the models were
trained and measured on are read (module texts, activities, materials, assessment items, glossary
definitions, reference titles...; not titles of modules or schedule notes). Each hit carries its
effect: ``fail`` when the course asserts the concept with a confidence above the family's fail
threshold, ``needs-review`` when it asserts it below that, ``note`` for every other stance. The
result is computed once per course and shared by every rule that reads a family. Only the families
the catalogue scores reach a course; :func:`read_course` without ``families_read`` reads them all, as
the bench does.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from attrs import frozen

from ..lexical import true_false_key
from ..percourse import per_course
from ..textindex import text_index
from .catalogue import concepts, families, scored_families
from .model import ConceptModel, shipped_model
from .reading import KEY_FALSE, KEY_INCORRECT, Reading, concept_scores, read_sentence

_ITEM = re.compile(r"^(/assessments/\d+/items/\d+)(?:/choices/(\d+))?/")


@frozen
class ConceptHit:
    """One sentence of the course in which a detector found a concept."""

    pointer: str
    field: str
    start: int
    end: int
    sentence: str
    concept: str
    family: str
    probability: float
    stance: str
    stance_reason: str
    confidence: float
    effect: str  # fail, needs-review or note

    @property
    def label(self) -> str:
        """What the concept is, in words."""
        return concepts()[self.concept].label

    @property
    def criteria(self) -> tuple[str, ...]:
        """The criteria the concept feeds."""
        return concepts()[self.concept].criteria


def _key(course: Any, pointer: str) -> str | None:
    """What the answer key says about the text at ``pointer`` (see :mod:`vetkit.concepts.reading`)."""
    match = _ITEM.match(pointer)
    if not match:
        return None
    item = course.get(match.group(1)) or {}
    if match.group(2) is not None:
        choice = course.get(f"{match.group(1)}/choices/{match.group(2)}") or {}
        if choice.get("correct") is False:
            return KEY_INCORRECT
    return KEY_FALSE if true_false_key(item) is False else None


def _effect(reading: Reading, fail: float | None) -> str:
    if reading.stance != "asserted":
        return "note"
    return "fail" if fail is not None and reading.confidence >= fail else "needs-review"


def read_course(course: Any, model: ConceptModel, families_read: Iterable[str] | None = None
                ) -> tuple[ConceptHit, ...]:
    """Every detector hit of ``course`` under ``model``, of ``families_read`` when given (not cached; see
    :func:`detect`)."""
    index = text_index(course)
    thresholds = model.thresholds
    if families_read is not None:
        wanted = set(families_read)
        thresholds = {family: limits for family, limits in thresholds.items() if family in wanted}
    minimum = min((limits.lowest for limits in thresholds.values()), default=1.0)
    minimum_words = model.minimum_words
    restricted = {family.id: set(family.fields) for family in families().values() if family.fields}
    hits = []
    for sentence in index.sentences:
        if model.fields and sentence.kind not in model.fields:
            continue  # a title, a schedule note...: a kind of field the models were not measured on
        sentence_words = index.words(sentence)
        if len(sentence_words) < minimum_words:
            continue  # a heading, a label or a list fragment: too little to read an idea from
        scored = concept_scores(model, sentence_words)
        if scored[1] < minimum:
            continue  # most sentences: no concept near any review threshold, so no stance is read
        before, after = index.neighbours(sentence)
        reading = read_sentence(model, sentence.text, sentence_words, sentence.kind,
                                before=index.words(before) if before else (),
                                after=index.words(after) if after else (),
                                key=_key(course, sentence.pointer), minimum=minimum,
                                where=(index.fields[sentence.field].text, sentence.start, sentence.end),
                                scored=scored)
        if reading is None:
            continue
        limits = thresholds.get(reading.family)
        if limits is None or reading.probability < limits.review.get(reading.concept, 1.0):
            continue
        if reading.family in restricted and sentence.kind not in restricted[reading.family]:
            continue
        hits.append(ConceptHit(sentence.pointer, sentence.kind, sentence.start, sentence.end, sentence.text,
                               reading.concept, reading.family, reading.probability, reading.stance,
                               reading.stance_reason, reading.confidence, _effect(reading, limits.fail)))
    return tuple(hits)


def detect(course: Any, families_read: Iterable[str] | None = None) -> tuple[ConceptHit, ...]:
    """The detector hits of ``course`` in the scored families (those of ``families_read`` among them when
    given), read once per course."""
    hits = _course_hits(course)
    if families_read is None:
        return hits
    wanted = set(families_read)
    return tuple(hit for hit in hits if hit.family in wanted)


@per_course
def _course_hits(course: Any) -> tuple[ConceptHit, ...]:
    return read_course(course, shipped_model(), scored_families())
