"""The bibliography: every source key that rules, lexicon rows and phrase sets cite, with its plain name,
full citation and addresses (``vetkit/data/sources.yaml``)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from attrs import frozen

from .tables import read_table


@frozen
class Source:
    """One source: ``IRINA`` → Irina Project, Language Matters, its citation and where it was read."""

    key: str
    name: str
    citation: str
    urls: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """The source for a message: ``Irina Project, Language Matters (IRINA)``."""
        return f"{self.name} ({self.key})"


@lru_cache(maxsize=1)
def sources() -> Mapping[str, Source]:
    """Every source by key, in the bibliography's order."""
    return {key: Source(key, row["name"], " ".join(row["citation"].split()), tuple(row["urls"]))
            for key, row in read_table("vetkit", "sources").items()}


def source_title(key: str) -> str:
    """``plain name (KEY)`` for a known key, the key itself otherwise (a plugin's own source, say)."""
    source = sources().get(key)
    return source.title if source is not None else key
