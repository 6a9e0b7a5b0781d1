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
from .alignment import alignment_map
from .checking import CheckContext, Result
from .course import Course
from .errors import PluginError, RubricError, UsageError
from .plugins import PluginHost, plugin_filters, summarize
from .report import Finding, Report, RuleResult
from .review import VERDICT_OUTCOMES, Review, load_review
from .rubric import DEFAULT_WEIGHTS, Rubric, check_rules, read_rubric_source, resolve
from .rules import Rule, rule_sort_key
from .vocabulary import VOCABULARY_NAMES, Vocabulary, builtin_vocabulary

DEFAULT_RUBRIC = "ht-training"


@frozen
class Format:
    """A report format registered by a plugin; it may also render a portfolio of courses and a diff."""

    name: str
    renderer: Any
    suffix: str
    description: str
    plugin: str
    portfolio: Any = None
    diff: Any = None

    def render(self, report: Report, **options: Any) -> str | bytes:
        """Render ``report`` in this format."""
        return _imported(self.renderer)(report, **options)

    def render_portfolio(self, batch: Any, **options: Any) -> str | bytes:
        """Render the result of scoring several courses (``UsageError`` when the format has no portfolio)."""
        if self.portfolio is None:
            raise UsageError(f"format {self.name!r} renders single reports only, not a portfolio of courses")
        return _imported(self.portfolio)(batch, **options)

    def render_diff(self, comparison: Any, **options: Any) -> str | bytes:
        """Render a comparison of two versions (``UsageError`` when the format has no diff renderer)."""
        if self.diff is None:
            raise UsageError(f"format {self.name!r} cannot show a comparison of two versions")
        return _imported(self.diff)(comparison, **options)


def _imported(renderer: Any) -> Any:
    """A renderer given as ``"module:function"``, imported; a callable as it is."""
    if isinstance(renderer, str):
        from importlib import import_module

        module_name, _, function = renderer.partition(":")
        return getattr(import_module(module_name), function)
    return renderer


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
        self._rubric_documents = self._read_rubrics()
        self._forget_failed()
        self.unavailable: dict[str, str] = self._unavailable_rules()

    # -- what plugins registered -------------------------------------------------------------

    def _collect_rules(self) -> dict[str, Rule]:
        rules: dict[str, Rule] = {}
        owners: dict[str, str] = {}
        per_plugin: dict[str, list[str]] = {}

        def make_register(plugin: str):
            def register(rule: Rule) -> None:
                if not isinstance(rule, Rule):
                    raise TypeError(f"register() takes a vetkit.Rule, not {type(rule).__name__}")
                if owners.get(rule.id) == plugin:
                    raise ValueError(f"rule {rule.id} is registered twice")
                if rule.id in owners:
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

    def _forget_failed(self) -> None:
        """Drop what plugins that failed in a later hook registered earlier (their rules, their rubrics)."""
        loaded = set(self.host.loaded())
        self.rules = {rule_id: rule for rule_id, rule in self.rules.items() if rule.plugin in loaded}
        self._rubric_sources = {key: source for key, source in self._rubric_sources.items()
                                if key.rsplit(":", 1)[0] in loaded}
        for info in self.host.infos:
            if info.status == "failed" and info.rules:
                self.host.set_rules(info.name, ())

    def _collect_rubrics(self) -> dict[str, Any]:
        sources: dict[str, Any] = {}

        def make_register(plugin: str):
            def register(source: Any) -> None:
                sources[f"{plugin}:{len(sources)}"] = source
            return register

        self.host.call_each("vetkit_register_rubrics", make_register)
        return sources

    def _read_rubrics(self) -> dict[str, tuple[dict[str, Any], str]]:
        """Parse every registered rubric; a plugin with an invalid or clashing rubric fails alone."""
        documents: dict[str, tuple[dict[str, Any], str]] = {}
        owners: dict[str, str] = {}
        self._rubric_failures: dict[str, RubricError] = {}
        for key, source in self._rubric_sources.items():
            plugin = key.rsplit(":", 1)[0]
            if plugin not in self.host.loaded():
                continue
            try:
                data, origin = read_rubric_source(source)
            except RubricError as error:
                if self.host.strict:
                    raise
                self.host.fault(plugin, f"invalid rubric: {error.format()}")
                if isinstance(getattr(error, "rubric_id", None), str):
                    self._rubric_failures[error.rubric_id] = error
                continue
            if data["id"] in owners and owners[data["id"]] != plugin:
                self.host.fault(plugin, f"rubric {data['id']!r} is already registered by plugin {owners[data['id']]!r}")
                continue
            owners[data["id"]] = plugin
            documents[data["id"]] = (data, origin)
        return {rubric_id: documents[rubric_id] for rubric_id in documents
                if owners[rubric_id] in self.host.loaded()}

    @cached_property
    def formats(self) -> dict[str, Format]:
        """Report formats by name."""
        formats: dict[str, Format] = {}

        def make_register(plugin: str):
            def register(name: str, renderer: Any, *, suffix: str = "", description: str = "", portfolio: Any = None,
                         diff: Any = None) -> None:
                formats[name] = Format(name, renderer, suffix, description, plugin, portfolio, diff)
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
        """Every lexicon and phrase set registered by vetkit's core and the loaded plugins, by name."""
        from .lexical import LexiconRegistry

        registry = LexiconRegistry()

        def make_register(plugin: str):
            def register(name: str, source: Any) -> None:
                registry.add(name, source)
            return register

        self.host.call_each("vetkit_register_lexicons", make_register)
        return registry

    def _unavailable_rules(self) -> dict[str, str]:
        """Rules that cannot run because a lexicon or phrase set they declare is not registered, with the reason."""
        registered = self.lexicons
        unavailable = {}
        for rule_id, rule in self.rules.items():
            missing = [name for name in rule.lexicons if name not in registered]
            if missing:
                unavailable[rule_id] = (f"it reads {', '.join(repr(name) for name in missing)}, which no loaded plugin "
                                        "registers")
            elif rule.detectors:
                from .concepts import detector_problem

                problem = detector_problem(rule.detectors)
                if problem:
                    unavailable[rule_id] = problem
        return unavailable

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
        if rubric_id not in documents and rubric_id in self._rubric_failures:
            raise self._rubric_failures[rubric_id]
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
        notices += [f"{problem.pointer}: {problem.message} ({problem.hint}); criteria read what the text teaches, "
                    "not the tag" for problem in course.warnings if problem.code == "vocabulary"]
        notices += [f"rule {rule_id} unavailable: {reason}" for rule_id, reason in self.unavailable.items()]
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
            verdict, why = scoring.threshold_verdict(results, score, rubric.threshold or 0.0,
                                                     essential_met_at=rubric.essential_met_at)
        else:
            verdict, why = scoring.severity_verdict(results, essential_met_at=rubric.essential_met_at)
        return Report(
            tool_version=__version__,
            course={"id": course.id, "version": course.version, "title": course.title, "sha256": course.sha256,
                    "file": course.name},
            rubric={"id": rubric.id, "version": rubric.version, "title": rubric.title,
                    "verdictRule": rubric.verdict_rule, "threshold": rubric.threshold},
            as_of=as_of.isoformat(), verdict=verdict, complete=scoring.is_complete(results), score=score,
            results=results, plugins=[info.to_json() for info in self.host.infos],
            review=review.to_json(stale=stale, applied=applied) if review else None,
            notices=notices, verdict_reason=why, alignment=alignment_map(course).to_json())

    def _run(self, criterion, course: Course, params: dict[str, Any], as_of: dt.date) -> RuleResult:
        rule = self.rules.get(criterion.id)
        if rule is None or rule.plugin not in self.host.loaded():
            from .rules import similar_rule_id

            missing = ", ".join(f"{i.name} ({i.status})" for i in self.host.infos if i.status != "loaded")
            typo = similar_rule_id(criterion.id, self.rules)
            hint = f" If the rubric means {typo}, correct its id." if typo and rule is None else ""
            return _error_result(criterion, f"No loaded plugin provides {criterion.id}; plugins not loaded: "
                                            f"{missing}.{hint}", rule=rule)
        if rule.id in self.unavailable:
            return _error_result(criterion, f"Unavailable: {self.unavailable[rule.id]}.", rule=rule)
        if rule.manual:
            result = Result("needs-review", "Only a reviewer can decide this criterion, and no answer is recorded yet.")
        else:
            context = CheckContext(course=course, rule=rule, params=params, as_of=as_of,
                                   vocabulary=self.vocabulary, lexicons=self.lexicons)
            try:
                result = rule.load_check()(context)
                _check_result(result)
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
                          _used_parameters(rule, params), **_advice(rule, result.outcome))


