"""Train the topic model from the labelled corpus in ``corpus/topics/`` (needs the ``train`` extra).

``python -m vetkit.topics.training`` fits the model of :mod:`vetkit.topics.model` on every labelled module
text and writes ``vetkit/data/topics/model.json`` and ``words.json``; ``--check`` refits and compares instead.
The fit is deterministic (texts in file order, folds by position, exact solvers):

1. the vocabulary: every word found in at least two texts, and every word of the tag profiles, with its idf;
2. the word weights: a ridge regression per tag over the texts' tf-idf vectors, keeping the ``KEEP`` largest
   weights of each tag;
3. the combining model: a logistic regression over every (text, tag) — a bias per tag, the capped cue counts,
   the similarity to the tag's profile and the word score — where each text's word scores come from word
   weights fitted without it (out-of-fold stacking), so the word score is weighed as it scores unseen text;
4. the threshold, on out-of-fold confidences: ``detect`` maximizes the macro-F1 over tags.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import yaml

from ..corpora import corpus_folder
from ..course import Course
from ..textindex import words_of
from .catalogue import VOCABULARIES, TagProfile, profiles
from .evidence import CourseTopics, UnitReading
from .model import CUE_FEATURES, FEATURES, Key, TopicModel, WordModel, key_name

CORPUS = corpus_folder("topics")
DATA = Path(__file__).resolve().parents[1] / "data" / "topics"
VOCABULARY_ORDER = tuple(VOCABULARIES)
FOLDS = 5
ALPHA = 0.3  # ridge penalty of the word weights
KEEP = 400  # word weights kept per tag
STRENGTH = 100.0  # inverse L2 penalty of the combining model: its per-tag biases need room
MIN_TEXTS = 2  # a corpus word enters the vocabulary from this many texts


def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """The labelled texts: id, author, title, text, the set of (vocabulary, tag) they teach and the set they
    touch without teaching (near misses, in every vocabulary that has the tag)."""
    texts = []
    for path in sorted(folder.glob("[AB]/*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]:
            labels = {(vocabulary, tag) for vocabulary in VOCABULARY_ORDER for tag in row.get(vocabulary) or ()}
            near = {key for tag in row.get("near_miss") or () for key in profiles() if key[1] == tag} - labels
            texts.append({"id": row["id"], "author": path.parent.name, "title": row.get("title") or "",
                          "text": row["text"], "labels": labels, "near_miss": near})
    return texts


def read_text(title: str, text: str) -> UnitReading:
    """What the model reads of one module-sized text."""
    course = Course({"vetkit": "1.0", "id": "T", "title": "T", "version": "1",
                     "modules": [{"id": "M1", "title": title, "minutes": 60, "objectiveIds": [], "text": text}]})
    return CourseTopics(course).reading("/modules/0")


def read_corpus(texts: Sequence[dict[str, Any]]) -> list[UnitReading]:
    """The reading of every labelled text."""
    return [read_text(text["title"], text["text"]) for text in texts]


def _profile_words(found: TagProfile) -> Counter:
    cues = " ".join(re.sub(r"[{}\[\]|]", " ", cue) for cue in (*found.strong, *found.supporting))
    return Counter(words_of(" ".join((found.definition, found.example, cues))))


def fit_words(readings: Sequence[UnitReading], labels: Sequence[set[Key]]) -> dict[str, Any]:
    """The word part of the model (``words.json``) fitted on some texts."""
    import numpy
    from sklearn.linear_model import Ridge

    keys = sorted(profiles())
    documents = Counter(word for reading in readings for word in reading.words)
    described = {key: _profile_words(found) for key, found in profiles().items()}
    vocabulary = {word for word, count in documents.items() if count >= MIN_TEXTS}
    vocabulary |= {word for counts in described.values() for word in counts}
    total = len(readings)
    idf = {word: round(math.log((1 + total) / (1 + documents.get(word, 0))) + 1.0, 4) for word in sorted(vocabulary)}
    reader = WordModel({"tags": [], "idf": idf, "intercepts": [], "words": {}})
    rows: dict[str, dict[int, list[float]]] = {}
    for index, key in enumerate(keys):
        for word, value in reader.vector(described[key]).items():
            if round(value, 4):
                rows.setdefault(word, {}).setdefault(index, [0.0, 0.0])[1] = round(value, 4)
    columns = {word: index for index, word in enumerate(idf)}
    matrix = numpy.zeros((total, len(columns)))
    for row, reading in enumerate(readings):
        for word, value in reader.vector(reading.words).items():
            matrix[row, columns[word]] = value
    targets = numpy.array([[1.0 if key in found else -1.0 for key in keys] for found in labels])
    regression = Ridge(alpha=ALPHA, solver="cholesky").fit(matrix, targets)
    words = list(columns)
    for index in range(len(keys)):
        coefficients = regression.coef_[index]
        strongest = sorted(range(len(words)), key=lambda column: (-abs(coefficients[column]), words[column]))[:KEEP]
        for column in strongest:
            weight = round(float(coefficients[column]), 4)
            if weight:
                rows.setdefault(words[column], {}).setdefault(index, [0.0, 0.0])[0] = weight
    return {"tags": [key_name(key) for key in keys], "idf": idf,
            "intercepts": [round(float(value), 4) for value in regression.intercept_],
            "words": {word: [[index, *found[index]] for index in sorted(found)]
                      for word, found in sorted(rows.items())}}


def word_inputs(words: dict[str, Any],
                readings: Sequence[UnitReading]) -> list[tuple[dict[Key, float], dict[Key, float]]]:
    """(word scores, profile similarities) of every reading under one word part."""
    model = WordModel(words)
    return [model.scores(model.vector(reading.words)) for reading in readings]


def out_of_fold_words(readings: Sequence[UnitReading], labels: Sequence[set[Key]]) -> list[tuple[dict, dict]]:
    """The word inputs of every text from a word part fitted without the text's fold."""
    found: list[tuple[dict, dict]] = [({}, {})] * len(readings)
    for fold in range(FOLDS):
        train = [index for index in range(len(readings)) if index % FOLDS != fold]
        held = [index for index in range(len(readings)) if index % FOLDS == fold]
        words = fit_words([readings[i] for i in train], [labels[i] for i in train])
        for index, inputs in zip(held, word_inputs(words, [readings[i] for i in held])):
            found[index] = inputs
    return found


