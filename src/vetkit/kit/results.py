"""From judged hits to findings, and from findings to one result: the one way a text check answers.

Every lexical check ends the same way: each judged hit becomes a finding (:func:`hit_finding`),
and the findings decide the outcome (:func:`findings_result`): ``fail`` when a finding fails,
``needs-review`` when one asks a person, ``pass`` otherwise, with notes listed and without effect.
The rule's own words fill the reason::

    findings = [hit_finding(ctx, hit) for hit in scan(ctx, "stigmatizing-terms")]
    return findings_result(ctx, findings, Wording(
        failed="{count} unambiguous hit(s) in the course's own voice ({summary}), first {first}{noted}.",
        review="{count} hit(s) need a reviewer's judgement ({summary}){noted}.",
        passed="No hit needs attention{noted}."))
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterable, Sequence

from attrs import frozen

from ..checking import CheckContext, Result, combine, most_severe
from ..lexical import Lexicon, PhraseSet, ScanHit
from ..lexical.scanning import term_title
from ..report import Finding
from .course import field_text

_ORDER = {"fail": 0, "needs-review": 1, "note": 2}


def hit_finding(ctx: CheckContext, hit: ScanHit, *, message: str | None = None, label: str = "Use instead",
                advice: str = "") -> Finding:
    """A finding for a judged hit: pointer, offsets, term, effect, severity and the wording to use instead.

    The suggestion is ``"{label}: {use_instead}"`` (``label="Fact"`` for myths, ``"Fix"`` for statistics),
    followed by ``advice`` when the hit is not a note.
    """
    suggestion = None
    if hit.use_instead:
        text = hit.use_instead if hit.use_instead.endswith((".", "!", "?")) else hit.use_instead + "."
        suggestion = f"{label}: {text}" + (f" {advice}" if advice and hit.effect != "note" else "")
    return ctx.finding(hit.pointer, message or hit.message(), effect=hit.effect, evidence=hit.excerpt,
                       suggestion=suggestion, severity=hit.severity, start=hit.start, end=hit.end, term=hit.term_id)


def term_titles(ctx: CheckContext | None) -> dict[str, str]:
    """``{id: "plain name (ID)"}`` for every row and phrase set of the lexicons the rule declares."""
    titles: dict[str, str] = {}
    if ctx is None or ctx.lexicons is None:
        return titles
    for name in ctx.rule.lexicons:
        value = ctx.lexicons.get(name)
        if isinstance(value, Lexicon):
            titles.update((term.id, term_title(term)) for term in value.terms)
        elif isinstance(value, PhraseSet) and value.id:
            titles[value.id] = value.title
    return titles


def summary(terms: Iterable[str | None], ctx: CheckContext | None = None) -> str:
    """Terms with their counts, sorted by id: ``child prostitute (L01) ×2, sex worker (L03)``.

    Without ``ctx`` (or for a term its rule's lexicons do not hold) the bare id stands.
    """
    counts = Counter(term for term in terms if term)
    titles = term_titles(ctx)
    return ", ".join(f"{titles.get(term, term)} ×{count}" if count > 1 else titles.get(term, term)
                     for term, count in sorted(counts.items()))


@frozen
class Wording:
    """The reasons a rule gives for each outcome of :func:`findings_result`.

    Each is a format string with the fields ``{count}`` (findings with the deciding effect),
    ``{summary}`` (their terms by plain name and id, counted), ``{first}`` (the first one's words and pointer) and
    ``{noted}`` (the ``noted`` sentence when there are notes, else empty). ``noted`` itself may use
    ``{count}`` and ``{summary}`` of the notes.
    """

    failed: str
    review: str
    passed: str
    noted: str = "; {count} corrected, negated or named use(s) noted ({summary})"


_FROM_FINDINGS: Any = object()  # the severity of a result is that of its deciding findings


def findings_result(ctx: CheckContext, findings: Sequence[Finding], wording: Wording | str, *, score: float = 0.0,
                    severity: Any = _FROM_FINDINGS) -> Result:
    """``fail`` on any failing finding, ``needs-review`` on any finding for review, else ``pass``.

    Findings are listed failures first, then those for review, then notes (each group in the order
    given). ``wording`` gives the reason of each outcome (a plain string is the reason whatever the
    outcome); ``score`` is the partial credit of a failure; the severity is the most severe of the
    deciding findings unless ``severity`` is given.
    """
    ordered = sorted(findings, key=lambda finding: _ORDER.get(finding.effect, 3))
    notes = [finding for finding in ordered if finding.effect == "note"]
    if isinstance(wording, str):
        wording = Wording(wording, wording, wording, noted="")
        fill = False
    else:
        fill = True
    noted = (wording.noted.format(count=len(notes), summary=summary((f.term for f in notes), ctx))
             if notes and fill else "")
    for effect, template in (("fail", wording.failed), ("needs-review", wording.review)):
        deciding = [finding for finding in ordered if finding.effect == effect]
        if deciding:
            reason = template.format(count=len(deciding), summary=summary((f.term for f in deciding), ctx),
                                     first=_first(ctx, deciding[0]), noted=noted) if fill else template
            level = most_severe(f.severity for f in deciding) if severity is _FROM_FINDINGS else severity
            if effect == "fail":
                return ctx.failed(reason, ordered, score=score, severity=level)
            return ctx.review(reason, ordered, severity=level)
    passed = wording.passed.format(count=0, summary="", first="", noted=noted) if fill else wording.passed
    return ctx.passed(passed, ordered)


def _first(ctx: CheckContext, finding: Finding) -> str:
    """The finding's own words in quotes and where they are: “child prostitute” at /modules/0/text."""
    text = field_text(ctx.course, finding.pointer)
    if text is not None and finding.start is not None and finding.end is not None:
        words = text[finding.start:finding.end]
    else:
        words = finding.evidence[:80]
    words = " ".join(words.split())
    return f"“{words}” at {finding.pointer}" if words else f"at {finding.pointer}"


def merged(*parts: Result) -> Result:
    """:func:`vetkit.combine`, with the reasons of the deciding parts joined into one sentence."""
    result = combine(*parts)
    reasons = [part.reason.rstrip(".") for part in parts if part.outcome == result.outcome]
    reasons[1:] = [r[0].lower() + r[1:] if re.match(r"[A-Z][a-z]", r) else r for r in reasons[1:]]
    return Result(result.outcome, "; ".join(reasons) + ".", result.findings, result.score, result.severity)
