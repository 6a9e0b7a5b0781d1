"""Tests of the built-in legal-framework plugin (LF-01 to LF-07)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import pytest

import vetkit
from vetkit.testing import run_rule, teaching_text
from vetkit.examples import example_course
from vetkit_legal import checks

AS_OF = dt.date(2026, 11, 25)
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_legal") / "rules", plugin="legal")}
EXAMPLES = [pytest.param(rule, example, id=f"{rule.id}:{example.name}")
            for rule in RULES.values() for example in rule.examples]
DOCS = Path(__file__).parents[2] / "docs" / "examples"


def module(identifier: str, topics, text: str | None = None, **extra) -> dict:
    """A module that declares ``topics``; without ``text``, its text teaches them."""
    return {"id": identifier, "title": f"Module {identifier}", "minutes": 30, "objectiveIds": ["O1"],
            "topics": list(topics), "text": teaching_text(*topics) if text is None else text, **extra}


def statute(identifier: str, title: str, citation: str | None = None, **extra) -> dict:
    value = {"id": identifier, "title": title, "type": "statute", **extra}
    if citation is not None:
        value["citation"] = citation
    return value


def course(**fragment) -> vetkit.Course:
    return vetkit.load_course(example_course(fragment))


def run(rule_id: str, target: vetkit.Course, **params):
    return run_rule(rule_id, target, params=params, as_of=AS_OF)


def pointers(result, effect: str | None = None) -> list[str]:
    return [f.pointer for f in result.findings if effect is None or f.effect == effect]


def messages(result, effect: str | None = None) -> list[str]:
    return [f.message for f in result.findings if effect is None or f.effect == effect]


DEFINITIONS = statute("R0", "Trafficking Victims Protection Act: definitions", "22 U.S.C. 7102")


class TestRuleFiles:
    def test_every_criterion_has_a_rule(self):
        """LF-01 to LF-07 each have exactly one rule file with a check."""
        assert sorted(RULES) == [f"LF-0{n}" for n in range(1, 8)]
        assert all(rule.check for rule in RULES.values())

    @pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
    def test_examples_include_a_failure_and_a_non_failure(self, rule):
        """Every rule ships a failing example and a passing one (LF-04, auto + manual, a needs-review one)."""
        outcomes = {example.expect for example in rule.examples}
        assert "fail" in outcomes
        assert ("needs-review" if "manual" in rule.method else "pass") in outcomes

    @pytest.mark.parametrize(("rule", "example"), [p.values for p in EXAMPLES], ids=[p.id for p in EXAMPLES])
    def test_example(self, rule, example):
        """The example course gets the expected outcome and findings at the expected pointers."""
        result = run_rule(rule.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
        assert result.outcome == example.expect, result
        assert set(example.pointers) <= set(pointers(result)), result

    def test_statute_table_parses(self):
        """Every row of the §4.7 data table is a readable citation with a name, a subject and keywords."""
        table = checks.statute_table()
        assert {str(s) for s in table} == {"22 U.S.C. 7102", "18 U.S.C. 1589", "18 U.S.C. 1590", "18 U.S.C. 1591",
                                          "18 U.S.C. 1592", "18 U.S.C. 1593", "34 U.S.C. 20713", "6 U.S.C. 642"}
        assert all(row["name"] and row["subject"] and row["keywords"] for row in table.values())


class TestD12:
    @pytest.mark.parametrize("rule_id", sorted(RULES))
    def test_non_us_course_is_not_applicable_with_a_notice(self, rule_id):
        """Every LF rule is not applicable, with a notice, for a course outside the US."""
        target = course(jurisdiction={"country": "GB"}, audience={"roles": ["investigator"], "experience": "specialist"})
        result = run(rule_id, target)
        assert result.outcome == "not-applicable"
        assert result.reason == (f"Notice: jurisdiction.country is GB, not US; the legal-framework criteria cover "
                                 f"U.S. law only, so {rule_id} is not applicable.")


class TestCitations:
    @pytest.mark.parametrize(("text", "expected"), [
        ("18 U.S.C. § 1591", ["18 U.S.C. 1591"]),
        ("18 USC 1591", ["18 U.S.C. 1591"]),
        ("18 U.S.C. 1591(a)(1)", ["18 U.S.C. 1591"]),
        ("Title 18, Section 1591", ["18 U.S.C. 1591"]),
        ("Title 18 of the United States Code, section 1589", ["18 U.S.C. 1589"]),
        ("18 U.S. Code § 1592", ["18 U.S.C. 1592"]),
        ("22 U.S.C.A. § 7102(11)", ["22 U.S.C. 7102"]),
        ("18 U.S.C. sec. 1593", ["18 U.S.C. 1593"]),
        ("18 U.S.C. §§ 1589–1592", ["18 U.S.C. 1589", "18 U.S.C. 1590", "18 U.S.C. 1591", "18 U.S.C. 1592"]),
        ("18 U.S.C. 1589, 1590, and 1591", ["18 U.S.C. 1589", "18 U.S.C. 1590", "18 U.S.C. 1591"]),
        ("18 U.S.C. 1591 (2018)", ["18 U.S.C. 1591"]),
        ("8 USCIS 1591", []),
        ("Tex. Penal Code § 20A.02", []),
        ("Pub. L. 106-386", []),
    ])
    def test_parse_citation(self, text, expected):
        """Common ways of writing a U.S. Code section are read as the same section; other texts give none."""
        sections, _ = checks.parse_citation(text)
        assert [str(s) for s in sections] == expected

    @pytest.mark.parametrize(("text", "expected"), [
        ("Tex. Penal Code ch. 20A", {"TX"}),
        ("W. Va. Code § 61-14-2", {"WV"}),
        ("Va. Code § 18.2-357.1", {"VA"}),
        ("O.C.G.A. § 16-5-46", {"GA"}),
        ("18 U.S.C. 1591", set()),
        ("Washington, D.C. Code § 22-1833", {"DC"}),
        ("Arkansas Code", {"AR"}),
    ])
    def test_states_named(self, text, expected):
        """State names and citation abbreviations are found; "S.C." inside "U.S.C." and "Va." inside "W. Va." are not."""
        assert checks.states_named(text) == expected

    @pytest.mark.parametrize(("value", "code"), [("TX", "TX"), ("tx", "TX"), ("Texas", "TX"), ("State of Texas", "TX"),
                                                  ("Commonwealth of Virginia", "VA"), ("West Virginia", "WV")])
    def test_state_code(self, value, code):
        """A state given as a code or a name normalizes to its postal code."""
        assert checks.state_code(value) == code


class TestLF01:
    def test_range_citation_with_a_chapter_title_passes(self):
        """A range of known sections under a title that names one of their subjects passes."""
        target = course(references=[DEFINITIONS, statute("R1", "Peonage, slavery and trafficking in persons",
                                                         "18 U.S.C. §§ 1589-1592")])
        result = run("LF-01", target)
        assert result.outcome == "pass" and result.score == 1.0
        assert "6 of 6" in result.reason

    @pytest.mark.parametrize(("citation", "title", "other"), [
        ("18 U.S.C. 1589", "Sex trafficking of children", "18 U.S.C. 1591"),
        ("18 U.S.C. 1589", "Trafficking with respect to peonage", "18 U.S.C. 1590"),
        ("18 U.S.C. 1591", "Forced labor", "18 U.S.C. 1589"),
        ("18 U.S.C. 1593", "Unlawful conduct with respect to documents", "18 U.S.C. 1592"),
        ("18 U.S.C. 1590", "Human smuggling", "human smuggling"),
    ])
    def test_title_naming_another_subject_fails(self, citation, title, other):
        """A known section whose title names another section's subject (and not its own) fails at the title."""
        result = run("LF-01", course(references=[DEFINITIONS, statute("R1", title, citation)]))
        assert result.outcome == "fail"
        assert pointers(result) == ["/references/1/title"]
        assert other in result.findings[0].message
        assert result.score == pytest.approx(2 / 3)  # 7102 cited, 7102 required and present, R1 wrong

    def test_title_naming_its_own_and_another_subject_passes(self):
        """The statutory heading of 1592 mentions forced labor too; its own subject wins."""
        title = ("Unlawful conduct with respect to documents in furtherance of trafficking, peonage, slavery, "
                 "involuntary servitude, or forced labor")
        assert run("LF-01", course(references=[DEFINITIONS, statute("R1", title, "18 U.S.C. 1592")])).outcome == "pass"

    def test_title_without_a_subject_is_a_note(self):
        """A title that names no subject cannot be compared: a note, and the citation still counts as correct."""
        result = run("LF-01", course(references=[DEFINITIONS, statute("R1", "Federal statute", "18 USC 1591")]))
        assert result.outcome == "pass"
        assert pointers(result, "note") == ["/references/1/title"]

    def test_unknown_section_needs_review_until_a_rubric_lists_it(self):
        """18 U.S.C. 1595 is not in §4.7: needs-review; statutes.extra makes it known."""
        target = course(references=[DEFINITIONS, statute("R1", "Civil remedy", "18 U.S.C. 1595")])
        assert run("LF-01", target).outcome == "needs-review"
        extra = [{"citation": "18 U.S.C. 1595", "subject": "civil remedy"}]
        result = run("LF-01", target, **{"statutes.extra": extra})
        assert result.outcome == "pass"
        assert "statutes.extra" in result.reason

    def test_extra_section_with_a_mismatched_title_fails(self):
        """A rubric-supplied section is compared with its subject like the built-in ones."""
        target = course(references=[DEFINITIONS, statute("R1", "Forced labor", "18 U.S.C. 1595")])
        extra = [{"citation": "18 U.S.C. 1595", "subject": "civil remedy"}]
        assert pointers(run("LF-01", target, **{"statutes.extra": extra}), "fail") == ["/references/1/title"]

    def test_unreadable_extra_citation_is_an_error(self):
        """A statutes.extra entry that is no U.S. Code citation is an error that names it, so the rubric author sees it."""
        result = run("LF-01", course(references=[DEFINITIONS]), **{"statutes.extra": [{"citation": "Penal Code 1"}]})
        assert result.outcome == "error"
        assert "ValueError: statutes.extra: 'Penal Code 1' is not a U.S. Code citation" in result.reason

    def test_state_and_foreign_statutes_are_left_aside(self):
        """State statutes (by jurisdiction or by citation) and non-U.S. statutes are not LF-01's."""
        refs = [DEFINITIONS,
                statute("R1", "Trafficking of persons", "Tex. Penal Code § 20A.02"),
                statute("R2", "Human trafficking", "Section 1", jurisdiction={"country": "US", "state": "OH"}),
                statute("R3", "Modern Slavery Act 2015", "2015 c. 30", jurisdiction={"country": "GB"})]
        result = run("LF-01", course(references=refs))
        assert result.outcome == "pass"
        assert "3 state or non-U.S." in result.reason

    def test_statute_without_citation_fails_and_unreadable_citation_needs_review(self):
        """A federal-looking statute reference without a citation fails; an unreadable one needs a reviewer."""
        missing = run("LF-01", course(references=[DEFINITIONS, statute("R1", "Sex trafficking")]))
        assert missing.outcome == "fail" and pointers(missing) == ["/references/1/citation"]
        unreadable = run("LF-01", course(references=[DEFINITIONS, statute("R1", "TVPA", "Pub. L. 106-386")]))
        assert unreadable.outcome == "needs-review" and pointers(unreadable) == ["/references/1/citation"]

    def test_citation_in_the_title_is_read(self):
        """A statute reference that carries its section only in the title is still checked."""
        result = run("LF-01", course(references=[DEFINITIONS, statute("R1", "18 U.S.C. 1591")]))
        assert result.outcome == "pass"

    def test_required_citation_is_a_parameter(self):
        """Without 22 U.S.C. 7102 the rule fails at /references, unless the rubric empties statutes.required."""
        target = course(references=[statute("R1", "Sex trafficking", "18 U.S.C. 1591")])
        result = run("LF-01", target)
        assert result.outcome == "fail" and pointers(result) == ["/references"]
        assert "22 U.S.C. 7102 (TVPA definitions)" in result.findings[0].message
        assert run("LF-01", target, **{"statutes.required": []}).outcome == "pass"

    def test_references_of_other_types_are_not_statutes(self):
        """A citation under a reference of type website does not count as a statute reference."""
        target = course(references=[{"id": "R1", "title": "Definitions", "type": "website", "citation": "22 U.S.C. 7102"}])
        result = run("LF-01", target)
        assert result.outcome == "fail" and pointers(result) == ["/references"]


