"""vetkit: vet law-enforcement human-trafficking training against a published rubric.

The public API::

    import vetkit
    course = vetkit.load_course("course.json")        # raises vetkit.InvalidCourse
    report = vetkit.score(course, rubric="ht-training")
    print(report.verdict, report.score)
    draft = vetkit.import_course(["deck.pptx", "plan.docx"])   # a course document from the files you have

Names are imported on first use, so ``import vetkit`` stays cheap for the command line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .__about__ import __version__

_EXPORTS = {
    "load_course": "vetkit.engine",
    "validate": "vetkit.engine",
    "Validation": "vetkit.loading",
    "Course": "vetkit.course",
    "TextField": "vetkit.course",
    "Limits": "vetkit.limits",
    "Problem": "vetkit.errors",
    "VetkitError": "vetkit.errors",
    "InvalidDocument": "vetkit.errors",
    "InvalidCourse": "vetkit.errors",
    "InvalidSource": "vetkit.errors",
    "RubricError": "vetkit.errors",
    "ReviewError": "vetkit.errors",
    "PluginError": "vetkit.errors",
    "UsageError": "vetkit.errors",
    "Vocabulary": "vetkit.vocabulary",
    "hookimpl": "vetkit.hookspecs",
    "Rule": "vetkit.rules",
    "Example": "vetkit.rules",
    "load_rules": "vetkit.rules",
    "CheckContext": "vetkit.checking",
    "Result": "vetkit.checking",
    "combine": "vetkit.checking",
    "Finding": "vetkit.report",
    "RuleResult": "vetkit.report",
    "Report": "vetkit.report",
    "Engine": "vetkit.engine",
    "score": "vetkit.engine",
    "Rubric": "vetkit.rubric",
    "import_course": "vetkit.importers",
    "Draft": "vetkit.importers",
    "ImportOptions": "vetkit.importers",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'vetkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # pragma: no cover
    from .course import Course, TextField
    from .errors import (InvalidCourse, InvalidDocument, InvalidSource, PluginError, Problem, ReviewError,
                         RubricError, UsageError, VetkitError)
    from .loading import Validation
    from .limits import Limits
    from .checking import CheckContext, Result, combine
    from .engine import Engine, load_course, score, validate
    from .hookspecs import hookimpl
    from .report import Finding, Report, RuleResult
    from .rubric import Rubric
    from .importers import Draft, ImportOptions, import_course
    from .rules import Example, Rule, load_rules
    from .vocabulary import Vocabulary
