"""Documents by their headings: modules, objectives, activities with debriefs, quizzes, references.

A lesson plan, a PDF or a web page is a flow of blocks. Headings that name a kind of section
(:func:`~vetkit.importers.cues.section_kind`: "Learning objectives", "Activity 2: Role play",
"Knowledge check", "References"...) give that section's blocks their meaning; other headings
at the top level give modules, and deeper ones the module's outline.
"""

from __future__ import annotations

import re

from . import cues
from .builder import CourseBuilder, Module
from .model import Block, Choice, Document, Question, Quiz


def add_document(builder: CourseBuilder, document: Document, *, module: Module | None = None) -> None:
    """Add what ``document`` teaches to the course; with ``module``, all of it belongs to that module."""
    _Walk(builder, document, module).run()


class _Walk:
    def __init__(self, builder: CourseBuilder, document: Document, module: Module | None):
        self.builder, self.document = builder, document
        self.fixed = module
        self.module = module
        self.module_level, self.title_block = _levels(document.blocks)
        self.headed = any(b.kind == "heading" and 0 < b.level <= self.module_level and b is not self.title_block
                          and cues.section_kind(b.text) is None for b in document.blocks)
        self.section: _Section | None = None

    def run(self) -> None:
        for block in self.document.blocks:
            if block.kind == "heading" and self._heading(block):
                continue
            if self.section is not None:
                self.section.blocks.append(block)
            else:
                self._body(block)
        self._close()

    # -- headings ----------------------------------------------------------------------------------

    def _heading(self, block: Block) -> bool:
        """Handle a heading; False when it belongs to the section that is open (a sub-heading there)."""
        if block.level == 0 or block is self.title_block:
            if not self.builder.title:
                self.builder.title = cues.without_duration(block.text)
            return True
        kind = cues.section_kind(block.text)
        if self.section is not None and block.level > self.section.level:
            if kind == "debrief" and self.section.kind == "activity":
                self.section.debrief_from = len(self.section.blocks)
            self.section.blocks.append(block)
            return True
        self._close()
        if kind is None:
            if self.fixed is None and block.level <= self.module_level:
                self.module = self.builder.module(cues.without_duration(block.text), block.origin,
                                                  cues.heading_minutes(block.text))
            else:
                self._current_module(block).add_heading(cues.without_duration(block.text))
            return True
        self.section = _Section(kind, block, self._in_module(block))
        return True

    def _in_module(self, block: Block) -> bool:
        return self.module is not None and (self.fixed is not None or block.level > self.module_level)

    def _current_module(self, block: Block) -> Module:
        if self.module is None:
            title = self.document.title or self.builder.title or block.text
            self.module = self.builder.module(title, block.origin)
        return self.module

    # -- content ------------------------------------------------------------------------------------

    def _body(self, block: Block) -> None:
        if self.module is None and self.headed:  # the front matter before the first module
            self.builder.description.append(("\n\n", block.text, block.origin))
            return
        self._current_module(block)
        minutes = cues.labelled_minutes(block.text)
        if minutes is not None and self.module.minutes is None and not self.module.parts:
            self.module.minutes = minutes
            return
        self.module.add_text(block.text, block.origin, "\n" if block.kind in ("item", "row") else "\n\n")

    def _close(self) -> None:
        section, self.section = self.section, None
        if section is None:
            return
        handler = getattr(self, f"_{section.kind}")
        handler(section)

    def _objectives(self, section: "_Section") -> None:
        scope = cues.objective_scope(section.heading.text) or ("module" if section.in_module else "course")
        module = self.module if scope == "module" else None
        if scope == "module" and module is None:
            scope = "course"
        listed = any(block.kind == "item" for block in section.blocks)
        found = False
        for block in section.blocks:
            text = cues.strip_bullet(block.text)
            if block.kind == "heading" or not text or text.endswith(":") or len(text.split()) < 3:
                continue
            if listed and block.kind != "item":  # a list of objectives, then prose about them
                self._current_module(section.heading).add_text(block.text, block.origin)
                continue
            self.builder.objective(text, block.origin, module, scope)
            found = True
        if not found:
            self._as_text(section)

    def _activity(self, section: "_Section") -> None:
        heading = section.heading
        module = self._current_module(heading)
        minutes = cues.heading_minutes(heading.text)
        split = section.debrief_from if section.debrief_from is not None else len(section.blocks)
        parts, debrief, debrief_minutes = [], None, None
        for index, block in enumerate(section.blocks):
            in_debrief = index >= split
            text = block.text
            label = re.match(r"^\s*de-?brief(?:ing)?\s*[:\-–]\s*", text, re.IGNORECASE)
            if label and not in_debrief:
                split, in_debrief = index, True
                text = text[label.end():].strip()
            if in_debrief:
                debrief = debrief if debrief is not None else []
                if block.kind == "heading":
                    debrief_minutes = debrief_minutes or cues.heading_minutes(text)
                    continue
                stated = cues.labelled_minutes(text)
                if stated is not None and debrief_minutes is None:
                    debrief_minutes = stated
                    continue
                if text:
                    debrief.append(("\n\n" if block.kind == "paragraph" else "\n", text, block.origin))
                continue
            stated = cues.labelled_minutes(text)
            if stated is not None and minutes is None:
                minutes = stated
                continue
            if block.kind != "heading":
                parts.append(("\n\n" if block.kind == "paragraph" else "\n", text, block.origin))
        self.builder.activity(cues.without_duration(heading.text), cues.activity_type(heading.text), minutes,
                              module, heading.origin, parts, debrief, debrief_minutes)

    def _debrief(self, section: "_Section") -> None:
        self._as_text(section)

    def _assessment(self, section: "_Section") -> None:
        questions = parse_questions(section.blocks)
        if not questions:
            self._as_text(section)
            return
        quiz = Quiz(cues.without_duration(section.heading.text), section.heading.origin, questions)
        self.builder.assessment(quiz, self.module)

    def _references(self, section: "_Section") -> None:
        for block in section.blocks:
            line = cues.strip_bullet(block.text)
            if block.kind != "heading" and line and not line.endswith(":"):
                self.builder.reference(line, block.origin)

    def _purpose(self, section: "_Section") -> None:
        self.builder.purpose += [("\n\n", b.text, b.origin) for b in section.blocks if b.kind != "heading"]

    def _description(self, section: "_Section") -> None:
        if section.in_module:
            self._as_text(section)
            return
        for block in section.blocks:
            minutes = cues.labelled_minutes(block.text)
            if minutes is not None and self.builder.total_minutes is None:
                self.builder.total_minutes = minutes
            elif block.kind != "heading":
                self.builder.description.append(("\n\n", block.text, block.origin))

    def _prerequisites(self, section: "_Section") -> None:
        self.builder.prerequisites += [cues.strip_bullet(b.text) for b in section.blocks
                                       if b.kind != "heading" and cues.strip_bullet(b.text)]

    def _front(self, section: "_Section") -> None:
        stated = [cues.labelled_minutes(b.text) for b in section.blocks]
        self.builder.notes.append(f"not imported: section “{section.heading.text}” ({section.heading.origin.label}); "
                                  "what it says about the audience belongs in audience.roles")
        if self.builder.total_minutes is None and any(m is not None for m in stated):
            self.builder.total_minutes = next(m for m in stated if m is not None)

    def _as_text(self, section: "_Section") -> None:
        module = self._current_module(section.heading)
        module.add_heading(cues.without_duration(section.heading.text))
        for block in section.blocks:
            if block.kind == "heading":
                module.add_heading(cues.without_duration(block.text))
            else:
                module.add_text(block.text, block.origin, "\n" if block.kind in ("item", "row") else "\n\n")


