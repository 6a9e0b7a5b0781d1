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
    vetkit validate course.json      is the course document valid?
    vetkit init course.yaml          start a new course document
    vetkit schema course             print the course JSON Schema
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
