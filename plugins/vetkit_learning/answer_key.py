"""LO-05: assessment items are accurate and non-stigmatizing (guidelines §2.5, §4.1, §4.3, §4.0).

The answer key is what learners remember. The myth detectors (``myths``, §4.3) and the
stigmatizing-terms lexicon (§4.1) are scanned over every assessment item field: ``prompt``,
``choices[].text``, ``answer``, ``rationale`` and ``choices[].feedback``.

- Myths are judged by :func:`vetkit.kit.judge_all`: a myth in a choice keyed ``correct: true``
  fails (a reviewer decides when the prompt asks learners to pick the myth); a myth in a
  distractor is a note; a true-false prompt keyed False is a correction, and so are the answer,
  rationale and feedback of that item; a myth stated as fact elsewhere in an item fails.
- Stigmatizing terms keep the scanner's decision (§4.0): an unambiguous row (U) in the item's own
  voice fails, other rows and quoted uses go to a reviewer, corrected or negated uses are notes.
"""

from __future__ import annotations

from vetkit.kit import CheckContext, Result, Wording, findings_result, hit_finding, judge_all, scan

_ITEM_FIELDS = "assessments.items."
_CORRECT_IT = "Correct the statement explicitly (for example as a Myth:/Fact: pair) or remove it."


def lo05_answer_key(ctx: CheckContext) -> Result:
    """§4.3 myths and §4.1 terms over item prompts, choices, answers, rationales and feedback."""
    course = ctx.course
    items = list(course.items())
    if not items:
        return ctx.passed("The course has no assessment items, so no answer key can teach a myth or a stigmatizing "
                          "term (LO-03 asks for the items).")
    myths = judge_all(course, [hit for hit in scan(ctx, "myths") if hit.field.startswith(_ITEM_FIELDS)])
    terms = [hit for hit in scan(ctx, "stigmatizing-terms") if hit.field.startswith(_ITEM_FIELDS)]
    findings = sorted([hit_finding(ctx, hit, label="Fact", advice=_CORRECT_IT) for hit in myths]
                      + [hit_finding(ctx, hit) for hit in terms], key=lambda finding: (finding.pointer, finding.start))
    scope = f"{len(items)} assessment item(s)"
    return findings_result(ctx, findings, Wording(
        failed=f"{{count}} myth or stigmatizing-term hit(s) taught by {scope} ({{summary}}), first {{first}}{{noted}}.",
        review=f"{{count}} hit(s) in {scope} need a reviewer's judgement ({{summary}}){{noted}}.",
        passed=f"No myth or stigmatizing term is taught by {scope}{{noted}}.",
        noted="; {count} corrected, distractor or negated use(s) noted ({summary})"))
