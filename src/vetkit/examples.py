"""Rule examples: course fragments laid over a base course, run through one rule."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib.resources import files
from typing import Any, Mapping

from .rules import Example


@lru_cache(maxsize=1)
def _base_text() -> str:
    return files("vetkit").joinpath("data/base-course.json").read_text(encoding="utf-8")


def base_course() -> dict[str, Any]:
    """A small valid course that rule examples and ``course_factory`` start from (a fresh copy)."""
    return json.loads(_base_text())


def example_course(example: Example | Mapping[str, Any]) -> dict[str, Any]:
    """The base course with the example's top-level keys laid over it."""
    fragment = example.course if isinstance(example, Example) else example
    course = base_course()
    course.update(copy.deepcopy(dict(fragment)))
    return course
