"""Collects the objects of a course from the extracted parts, each with its provenance.

The builder hands out ids, joins text pieces into fields while recording where each stretch
came from, and merges a module that two sources describe (a deck's section and the lesson
plan's heading of the same name). Values the sources do not give stay ``None`` here; the
draft (:mod:`vetkit.importers.draft`) turns them into options or placeholders.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ..provenance import Origin, record
from . import cues

Part = tuple[str, str, Origin]  # (separator before it, text, origin)


def joined(parts: list[Part]) -> tuple[str, list[tuple[int, int, Origin]]]:
    """The pieces as one text, and (start, end, origin) for each stretch of it."""
    text = ""
    spans: list[tuple[int, int, Origin]] = []
    for separator, piece, origin in parts:
        if text:
            text += separator
        start = len(text)
        text += piece
        if spans and spans[-1][2] == origin and spans[-1][1] + len(separator) == start:
            spans[-1] = (spans[-1][0], len(text), origin)
        else:
            spans.append((start, len(text), origin))
    return text, spans


class Module:
    """A module under construction."""

    def __init__(self, identifier: str, title: str, origin: Origin, minutes: int | None):
        self.id, self.title, self.origin, self.minutes = identifier, title, origin, minutes
        self.objective_ids: list[str] = []
        self.parts: list[Part] = []
        self.outline: list[str] = []
        self.files = {origin.file}

    def add_text(self, text: str, origin: Origin, separator: str = "\n\n") -> None:
        self.parts.append((separator, text, origin))

    def add_heading(self, title: str) -> None:
        """A heading of the module's outline (a page's heading that repeats its entry's title counts once)."""
        if not self.outline or self.outline[-1] != title:
            self.outline.append(title)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title, "minutes": self.minutes,
                                "objectiveIds": list(self.objective_ids)}
        spans = {}
        if self.parts:
            data["text"], spans["text"] = joined(self.parts)
        if self.outline:
            data["outline"] = [{"title": title} for title in self.outline]
        data["x-source"] = record(self.origin, spans)
        return data


