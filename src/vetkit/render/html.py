"""The report as one self-contained HTML page: inline CSS and SVG, no script, printable.

Everything that comes from the course, the rubric or a plugin is untrusted and goes
through :func:`html.escape` (the helper ``_e``) before it reaches the page; class names
are chosen from fixed tables, never copied from report data. A Content-Security-Policy
forbids scripts, network access and external resources, so even a mistake here could not
run code or phone home.

The page is a function of the report alone: the alignment map, each criterion's rationale
and how-to-fix travel in it.
"""

from __future__ import annotations

import os
import re
from html import escape
from typing import Any, Iterable

from . import summary

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

_TONES = {"good", "pending", "warn", "bad"}
_BANDS = {"good", "warn", "bad", "none"}
_OUTCOME_CLASSES = {"pass": "pass", "fail": "fail", "needs-review": "review", "not-applicable": "na", "error": "error"}
_OUTCOME_WORDS = {"pass": "Pass", "fail": "Fail", "needs-review": "Review", "not-applicable": "N/A", "error": "Error"}
_EFFECT_CLASSES = {"fail": "fail", "needs-review": "review", "note": "note"}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HYPHENATED_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")


def _e(value: Any) -> str:
    """Escape any value for HTML text or a quoted attribute; control characters become U+FFFD."""
    return escape(_INVALID_XML.sub("\ufffd", "" if value is None else str(value)), quote=True)


def _prose(value: Any) -> str:
    """Escaped text in which ids such as ``TI-07`` never break across lines at their hyphen."""
    return _HYPHENATED_ID.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', _e(value))


def shown_path(name: Any, start: str | None = None) -> str:
    """A file name as a reader should see it: an absolute path relative to ``start`` (the working directory).

    Reports travel; an absolute path says where the course sat on one machine. Names that are not
    absolute paths (``<data>``, ``courses/a.json``) are shown as they are.
    """
    text = "" if name is None else str(name)
    if not os.path.isabs(text):
        return text
    try:
        return os.path.relpath(text, start or os.getcwd())
    except ValueError:  # another drive on Windows
        return os.path.basename(text)


def _tone(verdict: str) -> str:
    tone = summary.VERDICT_TONES.get(verdict, "pending")
    return tone if tone in _TONES else "pending"


def _num(value: float) -> str:
    return f"{value:g}"


def render(report, **_: Any) -> str:
    """The HTML page for ``report``."""
    course_info = report.course
    title = f"{course_info.get('id', '')} {course_info.get('title', '')}".strip()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="vetkit {_e(report.tool_version)}">',
        f"<title>{_e(summary.verdict_label(report.verdict))}: {_e(title)} (vetkit report)</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<main class="page">',
        _masthead(report),
        _summary(report),
        _notices(report),
        _categories(report),
        _fixes(report),
        _questions(report),
        _notes(report),
        _alignment(report.alignment),
        _criteria(report),
        "</main>",
        _footer(report),
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


# -- the top of the page ------------------------------------------------------------------------


def _masthead(report) -> str:
    course, rubric = report.course, report.rubric
    return (
        '<header class="masthead">\n'
        f'<p class="eyebrow">vetkit report · {_e(rubric.get("title") or rubric.get("id"))} · as of {_e(report.as_of)}</p>\n'
        f'<h1>{_e(course.get("title"))}</h1>\n'
        f'<p class="meta"><span class="course-id">{_e(course.get("id"))}</span> · version {_e(course.get("version"))}'
        f' · <span class="file">{_e(shown_path(course.get("file")))}</span></p>\n'
        "</header>")


