"""Plugin isolation: broken imports and registrations, raising checks, duplicate ids, allow/block lists.

Entry-point plugins are real distributions: a ``*.dist-info`` folder and a module written into a
temporary folder on ``sys.path``. ``VETKIT_LOAD_PLUGINS`` keeps the built-in plugins out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pluggy
import pytest

import vetkit
from vetkit.checking import Result
from vetkit.plugins import plugin_filters
from engine_helpers import (RulesPlugin, assert_valid_report, engine_with, minimal_course, rubric, run_cli,
                            score_with, write_course, write_dist_plugin)

AS_OF = "2025-06-01"
BUILTIN_PLUGINS = {"accuracy", "audience", "coverage", "learning", "legal", "program", "resources",
                   "trauma_informed"}
MISSING = "No module named 'vetkit_missing_dependency'"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path where tests install throwaway plugin distributions."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


@pytest.fixture
def installed(site: Path) -> Path:
    """``alpha`` (two rules and rubric ``iso``), ``beta`` (one rule) and ``broken`` (fails to import)."""
    write_dist_plugin(site, "alpha", rules=[("XX-01", "error", "pass"), ("XX-02", "warning", None)],
                      rubrics=[rubric("iso", ["XX-01", "XX-03", "XX-09"])])
    write_dist_plugin(site, "beta", rules=[("XX-03", "info", "pass")], version="2.5")
    write_dist_plugin(site, "broken", rules=[("XX-09", "error", "pass")],
                      import_error="import vetkit_missing_dependency")
    return site


def info(engine: vetkit.Engine, name: str):
    """The PluginInfo of one plugin."""
    [found] = [i for i in engine.plugins if i.name == name]
    return found


def statuses(engine: vetkit.Engine) -> dict[str, str]:
    """Plugin name -> status."""
    return {i.name: i.status for i in engine.plugins}


class TestBrokenImport:
    def test_plugin_that_fails_to_import_is_failed_with_the_exception(self, installed):
        """A plugin whose module raises on import is listed as failed, with the exception type and message."""
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "alpha,beta,broken"})
        broken = info(engine, "broken")
        assert (broken.status, broken.distribution, broken.version) == ("failed", "vetkit-test-broken", "1.0")
        assert broken.error == f"import failed: ModuleNotFoundError: {MISSING}"
        assert broken.rules == ()
        assert info(engine, "alpha").status == "loaded"

    def test_any_exception_at_import_is_caught(self, site):
        """An exception other than ImportError at import time is recorded the same way."""
        write_dist_plugin(site, "broken", import_error="raise ValueError('no config   file\\nfound')")
        broken = info(vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "broken"}), "broken")
        assert (broken.status, broken.error) == ("failed", "import failed: ValueError: no config file found")

    def test_other_plugins_rules_still_run(self, installed):
        """The rules of working plugins run; the broken plugin's criterion is an error naming it, with a notice."""
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "alpha,beta,broken"})
        report = engine.score(minimal_course(), rubric="iso", as_of=AS_OF)
        assert [(r.rule_id, r.outcome) for r in report.results] == [
            ("XX-01", "pass"), ("XX-03", "pass"), ("XX-09", "error")]
        reason = report.result("XX-09").reason
        assert reason.startswith("No loaded plugin provides XX-09; plugins not loaded: ")
        assert "broken (failed)" in reason
        assert f"plugin broken failed: import failed: ModuleNotFoundError: {MISSING}" in report.notices
        data = assert_valid_report(report)
        [broken] = [p for p in data["plugins"] if p["name"] == "broken"]
        assert broken == {"name": "broken", "distribution": "vetkit-test-broken", "version": "1.0",
                          "status": "failed", "error": f"import failed: ModuleNotFoundError: {MISSING}",
                          "rules": []}

    def test_strict_plugins_makes_it_fatal(self, installed):
        """With strict plugins the import failure raises a PluginError naming the plugin."""
        with pytest.raises(vetkit.PluginError) as caught:
            vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "alpha,broken"}, strict_plugins=True)
        assert str(caught.value) == f"plugin 'broken' failed: import failed: ModuleNotFoundError: {MISSING}"

    def test_cli_strict_plugins_exits_2(self, installed):
        """`vetkit rules --strict-plugins` exits 2 with the plugin's error on stderr and nothing on stdout."""
        result = run_cli("rules", "--strict-plugins", plugins="alpha,broken")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == f"plugin 'broken' failed: import failed: ModuleNotFoundError: {MISSING}\n"


