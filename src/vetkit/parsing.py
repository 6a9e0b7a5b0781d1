"""Bytes to data: reading, decoding and parsing JSON or YAML within limits.

YAML goes through PyYAML's safe composer only; vetkit builds plain data from the
node graph itself, so no tag can construct an object and alias expansion is
measured before anything is built.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path
from typing import Any, Mapping

from attrs import field, frozen

from . import pointers
from .errors import InvalidDocument, Problem
from .limits import DEFAULT_LIMITS, Limits, too_long_number, too_long_string, too_many_values
from .safetext import display_path, lone_surrogate, shown
from .sourcemap import SourceMap, json_offsets

@frozen
class Document:
    """Parsed data with the text it came from and a map back into that text."""

    data: Any
    name: str
    format: str  # json | yaml
    text: str
    source_map: SourceMap = field(eq=False)
    raw: bytes = field(eq=False, repr=False)


_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)

_YAML_SUFFIXES = {".yaml", ".yml"}


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a file, refusing directories, missing files and files over the size limit."""
    name = display_path(path)
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise _fail(name, "file not found", hint="check the path", code="not-found") from None
    except OSError as err:
        raise _fail(name, f"cannot read the file ({err.strerror})", code="io") from None
    if path.is_dir():
        raise _fail(name, "is a directory, not a course file", hint="pass a .json or .yaml file", code="io")
    if size > limits.max_bytes:
        raise _fail(name, f"file is {size:,} bytes, over the limit of {limits.max_bytes:,} bytes",
                    hint="split the document or raise the limit with --max-bytes", code="limit")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as err:
        raise _fail(name, f"cannot read the file ({err.strerror})", code="io") from None
    if len(data) > limits.max_bytes:
        raise _fail(name, f"file is over the limit of {limits.max_bytes:,} bytes", code="limit")
    return data


def decode(raw: bytes, name: str) -> str:
    """UTF-8 text, with or without a byte-order mark; anything else is refused."""
    for bom, encoding in _FOREIGN_BOMS:
        if raw.startswith(bom):  # the byte-order mark at 1:1 says so
            message = f"the file is encoded as {encoding}; vetkit reads UTF-8 only"
            raise InvalidDocument(f"{name}: {message}", [Problem(
                message, file=name, line=1, column=1, code="encoding",
                hint="save the file as UTF-8 (without a byte-order mark or with one)")])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise InvalidDocument(f"{name}: not UTF-8", [Problem(
            f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02X} cannot start or continue a character)",
            file=name, line=line, column=column, code="encoding",
            hint="save the file as UTF-8; Latin-1 and Windows-1252 are not accepted")]) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, column = SourceMap(text=text).line_col(nul)
        raise InvalidDocument(f"{name}: binary", [Problem(
            "the file contains NUL characters and looks binary", file=name, line=line, column=column,
            code="encoding", hint="pass a JSON or YAML text file")])
    return text


def sniff_format(name: str, text: str) -> str:
    """``json`` or ``yaml``, by suffix first and by content otherwise."""
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in _YAML_SUFFIXES:
        return "yaml"
    return "json" if text.lstrip()[:1] in ("{", "[") else "yaml"


