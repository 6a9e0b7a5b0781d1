"""The published JSON Schemas, and one compiled validator per schema and process.

Validation has two paths. :func:`errors` first asks a compiled jsonschema-rs validator
(a Rust implementation, two orders of magnitude faster) whether the document is valid;
only when it says *invalid*, or is not installed, does the pure-Python ``jsonschema``
validator run, and its errors are what vetkit reports. So a valid document never imports
``jsonschema``, and every message about an invalid one is the same as before.

The fast path may only ever be *stricter* than ``jsonschema``: where the two disagree it
must be the one that says invalid, so that ``jsonschema`` decides. Its regular
expressions are (Rust's ``$`` does not accept a trailing newline, which Python's does),
and the ``format`` keywords are checked by the same code as ``jsonschema``'s
(:func:`_is_date`), because jsonschema-rs accepts dates that Python cannot represent
(year 0). A schema that uses a format not replicated here gets no fast path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from .resources import data_dir

SCHEMA_NAMES = ("course", "review", "rubric", "report", "rule")


def schema_text(name: str) -> str:
    """The text of ``schemas/<name>.schema.json``."""
    if name not in SCHEMA_NAMES:
        raise KeyError(name)
    return data_dir("schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def schema(name: str) -> dict[str, Any]:
    """The parsed schema."""
    return json.loads(schema_text(name))


@lru_cache(maxsize=None)
def validator(name: str):
    """A compiled draft 2020-12 validator with format checking, built once."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


# -- the fast path ------------------------------------------------------------------------------

_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # as jsonschema._format.is_date


def _is_date(instance: object) -> bool:
    """jsonschema's ``date`` format check, exactly: the ASCII pattern and a date Python can build."""
    if not isinstance(instance, str):
        return True
    try:
        return bool(_RE_DATE.fullmatch(instance) and date.fromisoformat(instance))
    except ValueError:
        return False


#: Formats whose jsonschema check is replicated above; a schema with any other gets no fast path.
_FORMATS = {"date": _is_date}


def _formats_used(node: Any) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("format"), str):
                found.add(item["format"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


@lru_cache(maxsize=None)
def fast_validator(name: str):
    """A compiled jsonschema-rs validator for ``name``, or None (not installed, or a format it cannot match)."""
    document = schema(name)
    used = _formats_used(document)
    if not used <= _FORMATS.keys():
        return None
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - it is a dependency; a broken install falls back
        return None
    try:
        return jsonschema_rs.validator_for(document, formats={f: _FORMATS[f] for f in used}, validate_formats=True)
    except Exception:  # noqa: BLE001 - a schema it cannot compile: jsonschema does the work
        return None


def is_valid(name: str, instance: Any) -> bool:
    """True when the fast validator accepts ``instance``; False when it rejects it, cannot run or fails."""
    fast = fast_validator(name)
    if fast is None:
        return False
    try:
        return bool(fast.is_valid(instance))
    except Exception:  # noqa: BLE001 - e.g. a lone surrogate it cannot convert: let jsonschema decide
        return False


def errors(name: str, instance: Any) -> Iterable[Any]:
    """jsonschema's errors for ``instance`` against schema ``name``; none, without running it, when valid."""
    if is_valid(name, instance):
        return ()
    return validator(name).iter_errors(instance)
