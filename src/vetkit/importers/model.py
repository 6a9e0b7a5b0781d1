"""What the readers extract from a source file, before it becomes a course: located pieces of text.

Every reader returns one of :class:`Deck` (slides), :class:`Document` (a flow of headings,
paragraphs, list items and table rows: a lesson plan, a PDF, a web page) or :class:`Package`
(an LMS export's organization of modules, pages and quizzes). Each piece carries the
:class:`~vetkit.provenance.Origin` it came from.
"""

from __future__ import annotations

from attrs import field, frozen

from ..provenance import Origin


def _tuple(value) -> tuple:
    return tuple(value)


@frozen
class Where:
    """Makes the origins of one file: ``Where("deck.pptx").at("slide 7")``.

    Inside a package, ``inner`` names the file in the package (``lessons/intro.html``); its
    lines are then part of the words, not a line of the file the reviewer named.
    """

    file: str
    inner: str | None = None

    def at(self, place: str, line: int | None = None) -> Origin:
        """The origin of a piece found at ``place`` (and ``line``, for text files)."""
        if self.inner is None:
            return Origin(self.file, place, line)
        words = f"{self.inner}, {place}" if place else self.inner
        return Origin(self.file, words)

    def line(self, number: int) -> Origin:
        """The origin of a piece of a text file that starts at line ``number``."""
        return self.at(f"line {number}", number)


@frozen
class Block:
    """One piece of a document's flow.

    ``kind`` is ``heading`` (``level`` 1 is the top; 0 a document title), ``paragraph``,
    ``item`` (a list item; ``level`` is its nesting, 0 at the top; ``marker`` is ``number``,
    ``letter`` or ``bullet`` where the format says) or ``row`` (a table row, cells joined by
    `` | ``). ``strong`` marks text set entirely in bold (a key marked in a quiz).
    """

    kind: str
    text: str
    origin: Origin
    level: int = 0
    marker: str | None = None
    strong: bool = False


@frozen
class Picture:
    """An image with what the source says about it."""

    name: str
    origin: Origin
    alt: str = ""
    title: str = ""


@frozen
class Slide:
    """One slide: its title, body (text frames and table rows), speaker notes and pictures."""

    number: int
    title: str
    layout: str
    origin: Origin
    body: tuple[Block, ...] = field(converter=_tuple)
    notes: tuple[Block, ...] = field(converter=_tuple)
    pictures: tuple[Picture, ...] = field(converter=_tuple)
    section: str | None = None


@frozen
class Deck:
    """A slide deck."""

    file: str
    title: str
    slides: tuple[Slide, ...] = field(converter=_tuple)
    version: str = ""


@frozen
class Document:
    """A flow of blocks: a lesson plan, a PDF's pages, a web page."""

    file: str
    title: str
    blocks: tuple[Block, ...] = field(converter=_tuple)
    pictures: tuple[Picture, ...] = field(default=(), converter=_tuple)
    version: str = ""


@frozen
class Choice:
    """An answer choice; ``correct`` is None where the source marks no key."""

    text: str
    correct: bool | None = None


@frozen
class Question:
    """An assessment item as the source gives it."""

    prompt: str
    origin: Origin
    choices: tuple[Choice, ...] = field(default=(), converter=_tuple)
    answer: str = ""
    multiple: bool = False


@frozen
class Quiz:
    """A test, quiz or knowledge check."""

    title: str
    origin: Origin
    questions: tuple[Question, ...] = field(converter=_tuple)


@frozen
class Unit:
    """One entry of a package's organization: a module, or a page or quiz inside one."""

    title: str
    origin: Origin
    documents: tuple[Document, ...] = field(default=(), converter=_tuple)
    quizzes: tuple[Quiz, ...] = field(default=(), converter=_tuple)
    links: tuple[tuple[str, str], ...] = field(default=(), converter=_tuple)  # (title, url) of web links
    children: tuple["Unit", ...] = field(default=(), converter=_tuple)
    minutes: int | None = None


@frozen
class Package:
    """An LMS export: IMS Common Cartridge or SCORM."""

    file: str
    title: str
    kind: str  # "IMS Common Cartridge 1.3", "SCORM 2004", ...
    units: tuple[Unit, ...] = field(converter=_tuple)
    minutes: int | None = None
