"""The shipped concept and stance models: linear weights read from a data file and scored in plain Python.

The models are trained by :mod:`vetkit.concepts.training` (scikit-learn, from the ``train`` extra) and
exported as JSON (``vetkit/data/concepts/model.json``). Each model holds its classes, a bias per class
and, for every feature, its weights per class in thousandths, as two strings of one line per feature
(``features`` and ``weights``, a line like ``3:-1234 7:456``), so the file loads in a few
milliseconds and a feature's line is read only when a course first uses it.

Scoring needs neither scikit-learn nor numpy: each occurrence of a feature of a sentence
(:mod:`vetkit.concepts.features`) weighs ``1 / sqrt(number of features)``, a class's score is its bias
plus the weights of the features present, and its probability the logistic of that score
(one-vs-rest). The weights of a feature for every class are packed into one integer, a lane of
:data:`LANE` bits per class, so that the weights of a sentence add up with one integer addition per
feature; a word's own features (the word and its character n-grams) are summed once per process
(:meth:`LinearModel.sentence_scores`). The sums are exact (thousandths), and the lanes are read
once per sentence.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
from collections.abc import Mapping, Sequence
from functools import cached_property, lru_cache
from importlib.resources import files
from typing import Any

from attrs import frozen

MODEL_FILE = "model.json"
#: Bits per class in a packed weight vector: a sentence's sum per class stays far below 2**31 thousandths.
LANE = 32
_HALF = 1 << (LANE - 1)


@lru_cache(maxsize=8)
def _offset(count: int) -> int:
    """Half a lane in every lane: added to a packed total, it makes every lane a plain unsigned number."""
    return sum(_HALF << (LANE * index) for index in range(count))


def entry_line(weights: Sequence[tuple[int, int]]) -> str:
    """One feature's line of the model file: ``class:weight`` pairs, weights in the model's units."""
    return " ".join(f"{index}:{weight}" for index, weight in weights)


class LinearModel:
    """One-vs-rest logistic regression: a bias per class and sparse integer weights per feature."""

    def __init__(self, classes: Sequence[str], bias: Sequence[float], lines: Mapping[str, str], scale: int = 1000):
        self.classes = tuple(classes)
        self.bias = tuple(bias)
        self.lines = lines  # feature -> its line ("3:-1234 7:456")
        self.scale = scale
        self._packed: dict[str, int] = {}
        self._words: dict[str, tuple[int, int]] = {}

    def packed(self, feature: str) -> int:
        """The weights of ``feature`` packed into one integer (0 when the model does not know it)."""
        value = self._packed.get(feature)
        if value is None:
            line = self.lines.get(feature)
            if line is None:
                return 0
            value = 0
            for item in line.split():
                index, weight = item.split(":")
                value += int(weight) << (LANE * int(index))
            self._packed[feature] = value
        return value

    def unpacked(self, total: int) -> list[int]:
        """The per-class sums (in the model's units) of a packed total."""
        count = len(self.classes)
        lanes = struct.unpack(f"<{count}I", (total + _offset(count)).to_bytes(4 * count, "little"))
        return [lane - _HALF for lane in lanes]

    def _scaled(self, total: int, count: int) -> list[float]:
        value = 1.0 / (self.scale * math.sqrt(count)) if count else 0.0
        return [bias + lane * value for bias, lane in zip(self.bias, self.unpacked(total))]

    def scores(self, features: Sequence[str]) -> list[float]:
        """The decision value of every class for the features of a sentence (each occurrence counts)."""
        packed = self.packed
        return self._scaled(sum(packed(feature) for feature in features), len(features))

    def _word(self, word: str, word_features) -> tuple[int, int]:
        entry = self._words.get(word)
        if entry is None:
            features = word_features(word)
            packed = self.packed
            entry = self._words[word] = (sum(packed(feature) for feature in features), len(features))
        return entry

    def sentence_scores(self, words: Sequence[str], word_features, pair_features) -> list[float]:
        """:meth:`scores` of a sentence's features, with each word's own features summed once per process.

        ``word_features(word)`` gives the features of one word, ``pair_features(words)`` those that span
        words; together they are the sentence's features.
        """
        cached, packed = self._words, self.packed
        total = count = 0
        for word in words:
            entry = cached.get(word) or self._word(word, word_features)
            total += entry[0]
            count += entry[1]
        pairs = pair_features(words)
        known, lines = self._packed, self.lines
        for feature in pairs:
            value = known.get(feature)
            if value is None:
                if feature not in lines:
                    continue  # most word pairs: unknown to the model
                value = packed(feature)
            total += value
        return self._scaled(total, count + len(pairs))

    def strongest_word(self, words: Sequence[str], word_features, index: int) -> int | None:
        """The position of the word whose own features weigh most for class ``index`` (None when none weighs)."""
        best, best_weight = None, 0
        for position, word in enumerate(words):
            weight = self.unpacked(self._word(word, word_features)[0])[index]
            if weight > best_weight:
                best, best_weight = position, weight
        return best

    def probabilities(self, features: Sequence[str]) -> dict[str, float]:
        """The probability of every class (logistic of its decision value)."""
        return {name: logistic(score) for name, score in zip(self.classes, self.scores(features))}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LinearModel:
        features, lines = data["features"], data["weights"]
        table = dict(zip(features.split("\n"), lines.split("\n"))) if features else {}
        return cls(data["classes"], data["bias"], table, int(data.get("scale", 1000)))

    def to_json(self) -> dict[str, Any]:
        features = sorted(self.lines)
        return {"classes": list(self.classes), "bias": list(self.bias), "scale": self.scale,
                "features": "\n".join(features), "weights": "\n".join(self.lines[f] for f in features)}


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
