"""The text policy: lone surrogates are refused with a located error; control characters are escaped
wherever a message shows them; every writer, hash and message handles any ``str``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vetkit
from engine_helpers import MINIMAL_COURSE, minimal_course
from vetkit.course import Course
from vetkit.errors import Problem
from vetkit.render.json import render as render_json
from vetkit.safetext import encoded, shown

ESC = "\x1b[31m"


def course_text(**replace: str) -> str:
    """The minimal course as JSON text with raw JSON text swapped in for some values."""
    text = json.dumps(MINIMAL_COURSE, indent=2)
    for key, raw in replace.items():
        value = json.dumps(MINIMAL_COURSE[key])
        text = text.replace(f'"{key}": {value}', f'"{key}": {raw}', 1)
    return text


class TestShown:
    @pytest.mark.parametrize(("text", "expected"), [
        ("plain text, “quotes” and é", "plain text, “quotes” and é"),
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("line\nbreak\ttab\r", "line\\nbreak\\ttab\\r"),
        ("del\x7f c1\x9b", "del\\x7f c1\\x9b"),
        ("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066"),
        ("lone\ud800 and \udfff", "lone\\ud800 and \\udfff"),
        ("pair 😀 kept", "pair 😀 kept"),
        ("a back\\slash stays", "a back\\slash stays"),
    ])
    def test_escapes(self, text, expected):
        """Control characters, bidirectional controls and lone surrogates become visible escapes; nothing else changes."""
        assert shown(text) == expected

    def test_encoded_writes_any_str(self):
        """UTF-8 bytes for any str: a lone surrogate becomes its backslash escape, which JSON reads back."""
        text = json.dumps({"message": "x\ud800y"}, ensure_ascii=False)
        data = encoded(text)
        assert data == b'{"message": "x\\ud800y"}'
        assert json.loads(data.decode("utf-8")) == {"message": "x\ud800y"}


class TestLoneSurrogates:
    def test_json_value_is_refused_and_located(self, write):
        """A lone surrogate escape in a JSON string is an error at its line, column and pointer."""
        path = write("course.json", course_text(title='"Roll call \\ud800 basics"'))
        result = vetkit.validate(path)
        assert [(p.line, p.column, p.pointer, p.code) for p in result.errors] == [(4, 3, "/title", "encoding")]
        assert result.errors[0].message == (
            "the text contains a lone surrogate (\\ud800), which is not a character and cannot be written as UTF-8")
        assert result.errors[0].hint == "remove the \\u escape or complete the surrogate pair"

    def test_json_key_is_refused_and_located(self, write):
        """A lone surrogate in a key is located at the key, and the pointer is shown escaped."""
        path = write("course.json", course_text(title='"T", "x-a\\udc00b": 1'))
        result = vetkit.validate(path)
        assert [(p.line, p.pointer, p.code) for p in result.errors] == [(4, "/x-a\udc00b", "encoding")]
        assert "(at /x-a\\udc00b)" in result.errors[0].format()

    def test_surrogate_pair_is_a_character(self, write):
        """A complete surrogate pair is one character: the course is valid."""
        path = write("course.json", course_text(title='"Roll call \\ud83d\\ude00"'))
        course = vetkit.load_course(path)
        assert course.title == "Roll call 😀"

    def test_yaml_escape_is_refused_and_located(self, write):
        """A lone surrogate escape in a YAML double-quoted string is an error at its line."""
        path = write("course.yaml", "vetkit: '1.0'\nid: \"HT\\ud800\"\n")
        result = vetkit.validate(path)
        assert [(p.line, p.code) for p in result.errors] == [(2, "syntax")]

    def test_mapping_is_refused_with_its_pointer(self):
        """A mapping handed to load_course with a lone surrogate raises InvalidCourse at the pointer."""
        course = minimal_course()
        course["objectives"][0]["text"] = "Identify \udcff indicators."
        with pytest.raises(vetkit.InvalidCourse) as caught:
            vetkit.load_course(course)
        assert [(p.pointer, p.code) for p in caught.value.problems] == [("/objectives/0/text", "encoding")]

    def test_score_exits_2_with_the_location(self, cli, write):
        """`vetkit score` refuses the file with exit 2 and a located paragraph, not an internal error."""
        path = write("course.json", course_text(title='"Roll call \\ud800"'))
        result = cli("score", path)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{path}:4:3: error: the text contains a lone surrogate (\\ud800)")
        assert "internal error" not in result.stderr

    def test_validate_json_output_is_valid_utf8_json(self, cli, write):
        """`validate --format json` prints valid UTF-8 JSON whose pointer is the key with the surrogate."""
        path = write("course.json", course_text(title='"T", "x-\\udc00": 1'))
        result = cli("validate", "--format", "json", path)
        assert result.exit_code == 2
        report = json.loads(result.stdout_bytes.decode("utf-8"))
        assert [e["pointer"] for e in report["files"][0]["errors"]] == ["/x-\udc00"]

    def test_one_bad_file_does_not_abort_a_batch(self, cli, write, tmp_path):
        """In a batch, the file with a lone surrogate is one invalid row; the others are scored and the pages written."""
        write("courses/a.json", json.dumps(MINIMAL_COURSE))
        write("courses/b.json", course_text(title='"Roll call \\ud800"'))
        out = tmp_path / "out"
        result = cli("score", tmp_path / "courses", "--output-dir", out, "--format", "json")
        assert result.exit_code == 2
        summary = json.loads(result.stdout)
        assert [(Path(c["file"]).name, c["verdict"]) for c in summary["courses"]] == [
            ("a.json", "not-recommended"), ("b.json", "invalid")]
        assert sorted(p.name for p in out.iterdir()) == ["a.json", "index.html", "summary.md"]


class TestAnyStr:
    def test_course_hash_of_any_str(self):
        """A Course built directly from data with a lone surrogate still has a sha256."""
        data = minimal_course()
        data["title"] = "x\ud800"
        assert len(Course(data).sha256) == 64

    def test_report_json_with_any_str_encodes(self):
        """A report whose texts hold a lone surrogate and control characters renders to UTF-8 JSON that reads back."""
        report = vetkit.score(minimal_course(), as_of="2026-01-01")
        from attrs import evolve

        odd = evolve(report, notices=("plugin said \ud800 and \x1b[2J",))
        data = encoded(render_json(odd))
        assert json.loads(data.decode("utf-8"))["notices"] == ["plugin said \ud800 and \x1b[2J"]

    def test_problem_format_escapes_control_characters(self):
        """A problem's paragraph never carries a raw control character, whatever its parts hold."""
        problem = Problem(f"unknown key `{ESC}x`", file="c\x07.json", line=1, column=2, pointer=f"/{ESC}x",
                          hint="did you mean `\u202etitle`?")
        assert problem.format() == ("c\\x07.json:1:2: error: unknown key `\\x1b[31mx` (at /\\x1b[31mx). "
                                    "Did you mean `\\u202etitle`?")

    def test_validate_messages_escape_course_values(self, cli, write):
        """An escape sequence in a course key reaches stderr escaped, never raw."""
        path = write("course.json", course_text(title=f'"T", "{json.dumps(ESC)[1:-1]}": 1'))
        result = cli("validate", path)
        assert result.exit_code == 2
        assert "\x1b" not in result.stderr
        assert "unknown key `\\x1b[31m`" in result.stderr

    def test_text_report_escapes_course_values(self, cli, write):
        """The text report shows a title's escape sequence escaped (no colour: the report itself has none)."""
        path = write("course.json", course_text(title=json.dumps(f"Roll {ESC}call")))
        result = cli("score", path)
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout
        assert "Roll \\x1b[31mcall" in result.stdout

    @pytest.mark.parametrize("fmt", ["text", "json", "html", "markdown", "sarif", "junit"])
    def test_every_format_renders_any_str(self, fmt):
        """A report whose texts (from a plugin, a file name) hold lone surrogates and control characters renders
        in every built-in format to valid UTF-8, and JSON, SARIF and JUnit XML that parse."""
        from attrs import evolve
        from xml.dom import minidom

        engine = vetkit.Engine()
        report = engine.score(minimal_course(), as_of="2026-01-01")
        odd = "x\ud800y\x1b[2J\x00z\u202e"
        results = [evolve(r, reason=r.reason + odd,
                          findings=tuple(evolve(f, message=f.message + odd, evidence=odd) for f in r.findings))
                   for r in report.results]
        report = evolve(report, results=results, notices=(odd,), course={**report.course, "title": odd, "file": odd})
        rendered = engine.formats[fmt].render(report)
        data = rendered if isinstance(rendered, bytes) else encoded(rendered)
        text = data.decode("utf-8")
        if fmt in ("json", "sarif"):
            json.loads(text)
        elif fmt == "junit":
            minidom.parseString(data)
