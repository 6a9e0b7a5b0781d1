"""Checks of the accuracy plugin: AC-01 to AC-09 (vetting guidelines §2.2, §4.0, §4.3, §4.4, §4.6, D5).

Lexical parts read the lexicons ``myths``, ``statistics`` and ``stigmatizing-terms`` and the phrase
sets ``P-DEF`` and ``P-IND`` through the kit. Myth hits are judged by :func:`vetkit.kit.judge_all`
(a myth in the course's own voice fails); statistics rows keep the scanner's own decision (§4.0),
with a claim declared in ``statistics[]`` counted as unambiguous. Thresholds and term lists come
from the rule parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import evolve

from vetkit.kit import (
    CheckContext,
    Finding,
    Result,
    ScanHit,
    Wording,
    as_date,
    claim_findings,
    combine,
    concept_part,
    findings_result,
    hit_finding,
    judge_all,
    modules_teaching,
    months_between,
    phrase_set,
    phrases,
    scan,
    select_texts,
    set_id,
    term_titles,
    text_index,
)

from . import figures

#: Text fields that carry no teaching claims of their own (names, titles, thresholds).
_NOT_TEACHING = ("references.", "resources.", "objectives.", "glossary.term", "statistics.claim", "safeguards.",
                 "prerequisites", "assessments.title", "assessments.remediation")
#: Contexts in which a myth phrase is only named (a title, a proper name), not corrected.
NAMED = frozenset({"title", "proper-name"})
_CORRECT_IT = "Correct the statement explicitly (for example as a Myth:/Fact: pair) or remove it."


def _myth_findings(ctx: CheckContext, hits: Iterable[ScanHit]) -> list[Finding]:
    return [hit_finding(ctx, hit, label="Fact", advice=_CORRECT_IT) for hit in hits]


def _myth_result(ctx: CheckContext, hits: list[ScanHit], *, what: str) -> Result:
    """fail on a myth stated as fact, needs-review on one to check, else pass; every hit is a finding."""
    return findings_result(ctx, _myth_findings(ctx, hits), Wording(
        failed=f"{{count}} {what} stated as fact in the course ({{summary}}), first {{first}}{{noted}}.",
        review=f"{{count}} {what} in the course need a reviewer's judgement ({{summary}}){{noted}}.",
        passed=f"No {what} is taught as fact in the course{{noted}}.",
        noted="; {count} corrected or named use(s) noted ({summary})"))


def _statistics_result(ctx: CheckContext, hits: list[ScanHit], *, what: str) -> Result:
    """Outcome of statistics rows judged by the scanner (§4.0): the suggestion is the row's hint."""
    findings = [hit_finding(ctx, hit, label="Fix") for hit in hits]
    return findings_result(ctx, findings, Wording(
        failed=f"{{count}} {what} count as unambiguous ({{summary}}), first {{first}}{{noted}}.",
        review=f"{{count}} {what} in the text need a reviewer ({{summary}}){{noted}}.",
        passed=f"No {what} found{{noted}}.",
        noted="; {count} corrected or noted use(s)"))


# --------------------------------------------------------------------------- AC-01

_CITATION = (r"\b{title}\s*U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?\s*(?:§+\s*|sec(?:tion|\.)?\s*)?{section}(?!\d)"
             r"|\btitle\s+{title}\b[^.;]{{0,30}}?(?:§+|sec(?:tion|\.)?)\s*{section}(?!\d)")


_ET_SEQ = (r"\b{title}\s*U\.?\s?S\.?\s?C\.?(?:\s?[AS]\.?)?\s*(?:§+\s*|sec(?:tion|\.)?\s*)?(\d+)"
           r"(?:\s?\([0-9a-zA-Z]{{1,4}}\))*\s*,?\s*et\.?\s+seq\b")


