"""Every problem with a parsed document is located: huge numbers, runaway nesting, characters YAML
refuses and in-memory data that is not JSON all name the file and the line, column or pointer."""

from __future__ import annotations

import json
import math

import pytest

import vetkit
from engine_helpers import MINIMAL_COURSE, minimal_course

LONG = "9" * 5000


def errors(source, **options):
    return [(p.line, p.column, p.pointer, p.code) for p in vetkit.validate(source, **options).errors]


class TestNumbers:
    def test_huge_json_integer(self, write):
        """An integer of 5,000 digits is a limit error at its line and column, in the named file."""
        text = json.dumps(MINIMAL_COURSE, indent=2).replace('"totalMinutes": 30', f'"totalMinutes": {LONG}')
        path = write("course.json", text)
        result = vetkit.validate(path)
        assert result.name == str(path)
        assert [(p.file, p.line, p.column, p.code) for p in result.errors] == [(str(path), 20, 21, "limit")]
        assert result.errors[0].message == "a number written with 5,000 characters; the limit is 100"

    def test_long_json_float(self, write):
        """A float written with more characters than the limit is refused the same way."""
        path = write("course.json", '{"vetkit": "1.0", "x-n": 0.' + "1" * 200 + "}")
        assert errors(path) == [(1, 26, None, "limit")]

    def test_huge_yaml_integer(self, write):
        """A YAML integer of 5,000 digits is located at its node, with its pointer."""
        path = write("course.yaml", f"vetkit: '1.0'\ndelivery:\n  totalMinutes: {LONG}\n")
        assert errors(path) == [(3, 17, "/delivery/totalMinutes", "limit")]

    def test_numbers_within_the_limit_load(self, write):
        """A number of 100 characters is read as usual."""
        text = json.dumps(MINIMAL_COURSE).replace('"totalMinutes": 30', f'"totalMinutes": {"1" * 100}')
        assert [p.code for p in vetkit.validate(write("course.json", text)).errors] == ["schema"]


class TestNesting:
    @pytest.mark.parametrize("depth", [65, 2_000, 200_000])
    def test_deep_json(self, write, depth):
        """JSON nested past the limit, even past Python's recursion limit, is located at the first bracket too deep."""
        path = write("course.json", '{"x-a": ' + "[" * depth + "]" * depth + "}")
        assert [(line, column, code) for line, column, _, code in errors(path)] == [(1, 72, "limit")]

    def test_deep_yaml(self, write):
        """YAML nested past what the parser accepts is located."""
        path = write("course.yaml", "x-a: " + "[" * 5000 + "]" * 5000)
        assert [(line, code) for line, _, _, code in errors(path)] == [(1, "syntax")]


class TestYamlCharacters:
    @pytest.mark.parametrize(("text", "line", "column", "shown"), [
        ("vetkit: '1.0'\nid: a\x01b\n", 2, 6, "\\x01"),
        ("vetkit: '1.0'\ntitle: ééé\x1b\n", 2, 11, "\\x1b"),
        ("vetkit: '1.0'\nid: x\ufffe\n", 2, 6, "\ufffe"),
    ])
    def test_refused_character_is_located(self, write, text, line, column, shown):
        """A character YAML refuses is located at its line and column (in characters) and shown escaped."""
        result = vetkit.validate(write("course.yaml", text))
        (problem,) = result.errors
        assert (problem.line, problem.column, problem.code) == (line, column, "syntax")
        assert problem.message == f"invalid YAML: the character {shown} is not allowed in YAML"
        assert "unicode string" not in problem.format() and "position" not in problem.format()


class TestData:
    def test_huge_integer_in_a_mapping(self):
        """A mapping holding an integer too long to print is refused at its pointer, as in a file."""
        course = minimal_course()
        course["delivery"]["totalMinutes"] = 10 ** 5000
        assert errors(course) == [(None, None, "/delivery/totalMinutes", "limit")]

    @pytest.mark.parametrize(("value", "message"), [
        ({1, 2}, "a set is not JSON data"),
        (math.nan, "nan is not a finite number"),
        (object(), "a object is not JSON data"),
    ])
    def test_mapping_values_that_are_not_json(self, value, message):
        """In-memory data that is not JSON is refused at its pointer, not as an anonymous error."""
        course = minimal_course()
        course["modules"][0]["x-extra"] = value
        with pytest.raises(vetkit.InvalidCourse) as caught:
            vetkit.load_course(course)
        assert [(p.pointer, p.message) for p in caught.value.problems] == [("/modules/0/x-extra", message)]

    def test_key_that_is_not_a_string(self):
        """A non-string key is refused at the pointer of its object."""
        course = minimal_course()
        course["audience"][(1, 2)] = "x"
        assert errors(course) == [(None, None, "/audience", "data")]

    def test_data_that_refers_to_itself(self):
        """A mapping that contains itself is refused as too deep, not with a RecursionError."""
        course = minimal_course()
        course["x-self"] = course
        codes = errors(course)
        assert codes and all(code == "data" for *_, code in codes)
        assert codes[0][2].startswith("/x-self/x-self/")