class CourseBuilder:
    """The objects of one course, in the order the sources give them."""

    def __init__(self) -> None:
        self.title = ""
        self.version = ""
        self.description: list[Part] = []
        self.purpose: list[Part] = []
        self.prerequisites: list[str] = []
        self.total_minutes: int | None = None
        self.modules: list[Module] = []
        self.objectives: list[dict[str, Any]] = []
        self.activities: list[dict[str, Any]] = []
        self.assessments: list[dict[str, Any]] = []
        self.materials: list[dict[str, Any]] = []
        self.references: list[dict[str, Any]] = []
        self.resources: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self._ids: set[str] = set()

    def new_id(self, prefix: str) -> str:
        """The next free id with this prefix: ``M1``, ``M2``..."""
        number = 1
        while f"{prefix}{number}" in self._ids:
            number += 1
        self._ids.add(f"{prefix}{number}")
        return f"{prefix}{number}"

    def module(self, title: str, origin: Origin, minutes: int | None = None) -> Module:
        """The module of that title: a new one, or the one another source file already named so."""
        for module in self.modules:
            if origin.file not in module.files and same_title(module.title, title):
                module.files.add(origin.file)
                if module.minutes is None:
                    module.minutes = minutes
                return module
        module = Module(self.new_id("M"), title, origin, minutes)
        self.modules.append(module)
        return module

    def objective(self, text: str, origin: Origin, module: Module | None, scope: str) -> None:
        """A learning objective; a module-level one is linked to its module."""
        identifier = self.new_id("O")
        objective: dict[str, Any] = {"id": identifier, "text": text}
        if scope == "module":
            objective["scope"] = "module"
        objective["x-source"] = record(origin)
        self.objectives.append(objective)
        if module is not None and scope == "module":
            module.objective_ids.append(identifier)

    def material(self, title: str, kind: str, module: Module | None, origin: Origin, *,
                 parts: list[Part] = (), **fields: str) -> None:
        """A slide, handout page or picture."""
        material: dict[str, Any] = {"id": self.new_id("S" if kind == "slides" else "MAT"), "title": title,
                                    "type": kind}
        if module is not None:
            material["moduleId"] = module.id
        spans = {}
        if parts:
            material["text"], spans["text"] = joined(list(parts))
        material.update({key: value for key, value in fields.items() if value})
        material["x-source"] = record(origin, spans)
        self.materials.append(material)

    def activity(self, title: str, kind: str | None, minutes: int | None, module: Module, origin: Origin,
                 parts: list[Part], debrief: list[Part] | None, debrief_minutes: int | None) -> None:
        """A learning activity; ``kind`` None and ``minutes`` None are left for the draft to settle."""
        activity: dict[str, Any] = {"id": self.new_id("A"), "title": title, "type": kind, "minutes": minutes,
                                    "moduleId": module.id, "objectiveIds": []}
        spans = {}
        if parts:
            activity["text"], spans["text"] = joined(parts)
        if debrief is not None:
            activity["debrief"] = {"minutes": debrief_minutes}
            if debrief:
                activity["debrief"]["facilitatorGuide"], guide_spans = joined(debrief)
                activity["debrief"]["x-source"] = record(debrief[0][2], {"facilitatorGuide": guide_spans})
        activity["x-source"] = record(origin, spans)
        self.activities.append(activity)

    def assessment(self, quiz, module: Module | None) -> None:
        """A test, quiz or knowledge check with its items (keys where the source marks them)."""
        kind, purpose = cues.assessment_kind(quiz.title)
        identifier = self.new_id("T")
        items = []
        for number, question in enumerate(quiz.questions, start=1):
            items.append(_item(f"{identifier}-Q{number}", question))
        assessment: dict[str, Any] = {"id": identifier, "title": quiz.title, "type": kind, "purpose": purpose}
        if module is not None:
            assessment["moduleId"] = module.id
        assessment.update({"objectiveIds": [], "items": items, "x-source": record(quiz.origin)})
        self.assessments.append(assessment)

    def reference(self, line: str, origin: Origin, kind: str | None = None) -> None:
        """A reference (of ``kind``, else as its words say), or a resource when the line gives a phone number."""
        phone = cues.PHONE.search(line)
        if phone:
            resource: dict[str, Any] = {"id": self.new_id("R"), "name": cues.resource_name(line, phone),
                                        "type": cues.first_of(cues.RESOURCE_TYPES, line), "phone": phone.group(0)}
            if resource["name"] != line:
                resource["text"] = line
            url = cues.URL.search(line)
            if url:
                resource["url"] = url.group(0)
            resource["x-source"] = record(origin)
            self.resources.append(resource)
            return
        reference: dict[str, Any] = {"id": self.new_id("REF"), "title": line,
                                     "type": kind or cues.first_of(cues.REFERENCE_TYPES, line)}
        url = cues.URL.search(line)
        if url:
            reference["url"] = url.group(0)
            if reference["type"] is None and len(line.replace(url.group(0), "").strip(" .:-–")) < 3:
                reference["type"] = "website"
        reference["x-source"] = record(origin)
        self.references.append(reference)


def _item(identifier: str, question) -> dict[str, Any]:
    item: dict[str, Any] = {"id": identifier}
    choices = list(question.choices)
    keyed = any(choice.correct for choice in choices)
    if len(choices) >= 2:
        texts = {choice.text.strip(" .").lower() for choice in choices}
        if texts == {"true", "false"}:
            item["type"] = "true-false"
        elif sum(1 for choice in choices if choice.correct) > 1 or question.multiple:
            item["type"] = "multiple-response"
        else:
            item["type"] = "choice"
        item["prompt"] = question.prompt
        item["choices"] = [{"id": chr(ord("a") + index) if index < 26 else f"c{index + 1}", "text": choice.text,
                            "correct": bool(choice.correct) if keyed else False}
                           for index, choice in enumerate(choices)]
    else:
        item["type"] = "short-answer"
        item["prompt"] = question.prompt
        if question.answer:
            item["answer"] = question.answer
    item["objectiveIds"] = []
    item["x-source"] = record(question.origin)
    return item


def _normal(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", cues.heading_core(title).lower()).strip()


def same_title(first: str, second: str) -> bool:
    """True when two module titles name the same thing (numbering, durations and case aside)."""
    a, b = _normal(first), _normal(second)
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.85
