"""A user's Ctrl-C stops everything promptly: exit code 130 and one line on stderr, for one course and for a
batch in worker processes, which are ended too."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine_helpers import minimal_course, rubric, write_dist_plugin

SLOW_CHECK = '''import os
import time


def slow(ctx):
    marker = os.environ["VETKIT_TEST_MARKERS"]
    with open(os.path.join(marker, str(os.getpid())), "w") as handle:
        handle.write("started")
    while True:
        time.sleep(0.05)
'''


@pytest.fixture
def setup(tmp_path: Path):
    """A plugin whose check never ends (and leaves a marker per process), three courses, and the environment."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "slow_check.py").write_text(SLOW_CHECK, encoding="utf-8")
    write_dist_plugin(site, "slow", rules=[("XX-01", "warning", "slow_check:slow")], rubrics=[rubric("slow", ["XX-01"])])
    courses = tmp_path / "courses"
    courses.mkdir()
    for name in ("a", "b", "c"):
        (courses / f"{name}.json").write_text(json.dumps(minimal_course()), encoding="utf-8")
    markers = tmp_path / "markers"
    markers.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]),
           "VETKIT_LOAD_PLUGINS": "slow", "VETKIT_TEST_MARKERS": str(markers), "NO_COLOR": "1"}
    env.pop("VETKIT_DISABLE_PLUGINS", None)
    return courses, markers, env


def interrupt(args, env, markers, started: int, *, group: bool):
    """Run vetkit, wait until ``started`` processes are inside the check, send SIGINT, return the result."""
    command = [str(Path(sys.executable).with_name("vetkit")), *args]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(markers.iterdir())) < started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(list(markers.iterdir())) >= started, "the check never started"
    sent = time.monotonic()
    if group:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    else:
        process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    return process.returncode, stdout.decode(), stderr.decode(), time.monotonic() - sent


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_one_course(setup):
    """Ctrl-C while a check runs exits 130 with one line, at once (the check's budget is not waited for)."""
    courses, markers, env = setup
    code, stdout, stderr, waited = interrupt(["score", str(courses / "a.json"), "--rubric", "slow"], env, markers, 1,
                                             group=True)
    assert (code, stdout, stderr) == (130, "", "vetkit: interrupted\n")
    assert waited < 5


@pytest.mark.parametrize("group", [True, False], ids=["process-group", "parent-only"])
def test_batch_in_worker_processes(setup, group):
    """Ctrl-C during `--jobs 2` exits 130 with one line and leaves no worker process running."""
    courses, markers, env = setup
    code, stdout, stderr, waited = interrupt(["score", str(courses), "--rubric", "slow", "--jobs", "2"], env, markers,
                                             2, group=group)
    assert (code, stderr) == (130, "vetkit: interrupted\n")
    assert waited < 10
    workers = [int(path.name) for path in markers.iterdir()]
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers)


def test_batch_in_process(setup):
    """Ctrl-C during a batch in one process also exits 130, not 1."""
    courses, markers, env = setup
    code, _, stderr, _ = interrupt(["score", str(courses), "--rubric", "slow"], env, markers, 1, group=True)
    assert (code, stderr) == (130, "vetkit: interrupted\n")
