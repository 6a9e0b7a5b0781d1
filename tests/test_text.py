"""The shared text scanner: sentences, context classification, pattern syntax, decisions, phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vetkit.lexical import (Context, Lexicon, LexiconError, LexiconRegistry, Matcher, MatchRule, PatternError, Term,
                            classify, compile_pattern, decide, find_phrases, find_violations, inflections,
                            load_lexicon, load_phrase_set, scan_text)
from vetkit.numbers import find_phone_numbers, find_short_codes, normalize_phone
from vetkit.testing import installed_engine
from vetkit.text import Corpus, PreparedText, sentences


def matches(pattern: str, text: str, **options) -> list[str]:
    """Every match of one pattern in a text, as strings."""
    return [hit.matched for hit in Matcher([MatchRule("T", pattern, **options)]).scan(text)]


class TestSentences:
    CASES = [
        ("abbreviation U.S.", "The U.S. Department of Labor helps. It refers cases.",
         ["The U.S. Department of Labor helps.", "It refers cases."]),
        ("e.g. and i.e.", "Use plain words, e.g. trafficked minor. Then move on.",
         ["Use plain words, e.g. trafficked minor.", "Then move on."]),
        ("No. before a number", "See item No. 5 on the card. It lists steps.",
         ["See item No. 5 on the card.", "It lists steps."]),
        ("federal citation", "Read 18 U.S.C. 1591 first. It defines sex trafficking.",
         ["Read 18 U.S.C. 1591 first.", "It defines sex trafficking."]),
        ("state code", "Under Tex. Penal Code § 20A.02 it is a felony. Report it.",
         ["Under Tex. Penal Code § 20A.02 it is a felony.", "Report it."]),
        ("question and exclamation", "Is she safe? Ask! Then wait.", ["Is she safe?", "Ask!", "Then wait."]),
        ("quote after the period", '"Help me." She left.', ['"Help me."', "She left."]),
        ("list items end at the line", "- first item\n- second item", ["first item", "second item"]),
        ("heading is its own unit", "### Myths and facts\nMost victims know the trafficker.",
         ["Myths and facts", "Most victims know the trafficker."]),
        ("table cells", "| Myth | Fact |\n|---|---|\n| A | B |", ["Myth", "Fact", "A", "B"]),
        ("wrapped paragraph stays one sentence", "A long sentence\nwraps here.", ["A long sentence\nwraps here."]),
        ("initial", "Ask J. Smith. He knows.", ["Ask J. Smith.", "He knows."]),
        ("lower case after a period", "It was approx. five hours. Then more.", ["It was approx. five hours.", "Then more."]),
    ]

    @pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
    def test_sentence_bounds(self, name, text, expected):
        """Abbreviations, citations and Markdown structure split sentences where a reader would."""
        assert sentences(text) == expected


class TestPatternSyntax:
    CASES = [
        ("plural", "child prostitute", "two child prostitutes", ["child prostitutes"]),
        ("hyphen between words", "child prostitute", "a child-prostitute", ["child-prostitute"]),
        ("line break between words", "child prostitute", "a child\nprostitute", ["child\nprostitute"]),
        ("hyphen in the pattern", "victim-centered", "a victim centered approach", ["victim centered"]),
        ("-ed with final e", "rescue", "they were rescued", ["rescued"]),
        ("-ing with final e", "rescue", "rescuing people", ["rescuing"]),
        ("doubled consonant", "gag", "she was gagged", ["gagged"]),
        ("-ies", "worry", "many worries", ["worries"]),
        ("whole words only", "pimp", "pimpernel", []),
        ("case-insensitive", "rescue", "RESCUE teams", ["RESCUE"]),
        ("alternation", "{teen|child} prostitute", "teen prostitute", ["teen prostitute"]),
        ("multi-word alternative", "{as long as|provided that} she", "provided that she", ["provided that she"]),
        ("optional word present", "tape over [her|his] mouth", "tape over her mouth", ["tape over her mouth"]),
        ("optional word absent", "tape over [her|his] mouth", "tape over mouth", ["tape over mouth"]),
        ("empty alternative", "{re|}traumatize", "retraumatized", ["retraumatized"]),
        ("number not inside a longer number", "27 million", "127 million and 27.6 million", []),
        ("number alone", "27 million", "about 27 million people", ["27 million"]),
        ("dollar sign", "$150 billion", "profits of $150 billion", ["$150 billion"]),
        ("curly apostrophe", "don't", "don’t", ["don’t"]),
        ("escaped brace", r"a \{b\}", "a {b}", ["a {b}"]),
    ]

    @pytest.mark.parametrize("name,pattern,text,expected", CASES, ids=[c[0] for c in CASES])
    def test_pattern(self, name, pattern, text, expected):
        """Each piece of the pattern syntax matches what the docstring promises."""
        assert matches(pattern, text) == expected

    def test_case_sensitive(self):
        """A case-sensitive pattern matches only its own capitalisation."""
        assert matches("Taken", "Taken, the film; taken away", case_sensitive=True, inflect=False) == ["Taken"]
        assert matches("ho", "Ho Chi Minh; the ho", case_sensitive=True, inflect=False) == ["ho"]

    def test_inflection_off(self):
        """With inflection off, "ho" never becomes "hoes"."""
        assert matches("ho", "hoes and hos", inflect=False) == []

    def test_inflections(self):
        """Simple inflections cover plural, -ed and -ing, and leave inflected words alone."""
        assert set(inflections("rescue")) == {"rescue", "rescues", "rescued", "rescuing"}
        assert inflections("rescued") == ("rescued",)

    @pytest.mark.parametrize("source", ["{a|b", "a]", "[x]", ""])
    def test_syntax_errors(self, source):
        """Unbalanced brackets, stray closers and patterns of optional words only are errors."""
        with pytest.raises(PatternError):
            compile_pattern(source)

    @pytest.mark.parametrize("pattern, text, matched", [
        ("only {foreign nationals|foreigners|immigrants}", "Victims are only foreign nationals.", "only foreign nationals"),
        ("{second|third} largest {criminal industry|criminal enterprise|crime}",
         "Trafficking is the second-largest criminal enterprise.", "second-largest criminal enterprise"),
        ("arrest {[the] [young] victim|them} for {her|their} own {good|safety}",
         "Arrest the young victim for her own safety.", "Arrest the young victim for her own safety"),
    ])
    def test_anchor_inside_a_multi_word_alternative(self, pattern, text, matched):
        """A pattern whose rarest word is a later word of an alternative is found: the distance between its
        words is measured over the longest alternative, not to the start of the next word."""
        assert [hit.matched for hit in Matcher([MatchRule("X", pattern)]).scan(text)] == [matched]

    def test_an_empty_alternative_standing_alone_is_optional(self):
        """``{the|}`` between two words may be absent, like ``[the]``."""
        assert [hit.matched for hit in Matcher([MatchRule("X", "moved {the|} women")]).scan(
            "They moved women. They moved the women.")] == ["moved women", "moved the women"]

    def test_acronyms_in_capitals_are_not_inflected(self):
        """A pattern word in capitals is an acronym: "BIA" does not match "bias", "RICO" not "Ricos"."""
        assert compile_pattern("BIA").regex.search("the tribe called the BIA") is not None
        assert compile_pattern("BIA").regex.search("implicit bias") is None
        assert compile_pattern("RICO").regex.search("two Ricos") is None
        assert compile_pattern("victim").regex.search("victims") is not None

    def test_longest_overlap_wins(self):
        """When two terms overlap, only the longer hit is kept."""
        matcher = Matcher([MatchRule("L01", "child prostitute"), MatchRule("L08", "prostitute")])
        assert [(h.term_id, h.matched) for h in matcher.scan("a child prostitute")] == [("L01", "child prostitute")]

    def test_guard_cancels_overlapping_hit(self):
        """A guard phrase that overlaps the hit cancels it."""
        rule = MatchRule("I01", "chain", guards=("supply chain",))
        assert [h.matched for h in Matcher([rule]).scan("the supply chain and a chain")] == ["chain"]

    def test_near_needs_the_word_in_the_sentence(self):
        """A ``near`` pattern must occur in the same sentence."""
        rule = MatchRule("S01", "average age", near=("{12|13}",))
        assert [h.matched for h in Matcher([rule]).scan("The average age is 13. Average age varies.")] == ["average age"]

    def test_corpus_fields_do_not_join(self):
        """A pattern never matches across two fields of a corpus."""
        class Field:
            def __init__(self, text):
                self.pointer, self.text, self.field = "", text, "modules.text"
        corpus = Corpus([Field("a child"), Field("prostitute here")])
        assert Matcher([MatchRule("L01", "child prostitute")]).scan(corpus.prepared) == []


def ctx_kind(text: str, term: str, **options) -> Context:
    start = text.index(term)
    return classify(text, start, start + len(term), **options)


class TestClassify:
    CASES = [
        ("own voice", "Officers met a child prostitute.", "child prostitute", {}, "own-voice"),
        ("straight quotes", 'They called her a "child prostitute" at the scene.', "child prostitute", {}, "quoted"),
        ("curly quotes", "They called her a “child prostitute” at the scene.", "child prostitute", {}, "quoted"),
        ("single quotes ignored", "They called her a 'child prostitute' at the scene.", "child prostitute", {},
         "own-voice"),
        ("block quote", "> The girl was a child prostitute, he wrote.", "child prostitute", {}, "quoted"),
        ("citation", "See 18 U.S.C. 2256 on child pornography.", "child pornography", {}, "citation"),
        ("state code", "Compelling prostitution is defined in Ohio Rev. Code 2907.21.", "prostitution", {},
         "citation"),
        ("glossary", "A neutral term for the rules.", "rules", {"field": "glossary.definition"}, "glossary"),
        ("myth label", "Myth: victims are kidnapped by strangers.", "kidnapped", {}, "myth-correction"),
        ("fact label", "Fact: no movement is needed.", "movement", {}, "myth-correction"),
        ("not required", "Movement across a border is not required.", "Movement", {}, "myth-correction"),
        ("negation before", "Never call a teen a child prostitute.", "child prostitute", {}, "negated"),
        ("instead of", "Say trafficked minor instead of child prostitute.", "child prostitute", {}, "negated"),
        ("negation after does not count", "A child prostitute is not what we say.", "child prostitute", {},
         "own-voice"),
        ("negation in a leading if-clause", "If she does not speak English, the pimp answers.", "pimp", {},
         "own-voice"),
        ("clause break stops negation", "Do not panic; the pimp may be armed.", "pimp", {}, "own-voice"),
        ("title field", "Pimp City", "Pimp", {"field": "references.title"}, "title"),
        ("proper name", "Order posters from the HHS Rescue & Restore campaign.", "Rescue", {}, "proper-name"),
        ("sentence start is not a name", "Rescue teams arrived at dawn.", "Rescue", {}, "own-voice"),
        ("title case line is not a name", "Rescuing Young Victims Quickly", "Rescuing", {}, "own-voice"),
        ("structured claim", "The average age of entry is 13.", "average age", {"field": "statistics.claim"},
         "structured-claim"),
        ("keyed false prompt", "True or false: victims must be moved.", "moved", {"keyed_false": True},
         "myth-correction"),
        ("true or false is no marker", "True or false: victims must be moved.", "moved", {}, "own-voice"),
        ("incorrect choice", "They must be moved.", "moved", {"incorrect_choice": True}, "myth-correction"),
    ]

    @pytest.mark.parametrize("name,text,term,options,kind", CASES, ids=[c[0] for c in CASES])
    def test_kind(self, name, text, term, options, kind):
        """Each §4.0 context is recognized from its markers."""
        assert ctx_kind(text, term, **options).kind == kind

    def test_myth_table_column(self):
        """A hit in the "Myth" column of a Markdown table is a correction; the "Fact" column is not."""
        text = "| Myth | Fact |\n|---|---|\n| Victims are kidnapped | Most know the trafficker |"
        assert ctx_kind(text, "kidnapped").kind == "myth-correction"
        assert ctx_kind(text, "trafficker").kind == "own-voice"

    @pytest.mark.parametrize("text, term, kind", [
        ("| Say this | Not this |\n|---|---|\n| trafficked minor | child prostitute |", "child prostitute",
         "myth-correction"),
        ("| Say this | Not this |\n|---|---|\n| trafficked minor | child prostitute |", "trafficked minor",
         "own-voice"),
        ("| Use | Avoid |\n|---|---|\n| sex buyer | john |", "john", "myth-correction"),
        ("| Preferred | Outdated term |\n|---|---|\n| CSAM | child pornography |", "child pornography",
         "myth-correction"),
        ("### Language to retire\n\n- child prostitute\n- hooker", "hooker", "myth-correction"),
        ("### Terms to avoid\n\n| Term | Why |\n|---|---|\n| child prostitute | a minor cannot consent |",
         "child prostitute", "myth-correction"),
        ("### Language to retire\n\n| Say this | Not this |\n|---|---|\n| sex buyer | john |", "sex buyer",
         "own-voice"),
        ("### Language to retire\n\nThe john paid cash.", "john", "own-voice"),
        ("### Field steps\n\n- Photograph the hooker's room.", "hooker", "own-voice"),
        ("### Why we stopped talking about rescue\n\nText.", "rescue", "negated"),
        ("Nobody should be held for their own good.", "held", "negated"),
        ("No one is a child prostitute.", "child prostitute", "negated"),
        ("Avoid: child prostitute. Use: sexually exploited child.", "child prostitute", "negated"),
        ("Don't say: hooker.", "hooker", "negated"),
        ("Note: the hooker left.", "hooker", "own-voice"),
        ("Replace child prostitute with trafficked minor.", "child prostitute", "negated"),
        ("Call the Rescue Mission shelter on 5th Street.", "Rescue", "proper-name"),
    ], ids=["not-this-column", "say-this-column", "avoid-column", "outdated-column", "retire-heading-item",
            "avoid-heading-table", "heading-but-say-column", "retire-heading-paragraph", "plain-heading",
            "stopped-talking-about", "nobody", "no-one", "avoid-label", "dont-say-label", "other-label",
            "replace", "name-in-a-title-case-sentence"])
    def test_retired_wording_labels(self, text, term, kind):
        """A table column or a heading over list items/table rows that names wording to avoid is a correction;
        a paragraph under such a heading, or the "say this" column, is still the course's own voice."""
        assert ctx_kind(text, term).kind == kind

    def test_myth_heading_needs_a_marker(self):
        """Under a Myth heading, a sentence without a marker is still the course's own voice."""
        text = "### Myths\n\nVictims are kidnapped by strangers.\n\nMyth: traffickers are unknown to them."
        assert ctx_kind(text, "kidnapped").kind == "own-voice"
        assert ctx_kind(text, "unknown").kind == "myth-correction"

    def test_item_marker(self):
        """A marker anywhere in a list item frames the whole item."""
        text = "- Victims must be moved across a border. Fact: no movement is needed.\n- Next item"
        context = ctx_kind(text, "moved")
        assert context.kind == "myth-correction" and "list item" in context.explanation

    def test_explanation_is_one_sentence(self):
        """The explanation names the context and its marker for the reviewer."""
        context = ctx_kind("Myth: victims are kidnapped.", "kidnapped")
        assert context.explanation == "myth correction: the sentence says 'Myth'"


