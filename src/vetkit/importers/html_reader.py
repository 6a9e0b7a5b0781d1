"""Web pages (.html) through lxml's HTML parser: headings, paragraphs, lists, tables, image alt text.

lxml is already installed with python-docx and python-pptx, parses the HTML that LMS exports
really contain, gives each element its source line, and never fetches anything.
"""

from __future__ import annotations

import re

from .limits import ImportLimits, TextBudget, refuse
from .model import Block, Document, Picture, Where

_SKIP = {"script", "style", "noscript", "template", "nav", "head", "svg", "iframe", "object", "embed", "button",
         "select", "textarea", "audio", "video", "map", "canvas"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "ul", "ol", "li", "table", "tr",
           "blockquote", "pre", "figure", "figcaption", "dl", "dt", "dd", "form", "fieldset", "hr", "address",
           "details", "summary", "caption", "thead", "tbody", "tfoot", *_HEADINGS}
_PARAGRAPHS = {"p", "blockquote", "pre", "figcaption", "dt", "dd", "caption", "address", "summary"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def read(data: bytes, name: str, limits: ImportLimits, *, where: Where | None = None) -> Document:
    """The page in ``data`` as headings, paragraphs, list items and table rows."""
    from lxml import etree, html

    text = _decode(data)
    if not text.strip():
        raise refuse(where.at("").label if where else name, "is empty", code="empty")
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)
    try:
        root = html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise refuse(name, f"is not a web page vetkit can read ({error})") from None
    walk = _Walk(where or Where(name), TextBudget(name, limits))
    body = root.find("body")
    walk.element(body if body is not None else root, 0)
    title = " ".join((root.findtext(".//title") or "").split())
    return Document(name if where is None else where.file, title or next(
        (b.text for b in walk.blocks if b.kind == "heading"), ""), walk.blocks, walk.pictures)


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class _Walk:
    def __init__(self, where: Where, budget: TextBudget):
        self.where, self.budget = where, budget
        self.blocks: list[Block] = []
        self.pictures: list[Picture] = []

    def add(self, kind: str, text: str, element, **extra) -> None:
        text = " ".join(text.split())
        if text:
            self.blocks.append(Block(kind, self.budget.take(text), self.where.line(element.sourceline or 1), **extra))

    def element(self, element, depth: int) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        if tag == "img":
            alt, title = element.get("alt", "").strip(), element.get("title", "").strip()
            label = element.get("src", "").rsplit("/", 1)[-1][:80] or "image"
            self.pictures.append(Picture(label, self.where.line(element.sourceline or 1),
                                         self.budget.take(alt), self.budget.take(title)))
            return
        if tag in _HEADINGS:
            self.add("heading", element.text_content(), element, level=_HEADINGS[tag])
        elif tag == "li":
            self.item(element, depth)
        elif tag == "tr":
            cells = [" ".join(cell.text_content().split()) for cell in element if cell.tag in ("td", "th")]
            self.add("row", " | ".join(cell for cell in cells if cell), element)
        elif tag in _PARAGRAPHS or not _has_blocks(element):
            self.add("paragraph", element.text_content(), element, strong=_all_strong(element))
            for image in element.iter("img"):
                self.element(image, depth)
        else:
            self.loose_text(element)
            for child in element:
                self.element(child, depth + (tag in ("ul", "ol")))

    def item(self, element, depth: int) -> None:
        parent = element.getparent()
        marker = "bullet"
        if parent is not None and parent.tag == "ol":
            marker = "letter" if parent.get("type", "1") in ("a", "A") else "number"
        own = [element.text or ""] + [_inline_text(child) for child in element if child.tag not in ("ul", "ol")]
        self.add("item", " ".join(own), element, level=max(depth - 1, 0), marker=marker,
                 strong=_all_strong(element))
        for child in element:
            if child.tag in ("ul", "ol"):
                self.element(child, depth)

    def loose_text(self, element) -> None:
        """Text that sits directly in a container beside block children."""
        loose = [element.text or ""] + [child.tail or "" for child in element]
        if "".join(loose).strip():
            self.add("paragraph", " ".join(loose), element)


def _inline_text(element) -> str:
    return element.text_content() + (element.tail or "")


def _has_blocks(element) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element.iterdescendants())


def _all_strong(element) -> bool:
    text = " ".join(element.text_content().split())
    strong = " ".join(" ".join(child.text_content() for child in element.iter("strong", "b")).split())
    return bool(text) and strong == text