class TestLF02:
    RULE = "Anyone under 18 induced into a commercial sex act is a victim. Force, fraud or coercion need not be proved."

    def test_quoted_label_needs_review(self):
        """A quoted "child prostitute" is reviewed at warning, not failed."""
        text = f'{self.RULE}\n\nDefense attorneys still say "child prostitute" in court.'
        result = run("LF-02", course(modules=[module("M1", ["minors"], text)]))
        assert result.outcome == "needs-review"
        assert pointers(result, "needs-review") == ["/modules/0/text"]
        assert result.severity == "warning"

    def test_negated_label_is_a_note(self):
        """A label in a negated clause is noted; the course still passes."""
        text = f"{self.RULE}\n\nNever describe the child as a teen prostitute in a report."
        result = run("LF-02", course(modules=[module("M1", ["minors"], text)]))
        assert result.outcome == "pass"
        assert pointers(result, "note") == ["/modules/0/text"]

    @pytest.mark.parametrize("label", ["child prostitution", "underage sex workers"])
    def test_other_rows_fail_in_own_voice(self, label):
        """Rows L02 and L03 fail in the course's own voice too."""
        text = f"{self.RULE}\n\nOfficers often meet {label} at truck stops."
        result = run("LF-02", course(modules=[module("M1", ["minors"], text)]))
        assert result.outcome == "fail" and pointers(result, "fail") == ["/modules/0/text"]

    def test_label_fails_even_without_the_rule(self):
        """A stigmatizing label fails whether or not P-MINOR is present; the missing rule is still reported, at
        /modules (the one sentence does not teach the law on minors its tag claims)."""
        result = run("LF-02", course(modules=[module("M1", ["minors"], "Juvenile prostitutes need shelter.")]))
        assert result.outcome == "fail"
        assert pointers(result) == ["/modules", "/modules/0/text"]
        assert {f.effect for f in result.findings} == {"fail", "needs-review"}

    def test_half_the_rule_names_what_was_found(self):
        """With only "minor near commercial sex", the finding names the missing half and where the other is."""
        text = "A person under 18 used for commercial sex is a victim of trafficking."
        result = run("LF-02", course(modules=[module("M1", ["legal-federal"], text)]))
        assert result.outcome == "needs-review"
        assert "need not be proved" in result.findings[0].message
        assert "/modules/0/text" in result.findings[0].message

    def test_other_stigmatizing_rows_are_not_lf02s(self):
        """Rows outside L01–L03 (e.g. "pimp") do not affect LF-02."""
        text = f"{self.RULE}\n\nThe pimp kept the money."
        assert run("LF-02", course(modules=[module("M1", ["minors"], text)])).outcome == "pass"


