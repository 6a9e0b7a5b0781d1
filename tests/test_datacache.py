"""The cache of data built from vetkit's files: read back by later processes, keyed by content and code,
never required (off, unwritable or damaged, it only costs the time of building again), and what it gives
back is exactly what the builders make."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

import vetkit
from vetkit import datacache
from vetkit.lexical import patterns
from vetkit.tables import _parse
from vetkit.topics.evidence import _matcher as topic_matcher


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("VETKIT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_an_entry_is_built_once_and_read_back(folder):
    build, calls = counting({"rows": [1, 2.5, "x", None, True]})
    assert datacache.remembered("table", "content", build) == {"rows": [1, 2.5, "x", None, True]}
    assert datacache.remembered("table", "content", build) == {"rows": [1, 2.5, "x", None, True]}
    assert len(calls) == 1
    assert [path.name.split("-")[0] for path in folder.iterdir()] == ["table"]


def test_other_content_or_kind_is_another_entry(folder):
    build, calls = counting([1])
    datacache.remembered("table", "a", build)
    datacache.remembered("table", "b", build)
    datacache.remembered("patterns", "a", build)
    assert len(calls) == 3
    assert len(list(folder.iterdir())) == 3


def test_a_damaged_entry_is_built_again_and_replaced(folder):
    build, calls = counting({"a": 1})
    datacache.remembered("table", "content", build)
    (entry,) = folder.iterdir()
    entry.write_text('{"a": ', encoding="utf-8")
    assert datacache.remembered("table", "content", build) == {"a": 1}
    assert len(calls) == 2
    assert json.loads(entry.read_text(encoding="utf-8")) == {"a": 1}


def test_data_json_cannot_give_back_is_returned_as_built_and_not_kept(folder):
    for value in ({"when": dt.date(2026, 1, 2)}, {1: "int key"}, (1, 2), float("nan")):
        build, calls = counting(value)
        first = datacache.remembered("table", repr(value), build)
        assert first is value
        assert datacache.remembered("table", repr(value), build) is value
        assert len(calls) == 2
    assert not folder.exists() or list(folder.iterdir()) == []


def test_turned_off_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv("VETKIT_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    build, calls = counting([1])
    assert datacache.cache_folder() is None
    datacache.remembered("table", "content", build)
    datacache.remembered("table", "content", build)
    assert len(calls) == 2
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VETKIT_CACHE_DIR", str(blocker / "cache"))
    build, calls = counting({"a": [1]})
    assert datacache.remembered("table", "content", build) == {"a": [1]}
    assert datacache.remembered("table", "content", build) == {"a": [1]}
    assert len(calls) == 2


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("VETKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert datacache.cache_folder() == tmp_path / "vetkit"


def test_concurrent_processes_leave_one_whole_entry(folder):
    script = ("import sys; from vetkit import datacache; "
              "print(len(datacache.remembered('table', 'shared', lambda: {'n': list(range(50000))})['n']))")
    runs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) for _ in range(4)]
    assert [run.communicate()[0].strip() for run in runs] == ["50000"] * 4
    (entry,) = [path for path in folder.iterdir()]
    assert json.loads(entry.read_text(encoding="utf-8")) == {"n": list(range(50000))}


def test_every_shipped_pattern_comes_back_from_the_cache_as_compiled():
    """The cached form of every pattern of every lexicon, phrase set and topic cue rebuilds it exactly."""
    registry = vetkit.Engine().lexicons
    rules = [rule for name in registry.names() for rule in registry.get(name).matcher.rules]
    rules += list(topic_matcher().rules)
    specs = {(rule.pattern, rule.case_sensitive, rule.inflect) for rule in rules}
    specs |= {(source, False, True) for rule in rules for source in (*rule.near, *rule.unless_near, *rule.guards)}
    assert len(specs) > 2500
    for spec in specs:
        row = json.loads(json.dumps(patterns._row(spec)))
        assert patterns._from_row(spec, row) == patterns._compile(*spec), spec


def test_matchers_built_from_a_warm_cache_find_the_same_hits(folder, examples_dir):
    """A fresh process with the cache filled scores every example exactly as one without the cache."""
    script = ("import json, pathlib, sys, vetkit\n"
              "engine = vetkit.Engine()\n"
              "out = []\n"
              "for path in sys.argv[1:]:\n"
              "    report = engine.score(engine.load_course(pathlib.Path(path)), as_of='2026-06-30')\n"
              "    out.append([(r.rule_id, r.outcome, r.score, r.reason, [(f.pointer, f.message) for f in r.findings])\n"
              "                for r in report.results])\n"
              "print(json.dumps(out, sort_keys=True, default=str))\n")
    paths = [str(path) for path in sorted(examples_dir.glob("*.json"))
             if path.name != "dispatcher-call-taking.json"]

    def run(cache: str) -> str:
        done = subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, check=False,
                              env={**os.environ, "VETKIT_CACHE_DIR": cache})
        assert done.returncode == 0, done.stderr
        return done.stdout

    without = run("")
    assert run(str(folder)) == without  # fills the cache
    assert {path.name.split("-")[0] for path in folder.iterdir()} >= {"patterns", "table"}
    assert run(str(folder)) == without  # reads it


def test_tables_come_back_as_parsed(folder):
    text = "a: [1, 2.5, x]\nb: {c: null, d: true}\n"
    assert datacache.remembered("table", text, lambda: _parse(text)) == _parse(text)
    assert datacache.remembered("table", text, lambda: pytest.fail("built again")) == _parse(text)
