"""The core's fast paths give exactly what the straightforward code gave (see bench/README.md)."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict, namedtuple
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vetkit
from vetkit import rules as rules_module
from vetkit import yamlload
from vetkit.course import Course, freeze, thaw
from vetkit.engine import _located
from vetkit.parsing import DEFAULT_LIMITS, Limits, parse
from vetkit.report import Finding
from vetkit.sourcemap import _json_offsets_checked, json_offsets

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.json"))
RULE_YAML = """id: XX-01
title: A rule
severity: warning
method: [auto]
rationale: Because.
how_to_fix: Fix it.
check: "vetkit_xx:check"
parameters: {limit: 3}
examples:
  - {name: ok, expect: pass, course: {title: "A course"}}
  - {name: bad, expect: fail, course: {title: "B course"}}
"""

keys = st.text(alphabet=st.sampled_from(list('ab~/"\\ \n\t:,{}[]é\u2028')), max_size=6)
json_documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | keys,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4), max_leaves=25)


class TestSourceMap:
    def test_flat_pass_matches_the_recursive_walk_on_the_examples(self):
        for path in EXAMPLES:
            text = path.read_text(encoding="utf-8")
            assert json_offsets(text) == _json_offsets_checked(text, lambda pointer, offset: None)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(json_documents, st.sampled_from([None, 0, 2]), st.booleans())
    def test_flat_pass_matches_the_recursive_walk(self, document, indent, ascii_only):
        text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
        assert json_offsets(text) == _json_offsets_checked(text, lambda pointer, offset: None)


class TestCourse:
    def test_freeze_and_thaw_keep_their_types(self):
        class Dict(dict):
            pass

        Pair = namedtuple("Pair", "a b")
        data = {"a": Dict(x=[1, "s", True, None, 1.5]), "b": (1, 2), "c": Pair(1, {"z": 2}), "d": OrderedDict(q=[1])}
        frozen = freeze(data)
        assert isinstance(frozen, MappingProxyType) and isinstance(frozen["a"], MappingProxyType)
        assert frozen["a"]["x"] == (1, "s", True, None, 1.5) and frozen["b"] == (1, 2) and frozen["c"] is data["c"]
        assert thaw(frozen) == {"a": {"x": [1, "s", True, None, 1.5]}, "b": [1, 2], "c": [1, {"z": 2}],
                                "d": {"q": [1]}}
        assert type(thaw(frozen)["c"]) is list

    def test_sha256_is_the_hash_of_the_thawed_document(self):
        for path in EXAMPLES:
            loaded = vetkit.load_course(path)
            plain = Course(json.loads(path.read_text(encoding="utf-8")))
            canonical = json.dumps(thaw(plain.data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            expected = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
            assert loaded._plain is not None and plain._plain is None
            assert loaded.sha256 == plain.sha256 == expected

    def test_the_index_holds_the_frozen_objects(self):
        course = vetkit.load_course(EXAMPLES[0])
        for identifier in [entry for entry in course._index]:
            entry = course.by_id(identifier)
            assert entry.value is course.get(entry.pointer)
            assert isinstance(entry.value, Mapping)


class TestFindings:
    def test_located_finding_equals_evolve(self):
        course = vetkit.load_course(EXAMPLES[0])
        finding = Finding("/modules/0/title", "message", "needs-review", "evidence", "fix", "warning", 1, 4,
                          term="term")
        line, column = course.locate("/modules/0/title")
        assert _located(finding, course) == evolve(finding, line=line, column=column)

        class Special(Finding):
            pass

        special = Special("/modules/0", "m")
        assert type(_located(special, course)) is Special


class TestYaml:
    def test_no_yaml_node_outlives_its_parse(self):
        for _ in range(3):
            parse(b"a: 1\nb: [x, 2.5, true, null, 2025-01-01]\nc: {d: e}\n", "x.yaml", "yaml")
        assert yamlload._scalar_constructor.constructed_objects == {}

    def test_scalars_aliases_and_merges(self):
        text = (b"base: &b {x: 1, y: [1, 2]}\nuse:\n  <<: *b\n  y: 3\nlist: [*b, 0x1F, 1e3, .5, ~, yes, no, '7']\n"
                b"date: 2025-03-01\n")
        document = parse(text, "x.yaml", "yaml")
        assert document.data == {"base": {"x": 1, "y": [1, 2]}, "use": {"x": 1, "y": 3},
                                 "list": [{"x": 1, "y": [1, 2]}, 31, "1e3", 0.5, None, True, False, "7"],
                                 "date": "2025-03-01"}
        assert document.source_map.locate("/use/y") == (4, 3)

    def test_alias_bombs_are_still_refused(self):
        bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(5))
        try:
            parse(bomb.encode(), "bomb.yaml", "yaml", Limits(max_alias_nodes=1000))
        except vetkit.InvalidDocument as error:
            assert "aliases would expand" in error.problems[0].message
        else:  # pragma: no cover
            raise AssertionError("the alias bomb loaded")
        assert parse(b"a: '*not an alias*'\n", "x.yaml", "yaml", DEFAULT_LIMITS).data == {"a": "*not an alias*"}


class TestRuleCache:
    def test_cached_rules_are_equal_and_independent(self, tmp_path):
        (tmp_path / "xx-01.yaml").write_text(RULE_YAML, encoding="utf-8")
        first = vetkit.load_rules(tmp_path, plugin="xx")
        assert RULE_YAML.encode() in rules_module._VALID_RULE_FILES
        first[0].parameters["limit"] = 99  # a caller scribbling on its copy
        first[0].examples[0].course["title"] = "changed"
        second = vetkit.load_rules(tmp_path, plugin="xx")
        assert second[0].parameters == {"limit": 3}
        assert second[0].examples[0].course == {"title": "A course"}
        assert second[0].path == str(tmp_path / "xx-01.yaml")

    def test_an_edited_rule_file_is_read_again(self, tmp_path):
        path = tmp_path / "xx-01.yaml"
        path.write_text(RULE_YAML, encoding="utf-8")
        vetkit.load_rules(tmp_path)
        path.write_text(RULE_YAML.replace("severity: warning", "severity: loud"), encoding="utf-8")
        try:
            vetkit.load_rules(tmp_path)
        except vetkit.InvalidDocument as error:
            assert error.problems[0].pointer == "/severity" and error.problems[0].line == 3
        else:  # pragma: no cover
            raise AssertionError("an invalid edit was served from the cache")


class TestCliPaths:
    def test_the_lazy_path_type_is_pathlib(self):
        from vetkit.cli import _Path

        value = _Path("course.json")
        assert type(value) is type(Path("course.json")) and value == Path("course.json")
        assert isinstance(Path("x"), _Path) and not isinstance("x", _Path)
