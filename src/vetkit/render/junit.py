"""The report as JUnit XML, for CI systems that show test results.

One ``<testsuite>`` per course and one ``<testcase>`` per criterion: ``classname`` is the
category and ``name`` is ``"RULE-ID title"``. A failed criterion has a ``<failure>`` whose
message is the reason and whose body lists the findings; ``needs-review`` and
``not-applicable`` are ``<skipped>`` with the reason; ``error`` is an ``<error>``. The
verdict, score and course hash are suite properties; the report's notices (unknown tags, failed
plugins) are the suite's ``<system-out>``. No timestamps or timings, so the same report always gives
the same bytes.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree as ET

from . import summary

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _x(value: Any) -> str:
    """Text that XML 1.0 can carry: characters it forbids become U+FFFD (ElementTree escapes the rest)."""
    return _INVALID_XML.sub("\ufffd", "" if value is None else str(value))


def render(report, **_: Any) -> str:
    """JUnit XML text for ``report``."""
    number = summary.counts(report)
    failures, errors = number["fail"], number["error"]
    skipped = number["needs-review"] + number["not-applicable"]
    total = len(report.results)
    course = report.course
    root = ET.Element("testsuites", {"name": "vetkit", "tests": str(total), "failures": str(failures),
                                     "errors": str(errors), "skipped": str(skipped)})
    suite = ET.SubElement(root, "testsuite", {
        "name": _x(f"{course.get('id')} {course.get('title')} (version {course.get('version')})"),
        "tests": str(total), "failures": str(failures), "errors": str(errors), "skipped": str(skipped),
        "file": _x(course.get("file"))})
    properties = ET.SubElement(suite, "properties")
    for name, value in (("verdict", report.verdict), ("verdictReason", report.verdict_reason),
                        ("score", summary.score_value(report)), ("coverage", f"{report.score.coverage:.4g}"),
                        ("scoreMin", f"{report.score.minimum:g}"), ("scoreMax", f"{report.score.maximum:g}"),
                        ("rubric", f"{report.rubric.get('id')}@{report.rubric.get('version')}"),
                        ("courseSha256", course.get("sha256")), ("asOf", report.as_of),
                        ("vetkit", report.tool_version)):
        ET.SubElement(properties, "property", {"name": name, "value": _x(value)})
    for result in report.results:
        case = ET.SubElement(suite, "testcase", {"classname": _x(result.category or "uncategorized"),
                                                 "name": _x(f"{result.rule_id} {result.title}")})
        reason = _x(result.reason)
        if result.outcome == "fail":
            element = ET.SubElement(case, "failure", {"message": reason, "type": _x(result.severity)})
            element.text = _x(_body(result))
        elif result.outcome == "error":
            element = ET.SubElement(case, "error", {"message": reason, "type": "check-error"})
            element.text = _x(_body(result))
        elif result.outcome in ("needs-review", "not-applicable"):
            message = reason if result.outcome == "not-applicable" else (
                f"needs review: {result.question or result.reason}")
            ET.SubElement(case, "skipped", {"message": _x(message)})
        notes = [f for f in result.findings if f.effect == "note"] if result.outcome == "pass" else []
        if notes:
            ET.SubElement(case, "system-out").text = _x(_findings(notes))
    if report.notices:
        ET.SubElement(suite, "system-out").text = _x("\n".join(f"notice: {notice}" for notice in report.notices))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _body(result) -> str:
    lines = [f"{result.rule_id} {result.title} ({result.severity}{', essential' if result.essential else ''})",
             f"Reason: {result.reason}"]
    if result.findings:
        lines.append(_findings(result.findings))
    return "\n".join(lines)


def _findings(findings) -> str:
    lines = []
    for finding in findings:
        where = finding.pointer or "/"
        if finding.line:
            where += f" (line {finding.line}" + (f", column {finding.column}" if finding.column else "") + ")"
        if finding.source is not None:
            where = f"{finding.source.label} [{where}]"
        lines.append(f"- {where}: {finding.message}")
        if finding.evidence:
            lines.append(f"    evidence: \u201c{finding.evidence}\u201d")
        if finding.suggestion:
            lines.append(f"    fix: {finding.suggestion}")
    return "\n".join(lines)
