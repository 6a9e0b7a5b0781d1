"""The trauma-informed plugin: TI-07, TI-08 and the media rules DM-01 to DM-03."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import pytest

import vetkit
from vetkit.testing import make_engine, run_rule
import vetkit_trauma_informed
from vetkit.checking import CheckContext
from vetkit.examples import example_course

AS_OF = dt.date(2026, 11, 25)
MINE = ("TI-07", "TI-08", "DM-01", "DM-02", "DM-03")  # the plugin's other TI rules are tested elsewhere
RULES = {rule.id: rule for rule in vetkit.load_rules(files("vetkit_trauma_informed") / "rules",
                                                     plugin="trauma_informed") if rule.id in MINE}
EXAMPLES = [(rule, example) for rule in RULES.values() for example in rule.examples]
GLOSSARY = [{"term": "Victim", "definition": "A person harmed by a crime."}]


def module(text: str, **fields) -> dict:
    return {"id": "M1", "title": "Recognizing trafficking", "minutes": 60, "objectiveIds": ["O1"],
            "topics": ["labor-trafficking", "sex-trafficking", "indicators"], "text": text, **fields}


def run(rule_id: str, params: dict | None = None, engine=None, **top):
    """Run one rule on the base course with ``top`` laid over it."""
    return run_rule(rule_id, example_course(top), params=params, as_of=AS_OF, engine=engine)


def by_effect(result, effect: str) -> list[str]:
    """Pointers of the findings with one effect, in order."""
    return [finding.pointer for finding in result.findings if finding.effect == effect]


def image(identifier="P1", **fields) -> dict:
    return {"id": identifier, "title": "Slide", "type": "image", **fields}


class TestCatalogue:
    def test_plugin_provides_its_criteria(self):
        """The plugin defines TI-07, TI-08 and DM-01 to DM-03 with the guide's severities."""
        mine = {"DM-01": "error", "DM-02": "warning", "DM-03": "warning", "TI-07": "error", "TI-08": "warning"}
        assert {rule_id: RULES[rule_id].severity for rule_id in mine} == mine

    def test_parameters(self):
        """DM-02 reads the §3 key depiction.max_single_gender_share and the D13 minimum."""
        assert RULES["DM-02"].parameters["depiction.max_single_gender_share"] == 0.8
        assert RULES["DM-02"].parameters["depiction.min_count"] == 5
        assert RULES["DM-01"].parameters["require_image_review"] is False

    def test_lexicon_hook_registers_every_file(self):
        """The plugin registers its own lexicons and phrase sets; each one loads."""
        registry = make_engine(vetkit_trauma_informed).lexicons
        assert set(registry.names()) == {"stigmatizing-terms", "myths", "leverage", "imagery", "entertainment",
                                         "conditional-services", "arrest-as-rescue", "interpreter-practice", "P-VC",
                                         "P-TI", "P-BEH", "P-LANG", "cooperation", "offender-terms"}
        for name in registry.names():
            registry.get(name)


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[f"{r.id}:{e.name}" for r, e in EXAMPLES])
def test_examples(rule, example):
    """Every example in the rule files gets its expected outcome and the pointers it names."""
    result = run_rule(rule.id, vetkit.load_course(example_course(example)), as_of=AS_OF)
    assert result.outcome == example.expect, result
    assert set(example.pointers) <= {finding.pointer for finding in result.findings}, result.findings


