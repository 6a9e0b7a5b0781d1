"""Training and measuring the concept detectors on the team's corpus (``corpus/concepts/``).

Needs scikit-learn (the ``train`` extra)::

    python -m vetkit.concepts.training           # retrain and write vetkit/data/concepts/model.json
    python -m vetkit.concepts.training --check   # exit 1 when retraining would change the shipped file

Training is deterministic: rows are read in file and id order, the folds are grouped by ``group``
(a sentence and its rewordings stay in one fold) without shuffling, the solver is liblinear, and the
exported weights are rounded. Two one-vs-rest logistic regressions are trained: the concept model
over word and character n-grams of a sentence (31 concepts and ``none``), and the stance model over
the words of the sentence that holds the concept, cue features and the words of the sentences around
it. Each binary problem weighs its classes by their frequency (``balanced``), so that a concept with
fifty rows is not drowned by three thousand others. The thresholds per family are calibrated on
held-out folds: ``review`` is the highest probability at which the family's held-out recall of
asserted rows is still 0.8 (or the best it reaches), ``fail`` the lowest confidence above which the
held-out precision of failing hits is at least 0.95 and no refuted, negated, quoted or named row
fails, and never below 0.9: the corpus's negatives are hard but few, and ordinary course text
(headings, checklists, the bundled examples) reads closer to a concept than they do. A family that
never reaches that precision never fails.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from attrs import frozen

from ..text import PreparedText
from .catalogue import STANCES, concepts, family_of, families
from .features import concept_features, stance_features, words
from .model import MODEL_FILE, ConceptModel, LinearModel, dumps
from .reading import KEY_INCORRECT, Reading, concept_scores, read_sentence

VERSION = "1.0"
CORPUS = Path(__file__).resolve().parents[3] / "corpus" / "concepts"
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "concepts" / MODEL_FILE
SETTINGS = {"concept_c": 10.0, "stance_c": 3.0, "class_weight": None, "min_df": 2, "prune": 0.2, "digits": 3, "folds": 5,
            "review_floor": 0.7, "min_words": 6, "review_recall": 0.8, "fail_precision": 0.95, "fail_floor": 0.9}
_GRID = tuple(round(0.05 * step, 2) for step in range(3, 20))
_FIELDS = ("id", "group", "concept", "stance", "field", "text")


@frozen
class Row:
    """One labelled row of the corpus."""

    id: str
    group: str
    concept: str
    stance: str
    field: str
    text: str
    author: str
    choice_correct: bool | None = None

    @property
    def family(self) -> str | None:
        return family_of(self.concept)

    @property
    def key(self) -> str | None:
        return KEY_INCORRECT if self.choice_correct is False else None


def load_corpus(root: Path = CORPUS) -> list[Row]:
    """Every row of every author folder under ``root``, validated, sorted by author and id."""
    import yaml

    known = set(concepts()) | {"none"}
    rows, seen, group_labels = [], set(), {}
    for path in sorted(root.glob("*/*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in document["rows"]:
            missing = [key for key in _FIELDS if not raw.get(key)]
            if missing:
                raise ValueError(f"{path}: row {raw.get('id')} lacks {', '.join(missing)}")
            if raw["concept"] not in known or raw["stance"] not in (*STANCES, "unrelated"):
                raise ValueError(f"{path}: row {raw['id']} has concept {raw['concept']!r} or stance {raw['stance']!r}")
            if raw["id"] in seen:
                raise ValueError(f"{path}: row id {raw['id']} is used twice")
            label = (raw["concept"], raw["stance"])
            if group_labels.setdefault(raw["group"], label) != label:
                raise ValueError(f"{path}: group {raw['group']} mixes concepts or stances")
            seen.add(raw["id"])
            rows.append(Row(raw["id"], raw["group"], raw["concept"], raw["stance"], raw["field"],
                            " ".join(str(raw["text"]).split()), path.parent.name, raw.get("choice_correct")))
    return sorted(rows, key=lambda row: (row.author, row.id))


def corpus_digest(rows: Sequence[Row]) -> str:
    """A checksum of the rows a model is trained on."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update("\x1f".join((row.id, row.group, row.concept, row.stance, row.field, row.text,
                                   str(row.choice_correct))).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


# --------------------------------------------------------------------------- fitting

