"""`vetkit new-plugin`: a plugin project whose own tests pass straight after generation."""

from __future__ import annotations

import ast
import re

import pytest
import yaml

import vetkit
from vetkit.scaffold import create_plugin, plugin_names, render_template

from plugin_venv import LayeredVenv, describe


class TestNames:
    @pytest.mark.parametrize("name, distribution, package, prefix", [
        ("plain-language", "vetkit-plain-language", "vetkit_plain_language", "PL"),
        ("texas", "vetkit-texas", "vetkit_texas", "TEX"),
        ("vetkit-texas", "vetkit-texas", "vetkit_texas", "TEX"),
        ("trauma-informed-delivery", "vetkit-trauma-informed-delivery", "vetkit_trauma_informed_delivery", "TID"),
        ("trauma-intake", "vetkit-trauma-intake", "vetkit_trauma_intake", "TRA"),
        ("county2-rules", "vetkit-county2-rules", "vetkit_county2_rules", "CR"),
    ])
    def test_derived_names(self, name, distribution, package, prefix):
        """Distribution, package and rule-id prefix follow from the name; built-in prefixes are avoided."""
        names = plugin_names(name)
        assert (names.distribution, names.package, names.prefix) == (distribution, package, prefix)
        assert names.name == name.removeprefix("vetkit-")

    @pytest.mark.parametrize("name", ["Texas", "plain_language", "1county", "a--b", "-a", "a-", "", "tx!"])
    def test_invalid_names(self, name):
        """Only lower-case letters, digits and single hyphens, starting with a letter."""
        with pytest.raises(vetkit.UsageError, match="lower-case letters, digits and single hyphens"):
            plugin_names(name)

    @pytest.mark.parametrize("prefix, message", [("tx", "2 to 5 capital letters"), ("TOOLONG", "2 to 5"),
                                                  ("T", "2 to 5"), ("LO", "vetkit's own criteria")])
    def test_invalid_prefixes(self, prefix, message):
        """An explicit prefix is 2 to 5 capital letters, not one of vetkit's categories."""
        with pytest.raises(vetkit.UsageError, match=message):
            plugin_names("texas", prefix)

    def test_installed_module_name_is_refused(self):
        """A name whose package already exists (here a built-in plugin) would shadow it."""
        with pytest.raises(vetkit.UsageError, match="vetkit_program is already installed"):
            plugin_names("program")


class TestTemplate:
    def test_every_placeholder_is_filled(self):
        """No template syntax is left in the files, and the Python files compile."""
        files = render_template(plugin_names("plain-language"))
        assert sorted(files) == [".gitignore", "README.md", "pyproject.toml",
                                 "src/vetkit_plain_language/__init__.py", "src/vetkit_plain_language/checks.py",
                                 "src/vetkit_plain_language/rubrics/plain-language.yaml",
                                 "src/vetkit_plain_language/rules/PL-01.yaml", "tests/test_plugin.py"]
        for path, text in files.items():
            assert "${" not in text and "__package__" not in path, path
            if path.endswith(".py"):
                ast.parse(text, path)

    def test_pyproject_declares_the_entry_point(self):
        """The project is a hatchling distribution in the `vetkit` entry-point group, requiring vetkit."""
        tomllib = pytest.importorskip("tomllib")  # Python 3.11+
        project = tomllib.loads(render_template(plugin_names("plain-language"))["pyproject.toml"])
        assert project["project"]["name"] == "vetkit-plain-language"
        assert project["project"]["entry-points"]["vetkit"] == {"plain-language": "vetkit_plain_language"}
        assert project["build-system"]["build-backend"] == "hatchling.build"
        assert any(dep.startswith("vetkit>=") for dep in project["project"]["dependencies"])

    def test_rule_and_rubric_are_valid_data(self, tmp_path):
        """The rule file passes the rule schema, with a passing and a failing example; the rubric names it."""
        target, _, _ = create_plugin("plain-language", tmp_path / "p")
        (rule,) = vetkit.load_rules(target / "src" / "vetkit_plain_language" / "rules")
        assert rule.id == "PL-01" and {e.expect for e in rule.examples} >= {"pass", "fail"}
        rubric = yaml.safe_load((target / "src" / "vetkit_plain_language" / "rubrics" / "plain-language.yaml").read_text())
        assert rubric["criteria"] == {"PL-01": {}}


