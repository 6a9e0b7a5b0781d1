"""The topic model: how a unit's cue counts and words become the confidence that it teaches a tag.

Three readings of a unit's text meet in one logistic model per tag (a bias per tag, shared weights):

- the cue counts of the tag's profile (sentences with a strong cue, distinct cues, a cue in the title, the size);
- the similarity of the unit's words to the tag's profile (its definition, example and cue words);
- the word score: a linear model over the unit's words, fitted per tag on the labelled corpus.

Words are weighted tf-idf (logarithmic counts times the inverse document frequency of the corpus, scaled
to unit length). The weights are read from ``vetkit/data/topics/model.json`` (the combining model and its
thresholds) and ``words.json`` (the vocabulary, the profiles' word vectors and the word weights per tag).
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


def _by_word(table: Mapping[str, Mapping[str, float]]) -> dict[str, dict[Key, float]]:
    inverted: dict[str, dict[Key, float]] = {}
    for name, weights in table.items():
        for word, weight in weights.items():
            inverted.setdefault(word, {})[_key(name)] = weight
    return inverted


class WordModel:
    """The word part of the model: the vocabulary with its idf, the profiles' word vectors, the word weights per tag."""

    def __init__(self, words: Mapping[str, Any]):
        self.idf: Mapping[str, float] = words["idf"]
        self.intercepts = {_key(name): value for name, value in words["intercepts"].items()}
        self.weights = _by_word(words["weights"])
        self.profiles = _by_word(words["profiles"])

    def vector(self, counts: Mapping[str, int]) -> dict[str, float]:
        """The tf-idf vector of a unit's word counts (words outside the vocabulary are left out)."""
        weighted = {word: (1.0 + math.log(count)) * self.idf[word] for word, count in counts.items()
                    if word in self.idf}
        norm = math.sqrt(sum(value * value for value in weighted.values()))
        return {word: value / norm for word, value in weighted.items()} if norm else {}

    def scores(self, vector: Mapping[str, float]) -> tuple[dict[Key, float], dict[Key, float]]:
        """For every tag: the word score of the vector, and its similarity to the tag's profile."""
        scores = dict(self.intercepts)
        similarities = dict.fromkeys(self.intercepts, 0.0)
        for word, value in vector.items():
            for key, weight in self.weights.get(word, {}).items():
                scores[key] += value * weight
            for key, weight in self.profiles.get(word, {}).items():
                similarities[key] += value * weight
        return scores, similarities

    def contribution(self, key: Key, vector: Mapping[str, float], words: Iterable[str]) -> float:
        """How much the distinct ``words`` of one sentence add to the unit's word score for ``key``."""
        return sum(vector.get(word, 0.0) * self.weights.get(word, {}).get(key, 0.0) for word in set(words))


class TopicModel:
    """The trained model, read from the model files' contents: the combining weights, thresholds and word part."""

    def __init__(self, combining: Mapping[str, Any], words: Mapping[str, Any]):
        weights = combining["weights"]
        self.thresholds: Mapping[str, float] = combining["thresholds"]
        self.bias = {_key(name): value for name, value in weights["bias"].items()}
        self.weights = {name: weights[name] for name in FEATURES}
        self.words = WordModel(words)
        # the word score and the similarity enter the model linearly: one table of their joint weight per word,
        # by the position of the tag in ``self.keys``
        self.keys = tuple(self.bias)
        position = {key: index for index, key in enumerate(self.keys)}
        self._base = [self.bias[key] + self.weights["words"] * self.words.intercepts.get(key, 0.0) for key in self.keys]
        joint: dict[str, dict[int, float]] = {}
        for table, weight in ((self.words.weights, self.weights["words"]), (self.words.profiles, self.weights["similarity"])):
            for word, entries in table.items():
                found = joint.setdefault(word, {})
                for key, value in entries.items():
                    found[position[key]] = found.get(position[key], 0.0) + weight * value
        self._joint = {word: tuple(entries.items()) for word, entries in joint.items()}
        self._position = position

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
            for index, weight in self._joint.get(word, ()):
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
    return [float(min(value, CAPS[name])) if name in CAPS else float(value) for name, value in zip(CUE_FEATURES, values)]


def _read(name: str) -> Any:
    return json.loads(files("vetkit").joinpath("data", "topics", name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def shipped() -> TopicModel:
    """The model vetkit ships (``vetkit/data/topics/model.json`` and ``words.json``), read once per process."""
    return TopicModel(_read("model.json"), _read("words.json"))
