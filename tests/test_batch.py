"""Scoring many courses: discovery, order, invalid files, exit codes, output files written whole."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from vetkit.batch import BatchResult, CourseRow, discover, find_courses, output_names, score_many
from vetkit.errors import UsageError, WriteError

from golden.vetplugin import AS_OF, RUBRIC, cli_env, make_engine

EXAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "roll-call-awareness.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def write_json(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.fixture
def courses(tmp_path) -> Path:
    """A folder with a passing course, a failing one, two invalid ones and files to skip."""
    root = tmp_path / "courses"
    write_json(root / "a-pass.json", example())
    failing = example()
    failing["id"] = "HT-FAIL"
    failing["modules"][3]["minutes"] = 5  # GT-01 fails: essential, error severity
    write_json(root / "b-fail.json", failing)
    write_json(root / "c-broken.json", '{"vetkit": "1.0", "id": "X",}')
    no_title = example()
    del no_title["title"]
    write_json(root / "sub" / "d-no-title.json", no_title)
    write_json(root / "sub" / "b-fail.review.yaml", "course: {}\n")
    write_json(root / ".hidden" / "e.json", example())
    write_json(root / "sub" / ".f.json", example())
    write_json(root / "notes.txt", "not a course")
    return root


def score(paths, **options) -> BatchResult:
    options.setdefault("engine_factory", make_engine)
    return score_many(paths, rubric=RUBRIC, as_of=AS_OF, **options)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".tmp") or p.name.startswith("."))


class TestFindCourses:
    def test_recursive_and_filtered(self, courses):
        """JSON and YAML files, recursively, without answer files, hidden files or hidden folders."""
        found = [p.relative_to(courses).as_posix() for p in find_courses([courses])]
        assert found == ["a-pass.json", "b-fail.json", "c-broken.json", "sub/d-no-title.json"]

    def test_other_yaml_and_json_in_a_folder_are_not_courses(self, courses):
        """Rubrics, rule files and configuration under a searched folder are left out."""
        (courses / "rubric.yaml").write_text("id: local\nversion: '1'\ntitle: Local rubric\n", encoding="utf-8")
        write_json(courses / "settings.json", {"theme": "dark"})
        (courses / "course.yml").write_text((courses / "a-pass.json").read_text(encoding="utf-8"), encoding="utf-8")
        found = [p.relative_to(courses).as_posix() for p in find_courses([courses])]
        assert found == ["a-pass.json", "b-fail.json", "c-broken.json", "course.yml", "sub/d-no-title.json"]

    def test_explicit_files_are_kept(self, courses):
        """A file named on the command line is scored whatever its name; duplicates count once."""
        review = courses / "sub" / "b-fail.review.yaml"
        found = find_courses([review, courses / "a-pass.json", courses / "a-pass.json"])
        assert found == [review, courses / "a-pass.json"]

    def test_output_folder_is_excluded(self, courses):
        """Reports written into a folder being searched are not scored as courses."""
        write_json(courses / "out" / "a-pass.json", {"vetkit": "report/1"})
        assert courses / "out" / "a-pass.json" not in find_courses([courses], exclude=[courses / "out"])

    def test_output_names(self):
        """Report names follow the course file; clashes and portfolio names get a number."""
        paths = [Path("a/x.json"), Path("b/x.yaml"), Path("index.json"), Path("y.yml")]
        assert output_names(paths, ".html") == ["x.html", "x-2.html", "index-2.html", "y.html"]
        assert output_names([Path("summary.json")], ".md") == ["summary-2.md"]


class TestDiscoveryByContent:
    """Whether a file of a searched folder is a course is told from its content, not its name."""

    @pytest.fixture
    def mixed(self, courses, run):
        """The course folder plus vetkit's own reports, an answer file under another name, a rubric and data."""
        base = ("score", courses / "a-pass.json", "--rubric", RUBRIC, "--as-of", AS_OF)
        (courses / "reports").mkdir()
        for name in ("a-pass.report.json", "a-pass.sarif", "a-pass.xml"):  # the format follows the suffix
            assert run(*base, "-o", courses / "reports" / name).exit_code == 0
        batch = run("score", courses / "a-pass.json", courses / "b-fail.json", "--rubric", RUBRIC, "--as-of", AS_OF,
                    "--format", "json")
        write_json(courses / "reports" / "batch.json", batch.stdout)
        review = run("review", "init", courses / "a-pass.json", "--rubric", RUBRIC, "--as-of", AS_OF,
                     "-o", courses / "answers-dana.yaml")
        assert review.exit_code == 0, review.stderr
        (courses / "local-rubric.yaml").write_text("id: local\nversion: '1'\ntitle: Local\ncriteria:\n  LO-01: {}\n",
                                                   encoding="utf-8")
        write_json(courses / "settings.json", {"theme": "dark"})
        write_json(courses / "other.xml", "<project/>")
        return courses

    def test_reports_answers_and_rubrics_are_skipped_with_the_reason(self, mixed):
        """Only the course documents are found; every other JSON, YAML and vetkit report is listed with why."""
        found, skipped = discover([mixed])
        assert [p.relative_to(mixed).as_posix() for p in found] == [
            "a-pass.json", "b-fail.json", "c-broken.json", "sub/d-no-title.json"]
        assert [(Path(s.path).relative_to(mixed).as_posix(), s.reason) for s in skipped] == [
            ("answers-dana.yaml", "a reviewer answer file (pass it to --review)"),
            ("local-rubric.yaml", "a rubric (pass it to --rubric)"),
            ("reports/a-pass.report.json", "a vetkit report (JSON)"),
            ("reports/a-pass.sarif", "a vetkit report (SARIF)"),
            ("reports/a-pass.xml", "a vetkit report (JUnit XML)"),
            ("reports/batch.json", "a vetkit batch summary (JSON)"),
            ("settings.json", "not a course document: no top-level `vetkit` key"),
            ("sub/b-fail.review.yaml", "not a course document: no top-level `vetkit` key"),
        ]

    def test_exit_code_reflects_courses_only(self, mixed, run):
        """Skipped files never make the run invalid: only the scored courses decide the exit code."""
        for broken in ("c-broken.json", "sub/d-no-title.json"):
            (mixed / broken).unlink()
        result = run("score", mixed, "--rubric", RUBRIC, "--as-of", AS_OF)
        assert result.exit_code == 1, result.stderr
        assert result.stderr == ""
        assert result.stdout.endswith(
            "1 recommended, 1 not-recommended.\n"
            "Skipped 8 file(s) that are not courses:\n"
            f"  {mixed / 'answers-dana.yaml'}: a reviewer answer file (pass it to --review)\n"
            f"  {mixed / 'local-rubric.yaml'}: a rubric (pass it to --rubric)\n"
            f"  {mixed / 'reports' / 'a-pass.report.json'}: a vetkit report (JSON)\n"
            f"  {mixed / 'reports' / 'a-pass.sarif'}: a vetkit report (SARIF)\n"
            f"  {mixed / 'reports' / 'a-pass.xml'}: a vetkit report (JUnit XML)\n"
            f"  {mixed / 'reports' / 'batch.json'}: a vetkit batch summary (JSON)\n"
            f"  {mixed / 'settings.json'}: not a course document: no top-level `vetkit` key\n"
            f"  {mixed / 'sub' / 'b-fail.review.yaml'}: not a course document: no top-level `vetkit` key\n")
        (mixed / "b-fail.json").unlink()
        assert run("score", mixed, "--rubric", RUBRIC, "--as-of", AS_OF).exit_code == 0

    def test_skipped_files_in_every_summary(self, mixed, tmp_path):
        """The JSON summary, summary.md and index.html list the skipped files too."""
        out = tmp_path / "out"
        batch = score([mixed / "reports", mixed / "a-pass.json"], output_dir=out, output_format="json")
        assert batch.exit_code == 0
        assert batch.to_json()["skipped"][0] == {"file": str(mixed / "reports" / "a-pass.report.json"),
                                                 "reason": "a vetkit report (JSON)"}
        summary_md = (out / "summary.md").read_text(encoding="utf-8")
        assert "### Skipped: 4 file(s) that are not courses" in summary_md
        assert f"- `{mixed / 'reports' / 'a-pass.sarif'}`: a vetkit report (SARIF)" in summary_md
        index = (out / "index.html").read_text(encoding="utf-8")
        assert "<h2>Skipped: 4 file(s) that are not courses</h2>" in index
        assert f"<li><code>{mixed / 'reports' / 'a-pass.xml'}</code>: a vetkit report (JUnit XML)</li>" in index

    def test_a_folder_of_reports_only(self, mixed):
        """A folder without courses is a usage error that says what was skipped."""
        with pytest.raises(UsageError) as raised:
            score([mixed / "reports"])
        assert str(raised.value) == (
            "no course files found: pass .json or .yaml course documents, or folders that contain them; "
            f"skipped {mixed / 'reports' / 'a-pass.report.json'}: a vetkit report (JSON); "
            f"skipped {mixed / 'reports' / 'a-pass.sarif'}: a vetkit report (SARIF); "
            f"skipped {mixed / 'reports' / 'a-pass.xml'}: a vetkit report (JUnit XML); "
            f"skipped {mixed / 'reports' / 'batch.json'}: a vetkit batch summary (JSON)")

    @pytest.mark.parametrize(("name", "content", "course", "reason"), [
        ("a.yaml", 'vetkit: "1.0"\nid: X\nmodules: []\n', True, ""),
        ("a.yaml", "# a comment\n'vetkit': 1.0\nid: X\n", True, ""),
        ("a.json", '{"vetkit": "1.0", "id": "X",}', True, ""),
        ("a.json", '{"x-note": {"vetkit": "report/1"}, "vetkit": "1.0", "modules": []}', True, ""),
        ("a.json", '[{"vetkit": "1.0"}]', False, "not a course document: no top-level `vetkit` key"),
        ("a.json", '{"nested": {"vetkit": "1.0"}}', False, "not a course document: no top-level `vetkit` key"),
        ("a.json", "not json", False, "not a course document: not valid JSON and no `vetkit` key"),
        ("a.yaml", 'vetkit: "1.0"\ncourse: {id: X}\nanswers: []\n', False,
         "a reviewer answer file (pass it to --review)"),
        ("a.yaml", "vetkit: report/1\n", False, "a vetkit report (JSON)"),
        ("a.json", '{"version": "2.1.0", "runs": []}', False, "a SARIF report"),
        ("a.xml", "<testsuites/>", False, "not a course document (only .json, .yaml and .yml files hold courses)"),
    ])
    def test_sniff(self, tmp_path, name, content, course, reason):
        """Top-level keys decide; a broken document that names the format is a course, so its errors show."""
        from vetkit.sniff import sniff

        kind = sniff(write_json(tmp_path / name, content))
        assert (kind.course, kind.reason) == (course, reason)

    def test_sniff_reads_only_the_head_of_a_large_file(self, tmp_path):
        """A JSON course larger than the sniffed head is still told apart by its top-level keys."""
        from vetkit.sniff import sniff

        padding = "x" * (2 << 20)
        big = write_json(tmp_path / "big.json", '{"vetkit": "1.0", "x-pad": {"vetkit": "report/1", "p": "'
                                                + padding + '"}, "modules": []}')
        report = write_json(tmp_path / "report.json", '{"vetkit": "report/1", "p": "' + padding + '"}')
        assert sniff(big).course is True
        assert (sniff(report).course, sniff(report).reason) == (False, "a vetkit report (JSON)")


