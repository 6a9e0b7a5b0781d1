"""Parts of a criterion that many checks share: a topic taught, phrases present, coverage counted, harm absent.

A combined-mode criterion (§1.2) runs each part and returns the worst with
:func:`vetkit.combine` (``topic_part`` is in :mod:`vetkit.kit.topics`)::

    return combine(
        topic_part(ctx, "victim-centered", purpose="a victim-centered response"),
        presence_part(ctx, "P-VC", where=text_pointer(modules_teaching(ctx.course, "victim-centered"))),
        violation_part(ctx, "conditional-services", what="makes help conditional on cooperation",
                       severity=ctx.rule.severity, fix="Offer services regardless of cooperation."))

A must-not-contain construction found in the course's own voice fails only when the whole
construction sits inside one clause of its sentence; when its parts are spread over several
clauses, or the construction is quoted, cited or in the glossary, a person reviews it (§1.2: a
heuristic never fails on ambiguous text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from ..checking import CheckContext, Result
from ..course import Course
from ..lexical import PhraseReport, PhraseSet, Violation, find_violations
from ..text import clauses, prepared
from .course import field_text
from .lexicons import phrase_set, phrases, violations
from .results import Wording, findings_result
from .words import join_words


def set_id(chosen: PhraseSet) -> str:
    """How messages name a phrase set: its plain name and id, ``victim-centered wording (P-VC)``."""
    return chosen.title


@lru_cache(maxsize=16)
def without_group(chosen: PhraseSet, group_id: str) -> PhraseSet:
    """The other groups of a set as a coverage set of minimum 1 (e.g. P-VC's "unconditional" wording alone)."""
    return PhraseSet(chosen.name, "coverage", tuple(g for g in chosen.groups if g.id != group_id), chosen.id, 1,
                     label=chosen.label)


# --------------------------------------------------------------------------- phrases present, coverage counted

def found_notes(ctx: CheckContext, report: PhraseReport, groups: Iterable[str] | None = None) -> list:
    """One note per found group (every found group by default), at its first match: which wording matched,
    and where."""
    name = set_id(report.phrase_set)
    notes = []
    for group_id in report.found_groups if groups is None else groups:
        match = report.found(group_id)[0]
        notes.append(ctx.finding(
            match.pointer, f"{name}, {report.label(group_id)}: “{' '.join(match.matched.split())}” found in "
            f"{match.field}.", effect="note", evidence=match.excerpt, start=match.start, end=match.end,
            term=report.phrase_set.id or name))
    return notes


def presence_part(ctx: CheckContext, set_name: str, *, where: str, severity: str | None = None) -> Result:
    """Every group of a must-contain set found → pass (with notes); a missing group → needs-review (§1.2)."""
    report = phrases(ctx, set_name)
    name = set_id(report.phrase_set)
    notes = found_notes(ctx, report)
    found = join_words(report.label(g) for g in report.found_groups)
    if not report.missing_groups:
        return ctx.passed(f"{name} is present ({found}).", notes)
    missing = join_words(report.label(group_id) for group_id in report.missing_groups)
    finding = ctx.finding(
        where, f"{name}: no wording found for {missing}; the course may say it in other words, so a reviewer must "
        "check (a missing phrase set is never a failure on its own).", effect="needs-review", severity=severity,
        evidence=f"found: {found or 'nothing'}")
    return ctx.review(f"{name} not found in full: missing {missing}.", [finding, *notes], severity=severity)


def coverage_part(ctx: CheckContext, set_name: str, minimums: Mapping[str, int] | int, *, where: str,
                  parameter: str, severity: str | None = None) -> Result:
    """Count the groups of a coverage set found (per family when ``minimums`` is a mapping); any family at
    its minimum → pass, otherwise needs-review. The reason names every group found."""
    report = phrases(ctx, set_name)
    chosen = report.phrase_set
    name = set_id(chosen)
    notes = found_notes(ctx, report)
    if isinstance(minimums, Mapping):
        tallies = [(family, report.count(family), report.total(family), int(minimum))
                   for family, minimum in minimums.items()]
    else:
        tallies = [("", report.count(), report.total(), int(minimums))]

    def found_in(family: str) -> list[str]:
        return [report.label(group.id) for group in chosen.groups
                if (not family or group.family == family) and report.group_found(group)]

    described = "; ".join(f"{family + ' ' if family else ''}{count} of {total} (need {minimum})"
                          + (f": {', '.join(found_in(family))}" if count else "")
                          for family, count, total, minimum in tallies)
    if any(count >= minimum for _, count, _, minimum in tallies):
        return ctx.passed(f"{name} coverage meets {parameter} = {_threshold(minimums)}: {described}.", notes)
    missing = [report.label(group_id) for group_id in report.missing_groups]
    finding = ctx.finding(
        where, f"{name}: {described}; {parameter} = {_threshold(minimums)} is not reached. Not found: "
        f"{', '.join(missing)}. The course may use other words, so a reviewer must check.", effect="needs-review",
        severity=severity, evidence=described)
    return ctx.review(f"{name} coverage below {parameter} = {_threshold(minimums)}: {described}.",
                      [finding, *notes], severity=severity)


def _threshold(minimums: Mapping[str, int] | int) -> str:
    if isinstance(minimums, Mapping):
        return " or ".join(f"{minimum} {family}" for family, minimum in minimums.items())
    return str(minimums)


# --------------------------------------------------------------------------- harm absent

def _sentence(course: Course, violation: Violation) -> tuple[int, str]:
    """(start, text) of the whole sentence that holds the construction (the excerpt when the field text is
    unavailable)."""
    text = field_text(course, violation.pointer, violation.field)
    if not text or violation.end > len(text):
        return violation.start, violation.excerpt
    start, end = prepared(text).sentence_at(violation.start)
    start = min(start, violation.start)
    return start, " ".join(text[start:max(end, violation.end)].split())


def _holding_clause(sentence: str, chosen: PhraseSet, group: str) -> str | None:
    """The first clause of ``sentence`` that holds the whole construction of ``group`` on its own."""
    for clause in clauses(sentence):
        if any(v.group == group and v.effect == "needs-review" for v in find_violations(clause, chosen)):
            return clause
    return None


def violation_part(ctx: CheckContext, set_name: str, *, what: str, severity: str, fix: str,
                   excuse: Callable[[str, str], str | None] | None = None) -> Result:
    """Judge every construction of a must-not-contain set.

    - negated, myth-correcting, named or titled uses: note;
    - quoted, cited or glossary uses: needs-review at warning (§4.0);
    - own voice, the whole construction in one clause: fail at ``severity``, unless ``excuse(sentence,
      clause)`` gives a reason to doubt it; spread over several clauses: needs-review at ``severity``.
    """
    chosen = phrase_set(ctx, set_name)
    name = set_id(chosen)
    judged: dict[tuple, tuple[int, object]] = {}  # one finding per sentence and group: the worst
    for violation in violations(ctx, set_name):
        head = f"{name}, {violation.label or violation.group}: “{violation.matched}”"
        sentence_start, sentence = _sentence(ctx.course, violation)
        common = {"evidence": sentence, "start": violation.start, "end": violation.end, "term": chosen.id or name,
                  "suggestion": fix}
        kind = violation.context.kind
        if violation.effect == "note":
            rank, finding = 0, ctx.finding(
                violation.pointer, f"{head} — {violation.context.explanation}; a negated or corrected use teaches the "
                "opposite, so it is listed without effect → note.", effect="note", **common)
        elif kind != "own-voice":
            rank, finding = 1, ctx.finding(
                violation.pointer, f"{head} — {violation.context.explanation}; a {kind} use is reviewed, not "
                f"failed, in case the course only reports it or criticises it → needs-review (warning).",
                effect="needs-review", severity="warning", **common)
        else:
            clause = _holding_clause(sentence, chosen, violation.group)
            if clause is None:
                doubt = "its parts sit in different clauses of the sentence, so they may not belong together"
            else:
                doubt = excuse(sentence, clause) if excuse else None
            if doubt:
                rank, finding = 1, ctx.finding(
                    violation.pointer, f"{head} — {violation.context.explanation}, but {doubt} → needs-review "
                    f"({severity}).", effect="needs-review", severity=severity, **common)
            else:
                rank, finding = 2, ctx.finding(
                    violation.pointer, f"{head} — {violation.context.explanation}; the whole construction sits in "
                    f"one clause, so the course {what} in its own voice → fail ({severity}).", severity=severity,
                    **common)
        key = (violation.pointer, violation.group, sentence_start)
        if key not in judged or rank > judged[key][0]:
            judged[key] = (rank, finding)
    return findings_result(ctx, [finding for _, finding in judged.values()], Wording(
        failed=f"{{count}} {name} construction(s) in the course's own voice, first {{first}}{{noted}}.",
        review=f"{{count}} {name} construction(s) need a reviewer's judgement{{noted}}.",
        passed=f"No {name} construction in the course's own voice{{noted}}.",
        noted="; {count} negated or corrected use(s) noted"))
