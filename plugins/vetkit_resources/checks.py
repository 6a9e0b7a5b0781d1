"""Checks of the resources plugin: RR-01 to RR-04 (vetting guidelines §2.9, §7, §8 D11 and D12).

The channel table of §7 is data (``data/channels.yaml``); numbers are read and compared, and text is
matched, with the kit (:mod:`vetkit.kit`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

from vetkit.kit import (
    CheckContext,
    PhraseSet,
    PreparedText,
    Result,
    find_phone_numbers,
    find_phrases,
    find_short_codes,
    join_words,
    load_phrase_set,
    merged,
    modules_teaching,
    normalize_phone,
    outside_us,
    pattern,
    phrases,
    read_table,
    set_id,
)

_DIGIT = re.compile(r"\d")
#: A seven-digit local number (555-0199, 555.0199), which the shared phone finder (ten digits) leaves out.
_CITED = re.compile(r"(?:§|\bsec(?:tion)?\.?|\bch(?:apter)?\.?|\bcode|\bno\.?|#)\s*$", re.IGNORECASE)
_LOCAL = re.compile(r"(?<![\w+.\-/$,])\d{3}[-.]\d{4}(?![\w\-/]|[.,]\d)")

# --------------------------------------------------------------------------- data and shared helpers

def _data(name: str) -> Any:
    """A data table of this plugin (``data/<name>.yaml``), read once."""
    return read_table(__package__, name)


@cache
def _explanation() -> PhraseSet:
    return load_phrase_set(files(__package__) / "data" / "hotline-explanation.yaml")


def _regex(spec: Any) -> re.Pattern:
    """A pattern of the data tables (a string, or a mapping with ``pattern`` and ``case_sensitive``)."""
    if isinstance(spec, Mapping):
        return pattern(spec["pattern"], case_sensitive=bool(spec.get("case_sensitive")))
    return pattern(spec)


def _names_match(text: str, row: Mapping[str, Any]) -> bool:
    patterns = [*row.get("names", ()), *({"pattern": a, "case_sensitive": True} for a in row.get("acronyms", ()))]
    return any(_regex(pattern).search(text or "") for pattern in patterns)


def _show(digits: str) -> str:
    """10 digits as 1-XXX-XXX-XXXX; anything else as given."""
    return f"1-{digits[:3]}-{digits[3:6]}-{digits[6:]}" if len(digits) == 10 and digits.isdigit() else digits


def differing_digits(a: str, b: str) -> int | None:
    """How many digit positions differ between two numbers of the same length (None for different lengths)."""
    return sum(x != y for x, y in zip(a, b)) if len(a) == len(b) else None


def near_miss(digits: str, target: str, limit: int) -> bool:
    """A different number that differs from ``target`` in at most ``limit`` digits (a typo or swapped pair)."""
    changes = differing_digits(digits, target)
    return changes is not None and 0 < changes <= limit


def _outside_us(ctx: CheckContext) -> Result | None:
    return outside_us(ctx, "the resource criteria cover U.S. channels only")


def _resources(course, *types: str) -> list[tuple[str, Mapping[str, Any]]]:
    return [(p, r) for p, r in course.entries("resources") if not types or r.get("type") in types]


def phone_digits(value: Any) -> str:
    """A resource's phone as normalized digits."""
    return normalize_phone(str(value or ""))


def text_digits(value: Any) -> str:
    """A resource's ``text`` (an SMS short code or number, maybe with a keyword) as digits."""
    value = str(value or "")
    codes = find_short_codes(f"text {value}")
    if codes:
        return codes[0].digits
    return normalize_phone(value)


# --------------------------------------------------------------------------- which channel a resource is

def _hotline() -> Mapping[str, Any]:
    return _data("channels")["hotline"]


def _limits() -> Mapping[str, int]:
    return _data("channels")["near_miss"]


def is_national_hotline(resource: Mapping[str, Any]) -> bool:
    """Named as the National Human Trafficking Hotline (or its old name), or giving its numbers or near misses."""
    hotline, limits = _hotline(), _limits()
    phone, text = phone_digits(resource.get("phone")), text_digits(resource.get("text"))
    right_phone, right_text = normalize_phone(hotline["phone"]), hotline["text"]
    return (_names_match(resource.get("name", ""), hotline)
            or phone == right_phone or near_miss(phone, right_phone, limits["phone_digits"])
            or text == right_text or near_miss(text, right_text, limits["short_code_digits"]))


