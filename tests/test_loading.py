"""Loading course documents: every kind of broken input is refused with a located, actionable problem.

The broken documents are written as text, derived from two base documents by exact string
edits, so the line and column of every problem are fixed by the text you read here.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import vetkit

# The minimal valid course as JSON; line numbers are on the right.
BASE_JSON = """\
{
  "vetkit": "1.0",
  "id": "HT-101",
  "title": "Recognizing Human Trafficking at Roll Call",
  "version": "1.0",
  "provider": {"name": "Example Police Academy"},
  "audience": {"roles": ["patrol"], "experience": "in-service"},
  "level": "awareness",
  "delivery": {"modes": ["roll-call"], "totalMinutes": 30},
  "objectives": [
    {"id": "O1", "text": "Identify three indicators of labor trafficking during a traffic stop."}
  ],
  "modules": [
    {"id": "M1", "title": "Defining the crime", "minutes": 30, "objectiveIds": ["O1"],
     "topics": ["labor-trafficking", "sex-trafficking", "indicators"]}
  ]
}
"""
#  1 {                 6 provider     11 objective O1    16   ]  (end of modules)
#  2 vetkit            7 audience     12   ]             17 }
#  3 id                8 level        13 modules
#  4 title             9 delivery     14 module M1 ...
#  5 version          10 objectives   15   ... topics

# The same course as YAML.
BASE_YAML = """\
vetkit: "1.0"
id: HT-101
title: Recognizing Human Trafficking at Roll Call
version: "1.0"
provider:
  name: Example Police Academy
audience:
  roles: [patrol]
  experience: in-service
level: awareness
delivery:
  modes: [roll-call]
  totalMinutes: 30
objectives:
  - id: O1
    text: Identify three indicators of labor trafficking during a traffic stop.
modules:
  - id: M1
    title: Defining the crime
    minutes: 30
    objectiveIds: [O1]
    topics: [labor-trafficking, sex-trafficking, indicators]
