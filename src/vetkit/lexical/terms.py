"""Lexicons: named lists of terms (rows such as L01, I03, M01, S01), loaded from YAML and compiled into a matcher."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Mapping

from attrs import define, field, frozen

from ..errors import Problem
from ..text import PreparedText
from .matcher import Hit, Matcher, MatchRule, matcher_for
from .patterns import PatternError, compile_pattern
from ..report import SEVERITIES
from .sources import SCOPES, LexiconError, Source, problem, read_source, strings

WHERE = ("any", "quoted-or-glossary", "quoted-or-near")


@frozen
class PatternSpec:
    """A pattern with optional per-pattern overrides (None: inherit from the term)."""

    text: str
    case_sensitive: bool | None = None
    inflect: bool | None = None
    near: tuple[str, ...] | None = None



def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple((key, _freeze(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(item) for item in value)
    return value


@frozen
class Term:
    """One lexicon row (e.g. L01, I03, M01, S01): what to match, what to use instead, and how to judge a hit."""

    id: str
    patterns: tuple[PatternSpec, ...]
    severity: str = "warning"
    use_instead: str = ""
    unambiguous: bool = False
    label: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    near_scope: str = "sentence"
    unless_near: tuple[str, ...] = ()
    case_sensitive: bool = False
    inflect: bool = True
    where: str = "any"
    jargon: bool = False
    exempt_in: tuple[str, ...] = ()
    structured_unambiguous: bool = False
    is_name: bool = False
    corrections: tuple[str, ...] = ()
    aggregate: bool = False
    data: tuple = ()  # frozen mapping (key, value) pairs of extra data for checks

    @property
    def name(self) -> str:
        """A short human name: the label, or the first pattern."""
        if self.label:
            return self.label
        return self.patterns[0].text if self.patterns else self.id

    def extra(self, key: str, default: Any = None) -> Any:
        """A value of the term's free ``data`` mapping (nested mappings come back as dicts)."""
        for name, value in self.data:
            if name == key:
                return _thaw(value)
        return default

    def match_rules(self) -> tuple[MatchRule, ...]:
        """The matcher rules of this term (none for an aggregate term)."""
        if self.aggregate:
            return ()
        rules = []
        for spec in self.patterns:
            near = spec.near if spec.near is not None else self.near
            rules.append(MatchRule(
                key=self.id, pattern=spec.text,
                case_sensitive=self.case_sensitive if spec.case_sensitive is None else spec.case_sensitive,
                inflect=self.inflect if spec.inflect is None else spec.inflect,
                near=() if self.where == "quoted-or-near" else near, near_scope=self.near_scope,
                unless_near=self.unless_near, guards=self.guards))
        return tuple(rules)


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                                                  for v in value):
        return {key: _thaw(item) for key, item in value}
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


