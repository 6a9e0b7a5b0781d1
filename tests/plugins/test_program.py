"""The program plugin: development (DV-01 to DV-06), delivery and media (DM-04 to DM-06), evaluation (EV-*)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest

import vetkit
from vetkit.testing import run_rule
from vetkit.examples import example_course

AS_OF = dt.date(2026, 11, 25)
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_program") / "rules", plugin="program")}
EXAMPLES = [(rule, example) for rule in RULES.values() for example in rule.examples]


def run(rule_id: str, params: dict | None = None, as_of: dt.date = AS_OF, **top):
    """Run one rule on the base course with ``top`` laid over it."""
    return run_rule(rule_id, vetkit.load_course(example_course(top)), params=params, as_of=as_of)


def approx(value: float):
    """Scores are rounded to four decimals."""
    return pytest.approx(value, abs=1e-4)


def fails(result) -> list[str]:
    """Pointers of the findings that fail the rule, in order."""
    return [finding.pointer for finding in result.findings if finding.effect == "fail"]


def notes(result) -> list[str]:
    """Pointers of the note findings, in order."""
    return [finding.pointer for finding in result.findings if finding.effect == "note"]


def instructor(identifier="I1", role="lead", **fields) -> dict:
    return {"id": identifier, "role": role, "disciplines": ["law-enforcement"], **fields}


QUALIFIED = {"htExperienceYears": 5, "traumaInformedTrained": True}
DEV = {"smeDisciplines": ["law-enforcement", "victim-services"]}


class TestCatalogue:
    def test_plugin_provides_exactly_its_criteria(self):
        """The plugin defines DV-01..06, DM-04..06 and EV-01..04, and none of DM-01..03."""
        assert sorted(RULES) == ["DM-04", "DM-05", "DM-06", "DV-01", "DV-02", "DV-03", "DV-04", "DV-05", "DV-06",
                                 "EV-01", "EV-02", "EV-03", "EV-04"]

    @pytest.mark.parametrize("rule_id", sorted(RULES))
    def test_rule_metadata(self, rule_id):
        """Every rule has a check, its table severity and a reviewer question when it is a proxy."""
        rule = RULES[rule_id]
        assert rule.check.startswith("vetkit_program.checks:") and callable(rule.load_check())
        assert rule.method == ("auto",)
        assert rule.sources
        if rule.proxy:
            assert rule.question.endswith("?")
        expected = {"DV-01": "warning", "DV-02": "warning", "DV-03": "warning", "DV-04": "info", "DV-05": "info",
                    "DV-06": "info", "DM-04": "warning", "DM-05": "info", "DM-06": "info", "EV-01": "warning",
                    "EV-02": "info", "EV-03": "warning", "EV-04": "info"}
        assert rule.severity == expected[rule_id]

    def test_proxy_rules(self):
        """DV-02, DM-04 and EV-04 are the proxy rules."""
        assert sorted(rule_id for rule_id, rule in RULES.items() if rule.proxy) == ["DM-04", "DV-02", "EV-04"]


@pytest.mark.parametrize("rule, example", EXAMPLES, ids=[f"{r.id}:{e.name}" for r, e in EXAMPLES])
def test_example(rule, example):
    """Each documented example gets its outcome, with findings at the pointers it names."""
    result = run_rule(rule.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
    assert result.outcome == example.expect, result.reason
    assert set(example.pointers) <= {finding.pointer for finding in result.findings}
    if result.outcome == "fail":
        assert fails(result) and 0.0 <= result.score < 1.0


class TestDV01:
    SME = "/development/smeDisciplines"

    @pytest.mark.parametrize("disciplines, params, outcome, score, failing", [
        (["law-enforcement", "prosecution", "victim-services"], None, "pass", 1.0, []),
        (["law-enforcement", "prosecution"], None, "fail", 0.5, [SME, SME]),
        (["law-enforcement", "prosecution", "mental-health"], None, "fail", 0.75, [SME]),
        (["victim-services"], None, "fail", 0.5, [SME]),
        ([], None, "fail", 0.0, [SME, SME]),
        (["law-enforcement", "victim-services"], {"sme.min_disciplines": 2}, "pass", 1.0, []),
        (["law-enforcement", "victim-services", "legal"], {"sme.required": ["victim-services", "mental-health"]},
         "fail", 0.8, [SME]),
        (["law-enforcement", "prosecution", "legal"], {"sme.required": "legal"}, "pass", 1.0, []),
    ])
    def test_disciplines(self, disciplines, params, outcome, score, failing):
        """Distinct disciplines count against the minimum and every required discipline, with partial credit."""
        result = run("DV-01", params, development={"smeDisciplines": disciplines})
        assert (result.outcome, result.score, fails(result)) == (outcome, approx(score), failing)

    def test_missing_development(self):
        """Without a development record the criterion fails at the disciplines' place."""
        result = run("DV-01")
        assert (result.outcome, result.score, fails(result)) == ("fail", 0.0, [self.SME])

    def test_reason_names_threshold_and_missing_discipline(self):
        """The reason states the threshold used and the missing required discipline."""
        reason = run("DV-01", development={"smeDisciplines": ["law-enforcement", "prosecution"]}).reason
        assert "sme.min_disciplines = 3" in reason and "victim-services missing" in reason


