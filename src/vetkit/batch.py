"""Scoring many courses: find them, score them (in a process pool with ``jobs > 1``), summarise.

``score_many(paths, ...)`` never stops at a bad file: an invalid course becomes a row with
verdict ``invalid`` and its problems, and the rest are scored. Results come back in input
order whatever order the workers finish in. With ``output_dir`` it also writes one report
per course in the chosen format plus the portfolio pages ``index.html`` and ``summary.md``,
each through :func:`vetkit.fileio.write_atomic`, so no reader ever sees half a file, and no
report takes the name of an input or of a course document already in the folder.

Exit code of a batch: 2 if any file was invalid, else 1 if any course does not pass (see
:func:`vetkit.scoring.exit_code`), else 0.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from attrs import field, frozen

from .errors import InvalidCourse, UsageError, VetkitError
from .fileio import InputFiles, write_atomic
from .report import Report
from .safetext import display_path
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


#: What a batch keeps of one course's report: (rule id, title, category, outcome) per criterion.
Outcomes = tuple[tuple[str, str, str, str], ...]


def outcomes_of(report: Report) -> Outcomes:
    """The criteria of a report and their outcomes, all a batch keeps of it for the tallies."""
    return tuple((result.rule_id, result.title, result.category, result.outcome) for result in report.results)


class _Tally:
    """Criterion tallies counted as the courses of a batch come in."""

    def __init__(self) -> None:
        self.table: dict[str, list] = {}  # rule id -> [title, category, failed, review, errors, scored]

    def add(self, outcomes: Outcomes) -> None:
        for rule_id, title, category, outcome in outcomes:
            entry = self.table.setdefault(rule_id, [title, category, 0, 0, 0, 0])
            entry[5] += 1
            if outcome in _COUNTED:
                entry[_COUNTED[outcome]] += 1

    def tallies(self) -> tuple[CriterionTally, ...]:
        """Criteria by how often they failed across the set (then reviews, errors, id)."""
        from .rules import rule_sort_key

        tallies = [CriterionTally(rule_id, *entry) for rule_id, entry in self.table.items()]
        return tuple(sorted(tallies, key=lambda t: (-t.failed, -t.review, -t.errors, rule_sort_key(t.rule_id))))


_COUNTED = {"fail": 2, "needs-review": 3, "error": 4}


def tally(reports: Iterable[Report | None]) -> tuple[CriterionTally, ...]:
    """How each criterion fared across some reports (None for a file that was not scored)."""
    counter = _Tally()
    for report in reports:
        if report is not None:
            counter.add(outcomes_of(report))
    return counter.tallies()


def _version() -> str:
    from .__about__ import __version__

    return __version__


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
    """The summary rows of a batch in input order, how each criterion fared across it, and the files skipped.

    Reports themselves are not kept (they are written per course with ``output_dir``), so the
    memory a batch holds grows with its rows only. ``skipped`` lists the files of the searched
    folders that are not courses; they do not count towards the exit code.
    """

    rows: tuple[CourseRow, ...] = field(converter=_tuple)
    criteria: tuple[CriterionTally, ...] = field(converter=_tuple)
    as_of: str
    rubric: str
    output_dir: str | None = None
    written: tuple[str, ...] = field(default=(), converter=_tuple)
    tool_version: str = field(factory=_version)
    skipped: tuple[SkippedFile, ...] = field(default=(), converter=_tuple)

    @property
    def exit_code(self) -> int:
        """2 if any file was invalid, else 1 if any course does not pass, else 0."""
        if any(row.invalid for row in self.rows):
            return 2
        return max((row.exit_code for row in self.rows), default=0)

    def tallies(self) -> list[CriterionTally]:
        """Criteria by how often they failed across the set (then reviews, errors, id)."""
        return list(self.criteria)

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
        root = path.resolve()
        inside = [e for e in excluded if root in e.parents]
        for candidate in sorted(path.rglob("*"), key=lambda p: p.relative_to(path).parts):
            relative = candidate.relative_to(path)
            if any(part.startswith(".") for part in relative.parts):
                continue
            if not candidate.is_file() or not candidate.name.lower().endswith(COURSE_SUFFIXES + REPORT_SUFFIXES):
                continue
            resolved = candidate.resolve()
            if resolved in seen or any(resolved == e or e in resolved.parents for e in inside):
                continue
            kind = sniff(candidate)
            if kind.course:
                add(candidate)
            elif candidate.name.lower().endswith(COURSE_SUFFIXES) or kind.reason.startswith("a vetkit"):
                seen.add(resolved)
                skipped.append(SkippedFile(str(candidate), kind.reason))
    return found, skipped


#: The course format's version as the value of a top-level ``vetkit`` key (reports and summaries say "report/1").
_COURSE_VERSION = re.compile(rb'^vetkit\s*:\s*["\']?1\.|^\s*[{,]?\s*"vetkit"\s*:\s*"1\.', re.MULTILINE)


def _is_course_document(path: Path) -> bool:
    """True when the file declares the course format's version (a course, not a vetkit report)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return True  # unreadable: never write over it
    return _COURSE_VERSION.search(head.replace(b"\xef\xbb\xbf", b"", 1)) is not None


