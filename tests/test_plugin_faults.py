"""Faulty plugins fail alone: a check that hangs is stopped by its time budget, SystemExit and a stray
KeyboardInterrupt are plugin faults, registered values are validated with a message naming the plugin,
clashes disable the later contribution rather than the run, and hooks called while scoring are isolated."""

from __future__ import annotations

import json
import math
import re
import signal
import threading
from pathlib import Path

import pytest

import vetkit
from engine_helpers import (RulesPlugin, engine_with, minimal_course, rubric, run_cli, write_course,
                            write_dist_plugin)
from vetkit.checking import Result

AS_OF = "2025-06-01"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def info(engine: vetkit.Engine, name: str):
    [found] = [i for i in engine.plugins if i.name == name]
    return found


def score_checks(*checks, time_budget: float | None = 10.0, **options):
    """Score the minimal course with one rule per check (XX-01, XX-02...) in plugin ``scripted``."""
    specs = [(f"XX-{n:02d}", "warning", check) for n, check in enumerate(checks, 1)]
    plugin = RulesPlugin("scripted", specs, rubrics=[rubric("scripted", [spec[0] for spec in specs])])
    engine = engine_with(plugin, time_budget=time_budget, **options)
    return engine.score(minimal_course(), rubric="scripted", as_of=AS_OF)


def scored(*plugins, **options):
    """The minimal course scored by an engine of ``plugins`` and one passing rule XX-01 (rubric ``scripted``)."""
    scripted = RulesPlugin("scripted", [("XX-01", "warning", "pass")], rubrics=[rubric("scripted", ["XX-01"])])
    engine = engine_with(scripted, *plugins, **options)
    return engine, engine.score(minimal_course(), rubric="scripted", as_of=AS_OF)


def outcome(report, rule_id):
    result = report.result(rule_id)
    return result.outcome, result.reason


def spin(ctx):
    while True:
        pass


def backtrack(ctx):
    re.match(r"(a+)+$", "a" * 64 + "b")
    return ctx.passed("matched")


def swallow_then_pass(ctx):
    try:
        while True:
            pass
    except BaseException:
        return ctx.passed("I caught it")


def fine(ctx):
    return ctx.passed("fine")


class TestTimeBudget:
    def test_python_loop_is_stopped(self):
        """A check in an endless loop ends as `error` naming its plugin and the budget; the next rule runs."""
        report = score_checks(spin, fine, time_budget=0.3)
        assert outcome(report, "XX-01") == (
            "error", "The check of plugin 'scripted' did not finish within its time budget of 0.3 s and was stopped.")
        assert outcome(report, "XX-02") == ("pass", "fine")

    def test_regex_backtracking_is_stopped(self):
        """Catastrophic backtracking inside the C regex engine is stopped too."""
        report = score_checks(backtrack, time_budget=0.3)
        assert outcome(report, "XX-01")[0] == "error"
        assert "time budget of 0.3 s" in outcome(report, "XX-01")[1]

    def test_a_check_that_swallows_the_stop_still_errs(self):
        """Catching the stop and answering anyway does not turn an overrun into a pass."""
        report = score_checks(swallow_then_pass, time_budget=0.3)
        assert outcome(report, "XX-01")[0] == "error"

    def test_in_another_thread(self):
        """Scoring from a thread that is not the main one still stops a Python loop."""
        found = {}
        worker = threading.Thread(target=lambda: found.setdefault("report", score_checks(spin, time_budget=0.3)))
        worker.start()
        worker.join(30)
        assert not worker.is_alive()
        assert outcome(found["report"], "XX-01")[0] == "error"

    def test_signal_state_is_restored(self):
        """After scoring, SIGALRM has its previous handler and no timer runs."""
        before = signal.getsignal(signal.SIGALRM)
        score_checks(spin, fine, time_budget=0.2)
        assert signal.getsignal(signal.SIGALRM) is before
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)

    def test_a_programs_own_timer_is_left_running(self):
        """When the program runs its own SIGALRM timer, the budget uses a watchdog and leaves the timer be."""
        heard = []

        def handler(signum, frame):
            heard.append(signum)

        previous = signal.signal(signal.SIGALRM, handler)
        signal.setitimer(signal.ITIMER_REAL, 100)
        try:
            report = score_checks(spin, time_budget=0.3)
            assert outcome(report, "XX-01")[0] == "error"
            assert signal.getsignal(signal.SIGALRM) is handler and signal.getitimer(signal.ITIMER_REAL)[0] > 90
            assert heard == []
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def test_default_and_cli_option(self, tmp_path, site):
        """The default budget is 10 s; `vetkit score --time-budget` sets it."""
        assert vetkit.Engine(entry_points=False).time_budget == 10.0
        write_dist_plugin(site, "spinner", rules=[("XX-01", "warning", "spin_check:spin")],
                          rubrics=[rubric("spinning", ["XX-01"])])
        (site / "spin_check.py").write_text("def spin(ctx):\n    while True:\n        pass\n", encoding="utf-8")
        course = write_course(tmp_path)
        result = run_cli("score", course, "--rubric", "spinning", "--time-budget", "0.3", "--format", "json",
                         plugins="spinner")
        assert result.exit_code == 0, result.stderr
        assert '"outcome": "error"' in result.stdout and "time budget of 0.3 s" in result.stdout

    def test_strict_plugins_makes_an_overrun_fatal(self):
        """With strict plugins, an overrun is a PluginError naming the rule and the plugin."""
        with pytest.raises(vetkit.PluginError, match="rule XX-01 of plugin 'scripted' did not finish within"):
            score_checks(spin, time_budget=0.2, strict_plugins=True)


