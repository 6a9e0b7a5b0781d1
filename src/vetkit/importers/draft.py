"""The draft course document: what the sources say, what the options add, placeholders for the rest.

Nothing is invented. A value the sources do not give comes from an option (``--role``,
``--level``, ``--minutes``...) or stays a ``FILL IN:`` placeholder that ``vetkit validate``
reports as a located error. Each placeholder is a :class:`Gap` that also names the value
scoring assumes when a course is scored straight from its sources; the report lists every
such assumption. Module tags are left out (the course format makes them optional); the tags each
module's text teaches are suggested under ``x-suggested``, not claimed.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import Any, Mapping

from attrs import field, frozen

from ..errors import UsageError
from ..jurisdictions import EXAMPLES, UnknownJurisdiction
from ..jurisdictions import parse as parse_jurisdiction
from ..placeholders import field_label, placeholder
from ..provenance import Origin, record
from .builder import CourseBuilder, joined

LEVELS = ("awareness", "operational", "advanced", "leadership")
EXPERIENCE = ("recruit", "in-service", "specialist", "supervisor", "executive")
MODES = ("in-person", "live-online", "self-paced", "roll-call", "blended")
ACTIVITY_TYPES = ("lecture", "discussion", "case-study", "scenario", "role-play", "tabletop", "video",
                  "demonstration", "practical-exercise", "reading")
#: Minutes scoring assumes for a module when neither the sources nor --minutes say.
ASSUMED_MODULE_MINUTES = 60


def _tuple(value) -> tuple:
    return tuple(value or ())


@frozen
class ImportOptions:
    """What the reviewer says about the course that its files may not: ``vetkit import --role ...``."""

    roles: tuple[str, ...] = field(default=(), converter=_tuple)
    experience: str | None = None
    level: str | None = None
    modes: tuple[str, ...] = field(default=(), converter=_tuple)
    minutes: int | None = None
    jurisdiction: str | None = None
    provider: str | None = None

    def check(self, roles: frozenset[str]) -> None:
        """Raise :class:`~vetkit.errors.UsageError` for a value the course format does not accept."""
        unknown = [role for role in self.roles if role not in roles]
        if unknown:
            raise UsageError(f"unknown audience role {', '.join(map(repr, unknown))}; known roles: "
                             f"{', '.join(sorted(roles))}")
        for name, value, allowed in (("level", self.level, LEVELS), ("experience", self.experience, EXPERIENCE)):
            if value is not None and value not in allowed:
                raise UsageError(f"{name} {value!r} is not one of {', '.join(allowed)}")
        for mode in self.modes:
            if mode not in MODES:
                raise UsageError(f"delivery mode {mode!r} is not one of {', '.join(MODES)}")
        if self.minutes is not None and not 1 <= self.minutes <= 100_000:
            raise UsageError(f"minutes {self.minutes} is not between 1 and 100000")
        if self.jurisdiction is not None:
            jurisdiction(self.jurisdiction)


def jurisdiction(code: str) -> dict[str, str]:
    """``US`` → country; ``TX`` → a US state; ``US-TX`` or ``MX-CHH`` → country and subdivision."""
    try:
        return parse_jurisdiction(code)
    except UnknownJurisdiction as err:
        raise UsageError(f"jurisdiction {err}; {EXAMPLES}") from None


@frozen
class Gap:
    """A value the sources do not give: left as a placeholder, assumed when scoring from the sources."""

    pointer: str
    what: str
    assumed: Any

    @property
    def assumption(self) -> str:
        """The sentence a report lists: ``audience.roles assumed multidisciplinary: ...``."""
        value = ", ".join(map(str, self.assumed)) if isinstance(self.assumed, list) else self.assumed
        return f"{field_label(self.pointer)} assumed {value}: {self.what}"


@frozen
class Draft:
    """A course document made from source files, with what it leaves to fill in."""

    data: Mapping[str, Any]
    gaps: tuple[Gap, ...] = field(converter=_tuple)
    notes: tuple[str, ...] = field(default=(), converter=_tuple)
    sources: tuple[str, ...] = field(default=(), converter=_tuple)

    @property
    def name(self) -> str:
        """The sources, for messages and reports: ``deck.pptx + plan.docx``."""
        return " + ".join(self.sources)

    def assumed(self) -> dict[str, Any]:
        """A copy of the document with the assumed value in place of every placeholder."""
        data = json.loads(json.dumps(self.data))
        for gap in self.gaps:
            *path, last = [int(t) if t.isdigit() else t for t in gap.pointer.split("/")[1:]]
            target = data
            for token in path:
                target = target[token]
            target[last] = gap.assumed
        return data

    def to_json(self) -> str:
        """The document as JSON text."""
        return json.dumps(self.data, indent=2, ensure_ascii=False) + "\n"

    def to_yaml(self) -> str:
        """The document as YAML text, multi-line texts as literal blocks."""
        import yaml

        class Dumper(yaml.SafeDumper):
            pass

        def text(dumper, value: str):
            style = "|" if "\n" in value else None
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        Dumper.add_representer(str, text)
        return yaml.dump(dict(self.data), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=120)

    def summary(self) -> str:
        """What the draft holds and what is left to fill in, in a sentence or two."""
        counts = [f"{len(self.data.get(key, ()))} {key}" for key in
                  ("modules", "objectives", "activities", "assessments", "materials", "references", "resources")
                  if self.data.get(key)]
        text = f"imported {self.name}: {', '.join(counts)}"
        if self.gaps:
            fields: dict[str, int] = {}
            for gap in self.gaps:
                label = re.sub(r"\.\d+\.", ".N.", field_label(gap.pointer))
                fields[label] = fields.get(label, 0) + 1
            text += f"; {len(self.gaps)} value(s) to fill in: " + ", ".join(
                f"{label} ({count})" if count > 1 else label for label, count in fields.items())
        return text


def build(builder: CourseBuilder, options: ImportOptions, sources: list[tuple[str, str, str]]) -> Draft:
    """The draft from the collected objects; ``sources`` are (file, format, sha256) per source file."""
    gaps: list[Gap] = []

    def fill(pointer: str, value: Any, what: str, assumed: Any) -> Any:
        if value is not None:
            return value
        gaps.append(Gap(pointer, what, assumed))
        return placeholder(what)

    def fill_list(pointer: str, values: tuple, what: str, assumed: str) -> list:
        if values:
            return list(values)
        gaps.append(Gap(pointer, what, [assumed]))
        return [placeholder(what)]

    first = sources[0][0]
    data: dict[str, Any] = {"vetkit": "1.0", "id": _course_id(first), "title": builder.title or PurePath(first).stem}
    data["version"] = fill("/version", builder.version or None, "the course's version, e.g. 1.0", "1.0")
    spans = {}
    for key, parts in (("description", builder.description), ("purpose", builder.purpose)):
        if parts:
            data[key], spans[key] = joined(parts)
    data["provider"] = {"name": fill("/provider/name", options.provider,
                                     "who owns the course (--provider)", "provider not stated")}
    roles = fill_list("/audience/roles", options.roles, "who the course is for: roles such as patrol, investigator "
                      "or dispatcher (--role)", "multidisciplinary")
    data["audience"] = {"roles": roles, "experience": fill(
        "/audience/experience", options.experience, f"the audience's experience: {_either(EXPERIENCE)} (--experience)", "in-service")}
    data["level"] = fill("/level", options.level, f"the course level: {_either(LEVELS)} (--level)",
                         "awareness")
    if builder.prerequisites:
        data["prerequisites"] = builder.prerequisites
    if options.jurisdiction:
        data["jurisdiction"] = jurisdiction(options.jurisdiction)
    total = options.minutes or builder.total_minutes
    modules = [module.to_json() for module in builder.modules]
    module_minutes = _module_minutes(modules, total)
    if total is None and all(m["minutes"] is not None for m in modules) and modules:
        total = sum(m["minutes"] for m in modules) or None
    modes = fill_list("/delivery/modes", options.modes, f"how the course is delivered: {_either(MODES)} (--mode)",
                      "in-person")
    data["delivery"] = {"modes": modes, "totalMinutes": fill(
        "/delivery/totalMinutes", total, "total minutes of instruction (--minutes)", sum(module_minutes) or ASSUMED_MODULE_MINUTES)}
    data["objectives"] = builder.objectives or [{"id": "O1", "text": fill(
        "/objectives/0/text", None, "the course's learning objectives; the sources state none",
        "The sources state no learning objective.")}]
    for index, (module, minutes) in enumerate(zip(modules, module_minutes)):
        module["minutes"] = fill(f"/modules/{index}/minutes", module["minutes"],
                                 f"minutes of module “{module['title']}”; the sources do not say", minutes)
    data["modules"] = modules
    if builder.activities:
        data["activities"] = [_activity(index, activity, fill) for index, activity in enumerate(builder.activities)]
    for key in ("assessments", "materials"):
        if getattr(builder, key):
            data[key] = getattr(builder, key)
    if builder.references:
        data["references"] = [_typed(f"/references/{index}", reference, fill, "what kind of reference: statute, "
                                     "regulation, case-law, policy, research, report, manual or website", "report")
                              for index, reference in enumerate(builder.references)]
    if builder.resources:
        data["resources"] = [_typed(f"/resources/{index}", resource, fill, "what kind of resource: hotline, "
                                    "victim-services, legal-aid, shelter, wellness, task-force...", "victim-services")
                             for index, resource in enumerate(builder.resources)]
    if spans:
        data["x-source"] = record(Origin(first), spans)
    data["x-import"] = {"sources": [{"file": file, "format": kind, "sha256": digest}
                                    for file, kind, digest in sources]}
    suggest_tags(data)
    return Draft(data, gaps, builder.notes, [file for file, _, _ in sources])


#: Where a module's suggested tags go: never into its ``topics``, which are the author's claims.
SUGGESTED = "x-suggested"


def suggest_tags(data: dict[str, Any]) -> None:
    """Put the tags each module's text teaches (topic evidence) under ``x-suggested``, with their confidence.

    The author adopts a suggestion by moving it into ``topics``, ``populations`` or ``typologies``;
    until then it is not a claim and scoring reads the text itself.
    """
    from ..course import Course
    from ..topics import topic_evidence

    for unit in topic_evidence(Course(data)).modules():
        taught = {vocabulary: {evidence.tag: round(evidence.confidence, 2)
                               for (voc, _), evidence in unit.evidence.items() if voc == vocabulary and evidence.taught}
                  for vocabulary in ("topics", "populations", "typologies")}
        taught = {vocabulary: tags for vocabulary, tags in taught.items() if tags}
        if taught:
            data["modules"][int(unit.pointer.rsplit("/", 1)[1])][SUGGESTED] = taught


def _either(values) -> str:
    return f"{', '.join(values[:-1])} or {values[-1]}"


def _module_minutes(modules: list[dict], total: int | None) -> list[int]:
    """Each module's minutes, with an assumed share for those the sources do not time."""
    known = sum(m["minutes"] for m in modules if m["minutes"] is not None)
    untimed = [m for m in modules if m["minutes"] is None]
    share = ASSUMED_MODULE_MINUTES
    if total is not None and untimed:
        share = max(total - known, 0) // len(untimed)
    return [m["minutes"] if m["minutes"] is not None else share for m in modules]


def _activity(index: int, activity: dict, fill) -> dict:
    pointer = f"/activities/{index}"
    activity["type"] = fill(f"{pointer}/type", activity["type"], f"what kind of activity “{activity['title']}” is: "
                            f"{', '.join(ACTIVITY_TYPES)}", "practical-exercise")
    activity["minutes"] = fill(f"{pointer}/minutes", activity["minutes"],
                               f"minutes of activity “{activity['title']}”; the sources do not say", 0)
    if "debrief" in activity:
        activity["debrief"]["minutes"] = fill(f"{pointer}/debrief/minutes", activity["debrief"]["minutes"],
                                              f"minutes of the debrief of “{activity['title']}”", 0)
    return activity


def _typed(pointer: str, entry: dict, fill, what: str, assumed: str) -> dict:
    name = entry.get("title") or entry.get("name")
    entry["type"] = fill(f"{pointer}/type", entry["type"], f"{what} (“{name[:60]}”)", assumed)
    return entry


def _course_id(file: str) -> str:
    """A course code from the first source's file name: ``HT roll call.pptx`` → ``HT-roll-call``."""
    stem = re.sub(r"[^A-Za-z0-9._:-]+", "-", PurePath(file).stem).strip("-._:")
    return stem[:100] or "imported-course"
