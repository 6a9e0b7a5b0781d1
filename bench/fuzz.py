"""The fuzz campaign: thousands of hostile inputs, counted by what vetkit did with them.

Run: ``python bench/fuzz.py [--scale 1.0] [--seed 20261125] [--only api-data,cli] [--markdown] [--json FILE]``.
Categories (default inputs at scale 1):

- ``api-data`` (1,500): mutated example courses (``vetkit.strategies.mutated_courses``: structure, hostile
  text, edge numbers, sizes, nesting) handed over as data, validated, and when valid scored and rendered in
  every format;
- ``api-text`` (1,000): the same as JSON or YAML text;
- ``bytes`` (1,000): example files cut, spliced, bit-flipped or re-encoded (``mutated_bytes``);
- ``yaml`` (600): YAML specials: aliases (some explosive), merge keys, tags, complex keys, several
  documents, directives, escapes, odd scalars, deep nesting, long lines;
- ``cli`` (600): ``vetkit score``, ``validate``, ``review init`` and ``diff`` on mutated files with random
  formats, output targets (the input itself, a FIFO, a symbolic link, a folder, an empty name) and options;
  after each run the inputs and special files must be as they were;
- ``paths`` (200): material files that try to leave the course's folder;
- ``plugins`` (400): a plugin whose every hook, check and renderer may raise, exit, interrupt itself, hang
  or register garbage (time budget 0.2 s);
- ``batch`` (20, and one batch of 1,100 courses): folders of mutated courses scored with ``--jobs`` 1 or 2.

For every category it prints the inputs tried, internal errors (an exception other than vetkit's own
errors, or "internal error" from the CLI), unlocated exit-2s (a problem with neither a line nor a JSON
Pointer, whole-file problems aside), invalid outputs (not UTF-8, or JSON that does not parse), inputs
lost (a course or a special file changed by a run), escapes (a material read from outside the course
folder), hangs (an input that takes longer than ``--hang`` seconds, 60 by default: the campaign then
stops with a traceback) and the slowest input. The oracle is the one the CI harness uses
(``tests/fuzzing.py``).
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import stat
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from click.testing import CliRunner  # noqa: E402
from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import vetkit  # noqa: E402
from fuzzing import (AS_OF, ESCAPING_PATHS, FAULTS, HOOKS, example_documents, example_texts, examine_cli,  # noqa: E402
                     examine_document, examine_path, examine_plugin, path_folder, serialized, write_input,
                     yaml_specials)
from vetkit.strategies import mutated_bytes, mutated_courses  # noqa: E402

COUNTS = {"api-data": 1500, "api-text": 1000, "bytes": 1000, "yaml": 600, "cli": 600, "paths": 200, "plugins": 400,
          "batch": 20}
FORMATS = ("text", "json", "html", "markdown", "sarif", "junit")
KINDS = ("internal", "unlocated", "output", "lost", "escape")


class Tally:
    """Inputs, violations by kind and the slowest input of one category."""

    def __init__(self, hang: float):
        self.inputs = 0
        self.kinds: Counter = Counter()
        self.examples: list[str] = []
        self.slowest = 0.0
        self.hang = hang

    def run(self, examine, *args, hang: float | None = None, **kwargs) -> None:
        # an input that runs past ``hang`` seconds stops the campaign with a traceback of where it hung
        faulthandler.dump_traceback_later(hang or self.hang, exit=True)
        started = time.perf_counter()
        try:
            violations = examine(*args, **kwargs)
        finally:
            faulthandler.cancel_dump_traceback_later()
        self.slowest = max(self.slowest, time.perf_counter() - started)
        self.inputs += 1
        for violation in violations:
            self.kinds[violation.split(":", 1)[0]] += 1
            if len(self.examples) < 5:
                self.examples.append(violation)


def campaign(name: str, strategy, examine, count: int, tally: Tally, rng_seed: int) -> None:
    """Draw ``count`` inputs from ``strategy`` with hypothesis and examine each."""
    @seed(rng_seed)
    @settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def each(value):
        tally.run(examine, value)

    each()


# -- the categories ----------------------------------------------------------------------------------------


def run_category(name: str, count: int, tally: Tally, rng_seed: int, work: Path) -> None:
    documents = example_documents()
    engine = vetkit.Engine()
    if name == "api-data":
        campaign(name, mutated_courses(documents), lambda course: examine_document(course, engine, formats=FORMATS),
                 count, tally, rng_seed)
    elif name == "api-text":
        strategy = st.tuples(mutated_courses(documents), st.sampled_from(["json", "yaml"]))
        campaign(name, strategy, lambda pair: examine_document(serialized(*pair), engine, formats=("json",),
                                                               format=pair[1]), count, tally, rng_seed)
    elif name == "bytes":
        campaign(name, st.sampled_from(example_texts()).flatmap(mutated_bytes),
                 lambda raw: examine_document(raw, engine, formats=("json",)), count, tally, rng_seed)
    elif name == "yaml":
        campaign(name, yaml_specials(), lambda raw: examine_document(raw, engine, formats=("json",), format="yaml"),
                 count, tally, rng_seed)
    elif name == "cli":
        strategy = st.tuples(mutated_courses(documents) | st.sampled_from(example_texts()).flatmap(mutated_bytes),
                             st.sampled_from(["score", "validate", "review", "diff"]), st.sampled_from(FORMATS),
                             st.sampled_from(["none", "self", "fifo", "symlink", "folder", "empty", "file", "dir"]),
                             st.lists(st.sampled_from(["--explain", "-v", "--require-complete", "--time-budget=0.5",
                                                       "--select=TI-07,LO-01", "--fail-under=50", "--jobs=2"]),
                                      max_size=3))
        campaign(name, strategy, lambda args: examine_cli_run(args, work), count, tally, rng_seed)
    elif name == "paths":
        folder = path_folder(work / "paths")
        campaign(name, st.sampled_from(ESCAPING_PATHS) | st.text(min_size=1, max_size=40).map(lambda t: "../" + t),
                 lambda file: examine_path(file, folder), count, tally, rng_seed)
    elif name == "plugins":
        strategy = st.fixed_dictionaries({hook: st.sampled_from(FAULTS) for hook in HOOKS})
        course = documents[-1]
        campaign(name, strategy, lambda faults: examine_plugin(faults, course, work), count, tally, rng_seed)
    elif name == "batch":
        strategy = st.tuples(st.lists(mutated_courses(documents, max_mutations=1), min_size=2, max_size=30),
                             st.sampled_from([1, 2]))
        campaign(name, strategy, lambda pair: examine_batch(*pair, work), count, tally, rng_seed)
        tally.run(examine_big_batch, documents, work, hang=max(tally.hang, 1200.0))  # 1,100 courses take minutes


def examine_cli_run(args, work: Path) -> list[str]:
    """One CLI run on a fresh folder; afterwards the input and any special output target must be unchanged."""
    from vetkit.cli import main

    data, command, fmt, target, options = args
    folder = Path(tempfile.mkdtemp(dir=work))
    course = write_input(folder, "course.json", data)
    before = course.read_bytes()
    output = {"none": None, "self": course, "fifo": folder / "pipe", "symlink": folder / "link", "folder": folder,
              "empty": Path(""), "file": folder / f"report.{fmt}", "dir": None}[target]
    if target == "fifo":
        os.mkfifo(output)
    elif target == "symlink":
        (folder / "real.txt").write_text("real", encoding="utf-8")
        output.symlink_to(folder / "real.txt")
    if command == "validate":
        argv = ["validate", str(course), *(["--format", "json"] if fmt == "json" else [])]
    elif command == "review":
        argv = ["review", "init", str(course), "--force", *(["-o", str(output)] if output is not None else [])]
    elif command == "diff":
        argv = ["diff", str(course), str(course), *(["--format", fmt] if fmt in ("text", "json", "markdown") else [])]
    else:
        argv = ["score", str(course), "--format", fmt, "--as-of", AS_OF, *options]
        argv += ["--output-dir", str(folder)] if target == "dir" else (["-o", str(output)] if output is not None else [])
    result = CliRunner().invoke(main, argv)
    violations = examine_cli(result, json_out=fmt == "json" and output is None and target != "dir"
                             and command != "review")
    if course.read_bytes() != before:
        violations.append(f"lost: {' '.join(argv[:2])} changed the course it read")
    if target == "fifo" and not stat.S_ISFIFO(os.lstat(output).st_mode):
        violations.append("lost: the FIFO was replaced")
    if target == "symlink" and (not output.is_symlink() or (folder / "real.txt").read_text(encoding="utf-8") != "real"):
        violations.append("lost: the symbolic link or its target was replaced")
    return violations


def examine_batch(courses: list, jobs: int, work: Path) -> list[str]:
    """A folder of mutated courses scored in one batch: a summary row for every course file, never an exception."""
    from vetkit.batch import find_courses, score_many

    folder = Path(tempfile.mkdtemp(dir=work))
    for index, course in enumerate(courses):
        write_input(folder, f"c{index:03d}.json", course)
    try:
        batch = score_many([folder], jobs=jobs, as_of=AS_OF, output_dir=folder / "out", output_format="json")
    except vetkit.VetkitError as error:
        return [f"internal: a batch stopped: {error}"[:300]]
    except Exception as error:  # noqa: BLE001
        return [f"internal: score_many raised {type(error).__name__}: {error}"[:300]]
    violations = [f"unlocated: {problem}" for row in batch.rows for problem in row.problems
                  if not _located_text(problem)]
    found = find_courses([folder], exclude=[folder / "out"])  # a file whose `vetkit` key a mutation removed is not one
    if len(batch.rows) != len(found):
        violations.append(f"internal: {len(batch.rows)} rows for {len(found)} course files")
    return violations


def examine_big_batch(documents: list, work: Path) -> list[str]:
    """One batch of 1,100 courses (the examples, some invalid) with --jobs 2."""
    folder = Path(tempfile.mkdtemp(dir=work))
    for index in range(1100):
        course = dict(documents[index % len(documents)])
        if index % 10 == 0:
            course["level"] = "expert"
        write_input(folder, f"c{index:04d}.json", course)
    from vetkit.batch import score_many

    batch = score_many([folder], jobs=2, as_of=AS_OF)
    return [] if len(batch.rows) == 1100 else [f"internal: {len(batch.rows)} rows for 1100 courses"]


def _located_text(problem: str) -> bool:
    """A problem paragraph names a line (``file:LINE:COL:``) or a pointer (``(at /...)``), or the whole file."""
    import re

    return bool(re.search(r":\d+:\d+: |\(at /|: error: (file not found|the file is empty|cannot read|is a "
                          r"directory|(file|document) is [\d,]+ bytes)", problem))


# -- the report ----------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every category's input count")
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--only", default="", help=f"only these categories: {', '.join(COUNTS)}")
    parser.add_argument("--hang", type=float, default=60.0, help="seconds after which an input counts as a hang")
    parser.add_argument("--markdown", action="store_true", help="print the table for docs/reliability.md")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message="Generating overly large repr")
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(COUNTS)
    tallies: dict[str, Tally] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as root:
        for offset, name in enumerate(chosen):
            tallies[name] = Tally(args.hang)
            work = Path(root) / name
            work.mkdir()
            count = max(1, round(COUNTS[name] * args.scale))
            run_category(name, count, tallies[name], args.seed + offset, work)
            print(f"{name}: {tallies[name].inputs} inputs, {dict(tallies[name].kinds) or 'no violations'}",
                  file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    total = sum(t.inputs for t in tallies.values())
    print(f"| category | inputs | internal errors | unlocated exit-2s | invalid outputs | inputs lost | escapes | "
          f"hangs | slowest input |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, tally in tallies.items():
        print(f"| {name} | {tally.inputs:,} | " + " | ".join(str(tally.kinds[k]) for k in KINDS) +
              f" | 0 | {tally.slowest:.1f} s |")
    sums = Counter()
    for tally in tallies.values():
        sums.update(tally.kinds)
    print(f"| **all** | **{total:,}** | " + " | ".join(f"**{sums[k]}**" for k in KINDS) + " | **0** | |")
    print(f"\n{total:,} inputs in {elapsed:.0f} s (seed {args.seed}, scale {args.scale:g}).")
    for name, tally in tallies.items():
        for example in tally.examples:
            print(f"  {name}: {example}")
    if args.json:
        args.json.write_text(json.dumps({name: {"inputs": t.inputs, **{k: t.kinds[k] for k in KINDS},
                                                "slowest": t.slowest} for name, t in tallies.items()}, indent=1),
                             encoding="utf-8")
    if any(sums.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
