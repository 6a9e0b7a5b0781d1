"""Phone numbers and SMS short codes in course text (guidelines §7).

Numbers are compared after normalization: vanity letters become keypad digits
(1-800-THE-LOST -> 18008435678), everything but digits is dropped, and a leading 1 of an
11-digit number is removed (-> 8008435678).
"""

from __future__ import annotations

import bisect
import re

from attrs import frozen

__all__ = ["PhoneMatch", "ShortCode", "find_phone_numbers", "find_short_codes", "normalize_phone"]

_KEYPAD = {letter: digit for digit, letters in
           {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ"}.items()
           for letter in letters}

_PHONE = re.compile(r"""
    (?:\+?1[\s.\-]{0,2})?                              # country code
    (?:\(\s*\d{3}\s*\)|\d{3})                           # area code: digits, maybe in parentheses
    [\s.\-]{0,2}
    (?:[0-9A-Z]{3}[\s.\-]{0,2}[0-9A-Z]{4}|[0-9A-Z]{7})  # exchange and line: digits or vanity letters
    (?![\w\-])
""", re.VERBOSE)
#: A cheap first pass (the regex engine skips quickly to a digit, "+" or "("), checked by _PHONE.
_CANDIDATE = re.compile(r"[+(\d][\d\s.\-()+]{2,8}?[\s.\-]{0,2}(?:[0-9A-Z]{3}[\s.\-]{0,2}[0-9A-Z]{4}|[0-9A-Z]{7})(?![\w\-])")
_SHORT_CODE = re.compile(r"(?<![\w.,\-$])\d{5,6}(?![\w\-]|[.,]\d)")
_TEXT_CUE = re.compile(r"\b(?:text(?:ing|ed)?|sms|txt)\b", re.IGNORECASE)


@frozen
class PhoneMatch:
    """A phone-number-like string at ``text[start:end]`` and its normalized digits."""

    start: int
    end: int
    raw: str
    digits: str


@frozen
class ShortCode:
    """A 5- or 6-digit SMS short code near the word "text"."""

    start: int
    end: int
    digits: str


def _digits(value: str) -> str:
    digits = re.sub(r"\D", "", "".join(_KEYPAD.get(char, char) for char in value.upper()))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def find_phone_numbers(text: str) -> list[PhoneMatch]:
    """Every North-American phone number in ``text`` (with or without vanity letters), normalized."""
    found = []
    for candidate in _CANDIDATE.finditer(text):
        match = _PHONE.search(text, candidate.start(), candidate.end())
        if match is None:
            continue
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] in "_+-."):
            continue  # inside a longer number or word
        raw = match.group()
        tail = re.sub(r"[\s.\-()+]", "", raw)[-7:]
        if tail.isalpha() and not tail.isupper():  # pragma: no cover - the pattern only takes capitals
            continue
        digits = _digits(raw)
        if len(digits) == 10:
            found.append(PhoneMatch(match.start(), match.end(), raw, digits))
    return found


def normalize_phone(value: str) -> str:
    """Digits of a phone number for comparison: the first number found in ``value``, else all its digits.

    ``normalize_phone("1-800-THE-LOST") == "8008435678"``; ``normalize_phone("Call (888) 373-7888 24/7")
    == "8883737888"``; a short code such as ``"233733"`` stays ``"233733"``.
    """
    numbers = find_phone_numbers(value)
    if numbers:
        return numbers[0].digits
    return _digits(value)


def find_short_codes(text: str, *, window: int = 60) -> list[ShortCode]:
    """5–6 digit numbers that follow the word "text" (or SMS) in the same sentence, within ``window``
    characters, outside phone numbers."""
    phones = [(p.start, p.end) for p in find_phone_numbers(text)]  # in order, apart from one another
    starts = [start for start, _ in phones]
    found = []
    for match in _SHORT_CODE.finditer(text):
        phone = bisect.bisect_right(starts, match.start()) - 1  # the one phone number that could hold it
        if phone >= 0 and match.start() < phones[phone][1]:
            continue
        before = text[max(0, match.start() - window):match.start()]
        before = re.split(r"[.!?]\s|\n", before)[-1]  # the same sentence only
        if _TEXT_CUE.search(before):
            found.append(ShortCode(match.start(), match.end(), match.group()))
    return found
