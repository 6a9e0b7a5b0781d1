"""Input limits: size, values, string length and what YAML aliases expand to are enforced while loading,
located, and before any check runs."""

from __future__ import annotations

import json

import pytest

import vetkit
from engine_helpers import MINIMAL_COURSE, minimal_course
from vetkit.limits import DEFAULT_LIMITS, MIB


def yaml_course(*extra: str) -> bytes:
    """The minimal course as YAML text with extra top-level lines."""
    lines = [f"{key}: {json.dumps(value)}" for key, value in MINIMAL_COURSE.items()]
    return "\n".join([*lines, *extra, ""]).encode()


class TestDefaults:
    def test_documented_defaults(self):
        """The limits docs/reliability.md states are the defaults."""
        assert (DEFAULT_LIMITS.max_bytes, DEFAULT_LIMITS.max_depth, DEFAULT_LIMITS.max_nodes,
                DEFAULT_LIMITS.max_string_length, DEFAULT_LIMITS.max_number_length, DEFAULT_LIMITS.max_alias_nodes,
                DEFAULT_LIMITS.max_expanded_chars, DEFAULT_LIMITS.max_material_bytes,
                DEFAULT_LIMITS.max_material_total_bytes) == (
            20 * MIB, 64, 100_000, 2 * MIB, 100, 10_000, 20 * MIB, 2 * MIB, 20 * MIB)


class TestYamlAliases:
    def test_expanded_size_is_bounded(self):
        """A 1 MB string referred to by 1,000 aliases (few nodes, a gigabyte of text) is refused before it is built."""
        text = yaml_course('x-big: &big "' + "a" * MIB + '"', "x-refs: [" + ", ".join(["*big"] * 1000) + "]")
        assert len(text) < 2 * MIB
        (problem,) = vetkit.validate(text).errors
        assert (problem.line, problem.column, problem.pointer, problem.code) == (12, 9, "/x-refs", "limit")
        assert problem.message == ("YAML aliases would expand this document to 1,049,624,976 characters of text; "
                                   "the limit is 20,971,520")

    def test_aliases_within_the_limit_load(self):
        """The same string referred to a few times loads."""
        text = yaml_course('x-big: &big "' + "a" * 1000 + '"', "x-refs: [*big, *big, *big]")
        course = vetkit.load_course(text)
        assert [len(value) for value in course.data["x-refs"]] == [1000, 1000, 1000]

    def test_nested_aliases_count_their_expansion(self):
        """Aliases of aliases multiply: ten levels of ten make far more text than the file holds."""
        lines = ['x-l0: &l0 "' + "a" * 300 + '"']
        lines += [f"x-l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 8)]
        (problem,) = vetkit.validate(yaml_course(*lines), limits=vetkit.Limits(max_alias_nodes=10 ** 9)).errors
        assert problem.code == "limit" and "characters of text" in problem.message


class TestValues:
    def test_too_many_values(self, write):
        """A JSON list with more values than max_nodes is refused at the first value past the limit."""
        course = minimal_course()
        course["x-many"] = list(range(20))
        path = write("course.json", json.dumps(course, indent=1))
        (problem,) = vetkit.validate(path, limits=vetkit.Limits(max_nodes=33)).errors
        assert (problem.pointer, problem.code) == ("/x-many/1", "limit")
        assert problem.line == 45
        assert problem.message == "the document has more than 33 values (objects, lists, strings, numbers)"

    def test_too_many_yaml_values(self):
        """The same limit applies to YAML."""
        text = yaml_course("x-many: [" + ", ".join(["1"] * 40) + "]")
        (problem,) = vetkit.validate(text, limits=vetkit.Limits(max_nodes=33)).errors
        assert (problem.pointer, problem.line, problem.code) == ("/x-many/1", 11, "limit")

    def test_many_values_at_the_default(self, write):
        """A document of 200,000 small values is refused with the default limit, quickly and located."""
        path = write("course.json", json.dumps({**MINIMAL_COURSE, "x-many": [0] * 200_000}))
        (problem,) = vetkit.validate(path).errors
        assert problem.code == "limit" and problem.pointer.startswith("/x-many/")


class TestStrings:
    def test_long_string_is_refused(self, write):
        """A string over max_string_length is refused at its pointer."""
        course = minimal_course()
        course["objectives"][0]["text"] = "x" * 3 * MIB
        path = write("course.json", json.dumps(course))
        (problem,) = vetkit.validate(path).errors
        assert (problem.pointer, problem.code) == ("/objectives/0/text", "limit")
        assert problem.message == "a string of 3,145,728 characters; the limit is 2,097,152"

    def test_long_string_in_data(self):
        """The limit also applies to in-memory data."""
        course = minimal_course()
        course["title"] = "x" * 101
        with pytest.raises(vetkit.InvalidCourse) as caught:
            vetkit.load_course(course, limits=vetkit.Limits(max_string_length=100))
        assert [(p.pointer, p.code) for p in caught.value.problems] == [("/title", "limit")]


class TestMaterialFiles:
    def test_all_material_files_together_are_bounded(self, tmp_path):
        """Files each under their limit are refused once together they pass max_material_total_bytes."""
        course = minimal_course()
        course["materials"] = [{"id": f"H{i}", "title": "Card", "type": "job-aid", "file": "card.md"} for i in range(5)]
        (tmp_path / "card.md").write_text("x" * 100, encoding="utf-8")
        limits = vetkit.Limits(max_material_bytes=100, max_material_total_bytes=250)
        result = vetkit.validate(course, base_dir=tmp_path, limits=limits)
        assert [(p.pointer, p.code) for p in result.errors] == [("/materials/2/file", "material-file")]
        assert result.errors[0].message == ("material file `card.md` brings the material files to 300 bytes, "
                                            "over the limit of 250 for all of them")


class TestBeforeChecks:
    def test_no_check_runs_on_a_refused_document(self):
        """An engine refuses a document over a limit before any check is called."""
        calls = []

        def check(ctx):
            calls.append(ctx.rule.id)
            return ctx.passed("fine")

        plugin = _rule_plugin(check)
        engine = vetkit.Engine(entry_points=False, plugins=[plugin])
        text = yaml_course('x-big: &big "' + "a" * MIB + '"', "x-refs: [" + ", ".join(["*big"] * 100) + "]")
        with pytest.raises(vetkit.InvalidCourse):
            engine.score(text, rubric=_rubric())
        assert calls == []


def _rule_plugin(check):
    class Plugin:
        @vetkit.hookimpl
        def vetkit_register_rules(self, register):
            register(vetkit.Rule(id="LM-01", title="t", severity="error", method="auto", rationale="r",
                                 how_to_fix="f", check=check))

    return Plugin()


def _rubric():
    return vetkit.Rubric(id="lm", version="1", title="Limits", criteria=[_criterion()])


def _criterion():
    from vetkit.rubric import Criterion

    return Criterion("LM-01")
