"""Test plugins for the engine: rules from tuples, rubrics as mappings, dist-info plugins on disk.

Nothing here depends on the built-in plugins. A rule is described by a tuple
``(id, severity, behaviour)`` or ``(id, severity, behaviour, extra)`` where ``behaviour`` is

- ``"pass"``, ``"fail"``, ``"needs-review"`` or ``"not-applicable"``: the check answers so
  (fail and needs-review with one finding at ``/title``);
- ``("fail", 0.5)`` or ``("pass", 0.5)``: that outcome with partial credit;
- an exception instance: the check raises it;
- ``None``: a manual rule (no check, a reviewer question);
- a callable, or a ``"module:function"`` string: the check itself;

and ``extra`` is a mapping of further :class:`vetkit.Rule` fields (parameters, proxy, ...).
"""

from __future__ import annotations

import copy
import importlib
import itertools
import json
import re
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import yaml
from click.testing import CliRunner, Result as ClickResult

import vetkit
from vetkit.checking import CheckContext, Result
from vetkit.report import Report, RuleResult, Score

#: The "Minimal valid course" of design/course-format.md, verbatim.
MINIMAL_COURSE = {
    "vetkit": "1.0",
    "id": "HT-101",
    "title": "Recognizing Human Trafficking at Roll Call",
    "version": "1.0",
    "provider": {"name": "Example Police Academy"},
    "audience": {"roles": ["patrol"], "experience": "in-service"},
    "level": "awareness",
    "delivery": {"modes": ["roll-call"], "totalMinutes": 30},
    "objectives": [{"id": "O1", "text": "Identify three indicators of labor trafficking during a traffic stop."}],
    "modules": [{"id": "M1", "title": "Defining the crime", "minutes": 30, "objectiveIds": ["O1"],
                 "topics": ["labor-trafficking", "sex-trafficking", "indicators"]}],
}

#: Where the scripted checks put their finding, and what they say.
FINDING_POINTER = "/title"
FINDING_MESSAGE = "The title does not name the audience."
REVIEW_POINTER = "/modules/0/title"
REVIEW_MESSAGE = "The module title may or may not cover labor trafficking."
REASONS = {
    "pass": "The scripted check passed.",
    "fail": "The scripted check failed on the title.",
    "needs-review": "The scripted check cannot decide; a reviewer must.",
    "not-applicable": "The scripted check does not apply to this course.",
}
QUESTION = "Does the course meet this scripted criterion?"


def minimal_course() -> dict:
    """A fresh deep copy of the minimal valid course, safe to mutate."""
    return copy.deepcopy(MINIMAL_COURSE)


# -- checks ----------------------------------------------------------------------------------


def _answer(ctx: CheckContext, outcome: str, score: float | None = None) -> Result:
    if outcome == "pass":
        result = ctx.passed(REASONS["pass"])
        return result if score is None else Result("pass", result.reason, (), score)
    if outcome == "fail":
        finding = ctx.finding(FINDING_POINTER, FINDING_MESSAGE, evidence=ctx.course.title)
        return ctx.failed(REASONS["fail"], [finding], score=score or 0.0)
    if outcome == "needs-review":
        finding = ctx.finding(REVIEW_POINTER, REVIEW_MESSAGE, effect="needs-review")
        return ctx.review(REASONS["needs-review"], [finding])
    if outcome == "not-applicable":
        return ctx.not_applicable(REASONS["not-applicable"])
    raise AssertionError(f"unknown scripted outcome {outcome!r}")


def check_pass(ctx: CheckContext) -> Result:
    """A check that passes."""
    return _answer(ctx, "pass")


def check_fail(ctx: CheckContext) -> Result:
    """A check that fails with one finding at ``/title``."""
    return _answer(ctx, "fail")


def check_review(ctx: CheckContext) -> Result:
    """A check that asks for a reviewer, with one finding at ``/modules/0/title``."""
    return _answer(ctx, "needs-review")


def check_not_applicable(ctx: CheckContext) -> Result:
    """A check that does not apply."""
    return _answer(ctx, "not-applicable")


def check_raises(ctx: CheckContext) -> Result:
    """A check with a bug."""
    raise RuntimeError("check exploded")


