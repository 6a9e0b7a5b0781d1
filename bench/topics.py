"""Topic evidence against the labelled corpus: precision, recall and F1 per tag, under cross-validation and across
authors (fit on one author's texts, judge the other's), and the share of neutral passages given a tag. Needs the
``train`` extra.

    python bench/topics.py            # both evaluations, the per-tag tables, the neutral rate, the figures for the docs
    python bench/topics.py --worst 15 # only the 15 weakest tags in each table
    python bench/topics.py --disagreements  # also list the labels the held-out models most confidently contradict

Every evaluation fits the whole model (vocabulary, word weights, combining model and thresholds) on the training
texts alone and judges the held-out texts at that model's own ``detect`` threshold, as the texts would be judged
without declared tags (an imported deck). The neutral passages (``corpus/topics/neutral``: course prose on other
subjects) are judged by the shipped model; none of them is used in training.
"""

from __future__ import annotations

import argparse
import statistics

import yaml

from vetkit.topics.catalogue import profiles
from vetkit.topics.model import TopicModel, shipped
from vetkit.topics.training import CORPUS, DATA, confidences, fit, load_corpus, read_corpus, read_text

NEUTRAL = CORPUS / "neutral"
#: The tags of the criteria on the range a course shows (CV-02, CV-03, CV-04).
RANGE = {key for key in profiles() if key[0] in ("populations", "typologies") or key[1].startswith("trafficker-")}


def per_tag(scored, labels):
    """{(vocabulary, tag): (precision, recall, f1, positives)} of 'confidence ≥ its model's detect threshold'."""
    result = {}
    for key in sorted(profiles()):
        tp = sum(1 for (row, limits), found in zip(scored, labels) if row[key] >= limits["detect"] and key in found)
        fp = sum(1 for (row, limits), found in zip(scored, labels) if row[key] >= limits["detect"] and key not in found)
        fn = sum(1 for (row, limits), found in zip(scored, labels) if row[key] < limits["detect"] and key in found)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[key] = (precision, recall, f1, tp + fn)
    return result


def held_out(readings, labels, splits):
    """(confidences, thresholds) of every text from a model fitted without it, for (train, test) index lists."""
    scored = [None] * len(readings)
    for train, test in splits:
        combining, words = fit([readings[i] for i in train], [labels[i] for i in train])
        model = TopicModel(combining, words)
        for index, row in zip(test, confidences(model, [readings[i] for i in test])):
            scored[index] = (row, model.thresholds)
    return scored


def claims(scored, labels, near):
    """(share of true claims the text backs, share of near-miss claims it does not): were each label and each near
    miss declared, how often the claim check would agree with the labeller."""
    true = [row[key] >= limits["detect"] for (row, limits), found in zip(scored, labels) for key in found]
    false = [row[key] < limits["detect"] for (row, limits), touched in zip(scored, near) for key in touched]
    return sum(true) / len(true), sum(false) / len(false)


def report(name, scored, labels, worst):
    table = per_tag(scored, labels)
    f1s = [f1 for _, _, f1, _ in table.values()]
    macro = statistics.mean(f1s)
    below = sum(f < 0.7 for f in f1s)
    print(f"\n{name}: macro-F1 {macro:.3f}; tags below 0.7: {below} of {len(f1s)}; lowest {min(f1s):.2f}")
    ranked = sorted(table.items(), key=lambda item: (item[1][2], item[0]))
    for (vocabulary, tag), (precision, recall, f1, positives) in ranked[:worst]:
        print(f"  {vocabulary:<12} {tag:<30} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}  ({positives} texts)")
    for vocabulary in ("topics", "populations", "typologies"):
        part = [f1 for (voc, _), (_, _, f1, _) in table.items() if voc == vocabulary]
        print(f"  {vocabulary}: macro-F1 {statistics.mean(part):.3f} over {len(part)} tags")
    return macro, below, ranked


def disagreements(texts, scored, labels, high=0.8, low=0.05):
    """(text id, vocabulary/tag, confidence, label) where a held-out model contradicts a label with conviction: an
    unlabelled tag at ``high`` confidence or more, a labelled one at ``low`` or less (candidates for a label review)."""
    found = []
    for text, (row, _), taught in zip(texts, scored, labels):
        for key, value in row.items():
            if (key in taught and value <= low) or (key not in taught and value >= high):
                found.append((text["id"], f"{key[0]}/{key[1]}", round(value, 2),
                              "labelled" if key in taught else "unlabelled"))
    return found


