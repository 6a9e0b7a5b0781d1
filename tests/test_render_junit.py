"""JUnit XML: one test case per criterion, read back by ElementTree and by a JUnit parser."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from attrs import evolve
from junitparser import Error, Failure, JUnitXml, Skipped

from vetkit.render import junit

from golden.synthetic import HOSTILE_TITLE, synthetic_report
from golden.vetplugin import AS_OF, RUBRIC, make_engine


@pytest.fixture
def xml_text() -> str:
    return junit.render(synthetic_report())


@pytest.fixture
def parsed(tmp_path, xml_text):
    path = tmp_path / "report.xml"
    path.write_text(xml_text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


class TestElementTree:
    def test_structure(self, xml_text):
        """testsuites > testsuite (the course, with properties) > one testcase per criterion."""
        root = ET.fromstring(xml_text.encode("utf-8"))
        assert root.tag == "testsuites"
        (suite,) = root.findall("testsuite")
        assert suite.get("name") == f"HT-<999> {HOSTILE_TITLE} (version 2.0 \"beta\")"
        cases = suite.findall("testcase")
        assert len(cases) == len(synthetic_report().results)
        assert (cases[0].get("classname"), cases[0].get("name")) == (
            "trauma-informed", "TI-07 Avoids stigmatizing labels such as \"prostitute\" for victims")
        properties = {p.get("name"): p.get("value") for p in suite.find("properties")}
        assert properties["verdict"] == "not-recommended" and properties["score"] == "56.0"
        assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("10", "3", "1", "3")

    def test_failure_body_lists_findings(self, xml_text):
        """A failure's message is the reason; its body lists every finding with pointer, evidence and fix."""
        root = ET.fromstring(xml_text.encode("utf-8"))
        failure = root.find("testsuite/testcase/failure")
        assert failure.get("message") == "2 passages use a stigmatizing label for a victim"
        assert "- /modules/0/text (line 12, column 15): \"child prostitute\" labels a victim" in failure.text
        assert "evidence: “Officers met a child prostitute <b>near</b> the depot & called it in.”" in failure.text
        assert "fix: Say \"a child who was sex trafficked\"" in failure.text

    def test_deterministic(self, xml_text):
        """No timestamps or timings: the same report gives the same bytes."""
        assert junit.render(synthetic_report()) == xml_text
        assert "timestamp" not in xml_text and " time=" not in xml_text

    def test_characters_xml_cannot_carry(self):
        """Control characters from the course are replaced, so the document still parses."""
        report = synthetic_report()
        text = junit.render(evolve(report, course={**report.course, "title": "bad\x00\x0bchars"}))
        ET.fromstring(text.encode("utf-8"))
        assert "bad\ufffd\ufffdchars" in text


class TestJUnitParser:
    def test_outcomes(self, parsed):
        """fail → failure, error → error, needs-review and not-applicable → skipped, pass → passed."""
        (suite,) = list(parsed)
        kinds = {}
        for case in suite:
            results = case.result
            kinds[case.name.split()[0]] = type(results[0]).__name__ if results else "passed"
        assert kinds == {"TI-07": "Failure", "TI-03": "Skipped", "LO-01": "Failure", "LO-03": "Failure",
                         "AU-02": "Skipped", "RR-01": "passed", "RR-02": "passed", "CV-03": "Skipped",
                         "AC-05": "Error", "EV-01": "passed"}
        assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (10, 3, 1, 3)

    def test_messages(self, parsed):
        """Skipped cases give the reason (or the open question); errors the check's error."""
        (suite,) = list(parsed)
        cases = {case.name.split()[0]: case for case in suite}
        assert isinstance(cases["TI-03"].result[0], Skipped)
        assert cases["TI-03"].result[0].message.startswith("needs review: Does the advisory")
        assert cases["CV-03"].result[0].message == "The course is for dispatchers; minors are covered elsewhere"
        assert isinstance(cases["AC-05"].result[0], Error)
        assert "KeyError" in cases["AC-05"].result[0].message
        assert isinstance(cases["LO-01"].result[0], Failure)
        assert cases["RR-01"].system_out.startswith("- /resources/0/phone")

    def test_scored_course(self, tmp_path, examples_dir):
        """A report scored from an example course parses too."""
        engine = make_engine()
        report = engine.score(examples_dir / "roll-call-awareness.json", rubric=RUBRIC, as_of=AS_OF)
        path = tmp_path / "course.xml"
        path.write_text(junit.render(report), encoding="utf-8")
        (suite,) = list(JUnitXml.fromfile(str(path)))
        assert suite.tests == len(report.results)
        assert {case.classname for case in suite} == {r.category for r in report.results}


GOLDEN_XML = sorted((Path(__file__).parent / "golden" / "files").rglob("*.xml"))


@pytest.mark.parametrize("path", GOLDEN_XML, ids=lambda p: p.name)
def test_golden_files_parse(path):
    """Every JUnit golden file parses, with one case per criterion and consistent totals."""
    (suite,) = list(JUnitXml.fromfile(str(path)))
    cases = list(suite)
    assert suite.tests == len(cases)
    assert suite.failures == sum(1 for c in cases if c.result and isinstance(c.result[0], Failure))
    assert suite.skipped == sum(1 for c in cases if c.result and isinstance(c.result[0], Skipped))