class TestBrokenRegistration:
    def test_raising_register_hook_fails_the_plugin_and_drops_its_partial_rules(self):
        """A register hook that raises after registering a rule leaves the plugin failed and the rule forgotten."""
        half = RulesPlugin("half", [("XX-05", "error", "pass")], fail_in="rules", error=RuntimeError("disk on fire"))
        good = RulesPlugin("good", [("XX-01", "error", "pass")])
        engine = engine_with(half, good)
        assert statuses(engine) == {"vetkit": "loaded", "half": "failed", "good": "loaded"}
        assert info(engine, "half").error == "vetkit_register_rules raised RuntimeError: disk on fire"
        assert info(engine, "half").rules == ()
        assert list(engine.rules) == ["XX-01"]
        assert info(engine, "good").rules == ("XX-01",)

    def test_registering_something_else_than_a_rule_fails_the_plugin(self):
        """``register`` refuses objects that are not rules, and the plugin is failed with that TypeError."""

        class Sloppy:
            __name__ = "sloppy"

            @vetkit.hookimpl
            def vetkit_register_rules(self, register):
                register({"id": "XX-01"})

        engine = engine_with(Sloppy())
        assert info(engine, "sloppy").status == "failed"
        assert info(engine, "sloppy").error == (
            "vetkit_register_rules raised TypeError: register() takes a vetkit.Rule, not dict")
        assert engine.rules == {}

    def test_failing_in_a_later_hook_drops_its_rules_and_rubrics(self):
        """A plugin failing in its rubric hook is failed entirely: its rules and partial rubrics are gone."""
        half = RulesPlugin("half", [("XX-05", "error", "pass")], rubrics=[rubric("half-rubric", ["XX-05"])],
                           fail_in="rubrics", error=KeyError("nope"))
        engine = engine_with(half, RulesPlugin("good", [("XX-01", "error", "pass")]))
        assert info(engine, "half").error == "vetkit_register_rubrics raised KeyError: 'nope'"
        assert (info(engine, "half").status, info(engine, "half").rules) == ("failed", ())
        assert list(engine.rules) == ["XX-01"]
        assert "half-rubric" not in engine.rubric_ids()

    def test_installed_plugin_failing_in_register_is_failed(self, site):
        """The same holds for an installed distribution: failed status, no rules, the others load."""
        write_dist_plugin(site, "halfway", rules=[("XX-07", "error", "pass")], fail_in="rules")
        write_dist_plugin(site, "alpha", rules=[("XX-01", "error", "pass")])
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "halfway,alpha"})
        halfway = info(engine, "halfway")
        assert (halfway.status, halfway.error) == (
            "failed", "vetkit_register_rules raised RuntimeError: rules half registered")
        assert list(engine.rules) == ["XX-01"]

    def test_strict_registration_failure_raises(self):
        """With strict plugins a raising register hook is a PluginError naming the plugin and the hook."""
        half = RulesPlugin("half", [("XX-05", "error", "pass")], fail_in="rules", error=RuntimeError("disk on fire"))
        with pytest.raises(vetkit.PluginError) as caught:
            engine_with(half, strict_plugins=True)
        assert str(caught.value) == "plugin 'half' failed: vetkit_register_rules raised RuntimeError: disk on fire"


