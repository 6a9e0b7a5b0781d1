"""Checks of the trauma-informed plugin: TI-07, TI-08 and the media rules DM-01 to DM-03.

Every lexical rule follows the same recipe: scan with a lexicon its rule declares, turn each judged
hit into a finding, and let the findings decide::

    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "stigmatizing-terms")]
    return findings_result(ctx, findings, _terms_wording("stigmatizing or inaccurate terms", ctx))
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import attrs

from vetkit.kit import (
    CheckContext,
    PreparedText,
    Result,
    TextField,
    Wording,
    combine,
    concept_part,
    findings_result,
    hit_finding,
    lexicon,
    most_severe,
    pattern,
    scan,
    summary,
    term_title,
)

_DESCRIPTIVE = ("altText", "description", "caption", "transcript")
_BODY_FIELDS = ("materials.text", "materials.file")  # a material's own content (inline text or file contents)
_GENDERS = {"woman": "female", "girl": "female", "man": "male", "boy": "male", "gender-diverse": "gender-diverse"}


def _terms_wording(what: str, ctx: CheckContext) -> Wording:
    """The reasons of a lexical rule over a lexicon of terms (TI-07, TI-08, DM-03)."""
    return Wording(
        failed=f"{{count}} unambiguous hit(s) for {what} in the course's own voice ({{summary}}), "
               "first {first}{noted}.",
        review=f"{{count}} hit(s) for {what} need a reviewer's judgement ({{summary}}){{noted}}.",
        passed=f"No hit for {what} needs attention in {len(ctx.course.texts())} text fields{{noted}}.")


# --------------------------------------------------------------------------- TI-07, TI-08

def ti07_terms(ctx: CheckContext) -> Result:
    """§4.1 rows L01–L20 over every text field, plus a non-empty glossary."""
    jargon_note = bool(ctx.params.get("lexicon.jargon_glossary_as_note", False))
    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "stigmatizing-terms", jargon_glossary_note=jargon_note)]
    lexical = findings_result(ctx, findings, _terms_wording("stigmatizing or inaccurate terms", ctx))
    lexical = combine(lexical, concept_part(ctx, "labels", "blame", covered=findings, severity=ctx.rule.severity,
                                            what="a stigmatizing label or victim-blaming framing",
                                            fix="Describe the person with person-first words (a trafficked minor, a "
                                                "person in the sex trade) and drop blame or consent framing."))
    glossary = ctx.course.data.get("glossary") or ()
    if glossary:
        return combine(lexical, ctx.passed(f"The glossary defines {len(glossary)} term(s)."))
    missing = ctx.review("The course has no glossary to back its terms.", [ctx.finding(
        "/glossary", "No glossary: TI-07 asks for one that defines the terms the course relies on.",
        effect="needs-review", severity="warning",
        suggestion="Add glossary[] entries for victim, survivor, commercial sex act, force, fraud and coercion, "
                   "and explain any trafficker jargon the course mentions in neutral words.")],
        severity="warning")
    return combine(lexical, missing)


def ti08_framing(ctx: CheckContext) -> Result:
    """Rescue/savior and sensational framing: §4.1 rows L12, L13 and L09 (terms from the rule parameters)."""
    wanted = set(ctx.param("lexicon.terms"))
    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "stigmatizing-terms") if hit.term_id in wanted]
    return combine(findings_result(ctx, findings, _terms_wording("rescue, savior or sensational framing", ctx)),
                   concept_part(ctx, "rescue", covered=findings, severity=ctx.rule.severity,
                                what="rescue or savior framing",
                                fix="Describe officers as connecting people with services and victims as people "
                                    "with agency, not as objects to be saved."))


# --------------------------------------------------------------------------- DM-01

def _file_names(course) -> list[TextField]:
    """Material file names as text, with _ . / \\ turned into spaces (same offsets)."""
    return [TextField(f"{pointer}/file", re.sub(r"[_./\\\\]", " ", material["file"]), "materials.fileName")
            for pointer, material in course.entries("materials") if isinstance(material.get("file"), str)]


def dm01_imagery(ctx: CheckContext) -> Result:
    """§4.2 over material texts and file names; flagged ``depicts`` tags fail; undescribed media need review (D6)."""
    course = ctx.course
    flagged = set(ctx.param("imagery.flagged_depictions"))
    media_types = set(ctx.param("imagery.media_types"))
    prose_types = set(ctx.param("imagery.prose_types"))
    hits = list(scan(ctx, "imagery")) + list(scan(ctx, "imagery", texts=_file_names(course)))
    findings, kept = [], []
    for hit in hits:
        material = course.get(hit.pointer.rsplit("/", 1)[0]) if hit.field in _BODY_FIELDS else None
        if hit.effect != "note" and isinstance(material, Mapping) and material.get("type") in prose_types:
            # §4.2 reads what a material shows (title, file name, description, alt text, caption, transcript);
            # the body of a handout or job aid describes cases and indicators in words, which is not imagery.
            note = attrs.evolve(hit, effect="note", severity="info")
            findings.append(hit_finding(ctx, note, message=(
                f"{term_title(hit.term)}: “{hit.matched}” is in the body text of a {material['type']} (written "
                "prose about a case or an indicator, not a description of an image) → note (imagery words count in "
                "titles, file names, descriptions, alt text, captions and transcripts).")))
            continue
        kept.append(hit)
        findings.append(hit_finding(ctx, hit))
    hits = kept
    declared, undescribed, media = [], [], 0
    for pointer, material in course.entries("materials"):
        for index, tag in enumerate(material.get("depicts", ())):
            if tag in flagged:
                declared.append(ctx.finding(
                    f"{pointer}/depicts/{index}", f"Material {material['id']} declares that it depicts `{tag}`; "
                    f"imagery of {', '.join(sorted(flagged))} is never acceptable (DM-01).", severity="error",
                    evidence=material.get("title", ""),
                    suggestion="Replace the image with one of people in ordinary settings and remove the tag."))
        if material.get("type") in media_types:
            media += 1
            if not any(str(material.get(key) or "").strip() for key in _DESCRIPTIVE):
                where = "altText" if material.get("type") == "image" else "description"
                undescribed.append(ctx.finding(
                    f"{pointer}/{where}", f"{material['type'].capitalize()} {material['id']} has no alt text, "
                    "description, caption or transcript, so no text check can tell what it shows.",
                    effect="needs-review", severity="error", evidence=material.get("title", ""),
                    suggestion="Describe what the image or video shows (altText, description or caption); a "
                               "reviewer still has to look at it."))
    detectors = concept_part(ctx, "imagery", covered=findings, severity="error",
                             what="sensational imagery in what a material shows",
                             fix="Replace the image with one of people in ordinary settings, and describe it so.")
    findings = declared + undescribed + findings
    reviews = [hit for hit in hits if hit.effect == "needs-review"]
    if declared:
        return combine(ctx.failed(f"{len(declared)} material depiction tag(s) declare flagged content "
                                  f"({', '.join(sorted(flagged))}).", findings, severity="error"), detectors)
    if reviews or undescribed:
        parts = []
        if reviews:
            parts.append(f"{len(reviews)} sensational imagery word(s) in material texts "
                         f"({summary((hit.term_id for hit in reviews), ctx)})")
        if undescribed:
            parts.append(f"{len(undescribed)} of {media} image(s)/video(s) without descriptive text")
        severity = most_severe(hit.severity for hit in reviews) if reviews else "error"
        if undescribed:
            severity = "error"
        return combine(ctx.review("; ".join(parts) + ".", findings, severity=severity), detectors)
    if media and ctx.params.get("require_image_review", False):
        return combine(ctx.review(f"All {media} image(s)/video(s) are described and no imagery word was found, but a "
                                  "person must view them (require_image_review = true).", findings, severity="error"),
                       detectors)
    described = f"all {media} image(s)/video(s) have descriptive text" if media else "no image or video materials"
    return combine(ctx.passed(f"No flagged depiction or sensational imagery word in material texts; {described}.",
                              findings), detectors)


# --------------------------------------------------------------------------- DM-02

def _depiction_part(ctx: CheckContext, maximum: float, minimum: int) -> Result:
    counts: Counter[str] = Counter()
    for _, material in ctx.course.entries("materials"):
        tags = set(material.get("depicts", ()))
        genders = [tag for tag in tags if tag in _GENDERS]
        if "no-people" in tags or ("officer" in tags and len(genders) == 1):
            continue  # nobody, or only the officer is gendered
        counts.update(_GENDERS[tag] for tag in genders)
    total = sum(counts.values())
    if total < minimum:
        return ctx.not_applicable(f"Only {total} gendered depiction(s) in materials[].depicts; the share is computed "
                                  f"from {minimum} (depiction.min_count, D13).")
    gender, count = counts.most_common(1)[0]
    share = count / total
    detail = ", ".join(f"{name} {number}" for name, number in sorted(counts.items()))
    if share > maximum:
        return ctx.failed(f"{share:.0%} of {total} gendered depictions are {gender} ({detail}); "
                          f"depiction.max_single_gender_share = {maximum}.", [ctx.finding(
                              "/materials", f"Depiction tags are {share:.0%} {gender} ({detail}).", severity="warning",
                              evidence=detail, suggestion="Add images and examples of boys, men, gender-diverse "
                                                          "people and labor victims.")], severity="warning")
    return ctx.passed(f"No gender exceeds {maximum:.0%} of {total} gendered depictions ({detail}).")


def _language_part(ctx: CheckContext, maximum: float, minimum: int) -> Result:
    try:
        term = lexicon(ctx, "stigmatizing-terms").term("L21")
    except KeyError:
        return ctx.not_applicable("The stigmatizing-terms lexicon has no row for female-only victim language.")
    groups = {gender: [pattern(source) for source in sources]
              for gender, sources in (term.extra("groups") or {}).items()}
    skip = [pattern(source) for source in term.extra("skip_sentences_with") or ()]
    types = set(ctx.param("depiction.scenario_types"))
    counts: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for pointer, activity in ctx.course.entries("activities"):
        if activity.get("type") not in types:
            continue
        for key in ("description", "text"):
            text = activity.get(key)
            if not isinstance(text, str):
                continue
            prep = PreparedText(text)
            for start, end in prep.sentences:
                if any(regex.search(text, start, end) for regex in skip):
                    continue
                for gender, regexes in groups.items():
                    found = sum(1 for regex in regexes for _ in regex.finditer(text, start, end))
                    counts[gender] += found
                    places[f"{pointer}/{key}"] += found
    total = sum(counts.values())
    if total < minimum:
        return ctx.not_applicable(f"Only {total} gendered victim reference(s) in scenario and case-study text; the "
                                  f"share is computed from {minimum} (depiction.min_count).")
    gender, count = counts.most_common(1)[0]
    share = count / total
    detail = ", ".join(f"{name} {number}" for name, number in sorted(counts.items()))
    if share > maximum:
        pointer = places.most_common(1)[0][0]
        return ctx.review(f"{share:.0%} of {total} gendered references in scenarios and case studies are {gender} "
                          f"({detail}); depiction.max_single_gender_share = {maximum} ({term_title(term)}).", [ctx.finding(
                              pointer, f"{term_title(term)}: scenario and case-study language is {share:.0%} {gender} ({detail}); "
                              "a reviewer should check whether victims are shown as one gender only.",
                              effect="needs-review", severity="warning", evidence=detail, term="L21",
                              suggestion=f"Use instead: {term.use_instead}.")], severity="warning")
    return ctx.passed(f"No gender exceeds {maximum:.0%} of {total} gendered references in scenarios ({detail}).")


def dm02_diversity(ctx: CheckContext) -> Result:
    """Distribution of ``materials[].depicts`` (auto) and row L21 over scenario text (lexical); D13 minimum."""
    maximum = float(ctx.param("depiction.max_single_gender_share"))
    minimum = int(ctx.param("depiction.min_count"))
    depictions, language = _depiction_part(ctx, maximum, minimum), _language_part(ctx, maximum, minimum)
    if depictions.outcome == language.outcome == "not-applicable":
        return ctx.not_applicable(f"{depictions.reason} {language.reason}")
    return combine(depictions, language)


# --------------------------------------------------------------------------- DM-03

def dm03_entertainment(ctx: CheckContext) -> Result:
    """Row I15 over every text field: a film used as a model needs review; critical framing is a note."""
    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "entertainment")]
    return combine(findings_result(ctx, findings, _terms_wording("entertainment films used as models", ctx)),
                   concept_part(ctx, "entertainment", covered=findings, severity=ctx.rule.severity,
                                what="a film or drama used as a model of trafficking",
                                fix="Use survivor-informed material, or show the clip only to discuss what it gets "
                                    "wrong."))
