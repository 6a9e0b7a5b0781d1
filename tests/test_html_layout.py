"""The HTML pages read well on a phone (400 px) and a desktop (1280 px).

The markup tests check the rules the layout rests on; the browser tests (headless Chromium, see
``browser.py``) lay out the bundled examples' reports and a batch portfolio at both widths and
measure what a reader sees: nothing sticks out of the page except inside a scroll container, the
wide tables scroll instead of squashing, chart text is at least 10 px, no rule id breaks at its
hyphen, and an invalid file's problems are folded. Set ``VETKIT_SCREENSHOTS`` to keep the
screenshots.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
from pathlib import Path

import pytest
from attrs import evolve
from click.testing import CliRunner

from vetkit.batch import BatchResult, CourseRow, tally
from vetkit.cli import main
from vetkit.render import html as html_renderer
from vetkit.render import portfolio

from golden.synthetic import synthetic_report
from golden.vetplugin import AS_OF

EXAMPLES = Path(__file__).parents[1] / "docs" / "examples"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json"))
WIDTHS = (400, 1280)
#: A file with many problems: its row in the portfolio must stay short.
BROKEN = {"vetkit": "1.0", "id": 3, "modules": [{"id": 1}, {"id": 2}, {"id": 3}], "objectives": 5, "x": 1, "y": 2}


def css_rule(selector: str) -> str:
    """The declarations of the first rule for exactly ``selector`` in the report's style sheet."""
    found = re.search(r"(?:^|[}\s])" + re.escape(selector) + r"\s*\{([^}]*)\}", html_renderer.STYLE + portfolio.PORTFOLIO_STYLE)
    assert found, f"no CSS rule for {selector}"
    return found.group(1)


def invalid_batch(path: str = "courses/broken.json") -> BatchResult:
    report = synthetic_report()
    rows = [CourseRow("courses/ok.json", report.verdict, 1, report.course["id"], report.course["version"],
                      report.course["title"], report.score.value, report.score.coverage, ["TI-07", "LO-01"],
                      output="ok.html"),
            CourseRow(path, "invalid", 2, problems=[f"{path}:1:{n}: error: problem {n}" for n in range(1, 10)])]
    return BatchResult(rows, tally([report, None]), AS_OF, "ht-training", "out")


class TestMarkup:
    """The markup and CSS rules the layout rests on, without a browser."""

    def test_ids_never_break_at_the_hyphen(self):
        """Rule ids sit in elements that do not wrap; ids inside sentences are wrapped in such an element."""
        for selector in (".rule-id", ".id", ".nowrap"):
            assert "white-space: nowrap" in css_rule(selector), selector
        assert html_renderer._prose("TI-07 and AC-02 failed; a T-visa") == (
            '<span class="nowrap">TI-07</span> and <span class="nowrap">AC-02</span> failed; a T-visa')
        assert html_renderer._prose("<b>IL-DHS</b>") == '&lt;b&gt;<span class="nowrap">IL-DHS</span>&lt;/b&gt;'
        page = portfolio.render_html(invalid_batch())
        assert '<td><span class="nowrap">TI-07</span>, <span class="nowrap">LO-01</span></td>' in page

    def test_tables_scroll(self):
        """Every table sits in a horizontal scroll container and keeps a minimum width instead of squashing."""
        assert "overflow-x: auto" in css_rule(".table-wrap")
        for selector in ("table.criteria", "table.courses"):
            assert re.search(r"min-width: \d{3}px", css_rule(selector)), selector
        assert "min-width: 660px" in css_rule("table.criteria, table.alignment")
        for page in (html_renderer.render(synthetic_report()), portfolio.render_html(invalid_batch())):
            tables = re.findall(r"(.{0,30})<table class=\"(\w+)\">", page)
            assert tables and all(before.endswith('<div class="table-wrap">') for before, _ in tables), tables

    def test_invalid_files_fold(self):
        """An invalid file's problems are folded in <details>, with the count in its summary; no script."""
        page = portfolio.render_html(invalid_batch())
        assert ('<details class="problems"><summary>9 problems</summary><ul><li>courses/broken.json:1:1: '
                "error: problem 1</li>") in page
        assert "<li>… and 4 more</li></ul></details>" in page
        assert '<tr class="invalid">' in page and "<script" not in page.lower()

    def test_chart_words_are_html_text(self):
        """The charts' words are HTML text, which keeps its size on a narrow screen; SVG only draws the bars."""
        for page in (html_renderer.render(synthetic_report()), portfolio.render_html(invalid_batch())):
            assert '<ul class="chart' in page
            assert "<text" not in page and "<tspan" not in page
        assert html_renderer.bar([("bad", 40), ("warn", 75)]) == (
            '<svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
            '<rect class="track" width="100" height="10"/><rect class="bar band-bad" x="0.0" width="40.0" height="10"/>'
            '<rect class="bar band-warn" x="40.0" width="60.0" height="10"/></svg>')


