"""Which report format a file name asks for: ``-o report.html`` writes HTML."""

from __future__ import annotations

import os
from collections.abc import Mapping

from .errors import UsageError


def format_for(formats: Mapping[str, object], output: str | os.PathLike[str] | None) -> str:
    """The name of the format whose suffix ends ``output`` (the longest suffix wins); ``text`` without a file.

    A file name without a suffix gets ``text``; a suffix that no registered format writes
    (``report.pdf``) raises :class:`~vetkit.errors.UsageError` listing the formats and their suffixes.
    """
    if output is None:
        return "text"
    name = os.path.basename(os.fspath(output)).lower()
    matches = [(len(fmt.suffix), format_name) for format_name, fmt in formats.items()
               if fmt.suffix and name.endswith(fmt.suffix.lower())]
    if matches:
        return max(matches)[1]
    stem, suffix = os.path.splitext(name)
    if not suffix or not stem:
        return "text"
    listing = ", ".join(f"{format_name} ({fmt.suffix})" if fmt.suffix else format_name
                        for format_name, fmt in sorted(formats.items()))
    raise UsageError(f"{os.fspath(output)}: vetkit does not write {suffix} files. Name the report after its format "
                     f"- {listing} - or choose the format with --format NAME.")
