"""Every finding points at a value the course has, or at keys missing below an object it has.

The engine guarantees it (:func:`vetkit.engine.finding_pointer`): a pointer into nothing moves
to its nearest existing ancestor. The property runs every built-in criterion on the bundled
examples and on copies with optional keys stripped.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import vetkit
from vetkit import pointers
from vetkit.engine import finding_pointer

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"
NAMES = ("roll-call-awareness.json", "dispatcher-call-taking.json", "task-force-investigations.json")
AS_OF = "2026-11-25"
#: Keys a course may leave out: (path of the objects that hold the key, key).
OPTIONAL = (
    ((), "funding"), ((), "stateLawAsOf"), ((), "references"), ((), "glossary"), ((), "evaluation"),
    ((), "availableLanguages"), ((), "resources"), ((), "lifecycle"), ((), "development"),
    (("modules",), "text"), (("modules",), "outline"), (("modules",), "topics"), (("modules",), "populations"),
    (("modules",), "typologies"), (("instructors",), "htExperienceYears"),
    (("instructors",), "traumaInformedTrained"), (("activities",), "tags"), (("resources",), "text"),
    (("evaluation",), "resultsMetrics"), (("evaluation",), "levels"),
)


@cache
def engine() -> vetkit.Engine:
    return vetkit.Engine()


@cache
def example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def stripped(data: dict, removals) -> dict:
    data = copy.deepcopy(data)
    for path, key in removals:
        for _, holder in pointers.objects_at(data, list(path)) if path else [("", data)]:
            if isinstance(holder, dict):
                holder.pop(key, None)
    return data


def assert_findings_resolve(course, report) -> None:
    for result in report.results:
        for finding in result.findings:
            try:
                pointers.resolve(course.data, finding.pointer)
                continue
            except KeyError:
                pass
            # the documented absent form: keys (no list indexes) missing below an object the course has
            tokens = pointers.split(finding.pointer)
            depth = max(d for d in range(len(tokens) + 1) if _resolves(course.data, tokens[:d]))
            holder = pointers.resolve(course.data, pointers.from_path(tokens[:depth]))
            assert hasattr(holder, "keys") and not any(t.isdigit() for t in tokens[depth:]), \
                f"{result.rule_id}: {finding.pointer} names nothing ({finding.message})"


def _resolves(document, tokens) -> bool:
    try:
        pointers.resolve(document, pointers.from_path(tokens))
        return True
    except KeyError:
        return False


@pytest.mark.parametrize("name", NAMES)
def test_bundled_examples(name):
    """Every finding of every criterion on each bundled example points at a value of the course."""
    course = engine().load_course(EXAMPLES / name)
    assert_findings_resolve(course, engine().score(course, rubric="ht-training", as_of=AS_OF))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(name=st.sampled_from(NAMES), removals=st.lists(st.sampled_from(OPTIONAL), min_size=1, max_size=6, unique=True))
def test_stripped_courses(name, removals):
    """With optional keys taken out, findings about what is missing point at the object that lacks it."""
    try:
        course = engine().load_course(stripped(example(name), removals), base_dir=EXAMPLES)
    except vetkit.InvalidCourse:
        assume(False)
    assert_findings_resolve(course, engine().score(course, rubric="ht-training", as_of=AS_OF))


def test_missing_keys_point_where_to_add_them():
    """Funding and instructor facts the roll-call course does not give: the key to add, and no made-up quote."""
    report = engine().score(EXAMPLES / "roll-call-awareness.json", rubric="ht-training", as_of=AS_OF)
    results = {result.rule_id: result for result in report.results}
    assert [(f.pointer, f.line, f.message) for f in results["DV-04"].findings if f.effect == "fail"] == [
        ("/funding", 1, "Funding is not disclosed; `funding: []` would say that there was no outside funder.")]
    assert [(f.pointer, f.evidence) for f in results["DV-03"].findings if f.effect == "fail"] == [
        ("/instructors/0/htExperienceYears", ""), ("/instructors/0/traumaInformedTrained", ""),
        ("/instructors/1/htExperienceYears", ""), ("/instructors/1/traumaInformedTrained", "")]


def test_a_module_without_text_is_not_quoted_by_its_title():
    """AC-08 on a module with no text points at the module and quotes nothing; tag claims quote the tag."""
    data = example("roll-call-awareness.json")
    data = stripped(data, [(("modules",), "text")])
    course = engine().load_course(data, base_dir=EXAMPLES)
    report = engine().score(course, rubric="ht-training", as_of=AS_OF, select=["AC-08", "CV-03"])
    results = {result.rule_id: result for result in report.results}
    ac08 = [f for f in results["AC-08"].findings if f.effect == "needs-review"]
    assert ac08 and all(f.pointer.count("/") == 2 and f.pointer.startswith("/modules/") for f in ac08)
    assert all(f.evidence == "" for f in ac08)
    for finding in results["CV-03"].findings:
        if "is tagged" in finding.message:
            assert finding.evidence == pointers.resolve(course.data, finding.pointer)


@pytest.mark.parametrize(("pointer", "expected"), [
    ("/modules/0/title", "/modules/0/title"), ("/modules/0/text", "/modules/0/text"), ("/funding", "/funding"),
    ("/safeguards/breaks", "/safeguards/breaks"), ("/modules/0/outline/0/text", "/modules/0"),
    ("/modules/99/text", "/modules"), ("/modules/x", "/modules"), ("/title/0", "/title"), ("", ""),
])
def test_finding_pointer(pointer, expected):
    """A value, or keys missing below an existing object, stay; anything else moves to its nearest ancestor."""
    course = {"title": "T", "modules": [{"title": "M"}]}
    assert finding_pointer(course, pointer) == expected
