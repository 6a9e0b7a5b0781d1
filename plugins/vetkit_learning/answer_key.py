"""LO-05: assessment items are accurate and non-stigmatizing (guidelines §2.5, §4.1, §4.3, §4.0).

The answer key is what learners remember. The shared scanner runs the myth detectors (``myths``,
§4.3) and the stigmatizing-terms lexicon (§4.1) over every assessment item field: ``prompt``,
``choices[].text``, ``answer``, ``rationale`` and ``choices[].feedback``.

- Myths are judged by :func:`vetkit_accuracy.framing.judge`: a myth in a choice keyed
  ``correct: true`` fails (a reviewer decides when the prompt asks learners to pick the myth); a
  myth in a distractor is a note; a true-false prompt keyed False is a correction, and so are the
  answer, rationale and feedback of that item; a myth stated as fact elsewhere in an item fails.
- Stigmatizing terms keep the scanner's decision (§4.0): an unambiguous row (U) in the item's own
  voice fails, other rows and quoted uses go to a reviewer, corrected or negated uses are notes.
"""

from __future__ import annotations

from vetkit_accuracy.framing import Verdict, judge_all, summary, verdict_finding, worst

from vetkit.checking import CheckContext, Result
from vetkit.lexicon import registry_for, scan_course

_ITEM_FIELDS = "assessments.items."


def lo05_answer_key(ctx: CheckContext) -> Result:
    """§4.3 myths and §4.1 terms over item prompts, choices, answers, rationales and feedback."""
    course = ctx.course
    items = list(course.items())
    if not items:
        return ctx.passed("The course has no assessment items, so no answer key can teach a myth or a stigmatizing "
                          "term (LO-03 asks for the items).")
    registry = registry_for(ctx)
    myth_hits = [hit for hit in scan_course(course, registry.lexicon("myths")) if hit.field.startswith(_ITEM_FIELDS)]
    term_hits = [hit for hit in scan_course(course, registry.lexicon(ctx.param("lexicon.terms")))
                 if hit.field.startswith(_ITEM_FIELDS)]
    myths = judge_all(course, myth_hits)
    terms = [Verdict.from_hit(hit) for hit in term_hits]
    verdicts = sorted(myths + terms, key=lambda v: (v.hit.pointer, v.hit.start))
    myth_ids = {verdict.term_id for verdict in myths}
    findings = [verdict_finding(ctx, v, label="Fact" if v.term_id in myth_ids else "Use instead") for v in verdicts]
    fails = [v for v in verdicts if v.effect == "fail"]
    reviews = [v for v in verdicts if v.effect == "needs-review"]
    notes = [v for v in verdicts if v.effect == "note"]
    scope = f"{len(items)} assessment item(s)"
    noted = f"; {len(notes)} corrected, distractor or negated use(s) noted ({summary(notes)})" if notes else ""
    if fails:
        first = fails[0].hit
        return ctx.failed(f"{len(fails)} myth or stigmatizing-term hit(s) taught by {scope} ({summary(fails)}), first "
                          f"“{' '.join(first.matched.split())}” at {first.pointer}{noted}.", findings,
                          severity=worst(fails))
    if reviews:
        return ctx.review(f"{len(reviews)} hit(s) in {scope} need a reviewer's judgement ({summary(reviews)}){noted}.",
                          findings, severity=worst(reviews))
    return ctx.passed(f"No myth or stigmatizing term is taught by {scope}{noted}.", findings)