def term(**options) -> Term:
    return Term(id=options.pop("id", "X01"), patterns=(), **options)


class TestDecide:
    OWN, QUOTED, CITED, GLOSSARY, NEGATED, TITLE, CLAIM = (Context(k) for k in (
        "own-voice", "quoted", "citation", "glossary", "negated", "title", "structured-claim"))
    CASES = [
        ("U error row, own voice", term(severity="error", unambiguous=True), OWN, ("fail", "error")),
        ("error row, own voice", term(severity="error"), OWN, ("needs-review", "error")),
        ("error row, quoted", term(severity="error", unambiguous=True), QUOTED, ("needs-review", "warning")),
        ("L02 in a citation", term(severity="error", unambiguous=True), CITED, ("needs-review", "warning")),
        ("L06 in a glossary", term(severity="error", unambiguous=True), GLOSSARY, ("needs-review", "warning")),
        ("warning row, own voice", term(severity="warning"), OWN, ("needs-review", "warning")),
        ("U warning row (L15)", term(severity="warning", unambiguous=True), OWN, ("fail", "warning")),
        ("info row", term(severity="info"), OWN, ("note", "info")),
        ("negated", term(severity="error", unambiguous=True), NEGATED, ("note", "info")),
        ("title", term(severity="error", unambiguous=True), TITLE, ("note", "info")),
        ("jargon never fails (D3)", term(severity="error", unambiguous=True, jargon=True), OWN,
         ("needs-review", "warning")),
        ("jargon in a glossary", term(jargon=True), GLOSSARY, ("needs-review", "warning")),
        ("L14 citation exempt", term(exempt_in=("citation",)), CITED, ("note", "info")),
        ("structured claim of S01", term(severity="error", structured_unambiguous=True), CLAIM, ("fail", "error")),
        ("structured claim of S05", term(severity="warning"), CLAIM, ("needs-review", "warning")),
    ]

    @pytest.mark.parametrize("name,row,context,expected", CASES, ids=[c[0] for c in CASES])
    def test_table(self, name, row, context, expected):
        """``decide`` implements the §4.0 table with D3 and the row notes."""
        assert decide(row, context)[:2] == expected

    def test_jargon_glossary_note_option(self):
        """A rubric may lower explained jargon in the glossary to a note."""
        assert decide(term(jargon=True), self.GLOSSARY, jargon_glossary_note=True) == (
            "note", "info", "the rubric lowers jargon explained in the glossary to a note")


