"""The Markdown report: verdict first, tables that hold whatever the course says."""

from __future__ import annotations

import re

import pytest
from attrs import evolve
from hypothesis import given, settings
from hypothesis import strategies as st

from vetkit.render import markdown
from vetkit.report import Finding

from golden.synthetic import synthetic_report


def table_rows(source: str, header: str) -> list[str]:
    """The body rows of the table whose header row starts with ``header``."""
    lines = source.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def cells(row: str) -> list[str]:
    """A GFM row split at its unescaped pipes."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.fixture
def page() -> str:
    return markdown.render(synthetic_report())


class TestContent:
    def test_verdict_and_score_first(self, page):
        """The heading is the verdict and course; the score line follows."""
        first, _, third = page.splitlines()[:3]
        assert first.startswith("## ❌ Not recommended: ")
        assert third.startswith("Score **56.0**/100 · coverage 71% · could end between 40.0 and 68.6")

    def test_table_by_category(self, page):
        """One row per category, with the score and every outcome count."""
        rows = table_rows(page, "| Category |")
        assert [cells(r)[:2] for r in rows][:2] == [["Trauma-informed and victim-centered content", "0%"],
                                                    ["Learning objectives and learning checks", "17%"]]
        assert all(len(cells(r)) == 7 for r in rows)

    def test_top_findings_with_pointers(self, page):
        """Failures first, then errors, then reviews; each with its pointer and line."""
        rows = table_rows(page, "| | Criterion |")
        assert [cells(r)[1].split("**")[1] for r in rows] == ["TI-07", "TI-07", "LO-01", "LO-03", "AC-05", "TI-03",
                                                             "AU-02"]
        assert "`/modules/0/text` line 12" in rows[0]

    def test_top_is_capped(self):
        """Past ``top`` findings the rest are counted, not listed."""
        page = markdown.render(synthetic_report(), top=2)
        assert len(table_rows(page, "| | Criterion |")) == 2
        assert "… and 5 more" in page

    def test_open_questions(self, page):
        """Each pending question is a task-list item."""
        assert "- [ ] **TI-03** " in page and "- [ ] **AU-02** " in page

    def test_same_fix_once(self, page):
        """A fix shared by a criterion's findings is written once, after the last of them."""
        assert page.count("Fix (the 2 findings above): Say \"a child who was sex trafficked\"") == 1
        assert page.count("Say \"a child who was sex trafficked\"") == 1


class TestEscaping:
    def test_every_row_keeps_its_cells(self, page):
        """Pipes, backticks and markup in course text never add or remove a table cell."""
        for header, width in (("| Category |", 7), ("| | Criterion |", 4)):
            assert all(len(cells(row)) == width for row in table_rows(page, header)), header

    def test_no_raw_html_from_the_course(self, page):
        """Angle brackets and ampersands from the course become entities."""
        assert "<script>" not in page and "<b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"Quotes\" \\| 'Pipes'" in page

    def test_markdown_syntax_is_inert(self):
        """Emphasis, links, code and strike-through characters are escaped."""
        assert markdown.text("*a* _b_ [c](d) `e` ~f~ \\") == "\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\~f\\~ \\\\"

    def test_newlines_cannot_end_a_row(self):
        """Line breaks in course text become spaces."""
        report = synthetic_report()
        finding = Finding("/a", "line one\n| x | y |\nline two", evidence="e\r\nf")
        results = [evolve(report.results[0], findings=[finding])]
        page = markdown.render(evolve(report, results=results))
        row = table_rows(page, "| | Criterion |")[0]
        assert len(cells(row)) == 4 and "line one \\| x \\| y \\| line two" in row

    @pytest.mark.parametrize("value, expected", [
        ("/a|b", "`/a\\|b`"),
        ("a`b", "``a`b``"),
        ("`x", "`` `x ``"),
    ])
    def test_code_spans(self, value, expected):
        """Code spans outgrow the backticks inside them and escape pipes in tables."""
        assert markdown.code(value) == expected


class TestAnyText:
    """Whatever text a course or plugin supplies, every format stays well-formed."""

    @settings(max_examples=150, deadline=None)
    @given(title=st.text(max_size=60), message=st.text(max_size=60), pointer=st.text(max_size=20))
    def test_all_formats(self, title, message, pointer):
        """Markdown rows keep their cells, HTML grows no element, JUnit and SARIF parse."""
        import json
        from html.parser import HTMLParser
        from xml.etree import ElementTree as ET

        from vetkit.render import html, junit, sarif

        report = synthetic_report()
        first = report.results[0]
        finding = Finding("/" + pointer, message, evidence=message, suggestion=title, line=3, term=title[:3] or None)
        report = evolve(report, course={**report.course, "title": title},
                        results=[evolve(first, title=title, reason=message, findings=[finding]), *report.results[1:]])
        page = markdown.render(report)
        assert all(len(cells(row)) == 4 for row in table_rows(page, "| | Criterion |"))
        assert all(len(cells(row)) == 7 for row in table_rows(page, "| Category |"))

        class Tags(HTMLParser):
            names: list[str] = []

            def handle_starttag(self, tag, attrs):
                self.names.append(tag)

        baseline = Tags()
        baseline.names = []
        baseline.feed(html.render(synthetic_report()))
        rendered = Tags()
        rendered.names = []
        rendered.feed(html.render(report))
        assert set(rendered.names) <= set(baseline.names) | {"mark"}
        assert "script" not in rendered.names
        ET.fromstring(junit.render(report).encode("utf-8"))
        assert json.loads(sarif.render(report))["runs"][0]["results"]