"""
#  1 vetkit   5 provider   9   experience  13   totalMinutes  17 modules      21     objectiveIds
#  2 id       6   name    10 level         14 objectives      18   - id: M1   22     topics
#  3 title    7 audience  11 delivery      15   - id: O1      19     title
#  4 version  8   roles   12   modes       16     text        20     minutes


def edit(base: str, old: str, new: str) -> str:
    """``base`` with the one occurrence of ``old`` replaced by ``new``."""
    assert base.count(old) == 1, f"{old!r} must occur exactly once"
    return base.replace(old, new)


def json_plus(*members: str) -> str:
    """BASE_JSON with top-level members appended; the first added line is line 17."""
    return BASE_JSON.removesuffix("\n}\n") + ",\n" + ",\n".join(members) + "\n}\n"


def yaml_plus(*lines: str) -> str:
    """BASE_YAML with lines appended; the first added line is line 23."""
    return BASE_YAML + "\n".join(lines) + "\n"


def nested_json(depth: int) -> str:
    """BASE_JSON with ``depth`` nested lists under an ``x-deep`` key on line 17."""
    return json_plus('  "x-deep": ' + "[" * depth + "]" * depth)


BILLION_LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi"))


@dataclass(frozen=True)
class Case:
    """A broken document with one defect, and the one problem it must produce.

    Columns of trailing-comma errors are left out: Python 3.13 reports them at the comma, older
    versions at the closing bracket (the line is the same because both are on one line).
    """

    id: str
    name: str  # file name; its suffix picks the parser
    text: str | bytes
    pointer: str | None
    line: int | None
    column: int | None  # None where the column is not part of the contract
    message: str  # a fragment of Problem.message
    hint: str | None = None  # a fragment of Problem.hint
    code: str | None = None
    severity: str = "error"
    files: tuple[tuple[str, str | bytes], ...] = ()  # more files, relative to the course's folder
    max_bytes: int | None = None

    @property
    def limits(self) -> vetkit.Limits:
        return vetkit.Limits() if self.max_bytes is None else vetkit.Limits(max_bytes=self.max_bytes)

    @property
    def args(self) -> tuple[str, ...]:
        return () if self.max_bytes is None else ("--max-bytes", str(self.max_bytes))


ROLES = ("analyst, child-welfare, civilian-staff, corrections, dispatcher, executive, investigator, "
         "labor-inspector, multidisciplinary, patrol, prosecutor, school-resource-officer, supervisor, "
         "task-force, trainer, victim-services")

SCHEDULE_OVERLAP = ('  "schedule": [\n'
                    '    {"day": 1, "start": "08:00", "end": "08:20", "moduleId": "M1"},\n'
                    '    {"day": 1, "start": "08:10", "end": "08:30"}\n'
                    '  ]')
MATERIAL = ("materials:", "  - id: H1", "    title: Indicator card", "    type: job-aid")

CASES = [
    # --- JSON syntax -------------------------------------------------------------------------
    Case("json-trailing-comma", "course.json",
         edit(BASE_JSON, '{"name": "Example Police Academy"}', '{"name": "Example Police Academy",}'),
         None, 6, None, "invalid JSON: ", "remove the trailing comma before the closing brace", "syntax"),
    Case("json-trailing-comma-in-list", "course.json",
         edit(BASE_JSON, '"indicators"]}', '"indicators",]}'),
         None, 15, None, "invalid JSON: ", "remove the trailing comma before the closing bracket",
         "syntax"),
    Case("json-missing-comma", "course.json", edit(BASE_JSON, '"level": "awareness",', '"level": "awareness"'),
         None, 9, 3, "invalid JSON: expecting ',' delimiter", "a comma is missing", "syntax"),
    Case("json-unclosed-string", "course.json",
         edit(BASE_JSON, '"Recognizing Human Trafficking at Roll Call",', '"Recognizing Human Trafficking at Roll Call,'),
         None, 4, 56, "invalid JSON: invalid control character", "write line breaks inside strings as \\n", "syntax"),
    Case("json-unclosed-string-at-end", "course.json", BASE_JSON.removesuffix("\n}\n") + ',\n  "x-note": "unfinished',
         None, 17, 13, "invalid JSON: unterminated string", None, "syntax"),
    Case("json-single-quotes", "course.json", edit(BASE_JSON, '"level": "awareness"', "'level': 'awareness'"),
         None, 8, 3, "invalid JSON: expecting property name enclosed in double quotes", "JSON keys need double quotes",
         "syntax"),
    Case("json-extra-data", "course.json", BASE_JSON + "{}\n",
         None, 18, 1, "invalid JSON: extra data", "one JSON object per file", "syntax"),
    # --- YAML syntax -------------------------------------------------------------------------
    Case("yaml-bad-indentation", "course.yaml", edit(BASE_YAML, "  experience: in-service", " experience: in-service"),
         None, 9, 2, "invalid YAML", "check the indentation", "syntax"),
    Case("yaml-tab-indentation", "course.yaml", edit(BASE_YAML, "  name: Example", "\tname: Example"),
         None, 6, 1, "invalid YAML: found character that cannot start any token", "spaces, not tabs", "syntax"),
    Case("yaml-tab-in-list", "course.yaml", edit(BASE_YAML, "    title: Defining", "\ttitle: Defining"),
         None, 19, 1, "invalid YAML: found a tab character", "spaces, not tabs", "syntax"),
    Case("yaml-colon-in-value", "course.yaml", edit(BASE_YAML, "title: Recognizing Human", "title: Roll call: Recognizing Human"),
         None, 3, 17, "invalid YAML: mapping values are not allowed", "put the whole value in quotes", "syntax"),
    Case("yaml-two-documents", "course.yaml", BASE_YAML + "---\nid: HT-102\n",
         None, 23, 1, "invalid YAML", "keep one YAML document per file", "syntax"),
    # --- schema ------------------------------------------------------------------------------
    Case("minutes-as-string", "course.json", edit(BASE_JSON, '"minutes": 30', '"minutes": "30"'),
         "/modules/0/minutes", 14, 49, 'expected a whole number, got a string ("30")', "whole minutes", "schema"),
    Case("yaml-minutes-as-string", "course.yaml", edit(BASE_YAML, "minutes: 30", "minutes: thirty"),
         "/modules/0/minutes", 20, 5, 'expected a whole number, got a string ("thirty")', None, "schema"),
    Case("bad-enum", "course.json", edit(BASE_JSON, '"level": "awareness"', '"level": "aware"'),
         "/level", 8, 3, '"aware" is not an allowed value', "did you mean `awareness`?", "schema"),
    Case("bad-enum-without-close-match", "course.yaml", edit(BASE_YAML, "experience: in-service", "experience: veteran"),
         "/audience/experience", 9, 3, '"veteran" is not an allowed value',
         "allowed values: recruit, in-service, specialist, supervisor, executive", "schema"),
    Case("missing-title", "course.json", edit(BASE_JSON, '  "title": "Recognizing Human Trafficking at Roll Call",\n', ""),
         "", 1, 1, "missing required key `title` in the course document", "add `title`", "schema"),
    Case("yaml-module-missing-title", "course.yaml", edit(BASE_YAML, "    title: Defining the crime\n", ""),
         "/modules/0", 18, 5, "missing required key `title` in Module", "add `title`", "schema"),
    Case("unknown-top-level-key", "course.yaml", yaml_plus("objectivs: []"),
         "/objectivs", 23, 1, "unknown key `objectivs` in the course document", "did you mean `objectives`?", "schema"),
    Case("unknown-key-in-module", "course.yaml", edit(BASE_YAML, "    minutes: 30\n", "    minutes: 30\n    summry: x\n"),
         "/modules/0/summry", 21, 5, "unknown key `summry` in Module", "did you mean `summary`?", "schema"),
    Case("unknown-key-without-close-match", "course.json", edit(BASE_JSON, '"minutes": 30,', '"minutes": 30, "colour": 1,'),
         "/modules/0/colour", 14, 64, "unknown key `colour` in Module", "put your own data under an `x-` key", "schema"),
    Case("format-version-2", "course.json", edit(BASE_JSON, '"vetkit": "1.0"', '"vetkit": "2.0"'),
         "/vetkit", 2, 3, 'unsupported format version "2.0"', 'set "vetkit": "1.0"', "schema"),
    Case("format-version-as-number", "course.yaml", edit(BASE_YAML, 'vetkit: "1.0"', "vetkit: 1.0"),
         "/vetkit", 1, 1, 'the format version 1.0 is read as a number, not as the text "1.0"',
         'write it as "1.0" (quoted): vetkit: "1.0"', "schema"),
    Case("format-version-unsupported", "course.yaml", edit(BASE_YAML, 'vetkit: "1.0"', 'vetkit: "2.0"'),
         "/vetkit", 1, 1, 'unsupported format version "2.0"', 'set "vetkit": "1.0"', "schema"),
    Case("bad-date", "course.json", json_plus('  "stateLawAsOf": "2025-02-30"'),
         "/stateLawAsOf", 17, 3, '"2025-02-30" is not a valid date', "YYYY-MM-DD", "schema"),
    Case("yaml-bad-date-unquoted", "course.yaml", yaml_plus("stateLawAsOf: 2025-02-30"),
         "/stateLawAsOf", 23, 1, '"2025-02-30" is not a valid date', "YYYY-MM-DD", "schema"),
    Case("bad-time", "course.yaml", yaml_plus("schedule:", "  - day: 1", '    start: "08:00"', '    end: "25:00"'),
         "/schedule/0/end", 26, 5, '"25:00" is not in the expected form', "HH:MM on a 24-hour clock", "schema"),
    Case("bad-id-form", "course.json", edit(BASE_JSON, '"id": "M1"', '"id": "M 1"'),
         "/modules/0/id", 14, 6, '"M 1" is not in the expected form', "ids start with a letter or digit", "schema"),
    Case("empty-text", "course.json", edit(BASE_JSON, '"title": "Defining the crime"', '"title": ""'),
         "/modules/0/title", 14, 18, "must not be empty", "write the text", "schema"),
    Case("no-modules", "course.json", BASE_JSON[:BASE_JSON.index('  "modules"')] + '  "modules": []\n}\n',
         "/modules", 13, 3, "needs at least 1 item", None, "schema"),
    Case("yaml-list-not-mapping", "course.yaml", "- vetkit: '1.0'\n- id: HT-101\n",
         "", 1, 1, "expected an object, got a list", None, "schema"),
    Case("json-string-not-mapping", "course.json", '"HT-101"\n',
         "", 1, 1, 'expected an object, got a string ("HT-101")', None, "schema"),
    # --- integrity ---------------------------------------------------------------------------
    Case("dangling-objective-reference", "course.json", edit(BASE_JSON, '"objectiveIds": ["O1"]', '"objectiveIds": ["O9"]'),
         "/modules/0/objectiveIds/0", 14, 81, "unknown objective id `O9`", "known objective ids: O1",
         "dangling-reference"),
    Case("dangling-reference-close-match", "course.yaml",
         edit(edit(BASE_YAML, "  - id: O1", "  - id: OBJ-1"), "objectiveIds: [O1]", "objectiveIds: [OBJ-2]"),
         "/modules/0/objectiveIds/0", 21, 20, "unknown objective id `OBJ-2`", "did you mean `OBJ-1`?",
         "dangling-reference"),
    Case("reference-to-wrong-kind", "course.json", edit(BASE_JSON, '"objectiveIds": ["O1"]', '"objectiveIds": ["M1"]'),
         "/modules/0/objectiveIds/0", 14, 81, "`M1` is the id of a module (/modules/0)", None, "wrong-reference"),
    Case("duplicate-id-across-kinds", "course.json", edit(BASE_JSON, '"id": "M1"', '"id": "O1"'),
         "/modules/0/id", 14, 6, "duplicate id `O1`: already used by the objective at /objectives/0",
         "ids must be unique across the whole document", "duplicate-id"),
    Case("duplicate-choice-id", "course.yaml",
         yaml_plus("assessments:", "  - id: A1", "    title: Check", "    type: knowledge-check",
                   "    purpose: formative", "    objectiveIds: [O1]", "    items:", "      - id: Q1",
                   "        type: true-false", "        prompt: Trafficking requires movement.",
                   "        objectiveIds: [O1]", "        choices:", "          - {id: T, text: 'True', correct: false}",
                   "          - {id: T, text: 'False', correct: true}"),
         "/assessments/0/items/0/choices/1/id", 36, 14, "duplicate choice id `T` in this item", None, "duplicate-id"),
    Case("duplicate-json-key", "course.json", edit(BASE_JSON, '"level": "awareness",', '"level": "awareness", "level": "advanced",'),
         "/level", 8, 25, "duplicate key `level`", "remove or merge the repeated key", "duplicate-key"),
    Case("duplicate-yaml-key", "course.yaml", edit(BASE_YAML, "level: awareness\n", "level: awareness\nlevel: advanced\n"),
         "/level", 11, 1, "duplicate key `level`", "remove or merge the repeated key", "duplicate-key"),
    Case("overlapping-blocks", "course.json", json_plus(SCHEDULE_OVERLAP),
         "/schedule/1", 19, 5, "block overlaps the block at /schedule/0 on day 1", "must not overlap", "schedule"),
    Case("block-ends-before-start", "course.yaml",
         yaml_plus("schedule:", "  - day: 1", '    start: "09:00"', '    end: "08:30"'),
         "/schedule/0/end", 26, 5, "block ends at 08:30, not after it starts at 09:00", None, "schedule"),
    Case("material-path-escape", "course.yaml", yaml_plus(*MATERIAL, "    file: ../secret.md"),
         "/materials/0/file", 27, 5, "material file `../secret.md` is outside the course's folder", None,
         "material-file", files=(("../secret.md", "the secret"),)),
    Case("material-file-missing", "course.yaml", yaml_plus(*MATERIAL, "    file: handouts/card.md"),
         "/materials/0/file", 27, 5, "material file `handouts/card.md` not found", "looked for", "material-file"),
    Case("material-file-not-utf8", "course.yaml", yaml_plus(*MATERIAL, "    file: card.md"),
         "/materials/0/file", 27, 5, "material file `card.md`: the file is not valid UTF-8", "Latin-1",
         "material-file", files=(("card.md", "Se\u00f1ales de trata".encode("latin-1")),)),
    Case("unknown-audience-role", "course.json", edit(BASE_JSON, '"roles": ["patrol"]', '"roles": ["patrol", "astronaut"]'),
         "/audience/roles/1", 7, 36, "unknown audience role `astronaut`", "known roles: " + ROLES, "vocabulary"),
    Case("misspelt-audience-role", "course.yaml", edit(BASE_YAML, "roles: [patrol]", "roles: [patroll]"),
         "/audience/roles/0", 8, 11, "unknown audience role `patroll`", "did you mean `patrol`? known roles: ",
         "vocabulary"),
    Case("unknown-topic-tag", "course.json", edit(BASE_JSON, '"indicators"]', '"indicators", "labour-trafficking"]'),
         "/modules/0/topics/3", 15, 71, "unknown topic tag `labour-trafficking`", "did you mean `labor-trafficking`?",
         "vocabulary", severity="warning"),
    # --- encodings and sizes -----------------------------------------------------------------
    Case("utf16-with-bom", "course.json", codecs.BOM_UTF16_LE + BASE_JSON.encode("utf-16-le"),
         None, 1, 1, "the file is encoded as UTF-16; vetkit reads UTF-8 only", "save the file as UTF-8", "encoding"),
    Case("latin1-bytes", "course.yaml", edit(BASE_YAML, "name: Example", "name: Acad\u00e9mie").encode("latin-1"),
         None, 6, 13, "the file is not valid UTF-8 (byte 0xE9", "Latin-1 and Windows-1252 are not accepted", "encoding"),
    Case("nul-bytes", "course.json", b'{"vetkit": "1.0"\x00}', None, 1, 17, "NUL characters", None, "encoding"),
    Case("empty-file", "course.json", "", None, None, None, "the file is empty", "vetkit init", "empty"),
    Case("whitespace-only", "course.yaml", "  \n\t\n\n", None, None, None, "the file is empty", "vetkit init", "empty"),
    Case("yaml-comments-only", "course.yaml", "# nothing here yet\n", None, None, None, "the file is empty", None, "empty"),
    Case("over-max-bytes", "course.json", BASE_JSON, None, None, None,
         f"file is {len(BASE_JSON):,} bytes, over the limit of 100 bytes", "--max-bytes", "limit", max_bytes=100),
    Case("json-nested-too-deep", "course.json", nested_json(200), "/x-deep" + "/0" * 63, 17, 76,
         "nested more than 64 levels deep", "runaway nesting", "limit"),
    Case("yaml-nested-too-deep", "course.yaml", yaml_plus("x-deep: " + "[" * 200 + "]" * 200),
         "/x-deep" + "/0" * 63, 23, 72, "nested more than 64 levels deep", "runaway nesting", "limit"),
    # --- unsafe or unsupported YAML ----------------------------------------------------------
    Case("yaml-billion-laughs", "course.yaml", BILLION_LAUGHS, "/i", 9, 4,
         "YAML aliases would expand this document to", "fewer aliases", "limit"),
    Case("yaml-recursive-alias", "course.yaml", yaml_plus("x-loop: &loop [1, *loop]"), None, 23, 9,
         "a YAML alias refers to itself", "remove the recursive alias", "limit"),
    Case("yaml-python-object-tag", "course.yaml", yaml_plus("x-run: !!python/object/apply:os.system ['true']"),
         "/x-run", 23, 8, "unsupported YAML tag `tag:yaml.org,2002:python/object/apply:os.system`",
         "use plain mappings", "yaml-tag"),
    Case("yaml-python-object", "course.yaml", edit(BASE_YAML, "provider:\n", "provider: !!python/object:argparse.Namespace\n"),
         "/provider", 5, 11, "unsupported YAML tag `tag:yaml.org,2002:python/object:argparse.Namespace`",
         "use plain mappings", "yaml-tag"),
    Case("yaml-custom-tag", "course.yaml", edit(BASE_YAML, "level: awareness", "level: !Level awareness"),
         "/level", 10, 8, "unsupported YAML tag `!Level`", None, "yaml-tag"),
    Case("yaml-set", "course.yaml", yaml_plus("x-set: !!set {a, b}"),
         "/x-set", 23, 8, "unsupported YAML tag `tag:yaml.org,2002:set`", None, "yaml-tag"),
    Case("yaml-nan", "course.yaml", edit(BASE_YAML, "minutes: 30", "minutes: .nan"),
         "/modules/0/minutes", 20, 14, "`.nan` and `.inf` have no JSON form", "use a finite number", "yaml"),
    Case("yaml-integer-key", "course.yaml", edit(BASE_YAML, "    minutes: 30\n", "    minutes: 30\n    2024: revised\n"),
         "/modules/0", 21, 5, "mapping keys must be strings", "quote the key", "yaml"),
    Case("yaml-complex-key", "course.yaml", yaml_plus("? [a, b]", ": x"),
         "", 23, 3, "mapping keys must be strings", "quote the key", "yaml"),
]


def materialize(case: Case, tmp_path: Path) -> Path:
    """Write the case's document (and its extra files) into tmp_path/course/ and return its path."""
    folder = tmp_path / "course"
    folder.mkdir()
    path = folder / case.name
    path.write_bytes(case.text.encode("utf-8") if isinstance(case.text, str) else case.text)
    for name, content in case.files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def by_id(cases):
    return pytest.mark.parametrize("case", cases, ids=[case.id for case in cases])