def _cites(reference, statute: str) -> bool:
    """The reference cites ``statute`` directly, or a chapter from an earlier section "et seq." (22 U.S.C. 7101 et seq.)."""
    title, _, section = statute.partition(" U.S.C. ")
    title, section = title.strip(), section.strip()
    pattern = re.compile(_CITATION.format(title=re.escape(title), section=re.escape(section)), re.IGNORECASE)
    chapter = re.compile(_ET_SEQ.format(title=re.escape(title)), re.IGNORECASE)
    for key in ("citation", "title"):
        text = str(reference.get(key) or "")
        if pattern.search(text):
            return True
        if section.isdigit() and any(0 <= int(section) - int(m.group(1)) <= 30 for m in chapter.finditer(text)):
            return True
    return False


def ac01_definitions(ctx: CheckContext) -> Result:
    """P-DEF (every group) in the glossary or in modules that teach federal law; a statute reference to
    22 U.S.C. 7102."""
    course = ctx.course
    topic = ctx.param("definitions.topic")
    statute = ctx.param("definitions.statute")
    modules = modules_teaching(course, topic)
    glossary = [entry for entry in course.data.get("glossary", ()) if str(entry.get("definition", "")).strip()]
    if not modules and not glossary:
        return ctx.failed(f"No module teaches `{topic}` and the glossary defines nothing, so the course shows no "
                          "federal definitions.", [ctx.finding(
                              "/modules", f"No module teaches `{topic}` and no glossary definitions: nowhere to check "
                              "the elements of sex and labor trafficking.", severity="error",
                              suggestion=f"Teach the federal definitions ({statute}) in a module tagged `{topic}` "
                                         "and define the terms in glossary[]."),
                              *claim_findings(ctx, topic, covered=False, severity="error")], severity="error")
    definitions = phrase_set(ctx, "P-DEF")
    name = set_id(definitions)
    texts = list(select_texts(course, fields=["glossary.*", "modules.*"], module_topics=[topic]))
    report = phrases(ctx, "P-DEF", texts=texts)
    where = f"{len(modules)} module(s) teaching `{topic}` and {len(glossary)} glossary definition(s)"
    parts = []
    findings: list[Finding] = [ctx.finding(report.found(group)[0].pointer, f"{name}, {report.label(group)}: found "
                                           f"“{report.found(group)[0].matched}”.", effect="note",
                                           evidence=report.found(group)[0].excerpt)
                               for group in report.found_groups]
    missing = report.missing_groups
    if missing:
        labels = []
        for group in missing:
            absent = report.missing_patterns(group) if definitions.group(group).require == "all" else ()
            labels.append(f"{report.label(group)} (missing: {', '.join(absent)})" if absent else report.label(group))
        elsewhere = phrases(ctx, "P-DEF", texts=[t for t in course.texts() if not t.field.startswith(_NOT_TEACHING)])
        also = [f"{elsewhere.label(g)} at {elsewhere.found(g)[0].pointer}" for g in missing
                if elsewhere.group_found(definitions.group(g))]
        hint = f" Found elsewhere in the course: {'; '.join(also)} — move it into the definitions." if also else ""
        target = f"{modules[0][0]}/text" if modules else "/glossary"
        findings.append(ctx.finding(target, f"Groups of {name} not found in {where}: {'; '.join(labels)}.{hint}",
                                    effect="needs-review", severity="error",
                                    evidence=modules[0][1].get("title", "") if modules else f"{len(glossary)} glossary entries",
                                    suggestion="State every element of the federal definitions: force, fraud and "
                                               "coercion; anyone under 18 in commercial sex; labor or services; "
                                               "commercial sex act."))
        parts.append(ctx.review(f"{len(missing)} of {len(definitions.groups)} groups of {name} not found in {where} "
                                f"({', '.join(report.label(group) for group in missing)}).", severity="error"))
    else:
        parts.append(ctx.passed(f"Every group of {name} is stated in {where}."))
    statutes = [(pointer, ref) for pointer, ref in course.entries("references") if ref.get("type") == "statute"]
    citing = [pointer for pointer, ref in statutes if _cites(ref, statute)]
    if citing:
        parts.append(ctx.passed(f"{statute} is cited at {citing[0]}."))
    else:
        findings.append(ctx.finding("/references", f"No references[type=statute] cites {statute} (the TVPA "
                                    f"definitions); {len(statutes)} statute reference(s) checked.",
                                    effect="needs-review", severity="error",
                                    suggestion=f"Add a statute reference with citation '{statute}'."))
        parts.append(ctx.review(f"No statute reference cites {statute}.", severity="error"))
    result = combine(*parts)
    return Result(result.outcome, result.reason, tuple(findings), result.score, result.severity)


