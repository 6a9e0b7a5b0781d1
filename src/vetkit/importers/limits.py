"""Bounds on what ``vetkit import`` reads, and the one way it refuses a file."""

from __future__ import annotations

from attrs import frozen

from ..errors import InvalidSource, Problem

MIB = 1024 * 1024


@frozen
class ImportLimits:
    """How much of a source file vetkit will read. Past any bound the file is refused (exit 2)."""

    max_file_bytes: int = 200 * MIB  # a source file on disk (decks carry their pictures)
    max_members: int = 5_000  # files inside one ZIP container (.pptx, .docx, .imscc, SCORM .zip)
    max_unpacked_bytes: int = 1024 * MIB  # their declared sizes added up
    max_member_bytes: int = 64 * MIB  # one file inside the container
    max_ratio: int = 200  # unpacked : packed, for members over 1 MiB (a ZIP bomb's is in the thousands)
    max_slides: int = 1_000
    max_pages: int = 2_000
    max_text_chars: int = 5_000_000  # text extracted from one source file


DEFAULT_IMPORT_LIMITS = ImportLimits()


def refuse(name: str, message: str, *, hint: str | None = None, code: str = "unreadable") -> InvalidSource:
    """The error for a source file that cannot be imported; the caller raises it."""
    return InvalidSource(f"{name}: {message}", [Problem(message, file=name, hint=hint, code=code)])


class TextBudget:
    """Counts the characters a reader extracts and refuses the file past the limit."""

    def __init__(self, name: str, limits: ImportLimits):
        self.name, self.limit, self.left = name, limits.max_text_chars, limits.max_text_chars

    def take(self, text: str) -> str:
        """Count ``text`` and return it."""
        self.left -= len(text)
        if self.left < 0:
            raise refuse(self.name, f"holds more text than vetkit imports from one file ({self.limit:,} characters)",
                         hint="split the material into smaller files", code="limit")
        return text