#: "module:function" references for the scripted checks (for plugins written to disk).
CHECK_REFS = {
    "pass": "engine_helpers:check_pass",
    "fail": "engine_helpers:check_fail",
    "needs-review": "engine_helpers:check_review",
    "not-applicable": "engine_helpers:check_not_applicable",
    "raise": "engine_helpers:check_raises",
}


def make_check(behaviour: Any) -> Callable[[CheckContext], Result] | str | None:
    """The check callable for a behaviour (see the module docstring); None for a manual rule."""
    if behaviour is None:
        return None
    if isinstance(behaviour, BaseException):
        def raising(ctx: CheckContext) -> Result:
            raise behaviour
        return raising
    if isinstance(behaviour, tuple):
        outcome, score = behaviour
        return lambda ctx: _answer(ctx, outcome, score)
    if isinstance(behaviour, str) and ":" in behaviour:
        return behaviour  # "module:function", imported only when the rule runs
    if isinstance(behaviour, str):
        return lambda ctx: _answer(ctx, behaviour)
    if callable(behaviour):
        return behaviour
    raise AssertionError(f"unknown behaviour {behaviour!r}")


def rule_fields(spec: tuple) -> dict[str, Any]:
    """The :class:`vetkit.Rule` fields for a spec, with the check still a behaviour."""
    rule_id, severity, behaviour, *rest = spec
    extra = dict(rest[0]) if rest else {}
    fields: dict[str, Any] = {
        "id": rule_id, "title": f"Scripted criterion {rule_id}", "severity": severity,
        "method": ["manual"] if behaviour is None else ["auto"],
        "rationale": f"{rule_id} exists to test the engine.", "how_to_fix": f"Make {rule_id} pass.",
        "category": "testing",
    }
    if behaviour is None:
        fields["question"] = QUESTION
    fields.update(extra)
    return fields


def make_rule(spec: tuple) -> vetkit.Rule:
    """A :class:`vetkit.Rule` from a spec tuple."""
    fields = rule_fields(spec)
    return vetkit.Rule(check=make_check(spec[2]), **fields)


class RulesPlugin:
    """A plugin object whose rules come from spec tuples and whose rubrics are mappings.

    ``fail_in`` makes a hook raise ``error`` after registering what it was given:
    ``"rules"`` or ``"rubrics"``.
    """

    def __init__(self, name: str, rules: Iterable[tuple] = (), *, rubrics: Iterable[Mapping] = (),
                 fail_in: str | None = None, error: Exception | None = None):
        self.__name__ = name
        self.specs = list(rules)
        self.rubrics = [dict(r) for r in rubrics]
        self.fail_in = fail_in
        self.error = error or RuntimeError(f"{name} cannot register")

    def __repr__(self) -> str:
        return f"<RulesPlugin {self.__name__}>"

    @vetkit.hookimpl
    def vetkit_register_rules(self, register):
        for spec in self.specs:
            register(make_rule(spec))
        if self.fail_in == "rules":
            raise self.error

    @vetkit.hookimpl
    def vetkit_register_rubrics(self, register):
        for rubric_data in self.rubrics:
            register(rubric_data)
        if self.fail_in == "rubrics":
            raise self.error


def rubric(rubric_id: str, criteria: Mapping[str, Any] | Iterable[str] = (), *, verdict: Mapping | None = None,
           extends: str | None = None, parameters: Mapping | None = None, remove: Iterable[str] = (),
           version: str = "1", title: str | None = None) -> dict[str, Any]:
    """A rubric mapping in the rubric format; ``criteria`` may be a list of ids (default settings)."""
    if not isinstance(criteria, Mapping):
        criteria = {criterion_id: {} for criterion_id in criteria}
    data: dict[str, Any] = {"id": rubric_id, "version": version, "title": title or f"Test rubric {rubric_id}"}
    if extends:
        data["extends"] = extends
    if verdict is not None:
        data["verdict"] = dict(verdict)
    if parameters:
        data["parameters"] = dict(parameters)
    if criteria:
        data["criteria"] = {key: (dict(value) if value is not None else None) for key, value in criteria.items()}
    if remove:
        data["remove"] = list(remove)
    return data


