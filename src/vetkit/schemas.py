"""The published JSON Schemas, and one compiled validator per schema and process."""

from __future__ import annotations

import json
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
