"""Training and measuring the concept detectors on the team's corpus (``corpus/concepts/``, ``corpus/neutral/``).

Needs scikit-learn (the ``train`` extra)::

    python -m vetkit.concepts.training           # retrain and write vetkit/data/concepts/model.json
    python -m vetkit.concepts.training --check   # exit 1 when retraining would change the shipped models

Two kinds of data train the models. The labelled rows of ``corpus/concepts/`` (a concept and a
stance each, by two authors) and the passages of ``corpus/neutral/``: correct course prose by two
other authors, whose sentences are the ``none`` class. Without them the model learns a family's
topic words ("interpreter", "T visa", "smuggling") as its harm. A row written for a prose field is
read where a course would hold it: placed after a sentence of a neutral passage (chosen from the
row's id), so that the stance model sees real neighbouring sentences.

Training is deterministic: rows and passages are read in author and id order, the folds are grouped
by ``group`` (a sentence and its rewordings stay in one fold; passages by position) without
shuffling, the solver is liblinear with a fixed seed, and the exported weights are rounded. Two
one-vs-rest logistic regressions are trained: the concept model over words, character n-grams,
word pairs and slot classes of a sentence (31 concepts and ``none``), and the stance model over the
words of the sentence, cue features and the words of the sentences around it. A hit counts as asserted
only when the stance model gives "asserted" at least ``min_asserted`` of its belief; below that it is a
note that says the stance model is unsure.

Thresholds are calibrated on held-out folds. ``review``, per concept: the false reviews of held-out
neutral sentences are held to :data:`SETTINGS` ``neutral_rate`` (one per thousand) in all; each
concept starts where no neutral sentence reaches it, and within that budget the threshold that gains
the most held-out recall of asserted rows for each false review it adds is lowered, step by step, never
below ``review_floor`` and no lower than a recall of 0.8 needs. ``fail``, per family: the lowest
confidence above which held-out precision is at least 0.95 and no refuted, negated, quoted or named
row and no neutral sentence fails, and never below ``fail_floor``. A family that never reaches that
precision never fails.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

from attrs import frozen

from ..corpora import corpus_folder
from ..text import PreparedText
from .catalogue import STANCES, concepts, families, family_of
from .features import concept_features, stance_features, words
from .model import MODEL_FILE, ConceptModel, LinearModel, dumps, entry_line
from .reading import KEY_INCORRECT, Reading, concept_scores, read_sentence

VERSION = "2.0"
CORPUS = corpus_folder("concepts")
NEUTRAL = corpus_folder("neutral")
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "concepts" / MODEL_FILE
SETTINGS = {"concept_c": 10.0, "stance_c": 3.0, "min_df": 2, "prune": 0.2, "digits": 3, "folds": 5, "seed": 0,
            "min_words": 6, "min_asserted": 0.65, "review_recall": 0.8, "review_floor": 0.4, "neutral_rate": 0.001,
            "fail_precision": 0.95, "fail_floor": 0.6}
_GRID = tuple(round(0.01 * step, 2) for step in range(5, 100))
_FIELDS = ("id", "group", "concept", "stance", "field", "text")
#: Fields whose rows are read inside a neutral passage (a course holds them among other sentences).
PROSE_FIELDS = frozenset({"modules.text", "materials.text", "activities.text", "activities.description",
                          "activities.debrief.facilitatorGuide"})
NEUTRAL_FIELD = "modules.text"


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


@frozen
class Passage:
    """One text of correct course prose (no concept asserted)."""

    id: str
    author: str
    text: str


class Unit(NamedTuple):
    """One sentence as the detectors read it: its words, field, neighbours and where it sits."""

    text: str
    words: tuple[str, ...]
    field: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    key: str | None
    where: tuple[str, int, int]


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


def load_neutral(root: Path = NEUTRAL) -> list[Passage]:
    """Every passage of correct prose under ``root`` (one folder per author), sorted by author and id."""
    import yaml

    passages = []
    for path in sorted(root.glob("*/*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        passages += [Passage(str(raw["id"]), path.parent.name, str(raw["text"])) for raw in document["passages"]]
    return sorted(passages, key=lambda passage: (passage.author, passage.id))


def corpus_digest(rows: Sequence[Row], passages: Sequence[Passage] = ()) -> str:
    """A checksum of the rows and passages a model is trained on."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update("\x1f".join((row.id, row.group, row.concept, row.stance, row.field, row.text,
                                   str(row.choice_correct))).encode())
        digest.update(b"\x1e")
    for passage in passages:
        digest.update(f"{passage.id}\x1f{passage.text}\x1e".encode())
    return digest.hexdigest()


