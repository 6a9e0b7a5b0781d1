"""vetkit's performance figures, each as the median of several runs and a ratio to a baseline.

Run: ``python bench/run.py`` (about two minutes on a 2-core machine) or ``python bench/run.py --quick``
(fewer runs, 100 courses instead of 500: for a quick look, not for the README). Every baseline is
measured in the same run on the same machine, so the ratios travel between machines; the absolute
times do not. The figures:

* cold start: ``vetkit --version`` and ``vetkit --help`` as fresh processes vs ``python -c pass``;
* in-process, warm: validate and score one generated 50 KB course vs ``json.loads`` of its bytes,
  with the share of the engine itself (the same findings from trivial checks) and of each rule;
* end to end: ``vetkit score COURSE --format json`` as a fresh process;
* batch: courses per second per core for the generated courses with ``--jobs 1`` and ``--jobs 2``
  (``vetkit score DIR --jobs N --format json``), and the speed-up of two jobs;
* text scan: MB/s of every lexicon and phrase set over 1 MB of course text (``bench/scan.py``);
* memory: peak RSS of ``vetkit score`` on one course and on the batch, and the growth per course
  between a small and the full batch next to the size of the report each course leaves behind.

Each figure with a budget is marked ``met`` or ``MISSED``. Courses come from ``bench/generate.py``
(fixed seed); the run checks that every generated course validates. The rubric is ``ht-training``
when the installed plugins provide all of its rules, otherwise a rubric of every installed rule
(the output says which). Timings are sensitive to other work on the machine: the load average at
the start and the end is printed next to the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # bench/generate.py

AS_OF = "2026-06-30"
BUDGETS = {  # figure -> (comparison, limit)
    "cold --version": ("<=", 6.0),
    "cold --help": ("<=", 6.0),
    "vetkit score (e2e)": ("<=", 15.0),
    "validate+score": ("<=", 150.0),
    "batch --jobs 1": (">=", 60.0),
    "batch --jobs 2": (">=", 60.0),
    "jobs 2 / jobs 1": (">=", 1.6),
    "text scan": (">=", 20.0),
    "peak RSS, one course": ("<=", 80.0),
}


# -- helpers -----------------------------------------------------------------------------------------


def median_time(function, runs: int, warmup: int = 1) -> float:
    """Median wall time of ``function()`` in seconds over ``runs`` calls, after ``warmup`` calls."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def vetkit_command() -> list[str]:
    """The ``vetkit`` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("vetkit")
    if script.exists():
        return [str(script)]
    found = shutil.which("vetkit")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from vetkit.cli import main; sys.exit(main())"]


def child_env(bytecode: bool, cache: Path) -> dict[str, str]:
    """The environment of measured processes: with bytecode caching into ``cache``, or none at all."""
    env = dict(os.environ)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)  # as an installed package has it, without writing into the tree
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["NO_COLOR"] = "1"
    return env


_RSS_WRAPPER = ("import resource, subprocess, sys, time\n"
                "start = time.perf_counter()\n"
                "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
                "print(time.perf_counter() - start, code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in KiB of the command and every process it started)."""
    out = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, *command], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def process_time(command: list[str], env: dict[str, str], runs: int) -> float:
    def once():
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return median_time(once, runs, warmup=2)


def machine() -> dict[str, str]:
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": str(os.cpu_count()), "cpu": model, "python": platform.python_version(),
            "platform": platform.platform()}


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


class Table:
    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, figure: str, value: float, unit: str, baseline: str = "", ratio: float | None = None,
            ratio_unit: str = "x", note: str = "") -> None:
        budget = BUDGETS.get(figure)
        measured = ratio if ratio is not None else value
        status = ""
        if budget is not None:
            op, limit = budget
            ok = measured <= limit if op == "<=" else measured >= limit
            status = f"{'met' if ok else 'MISSED'} ({op} {limit:g}{ratio_unit if ratio is not None else ' ' + unit})"
        row = {"figure": figure, "value": value, "unit": unit, "baseline": baseline, "ratio": ratio,
               "ratio_unit": ratio_unit, "budget": status, "note": note}
        self.rows.append(row)
        print(self.format(row), flush=True)

    @staticmethod
    def format(row: dict) -> str:
        value = f"{row['value']:.3g} {row['unit']}" if row["value"] < 1000 else f"{row['value']:,.0f} {row['unit']}"
        ratio = f"{row['ratio']:.1f}{row['ratio_unit']}" if row["ratio"] is not None else ""
        parts = [f"{row['figure']:<26}", f"{value:>20}", f"{ratio:>8}", f"{row['budget']:<19}"]
        extra = "; ".join(x for x in (f"baseline {row['baseline']}" if row["baseline"] else "", row["note"]) if x)
        return "  ".join(parts) + ("  " + extra if extra else "")

    def markdown(self) -> str:
        lines = ["| figure | value | ratio | budget | baseline and notes |", "|---|---:|---:|---|---|"]
        for row in self.rows:
            value = f"{row['value']:.3g} {row['unit']}" if row["value"] < 1000 else f"{row['value']:,.0f} {row['unit']}"
            ratio = f"{row['ratio']:.1f}{row['ratio_unit']}" if row["ratio"] is not None else ""
            notes = "; ".join(x for x in (f"baseline {row['baseline']}" if row["baseline"] else "", row["note"]) if x)
            lines.append(f"| {row['figure']} | {value} | {ratio} | {row['budget']} | {notes} |")
        return "\n".join(lines)


