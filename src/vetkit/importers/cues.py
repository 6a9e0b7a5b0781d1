"""What words in a source say: section kinds, durations, phone numbers, quiz items, kinds of reference.

Pure functions over strings, shared by every reader and by the assembler.
"""

from __future__ import annotations

import re

# -- section headings ---------------------------------------------------------------------------

_NUMBERING = re.compile(r"^\s*(?:(?:module|unit|part|section|lesson|block|chapter|topic|day)\s+[0-9ivxlc]+(?:\.[0-9]+)*"
                        r"\s*[:.)\-–—]?\s*|(?:[0-9]+(?:\.[0-9]+)*|[ivxlc]+|[a-z])\s*[:.)\-–—]\s+|[0-9]+(?:\.[0-9]+)*\s+)",
                        re.IGNORECASE)

#: (kind, pattern) in the order they are tried on a heading; the first match wins.
SECTION_KINDS = (
    ("debrief", re.compile(r"^(?:facilitator(?:'s)?\s+)?de-?brief(?:ing)?\b", re.IGNORECASE)),
    ("objectives", re.compile(r"\b(?:objectives?|learning outcomes?)\b", re.IGNORECASE)),
    ("assessment", re.compile(r"^(?:(?:final|module|course|unit)\s+)?(?:pre-?\s?test|post-?\s?test|test|quiz|"
                              r"knowledge\s+checks?|check\s+your\s+(?:knowledge|understanding)|review\s+questions)\b",
                              re.IGNORECASE)),
    ("activity", re.compile(r"\b(?:activity|activities|exercise|scenario|role[- ]?play|case\s+study|tabletop|"
                            r"table-top|simulation)\b", re.IGNORECASE)),
    ("references", re.compile(r"^(?:references?|resources|bibliography|sources|works\s+cited|citations|"
                              r"further\s+reading|additional\s+resources|referral\s+resources|hotlines?)\b",
                              re.IGNORECASE)),
    ("purpose", re.compile(r"^(?:course\s+)?(?:purpose|goal|goals)\b", re.IGNORECASE)),
    ("description", re.compile(r"^(?:course\s+)?(?:description|overview|abstract|summary)\b", re.IGNORECASE)),
    ("prerequisites", re.compile(r"^prerequisites?\b", re.IGNORECASE)),
    ("front", re.compile(r"^(?:target\s+)?(?:audience|participants|materials(?:\s+needed)?|equipment|supplies|"
                         r"room\s+set-?up|instructor\s+preparation)\b", re.IGNORECASE)),
)


def heading_core(text: str) -> str:
    """A heading without its numbering (``Module 2: Indicators`` → ``Indicators``) and duration."""
    core = _NUMBERING.sub("", text, count=1).strip() or text.strip()
    return without_duration(core) or core


def without_duration(heading: str) -> str:
    """A heading without the duration at its end: ``Indicators (45 minutes)`` → ``Indicators``."""
    return _TRAILING_DURATION.sub("", heading).strip()


def heading_minutes(heading: str) -> int | None:
    """The duration at the end of a heading (``Indicators (45 minutes)``, ``Role play - 1 hour``), else None.

    A duration inside the words (``The first 48 hours``) is part of the title, not its length.
    """
    match = _TRAILING_DURATION.search(heading)
    return minutes_in(match.group(0)) if match else None


def section_kind(heading: str) -> str | None:
    """``objectives``, ``activity``, ``debrief``, ``assessment``, ``references``, front matter, or None."""
    return first_of(SECTION_KINDS, heading_core(heading))


def objective_scope(heading: str) -> str | None:
    """``course`` for terminal objectives, ``module`` for enabling ones, None when the heading does not say."""
    lowered = heading.lower()
    if "terminal" in lowered:
        return "course"
    if "enabling" in lowered:
        return "module"
    return None


ACTIVITY_TYPES = (
    ("role-play", re.compile(r"role[- ]?play", re.IGNORECASE)),
    ("tabletop", re.compile(r"table-?top", re.IGNORECASE)),
    ("case-study", re.compile(r"case\s+stud", re.IGNORECASE)),
    ("scenario", re.compile(r"scenario|simulation", re.IGNORECASE)),
    ("practical-exercise", re.compile(r"exercise|practical", re.IGNORECASE)),
    ("discussion", re.compile(r"discussion", re.IGNORECASE)),
    ("video", re.compile(r"\bvideo\b", re.IGNORECASE)),
)


