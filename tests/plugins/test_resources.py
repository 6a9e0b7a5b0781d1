"""Tests of the built-in resources plugin (RR-01 to RR-04)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import pytest

import vetkit
from vetkit.testing import run_rule, teaching_text
from vetkit.examples import example_course
from vetkit_resources import checks

AS_OF = dt.date(2026, 11, 25)
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_resources") / "rules", plugin="resources")}
EXAMPLES = [pytest.param(rule, example, id=f"{rule.id}:{example.name}")
            for rule in RULES.values() for example in rule.examples]
DOCS = Path(__file__).parents[2] / "docs" / "examples"

HOTLINE = {"id": "H1", "name": "National Human Trafficking Hotline", "type": "hotline", "phone": "1-888-373-7888",
           "text": "233733"}
TAUGHT = ("Call the National Human Trafficking Hotline at 1-888-373-7888 or text 233733. It is run by a "
          "non-governmental organization; the hotline passes information to law enforcement only when the law "
          "requires it, someone is in imminent danger, or the caller asks. In an emergency, call 911.")


def module(identifier: str, topics=("labor-trafficking", "sex-trafficking"), text: str | None = None) -> dict:
    """A module declaring ``topics`` whose text is ``text`` or, by default, teaches them."""
    return {"id": identifier, "title": f"Module {identifier}", "minutes": 30, "objectiveIds": ["O1"],
            "topics": list(topics), "text": teaching_text(*topics) if text is None else text}


def resource(identifier: str, name: str, kind: str, **extra) -> dict:
    return {"id": identifier, "name": name, "type": kind, **extra}


def course(**fragment) -> vetkit.Course:
    return vetkit.load_course(example_course(fragment))


def hotline_course(text: str = TAUGHT, *resources, hotline: dict | None = HOTLINE) -> vetkit.Course:
    listed = ([hotline] if hotline else []) + list(resources)
    return course(resources=listed, modules=[module("M1", text=text)])


def run(rule_id: str, target: vetkit.Course, **params):
    return run_rule(rule_id, target, params=params, as_of=AS_OF)


def pointers(result, effect: str | None = None) -> list[str]:
    return [f.pointer for f in result.findings if effect is None or f.effect == effect]


def messages(result, effect: str | None = None) -> list[str]:
    return [f.message for f in result.findings if effect is None or f.effect == effect]


class TestRuleFiles:
    def test_every_criterion_has_a_rule(self):
        """RR-01 to RR-04 each have exactly one rule file with a check."""
        assert sorted(RULES) == [f"RR-0{n}" for n in range(1, 5)]
        assert all(rule.check for rule in RULES.values())

    @pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
    def test_examples_include_a_pass_and_a_fail(self, rule):
        """Every rule ships at least one passing and one failing example."""
        assert {"pass", "fail"} <= {example.expect for example in rule.examples}

    @pytest.mark.parametrize(("rule", "example"), [p.values for p in EXAMPLES], ids=[p.id for p in EXAMPLES])
    def test_example(self, rule, example):
        """The example course gets the expected outcome and findings at the expected pointers."""
        result = run_rule(rule.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
        assert result.outcome == example.expect, result
        assert set(example.pointers) <= set(pointers(result)), result

    def test_channel_numbers_normalize(self):
        """The §7 numbers of the data table normalize to the digits the guidelines give."""
        table = checks._data("channels")
        assert checks.phone_digits(table["hotline"]["phone"]) == "8883737888"
        numbers = {c["id"]: [checks.phone_digits(p) for p in c.get("phones", ())] for c in table["channels"]}
        assert numbers == {"hsi": ["8663472423", "8028726199"], "fbi": [], "ncmec": ["8008435678"]}


class TestD12:
    @pytest.mark.parametrize("rule_id", sorted(RULES))
    def test_non_us_course_is_not_applicable_with_a_notice(self, rule_id):
        """Every RR rule is not applicable, with a notice, for a course outside the US."""
        result = run(rule_id, course(jurisdiction={"country": "CA"}))
        assert result.outcome == "not-applicable"
        assert result.reason == (f"Notice: jurisdiction.country is CA, not US; the resource criteria cover U.S. "
                                 f"channels only, so {rule_id} is not applicable.")


class TestNumbers:
    @pytest.mark.parametrize(("value", "digits"), [("233733", "233733"), ("233733 (keyword HELP)", "233733"),
                                                  ("BeFree", "233733"), ("HELP to 233733", "233733"),
                                                  ("", "")])
    def test_text_digits(self, value, digits):
        """A text option reads as its short code, a keyword or vanity word included."""
        assert checks.text_digits(value) == digits

    @pytest.mark.parametrize(("digits", "limit", "expected"), [("8883737889", 2, True), ("8883737888", 2, False),
                                                              ("8003737888", 2, True), ("8005550100", 2, False),
                                                              ("233737", 1, True), ("2337", 1, False)])
    def test_near_miss(self, digits, limit, expected):
        """A near miss differs in 1..limit digits of a number of the same length."""
        target = "8883737888" if len(digits) == 10 else "233733"
        assert checks.near_miss(digits, target, limit) is expected


class TestRR01Resources:
    @pytest.mark.parametrize("phone", ["1-888-373-7888", "(888) 373-7888", "+1 888 373 7888", "888.373.7888",
                                       "1-888-3737-888"])
    def test_phone_formats_normalize(self, phone):
        """Any formatting of the right number passes the resource part."""
        result = run("RR-01", hotline_course(hotline={**HOTLINE, "phone": phone}))
        assert result.outcome == "pass"

    def test_wrong_number_names_found_and_right_digits(self):
        """A wrong phone fails at /resources/0/phone with the digits found and the right number."""
        result = run("RR-01", hotline_course(hotline={**HOTLINE, "phone": "1-800-555-0100"}))
        assert result.outcome == "fail" and result.severity == "error"
        assert pointers(result, "fail") == ["/resources/0/phone"]
        message = result.findings[0].message
        assert "8005550100" in message and "1-888-373-7888" in message and "near miss" not in message

    def test_wrong_text_fails(self):
        """A text option that is not 233733 fails at its pointer."""
        result = run("RR-01", hotline_course(hotline={**HOTLINE, "text": "233737"}))
        assert pointers(result, "fail") == ["/resources/0/text"]

    def test_befree_keyword_with_right_numbers_is_only_a_note(self):
        """The old "BeFree" keyword reads as 233733; the old name is an info note (D11), not a failure."""
        old = {**HOTLINE, "name": "National Human Trafficking Resource Center", "text": "BeFree"}
        result = run("RR-01", hotline_course(hotline=old))
        assert result.outcome == "pass"
        assert pointers(result, "note") == ["/resources/0/name"]
        assert result.findings[0].message.endswith("an outdated name of the National Human Trafficking Hotline; "
                                                   "with the right numbers this is only a note.")

    def test_national_hotline_under_another_type(self):
        """The hotline listed with another type fails at its type, and its numbers are still checked."""
        result = run("RR-01", hotline_course(hotline={**HOTLINE, "type": "victim-services", "phone": "1-888-373-7880"}))
        assert result.outcome == "fail" and pointers(result, "fail") == ["/resources/0/type", "/resources/0/phone"]

    def test_only_another_hotline_is_listed(self):
        """A state hotline is not the national one: fail at /resources, with a note at the other entry's phone."""
        state = resource("S1", "State trafficking tip line", "hotline", phone="1-800-555-0100")
        result = run("RR-01", hotline_course(TAUGHT, state, hotline=None))
        assert result.outcome == "fail"
        assert pointers(result, "fail") == ["/resources"]
        assert pointers(result, "note")[0] == "/resources/0/phone"

    def test_several_entries_are_each_checked(self):
        """Two entries of the national hotline are both checked; partial credit counts their problems."""
        second = {**HOTLINE, "id": "H2", "phone": "1-888-373-7880", "text": None}
        second.pop("text")
        result = run("RR-01", hotline_course(TAUGHT, second))
        assert pointers(result, "fail") == ["/resources/1/phone", "/resources/1/text"]
        assert result.score == pytest.approx(0.5)