# --------------------------------------------------------------------------- sentences in context

def units_of(text: str, field: str, key: str | None = None, span: tuple[int, int] | None = None) -> list[Unit]:
    """The sentences of ``text`` with their neighbours (only those overlapping ``span`` when given)."""
    bounds = [(a, b) for a, b in (PreparedText(text).sentences or ((0, len(text)),)) if text[a:b].strip()]
    found = []
    for i, (start, end) in enumerate(bounds):
        if span is not None and not (start < span[1] and end > span[0]):
            continue
        before = words(text[slice(*bounds[i - 1])]) if i > 0 else ()
        after = words(text[slice(*bounds[i + 1])]) if i + 1 < len(bounds) else ()
        found.append(Unit(text[start:end], words(text[start:end]), field, before, after, key, (text, start, end)))
    return found


def _number(text: str) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def placed(row: Row, passages: Sequence[Passage]) -> list[Unit]:
    """The sentences of a row where a course would hold it: a prose row after a full sentence of a passage
    (chosen from the row's id), any other row alone in its field."""
    if row.field in PROSE_FIELDS and passages:
        text = passages[_number(row.id) % len(passages)].text
        stops = _stops(text)
        if stops:
            cut = stops[_number(row.id + "/") % len(stops)]
            joined = f"{text[:cut]} {row.text}{text[cut:]}"
            return units_of(joined, row.field, row.key, (cut + 1, cut + 1 + len(row.text)))
    return units_of(row.text, row.field, row.key)


@lru_cache(maxsize=1024)
def _stops(text: str) -> tuple[int, ...]:
    """Where a row may be placed in a passage: after each full sentence long enough to be read."""
    return tuple(unit.where[2] for unit in units_of(text, NEUTRAL_FIELD)
                 if unit.text.rstrip().endswith(".") and len(unit.words) >= SETTINGS["min_words"])


def neutral_units(passages: Sequence[Passage]) -> list[Unit]:
    """The sentences of the passages long enough to be read (see ``min_words``)."""
    return [unit for passage in passages for unit in units_of(passage.text, NEUTRAL_FIELD)
            if len(unit.words) >= SETTINGS["min_words"]]


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
    classifier = OneVsRestClassifier(LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=2000,
                                                        random_state=SETTINGS["seed"]))
    classifier.fit(matrix, list(labels))
    digits, prune = SETTINGS["digits"], SETTINGS["prune"]
    scale = 10 ** digits
    classes = [str(name) for name in classifier.classes_]
    coefficients = [estimator.coef_[0] for estimator in classifier.estimators_]
    biases = [round(float(estimator.intercept_[0]), digits) for estimator in classifier.estimators_]
    features = sorted(vocabulary, key=vocabulary.get)
    lines = {}
    for feature in features:
        column = vocabulary[feature]
        entries = [(k, round(round(float(row[column]), digits) * scale)) for k, row in enumerate(coefficients)
                   if abs(row[column]) >= prune]
        if entries:
            lines[feature] = entry_line(entries)
    return LinearModel(classes, biases, lines, scale)


def _hit(model: ConceptModel, units: Sequence[Unit]) -> Unit | None:
    """The sentence of a row that the concept model finds most likely to hold a concept (long enough to read)."""
    readable = [unit for unit in units if len(unit.words) >= SETTINGS["min_words"]]
    if not readable:
        return None
    return max(readable, key=lambda unit: concept_scores(model, unit.words)[1])


