"""How long `vetkit import` takes for a 60-slide deck and a 30-page lesson plan (budget: 2 s).

    python bench/import_speed.py [--runs 5]

Builds both files with python-pptx and python-docx (tests/importers/sources.py, the test fixtures
grown to size: 60 slides with notes; a plan of about 15,000 words, 30 pages at 500 words a page),
then prints the median in-process import time, the same through a fresh `vetkit import`
process, and their ratio to a baseline measured in the same run: unpacking every part of both
files with zipfile, the I/O no importer can skip.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "importers"))

import sources  # noqa: E402  (the test fixtures)
from run import median_time, vetkit_command  # noqa: E402  (bench/run.py, beside this script)

import vetkit  # noqa: E402

BUDGET = 2.0


def unpack(paths) -> None:
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                archive.read(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        deck, plan = Path(folder) / "deck.pptx", Path(folder) / "plan.docx"
        deck.write_bytes(sources.deck(slides=50))
        plan.write_bytes(sources.plan(modules=50))
        draft = vetkit.import_course([deck, plan])
        words = sum(len(m.get("text", "").split()) for m in draft.data["modules"])
        slides = len(__import__("pptx").Presentation(str(deck)).slides)
        baseline = median_time(lambda: unpack([deck, plan]), runs)
        in_process = median_time(lambda: vetkit.import_course([deck, plan]), runs)
        command = [*vetkit_command(), "import", str(deck), str(plan), "-o", str(Path(folder) / "c.yaml"), "--force"]
        fresh = median_time(lambda: subprocess.run(command, check=True, capture_output=True), runs)
    print(f"inputs: {slides} slides ({deck.name}); {words:,} words of module text ({plan.name}), "
          f"{words / 500:.0f} pages at 500 words a page")
    print(f"baseline, unpacking both files: {baseline * 1000:.1f} ms")
    print(f"import in process: {in_process * 1000:.0f} ms ({in_process / baseline:.1f}x baseline)")
    print(f"vetkit import, fresh process: {fresh * 1000:.0f} ms ({fresh / baseline:.1f}x baseline); "
          f"budget {BUDGET:g} s: {'met' if fresh <= BUDGET else 'MISSED'}")


if __name__ == "__main__":
    main()
