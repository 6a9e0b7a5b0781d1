"""Concept detectors: one family at a time, sentences written for these tests (not in the corpus).

The model is read with every family (what the bench measures); a course gets only the scored ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vetkit.concepts import detect, families, scored_families, shipped_model
from vetkit.concepts.detect import read_course
from vetkit.course import Course

ROOT = Path(__file__).resolve().parents[2]


def one_field(text: str, field: str = "text") -> Course:
    """A course whose one module (or one material, for imagery) holds ``text``."""
    if field == "description":
        return Course({"modules": [{"id": "M1", "text": "Slides for the roll call."}],
                       "materials": [{"id": "S1", "type": "image", "moduleId": "M1", "description": text}]})
    return Course({"modules": [{"id": "M1", "text": text}]})


def hits(text: str, field: str = "text") -> list:
    """The hits of every family, scored or not, in a course whose one field holds ``text``."""
    return list(read_course(one_field(text, field), shipped_model()))


def shown(text: str, field: str = "text") -> list[tuple[str, str]]:
    """(concept, effect) of every hit that counts against the course (fail or needs-review)."""
    return [(hit.concept, hit.effect) for hit in hits(text, field) if hit.effect != "note"]


# family -> a paraphrase the corpus does not hold, the concept it should find, and the field
PARAPHRASES = {
    "imagery": ("Opening slide: a teenager bound with chains behind bars, bruises on her wrists, crying.",
                "sensational-imagery", "description"),
    "statistics": ("Human trafficking is the fastest-growing criminal business anywhere on the planet.",
                   "stat-debunked", "text"),
    "myths": ("A big football game always brings a surge of girls trafficked into the host city.",
              "myth-M13", "text"),
    "arrest": ("Book the girl on a loitering charge so she is safe in juvenile hall tonight.",
               "arrest-as-protection", "text"),
    "rescue": ("Our officers rescue the girls from the life and bring them home to safety.",
               "rescue-framing", "text"),
    "entertainment": ("Show the kidnapping scene from the action movie to illustrate how traffickers operate.",
                      "entertainment-as-model", "text"),
}


@pytest.mark.parametrize("family", sorted(PARAPHRASES))
def test_paraphrase_not_in_the_corpus_is_shown(family):
    text, concept, field = PARAPHRASES[family]
    found = shown(text, field)
    assert [c for c, _ in found] == [concept], found
    assert found[0][1] in ("needs-review", "fail")


@pytest.mark.parametrize("text", [
    "Many recruits picture a victim held in chains. In most cases, though, the control is debt, threats and shame.",
    "People often say a trafficked woman would simply walk out the door if she wanted to. That is a myth: fear and "
    "debt keep her there.",
    "It is a mistake to think the Super Bowl brings a wave of trafficking; studies have found no such spike.",
])
def test_a_refutation_in_prose_is_not_held_against_the_course(text):
    assert shown(text) == []


@pytest.mark.parametrize("text", [
    'A recruiter told her: "You owe me for the ticket, so you work until I say you are done."',
    'One participant said, "If she could leave, it isn\'t trafficking," and the class took it apart.',
])
def test_a_quotation_is_not_held_against_the_course(text):
    assert shown(text) == []


@pytest.mark.parametrize("text", [
    "The Rescue & Restore campaign offers posters in six languages.",
    "Read the report Trafficking in Persons Report 2024 before the session.",
])
def test_a_title_or_name_is_not_held_against_the_course(text):
    assert shown(text) == []


def test_a_negated_harm_is_not_held_against_the_course():
    assert shown("No single indicator proves trafficking; treat each one as a reason to ask more questions.") == []


def test_the_current_estimate_is_not_a_superseded_one():
    assert shown("About 50 million people were living in modern slavery worldwide in 2021.") == []


def test_a_hit_says_its_concept_stance_and_confidence():
    text, concept, field = PARAPHRASES["imagery"]
    [hit] = hits(text, field)
    assert (hit.concept, hit.stance, hit.family, hit.pointer) == (concept, "asserted", "imagery",
                                                                  "/materials/0/description")
    assert 0.0 < hit.confidence <= 1.0 and "stance model" in hit.stance_reason


def test_only_the_scored_families_reach_a_course():
    assert scored_families() == ("statistics", "imagery")
    assert [family.id for family in families().values() if family.scored] == ["statistics", "imagery"]
    for family in sorted(PARAPHRASES):
        text, concept, field = PARAPHRASES[family]
        course = one_field(text, field)
        reached = [(hit.concept, hit.effect) for hit in detect(course)]
        assert reached == ([(concept, hits(text, field)[0].effect)] if family in scored_families() else []), family


def test_a_family_that_is_not_scored_adds_nothing_to_its_criterion():
    """The myth paraphrase the model finds, added to the roll-call example, leaves AC-07 as the lexicon decides
    it, with no detector part."""
    from vetkit.testing import run_rule

    text = PARAPHRASES["myths"][0]
    assert [hit.concept for hit in hits(text)] == ["myth-M13"]
    data = json.loads((ROOT / "docs" / "examples" / "roll-call-awareness.json").read_text(encoding="utf-8"))
    data["modules"][1]["text"] += " " + text
    result = run_rule("AC-07", Course(data), as_of="2026-11-25")
    assert result.outcome == "pass"
    assert "detectors" not in result.reason
    assert [f for f in result.findings if (f.term or "").startswith("myth-")] == []


def test_titles_of_modules_are_not_read():
    data = {"modules": [{"id": "M1", "title": "Our officers rescue the girls from the life and bring them home",
                         "text": "Roll call notes."}]}
    assert list(detect(Course(data))) == []


def test_scoring_imports_neither_numpy_nor_scikit_learn():
    code = ("import sys, vetkit\n"
            f"engine = vetkit.Engine()\n"
            f"course = engine.load_course(open({str(ROOT / 'docs' / 'examples' / 'dispatcher-call-taking.json')!r}, 'rb').read())\n"
            "report = engine.score(course, as_of='2026-11-25')\n"
            "from vetkit.concepts import concepts\n"
            "assert any(f.term in concepts() for r in report.results for f in r.findings), 'no detector finding'\n"
            "print(sorted(name for name in ('numpy', 'scipy', 'sklearn') if name in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_packed_scores_are_the_sums_of_the_weights():
    """A sentence's packed integer sums read back as the weights of its features added class by class."""
    from vetkit.concepts import shipped_model
    from vetkit.concepts.features import (
        concept_features,
        pair_features,
        word_features,
        words,
    )

    model = shipped_model().concept
    sentence = words("If the cousin who brought her in speaks English, ask him to interpret for her.")
    features = concept_features(sentence)
    totals = [0] * len(model.classes)
    for feature in features:
        for item in model.lines.get(feature, "").split():
            index, weight = item.split(":")
            totals[int(index)] += int(weight)
    expected = [bias + total / model.scale / len(features) ** 0.5 for bias, total in zip(model.bias, totals)]
    assert any(totals) and min(totals) < 0
    assert model.sentence_scores(sentence, word_features, pair_features) == pytest.approx(expected, abs=1e-9)
    assert model.scores(features) == pytest.approx(expected, abs=1e-9)


def test_retraining_reproduces_the_shipped_models():
    pytest.importorskip("sklearn")
    from vetkit.concepts import training

    assert training.differences(training.load_corpus(), training.load_neutral()) is None