class TestBadHookimpl:
    def test_typo_in_hook_name_fails_at_registration(self):
        """A hookimpl named after no hook (``vetkit_register_rule``) fails the plugin at registration."""

        class Typo:
            __name__ = "typo"

            @vetkit.hookimpl
            def vetkit_register_rule(self, register):
                raise AssertionError("never called")

        engine = engine_with(Typo(), RulesPlugin("good", [("XX-01", "error", "pass")]))
        typo = info(engine, "typo")
        assert typo.status == "failed"
        assert typo.error.startswith("registration failed: PluginValidationError: unknown hook "
                                     "'vetkit_register_rule' in plugin")
        assert engine.host.manager.get_plugin("typo") is None
        assert list(engine.rules) == ["XX-01"]

    def test_wrong_argument_name_fails_at_registration(self, site):
        """An installed hookimpl asking for an argument the hook does not pass fails at registration."""
        write_dist_plugin(site, "badargs", source=(
            "import vetkit\n\n@vetkit.hookimpl\ndef vetkit_register_rules(registr):\n    pass\n"))
        badargs = info(vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "badargs"}), "badargs")
        assert badargs.status == "failed"
        assert badargs.error.startswith("registration failed: PluginValidationError: Plugin 'badargs' for hook "
                                        "'vetkit_register_rules'")
        assert "Argument(s) {'registr'} are declared in the hookimpl" in badargs.error

    def test_typo_is_fatal_when_strict(self):
        """With strict plugins the unknown hook is a PluginError."""

        class Typo:
            __name__ = "typo"

            @vetkit.hookimpl
            def vetkit_register_rubric(self, register):
                pass

        with pytest.raises(vetkit.PluginError, match=r"^plugin 'typo' failed: registration failed: "
                                                     r"PluginValidationError: unknown hook 'vetkit_register_rubric'"):
            engine_with(Typo(), strict_plugins=True)


def _divide(ctx):
    return ctx.passed(str(1 / 0))


class TestRaisingCheck:
    SPECS = [("XX-01", "error", "pass"), ("XX-02", "warning", _divide), ("XX-03", "info", "fail")]

    def test_raising_check_gets_outcome_error_naming_plugin_and_exception(self):
        """A check that raises gets outcome error whose reason names the plugin and the exception; the rest run."""
        report = score_with(self.SPECS)
        assert [(r.rule_id, r.outcome) for r in report.results] == [
            ("XX-01", "pass"), ("XX-02", "error"), ("XX-03", "fail")]
        errored = report.result("XX-02")
        assert errored.reason == "The check of plugin 'scripted' raised ZeroDivisionError: division by zero."
        assert (errored.score, errored.plugin, errored.severity, errored.weight) == (None, "scripted", "warning", 2.0)
        assert report.complete is True
        assert report.verdict == "pending-review"
        assert_valid_report(report)

    def test_run_is_incomplete_when_the_criterion_is_essential(self):
        """An essential criterion whose check raised makes the run incomplete."""
        report = score_with(self.SPECS, {"XX-01": {}, "XX-02": {"essential": True}, "XX-03": {}})
        assert report.result("XX-02").essential is True
        assert report.complete is False
        assert_valid_report(report)

    def test_threshold_rubric_is_incomplete_when_an_essential_check_raised(self):
        """Under the threshold rule an essential errored criterion gives ``incomplete``."""
        report = score_with(self.SPECS, {"XX-01": {}, "XX-02": {"essential": True}, "XX-03": {}},
                            verdict={"rule": "threshold", "threshold": 50})
        assert (report.verdict, report.verdict_reason) == (
            "incomplete", "essential XX-02 await a reviewer or could not be checked")

    @pytest.mark.parametrize(("returned", "message"), [
        (None, "TypeError: check returned NoneType, not a vetkit Result"),
        (Result("passed", "typo"), "ValueError: check returned outcome 'passed'; expected one of pass, fail, "
                                   "needs-review, not-applicable, error"),
        (Result("fail", "too much", score=1.5), "ValueError: check returned score 1.5; a score is a number from 0 to 1"),
        (Result("fail", "nan", score=float("nan")), "ValueError: check returned score nan; a score is a number from 0 to 1"),
        (Result("fail", "odd", severity="critical"), "ValueError: check returned severity 'critical'; expected one "
                                                     "of error, warning, info"),
    ], ids=["none", "outcome", "score", "nan", "severity"])
    def test_check_returning_an_unusable_result_gets_outcome_error(self, returned, message):
        """A check whose answer the report cannot carry errors like a raising check; the report stays valid."""
        report = score_with([("XX-01", "warning", lambda ctx: returned), ("XX-02", "info", "pass")])
        assert report.result("XX-01").outcome == "error"
        assert report.result("XX-01").reason == f"The check of plugin 'scripted' raised {message}."
        assert report.result("XX-02").outcome == "pass"
        assert_valid_report(report)

    def test_strict_engine_raises_plugin_error(self):
        """With strict plugins a raising check stops the run with a PluginError naming rule, plugin and exception."""
        plugin = RulesPlugin("scripted", self.SPECS, rubrics=[rubric("scripted", ["XX-01", "XX-02", "XX-03"])])
        with pytest.raises(vetkit.PluginError) as caught:
            engine_with(plugin, strict_plugins=True).score(minimal_course(), rubric="scripted", as_of=AS_OF)
        assert str(caught.value) == "rule XX-02 of plugin 'scripted' raised ZeroDivisionError: division by zero"

    def test_cli_reports_error_and_strict_plugins_exits_2(self, site, tmp_path):
        """`vetkit score` shows the errored rule and goes on; with --strict-plugins it exits 2 with a clear message."""
        write_dist_plugin(site, "alpha", rules=[("XX-01", "error", "pass"), ("XX-04", "info", "raise")],
                          rubrics=[rubric("iso", {"XX-01": {}, "XX-04": {"essential": True}})])
        course = write_course(tmp_path)
        result = run_cli("score", course, "--rubric", "iso", "--as-of", AS_OF, plugins="alpha")
        assert result.exit_code == 0  # pending-review passes unless --require-complete
        assert result.stdout.startswith("PENDING-REVIEW  HT-101")
        assert "ERROR  XX-04 (info essential) Scripted criterion XX-04" in result.stdout
        assert "The check of plugin 'alpha' raised RuntimeError: check exploded." in result.stdout
        assert "Incomplete: an essential criterion could not be checked" in result.stdout
        assert result.stderr == ""
        required = run_cli("score", course, "--rubric", "iso", "--as-of", AS_OF, "--require-complete",
                           plugins="alpha")
        assert required.exit_code == 1
        strict = run_cli("score", course, "--rubric", "iso", "--as-of", AS_OF, "--strict-plugins", plugins="alpha")
        assert strict.exit_code == 2
        assert strict.stdout == ""
        assert strict.stderr == "rule XX-04 of plugin 'alpha' raised RuntimeError: check exploded\n"


