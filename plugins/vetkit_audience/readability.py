"""Plain-language measures for AU-02's notes: a Flesch–Kincaid grade and undefined acronyms.

Pure functions over strings, on the kit's one sentence model. The estimates are rough on purpose:
they point a reviewer at dense text, they do not decide anything.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Iterator

from attrs import frozen

from vetkit.kit import sentences as split_sentences

_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# Every pattern tries each position of a text once and looks a bounded way from it, so that a long run of
# letters, dots or brackets costs time in proportion to its length (unbounded, they took quadratic time).
_MARKUP = (
    (re.compile(r"!?\[([^\]\[]{0,500})\]\([^)\s]{0,2000}\)"), r"\1"),  # links and images keep their text
    (re.compile(r"(?:https?://|www\.)\S+"), " "),                   # web addresses are not prose
    (re.compile(r"`[^`]*`"), " "),                                  # inline code
    (re.compile(r"[*_]{1,3}"), ""),                                 # emphasis
)
_DOT_WORD = re.compile(r"\.\w")


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
    return " ".join(word for word in sentence.split() if not _email(word))


def _email(word: str) -> bool:
    """Whether a word is an e-mail address: an ``@`` after its first character, then a dot and a word character."""
    at = word.find("@", 1)
    return at > 0 and _DOT_WORD.search(word, at + 2) is not None


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
    starts = [start for start, _ in shouted]
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if acronym in ignore or _ROMAN.match(acronym):
            continue
        run = bisect.bisect_right(starts, match.start()) - 1  # the shouted run that may hold it (runs do not overlap)
        if run >= 0 and match.start() < shouted[run][1]:
            continue
        yield AcronymUse(acronym, match.start(1), match.end(1))


#: A word (starting where a word starts) then "(ABC)": the word must hold a letter for "ABC" to be spelled out.
_SPELLED_OUT_AFTER = re.compile(r"(?<![\w'’,-])([\w'’,-]+)\s+\(([A-Z]{2,6})s?\)")
_LETTER = re.compile(r"[A-Za-z]")


def spelled_out_after(text: str) -> set[str]:
    """Acronyms written after a word that holds a letter: "Full Name (ABC)"."""
    return {acronym for word, acronym in _SPELLED_OUT_AFTER.findall(text) if _LETTER.search(word)}


def defined_acronyms(texts: Iterable[str], glossary_terms: Iterable[str]) -> set[str]:
    """Acronyms spelled out somewhere ("Full Name (ABC)", "ABC (Full Name)", "ABC stands for")
    or named by a glossary term."""
    defined: set[str] = set()
    for term in glossary_terms:
        defined.update(re.findall(r"(?<![A-Za-z])[A-Z]{2,6}(?=s?(?![A-Za-z]))", term))
    for text in texts:
        defined.update(spelled_out_after(text))
        defined.update(re.findall(r"\b([A-Z]{2,6})s?\s+\((?:[A-Z][\w'’-]*|of|and|for|the|on|in)"
                                  r"(?:\s+[\w'’&.,-]+)+\)", text))
        defined.update(re.findall(r"\b([A-Z]{2,6})s?,?\s+(?:stands for|means|is short for)\b", text))
    return defined