class TestTI07:
    CASES = [
        ("own voice, unambiguous", "Patrol meets child prostitutes at truck stops.", "fail", "error"),
        ("U warning row fails at warning", "The suspect traded kiddie porn online.", "fail", "warning"),
        ("quoted slur", 'The buyer called her a "whore" on the recording.', "needs-review", "warning"),
        ("negated", "Never call a trafficked teen a child prostitute.", "pass", "error"),
        ("statute citation exempts L14", "Possession of child pornography is charged under 18 U.S.C. 2252.",
         "pass", "error"),
        ("error row that is not U", "A 15-year-old told us she chose this life.", "needs-review", "error"),
        ("jargon in own voice", "The pimp kept her ID.", "needs-review", "warning"),
        ("proper name", "Order posters from the Rescue & Restore campaign.", "pass", "error"),
    ]

    @pytest.mark.parametrize("name,text,outcome,severity", CASES, ids=[c[0] for c in CASES])
    def test_outcomes(self, name, text, outcome, severity):
        """The §4.0 context and the U column decide fail, review or pass."""
        result = run("TI-07", modules=[module(text)], glossary=GLOSSARY)
        assert (result.outcome, result.severity) == (outcome, severity)

    def test_finding_points_at_the_term_and_explains(self):
        """The finding has the field pointer, offsets, term id, effect, explanation and the preferred wording."""
        text = "Patrol meets child prostitutes at truck stops."
        result = run("TI-07", modules=[module(text)], glossary=GLOSSARY)
        (finding,) = result.findings
        assert finding.pointer == "/modules/0/text" and finding.term == "L01" and finding.effect == "fail"
        assert text[finding.start:finding.end] == "child prostitutes"
        assert "own voice" in finding.message and "unambiguous" in finding.message
        assert finding.suggestion.startswith("Use instead: child sex-trafficking victim")
        assert finding.evidence == text

    def test_notes_do_not_change_the_outcome(self):
        """A negated use is listed as a note and the rule passes."""
        result = run("TI-07", modules=[module("Avoid the word rescue; say that officers assisted the person.")],
                     glossary=GLOSSARY)
        assert result.outcome == "pass" and by_effect(result, "note") == ["/modules/0/text"]

    @pytest.mark.parametrize("text, outcome, fails, notes", [
        ("| Say this | Not this |\n|---|---|\n| a child sold for sex | child prostitute |", "pass", [],
         ["/modules/0/text"]),
        ("### Language to retire\n\n- hooker\n- child prostitute\n", "pass", [],
         ["/modules/0/text", "/modules/0/text"]),
        ("### Language to retire\n\nThe detective called her a hooker.", "fail", ["/modules/0/text"], []),
        ("Avoid terms like child prostitute: a minor cannot consent.", "pass", [], ["/modules/0/text"]),
        ("Avoid: child prostitute.", "pass", [], ["/modules/0/text"]),
        ("| Term | Meaning |\n|---|---|\n| child prostitute | a minor in the sex trade |", "fail",
         ["/modules/0/text"], []),
    ], ids=["not-this-column", "retire-heading-list", "retire-heading-paragraph", "avoid-terms-like",
            "avoid-label", "neutral-table"])
    def test_corrections_in_own_words(self, text, outcome, fails, notes):
        """Tables, headings and labels that retire a term are corrections; a neutral table still fails."""
        result = run("TI-07", modules=[module(text)], glossary=GLOSSARY)
        assert (result.outcome, by_effect(result, "fail"), by_effect(result, "note")) == (outcome, fails, notes)

    def test_missing_glossary(self):
        """Without a glossary the rule needs review, pointing at /glossary."""
        result = run("TI-07", modules=[module("Officers assist victims.")])
        assert result.outcome == "needs-review" and by_effect(result, "needs-review") == ["/glossary"]

    def test_fail_outranks_a_missing_glossary(self):
        """An unambiguous term fails the rule even when the glossary is also missing."""
        result = run("TI-07", modules=[module("Patrol meets child prostitutes.")])
        assert result.outcome == "fail"
        assert set(by_effect(result, "fail")) == {"/modules/0/text"}
        assert "/glossary" in by_effect(result, "needs-review")

    def test_jargon_in_the_glossary(self):
        """Jargon explained in the glossary is reviewed (D3), or noted when the rubric says so."""
        glossary = GLOSSARY + [{"term": "The life", "definition": "How traffickers describe the sex trade."}]
        course = {"glossary": glossary, "modules": [module("Officers assist victims.")]}
        assert run("TI-07", **course).outcome == "needs-review"
        assert run("TI-07", params={"lexicon.jargon_glossary_as_note": True}, **course).outcome == "pass"

    def test_assessment_choice_keyed_incorrect(self):
        """A stigmatizing term offered as a wrong answer is a note."""
        assessment = {"id": "K1", "title": "Check", "type": "knowledge-check", "purpose": "formative",
                      "objectiveIds": ["O1"], "items": [{
                          "id": "Q1", "type": "choice", "prompt": "Which term should a report use?",
                          "objectiveIds": ["O1"],
                          "choices": [{"id": "A", "text": "Child prostitute", "correct": False},
                                      {"id": "B", "text": "Trafficked minor", "correct": True}]}]}
        result = run("TI-07", assessments=[assessment], glossary=GLOSSARY)
        assert result.outcome == "pass"
        assert by_effect(result, "note") == ["/assessments/0/items/0/choices/0/text"]

    def test_terms_added_by_another_plugin_are_scanned(self):
        """Terms an academy's plugin adds to the stigmatizing-terms lexicon are scanned too."""
        class AcademyTerms:
            @vetkit.hookimpl
            def vetkit_register_lexicons(self, register):
                register("stigmatizing-terms", [{"id": "X01", "patterns": ["working girl"], "severity": "warning",
                                                 "use_instead": "person in the sex trade"}])

        engine = make_engine(vetkit_trauma_informed, AcademyTerms())
        result = run("TI-07", engine=engine, modules=[module("She was a working girl in the city.")],
                     glossary=GLOSSARY)
        assert result.outcome == "needs-review"
        assert [(finding.term, finding.pointer) for finding in result.findings] == [("X01", "/modules/0/text")]

    def test_a_check_reads_only_the_lexicons_its_rule_declares(self):
        """CheckContext.lexicon hands out a declared lexicon and refuses any other, naming the rule."""
        engine = make_engine(vetkit_trauma_informed)
        context = CheckContext(course=vetkit.load_course(example_course({})), rule=RULES["TI-07"], params={},
                               as_of=AS_OF, lexicons=engine.lexicons)
        assert context.lexicon("stigmatizing-terms").name == "stigmatizing-terms"
        with pytest.raises(KeyError, match="rule TI-07 reads lexicon 'imagery' but does not declare it"):
            context.lexicon("imagery")


