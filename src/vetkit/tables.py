"""Data tables of plugins: YAML files in a package's ``data/`` folder, read once per process."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from .datacache import remembered


@lru_cache(maxsize=None)
def read_table(package: str, name: str) -> Any:
    """The contents of ``<package>/data/<name>.yaml``, parsed safely and cached.

    The same object is returned to every caller: treat it as read-only. The parsed data is kept in
    vetkit's cache folder (:mod:`vetkit.datacache`) for later processes, under the file's content.

    .. versionadded:: 0.1
    """
    text = files(package).joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    return remembered("table", text, lambda: _parse(text))


def _parse(text: str) -> Any:
    import yaml

    try:  # the C loader is several times faster and as safe
        from yaml import CSafeLoader as loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as loader
    return yaml.load(text, Loader=loader)  # a safe loader
