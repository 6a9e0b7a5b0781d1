"""QTI assessments (1.2, as Common Cartridge uses; 2.x, as many SCORM packages do): items, choices, keys.

XML goes through defusedxml with DTDs forbidden, so no entity is ever expanded or fetched.
"""

from __future__ import annotations

from typing import Callable

from .limits import refuse
from .model import Choice, Question, Quiz, Where


def parse_xml(data: bytes, name: str, part: str):
    """An XML part parsed safely (no DTD, no entities, no external references)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise refuse(name, f"its part `{part}` declares a DTD or XML entities, which can expand without bound or "
                           "read other files; a genuine package never does", code="hostile",
                     hint="do not import this file; ask for a copy exported by the LMS") from None
    except (ParseError, ValueError) as error:
        raise refuse(name, f"its part `{part}` is not well-formed XML ({error})",
                     hint="the package is corrupt or truncated; export it again") from None


def local(element) -> str:
    """The element's name without its namespace."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def children(element, name: str) -> list:
    """Direct children with this local name."""
    return [child for child in element if local(child) == name]


def descendants(element, name: str) -> list:
    """All descendants with this local name, in document order."""
    return [child for child in element.iter() if local(child) == name]


def text(element) -> str:
    """The element's text, HTML markup inside it (QTI's ``mattext`` often holds escaped HTML) reduced to words."""
    if element is None:
        return ""
    raw = "".join(element.itertext())
    if "<" in raw:
        from lxml import html

        try:
            raw = html.fragment_fromstring(raw, create_parent="div").text_content()
        except Exception:  # noqa: BLE001 - malformed markup: keep the characters as they are
            pass
    return " ".join(raw.split())


def read(data: bytes, name: str, part: str, load: Callable[[str], bytes]) -> list[Quiz]:
    """The quizzes in a QTI part; ``load(href)`` reads the items an assessment test refers to."""
    root = parse_xml(data, name, part)
    where = Where(name, part)
    kind = local(root)
    if kind == "questestinterop":
        return _qti1(root, where)
    if kind == "assessmentItem":
        return [Quiz(root.get("title") or part, where.at(""), [_qti2_item(root, where.at("item 1"))])]
    if kind == "assessmentTest":
        questions = []
        for number, reference in enumerate(descendants(root, "assessmentItemRef"), start=1):
            href = reference.get("href", "")
            item = parse_xml(load(href), name, href)
            questions.append(_qti2_item(item, Where(name, href).at(f"item {number}")))
        return [Quiz(root.get("title") or part, where.at(""), questions)] if questions else []
    return []


def _qti1(root, where: Where) -> list[Quiz]:
    quizzes = []
    containers = children(root, "assessment") + children(root, "objectbank") or [root]
    for container in containers:
        items = descendants(container, "item")
        questions = [_qti1_item(item, where.at(f"item {n} “{item.get('title') or item.get('ident') or n}”"))
                     for n, item in enumerate(items, start=1)]
        questions = [q for q in questions if q is not None]
        if questions:
            quizzes.append(Quiz(container.get("title") or where.inner or "Quiz", where.at(""), questions))
    return quizzes


def _qti1_item(item, origin) -> Question | None:
    presentation = next(iter(descendants(item, "presentation")), None)
    if presentation is None:
        return None
    prompt = " ".join(text(m) for m in descendants(presentation, "mattext")
                      if not any(m in descendants(label, "mattext") for label in descendants(presentation,
                                                                                             "response_label")))
    labels = descendants(presentation, "response_label")
    correct = set()
    answers = []
    for condition in descendants(item, "respcondition"):
        sets = [s for s in descendants(condition, "setvar") if _positive(s.text)]
        if not sets:
            continue
        for equal in descendants(condition, "varequal"):
            correct.add((equal.text or "").strip())
            answers.append((equal.text or "").strip())
    if labels:
        choices = [Choice(text(next(iter(descendants(label, "mattext")), None)) or label.get("ident", ""),
                          (label.get("ident") in correct) if correct else None) for label in labels]
        multiple = any(lid.get("rcardinality", "").lower() == "multiple" for lid in descendants(item, "response_lid"))
        return Question(prompt or item.get("title", ""), origin, choices, multiple=multiple)
    return Question(prompt or item.get("title", ""), origin, answer=" or ".join(a for a in answers if a))


def _positive(value: str | None) -> bool:
    try:
        return float((value or "").strip()) > 0
    except ValueError:
        return False


def _qti2_item(item, origin) -> Question:
    correct = {(value.text or "").strip() for declaration in descendants(item, "responseDeclaration")
               for value in descendants(declaration, "value")}
    body = next(iter(descendants(item, "itemBody")), item)
    choices = descendants(body, "simpleChoice")
    prompt_parts = [text(p) for p in descendants(body, "prompt")]
    if not prompt_parts:
        prompt_parts = [text(p) for p in body if local(p) in ("p", "div", "span")]
    prompt = " ".join(part for part in prompt_parts if part) or item.get("title", "")
    if choices:
        interaction = next(iter(descendants(body, "choiceInteraction")), None)
        multiple = interaction is not None and interaction.get("maxChoices", "1") not in ("1",)
        return Question(prompt, origin, [Choice(text(choice), (choice.get("identifier") in correct) if correct
                                                else None) for choice in choices], multiple=multiple)
    return Question(prompt, origin, answer=" or ".join(sorted(correct)))
