"""Topic evidence against the labelled corpus: precision, recall and F1 per tag, under cross-validation and across
authors (fit on one author's texts, judge the other's). Needs the ``train`` extra.

    python bench/topics.py            # both evaluations, the per-tag table, and the figures for the docs
    python bench/topics.py --worst 15 # only the 15 weakest tags in the table

A tag counts as taught when its confidence reaches the model's ``detect`` threshold (the text is judged
without its declared tags, as an imported deck would be).
"""

from __future__ import annotations

import argparse
import statistics

from vetkit.topics.training import (confidences, fit, load_corpus, out_of_fold, rows, thresholds)


def per_tag(scores, labels, where, threshold):
    """{(vocabulary, tag): (precision, recall, f1, positives)} at one threshold."""
    tally: dict[tuple[str, str], list[int]] = {}
    for score, label, (_, vocabulary, tag) in zip(scores, labels, where):
        counts = tally.setdefault((vocabulary, tag), [0, 0, 0])
        predicted = score >= threshold
        counts[0] += predicted and label
        counts[1] += predicted and not label
        counts[2] += label and not predicted
    result = {}
    for key, (tp, fp, fn) in tally.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[key] = (precision, recall, f1, tp + fn)
    return result


def cross_author(texts, keep):
    """Confidences of each author's texts from a model fitted on the other author's texts alone."""
    scores, labels, where = [], [], []
    for train_author, test_author in (("A", "B"), ("B", "A")):
        train = [t for t in texts if t["author"] == train_author]
        test = [t for t in texts if t["author"] == test_author]
        weights = fit(*rows(train)[:2])
        Xt, yt, wt = rows(test)
        scores += confidences(weights, Xt)
        labels += yt
        where += wt
    return scores, labels, where


def report(name, scores, labels, where, threshold, worst):
    table = per_tag(scores, labels, where, threshold)
    f1s = [f1 for _, _, f1, _ in table.values()]
    macro = statistics.mean(f1s)
    print(f"\n{name}: macro-F1 {macro:.3f} at detect = {threshold}; tags below 0.7: {sum(f < 0.7 for f in f1s)} "
          f"of {len(f1s)}; lowest {min(f1s):.2f}")
    ranked = sorted(table.items(), key=lambda item: item[1][2])
    for (vocabulary, tag), (precision, recall, f1, positives) in ranked[:worst]:
        print(f"  {vocabulary:<12} {tag:<30} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}  ({positives} texts)")
    for vocabulary in ("topics", "populations", "typologies"):
        part = [f1 for (voc, _), (_, _, f1, _) in table.items() if voc == vocabulary]
        print(f"  {vocabulary}: macro-F1 {statistics.mean(part):.3f} over {len(part)} tags")
    return macro


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=86, help="How many of the weakest tags to list.")
    parser.add_argument("--keep", type=float, default=0.97)
    args = parser.parse_args()
    texts = load_corpus()
    print(f"{len(texts)} labelled module texts ({sum(t['author'] == 'A' for t in texts)} by author A, "
          f"{sum(t['author'] == 'B' for t in texts)} by author B)")
    scores, labels, where = out_of_fold(texts)
    chosen = thresholds(scores, labels, args.keep)
    report("5-fold cross-validation", scores, labels, where, chosen["detect"], args.worst)
    scores, labels, where = cross_author(texts, args.keep)
    report("across authors (fit on A, judge B; fit on B, judge A)", scores, labels, where, chosen["detect"], args.worst)


if __name__ == "__main__":
    main()