class TestLexicons:
    def test_builtin_names(self):
        """The built-in plugins register every lexicon and phrase set the rules use."""
        names = set(installed_engine().lexicons.names())
        assert {"stigmatizing-terms", "imagery", "entertainment", "leverage", "conditional-services",
                "arrest-as-rescue", "interpreter-practice", "myths", "statistics"} <= names
        assert {"P-VC", "P-TI", "P-BEH", "P-LANG", "P-DEF", "P-IND", "P-CTRL", "P-MINOR", "P-HOT"} <= names

    def test_every_pattern_has_a_trigger(self):
        """No built-in pattern forces a scan of every position (each has a trigger word)."""
        registry = installed_engine().lexicons
        for name in registry.names():
            matcher = registry.get(name).matcher
            assert not matcher._always, (name, [matcher.rules[i].pattern for i in matcher._always])

    def test_registry_merges_and_replaces_by_id(self):
        """A later source adds terms and replaces a term with the same id."""
        registry = LexiconRegistry()
        registry.add("words", [{"id": "A1", "patterns": ["alpha"]}, {"id": "A2", "patterns": ["beta"]}])
        registry.add("words", [{"id": "A2", "patterns": ["gamma"]}, {"id": "A3", "patterns": ["delta"]}])
        lexicon = registry.lexicon("words")
        assert lexicon.ids() == ("A1", "A2", "A3")
        assert lexicon.term("A2").patterns[0].text == "gamma"

    def test_unknown_lexicon(self):
        """Asking for an unregistered name is a KeyError naming the known ones."""
        with pytest.raises(KeyError, match="registered"):
            LexiconRegistry().get("nothing")

    def test_errors_name_file_and_term(self, write):
        """A bad term is reported with the file, its line and the term id."""
        path = write("bad.yaml", "terms:\n  - id: Z1\n    patterns: ['{broken']\n  - id: Z2\n    severity: loud\n"
                                 "    patterns: [ok]\n")
        with pytest.raises(LexiconError) as caught:
            load_lexicon(path)
        text = caught.value.format()
        assert "bad.yaml:3" in text and "term Z1" in text and "term Z2" in text

    def test_unknown_key(self):
        """A typo in a term key is an error that lists the known keys."""
        with pytest.raises(LexiconError) as caught:
            load_lexicon([{"id": "Z1", "patterns": ["x"], "severty": "error"}])
        assert "unknown key(s) ['severty']" in caught.value.format()

    def test_where_quoted_or_glossary(self):
        """L20 jargon counts only in quotes or in the glossary."""
        lexicon = installed_engine().lexicons.lexicon("stigmatizing-terms")
        assert scan_text("She was in the life for years.", lexicon) == ()
        assert [h.term_id for h in scan_text('She called it "the life".', lexicon)] == ["L20"]

    def test_scan_hit_explains_itself(self):
        """A judged hit names the term, the context, the effect and why."""
        lexicon = installed_engine().lexicons.lexicon("stigmatizing-terms")
        (hit,) = scan_text("Officers met a child prostitute.", lexicon)
        assert hit.message().startswith("child prostitute (L01): “child prostitute” — ")
        assert "own voice" in hit.message() and "→ fail (error)" in hit.message()
        assert hit.use_instead.startswith("child sex-trafficking victim")


