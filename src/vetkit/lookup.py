"""``vetkit explain ID``: what any id in a report names, in plain words, with its sources.

An id is a criterion (``TI-07``), a lexicon row (``L12``, myth ``M10``, statistic ``S01``, image word
``I01``), a phrase set (``P-VC``, ``N-COND``), a source key (``IRINA``) or a tag (``labor-trafficking``).
A tag that is in two vocabularies (``minors`` is a topic and a population) is explained in both;
``topics/minors`` or ``populations/minors`` picks one.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any

from .bibliography import sources
from .catalogue import explain_rule
from .errors import UsageError
from .lexical import Lexicon, PhraseSet
from .schema_errors import close_match

#: What the suggestion of a row is called in reports, by lexicon.
_ADVICE = {"myths": "Fact", "statistics": "Fix"}
#: Where each tag vocabulary is declared in a course.
_FIELDS = {"topics": "topic tag: modules[].topics, activities[].tags",
           "populations": "population tag: modules[].populations",
           "typologies": "typology tag (Polaris): modules[].typologies"}


class UnknownId(UsageError):
    """No criterion, lexicon row, phrase set, source key or tag has this id."""


def _fill(text: str, indent: str = "  ") -> str:
    return textwrap.indent(textwrap.fill(" ".join(text.split()), 88), indent)


def _sources_block(keys: Iterable[str]) -> list[str]:
    keys = list(keys)
    if not keys:
        return []
    lines = ["Sources:"]
    table = sources()
    for key in keys:
        source = table.get(key)
        if source is None:
            lines.append(f"  {key}")
            continue
        lines.append(f"  {source.title}")
        lines += [f"    {url}" for url in source.urls]
    return lines + [""]


def _readers(engine: Any, lexicon_name: str) -> list[str]:
    return [rule.id for rule in engine.rules.values() if lexicon_name in rule.lexicons]


def _registered(engine: Any) -> list[tuple[str, Any]]:
    registry = engine.lexicons
    return [(name, registry.get(name)) for name in registry.names()]


def _explain_row(engine: Any, lexicon_name: str, lexicon: Lexicon, term: Any) -> str:
    lines = [f"{term.id}  {term.label or term.id}", "",
             f"A row of the {lexicon_name} lexicon ({lexicon.description.rstrip('.')}).", ""]
    if term.use_instead:
        lines += [f"{_ADVICE.get(lexicon_name, 'Use instead')}:", _fill(term.use_instead), ""]
    if term.note:
        lines += ["Note:", _fill(term.note), ""]
    lines += [f"Severity: {term.severity}" + (" · unambiguous" if term.unambiguous else ""), ""]
    readers = _readers(engine, lexicon_name)
    if readers:
        lines += [f"Read by: {', '.join(readers)}", ""]
    return "\n".join(lines + _sources_block(term.sources))


def _explain_set(engine: Any, name: str, chosen: PhraseSet) -> str:
    kinds = {"must-contain": "wording a course should contain", "must-not-contain": "wording a course must not use",
             "coverage": "wording counted for coverage", "every-group": "wording a course should contain, every group"}
    lines = [f"{chosen.id or name}  {chosen.label or name}", "",
             f"A phrase set: {kinds.get(chosen.kind, chosen.kind)}.", ""]
    if chosen.description:
        lines += [_fill(chosen.description, ""), ""]
    lines += ["Groups:"] + [f"  - {group.label or group.id}" for group in chosen.groups] + [""]
    readers = _readers(engine, name)
    if readers:
        lines += [f"Read by: {', '.join(readers)}", ""]
    return "\n".join(lines + _sources_block(chosen.sources))


def _explain_source(engine: Any, key: str) -> str:
    source = sources()[key]
    lines = [f"{key}  {source.name}", "", _fill(source.citation, ""), ""]
    lines += [f"  {url}" for url in source.urls] + ([""] if source.urls else [])
    rules = [rule.id for rule in engine.rules.values() if key in rule.sources]
    rows = []
    for _, value in _registered(engine):
        if isinstance(value, Lexicon):
            rows += [term.id for term in value.terms if key in term.sources]
        elif key in value.sources:
            rows.append(value.id or value.name)
    if rules:
        lines += [f"Cited by criteria: {', '.join(rules)}", ""]
    if rows:
        lines += [f"Cited by lexicon rows and phrase sets: {', '.join(rows)}", ""]
    return "\n".join(lines)


def tag_readers(engine: Any) -> dict[tuple[str, str], list[str]]:
    """The criteria that read each tag: ``{(vocabulary, tag): [rule ids]}``.

    A rule reads a tag when one of its parameters names it, when its documentation names it in
    backticks, or, for populations and typologies, when it reads the whole vocabulary (its
    documentation names the field, e.g. `` `typologies` ``).
    """
    from .topics.catalogue import profiles

    found: dict[tuple[str, str], list[str]] = {}
    for rule in engine.rules.values():
        values = json.dumps(dict(rule.parameters))
        text = " ".join(filter(None, (rule.title, rule.rationale, rule.evidence, rule.how_to_fix, rule.question)))
        for vocabulary, tag in profiles():
            whole = vocabulary != "topics" and (f"`{vocabulary}`" in text or f"modules[].{vocabulary}" in text)
            if whole or f'"{tag}"' in values or f"`{tag}`" in text:
                found.setdefault((vocabulary, tag), []).append(rule.id)
    return found


def _tag_matches(identifier: str) -> list[Any]:
    from .topics.catalogue import profiles

    vocabulary, _, tag = identifier.rpartition("/")
    return [row for (voc, name), row in profiles().items()
            if name == tag.lower() and (not vocabulary or voc == vocabulary.lower())]


def explain_tag(engine: Any, row: Any) -> str:
    """One tag as ``vetkit explain TAG`` prints it (and the tag glossary lists it)."""
    lines = [f"{row.tag}  ({_FIELDS[row.vocabulary]})", "", "Meaning:", _fill(row.definition), ""]
    if row.boundary:
        lines += ["Not this:", _fill(row.boundary), ""]
    lines += ["For example:", _fill(row.example), ""]
    readers = tag_readers(engine).get((row.vocabulary, row.tag), [])
    lines += [f"Read by: {', '.join(readers) if readers else 'no criterion by name (topic evidence only)'}", ""]
    return "\n".join(lines)


def known_ids(engine: Any) -> list[str]:
    """Every id ``vetkit explain`` accepts, for did-you-mean."""
    from .topics.catalogue import profiles

    ids = list(engine.rules) + list(sources())
    for name, value in _registered(engine):
        ids += [term.id for term in value.terms] if isinstance(value, Lexicon) else [value.id or name]
    ids += sorted({tag for _, tag in profiles()})
    return ids


def explain(engine: Any, identifier: str) -> str:
    """The text ``vetkit explain`` prints for ``identifier``; raises :class:`UnknownId` with a did-you-mean."""
    wanted = identifier.strip()
    rule = engine.rules.get(wanted.upper())
    if rule is not None:
        return explain_rule(rule)
    for name, value in _registered(engine):
        if isinstance(value, Lexicon):
            for term in value.terms:
                if term.id.upper() == wanted.upper():
                    return _explain_row(engine, name, value, term)
        elif wanted.upper() in {(value.id or "").upper(), name.upper()}:
            return _explain_set(engine, name, value)
    table = sources()
    key = next((key for key in table if key.upper() == wanted.upper()), None)
    if key is not None:
        return _explain_source(engine, key)
    rows = _tag_matches(wanted)
    if rows:
        return "\n".join(explain_tag(engine, row) for row in rows)
    match = close_match(wanted.upper(), [i.upper() for i in known_ids(engine)])
    original = next((i for i in known_ids(engine) if i.upper() == match), None) if match else None
    hint = (f"Did you mean `{original}`?" if original else
            "An id is a criterion (TI-07), a lexicon row (L12, M10, S01), a phrase set (P-VC), a source key "
            "(IRINA) or a tag (labor-trafficking); `vetkit rules` and `vetkit sources` list them")
    raise UnknownId(f"unknown id {identifier!r}. {hint}")
