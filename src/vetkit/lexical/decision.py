"""What a lexicon hit does to a rule's outcome, and why (vetting guidelines §4.0 table, D3 and the row notes)."""

from __future__ import annotations

from typing import NamedTuple

from .context import Context
from .terms import Term

_NOTE_REASONS = {
    "title": "a title of a cited work is listed without effect",
    "proper-name": "a proper name is listed without effect",
    "myth-correction": "a use that corrects a myth or a term is listed without effect",
    "negated": "a negated use is listed without effect",
}


class Decision(NamedTuple):
    """The effect of a hit (fail | needs-review | note), the severity it carries, and why, in words a
    reviewer can check."""

    effect: str
    severity: str
    reason: str


def decide(term: Term, context: Context, *, jargon_glossary_note: bool = False) -> Decision:
    """The effect of a hit of ``term`` in ``context``.

    - info rows, titles, proper names, myth corrections and negations: note;
    - contexts listed in the term's ``exempt_in`` (L14/L16 in citations): note;
    - trafficker jargon (L10, L11, L20; D3): needs-review at warning everywhere else, never fail
      (``jargon_glossary_note`` lowers glossary entries to a note, as a rubric may);
    - quoted, cited or glossary uses: needs-review at warning (so L02 in a citation and L06 in
      a glossary drop to warning);
    - own voice: fail for an unambiguous row (or a structured claim of a row marked
      ``structured_unambiguous``), otherwise needs-review at the row's severity.
    """
    kind = context.kind
    if term.severity == "info":
        return Decision("note", "info", "an info row is only noted")
    if context.is_note:
        return Decision("note", "info", _NOTE_REASONS[kind])
    if kind in term.exempt_in:
        return Decision("note", "info", f"the term is exempt in a {kind}")
    if term.jargon:
        if kind == "glossary" and jargon_glossary_note:
            return Decision("note", "info", "the rubric lowers jargon explained in the glossary to a note")
        return Decision("needs-review", "warning", "trafficker jargon is reviewed, never failed")
    if kind in ("citation", "glossary", "quoted"):
        return Decision("needs-review", "warning", f"a {kind} use drops to a warning for a person to review")
    if term.unambiguous:
        return Decision("fail", term.severity, "an unambiguous term in the course's own voice")
    if kind == "structured-claim" and term.structured_unambiguous:
        return Decision("fail", term.severity, "a claim declared in statistics[] counts as unambiguous")
    return Decision("needs-review", term.severity, "the term is not unambiguous, so a person must judge this use")