class TestTI08:
    CASES = [
        ("rescue framing", "The unit rescued twelve girls last year.", "needs-review"),
        ("voice for the voiceless", "Advocates are a voice for the voiceless.", "needs-review"),
        ("sex slaves", "He held four sex slaves in the house.", "needs-review"),
        ("slavery as a legal term", "Peonage and slavery are federal crimes.", "pass"),
        ("campaign name", "The Rescue & Restore campaign offers posters.", "pass"),
        ("other L rows are TI-07's", "Patrol meets child prostitutes.", "pass"),
        ("passive saved", "The girls were saved from the life by the raid.", "needs-review"),
        ("saved files", "The interview notes were saved to the case file.", "pass"),
        ("operation name", "Our unit ran sweeps under names like Operation Rescue Shield.", "pass"),
        ("negated rescue", "We do not rescue anyone; we offer options.", "pass"),
        ("shelter name in a sentence", "Call the Rescue Mission shelter on 5th Street.", "pass"),
    ]

    @pytest.mark.parametrize("name,text,outcome", CASES, ids=[c[0] for c in CASES])
    def test_outcomes(self, name, text, outcome):
        """Only rows L09, L12 and L13 count, and never fail."""
        assert run("TI-08", modules=[module(text)]).outcome == outcome


class TestDM01:
    def test_guarded_chain(self):
        """"Supply chain" in a description is not imagery."""
        result = run("DM-01", materials=[image(altText="Diagram of the seafood supply chain.")])
        assert result.outcome == "pass"

    def test_video_without_transcript(self):
        """A video with no descriptive text needs review, pointing where its description belongs."""
        result = run("DM-01", materials=[{"id": "V1", "title": "Intro", "type": "video"}])
        assert result.outcome == "needs-review" and by_effect(result, "needs-review") == ["/materials/0/description"]

    def test_slides_need_no_description(self):
        """Only images and videos must be described."""
        assert run("DM-01", materials=[{"id": "S1", "title": "Deck", "type": "slides"}]).outcome == "pass"

    def test_require_image_review(self):
        """With require_image_review a described image still needs a reviewer."""
        materials = [image(altText="Two officers talking with a restaurant worker.")]
        assert run("DM-01", materials=materials).outcome == "pass"
        result = run("DM-01", params={"require_image_review": True}, materials=materials)
        assert result.outcome == "needs-review" and "require_image_review" in result.reason

    def test_file_name_is_scanned(self, write):
        """A material's file name is read for imagery words, as well as its contents."""
        path = write("course/girl_in_chains.md", "Notes for the facilitator.")
        data = example_course({"materials": [{"id": "H1", "title": "Handout", "type": "handout",
                                              "file": "girl_in_chains.md"}]})
        course = vetkit.load_course(data, base_dir=path.parent)
        result = run_rule("DM-01", course, as_of=AS_OF)
        assert result.outcome == "needs-review" and by_effect(result, "needs-review") == ["/materials/0/file"]

    def test_module_text_is_not_media(self):
        """Injury indicators taught in module text are not imagery."""
        result = run("DM-01", modules=[module("Document bruises and other injuries with photographs.")])
        assert result.outcome == "pass"

    @pytest.mark.parametrize("kind, field, text, outcome, reviews, notes", [
        ("job-aid", "text", "Indicators: unexplained bruises; locked in a room at night.", "pass", [],
         ["/materials/0/text", "/materials/0/text"]),
        ("handout", "text", "The worker said she was chained to a bed; records corroborated it.", "pass", [],
         ["/materials/0/text"]),
        ("slides", "text", "Slide 2: photo of a girl in chains.", "needs-review", ["/materials/0/text"], []),
        ("job-aid", "description", "Poster of a girl in chains.", "needs-review", ["/materials/0/description"], []),
        ("image", "altText", "A teenage girl crying in a motel room.", "needs-review", ["/materials/0/altText"], []),
    ], ids=["job-aid-indicators", "handout-case", "slides-text", "job-aid-description", "crying-girl"])
    def test_prose_body_is_not_imagery(self, kind, field, text, outcome, reviews, notes):
        """The body text of a handout or job aid is prose about cases (note); what a material shows is reviewed."""
        result = run("DM-01", materials=[{"id": "H1", "title": "Card", "type": kind, field: text,
                                          **({"altText": "Officers talking."} if kind == "image" and field != "altText"
                                             else {})}])
        assert (result.outcome, by_effect(result, "needs-review"), by_effect(result, "note")) == (outcome, reviews, notes)

    def test_trafficker_behind_bars(self):
        """An image of a convicted trafficker behind bars is not a victim behind bars."""
        result = run("DM-01", materials=[image(altText="The convicted trafficker behind bars after sentencing.")])
        assert result.outcome == "pass"


