"""The engine: plugins in, a Report out. Runs each selected rule and isolates its failures."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from attrs import frozen

from . import scoring
from .__about__ import __version__
from .alignment import alignment_map
from .checking import CheckContext, Result
from .course import Course
from .errors import InvalidCourse, PluginError, Problem, RubricError, UsageError
from .isolation import PluginFault, call_plugin, user_interrupts
from .plugins import CORE, PluginHost, plugin_filters
from .report import Finding, Report, RuleResult
from .review import Review, apply_reviews, load_review
from .rubric import DEFAULT_WEIGHTS, Rubric, check_rules, read_rubric_source, resolve
from .rules import Rule, rule_sort_key
from .vocabulary import VOCABULARY_NAMES, Vocabulary, builtin_vocabulary

DEFAULT_RUBRIC = "ht-training"
#: Seconds a plugin's check (or any other call of plugin code) may run before it is stopped.
DEFAULT_TIME_BUDGET = 10.0


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

    time_budget: float | None = DEFAULT_TIME_BUDGET

    def render(self, report: Report, **options: Any) -> str | bytes:
        """Render ``report`` in this format; a plugin renderer's failure is a :class:`PluginError` naming it."""
        return self._call(self.renderer, report, **options)

    def render_portfolio(self, batch: Any, **options: Any) -> str | bytes:
        """Render the result of scoring several courses (``UsageError`` when the format has no portfolio)."""
        if self.portfolio is None:
            raise UsageError(f"format {self.name!r} renders single reports only, not a portfolio of courses")
        return self._call(self.portfolio, batch, **options)

    def render_diff(self, comparison: Any, **options: Any) -> str | bytes:
        """Render a comparison of two versions (``UsageError`` when the format has no diff renderer)."""
        if self.diff is None:
            raise UsageError(f"format {self.name!r} cannot show a comparison of two versions")
        return self._call(self.diff, comparison, **options)

    def _call(self, renderer: Any, subject: Any, **options: Any) -> str | bytes:
        if self.plugin == CORE:  # vetkit's own renderers: a failure is vetkit's, reported as an internal error
            return _imported(renderer)(subject, **options)
        try:
            with user_interrupts():
                rendered = call_plugin(lambda: _imported(renderer)(subject, **options), budget=self.time_budget)
        except PluginFault as fault:
            raise PluginError(f"format {self.name!r} of plugin {self.plugin!r} failed: "
                              f"{fault.summary}") from fault
        if not isinstance(rendered, (str, bytes)):
            raise PluginError(f"format {self.name!r} of plugin {self.plugin!r} returned {type(rendered).__name__}, "
                              "not text or bytes")
        return rendered


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
                 environ: Mapping[str, str] | None = None, time_budget: float | None = DEFAULT_TIME_BUDGET):
        allow, block = plugin_filters(environ, disable)
        #: Seconds each call of plugin code may run (None: no limit); see :mod:`vetkit.isolation`.
        self.time_budget = time_budget
        with user_interrupts():
            self.host = PluginHost(entry_points_enabled=entry_points, plugins=plugins, allow=allow, block=block,
                                   strict=strict_plugins, time_budget=time_budget)
            self.rules: dict[str, Rule] = self._collect_rules()
            self._rubric_sources = self._collect_rubrics()
            self._rubric_documents = self._read_rubrics()
            lexicons = self._collect_lexicons()
            vocabularies = self._collect_vocabularies()
            formats = self._collect_formats()
        self._forget_failed()
        loaded = self.host.loaded()  # what plugins that failed in any hook registered is left out below
        self.lexicons = _lexicon_registry(lexicons, loaded)
        self.vocabulary: Vocabulary = _vocabulary(vocabularies, loaded)
        self.formats: dict[str, Format] = self._formats(formats, loaded)
        self.unavailable: dict[str, str] = self._unavailable_rules()

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
                    owner = owners[rule.id]
                    if self.host.strict:
                        raise PluginError(f"rule {rule.id} is registered by two plugins: {owner!r} and {plugin!r}. "
                                          "Disable one of them (VETKIT_DISABLE_PLUGINS or -p no:NAME).")
                    if not self.host.info(plugin).builtin or self.host.info(owner).builtin:
                        self.host.note(plugin, f"rule {rule.id} not registered: plugin {owner!r} provides it")
                        return
                    # a built-in plugin's rule displaces a third party's that came first
                    self.host.note(owner, f"rule {rule.id} not registered: plugin {plugin!r} provides it")
                    per_plugin[owner].remove(rule.id)
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
                if not (isinstance(source, (Mapping, str, os.PathLike)) or callable(getattr(source, "read_bytes", None))):
                    raise TypeError(f"register() takes a rubric file's path or a mapping, not {type(source).__name__}")
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

    def _collect_formats(self) -> dict[str, list[Format]]:
        """Each plugin's report formats, checked as they are registered."""
        pending: dict[str, list[Format]] = {}

        def make_register(plugin: str):
            def register(name: str, renderer: Any, *, suffix: str = "", description: str = "", portfolio: Any = None,
                         diff: Any = None) -> None:
                if not isinstance(name, str) or not name:
                    raise TypeError(f"a format's name must be a string, not {type(name).__name__}")
                for role, value in (("renderer", renderer), ("portfolio renderer", portfolio), ("diff renderer", diff)):
                    if value is not None and not callable(value) and not (isinstance(value, str) and ":" in value):
                        raise TypeError(f"the {role} of format {name!r} must be a callable or 'module:function', "
                                        f"not {type(value).__name__}")
                for field, value in (("suffix", suffix), ("description", description)):
                    if not isinstance(value, str):
                        raise TypeError(f"the {field} of format {name!r} must be a string, not {type(value).__name__}")
                pending.setdefault(plugin, []).append(Format(name, renderer, suffix, description, plugin, portfolio,
                                                             diff, self.time_budget))
            return register

        self.host.call_each("vetkit_register_formats", make_register)
        return pending

    def _formats(self, pending: Mapping[str, list[Format]], loaded: list[str]) -> dict[str, Format]:
        """Formats by name; a name already taken (vetkit's ``json``, say) is refused and noted on the plugin."""
        formats: dict[str, Format] = {}
        for plugin in loaded:
            for fmt in pending.get(plugin, ()):
                if fmt.name in formats:
                    owner = formats[fmt.name].plugin
                    whose = "vetkit's built-in format" if owner == CORE else f"plugin {owner!r}"
                    self.host.note(plugin, f"format {fmt.name!r} not registered: {whose} has that name")
                    continue
                formats[fmt.name] = fmt
        return formats

    def _collect_vocabularies(self) -> dict[str, list[tuple[str, Any]]]:
        """Each plugin's additions to the controlled vocabularies, checked as they are registered."""
        pending: dict[str, list[tuple[str, Any]]] = {}

        def make_register(plugin: str):
            def register(name: str, terms: Any) -> None:
                pending.setdefault(plugin, []).append((name, _vocabulary_terms(name, terms)))
            return register

        self.host.call_each("vetkit_register_vocabularies", make_register)
        return pending

    def _collect_lexicons(self) -> dict[str, list[tuple[str, Any]]]:
        """Each plugin's lexicon and phrase-set sources.

        A third-party plugin's source is read and checked when it is registered, and must be of
        the kind (lexicon of terms or phrase set) already registered under its name, so that
        garbage fails the plugin that registered it rather than the rules that read the lexicon.
        vetkit's own sources are checked by its tests, not at every start.
        """
        pending: dict[str, list[tuple[str, Any]]] = {}
        kinds: dict[str, str] = {}

        def make_register(plugin: str):
            def register(name: str, source: Any) -> None:
                if not isinstance(name, str) or not name:
                    raise TypeError(f"a lexicon's name must be a string, not {type(name).__name__}")
                if not self.host.info(plugin).builtin:
                    kinds[id(source)] = _lexicon_kind(name, source)
                pending.setdefault(plugin, []).append((name, source))
            return register

        self.host.call_each("vetkit_register_lexicons", make_register)
        first: dict[str, tuple[str, Any]] = {}  # name -> its first source (vetkit's own first), and its plugin
        for plugin in sorted(self.host.loaded(), key=lambda name: not self.host.info(name).builtin):
            for name, source in pending.get(plugin, ()):
                first.setdefault(name, (plugin, source))
        for plugin in self.host.loaded():
            if self.host.info(plugin).builtin:
                continue
            for name, source in pending.get(plugin, ()):
                owner, reference = first[name]
                if owner == plugin:
                    continue
                known = kinds.get(id(reference)) or _lexicon_kind(name, reference)
                if known != kinds[id(source)]:
                    self.host.fault(plugin, f"vetkit_register_lexicons raised ValueError: {name!r} is {known}; "
                                            f"this source is {kinds[id(source)]}")
                    break
        return pending

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

    def validate(self, source: Any, **options: Any):
        """Validate a course document with this engine's vocabularies (see :func:`vetkit.loading.validate`);
        other formats go through plugins, as :meth:`load_course` reads them."""
        from .loading import Validation, validate
        from .safetext import display_path

        if _read_by_plugins(source):
            try:
                data = self._read_with_plugins(source)
            except InvalidCourse as err:
                return Validation(display_path(source), err.problems, (), None)
            if data is not None:
                return validate(data, vocabulary=self.vocabulary, base_dir=Path(source).parent,
                                name=display_path(source), **options)
        return validate(source, vocabulary=self.vocabulary, **options)

    def load_course(self, source: Any, **options: Any) -> Course:
        """Load a course with this engine's vocabularies; other formats go through plugins."""
        from .loading import load_course
        from .safetext import display_path

        if _read_by_plugins(source):
            data = self._read_with_plugins(source)
            if data is not None:
                return load_course(data, vocabulary=self.vocabulary, base_dir=Path(source).parent,
                                   name=display_path(source), **options)
        return load_course(source, vocabulary=self.vocabulary, **options)

    def _read_with_plugins(self, source: str | os.PathLike[str]) -> Mapping[str, Any] | None:
        """The first course mapping a ``vetkit_load_course`` hook returns for ``source``, each hook isolated."""
        from .safetext import display_path

        name = display_path(source)
        for impl in reversed(self.host.manager.hook.vetkit_load_course.get_hookimpls()):  # pluggy's call order
            if impl.plugin_name not in self.host.loaded():
                continue
            try:
                with user_interrupts():
                    data = call_plugin(impl.function, *[str(source)][:len(impl.argnames)], budget=self.time_budget)
            except PluginFault as fault:
                message = f"plugin {impl.plugin_name!r} failed to read this file: {fault.summary}" if not \
                    fault.timed_out else f"plugin {impl.plugin_name!r} {fault} while reading this file"
                raise InvalidCourse(f"{name}: {message}", [Problem(message, file=name, code="plugin")]) from fault
            if data is None:
                continue
            if not isinstance(data, Mapping):
                message = f"plugin {impl.plugin_name!r} read this file as {type(data).__name__}, not a course mapping"
                raise InvalidCourse(f"{name}: {message}", [Problem(message, file=name, code="plugin")])
            return data
        return None

    def score(self, course: Any, *, rubric: str | os.PathLike[str] | Rubric = DEFAULT_RUBRIC,
              as_of: dt.date | str | None = None,
              review: Review | str | os.PathLike[str] | Sequence[Review | str | os.PathLike[str]] | None = None,
              select: Iterable[str] = (), ignore: Iterable[str] = (),
              parameters: Mapping[str, Any] | None = None) -> Report:
        """Score a course (path, mapping or :class:`Course`) against a rubric.

        ``review`` is an answer file (or a :class:`Review`), or a list of them, one per reviewer.
        """
        with user_interrupts():
            return self._score(course, rubric=rubric, as_of=as_of, review=review, select=select, ignore=ignore,
                               parameters=parameters)

    def _score(self, course: Any, *, rubric, as_of, review, select, ignore, parameters) -> Report:
        course = course if isinstance(course, Course) else self.load_course(course)
        rubric = self.rubric(rubric)
        as_of = _as_date(as_of)
        select, ignore = set(select), set(ignore)
        unknown = sorted((select | ignore) - {c.id for c in rubric.criteria})
        if unknown:
            raise UsageError(f"--select/--ignore name criteria that rubric {rubric.id} does not have: "
                             f"{', '.join(unknown)}. See `vetkit rubrics show {rubric.id}`.")
        reviews = [] if review is None else [review] if isinstance(review, (Review, str, os.PathLike)) else list(review)
        reviews = [each if isinstance(each, Review) else load_review(each) for each in reviews]
        notices = [f"plugin {info.name} {info.status}" + (f": {info.error}" if info.error else "")
                   for info in self.host.infos if info.status == "failed"]
        notices += [f"plugin {info.name}: {note}" for info in self.host.infos for note in info.notes]
        notices += [f"{problem.pointer}: {problem.message} ({problem.hint}); criteria read what the text teaches, "
                    "not the tag" for problem in course.warnings if problem.code == "vocabulary"]
        notices += [f"rule {rule_id} unavailable: {reason}" for rule_id, reason in self.unavailable.items()]
        results: list[RuleResult] = []
        _share_analyses(course)
        for criterion in rubric.criteria:
            if (select and criterion.id not in select) or criterion.id in ignore:
                continue
            params = {**(self.rules[criterion.id].parameters if criterion.id in self.rules else {}),
                      **rubric.parameters, **(parameters or {}), **criterion.parameters}
            results.append(self._run(criterion, course, params, as_of))
        reviewed = apply_reviews(results, reviews, course)
        results = list(reviewed.results)
        notices += reviewed.notices
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
            review=reviewed.reviews[0] if len(reviews) == 1 else None,
            reviews=reviewed.reviews if len(reviews) > 1 else (), agreement=reviewed.agreement,
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
            try:  # one broken, exiting or runaway check must not stop the run
                result = call_plugin(_checked, rule, context, budget=self.time_budget)
            except PluginFault as fault:
                if self.host.strict:
                    raise PluginError(f"rule {rule.id} of plugin {rule.plugin!r} {fault}") from fault
                return _error_result(criterion, f"The check of plugin {rule.plugin!r} {fault}.", rule=rule)
        severity = criterion.severity or result.severity or rule.severity
        weight = criterion.weight if criterion.weight is not None else DEFAULT_WEIGHTS[severity]
        score = None if result.outcome not in ("pass", "fail") else (
            result.score if result.score is not None else (1.0 if result.outcome == "pass" else 0.0))
        findings = tuple(_located(finding, course) for finding in result.findings)
        return RuleResult(rule.id, rule.title, rule.category, rule.plugin, rule.method, severity, float(weight),
                          criterion.essential, result.outcome, score, result.reason, findings,
                          rule.question if (rule.proxy or rule.manual or result.outcome == "needs-review") else None,
                          _used_parameters(rule, params), **_advice(rule, result.outcome))


