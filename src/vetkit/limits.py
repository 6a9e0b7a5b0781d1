"""Bounds on what vetkit reads, and the located problems that say one was passed."""

from __future__ import annotations

from attrs import frozen

from .errors import Problem

MIB = 1024 * 1024


@frozen
class Limits:
    """Bounds on what vetkit will read. Every one has a clear error when exceeded."""

    max_bytes: int = 20 * MIB  #: bytes of a document file
    max_depth: int = 64  #: levels of nesting
    max_nodes: int = 100_000  #: values of a document: objects, lists, strings, numbers...
    max_string_length: int = 2 * MIB  #: characters of one string
    max_number_length: int = 100  #: characters of one number as written
    max_alias_nodes: int = 10_000  #: values YAML aliases may add
    max_expanded_chars: int = 20 * MIB  #: characters of text once YAML aliases are expanded
    max_material_bytes: int = 2 * MIB  #: bytes of one material file
    max_material_total_bytes: int = 20 * MIB  #: bytes of all the material files of a course together


DEFAULT_LIMITS = Limits()


def too_many_values(name: str, limits: Limits, line: int | None, column: int | None, pointer: str) -> Problem:
    """The problem for the first value past ``limits.max_nodes``."""
    return Problem(f"the document has more than {limits.max_nodes:,} values (objects, lists, strings, numbers)",
                   file=name, line=line, column=column, pointer=pointer, code="limit",
                   hint="split the course, or move long lists into material files")


def too_long_string(name: str, length: int, limits: Limits, line: int | None, column: int | None,
                    pointer: str) -> Problem:
    """The problem for a string longer than ``limits.max_string_length``."""
    return Problem(f"a string of {length:,} characters; the limit is {limits.max_string_length:,}",
                   file=name, line=line, column=column, pointer=pointer, code="limit",
                   hint="move long text into a material file, or split it")


def too_long_number(name: str, length: int | None, limits: Limits, line: int | None, column: int | None,
                    pointer: str | None = None) -> Problem:
    """The problem for a number written with more characters than ``limits.max_number_length``."""
    limit = limits.max_number_length
    message = (f"a number written with {length:,} characters; the limit is {limit}" if length is not None
               else f"a number of more than {limit} digits, over the limit")
    return Problem(message, file=name, line=line, column=column, pointer=pointer, code="limit",
                   hint="course numbers are minutes, years and counts: write a shorter number, or a string")