class TestPhrases:
    def test_require_all(self):
        """A ``require: all`` group needs every pattern."""
        phrase_set = load_phrase_set({"id": "P", "kind": "every-group", "groups": [
            {"id": "means", "require": "all", "patterns": ["force", "fraud", "coercion"]}]})
        assert find_phrases("force and fraud", phrase_set).missing_groups == ("means",)
        assert find_phrases("force, fraud or coercion", phrase_set).satisfied()

    def test_coverage_by_family(self):
        """Coverage counts groups found, per family."""
        report = find_phrases("We realize trauma is common and recognize trauma signs; peer support helps.",
                              installed_engine().lexicons.phrase_set("P-TI"))
        assert report.count("four-rs") == 2 and report.count("samhsa") == 1

    def test_negation_guard(self):
        """A negated must-not construction is a note, a plain one needs review."""
        phrase_set = installed_engine().lexicons.phrase_set("interpreter-practice")
        (good,) = find_violations("Never ask the companion to interpret.", phrase_set)
        (bad,) = find_violations("Ask the companion to interpret for her.", phrase_set)
        assert (good.effect, bad.effect) == ("note", "needs-review")

    def test_hotline_phone_group(self):
        """P-HOT finds the hotline number in any common spelling."""
        report = find_phrases("Call (888) 373-7888 or text 233733.", installed_engine().lexicons.phrase_set("P-HOT"))
        assert report.satisfied()


