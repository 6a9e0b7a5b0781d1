"""Figures in course text and in ``statistics[]`` (AC-03): percentages, thousands, millions, billions, "1 in N".

A figure is read as a key ``(number, unit)``: "27.6 million" -> ("27.6", "million"), "300,000" ->
("300000", ""), "45 %" -> ("45", "%"), "1 in 4" -> ("1 in 4", ""). A figure in the text is
*declared* when a ``statistics[]`` entry shows the same number in its ``claim`` or ``value`` (with
the same unit when both give one), so "about 50 million" in a module matches the claim "About
50 million people were living in modern slavery".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from attrs import frozen

_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
          "ten": "10", "twenty": "20", "fifty": "50", "hundred": "100"}
_WORD_NUMBERS = "|".join(_WORDS)
_FIGURE = re.compile(rf"""
    (?<![\w.,/-])\$?
    (?:
        (?P<ratio_a>1|one)\s+(?:in|out\s+of)\s+(?P<ratio_b>\d{{1,6}}|{_WORD_NUMBERS})\b
      | (?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:\s*(?P<unit>%|percent\b|per\s+cent\b|thousand\b|million\b|billion\b|trillion\b|[mb]n\b))?
    )
""", re.IGNORECASE | re.VERBOSE)
_UNITS = {"%": "%", "percent": "%", "per cent": "%", "thousand": "thousand", "million": "million", "mn": "million",
          "billion": "billion", "bn": "billion", "trillion": "trillion"}


@frozen
class Figure:
    """A figure at ``text[start:end]`` with its comparison key."""

    start: int
    end: int
    raw: str
    number: str
    unit: str  # "", "%", "thousand", "million", "billion", "trillion"

    @property
    def key(self) -> tuple[str, str]:
        return self.number, self.unit


def _normal(number: str) -> str:
    number = number.replace(",", "")
    if "." in number:
        number = number.rstrip("0").rstrip(".")
    return number


def figures(text: str, *, bare: bool = False) -> Iterator[Figure]:
    """The figures of ``text``. Plain numbers count only when grouped with commas ("300,000"), unless ``bare``."""
    for match in _FIGURE.finditer(text):
        if match.group("ratio_a"):
            yield Figure(match.start(), match.end(), match.group(), "1 in " + _WORDS.get(match.group("ratio_b").lower(), match.group("ratio_b")), "")
            continue
        raw_unit = " ".join((match.group("unit") or "").lower().split())
        unit = _UNITS.get(raw_unit, "")
        number = match.group("number")
        if unit or "," in number or bare:
            yield Figure(match.start(), match.end(), match.group().strip(), _normal(number), unit)


def declared_keys(statistics: Iterable[Any]) -> set[tuple[str, str]]:
    """Keys of every figure shown in a ``statistics[].claim`` or ``.value`` (bare numbers included)."""
    keys: set[tuple[str, str]] = set()
    for statistic in statistics:
        for source in (statistic.get("claim"), statistic.get("value")):
            if isinstance(source, bool) or source is None:
                continue
            if isinstance(source, (int, float)):
                keys.add((_normal(repr(float(source)) if isinstance(source, float) else str(source)), ""))
                continue
            keys.update(figure.key for figure in figures(str(source), bare=True))
    return keys


def is_declared(figure: Figure, keys: set[tuple[str, str]]) -> bool:
    """Whether a declared key has the figure's number (and its unit, when both name one)."""
    return any(number == figure.number and (unit == figure.unit or not unit or not figure.unit)
               for number, unit in keys)
