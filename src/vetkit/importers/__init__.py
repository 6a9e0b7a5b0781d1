"""Course drafts from the material an academy already has: decks, lesson plans, PDFs, web pages, LMS packages.

::

    draft = vetkit.import_course(["deck.pptx", "plan.docx"], roles=["patrol"], level="awareness")
    print(draft.to_yaml())                 # FILL IN placeholders where the files do not say
    report = score_draft(draft)            # scored as one course, the assumptions listed in the report

One reader per format (:data:`READERS`) extracts located pieces of text; :mod:`.assemble`
turns them into the objects of one course; :mod:`.draft` settles what the sources leave open.
The readers need the ``import`` extra (``pip install 'vetkit[import]'``) and are imported only
when a file of their kind is read.
"""

from __future__ import annotations

import hashlib
import os
from importlib import import_module
from pathlib import Path, PurePath
from typing import Any, Iterable

from ..errors import UsageError
from .draft import Draft, Gap, ImportOptions
from .limits import DEFAULT_IMPORT_LIMITS, ImportLimits, refuse

__all__ = ["READERS", "Draft", "Gap", "ImportLimits", "ImportOptions", "import_course", "is_source", "score_draft"]

#: suffix → (reader module, what the file is)
READERS = {
    ".pptx": ("pptx_reader", "PowerPoint deck"),
    ".docx": ("docx_reader", "Word document"),
    ".pdf": ("pdf_reader", "PDF"),
    ".html": ("html_reader", "web page"),
    ".htm": ("html_reader", "web page"),
    ".md": ("markdown_reader", "Markdown"),
    ".markdown": ("markdown_reader", "Markdown"),
    ".imscc": ("package_reader", "IMS Common Cartridge"),
    ".zip": ("package_reader", "LMS package"),
}
#: Top-level modules of the ``import`` extra, for the message when one is missing.
EXTRA_MODULES = {"pptx", "docx", "pypdfium2", "lxml", "defusedxml", "markdown_it"}


def is_source(path: str | os.PathLike[str]) -> bool:
    """True for a file vetkit imports (a deck, a lesson plan, a PDF, a web page, an LMS package)."""
    return PurePath(path).suffix.lower() in READERS


def import_course(paths: Iterable[str | os.PathLike[str]], options: ImportOptions | None = None, *,
                  limits: ImportLimits = DEFAULT_IMPORT_LIMITS, vocabulary=None, **values: Any) -> Draft:
    """One draft course from several source files (a deck and its lesson plan, say).

    ``options`` (or its fields as keywords: ``roles``, ``experience``, ``level``, ``modes``,
    ``minutes``, ``jurisdiction``, ``provider``) say what the files may not. Raises
    :class:`~vetkit.errors.InvalidSource` for a file that cannot be read safely and
    :class:`~vetkit.errors.UsageError` for a file of another kind or a bad option.

    .. versionadded:: 0.2
    """
    from ..vocabulary import builtin_vocabulary
    from .assemble import add
    from .builder import CourseBuilder
    from .draft import build

    options = options or ImportOptions(**values)
    options.check((vocabulary or builtin_vocabulary()).roles)
    paths = list(paths)
    if not paths:
        raise UsageError("name at least one file to import")
    builder = CourseBuilder()
    sources = []
    for path in paths:
        name = PurePath(path).as_posix()
        suffix = PurePath(name).suffix.lower()
        if suffix not in READERS:
            raise UsageError(f"{name}: vetkit imports {', '.join(sorted(READERS))} files, not "
                             f"{suffix or 'a file without a suffix'}; a course document (.json, .yaml) needs no import")
        module, kind = READERS[suffix]
        data = _read(Path(path), name, limits)
        try:
            extract = import_module(f"{__name__}.{module}").read(data, name, limits)
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] not in EXTRA_MODULES:
                raise
            raise UsageError(f"{name}: importing a {kind} needs the import extra (module {error.name} is missing). "
                             "Install it with: pip install 'vetkit[import]'") from None
        add(builder, extract)
        sources.append((name, getattr(extract, "kind", kind), hashlib.sha256(data).hexdigest()))
    if not builder.modules:
        raise refuse(" + ".join(s[0] for s in sources), "holds no text vetkit can import",
                     hint="check that the files are the course's material, not scans or pictures of it",
                     code="empty")
    return build(builder, options, sources)


def score_draft(draft: Draft, engine=None, **score_options: Any):
    """The draft scored as one course: a :class:`~vetkit.Report` that lists each assumption it needed.

    ``score_options`` go to :meth:`vetkit.Engine.score` (``rubric``, ``as_of``, ``select``...).
    """
    from attrs import evolve

    from ..engine import Engine

    engine = engine or Engine()
    course = engine.load_course(draft.assumed())
    course.name = f"<imported from {draft.name}>"
    report = engine.score(course, **score_options)
    notices = tuple(gap.assumption for gap in draft.gaps) + tuple(draft.notes) + tuple(report.notices)
    return evolve(report, notices=notices)


def _read(path: Path, name: str, limits: ImportLimits) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise refuse(name, "is a folder, not a file", hint="name the files to import", code="io")
        if size > limits.max_file_bytes:
            raise refuse(name, f"is {size:,} bytes, over the limit of {limits.max_file_bytes:,}", code="limit")
        with open(path, "rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise refuse(name, "file not found", hint="check the path", code="not-found") from None
    except OSError as error:
        raise refuse(name, f"cannot read the file ({error.strerror})", code="io") from None
    if len(data) > limits.max_file_bytes:
        raise refuse(name, f"is over the limit of {limits.max_file_bytes:,} bytes", code="limit")
    return data
