"""Tests of vetkit-texas, written with vetkit's kit for plugin authors (vetkit.testing).

The fixtures course_factory, vetkit_engine and vetkit_cli come from vetkit's pytest plugin.
"""

import json
from importlib.resources import files

import pytest

import vetkit
import vetkit_texas
from vetkit.testing import check_rule, run_rule, run_rule_examples

RULES = vetkit.load_rules(files("vetkit_texas") / "rules")
TEXAS = {"country": "US", "state": "TX"}
TEXAS_LAW_MODULE = {"id": "M1", "title": "Texas trafficking law", "minutes": 60, "objectiveIds": ["O1"],
                    "topics": ["legal-state", "labor-trafficking", "sex-trafficking", "indicators"]}


def statute(ref_id, citation, title="Trafficking of Persons"):
    return {"id": ref_id, "type": "statute", "title": title, "citation": citation}


@pytest.fixture
def engine(vetkit_engine):
    """An engine with vetkit's core and this plugin only."""
    return vetkit_engine(vetkit_texas)


class TestInstallation:
    def test_plugin_is_listed(self, vetkit_cli):
        """`vetkit plugins` lists the plugin as loaded, with its four rules, from its distribution."""
        result = vetkit_cli("plugins", "--format", "json")
        assert result.exit_code == 0, result.stderr
        texas = {plugin["name"]: plugin for plugin in json.loads(result.stdout)}["texas"]
        assert texas["status"] == "loaded", texas["error"]
        assert texas["distribution"] == "vetkit-texas"
        assert texas["rules"] == ["TX-01", "TX-02", "TX-03", "TX-04"]

    def test_rubric_is_registered(self, engine):
        """The plugin registers tx-ht-training next to vetkit's own rubrics."""
        assert "tx-ht-training" in engine.rubric_ids()


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_examples(rule, engine):
    """Every example in the rules' YAML gets the outcome it names."""
    run_rule_examples(rule.id, engine=engine)


class TestTX01:
    def test_citations_in_any_common_form(self, course_factory, engine):
        """Sections count however the citation is written; a near-miss section number does not."""
        check_rule(
            "TX-01",
            valid=[
                course_factory(jurisdiction=TEXAS, modules=[TEXAS_LAW_MODULE],
                               references=[statute("R1", "Texas Penal Code Sec. 20A.02"),
                                           statute("R2", "TPC 20A .03", "Continuous Trafficking of Persons")]),
                course_factory(jurisdiction={"country": "US", "state": "texas"}, modules=[TEXAS_LAW_MODULE],
                               references=[statute("R1", "Penal Code §§ 20A.02, 20A.03")]),
            ],
            invalid=[
                (course_factory(jurisdiction=TEXAS, modules=[TEXAS_LAW_MODULE],
                                references=[statute("R1", "Tex. Penal Code § 20A.021"),
                                            statute("R2", "Tex. Penal Code § 20A.03")]), ["/references"]),
            ],
            engine=engine,
        )

    def test_sections_are_a_parameter(self, course_factory, engine):
        """A rubric can ask for other sections (here only §20A.02)."""
        course = course_factory(jurisdiction=TEXAS, modules=[TEXAS_LAW_MODULE],
                                references=[statute("R1", "Tex. Penal Code § 20A.02")])
        check_rule("TX-01", valid=[course], engine=engine, params={"texas.statute_sections": ["20A.02"]})
        check_rule("TX-01", invalid=[(course, ["/references"])], engine=engine)


class TestTX03:
    def test_area_code_or_jurisdiction_note(self, course_factory, engine):
        """A Texas number, with or without the country code, or an x-jurisdiction note shows a resource is local."""
        advocate = {"id": "RS1", "name": "Victim services", "type": "victim-services", "local": True,
                    "phone": "+1 (214) 555-0100"}
        task_force = {"id": "RS2", "name": "Task force", "type": "task-force", "local": True,
                      "x-jurisdiction": "Dallas County"}
        national = {"id": "RS3", "name": "National Human Trafficking Hotline", "type": "hotline",
                    "phone": "1-888-373-7888"}
        check_rule(
            "TX-03",
            valid=[course_factory(jurisdiction=TEXAS, resources=[advocate, task_force, national])],
            invalid=[
                (course_factory(jurisdiction=TEXAS, resources=[advocate, national]), ["/resources"]),
                (course_factory(jurisdiction=TEXAS, resources=[{**advocate, "local": False}, task_force]),
                 ["/resources"]),
            ],
            engine=engine,
        )

    def test_other_states_are_not_checked(self, course_factory, engine):
        """Outside Texas the rule does not apply, whatever the resources."""
        check_rule("TX-03", valid=[course_factory(jurisdiction={"country": "US", "state": "LA"})], engine=engine)


class TestTX04:
    def module(self, text):
        return {**TEXAS_LAW_MODULE, "text": text}

    def test_retired_names_in_the_course_own_voice(self, course_factory, engine):
        """An old agency name or acronym used as current fails at the sentence that uses it; the current name,
        an explained renaming and a reference title do not."""
        check_rule(
            "TX-04",
            valid=[
                course_factory(jurisdiction=TEXAS, modules=[self.module("Call DFPS when a child is in danger.")]),
                course_factory(jurisdiction=TEXAS, modules=[self.module("TCOLE, formerly TCLEOSE, licenses officers.")]),
                course_factory(jurisdiction=TEXAS, references=[
                    {"id": "R1", "type": "report", "title": "Texas Youth Commission Annual Review 2009"}]),
            ],
            invalid=[
                (course_factory(jurisdiction=TEXAS, modules=[self.module("Report training hours to TCLEOSE.")]),
                 ["/modules/0/text"]),
                (course_factory(jurisdiction=TEXAS, modules=[self.module(
                    "A runaway on parole may be in the custody of the Texas Youth Commission.")]), ["/modules/0/text"]),
            ],
            engine=engine,
        )

    def test_a_quoted_name_goes_to_a_reviewer(self, course_factory, engine):
        """A quoted old name is not the course's own claim: a reviewer decides."""
        course = course_factory(jurisdiction=TEXAS, modules=[self.module(
            'The 2010 case file reads "referred to the Department of Protective and Regulatory Services".')])
        result = run_rule("TX-04", course, engine=engine)
        assert (result.outcome, [f.term for f in result.findings]) == ("needs-review", ["TXN3"])

    def test_the_lexicon_is_the_plugin_own(self, engine):
        """TX-04 declares the lexicon it reads, and the plugin registers it: the rule is available."""
        assert engine.rules["TX-04"].lexicons == ("tx-retired-names",)
        assert "TX-04" not in engine.unavailable
        assert engine.lexicons.lexicon("tx-retired-names").ids() == ("TXN1", "TXN2", "TXN3")


class TestRubric:
    def test_extends_the_vetting_rubric(self):
        """tx-ht-training keeps every ht-training criterion, adds TX-01 to TX-04 and sets its Texas parameter."""
        engine = vetkit.Engine()
        rubric, parent = engine.rubric("tx-ht-training"), engine.rubric("ht-training")
        ids = [criterion.id for criterion in rubric.criteria]
        assert ids == [criterion.id for criterion in parent.criteria] + ["TX-01", "TX-02", "TX-03", "TX-04"]
        assert rubric.criterion("TX-01").essential
        assert rubric.verdict_rule == "severity"
        assert rubric.parameters["state_law.max_age_months"] == 24
