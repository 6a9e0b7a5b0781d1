"""Checks of the program plugin: development (DV), delivery and media (DM-04 to DM-06), evaluation (EV).

Each check reads the fields the vetting guidelines name (§2.6-§2.8), its thresholds from
``ctx.params`` (§3 keys) and its word lists and role tables from ``data/*.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any, Iterable, Mapping

from vetkit.kit import CheckContext, Result, as_date, read_table

# --------------------------------------------------------------------------- shared helpers

def _table(name: str) -> Mapping[str, Any]:
    """A data table of this plugin (``data/<name>.yaml``), read once."""
    return read_table(__package__, name)


def _as_list(value: Any) -> list:
    """A parameter that may be given as one value or as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, (str, int, float)) else list(value)


def _listing(values: Iterable[Any]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [str(value) for value in values]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _flag(value: Any) -> str:
    return "true" if value is True else "false" if value is False else "not set" if value is None else str(value)


def _quoted_flag(key: str, value: Any) -> str:
    """``key: value`` as evidence, or nothing when the course does not set the key (there is nothing to quote)."""
    return "" if value is None else f"{key}: {_flag(value)}"


@lru_cache(maxsize=None)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """Whole words or phrases, case-insensitive, plural and simple inflections allowed."""
    alternatives = sorted((r"[\s-]+".join(map(re.escape, word.split())) for word in words), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")(?:s|es|ed|ing)?\b", re.IGNORECASE)


def _mentions(text: str, words: Iterable[str]) -> bool:
    return bool(_pattern(tuple(words)).search(text))


def _score(failed: int, total: int) -> float:
    return 1.0 if total <= 0 else round(max(0.0, 1.0 - failed / total), 4)


def _mean(scores: list[float]) -> float:
    return round(sum(scores) / len(scores), 4)


def _failures(findings: Iterable[Any]) -> int:
    return sum(1 for finding in findings if finding.effect == "fail")


def _label(entry: Mapping[str, Any], key: str = "title") -> str:
    """How a finding names an object: its id and, when there is one, its title or name."""
    name = entry.get(key) or entry.get("name")
    return f"{entry.get('id')} ({name})" if name else str(entry.get("id"))


# --------------------------------------------------------------------------- DV: development

def dv01_sme_disciplines(ctx: CheckContext) -> Result:
    """DV-01: enough subject-matter-expert disciplines, including every required one."""
    minimum = ctx.param("sme.min_disciplines")
    required = _as_list(ctx.param("sme.required"))
    where = "/development/smeDisciplines"
    development = ctx.course.data.get("development")
    if not development:
        return ctx.failed(
            f"The course has no development record, so no subject-matter-expert discipline is shown "
            f"(sme.min_disciplines = {minimum}, sme.required = {_listing(required) or 'none'}).",
            [ctx.finding(where, "No `development.smeDisciplines` says which disciplines developed or reviewed "
                                "the course.")])
    disciplines = list(dict.fromkeys(development.get("smeDisciplines", ())))
    missing = [discipline for discipline in required if discipline not in disciplines]
    evidence = ", ".join(disciplines) or "(empty list)"
    findings = []
    if len(disciplines) < minimum:
        findings.append(ctx.finding(
            where, f"{len(disciplines)} discipline(s) developed or reviewed the course; at least {minimum} are "
                   f"expected (sme.min_disciplines = {minimum}).", evidence=evidence,
            suggestion="Have experts from further disciplines (e.g. prosecution, victim services, immigration "
                       "or legal, mental health) review the course and list them in development.smeDisciplines."))
    for discipline in missing:
        findings.append(ctx.finding(
            where, f"No `{discipline}` expert is listed among the course's subject-matter experts "
                   f"(sme.required).", evidence=evidence,
            suggestion=f"Have a {discipline} expert review the course, then add `{discipline}` to "
                       f"development.smeDisciplines."))
    total = minimum + len(required)
    score = round((min(len(disciplines), minimum) + len(required) - len(missing)) / total, 4) if total else 1.0
    counted = f"{len(disciplines)} SME discipline(s) ({evidence}) against sme.min_disciplines = {minimum}"
    if not findings:
        return ctx.passed(f"{counted}, including {_listing(required) or 'no required discipline'}.")
    lacking = f"; {_listing(missing)} missing" if missing else ""
    return ctx.failed(f"{counted}{lacking}.", findings, score=score)


def dv02_survivor_involvement(ctx: CheckContext) -> Result:
    """DV-02: survivors took part in at least one stage, were paid and were not made to tell their story."""
    min_stages = ctx.param("survivor.min_stages")
    require_paid = ctx.param("survivor.require_compensated")
    forbid_story = ctx.param("survivor.forbid_story_required")
    where = "/development/survivorInvolvement"
    involvement = (ctx.course.data.get("development") or {}).get("survivorInvolvement")
    if not involvement:
        return ctx.failed(
            f"No `development.survivorInvolvement` shows survivors taking part in the course "
            f"(survivor.min_stages = {min_stages}).",
            [ctx.finding(where, "The course does not record whether survivors took part in its design, review, "
                                "delivery or evaluation.",
                         suggestion="Engage survivor experts (paid, never required to tell their own story) and "
                                    "record development.survivorInvolvement with stages, compensated and "
                                    "storyRequired.")])
    stages = list(involvement.get("stages", ()))
    findings, checks = [], 1
    if len(stages) < min_stages:
        findings.append(ctx.finding(
            f"{where}/stages", f"Survivors took part in {len(stages)} stage(s); at least {min_stages} expected "
                               f"(survivor.min_stages = {min_stages}).", evidence=", ".join(stages) or "(none)",
            suggestion="Involve survivor experts in design, review, delivery or evaluation and list the stages."))
    if require_paid:
        checks += 1
        if involvement.get("compensated") is not True:
            findings.append(ctx.finding(
                f"{where}/compensated", "Survivor contributors are not recorded as paid for their expertise "
                                        "(survivor.require_compensated = true).",
                evidence=_quoted_flag("compensated", involvement.get("compensated")),
                suggestion="Pay survivor experts at the rate of other subject-matter experts and record "
                           "`compensated: true`."))
    if forbid_story:
        checks += 1
        if involvement.get("storyRequired") is not False:
            findings.append(ctx.finding(
                f"{where}/storyRequired", "Survivors are required to retell their own story, or the course does "
                                          "not say that they are not (survivor.forbid_story_required = true).",
                evidence=_quoted_flag("storyRequired", involvement.get("storyRequired")),
                suggestion="Let survivor experts contribute expertise without telling their story, and record "
                           "`storyRequired: false`."))
    question = ctx.finding(
        where, "For the reviewer: do the survivor contributors include survivors of both sex and labor "
               "trafficking and reflect the course's audience? The course document cannot show this.",
        effect="note", evidence=f"stages: {', '.join(stages) or '(none)'}")
    stated = (f"survivors in {len(stages)} stage(s) ({', '.join(stages) or 'none'}), compensated: "
              f"{_flag(involvement.get('compensated'))}, storyRequired: {_flag(involvement.get('storyRequired'))}")
    if not findings:
        return ctx.passed(f"Survivor involvement meets survivor.min_stages = {min_stages}: {stated}.", [question])
    return ctx.failed(f"Survivor involvement falls short ({stated}; survivor.min_stages = {min_stages}).",
                      [*findings, question], score=_score(len(findings), checks))


def _scaled_delivery(data: Mapping[str, Any], table: Mapping[str, Any]) -> str | None:
    """Why the course counts as scaled delivery (a phrase), or None."""
    scaled = table["scaled_delivery"]
    modes = [mode for mode in data["delivery"]["modes"] if mode in scaled["modes"]]
    if modes:
        return f"{_listing(modes)} delivery"
    roles = [role for role in data["audience"]["roles"] if role in scaled["audience_roles"]]
    if roles:
        return f"a course for {_listing(roles)} audiences"
    leads = [i for i in data.get("instructors", ()) if i.get("role") == "lead"]
    if len(leads) > scaled["max_leads"]:
        return f"{len(leads)} lead instructors"
    return None


def dv03_instructors(ctx: CheckContext) -> Result:
    """DV-03: instructors show casework, trauma-informed training and current qualifications; a guide for scale."""
    min_years = ctx.param("instructor.min_ht_years")
    require_ti = ctx.param("instructor.require_trauma_informed")
    roles = _table("instructors")
    data = ctx.course.data
    modes = list(data["delivery"]["modes"])
    instructors = list(ctx.course.entries("instructors"))
    findings, gaps, checks = [], [], 0
    rotating = set(roles["rotating_delivery_modes"])
    if not instructors and set(modes) != {"self-paced"} and set(modes) <= rotating | {"self-paced"}:
        findings.append(ctx.finding(
            "/instructors", f"No instructors are listed for {_listing(modes)} delivery, which is usually led by "
                            "whichever supervisor is on shift; a reviewer should confirm who delivers it and how "
                            "they are prepared.", effect="needs-review",
            suggestion="List the delivering role (e.g. shift sergeants) as an instructor with its trafficking "
                       "experience and trauma-informed training, or describe their preparation in the "
                       "instructor guide."))
    elif not instructors and set(modes) != {"self-paced"}:
        checks += 1
        gaps.append("no instructors listed")
        findings.append(ctx.finding(
            "/instructors", f"No instructors are listed for {_listing(modes)} delivery, so their trafficking "
                            f"experience and trauma-informed training cannot be checked.",
            suggestion="List each instructor with role, disciplines, htExperienceYears, traumaInformedTrained "
                       "and qualifications (with validUntil)."))
    for pointer, instructor in instructors:
        checked, found, missed = _instructor(ctx, pointer, instructor, roles, min_years, require_ti)
        checks += checked
        findings.extend(found)
        gaps.extend(missed)
    scaled = _scaled_delivery(data, roles)
    guide = (data.get("development") or {}).get("instructorGuide")
    if scaled:
        checks += 1
        if guide is not True:
            gaps.append(f"no instructor guide for {scaled}")
            findings.append(ctx.finding(
                "/development/instructorGuide", f"The course is delivered at scale ({scaled}) but no instructor "
                                                f"guide or train-the-trainer is recorded.",
                evidence=_quoted_flag("instructorGuide", guide),
                suggestion="Write an instructor guide (or train-the-trainer) so every delivery teaches the same "
                           "content the same way, and record `development.instructorGuide: true`."))
    elif guide is not True:
        findings.append(ctx.finding(
            "/development/instructorGuide", "No instructor guide is recorded; it is not required for a single "
                                            "delivery team but helps when the course is handed on.",
            effect="note", evidence=_quoted_flag("instructorGuide", guide)))
    thresholds = (f"instructor.min_ht_years = {min_years}, instructor.require_trauma_informed = "
                  f"{_flag(require_ti)}, as of {ctx.as_of.isoformat()}")
    if not gaps:
        guide_note = f"; an instructor guide exists for {scaled}" if scaled else ""
        if any(finding.effect == "needs-review" for finding in findings):
            return ctx.review(f"No instructors listed for {_listing(modes)} delivery ({thresholds}){guide_note}.",
                              findings)
        scope = (f"Qualifications of {len(instructors)} instructor(s) are documented and current" if instructors
                 else "Self-paced only, so no instructors are needed")
        return ctx.passed(f"{scope} ({thresholds}){guide_note}.", findings)
    return ctx.failed(f"{len(gaps)} of {checks} instructor checks fail ({thresholds}): {'; '.join(gaps)}.",
                      findings, score=_score(len(gaps), checks))


def _instructor(ctx: CheckContext, pointer: str, instructor: Mapping[str, Any], roles: Mapping[str, Any],
                min_years: float, require_ti: bool) -> tuple[int, list, list[str]]:
    """DV-03 for one instructor: (checks made, findings, short names of the gaps)."""
    who, role = _label(instructor, "name"), instructor["role"]
    checks, findings, gaps = 0, [], []
    if role in roles["experience_roles"]:
        checks += 1
        years = instructor.get("htExperienceYears")
        if years is None:
            gaps.append(f"{instructor['id']} experience not stated")
            findings.append(ctx.finding(
                f"{pointer}/htExperienceYears", f"Instructor {who}, {role}, does not state years of trafficking "
                                                f"experience (instructor.min_ht_years = {min_years}).",
                suggestion="Record htExperienceYears for every lead and co-facilitator."))
        elif years < min_years:
            gaps.append(f"{instructor['id']} has {years:g} year(s) of experience")
            findings.append(ctx.finding(
                f"{pointer}/htExperienceYears", f"Instructor {who}, {role}, has {years:g} year(s) of trafficking "
                                                f"experience; {min_years} expected (instructor.min_ht_years).",
                evidence=f"htExperienceYears: {years:g}",
                suggestion="Pair this instructor with an experienced co-facilitator or assign an instructor "
                           "with trafficking casework."))
    if require_ti and role in roles["trauma_informed_roles"]:
        checks += 1
        trained = instructor.get("traumaInformedTrained")
        if trained is not True:
            state = "is recorded as not" if trained is False else "is not recorded as"
            gaps.append(f"{instructor['id']} not shown trauma-informed trained")
            findings.append(ctx.finding(
                f"{pointer}/traumaInformedTrained", f"Instructor {who}, {role}, {state} trained in "
                                                    f"trauma-informed practice "
                                                    f"(instructor.require_trauma_informed = true).",
                evidence=_quoted_flag("traumaInformedTrained", trained),
                suggestion="Have the instructor complete trauma-informed facilitation training and record "
                           "`traumaInformedTrained: true`."))
    for index, qualification in enumerate(instructor.get("qualifications", ())):
        if "validUntil" not in qualification:
            continue
        checks += 1
        until = as_date(qualification["validUntil"])
        here, name = f"{pointer}/qualifications/{index}/validUntil", qualification["name"]
        if until is None:
            gaps.append(f"{instructor['id']} qualification undated")
            findings.append(ctx.finding(here, f"Qualification \"{name}\" of instructor {who} has no valid "
                                              f"expiry date.", evidence=str(qualification["validUntil"])))
        elif until < ctx.as_of:
            gaps.append(f"{instructor['id']} qualification \"{name}\" expired {until.isoformat()}")
            findings.append(ctx.finding(
                here, f"Qualification \"{name}\" of instructor {who} expired on {until.isoformat()} "
                      f"(checked as of {ctx.as_of.isoformat()}).", evidence=f"validUntil: {until.isoformat()}",
                suggestion="Renew the qualification or record its current replacement with a new validUntil."))
    return checks, findings, gaps


def dv04_provenance(ctx: CheckContext) -> Result:
    """DV-04: developer, funders, a review date and references are disclosed; conflicts go to the reviewer."""
    data = ctx.course.data
    provider = data.get("provider") or {}
    findings = []
    if not provider.get("name"):
        findings.append(ctx.finding("/provider/name", "The course does not name the organization that owns it."))
    if "funding" not in data:
        findings.append(ctx.finding(
            "/funding", "Funding is not disclosed; `funding: []` would say that there was no outside funder.",
            suggestion="List every funder (source and award number) in `funding`, or `funding: []` if none."))
    if not data.get("references"):
        findings.append(ctx.finding("/references", "The course lists no references for what it teaches.",
                                    suggestion="Add the statutes, research and manuals the course relies on to "
                                               "`references`."))
    reviewed = as_date((data.get("lifecycle") or {}).get("lastReviewed"))
    if reviewed is None:
        findings.append(ctx.finding("/lifecycle/lastReviewed", "The course does not give the date its content "
                                                               "was last reviewed.",
                                    suggestion="Record `lifecycle.lastReviewed` (and the owner) in `lifecycle`."))
    kind = f" ({provider['type']})" if provider.get("type") else ""
    funders = ", ".join(f["source"] for f in data.get("funding", ())) or "none listed"
    findings.append(ctx.finding(
        "/provider", f"For the reviewer: does the course state the developer's{kind} and funders' conflicts of "
                     f"interest or advocacy positions where they bear on its claims?",
        effect="note", evidence=f"provider: {provider.get('name', '?')}; funders: {funders}"))
    failed = _failures(findings)
    if not failed:
        return ctx.passed(f"Provider, funding ({funders}), {len(data['references'])} reference(s) and a review "
                          f"date ({reviewed.isoformat()}) are disclosed.", findings)
    missing = [f.pointer.split("/")[-1] for f in findings if f.effect == "fail"]
    return ctx.failed(f"Provenance is incomplete: {_listing(missing)} missing.", findings,
                      score=_score(failed, 4))


def dv05_pilot_tested(ctx: CheckContext) -> Result:
    """DV-05: the course was pilot- or field-tested."""
    tested = (ctx.course.data.get("development") or {}).get("pilotTested")
    if tested is True:
        return ctx.passed("The course was pilot-tested (development.pilotTested = true).")
    state = "is recorded as not" if tested is False else "is not recorded as"
    return ctx.failed(
        f"The course {state} pilot- or field-tested with its target audience.",
        [ctx.finding("/development/pilotTested", f"The course {state} pilot-tested.",
                     evidence=_quoted_flag("pilotTested", tested))])


def dv06_accreditation(ctx: CheckContext) -> Result:
    """DV-06: a current accreditation or approval (unexpired validUntil on the scoring date)."""
    statuses = _table("approvals")
    data = ctx.course.data
    as_of = ctx.as_of.isoformat()
    current: list[str] = []
    problems: list[tuple[str, str, str, str | None]] = []   # pointer, message, evidence, fixed effect
    for index, entry in enumerate((data.get("development") or {}).get("accreditation", ())):
        _validity(f"/development/accreditation/{index}", entry, "Accreditation", ctx.as_of, current, problems)
    for index, entry in enumerate((data.get("lifecycle") or {}).get("approvals", ())):
        pointer, status = f"/lifecycle/approvals/{index}", entry["status"]
        if status in statuses["current"]:
            _validity(pointer, entry, "Approval", ctx.as_of, current, problems)
        elif status in statuses["lapsed"]:
            until = f", valid until {entry['validUntil']}" if entry.get("validUntil") else ""
            problems.append((f"{pointer}/status", f"Approval by {entry['authority']} is {status}{until}.",
                             f"{entry['authority']}: {status}{until}", None))
        else:
            problems.append((f"{pointer}/status",
                             f"Approval by {entry['authority']} is {status}; no credit until it is granted.",
                             f"{entry['authority']}: {status}", "note"))
    effect = "note" if current else "fail"
    findings = [ctx.finding(pointer, message, effect=fixed or effect, evidence=evidence)
                for pointer, message, evidence, fixed in problems]
    if current:
        return ctx.passed(f"Current as of {as_of}: {_listing(current)}.", findings)
    if not _failures(findings):
        findings.append(ctx.finding(
            "/development/accreditation", "No granted accreditation (development.accreditation) or approval "
                                          "(lifecycle.approvals) is recorded.",
            suggestion="Seek state POST or IADLEST NCP certification where it applies and record it with its "
                       "number and validUntil."))
    if not problems:
        return ctx.failed(f"No accreditation or approval is recorded (checked as of {as_of}).", findings)
    return ctx.failed(f"None of the {len(problems)} accreditation(s) or approval(s) is current as of {as_of}: "
                      f"{'; '.join(evidence for _, _, evidence, _ in problems)}.", findings)


def _validity(pointer: str, entry: Mapping[str, Any], kind: str, as_of: dt.date, current: list,
              problems: list) -> None:
    """Sort one accreditation or granted approval into current or problems by its validUntil."""
    until = as_date(entry.get("validUntil"))
    name = entry["authority"] + (f" no. {entry['number']}" if entry.get("number") else "")
    if until is None:
        problems.append((f"{pointer}/validUntil", f"{kind} by {name} gives no valid expiry date, so it cannot be "
                                                  f"confirmed as current.", f"{name}: no validUntil", None))
    elif until < as_of:
        problems.append((f"{pointer}/validUntil", f"{kind} by {name} expired on {until.isoformat()}.",
                         f"{name}: expired {until.isoformat()}", None))
    else:
        current.append(f"{name} (until {until.isoformat()})")


# --------------------------------------------------------------------------- DM: delivery and media

def dm04_accessibility(ctx: CheckContext) -> Result:
    """DM-04: every video and audio material has captions or a transcript; languages and 508 are noted."""
    tables = _table("delivery")
    data = ctx.course.data
    media = [(p, m) for p, m in ctx.course.entries("materials") if m["type"] in tables["media_types"]]
    findings = []
    for pointer, material in media:
        access = material.get("accessibility") or {}
        if not (access.get("captions") is True or access.get("transcript") is True
                or (material.get("transcript") or "").strip()):
            findings.append(ctx.finding(
                f"{pointer}/accessibility", f"{material['type'].capitalize()} {_label(material)} has neither "
                                            f"captions nor a transcript.",
                evidence=(f"captions: {_flag(access.get('captions'))}, "
                          f"transcript: {_flag(access.get('transcript'))}"),
                suggestion="Caption the recording (or add a transcript) and record accessibility.captions or "
                           "accessibility.transcript, or put the transcript text in `transcript`."))
    if not any(m["type"] == "video" for _, m in media):
        for pointer, activity in ctx.course.entries("activities"):
            if activity["type"] == "video":
                findings.append(ctx.finding(
                    f"{pointer}/type", f"Video activity {_label(activity)} uses a video that is not listed in "
                                       f"`materials`, so its captions or transcript cannot be confirmed.",
                    suggestion="List the video in `materials` (type video) with its captions or transcript."))
    languages = list(data.get("availableLanguages", ()))
    base = data.get("language", "en")
    findings.append(ctx.finding(
        "/availableLanguages",
        f"Available in {_listing(dict.fromkeys([base, *languages]))}." if languages else
        f"Available only in the course language ({base}); consider translations or interpretation for "
        f"learners with limited English proficiency.", effect="note",
        evidence=", ".join(languages) or f"language: {base}"))
    findings.append(ctx.finding(
        "/materials", "For the reviewer: do the slides, documents, videos and any online platform conform to "
                      "Section 508 (e.g. tagged documents, alt text, keyboard access, contrast)? The course "
                      "document cannot show this.", effect="note"))
    failed = _failures(findings)
    if not media and not failed:
        return ctx.passed("No video or audio materials are listed, so no captions or transcripts are needed.",
                          findings)
    if not failed:
        return ctx.passed(f"All {len(media)} video/audio material(s) have captions or a transcript.", findings)
    return ctx.failed(f"{failed} video/audio item(s) lack documented captions or a transcript "
                      f"({len(media)} listed in materials).", findings,
                      score=_score(failed, max(len(media), failed)))


def dm05_interactive_methods(ctx: CheckContext) -> Result:
    """DM-05: enough interactive activity time; short modules for roll-call delivery."""
    min_share = ctx.param("interactive.min_share")
    max_minutes = ctx.param("roll_call.max_module_minutes")
    passive = _table("delivery")["non_interactive_activity_types"]
    data = ctx.course.data
    activities = list(ctx.course.entries("activities"))
    total = sum(a["minutes"] for _, a in activities)
    interactive = sum(a["minutes"] for _, a in activities if a["type"] not in passive)
    findings, scores, reasons = [], [], []
    if total <= 0:
        findings.append(ctx.finding(
            "/activities", "No activities with minutes are listed, so the share of interactive learning cannot "
                           f"be computed (interactive.min_share = {min_share:g}).",
            suggestion="List the course's activities (discussions, scenarios, exercises...) with their minutes."))
        scores.append(0.0)
        reasons.append("no activity minutes are listed")
    else:
        share = interactive / total
        scores.append(min(1.0, share / min_share) if min_share else 1.0)
        reasons.append(f"interactive activities take {interactive} of {total} activity minutes ({share:.2f}; "
                       f"interactive.min_share = {min_share:g})")
        if share < min_share:
            findings.append(ctx.finding(
                "/activities", f"Only {interactive} of {total} activity minutes ({share:.0%}) are interactive; at "
                               f"least {min_share:.0%} expected (interactive.min_share).",
                evidence=", ".join(f"{a['id']}: {a['type']} {a['minutes']} min" for _, a in activities),
                suggestion="Turn lecture, video or reading time into discussion, scenarios, case studies or "
                           "practical exercises."))
        module_minutes = sum(m["minutes"] for _, m in ctx.course.entries("modules"))
        if share >= min_share and module_minutes > total and interactive / module_minutes < min_share:
            findings.append(ctx.finding(
                "/activities", f"Activities cover {total} of {module_minutes} module minutes; counted against all "
                               f"module time, interactive work is {interactive / module_minutes:.0%}.",
                effect="note"))
    modes = list(data["delivery"]["modes"])
    if "roll-call" in modes:
        roll_call_only = set(modes) == {"roll-call"}
        long = [(p, m) for p, m in ctx.course.entries("modules") if m["minutes"] > max_minutes]
        for pointer, module in long:
            findings.append(ctx.finding(
                f"{pointer}/minutes", f"Module {_label(module)} runs {module['minutes']} minutes, longer than a "
                                      f"roll-call segment (roll_call.max_module_minutes = {max_minutes})"
                                      + ("." if roll_call_only else "; check whether it is taught at roll call."),
                effect="fail" if roll_call_only else "note", evidence=f"minutes: {module['minutes']}",
                suggestion=f"Split the module into segments of at most {max_minutes} minutes."))
        if roll_call_only:
            count = len(data["modules"])
            scores.append(1.0 - len(long) / count)
            reasons.append(f"{count - len(long)} of {count} modules fit roll call "
                           f"(roll_call.max_module_minutes = {max_minutes})")
    reason = "; ".join(reasons)
    reason = reason[0].upper() + reason[1:] + "."
    if not _failures(findings):
        return ctx.passed(reason, findings)
    return ctx.failed(reason, findings, score=_mean(scores))


def dm06_job_aids(ctx: CheckContext) -> Result:
    """DM-06: at least one job aid; the recommended kinds that none of them covers are noted."""
    tables = _table("delivery")
    materials = list(ctx.course.entries("materials"))
    aids = [(p, m) for p, m in materials if m["type"] == "job-aid"]
    lookalikes = [(p, m) for p, m in materials if m["type"] in tables["job_aid_lookalike_types"]]

    def about(material: Mapping[str, Any]) -> str:
        return f"{material['title']} {material.get('description', '')}"

    findings, missing = [], []
    for kind in tables["job_aid_kinds"]:
        if any(_mentions(about(m), kind["words"]) for _, m in aids):
            continue
        missing.append(kind["kind"])
        similar = [(p, m) for p, m in lookalikes if _mentions(about(m), kind["words"])]
        if similar:
            pointer, material = similar[0]
            findings.append(ctx.finding(
                f"{pointer}/type", f"{material['type'].capitalize()} {_label(material)} looks like "
                                   f"{kind['label']}; if officers carry it, type it `job-aid`.",
                effect="note", evidence=material["title"]))
        else:
            findings.append(ctx.finding(
                "/materials", f"No job aid is titled or described as {kind['label']} (recommended).",
                effect="note", suggestion=f"Consider adding {kind['label']} as a `job-aid` material."))
    names = ", ".join(_label(m) for _, m in aids)
    not_covered = f"; no {_listing(missing)}" if missing else ""
    if aids:
        return ctx.passed(f"{len(aids)} job aid(s): {names}{not_covered}.", findings)
    return ctx.failed(
        "No material of type `job-aid` is listed.",
        [ctx.finding("/materials", "The course provides no job aid (pocket card, referral list, report or "
                                   "interpreter checklist) for use on duty.",
                     suggestion="Add at least one job aid, such as an indicator pocket card with referral "
                                "numbers, as a material of type `job-aid`."), *findings])


# --------------------------------------------------------------------------- EV: evaluation and lifecycle

def ev01_evaluation_levels(ctx: CheckContext) -> Result:
    """EV-01: required Kirkpatrick levels in place, the others planned, level-3 follow-up in range."""
    required = sorted(int(level) for level in _as_list(ctx.param("evaluation.required_levels")))
    low, high = ctx.param("evaluation.follow_up_days")
    planned = [level for level in (1, 2, 3, 4) if level not in required]
    where = "/evaluation/levels"
    evaluation = ctx.course.data.get("evaluation")
    if not evaluation:
        return ctx.failed(
            f"The course has no evaluation plan (evaluation.required_levels = {required}).",
            [ctx.finding(where, "No `evaluation` says how the course itself is evaluated.",
                         suggestion="Add an evaluation plan with at least Kirkpatrick levels "
                                    f"{_listing(required)}, and plan levels {_listing(planned)}.")])
    levels = sorted({entry["level"] for entry in evaluation.get("levels", ())})
    names = {1: "reaction", 2: "learning", 3: "on-the-job behavior", 4: "agency results"}
    findings = []
    missing_required = [level for level in required if level not in levels]
    missing_planned = [level for level in planned if level not in levels]
    for level in missing_required:
        findings.append(ctx.finding(
            where, f"Kirkpatrick level {level} ({names[level]}) is not evaluated; it is required "
                   f"(evaluation.required_levels = {required}).", evidence=f"levels: {levels}",
            suggestion=f"Add a level-{level} instrument ({names[level]}) to evaluation.levels."))
    follow = evaluation.get("followUpDays")
    for level in missing_planned:
        if level == 3 and isinstance(follow, int) and low <= follow <= high:
            findings.append(ctx.finding(
                "/evaluation/followUpDays", f"No level-3 instrument is listed, but a follow-up {follow} days after "
                f"the course is planned; a reviewer should check whether it measures on-the-job behavior.",
                effect="needs-review", evidence=f"levels: {levels}; followUpDays: {follow}",
                suggestion="List the follow-up as `{level: 3, instrument: ..., timing: ...}` in evaluation.levels."))
            continue
        findings.append(ctx.finding(
            where, f"Kirkpatrick level {level} ({names[level]}) is not planned.", evidence=f"levels: {levels}",
            suggestion=("Plan a follow-up with participants and supervisors 3 to 6 months after the course."
                        if level == 3 else
                        "Plan how agency results will be measured and list them in evaluation.resultsMetrics.")))
    units, met = 4, 4 - len(missing_required) - len(missing_planned)
    follow_text = ""
    if 3 in levels:
        units += 1
        if follow is None:
            findings.append(ctx.finding(
                "/evaluation/followUpDays", f"Level 3 is listed but no follow-up time is given "
                                            f"(evaluation.follow_up_days = {low}-{high})."))
        elif not low <= follow <= high:
            findings.append(ctx.finding(
                "/evaluation/followUpDays", f"The level-3 follow-up at {follow} days is outside "
                                            f"{low}-{high} days (evaluation.follow_up_days).",
                evidence=f"followUpDays: {follow}"))
        else:
            met += 1
            follow_text = f", follow-up at {follow} days (within {low}-{high})"
    stated = f"Levels {levels or 'none'} evaluated (required {required}, planned {planned}){follow_text}"
    if not findings:
        return ctx.passed(f"{stated}.")
    if all(finding.effect == "needs-review" for finding in findings):
        return ctx.review(f"{stated}: level 3 not listed, though a {follow}-day follow-up is planned.", findings)
    score = 0.0 if missing_required else round(met / units, 4)
    gaps = [*(f"level {level} missing" for level in missing_required),
            *(f"level {level} not planned" if level != 3 or not any(f.effect == "needs-review" for f in findings)
              else "level 3 not listed (a follow-up is planned)" for level in missing_planned)]
    if 3 in levels and not follow_text:
        gaps.append("follow-up days not set" if follow is None
                    else f"follow-up at {follow} days, outside {low}-{high}")
    return ctx.failed(f"{stated}: {', '.join(gaps)}.", findings, score=score)


def ev02_results_metrics(ctx: CheckContext) -> Result:
    """EV-02: at least one level-4 (agency results) indicator; missing recommended kinds are noted."""
    metrics = list((ctx.course.data.get("evaluation") or {}).get("resultsMetrics", ()))
    kinds = _table("evaluation")["results_indicator_kinds"]
    if not metrics:
        return ctx.failed(
            "No level-4 indicators are defined (evaluation.resultsMetrics is empty or absent).",
            [ctx.finding("/evaluation/resultsMetrics", "The course defines no agency-results indicators.",
                         suggestion="List indicators such as victims identified and referred, reports coded as "
                                    "trafficking, report-checklist use, Continued Presence, T and U requests and "
                                    "referrals to victim services.")])
    text = " ".join(metrics)
    missing = [kind["kind"] for kind in kinds if not _mentions(text, kind["words"])]
    findings = [ctx.finding("/evaluation/resultsMetrics", f"No indicator mentions {kind} (recommended).",
                            effect="note", evidence="; ".join(metrics)) for kind in missing]
    return ctx.passed(f"{len(metrics)} level-4 indicator(s) defined"
                      + (f"; none mentions {_listing(missing)}." if missing else "."), findings)


def ev03_ownership(ctx: CheckContext) -> Result:
    """EV-03: a named owner, a version, a revision history and a review cycle within the maximum."""
    max_cycle = ctx.param("review.max_cycle_months")
    data = ctx.course.data
    lifecycle = data.get("lifecycle")
    if not lifecycle:
        return ctx.failed(
            f"The course has no lifecycle record (owner, history, review cycle; review.max_cycle_months = "
            f"{max_cycle}).",
            [ctx.finding("/lifecycle", "No `lifecycle` names an owner, a revision history or a review cycle.",
                         suggestion="Add lifecycle.owner, lastReviewed, reviewCycleMonths (at most "
                                    f"{max_cycle}) and a history entry per version.")])
    findings = []
    if not (lifecycle.get("owner") or "").strip():
        findings.append(ctx.finding("/lifecycle/owner", "No owner is named for keeping the course current."))
    if not str(data.get("version", "")).strip():
        findings.append(ctx.finding("/version", "The course gives no version."))
    history = list(lifecycle.get("history", ()))
    if not history:
        findings.append(ctx.finding("/lifecycle/history", "No version history is recorded.",
                                    suggestion="Add a lifecycle.history entry (date, version, summary, feedback "
                                               "sources) for each release."))
    else:
        index, latest = max(enumerate(history), key=lambda pair: pair[1]["date"])
        if latest.get("version") and latest["version"] != data["version"]:
            findings.append(ctx.finding(
                f"/lifecycle/history/{index}/version", f"The latest history entry is version {latest['version']} "
                                                       f"but the course is version {data['version']}.",
                effect="note", evidence=f"version: {latest['version']}"))
    cycle = lifecycle.get("reviewCycleMonths")
    if cycle is None:
        findings.append(ctx.finding(
            "/lifecycle/reviewCycleMonths", f"No review cycle is set (review.max_cycle_months = {max_cycle}).",
            suggestion=f"Set lifecycle.reviewCycleMonths to at most {max_cycle} and review earlier when the law, "
                       f"data or feedback changes."))
    elif cycle > max_cycle:
        findings.append(ctx.finding(
            "/lifecycle/reviewCycleMonths", f"The review cycle of {cycle} months is longer than {max_cycle} "
                                            f"(review.max_cycle_months).",
            evidence=f"reviewCycleMonths: {cycle}"))
    failed = _failures(findings)
    stated = (f"owner {'named' if (lifecycle.get('owner') or '').strip() else 'missing'}, version "
              f"{data['version']}, {len(history)} history entr{'y' if len(history) == 1 else 'ies'}, review "
              f"cycle {cycle if cycle is not None else 'not set'} (review.max_cycle_months = {max_cycle})")
    if not failed:
        return ctx.passed(f"Lifecycle complete: {stated}.", findings)
    return ctx.failed(f"Lifecycle incomplete: {stated}.", findings, score=_score(failed, 4))


def ev04_feedback_sources(ctx: CheckContext) -> Result:
    """EV-04: revisions draw on feedback from survivors, victim-service providers and participants."""
    required = _table("evaluation")["required_feedback_sources"]
    where = "/lifecycle/history"
    history = list((ctx.course.data.get("lifecycle") or {}).get("history", ()))
    if not history:
        return ctx.failed(
            f"No revision history records whose feedback informed the course (expected {_listing(required)}).",
            [ctx.finding(where, "No lifecycle.history entry records feedback sources.",
                         suggestion="Record each revision in lifecycle.history with the feedbackSources it "
                                    f"answered ({_listing(required)}).")])
    heard = list(dict.fromkeys(s for entry in history for s in entry.get("feedbackSources", ())))
    missing = [source for source in required if source not in heard]
    findings = [ctx.finding(where, f"No revision records feedback from {source}.",
                            evidence=f"feedbackSources: {', '.join(heard) or 'none'}",
                            suggestion=f"Collect feedback from {source} and record it in the feedbackSources of "
                                       f"the revision that answers it.") for source in missing]
    findings.append(ctx.finding(
        where, "For the reviewer: were revisions actually made in response to this feedback? The history "
               "summaries are the place to look.", effect="note",
        evidence=" ".join(entry["summary"] for entry in history[-2:])))
    stated = f"feedback from {', '.join(heard) or 'no one'} across {len(history)} revision(s)"
    if not missing:
        return ctx.passed(f"Revisions record {stated}, covering {_listing(required)}.", findings)
    return ctx.failed(f"Revisions record {stated}; {_listing(missing)} missing.", findings,
                      score=_score(len(missing), len(required)))
