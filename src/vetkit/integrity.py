"""Checks the schema cannot express: unique ids, resolvable references, schedules, vocabularies."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterator

from attrs import frozen

from . import pointers

from .schema_errors import close_match, did_you_mean
from .vocabulary import TAG_FIELDS, Vocabulary

#: Collections whose members carry a document-wide unique ``id``, and what one is called.
ADDRESSABLE = {
    "objectives": "objective", "modules": "module", "activities": "activity", "assessments": "assessment",
    "instructors": "instructor", "materials": "material", "references": "reference",
    "statistics": "statistic", "resources": "resource",
}


@frozen
class Issue:
    """One integrity finding, before it is located in the source."""

    pointer: str
    message: str
    hint: str | None
    code: str
    severity: str = "error"


def _objects(data: Any, key: str) -> Iterator[tuple[str, dict]]:
    values = data.get(key) if isinstance(data, dict) else None
    if isinstance(values, list):
        for index, value in enumerate(values):
            if isinstance(value, dict):
                yield f"/{key}/{index}", value


def addressable(data: Any) -> Iterator[tuple[str, str, dict]]:
    """(pointer, kind, object) for everything that has a document-wide id."""
    for key, kind in ADDRESSABLE.items():
        for pointer, obj in _objects(data, key):
            yield pointer, kind, obj
            if key == "assessments":
                for index, item in enumerate(obj.get("items") if isinstance(obj.get("items"), list) else []):
                    if isinstance(item, dict):
                        yield f"{pointer}/items/{index}", "item", item
    safeguards = data.get("safeguards") if isinstance(data, dict) else None
    if isinstance(safeguards, dict):
        for pointer, advisory in _objects(safeguards, "advisories"):
            yield "/safeguards" + pointer, "advisory", advisory


def check(data: Any, vocabulary: Vocabulary) -> list[Issue]:
    """Every integrity issue of a course document, errors and warnings."""
    if not isinstance(data, dict):
        return []
    issues: list[Issue] = []
    ids = _unique_ids(data, issues)
    _references(data, ids, issues)
    _choices(data, issues)
    _schedule(data, issues)
    _vocabularies(data, vocabulary, issues)
    return issues


def _unique_ids(data: dict, issues: list[Issue]) -> dict[str, tuple[str, str]]:
    ids: dict[str, tuple[str, str]] = {}
    for pointer, kind, obj in addressable(data):
        identifier = obj.get("id")
        if not isinstance(identifier, str):
            continue
        if identifier in ids:
            first_kind, first_pointer = ids[identifier]
            issues.append(Issue(f"{pointer}/id", f"duplicate id `{identifier}`: already used by the {first_kind} at {first_pointer}",
                                "ids must be unique across the whole document; rename one", "duplicate-id"))
        else:
            ids[identifier] = (kind, pointer)
    return ids


def _reference_sites(data: dict) -> Iterator[tuple[str, str, Any]]:
    """(pointer of the referring field, kind expected, value) for every id reference."""
    def lists(objects, field, kind):
        for pointer, obj in objects:
            value = obj.get(field)
            if isinstance(value, list):
                for index, ref in enumerate(value):
                    yield f"{pointer}/{field}/{index}", kind, ref

    def single(objects, field, kind):
        for pointer, obj in objects:
            if field in obj:
                yield f"{pointer}/{field}", kind, obj[field]

    modules = list(_objects(data, "modules"))
    activities = list(_objects(data, "activities"))
    assessments = list(_objects(data, "assessments"))
    materials = list(_objects(data, "materials"))
    items = [(f"{p}/items/{i}", item) for p, a in assessments
             for i, item in enumerate(a.get("items") if isinstance(a.get("items"), list) else []) if isinstance(item, dict)]
    blocks = list(_objects(data, "schedule"))
    for objects in (modules, activities, assessments, items):
        yield from lists(objects, "objectiveIds", "objective")
    for objects in (activities, assessments, materials, list(_objects(data, "statistics")), blocks):
        yield from single(objects, "moduleId", "module")
    for objects in (modules, activities, materials):
        yield from lists(objects, "advisoryIds", "advisory")
    yield from single(list(_objects(data, "statistics")), "referenceId", "reference")
    yield from single(blocks, "activityId", "activity")
    yield from lists(blocks, "instructorIds", "instructor")
    yield from lists(list(_objects(data, "instructors")), "moduleIds", "module")
    safeguards = data.get("safeguards")
    if isinstance(safeguards, dict):
        yield from lists([("/safeguards", safeguards)], "participantSupport", "resource")


def _references(data: dict, ids: dict[str, tuple[str, str]], issues: list[Issue]) -> None:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for identifier, (kind, _) in ids.items():
        by_kind[kind].append(identifier)
    for pointer, kind, ref in _reference_sites(data):
        if not isinstance(ref, str):
            continue
        found = ids.get(ref)
        if found is None:
            known = by_kind.get(kind, [])
            listing = f"known {kind} ids: {', '.join(known[:12])}" if known else f"the document has no {kind} with an id"
            issues.append(Issue(pointer, f"unknown {kind} id `{ref}`", did_you_mean(ref, known, listing),
                                "dangling-reference"))
        elif found[0] != kind:
            issues.append(Issue(pointer, f"`{ref}` is the id of {_a(found[0])} ({found[1]}), not of {_a(kind)}",
                                f"reference {_a(kind)} here", "wrong-reference"))


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def _choices(data: dict, issues: list[Issue]) -> None:
    for pointer, assessment in _objects(data, "assessments"):
        for index, item in enumerate(assessment.get("items") if isinstance(assessment.get("items"), list) else []):
            if not isinstance(item, dict):
                continue
            seen: set[str] = set()
            for number, choice in enumerate(item.get("choices") if isinstance(item.get("choices"), list) else []):
                choice_id = choice.get("id") if isinstance(choice, dict) else None
                if isinstance(choice_id, str):
                    if choice_id in seen:
                        issues.append(Issue(f"{pointer}/items/{index}/choices/{number}/id",
                                            f"duplicate choice id `{choice_id}` in this item",
                                            "give each choice of an item its own id", "duplicate-id"))
                    seen.add(choice_id)


def _minutes(clock: Any) -> int | None:
    if not isinstance(clock, str) or len(clock) != 5 or clock[2] != ":":
        return None
    try:
        return int(clock[:2]) * 60 + int(clock[3:])
    except ValueError:
        return None


def _schedule(data: dict, issues: list[Issue]) -> None:
    days: dict[Any, list[tuple[int, int, str]]] = defaultdict(list)
    for pointer, block in _objects(data, "schedule"):
        start, end = _minutes(block.get("start")), _minutes(block.get("end"))
        if start is None or end is None or isinstance(block.get("day"), (list, dict)):  # the schema reports it
            continue
        if end <= start:
            issues.append(Issue(f"{pointer}/end", f"block ends at {block['end']}, not after it starts at {block['start']}",
                                "blocks run within one day; give an end time later than the start", "schedule"))
            continue
        days[block.get("day")].append((start, end, pointer))
    for day, blocks in days.items():
        blocks.sort()
        latest_end, latest_pointer = -1, ""
        for start, end, pointer in blocks:
            if start < latest_end:
                issues.append(Issue(pointer, f"block overlaps the block at {latest_pointer} on day {day}",
                                    "blocks of one day must not overlap; adjust the start or end times", "schedule"))
            if end > latest_end:
                latest_end, latest_pointer = end, pointer


def _tag_sites(data: dict) -> Iterator[tuple[str, str, Any]]:
    for dotted, vocabulary_name in TAG_FIELDS.items():
        *path, field = dotted.split(".")
        for pointer, obj in pointers.objects_at(data, path):
            values = obj.get(field)
            if isinstance(values, list):
                for index, value in enumerate(values):
                    yield f"{pointer}/{field}/{index}", vocabulary_name, value


def _vocabularies(data: dict, vocabulary: Vocabulary, issues: list[Issue]) -> None:
    audience = data.get("audience")
    roles = audience.get("roles") if isinstance(audience, dict) else None
    if isinstance(roles, list):
        known_roles = sorted(vocabulary.roles)
        for index, role in enumerate(roles):
            if isinstance(role, str) and role not in vocabulary.roles and not _namespaced(role):
                match = close_match(role, known_roles)
                hint = (f"did you mean `{match}`? " if match else "") + "known roles: " + ", ".join(known_roles)
                issues.append(Issue(f"/audience/roles/{index}", f"unknown audience role `{role}`", hint, "vocabulary"))
    for pointer, name, value in _tag_sites(data):
        if not isinstance(value, str) or _namespaced(value):
            continue
        known = vocabulary.terms(name)
        if value not in known:
            match = close_match(value, sorted(known))
            hint = (f"did you mean `{match}`?" if match else
                    "a custom tag is fine: prefix it with your namespace (`myacademy:tag`) to silence this")
            issues.append(Issue(pointer, f"unknown {name[:-1] if name.endswith('s') else name} tag `{value}`",
                                hint, "vocabulary", severity="warning"))


def _namespaced(tag: str) -> bool:
    return ":" in tag or "/" in tag