def _summary(report) -> str:
    tone = _tone(report.verdict)
    score = report.score
    number = summary.counts(report)
    lines = [f'<section class="summary tone-{tone}" aria-label="Verdict and score">',
             '<div class="card verdict-card">',
             '<p class="label">Verdict</p>',
             f'<p class="verdict" id="verdict">{_e(summary.verdict_label(report.verdict))}</p>',
             f'<p class="why">{_prose(_sentence(report.verdict_reason))}</p>',
             '<ul class="counts" aria-label="Criteria by outcome">']
    for outcome, word in (("pass", "passed"), ("fail", "failed"), ("needs-review", "to review"),
                          ("not-applicable", "not applicable"), ("error", "errored")):
        if number[outcome]:
            lines.append(f'<li class="chip {_OUTCOME_CLASSES[outcome]}"><strong>{number[outcome]}</strong> {word}</li>')
    lines.append("</ul>")
    essentials = summary.failing_essentials(report)
    if essentials:
        lines.append(f'<p class="essentials">Essential criteria failed: {_prose(", ".join(essentials))}</p>')
    lines += ["</div>",
              '<div class="card score-card">',
              '<p class="label">Score</p>',
              f'<p class="score"><span class="value" id="score">{_e(summary.score_value(report))}</span>'
              '<span class="out-of">/100</span></p>',
              _gauge(report),
              '<p class="score-notes">'
              f'Coverage <strong>{score.coverage:.0%}</strong>: the share of the weight that is conclusive'
              f' ({_num(score.conclusive_weight)} of {_num(score.applicable_weight)}).']
    range_text = summary.range_text(report)
    if range_text:
        lines.append(f' <span class="range">The score {_e(range_text)}.</span>')
    lines += ["</p>", "</div>", "</section>"]
    return "\n".join(lines)


def _gauge(report) -> str:
    """A 0–100 track filled to the score, with the range reviews can still move it to drawn beneath."""
    score = report.score
    width = 300.0
    parts = [f'<svg class="gauge" viewBox="0 0 {width:g} 30" width="100%" role="img" '
             f'aria-label="score {_e(summary.score_value(report))} of 100">',
             f'<rect class="track" x="0" y="4" width="{width:g}" height="12" rx="6"/>']
    if score.value is not None:
        parts.append(f'<rect class="fill" x="0" y="4" width="{score.value / 100 * width:.1f}" height="12" rx="6"/>')
    if score.pending_weight:
        start, end = score.minimum / 100 * width, score.maximum / 100 * width
        parts.append(f'<g class="range"><title>could end between {score.minimum:.1f} and {score.maximum:.1f}</title>'
                     f'<rect x="{start:.1f}" y="22" width="{max(end - start, 2):.1f}" height="4" rx="2"/>'
                     f'<rect x="{start:.1f}" y="19" width="2" height="10"/>'
                     f'<rect x="{max(end - 2, 0):.1f}" y="19" width="2" height="10"/></g>')
    parts.append("</svg>")
    return "".join(parts)


def _notices(report) -> str:
    items = []
    if not report.complete:
        items.append("Incomplete: an essential criterion could not be checked (see the errors below).")
    items += list(report.notices)
    if report.review and report.review.get("stale"):
        items.append(f"Review answers in {report.review.get('file')} were not used: {report.review.get('staleReason')}.")
    if not items:
        return ""
    return ('<section class="notices" aria-label="Notices"><ul>\n'
            + "\n".join(f"<li>{_prose(item)}</li>" for item in items) + "\n</ul></section>")


# -- score by category ----------------------------------------------------------------------------


def _categories(report) -> str:
    rows = summary.categories(report)
    if not rows:
        return ""
    return ('<section id="categories">\n<h2>Score by category</h2>\n'
            '<p class="hint">Earned weight as a share of the conclusive (pass or fail) weight in each category.</p>\n'
            f"{category_chart(rows)}\n</section>")


