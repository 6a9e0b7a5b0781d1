"""Placeholders: the values an imported draft leaves for a person to fill in.

Where the source files do not say something the course format requires (who the course is
for, its level, its minutes), ``vetkit import`` writes a string that starts with
``FILL IN:`` and says what belongs there, instead of inventing a value. Validation reports
each one as a located error, ``fill in audience.roles: ...``, in place of the schema errors
the placeholder itself causes.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

PREFIX = "FILL IN:"


def placeholder(what: str) -> str:
    """The placeholder text for a value the sources do not give: ``FILL IN: <what>``."""
    return f"{PREFIX} {what}"


def is_placeholder(value: Any) -> bool:
    """True for a string left as a placeholder."""
    return isinstance(value, str) and value.startswith(PREFIX)


def find(data: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """(pointer, what belongs there) for every placeholder in a document, in document order."""
    if is_placeholder(data):
        yield pointer, data[len(PREFIX):].strip()
    elif isinstance(data, Mapping):
        for key, value in data.items():
            yield from find(value, f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}")
    elif isinstance(data, (list, tuple)):
        for index, value in enumerate(data):
            yield from find(value, f"{pointer}/{index}")


def field_label(pointer: str) -> str:
    """``/audience/roles/0`` → ``audience.roles``; ``/modules/2/minutes`` → ``modules.2.minutes``."""
    tokens = pointer.split("/")[1:]
    if len(tokens) > 1 and tokens[-1].isdigit():
        tokens = tokens[:-1]
    return ".".join(token.replace("~1", "/").replace("~0", "~") for token in tokens) or "the document"


def covers(pointer: str, holes: Mapping[str, str]) -> bool:
    """True when ``pointer`` is a placeholder or lies inside one (its errors are the placeholder's)."""
    return any(pointer == hole or pointer.startswith(hole + "/") for hole in holes)
