"""The context of a hit: how the course uses the words it matched (vetting guidelines §4.0).

Lexical rules find a term in a text field and must then say *how* the course uses it: in its own
voice, quoted, inside a statute citation, in a glossary, while correcting a myth, in a negated
clause, or as part of a title or a proper name. :func:`classify` answers that question for one
hit and returns a :class:`Context`; the answer key of an assessment item can inform it
(:func:`keyed_context`).
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from attrs import field as attr_field
from attrs import frozen

from ..pointers import parent
from ..text import CLAUSE_BREAK, PreparedText, plain_words, prepared

#: Context kinds, from the most lenient to the default. ``classify`` returns the first that applies.
CONTEXT_KINDS = ("title", "myth-correction", "negated", "proper-name", "citation", "glossary", "quoted",
                 "structured-claim", "own-voice")

#: Kinds that make every hit a note (guidelines §4.0, last two rows).
NOTE_KINDS = frozenset({"title", "myth-correction", "negated", "proper-name"})


_NEGATION = re.compile(r"""\b(?:never|not|neither|nor|nobody|no\s+one|rarely|seldom|no\s+longer|cannot|\w+n['’]t
                            |avoid(?:s|ed|ing)?|instead\s+of|rather\s+than|replac(?:e|es|ed|ing)
                            |refrain(?:s|ed|ing)?\s+from|stop(?:s|ped)?\s+(?:using|calling|saying|talking\s+about))\b""",
                       re.IGNORECASE | re.VERBOSE)
#: A negation cue used as a label before a colon: "Avoid:", "Don't say:", "Never use:", "Not this:".
_NEGATION_LABEL = re.compile(r"[\s*_>#-]*(?:(?:never|not|don['’]t|do\s+not|avoid)(?:\s+(?:say|use|write|this|these))?"
                             r"|instead\s+of|no\s+longer\s+(?:say|use))[\s*_]*", re.IGNORECASE)
#: A heading or table-column header that lists wording to retire ("Terms to avoid", "Not this", "Outdated").
_RETIRED_LABEL = re.compile(r"\b(?:retire[sd]?|retiring|outdated|old\s+terms?|stigmatiz\w*|stigmatis\w*|derogatory|offensive)\b",
                            re.IGNORECASE)


def _retired_label(label: str | None) -> bool:
    """Whether a heading or column header says that what it holds is wording to avoid (not myth-based)."""
    return bool(label) and bool(_NEGATION.search(label) or _RETIRED_LABEL.search(label))
_MYTH_MARKERS = re.compile(r"""
    \bmyths?\b | \bmisconceptions?\b | \bmisperceptions?\b | \bmisbeliefs?\b | \bmistaken\s+beliefs?\b
  | \bnot\s+true\b | \buntrue\b | \b(?:isn|aren|wasn)['’]t\s+true\b | \bnot\s+the\s+case\b
  | \bnot\s+(?:required|necessary|needed|an\s+element)\b | \bneed\s+not\b | \bno\s+need\b
  | \b(?:does|do|did)\s+not\s+require | \b(?:doesn|don|didn)['’]t\s+require
  | \bdebunked\b | \bcontrary\s+to\b | \bfacts?\s*: | \breality\s*: | \btruth\s*:
  | (?<!true\sor\s)(?<!true/)\bfalse\s*[:!)] | \b(?:is|are|was|were)\s+false\b | \bin\s+(?:fact|reality)\b | \bthe\s+truth\s+is\b
  | \bincorrect(?:ly)?\b | \b(?:is|are|it['’]s)\s+wrong\b | \bwrong\s+to\b
  | \boutdated\b | \binaccurate\b | \bstigmatis\w* | \bstigmatiz\w* | \bderogatory\b | \boffensive\b
  | \bvictim[-\s]blaming\b | \bdehumaniz\w* | \bmisleading\b | \binappropriate\b | \bslurs?\b | \bavoided\b
  | \bshould\s+(?:not|never)\s+be\s+used\b | \b(?:do\s+not|don['’]t|never)\s+use\b
  | \bdegrading\b | \bdemeaning\b | \bpejorative\b | \bdisrespectful\b
  | \bno\s+(?:reliable|national|nationally\s+representative|credible|good)\s+(?:data|evidence|count|figure|estimate|source)
  | \bno\s+evidence\b | \bunsupported\b | \bnot\s+supported\s+by\b | \b(?:found|find|finds|showed|show|shows)\s+no\b
  | \b(?:many|some|most)\s+(?:people\s+)?(?:assume|believe|think)\b | \bcommonly\s+(?:assumed|believed)\b
  | \bcommon\s+(?:belief|assumption|misunderstanding)\b
""", re.IGNORECASE | re.VERBOSE)
_CONNECTORS = frozenset({"of", "and", "&", "the", "for", "in", "on", "to", "at", "de", "la", "del", "a", "an"})
_NAME_TOKEN = re.compile(r"[^\s\"“”«»()\[\]]+")
_SHORT_FIELD = 280
#: How far (in characters) a statute citation may be from a hit and still make it a citation use.
_CITATION_GAP = 60


@frozen
class Context:
    """How the course uses a hit: its kind (§4.0), the marker that decided it, and a sentence for reviewers.

    ``flags`` lists every kind that applies (``kind`` is the first of them in :data:`CONTEXT_KINDS`).
    """

    kind: str
    marker: str = ""
    explanation: str = ""
    flags: frozenset[str] = attr_field(default=frozenset(), converter=frozenset)

    @property
    def quoted(self) -> bool:
        """The hit is inside double quotes or a block quote."""
        return "quoted" in self.flags

    @property
    def is_note(self) -> bool:
        """A title, proper name, myth correction or negation: every lexicon row gives a note."""
        return self.kind in NOTE_KINDS


_SUBORDINATE = re.compile(r"\b(?:if|when|whenever|unless|because|since|although|though|while|whether|once|after|before)\b",
                          re.IGNORECASE)


def negation_before(text: str, start: int, limit: int) -> re.Match | None:
    """The last negation cue between ``limit`` and ``start`` that is in the same clause as ``start``.

    A cue inside a leading subordinate clause ("If the caller does not speak English, ask ...")
    belongs to that clause, not to the hit after the comma.
    """
    clause_start = limit
    for brk in CLAUSE_BREAK.finditer(text, limit, start):
        if brk.group() == ":" and _NEGATION_LABEL.fullmatch(text, clause_start, brk.start()):
            continue  # "Avoid: child prostitute" - a negation used as a label governs what follows the colon
        clause_start = brk.end()
    last = None
    for cue in _NEGATION.finditer(text, clause_start, start):
        last = cue
    if last is not None and "," in text[last.end():start] and _SUBORDINATE.search(text, clause_start, last.start()):
        return None
    return last


def negation_cues(text: str, start: int, end: int) -> re.Match | None:
    """The first negation cue ("never", "not", "don't", "avoid", "instead of"...) in ``text[start:end]``."""
    return _NEGATION.search(text, start, end)


#: Every marker of _MYTH_MARKERS contains one of these words: a cheap test before the big regex.
_MARKER_WORDS = frozenset("""
    myth myths misconception misconceptions misperception misperceptions misbelief misbeliefs mistaken true untrue
    case required necessary needed element need require requires required debunked contrary fact facts reality
    truth false fact incorrect incorrectly wrong outdated inaccurate blaming degrading demeaning pejorative
    disrespectful derogatory offensive misleading inappropriate slur slurs avoided used use no unsupported
    supported found find finds showed show shows assume believe think commonly common
""".split())


def _marker(text: str, start: int, end: int, extra: Sequence[re.Pattern] = ()) -> str | None:
    words = plain_words(text[start:end])
    found = None
    if _MARKER_WORDS.intersection(words) or any(w.startswith(("stigma", "dehuman")) for w in words):
        found = _MYTH_MARKERS.search(text, start, end)
    best = found.group().strip() if found else None
    for pattern in extra:
        hit = pattern.search(text, start, end)
        if hit and (found is None or hit.start() < found.start()):
            best, found = hit.group().strip(), hit
    return best


def _title_case_line(line: str) -> bool:
    if line.rstrip().endswith((".", "!", "?")):
        return False  # a sentence that holds names ("Call the Rescue Mission shelter on 5th Street.")
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", line) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


#: Characters on each side of a hit within which a name that holds it is looked for. A line longer than
#: this is no title either, and looking no further keeps the work per hit bounded on a long line.
_NAME_REACH = 200


def _proper_name(text: str, start: int, end: int, sentence: tuple[int, int]) -> str | None:
    """The capitalised multi-word name that contains the hit, e.g. "Rescue & Restore"."""
    if not text[start:start + 1].isupper():
        return None
    low, high = max(0, start - _NAME_REACH), min(len(text), end + _NAME_REACH)
    before, after = text.rfind("\n", low, start), text.find("\n", end, high)
    line_start = before + 1 if before != -1 or low == 0 else low
    line_end = after if after != -1 else high
    whole_line = (before != -1 or low == 0) and (after != -1 or high == len(text))
    if whole_line and _title_case_line(text[line_start:line_end]):
        return None
    tokens = [(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text, line_start, line_end)]
    inside = [i for i, (s, e, _) in enumerate(tokens) if e > start and s < end]
    if not inside:
        return None

    def capital(token: str) -> bool:
        core = token.strip(".,;:!?'’")
        return bool(core) and (core[0].isupper() or core[0].isdigit()) and core.lower() not in _CONNECTORS

    def stops(token: str) -> bool:
        return token[-1:] in ",;:!?" or (token.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", token))

    first, last = inside[0], inside[-1]
    while first > 0 and not stops(tokens[first - 1][2]) and (
            capital(tokens[first - 1][2]) or tokens[first - 1][2].lower() in _CONNECTORS):
        first -= 1
    while last + 1 < len(tokens) and not stops(tokens[last][2]) and (
            capital(tokens[last + 1][2]) or tokens[last + 1][2].lower() in _CONNECTORS):
        last += 1
    while first < inside[0] and not capital(tokens[first][2]):
        first += 1
    while last > inside[-1] and not capital(tokens[last][2]):
        last -= 1
    outside = [i for i in range(first, last + 1) if i not in inside and capital(tokens[i][2])
               and not (tokens[i][0] == sentence[0])]
    if not outside:
        return None
    return text[tokens[first][0]:tokens[last][1]].strip(".,;:!?")


def classify(text: str | PreparedText, start: int, end: int, *, field: str = "", keyed_false: bool = False,
             incorrect_choice: bool = False, extra_markers: Sequence[re.Pattern] = (),
             proper_names: bool = True) -> Context:
    """The context of the hit ``text[start:end]`` (guidelines §4.0).

    :param field: the kind of text field (``modules.text``, ``glossary.definition``...).
    :param keyed_false: the text is the prompt of a true-false item whose key is False.
    :param incorrect_choice: the text is an answer choice keyed as incorrect.
    :param extra_markers: more correction markers for this term (e.g. critical framing of a film).
    :param proper_names: False for terms that are themselves names (a film title).
    """
    prep = prepared(text)
    raw = prep.text
    layout = prep.layout_at(start)
    s_start, s_end = prep.sentence_at(start)
    f_start, f_end = prep.span_at(start, "field")
    flags: dict[str, tuple[str, str]] = {}  # kind -> (marker, explanation)

    if field == "references.title":
        flags["title"] = ("references.title", "bibliographic title: the hit is in a reference's title")

    # myth correction: sentence, item or table-column markers; keyed items
    heading = layout.heading_before(start, f_start)
    under_myths = heading is not None and re.search(r"\bmyths?\b", heading, re.IGNORECASE) is not None
    where = f" (under the heading '{heading}')" if under_myths else ""
    marker = _marker(raw, s_start, s_end, extra_markers)
    if marker:
        flags["myth-correction"] = (marker, f"myth correction: the sentence says '{marker}'{where}")
    else:
        block = layout.block_at(start)
        column = layout.table_column(start)
        if column is not None and (re.search(r"\bmyths?\b", column) or _retired_label(column)):
            flags["myth-correction"] = (column, f"myth correction: the hit is in the '{column}' column of a table")
        elif block is not None and block.kind in ("item", "table") and _retired_label(heading) and not (
                block.kind == "table" and any(_retired_label(h) for h in layout.table_headers(block.start))):
            unit = {"item": "list item", "table": "table row"}[block.kind]
            flags["myth-correction"] = (heading, f"myth correction: the {unit} is under the heading '{heading}'")
        elif block is not None and (block.kind in ("item", "table") or under_myths) and \
                (marker := _marker(raw, block.start, block.end, extra_markers)):
            unit = {"item": "list item", "table": "table row"}.get(block.kind, "paragraph")
            flags["myth-correction"] = (marker, f"myth correction: the {unit} says '{marker}'{where}")
        elif f_end - f_start <= _SHORT_FIELD and "\n" not in raw[f_start:f_end].strip() and \
                (marker := _marker(raw, f_start, f_end, extra_markers)):
            flags["myth-correction"] = (marker, f"myth correction: the {field or 'text'} says '{marker}'")
        elif keyed_false:
            flags["myth-correction"] = ("keyed False", "myth correction: a true-false prompt whose answer is False")
        elif incorrect_choice:
            flags["myth-correction"] = ("incorrect choice", "myth correction: an answer choice keyed as incorrect")

    cue = negation_before(raw, start, s_start)
    if cue:
        flags["negated"] = (cue.group(), f"negated: '{' '.join(cue.group().split())}' comes before the term in the same clause")

    if proper_names:
        name = _proper_name(raw, start, end, (s_start, s_end))
        if name:
            flags["proper-name"] = (name, f"proper name: part of '{name}'")

    for c_start, c_end in layout.citations_in(s_start, s_end):
        if max(c_start - end, start - c_end, 0) <= _CITATION_GAP:
            cited = " ".join(raw[c_start:c_end].split())
            flags["citation"] = (cited, f"statute citation: next to '{cited}'")
            break

    if field.startswith("glossary."):
        flags["glossary"] = (field, f"glossary: the term sits in a glossary entry ({field})")

    quote = prep.quoted(start, end)
    if quote == ">":
        flags["quoted"] = (">", "quoted: in a Markdown block quote")
    elif quote:
        flags["quoted"] = ('"', "quoted: inside double quotes")

    if field == "statistics.claim":
        flags["structured-claim"] = (field, "structured claim: declared in statistics[].claim")

    for kind in CONTEXT_KINDS:
        if kind in flags:
            marker, explanation = flags[kind]
            return Context(kind, marker, explanation, flags)
    return Context("own-voice", "", "own voice: not quoted, no negation or myth marker in the sentence",
                   {"own-voice"})


def true_false_key(item: Mapping[str, Any] | None) -> bool | None:
    """The key of a true-false item (True or False), or None when it is not one or gives no key."""
    if not item or item.get("type") != "true-false":
        return None
    words = {"true": True, "t": True, "false": False, "f": False}
    answer = str(item.get("answer") or "").strip().strip(".!").strip().lower()
    if answer in words:
        return words[answer]
    for choice in item.get("choices") or ():
        text = str(choice.get("text") or "").strip().strip(".!").strip().lower()
        if choice.get("correct") is True and text in words:
            return words[text]
    return None


def answer_key_context(course: Any, text: Any) -> tuple[Mapping | None, Mapping | None]:
    """(the item of a prompt, the choice of a choice text) so that answer keys inform the context."""
    if course is not None and text.field == "assessments.items.prompt":
        return course.get(parent(text.pointer)), None
    if course is not None and text.field.startswith("assessments.items.choices."):
        return None, course.get(parent(text.pointer))
    return None, None


def keyed_context(prep: PreparedText, start: int, end: int, *, field: str, item: Mapping | None,
                  choice: Mapping | None, **options: Any) -> Context:
    """:func:`classify` with the answer key of an item or choice taken into account."""
    return classify(prep, start, end, field=field, keyed_false=true_false_key(item) is False,
                    incorrect_choice=bool(choice) and choice.get("correct") is False, **options)
