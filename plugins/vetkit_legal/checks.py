"""Checks of the legal-framework plugin: LF-01 to LF-07 (vetting guidelines §2.10, §4.7, §8 D4 and D12).

Tables are data (``data/``): ``federal-statutes.yaml`` (the §4.7 quick reference),
``us-states.yaml`` (state names and citation abbreviations), ``immigration-relief.yaml`` (the
roles that need the topic, and the reviewer hints) and ``topic-hints.yaml`` (notes for LF-05 to
LF-07). Text is matched through the kit (:mod:`vetkit.kit`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from typing import Any, NamedTuple

from vetkit.kit import (
    CheckContext,
    PhraseSet,
    Result,
    Wording,
    as_date,
    audience_roles,
    claim_findings,
    combine,
    concept_hits,
    concept_part,
    find_phrases,
    findings_result,
    hit_finding,
    join_words,
    jurisdiction,
    load_phrase_set,
    merged,
    modules_teaching,
    months_between,
    outside_us,
    pattern,
    phrases,
    read_table,
    scan,
    set_id,
    term_titles,
    text_pointer,
    violations,
)

# --------------------------------------------------------------------------- data and shared helpers

def _data(name: str) -> Any:
    """A data table of this plugin (``data/<name>.yaml``), read once."""
    return read_table(__package__, name)


@cache
def _phrase_set(table: str, *keys: str) -> PhraseSet:
    """A phrase set stored inside a data table (e.g. the LF-04 hints)."""
    value = _data(table)
    for key in keys:
        value = value[key]
    return load_phrase_set(value, value.get("id") or keys[-1])


def _mentions(text: str, patterns: Iterable[str]) -> bool:
    return any(pattern(source).search(text) for source in patterns)


def _outside_us(ctx: CheckContext) -> Result | None:
    return outside_us(ctx, "the legal-framework criteria cover U.S. law only")


def _statutes(course) -> list[tuple[str, Mapping[str, Any]]]:
    return [(pointer, ref) for pointer, ref in course.entries("references") if ref.get("type") == "statute"]


# --------------------------------------------------------------------------- citations (LF-01)

class Section(NamedTuple):
    """A section of the U.S. Code, e.g. ``Section(18, "1591")``."""

    title: int
    section: str

    def __str__(self) -> str:
        return f"{self.title} U.S.C. {self.section}"


_SECTION = r"\d+[a-z]?(?:\s?\([0-9a-zA-Z]{1,4}\))*"
_SECTIONS = rf"{_SECTION}(?:\s*(?:,\s*(?:and\s+)?|-|–|—|&|\band\b|\bto\b|\bthrough\b)\s*{_SECTION})*"
_CODE = r"(?:U\.?\s?S\.?\s?(?:C\.?(?:\s?[AS]\.?)?|Code)(?![A-Za-z])|United\s+States\s+Code(?:\s+Annotated)?)"
_SIGN = r"(?:§§?|sec(?:tion)?s?\.?)"
_CITATION_FORMS = (
    # 18 U.S.C. § 1591(a), 18 USC 1591, 18 U.S. Code § 1591, 22 U.S.C.A. 7102
    re.compile(rf"(?<![\w.])(?P<title>\d{{1,2}})\s*{_CODE}[\s,]*{_SIGN}?\s*(?P<sections>{_SECTIONS})", re.IGNORECASE),
    # Title 18, Section 1591; Title 18 of the United States Code, § 1591
    re.compile(rf"\btitle\s+(?P<title>\d{{1,2}})\b[\s,]*(?:of\s+the\s+)?(?:{_CODE})?[\s,]*{_SIGN}\s*"
               rf"(?P<sections>{_SECTIONS})", re.IGNORECASE),
)
_CITATION_FORMS += (
    # Section 1591 of title 18, United States Code; sec. 7102 of title 22, U.S.C.
    re.compile(rf"{_SIGN}\s*(?P<sections>{_SECTIONS})\s*,?\s*of\s+title\s+(?P<title>\d{{1,2}})\b(?:[\s,]*(?:of\s+the\s+)?"
               rf"{_CODE})?", re.IGNORECASE),
)
_SECTION_TOKEN = re.compile(r"(\d+[a-z]?)(?:\s?\([0-9a-zA-Z]{1,4}\))*|(-|–|—|\bto\b|\bthrough\b)", re.IGNORECASE)
_MAX_RANGE = 30


def parse_citation(text: str) -> tuple[list[Section], list[tuple[int, int]]]:
    """The U.S. Code sections a citation names (ranges expanded) and the spans of text it used."""
    found: list[Section] = []
    spans: list[tuple[int, int]] = []
    for form in _CITATION_FORMS:
        for match in form.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in spans):
                continue
            spans.append(match.span())
            title = int(match.group("title"))
            numbers: list[str] = []
            ranged = False
            for token in _SECTION_TOKEN.finditer(match.group("sections")):
                if token.group(2):
                    ranged = True
                    continue
                number = token.group(1).lower()
                if ranged and numbers and numbers[-1].isdigit() and number.isdigit() and \
                        0 < int(number) - int(numbers[-1]) <= _MAX_RANGE:
                    numbers.extend(str(n) for n in range(int(numbers[-1]) + 1, int(number) + 1))
                else:
                    numbers.append(number)
                ranged = False
            for number in numbers:
                section = Section(title, number)
                if section not in found:
                    found.append(section)
    return found, sorted(spans)


_ET_SEQ = r"(?:\s?\([0-9a-zA-Z]{1,4}\))*\s*,?\s*et\.?\s+seq\b"


def with_et_seq(text: str, sections: list[Section], table: Mapping[Section, Any]) -> list[Section]:
    """``sections`` with "N et seq." (a chapter cited from its first section) read as the known sections it spans.

    "22 U.S.C. 7101 et seq." cites the TVPA chapter, so it covers 22 U.S.C. 7102; a section not in the
    table followed by "et seq." is replaced by the table's sections of the same title within
    ``_MAX_RANGE`` after it (and kept when there are none).
    """
    result: list[Section] = []
    for section in sections:
        spanned = []
        if section.section.isdigit() and re.search(rf"(?<![\w.]){section.section}{_ET_SEQ}", text, re.IGNORECASE):
            start = int(section.section)
            spanned = [known for known in table if known.title == section.title and known.section.isdigit()
                       and start <= int(known.section) <= start + _MAX_RANGE]
        for item in ([section] if section in table or not spanned else []) + spanned:
            if item not in result:
                result.append(item)
    return result


def _escaped(text: str) -> str:
    """Free text as a literal pattern of the lexicon syntax."""
    return re.sub(r"([{}\[\]|\\])", r"\\\1", " ".join(str(text).split()))


def statute_table(extra: Iterable[Mapping[str, Any]] = ()) -> dict[Section, Mapping[str, Any]]:
    """Known sections: the §4.7 table, with the rubric's ``statutes.extra`` added (a later entry replaces)."""
    table: dict[Section, Mapping[str, Any]] = {}
    for entry in [*_data("federal-statutes")["statutes"], *(extra or ())]:
        sections, _ = parse_citation(str(entry.get("citation", "")))
        if not sections:
            raise ValueError(f"statutes.extra: {entry.get('citation')!r} is not a U.S. Code citation "
                             "(write it like '18 U.S.C. 1594')")
        keywords = list(entry.get("keywords") or ()) or [_escaped(entry.get("subject", ""))]
        for section in sections:
            subject = " ".join(str(entry.get("subject", "")).split())
            table[section] = {"citation": str(section), "subject": subject, "name": entry.get("name") or subject,
                              "keywords": tuple(k for k in keywords if k.strip())}
    return table


