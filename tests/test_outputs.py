"""Outputs never destroy inputs: written atomically, never onto an input or a course, never replacing a file
that is not a regular file, keeping an existing file's mode; every write failure is exit 2 with the path
and the operating system's reason."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from engine_helpers import minimal_course

from vetkit import fileio
from vetkit.errors import WriteError
from vetkit.fileio import InputFiles, write_atomic


@pytest.fixture
def course(tmp_path) -> Path:
    path = tmp_path / "course.json"
    path.write_text(json.dumps(minimal_course(), indent=2), encoding="utf-8")
    return path


def untouched(path: Path, text: str) -> bool:
    return path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text


class TestWriteAtomic:
    def test_new_file_gets_the_default_mode(self, tmp_path):
        """A new file is created with 0666 less the umask, through no visible temporary file."""
        mask = os.umask(0o022)
        try:
            write_atomic(tmp_path / "r.txt", "report")
        finally:
            os.umask(mask)
        assert stat.S_IMODE((tmp_path / "r.txt").stat().st_mode) == 0o644
        assert [p.name for p in tmp_path.iterdir()] == ["r.txt"]

    def test_existing_mode_is_kept(self, tmp_path):
        """A 0600 file stays 0600 when a report replaces it."""
        target = tmp_path / "r.txt"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o600)
        write_atomic(target, "new")
        assert (target.read_text(encoding="utf-8"), stat.S_IMODE(target.stat().st_mode)) == ("new", 0o600)

    def test_never_onto_an_input(self, course):
        """A path that is an input of the run is refused, and the input is left as it was."""
        before = course.read_text(encoding="utf-8")
        with pytest.raises(WriteError) as caught:
            write_atomic(course, "report", inputs=InputFiles([course]))
        assert str(caught.value) == (f"{course}: cannot write the report here: this file is an input of this run "
                                     "(a course, review or rubric). Choose another output file.")
        assert untouched(course, before)

    def test_input_named_another_way(self, course):
        """The same file reached through another path (a hard link) is still an input."""
        other = course.with_name("same.json")
        os.link(course, other)
        with pytest.raises(WriteError, match="is an input of this run"):
            write_atomic(other, "report", inputs=InputFiles([course]))

    @pytest.mark.parametrize("kind", ["fifo", "symlink", "socket"])
    def test_special_files_are_not_replaced(self, tmp_path, kind):
        """A FIFO, a symbolic link or a socket is refused with its kind, and stays what it was."""
        target = tmp_path / "special"
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "symlink":
            (tmp_path / "real.txt").write_text("real", encoding="utf-8")
            target.symlink_to(tmp_path / "real.txt")
        else:
            import socket

            server = socket.socket(socket.AF_UNIX)
            server.bind(str(target))
        described = {"fifo": "a named pipe (FIFO)", "symlink": "a symbolic link", "socket": "a socket"}[kind]
        with pytest.raises(WriteError) as caught:
            write_atomic(target, "report")
        assert str(caught.value).startswith(f"{target}: cannot write the report here: this is {described}, "
                                            "not a regular file.")
        mode = os.lstat(target).st_mode
        assert {"fifo": stat.S_ISFIFO, "symlink": stat.S_ISLNK, "socket": stat.S_ISSOCK}[kind](mode)
        if kind == "symlink":
            assert (tmp_path / "real.txt").read_text(encoding="utf-8") == "real"

    def test_device_is_not_replaced(self):
        """A device such as /dev/null is refused (as root it would otherwise be replaced)."""
        before = os.lstat("/dev/null")
        with pytest.raises(WriteError, match="this is a character device, not a regular file"):
            write_atomic("/dev/null", "report")
        after = os.lstat("/dev/null")
        assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino

    @pytest.mark.parametrize("path", ["", ".", "folder"])
    def test_folders_and_empty_names(self, tmp_path, monkeypatch, path):
        """An empty name, `.` or a folder is refused with the reason."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "folder").mkdir()
        with pytest.raises(WriteError) as caught:
            write_atomic(path, "report")
        reason = "no file name was given" if path == "" else "this is a folder"
        assert reason in str(caught.value)

    @pytest.mark.parametrize(("failure", "reason"), [
        (errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied"), (errno.EROFS,
                                                                                          "Read-only file system")])
    def test_os_failures_name_the_path_and_reason(self, tmp_path, monkeypatch, failure, reason):
        """A failure while writing is a WriteError with the path and the OS reason; nothing is left behind."""
        target = tmp_path / "r.txt"
        target.write_text("old", encoding="utf-8")

        def failing_fsync(fd):
            raise OSError(failure, os.strerror(failure))

        monkeypatch.setattr(fileio.os, "fsync", failing_fsync)
        with pytest.raises(WriteError) as caught:
            write_atomic(target, "new")
        assert str(caught.value) == f"{target}: cannot write the report ({reason}). Nothing was changed."
        assert [p.name for p in tmp_path.iterdir()] == ["r.txt"] and target.read_text(encoding="utf-8") == "old"

    def test_folder_that_cannot_hold_a_temporary_file(self, tmp_path, monkeypatch):
        """When the folder refuses new files (read-only), the error names the path and the reason."""
        def refuse(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
        with pytest.raises(WriteError, match=r"r\.txt: cannot write the report \(Permission denied\)"):
            write_atomic(tmp_path / "r.txt", "new")


class TestScoreOutput:
    def test_report_onto_its_course(self, cli, course):
        """`score X.json -o X.json` exits 2 and leaves the course as it was."""
        before = course.read_text(encoding="utf-8")
        result = cli("score", course, "-o", course)
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (f"{course}: cannot write the report here: this file is an input of this run "
                                 "(a course, review or rubric). Choose another output file.\n")
        assert untouched(course, before)

    def test_report_onto_its_review_file(self, cli, course, tmp_path):
        """The review file is an input too."""
        review = tmp_path / "course.review.yaml"
        assert cli("review", "init", course).exit_code == 0
        before = review.read_text(encoding="utf-8")
        result = cli("score", course, "--review", review, "--format", "text", "-o", review)
        assert result.exit_code == 2 and "is an input of this run" in result.stderr
        assert untouched(review, before)

    def test_report_onto_a_fifo(self, cli, course, tmp_path):
        """-o onto a FIFO exits 2 without blocking and without replacing it."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        result = cli("score", course, "-o", fifo)
        assert result.exit_code == 2
        assert "this is a named pipe (FIFO), not a regular file" in result.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    def test_report_onto_dev_null(self, cli, course):
        """-o /dev/null exits 2 and /dev/null stays a device."""
        result = cli("score", course, "-o", "/dev/null")
        assert result.exit_code == 2 and "character device" in result.stderr
        assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)

    def test_report_onto_a_folder(self, cli, course, tmp_path, monkeypatch):
        """-o . exits 2 with the reason, not an internal error."""
        monkeypatch.chdir(tmp_path)
        result = cli("score", course, "-o", ".")
        assert result.exit_code == 2
        assert ".: cannot write the report here: this is a folder. Name a file inside it." in result.stderr

    @pytest.mark.parametrize(("command", "option"), [
        ("score", "-o"), ("score", "--output-dir"), ("review init", "-o"), ("import", "-o")])
    def test_an_empty_name_is_not_the_current_folder(self, cli, course, command, option, tmp_path, monkeypatch):
        """An empty output name exits 2 saying so; nothing is written to the current folder."""
        here = tmp_path / "here"
        here.mkdir()
        monkeypatch.chdir(here)
        result = cli(*command.split(), course, option, "")
        assert result.exit_code == 2
        assert "no name was given (an empty name is not the current folder): name what to write" in result.stderr
        assert list(here.iterdir()) == []

    def test_disk_full_exits_2(self, cli, course, tmp_path, monkeypatch):
        """A full disk while writing exits 2 with the path and the reason."""
        def full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(fileio.os, "fsync", full)
        target = tmp_path / "report.json"
        result = cli("score", course, "-o", target)
        assert result.exit_code == 2
        assert result.stderr == f"{target}: cannot write the report (No space left on device). Nothing was changed.\n"

    def test_review_init_onto_its_course(self, cli, course):
        """`review init X.json -o X.json --force` exits 2 and keeps the course: it is no answer file to merge into."""
        before = course.read_text(encoding="utf-8")
        result = cli("review", "init", course, "-o", course, "--force")
        assert result.exit_code == 2 and "this is not a review answer file" in result.stderr
        assert untouched(course, before)

    def test_init_onto_a_fifo(self, cli, tmp_path):
        """`init --force` onto a FIFO exits 2 and keeps it."""
        fifo = tmp_path / "course.yaml"
        os.mkfifo(fifo)
        result = cli("init", fifo, "--force")
        assert result.exit_code == 2 and "named pipe" in result.stderr
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


class TestOutputDir:
    def test_output_dir_is_the_courses_folder(self, cli, tmp_path):
        """--output-dir pointed at the courses' own folder writes the JSON reports beside them, not over them."""
        first = tmp_path / "a.json"
        second = tmp_path / "b.json"
        texts = {}
        for path in (first, second):
            texts[path] = json.dumps(minimal_course(), indent=2)
            path.write_text(texts[path], encoding="utf-8")
        result = cli("score", first, second, "--output-dir", tmp_path, "--format", "json")
        assert result.exit_code == 1, result.stderr
        assert all(untouched(path, text) for path, text in texts.items())
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "a-2.json", "a.json", "b-2.json", "b.json", "index.html", "summary.md"]
        assert json.loads((tmp_path / "a-2.json").read_text(encoding="utf-8"))["vetkit"] == "report/1"
        assert [c["report"] for c in json.loads(result.stdout)["courses"]] == ["a-2.json", "b-2.json"]

    def test_output_dir_is_the_folder_searched(self, cli, tmp_path):
        """`vetkit score DIR --output-dir DIR` scores the courses of DIR and writes the reports beside them; run
        again, it scores the same courses (its reports are not courses) and replaces its reports."""
        texts = {}
        for name in ("a.json", "b.json"):
            texts[tmp_path / name] = json.dumps(minimal_course(), indent=2)
            (tmp_path / name).write_text(texts[tmp_path / name], encoding="utf-8")
        for _ in range(2):
            result = cli("score", tmp_path, "--output-dir", tmp_path, "--format", "json")
            assert result.exit_code == 1, result.stderr
            assert [c["report"] for c in json.loads(result.stdout)["courses"]] == ["a-2.json", "b-2.json"]
            assert all(untouched(path, text) for path, text in texts.items())
            assert sorted(p.name for p in tmp_path.iterdir()) == [
                "a-2.json", "a.json", "b-2.json", "b.json", "index.html", "summary.md"]

    def test_output_dir_above_the_folder_searched(self, cli, tmp_path):
        """An output folder that holds the folder searched does not hide its courses."""
        courses = tmp_path / "courses"
        courses.mkdir()
        text = json.dumps(minimal_course())
        (courses / "a.json").write_text(text, encoding="utf-8")
        result = cli("score", courses, "--output-dir", tmp_path, "--format", "json")
        assert result.exit_code == 1, result.stderr
        assert untouched(courses / "a.json", text)
        assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["vetkit"] == "report/1"

    def test_course_files_already_in_the_output_dir(self, cli, tmp_path):
        """A course file already in the output folder (not scored: the folder is excluded) is never overwritten."""
        courses = tmp_path / "courses"
        out = tmp_path / "out"
        courses.mkdir()
        out.mkdir()
        (courses / "a.json").write_text(json.dumps(minimal_course()), encoding="utf-8")
        kept = json.dumps({**minimal_course(), "id": "OTHER"})
        (out / "a.json").write_text(kept, encoding="utf-8")
        result = cli("score", courses, "--output-dir", out, "--format", "json")
        assert result.exit_code == 1, result.stderr
        assert untouched(out / "a.json", kept)
        assert json.loads((out / "a-2.json").read_text(encoding="utf-8"))["course"]["id"] == "HT-101"

    def test_old_reports_are_replaced(self, cli, tmp_path):
        """A report left by an earlier run is not a course: the next run replaces it under the same name."""
        courses = tmp_path / "courses"
        courses.mkdir()
        (courses / "a.json").write_text(json.dumps(minimal_course()), encoding="utf-8")
        out = tmp_path / "out"
        assert cli("score", courses, "--output-dir", out, "--format", "json").exit_code == 1
        assert cli("score", courses, "--output-dir", out, "--format", "json").exit_code == 1
        assert sorted(p.name for p in out.iterdir()) == ["a.json", "index.html", "summary.md"]

    def test_report_target_that_is_a_symlink(self, cli, tmp_path):
        """A symbolic link where a report goes is refused with exit 2 and kept."""
        courses = tmp_path / "courses"
        courses.mkdir()
        (courses / "a.json").write_text(json.dumps(minimal_course()), encoding="utf-8")
        out = tmp_path / "out"
        out.mkdir()
        (tmp_path / "elsewhere.html").write_text("mine", encoding="utf-8")
        (out / "a.html").symlink_to(tmp_path / "elsewhere.html")
        result = cli("score", courses, "--output-dir", out, "--format", "html")
        assert result.exit_code == 2 and "this is a symbolic link, not a regular file" in result.stderr
        assert (out / "a.html").is_symlink() and (tmp_path / "elsewhere.html").read_text(encoding="utf-8") == "mine"
