"""Precision and recall of the lexical scanner on the labelled corpus (tests/corpus/lexical.yaml), per lexicon.

Run: ``python bench/corpus_metrics.py``. A row counts as *flagged* when its effect is fail or
needs-review; a row is *positive* when the reviewer's expected effect is fail or needs-review.
Precision = flagged positives / flagged rows; recall = flagged positives / positive rows. The
exact-effect column is the share of rows whose effect is exactly the expected one (fail vs
needs-review vs note vs none). Rows marked `known_gap` are scored like the others.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from pathlib import Path

_PATH = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "lexical_runner.py"
_SPEC = importlib.util.spec_from_file_location("lexical_runner", _PATH)
runner = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(runner)


def main() -> None:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    misses = []
    for row in runner.load_rows():
        effect, _ = runner.evaluate(row)
        counts = totals[row["lexicon"]]
        expected, got = runner.flagged(row["expect"]), runner.flagged(effect)
        counts["rows"] += 1
        counts["exact"] += effect == row["expect"]
        counts["tp"] += expected and got
        counts["fp"] += got and not expected
        counts["fn"] += expected and not got
        if effect != row["expect"]:
            misses.append(f"  {row['lexicon']}: expected {row['expect']}, got {effect}: {' '.join(row['text'].split())}")
    print(f"{'lexicon':22} {'rows':>4} {'precision':>9} {'recall':>6} {'exact':>6}")
    overall = defaultdict(int)
    for name in sorted(totals):
        counts = totals[name]
        for key, value in counts.items():
            overall[key] += value
        print(_line(name, counts))
    print(_line("all", overall))
    if misses:
        print("\nrows whose effect differs from the expected one:")
        print("\n".join(misses))


def _line(name: str, counts) -> str:
    flagged = counts["tp"] + counts["fp"]
    positive = counts["tp"] + counts["fn"]
    precision = f"{counts['tp'] / flagged:.2f}" if flagged else "n/a"
    recall = f"{counts['tp'] / positive:.2f}" if positive else "n/a"
    return f"{name:22} {counts['rows']:4} {precision:>9} {recall:>6} {counts['exact'] / counts['rows']:6.2f}"


if __name__ == "__main__":
    main()