class TestDuplicateRuleId:
    def test_two_plugins_registering_one_id_keep_the_first(self):
        """Two plugins registering XX-01: the first keeps it, the second's is not registered and noted; strict: fatal."""
        first = RulesPlugin("first", [("XX-01", "error", "pass")])
        second = RulesPlugin("second", [("XX-02", "error", "pass"), ("XX-01", "warning", "fail")])
        engine = engine_with(first, second)
        assert (engine.rules["XX-01"].plugin, info(engine, "second").status) == ("first", "loaded")
        assert info(engine, "second").notes == ("rule XX-01 not registered: plugin 'first' provides it",)
        with pytest.raises(vetkit.PluginError) as caught:
            engine_with(first, second, strict_plugins=True)
        assert str(caught.value) == ("rule XX-01 is registered by two plugins: 'first' and 'second'. Disable one "
                                     "of them (VETKIT_DISABLE_PLUGINS or -p no:NAME).")

    def test_one_plugin_registering_an_id_twice_fails_that_plugin(self):
        """A plugin registering the same id twice is failed (not silently last-wins); other plugins load."""
        twice = RulesPlugin("twice", [("XX-01", "error", "pass"), ("XX-01", "warning", "fail")])
        engine = engine_with(twice, RulesPlugin("good", [("XX-02", "error", "pass")]))
        assert (info(engine, "twice").status, info(engine, "twice").error) == (
            "failed", "vetkit_register_rules raised ValueError: rule XX-01 is registered twice")
        assert list(engine.rules) == ["XX-02"]

    def test_installed_duplicates_keep_the_first_and_say_so(self, site):
        """From installed distributions the first keeps the id and `vetkit plugins` notes the other's refused rule;
        with --strict-plugins the CLI exits 2 naming both."""
        write_dist_plugin(site, "alpha", rules=[("XX-01", "error", "pass")])
        write_dist_plugin(site, "beta", rules=[("XX-01", "info", "pass")])
        result = run_cli("rules", plugins="alpha,beta")
        assert result.exit_code == 0
        assert "XX-01  error     auto    alpha   Scripted criterion XX-01" in result.stdout
        assert "beta: rule XX-01 not registered: plugin 'alpha' provides it\n" in run_cli("plugins", plugins="alpha,beta").stdout
        strict = run_cli("rules", "--strict-plugins", plugins="alpha,beta")
        assert (strict.exit_code, strict.stdout) == (2, "")
        assert strict.stderr == ("rule XX-01 is registered by two plugins: 'alpha' and 'beta'. Disable one of them "
                                 "(VETKIT_DISABLE_PLUGINS or -p no:NAME).\n")


