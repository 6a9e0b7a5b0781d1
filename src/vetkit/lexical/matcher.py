"""The matcher: finds every rule of a lexicon or phrase set in a text, looking only where its words occur."""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Iterable, Sequence

from attrs import frozen

from ..text import PreparedText, prepared
from .patterns import STOP_WORDS, compile_pattern, compile_patterns

@frozen
class MatchRule:
    """One pattern to look for and the conditions under which a match counts."""

    key: str
    pattern: str
    case_sensitive: bool = False
    inflect: bool = True
    near: tuple[str, ...] = ()
    near_scope: str = "sentence"
    unless_near: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()


@frozen
class Hit:
    """A match of a term (or phrase group) ``term_id`` at ``text[start:end]``."""

    term_id: str
    start: int
    end: int
    matched: str
    pattern: str = ""


class Matcher:
    """Finds every rule of a lexicon or phrase set in a text, looking only where its words occur.

    Build it once (``Lexicon.matcher`` is cached) and call :meth:`scan` per text (or per
    :class:`vetkit.text.Corpus` of joined fields).
    """

    def __init__(self, rules: Sequence[MatchRule], *, longest: bool = True):
        self.rules = tuple(rules)
        self.longest = longest
        compile_patterns([(r.pattern, r.case_sensitive, r.inflect) for r in self.rules]
                         + [(p, False, True) for r in self.rules for p in (*r.near, *r.unless_near, *r.guards)])
        self._patterns = [compile_pattern(r.pattern, case_sensitive=r.case_sensitive, inflect=r.inflect)
                          for r in self.rules]
        self._near = [tuple(compile_pattern(p) for p in r.near) for r in self.rules]
        self._near_required = [tuple(dict.fromkeys(words for near in nears for words in near.required))
                               for nears in self._near]
        self._unless = [tuple(compile_pattern(p) for p in r.unless_near) for r in self.rules]
        self._guards = [tuple(compile_pattern(p) for p in r.guards) for r in self.rules]
        by_trigger: dict[str, list[int]] = {}
        self._always: list[int] = []
        for index, compiled in enumerate(self._patterns):
            if compiled.triggers is None:
                self._always.append(index)
            else:
                for word in compiled.triggers:
                    by_trigger.setdefault(word, []).append(index)
        self._by_trigger = {word: tuple(indexes) for word, indexes in by_trigger.items()}
        self.triggers = frozenset(by_trigger)

    def scan(self, text: str | PreparedText, *, limit: int | None = None) -> list[Hit]:
        """Every hit in ``text``, in order; overlapping hits keep the longest (if ``longest``).

        ``limit`` stops looking for a rule after that many hits (presence checks need only a few).

        A rule is tried only when its required words (and its ``near`` words) all occur in the
        text. It is then verified by its regular expression only around the occurrences of its
        rarest word that have the other words close by: within the pattern's reach, or within
        the same paragraph (or field) for a rule with ``near`` words.
        """
        prep = prepared(text)
        present = prep.words
        candidates: set[int] = set()
        for word in self.triggers & present:
            candidates.update(self._by_trigger[word])
        found: dict[tuple[int, int, int], None] = {}
        for index in sorted(candidates):
            compiled = self._patterns[index]
            sets = [words & present for words in compiled.order]
            near_sets = [words & present for words in self._near_required[index]]
            if not all(sets) or not all(near_sets):
                continue
            every = sorted(sets + near_sets, key=lambda words: _rarity(prep, words))
            fields = prep.fields_with(every[0])
            for words in every[1:]:
                if not fields:
                    break
                fields = fields & prep.fields_with(words)
            if not fields:
                continue
            matches = (self._in_regions(index, prep, fields, sets, near_sets) if near_sets
                       else self._in_windows(index, prep, fields, sets))
            count = 0
            for start, end in matches:
                if (index, start, end) in found or not self._holds(index, prep, start, end):
                    continue
                found[(index, start, end)] = None
                count += 1
                if limit is not None and count >= limit:
                    break
        for index in self._always:
            for match in self._patterns[index].regex.finditer(prep.text):
                if match.end() > match.start() and self._holds(index, prep, match.start(), match.end()):
                    found[(index, match.start(), match.end())] = None
        raw = prep.text
        hits = [Hit(self.rules[i].key, s, e, raw[s:e], self.rules[i].pattern) for i, s, e in found]
        if self.longest:
            hits = _keep_longest(hits)
        hits.sort(key=lambda hit: (hit.start, hit.end, hit.term_id))
        return _unique(hits)

    @staticmethod
    def _anchored(prep: PreparedText, anchor: frozenset[str], fields: frozenset[int]) -> Iterable[tuple[int, int]]:
        """Occurrences of the anchor words that lie in one of ``fields``."""
        if len(fields) == len(prep.bounds):
            return prep.positions(anchor)
        if len(fields) <= 32 and not prep.has_positions(anchor):  # few fields: look only there
            return prep.positions_in(anchor, fields)
        field_index = prep.field_index
        return [position for position in prep.positions(anchor) if field_index(position[0]) in fields]

    def _in_windows(self, index: int, prep: PreparedText, fields: frozenset[int], sets: list,
                    regions: Iterable[tuple[int, int]] | None = None) -> Iterable[tuple[int, int]]:
        """Matches around each occurrence of the rarest required word (inside ``regions`` if given)."""
        compiled = self._patterns[index]
        anchor = min(sets, key=lambda words: _rarity(prep, words))  # the rarest of the pattern's words here
        positions = self._anchored(prep, anchor, fields)
        if regions is not None:
            positions = _within(positions, regions)
        if compiled.words is not None:  # a single plain word: each occurrence is a match
            yield from positions
            return
        raw, size = prep.text, len(prep.text)
        gaps = compiled.gaps
        place = sets.index(anchor)
        regex, reach = None, compiled.reach  # compiled when an occurrence passes the cheap tests below
        # The neighbouring required words must start within their longest possible distance.
        previous = (sets[place - 1], gaps[place - 1]) if place > 0 else None
        following = (sets[place + 1], gaps[place]) if place + 1 < len(sets) else None
        has = prep.has_word_between
        for start, end in positions:
            if previous is not None and not has(previous[0], start - previous[1], start - 1):
                continue
            if following is not None and not has(following[0], start + 1, start + following[1]):
                continue
            position, stop = max(0, start - reach), min(size, end + reach + 1)
            if regex is None:
                regex = compiled.regex
            while True:
                match = regex.search(raw, position, stop)
                if match is None or match.start() > start:
                    break
                if match.end() >= end and match.end() > match.start():
                    yield match.start(), match.end()
                position = match.start() + 1

    def _in_regions(self, index: int, prep: PreparedText, fields: frozenset[int], sets: list,
                    near_sets: list) -> Iterable[tuple[int, int]]:
        """Matches inside each chunk of paragraphs (or field) that holds every required and ``near`` word."""
        every = sets + near_sets
        if self.rules[index].near_scope == "field":
            regions: Iterable[tuple[int, int]] = [prep.field_span(field) for field in sorted(fields)]
        else:
            regions = _chunks(prep, self._anchored(prep, min(every, key=lambda words: _rarity(prep, words)), fields))
        has = prep.has_word_between  # the pattern's own words are checked next to each anchor later
        chosen = [region for region in regions if all(has(words, region[0], region[1]) for words in near_sets)]
        if chosen:
            yield from self._in_windows(index, prep, fields, sets, chosen)

    def _holds(self, index: int, prep: PreparedText, start: int, end: int) -> bool:
        raw = prep.text
        for guard in self._guards[index]:
            position = max(0, start - guard.reach)
            for match in guard.regex.finditer(raw, position, min(len(raw), end + guard.reach + 1)):
                if match.start() < end and match.end() > start:
                    return False
        if self._near[index] or self._unless[index]:
            rule = self.rules[index]
            span_start, span_end = prep.span_at(start, rule.near_scope)
            span_end = max(span_end, end)
            if any(near.regex.search(raw, span_start, span_end) is None for near in self._near[index]):
                return False
            sentence = prep.sentence_at(start)
            if any(unless.regex.search(raw, sentence[0], max(sentence[1], end)) for unless in self._unless[index]):
                return False
        return True


