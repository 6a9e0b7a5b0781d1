"""The alignment map: which modules, activities and assessment items serve each objective.

``alignment_map(course)`` is library API: the learning checks (LO-02, LO-03) read it and the
HTML report draws it.

Links, as the course format defines them:

- a module or activity teaches the objectives in its ``objectiveIds``; an activity's module
  serves the objectives the activity serves;
- an item measures the objectives in its own ``objectiveIds`` or, when that list is empty,
  those of its assessment;
- an item's Bloom level is its declared ``bloom``, else the level usual for its type
  (choice -> remember, short-answer -> understand, essay -> analyze, performance-step -> apply).

Minutes per objective add up to the course's module minutes, never more: each activity's
minutes are shared evenly among the activity's objectives, and the rest of a module's minutes
(its minutes less those of its activities that name objectives) among the module's objectives.

Orphans: a module that names no objective and has no activity that does; an activity that
names none; an item that names none, in an assessment that names none either (pre-tests and
evaluation surveys aside: they measure a starting point or a reaction, not learning); an
objective that no module or activity teaches, or that no counted item measures.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterator, Mapping

from attrs import field, frozen


def _tuple(value) -> tuple:
    return tuple(value)


@lru_cache(maxsize=1)
def tables() -> Mapping[str, Any]:
    """Item-type Bloom levels and the assessment types that do not count as learning checks."""
    return json.loads(files("vetkit").joinpath("data/alignment.json").read_text(encoding="utf-8"))


def not_counted_types() -> frozenset[str]:
    """Assessment types whose items do not show learning (pre-tests, evaluation surveys)."""
    return frozenset(tables()["notCountedAssessmentTypes"])


@frozen
class ItemLink:
    """One assessment item that measures an objective."""

    id: str
    pointer: str
    assessment: str
    assessment_type: str
    type: str
    bloom: str | None
    bloom_declared: bool
    via: str  # "item": the item names the objective; "assessment": the item names none, its assessment does

    @property
    def counted(self) -> bool:
        """False for items of pre-tests and evaluation surveys."""
        return self.assessment_type not in not_counted_types()

    def to_json(self) -> dict[str, Any]:
        """Plain data, keys in a fixed order."""
        return {"id": self.id, "pointer": self.pointer, "assessment": self.assessment,
                "assessmentType": self.assessment_type, "type": self.type, "bloom": self.bloom,
                "bloomSource": "declared" if self.bloom_declared else "item type", "via": self.via,
                "counted": self.counted}


@frozen
class ObjectiveAlignment:
    """Everything that teaches or measures one objective."""

    id: str
    pointer: str
    text: str
    critical: bool
    bloom: str | None
    modules: tuple[str, ...] = field(converter=_tuple)
    activities: tuple[str, ...] = field(converter=_tuple)
    items: tuple[ItemLink, ...] = field(converter=_tuple)
    minutes: float = 0.0

    @property
    def taught(self) -> bool:
        """True when a module or an activity names the objective."""
        return bool(self.modules or self.activities)

    @property
    def assessed(self) -> bool:
        """True when an item of a counted assessment measures the objective."""
        return any(item.counted for item in self.items)

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Ids of the items that measure the objective."""
        return tuple(item.id for item in self.items)

    def to_json(self) -> dict[str, Any]:
        """Plain data, keys in a fixed order."""
        return {"id": self.id, "pointer": self.pointer, "text": self.text, "critical": self.critical,
                "bloom": self.bloom, "minutes": round(self.minutes, 2), "modules": list(self.modules),
                "activities": list(self.activities), "items": [item.to_json() for item in self.items],
                "taught": self.taught, "assessed": self.assessed}


@frozen
class AlignmentMap:
    """Objectives with what serves them, and what serves no objective."""

    objectives: tuple[ObjectiveAlignment, ...] = field(converter=_tuple)
    orphan_modules: tuple[str, ...] = field(default=(), converter=_tuple)
    orphan_activities: tuple[str, ...] = field(default=(), converter=_tuple)
    orphan_items: tuple[str, ...] = field(default=(), converter=_tuple)
    total_minutes: float = 0.0

    @property
    def untaught_objectives(self) -> tuple[str, ...]:
        """Objectives no module or activity teaches."""
        return tuple(entry.id for entry in self.objectives if not entry.taught)

    @property
    def unassessed_objectives(self) -> tuple[str, ...]:
        """Objectives no counted item measures."""
        return tuple(entry.id for entry in self.objectives if not entry.assessed)

    def objective(self, identifier: str) -> ObjectiveAlignment | None:
        """The alignment of one objective, by id."""
        return next((entry for entry in self.objectives if entry.id == identifier), None)

    def to_json(self) -> dict[str, Any]:
        """Plain data (JSON-ready), keys in a fixed order, lists in document order."""
        return {"objectives": [entry.to_json() for entry in self.objectives],
                "orphans": {"modules": list(self.orphan_modules), "activities": list(self.orphan_activities),
                            "items": list(self.orphan_items), "objectives": list(self.untaught_objectives),
                            "unassessedObjectives": list(self.unassessed_objectives)},
                "totalMinutes": self.total_minutes}


