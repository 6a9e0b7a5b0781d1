"""Reviewer answers: loading the review file, staleness, and the answer-file template."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from attrs import field, frozen

from .errors import Problem, ReviewError

VERDICT_OUTCOMES = {"met": "pass", "not-met": "fail", "not-applicable": "not-applicable"}


@frozen
class Answer:
    """A reviewer's verdict on one criterion."""

    verdict: str
    note: str
    evidence: tuple[str, ...] = field(default=(), converter=tuple)


@frozen
class Review:
    """A review file: which course it answers for, who answered, and the answers."""

    file: str
    course: Mapping[str, str]
    reviewer: Mapping[str, str]
    date: str
    answers: Mapping[str, Answer]

    def stale_reason(self, course_id: str, version: str, sha256: str) -> str | None:
        """Why the answers do not apply to this course, or None when they do."""
        recorded = self.course
        if recorded.get("id") != course_id:
            return f"the review answers course {recorded.get('id')}, not {course_id}"
        if recorded.get("version") != version:
            return f"the review answers version {recorded.get('version')}, not {version}"
        if recorded.get("sha256") != sha256:
            return "the course changed since the review was recorded (its sha256 differs)"
        return None

    def to_json(self, *, stale: str | None, applied: list[str]) -> dict[str, Any]:
        """The review as summarised in a report."""
        return {"file": self.file, "reviewer": dict(self.reviewer), "date": self.date,
                "stale": stale is not None, "staleReason": stale, "applied": applied}


def load_review(source: str | Path) -> Review:
    """Read and validate a review file (YAML or JSON)."""
    from .parsing import parse, read_bytes
    from .schema_errors import translate
    from .schemas import validator

    name = str(source)
    document = parse(read_bytes(Path(source)), name)
    problems = []
    for pointer, message, hint in translate(validator("review").iter_errors(document.data)):
        line, column = document.source_map.locate(pointer) or (None, None)
        problems.append(Problem(message, file=name, line=line, column=column, pointer=pointer, hint=hint,
                                code="review"))
    if problems:
        raise ReviewError(f"{name}: invalid review file", problems)
    data = document.data
    answers = {criterion: Answer(raw["verdict"], raw.get("note", ""), tuple(raw.get("evidence", ())))
               for criterion, raw in (data["answers"] or {}).items()}
    return Review(name, data["course"], data["reviewer"], data["date"], answers)


def review_template(report, as_of: str) -> str:
    """A review file for ``report``'s course with every pending question ready to answer.

    Each pending criterion appears under ``answers:`` as a commented block: uncomment it,
    choose a verdict and write a note.
    """
    import json

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    course = report.course
    lines = [
        "# vetkit review answers. Under `answers:`, uncomment the block of each question you answer,",
        "# choose a verdict (met | not-met | not-applicable) and say why in the note. Then run:",
        f"#   vetkit score {course.get('file') or 'COURSE'} --review THIS_FILE",
        "# Answers apply only to the course version and hash below; edit the course and they go stale.",
        "# Put your name and role under `reviewer:`; the report credits each answer to you.",
        'vetkit: "1.0"',
        "course:",
        f"  id: {quoted(course['id'])}",
        f"  version: {quoted(course['version'])}",
        f'  sha256: "{course["sha256"]}"',
        "reviewer:",
        '  name: "REVIEWER NAME"',
        '  role: "REVIEWER ROLE"',
        f'date: "{as_of}"',
        "answers:",
    ]
    for result in (r for r in report.results if r.outcome == "needs-review"):
        lines += ["", f"  # {result.rule_id} — {result.title}"]
        if result.question:
            lines += [f"  #   Question: {_one_line(result.question)}"]
        lines += [f"  #   Pending because: {_one_line(result.reason)}"]
        for finding in result.findings[:5]:
            lines += [f"  #   Evidence at {finding.pointer}: {_one_line(finding.evidence or finding.message)}"[:300]]
        lines += [f"  # {result.rule_id}:", "  #   verdict: met        # met | not-met | not-applicable",
                  '  #   note: ""']
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