# --------------------------------------------------------------------------- AC-02, AC-07, AC-08

def _myth_verdicts(ctx: CheckContext, terms: Iterable[str] | None) -> list[ScanHit]:
    return judge_all(ctx.course, scan(ctx, "myths"), terms=terms)


def ac02_movement_smuggling(ctx: CheckContext) -> Result:
    """Myths M01, M02 and row L17 (smuggling as a synonym for trafficking), judged as myths."""
    verdicts = _myth_verdicts(ctx, ctx.param("myths.terms"))
    verdicts += judge_all(ctx.course, scan(ctx, "stigmatizing-terms"), terms=ctx.param("terms.smuggling"))
    verdicts.sort(key=lambda hit: (hit.pointer, hit.start))
    return _with_detectors(ctx, _myth_result(ctx, verdicts, what="movement or smuggling myth(s)"), "myths",
                           what="the movement or smuggling myth")


def _with_detectors(ctx: CheckContext, lexical: Result, family: str, *, what: str) -> Result:
    """A lexical result and the detectors' part over the same family; a lexicon finding's sentence is left to
    the lexicon."""
    return combine(lexical, concept_part(ctx, family, covered=lexical.findings, severity=ctx.rule.severity, what=what,
                                         fix=_CORRECT_IT))


def _corrections(verdicts: list[ScanHit]) -> list[ScanHit]:
    """The myth hits the course corrects or denies (in prose, a Myth/Fact pair, an answer key...), not merely names."""
    return [hit for hit in verdicts if hit.effect == "note" and hit.context.kind not in NAMED]


def ac07_myths(ctx: CheckContext) -> Result:
    """A module that corrects myths (auto, from its text) and every myth detector over all text with the §4.0 guard
    (lexical)."""
    topic = ctx.param("myths.topic")
    verdicts = _myth_verdicts(ctx, None)
    lexical = _with_detectors(ctx, _myth_result(ctx, verdicts, what="myth(s)"), "myths", what="a myth stated as fact")
    if lexical.outcome == "fail":
        lexical = Result("fail", lexical.reason, lexical.findings, lexical.score, "error")
    corrections = _corrections(verdicts)
    index = text_index(ctx.course)
    correcting = frozenset(module for hit in corrections if (module := index.module_of(hit.pointer)) is not None)
    tagged = modules_teaching(ctx.course, topic, shown_in=correcting)
    claims = claim_findings(ctx, topic, covered=bool(tagged or corrections), severity="warning", shown_in=correcting)
    if tagged:
        auto = ctx.passed(f"{len(tagged)} module(s) correct myths ({', '.join(m['id'] for _, m in tagged)}).", claims)
    elif corrections:
        where = ", ".join(dict.fromkeys(hit.pointer for hit in corrections))
        auto = ctx.passed(f"No module is about myths, but the course corrects {len(corrections)} myth statement(s) "
                          f"explicitly ({where}).", claims)
    else:
        missing = [] if any(f.effect == "fail" for f in claims) else [ctx.finding(
            "/modules", "No module corrects myths explicitly.", severity="warning",
            suggestion=f"Add a module (or a section of one) that states common myths and corrects each one, for "
                       f"example as Myth:/Fact: pairs, and tag it `{topic}`.")]
        auto = ctx.failed("No module corrects myths explicitly.", [*missing, *claims], severity="warning")
    return combine(lexical, auto)


