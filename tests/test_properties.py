"""Properties of loading: no input crashes vetkit, generated valid courses validate, JSON and YAML agree."""

from __future__ import annotations

import copy
import json

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import vetkit
from vetkit.pointers import resolve
from vetkit.schemas import schema as load_schema
from vetkit.strategies import json_values, valid_courses

COURSE_SCHEMA = load_schema("course")


def _resolve(node: dict) -> dict:
    while "$ref" in node:
        node = COURSE_SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def required_keys(data, node: dict = COURSE_SCHEMA, pointer: str = ""):
    """(pointer of an object, required key) for every required key present in ``data``."""
    node = _resolve(node)
    if isinstance(data, dict):
        for key in node.get("required", ()):
            if key in data:
                yield pointer, key
        for key, value in data.items():
            if key in node.get("properties", {}):
                yield from required_keys(value, node["properties"][key], f"{pointer}/{key}")
    elif isinstance(data, list) and isinstance(node.get("items"), dict):
        for index, value in enumerate(data):
            yield from required_keys(value, node["items"], f"{pointer}/{index}")

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def never_raises(source, **kwargs) -> vetkit.Validation:
    """validate() returns; load_course() returns a Course or raises a VetkitError, nothing else."""
    result = vetkit.validate(source, **kwargs)
    assert isinstance(result, vetkit.Validation)
    try:
        course = vetkit.load_course(source, **kwargs)
    except vetkit.VetkitError as err:
        assert not result.valid
        assert err.problems
    else:
        assert result.valid
        assert isinstance(course, vetkit.Course)
    return result


def pointers_of(value, pointer: str = ""):
    """Every JSON Pointer inside ``value`` (its root included)."""
    yield pointer, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from pointers_of(child, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from pointers_of(child, f"{pointer}/{index}")


def replace_at(document, pointer: str, value):
    """``document`` with the value at ``pointer`` (not the root) replaced by ``value``, in place."""
    *parents, last = [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]
    node = document
    for token in parents:
        node = node[int(token)] if isinstance(node, list) else node[token]
    node[int(last) if isinstance(node, list) else last] = value
    return document


class TestNoCrash:
    @SETTINGS
    @given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
    def test_arbitrary_bytes(self, raw):
        """Arbitrary bytes never make validate raise, and load_course raises only VetkitError."""
        never_raises(raw)

    @SETTINGS
    @given(st.sampled_from(["{", "[", "a: ", "- ", '{"vetkit": ', "&a ", "!!"]), st.binary(max_size=200))
    def test_bytes_after_a_plausible_start(self, start, rest):
        """Bytes that begin like JSON or YAML never make validate raise."""
        never_raises(start.encode() + rest)

    @SETTINGS
    @given(json_values())
    def test_arbitrary_json_values(self, value):
        """Any JSON value, as JSON text, YAML text or in-memory data, never makes validate raise."""
        never_raises(json.dumps(value).encode())
        never_raises(yaml.safe_dump(value).encode())
        if isinstance(value, dict):
            never_raises(value)

    @SETTINGS
    @given(valid_courses(), json_values(max_leaves=5), st.data())
    def test_valid_course_with_one_value_replaced(self, course, value, data):
        """A valid course with any one value replaced by arbitrary JSON never makes validate raise."""
        pointer = data.draw(st.sampled_from([p for p, _ in pointers_of(course) if p]), label="pointer")
        never_raises(replace_at(course, pointer, value))


class TestValidCourses:
    @SETTINGS
    @given(valid_courses())
    def test_generated_course_is_valid(self, course):
        """Every generated valid course validates with zero errors and zero warnings."""
        result = vetkit.validate(course)
        assert result.errors == (), [problem.format() for problem in result.errors]
        assert result.warnings == ()

    @SETTINGS
    @given(valid_courses())
    def test_json_and_yaml_forms_agree(self, course):
        """The JSON and YAML forms of a course load to equal data and equal sha256."""
        from_json = vetkit.load_course(json.dumps(course, indent=2).encode())
        from_yaml = vetkit.load_course(yaml.safe_dump(course, sort_keys=False).encode())
        assert (from_json.format, from_yaml.format) == ("json", "yaml")
        assert from_json.data == from_yaml.data
        assert from_json.sha256 == from_yaml.sha256 == vetkit.load_course(course).sha256

    @SETTINGS
    @given(valid_courses(), st.data())
    def test_deleting_a_required_key_is_reported_at_its_parent(self, course, data):
        """Deleting any one required key yields an error whose pointer is the object that lost it."""
        sites = list(required_keys(course))
        assume(sites)
        pointer, key = data.draw(st.sampled_from(sites), label="deleted")
        broken = copy.deepcopy(course)
        target = resolve(broken, pointer)
        del target[key]
        result = vetkit.validate(broken)
        assert (pointer, f"missing required key `{key}`") in [
            (problem.pointer, problem.message.split(" in ")[0]) for problem in result.errors]


class TestTypeConfusionSweep:
    """Deterministic sweep: every value of a course with one of everything, replaced by each JSON type."""

    REPLACEMENTS = [5, 1.5, True, None, "x", {}, {"a": 1}, [5], [[]]]

    @staticmethod
    def base() -> dict:
        from test_course import RICH_YAML
        from vetkit.loading import read_document

        course = copy.deepcopy(read_document(RICH_YAML.encode()).data)
        course["schedule"] = [{"day": 1, "start": "08:00", "end": "09:00", "moduleId": "M1", "activityId": "ACT1",
                               "instructorIds": ["I1"]}]
        course["instructors"] = [{"id": "I1", "role": "lead", "disciplines": ["legal"], "moduleIds": ["M1"]}]
        course["references"] = [{"id": "REF1", "title": "Report", "type": "report", "published": "2024-01-01"}]
        course["statistics"] = [{"id": "S1", "claim": "A figure.", "referenceId": "REF1", "moduleId": "M1"}]
        course["lifecycle"]["history"] = [{"date": "2025-01-01", "summary": "Revised.", "feedbackSources": ["survivors"]}]
        return course

    def test_no_replacement_crashes_validate(self, tmp_path):
        """Replacing any one value of the course with any JSON type gives problems, never an exception."""
        base = self.base()
        (tmp_path / "card.md").write_text("# Card\n", encoding="utf-8")
        assert vetkit.validate(base, base_dir=tmp_path).valid
        crashes = []
        for pointer, _ in pointers_of(base):
            if not pointer:
                continue
            for value in self.REPLACEMENTS:
                document = replace_at(copy.deepcopy(base), pointer, value)
                try:
                    vetkit.validate(document, base_dir=tmp_path)
                except Exception as err:  # noqa: BLE001 - collect them all for one readable failure
                    crashes.append(f"{pointer} = {value!r}: {type(err).__name__}: {err}")
        assert crashes == []
