"""The engine: plugins in, a Report out. Runs each selected rule and isolates its failures."""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping

from attrs import frozen

from . import scoring
from .__about__ import __version__
from .checking import CheckContext, Result
from .course import Course
from .errors import PluginError, UsageError
from .plugins import PluginHost, plugin_filters, summarize
from .report import Finding, Report, RuleResult
from .review import VERDICT_OUTCOMES, Review, load_review
from .rubric import DEFAULT_WEIGHTS, Rubric, check_rules, read_rubric_source, resolve
from .rules import Rule, rule_sort_key
from .vocabulary import VOCABULARY_NAMES, Vocabulary, builtin_vocabulary

DEFAULT_RUBRIC = "ht-training"


@frozen
class Format:
    """A report format registered by a plugin."""

    name: str
    renderer: Any
    suffix: str
    description: str
    plugin: str

    def render(self, report: Report, **options: Any) -> str | bytes:
        """Render ``report`` in this format."""
        renderer = self.renderer
        if isinstance(renderer, str):
            from importlib import import_module

            module_name, _, function = renderer.partition(":")
            renderer = getattr(import_module(module_name), function)
        return renderer(report, **options)


class Engine:
    """Owns a plugin manager and everything plugins registered: rules, rubrics, formats, vocabularies.

    ``Engine()`` discovers the installed plugins (entry-point group ``vetkit``) subject to
    ``VETKIT_LOAD_PLUGINS`` / ``VETKIT_DISABLE_PLUGINS``; ``Engine(entry_points=False,
    plugins=[my_plugin])`` runs only what it is given. Engines share no state.
    """

    def __init__(self, *, plugins: Iterable[object] = (), entry_points: bool = True,
                 disable: Iterable[str] = (), strict_plugins: bool = False,
                 environ: Mapping[str, str] | None = None):
        allow, block = plugin_filters(environ, disable)
        self.host = PluginHost(entry_points_enabled=entry_points, plugins=plugins, allow=allow, block=block,
                               strict=strict_plugins)
        self.rules: dict[str, Rule] = self._collect_rules()
        self._rubric_sources = self._collect_rubrics()

    # -- what plugins registered -------------------------------------------------------------

    def _collect_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        owners: dict[str, str] = {}
        per_plugin: dict[str, list[str]] = {}

        def make_register(plugin: str):
            def register(rule: Rule) -> None:
                if not isinstance(rule, Rule):
                    raise TypeError(f"register() takes a vetkit.Rule, not {type(rule).__name__}")
                if rule.id in owners and owners[rule.id] != plugin:
                    raise PluginError(f"rule {rule.id} is registered by two plugins: {owners[rule.id]!r} and "
                                      f"{plugin!r}. Disable one of them (VETKIT_DISABLE_PLUGINS or -p no:NAME).")
                from attrs import evolve

                rules[rule.id] = evolve(rule, plugin=plugin)
                owners[rule.id] = plugin
                per_plugin.setdefault(plugin, []).append(rule.id)
            return register

        self.host.call_each("vetkit_register_rules", make_register)
        for plugin, ids in per_plugin.items():
            if plugin in self.host.loaded():
                self.host.set_rules(plugin, sorted(ids, key=rule_sort_key))
            else:  # the plugin failed part-way: forget what it registered
                for rule_id in ids:
                    rules.pop(rule_id, None)
        return dict(sorted(rules.items(), key=lambda item: rule_sort_key(item[0])))

    def _collect_rubrics(self) -> dict[str, Any]:
        sources: dict[str, Any] = {}

        def make_register(plugin: str):
            def register(source: Any) -> None:
                sources[f"{plugin}:{len(sources)}"] = source
            return register

        self.host.call_each("vetkit_register_rubrics", make_register)
        return sources

    @cached_property
    def _rubric_documents(self) -> dict[str, tuple[dict[str, Any], str]]:
        documents: dict[str, tuple[dict[str, Any], str]] = {}
        for source in self._rubric_sources.values():
            data, origin = read_rubric_source(source)
            documents[data["id"]] = (data, origin)
        return documents

    @cached_property
    def formats(self) -> dict[str, Format]:
        """Report formats by name."""
        formats: dict[str, Format] = {}

        def make_register(plugin: str):
            def register(name: str, renderer: Any, *, suffix: str = "", description: str = "") -> None:
                formats[name] = Format(name, renderer, suffix, description, plugin)
            return register

        self.host.call_each("vetkit_register_formats", make_register)
        return formats

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The built-in vocabularies extended by plugins."""
        vocabulary = builtin_vocabulary()
        additions: list[tuple[str, Any]] = []

        def make_register(plugin: str):
            def register(name: str, terms: Any) -> None:
                if name not in VOCABULARY_NAMES:
                    raise ValueError(f"unknown vocabulary {name!r}; known: {', '.join(VOCABULARY_NAMES)}")
                additions.append((name, terms))
            return register

        self.host.call_each("vetkit_register_vocabularies", make_register)
        for name, terms in additions:
            vocabulary = vocabulary.extended(name, terms)
        return vocabulary

    @cached_property
    def lexicons(self):
        """The lexicon registry every lexical check reads."""
        from .lexicon import LexiconRegistry

        registry = LexiconRegistry()

        def make_register(plugin: str):
            def register(name: str, source: Any) -> None:
                registry.add(name, source)
            return register

        self.host.call_each("vetkit_register_lexicons", make_register)
        return registry

    @property
    def plugins(self):
        """Every plugin seen, with its status (loaded, blocked, failed)."""
        return self.host.infos

    def rubric_ids(self) -> list[str]:
        """Ids of the registered rubrics."""
        return sorted(self._rubric_documents)

    def rubric(self, ref: str | os.PathLike[str] | Rubric = DEFAULT_RUBRIC) -> Rubric:
        """A resolved rubric by id, or from a YAML file (which may extend a registered rubric)."""
        if isinstance(ref, Rubric):
            return ref
        documents = dict(self._rubric_documents)
        ref_text = str(ref)
        if ref_text.endswith((".yaml", ".yml", ".json")) or os.sep in ref_text:
            data, origin = read_rubric_source(Path(ref_text))
            documents[data["id"]] = (data, origin)
            rubric_id = data["id"]
        else:
            rubric_id = ref_text
        rubric = resolve(rubric_id, documents)
        unavailable = [info.name for info in self.host.infos if info.status != "loaded"]
        check_rules(rubric, self.rules, unavailable=unavailable)
        return rubric

    # -- loading and scoring -----------------------------------------------------------------

    def load_course(self, source: Any, **options: Any) -> Course:
        """Load a course with this engine's vocabularies; other formats go through plugins."""
        from .loading import load_course

        if isinstance(source, (str, os.PathLike)) and not str(source).lower().endswith((".json", ".yaml", ".yml")):
            data = self.host.manager.hook.vetkit_load_course(path=str(source))
            if data is not None:
                return load_course(data, vocabulary=self.vocabulary, base_dir=Path(source).parent, **options)
        return load_course(source, vocabulary=self.vocabulary, **options)

    def score(self, course: Any, *, rubric: str | os.PathLike[str] | Rubric = DEFAULT_RUBRIC,
              as_of: dt.date | str | None = None, review: Review | str | os.PathLike[str] | None = None,
              select: Iterable[str] = (), ignore: Iterable[str] = (),
              parameters: Mapping[str, Any] | None = None) -> Report:
        """Score a course (path, mapping or :class:`Course`) against a rubric."""
        course = course if isinstance(course, Course) else self.load_course(course)
        rubric = self.rubric(rubric)
        as_of = _as_date(as_of)
        select, ignore = set(select), set(ignore)
        unknown = sorted((select | ignore) - {c.id for c in rubric.criteria})
        if unknown:
            raise UsageError(f"--select/--ignore name criteria that rubric {rubric.id} does not have: "
                             f"{', '.join(unknown)}. See `vetkit rubrics show {rubric.id}`.")
        if review is not None and not isinstance(review, Review):
            review = load_review(review)
        stale = review.stale_reason(course.id, course.version, course.sha256) if review else None
        notices = [f"plugin {info.name} {info.status}" + (f": {info.error}" if info.error else "")
                   for info in self.host.infos if info.status == "failed"]
        if stale:
            notices.append(f"review {review.file} ignored: {stale}")
        results: list[RuleResult] = []
        applied: list[str] = []
        for criterion in rubric.criteria:
            if (select and criterion.id not in select) or criterion.id in ignore:
                continue
            params = {**(self.rules[criterion.id].parameters if criterion.id in self.rules else {}),
                      **rubric.parameters, **(parameters or {}), **criterion.parameters}
            result = self._run(criterion, course, params, as_of)
            answer = review.answers.get(criterion.id) if review and not stale else None
            if answer is not None:
                result = _answered(result, answer, review)
                applied.append(criterion.id)
            results.append(result)
        if review and not stale:
            scored = {r.rule_id for r in results}
            notices += [f"review answer for {rule_id} ignored: the rubric does not score it here"
                        for rule_id in sorted(set(review.answers) - scored)]
        score = scoring.compute_score(results)
        if rubric.verdict_rule == "threshold":
            verdict, why = scoring.threshold_verdict(results, score, rubric.threshold or 0.0)
        else:
            verdict, why = scoring.severity_verdict(results)
        return Report(
            tool_version=__version__,
            course={"id": course.id, "version": course.version, "title": course.title, "sha256": course.sha256,
                    "file": course.name},
            rubric={"id": rubric.id, "version": rubric.version, "title": rubric.title,
                    "verdictRule": rubric.verdict_rule, "threshold": rubric.threshold},
            as_of=as_of.isoformat(), verdict=verdict, complete=scoring.is_complete(results), score=score,
            results=results, plugins=[info.to_json() for info in self.host.infos],
            review=review.to_json(stale=stale, applied=applied) if review else None,
            notices=notices, verdict_reason=why)

    def _run(self, criterion, course: Course, params: dict[str, Any], as_of: dt.date) -> RuleResult:
        rule = self.rules.get(criterion.id)
        if rule is None:
            missing = ", ".join(f"{i.name} ({i.status})" for i in self.host.infos if i.status != "loaded")
            return _error_result(criterion, f"No loaded plugin provides {criterion.id}; plugins not loaded: {missing}.")
        if rule.manual:
            result = Result("needs-review", "Only a reviewer can decide this criterion, and no answer is recorded yet.")
        else:
            context = CheckContext(course=course, rule=rule, params=params, as_of=as_of,
                                   vocabulary=self.vocabulary, lexicons=self.lexicons if "lexical" in rule.method else None)
            try:
                result = rule.load_check()(context)
                if not isinstance(result, Result):
                    raise TypeError(f"check returned {type(result).__name__}, not a vetkit Result")
            except PluginError:
                raise
            except Exception as error:  # noqa: BLE001 - one broken check must not stop the run
                if self.host.strict:
                    raise PluginError(f"rule {rule.id} of plugin {rule.plugin!r} raised {summarize(error)}") from error
                return _error_result(criterion, f"The check of plugin {rule.plugin!r} raised {summarize(error)}.",
                                     rule=rule)
        severity = criterion.severity or result.severity or rule.severity
        weight = criterion.weight if criterion.weight is not None else DEFAULT_WEIGHTS[severity]
        score = None if result.outcome not in ("pass", "fail") else (
            result.score if result.score is not None else (1.0 if result.outcome == "pass" else 0.0))
        findings = tuple(_located(finding, course) for finding in result.findings)
        return RuleResult(rule.id, rule.title, rule.category, rule.plugin, rule.method, severity, float(weight),
                          criterion.essential, result.outcome, score, result.reason, findings,
                          rule.question if (rule.proxy or rule.manual or result.outcome == "needs-review") else None,
                          _used_parameters(rule, params))