# --------------------------------------------------------------------------- states (LF-01, LF-03)

@lru_cache(maxsize=1)
def _state_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    patterns = []
    for code, row in _data("us-states").items():
        for name in (row["name"], *row.get("aliases", ())):
            patterns.append((code, re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)", re.IGNORECASE)))
        for cite in row.get("cites", ()):
            end = "" if cite.endswith(".") else r"(?!\w)"
            patterns.append((code, re.compile(rf"(?<![\w.]){re.escape(cite)}{end}")))
    return tuple(patterns)


def states_named(text: str) -> set[str]:
    """Postal codes of the states a text names (longest name wins: "W. Va." is not Virginia)."""
    spans = sorted(((m.start(), m.end(), code) for code, pattern in _state_patterns() for m in pattern.finditer(text)),
                   key=lambda span: span[0] - span[1])
    kept: list[tuple[int, int, str]] = []
    for start, end, code in spans:
        if not any(s <= start and end <= e for s, e, _ in kept):
            kept.append((start, end, code))
    return {code for _, _, code in kept}


def state_code(value: Any) -> str:
    """A state given as a code or a name ("TX", "Texas", "State of Texas") as its postal code (else the text)."""
    text = " ".join(str(value or "").replace(".", " ").split())
    table = _data("us-states")
    if text.upper() in table:
        return text.upper()
    folded = re.sub(r"^(?:state|commonwealth) of ", "", text.casefold())
    for code, row in table.items():
        if row["name"].casefold().replace(".", " ").split() == folded.split():
            return code
    return folded


def _state_name(code: str) -> str:
    row = _data("us-states").get(code)
    return row["name"] if row else code


def _not_federal(ref: Mapping[str, Any]) -> bool:
    """A statute of a state (by its jurisdiction or a citation naming the state) or of another country."""
    jurisdiction = ref.get("jurisdiction") or {}
    if jurisdiction.get("state") or jurisdiction.get("country", "US") != "US":
        return True
    return bool(states_named(f"{ref.get('citation', '')} {ref.get('title', '')}"))


# --------------------------------------------------------------------------- LF-01

def _subject_text(ref: Mapping[str, Any], spans_in_citation: list[tuple[int, int]]) -> str:
    citation = str(ref.get("citation") or "")
    for start, end in reversed(spans_in_citation):
        citation = citation[:start] + " " + citation[end:]
    return f"{ref.get('title', '')} {citation}"


def _other_subjects(text: str, own: list[Section], table: Mapping[Section, Mapping[str, Any]]) -> list[str]:
    """Subjects of other sections (or of the other-subjects list) that a reference's text names."""
    named = [f"that of {section} ({entry['name']})" for section, entry in table.items()
             if section not in own and _mentions(text, entry["keywords"])]
    named += [row["label"] for row in _data("federal-statutes").get("other_subjects", ())
              if _mentions(text, row["keywords"])]
    return named


def _check_statute(ctx: CheckContext, pointer: str, ref: Mapping[str, Any], sections: list[Section],
                   spans: list[tuple[int, int]], table) -> tuple[int, int, list]:
    """(sections correct, sections checked, findings) for one federal statute reference."""
    citation = str(ref.get("citation") or ref.get("title") or "")
    known = [s for s in sections if s in table]
    unknown = [s for s in sections if s not in table]
    findings = []
    for section in unknown:
        findings.append(ctx.finding(
            f"{pointer}/citation", f"{section} is not in the federal-law table (built in, or statutes.extra), so neither "
            "the section nor its subject can be confirmed automatically.", effect="needs-review", evidence=citation,
            suggestion=f"Confirm that {section} is the section meant for “{ref.get('title', '')}”; a rubric can list "
                       "it in statutes.extra."))
    if not known:
        return 0, len(sections), findings
    text = _subject_text(ref, spans if ref.get("citation") else [])
    own = any(_mentions(text, table[s]["keywords"]) for s in known)
    others = [] if own else _other_subjects(text, known, table)
    labels = join_words(f"{s} ({table[s]['name']})" for s in known)
    subjects = "; ".join(f"{s}: {table[s]['subject']}" for s in known)
    if others:
        findings.append(ctx.finding(
            f"{pointer}/title", f"The reference labels {labels} as “{ref.get('title', '')}”, which names another "
            f"subject: {join_words(others, 'or')}.", evidence=f"{citation}: {ref.get('title', '')}",
            suggestion=f"Cite the section that matches the subject taught, or correct the title ({subjects})."))
        return 0, len(sections), findings
    if not own:
        findings.append(ctx.finding(
            f"{pointer}/title", f"The title “{ref.get('title', '')}” names no subject to compare with {labels}.",
            effect="note", evidence=citation))
    return len(known), len(sections), findings


def lf01_federal_citations(ctx: CheckContext) -> Result:
    """Federal statute references are known §4.7 sections whose titles name their subject; 22 U.S.C. 7102 is cited."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    extra = ctx.param("statutes.extra") or ()
    table = statute_table(extra)
    statutes = _statutes(ctx.course)
    if not statutes:
        return ctx.failed("No references[type=statute] are listed, so no federal citation can be checked.", [
            ctx.finding("/references", "No statute is cited; the federal offenses and definitions need their "
                        "U.S. Code sections.", suggestion="Add references of type `statute` for 22 U.S.C. 7102 and "
                                                          "18 U.S.C. 1589, 1590, 1591 and 1592, each with its title.")])
    findings: list = []
    correct = checked = 0
    cited: set[Section] = set()
    state_refs = 0
    for pointer, ref in statutes:
        sections, spans = parse_citation(str(ref.get("citation") or ""))
        if not sections:
            sections, _ = parse_citation(str(ref.get("title") or ""))
            spans = []
        sections = with_et_seq(f"{ref.get('citation') or ''} {ref.get('title') or ''}", sections, table)
        if not sections:
            if _not_federal(ref):
                state_refs += 1  # state law is LF-03's
                continue
            checked += 1
            missing = not ref.get("citation")
            findings.append(ctx.finding(
                f"{pointer}/citation", "The statute reference has no citation, so it cannot be checked." if missing
                else f"“{ref['citation']}” cannot be read as a U.S. Code section or a state statute.",
                effect="fail" if missing else "needs-review", evidence=str(ref.get("citation") or ref.get("title", "")),
                suggestion="Give the citation as title, code and section, e.g. “18 U.S.C. 1591”."))
            continue
        cited.update(sections)
        ok, total, found = _check_statute(ctx, pointer, ref, sections, spans, table)
        correct, checked = correct + ok, checked + total
        findings += found
    for required in ctx.param("statutes.required") or ():
        checked += 1
        wanted = set(parse_citation(str(required))[0])
        if wanted and wanted <= cited:
            correct += 1
            continue
        subject = "; ".join(table[s]["name"] for s in wanted if s in table)
        findings.append(ctx.finding(
            "/references", f"{required}{f' ({subject})' if subject else ''} is not cited in references[type=statute] "
            "(statutes.required).", evidence=_cited(statutes),
            suggestion=f"Add a reference of type `statute` for {required} with its title."))
    summary = (f"{correct} of {checked} federal citation check(s) passed against the federal-law table"
               f"{' and statutes.extra' if extra else ''}"
               f"{f'; {state_refs} state or non-U.S. statute reference(s) left aside (state law is LF-03)' if state_refs else ''}")
    fails = [f for f in findings if f.effect == "fail"]
    reviews = [f for f in findings if f.effect == "needs-review"]
    if fails:
        return ctx.failed(f"{summary}: {len(fails)} citation problem(s), first at {fails[0].pointer}.", findings,
                          score=correct / checked if checked else 0.0)
    if reviews:
        return ctx.review(f"{summary}: {len(reviews)} citation(s) need a reviewer, first at {reviews[0].pointer}.",
                          findings)
    return ctx.passed(f"{summary}; every cited federal section is known and its title fits its subject.", findings)


def _cited(statutes) -> str:
    return "; ".join(str(ref.get("citation") or ref.get("title", "")) for _, ref in statutes)


# --------------------------------------------------------------------------- LF-02

def _minor_presence(ctx: CheckContext) -> Result:
    report = phrases(ctx, "P-MINOR")
    name = set_id(report.phrase_set)
    if not report.missing_groups:
        where = join_words(sorted({m.pointer for m in report.matches})[:3])
        return ctx.passed(f"{name} is present: the course ties minors to commercial sex and says force, fraud or "
                          f"coercion need not be proved (at {where}).")
    modules = modules_teaching(ctx.course, "minors") or modules_teaching(ctx.course, "legal-federal")
    pointer = text_pointer(modules)
    found = [f"“{report.label(g)}” (at {report.found(g)[0].pointer})" for g in report.found_groups]
    missing = [f"“{report.label(group)}”" for group in report.missing_groups]
    message = (f"{name}: no text says {join_words(missing)}" + (f"; found only {join_words(found)}" if found else "")
               + ". The course may say it in other words.")
    return ctx.review(f"{name} is incomplete ({len(found)} of {len(report.phrase_set.groups)} groups found): the "
                      "course may not say that any minor in commercial sex is a victim without proof of force, fraud "
                      "or coercion.", [ctx.finding(
                          pointer, message, effect="needs-review", evidence=found[0] if found else "",
                          suggestion="State that anyone under 18 induced into a commercial sex act is a trafficking "
                                     "victim and that force, fraud or coercion need not be proved (18 U.S.C. 1591).")])


def _minor_terms(ctx: CheckContext) -> Result:
    wanted = set(ctx.param("lexicon.terms"))
    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "stigmatizing-terms") if hit.term_id in wanted]
    titles = term_titles(ctx)
    rows = join_words(titles.get(row, row) for row in sorted(wanted))
    return combine(_terms_result(ctx, findings, rows), concept_part(
        ctx, "labels", "arrest", covered=findings, severity=ctx.rule.severity,
        what="a label that makes a minor a participant, or arrest presented as protection",
        fix="Call the young person a trafficked minor or a child sex-trafficking victim, and keep them safe without "
            "arrest or charges."))


def _terms_result(ctx: CheckContext, findings: list, rows: str) -> Result:
    return findings_result(ctx, findings, Wording(
        failed=f"{{count}} label(s) that make a minor a participant ({rows}) in the course's own voice, first "
               "{first}",
        review=f"{{count}} quoted or cited use(s) of {rows} need a reviewer, first {{first}}",
        passed=f"no label such as {rows} in the course's own voice{{noted}}",
        noted=", {count} corrected or negated use(s) noted"))


def lf02_minors(ctx: CheckContext) -> Result:
    """P-MINOR present (else needs-review); rows L01–L03 absent from the course's own voice (else fail)."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    presence, terms = _minor_presence(ctx), _minor_terms(ctx)
    if presence.outcome == terms.outcome == "pass":
        return ctx.passed(f"{presence.reason[:-1]}, and {terms.reason}.", terms.findings)
    return merged(presence, terms)


# --------------------------------------------------------------------------- LF-03

def _as_of_part(ctx: CheckContext, max_age: int):
    """(ok, finding) for stateLawAsOf."""
    raw = ctx.course.data.get("stateLawAsOf")
    checked = as_date(raw)
    if checked is None:
        return False, ctx.finding("/stateLawAsOf", "No stateLawAsOf date shows when the state-law content was last "
                                  "checked." if raw is None else f"stateLawAsOf “{raw}” is not a date.",
                                  evidence=str(raw or ""), suggestion="Check the state-law content against the current "
                                  "statutes and record the date in stateLawAsOf.")
    age = months_between(checked, ctx.as_of)
    if age > max_age:
        return False, ctx.finding("/stateLawAsOf", f"State law was last checked on {checked.isoformat()}, {age} months "
                                  f"before {ctx.as_of.isoformat()} (state_law.max_age_months = {max_age}).",
                                  evidence=str(raw), suggestion="Re-check the state-law content against current "
                                  "statutes (amendments, safe harbor, vacatur) and update stateLawAsOf.")
    return True, None


def _state_statute_part(ctx: CheckContext, code: str):
    statutes = _statutes(ctx.course)
    mine, others = [], set()
    for pointer, ref in statutes:
        declared = (ref.get("jurisdiction") or {}).get("state")
        named = states_named(f"{ref.get('citation', '')} {ref.get('title', '')}")
        states = {state_code(declared)} if declared else named
        if code in states:
            mine.append(pointer)
        others.update(state for state in states if state != code)
    if mine:
        return True, None, mine
    detail = f" (statutes of {join_words(sorted(_state_name(s) for s in others))} only)" if others else ""
    return False, ctx.finding(
        "/references", f"No references[type=statute] cite a statute of {_state_name(code)}{detail}.",
        evidence=_cited(statutes), suggestion=f"Cite the {_state_name(code)} trafficking statutes (and any safe-harbor "
        "and vacatur provisions) as references of type `statute` with jurisdiction.state."), mine


def lf03_state_law(ctx: CheckContext) -> Result:
    """With a jurisdiction.state: a recent stateLawAsOf, a statute of that state and a `legal-state` module."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    state = jurisdiction(ctx.course).get("state")
    if not state:
        return ctx.not_applicable("No jurisdiction.state is declared, so there is no state law to check.")
    code = state_code(state)
    max_age = ctx.param("state_law.max_age_months")
    parts = [("a current stateLawAsOf", *_as_of_part(ctx, max_age))]
    ok, finding, cited = _state_statute_part(ctx, code)
    parts.append((f"a statute of {_state_name(code)}", ok, finding))
    modules = modules_teaching(ctx.course, "legal-state")
    claims = claim_findings(ctx, "legal-state", covered=bool(modules))
    unbacked = [finding for finding in claims if finding.effect == "fail"]
    parts.append(("a module that teaches state law", bool(modules), None if modules else unbacked[0] if unbacked
                  else ctx.finding("/modules", "No module teaches state law, so nothing shows where state trafficking "
                                   "law, safe harbor for minors and vacatur are taught.",
                                   suggestion="Teach the state's law in a module and tag it `legal-state`.")))
    missing = [label for label, ok, _ in parts if not ok]
    findings = [finding for _, ok, finding in parts if not ok] + [f for f in claims if f not in unbacked[:1]]
    present = len(parts) - len(missing)
    where = f"{_state_name(code)} (state_law.max_age_months = {max_age})"
    if missing:
        return ctx.failed(f"{present} of {len(parts)} state-law elements for {where}; missing {join_words(missing)}.",
                          findings, score=present / len(parts))
    return ctx.passed(f"All {len(parts)} state-law elements for {where}: stateLawAsOf "
                      f"{ctx.course.data['stateLawAsOf']}, {len(cited)} state statute reference(s), "
                      f"{len(modules)} module(s) teaching state law.", findings)


# --------------------------------------------------------------------------- LF-04

def _hint_notes(ctx: CheckContext) -> list:
    """Notes for the reviewer: which names of the protections the text uses, and leverage wording."""
    report = find_phrases(ctx.course, _phrase_set("immigration-relief", "hints"), limit=None)
    taught = tuple(f"{pointer}/" for pointer, _ in modules_teaching(ctx.course, "immigration-relief"))
    notes = []
    for group in report.phrase_set.groups:
        matches = sorted(report.found(group.id), key=lambda match: not match.pointer.startswith(taught or ("/modules/",)))
        if matches:
            notes.append(ctx.finding(matches[0].pointer, f"Hint: the text mentions {group.label}.", effect="note",
                                     evidence=matches[0].excerpt))
        else:
            notes.append(ctx.finding("/modules", f"Hint: the text never mentions {group.label}.", effect="note"))
    for violation in violations(ctx, "leverage"):
        if violation.effect == "needs-review":
            notes.append(ctx.finding(violation.pointer, f"Hint: relief may be presented as leverage "
                                     f"(“{violation.matched}”); if the course teaches this, LF-04 is an error.",
                                     effect="note", evidence=violation.excerpt))
    for hit in concept_hits(ctx, "conditions"):
        if hit.effect != "note" and hit.concept == "relief-as-leverage":
            notes.append(ctx.finding(hit.pointer, f"Hint: the detectors read this sentence as relief used as leverage "
                                     f"(confidence {hit.confidence:.2f}); if the course teaches this, LF-04 is an "
                                     "error.", effect="note", evidence=hit.sentence, start=hit.start, end=hit.end,
                                     term=hit.concept))
    return notes


def lf04_immigration_relief(ctx: CheckContext) -> Result:
    """`immigration-relief` taught where §5.3 requires it; when taught, a reviewer judges its correctness."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    roles = list(_data("immigration-relief")["roles"])
    declared = [role for role in audience_roles(ctx.course) if role in roles]
    modules = modules_teaching(ctx.course, "immigration-relief")
    claims = claim_findings(ctx, "immigration-relief", covered=bool(modules) or not declared)
    if not modules and not declared:
        return ctx.not_applicable("No module teaches `immigration-relief` and no declared role needs it (the roles that do: "
                                  f"{join_words(roles, 'or')}).")
    if not modules:
        return ctx.failed(f"No module teaches immigration relief, which the {join_words(declared)} role(s) need.", [
            ctx.finding("/modules", f"Immigration relief (Continued Presence, T and U visa law-enforcement forms) is "
                        f"not taught, although the {join_words(declared)} role(s) need it.",
                        suggestion="Add a module on Continued Presence, the I-914 Supplement B declaration and the "
                                   "I-918 Supplement B certification, and tag it `immigration-relief`."),
            *claims, *_hint_notes(ctx)])
    pointer = text_pointer(modules)
    titles = join_words(f"“{module.get('title', '')}”" for _, module in modules)
    review = ctx.finding(
        pointer, "A reviewer must confirm the explanation: Continued Presence requested early, through federal "
        "partners for state and local agencies, and never used as a bargaining chip; the T visa declaration is Form "
        "I-914 Supplement B; the U visa certification is Form I-918 Supplement B.", effect="needs-review",
        evidence=f"modules that teach immigration relief: {titles}",
        suggestion="Correct any misstatement; a misstated protection makes LF-04 an error.")
    return ctx.review(f"{len(modules)} module(s) teach `immigration-relief` ({titles}); whether they explain the "
                      "protections correctly is for a reviewer.", [review, *claims, *_hint_notes(ctx)])


# --------------------------------------------------------------------------- LF-05 to LF-07

def _topic_rule(ctx: CheckContext, tag: str, what: str) -> Result:
    if (notice := _outside_us(ctx)) is not None:
        return notice
    modules = modules_teaching(ctx.course, tag)
    claims = claim_findings(ctx, tag, covered=bool(modules))
    if modules:
        return ctx.passed(f"{len(modules)} module(s) ({join_words(str(m.get('id')) for _, m in modules)}) teach "
                          f"{what}.", claims)
    report = find_phrases(ctx.course, _phrase_set("topic-hints", tag), limit=1)
    notes = [ctx.finding(matches[0].pointer, f"The text mentions {report.label(group)} here, but no module teaches "
                         f"{what}.", effect="note", evidence=matches[0].excerpt)
             for group in report.found_groups for matches in [report.found(group)]]
    unbacked = [finding for finding in claims if finding.effect == "fail"]
    missing = [] if unbacked else [ctx.finding("/modules", f"No module teaches {what}.",
                                               suggestion=f"Teach {what} in a module and add `{tag}` to its topics.")]
    return ctx.failed(f"No module teaches {what}.", [*missing, *claims, *notes])


def lf05_victim_rights(ctx: CheckContext) -> Result:
    """A module that teaches `victim-rights` (rights and mandatory restitution)."""
    return _topic_rule(ctx, "victim-rights", "victims' rights and restitution")


def lf06_demand(ctx: CheckContext) -> Result:
    """A module that teaches `demand` (buyer accountability and demand reduction)."""
    return _topic_rule(ctx, "demand", "buyer accountability and demand reduction")


def lf07_labor_law(ctx: CheckContext) -> Result:
    """A module that teaches `labor-law` (DOL Wage and Hour Division, OSHA, referral, back wages)."""
    return _topic_rule(ctx, "labor-law", "the labor-law interface with the DOL Wage and Hour Division and OSHA")
