"""Guard tests over the built-in catalogue: every rule documented, every example run, every rubric resolved."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest

import vetkit
from vetkit.examples import example_course
from vetkit.rubric import Criterion, Rubric
from vetkit.rules import CATEGORIES

AS_OF = dt.date(2026, 11, 25)
ENGINE = vetkit.Engine()
RULES = list(ENGINE.rules.values())
#: Criteria per category in the vetting guidelines (§1.1): 68 in all.
GUIDELINE_COUNTS = {"TI": 14, "AC": 9, "CV": 7, "AU": 6, "LO": 5, "DV": 6, "DM": 6, "EV": 4, "RR": 4, "LF": 7}


def one_rule_rubric(rule_id: str) -> Rubric:
    return Rubric(id="one", version="1", title=f"only {rule_id}", criteria=[Criterion(rule_id)])


class TestRuleMetadata:
    def test_every_guideline_criterion_has_a_rule(self):
        """The built-in plugins provide exactly the 68 criteria of the guidelines, category by category."""
        counts = Counter(rule.id.split("-")[0] for rule in RULES)
        assert dict(counts) == GUIDELINE_COUNTS

    @pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
    def test_rule_is_documented(self, rule):
        """A rule has a well-formed id, a known category, its reasons, a fix and sources."""
        assert re.fullmatch(r"[A-Z]{2}-\d{2}", rule.id)
        assert rule.category == CATEGORIES[rule.id[:2]][0]
        assert len(rule.title) > 10 and len(rule.rationale) > 20 and len(rule.how_to_fix) > 10
        assert rule.sources, f"{rule.id} names no source"

    @pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
    def test_rule_has_a_passing_and_a_failing_example(self, rule):
        """Automated rules show a pass and a fail; manual rules show what awaits a reviewer."""
        expected = {example.expect for example in rule.examples}
        if set(rule.method) == {"manual"}:
            assert "needs-review" in expected
        elif "manual" in rule.method:  # a reviewer decides whatever the automated part lets through
            assert "fail" in expected and "needs-review" in expected
        elif set(rule.method) == {"lexical"} and "fail" not in expected:
            # lexical hits ask a reviewer unless a row is unambiguous (§1.2): the failing side is a review
            assert "pass" in expected and "needs-review" in expected
        else:
            assert "pass" in expected and "fail" in expected

    @pytest.mark.parametrize("rule", [r for r in RULES if "manual" in r.method or r.proxy], ids=lambda r: r.id)
    def test_reviewer_rules_ask_a_question(self, rule):
        """Manual and proxy rules carry the question a reviewer answers and where to look."""
        assert rule.question and rule.question.rstrip().endswith("?")
        assert rule.evidence

    def test_listing_rules_imports_no_check_code(self):
        """Loading the catalogue leaves check modules unimported."""
        import subprocess
        import sys

        code = ("import sys, vetkit; vetkit.Engine().rules; "
                "print(sorted(m for m in sys.modules if m.startswith('vetkit_') and m.endswith('.checks')))")
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert output.strip() == "[]"


EXAMPLES = [(rule, example) for rule in RULES for example in rule.examples]


@pytest.mark.parametrize("rule, example", EXAMPLES, ids=[f"{r.id}:{e.name}" for r, e in EXAMPLES])
def test_rule_example(rule, example):
    """Each example course gets the outcome it documents, with findings at the pointers it names."""
    course = ENGINE.load_course(example_course(example))
    report = ENGINE.score(course, rubric=one_rule_rubric(rule.id), as_of=AS_OF)
    result = report.result(rule.id)
    assert result.outcome == example.expect, result.reason
    pointers = {finding.pointer for finding in result.findings}
    assert set(example.pointers) <= pointers, f"findings at {sorted(pointers)}"
    if result.outcome in ("fail", "needs-review") and not rule.manual:
        assert result.findings, "a non-passing result points at the course"
        assert all(finding.suggestion for finding in result.findings)


class TestRubrics:
    @pytest.mark.parametrize("rubric_id", ENGINE.rubric_ids())
    def test_rubric_resolves(self, rubric_id):
        """Every registered rubric resolves and every criterion is provided by a rule."""
        rubric = ENGINE.rubric(rubric_id)
        assert rubric.criteria
        assert all(criterion.id in ENGINE.rules for criterion in rubric.criteria)

    def test_ht_training_scores_every_rule(self):
        """The vetting rubric selects every built-in criterion, with the severity verdict rule."""
        rubric = ENGINE.rubric("ht-training")
        assert {c.id for c in rubric.criteria} == set(ENGINE.rules)
        assert rubric.verdict_rule == "severity"
