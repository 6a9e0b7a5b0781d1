"""Golden files for every report format: the bytes a renderer produces, reviewed in diffs.

Regenerate with ``python -m pytest tests/golden --update-golden`` and review the diff.

- ``synthetic.*``: the fixed report of ``synthetic.py`` (every outcome, every finding
  shape, hostile text); changes only when a renderer changes.
- ``examples/<course>.golden-test.*``: the example courses scored by the test-only plugin
  in ``plugin_dist/``; change when a renderer, the engine or an example changes.
- ``builtin/<course>.<rubric>.json``: the example courses scored by the built-in plugins with the
  ``ht-training`` and ``course-design`` rubrics, as JSON reports; change whenever a built-in
  rule changes (regenerate, then review). The renderers are covered by the two sets above.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import vetkit
from vetkit.batch import BatchResult, CourseRow, tally
from vetkit.diff import compare
from vetkit.render import diff as render_diff
from vetkit.render import portfolio

from synthetic import synthetic_course, synthetic_report
from vetplugin import AS_OF, RUBRIC, make_engine

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "docs" / "examples").glob("*.json"))
FORMATS = {"html": ".html", "markdown": ".md", "sarif": ".sarif", "junit": ".xml"}


def render(engine, fmt: str, report) -> str | bytes:
    return engine.formats[fmt].render(report)


@pytest.fixture(scope="module")
def engine():
    return make_engine()


class TestSynthetic:
    """The fixed report renders to the same bytes in every format."""

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_format(self, engine, golden, fmt):
        """Each built-in format of the synthetic report matches its golden file."""
        golden(f"synthetic{FORMATS[fmt]}", render(engine, fmt, synthetic_report()))

    def test_portfolio(self, golden):
        """The portfolio pages of a fixed batch (one scored course, one invalid file) match."""
        report = synthetic_report()
        rows = [CourseRow("courses/ht&999 | draft.json", report.verdict, 1, report.course["id"],
                          report.course["version"], report.course["title"], report.score.value, report.score.coverage,
                          ["TI-07"], output="ht&999 | draft.html"),
                CourseRow("courses/<broken>.json", "invalid", 2,
                          problems=["courses/<broken>.json:1:27: error: invalid JSON | trailing comma"])]
        batch = BatchResult(rows, tally([report, None]), AS_OF, "ht-training", "out")
        golden("portfolio/index.html", portfolio.render_html(batch))
        golden("portfolio/summary.md", portfolio.render_markdown(batch))
        golden("portfolio/summary.json", portfolio.render_json(batch))
        golden("portfolio/summary.txt", portfolio.render_text(batch))

    def test_diff(self, golden):
        """A comparison of the synthetic report with a changed copy renders the same in every form."""
        from attrs import evolve

        old = synthetic_report()
        results = [evolve(r, outcome="pass", score=1.0, findings=()) if r.rule_id == "LO-01" else
                   evolve(r, outcome="fail", score=0.0) if r.rule_id == "EV-01" else r for r in old.results]
        new = evolve(old, results=results, score=evolve(old.score, value=61.5), verdict="not-recommended")
        old_course, new_course = synthetic_course(), synthetic_course()
        new_course["title"] = "A calmer title | v2"
        new_course["modules"].insert(0, {"id": "M0", "title": "Intro", "minutes": 5, "objectiveIds": ["O1"]})
        del new_course["assessments"][1]
        comparison = compare(old, new, old_course=old_course, new_course=new_course)
        golden("diff/synthetic.txt", render_diff.render_text(comparison))
        golden("diff/synthetic.md", render_diff.render_markdown(comparison))
        golden("diff/synthetic.json", render_diff.render_json(comparison))


@pytest.fixture
def at_root(monkeypatch):
    """Run from the repository root so that course file names in reports are relative and stable."""
    monkeypatch.chdir(ROOT)


def _load(engine, name):
    return engine.load_course(f"docs/examples/{name}")


@pytest.mark.usefixtures("at_root")
class TestExamples:
    """The example courses, scored by the test-only plugin, render to their golden files."""

    @pytest.mark.parametrize("name", EXAMPLES)
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_format(self, engine, golden, name, fmt):
        """Each format of each example course matches its golden file."""
        course = _load(engine, name)
        report = engine.score(course, rubric=RUBRIC, as_of=AS_OF)
        golden(f"examples/{Path(name).stem}.{RUBRIC}{FORMATS[fmt]}", render(engine, fmt, report))


@pytest.fixture(scope="module")
def builtin_engine():
    return vetkit.Engine(environ={})


@pytest.mark.usefixtures("at_root")
class TestExamplesBuiltin:
    """The example courses, scored by the built-in plugins and rubrics, match their golden JSON reports.

    These change whenever a built-in rule changes: regenerate and review them then.
    """

    @pytest.mark.parametrize("rubric", ["ht-training", "course-design"])
    @pytest.mark.parametrize("name", EXAMPLES)
    def test_report(self, builtin_engine, golden, name, rubric):
        """The JSON report of each example course matches its golden file."""
        report = builtin_engine.score(_load(builtin_engine, name), rubric=rubric, as_of=AS_OF)
        golden(f"builtin/{Path(name).stem}.{rubric}.json", render(builtin_engine, "json", report))
