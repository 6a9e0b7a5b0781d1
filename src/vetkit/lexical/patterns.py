"""The pattern syntax of lexicons and phrase sets, compiled to regular expressions.

See :mod:`vetkit.lexical` for the syntax. :func:`compile_pattern` turns one pattern into a
:class:`CompiledPattern`: its regular expression, the words every match must contain (so a
matcher tries it only where they occur) and the longest text a match can span.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import product

from attrs import frozen

from ..datacache import remembered
from ..text import VOCABULARY

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
    """A word that may be absent: ``[a|b]``, or alternatives with an empty one standing alone (``{the|}``)."""
    return len(word) == 1 and isinstance(word[0], _Alt) and (word[0].optional or () in word[0].options)


def inflections(word: str) -> tuple[str, ...]:
    """The word with its simple inflections (plural, -ed, -ing), longest first; an acronym written in capitals
    ("BIA", "RICO") is left as it is."""
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 3 or word.isupper():
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
STOP_WORDS = frozenset("""
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
    case_sensitive: bool
    inflect: bool
    triggers: frozenset[str] | None
    reach: int  # no match is longer than this
    required: tuple[frozenset[str], ...] = ()
    words: frozenset[str] | None = None  # a single plain word: the lower-case forms it matches exactly
    order: tuple[frozenset[str], ...] = ()  # every required word's set, in pattern order (stop words included)
    gaps: tuple[int, ...] = ()  # longest distance between the triggers of consecutive words of ``order``

    @property
    def regex(self) -> re.Pattern:
        """The regular expression, built on first use (most patterns of a large lexicon never meet their words)."""
        return _regex(self.source, self.case_sensitive, self.inflect)


@lru_cache(maxsize=None)
def _regex(source: str, case_sensitive: bool, inflect: bool) -> re.Pattern:
    words = _parse(source)
    body = _render_sequence(words, inflect)
    edge = source.strip().lstrip("{[").rstrip("}]")
    first = edge[:1] if not edge[:1] == "\\" else edge[1:2]
    last = edge[-1:]
    left = "(?<![\\w$])(?<!\\d[.,])" if first.isdigit() else "(?<!\\w)" if first.isalnum() else ""
    right = "(?!\\w)(?![.,]\\d)" if last.isdigit() else "(?!\\w)" if last.isalnum() else ""
    return re.compile(left + f"(?:{body})" + right, 0 if case_sensitive else re.IGNORECASE)


@lru_cache(maxsize=4096)
def compile_pattern(source: str, *, case_sensitive: bool = False, inflect: bool = True) -> CompiledPattern:
    """Compile one pattern of the lexicon syntax (see the module docstring); raises :class:`PatternError`."""
    known = _KNOWN.pop((source, case_sensitive, inflect), None)
    if known is not None:
        return known
    return _compile(source, case_sensitive, inflect)


#: Patterns read from the cache by :func:`compile_patterns`, until :func:`compile_pattern` takes them.
_KNOWN: dict[tuple[str, bool, bool], CompiledPattern] = {}
#: Patterns that went through :func:`compile_patterns` in this process.
_SEEN: set[tuple[str, bool, bool]] = set()


def compile_patterns(specs: list[tuple[str, bool, bool]]) -> list[CompiledPattern]:
    """:func:`compile_pattern` of each ``(source, case_sensitive, inflect)``, all at once.

    What a set of patterns needs (their words, reach and gaps) is kept in vetkit's cache folder
    (:mod:`vetkit.datacache`), so a later process reads it instead of working it out again; the
    regular expressions are still compiled in each process, on first use.
    """
    unique = list(dict.fromkeys(specs))
    if len(unique) > 8 and not _SEEN.issuperset(unique):
        try:
            rows = remembered("patterns", json.dumps(unique), lambda: [_row(spec) for spec in unique],
                              code=(__name__,))
        except PatternError:
            rows = []  # an invalid pattern: compiled one by one below, so the error names it
        if len(_KNOWN) + len(rows) > 16384:
            _KNOWN.clear()
            _SEEN.clear()
        for spec, row in zip(unique, rows):
            if spec not in _SEEN:
                _KNOWN[spec] = _from_row(spec, row)
        _SEEN.update(unique)
    return [compile_pattern(source, case_sensitive=case_sensitive, inflect=inflect)
            for source, case_sensitive, inflect in specs]


def _row(spec: tuple[str, bool, bool]) -> list:
    compiled = _compile(*spec)
    sets = {words: index for index, words in enumerate(dict.fromkeys(compiled.order))}
    return [[sorted(words) for words in sets], None if compiled.triggers is None else sets[compiled.triggers],
            compiled.reach, [sets[words] for words in compiled.required],
            None if compiled.words is None else sorted(compiled.words), [sets[words] for words in compiled.order],
            list(compiled.gaps)]


def _from_row(spec: tuple[str, bool, bool], row: list) -> CompiledPattern:
    sets_listed, triggers, reach, required, words, order, gaps = row
    sets = [frozenset(words) for words in sets_listed]
    for words_set in sets:
        VOCABULARY.update(words_set)
    return CompiledPattern(spec[0], spec[1], spec[2], None if triggers is None else sets[triggers], reach,
                           tuple(sets[index] for index in required), None if words is None else frozenset(words),
                           tuple(sets[index] for index in order), tuple(gaps))


def _compile(source: str, case_sensitive: bool, inflect: bool) -> CompiledPattern:
    words = _parse(source)
    located = _required_sets(words, inflect)
    required = [words_set for _, words_set in located]
    for words_set in required:
        VOCABULARY.update(words_set)
    triggers = min(required, key=_trigger_score) if required else None
    informative = tuple(dict.fromkeys(r for r in required if r is triggers or not (r & STOP_WORDS)))
    # Longest distance from where one required word's trigger can start to where the next one's can: the
    # whole of the words from this one up to and including the next, whose trigger may be a later token
    # of a multi-word alternative ("only {foreign nationals|...}": "nationals").
    gaps = tuple(_max_length(words[a:b + 1]) for (a, _), (b, _) in zip(located, located[1:]))
    return CompiledPattern(source, case_sensitive, inflect, triggers, _max_length(words) + 8, informative,
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

