"""Deterministic generator of realistic course documents (format 1.0) for the benchmarks.

Every course is built from fixed banks of sentences, titles and vocabulary with a seeded
``random.Random`` per course, so ``generate_course(7)`` is the same document on every machine
and every run. A course has objectives, modules with several paragraphs of Markdown text and
an outline, activities with debriefs, assessments with items and choices, a non-overlapping
schedule, instructors, development, materials, references, statistics, a glossary,
resources, safeguards, evaluation and a lifecycle (see /work/shared/design/course-format.md).
Module texts are grown paragraph by paragraph until the pretty-printed JSON reaches
``target_bytes`` (50 KB by default).

Run: ``python bench/generate.py OUT_DIR [--count 500] [--bytes 50000] [--check]`` writes
``course-0000.json`` ... and, with ``--check``, validates every one with ``vetkit.validate``
(errors or warnings make it exit 1).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from scan import PLAIN  # bench/scan.py: one bank of ordinary course sentences for every bench input

SEED = 20261125
TARGET_BYTES = 50_000

# -- banks ------------------------------------------------------------------------------------------

#: Sentences that lexical checks should notice (a few per course).
HITS = [
    "Officers rescued four women from the massage parlor during the operation.",
    "Never refer to a fifteen-year-old as a child prostitute; she is a victim of trafficking.",
    "Myth: Trafficking requires moving a person across a state line. Fact: No movement is needed.",
    "The pimp kept the money and set a nightly quota.",
    "Do not ask the boyfriend to interpret for her.",
    "Services are available only if the victim agrees to cooperate with the prosecution.",
    "Victims will ask for help when they are ready.",
    "The slide shows a girl in chains behind bars.",
]

THEMES = [
    {"title": "Defining human trafficking", "topics": ["legal-federal", "sex-trafficking", "labor-trafficking", "myths"],
     "headings": ["Definitions", "Force, fraud and coercion", "Myth and fact"], "verb": "explain", "bloom": "understand",
     "objective": "Explain the elements of sex and labor trafficking under federal and state law."},
    {"title": "Recognizing indicators on patrol", "topics": ["indicators", "first-contact", "labor-trafficking"],
     "headings": ["Indicators at the scene", "Workplaces and housing", "What to write down"], "verb": "identify",
     "bloom": "apply", "objective": "Identify indicators of labor and sex trafficking during routine contacts."},
    {"title": "Victim-centered first contact", "topics": ["victim-centered", "trauma-informed", "first-contact", "victim-behavior"],
     "headings": ["Safety first", "Explaining who you are", "When the person does not disclose"], "verb": "demonstrate",
     "bloom": "apply", "objective": "Demonstrate a victim-centered first contact with an adult who does not self-identify."},
    {"title": "Interviewing with interpreters and advocates", "topics": ["interviewing", "interpreters", "trauma-informed"],
     "headings": ["Before the interview", "Working with an interpreter", "The advocate's role"], "verb": "conduct",
     "bloom": "apply", "objective": "Conduct a trauma-informed interview with a qualified interpreter and an advocate."},
    {"title": "Labor trafficking investigations", "topics": ["labor-trafficking", "labor-law", "corroboration", "financial"],
     "headings": ["Referral from Wage and Hour", "Payroll and housing records", "Back wages and restitution"],
     "verb": "plan", "bloom": "create", "objective": "Plan a labor-trafficking investigation with labor inspectors."},
    {"title": "Minors and the child-welfare response", "topics": ["minors", "missing-children", "referrals"],
     "headings": ["No force required", "Notifying child welfare", "Runaway and homeless youth"], "verb": "describe",
     "bloom": "understand", "objective": "Describe the mandatory response when a minor is involved in commercial sex."},
    {"title": "Non-criminalization and victim rights", "topics": ["non-criminalization", "victim-rights", "charging"],
     "headings": ["Compelled offenses", "Rights in proceedings", "Charging decisions"], "verb": "apply",
     "bloom": "apply", "objective": "Apply non-criminalization principles to offenses a victim was compelled to commit."},
    {"title": "Immigration relief for foreign-national victims", "topics": ["immigration-relief", "victim-rights", "referrals"],
     "headings": ["Continued Presence", "T and U visa certifications", "Working with federal partners"],
     "verb": "determine", "bloom": "analyze",
     "objective": "Determine which immigration protections apply to a foreign-national victim."},
    {"title": "Digital and financial evidence", "topics": ["technology", "financial", "corroboration"],
     "headings": ["Phones and advertisements", "Following the money", "Corroboration beyond testimony"],
     "verb": "develop", "bloom": "create", "objective": "Develop a corroboration plan using digital and financial evidence."},
    {"title": "Documentation and case reports", "topics": ["documentation", "policy-protocol", "data-metrics"],
     "headings": ["The narrative", "The checklist", "Data the task force needs"], "verb": "document",
     "bloom": "apply", "objective": "Document a trafficking case using the agency's case report checklist."},
    {"title": "Partnerships and referrals", "topics": ["partnerships", "referrals", "cultural-responsiveness"],
     "headings": ["Who to call", "Service providers", "Culturally responsive referrals"], "verb": "select",
     "bloom": "evaluate", "objective": "Select the right referral partner for a victim's immediate needs."},
    {"title": "Vicarious trauma and officer wellness", "topics": ["vicarious-trauma", "trauma-informed"],
     "headings": ["Recognizing the signs", "Organizational supports", "Peer support"], "verb": "describe",
     "bloom": "understand", "objective": "Describe strategies to prevent and respond to vicarious trauma."},
    {"title": "Demand reduction", "topics": ["demand", "sex-trafficking", "charging"],
     "headings": ["Buyers and the market", "Enforcement options", "Avoiding harm to victims"], "verb": "evaluate",
     "bloom": "evaluate", "objective": "Evaluate demand-reduction strategies that hold buyers accountable."},
]

TYPOLOGIES = ["illicit-massage", "domestic-work", "agriculture", "restaurants", "construction", "hospitality",
              "escort-services", "commercial-cleaning", "traveling-sales-crews", "health-beauty", "landscaping"]
POPULATIONS = ["adults", "minors", "women-girls", "men-boys", "lgbtq", "us-citizens", "foreign-nationals", "lep",
               "runaway-homeless-youth", "foster-youth"]
ROLES = ["patrol", "investigator", "task-force", "supervisor", "dispatcher", "corrections", "prosecutor",
         "victim-services", "school-resource-officer", "trainer"]
STATES = ["TX", "CA", "FL", "NY", "OH", "GA", "WA", "AZ", "MN", "NC", "MI", "PA", "CO", "OR"]
ACTIVITY_TYPES = ["case-study", "scenario", "role-play", "tabletop", "discussion", "video", "practical-exercise"]
DISCIPLINES = ["law-enforcement", "prosecution", "victim-services", "legal", "immigration", "mental-health", "labor",
               "survivor-leader", "academic"]
GLOSSARY = [
    ("Victim", "A legal status that carries rights and eligibility for services; used in reports."),
    ("Survivor", "A person who has lived through trafficking; many prefer this word outside legal settings."),
    ("Coercion", "Threats of serious harm, a scheme to make a person believe they would suffer harm, or abuse of legal process."),
    ("Debt bondage", "Labor demanded as a means of repaying a debt whose value is never reasonably applied to it."),
    ("Continued Presence", "A temporary immigration status that federal law enforcement requests for a victim."),
    ("Qualified interpreter", "A trained, impartial interpreter who is not a friend, relative or co-worker of the person."),
    ("Advocate", "A victim-service professional who supports the person and explains their rights."),
    ("Non-criminalization", "Not charging victims for offenses they were compelled to commit as a direct result of trafficking."),
    ("Commercial sex act", "Any sex act on account of which anything of value is given to or received by any person."),
    ("Labor trafficking", "Obtaining labor or services through force, fraud or coercion."),
    ("Sex trafficking", "Inducing a commercial sex act by force, fraud or coercion, or with a person under 18."),
    ("Smuggling", "A crime against a border: moving a person across it illegally, usually with their consent."),
    ("Vicarious trauma", "The cumulative effect on helpers of repeated exposure to others' traumatic experiences."),
    ("Restitution", "Money a court orders the offender to pay the victim, including lost wages."),
]
REFERENCES = [
    ("Trafficking Victims Protection Act: definitions", "statute", "22 U.S.C. 7102"),
    ("Forced labor", "statute", "18 U.S.C. 1589"),
    ("Sex trafficking of children or by force, fraud, or coercion", "statute", "18 U.S.C. 1591"),
    ("Mandatory restitution", "statute", "18 U.S.C. 1593"),
    ("Global Estimates of Modern Slavery", "report", "ILO, Walk Free and IOM, 2022"),
    ("Trafficking in Persons Report", "report", "U.S. Department of State, 2025"),
    ("Human trafficking task force e-guide", "manual", "OVC Training and Technical Assistance Center"),
    ("Continued Presence resource guide", "manual", "DHS Center for Countering Human Trafficking"),
    ("Language access plan", "policy", "Department general order 4-12"),
    ("Victim notification policy", "policy", "Department general order 6-03"),
    ("National Human Trafficking Hotline data", "website", "Polaris"),
    ("Identifying labor trafficking in the workplace", "research", "Urban Institute"),
]
STATISTICS = [
    ("About 50 million people were living in modern slavery in 2021.", "about 50 million", 2021),
    ("About 27.6 million people were in forced labor on any given day in 2021.", "27.6 million", 2021),
    ("Forced commercial sexual exploitation accounted for about 6.3 million people in 2021.", "6.3 million", 2021),
    ("The hotline identified more than 10,000 situations of trafficking in the United States in 2023.", "10,000", 2023),
    ("Most victims identified through the hotline were recruited by someone they knew.", "most", 2023),
    ("Labor trafficking cases are prosecuted far less often than sex trafficking cases.", "far less often", 2024),
]
RESOURCES = [
    ("National Human Trafficking Hotline", "hotline", "1-888-373-7888"),
    ("HSI Tip Line", "federal-law-enforcement", "1-866-347-2423"),
    ("FBI field office, violent crimes unit", "federal-law-enforcement", "1-800-225-5324"),
    ("Regional victim services coalition", "victim-services", "555-0142"),
    ("County child protective services intake", "child-welfare", "555-0199"),
    ("Immigrant legal aid clinic", "legal-aid", "555-0117"),
    ("Emergency shelter network", "shelter", "555-0163"),
    ("Employee assistance program", "wellness", "555-0180"),
    ("Peer support team", "wellness", "555-0181"),
    ("Regional human trafficking task force", "task-force", "555-0100"),
]


# -- building ---------------------------------------------------------------------------------------


def _date(rng: random.Random, year_from: int, year_to: int) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _paragraph(rng: random.Random, hit_rate: float) -> str:
    return " ".join(rng.choice(HITS) if rng.random() < hit_rate else rng.choice(PLAIN)
                    for _ in range(rng.randint(4, 7)))


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def generate_course(index: int = 0, *, seed: int = SEED, target_bytes: int = TARGET_BYTES,
                    hit_rate: float = 0.02) -> dict[str, Any]:
    """Course number ``index`` of the set: the same document for the same arguments, everywhere."""
    rng = random.Random(seed * 1_000_003 + index)
    themes = rng.sample(THEMES, rng.randint(5, 8))
    n_mod = len(themes)

    objectives = []
    for number, theme in enumerate(themes, 1):
        objectives.append({
            "id": f"OBJ-{number:02d}", "text": theme["objective"], "verb": theme["verb"],
            "condition": rng.choice(["given a scenario", "given a case narrative", "in a role-play",
                                     "in a written item", "given a fact pattern and the statutes"]),
            "criterion": rng.choice(["every critical step", "with 80% accuracy", "at most one error",
                                     "three independent sources", "all mandatory fields complete"]),
            "bloom": theme["bloom"],
            **({"critical": True} if rng.random() < 0.3 else {}),
        })

    advisories = [{"id": "ADV-COURSE", "topics": ["sexual-violence", "child-abuse", "labor-exploitation", "violence"],
                   "placement": "before-course",
                   "text": "Cases cover sexual violence, child exploitation and forced labor; no graphic images. "
                           "Step out at any time."}]
    modules, texts = [], []
    for number, theme in enumerate(themes, 1):
        module_id = f"MOD-{number:02d}"
        module: dict[str, Any] = {
            "id": module_id, "title": theme["title"], "minutes": rng.choice([45, 60, 75, 90, 105, 120]),
            "objectiveIds": [f"OBJ-{number:02d}"], "topics": list(theme["topics"]),
            "populations": rng.sample(POPULATIONS, rng.randint(1, 4)),
            "summary": f"{theme['title']}: {theme['objective'][0].lower()}{theme['objective'][1:]}",
        }
        if "labor-trafficking" in theme["topics"] or "sex-trafficking" in theme["topics"]:
            module["typologies"] = rng.sample(TYPOLOGIES, rng.randint(1, 3))
        if rng.random() < 0.4:
            advisory_id = f"ADV-{number:02d}"
            advisories.append({"id": advisory_id, "topics": rng.sample(["sexual-violence", "labor-exploitation",
                                                                        "violence", "child-abuse"], 2),
                               "placement": "before-module", "text": "This module describes abuse and control."})
            module["advisoryIds"] = [advisory_id]
        module["outline"] = [{"title": heading} for heading in theme["headings"]]
        module["outline"][-1]["children"] = [{"title": "Practice"}, {"title": "Check"}]
        sections = [[heading, [_paragraph(rng, hit_rate)] if first else []] for first, heading in
                    zip((True, False, False), theme["headings"])]
        texts.append(sections)
        modules.append(module)

    activities = []
    for number, module in enumerate(modules, 1):
        kind = rng.choice(ACTIVITY_TYPES)
        activities.append({
            "id": f"ACT-{number:02d}", "title": f"{kind.replace('-', ' ').capitalize()}: {module['title'].lower()}",
            "type": kind, "minutes": rng.choice([20, 30, 40]), "moduleId": module["id"],
            "objectiveIds": list(module["objectiveIds"]),
            "description": rng.choice(PLAIN), "text": _paragraph(rng, hit_rate),
            "tags": rng.sample(module["topics"], min(2, len(module["topics"]))),
            "debrief": {"minutes": 10, "facilitatorGuide": rng.choice(PLAIN)},
            "consent": rng.choice(["fictional", "de-identified"]),
        })

    assessments, item_count = [], 0
    for number in range(1, n_mod + 1, 2):
        module = modules[number - 1]
        objective_ids = [o for m in modules[number - 1:number + 1] for o in m["objectiveIds"]]
        items = []
        for _ in range(rng.randint(2, 4)):
            item_count += 1
            item_id = f"ITEM-{item_count:03d}"
            kind = rng.choice(["choice", "true-false", "short-answer", "choice"])
            item: dict[str, Any] = {"id": item_id, "type": kind, "prompt": rng.choice(PLAIN).rstrip(".") + ": why?",
                                    "objectiveIds": [rng.choice(objective_ids)],
                                    "bloom": rng.choice(["remember", "understand", "apply", "analyze"])}
            if kind == "choice":
                correct = rng.randrange(3)
                item["choices"] = [{"id": f"{item_id}-{letter}", "text": rng.choice(PLAIN), "correct": i == correct,
                                    **({"feedback": "Review the module text."} if i != correct else {})}
                                   for i, letter in enumerate("abc")]
            elif kind == "true-false":
                answer = rng.random() < 0.5
                item["choices"] = [{"id": f"{item_id}-t", "text": "True", "correct": answer},
                                   {"id": f"{item_id}-f", "text": "False", "correct": not answer}]
            else:
                item["answer"] = rng.choice(PLAIN)
            if rng.random() < 0.5:
                item["rationale"] = rng.choice(PLAIN)
            items.append(item)
        assessments.append({
            "id": f"ASM-KC{number:02d}", "title": f"Knowledge check: {module['title'].lower()}",
            "type": "knowledge-check", "purpose": "formative", "moduleId": module["id"],
            "objectiveIds": objective_ids, "remediation": "Missed items are reviewed before the next module.",
            "items": items,
        })
    all_objectives = [o["id"] for o in objectives]
    post_items = []
    for objective_id in all_objectives:
        item_count += 1
        post_items.append({"id": f"ITEM-{item_count:03d}", "type": "short-answer",
                           "prompt": f"In your own words: {rng.choice(PLAIN)}", "answer": rng.choice(PLAIN),
                           "objectiveIds": [objective_id], "bloom": "apply"})
    assessments.append({"id": "ASM-POST", "title": "Post-test", "type": "post-test", "purpose": "summative",
                        "objectiveIds": all_objectives, "passing": {"type": "percent", "value": 80},
                        "remediation": "Participants below 80% repeat the missed modules.", "items": post_items})

    instructors = [{"id": "INS-LEAD", "name": "Lead instructor", "role": "lead", "disciplines": ["law-enforcement"],
                    "htExperienceYears": rng.randint(5, 20), "traumaInformedTrained": True,
                    "qualifications": [{"name": "Instructor certification", "issuer": "State POST",
                                        "validUntil": _date(rng, 2027, 2029)}]}]
    for number in range(1, rng.randint(2, 4) + 1):
        instructors.append({"id": f"INS-{number:02d}", "role": rng.choice(["co-facilitator", "guest", "survivor-leader"]),
                            "disciplines": rng.sample(DISCIPLINES, rng.randint(1, 2)),
                            "htExperienceYears": rng.randint(2, 15), "traumaInformedTrained": rng.random() < 0.8,
                            "moduleIds": [m["id"] for m in rng.sample(modules, 2)]})

    schedule, day, clock, days = [], 1, 8 * 60, 1
    for module in modules:
        if clock + module["minutes"] > 17 * 60:
            day, clock = day + 1, 8 * 60
        schedule.append({"day": day, "start": _clock(clock), "end": _clock(clock + module["minutes"]),
                         "moduleId": module["id"], "instructorIds": ["INS-LEAD"]})
        clock += module["minutes"] + 15
        days = day
    total = sum(m["minutes"] for m in modules)

    references = [{"id": f"REF-{number:02d}", "title": title, "type": kind, "citation": citation,
                   "url": f"https://www.example.org/ref/{number}", "accessed": _date(rng, 2025, 2026),
                   **({"published": _date(rng, 2015, 2024)} if kind in ("report", "research") else {})}
                  for number, (title, kind, citation) in enumerate(rng.sample(REFERENCES, rng.randint(7, 10)), 1)]
    statistics = [{"id": f"STAT-{number:02d}", "claim": claim, "value": value, "year": year,
                   "referenceId": rng.choice(references)["id"], "moduleId": rng.choice(modules)["id"]}
                  for number, (claim, value, year) in enumerate(rng.sample(STATISTICS, rng.randint(3, 5)), 1)]
    resources = [{"id": f"RES-{number:02d}", "name": name, "type": kind, "phone": phone,
                  "available": rng.choice(["24/7", "weekdays 8-5", "24/7, 200+ languages"]),
                  "local": kind not in ("hotline", "federal-law-enforcement")}
                 for number, (name, kind, phone) in enumerate(RESOURCES[:2] + rng.sample(RESOURCES[2:], rng.randint(4, 7)), 1)]
    wellness = [r["id"] for r in resources if r["type"] in ("wellness", "victim-services")] or [resources[0]["id"]]
    materials = [{"id": "MAT-SLIDES", "title": "Course slide deck", "type": "slides",
                  "description": "One deck per module with speaker notes; composite cases only.",
                  "accessibility": {"captions": True, "languages": ["en", "es"]}},
                 {"id": "MAT-CARD", "title": "Pocket card: first contact", "type": "job-aid", "moduleId": modules[0]["id"],
                  "text": " ".join(rng.choice(PLAIN) for _ in range(6))},
                 {"id": "MAT-VIDEO", "title": "Video: a worksite visit", "type": "video", "moduleId": modules[-1]["id"],
                  "transcript": _paragraph(rng, 0.0), "depicts": ["adult", "officer", "labor-setting"],
                  "consent": "fictional", "accessibility": {"captions": True, "transcript": True}}]

    course: dict[str, Any] = {
        "vetkit": "1.0", "id": f"GEN-{index:04d}", "title": f"Human Trafficking {rng.choice(['Essentials', 'Investigations', 'for Patrol', 'Response'])} {index}",
        "version": f"{rng.randint(1, 4)}.{rng.randint(0, 9)}",
        "description": "A course for law-enforcement officers and their partners on recognizing and responding to human trafficking.",
        "purpose": "Officers who recognize trafficking and respond in a victim-centered way identify more victims and build stronger cases.",
        "language": "en", "availableLanguages": ["en", "es"],
        "provider": {"name": f"Regional Law Enforcement Academy {index % 37}", "url": "https://www.example.org/academy",
                     "type": rng.choice(["academy", "agency", "association"])},
        "funding": [{"source": "State training grant", "award": f"EXAMPLE-{index:04d}"}],
        "audience": {"roles": rng.sample(ROLES, rng.randint(1, 4)),
                     "experience": rng.choice(["recruit", "in-service", "specialist"]),
                     "readingLevel": rng.randint(9, 13), "agencies": ["local police", "sheriff's offices"]},
        "level": rng.choice(["awareness", "operational", "advanced"]),
        "prerequisites": ["Sworn officer or partner-agency staff"],
        "jurisdiction": {"country": "US", "state": rng.choice(STATES)},
        "stateLawAsOf": _date(rng, 2025, 2026),
        "delivery": {"modes": ["in-person"], "totalMinutes": total, "days": days, "maxParticipants": 30},
        "objectives": objectives, "modules": modules, "activities": activities, "assessments": assessments,
        "schedule": schedule, "instructors": instructors,
        "development": {"smeDisciplines": rng.sample(DISCIPLINES, 5),
                        "survivorInvolvement": {"stages": ["design", "review"], "compensated": True, "storyRequired": False},
                        "pilotTested": True, "instructorGuide": True},
        "materials": materials, "references": references, "statistics": statistics,
        "glossary": [{"term": term, "definition": definition}
                     for term, definition in rng.sample(GLOSSARY, rng.randint(8, 12))],
        "resources": resources,
        "safeguards": {"advisories": advisories, "optOut": "Leave any session without giving a reason.", "breaks": True,
                       "participantSupport": wellness, "acknowledgesSurvivorsPresent": True,
                       "facilitatorPreparation": "Instructors rehearse the disclosure protocol before each delivery."},
        "evaluation": {"levels": [{"level": 1, "instrument": "End-of-course survey", "timing": "end of course"},
                                  {"level": 2, "instrument": "Post-test", "measures": ["score per objective"]},
                                  {"level": 3, "instrument": "Supervisor survey", "timing": "90 days after"}],
                       "followUpDays": 90, "resultsMetrics": ["victims referred to services", "labor cases opened"]},
        "lifecycle": {"owner": "Training division", "lastReviewed": _date(rng, 2025, 2026), "reviewCycleMonths": 24,
                      "history": [{"date": _date(rng, 2020, 2024), "version": "1.0", "summary": "First delivery.",
                                   "feedbackSources": ["participants", "victim-services"]}],
                      "approvals": [{"authority": "State POST commission", "status": "approved",
                                     "validUntil": _date(rng, 2027, 2029)}]},
    }
    _fill_texts(course, texts, rng, target_bytes, hit_rate)
    return course


def _render_text(sections) -> str:
    return "\n\n".join(f"### {heading}\n\n" + "\n\n".join(paragraphs) for heading, paragraphs in sections)


def _fill_texts(course: dict[str, Any], texts, rng: random.Random, target_bytes: int, hit_rate: float) -> None:
    """Grow the module texts paragraph by paragraph, round robin, until the file reaches ``target_bytes``."""
    def apply() -> int:
        for module, sections in zip(course["modules"], texts):
            module["text"] = _render_text(sections)
        return len(serialize(course))

    size = apply()
    turn = 0
    while size < target_bytes:
        sections = texts[turn % len(texts)]
        section = sections[(turn // len(texts)) % len(sections)]
        paragraph = _paragraph(rng, hit_rate)
        section[1].append(paragraph)
        size += len(json.dumps(paragraph)) + 2  # two escaped newlines, one JSON-escaped paragraph
        turn += 1
    apply()


def serialize(course: dict[str, Any]) -> bytes:
    """The course as a person would write it: UTF-8 JSON, two-space indents, short objects on one line."""
    return (_pretty(course, "") + "\n").encode("utf-8")


def _pretty(value: Any, indent: str) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, (dict, list)) or len(flat) + len(indent) <= 110 or not value:
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        lines = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {_pretty(item, inner)}" for key, item in value.items()]
        return "{\n" + ",\n".join(lines) + f"\n{indent}}}"
    return "[\n" + ",\n".join(inner + _pretty(item, inner) for item in value) + f"\n{indent}]"


def write_courses(folder: str | Path, count: int, *, seed: int = SEED, target_bytes: int = TARGET_BYTES) -> list[Path]:
    """Write courses ``0..count-1`` as ``course-NNNN.json`` into ``folder``; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"course-{index:04d}.json"
        path.write_bytes(serialize(generate_course(index, seed=seed, target_bytes=target_bytes)))
        paths.append(path)
    return paths


def check_courses(paths) -> list[str]:
    """Problems (errors and warnings) of the given course files; empty when every one is clean."""
    import vetkit

    problems = []
    for path in paths:
        result = vetkit.validate(path)
        problems += [problem.format() for problem in result.problems]
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--bytes", type=int, default=TARGET_BYTES, help="target size of each course file")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--check", action="store_true", help="validate every course written")
    args = parser.parse_args()
    paths = write_courses(args.folder, args.count, seed=args.seed, target_bytes=args.bytes)
    sizes = [path.stat().st_size for path in paths]
    print(f"wrote {len(paths)} courses to {args.folder}: {min(sizes):,} to {max(sizes):,} bytes")
    if args.check:
        problems = check_courses(paths)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"validated {len(paths)} courses: {'all valid' if not problems else f'{len(problems)} problem(s)'}")
        sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
