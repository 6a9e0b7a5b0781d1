"""Writing output files: atomically, never onto an input, never replacing a file that is not a regular file.

A reader never sees half a file (the content goes to a temporary file in the target's folder,
which then replaces the target in one rename); an existing file keeps its permission bits; and
whatever goes wrong is a :class:`~vetkit.errors.WriteError` that names the path and the reason.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import WriteError
from .safetext import display_path, encoded

#: What each kind of file that is not a regular file is called in messages.
_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


class InputFiles:
    """The files a run reads (courses, review, rubric): outputs must never replace them.

    Files are compared by device and inode, so another path to the same file is recognised too.
    Paths that do not exist are ignored.
    """

    def __init__(self, paths: Iterable[str | os.PathLike[str] | None] = ()):
        self._identities: set[tuple[int, int]] = set()
        for path in paths:
            if path is None:
                continue
            try:
                found = os.stat(path)
            except (OSError, ValueError):
                continue
            self._identities.add((found.st_dev, found.st_ino))

    def __contains__(self, found: os.stat_result) -> bool:
        return (found.st_dev, found.st_ino) in self._identities


def write_atomic(path: str | os.PathLike[str], content: str | bytes, *, inputs: InputFiles | None = None,
                 what: str = "the report") -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder and an atomic rename.

    Raises :class:`~vetkit.errors.WriteError` (nothing is changed) when ``path`` is empty or a
    folder, is one of ``inputs``, is anything but a regular file (a symbolic link, a FIFO, a
    device, a socket), or the operating system refuses the write (a full disk, a read-only folder).
    """
    name = display_path(path)

    def refuse(reason: str, advice: str) -> WriteError:
        return WriteError(f"{name}: cannot write {what} here: {reason}. {advice}", path=name)

    if os.fspath(path) == "":
        raise refuse("no file name was given", "Name the file to write.")
    target = Path(path)
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    except OSError as err:
        raise WriteError(f"{name}: cannot write {what} ({_reason(err)}). Nothing was changed.", path=name) from None
    if found is not None:
        if stat.S_ISDIR(found.st_mode):
            raise refuse("this is a folder", "Name a file inside it.")
        for test, kind in _KINDS:
            if test(found.st_mode):
                raise refuse(f"this is {kind}, not a regular file", "Give the path of a regular file.")
        if inputs is not None and found in inputs:
            raise refuse("this file is an input of this run (a course, review or rubric)", "Choose another output file.")
        mode = stat.S_IMODE(found.st_mode)
    else:
        mode = 0o666 & ~_umask()
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(f"{name}: the folder {display_path(folder)} does not exist. Create it first.", path=name)
    data = encoded(content) if isinstance(content, str) else content
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as err:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise WriteError(f"{name}: cannot write {what} ({_reason(err)}). Nothing was changed.", path=name) from None
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