def _used_parameters(rule: Rule, params: Mapping[str, Any]) -> dict[str, Any]:
    return {key: params[key] for key in rule.parameters if key in params}


def _located(finding: Finding, course: Course) -> Finding:
    from attrs import evolve

    position = course.locate(finding.pointer)
    if position is None:
        return finding
    return evolve(finding, line=position[0], column=position[1])


def _error_result(criterion, reason: str, *, rule: Rule | None = None) -> RuleResult:
    severity = criterion.severity or (rule.severity if rule else "error")
    weight = criterion.weight if criterion.weight is not None else DEFAULT_WEIGHTS[severity]
    return RuleResult(criterion.id, rule.title if rule else criterion.id, rule.category if rule else "",
                      rule.plugin if rule else "", rule.method if rule else (), severity, float(weight),
                      criterion.essential, "error", None, reason)


def _answered(result: RuleResult, answer, review: Review) -> RuleResult:
    from attrs import evolve

    outcome = VERDICT_OUTCOMES[answer.verdict]
    who = review.reviewer.get("name") or "the reviewer"
    note = f": {answer.note}" if answer.note else ""
    findings = result.findings + tuple(Finding(pointer, f"Evidence cited by {who}.", "note") for pointer in answer.evidence)
    return evolve(result, outcome=outcome, score={"pass": 1.0, "fail": 0.0}.get(outcome),
                  reason=f"{who} answered {answer.verdict}{note}", findings=findings, answered_by="review")


def _as_date(value: dt.date | str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"as-of date {value!r} is not a date; write it as YYYY-MM-DD") from None


def score(course: Any, *, rubric: str | os.PathLike[str] | Rubric = DEFAULT_RUBRIC, **options: Any) -> Report:
    """Score a course with a fresh :class:`Engine` over the installed plugins."""
    return Engine().score(course, rubric=rubric, **options)
