"""Checks for the coverage criteria CV-01 to CV-07 (vetting guidelines §2.3, §3, §6).

All of them read what the modules' text teaches (topic evidence through the kit): forms
(`sex-trafficking`, `labor-trafficking`), Polaris typologies, populations and topics; declared tags are
claims the text must back. Thresholds come from ``ctx.param``.
"""

from __future__ import annotations

from typing import Any, Mapping

from attrs import frozen

from vetkit.kit import (CheckContext, Result, audience_roles, claim_findings, claims_for, join_words, module_tags,
                        shown_tags, taught_tags, teaches, ticks)

LABOR, SEX = "labor-trafficking", "sex-trafficking"
LABOR_FORMS = ("labor", "mixed")  # typology forms that count as labor types (§6.4: L and M)


# ---- helpers ----------------------------------------------------------------------------------

def _ratio(have: int, need: int) -> float:
    """Partial credit for one count against its threshold."""
    return min(have, need) / need if need > 0 else 1.0


def _notes(findings: list) -> list:
    """The claim findings that are notes (a claim that costs nothing here)."""
    return [finding for finding in findings if finding.effect == "note"]


def _module_topics_evidence(course) -> str:
    return "topics the modules teach: " + (", ".join(sorted(taught_tags(course))) or "none")


# ---- CV-01 ------------------------------------------------------------------------------------

@frozen
class FormMinutes:
    """Module minutes by trafficking form, split as decision D7 says."""

    labor: float
    sex: float
    labor_only: tuple[str, ...]  # pointers of modules that teach labor trafficking only, with minutes
    labor_taught: tuple[str, ...]  # pointers of every module that teaches labor trafficking
    sex_taught: tuple[str, ...]

    @property
    def total(self) -> float:
        return self.labor + self.sex

    @property
    def share(self) -> float:
        """Labor share of the minutes of modules that teach a form (0 when none does)."""
        return self.labor / self.total if self.total else 0.0


def form_minutes(course) -> FormMinutes:
    """D7: minutes of the modules whose text teaches sex or labor trafficking; a module teaching both counts half
    to each."""
    labor = sex = 0.0
    labor_only, labor_taught, sex_taught = [], [], []
    for pointer, module in course.entries("modules"):
        minutes = float(module.get("minutes") or 0)
        has_labor, has_sex = teaches(course, pointer, LABOR), teaches(course, pointer, SEX)
        if has_labor:
            labor_taught.append(pointer)
        if has_sex:
            sex_taught.append(pointer)
        if has_labor and has_sex:
            labor, sex = labor + minutes / 2, sex + minutes / 2
        elif has_labor:
            labor += minutes
            if minutes > 0:
                labor_only.append(pointer)
        elif has_sex:
            sex += minutes
    return FormMinutes(labor, sex, tuple(labor_only), tuple(labor_taught), tuple(sex_taught))


def cv01_labor_share(ctx: CheckContext) -> Result:
    """Labor trafficking gets a real share of the minutes of modules that teach a form, and both forms are taught."""
    course = ctx.course
    forms = form_minutes(course)
    min_share = ctx.param("labor.min_share")
    min_dedicated = ctx.param("labor.min_dedicated_modules")
    figures = (f"labor share {forms.share:.2f} of {forms.total:g} minutes of modules that teach a form "
               f"({forms.labor:g} labor, {forms.sex:g} sex; labor.min_share = {min_share:g}) and "
               f"{len(forms.labor_only)} labor-only module(s) (labor.min_dedicated_modules = {min_dedicated})")
    labor_claims = claim_findings(ctx, LABOR, covered=bool(forms.labor_taught), severity="error")
    sex_claims = claim_findings(ctx, SEX, covered=bool(forms.sex_taught))
    sex_missing = [] if forms.sex_taught or any(f.effect == "fail" for f in sex_claims) else [
        ctx.finding("/modules", "No module teaches sex trafficking; the course must cover both forms.",
                    evidence=_module_topics_evidence(course),
                    suggestion=f"Cover sex trafficking in a module (and tag it `{SEX}`).")]
    if not forms.labor_taught:
        claimed = any(f.effect == "fail" for f in labor_claims)
        missing = [] if claimed else [ctx.finding(
            "/modules", "No module teaches labor trafficking: no labor content at all.", severity="error",
            evidence=_module_topics_evidence(course),
            suggestion="Teach labor trafficking in a module of its own (for example worksite indicators and debt "
                       f"bondage) and tag it `{LABOR}`.")]
        what = "the modules tagged so do not teach it" if claimed else "no labor content at all"
        return ctx.failed(f"No module teaches labor trafficking ({what}): {figures}.",
                          missing + labor_claims + sex_missing + sex_claims, severity="error")
    share_ratio = forms.share / min_share if min_share else 1.0
    dedicated_ratio = len(forms.labor_only) / min_dedicated if min_dedicated else 0.0  # 0 turns the route off
    labor_part = min(1.0, max(share_ratio, dedicated_ratio))
    findings = []
    if labor_part < 1.0:
        findings.append(ctx.finding("/modules", f"Labor trafficking gets {forms.labor:g} of {forms.total:g} "
                                    f"minutes of modules that teach a form (share {forms.share:.2f}, below "
                                    f"labor.min_share = {min_share:g}), with {len(forms.labor_only)} labor-only "
                                    f"module(s) (labor.min_dedicated_modules = {min_dedicated}).",
                                    evidence=f"{forms.labor:g} labor / {forms.sex:g} sex minutes",
                                    suggestion="Give labor trafficking more time, or a module of its own."))
    findings += sex_missing + [f for f in sex_claims if f.effect == "fail"]
    notes = [f for f in labor_claims + sex_claims if f.effect == "note"]
    score = labor_part * (1.0 if forms.sex_taught else 0.5)
    if findings:
        return ctx.failed(f"Coverage of the two forms falls short: {figures}.", findings + notes, score=score)
    return ctx.passed(f"Both forms are covered: {figures}.", notes)


