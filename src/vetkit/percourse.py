"""Values computed once per course object and shared by every rule that reads them."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: The attribute of a course object that holds its shared values.
_ATTRIBUTE = "_vetkit_per_course"


def per_course(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """Wrap ``build(course)`` so that it runs once per course object while the course lives.

    The values live on the course object itself, so a value that refers back to its course (a text
    index does) goes away with the course. An object without attributes of its own is remembered by a
    weak reference; one that cannot be weakly referenced or hashed gets a fresh value on every call.
    """
    values: weakref.WeakKeyDictionary[Any, T] = weakref.WeakKeyDictionary()

    @functools.wraps(build)
    def shared(course: Any) -> T:
        try:
            attributes = vars(course)
            held = attributes.get(_ATTRIBUTE)
            if held is None or held[0] != id(course):  # none yet, or a copy's: the copy's values are its own
                held = attributes[_ATTRIBUTE] = (id(course), {})
            own = held[1]
        except (TypeError, AttributeError):  # no instance dictionary (slots, a builtin)
            own = None
        if own is not None:
            value = own.get(shared)
            if value is None:
                value = own[shared] = build(course)
            return value
        try:
            value = values.get(course)
        except TypeError:
            return build(course)
        if value is None:
            value = values[course] = build(course)
        return value

    return shared
