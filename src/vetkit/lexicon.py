"""Lexicons: terms to look for in course text, a fast matcher, and what a hit means (guidelines §4).

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
apply), ``corrections`` (extra correction markers for this term), ``tier``, ``aggregate``
(data for an aggregate check, not matched) and ``data`` (free extra data for a check).

Scanning
--------
Each lexicon compiles once per process into one :class:`Matcher` (built lexicons and matchers are
cached by content, so every registry with the same terms shares them). A course is scanned as one
:class:`vetkit.text.Corpus`: all text fields joined, with their words indexed per field once and
shared by every lexicon. For each pattern the matcher knows the words any match must contain; it
tries a pattern only in the fields that hold all of them (and its ``near`` words), and runs the
pattern's regular expression only around occurrences of its rarest word whose neighbouring words
are close enough. Overlapping hits keep the longest.

:func:`scan_course` runs a lexicon over every text field of a course (once per course and
lexicon), classifies each hit's context (:func:`vetkit.text.classify`) and decides its effect
with :func:`decide` (the table of guidelines §4.0). ``bench/scan.py`` measures the throughput.
"""

from __future__ import annotations

import bisect
import re
import weakref
from functools import cached_property, lru_cache
from importlib import import_module
from itertools import product
from pathlib import Path
from typing import Any, Iterable, Mapping, NamedTuple, Sequence

from attrs import define, field, frozen

from .errors import InvalidDocument, Problem
from .text import VOCABULARY, Context, Corpus, PreparedText, classify, prepared

__all__ = [
    "BUILTIN_LEXICON_PLUGINS", "CompiledPattern", "Decision", "Hit", "Lexicon", "LexiconError", "LexiconRegistry",
    "MatchRule", "Matcher", "PatternError", "PatternSpec", "ScanHit", "Term", "builtin_registry",
    "compile_pattern", "corpus_for", "course_corpus", "decide", "decision_reason", "hit_finding", "load_lexicon",
    "registry_for", "scan_course", "scan_text", "scan_texts",
]

SEVERITIES = ("error", "warning", "info")
WHERE = ("any", "quoted-or-glossary", "quoted-or-near")
SCOPES = ("sentence", "paragraph", "field")
_SEP = r"[\s\-\u2010\u2011]{1,8}"
_MAX_SEP = 8
_MAX_EXPANSIONS = 256

#: Words too frequent to be good trigger words when the pattern offers a rarer one.
_COMMON = frozenset("""
    a an the of to in on for with and or but if as at by from into onto about over under after before
    is are was were be been being am it its this that these those they them their he him his she her hers
    we us our you your i me my not no nor only also just than then there so up out who whom what when where
    which how all any some more most other such can could should would will shall may might must do does did
    have has had get got one two three four five six seven eight nine ten long yes own same very
    victim victims person people officer officers police trafficking trafficked human help services service
    law enforcement child children minor minors
""".split())


class PatternError(ValueError):
    """A pattern does not follow the lexicon pattern syntax."""


class LexiconError(InvalidDocument):
    """A lexicon or phrase-set file is invalid; each problem names the file and the term id."""


# --------------------------------------------------------------------------- pattern syntax

@frozen
class _Lit:
    text: str


@frozen
class _Alt:
    options: tuple  # tuple of sequences (tuples of words)
    optional: bool


def _parse(source: str) -> tuple:
    """Pattern source -> sequence of words; a word is a tuple of parts (_Lit or _Alt)."""
    position = 0
    length = len(source)

    def sequence(stops: str) -> tuple:
        nonlocal position
        words: list[tuple] = []
        parts: list = []
        buffer: list[str] = []

        def flush() -> None:
            if buffer:
                parts.append(_Lit("".join(buffer)))
                buffer.clear()

        def end_word() -> None:
            flush()
            if parts:
                words.append(tuple(parts))
                parts.clear()

        while position < length and source[position] not in stops:
            char = source[position]
            if char == "\\" and position + 1 < length:
                buffer.append(source[position + 1])
                position += 2
            elif char.isspace():
                end_word()
                position += 1
            elif char == "-" and (buffer or parts) and position + 1 < length and \
                    not source[position + 1].isspace() and source[position + 1] not in stops:
                end_word()
                position += 1
            elif char in "{[":
                flush()
                close = "}" if char == "{" else "]"
                position += 1
                options = [sequence("|" + close)]
                while position < length and source[position] == "|":
                    position += 1
                    options.append(sequence("|" + close))
                if position >= length or source[position] != close:
                    raise PatternError(f"'{char}' at column {position} is never closed with '{close}'")
                position += 1
                parts.append(_Alt(tuple(options), char == "["))
            elif char in "}]|":
                raise PatternError(f"unexpected '{char}' at column {position + 1}; write '\\{char}' for the character")
            else:
                buffer.append(char)
                position += 1
        end_word()
        return tuple(words)

    words = sequence("")
    if not words:
        raise PatternError("the pattern is empty")
    if all(_optional_word(word) for word in words):
        raise PatternError("every word of the pattern is optional")
    return words


def _optional_word(word: tuple) -> bool:
    return len(word) == 1 and isinstance(word[0], _Alt) and word[0].optional


