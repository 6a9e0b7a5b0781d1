"""Reading an objective's verb (vetting guidelines §4.5): strip the boilerplate, classify the first verb.

``read_objective("1. **Given a scenario**, participants will be able to identify ...")`` strips
numbering, Markdown, a leading condition clause, the subject with its modal ("participants
will") and "be able to", then classifies what is left by its first verb or vague phrase.
The word lists are data (``data/verbs.yaml``); this module only knows how to read them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping, NamedTuple

from attrs import evolve, frozen

from .tables import table

MEASURABLE, VAGUE, REVIEW, UNKNOWN = "measurable", "vague", "review", "unknown"

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<![A-Za-z0-9])[*_]+|[*_]+(?![A-Za-z0-9])|`|^#+\s*|<[^>]+>")
_NUMBERING = re.compile(
    r"""^\s*(?:
        [-*+•–—]\s+                                   # a bullet
      | \(?\d+(?:\.\d+)*[.):]?\s+                     # 1.  1)  (1)  1.2
      | \(?[a-zA-Z][.)]\s+                            # a)  a.  (b)
      | \(?(?:[ivx]+|[IVX]+)[.)]\s+                   # iv)  II.
      | (?:(?:learning|performance|terminal|enabling|course|module|lesson)\s+)?
        (?:objective|outcome|goal)s?\s*[A-Za-z]?\d*(?:\.\d+)*\s*[:.)\-–—]\s*   # Objective 2:
      | (?:[TE]?LOs?|PO|O)\s*-?\s*\d+(?:\.\d+)*\s*[:.)\-–—]?\s+  # LO 1.2  TLO-3:  O1
    )""", re.X | re.I)
_LEADING_JUNK = re.compile(r"^[\s:;,.\-–—•*\"'“”‘’(\[]+")
_SENTENCE_END = re.compile(r"[.;:!?]")


class _Word(NamedTuple):
    text: str  # lower case, curly apostrophes made straight
    start: int
    end: int


@frozen
class VerbReading:
    """What an objective (or a declared ``verb``) says the learner will do.

    ``kind`` is ``measurable``, ``vague``, ``review`` (an activity word a reviewer should
    judge) or ``unknown``; ``verb`` is the table entry that matched ("identify",
    "gain ... understanding") or the unrecognised word; ``words`` is the text as written.
    """

    kind: str
    verb: str
    words: str
    bloom: str | None = None
    condition: str = ""  # a leading clause such as "Given a roll-call scenario"
    core: str = ""  # the objective after the boilerplate
    hint: str = ""  # for review and unknown readings: what a reviewer should know


@frozen
class _Lexicon:
    measurable: Mapping[str, str]  # verb -> Bloom level
    review: Mapping[str, str]  # word -> why a reviewer should look
    review_phrases: tuple[tuple[tuple[str, ...], str], ...]  # phrase before a measurable verb -> why
    adverbs: frozenset[str]  # words skipped before the verb besides those in -ly
    vague: tuple[tuple[str, ...], ...]  # phrases as words, longest first
    subjects: tuple[tuple[str, ...], ...]
    determiners: frozenset[str]
    modals: frozenset[str]
    ability: tuple[tuple[str, ...], ...]
    openers: tuple[tuple[str, ...], ...]
    time_words: frozenset[str]
    unit_words: frozenset[str]
    condition_markers: tuple[str, ...]
    criterion_markers: tuple[str, ...]
    needs_condition: frozenset[str]
    joiners: re.Pattern


def _phrases(values) -> tuple[tuple[str, ...], ...]:
    """Phrases as word tuples: most concrete words first, then those without "..." wildcards."""
    return tuple(sorted({tuple(value.lower().split()) for value in values},
                        key=lambda p: (-sum(w != "..." for w in p), "..." in p, p)))


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The verb tables of ``data/verbs.yaml``, prepared for matching."""
    raw = table("verbs")
    joiners = sorted(raw["joiners"], key=len, reverse=True)
    return _Lexicon(
        measurable={**raw["measurable"], **raw["measurable_more"]},
        review=dict(raw["review"]),
        review_phrases=tuple((phrase, raw["review_phrases"][" ".join(phrase)])
                             for phrase in _phrases(raw["review_phrases"])),
        adverbs=frozenset(raw["leading_adverbs"]),
        vague=_phrases([*raw["vague"], *raw["vague_more"]]),
        subjects=_phrases(raw["subjects"]),
        determiners=frozenset(raw["subject_determiners"]),
        modals=frozenset(raw["modals"]),
        ability=_phrases(raw["ability_phrases"]),
        openers=_phrases(raw["condition_openers"]),
        time_words=frozenset(raw["time_words"]),
        unit_words=frozenset(raw["unit_words"]),
        condition_markers=tuple(raw["condition_markers"]),
        criterion_markers=tuple(raw["criterion_markers"]),
        needs_condition=frozenset(raw["needs_condition"]),
        joiners=re.compile("|".join(r"\s*;\s*" if j == ";" else r"\s+" + r"\s+".join(j.split()) + r"\s+"
                                    for j in joiners), re.I),
    )


