"""What a course teaches, read from its text; declared tags are claims the text must back.

Every criterion that looks for a topic, typology or population asks here, never the declared tags
alone::

    teaching = modules_teaching(course, "labor-trafficking")   # modules whose text teaches it
    taught_tags(course, "typologies")                          # every typology the text teaches
    shown_tags(course, "populations")                          # taught, or named plainly in an example
    claim_findings(ctx, "labor-trafficking", covered=bool(teaching))
        # a module tagged labor-trafficking with no sentence teaching it; a module teaching it untagged;
        # a misspelled tag that was probably meant (did you mean `labor-trafficking`?)

A course without any tags is judged on its text alone. A criterion with its own evidence that a module
teaches the subject (the matches of its phrase set) passes those modules as ``shown_in``::

    report = phrases(ctx, "P-CTRL")
    shown = modules_showing(ctx.course, report, min_groups=4)  # modules naming four means of control themselves
    topic_part(ctx, "control-methods", purpose="the means of control", shown_in=shown)
"""

from __future__ import annotations

from typing import Any, Collection, Mapping

from ..checking import CheckContext, Result
from ..course import Course
from ..lexical import PhraseReport
from ..report import Finding
from ..schema_errors import close_match
from ..textindex import text_index
from ..topics import topic_evidence

#: The field of a module that declares each vocabulary (activities declare topics in ``tags``).
_FIELDS = {"topics": "topics", "populations": "populations", "typologies": "typologies"}


def modules_teaching(course: Course, tag: str, vocabulary: str = "topics", *,
                     shown_in: Collection[str] = ()) -> list[tuple[str, Mapping[str, Any]]]:
    """(pointer, module) of the modules whose text teaches ``tag`` (declared or not), or that are ``shown_in`` by
    the criterion's own evidence."""
    return [(unit.pointer, course.get(unit.pointer)) for unit in topic_evidence(course).modules()
            if unit.pointer in shown_in or unit.teaches(tag, vocabulary)]


def modules_showing(course: Course, report: PhraseReport, min_groups: int = 1) -> frozenset[str]:
    """The pointers of the modules whose own text (with their activities, materials and assessments) holds
    matches of at least ``min_groups`` groups of ``report``: the criterion's own evidence that they teach it."""
    index = text_index(course)
    groups: dict[str, set[str]] = {}
    for match in report.matches:
        if (module := index.module_of(match.pointer)) is not None:
            groups.setdefault(module, set()).add(match.group)
    return frozenset(module for module, found in groups.items() if len(found) >= max(1, min_groups))


def activities_teaching(course: Course, tag: str) -> list[tuple[str, Mapping[str, Any]]]:
    """(pointer, activity) of the activities whose own text teaches the topic ``tag``."""
    return [(unit.pointer, course.get(unit.pointer)) for unit in topic_evidence(course).activities()
            if unit.teaches(tag)]


def taught_tags(course: Course, vocabulary: str = "topics") -> list[str]:
    """Every tag of one vocabulary some module's text teaches, in order of first appearance."""
    return topic_evidence(course).course_tags(vocabulary)


def shown_tags(course: Course, vocabulary: str = "topics") -> list[str]:
    """Every tag of one vocabulary the course shows: taught by a module, or named plainly (a strong cue) in a
    sentence of the modules (for criteria on the range of people, settings and traffickers a course shows)."""
    return topic_evidence(course).shown_tags(vocabulary)


def teaches(course: Course, pointer: str, tag: str, vocabulary: str = "topics") -> bool:
    """Whether the module or activity at ``pointer`` teaches ``tag``."""
    unit = topic_evidence(course).unit(pointer)
    return unit is not None and unit.teaches(tag, vocabulary)


def _label(tag: str) -> str:
    return tag.replace("-", " ")