def bench_rubric(engine, folder: Path) -> tuple[str, str]:
    """(rubric reference, description): ``ht-training`` if it resolves, else a rubric of every installed rule."""
    import vetkit

    try:
        engine.rubric("ht-training")
        return "ht-training", "ht-training"
    except vetkit.RubricError as error:
        missing = sum(1 for p in error.problems if "no installed plugin provides" in p.message)
    path = folder / "bench-installed.yaml"
    path.write_text(json.dumps({"id": "bench-installed", "version": "1", "title": "Every installed rule",
                                "parameters": {"mandated": False},
                                "criteria": {rule_id: {} for rule_id in engine.rules}}), encoding="utf-8")
    return str(path), (f"every installed rule ({len(engine.rules)}; ht-training lacks {missing} of its rules "
                       "in this checkout)")


# -- the figures -----------------------------------------------------------------------------------


def cold_start(table: Table, env: dict[str, str], runs: int, label: str = "") -> float:
    vetkit = vetkit_command()
    base = process_time([sys.executable, "-c", "pass"], env, runs)
    for flag in ("--version", "--help"):
        seconds = process_time([*vetkit, flag], env, runs)
        table.add(f"cold {flag}{label}", seconds * 1000, "ms", f"python -c pass {base * 1000:.1f} ms", seconds / base)
    return base


def in_process(table: Table, course_path: Path, rubric: str, runs: int, rules_shown: int) -> dict:
    from attrs import evolve

    import vetkit
    from vetkit.checking import Result

    raw = course_path.read_bytes()
    engine = vetkit.Engine()

    def validate_and_score():
        return engine.score(engine.load_course(raw), rubric=rubric, as_of=AS_OF)

    report = validate_and_score()
    json_time = median_time(lambda: json.loads(raw), max(51, runs * 10), warmup=5)
    load_time = median_time(lambda: engine.load_course(raw), runs * 2, warmup=2)
    total = median_time(validate_and_score, runs, warmup=1)
    findings = sum(len(r.findings) for r in report.results)
    table.add("validate+score", total * 1000, "ms", f"json.loads {json_time * 1000:.3f} ms of {len(raw):,} bytes",
              total / json_time, note=f"{len(report.results)} rules, {findings} findings, verdict {report.verdict}")
    table.add("validate (load) only", load_time * 1000, "ms", "json.loads", load_time / json_time)

    # the engine's own share: every check replaced by one that returns the same findings at once
    answers = {r.rule_id: (r.outcome, r.score, tuple(evolve(f, line=None, column=None) for f in r.findings))
               for r in report.results}

    def canned(rule_id):
        outcome, score, found = answers[rule_id]
        outcome = outcome if outcome in ("pass", "fail", "needs-review", "not-applicable") else "pass"
        return lambda ctx: Result(outcome, "canned", found, score if outcome in ("pass", "fail") else None)

    core = vetkit.Engine()
    core.rules = {rule_id: evolve(rule, check=canned(rule_id)) if rule_id in answers and not rule.manual else rule
                  for rule_id, rule in core.rules.items()}
    core_time = median_time(lambda: core.score(core.load_course(raw), rubric=rubric, as_of=AS_OF), runs * 2, warmup=2)
    table.add("engine only", core_time * 1000, "ms", "json.loads", core_time / json_time,
              note="load + score with every check answering at once (same findings): vetkit's own share")

    # each rule's check on a fresh Course (so no rule profits from another's caches): the plugins' share
    import datetime as dt

    course = engine.load_course(raw)
    rubric_object = engine.rubric(rubric)
    as_of = dt.date.fromisoformat(AS_OF)
    fresh = median_time(lambda: vetkit.Course(course.data), 5)
    costs = {}
    for criterion in rubric_object.criteria:
        rule = engine.rules.get(criterion.id)
        if rule is None or rule.manual:
            continue
        params = {**rule.parameters, **rubric_object.parameters, **criterion.parameters}
        costs[criterion.id] = max(0.0, median_time(
            lambda criterion=criterion, params=params: engine._run(criterion, vetkit.Course(course.data), params,
                                                                   as_of), 3) - fresh)
    ranked = sorted(costs.items(), key=lambda item: -item[1])
    print(f"    slowest checks (each alone on a fresh Course; {len(costs)} checks, "
          f"{sum(costs.values()) * 1000:.1f} ms in all):")
    for rule_id, seconds in ranked[:rules_shown]:
        print(f"      {rule_id:<7} {engine.rules[rule_id].plugin:<16} {seconds * 1000:7.2f} ms = "
              f"{seconds / json_time:6.1f}x json.loads")
    return {"json_time": json_time, "rules": {k: v for k, v in ranked}, "course_bytes": len(raw)}


