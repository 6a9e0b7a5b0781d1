"""`vetkit import` and `vetkit score` on source files: drafts, placeholders, options, and the place of every finding."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from engine_helpers import assert_valid_report

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2026-11-25"
OPTIONS = ("--role", "patrol", "--experience", "in-service", "--level", "awareness", "--mode", "roll-call",
           "--provider", "Example Police Academy", "--jurisdiction", "US-TX")


def placeholders_left(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if "FILL IN:" in line]


class TestImportCommand:
    def test_writes_a_draft_and_says_what_is_left(self, cli, source, tmp_path):
        """The draft is written; stderr summarises it, names the sections not imported and the next step."""
        result = cli("import", source("plan.docx"), "-o", tmp_path / "course.yaml")
        assert result.exit_code == 0, result.stderr
        assert result.stdout == ""
        assert result.stderr.splitlines() == [
            "imported plan.docx: 2 modules, 4 objectives, 1 activities, 1 assessments, 2 references, 1 resources; "
            "5 value(s) to fill in: provider.name, audience.roles, audience.experience, level, delivery.modes",
            "note: not imported: section “Target audience” (plan.docx, heading “Target audience”); what it says "
            "about the audience belongs in audience.roles",
            f"wrote {tmp_path / 'course.yaml'}",
            f"next: fill in what is marked FILL IN, then vetkit validate {tmp_path / 'course.yaml'}"]
        assert yaml.safe_load((tmp_path / "course.yaml").read_text(encoding="utf-8"))["id"] == "plan"

    def test_tags_are_suggested_not_claimed(self, cli, source, tmp_path):
        """Each module's taught tags go under x-suggested with their confidence; no module claims a tag."""
        assert cli("import", source("plan.docx"), "-o", tmp_path / "course.yaml", *OPTIONS).exit_code == 0
        modules = yaml.safe_load((tmp_path / "course.yaml").read_text(encoding="utf-8"))["modules"]
        assert [(m["title"], "topics" in m, m["x-suggested"]) for m in modules] == [
            ("Module 1: Indicators", False, {"topics": {"labor-trafficking": 0.94, "myths": 0.45}}),
            ("Module 2: Referrals", False, {"topics": {"victim-centered": 0.76}})]
        assert cli("validate", tmp_path / "course.yaml").exit_code == 0

    def test_placeholders_are_located_validate_errors(self, cli, source, tmp_path):
        """`vetkit validate` on the draft reports each FILL IN as 'fill in FIELD' with its line, exit 2."""
        cli("import", source("plan.docx"), "-o", tmp_path / "course.yaml")
        result = cli("validate", tmp_path / "course.yaml")
        assert result.exit_code == 2
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert [re.sub(r"^.*course\.yaml:(\d+):\d+: error: (fill in [\w.]+):.*$", r"\1 \2", line) for line in errors] == [
            "7 fill in provider.name", "10 fill in audience.roles", "11 fill in audience.experience",
            "12 fill in level", "15 fill in delivery.modes"]
        assert "(at /audience/roles/0). Replace the FILL IN text with the course's own value" in result.stderr

    def test_options_fill_what_the_files_do_not_say(self, cli, source, tmp_path):
        """With the options given, the plan's draft validates as it is; the jurisdiction shorthand is expanded."""
        assert cli("import", source("plan.docx"), "-o", tmp_path / "course.yaml", *OPTIONS).exit_code == 0
        assert placeholders_left(tmp_path / "course.yaml") == []
        assert cli("validate", tmp_path / "course.yaml").exit_code == 0
        data = yaml.safe_load((tmp_path / "course.yaml").read_text(encoding="utf-8"))
        assert data["audience"] == {"roles": ["patrol"], "experience": "in-service"}
        assert data["jurisdiction"] == {"country": "US", "state": "TX"}
        assert data["delivery"] == {"modes": ["roll-call"], "totalMinutes": 105}

    def test_json_output_and_stdout(self, cli, source, tmp_path):
        """-o x.json writes JSON; without -o the YAML goes to stdout."""
        assert cli("import", source("dispatch.md"), "-o", tmp_path / "course.json").exit_code == 0
        assert json.loads((tmp_path / "course.json").read_text(encoding="utf-8"))["modules"][0]["minutes"] == 20
        result = cli("import", source("dispatch.md"))
        assert result.exit_code == 0 and yaml.safe_load(result.stdout)["title"] == "Trafficking awareness for dispatchers"

    @pytest.mark.parametrize("args, message", [
        (("-o", "out.txt"), "out.txt: write the course document to a .yaml or .json file\n"),
        (("--role", "patrl"), "unknown audience role 'patrl'; known roles: "),
        (("--jurisdiction", "Texas"), "jurisdiction 'Texas' is not a jurisdiction code; write \"US\", a U.S. state "
                                      "code such as \"TX\", an ISO 3166-2 code such as \"US-TX\", or the object form "
                                      "{country: US, state: TX}\n"),
        (("--jurisdiction", "ZZ"), "jurisdiction 'ZZ' is not a U.S. state or territory code; write \"US\""),
    ])
    def test_bad_arguments(self, cli, source, args, message):
        """A wrong output suffix, an unknown role or an unreadable jurisdiction: exit 2, one message."""
        result = cli("import", source("dispatch.md"), *args)
        assert result.exit_code == 2
        assert result.stderr.startswith(message) or message in result.stderr

    def test_existing_output_needs_force(self, cli, source, tmp_path):
        """An existing draft is not overwritten without --force (the reviewer may have filled it in)."""
        target = tmp_path / "course.yaml"
        target.write_text("mine", encoding="utf-8")
        result = cli("import", source("dispatch.md"), "-o", target)
        assert (result.exit_code, target.read_text(encoding="utf-8")) == (2, "mine")
        assert cli("import", source("dispatch.md"), "-o", target, "--force").exit_code == 0

    def test_a_course_document_is_not_imported(self, cli, source, tmp_path):
        """A .json course names the mistake."""
        (tmp_path / "course.json").write_text("{}", encoding="utf-8")
        result = cli("import", tmp_path / "course.json")
        assert result.exit_code == 2
        assert "a course document (.json, .yaml) needs no import" in result.stderr

    def test_missing_extra(self, cli, source, monkeypatch):
        """Without the import extra the command says which extra to install, exit 2."""
        deck = source("deck.pptx")
        monkeypatch.setitem(sys.modules, "pptx", None)
        result = cli("import", deck)
        assert result.exit_code == 2
        assert result.stderr == ("deck.pptx: importing a PowerPoint deck needs the import extra (module pptx is "
                                 "missing). Install it with: pip install 'vetkit[import]'\n")