def claim_findings(ctx: CheckContext, tag: str, vocabulary: str = "topics", *, covered: bool,
                   severity: str | None = None, shown_in: Collection[str] = ()) -> list[Finding]:
    """Findings on the declarations of ``tag``:

    - a module that declares the tag but whose text does not teach it: a failure when nothing else
      teaches the tag (``covered`` false), a note otherwise; an activity that does: a note (its tags
      count only through its module);
    - a module whose text teaches the tag without declaring it: a note suggesting the tag;
    - a declared tag that is not a known tag and is probably ``tag`` misspelled: said, with the
      suggestion (the module is judged on its text either way).

    Modules ``shown_in`` by the criterion's own evidence teach the tag.
    """
    course = ctx.course
    known = sorted(getattr(ctx.vocabulary, vocabulary, ()) or ())
    findings = []
    for unit in topic_evidence(course).units:
        if unit.kind == "activity" and vocabulary != "topics":
            continue
        value = course.get(unit.pointer)
        field = _FIELDS[vocabulary] if unit.kind == "module" else "tags"
        declared = list(value.get(field, ()))
        evidence = unit.evidence.get((vocabulary, tag))
        name = f"{unit.kind.capitalize()} {value.get('id')} “{value.get('title', '')}”"
        teaching = unit.pointer in shown_in or unit.teaches(tag, vocabulary)
        if tag in declared and not teaching:
            if evidence is not None and evidence.sentences:
                said = (f"{name} is tagged `{tag}`, but its text says too little about {_label(tag)} to count as "
                        f"teaching it (confidence {evidence.confidence:.0%}); its closest wording is "
                        f"“{evidence.sentences[0].text}”")
            else:
                said = f"{name} is tagged `{tag}`, but no sentence in it teaches {_label(tag)}"
            findings.append(ctx.finding(
                f"{unit.pointer}/{field}/{declared.index(tag)}", f"{said}.",
                effect="note" if covered or unit.kind == "activity" else "fail", severity=severity,
                evidence=tag,
                suggestion=f"Teach {_label(tag)} in this {unit.kind}, or remove the `{tag}` tag: a tag is a claim "
                           "the text must back."))
        elif unit.kind == "module" and tag not in declared and teaching and evidence is not None \
                and evidence.sentences:
            findings.append(ctx.finding(
                evidence.sentences[0].pointer, f"{name} teaches {_label(tag)} without declaring it "
                f"(confidence {evidence.confidence:.0%}).", effect="note", evidence=evidence.sentences[0].text,
                suggestion=f"Add `{tag}` to the module's {field}."))
        for index, written in enumerate(declared):
            if written not in known and ":" not in written and close_match(written, known) == tag:
                findings.append(ctx.finding(
                    f"{unit.pointer}/{field}/{index}", f"{name} declares `{written}`, which is not a known tag (did "
                    f"you mean `{tag}`?); the {unit.kind} is judged on its text instead.", effect="note",
                    evidence=written, suggestion=f"Write the tag as `{tag}`."))
    return findings


def claims_for(ctx: CheckContext, tags: list[str], vocabulary: str = "topics", *,
               severity: str | None = None, covered: Collection[str] | None = None) -> list[Finding]:
    """:func:`claim_findings` for several tags, each covered when some module teaches it (or when it is in
    ``covered``, the tags the criterion counts)."""
    taught = set(taught_tags(ctx.course, vocabulary) if covered is None else covered)
    return [finding for tag in dict.fromkeys(tags)
            for finding in claim_findings(ctx, tag, vocabulary, covered=tag in taught, severity=severity)]


def topic_part(ctx: CheckContext, tag: str, *, purpose: str, severity: str | None = None,
               shown_in: Collection[str] = ()) -> Result:
    """Pass when some module's text teaches ``tag`` or the module is ``shown_in`` by the criterion's own evidence
    (declared tags checked, missing ones suggested); otherwise fail, at the modules that claim the tag without
    teaching it, or at ``/modules``."""
    teaching = modules_teaching(ctx.course, tag, shown_in=shown_in)
    findings = claim_findings(ctx, tag, covered=bool(teaching), severity=severity, shown_in=shown_in)
    if teaching:
        ids = ", ".join(str(module.get("id")) for _, module in teaching)
        return ctx.passed(f"{len(teaching)} module(s) teach {purpose} ({ids}).", findings)
    claimed = [finding for finding in findings if finding.effect == "fail"]
    if not claimed:
        findings.insert(0, ctx.finding(
            "/modules", f"No module teaches {purpose}: no module's text shows it.", severity=severity,
            evidence=", ".join(str(module.get("title", "")) for _, module in ctx.course.entries("modules")),
            suggestion=f"Teach {purpose} in a module (and tag it `{tag}`)."))
    return ctx.failed(f"No module teaches {purpose}" + (f" ({len(claimed)} module(s) tagged `{tag}` say nothing about "
                                                        "it)." if claimed else "."), findings, severity=severity)