class TestRR01Text:
    def test_near_miss_beside_hotline_fails_with_offsets(self):
        """A number one digit off beside "hotline" fails at the text, with its offsets."""
        text = TAUGHT + "\n\nThe trafficking hotline is 1-888-373-7887."
        result = run("RR-01", hotline_course(text))
        assert result.outcome == "fail"
        finding = next(f for f in result.findings if f.effect == "fail")
        assert finding.pointer == "/modules/0/text"
        assert text[finding.start:finding.end] == "1-888-373-7887"

    def test_near_miss_without_cue_needs_review(self):
        """A near miss elsewhere is suspicious but not certain: needs-review."""
        result = run("RR-01", hotline_course(TAUGHT + "\n\nTips: 1-888-373-7878."))
        assert result.outcome == "needs-review" and pointers(result, "needs-review") == ["/modules/0/text"]

    def test_short_code_near_miss_beside_hotline_fails(self):
        """"text the hotline at 233737" is a wrong short code."""
        result = run("RR-01", hotline_course(TAUGHT + "\n\nYou can also text the hotline at 233737."))
        assert result.outcome == "fail" and "233737" in messages(result, "fail")[0]

    def test_known_numbers_beside_hotline_are_not_the_hotline(self):
        """NCMEC's number and numbers of the course's own other resources are not flagged beside "hotline"."""
        state = resource("S1", "Texas Abuse Hotline", "child-welfare", phone="1-800-252-5400")
        text = TAUGHT + "\n\nFor children, call the Texas Abuse Hotline at 1-800-252-5400 or the NCMEC hotline at 1-800-843-5678."
        assert run("RR-01", hotline_course(text, state)).outcome == "pass"

    def test_unknown_number_in_a_table_row_with_hotline(self):
        """A table row naming a hotline and another number needs a reviewer."""
        text = TAUGHT + "\n\n| Line | Number |\n|---|---|\n| Regional hotline | 614-555-0199 |"
        result = run("RR-01", hotline_course(text))
        assert result.outcome == "needs-review" and pointers(result, "needs-review") == ["/modules/0/text"]

    def test_missing_p_hot_needs_review(self):
        """Right resource but no hotline numbers in the text: needs-review at /modules (P-HOT)."""
        result = run("RR-01", hotline_course("Refer people to services."))
        assert result.outcome == "needs-review"
        assert pointers(result, "needs-review") == ["/modules"]
        assert "P-HOT" in result.findings[0].message

    def test_explanations_are_notes(self):
        """Without 911, the NGO status or when it passes information on, three notes and no effect."""
        text = "Call the National Human Trafficking Hotline at 1-888-373-7888 or text 233733."
        result = run("RR-01", hotline_course(text))
        assert result.outcome == "pass"
        assert pointers(result, "note") == ["/modules"] * 3
        assert any("911" in m for m in messages(result, "note"))


