"""The word index of a prepared text (one pass over the text) finds exactly what a whole-word regular
expression per word finds: each word's occurrences, the occurrences inside some fields, whether a word
starts in a window, and every hit of every lexicon, phrase set and topic cue, on every example course,
every text of the topic corpus and the lexical corpus."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
import yaml

import vetkit
import vetkit.text as text_module
from vetkit.course import TextField
from vetkit.text import VOCABULARY, Corpus, PreparedText
from vetkit.topics.evidence import _matcher as topic_matcher

ROOT = Path(__file__).resolve().parents[1]


def _example_texts() -> list[tuple[str, tuple]]:
    engine, found = vetkit.Engine(), []
    for path in sorted((ROOT / "docs" / "examples").glob("*.json")):
        try:
            course = engine.load_course(path.read_bytes())
        except vetkit.InvalidCourse:  # an example of a plugin's own vocabulary: its text as plain data
            course = vetkit.Course(json.loads(path.read_bytes()))
        found.append((path.name, course.texts()))
    return found


def _topic_corpus() -> list[tuple[str, tuple]]:
    """Each file of the topic corpus, its texts as the fields of one text."""
    found = []
    for path in sorted((ROOT / "corpus" / "topics").rglob("*.yaml")):
        texts = yaml.safe_load(path.read_text(encoding="utf-8")).get("texts", ())
        found.append((f"{path.parent.name}/{path.stem}",
                      tuple(TextField(f"/texts/{number}", item["text"], "modules.text")
                            for number, item in enumerate(texts))))
    return found


def _lexical_rows() -> tuple:
    """The lexical corpus's rows as the fields of one text."""
    rows = yaml.safe_load((ROOT / "tests" / "corpus" / "lexical.yaml").read_text(encoding="utf-8"))["rows"]
    return tuple(TextField(f"/rows/{number}", row["text"], row["field"]) for number, row in enumerate(rows))


def _edges() -> list[tuple[str, str]]:
    found = []
    # the edges: words with digits, underscores and apostrophes, accented letters, text whose case changes length
    found.append(("edges", "Forced labour_x 18U.S.C. don't İstanbul TRAFFICKING-trafficked, ß café Café's"))
    return found


EXAMPLES = [*_example_texts(), ("lexical corpus", _lexical_rows()), *_topic_corpus()]
LOOSE = _edges()


def _matchers() -> list:
    registry = vetkit.Engine().lexicons
    return [registry.get(name).matcher for name in registry.names()] + [topic_matcher()]


def _prepared_texts() -> list[tuple[str, PreparedText]]:
    return ([(name, Corpus(fields).prepared) for name, fields in EXAMPLES]
            + [(name, PreparedText(text)) for name, text in LOOSE])


def _reference_occurrences(prepared: PreparedText, word: str) -> tuple[int, ...]:
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE if prepared.lower is None else 0)
    return tuple(match.start() for match in pattern.finditer(prepared.lower or prepared.text))


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    _matchers()  # every pattern compiled: its words are in VOCABULARY
    return sorted(VOCABULARY)


@pytest.mark.parametrize("name, prepared", _prepared_texts(), ids=lambda value: value if isinstance(value, str) else "")
def test_occurrences_and_windows_match_a_regex_per_word(name, prepared, vocabulary):
    """Occurrences, field-limited positions and window tests agree with a whole-word regex (150 words of the
    lexicons' vocabulary in each text, chosen at random with a fixed seed)."""
    cache: dict[str, tuple[int, ...]] = {}

    def reference(word: str) -> tuple[int, ...]:
        if word not in cache:
            cache[word] = _reference_occurrences(prepared, word) if word in prepared.words else ()
        return cache[word]

    rng = random.Random(name)
    present = sorted(set(vocabulary) & prepared.words)
    words = sorted({*rng.sample(present, k=min(len(present), 150)), "trafficking", "nowhere-to-be-found", "labor"})
    for word in words:
        expected = reference(word)
        assert prepared.occurrences(word) == expected, word
        for start in expected[:3]:
            low, high = start - rng.randint(0, 40), start + rng.randint(0, 2)
            assert prepared.has_word_between(frozenset({word}), low, high), (word, low, high)
        fields = frozenset(rng.sample(range(len(prepared.bounds)), k=max(1, len(prepared.bounds) // 3)))
        group = frozenset({word, "victim", "labor"})
        expected_spans = sorted((start, start + len(member)) for member in group for start in reference(member)
                                if prepared.field_index(start) in fields)
        assert prepared.positions_in(group, fields) == expected_spans, word
    for _ in range(200):  # windows anywhere, found or not
        low = rng.randrange(-5, len(prepared.text) + 5)
        high = low + rng.randrange(0, 60)
        group = frozenset(rng.sample(words, k=min(len(words), rng.randint(1, 4))))
        expected = any(low <= start <= high for word in group for start in reference(word))
        assert prepared.has_word_between(group, low, high) is expected, (sorted(group), low, high)


def test_every_matcher_finds_the_same_hits_with_and_without_the_word_index(monkeypatch):
    """Every lexicon, phrase set and topic cue matcher gives identical hits through the word index and through
    a regular expression per word (the way vetkit found words before the index)."""
    matchers = _matchers()
    texts = [(name, lambda fields=fields: Corpus(fields).prepared) for name, fields in EXAMPLES] + \
        [(name, lambda text=text: PreparedText(text)) for name, text in LOOSE]
    total = 0
    for name, fresh in texts:
        indexed = [matcher.scan(fresh()) for matcher in matchers]
        with monkeypatch.context() as patch:
            patch.setattr(text_module, "_whole_words", lambda words: False)
            plain = [matcher.scan(fresh()) for matcher in matchers]
        assert indexed == plain, name
        total += sum(len(hits) for hits in indexed)
    assert total > 1000
