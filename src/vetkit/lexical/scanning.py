"""Scanning a course: judged lexicon hits, phrase-set presence, and must-not-contain constructions.

:func:`scan_course` runs a lexicon over every text field of a course (once per course and
lexicon), classifies each hit's context (:func:`~vetkit.lexical.context.classify`) and decides
its effect (:func:`~vetkit.lexical.decision.decide`). :func:`find_phrases` says which groups of a
phrase set occur and where; :func:`find_violations` judges each construction of a
must-not-contain set with the negation and myth guard. A course is scanned as one
:class:`vetkit.text.Corpus`: all text fields joined, indexed once and shared by every lexicon.
"""

from __future__ import annotations

import weakref
from fnmatch import fnmatchcase
from typing import Any, Iterable, Mapping, Sequence

from attrs import field, frozen

from ..numbers import find_phone_numbers, normalize_phone
from ..text import Corpus, PreparedText, word_window
from ..textindex import course_corpus
from .context import Context, answer_key_context, keyed_context, negation_cues
from .decision import decide
from .matcher import Hit
from .patterns import compile_pattern
from .phrases import PhraseGroup, PhraseSet
from .terms import Lexicon, Term, compiled_corrections


@frozen
class ScanHit:
    """A judged hit: where it is, the term, its context, the decision and why."""

    pointer: str
    field: str
    start: int
    end: int
    matched: str
    excerpt: str
    term: Term
    context: Context
    effect: str
    severity: str
    reason: str

    @property
    def term_id(self) -> str:
        """The lexicon row id, e.g. ``L01``."""
        return self.term.id

    @property
    def use_instead(self) -> str:
        """The preferred wording."""
        return self.term.use_instead

    def message(self) -> str:
        """One finding message: term, context, decision and why."""
        return (f"{term_title(self.term)}: “{' '.join(self.matched.split())}” — {self.context.explanation}; "
                f"{self.reason} → {self.effect} ({self.severity}).")


def term_title(term: Term) -> str:
    """How messages name a lexicon row: its plain name and id, ``child prostitute (L01)`` (or the id alone)."""
    return f"{term.label} ({term.id})" if term.label else term.id


_SCANS: "weakref.WeakKeyDictionary[Any, dict]" = weakref.WeakKeyDictionary()
def corpus_for(course: Any, texts: Iterable[Any] | None) -> Corpus:
    """The course's corpus when ``texts`` is None (or is exactly the course's texts), else a new one."""
    if texts is None:
        return course_corpus(course)
    chosen = tuple(texts)
    if course is not None and chosen == tuple(course.texts()):
        return course_corpus(course)
    return Corpus(chosen)


def _emphasised(raw: str, start: int, end: int) -> bool:
    before, after = raw[max(0, start - 2):start], raw[end:end + 2]
    return bool(before) and before[-1] in "*_" and after[:1] == before[-1]


def _judge(prep: PreparedText, hit: Hit, term: Term, *, pointer: str, field_name: str, offset: int = 0,
           item: Mapping | None = None, choice: Mapping | None = None,
           jargon_glossary_note: bool = False) -> ScanHit | None:
    """Classify and decide one hit of ``prep``; the result's offsets are made relative to ``offset``
    (the field's start in a joined corpus). None when the term's ``where`` rules the hit out."""
    raw = prep.text
    context = keyed_context(prep, hit.start, hit.end, field=field_name, item=item, choice=choice,
                            extra_markers=compiled_corrections(term.corrections), proper_names=not term.is_name)
    if term.where == "quoted-or-glossary" and not ({"quoted", "glossary"} & context.flags):
        return None
    if term.where == "quoted-or-near" and not (context.quoted or _emphasised(raw, hit.start, hit.end)):
        spec = next((spec for spec in term.patterns if spec.text == hit.pattern), None)
        near = spec.near if spec is not None and spec.near is not None else term.near
        s_start, s_end = prep.sentence_at(hit.start)
        if near and not any(compile_pattern(p).regex.search(raw, s_start, max(s_end, hit.end)) for p in near):
            return None
    decision = decide(term, context, jargon_glossary_note=jargon_glossary_note)
    return ScanHit(pointer, field_name, hit.start - offset, hit.end - offset, hit.matched,
                   _excerpt(prep, hit.start, hit.end), term, context, *decision)


def _excerpt(prep: PreparedText, start: int, end: int, limit: int = 240) -> str:
    s_start, s_end = prep.sentence_at(start)
    s_end = max(s_end, end)
    text = prep.text
    if s_end - s_start <= limit:
        return " ".join(text[s_start:s_end].split())
    half = (limit - (end - start)) // 2
    lo, hi = word_window(text, max(s_start, start - half), min(s_end, end + half), start, end)
    return ("…" if lo > s_start else "") + " ".join(text[lo:hi].split()) + ("…" if hi < s_end else "")