@lru_cache(maxsize=512)
def compiled_corrections(corrections: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    """The regular expressions of a term's extra correction markers."""
    return tuple(compile_pattern(p).regex for p in corrections)


@define(frozen=True, slots=False)
class Lexicon:
    """A named list of terms, compiled on first use into one :class:`Matcher`."""

    name: str
    terms: tuple[Term, ...] = field(converter=tuple)
    fields: tuple[str, ...] = field(default=(), converter=tuple)
    description: str = ""

    def term(self, term_id: str) -> Term:
        """The term with this id; ``KeyError`` naming the lexicon otherwise."""
        try:
            return self._by_id[term_id]
        except KeyError:
            raise KeyError(f"lexicon {self.name!r} has no term {term_id!r}") from None

    def ids(self) -> tuple[str, ...]:
        """Every term id, in order."""
        return tuple(term.id for term in self.terms)

    @cached_property
    def matcher(self) -> Matcher:
        """The lexicon's compiled matcher (one per distinct lexicon content per process)."""
        return matcher_for(tuple(rule for term in self.terms for rule in term.match_rules()), True)

    @cached_property
    def _by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    def scan(self, text: str | PreparedText) -> list[Hit]:
        """Raw hits in one text (no context, no decision); see :func:`vetkit.lexical.scan_text` for judged hits."""
        return self.matcher.scan(text)


_TERM_KEYS = {
    "id", "patterns", "severity", "use_instead", "unambiguous", "label", "note", "sources", "guards", "near",
    "near_scope", "unless_near", "case_sensitive", "inflect", "where", "jargon", "exempt_in",
    "structured_unambiguous", "is_name", "corrections", "aggregate", "data",
}
_BOOL_KEYS = ("unambiguous", "case_sensitive", "inflect", "jargon", "structured_unambiguous", "is_name", "aggregate")
_LIST_KEYS = ("sources", "guards", "near", "unless_near", "exempt_in", "corrections")
_PATTERN_KEYS = {"pattern", "case_sensitive", "inflect", "near"}


def _pattern_spec(raw: Any, src: Source, pointer: str, term_id: str, problems: list[Problem],
                  case_sensitive: bool, inflect: bool) -> PatternSpec | None:
    if isinstance(raw, str):
        spec = PatternSpec(raw)
    elif isinstance(raw, Mapping) and isinstance(raw.get("pattern"), str):
        unknown = set(raw) - _PATTERN_KEYS
        if unknown:
            problems.append(problem(src, pointer, f"term {term_id}: unknown pattern key(s) {sorted(unknown)}",
                                     f"a pattern mapping takes {sorted(_PATTERN_KEYS)}"))
            return None
        spec = PatternSpec(raw["pattern"], raw.get("case_sensitive"), raw.get("inflect"),
                           strings(raw["near"]) if "near" in raw else None)
    else:
        problems.append(problem(src, pointer, f"term {term_id}: a pattern must be a string or a mapping with "
                                               "`pattern`"))
        return None
    for text in (spec.text, *(spec.near or ())):
        try:
            compile_pattern(text, case_sensitive=bool(spec.case_sensitive if spec.case_sensitive is not None
                                                      else case_sensitive),
                            inflect=bool(spec.inflect if spec.inflect is not None else inflect))
        except PatternError as err:
            problems.append(problem(src, pointer, f"term {term_id}: pattern {text!r}: {err}",
                                     "see the pattern syntax in `vetkit.lexical`"))
            return None
    return spec


def _term(raw: Any, src: Source, pointer: str, problems: list[Problem]) -> Term | None:
    if not isinstance(raw, Mapping):
        problems.append(problem(src, pointer, "a term must be a mapping with `id` and `patterns`"))
        return None
    term_id = raw.get("id")
    if not isinstance(term_id, str) or not term_id:
        problems.append(problem(src, pointer, "a term has no `id`", "give every term a stable id such as L01"))
        return None
    count = len(problems)
    unknown = sorted(set(raw) - _TERM_KEYS)
    if unknown:
        problems.append(problem(src, f"{pointer}/{unknown[0]}", f"term {term_id}: unknown key(s) {unknown}",
                                 f"known keys: {', '.join(sorted(_TERM_KEYS))}"))
    if raw.get("severity", "warning") not in SEVERITIES:
        problems.append(problem(src, f"{pointer}/severity", f"term {term_id}: severity must be one of {SEVERITIES}"))
    if raw.get("where", "any") not in WHERE:
        problems.append(problem(src, f"{pointer}/where", f"term {term_id}: where must be one of {WHERE}"))
    if raw.get("near_scope", "sentence") not in SCOPES:
        problems.append(problem(src, f"{pointer}/near_scope", f"term {term_id}: near_scope must be one of {SCOPES}"))
    for key in _BOOL_KEYS:
        if key in raw and not isinstance(raw[key], bool):
            problems.append(problem(src, f"{pointer}/{key}", f"term {term_id}: `{key}` must be true or false"))
    for key in _LIST_KEYS:
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) or
                                      (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            problems.append(problem(src, f"{pointer}/{key}", f"term {term_id}: `{key}` must be a list of strings"))
    patterns = raw.get("patterns")
    if isinstance(patterns, str):
        patterns = [patterns]
    aggregate = raw.get("aggregate") is True
    if not isinstance(patterns, list) or (not patterns and not aggregate):
        problems.append(problem(src, f"{pointer}/patterns", f"term {term_id}: `patterns` must be a non-empty list"))
        return None
    case_sensitive, inflect = raw.get("case_sensitive") is True, raw.get("inflect", True) is not False
    specs = [_pattern_spec(p, src, f"{pointer}/patterns/{i}", term_id, problems, case_sensitive, inflect)
             for i, p in enumerate(patterns)]
    for key in ("guards", "near", "unless_near", "corrections"):
        for i, text in enumerate(strings(raw.get(key)) if isinstance(raw.get(key), (str, list)) else ()):
            try:
                compile_pattern(text)
            except PatternError as err:
                problems.append(problem(src, f"{pointer}/{key}/{i}", f"term {term_id}: {key} pattern {text!r}: {err}"))
    if len(problems) > count:
        return None
    return Term(
        id=term_id, patterns=tuple(s for s in specs if s is not None), severity=raw.get("severity", "warning"),
        use_instead=str(raw.get("use_instead") or ""), unambiguous=raw.get("unambiguous") is True,
        label=str(raw.get("label") or ""), note=str(raw.get("note") or ""), sources=strings(raw.get("sources")),
        guards=strings(raw.get("guards")), near=strings(raw.get("near")),
        near_scope=raw.get("near_scope", "sentence"), unless_near=strings(raw.get("unless_near")),
        case_sensitive=case_sensitive, inflect=inflect, where=raw.get("where", "any"),
        jargon=raw.get("jargon") is True, exempt_in=strings(raw.get("exempt_in")),
        structured_unambiguous=raw.get("structured_unambiguous") is True, is_name=raw.get("is_name") is True,
        corrections=strings(raw.get("corrections")), aggregate=aggregate,
        data=_freeze(raw.get("data") or {}))


def load_lexicon(source: Any, name: str | None = None) -> Lexicon:
    """A :class:`Lexicon` from a YAML file (path or resource) or from a list of term mappings.

    Raises :class:`LexiconError` listing every problem with its file, line and term id.
    """
    src = read_source(source)
    data = src.data
    meta: Mapping[str, Any] = {}
    base = ""
    if isinstance(data, Mapping):
        meta = data
        data = data.get("terms")
        base = "/terms"
    if not isinstance(data, (list, tuple)):
        raise LexiconError(f"{src.name}: not a lexicon", [problem(src, base, "a lexicon needs a list of `terms`")])
    problems: list[Problem] = []
    terms: dict[str, Term] = {}
    for index, raw in enumerate(data):
        term = _term(raw, src, f"{base}/{index}", problems)
        if term is not None:
            if term.id in terms:
                problems.append(problem(src, f"{base}/{index}/id", f"term {term.id} appears twice in this file"))
            terms[term.id] = term
    if problems:
        raise LexiconError(f"{src.name}: invalid lexicon", problems)
    lexicon_name = name or str(meta.get("name") or Path(src.name).stem)
    return Lexicon(lexicon_name, tuple(terms.values()), strings(meta.get("fields")), str(meta.get("description") or ""))




def merge_lexicons(name: str, parts: list[Lexicon]) -> Lexicon:
    """One lexicon from several sources of the same name: terms by id, a later term replaces an earlier one."""
    terms: dict[str, Term] = {}
    for part in parts:
        for term in part.terms:
            terms[term.id] = term
    fields = next((part.fields for part in reversed(parts) if part.fields), ())
    description = next((part.description for part in parts if part.description), "")
    return Lexicon(name, tuple(terms.values()), fields, description)
