"""The lexical engine: terms and phrase sets to look for in course text, a fast matcher, and what a hit means
(guidelines §4).

A lexicon is data (YAML) owned by a plugin: a list of *terms*, each with one or more
*patterns*, the wording to use instead, a severity and the conditions under which a match
counts. Plugins contribute lexicons through the ``vetkit_register_lexicons(register)`` hook;
an academy can add its own terms under the same lexicon name (a later term with the same id
replaces the earlier one).

Pattern syntax
--------------
Patterns are written by hand; the syntax is small on purpose:

``child prostitute``
    Words match case-insensitively and as whole words. Between two words, any run of
    spaces, line breaks and hyphens is accepted: this pattern also matches
    "child-prostitutes" and "child\\nprostitute". A hyphen inside a pattern word is the same
    as a space ("victim-centered" also matches "victim centered").
Simple inflections of the last word
    The last word also matches its plural (-s, -es, -ies), -ed and -ing forms, with a final
    "e" dropped or a final consonant doubled where English does ("rescue" matches
    "rescues", "rescued", "rescuing"; "gag" matches "gagged"). Irregular forms are written
    as alternatives. A term or pattern can turn this off with ``inflect: false``.
``{child|teen|juvenile} prostitute``
    Alternatives; an alternative may hold several words (``{as long as|provided that}``) or
    be empty (``{re|}traumatize``).
``tape over [her|his|their] mouth``
    Optional words: the bracketed alternatives may be present or not.
``\\{``
    A backslash makes the next character literal. Every other character (``&``, ``$``,
    ``.``, ``,``, ``§``...) is literal; a straight apostrophe also matches a curly one.
Numbers
    A pattern that starts or ends with a digit does not match inside a longer number:
    "27 million" does not match "127 million" or "27.6 million".

A term may also give ``case_sensitive: true`` (e.g. "Taken" the film, lower-case "ho"),
``guards`` (patterns that cancel a hit they overlap, e.g. "supply chain" for "chain"),
``near`` (patterns that must all occur in the same sentence, paragraph or field, per
``near_scope``), ``unless_near`` (patterns that cancel a hit in the same sentence), and
``where`` (``any``, ``quoted-or-glossary`` for jargon such as "the life", or
``quoted-or-near`` for a title that counts only in quotes or next to one of its ``near``
words). A pattern can be a mapping ``{pattern: ..., case_sensitive: ..., inflect: ...,
near: [...]}`` to override those settings for itself.

Lexicon file format
-------------------
::

    name: stigmatizing-terms          # optional; the registered name wins
    description: ...
    fields: ["materials.*"]           # optional: only scan these kinds of text field
    terms:
      - id: L01
        label: child prostitute
        patterns: ["{child|teen|juvenile|underage|minor|adolescent} prostitute"]
        use_instead: child sex-trafficking victim or survivor; trafficked minor
        severity: error               # error | warning | info
        unambiguous: true             # the guide's U column: may fail in the course's own voice
        note: ...
        sources: [IL-DHS, IRINA]

Other term keys: ``guards``, ``near``, ``near_scope`` (sentence | paragraph | field),
``unless_near``, ``case_sensitive``, ``inflect``, ``where``, ``jargon`` (trafficker jargon
never fails, D3), ``exempt_in`` (context kinds that turn a hit into a note, e.g.
``[citation]``), ``structured_unambiguous`` (a hit in ``statistics[].claim`` counts as
unambiguous), ``is_name`` (the term is itself a title, so the proper-name context does not
apply), ``corrections`` (extra correction markers for this term), ``aggregate`` (data for an
aggregate check, not matched) and ``data`` (free extra data for a check).

Stages
------
One module per stage, each importing only the stages before it:

- :mod:`~vetkit.lexical.patterns` — the pattern syntax, compiled to regular expressions;
- :mod:`~vetkit.lexical.matcher` — one matcher per lexicon or phrase set, trying each pattern only
  where its words occur;
- :mod:`~vetkit.lexical.sources`, :mod:`~vetkit.lexical.terms`, :mod:`~vetkit.lexical.phrases` —
  reading and checking lexicon and phrase-set files;
- :mod:`~vetkit.lexical.registry` — lexicons and phrase sets by name, as plugins registered them;
- :mod:`~vetkit.lexical.context` — how the course uses a hit (quoted, negated, corrected, named...);
- :mod:`~vetkit.lexical.decision` — what a hit in its context does to a rule, and why;
- :mod:`~vetkit.lexical.scanning` — judged hits over a whole course, phrase presence and violations.

Check authors use these through :mod:`vetkit.kit`; ``bench/scan.py`` measures the throughput.
"""

from .context import CONTEXT_KINDS, NOTE_KINDS, Context, classify, negation_before, negation_cues, true_false_key
from .decision import Decision, decide
from .matcher import Hit, Matcher, MatchRule
from .patterns import CompiledPattern, PatternError, compile_pattern, inflections
from .phrases import KINDS, PhraseGroup, PhraseSet, load_phrase_set, merge_phrase_sets
from .registry import LexiconRegistry
from .scanning import (PhraseMatch, PhraseReport, ScanHit, Violation, find_phrases, find_violations, scan_course,
                       scan_text, scan_texts)
from .sources import LexiconError
from .terms import Lexicon, PatternSpec, Term, load_lexicon

__all__ = [
    "CONTEXT_KINDS", "KINDS", "NOTE_KINDS", "CompiledPattern", "Context", "Decision", "Hit", "Lexicon",
    "LexiconError", "LexiconRegistry", "MatchRule", "Matcher", "PatternError", "PatternSpec", "PhraseGroup",
    "PhraseMatch", "PhraseReport", "PhraseSet", "ScanHit", "Term", "Violation", "classify", "compile_pattern",
    "decide", "find_phrases", "find_violations", "inflections", "load_lexicon",
    "load_phrase_set", "merge_phrase_sets", "negation_before", "negation_cues", "scan_course", "scan_text",
    "scan_texts", "true_false_key",
]
