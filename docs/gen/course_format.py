"""Generate the course-format reference from schemas/course.schema.json: one page per object.

Run by the MkDocs hook (docs/gen/hooks.py) at build time, so the pages always describe the
schema vetkit validates with; the pages are never written into docs/. To read them without
building the site: ``python docs/gen/course_format.py OUTDIR``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

SECTION = "course-format"


def load_schema() -> dict[str, Any]:
    """The course schema vetkit validates with (the installed package's copy)."""
    from vetkit.schemas import schema_text

    return json.loads(schema_text("course"))


def _slug(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _is_object(definition: dict[str, Any]) -> bool:
    return definition.get("type") == "object" and "properties" in definition


def _code(value: Any) -> str:
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


class CourseFormat:
    """The schema and the page each definition is documented on."""

    def __init__(self, schema: dict[str, Any]):
        self.schema = schema
        self.defs: dict[str, dict[str, Any]] = schema.get("$defs", {})
        self.objects = [name for name, definition in self.defs.items() if _is_object(definition)]
        self.used_in = self._references()

    def link(self, name: str) -> str:
        """A Markdown link to the documentation of ``$defs/name`` (from a page in this section)."""
        if name in self.objects:
            return f"[{name}]({_slug(name)}.md)"
        return f"[{name}](types.md#{_slug(name)})"

    def type_of(self, node: dict[str, Any]) -> str:
        """A short description of a property's type, with links."""
        if "$ref" in node:
            return self.link(node["$ref"].rsplit("/", 1)[-1])
        if "const" in node:
            return _code(node["const"])
        if "enum" in node:
            return " \\| ".join(_code(value) for value in node["enum"])
        kind = node.get("type")
        if kind == "array":
            items = node.get("items", {})
            return f"array of {self.type_of(items)}" if items else "array"
        if kind == "object" and "additionalProperties" in node and isinstance(node["additionalProperties"], dict):
            return f"object of {self.type_of(node['additionalProperties'])}"
        if isinstance(kind, list):
            return " or ".join(kind)
        if "anyOf" in node or "oneOf" in node:
            return " or ".join(self.type_of(option) for option in node.get("anyOf", node.get("oneOf", [])))
        return kind or "any"

    def constraints(self, node: dict[str, Any]) -> str:
        """Limits worth telling a writer: lengths, ranges, patterns, uniqueness, defaults."""
        notes = []
        for key, label in (("minItems", "at least {} item(s)"), ("maxItems", "at most {} item(s)"),
                           ("minimum", "≥ {}"), ("maximum", "≤ {}"), ("minLength", "at least {} character(s)"),
                           ("maxLength", "at most {} characters"), ("default", "default {}")):
            if key in node:
                value = node[key] if key != "default" else _code(node[key])
                notes.append(label.format(value))
        if node.get("uniqueItems"):
            notes.append("no duplicates")
        if "pattern" in node:
            notes.append(f"matches `{node['pattern']}`")
        if "format" in node:
            notes.append(f"format {node['format']}")
        return "; ".join(notes)

    def _references(self) -> dict[str, list[str]]:
        used: dict[str, list[str]] = {}

        def walk(node: Any, owner: str) -> None:
            if isinstance(node, dict):
                if "$ref" in node:
                    target = node["$ref"].rsplit("/", 1)[-1]
                    if owner not in used.setdefault(target, []):
                        used[target].append(owner)
                for value in node.values():
                    walk(value, owner)
            elif isinstance(node, list):
                for value in node:
                    walk(value, owner)

        walk(self.schema.get("properties", {}), "Course")
        for name, definition in self.defs.items():
            walk(definition, name)
        return used

    def fields_table(self, definition: dict[str, Any]) -> str:
        required = set(definition.get("required", ()))
        rows = ["| field | type | required | description |", "|---|---|---|---|"]
        for field, node in definition.get("properties", {}).items():
            description = node.get("description") or self.defs.get(node.get("$ref", "").rsplit("/", 1)[-1], {}).get(
                "description", "")
            extra = self.constraints(node)
            text = _cell(description) + (f" ({_cell(extra)})" if extra else "")
            rows.append(f"| `{field}` | {self.type_of(node)} | {'yes' if field in required else ''} | {text} |")
        return "\n".join(rows)

    def open_keys(self, definition: dict[str, Any]) -> str:
        patterns = definition.get("patternProperties", {})
        lines = []
        if "^x-" in patterns:
            lines.append("Keys starting with `x-` are allowed and ignored by vetkit (your own annotations).")
        if definition.get("additionalProperties") is False:
            lines.append("Any other key is an error, so that a typo cannot pass silently.")
        return " ".join(lines)

    def object_page(self, name: str, definition: dict[str, Any], title: str) -> str:
        parts = [f"# {title}", "", _cell(definition.get("description", "")), ""]
        users = self.used_in.get(name, [])
        if users:
            parts += ["Used in: " + ", ".join(self.link(user) if user != "Course" else "[Course](course.md)"
                                              for user in users) + ".", ""]
        parts += [self.fields_table(definition), ""]
        openness = self.open_keys(definition)
        if openness:
            parts += [openness, ""]
        if "if" in definition and "then" in definition:
            parts += ["Some fields depend on others: see `vetkit schema course` for the exact conditions.", ""]
        for example in definition.get("examples", [])[:1]:
            parts += ["Example:", "", "```json", json.dumps(example, indent=2, ensure_ascii=False), "```", ""]
        return "\n".join(parts)

    def types_page(self) -> str:
        parts = ["# Value types", "",
                 "Identifiers, dates, tags and other values that the objects of a course share.", ""]
        for name, definition in self.defs.items():
            if name in self.objects:
                continue
            parts += [f"## {name} {{#{_slug(name)}}}", "", _cell(definition.get("description", "")), ""]
            facts = [f"Type: {self.type_of({k: v for k, v in definition.items() if k != 'examples'})}."]
            extra = self.constraints(definition)
            if extra:
                facts.append(f"Constraints: {extra}.")
            if definition.get("examples"):
                shown = ", ".join(f"`{value}`" for value in definition["examples"])
                facts.append(f"Known values (plugins may add more): {shown}.")
            users = self.used_in.get(name, [])
            if users:
                facts.append("Used in: " + ", ".join(self.link(user) if user != "Course" else "[Course](course.md)"
                                                     for user in users) + ".")
            parts += [" ".join(facts), ""]
        return "\n".join(parts)

    def pages(self) -> dict[str, tuple[str, str]]:
        """``{path: (nav title, markdown)}``: the top level, one page per object, the value types."""
        pages = {f"{SECTION}/course.md": ("Course (top level)", self.object_page("Course", self.schema,
                                                                               "Course (top level)"))}
        for name in self.objects:
            pages[f"{SECTION}/{_slug(name)}.md"] = (name, self.object_page(name, self.defs[name], name))
        pages[f"{SECTION}/types.md"] = ("Value types", self.types_page())
        return pages


def pages() -> dict[str, tuple[str, str]]:
    """The generated course-format pages: ``{path: (nav title, markdown)}``."""
    return CourseFormat(load_schema()).pages()


if __name__ == "__main__":  # pragma: no cover - preview: python docs/gen/course_format.py OUTDIR
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "course-format-preview")
    for path, (_, text) in pages().items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
        print(out / path)