def _fields_match(patterns: Sequence[str], field_name: str) -> bool:
    if not patterns:
        return True
    return any(fnmatchcase(field_name, pattern) for pattern in patterns)


def scan_texts(texts: Iterable[Any] | None, lexicon: Lexicon, *, course: Any = None,
               jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of ``lexicon`` in ``texts`` (``TextField``-like: pointer, text, field); all the
    course's texts when ``texts`` is None.

    Give ``course`` so that assessment items can be looked up (a true-false prompt keyed
    False, an answer choice keyed incorrect) and prepared texts are shared with other scans.
    The lexicon's ``fields`` restriction is applied.
    """
    corpus = corpus_for(course, texts)
    results: list[ScanHit] = []
    for hit in lexicon.matcher.scan(corpus.prepared):
        index, _ = corpus.locate(hit.start)
        text = corpus.fields[index]
        if not _fields_match(lexicon.fields, text.field):
            continue
        item, choice = answer_key_context(course, text)
        judged = _judge(corpus.prepared, hit, lexicon.term(hit.term_id), pointer=text.pointer,
                        field_name=text.field, offset=corpus.starts[index], item=item, choice=choice,
                        jargon_glossary_note=jargon_glossary_note)
        if judged is not None:
            results.append(judged)
    return tuple(results)


def scan_course(course: Any, lexicon: Lexicon, *, jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of ``lexicon`` in every text field of ``course`` (limited to the lexicon's ``fields``).

    The result is cached per course, lexicon and option, so several rules share one scan.
    """
    key = (lexicon.name, id(lexicon), jargon_glossary_note)
    try:
        cache = _SCANS.setdefault(course, {})
    except TypeError:
        cache = {}
    cached = cache.get(key)
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    result = scan_texts(None, lexicon, course=course, jargon_glossary_note=jargon_glossary_note)
    cache[key] = (lexicon, result)
    return result


def scan_text(text: str, lexicon: Lexicon, *, field: str = "modules.text", pointer: str = "",
              item: Mapping[str, Any] | None = None, choice: Mapping[str, Any] | None = None,
              jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of ``lexicon`` in one text, as if it were the course field ``field``.

    ``item`` is the assessment item when ``field`` is ``assessments.items.prompt``; ``choice``
    the answer choice when it is ``assessments.items.choices.text``. The lexicon's ``fields``
    restriction is not applied.
    """
    prep = PreparedText(text)
    judged = (_judge(prep, hit, lexicon.term(hit.term_id), pointer=pointer, field_name=field, item=item,
                     choice=choice, jargon_glossary_note=jargon_glossary_note) for hit in lexicon.matcher.scan(prep))
    return tuple(hit for hit in judged if hit is not None)


@frozen
class PhraseMatch:
    """Where a group of a phrase set was found."""

    group: str
    pointer: str
    field: str
    start: int
    end: int
    matched: str
    excerpt: str
    pattern: str = ""


@frozen
class PhraseReport:
    """Which groups of a presence set were found, with every match and its pointer."""

    phrase_set: PhraseSet
    matches: tuple[PhraseMatch, ...] = field(converter=tuple)

    def found(self, group_id: str) -> tuple[PhraseMatch, ...]:
        """The matches of one group."""
        return tuple(match for match in self.matches if match.group == group_id)

    def group_found(self, group: PhraseGroup) -> bool:
        """Whether the group is satisfied (any pattern, or every pattern and phone with ``require: all``)."""
        matches = self.found(group.id)
        if group.require != "all":
            return bool(matches)
        seen = {match.pattern for match in matches}
        return all(spec.text in seen for spec in group.patterns) and \
            all(f"phone:{phone}" in seen for phone in group.phones)

    @property
    def found_groups(self) -> tuple[str, ...]:
        """Ids of the satisfied groups."""
        return tuple(group.id for group in self.phrase_set.groups if self.group_found(group))

    @property
    def missing_groups(self) -> tuple[str, ...]:
        """Ids of the groups not found."""
        return tuple(group.id for group in self.phrase_set.groups if not self.group_found(group))

    def missing_patterns(self, group_id: str) -> tuple[str, ...]:
        """For a ``require: all`` group, the patterns not found."""
        group = self.phrase_set.group(group_id)
        seen = {match.pattern for match in self.found(group_id)}
        return tuple(spec.text for spec in group.patterns if spec.text not in seen)

    def count(self, family: str | None = None) -> int:
        """How many groups (of one ``family``, if given) were found."""
        return sum(1 for group in self.phrase_set.groups
                   if (family is None or group.family == family) and self.group_found(group))

    def total(self, family: str | None = None) -> int:
        """How many groups (of one ``family``) the set has."""
        return sum(1 for group in self.phrase_set.groups if family is None or group.family == family)

    def satisfied(self, minimum: int | None = None) -> bool:
        """Presence sets: every group found; coverage sets: at least ``minimum`` groups (or the set's minimum)."""
        if self.phrase_set.kind == "coverage":
            return self.count() >= (minimum if minimum is not None else self.phrase_set.minimum or 1)
        if self.phrase_set.kind == "must-not-contain":
            return not self.matches
        return not self.missing_groups

    def label(self, group_id: str) -> str:
        """The group's label (or its id)."""
        group = self.phrase_set.group(group_id)
        return group.label or group.id


@frozen
class Violation:
    """A construction of a must-not-contain set found in a sentence, with its context and effect."""

    group: str
    pointer: str
    field: str
    start: int
    end: int
    matched: str
    excerpt: str
    context: Context
    effect: str  # needs-review | note
    label: str = ""

    def message(self, set_name: str = "") -> str:
        """One finding message naming the set (``arrest as rescue (N-ARREST)``), the construction and why it has
        its effect."""
        name = f"{set_name}, " if set_name else ""
        what = self.label or self.group
        if self.effect == "note":
            return f"{name}{what}: “{self.matched}” — {self.context.explanation}; listed without effect."
        return (f"{name}{what}: “{self.matched}” — {self.context.explanation}; a person must check that the "
                f"course does not teach this → needs-review.")



class _Text:
    __slots__ = ("pointer", "text", "field")

    def __init__(self, pointer: str, text: str, field_name: str):
        self.pointer, self.text, self.field = pointer, text, field_name


def _corpus(source: Any, texts: Iterable[Any] | None, phrase_set: PhraseSet) -> tuple[Any, Corpus]:
    course = source if hasattr(source, "texts") else None
    if texts is None and isinstance(source, str):
        texts = [_Text("", source, "text")]
    elif texts is None and course is None:
        texts = list(source)
    if phrase_set.fields:
        chosen = list(texts) if texts is not None else list(course.texts())
        texts = [t for t in chosen if _fields_match(phrase_set.fields, t.field)]
    return course, corpus_for(course, texts)


def find_phrases(source: Any, phrase_set: PhraseSet, *, texts: Iterable[Any] | None = None,
                 limit: int | None = 5) -> PhraseReport:
    """Where each group of ``phrase_set`` occurs in a course (or one string, or ``TextField``-likes).

    ``texts`` restricts the scan (see :func:`vetkit.text.select_texts`). A presence check needs only
    a few places, so each pattern reports at most ``limit`` matches (None: every match).
    """
    course, corpus = _corpus(source, texts, phrase_set)
    matches: list[PhraseMatch] = []
    prep = corpus.prepared
    for hit in phrase_set.matcher.scan(prep, limit=limit):
        index, start = corpus.locate(hit.start)
        text = corpus.fields[index]
        matches.append(PhraseMatch(hit.term_id, text.pointer, text.field, start, start + hit.end - hit.start,
                                   hit.matched, _excerpt(prep, hit.start, hit.end), hit.pattern))
    phones = {normalize_phone(p): group.id for group in phrase_set.groups for p in group.phones}
    if phones:
        for phone in find_phone_numbers(prep.text):
            group_id = phones.get(phone.digits)
            if group_id is not None:
                index, start = corpus.locate(phone.start)
                text = corpus.fields[index]
                matches.append(PhraseMatch(group_id, text.pointer, text.field, start, start + phone.end - phone.start,
                                           phone.raw, _excerpt(prep, phone.start, phone.end), f"phone:{phone.digits}"))
    return PhraseReport(phrase_set, matches)


def find_violations(source: Any, phrase_set: PhraseSet, *, texts: Iterable[Any] | None = None) -> tuple[Violation, ...]:
    """Constructions of a must-not-contain set, each judged with the negation and myth guard."""
    course, corpus = _corpus(source, texts, phrase_set)
    violations: list[Violation] = []
    prep = corpus.prepared
    raw = prep.text
    for hit in phrase_set.matcher.scan(prep):
        group = phrase_set.group(hit.term_id)
        index, _ = corpus.locate(hit.start)
        text, offset = corpus.fields[index], corpus.starts[index]
        s_start, s_end = prep.sentence_at(hit.start)
        start, end = hit.start, hit.end
        for near in group.near:
            match = compile_pattern(near).regex.search(raw, s_start, max(s_end, hit.end))
            if match is not None:
                start, end = min(start, match.start()), max(end, match.end())
        item, choice = answer_key_context(course, text)
        context = keyed_context(prep, start, end, field=text.field, item=item, choice=choice)
        effect = "note" if context.is_note else "needs-review"
        if effect == "needs-review":
            cue = negation_cues(raw, start, end)  # "... is never used as leverage"
            if cue is not None:
                effect = "note"
                context = Context("negated", cue.group(), f"negated: '{' '.join(cue.group().split())}' inside the "
                                  "construction", context.flags | {"negated"})
        violations.append(Violation(group.id, text.pointer, text.field, start - offset, end - offset,
                                    " ".join(raw[start:end].split()), _excerpt(prep, start, end), context, effect,
                                    group.label))
    return tuple(violations)

