"""The README's examples are true: its first command recommends a bundled course, its failing example fails."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from vetkit.review import load_review
from engine_helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SH_BLOCKS = re.findall(r"^```sh\n(.*?)^```", README, flags=re.MULTILINE | re.DOTALL)


def vetkit_args(command: str) -> list[str]:
    """The arguments of the `vetkit` call in a command line (after any `&&`, before a comment)."""
    command = command.split("  #")[0]
    words = shlex.split(command.rsplit("&& ", 1)[-1])
    assert words[0] == "vetkit", command
    return words[1:]


@pytest.fixture(autouse=True)
def at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_first_command_installs_and_recommends_a_bundled_course():
    """The set-up line is one command: make a venv, install, score the task-force course with its answers: exit 0."""
    first = SH_BLOCKS[0].strip()
    assert "\n" not in first
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . && vetkit score ")
    result = run_cli(*vetkit_args(first))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("RECOMMENDED  HT-301 Victim-Centered Human Trafficking Investigations for Task "
                                    "Forces (version 3.0)\nscore 100.0/100, coverage 100%.")
    assert result.stderr == ""


def test_getting_started_repeats_the_first_command():
    """Getting started shows the README's set-up command exactly."""
    assert SH_BLOCKS[0] in (ROOT / "docs" / "getting-started.md").read_text(encoding="utf-8")


def test_the_example_answers_are_a_real_reviewers():
    """The bundled answer file names a reviewer by role, answers every open question and has fingerprints."""
    review = load_review(ROOT / "docs" / "examples" / "task-force-investigations.review.yaml")
    assert dict(review.reviewer) == {"name": "Example reviewer (training coordinator)", "role": "training coordinator"}
    assert sorted(review.answers) == ["AC-09", "LF-04", "LO-03", "TI-07", "TI-09", "TI-14"]
    assert all(answer.fingerprint is not None and answer.note for answer in review.answers.values())


def test_failing_example_fails_with_the_stated_verdict():
    """The Use section's failing example is NOT-RECOMMENDED with exit 1, as the README says, for its reasons."""
    [command] = [line for block in SH_BLOCKS for line in block.splitlines() if "dispatcher-call-taking.json" in line]
    assert command.endswith("# NOT-RECOMMENDED, exit 1")
    result = run_cli(*vetkit_args(command))
    assert result.exit_code == 1
    assert result.stdout.startswith("NOT-RECOMMENDED  HT-150 ")
    score = re.search(r"score (\d+\.\d)/100", result.stdout).group(1)
    assert f"`NOT-RECOMMENDED` (score {score}): ten criteria fail at error\nseverity" in README
    why = re.search(r"^Why: (.*)$", result.stdout, flags=re.MULTILINE).group(1)
    assert why.startswith("TI-01, TI-05, TI-07, TI-13, AC-02, AC-04, AC-07, DM-01 and 2 more failed at error severity; "
                          "essential LO-01 (credit 20%) and LO-03 (credit 14%) are substantially unmet")
