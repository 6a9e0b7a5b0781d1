"""Checks for the audience-fit criteria AU-01 to AU-06 (vetting guidelines §2.4, §5).

Each check reads the course through ``ctx.course`` and its thresholds through ``ctx.param``;
tables (the §5.3 role matrix, state names, word lists) live in ``data/``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Mapping

from vetkit.kit import (CheckContext, Result, article, audience_roles, claims_for, course_enum, join_words,
                        modules_teaching, read_table, taught_tags, ticks)

from . import readability

# ---- data -------------------------------------------------------------------------------------

def _data(name: str) -> Any:
    """A data table of this plugin (``data/<name>.yaml``), read once."""
    return read_table(__package__, name)


def role_table() -> Mapping[str, Any]:
    """The §5.3 matrix: baseline, roles and modifiers (data/role-topics.yaml)."""
    return _data("role-topics")


def _lookup(data: Mapping[str, Any], dotted: str) -> Any:
    value: Any = data
    for step in dotted.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
    return value


# ---- AU-01 ------------------------------------------------------------------------------------

def au01_audience_declared(ctx: CheckContext) -> Result:
    """Roles from the vocabulary in force, a known level and an experience are declared."""
    data = ctx.course.data
    audience = data.get("audience") or {}
    known = ctx.vocabulary.roles
    findings = []
    roles = list(audience.get("roles") or ())
    if not roles:
        findings.append(ctx.finding("/audience/roles", "No audience role is declared, so no audience-fit check "
                                    "can tell whom the course is for."))
    for index, role in enumerate(roles):
        if role not in known:
            findings.append(ctx.finding(f"/audience/roles/{index}", _unknown_role_message(role), evidence=role,
                                        suggestion=_unknown_role_fix(role)))
    levels = course_enum("properties", "level")
    if data.get("level") not in levels:
        findings.append(ctx.finding("/level", f"The course level is missing or not one of {join_words(levels, 'or')}.",
                                    evidence=str(data.get("level") or "")))
    experiences = course_enum("$defs", "Audience", "properties", "experience")
    if audience.get("experience") not in experiences:
        findings.append(ctx.finding("/audience/experience", "The audience experience is missing or not one of "
                                    f"{join_words(experiences, 'or')}.",
                                    evidence=str(audience.get("experience") or "")))
    if findings:
        problems = [f"unknown role `{f.evidence}`" if f.pointer.startswith("/audience/roles/") else
                    f"{f.pointer.rsplit('/', 1)[-1]} missing or invalid" for f in findings]
        return ctx.failed(f"The audience declaration that every audience-fit check keys off is incomplete: "
                          f"{join_words(problems)}.", findings)
    return ctx.passed(f"Audience declared: {join_words(roles)} ({audience['experience']}), {data['level']} level; "
                      "every role is in the vocabulary.")


def _unknown_role_message(role: str) -> str:
    base = role.rpartition(":")[2].rpartition("/")[2]
    if base in ("recruit", "recruits"):
        return f"`{role}` is not a role: recruits are declared with audience.experience = recruit."
    if base in ("tribal", "tribal-officer", "tribal-police"):
        return f"`{role}` is not a role: tribal context is declared with jurisdiction.tribal."
    return (f"Role `{role}` is not in the role vocabulary in force, so no job-task requirements are known "
            "for it.")


def _unknown_role_fix(role: str) -> str:
    base = role.rpartition(":")[2].rpartition("/")[2]
    if "recruit" in base:
        return "Remove the role and set audience.experience to `recruit`."
    if "tribal" in base:
        return "Remove the role and name the tribal jurisdiction in jurisdiction.tribal."
    return ("Use a role from the role vocabulary (`vetkit schema course` lists it), or register the custom role through a plugin "
            "(vetkit_register_vocabularies) so its requirements are known.")


# ---- AU-02 ------------------------------------------------------------------------------------

def _applicable_rows(course) -> list[tuple[str, Mapping[str, Any]]]:
    """(label, row) for the baseline, each declared role with a row, and each modifier that holds."""
    table = role_table()
    rows = [(table["baseline"].get("label", "every course"), table["baseline"])]
    for role in audience_roles(course):
        if role in table["roles"]:
            rows.append((role, table["roles"][role]))
    for name, modifier in table.get("modifiers", {}).items():
        value = _lookup(course.data, modifier["field"])
        holds = value == modifier["equals"] if "equals" in modifier else bool(value) == modifier.get("present", True)
        if holds:
            rows.append((modifier.get("label", name), modifier))
    return rows


def _needs(rows, key: str) -> dict[str, list[str]]:
    """tag -> the labels of the rows that list it under ``key``, in table order."""
    needed: dict[str, list[str]] = {}
    for label, row in rows:
        for tag in row.get(key) or ():
            needed.setdefault(tag, [])
            if label not in needed[tag]:
                needed[tag].append(label)
    return needed


def au02_role_topics(ctx: CheckContext) -> Result:
    """The modules teach the required topics of every declared role and modifier (§5.3), read from their text."""
    course = ctx.course
    rows = _applicable_rows(course)
    topics = set(taught_tags(course))
    populations = set(taught_tags(course, "populations"))
    required = _needs(rows, "required")
    missing = [tag for tag in required if tag not in topics]
    claims = claims_for(ctx, list(required))
    findings = [ctx.finding("/modules", f"No module teaches `{tag}` (required for {_who(required[tag])}).",
                            evidence=f"topics the modules teach: {', '.join(sorted(topics)) or 'none'}",
                            suggestion=f"Teach `{tag}` in a module and add it to that module's topics.")
                for tag in missing if not any(f.effect == "fail" and f"tagged `{tag}`" in f.message for f in claims)]
    findings += claims
    findings += _recommendation_notes(ctx, rows, required, topics, populations)
    findings += _untabled_role_notes(ctx, course)
    findings += readability_notes(ctx)
    findings += acronym_notes(ctx)
    present = len(required) - len(missing)
    scope = _who([label for label, _ in rows])
    if missing:
        return ctx.failed(f"Modules teach {present} of {len(required)} topics required for {scope}; "
                          f"missing {ticks(missing)}.", findings, score=present / len(required))
    return ctx.passed(f"Modules teach all {len(required)} topics required for {scope}.", findings)


def _who(labels: list[str]) -> str:
    """'every course, the patrol and investigator roles and recruit audiences'."""
    table = role_table()
    roles = [label for label in labels if label in table["roles"]]
    parts = [label for label in labels if label not in roles and label == table["baseline"]["label"]]
    if roles:
        parts.append(f"the {join_words(roles)} role{'s' if len(roles) > 1 else ''}")
    parts += [label for label in labels if label not in roles and label not in parts]
    return join_words(parts)


def _recommendation_notes(ctx, rows, required, topics, populations) -> list:
    notes = []
    for tag, labels in _needs(rows, "recommended").items():
        if tag not in topics and tag not in required:
            notes.append(ctx.finding("/modules", f"No module teaches `{tag}`, recommended for {_who(labels)}.",
                                     effect="note", suggestion=f"Consider covering `{tag}` for this audience."))
    for tag, labels in _needs(rows, "populations").items():
        if tag not in populations:
            notes.append(ctx.finding("/modules", f"No module shows the population `{tag}`, recommended for "
                                     f"{_who(labels)}.", effect="note",
                                     suggestion=f"Include `{tag}` in examples and add it to that module's "
                                                "populations."))
    return notes


def _untabled_role_notes(ctx, course) -> list:
    table = role_table()["roles"]
    return [ctx.finding(f"/audience/roles/{index}", f"No topic requirements are tabled for role `{role}`; only "
                        "the baseline and the other roles were checked.", effect="note", evidence=role)
            for index, role in enumerate(audience_roles(course)) if role not in table]


# ---- AU-02 notes: reading level and acronyms ---------------------------------------------------

def _learner_texts(course):
    """Learner-facing text fields, without glossary entries and reference titles."""
    return [text for text in course.texts() if not text.field.startswith(("glossary.", "references."))]


def readability_notes(ctx: CheckContext) -> list:
    """Notes on the Flesch–Kincaid grade of the learner-facing text (never change the outcome)."""
    texts = _learner_texts(ctx.course)
    per_field = [(text, readability.stats(text.text)) for text in texts]
    total = sum((stats for _, stats in per_field), readability.TextStats())
    min_words = ctx.param("reading.min_words")
    target = ctx.course.data.get("audience", {}).get("readingLevel")
    if total.words < min_words:
        if target is None:
            return []
        return [ctx.finding("/audience/readingLevel", f"Too little learner-facing text ({total.words} words; "
                            f"reading.min_words = {min_words}) to estimate a reading grade.", effect="note")]
    grade = total.grade
    measured = (f"Learner-facing text reads at about grade {grade:.1f} (Flesch–Kincaid, {total.words} words in "
                f"{total.sentences} sentences)")
    if target is None:
        return [ctx.finding("/audience/readingLevel", f"{measured}; no audience.readingLevel is declared to "
                            "compare it with.", effect="note",
                            suggestion="Declare audience.readingLevel so the text can be checked against it.")]
    tolerance = ctx.param("reading.tolerance_grades")
    if grade <= target + tolerance:
        return [ctx.finding("/audience/readingLevel", f"{measured}, within {tolerance} grades of the declared "
                            f"reading level {target:g} (reading.tolerance_grades = {tolerance}).", effect="note")]
    suggestion = ("Shorten sentences and prefer short, common words; define unavoidable legal terms once in "
                  "the glossary.")
    notes = [ctx.finding("/audience/readingLevel", f"{measured}, more than {tolerance} grades above the declared "
                         f"reading level {target:g} (reading.tolerance_grades = {tolerance}).", effect="note",
                         evidence=f"grade {grade:.1f} vs readingLevel {target:g}", suggestion=suggestion)]
    field_min = ctx.param("reading.field_min_words")
    hardest = sorted(((stats.grade, text) for text, stats in per_field
                      if stats.words >= max(1, field_min) and stats.grade > target + tolerance),
                     key=lambda pair: -pair[0])
    for field_grade, text in hardest[: ctx.param("reading.max_field_notes")]:
        notes.append(ctx.finding(text.pointer, f"This text reads at about grade {field_grade:.1f}, above the "
                                 f"declared reading level {target:g}.", effect="note",
                                 evidence=_longest_sentence(text.text), suggestion=suggestion))
    return notes


def _longest_sentence(text: str) -> str:
    return max(readability.sentences(text) or [text], key=lambda s: len(s.split()))


def acronym_notes(ctx: CheckContext) -> list:
    """Notes on acronyms used in learner-facing text but never spelled out or defined in the glossary."""
    course = ctx.course
    ignore = frozenset(_data("acronyms")["emphasis_words"]) | frozenset(ctx.param("jargon.well_known_acronyms"))
    glossary_terms = [entry.get("term", "") for entry in course.data.get("glossary", ())]
    defined = readability.defined_acronyms((text.text for text in course.texts()), glossary_terms)
    texts = _learner_texts(course)
    first: dict[str, tuple] = {}
    counts: Counter = Counter()
    for text in texts:
        for use in readability.acronym_uses(text.text, ignore):
            if use.acronym in defined:
                continue
            counts[use.acronym] += 1
            first.setdefault(use.acronym, (text, use))
    if not counts:
        return []
    words = sum(readability.word_count(text.text) for text in texts) or 1
    uses = sum(counts.values())
    notes = [ctx.finding("/glossary", f"{len(counts)} acronym(s) are used but never spelled out or defined: "
                         f"{', '.join(sorted(counts))} ({uses} uses, {1000 * uses / words:.1f} per 1,000 words).",
                         effect="note", evidence=", ".join(sorted(counts)),
                         suggestion="Spell each acronym out at first use, \"Full Name (ABC)\", or add it to the "
                                    "glossary.")]
    for acronym in sorted(counts, key=lambda a: (-counts[a], a)):
        text, use = first[acronym]
        notes.append(ctx.finding(text.pointer, f"`{acronym}` is used {counts[acronym]} time(s) but never spelled "
                                 "out or defined in the glossary.", effect="note",
                                 evidence=text.text[max(0, use.start - 60): use.end + 60], term=acronym,
                                 start=use.start, end=use.end,
                                 suggestion=f"Write the full name before the first use, e.g. \"Full Name "
                                            f"({acronym})\", or add `{acronym}` to the glossary."))
    return notes


# ---- AU-03 ------------------------------------------------------------------------------------

def au03_localization(ctx: CheckContext) -> Result:
    """Jurisdiction, local task force, local victim services and the jurisdiction's statutes."""
    jurisdiction = ctx.course.data.get("jurisdiction")
    parts = [("the jurisdiction", _jurisdiction_finding(ctx, jurisdiction)),
             ("a local task force", _local_resource(ctx, "task-force", "local trafficking task force")),
             ("a local victim-service partner",
              _local_resource(ctx, "victim-services", "local victim-service partner")),
             ("a statute of the jurisdiction", _local_statute(ctx, jurisdiction))]
    missing = [label for label, finding in parts if finding is not None]
    findings = [finding for _, finding in parts if finding is not None]
    notes = _country_only_note(ctx, jurisdiction)
    if missing:
        return ctx.failed(f"{len(parts) - len(missing)} of {len(parts)} localization elements present; missing "
                          f"{join_words(missing)}.", findings + notes, score=(len(parts) - len(missing)) / len(parts))
    return ctx.passed(f"All {len(parts)} localization elements are present for {_describe(jurisdiction)}: "
                      "jurisdiction, local task force, local victim services and its statutes.", notes)


