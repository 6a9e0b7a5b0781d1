"""How long topic evidence and scoring take for the three example courses, against the code of another revision.

    python bench/topic_speed.py --baseline REV   # REV: any revision with topic evidence (its src/, schemas/ and
                                                 # rubrics/ are unpacked into a temporary folder)

Each side runs in its own process on the same machine in the same run: the time to read the topic evidence of the
first example in a fresh process (loading the model and the cue tables included), the median time to read the topic
evidence of the three courses in docs/examples (loaded afresh each time, the model already in memory), and to
validate and score them with the ``ht-training`` rubric. Prints each and the ratio this tree / baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("roll-call-awareness.json", "dispatcher-call-taking.json", "task-force-investigations.json")

MEASURE = """
import json, sys
sys.path.insert(0, {bench!r})
from run import AS_OF, median_time
import vetkit
from vetkit.topics import topic_evidence
import time
paths = {paths!r}
engine = vetkit.Engine()
start = time.perf_counter()
topic_evidence(engine.load_course(paths[0])).units
first = time.perf_counter() - start
evidence = median_time(lambda: [topic_evidence(engine.load_course(path)).units for path in paths], {runs}, warmup=2)
score = median_time(lambda: [engine.score(engine.load_course(path), rubric='ht-training', as_of=AS_OF) for path in paths],
                    {runs}, warmup=1)
print(json.dumps({{'first': first, 'evidence': evidence, 'score': score}}))
"""


def measure(source: Path, runs: int) -> dict[str, float]:
    """The medians measured in a fresh process that imports vetkit from ``source``."""
    code = MEASURE.format(bench=str(ROOT / "bench"), paths=[str(ROOT / "docs" / "examples" / name) for name in EXAMPLES],
                          runs=runs)
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"measuring {source} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def unpack(revision: str, folder: Path) -> Path:
    """The ``src/`` folder of ``revision`` (with the data folders beside it), unpacked into ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision, "src", "schemas",
                              "rubrics"], capture_output=True,
                             check=True).stdout
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(folder, filter="data")
    return folder / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="The revision to compare with (one with topic evidence).")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    revision = subprocess.run(["git", "-C", str(ROOT), "rev-parse", args.baseline], capture_output=True, text=True,
                              check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as folder:
        baseline = measure(unpack(revision, Path(folder)), args.runs)
        current = measure(ROOT / "src", args.runs)
    for name, label in (("first", "first course in a fresh process (model and cue tables loaded)"),
                        ("evidence", "topic evidence of the 3 examples"), ("score", "validate + score of the 3 examples")):
        print(f"{label}: {current[name] * 1000:.1f} ms, baseline {baseline[name] * 1000:.1f} ms ({revision[:12]}), "
              f"ratio {current[name] / baseline[name]:.2f}")


if __name__ == "__main__":
    main()
