"""The report: frozen values for findings, rule results, the score and the whole run.

``to_json``/``from_json`` are the only code that knows the report's JSON keys; the JSON
form is described by ``schemas/report.schema.json``.
"""

from __future__ import annotations

from typing import Any, Mapping

from attrs import evolve, field, frozen

from .provenance import Origin

OUTCOMES = ("pass", "fail", "needs-review", "not-applicable", "error")
SEVERITIES = ("error", "warning", "info")
REPORT_FORMAT = "report/1"


def _tuple(value) -> tuple:
    return tuple(value)


@frozen
class Finding:
    """One observation a rule makes about one place in the course.

    ``effect`` says what the finding does to its rule's outcome: ``fail``, ``needs-review``
    or ``note`` (listed, no effect). ``source`` is the place in an original file (a slide,
    a page) that the text came from, for courses made by ``vetkit import``.
    """

    pointer: str
    message: str
    effect: str = "fail"
    evidence: str = ""
    suggestion: str | None = None
    severity: str | None = None
    start: int | None = None
    end: int | None = None
    line: int | None = None
    column: int | None = None
    term: str | None = None
    source: Origin | None = None

    def to_json(self) -> dict[str, Any]:
        """The finding's JSON object; unset optional keys are left out."""
        raw = {"pointer": self.pointer, "message": self.message, "effect": self.effect}
        for key, value in (("evidence", self.evidence), ("suggestion", self.suggestion),
                           ("severity", self.severity), ("start", self.start), ("end", self.end),
                           ("line", self.line), ("column", self.column), ("term", self.term)):
            if value not in (None, ""):
                raw[key] = value
        if self.source is not None:
            raw["source"] = self.source.to_json()
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Finding":
        """Rebuild a finding from its JSON object."""
        return cls(raw["pointer"], raw["message"], raw.get("effect", "fail"), raw.get("evidence", ""),
                   raw.get("suggestion"), raw.get("severity"), raw.get("start"), raw.get("end"),
                   raw.get("line"), raw.get("column"), raw.get("term"),
                   Origin.from_json(raw["source"]) if raw.get("source") else None)


@frozen
class RuleResult:
    """The outcome of one criterion for one course."""

    rule_id: str
    title: str
    category: str
    plugin: str
    method: tuple[str, ...] = field(converter=_tuple)
    severity: str
    weight: float
    essential: bool
    outcome: str
    score: float | None
    reason: str
    findings: tuple[Finding, ...] = field(default=(), converter=_tuple)
    question: str | None = None
    parameters: Mapping[str, Any] = field(factory=dict)
    answered_by: str | None = None  # "review" when a reviewer's answer decided the outcome
    rationale: str | None = None
    how_to_fix: str | None = None

    @property
    def conclusive(self) -> bool:
        """Pass and fail count towards the score; the rest do not."""
        return self.outcome in ("pass", "fail")

    def to_json(self) -> dict[str, Any]:
        """The result's JSON object."""
        raw: dict[str, Any] = {
            "ruleId": self.rule_id, "title": self.title, "category": self.category, "plugin": self.plugin,
            "method": list(self.method), "severity": self.severity, "weight": self.weight,
            "essential": self.essential, "outcome": self.outcome, "score": self.score, "reason": self.reason,
            "findings": [finding.to_json() for finding in self.findings],
            "parameters": dict(self.parameters),
        }
        if self.question:
            raw["question"] = self.question
        if self.answered_by:
            raw["answeredBy"] = self.answered_by
        if self.rationale:
            raw["rationale"] = self.rationale
        if self.how_to_fix:
            raw["howToFix"] = self.how_to_fix
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "RuleResult":
        """Rebuild a result from its JSON object."""
        return cls(raw["ruleId"], raw["title"], raw["category"], raw["plugin"], raw["method"], raw["severity"],
                   raw["weight"], raw["essential"], raw["outcome"], raw["score"], raw["reason"],
                   [Finding.from_json(f) for f in raw.get("findings", [])], raw.get("question"),
                   dict(raw.get("parameters", {})), raw.get("answeredBy"), raw.get("rationale"), raw.get("howToFix"))


@frozen
class Score:
    """The arithmetic behind the course score (weights and the 0–100 value)."""

    value: float | None
    minimum: float
    maximum: float
    coverage: float
    earned: float
    conclusive_weight: float
    pending_weight: float
    applicable_weight: float

    def to_json(self) -> dict[str, Any]:
        """The score's JSON object."""
        return {"value": self.value, "min": self.minimum, "max": self.maximum, "coverage": self.coverage,
                "earned": self.earned, "conclusiveWeight": self.conclusive_weight,
                "pendingWeight": self.pending_weight, "applicableWeight": self.applicable_weight}

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Score":
        """Rebuild a score from its JSON object."""
        return cls(raw["value"], raw["min"], raw["max"], raw["coverage"], raw["earned"],
                   raw["conclusiveWeight"], raw["pendingWeight"], raw["applicableWeight"])


@frozen
class Report:
    """Everything one scoring run produced, ready to render."""

    tool_version: str
    course: Mapping[str, Any]  # id, version, title, sha256, file
    rubric: Mapping[str, Any]  # id, version, title, verdictRule, threshold
    as_of: str
    verdict: str
    complete: bool
    score: Score
    results: tuple[RuleResult, ...] = field(converter=_tuple)
    plugins: tuple[Mapping[str, Any], ...] = field(default=(), converter=_tuple)
    review: Mapping[str, Any] | None = None
    notices: tuple[str, ...] = field(default=(), converter=_tuple)
    verdict_reason: str = ""
    alignment: Mapping[str, Any] | None = None  # the course's alignment map (vetkit.alignment), as JSON
    reviews: tuple[Mapping[str, Any], ...] = field(default=(), converter=_tuple)  # with several answer files
    agreement: Mapping[str, Any] | None = None  # several reviewers' agreement (vetkit.review)

    def result(self, rule_id: str) -> RuleResult:
        """The result of one criterion; ``KeyError`` if it was not scored."""
        for result in self.results:
            if result.rule_id == rule_id:
                return result
        raise KeyError(rule_id)

    def with_results(self, results) -> "Report":
        """A copy with other results (the score is not recomputed)."""
        return evolve(self, results=results)

    def to_json(self) -> dict[str, Any]:
        """The report's JSON object (validates against ``schemas/report.schema.json``)."""
        return {
            "vetkit": REPORT_FORMAT,
            "tool": {"name": "vetkit", "version": self.tool_version},
            "course": dict(self.course),
            "rubric": dict(self.rubric),
            "asOf": self.as_of,
            "verdict": self.verdict,
            "verdictReason": self.verdict_reason,
            "complete": self.complete,
            "score": self.score.to_json(),
            "results": [result.to_json() for result in self.results],
            "plugins": [dict(plugin) for plugin in self.plugins],
            "review": dict(self.review) if self.review is not None else None,
            "notices": list(self.notices),
            **({"alignment": self.alignment} if self.alignment is not None else {}),
            **({"reviews": [dict(review) for review in self.reviews]} if self.reviews else {}),
            **({"agreement": self.agreement} if self.agreement is not None else {}),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Report":
        """Rebuild a report from its JSON object."""
        return cls(raw["tool"]["version"], raw["course"], raw["rubric"], raw["asOf"], raw["verdict"],
                   raw["complete"], Score.from_json(raw["score"]),
                   [RuleResult.from_json(r) for r in raw["results"]], raw.get("plugins", []),
                   raw.get("review"), raw.get("notices", []), raw.get("verdictReason", ""), raw.get("alignment"),
                   raw.get("reviews", []), raw.get("agreement"))
