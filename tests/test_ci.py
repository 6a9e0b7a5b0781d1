"""The GitHub Action (action.yml) and the pre-commit hooks (.pre-commit-hooks.yaml) do what docs/ci.md says.

The action's shell steps run here as GitHub runs them (bash -eo pipefail, inputs and step outputs
substituted, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY pointed at files); its `uses:` steps need the
network, so they are checked for presence and inputs instead. Each hook's command runs on the bundled
examples.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "docs" / "examples"
BIN = str(Path(sys.executable).parent)


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def _substitute(text: str, values: dict[str, str]) -> str:
    def one(match: re.Match) -> str:
        return values[match.group(1)]
    return re.sub(r"\$\{\{\s*([\w.-]+)\s*\}\}", one, text)


def run_action(tmp_path: Path, **given: str) -> tuple[list[int], dict[str, str], Path]:
    """Run the action's shell steps with ``given`` inputs: (exit code per shell step, step outputs, summary file)."""
    spec = action()
    inputs = {name: str(definition.get("default", "")) for name, definition in spec["inputs"].items()}
    inputs.update(given)
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    outputs: dict[str, str] = {}
    codes = []
    for step in spec["runs"]["steps"]:
        if "uses" in step:
            continue
        values = {f"inputs.{name}": value for name, value in inputs.items()}
        values.update({f"steps.score.outputs.{key}": value for key, value in outputs.items()})
        values.update({"github.action_path": str(ROOT), "runner.temp": str(tmp_path / "runner")})
        output_file = tmp_path / "github_output"
        output_file.write_text("", encoding="utf-8")
        env = {**os.environ, "PATH": BIN + os.pathsep + os.environ["PATH"], "GITHUB_OUTPUT": str(output_file),
               "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1", "COLUMNS": "100"}
        env.update({name: _substitute(str(value), values) for name, value in step.get("env", {}).items()})
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], env=env,
                                cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
        codes.append(result.returncode)
        for line in output_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs[key] = value
    return codes, outputs, summary


class TestAction:
    def test_inputs_and_outputs(self):
        spec = action()
        assert spec["runs"]["using"] == "composite"
        assert list(spec["inputs"]) == ["path", "rubric", "fail-under", "vetkit-version", "python-version", "install",
                                        "upload-sarif"]
        assert {name: d["default"] for name, d in spec["inputs"].items()} == {
            "path": ".", "rubric": "ht-training", "fail-under": "", "vetkit-version": "", "python-version": "3.11",
            "install": "true", "upload-sarif": "true"}
        assert list(spec["outputs"]) == ["exit-code", "report-dir", "sarif-dir"]

    def test_uses_steps_and_their_inputs(self):
        """Setting up Python and uploading SARIF need the network: here only their presence and inputs."""
        steps = action()["runs"]["steps"]
        used = [(step["uses"], step.get("with"), step.get("if")) for step in steps if "uses" in step]
        assert used == [
            ("actions/setup-python@v5", {"python-version": "${{ inputs.python-version }}"}, "inputs.install == 'true'"),
            ("github/codeql-action/upload-sarif@v3",
             {"sarif_file": "${{ steps.score.outputs.sarif-dir }}", "category": "vetkit"},
             "always() && inputs.upload-sarif == 'true' && steps.score.outputs.sarif-dir != ''"),
        ]
        assert [step["name"] for step in steps] == [
            "Set up Python", "Install vetkit", "Score the courses", "Upload the findings to code scanning",
            "Write the report to the job summary", "Verdict"]

    def test_bundled_examples(self, tmp_path):
        """docs/examples: SARIF per course, the Markdown reports in the job summary, exit 1 (two do not pass)."""
        codes, outputs, summary = run_action(tmp_path, path="docs/examples", install="false")
        runner = tmp_path / "runner" / "vetkit"
        assert codes == [0, 0, 0, 1]
        assert outputs == {"exit-code": "1", "report-dir": str(runner / "reports"), "sarif-dir": str(runner / "sarif")}
        sarif = sorted(path.name for path in (runner / "sarif").glob("*.sarif"))
        assert sarif == ["dispatcher-call-taking.sarif", "roll-call-awareness-2.sarif", "roll-call-awareness.sarif",
                         "task-force-investigations.sarif"]
        for path in (runner / "sarif").glob("*.sarif"):
            assert json.loads(path.read_text(encoding="utf-8"))["version"] == "2.1.0"
        text = summary.read_text(encoding="utf-8")
        reports = sorted((runner / "reports").glob("*.md"))
        assert [path.name for path in reports] == ["dispatcher-call-taking.md", "roll-call-awareness-2.md",
                                                   "roll-call-awareness.md", "summary.md",
                                                   "task-force-investigations.md"]
        expected = (runner / "reports" / "summary.md").read_text(encoding="utf-8") + "".join(
            "\n" + path.read_text(encoding="utf-8") for path in reports if path.name != "summary.md")
        assert text == expected
        assert "HT-150" in text and "HT-301" in text

    @pytest.mark.parametrize("name, fail_under, code", [
        ("task-force-investigations.json", "70", "0"),  # pending review, 100
        ("roll-call-awareness.json", "", "1"),  # revise, 90.3

    ])
    def test_one_course_and_fail_under(self, tmp_path, name, fail_under, code):
        """The exit code of the Verdict step is vetkit's; --fail-under is passed on when given."""
        folder = tmp_path / "courses"
        folder.mkdir()
        shutil.copy(EXAMPLES / name, folder)
        materials = EXAMPLES / name.removesuffix(".json")
        if materials.is_dir():  # the task-force course keeps a material file beside it
            shutil.copytree(materials, folder / materials.name)
        codes, outputs, summary = run_action(tmp_path, path=str(folder), install="false",
                                             **{"fail-under": fail_under})
        assert (codes, outputs["exit-code"]) == ([0, 0, 0, int(code)], code)
        assert summary.read_text(encoding="utf-8").startswith("#")