class TestCaseTable:
    def test_table_is_large_and_unique(self):
        """The table has at least 30 broken documents, each with its own id."""
        assert len(CASES) >= 30
        assert len({case.id for case in CASES}) == len(CASES)

    def test_base_documents_are_valid(self, tmp_path):
        """The two base documents the cases are edited from are valid and equal as data."""
        (tmp_path / "base.json").write_text(BASE_JSON, encoding="utf-8")
        (tmp_path / "base.yaml").write_text(BASE_YAML, encoding="utf-8")
        from_json = vetkit.load_course(tmp_path / "base.json")
        from_yaml = vetkit.load_course(tmp_path / "base.yaml")
        assert from_json.data == from_yaml.data
        assert from_json.warnings == from_yaml.warnings == ()


class TestBrokenDocuments:
    @by_id(CASES)
    def test_problem_is_located(self, case, tmp_path):
        """Each broken document yields exactly one problem, with the expected pointer, line, column and text."""
        path = materialize(case, tmp_path)
        result = vetkit.validate(path, limits=case.limits)
        found = result.errors if case.severity == "error" else result.warnings
        assert len(found) == 1, [problem.format() for problem in result.problems]
        problem = found[0]
        assert problem.severity == case.severity
        assert problem.file == str(path)
        assert problem.pointer == case.pointer
        assert problem.line == case.line
        if case.column is not None:
            assert problem.column == case.column
        assert case.message in problem.message
        if case.hint is not None:
            assert problem.hint is not None and case.hint in problem.hint
        if case.code is not None:
            assert problem.code == case.code
        assert result.valid is (case.severity != "error")

    @by_id([case for case in CASES if case.severity == "error"])
    def test_load_course_raises_invalid_course(self, case, tmp_path):
        """load_course raises InvalidCourse carrying the same problems validate reports."""
        path = materialize(case, tmp_path)
        with pytest.raises(vetkit.InvalidCourse) as raised:
            vetkit.load_course(path, limits=case.limits)
        assert isinstance(raised.value, vetkit.VetkitError)
        assert raised.value.problems == vetkit.validate(path, limits=case.limits).errors
        assert str(path) in str(raised.value)

    @by_id(CASES)
    def test_cli_exit_code(self, case, tmp_path, cli):
        """`vetkit validate` exits 2 for every broken document (0 for a warning-only one) and names the line."""
        path = materialize(case, tmp_path)
        result = cli("validate", path, *case.args)
        assert result.exit_code == (2 if case.severity == "error" else 0), result.stderr
        location = f"{path}:{case.line}:" if case.line is not None else f"{path}: {case.severity}:"
        assert location in result.stderr


