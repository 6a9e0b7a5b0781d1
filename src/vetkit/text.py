"""Text structure shared by every text check: sentences, clauses, Markdown layout, and prepared texts.

Main entry points::

    prepared = PreparedText(text)          # lazily computed analyses, shared by every lexicon
    corpus = Corpus(course.texts())        # many fields joined; corpus.prepared, corpus.locate(offset)
    prepared.sentence_at(offset)           # (start, end) of the sentence around an offset
    sentences(text), clauses(sentence)     # the one sentence and clause model of vetkit

Sentences end at ``.``, ``!`` or ``?`` followed by a space and a word that is not lower
case, and at the end of every Markdown heading, list item, table cell, block quote and
paragraph. Abbreviations such as "U.S.", "e.g.", "No. 5", "18 U.S.C. 1591" and "Tex. Penal
Code" do not end a sentence. Clauses end at semicolons, colons, brackets, dashes and the
contrastive conjunctions (but, however, although, though, whereas, while, yet).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterable, Sequence

from attrs import frozen

__all__ = [
    "CLAUSE_BREAK", "Corpus", "FIELD_SEPARATOR", "PreparedText", "clause_bounds", "clauses", "clip", "excerpt",
    "is_word_char", "plain_words", "prepared", "sentence_bounds", "sentences", "word_window",
]

def plain_words(text: str) -> list[str]:
    """The lower-case words of ``text``, split at every character that is not a word character in ASCII."""
    return text.lower().translate(_ASCII_NON_WORD).split()


def is_word_char(char: str) -> bool:
    """True for the characters of a word (what ``\\w`` matches)."""
    return char.isalnum() or char == "_"


_ASCII_NON_WORD = str.maketrans({chr(code): " " for code in range(128)
                                 if not (chr(code).isalnum() or chr(code) == "_")})
_KEEP_NUL = str.maketrans({chr(code): " " for code in range(1, 128) if not (chr(code).isalnum() or chr(code) == "_")})
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_RUN = re.compile(r"\w+")


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


#: Characters looked back from a period for the start of its word: a longer word is no abbreviation, and the
#: look back stays short however long the paragraph (a search back to its start made splitting quadratic).
_WORD_LOOKBACK = 64


def _is_abbreviation(text: str, block_start: int, period: int, after: int) -> bool:
    """Whether the period at ``period`` closes an abbreviation rather than a sentence."""
    floor = max(block_start, period - _WORD_LOOKBACK)
    begin = max(text.rfind(" ", floor, period), text.rfind("\n", floor, period), text.rfind("\t", floor, period),
                floor - 1) + 1
    if begin == floor > block_start:
        return False  # a word of more than _WORD_LOOKBACK characters
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


#: Where a sentence splits into clauses: semicolons, colons, brackets, dashes (an em dash, or an en dash
#: or hyphen between spaces) and contrastive conjunctions.
CLAUSE_BREAK = re.compile(r"[;:()\[\]—]|\s[–-]\s|\b(?:but|however|although|though|whereas|while|yet)\b", re.IGNORECASE)


def clause_bounds(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of ``sentence`` (see :data:`CLAUSE_BREAK`); blank clauses are left out."""
    cuts = [0, *(position for match in CLAUSE_BREAK.finditer(sentence) for position in match.span()), len(sentence)]
    return [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if sentence[a:b].strip()]


def clauses(sentence: str) -> list[str]:
    """The clauses of ``sentence`` as strings."""
    return [sentence[a:b] for a, b in clause_bounds(sentence)]


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
                 "_occurrences", "_layout", "_starts")

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
        self._starts: dict[str, list[int]] | None = None

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

    def _word_starts(self) -> dict[str, list[int]]:
        """Every word (``\\w+`` run) of the lower-case text -> its start offsets, in one pass over the text."""
        if self._starts is None:
            starts: dict[str, list[int]] = {}
            setdefault = starts.setdefault
            for match in _WORD_RUN.finditer(self.lower):  # type: ignore[arg-type]
                setdefault(match.group(), []).append(match.start())
            self._starts = starts
        return self._starts

    def occurrences(self, word: str) -> tuple[int, ...]:
        """Start offsets of ``word`` (lower case) wherever it stands as a whole word."""
        found = self._occurrences.get(word)
        if found is None:
            if word not in self.words:
                found = ()
            elif self.lower is not None and _whole_words(frozenset((word,))):  # a whole \w+ run
                found = tuple(self._word_starts().get(word, ()))
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
        if lowered is not None and _whole_words(words):  # every occurrence from the word index, kept by field
            fields = fields if isinstance(fields, (set, frozenset)) else set(fields)
            bounds, right = self.bounds, bisect.bisect_right
            return [span for span in self.positions(words) if right(bounds, span[0]) - 1 in fields]
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
        if lowered is not None and isinstance(words, frozenset) and _whole_words(words):
            starts, left = self._word_starts(), bisect.bisect_left
            for word in words:
                offsets = starts.get(word)
                if offsets:
                    index = left(offsets, low)
                    if index < len(offsets) and offsets[index] <= high:
                        return True
            return False
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
        spans = layout.quotes_of(index)  # in order and apart: only the last one opening before ``start`` can hold it
        last = bisect.bisect_right(spans, (start, len(self.text))) - 1
        if last >= 0 and end <= spans[last][1]:
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


@lru_cache(maxsize=8192)
def _whole_words(words: frozenset[str]) -> bool:
    """Whether each of ``words`` is one ``\\w+`` run (its whole-word occurrences are words of the word index)."""
    return all(_WORD_RUN.fullmatch(word) for word in words)


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
    """``text`` as a :class:`PreparedText` (returned as is if it already is one).

    The same text gets the same object while it is in use, so its analyses (blocks, sentences,
    words) are computed once however many hits in it ask for them.
    """
    return text if isinstance(text, PreparedText) else _shared(text)


@lru_cache(maxsize=8)  # the texts in use: a check goes through a course text by text
def _shared(text: str) -> PreparedText:
    return PreparedText(text)


def excerpt(text: str, start: int, end: int, limit: int = 240) -> str:
    """The text between ``start`` and ``end`` on one line, cut to ``limit`` at a word boundary (see :func:`clip`)."""
    return clip(text[start:end], limit)


def clip(text: str, limit: int = 240) -> str:
    """``text`` on one line; when longer than ``limit``, cut at the last word boundary before it, ending in "…".

    A word is cut only when the text has no space in the second half of the limit (a long URL).
    """
    piece = " ".join(text.split())
    if len(piece) <= limit:
        return piece
    cut = piece[: limit - 1]
    if not (is_word_char(piece[limit - 1]) and is_word_char(cut[-1])):
        return cut.rstrip(" ,;:") + "…"
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def word_window(text: str, low: int, high: int, start: int, end: int) -> tuple[int, int]:
    """``(low, high)`` narrowed so that neither end splits a word, keeping ``text[start:end]`` inside."""
    if 0 < low < start and is_word_char(text[low - 1]) and is_word_char(text[low]):
        while low < start and is_word_char(text[low]):
            low += 1
    if end < high < len(text) and is_word_char(text[high - 1]) and is_word_char(text[high]):
        while high > end and is_word_char(text[high - 1]):
            high -= 1
    return low, high