class TestScoreMany:
    def test_mixed_set(self, courses):
        """Invalid files are rows with their problems; the rest are scored; the worst exit code wins."""
        batch = score([courses])
        assert [(Path(r.path).name, r.verdict) for r in batch.rows] == [
            ("a-pass.json", "recommended"), ("b-fail.json", "not-recommended"), ("c-broken.json", "invalid"),
            ("d-no-title.json", "invalid")]
        assert batch.exit_code == 2
        assert batch.rows[1].failing_essentials == ("GT-01",) and batch.rows[1].exit_code == 1
        assert (batch.rows[2].course_id, batch.rows[0].course_id) == (None, "HT-101")
        assert "invalid JSON" in batch.rows[2].problems[0] and "c-broken.json:1:" in batch.rows[2].problems[0]
        assert any("title" in p for p in batch.rows[3].problems)

    def test_exit_codes(self, courses):
        """1 when a course does not pass and none is invalid; 0 when every course passes."""
        assert score([courses / "a-pass.json", courses / "b-fail.json"]).exit_code == 1
        assert score([courses / "a-pass.json"]).exit_code == 0
        assert score([courses / "a-pass.json"], fail_under=101 - 1e-9).exit_code == 1

    def test_process_pool_keeps_input_order(self, courses):
        """With --jobs the rows and criterion tallies are the same, in input order."""
        serial = score([courses], jobs=1)
        parallel = score([courses], jobs=3)
        assert parallel.rows == serial.rows
        assert parallel.tallies() == serial.tallies()

    def test_progress(self, courses):
        """The progress callback hears of every course once, counting up."""
        seen = []
        score([courses], progress=lambda done, total, row: seen.append((done, total)))
        assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]

    def test_nothing_found(self, tmp_path):
        """An empty folder is a usage error."""
        with pytest.raises(UsageError, match="no course files found"):
            score([tmp_path])

    def test_summary_tallies(self, courses):
        """Criteria are ranked by how often they failed across the set."""
        tallies = score([courses]).tallies()
        assert (tallies[0].rule_id, tallies[0].failed, tallies[0].scored) == ("GT-01", 1, 2)
        assert json.loads(json.dumps(score([courses]).to_json()))["courses"][2]["verdict"] == "invalid"