def fit(rows: Sequence[Row], passages: Sequence[Passage]) -> ConceptModel:
    """The concept and stance models trained on ``rows`` and the neutral ``passages`` (thresholds not yet set)."""
    neutral = neutral_units(passages)
    concept = _fit_linear([concept_features(words(row.text)) for row in rows] +
                          [concept_features(unit.words) for unit in neutral],
                          [row.concept for row in rows] + ["none"] * len(neutral), SETTINGS["concept_c"])
    partial = ConceptModel({"version": VERSION, "concept": concept.to_json(),
                            "stance": LinearModel(("asserted",), (0.0,), {}).to_json(), "thresholds": {}})
    samples, labels = [], []
    for row in rows:
        if row.concept == "none":
            continue
        unit = _hit(partial, placed(row, passages)) or placed(row, passages)[0]
        samples.append(stance_features(unit.text, unit.words, unit.field, unit.before, unit.after))
        labels.append(row.stance)
    stance = _fit_linear(samples, labels, SETTINGS["stance_c"])
    return ConceptModel({"version": VERSION, "settings": dict(SETTINGS),
                         "fields": sorted({row.field for row in rows} | {NEUTRAL_FIELD}),
                         "concept": concept.to_json(), "stance": stance.to_json(), "thresholds": {}})


def read_unit(model: ConceptModel, unit: Unit) -> Reading | None:
    """What the detectors make of one sentence in its context (as :mod:`vetkit.concepts.detect` reads it: a
    family read only in some kinds of field is not read elsewhere)."""
    reading = read_sentence(model, unit.text, unit.words, unit.field, before=unit.before, after=unit.after,
                            key=unit.key, where=unit.where)
    if reading is not None:
        fields = families()[reading.family].fields
        if fields and unit.field not in fields:
            return None
    return reading


def read_row(model: ConceptModel, row: Row, passages: Sequence[Passage] = ()) -> Reading | None:
    """What the detectors make of a corpus row: its most concept-like sentence, read where a course holds it."""
    unit = _hit(model, placed(row, passages))
    return read_unit(model, unit) if unit is not None else None


def _folds(rows: Sequence[Row], count: int) -> list[list[int]]:
    from sklearn.model_selection import GroupKFold

    indices = list(range(len(rows)))
    return [list(test) for _, test in GroupKFold(n_splits=count).split(indices, groups=[r.group for r in rows])]


@frozen
class HeldOut:
    """Held-out readings: one per row, and one per neutral sentence."""

    rows: list
    neutral: list


def cross_validate(rows: Sequence[Row], passages: Sequence[Passage], folds: int | None = None) -> HeldOut:
    """Held-out readings of every row and every neutral sentence under grouped cross-validation (passages
    are split into folds by position)."""
    count = folds or SETTINGS["folds"]
    readings: list[Reading | None] = [None] * len(rows)
    neutral: list[Reading | None] = []
    for number, test in enumerate(_folds(rows, count)):
        held_out = set(test)
        training_passages = [p for i, p in enumerate(passages) if i % count != number]
        test_passages = [p for i, p in enumerate(passages) if i % count == number]
        model = fit([row for i, row in enumerate(rows) if i not in held_out], training_passages)
        for i in test:
            readings[i] = read_row(model, rows[i], test_passages)
        neutral += [read_unit(model, unit) for unit in neutral_units(test_passages)]
    return HeldOut(readings, neutral)


# --------------------------------------------------------------------------- thresholds and figures

@frozen
class Outcome:
    """What a reading becomes under some thresholds."""

    effect: str | None  # fail, needs-review, note, or None (nothing shown)
    family: str | None


def outcome(reading: Reading | None, thresholds: Mapping[str, Mapping[str, Any]]) -> Outcome:
    """The effect a reading gets: fail, needs-review (asserted hits), note (other stances), or nothing."""
    if reading is None:
        return Outcome(None, None)
    limits = thresholds.get(reading.family)
    if limits is None or reading.probability < limits["review"].get(reading.concept, 1.0):
        return Outcome(None, reading.family)
    if reading.stance != "asserted":
        return Outcome("note", reading.family)
    if limits.get("fail") is not None and reading.confidence >= limits["fail"]:
        return Outcome("fail", reading.family)
    return Outcome("needs-review", reading.family)