def _jurisdiction_finding(ctx: CheckContext, jurisdiction):
    if jurisdiction:
        return None
    return ctx.finding("/jurisdiction", "No jurisdiction is declared, so nothing shows where the course applies.",
                       suggestion="Add jurisdiction with the country and state (and the tribal or local "
                                  "jurisdiction where relevant).")


def _country_only_note(ctx: CheckContext, jurisdiction) -> list:
    if not jurisdiction or any(jurisdiction.get(key) for key in ("state", "tribal", "local")):
        return []
    return [ctx.finding("/jurisdiction", "The jurisdiction names only a country; naming the state, tribal or local "
                        "jurisdiction shows which local law and partners apply.", effect="note",
                        evidence=str(jurisdiction.get("country", "")))]


def _local_resource(ctx: CheckContext, kind: str, label: str):
    resources = list(ctx.course.entries("resources"))
    if any(r.get("type") == kind and r.get("local") is True for _, r in resources):
        return None
    unmarked = [(pointer, r) for pointer, r in resources if r.get("type") == kind]
    if unmarked:
        pointer, resource = unmarked[0]
        return ctx.finding(f"{pointer}/local", f"The {kind} resource \"{resource.get('name', '')}\" is not marked "
                           f"local, so no {label} is listed.", evidence=resource.get("name", ""),
                           suggestion=f"If it serves the course's jurisdiction, set local: true; otherwise add "
                                      f"the {label} with local: true.")
    return ctx.finding("/resources", f"No {label} is listed (resources[type={kind}, local=true]).",
                       suggestion=f"Add the {label} to resources with type `{kind}` and local: true.")


