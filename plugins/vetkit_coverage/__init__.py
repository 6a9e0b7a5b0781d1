"""Built-in vetkit plugin: Coverage of trafficking forms, victims and traffickers (CV-*)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="coverage"):
        register(rule)


#: Lexicons and phrase sets of this plugin: (registered name, file in lexicons/).
LEXICONS = (
    ("P-CTRL", "p-ctrl.yaml"),
)


@vetkit.hookimpl
def vetkit_register_lexicons(register):
    for lexicon_name, file_name in LEXICONS:
        register(lexicon_name, files(__name__) / "lexicons" / file_name)
