"""SARIF 2.1.0: valid against the OASIS schema, one component per plugin, results where they belong.

The schema is vendored in ``tests/data/sarif-schema-2.1.0.json`` (see ``tests/data/README.md``).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from attrs import evolve

from vetkit.render import sarif

from golden.synthetic import synthetic_report
from golden.vetplugin import AS_OF, RUBRIC, make_engine

SCHEMA_FILE = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(validator, log) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]


@pytest.fixture
def log() -> dict:
    return json.loads(sarif.render(synthetic_report()))


@pytest.fixture(scope="module")
def engine():
    return make_engine()


class TestSchema:
    def test_synthetic_report_is_valid(self, validator, log):
        """The synthetic report (every outcome, failed plugin, errored check) validates."""
        assert errors(validator, log) == []
        assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")

    @pytest.mark.parametrize("name", ["roll-call-awareness.json", "task-force-investigations.json"])
    def test_example_course_is_valid(self, validator, engine, examples_dir, name):
        """A report scored from an example course validates, with regions from the source file."""
        report = engine.score(examples_dir / name, rubric=RUBRIC, as_of=AS_OF)
        log = json.loads(sarif.render(report, rules=engine.rules))
        assert errors(validator, log) == []

    def test_uris_are_uri_references(self, log):
        """Artifact URIs are relative references with special characters percent-encoded."""
        uri = log["runs"][0]["artifacts"][0]["location"]["uri"]
        assert uri == "courses/ht%26999%20%7C%20draft.json"
        assert not urlsplit(uri).scheme

    def test_absolute_paths_become_file_uris(self):
        """An absolute course path becomes a file:// URI."""
        assert sarif._uri("/srv/courses/a b.json") == "file:///srv/courses/a%20b.json"
        assert sarif._uri("<data>") is None


class TestComponents:
    def test_one_extension_per_plugin(self, log):
        """Every plugin is a tool extension; its rules are the criteria it scored."""
        tool = log["runs"][0]["tool"]
        assert tool["driver"]["name"] == "vetkit"
        names = [e["name"] for e in tool["extensions"]]
        assert names == ["vetkit", "vetkit-golden", "broken<plugin>"]
        golden = tool["extensions"][1]
        assert [r["id"] for r in golden["rules"]] == [r.rule_id for r in synthetic_report().results]
        assert tool["extensions"][2]["properties"] == {"status": "failed", "error": (
            "import failed: ModuleNotFoundError: No module named 'x<y>'")}

    def test_rule_descriptors(self, log):
        """Rules carry name, descriptions, help (how to fix) and a default level from the severity."""
        rules = {r["id"]: r for r in log["runs"][0]["tool"]["extensions"][1]["rules"]}
        ti07 = rules["TI-07"]
        assert ti07["name"] == "AvoidsStigmatizingLabelsSuchAsProstituteForVictims"
        assert ti07["shortDescription"]["text"].startswith("Avoids stigmatizing labels")
        assert ti07["help"]["text"].startswith("Say \"a child who was sex trafficked\"")
        assert {r["id"]: r["defaultConfiguration"]["level"] for r in rules.values()}["LO-03"] == "note"
        assert ti07["defaultConfiguration"]["level"] == "error"

    def test_rule_metadata_from_the_report(self, engine, examples_dir):
        """A criterion that needs attention carries its rule's rationale and how-to-fix in the report, and its
        descriptor uses them; a passing one falls back to its title."""
        report = engine.score(examples_dir / "roll-call-awareness.json", rubric=RUBRIC, as_of=AS_OF)
        assert (report.result("GT-05").outcome, report.result("GT-01").outcome) == ("needs-review", "pass")
        log = json.loads(sarif.render(report))
        component = next(e for e in log["runs"][0]["tool"]["extensions"] if e["name"] == "vetkit_golden_plugin")
        descriptors = {r["id"]: r for r in component["rules"]}
        assert descriptors["GT-05"]["fullDescription"]["text"] == engine.rules["GT-05"].rationale
        assert descriptors["GT-05"]["help"]["text"] == engine.rules["GT-05"].how_to_fix
        assert descriptors["GT-01"]["fullDescription"]["text"] == engine.rules["GT-01"].title

    def test_results_point_at_their_rule(self, log):
        """Each result's rule reference resolves to a descriptor with its ruleId."""
        run = log["runs"][0]
        for result in run["results"]:
            component = run["tool"]["extensions"][result["rule"]["toolComponent"]["index"]]
            assert component["rules"][result["rule"]["index"]]["id"] == result["ruleId"]


