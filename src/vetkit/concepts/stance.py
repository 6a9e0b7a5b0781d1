"""The stance of the sentence around a lexicon hit, for the rules that judge myths phrase by phrase.

The stance model reads a myth the lexicon finds only while the myths family is scored (the catalogue's
``scored`` list): its reading of myths is measured with that family."""

from __future__ import annotations

from typing import Any

from ..textindex import text_index
from .catalogue import scored_families
from .detect import _key
from .model import shipped_model
from .reading import Reading, read_sentence


def stance_at(course: Any, pointer: str, offset: int) -> Reading | None:
    """How the detectors read the sentence of the field at ``pointer`` that holds ``offset`` (None when the
    course has no such sentence, or the myths family is not scored)."""
    if "myths" not in scored_families():
        return None
    index = text_index(course)
    for sentence in index.sentences_at(pointer):
        if sentence.start <= offset < max(sentence.end, sentence.start + 1):
            before, after = index.neighbours(sentence)
            return read_sentence(shipped_model(), sentence.text, index.words(sentence), sentence.kind,
                                 before=index.words(before) if before else (),
                                 after=index.words(after) if after else (), key=_key(course, pointer))
    return None
