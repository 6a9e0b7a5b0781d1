"""How every check grows with its input: each check on 1x, 4x and 16x inputs of several shapes.

Run: ``python bench/scaling.py [--base 50000] [--rules AU-02,TI-06] [--shapes letters,dots] [--cap 30]
[--json FILE]``. For each shape, a course is built around ``base`` characters of that shape (x1), four
times as many (x4) and sixteen times as many (x16); every check of the installed plugins runs alone on
a fresh ``Course`` of each (so each pays for the course's shared analyses), and its best time of a
few runs is kept. The growth exponent of a check is ``log(t16 / t4) / log 4`` for its worst shape: 1
is linear, 2 quadratic; a check that takes under 20 ms at x16 shows 0 (too fast to measure or to
matter). A run that passes ``--cap`` seconds is stopped (the engine's time budget) and shown as
``>cap``, with an exponent of at least what the cap allows.

Shapes are the inputs that once made checks super-linear, next to ordinary course prose: a title of
one long run of letters or dots, long runs of capitals, list items, table rows, citations, digits,
quotes, brackets and at-signs, text full of lexicon hits (in paragraphs, and as one block), and many
small objects.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import vetkit  # noqa: E402
from scan import HITS, PLAIN  # noqa: E402  bench/scan.py: the sentence banks of every bench input
from vetkit.checking import CheckContext  # noqa: E402
from vetkit.course import Course  # noqa: E402
from vetkit.examples import base_course  # noqa: E402
from vetkit.isolation import PluginFault, call_plugin  # noqa: E402

AS_OF = "2026-06-30"
SIZES = (1, 4, 16)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _sentences(bank: list[str], size: int, paragraph: int | None) -> str:
    """Sentences of ``bank`` in turn up to ``size`` characters, a blank line every ``paragraph`` sentences."""
    parts, total, index = [], 0, 0
    while total < size:
        sentence = bank[index % len(bank)]
        parts.append(sentence + ("\n\n" if paragraph and (index + 1) % paragraph == 0 else " "))
        total += len(parts[-1])
        index += 1
    return "".join(parts)


def _in_module(text: str) -> dict:
    course = base_course()
    course["modules"][0]["text"] = text
    return course


def _in_title(text: str) -> dict:
    course = base_course()
    course["title"] = text
    return course


def _in_material(text: str) -> dict:
    course = base_course()
    course["materials"] = [{"id": "MAT1", "title": "Handout", "type": "handout", "moduleId": course["modules"][0]["id"],
                            "text": text}]
    return course


def _objects(size: int) -> dict:
    """About ``size / 125`` modules, each with an objective and a short text (at x16 of the default base,
    6,400 of them: 83,000 values, within the limit of 100,000)."""
    course = base_course()
    count = max(1, size // 125)
    module = course["modules"][0]
    course["objectives"] = [{"id": f"O{n}", "text": f"Identify indicator {n} of labor trafficking at a stop."}
                            for n in range(count)]
    course["modules"] = [{**module, "id": f"M{n}", "title": f"Module {n}", "objectiveIds": [f"O{n}"],
                          "text": PLAIN[n % len(PLAIN)]} for n in range(count)]
    course.pop("activities", None)
    course.pop("assessments", None)
    course.pop("schedule", None)
    course.pop("materials", None)
    course.pop("statistics", None)
    return course


#: shape -> a course of about ``size`` characters of that shape.
SHAPES: dict[str, Callable[[int], dict]] = {
    "prose": lambda size: _in_module(_sentences(PLAIN, size, 6)),
    "hits": lambda size: _in_material(_sentences(HITS + PLAIN[:6], size, 8)),
    "hits-one-block": lambda size: _in_material(_sentences(HITS + PLAIN[:6], size, None)),
    "letters": lambda size: _in_title(_repeat("a", size)),
    "dots": lambda size: _in_title(_repeat(".", size)),
    "word-dots": lambda size: _in_title(_repeat("a.", size)),
    "capitals": lambda size: _in_module(_repeat("ABCD EFGH ", size)),
    "list-items": lambda size: _in_module(_repeat("- item\n", size)),
    "table-rows": lambda size: _in_module(_repeat("| a | b |\n", size)),
    "citations": lambda size: _in_module(_repeat("18 U.S.C. § 1591 ", size)),
    "digits": lambda size: _in_module(_repeat("555-0100 ", size)),
    "quotes": lambda size: _in_module(_repeat('"a ', size)),
    "brackets": lambda size: _in_module(_repeat("[a(b `c @d ", size)),
    "objects": _objects,
}


def measure(engine, rules, shapes: list[str], base: int, cap: float) -> list[dict]:
    """One row per rule and shape: the best times at 1x, 4x and 16x and the growth exponent."""
    for shape in shapes:  # every input is checked before anything is measured
        for factor in SIZES:
            document = vetkit.validate(SHAPES[shape](base * factor), vocabulary=engine.vocabulary)
            if not document.valid:
                raise SystemExit(f"shape {shape} x{factor} is not a valid course: {document.errors[0].format()}")
    rows = []
    for shape in shapes:
        courses = {factor: SHAPES[shape](base * factor) for factor in SIZES}
        for rule in rules:
            times = {}
            for factor in SIZES:
                times[factor] = _best_time(engine, rule, courses[factor], cap)
                if times[factor] is None:
                    break
            rows.append({"rule": rule.id, "plugin": rule.plugin, "shape": shape, **{f"x{f}": times.get(f) for f in SIZES},
                         "exponent": _exponent(times, cap)})
        print(f"  {shape}: done", file=sys.stderr, flush=True)
    return rows


def _best_time(engine, rule, course: dict, cap: float) -> float | None:
    """The best time of ``rule``'s check on fresh ``Course`` objects of ``course`` (up to 7 runs, or 0.2 s of
    runs, with the garbage collector paused); None when a run passes ``cap``."""
    params = dict(rule.parameters)
    check = rule.load_check()
    best, spent, runs = math.inf, 0.0, 0
    while runs < 7 and (runs < 2 or spent < 0.2):
        fresh = Course(course)
        context = CheckContext(course=fresh, rule=rule, params=params, as_of=_date(), vocabulary=engine.vocabulary,
                               lexicons=engine.lexicons)
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        try:
            call_plugin(check, context, budget=cap)
        except PluginFault as fault:
            if fault.timed_out:
                return None
        finally:
            elapsed = time.perf_counter() - start
            gc.enable()
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
        if elapsed > cap / 4:
            break
    return best


def _date():
    import datetime as dt

    return dt.date.fromisoformat(AS_OF)


#: Below this time at x16 a check is too fast for its growth to be measured or to matter (exponent 0).
NOISE_FLOOR = 0.02


def _exponent(times: dict, cap: float) -> float:
    if times.get(4) is None:
        return math.inf
    later = times.get(16)
    if later is None:  # stopped at the cap: grew at least this fast
        return math.log(cap / max(times[4], 1e-9)) / math.log(4)
    if later < NOISE_FLOOR:
        return 0.0
    return math.log(later / max(times[4], 1e-9)) / math.log(4)


def worst_per_rule(rows: list[dict]) -> list[dict]:
    worst: dict[str, dict] = {}
    for row in rows:
        if row["rule"] not in worst or row["exponent"] > worst[row["rule"]]["exponent"]:
            worst[row["rule"]] = row
    return sorted(worst.values(), key=lambda row: (-row["exponent"], row["rule"]))


def _ms(value: float | None, cap: float) -> str:
    return f">{cap:g} s" if value is None else f"{value * 1000:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=50_000, help="characters of the x1 input (default 50000)")
    parser.add_argument("--rules", default="", help="only these rule ids (comma-separated)")
    parser.add_argument("--shapes", default="", help=f"only these shapes: {', '.join(SHAPES)}")
    parser.add_argument("--cap", type=float, default=30.0, help="seconds after which a run is stopped (default 30)")
    parser.add_argument("--json", type=Path, default=None, help="also write every row to this file")
    args = parser.parse_args()
    engine = vetkit.Engine(time_budget=None)
    wanted = {rule.strip().upper() for rule in args.rules.split(",") if rule.strip()}
    rules = [rule for rule in engine.rules.values() if not rule.manual and (not wanted or rule.id in wanted)]
    shapes = [shape.strip() for shape in args.shapes.split(",") if shape.strip()] or list(SHAPES)
    print(f"{len(rules)} checks x {len(shapes)} shapes, x1 = {args.base:,} characters", file=sys.stderr)
    started = time.perf_counter()
    rows = measure(engine, rules, shapes, args.base, args.cap)
    print(f"| rule | plugin | worst shape | x1 ms | x4 ms | x16 ms | exponent |")
    print("|---|---|---|---:|---:|---:|---:|")
    for row in worst_per_rule(rows):
        print(f"| {row['rule']} | {row['plugin']} | {row['shape']} | {_ms(row['x1'], args.cap)} | "
              f"{_ms(row['x4'], args.cap)} | {_ms(row['x16'], args.cap)} | {row['exponent']:.2f} |")
    worst = max((row["exponent"] for row in rows), default=0.0)
    print(f"\nlargest exponent {worst:.2f}; {sum(1 for row in worst_per_rule(rows) if row['exponent'] > 1.3)} "
          f"check(s) above 1.3; {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