class TestDV02:
    WHERE = "/development/survivorInvolvement"
    GOOD = {"stages": ["design"], "compensated": True, "storyRequired": False}

    @pytest.mark.parametrize("changes, params, outcome, failing", [
        ({}, None, "pass", []),
        ({"stages": []}, None, "fail", [f"{WHERE}/stages"]),
        ({"compensated": False}, None, "fail", [f"{WHERE}/compensated"]),
        ({"storyRequired": True}, None, "fail", [f"{WHERE}/storyRequired"]),
        ({"compensated": False}, {"survivor.require_compensated": False}, "pass", []),
        ({"storyRequired": True}, {"survivor.forbid_story_required": False}, "pass", []),
        ({}, {"survivor.min_stages": 2}, "fail", [f"{WHERE}/stages"]),
        ({"stages": ["design", "delivery"]}, {"survivor.min_stages": 2}, "pass", []),
        ({"stages": [], "compensated": False, "storyRequired": True}, None, "fail",
         [f"{WHERE}/stages", f"{WHERE}/compensated", f"{WHERE}/storyRequired"]),
    ])
    def test_involvement(self, changes, params, outcome, failing):
        """Stages, payment and the story requirement are each checked against their parameter."""
        result = run("DV-02", params, development={**DEV, "survivorInvolvement": {**self.GOOD, **changes}})
        assert (result.outcome, fails(result)) == (outcome, failing)

    def test_diversity_question_is_a_note(self):
        """Diversity of the survivors is left to the reviewer as a note that does not change the outcome."""
        result = run("DV-02", development={**DEV, "survivorInvolvement": self.GOOD})
        assert result.outcome == "pass" and notes(result) == [self.WHERE]
        assert "sex and labor" in result.findings[0].message

    def test_partial_credit(self):
        """Two of three requirements unmet leave a third of the credit."""
        result = run("DV-02", development={**DEV, "survivorInvolvement": {**self.GOOD, "stages": [],
                                                                          "compensated": False}})
        assert result.score == approx(1 / 3)

    @pytest.mark.parametrize("development", [None, DEV])
    def test_missing_involvement_fails(self, development):
        """No survivorInvolvement (or no development at all) is missing evidence: fail."""
        result = run("DV-02", **({"development": development} if development else {}))
        assert (result.outcome, result.score, fails(result)) == ("fail", 0.0, [self.WHERE])