class _Section:
    def __init__(self, kind: str, heading: Block, in_module: bool):
        self.kind, self.heading, self.in_module = kind, heading, in_module
        self.level = heading.level
        self.blocks: list[Block] = []
        self.debrief_from: int | None = None


def _levels(blocks) -> tuple[int, Block | None]:
    """The heading level of modules, and the heading that is the document's title (if one is)."""
    plain = [b for b in blocks if b.kind == "heading" and b.level > 0 and cues.section_kind(b.text) is None]
    if not plain:
        return 1, None
    top = min(b.level for b in plain)
    at_top = [b for b in plain if b.level == top]
    headings = [b for b in blocks if b.kind == "heading" and b.level > 0]
    deeper = [b.level for b in plain if b.level > top]
    if len(at_top) == 1 and headings[0] is at_top[0] and deeper:
        return min(deeper), at_top[0]
    return top, None


# -- quizzes ----------------------------------------------------------------------------------------

_LETTERS_ONLY = re.compile(r"^\(?[A-Ha-h]\)?(?:\s*(?:,|and|&)\s*\(?[A-Ha-h]\)?)*\.?$")


def parse_questions(blocks) -> list[Question]:
    """Numbered items with lettered choices; keys marked on a choice, in an ``Answer:`` line or an answer key."""
    questions: list[dict] = []
    key_lines: dict[int, list[int]] = {}
    in_key = False
    for block in blocks:
        text = block.text.strip()
        if re.match(r"^answer\s+key\b", text, re.IGNORECASE) or (block.kind == "heading" and "answer" in text.lower()):
            in_key = True
            continue
        if in_key:
            match = cues.ANSWER_KEY_LINE.match(text)
            if match:
                key_lines[int(match.group("number"))] = cues.letters(match.group("letters"))
            continue
        if block.kind == "heading":
            continue
        current = questions[-1] if questions else None
        answer = cues.ANSWER.match(text)
        if answer and current is not None:
            current["answer"] = answer.group("text").strip()
            continue
        choice = cues.CHOICE.match(text)
        listed_choice = block.kind == "item" and (block.marker == "letter" or block.level >= 1)
        if current is not None and (choice or listed_choice):
            choice_text, marked = cues.marked_correct(choice.group("text") if choice else text)
            current["choices"].append(Choice(choice_text, True if marked or block.strong else None))
            continue
        question = cues.QUESTION.match(text)
        if question or (block.kind == "item" and block.level == 0 and block.marker != "bullet"):
            prompt = question.group("text").strip() if question else text
            number = int(question.group("number")) if question else len(questions) + 1
            questions.append({"prompt": prompt, "origin": block.origin, "choices": [], "answer": "",
                              "number": number})
        elif current is not None and not current["choices"]:
            current["prompt"] += " " + text
    return [_question(q, key_lines.get(q["number"])) for q in questions]


def _question(raw: dict, keyed: list[int] | None) -> Question:
    choices = list(raw["choices"])
    named = keyed
    if choices and named is None and raw["answer"]:
        if _LETTERS_ONLY.match(raw["answer"]):
            named = cues.letters(raw["answer"])
        else:
            wanted = raw["answer"].lower().strip(" .")
            named = [i for i, choice in enumerate(choices) if choice.text.lower().strip(" .") == wanted]
    if named:
        choices = [Choice(choice.text, index in named) for index, choice in enumerate(choices)]
    answer = raw["answer"] if not choices else ""
    return Question(raw["prompt"], raw["origin"], choices, answer, multiple=bool(named and len(named) > 1))
