"""Concept detectors for a check: the families its rule declares, turned into findings.

A rule lists the families it reads in its metadata (``detectors: [myths]``); the engine checks them
before scoring. A check adds the detectors' part to its lexical part::

    lexical = findings_result(ctx, findings, wording)
    return combine(lexical, concept_part(ctx, "myths", covered=findings, severity="error",
                                         what="a myth stated as fact"))

Only hits of concepts that feed the rule (the catalogue's ``criteria``) are read. Where the lexicon
layer already judged something in the same sentence (``covered``), its decision stands and the
detector hit is left out. An asserted hit above its family's fail threshold fails, below it a
person reviews; a refuted, negated, quoted or named hit is a note that says why. A family the
catalogue does not score adds nothing: its part is not applicable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..checking import CheckContext, Result
from ..concepts import ConceptHit, detect, scored_families, shipped_model
from ..report import Finding
from .results import Wording, findings_result


def concept_hits(ctx: CheckContext, *families: str) -> tuple[ConceptHit, ...]:
    """The detector hits of the families given (every family the rule declares by default) whose concept
    feeds this rule."""
    declared = ctx.rule.detectors
    undeclared = [name for name in families if name not in declared]
    if undeclared:
        raise KeyError(f"rule {ctx.rule.id} reads the detector famil{'ies' if len(undeclared) > 1 else 'y'} "
                       f"{', '.join(repr(n) for n in undeclared)} but does not declare "
                       f"{'them' if len(undeclared) > 1 else 'it'}; add to the rule's `detectors` (declared: "
                       f"{', '.join(declared) or 'none'})")
    return tuple(hit for hit in detect(ctx.course, families or declared) if ctx.rule.id in hit.criteria)


def _covered(hit: ConceptHit, findings: Sequence[Finding]) -> bool:
    """Whether a finding of the lexicon layer sits in the hit's sentence."""
    for finding in findings:
        if finding.pointer != hit.pointer:
            continue
        if finding.start is None or finding.end is None:
            return True
        if finding.start < hit.end and finding.end > hit.start:
            return True
    return False


def concept_finding(ctx: CheckContext, hit: ConceptHit, *, severity: str, fix: str | None = None) -> Finding:
    """A detector hit as a finding: the sentence, the concept, the stance and the confidence, and why it has
    its effect."""
    limits = shipped_model().thresholds[hit.family]
    head = f"Detector {hit.concept} ({hit.label})"
    common = {"evidence": hit.sentence, "start": hit.start, "end": hit.end, "term": hit.concept,
              "suggestion": fix}
    if hit.effect == "note":
        return ctx.finding(hit.pointer, f"{head}: stance {hit.stance} — {hit.stance_reason}; only what the course "
                           f"asserts counts against it → note.", effect="note", **common)
    if hit.effect == "fail":
        return ctx.finding(hit.pointer, f"{head}: stance asserted — {hit.stance_reason}; confidence "
                           f"{hit.confidence:.2f} is above {limits.fail:.2f}, where the held-out precision of the "
                           f"detectors is at least 0.95 → fail ({severity}).", severity=severity, **common)
    level = f"the fail level {limits.fail:.2f}" if limits.fail is not None else "any level at which this family fails"
    return ctx.finding(hit.pointer, f"{head}: stance asserted — {hit.stance_reason}; confidence "
                       f"{hit.confidence:.2f} is below {level}, and the idea is found in other words than the "
                       f"guide's, so a person checks → needs-review ({severity}).", effect="needs-review",
                       severity=severity, **common)


def concept_part(ctx: CheckContext, *families: str, severity: str, what: str, covered: Iterable[Finding] = (),
                 concepts: Iterable[str] | None = None, fix: str | None = None) -> Result:
    """The detectors' part of a criterion: one finding per hit not already covered by the lexicon layer.

    ``what`` names the harm (e.g. "a myth stated as fact"); ``concepts`` keeps only those concept ids.
    """
    hits = concept_hits(ctx, *families)
    if not set(families or ctx.rule.detectors) & set(scored_families()):
        return Result("not-applicable", f"the concept detectors for {what} are trained and measured but not scored")
    wanted = set(concepts) if concepts is not None else None
    covered = list(covered)
    findings = [concept_finding(ctx, hit, severity=severity, fix=fix) for hit in hits
                if (wanted is None or hit.concept in wanted) and not _covered(hit, covered)]
    return findings_result(ctx, findings, Wording(
        failed=f"{{count}} sentence(s) in which the detectors find {what} in the course's own voice ({{summary}}), "
               f"first {{first}}{{noted}}.",
        review=f"{{count}} sentence(s) that may hold {what} in other words than the guide's ({{summary}}); a "
               f"reviewer decides{{noted}}.",
        passed=f"The detectors find no sentence with {what} in the course's own voice{{noted}}.",
        noted="; {count} refuted, negated, quoted or named use(s) noted ({summary})"))