class TestDV03:
    GUIDE = {**DEV, "instructorGuide": True}

    @pytest.mark.parametrize("person, outcome, failing", [
        (instructor(**QUALIFIED), "pass", []),
        (instructor(htExperienceYears=1, traumaInformedTrained=True), "fail", ["/instructors/0/htExperienceYears"]),
        (instructor(htExperienceYears=1.5, traumaInformedTrained=True), "fail",
         ["/instructors/0/htExperienceYears"]),
        (instructor(htExperienceYears=2, traumaInformedTrained=True), "pass", []),
        (instructor(traumaInformedTrained=True), "fail", ["/instructors/0/htExperienceYears"]),
        (instructor(role="co-facilitator", htExperienceYears=5, traumaInformedTrained=False), "fail",
         ["/instructors/0/traumaInformedTrained"]),
        (instructor(role="guest", htExperienceYears=0, traumaInformedTrained=True), "pass", []),
        (instructor(role="guest", htExperienceYears=10), "fail", ["/instructors/0/traumaInformedTrained"]),
        (instructor(role="survivor-leader", traumaInformedTrained=False), "fail",
         ["/instructors/0/traumaInformedTrained"]),
        (instructor(role="evaluator"), "pass", []),
        (instructor(**QUALIFIED, qualifications=[{"name": "TI facilitation", "validUntil": "2026-11-25"}]),
         "pass", []),
        (instructor(**QUALIFIED, qualifications=[{"name": "TI facilitation", "validUntil": "2026-11-24"}]),
         "fail", ["/instructors/0/qualifications/0/validUntil"]),
        (instructor(**QUALIFIED, qualifications=[{"name": "Academy instructor"},
                                                 {"name": "HT instructor", "validUntil": "2020-01-01"}]),
         "fail", ["/instructors/0/qualifications/1/validUntil"]),
    ])
    def test_single_instructor(self, person, outcome, failing):
        """Years apply to leads and co-facilitators, trauma-informed training to all but evaluators, expiry to all."""
        result = run("DV-03", instructors=[person])
        assert (result.outcome, fails(result)) == (outcome, failing)

    def test_trauma_informed_requirement_can_be_switched_off(self):
        """With instructor.require_trauma_informed false, the training is not checked."""
        result = run("DV-03", {"instructor.require_trauma_informed": False},
                     instructors=[instructor(htExperienceYears=3)])
        assert result.outcome == "pass"

    def test_min_years_parameter(self):
        """instructor.min_ht_years is read from the parameters."""
        result = run("DV-03", {"instructor.min_ht_years": 6}, instructors=[instructor(**QUALIFIED)])
        assert fails(result) == ["/instructors/0/htExperienceYears"]
        assert "instructor.min_ht_years = 6" in result.reason

    def test_expired_qualification_names_its_date(self):
        """An expired qualification is named with its expiry date."""
        result = run("DV-03", instructors=[instructor(**QUALIFIED, qualifications=[
            {"name": "HT instructor", "validUntil": "2025-06-30"}])])
        assert "2025-06-30" in result.findings[0].message and "HT instructor" in result.findings[0].message

    def test_every_gap_of_every_instructor_is_a_finding(self):
        """Each instructor and qualification gets its own finding and the score counts the checks."""
        result = run("DV-03", instructors=[
            instructor(htExperienceYears=1, traumaInformedTrained=False,
                       qualifications=[{"name": "Q", "validUntil": "2024-01-01"}]),
            instructor("I2", "co-facilitator", **QUALIFIED)])
        assert fails(result) == ["/instructors/0/htExperienceYears", "/instructors/0/traumaInformedTrained",
                                 "/instructors/0/qualifications/0/validUntil"]
        assert result.score == approx(2 / 5)

    @pytest.mark.parametrize("top", [
        {"delivery": {"modes": ["roll-call"], "totalMinutes": 60}},
        {"delivery": {"modes": ["in-person", "blended"], "totalMinutes": 60}},
        {"audience": {"roles": ["trainer"], "experience": "in-service"}},
        {"instructors": [instructor(**QUALIFIED), instructor("I2", **QUALIFIED)]},
    ], ids=["roll-call", "blended", "trainer-audience", "two-leads"])
    def test_scaled_delivery_needs_a_guide(self, top):
        """Roll-call, blended or self-paced modes, a trainer audience or several leads require an instructor guide."""
        top = {"instructors": [instructor(**QUALIFIED)], **top}
        assert fails(run("DV-03", development=DEV, **top)) == ["/development/instructorGuide"]
        assert run("DV-03", development=self.GUIDE, **top).outcome == "pass"

    def test_single_delivery_without_guide_is_a_note(self):
        """One lead teaching in person needs no guide; its absence is only a note."""
        result = run("DV-03", instructors=[instructor(**QUALIFIED), instructor("I2", "co-facilitator", **QUALIFIED)])
        assert (result.outcome, notes(result)) == ("pass", ["/development/instructorGuide"])

    def test_no_instructors(self):
        """Live delivery without instructors fails; the self-paced-only course needs only the guide."""
        assert fails(run("DV-03")) == ["/instructors"]
        self_paced = {"delivery": {"modes": ["self-paced"], "totalMinutes": 60}}
        assert fails(run("DV-03", **self_paced)) == ["/development/instructorGuide"]
        assert run("DV-03", development=self.GUIDE, **self_paced).outcome == "pass"
        mixed = {"delivery": {"modes": ["self-paced", "live-online"], "totalMinutes": 60}}
        assert fails(run("DV-03", development=self.GUIDE, **mixed)) == ["/instructors"]

    @pytest.mark.parametrize("modes, guide, outcome, failing, reviewing", [
        (["roll-call"], True, "needs-review", [], ["/instructors"]),
        (["roll-call", "self-paced"], True, "needs-review", [], ["/instructors"]),
        (["roll-call"], False, "fail", ["/development/instructorGuide"], ["/instructors"]),
        (["roll-call", "in-person"], True, "fail", ["/instructors"], []),
    ])
    def test_roll_call_without_instructors_goes_to_a_reviewer(self, modes, guide, outcome, failing, reviewing):
        """Roll-call is led by whoever is on shift: unlisted instructors need review; the guide is still required."""
        development = self.GUIDE if guide else DEV
        result = run("DV-03", development=development, delivery={"modes": modes, "totalMinutes": 60})
        assert (result.outcome, fails(result)) == (outcome, failing)
        assert [f.pointer for f in result.findings if f.effect == "needs-review"] == reviewing


