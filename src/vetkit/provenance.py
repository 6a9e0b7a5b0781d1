"""Where a course's text came from: the ``x-source`` records that importers write.

``vetkit import`` puts an ``x-source`` object on every object it creates, naming the file
the reviewer gave and the place in it::

    x-source:
      file: deck.pptx        # the source file, as named on the command line
      at: slide 7            # the place in it, in words a reviewer can follow
      line: 12               # optional: the line, for text files (Markdown, HTML)
      spans:                 # optional: text fields joined from several places
        text:
        - {start: 0, end: 52, at: slide 7}
        - {start: 54, end: 180, at: slide 7 (notes)}

:func:`origin_at` turns a finding's JSON Pointer and character offset into the place in the
original file: the record of the nearest object on the pointer's path, narrowed to the span
of the field that holds the offset. The course's own (top-level) record speaks only for the
fields its spans name, such as ``description``. Records edited by hand into another shape are
ignored.
"""

from __future__ import annotations

from typing import Any, Mapping

from attrs import frozen

KEY = "x-source"


@frozen
class Origin:
    """A place in an original source file: ``deck.pptx, slide 7 (notes)``."""

    file: str
    at: str = ""
    line: int | None = None

    @property
    def label(self) -> str:
        """The file and the place, as every report format words it."""
        return f"{self.file}, {self.at}" if self.at else self.file

    def to_json(self) -> dict[str, Any]:
        """The origin's JSON object (``source`` of a finding in the report)."""
        raw: dict[str, Any] = {"file": self.file, "at": self.at}
        if self.line is not None:
            raw["line"] = self.line
        return raw

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> "Origin":
        """Rebuild an origin from its JSON object."""
        return cls(raw["file"], raw.get("at", ""), raw.get("line"))


def record(origin: Origin, spans: Mapping[str, list[tuple[int, int, Origin]]] | None = None) -> dict[str, Any]:
    """The ``x-source`` object for an origin, with the spans of fields joined from several places."""
    raw = origin.to_json()
    if spans:
        raw["spans"] = {name: [_span(start, end, part, origin) for start, end, part in parts]
                        for name, parts in spans.items() if parts}
    return raw


def _span(start: int, end: int, part: Origin, whole: Origin) -> dict[str, Any]:
    span: dict[str, Any] = {"start": start, "end": end, "at": part.at}
    if part.file != whole.file:
        span["file"] = part.file
    if part.line is not None and part.line != whole.line:
        span["line"] = part.line
    return span


def origin_at(data: Mapping[str, Any], pointer: str, offset: int | None = None) -> Origin | None:
    """The place in a source file that the text at ``pointer`` (and ``offset`` in it) came from."""
    node: Any = data
    found, rest = None, []  # the course's own record names only the fields in its spans (see below)
    tokens = pointer.split("/")[1:] if pointer else []
    for index, token in enumerate(tokens):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, Mapping):
            node = node.get(token)
        elif isinstance(node, (list, tuple)) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            break
        here = _read(node)
        if here is not None:
            found, rest = here, tokens[index + 1:]
    if found is None:
        root = _read(data)
        if root is None or len(tokens) != 1:
            return None
        found, rest = root, tokens
        if not isinstance(root[1].get("spans"), Mapping) or tokens[0] not in root[1]["spans"]:
            return None
    origin, raw = found
    spans = raw.get("spans")
    if len(rest) == 1 and isinstance(spans, Mapping) and isinstance(spans.get(rest[0]), (list, tuple)):
        return _narrow(origin, spans[rest[0]], offset)
    return origin


def _read(node: Any) -> tuple[Origin, Mapping[str, Any]] | None:
    raw = node.get(KEY) if isinstance(node, Mapping) else None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("file"), str):
        return None
    at, line = raw.get("at"), raw.get("line")
    return Origin(raw["file"], at if isinstance(at, str) else "", line if _is_line(line) else None), raw


def _narrow(origin: Origin, spans, offset: int | None) -> Origin:
    usable = [span for span in spans if isinstance(span, Mapping) and isinstance(span.get("start"), int)
              and isinstance(span.get("at"), str)]
    if not usable:
        return origin
    chosen = usable[0]
    if offset is not None:
        for span in usable:
            if span["start"] <= offset:
                chosen = span
    line, file = chosen.get("line"), chosen.get("file")
    if isinstance(file, str) and file != origin.file:
        return Origin(file, chosen["at"], line if _is_line(line) else None)
    return Origin(origin.file, chosen["at"], line if _is_line(line) else origin.line)


def _is_line(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1
