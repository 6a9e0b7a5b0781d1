"""Helpers for testing vetkit rules and plugins, and a pytest plugin that provides them as fixtures.

Installing vetkit registers this module with pytest (entry point ``pytest11``), so a plugin's
tests can use the fixtures without a ``conftest.py``::

    from vetkit.testing import check_rule

    def test_texas_statutes(course_factory):
        check_rule(
            "TX-01",
            valid=[course_factory(jurisdiction={"country": "US", "state": "TX"}, references=[...])],
            invalid=[(course_factory(jurisdiction={"country": "US", "state": "TX"}), ["/references"])],
        )

Functions: :func:`check_rule` (a table of courses that must pass and courses that must fail,
in the style of ESLint's RuleTester), :func:`run_rule` (one rule's result for one course, for
exact assertions), :func:`run_rule_examples` (the examples in a rule's YAML),
:func:`make_course` (a valid course with some top-level keys replaced), :func:`teaching_text`
(sentences that teach given tags, for a module whose tags must be backed by its text) and
:func:`make_engine` (an engine with only the plugins under test).

Fixtures: ``course_factory``, ``vetkit_engine`` and ``vetkit_cli``.

Importing this module needs only vetkit and pytest's ``fixture`` decorator; it does not import
hypothesis.

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
import os
from importlib import import_module
from typing import Any, Callable, Iterable, Mapping

import pytest

from .hookspecs import hookimpl

__all__ = ["check_rule", "installed_engine", "run_rule", "run_rule_examples", "make_course", "make_engine",
           "teaching_text", "course_factory", "vetkit_engine", "vetkit_cli"]

#: Outcomes that count as "the course meets the rule" in :func:`check_rule`.
VALID_OUTCOMES = ("pass", "not-applicable")
#: Outcomes that count as "the rule found a problem" in :func:`check_rule`.
INVALID_OUTCOMES = ("fail", "needs-review")


# -- courses ---------------------------------------------------------------------------------


def make_course(overrides: Mapping[str, Any] | None = None, /, **keys: Any) -> dict[str, Any]:
    """A valid course document: vetkit's base course with some top-level keys replaced.

    :param overrides: Top-level keys to replace, for keys that are not Python names
        (``{"x-agency": ...}``); ``keys`` are laid over them.
    :returns: A fresh ``dict`` (safe to change), validated against the course format.
    :raises vetkit.InvalidCourse: when the replaced keys make the course invalid; the
        message lists every problem with its JSON Pointer.

    The base course (:func:`vetkit.examples.base_course`) is a one-module, one-objective
    in-person awareness course for patrol officers, the same course that rule examples in
    YAML start from. A key set to ``None`` is removed.
    """
    from .errors import InvalidCourse
    from .examples import example_course
    from .loading import validate

    __tracebackhide__ = True
    changes = {**dict(overrides or {}), **keys}
    course = example_course({key: value for key, value in changes.items() if value is not None})
    for key, value in changes.items():
        if value is None:
            course.pop(key, None)
    result = validate(course)
    if result.errors:
        details = "\n".join(f"  {problem.pointer or '/'}: {problem.message}"
                            + (f" ({problem.hint})" if problem.hint else "") for problem in result.errors)
        raise InvalidCourse(f"the base course with {', '.join(sorted(changes))} replaced is not valid:\n{details}",
                            result.errors, result.warnings)
    return course


# -- engines ---------------------------------------------------------------------------------


def teaching_text(*tags: str, vocabulary: str = "topics") -> str:
    """Module text that teaches each of ``tags``: the example sentence of each tag's profile, in order.

    Criteria judge what a module's text teaches; a tag is a claim the text must back. A test module
    that declares tags and should count as teaching them needs text like this::

        module = {"id": "M1", ..., "topics": ["labor-trafficking"], "text": teaching_text("labor-trafficking")}

    :raises KeyError: for a tag vetkit has no profile for (a plugin's own tag, say).
    """
    from .topics.catalogue import profile

    found = []
    for tag in tags:
        described = profile(vocabulary, tag)
        if described is None:
            raise KeyError(f"no {vocabulary} tag `{tag}` is known to topic evidence")
        found.append(described.example)
    return " ".join(found)


def make_engine(*plugins: object, **options: Any):
    """A :class:`vetkit.Engine` that runs only the given plugins (no entry-point discovery).

    :param plugins: Plugin modules or objects, or importable module names such as
        ``"vetkit_texas"``. The engine always includes vetkit's core plugin ``vetkit``
        (the ``ht-training`` and ``course-design`` rubrics and the report formats).
    :param options: Further :class:`vetkit.Engine` keyword arguments, e.g.
        ``strict_plugins=True`` to make a broken plugin raise instead of being recorded.
    """
    from .engine import Engine

    loaded = [import_module(plugin) if isinstance(plugin, str) else plugin for plugin in plugins]
    return Engine(entry_points=False, plugins=loaded, **options)


_default_engine = None


def installed_engine():
    """One :class:`vetkit.Engine` over the installed plugins, built on first use and reused by later calls.

    Treat it as read-only; it is the default engine of :func:`check_rule`, :func:`run_rule` and
    :func:`run_rule_examples`, and its ``lexicons`` are those every installed rule reads.
    """
    global _default_engine
    if _default_engine is None:
        from .engine import Engine

        _default_engine = Engine()
    return _default_engine


class _OneRule:
    """A plugin object that registers one :class:`vetkit.Rule`."""

    def __init__(self, rule):
        self.rule = rule
        self.__name__ = f"rule {rule.id}"

    @hookimpl
    def vetkit_register_rules(self, register):
        register(self.rule)


def _rule_and_engine(rule: Any, engine: Any):
    """(rule id, engine): an id is looked up in ``engine`` (default: the installed plugins);
    a :class:`vetkit.Rule` not given an engine runs in an engine of its own."""
    from .rules import Rule

    if isinstance(rule, Rule):
        if engine is None:
            from .engine import Engine

            engine = Engine(entry_points=False, plugins=[_OneRule(rule)])
        rule_id = rule.id
    else:
        rule_id = str(rule)
        engine = engine if engine is not None else installed_engine()
    if rule_id not in engine.rules:
        known = ", ".join(engine.rules) or "none"
        loaded = ", ".join(engine.host.loaded())
        raise AssertionError(f"rule {rule_id} is not registered in this engine (plugins loaded: {loaded}; "
                             f"rules: {known}). Is the plugin installed (`pip install -e .`), or pass "
                             f"engine=make_engine(your_plugin)?")
    return rule_id, engine


def _run(engine, rule_id: str, course: Any, as_of, params: Mapping[str, Any] | None):
    """The :class:`vetkit.RuleResult` of one rule for one course, through the engine (timed, isolated)."""
    from .rubric import Criterion, Rubric

    rubric = Rubric(id="vetkit-testing", version="1", title=f"only {rule_id}", criteria=[Criterion(rule_id)])
    loaded = engine.load_course(course)
    report = engine.score(loaded, rubric=rubric, as_of=as_of or dt.date.today(), parameters=dict(params or {}))
    return report.result(rule_id)


def run_rule(rule: Any, course: Any, *, engine: Any = None, as_of: dt.date | str | None = None,
             params: Mapping[str, Any] | None = None):
    """The result of one rule for one course, run through the engine as ``vetkit score`` runs it.

    :param rule: A rule id such as ``"TX-01"`` (looked up in ``engine``), or a :class:`vetkit.Rule`.
    :param course: A course mapping, a :class:`vetkit.Course` or a path.
    :param engine: The :class:`vetkit.Engine` to run in; default one over the installed plugins.
    :param as_of: The scoring date (``date`` or ``"YYYY-MM-DD"``); default today.
    :param params: Parameter values laid over the rule's defaults, as a rubric would set them.
    :returns: The :class:`vetkit.RuleResult`: ``outcome``, ``score``, ``reason``, ``severity`` and the
        ``findings`` with their pointers, so a test can assert each exactly.
    """
    rule_id, engine = _rule_and_engine(rule, engine)
    return _run(engine, rule_id, course, as_of, params)


def _describe(result) -> str:
    lines = [f"    outcome: {result.outcome}", f"    reason:  {result.reason}"]
    if result.findings:
        lines.append("    findings:")
        lines += [f"      {finding.pointer or '/'} [{finding.effect}] {finding.message}" for finding in result.findings]
    else:
        lines.append("    findings: none")
    return "\n".join(lines)


def _label(course: Any) -> str:
    if isinstance(course, Mapping):
        return f"course {course.get('id', '?')!r}"
    return str(getattr(course, "name", course))


# -- rule tests ------------------------------------------------------------------------------


def check_rule(rule: Any, valid: Iterable[Any] = (), invalid: Iterable[Any] = (), *, engine: Any = None,
               as_of: dt.date | str | None = None, params: Mapping[str, Any] | None = None) -> None:
    """Assert that a rule accepts every course of ``valid`` and finds a problem in every course of ``invalid``.

    :param rule: A rule id such as ``"TX-01"`` (looked up in ``engine``), or a
        :class:`vetkit.Rule` (run in an engine of its own unless ``engine`` is given).
    :param valid: Courses (mappings, :class:`vetkit.Course` objects or paths) whose outcome
        must be ``pass`` or ``not-applicable``.
    :param invalid: Courses whose outcome must be ``fail`` or ``needs-review``, each either
        alone or as ``(course, [pointer, ...])``: the findings must include at least those
        JSON Pointers.
    :param engine: The :class:`vetkit.Engine` to run in; default one over the installed
        plugins (built once per test session).
    :param as_of: The scoring date (``date`` or ``"YYYY-MM-DD"``); default today.
    :param params: Parameter values laid over the rule's defaults, as a rubric would set them.
    :raises AssertionError: listing, for every course that did not get the expected outcome,
        its outcome, reason and findings. Every course is run before the assertion is raised.

    The rule runs through the engine as in ``vetkit score``: a check that raises gets outcome
    ``error``, which never counts as valid or invalid, and its reason names the exception.
    """
    __tracebackhide__ = True
    rule_id, engine = _rule_and_engine(rule, engine)
    failures: list[str] = []
    cases = [("valid", index, course, ()) for index, course in enumerate(valid)]
    for index, case in enumerate(invalid):
        course, pointers = case if isinstance(case, tuple) else (case, ())
        cases.append(("invalid", index, course, tuple([pointers] if isinstance(pointers, str) else pointers)))
    if not cases:
        raise ValueError("check_rule() needs at least one valid or invalid course")
    for kind, index, course, pointers in cases:
        result = _run(engine, rule_id, course, as_of, params)
        expected = VALID_OUTCOMES if kind == "valid" else INVALID_OUTCOMES
        found = {finding.pointer for finding in result.findings}
        missing = [pointer for pointer in pointers if pointer not in found]
        if result.outcome not in expected:
            failures.append(f"  {kind}[{index}] ({_label(course)}): expected {' or '.join(expected)}\n"
                            f"{_describe(result)}")
        elif missing:
            failures.append(f"  {kind}[{index}] ({_label(course)}): no finding at {', '.join(missing)}\n"
                            f"{_describe(result)}")
    if failures:
        raise AssertionError(f"{rule_id}: {len(failures)} of {len(cases)} course(s) did not get the expected "
                             f"outcome\n" + "\n".join(failures))


def run_rule_examples(rule: Any, *, engine: Any = None, as_of: dt.date | str | None = None) -> None:
    """Assert that every example in a rule's YAML gets the outcome it documents.

    :param rule: A rule id or a :class:`vetkit.Rule` (as for :func:`check_rule`).
    :param engine: The engine to run in; default one over the installed plugins.
    :param as_of: The scoring date; default today.
    :raises AssertionError: listing each example that got another outcome, or whose findings
        miss one of the example's ``pointers``, with the outcome, reason and findings.

    An example is a course fragment: its top-level keys replace those of the base course
    (:func:`make_course`). Unlike :func:`check_rule`, the outcome must be exactly the one
    the example names (``pass``, ``fail``, ``needs-review`` or ``not-applicable``).
    """
    from .examples import example_course

    __tracebackhide__ = True
    rule_id, engine = _rule_and_engine(rule, engine)
    examples = engine.rules[rule_id].examples
    if not examples:
        raise AssertionError(f"rule {rule_id} has no examples; add a passing and a failing one to its YAML")
    failures = []
    for example in examples:
        result = _run(engine, rule_id, example_course(example), as_of, None)
        found = {finding.pointer for finding in result.findings}
        missing = [pointer for pointer in example.pointers if pointer not in found]
        if result.outcome != example.expect or missing:
            why = f"expected {example.expect}" + (f" with findings at {', '.join(missing)}" if missing else "")
            failures.append(f"  example {example.name!r}: {why}\n{_describe(result)}")
    if failures:
        raise AssertionError(f"{rule_id}: {len(failures)} of {len(examples)} example(s) failed\n" + "\n".join(failures))


# -- pytest fixtures -------------------------------------------------------------------------


@pytest.fixture
def course_factory() -> Callable[..., dict[str, Any]]:
    """A function ``course_factory(**keys)`` that returns a valid course with those top-level keys replaced.

    See :func:`make_course`: the result is a fresh ``dict``, and overrides that make the course
    invalid raise :class:`vetkit.InvalidCourse` listing the problems.
    """
    return make_course


@pytest.fixture
def vetkit_engine() -> Callable[..., Any]:
    """A function ``make_engine(*plugins)`` that returns an engine running only those plugins.

    See :func:`make_engine`; each call builds a new engine, so tests share no plugin state.
    """
    return make_engine


@pytest.fixture
def vetkit_cli() -> Callable[..., Any]:
    """A function ``vetkit_cli(*args, env=None)`` that runs the ``vetkit`` command in-process.

    Returns Click's ``Result``: ``exit_code``, ``stdout`` and ``stderr`` (kept apart) and
    ``exception``. Arguments are converted with ``str`` (paths are fine). ``NO_COLOR`` is set;
    ``env`` adds or, with ``None`` values, removes environment variables for the run, e.g.
    ``env={"VETKIT_LOAD_PLUGINS": "texas"}`` to load only that entry-point plugin.
    """
    from click.testing import CliRunner

    from .cli import main

    def run(*args: Any, env: Mapping[str, str | None] | None = None):
        environment: dict[str, str | None] = {"NO_COLOR": "1", **dict(env or {})}
        return CliRunner().invoke(main, [os.fspath(arg) if isinstance(arg, os.PathLike) else str(arg)
                                         for arg in args], env=environment)

    return run
