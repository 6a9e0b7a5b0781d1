"""Comparing two versions of a course, or two reports: what got better, what got worse, what changed.

``compare(old, new)`` takes two :class:`~vetkit.report.Report` objects (and, when known, the
two course documents) and returns a :class:`Comparison`: the score and verdict change,
each criterion as fixed, improved, regressed, unchanged, added or removed, the findings
that are new or gone (matched by rule id, pointer and message) and, for two course
documents, the fields that changed, as JSON Pointers. ``compare_files`` reads two course
files or two JSON reports (``vetkit score --format json``), scoring courses with an engine.

A regression is a criterion whose outcome got worse (pass → needs-review or fail,
needs-review → fail, ...) or a verdict that got worse.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Mapping

from attrs import field, frozen

from . import pointers
from .errors import InvalidDocument, Problem
from .report import Finding, Report

#: How bad an outcome is: a criterion regressed when its rank went up.
OUTCOME_RANK = {"pass": 0, "not-applicable": 0, "needs-review": 1, "error": 1, "fail": 2}
#: How bad a verdict is (the two verdict rules side by side).
VERDICT_RANK = {"recommended": 0, "meets": 0, "pending-review": 1, "incomplete": 1, "revise": 2,
                "not-recommended": 3, "does-not-meet": 3}
#: Longest value shown in a field change before it is cut with "…".
VALUE_WIDTH = 80


def _tuple(value) -> tuple:
    return tuple(value)


@frozen
class CriterionChange:
    """One criterion in both runs (or only one of them)."""

    rule_id: str
    title: str
    old: str | None  # outcome before; None when the criterion was not scored
    new: str | None
    status: str  # fixed | improved | regressed | unchanged | added | removed
    old_score: float | None = None
    new_score: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The change as JSON."""
        return {"ruleId": self.rule_id, "title": self.title, "old": self.old, "new": self.new, "status": self.status,
                "oldScore": self.old_score, "newScore": self.new_score}


@frozen
class FindingChange:
    """A finding that appeared or disappeared."""

    rule_id: str
    finding: Finding

    def to_json(self) -> dict[str, Any]:
        """The finding with its rule id."""
        return {"ruleId": self.rule_id, **self.finding.to_json()}


@frozen
class FieldChange:
    """A difference between the two course documents at one JSON Pointer.

    ``pointer`` is where the value is in the new document (in the old one for ``removed``);
    ``moved`` entries are objects with an ``id`` that changed position (``old_pointer`` →
    ``pointer``). ``old`` and ``new`` are compact JSON, cut to :data:`VALUE_WIDTH` characters.
    """

    pointer: str
    kind: str  # added | removed | changed | moved
    old: str | None = None
    new: str | None = None
    old_pointer: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The change as JSON."""
        raw: dict[str, Any] = {"pointer": self.pointer, "kind": self.kind}
        if self.old is not None:
            raw["old"] = self.old
        if self.new is not None:
            raw["new"] = self.new
        if self.old_pointer is not None:
            raw["oldPointer"] = self.old_pointer
        return raw


@frozen
class Comparison:
    """What changed between two runs."""

    old: Report
    new: Report
    criteria: tuple[CriterionChange, ...] = field(converter=_tuple)
    new_findings: tuple[FindingChange, ...] = field(converter=_tuple)
    gone_findings: tuple[FindingChange, ...] = field(converter=_tuple)
    fields: tuple[FieldChange, ...] | None = None  # None when a side was a report, not a course

    @property
    def score_delta(self) -> float | None:
        """New score minus old score (None when either is n/a)."""
        old, new = self.old.score.value, self.new.score.value
        return None if old is None or new is None else round(new - old, 2)

    @property
    def verdict_worse(self) -> bool:
        """True when the verdict got worse."""
        return VERDICT_RANK.get(self.new.verdict, 9) > VERDICT_RANK.get(self.old.verdict, 9)

    @property
    def verdict_better(self) -> bool:
        """True when the verdict got better."""
        return VERDICT_RANK.get(self.new.verdict, 9) < VERDICT_RANK.get(self.old.verdict, 9)

    def by_status(self, status: str) -> list[CriterionChange]:
        """The criteria with one status (``fixed``, ``regressed``...)."""
        return [c for c in self.criteria if c.status == status]

    @property
    def regressed(self) -> bool:
        """True when a criterion's outcome or the verdict got worse."""
        return self.verdict_worse or bool(self.by_status("regressed"))

    def exit_code(self, *, fail_on_regression: bool = False) -> int:
        """1 for a regression when ``fail_on_regression``, else 0."""
        return 1 if fail_on_regression and self.regressed else 0

    def to_json(self) -> dict[str, Any]:
        """The comparison as JSON (``vetkit diff --format json``)."""
        def side(report: Report) -> dict[str, Any]:
            return {"course": dict(report.course), "verdict": report.verdict, "score": report.score.value,
                    "coverage": report.score.coverage, "rubric": dict(report.rubric), "asOf": report.as_of}

        return {
            "vetkit": "diff/1",
            "old": side(self.old), "new": side(self.new),
            "scoreDelta": self.score_delta,
            "verdictChange": {"old": self.old.verdict, "new": self.new.verdict,
                              "worse": self.verdict_worse, "better": self.verdict_better},
            "regressed": self.regressed,
            "criteria": [c.to_json() for c in self.criteria],
            "findings": {"new": [f.to_json() for f in self.new_findings],
                         "gone": [f.to_json() for f in self.gone_findings]},
            "fields": None if self.fields is None else [f.to_json() for f in self.fields],
        }


