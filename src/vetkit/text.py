"""Shared text analysis for lexical checks: sentences, Markdown structure, and the context of a hit.

Lexical rules find a term in a text field and must then say *how* the course uses it
(vetting guidelines §4.0): in its own voice, quoted, inside a statute citation, in a
glossary, while correcting a myth, in a negated clause, or as part of a title or a proper
name. This module answers that question; :mod:`vetkit.lexicon` finds the terms.

Main entry points::

    prepared = PreparedText(text)          # lazily computed analyses, shared by every lexicon
    corpus = Corpus(course.texts())        # many fields joined; corpus.prepared, corpus.locate(offset)
    prepared.sentence_at(offset)           # (start, end) of the sentence around an offset
    classify(prepared, start, end, field="modules.text")   # -> Context(kind, marker, explanation)

Sentences end at ``.``, ``!`` or ``?`` followed by a space and a word that is not lower
case, and at the end of every Markdown heading, list item, table cell, block quote and
paragraph. Abbreviations such as "U.S.", "e.g.", "No. 5", "18 U.S.C. 1591" and "Tex. Penal
Code" do not end a sentence.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Sequence

from attrs import field as attr_field
from attrs import frozen

__all__ = [
    "CONTEXT_KINDS", "Context", "Corpus", "FIELD_SEPARATOR", "PreparedText", "classify", "excerpt", "is_word_char",
    "negation_before", "negation_cues", "prepared", "sentence_bounds", "sentences", "select_texts",
]

#: Context kinds, from the most lenient to the default. ``classify`` returns the first that applies.
CONTEXT_KINDS = ("title", "myth-correction", "negated", "proper-name", "citation", "glossary", "quoted",
                 "structured-claim", "own-voice")

#: Kinds that make every hit a note (guidelines §4.0, last two rows).
NOTE_KINDS = frozenset({"title", "myth-correction", "negated", "proper-name"})


def is_word_char(char: str) -> bool:
    """True for the characters of a word (what ``\\w`` matches)."""
    return char.isalnum() or char == "_"


_ASCII_NON_WORD = str.maketrans({chr(code): " " for code in range(128)
                                 if not (chr(code).isalnum() or chr(code) == "_")})
_KEEP_NUL = str.maketrans({chr(code): " " for code in range(1, 128) if not (chr(code).isalnum() or chr(code) == "_")})
_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


# --------------------------------------------------------------------------- sentences

#: Abbreviations that never end a sentence (lower case, with their final period).
_ABBREVIATIONS = frozenset("""
    e.g. i.e. etc.al. al. cf. vs. v. viz. approx. mr. mrs. ms. dr. prof. st. jr. sr. rev. hon. gov. gen. sen.
    rep. sgt. lt. capt. cpt. det. ofc. insp. supt. dept. div. inc. corp. co. ltd. llc. assn. univ. intl.
    stat. stats. ann. pen. crim. proc. civ. admin. reg. regs. supp. cir. ct. app. pub. fed. comp. cons. gen.
    jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. ave. blvd. rd. mt. ft. est. max. min.
    ala. ariz. ark. cal. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. mass. md. mich.
    minn. miss. mo. mont. neb. nev. okla. ore. pa. tenn. tex. va. vt. wash. wis. wyo.
