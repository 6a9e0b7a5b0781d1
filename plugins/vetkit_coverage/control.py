"""CV-05: the course covers the means of control, not only physical restraint (guidelines §2.3, §3, §4.6).

Two pieces of evidence: a module whose text teaches `control-methods` (topic evidence, or a module that names
``control.min_means`` means itself) and the phrase set P-CTRL,
whose seven groups are the means of control (psychological coercion, fraud, debt, confiscated
documents, threats of deportation or arrest, isolation, substance dependency), counted over the
course's teaching text with the kit (:func:`vetkit.kit.phrases`).

- enough means found (at least ``control.min_means``): pass, with notes on the tag (missing or unbacked);
- a module teaches the topic but too few means are found: needs-review (the course may paraphrase);
- neither: fail, with partial credit for the means found.
"""

from __future__ import annotations

from vetkit.kit import CheckContext, Result, claim_findings, modules_showing, modules_teaching, phrases

#: Text fields that do not teach (titles of cited works, resource names).
_SKIPPED = ("references.", "resources.")


def cv05_control_means(ctx: CheckContext) -> Result:
    """`control-methods` tag and P-CTRL coverage against `control.min_means`."""
    course = ctx.course
    minimum = int(ctx.param("control.min_means"))
    topic = ctx.param("control.topic")
    texts = [text for text in course.texts() if not text.field.startswith(_SKIPPED)]
    report = phrases(ctx, "P-CTRL", texts=texts)
    found, missing = report.found_groups, report.missing_groups
    shown = modules_showing(course, report, min_groups=minimum)
    tagged = modules_teaching(course, topic, shown_in=shown)

    def names(groups) -> str:
        return "; ".join(report.label(group) for group in groups) or "none"

    findings = [ctx.finding(report.found(group)[0].pointer, f"Means of control found: {report.label(group)} "
                            f"(“{report.found(group)[0].matched}”).", effect="note",
                            evidence=report.found(group)[0].excerpt) for group in found]
    counted = (f"{len(found)} of {len(report.phrase_set.groups)} means of control found (control.min_means = "
               f"{minimum}); found: {names(found)}; missing: {names(missing)}")
    suggestion = (f"Teach the means of control beyond physical restraint, including {names(missing)}, "
                  f"and tag the module `{topic}`.")
    claims = [f for f in claim_findings(ctx, topic, covered=True, shown_in=shown) if f.effect == "note"]
    if len(found) >= minimum:
        return ctx.passed(f"{counted}.", findings + claims)
    if tagged:
        pointer, module = tagged[0]
        findings.append(ctx.finding(f"{pointer}/text" if module.get("text") else pointer,
                                    f"Module {module['id']} teaches means of control, but the course names only "
                                    f"{len(found)} of the {minimum} required; not found: {names(missing)}.",
                                    effect="needs-review", severity="warning", evidence=module.get("title", ""),
                                    suggestion=suggestion))
        return ctx.review(f"{counted}; a module teaches means of control, so a person must check for paraphrases.",
                          findings + claims, severity="warning")
    findings.append(ctx.finding("/modules", f"No module teaches the means of control and the text names only "
                                f"{len(found)} of the {minimum} required; not found: {names(missing)}.",
                                severity="warning", suggestion=suggestion))
    return ctx.failed(f"{counted}; no module teaches means of control.", findings + claims,
                      score=len(found) / minimum, severity="warning")