class TestLF03:
    TX: dict = {"country": "US", "state": "TX"}  # noqa: RUF012 - read only

    def texas(self, as_of: str, **extra) -> vetkit.Course:
        return course(jurisdiction=self.TX, stateLawAsOf=as_of,
                      references=[statute("R1", "Trafficking of persons", "Tex. Penal Code ch. 20A",
                                          jurisdiction={"country": "US", "state": "Texas"})],
                      modules=[module("M1", ["legal-state"])], **extra)

    @pytest.mark.parametrize(("as_of", "outcome"), [("2025-11-25", "pass"), ("2025-10-26", "pass"),
                                                    ("2025-10-24", "fail"), ("2027-01-01", "pass")])
    def test_age_limit(self, as_of, outcome):
        """stateLawAsOf up to 12 whole months before the scoring date passes; older fails at /stateLawAsOf."""
        result = run("LF-03", self.texas(as_of))
        assert result.outcome == outcome
        assert pointers(result) == ([] if outcome == "pass" else ["/stateLawAsOf"])

    def test_age_limit_is_a_parameter(self):
        """A rubric may allow older state-law checks."""
        assert run("LF-03", self.texas("2025-01-01"), **{"state_law.max_age_months": 24}).outcome == "pass"
        result = run("LF-03", self.texas("2025-01-01"))
        assert "22 months" in result.findings[0].message and "state_law.max_age_months = 12" in result.reason

    @pytest.mark.parametrize(("a", "b", "months"), [("2026-01-31", "2026-02-28", 0), ("2026-01-15", "2026-02-15", 1),
                                                    ("2025-11-26", "2026-11-25", 11), ("2026-12-01", "2026-11-25", -1)])
    def test_months_between(self, a, b, months):
        """Whole months between two dates, counting a month only once its day is reached."""
        assert checks.months_between(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) == months

    def test_statute_of_another_state_does_not_count(self):
        """A Louisiana statute in a Texas course: fail at /references, naming the state cited."""
        target = course(jurisdiction=self.TX, stateLawAsOf="2026-06-01", modules=[module("M1", ["legal-state"])],
                        references=[statute("R1", "Human trafficking", "La. R.S. 14:46.2")])
        result = run("LF-03", target)
        assert result.outcome == "fail" and pointers(result) == ["/references"]
        assert "Louisiana" in result.findings[0].message
        assert result.score == pytest.approx(2 / 3)

    def test_missing_everything_fails_three_ways(self):
        """No date, no state statute, no legal-state module: three findings and score 0."""
        result = run("LF-03", course(jurisdiction=self.TX))
        assert result.outcome == "fail" and result.score == 0
        assert pointers(result) == ["/stateLawAsOf", "/references", "/modules"]

    def test_no_jurisdiction_is_not_applicable(self):
        """Without a jurisdiction at all there is no state (D4)."""
        data = example_course({})
        data.pop("jurisdiction")
        assert run("LF-03", vetkit.load_course(data)).outcome == "not-applicable"


