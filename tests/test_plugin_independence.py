"""The built-in plugins stand alone: each can be switched off, and each reads vetkit only through its public kit.

Also here: the exact outcome of every criterion on every bundled example course, and the import
graph of ``src/vetkit`` (no cycle anywhere).
"""

from __future__ import annotations

import ast
import datetime as dt
import sys
from pathlib import Path

import pytest

import vetkit

ROOT = Path(__file__).parents[1]
AS_OF = dt.date(2026, 11, 25)
PLUGINS = sorted(path.name for path in (ROOT / "plugins").iterdir() if path.name.startswith("vetkit_"))
ENTRY_POINTS = {"vetkit_trauma_informed": "trauma_informed", "vetkit_accuracy": "accuracy", "vetkit_legal": "legal",
                "vetkit_resources": "resources", "vetkit_audience": "audience", "vetkit_learning": "learning",
                "vetkit_coverage": "coverage", "vetkit_program": "program"}

#: The outcome of every criterion of the ht-training rubric on each bundled example course.
OUTCOMES = {
    "dispatcher-call-taking": {
        "pass": "AU-01 LO-02 DM-05 DM-06 TI-06 CV-01 CV-07 LO-05",
        "fail": "AU-05 LO-01 LO-03 LO-04 DM-04 DV-03 DV-04 DV-05 EV-01 EV-02 EV-03 EV-04 TI-01 TI-02 TI-03 TI-05 "
                "TI-07 TI-10 TI-11 TI-12 TI-13 AC-02 AC-03 AC-04 AC-05 AC-06 AC-07 AC-08 CV-02 CV-03 CV-04 CV-05 "
                "CV-06 AU-02 AU-03 AU-04 AU-06 DV-01 DV-02 DV-06 DM-01 RR-01 RR-02 RR-03 RR-04 LF-01 LF-02 LF-03 "
                "LF-05 LF-06 LF-07",
        "needs-review": "TI-08 TI-09 TI-14 AC-01 AC-09 DM-02 DM-03",
        "not-applicable": "TI-04 LF-04",
    },
    "roll-call-awareness": {
        "pass": "AU-01 LO-01 LO-02 LO-04 DM-04 DM-05 DM-06 DV-05 EV-03 EV-04 TI-01 TI-02 TI-03 TI-04 TI-05 TI-06 "
                "TI-07 TI-08 TI-10 TI-11 TI-12 TI-13 AC-01 AC-02 AC-03 AC-04 AC-05 AC-06 AC-07 CV-01 CV-02 CV-03 "
                "CV-05 CV-07 AU-02 AU-04 AU-06 LO-05 DV-01 DV-02 DV-06 DM-01 DM-02 DM-03 RR-01 RR-02 RR-03 RR-04 "
                "LF-01 LF-02",
        "fail": "DV-03 DV-04 EV-01 EV-02 CV-04 CV-06 AU-03 LF-03 LF-05 LF-06 LF-07",
        "needs-review": "LO-03 TI-09 TI-14 AC-08 AC-09",
        "not-applicable": "AU-05 LF-04",
    },
    "task-force-investigations": {
        "pass": "AU-01 AU-05 LO-01 LO-02 LO-04 DM-04 DM-05 DM-06 DV-03 DV-04 DV-05 EV-01 EV-02 EV-03 EV-04 TI-01 "
                "TI-02 TI-03 TI-04 TI-05 TI-06 TI-08 TI-10 TI-11 TI-12 TI-13 AC-01 AC-02 AC-03 AC-04 AC-05 AC-06 "
                "AC-07 AC-08 CV-01 CV-02 CV-03 CV-04 CV-05 CV-06 CV-07 AU-02 AU-03 AU-04 AU-06 LO-05 DV-01 DV-02 "
                "DV-06 DM-01 DM-02 DM-03 RR-01 RR-02 RR-03 RR-04 LF-01 LF-02 LF-03 LF-05 LF-06 LF-07",
        "needs-review": "LO-03 TI-07 TI-09 TI-14 AC-09 LF-04",
    },
}
VERDICTS = {"dispatcher-call-taking": ("not-recommended", 25.92), "roll-call-awareness": ("revise", 91.17),
            "task-force-investigations": ("pending-review", 100.0)}


