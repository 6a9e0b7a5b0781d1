"""Evaluate the labelled lexical corpus (lexical.yaml): shared by tests/test_corpus.py and bench/corpus_metrics.py."""

from __future__ import annotations

from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from vetkit.lexical import Lexicon, find_violations, scan_text
from vetkit.testing import installed_engine

CORPUS = Path(__file__).with_name("lexical.yaml")
EFFECTS = ("fail", "needs-review", "note", "none")  # worst first


def load_rows() -> list[dict[str, Any]]:
    """The corpus rows, in file order."""
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["rows"]


def row_id(row: dict[str, Any]) -> str:
    """A short readable id: lexicon, field and the start of the text."""
    words = " ".join(row["text"].split())[:48]
    return f"{row['lexicon']}:{row['field']}:{words}"


def evaluate(row: dict[str, Any]) -> tuple[str, list[str]]:
    """The worst effect the scanner gives the row's text (``none`` without hits) and the term ids hit."""
    item = installed_engine().lexicons.get(row["lexicon"])
    if isinstance(item, Lexicon):
        if item.fields and not any(fnmatchcase(row["field"], pattern) for pattern in item.fields):
            return "none", []
        hits = scan_text(row["text"], item, field=row["field"], item=row.get("item"), choice=row.get("choice"))
        effects = [hit.effect for hit in hits]
        terms = [hit.term_id for hit in hits]
    else:
        violations = find_violations(row["text"], item)
        effects = [violation.effect for violation in violations]
        terms = [violation.group for violation in violations]
    worst = min(effects, key=EFFECTS.index) if effects else "none"
    return worst, terms


def flagged(effect: str) -> bool:
    """Fail and needs-review count as "flagged" for precision and recall."""
    return effect in ("fail", "needs-review")
