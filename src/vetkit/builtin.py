"""vetkit's own contributions, registered like any plugin: the rubrics, the shared lexicons and the report formats."""

from __future__ import annotations

from importlib.resources import files

from .hookspecs import hookimpl
from .resources import data_dir

#: (name, renderer, suffix, description, portfolio renderer, diff renderer)
FORMATS = (
    ("text", "vetkit.render.text:render", ".txt", "for a person in a terminal",
     "vetkit.render.portfolio:render_text", "vetkit.render.diff:render_text"),
    ("json", "vetkit.render.json:render", ".json", "the report as JSON (schemas/report.schema.json)",
     "vetkit.render.portfolio:render_json", "vetkit.render.diff:render_json"),
    ("html", "vetkit.render.html:render", ".html", "one self-contained page to read or print to PDF",
     "vetkit.render.portfolio:render_html", None),
    ("markdown", "vetkit.render.markdown:render", ".md", "for a pull-request comment or a CI step summary",
     "vetkit.render.portfolio:render_markdown", "vetkit.render.diff:render_markdown"),
    ("sarif", "vetkit.render.sarif:render", ".sarif", "SARIF 2.1.0 for code-scanning tools", None, None),
    ("junit", "vetkit.render.junit:render", ".xml", "JUnit XML: one test case per criterion", None, None),
)


@hookimpl
def vetkit_register_rubrics(register):
    for entry in sorted(data_dir("rubrics").iterdir(), key=lambda e: e.name):
        if entry.name.endswith((".yaml", ".yml")):
            register(entry)


#: Lexicons and phrase sets read by rules of more than one plugin: (registered name, file in data/lexicons/).
LEXICONS = (
    ("stigmatizing-terms", "stigmatizing-terms.yaml"),
    ("myths", "myths.yaml"),
    ("leverage", "leverage.yaml"),
)


@hookimpl
def vetkit_register_lexicons(register):
    folder = files("vetkit").joinpath("data", "lexicons")
    for name, file_name in LEXICONS:
        register(name, folder / file_name)


@hookimpl
def vetkit_register_formats(register):
    for name, renderer, suffix, description, portfolio, diff in FORMATS:
        register(name, renderer, suffix=suffix, description=description, portfolio=portfolio, diff=diff)
