"""The report as GitHub-flavoured Markdown: for a pull-request comment or a CI step summary.

Verdict and score first, a table by category, the top findings with their pointers and the
questions still open. Text from the course, rubric or plugins is untrusted: :func:`text`
turns it into inert Markdown (HTML special characters become entities, Markdown syntax is
backslash-escaped, line breaks become spaces), and :func:`code` makes a code span that
cannot break out of its table cell.
"""

from __future__ import annotations

import re
from typing import Any

from . import summary

#: Findings listed before "and N more"; the HTML and JSON reports list all of them.
TOP_FINDINGS = 15
_ICONS = {"good": "✅", "pending": "⏳", "warn": "⚠️", "bad": "❌"}
_OUTCOME_ICONS = {"fail": "❌", "error": "💥", "needs-review": "❓", "pass": "✅", "not-applicable": "➖"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text(value: Any) -> str:
    """Untrusted text as inert inline Markdown, safe inside a table cell."""
    raw = _CONTROL.sub("\ufffd", "" if value is None else str(value))
    raw = " ".join(raw.split())
    raw = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", raw)


def code(value: Any, *, in_table: bool = True) -> str:
    """Untrusted text as a code span; ``|`` is escaped inside tables (GFM reads it before the span)."""
    raw = " ".join(_CONTROL.sub("\ufffd", "" if value is None else str(value)).split()) or " "
    longest = max((len(run) for run in re.findall(r"`+", raw)), default=0)
    fence = "`" * (longest + 1)
    if raw.startswith("`") or raw.endswith("`"):
        raw = f" {raw} "
    if in_table:
        raw = raw.replace("|", "\\|")
    return f"{fence}{raw}{fence}"


def render(report, *, top: int = TOP_FINDINGS, **_: Any) -> str:
    """Markdown for ``report``; ``top`` caps the findings listed."""
    lines: list[str] = []
    lines += _header(report)
    lines += _categories(report)
    lines += _findings(report, top)
    lines += _questions(report)
    lines += _footer(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def _header(report) -> list[str]:
    course = report.course
    tone = summary.VERDICT_TONES.get(report.verdict, "pending")
    icon = _ICONS.get(tone, "")
    score = report.score
    line = f"Score **{summary.score_value(report)}**/100 · coverage {score.coverage:.0%}"
    range_text = summary.range_text(report)
    if range_text:
        line += f" · {range_text}"
    lines = [f"## {icon} {text(summary.verdict_label(report.verdict))}: {text(course.get('id'))} "
             f"{text(course.get('title'))} (version {text(course.get('version'))})", "",
             line + "  ",
             f"**Why:** {text(report.verdict_reason)}  ",
             f"{text(summary.counts_text(report))} · rubric {code(report.rubric.get('id'), in_table=False)} "
             f"{text(report.rubric.get('version'))} · as of {text(report.as_of)}"]
    essentials = summary.failing_essentials(report)
    if essentials:
        lines[-1] += "  "
        lines.append(f"**Essential criteria failed:** {text(', '.join(essentials))}")
    notices = list(report.notices)
    if not report.complete:
        notices.insert(0, "Incomplete: an essential criterion could not be checked.")
    if notices:
        lines.append("")
        lines += ["> [!WARNING]"] + [f"> {text(notice)}  " for notice in notices]
    lines.append("")
    return lines


def _categories(report) -> list[str]:
    rows = summary.categories(report)
    if not rows:
        return []
    lines = ["### By category", "", "| Category | Score | Pass | Fail | Review | N/A | Error |",
             "|:--|--:|--:|--:|--:|--:|--:|"]
    for row in rows:
        percent = "n/a" if row.percent is None else f"{row.percent:.0f}%"
        lines.append(f"| {text(row.title)} | {percent} | {row.passed} | {row.failed} | {row.review} | "
                     f"{row.not_applicable} | {row.errors} |")
    return lines + [""]


def _findings(report, top: int) -> list[str]:
    problems = summary.ordered(r for r in report.results if r.outcome in ("fail", "error", "needs-review"))
    rows: list[str] = []
    for result in problems:
        shown = [f for f in result.findings if f.effect != "note"]
        severity = f"{result.severity}{', essential' if result.essential else ''}"
        criterion = f"**{text(result.rule_id)}** {text(result.title)} ({text(severity)})"
        icon = _OUTCOME_ICONS.get(result.outcome, "")
        if not shown:
            fix = f"<br>Fix: {text(result.how_to_fix)}" if result.how_to_fix and result.outcome != "error" else ""
            rows.append(f"| {icon} | {criterion} | | {text(result.reason)}{fix} |")
        for view in summary.finding_views(shown):
            finding = view.finding
            where = code(finding.pointer or "/")
            if finding.line:
                where += f" line {finding.line}"
            if finding.source is not None:
                where = f"{text(finding.source.label)}<br>{where}"
            message = text(finding.message)
            if view.evidence:
                message += f" — {text(summary.quoted(view.evidence))}"
            if view.fix:
                above = f" (the {view.fix_count} findings above)" if view.fix_count > 1 else ""
                message += f"<br>Fix{above}: {text(view.fix)}"
            rows.append(f"| {icon} | {criterion} | {where} | {message} |")
    if not rows:
        return ["### Findings", "", "No criterion failed, errored or awaits review.", ""]
    lines = ["### Top findings", "", "| | Criterion | Where | Finding |", "|:-:|:--|:--|:--|"]
    lines += rows[:top]
    if len(rows) > top:
        lines += ["", f"… and {len(rows) - top} more (the HTML or JSON report lists every finding)."]
    return lines + [""]


def _questions(report) -> list[str]:
    questions = summary.open_questions(report)
    if not questions:
        return []
    lines = ["### Open reviewer questions", ""]
    for result in questions:
        question = result.question or result.reason
        pointers = ", ".join(code(f.pointer or "/", in_table=False) for f in result.findings[:3])
        lines.append(f"- [ ] **{text(result.rule_id)}** {text(result.title)}: {text(question)}"
                     + (f" (see {pointers})" if pointers else ""))
    return lines + [""]


def _footer(report) -> list[str]:
    plugins = ", ".join(f"{p.get('name')} {p.get('version') or ''}".strip() + (
        f" ({p.get('status')})" if p.get("status") != "loaded" else "") for p in report.plugins)
    return [f"<sub>vetkit {text(report.tool_version)} · course sha256 {code(summary.short_hash(report.course.get('sha256')), in_table=False)}"
            + (f" · plugins: {text(plugins)}" if plugins else "") + "</sub>"]
