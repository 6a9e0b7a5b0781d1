"""Tests of the built-in coverage plugin (CV-01 to CV-07; CV-05 is not part of it yet)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vetkit
from vetkit.testing import run_rule, teaching_text
from vetkit.examples import example_course
from vetkit.vocabulary import builtin_vocabulary
from vetkit_coverage import checks

AS_OF = dt.date(2026, 11, 25)
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_coverage") / "rules", plugin="coverage")}
EXAMPLES = [pytest.param(rule, example, id=f"{rule.id}:{example.name}")
            for rule in RULES.values() for example in rule.examples]

SEX_ONLY = ("A 16-year-old was advertised online for commercial sex; the man who posed as her boyfriend kept every "
            "dollar, and any minor in commercial sex is a victim of sex trafficking.")
FORMS = {"none": [], "sex": ["sex-trafficking"], "labor": ["labor-trafficking"],
         "both": ["sex-trafficking", "labor-trafficking"]}


def module(identifier: str, topics=(), minutes: int = 30, **extra) -> dict:
    """A module that declares ``topics`` (and populations, typologies) and, unless ``text`` is given, teaches them."""
    if "text" not in extra:
        parts = [teaching_text(*topics)] + [teaching_text(*(tag for tag in extra.get(field, ()) if ":" not in tag),
                                                          vocabulary=field)
                                            for field in ("populations", "typologies")]
        extra["text"] = " ".join(part for part in parts if part) or "Housekeeping and the day's schedule."
    return {"id": identifier, "title": f"Module {identifier}", "minutes": minutes, "objectiveIds": ["O1"],
            "topics": list(topics), **extra}


def course(**fragment) -> vetkit.Course:
    return vetkit.load_course(example_course(fragment))


def run(rule_id: str, target: vetkit.Course, **params):
    return run_rule(rule_id, target, params=params, as_of=AS_OF)


def pointers(result, effect: str | None = None) -> list[str]:
    return [f.pointer for f in result.findings if effect is None or f.effect == effect]


class TestRuleFiles:
    def test_the_plugin_provides_cv01_to_cv07(self):
        """Every coverage criterion of the guidelines is a rule of this plugin."""
        assert sorted(RULES) == ["CV-01", "CV-02", "CV-03", "CV-04", "CV-05", "CV-06", "CV-07"]

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

    def test_parameter_tags_are_known(self):
        """Tags named in rule parameters exist in the built-in vocabulary."""
        vocabulary = builtin_vocabulary()
        params = {key: value for rule in RULES.values() for key, value in rule.parameters.items()}
        assert set(params["populations.required"]) | set(params["populations.recommended"]) <= vocabulary.populations
        for key in ("traffickers.required_any", "tech_finance.topics", "intersections.tags"):
            assert set(params[key]) <= vocabulary.topics


class TestCV01:
    @pytest.mark.parametrize(("forms", "minutes", "labor", "sex", "labor_only"), [
        (["both"], [60], 30, 30, 0),
        (["sex", "labor", "none"], [90, 30, 500], 30, 90, 1),
        (["labor", "labor"], [0, 10], 10, 0, 1),
        (["sex", "both", "labor"], [40, 20, 5], 15, 50, 1),
    ], ids=["both-halves", "untagged-left-out", "zero-minute-module-not-dedicated", "mixed"])
    def test_d7_split(self, forms, minutes, labor, sex, labor_only):
        """D7: form-tagged minutes only, both-tagged modules split in half, empty labor modules not dedicated."""
        modules = [module(f"M{i}", FORMS[form], m) for i, (form, m) in enumerate(zip(forms, minutes))]
        split = checks.form_minutes(course(modules=modules))
        assert (split.labor, split.sex, len(split.labor_only)) == (labor, sex, labor_only)

    def test_no_labor_content_is_an_error(self):
        """No labor tag and no other labor signal fails at error severity."""
        result = run("CV-01", course(modules=[module("M1", ["sex-trafficking"], 60)]))
        assert (result.outcome, result.severity, result.score) == ("fail", "error", 0.0)
        assert pointers(result) == ["/modules"]

    def test_no_form_tags_at_all(self):
        """A course tagging neither form fails at error severity with a finding for each missing form."""
        result = run("CV-01", course(modules=[module("M1", ["indicators"], 60)]))
        assert (result.outcome, result.severity) == ("fail", "error")
        assert [f.message for f in result.findings] == [
            "No module teaches labor trafficking: no labor content at all.",
            "No module teaches sex trafficking; the course must cover both forms."]
        assert "labor share 0.00 of 0 minutes of modules that teach a form" in result.reason

    def test_labor_setting_text_teaches_labor_without_the_tag(self):
        """A module tagged only sex trafficking whose text describes a labor setting teaches both forms, with a note."""
        modules = [module("M1", ["sex-trafficking"], 60, typologies=["agriculture"])]
        result = run("CV-01", course(modules=modules))
        assert (result.outcome, result.score) == ("pass", 1.0)
        assert "(30 labor, 30 sex;" in result.reason
        assert [f.message for f in result.findings if f.effect == "note"] == [
            "Module M1 “Module M1” teaches labor trafficking without declaring it (confidence 100%)."]

    def test_activity_tag_counts_only_through_its_module(self):
        """An activity tagged labor-trafficking in a sex-only module gets a note and adds no labor minutes."""
        activities = [{"id": "A1", "title": "Farm scenario", "type": "scenario", "minutes": 20, "moduleId": "M1",
                       "objectiveIds": ["O1"], "tags": ["labor-trafficking"]}]
        modules = [module("M1", ["sex-trafficking"], 60, text=SEX_ONLY), module("M2", FORMS["both"], 60)]
        result = run("CV-01", course(modules=modules, activities=activities))
        assert result.outcome == "pass"
        assert pointers(result, "note") == ["/activities/0/tags/0"]

    def test_below_share_reports_figures_and_partial_credit(self):
        """Below the share, the reason names the share, minutes and parameters; the score is share / threshold."""
        modules = [module("M1", FORMS["both"], 20), module("M2", ["sex-trafficking"], 90)]
        result = run("CV-01", course(modules=modules))
        assert result.outcome == "fail" and result.severity == "warning"
        assert result.score == pytest.approx((10 / 110) / 0.20)
        assert "labor share 0.09 of 110 minutes of modules that teach a form (10 labor, 100 sex; labor.min_share = 0.2)" \
            in result.reason

    def test_missing_sex_form(self):
        """Labor-only courses fail for the missing sex form, with half credit."""
        result = run("CV-01", course(modules=[module("M1", ["labor-trafficking"], 60)]))
        assert (result.outcome, result.score) == ("fail", 0.5)
        assert [(f.pointer, f.message) for f in result.findings] == [
            ("/modules", "No module teaches sex trafficking; the course must cover both forms.")]

    def test_parameters_override(self):
        """A stricter share and no dedicated-module route make a borderline course fail."""
        modules = [module("M1", ["sex-trafficking"], 78), module("M2", ["labor-trafficking"], 22)]
        assert run("CV-01", course(modules=modules)).outcome == "pass"
        strict = run("CV-01", course(modules=modules), **{"labor.min_share": 0.25, "labor.min_dedicated_modules": 2})
        assert strict.outcome == "fail"
        assert strict.score == pytest.approx(0.88)


@st.composite
def form_courses(draw):
    """Courses of 1-6 modules, each with some minutes and a form tagging (none, sex, labor or both)."""
    count = draw(st.integers(1, 6))
    forms = draw(st.lists(st.sampled_from(sorted(FORMS)), min_size=count, max_size=count))
    minutes = draw(st.lists(st.integers(0, 240), min_size=count, max_size=count))
    return [module(f"M{i}", FORMS[form], m) for i, (form, m) in enumerate(zip(forms, minutes))]


def _score(modules, params) -> float:
    return run("CV-01", course(modules=modules), **params).score


class TestCV01Property:
    @settings(max_examples=150, deadline=None)
    @given(modules=form_courses(), extra=st.integers(1, 240),
           params=st.fixed_dictionaries({"labor.min_share": st.sampled_from([0.2, 0.25, 0.5]),
                                         "labor.min_dedicated_modules": st.integers(0, 3)}))
    def test_adding_a_labor_module_never_lowers_the_score(self, modules, extra, params):
        """Adding a labor-trafficking module never lowers CV-01's score."""
        more = modules + [module("MX", ["labor-trafficking"], extra)]
        assert _score(more, params) >= _score(modules, params)

    @settings(max_examples=150, deadline=None)
    @given(modules=form_courses(), extra=st.integers(1, 240), data=st.data(),
           params=st.fixed_dictionaries({"labor.min_share": st.sampled_from([0.2, 0.25, 0.5]),
                                         "labor.min_dedicated_modules": st.integers(0, 3)}))
    def test_lengthening_a_labor_module_never_lowers_the_score(self, modules, extra, data, params):
        """Adding minutes to any module tagged labor-trafficking never lowers CV-01's score."""
        labor = [i for i, m in enumerate(modules) if "labor-trafficking" in m["topics"]]
        if not labor:
            return
        index = data.draw(st.sampled_from(labor))
        longer = [dict(m, minutes=m["minutes"] + extra) if i == index else m for i, m in enumerate(modules)]
        assert _score(longer, params) >= _score(modules, params)