def expected(name: str) -> dict[str, str]:
    return {rule_id: outcome for outcome, ids in OUTCOMES[name].items() for rule_id in ids.split()}


@pytest.fixture(scope="module")
def engines():
    """One engine with every built-in plugin, and one per built-in plugin switched off."""
    return {None: vetkit.Engine(environ={}),
            **{plugin: vetkit.Engine(environ={}, disable=[ENTRY_POINTS[plugin]]) for plugin in PLUGINS}}


@pytest.mark.parametrize("name", OUTCOMES)
def test_every_criterion_of_every_example(engines, name):
    """Each criterion gets exactly its documented outcome, and the course its verdict and score."""
    report = engines[None].score(ROOT / "docs" / "examples" / f"{name}.json", as_of=AS_OF)
    assert {result.rule_id: result.outcome for result in report.results} == expected(name)
    assert (report.verdict, report.score.value) == VERDICTS[name]


@pytest.mark.parametrize("plugin", PLUGINS)
@pytest.mark.parametrize("name", OUTCOMES)
def test_a_plugin_switched_off_leaves_the_others_unchanged(engines, plugin, name):
    """With one built-in plugin disabled, its own criteria say which plugin is missing and every other criterion
    keeps its outcome: none ends in error."""
    report = engines[plugin].score(ROOT / "docs" / "examples" / f"{name}.json", as_of=AS_OF)
    own = {rule_id for rule_id, rule in engines[None].rules.items() if rule.plugin == ENTRY_POINTS[plugin]}
    outcomes = {result.rule_id: result.outcome for result in report.results if result.rule_id not in own}
    assert outcomes == {rule_id: outcome for rule_id, outcome in expected(name).items() if rule_id not in own}
    missing = [result for result in report.results if result.rule_id in own]
    assert missing and all(result.outcome == "error" and f"{ENTRY_POINTS[plugin]} (blocked)" in result.reason
                           for result in missing)


def _imports(path: Path):
    """(module, names) of every import statement of a file; relative imports as '.'."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            yield ("." if node.level else node.module or ""), tuple(alias.name for alias in node.names)


@pytest.mark.parametrize("plugin", PLUGINS)
def test_plugins_import_only_vetkit_the_kit_and_themselves(plugin):
    """A built-in plugin imports the `vetkit` package, `vetkit.kit` and its own modules: no other plugin, no
    internal module of vetkit, no private name."""
    wrong = []
    for path in sorted((ROOT / "plugins" / plugin).rglob("*.py")):
        for module, names in _imports(path):
            root = module.split(".")[0]
            if module.startswith("vetkit.") and module != "vetkit.kit":
                wrong.append(f"{path.name}: imports {module}")
            elif root.startswith("vetkit_") and root != plugin:
                wrong.append(f"{path.name}: imports another plugin, {module}")
            elif root == "vetkit" and any(name.startswith("_") for name in names):
                wrong.append(f"{path.name}: imports a private name from {module}: {names}")
    assert wrong == []


def _import_graph() -> dict[str, set[str]]:
    source = ROOT / "src"
    modules = {".".join(path.relative_to(source).with_suffix("").parts).removesuffix(".__init__"): path
               for path in source.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join([*base, *([node.module] if node.module else [])]) if node.level else node.module
                candidates = [target, *(f"{target}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                continue
            graph[name].update(c for c in candidates if c in modules and c != name and not name.startswith(c + "."))
    return graph


def test_no_import_cycle_in_vetkit():
    """No module of src/vetkit imports, directly or through others, a module that imports it back."""
    graph = _import_graph()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for following in sorted(graph[node]):
            if state.get(following) == 1:
                cycles.append(trail[trail.index(following):] + [following])
            elif following not in state:
                visit(following, [*trail, following])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []
