"""Course: a read-only view over a validated course document."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from attrs import frozen

from . import pointers
from .errors import Problem
from .integrity import addressable
from .provenance import Origin, origin_at
from .sourcemap import SourceMap

_SCALARS = frozenset({str, int, float, bool, type(None)})


def freeze(value: Any) -> Any:
    """A deep read-only copy: mappings become proxies, lists become tuples."""
    kind = type(value)
    if kind in _SCALARS:  # the common case first, without isinstance
        return value
    if kind is dict or isinstance(value, dict):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if kind is list or isinstance(value, list):
        return tuple([freeze(item) for item in value])
    return value


def thaw(value: Any) -> Any:
    """Plain dicts and lists again (for JSON output and editing)."""
    kind = type(value)
    if kind in _SCALARS:  # exact scalar types are never a Mapping or a tuple: skip the ABC check
        return value
    if kind is MappingProxyType or kind is dict or isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if kind is tuple or isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value


def _json_default(value: Any) -> Any:
    """Serialise the frozen form as :func:`thaw` would: mappings as objects (tuples are lists already)."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _frozen_at(frozen: Mapping[str, Any], pointer: str) -> Any:
    """The frozen counterpart of the object :func:`~vetkit.integrity.addressable` found at ``pointer``.

    Its pointers are plain member names and list indexes of containers that exist, so this
    is ``pointers.resolve`` without the escaping and checks (``Course.get`` gives the same).
    """
    node: Any = frozen
    for token in pointer[1:].split("/"):
        node = node[int(token)] if type(node) is tuple else node[token]
    return node


@frozen
class TextField:
    """One learner-facing text of the course.

    ``field`` names the kind of text with array indexes dropped, e.g. ``modules.text``,
    ``assessments.items.choices.text`` or ``materials.file`` (a material file's contents).
    """

    pointer: str
    text: str
    field: str


@frozen
class Entry:
    """An addressable object of the course with its pointer and kind."""

    pointer: str
    kind: str
    value: Mapping[str, Any]


#: Text fields scanned for each kind of object (vetting guidelines §4.0, and a few more).
_TEXT_KEYS = {
    "": ("title", "description", "purpose"),
    "objectives": ("text", "condition", "criterion"),
    "modules": ("title", "summary", "text"),
    "activities": ("title", "description", "text"),
    "assessments": ("title", "remediation"),
    "assessments.items": ("prompt", "answer", "rationale"),
    "assessments.items.choices": ("text", "feedback"),
    "materials": ("title", "text", "description", "altText", "caption", "transcript"),
    "glossary": ("term", "definition"),
    "statistics": ("claim",),
    "references": ("title",),
    "resources": ("name", "available"),
    "safeguards.advisories": ("text",),
}