def _review_levels(rows: Sequence[Row], held: HeldOut) -> dict[str, float]:
    """Review thresholds per concept within the neutral budget (see the module docstring)."""
    budget = int(SETTINGS["neutral_rate"] * len(held.neutral))
    grid = [level for level in _GRID if level >= SETTINGS["review_floor"]]
    recall_of, false_of = {}, {}
    for concept in concepts():
        asserted = sum(1 for row in rows if row.concept == concept and row.stance == "asserted")
        found = [r.probability for i, r in enumerate(held.rows) if r is not None and r.concept == concept
                 and r.stance == "asserted" and rows[i].concept == concept and rows[i].stance == "asserted"]
        false = [r.probability for r in held.neutral if r is not None and r.concept == concept and r.stance == "asserted"]
        recall_of[concept] = {level: sum(1 for p in found if p >= level) / asserted if asserted else 0.0
                              for level in grid}
        false_of[concept] = {level: sum(1 for p in false if p >= level) for level in grid}
    levels = {concept: next((level for level in grid if false_of[concept][level] == 0), grid[-1])
              for concept in concepts()}
    spent = 0
    while True:  # lower the threshold that gains the most recall for each false review it adds
        best = None
        for concept, level in levels.items():
            if recall_of[concept][level] >= SETTINGS["review_recall"]:
                continue
            for lower in (lower for lower in grid if lower < level):
                cost = false_of[concept][lower] - false_of[concept][level]
                gain = recall_of[concept][lower] - recall_of[concept][level]
                if cost <= budget - spent and gain > 0 and (best is None or gain / max(cost, 0.5) > best[0]):
                    best = (gain / max(cost, 0.5), concept, lower, cost)
        if best is None:
            break
        _, concept, lower, cost = best
        levels[concept] = lower
        spent += cost
    for concept, level in levels.items():  # no lower than a recall of 0.8 needs
        enough = [lower for lower in grid if lower >= level and recall_of[concept][lower] >= SETTINGS["review_recall"]]
        if enough:
            levels[concept] = enough[-1]
    return levels


def calibrate(rows: Sequence[Row], held: HeldOut) -> dict[str, dict[str, Any]]:
    """Thresholds from held-out readings (see the module docstring): ``review`` per concept, ``fail`` per family."""
    review = _review_levels(rows, held)
    thresholds: dict[str, dict[str, Any]] = {}
    for family in families():
        shown = lambda r: (r is not None and r.family == family and r.stance == "asserted"  # noqa: E731
                           and r.probability >= review[r.concept])
        ranked = sorted([(r.confidence, i) for i, r in enumerate(held.rows) if shown(r)] +
                        [(r.confidence, -1) for r in held.neutral if shown(r)], reverse=True)
        fail, correct = None, 0
        for total, (confidence, i) in enumerate(ranked, start=1):
            if i < 0 or (rows[i].concept != "none" and rows[i].stance != "asserted"):
                break
            correct += rows[i].family == family
            if correct / total < SETTINGS["fail_precision"]:
                break
            if total >= 5:
                fail = round(confidence, 4)
        if fail is not None:
            fail = max(fail, SETTINGS["fail_floor"])
        thresholds[family] = {"fail": fail,
                              "review": {concept.id: review[concept.id] for concept in families()[family].concepts}}
    return thresholds