_UNSAFE_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def output_names(paths: Sequence[Path], suffix: str, reserved: Iterable[str] = ()) -> list[str]:
    """A distinct report file name per course, after the course file: ``course.json`` → ``course.html``.

    Clashes (``a/x.json`` and ``b/x.yaml``, a course called ``index``, or a name in ``reserved``
    such as a course file in the output folder) get ``-2``, ``-3``... Characters that cannot be
    written as UTF-8 (undecodable bytes of a file name) or that are control characters become ``_``.
    """
    taken = {name.lower() for name in (*PORTFOLIO_FILES, *reserved)}
    names = []
    for path in paths:
        stem = path.name
        for known in COURSE_SUFFIXES:
            if stem.lower().endswith(known):
                stem = stem[: -len(known)]
                break
        stem = _UNSAFE_IN_NAMES.sub("_", stem) or "course"
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
    names = output_names(found, suffix, _course_files_in(out, found)) if suffix else [None] * len(found)
    inputs = InputFiles(found)
    options = {"rubric": rubric, "as_of": as_of, "select": tuple(select), "ignore": tuple(ignore),
               "fail_under": fail_under, "require_complete": require_complete,
               "output_format": output_format if out is not None else None,
               "render_options": dict(render_options or {})}
    tasks = list(enumerate(found))
    rows: dict[int, CourseRow] = {}
    counter = _Tally()
    written: list[str] = []

    def finish(index: int, outcome) -> None:
        if outcome[0] == "fatal":
            raise VetkitError(outcome[1])
        row, outcomes, rendered = outcome
        if rendered is not None and out is not None:
            from attrs import evolve

            write_atomic(out / names[index], rendered, inputs=inputs)
            written.append(names[index])
            row = evolve(row, output=names[index])
        rows[index] = row
        counter.add(outcomes)
        if progress is not None:
            progress(len(rows), len(tasks), row)

    if jobs <= 1 or len(tasks) == 1:
        engine = engine or engine_factory()
        for index, path in tasks:
            finish(index, _score_one(engine, path, options))
    else:
        _in_workers(tasks, min(jobs, len(tasks)), engine_factory, options, finish)
    result = BatchResult([rows[index] for index, _ in tasks], counter.tallies(), as_of, str(rubric),
                         str(out) if out is not None else None, written, skipped=skipped)
    if out is not None:
        formats = (engine or engine_factory()).formats
        write_atomic(out / "index.html", formats["html"].render_portfolio(result), inputs=inputs)
        write_atomic(out / "summary.md", formats["markdown"].render_portfolio(result), inputs=inputs)
        result = BatchResult(result.rows, result.criteria, as_of, str(rubric), str(out), [*written, *PORTFOLIO_FILES],
                             skipped=skipped)
    return result