class TestAllErrorsAtOnce:
    def test_four_independent_defects_give_four_errors(self, tmp_path):
        """A document with four unrelated defects reports all four errors in source order."""
        text = edit(edit(edit(edit(BASE_JSON,
                                   '"level": "awareness"', '"level": "expert"'),
                              '"totalMinutes": 30', '"totalMinutes": "30"'),
                         '"roles": ["patrol"]', '"roles": ["astronaut"]'),
                    '"objectiveIds": ["O1"]', '"objectiveIds": ["O7"]')
        path = tmp_path / "course.json"
        path.write_text(text, encoding="utf-8")
        result = vetkit.validate(path)
        assert [(p.pointer, p.line) for p in result.errors] == [
            ("/audience/roles/0", 7), ("/level", 8), ("/delivery/totalMinutes", 9), ("/modules/0/objectiveIds/0", 14)]
        with pytest.raises(vetkit.InvalidCourse) as raised:
            vetkit.load_course(path)
        assert len(raised.value.problems) == 4
        assert "4 problems found" in str(raised.value)

    def test_errors_and_warnings_are_separated(self, tmp_path):
        """Errors and warnings are reported together but kept apart; problems merges them in source order."""
        text = edit(edit(BASE_JSON, '"level": "awareness"', '"level": "expert"'),
                    '"indicators"]', '"indicators", "labour-trafficking"]')
        path = tmp_path / "course.json"
        path.write_text(text, encoding="utf-8")
        result = vetkit.validate(path)
        assert [p.pointer for p in result.errors] == ["/level"]
        assert [p.pointer for p in result.warnings] == ["/modules/0/topics/3"]
        assert [p.pointer for p in result.problems] == ["/level", "/modules/0/topics/3"]
        assert result.course is None


