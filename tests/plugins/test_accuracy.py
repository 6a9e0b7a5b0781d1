"""Tests of the built-in accuracy plugin (AC-01 to AC-09) and its myth framing and figure helpers."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from vetkit_accuracy import figures

import vetkit
from vetkit.testing import installed_engine, run_rule
from vetkit.examples import example_course
from vetkit.kit import doubt, judge_all, true_false_key
from vetkit.lexical import scan_course
from vetkit.strategies import valid_courses

AS_OF = dt.date(2026, 11, 25)
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_accuracy") / "rules", plugin="accuracy")}
EXAMPLES = [pytest.param(rule, example, id=f"{rule.id}:{example.name}")
            for rule in RULES.values() for example in rule.examples]
DOCS = Path(__file__).parents[2] / "docs" / "examples"
DOC_COURSES = sorted(DOCS.glob("*.json"))


def module(text: str = "", topics=("labor-trafficking", "sex-trafficking"), identifier: str = "M1", **extra) -> dict:
    return {"id": identifier, "title": f"Module {identifier}", "minutes": 30, "objectiveIds": ["O1"],
            "topics": list(topics), **({"text": text} if text else {}), **extra}


def course(**fragment) -> vetkit.Course:
    return vetkit.load_course(example_course(fragment))


def run(rule_id: str, target: vetkit.Course, **params):
    return run_rule(rule_id, target, params=params, as_of=AS_OF)


def effects(result, effect: str | None = None) -> list[tuple[str, str | None]]:
    """(pointer, term) of the findings with one effect (all findings when None)."""
    return [(f.pointer, f.term) for f in result.findings if effect is None or f.effect == effect]


def item(identifier: str, type_: str, prompt: str, **extra) -> dict:
    return {"id": identifier, "type": type_, "prompt": prompt, "objectiveIds": ["O1"], **extra}


def assessed(*items) -> dict:
    return {"assessments": [{"id": "A1", "title": "Check", "type": "knowledge-check", "purpose": "formative",
                             "objectiveIds": ["O1"], "items": list(items)}]}


def myth_verdicts(target: vetkit.Course):
    return judge_all(target, scan_course(target, installed_engine().lexicons.lexicon("myths")))


class TestRuleFiles:
    def test_every_criterion_is_present(self):
        """The plugin provides AC-01 to AC-09."""
        assert sorted(RULES) == [f"AC-0{n}" for n in range(1, 10)]

    @pytest.mark.parametrize("rule", [r for r in RULES.values() if r.id != "AC-09"], ids=lambda r: r.id)
    def test_automated_rules_show_a_pass_and_a_fail(self, rule):
        """Every automated rule ships at least one passing and one failing example."""
        assert {"pass", "fail"} <= {example.expect for example in rule.examples}

    def test_manual_rule_awaits_a_reviewer(self):
        """AC-09 is a reviewer question whose examples only await a reviewer."""
        assert RULES["AC-09"].method == ("manual",)
        assert {example.expect for example in RULES["AC-09"].examples} == {"needs-review"}

    def test_thresholds_are_the_guideline_defaults(self):
        """§3 defaults: 24-month review cycle, statistics older than 5 years noted."""
        assert RULES["AC-06"].parameters["review.max_age_months"] == 24
        assert RULES["AC-05"].parameters["statistics.max_age_years"] == 5

    def test_term_lists_name_lexicon_rows(self):
        """Every row named in a parameter exists in the lexicon it is read from."""
        registry = installed_engine().lexicons
        myths, stats = set(registry.lexicon("myths").ids()), set(registry.lexicon("statistics").ids())
        assert set(RULES["AC-02"].parameters["myths.terms"]) | set(RULES["AC-08"].parameters["myths.terms"]) | \
            set(RULES["AC-09"].parameters["myths.terms"]) <= myths
        assert set(RULES["AC-04"].parameters["statistics.terms"]) | set(RULES["AC-05"].parameters["statistics.terms"]) \
            <= stats
        assert set(RULES["AC-02"].parameters["terms.smuggling"]) <= set(registry.lexicon("stigmatizing-terms").ids())

    @pytest.mark.parametrize(("rule", "example"), [p.values for p in EXAMPLES], ids=[p.id for p in EXAMPLES])
    def test_example(self, rule, example):
        """The example course gets the expected outcome and findings at the expected pointers."""
        result = run_rule(rule.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
        assert result.outcome == example.expect, result
        assert set(example.pointers) <= {f.pointer for f in result.findings}, result


class TestFraming:
    @pytest.mark.parametrize(("text", "topics", "effect"), [
        ("Victims will usually tell you they are trafficked.", [], "fail"),
        ("Myth: victims will tell you they are trafficked. Fact: most never self-identify.", ["myths"], "note"),
        ("- Myth: trafficking requires movement. Fact: no movement is needed.", ["myths"], "note"),
        ("Farmworkers recruited abroad often owe a recruitment fee and a debt that grows faster than wages. "
         "Trafficking requires movement across a border. That is not true.", [], "note"),
        ("Trafficking requires movement across a border. That is a myth.", ["myths"], "needs-review"),
        ("### Common myths\n\n- Trafficking requires movement.", [], "needs-review"),
        ("Officers often assume trafficking requires movement, but it does not.", [], "needs-review"),
        ("A caller may say \"trafficking requires transportation\" to you.", [], "needs-review"),
        ("If she agreed to the work, it is not trafficking.", [], "fail"),
        ("| Myth | Fact |\n|---|---|\n| Trafficking requires movement | It does not |", ["myths"], "note"),
    ], ids=["own-voice", "myth-fact-sentences", "myth-fact-item", "marker-in-next-sentence",
            "marker-in-next-sentence-in-myths-module", "myth-heading-without-marker", "negation-later-in-sentence",
            "quoted", "negation-belongs-to-the-myth", "myth-fact-table"])
    def test_module_text(self, text, topics, effect):
        """Own voice fails; markers in the sentence, item or table correct; nearby markers or quotes need review."""
        target = course(modules=[module(text, ["labor-trafficking", "sex-trafficking", *topics])])
        verdicts = myth_verdicts(target)
        assert verdicts and {v.effect for v in verdicts} == {effect}, [(v.term_id, v.effect, v.reason) for v in verdicts]

    def test_structured_claim_fails(self):
        """A myth declared in statistics[].claim is an unambiguous claim."""
        target = course(statistics=[{"id": "S1", "claim": "The average age of entry into the sex trade is 13."}])
        assert [(v.pointer, v.effect) for v in myth_verdicts(target)] == [("/statistics/0/claim", "fail")]

    @pytest.mark.parametrize(("key", "effect"), [("False", "note"), ("True", "fail"), (None, "needs-review")])
    def test_true_false_prompt_follows_its_key(self, key, effect):
        """A true-false myth keyed False corrects it, keyed True teaches it, unkeyed needs a reviewer."""
        extra = {"answer": key} if key else {}
        target = course(**assessed(item("Q1", "true-false", "True or false: victims will usually ask for help.",
                                        **extra)))
        assert [(v.pointer, v.effect) for v in myth_verdicts(target)] == \
            [("/assessments/0/items/0/prompt", effect)]

    def test_rationale_of_an_item_keyed_false_is_part_of_the_correction(self):
        """Answer, rationale and feedback of a true-false item keyed False are notes."""
        target = course(**assessed(item("Q1", "true-false", "True or false: victims will ask for help.",
                                        answer="False", rationale="Victims will ask for help is what many assume.")))
        assert {v.effect for v in myth_verdicts(target)} == {"note"}

    @pytest.mark.parametrize(("prompt", "effect"), [
        ("What must be shown for a labor trafficking case?", "fail"),
        ("Which of these statements is a myth?", "needs-review"),
    ], ids=["plain-prompt", "prompt-asks-for-the-myth"])
    def test_correct_choice_stating_a_myth(self, prompt, effect):
        """A myth keyed correct fails, unless the prompt may ask learners to pick the myth."""
        target = course(**assessed(item("Q1", "choice", prompt, choices=[
            {"id": "A", "text": "The workers must be transported across state lines.", "correct": True},
            {"id": "B", "text": "Victims will ask for help.", "correct": False}])))
        got = {v.pointer: v.effect for v in myth_verdicts(target)}
        assert got == {"/assessments/0/items/0/choices/0/text": effect, "/assessments/0/items/0/choices/1/text": "note"}

    @pytest.mark.parametrize(("item_data", "key"), [
        ({"type": "true-false", "answer": "False."}, False),
        ({"type": "true-false", "choices": [{"text": "True", "correct": False}, {"text": "False", "correct": True}]},
         False),
        ({"type": "true-false", "answer": "true"}, True),
        ({"type": "true-false"}, None),
        ({"type": "choice", "answer": "False"}, None),
    ], ids=["answer-false", "choice-false", "answer-true", "no-key", "not-true-false"])
    def test_true_false_key(self, item_data, key):
        """The key comes from `answer` or from the choice keyed correct."""
        assert true_false_key(item_data) is key

    @pytest.mark.parametrize(("text", "reason"), [
        ("Victims will ask for help.", None),
        ("Victims will ask for help, but not always.", "the sentence also says 'not'"),
        ("Victims will ask for help. Many people believe this.", "the passage around it says 'people believe'"),
    ])
    def test_doubt(self, text, reason):
        """Doubt names the negation or marker that makes an own-voice statement unclear."""
        assert doubt(text, 0, len("Victims will ask for help")) == reason


class TestFigures:
    @pytest.mark.parametrize(("text", "keys"), [
        ("About 50 million people and 27.6 million more", [("50", "million"), ("27.6", "million")]),
        ("Up to 300,000 children; 45% of cases; 3.5 percent", [("300000", ""), ("45", "%"), ("3.5", "%")]),
        ("One in four victims, 1 out of 5 workers", [("1 in 4", ""), ("1 in 5", "")]),
        ("Call 1-888-373-7888, 24/7, in 200 languages, 18 U.S.C. 1591, year 2021", []),
        ("$150 billion in profits", [("150", "billion")]),
    ], ids=["millions", "grouped-and-percent", "ratios", "not-figures", "money"])
    def test_figures_in_text(self, text, keys):
        """Percentages, large units, comma-grouped numbers and "1 in N" are figures; phone numbers are not."""
        assert [figure.key for figure in figures.figures(text)] == keys

    def test_declared_keys_match_by_number(self):
        """A claim or a value declares its numbers; units must agree when both give one."""
        keys = figures.declared_keys([{"claim": "About 50 million people in 2021."}, {"claim": "x", "value": 27.6}])
        found = {f.raw: figures.is_declared(f, keys) for f in figures.figures("50 million, 50%, 27.6 million, 7%")}
        assert found == {"50 million": True, "50%": False, "27.6 million": True, "7%": False}


class TestAC01:
    GLOSSARY = ({"term": "Sex trafficking", "definition": "A commercial sex act induced by force, fraud or coercion, "
                                                          "or involving a person under 18."},
                {"term": "Labor trafficking", "definition": "Labor or services obtained by force, fraud or coercion."})

    @pytest.mark.parametrize("citation", ["22 U.S.C. 7102", "22 U.S.C. § 7102", "22 USC 7102", "22 U.S.C. 7102(11)",
                                          "22 U.S.C.A. § 7102", "Title 22, section 7102"])
    def test_citation_variants(self, citation):
        """Every common way of writing the citation counts."""
        target = course(glossary=list(self.GLOSSARY), references=[{"id": "R1", "title": "TVPA", "type": "statute",
                                                             "citation": citation}])
        assert run("AC-01", target).outcome == "pass"

    @pytest.mark.parametrize("citation", ["22 U.S.C. 71020", "18 U.S.C. 7102", "22 U.S.C. 7101"])
    def test_other_sections_do_not_count(self, citation):
        """A different title or section is not the definitions section."""
        target = course(glossary=list(self.GLOSSARY), references=[{"id": "R1", "title": "Law", "type": "statute",
                                                             "citation": citation}])
        result = run("AC-01", target)
        assert result.outcome == "needs-review" and effects(result, "needs-review") == [("/references", None)]

    def test_missing_groups_are_named(self):
        """A legal-federal module without force, fraud and coercion names the missing words."""
        target = course(modules=[module("Sex trafficking is commercial sex with anyone under 18; labor trafficking "
                                        "is forced labor or services.", ["legal-federal"])],
                        references=[{"id": "R1", "title": "TVPA", "type": "statute", "citation": "22 U.S.C. 7102"}])
        result = run("AC-01", target)
        review = [f for f in result.findings if f.effect == "needs-review"]
        assert result.outcome == "needs-review" and [f.pointer for f in review] == ["/modules/0/text"]
        assert "missing: force, fraud, coercion" in review[0].message

    def test_definitions_outside_the_scope_do_not_count_but_are_pointed_at(self):
        """Elements stated outside the definitions (here an answer's rationale) are named as a place to move them from."""
        target = course(glossary=[{"term": "Victim", "definition": "A legal status."}],
                        modules=[module("Approach workers away from supervisors, with an advocate and a qualified "
                                        "interpreter, and meet safety needs first.")],
                        references=[{"id": "R1", "title": "TVPA", "type": "statute", "citation": "22 U.S.C. 7102"}],
                        **assessed(item("Q1", "short-answer", "Who is a victim?", rationale=(
                            "Commercial sex by force, fraud or coercion, or anyone under 18; labor or services."))))
        result = run("AC-01", target)
        review = [f for f in result.findings if f.effect != "note"]
        assert result.outcome == "needs-review" and [f.pointer for f in review] == ["/glossary"]
        assert "Found elsewhere in the course: " in review[0].message
        assert "at /assessments/0/items/0/rationale" in review[0].message

    def test_glossary_without_definitions_and_no_module_fails(self):
        """Glossary entries with empty definitions are no definitions."""
        result = run("AC-01", course(glossary=[{"term": "Victim", "definition": " "}]))
        assert result.outcome == "fail" and effects(result) == [("/modules", None)]


class TestAC02:
    def test_l17_synonym_fails_and_contrast_passes(self):
        """Smuggling used as a synonym fails; contrasting the crimes is not a hit."""
        bad = run("AC-02", course(modules=[module("Officers see trafficking, or smuggling, on the interstate.")]))
        good = run("AC-02", course(modules=[module("Trafficking, or smuggling: what is the difference?")]))
        assert bad.outcome == "fail" and effects(bad, "fail") == [("/modules/0/text", "L17")]
        assert good.outcome == "pass"

    def test_only_movement_and_smuggling_rows(self):
        """Other myths are left to AC-07."""
        result = run("AC-02", course(modules=[module("Victims will usually tell you they are trafficked.")]))
        assert result.outcome == "pass" and not result.findings


class TestAC03:
    REFS = ({"id": "R1", "title": "Global Estimates", "type": "research"},
            {"id": "R2", "title": "Fact sheet", "type": "website"})

    def test_each_missing_piece_has_its_pointer(self):
        """Year and source are checked per statistic, with partial credit."""
        target = course(references=list(self.REFS), statistics=[
            {"id": "S1", "claim": "50 million in 2021.", "year": 2021, "referenceId": "R1"},
            {"id": "S2", "claim": "27.6 million.", "referenceId": "R1"},
            {"id": "S3", "claim": "6.3 million.", "year": 2021}])
        result = run("AC-03", target)
        assert result.outcome == "fail" and result.score == pytest.approx(1 / 3)
        assert effects(result, "fail") == [("/statistics/1/year", None), ("/statistics/2/referenceId", None)]

    def test_referenceid_must_name_a_reference(self):
        """A referenceId naming another kind of object does not resolve (checked even without validation)."""
        target = vetkit.Course(example_course({"statistics": [{"id": "S1", "claim": "50 million.", "year": 2021,
                                                               "referenceId": "M1"}]}))
        result = run("AC-03", target)
        assert result.outcome == "fail" and effects(result, "fail") == [("/statistics/0/referenceId", None)]

    def test_website_source_needs_a_reputability_check(self):
        """A figure from a website reference goes to a reviewer (parameter-driven)."""
        target = course(references=list(self.REFS), statistics=[{"id": "S1", "claim": "x", "year": 2021,
                                                           "referenceId": "R2"}])
        assert run("AC-03", target).outcome == "needs-review"
        assert run("AC-03", target, **{"statistics.review_reference_types": []}).outcome == "pass"

    def test_undeclared_figures_one_finding_each(self):
        """Each undeclared figure is a needs-review finding with its offsets; declared ones are silent."""
        text = "About 50 million people live in modern slavery; 70% are recruited online, and 70% again."
        target = course(modules=[module(text)], references=list(self.REFS),
                        statistics=[{"id": "S1", "claim": "About 50 million people.", "year": 2021,
                                     "referenceId": "R1"}])
        result = run("AC-03", target)
        review = [f for f in result.findings if f.effect == "needs-review"]
        assert result.outcome == "needs-review" and len(review) == 1
        assert (review[0].pointer, text[review[0].start:review[0].end]) == ("/modules/0/text", "70%")

    def test_objective_criteria_are_not_figures(self):
        """Thresholds in objectives are not statistics."""
        target = course(objectives=[{"id": "O1", "text": "Identify indicators with 80% accuracy."}])
        assert run("AC-03", target).outcome == "pass"

    def test_hotline_cases_as_prevalence(self):
        """S09 in the text needs review; declared as a statistic it fails."""
        sentence = "There are 10,000 cases of trafficking each year according to hotline data."
        text_only = run("AC-03", course(modules=[module(sentence)], references=list(self.REFS), statistics=[
            {"id": "S1", "claim": "10,000 contacts.", "year": 2021, "referenceId": "R1"}]))
        declared = run("AC-03", course(references=list(self.REFS), statistics=[
            {"id": "S1", "claim": sentence, "year": 2021, "referenceId": "R1"}]))
        assert text_only.outcome == "needs-review" and ("/modules/0/text", "S09") in effects(text_only)
        assert declared.outcome == "fail" and effects(declared, "fail") == [("/statistics/0/claim", "S09")]


class TestAC04AC05:
    @pytest.mark.parametrize(("claim", "rule_id", "severity"), [
        ("The average age of entry into prostitution is 12 to 14.", "AC-04", "error"),
        ("Trafficking spikes around the Super Bowl every year.", "AC-04", "error"),
        ("Up to 300,000 children are at risk of being trafficked.", "AC-04", "warning"),
        ("Trafficking is the second-largest criminal industry.", "AC-04", "warning"),
        ("40.3 million people are in modern slavery.", "AC-05", "warning"),
        ("27 million people are enslaved.", "AC-05", "warning"),
    ], ids=["S01", "S02", "S03", "S04", "S05", "S07"])
    def test_declared_claims_fail_at_the_row_severity(self, claim, rule_id, severity):
        """A debunked or superseded figure declared in statistics[] fails with the row's severity."""
        result = run(rule_id, course(statistics=[{"id": "S1", "claim": claim}]))
        assert (result.outcome, result.severity) == ("fail", severity)
        assert [p for p, _ in effects(result, "fail")] == ["/statistics/0/claim"]

    def test_current_estimate_is_not_a_hit(self):
        """27.6 million (ILO 2022) is not the superseded 27 million."""
        assert run("AC-05", course(statistics=[{"id": "S1", "claim": "27.6 million in forced labour."}])).outcome \
            == "pass"

    def test_superseded_suggestion_names_the_current_estimate(self):
        """The suggestion carries the ILO 2022 figures."""
        result = run("AC-05", course(modules=[module("Up to 21 million people are in forced labor.")]))
        assert result.outcome == "needs-review"
        assert result.findings[0].suggestion.startswith("Fix: ILO 2022")
        assert "27.6 million" in result.findings[0].suggestion

    def test_profit_figure_is_only_noted(self):
        """S08 is an info row: listed, no effect."""
        result = run("AC-05", course(modules=[module("Forced labour yields $150 billion a year.")]))
        assert result.outcome == "pass" and effects(result, "note") == [("/modules/0/text", "S08")]

    @pytest.mark.parametrize(("year", "noted"), [(2021, False), (2020, True)])
    def test_old_statistic_year_is_an_info_note(self, year, noted):
        """A year more than statistics.max_age_years before as_of is noted; the outcome stays pass."""
        result = run("AC-05", course(statistics=[{"id": "S1", "claim": "6.3 million.", "year": year}]))
        assert result.outcome == "pass"
        assert (("/statistics/0/year", None) in effects(result, "note")) is noted

    def test_debunking_use_is_a_note(self):
        """A debunked figure named as a myth is only noted."""
        result = run("AC-04", course(modules=[module("It is a myth that trafficking spikes at the Super Bowl.")]))
        assert result.outcome == "pass" and effects(result, "note") == [("/modules/0/text", "S02")]


class TestAC06:
    @pytest.mark.parametrize(("reviewed", "outcome", "months"), [
        ("2024-11-25", "pass", 24), ("2024-11-26", "pass", 23), ("2024-11-24", "pass", 24),
        ("2024-10-24", "fail", 25), ("2027-01-01", "needs-review", None),
    ], ids=["exactly-24", "23", "24-and-a-day-short", "25", "future"])
    def test_age_in_months(self, reviewed, outcome, months):
        """The age is counted in whole months at as_of; more than review.max_age_months fails."""
        result = run("AC-06", course(lifecycle={"owner": "Unit", "lastReviewed": reviewed}))
        assert result.outcome == outcome
        if months is not None:
            assert f"is {months} months before" in result.reason

    def test_threshold_comes_from_the_parameter(self):
        """A rubric may shorten the cycle."""
        target = course(lifecycle={"owner": "Unit", "lastReviewed": "2025-09-01"})
        assert run("AC-06", target, **{"review.max_age_months": 12}).outcome == "fail"

    def test_references_published_after_the_review_are_noted(self):
        """Sources published before the review are silent; later ones are notes."""
        target = course(lifecycle={"owner": "Unit", "lastReviewed": "2025-06-01"}, references=[
            {"id": "R1", "title": "Old", "type": "research", "published": "2022-09-12"},
            {"id": "R2", "title": "New", "type": "policy", "published": "2026-03-01"}])
        result = run("AC-06", target)
        assert result.outcome == "pass" and effects(result, "note") == [("/references/1/published", None)]


class TestAC07:
    def test_a_correction_anywhere_counts_without_a_myths_module(self):
        """No module is about myths, but a true-false item keyed False corrects one: explicit correction, a pass."""
        target = course(modules=[module("Approach workers away from supervisors, with an advocate and a qualified "
                                        "interpreter, and meet safety needs first.")],
                        **assessed(item("Q1", "true-false", "A person must be moved across a border for the case to "
                                        "be trafficking.", answer="False")))
        result = run("AC-07", target)
        assert result.outcome == "pass"
        assert result.reason.endswith("No module is about myths, but the course corrects 1 myth statement(s) "
                                      "explicitly (/assessments/0/items/0/prompt).")

    def test_myth_module_alone_does_not_excuse_a_myth(self):
        """A myths module that states a myth without a marker still fails."""
        target = course(modules=[module("Common myths about human trafficking, each followed by the fact that "
                                        "corrects it. Myth: victims always ask for help. Fact: most never "
                                        "self-identify.\n\nTraffickers are usually strangers who target children.",
                                        ["myths"])])
        result = run("AC-07", target)
        assert (result.outcome, result.severity) == ("fail", "error")
        assert effects(result, "fail") == [("/modules/0/text", "M04")]

    def test_missing_myth_module_is_a_warning(self):
        """Clean text without a myths module fails at warning."""
        result = run("AC-07", course(modules=[module("Traffickers are often partners or relatives.")]))
        assert (result.outcome, result.severity) == ("fail", "warning")
        assert effects(result, "fail") == [("/modules", None)]

    def test_myth_in_distractor_passes(self):
        """A myth offered as a wrong answer is a note."""
        target = course(modules=[module("Myth: trafficking requires movement. Fact: no movement is needed; a person "
                                        "can be trafficked in their own home town.", ["myths"])], **assessed(item(
            "Q1", "choice", "Which is accurate?", choices=[
                {"id": "A", "text": "Many victims never self-identify.", "correct": True},
                {"id": "B", "text": "Victims will ask for help.", "correct": False}])))
        result = run("AC-07", target)
        assert result.outcome == "pass" and effects(result, "note") == [
            ("/modules/0/text", "M01"), ("/assessments/0/items/0/choices/1/text", "M09")]


class TestAC08:
    def test_each_indicator_module_needs_p_ind(self):
        """Only the indicators module without a caveat is pointed at."""
        target = course(modules=[
            module("No single indicator proves trafficking.", ["indicators"], "M1"),
            module("Indicators of labor trafficking at a work site: workers who live at the job site, who owe a "
                   "recruitment debt, or whose identity documents are held by the employer.", ["indicators"], "M2")])
        result = run("AC-08", target)
        assert result.outcome == "needs-review" and effects(result, "needs-review") == [("/modules/1/text", None)]

    def test_no_indicator_module_leaves_only_the_m16_scan(self):
        """Without an indicators module, the rule passes unless M16 is stated."""
        target = course(modules=[module("Tattoos mean the person is being trafficked.", ["labor-trafficking"])])
        result = run("AC-08", target)
        assert result.outcome == "fail" and effects(result, "fail") == [("/modules/0/text", "M16")]


class TestAC09:
    def test_hints_are_notes_and_the_outcome_awaits_a_reviewer(self):
        """The labor-law tag and M10 hits are attached as notes; the outcome is needs-review."""
        target = course(modules=[module("Labor law and trafficking: wage-and-hour violations, unpaid overtime and "
                                        "unsafe conditions are labor-law matters handled by the Department of Labor; "
                                        "they become labor trafficking when force, fraud or coercion compels the "
                                        "work. If the worker agreed to come and was paid, it cannot be trafficking.",
                                        ["labor-trafficking", "labor-law"])])
        result = run("AC-09", target)
        assert result.outcome == "needs-review" and result.severity == "warning"
        assert {f.effect for f in result.findings} == {"note"}
        assert effects(result) == [("/modules/0", None), ("/modules/0/text", "M10")]


EXPECTED = {
    "dispatcher-call-taking": {"AC-01": "needs-review", "AC-02": "fail", "AC-03": "fail", "AC-04": "fail",
                               "AC-05": "fail", "AC-06": "fail", "AC-07": "fail", "AC-08": "fail",
                               "AC-09": "needs-review"},
    "roll-call-awareness": {"AC-01": "pass", "AC-02": "pass", "AC-03": "pass", "AC-04": "pass", "AC-05": "pass",
                            "AC-06": "pass", "AC-07": "pass", "AC-08": "needs-review", "AC-09": "needs-review"},
    "task-force-investigations": {"AC-01": "pass", "AC-02": "pass", "AC-03": "pass", "AC-04": "pass",
                                  "AC-05": "pass", "AC-06": "pass", "AC-07": "pass", "AC-08": "pass",
                                  "AC-09": "needs-review"},
}


class TestDocumentedCourses:
    @pytest.mark.parametrize("path", DOC_COURSES, ids=lambda p: p.stem)
    def test_outcomes(self, path):
        """The dispatcher course fails its planted errors; the task-force and roll-call courses pass."""
        target = vetkit.load_course(path)
        got = {rule_id: run(rule_id, target).outcome for rule_id in RULES}
        assert got == EXPECTED[path.stem]

    def test_roll_call_myth_fact_list_is_noted(self):
        """The roll-call Myth/Fact list yields notes only, no failure."""
        result = run("AC-07", vetkit.load_course(DOCS / "roll-call-awareness.json"))
        assert result.outcome == "pass" and {f.effect for f in result.findings} == {"note"}
        assert {"M01", "M03", "M06", "M07", "M10"} <= {f.term for f in result.findings}


class TestProperties:
    @settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(document=valid_courses())
    def test_no_check_raises_on_any_valid_course(self, document):
        """Generated valid courses get a well-formed answer from every AC rule."""
        try:
            loaded = vetkit.load_course(document)
        except vetkit.InvalidCourse:
            assume(False)  # the generator's optional strings may be empty where the schema forbids it
        for rule_id in RULES:
            result = run(rule_id, loaded)
            assert result.outcome in ("pass", "fail", "needs-review", "not-applicable")
            assert result.score is None or 0.0 <= result.score <= 1.0
            assert all(f.effect in ("fail", "needs-review", "note") and f.suggestion for f in result.findings)
            if result.outcome in ("fail", "needs-review"):
                assert result.findings


class TestReviewRegressions:
    """Paraphrased myths and correct statements found in the adversarial review (myths lexicon)."""

    @pytest.mark.parametrize(("text", "expected"), [
        # correct teaching must not fail
        ("A case may involve transporting a victim across state lines, which can add federal charges.", []),
        ("Smuggling involves crossing a border illegally.", []),
        ("Smuggling requires crossing a border; trafficking does not.", []),
        ("Most identified victims are women and girls, but men and boys are also trafficked.", []),
        ("Around 75% of identified victims are women.", []),
        ("Victims are women, men and children of every background.", []),
        ("Some victims are locked in, but most control is psychological.", []),
        ("Labor trafficking is not rare.", []),
        ("It is a sure sign of trouble when a manager answers for every worker.", []),
        ("Some victims are moved across state lines, but the federal definition does not require any travel.",
         [("M01", "note")]),
        # paraphrased myths must be caught
        ("Victims are almost always moved from city to city.", [("M01", "fail")]),
        ("Trafficking involves moving people across borders.", [("M01", "fail")]),
        ("Without movement there is no trafficking.", [("M01", "fail")]),
        ("Human trafficking is essentially modern-day smuggling of people.", [("M02", "fail")]),
        ("Victims are usually brought into the country illegally.", [("M05", "fail")]),
        ("Boys are rarely trafficked.", [("M06", "fail")]),
        ("All victims are women.", [("M06", "fail")]),
        ("Trafficking is really about prostitution.", [("M07", "fail")]),
        ("Human trafficking is another word for prostitution.", [("M07", "fail")]),
        ("A true victim would have run when she had the chance.", [("M09", "fail")]),
        ("She chose to do this work, so she is not a trafficking victim.", [("M10", "fail")]),
        ("A barcode tattoo is proof she is trafficked.", [("M16", "fail")]),
    ])
    def test_module_sentence(self, text, expected):
        target = course(modules=[module(text)])
        verdicts = [v for v in myth_verdicts(target) if v.pointer == "/modules/0/text"]
        assert [(v.term_id, v.effect) for v in verdicts] == expected, [(v.term_id, v.matched) for v in verdicts]

    @pytest.mark.parametrize(("text", "outcome", "pointers"), [
        ("Farmworkers recruited abroad often owe a recruitment fee and a debt that grows faster than wages. "
         "Movement is not required. Some victims are moved across state lines, but no travel is required.",
         "pass", []),
        ("Victims are almost always moved from city to city.", "fail", ["/modules/0/text"]),
        ("Smuggling involves crossing a border; trafficking is a crime against a person.", "pass", []),
    ])
    def test_ac02_outcome(self, text, outcome, pointers):
        result = run("AC-02", course(modules=[module(text)]))
        assert result.outcome == outcome
        assert [p for p, _ in effects(result, "fail")] == pointers

    @pytest.mark.parametrize("citation", ["22 U.S.C. § 7101 et seq.", "22 USC 7101, et seq."])
    def test_ac01_chapter_citation_covers_7102(self, citation):
        """The TVPA cited as a chapter ("22 U.S.C. 7101 et seq.") includes the definitions section."""
        target = course(glossary=list(TestAC01.GLOSSARY), references=[
            {"id": "R1", "title": "Trafficking Victims Protection Act", "type": "statute", "citation": citation}])
        assert run("AC-01", target).outcome == "pass"

    @pytest.mark.parametrize("citation", ["22 U.S.C. 7001 et seq.", "18 U.S.C. 7101 et seq."])
    def test_ac01_chapter_citation_elsewhere_does_not_count(self, citation):
        target = course(glossary=list(TestAC01.GLOSSARY), references=[
            {"id": "R1", "title": "Law", "type": "statute", "citation": citation}])
        result = run("AC-01", target)
        assert result.outcome == "needs-review" and effects(result, "needs-review") == [("/references", None)]
