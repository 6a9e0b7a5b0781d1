"""A course file name that is not UTF-8 is shown with its undecodable bytes as \\xNN, in valid UTF-8 output,
whatever the format, with -o and in a batch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine_helpers import minimal_course

RAW_NAME = b"caf\xe9.json"
SHOWN = "caf\\xe9.json"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding a valid course whose file name is Latin-1 bytes, not UTF-8."""
    path = os.path.join(os.fsencode(tmp_path), RAW_NAME)
    with open(path, "wb") as handle:
        handle.write(json.dumps(minimal_course()).encode())
    return tmp_path


def course_path(folder: Path) -> str:
    return os.fsdecode(os.path.join(os.fsencode(folder), RAW_NAME))


def vetkit(*args: str) -> subprocess.CompletedProcess:
    """The installed `vetkit` command in a fresh process, with bytes out (what a terminal or a pipe receives)."""
    command = Path(sys.executable).with_name("vetkit")
    env = {**os.environ, "VETKIT_LOAD_PLUGINS": "", "NO_COLOR": "1"}
    env.pop("VETKIT_DISABLE_PLUGINS", None)
    return subprocess.run([os.fsencode(command), *(os.fsencode(a) for a in args)], capture_output=True, env=env,
                          timeout=120)


def test_json_on_stdout_is_valid_utf8(folder):
    """`--format json` prints valid UTF-8 JSON that names the file with \\xe9."""
    result = vetkit("score", course_path(folder), "--rubric", "course-design", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["course"]["file"] == str(folder / SHOWN)


@pytest.mark.parametrize("suffix", [".sarif", ".json", ".html", ".xml", ".md", ".txt"])
def test_every_format_to_an_output_file(folder, tmp_path, suffix):
    """`-o report.SUFFIX` writes valid UTF-8 in every format; no internal error."""
    target = tmp_path / f"report{suffix}"
    result = vetkit("score", course_path(folder), "--rubric", "course-design", "-o", str(target))
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr.decode("utf-8") == f"wrote {target}\n"
    text = target.read_bytes().decode("utf-8")
    if suffix in (".sarif", ".json"):
        json.loads(text)


def test_messages_show_the_escape(folder):
    """A problem with such a file names it with \\xe9 on stderr."""
    path = course_path(folder)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"vetkit": "1.0"')
    result = vetkit("validate", path)
    assert result.returncode == 2
    assert result.stderr.decode("utf-8").startswith(f"{folder / SHOWN}:1:17: error: invalid JSON")


def test_batch_goes_on(folder, tmp_path):
    """A batch with such a file scores it, prints a valid summary and writes its report under a safe name."""
    (folder / "plain.json").write_text(json.dumps(minimal_course()), encoding="utf-8")
    out = tmp_path / "out"
    result = vetkit("score", str(folder), "--rubric", "course-design", "--output-dir", str(out), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    summary = json.loads(result.stdout.decode("utf-8"))
    assert [(Path(row["file"]).name, row["report"]) for row in summary["courses"]] == [
        (SHOWN, "caf_.json"), ("plain.json", "plain.json")]
    assert sorted(p.name for p in out.iterdir()) == ["caf_.json", "index.html", "plain.json", "summary.md"]
    assert 'href="caf_.json"' in (out / "index.html").read_text(encoding="utf-8")
