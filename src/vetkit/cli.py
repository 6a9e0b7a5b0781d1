"""The ``vetkit`` command line: parses arguments, calls the library, renders. No logic here.

Only click and this module load at start-up; every command imports what it needs.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .__about__ import __version__

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

EXIT_OK, EXIT_ERROR = 0, 2


class _LazyPathType(type):
    """``pathlib.Path`` for ``click.Path(path_type=...)``, imported when a path is converted, not at start-up.

    click only calls ``isinstance(value, path_type)`` and ``path_type(value)``; both answer as
    ``pathlib.Path`` would, so commands receive real ``Path`` objects. ``vetkit --help`` and
    ``--version`` then never import pathlib (and the urllib and ipaddress modules it pulls in).
    """

    def __instancecheck__(cls, value: object) -> bool:
        from pathlib import Path

        return isinstance(value, Path)

    def __call__(cls, *args: object):
        from pathlib import Path

        return Path(*args)


class _Path(metaclass=_LazyPathType):
    """Stands for ``pathlib.Path`` in the click parameter types below."""


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
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=_Path))
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
@click.argument("path", type=click.Path(path_type=_Path), default="course.yaml")
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


class DisabledPlugin(click.ParamType):
    """``no:NAME``, as in pytest: the name of a plugin not to load."""

    name = "no:NAME"

    def convert(self, value, param, ctx):
        if not isinstance(value, str) or not value.startswith("no:") or len(value) == 3:
            self.fail(f"{value!r}: write -p no:NAME to disable plugin NAME", param, ctx)
        return value[3:]


def plugin_options(function):
    """``-p no:NAME`` and ``--strict-plugins`` for every command that loads plugins."""
    function = click.option("-p", "disabled", multiple=True, type=DisabledPlugin(),
                            help="Do not load plugin NAME (repeatable).")(function)
    return click.option("--strict-plugins", is_flag=True,
                        help="Make a failing plugin fatal (for plugin authors).")(function)


def make_engine(disabled: tuple[str, ...], strict_plugins: bool):
    from .engine import Engine

    return Engine(disable=disabled, strict_plugins=strict_plugins)


def import_options(function):
    """What the source files may not say: --role, --level, --minutes... (``vetkit import`` and ``vetkit score``)."""
    from_sources = "Imported courses: "
    for option in reversed([
        click.option("--role", "roles", multiple=True, metavar="ROLE",
                     help=from_sources + "audience role, e.g. patrol (repeatable)."),
        click.option("--experience", type=click.Choice(["recruit", "in-service", "specialist", "supervisor",
                                                        "executive"]), default=None,
                     help=from_sources + "the audience's experience."),
        click.option("--level", type=click.Choice(["awareness", "operational", "advanced", "leadership"]),
                     default=None, help=from_sources + "the course level."),
        click.option("--mode", "modes", multiple=True,
                     type=click.Choice(["in-person", "live-online", "self-paced", "roll-call", "blended"]),
                     help=from_sources + "delivery mode (repeatable)."),
        click.option("--minutes", type=click.IntRange(1, 100_000), default=None, metavar="N",
                     help=from_sources + "total minutes of instruction."),
        click.option("--jurisdiction", default=None, metavar="CODE",
                     help=from_sources + "where it is taught: US, a state code (TX) or US-TX."),
        click.option("--provider", default=None, metavar="NAME", help=from_sources + "who owns the course."),
    ]):
        function = option(function)
    return function


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=_Path))
@click.option("-o", "--output", type=click.Path(path_type=_Path), default=None,
              help="Write the course document here (.yaml or .json; default: YAML on stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@import_options
def import_(files, output, force, **options) -> None:
    """Make a course document from the material you have: decks, lesson plans, PDFs, web pages, LMS packages.

    FILES (.pptx, .docx, .pdf, .html, .md, .imscc, SCORM .zip) make one course. What they do not
    say comes from the options or is left as a FILL IN placeholder that `vetkit validate`
    reports; every text remembers the file and the slide, page or heading it came from.

    Exit code 0 when the draft is written, 2 for a file that cannot be read (corrupt, encrypted,
    hostile, too large) or when the import extra is missing.
    """
    from .importers import ImportOptions, import_course

    if output is not None and output.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise CliError(f"{output}: write the course document to a .yaml or .json file")
    if output is not None and output.exists() and not force:
        raise CliError(f"{output}: already exists. Choose another path, or pass --force to overwrite it.")
    draft = import_course(files, ImportOptions(**options))
    click.echo(draft.summary(), err=True)
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)
    if output is None:
        click.echo(draft.to_yaml(), nl=False)
        return
    _emit(draft.to_json() if output.suffix.lower() == ".json" else draft.to_yaml(), output)
    click.echo(f"next: fill in what is marked FILL IN, then vetkit validate {output}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=_Path))
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE",
              help="Rubric id (see `vetkit rubrics`) or a rubric YAML file.")
@click.option("--format", "output_format", default=None, metavar="NAME",
              help="Output format: text, json, html, markdown, sarif, junit, or any registered format "
                   "(default: by -o suffix, else text).")
@click.option("-o", "--output", type=click.Path(path_type=_Path), default=None, help="Write the report to a file.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="N",
              help="Exit 1 when the score is below N.")
@click.option("--select", type=IdList(), default="", help="Score only these criteria (comma-separated ids).")
@click.option("--ignore", type=IdList(), default="", help="Leave these criteria out.")
@click.option("--review", "review_file", type=click.Path(path_type=_Path), default=None,
              help="Reviewer answers (see `vetkit review init`).")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD", help="Scoring date for ages and expiries (default today).")
@click.option("--explain", is_flag=True, help="Print the score arithmetic and the verdict rule.")
@click.option("--require-complete", is_flag=True, help="Exit 1 while reviews are pending or a check errored.")
@click.option("-v", "--verbose", is_flag=True, help="Also list passing criteria, notes and fixes.")
@click.option("--output-dir", type=click.Path(path_type=_Path, file_okay=False), default=None, metavar="DIR",
              help="Write one report per course (in --format) and the portfolio index.html and summary.md here.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Score several courses in N processes.")
@plugin_options
@import_options
def score(files, rubric_ref, output_format, output, fail_under, select, ignore, review_file, as_of, explain,
          require_complete, verbose, output_dir, jobs, disabled, strict_plugins, **import_values) -> None:
    """Score course documents against a rubric and print the verdict.

    Pass one FILE for its report, or several files and folders (searched recursively for
    .json and .yaml courses) for a summary table; --output-dir also writes a report per
    course and a portfolio page. Source files (.pptx, .docx, .pdf, .html, .md, .imscc, SCORM
    .zip) are imported in memory and scored as one course; the report lists what was assumed
    where they say nothing.

    Exit code 0 when recommended (or pending review), 1 when it does not pass or scores
    below --fail-under, 2 for invalid input (with several courses: the worst of them).
    """
    from .scoring import exit_code

    engine = make_engine(disabled, strict_plugins)
    output_format = output_format or _format_for(engine, output)
    if output_format not in engine.formats:
        raise CliError(f"unknown format {output_format!r}; available: {', '.join(sorted(engine.formats))}")
    from .importers import is_source

    if output_dir is None and any(is_source(path) for path in files):
        from .importers import ImportOptions, import_course, score_draft

        draft = import_course(files, ImportOptions(**import_values), vocabulary=engine.vocabulary)
        report = score_draft(draft, engine, rubric=rubric_ref, as_of=as_of, review=review_file, select=select,
                             ignore=ignore)
    elif any(value not in (None, ()) for value in import_values.values()):
        raise click.UsageError("--role, --level, --minutes and the other import options apply to source files "
                               "(.pptx, .docx, .pdf, ...); a course document says these itself.")
    elif output_dir is None and len(files) == 1 and not files[0].is_dir():
        course = engine.load_course(files[0])
        report = engine.score(course, rubric=rubric_ref, as_of=as_of, review=review_file, select=select, ignore=ignore)
    else:
        _score_many(files, engine=engine, output_format=output_format, output=output, output_dir=output_dir,
                    jobs=jobs, review_file=review_file, disabled=disabled, strict_plugins=strict_plugins,
                    rubric=rubric_ref, as_of=as_of, select=select, ignore=ignore, fail_under=fail_under,
                    require_complete=require_complete, render_options={"explain": explain, "verbose": verbose})
        return
    rendered = engine.formats[output_format].render(
        report, color=output is None and _color(), explain=explain, verbose=verbose)
    _emit(rendered, output)
    sys.exit(exit_code(report, fail_under=fail_under, require_complete=require_complete))


def _score_many(files, *, engine, output_format, output, output_dir, jobs, review_file, disabled, strict_plugins,
                **options) -> None:
    """Several courses: a summary table on stdout, problems on stderr, reports in --output-dir."""
    from functools import partial

    from .batch import score_many
    from .engine import Engine
    from .render.portfolio import progress_bar

    if output is not None:
        raise click.UsageError("-o/--output holds one report: pass --output-dir DIR for several courses.")
    if review_file is not None:
        raise click.UsageError("--review answers one course: score that course on its own.")
    factory = partial(Engine, disable=list(disabled), strict_plugins=strict_plugins)
    with progress_bar(enabled=sys.stderr.isatty()) as progress:
        batch = score_many(files, jobs=jobs, engine=engine, engine_factory=factory, output_dir=output_dir,
                           output_format=output_format, progress=progress, **options)
    for row in batch.rows:
        for problem in row.problems:
            click.echo(problem, err=True)
    chosen = engine.formats[output_format]
    shown = chosen if chosen.portfolio is not None else engine.formats["text"]
    click.echo(shown.render_portfolio(batch, color=_color()), nl=False)
    if output_dir is not None:
        click.echo(f"wrote {len(batch.written)} file(s) to {output_dir}", err=True)
    elif shown is not chosen:
        click.echo(f"note: --format {output_format} applies to the per-course reports; "
                   "pass --output-dir DIR to write them", err=True)
    sys.exit(batch.exit_code)




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


@main.command("diff")
@click.argument("old", type=click.Path(path_type=_Path))
@click.argument("new", type=click.Path(path_type=_Path))
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE",
              help="Rubric for scoring course files (reports keep the rubric they were scored with).")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD", help="Scoring date for both courses (default today).")
@click.option("--format", "output_format", default="text", show_default=True, metavar="NAME",
              help="Output for people (text), tools (json) or a pull-request comment (markdown).")
@click.option("--fail-on-regression", is_flag=True,
              help="Exit 1 when a criterion's outcome or the verdict got worse.")
@plugin_options
def diff(old, new, rubric_ref, as_of, output_format, fail_on_regression, disabled, strict_plugins) -> None:
    """Compare two versions of a course, or two JSON reports (--format json of `vetkit score`).

    Shows the score change, criteria fixed, regressed and unchanged, findings new and gone,
    and, for two course files, the fields that changed (JSON Pointers).

    Exit code 1 on a regression with --fail-on-regression, else 0; 2 for invalid input.
    """
    from .diff import compare_files

    engine = make_engine(disabled, strict_plugins)
    shown = engine.formats.get(output_format)
    if shown is None or shown.diff is None:
        usable = sorted(name for name, fmt in engine.formats.items() if fmt.diff is not None)
        raise click.BadParameter(f"{output_format!r} cannot show a comparison; use one of {', '.join(usable)}",
                                 param_hint="--format")
    comparison = compare_files(old, new, engine_factory=lambda: engine, rubric=rubric_ref, as_of=as_of)
    click.echo(shown.render_diff(comparison), nl=False)
    sys.exit(comparison.exit_code(fail_on_regression=fail_on_regression))


# -- catalogue -------------------------------------------------------------------------------


@main.command()
@click.option("--plugin", default=None, help="Only rules of this plugin.")
@click.option("--category", default=None, help="Only rules of this category (e.g. trauma-informed).")
@click.option("--method", type=click.Choice(["auto", "lexical", "manual"]), default=None, help="Only rules using this method.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
def rules(plugin, category, method, output_format, disabled, strict_plugins) -> None:
    """List the installed rules (no check code is imported)."""
    from .catalogue import rules_json, rules_table, select_rules

    engine = make_engine(disabled, strict_plugins)
    chosen = select_rules(engine.rules.values(), plugin=plugin, category=category, method=method)
    click.echo(rules_json(chosen) if output_format == "json" else rules_table(chosen), nl=False)


@main.command()
@click.argument("rule_id")
@plugin_options
def explain(rule_id, disabled, strict_plugins) -> None:
    """Print a rule's documentation: what, why, how to fix, examples."""
    from .catalogue import explain_rule
    from .schema_errors import did_you_mean

    engine = make_engine(disabled, strict_plugins)
    rule = engine.rules.get(rule_id.upper())
    if rule is None:
        hint = did_you_mean(rule_id.upper(), engine.rules, "see `vetkit rules` for the installed rules")
        raise CliError(f"unknown rule {rule_id!r}. {hint[:1].upper()}{hint[1:]}")
    click.echo(explain_rule(rule), nl=False)