def engine_with(*plugins: object, **options: Any) -> vetkit.Engine:
    """An engine that runs only the given plugin objects (and vetkit's core)."""
    return vetkit.Engine(entry_points=False, plugins=plugins, **options)


def score_with(specs: Iterable[tuple], criteria: Mapping[str, Any] | None = None, *, verdict: Mapping | None = None,
               course: Any = None, **options: Any) -> Report:
    """Score the minimal course with one plugin of ``specs`` and a rubric over all of them."""
    specs = list(specs)
    criteria = criteria if criteria is not None else {spec[0]: {} for spec in specs}
    plugin = RulesPlugin("scripted", specs, rubrics=[rubric("scripted", criteria, verdict=verdict)])
    options.setdefault("as_of", "2025-06-01")
    report = engine_with(plugin).score(course if course is not None else minimal_course(), rubric="scripted",
                                       **options)
    assert_valid_report(report)
    return report


# -- results and reports for the arithmetic ----------------------------------------------------


def make_result(rule_id: str, outcome: str, *, severity: str = "warning", weight: float | None = None,
                essential: bool = False, score: float | None = None) -> RuleResult:
    """A RuleResult as the engine builds it: pass scores 1 and fail 0 unless ``score`` says otherwise."""
    if outcome in ("pass", "fail") and score is None:
        score = 1.0 if outcome == "pass" else 0.0
    if outcome not in ("pass", "fail"):
        score = None
    weight = {"error": 3.0, "warning": 2.0, "info": 1.0}[severity] if weight is None else float(weight)
    return RuleResult(rule_id, f"Scripted criterion {rule_id}", "testing", "scripted", ("auto",), severity,
                      weight, essential, outcome, score, f"{rule_id} scripted {outcome}.")


def make_report(verdict: str, *, complete: bool = True, value: float | None = 80.0) -> Report:
    """A report carrying only what ``exit_code`` reads: verdict, completeness and the score value."""
    score = Score(value=value, minimum=value or 0.0, maximum=value if value is not None else 100.0,
                  coverage=1.0 if value is not None else 0.0, earned=0.0, conclusive_weight=0.0,
                  pending_weight=0.0, applicable_weight=0.0)
    return Report(tool_version=vetkit.__version__,
                  course={"id": "HT-101", "version": "1.0", "title": "t", "sha256": "0" * 64, "file": "c.json"},
                  rubric={"id": "r", "version": "1", "title": "r", "verdictRule": "severity", "threshold": None},
                  as_of="2025-06-01", verdict=verdict, complete=complete, score=score, results=[])


def report_errors(data: Mapping[str, Any]) -> list[str]:
    """Schema errors of a report's JSON form (``schemas/report.schema.json``), as ``pointer: message``."""
    from vetkit.schemas import validator

    return [f"/{'/'.join(map(str, error.absolute_path))}: {error.message}"
            for error in validator("report").iter_errors(data)]


def assert_valid_report(report: Report | Mapping[str, Any]) -> dict[str, Any]:
    """Validate a report (object or JSON form) against the report schema and return its JSON form."""
    data = report.to_json() if isinstance(report, Report) else dict(report)
    data = json.loads(json.dumps(data))  # what a tool reading the JSON sees
    assert report_errors(data) == []
    return data


# -- files -----------------------------------------------------------------------------------


def write_course(folder: Path, data: Mapping[str, Any] | None = None, name: str = "course.json") -> Path:
    """Write a course document as indented JSON (``title`` is on line 4) and return its path."""
    path = Path(folder) / name
    path.write_text(json.dumps(dict(data if data is not None else MINIMAL_COURSE), indent=2) + "\n",
                    encoding="utf-8")
    return path


def write_rubric(folder: Path, data: Mapping[str, Any], name: str | None = None) -> Path:
    """Write a rubric mapping as YAML and return its path."""
    path = Path(folder) / (name or f"{data['id']}.yaml")
    path.write_text(yaml.safe_dump(dict(data), sort_keys=False), encoding="utf-8")
    return path


_modules = itertools.count(1)


