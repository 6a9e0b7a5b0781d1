"""The ``vetkit`` command line: parses arguments, calls the library, renders. No logic here.

Only click and this module load at start-up; every command imports what it needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .__about__ import __version__

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


class CliError(click.ClickException):
    """An error already formatted for the terminal; exits with code 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


class VetkitGroup(click.Group):
    """Renders every :class:`vetkit.VetkitError` once, as paragraphs on stderr, exit code 2."""

    def invoke(self, ctx: click.Context):
        from .errors import VetkitError

        try:
            return super().invoke(ctx)
        except VetkitError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CliError(err.format()) from err
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except Exception as err:  # an internal error: say so, once, without a traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            raise CliError(f"vetkit: internal error: {type(err).__name__}: {err}. "
                           "Run again with --debug for the traceback and report it.") from err


@click.group(cls=VetkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="vetkit")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Vet law-enforcement human-trafficking training against a rubric.

    \b
    vetkit score course.json         score a course against the HT vetting rubric
    vetkit validate course.json      is the course document valid?
    vetkit init course.yaml          start a new course document
    vetkit explain TI-07             what a criterion checks and how to fix it

    Exit codes: 0 recommended/meets (or pending review), 1 does not pass, 2 invalid input.
    """
    ctx.obj = {"debug": debug}


def _limits(max_bytes: int | None):
    from .parsing import DEFAULT_LIMITS, Limits

    return DEFAULT_LIMITS if max_bytes is None else Limits(max_bytes=max_bytes)


max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
                                 help="Refuse input files larger than N bytes (default 20 MiB).")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output for people or for tools.")
@click.option("--strict", is_flag=True, help="Treat warnings (unknown tags) as errors.")
@max_bytes_option
def validate(files: tuple[Path, ...], output_format: str, strict: bool, max_bytes: int | None) -> None:
    """Check course documents against the course format.

    Exit code 0 when every file is valid, 2 otherwise. Problems go to stderr, one
    paragraph each, with file, line:column, JSON Pointer and a hint.
    """
    from .loading import validate as validate_course

    results = [validate_course(path, limits=_limits(max_bytes)) for path in files]
    failed = [r for r in results if not r.valid or (strict and r.warnings)]
    if output_format == "json":
        from .render.problems import validation_json

        click.echo(validation_json(results, strict=strict))
    else:
        for result in results:
            for problem in result.problems:
                click.echo(problem.format(), err=True)
            status = "valid" if result not in failed else "invalid"
            counts = f"{len(result.errors)} error(s), {len(result.warnings)} warning(s)"
            click.echo(f"{result.name}: {status} ({counts})", err=result in failed)
    sys.exit(EXIT_ERROR if failed else EXIT_OK)


@main.command()
@click.argument("name", type=click.Choice(["course", "review", "rubric", "report"]))
def schema(name: str) -> None:
    """Print a JSON Schema (course, review, rubric or report).

    Point your editor at it for completion and checking as you type.
    """
    from .schemas import schema_text

    click.echo(schema_text(name), nl=False)


@main.command()
@click.argument("path", type=click.Path(path_type=Path), default=Path("course.yaml"))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init(path: Path, force: bool) -> None:
    """Write a commented starter course (YAML) that validates."""
    from importlib.resources import files

    from .fileio import write_atomic

    if path.exists() and not force:
        raise CliError(f"{path}: already exists. Choose another path, or pass --force to overwrite it.")
    if not path.parent.is_dir():
        raise CliError(f"{path}: the folder {path.parent} does not exist. Create it first.")
    write_atomic(path, files("vetkit").joinpath("data/starter-course.yaml").read_text(encoding="utf-8"))
    click.echo(f"wrote {path}; next: vetkit validate {path}")


# -- scoring ---------------------------------------------------------------------------------


class IdList(click.ParamType):
    """A comma-separated list of criterion ids such as ``LO-01,TI-03``."""

    name = "IDS"

    def convert(self, value, param, ctx):
        import re

        if isinstance(value, tuple):
            return value
        ids = tuple(part.strip().upper() for part in value.split(",") if part.strip())
        bad = [i for i in ids if not re.fullmatch(r"[A-Z]{2,5}-\d{2,3}", i)]
        if bad:
            self.fail(f"{', '.join(bad)} is not a criterion id (expected e.g. TI-07)", param, ctx)
        return ids


def plugin_options(function):
    """``-p no:NAME`` and ``--strict-plugins`` for every command that loads plugins."""
    function = click.option("-p", "plugin_args", multiple=True, metavar="no:NAME",
                            help="Do not load plugin NAME (repeatable).")(function)
    return click.option("--strict-plugins", is_flag=True,
                        help="Make a failing plugin fatal (for plugin authors).")(function)


def make_engine(plugin_args: tuple[str, ...], strict_plugins: bool):
    from .engine import Engine

    disable = []
    for arg in plugin_args:
        if not arg.startswith("no:") or len(arg) == 3:
            raise click.BadParameter(f"{arg!r}: write -p no:NAME to disable plugin NAME", param_hint="-p")
        disable.append(arg[3:])
    return Engine(disable=disable, strict_plugins=strict_plugins)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE",
              help="Rubric id (see `vetkit rubrics`) or a rubric YAML file.")
@click.option("--format", "output_format", default=None, metavar="NAME",
              help="Output format: text, json, or any registered format (default: by -o suffix, else text).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None, help="Write the report to a file.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="N",
              help="Exit 1 when the score is below N.")
@click.option("--select", type=IdList(), default="", help="Score only these criteria (comma-separated ids).")
@click.option("--ignore", type=IdList(), default="", help="Leave these criteria out.")
@click.option("--review", "review_file", type=click.Path(path_type=Path), default=None,
              help="Reviewer answers (see `vetkit review init`).")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD", help="Scoring date for ages and expiries (default today).")
@click.option("--explain", is_flag=True, help="Print the score arithmetic and the verdict rule.")
@click.option("--require-complete", is_flag=True, help="Exit 1 while reviews are pending or a check errored.")
@click.option("-v", "--verbose", is_flag=True, help="Also list passing criteria, notes and fixes.")
@plugin_options
def score(files, rubric_ref, output_format, output, fail_under, select, ignore, review_file, as_of, explain,
          require_complete, verbose, plugin_args, strict_plugins) -> None:
    """Score course documents against a rubric and print the verdict.

    Exit code 0 when recommended (or pending review), 1 when it does not pass or scores
    below --fail-under, 2 for invalid input.
    """
    from .scoring import exit_code

    engine = make_engine(plugin_args, strict_plugins)
    output_format = output_format or _format_for(engine, output)
    if output_format not in engine.formats:
        raise CliError(f"unknown format {output_format!r}; available: {', '.join(sorted(engine.formats))}")
    worst = EXIT_OK
    for path in files:
        report = engine.score(path, rubric=rubric_ref, as_of=as_of, review=review_file, select=select, ignore=ignore)
        rendered = engine.formats[output_format].render(
            report, color=output is None and _color(), explain=explain, verbose=verbose)
        _emit(rendered, output)
        worst = max(worst, exit_code(report, fail_under=fail_under, require_complete=require_complete))
    sys.exit(worst)


def _format_for(engine, output: Path | None) -> str:
    if output is not None:
        for name, fmt in engine.formats.items():
            if fmt.suffix and output.name.endswith(fmt.suffix) and name != "text":
                return name
    return "text"


def _color() -> bool:
    import os

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(rendered: str | bytes, output: Path | None) -> None:
    if output is None:
        click.echo(rendered if isinstance(rendered, str) else rendered.decode("utf-8"), nl=False)
        return
    from .fileio import write_atomic

    if not output.parent.is_dir():
        raise CliError(f"{output}: the folder {output.parent} does not exist. Create it first.")
    write_atomic(output, rendered)
    click.echo(f"wrote {output}", err=True)


# -- catalogue -------------------------------------------------------------------------------


@main.command()
@click.option("--plugin", default=None, help="Only rules of this plugin.")
@click.option("--category", default=None, help="Only rules of this category (e.g. trauma-informed).")
@click.option("--method", type=click.Choice(["auto", "lexical", "manual"]), default=None, help="Only rules using this method.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
def rules(plugin, category, method, output_format, plugin_args, strict_plugins) -> None:
    """List the installed rules (no check code is imported)."""
    from .catalogue import rules_json, rules_table, select_rules

    engine = make_engine(plugin_args, strict_plugins)
    chosen = select_rules(engine.rules.values(), plugin=plugin, category=category, method=method)
    click.echo(rules_json(chosen) if output_format == "json" else rules_table(chosen), nl=False)


@main.command()
@click.argument("rule_id")
@plugin_options
def explain(rule_id, plugin_args, strict_plugins) -> None:
    """Print a rule's documentation: what, why, how to fix, examples."""
    from .catalogue import explain_rule
    from .schema_errors import did_you_mean

    engine = make_engine(plugin_args, strict_plugins)
    rule = engine.rules.get(rule_id.upper())
    if rule is None:
        hint = did_you_mean(rule_id.upper(), engine.rules, "see `vetkit rules` for the installed rules")
        raise CliError(f"unknown rule {rule_id!r}. {hint[:1].upper()}{hint[1:]}")
    click.echo(explain_rule(rule), nl=False)