def activity_type(heading: str) -> str | None:
    """The activity type the heading names, or None ("Activity 2" says no type)."""
    return first_of(ACTIVITY_TYPES, heading)


def assessment_kind(heading: str) -> tuple[str, str]:
    """(type, purpose) that a quiz heading names: a knowledge check is formative, a post-test summative."""
    lowered = heading.lower()
    if re.search(r"pre-?\s?test", lowered):
        return "pre-test", "formative"
    if re.search(r"post-?\s?test|final|\btest\b", lowered):
        return "post-test", "summative"
    return "knowledge-check", "formative"


# -- durations ------------------------------------------------------------------------------------

DURATION = re.compile(
    r"\(?\b(?:(?P<hours>\d+(?:\.\d+)?)\s*(?:hours?|hrs?\.?|h)\b(?:\s*(?:and\s+)?(?P<and_minutes>\d+)\s*"
    r"(?:minutes?|mins?\.?)(?!\w))?|(?P<minutes>\d+)\s*(?:minutes?|mins?\.?)(?!\w))\)?", re.IGNORECASE)
_ANY_DURATION = re.sub(r"\(\?P<\w+>", "(?:", DURATION.pattern)
_TRAILING_DURATION = re.compile(r"\s*(?:[(\[]\s*(?:" + _ANY_DURATION + r")\s*[)\]]|(?:[-–—:|,]|^)\s*(?:"
                                + _ANY_DURATION + r"))\s*$", re.IGNORECASE)
_LABELLED = re.compile(r"^\s*(?:time|duration|length|time\s+allotted|allotted\s+time|total\s+time|"
                       r"estimated\s+time|time\s+required)\s*[:\-–]\s*", re.IGNORECASE)


def minutes_in(text: str) -> int | None:
    """The first duration in ``text`` in whole minutes: ``45 minutes`` → 45, ``1.5 hours`` → 90."""
    match = DURATION.search(text)
    if not match:
        return None
    if match.group("minutes"):
        return int(match.group("minutes"))
    return round(float(match.group("hours")) * 60) + int(match.group("and_minutes") or 0)


def labelled_minutes(text: str) -> int | None:
    """The duration of a line that says what it is (``Time: 45 minutes``, ``Duration - 1 hour``)."""
    if _LABELLED.match(text) or DURATION.fullmatch(text.strip()):
        return minutes_in(text)
    return None


def iso_minutes(value: str) -> int | None:
    """Minutes of an ISO 8601 duration (``PT1H30M``) or an ``HH:MM:SS`` time, as LMS metadata writes them."""
    value = value.strip()
    match = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?", value)
    if match and any(match.groups()):
        days, hours, minutes, seconds = (float(group or 0) for group in match.groups())
        return round(days * 1440 + hours * 60 + minutes + seconds / 60)
    match = re.fullmatch(r"(\d{1,4}):(\d{2})(?::(\d{2}(?:\.\d+)?))?", value)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2)) + round(float(match.group(3) or 0) / 60)
    return None


# -- lists, items and keys -------------------------------------------------------------------------

BULLET = re.compile(r"^\s*(?:[•◦▪▫●○■□\-–*·]|\d{1,3}[.)]|[a-z][.)]|\(\w{1,3}\))\s+", re.IGNORECASE)
QUESTION = re.compile(r"^\s*(?:q(?:uestion)?\s*)?(?P<number>\d{1,3})\s*[.):]\s+(?P<text>\S.*)$", re.IGNORECASE | re.DOTALL)
CHOICE = re.compile(r"^\s*(?:\(\s*(?P<paren>[a-hA-H])\s*\)|(?P<letter>[a-hA-H])\s*[.)])\s+(?P<text>\S.*)$", re.DOTALL)
_KEY_MARKS = re.compile(r"\s*(?:\(correct(?:\s+answer)?\)|\[correct(?:\s+answer)?\]|[✓✔]|\*{1,2})\s*", re.IGNORECASE)
ANSWER = re.compile(r"^\s*(?:correct\s+)?answers?(?:\s+key)?\s*[:\-–]\s*(?P<text>.+)$", re.IGNORECASE)
ANSWER_KEY_LINE = re.compile(r"^\s*(?P<number>\d{1,3})\s*[.):\-–]?\s*(?P<letters>[A-Ha-h](?:\s*(?:,|and|&)\s*[A-Ha-h])*)\s*$")


