"""vetkit's exceptions and the :class:`Problem` they carry.

Every error that vetkit raises is a :class:`VetkitError`; the command line renders it
once, as one paragraph per problem, and exits with code 2.
"""

from __future__ import annotations

from typing import Iterable

from attrs import frozen


@frozen
class Problem:
    """One thing wrong with an input, located as precisely as vetkit can."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    hint: str | None = None
    severity: str = "error"  # error | warning
    code: str = "invalid"

    @property
    def location(self) -> str:
        """``file:line:col`` with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """One paragraph for a person: where, what, and what to do."""
        prefix = f"{self.location}: " if self.file or self.line is not None else ""
        text = f"{prefix}{self.severity}: {self.message}"
        if self.pointer is not None:
            text += f" (at {self.pointer or '/'})"
        if self.hint:
            text += f". {self.hint[:1].upper()}{self.hint[1:]}"
        return text

    def to_json(self) -> dict:
        """The problem as a JSON object (``vetkit validate --format json``)."""
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "hint": self.hint,
        }


class VetkitError(Exception):
    """Base class of every error vetkit raises on purpose.

    .. versionadded:: 0.1
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        super().__init__(message)
        self.problems: tuple[Problem, ...] = tuple(problems)

    def format(self) -> str:
        """The message followed by one paragraph per problem."""
        if not self.problems:
            return str(self)
        return "\n".join(problem.format() for problem in self.problems)


class InvalidDocument(VetkitError, ValueError):
    """An input document (course, rubric, review, report) is unreadable or invalid."""

    def __init__(self, message: str, problems: Iterable[Problem] = (), warnings: Iterable[Problem] = ()):
        super().__init__(message, problems)
        self.warnings: tuple[Problem, ...] = tuple(warnings)


class InvalidCourse(InvalidDocument):
    """A course document failed to load or validate."""


class RubricError(InvalidDocument):
    """A rubric is invalid: unknown rules, a cycle in ``extends``, bad weights."""


class ReviewError(InvalidDocument):
    """A reviewer answer file is invalid."""


class InvalidSource(InvalidDocument):
    """A file given to ``vetkit import`` cannot be read safely: corrupt, encrypted, hostile or too large.

    .. versionadded:: 0.2
    """


class PluginError(VetkitError):
    """A plugin failed and ``--strict-plugins`` asked for that to be fatal."""


class UsageError(VetkitError, ValueError):
    """An argument passed to the library or the command line makes no sense."""
