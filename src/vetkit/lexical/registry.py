"""The registry of lexicons and phrase sets that plugins contribute through ``vetkit_register_lexicons``."""

from __future__ import annotations

from typing import Any, Mapping

from ..errors import Problem
from .phrases import PhraseSet, load_phrase_set, merge_phrase_sets
from .sources import LexiconError, read_source
from .terms import Lexicon, load_lexicon, merge_lexicons


def _is_phrase_source(data: Any) -> bool:
    return isinstance(data, Mapping) and ("groups" in data or "kind" in data)


class LexiconRegistry:
    """Lexicons and phrase sets by name, built from every source registered under that name.

    Pass :meth:`add` as the ``register`` callable of ``vetkit_register_lexicons``. Sources are
    read on first use and merged by name: terms (or phrase groups) are keyed by id, and a later
    one with the same id replaces the earlier. Built lexicons and their matchers are cached.
    """

    def __init__(self) -> None:
        self._sources: dict[str, list[Any]] = {}
        self._built: dict[str, Any] = {}

    def add(self, name: str, source: Any) -> None:
        """Register a lexicon or phrase-set source (a path, a resource or data) under ``name``."""
        if not isinstance(name, str) or not name:
            raise ValueError("a lexicon needs a non-empty name")
        self._sources.setdefault(name, []).append(source)
        self._built.pop(name, None)

    __call__ = add

    def names(self) -> list[str]:
        """Every registered name, sorted."""
        return sorted(self._sources)

    def __contains__(self, name: object) -> bool:
        return name in self._sources

    def get(self, name: str):
        """The merged :class:`Lexicon` or :class:`vetkit.phrases.PhraseSet` registered as ``name``."""
        built = self._built.get(name)
        if built is None:
            if name not in self._sources:
                raise KeyError(f"no lexicon or phrase set named {name!r}; registered: {', '.join(self.names()) or 'none'}")
            built = self._built[name] = self._build(name, self._sources[name])
        return built

    def lexicon(self, name: str) -> Lexicon:
        """The lexicon ``name``; ``TypeError`` if the name holds a phrase set."""
        value = self.get(name)
        if not isinstance(value, Lexicon):
            raise TypeError(f"{name!r} is a phrase set, not a lexicon of terms")
        return value

    def phrase_set(self, name: str):
        """The phrase set ``name``; ``TypeError`` if the name holds a lexicon."""
        value = self.get(name)
        if not isinstance(value, PhraseSet):
            raise TypeError(f"{name!r} is a lexicon of terms, not a phrase set")
        return value

    @staticmethod
    def _build(name: str, sources: list[Any]):
        parts = []
        for source in sources:
            data = read_source(source).data
            parts.append(load_phrase_set(source, name) if _is_phrase_source(data) else load_lexicon(source, name))
        if all(isinstance(part, PhraseSet) for part in parts):
            return merge_phrase_sets(parts)
        if any(isinstance(part, PhraseSet) for part in parts):
            raise LexiconError(f"{name}: mixes a lexicon and a phrase set", [Problem(
                f"the sources registered as {name!r} mix a lexicon of terms and a phrase set", code="lexicon")])
        return merge_lexicons(name, parts)
