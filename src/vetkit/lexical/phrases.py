"""Phrase sets: presence and absence checks over course text (guidelines §4.6).

A phrase set is data (YAML) made of *groups*; each group is a list of patterns in the
lexicon pattern syntax (:mod:`vetkit.lexical`). The set's ``kind`` says how groups combine:

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
    label: victim-centered wording      # the plain name messages show: "victim-centered wording (P-VC)"
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
from typing import Any, Mapping

from attrs import define, field, frozen

from ..errors import Problem
from ..numbers import normalize_phone
from .matcher import MatchRule, matcher_for
from .patterns import PatternError, compile_pattern
from .sources import SCOPES, LexiconError, problem, read_source, strings
from .terms import PatternSpec

KINDS = ("every-group", "must-contain", "coverage", "must-not-contain")
_GROUP_KEYS = {"id", "label", "patterns", "require", "near", "near_scope", "phones", "family", "case_sensitive",
               "inflect"}
_SET_KEYS = {"id", "name", "label", "kind", "description", "minimum", "sources", "groups", "fields"}


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
    label: str = ""

    @property
    def title(self) -> str:
        """The set for a message: its plain name and id, ``victim-centered wording (P-VC)`` (or the id alone)."""
        return f"{self.label} ({self.id})" if self.label and self.id else (self.label or self.id or self.name)

    def group(self, group_id: str) -> PhraseGroup:
        """The group with this id."""
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(f"phrase set {self.name!r} has no group {group_id!r}")

    @cached_property
    def matcher(self):
        """One matcher for every pattern of every group (overlapping matches are all kept)."""
        return matcher_for(tuple(rule for group in self.groups for rule in group.match_rules()), False)


# --------------------------------------------------------------------------- loading

def _group(raw: Any, src, pointer: str, problems: list[Problem]) -> PhraseGroup | None:
    if not isinstance(raw, Mapping) or not isinstance(raw.get("id"), str):
        problems.append(problem(src, pointer, "a phrase group must be a mapping with an `id`"))
        return None
    group_id = raw["id"]
    unknown = sorted(set(raw) - _GROUP_KEYS)
    if unknown:
        problems.append(problem(src, f"{pointer}/{unknown[0]}", f"group {group_id}: unknown key(s) {unknown}",
                                 f"known keys: {', '.join(sorted(_GROUP_KEYS))}"))
        return None
    patterns = strings(raw.get("patterns")) if not isinstance(raw.get("patterns"), list) else raw["patterns"]
    phones = strings(raw.get("phones"))
    if not patterns and not phones:
        problems.append(problem(src, f"{pointer}/patterns", f"group {group_id}: give `patterns` or `phones`"))
        return None
    if raw.get("require", "any") not in ("any", "all"):
        problems.append(problem(src, f"{pointer}/require", f"group {group_id}: require must be `any` or `all`"))
    if raw.get("near_scope", "sentence") not in SCOPES:
        problems.append(problem(src, f"{pointer}/near_scope", f"group {group_id}: near_scope must be one of {SCOPES}"))
    specs = []
    for index, item in enumerate(patterns):
        spec = PatternSpec(item) if isinstance(item, str) else \
            PatternSpec(item.get("pattern", ""), item.get("case_sensitive"), item.get("inflect"),
                        strings(item["near"]) if "near" in item else None) if isinstance(item, Mapping) else None
        if spec is None or not spec.text:
            problems.append(problem(src, f"{pointer}/patterns/{index}", f"group {group_id}: a pattern must be a "
                                                                          "string or a mapping with `pattern`"))
            continue
        for source_text in (spec.text, *(spec.near or ())):
            try:
                compile_pattern(source_text)
            except PatternError as err:
                problems.append(problem(src, f"{pointer}/patterns/{index}",
                                         f"group {group_id}: pattern {source_text!r}: {err}"))
        specs.append(spec)
    for index, near in enumerate(strings(raw.get("near"))):
        try:
            compile_pattern(near)
        except PatternError as err:
            problems.append(problem(src, f"{pointer}/near/{index}", f"group {group_id}: near {near!r}: {err}"))
    return PhraseGroup(id=group_id, patterns=tuple(specs), label=str(raw.get("label") or ""),
                       require=raw.get("require", "any"), near=strings(raw.get("near")),
                       near_scope=raw.get("near_scope", "sentence"), phones=tuple(normalize_phone(p) for p in phones),
                       family=str(raw.get("family") or ""), case_sensitive=raw.get("case_sensitive") is True,
                       inflect=raw.get("inflect", True) is not False)


def load_phrase_set(source: Any, name: str | None = None) -> PhraseSet:
    """A :class:`PhraseSet` from a YAML file (path or resource) or a mapping; raises :class:`LexiconError`."""
    src = read_source(source, "phrase set")
    data = src.data
    if not isinstance(data, Mapping) or not isinstance(data.get("groups"), list):
        raise LexiconError(f"{src.name}: not a phrase set", [problem(src, "", "a phrase set needs `kind` and a list "
                                                                                "of `groups`")])
    problems: list[Problem] = []
    unknown = sorted(set(data) - _SET_KEYS)
    if unknown:
        problems.append(problem(src, f"/{unknown[0]}", f"unknown key(s) {unknown}", f"known keys: {sorted(_SET_KEYS)}"))
    kind = data.get("kind")
    if kind not in KINDS:
        problems.append(problem(src, "/kind", f"kind must be one of {KINDS}"))
    minimum = data.get("minimum")
    if minimum is not None and (not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 0):
        problems.append(problem(src, "/minimum", "minimum must be a whole number"))
    groups: dict[str, PhraseGroup] = {}
    for index, raw in enumerate(data["groups"]):
        group = _group(raw, src, f"/groups/{index}", problems)
        if group is not None:
            if group.id in groups:
                problems.append(problem(src, f"/groups/{index}/id", f"group {group.id} appears twice in this file"))
            groups[group.id] = group
    if problems:
        raise LexiconError(f"{src.name}: invalid phrase set", problems)
    set_id = str(data.get("id") or data.get("name") or name or "")
    return PhraseSet(name or str(data.get("name") or set_id), kind, tuple(groups.values()), set_id, minimum,
                     str(data.get("description") or ""), strings(data.get("sources")), strings(data.get("fields")),
                     str(data.get("label") or ""))


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
                     next((p.fields for p in reversed(parts) if p.fields), ()),
                     next((p.label for p in reversed(parts) if p.label), ""))

