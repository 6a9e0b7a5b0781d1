"""Phrase sets: presence and absence checks over course text (guidelines §4.6).

A phrase set is data (YAML) made of *groups*; each group is a list of patterns in the
lexicon pattern syntax (:mod:`vetkit.lexicon`). The set's ``kind`` says how groups combine:

``every-group`` / ``must-contain``
    every group must be found (P-DEF, P-VC, P-LANG, P-MINOR, P-HOT). A group with
    ``require: all`` needs every one of its patterns (P-DEF: force, fraud *and* coercion).
``coverage``
    count the groups found (P-TI, P-BEH, P-CTRL, P-IND); the threshold comes from the rule's
    parameters or the set's ``minimum``. Groups may carry a ``family`` (P-TI: the 4 Rs and
    SAMHSA's six principles are counted separately).
``must-not-contain``
    each group describes a construction that must not appear (N-COND, N-ARREST, N-LEVER,
    N-INTERP): its pattern plus every ``near`` pattern in the same sentence. A hit whose
    sentence negates it ("never ask the companion to interpret") or corrects a myth is a
    note; otherwise it needs review.

A group may also list ``phones`` (normalized digits, guidelines §7): a phone number in the
text that normalizes to one of them counts as a match (P-HOT).

File format::

    id: P-VC
    kind: must-contain
    description: ...
    groups:
      - id: victim-centered
        label: the term "victim-centered"
        patterns: ["victim-centered", "victim-centred"]
      - id: unconditional
        label: support that does not depend on cooperation
        patterns: ["regardless of {whether|cooperation}", "not {conditioned|contingent} on"]
        near: []                 # optional: patterns that must share the sentence
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Iterable, Mapping

from attrs import define, field, frozen

from .errors import Problem
from .lexicon import (SCOPES, LexiconError, MatchRule, PatternError, PatternSpec, _excerpt, _matcher, _problem,
                      _strings, answer_key_context, compile_pattern, corpus_for, keyed_context, read_source)
from .numbers import find_phone_numbers, normalize_phone
from .text import Context, Corpus, negation_cues

__all__ = ["KINDS", "PhraseGroup", "PhraseMatch", "PhraseReport", "PhraseSet", "Violation", "find_phrases",
           "find_violations", "load_phrase_set", "merge_phrase_sets"]

KINDS = ("every-group", "must-contain", "coverage", "must-not-contain")
_GROUP_KEYS = {"id", "label", "patterns", "require", "near", "near_scope", "phones", "family", "case_sensitive",
               "inflect"}
_SET_KEYS = {"id", "name", "kind", "description", "minimum", "sources", "groups", "fields"}


@frozen
class PhraseGroup:
    """One group of a phrase set: alternative patterns (or all of them, with ``require: all``)."""

    id: str
    patterns: tuple[PatternSpec, ...]
    label: str = ""
    require: str = "any"  # any | all
    near: tuple[str, ...] = ()
    near_scope: str = "sentence"
    phones: tuple[str, ...] = ()
    family: str = ""
    case_sensitive: bool = False
    inflect: bool = True

    def match_rules(self) -> tuple[MatchRule, ...]:
        """Matcher rules of the group (one per pattern)."""
        return tuple(MatchRule(
            key=self.id, pattern=spec.text,
            case_sensitive=self.case_sensitive if spec.case_sensitive is None else spec.case_sensitive,
            inflect=self.inflect if spec.inflect is None else spec.inflect,
            near=self.near if spec.near is None else spec.near, near_scope=self.near_scope)
            for spec in self.patterns)


@define(frozen=True, slots=False)
class PhraseSet:
    """A named phrase set (P-… or N-…), compiled on first use into one matcher."""

    name: str
    kind: str
    groups: tuple[PhraseGroup, ...] = field(converter=tuple)
    id: str = ""
    minimum: int | None = None
    description: str = ""
    sources: tuple[str, ...] = field(default=(), converter=tuple)
    fields: tuple[str, ...] = field(default=(), converter=tuple)

    def group(self, group_id: str) -> PhraseGroup:
        """The group with this id."""
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(f"phrase set {self.name!r} has no group {group_id!r}")

    def families(self) -> tuple[str, ...]:
        """The distinct group families, in order."""
        return tuple(dict.fromkeys(group.family for group in self.groups if group.family))

    @cached_property
    def matcher(self):
        """One matcher for every pattern of every group (overlapping matches are all kept)."""
        return _matcher(tuple(rule for group in self.groups for rule in group.match_rules()), False)


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

    def message(self, set_id: str = "") -> str:
        """One finding message naming the set, the construction and why it has its effect."""
        name = f"{set_id} " if set_id else ""
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
        from fnmatch import fnmatchcase

        chosen = list(texts) if texts is not None else list(course.texts())
        texts = [t for t in chosen if any(fnmatchcase(t.field, p) for p in phrase_set.fields)]
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


# --------------------------------------------------------------------------- loading

def _group(raw: Any, src, pointer: str, problems: list[Problem]) -> PhraseGroup | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        problems.append(_problem(src, pointer, "a phrase group must be a mapping with an `id`"))
        return None
    group_id = raw["id"]
    unknown = sorted(set(raw) - _GROUP_KEYS)
    if unknown:
        problems.append(_problem(src, f"{pointer}/{unknown[0]}", f"group {group_id}: unknown key(s) {unknown}",
                                 f"known keys: {', '.join(sorted(_GROUP_KEYS))}"))
        return None
    patterns = _strings(raw.get("patterns")) if not isinstance(raw.get("patterns"), list) else raw["patterns"]
    phones = _strings(raw.get("phones"))
    if not patterns and not phones:
        problems.append(_problem(src, f"{pointer}/patterns", f"group {group_id}: give `patterns` or `phones`"))
        return None
    if raw.get("require", "any") not in ("any", "all"):
        problems.append(_problem(src, f"{pointer}/require", f"group {group_id}: require must be `any` or `all`"))
    if raw.get("near_scope", "sentence") not in SCOPES:
        problems.append(_problem(src, f"{pointer}/near_scope", f"group {group_id}: near_scope must be one of {SCOPES}"))
    specs = []
    for index, item in enumerate(patterns):
        spec = PatternSpec(item) if isinstance(item, str) else \
            PatternSpec(item.get("pattern", ""), item.get("case_sensitive"), item.get("inflect"),
                        _strings(item["near"]) if "near" in item else None) if isinstance(item, Mapping) else None
        if spec is None or not spec.text:
            problems.append(_problem(src, f"{pointer}/patterns/{index}", f"group {group_id}: a pattern must be a "
                                                                          "string or a mapping with `pattern`"))
            continue
        for source_text in (spec.text, *(spec.near or ())):
            try:
                compile_pattern(source_text)
            except PatternError as err:
                problems.append(_problem(src, f"{pointer}/patterns/{index}",
                                         f"group {group_id}: pattern {source_text!r}: {err}"))
        specs.append(spec)
    for index, near in enumerate(_strings(raw.get("near"))):
        try:
            compile_pattern(near)
        except PatternError as err:
            problems.append(_problem(src, f"{pointer}/near/{index}", f"group {group_id}: near {near!r}: {err}"))
    return PhraseGroup(id=group_id, patterns=tuple(specs), label=str(raw.get("label") or ""),
                       require=raw.get("require", "any"), near=_strings(raw.get("near")),
                       near_scope=raw.get("near_scope", "sentence"), phones=tuple(normalize_phone(p) for p in phones),
                       family=str(raw.get("family") or ""), case_sensitive=raw.get("case_sensitive") is True,
                       inflect=raw.get("inflect", True) is not False)


def load_phrase_set(source: Any, name: str | None = None) -> PhraseSet:
    """A :class:`PhraseSet` from a YAML file (path or resource) or a mapping; raises :class:`LexiconError`."""
    src = read_source(source, "phrase set")
    data = src.data
    if not isinstance(data, Mapping) or not isinstance(data.get("groups"), list):
        raise LexiconError(f"{src.name}: not a phrase set", [_problem(src, "", "a phrase set needs `kind` and a list "
                                                                                "of `groups`")])
    problems: list[Problem] = []
    unknown = sorted(set(data) - _SET_KEYS)
    if unknown:
        problems.append(_problem(src, f"/{unknown[0]}", f"unknown key(s) {unknown}", f"known keys: {sorted(_SET_KEYS)}"))
    kind = data.get("kind")
    if kind not in KINDS:
        problems.append(_problem(src, "/kind", f"kind must be one of {KINDS}"))
    minimum = data.get("minimum")
    if minimum is not None and (not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0):
        problems.append(_problem(src, "/minimum", "minimum must be a whole number"))
    groups: dict[str, PhraseGroup] = {}
    for index, raw in enumerate(data["groups"]):
        group = _group(raw, src, f"/groups/{index}", problems)
        if group is not None:
            if group.id in groups:
                problems.append(_problem(src, f"/groups/{index}/id", f"group {group.id} appears twice in this file"))
            groups[group.id] = group
    if problems:
        raise LexiconError(f"{src.name}: invalid phrase set", problems)
    set_id = str(data.get("id") or data.get("name") or name or "")
    return PhraseSet(name or str(data.get("name") or set_id), kind, tuple(groups.values()), set_id, minimum,
                     str(data.get("description") or ""), _strings(data.get("sources")), _strings(data.get("fields")))


def merge_phrase_sets(parts: list[PhraseSet]) -> PhraseSet:
    """One phrase set from several sources of the same name: groups by id, a later group replaces an earlier one."""
    first = parts[0]
    kinds = {part.kind for part in parts}
    if len(kinds) > 1:
        raise LexiconError(f"{first.name}: conflicting kinds", [Problem(
            f"the sources registered as {first.name!r} disagree on the kind: {sorted(kinds)}", code="lexicon")])
    groups: dict[str, PhraseGroup] = {}
    for part in parts:
        for group in part.groups:
            groups[group.id] = group
    minimum = next((part.minimum for part in reversed(parts) if part.minimum is not None), None)
    return PhraseSet(first.name, first.kind, tuple(groups.values()), first.id, minimum,
                     next((p.description for p in parts if p.description), ""),
                     tuple(dict.fromkeys(s for p in parts for s in p.sources)),
                     next((p.fields for p in reversed(parts) if p.fields), ()))