def ac08_indicators(ctx: CheckContext) -> Result:
    """Each module that teaches indicators states P-IND (indicators as prompts); myth M16 (indicators as proof)
    absent."""
    course = ctx.course
    topic = ctx.param("indicators.topic")
    parts, findings = [], []
    tagged = modules_teaching(course, topic)
    by_module: dict[str, list] = {}  # "/modules/3" -> the texts of that module (each text looked at once)
    for text in select_texts(course, fields=["modules.*"], module_topics=[topic]):
        by_module.setdefault("/".join(text.pointer.split("/", 3)[:3]), []).append(text)
    name = set_id(phrase_set(ctx, "P-IND"))
    for pointer, module in tagged:
        report = phrases(ctx, "P-IND", texts=by_module.get(pointer, []))
        if report.satisfied():
            first = report.matches[0]
            findings.append(ctx.finding(first.pointer, f"{name} in module {module['id']}: "
                                        f"{', '.join(report.label(g) for g in report.found_groups)}.",
                                        effect="note", evidence=first.excerpt))
        else:
            findings.append(ctx.finding(f"{pointer}/text" if module.get("text") else pointer,
                                        f"Module {module['id']} teaches indicators but never says that they are "
                                        f"prompts for further inquiry in context, not proof ({name}).",
                                        effect="needs-review", severity="warning",
                                        suggestion="Say that no single indicator proves trafficking and that each "
                                                   "one is a reason to ask more questions in context."))
    missing = [f for f in findings if f.effect == "needs-review"]
    findings += [f for f in claim_findings(ctx, topic, covered=True) if f.effect == "note"]
    proof = term_titles(ctx).get("M16", "M16")
    if not tagged:
        parts.append(ctx.passed(f"No module teaches indicators; only the scan for {proof} applies."))
    elif missing:
        parts.append(ctx.review(f"{len(missing)} of {len(tagged)} module(s) teaching indicators lack {name}.",
                                severity="warning"))
    else:
        parts.append(ctx.passed(f"All {len(tagged)} module(s) teaching indicators state {name}."))
    verdicts = _myth_verdicts(ctx, ctx.param("myths.terms"))
    parts.append(_with_detectors(ctx, _myth_result(ctx, verdicts, what="indicator-as-proof statement(s)"),
                                 "myths", what="indicators presented as proof"))
    result = combine(*parts)
    return Result(result.outcome, result.reason, tuple(findings) + result.findings, result.score, result.severity)


# --------------------------------------------------------------------------- AC-03, AC-04, AC-05

def _statistics_verdicts(ctx: CheckContext, terms: Iterable[str]) -> list[ScanHit]:
    wanted = set(terms)
    return [hit for hit in scan(ctx, "statistics") if hit.term_id in wanted]


def _statistic_sources(ctx: CheckContext) -> Result:
    course = ctx.course
    review_types = set(ctx.param("statistics.review_reference_types"))
    statistics = list(course.entries("statistics"))
    if not statistics:
        return ctx.not_applicable("The course declares no statistics[].")
    findings, complete = [], 0
    for pointer, statistic in statistics:
        ok = True
        claim = statistic.get("claim", "")
        if not isinstance(statistic.get("year"), int):
            ok = False
            findings.append(ctx.finding(f"{pointer}/year", f"Statistic {statistic['id']} gives no year.",
                                        evidence=claim, severity="warning",
                                        suggestion="Give the year the figure refers to (statistics[].year)."))
        reference_id = statistic.get("referenceId")
        entry = course.by_id(reference_id) if reference_id else None
        if entry is None or entry.kind != "reference":
            ok = False
            what = "names no source" if not reference_id else f"names '{reference_id}', which is not a reference"
            findings.append(ctx.finding(f"{pointer}/referenceId", f"Statistic {statistic['id']} {what}.",
                                        evidence=claim, severity="warning",
                                        suggestion="Point referenceId at the references[] entry the figure comes "
                                                   "from (government, ILO or peer-reviewed research)."))
        elif entry.value.get("type") in review_types:
            findings.append(ctx.finding(f"{pointer}/referenceId", f"Statistic {statistic['id']} comes from a "
                                        f"{entry.value.get('type')} reference ({entry.value.get('title')}); a person "
                                        "should check that the source is reputable.", effect="needs-review",
                                        evidence=claim, severity="warning",
                                        suggestion="Cite a government, ILO or peer-reviewed source for the figure."))
        complete += ok
    if complete < len(statistics):
        return ctx.failed(f"{len(statistics) - complete} of {len(statistics)} statistics lack a year or a resolving "
                          "referenceId.", findings, score=complete / len(statistics), severity="warning")
    if findings:
        return ctx.review(f"All {len(statistics)} statistics name a year and a source; {len(findings)} source(s) "
                          "need a reputability check.", findings, severity="warning")
    return ctx.passed(f"All {len(statistics)} statistics name a year and a reference.")


