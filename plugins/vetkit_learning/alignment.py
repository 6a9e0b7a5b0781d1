"""The alignment map: which modules, activities and assessment items serve each objective.

``alignment_map(course)`` is a library function: LO-02 and LO-03 read it, and a report or a
course author can print ``alignment_map(course).to_json()``.

Links, as the course format defines them:

- a module or activity teaches the objectives in its ``objectiveIds``;
- an item measures the objectives in its own ``objectiveIds`` or, when that list is empty,
  those of its assessment;
- an item's Bloom level is its declared ``bloom``, else the level usual for its type
  (``data/assessment.yaml``: choice -> remember, short-answer -> understand, essay -> analyze,
  performance-step -> apply).

Minutes per objective add up to the course's module minutes, never more: each activity's
minutes are shared evenly among the activity's objectives, and the rest of a module's minutes
(its minutes less those of its activities that name objectives) among the module's objectives.
Counting a module's full minutes and its activities' minutes again would count the same class
time twice.

Orphans: a module that names no objective and has no activity that does; an item that names
none, in an assessment that names none either (pre-tests and evaluation surveys aside,
see ``data/assessment.yaml``); an objective that no module or activity teaches.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Mapping

from attrs import frozen

from vetkit.course import Course

from .tables import table


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

    def to_json(self) -> dict[str, Any]:
        """Plain data, keys in a fixed order."""
        return {"id": self.id, "pointer": self.pointer, "assessment": self.assessment,
                "assessmentType": self.assessment_type, "type": self.type, "bloom": self.bloom,
                "bloomSource": "declared" if self.bloom_declared else "item type", "via": self.via}


@frozen
class ObjectiveAlignment:
    """Everything that teaches or measures one objective."""

    id: str
    pointer: str
    critical: bool
    bloom: str | None
    modules: tuple[str, ...]
    activities: tuple[str, ...]
    items: tuple[ItemLink, ...]
    minutes: float

    @property
    def taught(self) -> bool:
        """True when a module or an activity names the objective."""
        return bool(self.modules or self.activities)

    def to_json(self) -> dict[str, Any]:
        """Plain data, keys in a fixed order."""
        return {"id": self.id, "pointer": self.pointer, "critical": self.critical, "bloom": self.bloom,
                "minutes": round(self.minutes, 2), "modules": list(self.modules),
                "activities": list(self.activities), "items": [item.to_json() for item in self.items]}


@frozen
class AlignmentMap:
    """Objectives with what serves them, and what serves no objective."""

    objectives: tuple[ObjectiveAlignment, ...]
    orphan_modules: tuple[str, ...]
    orphan_items: tuple[str, ...]
    untaught_objectives: tuple[str, ...]

    def objective(self, identifier: str) -> ObjectiveAlignment | None:
        """The alignment of one objective, by id."""
        return next((entry for entry in self.objectives if entry.id == identifier), None)

    def to_json(self) -> dict[str, Any]:
        """Plain data (JSON-ready), keys in a fixed order, lists in document order."""
        return {"objectives": [entry.to_json() for entry in self.objectives],
                "orphans": {"modules": list(self.orphan_modules), "items": list(self.orphan_items),
                            "objectives": list(self.untaught_objectives)}}


def item_objectives(item: Mapping[str, Any], assessment: Mapping[str, Any]) -> tuple[tuple[str, ...], str]:
    """(the objectives an item measures, "item" or "assessment" for where they were named)."""
    own = tuple(item.get("objectiveIds", ()))
    return (own, "item") if own else (tuple(assessment.get("objectiveIds", ())), "assessment")


def item_bloom(item: Mapping[str, Any]) -> tuple[str | None, bool]:
    """(an item's Bloom level, whether it was declared rather than inferred from the item type)."""
    if item.get("bloom"):
        return item["bloom"], True
    return table("assessment")["item_bloom"].get(item.get("type")), False


def alignment_map(course: Course) -> AlignmentMap:
    """Build the alignment map of a course (see the module docstring for the rules)."""
    modules = [module for _, module in course.entries("modules")]
    activities = [activity for _, activity in course.entries("activities")]
    taught_by_modules: dict[str, list[str]] = defaultdict(list)
    taught_by_activities: dict[str, list[str]] = defaultdict(list)
    minutes: dict[str, float] = defaultdict(float)
    activity_minutes: dict[str, int] = defaultdict(int)  # per module, activities that name objectives

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
    for activity in activities:  # an activity's module serves the objectives the activity serves
        for objective_id in activity.get("objectiveIds", ()):
            if activity.get("moduleId") not in taught_by_modules[objective_id]:
                taught_by_modules[objective_id].append(activity.get("moduleId"))

    not_counted = set(table("assessment")["not_counted_types"])
    items: dict[str, list[ItemLink]] = defaultdict(list)
    orphan_items: list[str] = []
    for pointer, item, assessment in course.items():
        objective_ids, via = item_objectives(item, assessment)
        if not objective_ids and assessment.get("type") not in not_counted:
            orphan_items.append(item["id"])
        bloom, declared = item_bloom(item)
        for objective_id in objective_ids:
            items[objective_id].append(ItemLink(item["id"], pointer, assessment["id"], assessment.get("type", ""),
                                                item.get("type", ""), bloom, declared, via))

    objectives = tuple(
        ObjectiveAlignment(objective["id"], pointer, bool(objective.get("critical", False)), objective.get("bloom"),
                           _ordered(taught_by_modules[objective["id"]], modules),
                           tuple(taught_by_activities[objective["id"]]), tuple(items[objective["id"]]),
                           minutes[objective["id"]])
        for pointer, objective in course.entries("objectives"))
    served = {module_id for entry in objectives for module_id in entry.modules}
    return AlignmentMap(
        objectives=objectives,
        orphan_modules=tuple(module["id"] for module in modules if module["id"] not in served),
        orphan_items=tuple(orphan_items),
        untaught_objectives=tuple(entry.id for entry in objectives if not entry.taught))


def _ordered(identifiers: list[str], modules: list[Mapping[str, Any]]) -> tuple[str, ...]:
    wanted = set(identifiers)
    return tuple(module["id"] for module in modules if module["id"] in wanted)