def _fit_linear(samples: Sequence[Sequence[str]], labels: Sequence[str], c: float) -> LinearModel:
    """One-vs-rest logistic regression over feature counts scaled by ``1 / sqrt(number of features)``, exported
    rounded and without its smallest weights."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    frequency = Counter(feature for sample in samples for feature in set(sample))
    kept = sorted(feature for feature, count in frequency.items() if count >= SETTINGS["min_df"])
    vocabulary = {feature: index for index, feature in enumerate(kept)}
    lengths = [len(sample) for sample in samples]  # rare features count in the scale, as in scoring
    samples = [[feature for feature in sample if feature in vocabulary] for sample in samples]
    data, indices, indptr = [], [], [0]
    for sample, length in zip(samples, lengths):
        value = 1.0 / math.sqrt(length) if length else 0.0
        indices.extend(sorted(vocabulary[f] for f in sample))
        data.extend([value] * len(sample))
        indptr.append(len(indices))
    matrix = csr_matrix((data, indices, indptr), shape=(len(samples), len(vocabulary)))
    matrix.sum_duplicates()
    classifier = OneVsRestClassifier(LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=1000,
                                                            class_weight=SETTINGS.get("class_weight")))
    classifier.fit(matrix, list(labels))
    digits, prune = SETTINGS["digits"], SETTINGS["prune"]
    classes = [str(name) for name in classifier.classes_]
    coefficients = [estimator.coef_[0] for estimator in classifier.estimators_]
    biases = [round(float(estimator.intercept_[0]), digits) for estimator in classifier.estimators_]
    features = sorted(vocabulary, key=vocabulary.get)
    weights = {}
    for feature in features:
        column = vocabulary[feature]
        entries = [[k, round(float(row[column]), digits)] for k, row in enumerate(coefficients)
                   if abs(row[column]) >= prune]
        if entries:
            weights[feature] = entries
    return LinearModel(tuple(classes), tuple(biases), weights)


def _units(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The sentences of a row, with their words."""
    spans = PreparedText(text).sentences or ((0, len(text)),)
    return [(text[start:end], words(text[start:end])) for start, end in spans if text[start:end].strip()]


def _hit_sentence(model: ConceptModel, units: Sequence[tuple[str, tuple[str, ...]]]) -> int:
    """The sentence of a row that the concept model finds most likely to hold a concept."""
    return max(range(len(units)), key=lambda i: (concept_scores(model, units[i][1])[1], -i))


