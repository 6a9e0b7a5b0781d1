"""The default text report: every finding of a failing or pending criterion with its fix, quotes
cut at word boundaries and shown once per criterion; passes only with -v."""

from __future__ import annotations

from pathlib import Path

import pytest

import vetkit
from vetkit.render import text as text_report
from vetkit.render.summary import quoted
from vetkit.text import clip, word_window

EXAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "roll-call-awareness.json"


@pytest.fixture(scope="module")
def report():
    return vetkit.score(EXAMPLE, rubric="ht-training", as_of="2026-11-25")


def block(rendered: str, rule_id: str) -> list[str]:
    """The lines of one criterion's block."""
    lines = rendered.splitlines()
    start = next(i for i, line in enumerate(lines) if f" {rule_id} (" in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("  ") and not
                lines[i].startswith("   ") or not lines[i].strip()), len(lines))
    return lines[start:end]


def test_every_finding_with_its_fix_by_default(report):
    """DV-04 fails: its finding gives pointer, line, message and fix without -v."""
    assert block(text_report.render(report), "DV-04") == [
        ("  FAIL   DV-04 (info) Provenance is disclosed (developer, funders, review date, references), with "
         "conflicts of interest stated."),
        "         Provenance is incomplete: funding missing.",
        ("         - /funding (line 1): Funding is not disclosed; `funding: []` would say that there was no outside "
         "funder."),
        "           Fix: List every funder (source and award number) in `funding`, or `funding: []` if none.",
    ]


def test_shared_fix_once_and_repeated_quote_once(report):
    """CV-06: two findings quote the same topic list; it is shown once. LO-03: three findings share one fix."""
    cv06 = block(text_report.render(report), "CV-06")
    assert sum(1 for line in cv06 if line.strip().startswith("\u201ctopics the modules teach:")) == 1
    assert [line.strip() for line in cv06 if line.strip().startswith("Fix")] == [
        "Fix: Cover online recruitment, advertising and devices as evidence, and tag the module `technology`.",
        "Fix: Cover money flows (payments, debts, cash apps, bank records) and tag the module `financial`."]
    lo03 = block(text_report.render(report), "LO-03")
    assert ("           Fix (the 3 findings above): Rewrite the item: one clearly correct answer, plausible distractors "
            "of similar length, no catch-alls or double negatives.") in lo03


def test_passes_only_with_verbose(report):
    """A passing criterion is listed with -v only."""
    passing = next(r.rule_id for r in report.results if r.outcome == "pass")
    assert f" {passing} (" not in text_report.render(report)
    assert f"  PASS   {passing} (" in text_report.render(report, verbose=True)


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Runaway, homeless and foster youth face higher risk.", 20, "Runaway, homeless…"),
    ("Runaway, homeless and foster youth face higher risk.", 60, "Runaway, homeless and foster youth face higher risk."),
    ("Runaway,   homeless\nand foster", 19, "Runaway, homeless…"),
    ("one two three", 8, "one two…"),
    ("https://example.org/a-very-long-address-without-spaces", 20, "https://example.org…"),
])
def test_clip_cuts_at_a_word_boundary(text, limit, expected):
    """Never mid-word ("Runaway, homel"), always with "…" when cut; a long unbroken token is cut where it must be."""
    assert clip(text, limit) == expected


def test_word_window_keeps_the_match_and_whole_words():
    """A window around a match is narrowed to whole words at both ends."""
    text = "Runaway, homeless and foster youth face higher risk."
    start = text.index("foster")
    assert word_window(text, 12, 38, start, start + len("foster")) == (17, 35)  # not "meless ... fac"
    assert text[17:35] == " and foster youth "
    assert word_window(text, 17, 35, start, start + len("foster")) == (17, 35)  # already whole words
    assert word_window(text, 24, 26, start, start + len("foster")) == (24, 26)  # never cuts into the match


@pytest.mark.parametrize(("evidence", "shown"), [
    ("levels: [1, 2]", "\u201clevels: [1, 2]\u201d"),
    ("\u201ca minor in commercial sex\u201d (at /modules/0/text)", "\u201ca minor in commercial sex\u201d (at /modules/0/text)"),
    ('"fees" owed', '"fees" owed'),
])
def test_quotes_are_never_doubled(evidence, shown):
    """Evidence that opens or closes with a quote mark of its own gets no second pair."""
    assert quoted(evidence) == shown
