"""The text policy: what vetkit accepts in a document, and how it shows and writes any ``str``.

- A course document is Unicode text. A *lone surrogate* (a ``\\ud800`` escape in JSON or YAML
  without its pair, or such a character in a mapping) is not a character and cannot be written
  as UTF-8, so loading refuses it with a located error (:func:`lone_surrogate`).
- Control characters, bidirectional controls and lone surrogates are shown as escapes
  (``\\x1b``, ``\\u202e``, ``\\ud800``) in every message and in the text report
  (:func:`shown`), so a course cannot drive the terminal that displays it.
- Every writer encodes with :func:`encoded`: UTF-8, with a lone surrogate (possible only in
  text from plugin code or a file name) written as its backslash escape, which in a JSON
  string is the same character again.
- A file name that is not UTF-8 is shown with its undecodable bytes as ``\\xNN``
  (:func:`display_path`).
"""

from __future__ import annotations

import os
import re

#: Characters a message never shows raw: C0 controls, DEL, C1 controls, bidirectional
#: embeddings, overrides and isolates, and surrogates (only lone ones can occur in a str).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(text: str) -> str:
    """``text`` with control characters, bidirectional controls and lone surrogates as visible escapes."""
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def shown_lines(text: str) -> str:
    """:func:`shown` for each line of a multi-line message; the line breaks stay."""
    return "\n".join(shown(line) for line in text.split("\n"))


def encoded(text: str) -> bytes:
    """UTF-8 bytes of any ``str``; a lone surrogate is written as its backslash escape."""
    return text.encode("utf-8", "backslashreplace")


def lone_surrogate(text: str) -> int | None:
    """The index of the first lone surrogate in ``text``, or None (a decoded pair is one character)."""
    match = _SURROGATE.search(text)
    return match.start() if match else None


def display_path(path: str | os.PathLike[str]) -> str:
    """A file name for messages and reports: undecodable bytes as ``\\xNN``, controls escaped."""
    name = os.fspath(path)
    if _SURROGATE.search(name):  # os.fsdecode kept undecodable bytes as surrogate escapes
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    return shown(name)
