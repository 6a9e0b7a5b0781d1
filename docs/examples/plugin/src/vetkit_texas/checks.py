"""Checks of the Texas plugin: presence of statutes, topics and local resources, never legal correctness.

Every check is ``not-applicable`` unless ``jurisdiction.state`` names Texas (parameter
``texas.state_names``), so the plugin can stay installed while other states' courses are vetted.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from vetkit.kit import CheckContext, Result, Wording, findings_result, hit_finding, scan


def _in_texas(ctx: CheckContext) -> bool:
    state = str((ctx.course.data.get("jurisdiction") or {}).get("state", "")).strip().lower()
    return state in {name.lower() for name in ctx.param("texas.state_names")}


def _not_texas(ctx: CheckContext) -> Result:
    state = (ctx.course.data.get("jurisdiction") or {}).get("state")
    where = f"state {state!r}" if state else "no jurisdiction.state"
    return ctx.not_applicable(f"The course is not a Texas course ({where}).")


def _section_pattern(section: str) -> re.Pattern:
    """``20A.02`` also as ``20A .02``, ``20a.02``; not as part of ``20A.021``."""
    head, _, tail = section.partition(".")
    return re.compile(rf"(?<![\w.]){re.escape(head)}\s*\.\s*{re.escape(tail)}(?!\d)", re.IGNORECASE)


def _mentions(text: str, terms: Iterable[str]) -> bool:
    return any(re.search(rf"\b{re.escape(term)}", text, re.IGNORECASE) for term in terms)


def _first_text(ctx: CheckContext, terms: Iterable[str]) -> Any:
    """The first learner-facing text field that mentions one of ``terms``, or None."""
    terms = list(terms)
    return next((field for field in ctx.course.texts() if _mentions(field.text, terms)), None)


def _has_topic(ctx: CheckContext, topics: Iterable[str]) -> bool:
    wanted = set(topics)
    return any(wanted & set(module.get("topics", ())) for _, module in ctx.course.entries("modules"))


def tx01_statutes(ctx: CheckContext) -> Result:
    """TX-01: the Texas trafficking statutes are cited, and a module is tagged ``legal-state``."""
    if not _in_texas(ctx):
        return _not_texas(ctx)
    sections = list(ctx.param("texas.statute_sections"))
    statutes = [(pointer, ref) for pointer, ref in ctx.course.entries("references") if ref.get("type") == "statute"]
    findings = []
    reviews = 0
    for section in sections:
        pattern = _section_pattern(section)
        if any(pattern.search(f"{ref.get('citation', '')} {ref.get('title', '')}") for _, ref in statutes):
            continue
        mention = next((field for field in ctx.course.texts() if pattern.search(field.text)), None)
        if mention is not None:
            reviews += 1
            findings.append(ctx.finding(
                mention.pointer, f"Penal Code §{section} is mentioned here but not cited in `references`.",
                effect="needs-review", evidence=mention.text,
                suggestion=f"Add a statute reference with citation \"Tex. Penal Code § {section}\"."))
        else:
            findings.append(ctx.finding(
                "/references", f"Penal Code §{section} is neither cited nor mentioned (texas.statute_sections).",
                suggestion=f"Teach Penal Code §{section} and add a statute reference with citation "
                           f"\"Tex. Penal Code § {section}\"."))
    if not _has_topic(ctx, ["legal-state"]):
        findings.append(ctx.finding("/modules", "No module is tagged `legal-state`, so no module is shown to "
                                                "teach Texas law.",
                                    suggestion="Tag the module that teaches Texas law with the topic `legal-state`."))
    failures = sum(1 for finding in findings if finding.effect == "fail")
    checked = f"{len(sections)} statute section(s) ({', '.join(sections)}) and the legal-state topic"
    if failures:
        return ctx.failed(f"{failures} of {len(sections) + 1} requirement(s) missing among {checked}.", findings,
                          score=1 - failures / (len(sections) + 1))
    if reviews:
        return ctx.review(f"{reviews} section(s) are mentioned in the text without a statute reference.", findings)
    return ctx.passed(f"Cites {checked}.")


def tx02_safe_harbor(ctx: CheckContext) -> Result:
    """TX-02: the course text covers safe harbor for minors and record relief for victims."""
    if not _in_texas(ctx):
        return _not_texas(ctx)
    findings = []
    covered = []
    tagged = _has_topic(ctx, ctx.param("texas.review_topics"))
    for label, key in (("safe harbor for minors", "texas.safe_harbor_terms"),
                       ("record relief for trafficking victims", "texas.record_relief_terms")):
        terms = ctx.param(key)
        field = _first_text(ctx, terms)
        if field is not None:
            covered.append(label)
            findings.append(ctx.finding(field.pointer, f"Covers {label}.", effect="note", evidence=field.text))
        elif tagged:
            findings.append(ctx.finding("/modules", f"No text names {label} ({key}), but a module is tagged "
                                                    f"{' or '.join(ctx.param('texas.review_topics'))}.",
                                        effect="needs-review"))
        else:
            findings.append(ctx.finding("/modules", f"The course does not mention {label} ({key})."))
    if any(finding.effect == "fail" for finding in findings):
        missing = [f.message for f in findings if f.effect == "fail"]
        return ctx.failed(" ".join(missing), findings, score=len(covered) / 2)
    if any(finding.effect == "needs-review" for finding in findings):
        return ctx.review("A module is tagged for the topic, but its text does not name it; a reviewer decides.",
                          findings)
    return ctx.passed(f"The course text covers {' and '.join(covered)}.", findings)


def _area_code(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits[:3] if len(digits) == 10 else None


def tx03_local_resources(ctx: CheckContext) -> Result:
    """TX-03: local resources of each required type, each shown to be in Texas."""
    if not _in_texas(ctx):
        return _not_texas(ctx)
    area_codes = {str(code) for code in ctx.param("texas.area_codes")}
    required = list(ctx.param("texas.local_resource_types"))
    findings = []
    found = []
    for kind in required:
        local = [(pointer, resource) for pointer, resource in ctx.course.entries("resources")
                 if resource.get("type") == kind and resource.get("local") is True]
        if not local:
            findings.append(ctx.finding("/resources", f"No local `{kind}` resource (`local: true`) is listed.",
                                        suggestion=f"Add your local {kind} contact to `resources` with "
                                                   f"`type: {kind}`, `local: true` and its Texas phone number."))
            continue
        texan = [(pointer, resource) for pointer, resource in local
                 if _area_code(resource.get("phone", "")) in area_codes or resource.get("x-jurisdiction")]
        if texan:
            found.append(texan[0][1].get("name", kind))
            continue
        pointer, resource = local[0]
        findings.append(ctx.finding(
            pointer, f"Local {kind} resource {resource.get('name')!r} has no Texas area code and no "
                     f"`x-jurisdiction` note.", evidence=str(resource.get("phone", "no phone")),
            suggestion="Give the resource's Texas phone number, or add `x-jurisdiction` naming the county or "
                       "city it serves."))
    if findings:
        return ctx.failed(f"{len(found)} of {len(required)} required local Texas resource type(s) listed.", findings,
                          score=len(found) / len(required) if required else 1.0)
    return ctx.passed(f"Local Texas resources listed: {', '.join(found)}.")


def tx04_agency_names(ctx: CheckContext) -> Result:
    """TX-04: no retired Texas agency name in the course's own voice (the plugin's lexicon, through the kit)."""
    if not _in_texas(ctx):
        return _not_texas(ctx)
    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "tx-retired-names")]
    return findings_result(ctx, findings, Wording(
        failed="{count} retired Texas agency name(s) in the course's own voice ({summary}), first {first}{noted}.",
        review="{count} retired Texas agency name(s) for a reviewer to check ({summary}){noted}.",
        passed="Every Texas agency is named by its current name{noted}.",
        noted="; {count} explained renaming(s) noted"))
