"""Built-in checks stay linear on large hostile inputs: on inputs that once took minutes, each finishes well
within the engine's time budget (the growth itself is measured by bench/scaling.py, not here)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import vetkit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import scaling  # noqa: E402  bench/scaling.py: the shapes of input that made checks super-linear

AS_OF = "2026-06-30"


@pytest.fixture(scope="module")
def engine():
    return vetkit.Engine()


def outcomes(engine, course, rules):
    report = engine.score(course, rubric="ht-training", as_of=AS_OF, select=rules)
    return {result.rule_id: (result.outcome, "time budget" in result.reason) for result in report.results}


@pytest.mark.parametrize("shape", ["hits-one-block", "hits"])
def test_many_hits_in_one_material(engine, shape):
    """The lexical checks judge 700,000 characters of myths and harmful phrases (once minutes) without running out."""
    rules = ["TI-01", "TI-06", "TI-13", "AC-02", "AC-03", "AC-04", "AC-05", "AC-07", "AC-08", "AC-09", "LO-05"]
    found = outcomes(engine, scaling.SHAPES[shape](700_000), rules)
    assert {rule: value for rule, value in found.items() if value[1] or value[0] == "error"} == {}