def _rows(readings: Sequence[UnitReading], inputs: Sequence[tuple[dict, dict]]) -> list[list[float]]:
    keys = sorted(profiles())
    return [[*reading.cues.get(key, reading.no_cue), similarities[key], scores[key]]
            for reading, (scores, similarities) in zip(readings, inputs) for key in keys]


def fit_combining(readings: Sequence[UnitReading], inputs: Sequence[tuple[dict, dict]],
                  labels: Sequence[set[Key]]) -> dict[str, Any]:
    """The weights of the combining model: one logistic regression with a bias per tag and shared weights."""
    from scipy.sparse import csr_matrix, hstack, identity, vstack
    from sklearn.linear_model import LogisticRegression

    keys = sorted(profiles())
    onehot = vstack([identity(len(keys), format="csr")] * len(readings))
    design = hstack([onehot, csr_matrix(_rows(readings, inputs))]).tocsr()
    target = [1 if key in found else 0 for found in labels for key in keys]
    regression = LogisticRegression(fit_intercept=False, C=STRENGTH, max_iter=5000, solver="lbfgs").fit(design, target)
    coefficients = [round(float(value), 6) for value in regression.coef_[0]]
    bias = {key_name(key): value for key, value in zip(keys, coefficients)}
    return {"bias": bias, **dict(zip(FEATURES, coefficients[len(keys):]))}


def confidences(model: TopicModel, readings: Sequence[UnitReading],
                inputs: Sequence[tuple[dict, dict]] | None = None) -> list[dict[Key, float]]:
    """The confidence of every tag for every reading: as vetkit scores a unit, or from given word ``inputs``."""
    if inputs is None:
        return [model.confidences(reading.cues, reading.no_cue, model.words.vector(reading.words))
                for reading in readings]
    return [{key: model.confidence(key, reading.cues.get(key, reading.no_cue), similarities[key], scores[key])
             for key in model.bias} for reading, (scores, similarities) in zip(readings, inputs)]


def macro_f1(scored: Sequence[dict[Key, float]], labels: Sequence[set[Key]], threshold: float) -> float:
    """The mean over tags of the F1 of 'confidence ≥ threshold' against the labels."""
    total = 0.0
    keys = sorted(profiles())
    for key in keys:
        tp = sum(1 for row, found in zip(scored, labels) if row[key] >= threshold and key in found)
        fp = sum(1 for row, found in zip(scored, labels) if row[key] >= threshold and key not in found)
        fn = sum(1 for row, found in zip(scored, labels) if row[key] < threshold and key in found)
        total += 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return total / len(keys)


def thresholds(scored: Sequence[dict[Key, float]], labels: Sequence[set[Key]]) -> dict[str, float]:
    """``detect``: the macro-F1-best threshold (the higher on a tie)."""
    candidates = [round(0.05 * step, 2) for step in range(1, 20)]
    return {"detect": max(candidates, key=lambda threshold: (macro_f1(scored, labels, threshold), -threshold))}


def fit(readings: Sequence[UnitReading], labels: Sequence[set[Key]]) -> tuple[dict, dict]:
    """The contents of ``model.json`` and ``words.json`` fitted on some labelled readings."""
    inputs = out_of_fold_words(readings, labels)
    held_out: list[dict[Key, float]] = [{}] * len(readings)
    for fold in range(FOLDS):
        train = [index for index in range(len(readings)) if index % FOLDS != fold]
        held = [index for index in range(len(readings)) if index % FOLDS == fold]
        weights = fit_combining([readings[i] for i in train], [inputs[i] for i in train], [labels[i] for i in train])
        model = TopicModel({"weights": weights, "thresholds": {}}, {"tags": [], "idf": {}, "intercepts": [],
                                                                     "words": {}})
        for index, row in zip(held, confidences(model, [readings[i] for i in held], [inputs[i] for i in held])):
            held_out[index] = row
    combining = {"version": 2, "features": list(FEATURES), "cue_features": list(CUE_FEATURES),
                 "weights": fit_combining(readings, inputs, labels), "thresholds": thresholds(held_out, labels),
                 "corpus": {"texts": len(readings)}}
    return combining, fit_words(readings, labels)


def render(combining: dict[str, Any], words: dict[str, Any]) -> dict[str, str]:
    """The model files' text, by file name."""
    return {"model.json": json.dumps(combining, indent=2, sort_keys=True) + "\n",
            "words.json": json.dumps(words, sort_keys=True, separators=(",", ":")) + "\n"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Refit and compare with the shipped model.")
    args = parser.parse_args(argv)
    texts = load_corpus()
    combining, words = fit(read_corpus(texts), [text["labels"] for text in texts])
    files = render(combining, words)
    if args.check:
        differ = [name for name, text in files.items() if (DATA / name).read_text(encoding="utf-8") != text]
        print(f"the shipped model differs from a refit: {', '.join(differ)}" if differ
              else "the shipped model matches a refit")
        return 1 if differ else 0
    for name, text in files.items():
        (DATA / name).write_text(text, encoding="utf-8")
    print(f"wrote {', '.join(files)} to {DATA} (thresholds {combining['thresholds']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