def _lexicon_registry(pending: Mapping[str, list[tuple[str, Any]]], loaded: list[str]):
    from .lexical import LexiconRegistry

    registry = LexiconRegistry()
    for plugin in loaded:
        for name, source in pending.get(plugin, ()):
            registry.add(name, source)
    return registry


def _lexicon_kind(name: str, source: Any) -> str:
    """``a lexicon of terms`` or ``a phrase set``: what ``source`` holds, read and checked (raises if it is invalid)."""
    from .lexical import Lexicon, LexiconRegistry

    probe = LexiconRegistry()
    probe.add(name, source)
    return "a lexicon of terms" if isinstance(probe.get(name), Lexicon) else "a phrase set"


def _vocabulary(pending: Mapping[str, list[tuple[str, Any]]], loaded: list[str]) -> Vocabulary:
    vocabulary = builtin_vocabulary()
    for plugin in loaded:
        for name, terms in pending.get(plugin, ()):
            vocabulary = vocabulary.extended(name, terms)
    return vocabulary


_TYPOLOGY_FORMS = ("sex", "labor", "mixed")


def _vocabulary_terms(name: Any, terms: Any) -> Any:
    """``terms`` as a vocabulary addition: a list of strings (for typologies also a mapping tag -> form); else raise."""
    if name not in VOCABULARY_NAMES:
        raise ValueError(f"unknown vocabulary {name!r}; known: {', '.join(VOCABULARY_NAMES)}")
    if name == "typologies" and isinstance(terms, Mapping):
        for tag, form in terms.items():
            if not isinstance(tag, str) or form not in _TYPOLOGY_FORMS:
                raise ValueError(f"typology {tag!r} must be sex, labor or mixed, not {form!r}")
        return dict(terms)
    if isinstance(terms, (str, bytes)) or not isinstance(terms, Iterable):
        raise TypeError(f"the terms of vocabulary {name!r} must be a list of strings, not {type(terms).__name__}")
    terms = list(terms)
    for term in terms:
        if not isinstance(term, str):
            raise TypeError(f"the terms of vocabulary {name!r} must be a list of strings, not a list holding "
                            f"{type(term).__name__}")
    return terms


