"""vetkit's exceptions say what is wrong in their message: the first problems, then "and N more"."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import vetkit
from vetkit.errors import InvalidCourse, Problem, ReviewError, VetkitError

EXAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "roll-call-awareness.json"


def test_rubric_error_names_the_unknown_rule_ids():
    """An engine without the built-in plugins cannot resolve ht-training; str() names the first ids."""
    engine = vetkit.Engine(entry_points=False, plugins=[])
    course = vetkit.load_course(EXAMPLE)
    with pytest.raises(vetkit.RubricError) as raised:
        engine.score(course, rubric="ht-training")
    error = raised.value
    assert str(error) == (
        "rubric ht-training: unknown rule ids: "
        "rubric `ht-training` names rule `AU-01`, which no installed plugin provides (at /criteria/AU-01); "
        "rubric `ht-training` names rule `AU-05`, which no installed plugin provides (at /criteria/AU-05); "
        "rubric `ht-training` names rule `LO-01`, which no installed plugin provides (at /criteria/LO-01); "
        f"and {len(error.problems) - 3} more")
    assert len(error.problems) == 68 and error.message == "rubric ht-training: unknown rule ids"


def test_invalid_course_names_its_first_problems(tmp_path):
    """load_course on a document with two problems: both in str(), every one in .problems."""
    path = tmp_path / "course.yaml"
    path.write_text('vetkit: 1.0\n', encoding="utf-8")
    with pytest.raises(InvalidCourse) as raised:
        vetkit.load_course(path)
    text = str(raised.value)
    assert text.startswith(f"{path}: ")
    first = raised.value.problems[:3]
    assert text.count("; ") == 3 and text.endswith(f"; and {len(raised.value.problems) - 3} more")
    for problem in first:
        assert problem.brief() in text


def test_review_error_names_its_problem(tmp_path):
    """A review file with an unknown verdict: ReviewError's message says where and what."""
    error = ReviewError("answers.yaml: invalid review file",
                        [Problem("`maybe` is not an allowed value", pointer="/answers/LO-03/verdict")])
    assert str(error) == "answers.yaml: invalid review file: `maybe` is not an allowed value (at /answers/LO-03/verdict)"


@pytest.mark.parametrize(("message", "problem", "expected"), [
    ("rubric a: `extends` forms a cycle", "`extends` forms a cycle: a -> b -> a",
     "rubric a: `extends` forms a cycle: a -> b -> a (at /extends)"),
    ("unknown rubric 'nope'", "unknown rubric `nope` (extended by `child`)",
     "unknown rubric `nope` (extended by `child`) (at /extends)"),
])
def test_a_problem_that_restates_the_message_replaces_it(message, problem, expected):
    """No "X: X, more precisely" repetition when the one problem already says what the message says."""
    assert str(VetkitError(message, [Problem(problem, pointer="/extends")])) == expected


def test_without_problems_the_message_alone_and_pickling_keeps_everything():
    """Plain errors are unchanged; errors cross process boundaries (batch --jobs) intact."""
    assert str(VetkitError("plain")) == "plain"
    error = InvalidCourse("c.json: invalid", [Problem(f"problem {n}", pointer=f"/p/{n}") for n in range(5)])
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error) == ("c.json: invalid: problem 0 (at /p/0); problem 1 (at /p/1); "
                                       "problem 2 (at /p/2); and 2 more")
    assert copy.problems == error.problems
