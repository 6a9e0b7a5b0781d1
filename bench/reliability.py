"""The cost of reliability: the time budget's overhead, memory at the input limits, a batch's memory.

Run: ``python bench/reliability.py [--skip budget,largest,batch] [--courses 1000]``. Prints:

- **time budget**: one call of plugin code through ``vetkit.isolation.call_plugin`` with and without a
  budget, against a plain call (the baseline, same run); and scoring a generated 50 KB course (68 checks)
  with the default budget against no budget: the overhead per check and its share of the score's time;
- **largest document**: peak memory (RSS) and time of ``vetkit validate`` and ``vetkit score`` in a fresh
  process on the largest JSON document the default limits allow (just under 20 MiB of course text in
  strings just under 2 Mi characters), and of ``vetkit validate`` on a YAML file whose aliases expand to
  just under ``max_expanded_chars``; how many checks ran out of their budget on it;
- **batch**: peak memory of ``vetkit score FOLDER --jobs 1 --output-dir OUT --format json`` (one process)
  for 100 and for ``--courses`` generated 50 KB courses, and the growth per course between the two.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  bench/generate.py
from run import child_env, run_measured, vetkit_command  # noqa: E402  bench/run.py's process helpers
from scan import PLAIN  # noqa: E402

import vetkit  # noqa: E402
from vetkit.isolation import call_plugin  # noqa: E402
from vetkit.limits import DEFAULT_LIMITS, MIB  # noqa: E402

AS_OF = "2026-06-30"


def per_call(function, calls: int = 20_000, repeats: int = 7) -> float:
    """Median over ``repeats`` of the seconds per call of ``function()``, ``calls`` calls at a time."""
    results = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            function()
        results.append((time.perf_counter() - start) / calls)
    return statistics.median(results)


def budget(rows: list) -> None:
    def noop():
        return None

    plain = per_call(noop)
    isolated = per_call(lambda: call_plugin(noop))
    budgeted = per_call(lambda: call_plugin(noop, budget=10.0))
    rows.append(("call of plugin code, no budget", f"{(isolated - plain) * 1e6:.1f} µs", "over a plain call"))
    rows.append(("call of plugin code, 10 s budget", f"{(budgeted - plain) * 1e6:.1f} µs",
                 "over a plain call: SIGALRM timer armed and disarmed"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "course.json"
        path.write_text(json.dumps(generate.generate_course(0), indent=2), encoding="utf-8")
        engines = {"none": vetkit.Engine(time_budget=None), "10 s": vetkit.Engine(time_budget=10.0)}
        runs: dict[str, list[float]] = {label: [] for label in engines}
        for engine in engines.values():
            engine.score(engine.load_course(path), as_of=AS_OF)  # warm every cache
        for _ in range(30):  # the two alternate, so that the machine's drift weighs on both alike
            for label, engine in engines.items():
                fresh = engine.load_course(path)
                start = time.perf_counter()
                report = engine.score(fresh, as_of=AS_OF)
                runs[label].append(time.perf_counter() - start)
        timings = {label: statistics.median(values) for label, values in runs.items()}
        checks = len(report.results)
    delta = timings["10 s"] - timings["none"]
    rows.append(("score a 50 KB course, no budget", f"{timings['none'] * 1000:.1f} ms", f"{checks} criteria"))
    rows.append(("score a 50 KB course, 10 s budget", f"{timings['10 s'] * 1000:.1f} ms",
                 f"{delta / checks * 1e6:+.0f} µs per check, {delta / timings['none']:+.1%} of the score's time"))


def largest_json() -> dict:
    """A generated course whose module, material and activity texts are strings of just under 2 Mi characters
    of prose, as many as fit in just under 20 MiB."""
    course = generate.generate_course(0)
    string = DEFAULT_LIMITS.max_string_length - 1024
    prose, total, index = [], 0, 0
    while total < string:
        prose.append(PLAIN[index % len(PLAIN)] + (" " if index % 6 else "\n\n"))
        total, index = total + len(prose[-1]), index + 1
    block = "".join(prose)[:string]
    room = DEFAULT_LIMITS.max_bytes - len(json.dumps(course)) - 64 * 1024
    for collection in ("modules", "materials", "activities"):
        for entry in course.get(collection, []):
            if room < len(block):
                return course
            room -= len(block) - len(entry.get("text", ""))
            entry["text"] = block
    return course


def largest_yaml() -> str:
    """A YAML course whose aliases expand its text to just under max_expanded_chars."""
    course = generate.generate_course(0)
    lines = [f"{key}: {json.dumps(value)}" for key, value in course.items()]
    piece = 100_000
    count = (DEFAULT_LIMITS.max_expanded_chars - len("\n".join(lines)) * 2) // piece - 1
    lines.append("x-piece: &piece " + json.dumps(("word " * piece)[:piece]))
    lines.append("x-copies: [" + ", ".join(["*piece"] * count) + "]")
    return "\n".join(lines) + "\n"


def largest(rows: list) -> None:
    env = child_env(True, Path(tempfile.mkdtemp()))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "largest.json"
        path.write_text(json.dumps(largest_json()), encoding="utf-8")
        size = path.stat().st_size
        if not vetkit.validate(path).valid:
            raise SystemExit(f"the largest document is not valid: {vetkit.validate(path).errors[0].format()}")
        seconds, code, rss = run_measured([*vetkit_command(), "validate", str(path)], env)
        rows.append((f"validate the largest JSON ({size / MIB:.1f} MiB)", f"{rss / 1024:.0f} MiB peak",
                     f"{seconds:.1f} s, exit {code}"))
        report = Path(folder) / "report.json"
        seconds, code, rss = run_measured([*vetkit_command(), "score", str(path), "--as-of", AS_OF, "-o", str(report)],
                                          env)
        results = json.loads(report.read_text(encoding="utf-8"))["results"]
        stopped = [r["ruleId"] for r in results if r["outcome"] == "error" and "time budget" in r["reason"]]
        rows.append((f"score the largest JSON ({size / MIB:.1f} MiB)", f"{rss / 1024:.0f} MiB peak",
                     f"{seconds:.0f} s, exit {code}; {len(stopped)} of {len(results)} checks ran out of their 10 s "
                     f"budget{': ' + ', '.join(stopped) if stopped else ''}"))
        yaml_path = Path(folder) / "largest.yaml"
        yaml_path.write_text(largest_yaml(), encoding="utf-8")
        seconds, code, rss = run_measured([*vetkit_command(), "validate", str(yaml_path)], env)
        rows.append((f"validate YAML expanding to {DEFAULT_LIMITS.max_expanded_chars / MIB:.0f} Mi characters "
                     f"({yaml_path.stat().st_size / MIB:.1f} MiB file)", f"{rss / 1024:.0f} MiB peak",
                     f"{seconds:.1f} s, exit {code}"))


def batch(rows: list, courses: int) -> None:
    env = child_env(True, Path(tempfile.mkdtemp()))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        measured = {}
        for count in (100, courses):
            source = root / f"courses-{count}"
            source.mkdir()
            for index in range(count):
                (source / f"course-{index:04d}.json").write_text(json.dumps(generate.generate_course(index % 100)),
                                                                  encoding="utf-8")
            command = [*vetkit_command(), "score", str(source), "--jobs", "1", "--as-of", AS_OF, "--format", "json",
                       "--output-dir", str(root / f"out-{count}")]
            seconds, code, rss = run_measured(command, env)
            measured[count] = rss
            rows.append((f"batch of {count:,} courses, --jobs 1", f"{rss / 1024:.0f} MiB peak",
                         f"{seconds:.0f} s, exit {code}"))
        growth = (measured[courses] - measured[100]) / (courses - 100)
        rows.append(("batch memory per course", f"{growth:.1f} KiB", f"between {100:,} and {courses:,} courses"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="", help="leave out budget, largest or batch")
    parser.add_argument("--courses", type=int, default=1000, help="the larger batch (default 1000)")
    args = parser.parse_args()
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    rows: list[tuple[str, str, str]] = []
    if "budget" not in skip:
        budget(rows)
    if "largest" not in skip:
        largest(rows)
    if "batch" not in skip:
        batch(rows, args.courses)
    print("| figure | value | notes |")
    print("|---|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
