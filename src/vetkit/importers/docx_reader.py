"""Word lesson plans (.docx) through python-docx: headings, paragraphs, numbered and lettered lists, tables."""

from __future__ import annotations

import io
import re

from .archive import open_archive, refuse_dtd
from .limits import ImportLimits, TextBudget, refuse
from .model import Block, Document, Where

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^heading\s+([1-9])$", re.IGNORECASE)
_LIST_STYLE = re.compile(r"^list\s+(number|bullet|paragraph)(?:\s+([2-9]))?$", re.IGNORECASE)
_MARKERS = {"decimal": "number", "decimalZero": "number", "lowerLetter": "letter", "upperLetter": "letter",
            "lowerRoman": "number", "upperRoman": "number", "bullet": "bullet"}


def read(data: bytes, name: str, limits: ImportLimits, *, where: Where | None = None) -> Document:
    """The lesson plan in ``data`` (the bytes of ``name``) as a flow of blocks."""
    archive = open_archive(data, name, limits, what="Word document (.docx)")
    refuse_dtd(archive, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, TypeError) as error:
        raise refuse(name, f"is not a Word document vetkit can read ({type(error).__name__}: {error})",
                     hint="open it in Word and save it as a .docx document") from None
    except Exception as error:  # noqa: BLE001 - lxml's syntax errors and python-docx's own: a corrupt file
        raise refuse(name, f"is corrupt: {type(error).__name__}: {error}",
                     hint="open and save the file again in the program that made it") from None
    where = where or Where(name)
    reader = _Reader(document, where, TextBudget(name, limits))
    blocks = reader.blocks()
    core = document.core_properties
    title = (core.title or "").strip() or next((b.text for b in blocks if b.kind == "heading"), "")
    return Document(where.file, title, blocks, version=(core.version or "").strip())


class _Reader:
    def __init__(self, document, where: Where, budget: TextBudget):
        self.document, self.where, self.budget = document, where, budget
        self.heading = ""
        self.count = 0
        self._formats = _numbering_formats(document)
        styles = document.styles.element
        self._styles = {style.get(f"{_W}styleId"): style.find(f"{_W}name").get(f"{_W}val")
                        for style in styles.iterchildren(f"{_W}style") if style.find(f"{_W}name") is not None}
        default = next((style for style in styles.iterchildren(f"{_W}style")
                        if style.get(f"{_W}type") == "paragraph" and style.get(f"{_W}default") in ("1", "true")), None)
        self._default_style = self._styles.get(default.get(f"{_W}styleId"), "") if default is not None else ""

    def style_name(self, paragraph) -> str:
        """The paragraph's style name, read from its properties (python-docx looks the default up each time)."""
        style = paragraph._p.find(f"{_W}pPr/{_W}pStyle")
        if style is None:
            return self._default_style
        return self._styles.get(style.get(f"{_W}val"), style.get(f"{_W}val") or "")

    def blocks(self) -> list[Block]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        found: list[Block] = []
        body = self.document.element.body
        for child in body.iterchildren():
            if child.tag == f"{_W}p":
                block = self.paragraph(Paragraph(child, self.document))
                if block is not None:
                    found.append(block)
            elif child.tag == f"{_W}tbl":
                found += self.table(Table(child, self.document))
        return found

    def place(self, what: str) -> str:
        return f"“{self.heading}”, {what}" if self.heading else what

    def paragraph(self, paragraph) -> Block | None:
        text = " ".join(paragraph.text.split())
        if not text:
            return None
        self.budget.take(text)
        style = self.style_name(paragraph)
        level = _heading_level(paragraph, style)
        if level is not None:
            self.heading, self.count = text, 0
            return Block("heading", text, self.where.at(f"heading “{text}”"), level=level)
        self.count += 1
        origin = self.where.at(self.place(f"paragraph {self.count}"))
        strong = _all_bold(paragraph)
        listed = self.list_item(paragraph, style)
        if listed is not None:
            depth, marker = listed
            return Block("item", text, origin, level=depth, marker=marker, strong=strong)
        return Block("paragraph", text, origin, strong=strong)

    def list_item(self, paragraph, style: str) -> tuple[int, str | None] | None:
        numbering = paragraph._p.find(f"{_W}pPr/{_W}numPr")
        if numbering is not None:
            level_element, number_element = numbering.find(f"{_W}ilvl"), numbering.find(f"{_W}numId")
            depth = int(level_element.get(f"{_W}val", "0")) if level_element is not None else 0
            number = number_element.get(f"{_W}val") if number_element is not None else None
            return depth, self._formats.get((number, depth))
        match = _LIST_STYLE.match(style)
        if match:
            marker = {"number": "number", "bullet": "bullet"}.get(match.group(1).lower())
            return int(match.group(2) or 1) - 1, marker
        return None

    def table(self, table) -> list[Block]:
        rows = []
        for number, row in enumerate(table.rows, start=1):
            cells = []
            for cell in row.cells:
                text = " ".join(cell.text.split())
                if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                    cells.append(text)
            if cells:
                line = self.budget.take(" | ".join(cells))
                rows.append(Block("row", line, self.where.at(self.place(f"table row {number}"))))
        return rows


def _heading_level(paragraph, style: str) -> int | None:
    if style == "Title":
        return 0
    match = _HEADING_STYLE.match(style)
    if match:
        return int(match.group(1))
    outline = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
    if outline is not None and outline.get(f"{_W}val", "9").isdigit() and int(outline.get(f"{_W}val")) < 9:
        return int(outline.get(f"{_W}val")) + 1
    return None


def _all_bold(paragraph) -> bool:
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(run.bold for run in runs)


def _numbering_formats(document) -> dict[tuple[str, int], str]:
    """(numId, level) → ``number``, ``letter`` or ``bullet``, from the document's numbering definitions."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract: dict[str, dict[int, str]] = {}
    for definition in numbering.iterchildren(f"{_W}abstractNum"):
        levels = {}
        for level in definition.iterchildren(f"{_W}lvl"):
            fmt = level.find(f"{_W}numFmt")
            if fmt is not None and level.get(f"{_W}ilvl", "").isdigit():
                levels[int(level.get(f"{_W}ilvl"))] = _MARKERS.get(fmt.get(f"{_W}val", ""), "number")
        abstract[definition.get(f"{_W}abstractNumId")] = levels
    formats = {}
    for instance in numbering.iterchildren(f"{_W}num"):
        reference = instance.find(f"{_W}abstractNumId")
        if reference is not None:
            for depth, marker in abstract.get(reference.get(f"{_W}val"), {}).items():
                formats[(instance.get(f"{_W}numId"), depth)] = marker
    return formats