def category_chart(rows: Iterable[summary.CategorySummary]) -> str:
    """A bar chart in HTML: per category its title, pass/fail/review counts, percentage and bar.

    The words are HTML text, so they keep their size and wrap on a narrow screen; only the bars are
    drawn (see :func:`bar`).
    """
    parts = ['<ul class="chart" aria-label="Score by category">']
    for row in rows:
        percent = row.percent
        band = "none" if percent is None else "good" if percent >= 80 else "warn" if percent >= 50 else "bad"
        counts = [f"{row.passed} pass", f"{row.failed} fail", f"{row.review} review"]
        if row.errors:
            counts.append(f"{row.errors} error")
        if row.not_applicable:
            counts.append(f"{row.not_applicable} n/a")
        label = "n/a" if percent is None else f"{percent:.0f}%"
        parts.append(f'<li class="bar-row" data-category="{_e(row.slug)}" '
                     f'title="{_e(row.title)}: {_e(label)} ({_e(", ".join(counts))})">'
                     f'<span class="cat">{_e(row.title)}</span>'
                     f'<span class="cnt">{_e(" · ".join(counts))}</span>'
                     f'<span class="pct band-{band}">{_e(label)}</span>'
                     + bar([] if percent is None else [(band, percent)]) + "</li>")
    parts.append("</ul>")
    return "\n".join(parts)


def bar(segments: Iterable[tuple[str, float]]) -> str:
    """A 0–100 bar as inline SVG that stretches to its box: one filled segment per (band, percent)."""
    parts = ['<svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">',
             '<rect class="track" width="100" height="10"/>']
    at = 0.0
    for band, percent in segments:
        width = max(min(percent, 100 - at), 0)
        parts.append(f'<rect class="bar band-{band if band in _BANDS else "none"}" x="{at:.1f}" '
                     f'width="{width:.1f}" height="10"/>')
        at += width
    parts.append("</svg>")
    return "".join(parts)


# -- findings -------------------------------------------------------------------------------------


def _fixes(report) -> str:
    results = summary.ordered(r for r in report.results if r.outcome in ("fail", "error"))
    if not results:
        return ('<section id="fixes">\n<h2>What to fix</h2>\n'
                '<p class="empty">No criterion failed or errored.</p>\n</section>')
    return ('<section id="fixes">\n<h2>What to fix</h2>\n'
            + "\n".join(_result_card(result) for result in results) + "\n</section>")


def _questions(report) -> str:
    results = summary.open_questions(report)
    if not results:
        return ""
    return ('<section id="questions">\n<h2>Open reviewer questions</h2>\n'
            '<p class="hint">A person must answer these (<code>vetkit review init</code> writes an answer file); '
            "until then the score can still move.</p>\n"
            + "\n".join(_result_card(result) for result in summary.ordered(results)) + "\n</section>")


def _notes(report) -> str:
    results = [r for r in summary.ordered(report.results)
               if r.outcome in ("pass", "not-applicable") and r.findings]
    if not results:
        return ""
    return ('<section id="notes">\n<h2>Notes on other criteria</h2>\n'
            + "\n".join(_result_card(result) for result in results) + "\n</section>")


