"""Plain words: no internal row id reaches a reader without its plain name.

Lexicon rows (L12, M10, S01, I01), phrase sets (P-VC, N-COND) and source keys (IRINA) appear in
messages only as "plain name (ID)"; guideline sections (§4.7, "guidelines 5.1") and decision ids
((D3)) never appear. Checked over every reason, finding message and suggestion of the three bundled
examples and of every built-in rule's own examples.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

import vetkit
from vetkit.bibliography import sources
from vetkit.examples import example_course
from vetkit.lexical import Lexicon, PhraseSet

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
#: Source keys that are also the names people know an organisation or program by: they read as words.
NAMES = {"DOL", "GAATW", "IADLEST", "NENA", "NHTTAC", "SAMHSA", "SOAR"}
NEVER = re.compile(r"§\s*\d|\(D\d+\)|\bguidelines'? \d|\bguidelines'? §")


@lru_cache(maxsize=1)
def engine() -> vetkit.Engine:
    return vetkit.Engine(environ={})


@lru_cache(maxsize=1)
def plain_names() -> dict[str, str]:
    """Every internal id a message may show, with the plain name that must come before it."""
    names = {key: source.name for key, source in sources().items() if key not in NAMES and key != "‡"}
    registry = engine().lexicons
    for name in registry.names():
        value = registry.get(name)
        if isinstance(value, Lexicon):
            names.update((term.id, term.label) for term in value.terms)
        elif isinstance(value, PhraseSet):
            names[value.id] = value.label
    return names


def bare_ids(text: str) -> list[str]:
    """The internal ids in ``text`` not written as "plain name (ID)", and any section or decision id."""
    problems = [match.group(0) for match in NEVER.finditer(text)]
    for identifier, name in plain_names().items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", text):
            if not text[:match.start()].endswith(f"{name} ("):
                problems.append(identifier)
    return problems


def texts_of(report) -> list[tuple[str, str]]:
    found = []
    for result in report.results:
        found.append((f"{result.rule_id} reason", result.reason))
        for finding in result.findings:
            found.append((f"{result.rule_id} {finding.pointer}", finding.message))
            if finding.suggestion:
                found.append((f"{result.rule_id} {finding.pointer} fix", finding.suggestion))
    return found


def test_the_checker_catches_bare_ids():
    assert sorted(bare_ids("L12 “rescue” needs review (D3), see §4.7 and guidelines 5.1; P-VC")) == [
        "(D3)", "L12", "P-VC", "guidelines 5", "§4"]
    assert bare_ids("rescue / save framing (L12): “rescue”; victim-centered wording (P-VC) is present") == []
    assert bare_ids("Irina Project, Language Matters (IRINA)") == []
    assert bare_ids("see IRINA") == ["IRINA"]


@pytest.mark.parametrize("name", sorted(path.name for path in EXAMPLES.glob("*.json")))
def test_bundled_examples_speak_plainly(name):
    report = engine().score(EXAMPLES / name, as_of="2025-06-01")
    bad = [(where, text, bare_ids(text)) for where, text in texts_of(report) if bare_ids(text)]
    assert not bad, "\n".join(f"{where}: {ids}: {text}" for where, text, ids in bad)


def test_rule_examples_speak_plainly():
    """Every example of every built-in rule, scored for its rule alone."""
    own = {info.name for info in engine().plugins if info.distribution == "vetkit"}
    bad = []
    checked = 0
    for rule in engine().rules.values():
        if rule.plugin not in own:
            continue
        for example in rule.examples:
            report = engine().score(example_course(example), select=(rule.id,), as_of="2025-06-01")
            for where, text in texts_of(report):
                checked += 1
                if bare_ids(text):
                    bad.append(f"{rule.id} {example.name!r} {where}: {bare_ids(text)}: {text}")
    assert checked > 300
    assert not bad, "\n".join(bad)


def test_every_lexicon_row_and_phrase_set_has_a_plain_name():
    missing = sorted(identifier for identifier, name in plain_names().items() if not name)
    assert missing == []


def test_every_cited_source_is_in_the_bibliography():
    """Each source key of a built-in rule, lexicon row or phrase set has a name, a citation and its addresses."""
    cited = set()
    for rule in engine().rules.values():
        cited.update(rule.sources)
    registry = engine().lexicons
    for name in registry.names():
        value = registry.get(name)
        terms = value.terms if isinstance(value, Lexicon) else [value]
        for term in terms:
            cited.update(term.sources)
    table = sources()
    assert sorted(cited - set(table)) == []
    for key, source in table.items():
        assert source.name and source.citation, key
        assert all(url.startswith(("https://", "http://")) for url in source.urls), key
