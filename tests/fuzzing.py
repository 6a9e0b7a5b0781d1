"""The fuzz harness's oracle: what vetkit must do with any input, shared by tests/test_fuzz.py (bounded, in CI)
and bench/fuzz.py (the longer campaign).

Each ``examine_*`` function feeds one input to vetkit and returns the violations it saw, as short
strings starting with their kind: ``internal:`` (an exception other than a VetkitError, or a CLI
"internal error"), ``unlocated:`` (a problem with neither a line nor a pointer, whole-file problems
aside), ``output:`` (a rendering that is not valid UTF-8, or JSON that does not parse). An empty list
means vetkit behaved. Hangs are the caller's to time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import vetkit
from vetkit.errors import Problem, VetkitError

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.json"))
AS_OF = "2026-06-30"

#: Problems about a whole file rather than a place in it: missing, unreadable, empty, or too large.
WHOLE_FILE = {"not-found", "io", "empty"}


def example_documents() -> list[dict]:
    """The bundled example courses as data, and vetkit's base course."""
    from vetkit.examples import base_course

    return [json.loads(path.read_text(encoding="utf-8")) for path in EXAMPLES] + [base_course()]


def example_texts() -> list[str]:
    """The bundled example courses as JSON and YAML text."""
    texts = [path.read_text(encoding="utf-8") for path in EXAMPLES]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs" / "examples").glob("*.yaml"))]
    return texts


def whole_file(problem: Problem) -> bool:
    """True for a problem about the whole file (its size, its existence), which has no line to give."""
    return problem.code in WHOLE_FILE or (problem.code == "limit" and problem.pointer is None
                                          and "bytes" in problem.message)


def unlocated(problems: Iterable[Problem]) -> list[str]:
    return [f"unlocated: {problem.format()}" for problem in problems
            if problem.line is None and problem.pointer is None and not whole_file(problem)]


def examine_document(source: Any, engine: vetkit.Engine, *, formats: Iterable[str] = (), name: str | None = None,
                     **options: Any) -> list[str]:
    """Validate ``source`` (data, bytes or a path); when it is valid, score it and render it in ``formats``."""
    violations: list[str] = []
    try:
        result = engine.validate(source, **options)
    except Exception as error:  # noqa: BLE001 - validate must never raise for bad input
        return [f"internal: validate raised {type(error).__name__}: {error}"[:300]]
    violations += unlocated(result.errors)
    if not result.valid:
        return violations
    try:
        report = engine.score(result.course, rubric="ht-training", as_of=AS_OF)
    except VetkitError as error:
        return violations + unlocated(error.problems)
    except Exception as error:  # noqa: BLE001
        return violations + [f"internal: score raised {type(error).__name__}: {error}"[:300]]
    for fmt in formats:
        try:
            rendered = engine.formats[fmt].render(report)
            data = rendered if isinstance(rendered, bytes) else vetkit_bytes(rendered)
            text = data.decode("utf-8")
            if fmt in ("json", "sarif"):
                json.loads(text)
        except Exception as error:  # noqa: BLE001
            violations.append(f"output: {fmt} of {name or 'a course'}: {type(error).__name__}: {error}"[:300])
    return violations


def vetkit_bytes(text: str) -> bytes:
    """The bytes vetkit writes for ``text`` (every writer goes through vetkit.safetext.encoded)."""
    from vetkit.safetext import encoded

    return encoded(text)


def examine_cli(result, *, json_out: bool) -> list[str]:
    """The violations in one `vetkit` run (a click ``Result``): exit codes, internal errors, invalid output."""
    violations = []
    stderr = result.stderr_bytes.decode("utf-8", "replace")
    if result.exit_code not in (0, 1, 2):
        violations.append(f"internal: exit code {result.exit_code}: {stderr[:200]}")
    if "internal error" in stderr or "Traceback" in stderr:
        violations.append(f"internal: {stderr.strip()[:300]}")
    try:
        stdout = result.stdout_bytes.decode("utf-8")
        if json_out and result.exit_code in (0, 1) and stdout:
            json.loads(stdout)
    except (UnicodeDecodeError, ValueError) as error:
        violations.append(f"output: stdout is not valid: {error}"[:300])
    return violations


def serialized(document: Any, form: str) -> bytes:
    """``document`` as JSON or YAML text (any str, lone surrogates included, however deep it is nested)."""
    import sys

    import yaml

    limit = sys.getrecursionlimit()
    digits = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    sys.setrecursionlimit(max(limit, 50_000))  # the mutations nest values thousands of levels deep
    if digits is not None:
        sys.set_int_max_str_digits(0)  # and write integers of thousands of digits
    try:
        if form == "json":
            return json.dumps(document).encode("ascii")
        return yaml.safe_dump(document, allow_unicode=True).encode("utf-8", "surrogatepass")
    finally:
        sys.setrecursionlimit(limit)
        if digits is not None:
            sys.set_int_max_str_digits(digits)


