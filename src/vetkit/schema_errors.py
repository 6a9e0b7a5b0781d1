"""jsonschema errors rewritten as located, actionable :class:`Problem` objects."""

from __future__ import annotations

import difflib
import json
import re
from typing import Any, Iterable, Iterator

from . import pointers

_TYPE_NAMES = {
    "object": "an object", "array": "a list", "string": "a string", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "null",
}


def shorten(value: Any, limit: int = 60) -> str:
    """A compact JSON rendering of ``value``, cut to ``limit`` characters."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def close_match(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, if any is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str], listing: str = "") -> str | None:
    """A hint naming the closest candidate, or ``listing`` when none is close."""
    match = close_match(word, candidates)
    return f"did you mean `{match}`?" if match else (listing or None)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null"


def _what(schema: dict, pointer: str) -> str:
    return "the course document" if pointer == "" else (schema.get("title") or "this object")


def translate(errors: Iterable[Any]) -> Iterator[tuple[str, str, str | None]]:
    """(pointer, message, hint) for each distinct schema error."""
    seen: set[tuple[str, str]] = set()
    for error in errors:
        for item in _translate_one(error):
            key = item[:2]
            if key not in seen:
                seen.add(key)
                yield item


def _translate_one(error) -> Iterator[tuple[str, str, str | None]]:
    pointer = pointers.from_path(error.absolute_path)
    kind = error.validator
    schema = error.schema
    instance = error.instance
    if kind in ("additionalProperties", "unevaluatedProperties"):
        known = list(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for key in instance:
            if key in known or any(p.search(key) for p in patterns):
                continue
            listing = f"allowed keys here: {', '.join(known)}; put your own data under an `x-` key"
            yield (pointers.join(pointer, key), f"unknown key `{key}` in {_what(schema, pointer)}",
                   did_you_mean(key, known, listing))
    elif kind == "required":
        for key in error.validator_value:
            if key not in instance:
                description = schema.get("properties", {}).get(key, {}).get("description", "")
                hint = f"add `{key}`" + (f" ({description.rstrip('.')})" if description else "")
                yield pointer, f"missing required key `{key}` in {_what(schema, pointer)}", hint
    elif kind == "enum":
        allowed = [str(v) for v in error.validator_value]
        listing = "allowed values: " + ", ".join(allowed)
        hint = did_you_mean(str(instance), allowed, listing) if isinstance(instance, str) else listing
        yield pointer, f"{shorten(instance)} is not an allowed value", hint
    elif kind == "const":
        if pointer == "/vetkit" and isinstance(instance, (int, float)) and not isinstance(instance, bool) \
                and str(instance) == str(error.validator_value):
            yield (pointer, f"the format version {instance} is read as a number, not as the text \"{instance}\"",
                   f'write it as "{error.validator_value}" (quoted): vetkit: "{error.validator_value}"')
        elif pointer == "/vetkit":
            yield (pointer, f"unsupported format version {shorten(instance)}",
                   f'this vetkit reads course format "{error.validator_value}"; set "vetkit": "{error.validator_value}"')
        else:
            yield pointer, f"{shorten(instance)} must be {shorten(error.validator_value)}", None
    elif kind == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        names = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        yield pointer, f"expected {names}, got {_type_name(instance)} ({shorten(instance)})", _type_hint(schema)
    elif kind == "pattern":
        yield pointer, f"{shorten(instance)} is not in the expected form", _form_hint(schema, error.validator_value)
    elif kind == "format":
        yield pointer, f"{shorten(instance)} is not a valid {error.validator_value}", _form_hint(schema, None)
    elif kind == "minItems":
        count = error.validator_value
        yield pointer, f"needs at least {count} item{'s' if count != 1 else ''}", None
    elif kind == "maxItems":
        yield pointer, f"has more than {error.validator_value} items", None
    elif kind == "minLength":
        yield pointer, "must not be empty", "write the text or remove the key"
    elif kind == "maxLength":
        yield pointer, f"{shorten(instance)} is longer than {error.validator_value} characters", None
    elif kind in ("minimum", "exclusiveMinimum"):
        yield pointer, f"{shorten(instance)} is below the minimum of {error.validator_value}", None
    elif kind in ("maximum", "exclusiveMaximum"):
        yield pointer, f"{shorten(instance)} is above the maximum of {error.validator_value}", None
    elif kind == "uniqueItems":
        yield pointer, "repeats a value", "list each value once"
    elif kind in ("oneOf", "anyOf") and error.context:
        best = min(error.context, key=lambda e: (len(e.absolute_path) * -1, e.validator == "type"))
        yield from _translate_one(best)
    else:
        yield pointer, error.message, None


def _type_hint(schema: dict) -> str | None:
    description = schema.get("description")
    return description.rstrip(".") if description else None


def _form_hint(schema: dict, pattern: str | None) -> str | None:
    title = schema.get("title", "")
    fixed = {
        "Date": "write dates as YYYY-MM-DD, e.g. 2025-03-01",
        "Time": "write times as HH:MM on a 24-hour clock, e.g. 08:30",
        "Id": "ids start with a letter or digit and use letters, digits, `.`, `_`, `:` or `-`",
    }
    if title in fixed:
        return fixed[title]
    if pattern and "[a-z0-9]+(-[a-z0-9]+)*" in pattern:
        return "tags are lower-case words joined by hyphens, e.g. `labor-trafficking`"
    description = schema.get("description")
    return description.rstrip(".") if description else (f"expected pattern {pattern}" if pattern else None)
