"""The example third-party plugin (docs/examples/plugin, vetkit-texas) works as a distribution.

It is built and installed into a throw-away environment layered over this one (vetkit comes
from here; see plugin_venv.py), never into the environment running the tests. Then its own tests
run, and vetkit discovers it through the ``vetkit`` entry point and scores with its rubric.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from plugin_venv import LayeredVenv, describe

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "docs" / "examples" / "plugin"
EXAMPLE = ROOT / "docs" / "examples" / "roll-call-awareness.json"
AS_OF = "2026-11-25"
TX_RULES = ["TX-01", "TX-02", "TX-03", "TX-04"]


@pytest.fixture(scope="module")
def texas(tmp_path_factory) -> tuple[LayeredVenv, Path]:
    """(environment with vetkit-texas installed from a wheel, a copy of the plugin's source folder)."""
    work = tmp_path_factory.mktemp("example-plugin")
    project = work / "vetkit-texas"
    shutil.copytree(PLUGIN, project, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache",
                                                                    "build", "dist"))
    env = LayeredVenv(work / "venv")
    env.pip_install(project, editable=False)
    return env, project


def texas_course(example: dict) -> dict:
    """The roll-call example moved to Texas: local resources with Texas contacts, no Texas statute yet."""
    course = copy.deepcopy(example)
    course["jurisdiction"] = {"country": "US", "state": "TX", "local": "Travis County"}
    for resource in course["resources"]:
        if resource["type"] == "victim-services" and resource.get("local"):
            resource["phone"] = "512-555-0142"
        if resource["type"] == "task-force" and resource.get("local"):
            resource["x-jurisdiction"] = "Travis County"
    return course


def score(env: LayeredVenv, course: Path, rubric: str, cwd: Path) -> tuple[dict, int]:
    """Score with ``vetkit score --format json`` and return (report, exit code)."""
    result = env.run("vetkit", "score", course, "--rubric", rubric, "--format", "json", "--as-of", AS_OF, cwd=cwd)
    assert result.returncode in (0, 1), describe(result)
    return json.loads(result.stdout), result.returncode


class TestExamplePlugin:
    def test_its_own_tests_pass(self, texas):
        """The plugin's tests, written with vetkit.testing and its pytest fixtures, pass once it is installed."""
        env, project = texas
        result = env.run("python", "-m", "pytest", "-p", "no:cacheprovider", "-q", cwd=project)
        assert result.returncode == 0, describe(result)
        assert re.search(r"\b\d+ passed\b", result.stdout)

    def test_discovered_through_the_entry_point(self, texas):
        """`vetkit plugins` lists texas from the vetkit-texas distribution, loaded, with its four rules."""
        env, project = texas
        result = env.run("vetkit", "plugins", "--format", "json", cwd=project)
        assert result.returncode == 0, describe(result)
        plugins = {plugin["name"]: plugin for plugin in json.loads(result.stdout)}
        assert plugins["texas"] == {"name": "texas", "distribution": "vetkit-texas", "version": "0.1.0",
                                    "status": "loaded", "error": None, "rules": TX_RULES}
        table = env.run("vetkit", "plugins", cwd=project).stdout
        assert re.search(r"^texas\s+0\.1\.0\s+vetkit-texas\s+loaded\s+4$", table, re.MULTILINE), table

    def test_rules_are_listed_and_explained(self, texas):
        """`vetkit rules --plugin texas` lists TX-01 to TX-04; `vetkit explain TX-03` reads its YAML."""
        env, project = texas
        rules = env.run("vetkit", "rules", "--plugin", "texas", cwd=project)
        assert rules.returncode == 0, describe(rules)
        assert [line.split()[0] for line in rules.stdout.splitlines()[2:6]] == TX_RULES
        explained = env.run("vetkit", "explain", "TX-03", cwd=project)
        assert explained.returncode == 0, describe(explained)
        assert "plugin texas" in explained.stdout and "texas.area_codes" in explained.stdout

    def test_blocked_plugin_is_not_loaded(self, texas):
        """`-p no:texas` blocks the plugin: listed as blocked, no TX rules."""
        env, project = texas
        result = env.run("vetkit", "plugins", "--format", "json", "-p", "no:texas", cwd=project)
        plugins = {plugin["name"]: plugin for plugin in json.loads(result.stdout)}
        assert plugins["texas"]["status"] == "blocked" and plugins["texas"]["rules"] == []

    def test_scores_a_texas_course_with_the_extended_rubric(self, texas, tmp_path):
        """tx-ht-training scores the Texas criteria with the inherited ones; TX-01 is essential."""
        env, _ = texas
        course = tmp_path / "texas-course.json"
        course.write_text(json.dumps(texas_course(json.loads(EXAMPLE.read_text(encoding="utf-8")))), encoding="utf-8")
        report, exit_code = score(env, course, "tx-ht-training", tmp_path)
        results = {result["ruleId"]: result for result in report["results"]}
        assert set(TX_RULES) <= set(results)
        assert {"LO-01", "DV-01", "EV-01"} <= set(results), "criteria inherited from ht-training and course-design"
        assert results["TX-01"]["outcome"] == "fail" and results["TX-01"]["essential"]
        assert {f["pointer"] for f in results["TX-01"]["findings"]} == {"/references", "/modules"}
        assert results["TX-02"]["outcome"] == "needs-review"  # M3 is tagged non-criminalization, its text is silent
        assert results["TX-03"]["outcome"] == "pass", results["TX-03"]["reason"]
        assert results["TX-03"]["plugin"] == "texas"
        assert report["verdict"] == "not-recommended" and exit_code == 1
        assert len(results) == 68 + len(TX_RULES)
        assert results["LF-03"]["parameters"]["state_law.max_age_months"] == 24

    def test_texas_criteria_do_not_apply_elsewhere(self, texas, tmp_path):
        """The Ohio roll-call example gets not-applicable for every Texas criterion."""
        env, _ = texas
        report, _ = score(env, EXAMPLE, "tx-ht-training", tmp_path)
        outcomes = {r["ruleId"]: r["outcome"] for r in report["results"] if r["ruleId"] in TX_RULES}
        assert outcomes == dict.fromkeys(TX_RULES, "not-applicable")

    def test_rubric_sets_its_parameter(self, texas, tmp_path):
        """The resolved rubric carries the Texas override of state_law.max_age_months."""
        env, _ = texas
        result = env.run("vetkit", "rubrics", "show", "tx-ht-training", cwd=tmp_path)
        assert result.returncode == 0, describe(result)
        shown = yaml.safe_load(result.stdout)
        assert shown["parameters"]["state_law.max_age_months"] == 24
        assert shown["criteria"]["TX-01"]["essential"] is True