class TestAllowAndBlockLists:
    @pytest.mark.parametrize(("environ", "disable", "expected"), [
        ({}, (), (None, set())),
        ({"VETKIT_LOAD_PLUGINS": ""}, (), (set(), set())),
        ({"VETKIT_LOAD_PLUGINS": " alpha , beta,"}, (), ({"alpha", "beta"}, set())),
        ({"VETKIT_DISABLE_PLUGINS": "alpha,,beta "}, (), (None, {"alpha", "beta"})),
        ({"VETKIT_DISABLE_PLUGINS": "alpha"}, ("gamma",), (None, {"alpha", "gamma"})),
    ])
    def test_plugin_filters(self, environ, disable, expected):
        """The allow list comes from VETKIT_LOAD_PLUGINS (None: all), the block list from the rest."""
        assert plugin_filters(environ, disable) == expected

    def test_disable_variable_blocks_a_plugin(self, installed):
        """VETKIT_DISABLE_PLUGINS blocks a plugin: listed as blocked, no error, none of its rules."""
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "alpha,beta", "VETKIT_DISABLE_PLUGINS": "alpha"})
        alpha = info(engine, "alpha")
        assert (alpha.status, alpha.error, alpha.rules, alpha.distribution) == (
            "blocked", None, (), "vetkit-test-alpha")
        assert list(engine.rules) == ["XX-03"]

    def test_blocked_plugin_is_never_imported(self, site):
        """A blocked plugin's module is not imported, so a broken one cannot even fail."""
        write_dist_plugin(site, "broken", import_error="import vetkit_missing_dependency")
        engine = vetkit.Engine(environ={"VETKIT_DISABLE_PLUGINS": "broken", "VETKIT_LOAD_PLUGINS": "broken"})
        assert (info(engine, "broken").status, info(engine, "broken").error) == ("blocked", None)

    def test_disable_argument_blocks_a_plugin(self, installed):
        """Engine(disable=[...]) (what `-p no:NAME` passes) blocks the plugin."""
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "alpha,beta"}, disable=["beta"])
        assert (statuses(engine)["alpha"], statuses(engine)["beta"]) == ("loaded", "blocked")
        assert list(engine.rules) == ["XX-01", "XX-02"]

    def test_empty_load_list_loads_no_plugin(self, installed):
        """VETKIT_LOAD_PLUGINS="" blocks every entry-point plugin; only vetkit's core loads."""
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": ""})
        assert engine.host.loaded() == ["vetkit"]
        assert {"alpha", "beta", "broken"} | BUILTIN_PLUGINS <= {i.name for i in engine.plugins if i.status == "blocked"}
        assert engine.rules == {}

    def test_load_list_restricts_to_the_named_plugins(self, installed):
        """VETKIT_LOAD_PLUGINS=alpha loads alpha and blocks the others, built-ins included."""
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "alpha"})
        assert engine.host.loaded() == ["vetkit", "alpha"]
        assert statuses(engine)["beta"] == statuses(engine)["broken"] == statuses(engine)["program"] == "blocked"

    def test_cli_dash_p_no_blocks_a_plugin(self, installed):
        """`vetkit plugins -p no:alpha` lists alpha as blocked."""
        result = run_cli("plugins", "--format", "json", "-p", "no:alpha", plugins="alpha,beta")
        assert result.exit_code == 0
        rows = {p["name"]: p for p in json.loads(result.stdout)}
        assert (rows["alpha"]["status"], rows["beta"]["status"]) == ("blocked", "loaded")

    @pytest.mark.parametrize("arg", ["alpha", "no:"])
    def test_cli_dash_p_needs_no_prefix(self, installed, arg):
        """`-p` without ``no:NAME`` is a usage error (exit 2) that says how to write it."""
        result = run_cli("plugins", "-p", arg, plugins="alpha")
        assert result.exit_code == 2
        assert result.stdout == ""
        assert f"Invalid value for '-p': {arg!r}: write -p no:NAME to disable plugin NAME" in result.stderr


