"""Checks of the learning plugin: LO-01 to LO-04 (vetting guidelines §2.5).

Each check is a small pure function of a :class:`~vetkit.checking.CheckContext`. Word lists and
type tables live in ``data/*.yaml``; thresholds come from the rule's parameters (§3).
Notes (``effect="note"``) are listed with the result and never change its outcome.
"""

from __future__ import annotations

import re
from typing import Any, Iterator, Mapping

from vetkit.kit import (AlignmentMap, CheckContext, Course, Finding, ItemLink, ObjectiveAlignment, Result, alignment_map,
                        findings_result, plural, teaches)

from .hours import hour_arithmetic
from .objectives import (
    MEASURABLE,
    VAGUE,
    VerbReading,
    compound_verbs,
    lexicon,
    read_declared,
    read_objective,
    states_condition_or_criterion,
)
from .tables import bloom_rank, table


# -- LO-01 ----------------------------------------------------------------------------------

def lo01_measurable_objectives(ctx: CheckContext) -> Result:
    """Every objective has an observable verb: declared ``verb``, else the first verb of ``text``."""
    max_vague = ctx.param("objectives.max_vague")
    readings = []
    for pointer, objective in ctx.course.entries("objectives"):
        from_text = read_objective(objective["text"])
        declared = objective.get("verb")
        reading = read_declared(declared) if declared else from_text
        readings.append((pointer, objective, reading, from_text, f"{pointer}/verb" if declared else f"{pointer}/text"))

    kinds = [reading.kind for _, _, reading, _, _ in readings]
    vague, measurable = kinds.count(VAGUE), kinds.count(MEASURABLE)
    unclear = len(readings) - vague - measurable
    findings: list[Finding] = []
    for pointer, objective, reading, from_text, where in readings:
        evidence = objective.get("verb") or objective["text"]
        if reading.kind == VAGUE:
            findings.append(ctx.finding(
                where, f"Objective {objective['id']} opens with '{reading.words}', which names no observable "
                       "action, so no assessment can show it was met.",
                effect="fail" if vague > max_vague else "note", evidence=evidence,
                suggestion="Start with what the learner will do, e.g. 'Identify', 'Describe', 'Demonstrate', "
                           "'Complete'."))
        elif reading.kind != MEASURABLE:
            findings.append(ctx.finding(
                where, f"Objective {objective['id']}: {reading.hint}; a reviewer should decide whether it is "
                       "measurable.", effect="needs-review", evidence=evidence))
        findings.extend(_objective_notes(ctx, pointer, objective, reading, from_text, where))

    reason = (f"{measurable} of {len(readings)} objectives start with a measurable verb; "
              f"{plural(vague, 'vague objective')} (objectives.max_vague = {max_vague})"
              + (f" and {unclear} for a reviewer to judge." if unclear else "."))
    return findings_result(ctx, findings, reason, score=measurable / len(readings) if readings else 0.0,
                           severity=None)