class TestNonFiniteNumbers:
    """Decision: NaN and Infinity are not JSON (RFC 8259); vetkit refuses them in JSON as it does in YAML."""

    @pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e999"])
    def test_json_non_finite_number_is_refused(self, token, tmp_path):
        """A non-finite number in a JSON course, even under an `x-` key, is an error at its line."""
        path = tmp_path / "course.json"
        path.write_text(json_plus(f'  "x-score": {token}'), encoding="utf-8")
        result = vetkit.validate(path)
        assert not result.valid
        assert [problem.line for problem in result.errors] == [17]

    @pytest.mark.parametrize("token", [".nan", ".NaN", ".inf", "-.inf", "1.0e+999"])
    def test_yaml_non_finite_number_is_refused(self, token, tmp_path):
        """A non-finite number in a YAML course, even under an `x-` key, is an error at its line."""
        path = tmp_path / "course.yaml"
        path.write_text(yaml_plus(f"x-score: {token}"), encoding="utf-8")
        result = vetkit.validate(path)
        assert [(p.pointer, p.line, p.column, p.code) for p in result.errors] == [("/x-score", 23, 10, "yaml")]

    def test_yaml_1e999_without_a_dot_is_a_string(self, tmp_path):
        """YAML 1.1 needs a dot in a float, so `1e999` stays the string "1e999"."""
        course = vetkit.load_course(yaml_plus("x-score: 1e999").encode())
        assert course.data["x-score"] == "1e999"