def write_input(folder: Path, name: str, data: Any) -> Path:
    """Write an input for the CLI: bytes as they are, anything else as JSON."""
    path = Path(os.path.join(folder, name))
    path.write_bytes(data if isinstance(data, bytes) else serialized(data, "json"))
    return path


# -- inputs only the campaign (bench/fuzz.py) draws -----------------------------------------------------


def yaml_specials():
    """YAML text of an example course with one to three of YAML's special constructs among its lines: aliases
    (some explosive), merge keys, tags, complex keys, several documents, directives, tabs, escapes, odd
    scalars, deep flow nesting, long lines."""
    from hypothesis import strategies as st

    bases = [[f"{key}: {json.dumps(value)}" for key, value in document.items()] for document in example_documents()]
    specials = st.sampled_from([
        "x-a: &a [1, 2, 3]\nx-b: [*a, *a, *a]",
        "x-a: &a " + json.dumps("word " * 20_000) + "\nx-b: [" + ", ".join(["*a"] * 400) + "]",
        "\n".join([f"x-l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" if n else "x-l0: &l0 [lol, lol]" for n in range(9)]),
        "x-loop: &loop [1, *loop]",
        "x-d: &d {minutes: 5}\nx-m:\n  <<: *d\n  <<: [*d, *d]\n  title: own",
        "x-m: {<<: [1, 2]}",
        "x-o: !!python/object/apply:os.system ['true']", "x-o: !!binary aGVsbG8=", "x-o: !!set {a, b}",
        "x-o: !!omap [a: 1]", "x-o: !custom thing", "x-o: !!timestamp 2025-01-01T00:00:00Z",
        "? [complex, key]\n: value", "? {a: 1}\n: value", "x-o: {[1]: 2}",
        "---\nsecond: document", "%YAML 1.1\n---\nx-o: 1", "x-o:\n\t- tab",
        'x-o: "\\ud800"', 'x-o: "\\U0001F600"', 'x-o: "\\x1b[31m\\0\\a"', "x-o: \x1b[31m",
        "x-o: 0x" + "f" * 300, "x-o: 1_000_000", "x-o: 1e400", "x-o: .nan", "x-o: -.inf", "x-o: 0o777", "x-o: 190:20:30",
        "x-o: ~", "x-o: [yes, no, on, off, Y, N]", "x-o: 2025-02-30", "x-o: " + "9" * 200,
        "x-o: " + "[" * 3000 + "]" * 3000, "x-o: " + "{a: " * 200 + "1" + "}" * 200, "x-o: " + "a" * 300_000,
        "x-o: |\n" + "  line\n" * 10_000, "x-o: >-\n  folded\n\n  text", "x-o: 'it''s'", "x-o: @reserved",
        "x-o: *undefined", "x-o: &a\nx-p: *a", "title: duplicate", "x-o: [a, b", "x-o: {a: 1,,}",
    ])

    def assemble(lines: list[str], inserted: list[tuple[str, int]]) -> bytes:
        lines = list(lines)
        for special, where in inserted:
            lines.insert(where % (len(lines) + 1), special)
        return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")

    return st.builds(assemble, st.sampled_from(bases),
                     st.lists(st.tuples(specials, st.integers(0, 200)), min_size=1, max_size=3))


#: Material file names that try to leave the course's folder, or that the operating system refuses.
ESCAPING_PATHS = ("../secret.md", "../../secret.md", "/etc/passwd", "..\\secret.md", "a/../../secret.md",
                  "%2e%2e/secret.md", "~/secret.md", "C:\\secret.md", "\\\\server\\share\\x.md", "file:///etc/passwd",
                  "link-out.md", "link-dir/secret.md", "x\x00y.md", "a" * 5000, ".", "", "sub/", "sub", "/",
                  "./../secret.md", "sub/../../secret.md", "\u202e../secret.md", "card.md/..", "card.md")

SECRET = "the secret outside the course folder"


def path_course(file: str) -> dict:
    """The base course with one material pointing at ``file``."""
    course = example_documents()[-1]
    course["materials"] = [{"id": "MAT1", "title": "Card", "type": "job-aid", "file": file}]
    return course


def path_folder(root: Path) -> Path:
    """A course folder inside ``root`` with a material, a sub-folder and links out; a secret file beside it."""
    folder = root / "course"
    (folder / "sub").mkdir(parents=True)
    (folder / "card.md").write_text("# Indicators\n", encoding="utf-8")
    (root / "secret.md").write_text(SECRET, encoding="utf-8")
    (folder / "link-out.md").symlink_to(root / "secret.md")
    (folder / "link-dir").symlink_to(root)
    return folder


def examine_path(file: str, folder: Path) -> list[str]:
    """A material path must never read outside the course folder; its problems must be located."""
    result = vetkit.validate(path_course(file), base_dir=folder)
    violations = unlocated(result.errors)
    read = result.course.material_text("/materials/0") if result.course is not None else None
    if read is not None and SECRET in read:
        violations.append(f"escape: material file {file!r} read outside the course folder")
    return violations


