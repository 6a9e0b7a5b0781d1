"""The shipped concept and stance models: linear weights read from a data file and scored in plain Python.

The models are trained by :mod:`vetkit.concepts.training` (scikit-learn, from the ``train`` extra) and
exported as JSON (``vetkit/data/concepts/model.json``): for every feature, its weight per class.
Scoring needs neither scikit-learn nor numpy: each occurrence of a feature of a sentence
(:mod:`vetkit.concepts.features`) weighs ``1 / sqrt(number of features)``, a class's score is its bias
plus the weights of the features present, and its probability the logistic of that score
(one-vs-rest). Because a feature counts once per occurrence, a word's own features (the word and
its character n-grams) add up to one vector per word, computed once per process
(:meth:`LinearModel.word_scores`).
"""

from __future__ import annotations

import hashlib
import json
import math
from functools import cached_property, lru_cache
from operator import add
from importlib.resources import files
from typing import Any, Mapping, Sequence

from attrs import field, frozen

MODEL_FILE = "model.json"


@frozen
class LinearModel:
    """One-vs-rest logistic regression: a bias per class and sparse weights per feature."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: Mapping[str, Sequence[Sequence[float]]]  # feature -> [[class index, weight], ...]
    _word_cache: dict = field(factory=dict, eq=False, repr=False)

    def scores(self, features: Sequence[str]) -> list[float]:
        """The decision value of every class for the features of a sentence (each occurrence counts)."""
        totals = [0.0] * len(self.classes)
        weights = self.weights
        for feature in features:
            entries = weights.get(feature)
            if entries:
                for index, weight in entries:
                    totals[index] += weight
        return self._scaled(totals, len(features))

    def _scaled(self, totals: list[float], count: int) -> list[float]:
        value = 1.0 / math.sqrt(count) if count else 0.0
        return [bias + total * value for bias, total in zip(self.bias, totals)]

    def sentence_scores(self, words: Sequence[str], word_features, pair_features) -> list[float]:
        """:meth:`scores` of a sentence's features, with each word's own features summed once per process.

        ``word_features(word)`` gives the features of one word, ``pair_features(words)`` those that span
        words; together they are the sentence's features.
        """
        totals = [0.0] * len(self.classes)
        count = 0
        cached = self._word_cache
        for word in words:
            entry = cached.get(word)
            if entry is None:
                features = word_features(word)
                entry = cached[word] = (self._summed(features), len(features))
            if entry[0] is not None:
                totals = list(map(add, totals, entry[0]))
            count += entry[1]
        weights = self.weights
        pairs = pair_features(words)
        for feature in pairs:
            entries = weights.get(feature)
            if entries:
                for index, weight in entries:
                    totals[index] += weight
        return self._scaled(totals, count + len(pairs))

    def strongest_word(self, words: Sequence[str], word_features, index: int) -> int | None:
        """The position of the word whose own features weigh most for class ``index`` (None when none weighs)."""
        best, best_weight = None, 0.0
        for position, word in enumerate(words):
            entry = self._word_cache.get(word)
            if entry is None:
                features = word_features(word)
                entry = self._word_cache[word] = (self._summed(features), len(features))
            if entry[0] is not None and entry[0][index] > best_weight:
                best, best_weight = position, entry[0][index]
        return best

    def _summed(self, features: Sequence[str]) -> list[float] | None:
        totals = [0.0] * len(self.classes)
        found = False
        for feature in features:
            entries = self.weights.get(feature)
            if entries:
                found = True
                for index, weight in entries:
                    totals[index] += weight
        return totals if found else None

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """The probability of every class (logistic of its decision value)."""
        return {name: logistic(score) for name, score in zip(self.classes, self.scores(features))}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "LinearModel":
        return cls(tuple(data["classes"]), tuple(data["bias"]), data["weights"])  # type: ignore[call-arg]

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": list(self.bias),
                "weights": {feature: self.weights[feature] for feature in sorted(self.weights)}}


def logistic(score: float) -> float:
    """1 / (1 + e^-score)."""
    if score < -35:
        return 0.0
    return 1.0 / (1.0 + math.exp(-score))


@frozen
class Thresholds:
    """When a detector hit of a family is shown: ``review`` (the concept probability from which each
    concept of the family is shown) and ``fail`` (concept probability times the probability that the
    course asserts it; None: never fails)."""

    review: Mapping[str, float]
    fail: float | None

    @property
    def lowest(self) -> float:
        """The lowest review threshold of the family's concepts."""
        return min(self.review.values(), default=1.0)


class ConceptModel:
    """The concept model, the stance model, the thresholds per family and where they come from."""

    def __init__(self, data: Mapping[str, Any], *, name: str = MODEL_FILE, raw: bytes = b""):
        self.data = data
        self.name = name
        self.version: str = data["version"]
        self.sha256 = hashlib.sha256(raw).hexdigest() if raw else ""
        self.concept = LinearModel.from_json(data["concept"])
        self.stance = LinearModel.from_json(data["stance"])
        self.minimum_words: int = int(data.get("settings", {}).get("min_words", 1))
        #: the share of the stance model's belief "asserted" needs before a hit counts as asserted
        self.minimum_asserted: float = float(data.get("settings", {}).get("min_asserted", 0.0))
        #: the kinds of field the models were trained and measured on: the only ones they read
        self.fields: frozenset[str] = frozenset(data.get("fields", ()))
        self.thresholds = {family: Thresholds(dict(values["review"]), values.get("fail"))
                           for family, values in data["thresholds"].items()}

    @cached_property
    def description(self) -> str:
        """The model file, its version and the start of its checksum, for ``vetkit plugins`` and ``explain``."""
        return f"{self.name} {self.version} (sha256 {self.sha256[:12]})" if self.sha256 else f"{self.name} {self.version}"

    def to_json(self) -> dict[str, Any]:
        return dict(self.data)


def dumps(data: Mapping[str, Any]) -> bytes:
    """The model file's bytes: sorted keys, one line per top-level part, so that retraining is comparable."""
    return (json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n").encode()


@lru_cache(maxsize=1)
def shipped_model() -> ConceptModel:
    """The model shipped in the package (read once per process)."""
    resource = files("vetkit").joinpath("data", "concepts", MODEL_FILE)
    raw = resource.read_bytes()
    return ConceptModel(json.loads(raw), name=f"vetkit/data/concepts/{MODEL_FILE}", raw=raw)
