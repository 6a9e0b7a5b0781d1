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
        """One paragraph for a person: where, what, and what to do (control characters escaped)."""
        from .safetext import shown

        prefix = f"{self.location}: " if self.file or self.line is not None else ""
        text = f"{prefix}{self.severity}: {self.message}"
        if self.pointer is not None:
            text += f" (at {self.pointer or '/'})"
        if self.hint:
            text += f". {self.hint[:1].upper()}{self.hint[1:]}"
        return shown(text)

    def brief(self) -> str:
        """The message with its pointer, on one line (for an exception's ``str()``)."""
        return self.message if self.pointer is None else f"{self.message} (at {self.pointer or '/'})"

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


#: Problems named in an exception's ``str()`` before "and N more".
FIRST_PROBLEMS = 3


class VetkitError(Exception):
    """Base class of every error vetkit raises on purpose.

    ``str()`` gives the message followed by the first problems ("...; and N more"), so a
    traceback or a log line says what is wrong; ``.problems`` holds all of them.

    .. versionadded:: 0.1
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()):
        super().__init__(message)
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        first = "; ".join(problem.brief() for problem in self.problems[:FIRST_PROBLEMS])
        more = len(self.problems) - FIRST_PROBLEMS
        first += f"; and {more} more" if more > 0 else ""
        prefix, _, gist = self.message.rpartition(": ")
        if _plain(gist) in _plain(self.problems[0].message):  # the problem says it all, and more
            return f"{prefix}: {first}" if prefix else first
        return f"{self.message}: {first}"

    def format(self) -> str:
        """The message followed by one paragraph per problem."""
        if not self.problems:
            return self.message
        return "\n".join(problem.format() for problem in self.problems)


def _plain(text: str) -> str:
    return "".join(char for char in text.lower() if char not in "`'\"")


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


class WriteError(VetkitError):
    """An output file cannot be written: its path and the reason; nothing was changed.

    .. versionadded:: 0.1
    """

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(message)
        self.path = path


class UsageError(VetkitError, ValueError):
    """An argument passed to the library or the command line makes no sense."""
