"""The report for a person in a terminal: verdict and score first, then what to fix, by category."""

from __future__ import annotations

import io
import shutil
from collections import defaultdict

from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table

from ..safetext import shown

VERDICT_STYLES = {
    "recommended": "bold green", "meets": "bold green",
    "pending-review": "bold yellow", "incomplete": "bold yellow",
    "revise": "bold dark_orange", "not-recommended": "bold red", "does-not-meet": "bold red",
}
OUTCOME_STYLES = {"pass": "green", "fail": "red", "needs-review": "yellow", "not-applicable": "dim", "error": "magenta"}
OUTCOME_LABELS = {"pass": "PASS", "fail": "FAIL", "needs-review": "REVIEW", "not-applicable": "N/A", "error": "ERROR"}


def render(report, *, color: bool = False, width: int | None = None, explain: bool = False, verbose: bool = False,
           **_) -> str:
    """Plain text for ``vetkit score``; with ``color`` (a terminal), ANSI colour wrapped to the terminal's width.

    Plain text is not wrapped, so pipes and files get whole lines.
    """
    buffer = io.StringIO()
    if color and width is None:
        width = shutil.get_terminal_size().columns
    console = Console(file=buffer, width=width or 100, force_terminal=color,
                      color_system="standard" if color else None, highlight=False, soft_wrap=not color, emoji=False)
    _header(console, report)
    _problems(console, report, verbose)
    if explain:
        _arithmetic(console, report)
    _footer(console, report)
    return buffer.getvalue()


def escape(text: str) -> str:
    """A value from the course or a plugin, safe to print: control characters and markup escaped."""
    return escape_markup(shown(text))


def _score_line(report) -> str:
    from .summary import score_value

    score = report.score
    line = f"score {score_value(report)}/100, coverage {score.coverage:.0%}"
    if score.pending_weight:
        line += f", could end between {score.minimum:.1f} and {score.maximum:.1f} once reviews are answered"
    return line


def _header(console: Console, report) -> None:
    course = report.course
    style = VERDICT_STYLES.get(report.verdict, "bold")
    console.print(f"[{style}]{report.verdict.upper()}[/]  {escape(course['id'])} {escape(course['title'])} "
                  f"(version {escape(course['version'])})")
    console.print(f"{_score_line(report)}. Rubric {report.rubric['id']}@{report.rubric['version']}, as of {report.as_of}.")
    console.print(f"Why: {escape(report.verdict_reason)}.")
    counts = defaultdict(int)
    for result in report.results:
        counts[result.outcome] += 1
    console.print(", ".join(f"{counts[o]} {label.lower()}" for o, label in
                            (("pass", "passed"), ("fail", "failed"), ("needs-review", "to review"),
                             ("not-applicable", "not applicable"), ("error", "errored")) if counts[o]))
    if not report.complete:
        console.print("[magenta]Incomplete: an essential criterion could not be checked (see ERROR below).[/]")
    for notice in report.notices:
        console.print(f"[magenta]Notice:[/] {escape(notice)}")


#: Findings listed per criterion before "... and N more" (``-v`` lists every one).
TOP_FINDINGS = 8


def _problems(console: Console, report, verbose: bool) -> None:
    from .summary import finding_views, quoted

    shown = [r for r in report.results if r.outcome in ("fail", "error", "needs-review") or verbose]
    by_category: dict[str, list] = defaultdict(list)
    for result in shown:
        by_category[result.category].append(result)
    order = {"fail": 0, "error": 1, "needs-review": 2, "pass": 3, "not-applicable": 4}
    severity_order = {"error": 0, "warning": 1, "info": 2}
    worst_first = sorted(by_category.items(), key=lambda item: min(order[r.outcome] for r in item[1]))
    for category, results in worst_first:
        console.print()
        console.print(f"[bold]{escape(_category_title(category))}[/]")
        for result in sorted(results, key=lambda r: (order[r.outcome], severity_order.get(r.severity, 3), r.rule_id)):
            label = OUTCOME_LABELS[result.outcome]
            essential = " essential" if result.essential else ""
            console.print(f"  [{OUTCOME_STYLES[result.outcome]}]{label:<6}[/] {result.rule_id} "
                          f"[dim]({result.severity}{essential})[/] {escape(result.title)}")
            console.print(f"         {escape(result.reason)}", style="dim" if result.outcome == "pass" else None)
            if result.outcome == "needs-review" and result.question:
                console.print(f"         Reviewer question: {escape(result.question)}")
            listed = [f for f in result.findings if f.effect != "note" or verbose]
            limit = len(listed) if verbose else TOP_FINDINGS
            views = finding_views(listed[:limit])
            for view in views:
                finding = view.finding
                where = finding.pointer or "/"
                if finding.line:
                    where += f" (line {finding.line})"
                if finding.source is not None:
                    where = f"{finding.source.label} [{where}]"
                console.print(f"         - {escape(where)}: {escape(finding.message)}")
                if view.evidence:
                    console.print(f"           {escape(quoted(view.evidence))}", style="italic")
                if view.fix:
                    console.print(f"           Fix{_for_findings(view.fix_count)}: {escape(view.fix)}")
            if not listed and result.outcome in ("fail", "needs-review") and result.how_to_fix:
                console.print(f"         Fix: {escape(result.how_to_fix)}")
            if len(listed) > limit:
                console.print(f"         ... and {len(listed) - limit} more finding(s) (-v lists every one)")


def _for_findings(count: int) -> str:
    return f" (the {count} findings above)" if count > 1 else ""


def _arithmetic(console: Console, report) -> None:
    table = Table(title="Score arithmetic", show_lines=False, expand=False)
    for column in ("criterion", "outcome", "severity", "ess.", "weight", "score", "weighted"):
        table.add_column(column, justify="right" if column in ("weight", "score", "weighted") else "left")
    for result in report.results:
        conclusive = result.outcome in ("pass", "fail")
        weighted = f"{result.weight * (result.score or 0):.2f}" if conclusive else "-"
        table.add_row(result.rule_id, result.outcome, result.severity, "yes" if result.essential else "",
                      f"{result.weight:g}", f"{result.score:.2f}" if result.score is not None else "-", weighted)
    console.print()
    console.print(table)
    score = report.score
    console.print(f"earned {score.earned:g} of conclusive weight {score.conclusive_weight:g}"
                  f" -> score {score.value if score.value is not None else 'n/a'}; pending weight {score.pending_weight:g};"
                  f" coverage {score.conclusive_weight:g}/{score.applicable_weight:g} = {score.coverage:.0%};"
                  f" range {score.minimum:g}-{score.maximum:g}.")
    rule = report.rubric["verdictRule"]
    if rule == "threshold":
        console.print(f"Verdict rule: threshold {report.rubric['threshold']:g} with essential gates -> {report.verdict}.")
    else:
        console.print("Verdict rule: severity (error-level fail -> not-recommended; warning-level fail -> revise; "
                      f"reviews left at error or warning -> pending-review; otherwise recommended) -> {report.verdict}.")


def _footer(console: Console, report) -> None:
    console.print()
    console.print(f"[dim]vetkit {report.tool_version}; course sha256 {report.course['sha256'][:12]}; "
                  f"--explain shows the arithmetic, --format json everything.[/]")


def _category_title(category: str) -> str:
    from ..rules import CATEGORIES

    for slug, title in CATEGORIES.values():
        if slug == category:
            return title
    return category.replace("-", " ").capitalize() or "Other"
