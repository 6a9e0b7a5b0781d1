"""Scoring many courses: find them, score them (in a process pool with ``jobs > 1``), summarise.

``score_many(paths, ...)`` never stops at a bad file: an invalid course becomes a row with
verdict ``invalid`` and its problems, and the rest are scored. Results come back in input
order whatever order the workers finish in. With ``output_dir`` it also writes one report
per course in the chosen format plus the portfolio pages ``index.html`` and ``summary.md``,
each through :func:`vetkit.fileio.write_atomic`, so no reader ever sees half a file.

Exit code of a batch: 2 if any file was invalid, else 1 if any course does not pass (see
:func:`vetkit.scoring.exit_code`), else 0.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from attrs import field, frozen

from .errors import InvalidCourse, UsageError, VetkitError
from .report import Report
from .sniff import COURSE_SUFFIXES

PORTFOLIO_FILES = ("index.html", "summary.md")


def _tuple(value) -> tuple:
    return tuple(value)


@frozen
class CourseRow:
    """One line of the batch summary."""

    path: str
    verdict: str  # a report verdict, or "invalid"
    exit_code: int
    course_id: str | None = None
    version: str | None = None
    title: str | None = None
    score: float | None = None
    coverage: float | None = None
    failing_essentials: tuple[str, ...] = field(default=(), converter=_tuple)
    problems: tuple[str, ...] = field(default=(), converter=_tuple)
    reason: str = ""  # why the verdict applied
    output: str | None = None  # the report's file name inside the output folder

    @property
    def invalid(self) -> bool:
        """True when the file could not be loaded as a course."""
        return self.verdict == "invalid"

    def to_json(self) -> dict[str, Any]:
        """The row as JSON."""
        return {"file": self.path, "courseId": self.course_id, "version": self.version, "title": self.title,
                "verdict": self.verdict, "score": self.score, "coverage": self.coverage,
                "failingEssentials": list(self.failing_essentials), "reason": self.reason,
                "problems": list(self.problems),
                "exitCode": self.exit_code, "report": self.output}


@frozen
class CriterionTally:
    """How one criterion fared across the courses of a batch."""

    rule_id: str
    title: str
    category: str
    failed: int
    review: int
    errors: int
    scored: int  # courses in which the criterion was scored at all

    def to_json(self) -> dict[str, Any]:
        """The tally as JSON."""
        return {"ruleId": self.rule_id, "title": self.title, "category": self.category, "failed": self.failed,
                "review": self.review, "errors": self.errors, "scored": self.scored}


@frozen
class SkippedFile:
    """A file found in a searched folder that is not a course, and why."""

    path: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        """The skipped file as JSON."""
        return {"file": self.path, "reason": self.reason}


@frozen
class BatchResult:
    """Rows and reports of a batch, in input order (``reports[i]`` is None for an invalid file).

    ``skipped`` lists the files of the searched folders that are not courses; they do not count
    towards the exit code.
    """

    rows: tuple[CourseRow, ...] = field(converter=_tuple)
    reports: tuple[Report | None, ...] = field(converter=_tuple)
    as_of: str
    rubric: str
    output_dir: str | None = None
    written: tuple[str, ...] = field(default=(), converter=_tuple)
    skipped: tuple[SkippedFile, ...] = field(default=(), converter=_tuple)

    @property
    def exit_code(self) -> int:
        """2 if any file was invalid, else 1 if any course does not pass, else 0."""
        if any(row.invalid for row in self.rows):
            return 2
        return max((row.exit_code for row in self.rows), default=0)

    def tallies(self) -> list[CriterionTally]:
        """Criteria by how often they failed across the set (then reviews, errors, id)."""
        from .rules import rule_sort_key

        table: dict[str, dict[str, Any]] = {}
        for report in self.reports:
            for result in report.results if report else ():
                entry = table.setdefault(result.rule_id, {"title": result.title, "category": result.category,
                                                          "fail": 0, "needs-review": 0, "error": 0, "scored": 0})
                entry["scored"] += 1
                if result.outcome in ("fail", "needs-review", "error"):
                    entry[result.outcome] += 1
        tallies = [CriterionTally(rule_id, e["title"], e["category"], e["fail"], e["needs-review"], e["error"],
                                  e["scored"]) for rule_id, e in table.items()]
        return sorted(tallies, key=lambda t: (-t.failed, -t.review, -t.errors, rule_sort_key(t.rule_id)))

    def to_json(self) -> dict[str, Any]:
        """The batch summary as JSON (rows and criterion tallies; reports are written per course)."""
        return {"vetkit": "batch/1", "asOf": self.as_of, "rubric": self.rubric, "exitCode": self.exit_code,
                "courses": [row.to_json() for row in self.rows],
                "skipped": [item.to_json() for item in self.skipped],
                "criteria": [tally.to_json() for tally in self.tallies()]}


# -- finding the courses ----------------------------------------------------------------------------


def find_courses(paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Every course file named or found under the folders named, in a stable order (see :func:`discover`)."""
    return discover(paths, exclude=exclude)[0]