def _checked(rule: Rule, context: CheckContext) -> Result:
    """Import and run ``rule``'s check; raise for an answer the report cannot carry."""
    result = rule.load_check()(context)
    _check_result(result)
    return result


def _check_result(result: Any) -> None:
    """Raise for an answer the report cannot carry, so that the rule (not the run) gets outcome ``error``."""
    from .report import OUTCOMES, SEVERITIES

    if not isinstance(result, Result):
        raise TypeError(f"check returned {type(result).__name__}, not a vetkit Result")
    if result.outcome not in OUTCOMES:
        raise ValueError(f"check returned outcome {result.outcome!r}; expected one of {', '.join(OUTCOMES)}")
    if result.score is not None and not (isinstance(result.score, (int, float)) and 0.0 <= result.score <= 1.0):  # NaN too
        raise ValueError(f"check returned score {result.score!r}; a score is a number from 0 to 1")
    if result.severity is not None and result.severity not in SEVERITIES:
        raise ValueError(f"check returned severity {result.severity!r}; expected one of {', '.join(SEVERITIES)}")
    for finding in result.findings:
        if not isinstance(finding, Finding) or finding.effect not in ("fail", "needs-review", "note"):
            raise ValueError(f"check returned a finding that is not a vetkit Finding with effect fail, "
                             f"needs-review or note: {finding!r}")


