"""Hour arithmetic: do module minutes, activity minutes, the schedule and the declared total agree?

``hour_arithmetic(course)`` is pure. It adds up

- module minutes, and compares the sum with ``delivery.totalMinutes``;
- the minutes of each module's activities, and reports activities that need more time than
  their module has;
- schedule blocks: blocks linked to a module (``moduleId``, or ``activityId`` through the
  activity's module) are instruction; the sum is compared with ``delivery.totalMinutes`` and,
  per module, with the module's minutes. Unlinked blocks (breaks, lunch, registration) are
  counted apart and only named in the message. A declared total that equals the instruction
  minutes plus the unlinked blocks counts the breaks, and is no difference;
- the number of scheduled days, compared with ``delivery.days``.

Each difference carries its pointer, both numbers and a sentence that states them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from attrs import frozen

from vetkit.kit import Course


@frozen
class Difference:
    """Two figures of the course that should agree and do not."""

    pointer: str
    message: str
    expected: int  # the figure the course declares at ``pointer``
    actual: int  # what the other figures add up to


@frozen
class ModuleHours:
    """One module's minutes as declared, as used by its activities, and as scheduled."""

    id: str
    pointer: str
    minutes: int
    activity_minutes: int
    scheduled_minutes: int | None  # None when the course has no schedule blocks linked to modules


@frozen
class HourReport:
    """The course's minutes added up in every way the format allows."""

    total_minutes: int | None
    module_minutes: int
    activity_minutes: int
    scheduled_minutes: int | None  # blocks linked to a module or activity; None without such blocks
    unlinked_minutes: int  # blocks linked to neither (breaks, lunch)
    scheduled_days: int
    modules: tuple[ModuleHours, ...]
    differences: tuple[Difference, ...]

    def to_json(self) -> dict[str, Any]:
        """Plain data, keys in a fixed order."""
        return {
            "totalMinutes": self.total_minutes, "moduleMinutes": self.module_minutes,
            "activityMinutes": self.activity_minutes, "scheduledMinutes": self.scheduled_minutes,
            "unlinkedMinutes": self.unlinked_minutes, "scheduledDays": self.scheduled_days,
            "modules": [{"id": m.id, "pointer": m.pointer, "minutes": m.minutes,
                         "activityMinutes": m.activity_minutes, "scheduledMinutes": m.scheduled_minutes}
                        for m in self.modules],
            "differences": [{"pointer": d.pointer, "message": d.message, "expected": d.expected,
                             "actual": d.actual} for d in self.differences],
        }


def _clock(value: str) -> int:
    hours, minutes = value.split(":")
    return int(hours) * 60 + int(minutes)


def hour_arithmetic(course: Course) -> HourReport:
    """Add up the course's minutes and list every disagreement (see the module docstring)."""
    data = course.data
    modules = list(course.entries("modules"))
    activity_module = {activity["id"]: activity["moduleId"] for _, activity in course.entries("activities")}
    per_module_activities: dict[str, int] = defaultdict(int)
    for _, activity in course.entries("activities"):
        per_module_activities[activity["moduleId"]] += activity.get("minutes", 0)

    scheduled: dict[str, int] = defaultdict(int)
    linked = unlinked = unlinked_blocks = 0
    days = set()
    for _, block in course.entries("schedule"):
        length = max(0, _clock(block["end"]) - _clock(block["start"]))
        days.add(block["day"])
        module_id = block.get("moduleId") or activity_module.get(block.get("activityId"))
        if module_id:
            scheduled[module_id] += length
            linked += length
        else:
            unlinked += length
            unlinked_blocks += 1
    has_schedule = bool(scheduled)

    rows = tuple(ModuleHours(module["id"], pointer, module["minutes"], per_module_activities[module["id"]],
                             scheduled[module["id"]] if has_schedule else None)
                 for pointer, module in modules)
    total = data["delivery"].get("totalMinutes")
    module_sum = sum(row.minutes for row in rows)
    differences: list[Difference] = []

    # A declared total may be the whole scheduled day, breaks included: then it agrees with the
    # instruction minutes plus the unlinked blocks, and that is no difference.
    counts_breaks = bool(scheduled) and unlinked_blocks > 0 and total is not None and linked + unlinked == total
    if total is not None and module_sum != total and not (counts_breaks and module_sum == linked):
        differences.append(Difference(
            "/delivery/totalMinutes",
            f"Module minutes add up to {module_sum}, but delivery.totalMinutes is {total} "
            f"({_gap(module_sum, total)}).", total, module_sum))
    for row in rows:
        if row.activity_minutes > row.minutes:
            differences.append(Difference(
                f"{row.pointer}/minutes",
                f"The activities of module {row.id} take {row.activity_minutes} minutes, more than the "
                f"module's {row.minutes} ({row.activity_minutes - row.minutes} over).", row.minutes,
                row.activity_minutes))
    if has_schedule:
        extra = (f"; {unlinked} more minutes are in {unlinked_blocks} block(s) linked to no module, "
                 "such as breaks" if unlinked_blocks else "")
        if total is not None and linked != total and not counts_breaks:
            differences.append(Difference(
                "/schedule",
                f"Schedule blocks linked to modules or activities add up to {linked} minutes, but "
                f"delivery.totalMinutes is {total} ({_gap(linked, total)}){extra}.", total, linked))
        for row in rows:
            if row.scheduled_minutes != row.minutes:
                what = ("has no schedule block" if row.scheduled_minutes == 0 else
                        f"is scheduled for {row.scheduled_minutes} minutes")
                differences.append(Difference(
                    f"{row.pointer}/minutes",
                    f"Module {row.id} {what}, but its minutes are {row.minutes} "
                    f"({_gap(row.scheduled_minutes or 0, row.minutes)}).", row.minutes, row.scheduled_minutes or 0))
    elif unlinked_blocks and total is not None and unlinked != total:
        differences.append(Difference(
            "/schedule",
            f"Schedule blocks add up to {unlinked} minutes (none is linked to a module or activity), but "
            f"delivery.totalMinutes is {total} ({_gap(unlinked, total)}).", total, unlinked))
    declared_days = data["delivery"].get("days")
    if days and declared_days is not None and len(days) != declared_days:
        differences.append(Difference(
            "/delivery/days",
            f"The schedule uses {len(days)} day(s), but delivery.days is {declared_days}.", declared_days, len(days)))

    return HourReport(total, module_sum, sum(per_module_activities.values()), linked if has_schedule else None,
                      unlinked, len(days), rows, tuple(differences))


def _gap(actual: int, declared: int) -> str:
    difference = actual - declared
    return f"{difference} minutes more" if difference > 0 else f"{-difference} minutes fewer"
