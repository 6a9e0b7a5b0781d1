"""The tag profiles: for every topic, population and typology tag of the guide (§6), its definition, an example
sentence and the cue phrases that show a text teaches it (``vetkit/data/topics/*.yaml``)."""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from attrs import frozen

from ..tables import read_table

#: The vocabularies whose tags a text can be said to teach, and the course field that declares them.
VOCABULARIES = {"topics": "topics", "populations": "populations", "typologies": "typologies"}


@frozen
class TagProfile:
    """What one tag means and the words that show a text teaches it."""

    tag: str
    vocabulary: str
    definition: str
    example: str
    strong: tuple[str, ...]  # each shows the subject on its own
    supporting: tuple[str, ...]  # typical of the subject, evidence only together
    boundary: str = ""


@lru_cache(maxsize=1)
def profiles() -> Mapping[tuple[str, str], TagProfile]:
    """Every tag profile by (vocabulary, tag), read once per process."""
    found: dict[tuple[str, str], TagProfile] = {}
    for vocabulary in VOCABULARIES:
        for tag, row in read_table("vetkit", f"topics/{vocabulary}")["tags"].items():
            found[(vocabulary, tag)] = TagProfile(tag, vocabulary, row["definition"], row["example"],
                                                  tuple(row["strong"]), tuple(row["supporting"]),
                                                  row.get("boundary", ""))
    return found


def profile(vocabulary: str, tag: str) -> TagProfile | None:
    """The profile of one tag, or None for a tag vetkit has no cues for (a plugin's own tag, say)."""
    return profiles().get((vocabulary, tag))
