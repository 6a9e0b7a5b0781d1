"""Declared tags are claims the text must back: what a course teaches decides its criteria, not what it declares."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import vetkit
from vetkit.cli import main
from vetkit.examples import example_course
from vetkit.testing import run_rule

AS_OF = dt.date(2026, 11, 25)
EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"

SEX_TEXT = (
    "Sex trafficking is causing a person to perform a commercial sex act through force, fraud or coercion, or any "
    "commercial sex act by someone under 18. Pimps recruit through false romance and then control every dollar "
    "the victim earns from buyers. Online advertisements, hotel rooms and truck stops are where officers meet it. "
    "A quota the person must meet each night and a trafficker who holds her phone are warning signs.")
LABOR_TEXT = (
    "Labor trafficking is obtaining a person's labor or services through force, fraud or coercion. Farm workers, "
    "restaurant cooks and domestic workers are held by debts that never shrink, by employers who keep their "
    "passports and by threats of deportation. Wage theft alone is a labor-law matter; forced labor is a crime. "
    "Ask where the worker sleeps, whether they can leave the job and who holds their documents.")


def two_modules(first_topics=None, second_topics=None, second_text=LABOR_TEXT) -> dict:
    """A course with a sex-trafficking module and a second module of 60 minutes each; topics as given (None: no
    `topics` key at all)."""
    modules = [{"id": "M1", "title": "Sex trafficking", "minutes": 60, "objectiveIds": ["O1"], "text": SEX_TEXT},
               {"id": "M2", "title": "The second hour", "minutes": 60, "objectiveIds": ["O1"], "text": second_text}]
    for module, topics in zip(modules, (first_topics, second_topics)):
        if topics is not None:
            module["topics"] = topics
    data = example_course({"modules": modules})
    data["delivery"]["totalMinutes"] = 120
    return data


def cv01(data: dict):
    return run_rule("CV-01", vetkit.load_course(data), as_of=AS_OF)


class TestLaborClaims:
    def test_a_labor_tag_without_labor_text_fails_at_the_tag(self):
        """Both modules claim labor trafficking, neither teaches it: CV-01 fails at error, at each false tag."""
        data = two_modules(["sex-trafficking", "labor-trafficking"], ["labor-trafficking", "indicators"],
                           second_text=SEX_TEXT.replace("Sex trafficking is", "Remember: sex trafficking is"))
        result = cv01(data)
        assert (result.outcome, result.severity) == ("fail", "error")
        claims = [f for f in result.findings if f.effect == "fail" and "/topics/" in f.pointer]
        assert [f.pointer for f in claims] == ["/modules/0/topics/1", "/modules/1/topics/0"]
        assert claims[0].message.startswith(
            "Module M1 “Sex trafficking” is tagged `labor-trafficking`, but its text says too little about labor "
            "trafficking to count as teaching it (confidence ")
        assert claims[0].message.endswith("its closest wording is “A quota the person must meet each night and a "
                                          "trafficker who holds her phone are warning signs.”.")
        assert result.reason.startswith("No module teaches labor trafficking (the modules tagged so do not teach it)")

    def test_labor_text_without_any_tags_passes(self):
        """The same hours, taught in the text and declared nowhere, pass CV-01; notes suggest the tags."""
        result = cv01(two_modules())
        assert result.outcome == "pass", result.reason
        assert {f.suggestion for f in result.findings if f.effect == "note"} >= {
            "Add `labor-trafficking` to the module's topics.", "Add `sex-trafficking` to the module's topics."}

    def test_tagged_and_untagged_twins_get_the_same_outcome(self):
        """Tags that match the text change nothing but the notes."""
        tagged = cv01(two_modules(["sex-trafficking"], ["labor-trafficking"]))
        untagged = cv01(two_modules())
        assert (tagged.outcome, tagged.score) == (untagged.outcome, untagged.score) == ("pass", 1.0)
        assert [f for f in tagged.findings if f.effect == "note"] == []


def stripped(data: dict) -> dict:
    """The course with every topic, population and typology tag removed (the keys themselves left out)."""
    bare = copy.deepcopy(data)
    for module in bare.get("modules", ()):
        for key in ("topics", "populations", "typologies"):
            module.pop(key, None)
    for activity in bare.get("activities", ()):
        activity.pop("tags", None)
    return bare


@pytest.mark.parametrize("name", sorted(path.stem for path in EXAMPLES.glob("*.json")))
def test_a_course_stripped_of_its_tags_gets_the_verdict_of_its_tagged_twin(name):
    """Every bundled example keeps its verdict when all its tags are removed: the text decides."""
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    engine = vetkit.Engine()
    tagged = engine.score(vetkit.load_course(data, base_dir=EXAMPLES), as_of=AS_OF)
    bare = engine.score(vetkit.load_course(stripped(data), base_dir=EXAMPLES), as_of=AS_OF)
    assert bare.verdict == tagged.verdict, (tagged.verdict_reason, bare.verdict_reason)


class TestMisspelledTags:
    NOTICE = ("/modules/0/topics/6: unknown topic tag `victim-centred` (did you mean `victim-centered`?); criteria "
              "read what the text teaches, not the tag")

    @pytest.fixture
    def course_file(self, tmp_path) -> Path:
        data = json.loads((EXAMPLES / "roll-call-awareness.json").read_text(encoding="utf-8"))
        assert data["modules"][0]["topics"][6] == "victim-centered"
        data["modules"][0]["topics"][6] = "victim-centred"
        path = tmp_path / "roll-call.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    def test_the_report_carries_a_notice(self, course_file):
        report = vetkit.Engine().score(course_file, as_of=AS_OF)
        assert self.NOTICE in report.notices

    @pytest.mark.parametrize("fmt", ["text", "json", "markdown", "html", "sarif", "junit"])
    def test_every_format_shows_it_with_its_suggestion(self, course_file, fmt):
        result = CliRunner().invoke(main, ["score", str(course_file), "--format", fmt, "--as-of", "2026-11-25"])
        assert result.exit_code == 1, result.output
        shown = result.output.replace("\\`", "`")  # Markdown escapes the backticks it shows
        assert "victim-centred" in shown and "did you mean `victim-centered`?" in shown

    def test_the_criterion_that_looks_for_the_tag_says_so(self, course_file):
        """TI-01 names the misspelling at the tag and judges the module by its text."""
        result = run_rule("TI-01", vetkit.load_course(course_file), as_of=AS_OF)
        note = next(f for f in result.findings if f.pointer == "/modules/0/topics/6")
        assert note.effect == "note"
        assert note.message.endswith("declares `victim-centred`, which is not a known tag (did you mean "
                                     "`victim-centered`?); the module is judged on its text instead.")
        assert note.suggestion == "Write the tag as `victim-centered`."
