"""The built wheel works on its own: installed in a fresh venv, used from outside the source tree."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "roll-call-awareness.json"


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with only the vetkit wheel (and its dependencies) installed; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = (work / "dist").glob("vetkit-*.whl")
    venv.create(work / "venv", with_pip=True)
    bin_dir = work / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True)
    return bin_dir


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "vetkit"), *args], cwd=cwd, capture_output=True, text=True)


class TestInstalledWheel:
    def test_validates_an_example_outside_the_repository(self, installed, tmp_path):
        """`vetkit validate` works from a folder that has nothing of the source tree."""
        course = tmp_path / "course.json"
        shutil.copy(EXAMPLE, course)
        result = run(installed, "validate", str(course), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().endswith("valid (0 error(s), 0 warning(s))")

    def test_schema_and_rubrics_ship_in_the_wheel(self, installed, tmp_path):
        """Schemas and rubrics are read from the installed package."""
        schema = run(installed, "schema", "course", cwd=tmp_path)
        assert json.loads(schema.stdout)["$id"].endswith("course.schema.json")
        rubrics = run(installed, "rubrics", cwd=tmp_path)
        assert rubrics.returncode == 0, rubrics.stderr
        assert "ht-training" in rubrics.stdout and "course-design" in rubrics.stdout

    def test_scores_with_the_builtin_plugins(self, installed, tmp_path):
        """The built-in plugins are discovered through their entry points and score the example."""
        course = tmp_path / "course.json"
        shutil.copy(EXAMPLE, course)
        result = run(installed, "score", str(course), "--format", "json", "--as-of", "2026-11-25", cwd=tmp_path)
        assert result.returncode in (0, 1), result.stderr
        report = json.loads(result.stdout)
        assert len(report["results"]) == 68
        assert not [r for r in report["results"] if r["outcome"] == "error"]
