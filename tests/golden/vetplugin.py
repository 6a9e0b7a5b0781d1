"""Engines and environments with the test-only plugin ``vetkit_golden_plugin`` (see ``plugin_dist/``).

The plugin's folder is never left on ``sys.path``: other tests' engines must not discover it.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path

SITE = Path(__file__).parent / "plugin_dist"
RUBRIC = "golden-test"
AS_OF = "2026-11-25"


def plugin_module():
    """The plugin module, imported from its file (not through ``sys.path``)."""
    name = "vetkit_golden_plugin"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SITE / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def make_engine():
    """An Engine running only vetkit's core and the golden plugin (picklable: a module-level function)."""
    import vetkit

    return vetkit.Engine(entry_points=False, plugins=[plugin_module()])


def cli_env(monkeypatch) -> dict[str, str]:
    """Make the plugin discoverable as the entry point ``golden`` (for this test only); the env to pass."""
    monkeypatch.syspath_prepend(str(SITE))
    importlib.invalidate_caches()
    return {"VETKIT_LOAD_PLUGINS": "golden", "VETKIT_DISABLE_PLUGINS": "", "NO_COLOR": "1"}
