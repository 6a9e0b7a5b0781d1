"""The batch summary: a table of courses and the criteria that fail most across them.

``render_text`` is the terminal table, ``render_markdown`` the ``summary.md`` page and
``render_html`` the ``index.html`` page (self-contained like the course report, with links to
the per-course reports written beside it); ``render_json`` is the summary for tools.
"""

from __future__ import annotations

import io
import json
from contextlib import contextmanager
from typing import Any, Iterator
from urllib.parse import quote

from . import summary
from .html import CSP, STYLE, _e, _prose, bar, shown_path
from .markdown import code as md_code
from .markdown import text as md_text

#: Criteria listed in "fail most".
TOP_CRITERIA = 12
#: Skipped files listed in the text summary.
TOP_SKIPPED = 10


def _score(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _counts(batch) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in batch.rows:
        counts[row.verdict] = counts.get(row.verdict, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: summary.VERDICT_RANK.get(item[0], 9)))


def _tallies(batch) -> list:
    return [t for t in batch.tallies() if t.failed or t.review or t.errors][:TOP_CRITERIA]


@contextmanager
def progress_bar(*, enabled: bool, file=None) -> Iterator[Any]:
    """A ``progress(done, total, row)`` callback drawing a rich progress bar on ``file`` (stderr).

    Draws nothing unless ``enabled`` (the caller passes ``stderr.isatty()``).
    """
    if not enabled:
        yield None
        return
    import sys

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(file=file or sys.stderr)
    with Progress(TextColumn("scoring"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("[dim]{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, row) -> None:
            bar.update(task, total=total, completed=done, description=row.path)

        yield progress


def render_text(batch, *, color: bool = False, width: int = 100) -> str:
    """The summary table for a terminal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .text import VERDICT_STYLES

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      highlight=False, soft_wrap=False, emoji=False)
    table = Table(title=f"{len(batch.rows)} course(s), rubric {escape(batch.rubric)}, as of {batch.as_of}",
                  title_justify="left", expand=False)
    for column, justify in (("course", "left"), ("version", "left"), ("verdict", "left"), ("score", "right"),
                            ("failing essentials", "left")):
        table.add_column(column, justify=justify, overflow="fold")
    for row in batch.rows:
        name = row.course_id or "-"
        style = VERDICT_STYLES.get(row.verdict, "bold magenta" if row.invalid else "bold")
        table.add_row(f"{escape(name)}\n[dim]{escape(row.path)}[/]", escape(row.version or "-"),
                      f"[{style}]{escape(row.verdict)}[/]", _score(row.score),
                      escape(", ".join(row.failing_essentials)) or "-")
    console.print(table)
    failing = [t for t in batch.tallies() if t.failed][:5]
    if failing:
        console.print("Criteria failing most: " + "; ".join(
            f"{t.rule_id} failed in {t.failed} of {t.scored}" for t in failing) + ".")
    verdicts = ", ".join(f"{n} {verdict}" for verdict, n in _counts(batch).items())
    console.print(f"{verdicts}.")
    if batch.skipped:
        console.print(f"Skipped {len(batch.skipped)} file(s) that are not courses:")
        for item in batch.skipped[:TOP_SKIPPED]:
            console.print(f"  {escape(item.path)}: {escape(item.reason)}", soft_wrap=True)
        if len(batch.skipped) > TOP_SKIPPED:
            console.print(f"  ... and {len(batch.skipped) - TOP_SKIPPED} more (--format json lists all)")
    return buffer.getvalue()


def render_json(batch, **_: Any) -> str:
    """The batch summary as JSON."""
    return json.dumps(batch.to_json(), indent=2, ensure_ascii=False) + "\n"


def render_markdown(batch, **_: Any) -> str:
    """``summary.md``: the course table (with links to the reports) and the criteria failing most."""
    counts = ", ".join(f"{n} {md_text(summary.verdict_label(v).lower())}" for v, n in _counts(batch).items())
    lines = [f"## vetkit portfolio: {len(batch.rows)} course(s)", "",
             f"Rubric {md_code(batch.rubric, in_table=False)} · as of {md_text(batch.as_of)} · {counts}", "",
             "| Course | Version | Verdict | Score | Failing essentials | Why |", "|:--|:--|:--|--:|:--|:--|"]
    for row in batch.rows:
        name = md_text(f"{row.course_id} {row.title}" if row.course_id else "invalid file")
        if row.output:
            name = f"[{name}]({quote(row.output)})"
        problems = f" ({len(row.problems)} problem(s))" if row.invalid else ""
        lines.append(f"| {name}<br>{md_code(row.path)} | {md_text(row.version or '–')} | "
                     f"{md_text(summary.verdict_label(row.verdict))}{problems} | {_score(row.score)} | "
                     f"{md_text(', '.join(row.failing_essentials)) or '–'} | {md_text(_why(row))} |")
    tallies = _tallies(batch)
    lines += ["", "### Criteria that fail most", ""]
    if not tallies:
        lines.append("No criterion failed, errored or awaits review in any course.")
    else:
        lines += ["| Criterion | Failed | Review | Error | Scored in |", "|:--|--:|--:|--:|--:|"]
        lines += [f"| **{md_text(t.rule_id)}** {md_text(t.title)} | {t.failed} | {t.review} | {t.errors} | {t.scored} |"
                  for t in tallies]
    if batch.skipped:
        lines += ["", f"### Skipped: {len(batch.skipped)} file(s) that are not courses", ""]
        lines += [f"- {md_code(item.path, in_table=False)}: {md_text(item.reason)}" for item in batch.skipped]
    return "\n".join(lines) + "\n"


def render_html(batch, **_: Any) -> str:
    """``index.html``: the portfolio page."""
    counts = _counts(batch)
    worst = max(batch.rows, key=lambda r: summary.VERDICT_RANK.get(r.verdict, 9)).verdict if batch.rows else "recommended"
    tone = summary.VERDICT_TONES.get(worst, "pending")
    rows = []
    for row in batch.rows:
        name = _e(f"{row.course_id} {row.title}" if row.course_id else shown_path(row.path))
        if row.output:
            name = f'<a href="{_e(quote(row.output))}">{name}</a>'
        path = f'<span class="obj-text file">{_e(shown_path(row.path))}</span>' if row.course_id else ""
        row_tone = summary.VERDICT_TONES.get(row.verdict, "pending")
        problems = ""
        if row.invalid:
            count = len(row.problems)
            problems = (f'<details class="problems"><summary>{count} problem{"s" if count != 1 else ""}</summary>'
                        "<ul>" + "".join(f"<li>{_e(p)}</li>" for p in row.problems[:5]) + (
                            f"<li>… and {count - 5} more</li>" if count > 5 else "") + "</ul></details>")
        row_class = ' class="invalid"' if row.invalid else ""
        rows.append(f'<tr{row_class}><td>{name}{path}{problems}</td>'
                    f"<td>{_e(row.version or '–')}</td>"
                    f'<td><span class="pill tone-{row_tone}">{_e(summary.verdict_label(row.verdict))}</span></td>'
                    f'<td class="num">{_e(_score(row.score))}</td>'
                    f"<td>{_prose(', '.join(row.failing_essentials)) or '–'}</td>"
                    f'<td class="why">{_prose(_why(row))}</td></tr>')
    tallies = _tallies(batch)
    total = max(len([r for r in batch.rows if not r.invalid]), 1)
    if tallies:
        bars = [_tally_chart(tallies, total)]
    else:
        bars = ['<p class="empty">No criterion failed, errored or awaits review in any course.</p>']
    chips = "".join(f'<li class="pill tone-{summary.VERDICT_TONES.get(v, "pending")}"><strong>{n}</strong> '
                    f"{_e(summary.verdict_label(v).lower())}</li>" for v, n in counts.items())
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>vetkit portfolio: {len(batch.rows)} course(s)</title>",
        f"<style>{STYLE}{PORTFOLIO_STYLE}</style>", "</head>", "<body>", '<main class="page">',
        '<header class="masthead">',
        f'<p class="eyebrow">vetkit portfolio · rubric {_e(batch.rubric)} · as of {_e(batch.as_of)}</p>',
        f"<h1>{len(batch.rows)} course(s) vetted</h1>",
        f'<ul class="verdicts tone-{tone}">{chips}</ul>', "</header>",
        '<section id="courses"><h2>Courses</h2><div class="table-wrap"><table class="courses">',
        '<thead><tr><th scope="col">Course</th><th scope="col">Version</th><th scope="col">Verdict</th>'
        '<th scope="col" class="num">Score</th><th scope="col">Failing essentials</th>'
        '<th scope="col">Why</th></tr></thead>',
        "<tbody>", *rows, "</tbody></table></div></section>",
        '<section id="criteria-most"><h2>Criteria that fail most</h2>',
        '<p class="hint">In how many of the scored courses each criterion failed (red) or awaits review (amber).</p>',
        *bars, "</section>", *_skipped_html(batch), "</main>",
        f'<footer class="colophon">vetkit {_e(_version(batch))} · {len(batch.rows)} file(s) · '
        f'{sum(1 for r in batch.rows if r.invalid)} invalid · each course links to its own report</footer>',
        "</body>", "</html>"]) + "\n"


def _skipped_html(batch) -> list[str]:
    """The files of the searched folders that are not courses, and why."""
    if not batch.skipped:
        return []
    items = "".join(f"<li><code>{_e(item.path)}</code>: {_e(item.reason)}</li>" for item in batch.skipped)
    return [f'<section id="skipped"><h2>Skipped: {len(batch.skipped)} file(s) that are not courses</h2>',
            f"<ul>{items}</ul></section>"]


def _why(row) -> str:
    """The verdict's reason, or what made the file invalid."""
    if row.invalid:
        return "the file is not a valid course document"
    return row.reason[:1].upper() + row.reason[1:] + "." if row.reason else "–"


def _version(batch) -> str:
    return batch.tool_version


def _tally_chart(tallies, total: int) -> str:
    parts = ['<ul class="chart tallies" aria-label="Criteria that fail most">']
    for tally in tallies:
        label = ", ".join(f"{word} {n}" for word, n in (("fails in", tally.failed), ("review in", tally.review),
                                                         ("errors in", tally.errors)) if n) + f" of {total}"
        parts.append(f'<li class="bar-row" title="{_e(tally.rule_id)} {_e(tally.title)}: {_e(label)}">'
                     f'<span class="cat"><span class="rule-id">{_e(tally.rule_id)}</span> '
                     f'<span class="cnt">{_e(tally.title)}</span></span>'
                     f'<span class="pct">{_e(label)}</span>'
                     + bar([("bad", 100 * tally.failed / total), ("warn", 100 * tally.review / total)]) + "</li>")
    parts.append("</ul>")
    return "\n".join(parts)


PORTFOLIO_STYLE = """
.verdicts { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 10px 0 0; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 10px; font-size: 13px; font-weight: 600;
  background: var(--tone-bg); color: var(--tone); border: 1px solid var(--tone); white-space: nowrap; }
.courses a { color: var(--accent); font-weight: 600; text-decoration: none; }
.courses a:hover { text-decoration: underline; }
.courses .why { font-size: 13px; color: var(--muted); min-width: 220px; }
table.courses { min-width: 720px; }
.courses td:first-child { min-width: 200px; }
.problems { margin: 4px 0 0; color: var(--bad); font-size: 12.5px; }
.problems summary { cursor: pointer; font-weight: 600; }
.problems ul { margin: 4px 0 0; padding-left: 18px; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace;
  overflow-wrap: anywhere; }
.chart.tallies .bar-row { grid-template-columns: minmax(0, 1fr) auto; }
.chart.tallies .cat { font-weight: 400; }
.chart.tallies .cnt { white-space: normal; }
.chart.tallies .pct { color: var(--muted); font-weight: 600; font-size: 13px; }
"""