@main.group(invoke_without_command=True)
@plugin_options
@click.pass_context
def rubrics(ctx, disabled, strict_plugins) -> None:
    """List the registered rubrics; `vetkit rubrics show ID` prints one resolved."""
    ctx.obj["engine"] = make_engine(disabled, strict_plugins)
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
def plugins(output_format, disabled, strict_plugins) -> None:
    """List plugins: name, version, distribution, rules and status (loaded, blocked, failed)."""
    from .catalogue import plugins_json, plugins_table

    engine = make_engine(disabled, strict_plugins)
    click.echo(plugins_json(engine.plugins) if output_format == "json" else plugins_table(engine.plugins), nl=False)


@main.command("new-plugin")
@click.argument("name")
@click.option("--directory", type=click.Path(path_type=_Path), default=None, metavar="DIR",
              help="Folder to create the project in (default: ./vetkit-NAME); it must be new or empty.")
@click.option("--prefix", default=None, metavar="ABC",
              help="Rule-id prefix, 2 to 5 capital letters (default: the initials of NAME).")
def new_plugin(name: str, directory: Path | None, prefix: str | None) -> None:
    """Create a plugin project: a rule with examples, its check, a rubric, tests and a README.

    NAME is lower-case letters, digits and hyphens (e.g. plain-language). Then run
    `pip install -e DIR` and `python -m pytest` in DIR.
    """
    from .scaffold import create_plugin

    target, names, written = create_plugin(name, directory, prefix=prefix)
    for relative in written:
        click.echo(f"wrote {target / relative}")
    click.echo(f"created plugin {names.name} (rules {names.prefix}-NN, rubric {names.name}); next: "
               f"cd {target} && pip install -e . && python -m pytest")


@main.group()
def review() -> None:
    """Reviewer answers for the criteria a person must decide."""


@review.command("init")
@click.argument("course_file", type=click.Path(path_type=_Path))
@click.option("-o", "--output", type=click.Path(path_type=_Path), default=None,
              help="Answer file to write (default: COURSE.review.yaml beside the course).")
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD")
@click.option("--force", is_flag=True, help="Overwrite an existing answer file.")
@plugin_options
def review_init(course_file, output, rubric_ref, as_of, force, disabled, strict_plugins) -> None:
    """Write an answer file with every pending question, its evidence and pointer."""
    from .fileio import write_atomic
    from .review import review_template

    engine = make_engine(disabled, strict_plugins)
    report = engine.score(course_file, rubric=rubric_ref, as_of=as_of)
    target = output or course_file.with_name(course_file.name.rsplit(".", 1)[0] + ".review.yaml")
    if target.exists() and not force:
        raise CliError(f"{target}: already exists. Pass --force to overwrite it, or -o to choose another file.")
    write_atomic(target, review_template(report, report.as_of))
    pending = sum(1 for r in report.results if r.outcome == "needs-review")
    click.echo(f"wrote {target} with {pending} open question(s)")