class TestLF04:
    TEXT = ("Request Continued Presence early through HSI or the FBI. Complete Form I-914 Supplement B for a "
            "T visa and Form I-918 Supplement B for a U visa.")

    @pytest.mark.parametrize("role", ["investigator", "task-force", "multidisciplinary", "prosecutor",
                                      "supervisor", "victim-services"])
    def test_required_roles_fail_without_the_topic(self, role):
        """Every role whose §5.3 row lists immigration-relief fails without a module tagged with it."""
        result = run("LF-04", course(audience={"roles": [role], "experience": "specialist"}))
        assert result.outcome == "fail"
        assert pointers(result, "fail") == ["/modules"]
        assert role in result.reason

    def test_taught_topic_always_needs_a_reviewer_with_hints(self):
        """A tagged module goes to a reviewer; each name found is a note where it occurs."""
        target = course(audience={"roles": ["patrol"], "experience": "in-service"},
                        modules=[module("M1", ["labor-trafficking"]), module("M2", ["immigration-relief"], self.TEXT)])
        result = run("LF-04", target)
        assert result.outcome == "needs-review"
        assert pointers(result, "needs-review") == ["/modules/1/text"]
        assert pointers(result, "note") == ["/modules/1/text"] * 4

    def test_missing_names_are_hints_at_modules(self):
        """Names the text never uses are notes at /modules."""
        target = course(audience={"roles": ["prosecutor"], "experience": "specialist"},
                        modules=[module("M1", ["immigration-relief"], "Foreign national victims may qualify for "
                                        "immigration protections that let them stay and work lawfully while they "
                                        "recover; refer them to an immigration attorney or legal aid early, whatever "
                                        "their status, and never use their status as leverage.")])
        result = run("LF-04", target)
        notes = messages(result, "note")
        assert result.outcome == "needs-review" and len(notes) == 4
        assert all("never mentions" in note for note in notes)

    def test_leverage_wording_is_a_hint(self):
        """Relief offered as an incentive is flagged for the reviewer as a note."""
        text = self.TEXT + " Offer the U visa certification as an incentive for testimony."
        target = course(modules=[module("M1", ["immigration-relief"], text)])
        result = run("LF-04", target)
        assert result.outcome == "needs-review"
        assert any("leverage" in m for m in messages(result, "note"))