def _context(units: Sequence[tuple[str, tuple[str, ...]]], index: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    before = units[index - 1][1] if index > 0 else ()
    after = units[index + 1][1] if index + 1 < len(units) else ()
    return before, after


def fit(rows: Sequence[Row]) -> ConceptModel:
    """The concept and stance models trained on ``rows`` (thresholds not yet calibrated)."""
    concept = _fit_linear([concept_features(words(row.text)) for row in rows], [row.concept for row in rows],
                          SETTINGS["concept_c"])
    partial = ConceptModel({"version": VERSION, "concept": concept.to_json(),
                            "stance": LinearModel(("asserted",), (0.0,), {}).to_json(), "thresholds": {}})
    samples, labels = [], []
    for row in rows:
        if row.concept == "none":
            continue
        units = _units(row.text)
        index = _hit_sentence(partial, units)
        before, after = _context(units, index)
        samples.append(stance_features(units[index][0], units[index][1], row.field, before, after))
        labels.append(row.stance)
    stance = _fit_linear(samples, labels, SETTINGS["stance_c"])
    return ConceptModel({"version": VERSION, "concept": concept.to_json(), "stance": stance.to_json(),
                         "thresholds": {}})


def read_row(model: ConceptModel, row: Row) -> Reading | None:
    """What the detectors make of a corpus row: its most concept-like sentence, read in its context."""
    units = _units(row.text)
    index = _hit_sentence(model, units)
    if len(units[index][1]) < SETTINGS["min_words"]:
        return None  # as in a course: too short to read
    before, after = _context(units, index)
    return read_sentence(model, units[index][0], units[index][1], row.field, before=before, after=after,
                         key=row.key)


def _folds(rows: Sequence[Row], count: int) -> list[list[int]]:
    from sklearn.model_selection import GroupKFold

    indices = list(range(len(rows)))
    return [list(test) for _, test in GroupKFold(n_splits=count).split(indices, groups=[r.group for r in rows])]


def cross_validate(rows: Sequence[Row], folds: int | None = None) -> list[Reading | None]:
    """Held-out readings of every row under grouped cross-validation."""
    readings: list[Reading | None] = [None] * len(rows)
    for test in _folds(rows, folds or SETTINGS["folds"]):
        held_out = set(test)
        model = fit([row for i, row in enumerate(rows) if i not in held_out])
        for i in test:
            readings[i] = read_row(model, rows[i])
    return readings


# --------------------------------------------------------------------------- thresholds and figures

@frozen
class Outcome:
    """What a reading of a row becomes under some thresholds."""

    effect: str | None  # fail, needs-review, note, or None (nothing shown)
    family: str | None


def outcome(reading: Reading | None, thresholds: Mapping[str, Mapping[str, Any]]) -> Outcome:
    """The effect a reading gets: fail, needs-review (asserted hits), note (other stances), or nothing."""
    if reading is None:
        return Outcome(None, None)
    limits = thresholds.get(reading.family)
    if limits is None or reading.probability < limits["review"]:
        return Outcome(None, reading.family)
    if reading.stance != "asserted":
        return Outcome("note", reading.family)
    if limits.get("fail") is not None and reading.confidence >= limits["fail"]:
        return Outcome("fail", reading.family)
    return Outcome("needs-review", reading.family)


def calibrate(rows: Sequence[Row], readings: Sequence[Reading | None]) -> dict[str, dict[str, Any]]:
    """Thresholds per family from held-out readings (see the module docstring)."""
    thresholds: dict[str, dict[str, Any]] = {}
    floor = SETTINGS["review_floor"]
    for family in families():
        asserted = [i for i, row in enumerate(rows) if row.family == family and row.stance == "asserted"]
        shown = [(i, r) for i, r in enumerate(readings) if r is not None and r.family == family and
                 r.stance == "asserted"]
        def recall(level: float) -> float:
            found = sum(1 for i, r in shown if r.probability >= level and rows[i].family == family
                        and rows[i].stance == "asserted")
            return found / len(asserted) if asserted else 0.0

        target = min(SETTINGS["review_recall"], recall(floor))
        review = max((level for level in _GRID if level >= floor and recall(level) >= target), default=floor)
        # fail: the lowest confidence above which held-out precision stays >= target and no other stance fails
        candidates = sorted({r.confidence for _, r in shown if r.probability >= review}, reverse=True)
        fail, correct, total = None, 0, 0
        ranked = sorted(((r.confidence, i) for i, r in shown if r.probability >= review), reverse=True)
        position = 0
        for level in candidates:
            while position < len(ranked) and ranked[position][0] >= level:
                i = ranked[position][1]
                total += 1
                correct += rows[i].family == family and rows[i].stance == "asserted"
                position += 1
            wrong_stance = any(rows[i].concept != "none" and rows[i].stance != "asserted" for _, i in ranked[:position])
            if correct / total >= SETTINGS["fail_precision"] and not wrong_stance:
                fail = round(level, 4) if total >= 5 else None
            else:
                break
        if fail is not None:
            fail = max(fail, SETTINGS["fail_floor"])
        thresholds[family] = {"review": review, "fail": fail}
    return thresholds


def figures(rows: Sequence[Row], readings: Sequence[Reading | None],
            thresholds: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Precision and recall per family (review and fail level) and per stance, from held-out readings."""
    outcomes = [outcome(reading, thresholds) for reading in readings]
    per_family = {}
    for family in families():
        asserted = [i for i, row in enumerate(rows) if row.family == family and row.stance == "asserted"]
        flagged = [i for i, o in enumerate(outcomes) if o.family == family and o.effect in ("fail", "needs-review")]
        failed = [i for i, o in enumerate(outcomes) if o.family == family and o.effect == "fail"]
        right = lambda i: rows[i].family == family and rows[i].stance == "asserted"  # noqa: E731
        per_family[family] = {
            "asserted": len(asserted),
            "review_recall": _ratio(sum(1 for i in asserted if i in set(flagged)), len(asserted)),
            "review_precision": _ratio(sum(1 for i in flagged if right(i)), len(flagged)),
            "fail_recall": _ratio(sum(1 for i in asserted if i in set(failed)), len(asserted)),
            "fail_precision": _ratio(sum(1 for i in failed if right(i)), len(failed)),
            "failed": len(failed),
        }
    per_stance = {}
    for stance in (*STANCES, "unrelated"):
        members = [i for i, row in enumerate(rows) if row.stance == stance]
        effects = defaultdict(int)
        for i in members:
            effects[outcomes[i].effect or "nothing"] += 1
        detected = [i for i in members if readings[i] is not None and outcomes[i].effect is not None]
        read_as = sum(1 for i in detected if readings[i].stance == stance)
        predicted = [i for i, r in enumerate(readings) if r is not None and outcomes[i].effect is not None
                     and r.stance == stance and rows[i].concept != "none"]
        per_stance[stance] = {
            "rows": len(members), "fail": effects["fail"], "needs-review": effects["needs-review"],
            "note": effects["note"], "nothing": effects["nothing"],
            "stance_recall": _ratio(read_as, len(detected)) if stance != "unrelated" else None,
            "stance_precision": _ratio(sum(1 for i in predicted if rows[i].stance == stance), len(predicted))
            if stance != "unrelated" else None,
        }
    return {"families": per_family, "stances": per_stance}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


# --------------------------------------------------------------------------- the shipped file

def train(rows: Sequence[Row]) -> dict[str, Any]:
    """The model file's contents: both models trained on every row, thresholds from held-out folds."""
    thresholds = calibrate(rows, cross_validate(rows))
    model = fit(rows)
    return {"version": VERSION, "corpus": {"rows": len(rows), "sha256": corpus_digest(rows)},
            "settings": dict(SETTINGS), "concept": model.data["concept"], "stance": model.data["stance"],
            "thresholds": thresholds}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vetkit.concepts.training", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing it")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--output", type=Path, default=SHIPPED)
    args = parser.parse_args(list(argv) if argv is not None else None)
    data = dumps(train(load_corpus(args.corpus)))
    if args.check:
        same = args.output.is_file() and args.output.read_bytes() == data
        print(f"{args.output}: {'unchanged' if same else 'differs from a retrained model'}")
        return 0 if same else 1
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
