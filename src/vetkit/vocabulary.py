"""Controlled vocabularies: audience roles and the tag sets of the course format."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Iterable, Mapping

from attrs import evolve, frozen

#: Which vocabulary each tag field of the course document draws from.
TAG_FIELDS: Mapping[str, str] = {
    "modules.topics": "topics",
    "activities.tags": "topics",
    "modules.typologies": "typologies",
    "modules.populations": "populations",
    "materials.depicts": "depictions",
    "safeguards.advisories.topics": "advisoryTopics",
    "lifecycle.history.feedbackSources": "feedbackSources",
}


@frozen
class Vocabulary:
    """Known roles and tags. Unknown roles are errors; unknown tags are warnings."""

    roles: frozenset[str]
    topics: frozenset[str]
    populations: frozenset[str]
    depictions: frozenset[str]
    typologies: Mapping[str, str]  # tag -> sex | labor | mixed
    advisoryTopics: frozenset[str]
    feedbackSources: frozenset[str]

    def terms(self, name: str) -> frozenset[str]:
        """The known values of one vocabulary."""
        value = getattr(self, name)
        return frozenset(value) if not isinstance(value, frozenset) else value

    def extended(self, name: str, terms: Iterable[str] | Mapping[str, str]) -> "Vocabulary":
        """A copy with more terms in one vocabulary (a plugin's contribution)."""
        current = getattr(self, name)
        if isinstance(current, Mapping):
            extra = dict(terms) if isinstance(terms, Mapping) else {term: "mixed" for term in terms}
            return evolve(self, **{name: {**current, **extra}})
        return evolve(self, **{name: current | frozenset(terms)})


VOCABULARY_NAMES = ("roles", "topics", "populations", "depictions", "typologies", "advisoryTopics", "feedbackSources")


@lru_cache(maxsize=1)
def builtin_vocabulary() -> Vocabulary:
    """The vocabularies of the vetting guidelines (§5.1, §6)."""
    raw = json.loads(files("vetkit").joinpath("data/vocabularies.json").read_text(encoding="utf-8"))
    return Vocabulary(
        roles=frozenset(raw["roles"]),
        topics=frozenset(raw["topics"]),
        populations=frozenset(raw["populations"]),
        depictions=frozenset(raw["depictions"]),
        typologies=dict(raw["typologies"]),
        advisoryTopics=frozenset(raw["advisoryTopics"]),
        feedbackSources=frozenset(raw["feedbackSources"]),
    )