class TestDV04:
    FULL = {"funding": [{"source": "Office for Victims of Crime"}],
            "references": [{"id": "R1", "title": "TVPA", "type": "statute", "citation": "22 U.S.C. 7102"}],
            "lifecycle": {"owner": "Training Unit", "lastReviewed": "2026-01-01"}}

    @pytest.mark.parametrize("changes, outcome, score, failing", [
        ({}, "pass", 1.0, []),
        ({"funding": []}, "pass", 1.0, []),
        ({"references": []}, "fail", 0.75, ["/references"]),
        ({"funding": None}, "fail", 0.75, ["/funding"]),
        ({"lifecycle": None}, "fail", 0.75, ["/lifecycle/lastReviewed"]),
        ({"funding": None, "references": None, "lifecycle": None}, "fail", 0.25,
         ["/funding", "/references", "/lifecycle/lastReviewed"]),
    ])
    def test_provenance(self, changes, outcome, score, failing):
        """Provider, funding statement, references and review date each count; `funding: []` declares none."""
        top = {key: value for key, value in {**self.FULL, **changes}.items() if value is not None}
        result = run("DV-04", **top)
        assert (result.outcome, result.score, fails(result)) == (outcome, score, failing)

    def test_conflicts_go_to_the_reviewer(self):
        """A note at /provider asks the reviewer about conflicts of interest, naming the provider type."""
        result = run("DV-04", **self.FULL)
        assert notes(result) == ["/provider"] and "(academy)" in result.findings[-1].message


class TestDV05:
    @pytest.mark.parametrize("development, outcome", [
        ({**DEV, "pilotTested": True}, "pass"),
        ({**DEV, "pilotTested": False}, "fail"),
        (DEV, "fail"),
        (None, "fail"),
    ])
    def test_pilot(self, development, outcome):
        """Only `pilotTested: true` passes; false or absent fails at the field."""
        result = run("DV-05", **({"development": development} if development else {}))
        assert result.outcome == outcome
        assert fails(result) == ([] if outcome == "pass" else ["/development/pilotTested"])


