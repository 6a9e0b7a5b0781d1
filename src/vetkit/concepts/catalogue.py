"""The catalogue of concepts: families, what each concept is, and the criteria it feeds (data/concepts/catalogue.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping

from attrs import frozen

from ..tables import read_table

#: How the course uses an idea a detector found (the first is the only one that counts against it).
STANCES = ("asserted", "refuted", "negated", "quoted", "named")


@frozen
class Concept:
    """One harmful idea a detector looks for."""

    id: str
    family: str
    label: str
    criteria: tuple[str, ...]
    spared: tuple[re.Pattern, ...] = ()  # a sentence that matches one of these does not hold the concept

    def spares(self, text: str) -> bool:
        """Whether ``text`` matches a pattern that rules the concept out (e.g. the current estimate)."""
        return any(pattern.search(text) for pattern in self.spared)


@frozen
class Family:
    """Concepts that feed the same criteria and share thresholds."""

    id: str
    title: str
    concepts: tuple[Concept, ...]
    fields: tuple[str, ...] = ()  # the kinds of field it is read in (empty: every field)
    scored: bool = False  # whether its hits reach a course; every family is trained and measured


@lru_cache(maxsize=1)
def families() -> Mapping[str, Family]:
    """Every family of the catalogue, by id, in catalogue order."""
    table = read_table("vetkit", "concepts/catalogue")
    raw, scored = table["families"], set(table["scored"])
    unknown = sorted(scored - set(raw))
    if unknown:
        raise ValueError(f"concepts/catalogue.yaml scores the unknown famil{'ies' if len(unknown) > 1 else 'y'} "
                         f"{', '.join(unknown)}; list only families under `families`")
    found = {}
    for family_id, family in raw.items():
        concepts = tuple(Concept(concept_id, family_id, entry["label"], tuple(entry["criteria"]),
                                 tuple(re.compile(source, re.IGNORECASE) for source in entry.get("spared", ())))
                         for concept_id, entry in family["concepts"].items())
        found[family_id] = Family(family_id, family["title"], concepts, tuple(family.get("fields", ())),
                                  family_id in scored)
    return found


def scored_families() -> tuple[str, ...]:
    """The families whose hits reach a course (the catalogue's ``scored`` list), in catalogue order."""
    return tuple(family.id for family in families().values() if family.scored)


@lru_cache(maxsize=1)
def concepts() -> Mapping[str, Concept]:
    """Every concept of the catalogue, by id."""
    return {concept.id: concept for family in families().values() for concept in family.concepts}


def family_of(concept_id: str) -> str | None:
    """The family of a concept id (None for ``none`` or an unknown id)."""
    concept = concepts().get(concept_id)
    return concept.family if concept else None
