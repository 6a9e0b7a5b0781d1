"""Lexical scanning for a check: the lexicons and phrase sets its rule declares, read through the context.

A rule lists what it reads in its metadata (``lexicons: [stigmatizing-terms, P-VC]``); the engine
checks that every name is registered before scoring and hands the check exactly those. These
functions take the check's context and a name::

    hits = scan(ctx, "stigmatizing-terms")            # judged hits, cached per course
    report = phrases(ctx, "P-VC")                     # which groups occur, and where
    found = violations(ctx, "conditional-services")   # must-not-contain constructions, judged
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..checking import CheckContext
from ..course import TextField
from ..lexical import (Lexicon, PhraseReport, PhraseSet, ScanHit, Violation, compile_pattern, find_phrases,
                       find_violations, scan_course, scan_texts)


def lexicon(ctx: CheckContext, name: str) -> Lexicon:
    """The lexicon of terms registered as ``name`` (one the rule declares)."""
    value = ctx.lexicon(name)
    if not isinstance(value, Lexicon):
        raise TypeError(f"{name!r} is a phrase set, not a lexicon of terms")
    return value


def phrase_set(ctx: CheckContext, name: str) -> PhraseSet:
    """The phrase set registered as ``name`` (one the rule declares)."""
    value = ctx.lexicon(name)
    if not isinstance(value, PhraseSet):
        raise TypeError(f"{name!r} is a lexicon of terms, not a phrase set")
    return value


def scan(ctx: CheckContext, name: str, *, texts: Iterable[TextField] | None = None,
         jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of the lexicon ``name`` in every text field of the course (or in ``texts``).

    A scan of the whole course is done once per course and shared by every rule that asks for it.
    """
    chosen = lexicon(ctx, name)
    if texts is None:
        return scan_course(ctx.course, chosen, jargon_glossary_note=jargon_glossary_note)
    return scan_texts(texts, chosen, course=ctx.course, jargon_glossary_note=jargon_glossary_note)


def phrases(ctx: CheckContext, name: str, *, texts: Iterable[TextField] | None = None,
            limit: int | None = 5) -> PhraseReport:
    """Where each group of the phrase set ``name`` occurs (in ``texts`` when given); see
    :func:`vetkit.lexical.find_phrases`."""
    return find_phrases(ctx.course, phrase_set(ctx, name), texts=texts, limit=limit)


def violations(ctx: CheckContext, name: str, *, texts: Iterable[TextField] | None = None) -> tuple[Violation, ...]:
    """The constructions of the must-not-contain set ``name``, each judged with the negation and myth guard."""
    return find_violations(ctx.course, phrase_set(ctx, name), texts=texts)


def mentions(text: str, chosen: PhraseSet) -> bool:
    """Whether any group of a phrase set occurs in ``text``."""
    return bool(find_phrases(text, chosen).found_groups)


@lru_cache(maxsize=1024)
def pattern(source: str, *, case_sensitive: bool = False) -> re.Pattern:
    """The regular expression of one pattern in the lexicon pattern syntax (compiled once per process)."""
    return compile_pattern(source, case_sensitive=case_sensitive).regex
