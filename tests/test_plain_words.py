"""Plain words: no internal row id reaches a reader without its plain name.

Lexicon rows (L12, M10, S01, I01), phrase sets (P-VC, N-COND) and source keys (IRINA) appear in
messages only as "plain name (ID)"; guideline sections (§4.7, "guidelines 5.1"), decision ids
((D3)) and term-class marks ((U)) never appear. Checked over every reason, finding message and
suggestion of the three bundled examples and of every built-in rule's own examples, and over the
documentation of every built-in criterion: what `vetkit explain ID` prints and its section of the
generated criteria pages.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

import vetkit
from vetkit.bibliography import sources
from vetkit.examples import example_course
from vetkit.lexical import Lexicon, PhraseSet

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
DOCS_GEN = Path(__file__).resolve().parents[1] / "docs" / "gen"
#: Source keys that are also the names people know an organisation or program by: they read as words.
NAMES = {"DOL", "GAATW", "IADLEST", "NENA", "NHTTAC", "SAMHSA", "SOAR"}
#: Guideline sections (§4.7, not a statute's "18 U.S.C. § 1591"), decision ids and term-class marks.
NEVER = re.compile(r"§\s*\d{1,2}(?:\.\d+)*(?![\w-]|\.\d)|\(D\d+[),;]|\(U\)|\bdecision D\d+|\bguidelines'? \d"
                   r"|\bguidelines'? §")


@lru_cache(maxsize=1)
def engine() -> vetkit.Engine:
    return vetkit.Engine(environ={})


@lru_cache(maxsize=1)
def plain_names() -> dict[str, str]:
    """Every internal id a message may show, with the plain name that must come before it."""
    names = {key: source.name for key, source in sources().items() if key not in NAMES}
    registry = engine().lexicons
    for name in registry.names():
        value = registry.get(name)
        if isinstance(value, Lexicon):
            names.update((term.id, term.label) for term in value.terms)
        elif isinstance(value, PhraseSet):
            names[value.id] = value.label
    return names


def bare_ids(text: str) -> list[str]:
    """The internal ids in ``text`` not written as "plain name (ID)", and any section or decision id."""
    problems = [match.group(0) for match in NEVER.finditer(text)]
    rest = text
    for identifier, name in plain_names().items():
        rest = rest.replace(f"{name} ({identifier})", "")
    for identifier in plain_names():
        word = rf"(?<![\w-]){re.escape(identifier)}(?![\w-])" if identifier.isascii() else re.escape(identifier)
        problems += [identifier] * len(re.findall(word, rest))
    return problems


def texts_of(report) -> list[tuple[str, str]]:
    found = []
    for result in report.results:
        found.append((f"{result.rule_id} reason", result.reason))
        for finding in result.findings:
            found.append((f"{result.rule_id} {finding.pointer}", finding.message))
            if finding.suggestion:
                found.append((f"{result.rule_id} {finding.pointer} fix", finding.suggestion))
    return found


def test_the_checker_catches_bare_ids():
    assert sorted(bare_ids("L12 “rescue” needs review (D3), see §4.7 and guidelines 5.1; P-VC")) == [
        "(D3)", "L12", "P-VC", "guidelines 5", "§4.7"]
    assert bare_ids("an unambiguous term (U) fails (§4.0, §7); decision D7 splits it") == [
        "(U)", "§4.0", "§7", "decision D7"]
    assert bare_ids('cites "18 U.S.C. § 1591(a)", "Tex. Penal Code § 20A.02" or "O.C.G.A. § 16-5-46"') == []
    assert bare_ids("rescue / save framing (L12): “rescue”; victim-centered wording (P-VC) is present") == []
    assert bare_ids("Irina Project, Language Matters (IRINA)") == []
    assert bare_ids("see IRINA") == ["IRINA"]
    assert bare_ids("PBJ Learning on trafficking statistics (PBJ)") == []
    assert bare_ids("restitution (18 U.S.C. 1593‡), general knowledge (‡); see (D4, D12)") == ["(D4,", "‡"]


@pytest.mark.parametrize("name", sorted(path.name for path in EXAMPLES.glob("*.json")))
def test_bundled_examples_speak_plainly(name):
    report = engine().score(EXAMPLES / name, as_of="2025-06-01")
    bad = [(where, text, bare_ids(text)) for where, text in texts_of(report) if bare_ids(text)]
    assert not bad, "\n".join(f"{where}: {ids}: {text}" for where, text, ids in bad)


def test_rule_examples_speak_plainly():
    """Every example of every built-in rule, scored for its rule alone."""
    own = {info.name for info in engine().plugins if info.distribution == "vetkit"}
    bad = []
    checked = 0
    for rule in engine().rules.values():
        if rule.plugin not in own:
            continue
        for example in rule.examples:
            report = engine().score(example_course(example), select=(rule.id,), as_of="2025-06-01")
            for where, text in texts_of(report):
                checked += 1
                if bare_ids(text):
                    bad.append(f"{rule.id} {example.name!r} {where}: {bare_ids(text)}: {text}")
    assert checked > 300
    assert not bad, "\n".join(bad)


def builtin_rules() -> list:
    own = {info.name for info in engine().plugins if info.distribution == "vetkit"}
    return [rule for rule in engine().rules.values() if rule.plugin in own]


def problems_in(where: str, text: str) -> list[str]:
    """``bare_ids`` over ``text`` with its line breaks and indents folded, as a reader sees it."""
    found = bare_ids(" ".join(text.split()))
    return [f"{where}: {found}"] if found else []


def without_parameters(text: str) -> str:
    """The text without its parameter defaults: their values are the ids a rubric writes (``["S01", "S02"]``)."""
    text = re.sub(r"^Parameters \(defaults.*?\n\n", "", text, flags=re.MULTILINE | re.DOTALL)
    return "\n".join(line for line in text.splitlines() if not line.startswith("| `"))


def test_criterion_documentation_speaks_plainly():
    """What `vetkit explain ID` prints for every built-in criterion: every field of its rule file, its sources."""
    bad = []
    for rule in builtin_rules():
        result = cli("explain", rule.id)
        assert result.exit_code == 0, rule.id
        assert rule.rationale.split()[0] in result.stdout
        bad += problems_in(f"vetkit explain {rule.id}", without_parameters(result.stdout))
    assert len(builtin_rules()) > 60
    assert not bad, "\n".join(bad)


def test_criteria_pages_speak_plainly():
    """Each criterion's section of the generated criteria pages, sources named and linked to the bibliography."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("vetkit_docs_criteria", DOCS_GEN / "criteria.py")
    criteria = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(criteria)
    bad = []
    for rule in builtin_rules():
        bad += problems_in(f"criteria page, {rule.id}", without_parameters(criteria.rule_section(rule)))
    assert not bad, "\n".join(bad)
    section = criteria.rule_section(engine().rules["TI-07"])
    assert ("**Sources:** [Illinois DHS, Language of Human Trafficking (IL-DHS)](../reference/sources.md#il-dhs); "
            "[Irina Project, Language Matters (IRINA)](../reference/sources.md#irina); ") in section