def _result_card(result) -> str:
    kind = _OUTCOME_CLASSES.get(result.outcome, "na")
    essential = '<span class="tag essential">essential</span>' if result.essential else ""
    severity_class = f" sev-{_severity(result.severity)}" if result.outcome in ("fail", "error", "needs-review") else ""
    lines = [f'<article class="result {kind}" id="rule-{_e(result.rule_id)}">',
             '<header class="result-head">',
             f'<span class="badge {kind}">{_e(_OUTCOME_WORDS.get(result.outcome, result.outcome))}</span>',
             f'<span class="rule-id">{_e(result.rule_id)}</span>',
             f'<span class="rule-title">{_e(result.title)}</span>',
             "</header>",
             f'<p class="tags"><span class="tag{severity_class}">{_e(result.severity)}</span>'
             f'{essential}<span class="tag">{_e(summary.category_title(result.category))}</span>'
             f'<span class="tag">weight {_num(result.weight)}</span></p>',
             f'<p class="reason">{_prose(_sentence(result.reason))}</p>']
    if result.outcome == "needs-review" and result.question:
        lines.append(f'<p class="question"><span class="label-inline">Question for the reviewer</span> {_prose(result.question)}</p>')
    if result.rationale and result.outcome != "pass":
        lines.append(f'<details class="rationale"><summary>Why it matters</summary><p>{_prose(result.rationale)}</p></details>')
    order = {"fail": 0, "needs-review": 1}
    findings = sorted(result.findings, key=lambda f: order.get(f.effect, 2))  # notes last (stable sort)
    fixing = result.outcome in ("fail", "needs-review", "error")  # a passing criterion needs no fix
    suggestions = {f.suggestion for f in findings if f.suggestion and f.effect != "note"} if fixing else set()
    shared = suggestions.pop() if len(suggestions) == 1 else None
    if shared is None and not suggestions and result.outcome in ("fail", "needs-review"):
        shared = result.how_to_fix
    if findings:
        lines.append('<ol class="findings">')
        quoted: set[str] = set()  # evidence repeated within a criterion is shown once
        for finding in findings:
            lines.append(_finding(finding, show_fix=fixing and shared is None and finding.effect != "note",
                                  show_evidence=finding.evidence not in quoted))
            quoted.add(finding.evidence)
        lines.append("</ol>")
    if shared:
        lines.append(f'<p class="fix"><span class="label-inline">How to fix</span> {_prose(shared)}</p>')
    lines.append("</article>")
    return "\n".join(lines)


def _finding(finding, *, show_fix: bool, show_evidence: bool = True) -> str:
    effect = _EFFECT_CLASSES.get(finding.effect, "note")
    where = f'<code class="pointer">{_e(finding.pointer or "/")}</code>'
    if finding.line:
        where += f' <span class="line">line {_e(finding.line)}' + (
            f", column {_e(finding.column)}" if finding.column else "") + "</span>"
    if finding.source is not None:
        where = f'<strong class="source">{_e(finding.source.label)}</strong> {where}'
    lines = [f'<li class="finding {effect}">',
             f'<p class="where">{where}<span class="effect">{_e({"fail": "fails the criterion", "needs-review": "needs review", "note": "note"}.get(finding.effect, finding.effect))}</span></p>',
             f'<p class="message">{_prose(finding.message)}</p>']
    if finding.evidence and show_evidence:
        lines.append(f'<blockquote class="evidence">{_highlight(finding.evidence, finding.term)}</blockquote>')
    if show_fix and finding.suggestion:
        lines.append(f'<p class="fix"><span class="label-inline">Fix</span> {_prose(finding.suggestion)}</p>')
    lines.append("</li>")
    return "\n".join(lines)


def _highlight(evidence: str, term: str | None) -> str:
    """The evidence, escaped, with the first occurrence of ``term`` marked."""
    if term:
        at = evidence.lower().find(term.lower())
        if at >= 0:
            end = at + len(term)
            return f"{_prose(evidence[:at])}<mark>{_prose(evidence[at:end])}</mark>{_prose(evidence[end:])}"
    return _prose(evidence)


# -- alignment map and the criteria table ---------------------------------------------------------


