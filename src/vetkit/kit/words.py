"""Words for messages: lists joined as a person would write them."""

from __future__ import annotations

from typing import Any, Iterable


def join_words(words: Iterable[Any], last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (or ``or`` with ``last="or"``)."""
    words = [str(word) for word in words]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def ticks(tags: Iterable[str], last: str = "and") -> str:
    """Tags in backticks, joined: ```a` and `b```."""
    return join_words((f"`{tag}`" for tag in tags), last)


def article(word: str) -> str:
    """The word with its indefinite article: ``an advanced``, ``a leadership``."""
    return f"{'an' if word[:1].lower() in 'aeio' else 'a'} {word}"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 item``, ``2 items`` (or the given plural form)."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
