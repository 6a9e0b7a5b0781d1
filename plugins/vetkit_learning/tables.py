"""The plugin's tables (verb lists, item and activity types), read once from ``data/*.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from vetkit.course import freeze
from vetkit.tables import read_table


@lru_cache(maxsize=None)
def table(name: str) -> Mapping[str, Any]:
    """The read-only contents of ``data/<name>.yaml``."""
    return freeze(read_table(__package__, name))


def bloom_rank(level: str | None) -> int:
    """Position of a Bloom level (remember = 0 ... create = 5); -1 when unknown or absent."""
    levels = table("verbs")["bloom_levels"]
    return levels.index(level) if level in levels else -1