class TestStartup:
    def test_cli_does_not_load_the_importers(self):
        """`vetkit --help` stays cheap: importing the CLI loads no importer and none of the import extra."""
        import subprocess

        done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import vetkit.cli"],
                              capture_output=True, text=True, timeout=60)
        modules = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
        assert "vetkit.cli" in modules
        assert sorted(m for m in modules if m.split(".")[0] in {"pptx", "docx", "pypdfium2", "lxml", "defusedxml",
                                                                 "markdown_it"} or m.startswith("vetkit.importers")) == []


class TestScoreSources:
    def test_deck_and_plan_scored_as_one_course_with_assumptions(self, cli, source):
        """Several source files are one course; the report lists each assumption made for it."""
        result = cli("score", source("deck.pptx"), source("plan.docx"), "--as-of", AS_OF, "--format", "json")
        assert result.exit_code == 1, result.stderr
        report = assert_valid_report(json.loads(result.stdout))
        assert report["course"]["file"] == "<imported from deck.pptx + plan.docx>"
        assert report["notices"][:3] == [
            "provider.name assumed provider not stated: who owns the course (--provider)",
            "audience.roles assumed multidisciplinary: who the course is for: roles such as patrol, investigator or "
            "dispatcher (--role)",
            "audience.experience assumed in-service: the audience's experience: recruit, in-service, specialist, "
            "supervisor or executive (--experience)"]
        assert not [r["ruleId"] for r in report["results"] if r["outcome"] == "error"]

    def test_options_leave_fewer_assumptions(self, cli, source):
        """Options given on the score command are facts, not assumptions."""
        result = cli("score", source("plan.docx"), "--as-of", AS_OF, "--format", "json", *OPTIONS)
        notices = json.loads(result.stdout)["notices"]
        assert [n for n in notices if " assumed " in n] == []

    def test_import_options_need_source_files(self, cli, examples_dir):
        """--role on a course document is a usage error."""
        result = cli("score", examples_dir / "roll-call-awareness.json", "--role", "patrol")
        assert result.exit_code == 2
        assert "apply to source files" in result.stderr


