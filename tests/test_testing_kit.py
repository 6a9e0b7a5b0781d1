"""vetkit.testing, the kit for plugin authors: check_rule, run_rule_examples, courses, engines, fixtures."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import vetkit
from vetkit.testing import check_rule, make_course, make_engine, run_rule_examples

pytest_plugins = ["pytester"]


# -- a plugin written for these tests ----------------------------------------------------------


def short_title(ctx: vetkit.CheckContext) -> vetkit.Result:
    """Fails on a title longer than ``max_words``; does not apply to roll-call courses; reviews 'draft'."""
    if "roll-call" in ctx.course.data["delivery"]["modes"]:
        return ctx.not_applicable("Roll-call courses are exempt.")
    words = len(ctx.course.title.split())
    if "draft" in ctx.course.title.lower():
        return ctx.review("A draft title.", [ctx.finding("/title", "Is this the final title?", effect="needs-review")])
    if words > ctx.param("max_words"):
        return ctx.failed(f"{words} words.", [ctx.finding("/title", f"The title has {words} words.")])
    return ctx.passed(f"{words} words.")


def dated(ctx: vetkit.CheckContext) -> vetkit.Result:
    """Passes only on or after 2030-01-01 (reads ``ctx.as_of``)."""
    if ctx.as_of >= dt.date(2030, 1, 1):
        return ctx.passed("late enough")
    return ctx.failed("too early", [ctx.finding("/id", "too early")])


def broken(ctx: vetkit.CheckContext) -> vetkit.Result:
    raise ZeroDivisionError("division by zero in the check")


def rule(rule_id: str, check, **fields) -> vetkit.Rule:
    return vetkit.Rule(id=rule_id, title=f"Test rule {rule_id}", severity="warning", method=["auto"],
                       rationale="For the tests.", how_to_fix="Fix it.", check=check, **fields)


TITLE = rule("TK-01", short_title, parameters={"max_words": 6}, examples=[
    vetkit.Example("a short title", "pass", {"title": "Trafficking basics"}),
    vetkit.Example("a long title", "fail", {"title": "A very long title for a training course on trafficking"},
                   ["/title"]),
])
DATED = rule("TK-02", dated)
BROKEN = rule("TK-03", broken)


class KitPlugin:
    __name__ = "kit"

    @vetkit.hookimpl
    def vetkit_register_rules(self, register):
        for each in (TITLE, DATED, BROKEN):
            register(each)


@pytest.fixture
def engine():
    return make_engine(KitPlugin())


LONG = {"title": "A very long title for a training course on trafficking"}


class TestCheckRule:
    def test_valid_and_invalid_courses_as_expected(self, engine):
        """No error when valid courses pass and invalid ones fail with findings at the expected pointers."""
        check_rule("TK-01", valid=[make_course()], invalid=[(make_course(**LONG), ["/title"])], engine=engine)

    def test_not_applicable_is_valid_and_needs_review_is_invalid(self, engine):
        """not-applicable counts as valid, needs-review as invalid."""
        roll_call = make_course(delivery={"modes": ["roll-call"], "totalMinutes": 60}, **LONG)
        draft = make_course(title="Draft course")
        check_rule("TK-01", valid=[roll_call], invalid=[draft, (draft, "/title")], engine=engine)

    def test_failure_lists_each_wrong_course(self, engine):
        """The assertion names every course that got another outcome, with outcome, reason and findings."""
        with pytest.raises(AssertionError) as raised:
            check_rule("TK-01", valid=[make_course(), make_course(**LONG)], invalid=[make_course()], engine=engine)
        message = str(raised.value)
        assert message.startswith("TK-01: 2 of 3 course(s) did not get the expected outcome")
        assert "\n  valid[0]" not in message
        assert "valid[1] (course 'HT-000'): expected pass or not-applicable" in message
        assert "outcome: fail" in message and "reason:  10 words." in message
        assert "/title [fail] The title has 10 words." in message
        assert "invalid[0] (course 'HT-000'): expected fail or needs-review" in message
        assert "findings: none" in message

    def test_missing_pointer_fails(self, engine):
        """A failing course whose findings miss an expected pointer is reported with the pointers found."""
        with pytest.raises(AssertionError, match=r"invalid\[0\] .*: no finding at /modules/0/title") as raised:
            check_rule("TK-01", invalid=[(make_course(**LONG), ["/title", "/modules/0/title"])], engine=engine)
        assert "/title [fail]" in str(raised.value)

    def test_params_are_laid_over_the_defaults(self, engine):
        """params= sets a parameter as a rubric would."""
        check_rule("TK-01", valid=[make_course(**LONG)], params={"max_words": 20}, engine=engine)
        check_rule("TK-01", invalid=[make_course()], params={"max_words": 2}, engine=engine)

    def test_as_of_is_the_scoring_date(self, engine):
        """as_of= fixes the date the check sees, as a date or a string."""
        check_rule("TK-02", valid=[make_course()], as_of="2030-01-01", engine=engine)
        check_rule("TK-02", invalid=[make_course()], as_of=dt.date(2029, 12, 31), engine=engine)

    def test_a_check_that_raises_is_neither(self, engine):
        """A check that raises gets outcome error, reported with the exception, for valid and invalid alike."""
        with pytest.raises(AssertionError) as raised:
            check_rule("TK-03", valid=[make_course()], invalid=[make_course()], engine=engine)
        assert "2 of 2" in str(raised.value)
        assert "outcome: error" in str(raised.value) and "ZeroDivisionError" in str(raised.value)

    def test_a_rule_object_runs_in_an_engine_of_its_own(self):
        """A Rule given without an engine needs no plugin and no installation."""
        check_rule(TITLE, valid=[make_course()], invalid=[(make_course(**LONG), ["/title"])])

    def test_courses_may_be_files_and_course_objects(self, engine, tmp_path, examples_dir):
        """Paths and loaded courses work as well as mappings."""
        course = vetkit.load_course(make_course())
        check_rule("TK-01", valid=[course, examples_dir / "roll-call-awareness.json"], engine=engine)

    def test_unknown_rule_says_how_to_fix(self, engine):
        """An id the engine does not have names the loaded plugins and what to do."""
        with pytest.raises(AssertionError, match=r"rule TK-99 is not registered in this engine .*pip install -e"):
            check_rule("TK-99", valid=[make_course()], engine=engine)

    def test_no_courses_is_a_mistake(self, engine):
        """Calling it with nothing to check is an error, not a silent pass."""
        with pytest.raises(ValueError, match="at least one"):
            check_rule("TK-01", engine=engine)

    def test_default_engine_has_the_installed_plugins(self):
        """Without an engine, rules come from the installed plugins."""
        check_rule("DV-01", invalid=[(make_course(), ["/development/smeDisciplines"])])


class TestRunRuleExamples:
    def test_examples_pass(self, engine):
        """The examples of a rule get the outcomes they name."""
        run_rule_examples("TK-01", engine=engine)
        run_rule_examples(TITLE)

    def test_wrong_example_is_reported(self):
        """An example with another outcome, or a missing pointer, is listed with the result."""
        wrong = rule("TK-04", short_title, parameters={"max_words": 6}, examples=[
            vetkit.Example("claims a fail", "fail", {}, ["/title"]),
            vetkit.Example("fails elsewhere", "fail", LONG, ["/modules"]),
            vetkit.Example("passes", "pass", {}),
        ])
        with pytest.raises(AssertionError) as raised:
            run_rule_examples(wrong)
        message = str(raised.value)
        assert message.startswith("TK-04: 2 of 3 example(s) failed")
        assert "example 'claims a fail': expected fail with findings at /title\n    outcome: pass" in message
        assert "example 'fails elsewhere': expected fail with findings at /modules" in message

    def test_a_rule_without_examples_fails(self, engine):
        """Rules must carry examples."""
        with pytest.raises(AssertionError, match="TK-02 has no examples"):
            run_rule_examples("TK-02", engine=engine)

    def test_builtin_rule(self):
        """Works on the rules vetkit installs, read from their YAML."""
        run_rule_examples("DV-01", engine=make_engine("vetkit_program"), as_of="2026-11-25")


class TestMakeCourse:
    def test_base_course_is_valid_and_fresh(self):
        """Each call returns a new, valid copy of the base course."""
        first, second = make_course(), make_course()
        first["modules"][0]["title"] = "changed"
        assert second["modules"][0]["title"] != "changed"
        assert vetkit.validate(second).valid

    def test_overrides_replace_top_level_keys(self):
        """Keyword and mapping overrides replace whole top-level keys; None removes one."""
        course = make_course({"x-agency": "Travis County"}, title="New title", jurisdiction=None)
        assert course["title"] == "New title" and course["x-agency"] == "Travis County"
        assert "jurisdiction" not in course

    def test_invalid_overrides_raise_with_pointers(self):
        """Overrides that break the course raise InvalidCourse naming each problem and its pointer."""
        with pytest.raises(vetkit.InvalidCourse) as raised:
            make_course(audience={"roles": ["astronaut"], "experience": "in-service"}, modules=[])
        message = str(raised.value)
        assert message.startswith("the base course with audience, modules replaced is not valid:")
        assert "/audience/roles/0: unknown audience role `astronaut`" in message
        assert "/modules:" in message


class TestMakeEngine:
    def test_only_the_given_plugins(self):
        """Entry points are not loaded; the core plugin with the rubrics always is."""
        engine = make_engine(KitPlugin())
        assert sorted(engine.rules) == ["TK-01", "TK-02", "TK-03"]
        assert [info.name for info in engine.plugins] == ["vetkit", "kit"]
        assert {"ht-training", "course-design"} <= set(engine.rubric_ids())

    def test_module_names_are_imported(self):
        """A plugin can be named by its module."""
        assert "DV-01" in make_engine("vetkit_program").rules

    def test_options_pass_through(self):
        """Engine options such as strict_plugins reach the engine."""
        class Broken:
            @vetkit.hookimpl
            def vetkit_register_rules(self, register):
                raise RuntimeError("cannot register")

        assert make_engine(Broken()).plugins[-1].status == "failed"
        with pytest.raises(vetkit.PluginError):
            make_engine(Broken(), strict_plugins=True)


class TestFixtures:
    def test_fixtures_are_the_functions(self, course_factory, vetkit_engine):
        """course_factory and vetkit_engine are make_course and make_engine."""
        assert course_factory is make_course and vetkit_engine is make_engine

    def test_cli_keeps_stdout_and_stderr_apart(self, vetkit_cli, tmp_path):
        """vetkit_cli runs the command in-process; output and errors are separate."""
        result = vetkit_cli("validate", tmp_path / "missing.json")
        assert result.exit_code == 2
        assert "missing.json" in result.stderr and result.stdout == ""

    def test_cli_environment(self, vetkit_cli):
        """env= sets variables for the run: here only the program plugin loads."""
        result = vetkit_cli("rules", env={"VETKIT_LOAD_PLUGINS": "program"})
        assert result.exit_code == 0, result.stderr
        assert "DV-01" in result.stdout and "LO-01" not in result.stdout

    def test_pytest_plugin_is_registered(self, pytester):
        """A test file in a fresh project gets the fixtures without a conftest (entry point pytest11)."""
        pytester.makepyfile(test_uses_fixtures="""
            def test_fixtures(course_factory, vetkit_engine, vetkit_cli):
                assert course_factory(title="T")["title"] == "T"
                assert "vetkit" in [info.name for info in vetkit_engine().plugins]
                assert vetkit_cli("--version").exit_code == 0
        """)
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
        result.assert_outcomes(passed=1)

    def test_importing_needs_no_hypothesis(self):
        """vetkit.testing imports neither hypothesis nor the CLI's dependencies."""
        code = "import sys, vetkit.testing; print('hypothesis' in sys.modules)"
        output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert output.strip() == "False"
