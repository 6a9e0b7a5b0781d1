"""End-to-end acceptance: whole courses through `vetkit score` with the built-in HT rubric."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from vetkit.cli import main
from vetkit.examples import base_course

AS_OF = "2026-11-25"

MYTH = "Trafficking victims must be transported across state lines before the federal law applies."
TERM = "Officers often meet child prostitutes working out of motels along the interstate."


def harmful_course() -> dict:
    """States a myth as fact, uses a stigmatizing term in its own voice, prints a wrong hotline
    number and describes an image as a girl in chains."""
    course = base_course()
    course["modules"][0]["text"] = f"{MYTH} {TERM}"
    course["resources"] = [{"id": "R1", "name": "National Human Trafficking Hotline", "type": "hotline",
                            "phone": "1-888-373-7889", "text": "233733"}]
    course["materials"] = [{"id": "IMG1", "title": "Cover image", "type": "image", "moduleId": "M1",
                            "altText": "A young girl in chains sits on the floor of a dark room."}]
    return course


def corrected_course() -> dict:
    """Corrects the same myth in a Myth/Fact table inside a module tagged `myths`."""
    course = base_course()
    course["modules"][0]["topics"] = ["labor-trafficking", "sex-trafficking", "indicators", "myths"]
    course["modules"][0]["text"] = (
        "| Myth | Fact |\n|---|---|\n"
        f"| {MYTH} | No movement is needed: people are trafficked in their own towns and homes. |\n")
    return course


def score(tmp_path, course: dict, *args: str):
    path = tmp_path / "course.json"
    path.write_text(json.dumps(course), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path), "--format", "json", "--as-of", AS_OF, *args])
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return result.exit_code, report, {r["ruleId"]: r for r in report["results"]}


def pointers(result: dict, *effects: str) -> set[str]:
    return {f["pointer"] for f in result["findings"] if not effects or f["effect"] in effects}


class TestHarmfulCourse:
    def test_is_not_recommended_with_each_problem_located(self, tmp_path):
        """Myth as fact, own-voice stigmatizing term, wrong hotline and a girl in chains: four located findings."""
        exit_code, report, results = score(tmp_path, harmful_course())
        assert (report["verdict"], exit_code) == ("not-recommended", 1)
        assert results["AC-07"]["outcome"] == "fail" and results["AC-07"]["severity"] == "error"
        assert "/modules/0/text" in pointers(results["AC-07"], "fail")
        assert results["TI-07"]["outcome"] == "fail"
        assert "/modules/0/text" in pointers(results["TI-07"], "fail")
        assert results["RR-01"]["outcome"] == "fail"
        assert "/resources/0/phone" in pointers(results["RR-01"], "fail")
        assert results["DM-01"]["outcome"] in ("needs-review", "fail")
        assert "/materials/0/altText" in pointers(results["DM-01"], "fail", "needs-review")


class TestCorrectedMyth:
    def test_a_myth_fact_table_does_not_fail(self, tmp_path):
        """The same myth inside a Myth/Fact table is a note, never a failure."""
        _, _, results = score(tmp_path, corrected_course())
        for rule_id in ("AC-02", "AC-07"):
            assert results[rule_id]["outcome"] != "fail", results[rule_id]["reason"]
            assert "/modules/0/text" in pointers(results[rule_id], "note")


def understand_only_course() -> dict:
    """Objectives that only ask learners to understand, no assessments, no labor content."""
    course = base_course()
    course["objectives"] = [{"id": "O1", "text": "Understand the dynamics of sex trafficking."},
                            {"id": "O2", "text": "Be aware of the signs of commercial sexual exploitation."}]
    course["modules"] = [{"id": "M1", "title": "Sex trafficking", "minutes": 60, "objectiveIds": ["O1", "O2"],
                          "topics": ["sex-trafficking", "indicators"]}]
    return course


class TestUnderstandOnlyCourse:
    def test_fails_objectives_checks_and_labor_coverage(self, tmp_path):
        """LO-01 points at each vague objective, LO-03 at the missing checks, CV-01 at the modules."""
        _, _, results = score(tmp_path, understand_only_course())
        assert results["LO-01"]["outcome"] == "fail"
        assert {"/objectives/0/text", "/objectives/1/text"} <= pointers(results["LO-01"], "fail")
        assert results["LO-03"]["outcome"] == "fail" and pointers(results["LO-03"], "fail")
        assert results["CV-01"]["outcome"] == "fail" and results["CV-01"]["severity"] == "error"
        assert "/modules" in pointers(results["CV-01"], "fail")


@pytest.mark.parametrize("name", ["roll-call-awareness.json", "task-force-investigations.json",
                                  "dispatcher-call-taking.json"])
def test_every_criterion_gets_a_real_outcome(name, examples_dir):
    """`--explain` on each example lists all 68 criteria, none errored."""
    result = CliRunner().invoke(main, ["score", str(examples_dir / name), "--explain", "--as-of", AS_OF])
    assert result.exit_code in (0, 1), result.stderr
    table = result.stdout.split("Score arithmetic", 1)[1]
    rows = dict(re.findall(r"^│ ([A-Z]{2}-\d{2})\s+│ ([a-z-]+)\s", table, re.MULTILINE))
    assert len(rows) == 68
    assert set(rows.values()) <= {"pass", "fail", "needs-review", "not-applicable"}
