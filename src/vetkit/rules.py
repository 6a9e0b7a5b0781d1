"""Rules: metadata as data (one YAML file per rule) plus a check loaded only when it runs."""

from __future__ import annotations

import json
from importlib import import_module
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from attrs import field, frozen

from .errors import InvalidDocument, Problem

#: Category of each criterion prefix of the vetting guidelines (§1.1).
CATEGORIES: Mapping[str, tuple[str, str]] = {
    "TI": ("trauma-informed", "Trauma-informed and victim-centered content"),
    "AC": ("accuracy", "Accuracy and currency"),
    "CV": ("coverage", "Coverage of trafficking forms, victims and traffickers"),
    "AU": ("audience", "Audience fit"),
    "LO": ("learning", "Learning objectives and learning checks"),
    "DV": ("development", "Development process and instructors"),
    "DM": ("delivery", "Delivery, materials and media"),
    "EV": ("evaluation", "Evaluation and continuous improvement"),
    "RR": ("resources", "Resources and referrals"),
    "LF": ("legal", "Legal framework"),
}

def _tuple(value) -> tuple:
    return (value,) if isinstance(value, str) else tuple(value or ())


@frozen
class Example:
    """A course fragment (top-level keys laid over the base course) and the outcome it must get."""

    name: str
    expect: str
    course: Mapping[str, Any]
    pointers: tuple[str, ...] = field(default=(), converter=_tuple)


@frozen
class Rule:
    """A criterion's metadata and a reference to its check.

    ``check`` is ``"module:function"`` or a callable; it is imported only when the rule runs,
    so listing and explaining rules never imports check code. A rule without a check is a
    reviewer question (method ``manual``). ``lexicons`` names the lexicons and phrase sets the
    check reads: the engine hands it exactly those, and reports the rule unavailable before
    scoring when one of them is not registered. ``detectors`` names the families of concept
    detectors it reads (:func:`vetkit.kit.concept_part`), checked the same way.
    """

    id: str
    title: str
    severity: str
    method: tuple[str, ...] = field(converter=_tuple)
    rationale: str
    how_to_fix: str
    category: str = ""
    proxy: bool = False
    question: str | None = None
    evidence: str | None = None
    sources: tuple[str, ...] = field(default=(), converter=_tuple)
    lexicons: tuple[str, ...] = field(default=(), converter=_tuple)
    detectors: tuple[str, ...] = field(default=(), converter=_tuple)
    parameters: Mapping[str, Any] = field(factory=dict)
    lifecycle: str = "stable"
    check: str | Callable | None = None
    examples: tuple[Example, ...] = field(default=(), converter=_tuple)
    plugin: str = ""
    path: str | None = None

    @property
    def category_title(self) -> str:
        """The category's human name."""
        for slug, title in CATEGORIES.values():
            if slug == self.category:
                return title
        return self.category.replace("-", " ").capitalize()

    @property
    def manual(self) -> bool:
        """True when only a reviewer can decide this criterion."""
        return self.check is None

    def load_check(self) -> Callable:
        """Import and return the check function."""
        if callable(self.check):
            return self.check
        if not isinstance(self.check, str) or ":" not in self.check:
            raise ValueError(f"rule {self.id} has no check to run")
        module_name, _, function_name = self.check.partition(":")
        return getattr(import_module(module_name), function_name)


def rule_from_mapping(raw: Mapping[str, Any], *, plugin: str = "", path: str | None = None) -> Rule:
    """Build a :class:`Rule` from its (already validated) YAML mapping."""
    prefix = raw["id"].split("-")[0]
    category = raw.get("category") or CATEGORIES.get(prefix, (prefix.lower(), ""))[0]
    examples = [Example(e["name"], e["expect"], e.get("course", {}), e.get("pointers", ()))
                for e in raw.get("examples", ())]
    return Rule(id=raw["id"], title=raw["title"], severity=raw["severity"], method=raw["method"],
                rationale=raw["rationale"], how_to_fix=raw["how_to_fix"], category=category,
                proxy=raw.get("proxy", False), question=raw.get("question"), evidence=raw.get("evidence"),
                sources=raw.get("sources", ()), lexicons=raw.get("lexicons", ()),
                detectors=raw.get("detectors", ()),
                parameters=dict(raw.get("parameters", {})),
                lifecycle=raw.get("lifecycle", "stable"), check=raw.get("check"), examples=examples,
                plugin=plugin, path=path)


def load_rules(folder: Traversable | Path | str, *, plugin: str = "") -> list[Rule]:
    """Every ``*.yaml`` rule file in ``folder``, validated against the rule schema, by id.

    Raises :class:`~vetkit.errors.InvalidDocument` naming the file and the problem.
    """
    from .parsing import parse
    from .schema_errors import translate
    from .schemas import errors as schema_errors

    folder = Path(folder) if isinstance(folder, str) else folder
    rules: list[Rule] = []
    problems: list[Problem] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith((".yaml", ".yml")):
            continue
        name = str(entry)
        raw = entry.read_bytes()
        known = _VALID_RULE_FILES.get(raw)
        if known is not None:  # these very bytes parsed and validated before: the same data, a fresh copy
            rules.append(rule_from_mapping(json.loads(known), plugin=plugin, path=name))
            continue
        document = parse(raw, name, "yaml")
        errors = list(translate(schema_errors("rule", document.data)))
        for pointer, message, hint in errors:
            line, column = document.source_map.locate(pointer) or (None, None)
            problems.append(Problem(message, file=name, line=line, column=column, pointer=pointer, hint=hint,
                                    code="rule"))
        if not errors:
            _remember(_VALID_RULE_FILES, raw, document.data)
            rules.append(rule_from_mapping(document.data, plugin=plugin, path=name))
    if problems:
        raise InvalidDocument(f"{folder}: invalid rule metadata", problems)
    return sorted(rules, key=lambda rule: rule.id)


#: Content of valid rule files -> their data as JSON. Every Engine loads every plugin's rules;
#: the YAML parse and schema check are done once per process for each distinct file content
#: (keyed by the bytes themselves, so an edited file is parsed afresh). JSON gives each caller
#: its own copy of the data, exactly as parsed (YAML data here is JSON data).
_VALID_RULE_FILES: dict[bytes, str] = {}
_CACHE_LIMIT = 2048


def _remember(cache: dict[bytes, str], raw: bytes, data: Any) -> None:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[raw] = json.dumps(data)


def rule_sort_key(rule_id: str) -> tuple:
    """Sort ids by category prefix, then number: TI-02 before TI-10."""
    prefix, _, number = rule_id.partition("-")
    return (prefix, int(number) if number.isdigit() else 0, rule_id)


def similar_rule_id(rule_id: str, known: Iterable[str]) -> str | None:
    """A known id that ``rule_id`` is likely a typo of: same letters and digits, or swapped digits."""
    def normal(value: str) -> str:
        return "".join(char for char in value.upper() if char.isalnum())

    wanted = normal(rule_id)
    prefix = "".join(char for char in wanted if char.isalpha())
    digits = sorted(char for char in wanted if char.isdigit())
    for candidate in sorted(known):
        other = normal(candidate)
        if other == wanted:
            return candidate
        if (other.rstrip("0123456789") == prefix and sorted(c for c in other if c.isdigit()) == digits
                and candidate != rule_id):
            return candidate
    return None

