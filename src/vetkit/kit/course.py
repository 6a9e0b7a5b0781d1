"""Reading a course for a check: declared tags, the audience, the jurisdiction, field texts."""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ..checking import CheckContext, Result
from ..course import Course, TextField
from ..pointers import parent
from ..topics import topic_evidence


def modules_tagged(course: Course, tag: str, field: str = "topics") -> list[tuple[str, Mapping[str, Any]]]:
    """(pointer, module) of the modules whose ``field`` (``topics``, ``typologies``, ``populations``) lists ``tag``."""
    return [(pointer, module) for pointer, module in course.entries("modules") if tag in module.get(field, ())]


def module_tags(course: Course, field: str = "topics") -> list[str]:
    """The distinct tags of one module field across the course, in order of first appearance."""
    return list(dict.fromkeys(tag for _, module in course.entries("modules") for tag in module.get(field, ())))


def entry_ids(entries: Sequence[tuple[str, Mapping[str, Any]]]) -> str:
    """The ids of some (pointer, object) entries, comma-separated: ``M1, M3``."""
    return ", ".join(str(obj.get("id")) for _, obj in entries)


def text_pointer(entries: Sequence[tuple[str, Mapping[str, Any]]], fallback: str = "/modules") -> str:
    """Where missing wording belongs: the text of the first entry (its pointer when it has no text), else
    ``fallback``."""
    if not entries:
        return fallback
    pointer, obj = entries[0]
    return f"{pointer}/text" if obj.get("text") else pointer


def audience_roles(course: Course) -> list[str]:
    """The declared audience roles, in order."""
    return list((course.data.get("audience") or {}).get("roles", ()))


def jurisdiction(course: Course) -> Mapping[str, Any]:
    """The course's jurisdiction object (empty when none is declared)."""
    return course.data.get("jurisdiction") or {}


def outside_us(ctx: CheckContext, criteria: str) -> Result | None:
    """Not-applicable with a notice when the course declares a country other than the US (guidelines D12).

    ``criteria`` says what the rule's category covers, e.g. ``"the legal-framework criteria cover U.S.
    law only"``.
    """
    country = jurisdiction(ctx.course).get("country")
    if country and country != "US":
        return ctx.not_applicable(f"Notice: jurisdiction.country is {country}, not US; {criteria}, so "
                                  f"{ctx.rule.id} is not applicable.")
    return None


def course_enum(*path: str) -> list[str]:
    """The allowed values of an enumerated field, read from the course schema, e.g.
    ``course_enum("properties", "level")``."""
    from ..schemas import schema

    node: Any = schema("course")
    for step in path:
        node = node[step]
    return list(node["enum"])


def field_text(course: Course, pointer: str, field: str | None = None) -> str | None:
    """The full text at ``pointer`` (a material file's contents for ``materials.file``), or None."""
    if field == "materials.file" or (field is None and pointer.endswith("/file")):
        return course.material_text(parent(pointer))
    value = course.get(pointer)
    return value if isinstance(value, str) else None


def select_texts(course: Course, *, fields: Iterable[str] | None = None,
                 module_topics: Iterable[str] | None = None) -> Iterator[TextField]:
    """The course's text fields, optionally only some kinds (``fnmatch`` globs such as ``materials.*``)
    and, for module texts, only modules whose text teaches one of ``module_topics``.

    Other fields than module fields are kept when ``module_topics`` is given only if ``fields``
    names them, e.g. ``select_texts(course, fields=["glossary.*", "modules.*"], module_topics=["legal-federal"])``.
    """
    patterns = tuple(fields) if fields is not None else None
    topics = frozenset(module_topics) if module_topics is not None else None
    for text in course.texts():
        if patterns is not None and not any(fnmatchcase(text.field, p) for p in patterns):
            continue
        if topics is not None and text.field.startswith("modules."):
            unit = topic_evidence(course).unit("/".join(text.pointer.split("/")[:3]))
            if unit is None or not any(unit.teaches(topic) for topic in topics):
                continue
        yield text