def _undeclared_figures(ctx: CheckContext) -> Result:
    course = ctx.course
    keys = figures.declared_keys(course.data.get("statistics", ()))
    findings, seen = [], set()
    for text in course.texts():
        if text.field.startswith(_NOT_TEACHING):
            continue
        for figure in figures.figures(text.text):
            if figures.is_declared(figure, keys) or (text.pointer, figure.key) in seen:
                continue
            seen.add((text.pointer, figure.key))
            findings.append(ctx.finding(text.pointer, f"The figure “{figure.raw}” matches no statistics[] claim or "
                                        "value, so its source and year are not declared.", effect="needs-review",
                                        evidence=text.text[max(0, figure.start - 80):figure.end + 80],
                                        severity="warning", start=figure.start, end=figure.end,
                                        suggestion=f"Declare “{figure.raw}” in statistics[] with its year and "
                                                   "referenceId, or remove it."))
    if findings:
        return ctx.review(f"{len(findings)} figure(s) in the text match no statistics[] entry.", findings,
                          severity="warning")
    return ctx.passed("Every figure in the text matches a statistics[] claim or value.")


def ac03_sources(ctx: CheckContext) -> Result:
    """Each statistic has a year and a resolving referenceId; figures in text are declared; hotline data (S09)."""
    misuse = _statistics_verdicts(ctx, ctx.param("statistics.misuse_terms"))
    lexical = _statistics_result(ctx, misuse, what="hotline count(s) presented as prevalence")
    return combine(_statistic_sources(ctx), _undeclared_figures(ctx), lexical)


def ac04_debunked(ctx: CheckContext) -> Result:
    """§4.4 rows S01–S04 and S09 over all text and statistics[].claim (a declared claim is unambiguous)."""
    verdicts = _statistics_verdicts(ctx, ctx.param("statistics.terms"))
    return _with_detectors(ctx, _statistics_result(ctx, verdicts, what="debunked or unsupportable figure(s)"),
                           "statistics", what="a debunked or unsupported figure stated as fact")


def ac05_superseded(ctx: CheckContext) -> Result:
    """§4.4 rows S05–S08 (a superseded figure declared in statistics[] fails); old statistics[].year -> info note."""
    verdicts = _statistics_verdicts(ctx, ctx.param("statistics.terms"))
    result = _with_detectors(ctx, _statistics_result(ctx, verdicts, what="superseded figure(s)"), "statistics",
                             what="a superseded estimate presented as current")
    max_age = int(ctx.param("statistics.max_age_years"))
    old = []
    for pointer, statistic in ctx.course.entries("statistics"):
        year = statistic.get("year")
        if isinstance(year, int) and ctx.as_of.year - year > max_age:
            old.append(ctx.finding(f"{pointer}/year", f"Statistic {statistic['id']} refers to {year}, "
                                   f"{ctx.as_of.year - year} years before {ctx.as_of.isoformat()} "
                                   f"(statistics.max_age_years = {max_age}).", effect="note", severity="info",
                                   evidence=statistic.get("claim", ""),
                                   suggestion="Check for a newer estimate (for global figures: ILO, Walk Free and "
                                              "IOM 2022) and say how old the figure is."))
    reason = result.reason + (f" {len(old)} statistic(s) older than {max_age} years noted." if old else "")
    return Result(result.outcome, reason, result.findings + tuple(old), result.score, result.severity)


# --------------------------------------------------------------------------- AC-06

