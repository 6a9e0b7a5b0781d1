"""What a check receives and returns.

A check is a small function ``check(ctx) -> Result``. It reads the course through
``ctx.course``, its thresholds through ``ctx.params``, the lexicons its rule declares through
the kit (:mod:`vetkit.kit`), and builds its answer with ``ctx.passed``, ``ctx.failed``,
``ctx.review`` or ``ctx.not_applicable``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, Iterable, Mapping

from attrs import field, frozen

from .course import Course
from .report import Finding
from .rules import Rule
from .vocabulary import builtin_vocabulary

_RANK = {"fail": 3, "needs-review": 2, "pass": 1, "not-applicable": 0}


def _tuple(value) -> tuple:
    return tuple(value)


@frozen
class Result:
    """A check's answer: outcome, one-sentence reason, findings, optional partial score and severity."""

    outcome: str
    reason: str
    findings: tuple[Finding, ...] = field(default=(), converter=_tuple)
    score: float | None = None
    severity: str | None = None


@frozen
class CheckContext:
    """Everything a check may look at, and helpers to answer."""

    course: Course
    rule: Rule
    params: Mapping[str, Any]
    as_of: dt.date
    vocabulary: Any = field(factory=builtin_vocabulary)
    lexicons: Any = None

    def param(self, name: str) -> Any:
        """A parameter from the rubric (or the rule's default)."""
        try:
            return self.params[name]
        except KeyError:
            raise KeyError(f"rule {self.rule.id} reads parameter {name!r}, which neither the rule nor "
                           f"the rubric defines") from None

    def lexicon(self, name: str) -> Any:
        """The lexicon or phrase set ``name``, one of those the rule declares in its ``lexicons``.

        Use the kit's :func:`vetkit.kit.scan`, :func:`~vetkit.kit.phrases` and
        :func:`~vetkit.kit.violations` rather than calling this directly.
        """
        if name not in self.rule.lexicons:
            declared = ", ".join(self.rule.lexicons) or "none"
            raise KeyError(f"rule {self.rule.id} reads lexicon {name!r} but does not declare it; add it to the "
                           f"rule's `lexicons` (declared: {declared})")
        return self.lexicons.get(name)

    def finding(self, pointer: str, message: str, *, effect: str = "fail", evidence: str = "",
                suggestion: str | None = None, severity: str | None = None, start: int | None = None,
                end: int | None = None, term: str | None = None) -> Finding:
        """A finding at ``pointer``; the suggestion defaults to the rule's how-to-fix."""
        return Finding(pointer, message, effect, _excerpt(evidence), suggestion or self.rule.how_to_fix,
                       severity, start, end, None, None, term)

    def passed(self, reason: str, findings: Iterable[Finding] = ()) -> Result:
        """The criterion is met (notes may be attached)."""
        return Result("pass", reason, tuple(findings), 1.0)

    def failed(self, reason: str, findings: Iterable[Finding] = (), *, score: float = 0.0,
               severity: str | None = None) -> Result:
        """The criterion is not met; ``score`` gives partial credit in 0..1 (a NaN or infinity makes the rule err)."""
        if math.isfinite(score):
            score = max(0.0, min(1.0, score))
        return Result("fail", reason, tuple(findings), score, severity)

    def review(self, reason: str, findings: Iterable[Finding] = (), *, severity: str | None = None) -> Result:
        """A person must decide (outcome ``needs-review``)."""
        return Result("needs-review", reason, tuple(findings), None, severity)

    def not_applicable(self, reason: str) -> Result:
        """The criterion does not apply to this course."""
        return Result("not-applicable", reason)


def combine(*results: Result) -> Result:
    """The worst of several parts (fail > needs-review > pass); not-applicable only if all are."""
    applicable = [r for r in results if r.outcome != "not-applicable"]
    if not applicable:
        return results[0] if results else Result("not-applicable", "nothing to check")
    worst = max(applicable, key=lambda r: _RANK[r.outcome])
    findings = tuple(f for r in results for f in r.findings)
    reasons = [r.reason for r in applicable if r.outcome == worst.outcome]
    severities = [r.severity for r in applicable if r.outcome == worst.outcome and r.severity]
    scores = [r.score for r in applicable if r.score is not None]
    score = None if worst.outcome not in ("pass", "fail") else (min(scores) if scores else None)
    return Result(worst.outcome, " ".join(dict.fromkeys(reasons)), findings, score,
                  most_severe(severities))


def most_severe(severities: Iterable[str | None]) -> str | None:
    """The most severe of some severities (error > warning > info); None when there is none."""
    present = set(severities)
    return next((level for level in ("error", "warning", "info") if level in present), None)


def _excerpt(text: str, limit: int = 240) -> str:
    from .text import clip

    return clip(text, limit)
