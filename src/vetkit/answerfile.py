"""Writing answer files: the template of `vetkit review init` and the merge of `vetkit review update`.

Both write every criterion awaiting review as a commented block to uncomment and answer,
with the fingerprint of its evidence ready; the merge also carries every existing answer
forward, refreshing the fingerprints of those whose evidence is unchanged and marking the
others stale, so that no answer is ever lost.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from attrs import field, frozen

from .errors import Problem, ReviewError, UsageError
from .fingerprint import Change, Fingerprint, of_result
from .review import Answer, Review, load_review

PLACEHOLDER_REVIEWER = {"name": "REVIEWER NAME", "role": "REVIEWER ROLE"}


@frozen
class AnswerFile:
    """The text of an answer file and what went into it."""

    text: str
    kept: tuple[str, ...] = field(converter=tuple)  # answers carried forward, evidence unchanged
    accepted: tuple[str, ...] = field(converter=tuple)  # stale answers the reviewer confirmed (--accept)
    stale: Mapping[str, list[Change]] = field(converter=dict)  # answers kept as they were, not applied
    questions: tuple[str, ...] = field(converter=tuple)  # open questions written as commented blocks

    def summary(self) -> str:
        """One line: what the file holds."""
        parts = [f"{len(self.kept) + len(self.accepted)} answer(s) carried forward"]
        if self.accepted:
            parts.append(f"{len(self.accepted)} accepted ({', '.join(self.accepted)})")
        if self.stale:
            parts.append(f"{len(self.stale)} stale (" + "; ".join(
                f"{rule_id}: {', '.join(c.describe() for c in found)}" for rule_id, found in self.stale.items()) + ")")
        parts.append(f"{len(self.questions)} open question(s)")
        return ", ".join(parts)


def existing_answers(path, course) -> Review:
    """The answer file at ``path``, to merge into; another course's answer file is refused, not mixed in."""
    existing = load_review(path)
    other = existing.stale_reason(course.id)
    if other:
        raise ReviewError(f"{path}: answers another course", [Problem(
            f"{other}; its answers cannot be carried to this course", file=str(path), pointer="/course/id",
            code="other-course", hint="pass another answer file (-o, or ANSWERS) for this course")])
    return existing


def write_answers(engine, course_file, target, *, rubric, as_of=None, merge: bool,
                  accept: Iterable[str] = ()) -> tuple[AnswerFile, bool]:
    """Score ``course_file`` and write its answer file to ``target``, carrying forward the answers already there when
    ``merge`` and the file exists; return what was written and whether answers were carried forward."""
    from .fileio import InputFiles, write_atomic

    course = engine.load_course(course_file)
    existing = existing_answers(target, course) if merge else None
    report = engine.score(course, rubric=rubric, as_of=as_of)
    written = answer_file(report, course, existing=existing, accept=accept)
    write_atomic(target, written.text, inputs=InputFiles([course_file, rubric]), what="the answer file")
    return written, existing is not None


