"""A fixed report and course for renderer tests: every outcome, every finding shape, every hazard.

Nothing here depends on the installed plugins, so the goldens made from it change only
when a renderer changes. Course text is hostile on purpose: markup (``<script>``), table
breakers (``|``), ampersands, both kinds of quotes, backticks and non-ASCII text.
"""

from __future__ import annotations

from attrs import evolve

from vetkit import scoring
from vetkit.alignment import alignment_map
from vetkit.report import Finding, Report, RuleResult

HOSTILE_TITLE = "<script>alert(1)</script> & \"Quotes\" | 'Pipes' — Café naïve ✓"
SHA = "0123456789abcdef" * 4


def _result(rule_id, title, category, severity, outcome, reason, *, findings=(), essential=False, weight=None,
            score=None, question=None, answered_by=None, plugin="vetkit-golden", method=("auto",)):
    weight = weight if weight is not None else {"error": 3.0, "warning": 2.0, "info": 1.0}[severity]
    if score is None and outcome in ("pass", "fail"):
        score = 1.0 if outcome == "pass" else 0.0
    return RuleResult(rule_id, title, category, plugin, method, severity, weight, essential, outcome, score, reason,
                      findings, question, {}, answered_by)


def synthetic_results() -> list[RuleResult]:
    """One result per interesting case, in rubric order."""
    return [
        _result("TI-07", "Avoids stigmatizing labels such as \"prostitute\" for victims", "trauma-informed", "error",
                "fail", "2 passages use a stigmatizing label for a victim", essential=True, findings=[
                    Finding("/modules/0/text", "\"child prostitute\" labels a victim as an offender", "fail",
                            "Officers met a child prostitute <b>near</b> the depot & called it in.",
                            "Say \"a child who was sex trafficked\"; use the person's name when you can.",
                            line=12, column=15, term="child prostitute"),
                    Finding("/materials/0/text", "\"illegals\" dehumanizes; <script>alert('x')</script>", "fail",
                            "…the <script>alert(1)</script> illegals were held…",
                            "Say \"a child who was sex trafficked\"; use the person's name when you can.",
                            line=40, column=9, term="illegals"),
                ]),
        _result("TI-03", "Tells facilitators to brief survivors before sensitive segments", "trauma-informed", "warning",
                "needs-review", "The advisory may or may not cover the video segment",
                question="Does the advisory before module M2 cover the video in activity A1 | yes or no?",
                findings=[Finding("/safeguards/advisories/0", "Advisory placement is \"before-course\" only",
                                  "needs-review", "Content note: this course discusses sexual violence & abuse.")]),
        _result("LO-01", "Every objective starts with an observable action verb", "learning", "warning", "fail",
                "1 of 3 objectives has no observable verb", findings=[
                    Finding("/objectives/1/text", "\"understand\" cannot be observed | measured", "fail",
                            "Understand `trafficking` vs. smuggling", "Start with a verb such as *identify* or _list_.",
                            line=7, column=5, term="Understand"),
                ]),
        _result("LO-03", "Assessment items measure the objectives", "learning", "info", "fail",
                "Half of the objectives are assessed", score=0.5, findings=[
                    Finding("/extensions/x~1y~0z", "Item in a key with / and ~ is not linked", "fail"),
                ]),
        _result("AU-02", "Reading level fits the audience", "audience", "info", "needs-review",
                "The reading level could not be estimated for short texts",
                question="Is the language plain enough for civilian staff?"),
        _result("RR-01", "Lists the national hotline", "resources", "error", "pass",
                "The national hotline is listed with its number", findings=[
                    Finding("/resources/0/phone", "Number format 1-888-373-7888 recognised", "note", "1-888-373-7888"),
                ]),
        _result("RR-02", "Lists local referral partners", "resources", "warning", "pass",
                "The reviewer confirmed the local partners", answered_by="review", findings=[
                    Finding("/resources/2", "Evidence cited by Dana Reviewer.", "note"),
                ], method=("manual",)),
        _result("CV-03", "Covers trafficking of minors", "coverage", "warning", "not-applicable",
                "The course is for dispatchers; minors are covered elsewhere"),
        _result("AC-05", "Statistics cite a source and a year", "accuracy", "warning", "error",
                "The check of plugin 'vetkit-golden' raised KeyError: 'year' <in check>."),
        _result("EV-01", "Evaluates beyond reaction surveys", "evaluation", "info", "pass",
                "Level 2 and 3 evaluations are planned", weight=1.5),
    ]


