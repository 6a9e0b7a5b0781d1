"""JSON Pointer (RFC 6901) helpers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable, Iterator


def escape(token: object) -> str:
    """Escape one reference token."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join(base: str, *tokens: object) -> str:
    """Append tokens to a pointer: ``join("/modules", 0, "title")``."""
    return base + "".join("/" + escape(token) for token in tokens)


def from_path(path: Iterable[object]) -> str:
    """The pointer for a sequence of keys and indexes."""
    return join("", *path)


def split(pointer: str) -> list[str]:
    """The unescaped tokens of a pointer."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"not a JSON Pointer: {pointer!r}")
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


def resolve(document: Any, pointer: str) -> Any:
    """The value a pointer designates; ``KeyError`` when there is none."""
    node = document
    for token in split(pointer):
        if isinstance(node, (list, tuple)):
            if not token.isdigit() or int(token) >= len(node):
                raise KeyError(pointer)
            node = node[int(token)]
        elif hasattr(node, "keys"):
            if token not in node:
                raise KeyError(pointer)
            node = node[token]
        else:
            raise KeyError(pointer)
    return node


def parent(pointer: str) -> str:
    """The pointer one level up (the root is its own parent)."""
    return pointer.rsplit("/", 1)[0] if pointer else ""


def objects_at(document: Any, path: Iterable[str]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(pointer, object) for every object reached by following ``path`` through the document.

    Each step descends into a key; a list there is fanned out to its objects, so
    ``objects_at(course, ["modules", "outline"])`` yields every outline of every module.
    """
    objects: list[tuple[str, Any]] = [("", document)]
    for step in path:
        following = []
        for pointer, obj in objects:
            value = obj.get(step)
            if isinstance(value, Mapping):
                following.append((f"{pointer}/{step}", value))
            elif isinstance(value, (list, tuple)):
                following.extend((f"{pointer}/{step}/{index}", item) for index, item in enumerate(value)
                                 if isinstance(item, Mapping))
        objects = following
    return iter(objects)
