"""Text and JSON views of the catalogue: rules, rule documentation, rubrics, plugins."""

from __future__ import annotations

import textwrap
from typing import Iterable, Mapping

from .render.json import dumps
from .rules import Rule


def select_rules(rules: Iterable[Rule], *, plugin: str | None = None, category: str | None = None,
                 method: str | None = None) -> list[Rule]:
    """Rules matching every filter given."""
    return [rule for rule in rules
            if (plugin is None or rule.plugin == plugin)
            and (category is None or rule.category == category)
            and (method is None or method in rule.method)]


def _table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip()
             for row in [headers, ["-" * w for w in widths], *rows]]
    return "\n".join(lines) + "\n"


def _method(rule: Rule) -> str:
    return "+".join(rule.method) + ("†" if rule.proxy else "")


def rules_table(rules: list[Rule]) -> str:
    """One line per rule."""
    if not rules:
        return "no rules match\n"
    rows = [[rule.id, rule.severity, _method(rule), rule.plugin, rule.title] for rule in rules]
    return _table(rows, ["id", "severity", "method", "plugin", "title"]) + f"{len(rules)} rule(s); † = automated proxy, a reviewer confirms\n"


def rules_json(rules: list[Rule]) -> str:
    """Rule metadata as JSON."""
    return dumps([{"id": r.id, "title": r.title, "category": r.category, "severity": r.severity,
                   "method": list(r.method), "proxy": r.proxy, "plugin": r.plugin, "lifecycle": r.lifecycle}
                  for r in rules])


def explain_rule(rule: Rule) -> str:
    """The documentation of one rule, for ``vetkit explain``."""
    def para(label: str, text: str | None) -> list[str]:
        if not text:
            return []
        return [f"{label}:", textwrap.indent(textwrap.fill(" ".join(text.split()), 88), "  "), ""]

    lines = [f"{rule.id}  {rule.title}", "",
             f"Category: {rule.category_title} · severity {rule.severity} · method {_method(rule)} · "
             f"plugin {rule.plugin or '-'} · {rule.lifecycle}", ""]
    lines += para("Why it matters", rule.rationale)
    if rule.sources:
        from .bibliography import source_title

        lines += ["Sources:"] + [f"  {source_title(key)}" for key in rule.sources] + [""]
    if rule.detectors:
        from .concepts import detector_problem, scored_families, shipped_model

        problem = detector_problem(rule.detectors)
        model = problem or f"model {shipped_model().description}"
        lines += [f"Concept detectors: {', '.join(rule.detectors)} ({model})"]
        off = [name for name in rule.detectors if name not in scored_families()]
        if off and not problem:
            lines += [f"Not scored (trained and measured only): {', '.join(off)}"]
        lines += [""]
    lines += para("How to fix", rule.how_to_fix)
    lines += para("Reviewer question", rule.question)
    lines += para("Evidence to look at", rule.evidence)
    if rule.parameters:
        lines += ["Parameters (defaults; a rubric may override them):"]
        lines += [f"  {key} = {value}" for key, value in rule.parameters.items()] + [""]
    if rule.examples:
        lines += ["Examples (course fragments over the base course, run by the tests):"]
        lines += [f"  {example.expect:<15} {example.name}" for example in rule.examples] + [""]
    return "\n".join(lines)


def rubrics_table(rubrics) -> str:
    """One line per rubric."""
    rows = [[r.id, r.version, r.verdict_rule + (f" {r.threshold:g}" if r.threshold is not None else ""),
             str(len(r.criteria)), r.extends or "", r.title] for r in rubrics]
    return _table(rows, ["id", "version", "verdict", "criteria", "extends", "title"])


def rubric_yaml(rubric, rules: Mapping[str, Rule]) -> str:
    """A resolved rubric with every parameter in force, as YAML."""
    import yaml

    data = rubric.to_json()
    effective: dict = {}
    for criterion in rubric.criteria:
        rule = rules.get(criterion.id)
        for key, default in (rule.parameters.items() if rule else ()):
            effective[key] = criterion.parameters.get(key, rubric.parameters.get(key, default))
        settings = data["criteria"][criterion.id]
        if settings["weight"] is None and rule is not None:
            from .rubric import DEFAULT_WEIGHTS

            settings["weight"] = DEFAULT_WEIGHTS[criterion.severity or rule.severity]
        settings["severity"] = settings["severity"] or (rule.severity if rule else None)
        settings["title"] = rule.title if rule else "(no installed plugin provides this rule)"
    data["parameters"] = dict(sorted({**effective, **rubric.parameters}.items()))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def plugins_table(infos) -> str:
    """One line per plugin, with errors and refused contributions spelled out below."""
    rows = [[i.name, i.version or "-", i.distribution or "-", i.status, str(len(i.rules))] for i in infos]
    text = _table(rows, ["name", "version", "distribution", "status", "rules"])
    for info in infos:
        for line in ([info.error] if info.error else []) + list(info.notes):
            text += f"{info.name}: {line}\n"
    from .concepts import describe, model_path

    if model_path().is_file():
        text += describe() + "\n"
    return text


def plugins_json(infos) -> str:
    """Plugins as JSON."""
    return dumps([info.to_json() for info in infos])