class TestCV02:
    def typed(self, *typologies, level="awareness"):
        return course(level=level, modules=[module("M1", typologies=list(typologies))])

    @pytest.mark.parametrize(("level", "typologies", "outcome", "score"), [
        ("awareness", ["escort-services", "illicit-massage", "pornography"], "pass", 1.0),
        ("leadership", ["escort-services", "residential", "pornography"], "fail", 0.5),
        ("advanced", ["agriculture", "construction", "restaurants", "domestic-work"], "fail", 0.9),
        ("operational", ["agriculture", "construction", "restaurants", "hospitality", "fishing-seafood"], "pass", 1.0),
    ], ids=["mixed-counts-as-labor", "sex-only", "one-short", "extra-labor-tag"])
    def test_levels_and_labor_types(self, level, typologies, outcome, score):
        """Thresholds follow the level; mixed (M) and extra labor tags count as labor types."""
        result = run("CV-02", self.typed(*typologies, level=level))
        assert (result.outcome, result.score) == (outcome, pytest.approx(score))

    def test_distinct_across_modules(self):
        """A typology listed in two modules counts once."""
        modules = [module("M1", typologies=["agriculture", "escort-services"]),
                   module("M2", typologies=["agriculture", "residential"])]
        result = run("CV-02", course(modules=modules))
        assert result.outcome == "pass"
        assert "3 distinct typologies, 1 of them labor" in result.reason

    def test_number_overrides_level_mapping(self):
        """A rubric may set one typology.min_types for every level."""
        result = run("CV-02", self.typed("agriculture", "escort-services"), **{"typology.min_types": 2})
        assert result.outcome == "pass"

    def test_custom_typology_is_noted(self):
        """A namespaced typology outside the vocabulary counts as a type, not a labor type, with a note."""
        result = run("CV-02", self.typed("acme:casinos", "escort-services", "residential"))
        assert result.outcome == "fail"
        assert [f.evidence for f in result.findings if f.effect == "note"] == ["acme:casinos"]
        assert "0 labor or mixed typologies" in result.findings[0].message


