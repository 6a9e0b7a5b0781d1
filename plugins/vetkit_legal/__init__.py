"""Built-in vetkit plugin: Legal framework (LF-*)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="legal"):
        register(rule)
