"""Golden files: ``--update-golden`` rewrites them instead of comparing.

Regenerate every golden file with one command (then review the diff before committing)::

    python -m pytest tests/golden --update-golden
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Callable

import pytest

GOLDEN_DIR = Path(__file__).parent / "files"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/files/* from the current renderers instead of comparing.")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str | bytes], None]:
    """``golden(name, content)``: compare ``content`` with ``tests/golden/files/<name>`` (or rewrite it)."""
    update = request.config.getoption("--update-golden")

    def check(name: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = GOLDEN_DIR / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        if not path.exists():
            pytest.fail(f"golden file {path} is missing: run `python -m pytest tests/golden --update-golden` "
                        "and review the new file")
        expected = path.read_bytes()
        if data != expected:
            diff = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                        data.decode("utf-8", "replace").splitlines(),
                                        f"golden/{name}", "rendered", lineterm="")
            shown = "\n".join(list(diff)[:80])
            pytest.fail(f"{name} differs from its golden file. If the change is intended, run "
                        f"`python -m pytest tests/golden --update-golden` and review the diff.\n{shown}",
                        pytrace=False)

    return check
