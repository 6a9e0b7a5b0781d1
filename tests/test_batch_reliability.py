"""A batch keeps only its summary rows and criterion tallies (no report stays in memory), goes on past a
course that breaks vetkit, and ends cleanly when a worker process dies."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

import pytest

import vetkit
from engine_helpers import minimal_course, rubric, run_cli, write_dist_plugin
from vetkit.batch import BatchResult, score_many, tally
from vetkit.errors import VetkitError


@pytest.fixture
def courses(tmp_path: Path) -> Path:
    folder = tmp_path / "courses"
    folder.mkdir()
    for name in ("a", "b", "c"):
        course = minimal_course()
        course["id"] = f"HT-{name}"
        (folder / f"{name}.json").write_text(json.dumps(course), encoding="utf-8")
    return folder


def test_no_report_is_kept(courses, monkeypatch, tmp_path):
    """Every Report built while scoring is gone once the batch returns, written reports included."""
    made = []
    real_score = vetkit.Engine.score

    def recording(self, *args, **kwargs):
        report = real_score(self, *args, **kwargs)
        made.append(weakref.ref(report))
        return report

    monkeypatch.setattr(vetkit.Engine, "score", recording)
    batch = score_many([courses], rubric="course-design", as_of="2026-01-01", output_dir=tmp_path / "out",
                       output_format="json")
    gc.collect()
    assert len(made) == 3 and all(ref() is None for ref in made)
    assert [row.course_id for row in batch.rows] == ["HT-a", "HT-b", "HT-c"]
    assert {t.rule_id: t.scored for t in batch.tallies()} == {t.rule_id: 3 for t in batch.tallies()}


def test_tallies_match_the_reports(courses):
    """The tallies counted as courses come in equal those of the reports themselves."""
    batch = score_many([courses], rubric="course-design", as_of="2026-01-01")
    engine = vetkit.Engine()
    reports = [engine.score(path, rubric="course-design", as_of="2026-01-01") for path in sorted(courses.iterdir())]
    assert batch.tallies() == list(tally(reports))


def test_workers_give_the_same_summary(courses):
    """With --jobs the rows and tallies are those of one process, in input order."""
    serial = score_many([courses], rubric="course-design", as_of="2026-01-01")
    parallel = score_many([courses], rubric="course-design", as_of="2026-01-01", jobs=2)
    assert (parallel.rows, parallel.tallies()) == (serial.rows, serial.tallies())


def test_a_course_that_breaks_vetkit_does_not_stop_the_batch(courses, monkeypatch, tmp_path):
    """An unexpected error while scoring one course makes it an invalid row naming the error; the rest are scored."""
    real_score = vetkit.Engine.score

    def breaks_on_b(self, course, **kwargs):
        if course.id == "HT-b":
            raise RuntimeError("boom")
        return real_score(self, course, **kwargs)

    monkeypatch.setattr(vetkit.Engine, "score", breaks_on_b)
    out = tmp_path / "out"
    batch = score_many([courses], rubric="course-design", as_of="2026-01-01", output_dir=out, output_format="json")
    assert [(Path(r.path).name, r.verdict) for r in batch.rows] == [
        ("a.json", "does-not-meet"), ("b.json", "invalid"), ("c.json", "does-not-meet")]
    assert batch.rows[1].problems == (f"{courses / 'b.json'}: internal error while scoring this file: RuntimeError: "
                                      f"boom. Run `vetkit score {courses / 'b.json'} --debug` for the traceback and "
                                      "report it.",)
    assert batch.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "c.json", "index.html", "summary.md"]


def test_a_worker_that_dies_ends_the_batch_cleanly(courses, tmp_path, monkeypatch):
    """A plugin that kills its worker process ends the batch with exit 2 and one line, not a hang or a traceback."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    (site / "dying_check.py").write_text("import os\n\n\ndef die(ctx):\n    os._exit(3)\n", encoding="utf-8")
    write_dist_plugin(site, "dying", rules=[("XX-01", "warning", "dying_check:die")], rubrics=[rubric("dying", ["XX-01"])])
    monkeypatch.setenv("PYTHONPATH", str(site))
    result = run_cli("score", courses, "--rubric", "dying", "--jobs", "2", plugins="dying")
    assert result.exit_code == 2
    assert result.stderr == ("a worker process ended abruptly while scoring (a plugin may have exited the process or "
                             "run out of memory); score with --jobs 1 to find the course and the plugin.\n")


def test_batch_result_holds_no_reports():
    """BatchResult is rows, criterion tallies, where things were written and the files skipped."""
    assert [field.name for field in BatchResult.__attrs_attrs__] == [
        "rows", "criteria", "as_of", "rubric", "output_dir", "written", "tool_version", "skipped"]


def test_the_cli_summary(courses):
    """`vetkit score FOLDER --format json` still lists every course and the criteria."""
    result = run_cli("score", courses, "--rubric", "course-design", "--format", "json")
    summary = json.loads(result.stdout)
    assert [c["courseId"] for c in summary["courses"]] == ["HT-a", "HT-b", "HT-c"]
    assert summary["criteria"] and all(c["scored"] == 3 for c in summary["criteria"])


def test_fatal_errors_still_stop_the_batch(courses):
    """A rubric problem is the same for every course: it stops the batch as before."""
    with pytest.raises(VetkitError, match="unknown rubric"):
        score_many([courses], rubric="no-such-rubric")
