"""vetkit's own contributions, registered like any plugin: the rubrics and the report formats."""

from __future__ import annotations

from .hookspecs import hookimpl
from .resources import data_dir

FORMATS = (
    ("text", "vetkit.render.text:render", ".txt", "for a person in a terminal"),
    ("json", "vetkit.render.json:render", ".json", "the report as JSON (schemas/report.schema.json)"),
    ("html", "vetkit.render.html:render", ".html", "one self-contained page to read or print to PDF"),
    ("markdown", "vetkit.render.markdown:render", ".md", "for a pull-request comment or a CI step summary"),
    ("sarif", "vetkit.render.sarif:render", ".sarif", "SARIF 2.1.0 for code-scanning tools"),
    ("junit", "vetkit.render.junit:render", ".xml", "JUnit XML: one test case per criterion"),
)


@hookimpl
def vetkit_register_rubrics(register):
    for entry in sorted(data_dir("rubrics").iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            register(entry)


@hookimpl
def vetkit_register_formats(register):
    for name, renderer, suffix, description in FORMATS:
        register(name, renderer, suffix=suffix, description=description)
