"""Agreement between reviewers: percent agreement and Cohen's kappa over the criteria two reviewers both answered.

With three or more reviewers (a Quality Matters panel has three) every pair gets its own
figures: pairwise Cohen's kappa works when reviewers answered different sets of criteria
(Fleiss' kappa needs every reviewer on every criterion) and shows which reviewer diverges.
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence


def percent_agreement(first: Sequence[str], second: Sequence[str]) -> float:
    """The share of paired ratings that are equal, from 0 to 100."""
    _check(first, second)
    return 100.0 * sum(a == b for a, b in zip(first, second)) / len(first)


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters' paired ratings: (observed - chance) / (1 - chance).

    Chance agreement is the sum, over the categories, of the product of each rater's share
    of that category. ``None`` when chance agreement is total (both raters gave one and the
    same rating throughout), where kappa is undefined.
    """
    _check(first, second)
    count = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / count
    shares_first, shares_second = Counter(first), Counter(second)
    chance = sum(shares_first[category] * shares_second[category] for category in shares_first) / count ** 2
    if chance == 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def _check(first: Sequence[str], second: Sequence[str]) -> None:
    if len(first) != len(second) or not first:
        raise ValueError("agreement needs two equally long, non-empty sequences of ratings")
