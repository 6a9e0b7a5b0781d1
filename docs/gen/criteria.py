"""Generate the criteria reference from the rules installed with vetkit: one page per category.

Run by the MkDocs hook (docs/gen/hooks.py) at build time. The pages show whatever vetkit's own
plugins register (rules of other installed distributions are left out), so a rule added or
changed in a plugin's YAML is documented by the next build. Preview without building the
site: ``python docs/gen/criteria.py OUTDIR``.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

SECTION = "criteria"


def _bibliography():
    """The bibliography generator beside this file (docs/gen is not a package): its path and anchors."""
    spec = importlib.util.spec_from_file_location("vetkit_docs_criteria_sources", Path(__file__).with_name("sources.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bibliography = _bibliography()


def builtin_rules() -> list[Any]:
    """The rules of the plugins that vetkit's own distribution registers, in id order."""
    import vetkit

    engine = vetkit.Engine(environ={})
    own = {info.name for info in engine.plugins if info.distribution == "vetkit" and info.status == "loaded"}
    return [rule for rule in engine.rules.values() if rule.plugin in own]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _anchor(rule_id: str) -> str:
    return rule_id.lower()


def _source_link(key: str) -> str:
    """``[plain name (KEY)](bibliography entry)``; a key outside the bibliography stays as it is."""
    from vetkit.bibliography import source_title, sources

    if key not in sources():
        return f"`{key}`"
    return f"[{source_title(key)}](../{bibliography.PATH}#{bibliography.anchor(key)})"


def _value(value: Any) -> str:
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def rule_section(rule: Any) -> str:
    """The documentation of one rule: what, why, sources, how to fix, parameters, examples."""
    facts = [f"severity **{rule.severity}**", f"method `{' + '.join(rule.method)}`", f"plugin `{rule.plugin}`",
             f"lifecycle {rule.lifecycle}"]
    if rule.proxy:
        facts.append("automated proxy: a reviewer confirms")
    parts = [f"## {rule.id}: {_one_line(rule.title)} {{#{_anchor(rule.id)}}}", "", " · ".join(facts), "",
             f"**Why it matters.** {_one_line(rule.rationale)}", "",
             f"**How to fix.** {_one_line(rule.how_to_fix)}", ""]
    if rule.question:
        parts += [f"**Reviewer question.** {_one_line(rule.question)}", ""]
    if rule.evidence:
        parts += [f"**Where to look.** {_one_line(rule.evidence)}", ""]
    if rule.sources:
        parts += ["**Sources:** " + "; ".join(_source_link(key) for key in rule.sources) + ".", ""]
    if rule.parameters:
        parts += ["**Parameters** (defaults; a rubric may set others):", "", "| parameter | default |", "|---|---|"]
        parts += [f"| `{key}` | {_value(value).replace('|', chr(92) + '|')} |" for key, value in rule.parameters.items()]
        parts += [""]
    if rule.examples:
        parts += ["**Examples.** Each is a course fragment laid over the base course; the tests run every one.", ""]
        for example in rule.examples:
            where = f" (findings at {', '.join(f'`{p}`' for p in example.pointers)})" if example.pointers else ""
            parts += [f"*{example.expect}*: {_one_line(example.name)}{where}", ""]
            fragment = yaml.safe_dump(dict(example.course), sort_keys=False, allow_unicode=True, width=100).strip()
            parts += ["```yaml", fragment if fragment != "{}" else "{}  # the base course as it is", "```", ""]
    return "\n".join(parts)


def pages() -> dict[str, tuple[str, str]]:
    """``{path: (nav title, markdown)}``: an index and one page per category present."""
    rules = builtin_rules()
    by_category: dict[str, list[Any]] = defaultdict(list)
    for rule in rules:
        by_category[rule.category].append(rule)
    order = _category_order()
    categories = sorted(by_category, key=lambda slug: (order.get(slug, len(order)), slug))
    generated: dict[str, tuple[str, str]] = {}
    index = ["# Criteria", "",
             f"The {len(rules)} criteria that vetkit's built-in plugins provide, by category. Each page is "
             "generated from the rules' metadata (the YAML next to each check), the same text that "
             "`vetkit explain ID` prints. Rubrics choose which of them count and how much: "
             "`vetkit rubrics show ht-training`.", "",
             "| category | criteria |", "|---|---|"]
    for slug in categories:
        title = by_category[slug][0].category_title
        links = ", ".join(f"[{rule.id}]({slug}.md#{_anchor(rule.id)})" for rule in by_category[slug])
        index.append(f"| [{title}]({slug}.md) | {links} |")
        body = [f"# {title}", "", f"{len(by_category[slug])} criteria.", "",
                "| id | severity | method | title |", "|---|---|---|---|"]
        body += [f"| [{rule.id}](#{_anchor(rule.id)}) | {rule.severity} | {'+'.join(rule.method)} | "
                 f"{_one_line(rule.title).replace('|', chr(92) + '|')} |" for rule in by_category[slug]]
        body += [""] + [rule_section(rule) for rule in by_category[slug]]
        generated[f"{SECTION}/{slug}.md"] = (title, "\n".join(body))
    index += ["", "Outcomes, severities and weights are explained in [the scoring arithmetic](../scoring.md); "
              "`vetkit rules` lists the criteria installed on your machine, third-party plugins included.", ""]
    return {f"{SECTION}/index.md": ("Criteria", "\n".join(index)), **generated}


def _category_order() -> dict[str, int]:
    from vetkit.rules import CATEGORIES

    return {slug: position for position, (slug, _) in enumerate(CATEGORIES.values())}


if __name__ == "__main__":  # pragma: no cover - preview: python docs/gen/criteria.py OUTDIR
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "criteria-preview")
    for path, (_, text) in pages().items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text(text, encoding="utf-8")
        print(out / path)
