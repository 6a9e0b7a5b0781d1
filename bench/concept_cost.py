"""What the concept detectors add to scoring: detectors on against detectors off, in the same run.

Run: ``python bench/concept_cost.py [--runs 9] [--cold-runs 9]``. Inputs: the three bundled examples
(``docs/examples/*.json``) and a generated 50 KB course (``bench/generate.py``, course 0). Printed:

- **warm**: validate and score with the ``ht-training`` rubric in one process, each run on a fresh
  ``Course`` (so the detectors read every sentence again), median of ``--runs``; "off" is the same
  engine with the detectors answering nothing (no hits, no stance for the myth rules), so the model is
  never used. On and off runs alternate, so machine load falls on both alike;
- **cold**: ``vetkit score COURSE`` as a fresh process (bytecode cached, as an installed package
  has it), detectors on against off, median of ``--cold-runs`` alternating pairs, and ``python -c
  pass`` as the usual baseline. The difference is what a first course pays: loading the model and
  reading every word for the first time.

Budgets (the concept detectors' issue): +5 ms warm per 50 KB course, +100 ms cold.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate_course, serialize

AS_OF = "2026-11-25"

#: Run before ``vetkit.cli.main`` in the "off" child: the detectors find nothing and read no stance.
_OFF = ("import sys, vetkit.concepts, vetkit.kit.judging as j\n"
        "d = sys.modules['vetkit.concepts.detect']\n"
        "d._course_hits = lambda course: ()\n"
        "j.stance_at = lambda *args: None\n")
_CLI = "import sys\nfrom vetkit.cli import main\nsys.exit(main())\n"


def switch(on: bool) -> None:
    """Turn the detectors on or off in this process."""
    import importlib

    from vetkit.concepts.stance import stance_at
    from vetkit.kit import judging

    detect = importlib.import_module("vetkit.concepts.detect")  # the package's `detect` is the function
    if not hasattr(detect, "_real_course_hits"):
        detect._real_course_hits = detect._course_hits
    detect._course_hits = detect._real_course_hits if on else (lambda course: ())
    judging.stance_at = stance_at if on else (lambda *args: None)


def inputs(folder: Path) -> list[tuple[str, Path]]:
    courses = [(path.stem, path) for path in sorted((ROOT / "docs" / "examples").glob("*.json"))]
    generated = folder / "generated-50k.json"
    generated.write_bytes(serialize(generate_course(0)))
    return [*courses, ("generated 50 KB", generated)]


def warm(courses: list[tuple[str, Path]], runs: int) -> list[tuple[str, int, float, float, str]]:
    import vetkit

    engine = vetkit.Engine()
    rows = []
    for name, path in courses:
        raw = path.read_bytes()

        def once(on: bool, raw: bytes = raw, path: Path = path) -> tuple[float, str]:
            switch(on)
            start = time.perf_counter()
            report = engine.score(engine.load_course(raw, base_dir=path.parent), rubric="ht-training", as_of=AS_OF)
            return time.perf_counter() - start, report.verdict

        once(True), once(False)  # warm-up: the model, the lexicons and each word's weights are loaded
        timings: dict[bool, list[float]] = {True: [], False: []}
        verdicts = {}
        for _ in range(runs):
            for on in (True, False):
                seconds, verdicts[on] = once(on)
                timings[on].append(seconds)
        verdict = verdicts[True] if verdicts[True] == verdicts[False] else f"{verdicts[True]} (off: {verdicts[False]})"
        rows.append((name, len(raw), statistics.median(timings[True]), statistics.median(timings[False]), verdict))
    switch(True)
    return rows


def _env(cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    env["NO_COLOR"] = "1"
    return env


def _process(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def cold(courses: list[tuple[str, Path]], runs: int, cache: str) -> tuple[float, list[tuple[str, float, float]]]:
    env = _env(cache)
    score = ["score", "--as-of", AS_OF, "--format", "json"]
    for code in ("pass", _CLI, _OFF + _CLI):  # fill the bytecode cache
        subprocess.run([sys.executable, "-c", code, "--version"], env=env, capture_output=True, check=False)
    base = statistics.median(_process([sys.executable, "-c", "pass"], env) for _ in range(runs))
    rows = []
    for name, path in courses:
        on, off = [], []
        for _ in range(runs):
            on.append(_process([sys.executable, "-c", _CLI, *score, str(path)], env))
            off.append(_process([sys.executable, "-c", _OFF + _CLI, *score, str(path)], env))
        rows.append((name, statistics.median(on), statistics.median(off)))
    return base, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="warm runs per course and setting")
    parser.add_argument("--cold-runs", type=int, default=9, help="fresh processes per course and setting")
    parser.add_argument("--skip-cold", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        courses = inputs(Path(folder))
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU(s), load average "
              f"{os.getloadavg()[0]:.1f}\n")
        print("## Warm: validate + score in one process (median)\n")
        print("| course | bytes | detectors on | off | added | on / off | budget (+5 ms) | verdict |")
        print("|---|---:|---:|---:|---:|---:|---|---|")
        for name, size, on, off, verdict in warm(courses, args.runs):
            added = on - off
            print(f"| {name} | {size:,} | {on * 1000:.1f} ms | {off * 1000:.1f} ms | {added * 1000:+.1f} ms | "
                  f"{on / off:.2f}x | {'met' if added <= 0.005 else 'MISSED'} | {verdict} |")
        if args.skip_cold:
            return
        base, rows = cold(courses, args.cold_runs, str(Path(folder) / "pycache"))
        print("\n## Cold: `vetkit score` in a fresh process (median)\n")
        print(f"Baseline `python -c pass`: {base * 1000:.1f} ms.\n")
        print("| course | detectors on | off | added | on / off | budget (+100 ms) |")
        print("|---|---:|---:|---:|---:|---|")
        for name, on, off in rows:
            added = on - off
            print(f"| {name} | {on * 1000:.0f} ms ({on / base:.1f}x) | {off * 1000:.0f} ms ({off / base:.1f}x) | "
                  f"{added * 1000:+.0f} ms | {on / off:.2f}x | {'met' if added <= 0.1 else 'MISSED'} |")
        print(f"\nLoad average at the end: {os.getloadavg()[0]:.1f}.")


if __name__ == "__main__":
    main()
