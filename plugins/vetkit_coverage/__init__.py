"""Built-in vetkit plugin: Coverage of trafficking forms, victims and traffickers (CV-*)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="coverage"):
        register(rule)