def ac06_review_age(ctx: CheckContext) -> Result:
    """Age of lifecycle.lastReviewed at the scoring date against review.max_age_months."""
    maximum = int(ctx.param("review.max_age_months"))
    lifecycle = ctx.course.data.get("lifecycle") or {}
    reviewed = as_date(lifecycle.get("lastReviewed"))
    if reviewed is None:
        return ctx.failed("The course gives no lifecycle.lastReviewed date, so its currency cannot be shown.", [
            ctx.finding("/lifecycle/lastReviewed", "No date of the last content review.", severity="warning",
                        suggestion=f"Review the content and record the date in lifecycle.lastReviewed (at least "
                                   f"every {maximum} months).")], severity="warning")
    age = months_between(reviewed, ctx.as_of)
    notes = []
    for pointer, reference in ctx.course.entries("references"):
        published = as_date(reference.get("published"))
        if published is not None and published > reviewed:
            notes.append(ctx.finding(f"{pointer}/published", f"Reference {reference['id']} was published "
                                     f"{published.isoformat()}, after the last review ({reviewed.isoformat()}).",
                                     effect="note", severity="info", evidence=str(reference.get("title", "")),
                                     suggestion="Confirm that the review covered this source, or review again."))
    cycle = lifecycle.get("reviewCycleMonths")
    if isinstance(cycle, int) and cycle < maximum and cycle < age <= maximum:
        notes.append(ctx.finding("/lifecycle/reviewCycleMonths", f"The course's own review cycle is {cycle} months "
                                 f"and the last review was {age} months ago.", effect="note", severity="info",
                                 evidence=f"reviewCycleMonths: {cycle}"))
    where = f"lifecycle.lastReviewed {reviewed.isoformat()} is {age} months before {ctx.as_of.isoformat()}"
    if age < 0:
        return ctx.review(f"lifecycle.lastReviewed {reviewed.isoformat()} is after the scoring date "
                          f"{ctx.as_of.isoformat()}.", [ctx.finding(
                              "/lifecycle/lastReviewed", "The last review date lies in the future.",
                              effect="needs-review", severity="warning", evidence=reviewed.isoformat(),
                              suggestion="Correct lifecycle.lastReviewed to the date the review took place.")] + notes,
                          severity="warning")
    if age > maximum:
        return ctx.failed(f"{where} (review.max_age_months = {maximum}).", [ctx.finding(
            "/lifecycle/lastReviewed", f"Last reviewed {age} months ago; the limit is {maximum} months.",
            severity="warning", evidence=reviewed.isoformat(),
            suggestion="Review the content against current law, data and practice and record the new date.")] + notes,
            severity="warning")
    return ctx.passed(f"{where}, within review.max_age_months = {maximum}.", notes)


# --------------------------------------------------------------------------- AC-09 (hints)

def ac09_hints(ctx: CheckContext) -> Result:
    """Reviewer hints for the manual criterion AC-09: the `labor-law` topic and myth M10 hits (notes only)."""
    topic = ctx.param("labor.topic")
    tagged = modules_teaching(ctx.course, topic)
    if tagged:
        hints = [ctx.finding(tagged[0][0], f"Hint: {len(tagged)} module(s) teach the labor-law interface "
                             f"({', '.join(m['id'] for _, m in tagged)}): check that they separate wage violations "
                             "from labor trafficking and say when to refer.", effect="note", severity="info",
                             evidence=tagged[0][1].get("title", ""))]
    else:
        hints = [ctx.finding("/modules", "Hint: no module teaches the labor-law interface; check where the course "
                             "separates labor exploitation from labor trafficking.", effect="note", severity="info",
                             suggestion=f"Cover the labor-law interface in a module tagged `{topic}`.")]
    for finding in _myth_findings(ctx, _myth_verdicts(ctx, ctx.param("myths.terms"))):
        hints.append(evolve(finding, message=f"Hint: {finding.message}", effect="note", severity="info"))
    m10 = len(hints) - 1
    return ctx.review(f"Only a reviewer can decide AC-09; hints: `{topic}` {'present' if tagged else 'absent'}, "
                      f"{m10} hit(s) for {term_titles(ctx).get('M10', 'M10')}.", hints, severity="warning")
