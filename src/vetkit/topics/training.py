"""Train the topic-evidence model from the labelled corpus in ``corpus/topics/`` (needs the ``train`` extra).

``python -m vetkit.topics.training`` fits the weights of :mod:`vetkit.topics.evidence` on every labelled
module text and writes ``vetkit/data/topics/model.json``; ``--check`` refits and compares instead.
The fit is deterministic: texts in file order, one logistic regression (lbfgs) over the evidence
counts with one bias per tag. The thresholds are chosen on out-of-fold confidences:
``detect`` maximizes the F1 of undeclared tags, ``confirm`` keeps at least ``--keep`` of the true
claims (a declared tag the text really teaches is rarely doubted).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterable

import yaml

from ..course import Course
from .catalogue import VOCABULARIES, profiles
from .evidence import FEATURES, CourseTopics

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus" / "topics"
MODEL = Path(__file__).resolve().parents[1] / "data" / "topics" / "model.json"
VOCABULARY_ORDER = tuple(VOCABULARIES)


def load_corpus(folder: Path = CORPUS) -> list[dict[str, Any]]:
    """The labelled texts: id, author, title, text and the set of (vocabulary, tag) they teach."""
    texts = []
    for path in sorted(folder.glob("*/*.yaml")):
        for row in yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]:
            labels = {(vocabulary, tag) for vocabulary in VOCABULARY_ORDER for tag in row.get(vocabulary) or ()}
            texts.append({"id": row["id"], "author": path.parent.name, "title": row.get("title") or "",
                          "text": row["text"], "labels": labels})
    return texts


def text_features(title: str, text: str) -> tuple[dict[tuple[str, str], list[float]], list[float]]:
    """The evidence counts of one module-sized text for every tag with a cue in it, and for a tag without."""
    course = Course({"vetkit": "1.0", "id": "T", "title": "T", "version": "1",
                     "modules": [{"id": "M1", "title": title, "minutes": 60, "objectiveIds": [], "text": text}]})
    return CourseTopics(course).features("/modules/0")


def rows(texts: Iterable[dict[str, Any]]) -> tuple[list[list[float]], list[int], list[tuple[str, str, str]]]:
    """One row per (text, tag) of every profile: the features (those of a text without a cue when the tag
    has none), one-hot tag bias columns first; the label; and (text id, vocabulary, tag)."""
    keys = sorted(profiles())
    X, y, where = [], [], []
    for text in texts:
        found, nothing = text_features(text["title"], text["text"])
        for key in keys:
            onehot = [1.0 if key == other else 0.0 for other in keys]
            X.append(onehot + found.get(key, nothing))
            y.append(1 if key in text["labels"] else 0)
            where.append((text["id"], *key))
    return X, y, where


def fit(X: list[list[float]], y: list[int]) -> dict[str, Any]:
    """The weights of one logistic regression, as the model file stores them."""
    from sklearn.linear_model import LogisticRegression

    regression = LogisticRegression(fit_intercept=False, C=1.0, max_iter=5000, solver="lbfgs")
    regression.fit(X, y)
    keys = sorted(profiles())
    coefficients = [round(float(c), 6) for c in regression.coef_[0]]
    bias = {f"{vocabulary}:{tag}": value for (vocabulary, tag), value in zip(keys, coefficients)}
    return {"bias": bias, **dict(zip(FEATURES, coefficients[len(keys):]))}


def confidences(weights: dict[str, Any], X: list[list[float]]) -> list[float]:
    """The model's confidence for each row (as :mod:`vetkit.topics.evidence` computes it)."""
    import math

    keys = sorted(profiles())
    out = []
    for row in X:
        z = sum(weights["bias"][f"{v}:{t}"] * row[i] for i, (v, t) in enumerate(keys))
        z += sum(weights[name] * value for name, value in zip(FEATURES, row[len(keys):]))
        out.append(1.0 / (1.0 + math.exp(-z)))
    return out


def out_of_fold(texts: list[dict[str, Any]], folds: int = 5) -> tuple[list[float], list[int], list[tuple]]:
    """Confidences of every (text, tag) from a model fitted without that text's fold (folds by text order)."""
    scores, labels, where = [], [], []
    for fold in range(folds):
        train = [t for i, t in enumerate(texts) if i % folds != fold]
        test = [t for i, t in enumerate(texts) if i % folds == fold]
        X, y, _ = rows(train)
        weights = fit(X, y)
        Xt, yt, wt = rows(test)
        scores += confidences(weights, Xt)
        labels += yt
        where += wt
    return scores, labels, where


def thresholds(scores: list[float], labels: list[int], keep: float) -> dict[str, float]:
    """``detect``: the F1-best threshold; ``confirm``: the highest that keeps ``keep`` of the positives."""
    candidates = sorted(set(round(s, 4) for s in scores))
    best, detect = -1.0, 0.5
    positives = sum(labels)
    for threshold in candidates:
        tp = sum(1 for s, l in zip(scores, labels) if l and s >= threshold)
        fp = sum(1 for s, l in zip(scores, labels) if not l and s >= threshold)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if positives else 0.0
        if f1 > best:
            best, detect = f1, threshold
    ranked = sorted((s for s, l in zip(scores, labels) if l), reverse=True)
    confirm = ranked[max(0, int(keep * len(ranked)) - 1)] if ranked else detect
    return {"detect": round(detect, 4), "confirm": round(min(confirm, detect), 4)}


def train(keep: float = 0.97) -> dict[str, Any]:
    """The model file's contents, fitted on the whole corpus with thresholds from out-of-fold confidences."""
    texts = load_corpus()
    X, y, _ = rows(texts)
    scores, labels, _ = out_of_fold(texts)
    return {"version": 1, "features": list(FEATURES), "weights": fit(X, y),
            "thresholds": thresholds(scores, labels, keep), "corpus": {"texts": len(texts)}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Refit and compare with the shipped model.")
    parser.add_argument("--keep", type=float, default=0.97, help="Share of true claims the confirm threshold keeps.")
    args = parser.parse_args(argv)
    model = train(args.keep)
    text = json.dumps(model, indent=2, sort_keys=True) + "\n"
    if args.check:
        same = MODEL.read_text(encoding="utf-8") == text
        print("the shipped model matches a refit" if same else "the shipped model differs from a refit")
        return 0 if same else 1
    MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {MODEL} ({len(model['weights'])} weights; thresholds {model['thresholds']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