# -- words ----------------------------------------------------------------------------------

def _words(text: str) -> list[_Word]:
    return [_Word(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(text)]


def forms(word: str) -> list[str]:
    """The word and the base forms it may be inflected from ("identifies" -> "identify")."""
    word = word.lower().replace("’", "'")
    found = [word]
    if word.endswith(("ies", "ied")):
        found.append(word[:-3] + "y")
    for suffix in ("es", "s", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            found.append(stem)
            if suffix in ("ed", "ing"):
                found.append(stem + "e")
                if stem[-1] == stem[-2]:
                    found.append(stem[:-1])  # planned, planning -> plan
    found += [f.replace("ise", "ize").replace("yse", "yze") for f in found if "ise" in f or "yse" in f]
    return found


def _match(words: list[str], phrase: tuple[str, ...]) -> int:
    """How many words at the start of ``words`` the phrase covers (0: no match); "..." skips up to 3."""
    def walk(w: int, p: int) -> int:
        if p == len(phrase):
            return w
        if phrase[p] == "...":
            for skip in range(0, 4):
                end = walk(w + skip, p + 1) if w + skip <= len(words) else 0
                if end:
                    return end
            return 0
        if w < len(words) and phrase[p] in forms(words[w]):
            return walk(w + 1, p + 1)
        return 0
    return walk(0, 0)


def _starts_with(text: str, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The end offset in ``text`` of the longest phrase it starts with (0: none), words compared as written."""
    words = _words(text)
    if not words or text[: words[0].start].strip():
        return 0
    lowered = [w.text for w in words]
    for phrase in phrases:
        if tuple(lowered[: len(phrase)]) == phrase:
            return words[len(phrase) - 1].end
    return 0


# -- classification -------------------------------------------------------------------------

def classify(text: str) -> VerbReading:
    """Classify the first verb (or vague phrase) of ``text``, which starts where the verb should be."""
    lex = lexicon()
    words = _words(text)
    if not words:
        return VerbReading(UNKNOWN, "", "", hint="no verb is left once the boilerplate is removed")
    lowered = [w.text for w in words]
    for phrase, why in lex.review_phrases:
        covered = _match(lowered, phrase)
        if covered and covered < len(words):
            then = classify(text[words[covered].start:])
            if then.kind == MEASURABLE:
                return VerbReading(REVIEW, " ".join(phrase), text[words[0].start:words[covered].end],
                                   hint=f"'{text[words[0].start:words[covered].end]}' {why}")
    for phrase in lex.vague:
        covered = _match(lowered, phrase)
        if covered:
            written = text[words[0].start:words[covered - 1].end]
            rest = text[words[covered - 1].end:]
            joined = lex.joiners.match(rest) or re.match(r"\s*,\s*", rest)
            if joined and covered < len(words):
                then = classify(rest[joined.end():])
                if then.kind == MEASURABLE:  # "understand and apply": the measurable part may carry it
                    return VerbReading(REVIEW, " ".join(phrase), written, hint=(
                        f"'{written}' names no observable action, but the objective also asks learners to "
                        f"'{then.words}'"))
            return VerbReading(VAGUE, " ".join(phrase), written)
    first = words[0]
    written = text[first.start:first.end]
    for form in forms(first.text):
        if form in lex.measurable:
            return VerbReading(MEASURABLE, form, written, bloom=lex.measurable[form])
        if form in lex.review:
            return VerbReading(REVIEW, form, written, hint=f"'{written}' {lex.review[form]}")
    if len(words) > 1 and (first.text in lex.adverbs or (first.text.endswith("ly") and not first.text.endswith("ply"))):
        then = classify(text[words[1].start:])  # "effectively identify", "better understand"
        if then.kind != UNKNOWN:
            return evolve(then, words=text[first.start:words[1].start] + then.words)
    later = next((w for w in words[1:8] if any(f in lex.measurable for f in forms(w.text))), None)
    hint = f"'{written}' is neither a measurable nor a vague verb"
    if later is not None:
        hint += f"; the first known verb is '{text[later.start:later.end]}', further on"
    return VerbReading(UNKNOWN, first.text, written, hint=hint)


def read_objective(text: str) -> VerbReading:
    """Strip the boilerplate from an objective's text and classify its first verb."""
    core, condition = strip_boilerplate(text)
    return evolve(classify(core), condition=condition, core=core)


def read_declared(verb: str) -> VerbReading:
    """Classify a declared ``objectives[].verb`` ("identify", "Be aware of", "identifies")."""
    core, _ = strip_boilerplate(verb)
    return evolve(classify(core), core=core)


# -- boilerplate ----------------------------------------------------------------------------

def clean(text: str) -> str:
    """The text without Markdown links, emphasis, code marks and heading marks."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()


def strip_boilerplate(text: str) -> tuple[str, str]:
    """(the objective from its verb on, the leading condition clause if any)."""
    current, conditions = clean(text), []
    for _ in range(10):
        before = current
        current = _strip_numbering(current)
        current, clause = _strip_condition(current)
        if clause and not _is_time_clause(clause):
            conditions.append(clause)
        current = _strip_ability(_strip_subject(current))
        if current == before:
            break
    return current.strip(), "; ".join(conditions)


def _strip_numbering(text: str) -> str:
    while True:
        stripped = _LEADING_JUNK.sub("", _NUMBERING.sub("", text, count=1), count=1)
        if stripped == text:
            return text
        text = stripped


def _recognised(text: str) -> bool:
    return classify(text).kind != UNKNOWN


def _strip_condition(text: str) -> tuple[str, str]:
    """Drop "Given a scenario," (up to the comma after which the verb or another such clause comes)."""
    openers = lexicon().openers
    if not _starts_with(text, openers):
        return text, ""
    for comma in re.finditer(",", text[:300]):
        rest = text[comma.end():]
        if _starts_with(rest.lstrip(), openers) or _recognised(_strip_ability(_strip_subject(_strip_numbering(rest)))):
            return rest, text[: comma.start()].strip()
    return text, ""


def _is_time_clause(clause: str) -> bool:
    """"By the end of this module" says when, not under which conditions."""
    lex = lexicon()
    words = {w.text for w in _words(clause)}
    return bool(words & lex.time_words) and bool(words & lex.unit_words)


def _strip_subject(text: str) -> str:
    """Drop "Participants will", "By the end of the course, the learner should", "Officers"."""
    if _recognised(text):
        return text
    lex = lexicon()
    words = _words(text)
    for word in words[:16]:
        if _SENTENCE_END.search(text, 0, word.start):
            break
        if word.text in lex.modals or word.text.endswith("'ll"):  # will, should, you'll
            return text[word.end:]
        ability = _starts_with(text[word.start:], lex.ability)
        if ability and word.text in ("are", "is"):  # "Patrol officers are able to"
            return text[word.start + ability:]
    start = 1 if words and words[0].text in lex.determiners else 0
    end = _starts_with(text[words[start].start:], lex.subjects) if len(words) > start else 0
    return text[words[start].start + end:] if end else text


def _strip_ability(text: str) -> str:
    """Drop "be able to", "have the ability to", "to" before the verb."""
    end = _starts_with(text.lstrip(), lexicon().ability)
    return text.lstrip()[end:] if end else text


# -- what else the text says ----------------------------------------------------------------

def compound_verbs(core: str) -> tuple[str, ...]:
    """Measurable verbs of an objective that joins two or more with "and" or ";" (else empty).

    "Identify and document indicators" -> ("identify", "document"). Verbs after a joiner count
    only in their base form ("and using" is a detail, not a second objective) and not before
    "of" ("and use of force").
    """
    lex = lexicon()
    parts = lex.joiners.split(core)
    if len(parts) < 2:
        return ()
    first = classify(core)
    verbs = [first.verb] if first.kind == MEASURABLE else []
    joined = False
    for index, part in enumerate(parts):
        pieces = part.split(",")
        for number, piece in enumerate(pieces):
            if index == 0 and number == 0:
                continue
            if number == 0 and _ends_in_infinitive(parts[index - 1]):
                continue  # "to prevent and respond to": two verbs of one infinitive, not two objectives
            verb = _base_verb(piece)
            if verb:
                verbs.append(verb)
                joined = joined or (index > 0 and number == 0)
    unique = tuple(dict.fromkeys(verbs))
    return unique if joined and len(unique) >= 2 else ()


def _ends_in_infinitive(part: str) -> bool:
    words = _words(part)
    return len(words) >= 2 and words[-2].text == "to"


def _base_verb(piece: str) -> str | None:
    text = _strip_ability(re.sub(r"^\s*(?:then|also|finally|to)\b", "", piece.strip(), flags=re.I))
    words = _words(text)
    if not words or text[: words[0].start].strip():
        return None
    word = words[0].text.replace("ise", "ize").replace("yse", "yze")
    if word not in lexicon().measurable or (len(words) > 1 and words[1].text == "of"):
        return None
    return word


def states_condition_or_criterion(text: str) -> bool:
    """Whether the text itself names a condition ("given", "using") or a criterion ("three", "80%")."""
    lex = lexicon()
    lowered = " " + " ".join(w.text for w in _words(text)) + " "
    if "%" in text or re.search(r"\d", text):
        return True
    return any(f" {marker} " in lowered for marker in (*lex.condition_markers, *lex.criterion_markers))

