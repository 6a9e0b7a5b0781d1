"""YAML to plain data through PyYAML's safe composer, with positions and limits."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from . import pointers
from .errors import InvalidDocument, Problem
from .limits import too_long_number, too_long_string, too_many_values
from .safetext import shown
from .sourcemap import SourceMap

try:  # the C composer is much faster and equally safe: it builds nodes, not objects
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null")}
_TIMESTAMP = _TAG + "timestamp"
_STR, _SEQ, _MAP = _TAG + "str", _TAG + "seq", _TAG + "map"
_NUMBER_TAGS = {_TAG + "int", _TAG + "float"}
_scalar_constructor = SafeConstructor()
#: PyYAML's own constructor function per scalar tag, called directly: ``construct_object`` would
#: also remember every node it ever built in ``constructed_objects`` (a leak in a long process).
_CONSTRUCTORS = {tag: SafeConstructor.yaml_constructors[tag] for tag in _SCALAR_TAGS}


def parse_yaml(text: str, name: str, limits) -> tuple[Any, SourceMap]:
    """Parse one YAML document into JSON-compatible data and its source map."""
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise InvalidDocument(f"{name}: invalid YAML", [Problem(
            f"invalid YAML: {err.problem or err.context}", file=name,
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
            code="syntax", hint="indent YAML with spaces, not tabs" if mark and text[mark.index:mark.index + 1] == "\t"
            else _yaml_hint(err))]) from None
    except yaml.reader.ReaderError as err:  # a character YAML does not allow (its offset counts bytes in libyaml)
        char = chr(err.character) if isinstance(err.character, int) else ""
        line, column = SourceMap(text=text).line_col(max(text.find(char), 0) if char else 0)
        raise InvalidDocument(f"{name}: invalid YAML", [Problem(
            f"invalid YAML: the character {shown(char) or 'here'} is not allowed in YAML", file=name, line=line,
            column=column, code="syntax",
            hint="remove the control character, or write it as an escape in a double-quoted string")]) from None
    except yaml.YAMLError as err:
        raise InvalidDocument(f"{name}: invalid YAML", [Problem(
            f"invalid YAML: {shown(str(err))}", file=name, code="syntax")]) from None
    if root is None:
        raise InvalidDocument(f"{name}: empty", [Problem("the file is empty", file=name, code="empty",
                                                          hint="start from `vetkit init`")])
    if "*" in text:  # without an alias (``*name``) every node is distinct: nothing can expand
        _check_expansion(root, name, limits)
    builder = _Builder(name, limits)
    data = builder.build(root, "", 1)
    if builder.problems:
        raise InvalidDocument(f"{name}: unsupported YAML", builder.problems)
    return data, SourceMap(positions=builder.positions)


def _check_expansion(root: yaml.Node, name: str, limits) -> None:
    """Refuse documents whose aliases would expand past the limits (billion laughs), before building them.

    The expanded size of every node (values, and characters of scalar text) is computed over the
    node graph, where an alias is the node it names, so nothing is expanded to measure it.
    """
    sizes: dict[int, tuple[int, int]] = {}  # id(node) -> (values, characters) once expanded
    active: set[int] = set()
    distinct = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            nodes, chars = 1, 0
            for child in _children(node):
                child_nodes, child_chars = sizes[id(child)]
                nodes, chars = nodes + child_nodes, chars + child_chars
            sizes[key] = (nodes, chars)
            continue
        if key in sizes:
            continue
        if key in active:
            raise _node_error(name, node, "a YAML alias refers to itself (a recursive structure)",
                              "course documents are trees; remove the recursive alias")
        distinct += 1
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = (1, len(node.value))
            continue
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    nodes, chars = sizes[id(root)]
    if nodes - distinct > limits.max_alias_nodes:
        message = (f"YAML aliases would expand this document to {nodes:,} nodes from {distinct:,}; "
                   f"the limit is {limits.max_alias_nodes:,} nodes added by aliases")
    elif chars > limits.max_expanded_chars:
        message = (f"YAML aliases would expand this document to {chars:,} characters of text; "
                   f"the limit is {limits.max_expanded_chars:,}")
    else:
        return
    node, pointer = _largest(root, sizes, limits)
    raise _node_error(name, node, message, "write the repeated content out, or use fewer aliases", pointer)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _largest(root: yaml.Node, sizes: dict[int, tuple[int, int]], limits) -> tuple[yaml.Node, str]:
    """The deepest node (and its pointer) written in place, not through an alias, that alone passes a limit."""
    def over(node: yaml.Node) -> bool:
        nodes, chars = sizes[id(node)]
        return nodes > limits.max_alias_nodes or chars > limits.max_expanded_chars

    node, pointer = root, ""
    while True:
        if isinstance(node, yaml.MappingNode):
            members = [(value, pointers.join(pointer, key.value)) for key, value in node.value
                       if isinstance(key, yaml.ScalarNode)]
        elif isinstance(node, yaml.SequenceNode):
            members = [(value, pointers.join(pointer, index)) for index, value in enumerate(node.value)]
        else:
            return node, pointer
        here = node.start_mark.index  # an alias's node is the anchored one, written earlier
        larger = [member for member in members if member[0].start_mark.index >= here and over(member[0])]
        if not larger:
            return node, pointer
        node, pointer = max(larger, key=lambda member: sizes[id(member[0])])


class _Builder:
    def __init__(self, name: str, limits) -> None:
        self.name = name
        self.limits = limits
        self.positions: dict[str, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.values = 0

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        if depth > self.limits.max_depth:
            raise _node_error(self.name, node,
                              f"the document is nested more than {self.limits.max_depth} levels deep",
                              "course documents need far fewer levels; check for runaway nesting",
                              pointer=pointer)
        self.values += 1
        if self.values > self.limits.max_nodes:
            line, column = _position(node)
            raise InvalidDocument(f"{self.name}: too many values",
                                  [too_many_values(self.name, self.limits, line, column, pointer)])
        if pointer not in self.positions:
            mark = node.start_mark
            self.positions[pointer] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                return self.unsupported(node, pointer)
            return [self.build(child, f"{pointer}/{index}", depth + 1) for index, child in enumerate(node.value)]
        if node.tag != _MAP:
            return self.unsupported(node, pointer)
        result: dict[str, Any] = {}
        positions = self.positions
        for key_node, value_node in (_merged(node) if _has_merge(node) else node.value):
            key = self.scalar(key_node, pointer) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problems.append(_problem(self.name, key_node, "mapping keys must be strings",
                                              "quote the key", pointer))
                continue
            child = f"{pointer}/{key}" if "~" not in key and "/" not in key else pointers.join(pointer, key)
            if key in result:
                self.problems.append(_problem(self.name, key_node, f"duplicate key `{key}`",
                                              "remove or merge the repeated key", child, "duplicate-key"))
                continue
            mark = key_node.start_mark
            positions[child] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        tag = node.tag
        if tag == _STR:
            if len(node.value) > self.limits.max_string_length:
                line, column = _position(node)
                self.problems.append(too_long_string(self.name, len(node.value), self.limits, line, column, pointer))
            return node.value  # what SafeConstructor.construct_yaml_str returns
        if tag == _TIMESTAMP:
            return node.value  # dates stay ISO strings, as in JSON
        if tag not in _SCALAR_TAGS:
            return self.unsupported(node, pointer)
        if len(node.value) > self.limits.max_number_length and tag in _NUMBER_TAGS:
            line, column = _position(node)
            self.problems.append(too_long_number(self.name, len(node.value), self.limits, line, column, pointer))
            return None
        try:
            value = _CONSTRUCTORS[tag](_scalar_constructor, node)
        except ConstructorError as err:
            self.problems.append(_problem(self.name, node, f"cannot read this value: {err.problem}",
                                          "quote it to make it a string", pointer))
            return None
        if isinstance(value, float) and value != value or value in (float("inf"), float("-inf")):
            self.problems.append(_problem(self.name, node, "`.nan` and `.inf` have no JSON form",
                                          "use a finite number", pointer))
        return value

    def unsupported(self, node: yaml.Node, pointer: str) -> None:
        self.problems.append(_problem(self.name, node, f"unsupported YAML tag `{node.tag}`",
                                      "use plain mappings, lists, strings, numbers, booleans and null",
                                      pointer, "yaml-tag"))
        return None


def _has_merge(node: yaml.MappingNode) -> bool:
    for key_node, _ in node.value:
        if key_node.tag == _TAG + "merge":
            return True
    return False


def _merged(node: yaml.MappingNode):
    """Key/value node pairs with ``<<`` merge keys applied (explicit keys win)."""
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag == _TAG + "merge":
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(_merged(source))
        else:
            pairs.append((key_node, value_node))
    explicit = {k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
    seen: set = set()
    inherited = []
    for key_node, value_node in merged:
        if key_node.value not in explicit and key_node.value not in seen:
            seen.add(key_node.value)
            inherited.append((key_node, value_node))
    return inherited + pairs


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _problem(name, node, message, hint, pointer, code="yaml") -> Problem:
    line, column = _position(node)
    return Problem(message, file=name, line=line, column=column, pointer=pointer, hint=hint, code=code)


def _node_error(name, node, message, hint, pointer=None) -> InvalidDocument:
    return InvalidDocument(f"{name}: {message}", [_problem(name, node, message, hint, pointer, "limit")])


def _yaml_hint(err: yaml.MarkedYAMLError) -> str:
    problem = (err.problem or "").lower()
    if "tab" in problem:
        return "indent YAML with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value contains `: `; put the whole value in quotes"
    if "expected a single document" in (err.context or "") or "but found another document" in problem:
        return "keep one YAML document per file (remove the extra `---`)"
    return "check the indentation and quoting at this position"
