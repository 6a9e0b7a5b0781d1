"""Reviewer answers: loading answer files, which answers still apply, and several reviewers' agreement.

Each answer carries a fingerprint of what its criterion judged (see :mod:`vetkit.fingerprint`);
an answer applies while that evidence is unchanged, whatever else in the course was edited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from attrs import evolve, field, frozen

from .errors import Problem, ReviewError
from .fingerprint import Change, Fingerprint, changes, of_result

VERDICT_OUTCOMES = {"met": "pass", "not-met": "fail", "not-applicable": "not-applicable"}
#: Reviewer names that stand for nobody (compared in lower case, spaces folded).
PLACEHOLDER_NAMES = frozenset({
    "", "reviewer name", "your name", "name", "first last", "firstname lastname", "reviewer", "todo", "tbd",
    "fill in", "n/a", "na", "none", "null", "unknown", "anonymous", "-", "?", "xxx", "x",
})
#: Keys that mark a document as something other than an answer file, and what it then is.
_OTHER_DOCUMENTS = (("verdict", "a vetkit report"), ("results", "a vetkit report"), ("criteria", "a rubric"),
                    ("modules", "a course document"), ("objectives", "a course document"),
                    ("title", "a course document"))
_KINDS = {list: "list", str: "string", int: "number", float: "number", bool: "boolean", type(None): "null"}


@frozen
class Answer:
    """A reviewer's verdict on one criterion, with the fingerprint of the evidence it was given on."""

    verdict: str
    note: str
    evidence: tuple[str, ...] = field(default=(), converter=tuple)
    fingerprint: Fingerprint | None = None
    extras: Mapping[str, Any] = field(factory=dict)  # the answer's own `x-` keys, kept by `review update`


@frozen
class Review:
    """An answer file: which course it answers for, who answered, and the answers."""

    file: str
    course: Mapping[str, str]
    reviewer: Mapping[str, str]
    date: str
    answers: Mapping[str, Answer]
    extras: Mapping[str, Any] = field(factory=dict)  # top-level `x-` keys

    @property
    def name(self) -> str:
        """Who answered, as the report credits them."""
        return self.reviewer.get("name") or "the reviewer"

    def stale_reason(self, course_id: str) -> str | None:
        """Why none of the answers apply to this course (another course), or None."""
        if self.course.get("id") != course_id:
            return f"the review answers course {self.course.get('id')}, not {course_id}"
        return None

    def changes(self, rule_id: str, course, result) -> list[Change]:
        """What changed in the evidence of the answer for ``rule_id``; empty while it applies.

        An answer without a fingerprint (a file written before answers carried one, or by hand)
        applies only to the very course the file names by its sha256.
        """
        answer = self.answers[rule_id]
        if answer.fingerprint is None:
            return [] if self.course.get("sha256") == course.sha256 else [Change("unrecorded")]
        return changes(answer.fingerprint, of_result(course, result))

    def to_json(self, *, stale: str | None, applied: list[str],
                stale_answers: Mapping[str, list[Change]] | None = None) -> dict[str, Any]:
        """The review as summarised in a report."""
        return {"file": self.file, "reviewer": dict(self.reviewer), "date": self.date,
                "stale": stale is not None, "staleReason": stale, "applied": applied,
                "staleAnswers": {rule_id: [change.to_json() for change in found]
                                 for rule_id, found in (stale_answers or {}).items()}}


def load_review(source: str | Path) -> Review:
    """Read and validate an answer file (YAML or JSON)."""
    from .parsing import parse, read_bytes
    from .schema_errors import translate
    from .schemas import validator

    name = str(source)
    document = parse(read_bytes(Path(source)), name)
    data = document.data
    _refuse_other_documents(data, name)
    problems = []
    for pointer, message, hint in translate(validator("review").iter_errors(data)):
        line, column = document.source_map.locate(pointer) or (None, None)
        problems.append(Problem(message.replace("the course document", "the answer file"), file=name, line=line,
                                column=column, pointer=pointer, hint=hint, code="review"))
    if problems:
        raise ReviewError(f"{name}: invalid review file", problems)
    answers = {criterion: _answer(raw) for criterion, raw in (data["answers"] or {}).items()}
    if answers:
        _refuse_placeholder_reviewer(data["reviewer"], name, document.source_map)
    extras = {key: value for key, value in data.items() if key.startswith("x-")}
    return Review(name, data["course"], data["reviewer"], data["date"], answers, extras)


