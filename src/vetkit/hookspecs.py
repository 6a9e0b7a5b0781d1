"""The vetkit hook specifications (pluggy project ``vetkit``).

A plugin is a module or object with functions named after these hooks and marked with
:data:`vetkit.hookimpl`, published under the ``vetkit`` entry-point group::

    [project.entry-points.vetkit]
    myplugin = "vetkit_myplugin"

Every ``register`` hook receives a callable that records what the plugin contributes and
which plugin contributed it, and raises for a value of the wrong kind. Hooks run once per
:class:`vetkit.Engine`, each within the engine's time budget; a hook that raises (``SystemExit``
included) or overruns fails its plugin alone. Rules are not hooks: the engine calls each
rule's check itself, so that it can stop it past its time budget, catch its errors and skip
rules that are not selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pluggy

hookspec = pluggy.HookspecMarker("vetkit")
hookimpl = pluggy.HookimplMarker("vetkit")

if TYPE_CHECKING:  # pragma: no cover
    from .rules import Rule

    RegisterRule = Callable[[Rule], None]


@hookspec
def vetkit_register_rules(register: "RegisterRule") -> None:
    """Add rules to the catalogue: call ``register(rule)`` once per :class:`vetkit.Rule`.

    :param register: Records the rule and the plugin that owns it. A rule id another plugin
        registered already is refused and noted on the plugin (vetkit's own plugins keep
        theirs); with strict plugins the clash is an error that names both.

    .. versionadded:: 0.1

    Called once per Engine, before any course is scored. Build rules with
    :func:`vetkit.load_rules` from YAML files; do not import check code here, so that
    ``vetkit rules`` and ``vetkit --help`` stay fast.
    """


@hookspec
def vetkit_register_rubrics(register: Callable[[Any], None]) -> None:
    """Add rubrics: call ``register(path_or_mapping)`` once per rubric.

    :param register: Accepts a path (or importlib resource) to a rubric YAML file, or a
        mapping in the rubric format (``vetkit schema rubric``); anything else raises
        ``TypeError``. A rubric may ``extends`` a rubric of another plugin.

    .. versionadded:: 0.1
    """


@hookspec
def vetkit_register_vocabularies(register: Callable[[str, Any], None]) -> None:
    """Extend a controlled vocabulary: call ``register(name, terms)``.

    :param register: ``name`` is one of ``roles``, ``topics``, ``populations``,
        ``depictions``, ``typologies`` (terms: a mapping tag -> ``sex``/``labor``/``mixed``),
        ``advisoryTopics`` or ``feedbackSources``; ``terms`` is a list of new values, each a
        string (raises otherwise).

    .. versionadded:: 0.1

    Terms added here are known to course validation: a new audience role stops being
    an error, a new tag stops being a warning.
    """


@hookspec
def vetkit_register_lexicons(register: Callable[[str, Any], None]) -> None:
    """Add terms to a lexicon used by the text scanner: call ``register(name, source)``.

    :param register: ``name`` is a lexicon name such as ``stigmatizing-terms`` or
        ``myths``; ``source`` is a path to a lexicon YAML file or a list of term mappings.
        Terms are added to the lexicon of that name (a new name creates a lexicon). A
        plugin's source is read and checked here: a broken one fails that plugin.

    .. versionadded:: 0.1
    """


@hookspec
def vetkit_register_formats(register: Callable[..., None]) -> None:
    """Add a report format: call ``register(name, renderer, suffix=..., description=..., portfolio=..., diff=...)``.

    :param register: ``renderer`` is ``"module:function"`` or a callable taking a
        :class:`vetkit.Report` and returning ``str`` or ``bytes``; it is imported only when
        the format is used. The optional ``portfolio`` renderer takes the result of scoring
        several courses (``vetkit.batch.BatchResult``) and ``diff`` a comparison of two
        versions (``vetkit.diff.Comparison``); a format without them is used for single
        reports only. A name already registered (vetkit's own formats first) is refused and
        noted; a renderer that fails is a :class:`vetkit.PluginError` naming it.

    .. versionadded:: 0.1
    """


@hookspec(firstresult=True)
def vetkit_load_course(path: str) -> Any:
    """Read a course from another input format (an LMS export, a spreadsheet...).

    :param path: The file the user named.
    :returns: A mapping in the course format, or ``None`` when this plugin does not
        read that file. Stops at the first non-None result. Raising or returning anything
        else makes the file invalid, with a problem naming the plugin.

    .. versionadded:: 0.1

    Called for files vetkit does not read itself (other than ``.json``, ``.yaml``,
    ``.yml``). The mapping is then validated like any course document.
    """
