"""Topic evidence: what each module and activity of a course teaches, read from its text (guidelines §6).

:func:`topic_evidence` gives, once per course, every module and activity as a :class:`Unit` with the
tags its text teaches (:class:`TagEvidence`: a confidence, the sentences and cue words behind it).
The tag profiles (definitions, example sentences, cue phrases) are data in ``vetkit/data/topics/``;
the model that weighs the cues is trained on the team's labelled corpus (:mod:`vetkit.topics.training`).
Checks read it through :mod:`vetkit.kit` (``modules_teaching``, ``taught_tags``, ``claim_findings``).
"""

from __future__ import annotations

from .catalogue import VOCABULARIES, TagProfile, profile, profiles
from .evidence import CourseTopics, TagEvidence, Unit, topic_evidence

__all__ = ["VOCABULARIES", "CourseTopics", "TagEvidence", "TagProfile", "Unit", "profile", "profiles",
           "topic_evidence"]
