"""Built-in vetkit plugin: Trauma-informed and victim-centered content (TI-*) and imagery (DM-01 to DM-03)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="trauma_informed"):
        register(rule)


#: Lexicons and phrase sets of this plugin: (registered name, file in lexicons/).
LEXICONS = (
    ("imagery", "imagery.yaml"),
    ("entertainment", "entertainment.yaml"),
    ("conditional-services", "conditional-services.yaml"),
    ("arrest-as-rescue", "arrest-as-rescue.yaml"),
    ("interpreter-practice", "interpreter-practice.yaml"),
    ("P-VC", "p-vc.yaml"),
    ("P-TI", "p-ti.yaml"),
    ("P-BEH", "p-beh.yaml"),
    ("P-LANG", "p-lang.yaml"),
    ("cooperation", "cooperation.yaml"),
    ("offender-terms", "offender-terms.yaml"),
)


@vetkit.hookimpl
def vetkit_register_lexicons(register):
    for lexicon_name, file_name in LEXICONS:
        register(lexicon_name, files(__name__) / "lexicons" / file_name)