def _local_statute(ctx: CheckContext, jurisdiction):
    statutes = [(pointer, ref) for pointer, ref in ctx.course.entries("references") if ref.get("type") == "statute"]
    located = [(pointer, ref) for pointer, ref in statutes if ref.get("jurisdiction")]
    if any(_same_jurisdiction(jurisdiction, ref["jurisdiction"]) for _, ref in located):
        return None
    where = _describe(jurisdiction)
    if located:
        cited = sorted({_describe(ref["jurisdiction"]) for _, ref in located})
        national = all(not any(ref["jurisdiction"].get(k) for k in ("state", "tribal", "local")) for _, ref in located)
        kind = "national statutes only" if national else "statutes"
        return ctx.finding("/references", f"The references cite {kind} ({join_words(cited)}), none of {where}.",
                           evidence="; ".join(ref.get("citation") or ref.get("title", "") for _, ref in located)[:240],
                           suggestion=f"Cite the trafficking statutes of {where} with their jurisdiction.")
    detail = (f"{len(statutes)} statute reference(s) carry no jurisdiction" if statutes
              else "no statute is referenced")
    return ctx.finding("/references", f"No statute of {where} is cited ({detail}).",
                       suggestion=f"Add references[type=statute] for {where}, each with its jurisdiction.")


