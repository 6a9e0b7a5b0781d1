"""Dates in course documents: ISO strings read safely, ages in whole months."""

from __future__ import annotations

import datetime as dt
from typing import Any


def as_date(value: Any) -> dt.date | None:
    """``value`` as a date (a ``date`` or an ISO ``YYYY-MM-DD`` string), or None when it is neither."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole months from ``earlier`` to ``later`` (negative when ``later`` is earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months
