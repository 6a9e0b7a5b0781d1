"""Create a ready-to-test plugin project from the template in ``vetkit/data/plugin-template``.

``vetkit new-plugin NAME`` calls :func:`create_plugin`. The project it writes has a
``pyproject.toml`` with the ``vetkit`` entry point, one rule as data (YAML with passing and
failing examples), its check, a rubric, tests written with :mod:`vetkit.testing` and a README;
its tests pass as soon as it is installed (``pip install -e .``).

.. versionadded:: 0.1
"""

from __future__ import annotations

import importlib.util
import os
import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from string import Template
from typing import Iterator

from attrs import frozen

from .errors import UsageError

#: A plugin name: lower-case letters, digits and single hyphens, starting with a letter.
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
#: A rule-id prefix for third-party rules (ids are ``PREFIX-NN``).
PREFIX_PATTERN = re.compile(r"[A-Z]{2,5}")
TEMPLATE = "data/plugin-template"
SUFFIX = ".tmpl"


@frozen
class PluginNames:
    """Every name a new plugin project uses, derived from the plugin name."""

    name: str  # plain-language: the entry-point name, shown by `vetkit plugins`, used by -p no:NAME
    distribution: str  # vetkit-plain-language: the name on PyPI
    package: str  # vetkit_plain_language: the import name
    prefix: str  # PL: rule ids are PL-01, PL-02 ...
    title: str  # Plain language
    params: str  # plain_language: the namespace of the plugin's rubric parameters

    @property
    def substitutions(self) -> dict[str, str]:
        """Placeholders of the template files."""
        from .__about__ import __version__

        major_minor = ".".join(__version__.split(".")[:2])
        return {"name": self.name, "distribution": self.distribution, "package": self.package,
                "prefix": self.prefix, "prefix_lower": self.prefix.lower(), "title": self.title,
                "params": self.params, "vetkit_version": major_minor}


def plugin_names(name: str, prefix: str | None = None) -> PluginNames:
    """Check a plugin name (and optional rule-id prefix) and derive the other names from it.

    :raises vetkit.UsageError: for a name that is not lower-case letters, digits and hyphens,
        or a prefix that is not 2 to 5 capital letters or belongs to vetkit's own criteria.
    """
    from .rules import CATEGORIES

    if name.startswith("vetkit-"):
        name = name[len("vetkit-"):]
    if not NAME_PATTERN.fullmatch(name):
        raise UsageError(f"plugin name {name!r} is not valid: use lower-case letters, digits and single hyphens, "
                         f"starting with a letter (e.g. `plain-language` or `texas`)")
    if prefix is None:
        prefix = _derive_prefix(name, set(CATEGORIES))
    elif not PREFIX_PATTERN.fullmatch(prefix):
        raise UsageError(f"rule-id prefix {prefix!r} is not valid: use 2 to 5 capital letters (e.g. TX)")
    if prefix in CATEGORIES:
        raise UsageError(f"rule-id prefix {prefix} belongs to vetkit's own criteria; choose another with --prefix")
    words = name.split("-")
    package = "vetkit_" + "_".join(words)
    if importlib.util.find_spec(package) is not None:
        raise UsageError(f"a module named {package} is already installed; choose another plugin name")
    return PluginNames(name=name, distribution=f"vetkit-{name}", package=package,
                       prefix=prefix, title=" ".join(words).capitalize(), params="_".join(words))


def _derive_prefix(name: str, taken: set[str]) -> str:
    """Initials of the words (``plain-language`` -> PL), or the first three letters of one word."""
    words = [re.sub(r"[^a-z]", "", word) for word in name.split("-")]
    letters = "".join(words).upper()
    initials = "".join(word[0] for word in words if word).upper()[:5]
    for candidate in (initials, letters[:3], letters[:4], letters[:5]):
        if PREFIX_PATTERN.fullmatch(candidate) and candidate not in taken:
            return candidate
    raise UsageError(f"cannot derive a rule-id prefix from {name!r}; give one with --prefix (e.g. --prefix ABC)")


def _template_files(folder: Traversable, relative: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        path = f"{relative}/{entry.name}" if relative else entry.name
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _template_files(entry, path)
        elif entry.name.endswith(SUFFIX):
            yield path[: -len(SUFFIX)], entry


def render_template(names: PluginNames) -> dict[str, str]:
    """The project's files as ``{relative path: text}``, placeholders filled in."""
    values = names.substitutions
    rendered = {}
    for path, entry in _template_files(files("vetkit").joinpath(TEMPLATE)):
        target = "/".join("." + part[4:] if part.startswith("dot-") else part for part in path.split("/"))
        target = target.replace("__package__", names.package).replace("__prefix__", names.prefix)
        target = target.replace("__name__", names.name)
        rendered[target] = Template(entry.read_text(encoding="utf-8")).substitute(values)
    return rendered


def create_plugin(name: str, directory: str | os.PathLike[str] | None = None, *,
                  prefix: str | None = None) -> tuple[Path, PluginNames, list[str]]:
    """Write a new plugin project and return (its folder, its names, the files written).

    :param name: The plugin name, e.g. ``plain-language`` (a leading ``vetkit-`` is dropped).
    :param directory: Where to create the project; default ``./vetkit-NAME``. It may exist
        if it is empty.
    :param prefix: Rule-id prefix; default the initials of the name's words.
    :raises vetkit.UsageError: for a bad name or prefix, or a target folder that is not empty
        (nothing is written then).
    """
    names = plugin_names(name, prefix)
    target = Path(directory) if directory is not None else Path(names.distribution)
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder. Choose another --directory.")
    if target.is_dir() and any(target.iterdir()):
        raise UsageError(f"{target}: the folder is not empty. Choose an empty or new folder with --directory.")
    rendered = render_template(names)
    for relative, text in rendered.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target, names, sorted(rendered)
