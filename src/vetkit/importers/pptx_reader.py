"""PowerPoint decks (.pptx) through python-pptx: titles, body text, tables, speaker notes, pictures, sections."""

from __future__ import annotations

import io
import re

from .archive import open_archive, refuse_dtd
from .limits import ImportLimits, TextBudget, refuse
from .model import Block, Deck, Picture, Slide, Where

_SLIDE_PART = re.compile(r"^ppt/slides/slide\d+\.xml$")
_SECTION_NS = "{http://schemas.microsoft.com/office/powerpoint/2010/main}"


def read(data: bytes, name: str, limits: ImportLimits) -> Deck:
    """The deck in ``data`` (the bytes of ``name``)."""
    archive = open_archive(data, name, limits, what="PowerPoint deck (.pptx)")
    slides = sum(1 for member in archive.namelist() if _SLIDE_PART.match(member))
    if slides > limits.max_slides:
        raise refuse(name, f"has {slides:,} slides, more than the {limits.max_slides:,} vetkit imports from one deck",
                     hint="split the deck", code="limit")
    refuse_dtd(archive, name)
    from pptx import Presentation
    from pptx.exc import PackageNotFoundError

    try:
        presentation = Presentation(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, TypeError) as error:
        raise refuse(name, f"is not a PowerPoint deck vetkit can read ({type(error).__name__}: {error})",
                     hint="open it in PowerPoint and save it as a .pptx presentation") from None
    except Exception as error:  # noqa: BLE001 - lxml's syntax errors and python-pptx's own: a corrupt file
        raise refuse(name, f"is corrupt: {type(error).__name__}: {error}",
                     hint="open and save the file again in the program that made it") from None
    where = Where(name)
    budget = TextBudget(name, limits)
    sections = _sections(presentation)
    read_slides = []
    positions: dict = {}  # (layout, placeholder) -> position, for placeholders that inherit theirs
    for number, slide in enumerate(presentation.slides, start=1):
        read_slides.append(_slide(slide, number, where, budget, sections.get(slide.slide_id), positions))
    core = presentation.core_properties
    title = (core.title or "").strip() or next((s.title for s in read_slides if s.title), "")
    return Deck(name, title, read_slides, version=(core.version or "").strip())


def _sections(presentation) -> dict[int, str]:
    """Slide id → the name of its section, from PowerPoint's section list (an extension element)."""
    names: dict[int, str] = {}
    for section in presentation.part._element.iter(f"{_SECTION_NS}section"):
        for slide in section.iter(f"{_SECTION_NS}sldId"):
            if slide.get("id", "").isdigit():
                names[int(slide.get("id"))] = (section.get("name") or "").strip()
    return names


def _slide(slide, number: int, where: Where, budget: TextBudget, section: str | None, positions: dict) -> Slide:
    place = f"slide {number}"
    title_shape = slide.shapes.title
    title = budget.take(_clean(title_shape.text_frame.text)) if title_shape is not None else ""
    body: list[Block] = []
    pictures: list[Picture] = []
    shapes = [shape for shape in slide.shapes if title_shape is None or shape.shape_id != title_shape.shape_id]
    for shape in _reading_order(shapes, slide.slide_layout, positions):
        _shape(shape, place, where, budget, body, pictures, positions)
    notes: list[Block] = []
    if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
        for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
            text = _clean(paragraph.text)
            if text:
                notes.append(Block("paragraph", budget.take(text), where.at(f"{place} (notes)")))
    return Slide(number, title, slide.slide_layout.name or "", where.at(place), body, notes, pictures, section)


def _shape(shape, place: str, where: Where, budget: TextBudget, body: list[Block], pictures: list[Picture],
           positions: dict) -> None:
    if shape._element.tag.endswith("}grpSp"):
        for child in _reading_order(shape.shapes, None, positions):
            _shape(child, place, where, budget, body, pictures, positions)
        return
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            cells = [_clean(cell.text) for cell in row.cells]
            if any(cells):
                body.append(Block("row", budget.take(" | ".join(cell for cell in cells if cell)),
                                  where.at(f"{place} (table)")))
        return
    properties = shape._element.xpath("./*[1]/p:cNvPr")
    if _is_picture(shape):
        attributes = properties[0].attrib if properties else {}
        pictures.append(Picture(shape.name, where.at(f"{place} (picture “{shape.name}”)"),
                                budget.take(_clean(attributes.get("descr", ""))),
                                budget.take(_clean(attributes.get("title", "")))))
        return
    if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            text = _clean(paragraph.text)
            if text:
                kind = "item" if paragraph.level > 0 else "paragraph"
                body.append(Block(kind, budget.take(text), where.at(place), level=paragraph.level))


def _is_picture(shape) -> bool:
    return shape._element.tag.endswith("}pic")


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _reading_order(shapes, layout, positions: dict):
    """Top to bottom, then left to right: the order a reader takes in a slide."""
    return sorted(shapes, key=lambda shape: _position(shape, layout, positions))


def _position(shape, layout, positions: dict) -> tuple[int, int]:
    """(top, left) from the shape's own geometry, or its layout placeholder's (looked up once per layout)."""
    offset = next(shape._element.iter(f"{_A}off"), None)
    if offset is not None:
        return int(offset.get("y", 0)), int(offset.get("x", 0))
    if layout is None or not shape.is_placeholder:
        return 0, 0
    key = (layout.part.partname, shape.placeholder_format.idx)
    if key not in positions:
        positions[key] = (shape.top or 0, shape.left or 0)
    return positions[key]


def _clean(text: str) -> str:
    return " ".join(text.replace("\x0b", " ").split())
