"""Built-in vetkit plugin: Trauma-informed and victim-centered content (TI-*) and imagery (DM-01 to DM-03)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="trauma_informed"):
        register(rule)
