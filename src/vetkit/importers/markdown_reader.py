"""Markdown pages (.md) through markdown-it-py (CommonMark, with tables): blocks with their line numbers."""

from __future__ import annotations

from . import cues
from .limits import ImportLimits, TextBudget, refuse
from .model import Block, Document, Picture, Where


def read(data: bytes, name: str, limits: ImportLimits, *, where: Where | None = None) -> Document:
    """The page in ``data`` as headings, paragraphs, list items and table rows."""
    from markdown_it import MarkdownIt

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(name, f"is not UTF-8 text (byte {error.start})", hint="save it as UTF-8",
                     code="encoding") from None
    if not text.strip():
        raise refuse(name, "is empty", code="empty")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    where = where or Where(name)
    budget = TextBudget(name, limits)
    blocks: list[Block] = []
    pictures: list[Picture] = []
    lists: list[str] = []  # "number" or "bullet", innermost last
    pending: tuple[str, int, dict] | None = None
    row: list[str] = []
    row_line = 1
    for index, token in enumerate(tokens):
        kind = token.type
        line = token.map[0] + 1 if token.map else 1
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("number" if kind == "ordered_list_open" else "bullet")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            pending = ("heading", line, {"level": int(token.tag[1])})
        elif kind == "paragraph_open":
            if lists and tokens[index - 1].type == "list_item_open":
                pending = ("item", line, {"level": len(lists) - 1, "marker": lists[-1]})
            else:
                pending = ("paragraph", line, {})
        elif kind == "tr_open":
            row, row_line = [], line
        elif kind == "inline" and token.children is not None:
            content, strong = _inline(token.children, pictures, where, line, budget)
            if pending is None and tokens[index - 1].type in ("th_open", "td_open"):
                row.append(content)
                continue
            if pending is not None:
                block_kind, at, extra = pending
                for offset, piece in _lines(content, block_kind):
                    blocks.append(Block(block_kind if offset == 0 else "paragraph", budget.take(piece),
                                        where.line(at + offset), **(extra if offset == 0 else {}),
                                        strong=strong))
                pending = None
        elif kind == "tr_close" and any(row):
            blocks.append(Block("row", budget.take(" | ".join(cell for cell in row if cell)), where.line(row_line)))
        elif kind in ("fence", "code_block") and token.content.strip():
            blocks.append(Block("paragraph", budget.take(" ".join(token.content.split())), where.line(line)))
    title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "")
    return Document(where.file, title, blocks, pictures)


def _inline(children, pictures: list[Picture], where: Where, line: int, budget: TextBudget) -> tuple[str, bool]:
    """The inline tokens' text (soft breaks kept as new lines) and whether all of it is bold."""
    parts: list[str] = []
    strong_depth, strong_text, plain_text = 0, [], []
    for child in children:
        if child.type == "strong_open":
            strong_depth += 1
        elif child.type == "strong_close":
            strong_depth -= 1
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
            (strong_text if strong_depth else plain_text).append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            alt = " ".join(child.content.split())
            src = str(child.attrs.get("src", ""))
            pictures.append(Picture(src.rsplit("/", 1)[-1][:80] or "image", where.line(line), budget.take(alt),
                                    budget.take(str(child.attrs.get("title") or ""))))
    return "".join(parts), bool(strong_text) and not "".join(plain_text).strip()


def _lines(content: str, kind: str) -> list[tuple[int, str]]:
    """The block's text, split where a line starts a quiz item or choice (a question written as one paragraph)."""
    pieces: list[tuple[int, str]] = []
    for offset, line in enumerate(content.split("\n")):
        line = " ".join(line.split())
        if not line:
            continue
        starts = cues.CHOICE.match(line) or cues.QUESTION.match(line) or cues.ANSWER.match(line)
        if pieces and not starts:
            pieces[-1] = (pieces[-1][0], f"{pieces[-1][1]} {line}")
        else:
            pieces.append((offset, line))
    return pieces if kind != "heading" else [(0, " ".join(content.split()))]
