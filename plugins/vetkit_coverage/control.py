"""CV-05: the course covers the means of control, not only physical restraint (guidelines §2.3, §3, §4.6).

Two pieces of evidence: a module tagged `control-methods` (the proxy tag) and the phrase set P-CTRL,
whose seven groups are the means of control (psychological coercion, fraud, debt, confiscated
documents, threats of deportation or arrest, isolation, substance dependency), counted over the
course's teaching text with the kit (:func:`vetkit.kit.phrases`).

- tag present and at least ``control.min_means`` means found: pass;
- tag absent but enough means found: pass, with a note asking for the tag;
- tag present but too few means found: needs-review (the course may paraphrase);
- neither the tag nor enough means: fail, with partial credit for the means found.
"""

from __future__ import annotations

from vetkit.kit import CheckContext, Result, modules_tagged, phrases

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
    tagged = modules_tagged(course, topic)

    def names(groups) -> str:
        return "; ".join(report.label(group) for group in groups) or "none"

    findings = [ctx.finding(report.found(group)[0].pointer, f"P-CTRL means found: {report.label(group)} "
                            f"(“{report.found(group)[0].matched}”).", effect="note",
                            evidence=report.found(group)[0].excerpt) for group in found]
    counted = (f"{len(found)} of {len(report.phrase_set.groups)} means of control found (control.min_means = {minimum}); "
               f"found: {names(found)}; missing: {names(missing)}")
    suggestion = (f"Teach the means of control beyond physical restraint, including {names(missing)}, "
                  f"and tag the module `{topic}`.")
    if len(found) >= minimum:
        if not tagged:
            findings.append(ctx.finding("/modules", f"The text covers {len(found)} means of control, but no module is "
                                        f"tagged `{topic}`.", effect="note", severity="info",
                                        suggestion=f"Tag the module that teaches them `{topic}`."))
        return ctx.passed(f"{counted}.", findings)
    if tagged:
        pointer, module = tagged[0]
        findings.append(ctx.finding(f"{pointer}/text", f"Module {module['id']} is tagged `{topic}`, but the course "
                                    f"names only {len(found)} of the {minimum} means required; not found: "
                                    f"{names(missing)}.", effect="needs-review", severity="warning",
                                    evidence=module.get("title", ""), suggestion=suggestion))
        return ctx.review(f"{counted}; a module is tagged `{topic}`, so a person must check for paraphrases.",
                          findings, severity="warning")
    findings.append(ctx.finding("/modules", f"No module is tagged `{topic}` and the text names only {len(found)} of "
                                f"the {minimum} means of control required; not found: {names(missing)}.",
                                severity="warning", suggestion=suggestion))
    return ctx.failed(f"{counted}; no module is tagged `{topic}`.", findings, score=len(found) / minimum,
                      severity="warning")