def exits(ctx):
    raise SystemExit(5)


def interrupts(ctx):
    raise KeyboardInterrupt


class TestExitsAndInterrupts:
    def test_system_exit_in_a_check(self):
        """SystemExit raised by a check is that rule's error, not the end of the run."""
        report = score_checks(exits, fine)
        assert outcome(report, "XX-01") == ("error", "The check of plugin 'scripted' raised SystemExit: 5.")
        assert outcome(report, "XX-02")[0] == "pass"

    def test_stray_keyboard_interrupt_in_a_check(self):
        """A KeyboardInterrupt the check raises itself (no user pressed Ctrl-C) is the rule's error."""
        report = score_checks(interrupts, fine)
        assert outcome(report, "XX-01") == ("error", "The check of plugin 'scripted' raised KeyboardInterrupt.")

    def test_system_exit_at_import(self, site, tmp_path):
        """A plugin that calls sys.exit(3) when imported is failed; the CLI does not exit 3."""
        write_dist_plugin(site, "quitter", rules=[("XX-01", "error", "pass")], import_error="raise SystemExit(3)")
        engine = vetkit.Engine(environ={"VETKIT_LOAD_PLUGINS": "quitter"})
        assert (info(engine, "quitter").status, info(engine, "quitter").error) == (
            "failed", "import failed: SystemExit: 3")
        result = run_cli("plugins", plugins="quitter")
        assert result.exit_code == 0 and "quitter: import failed: SystemExit: 3" in result.stdout

    def test_system_exit_in_a_register_hook(self):
        """SystemExit in a register hook fails that plugin only."""
        quitter = RulesPlugin("quitter", [("XX-01", "error", "pass")], fail_in="rules", error=SystemExit(4))
        engine = engine_with(quitter, RulesPlugin("good", [("XX-02", "error", "pass")]))
        assert info(engine, "quitter").error == "vetkit_register_rules raised SystemExit: 4"
        assert list(engine.rules) == ["XX-02"]

    def test_system_exit_in_a_check_through_the_cli(self, site, tmp_path):
        """`vetkit score` exits with the verdict's code, not the plugin's SystemExit code."""
        (site / "exit_check.py").write_text("def exits(ctx):\n    raise SystemExit(5)\n", encoding="utf-8")
        write_dist_plugin(site, "quitter", rules=[("XX-01", "warning", "exit_check:exits")],
                          rubrics=[rubric("quitting", ["XX-01"])])
        result = run_cli("score", write_course(tmp_path), "--rubric", "quitting", plugins="quitter")
        assert result.exit_code == 0
        assert "The check of plugin 'quitter' raised SystemExit: 5." in result.stdout


