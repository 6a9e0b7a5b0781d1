"""Topic evidence: which tags each module and activity of a course actually teaches, read from its text.

Every cue phrase of every tag profile is matched in one pass over the course's text index. For each
module (with the activities, materials and assessments that belong to it) and each activity, the cues
of a tag are summed up as a few counts, and the unit's words are weighed against each tag; the topic
model (:mod:`vetkit.topics.model`, trained on the team's labelled corpus by :mod:`vetkit.topics.training`)
turns both into the confidence that the text teaches the tag. A tag counts as taught from the ``detect``
confidence, declared or not: a declared tag is a claim the text is checked against, never a reason to count
less text as teaching (a course and its twin without tags are judged alike).
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property, lru_cache
from typing import Any, Iterable, Mapping

from attrs import frozen

from ..lexical import Matcher, MatchRule
from ..percourse import per_course
from ..textindex import Sentence, text_index
from .catalogue import VOCABULARIES, profile, profiles
from .model import Key, cue_features, shipped

#: How many sentences show why the word model found a tag no cue phrase speaks of.
WORD_EVIDENCE = 3
#: How many sentences with a strong cue, across the modules, show a population, typology or kind of
#: trafficker even where no one module teaches it (measured per corpus text by bench/topics.py, "shown":
#: one sentence finds 0.61 of the labelled ones at 0.80 precision counting near misses, two find 0.30).
SHOWN_SENTENCES = 1


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    rules = [MatchRule(f"{vocabulary}|{tag}|{strength}|{index}", cue)
             for (vocabulary, tag), row in profiles().items()
             for strength, cues in (("strong", row.strong), ("supporting", row.supporting))
             for index, cue in enumerate(cues)]
    return Matcher(rules, longest=False)


@frozen
class TagEvidence:
    """How strongly a unit's text teaches one tag, and where."""

    vocabulary: str
    tag: str
    confidence: float
    declared: bool
    sentences: tuple[Sentence, ...]  # where its cues matched (or, without any, the words that weigh most), in order
    cues: tuple[str, ...]  # the matched words, one per distinct cue

    @property
    def taught(self) -> bool:
        """Whether the text teaches the tag: a sentence that speaks of it and ``detect`` confidence, declared or not."""
        return bool(self.sentences) and self.confidence >= shipped().thresholds["detect"]


class _Counts:
    __slots__ = ("strong", "supporting", "strong_sentences", "supporting_sentences", "title", "sentences", "cues")

    def __init__(self) -> None:
        self.strong: set[str] = set()
        self.supporting: set[str] = set()
        self.strong_sentences: set[int] = set()
        self.supporting_sentences: set[int] = set()
        self.title = False
        self.sentences: dict[int, Sentence] = {}
        self.cues: dict[str, str] = {}


@frozen
class Unit:
    """A module (with what belongs to it) or an activity: the text whose teaching is judged."""

    pointer: str
    kind: str  # module | activity
    declared: Mapping[str, tuple[str, ...]]  # vocabulary -> declared tags
    evidence: Mapping[tuple[str, str], TagEvidence]

    def teaches(self, tag: str, vocabulary: str = "topics") -> bool:
        """Whether the unit's text teaches ``tag`` (a declared tag without cue profile counts as taught)."""
        found = self.evidence.get((vocabulary, tag))
        if found is not None:
            return found.taught
        return tag in self.declared.get(vocabulary, ()) and profile(vocabulary, tag) is None

    def taught(self, vocabulary: str = "topics") -> list[str]:
        """Every tag of one vocabulary the unit teaches, declared or not, in the order of the profiles."""
        found = [tag for (voc, tag), evidence in self.evidence.items() if voc == vocabulary and evidence.taught]
        unchecked = [tag for tag in self.declared.get(vocabulary, ()) if profile(vocabulary, tag) is None]
        return list(dict.fromkeys([*found, *unchecked]))


def _features(counts: _Counts, size: int) -> list[float]:
    return cue_features(len(counts.strong_sentences), len(counts.strong), len(counts.supporting),
                        len(counts.supporting_sentences), counts.title, size)


@frozen
class UnitReading:
    """What the model reads of one unit: the cue features of every tag with a cue in it, those of a tag
    without any, and the unit's word counts."""

    cues: Mapping[Key, list[float]]
    no_cue: list[float]
    words: Mapping[str, int]