def discover(paths: Iterable[str | os.PathLike[str]], *, exclude: Iterable[str | os.PathLike[str]] = ()
             ) -> tuple[list[Path], list[SkippedFile]]:
    """The course files named or found under the folders named, and the files skipped there, in a stable order.

    Folders are searched recursively. Whether a file is a course is told from its content
    (:func:`vetkit.sniff.sniff`): a ``.json``, ``.yaml`` or ``.yml`` file with a top-level
    ``vetkit`` key that is not one of vetkit's reports, a reviewer answer file or a rubric.
    Those, other JSON and YAML, and vetkit's SARIF and JUnit reports are skipped, with the
    reason. Hidden files and folders and the folders in ``exclude`` (such as the output folder)
    are not searched. Files named explicitly are always kept; a path that does not exist is
    kept, so that scoring reports it.
    """
    from .sniff import REPORT_SUFFIXES, sniff

    excluded = [Path(p).resolve() for p in exclude]
    found: list[Path] = []
    skipped: list[SkippedFile] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            add(path)
            continue
        for candidate in sorted(path.rglob("*"), key=lambda p: p.relative_to(path).parts):
            relative = candidate.relative_to(path)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if not candidate.is_file() or not candidate.name.lower().endswith(COURSE_SUFFIXES + REPORT_SUFFIXES):
                continue
            resolved = candidate.resolve()
            if resolved in seen or any(resolved == e or e in resolved.parents for e in excluded):
                continue
            kind = sniff(candidate)
            if kind.course:
                add(candidate)
            elif candidate.name.lower().endswith(COURSE_SUFFIXES) or kind.reason.startswith("a vetkit"):
                seen.add(resolved)
                skipped.append(SkippedFile(str(candidate), kind.reason))
    return found, skipped


def output_names(paths: Sequence[Path], suffix: str) -> list[str]:
    """A distinct report file name per course, after the course file: ``course.json`` → ``course.html``.

    Clashes (``a/x.json`` and ``b/x.yaml``, or a course called ``index``) get ``-2``, ``-3``...
    """
    taken = {name.lower() for name in PORTFOLIO_FILES}
    names = []
    for path in paths:
        stem = path.name
        for known in COURSE_SUFFIXES:
            if stem.lower().endswith(known):
                stem = stem[: -len(known)]
                break
        stem = stem or "course"
        name, number = f"{stem}{suffix}", 1
        while name.lower() in taken:
            number += 1
            name = f"{stem}-{number}{suffix}"
        taken.add(name.lower())
        names.append(name)
    return names


# -- scoring -------------------------------------------------------------------------------------------