def test_every_lexicon_row_and_phrase_set_has_a_plain_name():
    missing = sorted(identifier for identifier, name in plain_names().items() if not name)
    assert missing == []


def test_every_cited_source_is_in_the_bibliography():
    """Each source key of a built-in rule, lexicon row or phrase set has a name, a citation and its addresses."""
    cited = set()
    for rule in engine().rules.values():
        cited.update(rule.sources)
    registry = engine().lexicons
    for name in registry.names():
        value = registry.get(name)
        terms = value.terms if isinstance(value, Lexicon) else [value]
        for term in terms:
            cited.update(term.sources)
    table = sources()
    assert sorted(cited - set(table)) == []
    for key, source in table.items():
        assert source.name and source.citation, key
        assert all(url.startswith(("https://", "http://")) for url in source.urls), key


# -- vetkit explain and vetkit sources ------------------------------------------------------------


def cli(*args: str):
    from click.testing import CliRunner

    from vetkit.cli import main

    return CliRunner().invoke(main, list(args), env={"NO_COLOR": "1"})


def test_explain_a_phrase_set():
    result = cli("explain", "p-vc")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "P-VC  victim-centered wording\n\n"
        "A phrase set: wording a course should contain.\n\n"
        "\"Victim-centered\" and a statement that help does not depend on cooperation.\n\n"
        "Groups:\n"
        "  - the term \"victim-centered\"\n"
        "  - support that does not depend on cooperating with law enforcement\n\n"
        "Read by: TI-01\n\n"
        "Sources:\n"
        "  Task Force e-Guide, victim-centered investigations (EG-VCI)\n"
        "    https://www.ovcttac.gov/taskforceguide/eguide/5-building-strong-cases/51-victim-centered-investigations/\n"
        "  OVC task-force program questions and answers (OVC-FAQ)\n"
        "    https://ovc.ojp.gov/faq/list?page=2\n")


