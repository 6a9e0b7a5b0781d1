"""Built-in checks stay linear on large hostile inputs: on inputs that once took minutes, each finishes well
within the engine's time budget (the growth itself is measured by bench/scaling.py, not here)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vetkit
from vetkit.kit import find_marker
from vetkit.kit.judging import _INDEXED, _cues

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import scaling

AS_OF = "2026-06-30"


@pytest.fixture(scope="module")
def engine():
    return vetkit.Engine()


def outcomes(engine, course, rules):
    report = engine.score(course, rubric="ht-training", as_of=AS_OF, select=rules)
    return {result.rule_id: (result.outcome, "time budget" in result.reason) for result in report.results}


@pytest.mark.parametrize("shape", ["letters", "dots", "word-dots"])
def test_readability_of_a_long_title(engine, shape):
    """AU-02 reads a 160,000-character title of letters or dots (once 13 to 20 s for 40,000) without running out."""
    found = outcomes(engine, scaling.SHAPES[shape](160_000), ["AU-02"])
    assert found["AU-02"][1] is False and found["AU-02"][0] != "error"


def test_acronyms_in_long_capitals(engine):
    """AU-02 reads 400,000 characters of short capitalised words (acronyms and shouted runs) without running out."""
    course = scaling.SHAPES["capitals"](400_000)
    course["modules"][0]["text"] = course["modules"][0]["text"].replace("ABCD EFGH ", "AB CD. EF GH IJ. ")
    found = outcomes(engine, course, ["AU-02"])
    assert found["AU-02"][1] is False and found["AU-02"][0] != "error"


def test_markup_in_long_text(engine):
    """AU-02 reads 400,000 characters of unclosed brackets, back-quotes and at-signs without running out."""
    found = outcomes(engine, scaling.SHAPES["brackets"](400_000), ["AU-02"])
    assert found["AU-02"][1] is False and found["AU-02"][0] != "error"


_PLAIN_SPELLED_OUT = re.compile(r"[A-Za-z][\w'’,-]*\s+\(([A-Z]{2,6})s?\)")  # the pattern before, quadratic


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ1_'’,-. @()\n\t") + ["AB", "CDE", "(FOO)", "(ABs)", "Name"]),
                max_size=30).map("".join))
def test_spelled_out_acronyms_are_found_as_before(text):
    """The linear pattern for "Full Name (ABC)" finds exactly the acronyms the plain pattern found."""
    from vetkit_audience.readability import spelled_out_after

    assert spelled_out_after(text) == set(_PLAIN_SPELLED_OUT.findall(text))


def test_phone_numbers_in_long_text(engine):
    """RR-01 and the checks that read numbers get through 200,000 characters of phone-like digits (once 9 s for
    20,000) without running out."""
    found = outcomes(engine, scaling.SHAPES["digits"](200_000), ["RR-01", "CV-05", "LF-06"])
    assert {rule: value for rule, value in found.items() if value[1] or value[0] == "error"} == {}


def test_alignment_map_reads_each_module_a_few_times():
    """The alignment map (built for every report) reads each module a few times, not once per objective."""
    from vetkit.alignment import alignment_map

    class Counting(dict):
        reads = 0

        def __getitem__(self, key):
            Counting.reads += 1
            return super().__getitem__(key)

        def get(self, key, default=None):
            Counting.reads += 1
            return super().get(key, default)

    course = scaling.SHAPES["objects"](62_500)
    course["modules"] = [Counting(module) for module in course["modules"]]
    alignment_map(course)
    assert len(course["modules"]) == 500 and Counting.reads <= 10 * 500


def test_many_indicator_modules(engine):
    """AC-08 reads the texts of 7,000 modules tagged `indicators` once each (once all of them per module) in time."""
    found = outcomes(engine, scaling.SHAPES["objects"](700_000), ["AC-08"])
    assert found["AC-08"][1] is False and found["AC-08"][0] != "error"


@pytest.mark.parametrize("shape", ["hits-one-block", "hits"])
def test_many_hits_in_one_material(engine, shape):
    """The lexical checks judge 700,000 characters of myths and harmful phrases (once minutes) without running out."""
    rules = ["TI-01", "TI-06", "TI-13", "AC-02", "AC-03", "AC-04", "AC-05", "AC-07", "AC-08", "AC-09", "LO-05"]
    found = outcomes(engine, scaling.SHAPES[shape](700_000), rules)
    assert {rule: value for rule, value in found.items() if value[1] or value[0] == "error"} == {}


def test_one_myth_stated_thousands_of_times(engine):
    """The myth checks judge a material that states one myth 25,000 times (each hit once compared with every
    other hit of its detector in its text) without running out."""
    sentence = "Trafficking requires moving a person across state lines. "
    course = scaling._in_material("\n\n".join([sentence * 5] * 5000))
    found = outcomes(engine, course, ["AC-02", "AC-07"])
    assert {rule: value for rule, value in found.items() if value[1] or value[0] == "error"} == {}


def test_one_myth_stated_throughout_one_paragraph(engine):
    """The myth checks judge a material of 1.5 million characters that states one myth 31,000 times in a single
    paragraph (each hit once searched its whole reach for a correction marker) without running out."""
    sentence = "Trafficking requires movement across a border. "
    course = scaling._in_material(sentence * 31_000)
    found = outcomes(engine, course, ["AC-02", "AC-07"])
    assert found == {"AC-02": ("fail", False), "AC-07": ("fail", False)}


_MARKER_TEXT = st.lists(st.sampled_from(["myth", "myths", "mythical", "is", "false", "not", "true", "in", "fact", "fact:",
                                         "people", "believe", "commonly", "assumed", "the", "truth", "reality",
                                         "case", "stereotypes", "x", "-", ",", ".", "\n"]), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(words=_MARKER_TEXT, data=st.data())
def test_markers_of_a_long_text_are_those_of_its_window(words, data):
    """In a long text, the first correction marker of a window (whose ends do not cut a word) is the one a
    search of that window alone finds."""
    piece = " ".join(words)
    text = (piece + " ") * (_INDEXED // (len(piece) + 1) + 2)
    bounds = [0, len(text)] + [match.start() for match in re.finditer(r"\b", text)]
    start = data.draw(st.sampled_from(bounds))
    end = data.draw(st.sampled_from([bound for bound in bounds if bound >= start]))
    found = [match for regex in _cues()["correction_markers"] if (match := regex.search(text, start, end))]
    direct = min(found, key=lambda match: match.start()).group() if found else None
    assert find_marker(text, start, end) == direct


def test_quoted_slang_in_one_paragraph(engine):
    """TI-08 judges 44,000 quoted phrases in one paragraph (each hit once compared with every quotation of the
    paragraph) without running out."""
    sentence = 'Traffickers call the street "the track" and refer to their way of living as "the life". '
    course = scaling._in_material(sentence * 22_000)
    found = outcomes(engine, course, ["TI-08"])
    assert found["TI-08"] == ("pass", False)