# -- comparing --------------------------------------------------------------------------------------


def compare(old: Report, new: Report, *, old_course: Any = None, new_course: Any = None) -> Comparison:
    """Compare two reports; with both course documents (Course or mapping), their fields too."""
    old_results = {r.rule_id: r for r in old.results}
    new_results = {r.rule_id: r for r in new.results}
    order = list(old_results) + [rule_id for rule_id in new_results if rule_id not in old_results]
    criteria = []
    for rule_id in order:
        before, after = old_results.get(rule_id), new_results.get(rule_id)
        title = (after or before).title
        criteria.append(CriterionChange(rule_id, title, before.outcome if before else None,
                                        after.outcome if after else None, _status(before, after),
                                        before.score if before else None, after.score if after else None))
    old_keys = _finding_keys(old)
    new_keys = _finding_keys(new)
    new_findings = [FindingChange(rule_id, finding) for key, (rule_id, finding) in new_keys.items() if key not in old_keys]
    gone_findings = [FindingChange(rule_id, finding) for key, (rule_id, finding) in old_keys.items() if key not in new_keys]
    fields = None
    if old_course is not None and new_course is not None:
        fields = tuple(diff_documents(_plain(old_course), _plain(new_course)))
    return Comparison(old, new, criteria, new_findings, gone_findings, fields)


def _status(before, after) -> str:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    was, now = OUTCOME_RANK.get(before.outcome, 1), OUTCOME_RANK.get(after.outcome, 1)
    if now > was:
        return "regressed"
    if now < was:
        return "fixed" if now == 0 else "improved"
    return "unchanged"


def _finding_keys(report: Report) -> dict[tuple[str, str, str], tuple[str, Finding]]:
    keys: dict[tuple[str, str, str], tuple[str, Finding]] = {}
    for result in report.results:
        for finding in result.findings:
            keys.setdefault((result.rule_id, finding.pointer, finding.message), (result.rule_id, finding))
    return keys


def _plain(course: Any) -> Any:
    from .course import thaw

    return thaw(course.data if hasattr(course, "data") else course)


def diff_documents(old: Any, new: Any, pointer: str = "") -> Iterable[FieldChange]:
    """Field changes between two JSON documents, in document order.

    Arrays of objects that all have distinct ``id`` values are matched by id, so that
    inserting a module reports one addition, not a change to every module after it.
    """
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in list(old) + [k for k in new if k not in old]:
            here = pointers.join(pointer, key)
            if key not in new:
                yield FieldChange(here, "removed", old=_short(old[key]))
            elif key not in old:
                yield FieldChange(here, "added", new=_short(new[key]))
            else:
                yield from diff_documents(old[key], new[key], here)
    elif isinstance(old, list) and isinstance(new, list):
        if _by_id(old) and _by_id(new):
            yield from _diff_by_id(old, new, pointer)
            return
        for index in range(max(len(old), len(new))):
            here = pointers.join(pointer, index)
            if index >= len(new):
                yield FieldChange(here, "removed", old=_short(old[index]))
            elif index >= len(old):
                yield FieldChange(here, "added", new=_short(new[index]))
            else:
                yield from diff_documents(old[index], new[index], here)
    elif old != new or type(old) is not type(new):
        yield FieldChange(pointer, "changed", old=_short(old), new=_short(new))