class TestPlantedTermInEveryFormat:
    """A stigmatizing term in slide 7's speaker notes is reported at deck.pptx, slide 7 (notes), in every format."""

    @pytest.fixture
    def pointer(self, source):
        import vetkit

        materials = vetkit.import_course([source("deck.pptx")]).data["materials"]
        return f"/materials/{next(i for i, m in enumerate(materials) if m['title'] == 'Talking to the person')}/text"

    def score(self, cli, source, fmt: str) -> str:
        result = cli("score", source("deck.pptx"), "--as-of", AS_OF, "--select", "TI-07", "--format", fmt)
        assert result.exit_code == 1, result.stderr
        return result.stdout

    def test_text(self, cli, source, pointer):
        assert f"- deck.pptx, slide 7 (notes) [{pointer}]: child prostitute (L01): “child prostitutes”" in self.score(cli, source, "text")

    def test_json(self, cli, source, pointer):
        report = assert_valid_report(json.loads(self.score(cli, source, "json")))
        findings = [f for f in report["results"][0]["findings"] if f["pointer"] == pointer]
        assert [f["source"] for f in findings] == [{"file": "deck.pptx", "at": "slide 7 (notes)"}]

    def test_markdown(self, cli, source, pointer):
        assert f"| deck.pptx, slide 7 (notes)<br>`{pointer}` |" in self.score(cli, source, "markdown")

    def test_html(self, cli, source, pointer):
        page = self.score(cli, source, "html")
        assert f'<strong class="source">deck.pptx, slide 7 (notes)</strong> <code class="pointer">{pointer}</code>' in page

    def test_junit(self, cli, source, pointer):
        assert f"- deck.pptx, slide 7 (notes) [{pointer}]: child prostitute (L01): “child prostitutes”" in self.score(cli, source, "junit")

    def test_sarif(self, cli, source, pointer):
        log = json.loads(self.score(cli, source, "sarif"))
        schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
        assert list(jsonschema.Draft4Validator(schema).iter_errors(log)) == []
        run = log["runs"][0]
        assert run["artifacts"] == [{"location": {"uri": "deck.pptx"}, "roles": ["analysisTarget"], "mimeType":
                                     "application/vnd.openxmlformats-officedocument.presentationml.presentation"}]
        result = next(r for r in run["results"]
                      if r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == pointer)
        assert result["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": "deck.pptx", "index": 0}}
        assert result["locations"][0]["message"] == {"text": "slide 7 (notes)"}

    def test_survives_the_written_draft(self, cli, source, tmp_path, pointer):
        """Imported, filled in and scored as a course document, the finding still names the slide, and the line."""
        target = tmp_path / "course.yaml"
        assert cli("import", source("deck.pptx"), "-o", target, *OPTIONS, "--minutes", "90").exit_code == 0
        text = target.read_text(encoding="utf-8")
        text = re.sub(r"'FILL IN: minutes of module[^']*'", "30", text).replace("'FILL IN: the course''s version, "
                                                                               "e.g. 1.0'", "'1.0'")
        target.write_text(text, encoding="utf-8")
        assert placeholders_left(target) == []
        result = cli("score", target, "--as-of", AS_OF, "--select", "TI-07")
        assert re.search(rf"- deck\.pptx, slide 7 \(notes\) \[{re.escape(pointer)} \(line \d+\)\]: child prostitute \(L01\): ", result.stdout)