def figures(rows: Sequence[Row], held: HeldOut, thresholds: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Precision and recall per family (review and fail level), per stance, and false reviews of neutral prose."""
    outcomes = [outcome(reading, thresholds) for reading in held.rows]
    neutral = [outcome(reading, thresholds) for reading in held.neutral]
    per_family = {}
    for family in families():
        asserted = {i for i, row in enumerate(rows) if row.family == family and row.stance == "asserted"}
        flagged = [i for i, o in enumerate(outcomes) if o.family == family and o.effect in ("fail", "needs-review")]
        failed = [i for i in flagged if outcomes[i].effect == "fail"]
        neutral_flagged = sum(1 for o in neutral if o.family == family and o.effect in ("fail", "needs-review"))
        neutral_failed = sum(1 for o in neutral if o.family == family and o.effect == "fail")
        per_family[family] = {
            "asserted": len(asserted),
            "review_recall": _ratio(len(asserted.intersection(flagged)), len(asserted)),
            "review_precision": _ratio(len(asserted.intersection(flagged)), len(flagged) + neutral_flagged),
            "fail_recall": _ratio(len(asserted.intersection(failed)), len(asserted)),
            "fail_precision": _ratio(len(asserted.intersection(failed)), len(failed) + neutral_failed),
            "failed": len(failed) + neutral_failed,
            "neutral_reviews": neutral_flagged,
        }
    per_stance = {}
    for stance in (*STANCES, "unrelated"):
        members = [i for i, row in enumerate(rows) if row.stance == stance]
        effects: dict[str, int] = defaultdict(int)
        for i in members:
            effects[outcomes[i].effect or "nothing"] += 1
        detected = [i for i in members if held.rows[i] is not None and outcomes[i].effect is not None]
        read_as = sum(1 for i in detected if held.rows[i].stance == stance)
        predicted = [i for i, r in enumerate(held.rows) if r is not None and outcomes[i].effect is not None
                     and r.stance == stance and rows[i].concept != "none"]
        per_stance[stance] = {
            "rows": len(members), "fail": effects["fail"], "needs-review": effects["needs-review"],
            "note": effects["note"], "nothing": effects["nothing"],
            "stance_recall": _ratio(read_as, len(detected)) if stance != "unrelated" else None,
            "stance_precision": _ratio(sum(1 for i in predicted if rows[i].stance == stance), len(predicted))
            if stance != "unrelated" else None,
        }
    reviews = sum(1 for o in neutral if o.effect in ("fail", "needs-review"))
    return {"families": per_family, "stances": per_stance,
            "neutral": {"sentences": len(neutral), "reviews": reviews,
                        "fails": sum(1 for o in neutral if o.effect == "fail"),
                        "per_1000": round(1000 * reviews / len(neutral), 2) if neutral else None}}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def cross_author(rows: Sequence[Row], passages: Sequence[Passage], trained_on: str,
                 tested_on: str) -> dict[str, Any]:
    """Figures on one author's rows and passages of models trained (and calibrated) on another's alone."""
    train_rows = [row for row in rows if row.author == trained_on]
    train_passages = [passage for passage in passages if passage.author == trained_on]
    test_rows = [row for row in rows if row.author == tested_on]
    test_passages = [passage for passage in passages if passage.author == tested_on]
    thresholds = calibrate(train_rows, cross_validate(train_rows, train_passages))
    model = fit(train_rows, train_passages)
    held = HeldOut([read_row(model, row, test_passages) for row in test_rows],
                   [read_unit(model, unit) for unit in neutral_units(test_passages)])
    return figures(test_rows, held, thresholds)


# --------------------------------------------------------------------------- the shipped file

def train(rows: Sequence[Row], passages: Sequence[Passage]) -> dict[str, Any]:
    """The model file's contents: both models trained on every row and passage, thresholds from held-out folds."""
    thresholds = calibrate(rows, cross_validate(rows, passages))
    return with_thresholds(fit(rows, passages), rows, passages, thresholds)


def with_thresholds(model: ConceptModel, rows: Sequence[Row], passages: Sequence[Passage],
                    thresholds: Mapping[str, Any]) -> dict[str, Any]:
    """The model file's contents from fitted models and calibrated thresholds."""
    return {"version": VERSION, "corpus": {"rows": len(rows), "passages": len(passages),
                                           "sha256": corpus_digest(rows, passages)},
            "settings": dict(SETTINGS), "fields": model.data["fields"], "concept": model.data["concept"],
            "stance": model.data["stance"], "thresholds": dict(thresholds)}


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vetkit.concepts.training", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="compare the models retrained on every row with the shipped ones instead of writing them")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--neutral", type=Path, default=NEUTRAL)
    parser.add_argument("--output", type=Path, default=SHIPPED)
    args = parser.parse_args(list(argv) if argv is not None else None)
    rows, passages = load_corpus(args.corpus), load_neutral(args.neutral)
    if args.check:
        problem = differences(rows, passages, args.output)
        print(f"{args.output}: {problem or 'unchanged'}")
        return 1 if problem else 0
    data = dumps(train(rows, passages))
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()[:12]})")
    return 0


def differences(rows: Sequence[Row], passages: Sequence[Passage], shipped: Path = SHIPPED) -> str | None:
    """Why the shipped file is not what training on ``rows`` and ``passages`` gives (None when it is).

    The models are refitted on every row (the held-out calibration is not repeated: it needs five more
    fits); the thresholds, settings and corpus checksum are compared as recorded.
    """
    import json

    if not shipped.is_file():
        return "missing"
    recorded = json.loads(shipped.read_bytes())
    expected = json.loads(dumps(with_thresholds(fit(rows, passages), rows, passages, recorded["thresholds"])))
    for part in ("version", "corpus", "settings", "fields", "concept", "stance"):
        if recorded.get(part) != expected[part]:
            return f"its {part} differs from a retrained model (python -m vetkit.concepts.training)"
    return None


if __name__ == "__main__":
    sys.exit(main())
