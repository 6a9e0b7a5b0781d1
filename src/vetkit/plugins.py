"""The isolated plugin loader: entry-point discovery, allow/block lists, per-plugin failure records.

Every :class:`~vetkit.Engine` owns one :class:`PluginHost` and so one pluggy
``PluginManager``; nothing is shared between engines. A plugin that fails to import or to
register is recorded as ``failed`` with its error and the run goes on, unless the host is
strict (``--strict-plugins``), which makes any plugin fault a :class:`~vetkit.PluginError`.
"""

from __future__ import annotations

import os
from importlib.metadata import entry_points
from typing import Any, Callable, Iterable, Mapping

import pluggy
from attrs import evolve, frozen

from . import hookspecs
from .errors import PluginError
from .isolation import PluginFault, call_plugin

GROUP = "vetkit"
CORE = "vetkit"


@frozen
class PluginInfo:
    """What ``vetkit plugins`` shows for one plugin."""

    name: str
    distribution: str | None
    version: str | None
    status: str  # loaded | blocked | failed
    error: str | None = None
    rules: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # contributions refused without failing the plugin (a clashing rule id or format)

    @property
    def builtin(self) -> bool:
        """True for vetkit's core and the plugins shipped in vetkit's own distribution."""
        return self.distribution == CORE

    def to_json(self) -> dict[str, Any]:
        """The plugin as recorded in a report."""
        raw = {"name": self.name, "distribution": self.distribution, "version": self.version,
               "status": self.status, "error": self.error, "rules": list(self.rules)}
        if self.notes:
            raw["notes"] = list(self.notes)
        return raw


def plugin_filters(environ: Mapping[str, str] | None = None, disable: Iterable[str] = ()) -> tuple[set[str] | None, set[str]]:
    """(allow, block) from ``VETKIT_LOAD_PLUGINS``, ``VETKIT_DISABLE_PLUGINS`` and ``-p no:NAME``.

    ``allow`` is None when every plugin may load; an empty set when none may.
    """
    environ = os.environ if environ is None else environ
    allow = None
    if "VETKIT_LOAD_PLUGINS" in environ:
        allow = {name.strip() for name in environ["VETKIT_LOAD_PLUGINS"].split(",") if name.strip()}
    block = {name.strip() for name in environ.get("VETKIT_DISABLE_PLUGINS", "").split(",") if name.strip()}
    block |= set(disable)
    return allow, block


class PluginHost:
    """A plugin manager with vetkit's hookspecs, its built-in core and the discovered plugins."""

    def __init__(self, *, entry_points_enabled: bool = True, plugins: Iterable[object] = (),
                 allow: set[str] | None = None, block: Iterable[str] = (), strict: bool = False,
                 time_budget: float | None = None):
        self.strict = strict
        self.time_budget = time_budget
        self.manager = pluggy.PluginManager(GROUP)
        self.manager.add_hookspecs(hookspecs)
        self._infos: dict[str, PluginInfo] = {}
        from . import builtin

        self._register(CORE, builtin, distribution="vetkit", version=_own_version())
        if entry_points_enabled:
            self._load_entry_points(allow, set(block))
        for plugin in plugins:
            name = base = getattr(plugin, "__name__", None) or type(plugin).__name__
            suffix = 2
            while name in self._infos:  # two objects of one class: never knock out the first
                name, suffix = f"{base}-{suffix}", suffix + 1
            self._register(name, plugin, distribution=None, version=None)

    @property
    def infos(self) -> list[PluginInfo]:
        """Every plugin seen, in discovery order."""
        return list(self._infos.values())

    def loaded(self) -> list[str]:
        """Names of the plugins that are registered and working."""
        return [info.name for info in self._infos.values() if info.status == "loaded"]

    def fault(self, name: str, error: str) -> None:
        """Mark a plugin failed (unregistering it), or raise when strict."""
        if self.strict:
            raise PluginError(f"plugin {name!r} failed: {error}")
        info = self._infos[name]
        self._infos[name] = evolve(info, status="failed", error=error)
        plugin = self.manager.get_plugin(name)
        if plugin is not None:
            self.manager.unregister(plugin)

    def set_rules(self, name: str, rule_ids: Iterable[str]) -> None:
        """Record which rules a plugin contributed."""
        self._infos[name] = evolve(self._infos[name], rules=tuple(rule_ids))

    def note(self, name: str, note: str) -> None:
        """Record a contribution of a plugin that was refused without failing the plugin."""
        self._infos[name] = evolve(self._infos[name], notes=(*self._infos[name].notes, note))

    def info(self, name: str) -> PluginInfo:
        """The record of one plugin."""
        return self._infos[name]

    def call_each(self, hook_name: str, make_register: Callable[[str], Callable]) -> None:
        """Call one hook plugin by plugin, each with its own ``register``; isolate failures.

        ``make_register(plugin_name)`` returns the callable passed to that plugin's
        implementation; anything the implementation raises (``SystemExit`` included), or an
        overrun of the time budget, marks the plugin failed. A :class:`PluginError` raised by
        ``register`` itself (a fatal clash with strict plugins) goes through.
        """
        for impl in getattr(self.manager.hook, hook_name).get_hookimpls():
            name = impl.plugin_name
            if self._infos.get(name, None) is None or self._infos[name].status != "loaded":
                continue
            try:
                call_plugin(impl.function, make_register(name), budget=self.time_budget)
            except PluginFault as fault:
                if isinstance(fault.__cause__, PluginError):
                    raise fault.__cause__ from None
                self.fault(name, f"{hook_name} {fault}")

    def _load_entry_points(self, allow: set[str] | None, block: set[str]) -> None:
        described: dict[int, tuple[Any, tuple[str | None, str | None]]] = {}  # one METADATA parse per distribution
        for entry_point in sorted(entry_points(group=GROUP), key=lambda ep: ep.name):
            name = entry_point.name
            if name in self._infos:
                continue
            dist = getattr(entry_point, "dist", None)
            if dist is None:
                distribution, version = None, None
            else:
                known = described.get(id(dist))
                if known is None or known[0] is not dist:
                    try:  # dist.name and dist.version would each read and parse METADATA again
                        metadata = dist.metadata
                        pair = (metadata["Name"], metadata["Version"])
                    except Exception:  # noqa: BLE001 - not a standard Distribution: ask it as before
                        pair = (dist.name, dist.version)
                    known = described[id(dist)] = (dist, pair)
                distribution, version = known[1]
            if name in block or (allow is not None and name not in allow):
                self._infos[name] = PluginInfo(name, distribution, version, "blocked")
                continue
            try:
                plugin = call_plugin(entry_point.load, budget=self.time_budget)
            except PluginFault as fault:
                self._infos[name] = PluginInfo(name, distribution, version, "loaded")
                self.fault(name, f"import failed: {fault.summary}")
                continue
            self._register(name, plugin, distribution=distribution, version=version)

    def _register(self, name: str, plugin: object, *, distribution: str | None, version: str | None) -> None:
        self._infos[name] = PluginInfo(name, distribution, version, "loaded")

        def attach() -> None:
            self.manager.register(plugin, name=name)
            self.manager.check_pending()

        try:
            call_plugin(attach)
        except PluginFault as fault:  # a bad hookimpl (typo, wrong arguments)
            self.fault(name, f"registration failed: {fault.summary}")


def _own_version() -> str:
    from .__about__ import __version__

    return __version__
