"""Plain-language measures for AU-02's notes: a Flesch–Kincaid grade and undefined acronyms.

Pure functions over strings, on the kit's one sentence model. The estimates are rough on purpose:
they point a reviewer at dense text, they do not decide anything.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from attrs import frozen

from vetkit.kit import sentences as split_sentences

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_MARKUP = (
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),         # links and images keep their text
    (re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+"), " "),  # addresses are not prose
    (re.compile(r"`[^`]*`"), " "),                             # inline code
    (re.compile(r"[*_]{1,3}"), ""),                            # emphasis
)


@frozen
class TextStats:
    """Counts behind a Flesch–Kincaid grade."""

    sentences: int = 0
    words: int = 0
    syllables: int = 0

    def __add__(self, other: "TextStats") -> "TextStats":
        return TextStats(self.sentences + other.sentences, self.words + other.words,
                         self.syllables + other.syllables)

    @property
    def grade(self) -> float | None:
        """Flesch–Kincaid grade level, or None without words."""
        if not self.words or not self.sentences:
            return None
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59


_NOT_LETTER = re.compile(r"[^a-z]")
_SILENT_ENDING = re.compile(r"(?:[^laeiouy]es|[^laeiouytd]ed|[^laeiouy]e)$")
_VOWEL_GROUP = re.compile(r"[aeiouy]{1,2}")


@lru_cache(maxsize=8192)
def syllables(word: str) -> int:
    """Estimated syllables of one word (hyphenated parts are counted separately)."""
    return sum(_syllables(part) for part in word.split("-") if part)


def _syllables(word: str) -> int:
    letters = _NOT_LETTER.sub("", word.lower())
    if not letters:
        return 0
    if len(letters) <= 3:
        return 1
    letters = _SILENT_ENDING.sub(lambda m: m.group(0)[0], letters)
    if letters.startswith("y"):
        letters = letters[1:]
    return max(1, len(_VOWEL_GROUP.findall(letters)))


def _strip(sentence: str) -> str:
    for pattern, replacement in _MARKUP:
        sentence = pattern.sub(replacement, sentence)
    return " ".join(sentence.split())


def sentences(text: str) -> list[str]:
    """Sentences of a text (each heading, list item and table cell counts as one), markup removed."""
    return [plain for sentence in split_sentences(text) if _WORD.search(plain := _strip(sentence))]


def stats(text: str) -> TextStats:
    """Sentence, word and syllable counts of one text."""
    parts = sentences(text)
    words = [word for sentence in parts for word in _WORD.findall(sentence)]
    return TextStats(len(parts), len(words), sum(syllables(word) for word in words))


def word_count(text: str) -> int:
    """Words in a text (numbers and addresses left out)."""
    return len(_WORD.findall(text))


# ---- acronyms -------------------------------------------------------------------------------

_ACRONYM = re.compile(r"(?<![A-Za-z0-9\-/.])([A-Z]{2,6})(?:s|['’]s)?(?![A-Za-z0-9\-/])")
_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_CAPS_RUN = re.compile(r"\b[A-Z]{2,}(?:[ \t'’-]+[A-Z]{2,}){2,}\b")


@frozen
class AcronymUse:
    """One use of a capitalised abbreviation in a text field."""

    acronym: str
    start: int
    end: int


def acronym_uses(text: str, ignore: frozenset[str]) -> Iterator[AcronymUse]:
    """Acronyms of 2-6 capitals in ``text``, skipping words in ``ignore``, Roman numerals and shouting."""
    shouted = [(m.start(), m.end()) for m in _CAPS_RUN.finditer(text)]
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in ignore or _ROMAN.match(acronym):
            continue
        if any(start <= match.start() < end for start, end in shouted):
            continue
        yield AcronymUse(acronym, match.start(1), match.end(1))


def defined_acronyms(texts: Iterable[str], glossary_terms: Iterable[str]) -> set[str]:
    """Acronyms spelled out somewhere ("Full Name (ABC)", "ABC (Full Name)", "ABC stands for")
    or named by a glossary term."""
    defined: set[str] = set()
    for term in glossary_terms:
        defined.update(re.findall(r"(?<![A-Za-z])[A-Z]{2,6}(?=s?(?![A-Za-z]))", term))
    for text in texts:
        defined.update(re.findall(r"[A-Za-z][\w'’,-]*\s+\(([A-Z]{2,6})s?\)", text))
        defined.update(re.findall(r"\b([A-Z]{2,6})s?\s+\((?:[A-Z][\w'’-]*|of|and|for|the|on|in)"
                                  r"(?:\s+[\w'’&.,-]+)+\)", text))
        defined.update(re.findall(r"\b([A-Z]{2,6})s?,?\s+(?:stands for|means|is short for)\b", text))
    return defined
