"""Features of a sentence for the concept and stance models, in plain Python.

Training (scikit-learn) and scoring (:mod:`vetkit.concepts.model`) call the same functions, so a
sentence gets the same features in both. Words are the lower-case words of the text index. Besides
words, character n-grams and word pairs, a sentence has the slot classes of its words
(``data/concepts/word-classes.yaml``: RELATIVE, INTERPRET, SERVICE, COOPERATE...) and each pair of
classes it holds together.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from ..tables import read_table

_WORD = re.compile(r"\w+(?:['’]\w+)?")
_QUOTES = re.compile(r"[\"“”«»]|(?:^|\s)['‘][^'’]+['’](?=[\s.,;:!?]|$)")
_DIGIT = re.compile(r"\d")


def words(text: str) -> tuple[str, ...]:
    """The lower-case words of ``text``, as the text index splits them."""
    return tuple(match.group().lower() for match in _WORD.finditer(text))


def _norm(word: str) -> str:
    return word.replace("’", "'")


@lru_cache(maxsize=65536)
def _char_grams(word: str) -> tuple[str, ...]:
    padded = f" {_DIGIT.sub('0', word)} "
    return tuple(f"c:{padded[i:i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1))


@lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """The features of one word: the word itself and its character 3–5-grams (digits as 0)."""
    token = _norm(word)
    return (f"w:{token}", *_char_grams(token))


@lru_cache(maxsize=1)
def word_classes() -> Mapping[str, str]:
    """Word -> its slot class (the first class of the table that lists it)."""
    found: dict[str, str] = {}
    for name, members in read_table("vetkit", "concepts/word-classes")["classes"].items():
        for word in str(members).split():
            found.setdefault(word, name)
    return found


def pair_features(sentence_words: Sequence[str]) -> list[str]:
    """The features that span words: word bigrams, the slot classes present and each pair of them."""
    tokens = [word.replace("’", "'") for word in sentence_words]
    features = [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:])]
    table = word_classes()
    present = sorted({table[token] for token in tokens if token in table})
    features += [f"k:{name}" for name in present]
    features += [f"k:{a}&{b}" for i, a in enumerate(present) for b in present[i + 1:]]
    return features


def concept_features(sentence_words: Sequence[str]) -> list[str]:
    """Every feature of a sentence for the concept model: each word's own features, then the bigrams."""
    features = [feature for word in sentence_words for feature in word_features(word)]
    return features + pair_features(sentence_words)


def stance_features(text: str, sentence_words: Sequence[str], field: str, before: Iterable[str] = (),
                    after: Iterable[str] = ()) -> list[str]:
    """What tells the stance of a sentence: its words and word pairs, quotation marks, the kind of field,
    whether it reads like a title, and the words of the sentences around it in the same field."""
    tokens = [_norm(word) for word in sentence_words]
    features = [f"w:{token}" for token in tokens]
    features += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:])]
    features += [f"s:{token}" for token in tokens[:3]]
    features.append(f"f:{field}")
    if _QUOTES.search(text):
        features.append("q:quoted")
    if ":" in text:
        features.append("q:colon")
    capitals = [word for word in _WORD.findall(text) if len(word) > 3]
    if capitals and sum(word[0].isupper() for word in capitals) >= 0.6 * len(capitals):
        features.append("q:title-case")
    if not text.rstrip().endswith((".", "!", "?", '"', "”")):
        features.append("q:no-full-stop")
    features += [f"p:{_norm(word)}" for word in before]
    features += [f"n:{_norm(word)}" for word in after]
    return features
