"""PDF handouts and plans through pypdfium2: text by page, headings from font size and weight.

pypdfium2 (PDFium, the engine of Chrome's PDF viewer) was chosen by measurement on PDFs whose
words are known: every word in reading order (word accuracy 1.000, as pypdf) in a quarter to a
sixth of pypdf's time and about a hundredth of pdfplumber's, which also interleaves two-column
pages line by line (accuracy 0.54); ``bench/pdf_libraries.py`` prints the figures.

A line is a heading when its font is clearly larger than the body text's, or bold where the
body is not, and it is short and does not end like a sentence. Larger sizes are higher levels.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter

from .limits import ImportLimits, TextBudget, refuse
from .model import Block, Document, Where

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(?:[•◦▪●○■\-–*·]|\d{1,3}[.)]|[a-hA-H][.)]|\([a-hA-H0-9]{1,3}\))\s+")


def read(data: bytes, name: str, limits: ImportLimits, *, where: Where | None = None) -> Document:
    """The PDF in ``data`` (the bytes of ``name``) as headings and paragraphs, page by page."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise refuse(name, "is an encrypted PDF that needs a password to open",
                         hint="save an unprotected copy (print to PDF) and import that", code="encrypted") from None
        raise refuse(name, f"is not a PDF vetkit can read ({error})",
                     hint="the file is corrupt or truncated; export it again") from None
    try:
        pages = len(pdf)
        if pages > limits.max_pages:
            raise refuse(name, f"has {pages:,} pages, more than the {limits.max_pages:,} vetkit imports",
                         hint="split the document", code="limit")
        lines = _lines(pdf, pages, TextBudget(name, limits))
        title = (pdf.get_metadata_dict(skip_empty=True).get("Title") or "").strip()
    finally:
        pdf.close()
    where = where or Where(name)
    blocks = _blocks(lines, where)
    return Document(where.file, title or next((b.text for b in blocks if b.kind == "heading"), ""), blocks)


class _Line:
    __slots__ = ("page", "number", "text", "size", "bold", "top")

    def __init__(self, page, number, text, size, bold, top):
        self.page, self.number, self.text, self.size, self.bold, self.top = page, number, text, size, bold, top


def _lines(pdf, pages: int, budget: TextBudget) -> list[_Line]:
    import pypdfium2.raw as raw

    lines: list[_Line] = []
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    for index in range(pages):
        page = pdf[index]
        textpage = page.get_textpage()
        text = budget.take(textpage.get_text_range())
        offset, number = 0, 0
        for raw_line in text.split("\r\n"):
            start = offset + len(raw_line) - len(raw_line.lstrip())
            offset += len(raw_line) + 2
            line = " ".join(raw_line.split())
            if not line:
                continue
            number += 1
            size = round(raw.FPDFText_GetFontSize(textpage.raw, start), 1)
            raw.FPDFText_GetFontInfo(textpage.raw, start, name, len(name), ctypes.byref(flags))
            bold = raw.FPDFText_GetFontWeight(textpage.raw, start) >= 600 or bool(_BOLD_NAME.search(
                name.value.decode("latin-1", "replace")))
            raw.FPDFText_GetCharBox(textpage.raw, start, left, right, bottom, top)
            lines.append(_Line(index + 1, number, line, size, bold, top.value))
        textpage.close()
        page.close()
    return lines


def _blocks(lines: list[_Line], where: Where) -> list[Block]:
    """Lines joined into paragraphs and list items; heading lines marked with their level."""
    if not lines:
        return []
    weights = Counter()
    for line in lines:
        weights[(line.size, line.bold)] += len(line.text)
    body_size, body_bold = weights.most_common(1)[0][0]
    heading_sizes = sorted({line.size for line in lines if _is_heading(line, body_size, body_bold)}, reverse=True)
    blocks: list[Block] = []
    previous: _Line | None = None
    for line in lines:
        origin = where.at(f"page {line.page}, line {line.number}")
        if _is_heading(line, body_size, body_bold):
            level = heading_sizes.index(line.size) + 1
            if previous is not None and blocks and blocks[-1].kind == "heading" and _continues(previous, line) \
                    and previous.size == line.size:
                blocks[-1] = Block("heading", f"{blocks[-1].text} {line.text}", blocks[-1].origin, level=level)
            else:
                blocks.append(Block("heading", line.text, origin, level=level))
        elif _ITEM.match(line.text):
            blocks.append(Block("item", line.text, origin, strong=line.bold and not body_bold))
        elif blocks and blocks[-1].kind in ("paragraph", "item") and previous is not None and _continues(previous, line):
            last = blocks[-1]
            joined = last.text[:-1] + line.text if last.text.endswith("-") else f"{last.text} {line.text}"
            blocks[-1] = Block(last.kind, joined, last.origin, last.level, last.marker, last.strong)
        else:
            blocks.append(Block("paragraph", line.text, origin, strong=line.bold and not body_bold))
        previous = line
    return blocks


def _is_heading(line: _Line, body_size: float, body_bold: bool) -> bool:
    short = len(line.text.split()) <= 14 and not re.search(r"[.;,]$", line.text)
    larger = line.size >= body_size * 1.15
    return short and (larger or (line.bold and not body_bold and line.size >= body_size))


def _continues(previous: _Line, line: _Line) -> bool:
    """True when ``line`` follows ``previous`` closely on the same page (the same paragraph)."""
    gap = previous.top - line.top
    return previous.page == line.page and 0 < gap <= max(previous.size, line.size, 1.0) * 1.8
