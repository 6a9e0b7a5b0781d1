"""Agreement between reviewers (Cohen's kappa, percent agreement) and the fingerprints answers carry."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

import vetkit
from vetkit.agreement import cohen_kappa, percent_agreement
from vetkit.fingerprint import Change, Fingerprint, changes, fingerprint
from engine_helpers import minimal_course

VERDICTS = st.sampled_from(["met", "not-met", "not-applicable"])


class TestCohenKappa:
    def test_hand_computed_example(self):
        """50 criteria: both met 20, A met/B not 5, A not/B met 10, both not 15.

        Observed 35/50 = 0.70; A says met 25/50, B 30/50; chance 0.5·0.6 + 0.5·0.4 = 0.50;
        kappa (0.70 - 0.50) / (1 - 0.50) = 0.40.
        """
        first = ["met"] * 20 + ["met"] * 5 + ["not-met"] * 10 + ["not-met"] * 15
        second = ["met"] * 20 + ["not-met"] * 5 + ["met"] * 10 + ["not-met"] * 15
        assert percent_agreement(first, second) == 70.0
        assert cohen_kappa(first, second) == pytest.approx(0.4)

    def test_three_categories_by_hand(self):
        """A: met, met, n/a, not-met; B: met, not-met, n/a, not-met. Observed 3/4; chance (2·1 + 1·2 + 1·1)/16."""
        first = ["met", "met", "not-applicable", "not-met"]
        second = ["met", "not-met", "not-applicable", "not-met"]
        chance = 5 / 16
        assert cohen_kappa(first, second) == pytest.approx((0.75 - chance) / (1 - chance))

    def test_perfect_and_undefined(self):
        """Identical ratings in two categories give 1; one shared category throughout leaves kappa undefined."""
        assert cohen_kappa(["met", "not-met"], ["met", "not-met"]) == 1.0
        assert cohen_kappa(["met", "met"], ["met", "met"]) is None

    def test_systematic_disagreement_is_negative(self):
        assert cohen_kappa(["met", "not-met"], ["not-met", "met"]) == -1.0

    @pytest.mark.parametrize(("first", "second"), [([], []), (["met"], [])])
    def test_needs_paired_ratings(self, first, second):
        with pytest.raises(ValueError, match="equally long, non-empty"):
            cohen_kappa(first, second)

    @given(st.lists(st.tuples(VERDICTS, VERDICTS), min_size=1, max_size=30))
    def test_symmetric_and_bounded(self, pairs):
        """Kappa does not depend on which reviewer is first and never exceeds 1."""
        first, second = [a for a, _ in pairs], [b for _, b in pairs]
        kappa = cohen_kappa(first, second)
        assert kappa == cohen_kappa(second, first)
        assert kappa is None or -1.0 <= kappa <= 1.0 + 1e-12
        assert 0.0 <= percent_agreement(first, second) <= 100.0


class TestFingerprint:
    def course(self, **changes) -> vetkit.Course:
        data = minimal_course()
        data["modules"].append({"id": "M2", "title": "Responding", "minutes": 10, "objectiveIds": ["O1"]})
        data.update(changes)
        return vetkit.load_course(data)

    def test_moved_evidence_is_no_change(self):
        """A module moved to another index keeps its digest: the answer still applies."""
        course = self.course()
        before = fingerprint(course, "Q?", ["/modules/1"])
        moved = minimal_course()
        moved["modules"].insert(0, {"id": "M2", "title": "Responding", "minutes": 10, "objectiveIds": ["O1"]})
        after = fingerprint(vetkit.load_course(moved), "Q?", ["/modules/0"])
        assert before.evidence != after.evidence and changes(before, after) == []

    def test_each_kind_of_change_names_its_pointer(self):
        recorded = Fingerprint("q1", {"/a": "1111111111111111", "/b": "2222222222222222"})
        current = Fingerprint("q2", {"/a": "3333333333333333", "/c": "4444444444444444"})
        assert changes(recorded, current) == [Change("question"), Change("changed", "/a"), Change("added", "/c"),
                                              Change("removed", "/b")]
        assert [c.describe() for c in changes(recorded, current)] == [
            "the question changed", "changed at /a", "new evidence at /c", "no longer at /b"]

    def test_a_value_swapped_for_another_known_value_is_a_change(self):
        """/b now holds /a's value: the set of values differs, and /b is named."""
        recorded = Fingerprint("q", {"/a": "1111111111111111", "/b": "2222222222222222"})
        current = Fingerprint("q", {"/a": "1111111111111111", "/b": "1111111111111111"})
        assert changes(recorded, current) == [Change("changed", "/b")]

    def test_a_finding_on_a_field_covers_its_entry(self):
        """A finding on a module's title fingerprints the module: editing its minutes is a change there."""
        before = fingerprint(self.course(), "Q?", ["/modules/1/title", "/modules/1/objectiveIds/0", "/title"])
        assert list(before.evidence) == ["/modules/1", "/title"]
        data = minimal_course()
        data["modules"].append({"id": "M2", "title": "Responding", "minutes": 15, "objectiveIds": ["O1"]})
        after = fingerprint(vetkit.load_course(data), "Q?", ["/modules/1/title", "/title"])
        assert changes(before, after) == [Change("changed", "/modules/1")]

    def test_no_pointer_means_the_whole_course(self):
        course = self.course()
        assert fingerprint(course, "Q?", []).evidence == {"": course.sha256[:16]}

    def test_absent_value_has_its_own_digest(self):
        """A pointer at a field that does not exist is fingerprinted too: adding the field is a change."""
        before = fingerprint(self.course(), "Q?", ["/description"])
        after = fingerprint(self.course(description="Now it exists."), "Q?", ["/description"])
        assert changes(before, after) == [Change("changed", "/description")]
