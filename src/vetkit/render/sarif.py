"""The report as SARIF 2.1.0, for code-scanning dashboards and editors.

One run. ``tool.driver`` is vetkit; every plugin is a ``tool.extensions`` component that
carries the rules (``reportingDescriptor``) it contributed to this report. What becomes a
``result``:

- each finding with effect ``fail`` or ``needs-review`` of a criterion that failed or
  awaits review, located by its JSON Pointer (a logical location whose
  ``fullyQualifiedName`` is the pointer) and, where the line is known, by a region in the
  course file; a finding on imported text is located in its original file instead (the
  artifact is ``deck.pptx``, the location's message says ``slide 7 (notes)``), with the place
  in the course file as a related location; a criterion that failed or awaits review without
  such findings gives one result for the whole course;
- a failure has ``kind: "fail"`` and a ``level`` from the severity (error → ``error``,
  warning → ``warning``, info → ``note``); a pending review has ``kind: "review"`` and
  ``level: "none"``, because SARIF 2.1.0 §3.27.10 requires ``none`` whenever ``kind`` is not
  ``fail``;
- passing and not-applicable criteria give no result, and neither do findings with effect
  ``note`` (SARIF consumers show every result as an alert; the JSON report keeps them).

A criterion whose check errored and a plugin that failed to load are
``invocations[0].toolExecutionNotifications``, with the other notices of the run.
Each rule's rationale and how-to-fix come from the report (which carries them for the criteria
that need attention).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report, **_: Any) -> str:
    """The SARIF log (JSON text) for ``report``."""
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report) -> dict[str, Any]:
    """The SARIF log as data."""
    components, index = _components(report)
    uri = _uri(report.course.get("file"))
    artifacts = _Artifacts()
    if uri:
        artifacts.add(uri, _mime(report.course.get("file", "")))
    results = []
    for result in report.results:
        if result.outcome not in ("fail", "needs-review"):
            continue
        where = index[result.rule_id]
        shown = [f for f in result.findings if f.effect in ("fail", "needs-review")]
        if not shown:
            results.append(_result(result, where, None, uri, artifacts))
        results += [_result(result, where, finding, uri, artifacts) for finding in shown]
    run: dict[str, Any] = {
        "tool": {"driver": _driver(report, components.pop(None, None)), "extensions": list(components.values())},
        "invocations": [_invocation(report, index)],
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {
            "verdict": report.verdict, "verdictReason": report.verdict_reason, "complete": report.complete,
            "score": report.score.to_json(), "asOf": report.as_of, "course": dict(report.course),
            "rubric": dict(report.rubric),
        },
    }
    if artifacts.entries:
        run["artifacts"] = artifacts.entries
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


class _Artifacts:
    """The run's artifacts: the course file first (when it has one), then each source file a finding names."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def add(self, uri: str, mime: str | None = None) -> int:
        if uri not in self._index:
            self._index[uri] = len(self.entries)
            entry: dict[str, Any] = {"location": {"uri": uri}, "roles": ["analysisTarget"]}
            if mime:
                entry["mimeType"] = mime
            self.entries.append(entry)
        return self._index[uri]


def _components(report) -> tuple[dict[str | None, dict[str, Any]], dict[str, tuple[int | None, int]]]:
    """One toolComponent per plugin (``None``: the driver, for rules no plugin owns) and each rule's place."""
    plugins = {p.get("name"): p for p in report.plugins}
    owners: dict[str | None, list] = {}
    for result in report.results:
        owner = result.plugin if result.plugin in plugins else None
        owners.setdefault(owner, []).append(result)
    components: dict[str | None, dict[str, Any]] = {}
    index: dict[str, tuple[int | None, int]] = {}
    position = 0
    for name, plugin in plugins.items():
        component: dict[str, Any] = {"name": name}
        if plugin.get("version"):
            component["version"] = str(plugin["version"])
        if plugin.get("distribution"):
            component["organization"] = str(plugin["distribution"])
        component["properties"] = {"status": plugin.get("status")}
        if plugin.get("error"):
            component["properties"]["error"] = plugin["error"]
        component["rules"] = [_descriptor(r) for r in owners.get(name, [])]
        for number, result in enumerate(owners.get(name, [])):
            index[result.rule_id] = (position, number)
        components[name] = component
        position += 1
    if None in owners:
        components[None] = {"rules": [_descriptor(r) for r in owners[None]]}
        for number, result in enumerate(owners[None]):
            index[result.rule_id] = (None, number)
    return components, index


def _driver(report, extra: dict[str, Any] | None) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "vetkit", "version": report.tool_version, "semanticVersion": report.tool_version,
                              "informationUri": "https://pypi.org/project/vetkit/"}
    if extra and extra.get("rules"):
        driver["rules"] = extra["rules"]
    return driver


def _descriptor(result) -> dict[str, Any]:
    """A reportingDescriptor from the result."""
    suggestions = [f.suggestion for f in result.findings if f.suggestion]
    how_to_fix = result.how_to_fix or (suggestions[0] if suggestions else None)
    rationale = result.rationale
    descriptor: dict[str, Any] = {
        "id": result.rule_id,
        "name": _name(result.title) or result.rule_id,
        "shortDescription": {"text": result.title or result.rule_id},
        "fullDescription": {"text": rationale or result.title or result.rule_id},
        "help": {"text": how_to_fix or f"Run `vetkit explain {result.rule_id}` for what the criterion checks "
                                       "and how to fix it."},
        "defaultConfiguration": {"level": LEVELS.get(result.severity, "warning")},
        "properties": {"category": result.category, "severity": result.severity, "weight": result.weight,
                       "essential": result.essential, "method": list(result.method),
                       "tags": [t for t in (result.category, *result.method) if t]},
    }
    return descriptor


