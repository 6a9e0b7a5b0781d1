"""Rubrics as data: which criteria count, their weights, essential gates, parameters, verdict rule."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping

from attrs import field, frozen

from .errors import Problem, RubricError

DEFAULT_WEIGHTS = {"error": 3.0, "warning": 2.0, "info": 1.0}


def _tuple(value) -> tuple:
    return tuple(value)


@frozen
class Criterion:
    """One criterion of a rubric: a rule id with its weight, gate, severity and parameters."""

    id: str
    weight: float | None = None
    essential: bool = False
    severity: str | None = None
    parameters: Mapping[str, Any] = field(factory=dict)
    guideline: str | None = None


@frozen
class Rubric:
    """A resolved rubric (``extends`` already applied)."""

    id: str
    version: str
    title: str
    criteria: tuple[Criterion, ...] = field(converter=_tuple)
    verdict_rule: str = "severity"
    threshold: float | None = None
    essential_met_at: float = 0.85
    parameters: Mapping[str, Any] = field(factory=dict)
    description: str = ""
    source: str = ""
    licence: str = ""
    extends: str | None = None
    origin: str = ""

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id; ``KeyError`` if the rubric does not have it."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def to_json(self) -> dict[str, Any]:
        """The resolved rubric as plain data (``vetkit rubrics show``)."""
        return {
            "id": self.id, "version": self.version, "title": self.title, "description": self.description,
            "source": self.source, "licence": self.licence, "extends": self.extends,
            "verdict": {"rule": self.verdict_rule, **({"threshold": self.threshold} if self.threshold is not None else {}),
                        "essential_met_at": self.essential_met_at},
            "parameters": dict(self.parameters),
            "criteria": {c.id: {"weight": c.weight, "essential": c.essential, "severity": c.severity,
                                "parameters": dict(c.parameters), **({"guideline": c.guideline} if c.guideline else {})}
                         for c in self.criteria},
        }


def read_rubric_source(source: Any) -> tuple[dict[str, Any], str]:
    """Parse and schema-check a rubric file (path or resource) or mapping: (data, origin).

    Raises :class:`RubricError` for anything wrong, an unreadable file or data that is not JSON included.
    """
    from .errors import InvalidDocument
    from .parsing import from_data, parse, read_bytes
    from .safetext import display_path
    from .schema_errors import translate
    from .schemas import errors as schema_errors

    raw = None
    origin = "<rubric>" if isinstance(source, Mapping) else (
        display_path(source) if isinstance(source, (str, os.PathLike)) else str(source))
    try:
        if isinstance(source, Mapping):
            data, source_map = from_data(source, name=origin).data, None
        else:
            raw = _read(source, origin, read_bytes)
            known = _VALID_RUBRIC_FILES.get(raw)
            if known is not None:  # these very bytes parsed and validated before: the same data, a fresh copy
                return json.loads(known), origin
            document = parse(raw, origin, "yaml")
            data, source_map = document.data, document.source_map
    except RubricError:
        raise
    except InvalidDocument as err:
        raise RubricError(f"{origin}: invalid rubric", err.problems) from None
    problems = []
    for pointer, message, hint in translate(schema_errors("rubric", data)):
        line, column = (source_map.locate(pointer) if source_map else None) or (None, None)
        problems.append(Problem(message, file=origin, line=line, column=column, pointer=pointer, hint=hint,
                                code="rubric"))
    if problems:
        error = RubricError(f"{origin}: invalid rubric", problems)
        error.rubric_id = data.get("id") if isinstance(data, Mapping) else None
        raise error
    if raw is not None:
        if len(_VALID_RUBRIC_FILES) >= 256:
            _VALID_RUBRIC_FILES.clear()
        _VALID_RUBRIC_FILES[raw] = json.dumps(data)
    return data, origin


def _read(source: Any, origin: str, read_bytes) -> bytes:
    """The bytes of a rubric file (a path) or resource (anything with ``read_bytes``)."""
    if not hasattr(source, "read_bytes"):
        return read_bytes(Path(source))
    try:
        return source.read_bytes()
    except OSError as err:
        raise RubricError(f"{origin}: cannot read", [Problem(f"cannot read the file ({err.strerror or err})",
                                                             file=origin, code="io")]) from None


#: Content of valid rubric files -> their data as JSON (see ``vetkit.rules._VALID_RULE_FILES``).
_VALID_RUBRIC_FILES: dict[bytes, str] = {}


def resolve(rubric_id: str, sources: Mapping[str, tuple[dict[str, Any], str]]) -> Rubric:
    """Resolve ``rubric_id`` with its ``extends`` chain; cycles and unknown parents are errors."""
    chain: list[str] = []
    current: str | None = rubric_id
    while current is not None:
        if current in chain:
            cycle = " -> ".join(chain + [current])
            raise RubricError(f"rubric {rubric_id}: `extends` forms a cycle", [Problem(
                f"`extends` forms a cycle: {cycle}", file=sources[chain[-1]][1], pointer="/extends",
                hint="remove `extends` from one of these rubrics", code="rubric")])
        if current not in sources:
            known = ", ".join(sorted(sources)) or "none"
            referrer = chain[-1] if chain else None
            raise RubricError(f"unknown rubric {current!r}", [Problem(
                f"unknown rubric `{current}`" + (f" (extended by `{referrer}`)" if referrer else ""),
                file=sources[referrer][1] if referrer else None, pointer="/extends" if referrer else None,
                hint=f"known rubrics: {known}", code="rubric")])
        chain.append(current)
        current = sources[current][0].get("extends")
    merged: dict[str, dict[str, Any]] = {}
    parameters: dict[str, Any] = {}
    verdict: dict[str, Any] = {"rule": "severity"}
    for rubric in reversed(chain):
        data = sources[rubric][0]
        for removed in data.get("remove", ()):
            merged.pop(removed, None)
        for criterion_id, settings in (data.get("criteria") or {}).items():
            merged[criterion_id] = {**merged.get(criterion_id, {}), **(settings or {})}
        parameters.update(data.get("parameters") or {})
        if "verdict" in data:
            verdict = dict(data["verdict"])
    data, origin = sources[rubric_id]
    criteria = [Criterion(criterion_id, settings.get("weight"), settings.get("essential", False),
                          settings.get("severity"), dict(settings.get("parameters") or {}), settings.get("guideline"))
                for criterion_id, settings in merged.items()]
    return Rubric(id=data["id"], version=data["version"], title=data["title"], criteria=criteria,
                  verdict_rule=verdict["rule"], threshold=verdict.get("threshold"),
                  essential_met_at=verdict.get("essential_met_at", 0.85), parameters=parameters,
                  description=data.get("description", ""), source=data.get("source", ""),
                  licence=data.get("licence", ""), extends=data.get("extends"), origin=origin)


def check_rules(rubric: Rubric, known: Iterable[str], *, unavailable: Iterable[str] = ()) -> None:
    """Raise :class:`RubricError` for criteria that no plugin provides.

    When some plugins failed or are blocked (``unavailable`` names them) missing rules are
    not an error here: they are reported as ``error`` outcomes in the run instead.
    """
    known = set(known)
    missing = [c.id for c in rubric.criteria if c.id not in known]
    if missing and not list(unavailable):
        from .rules import similar_rule_id

        def hint(rule_id: str) -> str:
            typo = similar_rule_id(rule_id, known)
            return f"did you mean `{typo}`?" if typo else "see `vetkit rules` for the rules installed"

        raise RubricError(f"rubric {rubric.id}: unknown rule ids", [Problem(
            f"rubric `{rubric.id}` names rule `{rule_id}`, which no installed plugin provides",
            file=rubric.origin, pointer=f"/criteria/{rule_id}", code="rubric",
            hint=hint(rule_id))
            for rule_id in missing])
