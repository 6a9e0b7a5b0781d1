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


#: An essential criterion that fails with at least this share of its credit is partly met (Quality Matters'
#: "met at about the 85 % level"); a rubric sets its own in ``verdict.essential_met_at``.
ESSENTIAL_MET_AT = 0.85


def severity_verdict(results: Iterable[RuleResult], *, essential_met_at: float = ESSENTIAL_MET_AT) -> tuple[str, str]:
    """The guide's severity rule (§3): (verdict, the reason it applied, naming each deciding criterion).

    - ``not-recommended``: a failure at error severity (harm), or an essential criterion substantially
      unmet (its credit below ``essential_met_at``);
    - ``revise``: a failure at warning severity, or an essential criterion partly met (credit at or above
      ``essential_met_at``);
    - ``pending-review``: reviews (or errored checks) left at error or warning severity, or essential;
    - ``recommended``: otherwise.
    """
    results = list(results)
    failed = [r for r in results if r.outcome == "fail"]
    harm = [r for r in failed if r.severity == "error"]
    essential = [r for r in failed if r.essential and r.severity != "error"]
    unmet = [r for r in essential if (r.score or 0.0) < essential_met_at]
    partly = [r for r in essential if r not in unmet]
    if harm or unmet:
        reasons = [f"{_list([r.rule_id for r in harm])} failed at error severity"] if harm else []
        reasons += [_shortfall(unmet, essential_met_at, "substantially unmet")] if unmet else []
        return "not-recommended", "; ".join(reasons)
    warnings = [r for r in failed if r.severity == "warning" and not r.essential]
    if warnings or partly:
        reasons = [f"{_list([r.rule_id for r in warnings])} failed at warning severity"] if warnings else []
        reasons += [_shortfall(partly, essential_met_at, "partly met")] if partly else []
        return "revise", "; ".join(reasons)
    pending = [r.rule_id for r in results if r.outcome in PENDING and (r.severity in ("error", "warning") or r.essential)]
    if pending:
        return "pending-review", f"{_list(pending)} await a reviewer or could not be checked"
    return "recommended", "no criterion failed at error or warning severity and none awaits review"


def _shortfall(results: list[RuleResult], met_at: float, state: str) -> str:
    """'essential LO-03 (credit 40%) is substantially unmet (below essential_met_at = 85%)', several in one clause."""
    credits = [f"{r.rule_id} (credit {(r.score or 0.0):.0%})" for r in results]
    named = ", ".join(credits[:-1]) + f" and {credits[-1]}" if len(credits) > 1 else credits[0]
    verb = "are" if len(credits) > 1 else "is"
    relation = "below" if (results[0].score or 0.0) < met_at else "at or above"
    return f"essential {named} {verb} {state} ({relation} essential_met_at = {met_at:.0%})"


def threshold_verdict(results: Iterable[RuleResult], score: Score, threshold: float, *,
                      essential_met_at: float = ESSENTIAL_MET_AT) -> tuple[str, str]:
    """The threshold rule: essential gates first (an essential criterion failed with at least
    ``essential_met_at`` of its credit counts as met), then the score against the threshold."""
    results = list(results)
    failed = [r for r in results if r.essential and r.outcome == "fail" and (r.score or 0.0) < essential_met_at]
    if failed:
        return "does-not-meet", _shortfall(failed, essential_met_at, "not met")
    pending = [r.rule_id for r in results if r.essential and r.outcome in PENDING]
    if pending:
        return "incomplete", f"essential {_list(pending)} await a reviewer or could not be checked"
    value = score.value if score.value is not None else 0.0
    if value >= threshold:
        return "meets", f"score {value:g} is at or above the threshold {threshold:g} and every essential criterion is met"
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