class TestDV06:
    @pytest.mark.parametrize("top, outcome, failing, noted", [
        ({"development": {**DEV, "accreditation": [{"authority": "POST", "validUntil": "2026-11-25"}]}},
         "pass", [], []),
        ({"development": {**DEV, "accreditation": [{"authority": "POST", "validUntil": "2026-11-24"}]}},
         "fail", ["/development/accreditation/0/validUntil"], []),
        ({"development": {**DEV, "accreditation": [{"authority": "POST", "number": "7"}]}},
         "fail", ["/development/accreditation/0/validUntil"], []),
        ({"lifecycle": {"owner": "U", "lastReviewed": "2026-01-01",
                        "approvals": [{"authority": "POST", "status": "approved", "validUntil": "2027-01-01"}]}},
         "pass", [], []),
        ({"lifecycle": {"owner": "U", "lastReviewed": "2026-01-01",
                        "approvals": [{"authority": "POST", "status": "pending"}]}},
         "fail", ["/development/accreditation"], ["/lifecycle/approvals/0/status"]),
        ({"lifecycle": {"owner": "U", "lastReviewed": "2026-01-01",
                        "approvals": [{"authority": "POST", "status": "denied"},
                                      {"authority": "NCP", "status": "expired", "validUntil": "2026-01-01"}]}},
         "fail", ["/lifecycle/approvals/0/status", "/lifecycle/approvals/1/status"], []),
        ({"development": {**DEV, "accreditation": [{"authority": "NCP", "validUntil": "2028-01-01"}]},
          "lifecycle": {"owner": "U", "lastReviewed": "2026-01-01",
                        "approvals": [{"authority": "POST", "status": "approved", "validUntil": "2024-05-31"},
                                      {"authority": "X", "status": "revoked"}]}},
         "pass", [], ["/lifecycle/approvals/0/validUntil", "/lifecycle/approvals/1/status"]),
        ({}, "fail", ["/development/accreditation"], []),
    ], ids=["valid-through-today", "expired-yesterday", "undated", "approval-current", "pending-only",
            "denied-and-expired", "current-plus-lapsed", "nothing"])
    def test_currency(self, top, outcome, failing, noted):
        """Only an unexpired validUntil counts; lapsed entries fail, or are notes beside a current one."""
        result = run("DV-06", **top)
        assert (result.outcome, fails(result), notes(result)) == (outcome, failing, noted)

    def test_lapsed_entries_are_named_with_their_dates(self):
        """Expired approvals are named with their authority and date in the findings and reason."""
        result = run("DV-06", lifecycle={"owner": "U", "lastReviewed": "2026-01-01", "approvals": [
            {"authority": "Ohio POST", "status": "approved", "validUntil": "2025-03-31"},
            {"authority": "IADLEST NCP", "status": "expired", "validUntil": "2025-12-31"}]})
        assert "Ohio POST" in result.findings[0].message and "2025-03-31" in result.findings[0].message
        assert "2025-12-31" in result.findings[1].message
        assert "Ohio POST" in result.reason and "IADLEST NCP" in result.reason

    def test_as_of_decides(self):
        """The same accreditation is current before its date and lapsed after it."""
        top = {"development": {**DEV, "accreditation": [{"authority": "POST", "validUntil": "2026-06-30"}]}}
        assert run("DV-06", as_of=dt.date(2026, 6, 30), **top).outcome == "pass"
        assert run("DV-06", as_of=dt.date(2026, 7, 1), **top).outcome == "fail"


def media(kind: str, **fields) -> dict:
    return {"id": "MAT1", "title": f"A {kind}", "type": kind, **fields}


class TestDM04:
    @pytest.mark.parametrize("materials, outcome, failing", [
        ([media("video", accessibility={"captions": True})], "pass", []),
        ([media("video", accessibility={"transcript": True})], "pass", []),
        ([media("audio", transcript="Operator: hotline, how can I help?")], "pass", []),
        ([media("video", transcript="   ")], "fail", ["/materials/0/accessibility"]),
        ([media("audio", accessibility={"captions": False, "transcript": False})], "fail",
         ["/materials/0/accessibility"]),
        ([{"id": "S1", "title": "Slides", "type": "slides"}, {"id": "I1", "title": "Photo", "type": "image"}],
         "pass", []),
    ])
    def test_media(self, materials, outcome, failing):
        """Video and audio need captions, a transcript flag or transcript text; other materials are not checked."""
        result = run("DM-04", materials=materials)
        assert (result.outcome, fails(result)) == (outcome, failing)

    def test_partial_credit(self):
        """One of two videos without captions halves the score."""
        result = run("DM-04", materials=[{"id": "V1", "title": "A", "type": "video", "accessibility": {"captions": True}},
                                         {"id": "V2", "title": "B", "type": "video"}])
        assert (result.score, fails(result)) == (0.5, ["/materials/1/accessibility"])

    def test_video_activity_without_listed_video(self):
        """A video activity with no video among the materials cannot show captions: fail at its type."""
        activity = {"id": "A1", "title": "Clip", "type": "video", "minutes": 5, "moduleId": "M1", "objectiveIds": ["O1"]}
        assert fails(run("DM-04", activities=[activity])) == ["/activities/0/type"]
        video = {"id": "V1", "title": "Clip", "type": "video", "accessibility": {"captions": True}}
        assert run("DM-04", activities=[activity], materials=[video]).outcome == "pass"

    def test_languages_and_508_are_notes(self):
        """availableLanguages and the Section 508 question are reported as notes."""
        result = run("DM-04", availableLanguages=["es", "vi"])
        assert notes(result) == ["/availableLanguages", "/materials"]
        assert "es" in result.findings[0].message and "vi" in result.findings[0].message
        assert "508" in result.findings[1].message