class TestEncodings:
    def test_utf8_with_bom_loads(self, tmp_path):
        """A UTF-8 file with a byte-order mark loads, and positions ignore the mark."""
        path = tmp_path / "course.json"
        path.write_bytes(codecs.BOM_UTF8 + BASE_JSON.encode("utf-8"))
        course = vetkit.load_course(path)
        assert course.title == "Recognizing Human Trafficking at Roll Call"
        assert course.locate("/level") == (8, 3)

    def test_yaml_utf8_with_bom_loads(self, tmp_path):
        """A UTF-8 YAML file with a byte-order mark loads."""
        path = tmp_path / "course.yaml"
        path.write_bytes(codecs.BOM_UTF8 + BASE_YAML.encode("utf-8"))
        assert vetkit.load_course(path).locate("/level") == (10, 1)

    @pytest.mark.parametrize("encoding, name", [("utf-16-be", "UTF-16"), ("utf-32-le", "UTF-32"),
                                                ("utf-32-be", "UTF-32")])
    def test_other_unicode_encodings_are_named(self, encoding, name, tmp_path):
        """UTF-16 and UTF-32 files with a byte-order mark are refused with the encoding named."""
        bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}
        path = tmp_path / "course.json"
        path.write_bytes(bom[encoding] + BASE_JSON.encode(encoding))
        (problem,) = vetkit.validate(path).errors
        assert problem.message == f"the file is encoded as {name}; vetkit reads UTF-8 only"

    def test_non_ascii_text_keeps_columns_in_characters(self, tmp_path):
        """Columns count characters, not bytes, after non-ASCII text on the same line."""
        text = edit(BASE_JSON, '"level": "awareness"', '"x-note": "é😀", "level": "aware"')
        path = tmp_path / "course.json"
        path.write_text(text, encoding="utf-8")
        (problem,) = vetkit.validate(path).errors
        assert (problem.pointer, problem.line, problem.column) == ("/level", 8, 19)


