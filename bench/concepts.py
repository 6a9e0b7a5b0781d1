"""The concept detectors: precision and recall per family and per stance, across authors, and their cost.

Run: ``python bench/concepts.py`` (needs the ``train`` extra; about three minutes on 2 cores).
``--quick`` leaves out the cross-author runs. Printed:

Every family is measured; the `scored` column says which reach a course (the catalogue's `scored`).

- **held-out folds**: the corpus (``corpus/concepts``) and the neutral passages (``corpus/neutral``)
  under grouped five-fold cross-validation, read as the shipped detectors read a course (a prose row
  placed among the sentences of a neutral passage), at the thresholds calibrated on those folds.
  Recall at review is the share of a family's asserted rows shown as needs-review or fail; precision
  at fail counts neutral sentences that fail as wrong;
- **per stance**: what becomes of the rows of each stance (fail, needs-review, note, nothing) and how
  often a shown row's stance is read right;
- **cross-author**: models trained and calibrated on one author's rows and passages, read on the
  other's (A→B, B→A), and the false reviews per 1,000 neutral sentences of the other author;
- **cost**: the detectors over a generated 50 KB course (``bench/generate.py``), warm, against
  ``json.loads`` of the same course, and the cold cost of loading the model file in a fresh process
  against ``python -c pass``. Budgets: +5 ms warm and +100 ms cold.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate_course, serialize  # noqa: E402
from run import median_time  # noqa: E402


def _cell(value) -> str:
    return "–" if value is None else f"{value:.2f}"


def print_figures(title: str, figures: dict) -> None:
    from vetkit.concepts import scored_families

    print(f"\n## {title}\n")
    print("| family | scored | asserted rows | recall at review | precision at review | recall at fail | precision at fail "
          "| fails | neutral reviews |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for family, row in figures["families"].items():
        scored = "yes" if family in scored_families() else "no"
        print(f"| {family} | {scored} | {row['asserted']} | {_cell(row['review_recall'])} | {_cell(row['review_precision'])} | "
              f"{_cell(row['fail_recall'])} | {_cell(row['fail_precision'])} | {row['failed']} | "
              f"{row['neutral_reviews']} |")
    print("\n| stance | rows | fail | needs-review | note | nothing | stance read right | stance precision |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for stance, row in figures["stances"].items():
        print(f"| {stance} | {row['rows']} | {row['fail']} | {row['needs-review']} | {row['note']} | {row['nothing']} | "
              f"{_cell(row['stance_recall'])} | {_cell(row['stance_precision'])} |")
    neutral = figures["neutral"]
    print(f"\nNeutral prose: {neutral['reviews']} false review(s), {neutral['fails']} fail(s) in {neutral['sentences']} "
          f"sentences ({neutral['per_1000']} per 1,000).")


def cost(runs: int) -> None:
    from vetkit.concepts import detect, shipped_model
    from vetkit.concepts.detect import read_course
    from vetkit.course import Course
    from vetkit.textindex import text_index

    raw = serialize(generate_course(0))
    data = json.loads(raw)
    model = shipped_model()
    base = median_time(lambda: json.loads(raw), runs * 10, warmup=5)

    def fresh():
        course = Course(json.loads(raw))
        text_index(course).sentences  # shared with the lexical rules: not the detectors' cost
        return course

    courses = [fresh() for _ in range(runs + 1)]
    warm = median_time(lambda: read_course(courses.pop(), model), runs, warmup=1)
    sentences = len(text_index(Course(data)).sentences)
    hits = len(detect(Course(data)))
    print("\n## Cost\n")
    print("| figure | value | ratio | budget |")
    print("|---|---:|---:|---|")
    print(f"| detectors, one 50 KB course ({len(raw):,} bytes, {sentences} sentences, {hits} hit(s)), warm | "
          f"{warm * 1000:.2f} ms | {warm / base:.1f}x json.loads ({base * 1000:.3f} ms) | "
          f"{'met' if warm <= 0.005 else 'MISSED'} (+5 ms) |")
    load = ("import time; t = time.perf_counter(); from vetkit.concepts import shipped_model; shipped_model(); "
            "print(time.perf_counter() - t)")
    imported = "import time; t = time.perf_counter(); import vetkit.concepts; print(time.perf_counter() - t)"
    cold = statistics.median(_child(load) for _ in range(runs))
    module = statistics.median(_child(imported) for _ in range(runs))
    started = time.perf_counter()
    for _ in range(runs):
        subprocess.run([sys.executable, "-c", "pass"], check=True)
    base_process = (time.perf_counter() - started) / runs
    size = Path(model_file()).stat().st_size
    print(f"| model file loaded in a fresh process ({size:,} bytes) | {(cold - module) * 1000:.1f} ms | "
          f"{(cold - module) / base_process:.1f}x python -c pass ({base_process * 1000:.1f} ms) | "
          f"{'met' if cold - module <= 0.1 else 'MISSED'} (+100 ms) |")


def model_file() -> str:
    from vetkit.concepts import model_path

    return str(model_path())


def _child(code: str) -> float:
    return float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="leave out the cross-author runs")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from vetkit.concepts import training

    rows, passages = training.load_corpus(), training.load_neutral()
    print(f"Corpus: {len(rows)} rows, {len(passages)} neutral passages.")
    held = training.cross_validate(rows, passages)
    thresholds = training.calibrate(rows, held)
    print_figures("Held-out folds (both authors)", training.figures(rows, held, thresholds))
    if not args.quick:
        for trained, tested in (("A", "B"), ("B", "A")):
            print_figures(f"Cross-author: trained on {trained}, read on {tested}",
                          training.cross_author(rows, passages, trained, tested))
    cost(args.runs)


if __name__ == "__main__":
    main()