def inflections(word: str) -> tuple[str, ...]:
    """The word with its simple inflections (plural, -ed, -ing), longest first."""
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 3:
        return (word,)
    forms = {word}
    vowels = "aeiou"
    if lower.endswith(("ed", "ing")) or (lower.endswith("s") and not lower.endswith(("ss", "us", "is"))):
        return (word,)  # already inflected: "rescued", "illegals"
    if lower.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word + "es")
    forms.add(word + "s")
    if lower[-1] == "y" and lower[-2] not in vowels:
        forms.update({word[:-1] + "ies", word[:-1] + "ied", word + "ing"})
    elif lower.endswith("ie"):
        forms.update({word + "d", word[:-2] + "ying"})
    elif lower[-1] == "e":
        forms.update({word + "d", word + "ing" if lower.endswith(("ee", "ye", "oe")) else word[:-1] + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if lower[-1] not in vowels + "wxy" and lower[-2] in vowels and lower[-3] not in vowels:
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


def _literal(text: str) -> str:
    return "".join("['’]" if char in "'’" else '["“”]' if char == '"' else re.escape(char) for char in text)


def _render_sequence(words: tuple, inflect: bool) -> str:
    required = [index for index, word in enumerate(words) if not _optional_word(word)]
    tail = required[-1] if required else -1
    out, started = "", False
    for index, word in enumerate(words):
        if _optional_word(word):
            inner = "|".join(_render_sequence(option, False) for option in word[0].options)
            out += f"(?:{_SEP}(?:{inner}))?" if started else f"(?:(?:{inner}){_SEP})?"
        else:
            out += (_SEP if started else "") + _render_word(word, inflect and index == tail)
            started = True
    return out


def _render_word(parts: tuple, inflect: bool) -> str:
    out = []
    for index, part in enumerate(parts):
        last = inflect and index == len(parts) - 1
        if isinstance(part, _Lit):
            tail = re.search(r"[^\W\d_]+$", part.text) if last else None
            if tail and len(tail.group()) >= 3:
                forms = "|".join(_literal(form) for form in inflections(tail.group()))
                out.append(_literal(part.text[:tail.start()]) + f"(?:{forms})")
            else:
                out.append(_literal(part.text))
        else:
            options = sorted(part.options, key=_max_length, reverse=True)
            inner = "|".join(_render_sequence(option, last and not part.optional) for option in options)
            out.append(f"(?:{inner})" + ("?" if part.optional else ""))
    return "".join(out)


def _max_length(words: tuple) -> int:
    total = 0
    for word in words:
        for part in word:
            total += len(part.text) if isinstance(part, _Lit) else max((_max_length(o) for o in part.options), default=0)
        total += _MAX_SEP
    return total


def _expansions(parts: tuple) -> list[str] | None:
    """Every string a word can be (alternatives expanded, multi-word options joined by spaces)."""
    choices: list[list[str]] = []
    for part in parts:
        if isinstance(part, _Lit):
            choices.append([part.text])
            continue
        options: list[str] = [""] if part.optional else []
        for option in part.options:
            expanded = [""]
            for word in option:
                sub = _expansions(word)
                if sub is None:
                    return None
                expanded = [f"{a} {b}".strip() for a in expanded for b in sub]
                if len(expanded) > _MAX_EXPANSIONS:
                    return None
            options.extend(expanded)
        choices.append(options)
    total = 1
    for options in choices:
        total *= len(options)
        if total > _MAX_EXPANSIONS:
            return None
    return ["".join(combination) for combination in product(*choices)]


def _trigger_score(words: frozenset[str]) -> tuple:
    return (any(word in _COMMON for word in words), -min(len(word) for word in words), len(words))


def _word_triggers(parts: tuple, inflect: bool) -> frozenset[str] | None:
    expansions = _expansions(parts)
    if expansions is None:
        return None
    found: set[str] = set()
    for expansion in expansions:
        tokens = re.findall(r"\w+", expansion.lower())
        if not tokens:
            return None
        best = min(range(len(tokens)), key=lambda i: (tokens[i] in _COMMON, -len(tokens[i]), -i))
        token = tokens[best]
        if inflect and best == len(tokens) - 1 and re.search(r"[^\W\d_]+$", expansion):
            found.update(form.lower() for form in inflections(token))
        else:
            found.add(token)
    return frozenset(found)


def _required_sets(words: tuple, inflect: bool) -> list[tuple[int, frozenset[str]]]:
    """For each required word of a pattern, (its index, the words of which any match contains one)."""
    required = [index for index, word in enumerate(words) if not _optional_word(word)]
    sets = []
    for index in required:
        triggers = _word_triggers(words[index], inflect and index == required[-1])
        if triggers:
            sets.append((index, triggers))
    return sets


#: Words so frequent that looking them up costs more than it saves (never used to narrow a search).
_STOP = frozenset("""
    a an the of to in on for with and or but if as at by from is are was were be been it its this that they
    them their he him his she her we you i not no do does did have has had will would can could should may
    might must so up out
""".split())


@frozen
class CompiledPattern:
    """A pattern compiled to a regular expression, with the words any match must contain and its maximum reach.

    ``triggers`` is the rarest-looking set of ``required``: every match contains one of its words as a
    whole word (None: the pattern has no word and is searched everywhere). ``required`` holds one such
    set per required word of the pattern.
    """

    source: str
    regex: re.Pattern
    triggers: frozenset[str] | None
    reach: int  # no match is longer than this
    required: tuple[frozenset[str], ...] = ()
    words: frozenset[str] | None = None  # a single plain word: the lower-case forms it matches exactly
    order: tuple[frozenset[str], ...] = ()  # every required word's set, in pattern order (stop words included)
    gaps: tuple[int, ...] = ()  # longest distance between the starts of consecutive words of ``order``


@lru_cache(maxsize=4096)
def compile_pattern(source: str, *, case_sensitive: bool = False, inflect: bool = True) -> CompiledPattern:
    """Compile one pattern of the lexicon syntax (see the module docstring); raises :class:`PatternError`."""
    words = _parse(source)
    body = _render_sequence(words, inflect)
    edge = source.strip().lstrip("{[").rstrip("}]")
    first = edge[:1] if not edge[:1] == "\\" else edge[1:2]
    last = edge[-1:]
    left = "(?<![\\w$])(?<!\\d[.,])" if first.isdigit() else "(?<!\\w)" if first.isalnum() else ""
    right = "(?!\\w)(?![.,]\\d)" if last.isdigit() else "(?!\\w)" if last.isalnum() else ""
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        regex = re.compile(left + f"(?:{body})" + right, flags)
    except re.error as err:  # pragma: no cover - the renderer escapes everything
        raise PatternError(f"cannot compile: {err}") from None
    located = _required_sets(words, inflect)
    required = [words_set for _, words_set in located]
    for words_set in required:
        VOCABULARY.update(words_set)
    triggers = min(required, key=_trigger_score) if required else None
    informative = tuple(dict.fromkeys(r for r in required if r is triggers or not (r & _STOP)))
    # Longest distance from the start of each required word to the start of the next one.
    gaps = tuple(_max_length(words[a:b]) for (a, _), (b, _) in zip(located, located[1:]))
    return CompiledPattern(source, regex, triggers, _max_length(words) + 8, informative,
                           None if case_sensitive else _plain_word(words, inflect), tuple(required), gaps)


def _plain_word(words: tuple, inflect: bool) -> frozenset[str] | None:
    """The forms of a one-word, letters-only pattern (its matches are exactly those whole words)."""
    if len(words) != 1:
        return None
    expansions = _expansions(words[0])
    if not expansions or not all(e.isalpha() for e in expansions):
        return None
    forms = {form.lower() for e in expansions for form in (inflections(e) if inflect else (e,))}
    return frozenset(forms)


# --------------------------------------------------------------------------- matcher

@frozen
class MatchRule:
    """One pattern to look for and the conditions under which a match counts."""

    key: str
    pattern: str
    case_sensitive: bool = False
    inflect: bool = True
    near: tuple[str, ...] = ()
    near_scope: str = "sentence"
    unless_near: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()


@frozen
class Hit:
    """A match of a term (or phrase group) ``term_id`` at ``text[start:end]``."""

    term_id: str
    start: int
    end: int
    matched: str
    pattern: str = ""


class Matcher:
    """Finds every rule of a lexicon or phrase set in a text, looking only where its words occur.

    Build it once (``Lexicon.matcher`` is cached) and call :meth:`scan` per text (or per
    :class:`vetkit.text.Corpus` of joined fields).
    """

    def __init__(self, rules: Sequence[MatchRule], *, longest: bool = True):
        self.rules = tuple(rules)
        self.longest = longest
        self._patterns = [compile_pattern(r.pattern, case_sensitive=r.case_sensitive, inflect=r.inflect)
                          for r in self.rules]
        self._near = [tuple(compile_pattern(p) for p in r.near) for r in self.rules]
        self._near_required = [tuple(dict.fromkeys(words for near in nears for words in near.required))
                               for nears in self._near]
        self._unless = [tuple(compile_pattern(p) for p in r.unless_near) for r in self.rules]
        self._guards = [tuple(compile_pattern(p) for p in r.guards) for r in self.rules]
        by_trigger: dict[str, list[int]] = {}
        self._always: list[int] = []
        for index, compiled in enumerate(self._patterns):
            if compiled.triggers is None:
                self._always.append(index)
            else:
                for word in compiled.triggers:
                    by_trigger.setdefault(word, []).append(index)
        self._by_trigger = {word: tuple(indexes) for word, indexes in by_trigger.items()}
        self.triggers = frozenset(by_trigger)

    def scan(self, text: str | PreparedText, *, limit: int | None = None) -> list[Hit]:
        """Every hit in ``text``, in order; overlapping hits keep the longest (if ``longest``).

        ``limit`` stops looking for a rule after that many hits (presence checks need only a few).

        A rule is tried only when its required words (and its ``near`` words) all occur in the
        text. It is then verified by its regular expression only around the occurrences of its
        rarest word that have the other words close by: within the pattern's reach, or within
        the same paragraph (or field) for a rule with ``near`` words.
        """
        prep = prepared(text)
        present = prep.words
        candidates: set[int] = set()
        for word in self.triggers & present:
            candidates.update(self._by_trigger[word])
        found: dict[tuple[int, int, int], None] = {}
        for index in sorted(candidates):
            compiled = self._patterns[index]
            sets = [words & present for words in compiled.order]
            near_sets = [words & present for words in self._near_required[index]]
            if not all(sets) or not all(near_sets):
                continue
            every = sorted(sets + near_sets, key=lambda words: _rarity(prep, words))
            fields = prep.fields_with(every[0])
            for words in every[1:]:
                if not fields:
                    break
                fields = fields & prep.fields_with(words)
            if not fields:
                continue
            matches = (self._in_regions(index, prep, fields, sets, near_sets) if near_sets
                       else self._in_windows(index, prep, fields, sets))
            count = 0
            for start, end in matches:
                if (index, start, end) in found or not self._holds(index, prep, start, end):
                    continue
                found[(index, start, end)] = None
                count += 1
                if limit is not None and count >= limit:
                    break
        for index in self._always:
            for match in self._patterns[index].regex.finditer(prep.text):
                if match.end() > match.start() and self._holds(index, prep, match.start(), match.end()):
                    found[(index, match.start(), match.end())] = None
        raw = prep.text
        hits = [Hit(self.rules[i].key, s, e, raw[s:e], self.rules[i].pattern) for i, s, e in found]
        if self.longest:
            hits = _keep_longest(hits)
        hits.sort(key=lambda hit: (hit.start, hit.end, hit.term_id))
        return _unique(hits)

    @staticmethod
    def _anchored(prep: PreparedText, anchor: frozenset[str], fields: frozenset[int]) -> Iterable[tuple[int, int]]:
        """Occurrences of the anchor words that lie in one of ``fields``."""
        if len(fields) == len(prep.bounds):
            return prep.positions(anchor)
        if len(fields) <= 32 and not prep.has_positions(anchor):  # few fields: look only there
            return prep.positions_in(anchor, fields)
        field_index = prep.field_index
        return [position for position in prep.positions(anchor) if field_index(position[0]) in fields]

    def _in_windows(self, index: int, prep: PreparedText, fields: frozenset[int], sets: list,
                    regions: Iterable[tuple[int, int]] | None = None) -> Iterable[tuple[int, int]]:
        """Matches around each occurrence of the rarest required word (inside ``regions`` if given)."""
        compiled = self._patterns[index]
        anchor = min(sets, key=lambda words: _rarity(prep, words))  # the rarest of the pattern's words here
        positions = self._anchored(prep, anchor, fields)
        if regions is not None:
            positions = _within(positions, regions)
        if compiled.words is not None:  # a single plain word: each occurrence is a match
            yield from positions
            return
        raw, size = prep.text, len(prep.text)
        gaps = compiled.gaps
        place = sets.index(anchor)
        regex, reach = compiled.regex, compiled.reach
        # The neighbouring required words must start within their longest possible distance.
        previous = (sets[place - 1], gaps[place - 1]) if place > 0 else None
        following = (sets[place + 1], gaps[place]) if place + 1 < len(sets) else None
        has = prep.has_word_between
        for start, end in positions:
            if previous is not None and not has(previous[0], start - previous[1], start - 1):
                continue
            if following is not None and not has(following[0], start + 1, start + following[1]):
                continue
            position, stop = max(0, start - reach), min(size, end + reach + 1)
            while True:
                match = regex.search(raw, position, stop)
                if match is None or match.start() > start:
                    break
                if match.end() >= end and match.end() > match.start():
                    yield match.start(), match.end()
                position = match.start() + 1

    def _in_regions(self, index: int, prep: PreparedText, fields: frozenset[int], sets: list,
                    near_sets: list) -> Iterable[tuple[int, int]]:
        """Matches inside each chunk of paragraphs (or field) that holds every required and ``near`` word."""
        every = sets + near_sets
        if self.rules[index].near_scope == "field":
            regions: Iterable[tuple[int, int]] = [prep.field_span(field) for field in sorted(fields)]
        else:
            regions = _chunks(prep, self._anchored(prep, min(every, key=lambda words: _rarity(prep, words)), fields))
        has = prep.has_word_between  # the pattern's own words are checked next to each anchor later
        chosen = [region for region in regions if all(has(words, region[0], region[1]) for words in near_sets)]
        if chosen:
            yield from self._in_windows(index, prep, fields, sets, chosen)

    def _holds(self, index: int, prep: PreparedText, start: int, end: int) -> bool:
        raw = prep.text
        for guard in self._guards[index]:
            position = max(0, start - guard.reach)
            for match in guard.regex.finditer(raw, position, min(len(raw), end + guard.reach + 1)):
                if match.start() < end and match.end() > start:
                    return False
        if self._near[index] or self._unless[index]:
            rule = self.rules[index]
            span_start, span_end = prep.span_at(start, rule.near_scope)
            span_end = max(span_end, end)
            if any(near.regex.search(raw, span_start, span_end) is None for near in self._near[index]):
                return False
            sentence = prep.sentence_at(start)
            if any(unless.regex.search(raw, sentence[0], max(sentence[1], end)) for unless in self._unless[index]):
                return False
        return True


def _rarity(prep: PreparedText, words: frozenset[str]) -> tuple[bool, int]:
    """Sort key for choosing where to look: sets with a stop word last, then by how many fields hold them."""
    return bool(words & _STOP), prep.frequency(words)


def _within(positions: Sequence[tuple[int, int]], regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (sorted) positions that start inside one of the (sorted, disjoint) regions."""
    chosen: list[tuple[int, int]] = []
    for low, high in regions:
        first = bisect.bisect_left(positions, (low, -1))
        chosen.extend(positions[first:bisect.bisect_left(positions, (high, -1), first)])
    return chosen


def _chunks(prep: PreparedText, positions: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The distinct blank-line-separated chunks that contain the given (sorted) positions.

    A chunk holds whole paragraphs, so a sentence or paragraph never crosses its edges; it is
    found with two string searches instead of parsing the Markdown layout."""
    raw = prep.text
    high = -1
    for start, _ in positions:
        if start >= high:
            low = raw.rfind("\n\n", 0, start)
            low = 0 if low == -1 else low + 2
            high = raw.find("\n\n", start)
            high = len(raw) if high == -1 else high
            yield low, high


def _keep_longest(hits: list[Hit]) -> list[Hit]:
    kept_starts: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.term_id)):
        index = bisect.bisect_left(kept_starts, hit.start)
        if index > 0 and kept[index - 1].end > hit.start:
            continue
        if index < len(kept) and kept[index].start < hit.end:
            continue
        kept_starts.insert(index, hit.start)
        kept.insert(index, hit)
    return kept


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for hit in hits:
        key = (hit.term_id, hit.start, hit.end)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


@lru_cache(maxsize=256)
def _matcher(rules: tuple[MatchRule, ...], longest: bool) -> Matcher:
    return Matcher(rules, longest=longest)


# --------------------------------------------------------------------------- terms and lexicons

@frozen
class PatternSpec:
    """A pattern with optional per-pattern overrides (None: inherit from the term)."""

    text: str
    case_sensitive: bool | None = None
    inflect: bool | None = None
    near: tuple[str, ...] | None = None


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple((key, _freeze(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(item) for item in value)
    return value


@frozen
class Term:
    """One lexicon row (e.g. L01, I03, M01, S01): what to match, what to use instead, and how to judge a hit."""

    id: str
    patterns: tuple[PatternSpec, ...]
    severity: str = "warning"
    use_instead: str = ""
    unambiguous: bool = False
    label: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    near: tuple[str, ...] = ()
    near_scope: str = "sentence"
    unless_near: tuple[str, ...] = ()
    case_sensitive: bool = False
    inflect: bool = True
    where: str = "any"
    jargon: bool = False
    exempt_in: tuple[str, ...] = ()
    structured_unambiguous: bool = False
    is_name: bool = False
    corrections: tuple[str, ...] = ()
    tier: str | None = None
    aggregate: bool = False
    data: tuple = ()  # frozen mapping (key, value) pairs of extra data for checks

    @property
    def name(self) -> str:
        """A short human name: the label, or the first pattern."""
        if self.label:
            return self.label
        return self.patterns[0].text if self.patterns else self.id

    def extra(self, key: str, default: Any = None) -> Any:
        """A value of the term's free ``data`` mapping (nested mappings come back as dicts)."""
        for name, value in self.data:
            if name == key:
                return _thaw(value)
        return default

    def match_rules(self) -> tuple[MatchRule, ...]:
        """The matcher rules of this term (none for an aggregate term)."""
        if self.aggregate:
            return ()
        rules = []
        for spec in self.patterns:
            near = spec.near if spec.near is not None else self.near
            rules.append(MatchRule(
                key=self.id, pattern=spec.text,
                case_sensitive=self.case_sensitive if spec.case_sensitive is None else spec.case_sensitive,
                inflect=self.inflect if spec.inflect is None else spec.inflect,
                near=() if self.where == "quoted-or-near" else near, near_scope=self.near_scope,
                unless_near=self.unless_near, guards=self.guards))
        return tuple(rules)


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple) and value and all(isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str)
                                                  for v in value):
        return {key: _thaw(item) for key, item in value}
    if isinstance(value, tuple):
        return [_thaw(item) for item in value]
    return value


@lru_cache(maxsize=512)
def _compiled_corrections(corrections: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(compile_pattern(p).regex for p in corrections)


@define(frozen=True, slots=False)
class Lexicon:
    """A named list of terms, compiled on first use into one :class:`Matcher`."""

    name: str
    terms: tuple[Term, ...] = field(converter=tuple)
    fields: tuple[str, ...] = field(default=(), converter=tuple)
    description: str = ""

    def term(self, term_id: str) -> Term:
        """The term with this id; ``KeyError`` naming the lexicon otherwise."""
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(f"lexicon {self.name!r} has no term {term_id!r}")

    def ids(self) -> tuple[str, ...]:
        """Every term id, in order."""
        return tuple(term.id for term in self.terms)

    @cached_property
    def matcher(self) -> Matcher:
        """The lexicon's compiled matcher (one per distinct lexicon content per process)."""
        return _matcher(tuple(rule for term in self.terms for rule in term.match_rules()), True)

    @cached_property
    def _by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    def scan(self, text: str | PreparedText) -> list[Hit]:
        """Raw hits in one text (no context, no decision); see :func:`scan_text` for judged hits."""
        return self.matcher.scan(text)


# --------------------------------------------------------------------------- loading

_TERM_KEYS = {
    "id", "patterns", "severity", "use_instead", "unambiguous", "label", "note", "sources", "guards", "near",
    "near_scope", "unless_near", "case_sensitive", "inflect", "where", "jargon", "exempt_in",
    "structured_unambiguous", "is_name", "corrections", "tier", "aggregate", "data",
}
_BOOL_KEYS = ("unambiguous", "case_sensitive", "inflect", "jargon", "structured_unambiguous", "is_name", "aggregate")
_LIST_KEYS = ("sources", "guards", "near", "unless_near", "exempt_in", "corrections")
_PATTERN_KEYS = {"pattern", "case_sensitive", "inflect", "near"}


class _Source(NamedTuple):
    data: Any
    name: str  # file name for messages
    locate: Any  # pointer -> (line, column) | None


def read_source(source: Any, what: str = "lexicon") -> _Source:
    """Parsed YAML/JSON data of a lexicon or phrase-set source (a path, a resource, or data)."""
    if isinstance(source, (list, tuple, Mapping)):
        return _Source(source, f"<{what} data>", lambda pointer: None)
    name = str(source)
    mtime = None
    if isinstance(source, (str, Path)) or hasattr(source, "read_bytes"):
        path = Path(name)
        if path.is_file():
            mtime = path.stat().st_mtime_ns
    return _read_cached(source if mtime is None else name, name, mtime)


@lru_cache(maxsize=256)
def _read_cached(source: Any, name: str, mtime: int | None) -> _Source:
    from .parsing import parse

    try:
        raw = source.read_bytes() if hasattr(source, "read_bytes") else Path(name).read_bytes()
    except OSError as err:
        raise LexiconError(f"{name}: cannot read", [Problem(f"cannot read the file ({err.strerror or err})",
                                                            file=name, code="lexicon")]) from None
    document = parse(raw, name, "yaml")
    return _Source(document.data, name, document.source_map.locate)


def _problem(src: _Source, pointer: str, message: str, hint: str | None = None) -> Problem:
    line, column = src.locate(pointer) or (None, None)
    return Problem(message, file=src.name, line=line, column=column, pointer=pointer, hint=hint, code="lexicon")


def _pattern_spec(raw: Any, src: _Source, pointer: str, term_id: str, problems: list[Problem],
                  case_sensitive: bool, inflect: bool) -> PatternSpec | None:
    if isinstance(raw, str):
        spec = PatternSpec(raw)
    elif isinstance(raw, Mapping) and isinstance(raw.get("pattern"), str):
        unknown = set(raw) - _PATTERN_KEYS
        if unknown:
            problems.append(_problem(src, pointer, f"term {term_id}: unknown pattern key(s) {sorted(unknown)}",
                                     f"a pattern mapping takes {sorted(_PATTERN_KEYS)}"))
            return None
        spec = PatternSpec(raw["pattern"], raw.get("case_sensitive"), raw.get("inflect"),
                           _strings(raw["near"]) if "near" in raw else None)
    else:
        problems.append(_problem(src, pointer, f"term {term_id}: a pattern must be a string or a mapping with "
                                               "`pattern`"))
        return None
    for text in (spec.text, *(spec.near or ())):
        try:
            compile_pattern(text, case_sensitive=bool(spec.case_sensitive if spec.case_sensitive is not None
                                                      else case_sensitive),
                            inflect=bool(spec.inflect if spec.inflect is not None else inflect))
        except PatternError as err:
            problems.append(_problem(src, pointer, f"term {term_id}: pattern {text!r}: {err}",
                                     "see the pattern syntax in `vetkit.lexicon`"))
            return None
    return spec


def _term(raw: Any, src: _Source, pointer: str, problems: list[Problem]) -> Term | None:
    if not isinstance(raw, Mapping):
        problems.append(_problem(src, pointer, "a term must be a mapping with `id` and `patterns`"))
        return None
    term_id = raw.get("id")
    if not isinstance(term_id, str) or not term_id:
        problems.append(_problem(src, pointer, "a term has no `id`", "give every term a stable id such as L01"))
        return None
    count = len(problems)
    unknown = sorted(set(raw) - _TERM_KEYS)
    if unknown:
        problems.append(_problem(src, f"{pointer}/{unknown[0]}", f"term {term_id}: unknown key(s) {unknown}",
                                 f"known keys: {', '.join(sorted(_TERM_KEYS))}"))
    if raw.get("severity", "warning") not in SEVERITIES:
        problems.append(_problem(src, f"{pointer}/severity", f"term {term_id}: severity must be one of {SEVERITIES}"))
    if raw.get("where", "any") not in WHERE:
        problems.append(_problem(src, f"{pointer}/where", f"term {term_id}: where must be one of {WHERE}"))
    if raw.get("near_scope", "sentence") not in SCOPES:
        problems.append(_problem(src, f"{pointer}/near_scope", f"term {term_id}: near_scope must be one of {SCOPES}"))
    for key in _BOOL_KEYS:
        if key in raw and not isinstance(raw[key], bool):
            problems.append(_problem(src, f"{pointer}/{key}", f"term {term_id}: `{key}` must be true or false"))
    for key in _LIST_KEYS:
        value = raw.get(key)
        if value is not None and not (isinstance(value, str) or
                                      (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            problems.append(_problem(src, f"{pointer}/{key}", f"term {term_id}: `{key}` must be a list of strings"))
    patterns = raw.get("patterns")
    if isinstance(patterns, str):
        patterns = [patterns]
    aggregate = raw.get("aggregate") is True
    if not isinstance(patterns, list) or (not patterns and not aggregate):
        problems.append(_problem(src, f"{pointer}/patterns", f"term {term_id}: `patterns` must be a non-empty list"))
        return None
    case_sensitive, inflect = raw.get("case_sensitive") is True, raw.get("inflect", True) is not False
    specs = [_pattern_spec(p, src, f"{pointer}/patterns/{i}", term_id, problems, case_sensitive, inflect)
             for i, p in enumerate(patterns)]
    for key in ("guards", "near", "unless_near", "corrections"):
        for i, text in enumerate(_strings(raw.get(key)) if isinstance(raw.get(key), (str, list)) else ()):
            try:
                compile_pattern(text)
            except PatternError as err:
                problems.append(_problem(src, f"{pointer}/{key}/{i}", f"term {term_id}: {key} pattern {text!r}: {err}"))
    if len(problems) > count:
        return None
    return Term(
        id=term_id, patterns=tuple(s for s in specs if s is not None), severity=raw.get("severity", "warning"),
        use_instead=str(raw.get("use_instead") or ""), unambiguous=raw.get("unambiguous") is True,
        label=str(raw.get("label") or ""), note=str(raw.get("note") or ""), sources=_strings(raw.get("sources")),
        guards=_strings(raw.get("guards")), near=_strings(raw.get("near")),
        near_scope=raw.get("near_scope", "sentence"), unless_near=_strings(raw.get("unless_near")),
        case_sensitive=case_sensitive, inflect=inflect, where=raw.get("where", "any"),
        jargon=raw.get("jargon") is True, exempt_in=_strings(raw.get("exempt_in")),
        structured_unambiguous=raw.get("structured_unambiguous") is True, is_name=raw.get("is_name") is True,
        corrections=_strings(raw.get("corrections")), tier=raw.get("tier"), aggregate=aggregate,
        data=_freeze(raw.get("data") or {}))


def load_lexicon(source: Any, name: str | None = None) -> Lexicon:
    """A :class:`Lexicon` from a YAML file (path or resource) or from a list of term mappings.

    Raises :class:`LexiconError` listing every problem with its file, line and term id.
    """
    src = read_source(source)
    data = src.data
    meta: Mapping[str, Any] = {}
    base = ""
    if isinstance(data, Mapping):
        meta = data
        data = data.get("terms")
        base = "/terms"
    if not isinstance(data, (list, tuple)):
        raise LexiconError(f"{src.name}: not a lexicon", [_problem(src, base, "a lexicon needs a list of `terms`")])
    problems: list[Problem] = []
    terms: dict[str, Term] = {}
    for index, raw in enumerate(data):
        term = _term(raw, src, f"{base}/{index}", problems)
        if term is not None:
            if term.id in terms:
                problems.append(_problem(src, f"{base}/{index}/id", f"term {term.id} appears twice in this file"))
            terms[term.id] = term
    if problems:
        raise LexiconError(f"{src.name}: invalid lexicon", problems)
    lexicon_name = name or str(meta.get("name") or Path(src.name).stem)
    return Lexicon(lexicon_name, tuple(terms.values()), _strings(meta.get("fields")), str(meta.get("description") or ""))


def _is_phrase_source(data: Any) -> bool:
    return isinstance(data, Mapping) and ("groups" in data or "kind" in data)


# --------------------------------------------------------------------------- registry

class LexiconRegistry:
    """Lexicons and phrase sets by name, built from every source registered under that name.

    Pass :meth:`add` as the ``register`` callable of ``vetkit_register_lexicons``. Sources are
    read on first use and merged by name: terms (or phrase groups) are keyed by id, and a later
    one with the same id replaces the earlier. Built lexicons and their matchers are cached.
    """

    def __init__(self) -> None:
        self._sources: dict[str, list[Any]] = {}
        self._built: dict[str, Any] = {}

    def add(self, name: str, source: Any) -> None:
        """Register a lexicon or phrase-set source (a path, a resource or data) under ``name``."""
        if not isinstance(name, str) or not name:
            raise ValueError("a lexicon needs a non-empty name")
        self._sources.setdefault(name, []).append(source)
        self._built.pop(name, None)

    __call__ = add

    def names(self) -> list[str]:
        """Every registered name, sorted."""
        return sorted(self._sources)

    def __contains__(self, name: object) -> bool:
        return name in self._sources

    def get(self, name: str):
        """The merged :class:`Lexicon` or :class:`vetkit.phrases.PhraseSet` registered as ``name``."""
        built = self._built.get(name)
        if built is None:
            if name not in self._sources:
                raise KeyError(f"no lexicon or phrase set named {name!r}; registered: {', '.join(self.names()) or 'none'}")
            built = self._built[name] = self._build(name, self._sources[name])
        return built

    def lexicon(self, name: str) -> Lexicon:
        """The lexicon ``name``; ``TypeError`` if the name holds a phrase set."""
        value = self.get(name)
        if not isinstance(value, Lexicon):
            raise TypeError(f"{name!r} is a phrase set, not a lexicon of terms")
        return value

    def phrase_set(self, name: str):
        """The phrase set ``name``; ``TypeError`` if the name holds a lexicon."""
        from .phrases import PhraseSet

        value = self.get(name)
        if not isinstance(value, PhraseSet):
            raise TypeError(f"{name!r} is a lexicon of terms, not a phrase set")
        return value

    @staticmethod
    def _build(name: str, sources: list[Any]):
        from .phrases import PhraseSet, load_phrase_set, merge_phrase_sets

        parts = []
        for source in sources:
            data = read_source(source).data
            parts.append(load_phrase_set(source, name) if _is_phrase_source(data) else load_lexicon(source, name))
        if all(isinstance(part, PhraseSet) for part in parts):
            return merge_phrase_sets(parts)
        if any(isinstance(part, PhraseSet) for part in parts):
            raise LexiconError(f"{name}: mixes a lexicon and a phrase set", [Problem(
                f"the sources registered as {name!r} mix a lexicon of terms and a phrase set", code="lexicon")])
        terms: dict[str, Term] = {}
        for part in parts:
            for term in part.terms:
                terms[term.id] = term
        fields = next((part.fields for part in reversed(parts) if part.fields), ())
        description = next((part.description for part in parts if part.description), "")
        return Lexicon(name, tuple(terms.values()), fields, description)

    @classmethod
    def from_modules(cls, modules: Iterable[Any]) -> "LexiconRegistry":
        """A registry filled by the ``vetkit_register_lexicons`` functions of plugin modules or objects."""
        registry = cls()
        for module in modules:
            hook = getattr(module, "vetkit_register_lexicons", None)
            if hook is not None:
                hook(registry.add)
        return registry

    @classmethod
    def from_plugin_manager(cls, manager: Any) -> "LexiconRegistry":
        """A registry filled through a pluggy manager's ``vetkit_register_lexicons`` hook."""
        registry = cls()
        manager.hook.vetkit_register_lexicons(register=registry.add)
        return registry


#: The built-in plugins that contribute lexicons (used when a check runs without an engine registry).
BUILTIN_LEXICON_PLUGINS = ("vetkit_trauma_informed", "vetkit_accuracy", "vetkit_resources")


@lru_cache(maxsize=1)
def builtin_registry() -> LexiconRegistry:
    """The lexicons of the built-in plugins, built once per process."""
    modules = []
    for module_name in BUILTIN_LEXICON_PLUGINS:
        try:
            modules.append(import_module(module_name))
        except ImportError:  # pragma: no cover - a partial installation
            continue
    return LexiconRegistry.from_modules(modules)


def registry_for(ctx: Any) -> LexiconRegistry:
    """The check's lexicon registry: ``ctx.lexicons`` when the engine gave one, else the built-in lexicons."""
    registry = getattr(ctx, "lexicons", None)
    return registry if registry is not None else builtin_registry()


# --------------------------------------------------------------------------- decisions

class Decision(NamedTuple):
    """What a hit does: ``effect`` (fail | needs-review | note) and the severity it carries."""

    effect: str
    severity: str


def decide(term: Term, context: Context, *, jargon_glossary_note: bool = False) -> Decision:
    """The effect of a hit of ``term`` in ``context`` (guidelines §4.0 table, D3 and the row notes).

    - info rows, titles, proper names, myth corrections and negations: note;
    - contexts listed in the term's ``exempt_in`` (L14/L16 in citations): note;
    - trafficker jargon (L10, L11, L20; D3): needs-review at warning everywhere else, never fail
      (``jargon_glossary_note`` lowers glossary entries to a note, as a rubric may);
    - quoted, cited or glossary uses: needs-review at warning (so L02 in a citation and L06 in
      a glossary drop to warning);
    - own voice: fail for an unambiguous row (or a structured claim of a row marked
      ``structured_unambiguous``), otherwise needs-review at the row's severity.
    """
    if term.severity == "info" or context.is_note or context.kind in term.exempt_in:
        return Decision("note", "info")
    if term.jargon:
        if context.kind == "glossary" and jargon_glossary_note:
            return Decision("note", "info")
        return Decision("needs-review", "warning")
    if context.kind in ("citation", "glossary", "quoted"):
        return Decision("needs-review", "warning")
    if term.unambiguous or (context.kind == "structured-claim" and term.structured_unambiguous):
        return Decision("fail", term.severity)
    return Decision("needs-review", term.severity)


def decision_reason(term: Term, context: Context, decision: Decision) -> str:
    """Why ``decide`` gave this effect, in words a reviewer can check."""
    if decision.effect == "note":
        if term.severity == "info":
            return "an info row is only noted"
        if context.kind in term.exempt_in:
            return f"{term.id} is exempt in a {context.kind}"
        if context.kind == "glossary":
            return "the rubric lowers jargon explained in the glossary to a note"
        return {"title": "a title of a cited work is listed without effect",
                "proper-name": "a proper name is listed without effect",
                "myth-correction": "a use that corrects a myth or a term is listed without effect",
                "negated": "a negated use is listed without effect"}.get(context.kind, "listed without effect")
    if decision.effect == "fail":
        if context.kind == "structured-claim" and not term.unambiguous:
            return "a claim declared in statistics[] counts as unambiguous"
        return "an unambiguous term in the course's own voice"
    if term.jargon:
        return "trafficker jargon is reviewed, never failed (D3)"
    if context.kind in ("citation", "glossary", "quoted"):
        return f"a {context.kind} use drops to a warning for a person to review"
    return "the term is not unambiguous, so a person must judge this use"


# --------------------------------------------------------------------------- scanning courses

@frozen
class ScanHit:
    """A judged hit: where it is, the term, its context and the decision."""

    pointer: str
    field: str
    start: int
    end: int
    matched: str
    excerpt: str
    term: Term
    context: Context
    effect: str
    severity: str

    @property
    def term_id(self) -> str:
        """The lexicon row id, e.g. ``L01``."""
        return self.term.id

    @property
    def use_instead(self) -> str:
        """The preferred wording."""
        return self.term.use_instead

    def reason(self) -> str:
        """Why the hit has its effect."""
        return decision_reason(self.term, self.context, Decision(self.effect, self.severity))

    def message(self) -> str:
        """One finding message: term, context, decision and why."""
        name = f" ({self.term.label})" if self.term.label and self.term.label.lower() != self.matched.lower() else ""
        return (f"{self.term.id} “{' '.join(self.matched.split())}”{name} — {self.context.explanation}; "
                f"{self.reason()} → {self.effect} ({self.severity}).")


_SCANS: "weakref.WeakKeyDictionary[Any, dict]" = weakref.WeakKeyDictionary()
_CORPORA: "weakref.WeakKeyDictionary[Any, Corpus]" = weakref.WeakKeyDictionary()


def course_corpus(course: Any) -> Corpus:
    """Every text field of the course joined for one-pass matching (built once per course)."""
    try:
        corpus = _CORPORA.get(course)
    except TypeError:
        return Corpus(course.texts())
    if corpus is None:
        corpus = _CORPORA[course] = Corpus(course.texts())
    return corpus


def corpus_for(course: Any, texts: Iterable[Any] | None) -> Corpus:
    """The course's corpus when ``texts`` is None (or is exactly the course's texts), else a new one."""
    if texts is None:
        return course_corpus(course)
    chosen = tuple(texts)
    if course is not None and chosen == tuple(course.texts()):
        return course_corpus(course)
    return Corpus(chosen)


def _parent(pointer: str) -> str:
    return pointer.rsplit("/", 1)[0]


def _keyed_false(item: Mapping[str, Any] | None) -> bool:
    if not item or item.get("type") != "true-false":
        return False
    if str(item.get("answer", "")).strip().lower() in ("false", "f"):
        return True
    return any(str(choice.get("text", "")).strip().lower() == "false" and choice.get("correct") is True
               for choice in item.get("choices", ()) or ())


def _emphasised(raw: str, start: int, end: int) -> bool:
    before, after = raw[max(0, start - 2):start], raw[end:end + 2]
    return bool(before) and before[-1] in "*_" and after[:1] == before[-1]


def answer_key_context(course: Any, text: Any) -> tuple[Mapping | None, Mapping | None]:
    """(the item of a prompt, the choice of a choice text) so that answer keys inform the context."""
    if course is not None and text.field == "assessments.items.prompt":
        return course.get(_parent(text.pointer)), None
    if course is not None and text.field.startswith("assessments.items.choices."):
        return None, course.get(_parent(text.pointer))
    return None, None


def keyed_context(prep: PreparedText, start: int, end: int, *, field: str, item: Mapping | None,
                  choice: Mapping | None, **options: Any) -> Context:
    """:func:`vetkit.text.classify` with the answer key of an item or choice taken into account."""
    return classify(prep, start, end, field=field, keyed_false=_keyed_false(item),
                    incorrect_choice=bool(choice) and choice.get("correct") is False, **options)


def _judge(prep: PreparedText, hit: Hit, term: Term, *, pointer: str, field_name: str, offset: int = 0,
           item: Mapping | None = None, choice: Mapping | None = None,
           jargon_glossary_note: bool = False) -> ScanHit | None:
    """Classify and decide one hit of ``prep``; the result's offsets are made relative to ``offset``
    (the field's start in a joined corpus). None when the term's ``where`` rules the hit out."""
    raw = prep.text
    context = keyed_context(prep, hit.start, hit.end, field=field_name, item=item, choice=choice,
                            extra_markers=_compiled_corrections(term.corrections), proper_names=not term.is_name)
    if term.where == "quoted-or-glossary" and not ({"quoted", "glossary"} & context.flags):
        return None
    if term.where == "quoted-or-near" and not (context.quoted or _emphasised(raw, hit.start, hit.end)):
        spec = next((spec for spec in term.patterns if spec.text == hit.pattern), None)
        near = spec.near if spec is not None and spec.near is not None else term.near
        s_start, s_end = prep.sentence_at(hit.start)
        if near and not any(compile_pattern(p).regex.search(raw, s_start, max(s_end, hit.end)) for p in near):
            return None
    decision = decide(term, context, jargon_glossary_note=jargon_glossary_note)
    return ScanHit(pointer, field_name, hit.start - offset, hit.end - offset, hit.matched,
                   _excerpt(prep, hit.start, hit.end), term, context, decision.effect, decision.severity)


def _excerpt(prep: PreparedText, start: int, end: int, limit: int = 240) -> str:
    s_start, s_end = prep.sentence_at(start)
    s_end = max(s_end, end)
    text = prep.text
    if s_end - s_start <= limit:
        return " ".join(text[s_start:s_end].split())
    half = (limit - (end - start)) // 2
    lo, hi = max(s_start, start - half), min(s_end, end + half)
    return ("…" if lo > s_start else "") + " ".join(text[lo:hi].split()) + ("…" if hi < s_end else "")


def _fields_match(patterns: Sequence[str], field_name: str) -> bool:
    if not patterns:
        return True
    from fnmatch import fnmatchcase

    return any(fnmatchcase(field_name, pattern) for pattern in patterns)


def scan_texts(texts: Iterable[Any] | None, lexicon: Lexicon, *, course: Any = None,
               jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of ``lexicon`` in ``texts`` (``TextField``-like: pointer, text, field); all the
    course's texts when ``texts`` is None.

    Give ``course`` so that assessment items can be looked up (a true-false prompt keyed
    False, an answer choice keyed incorrect) and prepared texts are shared with other scans.
    The lexicon's ``fields`` restriction is applied.
    """
    corpus = corpus_for(course, texts)
    results: list[ScanHit] = []
    for hit in lexicon.matcher.scan(corpus.prepared):
        index, _ = corpus.locate(hit.start)
        text = corpus.fields[index]
        if not _fields_match(lexicon.fields, text.field):
            continue
        item, choice = answer_key_context(course, text)
        judged = _judge(corpus.prepared, hit, lexicon._by_id[hit.term_id], pointer=text.pointer,
                        field_name=text.field, offset=corpus.starts[index], item=item, choice=choice,
                        jargon_glossary_note=jargon_glossary_note)
        if judged is not None:
            results.append(judged)
    return tuple(results)


def scan_course(course: Any, lexicon: Lexicon, *, jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of ``lexicon`` in every text field of ``course`` (limited to the lexicon's ``fields``).

    The result is cached per course, lexicon and option, so several rules share one scan.
    """
    key = (lexicon.name, id(lexicon), jargon_glossary_note)
    try:
        cache = _SCANS.setdefault(course, {})
    except TypeError:
        cache = {}
    cached = cache.get(key)
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    result = scan_texts(None, lexicon, course=course, jargon_glossary_note=jargon_glossary_note)
    cache[key] = (lexicon, result)
    return result


def scan_text(text: str, lexicon: Lexicon, *, field: str = "modules.text", pointer: str = "",
              item: Mapping[str, Any] | None = None, choice: Mapping[str, Any] | None = None,
              jargon_glossary_note: bool = False) -> tuple[ScanHit, ...]:
    """Judged hits of ``lexicon`` in one text, as if it were the course field ``field``.

    ``item`` is the assessment item when ``field`` is ``assessments.items.prompt``; ``choice``
    the answer choice when it is ``assessments.items.choices.text``. The lexicon's ``fields``
    restriction is not applied.
    """
    prep = PreparedText(text)
    judged = (_judge(prep, hit, lexicon._by_id[hit.term_id], pointer=pointer, field_name=field, item=item,
                     choice=choice, jargon_glossary_note=jargon_glossary_note) for hit in lexicon.matcher.scan(prep))
    return tuple(hit for hit in judged if hit is not None)


def hit_finding(ctx: Any, hit: ScanHit, *, message: str | None = None):
    """A :class:`vetkit.Finding` for a judged hit: pointer, offsets, term, effect, severity and the preferred wording."""
    suggestion = f"Use instead: {hit.use_instead}." if hit.use_instead else None
    return ctx.finding(hit.pointer, message or hit.message(), effect=hit.effect, evidence=hit.excerpt,
                       suggestion=suggestion, severity=hit.severity, start=hit.start, end=hit.end, term=hit.term_id)