def _in_workers(tasks, workers: int, engine_factory, options, finish) -> None:
    """Score ``tasks`` in a pool of worker processes, finishing each in this process as it completes.

    Workers ignore SIGINT; on any exception here (a user's Ctrl-C included) they are ended at
    once, whatever they are running. A worker that dies is a :class:`VetkitError`, not a hang.
    """
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(engine_factory, options))
    try:
        futures = {pool.submit(_work, path): index for index, path in tasks}
        for future in as_completed(futures):
            finish(futures[future], future.result())
    except BrokenProcessPool:
        _end_workers(pool, before)
        raise VetkitError("a worker process ended abruptly while scoring (a plugin may have exited the process or run "
                          "out of memory); score with --jobs 1 to find the course and the plugin.") from None
    except BaseException:
        _end_workers(pool, before)
        raise
    pool.shutdown()


def _end_workers(pool: ProcessPoolExecutor, before: set) -> None:
    import multiprocessing

    pool.shutdown(wait=False, cancel_futures=True)
    workers = [process for process in multiprocessing.active_children() if process not in before]
    for process in workers:
        process.terminate()
    for process in workers:
        process.join(5)


def _score_one(engine, path: Path, options: Mapping[str, Any]):
    """Load, score and (optionally) render one course: (row, outcomes, rendered) or ("fatal", message).

    Only the row, the criteria's outcomes and the rendered bytes leave this function: the
    report and the course are dropped here (in a worker, they never cross to the parent).
    """
    from . import scoring
    from .safetext import encoded

    shown = display_path(path)
    try:
        course = engine.load_course(path)
    except InvalidCourse as err:
        problems = [problem.format() for problem in err.problems] or [str(err)]
        return CourseRow(shown, "invalid", 2, problems=problems), (), None
    except VetkitError as err:
        return "fatal", err.format()
    except Exception as err:  # noqa: BLE001 - a fault in vetkit itself: this course only, said so
        return _internal_error(shown, err), (), None
    try:
        report = engine.score(course, rubric=options["rubric"], as_of=options["as_of"], select=options["select"],
                              ignore=options["ignore"])
        rendered = None
        if options["output_format"]:
            rendered = engine.formats[options["output_format"]].render(
                report, **options["render_options"])
            rendered = encoded(rendered) if isinstance(rendered, str) else rendered
    except VetkitError as err:  # a rubric or usage problem: the same for every course, so fatal
        return "fatal", err.format()
    except Exception as err:  # noqa: BLE001
        return _internal_error(shown, err), (), None
    code = scoring.exit_code(report, fail_under=options["fail_under"], require_complete=options["require_complete"])
    essentials = [r.rule_id for r in report.results if r.essential and r.outcome == "fail"]
    row = CourseRow(shown, report.verdict, code, course.id, course.version, course.title, report.score.value,
                    report.score.coverage, essentials, reason=report.verdict_reason)
    return row, outcomes_of(report), rendered


def _internal_error(shown: str, error: Exception) -> CourseRow:
    from .isolation import summarize

    return CourseRow(shown, "invalid", 2, problems=[
        f"{shown}: internal error while scoring this file: {summarize(error)}. Run `vetkit score {shown} --debug` for "
        "the traceback and report it."])


_WORKER: dict[str, Any] = {}


def _init_worker(engine_factory: Callable[[], Any], options: Mapping[str, Any]) -> None:
    """Build this worker's Engine once; leave Ctrl-C to the parent, which ends the workers."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
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


def _course_files_in(out: Path | None, inputs: Sequence[Path]) -> set[str]:
    """Names in ``out`` that reports must not take: the inputs there, and course documents already there."""
    if out is None or not out.is_dir():
        return set()
    here = out.resolve()
    names = {path.name for path in inputs if path.resolve().parent == here}
    for entry in out.iterdir():
        if entry.name.lower().endswith(COURSE_SUFFIXES) and entry.is_file() and _is_course_document(entry):
            names.add(entry.name)
    return names


__all__ = ["BatchResult", "CourseRow", "CriterionTally", "SkippedFile", "discover", "find_courses", "outcomes_of",
           "output_names", "score_many", "tally"]