def _alignment(amap) -> str:
    if not amap:
        return ""
    lines = ['<section id="alignment">', "<h2>Alignment map</h2>",
             '<p class="hint">What teaches and what assesses each objective, as the course document links them. '
             "Minutes: each activity's minutes split across its objectives, plus the rest of its module's minutes "
             "split across the module's objectives.</p>",
             '<div class="table-wrap"><table class="alignment">',
             "<thead><tr><th scope=\"col\">Objective</th><th scope=\"col\">Modules</th><th scope=\"col\">Activities</th>"
             "<th scope=\"col\">Assessment items</th><th scope=\"col\" class=\"num\">Minutes</th></tr></thead>", "<tbody>"]
    for row in amap["objectives"]:
        critical = ' <span class="tag essential">critical</span>' if row["critical"] else ""
        gaps = []
        if not row["taught"]:
            gaps.append("not taught")
        if not row["assessed"]:
            gaps.append("not assessed")
        gap = "".join(f' <span class="tag gap">{g}</span>' for g in gaps)
        row_class = ' class="gap-row"' if gaps else ""
        items = [item["id"] for item in row["items"]]
        minutes = f"{row['minutes']:g}"
        lines.append(f'<tr{row_class}>'
                     f'<th scope="row"><span class="obj-id">{_e(row["id"])}</span>{critical}{gap}'
                     f'<span class="obj-text">{_e(row["text"])}</span></th>'
                     f'<td>{_ids(row["modules"])}</td><td>{_ids(row["activities"])}</td><td>{_ids(items)}</td>'
                     f'<td class="num">{_e(minutes)}</td></tr>')
    total = f"{amap['totalMinutes']:g}"
    lines += ["</tbody>",
              f'<tfoot><tr><th scope="row">Module minutes in all</th><td colspan="3"></td><td class="num">{_e(total)}</td></tr></tfoot>',
              "</table></div>"]
    orphans = amap["orphans"]
    labelled = [("Modules that serve no objective", orphans["modules"]),
                ("Activities that serve no objective", orphans["activities"]),
                ("Assessment items that measure no objective", orphans["items"]),
                ("Objectives no module or activity teaches", orphans["objectives"]),
                ("Objectives no item assesses", orphans["unassessedObjectives"])]
    found = [(label, ids) for label, ids in labelled if ids]
    if found:
        lines.append('<ul class="orphans">')
        lines += [f"<li><strong>{label}:</strong> {_ids(ids)}</li>" for label, ids in found]
        lines.append("</ul>")
    else:
        lines.append('<p class="empty">Every objective is taught and assessed, and everything serves an objective.</p>')
    lines.append("</section>")
    return "\n".join(lines)


def _ids(ids) -> str:
    if not ids:
        return '<span class="none">—</span>'
    return " ".join(f'<span class="id">{_e(i)}</span>' for i in ids)


def _criteria(report) -> str:
    if not report.results:
        return ""
    lines = ['<section id="criteria">', "<h2>All criteria</h2>", '<div class="table-wrap"><table class="criteria">',
             '<thead><tr><th scope="col">Criterion</th><th scope="col">Title</th><th scope="col">Category</th>'
             '<th scope="col">Severity</th><th scope="col" class="num">Weight</th><th scope="col">Outcome</th>'
             '<th scope="col" class="num">Score</th></tr></thead>', "<tbody>"]
    for result in report.results:
        kind = _OUTCOME_CLASSES.get(result.outcome, "na")
        score = "–" if result.score is None else f"{result.score:.2f}"
        essential = ' <span class="tag essential">essential</span>' if result.essential else ""
        answered = ' <span class="tag">reviewed</span>' if result.answered_by else ""
        lines.append(f'<tr class="{kind}"><td class="rule-id">{_e(result.rule_id)}</td>'
                     f"<td>{_e(result.title)}{essential}{answered}</td>"
                     f"<td>{_e(summary.category_title(result.category))}</td><td>{_e(result.severity)}</td>"
                     f'<td class="num">{_num(result.weight)}</td>'
                     f'<td><span class="badge {kind}">{_e(_OUTCOME_WORDS.get(result.outcome, result.outcome))}</span></td>'
                     f'<td class="num">{score}</td></tr>')
    lines += ["</tbody></table></div>", "</section>"]
    return "\n".join(lines)