def _check_result(result: Any) -> None:
    """Raise for an answer the report cannot carry, so that the rule (not the run) gets outcome ``error``."""
    from .report import OUTCOMES, SEVERITIES

    if not isinstance(result, Result):
        raise TypeError(f"check returned {type(result).__name__}, not a vetkit Result")
    if result.outcome not in OUTCOMES:
        raise ValueError(f"check returned outcome {result.outcome!r}; expected one of {', '.join(OUTCOMES)}")
    if result.score is not None and not (isinstance(result.score, (int, float)) and 0.0 <= result.score <= 1.0):
        raise ValueError(f"check returned score {result.score!r}; a score is a number from 0 to 1")
    if result.severity is not None and result.severity not in SEVERITIES:
        raise ValueError(f"check returned severity {result.severity!r}; expected one of {', '.join(SEVERITIES)}")
    for finding in result.findings:
        if not isinstance(finding, Finding) or finding.effect not in ("fail", "needs-review", "note"):
            raise ValueError(f"check returned a finding that is not a vetkit Finding with effect fail, "
                             f"needs-review or note: {finding!r}")


def _used_parameters(rule: Rule, params: Mapping[str, Any]) -> dict[str, Any]:
    return {key: params[key] for key in rule.parameters if key in params}


def _located(finding: Finding, course: Course) -> Finding:
    """The finding with its line and column in the course file and, for imported text, its source."""
    position = course.locate(finding.pointer)
    source = course.origin(finding.pointer, finding.start)
    if position is None and source is None:
        return finding
    line, column = position or (finding.line, finding.column)
    if type(finding) is Finding:  # what evolve() builds, without its per-call introspection
        return Finding(finding.pointer, finding.message, finding.effect, finding.evidence, finding.suggestion,
                       finding.severity, finding.start, finding.end, line, column, finding.term,
                       source or finding.source)
    from attrs import evolve

    return evolve(finding, line=line, column=column, source=source or finding.source)


def _error_result(criterion, reason: str, *, rule: Rule | None = None) -> RuleResult:
    severity = criterion.severity or (rule.severity if rule else "error")
    weight = criterion.weight if criterion.weight is not None else DEFAULT_WEIGHTS[severity]
    return RuleResult(criterion.id, rule.title if rule else criterion.id, rule.category if rule else "",
                      rule.plugin if rule else "", rule.method if rule else (), severity, float(weight),
                      criterion.essential, "error", None, reason, **(_advice(rule, "error") if rule else {}))


def _advice(rule: Rule, outcome: str) -> dict[str, str | None]:
    """The rule's rationale and how-to-fix, which a report carries for the criteria that need attention."""
    if outcome in ("pass", "not-applicable"):
        return {}
    return {"rationale": rule.rationale, "how_to_fix": rule.how_to_fix}


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