def parse(raw: bytes, name: str, format: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Decode and parse ``raw``; raise :class:`InvalidDocument` with located problems."""
    if len(raw) > limits.max_bytes:
        raise _fail(name, f"document is {len(raw):,} bytes, over the limit of {limits.max_bytes:,} bytes",
                    code="limit")
    text = decode(raw, name)
    if not text.strip():
        raise _fail(name, "the file is empty", hint="start from `vetkit init`", code="empty")
    format = format or sniff_format(name, text)
    if format == "json":
        data, source_map = _parse_json(text, name, limits)
    else:
        from .yamlload import parse_yaml

        data, source_map = parse_yaml(text, name, limits)
    if _SURROGATE_ESCAPE.search(text):
        refuse_lone_surrogates(data, name, source_map, hint="remove the \\u escape or complete the surrogate pair")
    return Document(data=data, name=name, format=format, text=text, source_map=source_map, raw=raw)


#: A ``\u`` (or YAML ``\U``) escape of a surrogate: only then can parsed strings hold a lone one.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89abcdefABCDEF]")


def refuse_lone_surrogates(data: Any, name: str, source_map: SourceMap, *, hint: str) -> None:
    """Raise :class:`InvalidDocument` locating every key or string of ``data`` that holds a lone surrogate."""
    found: list[tuple[str, str]] = []
    stack = [(data, "")]
    while stack:
        node, pointer = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            child = pointers.join(pointer, key)
            for text in (key, value):
                if isinstance(text, str) and lone_surrogate(text) is not None:
                    found.append((child, text[lone_surrogate(text)]))
                    break
            if isinstance(value, (dict, list)):
                stack.append((value, child))
    if isinstance(data, str) and lone_surrogate(data) is not None:
        found.append(("", data[lone_surrogate(data)]))
    if not found:
        return
    problems = []
    for pointer, char in found:
        line, column = source_map.locate(pointer) or (None, None)
        problems.append(Problem(
            f"the text contains a lone surrogate ({shown(char)}), which is not a character and cannot be "
            "written as UTF-8", file=name, line=line, column=column, pointer=pointer, code="encoding", hint=hint))
    problems.sort(key=lambda problem: (problem.line or 0, problem.column or 0, problem.pointer))
    raise InvalidDocument(f"{name}: lone surrogate", problems)


def from_data(source: Any, limits: Limits = DEFAULT_LIMITS, name: str = "<data>") -> Document:
    """A private, JSON-clean copy of in-memory data (a mapping from a caller or a plugin), within the limits."""
    source_map = SourceMap()
    try:
        text = json.dumps(source, allow_nan=False)
        data = json.loads(text)
        surrogates, size = _SURROGATE_ESCAPE.search(text) is not None, len(text)
    except (TypeError, ValueError, RecursionError):  # not plain JSON data: copy it by hand, locating what is not
        data, problems = _plain_copy(source, name, limits)
        if problems:
            raise InvalidDocument(f"{name}: not JSON data", problems) from None
        surrogates, size = True, None  # not known to be free of them, nor how large: look
    _check_depth(data, name, limits, source_map)
    _check_size(data, name, limits, source_map, size)
    if surrogates:
        refuse_lone_surrogates(data, name, source_map, hint="remove it, or complete the surrogate pair")
    return Document(data=data, name=name, format="json", text="", source_map=source_map, raw=b"")


def _plain_copy(source: Any, name: str, limits: Limits) -> tuple[Any, list[Problem]]:
    """``source`` as JSON data (mappings, sequences, strings, finite numbers, booleans, null) and what is not."""
    problems: list[Problem] = []

    def problem(pointer: str, message: str, hint: str) -> None:
        problems.append(Problem(message, file=name, pointer=pointer, code="data", hint=hint))

    def copy(value: Any, pointer: str, depth: int) -> Any:
        if value is None or isinstance(value, (str, bool)):
            return value
        if isinstance(value, int):
            if abs(value) >= 10 ** limits.max_number_length:
                problems.append(too_long_number(name, None, limits, None, None, pointer))
            return int(value)
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                problem(pointer, f"{value!r} is not a finite number", "use a finite number, or a string")
            return float(value)
        if depth > limits.max_depth:
            problem(pointer, f"the data is nested more than {limits.max_depth} levels deep (or refers to itself)",
                    "course documents are trees of a few levels")
            return None
        if isinstance(value, Mapping):
            result = {}
            for key, item in value.items():
                if not isinstance(key, str):
                    problem(pointer, f"the key {shown(repr(key))[:60]} is not a string", "use string keys")
                    continue
                result[key] = copy(item, pointers.join(pointer, key), depth + 1)
            return result
        if isinstance(value, (list, tuple)):
            return [copy(item, pointers.join(pointer, index), depth + 1) for index, item in enumerate(value)]
        problem(pointer, f"a {type(value).__name__} is not JSON data",
                "use mappings, lists, strings, numbers, booleans and None")
        return None

    return copy(source, "", 1), problems


def _parse_json(text: str, name: str, limits: Limits) -> tuple[Any, SourceMap]:
    duplicates: list[str] = []

    def pairs_to_dict(pairs):
        result = dict(pairs)
        if len(result) != len(pairs):
            duplicates.append("")
        return result

    def bounded_float(token: str) -> float:
        if len(token) > limits.max_number_length:
            raise _TooLong(token)
        return _finite_float(token)

    def bounded_int(token: str) -> int:
        if len(token) > limits.max_number_length:
            raise _TooLong(token)
        return int(token)

    try:
        data = json.loads(text, object_pairs_hook=pairs_to_dict, parse_constant=_refuse_constant,
                          parse_float=bounded_float, parse_int=bounded_int)
    except json.JSONDecodeError as err:
        raise InvalidDocument(f"{name}: invalid JSON", [Problem(
            f"invalid JSON: {_lower_first(err.msg)}", file=name, line=err.lineno, column=err.colno,
            hint=_json_hint(err), code="syntax")]) from None
    except _NonFinite as err:
        line, column = SourceMap(text=text).line_col(_token_offset(text, err.token))
        raise InvalidDocument(f"{name}: invalid number", [Problem(
            f"`{err.token}` is not a finite number; JSON has no NaN or infinity", file=name, line=line,
            column=column, code="syntax", hint="write a finite number, or a string")]) from None
    except _TooLong as err:
        line, column = SourceMap(text=text).line_col(_token_offset(text, err.token))
        raise InvalidDocument(f"{name}: number too long", [too_long_number(name, len(err.token), limits,
                                                                            line, column)]) from None
    except RecursionError:
        line, column = SourceMap(text=text).line_col(_too_deep_offset(text, limits.max_depth))
        raise InvalidDocument(f"{name}: nested too deeply", [Problem(
            f"the document is nested more than {limits.max_depth} levels deep", file=name, line=line,
            column=column, code="limit", hint="course documents need far fewer levels; check for runaway nesting")
        ]) from None
    source_map = SourceMap(text=text, build=lambda: json_offsets(text))
    _check_depth(data, name, limits, source_map)
    _check_size(data, name, limits, source_map, len(text))
    if duplicates:
        problems: list[Problem] = []

        def on_duplicate(pointer: str, offset: int) -> None:
            line, column = source_map.line_col(offset)
            key = pointer.rsplit("/", 1)[1]
            problems.append(Problem(f"duplicate key `{key}`: JSON keeps only the last one", file=name,
                                    line=line, column=column, pointer=pointer, code="duplicate-key",
                                    hint="remove or merge the repeated key"))

        json_offsets(text, on_duplicate)
        raise InvalidDocument(f"{name}: duplicate keys", problems)
    return data, source_map


def _depth_exceeds(data: Any, max_depth: int) -> bool:
    """True when some container of ``data`` sits deeper than ``max_depth`` (no pointers built)."""
    stack = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        node, depth = pop()
        if depth > max_depth:
            return True
        depth += 1
        for value in (node.values() if isinstance(node, dict) else node):
            if isinstance(value, (dict, list)):
                push((value, depth))
    return False


def _check_depth(data: Any, name: str, limits: Limits, source_map: SourceMap) -> None:
    if not isinstance(data, (dict, list)) or not _depth_exceeds(data, limits.max_depth):
        return
    stack = [(data, 1, "")]  # a document that is too deep: find the same node, with its pointer, as always
    while stack:
        node, depth, pointer = stack.pop()
        if depth > limits.max_depth:
            position = source_map.locate(pointer) or (None, None)
            raise InvalidDocument(f"{name}: nested too deeply", [Problem(
                f"the document is nested more than {limits.max_depth} levels deep",
                file=name, line=position[0], column=position[1], pointer=pointer, code="limit",
                hint="course documents need far fewer levels; check for runaway nesting")])
        if isinstance(node, dict):
            stack.extend((value, depth + 1, f"{pointer}/{_esc(key)}") for key, value in node.items()
                         if isinstance(value, (dict, list)))
        elif isinstance(node, list):
            stack.extend((value, depth + 1, f"{pointer}/{index}") for index, value in enumerate(node)
                         if isinstance(value, (dict, list)))


def _check_size(data: Any, name: str, limits: Limits, source_map: SourceMap, size: int | None) -> None:
    """Refuse more values than ``max_nodes`` or a string longer than ``max_string_length``, located.

    A JSON text of ``size`` characters holds at most about ``size / 2`` values and no string longer
    than itself, so most documents need no walk at all.
    """
    if size is not None and size < 2 * limits.max_nodes and size <= limits.max_string_length:
        return
    count = 0
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:  # values in document order, so the one reported is the first past the limit
        node, pointer = stack.pop()
        count += 1
        if count > limits.max_nodes:
            line, column = source_map.locate(pointer) or (None, None)
            raise InvalidDocument(f"{name}: too many values", [too_many_values(name, limits, line, column, pointer)])
        if isinstance(node, str):
            if len(node) > limits.max_string_length:
                line, column = source_map.locate(pointer) or (None, None)
                raise InvalidDocument(f"{name}: string too long", [
                    too_long_string(name, len(node), limits, line, column, pointer)])
        elif isinstance(node, dict):
            stack.extend(reversed([(value, pointers.join(pointer, key)) for key, value in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([(value, f"{pointer}/{index}") for index, value in enumerate(node)]))


class _NonFinite(ValueError):
    def __init__(self, token: str):
        super().__init__(token)
        self.token = token


def _refuse_constant(token: str) -> float:
    raise _NonFinite(token)


def _finite_float(token: str) -> float:
    value = float(token)
    if value in (float("inf"), float("-inf")):
        raise _NonFinite(token)
    return value


class _TooLong(ValueError):
    def __init__(self, token: str):
        super().__init__(token[:20])
        self.token = token


#: A JSON string (skipped whole) or a bracket.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _token_offset(text: str, token: str) -> int:
    """Offset of ``token`` outside strings (where the parser met it)."""
    for match in re.finditer(r'"[^"\\]*(?:\\.[^"\\]*)*"|' + re.escape(token), text):
        if match.group(0) == token:
            return match.start()
    return 0


def _too_deep_offset(text: str, max_depth: int) -> int:
    """Offset of the first bracket that opens a container deeper than ``max_depth``."""
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > max_depth:
                return match.start()
        elif char in "]}":
            depth -= 1
    return 0


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _json_hint(err: json.JSONDecodeError) -> str:
    before = err.doc[: err.pos].rstrip()
    if err.msg.startswith("Expecting property name") and before.endswith(",") and err.doc[err.pos:err.pos + 1] == "}":
        return "remove the trailing comma before the closing brace"
    if err.msg.startswith("Expecting value") and before.endswith(",") and err.doc[err.pos:err.pos + 1] == "]":
        return "remove the trailing comma before the closing bracket"
    if err.msg.startswith("Expecting property name"):
        return "JSON keys need double quotes"
    if err.msg.startswith("Expecting ',' delimiter"):
        return "a comma is missing between two items, or a string is not closed"
    if err.msg.startswith("Extra data"):
        return "the document has text after its end; keep one JSON object per file"
    if err.msg.startswith("Invalid control character"):
        return "write line breaks inside strings as \\n"
    return "fix the syntax at this position"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _fail(name: str, message: str, *, hint: str | None = None, code: str = "invalid") -> InvalidDocument:
    return InvalidDocument(f"{name}: {message}", [Problem(message, file=name, hint=hint, code=code)])
