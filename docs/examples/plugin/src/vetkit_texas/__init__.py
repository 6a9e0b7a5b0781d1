"""vetkit-texas: Texas-specific criteria for law-enforcement human-trafficking training.

An example of a third-party vetkit plugin. It registers four rules (``TX-01`` Texas
trafficking statutes, ``TX-02`` safe harbor and record relief, ``TX-03`` local Texas
resources, ``TX-04`` current agency names), a lexicon of retired Texas agency names that
``TX-04`` scans with vetkit's kit, and the rubric ``tx-ht-training``, which extends vetkit's
``ht-training`` rubric.

The rules check that a Texas course *covers* these topics and cites these statutes; they do
not check that what it says is legally correct. Not legal advice.
"""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    """Register TX-01 to TX-04 from rules/*.yaml (their checks load only when they run)."""
    for rule in vetkit.load_rules(files(__name__) / "rules"):
        register(rule)


@vetkit.hookimpl
def vetkit_register_rubrics(register):
    """Register the tx-ht-training rubric."""
    register(files(__name__) / "rubrics" / "tx-ht-training.yaml")


@vetkit.hookimpl
def vetkit_register_lexicons(register):
    """Register the lexicon of retired Texas agency names that TX-04 reads."""
    register("tx-retired-names", files(__name__) / "lexicons" / "tx-retired-names.yaml")