class TestOutputDir:
    def test_reports_and_portfolio(self, courses, tmp_path):
        """One report per scored course plus index.html and summary.md, linked, nothing half-written."""
        out = tmp_path / "out"
        batch = score([courses], output_dir=out, output_format="html", jobs=2)
        assert sorted(p.name for p in out.iterdir()) == ["a-pass.html", "b-fail.html", "index.html", "summary.md"]
        assert [r.output for r in batch.rows] == ["a-pass.html", "b-fail.html", None, None]
        index = (out / "index.html").read_text(encoding="utf-8")
        assert 'href="a-pass.html"' in index and 'href="b-fail.html"' in index and "c-broken.json" in index
        assert "(a-pass.html)" in (out / "summary.md").read_text(encoding="utf-8")
        assert "Alignment map" in (out / "a-pass.html").read_text(encoding="utf-8")
        assert leftovers(out) == []

    @pytest.mark.parametrize("fmt, suffix", [("json", ".json"), ("sarif", ".sarif"), ("junit", ".xml"),
                                             ("markdown", ".md"), ("text", ".txt")])
    def test_each_format(self, courses, tmp_path, fmt, suffix):
        """Per-course reports take the format's suffix."""
        out = tmp_path / "out"
        score([courses / "a-pass.json"], output_dir=out, output_format=fmt)
        assert (out / f"a-pass{suffix}").stat().st_size > 0

    def test_output_dir_is_a_file(self, courses, tmp_path):
        """A file where the folder should be is refused before any scoring."""
        blocker = write_json(tmp_path / "out", "x")
        with pytest.raises(UsageError, match="is a file, not a folder"):
            score([courses], output_dir=blocker, output_format="html")

    def test_output_dir_cannot_be_created(self, courses, tmp_path):
        """A folder that cannot be made is a clear error."""
        write_json(tmp_path / "file", "x")
        with pytest.raises(UsageError, match="cannot write reports to this folder"):
            score([courses], output_dir=tmp_path / "file" / "out", output_format="html")

    def test_failed_write_leaves_no_temporary_file(self, courses, tmp_path, monkeypatch):
        """When a rename fails the temporary file is removed and the error names the file."""
        out = tmp_path / "out"
        real_replace = os.replace

        def failing_replace(source, target):
            if str(target).endswith("b-fail.html"):
                raise OSError(28, "No space left on device")
            return real_replace(source, target)

        monkeypatch.setattr(os, "replace", failing_replace)
        with pytest.raises(WriteError, match="b-fail.html: cannot write the report"):
            score([courses], output_dir=out, output_format="html")
        assert leftovers(out) == []
        assert not (out / "b-fail.html").exists()