class TestEngineIsolation:
    def test_engines_share_no_plugins(self):
        """A plugin given to one engine is unknown to another engine in the same process."""
        with_plugin = engine_with(RulesPlugin("scripted", [("XX-01", "error", "pass")]))
        without = engine_with()
        assert list(with_plugin.rules) == ["XX-01"]
        assert without.rules == {}
        assert [i.name for i in without.plugins] == ["vetkit"]
        assert with_plugin.host.manager is not without.host.manager

    def test_registering_into_one_manager_leaves_the_other_alone(self):
        """Registering a plugin with one engine's plugin manager does not reach another engine's."""
        first, second = engine_with(), engine_with()
        first.host.manager.register(RulesPlugin("late", [("XX-01", "error", "pass")]), name="late")
        assert first.host.manager.get_plugin("late") is not None
        assert second.host.manager.get_plugin("late") is None
        assert [impl.plugin_name for impl in second.host.manager.hook.vetkit_register_rules.get_hookimpls()] == []

    def test_a_failure_in_one_engine_does_not_mark_the_other(self):
        """A plugin failing in one engine is loaded in another that did not get the broken one."""
        failed = engine_with(RulesPlugin("shared", [("XX-01", "error", "pass")], fail_in="rules"))
        fine = engine_with(RulesPlugin("shared", [("XX-01", "error", "pass")]))
        assert (info(failed, "shared").status, info(fine, "shared").status) == ("failed", "loaded")
        assert list(fine.rules) == ["XX-01"]

    def test_two_plugin_objects_with_one_name_both_load(self):
        """Plugin objects sharing a name (two instances of one class) both load; the second gets a suffix."""
        engine = engine_with(RulesPlugin("same", [("XX-01", "error", "pass")]),
                             RulesPlugin("same", [("XX-02", "error", "pass")]))
        assert statuses(engine) == {"vetkit": "loaded", "same": "loaded", "same-2": "loaded"}
        assert (engine.rules["XX-01"].plugin, engine.rules["XX-02"].plugin) == ("same", "same-2")

    def test_pluggy_project_name(self):
        """Each engine has its own pluggy manager for the project ``vetkit``."""
        manager = engine_with().host.manager
        assert isinstance(manager, pluggy.PluginManager)
        assert manager.project_name == "vetkit"