def hooks() -> dict[str, dict]:
    return {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def run_hook(hook: dict, files: list[Path]) -> subprocess.CompletedProcess:
    """The command pre-commit runs: entry, args, then the staged file names."""
    command = hook["entry"].split() + list(hook.get("args", [])) + [str(path) for path in files]
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ["PATH"], "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


class TestPreCommitHooks:
    def test_hooks(self):
        assert {hook_id: (hook["entry"], hook.get("args"), hook["language"], hook["types_or"])
                for hook_id, hook in hooks().items()} == {
            "vetkit-validate": ("vetkit validate", None, "python", ["json", "yaml"]),
            "vetkit-score": ("vetkit score", ["--fail-under", "70"], "python", ["json", "yaml"]),
        }

    def test_validate_the_examples(self):
        files = sorted(EXAMPLES.glob("*.json"))
        result = run_hook(hooks()["vetkit-validate"], files)
        assert result.returncode == 0
        assert result.stdout == "".join(f"{path}: valid (0 error(s), 0 warning(s))\n" for path in files)

    def test_validate_refuses_a_broken_course(self, tmp_path):
        broken = tmp_path / "broken.json"
        broken.write_text('{"vetkit": "1.0"}', encoding="utf-8")
        result = run_hook(hooks()["vetkit-validate"], [broken])
        assert result.returncode == 2
        assert result.stderr.endswith(f"{broken}: invalid ({result.stderr.count(': error: ')} error(s), "
                                      "0 warning(s))\n")

    @pytest.mark.parametrize("name, code", [
        ("task-force-investigations.json", 0),  # pending review, 100
        ("dispatcher-call-taking.json", 1),  # not recommended
    ])
    def test_score_one_course(self, name, code):
        result = run_hook(hooks()["vetkit-score"], [EXAMPLES / name])
        assert result.returncode == code, result.stdout + result.stderr

    def test_score_several_courses(self):
        """Several staged courses: the summary table, and the worst exit code."""
        result = run_hook(hooks()["vetkit-score"], [EXAMPLES / "task-force-investigations.json",
                                                    EXAMPLES / "dispatcher-call-taking.json"])
        assert result.returncode == 1
        assert "2 course(s), rubric ht-training" in result.stdout