# ---- CV-02 ------------------------------------------------------------------------------------

def _per_level(setting: Any, level: str) -> int:
    if isinstance(setting, Mapping):
        return int(setting[level]) if level in setting else max(int(v) for v in setting.values())
    return int(setting)


def cv02_typologies(ctx: CheckContext) -> Result:
    """Enough distinct Polaris typologies for the level, including labor ones."""
    course = ctx.course
    level = course.data.get("level", "")
    need = _per_level(ctx.param("typology.min_types"), level)
    need_labor = int(ctx.param("typology.min_labor_types"))
    forms_of = ctx.vocabulary.typologies
    types = shown_tags(course, "typologies")
    labor = [t for t in types if forms_of.get(t) in LABOR_FORMS]
    claims = claims_for(ctx, module_tags(course, "typologies"), "typologies", covered=types)
    setting = f"typology.min_types = {need} for {level or 'this'} level, typology.min_labor_types = {need_labor}"
    notes = [ctx.finding("/modules", f"Typology `{t}` is not in the vocabulary; it counts as a type but not as a "
                         "labor type.", effect="note", evidence=t) for t in types if t not in forms_of]
    findings = []
    if len(types) < need:
        findings.append(ctx.finding("/modules", f"Modules teach {len(types)} distinct typologies "
                                    f"({ticks(types) or 'none'}); {need} are expected at {level} level.",
                                    evidence=", ".join(types),
                                    suggestion="Add the trafficking types this audience meets to `typologies` of "
                                               "the modules that teach them (the 25 types of the Polaris typology)."))
    if len(labor) < need_labor:
        findings.append(ctx.finding("/modules", f"{len(labor)} labor or mixed typologies taught; at least "
                                    f"{need_labor} expected.", evidence=", ".join(types),
                                    suggestion="Teach a labor setting the audience meets, such as `agriculture`, "
                                               "`restaurants`, `domestic-work` or `construction`, and list it "
                                               "in `typologies`."))
    summary = f"{len(types)} distinct typologies, {len(labor)} of them labor or mixed ({setting})"
    if findings:
        score = (_ratio(len(types), need) + _ratio(len(labor), need_labor)) / 2
        return ctx.failed(f"Too few trafficking types: {summary}.", findings + claims + notes, score=score)
    return ctx.passed(f"Typology coverage is sufficient: {summary}.", _notes(claims) + notes)


# ---- CV-03 ------------------------------------------------------------------------------------

def cv03_populations(ctx: CheckContext) -> Result:
    """Module populations include every required victim group."""
    course = ctx.course
    required = list(ctx.param("populations.required"))
    recommended = list(ctx.param("populations.recommended"))
    present = set(shown_tags(course, "populations"))
    missing = [tag for tag in required if tag not in present]
    evidence = "populations the modules show: " + (", ".join(sorted(present)) or "none")
    claims = claims_for(ctx, [*required, *module_tags(course, "populations")], "populations", covered=present)
    findings = [ctx.finding("/modules", f"No module shows the population `{tag}` (populations.required).",
                            evidence=evidence,
                            suggestion=f"Show `{tag}` among the people affected, in examples and scenarios, and "
                                       "add the tag to that module's populations.")
                for tag in missing if not any(f.effect == "fail" and f"`{tag}`" in f.message for f in claims)]
    notes = [ctx.finding("/modules", f"No module shows the population `{tag}` (populations.recommended).",
                         effect="note", evidence=evidence,
                         suggestion=f"Consider including `{tag}` in examples and tagging it.")
             for tag in recommended if tag not in present and tag not in required]
    if missing:
        return ctx.failed(f"Modules show {len(required) - len(missing)} of {len(required)} required victim "
                          f"populations; missing {ticks(missing)}.", findings + claims + notes,
                          score=(len(required) - len(missing)) / len(required))
    return ctx.passed(f"Modules show all {len(required)} required victim populations "
                      f"({len(present)} populations in all).", _notes(claims) + notes)


# ---- CV-04 ------------------------------------------------------------------------------------

def cv04_traffickers(ctx: CheckContext) -> Result:
    """Enough kinds of trafficker, including people the victim knows (family or partner)."""
    course = ctx.course
    need = int(ctx.param("traffickers.min_types"))
    known_person = list(ctx.param("traffickers.required_any"))
    kinds = [tag for tag in shown_tags(course) if tag.startswith("trafficker-")]
    claims = claims_for(ctx, [tag for tag in module_tags(course) if tag.startswith("trafficker-")], covered=kinds)
    available = sorted(t for t in ctx.vocabulary.topics if t.startswith("trafficker-") and t not in kinds)
    setting = f"traffickers.min_types = {need}" + (f", including {ticks(known_person, 'or')}" if known_person else "")
    findings = []
    if len(kinds) < need:
        findings.append(ctx.finding("/modules", f"Modules show {len(kinds)} kind(s) of trafficker "
                                    f"({ticks(kinds) or 'none'}); {need} are expected.",
                                    evidence=_module_topics_evidence(course),
                                    suggestion=f"Show other kinds of traffickers (e.g. {ticks(available, 'or')}) "
                                               "and tag the modules that do."))
    knows_one = not known_person or any(tag in kinds for tag in known_person)
    if not knows_one:
        findings.append(ctx.finding("/modules", f"No module shows {ticks(known_person, 'or')}: traffickers who "
                                    "are relatives or partners are not shown.",
                                    evidence=_module_topics_evidence(course),
                                    suggestion="Show traffickers the person knows, such as a relative or an "
                                               f"intimate partner, and tag {ticks(known_person, 'or')}."))
    summary = f"{len(kinds)} kind(s) of trafficker ({ticks(kinds) or 'none'}; {setting})"
    if findings:
        return ctx.failed(f"Trafficker diversity falls short: {summary}.", findings + claims,
                          score=(_ratio(len(kinds), need) + (1.0 if knows_one else 0.0)) / 2)
    return ctx.passed(f"Trafficker diversity is shown: {summary}.", _notes(claims))


# ---- CV-06 ------------------------------------------------------------------------------------

def cv06_technology_financial(ctx: CheckContext) -> Result:
    """Modules cover technology-facilitated trafficking and its financial side."""
    course = ctx.course
    wanted = list(ctx.param("tech_finance.topics"))
    topics = set(taught_tags(course))
    missing = [tag for tag in wanted if tag not in topics]
    escalated = [role for role in audience_roles(course) if role in ctx.param("tech_finance.warning_roles")]
    severity = "warning" if escalated else None
    claims = claims_for(ctx, wanted, severity=severity)
    if not missing:
        return ctx.passed(f"Modules cover {ticks(wanted)}.", _notes(claims))
    findings = [ctx.finding("/modules", f"No module teaches `{tag}`" + (f" (a warning for {join_words(escalated)} "
                            "audiences)." if escalated else "."), evidence=_module_topics_evidence(course),
                            severity=severity, suggestion=_CV06_FIX.get(tag, f"Cover `{tag}` and tag the module."))
                for tag in missing]
    who = f"; escalated to warning for {join_words(escalated)}" if escalated else ""
    covered = len(wanted) - len(missing)
    return ctx.failed(f"Modules cover {covered} of the {len(wanted)} topics {ticks(wanted)}; missing "
                      f"{ticks(missing)}{who}.", findings + claims, score=covered / len(wanted), severity=severity)


_CV06_FIX = {
    "technology": "Cover online recruitment, advertising and devices as evidence, and tag the module `technology`.",
    "financial": "Cover money flows (payments, debts, cash apps, bank records) and tag the module `financial`.",
}


# ---- CV-07 ------------------------------------------------------------------------------------

def cv07_intersections(ctx: CheckContext) -> Result:
    """Modules cover the call types through which trafficking usually surfaces."""
    course = ctx.course
    tags = list(ctx.param("intersections.tags"))
    need = int(ctx.param("intersections.min_tags"))
    topics = set(shown_tags(course))
    covered = [tag for tag in tags if tag in topics]
    absent = [tag for tag in tags if tag not in topics]
    setting = f"intersections.min_tags = {need}"
    notes = _notes(claims_for(ctx, tags, covered=topics))
    notes += [ctx.finding("/modules", f"No module teaches `{tag}`; consider it if this audience meets such cases.",
                         effect="note", suggestion=f"Show how trafficking surfaces through `{tag}` cases and tag "
                                                   "the module.")
             for tag in absent]
    if len(covered) >= need:
        return ctx.passed(f"Modules cover {len(covered)} intersection(s) ({ticks(covered)}; {setting}).", notes)
    return ctx.failed(f"Modules cover {len(covered)} intersection(s) ({ticks(covered) or 'none'}; {setting}).",
                      [ctx.finding("/modules", f"{len(covered)} of the intersection topics {ticks(tags)} are taught; "
                                   f"at least {need} expected.", evidence=_module_topics_evidence(course),
                                   suggestion="Show how trafficking reaches officers through other call types "
                                              "(domestic violence, missing children, gangs, drugs, forced "
                                              "criminality, disasters) and tag those modules.")],
                      score=_ratio(len(covered), need))