def activity(identifier, kind, minutes):
    return {"id": identifier, "title": identifier, "type": kind, "minutes": minutes, "moduleId": "M1",
            "objectiveIds": ["O1"]}


class TestDM05:
    @pytest.mark.parametrize("activities, params, outcome, score", [
        ([activity("A1", "lecture", 70), activity("A2", "discussion", 30)], None, "pass", 1.0),
        ([activity("A1", "lecture", 71), activity("A2", "discussion", 29)], None, "fail", 29 / 30),
        ([activity("A1", "video", 30), activity("A2", "reading", 30), activity("A3", "tabletop", 40)],
         None, "pass", 1.0),
        ([activity("A1", "lecture", 50), activity("A2", "role-play", 50)], {"interactive.min_share": 0.6},
         "fail", 0.5 / 0.6),
        ([activity("A1", "lecture", 0)], None, "fail", 0.0),
    ])
    def test_interactive_share(self, activities, params, outcome, score):
        """Every type except lecture, video and reading is interactive; the share is over activity minutes."""
        result = run("DM-05", params, activities=activities)
        assert (result.outcome, result.score) == (outcome, approx(score))
        assert fails(result) == ([] if outcome == "pass" else ["/activities"])

    def test_no_activities(self):
        """Without activities the share cannot be computed: fail at /activities."""
        assert fails(run("DM-05")) == ["/activities"]

    def test_thin_activity_coverage_is_noted(self):
        """A share that passes only because activities cover little of the module time is noted."""
        result = run("DM-05", activities=[activity("A1", "scenario", 10)])
        assert (result.outcome, notes(result)) == ("pass", ["/activities"])

    def roll_call(self, minutes, modes=("roll-call",)):
        modules = [{"id": f"M{i + 1}", "title": f"Segment {i + 1}", "minutes": m, "objectiveIds": ["O1"],
                    "topics": ["indicators"]} for i, m in enumerate(minutes)]
        return {"delivery": {"modes": list(modes), "totalMinutes": sum(minutes)}, "modules": modules,
                "activities": [activity("A1", "discussion", sum(minutes))]}

    def test_roll_call_modules(self):
        """At roll call only, every module over roll_call.max_module_minutes is a finding."""
        assert run("DM-05", **self.roll_call([20, 15])).outcome == "pass"
        result = run("DM-05", **self.roll_call([21, 15, 45]))
        assert fails(result) == ["/modules/0/minutes", "/modules/2/minutes"]
        assert result.score == approx((1.0 + 1 / 3) / 2)
        assert run("DM-05", {"roll_call.max_module_minutes": 45}, **self.roll_call([21, 15, 45])).outcome == "pass"

    def test_roll_call_among_other_modes_only_notes(self):
        """When roll call is one mode of several, long modules are notes, not failures."""
        result = run("DM-05", **self.roll_call([60, 15], modes=("roll-call", "in-person")))
        assert (result.outcome, notes(result)) == ("pass", ["/modules/0/minutes"])


