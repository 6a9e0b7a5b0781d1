"""Jurisdiction shorthand: "US", "TX" and "US-TX" load as the object form; an unknown code is a located error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vetkit
from vetkit.jurisdictions import UnknownJurisdiction, parse

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"


@pytest.mark.parametrize("code, expected", [
    ("US", {"country": "US"}),
    ("us", {"country": "US"}),
    ("TX", {"country": "US", "state": "TX"}),
    (" tx ", {"country": "US", "state": "TX"}),
    ("US-TX", {"country": "US", "state": "TX"}),
    ("PR", {"country": "US", "state": "PR"}),
    ("US-DC", {"country": "US", "state": "DC"}),
    ("MX-CHH", {"country": "MX", "state": "CHH"}),
    ("gb-eng", {"country": "GB", "state": "ENG"}),
])
def test_codes_become_the_object_form(code, expected):
    assert parse(code) == expected


@pytest.mark.parametrize("code, message", [
    ("ZZ", "'ZZ' is not a U.S. state or territory code"),
    ("MX", ("'MX' is not a U.S. state or territory code; for the country MX, write the object form "
           "{country: MX} or a code such as MX-XX")),
    ("US-ZZ", "'US-ZZ': ZZ is not a U.S. state or territory code"),
    ("XQ-AB", "'XQ-AB': XQ is not an ISO 3166-1 country code"),
    ("Texas", "'Texas' is not a jurisdiction code"),
    ("", "'' is not a jurisdiction code"),
])
def test_unknown_codes_say_what_is_wrong(code, message):
    with pytest.raises(UnknownJurisdiction) as caught:
        parse(code)
    assert str(caught.value) == message


def _example(name: str) -> dict:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def _report(engine: vetkit.Engine, data: dict) -> dict:
    report = json.loads(engine.formats["json"].render(engine.score(data, as_of="2025-06-01")))
    report.pop("course")  # its name and fingerprint: the documents differ in their text
    return report


@pytest.mark.parametrize("code, expected", [
    ("GA", {"country": "US", "state": "GA"}),
    ("US-GA", {"country": "US", "state": "GA"}),
    ("US", {"country": "US"}),
])
def test_shorthand_validates_and_scores_as_the_object_form(code, expected):
    """The dispatcher example with its jurisdiction and its references' written as codes: the same report."""
    engine = vetkit.Engine(environ={})
    written = _example("dispatcher-call-taking.json")
    written["jurisdiction"] = code
    for reference in written["references"]:
        if reference.get("jurisdiction") == {"country": "US"}:
            reference["jurisdiction"] = "US"
    objects = _example("dispatcher-call-taking.json")
    objects["jurisdiction"] = expected
    course = engine.load_course(written)
    assert course.data["jurisdiction"] == expected
    assert all(reference.get("jurisdiction", {}) in ({}, {"country": "US"}) for reference in course.data["references"])
    assert _report(engine, written) == _report(engine, objects)


def test_yaml_shorthand_in_a_file(tmp_path):
    """`jurisdiction: TX` in YAML (unquoted) loads as {country: US, state: TX}; `vetkit validate` says valid."""
    from click.testing import CliRunner

    from vetkit.cli import main

    text = (EXAMPLES / "roll-call-awareness.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("jurisdiction:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    path = tmp_path / "course.yaml"
    path.write_text("\n".join(lines[:start] + ["jurisdiction: OH"] + lines[end:]) + "\n", encoding="utf-8")
    assert vetkit.load_course(path).data["jurisdiction"] == {"country": "US", "state": "OH"}
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert result.output == f"{path}: valid (0 error(s), 0 warning(s))\n"


def test_unknown_code_is_a_located_error(tmp_path):
    """An unknown code: exit 2, file, line:column, pointer and what to write; a reference's code too."""
    from click.testing import CliRunner

    from vetkit.cli import main

    path = tmp_path / "course.yaml"
    path.write_text(
        'vetkit: "1.0"\nid: HT-101\ntitle: Roll call\nversion: "1.0"\nprovider: {name: Example Police Academy}\n'
        "audience: {roles: [patrol], experience: in-service}\nlevel: awareness\njurisdiction: ZZ\n"
        "delivery: {modes: [roll-call], totalMinutes: 30}\n"
        "objectives: [{id: O1, text: Identify three indicators of labor trafficking.}]\n"
        "modules: [{id: M1, title: Defining the crime, minutes: 30, objectiveIds: [O1]}]\n"
        "references:\n  - {id: R1, title: Penal Code, type: statute, jurisdiction: US-TX}\n"
        "  - {id: R2, title: Code, type: statute, jurisdiction: Texas!}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    hint = ('Write "US", a U.S. state code such as "TX", an ISO 3166-2 code such as "US-TX", or the object form '
            "{country: US, state: TX}")
    assert result.output == (
        f"{path}:8:1: error: jurisdiction 'ZZ' is not a U.S. state or territory code (at /jurisdiction). {hint}\n"
        f"{path}:14:42: error: jurisdiction 'Texas!' is not a jurisdiction code (at /references/1/jurisdiction). "
        f"{hint}\n"
        f"{path}: invalid (2 error(s), 0 warning(s))\n")


def test_schema_accepts_both_forms():
    """Editors checking against `vetkit schema course` accept the codes and the object."""
    from vetkit.schemas import validator

    check = validator("course")
    definitions = check.schema["$defs"]
    assert definitions["JurisdictionCode"]["examples"] == ["US", "TX", "US-TX"]
    base = _example("dispatcher-call-taking.json")
    for value in ("TX", "US-TX", "US", {"country": "US", "state": "TX"}):
        assert not list(check.iter_errors({**base, "jurisdiction": value})), value
    assert list(check.iter_errors({**base, "jurisdiction": "Texas"}))