class CourseTopics:
    """The topic evidence of one course: its modules and activities and what each teaches."""

    def __init__(self, course: Any):
        self.course = course
        self.index = text_index(course)

    @cached_property
    def _counts(self) -> Mapping[str, Mapping[tuple[str, str], _Counts]]:
        counted: dict[str, dict[tuple[str, str], _Counts]] = {}
        for hit in _matcher().scan(self.index.corpus.prepared):
            sentence = self.index.sentence_at(hit.start)
            if sentence is None:
                continue
            vocabulary, tag, strength, _ = hit.term_id.split("|")
            for unit, title in self._units_of(sentence):
                counts = counted.setdefault(unit, {}).setdefault((vocabulary, tag), _Counts())
                cue = " ".join(hit.matched.lower().split())  # distinct words, however many patterns found them
                (counts.strong if strength == "strong" else counts.supporting).add(cue)
                (counts.strong_sentences if strength == "strong" else counts.supporting_sentences).add(sentence.number)
                counts.title = counts.title or title
                counts.sentences[sentence.number] = sentence
                counts.cues.setdefault(cue, " ".join(hit.matched.split()))
        return counted

    def _units_of(self, sentence: Sentence) -> Iterable[tuple[str, bool]]:
        """(unit pointer, whether the sentence is that unit's title) for each unit the sentence belongs to."""
        if sentence.module is not None:
            yield sentence.module, sentence.pointer == f"{sentence.module}/title"
        if sentence.pointer.startswith("/activities/"):
            activity = "/".join(sentence.pointer.split("/")[:3])
            yield activity, sentence.pointer == f"{activity}/title"

    @cached_property
    def _sentences(self) -> Mapping[str, tuple[Sentence, ...]]:
        grouped: dict[str, list[Sentence]] = {}
        for sentence in self.index.sentences:
            for unit, _ in self._units_of(sentence):
                grouped.setdefault(unit, []).append(sentence)
        return {unit: tuple(sentences) for unit, sentences in grouped.items()}

    def reading(self, pointer: str) -> UnitReading:
        """What the model reads of the unit at ``pointer`` (for training and inspection)."""
        sentences = self._sentences.get(pointer, ())
        cues = {key: _features(counts, len(sentences)) for key, counts in self._counts.get(pointer, {}).items()}
        words = Counter(word for sentence in sentences for word in self.index.words(sentence))
        return UnitReading(cues, _features(_Counts(), len(sentences)), words)

    def _word_evidence(self, pointer: str, key: Key, vector: Mapping[str, float]) -> tuple[Sentence, ...]:
        """The sentences of the unit whose words add most to the word score of ``key``, in document order."""
        weighed = [(shipped().words.contribution(key, vector, self.index.words(sentence)), sentence)
                   for sentence in self._sentences.get(pointer, ())]
        ranked = sorted(weighed, key=lambda pair: (-pair[0], pair[1].number))
        chosen = ([sentence for weight, sentence in ranked[:WORD_EVIDENCE] if weight > 0]
                  or [pair[1] for pair in ranked[:1]])
        return tuple(sorted(chosen, key=lambda sentence: sentence.number))

    def _unit(self, pointer: str, kind: str, declared: Mapping[str, tuple[str, ...]]) -> Unit:
        model, reading = shipped(), self.reading(pointer)
        vector = model.words.vector(reading.words)
        confidences = model.confidences(reading.cues, reading.no_cue, vector)
        thresholds = model.thresholds
        counts = self._counts.get(pointer, {})
        claimed = {(voc, tag) for voc, tags in declared.items() for tag in tags if profile(voc, tag) is not None}
        detected = {key for key, confidence in confidences.items() if confidence >= thresholds["detect"]}
        evidence = {}
        wanted = set(counts) | claimed | detected
        for key in (key for key in profiles() if key in wanted):
            tally, confidence = counts.get(key, _Counts()), confidences[key]
            sentences = tuple(tally.sentences[number] for number in sorted(tally.sentences))
            if not sentences and key in detected:
                sentences = self._word_evidence(pointer, key, vector)
            evidence[key] = TagEvidence(key[0], key[1], confidence, key in claimed, sentences,
                                        tuple(tally.cues.values()))
        return Unit(pointer, kind, declared, evidence)

    @cached_property
    def units(self) -> tuple[Unit, ...]:
        """Every module, then every activity, with its evidence."""
        found = []
        for kind, collection in (("module", "modules"), ("activity", "activities")):
            for pointer, value in self.course.entries(collection):
                declared = ({vocabulary: tuple(value.get(field, ())) for vocabulary, field in VOCABULARIES.items()}
                            if kind == "module" else {"topics": tuple(value.get("tags", ()))})
                found.append(self._unit(pointer, kind, declared))
        return tuple(found)

    def course_tags(self, vocabulary: str = "topics") -> list[str]:
        """Every tag of one vocabulary some module teaches, in the order of the modules."""
        return list(dict.fromkeys(tag for unit in self.modules() for tag in unit.taught(vocabulary)))

    def shown_tags(self, vocabulary: str = "topics") -> list[str]:
        """Every tag of one vocabulary the course shows: taught by a module, or named by a strong cue in at least
        ``SHOWN_SENTENCES`` sentence(s) of the modules' text (a population or setting met in an example or a list)."""
        strong: dict[str, set[int]] = {}
        for unit in self.modules():
            for (voc, tag), counts in self._counts.get(unit.pointer, {}).items():
                if voc == vocabulary:
                    strong.setdefault(tag, set()).update(counts.strong_sentences)
        named = [tag for (voc, tag) in profiles() if voc == vocabulary
                 and len(strong.get(tag, ())) >= SHOWN_SENTENCES]
        return list(dict.fromkeys([*self.course_tags(vocabulary), *named]))

    def modules(self) -> tuple[Unit, ...]:
        """The module units, in document order."""
        return tuple(unit for unit in self.units if unit.kind == "module")

    def activities(self) -> tuple[Unit, ...]:
        """The activity units, in document order."""
        return tuple(unit for unit in self.units if unit.kind == "activity")

    @cached_property
    def _by_pointer(self) -> Mapping[str, Unit]:
        return {unit.pointer: unit for unit in self.units}

    def unit(self, pointer: str) -> Unit | None:
        """The unit at ``pointer``."""
        return self._by_pointer.get(pointer)


@per_course
def topic_evidence(course: Any) -> CourseTopics:
    """The topic evidence of ``course``, computed once per course and shared by every rule."""
    return CourseTopics(course)
