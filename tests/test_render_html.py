"""The HTML report: self-contained, escaped, and readable in a real browser.

The browser tests run Debian's headless Chromium (``browser.py``) as a person's browser would
open the file: they take a screenshot, dump the DOM after load, read the console log and print to
PDF.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from attrs import evolve

from vetkit.render import html as html_renderer
from vetkit.render import summary

from browser import console_errors
from golden.synthetic import HOSTILE_TITLE, synthetic_course, synthetic_report
from golden.vetplugin import AS_OF, RUBRIC, make_engine

SCRIPT_TITLE = "<script>alert(1)</script>"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML document."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def classed(self, tag: str, cls: str) -> list[dict[str, str | None]]:
        return [a for a in self.named(tag) if cls in (a.get("class") or "").split()]


@pytest.fixture(scope="module")
def engine():
    return make_engine()


@pytest.fixture
def page() -> str:
    return html_renderer.render(synthetic_report(), course=synthetic_course())


def scored(engine, tmp_path, **changes):
    """The roll-call example with top-level ``changes``, written to tmp_path, loaded and scored."""
    data = json.loads((Path(__file__).parents[1] / "docs/examples/roll-call-awareness.json").read_text("utf-8"))
    data.update(changes)
    path = tmp_path / "course.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    course = engine.load_course(path)
    return course, engine.score(course, rubric=RUBRIC, as_of=AS_OF)


class TestDocument:
    def test_self_contained(self, page):
        """No external resource: no src, href, url() or @import, no script, no font files."""
        assert not re.search(r"\b(src|href)\s*=", page)
        assert "url(" not in page and "@import" not in page and "@font-face" not in page
        assert "<script" not in page.lower()
        assert re.findall(r"https?://[^\s\"'<>]+", page) == []

    def test_csp(self, page):
        """A strict Content-Security-Policy comes right after the charset, before any content."""
        head = page.split("<title>", 1)[0]
        assert '<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"' in head
        policy = Elements(page).named("meta")[1]["content"]
        assert "default-src 'none'" in policy and "style-src 'unsafe-inline'" in policy and "img-src data:" in policy
        assert "script-src" not in policy

    def test_print_css(self, page):
        """Print rules: page size and margins, colours kept, cards not split across pages."""
        assert "@page" in page and "@media print" in page and "print-color-adjust: exact" in page
        assert "break-inside: avoid" in page

    def test_verdict_and_score_first(self, page):
        """The verdict, score, coverage and pending range come before any finding."""
        report = synthetic_report()
        verdict_at = page.index('id="verdict"')
        assert page.index("Not recommended", verdict_at) < page.index("</p>", verdict_at)
        assert verdict_at < page.index('id="categories"') < page.index('id="fixes"')
        assert f"{report.score.value:.1f}" in page
        assert f"{report.score.coverage:.0%}" in page
        assert f"could end between {report.score.minimum:.1f} and {report.score.maximum:.1f}" in page

    def test_chart(self, page):
        """One bar row per category; bars only where something was conclusive; counts in the labels."""
        parsed = Elements(page)
        rows = summary.categories(synthetic_report())
        assert len(parsed.classed("li", "bar-row")) == len(rows)
        assert len([a for a in parsed.named("rect") if "bar" in (a.get("class") or "").split()]) == len(
            [r for r in rows if r.percent is not None])
        assert "0 pass · 2 fail · 0 review" in page

    def test_every_finding(self, page):
        """Every finding shows its pointer, line, evidence and fix; the term is marked."""
        report = synthetic_report()
        text = "".join(Elements(page).text)
        for result in report.results:
            for finding in result.findings:
                assert finding.pointer in text
                assert finding.message in text
                if finding.line:
                    assert f"line {finding.line}" in text
                if finding.evidence:
                    assert finding.evidence.replace(finding.term or "\0", "") in text.replace(finding.term or "\0", "")
                if finding.suggestion:
                    assert finding.suggestion in text
        assert "<mark>child prostitute</mark>" in page

    def test_open_questions(self, page):
        """The reviewer questions still open are listed with their question."""
        text = "".join(Elements(page).text)
        assert "Open reviewer questions" in text
        for result in summary.open_questions(synthetic_report()):
            assert result.question in text

    def test_footer(self, page):
        """Rubric, course hash, tool and plugin versions close the page."""
        footer = page[page.index('<footer class="colophon">'):]
        report = synthetic_report()
        assert report.course["sha256"] in footer
        assert "ht-training" in footer and "vetkit 0.1.0" in footer
        assert "broken&lt;plugin&gt; 9.9" in footer and "failed" in footer

    def test_alignment_comes_from_the_report(self):
        """A report without an alignment map has no map section; the synthetic report's map gives one row per
        objective and the orphans."""
        assert 'id="alignment"' not in html_renderer.render(evolve(synthetic_report(), alignment=None))
        parsed = Elements(html_renderer.render(synthetic_report()))
        table = [a for a in parsed.named("table") if a.get("class") == "alignment"]
        assert table
        text = "".join(parsed.text)
        assert "Modules that serve no objective: M2<x>" in text
        assert "Identify <three> indicators | of labor trafficking & smuggling" in text


class TestEscaping:
    def test_hostile_text_is_text(self, page):
        """Course text never becomes markup: every hazard is escaped and reads back unchanged."""
        assert "<script" not in page and "<b>near" not in page
        parsed = Elements(page)
        assert not parsed.named("script") and not parsed.named("b")
        text = "".join(parsed.text)
        assert HOSTILE_TITLE in text
        assert "Officers met a child prostitute <b>near</b> the depot & called it in." in text

    def test_attributes(self):
        """Quotes in values cannot end an attribute."""
        report = synthetic_report()
        results = [evolve(report.results[0], rule_id='TI-07" onmouseover="alert(1)')] + list(report.results[1:])
        page = html_renderer.render(evolve(report, results=results))
        assert 'onmouseover="alert' not in page
        assert not any("onmouseover" in attrs for _, attrs in Elements(page).tags)

    def test_class_names_are_fixed(self):
        """An unknown verdict or outcome from a crafted JSON report cannot inject a class or markup."""
        report = synthetic_report()
        crafted = evolve(report, verdict='x"><img src=x>', results=[evolve(report.results[0], outcome='y"><i>')])
        page = html_renderer.render(crafted)
        assert "<img" not in page and "<i>" not in page
        assert "tone-pending" in page

    def test_control_characters(self):
        """Characters HTML cannot carry become U+FFFD."""
        report = synthetic_report()
        page = html_renderer.render(evolve(report, course={**report.course, "title": "a\x00b\x1bc"}))
        assert "a\ufffdb\ufffdc" in page and "\x00" not in page


# -- in a real browser --------------------------------------------------------------------------------------

class TestInBrowser:
    def test_synthetic_report(self, browser, tmp_path, page):
        """The synthetic report loads without console errors; the DOM has the verdict, the chart and no script."""
        target = tmp_path / "synthetic.html"
        target.write_text(page, encoding="utf-8")
        dom, log = browser.dom(target)
        assert console_errors(log) == []
        parsed = Elements(dom)
        assert not parsed.named("script")
        assert "Not recommended" in dom
        charts = parsed.classed("ul", "chart")
        assert charts and len([a for a in parsed.named("rect") if "bar" in (a.get("class") or "").split()]) >= 2
        assert HOSTILE_TITLE in "".join(parsed.text)
        shot = browser.screenshot(target, tmp_path / "synthetic.png")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    def test_script_title_does_not_run(self, browser, tmp_path, engine):
        """A course titled <script>alert(1)</script> renders the title as text and runs nothing."""
        course, report = scored(engine, tmp_path, title=SCRIPT_TITLE)
        target = tmp_path / "script-title.html"
        target.write_text(html_renderer.render(report, course=course, rules=engine.rules), encoding="utf-8")
        dom, log = browser.dom(target)
        assert console_errors(log) == []
        parsed = Elements(dom)
        assert not parsed.named("script")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
        h1 = dom[dom.index("<h1>") + 4:dom.index("</h1>")]
        assert h1 == "&lt;script&gt;alert(1)&lt;/script&gt;"
        browser.screenshot(target, tmp_path / "script-title.png")

    def test_harness_would_see_a_script(self, browser, tmp_path):
        """Control: the same harness sees an inline script run on a page without a policy."""
        target = tmp_path / "control.html"
        target.write_text("<!DOCTYPE html><html><body><p>x</p><script>document.body.setAttribute('data-ran', '1');"
                          "</script></body></html>", encoding="utf-8")
        dom, _ = browser.dom(target)
        assert 'data-ran="1"' in dom

    def test_policy_blocks_an_injected_script(self, browser, tmp_path, page):
        """Even if a renderer bug let a script through, the page's policy would stop it."""
        injected = page.replace("</main>", "<script>document.body.setAttribute('data-ran', '1');</script></main>")
        target = tmp_path / "injected.html"
        target.write_text(injected, encoding="utf-8")
        dom, log = browser.dom(target)
        assert 'data-ran="1"' not in dom
        assert any("Content Security Policy" in line for line in log.splitlines())

    def test_example_course(self, browser, tmp_path, engine):
        """A scored example course with its alignment map renders without console errors."""
        course, report = scored(engine, tmp_path)
        target = tmp_path / "roll-call.html"
        target.write_text(html_renderer.render(report, course=course, rules=engine.rules), encoding="utf-8")
        dom, log = browser.dom(target)
        assert console_errors(log) == []
        assert '<table class="alignment">' in dom and summary.verdict_label(report.verdict) in dom
        browser.screenshot(target, tmp_path / "roll-call.png")

    def test_prints_to_pdf(self, browser, tmp_path, page):
        """The page prints to a PDF of several pages."""
        target = tmp_path / "print.html"
        target.write_text(page, encoding="utf-8")
        pdf = tmp_path / "report.pdf"
        done = browser.run(target, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
        assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type/Page") >= 1


class TestRegistration:
    """The new formats are plugins of vetkit's core, chosen by name or by the -o suffix."""

    @pytest.mark.parametrize("name, suffix", [("html", ".html"), ("markdown", ".md"), ("sarif", ".sarif"),
                                              ("junit", ".xml")])
    def test_registered(self, engine, name, suffix):
        """Each format is registered through the formats hook by vetkit's core, with its suffix."""
        fmt = engine.formats[name]
        assert (fmt.suffix, fmt.plugin) == (suffix, "vetkit")
        assert isinstance(fmt.render(synthetic_report()), str)

    @pytest.mark.parametrize("suffix, start", [(".html", "<!DOCTYPE html>"), (".md", "## "),
                                               (".sarif", '{\n  "$schema"'), (".xml", "<?xml")])
    def test_output_suffix_picks_the_format(self, monkeypatch, tmp_path, suffix, start):
        """`vetkit score FILE -o report.SUFFIX` writes that format."""
        from click.testing import CliRunner

        from golden.vetplugin import cli_env
        from vetkit.cli import main

        target = tmp_path / f"report{suffix}"
        course = Path(__file__).parents[1] / "docs/examples/roll-call-awareness.json"
        result = CliRunner().invoke(main, ["score", str(course), "--rubric", RUBRIC, "--as-of", AS_OF, "-o",
                                           str(target)], env=cli_env(monkeypatch))
        assert result.exit_code in (0, 1), result.stderr
        assert target.read_text(encoding="utf-8").startswith(start)