class TestTopicRules:
    @pytest.mark.parametrize(("rule_id", "tag"), [("LF-05", "victim-rights"), ("LF-06", "demand"),
                                                  ("LF-07", "labor-law")])
    def test_teaching_decides(self, rule_id, tag):
        """A module teaching the topic passes the rule, tagged or not (untagged: the tag is suggested); a course
        that does not teach it fails at /modules."""
        assert run(rule_id, course(modules=[module("M1", [tag])])).outcome == "pass"
        untagged = run(rule_id, course(modules=[module("M1", [], teaching_text(tag))]))
        assert untagged.outcome == "pass"
        assert [f.suggestion for f in untagged.findings] == [f"Add `{tag}` to the module's topics."]
        result = run(rule_id, course(modules=[module("M1", ["sex-trafficking"])]))
        assert result.outcome == "fail" and pointers(result) == ["/modules"]

    def test_a_tag_without_teaching_fails_at_the_tag(self):
        """A `demand` tag on a module that says nothing about buyers fails at the tag instead of /modules."""
        result = run("LF-06", course(modules=[module("M1", ["labor-trafficking", "demand"],
                                                     teaching_text("labor-trafficking"))]))
        assert (result.outcome, pointers(result)) == ("fail", ["/modules/0/topics/1"])

    @pytest.mark.parametrize(("rule_id", "text"), [
        ("LF-05", "Restitution is covered in another course."),
        ("LF-06", "Officers arrested two buyers at the motel last spring."),
        ("LF-07", "The Department of Labor building is on Main Street."),
    ])
    def test_passing_mentions_are_notes(self, rule_id, text):
        """A word of the topic in a module about something else is pointed out in a note; the rule still fails."""
        full = f"{teaching_text('labor-trafficking')} {text}"
        result = run(rule_id, course(modules=[module("M1", ["labor-trafficking"], full)]))
        assert result.outcome == "fail"
        assert pointers(result, "note") == ["/modules/0/text"]

    def test_labor_law_acronyms_are_case_sensitive(self):
        """"dol" and "osha" in lower case are not the agencies."""
        result = run("LF-07", course(modules=[module("M1", ["labor-trafficking"], "The dol house; osha tree.")]))
        assert pointers(result, "note") == []


