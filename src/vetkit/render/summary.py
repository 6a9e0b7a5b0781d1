"""What every report format says the same way: category totals, labels, the order of problems."""

from __future__ import annotations

from typing import Iterable

from attrs import frozen

OUTCOME_ORDER = {"fail": 0, "error": 1, "needs-review": 2, "pass": 3, "not-applicable": 4}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
OUTCOME_LABELS = {"pass": "pass", "fail": "fail", "needs-review": "review", "not-applicable": "n/a", "error": "error"}
VERDICT_LABELS = {
    "recommended": "Recommended", "pending-review": "Pending review", "revise": "Revise",
    "not-recommended": "Not recommended", "meets": "Meets", "incomplete": "Incomplete",
    "does-not-meet": "Does not meet", "invalid": "Invalid",
}
#: Verdicts from best to worst (a verdict later in the list is worse).
VERDICT_RANK = {"recommended": 0, "meets": 0, "pending-review": 1, "incomplete": 1, "revise": 2,
                "not-recommended": 3, "does-not-meet": 3, "invalid": 4}
#: The tone of a verdict: good, pending, warn or bad (used for colours).
VERDICT_TONES = {"recommended": "good", "meets": "good", "pending-review": "pending", "incomplete": "pending",
                 "revise": "warn", "not-recommended": "bad", "does-not-meet": "bad", "invalid": "bad"}


def verdict_label(verdict: str) -> str:
    """``not-recommended`` → ``Not recommended``."""
    return VERDICT_LABELS.get(verdict, verdict.replace("-", " ").capitalize())


def verdict_line(report) -> str:
    """The verdict on one line: ``REVISE  HT-101 Title (version 1.2): score 90.3/100; <why>.``"""
    course = report.course
    return _one_line(report.verdict, course.get("id"), course.get("title"), course.get("version"),
                     report.score.value, report.verdict_reason)


def row_verdict_line(row) -> str:
    """The same line for one row of a batch summary (an invalid file says so and counts its problems)."""
    if row.invalid:
        return f"INVALID  {row.path}: {len(row.problems)} problem(s), listed on stderr."
    return _one_line(row.verdict, row.course_id, row.title, row.version, row.score, row.reason)


def _one_line(verdict: str, course_id, title, version, score: float | None, reason: str | None) -> str:
    line = f"{verdict.upper()}  {course_id} {title} (version {version}): score {score_text(score)}/100"
    reason = " ".join(str(reason or "").split())
    return f"{line}; {reason}." if reason else f"{line}."


_OPENING_QUOTES = "\"“‘'«„"
_CLOSING_QUOTES = "\"”’'»“"


def quoted(evidence: str) -> str:
    """Evidence between “curly quotes”, unless it already opens or closes with a quote mark of its own."""
    if evidence[:1] in _OPENING_QUOTES or evidence[-1:] in _CLOSING_QUOTES:
        return evidence
    return f"\u201c{evidence}\u201d"


@frozen
class FindingView:
    """One finding as the reports list it: the evidence only where it is new within its criterion, and the fix
    after the last finding of a run that shares it (``fix_count`` findings)."""

    finding: object
    evidence: str
    fix: str | None
    fix_count: int


def finding_views(findings: Iterable) -> list[FindingView]:
    """``findings`` with repeated evidence folded and each fix given once per run of findings that share it."""
    findings = list(findings)
    seen: set[str] = set()
    views = []
    run = 0
    for index, finding in enumerate(findings):
        evidence = finding.evidence if finding.evidence and finding.evidence not in seen else ""
        seen.add(finding.evidence)
        run += 1
        following = findings[index + 1] if index + 1 < len(findings) else None
        if following is not None and following.suggestion == finding.suggestion:
            views.append(FindingView(finding, evidence, None, 0))
        else:
            views.append(FindingView(finding, evidence, finding.suggestion, run if finding.suggestion else 0))
            run = 0
    return views


def category_title(category: str) -> str:
    """The human name of a category slug."""
    from ..rules import CATEGORIES

    for slug, title in CATEGORIES.values():
        if slug == category:
            return title
    return category.replace("-", " ").capitalize() or "Other"


@frozen
class CategorySummary:
    """One category's results: counts by outcome and the weights behind its score."""

    slug: str
    title: str
    passed: int
    failed: int
    review: int
    not_applicable: int
    errors: int
    earned: float
    conclusive_weight: float
    pending_weight: float

    @property
    def percent(self) -> float | None:
        """Earned over conclusive weight, 0–100; None when nothing was conclusive."""
        if not self.conclusive_weight:
            return None
        return round(100.0 * self.earned / self.conclusive_weight, 1)

    @property
    def total(self) -> int:
        """How many criteria the category has in this report."""
        return self.passed + self.failed + self.review + self.not_applicable + self.errors


def categories(report) -> list[CategorySummary]:
    """A summary per category, in the order categories first appear in the report."""
    groups: dict[str, list] = {}
    for result in report.results:
        groups.setdefault(result.category, []).append(result)
    summaries = []
    for slug, results in groups.items():
        count = {outcome: sum(1 for r in results if r.outcome == outcome) for outcome in OUTCOME_ORDER}
        conclusive = [r for r in results if r.outcome in ("pass", "fail")]
        summaries.append(CategorySummary(
            slug, category_title(slug), count["pass"], count["fail"], count["needs-review"], count["not-applicable"],
            count["error"], round(sum(r.weight * (r.score or 0.0) for r in conclusive), 4),
            round(sum(r.weight for r in conclusive), 4),
            round(sum(r.weight for r in results if r.outcome in ("needs-review", "error")), 4)))
    return summaries


def ordered(results: Iterable) -> list:
    """Results by outcome (fail, error, review, pass, n/a), then severity, then id."""
    from ..rules import rule_sort_key

    return sorted(results, key=lambda r: (OUTCOME_ORDER.get(r.outcome, 9), SEVERITY_ORDER.get(r.severity, 9),
                                          rule_sort_key(r.rule_id)))


def counts(report) -> dict[str, int]:
    """How many criteria ended in each outcome."""
    return {outcome: sum(1 for r in report.results if r.outcome == outcome) for outcome in OUTCOME_ORDER}


def counts_text(report) -> str:
    """``12 passed, 3 failed, 2 to review``: the outcomes that occur."""
    number = counts(report)
    words = (("pass", "passed"), ("fail", "failed"), ("needs-review", "to review"),
             ("not-applicable", "not applicable"), ("error", "errored"))
    return ", ".join(f"{number[o]} {w}" for o, w in words if number[o]) or "no criteria scored"


def score_value(report) -> str:
    """The report's score as ``72.5`` or ``n/a``."""
    return score_text(report.score.value)


def score_text(value: float | None) -> str:
    """A score as ``72.5``, or ``n/a`` when there is none."""
    return "n/a" if value is None else f"{value:.1f}"


def range_text(report) -> str | None:
    """The range the score can still move to, when reviews are pending."""
    score = report.score
    if not score.pending_weight:
        return None
    return f"could end between {score.minimum:.1f} and {score.maximum:.1f} once reviews are answered"


def failing_essentials(report) -> list[str]:
    """Ids of essential criteria that failed."""
    return [r.rule_id for r in report.results if r.essential and r.outcome == "fail"]


def open_questions(report) -> list:
    """Criteria still waiting for a reviewer, in report order."""
    return [r for r in report.results if r.outcome == "needs-review"]


def short_hash(sha256: str) -> str:
    """The first 12 hex digits of a hash."""
    return (sha256 or "")[:12]
