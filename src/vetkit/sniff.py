"""What a file found in a folder is, told from its content without loading or scoring it.

``vetkit score FOLDER`` scores the course documents of a folder and lists everything else it
skipped: its own reports (JSON, SARIF, JUnit), reviewer answer files whatever their name,
rubrics and other JSON or YAML. :func:`sniff` reads at most the first MiB of a file and looks
at its top-level keys only:

- a top-level ``vetkit`` key whose value is ``report/…`` or ``batch/…`` is a vetkit report;
- ``answers`` without ``modules`` is a reviewer answer file;
- ``criteria`` without ``modules`` is a rubric;
- any other document with a top-level ``vetkit`` key is a course, even a broken one, so that
  scoring reports its problems;
- a SARIF log or a JUnit XML file written by vetkit is a vetkit report;
- anything else is not a course.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from attrs import frozen

#: Suffixes that may hold a course document.
COURSE_SUFFIXES = (".json", ".yaml", ".yml")
#: Suffixes of vetkit's own reports that are not course suffixes (listed as skipped when vetkit wrote them).
REPORT_SUFFIXES = (".sarif", ".xml")
_HEAD = 1 << 20
_YAML_KEY = re.compile(r"""^(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_$][\w$.-]*))[ \t]*:(?:[ \t]+(.*))?$""", re.MULTILINE)
_FORMAT_KEY = re.compile(r"""(?<![\w-])["']?vetkit["']?\s*:""")
_JUNIT_BY_VETKIT = re.compile(r'<testsuites\b[^>]*\bname="vetkit"')
_SARIF_BY_VETKIT = re.compile(r'"driver"\s*:\s*\{\s*"name"\s*:\s*"vetkit"')


@frozen
class Kind:
    """What a file is: ``course`` or not, and why it is skipped when it is not."""

    course: bool
    reason: str = ""


COURSE = Kind(True)


def sniff(path: str | Path) -> Kind:
    """Whether ``path`` holds a course document; for any other file, why it is not one.

    A file that cannot be read counts as a course, so that scoring reports why.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_HEAD + 1)
    except OSError:
        return COURSE
    head = raw[:_HEAD].decode("utf-8", errors="replace").lstrip("\ufeff")
    name = path.name.lower()
    if name.endswith(REPORT_SUFFIXES):
        if _JUNIT_BY_VETKIT.search(head):
            return Kind(False, "a vetkit report (JUnit XML)")
        if _SARIF_BY_VETKIT.search(head):
            return Kind(False, "a vetkit report (SARIF)")
        return Kind(False, "not a course document (only .json, .yaml and .yml files hold courses)")
    as_json = name.endswith(".json") or head.lstrip().startswith("{")
    keys = _json_keys(head, complete=len(raw) <= _HEAD) if as_json else _yaml_keys(head)
    if keys is None:  # JSON that does not parse: a course if it names the format, so its errors are reported
        if _FORMAT_KEY.search(head):
            return COURSE
        return Kind(False, "not a course document: not valid JSON and no `vetkit` key")
    return _classify(keys)


def _classify(keys: dict[str, object]) -> Kind:
    declared = str(keys.get("vetkit") or "").strip().strip("\"'")
    if declared.startswith("report/"):
        return Kind(False, "a vetkit report (JSON)")
    if declared.startswith("batch/"):
        return Kind(False, "a vetkit batch summary (JSON)")
    if "modules" not in keys:
        if "answers" in keys:
            return Kind(False, "a reviewer answer file (pass it to --review)")
        if "criteria" in keys:
            return Kind(False, "a rubric (pass it to --rubric)")
    if "vetkit" not in keys:
        if "runs" in keys and "version" in keys:
            return Kind(False, "a SARIF report")
        return Kind(False, "not a course document: no top-level `vetkit` key")
    return COURSE


def _json_keys(head: str, *, complete: bool) -> dict[str, object] | None:
    """Top-level keys of a JSON object (with the value of ``vetkit``), or None when it does not parse."""
    if complete:
        try:
            document = json.loads(head)
        except ValueError:
            return None
        return document if isinstance(document, dict) else {}
    return _top_level_json_keys(head)


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _top_level_json_keys(head: str) -> dict[str, object]:
    """The keys at depth 1 of the first MiB of a large JSON document (values only for string ``vetkit``)."""
    keys: dict[str, object] = {}
    depth, expecting_key, last_key = 0, False, None
    for token in _JSON_TOKEN.finditer(head):
        text = token.group()
        if text in "{[":
            depth += 1
            expecting_key = text == "{" and depth == 1
        elif text in "}]":
            depth -= 1
        elif text == ",":
            expecting_key = depth == 1
        elif text == ":":
            expecting_key = False
        elif depth == 1 and expecting_key:
            last_key = json.loads(text)
            keys[last_key] = None
        elif depth == 1 and last_key == "vetkit" and keys["vetkit"] is None:
            keys["vetkit"] = json.loads(text)
    return keys


def _yaml_keys(head: str) -> dict[str, object]:
    """Keys written at column 0 of a YAML document (block style), with their inline values."""
    keys: dict[str, object] = {}
    for match in _YAML_KEY.finditer(head):
        key = match.group(1) or match.group(2) or match.group(3)
        value = (match.group(4) or "").split(" #", 1)[0].strip()
        keys.setdefault(key, value)
    return keys