#: What each hook of a faulty plugin can do: behave, raise, exit, interrupt itself, hang, or hand over garbage.
FAULTS = ("none", "raise", "exit", "interrupt", "hang", "garbage")
HOOKS = ("rules", "rubrics", "vocabularies", "lexicons", "formats", "load_course", "check", "render")


def _fault(kind: str) -> None:
    if kind == "raise":
        raise RuntimeError("plugin broke")
    if kind == "exit":
        raise SystemExit(3)
    if kind == "interrupt":
        raise KeyboardInterrupt
    if kind == "hang":
        while True:
            pass


def faulty_plugin(faults: dict[str, str]):
    """A plugin named ``faulty`` whose every hook (and check, and renderer) does what ``faults`` says."""
    from vetkit.checking import Result

    def check(ctx):
        kind = faults["check"]
        _fault(kind)
        if kind == "garbage":
            return [Result("maybe", "?"), Result("fail", "nan", (), float("nan")), 42, Result("pass", "x", [42])][
                len(ctx.course.id) % 4]
        return ctx.failed("The fuzz rule always fails.", [ctx.finding("/title", "A finding.")], score=0.5)

    def render(report, **options):
        _fault(faults["render"])
        return 42 if faults["render"] == "garbage" else f"{report.verdict}\n"

    class Faulty:
        __name__ = "faulty"

        @vetkit.hookimpl
        def vetkit_register_rules(self, register):
            _fault(faults["rules"])
            if faults["rules"] == "garbage":
                register(42)
            register(vetkit.Rule(id="FZ-01", title="Fuzz", severity="warning", method="auto", rationale="r",
                                 how_to_fix="f", check=check))
            register(vetkit.Rule(id="TI-07", title="Clash", severity="error", method="auto", rationale="r",
                                 how_to_fix="f", check=check))

        @vetkit.hookimpl
        def vetkit_register_rubrics(self, register):
            _fault(faults["rubrics"])
            if faults["rubrics"] == "garbage":
                register([42, "missing.yaml", {"id": "fuzz"}, b"bytes"][len(faults) % 4])
            register({"id": "fuzz", "version": "1", "title": "Fuzz", "criteria": {"FZ-01": {}, "TI-07": {}}})

        @vetkit.hookimpl
        def vetkit_register_vocabularies(self, register):
            _fault(faults["vocabularies"])
            register("roles", 42 if faults["vocabularies"] == "garbage" else ["fuzz-role"])

        @vetkit.hookimpl
        def vetkit_register_lexicons(self, register):
            _fault(faults["lexicons"])
            register("myths", 42 if faults["lexicons"] == "garbage" else [
                {"id": "FZ1", "label": "fuzz", "patterns": ["fuzzword"], "severity": "warning"}])

        @vetkit.hookimpl
        def vetkit_register_formats(self, register):
            _fault(faults["formats"])
            if faults["formats"] == "garbage":
                register("json", render)
                register(42, render)
            register("fuzz", render, suffix=".fuzz")

        @vetkit.hookimpl
        def vetkit_load_course(self, path):
            _fault(faults["load_course"])
            return 42 if faults["load_course"] == "garbage" else None

    return Faulty()


def examine_plugin(faults: dict[str, str], course: dict, folder: Path) -> list[str]:
    """An engine with a faulty plugin loads, scores, renders and reads files with VetkitErrors at most."""
    violations = []
    try:
        engine = vetkit.Engine(plugins=[faulty_plugin(faults)], environ={"VETKIT_LOAD_PLUGINS": "trauma_informed"},
                               time_budget=0.2)
    except Exception as error:  # noqa: BLE001
        return [f"internal: Engine() raised {type(error).__name__}: {error}"[:300]]
    for rubric in ("fuzz", "ht-training"):
        try:
            report = engine.score(course, rubric=rubric, as_of=AS_OF)
        except VetkitError:
            continue
        except Exception as error:  # noqa: BLE001
            violations.append(f"internal: score raised {type(error).__name__}: {error}"[:300])
            continue
        for name, fmt in engine.formats.items():
            try:
                fmt.render(report)
            except vetkit.PluginError:
                if fmt.plugin != "faulty":
                    violations.append(f"internal: vetkit's format {name} failed")
            except Exception as error:  # noqa: BLE001
                violations.append(f"internal: format {name} raised {type(error).__name__}: {error}"[:300])
    export = folder / "course.fzz"
    export.write_text("{}", encoding="utf-8")
    try:
        engine.load_course(export)
    except VetkitError as error:
        violations += unlocated(error.problems) if any(p.file is None for p in error.problems) else []
    except Exception as error:  # noqa: BLE001
        violations.append(f"internal: load_course raised {type(error).__name__}: {error}"[:300])
    return violations
