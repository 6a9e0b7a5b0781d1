"""From what the readers extracted to the objects of one course: decks, documents and packages."""

from __future__ import annotations

from . import cues
from .builder import CourseBuilder, Module, Part
from .model import Deck, Package, Slide, Unit
from .outline import add_document

_GENERIC_SECTIONS = {"", "default section", "untitled section"}


def add(builder: CourseBuilder, extract) -> None:
    """Add one source's extract to the course."""
    if isinstance(extract, Deck):
        add_deck(builder, extract)
    elif isinstance(extract, Package):
        add_package(builder, extract)
    else:
        _title_and_version(builder, extract)
        add_document(builder, extract)
        for picture in extract.pictures:
            builder.material(picture.title or picture.alt[:80] or picture.name, "image", builder.modules[-1]
                             if builder.modules else None, picture.origin, altText=picture.alt,
                             description=picture.title)


def _title_and_version(builder: CourseBuilder, extract) -> None:
    if not builder.title and extract.title:
        builder.title = cues.without_duration(extract.title)
    if not builder.version and getattr(extract, "version", ""):
        builder.version = extract.version


# -- decks ------------------------------------------------------------------------------------------


def add_deck(builder: CourseBuilder, deck: Deck) -> None:
    """Sections (or title and section-header slides) become modules; slides become materials with their text."""
    _title_and_version(builder, deck)
    groups = _groups(deck)
    for position, (title, origin, slides) in enumerate(groups):
        module = builder.module(cues.without_duration(title), origin, cues.heading_minutes(title))
        for slide in slides:
            if slide.title and cues.section_kind(slide.title) == "objectives":
                scope = "course" if position == 0 and len(groups) > 1 else "module"
                for block in slide.body:
                    text = cues.strip_bullet(block.text)
                    if text and not text.endswith(":") and len(text.split()) >= 3:
                        builder.objective(text, block.origin, module, cues.objective_scope(slide.title) or scope)
                continue
            _slide(builder, slide, module, opens=slide is slides[0])


def _slide(builder: CourseBuilder, slide: Slide, module: Module, *, opens: bool) -> None:
    """A material per slide, but not for a slide that only gives its module's title."""
    parts: list[Part] = [("\n", block.text, block.origin) for block in slide.body]
    notes = [("\n" if index else "\n\n", block.text, block.origin) for index, block in enumerate(slide.notes)]
    if parts or notes or (slide.title and not opens):
        builder.material(slide.title or f"Slide {slide.number}", "slides", module, slide.origin, parts=parts + notes)
    for picture in slide.pictures:
        builder.material(picture.title or f"Picture on slide {slide.number}", "image", module, picture.origin,
                         altText=picture.alt, description=picture.title)


def _groups(deck: Deck) -> list[tuple[str, object, list[Slide]]]:
    """(title, origin, slides) per module: PowerPoint sections, else runs that start at a title or section slide."""
    groups: list[tuple[str, object, list[Slide]]] = []
    sectioned = any(slide.section for slide in deck.slides)
    for index, slide in enumerate(deck.slides):
        if sectioned:
            starts = index == 0 or slide.section != deck.slides[index - 1].section
            title = slide.section if (slide.section or "").lower() not in _GENERIC_SECTIONS else slide.title
        else:
            starts = index == 0 or slide.layout in ("Section Header", "Title Slide")
            title = slide.title
        if starts:
            groups.append((title or deck.title or f"Slides from {deck.file}", slide.origin, []))
        groups[-1][2].append(slide)
    return groups


# -- packages ---------------------------------------------------------------------------------------


def add_package(builder: CourseBuilder, package: Package) -> None:
    """The organization's top entries become modules in order; their pages and quizzes fill them."""
    if not builder.title and package.title:
        builder.title = package.title
    if builder.total_minutes is None:
        builder.total_minutes = package.minutes
    for unit in package.units:
        module = builder.module(unit.title, unit.origin, unit.minutes)
        _unit(builder, unit, module, top=True)


def _unit(builder: CourseBuilder, unit: Unit, module: Module, *, top: bool) -> None:
    if not top:
        module.add_heading(unit.title)
    for document in unit.documents:
        add_document(builder, document, module=module)
        for picture in document.pictures:
            builder.material(picture.title or picture.alt[:80] or picture.name, "image", module, picture.origin,
                             altText=picture.alt, description=picture.title)
    for quiz in unit.quizzes:
        builder.assessment(quiz, module)
    for title, url in unit.links:
        builder.reference(f"{title} {url}" if title and title != url else url, unit.origin, "website")
    for child in unit.children:
        _unit(builder, child, module, top=False)