""".split())
#: Abbreviations that do not end a sentence when a number follows ("No. 5", "p. 12").
_BEFORE_NUMBER = frozenset("no. nos. nr. p. pp. vol. vols. ch. chap. art. para. paras. fig. sec. secs. pt. tit.".split())
_INITIALISM = re.compile(r"(?:[a-z]\.){2,}")
_TERMINATOR = re.compile(r"[.!?]+[\"'”’)\]*_]*(?=\s|$)")
_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
_TABLE_ROW = re.compile(r"[ \t]*\|")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_QUOTE_LINE = re.compile(r"[ \t]{0,3}>")
_LEAD = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|(?:[-*+•]|\d{1,3}[.)])[ \t]+)*(?:\*\*|__)?[ \t]*")


@frozen
class _Block:
    """A Markdown block: paragraph, heading, list item, table row or block quote."""

    start: int
    end: int
    kind: str  # para | heading | item | table | rule | quote


def _lines(text: str, start: int = 0, stop: int | None = None) -> list[tuple[int, int]]:
    stop = len(text) if stop is None else stop
    spans = []
    while True:
        end = text.find("\n", start, stop)
        if end == -1:
            spans.append((start, stop))
            return spans
        spans.append((start, end))
        start = end + 1


def _line_kind(line: str) -> str:
    stripped = line.lstrip(" \t")
    if not stripped or stripped.isspace():
        return "blank"
    if stripped[0].isalpha() or stripped[0] in "\"'“‘(*_[":
        if stripped[0] not in "*_" or not _LIST_ITEM.match(line) and not _TABLE_RULE.match(line):
            return "text"
    if _HEADING.match(line):
        return "heading"
    if _TABLE_RULE.match(line) and "|" in line:
        return "rule"
    if _TABLE_ROW.match(line):
        return "table"
    if _QUOTE_LINE.match(line):
        return "quote"
    if _LIST_ITEM.match(line):
        return "item"
    return "text"


def _blocks(text: str, start: int = 0, stop: int | None = None) -> list[_Block]:
    blocks: list[_Block] = []
    current: list | None = None  # [start, end, kind]

    def close() -> None:
        nonlocal current
        if current is not None:
            blocks.append(_Block(*current))
            current = None

    for start, end in _lines(text, start, stop):
        kind = _line_kind(text[start:end])
        if kind == "blank":
            close()
        elif kind in ("heading", "table", "rule"):
            close()
            blocks.append(_Block(start, end, kind))
        elif kind == "item":
            close()
            current = [start, end, "item"]
        elif kind == "quote":
            if current is not None and current[2] == "quote":
                current[1] = end
            else:
                close()
                current = [start, end, "quote"]
        elif current is None:
            current = [start, end, "para"]
        else:  # a continuation line of the paragraph, item or quote
            current[1] = end
    close()
    return blocks


def _is_abbreviation(text: str, block_start: int, period: int, after: int) -> bool:
    """Whether the period at ``period`` closes an abbreviation rather than a sentence."""
    begin = max(text.rfind(" ", block_start, period), text.rfind("\n", block_start, period),
                text.rfind("\t", block_start, period), block_start - 1) + 1
    if period - begin > 12 and "." not in text[begin:period]:
        return False  # a long plain word: not an abbreviation
    token = text[begin:period + 1].lstrip("([\"'“‘").lower()
    if token in _ABBREVIATIONS or _INITIALISM.fullmatch(token):
        return True
    raw = text[begin:period + 1].lstrip("([\"'“‘")
    if len(raw) == 2 and raw[0].isupper():  # an initial: "J. Smith", "Part I."
        return True
    return token in _BEFORE_NUMBER and after < len(text) and (text[after].isdigit() or text[after] == "#")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_block(text: str, block: _Block) -> list[tuple[int, int]]:
    if block.kind == "rule":
        return []
    if block.kind == "table":
        cells, start = [], block.start
        for bar in [m.start() for m in re.finditer(r"\|", text[block.start:block.end])] + [block.end - block.start]:
            cell_end = block.start + bar
            span = _trim(text, start, cell_end)
            if span[1] > span[0]:
                cells.append(span)
            start = cell_end + 1
        return cells
    spans, start = [], block.start
    for match in _TERMINATOR.finditer(text, block.start, block.end):
        after = match.end()
        while after < block.end and text[after].isspace():
            after += 1
        if after < block.end and text[after].islower():
            continue
        if match.group()[0] == "." and len(match.group().rstrip("\"'”’)]*_")) == 1 and \
                _is_abbreviation(text, block.start, match.start(), after):
            continue
        spans.append(_trim(text, start, match.end()))
        start = after
    if start < block.end:
        spans.append(_trim(text, start, block.end))
    return [span for span in spans if span[1] > span[0]]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, heading, list item or table cell of ``text``."""
    return [span for block in _blocks(text) for span in _split_block(text, block)]


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_bounds`)."""
    return [text[start:end] for start, end in sentence_bounds(text)]


# --------------------------------------------------------------------------- Markdown layout

_CITATION = re.compile(r"""
    \b\d+\s*U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?\s*(?:§+\s*|[Ss]ec(?:tion|\.)?\s*)?\d+[\w.\-()]*   # 18 U.S.C. § 1591(a)
  | \b\d+\s*C\.?\s?F\.?\s?R\.?\s*(?:§+\s*|[Pp]art\s*|[Pp]t\.\s*)?\d+[\w.\-()]*          # 8 C.F.R. 214.11
  | §+\s*\d+[\w.\-()]*                                                                  # § 20A.02
  | \b(?:[A-Z][A-Za-z]{0,11}\.?\s+){0,3}(?:Penal|Criminal|Crim\.|Pen\.|Revised|Rev\.|General|Gen\.|Compiled|Comp\.
        |Consolidated|Cons\.|Annotated|Ann\.|Family|Fam\.|Welfare|Juvenile|Labor|Lab\.)\s+(?:Code|Stat(?:utes?|s?\.)|Laws?)\b
        (?:\s+Ann(?:otated|\.)?)?(?:\s*(?:§+|[Ss]ec(?:tion|\.)?|[Aa]rt(?:icle|\.)?|[Cc]h(?:apter|\.)?)?\s*\d[\w.\-:()]*)?  # Tex. Penal Code § 20A.02
  | \b[A-Z][a-z]{1,5}\.\s+(?:Code|Stat\.|Stats\.|Laws)\s+(?:Ann\.\s+)?(?:§+\s*)?\d[\w.\-:()]*   # Fla. Stat. 787.06
  | \b(?:ORC|RCW|MCL|M\.C\.L\.|ILCS|O\.C\.G\.A\.|A\.R\.S\.|C\.R\.S\.|K\.S\.A\.|KRS|RSMo|NRS|N\.R\.S\.|G\.L\.|INA)\s*(?:§+\s*)?\d[\w.\-/:()]*
  | \bPub(?:lic|\.)\s*L(?:aw|\.)\s*(?:No\.\s*)?\d+-\d+
  | \b[Ss]ection\s+\d+[\w.\-()]*
""", re.VERBOSE)
_CITATION_GAP = 60
_CITATION_HINT = re.compile(r"[\d§]|Code\b|Law\b|Stat")  # every citation has one of these
_DOUBLE_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»"}
_QUOTE_CHARS = re.compile('["“”„«»]')


class _Layout:
    """Markdown structure of one text: blocks and headings at once; quotes, citations, tables and
    sentences per block, on first use (most blocks of a long text never need them)."""

    def __init__(self, text: str, blocks: list[_Block]):
        self.text = text
        self.blocks = blocks
        self.block_starts = [block.start for block in blocks]
        self.headings = [(block.start, text[block.start:block.end].strip().lstrip("#").strip())
                         for block in blocks if block.kind == "heading"]
        self.heading_starts = [start for start, _ in self.headings]
        self._sentences: dict[int, list[tuple[int, int]]] = {}
        self._quotes: dict[int, list[tuple[int, int]]] = {}
        self._tables: dict[int, tuple[str, ...]] | None = None

    def block_index(self, offset: int) -> int | None:
        index = bisect.bisect_right(self.block_starts, offset) - 1
        if index >= 0 and self.blocks[index].start <= offset <= self.blocks[index].end:
            return index
        return None

    def block_at(self, offset: int) -> _Block | None:
        index = self.block_index(offset)
        return self.blocks[index] if index is not None else None

    def sentences_of(self, index: int) -> list[tuple[int, int]]:
        spans = self._sentences.get(index)
        if spans is None:
            spans = self._sentences[index] = _split_block(self.text, self.blocks[index])
        return spans

    def heading_before(self, offset: int, floor: int = 0) -> str | None:
        index = bisect.bisect_right(self.heading_starts, offset) - 1
        return self.headings[index][1] if index >= 0 and self.headings[index][0] >= floor else None

    def quotes_of(self, index: int) -> list[tuple[int, int]]:
        """Inner spans of the double-quoted passages of one block (straight quotes pair in order)."""
        spans = self._quotes.get(index)
        if spans is None:
            spans = []
            block = self.blocks[index]
            opened: tuple[int, str] | None = None
            for match in _QUOTE_CHARS.finditer(self.text, block.start, block.end):
                char, where = match.group(), match.start()
                if opened is None:
                    if char in _DOUBLE_QUOTES:
                        opened = (where, _DOUBLE_QUOTES[char])
                elif char == opened[1]:
                    spans.append((opened[0] + 1, where))
                    opened = None
            self._quotes[index] = spans
        return spans

    def citations_in(self, start: int, end: int) -> list[tuple[int, int]]:
        """Statute citations that start inside ``text[start:end]``."""
        if not _CITATION_HINT.search(self.text, start, end):
            return []
        return [(m.start(), m.end()) for m in _CITATION.finditer(self.text, start, end)]

    def _table_headers(self) -> dict[int, tuple[str, ...]]:
        """Block start of each table row -> the header cells of its table."""
        if self._tables is None:
            rows: dict[int, tuple[str, ...]] = {}
            header: tuple[str, ...] | None = None
            previous_end = -1
            for block in self.blocks:
                if block.kind not in ("table", "rule"):
                    header = None
                    continue
                if previous_end < 0 or self.text.count("\n", previous_end, block.start) > 1:
                    header = None
                if block.kind == "table":
                    if header is None:
                        header = _cells(self.text[block.start:block.end])
                    rows[block.start] = header
                previous_end = block.end
            self._tables = rows
        return self._tables

    def table_headers(self, block_start: int) -> tuple[str, ...]:
        """The header cells of the table whose row starts at ``block_start`` (empty when not a table row)."""
        return self._table_headers().get(block_start, ())

    def table_column(self, offset: int) -> str | None:
        """The header of the table column that ``offset`` sits in, if it is in a table body row."""
        block = self.block_at(offset)
        if block is None or block.kind != "table":
            return None
        header = self._table_headers().get(block.start)
        row = self.text[block.start:block.end]
        if header is None or _cells(row) == header:
            return None  # not a table, or the header row itself
        inner = row.lstrip()
        skip = len(row) - len(inner) + (1 if inner.startswith("|") else 0)
        column = self.text.count("|", block.start + skip, offset)
        return header[column] if column < len(header) else None


def _cells(row: str) -> tuple[str, ...]:
    return tuple(cell.strip().lower() for cell in row.strip().strip("|").split("|"))


class PreparedText:
    """A text with lazily computed analyses: its lower-case form, its words (per field), word
    positions, sentences and Markdown layout.

    One ``PreparedText`` is shared by every lexicon that scans the same text (usually a
    :class:`Corpus` of all fields of a course), so each analysis runs at most once, and only for
    the parts of the text that need it. ``bounds`` gives the start of each field of a joined text;
    a plain text is one field.
    """

    __slots__ = ("text", "bounds", "_lower", "_field_words", "_index", "_indexed", "_words", "_cache",
                 "_occurrences", "_layout")

    def __init__(self, text: str, bounds: Sequence[int] = ()):
        self.text = text
        self.bounds = tuple(bounds) or (0,)  # start offsets of the fields of a joined text (see Corpus)
        self._lower: str | None | bool = False
        self._field_words: list[frozenset[str]] | None = None
        self._index: dict[str, list[int]] | None = None
        self._indexed: frozenset[str] = frozenset()
        self._words: frozenset[str] | None = None
        self._cache: dict = {}
        self._occurrences: dict[str, tuple[int, ...]] = {}
        self._layout: dict[int, _Layout] = {}

    def __len__(self) -> int:
        return len(self.text)

    @property
    def lower(self) -> str | None:
        """The lower-case text, or None when lower-casing would move offsets (rare Unicode)."""
        if self._lower is False:
            lowered = self.text.lower()
            self._lower = lowered if len(lowered) == len(self.text) else None
        return self._lower  # type: ignore[return-value]

    def field_span(self, index: int) -> tuple[int, int]:
        """(start, end) of field ``index``."""
        end = self.bounds[index + 1] - len(FIELD_SEPARATOR) if index + 1 < len(self.bounds) else len(self.text)
        return self.bounds[index], end

    def field_index(self, offset: int) -> int:
        """The index of the field that contains ``offset``."""
        return bisect.bisect_right(self.bounds, offset) - 1

    @property
    def field_words(self) -> list[frozenset[str]]:
        """The lower-case words of each field."""
        if self._field_words is None:
            lowered = self.lower if self.lower is not None else self.text.lower()
            if lowered.isascii():
                flat = lowered.translate(_KEEP_NUL)
            else:  # blank out the few non-ASCII punctuation marks; translate quickly if that leaves ASCII
                flat = lowered
                for char in set(_NON_ASCII.findall(lowered)):
                    if not (char.isalnum() or char == "_"):
                        flat = flat.replace(char, " ")
                flat = flat.translate(_KEEP_NUL) if flat.isascii() else \
                    flat.translate({ord(c): " " for c in set(flat) if not (c.isalnum() or c in "_\x00")})
            # One split of the whole text; the NUL of each field separator marks where a field ends.
            tokens = flat.split()
            sets: list[frozenset[str]] = []
            position, find = 0, tokens.index
            while True:
                try:
                    end = find("\x00", position)
                except ValueError:
                    sets.append(frozenset(tokens[position:]))
                    break
                sets.append(frozenset(tokens[position:end]))
                position = end + 1
            if len(sets) != len(self.bounds):  # a field holds a NUL of its own: slice field by field
                sets = [frozenset(flat[start:end].replace("\x00", " ").split())
                        for start, end in map(self.field_span, range(len(self.bounds)))]
            self._field_words = sets
        return self._field_words

    @property
    def words(self) -> frozenset[str]:
        """Every lower-case word (``\\w+`` run) of the text."""
        if self._words is None:
            field_words = self.field_words
            self._words = field_words[0] if len(field_words) == 1 else frozenset().union(*field_words)
        return self._words

    def _fields_of(self, word: str) -> list[int]:
        """The fields that contain ``word``; indexed in one pass for every registered vocabulary word."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            setdefault = index.setdefault
            vocabulary = VOCABULARY.intersection
            for number, field_words in enumerate(self.field_words):
                for known in vocabulary(field_words):
                    setdefault(known, []).append(number)
            self._index = index
            self._indexed = frozenset(VOCABULARY)
        found = self._index.get(word)
        if found is None:
            found = [] if word in self._indexed or word not in self.words else \
                [number for number, field_words in enumerate(self.field_words) if word in field_words]
            self._index[word] = found
        return found

    def fields_with(self, words: frozenset[str]) -> frozenset[int]:
        """Indexes of the fields that contain at least one of ``words``."""
        key = ("fields", words)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = frozenset().union(*(self._fields_of(word) for word in words))
        return found

    def frequency(self, words: frozenset[str]) -> int:
        """In how many fields any of ``words`` occurs (a cheap rarity measure)."""
        key = ("frequency", words)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = sum(len(self._fields_of(word)) for word in words)
        return found

    def occurrences(self, word: str) -> tuple[int, ...]:
        """Start offsets of ``word`` (lower case) wherever it stands as a whole word."""
        found = self._occurrences.get(word)
        if found is None:
            if word not in self.words:
                found = ()
            elif self.lower is None:
                found = tuple([m.start() for m in _word_regex(word, re.IGNORECASE).finditer(self.text)])
            else:
                found = tuple([m.start() for m in _word_regex(word, 0).finditer(self.lower)])
            self._occurrences[word] = found
        return found

    def has_positions(self, words: Iterable[str]) -> bool:
        """Whether the occurrences of all ``words`` are already known."""
        return all(word in self._occurrences for word in words)

    def positions_in(self, words: frozenset[str], fields: Iterable[int]) -> list[tuple[int, int]]:
        """(start, end) of the whole-word occurrences of any of ``words`` inside the given fields, sorted."""
        lowered = self.lower
        found = []
        for field in sorted(fields):
            start, end = self.field_span(field)
            for word in words & self.field_words[field]:
                regex = _word_regex(word, re.IGNORECASE if lowered is None else 0)
                size = len(word)
                found.extend((m.start(), m.start() + size) for m in regex.finditer(lowered or self.text, start, end))
        found.sort()
        return found

    def positions(self, words: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of every whole-word occurrence of any of ``words``, sorted."""
        key = ("positions", words)
        found = self._cache.get(key)
        if found is None:
            found = [(start, start + len(word)) for word in words for start in self.occurrences(word)]
            if len(words) > 1:
                found.sort()
            self._cache[key] = found
        return found

    def has_word_between(self, words: Iterable[str], low: int, high: int) -> bool:
        """Whether one of ``words`` (lower case) starts as a whole word inside ``[low, high]``."""
        lowered = self.lower
        low = max(0, low)
        if lowered is None:
            return any(low <= start <= high for word in words for start in self.occurrences(word))
        if len(words) > 2:
            regex, longest = _words_regex(frozenset(words))
            match = regex.search(lowered, low, min(len(lowered), high + longest))
            return match is not None and match.start() <= high
        length = len(lowered)
        for word in words:
            size = len(word)
            index = lowered.find(word, low, high + size)
            while index != -1:
                after = index + size
                if (index == 0 or not is_word_char(lowered[index - 1])) and \
                        (after == length or not is_word_char(lowered[after])):
                    return True
                index = lowered.find(word, index + 1, high + size)
        return False

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each sentence, heading, list item or table cell."""
        spans = []
        for field in range(len(self.bounds)):
            layout = self.layout_at(self.bounds[field])
            spans.extend(span for index in range(len(layout.blocks)) for span in layout.sentences_of(index))
        return tuple(spans)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence containing ``offset`` (the block's remainder when between sentences)."""
        layout = self.layout_at(offset)
        index = layout.block_index(offset)
        if index is None:
            return offset, offset
        spans = layout.sentences_of(index)
        position = bisect.bisect_right(spans, (offset, len(self.text) + 1)) - 1
        if position >= 0 and spans[position][0] <= offset <= spans[position][1]:
            return spans[position]
        block = layout.blocks[index]
        return block.start, block.end

    def paragraph_at(self, offset: int) -> tuple[int, int]:
        """The Markdown block (paragraph, list item, table row...) containing ``offset``."""
        block = self.layout_at(offset).block_at(offset)
        return (block.start, block.end) if block is not None else (offset, offset)

    def span_at(self, offset: int, scope: str) -> tuple[int, int]:
        """The ``sentence``, ``paragraph`` or whole ``field`` around ``offset``."""
        if scope == "sentence":
            return self.sentence_at(offset)
        if scope == "paragraph":
            return self.paragraph_at(offset)
        return self.field_span(self.field_index(offset))

    def quoted(self, start: int, end: int) -> str | None:
        """'"' when ``text[start:end]`` is inside double quotes, '>' inside a block quote, else None."""
        layout = self.layout_at(start)
        index = layout.block_index(start)
        if index is None:
            return None
        if layout.blocks[index].kind == "quote":
            return ">"
        if any(q_start <= start and end <= q_end for q_start, q_end in layout.quotes_of(index)):
            return '"'
        return None

    def layout_at(self, offset: int) -> _Layout:
        """The Markdown layout of the field that contains ``offset`` (built on first use)."""
        index = self.field_index(offset)
        layout = self._layout.get(index)
        if layout is None:
            start, end = self.field_span(index)
            layout = self._layout[index] = _Layout(self.text, _blocks(self.text, start, end))
        return layout

    @property
    def layout(self) -> _Layout:
        """The layout of the first field (the whole text, unless it is a joined corpus)."""
        return self.layout_at(0)


#: Words that some compiled pattern looks for (lexicon.compile_pattern adds to it). Field indexes cover
#: these in one pass; any other word is looked up field by field when asked for.
VOCABULARY: set[str] = set()


#: Joins the fields of a :class:`Corpus`: a blank line (so no block or sentence spans two fields) and a
#: NUL line (no word separator of a pattern can cross it).
FIELD_SEPARATOR = "\n\n\x00\n\n"


class Corpus:
    """Many text fields joined into one :class:`PreparedText`, so that a matcher scans them in one pass.

    ``fields`` are ``TextField``-like objects (``pointer``, ``text``, ``field``); :meth:`locate`
    maps an offset of the joined text back to (field index, offset in that field).
    """

    __slots__ = ("fields", "starts", "prepared")

    def __init__(self, fields: Iterable):
        self.fields = tuple(fields)
        starts, position = [], 0
        for item in self.fields:
            starts.append(position)
            position += len(item.text) + len(FIELD_SEPARATOR)
        self.starts = tuple(starts)
        self.prepared = PreparedText(FIELD_SEPARATOR.join(item.text for item in self.fields), self.starts)

    def locate(self, offset: int) -> tuple[int, int]:
        """(index of the field, offset inside it) for an offset of the joined text."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return index, offset - self.starts[index]


@lru_cache(maxsize=4096)
def _words_regex(words: frozenset[str]) -> tuple[re.Pattern, int]:
    """Any of ``words`` as a whole word (longest alternatives first), and the longest word's length."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(f"(?<!\\w)(?:{alternatives})(?!\\w)"), max(map(len, words))


@lru_cache(maxsize=8192)
def _word_regex(word: str, flags: int) -> re.Pattern:
    """``word`` as a whole word; the literal comes first so the regex engine can skip ahead to it."""
    escaped = re.escape(word)
    return re.compile(f"{escaped}(?!\\w)(?<=(?<!\\w){escaped})", flags)


def prepared(text: str | PreparedText) -> PreparedText:
    """``text`` as a :class:`PreparedText` (returned as is if it already is one)."""
    return text if isinstance(text, PreparedText) else PreparedText(text)


def excerpt(text: str, start: int, end: int, limit: int = 240) -> str:
    """The text between ``start`` and ``end`` on one line, shortened around its middle to ``limit``."""
    piece = " ".join(text[start:end].split())
    if len(piece) <= limit:
        return piece
    return piece[: limit - 1] + "…"


# --------------------------------------------------------------------------- context

_NEGATION = re.compile(r"""\b(?:never|not|neither|nor|nobody|no\s+one|rarely|seldom|no\s+longer|cannot|\w+n['’]t
                            |avoid(?:s|ed|ing)?|instead\s+of|rather\s+than|replac(?:e|es|ed|ing)
                            |refrain(?:s|ed|ing)?\s+from|stop(?:s|ped)?\s+(?:using|calling|saying|talking\s+about))\b""",
                       re.IGNORECASE | re.VERBOSE)
_CLAUSE_BREAK = re.compile(r"[;:()\[\]—]|\s–\s|\b(?:but|however|although|though|whereas|while|yet)\b", re.IGNORECASE)
#: A negation cue used as a label before a colon: "Avoid:", "Don't say:", "Never use:", "Not this:".
_NEGATION_LABEL = re.compile(r"[\s*_>#-]*(?:(?:never|not|don['’]t|do\s+not|avoid)(?:\s+(?:say|use|write|this|these))?"
                             r"|instead\s+of|no\s+longer\s+(?:say|use))[\s*_]*", re.IGNORECASE)
#: A heading or table-column header that lists wording to retire ("Terms to avoid", "Not this", "Outdated").
_RETIRED_LABEL = re.compile(r"\b(?:retire[sd]?|retiring|outdated|old\s+terms?|stigmatiz\w*|stigmatis\w*|derogatory|offensive)\b",
                            re.IGNORECASE)


def _retired_label(label: str | None) -> bool:
    """Whether a heading or column header says that what it holds is wording to avoid (not myth-based)."""
    return bool(label) and bool(_NEGATION.search(label) or _RETIRED_LABEL.search(label))
_MYTH_MARKERS = re.compile(r"""
    \bmyths?\b | \bmisconceptions?\b | \bmisperceptions?\b | \bmisbeliefs?\b | \bmistaken\s+beliefs?\b
  | \bnot\s+true\b | \buntrue\b | \b(?:isn|aren|wasn)['’]t\s+true\b | \bnot\s+the\s+case\b
  | \bnot\s+(?:required|necessary|needed|an\s+element)\b | \bneed\s+not\b | \bno\s+need\b
  | \b(?:does|do|did)\s+not\s+require | \b(?:doesn|don|didn)['’]t\s+require
  | \bdebunked\b | \bcontrary\s+to\b | \bfacts?\s*: | \breality\s*: | \btruth\s*:
  | (?<!true\sor\s)(?<!true/)\bfalse\s*[:!)] | \b(?:is|are|was|were)\s+false\b | \bin\s+(?:fact|reality)\b | \bthe\s+truth\s+is\b
  | \bincorrect(?:ly)?\b | \b(?:is|are|it['’]s)\s+wrong\b | \bwrong\s+to\b
  | \boutdated\b | \binaccurate\b | \bstigmatis\w* | \bstigmatiz\w* | \bderogatory\b | \boffensive\b
  | \bvictim[-\s]blaming\b | \bdehumaniz\w* | \bmisleading\b | \binappropriate\b | \bslurs?\b | \bavoided\b
  | \bshould\s+(?:not|never)\s+be\s+used\b | \b(?:do\s+not|don['’]t|never)\s+use\b
  | \bdegrading\b | \bdemeaning\b | \bpejorative\b | \bdisrespectful\b
  | \bno\s+(?:reliable|national|nationally\s+representative|credible|good)\s+(?:data|evidence|count|figure|estimate|source)
  | \bno\s+evidence\b | \bunsupported\b | \bnot\s+supported\s+by\b | \b(?:found|find|finds|showed|show|shows)\s+no\b
  | \b(?:many|some|most)\s+(?:people\s+)?(?:assume|believe|think)\b | \bcommonly\s+(?:assumed|believed)\b
  | \bcommon\s+(?:belief|assumption|misunderstanding)\b
""", re.IGNORECASE | re.VERBOSE)
_CONNECTORS = frozenset({"of", "and", "&", "the", "for", "in", "on", "to", "at", "de", "la", "del", "a", "an"})
_NAME_TOKEN = re.compile(r"[^\s\"“”«»()\[\]]+")
_SHORT_FIELD = 280


@frozen
class Context:
    """How the course uses a hit: its kind (§4.0), the marker that decided it, and a sentence for reviewers.

    ``flags`` lists every kind that applies (``kind`` is the first of them in :data:`CONTEXT_KINDS`).
    """

    kind: str
    marker: str = ""
    explanation: str = ""
    flags: frozenset[str] = attr_field(default=frozenset(), converter=frozenset)

    @property
    def quoted(self) -> bool:
        """The hit is inside double quotes or a block quote."""
        return "quoted" in self.flags

    @property
    def is_note(self) -> bool:
        """A title, proper name, myth correction or negation: every lexicon row gives a note."""
        return self.kind in NOTE_KINDS


_SUBORDINATE = re.compile(r"\b(?:if|when|whenever|unless|because|since|although|though|while|whether|once|after|before)\b",
                          re.IGNORECASE)


def negation_before(text: str, start: int, limit: int) -> re.Match | None:
    """The last negation cue between ``limit`` and ``start`` that is in the same clause as ``start``.

    A cue inside a leading subordinate clause ("If the caller does not speak English, ask ...")
    belongs to that clause, not to the hit after the comma.
    """
    clause_start = limit
    for brk in _CLAUSE_BREAK.finditer(text, limit, start):
        if brk.group() == ":" and _NEGATION_LABEL.fullmatch(text, clause_start, brk.start()):
            continue  # "Avoid: child prostitute" - a negation used as a label governs what follows the colon
        clause_start = brk.end()
    last = None
    for cue in _NEGATION.finditer(text, clause_start, start):
        last = cue
    if last is not None and "," in text[last.end():start] and _SUBORDINATE.search(text, clause_start, last.start()):
        return None
    return last


def negation_cues(text: str, start: int, end: int) -> re.Match | None:
    """The first negation cue ("never", "not", "don't", "avoid", "instead of"...) in ``text[start:end]``."""
    return _NEGATION.search(text, start, end)


#: Every marker of _MYTH_MARKERS contains one of these words: a cheap test before the big regex.
_MARKER_WORDS = frozenset("""
    myth myths misconception misconceptions misperception misperceptions misbelief misbeliefs mistaken true untrue
    case required necessary needed element need require requires required debunked contrary fact facts reality
    truth false fact incorrect incorrectly wrong outdated inaccurate blaming degrading demeaning pejorative
    disrespectful derogatory offensive misleading inappropriate slur slurs avoided used use no unsupported
    supported found find finds showed show shows assume believe think commonly common
""".split())


def _marker(text: str, start: int, end: int, extra: Sequence[re.Pattern] = ()) -> str | None:
    words = text[start:end].lower().translate(_ASCII_NON_WORD).split()
    found = None
    if _MARKER_WORDS.intersection(words) or any(w.startswith(("stigma", "dehuman")) for w in words):
        found = _MYTH_MARKERS.search(text, start, end)
    best = found.group().strip() if found else None
    for pattern in extra:
        hit = pattern.search(text, start, end)
        if hit and (found is None or hit.start() < found.start()):
            best, found = hit.group().strip(), hit
    return best


def _title_case_line(line: str) -> bool:
    if line.rstrip().endswith((".", "!", "?")):
        return False  # a sentence that holds names ("Call the Rescue Mission shelter on 5th Street.")
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", line) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _proper_name(text: str, start: int, end: int, sentence: tuple[int, int]) -> str | None:
    """The capitalised multi-word name that contains the hit, e.g. "Rescue & Restore"."""
    if not text[start:start + 1].isupper():
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if _title_case_line(text[line_start:line_end]):
        return None
    tokens = [(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text, line_start, line_end)]
    inside = [i for i, (s, e, _) in enumerate(tokens) if e > start and s < end]
    if not inside:
        return None

    def capital(token: str) -> bool:
        core = token.strip(".,;:!?'’")
        return bool(core) and (core[0].isupper() or core[0].isdigit()) and core.lower() not in _CONNECTORS

    def stops(token: str) -> bool:
        return token[-1:] in ",;:!?" or (token.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", token))

    first, last = inside[0], inside[-1]
    while first > 0 and not stops(tokens[first - 1][2]) and (
            capital(tokens[first - 1][2]) or tokens[first - 1][2].lower() in _CONNECTORS):
        first -= 1
    while last + 1 < len(tokens) and not stops(tokens[last][2]) and (
            capital(tokens[last + 1][2]) or tokens[last + 1][2].lower() in _CONNECTORS):
        last += 1
    while first < inside[0] and not capital(tokens[first][2]):
        first += 1
    while last > inside[-1] and not capital(tokens[last][2]):
        last -= 1
    outside = [i for i in range(first, last + 1) if i not in inside and capital(tokens[i][2])
               and not (tokens[i][0] == sentence[0])]
    if not outside:
        return None
    return text[tokens[first][0]:tokens[last][1]].strip(".,;:!?")


def classify(text: str | PreparedText, start: int, end: int, *, field: str = "", keyed_false: bool = False,
             incorrect_choice: bool = False, extra_markers: Sequence[re.Pattern] = (),
             proper_names: bool = True) -> Context:
    """The context of the hit ``text[start:end]`` (guidelines §4.0).

    :param field: the kind of text field (``modules.text``, ``glossary.definition``...).
    :param keyed_false: the text is the prompt of a true-false item whose key is False.
    :param incorrect_choice: the text is an answer choice keyed as incorrect.
    :param extra_markers: more correction markers for this term (e.g. critical framing of a film).
    :param proper_names: False for terms that are themselves names (a film title).
    """
    prep = prepared(text)
    raw = prep.text
    layout = prep.layout_at(start)
    s_start, s_end = prep.sentence_at(start)
    f_start, f_end = prep.span_at(start, "field")
    flags: dict[str, tuple[str, str]] = {}  # kind -> (marker, explanation)

    if field == "references.title":
        flags["title"] = ("references.title", "bibliographic title: the hit is in a reference's title")

    # myth correction: sentence, item or table-column markers; keyed items
    heading = layout.heading_before(start, f_start)
    under_myths = heading is not None and re.search(r"\bmyths?\b", heading, re.IGNORECASE) is not None
    where = f" (under the heading '{heading}')" if under_myths else ""
    marker = _marker(raw, s_start, s_end, extra_markers)
    if marker:
        flags["myth-correction"] = (marker, f"myth correction: the sentence says '{marker}'{where}")
    else:
        block = layout.block_at(start)
        column = layout.table_column(start)
        if column is not None and (re.search(r"\bmyths?\b", column) or _retired_label(column)):
            flags["myth-correction"] = (column, f"myth correction: the hit is in the '{column}' column of a table")
        elif block is not None and block.kind in ("item", "table") and _retired_label(heading) and not (
                block.kind == "table" and any(_retired_label(h) for h in layout.table_headers(block.start))):
            unit = {"item": "list item", "table": "table row"}[block.kind]
            flags["myth-correction"] = (heading, f"myth correction: the {unit} is under the heading '{heading}'")
        elif block is not None and (block.kind in ("item", "table") or under_myths) and \
                (marker := _marker(raw, block.start, block.end, extra_markers)):
            unit = {"item": "list item", "table": "table row"}.get(block.kind, "paragraph")
            flags["myth-correction"] = (marker, f"myth correction: the {unit} says '{marker}'{where}")
        elif f_end - f_start <= _SHORT_FIELD and "\n" not in raw[f_start:f_end].strip() and \
                (marker := _marker(raw, f_start, f_end, extra_markers)):
            flags["myth-correction"] = (marker, f"myth correction: the {field or 'text'} says '{marker}'")
        elif keyed_false:
            flags["myth-correction"] = ("keyed False", "myth correction: a true-false prompt whose answer is False")
        elif incorrect_choice:
            flags["myth-correction"] = ("incorrect choice", "myth correction: an answer choice keyed as incorrect")

    cue = negation_before(raw, start, s_start)
    if cue:
        flags["negated"] = (cue.group(), f"negated: '{' '.join(cue.group().split())}' comes before the term in the same clause")

    if proper_names:
        name = _proper_name(raw, start, end, (s_start, s_end))
        if name:
            flags["proper-name"] = (name, f"proper name: part of '{name}'")

    for c_start, c_end in layout.citations_in(s_start, s_end):
        if max(c_start - end, start - c_end, 0) <= _CITATION_GAP:
            cited = " ".join(raw[c_start:c_end].split())
            flags["citation"] = (cited, f"statute citation: next to '{cited}'")
            break

    if field.startswith("glossary."):
        flags["glossary"] = (field, f"glossary: the term sits in a glossary entry ({field})")

    quote = prep.quoted(start, end)
    if quote == ">":
        flags["quoted"] = (">", "quoted: in a Markdown block quote")
    elif quote:
        flags["quoted"] = ('"', "quoted: inside double quotes")

    if field == "statistics.claim":
        flags["structured-claim"] = (field, "structured claim: declared in statistics[].claim")

    for kind in CONTEXT_KINDS:
        if kind in flags:
            marker, explanation = flags[kind]
            return Context(kind, marker, explanation, flags)
    return Context("own-voice", "", "own voice: not quoted, no negation or myth marker in the sentence",
                   {"own-voice"})


def select_texts(course, *, fields: Iterable[str] | None = None, module_topics: Iterable[str] | None = None):
    """The course's text fields, optionally only some kinds (``fnmatch`` globs such as ``materials.*``)
    and, for module texts, only modules tagged with one of ``module_topics``.

    Other fields than module fields are kept when ``module_topics`` is given only if ``fields``
    names them, e.g. ``select_texts(course, fields=["glossary.*", "modules.*"], module_topics=["legal-federal"])``.
    """
    from fnmatch import fnmatchcase

    patterns = tuple(fields) if fields is not None else None
    topics = frozenset(module_topics) if module_topics is not None else None
    for text in course.texts():
        if patterns is not None and not any(fnmatchcase(text.field, p) for p in patterns):
            continue
        if topics is not None and text.field.startswith("modules."):
            module = course.get("/".join(text.pointer.split("/")[:3]))
            if not topics & set(module.get("topics", ())):
                continue
        yield text