def channels_of(resource: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The §7 channels (HSI, FBI, NCMEC) a resource is, by name, number (or near miss) or web address."""
    phone = phone_digits(resource.get("phone"))
    url = str(resource.get("url") or "").lower()
    found = []
    for channel in _data("channels")["channels"]:
        numbers = [normalize_phone(p) for p in channel.get("phones", ())]
        if (_names_match(resource.get("name", ""), channel)
                or any(phone == n or near_miss(phone, n, _limits()["phone_digits"]) for n in numbers)
                or any(u in url for u in channel.get("urls", ()))):
            found.append(channel)
    return found


# --------------------------------------------------------------------------- RR-01

def _hotline_entry(ctx: CheckContext, pointer: str, resource: Mapping[str, Any]) -> list:
    """Fail findings for the phone and text option of a listed National Human Trafficking Hotline."""
    hotline, limits = _hotline(), _limits()
    right_phone, right_text = normalize_phone(hotline["phone"]), hotline["text"]
    findings = []
    raw = resource.get("phone")
    if not raw:
        findings.append(ctx.finding(f"{pointer}/phone", f"The hotline entry gives no phone number; it is "
                                    f"{hotline['phone']}.", suggestion=f"Add phone: {hotline['phone']}."))
    elif phone_digits(raw) != right_phone:
        digits = phone_digits(raw)
        typo = " (a near miss of the right number)" if near_miss(digits, right_phone, limits["phone_digits"]) else ""
        findings.append(ctx.finding(f"{pointer}/phone", f"The hotline phone {raw} normalizes to {digits}{typo}, not "
                                    f"{right_phone}: the number is {hotline['phone']}.", evidence=str(raw),
                                    suggestion=f"Correct the phone to {hotline['phone']}."))
    raw = resource.get("text")
    if not raw:
        findings.append(ctx.finding(f"{pointer}/text", f"The hotline entry gives no text option; text {right_text}.",
                                    suggestion=f"Add text: \"{right_text}\" (the hotline's SMS short code)."))
    elif text_digits(raw) != right_text:
        findings.append(ctx.finding(f"{pointer}/text", f"The hotline text option {raw} reads as {text_digits(raw)}, "
                                    f"not the short code {right_text}.", evidence=str(raw),
                                    suggestion=f"Correct the text option to \"{right_text}\"."))
    return findings


def _hotline_resources(ctx: CheckContext) -> Result:
    """The auto part: resources[type=hotline] give the national hotline's phone and text correctly."""
    hotline = _hotline()
    listed = _resources(ctx.course, "hotline")
    national = [(p, r) for p, r in listed if is_national_hotline(r)]
    if not national:
        elsewhere = [(p, r) for p, r in _resources(ctx.course) if r.get("type") != "hotline" and is_national_hotline(r)]
        if elsewhere:
            pointer, resource = elsewhere[0]
            finding = ctx.finding(f"{pointer}/type", f"“{resource.get('name', '')}” looks like the national hotline "
                                  f"but has type {resource.get('type')}, so no resources[type=hotline] gives it.",
                                  evidence=str(resource.get("name", "")), suggestion="Set its type to `hotline`.")
            return ctx.failed(f"No resources[type=hotline] entry is the {hotline['label']}.",
                              [finding, *_hotline_entry(ctx, pointer, resource)])
        others = [ctx.finding(f"{p}/phone", f"“{r.get('name', '')}” is listed as a hotline with "
                              f"{r.get('phone') or 'no phone'}; if it is meant to be the {hotline['label']}, its "
                              f"number is wrong ({hotline['phone']}).", effect="note", evidence=str(r.get("phone") or ""))
                  for p, r in listed]
        which = (f"none of the {len(listed)} hotline resource(s) is the {hotline['label']}" if listed else
                 f"no resources[type=hotline] entry gives the {hotline['label']}")
        return ctx.failed(f"The hotline is missing: {which} (call {hotline['phone']}, text {hotline['text']}).", [ctx.finding(
                              "/resources", f"No resources[type=hotline] entry gives the {hotline['label']}.",
                              evidence=join_words(r.get("name", "") for _, r in listed),
                              suggestion=f"Add {{name: {hotline['label']}, type: hotline, phone: {hotline['phone']}, "
                                         f"text: \"{hotline['text']}\", url: {hotline['url']}}}.")] + others)
    findings = [f for p, r in national for f in _hotline_entry(ctx, p, r)]
    if findings:
        score = 1 - len(findings) / (2 * len(national))
        return ctx.failed(f"The {hotline['label']} entry is wrong or incomplete: {len(findings)} problem(s) with its "
                          f"phone or text option, first at {findings[0].pointer}.", findings, score=max(score, 0.0))
    return ctx.passed(f"resources[type=hotline] gives the {hotline['label']} as call {hotline['phone']} and text "
                      f"{hotline['text']}.")


def _known_numbers(ctx: CheckContext) -> set[str]:
    """Numbers that are not the national hotline by design: the §7 channels and the course's other resources."""
    known = {normalize_phone(p) for c in _data("channels")["channels"] for p in c.get("phones", ())}
    known |= {phone_digits(r.get("phone")) for _, r in _resources(ctx.course)
              if r.get("phone") and not is_national_hotline(r)}
    return known


#: Characters on each side of a number that its sentence or table row is read over: the work per number stays
#: bounded however long a sentence without full stops is.
_REACH = 500


def _cue_starts(text: str) -> list[int]:
    """Where the hotline words start in ``text``, in order: a number far from all of them needs no search."""
    return sorted(match.start() for cue in _hotline()["cues"] for match in _regex(cue).finditer(text))


def _cue_near(prep: PreparedText, start: int, end: int, cues: list[int]) -> bool:
    """A hotline word in the number's sentence (or its table row), within _REACH characters of it."""
    low, high = max(0, start - _REACH), end + _REACH
    first = bisect.bisect_left(cues, low - _REACH)
    if first == len(cues) or cues[first] >= high:
        return False  # no hotline word starts anywhere near (one inside another would start near too)
    s_start, s_end = prep.sentence_at(start)
    text = prep.text
    line_start = text.rfind("\n", low, start) + 1 or low
    line_end = text.find("\n", end, high)
    line_end = min(len(text), high) if line_end == -1 else line_end
    if text[line_start:line_end].lstrip().startswith("|"):
        s_start, s_end = min(s_start, line_start), max(s_end, line_end)
    s_start, s_end = max(s_start, low), min(max(s_end, end), high)
    return any(_regex(cue).search(text, s_start, s_end) for cue in _hotline()["cues"])


def _sentence_excerpt(prep: PreparedText, start: int) -> str:
    """The first 240 characters of the sentence around ``start``, whitespace collapsed."""
    s_start, s_end = prep.sentence_at(start)
    return " ".join(prep.text[s_start:min(s_end, s_start + 4 * 240)].split())[:240]


def _overlapping(spans: list[tuple[int, int]]):
    """``overlaps(start, end)``: whether ``[start, end)`` overlaps one of ``spans`` (found by bisection)."""
    spans = sorted(spans)
    starts = [start for start, _ in spans]
    reach, furthest = [], -1
    for _, end in spans:  # the furthest end among the spans that start at or before each one
        furthest = max(furthest, end)
        reach.append(furthest)

    def overlaps(start: int, end: int) -> bool:
        index = bisect.bisect_left(starts, end) - 1  # the last span that starts before ``end``
        return index >= 0 and reach[index] > start

    return overlaps


def _numbers_in_text(ctx: CheckContext) -> tuple[list, list]:
    """(fail findings, review findings) for numbers in course text that should be the hotline's but are not."""
    hotline, limits = _hotline(), _limits()
    right_phone, right_text = normalize_phone(hotline["phone"]), hotline["text"]
    known = _known_numbers(ctx)
    fails, reviews = [], []
    for field in ctx.course.texts():
        if not _DIGIT.search(field.text):
            continue
        prep, cues = PreparedText(field.text), _cue_starts(field.text)
        found = [(m.start, m.end, m.raw, m.digits, right_phone, limits["phone_digits"], "phone number")
                 for m in find_phone_numbers(field.text)]
        found += [(c.start, c.end, c.digits, c.digits, right_text, limits["short_code_digits"], "text short code")
                  for c in find_short_codes(field.text)]
        overlaps = _overlapping([(start, end) for start, end, *_ in found])
        found += [(m.start(), m.end(), m.group(), re.sub(r"\D", "", m.group()), right_phone[-7:], 0, "local number")
                  for m in _LOCAL.finditer(field.text)
                  if not _CITED.search(field.text, max(0, m.start() - 12), m.start())
                  if not overlaps(m.start(), m.end())]
        for start, end, raw, digits, right, limit, kind in found:
            if kind == "local number":
                if any(number.endswith(digits) for number in known) or not _cue_near(prep, start, end, cues):
                    continue  # a listed resource's line, or a local number away from the word hotline
                shown = _show(right_phone)
                why = ("the hotline's number without its 888 area code" if digits == right else
                       f"beside the word hotline, but it is not the national hotline's {shown}")
                excerpt = _sentence_excerpt(prep, start)
                reviews.append(ctx.finding(field.pointer, f"The seven-digit number {raw} is {why}; a reviewer should "
                                           "confirm which line it is.", effect="needs-review", evidence=excerpt,
                                           start=start, end=end, suggestion=f"If it is meant to be the national "
                                           f"hotline, give it in full as {shown}; otherwise name the local line it "
                                           "belongs to (and list it in resources[])."))
                continue
            if digits == right or digits in known:
                continue
            cue, typo = _cue_near(prep, start, end, cues), near_miss(digits, right, limit)
            if not (cue or typo):
                continue
            shown = _show(right) if kind == "phone number" else right
            excerpt = _sentence_excerpt(prep, start)
            if cue and typo:
                fails.append(ctx.finding(field.pointer, f"The hotline {kind} {raw} is a near miss of {shown} and "
                                         "would strand a caller.", evidence=excerpt, start=start, end=end,
                                         suggestion=f"Correct it to {shown}."))
            else:
                why = (f"a near miss of the hotline's {shown}" if typo else
                       f"beside the word hotline, but it is not the national hotline's {shown}")
                reviews.append(ctx.finding(field.pointer, f"The {kind} {raw} is {why}; a reviewer should confirm "
                                           "which line it is.", effect="needs-review", evidence=excerpt, start=start,
                                           end=end, suggestion=f"If it is meant to be the national hotline, correct "
                                                               f"it to {shown}; otherwise name the line it belongs to."))
    return fails, reviews


def _hotline_text(ctx: CheckContext) -> Result:
    """The lexical part: P-HOT in the text, and no other number offered as the hotline."""
    fails, reviews = _numbers_in_text(ctx)
    report = phrases(ctx, "P-HOT")
    name = set_id(report.phrase_set)
    if report.missing_groups:
        missing = join_words(f"“{report.label(group)}”" for group in report.missing_groups)
        reviews.append(ctx.finding("/modules", f"{name}: no text gives {missing}; the course text should give the "
                                   "hotline as it gives the resource list.", effect="needs-review",
                                   suggestion=f"Give the hotline in the module text and job aids as: call "
                                              f"{_hotline()['phone']} or text {_hotline()['text']}."))
    if fails:
        return ctx.failed(f"{len(fails)} wrong hotline number(s) in the course text, first at {fails[0].pointer}.",
                          fails + reviews)
    if reviews:
        return ctx.review(f"{len(reviews)} hotline mention(s) in the text need a reviewer, first at "
                          f"{reviews[0].pointer}.", reviews)
    return ctx.passed(f"The text gives the hotline's number and short code ({name}) and offers no other number as "
                      "the hotline.")


def _hotline_notes(ctx: CheckContext) -> list:
    """Info notes: retired names (D11), and what the course should say about 911 and the hotline."""
    notes = []
    for retired in _hotline()["retired"]:
        regex = _regex(retired)
        for field in ctx.course.texts():
            match = regex.search(field.text)
            if match:
                notes.append(ctx.finding(field.pointer, f"Uses {retired['label']}, an outdated name of the National "
                                         "Human Trafficking Hotline; with the right numbers this is only a note.",
                                         effect="note", evidence=match.group(), start=match.start(), end=match.end(),
                                         suggestion="Use the current name: National Human Trafficking Hotline "
                                                    f"(call {_hotline()['phone']}, text {_hotline()['text']})."))
                break
    report = find_phrases(ctx.course, _explanation(), limit=1)
    for group in report.missing_groups:
        notes.append(ctx.finding("/modules", f"The course does not seem to say {report.label(group)}.", effect="note",
                                 suggestion="Say that 911 is for emergencies, that the hotline is run by a "
                                            "non-governmental organization, and when it passes information to law "
                                            "enforcement or child welfare (when the law requires it, someone is in "
                                            "imminent danger, or the caller asks)."))
    return notes


def rr01_hotline(ctx: CheckContext) -> Result:
    """The national hotline given correctly in resources and text; retired names and missing explanations noted."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    result = merged(_hotline_resources(ctx), _hotline_text(ctx))
    return Result(result.outcome, result.reason, (*result.findings, *_hotline_notes(ctx)), result.score, result.severity)


# --------------------------------------------------------------------------- RR-02

def _minors_covered(ctx: CheckContext) -> str | None:
    """Why the course covers minors (a module that teaches the `minors` topic, or a youth-facing role), or None."""
    modules = modules_teaching(ctx.course, "minors")
    if modules:
        return f"{len(modules)} module(s) teaching the response to minors"
    roles = [r for r in ctx.course.data.get("audience", {}).get("roles", ()) if r in ctx.param("minors.roles")]
    return f"audience role {join_words(roles)}" if roles else None


def _channel_numbers(ctx: CheckContext, pointer: str, resource: Mapping[str, Any], channel) -> list:
    """Fail findings for a resource of a §7 channel whose number or web address is wrong or missing."""
    findings = []
    phones = [normalize_phone(p) for p in channel.get("phones", ())]
    raw, url = resource.get("phone"), str(resource.get("url") or "")
    office = _names_match(resource.get("name", ""), {"names": _data("channels")["office_names"]})
    typo = any(near_miss(phone_digits(raw), number, _limits()["phone_digits"]) for number in phones)
    if raw and phones and phone_digits(raw) not in phones and (typo or not office):
        right = join_words(channel["phones"], "or")
        findings.append(ctx.finding(f"{pointer}/phone", f"The {channel['label']} number {raw} normalizes to "
                                    f"{phone_digits(raw)}, not {right}.", evidence=str(raw),
                                    suggestion=f"Correct the phone to {channel['phones'][0]}."))
    domain = channel.get("url_domain")
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    if url and domain and not (host == domain or host.endswith(f".{domain}")):
        findings.append(ctx.finding(f"{pointer}/url", f"The {channel['label']} address {url} is not on {domain}.",
                                    evidence=url, suggestion=f"Use {channel['urls'][0]} or the field office's page "
                                                             f"on {domain}."))
    if not raw and not url:
        findings.append(ctx.finding(pointer, f"The {channel['label']} entry gives neither a phone nor a web address.",
                                    evidence=str(resource.get("name", "")),
                                    suggestion=f"Add {channel['urls'][0] if channel.get('urls') else 'its contact'}."))
    return findings


def rr02_reporting_channels(ctx: CheckContext) -> Result:
    """HSI or FBI, a local task force and, when minors are covered, child-welfare reporting and NCMEC."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    resources = _resources(ctx.course)
    identified = [(p, r, c) for p, r in resources for c in channels_of(r)]
    by_channel = {c["id"]: [(p, r) for p, r, ch in identified if ch["id"] == c["id"]]
                  for c in _data("channels")["channels"]}
    parts: list[tuple[str, list]] = []
    federal = by_channel["hsi"] + by_channel["fbi"]
    if federal:
        parts.append(("HSI or FBI", []))
    else:
        other = _resources(ctx.course, "federal-law-enforcement")
        parts.append(("HSI or FBI", [ctx.finding("/resources", "No HSI Tip Line or FBI tips or field office is "
                                                 "listed" + (f" (federal resources: {join_words(r.get('name', '') for _, r in other)})"
                                                             if other else "") + ".",
                                                 suggestion="Add the HSI Tip Line (1-866-347-2423, ice.gov/tips) "
                                                            "and FBI tips (tips.fbi.gov) as federal-law-enforcement "
                                                            "resources.")]))
    wrong = [f for p, r, c in identified for f in _channel_numbers(ctx, p, r, c)]
    parts.append(("correct federal and NCMEC numbers", wrong))
    task_forces = _resources(ctx.course, "task-force")
    if any(r.get("local") is True for _, r in task_forces):
        parts.append(("a local task force", []))
    elif task_forces:
        pointer, resource = task_forces[0]
        parts.append(("a local task force", [ctx.finding(f"{pointer}/local", f"The task force “{resource.get('name', '')}” "
                                                         "is not marked local.", evidence=str(resource.get("name", "")),
                                                         suggestion="Set local: true if it serves the course's area, "
                                                                    "or add the local task force.")]))
    else:
        parts.append(("a local task force", [ctx.finding("/resources", "No local trafficking task force is listed "
                                                         "(resources[type=task-force, local=true]).",
                                                         suggestion="Add the local task force with type `task-force` "
                                                                    "and local: true.")]))
    minors = _minors_covered(ctx)
    if minors:
        ncmec = {p for p, _ in by_channel["ncmec"]}
        welfare = [(p, r) for p, r in _resources(ctx.course, "child-welfare") if p not in ncmec]
        parts.append(("child-welfare reporting", [] if welfare else [ctx.finding(
            "/resources", f"The course covers minors ({minors}) but lists no child-welfare reporting line "
            "(resources[type=child-welfare] other than NCMEC).",
            suggestion="Add the state child-welfare (abuse) reporting line with type `child-welfare`.")]))
        parts.append(("the NCMEC CyberTipline", [] if ncmec else [ctx.finding(
            "/resources", f"The course covers minors ({minors}) but does not list the NCMEC CyberTipline.",
            suggestion="Add the NCMEC CyberTipline (1-800-843-5678, missingkids.org/cybertipline).")]))
    missing = [label for label, findings in parts if findings]
    findings = [f for _, part in parts for f in part]
    scope = f"minors are covered by {minors}" if minors else "minors are not covered, so child welfare and NCMEC are not required"
    if missing:
        return ctx.failed(f"{len(parts) - len(missing)} of {len(parts)} reporting-channel elements present ({scope}); "
                          f"missing or wrong: {join_words(missing)}.", findings,
                          score=(len(parts) - len(missing)) / len(parts))
    return ctx.passed(f"All {len(parts)} reporting-channel elements present and their numbers match the national reporting channels ({scope}).")


# --------------------------------------------------------------------------- RR-03

def rr03_local_referral(ctx: CheckContext) -> Result:
    """At least ``referrals.min_local`` local victim-services or shelter resources."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    minimum = ctx.param("referrals.min_local")
    services = _resources(ctx.course, "victim-services", "shelter")
    local = [(p, r) for p, r in services if r.get("local") is True]
    if len(local) >= minimum:
        return ctx.passed(f"{len(local)} local victim-service or shelter resource(s) (referrals.min_local = "
                          f"{minimum}): {join_words(r.get('name', '') for _, r in local)}.")
    findings = [ctx.finding(f"{p}/local", f"“{r.get('name', '')}” ({r.get('type')}) is not marked local.",
                            evidence=str(r.get("name", "")), suggestion="Set local: true if it serves the course's "
                                                                        "area; otherwise add the local provider.")
                for p, r in services if r.get("local") is not True]
    findings.append(ctx.finding("/resources", f"{len(local)} local victim-service or shelter resource(s); "
                                f"referrals.min_local = {minimum}.",
                                suggestion="Add the local victim advocate or service provider (and shelter) with type "
                                           "`victim-services` or `shelter` and local: true."))
    return ctx.failed(f"{len(local)} of the {minimum} local victim-service or shelter resource(s) required "
                      f"(referrals.min_local = {minimum}).", findings, score=len(local) / minimum if minimum else 0.0)


# --------------------------------------------------------------------------- RR-04

def rr04_wellness(ctx: CheckContext) -> Result:
    """resources[type=wellness] and safeguards.participantSupport."""
    if (notice := _outside_us(ctx)) is not None:
        return notice
    wellness = _resources(ctx.course, "wellness")
    support = list((ctx.course.data.get("safeguards") or {}).get("participantSupport") or ())
    findings = []
    if not wellness:
        findings.append(ctx.finding("/resources", "No officer-wellness resource is listed (resources[type=wellness]).",
                                    suggestion="List the EAP, the peer-support team and the OVC Vicarious Trauma "
                                               "Toolkit (ovc.ojp.gov/program/vtt) with type `wellness`."))
    if not support:
        findings.append(ctx.finding("/safeguards/participantSupport", "No participant support is named for the "
                                    "sessions (safeguards.participantSupport).",
                                    suggestion="Name the wellness resources participants can use during and after "
                                               "the course in safeguards.participantSupport (resource ids)."))
    elif wellness and not {r.get("id") for _, r in wellness} & set(support):
        findings.append(ctx.finding("/safeguards/participantSupport", "participantSupport names no wellness resource.",
                                    effect="note", evidence=", ".join(support)))
    fails = [f for f in findings if f.effect == "fail"]
    if fails:
        return ctx.failed(f"{2 - len(fails)} of 2 wellness elements present: "
                          f"{len(wellness)} wellness resource(s), {len(support)} participant-support id(s).",
                          findings, score=(2 - len(fails)) / 2)
    return ctx.passed(f"{len(wellness)} wellness resource(s) and {len(support)} participant-support id(s) listed.",
                      findings)
