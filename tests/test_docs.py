"""The documentation cannot drift: its examples run, its references match the code, the site builds.

How the pages in docs/ are run (conventions for whoever writes them):

- Each page runs in a scratch folder holding a copy of ``docs/examples/`` (so that
  ``docs/examples/roll-call-awareness.json`` resolves), its blocks in page order.
- ```` ```sh ````: each command line runs in bash, with this environment's ``vetkit`` and
  ``python`` first on PATH; ``cd`` carries over to the next commands and blocks. A command must
  exit 0, unless it ends with a comment such as ``# exit code 1`` or ``# exit code 0 or 1``.
  A page whose commands ``pip install`` something runs in a throw-away environment layered over
  this one (tests/plugin_venv.py), so nothing is installed here.
- ```` ```python ````: executed in-process, the page's blocks sharing one namespace, in the page's
  current folder.
- A block with ``title="PATH"`` (any language) is a file: written to PATH, relative to the current
  folder; with ``<!-- append -->`` on the line before, appended to it.
- ```` ```text ````, ```` ```json ````, ```` ```yaml ```` and ```` ```toml ```` without a title are only shown.
- ``<!-- no-run ... -->`` on the line before a block leaves it out; keep those rare.

The example plugin's README (docs/examples/plugin/README.md) runs in tests/test_example_plugin.py.
"""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

import vetkit
from vetkit import hookspecs

from plugin_venv import LayeredVenv, describe

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
#: Pages not run here: the generators, course material, the example plugin (own test module).
NOT_PAGES = ("gen/", "examples/")
LANGUAGES = {"sh", "python", "text", "json", "yaml", "toml"}
RUNNABLE = {"sh", "python"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>.*)$")


def pages() -> list[str]:
    """Every hand-written Markdown page of the site, relative to docs/."""
    return sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md")
                  if not path.relative_to(DOCS).as_posix().startswith(NOT_PAGES))


class Block:
    """One fenced code block of a page."""

    def __init__(self, page: str, line: int, info: str, text: str, marker: str | None):
        self.page, self.line, self.text, self.marker = page, line, text, marker
        words = info.strip().split(None, 1)
        self.language = words[0] if words else ""
        title = re.search(r'title="([^"]+)"', info)
        self.title = title.group(1) if title else None

    @property
    def where(self) -> str:
        return f"docs/{self.page}:{self.line}"

    @property
    def runs(self) -> bool:
        return self.marker != "no-run" and (self.title is not None or self.language in RUNNABLE)


def blocks(page: str) -> list[Block]:
    """The fenced code blocks of a page, with the HTML comment just before each (if any)."""
    lines = (DOCS / page).read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        indent, fence, info = match.group("indent"), match.group("fence"), match.group("info")
        previous = next((line.strip() for line in reversed(lines[:index]) if line.strip()), "")
        marker = None
        if previous.startswith("<!-- no-run"):
            marker = "no-run"
        elif previous.startswith("<!-- append"):
            marker = "append"
        body = []
        index += 1
        while index < len(lines) and not lines[index].strip().startswith(fence):
            body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index])
            index += 1
        found.append(Block(page, index - len(body), info, "\n".join(body) + "\n", marker))
        index += 1
    return found


def commands(text: str) -> list[str]:
    """The command lines of an sh block (backslash continuations joined, comments and blanks dropped)."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def expected_codes(command: str) -> set[int]:
    """Exit codes a command may end with: 0, or those its ``# exit code N [or M]`` comment names."""
    match = re.search(r"#\s*exit code ([0-9][0-9 ,or]*)", command)
    return {int(code) for code in re.findall(r"\d+", match.group(1))} if match else {0}


