"""The fuzz harness, bounded for CI: mutations of the bundled examples (structure, text, numbers, sizes; as data,
JSON, YAML and damaged bytes) never make vetkit raise, never give an unlocated problem, and always render valid
output; the CLI never reports an internal error. `python bench/fuzz.py` runs the longer campaign."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vetkit
from fuzzing import example_documents, example_texts, examine_cli, examine_document, serialized, write_input
from vetkit.strategies import mutated_bytes, mutated_courses

DOCUMENTS = example_documents()
TEXTS = example_texts()
BOUNDED = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.function_scoped_fixture])
FORMATS = ("text", "json", "html", "markdown", "sarif", "junit")


@pytest.fixture(scope="module")
def engine():
    return vetkit.Engine(time_budget=10.0)


@BOUNDED
@given(mutated_courses(DOCUMENTS))
def test_mutated_data(engine, course):
    """A mutated course handed over as data is validated with located problems, or scored and rendered."""
    assert examine_document(course, engine, formats=FORMATS) == []


@BOUNDED
@given(mutated_courses(DOCUMENTS), st.sampled_from(["json", "yaml"]))
def test_mutated_text(engine, course, form):
    """The same as JSON text (any str, lone surrogates as escapes) or YAML text."""
    assert examine_document(serialized(course, form), engine, formats=("json",), format=form) == []


@BOUNDED
@given(st.sampled_from(TEXTS).flatmap(mutated_bytes))
def test_damaged_bytes(engine, raw):
    """Cut, spliced, flipped or re-encoded bytes of an example give located problems, never an exception."""
    assert examine_document(raw, engine) == []


@BOUNDED
@given(mutated_courses(DOCUMENTS) | st.sampled_from(TEXTS).flatmap(mutated_bytes),
       st.sampled_from(["text", "json", "sarif"]))
def test_cli(tmp_path_factory, data, fmt):
    """`vetkit score` on a mutated file exits 0, 1 or 2, prints valid output and never an internal error."""
    from vetkit.cli import main

    folder = tmp_path_factory.mktemp("fuzz")
    path = write_input(folder, "course.json", data)
    result = CliRunner().invoke(main, ["score", str(path), "--format", fmt, "--as-of", "2026-06-30"])
    assert examine_cli(result, json_out=fmt != "text") == []