def answer_file(report, course, *, existing: Review | None = None, accept: Iterable[str] = ()) -> AnswerFile:
    """The answer file for ``report``'s course (scored without answers), merging ``existing`` answers.

    ``accept`` names stale answers the reviewer has checked and still stands by: their
    fingerprints are renewed to the current evidence.
    """
    answers = dict(existing.answers) if existing else {}
    accept = list(dict.fromkeys(accept))
    unknown = [rule_id for rule_id in accept if rule_id not in answers]
    if unknown:
        where = existing.file if existing else "the answer file"
        raise UsageError(f"--accept {', '.join(unknown)}: {where} has no answer for it; answer the question "
                         "first (uncomment its block), then run `vetkit review update` again.")
    course_ref = report.course
    command = f"vetkit score {course_ref.get('file') or 'COURSE'} --review THIS_FILE"
    lines = [
        "# vetkit review answers. Under `answers:`, uncomment the block of each question you answer (all of",
        "# its lines), choose a verdict (met | not-met | not-applicable) and say why in the note. Then run:",
        f"#   {command}",
        "# Each answer keeps a fingerprint of the evidence it was given on: an edit to that evidence makes",
        "# the answer stale (not applied until you check it), edits elsewhere in the course do not.",
        "# `vetkit review update COURSE THIS_FILE` carries the answers forward and adds new questions.",
        "# Put your name and role under `reviewer:`; the report credits each answer to you.",
        'vetkit: "1.0"',
        "course:",
        f"  id: {_quoted(course_ref['id'])}",
        f"  version: {_quoted(course_ref['version'])}",
        f"  sha256: {_quoted(course_ref['sha256'])}",
        "reviewer:",
        *_mapping(existing.reviewer if existing else PLACEHOLDER_REVIEWER, indent=2),
        f"date: {_quoted(existing.date if existing else report.as_of)}",
        *_mapping(existing.extras if existing else {}, indent=0),
        "answers:",
    ]
    kept, accepted, stale, questions = [], [], {}, []
    for result in report.results:
        answer = answers.pop(result.rule_id, None)
        if answer is None:
            if result.outcome == "needs-review":
                questions.append(result.rule_id)
                lines += _heading(result) + _commented(_answer_lines(
                    result.rule_id, Answer("met", ""), of_result(course, result), choices=True))
            continue
        found = existing.changes(result.rule_id, course, result)
        if found and result.rule_id not in accept:
            stale[result.rule_id] = found
            lines += _heading(result) + [
                f"  #   Stale, not applied: {'; '.join(c.describe() for c in found)}.",
                f"  #   Check the answer; if it still holds, run `vetkit review update` --accept {result.rule_id}."]
            lines += _answer_lines(result.rule_id, answer, answer.fingerprint)
        else:
            (accepted if found else kept).append(result.rule_id)
            lines += _heading(result) + _answer_lines(result.rule_id, answer,
                                                      of_result(course, result))
    for rule_id, answer in answers.items():  # answers for criteria this rubric does not score: kept as they are
        kept.append(rule_id)
        lines += ["", f"  # {rule_id} (not scored by rubric {report.rubric['id']})"]
        lines += _answer_lines(rule_id, answer, answer.fingerprint)
    return AnswerFile("\n".join(lines) + "\n", kept, accepted, stale, questions)


def _heading(result) -> list[str]:
    lines = ["", f"  # {result.rule_id} — {result.title}"]
    if result.question:
        lines.append(f"  #   Question: {_one_line(result.question)}")
    if result.outcome == "needs-review":
        lines.append(f"  #   Pending because: {_one_line(result.reason)}")
    for finding in result.findings[:5]:
        lines.append(f"  #   Evidence at {finding.pointer}: {_one_line(finding.evidence or finding.message)}"[:300])
    return lines


def _answer_lines(rule_id: str, answer: Answer, fingerprint: Fingerprint | None, *, choices: bool = False) -> list[str]:
    verdict = f"{answer.verdict:<11}# met | not-met | not-applicable" if choices else answer.verdict
    lines = [f"  {rule_id}:", f"    verdict: {verdict}", f"    note: {_quoted(answer.note)}"]
    if answer.evidence:
        lines.append(f"    evidence: {_quoted(list(answer.evidence))}")
    if fingerprint is not None:
        lines += ["    fingerprint:", f"      question: {_quoted(fingerprint.question)}", "      evidence:"]
        lines += [f"        {_quoted(pointer)}: {_quoted(value)}" for pointer, value in fingerprint.evidence.items()]
    return lines + _mapping(answer.extras, indent=4)


def _commented(lines: list[str]) -> list[str]:
    return [f"  # {line[2:]}" for line in lines]


def _mapping(values: Mapping[str, Any], *, indent: int) -> list[str]:
    return [f"{' ' * indent}{key}: {_quoted(value)}" for key, value in values.items()]


def _quoted(value: Any) -> str:
    """A value as YAML reads it back exactly: JSON (a subset of YAML) on one line, with \\u escapes
    for the characters YAML does not allow as they are."""
    return "".join(char if _printable(char) else f"\\u{ord(char):04x}"
                   for char in json.dumps(value, ensure_ascii=False))


def _printable(char: str) -> bool:
    code = ord(char)
    if code in (0x2028, 0x2029, 0xFEFF):  # line and paragraph separators, byte-order mark
        return False
    return 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def _one_line(text: str) -> str:
    return " ".join(text.split())
