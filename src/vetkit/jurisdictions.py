"""Jurisdiction shorthand: ``"US"``, a U.S. state code ``"TX"`` or an ISO 3166-2 code ``"US-TX"``.

A course may write its jurisdiction (and a reference's) as one of these strings instead of the
object ``{country, state?, tribal?, local?}``. Loading turns the string into the object form, so
every check reads one shape; an unknown code is a located error that says what to write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .tables import read_table

_FORM = re.compile(r"([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?")
#: What to write instead of an unknown code.
EXAMPLES = 'write "US", a U.S. state code such as "TX", an ISO 3166-2 code such as "US-TX", or the object form ' \
           '{country: US, state: TX}'


class UnknownJurisdiction(ValueError):
    """A jurisdiction code that is not ``US``, a U.S. state code or a known ISO 3166-2 form."""


def _codes() -> tuple[frozenset[str], dict[str, str]]:
    table = read_table("vetkit", "jurisdictions")
    return frozenset(table["countries"]), table["us"]


def parse(code: str) -> dict[str, str]:
    """The object form of a jurisdiction code; raises :class:`UnknownJurisdiction` saying what is wrong.

    ``"US"`` → ``{"country": "US"}``; ``"TX"`` and ``"US-TX"`` → ``{"country": "US", "state": "TX"}``;
    ``"MX-CHH"`` → ``{"country": "MX", "state": "CHH"}`` (outside the U.S. the country code is checked,
    the subdivision only for its form). Letters may be lower case.
    """
    countries, states = _codes()
    match = _FORM.fullmatch(code.strip())
    if match is None:
        raise UnknownJurisdiction(f"{code!r} is not a jurisdiction code")
    first, subdivision = match.group(1).upper(), (match.group(2) or "").upper()
    if not subdivision:
        if first == "US":
            return {"country": "US"}
        if first in states:
            return {"country": "US", "state": first}
        hint = (f"; for the country {first}, write the object form {{country: {first}}} or a code such as "
                f"{first}-XX" if first in countries else "")
        raise UnknownJurisdiction(f"{code!r} is not a U.S. state or territory code{hint}")
    if first not in countries:
        raise UnknownJurisdiction(f"{code!r}: {first} is not an ISO 3166-1 country code")
    if first == "US" and subdivision not in states:
        raise UnknownJurisdiction(f"{code!r}: {subdivision} is not a U.S. state or territory code")
    return {"country": first, "state": subdivision}


def _places(data: Any) -> Iterator[tuple[dict | list, str | int, str]]:
    """(container, key, pointer) of every jurisdiction of a course document."""
    if not isinstance(data, dict):
        return
    if "jurisdiction" in data:
        yield data, "jurisdiction", "/jurisdiction"
    references = data.get("references")
    if isinstance(references, list):
        for index, reference in enumerate(references):
            if isinstance(reference, dict) and "jurisdiction" in reference:
                yield reference, "jurisdiction", f"/references/{index}/jurisdiction"


def normalise(data: Any) -> list[tuple[str, str, str]]:
    """Replace every shorthand jurisdiction of ``data`` by its object form, in place.

    Returns ``(pointer, message, hint)`` for each code that is not known; those stay strings.
    """
    problems = []
    for container, key, pointer in _places(data):
        value = container[key]
        if not isinstance(value, str):
            continue
        try:
            container[key] = parse(value)
        except UnknownJurisdiction as err:
            problems.append((pointer, f"jurisdiction {err}", EXAMPLES))
    return problems