def test_explain_a_lexicon_row_a_myth_and_a_statistic():
    row = cli("explain", "L12")
    assert row.exit_code == 0
    assert row.stdout.splitlines()[:6] == [
        "L12  rescue / save framing", "",
        ("A row of the stigmatizing-terms lexicon (Terms that label, blame or mislabel trafficked people, with the "
        "wording to use instead)."), "",
        "Use instead:", "  identify; assist; recover; connect to services; support the person's exit"]
    assert "Read by: AC-02, DM-02, LF-02, LO-05, TI-07, TI-08\n" in row.stdout
    assert row.stdout.endswith("Sources:\n  Polaris on words and images (POL-LANG)\n    https://polarisproject.org/"
                               "telling-the-real-story-of-human-trafficking/word-and-image-choices-and-why-they-matter\n")
    myth = cli("explain", "M10")
    assert myth.stdout.splitlines()[0] == "M10  initial consent or payment means it is not trafficking"
    assert "\nFact:\n" in myth.stdout
    statistic = cli("explain", "s01")
    assert statistic.stdout.splitlines()[0] == "S01  average age of entry 12–14"
    assert "\nFix:\n  Remove the figure; say that no reliable national figure exists.\n" in statistic.stdout
    assert "  fact checks of the \"average age of entry\" (FACTCHK)\n" in statistic.stdout


def test_explain_a_source_key():
    result = cli("explain", "IRINA")
    assert result.stdout == (
        "IRINA  Irina Project, Language Matters\n\n"
        "The Irina Project, \"Language Matters\".\n\n"
        "  https://theirinaproject.org/resources/language-matters/\n\n"
        "Cited by criteria: AC-09, DV-04, LO-05, TI-07, TI-08\n\n"
        "Cited by lexicon rows and phrase sets: L01, L03, L09, L19\n")


def test_explain_a_criterion_names_its_sources():
    result = cli("explain", "TI-07")
    assert "\nSources:\n  Illinois DHS, Language of Human Trafficking (IL-DHS)\n  Irina Project, Language Matters " \
           "(IRINA)\n" in result.stdout


def test_explain_a_tag():
    result = cli("explain", "labor-trafficking")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:3] == ["labor-trafficking  (topic tag: modules[].topics, activities[].tags)", "", "Meaning:"]
    assert lines[-1] == "Read by: CV-01, LO-04"


def test_a_tag_in_two_vocabularies_is_explained_in_both_unless_one_is_named():
    both = cli("explain", "minors").stdout
    assert [line for line in both.splitlines() if line.startswith("minors  ")] == [
        "minors  (topic tag: modules[].topics, activities[].tags)", "minors  (population tag: modules[].populations)"]
    one = cli("explain", "populations/minors").stdout
    assert [line for line in one.splitlines() if line.startswith("minors  ")] == [
        "minors  (population tag: modules[].populations)"]
    assert one.splitlines()[-1] == "Read by: CV-03, RR-02, TI-12"
    assert both == cli("explain", "topics/minors").stdout + "\n" + one


@pytest.mark.parametrize("identifier, message", [
    ("L99", "unknown id 'L99'. Did you mean `L19`?\n"),
    ("P-VCC", "unknown id 'P-VCC'. Did you mean `P-VC`?\n"),
    ("labour-trafficking", "unknown id 'labour-trafficking'. Did you mean `labor-trafficking`?\n"),
    ("zzzzzz", ("unknown id 'zzzzzz'. An id is a criterion (TI-07), a lexicon row (L12, M10, S01), a phrase set "
               "(P-VC), a source key (IRINA) or a tag (labor-trafficking); `vetkit rules` and `vetkit sources` list "
               "them\n")),
])
def test_explain_an_unknown_id(identifier, message):
    result = cli("explain", identifier)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_sources_lists_the_bibliography():
    result = cli("sources")
    assert result.exit_code == 0
    keys = [line.split("  ")[0] for line in result.stdout.split("\n\n") if line]
    assert keys == list(sources())
    one = cli("sources", "irina")
    assert (one.exit_code, one.stdout) == (0, ("IRINA  Irina Project, Language Matters\n"
                                              "  The Irina Project, \"Language Matters\".\n"
                                              "  https://theirinaproject.org/resources/language-matters/\n\n"))
    assert one.stdout in result.stdout


def test_sources_unknown_key():
    result = cli("sources", "IRINNA")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", ("unknown source key 'IRINNA'. Did you mean "
                                                                       "`IRINA`?\n"))


def test_starter_course_points_at_a_page_that_exists():
    from importlib.resources import files

    text = files("vetkit").joinpath("data/starter-course.yaml").read_text(encoding="utf-8")
    pages = re.findall(r"docs/[\w/.-]+\.md", text)
    assert pages == ["docs/course-format/index.md"]
    assert all((Path(__file__).resolve().parents[1] / page).is_file() for page in pages)