#: The rule metadata a report carries for criteria that need attention: a rationale with markup in it,
#: and a how-to-fix for a failure whose findings suggest nothing.
ADVICE = {
    "TI-07": {"rationale": "Labels like <em>\"child prostitute\"</em> contradict the law & blame the victim."},
    "LO-03": {"rationale": "Without checks nobody knows whether learning happened.",
              "how_to_fix": "Link every objective to at least one item | and say how learners are remediated."},
}


def synthetic_report() -> Report:
    """The fixed report every golden file of ``synthetic`` is rendered from."""
    results = [evolve(result, **ADVICE.get(result.rule_id, {})) for result in synthetic_results()]
    score = scoring.compute_score(results)
    verdict, why = scoring.severity_verdict(results)
    return Report(
        tool_version="0.1.0",
        course={"id": "HT-<999>", "version": "2.0 \"beta\"", "title": HOSTILE_TITLE, "sha256": SHA,
                "file": "courses/ht&999 | draft.json"},
        rubric={"id": "ht-training", "version": "1.0", "title": "Human-trafficking training <vetting>",
                "verdictRule": "severity", "threshold": None},
        as_of="2026-11-25", verdict=verdict, complete=scoring.is_complete(results), score=score, results=results,
        plugins=[{"name": "vetkit", "distribution": "vetkit", "version": "0.1.0", "status": "loaded", "error": None,
                  "rules": []},
                 {"name": "vetkit-golden", "distribution": None, "version": None, "status": "loaded", "error": None,
                  "rules": [r.rule_id for r in results]},
                 {"name": "broken<plugin>", "distribution": "vetkit-broken", "version": "9.9", "status": "failed",
                  "error": "import failed: ModuleNotFoundError: No module named 'x<y>'", "rules": []}],
        review={"file": "courses/ht.review.yaml", "reviewer": {"name": "Dana Reviewer", "role": "SME"},
                "date": "2026-11-20", "stale": False, "staleReason": None, "applied": ["RR-02"]},
        notices=["plugin broken<plugin> failed: import failed: ModuleNotFoundError: No module named 'x<y>'"],
        verdict_reason=why, alignment=alignment_map(synthetic_course()).to_json())


def synthetic_course() -> dict:
    """A course document (plain data) for the alignment map, with an orphan of every kind."""
    return {
        "vetkit": "1.0", "id": "HT-<999>", "title": HOSTILE_TITLE, "version": "2.0",
        "objectives": [
            {"id": "O1", "text": "Identify <three> indicators | of labor trafficking & smuggling", "critical": True},
            {"id": "O2", "text": "Understand `trafficking` — naïve café"},
            {"id": "O3", "text": "Never taught nor assessed"},
        ],
        "modules": [
            {"id": "M1", "title": "One", "minutes": 30, "objectiveIds": ["O1", "O2"]},
            {"id": "M2<x>", "title": "Orphan module", "minutes": 10, "objectiveIds": []},
        ],
        "activities": [
            {"id": "A1", "title": "Scenario", "type": "scenario", "minutes": 10, "moduleId": "M1",
             "objectiveIds": ["O1"]},
        ],
        "assessments": [
            {"id": "KC1", "title": "Check", "type": "knowledge-check", "purpose": "formative", "objectiveIds": ["O2"],
             "items": [{"id": "Q1", "type": "choice", "prompt": "?", "objectiveIds": ["O1"]},
                       {"id": "Q2", "type": "choice", "prompt": "?"}]},
            {"id": "KC2", "title": "Loose", "type": "knowledge-check", "purpose": "formative", "objectiveIds": [],
             "items": [{"id": "Q3&", "type": "short-answer", "prompt": "?"}]},
        ],
    }