def test_a_programs_own_sigint_handler_is_respected():
    """A program that handles SIGINT itself (without raising) keeps doing so while vetkit scores; its handler is
    called and restored, and the check that got the signal answers normally."""
    import os

    heard = []

    def handler(signum, frame):
        heard.append(signum)

    previous = signal.signal(signal.SIGINT, handler)

    def signalled(ctx):
        os.kill(os.getpid(), signal.SIGINT)
        return ctx.passed("fine")

    try:
        report = score_checks(signalled)
        assert outcome(report, "XX-01") == ("pass", "fine")
        assert heard == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) is handler
    finally:
        signal.signal(signal.SIGINT, previous)


class Registers:
    """A plugin whose hooks register what it is given."""

    def __init__(self, name, **hooks):
        self.__name__ = name
        self.hooks = hooks

    @vetkit.hookimpl
    def vetkit_register_vocabularies(self, register):
        for args in self.hooks.get("vocabularies", ()):
            register(*args)

    @vetkit.hookimpl
    def vetkit_register_rubrics(self, register):
        for source in self.hooks.get("rubrics", ()):
            register(source)

    @vetkit.hookimpl
    def vetkit_register_lexicons(self, register):
        for args in self.hooks.get("lexicons", ()):
            register(*args)

    @vetkit.hookimpl
    def vetkit_register_formats(self, register):
        for args, options in self.hooks.get("formats", ()):
            register(*args, **options)

    @vetkit.hookimpl
    def vetkit_register_rules(self, register):
        for spec in self.hooks.get("rules", ()):
            from engine_helpers import make_rule

            register(make_rule(spec))


