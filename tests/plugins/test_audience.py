"""Tests of the built-in audience-fit plugin (AU-01 to AU-06)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest
import yaml

import vetkit
from vetkit.testing import run_rule, teaching_text
from vetkit.examples import base_course, example_course
from vetkit.vocabulary import builtin_vocabulary
from vetkit_audience import checks, readability

AS_OF = dt.date(2026, 11, 25)
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_audience") / "rules", plugin="audience")}
EXAMPLES = [pytest.param(rule, example, id=f"{rule.id}:{example.name}")
            for rule in RULES.values() for example in rule.examples]

BASELINE = ["legal-federal", "minors", "sex-trafficking", "labor-trafficking", "myths", "victim-centered"]
PATROL = ["first-contact", "indicators", "interpreters", "non-criminalization", "referrals", "documentation"]


def module(identifier: str, topics, minutes: int = 30, text: str | None = None, **extra) -> dict:
    """A module that declares ``topics`` (and ``populations``) and, unless ``text`` is given, teaches them."""
    if text is None:
        text = " ".join(part for part in (teaching_text(*topics), teaching_text(
            *extra.get("populations", ()), vocabulary="populations")) if part)
    value = {"id": identifier, "title": f"Module {identifier}", "minutes": minutes, "objectiveIds": ["O1"],
             "topics": list(topics), **extra}
    if text:
        value["text"] = text
    return value


def course(**fragment) -> vetkit.Course:
    return vetkit.load_course(example_course(fragment))


def raw_course(**changes) -> vetkit.Course:
    """A course built without validation, for inputs the schema would reject."""
    data = base_course()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return vetkit.Course(data)


class K9Roles:
    """A plugin that adds a namespaced audience role."""

    @vetkit.hookimpl
    def vetkit_register_vocabularies(self, register):
        register("roles", ["acme:k9-handler"])


def run(rule_id: str, target, engine=None, **params):
    return run_rule(rule_id, target, params=params, as_of=AS_OF, engine=engine)


def pointers(result, effect: str | None = None) -> list[str]:
    return [f.pointer for f in result.findings if effect is None or f.effect == effect]


def messages(result, effect: str | None = None) -> list[str]:
    return [f.message for f in result.findings if effect is None or f.effect == effect]


class TestRuleFiles:
    def test_every_criterion_has_a_rule(self):
        """AU-01 to AU-06 each have exactly one rule file with a check."""
        assert sorted(RULES) == [f"AU-0{n}" for n in range(1, 7)]
        assert all(rule.check for rule in RULES.values())

    @pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
    def test_examples_include_a_pass_and_a_fail(self, rule):
        """Every rule ships at least one passing and one failing example."""
        outcomes = {example.expect for example in rule.examples}
        assert {"pass", "fail"} <= outcomes

    @pytest.mark.parametrize(("rule", "example"), [p.values for p in EXAMPLES], ids=[p.id for p in EXAMPLES])
    def test_example(self, rule, example):
        """The example course gets the expected outcome and findings at the expected pointers."""
        result = run_rule(rule.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
        assert result.outcome == example.expect, result
        assert set(example.pointers) <= set(pointers(result)), result

    def test_role_table_uses_known_tags(self):
        """Every role, topic and population named in role-topics.yaml is in the built-in vocabulary."""
        vocabulary = builtin_vocabulary()
        table = checks.role_table()
        rows = [table["baseline"], *table["roles"].values(), *table["modifiers"].values()]
        assert set(table["roles"]) == set(vocabulary.roles)
        for row in rows:
            assert set(row.get("required", ())) | set(row.get("recommended", ())) <= vocabulary.topics
            assert set(row.get("populations", ())) <= vocabulary.populations

    def test_multidisciplinary_shares_the_task_force_row(self):
        """The multidisciplinary role needs what task-force members need (§5.3)."""
        table = checks.role_table()["roles"]
        assert table["multidisciplinary"] == table["task-force"]


class TestAU01:
    def test_role_registered_by_a_plugin_passes(self):
        """A namespaced role that a plugin registered in the vocabulary is accepted."""
        engine = vetkit.Engine(plugins=[K9Roles()])
        target = engine.load_course(example_course(dict(audience={"roles": ["patrol", "acme:k9-handler"],
                                                                  "experience": "in-service"})))
        assert run("AU-01", target, engine=engine).outcome == "pass"

    def test_unregistered_role_fails_at_its_index(self):
        """An unregistered namespaced role fails at its own pointer, with its value as evidence."""
        target = course(audience={"roles": ["patrol", "investigator", "acme:k9"], "experience": "in-service"})
        result = run("AU-01", target)
        assert result.outcome == "fail"
        assert pointers(result) == ["/audience/roles/2"]
        assert result.findings[0].evidence == "acme:k9"
        assert "`acme:k9`" in result.reason

    @pytest.mark.parametrize(("role", "hint"), [
        ("academy:recruit", "audience.experience"),
        ("academy:tribal-officer", "jurisdiction.tribal"),
    ])
    def test_modifiers_used_as_roles_are_explained(self, role, hint):
        """Recruit and tribal declared as roles get a message pointing at the right field, in plain words."""
        result = run("AU-01", course(audience={"roles": [role], "experience": "in-service"}))
        assert result.outcome == "fail"
        assert result.findings[0].message.startswith(f"`{role}` is not a role: ")
        assert result.findings[0].message.endswith(f"{hint}.") or f"{hint} = recruit." in result.findings[0].message

    @pytest.mark.parametrize(("changes", "expected"), [
        ({"level": None}, ["/level"]),
        ({"level": "expert"}, ["/level"]),
        ({"audience": {"roles": ["patrol"]}}, ["/audience/experience"]),
        ({"audience": {"roles": [], "experience": "recruit"}}, ["/audience/roles"]),
        ({"audience": None}, ["/audience/roles", "/audience/experience"]),
    ])
    def test_missing_declarations_fail(self, changes, expected):
        """Missing or invalid roles, level or experience each fail at their own pointer."""
        result = run("AU-01", raw_course(**changes))
        assert result.outcome == "fail"
        assert pointers(result) == expected


class TestAU02:
    def test_union_of_roles_names_who_needs_each_tag(self):
        """Two roles: one finding per missing tag, naming every role that needs it, and partial credit."""
        target = course(audience={"roles": ["patrol", "investigator"], "experience": "in-service"},
                        modules=[module("M1", ["labor-trafficking", "sex-trafficking", "indicators"])])
        result = run("AU-02", target)
        failing = [f for f in result.findings if f.effect == "fail"]
        assert result.outcome == "fail"
        assert len(failing) == 15 and {f.pointer for f in failing} == {"/modules"}
        assert result.score == pytest.approx(3 / 18)
        by_tag = {f.message.split("`")[1]: f.message for f in failing}
        assert "the patrol and investigator roles" in by_tag["interpreters"]
        assert "(required for the investigator role)" in by_tag["corroboration"]
        assert "(required for every course)" in by_tag["myths"]
        assert "`interviewing`" in result.reason

    def test_recommended_tag_required_by_another_role_is_not_a_note(self):
        """A tag recommended for one role but required for another is reported once, as a failure."""
        target = course(audience={"roles": ["patrol", "investigator"], "experience": "in-service"})
        result = run("AU-02", target)
        control = [f for f in result.findings if "`control-methods`" in f.message]
        assert [f.effect for f in control] == ["fail"]

    def test_recommended_topics_and_populations_are_notes(self):
        """A school-resource-officer course covering its required tags passes; missing populations are notes."""
        topics = BASELINE + ["first-contact", "indicators", "interpreters", "referrals", "technology"]
        target = course(audience={"roles": ["school-resource-officer"], "experience": "in-service"},
                        modules=[module("M1", topics, populations=["lgbtq"])])
        result = run("AU-02", target)
        assert result.outcome == "pass" and result.score == 1.0
        notes = messages(result, "note")
        assert any("population `foster-youth`" in m for m in notes)
        assert not any("population `lgbtq`" in m for m in notes)
        assert any("`victim-behavior`, recommended for the school-resource-officer role" in m for m in notes)

    def test_task_force_and_multidisciplinary_share_requirements(self):
        """A multidisciplinary audience fails for the same missing tags as a task force."""
        missing = {}
        for role in ("task-force", "multidisciplinary"):
            result = run("AU-02", course(audience={"roles": [role], "experience": "specialist"}))
            missing[role] = {f.message.split("`")[1] for f in result.findings if f.effect == "fail"}
        assert missing["task-force"] == missing["multidisciplinary"]
        assert {"partnerships", "policy-protocol", "interviewing"} <= missing["task-force"]

    def test_recruit_modifier_adds_required_tags(self):
        """audience.experience = recruit adds vicarious-trauma and other recruit needs."""
        modules = [module("M1", BASELINE), module("M2", PATROL)]
        in_service = run("AU-02", course(modules=modules))
        recruit = run("AU-02", course(modules=modules, audience={"roles": ["patrol"], "experience": "recruit"}))
        assert in_service.outcome == "pass"
        assert recruit.outcome == "fail"
        assert {"trauma-informed", "vicarious-trauma"} == {f.message.split("`")[1] for f in recruit.findings
                                                          if f.effect == "fail"}
        assert "recruit audiences" in recruit.reason

    def test_tribal_modifier_adds_tag_and_population(self):
        """jurisdiction.tribal requires jurisdiction-tribal and recommends the native-communities population."""
        tribal = ("On tribal land, who has jurisdiction depends on where the offense happened and who was involved: "
                  "coordinate with the tribal police, the Bureau of Indian Affairs and the FBI. Learn the "
                  "cross-deputization agreements and the tribal prosecutor's contacts before you need them.")
        modules = [module("M1", BASELINE), module("M2", PATROL), module("M3", ["jurisdiction-tribal"], text=tribal)]
        result = run("AU-02", course(modules=modules,
                                     jurisdiction={"country": "US", "state": "NM", "tribal": "Navajo Nation"}))
        assert result.outcome == "pass"
        assert any("`native-communities`" in m for m in messages(result, "note"))

    def test_role_without_a_table_row_is_a_note(self):
        """A registered custom role has no §5.3 row: a note at its pointer, the other rows still apply."""
        engine = vetkit.Engine(plugins=[K9Roles()])
        target = engine.load_course(example_course(dict(audience={"roles": ["patrol", "acme:k9-handler"],
                                                                  "experience": "in-service"},
                                                        modules=[module("M1", BASELINE), module("M2", PATROL)])))
        result = run("AU-02", target, engine=engine)
        assert result.outcome == "pass"
        assert "/audience/roles/1" in pointers(result, "note")


DENSE = ("Notwithstanding jurisdictional considerations, investigative personnel must systematically "
         "contextualize observational indicators, documenting corroborative circumstances comprehensively "
         "and communicating preliminary determinations to specialized investigative authorities, because "
         "premature characterization of potentially victimized individuals substantially undermines "
         "subsequent cooperation. ") * 3
PLAIN = "Ask who holds the IDs. Write down what you see. Call the advocate. Do not arrest the person. " * 8


class TestAU02Notes:
    def topical(self, text: str, **fragment) -> vetkit.Course:
        """The learner-facing text is ``text`` alone (the modules' tags are not backed: AU-02 fails on topics)."""
        return course(modules=[module("M1", BASELINE, text=""), module("M2", PATROL, text=text)], **fragment)

    def test_dense_text_above_declared_level_is_noted(self):
        """Text far above the declared reading level gives notes (summary and field) without changing the outcome."""
        audience = {"roles": ["patrol"], "experience": "in-service", "readingLevel": 8}
        result = run("AU-02", self.topical(DENSE, audience=audience))
        plain = run("AU-02", self.topical(DENSE))
        assert (result.outcome, result.score) == (plain.outcome, plain.score)
        notes = {f.pointer: f for f in result.findings if f.effect == "note"}
        assert "more than 2 grades above the declared reading level 8" in notes["/audience/readingLevel"].message
        assert "/modules/1/text" in notes
        assert [f for f in result.findings if f.effect != "note"] == [f for f in plain.findings if f.effect != "note"]

    def test_tolerance_is_a_parameter(self):
        """With a wide tolerance the same text is reported as within range."""
        target = self.topical(DENSE, audience={"roles": ["patrol"], "experience": "in-service", "readingLevel": 8})
        result = run("AU-02", target, **{"reading.tolerance_grades": 40})
        (note,) = [f for f in result.findings if f.pointer == "/audience/readingLevel"]
        assert "within 40 grades" in note.message

    def test_plain_text_within_level(self):
        """Short plain sentences read within the declared level; one summary note names the grade."""
        target = self.topical(PLAIN, audience={"roles": ["patrol"], "experience": "in-service", "readingLevel": 6})
        (note,) = [f for f in run("AU-02", target).findings if f.pointer == "/audience/readingLevel"]
        assert "within 2 grades" in note.message and "grade" in note.message

    def test_no_declared_level_still_reports_grade(self):
        """Without audience.readingLevel the measured grade is reported as a note suggesting a declaration."""
        (note,) = [f for f in run("AU-02", self.topical(DENSE)).findings if f.pointer == "/audience/readingLevel"]
        assert "no audience.readingLevel is declared" in note.message

    def test_too_little_text(self):
        """Below reading.min_words no grade is estimated."""
        target = self.topical("Call the advocate.",
                              audience={"roles": ["patrol"], "experience": "in-service", "readingLevel": 6})
        (note,) = [f for f in run("AU-02", target).findings if f.pointer == "/audience/readingLevel"]
        assert "Too little learner-facing text" in note.message

    def test_glossary_is_left_out_of_the_grade(self):
        """Glossary definitions, however dense, do not count toward the reading grade."""
        target = self.topical(PLAIN, glossary=[{"term": "Coercion", "definition": DENSE}],
                              audience={"roles": ["patrol"], "experience": "in-service", "readingLevel": 6})
        (note,) = [f for f in run("AU-02", target).findings if f.pointer == "/audience/readingLevel"]
        assert "within" in note.message

    def test_undefined_acronym_is_noted_at_first_use(self):
        """An acronym never spelled out gets a summary note and a note at its first use with offsets."""
        text = "Call HSI when you suspect labor trafficking. HSI agents answer around the clock."
        result = run("AU-02", self.topical(text))
        acronym = [f for f in result.findings if f.term == "HSI"]
        assert len(acronym) == 1
        assert acronym[0].pointer == "/modules/1/text" and acronym[0].effect == "note"
        assert (acronym[0].start, acronym[0].end) == (5, 8)
        assert "used 2 time(s)" in acronym[0].message
        (summary,) = [f for f in result.findings if f.pointer == "/glossary"]
        assert "HSI" in summary.message and summary.effect == "note"

    @pytest.mark.parametrize("fragment", [
        {"modules_text": "Homeland Security Investigations (HSI) takes tips. Call HSI."},
        {"modules_text": "Call HSI (Homeland Security Investigations) with tips."},
        {"modules_text": "Call HSI with tips.", "glossary": [{"term": "HSI", "definition": "A federal agency."}]},
        {"modules_text": "Call HSI with tips.",
         "references": [{"id": "R1", "title": "Homeland Security Investigations (HSI) tip line", "type": "website"}]},
    ], ids=["full-name-first", "acronym-first", "glossary", "reference-title"])
    def test_defined_acronyms_are_not_noted(self, fragment):
        """An acronym spelled out anywhere in the course, or named by a glossary term, is not reported."""
        fragment = dict(fragment)
        text = fragment.pop("modules_text")
        result = run("AU-02", self.topical(text, **fragment))
        assert not [f for f in result.findings if f.term == "HSI"]

    def test_emphasis_numerals_and_well_known_are_ignored(self):
        """Capitalised emphasis words, Roman numerals, shouting and well-known acronyms are not acronyms."""
        text = "Do NOT arrest. Title VI applies in the US. NEVER USE THE COMPANION. Call 1-800-THE-LOST."
        result = run("AU-02", self.topical(text))
        assert not [f for f in result.findings if f.term]

    def test_well_known_list_is_a_parameter(self):
        """Adding an acronym to jargon.well_known_acronyms silences it."""
        result = run("AU-02", self.topical("Call the FBI."),
                     **{"jargon.well_known_acronyms": ["US", "FBI"]})
        assert not [f for f in result.findings if f.term == "FBI"]


class TestReadability:
    @pytest.mark.parametrize(("word", "count"), [
        ("the", 1), ("trafficking", 3), ("officer", 3), ("stopped", 1), ("needed", 2), ("trouble", 2),
        ("investigation", 5), ("victim-centered", 4), ("people", 2), ("I", 1),
    ])
    def test_syllables(self, word, count):
        """The syllable heuristic counts common words correctly."""
        assert readability.syllables(word) == count

    def test_sentences_respect_abbreviations_and_blocks(self):
        """Abbreviations do not end sentences; headings and list items are sentences of their own."""
        text = ("### Federal law\n\nThe Act (22 U.S.C. 7102) defines it. It covers the U.S. too! Really?\n"
                "- **Sex trafficking**: commercial sex\n- Labor trafficking")
        assert readability.sentences(text) == [
            "Federal law", "The Act (22 U.S.C. 7102) defines it.", "It covers the U.S. too!", "Really?",
            "Sex trafficking: commercial sex", "Labor trafficking"]

    def test_wrapped_paragraph_is_one_block(self):
        """Hard-wrapped lines of one paragraph form one sentence."""
        assert readability.sentences("Officers who meet a\nworker at a stop\nshould ask.") == [
            "Officers who meet a worker at a stop should ask."]

    def test_flesch_kincaid_formula(self):
        """Grade = 0.39 words/sentence + 11.8 syllables/word - 15.59."""
        stats = readability.stats("The cat sat. The dog ran.")
        assert (stats.sentences, stats.words, stats.syllables) == (2, 6, 6)
        assert stats.grade == pytest.approx(0.39 * 3 + 11.8 - 15.59)

    def test_empty_text_has_no_grade(self):
        """No words, no grade."""
        assert readability.stats("1-888-373-7888").grade is None

    def test_acronym_uses_and_definitions(self):
        """Acronym uses skip ignored words and codes; definitions come from all three written forms."""
        uses = readability.acronym_uses("Call HSI or ICE about MOUs; see HT-201 and I-914. NOT yet.",
                                        frozenset({"NOT"}))
        assert [use.acronym for use in uses] == ["HSI", "ICE", "MOU"]
        defined = readability.defined_acronyms(
            ["Continued Presence (CP) and T visas", "NCMEC (National Center for Missing & Exploited Children)",
             "LEP stands for limited English proficiency"], ["CSEC", "T visa"])
        assert defined == {"CP", "NCMEC", "LEP", "CSEC"}


class TestAU03:
    LOCAL = [{"id": "RS1", "name": "County task force", "type": "task-force", "local": True},
             {"id": "RS2", "name": "Advocacy center", "type": "victim-services", "local": True}]

    def statute(self, **jurisdiction) -> list[dict]:
        return [{"id": "R1", "title": "Trafficking in persons", "type": "statute", "jurisdiction": jurisdiction}]

    @pytest.mark.parametrize(("course_state", "ref_state"), [
        ("OH", "Ohio"), ("Ohio", "OH"), ("oh", "State of Ohio"), ("New York", "N.Y."),
    ])
    def test_state_names_and_codes_match(self, course_state, ref_state):
        """A state given as a code or a name matches its other form."""
        target = course(jurisdiction={"country": "US", "state": course_state}, resources=self.LOCAL,
                        references=self.statute(country="US", state=ref_state))
        assert run("AU-03", target).outcome == "pass"

    def test_federal_statute_does_not_localize_a_state_course(self):
        """A state course citing only national statutes misses the statute element."""
        target = course(jurisdiction={"country": "US", "state": "OH"}, resources=self.LOCAL,
                        references=self.statute(country="US"))
        result = run("AU-03", target)
        assert result.outcome == "fail" and result.score == 0.75
        assert pointers(result) == ["/references"]
        assert "national statutes only" in result.findings[0].message

    def test_tribal_code_matches_tribal_course(self):
        """A tribal course is localized by a statute of the same tribal jurisdiction."""
        target = course(jurisdiction={"country": "US", "state": "AZ", "tribal": "Navajo Nation"},
                        resources=self.LOCAL, references=self.statute(country="US", tribal="navajo nation"))
        assert run("AU-03", target).outcome == "pass"

    def test_country_only_course_with_national_statute(self):
        """A national course citing a national statute passes, with a note that no state is named."""
        target = course(resources=self.LOCAL, references=self.statute(country="US"))
        result = run("AU-03", target)
        assert result.outcome == "pass"
        assert pointers(result, "note") == ["/jurisdiction"]

    def test_statute_without_jurisdiction(self):
        """Statutes without a jurisdiction cannot show localization."""
        target = course(resources=self.LOCAL,
                        references=[{"id": "R1", "title": "Trafficking", "type": "statute", "citation": "x"}])
        result = run("AU-03", target)
        assert pointers(result, "fail") == ["/references"]
        assert "carry no jurisdiction" in result.findings[0].message

    def test_missing_jurisdiction(self):
        """Without a jurisdiction that element fails; any statute with a jurisdiction still counts."""
        data = example_course({"resources": self.LOCAL, "references": self.statute(country="US", state="TX")})
        del data["jurisdiction"]
        result = run("AU-03", vetkit.load_course(data))
        assert result.outcome == "fail" and result.score == 0.75
        assert pointers(result) == ["/jurisdiction"]

    def test_shelter_is_not_a_victim_service_partner(self):
        """A local shelter does not stand in for a local victim-service partner."""
        resources = [self.LOCAL[0], {"id": "RS3", "name": "Shelter", "type": "shelter", "local": True}]
        target = course(jurisdiction={"country": "US", "state": "OH"}, resources=resources,
                        references=self.statute(country="US", state="OH"))
        result = run("AU-03", target)
        assert pointers(result) == ["/resources"]
        assert "victim-service" in result.findings[0].message


class TestAU04:
    @pytest.mark.parametrize(("fragment", "outcome", "expected"), [
        ({"materials": [{"id": "X1", "title": "Policy", "type": "policy"}],
          "modules": [module("M1", ["policy-protocol", "labor-trafficking"])]}, "pass", []),
        ({"references": [{"id": "X1", "title": "Manual", "type": "manual"}],
          "modules": [module("M1", ["policy-protocol"])]}, "fail", ["/references"]),
        ({"references": [{"id": "X1", "title": "Policy", "type": "policy"}]}, "fail", ["/modules"]),
    ], ids=["material-policy", "manual-is-not-policy", "policy-not-taught"])
    def test_policy_and_protocol(self, fragment, outcome, expected):
        """A policy document and a policy-protocol module are both needed; each missing one has its finding."""
        result = run("AU-04", course(**fragment))
        assert result.outcome == outcome
        assert pointers(result) == expected


class TestAU05:
    @pytest.mark.parametrize(("fragment", "outcome"), [
        ({"level": "leadership"}, "fail"),
        ({"level": "operational", "prerequisites": ["   "]}, "fail"),
        ({"level": "operational", "prerequisites": ["HT-101"]}, "pass"),
        ({"level": "awareness", "prerequisites": []}, "not-applicable"),
    ])
    def test_prerequisites_by_level(self, fragment, outcome):
        """Only non-awareness courses need a non-blank prerequisite."""
        result = run("AU-05", course(**fragment))
        assert result.outcome == outcome
        if outcome == "fail":
            assert pointers(result) == ["/prerequisites"]


class TestAU06:
    def instructors(self, *disciplines, role="co-facilitator"):
        return [{"id": f"I{n}", "role": role, "disciplines": list(d)} for n, d in enumerate(disciplines)]

    def test_multidisciplinary_needs_three_and_escalates(self):
        """A multidisciplinary audience needs three disciplines; a shortfall is a warning with partial credit."""
        target = course(audience={"roles": ["patrol", "multidisciplinary"], "experience": "in-service"},
                        instructors=self.instructors(["law-enforcement", "victim-services"], ["law-enforcement"]))
        result = run("AU-06", target)
        assert (result.outcome, result.severity) == ("fail", "warning")
        assert result.score == pytest.approx(2 / 3)
        assert "codelivery.min_disciplines = 3" in result.reason

    def test_patrol_shortfall_keeps_default_severity(self):
        """For patrol a single discipline fails at the rule's default (info) severity."""
        result = run("AU-06", course(instructors=self.instructors(["law-enforcement"], ["law-enforcement"])))
        assert (result.outcome, result.severity, result.score) == ("fail", "info", 0.5)
        assert pointers(result) == ["/instructors"]

    def test_evaluators_do_not_count(self):
        """Evaluators do not deliver the course, so their disciplines are left out."""
        instructors = self.instructors(["law-enforcement"]) + [
            {"id": "E1", "role": "evaluator", "disciplines": ["academic"]}]
        assert run("AU-06", course(instructors=instructors)).outcome == "fail"
        only = run("AU-06", course(instructors=[{"id": "E1", "role": "evaluator", "disciplines": ["academic"]}]))
        assert "none delivers" in only.findings[0].message

    def test_plain_number_overrides_the_mapping(self):
        """A rubric may give codelivery.min_disciplines as one number for every audience."""
        target = course(audience={"roles": ["task-force"], "experience": "specialist"},
                        instructors=self.instructors(["law-enforcement", "prosecution"]))
        assert run("AU-06", target).outcome == "fail"
        assert run("AU-06", target, **{"codelivery.min_disciplines": 2}).outcome == "pass"


def test_data_files_are_valid_yaml():
    """The plugin's data tables parse."""
    for name in ("role-topics", "acronyms", "us-states"):
        assert yaml.safe_load(files("vetkit_audience").joinpath(f"data/{name}.yaml").read_text("utf-8"))


class TestAU06Delivery:
    @pytest.mark.parametrize("modes, instructors, outcome", [
        (["self-paced"], None, "not-applicable"),
        (["roll-call"], None, "not-applicable"),
        (["self-paced", "roll-call"], None, "not-applicable"),
        (["in-person"], None, "fail"),
        (["self-paced", "live-online"], None, "fail"),
        (["roll-call"], [{"id": "I1", "role": "lead", "disciplines": ["law-enforcement"]}], "fail"),
    ])
    def test_unstaffed_delivery_without_instructors_is_not_applicable(self, modes, instructors, outcome):
        """E-learning or roll-call with no instructors listed has no delivery team to co-deliver."""
        fragment = {"delivery": {"modes": modes, "totalMinutes": 60}}
        if instructors is not None:
            fragment["instructors"] = instructors
        result = run("AU-06", course(**fragment))
        assert result.outcome == outcome
        assert pointers(result) == ([] if outcome == "not-applicable" else ["/instructors"])
