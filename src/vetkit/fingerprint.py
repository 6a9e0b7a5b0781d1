"""Fingerprints of what a criterion judged, so that a reviewer's answer outlives unrelated edits.

A fingerprint records the criterion's question and, for every entry of the course the
criterion's findings point into, a digest of that entry. The entry is the nearest object that
holds the place a finding points at (a module for its text, a glossary entry for its term, an
objective for its level, an answer choice for its text); a finding on a top-level field keeps
that field. Only the values count, not where they sit: a module moved down the list keeps its
digest, so the answer still applies; an edit to one of those entries, a new finding or a
finding that went away makes the answer stale, and :func:`changes` says which pointers did.
A criterion that points at no place at all judged the whole course: its evidence is the root
(``""``) and any edit makes its answer stale. The places a reviewer cites under ``evidence``
are the reviewer's, not the criterion's, and do not count.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable, Mapping

from attrs import field, frozen

from . import pointers
from .course import Course, _json_default

#: The length of a digest in hexadecimal digits (64 bits: a change detector, not a signature).
DIGEST_LENGTH = 16
_ABSENT = object()


def digest(value: Any) -> str:
    """The digest of a JSON value (its canonical JSON, as the course's sha256 is made)."""
    if value is _ABSENT:
        text = "\x00absent"
    else:
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_json_default)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


@frozen
class Fingerprint:
    """The digest of a criterion's question and of each value its evidence points at."""

    question: str
    evidence: Mapping[str, str] = field(converter=dict)

    def to_json(self) -> dict[str, Any]:
        """The fingerprint as an answer file stores it."""
        return {"question": self.question, "evidence": dict(self.evidence)}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Fingerprint":
        """Read a fingerprint from an answer file."""
        return cls(raw["question"], raw["evidence"])


@frozen
class Change:
    """One difference between the evidence an answer was given on and the evidence now.

    ``kind`` is ``changed`` (the value at ``pointer`` differs), ``added`` (a new place to
    judge), ``removed`` (a place no longer judged), ``question`` (the question was reworded) or
    ``unrecorded`` (the answer has no fingerprint and the course is no longer the one answered).
    """

    kind: str
    pointer: str | None = None

    def describe(self) -> str:
        """The change in a few words."""
        where = self.pointer or "/"
        return {"changed": f"changed at {where}", "added": f"new evidence at {where}",
                "removed": f"no longer at {where}", "question": "the question changed",
                "unrecorded": "it has no fingerprint and the course changed since the file was written"}[self.kind]

    def to_json(self) -> dict[str, Any]:
        """The change as the JSON report lists it."""
        return {"change": self.kind, "pointer": self.pointer}


def fingerprint(course: Course, question: str, places: Iterable[str]) -> Fingerprint:
    """The fingerprint of ``question`` and of the entries holding ``places`` (the whole course when none)."""
    evidence: dict[str, str] = {}
    for pointer in (entry(course, place) for place in places):
        if pointer not in evidence:
            evidence[pointer] = course.sha256[:DIGEST_LENGTH] if pointer == "" else digest(course.get(pointer, _ABSENT))
    if not evidence:
        evidence[""] = course.sha256[:DIGEST_LENGTH]
    return Fingerprint(digest(question), evidence)


def entry(course: Course, pointer: str) -> str:
    """The pointer of the nearest object holding ``pointer`` (itself when it is an object or a top-level field)."""
    tokens = pointers.split(pointer)
    while len(tokens) > 1 and not isinstance(course.get(pointers.from_path(tokens)), Mapping):
        tokens.pop()
    return pointers.from_path(tokens)


def of_result(course: Course, result) -> Fingerprint:
    """The fingerprint of a criterion's result (as its check left it): its question (or title) and findings."""
    return fingerprint(course, result.question or result.title, [finding.pointer for finding in result.findings])


def changes(recorded: Fingerprint, current: Fingerprint) -> list[Change]:
    """What differs between two fingerprints; empty when the answer still applies.

    Values are compared, not places: evidence that only moved is no change.
    """
    found = [Change("question")] if recorded.question != current.question else []
    before, after = set(recorded.evidence.values()), set(current.evidence.values())
    if before == after:
        return found
    reported = set()
    for pointer, value in current.evidence.items():
        if value not in before:
            found.append(Change("changed" if pointer in recorded.evidence else "added", pointer))
            reported.add(pointer)
    for pointer, value in recorded.evidence.items():
        if value not in after and pointer not in reported:
            found.append(Change("changed" if pointer in current.evidence else "removed", pointer))
    return found