def _dist_info(folder: Path, distribution: str, version: str, entry_points: str) -> None:
    normalized = re.sub(r"[-_.]+", "_", distribution)
    info = folder / f"{normalized}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {distribution}\nVersion: {version}\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def plugin_source(rules: Iterable[tuple] = (), *, rubrics: Iterable[Mapping] = (), import_error: str | None = None,
                  fail_in: str | None = None, extra: str = "") -> str:
    """The source of a plugin module as a third party would write it.

    ``rules`` are spec tuples whose behaviour is one of the keys of :data:`CHECK_REFS`,
    ``None`` (manual) or a ``"module:function"`` string; ``import_error`` is a statement run
    first (e.g. ``import missing_dependency``); ``fail_in`` makes that hook raise after
    registering (``"rules"`` or ``"rubrics"``); ``extra`` is appended verbatim.
    """
    raw_rules = []
    for spec in rules:
        fields = rule_fields(spec)
        behaviour = spec[2]
        if behaviour is not None:
            fields["check"] = CHECK_REFS.get(behaviour, behaviour)
        raw_rules.append(fields)
    lines = ['"""A vetkit plugin written by the tests."""', ""]
    if import_error:
        lines.append(import_error)
    lines += [
        "import vetkit",
        "",
        f"RULES = {raw_rules!r}",
        f"RUBRICS = {[dict(r) for r in rubrics]!r}",
        "",
        "",
        "@vetkit.hookimpl",
        "def vetkit_register_rules(register):",
        "    for raw in RULES:",
        "        register(vetkit.Rule(**raw))",
    ]
    if fail_in == "rules":
        lines.append("    raise RuntimeError('rules half registered')")
    lines += [
        "",
        "",
        "@vetkit.hookimpl",
        "def vetkit_register_rubrics(register):",
        "    for data in RUBRICS:",
        "        register(data)",
    ]
    if fail_in == "rubrics":
        lines.append("    raise RuntimeError('rubrics half registered')")
    return "\n".join(lines) + "\n" + extra


def write_dist_plugin(folder: Path, name: str, source: str | None = None, *, rules: Iterable[tuple] = (),
                      rubrics: Iterable[Mapping] = (), distribution: str | None = None, version: str = "1.0",
                      **source_options: Any) -> str:
    """Install a plugin into ``folder`` as a distribution: its module and a ``*.dist-info``.

    The distribution (default ``vetkit-test-NAME``) publishes the module under the entry-point
    group ``vetkit`` as ``NAME``. ``source`` is the module's text (default: :func:`plugin_source`
    of ``rules``, ``rubrics`` and ``source_options``). Put ``folder`` on ``sys.path`` (before or
    after) for the engine to find it. Returns the module name, unique per call so that no two
    tests share an imported module.
    """
    folder = Path(folder)
    module = f"vetkit_test_{name}_{next(_modules)}"
    if source is None:
        source = plugin_source(rules, rubrics=rubrics, **source_options)
    (folder / f"{module}.py").write_text(source, encoding="utf-8")
    _dist_info(folder, distribution or f"vetkit-test-{name}", version, f"[vetkit]\n{name} = {module}\n")
    importlib.invalidate_caches()
    return module


def write_module(folder: Path, stem: str, source: str) -> str:
    """Write a plain module (e.g. a check module) with a unique name; return the name."""
    module = f"{stem}_{next(_modules)}"
    (Path(folder) / f"{module}.py").write_text(source, encoding="utf-8")
    importlib.invalidate_caches()
    return module


# -- the command line --------------------------------------------------------------------------


def run_cli(*args: object, env: Mapping[str, str | None] | None = None, plugins: str | None = None) -> ClickResult:
    """Run ``vetkit`` in-process with stdout and stderr apart; never a traceback, never an uncaught exception.

    ``plugins`` sets ``VETKIT_LOAD_PLUGINS`` (only those entry-point plugins load) and clears
    ``VETKIT_DISABLE_PLUGINS`` unless ``env`` sets it.
    """
    from vetkit.cli import main

    environment: dict[str, str | None] = {"VETKIT_DISABLE_PLUGINS": None, "NO_COLOR": "1"}
    if plugins is not None:
        environment["VETKIT_LOAD_PLUGINS"] = plugins
    environment.update(env or {})
    result = CliRunner().invoke(main, [str(arg) for arg in args], env=environment)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr
    return result