class TestPaths:
    """Paths appear relative to where vetkit ran, never absolute."""

    def test_shown_path(self, tmp_path):
        inside = tmp_path / "courses" / "a.json"
        assert html_renderer.shown_path(str(inside), str(tmp_path)) == os.path.join("courses", "a.json")
        assert html_renderer.shown_path(str(tmp_path / "a.json"), str(tmp_path / "sub")) == os.path.join("..", "a.json")
        assert html_renderer.shown_path("courses/a.json", str(tmp_path)) == "courses/a.json"
        assert html_renderer.shown_path("<data>") == "<data>"

    def test_report_header(self, tmp_path, monkeypatch):
        """A report of a course named by its absolute path shows it relative to the working directory."""
        monkeypatch.chdir(tmp_path)
        report = synthetic_report()
        absolute = str(tmp_path / "courses" / "ht.json")
        page = html_renderer.render(evolve(report, course={**report.course, "file": absolute}))
        assert str(tmp_path) not in page
        assert f'<span class="file">{os.path.join("courses", "ht.json")}</span></p>' in page

    def test_portfolio(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        page = portfolio.render_html(invalid_batch(str(tmp_path / "courses" / "broken.json")))
        assert f"<tr class=\"invalid\"><td>{os.path.join('courses', 'broken.json')}<details" in page

    def test_cli(self, tmp_path, monkeypatch):
        """`vetkit score /absolute/course.json -o r.html` names the course relative to the working directory."""
        shutil.copy(EXAMPLES / "roll-call-awareness.json", tmp_path / "course.json")
        (tmp_path / "run").mkdir()
        monkeypatch.chdir(tmp_path / "run")
        result = CliRunner().invoke(main, ["score", str(tmp_path / "course.json"), "-o", "r.html"],
                                    env={"NO_COLOR": "1"})
        assert result.exit_code in (0, 1), result.output
        page = (tmp_path / "run" / "r.html").read_text(encoding="utf-8")
        assert str(tmp_path) not in page
        assert page.count(f'<span class="file">{os.path.join("..", "course.json")}</span>') == 2


# -- in a real browser --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The bundled examples' reports and a batch portfolio (with invalid files), written by the CLI."""
    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(EXAMPLES, root / "courses", ignore=shutil.ignore_patterns("plugin"))
    (root / "courses" / "broken.json").write_text(json.dumps(BROKEN), encoding="utf-8")
    (root / "courses" / "not-json.json").write_text("{\"vetkit\": \"1.0\",", encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(root)
    try:
        runner = CliRunner()
        written = {}
        for name in EXAMPLE_NAMES:
            result = runner.invoke(main, ["score", f"courses/{name}.json", "-o", f"{name}.html"], env={"NO_COLOR": "1"})
            assert result.exit_code in (0, 1), result.output
            written[name] = root / f"{name}.html"
        result = runner.invoke(main, ["score", "courses", "--output-dir", "out", "--format", "html"],
                               env={"NO_COLOR": "1"})
        assert result.exit_code == 2, result.output
        written["portfolio"] = root / "out" / "index.html"
    finally:
        os.chdir(cwd)
    return written


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


PAGES = [*EXAMPLE_NAMES, "portfolio"]
#: Tables that must keep a readable width on a phone (they scroll instead).
TABLES = ("table.criteria", "table.alignment", "table.courses")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
class TestReadable:
    def test_screenshot(self, browser, pages, name, width, tmp_path):
        """Chromium draws the page at this width (keep them with VETKIT_SCREENSHOTS=folder)."""
        shot = browser.screenshot(pages[name], tmp_path / f"{name}-{width}.png", size=f"{width},2000")
        assert png_size(shot) == (width, 2000)

    def test_layout(self, browser, pages, name, width):
        """Nothing sticks out of the page but scroll containers; text (charts included) is at least 10 px;
        rule ids stay whole; wide tables scroll; invalid files' rows stay short."""
        facts = browser.layout(pages[name], width, (*TABLES, "tr.invalid", ".chart"))
        assert facts["overflowing"] == []
        assert facts["pageWidth"] == width
        chart = [t for t in facts["texts"] if t["chart"]]
        assert facts["boxes"][".chart"] and chart
        smallest = min(chart, key=lambda t: t["px"])
        assert smallest["px"] >= 10, smallest
        smallest = min(facts["texts"], key=lambda t: t["px"])
        assert smallest["px"] >= 10, smallest
        assert facts["splitIds"] == []
        tables = [box for selector in TABLES for box in facts["boxes"][selector]]
        assert tables
        assert all(box["width"] >= min(660, width - 24) for box in tables), tables
        for scroller in facts["scrollers"]:
            assert scroller["right"] <= width
            if width == 400:
                assert scroller["scrollWidth"] > scroller["clientWidth"], scroller
        if name == "portfolio":
            invalid = facts["boxes"]["tr.invalid"]
            assert len(invalid) == 2 and all(box["height"] < 100 for box in invalid), invalid