def _footer(report) -> str:
    rubric, course = report.rubric, report.course
    rule = rubric.get("verdictRule")
    verdict_rule = f"threshold {rubric.get('threshold')}" if rule == "threshold" else "severity"
    plugins = [p for p in report.plugins]
    plugin_items = "".join(
        f'<li>{_e(p.get("name"))} {_e(p.get("version") or "")}'
        + (f' <span class="status">({_e(p.get("status"))}{": " + _e(p.get("error")) if p.get("error") else ""})</span>'
           if p.get("status") != "loaded" else "") + "</li>" for p in plugins)
    lines = ['<footer class="colophon">',
             "<dl>",
             f'<dt>Rubric</dt><dd>{_e(rubric.get("title"))} (<code>{_e(rubric.get("id"))}</code> version '
             f'{_e(rubric.get("version"))}; verdict rule: {_e(verdict_rule)})</dd>',
             f'<dt>Course</dt><dd>{_e(course.get("id"))} version {_e(course.get("version"))}, '
             f'<span class="file">{_e(shown_path(course.get("file")))}</span></dd>',
             f'<dt>Course hash</dt><dd><code class="hash">sha256 {_e(course.get("sha256"))}</code></dd>',
             f"<dt>Scored as of</dt><dd>{_e(report.as_of)}</dd>",
             f"<dt>Tool</dt><dd>vetkit {_e(report.tool_version)}</dd>"]
    if report.review:
        review = report.review
        reviewer = review.get("reviewer") or {}
        lines.append(f'<dt>Review</dt><dd>{_e(shown_path(review.get("file")))}, {_e(reviewer.get("name") or "reviewer")}, '
                     f'{_e(review.get("date"))}; applied to {_e(len(review.get("applied") or []))} criteria</dd>')
    if plugin_items:
        lines.append(f'<dt>Plugins</dt><dd><ul class="plugins">{plugin_items}</ul></dd>')
    lines += ["</dl>", "</footer>"]
    return "\n".join(lines)


def _severity(severity: str) -> str:
    return severity if severity in ("error", "warning", "info") else "info"


def _sentence(text: str) -> str:
    text = (text or "").strip()
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


