"""Reading lexicon and phrase-set sources (YAML files, package resources or data) and locating problems in them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, NamedTuple

from ..errors import InvalidDocument, Problem

SCOPES = ("sentence", "paragraph", "field")


class LexiconError(InvalidDocument):
    """A lexicon or phrase-set file is invalid; each problem names the file and the term id."""


class Source(NamedTuple):
    """A parsed source: its data, a name for messages, and ``locate(pointer) -> (line, column) | None``."""

    data: Any
    name: str
    locate: Any


def strings(value) -> tuple[str, ...]:
    """A string or a list of strings as a tuple (None: empty)."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def read_source(source: Any, what: str = "lexicon") -> Source:
    """Parsed YAML/JSON data of a lexicon or phrase-set source (a path, a resource, or data)."""
    if isinstance(source, (list, tuple, Mapping)):
        return Source(source, f"<{what} data>", lambda pointer: None)
    name = str(source)
    mtime = None
    if isinstance(source, (str, Path)) or hasattr(source, "read_bytes"):
        path = Path(name)
        if path.is_file():
            mtime = path.stat().st_mtime_ns
    return _read_cached(source if mtime is None else name, name, mtime)


@lru_cache(maxsize=256)
def _read_cached(source: Any, name: str, mtime: int | None) -> Source:
    from ..parsing import parse

    try:
        raw = source.read_bytes() if hasattr(source, "read_bytes") else Path(name).read_bytes()
    except OSError as err:
        raise LexiconError(f"{name}: cannot read", [Problem(f"cannot read the file ({err.strerror or err})",
                                                            file=name, code="lexicon")]) from None
    document = parse(raw, name, "yaml")
    return Source(document.data, name, document.source_map.locate)


def problem(src: Source, pointer: str, message: str, hint: str | None = None) -> Problem:
    """A :class:`~vetkit.Problem` at ``pointer`` of a source, with its line and column when known."""
    line, column = src.locate(pointer) or (None, None)
    return Problem(message, file=src.name, line=line, column=column, pointer=pointer, hint=hint, code="lexicon")


