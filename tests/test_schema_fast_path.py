"""The jsonschema-rs fast path never accepts what jsonschema rejects, so messages and verdicts are unchanged."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import vetkit
from vetkit import schemas
from vetkit.examples import base_course
from vetkit.strategies import json_values, valid_courses

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_course_rule_and_rubric_schemas_have_a_fast_path():
    """jsonschema-rs (a dependency) compiles the schemas vetkit validates on every load."""
    assert all(schemas.fast_validator(name) is not None for name in ("course", "rule", "rubric"))


def jsonschema_valid(name: str, instance) -> bool:
    return not list(schemas.validator(name).iter_errors(instance))


def pointers_of(data, pointer=()):
    yield pointer
    if isinstance(data, dict):
        for key, value in data.items():
            yield from pointers_of(value, (*pointer, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from pointers_of(value, (*pointer, index))


def replaced(data, path, value):
    data = copy.deepcopy(data)
    if not path:
        return value
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


@SETTINGS
@given(valid_courses())
def test_valid_courses_take_the_fast_path(course):
    assert schemas.is_valid("course", course)


@SETTINGS
@given(valid_courses(), st.data(), json_values(max_leaves=6))
def test_fast_path_is_never_more_lenient(course, data, value):
    path = data.draw(st.sampled_from(list(pointers_of(course))))
    mutated = replaced(course, path, value)
    if schemas.is_valid("course", mutated):
        assert jsonschema_valid("course", mutated), path


TRICKY = {
    "stateLawAsOf": ["0000-01-01", "2025-02-29", "2024-02-29", "2025-04-31", "2025-1-01", "2025-01-01\n",
                     "２０２５-01-01", "٢٠٢٥-٠١-٠١", "20250101", "2025-W01-1"],
    "id": ["HT-1\n", "Ä1", "-x", "a" * 100, "a" * 101, "\ud800"],
    "language": ["en\n", "en-US", "e", "en_US"],
    "title": ["", " ", "\ud83d", "\u2028"],
}


@pytest.mark.parametrize("key,value", [(k, v) for k, values in TRICKY.items() for v in values])
def test_tricky_values_agree_or_fall_back(key, value):
    course = base_course()
    course[key] = value
    fast = schemas.is_valid("course", course)
    assert not fast or jsonschema_valid("course", course)
    # and whatever the path, the loader's answer is jsonschema's; a lone surrogate is refused before the schema
    result = vetkit.validate(course)
    if any("\ud800" <= char <= "\udfff" for char in value):
        assert [(p.pointer, p.code) for p in result.errors] == [(f"/{key}", "encoding")]
    else:
        assert (not [p for p in result.errors if p.code == "schema"]) == jsonschema_valid("course", course)


@given(st.one_of(st.text(max_size=12), st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"), st.dates().map(str)))
def test_date_format_is_jsonschemas(text):
    assert schemas._is_date(text) == Draft202012Validator.FORMAT_CHECKER.conforms(text, "date")


def test_schemas_with_unreplicated_formats_get_no_fast_path():
    assert schemas.fast_validator("review") is None  # json-pointer: jsonschema decides
    assert list(schemas.errors("review", {})) != []


def test_invalid_course_messages_come_from_jsonschema():
    course = base_course()
    course["level"] = "expert"
    course["stateLawAsOf"] = "0000-01-01"
    errors = vetkit.validate(json.dumps(course).encode()).errors
    assert any("not an allowed value" in p.message for p in errors)
    assert any(p.pointer == "/stateLawAsOf" for p in errors)