class Course:
    """A validated course document, read-only, with lookups by id and a text index."""

    def __init__(self, data: Mapping[str, Any], *, name: str = "<data>",
                 source_map: SourceMap | None = None, material_texts: Mapping[str, str] | None = None,
                 warnings: tuple[Problem, ...] = (), raw: bytes | None = None, format: str = "json",
                 base_dir: str | None = None):
        self.data: Mapping[str, Any] = freeze(dict(data))
        self.name = name
        self.format = format
        self.base_dir = base_dir
        self.warnings = warnings
        self._source_map = source_map or SourceMap()
        self._material_texts = dict(material_texts or {})
        self._raw = raw
        self._plain: Mapping[str, Any] | None = None  # set by the loader when it owns ``data`` (see sha256)
        self._index = {obj["id"]: Entry(pointer, kind, _frozen_at(self.data, pointer))
                       for pointer, kind, obj in addressable(data) if isinstance(obj.get("id"), str)}

    def __repr__(self) -> str:
        return f"<Course {self.id} v{self.version} from {self.name}>"

    @property
    def id(self) -> str:
        """The course code."""
        return self.data["id"]

    @property
    def title(self) -> str:
        """The course title."""
        return self.data["title"]

    @property
    def version(self) -> str:
        """The course's own version string."""
        return self.data["version"]

    @cached_property
    def sha256(self) -> str:
        """Hash of the document's canonical JSON: the same for its JSON and YAML forms."""
        if self._plain is not None:  # the loader's private copy of the parsed data: thaw(self.data), exactly
            canonical = json.dumps(self._plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        else:  # the same text as json.dumps(thaw(self.data), ...), without building the thawed copy first
            canonical = json.dumps(self.data, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                                   default=_json_default)
        return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()  # any str hashes

    def get(self, pointer: str, default: Any = None) -> Any:
        """The value at a JSON Pointer, or ``default``."""
        try:
            return pointers.resolve(self.data, pointer)
        except KeyError:
            return default

    def entries(self, collection: str) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """(pointer, object) for each member of a top-level list such as ``modules``."""
        for index, value in enumerate(self.data.get(collection, ())):
            yield f"/{collection}/{index}", value

    def items(self) -> Iterator[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
        """(pointer, item, assessment) for every assessment item."""
        for pointer, assessment in self.entries("assessments"):
            for index, item in enumerate(assessment.get("items", ())):
                yield f"{pointer}/items/{index}", item, assessment

    def by_id(self, identifier: str) -> Entry | None:
        """The objective, module, item, resource... with this id."""
        return self._index.get(identifier)

    def ids(self, kind: str) -> list[str]:
        """Every id of one kind (``objective``, ``module``, ``advisory``...)."""
        return [identifier for identifier, entry in self._index.items() if entry.kind == kind]

    def material_text(self, pointer: str) -> str | None:
        """The contents of the file a material points to, given the material's pointer."""
        return self._material_texts.get(f"{pointer}/file")

    def locate(self, pointer: str) -> tuple[int, int] | None:
        """1-based (line, column) of a pointer in the source text, where known."""
        return self._source_map.locate(pointer)

    def origin(self, pointer: str, offset: int | None = None) -> Origin | None:
        """The place in an original file (``deck.pptx, slide 7 (notes)``) that imported text came from."""
        return origin_at(self.data, pointer, offset)

    @cached_property
    def _texts(self) -> tuple[TextField, ...]:
        return tuple(self._collect_texts())

    def texts(self) -> tuple[TextField, ...]:
        """Every learner-facing text field, collected once, grouped by kind of object."""
        return self._texts

    def _collect_texts(self) -> Iterator[TextField]:
        for key in _TEXT_KEYS[""]:
            if isinstance(self.data.get(key), str):
                yield TextField(f"/{key}", self.data[key], key)
        for index, text in enumerate(self.data.get("prerequisites", ())):
            yield TextField(f"/prerequisites/{index}", text, "prerequisites")
        for group, keys in _TEXT_KEYS.items():
            if not group:
                continue
            for pointer, obj in pointers.objects_at(self.data, group.split(".")):
                for key in keys:
                    value = obj.get(key)
                    if isinstance(value, str):
                        yield TextField(f"{pointer}/{key}", value, f"{group}.{key}")
                if group == "modules":
                    yield from self._outline(obj.get("outline", ()), f"{pointer}/outline")
                elif group == "activities" and isinstance(obj.get("debrief"), Mapping):
                    guide = obj["debrief"].get("facilitatorGuide")
                    if isinstance(guide, str):
                        yield TextField(f"{pointer}/debrief/facilitatorGuide", guide, "activities.debrief.facilitatorGuide")
                elif group == "materials" and f"{pointer}/file" in self._material_texts:
                    yield TextField(f"{pointer}/file", self._material_texts[f"{pointer}/file"], "materials.file")
        safeguards = self.data.get("safeguards", {})
        for key in ("optOut", "facilitatorPreparation"):
            if isinstance(safeguards.get(key), str):
                yield TextField(f"/safeguards/{key}", safeguards[key], f"safeguards.{key}")


    def _outline(self, nodes, pointer: str) -> Iterator[TextField]:
        for index, node in enumerate(nodes):
            here = f"{pointer}/{index}"
            if isinstance(node.get("title"), str):
                yield TextField(f"{here}/title", node["title"], "modules.outline.title")
            yield from self._outline(node.get("children", ()), f"{here}/children")