def _answer(raw: Mapping[str, Any]) -> Answer:
    recorded = raw.get("fingerprint")
    return Answer(raw["verdict"], raw.get("note", ""), tuple(raw.get("evidence", ())),
                  Fingerprint.from_json(recorded) if recorded else None,
                  {key: value for key, value in raw.items() if key.startswith("x-")})


def _refuse_other_documents(data: Any, name: str) -> None:
    """A course, report or rubric passed as the answer file gets one message saying so."""
    if isinstance(data, Mapping) and ("answers" in data or "reviewer" in data):
        return
    if not isinstance(data, Mapping):
        looks = f"it holds a {_KINDS.get(type(data), type(data).__name__)}, not a mapping"
    else:
        what = next((kind for key, kind in _OTHER_DOCUMENTS if key in data), None)
        looks = f"it looks like {what}" if what else "it has neither `reviewer` nor `answers`"
    raise ReviewError(f"{name}: not an answer file", [Problem(
        f"this is not a review answer file: {looks}", file=name, code="not-a-review",
        hint="pass the answer file that `vetkit review init COURSE` writes (COURSE.review.yaml beside the "
             "course) to --review, and the course itself as the file to score")])


def _refuse_placeholder_reviewer(reviewer: Mapping[str, str], name: str, source_map) -> None:
    """An answer credited to nobody in particular is refused: the report names who decided."""
    for key in ("name", "role"):
        value = reviewer.get(key, "")
        folded = " ".join(value.split()).casefold()
        if folded in PLACEHOLDER_NAMES or folded == f"reviewer {key}" or folded.startswith("fill in"):
            pointer = f"/reviewer/{key}"
            line, column = source_map.locate(pointer) or (None, None)
            raise ReviewError(f"{name}: placeholder reviewer {key}", [Problem(
                f"the reviewer {key} {value!r} is a placeholder", file=name, line=line, column=column,
                pointer=pointer, code="placeholder-reviewer",
                hint=f"write your own {key} under `reviewer:` (for example `name: \"Dana Reyes\"`, "
                     "`role: \"victim advocate\"`); the report credits each answer to the person who gave it")])


@frozen
class Applied:
    """The reports' view of one or more reviews applied to the results."""

    results: tuple[Any, ...]
    reviews: tuple[dict[str, Any], ...]
    notices: tuple[str, ...]
    agreement: dict[str, Any] | None