class TestResults:
    def by_rule(self, log) -> dict[str, list[dict]]:
        table: dict[str, list[dict]] = {}
        for result in log["runs"][0]["results"]:
            table.setdefault(result["ruleId"], []).append(result)
        return table

    def test_which_results(self, log):
        """Fail and review findings are results; passes, n/a, notes and errors are not."""
        assert sorted(self.by_rule(log)) == ["AU-02", "LO-01", "LO-03", "TI-03", "TI-07"]

    def test_levels(self, log):
        """Failures take their level from the severity; reviews are kind review with level none (§3.27.10)."""
        table = self.by_rule(log)
        assert [(r["kind"], r["level"]) for r in table["TI-07"]] == [("fail", "error")] * 2
        assert [(r["kind"], r["level"]) for r in table["LO-01"]] == [("fail", "warning")]
        assert [(r["kind"], r["level"]) for r in table["LO-03"]] == [("fail", "note")]
        assert [(r["kind"], r["level"]) for r in table["TI-03"]] == [("review", "none")]
        for result in log["runs"][0]["results"]:
            assert result["kind"] == "fail" or result["level"] == "none"

    def test_finding_severity_wins(self):
        """A finding's own severity sets its result's level."""
        report = synthetic_report()
        lo01 = report.result("LO-01")
        changed = evolve(lo01, findings=[evolve(lo01.findings[0], severity="error")])
        log = json.loads(sarif.render(report.with_results([changed if r.rule_id == "LO-01" else r
                                                           for r in report.results])))
        assert self.by_rule(log)["LO-01"][0]["level"] == "error"

    def test_locations(self, log):
        """A JSON Pointer is the logical location; line and column make the region where known."""
        ti07 = self.by_rule(log)["TI-07"][0]["locations"][0]
        assert ti07["logicalLocations"][0]["fullyQualifiedName"] == "/modules/0/text"
        assert ti07["physicalLocation"]["region"] == {"startLine": 12, "startColumn": 15}
        lo03 = self.by_rule(log)["LO-03"][0]["locations"][0]
        assert "region" not in lo03["physicalLocation"]
        assert lo03["logicalLocations"][0] == {"fullyQualifiedName": "/extensions/x~1y~0z", "kind": "value",
                                               "name": "x/y~z"}

    def test_review_without_findings(self, log):
        """A pending criterion without findings is one course-level result carrying its question."""
        (au02,) = self.by_rule(log)["AU-02"]
        assert "Is the language plain enough for civilian staff?" in au02["message"]["text"]
        assert au02["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/"

    def test_fingerprints_are_stable(self, log):
        """Results carry a fingerprint of rule, pointer and message, the same on every run."""
        again = json.loads(sarif.render(synthetic_report()))
        assert [r["partialFingerprints"] for r in log["runs"][0]["results"]] == [
            r["partialFingerprints"] for r in again["runs"][0]["results"]]

    def test_notifications(self, log):
        """Failed plugins and errored checks are tool execution notifications."""
        (invocation,) = log["runs"][0]["invocations"]
        notes = invocation["toolExecutionNotifications"]
        assert [n["descriptor"]["id"] for n in notes] == ["plugin-failed", "check-error"]
        assert notes[1]["associatedRule"]["id"] == "AC-05" and notes[1]["level"] == "error"
        assert invocation["executionSuccessful"] is True


GOLDEN_SARIF = sorted((Path(__file__).parent / "golden" / "files").rglob("*.sarif"))


@pytest.mark.parametrize("path", GOLDEN_SARIF, ids=lambda p: p.name)
def test_golden_files_are_valid(validator, path):
    """Every SARIF golden file (synthetic, test plugin, built-in plugins) validates."""
    assert errors(validator, json.loads(path.read_text(encoding="utf-8"))) == []