def _objective_notes(ctx: CheckContext, pointer: str, objective: Mapping[str, Any], reading: VerbReading,
                     from_text: VerbReading, where: str) -> Iterator[Finding]:
    """Advice that never changes LO-01's outcome: ABCD parts, compounds, Bloom, "recognize"."""
    name = objective["id"]
    if objective.get("verb") and reading.kind == MEASURABLE and from_text.kind == VAGUE:
        yield ctx.finding(f"{pointer}/text", f"Objective {name} declares the verb '{objective['verb']}', but its "
                          f"text opens with '{from_text.words}'; learners read the text.", effect="note",
                          evidence=objective["text"], suggestion=f"Rewrite the text to open with "
                                                                 f"'{objective['verb']}'.")
    missing = [part for part in ("condition", "criterion") if not str(objective.get(part) or "").strip()]
    if missing:
        yield ctx.finding(f"{pointer}/{missing[0]}",
                          f"Objective {name} has no {' and no '.join(missing)} (ABCD: audience, behavior, "
                          "condition, degree), which assessment items need to match.", effect="note",
                          evidence=objective["text"],
                          suggestion="Add `condition` (e.g. 'given a traffic-stop scenario') and `criterion` "
                                     "(e.g. 'three indicators, each with a follow-up question').")
    verbs = compound_verbs(from_text.core)
    if verbs:
        yield ctx.finding(f"{pointer}/text", f"Objective {name} joins {len(verbs)} measurable actions "
                          f"({', '.join(verbs)}); each may need its own objective and its own check.",
                          effect="note", evidence=objective["text"],
                          suggestion="Split it into one objective per action, or keep one action and make the "
                                     "others part of its criterion.")
    if reading.kind == MEASURABLE and objective.get("bloom") and reading.bloom:
        row = next((levels for levels in table("verbs")["bloom_classes"] if reading.bloom in levels), ())
        if objective["bloom"] not in row:
            yield ctx.finding(f"{pointer}/bloom", f"Objective {name} declares Bloom level '{objective['bloom']}', "
                              f"but '{reading.verb}' is a {'/'.join(row)} verb.", effect="note", severity="info",
                              evidence=objective["bloom"],
                              suggestion="Change the declared level or the verb so that they agree.")
    if reading.kind == MEASURABLE and reading.verb in lexicon().needs_condition and not (
            objective.get("condition") or objective.get("criterion") or reading.condition or from_text.condition
            or states_condition_or_criterion(from_text.core)):
        yield ctx.finding(where, f"Objective {name} asks learners to '{reading.words}' without saying in what "
                          "situation or how well; 'recognize' is measurable only with a condition or criterion.",
                          effect="note", evidence=objective["text"],
                          suggestion="Add a condition ('given photographs of a worksite') or a criterion "
                                     "('at least three of four'), or use 'identify'.")


# -- LO-02 ----------------------------------------------------------------------------------

def lo02_alignment(ctx: CheckContext) -> Result:
    """Every module serves an objective and every objective is taught; hour sums are reported as notes."""
    course = ctx.course
    alignment = alignment_map(course)
    findings: list[Finding] = []
    for identifier in alignment.untaught_objectives:
        entry = alignment.objective(identifier)
        measured = f" It is assessed by {', '.join(i.id for i in entry.items)}." if entry.items else ""
        findings.append(ctx.finding(entry.pointer, f"Objective {identifier} is taught by no module and no "
                                    f"activity.{measured}", evidence=course.get(f"{entry.pointer}/text", ""),
                                    suggestion=f"Add `{identifier}` to the objectiveIds of the module or activity "
                                               "that teaches it, or remove the objective."))
    for identifier in alignment.orphan_modules:
        pointer = course.by_id(identifier).pointer
        findings.append(ctx.finding(f"{pointer}/objectiveIds", f"Module {identifier} serves no objective, and "
                                    "none of its activities does.", evidence=course.get(f"{pointer}/title", ""),
                                    suggestion="List the objectives the module serves in its objectiveIds, or "
                                               "write an objective for it."))
    for identifier in alignment.orphan_items:
        pointer = course.by_id(identifier).pointer
        findings.append(ctx.finding(f"{pointer}/objectiveIds", f"Item {identifier} measures no objective, and "
                                    "its assessment names none.", effect="note",
                                    evidence=course.get(f"{pointer}/prompt", ""),
                                    suggestion="Tag the item with the objective it measures, or drop it."))
    for difference in hour_arithmetic(course).differences:
        findings.append(ctx.finding(difference.pointer, difference.message, effect="note",
                                    evidence=f"declared {difference.expected}, added up {difference.actual}",
                                    suggestion="Make the minutes agree, or explain the difference in the "
                                               "schedule (e.g. a block for breaks)."))

    objectives, modules = len(alignment.objectives), len(course.data["modules"])
    taught = objectives - len(alignment.untaught_objectives)
    served = modules - len(alignment.orphan_modules)
    reason = (f"{taught} of {objectives} objectives are taught by a module or activity and {served} of "
              f"{modules} modules serve an objective.")
    return findings_result(ctx, findings, reason, score=(taught + served) / (objectives + modules), severity=None)


# -- LO-03 ----------------------------------------------------------------------------------