def apply_reviews(results: Sequence[Any], reviews: Sequence[Review], course) -> Applied:
    """Apply every review's answers whose evidence is unchanged; several reviewers must agree.

    A criterion takes a verdict when every reviewer who answered it (with a fresh answer) gave
    that verdict; when they differ it keeps the check's outcome and the report lists the
    disagreement. With two or more reviewers the report carries their pairwise agreement.
    """
    notices: list[str] = []
    whole_stale = {id(review): review.stale_reason(course.id) for review in reviews}
    fresh: dict[str, list[tuple[Review, Answer]]] = {}
    stale_answers: dict[int, dict[str, list[Change]]] = {id(review): {} for review in reviews}
    scored = {result.rule_id: result for result in results}
    for review in reviews:
        if whole_stale[id(review)]:
            notices.append(f"review {review.file} ignored: {whole_stale[id(review)]}")
            continue
        for rule_id, answer in review.answers.items():
            if rule_id not in scored:
                notices.append(f"review answer for {rule_id} ignored: the rubric does not score it here")
                continue
            found = review.changes(rule_id, course, scored[rule_id])
            if found:
                stale_answers[id(review)][rule_id] = found
                notices.append(f"review answer for {rule_id} in {review.file} not applied: its evidence changed "
                               f"({'; '.join(change.describe() for change in found)}). Check it, then run "
                               f"`vetkit review update {course.name} {review.file}` (add --accept {rule_id} "
                               "if the answer still holds)")
            else:
                fresh.setdefault(rule_id, []).append((review, answer))
    applied: dict[int, list[str]] = {id(review): [] for review in reviews}
    disagreements = []
    new_results = []
    for result in results:
        given = fresh.get(result.rule_id, [])
        verdicts = {answer.verdict for _, answer in given}
        if len(verdicts) == 1:
            result = _answered(result, given)
            for review, _ in given:
                applied[id(review)].append(result.rule_id)
        elif len(verdicts) > 1:
            said = ", ".join(f"{review.name} answered {answer.verdict}" for review, answer in given)
            disagreements.append({"ruleId": result.rule_id,
                                  "answers": [{"reviewer": review.name, "file": review.file,
                                               "verdict": answer.verdict} for review, answer in given]})
            notices.append(f"reviewers disagree on {result.rule_id}: {said}; no answer applied")
            result = evolve(result, reason=f"Reviewers disagree: {said}. {result.reason}")
        new_results.append(result)
    summaries = tuple(review.to_json(stale=whole_stale[id(review)], applied=applied[id(review)],
                                     stale_answers=stale_answers[id(review)]) for review in reviews)
    agreement = None
    if len(reviews) > 1:
        agreement = {"pairs": _pairs(reviews, fresh), "disagreements": disagreements}
        notices += [_agreement_notice(pair) for pair in agreement["pairs"]]
    return Applied(tuple(new_results), summaries, tuple(notices), agreement)


def _answered(result, given: Sequence[tuple[Review, Answer]]):
    """The result as the reviewers' (one) verdict decides it, credited to them, with the evidence they cited."""
    from .report import Finding

    verdict = given[0][1].verdict
    outcome = VERDICT_OUTCOMES[verdict]
    names = [review.name for review, _ in given]
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    notes = "; ".join(answer.note for _, answer in given if answer.note)
    findings = result.findings + tuple(Finding(pointer, f"Evidence cited by {review.name}.", "note")
                                       for review, answer in given for pointer in answer.evidence)
    return evolve(result, outcome=outcome, score={"pass": 1.0, "fail": 0.0}.get(outcome),
                  reason=f"{who} answered {verdict}" + (f": {notes}" if notes else ""), findings=findings,
                  answered_by="review")


def _pairs(reviews: Sequence[Review], fresh: Mapping[str, list[tuple[Review, Answer]]]) -> list[dict[str, Any]]:
    """Percent agreement and Cohen's kappa of each pair of reviewers over the criteria both answered."""
    from .agreement import cohen_kappa, percent_agreement

    pairs = []
    for index, first in enumerate(reviews):
        for second in reviews[index + 1:]:
            shared = [(by[id(first)], by[id(second)]) for by in
                      ({id(review): answer.verdict for review, answer in given} for given in fresh.values())
                      if id(first) in by and id(second) in by]
            pair: dict[str, Any] = {"reviewers": [first.name, second.name], "files": [first.file, second.file],
                                    "shared": len(shared), "agreed": sum(a == b for a, b in shared),
                                    "percent": None, "kappa": None}
            if shared:
                ratings_first, ratings_second = [a for a, _ in shared], [b for _, b in shared]
                pair["percent"] = round(percent_agreement(ratings_first, ratings_second), 1)
                kappa = cohen_kappa(ratings_first, ratings_second)
                pair["kappa"] = None if kappa is None else round(kappa, 3)
            pairs.append(pair)
    return pairs


def _agreement_notice(pair: Mapping[str, Any]) -> str:
    first, second = pair["reviewers"]
    if not pair["shared"]:
        return f"agreement of {first} and {second}: no criterion answered by both"
    kappa = ("undefined (every answer was the same verdict)" if pair["kappa"] is None
             else f"{pair['kappa']:.2f}")
    return (f"agreement of {first} and {second}: {pair['agreed']} of {pair['shared']} criteria answered by both "
            f"({pair['percent']:.1f}%), Cohen's kappa {kappa}")

