"""Fixtures for the import tests: source files written under tmp_path, built once per session."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

import sources

BUILDERS = {
    "deck.pptx": sources.deck,
    "sections.pptx": lambda: sources.deck(sections=True),
    "plan.docx": sources.plan,
    "handout.pdf": sources.pdf,
    "dispatch.md": lambda: sources.MARKDOWN.encode("utf-8"),
    "interpreters.html": lambda: sources.HTML.encode("utf-8"),
    "course.imscc": sources.cartridge,
    "scorm12.zip": sources.scorm,
    "scorm2004.zip": lambda: sources.scorm("2004"),
}


@lru_cache(maxsize=None)
def built(name: str) -> bytes:
    """The bytes of one fixture file (built once)."""
    return BUILDERS[name]()


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``source(name)`` writes the fixture file ``name`` into the (current) test folder and returns its name."""
    monkeypatch.chdir(tmp_path)

    def write(name: str, content: bytes | None = None) -> str:
        (tmp_path / name).write_bytes(built(name) if content is None else content)
        return name

    return write