class TestFormats:
    @pytest.mark.parametrize("name, text", [
        ("course.json", BASE_JSON), ("course.yaml", BASE_YAML), ("course.yml", BASE_YAML),
        ("COURSE.JSON", BASE_JSON), ("course.YML", BASE_YAML),
        ("course.txt", BASE_JSON), ("course.txt", BASE_YAML), ("course", BASE_YAML),
        ("course.txt", "\n\n  " + BASE_JSON),
    ])
    def test_suffix_or_content_picks_the_parser(self, name, text, tmp_path):
        """.json, .yaml and .yml pick the parser by suffix; other names are sniffed from the content."""
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        course = vetkit.load_course(path)
        assert course.format == ("json" if text.lstrip().startswith("{") else "yaml")
        assert course.id == "HT-101"

    def test_json_suffix_does_not_fall_back_to_yaml(self, tmp_path):
        """YAML content in a .json file is reported as invalid JSON, not silently read as YAML."""
        path = tmp_path / "course.json"
        path.write_text(BASE_YAML, encoding="utf-8")
        (problem,) = vetkit.validate(path).errors
        assert (problem.code, problem.line, problem.column) == ("syntax", 1, 1)
        assert problem.message.startswith("invalid JSON")

    def test_yaml_suffix_reads_json(self, tmp_path):
        """JSON is YAML: a JSON document in a .yaml file loads, with YAML positions."""
        path = tmp_path / "course.yaml"
        path.write_text(BASE_JSON, encoding="utf-8")
        course = vetkit.load_course(path)
        assert course.format == "yaml"
        assert course.locate("/level") == (8, 3)

    def test_bytes_are_sniffed(self):
        """Bytes without a name are parsed as JSON when they start with a brace and as YAML otherwise."""
        assert vetkit.load_course(BASE_JSON.encode()).format == "json"
        assert vetkit.load_course(BASE_YAML.encode()).format == "yaml"

    def test_mapping_source_is_copied(self, minimal_course):
        """A mapping source is validated from a private copy: later edits do not reach the course."""
        course = vetkit.load_course(minimal_course)
        minimal_course["title"] = "changed"
        assert course.title == "Recognizing Human Trafficking at Roll Call"
        assert course.name == "<data>"


class TestPathsAndSources:
    def test_missing_file(self, tmp_path):
        """A path that does not exist is one `not-found` problem, not an exception."""
        result = vetkit.validate(tmp_path / "nope.json")
        assert [(p.code, p.message, p.hint) for p in result.errors] == [("not-found", "file not found", "check the path")]

    def test_directory(self, tmp_path):
        """A directory passed as a course is refused with a clear message."""
        (problem,) = vetkit.validate(tmp_path).errors
        assert problem.message == "is a directory, not a course file"

    @pytest.mark.parametrize(("source", "message"), [
        (42, "expected an object, got a whole number (42)"), (None, "expected an object, got null (null)"),
        (3.5, "expected an object, got a number (3.5)"), (["a"], 'expected an object, got a list (["a"])'),
        (object(), "a object is not JSON data")])
    def test_other_values_are_data(self, source, message):
        """Any other value is in-memory data: refused at the root pointer; load_course raises a VetkitError."""
        result = vetkit.validate(source)
        assert [(p.pointer, p.message) for p in result.errors] == [("", message)]
        with pytest.raises(vetkit.VetkitError):
            vetkit.load_course(source)

    def test_mapping_that_is_not_json(self, minimal_course):
        """A mapping holding values JSON cannot carry is a problem, not an exception."""
        minimal_course["x-when"] = {1, 2}
        result = vetkit.validate(minimal_course)
        assert not result.valid
        with pytest.raises(vetkit.InvalidCourse):
            vetkit.load_course(minimal_course)

    def test_material_without_base_dir(self, minimal_course):
        """A material file in a course given as data needs base_dir, and the problem says so."""
        minimal_course["materials"] = [{"id": "H1", "title": "Card", "type": "job-aid", "file": "card.md"}]
        (problem,) = vetkit.validate(minimal_course).errors
        assert problem.pointer == "/materials/0/file"
        assert "base_dir" in problem.hint

    def test_material_with_base_dir(self, minimal_course, tmp_path):
        """base_dir resolves material files of a course given as data."""
        (tmp_path / "card.md").write_text("# Indicators\n", encoding="utf-8")
        minimal_course["materials"] = [{"id": "H1", "title": "Card", "type": "job-aid", "file": "card.md"}]
        course = vetkit.load_course(minimal_course, base_dir=tmp_path)
        assert course.material_text("/materials/0") == "# Indicators\n"

    def test_material_over_size_limit(self, minimal_course, tmp_path):
        """A material file over max_material_bytes is refused with its size."""
        (tmp_path / "card.md").write_text("x" * 101, encoding="utf-8")
        minimal_course["materials"] = [{"id": "H1", "title": "Card", "type": "job-aid", "file": "card.md"}]
        (problem,) = vetkit.validate(minimal_course, base_dir=tmp_path,
                                     limits=vetkit.Limits(max_material_bytes=100)).errors
        assert problem.message == "material file `card.md` is 101 bytes, over the limit of 100"

    @pytest.mark.parametrize("file", ["/etc/passwd", "C:/secret.md", "\\\\server\\share.md"])
    def test_absolute_material_paths_are_schema_errors(self, file, minimal_course, tmp_path):
        """Absolute material paths are refused by the schema before any file is opened."""
        minimal_course["materials"] = [{"id": "H1", "title": "Card", "type": "job-aid", "file": file}]
        result = vetkit.validate(minimal_course, base_dir=tmp_path)
        assert "/materials/0/file" in [p.pointer for p in result.errors]
        assert not result.valid

    @pytest.mark.parametrize("file", ["card\x00.md", "a" * 5000], ids=["nul-byte", "name-too-long"])
    def test_material_file_name_the_os_refuses(self, file, minimal_course, tmp_path):
        """A material file name the operating system refuses is a located problem, not an exception."""
        minimal_course["materials"] = [{"id": "H1", "title": "Card", "type": "job-aid", "file": file}]
        result = vetkit.validate(minimal_course, base_dir=tmp_path)
        assert [problem.pointer for problem in result.errors] == ["/materials/0/file"]

    def test_material_symlink_escape(self, minimal_course, tmp_path):
        """A symlink inside the course folder that points outside it is refused."""
        (tmp_path / "secret.md").write_text("secret", encoding="utf-8")
        folder = tmp_path / "course"
        folder.mkdir()
        (folder / "card.md").symlink_to(tmp_path / "secret.md")
        minimal_course["materials"] = [{"id": "H1", "title": "Card", "type": "job-aid", "file": "card.md"}]
        (problem,) = vetkit.validate(minimal_course, base_dir=folder).errors
        assert "outside the course's folder" in problem.message