class TestRR02:
    HSI = resource("F1", "HSI Tip Line", "federal-law-enforcement", phone="1-866-347-2423")
    TASK_FORCE = resource("T1", "Metro task force", "task-force", local=True)

    def target(self, *resources, topics=("labor-trafficking", "sex-trafficking"), roles=("patrol",)):
        return course(resources=[self.HSI, self.TASK_FORCE, *resources], modules=[module("M1", topics)],
                      audience={"roles": list(roles), "experience": "in-service"})

    def test_field_office_keeps_its_own_number(self):
        """An HSI field office may give its local number; only tip lines are compared."""
        office = resource("F2", "HSI Houston field office", "federal-law-enforcement", phone="281-555-0100")
        assert run("RR-02", self.target(office)).outcome == "pass"

    @pytest.mark.parametrize(("entry", "pointer"), [
        (resource("C1", "NCMEC CyberTipline", "child-welfare", phone="1-800-843-5687"), "/resources/2/phone"),
        (resource("F2", "FBI tips", "federal-law-enforcement", url="https://fbi-tips.example.com"), "/resources/2/url"),
        (resource("F2", "Tip line", "federal-law-enforcement", phone="1-866-347-2432"), "/resources/2/phone"),
        (resource("F2", "FBI", "federal-law-enforcement"), "/resources/2"),
    ])
    def test_wrong_channel_contacts_fail(self, entry, pointer):
        """A wrong NCMEC number, an FBI address off fbi.gov, a near miss of HSI's number or no contact fail."""
        result = run("RR-02", self.target(entry))
        assert result.outcome == "fail"
        assert pointers(result) == [pointer]
        assert "correct federal and NCMEC numbers" in result.reason

    def test_ncmec_vanity_number_passes(self):
        """1-800-THE-LOST is NCMEC's number."""
        ncmec = resource("C1", "National Center for Missing & Exploited Children", "child-welfare", phone="1-800-THE-LOST")
        state = resource("C2", "State child abuse line", "child-welfare", phone="1-800-555-0101")
        assert run("RR-02", self.target(ncmec, state, topics=["minors"])).outcome == "pass"

    def test_youth_roles_require_child_channels(self):
        """A school-resource-officer audience covers minors even without the `minors` tag (minors.roles)."""
        result = run("RR-02", self.target(roles=["school-resource-officer"]))
        assert result.outcome == "fail"
        assert len(pointers(result)) == 2 and "school-resource-officer" in result.reason
        assert run("RR-02", self.target(roles=["school-resource-officer"]), **{"minors.roles": []}).outcome == "pass"

    def test_ncmec_is_not_the_child_welfare_line(self):
        """NCMEC typed child-welfare does not count as the state child-welfare reporting line."""
        ncmec = resource("C1", "NCMEC CyberTipline", "child-welfare", url="https://www.missingkids.org/cybertipline")
        result = run("RR-02", self.target(ncmec, topics=["minors"]))
        assert result.outcome == "fail"
        assert "child-welfare reporting" in result.reason and "NCMEC CyberTipline" not in result.reason

    def test_task_force_not_marked_local(self):
        """A task force without local: true fails at its local pointer."""
        target = course(resources=[self.HSI, resource("T1", "State task force", "task-force")])
        result = run("RR-02", target)
        assert pointers(result) == ["/resources/1/local"]

    def test_no_federal_channel_names_the_federal_resources(self):
        """A federal resource that is neither HSI nor FBI does not satisfy the federal channel."""
        target = course(resources=[self.TASK_FORCE, resource("F1", "U.S. Attorney's Office", "federal-law-enforcement")])
        result = run("RR-02", target)
        assert result.outcome == "fail" and pointers(result) == ["/resources"]
        assert "U.S. Attorney's Office" in result.findings[0].message


