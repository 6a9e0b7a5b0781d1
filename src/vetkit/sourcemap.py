"""Where things are in a source text: JSON Pointer -> line and column."""

from __future__ import annotations

import bisect
import json
import re
from typing import Callable, Mapping

from . import pointers

_JSON_TOKEN = re.compile(
    r'[ \t\n\r]*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^ \t\n\r{}\[\]:,"]+))', re.DOTALL
)


class SourceMap:
    """Maps JSON Pointers to 1-based (line, column) positions in a source text.

    A member of an object is located at its key, an array element at its value.
    Built eagerly for YAML (the parser gives positions) and on first use for JSON.
    """

    def __init__(self, offsets: Mapping[str, int] | None = None, text: str = "",
                 build: Callable[[], dict[str, int]] | None = None,
                 positions: Mapping[str, tuple[int, int]] | None = None):
        self._offsets = offsets
        self._build = build
        self._positions = positions
        self._text = text
        self._line_starts: list[int] | None = None

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """The position of ``pointer`` or of its nearest located ancestor."""
        while True:
            position = self._position(pointer)
            if position is not None or pointer == "":
                return position
            pointer = pointers.parent(pointer)

    def _position(self, pointer: str) -> tuple[int, int] | None:
        if self._positions is not None:
            return self._positions.get(pointer)
        if self._offsets is None:
            if self._build is None:
                return None
            self._offsets = self._build()
        offset = self._offsets.get(pointer)
        return None if offset is None else self.line_col(offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self._text)]
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


#: One token and the separators after it (whitespace, commas, and a key's colon): a string (group 1
#: holds the colon when it is a key), a bracket, or another scalar. Consuming the separators in the
#: token keeps ``finditer`` from retrying every alternative at each space of the indentation. The
#: string pattern is the unrolled ``"[^"\\]*(?:\\.[^"\\]*)*"``, much faster than an alternation per
#: character, and each string is scanned once whether it is a key or a value.
_FAST_TOKEN = re.compile(
    r'(?:"[^"\\]*(?:\\.[^"\\]*)*"([ \t\n\r]*:)?|[{}\[\]]|[^ \t\n\r{}\[\]:,"]+)[ \t\n\r,]*', re.DOTALL)


def json_offsets(text: str, on_duplicate: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Character offsets of every member and element of a valid JSON text.

    A member is located at its key, an element at its value. Without ``on_duplicate`` this
    is one flat pass over the tokens; with it, the recursive walk that also reports every
    repeated key (only needed to explain a document that has some).
    """
    if on_duplicate is not None:
        return _json_offsets_checked(text, on_duplicate)
    offsets: dict[str, int] = {}
    # the containers being read: (pointer, next index) for an array, (pointer, None) for an object
    stack: list[tuple[str, list[int] | None]] = []
    counter: list[int] | None = None
    pointer = ""  # the pointer of the next value: the root's is ""
    loads = json.loads
    for match in _FAST_TOKEN.finditer(text):
        start = match.start()
        colon = match.start(1)
        if colon >= 0:  # a member's key: the member is located here, its value follows
            key = text[start:colon]
            name = key[1:-1] if "\\" not in key else loads(key)
            if "~" in name or "/" in name:
                name = name.replace("~", "~0").replace("/", "~1")
            pointer = f"{stack[-1][0]}/{name}"
            offsets[pointer] = start
            continue
        first = text[start]
        if first == "}" or first == "]":
            stack.pop()
            counter = stack[-1][1] if stack else None
            continue
        # a value: an array element takes the next index; a member's value was named by its key
        if counter is not None:
            pointer = f"{stack[-1][0]}/{counter[0]}"
            counter[0] += 1
            if pointer not in offsets:
                offsets[pointer] = start
        elif not stack:  # the root value
            offsets.setdefault("", start)
        if first == "{":
            stack.append((pointer, None))
            counter = None
        elif first == "[":
            counter = [0]
            stack.append((pointer, counter))
    return offsets


def _json_offsets_checked(text: str, on_duplicate: Callable[[str, int], None]) -> dict[str, int]:
    tokens = _JSON_TOKEN.finditer(text)
    offsets: dict[str, int] = {}

    def token():
        match = next(tokens)
        return match.group(match.lastindex), match.start(match.lastindex)

    def value(pointer: str, first) -> None:
        tok, start = first
        offsets.setdefault(pointer, start)
        if tok == "{":
            seen: set[str] = set()
            tok, start = token()
            while tok != "}":
                if tok == ",":
                    tok, start = token()
                key = json.loads(tok)
                child = pointers.join(pointer, key)
                if key in seen and on_duplicate is not None:
                    on_duplicate(child, start)
                seen.add(key)
                offsets[child] = start
                token()  # the colon
                value(child, token())
                tok, start = token()
        elif tok == "[":
            index = 0
            tok, start = token()
            while tok != "]":
                if tok == ",":
                    tok, start = token()
                value(pointers.join(pointer, index), (tok, start))
                index += 1
                tok, start = token()

    value("", token())
    return offsets
