"""The command line: validate, schema and init, exit codes, where output goes, and start-up cost."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import vetkit
from test_loading import BASE_JSON, BASE_YAML, CASES, edit, materialize

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted(path for pattern in ("*.json", "*.yaml") for path in (ROOT / "docs" / "examples").glob(pattern)
                  if not path.name.endswith(".review.yaml"))  # the reviewer answers that come with an example
WARNING_ONLY = edit(BASE_YAML, "topics: [labor-trafficking,", "topics: [labour-trafficking,")


class TestVersionAndHelp:
    @pytest.mark.parametrize("flag", ["--version", "-V"])
    def test_version(self, cli, flag):
        """--version prints the program name and version on stdout and exits 0."""
        result = cli(flag)
        assert result.exit_code == 0
        assert result.stdout == f"vetkit, version {vetkit.__version__}\n"

    @pytest.mark.parametrize("args", [["--help"], ["-h"], ["validate", "--help"], ["init", "--help"]])
    def test_help(self, cli, args):
        """Help is printed on stdout with exit code 0."""
        result = cli(*args)
        assert result.exit_code == 0
        assert "Usage:" in result.stdout


class TestValidate:
    @pytest.mark.parametrize("path", EXAMPLES or [None], ids=[p.name for p in EXAMPLES] or ["no-examples"])
    def test_example_is_valid(self, cli, path):
        """Each example in docs/examples exits 0 with one status line on stdout and nothing on stderr."""
        assert path is not None, "docs/examples has no examples"
        result = cli("validate", path)
        assert result.exit_code == 0, result.stderr
        assert result.stdout == f"{path}: valid (0 error(s), 0 warning(s))\n"
        assert result.stderr == ""

    def test_broken_file(self, cli, write):
        """A broken file exits 2; stdout is empty; stderr has one paragraph per problem, then the status."""
        path = write("course.json", edit(BASE_JSON, '"level": "awareness"', '"level": "aware"'))
        result = cli("validate", path)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            f'{path}:8:3: error: "aware" is not an allowed value (at /level). Did you mean `awareness`?\n'
            f"{path}: invalid (1 error(s), 0 warning(s))\n")

    def test_syntax_error_paragraph(self, cli, write):
        """A syntax error has no pointer: the paragraph is location, message and hint."""
        path = write("course.json", '{"vetkit": "1.0" "id": "HT-101"}')
        result = cli("validate", path)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"{path}:1:18: error: invalid JSON: expecting ',' delimiter. "
            "A comma is missing between two items, or a string is not closed",
            f"{path}: invalid (1 error(s), 0 warning(s))"]

    def test_several_files(self, cli, write):
        """With several files, each gets its status line; one invalid file makes the exit code 2."""
        good = write("good.yaml", BASE_YAML)
        bad = write("bad.yaml", edit(BASE_YAML, "level: awareness", "level: expert"))
        result = cli("validate", good, bad)
        assert result.exit_code == 2
        assert result.stdout == f"{good}: valid (0 error(s), 0 warning(s))\n"
        assert result.stderr.endswith(f"{bad}: invalid (1 error(s), 0 warning(s))\n")

    def test_missing_file(self, cli, tmp_path):
        """A missing file is a problem paragraph and exit 2, not a usage error."""
        path = tmp_path / "nope.json"
        result = cli("validate", path)
        assert result.exit_code == 2
        assert result.stderr == f"{path}: error: file not found. Check the path\n{path}: invalid (1 error(s), 0 warning(s))\n"

    def test_warning_only_file_is_valid(self, cli, write):
        """A file with only warnings exits 0; the warning goes to stderr and the status to stdout."""
        path = write("course.yaml", WARNING_ONLY)
        result = cli("validate", path)
        assert result.exit_code == 0
        assert result.stderr == (f"{path}:22:14: warning: unknown topic tag `labour-trafficking` "
                                 "(at /modules/0/topics/0). Did you mean `labor-trafficking`?\n")
        assert result.stdout == f"{path}: valid (0 error(s), 1 warning(s))\n"

    def test_strict_makes_warnings_fail(self, cli, write):
        """--strict makes a warning-only file exit 2, with its status on stderr."""
        path = write("course.yaml", WARNING_ONLY)
        result = cli("validate", "--strict", path)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr.endswith(f"{path}: invalid (0 error(s), 1 warning(s))\n")

    def test_max_bytes(self, cli, write):
        """--max-bytes refuses a larger file with a hint naming the option; a large enough limit accepts it."""
        path = write("course.json", BASE_JSON)
        refused = cli("validate", "--max-bytes", 100, path)
        assert refused.exit_code == 2
        assert "over the limit of 100 bytes. Split the document or raise the limit with --max-bytes" in refused.stderr
        assert cli("validate", "--max-bytes", len(BASE_JSON), path).exit_code == 0

    @pytest.mark.parametrize("args", [["validate"], ["validate", "--max-bytes", "0", "x.json"],
                                      ["validate", "--format", "xml", "x.json"], ["frobnicate"]])
    def test_usage_errors_exit_2(self, cli, args):
        """Usage errors (no file, a bad option value, an unknown command) exit 2 with a message on stderr."""
        result = cli(*args)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert "Error:" in result.stderr


class TestValidateJson:
    def test_json_output(self, cli, write):
        """--format json prints one JSON document on stdout with a file entry per input, and nothing on stderr."""
        good = write("good.json", BASE_JSON)
        bad = write("bad.json", edit(BASE_JSON, '"level": "awareness"', '"level": "aware"'))
        result = cli("validate", "--format", "json", good, bad)
        assert result.exit_code == 2
        assert result.stderr == ""
        report = json.loads(result.stdout)
        assert set(report) == {"vetkit", "files"}
        assert report["vetkit"] == "validate/1"
        assert [(entry["file"], entry["valid"]) for entry in report["files"]] == [(str(good), True), (str(bad), False)]
        assert all(set(entry) == {"file", "valid", "errors", "warnings"} for entry in report["files"])
        (error,) = report["files"][1]["errors"]
        assert error == {"severity": "error", "code": "schema", "message": '"aware" is not an allowed value',
                         "file": str(bad), "line": 8, "column": 3, "pointer": "/level",
                         "hint": "did you mean `awareness`?"}

    def test_json_output_valid(self, cli, write):
        """--format json exits 0 for a valid file."""
        result = cli("validate", "--format", "json", write("course.yaml", BASE_YAML))
        assert result.exit_code == 0
        assert json.loads(result.stdout)["files"][0]["errors"] == []

    @pytest.mark.parametrize("strict, exit_code", [(False, 0), (True, 2)])
    def test_json_output_strict(self, cli, write, strict, exit_code):
        """In JSON output a warning is listed under warnings, and --strict marks the file invalid."""
        result = cli("validate", "--format", "json", *(["--strict"] if strict else []), write("c.yaml", WARNING_ONLY))
        assert result.exit_code == exit_code
        (entry,) = json.loads(result.stdout)["files"]
        assert entry["valid"] is not strict
        assert [warning["pointer"] for warning in entry["warnings"]] == ["/modules/0/topics/0"]


class TestNoTraceback:
    @pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
    def test_broken_documents_never_show_a_traceback(self, cli, case, tmp_path):
        """No broken document of the loading table makes the CLI crash or print a traceback."""
        result = cli("validate", materialize(case, tmp_path), *case.args)
        assert "Traceback" not in result.stderr
        assert "Traceback" not in result.stdout
        assert isinstance(result.exception, (SystemExit, type(None))), result.exception
        assert result.exit_code in (0, 2)

    def test_internal_error_is_one_paragraph(self, cli, write, monkeypatch):
        """An unexpected exception is reported once, without a traceback, with exit code 2."""
        import vetkit.loading

        def boom(*args, **kwargs):
            raise RuntimeError("boom")

        monkeypatch.setattr(vetkit.loading, "validate", boom)
        result = cli("validate", write("course.json", BASE_JSON))
        assert result.exit_code == 2
        assert result.stderr == ("vetkit: internal error: RuntimeError: boom. "
                                 "Run again with --debug for the traceback and report it.\n")

    def test_debug_lets_the_exception_through(self, cli, write, monkeypatch):
        """With --debug the internal error propagates so that its traceback can be seen."""
        import vetkit.loading

        monkeypatch.setattr(vetkit.loading, "validate", lambda *a, **k: 1 / 0)
        result = cli("--debug", "validate", write("course.json", BASE_JSON))
        assert isinstance(result.exception, ZeroDivisionError)

    def test_real_process_stderr(self, tmp_path):
        """The installed `vetkit` script reports a broken file on stderr with exit 2 and no traceback."""
        path = tmp_path / "course.yaml"
        path.write_text("a:\n\tb: 1\n", encoding="utf-8")
        script = Path(sys.executable).with_name("vetkit")
        command = [str(script)] if script.exists() else [sys.executable, "-c", "from vetkit.cli import main; main()"]
        done = subprocess.run([*command, "validate", str(path)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.startswith(f"{path}:2:1: error: invalid YAML")
        assert "Traceback" not in done.stderr


class TestSchema:
    def test_schema_course_is_the_file(self, cli):
        """`vetkit schema course` prints schemas/course.schema.json exactly, and it parses as JSON."""
        result = cli("schema", "course")
        assert result.exit_code == 0
        text = (ROOT / "schemas" / "course.schema.json").read_text(encoding="utf-8")
        assert result.stdout == text
        assert json.loads(result.stdout) == json.loads(text)

    def test_unknown_schema(self, cli):
        """An unknown schema name is a usage error listing the choices."""
        result = cli("schema", "nope")
        assert result.exit_code == 2
        assert "course" in result.stderr


class TestInit:
    def test_init_writes_a_valid_course(self, cli, tmp_path):
        """init writes a starter course that validates with no errors and no warnings."""
        path = tmp_path / "course.yaml"
        result = cli("init", path)
        assert result.exit_code == 0
        assert result.stdout == f"wrote {path}; next: vetkit validate {path}\n"
        validation = vetkit.validate(path)
        assert validation.errors == () and validation.warnings == ()
        assert cli("validate", path).exit_code == 0

    def test_init_default_path(self, cli, tmp_path, monkeypatch):
        """Without a path, init writes course.yaml in the current folder."""
        monkeypatch.chdir(tmp_path)
        assert cli("init").exit_code == 0
        assert vetkit.validate(tmp_path / "course.yaml").valid

    def test_init_refuses_to_overwrite(self, cli, write):
        """init refuses an existing file (exit 2, a message naming --force) and leaves it unchanged."""
        path = write("course.yaml", "mine\n")
        result = cli("init", path)
        assert result.exit_code == 2
        assert result.stderr == f"{path}: already exists. Choose another path, or pass --force to overwrite it.\n"
        assert path.read_text(encoding="utf-8") == "mine\n"

    def test_init_force_overwrites(self, cli, write):
        """init --force overwrites an existing file with the starter course."""
        path = write("course.yaml", "mine\n")
        assert cli("init", "--force", path).exit_code == 0
        assert vetkit.validate(path).valid

    def test_init_missing_folder(self, cli, tmp_path):
        """init into a folder that does not exist is an error naming the folder, and creates nothing."""
        path = tmp_path / "missing" / "course.yaml"
        result = cli("init", path)
        assert result.exit_code == 2
        assert result.stderr == f"{path}: the folder {path.parent} does not exist. Create it first.\n"
        assert not path.parent.exists()

    def test_init_leaves_no_temporary_files(self, cli, tmp_path):
        """init writes atomically and leaves only the course file behind."""
        assert cli("init", tmp_path / "course.yaml").exit_code == 0
        assert [p.name for p in tmp_path.iterdir()] == ["course.yaml"]


class TestStartup:
    def test_cli_import_is_light(self):
        """Importing vetkit.cli loads neither jsonschema nor yaml (python -X importtime)."""
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import vetkit.cli"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        modules = {match.group(1).strip() for match in re.finditer(r"^import time:[^|]*\|[^|]*\|(.*)$",
                                                                   done.stderr, re.MULTILINE)}
        assert "vetkit.cli" in modules
        heavy = sorted(name for name in modules
                       if name.split(".")[0] in {"jsonschema", "jsonschema_specifications", "yaml", "_yaml",
                                                 "referencing"})
        assert heavy == []