def score_many(paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1, rubric: str = "ht-training",
               as_of: dt.date | str | None = None, select: Iterable[str] = (), ignore: Iterable[str] = (),
               fail_under: float | None = None, require_complete: bool = False,
               engine_factory: Callable[[], Any] | None = None, engine: Any = None,
               output_dir: str | os.PathLike[str] | None = None, output_format: str = "text",
               render_options: Mapping[str, Any] | None = None,
               progress: Callable[[int, int, CourseRow], None] | None = None) -> BatchResult:
    """Score every course in ``paths`` (files or folders) and summarise.

    :param jobs: worker processes; 1 scores in this process. Each worker builds its own
        Engine once, with ``engine_factory`` (a picklable callable; default ``Engine``).
    :param engine: an Engine to reuse when ``jobs`` is 1.
    :param output_dir: where to write a report per course (``output_format``) and the
        portfolio pages; created if missing. Raises :class:`~vetkit.errors.UsageError`
        when it cannot be written, before anything is scored.
    :param progress: called in this process as ``progress(done, total, row)`` after each course.
    """
    from .engine import Engine, _as_date

    as_of = _as_date(as_of).isoformat()
    engine_factory = engine_factory or Engine
    out = Path(output_dir) if output_dir is not None else None
    found, skipped = discover(paths, exclude=[out] if out is not None else [])
    if not found:
        listing = "".join(f"; skipped {item.path}: {item.reason}" for item in skipped[:5])
        more = f"; and {len(skipped) - 5} more skipped" if len(skipped) > 5 else ""
        raise UsageError("no course files found: pass .json or .yaml course documents, or folders that contain "
                         f"them{listing}{more}")
    suffix = None
    if out is not None:
        _prepare_output_dir(out)
        if engine is None:
            engine = engine_factory()
        fmt = engine.formats.get(output_format)
        if fmt is None:
            raise UsageError(f"unknown format {output_format!r}; available: {', '.join(sorted(engine.formats))}")
        suffix = fmt.suffix or f".{output_format}"
    names = output_names(found, suffix) if suffix else [None] * len(found)
    options = {"rubric": rubric, "as_of": as_of, "select": tuple(select), "ignore": tuple(ignore),
               "fail_under": fail_under, "require_complete": require_complete,
               "output_format": output_format if out is not None else None,
               "render_options": dict(render_options or {})}
    tasks = list(enumerate(found))
    outcomes: dict[int, tuple[CourseRow, Report | None, bytes | None]] = {}
    written: list[str] = []

    def finish(index: int, outcome) -> None:
        if outcome[0] == "fatal":
            raise VetkitError(outcome[1])
        row, report, rendered = outcome
        if rendered is not None and out is not None:
            from attrs import evolve

            from .fileio import write_atomic

            _write(out / names[index], rendered, write_atomic)
            written.append(names[index])
            row = evolve(row, output=names[index])
        outcomes[index] = (row, report, rendered)
        if progress is not None:
            progress(len(outcomes), len(tasks), row)

    if jobs <= 1 or len(tasks) == 1:
        engine = engine or engine_factory()
        for index, path in tasks:
            finish(index, _score_one(engine, path, options))
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), initializer=_init_worker,
                                 initargs=(engine_factory, options)) as pool:
            futures = {pool.submit(_work, path): index for index, path in tasks}
            try:
                for future in as_completed(futures):
                    finish(futures[future], future.result())
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
    ordered = [outcomes[index] for index, _ in tasks]
    result = BatchResult([o[0] for o in ordered], [o[1] for o in ordered], as_of, str(rubric),
                         str(out) if out is not None else None, written, skipped)
    if out is not None:
        from .fileio import write_atomic

        formats = (engine or engine_factory()).formats
        _write(out / "index.html", formats["html"].render_portfolio(result), write_atomic)
        _write(out / "summary.md", formats["markdown"].render_portfolio(result), write_atomic)
        result = BatchResult(result.rows, result.reports, as_of, str(rubric), str(out), [*written, *PORTFOLIO_FILES],
                             skipped)
    return result


def _score_one(engine, path: Path, options: Mapping[str, Any]):
    """Load, score and (optionally) render one course: (row, report, rendered) or ("fatal", message)."""
    from . import scoring

    try:
        course = engine.load_course(path)
    except InvalidCourse as err:
        problems = [problem.format() for problem in err.problems] or [str(err)]
        return CourseRow(str(path), "invalid", 2, problems=problems), None, None
    try:
        report = engine.score(course, rubric=options["rubric"], as_of=options["as_of"], select=options["select"],
                              ignore=options["ignore"])
        rendered = None
        if options["output_format"]:
            rendered = engine.formats[options["output_format"]].render(
                report, **options["render_options"])
            rendered = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    except VetkitError as err:  # a rubric or usage problem: the same for every course, so fatal
        return "fatal", err.format()
    code = scoring.exit_code(report, fail_under=options["fail_under"], require_complete=options["require_complete"])
    essentials = [r.rule_id for r in report.results if r.essential and r.outcome == "fail"]
    row = CourseRow(str(path), report.verdict, code, course.id, course.version, course.title, report.score.value,
                    report.score.coverage, essentials, reason=report.verdict_reason)
    return row, report, rendered


_WORKER: dict[str, Any] = {}


def _init_worker(engine_factory: Callable[[], Any], options: Mapping[str, Any]) -> None:
    """Build this worker's Engine once."""
    _WORKER["engine"] = engine_factory()
    _WORKER["options"] = options


def _work(path: Path):
    return _score_one(_WORKER["engine"], path, _WORKER["options"])


# -- writing -------------------------------------------------------------------------------------------


def _prepare_output_dir(out: Path) -> None:
    """Create the output folder and prove it is writable, before any work is done."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: --output-dir is a file, not a folder. Choose a folder (it is created if missing).")
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".vetkit-probe-", suffix=".tmp", dir=out)
        os.close(handle)
        os.unlink(probe)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise UsageError(f"{out}: cannot write reports to this folder ({reason}). "
                         "Choose another --output-dir, or make this one writable.") from None


def _write(target: Path, content: str | bytes, write_atomic) -> None:
    try:
        write_atomic(target, content)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise UsageError(f"{target}: cannot write the report ({reason}). Nothing half-written was left; "
                         "check the folder and run again.") from None


__all__ = ["BatchResult", "CourseRow", "CriterionTally", "SkippedFile", "discover", "find_courses", "output_names",
           "score_many"]
