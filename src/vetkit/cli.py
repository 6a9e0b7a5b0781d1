"""The ``vetkit`` command line: parses arguments, calls the library, renders. No logic here.

Only click and this module load at start-up; every command imports what it needs.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import click

from .__about__ import __version__

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

EXIT_OK, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


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


class _NamedPath(click.Path):
    """A path to write to: an empty name is refused rather than read as the current folder."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and value == "":
            self.fail("no name was given (an empty name is not the current folder): name what to write", param, ctx)
        return super().convert(value, param, ctx)


class CliError(click.ClickException):
    """An error already formatted for the terminal; exits with code 2."""

    exit_code = EXIT_ERROR

    def show(self, file=None) -> None:
        from .safetext import shown_lines

        click.echo(shown_lines(self.message), err=True)


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
        except KeyboardInterrupt:  # the user's Ctrl-C (a plugin's own is its fault): one line, exit 130
            click.echo("vetkit: interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
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
    vetkit explain TI-07             what a criterion (or L12, P-VC, IRINA, a tag) means
    vetkit sources                   the bibliography behind the criteria

    Exit codes: 0 recommended/meets (or pending review), 1 does not pass, 2 invalid input.
    """
    for stream in (sys.stdout, sys.stderr):  # any str prints: a lone surrogate as its escape (vetkit.safetext)
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    ctx.obj = {"debug": debug}


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


def make_engine(disabled: tuple[str, ...], strict_plugins: bool, time_budget: float | None = None):
    from .engine import DEFAULT_TIME_BUDGET, Engine

    budget = DEFAULT_TIME_BUDGET if time_budget is None else (time_budget or None)
    return Engine(disable=disabled, strict_plugins=strict_plugins, time_budget=budget)


def _limits(max_bytes: int | None):
    from .limits import DEFAULT_LIMITS, Limits

    return DEFAULT_LIMITS if max_bytes is None else Limits(max_bytes=max_bytes)


max_bytes_option = click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
                                 help="Refuse input files larger than N bytes (default 20 MiB).")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=_Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output for people or for tools.")
@click.option("--strict", is_flag=True, help="Treat warnings (unknown tags) as errors.")
@max_bytes_option
@plugin_options
def validate(files: tuple[Path, ...], output_format: str, strict: bool, max_bytes: int | None,
             disabled: tuple[str, ...], strict_plugins: bool) -> None:
    """Check course documents against the course format.

    Roles and tags that installed plugins add are known, as when scoring. Exit code 0 when
    every file is valid, 2 otherwise. Problems go to stderr, one paragraph each, with file,
    line:column, JSON Pointer and a hint.
    """
    engine = make_engine(disabled, strict_plugins)
    results = [engine.validate(path, limits=_limits(max_bytes)) for path in files]
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
    from .safetext import display_path

    if os.path.lexists(path) and not force:
        raise CliError(f"{display_path(path)}: already exists. Choose another path, or pass --force to overwrite it.")
    write_atomic(path, files("vetkit").joinpath("data/starter-course.yaml").read_text(encoding="utf-8"),
                 what="the starter course")
    click.echo(f"wrote {display_path(path)}; next: vetkit validate {display_path(path)}")


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
@click.option("-o", "--output", type=_NamedPath(path_type=_Path), default=None,
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
    if output is not None and os.path.lexists(output) and not force:
        raise CliError(f"{output}: already exists. Choose another path, or pass --force to overwrite it.")
    draft = import_course(files, ImportOptions(**options))
    click.echo(draft.summary(), err=True)
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)
    if output is None:
        click.echo(draft.to_yaml(), nl=False)
        return
    _emit(draft.to_json() if output.suffix.lower() == ".json" else draft.to_yaml(), output, inputs=files)
    click.echo(f"next: fill in what is marked FILL IN, then vetkit validate {output}", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=_Path))
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE",
              help="Rubric id (see `vetkit rubrics`) or a rubric YAML file.")
@click.option("--format", "output_format", default=None, metavar="NAME",
              help="Output format: text, json, html, markdown, sarif, junit, or any registered format "
                   "(default: by -o suffix, else text).")
@click.option("-o", "--output", type=_NamedPath(path_type=_Path), default=None, help="Write the report to a file.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="N",
              help="Exit 1 when the score is below N.")
@click.option("--select", type=IdList(), default="", help="Score only these criteria (comma-separated ids).")
@click.option("--ignore", type=IdList(), default="", help="Leave these criteria out.")
@click.option("--review", "review_file", type=click.Path(path_type=_Path), multiple=True,
              help="Reviewer answers (see `vetkit review init`); repeat for several reviewers and their agreement.")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD", help="Scoring date for ages and expiries (default today).")
@click.option("--explain", is_flag=True, help="Print the score arithmetic and the verdict rule.")
@click.option("--require-complete", is_flag=True, help="Exit 1 while reviews are pending or a check errored.")
@click.option("-v", "--verbose", is_flag=True, help="Also list passing criteria, notes and every finding.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the one-line verdict (one line per course).")
@click.option("--output-dir", type=_NamedPath(path_type=_Path, file_okay=False), default=None, metavar="DIR",
              help="Write one report per course (in --format) and the portfolio index.html and summary.md here.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Score several courses in N processes.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=None, metavar="SECONDS",
              help="Stop a plugin's check that runs longer than this (outcome error); default 10, 0 for no limit.")
@plugin_options
@import_options
def score(files, rubric_ref, output_format, output, fail_under, select, ignore, review_file, as_of, explain,
          require_complete, verbose, quiet, output_dir, jobs, time_budget, disabled, strict_plugins,
          **import_values) -> None:
    """Score course documents against a rubric and print the verdict.

    Pass one FILE for its report, or several files and folders (searched recursively for
    .json and .yaml courses) for a summary table; --output-dir also writes a report per
    course and a portfolio page. Source files (.pptx, .docx, .pdf, .html, .md, .imscc, SCORM
    .zip) are imported in memory and scored as one course; the report lists what was assumed
    where they say nothing.

    The report goes to stdout, or with -o to the file (its format follows the suffix:
    .txt, .json, .html, .md, .sarif, .xml for JUnit) while stdout still gets the one-line
    verdict; "wrote FILE" goes to stderr. -q prints the verdict line alone.

    Exit code 0 when recommended (or pending review), 1 when it does not pass or scores
    below --fail-under, 2 for invalid input (with several courses: the worst of them).
    """
    from .outputs import format_for
    from .render.summary import verdict_line
    from .scoring import exit_code

    if quiet and verbose:
        raise click.UsageError("-q/--quiet prints the verdict line alone; -v/--verbose lists everything. "
                               "Choose one.")
    engine = make_engine(disabled, strict_plugins, time_budget)
    output_format = output_format or format_for(engine.formats, output)
    if quiet and output is None and output_format != "text":
        raise click.UsageError(f"-q/--quiet prints the verdict line alone; to write the {output_format} report "
                               "as well, pass -o FILE.")
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
                    require_complete=require_complete, quiet=quiet,
                    render_options={"explain": explain, "verbose": verbose})
        return
    if output is not None or not quiet:
        rendered = engine.formats[output_format].render(
            report, color=output is None and _color(), explain=explain, verbose=verbose)
        _emit(rendered, output, inputs=(*files, *review_file, rubric_ref))
    if output is not None or quiet:
        click.echo(verdict_line(report))
    sys.exit(exit_code(report, fail_under=fail_under, require_complete=require_complete))


def _score_many(files, *, engine, output_format, output, output_dir, jobs, review_file, disabled, strict_plugins,
                quiet, **options) -> None:
    """Several courses: a summary table on stdout, problems on stderr, reports in --output-dir."""
    from functools import partial

    from .batch import score_many
    from .engine import Engine
    from .render.portfolio import progress_bar

    if output is not None:
        raise click.UsageError("-o/--output holds one report: pass --output-dir DIR for several courses.")
    if review_file:
        raise click.UsageError("--review answers one course: score that course on its own.")
    factory = partial(Engine, disable=list(disabled), strict_plugins=strict_plugins, time_budget=engine.time_budget)
    with progress_bar(enabled=sys.stderr.isatty()) as progress:
        batch = score_many(files, jobs=jobs, engine=engine, engine_factory=factory, output_dir=output_dir,
                           output_format=output_format, progress=progress, **options)
    for row in batch.rows:
        for problem in row.problems:
            click.echo(problem, err=True)
    if quiet:
        from .render.summary import row_verdict_line

        for row in batch.rows:
            click.echo(row_verdict_line(row))
        if output_dir is not None:
            click.echo(f"wrote {len(batch.written)} file(s) to {output_dir}", err=True)
        sys.exit(batch.exit_code)
    chosen = engine.formats[output_format]
    shown = chosen if chosen.portfolio is not None else engine.formats["text"]
    click.echo(shown.render_portfolio(batch, color=_color()), nl=False)
    if output_dir is not None:
        click.echo(f"wrote {len(batch.written)} file(s) to {output_dir}", err=True)
    elif shown is not chosen:
        click.echo(f"note: --format {output_format} applies to the per-course reports; "
                   "pass --output-dir DIR to write them", err=True)
    sys.exit(batch.exit_code)


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(rendered: str | bytes, output: Path | None, *, inputs) -> None:
    if output is None:
        click.echo(rendered if isinstance(rendered, str) else rendered.decode("utf-8"), nl=False)
        return
    from .fileio import InputFiles, write_atomic
    from .safetext import display_path

    write_atomic(output, rendered, inputs=InputFiles(inputs))
    click.echo(f"wrote {display_path(output)}", err=True)


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
@click.argument("identifier", metavar="ID")
@plugin_options
def explain(identifier, disabled, strict_plugins) -> None:
    """Explain any id a report shows, in plain words, with its sources.

    ID is a criterion (TI-07), a lexicon row (L12, myth M10, statistic S01), a phrase set (P-VC),
    a source key (IRINA) or a tag (labor-trafficking). A tag in two vocabularies, such as minors
    (a topic and a population), is explained in both; topics/minors or populations/minors picks one.
    Exit code 2 for an unknown id, with the closest known one.
    """
    from .lookup import explain as explain_id

    click.echo(explain_id(make_engine(disabled, strict_plugins), identifier), nl=False)


@main.command("sources")
@click.argument("key", required=False)
def sources_(key: str | None) -> None:
    """The bibliography: every source key with its full citation and addresses (KEY: one source)."""
    from .bibliography import sources
    from .schema_errors import close_match

    table = sources()
    if key is None:
        click.echo("".join(_source_entry(source) for source in table.values()), nl=False)
        return
    chosen = next((source for name, source in table.items() if name.upper() == key.strip().upper()), None)
    if chosen is None:
        match = close_match(key.strip().upper(), table)
        raise CliError(f"unknown source key {key!r}. " + (f"Did you mean `{match}`?" if match else
                                                          "Run `vetkit sources` for every key."))
    click.echo(_source_entry(chosen), nl=False)


def _source_entry(source) -> str:
    lines = [f"{source.key}  {source.name}", f"  {source.citation}"] + [f"  {url}" for url in source.urls]
    return "\n".join(lines) + "\n\n"


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
@click.option("-o", "--output", type=_NamedPath(path_type=_Path), default=None,
              help="Answer file to write (default: COURSE.review.yaml beside the course).")
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD")
@click.option("--force", is_flag=True,
              help="Merge into an existing answer file: keep its answers, add the new questions.")
@plugin_options
def review_init(course_file, output, rubric_ref, as_of, force, disabled, strict_plugins) -> None:
    """Write an answer file with every pending question, its evidence and pointer.

    An existing answer file is never overwritten: --force merges into it, as `vetkit review
    update` does.
    """
    from .answerfile import write_answers
    from .safetext import display_path

    target = output or _default_answers(course_file)
    if os.path.lexists(target) and not force:
        raise CliError(f"{display_path(target)}: already exists. Run `vetkit review update {display_path(course_file)} "
                       f"{display_path(target)}` (or pass --force) to keep its answers and add the new questions, or "
                       "-o to choose another file.")
    written, merged = write_answers(make_engine(disabled, strict_plugins), course_file, target, rubric=rubric_ref,
                                    as_of=as_of, merge=target.exists())
    if merged:
        click.echo(f"updated {display_path(target)}: {written.summary()}")
    else:
        click.echo(f"wrote {display_path(target)} with {len(written.questions)} open question(s)")


@review.command("update")
@click.argument("course_file", type=click.Path(path_type=_Path))
@click.argument("answers", type=click.Path(path_type=_Path), required=False)
@click.option("--accept", type=IdList(), default="", metavar="IDS",
              help="Stale answers you checked and stand by (comma-separated ids): renew their fingerprints.")
@click.option("--rubric", "rubric_ref", default="ht-training", show_default=True, metavar="ID|FILE")
@click.option("--as-of", default=None, metavar="YYYY-MM-DD")
@plugin_options
def review_update(course_file, answers, accept, rubric_ref, as_of, disabled, strict_plugins) -> None:
    """Carry an answer file forward to the course as it is now.

    Keeps every answer: those whose evidence is unchanged get fresh fingerprints, the
    others stay in the file marked stale (what changed, where) until you check them and
    pass --accept; new questions are added as blocks to answer. ANSWERS defaults to
    COURSE.review.yaml beside the course. Exit code 0, or 2 for invalid input.
    """
    from .answerfile import write_answers
    from .safetext import display_path

    target = answers or _default_answers(course_file)
    written, _ = write_answers(make_engine(disabled, strict_plugins), course_file, target, rubric=rubric_ref,
                               as_of=as_of, merge=True, accept=accept)
    click.echo(f"updated {display_path(target)}: {written.summary()}")


def _default_answers(course_file: Path) -> Path:
    return course_file.with_name(course_file.name.rsplit(".", 1)[0] + ".review.yaml")
