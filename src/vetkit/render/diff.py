"""A comparison (``vetkit diff``) as text for a terminal, Markdown for a pull request, or JSON."""

from __future__ import annotations

import json
from typing import Any

from . import summary
from .markdown import code as md_code
from .markdown import text as md_text

#: Field changes and findings listed in text and Markdown before "and N more".
LIMIT = 40
_STATUS_WORDS = (("regressed", "Regressed"), ("fixed", "Fixed"), ("improved", "Improved"), ("added", "Added"),
                 ("removed", "Removed"))


def _delta(comparison) -> str:
    delta = comparison.score_delta
    return "" if delta is None else f" ({delta:+.1f})"


def _side(report) -> str:
    course = report.course
    return f"{course.get('id')} version {course.get('version')}"


def render_json(comparison, **_: Any) -> str:
    """The comparison as JSON."""
    return json.dumps(comparison.to_json(), indent=2, ensure_ascii=False) + "\n"


def render_text(comparison, **_: Any) -> str:
    """Plain text: headline, criteria that changed, findings new and gone, fields changed."""
    old, new = comparison.old, comparison.new
    lines = [f"{_side(old)} -> {_side(new)}",
             f"score {summary.score_text(old.score.value)} -> {summary.score_text(new.score.value)}{_delta(comparison)}; "
             f"verdict {old.verdict} -> {new.verdict}"
             + (" (worse)" if comparison.verdict_worse else " (better)" if comparison.verdict_better else "")]
    unchanged = len(comparison.by_status("unchanged"))
    for status, word in _STATUS_WORDS:
        changes = comparison.by_status(status)
        if not changes:
            continue
        lines += ["", f"{word} ({len(changes)}):"]
        lines += [f"  {c.rule_id:<7} {c.old or '-'} -> {c.new or '-'}  {c.title}" for c in changes]
    lines += ["", f"Unchanged: {unchanged} criteria."]
    for label, findings in (("New findings", comparison.new_findings), ("Gone findings", comparison.gone_findings)):
        if not findings:
            continue
        lines += ["", f"{label} ({len(findings)}):"]
        for change in findings[:LIMIT]:
            where = change.finding.pointer or "/"
            lines.append(f"  {change.rule_id:<7} {where}: {change.finding.message}")
        if len(findings) > LIMIT:
            lines.append(f"  ... and {len(findings) - LIMIT} more (--format json lists all)")
    if comparison.fields is None:
        lines += ["", "Changed fields: not shown (compare two course files to see them)."]
    elif comparison.fields:
        lines += ["", f"Changed fields ({len(comparison.fields)}):"]
        for change in comparison.fields[:LIMIT]:
            lines.append("  " + _field_text(change))
        if len(comparison.fields) > LIMIT:
            lines.append(f"  ... and {len(comparison.fields) - LIMIT} more (--format json lists all)")
    else:
        lines += ["", "Changed fields: none."]
    lines += ["", "Regression: yes." if comparison.regressed else "Regression: none."]
    return "\n".join(lines) + "\n"


def _field_text(change) -> str:
    if change.kind == "added":
        return f"+ {change.pointer} = {change.new}"
    if change.kind == "removed":
        return f"- {change.pointer} (was {change.old})"
    if change.kind == "moved":
        return f"~ {change.pointer} (moved from {change.old_pointer})"
    return f"~ {change.pointer}: {change.old} -> {change.new}"


def render_markdown(comparison, **_: Any) -> str:
    """Markdown for a pull-request comment."""
    old, new = comparison.old, comparison.new
    icon = "❌" if comparison.regressed else "✅"
    verdict = (f"{md_text(summary.verdict_label(old.verdict))} → {md_text(summary.verdict_label(new.verdict))}"
               if old.verdict != new.verdict else md_text(summary.verdict_label(new.verdict)))
    lines = [f"## {icon} vetkit diff: {md_text(_side(old))} → {md_text(_side(new))}", "",
             f"Score **{summary.score_text(old.score.value)} → {summary.score_text(new.score.value)}** {md_text(_delta(comparison))} · "
             f"verdict {verdict} · " + ("**regression**" if comparison.regressed else "no regression"), ""]
    changed = [c for c in comparison.criteria if c.status != "unchanged"]
    if changed:
        lines += ["| Criterion | Before | After | Change |", "|:--|:--|:--|:--|"]
        lines += [f"| **{md_text(c.rule_id)}** {md_text(c.title)} | {md_text(c.old or '–')} | {md_text(c.new or '–')} | "
                  f"{md_text(c.status)} |" for c in changed]
        lines.append("")
    lines.append(f"{len(comparison.by_status('unchanged'))} criteria unchanged.")
    for label, findings in (("New findings", comparison.new_findings), ("Gone findings", comparison.gone_findings)):
        if not findings:
            continue
        lines += ["", f"### {label} ({len(findings)})", ""]
        lines += [f"- **{md_text(f.rule_id)}** {md_code(f.finding.pointer or '/', in_table=False)}: "
                  f"{md_text(f.finding.message)}" for f in findings[:LIMIT]]
        if len(findings) > LIMIT:
            lines.append(f"- … and {len(findings) - LIMIT} more")
    if comparison.fields:
        lines += ["", f"<details><summary>Changed fields ({len(comparison.fields)})</summary>", "",
                  "| Field | Change | Before | After |", "|:--|:--|:--|:--|"]
        for change in comparison.fields[:LIMIT]:
            pointer = md_code(change.pointer or "/")
            if change.kind == "moved":
                pointer += f" (from {md_code(change.old_pointer)})"
            lines.append(f"| {pointer} | {change.kind} | {md_code(change.old) if change.old is not None else ''} | "
                         f"{md_code(change.new) if change.new is not None else ''} |")
        if len(comparison.fields) > LIMIT:
            lines += ["", f"… and {len(comparison.fields) - LIMIT} more (`--format json` lists all)."]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