class TestDocumentationCourses:
    def test_dispatcher_course(self):
        """The dispatcher course labels 1589 as sex trafficking of children and calls children prostitutes."""
        target = vetkit.load_course(DOCS / "dispatcher-call-taking.json")
        lf01 = run("LF-01", target)
        assert lf01.outcome == "fail" and "/references/3/title" in pointers(lf01, "fail")
        assert run("LF-02", target).outcome == "fail"
        assert run("LF-03", target).outcome == "fail"

    def test_task_force_course_passes_every_automated_part(self):
        """The task-force course passes LF-01 to LF-03 and LF-05 to LF-07; LF-04 waits for a reviewer."""
        target = vetkit.load_course(DOCS / "task-force-investigations.json")
        outcomes = {rule_id: run(rule_id, target).outcome for rule_id in RULES}
        assert outcomes == {"LF-01": "pass", "LF-02": "pass", "LF-03": "pass", "LF-04": "needs-review",
                            "LF-05": "pass", "LF-06": "pass", "LF-07": "pass"}


class TestReviewRegressions:
    """Citation forms found in the adversarial review."""

    @pytest.mark.parametrize(("text", "expected"), [
        ("Sec. 1591 of title 18, United States Code", ["18 U.S.C. 1591"]),
        ("section 7102 of title 22", ["22 U.S.C. 7102"]),
    ])
    def test_section_of_title_form(self, text, expected):
        sections, _ = checks.parse_citation(text)
        assert [str(s) for s in sections] == expected

    def test_ohio_abbreviation(self):
        assert checks.states_named("O.R.C. 2905.32") == {"OH"}

    @pytest.mark.parametrize(("citation", "title", "outcome", "review"), [
        ("22 U.S.C. § 7101 et seq.", "Trafficking Victims Protection Act", "pass", []),
        ("22 U.S.C. 7101, et seq.", "Trafficking Victims Protection Act of 2000", "pass", []),
        ("18 U.S.C. 1581 et seq.", "Peonage, slavery, and trafficking in persons", "pass", []),
        ("8 U.S.C. 1101 et seq.", "Immigration and Nationality Act", "needs-review", ["/references/1/citation"]),
    ])
    def test_chapter_citation_et_seq(self, citation, title, outcome, review):
        """"N et seq." cites the chapter from N on: it covers the known sections after N (22 U.S.C. 7102)."""
        target = course(references=[statute("R0", "Forced labor", "18 U.S.C. 1589"), statute("R1", title, citation)])
        result = run("LF-01", target, **{"statutes.required": ["22 U.S.C. 7102"]}) if citation.startswith("22") \
            else run("LF-01", target, **{"statutes.required": []})
        assert result.outcome == outcome, result.reason
        assert pointers(result, "needs-review") == review