def _used_parameters(rule: Rule, params: Mapping[str, Any]) -> dict[str, Any]:
    return {key: params[key] for key in rule.parameters if key in params}


def finding_pointer(document: Any, pointer: str) -> str:
    """Where a finding about ``pointer`` points: ``pointer`` itself when it designates a value of
    ``document`` or keys missing below an existing object (where to add them); otherwise the
    nearest ancestor that designates a value.

    So a report never points into nothing: ``/funding`` or ``/evaluation/levels`` on a course
    without them stay (the keys to add), while ``/modules/7/text`` on a course of three modules
    becomes ``/modules`` and ``/title/0`` becomes ``/title``.
    """
    from collections.abc import Mapping

    from . import pointers

    tokens = pointers.split(pointer)
    node = document
    for depth, token in enumerate(tokens):
        if isinstance(node, Mapping) and token in node:
            node = node[token]
        elif isinstance(node, (list, tuple)) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, Mapping) and not any(rest.isdigit() for rest in tokens[depth:]):
            return pointer  # keys the course lacks, below an object it has
        else:
            return pointers.from_path(tokens[:depth])
    return pointer


def _located(finding: Finding, course: Course) -> Finding:
    """The finding with its line and column in the course file and, for imported text, its source.

    A pointer into nothing is moved to its nearest existing ancestor (:func:`finding_pointer`).
    """
    pointer = finding_pointer(course.data, finding.pointer)
    if pointer != finding.pointer:
        from attrs import evolve

        finding = evolve(finding, pointer=pointer, start=None, end=None)
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


