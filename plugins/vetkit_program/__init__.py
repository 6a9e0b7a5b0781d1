"""Built-in vetkit plugin: Development (DV-*), delivery and media (DM-04 to DM-06), evaluation (EV-*)."""

from importlib.resources import files

import vetkit


@vetkit.hookimpl
def vetkit_register_rules(register):
    for rule in vetkit.load_rules(files(__name__) / "rules", plugin="program"):
        register(rule)