# -- the command line -------------------------------------------------------------------------------------


@pytest.fixture
def run(monkeypatch):
    """``run(*args)``: vetkit in-process with only the golden test plugin installed."""
    from vetkit.cli import main

    env = cli_env(monkeypatch)

    def invoke(*args):
        result = CliRunner().invoke(main, [str(a) for a in args], env=env)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result

    return invoke


class TestCli:
    def test_folder(self, run, courses, tmp_path):
        """A folder gives a summary in the chosen format, problems on stderr, files in --output-dir and exit code 2."""
        out = tmp_path / "out"
        result = run("score", courses, "--rubric", RUBRIC, "--as-of", AS_OF, "--output-dir", out, "--format", "html",
                     "--jobs", "2")
        assert result.exit_code == 2, result.stderr
        assert result.stdout == (out / "index.html").read_text(encoding="utf-8")
        for text in ("HT-101", "HT-FAIL", "Not recommended", "invalid", "GT-01", "c-broken.json"):
            assert text in result.stdout
        assert "c-broken.json:1:" in result.stderr and "invalid JSON" in result.stderr
        assert "wrote 4 file(s)" in result.stderr
        assert (out / "index.html").exists() and (out / "a-pass.html").exists()
        assert leftovers(out) == []
        assert "scoring" not in result.stderr  # no progress bar when stderr is not a terminal

    def test_exit_one_without_invalid_files(self, run, courses):
        """Scored courses only: exit 1 when one does not pass."""
        result = run("score", courses / "a-pass.json", courses / "b-fail.json", "--rubric", RUBRIC, "--as-of", AS_OF)
        assert result.exit_code == 1
        assert "recommended" in result.stdout and "not-recommended" in result.stdout

    def test_json_summary(self, run, courses):
        """--format json without --output-dir prints the batch summary as JSON."""
        result = run("score", courses, "--rubric", RUBRIC, "--as-of", AS_OF, "--format", "json")
        data = json.loads(result.stdout)
        assert data["vetkit"] == "batch/1" and data["exitCode"] == 2
        assert [c["verdict"] for c in data["courses"]] == ["recommended", "not-recommended", "invalid", "invalid"]

    def test_single_file_unchanged(self, run, courses):
        """One file without --output-dir prints its report as before."""
        result = run("score", courses / "b-fail.json", "--rubric", RUBRIC, "--as-of", AS_OF)
        assert result.exit_code == 1
        assert result.stdout.startswith("NOT-RECOMMENDED  HT-FAIL")

    def test_single_file_html_has_alignment(self, run, courses, tmp_path):
        """-o report.html writes the HTML report with the course's alignment map."""
        target = tmp_path / "report.html"
        result = run("score", courses / "a-pass.json", "--rubric", RUBRIC, "--as-of", AS_OF, "-o", target)
        assert result.exit_code == 0, result.stderr
        assert "Alignment map" in target.read_text(encoding="utf-8")

    def test_unwritable_output_dir(self, run, courses, tmp_path):
        """An output folder that cannot be written is exit code 2 with a message naming it."""
        blocker = write_json(tmp_path / "taken", "x")
        result = run("score", courses, "--rubric", RUBRIC, "--as-of", AS_OF, "--output-dir", blocker / "out")
        assert result.exit_code == 2
        assert f"{blocker / 'out'}: cannot write reports to this folder" in result.stderr
        assert "Traceback" not in result.stderr

    def test_output_file_with_a_folder(self, run, courses, tmp_path):
        """-o with several courses is a usage error that points to --output-dir."""
        result = run("score", courses, "--rubric", RUBRIC, "-o", tmp_path / "x.html")
        assert result.exit_code == 2 and "--output-dir" in result.stderr

    def test_other_formats_need_output_dir(self, run, courses):
        """--format sarif on a folder without --output-dir says where the reports would go."""
        result = run("score", courses / "a-pass.json", courses / "b-fail.json", "--rubric", RUBRIC, "--as-of", AS_OF,
                     "--format", "sarif")
        assert "pass --output-dir DIR" in result.stderr


def test_rows_are_plain_values():
    """Rows are frozen values that compare by content."""
    assert CourseRow("a", "invalid", 2) == CourseRow("a", "invalid", 2)
    assert CourseRow("a", "invalid", 2).invalid


def test_progress_bar_callback():
    """The progress bar helper gives a callback when enabled and nothing when not."""
    import io

    from vetkit.render.portfolio import progress_bar

    with progress_bar(enabled=False) as progress:
        assert progress is None
    stream = io.StringIO()
    with progress_bar(enabled=True, file=stream) as progress:
        progress(1, 2, CourseRow("a.json", "recommended", 0))
        progress(2, 2, CourseRow("b.json", "invalid", 2))
