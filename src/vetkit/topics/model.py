"""The topic model: how a unit's cue counts and words become the confidence that it teaches a tag.

Three readings of a unit's text meet in one logistic model per tag (a bias per tag, shared weights):

- the cue counts of the tag's profile (sentences with a strong cue, distinct cues, a cue in the title, the size);
- the similarity of the unit's words to the tag's profile (its definition, example and cue words);
- the word score: a linear model over the unit's words, fitted per tag on the labelled corpus.

Words are weighted tf-idf (logarithmic counts times the inverse document frequency of the corpus, scaled
to unit length). The weights are read from ``vetkit/data/topics/model.json`` (the combining model and its
thresholds) and ``words.json`` (the vocabulary, and per word its weights in the tags' word scores and
profile vectors).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable, Mapping

Key = tuple[str, str]

#: The cue counts the model reads, in the order of :func:`cue_features`, and the caps it reads them with.
CUE_FEATURES = ("strong_sentences", "strong_cues", "supporting_cues", "supporting_sentences", "title", "size")
CAPS = {"strong_sentences": 4, "strong_cues": 4, "supporting_cues": 6, "supporting_sentences": 6}
#: Every input of the combining model, in the order of its weights.
FEATURES = (*CUE_FEATURES, "similarity", "words")


def key_name(key: Key) -> str:
    """How the model files spell a (vocabulary, tag) key: ``vocabulary:tag``."""
    return f"{key[0]}:{key[1]}"


def _key(name: str) -> Key:
    vocabulary, tag = name.split(":", 1)
    return vocabulary, tag


class WordModel:
    """The word part of the model: the vocabulary with its idf and, per word, its weight in each tag's word score
    and in each tag's profile vector (``words.json``: ``tags``, ``idf``, ``intercepts`` by tag, and ``words``: for
    each word, ``[tag index, word weight, profile weight]`` rows)."""

    def __init__(self, words: Mapping[str, Any]):
        self.keys: tuple[Key, ...] = tuple(_key(name) for name in words["tags"])
        self.idf: Mapping[str, float] = words["idf"]
        self.intercepts: list[float] = words["intercepts"]
        # tuples, not lists: tuples of numbers drop out of the garbage collector's view, so its passes over a
        # long batch do not walk the tens of thousands of rows again and again
        self.rows: Mapping[str, tuple[tuple[float, ...], ...]] = {
            word: tuple(map(tuple, rows)) for word, rows in words["words"].items()}

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """The tf-idf vector of a unit's word counts (words outside the vocabulary are left out)."""
        weighted = {word: (1.0 + math.log(count)) * self.idf[word] for word, count in counts.items()
                    if word in self.idf}
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        return {word: value / norm for word, value in weighted.items()} if norm else {}

    def scores(self, vector: Mapping[str, float]) -> tuple[dict[Key, float], dict[Key, float]]:
        """For every tag: the word score of the vector, and its similarity to the tag's profile."""
        scores, similarities = list(self.intercepts), [0.0] * len(self.keys)
        for word, value in vector.items():
            for index, weight, profile_weight in self.rows.get(word, ()):
                scores[int(index)] += value * weight
                similarities[int(index)] += value * profile_weight
        return dict(zip(self.keys, scores)), dict(zip(self.keys, similarities))

    def contribution(self, key: Key, vector: Mapping[str, float], words: Iterable[str]) -> float:
        """How much the distinct ``words`` of one sentence add to the unit's word score for ``key``."""
        index = self.keys.index(key)
        return sum(vector.get(word, 0.0) * weight for word in set(words)
                   for row, weight, _ in self.rows.get(word, ()) if row == index)


class TopicModel:
    """The trained model, read from the model files' contents: the combining weights, thresholds and word part."""

    def __init__(self, combining: Mapping[str, Any], words: Mapping[str, Any]):
        weights = combining["weights"]
        self.thresholds: Mapping[str, float] = combining["thresholds"]
        self.bias = {_key(name): value for name, value in weights["bias"].items()}
        self.weights = {name: weights[name] for name in FEATURES}
        self.words = WordModel(words)
        self.keys = tuple(self.bias)
        self._position = {key: index for index, key in enumerate(self.keys)}
        # the word score and the similarity enter the model linearly: each word's joint weight per tag, by the
        # tag's position in ``self.keys``, worked out the first time a course uses the word
        self._rows = [self._position[key] for key in self.words.keys]
        self._base = list(self.bias.values())
        for row, intercept in zip(self._rows, self.words.intercepts):
            self._base[row] += self.weights["words"] * intercept
        self._joint: dict[str, tuple[tuple[int, float], ...]] = {}

    def _joint_weights(self, word: str) -> tuple[tuple[int, float], ...]:
        found = self._joint.get(word)
        if found is None:
            words, similarity = self.weights["words"], self.weights["similarity"]
            found = self._joint[word] = tuple((self._rows[int(index)], words * weight + similarity * profile_weight)
                                              for index, weight, profile_weight in self.words.rows.get(word, ()))
        return found

    def confidence(self, key: Key, cues: Iterable[float], similarity: float, score: float) -> float:
        """The confidence that a unit teaches ``key``, from the tag's capped cue counts, similarity and word score."""
        z = self.bias[key] + self.weights["similarity"] * similarity + self.weights["words"] * score
        z += sum(self.weights[name] * value for name, value in zip(CUE_FEATURES, cues))
        return _logistic(z)

    def confidences(self, cues: Mapping[Key, list[float]], no_cue: list[float],
                    vector: Mapping[str, float]) -> dict[Key, float]:
        """The confidence of every tag for a unit: its cue features per tag (``no_cue`` for a tag without any),
        and the tf-idf vector of its words."""
        z = list(self._base)
        for word, value in vector.items():
            for index, weight in self._joint_weights(word):
                z[index] += value * weight
        cue_weights = [self.weights[name] for name in CUE_FEATURES]
        default = sum(weight * value for weight, value in zip(cue_weights, no_cue))
        for key, found in cues.items():
            z[self._position[key]] += sum(weight * value for weight, value in zip(cue_weights, found)) - default
        return {key: _logistic(value + default) for key, value in zip(self.keys, z)}


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def cue_features(strong_sentences: int, strong_cues: int, supporting_cues: int, supporting_sentences: int,
                 title: bool, size: int) -> list[float]:
    """The cue counts of one unit and tag, capped as the model reads them."""
    values = (strong_sentences, strong_cues, supporting_cues, supporting_sentences, 1.0 if title else 0.0,
              math.log1p(size))
    return [float(min(value, CAPS[name])) if name in CAPS else float(value)
            for name, value in zip(CUE_FEATURES, values)]


def _read(name: str) -> Any:
    return json.loads(files("vetkit").joinpath("data", "topics", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shipped() -> TopicModel:
    """The model vetkit ships (``vetkit/data/topics/model.json`` and ``words.json``), read once per process."""
    return TopicModel(_read("model.json"), _read("words.json"))