class TestRR03:
    def test_shelter_counts_and_threshold_is_a_parameter(self):
        """Local shelters count; referrals.min_local = 2 needs two local providers."""
        target = course(resources=[resource("V1", "Advocacy center", "victim-services", local=True),
                                   resource("S1", "Regional shelter", "shelter", local=True)])
        assert run("RR-03", target).outcome == "pass"
        result = run("RR-03", target, **{"referrals.min_local": 3})
        assert result.outcome == "fail" and result.score == pytest.approx(2 / 3)
        assert "referrals.min_local = 3" in result.reason

    def test_other_types_do_not_count(self):
        """A local legal-aid provider is not a victim-service referral for RR-03."""
        result = run("RR-03", course(resources=[resource("L1", "Legal aid", "legal-aid", local=True)]))
        assert result.outcome == "fail" and pointers(result) == ["/resources"]


class TestRR04:
    def test_support_naming_no_wellness_resource_is_a_note(self):
        """participantSupport that names only a victim-service line still passes, with a note."""
        target = course(resources=[resource("W1", "EAP", "wellness"), resource("V1", "Advocate", "victim-services")],
                        safeguards={"advisories": [], "participantSupport": ["V1"]})
        result = run("RR-04", target)
        assert result.outcome == "pass" and pointers(result, "note") == ["/safeguards/participantSupport"]

    def test_support_without_wellness_resource_fails_half(self):
        """Participant support named but no wellness resource: fail at /resources with half credit."""
        target = course(resources=[resource("V1", "Advocate", "victim-services")],
                        safeguards={"advisories": [], "participantSupport": ["V1"]})
        result = run("RR-04", target)
        assert result.outcome == "fail" and pointers(result) == ["/resources"] and result.score == 0.5


class TestDocumentationCourses:
    def test_dispatcher_hotline_fails(self):
        """The dispatcher course gives 1-888-373-7889 under the old name with no text option: RR-01 fails."""
        result = run("RR-01", vetkit.load_course(DOCS / "dispatcher-call-taking.json"))
        assert result.outcome == "fail"
        assert {"/resources/0/phone", "/resources/0/text", "/materials/2/text"} <= set(pointers(result, "fail"))
        assert any(m.endswith("with the right numbers this is only a note.") for m in messages(result, "note"))

    def test_task_force_course_passes_everything(self):
        """The task-force course passes every RR rule."""
        target = vetkit.load_course(DOCS / "task-force-investigations.json")
        assert {rule_id: run(rule_id, target).outcome for rule_id in RULES} == dict.fromkeys(RULES, "pass")


class TestReviewRegressions:
    """Hotline numbers in the text written in other formats, and seven-digit local numbers beside "hotline"."""

    @pytest.mark.parametrize(("text", "outcome", "review"), [
        ("Call the National Human Trafficking Hotline at (888) 373-7888 or text 233733.", "pass", []),
        ("Call the hotline at 888.373.7888 or text 233733.", "pass", []),
        ("Call the hotline at 1 888 373 7888 or text 233733.", "pass", []),
        ("Call the hotline at +1 (888) 373-7888 or text BEFREE (233733).", "pass", []),
        ("Call 1-888-373-7888, or text \"HELP\" to 233733.", "pass", []),
        # a seven-digit number beside the word hotline needs a reviewer, unless it is a listed resource
        ("Call 1-888-373-7888 or text 233733. Our county trafficking hotline is 555-0199.", "needs-review",
         ["/modules/0/text"]),
        ("Call 1-888-373-7888 or text 233733. The task force hotline is 555-0170.", "pass", []),
        ("Call the hotline at 373-7888 or text 233733. From a cell phone, dial 1-888-373-7888.", "needs-review",
         ["/modules/0/text"]),
        # seven-digit numbers away from the word hotline, or section numbers, are not phone lines
        ("Call 1-888-373-7888 or text 233733. Records: 555-0199.", "pass", []),
        ("Call the hotline at 1-888-373-7888 or text 233733; see section 101.1234.", "pass", []),
    ])
    def test_text_formats(self, text, outcome, review):
        task_force = resource("R2", "County task force", "task-force", phone="555-0170", local=True)
        result = run("RR-01", hotline_course(text, task_force))
        assert result.outcome == outcome, messages(result)
        assert pointers(result, "needs-review") == review