def strip_bullet(text: str) -> str:
    """A list line without its bullet or number."""
    return BULLET.sub("", text, count=1).strip()


def marked_correct(text: str) -> tuple[str, bool]:
    """(choice text without its key mark, whether it was marked as the key): ``*Call the hotline`` → key."""
    stripped = text.strip()
    marked = bool(re.match(r"^(?:\*{1,2}|[✓✔])", stripped) or re.search(
        r"(?:\*{1,2}|[✓✔]|\(correct(?:\s+answer)?\)|\[correct(?:\s+answer)?\])$", stripped, re.IGNORECASE))
    if not marked:
        return stripped, False
    return _KEY_MARKS.sub(" ", stripped).strip(), True


def letters(text: str) -> list[int]:
    """Choice indexes named by letters: ``B`` → [1]; ``A, C`` → [0, 2]."""
    return [ord(letter.lower()) - ord("a") for letter in re.findall(r"\b([A-Ha-h])\b", text)]


# -- references and resources ----------------------------------------------------------------------

PHONE = re.compile(r"(?:\+?1[\s.\-]?)?(?:\(\d{3}\)|\b\d{3})[\s.\-]?\d{3}[\s.\-]\d{4}\b|\b(?:1-)?8\d{2}-[A-Z]{3}-[A-Z0-9]{4}\b"
                   r"|\btext\s+(?:[A-Z]+\s+to\s+)?\d{5,6}\b|\b(?:call|dial)\s+\d{3}\b", re.IGNORECASE)
URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", re.IGNORECASE)

RESOURCE_TYPES = (
    ("hotline", re.compile(r"hotline|helpline|help line|tip ?line|crisis line|lifeline|\b988\b|national.*line|"
                           r"\btext\s+\d{5,6}", re.IGNORECASE)),
    ("federal-law-enforcement", re.compile(r"\bFBI\b|\bHSI\b|homeland security|\bICE\b|U\.?S\.? attorney|"
                                           r"department of labor|\bDOL\b", re.IGNORECASE)),
    ("task-force", re.compile(r"task\s*force", re.IGNORECASE)),
    ("child-welfare", re.compile(r"child|youth|juvenile|CPS\b", re.IGNORECASE)),
    ("shelter", re.compile(r"shelter|housing", re.IGNORECASE)),
    ("legal-aid", re.compile(r"legal|attorney|immigration law", re.IGNORECASE)),
    ("wellness", re.compile(r"wellness|peer support|employee assistance|\bEAP\b|counsel|chaplain", re.IGNORECASE)),
    ("victim-services", re.compile(r"victim|advocate|survivor|services", re.IGNORECASE)),
)

REFERENCE_TYPES = (
    ("regulation", re.compile(r"C\.?\s?F\.?\s?R\.?\b|\bregulation", re.IGNORECASE)),
    ("statute", re.compile(r"U\.?\s?S\.?\s?C\.?\b|§|\bAct\b|\bStat\.|\bcode\b|penal|statute", re.IGNORECASE)),
    ("case-law", re.compile(r"\bv\.\s|\bvs\.\s|\bF\.\s?\d?d\b|\bS\.\s?Ct\.", re.IGNORECASE)),
    ("research", re.compile(r"\bjournal\b|\bet al\.|\bdoi\b|\bstudy\b|\bquarterly\b|\breview\b", re.IGNORECASE)),
    ("policy", re.compile(r"\bpolicy\b|general order|directive|protocol", re.IGNORECASE)),
    ("manual", re.compile(r"manual|handbook|toolkit|guide\b|guidelines", re.IGNORECASE)),
    ("report", re.compile(r"\breport\b", re.IGNORECASE)),
)


def first_of(table, text: str) -> str | None:
    """The first kind in a (kind, pattern) table whose pattern occurs in ``text``."""
    for kind, pattern in table:
        if pattern.search(text):
            return kind
    return None


def resource_name(line: str, phone: re.Match) -> str:
    """The name on a resource line: the text before the number, else the line."""
    before = line[:phone.start()].strip(" :-–—,(")
    before = re.sub(r"\b(?:call|text|dial|phone|tel\.?|at)\s*$", "", before, flags=re.IGNORECASE).strip(" :-–—,(")
    return before or line.strip()