def _share_analyses(course: Course) -> None:
    """Build the analyses every check shares (the text index and topic evidence) before any check runs, so that
    their cost is not charged to the time budget of whichever check asks first. Should building them fail, each
    check that needs them fails alone, as it would have without this."""
    from .topics import topic_evidence

    try:
        topic_evidence(course).units
    except Exception:  # noqa: BLE001 - reported by every check that reads it, inside its own protection
        return


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


def _read_by_plugins(source: Any) -> bool:
    """Whether ``source`` is a file of a format vetkit does not read itself (``vetkit_load_course`` hooks may)."""
    return isinstance(source, (str, os.PathLike)) and not str(source).lower().endswith((".json", ".yaml", ".yml"))


def validate(source: Any, *, vocabulary: Vocabulary | None = None, **options: Any):
    """Validate a course document and report every problem at once; never raises for bad input.

    The vocabularies are those of the installed plugins (as ``vetkit score`` uses them) unless
    ``vocabulary`` is given. Other options: see :func:`vetkit.loading.validate`.
    """
    from .loading import validate as validate_document

    return validate_document(source, vocabulary=vocabulary or installed_vocabulary(), **options)


def load_course(source: Any, *, vocabulary: Vocabulary | None = None, **options: Any) -> Course:
    """Load and validate a course from a path, bytes or a mapping, with the installed plugins' vocabularies.

    Raises :class:`~vetkit.errors.InvalidCourse` listing every problem found.
    """
    from .loading import load_course as load_document

    return load_document(source, vocabulary=vocabulary or installed_vocabulary(), **options)


def installed_vocabulary() -> Vocabulary:
    """The built-in vocabularies extended by the installed plugins (``VETKIT_LOAD_PLUGINS`` and
    ``VETKIT_DISABLE_PLUGINS`` apply), built once per set of plugins that can be found."""
    import sys

    return _installed_vocabulary(os.environ.get("VETKIT_LOAD_PLUGINS"), os.environ.get("VETKIT_DISABLE_PLUGINS"),
                                 tuple(sys.path))


@lru_cache(maxsize=8)
def _installed_vocabulary(load: str | None, disable: str | None, path: tuple[str, ...]) -> Vocabulary:
    return Engine().vocabulary
