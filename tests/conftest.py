"""Shared fixtures: a minimal course, the examples folder, file writing and the CLI runner."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from browser import browser  # noqa: F401 (headless Chromium for the HTML tests)
from engine_helpers import MINIMAL_COURSE

EXAMPLES_DIR = Path(__file__).parents[1] / "docs" / "examples"


@pytest.fixture
def minimal_course() -> dict:
    """A fresh deep copy of the minimal valid course, safe to mutate."""
    return copy.deepcopy(MINIMAL_COURSE)


@pytest.fixture
def examples_dir() -> Path:
    """The folder of example course documents shipped in docs/examples."""
    return EXAMPLES_DIR


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """A function ``write(name, content)`` that writes text (UTF-8, as is) or bytes under tmp_path."""

    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write_file


@pytest.fixture
def cli() -> Callable[..., Result]:
    """A function ``cli(*args)`` that runs ``vetkit`` in-process; stdout and stderr are kept apart."""
    from vetkit.cli import main

    runner = CliRunner()

    def run(*args: object) -> Result:
        return runner.invoke(main, [str(arg) for arg in args])

    return run