class TestDM06:
    def test_kinds_matched_loosely(self):
        """Recommended kinds are matched by words in job aids' titles and descriptions; the rest are notes."""
        result = run("DM-06", materials=[
            {"id": "J1", "title": "Wallet card", "type": "job-aid", "description": "Red flags and hotline numbers"},
            {"id": "J2", "title": "Report-writing checklist", "type": "job-aid"}])
        assert result.outcome == "pass" and notes(result) == ["/materials"]
        assert "interpreter" in result.findings[0].message

    def test_all_kinds_present(self):
        """Four job aids covering every kind leave no notes."""
        titles = ["Indicator pocket card", "Referral list", "Documentation checklist", "Working with interpreters"]
        materials = [{"id": f"J{i}", "title": t, "type": "job-aid"} for i, t in enumerate(titles)]
        result = run("DM-06", materials=materials)
        assert (result.outcome, result.findings) == ("pass", ())

    def test_no_job_aid_fails_and_points_at_lookalikes(self):
        """Without job aids the rule fails; a handout that looks like one is suggested for retyping."""
        result = run("DM-06", materials=[{"id": "H1", "title": "Interpreter checklist", "type": "handout"}])
        assert result.outcome == "fail" and fails(result) == ["/materials"]
        assert "/materials/0/type" in notes(result)

    def test_no_materials(self):
        """A course with no materials fails at /materials."""
        assert fails(run("DM-06")) == ["/materials"]


LEVELS = {n: {"level": n, "instrument": f"instrument {n}"} for n in (1, 2, 3, 4)}


class TestEV01:
    @pytest.mark.parametrize("levels, follow, params, outcome, score, failing", [
        ([1, 2, 3, 4], 90, None, "pass", 1.0, []),
        ([1, 2, 3, 4], 180, None, "pass", 1.0, []),
        ([1, 2, 3, 4], 89, None, "fail", 0.8, ["/evaluation/followUpDays"]),
        ([1, 2, 3, 4], 181, None, "fail", 0.8, ["/evaluation/followUpDays"]),
        ([1, 2, 3, 4], None, None, "fail", 0.8, ["/evaluation/followUpDays"]),
        ([1, 2], None, None, "fail", 0.5, ["/evaluation/levels", "/evaluation/levels"]),
        ([1, 2, 4], 30, None, "fail", 0.75, ["/evaluation/levels"]),
        ([1, 3, 4], 120, None, "fail", 0.0, ["/evaluation/levels"]),
        ([], None, None, "fail", 0.0, ["/evaluation/levels"] * 4),
        ([1, 2, 4], None, {"evaluation.required_levels": [1, 2, 3]}, "fail", 0.0, ["/evaluation/levels"]),
        ([1, 2, 3, 4], 30, {"evaluation.follow_up_days": [14, 60]}, "pass", 1.0, []),
        ([1, 2], 120, None, "fail", 0.5, ["/evaluation/levels"]),  # level 3 to a reviewer, level 4 missing
    ])
    def test_levels(self, levels, follow, params, outcome, score, failing):
        """Required levels missing score 0; unplanned levels and a bad level-3 follow-up cost partial credit."""
        evaluation = {"levels": [LEVELS[n] for n in levels]}
        if follow is not None:
            evaluation["followUpDays"] = follow
        result = run("EV-01", params, evaluation=evaluation)
        assert (result.outcome, result.score, fails(result)) == (outcome, approx(score), failing)

    def test_follow_up_without_a_level_3_entry_goes_to_a_reviewer(self):
        """followUpDays in range but no level-3 instrument: the follow-up may be the level 3, a reviewer decides."""
        result = run("EV-01", evaluation={"levels": [LEVELS[1], LEVELS[2], LEVELS[4]], "followUpDays": 120})
        assert result.outcome == "needs-review"
        assert [(f.effect, f.pointer) for f in result.findings] == [("needs-review", "/evaluation/followUpDays")]

    def test_no_evaluation(self):
        """No evaluation is missing evidence: fail at /evaluation/levels."""
        result = run("EV-01")
        assert (result.outcome, result.score, fails(result)) == ("fail", 0.0, ["/evaluation/levels"])

    def test_reason_names_the_gaps(self):
        """The reason lists what is missing, including the follow-up days and the range."""
        result = run("EV-01", evaluation={"levels": [LEVELS[1], LEVELS[3]], "followUpDays": 30})
        assert "level 2 missing" in result.reason and "level 4 not planned" in result.reason
        assert "30 days, outside 90-180" in result.reason


class TestEV02:
    def test_metrics(self):
        """At least one results metric passes; kinds no metric mentions are notes."""
        result = run("EV-02", evaluation={"levels": [LEVELS[1]], "resultsMetrics": ["Victims referred to advocates"]})
        assert result.outcome == "pass"
        assert notes(result) == ["/evaluation/resultsMetrics"] * 4
        assert not any("referrals to victim services" in finding.message for finding in result.findings)

    @pytest.mark.parametrize("evaluation", [None, {"levels": [LEVELS[1]]}, {"levels": [], "resultsMetrics": []}])
    def test_missing_metrics(self, evaluation):
        """No evaluation, or no results metrics, fails at /evaluation/resultsMetrics."""
        result = run("EV-02", **({"evaluation": evaluation} if evaluation else {}))
        assert (result.outcome, fails(result)) == ("fail", ["/evaluation/resultsMetrics"])


