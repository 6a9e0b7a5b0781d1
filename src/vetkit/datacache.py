"""Data built from vetkit's files, kept between processes in the user's cache folder.

Parsing the data tables and working out what each lexicon pattern needs cost a fresh process more than
everything else it does. What they build is plain JSON data, so a process stores it under a key made of
the content it was built from, the code that built it and the versions of vetkit and Python, and later
processes read it back; an edited file or a changed builder has another key.

The folder is ``$VETKIT_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/vetkit`` or ``~/.cache/vetkit`` (``%LOCALAPPDATA%\\vetkit\\cache`` on Windows,
``~/Library/Caches/vetkit`` on macOS). Nothing depends on it: a missing, read-only or damaged cache only
costs the time of building the data again. Each entry is written to a temporary file and renamed into
place, so concurrent processes never read a partial entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from .__about__ import __version__

#: Entries larger than this are not kept (the cache is for vetkit's own, small data).
MAX_ENTRY_BYTES = 8 * 1024 * 1024


def cache_folder() -> Path | None:
    """The folder of the cache, or None when it is turned off (``VETKIT_CACHE_DIR=""``)."""
    configured = os.environ.get("VETKIT_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base, "vetkit", "cache") if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "vetkit"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "vetkit")


@cache
def code_digest(*modules: str) -> str:
    """A digest of the source files of ``modules`` (the builders whose output is cached)."""
    digest = hashlib.sha256()
    for name in modules:
        module = sys.modules[name]
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:  # no source to read (a frozen or zipped install): the version alone must do
            digest.update(name.encode())
    return digest.hexdigest()


def remembered(kind: str, content: str | bytes, build: Callable[[], Any], *, code: tuple[str, ...] = ()) -> Any:
    """The JSON data ``build()`` makes from ``content``, read from the cache when an earlier process stored it.

    ``kind`` names the sort of data (part of the file name); ``code`` names the modules whose source
    decides what ``build`` makes. Only data that JSON gives back equal (dicts with string keys, lists,
    strings, numbers, booleans, None) is stored; anything else is returned as built, every time.
    """
    folder = cache_folder()
    if folder is None:
        return build()
    digest = hashlib.sha256()
    for part in (__version__, sys.version, kind, code_digest(*code) if code else ""):
        digest.update(part.encode())
        digest.update(b"\x00")
    digest.update(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    path = folder / f"{kind}-{digest.hexdigest()[:40]}.json"
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    data = build()
    try:
        text = json.dumps(data, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):  # not JSON data (a date, a tuple key): not kept
        return data
    if len(text) <= MAX_ENTRY_BYTES and json.loads(text) == data:
        _store(path, text)
    return data


def _store(path: Path, text: str) -> None:
    """Write one entry atomically; any failure leaves the cache as it was."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".entry-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
