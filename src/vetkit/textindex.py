"""The text index of a course: every text field, sentence and word, built once per course and shared.

Lexical scans, topic evidence and concept detectors all read the same index::

    index = text_index(course)
    for sentence in index.module_sentences("/modules/2"):   # what module 2 says, its activities,
        print(sentence.pointer, sentence.text)               # materials and assessments included
    index.words(sentence)                                   # its lower-case words, once

A text belongs to a module when it sits in the module, or in an activity, material or
assessment whose ``moduleId`` names the module.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import Any, Mapping

from attrs import frozen

from .percourse import per_course
from .text import Corpus

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_OWNED = ("activities", "materials", "assessments")


@frozen
class Sentence:
    """One sentence (or heading, list item, table cell) of a text field of the course."""

    number: int  # position in the course, from 0
    field: int  # index of its field in :attr:`TextIndex.fields`
    pointer: str  # the field's JSON Pointer
    kind: str  # the kind of field, e.g. ``modules.text``
    start: int  # offsets in the field's text
    end: int
    text: str
    module: str | None  # pointer of the module the text belongs to, if any


@per_course
def course_corpus(course: Any) -> Corpus:
    """Every text field of the course joined for one-pass matching (built once per course)."""
    return Corpus(course.texts())


class TextIndex:
    """The text fields of one course, their sentences and words, and the module each belongs to."""

    def __init__(self, course: Any):
        self.course = course
        self.corpus = course_corpus(course)
        self.fields = self.corpus.fields

    @cached_property
    def _modules_by_id(self) -> Mapping[str, str]:
        return {module.get("id"): pointer for pointer, module in self.course.entries("modules")}

    def module_of(self, pointer: str) -> str | None:
        """The pointer of the module a text at ``pointer`` belongs to, or None."""
        parts = pointer.split("/")
        if len(parts) < 3:
            return None
        if parts[1] == "modules":
            return "/".join(parts[:3])
        if parts[1] in _OWNED:
            owner = self.course.get("/".join(parts[:3])) or {}
            return self._modules_by_id.get(owner.get("moduleId"))
        return None

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the course, field by field, in document order."""
        prepared, corpus = self.corpus.prepared, self.corpus
        found: list[Sentence] = []
        owners: dict[int, str | None] = {}
        for start, end in prepared.sentences:
            index, offset = corpus.locate(start)
            text = corpus.fields[index]
            if index not in owners:
                owners[index] = self.module_of(text.pointer)
            found.append(Sentence(len(found), index, text.pointer, text.field, offset, offset + end - start,
                                  prepared.text[start:end], owners[index]))
        return tuple(found)

    @cached_property
    def _by_module(self) -> Mapping[str | None, tuple[Sentence, ...]]:
        grouped: dict[str | None, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.module, []).append(sentence)
        return {module: tuple(sentences) for module, sentences in grouped.items()}

    def module_sentences(self, module: str) -> tuple[Sentence, ...]:
        """The sentences that belong to the module at ``module`` (its own fields and those of its activities,
        materials and assessments)."""
        return self._by_module.get(module, ())

    @cached_property
    def _by_pointer(self) -> Mapping[str, tuple[Sentence, ...]]:
        grouped: dict[str, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.pointer, []).append(sentence)
        return {pointer: tuple(sentences) for pointer, sentences in grouped.items()}

    def sentences_at(self, pointer: str) -> tuple[Sentence, ...]:
        """The sentences of the text field at ``pointer``, in order."""
        return self._by_pointer.get(pointer, ())

    @cached_property
    def _by_field(self) -> Mapping[int, tuple[Sentence, ...]]:
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.field, []).append(sentence)
        return {field: tuple(sentences) for field, sentences in grouped.items()}

    def field_sentences(self, field: int) -> tuple[Sentence, ...]:
        """The sentences of one field, in order."""
        return self._by_field.get(field, ())

    @cached_property
    def _starts(self) -> Mapping[int, list[int]]:
        return {field: [sentence.start for sentence in sentences] for field, sentences in self._by_field.items()}

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds ``offset`` of the joined corpus (None between sentences)."""
        field, inside = self.corpus.locate(offset)
        position = bisect.bisect_right(self._starts.get(field, ()), inside) - 1
        if position >= 0 and inside < self._by_field[field][position].end:
            return self._by_field[field][position]
        return None

    def neighbours(self, sentence: Sentence) -> tuple[Sentence | None, Sentence | None]:
        """The sentences before and after ``sentence`` in the same field (None at an edge)."""
        before = self.sentences[sentence.number - 1] if sentence.number > 0 else None
        after = self.sentences[sentence.number + 1] if sentence.number + 1 < len(self.sentences) else None
        return (before if before is not None and before.field == sentence.field else None,
                after if after is not None and after.field == sentence.field else None)

    @cached_property
    def _words(self) -> tuple[tuple[str, ...], ...]:
        return tuple(words_of(sentence.text) for sentence in self.sentences)

    def words(self, sentence: Sentence) -> tuple[str, ...]:
        """The lower-case words of a sentence (apostrophes kept inside words: "isn't")."""
        return self._words[sentence.number]


def words_of(text: str) -> tuple[str, ...]:
    """The lower-case words of a text (apostrophes kept inside words: "isn't")."""
    return tuple(match.group().lower() for match in _WORD.finditer(text))


@per_course
def text_index(course: Any) -> TextIndex:
    """The text index of ``course``, built on first use and shared by every rule that reads it."""
    return TextIndex(course)
