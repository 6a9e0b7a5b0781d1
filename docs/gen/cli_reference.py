"""Generate the command-line reference from the Click commands of ``vetkit.cli.main``.

Run by the MkDocs hook (docs/gen/hooks.py) at build time: every command and subcommand, with
the help that ``vetkit COMMAND --help`` prints, so the page cannot fall behind the code.
Preview without building the site: ``python docs/gen/cli_reference.py``.
"""

from __future__ import annotations

from typing import Iterator

import click

PATH = "reference/cli.md"
WIDTH = 88


def commands(command: click.Command, parent: click.Context | None = None,
             name: str = "vetkit") -> Iterator[tuple[str, click.Context]]:
    """(full name, context) for a command and, depth first, each of its subcommands in name order."""
    settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    context = click.Context(command, info_name=name.rsplit(" ", 1)[-1], parent=parent, **settings)
    yield name, context
    if isinstance(command, click.Group):
        for sub_name in sorted(command.list_commands(context)):
            yield from commands(command.get_command(context, sub_name), context, f"{name} {sub_name}")


def page() -> str:
    """The reference page: a section per command with its ``--help`` text."""
    from vetkit.cli import main

    parts = ["# Command-line reference", "",
             "Every `vetkit` command, with the help it prints for `--help`. Generated from the command "
             "definitions when the documentation is built. Exit codes are explained in "
             "[Exit codes](../exit-codes.md).", ""]
    for name, context in commands(main):
        anchor = name.replace(" ", "-")
        parts += [f"## {name} {{#{anchor}}}", "", "```text", context.command.get_help(context).rstrip(), "```", ""]
    return "\n".join(parts)


def pages() -> dict[str, tuple[str, str]]:
    """``{path: (nav title, markdown)}``."""
    return {PATH: ("CLI reference", page())}


if __name__ == "__main__":  # pragma: no cover
    print(page())
