"""Plugin vocabularies are known wherever a course is loaded: `vetkit validate`, `vetkit.validate` and
`vetkit.load_course` accept what `vetkit score` accepts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vetkit
from engine_helpers import minimal_course, run_cli, write_dist_plugin

WARDEN_PLUGIN = '''import vetkit


@vetkit.hookimpl
def vetkit_register_vocabularies(register):
    register("roles", ["game-warden"])
    register("topics", ["poaching-rings"])
'''


@pytest.fixture
def warden(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed plugin `warden` adding a role and a topic, and a course that uses both."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    write_dist_plugin(site, "warden", source=WARDEN_PLUGIN)
    monkeypatch.setenv("VETKIT_LOAD_PLUGINS", "warden")
    monkeypatch.delenv("VETKIT_DISABLE_PLUGINS", raising=False)
    course = minimal_course()
    course["audience"]["roles"] = ["game-warden"]
    course["modules"][0]["topics"].append("poaching-rings")
    path = tmp_path / "course.json"
    path.write_text(json.dumps(course, indent=2), encoding="utf-8")
    return path


def test_library_validate_knows_plugin_terms(warden):
    """vetkit.validate accepts the plugin's role and topic: no error, no warning."""
    result = vetkit.validate(warden)
    assert (result.errors, result.warnings) == ((), ())


def test_library_load_course_knows_plugin_terms(warden):
    """vetkit.load_course loads the course that uses them."""
    assert vetkit.load_course(warden).data["audience"]["roles"] == ("game-warden",)


def test_cli_validate_knows_plugin_terms(warden):
    """`vetkit validate` exits 0, as `vetkit score` accepts the same file."""
    result = run_cli("validate", warden, plugins="warden")
    assert (result.exit_code, result.stderr) == (0, "")
    assert run_cli("score", warden, "--rubric", "course-design", plugins="warden").exit_code != 2


def test_cli_validate_without_the_plugin(warden):
    """With the plugin disabled the role is unknown again: exit 2 naming it."""
    result = run_cli("validate", warden, "-p", "no:warden", plugins="warden")
    assert result.exit_code == 2
    assert "unknown audience role `game-warden`" in result.stderr


def test_explicit_vocabulary_still_wins(warden):
    """A vocabulary passed explicitly is the one used (the built-in one refuses the role)."""
    from vetkit.vocabulary import builtin_vocabulary

    result = vetkit.validate(warden, vocabulary=builtin_vocabulary())
    assert [p.message for p in result.errors] == ["unknown audience role `game-warden`"]
