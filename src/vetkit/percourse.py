"""Values computed once per course object and shared by every rule that reads them."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def per_course(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """Wrap ``build(course)`` so that it runs once per course object while the course lives.

    An object that cannot be weakly referenced or hashed gets a fresh value on every call.
    """
    values: weakref.WeakKeyDictionary[Any, T] = weakref.WeakKeyDictionary()

    @functools.wraps(build)
    def shared(course: Any) -> T:
        try:
            value = values.get(course)
        except TypeError:
            return build(course)
        if value is None:
            value = values[course] = build(course)
        return value

    return shared