class TestCommand:
    def test_creates_the_project(self, vetkit_cli, tmp_path):
        """`vetkit new-plugin NAME --directory DIR` writes the files and says what to do next."""
        result = vetkit_cli("new-plugin", "plain-language", "--directory", tmp_path / "new")
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "new" / "src" / "vetkit_plain_language" / "rules" / "PL-01.yaml").is_file()
        assert "created plugin plain-language (rules PL-NN, rubric plain-language)" in result.stdout
        assert "pip install -e ." in result.stdout

    def test_default_directory_and_prefix(self, vetkit_cli, tmp_path, monkeypatch):
        """Without --directory the project goes to ./vetkit-NAME; --prefix sets the rule ids."""
        monkeypatch.chdir(tmp_path)
        result = vetkit_cli("new-plugin", "texas", "--prefix", "TX")
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "vetkit-texas" / "src" / "vetkit_texas" / "rules" / "TX-01.yaml").is_file()

    def test_empty_directory_is_fine(self, vetkit_cli, tmp_path):
        """An existing empty folder is used."""
        (tmp_path / "empty").mkdir()
        assert vetkit_cli("new-plugin", "texas", "--directory", tmp_path / "empty").exit_code == 0

    def test_refuses_a_non_empty_directory(self, vetkit_cli, tmp_path):
        """A folder with files in it is left alone: exit 2, a clear message, nothing written."""
        (tmp_path / "busy").mkdir()
        (tmp_path / "busy" / "notes.txt").write_text("mine")
        result = vetkit_cli("new-plugin", "texas", "--directory", tmp_path / "busy")
        assert result.exit_code == 2
        assert "the folder is not empty" in result.stderr and "--directory" in result.stderr
        assert [p.name for p in (tmp_path / "busy").iterdir()] == ["notes.txt"]
        assert "Traceback" not in result.stderr

    @pytest.mark.parametrize("name", ["Texas", "plain_language", "9lives"])
    def test_refuses_a_bad_name(self, vetkit_cli, tmp_path, name):
        """An invalid NAME is a usage error with the rule spelled out."""
        result = vetkit_cli("new-plugin", name, "--directory", tmp_path / "x")
        assert result.exit_code == 2
        assert "lower-case letters, digits and single hyphens" in result.stderr
        assert not (tmp_path / "x").exists()


class TestGeneratedProject:
    def test_its_tests_pass_once_installed(self, tmp_path, vetkit_cli):
        """Generated, installed (`pip install -e`) into a fresh environment, its tests pass and vetkit lists its rule."""
        result = vetkit_cli("new-plugin", "county-referrals", "--directory", tmp_path / "vetkit-county-referrals")
        assert result.exit_code == 0, result.stderr
        project = tmp_path / "vetkit-county-referrals"
        env = LayeredVenv(tmp_path / "venv")
        env.pip_install(project)
        tests = env.run("python", "-m", "pytest", "-p", "no:cacheprovider", cwd=project)
        assert tests.returncode == 0, describe(tests)
        assert re.search(r"\b4 passed\b", tests.stdout), tests.stdout
        rules = env.run("vetkit", "rules", "--plugin", "county-referrals", cwd=tmp_path)
        assert rules.returncode == 0, describe(rules)
        assert re.search(r"^CR-01\s+warning\s+auto\s+county-referrals\s+The course states its purpose\.$", rules.stdout,
                         re.MULTILINE), rules.stdout
        course = tmp_path / "course.yaml"
        assert env.run("vetkit", "init", course, cwd=tmp_path).returncode == 0
        scored = env.run("vetkit", "score", course, "--rubric", "county-referrals", "--format", "json", cwd=tmp_path)
        assert scored.returncode == 1, describe(scored)
        assert '"ruleId": "CR-01"' in scored.stdout and '"outcome": "fail"' in scored.stdout