def _by_id(items: list) -> bool:
    ids = [item.get("id") for item in items if isinstance(item, Mapping)]
    return bool(items) and len(ids) == len(items) and all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)


def _diff_by_id(old: list, new: list, pointer: str) -> Iterable[FieldChange]:
    old_index = {item["id"]: index for index, item in enumerate(old)}
    new_ids = {item["id"] for item in new}
    kept = [old_index[item["id"]] for item in new if item["id"] in old_index]
    in_order = set(_longest_increasing(kept))  # objects that kept their relative order did not move
    for identifier, index in old_index.items():
        if identifier not in new_ids:
            yield FieldChange(pointers.join(pointer, index), "removed", old=_short(old[index]))
    for index, item in enumerate(new):
        here = pointers.join(pointer, index)
        if item["id"] not in old_index:
            yield FieldChange(here, "added", new=_short(item))
            continue
        before = old_index[item["id"]]
        if before not in in_order:
            yield FieldChange(here, "moved", old_pointer=pointers.join(pointer, before))
        yield from diff_documents(old[before], item, here)


def _longest_increasing(values: list[int]) -> list[int]:
    """One longest strictly increasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        slot = bisect.bisect_left(tails, value)
        if slot == len(tails):
            tails.append(value)
            tail_at.append(position)
        else:
            tails[slot] = value
            tail_at[slot] = position
        previous[position] = tail_at[slot - 1] if slot else -1
    sequence = []
    position = tail_at[-1] if tail_at else -1
    while position != -1:
        sequence.append(values[position])
        position = previous[position]
    return sequence[::-1]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


# -- reading two files ------------------------------------------------------------------------------


def compare_files(old: str | os.PathLike[str], new: str | os.PathLike[str], *, engine: Any = None,
                  engine_factory: Any = None, **score_options: Any) -> Comparison:
    """Compare two course files, or two JSON reports, or one of each.

    Courses are scored with ``engine`` (else one made by ``engine_factory``, else a new
    :class:`~vetkit.engine.Engine`; none is made for two reports) and ``score_options``
    (rubric, as_of, select, ignore); the field diff needs two courses. Both courses are
    scored as of the same date. Raises :class:`~vetkit.errors.InvalidDocument` for
    unreadable or invalid input.
    """
    from .engine import _as_date

    score_options["as_of"] = _as_date(score_options.get("as_of"))
    sides = []
    for path in (old, new):
        report = read_report(path)
        if report is not None:
            sides.append((report, None))
            continue
        if engine is None:
            if engine_factory is None:
                from .engine import Engine

                engine_factory = Engine
            engine = engine_factory()
        course = engine.load_course(path)
        sides.append((engine.score(course, **score_options), course))
    (old_report, old_course), (new_report, new_course) = sides
    return compare(old_report, new_report, old_course=old_course, new_course=new_course)


def read_report(path: str | os.PathLike[str]) -> Report | None:
    """The report in a JSON report file, or None when the file is not a report (a course, then).

    Raises :class:`~vetkit.errors.InvalidDocument` for a report that does not match
    ``schemas/report.schema.json`` or a file that cannot be parsed.
    """
    from .loading import read_document
    from .schema_errors import translate
    from .schemas import validator

    document = read_document(path)
    data = document.data
    if not (isinstance(data, Mapping) and isinstance(data.get("vetkit"), str) and data["vetkit"].startswith("report/")):
        return None
    problems = []
    for pointer, message, hint in translate(validator("report").iter_errors(data)):
        line, column = document.source_map.locate(pointer) or (None, None)
        problems.append(Problem(message, file=document.name, line=line, column=column, pointer=pointer, hint=hint,
                                code="report"))
    if problems:
        raise InvalidDocument(f"{document.name}: not a valid vetkit report", problems)
    return Report.from_json(data)