def _describe(jurisdiction) -> str:
    if not jurisdiction:
        return "the course's jurisdiction"
    parts = [jurisdiction.get(key) for key in ("local", "tribal", "state") if jurisdiction.get(key)]
    return ", ".join([*parts, jurisdiction.get("country", "")]).strip(", ") or "the course's jurisdiction"


def _state(value: Any) -> str:
    text = " ".join(str(value or "").replace(".", "").split()).casefold()
    text = text.removeprefix("state of ").removeprefix("commonwealth of ")
    names = _data("us-states")
    return names.get(text.upper(), text).casefold() if text else ""


def _same(a: Any, b: Any) -> bool:
    return bool(a) and bool(b) and " ".join(str(a).split()).casefold() == " ".join(str(b).split()).casefold()


def _same_jurisdiction(course, ref) -> bool:
    """Whether a statute's jurisdiction is (part of) the course's own."""
    if not course:
        return True
    if ref.get("country") != course.get("country"):
        return False
    if course.get("tribal") and _same(ref.get("tribal"), course["tribal"]):
        return True
    if course.get("state"):
        return _state(ref.get("state")) == _state(course["state"])
    if course.get("tribal"):
        return False
    return True


# ---- AU-04 ------------------------------------------------------------------------------------

def au04_agency_policy(ctx: CheckContext) -> Result:
    """A policy document is cited or supplied, and a module teaches the policy and protocol."""
    course = ctx.course
    documents = [pointer for kind in ("references", "materials")
                 for pointer, entry in course.entries(kind) if entry.get("type") == "policy"]
    taught = [pointer for pointer, _ in modules_teaching(course, "policy-protocol")]
    findings = []
    if not documents:
        findings.append(ctx.finding("/references", "No agency policy is cited or supplied "
                                    "(references[type=policy] or materials[type=policy]).",
                                    suggestion="Cite the agency's trafficking policy as a reference of type "
                                               "`policy`, or supply it as a material of type `policy`."))
    if not taught:
        findings.append(ctx.finding("/modules", "No module teaches `policy-protocol`, so nothing shows that the "
                                    "reporting procedure and referral protocol are taught.",
                                    suggestion="Teach the agency's reporting and referral protocol in a module "
                                               "and tag it `policy-protocol`."))
    if findings:
        return ctx.failed(f"{2 - len(findings)} of 2 agency-policy elements present (policy document; "
                          "`policy-protocol` module).", findings, score=(2 - len(findings)) / 2)
    return ctx.passed(f"Agency policy supplied ({len(documents)} policy document(s)) and taught in "
                      f"{len(taught)} module(s).")