class TestDM02:
    def depicted(self, *tag_lists):
        return [image(f"P{i}", altText="A photo.", depicts=list(tags)) for i, tags in enumerate(tag_lists)]

    def test_male_only_also_fails(self):
        """The share limit applies to any single gender."""
        result = run("DM-02", materials=self.depicted(*[["man"]] * 5))
        assert result.outcome == "fail" and "male" in result.reason

    def test_officer_is_not_a_victim_depiction(self):
        """A gendered tag that only describes the officer is left out of the count."""
        result = run("DM-02", materials=self.depicted(*[["woman"]] * 4, ["officer", "man"]))
        assert result.outcome == "not-applicable"

    def test_share_at_the_limit_passes(self):
        """Exactly 80 % is within the limit; above it fails."""
        assert run("DM-02", materials=self.depicted(*[["woman"]] * 4, ["man"])).outcome == "pass"
        assert run("DM-02", params={"depiction.max_single_gender_share": 0.75},
                   materials=self.depicted(*[["woman"]] * 4, ["man"])).outcome == "fail"

    def test_trafficker_sentences_are_skipped(self):
        """Sentences about the trafficker or the officer do not count as victim references."""
        activity = {"id": "A1", "title": "Case", "type": "case-study", "minutes": 10, "moduleId": "M1",
                    "objectiveIds": ["O1"],
                    "text": "The trafficker said he owned the house. He told the officer he was her boyfriend. "
                            "The officer asked him to step outside."}
        assert run("DM-02", activities=[activity]).outcome == "not-applicable"


class TestDM03:
    CASES = [
        ("phrase, not the film", "Taken together, these indicators justify a referral.", "pass"),
        ("film in quotes", 'Show the class the film "Taken" first.', "needs-review"),
        ("film in italics", "Watch *Taken* with the squad.", "needs-review"),
        ("critical framing", 'The movie "Taken" is not how trafficking usually works.', "pass"),
        ("other film", "Many recruits first heard of trafficking from Sound of Freedom.", "needs-review"),
    ]

    @pytest.mark.parametrize("name,text,outcome", CASES, ids=[c[0] for c in CASES])
    def test_outcomes(self, name, text, outcome):
        """I15 needs review unless the mention is critical; "Taken" counts only as the film."""
        assert run("DM-03", modules=[module(text)]).outcome == outcome

    def test_reference_title_is_a_note(self):
        """A film listed in the references is a bibliographic title."""
        references = [{"id": "R1", "title": "Sound of Freedom (2023), feature film", "type": "website"}]
        result = run("DM-03", references=references)
        assert result.outcome == "pass" and by_effect(result, "note") == ["/references/0/title"]
