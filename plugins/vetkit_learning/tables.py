"""The plugin's tables (verb lists, item and activity types), read once from ``data/*.yaml``."""

from __future__ import annotations

from typing import Any, Mapping

from vetkit.kit import read_table


def table(name: str) -> Mapping[str, Any]:
    """The contents of ``data/<name>.yaml`` (shared: read only)."""
    return read_table(__package__, name)


def bloom_rank(level: str | None) -> int:
    """Position of a Bloom level (remember = 0 ... create = 5); -1 when unknown or absent."""
    levels = table("verbs")["bloom_levels"]
    return levels.index(level) if level in levels else -1