class PageRun:
    """Runs the blocks of one page in a scratch folder; keeps each command's output."""

    def __init__(self, page: str, work: Path):
        self.page = page
        self.blocks = blocks(page)
        self.root = work / "root"
        shutil.copytree(EXAMPLES, self.root / "docs" / "examples",
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache"))
        self.cwd = self.root
        self.state = work / "cwd"
        self.namespace: dict = {"__name__": "__docs__"}
        self.outputs: list[tuple[str, subprocess.CompletedProcess]] = []
        installs = any(b.language == "sh" and b.runs and re.search(r"\bpip install\b", b.text) for b in self.blocks)
        self.venv = LayeredVenv(work / "venv") if installs else None
        assert not (self.venv and any(b.language == "python" and b.runs and b.title is None for b in self.blocks)), \
            f"docs/{page} installs packages, so its Python examples must be files (title=...) run by a command"

    @property
    def environ(self) -> dict[str, str]:
        if self.venv is not None:
            return self.venv.environ
        environ = {key: value for key, value in os.environ.items()
                   if key not in ("VETKIT_LOAD_PLUGINS", "VETKIT_DISABLE_PLUGINS")}
        environ.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{environ.get('PATH', '')}", NO_COLOR="1")
        return environ

    def run(self) -> None:
        for block in self.blocks:
            if not block.runs:
                continue
            if block.title is not None:
                self.write(block)
            elif block.language == "sh":
                for command in commands(block.text):
                    self.shell(block, command)
            elif block.language == "python":
                self.python(block)

    def write(self, block: Block) -> None:
        path = (self.cwd / block.title).resolve()
        assert path.is_relative_to(self.root.resolve()), f"{block.where}: {block.title} is outside the scratch folder"
        path.parent.mkdir(parents=True, exist_ok=True)
        if block.marker == "append":
            assert path.is_file(), f"{block.where}: appends to {block.title}, which does not exist yet"
            existing = path.read_text(encoding="utf-8")
            separator = "" if existing.endswith("\n") else "\n"
            if path.suffix == ".py":
                separator += "\n\n"
            path.write_text(existing + separator + block.text, encoding="utf-8")
        else:
            path.write_text(block.text, encoding="utf-8")

    def shell(self, block: Block, command: str) -> None:
        assert not command.lstrip().startswith(("$", "export ")), f"{block.where}: write commands without prompts or exports"
        self.state.write_text(str(self.cwd), encoding="utf-8")
        script = f'cd "$(cat {str(self.state)!r})" || exit 97\n{command}\n__rc=$?\npwd > {str(self.state)!r}\nexit $__rc\n'
        result = subprocess.run(["bash", "-c", script], env=self.environ, capture_output=True, text=True, timeout=600)
        self.cwd = Path(self.state.read_text(encoding="utf-8").strip())
        self.outputs.append((command, result))
        if result.returncode in expected_codes(command):
            return
        pytest.fail(f"{block.where}: `{command}` ended with {describe(result)}", pytrace=False)

    def python(self, block: Block) -> None:
        code = compile("\n" * block.line + block.text, str(DOCS / block.page), "exec")  # page line numbers
        previous = Path.cwd()
        os.chdir(self.cwd)
        try:
            exec(code, self.namespace)
        finally:
            os.chdir(previous)

    def output(self, command: str, occurrence: int = -1) -> subprocess.CompletedProcess:
        """The result of a command that ran (the last time it ran, by default)."""
        matching = [result for line, result in self.outputs if line.split("#")[0].strip() == command]
        assert matching, f"`{command}` did not run; commands run: {[line for line, _ in self.outputs]}"
        return matching[occurrence]


RUN_PAGES = [page for page in pages() if page != "plugins/writing.md" and any(b.runs for b in blocks(page))]


@pytest.mark.parametrize("page", RUN_PAGES)
def test_page_examples_run(page, tmp_path):
    """Every command and Python example of the page runs and ends as the page says."""
    run = PageRun(page, tmp_path)
    run.run()


class TestWritingAPluginWalkthrough:
    def test_walkthrough(self, tmp_path):
        """docs/plugins/writing.md, as written: generate a plugin, test it, install it, add PL-02, see it scored."""
        run = PageRun("plugins/writing.md", tmp_path)
        run.run()
        assert re.search(r"\b4 passed\b", run.output("python -m pytest", 0).stdout)
        assert re.search(r"\b6 passed\b", run.output("python -m pytest", 1).stdout)
        plugins = run.output("vetkit plugins").stdout
        assert re.search(r"^plain-language\s+0\.1\.0\s+vetkit-plain-language\s+loaded\s+1$", plugins, re.MULTILINE)
        rules = run.output("vetkit rules --plugin plain-language").stdout
        assert "PL-01" in rules and "PL-02" in rules and "2 rule(s)" in rules
        first = run.output("vetkit score ../course.yaml --rubric plain-language", 0)
        assert first.stdout.startswith("DOES-NOT-MEET") and "PL-02" not in first.stdout
        verbose = run.output("vetkit score ../course.yaml --rubric plain-language -v").stdout
        assert "PL-01" in verbose and "PL-02" in verbose
        assert run.output("vetkit score ../course.yaml --rubric plain-language").stdout.startswith("MEETS")
        assert (tmp_path / "root" / "vetkit-plain-language" / "src" / "vetkit_plain_language" / "rules" / "PL-02.yaml").is_file()


class TestCodeBlocks:
    @pytest.mark.parametrize("page", pages())
    def test_blocks_are_marked(self, page):
        """Every block names a known language, so that no command or Python example escapes the runner."""
        for block in blocks(page):
            assert block.language in LANGUAGES, f"{block.where}: use one of {sorted(LANGUAGES)}, not {block.language!r}"

    def test_few_blocks_are_left_out(self):
        """Blocks marked no-run stay rare."""
        left_out = [block.where for page in pages() for block in blocks(page) if block.marker == "no-run"]
        assert len(left_out) <= 4, left_out

    def test_exit_code_comments(self):
        """The exit-code comments of commands parse as the runner reads them."""
        assert expected_codes("vetkit validate x.json") == {0}
        assert expected_codes("vetkit score x.json    # exit code 1: does-not-meet") == {1}
        assert expected_codes("vetkit score x.json  # exit code 0 or 1") == {0, 1}


# -- references that must match the code -----------------------------------------------------

HOOKS_PAGE = (DOCS / "plugins" / "hooks.md").read_text(encoding="utf-8")
HOOKS = sorted(name for name in vars(hookspecs) if name.startswith("vetkit_"))


class TestHookReference:
    @pytest.mark.parametrize("name", HOOKS)
    def test_hook_is_documented(self, name):
        """docs/plugins/hooks.md has a heading with each hook's exact signature."""
        params = ", ".join(inspect.signature(getattr(hookspecs, name)).parameters)
        assert f"\n## {name}({params})\n" in HOOKS_PAGE, f"document {name}({params}) in docs/plugins/hooks.md"

    def test_no_stale_hook_is_documented(self):
        """Every hook heading in the page names a hook that exists."""
        documented = re.findall(r"^## (vetkit_\w+)\(", HOOKS_PAGE, re.MULTILINE)
        assert sorted(documented) == HOOKS

    def test_first_result_hooks_say_so(self):
        """A firstresult hook's section says that the first non-None answer wins."""
        for name in HOOKS:
            options = getattr(getattr(hookspecs, name), "vetkit_spec", {})
            if options.get("firstresult"):
                section = HOOKS_PAGE.split(f"## {name}(", 1)[1].split("\n## ", 1)[0]
                assert "first-result hook" in section, name


def test_rule_fields_are_documented():
    """Every field of the rule schema has a row in the rule-file table of docs/plugins/writing.md."""
    from vetkit.schemas import schema

    page = (DOCS / "plugins" / "writing.md").read_text(encoding="utf-8")
    for field in schema("rule")["properties"]:
        assert f"\n| `{field}` |" in page, f"document the rule field {field} in docs/plugins/writing.md"


# -- the generated pages and the site --------------------------------------------------------


@lru_cache(maxsize=1)
def generated_pages() -> dict[str, tuple[str, str]]:
    """What docs/gen/hooks.py adds to the site: ``{path: (nav title, markdown)}``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("vetkit_docs_hooks", DOCS / "gen" / "hooks.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    return hooks.generated()


class TestGeneratedPages:
    def test_not_committed(self):
        """Generated pages exist only in the built site, never as files in docs/ that could go stale."""
        committed = [path for path in generated_pages() if (DOCS / path).exists()]
        assert not committed, f"delete these generated copies: {committed}"

    def test_course_format_has_a_page_per_object(self):
        """Each object of the course schema, and the top level, has a page listing every field."""
        from vetkit.schemas import schema

        course = schema("course")
        objects = {name: definition for name, definition in course["$defs"].items()
                   if definition.get("type") == "object" and "properties" in definition}
        texts = {title: text for title, text in generated_pages().values()}
        for name, definition in {"Course (top level)": course, **objects}.items():
            for field in definition["properties"]:
                assert f"| `{field}` |" in texts[name], f"{name}.{field} missing from the course-format pages"

    def test_criteria_pages_cover_the_builtin_rules(self):
        """Every rule of vetkit's own plugins is documented under its category, whatever is installed."""
        engine = vetkit.Engine(environ={})
        own = {info.name for info in engine.plugins if info.distribution == "vetkit"}
        pages = generated_pages()
        for rule in engine.rules.values():
            if rule.plugin in own:
                title, text = pages[f"criteria/{rule.category}.md"]
                assert f"## {rule.id}: " in text and title == rule.category_title

    def test_sources_page_lists_every_source(self):
        """The bibliography page has a section per source key with its citation and every address."""
        from vetkit.bibliography import sources

        text = generated_pages()["reference/sources.md"][1]
        for key, source in sources().items():
            assert f"\n## {key}: {source.name} {{#" in text, key
            assert f"\n\n{source.citation}\n" in text, key
            assert all(f"- <{url}>" in text for url in source.urls), key

    def test_tag_glossary_names_the_criteria_that_read_each_tag(self):
        """Each tag row ends with the criteria that read it, linked to their documentation."""
        text = generated_pages()["reference/tags.md"][1]
        assert "| tag | meaning | for example | read by |" in text
        row = next(line for line in text.splitlines() if line.startswith("| `labor-trafficking` |"))
        assert row.endswith("| [CV-01](../criteria/coverage.md#cv-01), [LO-04](../criteria/learning.md#lo-04) |")

    def test_cli_reference_lists_every_command(self):
        """The command-line page has a section per command and subcommand."""
        from vetkit.cli import main

        text = generated_pages()["reference/cli.md"][1]
        names = ["vetkit"] + [f"vetkit {name}" for name in main.commands]
        for name in names:
            assert f"\n## {name} {{#" in text, name


def test_site_builds_strict(tmp_path):
    """`mkdocs build --strict` succeeds: no broken link, anchor or nav entry, every page in the nav."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
                             str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, describe(result)
    assert "WARNING" not in result.stderr, result.stderr
    site = tmp_path / "site"
    for page in ("getting-started", "plugins/writing", "plugins/hooks", "reference/cli", "course-format/module",
                 "course-format/types", "criteria", "examples/plugin"):
        assert (site / page / "index.html").is_file(), page
    assert not (site / "gen").exists(), "the generators are not published"
    assert "new-plugin" in (site / "reference" / "cli" / "index.html").read_text(encoding="utf-8")


def test_bundled_examples_table_matches_their_reports():
    """Getting started states each bundled example's verdict, score and reason, as vetkit reports them."""
    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[(?P<file>[\w-]+\.json)\]\(examples/[\w-]+\.json\)[^|]*\| `(?P<verdict>[\w-]+)` "
                      r"\| (?P<score>[\d.]+) \| (?P<why>[^|]+) \|$", text, flags=re.MULTILINE)
    assert sorted(row[0] for row in rows) == sorted(path.name for path in EXAMPLES.glob("*.json"))
    engine = vetkit.Engine()
    for file, verdict, score, why in rows:
        report = engine.score(vetkit.load_course(EXAMPLES / file), as_of=dt.date(2026, 11, 25))
        assert (report.verdict, f"{report.score.value:.1f}", report.verdict_reason) == (verdict, score, why), file