class TestEV03:
    BASE = {"owner": "Training Unit", "lastReviewed": "2026-01-01", "reviewCycleMonths": 24,
            "history": [{"date": "2026-01-01", "version": "1.0", "summary": "First release."}]}

    @pytest.mark.parametrize("changes, params, outcome, score, failing", [
        ({}, None, "pass", 1.0, []),
        ({"reviewCycleMonths": 25}, None, "fail", 0.75, ["/lifecycle/reviewCycleMonths"]),
        ({"reviewCycleMonths": 36}, {"review.max_cycle_months": 36}, "pass", 1.0, []),
        ({"reviewCycleMonths": None}, None, "fail", 0.75, ["/lifecycle/reviewCycleMonths"]),
        ({"history": None}, None, "fail", 0.75, ["/lifecycle/history"]),
        ({"history": []}, None, "fail", 0.75, ["/lifecycle/history"]),
        ({"history": None, "reviewCycleMonths": 48}, None, "fail", 0.5,
         ["/lifecycle/history", "/lifecycle/reviewCycleMonths"]),
    ])
    def test_lifecycle(self, changes, params, outcome, score, failing):
        """Owner, version, history and a review cycle within review.max_cycle_months each count."""
        lifecycle = {key: value for key, value in {**self.BASE, **changes}.items() if value is not None}
        result = run("EV-03", params, lifecycle=lifecycle)
        assert (result.outcome, result.score, fails(result)) == (outcome, score, failing)

    def test_no_lifecycle(self):
        """No lifecycle is missing evidence: fail at /lifecycle."""
        assert (run("EV-03").outcome, fails(run("EV-03"))) == ("fail", ["/lifecycle"])

    def test_version_mismatch_is_noted(self):
        """A latest history version other than the course version is a note at that entry."""
        lifecycle = {**self.BASE, "history": [{"date": "2025-01-01", "version": "0.9", "summary": "Draft."},
                                              {"date": "2026-01-01", "version": "0.9.1", "summary": "Fixes."}]}
        result = run("EV-03", lifecycle=lifecycle)
        assert (result.outcome, notes(result)) == ("pass", ["/lifecycle/history/1/version"])


class TestEV04:
    def history(self, *sources):
        return {"lifecycle": {"owner": "U", "lastReviewed": "2026-01-01", "history": [
            {"date": f"202{i}-01-01", "summary": f"Revision {i}.", **({"feedbackSources": s} if s else {})}
            for i, s in enumerate(sources)]}}

    @pytest.mark.parametrize("sources, outcome, score, missing", [
        ([["survivors", "victim-services", "participants"]], "pass", 1.0, []),
        ([["participants"], ["survivors"], ["victim-services", "prosecutors"]], "pass", 1.0, []),
        ([["participants", "prosecutors"]], "fail", 1 / 3, ["survivors", "victim-services"]),
        ([None, None], "fail", 0.0, ["survivors", "victim-services", "participants"]),
    ])
    def test_sources(self, sources, outcome, score, missing):
        """Sources are gathered over all revisions; each missing required source is named in a finding."""
        result = run("EV-04", **self.history(*sources))
        assert (result.outcome, result.score) == (outcome, approx(score))
        assert fails(result) == ["/lifecycle/history"] * len(missing)
        for source, finding in zip(missing, [f for f in result.findings if f.effect == "fail"]):
            assert source in finding.message
        assert notes(result) == ["/lifecycle/history"]

    @pytest.mark.parametrize("lifecycle", [None, {"owner": "U", "lastReviewed": "2026-01-01"}])
    def test_no_history(self, lifecycle):
        """No history to read is missing evidence: fail at /lifecycle/history."""
        result = run("EV-04", **({"lifecycle": lifecycle} if lifecycle else {}))
        assert (result.outcome, result.score, fails(result)) == ("fail", 0.0, ["/lifecycle/history"])
