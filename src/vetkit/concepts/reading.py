"""Reading one sentence: which concept it expresses, how strongly, and with what stance.

:func:`read_sentence` is the one place where the models meet a sentence; the corpus evaluation and the
course detector (:mod:`vetkit.concepts.detect`) both call it, so what is measured is what ships.
"""

from __future__ import annotations

import re
from typing import Sequence

from attrs import frozen

from ..lexical import classify
from ..text import clause_bounds
from .catalogue import concepts, family_of
from .features import pair_features, stance_features, word_features
from .model import ConceptModel, logistic

#: What the answer key says about a sentence, when it sits in an assessment item.
KEY_INCORRECT = "incorrect-choice"  # an answer choice keyed correct: false
KEY_FALSE = "keyed-false"  # a true-false item keyed False (its prompt, rationale and feedback)


@frozen
class Reading:
    """What the models make of one sentence."""

    concept: str
    family: str
    probability: float  # of the concept
    stance: str
    stance_probability: float
    asserted: float  # probability that the course asserts the concept
    stance_reason: str

    @property
    def confidence(self) -> float:
        """How sure the detectors are that the course asserts the concept (compared with the fail threshold)."""
        return self.probability * self.asserted


def concept_scores(model: ConceptModel, words: Sequence[str]) -> tuple[str, float]:
    """The most probable concept of a sentence other than ``none``, and its probability."""
    scores = model.concept.sentence_scores(words, word_features, pair_features)
    best, best_score = "none", float("-inf")
    for name, score in zip(model.concept.classes, scores):
        if name != "none" and score > best_score:
            best, best_score = name, score
    return best, logistic(best_score)


#: Contexts of §4.0 (:func:`vetkit.lexical.classify`) that settle the stance of a whole sentence.
CONTEXT_STANCES = {"title": "named", "myth-correction": "refuted", "negated": "negated", "quoted": "quoted",
                   "citation": "named", "proper-name": "named"}
_WORD = re.compile(r"\w+(?:['’]\w+)?")


_OPENING_NEGATION = re.compile(r"[\W_]*(no|not|never|nobody|none|neither)\b(?!\s+(?:matter|longer|doubt)\b)",
                               re.IGNORECASE)


def _opening_negation(text: str, offset: int) -> str | None:
    """The negation that opens the clause of ``text`` holding ``offset`` ("No single indicator proves ..."), if any."""
    for start, end in clause_bounds(text):
        if start <= offset < end:
            match = _OPENING_NEGATION.match(text, start, offset)
            return match.group(1) if match else None
    return None


def key_word(model: ConceptModel, text: str, words: Sequence[str], concept: str) -> tuple[int, int]:
    """Offsets in ``text`` of the word that weighs most for ``concept`` (the whole text when none does)."""
    position = model.concept.strongest_word(words, word_features, model.concept.classes.index(concept))
    if position is None:
        return 0, len(text)
    for number, match in enumerate(_WORD.finditer(text)):
        if number == position:
            return match.span()
    return 0, len(text)


def read_sentence(model: ConceptModel, text: str, words: Sequence[str], field: str, *,
                  before: Sequence[str] = (), after: Sequence[str] = (), key: str | None = None,
                  minimum: float = 0.0, where: tuple[str, int, int] | None = None,
                  scored: tuple[str, float] | None = None) -> Reading | None:
    """The concept of a sentence with its stance, or None when no concept reaches ``minimum``.

    ``where`` is the text of the field and the sentence's offsets in it: the §4.0 context rules then
    settle the stance of a sentence the stance model reads as asserted, read at the word that weighs
    most for the concept (a Myth:/Fact: pair, a negation before that word in its clause, quotation
    marks around it, a proper name or title that holds it); the patterns are surer than the model.
    ``scored`` is :func:`concept_scores` of ``words`` when the caller has it already.
    """
    concept, probability = scored or concept_scores(model, words)
    family = family_of(concept)
    if family is None or probability < minimum or concepts()[concept].spares(text):
        return None
    stances = model.stance.probabilities(stance_features(text, words, field, before, after))
    stance = max(stances, key=lambda name: (stances[name], name))
    asserted = stances.get("asserted", 0.0)
    total = sum(stances.values()) or 1.0
    reason = f"the stance model reads it as {stance} ({stances[stance] / total:.0%})"
    if stance == "asserted" and asserted / total < model.minimum_asserted:
        others = {name: value for name, value in stances.items() if name != "asserted"}
        stance = max(others, key=lambda name: (others[name], name)) if others else "refuted"
        reason = (f"the stance model is unsure that the course asserts it (asserted {asserted / total:.0%}, below "
                  f"{model.minimum_asserted:.0%}; next {stance} {stances.get(stance, 0.0) / total:.0%})")
    if field == "references.title":
        stance, reason, asserted = "named", "it is the title of a reference", 0.0
    elif key == KEY_INCORRECT:
        stance, reason, asserted = "refuted", "it is an answer choice keyed incorrect", 0.0
    elif key == KEY_FALSE:
        stance, reason, asserted = "refuted", "it belongs to a true-false item keyed False", 0.0
    elif stance == "asserted" and where is not None:
        field_text, start, _ = where
        word_start, word_end = key_word(model, text, words, concept)
        context = classify(field_text, start + word_start, start + max(word_end, word_start + 1), field=field)
        if context.kind in CONTEXT_STANCES:
            stance = CONTEXT_STANCES[context.kind]
            return Reading(concept, family, probability, stance, 1.0, 0.0,
                           f"the context rules read it so ({context.explanation})")
        opening = _opening_negation(text, word_start)
        if opening:
            return Reading(concept, family, probability, "negated", 1.0, 0.0,
                           f"its clause opens with '{opening}' before the words that carry the idea")
    return Reading(concept, family, probability, stance, stances[stance] / total if stance in stances else 1.0,
                   asserted / total, reason)
