"""Judging a myth phrase: taught as fact, corrected, quoted, or unclear (guidelines §4.0, §4.3, D5).

The scanner finds myth detectors (:func:`vetkit.kit.scan`) and classifies the context of each hit
(:func:`vetkit.lexical.classify`). Rules about myths (the accuracy rules AC-02, AC-07, AC-08, AC-09
and the answer-key rule LO-05) read that context more strictly than the generic table of §4.0,
because a myth stated in the course's own voice is the failure they look for:

- corrected, negated, named or titled uses are notes;
- quoted, cited or glossary uses go to a reviewer (warning);
- a myth declared in ``statistics[].claim`` fails (a structured claim is unambiguous, §1.2);
- a myth in the course's own voice fails, unless something close by suggests the course may be
  correcting it (a negation elsewhere in the sentence, a myth marker in the paragraph or the
  heading above, or a stance the concept detectors read as refuted, negated, quoted or named, as
  in "Many recruits believe ... In most cases ..."): then a reviewer decides (D5).

Two rules of §4.0 and §2.5 are added on top of the scanner's context:

- inside a module that teaches ``myths``, a hit counts as corrected only when the marker is in the same
  sentence or list item (a Myth/Fact table row or column counts as the item); a marker elsewhere
  in the paragraph only sends it to a reviewer;
- in assessment items, the answer key decides: a myth in a choice keyed ``correct: true`` fails
  (a reviewer decides when the prompt may ask for the myth), a myth in a distractor is a note, and
  every field of a true-false item keyed False is part of the correction.

:func:`judge` returns the hit with the effect, severity and reason it gets; :func:`vetkit.kit.hit_finding`
with ``label="Fact"`` turns it into a finding that names the detector, the matched words, the context,
why it has its effect and the fact to teach instead. The correction markers are data
(``vetkit/data/framing.yaml``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from attrs import evolve

from ..concepts.stance import stance_at
from ..lexical import NOTE_KINDS, ScanHit, classify, negation_cues, true_false_key
from ..tables import read_table
from ..text import prepared
from .course import field_text
from .lexicons import pattern
from .topics import teaches

REVIEW_KINDS = frozenset({"quoted", "citation", "glossary"})
_ITEM = re.compile(r"^(/assessments/\d+/items/\d+)(?:/choices/(\d+))?/")
_MODULE = re.compile(r"^(/modules/\d+)/")


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[re.Pattern, ...]]:
    raw = read_table("vetkit", "framing")
    return {key: tuple(pattern(source) for source in raw[key]) for key in ("correction_markers", "heading_markers")}


#: Texts at least this long have their markers found once (:func:`_marker_starts`) rather than searched
#: for again in the window of every hit.
_INDEXED = 8 * 1_000


def find_marker(text: str, start: int = 0, end: int | None = None, *, kind: str = "correction_markers") -> str | None:
    """The first correction marker (``data/framing.yaml``) in ``text[start:end]``, or None.

    In a long text, markers are looked up among the places where they occur in the whole text, so a
    myth stated thousands of times is judged in time proportional to its hits, not to the hits times
    the window each one reads.
    """
    end = len(text) if end is None else end
    regexes = _cues()[kind]
    if len(text) < _INDEXED:
        found = [match for regex in regexes if (match := regex.search(text, start, end))]
    else:
        found = [match for regex, starts in zip(regexes, _marker_starts(text, kind))
                 if (match := _first_at(regex, text, starts, start, end))]
    return min(found, key=lambda match: match.start()).group() if found else None


@lru_cache(maxsize=8)  # the texts in use: a check goes through a course text by text
def _marker_starts(text: str, kind: str) -> tuple[list[int], ...]:
    """For each marker of ``kind``, every position of ``text`` where it matches, in order."""
    every = []
    for regex in _cues()[kind]:
        starts, match = [], regex.search(text)
        while match:
            starts.append(match.start())
            match = regex.search(text, match.start() + 1)
        every.append(starts)
    return tuple(every)


def _first_at(regex: re.Pattern, text: str, starts: list[int], start: int, end: int) -> re.Match | None:
    """The first match of ``regex`` within ``text[start:end]`` among the positions ``starts``."""
    for index in range(bisect.bisect_left(starts, start), len(starts)):
        if starts[index] >= end:
            return None
        match = regex.match(text, starts[index], end)
        if match:
            return match
    return None


def _in_myth_unit(text: str, start: int, end: int, field: str) -> bool:
    """Whether a correction marker frames the hit within its own sentence or list item (or table)."""
    prep = prepared(text)
    block = prep.layout_at(start).block_at(start)
    if block is not None and block.kind == "table":
        return True  # a Myth/Fact table row: its column or row says which cell is the myth
    low, high = (block.start, block.end) if block is not None and block.kind == "item" else prep.sentence_at(start)
    high = max(high, end)
    return classify(text[low:high], start - low, end - low, field=field).is_note


def _negation(text: str, start: int, end: int, skip: Sequence[tuple[int, int]]) -> re.Match | None:
    """The first negation cue in ``text[start:end]`` outside the ``skip`` spans."""
    while start < end:
        cue = negation_cues(text, start, end)
        if cue is None or not any(low <= cue.start() < high for low, high in skip):
            return cue
        start = cue.end()
    return None


#: Characters on each side of a hit that its sentence and passage are read over: a longer sentence or
#: paragraph is read that far only, so that the work per hit stays bounded however long the text.
_REACH = 1_000


def doubt(text: str | None, start: int, end: int, *, skip: Sequence[tuple[int, int]] = ()) -> str | None:
    """Why an own-voice myth phrase may be a correction after all, or None when nothing suggests it.

    ``skip`` lists spans (other hits of the same detector) whose negations belong to the myth itself,
    as in "if she agreed, it is not trafficking".
    """
    if text is None or text[start:end].strip() == "":
        return None
    prep = prepared(text)
    low, high = start - _REACH, end + _REACH
    s_start, s_end = prep.sentence_at(start)
    s_start, s_end = max(s_start, low), min(max(s_end, end), high)
    cue = _negation(text, s_start, start, skip) or _negation(text, end, s_end, skip)
    if cue:
        return f"the sentence also says '{' '.join(cue.group().split())}'"
    p_start, p_end = prep.paragraph_at(start)
    marker = find_marker(text, max(min(p_start, s_start), low), min(max(p_end, s_end), high))
    if marker:
        return f"the passage around it says '{marker}'"
    heading = prep.layout_at(start).heading_before(start)
    if heading and find_marker(heading, kind="heading_markers"):
        return f"it sits under the heading '{heading}'"
    return None


def _verdict(hit: ScanHit, effect: str, severity: str, why: str, explanation: str) -> ScanHit:
    """The hit with the effect a myth rule gives it, the reason, and the context in words."""
    context = hit.context if explanation == hit.context.explanation else evolve(hit.context, explanation=explanation)
    return evolve(hit, effect=effect, severity=severity, reason=why, context=context)


def judge(course: Any, hit: ScanHit, *, siblings: Sequence[ScanHit] = ()) -> ScanHit:
    """The effect of a myth detector hit (see the module docstring for the reading).

    ``siblings`` are other hits of the course; those of the same detector in the same field are
    part of the myth, so a negation inside them casts no doubt.
    """
    context, severity = hit.context, hit.term.severity
    explanation = context.explanation
    text = field_text(course, hit.pointer, hit.field)
    if text is not None and text[hit.start:hit.end] != hit.matched:
        text = None  # offsets do not line up: judge on the scanner's context alone

    item_match = _ITEM.match(hit.pointer)
    if item_match:
        item = course.get(item_match.group(1)) or {}
        key = true_false_key(item)
        choice = course.get(f"{item_match.group(1)}/choices/{item_match.group(2)}") if item_match.group(2) else None
        if hit.field == "assessments.items.choices.text" and choice is not None:
            if choice.get("correct") is False:
                return _verdict(hit, "note", "info", "a distractor (keyed incorrect) may state a myth",
                                "answer choice keyed correct: false")
            if choice.get("correct") is True and context.kind not in NOTE_KINDS:
                marker = find_marker(str(item.get("prompt") or ""))
                if marker:
                    return _verdict(hit, "needs-review", severity, f"the prompt says '{marker}', so it may ask "
                                    "learners to pick the myth; a person must check the key",
                                    "answer choice keyed correct: true")
                return _verdict(hit, "fail", severity, "the answer key teaches the myth as the right answer",
                                "answer choice keyed correct: true")
        if hit.field == "assessments.items.prompt" and key is False:
            return _verdict(hit, "note", "info", "a true-false statement keyed False corrects the myth",
                            "true-false prompt whose keyed answer is False")
        if key is False and hit.field != "assessments.items.prompt":
            return _verdict(hit, "note", "info", "the item is a true-false statement keyed False, so its answer, "
                            "rationale and feedback are part of the correction", explanation)
        if hit.field == "assessments.items.prompt" and key is True and context.kind not in NOTE_KINDS | REVIEW_KINDS:
            return _verdict(hit, "fail", severity, "a true-false statement keyed True teaches the myth as fact",
                            "true-false prompt whose keyed answer is True")

    kind = context.kind
    module_match = _MODULE.match(hit.pointer)
    if kind == "myth-correction" and module_match and text is not None:
        if teaches(course, module_match.group(1), "myths") and not _in_myth_unit(text, hit.start, hit.end, hit.field):
            return _verdict(hit, "needs-review", severity, "inside a module about myths only a marker in the same "
                            "sentence or list item counts as a correction; the marker is further away, so a "
                            "person must check", explanation)

    if kind in NOTE_KINDS:
        return _verdict(hit, "note", "info", "a corrected, negated or named use is listed without effect", explanation)
    if kind in REVIEW_KINDS:
        return _verdict(hit, "needs-review", "warning", f"a {kind} use is not the course's own claim; a person must "
                        "check how it is framed", explanation)
    if kind == "structured-claim":
        return _verdict(hit, "fail", severity, "a claim declared in statistics[] is the course's own, unambiguous "
                        "statement", explanation)
    if item_match and hit.field == "assessments.items.prompt" and item.get("type") == "true-false":
        return _verdict(hit, "needs-review", severity, "the true-false item gives no key, so it is unclear whether "
                        "the statement is taught as true", explanation)
    skip = [(other.start, other.end) for other in siblings
            if other.pointer == hit.pointer and other.term_id == hit.term_id and other is not hit]
    reason = doubt(text, hit.start, hit.end, skip=skip)
    if reason:
        return _verdict(hit, "needs-review", severity, f"stated in the course's own voice, but {reason}; a person "
                        "must check whether it is corrected", explanation)
    reading = stance_at(course, hit.pointer, hit.start) if text is not None else None
    if reading is not None and reading.stance != "asserted":
        return _verdict(hit, "needs-review", severity, f"stated in the course's own voice, but the stance detector "
                        f"reads the passage as {reading.stance} ({reading.stance_reason}), as when the next sentence "
                        "corrects it; a person must check whether it is corrected", explanation)
    return _verdict(hit, "fail", severity, "the myth is stated as fact in the course's own voice", explanation)


def judge_all(course: Any, hits: Iterable[ScanHit], *, terms: Iterable[str] | None = None) -> list[ScanHit]:
    """Every hit judged (only those of the given term ids, when ``terms`` is given).

    Each hit is given as siblings only the hits of its detector and text that lie within the reach
    of its judgement (:func:`doubt` reads no further), found by bisection: a myth stated thousands
    of times in one text is judged in time proportional to the number of hits, not its square.
    """
    wanted = set(terms) if terms is not None else None
    chosen = [hit for hit in hits if wanted is None or hit.term_id in wanted]
    groups: dict[tuple[str, str], list[ScanHit]] = {}
    for hit in chosen:
        groups.setdefault((hit.pointer, hit.term_id), []).append(hit)
    nearby: dict[int, list[ScanHit]] = {}
    for group in groups.values():
        group.sort(key=lambda hit: hit.start)
        starts = [hit.start for hit in group]
        longest = max(hit.end - hit.start for hit in group)
        for hit in group:
            low = bisect.bisect_left(starts, hit.start - _REACH - longest)
            nearby[id(hit)] = group[low:bisect.bisect_left(starts, hit.end + _REACH)]
    return [judge(course, hit, siblings=nearby[id(hit)]) for hit in chosen]