STYLE = """
:root {
  --ink: #1d2430; --muted: #5b6575; --faint: #8a93a3; --line: #dde2ea; --paper: #ffffff; --wash: #f5f7fa;
  --good: #1f7a4d; --good-bg: #e6f4ec; --pending: #8a5a00; --pending-bg: #fff4d6;
  --warn: #b45309; --warn-bg: #fdecdc; --bad: #b42318; --bad-bg: #fde8e6;
  --na: #6b7280; --na-bg: #eef0f3; --err: #7a2e9a; --err-bg: #f3e8fa; --accent: #2f5fb3;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
.page { max-width: 1040px; margin: 0 auto; padding: 28px 32px 8px; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 6px; }
h2 { font-size: 19px; margin: 0 0 10px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
code, .pointer, .hash { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.88em; }
.eyebrow { margin: 0; color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .04em; }
.meta { margin: 0; color: var(--muted); }
.course-id { font-weight: 600; color: var(--ink); }
.file { overflow-wrap: anywhere; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; margin: 16px 0; }
.masthead { padding: 4px 0 4px; }
.summary { display: grid; grid-template-columns: 1.35fr 1fr; gap: 14px; background: none; border: 0; padding: 0; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.label { margin: 0; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
.verdict-card { border-left: 6px solid var(--tone); background: var(--tone-bg); }
.tone-good { --tone: var(--good); --tone-bg: var(--good-bg); }
.tone-pending { --tone: var(--pending); --tone-bg: var(--pending-bg); }
.tone-warn { --tone: var(--warn); --tone-bg: var(--warn-bg); }
.tone-bad { --tone: var(--bad); --tone-bg: var(--bad-bg); }
.verdict { margin: 2px 0 6px; font-size: 32px; font-weight: 750; line-height: 1.1; color: var(--tone); }
.why { margin: 0; font-size: 14px; }
.score { margin: 0; line-height: 1; }
.score .value { font-size: 40px; font-weight: 750; }
.score .out-of { font-size: 18px; color: var(--muted); margin-left: 2px; }
.gauge { display: block; margin: 8px 0 6px; width: 100%; height: auto; }
.gauge .track { fill: #e7ebf1; } .gauge .range { fill: #c98a00; } .gauge .fill { fill: var(--tone); }
.score-notes { margin: 0; font-size: 13px; color: var(--muted); }
.score-notes strong { color: var(--ink); }
.counts { list-style: none; margin: 12px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chip { font-size: 13.5px; padding: 2px 10px; border-radius: 999px; background: var(--paper); border: 1px solid var(--line); }
.chip strong { margin-right: 3px; }
.chip.pass { border-color: #9fd3b6; } .chip.fail { border-color: #f0aaa3; color: var(--bad); } .chip.review { border-color: #ecc66a; }
.chip.na { border-color: var(--line); } .chip.error { border-color: #cfa6e3; color: var(--err); }
.essentials { margin: 8px 0 0; font-size: 13px; color: var(--bad); font-weight: 600; }
.notices { background: var(--err-bg); border-color: #dcc3ec; padding: 10px 16px; }
.notices ul { margin: 0; padding-left: 18px; }
.hint { margin: -4px 0 12px; color: var(--muted); font-size: 13px; }
.empty { color: var(--muted); margin: 0; }
.chart { list-style: none; margin: 0; padding: 0; }
.chart .bar-row { display: grid; grid-template-columns: minmax(0, 1fr) auto auto; column-gap: 12px; align-items: baseline;
  margin: 0 0 10px; }
.chart .cat { font-weight: 600; font-size: 14px; }
.chart .cnt { color: var(--muted); font-size: 13px; white-space: nowrap; }
.chart .pct { font-weight: 700; font-size: 14px; text-align: right; white-space: nowrap; }
.bar-track { grid-column: 1 / -1; display: block; width: 100%; height: 12px; margin-top: 3px; border-radius: 6px; overflow: hidden; }
.bar-track .track { fill: #e7ebf1; }
.bar-track .band-good { fill: var(--good); } .bar-track .band-warn { fill: #d97706; } .bar-track .band-bad { fill: var(--bad); }
.chart .pct.band-good { color: var(--good); } .chart .pct.band-warn { color: var(--warn); } .chart .pct.band-bad { color: var(--bad); }
.chart .pct.band-none { color: var(--faint); }
.result { border: 1px solid var(--line); border-left: 5px solid var(--na); border-radius: 8px; padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.result.fail { border-left-color: var(--bad); } .result.error { border-left-color: var(--err); }
.result.review { border-left-color: #d9a400; } .result.pass { border-left-color: var(--good); }
.result-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
.rule-id { font-weight: 700; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 14px; white-space: nowrap; }
.rule-title { font-weight: 600; flex: 1 1 320px; }
.tags { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 0; }
.tag { font-size: 11.5px; border: 1px solid var(--line); border-radius: 999px; padding: 0 7px; color: var(--muted); background: var(--paper); white-space: nowrap; }
.tag.essential { border-color: #e3a5a0; color: var(--bad); }
.tag.gap { border-color: #e9c46a; color: var(--pending); }
.tag.sev-error { color: var(--bad); } .tag.sev-warning { color: var(--warn); }
.badge { display: inline-block; min-width: 52px; text-align: center; font-size: 11.5px; font-weight: 700; text-transform: uppercase;
  letter-spacing: .04em; border-radius: 4px; padding: 1px 6px; color: #fff; background: var(--na); }
.badge.pass { background: var(--good); } .badge.fail { background: var(--bad); } .badge.review { background: #b7791f; }
.badge.error { background: var(--err); }
.reason { margin: 6px 0 4px; }
.question, .rationale, .fix { margin: 6px 0; font-size: 14px; }
.rationale summary { cursor: pointer; color: var(--muted); font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; }
.rationale p { margin: 4px 0 0; color: #374151; }
.finding.note { color: var(--muted); }
.finding.note .evidence { color: var(--muted); }
.question { background: var(--pending-bg); border-radius: 6px; padding: 6px 10px; }
.label-inline { font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin-right: 6px; }
.findings { margin: 6px 0 0; padding-left: 22px; }
.finding { margin: 6px 0 8px; }
.finding p { margin: 0; }
.where { display: flex; flex-wrap: wrap; gap: 2px 10px; align-items: baseline; }
.pointer { background: var(--wash); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; overflow-wrap: anywhere; }
.line { color: var(--muted); font-size: 13px; }
.effect { color: var(--faint); font-size: 12px; }
.finding.fail .effect { color: var(--bad); } .finding.review .effect { color: var(--pending); }
.message { font-size: 14.5px; }
.evidence { margin: 4px 0 2px; padding: 4px 10px; border-left: 3px solid var(--line); color: #374151; font-style: italic; background: var(--wash); overflow-wrap: anywhere; }
.evidence::before { content: "\\201C"; } .evidence::after { content: "\\201D"; }
mark { background: #ffe08a; color: inherit; padding: 0 1px; border-radius: 2px; font-style: normal; font-weight: 600; }
.table-wrap { overflow-x: auto; }
table.criteria, table.alignment { min-width: 660px; }
table.criteria { min-width: 820px; }
.criteria td:nth-child(2) { min-width: 280px; }
.criteria td.rule-id { position: sticky; left: 0; background: var(--paper); }
.criteria tbody tr:nth-child(even) td.rule-id { background: #fafbfc; }
.nowrap { white-space: nowrap; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); }
tbody tr:nth-child(even) { background: #fafbfc; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.alignment th[scope="row"] { font-weight: 400; min-width: 260px; }
.obj-id { font-weight: 700; margin-right: 4px; }
.obj-text { display: block; color: var(--muted); font-size: 13px; }
.gap-row { background: #fffaf0 !important; }
.id { display: inline-block; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px;
  background: var(--wash); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; margin: 1px 0; white-space: nowrap; }
.none { color: var(--faint); }
.orphans { margin: 10px 0 0; padding-left: 18px; font-size: 14px; }
.criteria .rule-id { font-size: 13px; }
tfoot th, tfoot td { font-weight: 700; border-bottom: 0; }
.colophon { max-width: 1040px; margin: 0 auto; padding: 8px 32px 32px; color: var(--muted); font-size: 13px; }
.colophon dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
.colophon dt { font-weight: 600; }
.colophon dd { margin: 0; overflow-wrap: anywhere; }
.plugins { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 2px 14px; }
@media (max-width: 760px) { .summary { grid-template-columns: 1fr; } .page { padding: 16px; } }
@media (max-width: 560px) {
  .page { padding: 12px; } .colophon { padding: 8px 12px 24px; }
  h1 { font-size: 24px; } .verdict { font-size: 28px; }
  section { padding: 14px 12px; } .result { padding: 8px 10px; } .findings { padding-left: 18px; }
  .rule-title { flex-basis: 100%; }
  .chart .bar-row { grid-template-columns: minmax(0, 1fr) auto; } .chart .cnt { grid-row: 2; grid-column: 1 / -1; }
  .colophon dl { grid-template-columns: 1fr; } .colophon dd { margin-bottom: 4px; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .page { max-width: none; padding: 0; }
  section { border: 0; padding: 0; margin: 0 0 14px; break-inside: auto; }
  .summary { grid-template-columns: 1.35fr 1fr; }
  .card, tr, .finding, .bar-row, .result-head, .question, .fix { break-inside: avoid; }
  .result { break-inside: auto; }
  .result-head, .tags { break-after: avoid; }
  h2 { break-after: avoid; }
  .table-wrap { overflow: visible; }
  .colophon { padding: 8px 0 0; border-top: 1px solid var(--line); }
}
"""
