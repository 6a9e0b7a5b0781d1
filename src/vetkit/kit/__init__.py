"""The check kit: everything a check needs, for built-in and third-party plugins alike.

A check is a small function ``check(ctx) -> Result``. The kit gives it the course, its text and
the lexicons its rule declares, and one way to answer::

    from vetkit.kit import CheckContext, Result, Wording, findings_result, hit_finding, scan

    def tx04_agency_names(ctx: CheckContext) -> Result:
        findings = [hit_finding(ctx, hit) for hit in scan(ctx, "tx-retired-names")]
        return findings_result(ctx, findings, Wording(
            failed="{count} retired agency name(s) ({summary}), first {first}{noted}.",
            review="{count} retired agency name(s) to check ({summary}){noted}.",
            passed="Every Texas agency is named by its current name{noted}."))

What is here, by job:

- answering: :class:`CheckContext`, :class:`Result`, :func:`combine`, :func:`most_severe`,
  :class:`Finding`; :func:`findings_result` and :class:`Wording` (findings to one outcome),
  :func:`hit_finding` (a judged hit to a finding), :func:`summary`, :func:`term_title`, :func:`term_titles`, :func:`merged` (parts combined,
  their reasons in one sentence);
- what the course teaches, read from its text (declared tags are claims it must back):
  :func:`modules_teaching`, :func:`activities_teaching`, :func:`taught_tags`, :func:`teaches`,
  :func:`modules_showing` (modules a criterion's own phrase matches show teaching the subject),
  :func:`shown_tags` (taught, or named plainly in an example or a list: the range a course shows),
  :func:`claim_findings` and :func:`claims_for` (false, missing and misspelled tags),
  :func:`topic_part`;
- the course: :func:`modules_tagged`, :func:`module_tags` (what the author declared), :func:`audience_roles`,
  :func:`jurisdiction`, :func:`outside_us`, :func:`field_text`, :func:`select_texts`,
  :func:`text_pointer`, :func:`entry_ids`, :func:`course_enum`; what teaches and assesses each
  objective: :func:`alignment_map` (:class:`AlignmentMap`, :class:`ObjectiveAlignment`, :class:`ItemLink`);
- text: :func:`text_index` (every field, sentence and word of the course, built once and shared:
  :class:`TextIndex`, :class:`Sentence`), :class:`PreparedText`, :func:`sentences`,
  :func:`sentence_bounds`, :func:`clauses`, :func:`clause_bounds`, :func:`classify` (the §4.0
  context of a hit), :func:`negation_cues`;
- lexicons and phrase sets the rule declares: :func:`scan`, :func:`phrases`, :func:`violations`,
  :func:`lexicon`, :func:`phrase_set`, :func:`mentions`, :func:`pattern`; phrase sets a plugin keeps
  in its own data tables: :func:`load_phrase_set` and :func:`find_phrases`;
- parts of combined criteria: :func:`topic_part`, :func:`presence_part`, :func:`coverage_part`,
  :func:`violation_part`, :func:`found_notes`, :func:`without_group`, :func:`set_id`;
- concept detectors the rule declares (harm in the trainer's own words, with its stance):
  :func:`concept_part`, :func:`concept_hits`, :func:`concept_finding`;
- myths: :func:`judge`, :func:`judge_all`, :func:`doubt`, :func:`find_marker`, :func:`true_false_key`;
- numbers, dates and words: :func:`find_phone_numbers`, :func:`normalize_phone`,
  :func:`find_short_codes`, :func:`as_date`, :func:`months_between`, :func:`join_words`,
  :func:`ticks`, :func:`article`, :func:`plural`;
- data tables: :func:`read_table` (``<package>/data/<name>.yaml``, parsed once).

Built-in plugins import only :mod:`vetkit`, this kit and their own modules.

.. versionadded:: 0.2
"""

from __future__ import annotations

from ..alignment import AlignmentMap, ItemLink, ObjectiveAlignment, alignment_map
from ..checking import CheckContext, Result, combine, most_severe
from ..course import Course, TextField
from ..lexical import (Context, Lexicon, PhraseReport, PhraseSet, ScanHit, Violation, classify, find_phrases,
                       load_phrase_set, negation_cues, true_false_key)
from ..numbers import find_phone_numbers, find_short_codes, normalize_phone
from ..report import Finding
from ..tables import read_table
from ..text import PreparedText, clause_bounds, clauses, sentence_bounds, sentences
from ..textindex import Sentence, TextIndex, text_index
from .concepts import concept_finding, concept_hits, concept_part
from .course import (audience_roles, course_enum, entry_ids, field_text, jurisdiction, module_tags, modules_tagged,
                     outside_us, select_texts, text_pointer)
from .dates import as_date, months_between
from .judging import doubt, find_marker, judge, judge_all
from .lexicons import lexicon, mentions, pattern, phrase_set, phrases, scan, violations
from .parts import coverage_part, found_notes, presence_part, set_id, violation_part, without_group
from .topics import (activities_teaching, claim_findings, claims_for, modules_showing, modules_teaching, shown_tags,
                     taught_tags, teaches, topic_part)
from ..lexical.scanning import term_title
from .results import Wording, findings_result, hit_finding, merged, summary, term_titles
from .words import article, join_words, plural, ticks

__all__ = [
    "AlignmentMap", "CheckContext", "Context", "Course", "Finding", "ItemLink", "Lexicon", "ObjectiveAlignment",
    "PhraseReport", "PhraseSet", "PreparedText", "Result", "ScanHit", "Sentence", "TextField", "TextIndex",
    "Violation", "Wording", "activities_teaching", "alignment_map", "article", "as_date", "audience_roles",
    "claim_findings", "claims_for", "classify", "clause_bounds", "clauses", "combine", "concept_finding",
    "concept_hits", "concept_part", "course_enum",
    "coverage_part", "doubt", "entry_ids", "field_text", "find_marker", "find_phone_numbers", "find_phrases",
    "find_short_codes", "findings_result", "found_notes", "hit_finding", "join_words", "judge", "judge_all",
    "jurisdiction", "lexicon", "load_phrase_set", "mentions", "merged", "module_tags", "modules_tagged",
    "modules_showing", "modules_teaching", "months_between", "most_severe", "negation_cues", "normalize_phone", "outside_us", "shown_tags",
    "pattern", "phrase_set", "phrases", "plural", "presence_part", "read_table", "scan", "select_texts",
    "sentence_bounds", "sentences", "set_id", "summary", "taught_tags", "term_title", "term_titles", "teaches", "text_index", "text_pointer",
    "ticks", "topic_part", "true_false_key", "violation_part", "violations", "without_group",
]