class TestCV03:
    def test_one_finding_per_missing_population(self):
        """Each missing required population has its own finding; the score is the share present."""
        modules = [module("M1", populations=["adults", "minors"]), module("M2", populations=["us-citizens"])]
        result = run("CV-03", course(modules=modules))
        assert result.outcome == "fail" and result.score == 0.5
        failing = [f.message for f in result.findings if f.effect == "fail"]
        assert len(failing) == 3 and all(m.startswith("No module shows the population") for m in failing)

    def test_required_set_is_a_parameter(self):
        """A rubric can change the required set; other groups become notes only if recommended."""
        modules = [module("M1", populations=["adults", "disabilities"])]
        result = run("CV-03", course(modules=modules), **{"populations.required": ["adults", "disabilities"]})
        assert result.outcome == "pass"
        assert not any("`disabilities`" in f.message for f in result.findings)


class TestCV04:
    @pytest.mark.parametrize(("tags", "outcome", "score"), [
        (["trafficker-partner", "trafficker-women", "trafficker-network"], "pass", 1.0),
        (["trafficker-family", "trafficker-employer"], "fail", pytest.approx((2 / 3 + 1) / 2)),
        (["trafficker-women", "trafficker-employer", "trafficker-network", "gangs"], "fail", 0.5),
    ], ids=["partner-counts", "too-few", "no-known-person"])
    def test_trafficker_kinds(self, tags, outcome, score):
        """At least three trafficker-* kinds, one of them family or partner; non-trafficker tags do not count."""
        result = run("CV-04", course(modules=[module("M1", tags)]))
        assert (result.outcome, result.score) == (outcome, score)


    def test_known_person_requirement_can_be_dropped(self):
        """With traffickers.required_any empty, three kinds of any sort pass."""
        tags = ["trafficker-women", "trafficker-employer", "trafficker-network"]
        result = run("CV-04", course(modules=[module("M1", FORMS["both"] + tags)]), **{"traffickers.required_any": []})
        assert result.outcome == "pass"


class TestCV06:
    @pytest.mark.parametrize(("roles", "severity"), [
        (["patrol"], "info"), (["analyst"], "warning"), (["patrol", "task-force"], "warning"),
        (["multidisciplinary"], "warning"), (["investigator"], "warning"), (["prosecutor"], "info"),
    ])
    def test_escalation_by_role(self, roles, severity):
        """A gap is info by default and a warning for investigators, analysts and task forces."""
        target = course(audience={"roles": roles, "experience": "specialist"},
                        modules=[module("M1", FORMS["both"] + ["technology"])])
        result = run("CV-06", target)
        assert (result.outcome, result.severity, result.score) == ("fail", severity, 0.5)
        assert [f.message.split("`")[1] for f in result.findings] == ["financial"]


class TestCV07:
    def test_threshold_parameter(self):
        """One intersection passes by default; a rubric can ask for more."""
        target = course(modules=[module("M1", FORMS["both"] + ["gangs"])])
        assert run("CV-07", target).outcome == "pass"
        stricter = run("CV-07", target, **{"intersections.min_tags": 2})
        assert (stricter.outcome, stricter.score) == ("fail", 0.5)
        assert pointers(stricter) == ["/modules"]

    def test_absent_intersections_are_notes_on_pass(self):
        """On a pass, the intersections not covered are listed as notes."""
        result = run("CV-07", course(modules=[module("M1", FORMS["both"] + ["domestic-violence"])]))
        assert len([f for f in result.findings if f.effect == "note"]) == 5
