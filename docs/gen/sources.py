"""Generate the bibliography from ``vetkit/data/sources.yaml``: every source key with its citation and addresses.

Run by the MkDocs hook (docs/gen/hooks.py) at build time, so the page lists exactly the sources
``vetkit sources`` prints. Preview: ``python docs/gen/sources.py``.
"""

from __future__ import annotations

PATH = "reference/sources.md"


def anchor(key: str) -> str:
    """The id of a source's entry on the page."""
    return "".join(c if c.isalnum() else "-" for c in key.lower()).strip("-") or "general-knowledge"


def page() -> str:
    """The bibliography: one entry per source key, in the order of the data file."""
    from vetkit.bibliography import sources

    parts = ["# Sources", "",
             ("The sources behind the criteria, lexicon rows and phrase sets. Reports and `vetkit explain` name each "
             "one by its plain name with its key in brackets, such as *Irina Project, Language Matters (IRINA)*; "
             "`vetkit sources KEY` prints one entry. Addresses are as recorded when the sources were read; some "
             "pages may have moved since. Generated from `vetkit/data/sources.yaml` when the documentation is "
             "built."), ""]
    for key, source in sources().items():
        parts += [f"## {key}: {source.name} {{#{anchor(key)}}}", "", source.citation, ""]
        parts += [f"- <{url}>" for url in source.urls]
        parts.append("")
    return "\n".join(parts)


def pages() -> dict[str, tuple[str, str]]:
    """``{path: (nav title, markdown)}``."""
    return {PATH: ("Sources", page())}


if __name__ == "__main__":  # pragma: no cover
    print(page())
