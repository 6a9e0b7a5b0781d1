"""Loading a course: read, parse, validate against the schema, check integrity, build a Course."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from attrs import frozen

from . import integrity, jurisdictions, parsing, placeholders
from .course import Course
from .errors import InvalidCourse, InvalidDocument, Problem
from .parsing import DEFAULT_LIMITS, Document, Limits
from .safetext import display_path
from .schema_errors import translate
from .schemas import errors as schema_errors
from .vocabulary import Vocabulary, builtin_vocabulary



@frozen
class Validation:
    """The outcome of validating one course document."""

    name: str
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    course: Course | None

    @property
    def valid(self) -> bool:
        """True when the document has no errors (warnings allowed)."""
        return not self.errors

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Errors and warnings together, in source order."""
        return tuple(sorted(self.errors + self.warnings, key=_order))


def read_document(source: Any, *, limits: Limits = DEFAULT_LIMITS, format: str | None = None,
                  name: str | None = None) -> Document:
    """Parse a path, bytes or in-memory data into a :class:`Document` (no schema check).

    Anything that is not a path or bytes is in-memory data: a mapping is a course document, and
    any other value is refused by the schema (or, if it is not JSON data, at its pointer).
    ``name`` is what problems of in-memory data name (default ``<data>``), such as the file a
    plugin read it from.
    """
    if isinstance(source, (bytes, bytearray)):
        return parsing.parse(bytes(source), "<bytes>", format, limits)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        return parsing.parse(parsing.read_bytes(path, limits), display_path(source), format, limits)
    return parsing.from_data(source, limits, name or "<data>")


def validate(source: Any, *, limits: Limits = DEFAULT_LIMITS, vocabulary: Vocabulary | None = None,
             base_dir: str | os.PathLike[str] | None = None, format: str | None = None,
             name: str | None = None) -> Validation:
    """Validate a course document and report every problem at once; never raises for bad input.

    ``name`` is what problems of in-memory data name (see :func:`read_document`).
    """
    try:
        document = read_document(source, limits=limits, format=format, name=name)
    except InvalidDocument as err:
        name = display_path(source) if isinstance(source, (str, os.PathLike)) else (
            "<bytes>" if isinstance(source, (bytes, bytearray)) else name or "<data>")
        return Validation(name, err.problems, (), None)
    if base_dir is None and isinstance(source, (str, os.PathLike)):
        base_dir = Path(source).parent
    return _check(document, limits=limits, vocabulary=vocabulary, base_dir=base_dir)


def _check(document: Document, *, limits: Limits, vocabulary: Vocabulary | None,
           base_dir: str | os.PathLike[str] | None) -> Validation:
    """Schema, integrity and material-file checks on a parsed document."""
    vocabulary = vocabulary or builtin_vocabulary()
    data = document.data

    def located(pointer: str, message: str, hint: str | None, code: str, severity: str = "error") -> Problem:
        line, column = document.source_map.locate(pointer) or (None, None)
        return Problem(message, file=document.name, line=line, column=column, pointer=pointer,
                       hint=hint, severity=severity, code=code)

    shorthand = jurisdictions.normalise(data)
    codes = {pointer for pointer, _, _ in shorthand}
    problems = [located(pointer, message, hint, "schema")
                for pointer, message, hint in translate(schema_errors("course", data))
                if not any(pointer == code or pointer.startswith(code + "/") for code in codes)]
    problems += [located(pointer, message, hint, "jurisdiction") for pointer, message, hint in shorthand]
    for issue in integrity.check(data, vocabulary):
        problems.append(located(issue.pointer, issue.message, issue.hint, issue.code, issue.severity))
    if not document.raw or placeholders.PREFIX.encode() in document.raw:
        holes = dict(placeholders.find(data))
        problems = [p for p in problems if not placeholders.covers(p.pointer or "", holes)]
        problems += [located(pointer, f"fill in {placeholders.field_label(pointer)}: {what}",
                             "replace the FILL IN text with the course's own value", "placeholder")
                     for pointer, what in holes.items()]
    material_texts: dict[str, str] = {}
    if isinstance(data, dict):
        for pointer, message, hint, text in _material_files(data, base_dir, limits):
            if text is None:
                problems.append(located(pointer, message, hint, "material-file"))
            else:
                material_texts[pointer] = text
    errors = tuple(sorted((p for p in problems if p.severity == "error"), key=_order))
    warnings = tuple(sorted((p for p in problems if p.severity != "error"), key=_order))
    course = None
    if not errors:
        course = Course(data, name=document.name, source_map=document.source_map, material_texts=material_texts,
                        warnings=warnings, raw=document.raw, format=document.format,
                        base_dir=str(base_dir) if base_dir is not None else None)
        course._plain = data  # the parsed data is private to this course: it hashes it without thawing
    return Validation(document.name, errors, warnings, course)