def answer_key_problem(item: Mapping[str, Any]) -> str | None:
    """Why an item cannot be scored (no correct choice, no answer text), or None."""
    rule = table("assessment")["answer_keys"].get(item["type"], {})
    if "choices" in rule:
        choices = item.get("choices", ())
        if not choices:
            return None if str(item.get("answer") or "").strip() else "has no choices and no `answer`"
        correct = sum(1 for choice in choices if choice.get("correct"))
        if correct < rule["choices"]["min"]:
            return "marks no choice as correct"
        if correct > rule["choices"].get("max", correct):
            return f"marks {correct} choices as correct; a {item['type']} item needs exactly one"
    if "text" in rule and not any(str(item.get(key) or "").strip() for key in rule["text"]):
        return "has neither an `answer` nor a `rationale` to score responses against"
    return None


def item_flaws(pointer: str, item: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(pointer, message, evidence) for each item-writing flaw a reviewer should look at."""
    tables = table("assessment")
    choices = item.get("choices", ())
    for number, choice in enumerate(choices):
        lowered = " ".join(choice["text"].lower().split())
        for phrase in tables["catch_all_choices"]:
            if re.search(rf"\b{re.escape(phrase)}\b", lowered):
                yield (f"{pointer}/choices/{number}/text", f"Choice '{choice['text']}' of item {item['id']} is a "
                       f"catch-all ('{phrase}'), which rewards partial knowledge.", choice["text"])
    correct = [(n, c) for n, c in enumerate(choices) if c.get("correct")]
    if item["type"] in tables["single_answer_types"] and item["type"] != "true-false" and len(correct) > 1:
        yield (f"{pointer}/choices", f"Single-answer item {item['id']} marks {len(correct)} choices as correct.",
               ", ".join(c["text"] for _, c in correct))
    texts = [" ".join(c["text"].lower().split()) for c in choices]
    for number, text in enumerate(texts):
        if text in texts[:number]:
            yield (f"{pointer}/choices/{number}/text", f"Item {item['id']} offers the choice '{choices[number]['text']}' "
                   "twice.", choices[number]["text"])
    yield from _double_negative(pointer, item, tables["negators"])
    distractors = [len(c["text"].strip()) for c in choices if not c.get("correct")]
    if item["type"] != "true-false" and distractors and len(correct) == 1:
        (number, choice), longest = correct[0], max(distractors)
        length, limits = len(choice["text"].strip()), tables["longest_choice"]
        if length >= limits["ratio"] * longest and length - longest >= limits["extra_characters"]:
            yield (f"{pointer}/choices/{number}/text", f"The correct choice of item {item['id']} is by far the "
                   f"longest ({length} characters, the longest distractor {longest}), a cue test-wise learners "
                   "use.", choice["text"])


def _double_negative(pointer: str, item: Mapping[str, Any], negators) -> Iterator[tuple[str, str, str]]:
    prompt = item["prompt"]
    def negations(text: str) -> int:
        return sum(1 for word in re.findall(r"[A-Za-z'’]+", text)
                   if word.lower() in negators or word.lower().replace("’", "'").endswith("n't"))
    sentences = re.split(r"(?<=[.?!])\s+", prompt)
    if any(negations(sentence) >= 2 for sentence in sentences) or len(re.findall(r"\bNOT\b", prompt)) >= 2:
        yield (f"{pointer}/prompt", f"The prompt of item {item['id']} stacks negatives, which tests reading more "
               "than knowledge.", prompt)


def _scorable(entry: ObjectiveAlignment, keys: Mapping[str, str | None]) -> tuple[list[ItemLink], list[ItemLink]]:
    """(items that count for an objective, those of them with an answer key)."""
    counted = [link for link in entry.items if link.counted]
    return counted, [link for link in counted if keys[link.id] is None]


def lo03_credit(course: Course, needed: int, *, alignment: AlignmentMap | None = None,
                keys: Mapping[str, str | None] | None = None) -> float:
    """LO-03's partial credit: the share of requirements met that deleting an assessment can only lose.

    One unit per objective (its scorable items, up to ``needed``), one per critical objective
    (a performance item), one for a knowledge-check assessment, one for a level-1 evaluation.
    Answer-key gaps count only by leaving an objective without scorable items; missing
    remediation and item-writing flaws do not count at all. So no course can raise its score by
    deleting a flawed check, which would leave it with fewer checks. ``alignment`` and ``keys``
    (item id -> :func:`answer_key_problem`) may be passed when already computed.
    """
    if keys is None:
        keys = {item["id"]: answer_key_problem(item) for _, item, _ in course.items()}
    credit, units = 0.0, 2
    for entry in (alignment or alignment_map(course)).objectives:
        _, keyed = _scorable(entry, keys)
        credit += min(1.0, len(keyed) / needed) if needed > 0 else 1.0
        units += 1
        if entry.critical:
            credit += 1.0 if any(_is_performance(link) for link in keyed) else 0.0
            units += 1
    tables = table("assessment")
    credit += 1.0 if any(a["type"] in tables["check_types"] for _, a in course.entries("assessments")) else 0.0
    credit += 1.0 if 1 in _evaluation_levels(course) else 0.0
    return credit / units


def _evaluation_levels(course: Course) -> list[Any]:
    return [level.get("level") for level in course.get("/evaluation/levels", ()) or ()]


def lo03_knowledge_checks(ctx: CheckContext) -> Result:
    """Knowledge checks tied to every objective, sound items, and a level-1 evaluation.

    Scored by :func:`lo03_credit`; answer-key gaps, missing remediation and item-writing
    flaws decide the outcome, not the score.
    """
    course, tables = ctx.course, table("assessment")
    needed = ctx.param("assessment.min_items_per_objective")
    severity = "error" if ctx.param("mandated") else None
    findings: list[Finding] = []
    keys: dict[str, str | None] = {}
    for pointer, item, _ in course.items():
        keys[item["id"]] = problem = answer_key_problem(item)
        if problem:
            where = f"{pointer}/choices" if "choices" in tables["answer_keys"].get(item["type"], {}) else f"{pointer}/answer"
            findings.append(ctx.finding(where, f"Item {item['id']} {problem}.", evidence=item["prompt"],
                                        suggestion="Mark the correct choice(s) with `correct: true`, or give the "
                                                   "expected answer in `answer` or `rationale`."))
        for where, message, evidence in item_flaws(pointer, item):
            findings.append(ctx.finding(where, message, effect="needs-review", evidence=evidence,
                                        suggestion="Rewrite the item: one clearly correct answer, plausible "
                                                   "distractors of similar length, no catch-alls or double negatives."))

    alignment = alignment_map(course)
    objectives = alignment.objectives
    covered = 0
    for entry in objectives:
        counted, keyed = _scorable(entry, keys)
        if len(keyed) >= needed:
            covered += 1
        else:
            findings.append(_coverage_finding(ctx, entry, counted, keyed, needed))
        if entry.critical and len(keyed) >= needed and not any(_is_performance(link) for link in keyed):
            how = "only by recall items" if keyed else "by no item"  # fewer keyed items were reported above
            findings.append(ctx.finding(f"{entry.pointer}/critical", f"Critical objective {entry.id} is assessed "
                                        f"{how}, with no skills-test, scenario-test or performance-step item.",
                                        evidence=", ".join(l.id for l in keyed) or "no items",
                                        suggestion=f"Add a performance step or a scenario item for {entry.id}."))
        levels = [bloom_rank(link.bloom) for link in counted]
        if entry.bloom and levels and bloom_rank(entry.bloom) > max(levels):
            findings.append(ctx.finding(f"{entry.pointer}/bloom", f"Objective {entry.id} aims at '{entry.bloom}', "
                                        "above the level of every item that measures it.", effect="note",
                                        severity="info", evidence=", ".join(f"{l.id}: {l.bloom}" for l in counted),
                                        suggestion="Add an item at the objective's level (a scenario, a "
                                                   "performance step) or lower the declared level."))

    checks = [(p, a) for p, a in course.entries("assessments") if a["type"] in tables["check_types"]]
    if not checks:
        present = sorted({a["type"] for _, a in course.entries("assessments")})
        findings.append(ctx.finding("/assessments", "The course has no post-test, knowledge check, skills test or "
                                    "scenario test.", evidence=", ".join(present) or "no assessments",
                                    suggestion="Add a knowledge check or post-test whose items name the objectives."))
    levels = _evaluation_levels(course)
    if 1 not in levels:
        findings.append(ctx.finding("/evaluation/levels", "The course plans no level-1 (reaction) evaluation "
                                    "after delivery.", evidence=", ".join(map(str, levels)) or "no evaluation",
                                    suggestion="Add `evaluation.levels: [{level: 1, instrument: ...}]`, e.g. an "
                                               "end-of-course survey."))
    for pointer, assessment in course.entries("assessments"):
        if (assessment["purpose"] == "summative" and not str(assessment.get("remediation") or "").strip()
                and assessment["type"] not in tables["remediation_exempt_types"]):
            findings.append(ctx.finding(f"{pointer}/remediation", f"Summative assessment {assessment['id']} says "
                                        "nothing about what happens when a participant does not pass.",
                                        effect="note", evidence=assessment["title"],
                                        suggestion="Add `remediation` (review, retest, coaching)."))
    findings.extend(_checks_only_at_end(ctx, checks))

    keyless = sum(1 for problem in keys.values() if problem)
    reason = (f"{covered} of {len(objectives)} objectives have at least {needed} scorable item(s) "
              f"(assessment.min_items_per_objective = {needed}); "
              f"{'a' if checks else 'no'} knowledge check or post-test; "
              f"level-1 evaluation {'planned' if 1 in levels else 'missing'}; "
              f"{plural(keyless, 'item')} without an answer key"
              + ("; mandated course, so this counts as an error." if severity and findings else "."))
    return findings_result(ctx, findings, reason, score=lo03_credit(course, needed, alignment=alignment, keys=keys),
                           severity=severity)


def _is_performance(link: ItemLink) -> bool:
    tables = table("assessment")
    return link.assessment_type in tables["performance_assessment_types"] or link.type in tables["performance_item_types"]


def _coverage_finding(ctx: CheckContext, entry, counted: list[ItemLink], keyed: list[ItemLink],
                      needed: int) -> Finding:
    if not entry.items:
        what = "no assessment item measures it"
    elif not counted:
        what = f"only {', '.join(sorted({l.assessment_type for l in entry.items}))} items name it"
    else:
        what = f"{len(keyed)} of its {len(counted)} item(s) can be scored (the others lack an answer key)"
    critical = " It is marked critical, so it needs a skills-test, scenario-test or performance-step item." \
        if entry.critical else ""
    return ctx.finding(entry.pointer, f"Objective {entry.id} needs {needed} scorable item(s), but {what}.{critical}",
                       evidence=ctx.course.get(f"{entry.pointer}/text", ""),
                       suggestion=f"Add an item with `objectiveIds: [{entry.id}]` to a knowledge check or post-test.")


def _checks_only_at_end(ctx: CheckContext, checks: list[tuple[str, Mapping[str, Any]]]) -> Iterator[Finding]:
    modules = [module for _, module in ctx.course.entries("modules")]
    if len(modules) < table("assessment")["checks_throughout_min_modules"] or not checks:
        return
    last = modules[-1]["id"]
    if all(a.get("moduleId") == last or (not a.get("moduleId") and a["type"] == "post-test") for _, a in checks):
        yield ctx.finding("/assessments", f"All knowledge checks come at the end of a {len(modules)}-module course; "
                          "nothing shows learners or instructors how earlier modules landed.", effect="note",
                          evidence=", ".join(a["id"] for _, a in checks),
                          suggestion="Add short knowledge checks to earlier modules (set their moduleId).")


# -- LO-04 ----------------------------------------------------------------------------------

def lo04_applied_practice(ctx: CheckContext) -> Result:
    """Enough practice activities, one on labor trafficking, each with a debrief."""
    course, tables = ctx.course, table("practice")
    minimum, minimum_labor = ctx.param("practice.min_activities"), ctx.param("practice.min_labor")
    require_debrief = ctx.param("practice.require_debrief")
    practice = [(p, a) for p, a in course.entries("activities") if a["type"] in tables["practice_types"]]
    labor = [(p, a) for p, a in practice if _on_labor(course, p, a, tables)]
    types = ", ".join(tables["practice_types"])
    findings: list[Finding] = []
    if len(practice) < minimum:
        present = sorted({a["type"] for _, a in course.entries("activities")})
        findings.append(ctx.finding("/activities", f"The course has {len(practice)} practice activities "
                                    f"({types}); practice.min_activities = {minimum}.",
                                    evidence=", ".join(present) or "no activities",
                                    suggestion="Add a realistic scenario, case study or role-play with a debrief."))
    if len(labor) < minimum_labor:
        findings.append(ctx.finding("/activities", f"{len(labor)} practice activities are on labor trafficking; "
                                    f"practice.min_labor = {minimum_labor}.",
                                    evidence=", ".join(a["id"] for _, a in practice) or "no practice activities",
                                    suggestion="Add a labor-trafficking scenario or case study (and tag it "
                                               "`labor-trafficking`)."))
    modes = set(course.data["delivery"]["modes"])
    unfacilitated = bool(modes) and modes <= set(ctx.param("practice.unfacilitated_modes"))
    debriefed = 0
    for pointer, activity in practice:
        debrief = activity.get("debrief")
        if debrief is None:
            if require_debrief and unfacilitated:
                findings.append(ctx.finding(
                    f"{pointer}/debrief", f"Practice activity {activity['id']} ({activity['type']}) has no debrief; "
                    f"the course is delivered {', '.join(sorted(modes))} only, with no facilitator, so a reviewer "
                    "should check that the exercise itself gives feedback on each choice.",
                    effect="needs-review", evidence=activity["title"],
                    suggestion="Give feedback on each decision in the exercise, or record it as `debrief`."))
            elif require_debrief:
                findings.append(ctx.finding(f"{pointer}/debrief", f"Practice activity {activity['id']} "
                                            f"({activity['type']}) has no debrief.", evidence=activity["title"],
                                            suggestion="Add `debrief: {minutes: ..., facilitatorGuide: ...}` so "
                                                       "that practice ends with feedback."))
            continue
        debriefed += 1
        if not debrief.get("minutes") and not str(debrief.get("facilitatorGuide") or "").strip():
            findings.append(ctx.finding(f"{pointer}/debrief/minutes", f"The debrief of {activity['id']} has no "
                                        "minutes and no facilitator guide.", effect="note",
                                        evidence=activity["title"],
                                        suggestion="Give the debrief time and a facilitator guide."))
        if not (activity.get("text") or activity.get("description")):
            findings.append(ctx.finding(f"{pointer}/text", f"Practice activity {activity['id']} has no text or "
                                        "description, so a reviewer cannot judge whether it is realistic and "
                                        "non-sensational.", effect="note", evidence=activity["title"],
                                        suggestion="Add the scenario or case text."))

    units = [min(1.0, len(practice) / minimum) if minimum > 0 else 1.0,
             min(1.0, len(labor) / minimum_labor) if minimum_labor > 0 else 1.0]
    if require_debrief:
        units += [1.0] * debriefed + [0.0] * (len(practice) - debriefed)
    reason = (f"{len(practice)} practice activities (practice.min_activities = {minimum}), {len(labor)} on labor "
              f"trafficking (practice.min_labor = {minimum_labor}), {debriefed} debriefed "
              f"(practice.require_debrief = {str(require_debrief).lower()}).")
    return findings_result(ctx, findings, reason, score=sum(units) / len(units), severity=None)


def _on_labor(course, pointer: str, activity: Mapping[str, Any], tables) -> bool:
    """The activity's own text teaches labor trafficking, or it teaches neither form inside a module that teaches
    labor trafficking only."""
    labor, sex = tables["labor_tag"], tables["sex_tag"]
    if teaches(course, pointer, labor):
        return True
    if teaches(course, pointer, sex):
        return False
    module = course.by_id(activity["moduleId"])
    return module is not None and teaches(course, module.pointer, labor) and not teaches(course, module.pointer, sex)