class TestLimits:
    def test_depth_limit_is_configurable(self, tmp_path):
        """max_depth applies to JSON and YAML alike; a document within the limit loads."""
        path = tmp_path / "course.json"
        path.write_text(nested_json(10), encoding="utf-8")
        assert vetkit.validate(path).valid
        (problem,) = vetkit.validate(path, limits=vetkit.Limits(max_depth=8)).errors
        assert problem.code == "limit"
        assert "more than 8 levels" in problem.message

    def test_very_deep_json_does_not_recurse_forever(self):
        """Hundreds of thousands of nested lists are refused as too deep, not a RecursionError."""
        text = '{"x": ' + "[" * 200_000 + "]" * 200_000 + "}"
        (problem,) = vetkit.validate(text.encode()).errors
        assert problem.code == "limit"

    def test_very_deep_yaml_is_refused(self):
        """Hundreds of thousands of nested YAML flow lists are refused without a crash."""
        text = "x: " + "[" * 200_000 + "]" * 200_000 + "\n"
        result = vetkit.validate(text.encode(), format="yaml")
        assert not result.valid
        assert len(result.errors) == 1

    def test_alias_limit_is_configurable(self):
        """A few aliases are fine; max_alias_nodes bounds how much they may add."""
        text = yaml_plus("x-a: &a [1, 2, 3, 4]", "x-b: [*a, *a, *a]").encode()
        assert vetkit.validate(text).valid
        (problem,) = vetkit.validate(text, limits=vetkit.Limits(max_alias_nodes=5)).errors
        assert problem.code == "limit"

    def test_merge_keys_are_applied(self):
        """YAML merge keys build plain mappings; explicit keys win over merged ones."""
        text = yaml_plus("x-defaults: &d {minutes: 30, title: Default}", "x-module:", "  <<: *d", "  title: Own")
        course = vetkit.load_course(text.encode())
        assert dict(course.data["x-module"]) == {"minutes": 30, "title": "Own"}

    def test_max_bytes_on_bytes_source(self):
        """max_bytes also bounds a bytes source."""
        (problem,) = vetkit.validate(BASE_JSON.encode(), limits=vetkit.Limits(max_bytes=10)).errors
        assert problem.code == "limit"


class TestProblemFormat:
    def test_format_is_one_paragraph(self):
        """Problem.format gives file:line:col, severity, message, pointer and a capitalised hint."""
        problem = vetkit.Problem("bad", file="c.json", line=3, column=4, pointer="/level", hint="fix it")
        assert problem.format() == "c.json:3:4: error: bad (at /level). Fix it"

    def test_format_of_root_pointer_and_unknown_file(self):
        """The root pointer shows as `/`, and a problem with no file and no line has no location prefix."""
        assert vetkit.Problem("bad", pointer="").format() == "error: bad (at /)"

    def test_to_json_keys(self):
        """Problem.to_json has exactly the documented keys."""
        assert set(vetkit.Problem("bad").to_json()) == {
            "severity", "code", "message", "file", "line", "column", "pointer", "hint"}
        json.dumps(vetkit.Problem("bad").to_json())