class TestRegisteredValues:
    @pytest.mark.parametrize(("args", "error"), [
        (("roles", 42), "vetkit_register_vocabularies raised TypeError: the terms of vocabulary 'roles' must be a "
                        "list of strings, not int"),
        (("roles", "patrol"), "vetkit_register_vocabularies raised TypeError: the terms of vocabulary 'roles' must "
                              "be a list of strings, not str"),
        (("roles", ["ok", 7]), "vetkit_register_vocabularies raised TypeError: the terms of vocabulary 'roles' must "
                               "be a list of strings, not a list holding int"),
        (("typologies", {"x-work": "weird"}), "vetkit_register_vocabularies raised ValueError: typology 'x-work' "
                                              "must be sex, labor or mixed, not 'weird'"),
        (("colours", ["red"]), "vetkit_register_vocabularies raised ValueError: unknown vocabulary 'colours'; known: "
                               "roles, topics, populations, depictions, typologies, advisoryTopics, feedbackSources"),
    ])
    def test_bad_vocabulary_fails_its_plugin(self, args, error):
        """A bad vocabulary registration fails that plugin, visibly at once; scoring goes on."""
        engine, report = scored(Registers("words", vocabularies=[args]))
        assert (info(engine, "words").status, info(engine, "words").error) == ("failed", error)
        assert report.result("XX-01").outcome == "pass"

    def test_good_vocabulary_extends_it(self):
        """A list of new roles is added."""
        engine = vetkit.Engine(entry_points=False, plugins=[Registers("words", vocabularies=[("roles", ["ranger"])])])
        assert "ranger" in engine.vocabulary.roles

    @pytest.mark.parametrize(("source", "error"), [
        (42, "vetkit_register_rubrics raised TypeError: register() takes a rubric file's path or a mapping, not int"),
        (b"id: x", "vetkit_register_rubrics raised TypeError: register() takes a rubric file's path or a mapping, "
                   "not bytes"),
    ])
    def test_rubric_that_is_not_a_source(self, source, error):
        """A rubric registered as 42 is never opened as a file descriptor: the plugin fails alone."""
        engine = vetkit.Engine(entry_points=False, plugins=[Registers("rubrics", rubrics=[source])])
        assert info(engine, "rubrics").error == error
        assert engine.rubric_ids() == ["course-design", "ht-training"]

    def test_rubric_file_that_cannot_be_read(self, tmp_path):
        """A rubric path that does not exist fails its plugin with the reason."""
        missing = tmp_path / "missing.yaml"
        engine = vetkit.Engine(entry_points=False, plugins=[Registers("rubrics", rubrics=[missing])])
        assert info(engine, "rubrics").error == (
            f"invalid rubric: {missing}: error: cannot read the file (No such file or directory)")

    def test_cli_plugins_survives_a_bad_rubric(self, site):
        """`vetkit plugins` lists a plugin that registered rubric 42 as failed and exits 0."""
        write_dist_plugin(site, "badrubric", source='import vetkit\n\n\n@vetkit.hookimpl\n'
                                                    'def vetkit_register_rubrics(register):\n    register(42)\n')
        result = run_cli("plugins", plugins="badrubric")
        assert result.exit_code == 0
        assert "badrubric: vetkit_register_rubrics raised TypeError" in result.stdout

    @pytest.mark.parametrize("source", [42, [{"bogus": 1}], {"terms": "nonsense"}])
    def test_garbage_lexicon_fails_the_plugin_that_registered_it(self, source):
        """Garbage added to a built-in lexicon fails the plugin that added it, not the built-in rules reading it."""
        engine = vetkit.Engine(plugins=[Registers("junk", lexicons=[("myths", source)])],
                               environ={"VETKIT_LOAD_PLUGINS": "accuracy"})
        assert info(engine, "junk").status == "failed"
        assert info(engine, "junk").error.startswith("vetkit_register_lexicons raised ")
        report = engine.score(Path(__file__).parents[1] / "docs" / "examples" / "roll-call-awareness.json",
                              rubric="ht-training", as_of=AS_OF)
        assert [r.rule_id for r in report.results if r.plugin == "accuracy" and r.outcome == "error"] == []

    def test_phrase_set_under_a_lexicons_name(self):
        """A phrase set registered under the name of a lexicon of terms fails the plugin that registered it."""
        phrases = {"id": "N-MINE", "kind": "must-not-contain", "description": "d",
                   "groups": [{"id": "g", "label": "g", "patterns": ["leverage"], "near": ["visa"]}]}
        engine = vetkit.Engine(entry_points=False, plugins=[Registers("mixer", lexicons=[
            ("stigmatizing-terms", phrases)])])
        assert info(engine, "mixer").error == (
            "vetkit_register_lexicons raised ValueError: 'stigmatizing-terms' is a lexicon of terms; "
            "this source is a phrase set")

    @pytest.mark.parametrize(("args", "options", "error"), [
        (("pdf", 42), {}, "vetkit_register_formats raised TypeError: the renderer of format 'pdf' must be a callable "
                          "or 'module:function', not int"),
        ((42, "m:f"), {}, "vetkit_register_formats raised TypeError: a format's name must be a string, not int"),
        (("pdf", "m:f"), {"suffix": 3}, "vetkit_register_formats raised TypeError: the suffix of format 'pdf' must "
                                        "be a string, not int"),
    ])
    def test_bad_format_fails_its_plugin(self, args, options, error):
        """A format registration with the wrong types fails its plugin."""
        engine = vetkit.Engine(entry_points=False, plugins=[Registers("fmt", formats=[(args, options)])])
        assert info(engine, "fmt").error == error

    def test_format_clashing_with_a_builtin_is_refused_and_named(self, tmp_path):
        """A plugin registering `json` does not replace vetkit's JSON; the refusal is noted on the plugin."""
        evil = Registers("evil", formats=[(("json", lambda report, **_: "not json"), {"suffix": ".json"})])
        engine, report = scored(evil)
        assert engine.formats["json"].plugin == "vetkit"
        assert info(engine, "evil").status == "loaded"
        assert info(engine, "evil").notes == (
            "format 'json' not registered: vetkit's built-in format has that name",)
        assert engine.formats["json"].render(report).startswith("{")
        assert "plugin evil: format 'json' not registered: vetkit's built-in format has that name" in report.notices

    def test_rule_clashing_with_a_builtin_is_disabled_not_the_run(self):
        """A third-party rule reusing a built-in id is not registered; the built-in's rule runs, the rest scores."""
        clash = Registers("clash", rules=[("TI-07", "error", "fail"), ("XX-01", "error", "pass")])
        engine = vetkit.Engine(plugins=[clash], environ={"VETKIT_LOAD_PLUGINS": "trauma_informed"})
        assert engine.rules["TI-07"].plugin == "trauma_informed"
        assert engine.rules["XX-01"].plugin == "clash"
        assert info(engine, "clash").notes == (
            "rule TI-07 not registered: plugin 'trauma_informed' provides it",)
        assert info(engine, "clash").rules == ("XX-01",)

    def test_two_third_party_plugins_with_one_id(self):
        """Between two third-party plugins the first keeps the id; the later plugin's rule is the one disabled."""
        first = RulesPlugin("first", [("XX-01", "error", "pass")])
        second = RulesPlugin("second", [("XX-02", "error", "pass"), ("XX-01", "warning", "fail")])
        engine = engine_with(first, second)
        assert (engine.rules["XX-01"].plugin, engine.rules["XX-02"].plugin) == ("first", "second")
        assert info(engine, "second").notes == ("rule XX-01 not registered: plugin 'first' provides it",)

    def test_rule_clash_is_fatal_when_strict(self):
        """--strict-plugins keeps a clash fatal, naming both plugins."""
        with pytest.raises(vetkit.PluginError, match="rule XX-01 is registered by two plugins: 'first' and 'second'"):
            engine_with(RulesPlugin("first", [("XX-01", "error", "pass")]),
                        RulesPlugin("second", [("XX-01", "error", "pass")]), strict_plugins=True)

    @pytest.mark.parametrize("score", [math.nan, math.inf, -math.inf])
    def test_non_finite_partial_score_is_an_error(self, score):
        """A NaN or infinite partial score is the rule's `error`, never clamped to full credit."""
        report = score_checks(lambda ctx: ctx.failed("partly", score=score))
        assert outcome(report, "XX-01") == (
            "error", f"The check of plugin 'scripted' raised ValueError: check returned score {score!r}; a score is a "
                     "number from 0 to 1.")

    def test_non_finite_score_built_by_hand(self):
        """The same holds for a Result built directly."""
        report = score_checks(lambda ctx: Result("pass", "fine", (), math.nan))
        assert outcome(report, "XX-01")[0] == "error"


