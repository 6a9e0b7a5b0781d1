"""Concept detectors: harmful ideas found in the course's own words, each with its stance.

The lexicons find the guide's listed terms; the detectors find the same ideas written the way
trainers write ("if she could walk out the door, it isn't trafficking"). A linear model over word
and character n-grams names the concept of each sentence of the text index, a second one reads its
stance (asserted, refuted, negated, quoted or named), and thresholds calibrated on held-out folds
decide what is shown. Rules read families of concepts (``detectors: [myths]`` in their YAML) through
the kit (:func:`vetkit.kit.concept_part`, :func:`vetkit.kit.concept_hits`).

Scoring is plain Python over a JSON file of weights shipped in the package; training
(:mod:`vetkit.concepts.training`) needs scikit-learn from the ``train`` extra.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Iterable

from .catalogue import (
    STANCES,
    Concept,
    Family,
    concepts,
    families,
    family_of,
    scored_families,
)
from .detect import ConceptHit, detect
from .model import MODEL_FILE, shipped_model
from .stance import stance_at


def model_path():
    """Where the shipped model file is."""
    return files("vetkit").joinpath("data", "concepts", MODEL_FILE)


def detector_problem(wanted: Iterable[str]) -> str | None:
    """Why rules reading the families ``wanted`` cannot run (an unknown family, no model file), or None."""
    unknown = [name for name in wanted if name not in families()]
    if unknown:
        return (f"it reads the concept detector famil{'ies' if len(unknown) > 1 else 'y'} "
                f"{', '.join(repr(name) for name in unknown)}, which vetkit does not have (known: "
                f"{', '.join(families())})")
    if not model_path().is_file():
        return f"the concept model vetkit/data/concepts/{MODEL_FILE} is missing from the installation"
    return None


def describe() -> str:
    """The model file, its version and checksum, and the families it serves (for ``vetkit plugins``)."""
    measured = [name for name in families() if name not in scored_families()]
    return (f"concept detectors (vetkit core): {shipped_model().description}; scored families "
            f"{', '.join(scored_families()) or 'none'}; trained and measured only: {', '.join(measured) or 'none'}")


__all__ = ["STANCES", "Concept", "ConceptHit", "Family", "concepts", "describe", "detect", "detector_problem",
           "families", "family_of", "model_path", "scored_families", "shipped_model", "stance_at"]