def neutral_rate(model):
    """(passages given any tag, passages, the tags given) under ``model`` at its ``detect`` threshold."""
    passages = [row for path in sorted(NEUTRAL.glob("*.yaml"))
                for row in yaml.safe_load(path.read_text(encoding="utf-8"))["passages"]]
    tagged, given = 0, []
    for row, reading in zip(passages, (read_text(p.get("title") or "", p["text"]) for p in passages)):
        found = [key for key, value in confidences(model, [reading])[0].items() if value >= model.thresholds["detect"]]
        tagged += bool(found)
        given += [f"{row['id']}: {vocabulary}/{tag}" for vocabulary, tag in found]
    return tagged, len(passages), given


def shown(texts, readings, sentences):
    """(precision, precision counting near misses as shown, recall) of "a strong cue in ``sentences`` sentences"
    for the range tags (populations, typologies, kinds of trafficker) over the labelled texts."""
    found = hit = mentioned = labelled = 0
    for text, reading in zip(texts, readings):
        named = {key for key, features in reading.cues.items() if key in RANGE and features[0] >= sentences}
        taught = {key for key in text["labels"] if key in RANGE}
        found, hit, labelled = found + len(named), hit + len(named & taught), labelled + len(taught)
        mentioned += len(named & (taught | text["near_miss"]))
    return hit / max(found, 1), mentioned / max(found, 1), hit / max(labelled, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=86, help="How many of the weakest tags to list.")
    parser.add_argument("--disagreements", action="store_true",
                        help="List the labels the cross-author models contradict most confidently.")
    args = parser.parse_args()
    texts = load_corpus()
    readings, labels, near = read_corpus(texts), [text["labels"] for text in texts], [t["near_miss"] for t in texts]
    print(f"{len(texts)} labelled module texts ({sum(t['author'] == 'A' for t in texts)} by author A, "
          f"{sum(t['author'] == 'B' for t in texts)} by author B)")
    everything = range(len(texts))
    folds = [([i for i in everything if i % 5 != fold], [i for i in everything if i % 5 == fold]) for fold in range(5)]
    authors = [([i for i in everything if texts[i]["author"] == train],
                [i for i in everything if texts[i]["author"] == test]) for train, test in (("A", "B"), ("B", "A"))]
    folded = held_out(readings, labels, folds)
    fold_macro, fold_below, fold_ranked = report("5-fold cross-validation", folded, labels, args.worst)
    across = held_out(readings, labels, authors)
    author_macro, author_below, author_ranked = report("across authors (fit on A, judge B; fit on B, judge A)",
                                                       across, labels, args.worst)
    contradicted = disagreements(texts, across, labels)
    print(f"\nlabels the cross-author models contradict with conviction (confidence >= 0.8 unlabelled, <= 0.05 "
          f"labelled): {len(contradicted)}")
    if args.disagreements:
        for row in contradicted:
            print("  {}  {:<40} {:.2f}  {}".format(*row))
    fold_claims, author_claims = claims(folded, labels, near), claims(across, labels, near)
    print(f"\nclaims, were every label and near miss declared: true claims backed {fold_claims[0]:.0%}, near-miss "
          f"claims flagged {fold_claims[1]:.0%} (5 folds); {author_claims[0]:.0%} and {author_claims[1]:.0%} across authors")
    print("\nrange tags shown by strong-cue sentences (precision, with near misses, recall):")
    for sentences in (1, 2):
        print("  {} sentence(s): {:.2f}, {:.2f}, {:.2f}".format(sentences, *shown(texts, readings, sentences)))
    tagged, passages, given = neutral_rate(shipped())
    print(f"\nneutral passages given a tag by the shipped model: {tagged} of {passages}")
    for line in given:
        print(f"  {line}")
    sizes = {path.name: path.stat().st_size for path in sorted(DATA.glob("*.json"))}
    worst = ", ".join(f"{tag} {f1:.2f}" for (_, tag), (_, _, f1, _) in author_ranked[:5])
    print("\nfor docs/topics.md:")
    print(f"- 5-fold cross-validation: macro-F1 {fold_macro:.3f}, {fold_below} of 86 tags below 0.7")
    print(f"- across authors: macro-F1 {author_macro:.3f}, {author_below} of 86 tags below 0.7 (weakest: {worst})")
    print(f"- neutral passages given any tag: {tagged} of {passages} ({tagged / passages:.0%})")
    print(f"- claims: {fold_claims[0]:.0%} of true claims backed, {fold_claims[1]:.0%} of near-miss claims flagged "
          f"(across authors {author_claims[0]:.0%} and {author_claims[1]:.0%})")
    print("- model files: " + ", ".join(f"{name} {size / 1024:.0f} KB" for name, size in sizes.items()))


if __name__ == "__main__":
    main()
