"""The arithmetic: the course score, its coverage and range, and the verdict rule."""

from __future__ import annotations

from typing import Iterable

from .report import RuleResult, Score

PENDING = ("needs-review", "error")


def compute_score(results: Iterable[RuleResult]) -> Score:
    """Σ weight·score / Σ weight over conclusive results, with coverage and the pending range."""
    results = list(results)
    earned = sum(r.weight * (r.score or 0.0) for r in results if r.conclusive)
    conclusive = sum(r.weight for r in results if r.conclusive)
    pending = sum(r.weight for r in results if r.outcome in PENDING)
    applicable = conclusive + pending
    value = _percent(earned, conclusive) if conclusive else None
    minimum = _percent(earned, applicable) if applicable else 0.0
    maximum = _percent(earned + pending, applicable) if applicable else 100.0
    coverage = round(conclusive / applicable, 4) if applicable else 0.0
    return Score(value=value, minimum=minimum, maximum=maximum, coverage=coverage, earned=round(earned, 4),
                 conclusive_weight=round(conclusive, 4), pending_weight=round(pending, 4),
                 applicable_weight=round(applicable, 4))


def _percent(part: float, whole: float) -> float:
    return round(100.0 * part / whole, 2)


def severity_verdict(results: Iterable[RuleResult]) -> tuple[str, str]:
    """The guide's severity rule (§3): (verdict, the reason it applied)."""
    results = list(results)

    def ids(outcomes, severities, essential_only=False):
        return [r.rule_id for r in results if r.outcome in outcomes and r.severity in severities
                and (r.essential or not essential_only)]

    errors = ids(("fail",), ("error",))
    essential = [r.rule_id for r in results if r.essential and r.outcome == "fail" and r.rule_id not in errors]
    if errors or essential:
        blocking = errors + essential
        return "not-recommended", f"{_list(blocking)} failed at error severity or as an essential criterion"
    warnings = ids(("fail",), ("warning",))
    if warnings:
        return "revise", f"{_list(warnings)} failed at warning severity"
    pending = ids(PENDING, ("error", "warning")) + [r.rule_id for r in results
                                                     if r.essential and r.outcome in PENDING and r.severity == "info"]
    if pending:
        return "pending-review", f"{_list(pending)} await a reviewer or could not be checked"
    return "recommended", "no criterion failed at error or warning severity and none awaits review"


def threshold_verdict(results: Iterable[RuleResult], score: Score, threshold: float) -> tuple[str, str]:
    """The threshold rule: essential gates first, then the score against the threshold."""
    results = list(results)
    failed = [r.rule_id for r in results if r.essential and r.outcome == "fail"]
    if failed:
        return "does-not-meet", f"essential {_list(failed)} failed"
    pending = [r.rule_id for r in results if r.essential and r.outcome in PENDING]
    if pending:
        return "incomplete", f"essential {_list(pending)} await a reviewer or could not be checked"
    value = score.value if score.value is not None else 0.0
    if value >= threshold:
        return "meets", f"score {value:g} is at or above the threshold {threshold:g} and every essential criterion passed"
    return "does-not-meet", f"score {value:g} is below the threshold {threshold:g}"


def is_complete(results: Iterable[RuleResult]) -> bool:
    """False when an essential criterion could not be run (outcome ``error``)."""
    return not any(r.essential and r.outcome == "error" for r in results)


def _list(ids: list[str]) -> str:
    shown = ", ".join(ids[:8])
    return shown + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")


PASSING_VERDICTS = ("recommended", "meets")
PENDING_VERDICTS = ("pending-review", "incomplete")


def exit_code(report, *, fail_under: float | None = None, require_complete: bool = False) -> int:
    """0 recommended/meets (and pending unless ``require_complete``), 1 otherwise or below ``fail_under``."""
    if report.verdict in PENDING_VERDICTS:
        passed = not require_complete
    else:
        passed = report.verdict in PASSING_VERDICTS
    if require_complete and (not report.complete or any(r.outcome in PENDING for r in report.results)):
        passed = False
    if fail_under is not None and (report.score.value is None or report.score.value < fail_under):
        passed = False
    return 0 if passed else 1
