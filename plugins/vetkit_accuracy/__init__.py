"""Built-in vetkit plugin: Accuracy and currency (AC-*)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="accuracy"):
        register(rule)


#: Lexicons and phrase sets of this plugin: (registered name, file in lexicons/).
LEXICONS = (
    ("statistics", "statistics.yaml"),
    ("P-DEF", "p-def.yaml"),
    ("P-IND", "p-ind.yaml"),
)


@vetkit.hookimpl
def vetkit_register_lexicons(register):
    for lexicon_name, file_name in LEXICONS:
        register(lexicon_name, files(__name__) / "lexicons" / file_name)
