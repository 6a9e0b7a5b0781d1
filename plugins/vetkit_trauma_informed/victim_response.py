"""Checks of the trauma-informed plugin for the victim response and participant care:
TI-01 to TI-06 and TI-09 to TI-14 (vetting guidelines §2.1, §4.0, §4.6, §5.3, §8).

Structural parts read what the modules teach (topic evidence) and fields (activities, safeguards, consent); lexical parts are the
kit's parts: :func:`vetkit.kit.presence_part` and :func:`~vetkit.kit.coverage_part` for the "must
contain" and coverage sets (P-VC, P-TI, P-BEH, P-LANG) and :func:`~vetkit.kit.violation_part` for
the "must not contain" sets (N-COND, N-ARREST, N-LEVER, N-INTERP). Combined modes return the worst
part (:func:`vetkit.kit.combine`). What is particular to each criterion is the ``excuse`` a check
gives :func:`~vetkit.kit.violation_part`: a reason to doubt that a construction found in one
clause really teaches the harm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from vetkit.kit import (
    CheckContext,
    Result,
    activities_teaching,
    audience_roles,
    claim_findings,
    combine,
    concept_part,
    coverage_part,
    entry_ids,
    join_words,
    mentions,
    modules_showing,
    modules_teaching,
    pattern,
    phrase_set,
    phrases,
    presence_part,
    teaches,
    text_pointer,
    topic_part,
    violation_part,
    without_group,
)

#: Words that make help inclusive in the clause of a conditional construction ("every victim, including
#: the ones who agree to testify"): the condition may not exclude anyone, so TI-01 reviews instead of failing.
_INCLUSIVE = re.compile(r"\b(?:including|every|everyone|everybody|anyone|anybody|whether)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- TI-01 victim-centered

def ti01_victim_centered(ctx: CheckContext) -> Result:
    """`victim-centered` topic (auto); P-VC present and N-COND absent (lexical)."""
    pvc = phrase_set(ctx, "P-VC")
    shown = modules_showing(ctx.course, phrases(ctx, "P-VC"), min_groups=len(pvc.groups))
    modules = modules_teaching(ctx.course, "victim-centered", shown_in=shown)
    unconditional = without_group(pvc, "victim-centered")
    cooperation = phrase_set(ctx, "cooperation")

    def doubt(sentence: str, clause: str) -> str | None:
        if mentions(sentence, unconditional):
            return "the same sentence also says support does not depend on cooperation"
        if not mentions(clause, cooperation):
            return "its clause does not say that the condition is cooperating, testifying or giving a statement"
        if inclusive := _INCLUSIVE.search(clause):
            return f"its clause also says “{inclusive.group()}”, so the help may not exclude anyone"
        return None

    fix = ("Rewrite the sentence so that services, shelter and referrals are offered regardless of cooperation, or "
           "present the condition explicitly as a practice officers must avoid.")
    conditions = violation_part(ctx, "conditional-services", what="makes help conditional on cooperation",
                                severity=ctx.rule.severity, excuse=doubt, fix=fix)
    return combine(
        topic_part(ctx, "victim-centered", purpose="a victim-centered response", shown_in=shown),
        presence_part(ctx, "P-VC", where=text_pointer(modules), severity=ctx.rule.severity),
        conditions,
        concept_part(ctx, "conditions", covered=conditions.findings, severity=ctx.rule.severity,
                     what="help made conditional on cooperation", fix=fix))


# --------------------------------------------------------------------------- TI-02, TI-03 principles and behavior

def ti02_trauma_principles(ctx: CheckContext) -> Result:
    """`trauma-informed` topic; P-TI coverage per family ≥ trauma_principles.min (3 of the 4 Rs or 4 of SAMHSA's 6)."""
    minimums = ctx.param("trauma_principles.min")
    least = min(minimums.values()) if isinstance(minimums, Mapping) else int(minimums)
    shown = modules_showing(ctx.course, phrases(ctx, "P-TI"), min_groups=least)
    modules = modules_teaching(ctx.course, "trauma-informed", shown_in=shown)
    return combine(
        topic_part(ctx, "trauma-informed", purpose="a trauma-informed approach", shown_in=shown),
        coverage_part(ctx, "P-TI", minimums, where=text_pointer(modules),
                      parameter="trauma_principles.min"))


def ti03_victim_behavior(ctx: CheckContext) -> Result:
    """`victim-behavior` topic; P-BEH: at least behavior.min_signs of the trauma and control responses named."""
    minimum = int(ctx.param("behavior.min_signs"))
    shown = modules_showing(ctx.course, phrases(ctx, "P-BEH"), min_groups=minimum)
    modules = modules_teaching(ctx.course, "victim-behavior", shown_in=shown)
    return combine(
        topic_part(ctx, "victim-behavior", purpose="how trauma and trafficker control shape behavior", shown_in=shown),
        coverage_part(ctx, "P-BEH", minimum, where=text_pointer(modules),
                      parameter="behavior.min_signs"),
        concept_part(ctx, "blame", severity=ctx.rule.severity, what="victim-blaming or consent framing",
                     fix="Explain the behavior as a response to trauma and control, not as a choice the victim made."))


# --------------------------------------------------------------------------- TI-04 first contact and interviewing

def _on_subject(course, pointer: str, activity: Mapping, tag: str, modules_by_id: Mapping[str, str]) -> bool:
    """Whether the activity's own text, or its module's, teaches ``tag``."""
    return teaches(course, pointer, tag) or teaches(course, modules_by_id.get(activity.get("moduleId"), ""), tag)


def _why_no_practice(course, tag: str, practice_types: Sequence[str], modules_by_id: Mapping[str, str]) -> str:
    """Why no activity counts as practice: those of the right type are on another subject, and those on the subject
    are of another type (named), or there is no activity at all."""
    on_subject, of_type = [], []
    for pointer, activity in course.entries("activities"):
        named = f"{activity.get('id')} ({activity.get('type')})"
        if _on_subject(course, pointer, activity, tag, modules_by_id):
            on_subject.append(named)
        elif activity.get("type") in practice_types:
            of_type.append(named)
    said = []
    if of_type:
        said.append(f"{join_words(of_type)} {'is' if len(of_type) == 1 else 'are'} on another subject (neither "
                    "its own text nor its module's teaches it)")
    if on_subject:
        said.append(f"{join_words(on_subject)} {'is' if len(on_subject) == 1 else 'are'} on it, but only a "
                    f"{' or '.join(practice_types)} counts as practice (contact.practice_types)")
    return f": {'; '.join(said)}" if said else " (the course has no activities)"


def ti04_first_contact(ctx: CheckContext) -> Result:
    """Per role (§5.3): the `first-contact` or `interviewing` topic, and a role-play or scenario practising it."""
    course = ctx.course
    table: Mapping[str, Sequence[str]] = ctx.param("contact.role_topics")
    roles = audience_roles(course)
    needed: dict[str, list[str]] = {}
    for role in roles:
        for tag in table.get(role, ()):
            needed.setdefault(tag, []).append(role)
    if not needed:
        return ctx.not_applicable(f"None of the declared roles ({', '.join(roles) or 'none'}) needs first contact "
                                  "or interviewing in contact.role_topics.")
    escalated = sorted(set(roles) & set(ctx.param("contact.error_roles")))
    severity = "error" if escalated else None
    practice_types = list(ctx.param("contact.practice_types"))
    modules_by_id = {module.get("id"): pointer for pointer, module in course.entries("modules")}
    findings, met, parts = [], 0, 0
    summary = []
    for tag, who in needed.items():
        parts += 2
        modules = modules_teaching(course, tag)
        practice = [(pointer, activity) for pointer, activity in course.entries("activities")
                    if activity.get("type") in practice_types
                    and _on_subject(course, pointer, activity, tag, modules_by_id)]
        purpose = "trauma-informed first contact" if tag == "first-contact" else "trauma-informed interviewing"
        claims = claim_findings(ctx, tag, covered=bool(modules), severity=severity)
        if modules:
            met += 1
        elif not any(finding.effect == "fail" for finding in claims):
            findings.append(ctx.finding("/modules", f"No module teaches {purpose}, which the {join_words(who)} "
                                        f"role(s) need.", severity=severity,
                                        suggestion=f"Teach {purpose} in a module (and tag it `{tag}`)."))
        findings += claims
        if practice:
            met += 1
        else:
            findings.append(ctx.finding(
                "/activities", f"No {' or '.join(practice_types)} activity practises {purpose}"
                f"{_why_no_practice(course, tag, practice_types, modules_by_id)}.", severity=severity,
                evidence=", ".join(f"{a.get('id')} ({a.get('type')})" for _, a in course.entries("activities"))
                or "no activities",
                suggestion=f"Add a {practice_types[0]} on {purpose} to the module that teaches it, or turn an "
                           f"existing activity into one whose text has learners practise it."))
        taught = f"taught in {entry_ids(modules)}" if modules else "not taught"
        practised = f"practised in {entry_ids(practice)}" if practice else "not practised"
        summary.append(f"`{tag}` ({join_words(who)}): {taught}, {practised}")
    reason = "; ".join(summary)
    if met < parts:
        raised = f" (error for {', '.join(escalated)})" if escalated else ""
        return ctx.failed(f"{met} of {parts} parts in place{raised}: {reason}.", findings, score=met / parts,
                          severity=severity)
    return ctx.passed(f"{reason}.", findings)


# --------------------------------------------------------------------------- TI-05 non-criminalization, TI-06 leverage

def ti05_non_criminalization(ctx: CheckContext) -> Result:
    """`non-criminalization` topic (auto); N-ARREST absent (lexical)."""
    offenders = phrase_set(ctx, "offender-terms")

    def doubt(sentence: str, clause: str) -> str | None:
        if mentions(sentence, offenders):
            return "the sentence also names a trafficker, buyer or suspect, who may be the person arrested"
        return None

    fix = ("Remove the advice to arrest, charge or hold the person; say instead how to keep them safe without arrest "
           "(advocate, shelter, child welfare) and that arrest is never a way to help, protect or pressure a victim.")
    arrests = violation_part(ctx, "arrest-as-rescue", what="presents arrest or detention as a way to help or pressure "
                             "a victim", severity=ctx.rule.severity, excuse=doubt, fix=fix)
    return combine(
        topic_part(ctx, "non-criminalization", purpose="non-criminalization of victims"),
        arrests,
        concept_part(ctx, "arrest", covered=arrests.findings, severity=ctx.rule.severity,
                     what="arrest, detention or charging presented as protection", fix=fix))


def ti06_no_leverage(ctx: CheckContext) -> Result:
    """N-LEVER absent: immigration relief or services never presented as leverage. Softer words (incentive,
    reward) fail only next to cooperation or testimony; the words in leverage.unambiguous always do."""
    cooperation = phrase_set(ctx, "cooperation")
    plain = [pattern(source) for source in ctx.param("leverage.unambiguous")]

    def doubt(sentence: str, clause: str) -> str | None:
        if any(regex.search(clause) for regex in plain) or mentions(clause, cooperation):
            return None
        return ("its clause names an incentive or reward but neither leverage nor cooperation or testimony, so it "
                "may describe what the protection is for")

    fix = ("Present Continued Presence, T visa declarations and U visa certifications as protections requested early, "
           "never as leverage, incentives or rewards.")
    leverage = violation_part(ctx, "leverage", what="presents immigration relief as leverage",
                              severity=ctx.rule.severity, excuse=doubt, fix=fix)
    return combine(leverage, concept_part(ctx, "conditions", covered=leverage.findings, severity=ctx.rule.severity,
                                          what="immigration relief used as leverage", fix=fix))


# --------------------------------------------------------------------------- TI-09, TI-14 reviewer hints

def _defines(term: str, word: str) -> bool:
    """Whether a glossary headword is about ``word`` ("Victim", "Victim / survivor", "Trafficking victim",
    "Victim of trafficking"), not a compound such as "victim-centered" or "victim advocate"."""
    head = re.sub(r"\([^)]*\)|[\"“”]", " ", term.lower())
    for part in re.split(r"/|,|;|&|\bvs\.?|\bversus\b|\band\b|\bor\b", head):
        words = part.split()
        if not words:
            continue
        if words[-1] in (word, word + "s") or (words[0] in (word, word + "s") and words[1:2] == ["of"]):
            return True
    return False


def ti09_victim_survivor(ctx: CheckContext) -> Result:
    """Manual: attach a hint saying whether ``glossary[]`` defines both "victim" and "survivor"."""
    wanted = list(ctx.param("glossary.terms"))
    found: dict[str, list[str]] = {word: [] for word in wanted}
    for pointer, entry in ctx.course.entries("glossary"):
        for word in wanted:
            if _defines(str(entry.get("term", "")), word):
                found[word].append(pointer)
    present = [word for word in wanted if found[word]]
    missing = [word for word in wanted if not found[word]]
    if not missing:
        hints = [ctx.finding(found[word][0], f"Hint: the glossary defines “{word}” "
                             f"({ctx.course.get(found[word][0]).get('term')}).", effect="note",
                             evidence=str(ctx.course.get(found[word][0]).get("definition", "")))
                 for word in wanted]
        return ctx.review(f"The glossary defines {join_words([f'“{w}”' for w in wanted])}; a reviewer decides whether the "
                          "course explains the difference and respects how people name themselves.", hints)
    hint = ctx.finding("/glossary", f"Hint: the glossary does not define {join_words([f'“{w}”' for w in missing])}"
                       + (f" (it defines {join_words([f'“{w}”' for w in present])})" if present else "")
                       + "; the difference may still be explained in a module.", effect="note",
                       evidence=", ".join(str(entry.get("term")) for _, entry in ctx.course.entries("glossary"))
                       or "no glossary")
    return ctx.review(f"The glossary does not define {join_words([f'“{w}”' for w in missing])}; a reviewer decides "
                      "whether the course explains the difference elsewhere.", [hint])


def ti14_cultural_responsiveness(ctx: CheckContext) -> Result:
    """Manual: attach a hint listing the modules and activities whose text addresses cultural responsiveness."""
    tag = "cultural-responsiveness"
    modules = modules_teaching(ctx.course, tag)
    activities = activities_teaching(ctx.course, tag)
    hints = [ctx.finding(pointer, f"Hint: {kind} {entry.get('id')} “{entry.get('title', '')}” addresses "
                         "culture, history, gender or bias; start the review there.", effect="note",
                         evidence=str(entry.get("summary") or entry.get("title", "")))
             for kind, found in (("module", modules), ("activity", activities)) for pointer, entry in found]
    hints += [finding for finding in claim_findings(ctx, tag, covered=bool(modules)) if finding.effect == "note"]
    if modules or activities:
        return ctx.review(f"{len(modules)} module(s) and {len(activities)} activity(ies) address cultural, "
                          "historical and gender factors; a reviewer decides whether they do so well, including bias.",
                          hints)
    return ctx.review("No module or activity addresses culture and bias in its text; a reviewer decides whether the "
                      "course does anywhere.", [ctx.finding(
                          "/modules", "Hint: no module's text addresses cultural, historical and gender factors or "
                          "bias.", effect="note",
                          suggestion=f"If a module covers culture, history, gender and bias, say so in its text and "
                                     f"tag it `{tag}`; otherwise add that content."), *hints])


# --------------------------------------------------------------------------- TI-10 participant safeguards

def _advisory_part(ctx: CheckContext, safeguards: Mapping) -> tuple[bool, list]:
    course = ctx.course
    advance = set(ctx.param("safeguards.advance_placements"))
    advisories = list(safeguards.get("advisories") or ())
    if not advisories:
        return False, [ctx.finding("/safeguards/advisories", "No content advisory is given to participants.",
                                   suggestion="Add an advisory placed before-course (sent with the joining "
                                              "instructions) naming the difficult topics.")]
    referenced = {kind: {ref for _, obj in course.entries(kind) for ref in obj.get("advisoryIds", ())}
                  for kind in ("modules", "activities", "materials")}
    findings = []
    if not any(advisory.get("placement") in advance for advisory in advisories):
        findings.append(ctx.finding(
            "/safeguards/advisories/0/placement", f"No advisory is placed {' or '.join(sorted(advance))}: "
            "participants are warned only at the last moment.", evidence=", ".join(
                f"{a.get('id')}: {a.get('placement')}" for a in advisories),
            suggestion="Give at least one advisory before the course or before the module that needs it."))
    for index, advisory in enumerate(advisories):
        placement = advisory.get("placement")
        holder = {"before-module": ("modules",), "before-activity": ("activities", "materials")}.get(placement)
        if holder and not any(advisory.get("id") in referenced[kind] for kind in holder):
            what = "module" if placement == "before-module" else "activity or material"
            findings.append(ctx.finding(
                f"/safeguards/advisories/{index}", f"Advisory {advisory.get('id')} is placed {placement}, but no "
                f"{what} lists it in advisoryIds, so it is not tied to the content it warns about.",
                evidence=str(advisory.get("text") or advisory.get("id")),
                suggestion=f"Add {advisory.get('id')} to the advisoryIds of the {what} it warns about."))
    return not findings, findings


def ti10_safeguards(ctx: CheckContext) -> Result:
    """Advance advisories tied to their modules, opt-out, breaks, survivors acknowledged, support resources."""
    course = ctx.course
    safeguards = course.data.get("safeguards")
    if not isinstance(safeguards, Mapping):
        return ctx.failed("The course declares no participant safeguards.", [ctx.finding(
            "/safeguards", "No safeguards: no content advisory, opt-out, breaks, acknowledgment that survivors may "
            "be present, or support resources are declared.")])
    parts: dict[str, bool] = {}
    findings: list = []
    parts["advisories"], advisory_findings = _advisory_part(ctx, safeguards)
    findings += advisory_findings
    parts["optOut"] = bool(str(safeguards.get("optOut") or "").strip())
    if not parts["optOut"]:
        findings.append(ctx.finding("/safeguards/optOut", "No opt-out: participants are not told they may step out "
                                    "of difficult content without explaining why.",
                                    suggestion="Say in safeguards.optOut how anyone may leave or observe instead, "
                                               "without giving a reason and without losing credit."))
    parts["breaks"] = safeguards.get("breaks") is True
    if not parts["breaks"]:
        findings.append(ctx.finding("/safeguards/breaks", f"Breaks around difficult content are not scheduled "
                                    f"(breaks: {safeguards.get('breaks', 'absent')}).",
                                    suggestion="Schedule breaks around difficult content and set safeguards.breaks."))
    parts["acknowledgesSurvivorsPresent"] = safeguards.get("acknowledgesSurvivorsPresent") is True
    if not parts["acknowledgesSurvivorsPresent"]:
        findings.append(ctx.finding(
            "/safeguards/acknowledgesSurvivorsPresent", "The course does not acknowledge that survivors may be in the "
            f"room (acknowledgesSurvivorsPresent: {safeguards.get('acknowledgesSurvivorsPresent', 'absent')}).",
            suggestion="Acknowledge at the start that survivors may be present, and set "
                       "safeguards.acknowledgesSurvivorsPresent."))
    support = list(safeguards.get("participantSupport") or ())
    unresolved = [(index, ref) for index, ref in enumerate(support)
                  if (entry := course.by_id(ref)) is None or entry.kind != "resource"]
    parts["participantSupport"] = bool(support) and not unresolved
    if not support:
        findings.append(ctx.finding("/safeguards/participantSupport", "No support resources are offered to "
                                    "participants.", suggestion="List wellness resources (EAP, peer support) in "
                                    "resources[] and reference their ids in safeguards.participantSupport."))
    for index, ref in unresolved:
        findings.append(ctx.finding(f"/safeguards/participantSupport/{index}", f"Support id `{ref}` does not name "
                                    "an entry of resources[].", evidence=ref,
                                    suggestion=f"Add a resource with id `{ref}` or correct the reference."))
    met = [name for name, ok in parts.items() if ok]
    missing = [name for name, ok in parts.items() if not ok]
    if missing:
        return ctx.failed(f"{len(met)} of {len(parts)} participant safeguards in place; missing or incomplete: "
                          f"{', '.join(missing)}.", findings, score=len(met) / len(parts))
    return ctx.passed(f"All {len(parts)} participant safeguards in place ({len(safeguards['advisories'])} "
                      f"advisory(ies), opt-out, breaks, survivors acknowledged, {len(support)} support resource(s)).")


# --------------------------------------------------------------------------- TI-11 vicarious trauma

def ti11_vicarious_trauma(ctx: CheckContext) -> Result:
    """`vicarious-trauma` topic and at least one ``resources[type=wellness]``."""
    course = ctx.course
    findings = []
    modules = modules_teaching(course, "vicarious-trauma")
    wellness = [resource for _, resource in course.entries("resources") if resource.get("type") == "wellness"]
    claims = claim_findings(ctx, "vicarious-trauma", covered=bool(modules))
    if not modules and not any(finding.effect == "fail" for finding in claims):
        findings.append(ctx.finding("/modules", "No module teaches vicarious trauma, burnout and wellness.",
                                    suggestion="Teach vicarious trauma, burnout and wellness (organizational as "
                                               "well as individual strategies) and tag the module `vicarious-trauma`."))
    findings += claims
    if not wellness:
        types = sorted({str(r.get("type")) for _, r in course.entries("resources")})
        findings.append(ctx.finding("/resources", "No wellness resource (EAP, peer support, OVC Vicarious Trauma "
                                    "Toolkit) is listed.", evidence=f"resource types: {', '.join(types) or 'none'}",
                                    suggestion="Add resources[] entries of type wellness, e.g. the agency EAP, the "
                                               "peer support team and the OVC Vicarious Trauma Toolkit."))
    taught = f"taught in {entry_ids(modules)}" if modules else "no module teaches vicarious trauma"
    listed = f"{len(wellness)} wellness resource(s) ({', '.join(str(r.get('name')) for r in wellness)})" if wellness \
        else "no wellness resource"
    if not (modules and wellness):
        return ctx.failed(f"{taught}; {listed}.", findings, score=(bool(modules) + bool(wellness)) / 2)
    return ctx.passed(f"Vicarious trauma {taught}; {listed}.", findings)


# --------------------------------------------------------------------------- TI-12 consent and privacy

def _involves_minors(course, pointer: str, activity: Mapping) -> bool:
    """Whether an activity declares `minors` or its text speaks of minors (as a topic or as the people shown)."""
    return ("minors" in activity.get("tags", ()) or teaches(course, pointer, "minors")
            or teaches(course, pointer, "minors", "populations"))


def ti12_consent(ctx: CheckContext) -> Result:
    """``consent`` on case studies, scenarios, videos and media; no identifiable minor (documented consent)."""
    course = ctx.course
    activity_types = set(ctx.param("consent.activity_types"))
    material_types = set(ctx.param("consent.material_types"))
    minor_tags = list(ctx.param("consent.minor_depictions"))
    checked = [("activities", pointer, obj) for pointer, obj in course.entries("activities")
               if obj.get("type") in activity_types]
    checked += [("materials", pointer, obj) for pointer, obj in course.entries("materials")
                if obj.get("type") in material_types]
    if not checked:
        return ctx.not_applicable(f"No activity of type {', '.join(sorted(activity_types))} and no material of type "
                                  f"{', '.join(sorted(material_types))}.")
    missing, minors, reviews = [], [], []
    for kind, pointer, obj in checked:
        label = f"{obj.get('type')} {obj.get('id')} “{obj.get('title', '')}”"
        consent = obj.get("consent")
        if not consent:
            missing.append(ctx.finding(
                f"{pointer}/consent", f"The {label} declares no consent basis.", evidence=str(obj.get("title", "")),
                suggestion="Set consent: fictional, de-identified or documented"
                           + (" (or stock for stock media)." if kind == "materials" else ".")))
            continue
        if consent != "documented":
            continue
        depicts = list(obj.get("depicts", ())) if kind == "materials" else []
        tag = next((tag for tag in minor_tags if tag in depicts), None)
        if tag is not None:
            minors.append(ctx.finding(
                f"{pointer}/depicts/{depicts.index(tag)}", f"Identifiable minor: the {label} shows a real person "
                f"(consent: documented) and declares `{tag}`.", severity="error", evidence=str(obj.get("title")),
                suggestion="Replace it with fictional or stock media, or de-identify it; never show a real, "
                           "identifiable minor."))
        if kind == "activities" and _involves_minors(ctx.course, pointer, obj):
            reviews.append(ctx.finding(
                f"{pointer}/consent", f"The {label} is a real case used with documented consent and involves "
                "minors; a reviewer should make sure no minor can be identified.", effect="needs-review",
                evidence=str(obj.get("title", "")),
                suggestion="De-identify the case (consent: de-identified) or confirm that no minor can be identified."))
    with_consent = sum(1 for _, _, obj in checked if obj.get("consent"))
    share = f"{with_consent} of {len(checked)} case studies, scenarios, videos and media declare consent"
    findings = minors + missing + reviews
    if minors or missing:
        extra = f"; {len(minors)} identifiable minor(s)" if minors else ""
        return ctx.failed(f"{share}{extra}.", findings, score=(with_consent - len(minors)) / len(checked),
                          severity="error" if minors else None)
    if reviews:
        return ctx.review(f"{share}; {len(reviews)} real case(s) involving minors to check.", findings)
    return ctx.passed(f"{share}; no identifiable minor.")


# --------------------------------------------------------------------------- TI-13 interpreters

def ti13_interpreters(ctx: CheckContext) -> Result:
    """`interpreters` topic (auto); P-LANG present; N-INTERP absent (an own-voice hit fails at error)."""
    modules = modules_teaching(ctx.course, "interpreters")
    qualified = phrase_set(ctx, "P-LANG")

    def doubt(sentence: str, clause: str) -> str | None:
        if mentions(sentence, qualified):
            return "the same sentence also calls for a qualified or neutral interpreter"
        return None

    fix = ("Tell officers to use a qualified, neutral interpreter (the language line or a vetted interpreter) and never "
           "the companion, a relative, a child, the employer or another victim.")
    interpreters = violation_part(ctx, "interpreter-practice", what="tells officers to use a compromised interpreter",
                                  severity="error", excuse=doubt, fix=fix)
    return combine(
        topic_part(ctx, "interpreters", purpose="language access with qualified interpreters"),
        presence_part(ctx, "P-LANG", where=text_pointer(modules)),
        interpreters,
        concept_part(ctx, "interpreters", covered=interpreters.findings, severity="error",
                     what="an interpreter who may be tied to the exploiter", fix=fix))
