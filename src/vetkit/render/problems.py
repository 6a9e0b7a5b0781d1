"""Validation results as JSON for tools."""

from __future__ import annotations

import json
from typing import Iterable


def validation_json(results: Iterable, *, strict: bool = False) -> str:
    """One JSON document listing every file with its errors and warnings."""
    files = [{
        "file": result.name,
        "valid": result.valid and not (strict and result.warnings),
        "errors": [problem.to_json() for problem in result.errors],
        "warnings": [problem.to_json() for problem in result.warnings],
    } for result in results]
    return json.dumps({"vetkit": "validate/1", "files": files}, indent=2, ensure_ascii=False)