class TestPluginsCommand:
    def test_lists_name_version_distribution_status_rules_and_error(self, installed):
        """`vetkit plugins` prints one row per plugin and spells out each failure below the table."""
        result = run_cli("plugins", plugins="alpha,beta,broken")
        assert result.exit_code == 0
        assert result.stderr == ""
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["name", "version", "distribution", "status", "rules"]
        rows = {line.split()[0]: line.split() for line in lines[2:] if len(line.split()) == 5}
        assert rows["alpha"] == ["alpha", "1.0", "vetkit-test-alpha", "loaded", "2"]
        assert rows["beta"] == ["beta", "2.5", "vetkit-test-beta", "loaded", "1"]
        assert rows["broken"] == ["broken", "1.0", "vetkit-test-broken", "failed", "0"]
        assert rows["vetkit"] == ["vetkit", vetkit.__version__, "vetkit", "loaded", "0"]
        assert rows["program"][3] == "blocked"
        assert f"broken: import failed: ModuleNotFoundError: {MISSING}" in lines

    def test_json_lists_the_same(self, installed):
        """`vetkit plugins --format json` gives every field, rule ids included."""
        result = run_cli("plugins", "--format", "json", plugins="alpha,broken")
        rows = {p["name"]: p for p in json.loads(result.stdout)}
        assert rows["alpha"] == {"name": "alpha", "distribution": "vetkit-test-alpha", "version": "1.0",
                                 "status": "loaded", "error": None, "rules": ["XX-01", "XX-02"]}
        assert rows["broken"]["error"] == f"import failed: ModuleNotFoundError: {MISSING}"
        assert rows["beta"]["status"] == "blocked"


class TestCriterionOfAFailedPlugin:
    def test_becomes_an_error_result(self):
        """A rubric criterion whose plugin failed is scored ``error`` naming the failed plugin, not a crash."""
        half = RulesPlugin("half", [("XX-05", "warning", "pass")], fail_in="rules")
        good = RulesPlugin("good", [("XX-01", "error", "pass")],
                           rubrics=[rubric("mixed", {"XX-01": {}, "XX-05": {"essential": True}})])
        report = engine_with(half, good).score(minimal_course(), rubric="mixed", as_of=AS_OF)
        missing = report.result("XX-05")
        assert (missing.outcome, missing.score, missing.severity, missing.weight, missing.plugin) == (
            "error", None, "error", 3.0, "")
        assert missing.reason == "No loaded plugin provides XX-05; plugins not loaded: half (failed)."
        assert report.result("XX-01").outcome == "pass"
        assert (report.verdict, report.complete) == ("pending-review", False)
        assert report.notices == ("plugin half failed: vetkit_register_rules raised RuntimeError: half cannot register",)
        assert_valid_report(report)

    def test_without_a_failed_plugin_an_unknown_criterion_is_a_rubric_error(self):
        """When every plugin loaded, a criterion no plugin provides is a RubricError, not an error result."""
        good = RulesPlugin("good", [("XX-01", "error", "pass")], rubrics=[rubric("mixed", ["XX-01", "XX-05"])])
        with pytest.raises(vetkit.RubricError):
            engine_with(good).score(minimal_course(), rubric="mixed", as_of=AS_OF)


class TestRubricConflicts:
    def test_a_second_plugin_cannot_replace_a_rubric(self):
        """A plugin registering a rubric id another plugin owns fails alone; the first rubric stays."""
        first = RulesPlugin("first", [("XX-01", "error", "pass")], rubrics=[rubric("shared", ["XX-01"])])
        second = RulesPlugin("second", [("XX-02", "error", "fail")], rubrics=[rubric("shared", ["XX-02"])])
        engine = engine_with(first, second)
        statuses = {info.name: (info.status, info.error) for info in engine.plugins}
        assert statuses["second"] == ("failed", "rubric 'shared' is already registered by plugin 'first'")
        assert [c.id for c in engine.rubric("shared").criteria] == ["XX-01"]

    def test_an_invalid_rubric_fails_its_plugin_only(self):
        """Another plugin's rubrics stay usable; asking for the broken rubric shows its own error."""
        good = RulesPlugin("good", [("XX-01", "error", "pass")], rubrics=[rubric("fine", ["XX-01"])])
        sloppy = RulesPlugin("sloppy", rubrics=[rubric("broken", {"XX-01": {"weight": -1}})])
        engine = engine_with(good, sloppy)
        assert engine.score(minimal_course(), rubric="fine", as_of="2025-06-01").verdict == "recommended"
        assert {i.name: i.status for i in engine.plugins}["sloppy"] == "failed"
        with pytest.raises(vetkit.RubricError) as caught:
            engine.rubric("broken")
        assert [(p.pointer, p.message) for p in caught.value.problems] == [
            ("/criteria/XX-01/weight", "-1 is below the minimum of 0")]