# ---- AU-05 ------------------------------------------------------------------------------------

def au05_prerequisites(ctx: CheckContext) -> Result:
    """Courses above awareness level declare prerequisites or a sequence."""
    data = ctx.course.data
    level = data.get("level")
    if level == "awareness":
        return ctx.not_applicable("Awareness-level courses need no prerequisites.")
    listed = [text for text in data.get("prerequisites", ()) if str(text).strip()]
    if listed:
        return ctx.passed(f"{len(listed)} prerequisite(s) declared for {article(level)}-level course.")
    return ctx.failed(f"{article(level).capitalize()}-level course declares no prerequisites or sequence.",
                      [ctx.finding("/prerequisites", f"No prerequisites are listed for {article(level)}-level course.",
                                   suggestion="List the courses or knowledge participants need first, e.g. an "
                                              "awareness course on trafficking basics.")])


# ---- AU-06 ------------------------------------------------------------------------------------

def au06_codelivery(ctx: CheckContext) -> Result:
    """Instructors span enough disciplines; warning for task-force and multidisciplinary audiences."""
    data = ctx.course.data
    roles = audience_roles(ctx.course)
    need = _min_disciplines(ctx.param("codelivery.min_disciplines"), roles)
    escalated = [role for role in roles if role in ctx.param("codelivery.warning_roles")]
    severity = "warning" if escalated else None
    setting = f"codelivery.min_disciplines = {need}" + (f" for {join_words(escalated)}" if escalated else "")
    excluded = set(ctx.param("codelivery.exclude_instructor_roles"))
    instructors = [(p, i) for p, i in ctx.course.entries("instructors") if i.get("role") not in excluded]
    modes = set(data["delivery"]["modes"])
    unstaffed = set(ctx.param("codelivery.unstaffed_modes"))
    if not data.get("instructors") and modes and modes <= unstaffed:
        return ctx.not_applicable(f"Delivered only {join_words(sorted(modes), 'or')} with no instructors listed, so "
                                  f"there is no delivery team to co-deliver (codelivery.unstaffed_modes = "
                                  f"{join_words(sorted(unstaffed))}).")
    if not instructors:
        listed = len(data.get("instructors", ()))
        message = (f"The {listed} listed instructor(s) are all {join_words(sorted(excluded), 'or')}s; none delivers "
                   "the course." if listed else "No instructors are listed.")
        return ctx.failed(f"No delivering instructors are listed, so co-delivery cannot be shown ({setting}).",
                          [ctx.finding("/instructors", message,
                                       suggestion="List the instructors who deliver the course with their "
                                                  "disciplines.")],
                          severity=severity)
    disciplines = sorted({d for _, i in instructors for d in i.get("disciplines", ())})
    if len(disciplines) >= need:
        return ctx.passed(f"Instructors span {len(disciplines)} disciplines ({join_words(disciplines)}; {setting}).")
    return ctx.failed(f"Instructors span {len(disciplines)} of {need} required disciplines "
                      f"({join_words(disciplines) or 'none'}; {setting}).",
                      [ctx.finding("/instructors", f"Only {len(disciplines)} discipline(s) among the instructors "
                                   f"({join_words(disciplines) or 'none'}); {need} are expected for this audience.",
                                   evidence=", ".join(disciplines),
                                   suggestion="Co-deliver with partners from other disciplines, e.g. victim "
                                              "services and prosecution, and list them as instructors.")],
                      score=len(disciplines) / need, severity=severity)


def _min_disciplines(setting: Any, roles: list[str]) -> int:
    if isinstance(setting, Mapping):
        values = [setting[role] for role in roles if role in setting]
        return max(values) if values else setting["default"]
    return int(setting)
