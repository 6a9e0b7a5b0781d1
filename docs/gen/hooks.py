"""MkDocs hooks (``hooks:`` in mkdocs.yml): generate the reference pages when the site is built.

Five references are generated and never written into docs/, so no stale copy can be
committed:

- the course format, from ``schemas/course.schema.json`` (course_format.py): a page per object;
- the criteria, from the installed rules' metadata (criteria.py): a page per category;
- the command line, from the Click commands (cli_reference.py);
- the tag glossary, from the topic-evidence profiles (tags.py);
- the bibliography, from ``vetkit/data/sources.yaml`` (sources.py).

``on_config`` adds the generated pages to the navigation, after the hand-written entry of their
section (``course-format/index.md``, ``criteria/index.md``); ``on_files`` adds their content.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


def _sibling(name: str):
    """A generator module of this folder, imported by path (docs/gen is not a package)."""
    spec = importlib.util.spec_from_file_location(f"vetkit_docs_{name}", Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


course_format = _sibling("course_format")
criteria = _sibling("criteria")
cli_reference = _sibling("cli_reference")
tags = _sibling("tags")
sources = _sibling("sources")

#: nav entry after which each generator's pages are listed (None: the page is in nav by path).
SECTIONS = {"course-format/index.md": course_format, "criteria/index.md": criteria}


@lru_cache(maxsize=1)
def generated() -> dict[str, tuple[str, str]]:
    """Every generated page: ``{path: (nav title, markdown)}``."""
    pages: dict[str, tuple[str, str]] = {}
    for module in (course_format, criteria, cli_reference, tags, sources):
        pages.update(module.pages())
    return pages


def _expand(nav):
    """The nav with each section's generated pages inserted after its index entry."""
    if isinstance(nav, list):
        expanded = []
        for item in nav:
            expanded.append(_expand(item))
            target = item if isinstance(item, str) else None
            if isinstance(item, dict) and len(item) == 1:
                value = next(iter(item.values()))
                target = value if isinstance(value, str) else None
            if target in SECTIONS:
                prefix = target.rsplit("/", 1)[0] + "/"
                expanded += [{title: path} for path, (title, _) in generated().items()
                             if path.startswith(prefix) and path != target]
        return expanded
    if isinstance(nav, dict):
        return {key: _expand(value) for key, value in nav.items()}
    return nav


def on_config(config, **kwargs):
    generated.cache_clear()  # `mkdocs serve` rebuilds: pick up changed rules and schemas
    config["nav"] = _expand(config["nav"])
    return config


def on_files(files, config, **kwargs):
    from mkdocs.structure.files import File

    for path, (_, text) in generated().items():
        if files.get_file_from_path(path) is not None:
            raise RuntimeError(f"docs/{path} is generated at build time; delete the committed copy")
        files.append(File.generated(config, path, content=text))
    return files