def end_to_end(table: Table, env: dict[str, str], course_path: Path, rubric: str, runs: int, base: float) -> int:
    command = [*vetkit_command(), "score", str(course_path), "--rubric", rubric, "--as-of", AS_OF, "--format", "json"]
    results = [run_measured(command, env) for _ in range(runs + 1)][1:]
    codes = {code for _, code, _ in results}
    if codes - {0, 1}:
        raise SystemExit(f"`{' '.join(command)}` failed with exit code {sorted(codes)}")
    seconds = statistics.median(r[0] for r in results)
    rss = max(r[2] for r in results)
    table.add("vetkit score (e2e)", seconds * 1000, "ms", f"python -c pass {base * 1000:.1f} ms", seconds / base,
              note="one 50 KB course, fresh process, --format json")
    table.add("peak RSS, one course", rss / 1024, "MiB", note="vetkit score, fresh process")
    return rss


def batch(table: Table, env: dict[str, str], folder: Path, count: int, rubric: str, jobs: int) -> tuple[float, int]:
    command = [*vetkit_command(), "score", str(folder), "--jobs", str(jobs), "--rubric", rubric, "--as-of", AS_OF,
               "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"batch --jobs {jobs} failed (exit {done.returncode}): {done.stderr[-2000:]}")
    summary = json.loads(done.stdout)
    invalid = [row["file"] for row in summary["courses"] if row["verdict"] == "invalid"]
    if invalid or len(summary["courses"]) != count:
        raise SystemExit(f"batch --jobs {jobs}: {len(summary['courses'])} rows, invalid: {invalid[:5]}")
    # the peak RSS: the same command again under the measuring wrapper (times are the first run's)
    _, _, rss = run_measured(command, env)
    per_core = count / seconds / jobs
    table.add(f"batch --jobs {jobs}", per_core, "courses/s/core", note=f"{count} courses in {seconds:.1f} s; "
              f"peak RSS {rss / 1024:.0f} MiB (largest process)")
    return count / seconds, rss


def retained_report_bytes(course_path: Path, rubric: str) -> int:
    """Bytes one scored course leaves behind in a batch (its Report and row), measured with tracemalloc."""
    import gc
    import tracemalloc

    import vetkit
    from vetkit.batch import _score_one

    engine = vetkit.Engine()
    options = {"rubric": rubric, "as_of": AS_OF, "select": (), "ignore": (), "fail_under": None,
               "require_complete": False, "output_format": None, "render_options": {}}
    _score_one(engine, course_path, options)  # warm every cache first
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    kept = _score_one(engine, course_path, options)
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    size = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    del kept
    return size


def text_scan(table: Table, runs: int) -> None:
    """bench/scan.py's three figures (its generator, its definitions), as medians of wall time."""
    import scan  # bench/scan.py

    import vetkit
    from vetkit.lexical import Lexicon, find_phrases, find_violations, scan_course
    from vetkit.text import Corpus

    course = vetkit.load_course(scan.generate_course(1.0))
    registry = vetkit.Engine().lexicons
    everything = [registry.get(name) for name in registry.names()]
    lexicons = [item for item in everything if isinstance(item, Lexicon) or item.kind == "must-not-contain"]
    for item in everything:  # compile once, as a process does
        _ = item.matcher
    texts = course.texts()
    megabytes = sum(len(t.text) for t in texts) / 1_000_000

    def raw_matchers(items) -> None:
        corpus = Corpus(texts)  # fresh: word sets and positions are part of the cost
        for item in items:
            item.matcher.scan(corpus.prepared)

    def full_scan(items) -> None:
        fresh = vetkit.Course(course.data)  # fresh: no cached scan
        for item in items:
            if isinstance(item, Lexicon):
                scan_course(fresh, item)
            elif item.kind == "must-not-contain":
                find_violations(fresh, item)
            else:
                find_phrases(fresh, item)

    whole = median_time(lambda: full_scan(everything), runs)
    table.add("text scan", megabytes / whole, "MB/s", note=f"{megabytes:.2f} MB of course text, all {len(everything)} "
              "lexicons and phrase sets, context and decisions included")
    terms = median_time(lambda: full_scan(lexicons), runs)
    table.add("text scan, term lexicons", megabytes / terms, "MB/s", note=f"the {len(lexicons)} term lexicons only")
    raw = median_time(lambda: raw_matchers(lexicons), runs)
    table.add("text scan, matchers", megabytes / raw, "MB/s", note="their compiled matchers alone")


# -- main ------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and 100 courses (a quick look)")
    parser.add_argument("--courses", type=int, default=None, help="batch size (default 500, 100 with --quick)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown (for README.md)")
    parser.add_argument("--skip", action="append", default=[], choices=["cold", "inproc", "e2e", "batch", "scan"],
                        help="leave a group of figures out (repeatable)")
    args = parser.parse_args()
    quick = args.quick
    count = args.courses or (100 if quick else 500)
    runs = {"cold": 7 if quick else 21, "inproc": 5 if quick else 15, "e2e": 3 if quick else 7,
            "scan": 3 if quick else 5}

    info = machine()
    print(f"vetkit bench: {info['cpu']}, nproc {info['nproc']}, Python {info['python']}, {info['platform']}")
    print(f"load average at start: {load_average()}{'  (--quick)' if quick else ''}")
    table = Table()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="vetkit-bench-") as tmp:
        tmp_path = Path(tmp)
        env = child_env(True, tmp_path / "pycache")
        courses = tmp_path / "courses"
        paths = generate.write_courses(courses, count)
        sizes = [p.stat().st_size for p in paths]
        problems = generate.check_courses(paths[:20] if quick else paths[:50])
        if problems:
            raise SystemExit("generated courses do not validate:\n" + "\n".join(problems[:20]))
        print(f"generated {count} courses, {min(sizes):,} to {max(sizes):,} bytes (every one is checked in the "
              f"batch; the first {20 if quick else 50} validated here, clean)")
        import vetkit

        rubric, rubric_note = bench_rubric(vetkit.Engine(), tmp_path)
        print(f"rubric: {rubric_note}\n")

        base = None
        if "cold" not in args.skip:
            base = cold_start(table, env, runs["cold"])
            cold_start(table, child_env(False, tmp_path), max(5, runs["cold"] // 2), " (no .pyc)")
        if base is None:
            base = process_time([sys.executable, "-c", "pass"], env, runs["cold"])
        if "inproc" not in args.skip:
            in_process(table, paths[0], rubric, runs["inproc"], rules_shown=10)
        if "e2e" not in args.skip:
            end_to_end(table, env, paths[0], rubric, runs["e2e"], base)
        if "batch" not in args.skip:
            one, rss_full = batch(table, env, courses, count, rubric, 1)
            two, _ = batch(table, env, courses, count, rubric, 2)
            table.add("jobs 2 / jobs 1", two / one, "x", note="throughput of two processes over one")
            small = max(10, count // 5)
            small_dir = tmp_path / "small"
            small_dir.mkdir()
            for path in paths[:small]:
                (small_dir / path.name).symlink_to(path)
            _, _, rss_small = run_measured([*vetkit_command(), "score", str(small_dir), "--jobs", "1", "--rubric",
                                            rubric, "--as-of", AS_OF, "--format", "json"], env)
            growth = (rss_full - rss_small) * 1024 / (count - small)
            kept = retained_report_bytes(paths[0], rubric)
            verdict = "no growth beyond the report rows" if growth <= 1.5 * kept + 4096 else "GROWS beyond the reports"
            table.add("RSS growth per course", growth / 1024, "KiB",
                      note=f"peak RSS {rss_small / 1024:.0f} MiB for {small} courses, {rss_full / 1024:.0f} MiB for "
                           f"{count}; one course's retained report and row: {kept / 1024:.0f} KiB: {verdict}")
        if "scan" not in args.skip:
            text_scan(table, runs["scan"])
    print(f"\nload average at end: {load_average()}; bench took {time.perf_counter() - started:.0f} s")
    missed = [row["figure"] for row in table.rows if row["budget"].startswith("MISSED")]
    print("budgets missed: " + (", ".join(missed) if missed else "none"))
    if args.markdown:
        print("\n" + table.markdown())
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "rubric": rubric_note, "quick": quick,
                                               "courses": count, "figures": table.rows}, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
