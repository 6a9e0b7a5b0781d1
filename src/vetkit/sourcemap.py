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


def json_offsets(text: str, on_duplicate: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Character offsets of every member and element of a valid JSON text."""
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