def item_objectives(item: Mapping[str, Any], assessment: Mapping[str, Any]) -> tuple[tuple[str, ...], str]:
    """(the objectives an item measures, "item" or "assessment" for where they were named)."""
    own = tuple(item.get("objectiveIds", ()))
    return (own, "item") if own else (tuple(assessment.get("objectiveIds", ())), "assessment")


def item_bloom(item: Mapping[str, Any]) -> tuple[str | None, bool]:
    """(an item's Bloom level, whether it was declared rather than inferred from the item type)."""
    if item.get("bloom"):
        return item["bloom"], True
    return tables()["itemBloom"].get(item.get("type")), False


def _entries(data: Mapping[str, Any], key: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for index, value in enumerate(data.get(key, ())):
        yield f"/{key}/{index}", value


def alignment_map(course: Any) -> AlignmentMap:
    """Build the alignment map of a :class:`~vetkit.Course` (or of a course mapping)."""
    data: Mapping[str, Any] = course.data if hasattr(course, "data") else course
    modules = [module for _, module in _entries(data, "modules")]
    activities = [activity for _, activity in _entries(data, "activities")]
    taught_by_modules: dict[str, list[str]] = defaultdict(list)
    taught_by_activities: dict[str, list[str]] = defaultdict(list)
    minutes: dict[str, float] = defaultdict(float)
    activity_minutes: dict[Any, float] = defaultdict(float)  # per module, activities that name objectives

    for activity in activities:
        objective_ids = activity.get("objectiveIds", ())
        for objective_id in objective_ids:
            taught_by_activities[objective_id].append(activity["id"])
            minutes[objective_id] += activity.get("minutes", 0) / len(objective_ids)
        if objective_ids:
            activity_minutes[activity.get("moduleId")] += activity.get("minutes", 0)
    for module in modules:
        objective_ids = module.get("objectiveIds", ())
        rest = max(0, module.get("minutes", 0) - activity_minutes[module["id"]])
        for objective_id in objective_ids:
            taught_by_modules[objective_id].append(module["id"])
            minutes[objective_id] += rest / len(objective_ids)
    for activity in activities:
        for objective_id in activity.get("objectiveIds", ()):
            if activity.get("moduleId") not in taught_by_modules[objective_id]:  # a short list: an objective's modules
                taught_by_modules[objective_id].append(activity.get("moduleId"))

    items: dict[str, list[ItemLink]] = defaultdict(list)
    orphan_items: list[str] = []
    for assessment_pointer, assessment in _entries(data, "assessments"):
        for index, item in enumerate(assessment.get("items", ())):
            objective_ids, via = item_objectives(item, assessment)
            if not objective_ids and assessment.get("type") not in not_counted_types():
                orphan_items.append(item["id"])
            bloom, declared = item_bloom(item)
            for objective_id in objective_ids:
                items[objective_id].append(ItemLink(item["id"], f"{assessment_pointer}/items/{index}",
                                                    assessment["id"], assessment.get("type", ""),
                                                    item.get("type", ""), bloom, declared, via))

    order = {module["id"]: position for position, module in enumerate(modules)}
    objectives = [
        ObjectiveAlignment(objective["id"], pointer, objective.get("text", ""), bool(objective.get("critical", False)),
                           objective.get("bloom"), _ordered(taught_by_modules[objective["id"]], order),
                           taught_by_activities[objective["id"]], items[objective["id"]], minutes[objective["id"]])
        for pointer, objective in _entries(data, "objectives")]
    served = {module_id for entry in objectives for module_id in entry.modules}
    return AlignmentMap(
        objectives=objectives,
        orphan_modules=[module["id"] for module in modules if module["id"] not in served],
        orphan_activities=[activity["id"] for activity in activities if not activity.get("objectiveIds")],
        orphan_items=orphan_items,
        total_minutes=sum(module.get("minutes", 0) for module in modules))


def _ordered(identifiers: list[str], order: Mapping[str, int]) -> tuple[str, ...]:
    """The module ids among ``identifiers``, once each, in the order of the course's modules."""
    return tuple(sorted({identifier for identifier in identifiers if identifier in order}, key=order.__getitem__))