def _rarity(prep: PreparedText, words: frozenset[str]) -> tuple[bool, int]:
    """Sort key for choosing where to look: sets with a stop word last, then by how many fields hold them."""
    return bool(words & STOP_WORDS), prep.frequency(words)


def _within(positions: Sequence[tuple[int, int]], regions: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The (sorted) positions that start inside one of the (sorted, disjoint) regions."""
    chosen: list[tuple[int, int]] = []
    for low, high in regions:
        first = bisect.bisect_left(positions, (low, -1))
        chosen.extend(positions[first:bisect.bisect_left(positions, (high, -1), first)])
    return chosen


def _chunks(prep: PreparedText, positions: Iterable[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    """The distinct blank-line-separated chunks that contain the given (sorted) positions.

    A chunk holds whole paragraphs, so a sentence or paragraph never crosses its edges; it is
    found with two string searches instead of parsing the Markdown layout."""
    raw = prep.text
    high = -1
    for start, _ in positions:
        if start >= high:
            low = raw.rfind("\n\n", 0, start)
            low = 0 if low == -1 else low + 2
            high = raw.find("\n\n", start)
            high = len(raw) if high == -1 else high
            yield low, high


def _keep_longest(hits: list[Hit]) -> list[Hit]:
    kept_starts: list[int] = []
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start, h.term_id)):
        index = bisect.bisect_left(kept_starts, hit.start)
        if index > 0 and kept[index - 1].end > hit.start:
            continue
        if index < len(kept) and kept[index].start < hit.end:
            continue
        kept_starts.insert(index, hit.start)
        kept.insert(index, hit)
    return kept


def _unique(hits: list[Hit]) -> list[Hit]:
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for hit in hits:
        key = (hit.term_id, hit.start, hit.end)
        if key not in seen:
            seen.add(key)
            unique.append(hit)
    return unique


@lru_cache(maxsize=256)
def matcher_for(rules: tuple[MatchRule, ...], longest: bool) -> Matcher:
    """One :class:`Matcher` per distinct set of rules in this process (lexicons with equal content share it)."""
    return Matcher(rules, longest=longest)