class TestNumbers:
    CASES = [
        ("dashes", "1-888-373-7888", "8883737888"),
        ("parentheses", "(888) 373-7888", "8883737888"),
        ("dots", "888.373.7888", "8883737888"),
        ("plus one", "+1 888 373 7888", "8883737888"),
        ("vanity letters", "1-800-THE-LOST", "8008435678"),
        ("inside text", "Call 1-866-347-2423 any time (24/7).", "8663472423"),
        ("short code", "233733", "233733"),
    ]

    @pytest.mark.parametrize("name,value,digits", CASES, ids=[c[0] for c in CASES])
    def test_normalize(self, name, value, digits):
        """Numbers normalize to digits without a leading 1, vanity letters mapped to the keypad (§7)."""
        assert normalize_phone(value) == digits

    def test_find_phone_numbers(self):
        """Phone numbers are found with their offsets; years and street numbers are not phones."""
        text = "In 2019, call 1-800-THE-LOST or 888-373-7888 from 1200 Main St."
        found = find_phone_numbers(text)
        assert [p.digits for p in found] == ["8008435678", "8883737888"]
        assert text[found[0].start:found[0].end] == "1-800-THE-LOST"

    def test_short_codes_near_text(self):
        """A 5–6 digit code counts as a short code only after the word "text"."""
        assert [c.digits for c in find_short_codes("Text HELP to 233733. Room 233733 is booked.")] == ["233733"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_matcher_never_raises_and_stays_in_bounds(text):
    """For arbitrary text, every lexicon scans without error and every hit lies inside the text."""
    registry = installed_engine().lexicons
    prepared = PreparedText(text)
    for name in registry.names():
        for hit in registry.get(name).matcher.scan(prepared):
            assert 0 <= hit.start < hit.end <= len(text)
            assert text[hit.start:hit.end] == hit.matched


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abc childprostute\n-\"'.:;>|#*Myth", max_size=300))
def test_judged_hits_stay_in_bounds(text):
    """Classification and decisions never raise and keep offsets inside the text."""
    lexicon: Lexicon = installed_engine().lexicons.lexicon("stigmatizing-terms")
    for hit in scan_text(text, lexicon):
        assert text[hit.start:hit.end] == hit.matched
        assert hit.effect in ("fail", "needs-review", "note")
