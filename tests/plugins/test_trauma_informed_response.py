"""The trauma-informed plugin's victim-response rules: TI-01 to TI-06 and TI-09 to TI-14."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path
from typing import ClassVar

import pytest
from vetkit_trauma_informed import victim_response

import vetkit
from vetkit.testing import installed_engine, run_rule
from vetkit.course import Course
from vetkit.examples import example_course

AS_OF = dt.date(2026, 11, 25)
RULE_IDS = ["TI-01", "TI-02", "TI-03", "TI-04", "TI-05", "TI-06", "TI-09", "TI-10", "TI-11", "TI-12", "TI-13",
            "TI-14"]
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_trauma_informed") / "rules",
                                                     plugin="trauma_informed") if rule.id in RULE_IDS}
EXAMPLES = [(rule, example) for rule in RULES.values() for example in rule.examples]
DOCS = Path(__file__).parents[2] / "docs" / "examples"
BASE_TOPICS = ["labor-trafficking", "sex-trafficking", "indicators"]


def module(text: str = "", topics=(), identifier: str = "M1", **extra) -> dict:
    """A module of the base course with extra topics and text."""
    entry = {"id": identifier, "title": f"Module {identifier}", "minutes": 30, "objectiveIds": ["O1"],
             "topics": BASE_TOPICS + list(topics), **extra}
    if text:
        entry["text"] = text
    return entry


def activity(identifier: str, kind: str, module_id: str = "M1", **extra) -> dict:
    return {"id": identifier, "title": f"Activity {identifier}", "type": kind, "minutes": 15, "moduleId": module_id,
            "objectiveIds": ["O1"], **extra}


def run(rule_id: str, params: dict | None = None, **top):
    """Run one rule on the base course with ``top`` laid over it (validated)."""
    return run_rule(rule_id, vetkit.load_course(example_course(top)), params=params, as_of=AS_OF)


def run_raw(rule_id: str, **top):
    """Run one rule on an unvalidated course (to reach states the loader rejects)."""
    return run_rule(rule_id, Course(example_course(top)), as_of=AS_OF)


def pointers(result, effect: str) -> list[str]:
    """Pointers of the findings with one effect, in order."""
    return [finding.pointer for finding in result.findings if finding.effect == effect]


def approx(value: float):
    return pytest.approx(value, abs=1e-4)


class TestCatalogue:
    def test_rules_and_modes_follow_the_guidelines(self):
        """Each rule has the mode, proxy flag and default severity of the §2.1 table."""
        expected = {
            "TI-01": (("auto", "lexical"), False, "error"), "TI-02": (("lexical",), True, "warning"),
            "TI-03": (("lexical",), True, "warning"), "TI-04": (("auto",), True, "warning"),
            "TI-05": (("auto", "lexical"), False, "error"), "TI-06": (("lexical",), False, "error"),
            "TI-09": (("manual",), False, "info"), "TI-10": (("auto",), False, "warning"),
            "TI-11": (("auto",), True, "warning"), "TI-12": (("auto",), False, "warning"),
            "TI-13": (("auto", "lexical"), False, "warning"), "TI-14": (("manual",), False, "warning"),
        }
        assert {rule_id: (rule.method, rule.proxy, rule.severity) for rule_id, rule in RULES.items()} == expected

    def test_thresholds_use_the_guideline_keys(self):
        """TI-02 reads the §3 key trauma_principles.min with its default (3 of the 4 Rs or 4 of SAMHSA's 6)."""
        assert RULES["TI-02"].parameters == {"trauma_principles.min": {"four-rs": 3, "samhsa": 4}}
        assert RULES["TI-03"].parameters == {"behavior.min_signs": 2}
        assert RULES["TI-04"].parameters["contact.error_roles"] == ["investigator", "task-force", "multidisciplinary"]

    def test_reviewer_rules_ask_a_question(self):
        """Manual and proxy rules carry a reviewer question and where to look."""
        for rule in RULES.values():
            if rule.proxy or "manual" in rule.method:
                assert rule.question.rstrip().endswith("?") and rule.evidence, rule.id

    def test_helper_sets_are_registered(self):
        """The plugin registers its helper phrase sets, so a rubric or an academy can extend them."""
        registry = installed_engine().lexicons
        assert registry.phrase_set("cooperation").id == "COOPERATION"
        assert registry.phrase_set("offender-terms").id == "OFFENDERS"


@pytest.mark.parametrize("rule, example", EXAMPLES, ids=[f"{r.id}:{e.name}" for r, e in EXAMPLES])
def test_rule_example(rule, example):
    """Each rule example gets its documented outcome, with findings at the pointers it names."""
    course = vetkit.load_course(example_course(example))
    result = run_rule(rule.id, course, as_of=AS_OF)
    assert result.outcome == example.expect, result.reason
    got = {finding.pointer for finding in result.findings}
    assert set(example.pointers) <= got, got
    if result.outcome in ("fail", "needs-review"):
        assert result.findings and all(finding.suggestion for finding in result.findings)


PVC = "A victim-centered approach means help is offered regardless of whether the person cooperates."


class TestTI01:
    @pytest.mark.parametrize("text, outcome, fails, reviews", [
        (PVC, "pass", [], []),
        (PVC + " Shelter is offered only if the victim agrees to testify.", "fail", ["/modules/0/text"], []),
        (PVC + ' One survivor was told: "You get shelter only if you testify."', "needs-review", [],
         ["/modules/0/text"]),
        (PVC + " Call the advocate only if the person asks for one.", "needs-review", [], ["/modules/0/text"]),
        (PVC + " Victims may refuse to testify; shelter is offered only if a bed is free.", "needs-review", [],
         ["/modules/0/text"]),
        (("A victim-centered approach: services are given regardless of cooperation, as long as the person "
          "testifies later."), "needs-review", [], ["/modules/0/text"]),
        (PVC + " Never tell a person that shelter is available only if she testifies.", "pass", [], []),
        ("A victim-centered approach puts the person first.", "needs-review", [], ["/modules/0/text"]),
        (PVC + " Shelter beds go to the women who agree to give a statement.", "fail", ["/modules/0/text"], []),
        (PVC + " Shelter is open to every victim, including the ones who agree to testify later.", "needs-review",
         [], ["/modules/0/text"]),
        ("A victim-centered approach applies to minors: any minor induced into commercial sex is a victim "
         "regardless of whether force, fraud or coercion is involved.", "needs-review", [], ["/modules/0/text"]),
        ("A victim-centered approach: shelter is offered regardless of whether the person agrees to testify.",
         "pass", [], []),
    ], ids=["unconditional", "own-voice", "quoted", "other-condition", "other-clause", "also-unconditional",
            "negated", "paraphrase", "who-agree-to", "who-agree-including", "regardless-of-the-law",
            "regardless-of-testifying"])
    def test_conditional_help(self, text, outcome, fails, reviews):
        """Only a clause that ties help to cooperation in the course's own voice fails; doubtful uses are reviewed."""
        result = run("TI-01", modules=[module(text, ["victim-centered"])])
        assert (result.outcome, pointers(result, "fail"), pointers(result, "needs-review")) == (outcome, fails, reviews)

    def test_one_finding_per_sentence(self):
        """Two overlapping conditional patterns in one sentence give one finding, naming the set and the sentence."""
        result = run("TI-01", modules=[module(PVC + " Shelter is offered only if they agree to testify.",
                                              ["victim-centered"])])
        [finding] = [f for f in result.findings if f.effect == "fail"]
        assert finding.term == "N-COND" and finding.severity == "error"
        assert finding.evidence == "Shelter is offered only if they agree to testify."
        assert "own voice" in finding.message and "→ fail (error)" in finding.message

    def test_quoted_use_is_a_warning(self):
        """A quoted conditional offer is reviewed at warning, not at the rule's error severity."""
        result = run("TI-01", modules=[module(PVC + ' One survivor was told: "You get shelter only if you testify."',
                                              ["victim-centered"])])
        assert result.severity == "warning"
        assert [f.severity for f in result.findings if f.effect == "needs-review"] == ["warning"]

    def test_untagged_teaching_counts_and_the_tag_is_suggested(self):
        """A module whose text teaches the victim-centered response counts without the tag; a note suggests it."""
        result = run("TI-01", modules=[module(PVC)])
        assert (result.outcome, pointers(result, "fail")) == ("pass", [])
        assert [f.suggestion for f in result.findings if f.effect == "note"][0] == (
            "Add `victim-centered` to the module's topics.")

    def test_a_tag_without_teaching_fails_at_the_tag(self):
        """A `victim-centered` tag on a module that says nothing about it fails at the tag, and says so."""
        result = run("TI-01", modules=[module("Look for debts that never shrink and papers held by the employer.",
                                              ["victim-centered"])])
        assert (result.outcome, pointers(result, "fail")[0]) == ("fail", "/modules/0/topics/3")
        assert result.findings[0].message.startswith(
            "Module M1 “Module M1” is tagged `victim-centered`, but no sentence in it teaches victim centered")

    def test_true_false_prompt_keyed_false_is_a_note(self):
        """A conditional offer in a true-false prompt whose answer is False corrects the practice."""
        items = [{"id": "Q1", "type": "true-false", "prompt": "Shelter is offered only if the victim cooperates.",
                  "answer": "False", "objectiveIds": ["O1"]}]
        result = run("TI-01", modules=[module(PVC, ["victim-centered"])], assessments=[
            {"id": "T1", "title": "Check", "type": "knowledge-check", "purpose": "formative", "objectiveIds": ["O1"],
             "items": items}])
        assert result.outcome == "pass"
        assert pointers(result, "note")[-1] == "/assessments/0/items/0/prompt"


class TestTI02:
    RS = ("Realize how common trauma is. Recognize the signs of trauma. Respond to trauma with patience.")
    SAMHSA = ("The principles: physical and emotional safety, trustworthiness and transparency, peer support and "
              "empowerment, voice and choice.")

    @pytest.mark.parametrize("text, topics, params, outcome", [
        (RS, ["trauma-informed"], None, "pass"),
        (SAMHSA, ["trauma-informed"], None, "pass"),
        ("Realize how common trauma is. Recognize the signs of trauma.", ["trauma-informed"], None, "needs-review"),
        ("Realize how common trauma is. Recognize the signs of trauma.", ["trauma-informed"],
         {"trauma_principles.min": {"four-rs": 2}}, "pass"),
        ("Trustworthiness, empowerment and peer support matter.", ["trauma-informed"], None, "needs-review"),
        ("Trustworthiness, empowerment and peer support matter.", ["trauma-informed"],
         {"trauma_principles.min": 3}, "pass"),
        (RS, [], None, "pass"),
        ("Look for debts that never shrink and papers held by the employer.", [], None, "fail"),
    ], ids=["three-Rs", "four-SAMHSA", "two-Rs", "two-Rs-lowered", "three-SAMHSA", "flat-threshold", "untagged",
            "not-taught"])
    def test_coverage_per_family(self, text, topics, params, outcome):
        """Either family at its minimum passes; below it a reviewer checks; no module teaching it fails."""
        assert run("TI-02", params, modules=[module(text, topics)]).outcome == outcome

    def test_reason_names_the_principles_found(self):
        """The reason states the threshold used and the principles found in each family."""
        result = run("TI-02", modules=[module(self.SAMHSA, ["trauma-informed"])])
        assert "trauma_principles.min = 3 four-rs or 4 samhsa" in result.reason
        assert "samhsa 4 of 6 (need 4): safety, trustworthiness and transparency, peer support, empowerment" \
               in result.reason

    def test_review_points_at_the_teaching_module(self):
        """Missing principles are reported at the text of the module that teaches a trauma-informed approach."""
        text = "Trauma changes how a person remembers and speaks; a trauma-informed officer adjusts the interview to it."
        result = run("TI-02", modules=[module("No principles here."), module(text, ["trauma-informed"], "M2")])
        assert pointers(result, "needs-review") == ["/modules/1/text"]


class TestTI03:
    def test_threshold_from_parameters(self):
        """behavior.min_signs decides how many behaviors must be named."""
        text = "Many people do not self-identify, and fear of the police keeps them silent."
        assert run("TI-03", modules=[module(text, ["victim-behavior"])]).outcome == "pass"
        assert run("TI-03", {"behavior.min_signs": 3}, modules=[module(text, ["victim-behavior"])]).outcome == \
            "needs-review"


FIRST_CONTACT = ("At first contact, speak with the person privately, away from anyone who may control them; say who "
                 "you are and what happens next, and put their safety before your questions.")

FIRST_CONTACT_PRACTICE = ("Role-play the first contact with a worker found at a job site: speak with her privately, say "
                          "who you are and put her safety first.")


class TestTI04:
    @pytest.mark.parametrize("roles, modules, activities, outcome, severity, score, fails", [
        (["patrol"], [module(FIRST_CONTACT, ["first-contact"])], [activity("A1", "role-play")], "pass", "warning", 1.0, []),
        (["patrol"], [module(), module(FIRST_CONTACT, ["first-contact"], "M2")],
         [activity("A1", "scenario", tags=["first-contact"], description=FIRST_CONTACT_PRACTICE)], "pass", "warning",
         1.0, []),
        (["patrol"], [module(FIRST_CONTACT, ["first-contact"])], [activity("A1", "lecture", tags=["first-contact"])], "fail",
         "warning", 0.5, ["/activities"]),
        (["patrol", "investigator"], [module(FIRST_CONTACT, ["first-contact"])], [activity("A1", "scenario")], "fail", "error",
         0.5, ["/modules", "/activities"]),
        (["prosecutor"], [module()], [], "fail", "warning", 0.0, ["/modules", "/activities"]),
        (["task-force"], [module()], [], "fail", "error", 0.0, ["/modules", "/activities"]),
        (["supervisor", "executive"], [module()], [], "not-applicable", "warning", None, []),
    ], ids=["tagged-module", "tagged-activity", "lecture-only", "two-roles", "prosecutor", "task-force", "n/a"])
    def test_role_topics_and_practice(self, roles, modules, activities, outcome, severity, score, fails):
        """Each needed topic must be taught and practised; investigative audiences escalate to error."""
        result = run("TI-04", audience={"roles": roles, "experience": "in-service"}, modules=modules,
                     activities=activities)
        assert (result.outcome, result.severity, result.score, pointers(result, "fail")) == \
            (outcome, severity, score if score is None else approx(score), fails)

    def test_the_missing_practice_says_why_each_activity_does_not_count(self):
        """An activity on the subject of another type, and one of the right type on another subject, are each named."""
        result = run("TI-04", audience={"roles": ["patrol"], "experience": "in-service"},
                     modules=[module(FIRST_CONTACT, ["first-contact"]), module("Housekeeping.", [], "M2")],
                     activities=[activity("A1", "tabletop"), activity("A2", "scenario", "M2")])
        assert [f.message for f in result.findings if f.pointer == "/activities"] == [
            "No role-play or scenario activity practises trauma-informed first contact: A2 (scenario) is on another "
            "subject (neither its own text nor its module's teaches it); A1 (tabletop) is on it, but only a role-play "
            "or scenario counts as practice (contact.practice_types)."]

    def test_table_is_a_parameter(self):
        """A rubric can extend contact.role_topics, e.g. to dispatchers."""
        params = {"contact.role_topics": {"dispatcher": ["first-contact"]}}
        result = run("TI-04", params, audience={"roles": ["dispatcher"], "experience": "in-service"})
        assert result.outcome == "fail"


NON_CRIMINALIZATION = ("People compelled by a trafficker to commit crimes are victims: do not arrest or charge them for "
                       "those acts, and connect them with an advocate instead.")


class TestTI05:
    @pytest.mark.parametrize("text, outcome, fails, reviews", [
        ("Do not arrest victims for what they were compelled to do.", "pass", [], []),
        ("Officers may detain the juvenile for her own safety.", "fail", ["/modules/0/text"], []),
        ("Arrest the trafficker to help the victim get free.", "needs-review", [], ["/modules/0/text"]),
        ("Never arrest a person to get her to talk.", "pass", [], []),
        ("Victims are often arrested for crimes; call an advocate to help them.", "needs-review", [],
         ["/modules/0/text"]),
        ("If she won't cooperate, book her on the prostitution charge so she is off the street.", "fail",
         ["/modules/0/text"], []),
        ("Hold her overnight until she is ready to talk.", "fail", ["/modules/0/text"], []),
        ('Nobody should be arrested "for their own protection".', "pass", [], []),
        ("No one is detained for her own safety in this unit.", "pass", [], []),
        ("| Do | Don't |\n|---|---|\n| Call the advocate | Detain her for her own safety |", "pass", [], []),
        ("### What not to do\n\n- Arrest a minor to keep her off the street.\n", "pass", [], []),
    ], ids=["clean", "own-voice", "offender-named", "negated", "other-clause", "so-she-is", "until-ready",
            "nobody", "no-one", "dont-column", "negated-heading"])
    def test_arrest_as_help(self, text, outcome, fails, reviews):
        """Arrest presented as help fails in one clause of the course's own voice; doubtful uses are reviewed."""
        result = run("TI-05", modules=[module(text), module(NON_CRIMINALIZATION, ["non-criminalization"], "M2")])
        assert (result.outcome, pointers(result, "fail"), pointers(result, "needs-review")) == (outcome, fails, reviews)

    def test_incorrect_choice_is_a_note(self):
        """An answer choice keyed incorrect that describes the bad practice is only noted."""
        items = [{"id": "Q1", "type": "choice", "prompt": "What should you do with a trafficked teen?",
                  "objectiveIds": ["O1"], "choices": [
                      {"id": "C1", "text": "Detain her for her own safety.", "correct": False},
                      {"id": "C2", "text": "Call the advocate and child welfare.", "correct": True}]}]
        result = run("TI-05", modules=[module(NON_CRIMINALIZATION, ["non-criminalization"])], assessments=[
            {"id": "T1", "title": "Check", "type": "knowledge-check", "purpose": "formative", "objectiveIds": ["O1"],
             "items": items}])
        assert (result.outcome, pointers(result, "note")) == ("pass", ["/assessments/0/items/0/choices/0/text"])


class TestTI06:
    def test_incentive_fails_at_error(self):
        """A T visa declaration offered as an incentive fails at error, quoting the sentence."""
        result = run("TI-06", modules=[module("Offer a T visa declaration as an incentive to testify.")])
        assert (result.outcome, result.severity, pointers(result, "fail")) == ("fail", "error", ["/modules/0/text"])
        assert result.findings[0].evidence == "Offer a T visa declaration as an incentive to testify."

    def test_glossary_use_is_reviewed(self):
        """A glossary entry that mentions the practice is reviewed at warning, not failed."""
        result = run("TI-06", glossary=[{"term": "Bargaining chip", "definition":
                                         "Treating Continued Presence as a bargaining chip with a witness."}])
        assert (result.outcome, result.severity, pointers(result, "needs-review")) == \
            ("needs-review", "warning", ["/glossary/0/definition"])

    def test_incentive_without_cooperation_is_reviewed(self):
        """An "incentive" that names neither leverage nor cooperation may describe the law's purpose: reviewed."""
        result = run("TI-06", modules=[module("The U visa certification is an incentive for victims to report crime.")])
        assert (result.outcome, result.severity, pointers(result, "needs-review")) == \
            ("needs-review", "error", ["/modules/0/text"])

    @pytest.mark.parametrize("text, outcome, fails, reviews", [
        ("Tell her the T visa paperwork depends on how well she cooperates; that is your leverage.", "fail",
         ["/modules/0/text"], []),
        ("The T visa never depends on how well the person cooperates.", "pass", [], []),
    ], ids=["depends-on-how-well", "negated"])
    def test_graded_relief(self, text, outcome, fails, reviews):
        """Relief that "depends on how well" the person cooperates is a bargaining chip in one clause."""
        result = run("TI-06", modules=[module(text)])
        assert (result.outcome, pointers(result, "fail"), pointers(result, "needs-review")) == (outcome, fails, reviews)

    def test_no_relief_named(self):
        """Leverage talk without immigration relief is not an N-LEVER construction."""
        assert run("TI-06", modules=[module("Traffickers use debt as leverage.")]).outcome == "pass"


class TestTI09:
    @pytest.mark.parametrize("term, word, expected", [
        ("Victim", "victim", True), ("Victims / survivors", "survivor", True), ("Victim-centered", "victim", False),
        ("Victim advocate", "victim", False), ("Trafficking victim", "victim", True),
        ("Victim of trafficking", "victim", True), ("Survivor-led", "survivor", False),
        ("Victim (legal status)", "victim", True), ("Victim vs. survivor", "survivor", True),
    ])
    def test_headwords(self, term, word, expected):
        """A glossary headword counts when it is about the word itself, not a compound."""
        assert victim_response._defines(term, word) is expected

    def test_hint_names_the_missing_term(self):
        """With only "victim" defined, the hint (a note) says "survivor" is missing; a reviewer still decides."""
        result = run("TI-09", glossary=[{"term": "Victim", "definition": "A legal status."},
                                        {"term": "Victim-centered", "definition": "Safety first."}])
        assert (result.outcome, pointers(result, "note")) == ("needs-review", ["/glossary"])
        assert "“survivor”" in result.findings[0].message and "it defines “victim”" in result.findings[0].message


class TestTI10:
    SUPPORT: ClassVar[list] = [{"id": "R1", "name": "EAP", "type": "wellness"}]
    FULL: ClassVar[dict] = {"optOut": "Leave without a reason.", "breaks": True, "acknowledgesSurvivorsPresent": True,
            "participantSupport": ["R1"]}

    def test_only_last_minute_advisories(self):
        """Advisories given only before activities do not count as advance notice (4 of 5 parts)."""
        result = run("TI-10", resources=self.SUPPORT, activities=[activity("A1", "scenario", advisoryIds=["ADV1"])],
                     safeguards={"advisories": [{"id": "ADV1", "topics": ["violence"], "placement": "before-activity"}],
                                 **self.FULL})
        assert (result.outcome, result.score, pointers(result, "fail")) == \
            ("fail", approx(0.8), ["/safeguards/advisories/0/placement"])

    def test_module_advisory_must_be_referenced(self):
        """A before-module advisory that no module lists is not tied to its content."""
        advisories = [{"id": "ADV1", "topics": ["violence"], "placement": "before-course"},
                      {"id": "ADV2", "topics": ["violence"], "placement": "before-module"}]
        result = run("TI-10", resources=self.SUPPORT, safeguards={"advisories": advisories, **self.FULL})
        assert pointers(result, "fail") == ["/safeguards/advisories/1"]
        result = run("TI-10", resources=self.SUPPORT, modules=[module(advisoryIds=["ADV2"])],
                     safeguards={"advisories": advisories, **self.FULL})
        assert result.outcome == "pass"

    def test_missing_flags(self):
        """Each missing safeguard has its own finding and costs a fifth of the credit."""
        result = run("TI-10", safeguards={"advisories": [{"id": "ADV1", "topics": ["violence"],
                                                          "placement": "before-course"}], "breaks": False})
        assert (result.score, pointers(result, "fail")) == (approx(0.2), [
            "/safeguards/optOut", "/safeguards/breaks", "/safeguards/acknowledgesSurvivorsPresent",
            "/safeguards/participantSupport"])

    def test_unresolved_support_id(self):
        """A participantSupport id that names no resource is reported at its index."""
        result = run_raw("TI-10", resources=self.SUPPORT, safeguards={
            "advisories": [{"id": "ADV1", "topics": ["violence"], "placement": "before-course"}],
            **self.FULL, "participantSupport": ["R1", "R9"]})
        assert (result.outcome, pointers(result, "fail")) == ("fail", ["/safeguards/participantSupport/1"])


class TestTI11:
    def test_partial_credit(self):
        """A wellness resource without a vicarious-trauma module earns half the credit."""
        result = run("TI-11", resources=[{"id": "R1", "name": "Peer support", "type": "wellness"}])
        assert (result.outcome, result.score, pointers(result, "fail")) == ("fail", approx(0.5), ["/modules"])


class TestTI12:
    def test_identifiable_minor_fails_at_error(self):
        """A documented-consent video depicting a boy shows an identifiable minor."""
        result = run("TI-12", materials=[{"id": "V1", "title": "Interview", "type": "video",
                                          "description": "A real interview.", "depicts": ["officer", "boy"],
                                          "consent": "documented"}])
        assert (result.outcome, result.severity, result.score, pointers(result, "fail")) == \
            ("fail", "error", approx(0.0), ["/materials/0/depicts/1"])

    def test_de_identified_minor_is_fine(self):
        """A de-identified image of a minor passes."""
        result = run("TI-12", materials=[{"id": "P1", "title": "Teen", "type": "image", "altText": "Blurred.",
                                          "depicts": ["minor"], "consent": "de-identified"}])
        assert result.outcome == "pass"

    def test_real_case_about_minors_is_reviewed(self):
        """A documented-consent case study tagged `minors` goes to a reviewer."""
        result = run("TI-12", activities=[activity("A1", "case-study", tags=["minors"], consent="documented")])
        assert (result.outcome, pointers(result, "needs-review")) == ("needs-review", ["/activities/0/consent"])

    def test_real_case_whose_text_involves_minors_is_reviewed_without_the_tag(self):
        """The case's own text about a 15-year-old sends it to a reviewer as well; an adult case does not."""
        teen = ("A 15-year-old girl was recruited through social media by a man who promised her a modeling job; "
                "she was sold for sex at a motel for three weeks before a school counselor noticed.")
        adult = "A 34-year-old cook worked fourteen-hour shifts to pay off a recruitment debt that kept growing."
        result = run("TI-12", activities=[activity("A1", "case-study", description=teen, consent="documented"),
                                          activity("A2", "case-study", description=adult, consent="documented")])
        assert (result.outcome, pointers(result, "needs-review")) == ("needs-review", ["/activities/0/consent"])

    def test_share_of_items_with_consent(self):
        """Only case studies, scenarios, videos and media count; the score is the share with consent."""
        result = run("TI-12", activities=[activity("A1", "scenario", consent="fictional"), activity("A2", "video"),
                                          activity("A3", "lecture")],
                     materials=[{"id": "S1", "title": "Slides", "type": "slides"},
                                {"id": "P1", "title": "Photo", "type": "image", "altText": "A farm."},
                                {"id": "P2", "title": "Photo", "type": "image", "altText": "A farm.",
                                 "consent": "stock"}])
        assert (result.outcome, result.score, pointers(result, "fail")) == \
            ("fail", approx(0.5), ["/activities/1/consent", "/materials/1/consent"])


class TestTI13:
    QUALIFIED = "Use a qualified, neutral interpreter through the language line."

    @pytest.mark.parametrize("text, outcome, severity, fails, reviews", [
        (QUALIFIED, "pass", "warning", [], []),
        (QUALIFIED + " If needed, ask a family member to interpret.", "fail", "error", ["/modules/0/text"], []),
        ("Have a certified interpreter ask the companion to wait outside.", "pass", "warning", [], []),
        (QUALIFIED + " Never let the child translate.", "pass", "warning", [], []),
        ("Many victims speak little English and need an interpreter for the interview. Call an interpreter when "
         "needed, and give the interpreter time to explain their role to the victim.", "needs-review", "warning", [],
         ["/modules/0/text"]),
    ], ids=["qualified", "family-member", "also-qualified", "negated", "no-P-LANG"])
    def test_interpreter_practice(self, text, outcome, severity, fails, reviews):
        """Teaching a compromised interpreter fails at error; doubtful or missing wording is reviewed."""
        result = run("TI-13", modules=[module(text, ["interpreters"])])
        assert (result.outcome, result.severity, pointers(result, "fail"), pointers(result, "needs-review")) == \
            (outcome, severity, fails, reviews)


class TestTI14:
    def test_activity_teaching_it_is_a_hint(self):
        """An activity whose text addresses culture and bias is a hint, and so is its module (an activity's text
        is taught in its module, which is not tagged: the tag is suggested at the sentence)."""
        text = "Discuss how culture, history and gender shape who is seen as a victim, and name the bias behind it."
        result = run("TI-14", activities=[activity("A1", "discussion", description=text)])
        assert (result.outcome, pointers(result, "note")) == (
            "needs-review", ["/modules/0", "/activities/0", "/activities/0/description"])

    def test_activity_tag_without_text_is_no_hint(self):
        """A `cultural-responsiveness` tag on an activity that says nothing of it is no hint, only a claim noted."""
        result = run("TI-14", activities=[activity("A1", "discussion", tags=["cultural-responsiveness"])])
        assert (result.outcome, pointers(result, "note")) == ("needs-review", ["/modules", "/activities/0/tags/0"])
        assert "no sentence in it teaches cultural responsiveness" in result.findings[-1].message


def _doc(name: str):
    return vetkit.load_course(DOCS / f"{name}.json")


class TestDocumentationCourses:
    def test_dispatcher_course(self):
        """The dispatcher course fails TI-01, TI-05 and TI-10 to TI-13, as it is written to."""
        course = _doc("dispatcher-call-taking")
        outcomes = {rule_id: run_rule(rule_id, course, as_of=AS_OF).outcome for rule_id in RULES}
        assert outcomes == {"TI-01": "fail", "TI-02": "fail", "TI-03": "fail", "TI-04": "not-applicable",
                            "TI-05": "fail", "TI-06": "pass", "TI-09": "needs-review", "TI-10": "fail",
                            "TI-11": "fail", "TI-12": "fail", "TI-13": "fail", "TI-14": "needs-review"}
        ti05 = run_rule("TI-05", course, as_of=AS_OF)
        assert pointers(ti05, "fail") == ["/modules", "/modules/2/text", "/modules/2/text"]
        ti13 = run_rule("TI-13", course, as_of=AS_OF)
        assert ti13.severity == "error" and "/modules/2/text" in pointers(ti13, "fail")

    @pytest.mark.parametrize("name", ["task-force-investigations", "roll-call-awareness"])
    def test_model_courses_pass_every_automated_rule(self, name):
        """The task-force and roll-call courses pass every automated TI rule; manual ones await a reviewer."""
        course = _doc(name)
        outcomes = {rule_id: run_rule(rule_id, course, as_of=AS_OF).outcome for rule_id in RULES}
        assert {rule_id for rule_id, outcome in outcomes.items() if outcome != "pass"} == {"TI-09", "TI-14"}
        assert outcomes["TI-09"] == outcomes["TI-14"] == "needs-review"

    def test_engine_runs_the_rules(self):
        """Through the engine, the rules score a documentation course with their rule ids and questions."""
        engine = vetkit.Engine()
        from vetkit.rubric import Criterion, Rubric

        rubric = Rubric(id="ti", version="1", title="TI response", criteria=[Criterion(r) for r in RULES])
        report = engine.score(engine.load_course(DOCS / "task-force-investigations.json"), rubric=rubric,
                              as_of=AS_OF)
        assert report.result("TI-04").outcome == "pass" and report.result("TI-04").question
        assert report.result("TI-09").outcome == "needs-review"