class Loader:
    """A plugin that reads `.lms` files."""

    __name__ = "lms"

    def __init__(self, behaviour):
        self.behaviour = behaviour

    @vetkit.hookimpl
    def vetkit_load_course(self, path):
        return self.behaviour(path)


class Renderer:
    """A plugin with a report format `boom`."""

    __name__ = "boomer"

    def __init__(self, renderer):
        self.renderer = renderer

    @vetkit.hookimpl
    def vetkit_register_formats(self, register):
        register("boom", self.renderer, suffix=".boom")


def raise_value_error(*args, **kwargs):
    raise ValueError("cannot read this export")


class TestHooksWhileScoring:
    @pytest.mark.parametrize(("behaviour", "message"), [
        (raise_value_error, "plugin 'lms' failed to read this file: ValueError: cannot read this export"),
        (lambda path: 42, "plugin 'lms' read this file as int, not a course mapping"),
        (lambda path: exec("raise SystemExit(9)"), "plugin 'lms' failed to read this file: SystemExit: 9"),
    ])
    def test_load_course_hook_faults_are_located_errors(self, tmp_path, behaviour, message):
        """A vetkit_load_course hook that raises or returns garbage is an InvalidCourse naming the plugin and file."""
        path = tmp_path / "course.lms"
        path.write_text("anything", encoding="utf-8")
        engine = vetkit.Engine(entry_points=False, plugins=[Loader(behaviour)])
        with pytest.raises(vetkit.InvalidCourse) as caught:
            engine.load_course(path)
        assert [(p.file, p.message, p.code) for p in caught.value.problems] == [(str(path), message, "plugin")]

    @pytest.mark.parametrize(("behaviour", "message"), [
        (raise_value_error, "plugin 'lms' failed to read this file: ValueError: cannot read this export"),
        (lambda path: 42, "plugin 'lms' read this file as int, not a course mapping"),
    ])
    def test_validate_reads_through_the_same_hooks(self, tmp_path, behaviour, message):
        """Engine.validate asks the vetkit_load_course hooks as load_course does: a faulty one makes the file
        invalid with the same problem, rather than the file being read as JSON or YAML."""
        path = tmp_path / "course.lms"
        path.write_text(json.dumps(minimal_course()), encoding="utf-8")
        engine = vetkit.Engine(entry_points=False, plugins=[Loader(behaviour)])
        result = engine.validate(path)
        assert result.valid is False
        assert [(p.file, p.message, p.code) for p in result.errors] == [(str(path), message, "plugin")]

    def test_problems_of_a_course_a_plugin_read_name_its_file(self, tmp_path):
        """What a vetkit_load_course hook returns is validated as a course, its problems named by the file read,
        and `vetkit validate` and `vetkit score` agree on it."""
        path = tmp_path / "course.lms"
        path.write_text("anything", encoding="utf-8")
        untitled = {key: value for key, value in minimal_course().items() if key != "title"}
        engine = vetkit.Engine(entry_points=False, plugins=[Loader(lambda path: untitled)])
        result = engine.validate(path)
        assert [(p.file, p.pointer, p.message) for p in result.errors] == [
            (str(path), "", "missing required key `title` in the course document")]
        with pytest.raises(vetkit.InvalidCourse) as caught:
            engine.load_course(path)
        assert [(p.file, p.pointer) for p in caught.value.problems] == [(str(path), "")]
        engine = vetkit.Engine(entry_points=False, plugins=[Loader(lambda path: minimal_course())])
        assert engine.validate(path).valid and engine.load_course(path).name == str(path)

    def test_load_course_hook_that_hangs(self, tmp_path):
        """A vetkit_load_course hook that never returns is stopped by the time budget."""
        path = tmp_path / "course.lms"
        path.write_text("anything", encoding="utf-8")
        engine = vetkit.Engine(entry_points=False, plugins=[Loader(lambda path: spin(None))], time_budget=0.2)
        with pytest.raises(vetkit.InvalidCourse, match="did not finish within its time budget of 0.2 s"):
            engine.load_course(path)

    @pytest.mark.parametrize(("renderer", "message"), [
        (raise_value_error, "format 'boom' of plugin 'boomer' failed: ValueError: cannot read this export"),
        (lambda report, **_: 42, "format 'boom' of plugin 'boomer' returned int, not text or bytes"),
        (lambda report, **_: spin(None), "format 'boom' of plugin 'boomer' failed: it did not finish within its "
                                         "time budget of 0.2 s and was stopped"),
    ])
    def test_renderer_faults_are_plugin_errors(self, renderer, message):
        """A plugin renderer that raises, returns garbage or hangs is a PluginError naming format and plugin."""
        engine, report = scored(Renderer(renderer), time_budget=0.2)
        with pytest.raises(vetkit.PluginError) as caught:
            engine.formats["boom"].render(report)
        assert str(caught.value) == message

    def test_renderer_fault_through_the_cli_exits_2(self, site, tmp_path):
        """`vetkit score --format boom` with a raising renderer exits 2 with one line naming the plugin."""
        write_dist_plugin(site, "boomer", source=(
            "import vetkit\n\n\ndef render(report, **options):\n    raise ValueError('no')\n\n\n"
            "@vetkit.hookimpl\ndef vetkit_register_formats(register):\n    register('boom', render)\n"))
        write_dist_plugin(site, "scripted", rules=[("XX-01", "warning", "pass")], rubrics=[rubric("scripted", ["XX-01"])])
        result = run_cli("score", write_course(tmp_path), "--rubric", "scripted", "--format", "boom",
                         plugins="boomer,scripted")
        assert result.exit_code == 2
        assert result.stderr == "format 'boom' of plugin 'boomer' failed: ValueError: no\n"