def _result(result, where: tuple[int | None, int], finding, uri: str | None, artifacts: _Artifacts) -> dict[str, Any]:
    review = result.outcome == "needs-review" or (finding is not None and finding.effect == "needs-review")
    severity = (finding.severity if finding is not None and finding.severity else None) or result.severity
    component, number = where
    rule: dict[str, Any] = {"id": result.rule_id, "index": number}
    if component is not None:
        rule["toolComponent"] = {"index": component}
    message = result.reason if finding is None else finding.message
    if finding is not None and finding.evidence:
        message = f"{message} (“{finding.evidence}”)"
    if review and result.question:
        message = f"{message} Reviewer question: {result.question}"
    pointer = "" if finding is None else finding.pointer
    sarif: dict[str, Any] = {
        "ruleId": result.rule_id,
        "rule": rule,
        "kind": "review" if review else "fail",
        "level": "none" if review else LEVELS.get(severity, "warning"),
        "message": {"text": message or result.rule_id},
        "locations": [_location(finding, uri)],
        "partialFingerprints": {"vetkitFinding/v1": _fingerprint(result.rule_id, pointer,
                                                                  finding.message if finding else "")},
        "properties": {"outcome": result.outcome, "pointer": pointer},
    }
    if finding is not None:
        for key, value in (("evidence", finding.evidence), ("suggestion", finding.suggestion),
                           ("term", finding.term)):
            if value:
                sarif["properties"][key] = value
        source = finding.source
        source_uri = _uri(source.file) if source is not None else None
        if source_uri:
            sarif["relatedLocations"] = [{"id": 1, **sarif["locations"][0],
                                          "message": {"text": "where the text stands in the course document"}}]
            sarif["locations"] = [_source_location(finding, source_uri, artifacts)]
            sarif["properties"]["source"] = source.to_json()
    return sarif


def _source_location(finding, uri: str, artifacts: _Artifacts) -> dict[str, Any]:
    """The finding's place in its original file: the file as artifact, the place in words, the line if known."""
    source = finding.source
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": artifacts.add(uri, _source_mime(source.file))}}
    if source.line:
        physical["region"] = {"startLine": source.line}
    logical = {"fullyQualifiedName": finding.pointer or "/", "kind": "value" if finding.pointer else "object"}
    return {"physicalLocation": physical, "logicalLocations": [logical], "message": {"text": source.at or source.file}}


def _location(finding, uri: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if uri:
        physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": 0}}
        if finding is not None and finding.line:
            region = {"startLine": finding.line}
            if finding.column:
                region["startColumn"] = finding.column
            physical["region"] = region
        location["physicalLocation"] = physical
    pointer = "" if finding is None else finding.pointer
    logical = {"fullyQualifiedName": pointer or "/", "kind": "value" if pointer else "object"}
    if pointer:
        logical["name"] = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
    location["logicalLocations"] = [logical]
    return location


def _invocation(report, index) -> dict[str, Any]:
    notifications = []
    failed = {p.get("name"): p for p in report.plugins if p.get("status") == "failed"}
    for name, plugin in failed.items():
        notifications.append({"level": "error", "descriptor": {"id": "plugin-failed"},
                              "message": {"text": f"plugin {name} failed: {plugin.get('error') or 'unknown error'}"}})
    for notice in report.notices:
        if any(notice.startswith(f"plugin {name} ") for name in failed):
            continue
        notifications.append({"level": "warning", "descriptor": {"id": "notice"}, "message": {"text": notice}})
    for result in report.results:
        if result.outcome != "error":
            continue
        component, number = index[result.rule_id]
        rule: dict[str, Any] = {"id": result.rule_id, "index": number}
        if component is not None:
            rule["toolComponent"] = {"index": component}
        notifications.append({"level": "error", "descriptor": {"id": "check-error"}, "associatedRule": rule,
                              "message": {"text": f"{result.rule_id}: {result.reason}"}})
    # the run went to its end: failed plugins and errored checks are isolated, so they are notifications
    return {"executionSuccessful": True, "toolExecutionNotifications": notifications}


def _uri(file: str | None) -> str | None:
    """A URI reference for the course file: relative paths stay relative, absolute ones become file URIs."""
    if not file or file.startswith("<"):
        return None
    if PureWindowsPath(file).drive or file.startswith("/"):
        path = PurePosixPath(file.replace("\\", "/")) if not PureWindowsPath(file).drive else None
        if path is not None:
            return "file://" + quote(str(path), errors="backslashreplace")
        return "file:///" + quote(file.replace("\\", "/"), errors="backslashreplace")
    return quote(file.replace(os.sep, "/"), errors="backslashreplace")


def _mime(file: str) -> str:
    return "application/yaml" if file.lower().endswith((".yaml", ".yml")) else "application/json"


_SOURCE_TYPES = {
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html", ".md": "text/markdown",
    ".markdown": "text/markdown", ".imscc": "application/zip", ".zip": "application/zip",
}


def _source_mime(file: str) -> str | None:
    """The media type of an imported source file, by its suffix."""
    return _SOURCE_TYPES.get(PurePosixPath(file.lower()).suffix)


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]  # any str


def _name(title: str) -> str:
    """A rule name in the PascalCase SARIF viewers expect: ``AvoidsStigmatizingLabels...``."""
    words = "".join(ch if ch.isalnum() else " " for ch in title or "").split()
    return "".join(word[:1].upper() + word[1:] for word in words)[:80]
