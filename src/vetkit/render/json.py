"""The report as JSON: deterministic, byte-identical for the same inputs."""

from __future__ import annotations

import json


def dumps(data) -> str:
    """Stable, readable JSON text with a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render(report, **options) -> str:
    """The report's JSON form (``schemas/report.schema.json``)."""
    return dumps(report.to_json())