def load_course(source: Any, *, limits: Limits = DEFAULT_LIMITS, vocabulary: Vocabulary | None = None,
                base_dir: str | os.PathLike[str] | None = None, format: str | None = None,
                name: str | None = None) -> Course:
    """Load and validate a course from a path, bytes or a mapping.

    Raises :class:`~vetkit.errors.InvalidCourse` listing every problem found. ``name`` is what
    problems of in-memory data name (see :func:`read_document`).
    """
    if isinstance(source, Course):
        return source
    result = validate(source, limits=limits, vocabulary=vocabulary, base_dir=base_dir, format=format, name=name)
    if result.errors:
        count = len(result.errors)
        raise InvalidCourse(f"{result.name}: {count} problem{'s' if count != 1 else ''} found",
                            result.errors, result.warnings)
    assert result.course is not None
    return result.course


def _material_files(data: dict, base_dir, limits: Limits):
    """(pointer, message, hint, text) per material file: text on success, message otherwise."""
    materials = data.get("materials")
    if not isinstance(materials, list):
        return
    total = 0
    for index, material in enumerate(materials):
        if not isinstance(material, dict) or not isinstance(material.get("file"), str):
            continue
        pointer = f"/materials/{index}/file"
        relative = material["file"]
        if base_dir is None:
            yield (pointer, f"cannot read material file `{relative}`: the course was not loaded from a file",
                   "pass base_dir= (the folder the course lives in) or put the text inline", None)
            continue
        base = Path(base_dir).resolve()
        try:
            target = (base / relative).resolve()
            escapes = Path(relative).is_absolute() or not target.is_relative_to(base)
            exists = not escapes and target.is_file()
        except (OSError, ValueError) as error:
            yield pointer, f"material file `{relative[:80]}` cannot be read ({error})", "use a plain relative path", None
            continue
        if escapes:
            yield (pointer, f"material file `{relative}` is outside the course's folder",
                   "keep material files in the course's folder or below it", None)
            continue
        if not exists:
            yield pointer, f"material file `{relative}` not found", f"looked for {target}", None
            continue
        size = target.stat().st_size
        if size > limits.max_material_bytes:
            yield (pointer, f"material file `{relative}` is {size:,} bytes, over the limit of "
                            f"{limits.max_material_bytes:,}", "split it or summarise it inline", None)
            continue
        total += size
        if total > limits.max_material_total_bytes:
            yield (pointer, f"material file `{relative}` brings the material files to {total:,} bytes, over the "
                            f"limit of {limits.max_material_total_bytes:,} for all of them",
                   "summarise some materials inline, or split the course", None)
            return
        try:
            yield pointer, "", None, parsing.decode(target.read_bytes(), relative)
        except InvalidDocument as err:
            yield pointer, f"material file `{relative}`: {err.problems[0].message}", err.problems[0].hint, None


def _order(problem: Problem):
    return (problem.file or "", problem.line or 0, problem.column or 0, problem.pointer or "", problem.message)