@main.group(invoke_without_command=True)
@plugin_options
@click.pass_context
def rubrics(ctx, plugin_args, strict_plugins) -> None:
    """List the registered rubrics; `vetkit rubrics show ID` prints one resolved."""
    ctx.obj["engine"] = make_engine(plugin_args, strict_plugins)
    if ctx.invoked_subcommand is None:
        from .catalogue import rubrics_table

        engine = ctx.obj["engine"]
        click.echo(rubrics_table([engine.rubric(rubric_id) for rubric_id in engine.rubric_ids()]), nl=False)


@rubrics.command("show")
@click.argument("rubric_ref", metavar="ID|FILE")
@click.pass_context
def rubrics_show(ctx, rubric_ref) -> None:
    """Print a rubric resolved (extends applied, parameters in force) as YAML."""
    from .catalogue import rubric_yaml

    engine = ctx.obj["engine"]
    click.echo(rubric_yaml(engine.rubric(rubric_ref), engine.rules), nl=False)


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
def plugins(output_format, plugin_args, strict_plugins) -> None:
    """List plugins: name, version, distribution, rules and status (loaded, blocked, failed)."""
    from .catalogue import plugins_json, plugins_table

    engine = make_engine(plugin_args, strict_plugins)
    click.echo(plugins_json(engine.plugins) if output_format == "json" else plugins_table(engine.plugins), nl=False)


@main.group()
def review() -> None:
    """Reviewer answers for the criteria a person must decide."""


@review.command("init")
@click.argument("course_file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Answer file to write (default: COURSE.review.yaml beside the course).")
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD")
@click.option("--force", is_flag=True, help="Overwrite an existing answer file.")
@plugin_options
def review_init(course_file, output, rubric_ref, as_of, force, plugin_args, strict_plugins) -> None:
    """Write an answer file with every pending question, its evidence and pointer."""
    from .fileio import write_atomic
    from .review import review_template

    engine = make_engine(plugin_args, strict_plugins)
    report = engine.score(course_file, rubric=rubric_ref, as_of=as_of)
    target = output or course_file.with_name(course_file.name.rsplit(".", 1)[0] + ".review.yaml")
    if target.exists() and not force:
        raise CliError(f"{target}: already exists. Pass --force to overwrite it, or -o to choose another file.")
    write_atomic(target, review_template(report, report.as_of))
    pending = sum(1 for r in report.results if r.outcome == "needs-review")
    click.echo(f"wrote {target} with {pending} open question(s)")
