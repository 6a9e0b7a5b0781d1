"""Generate the tag glossary from the topic-evidence profiles (``vetkit/data/topics/*.yaml``).

Run by the MkDocs hook (docs/gen/hooks.py) at build time: for every topic, population and typology
tag, what it means, where its boundary lies and a sentence that teaches it, so the page cannot fall
behind the data that vetkit reads courses with. Preview: ``python docs/gen/tags.py``.
"""

from __future__ import annotations

PATH = "reference/tags.md"
TITLES = {"topics": "Topics (`modules[].topics`, `activities[].tags`)",
          "populations": "Populations (`modules[].populations`)",
          "typologies": "Typologies (`modules[].typologies`)"}


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def page() -> str:
    """The glossary: a table per vocabulary, one row per tag."""
    from vetkit.topics.catalogue import VOCABULARIES, profiles

    parts = ["# Tag glossary", "",
             "The tags a module may declare, what each one means, where its boundary lies, and a sentence that "
             "teaches it. vetkit reads what each module's text teaches with these descriptions and cue phrases "
             "([Topic evidence](../topics.md)); a declared tag is a claim the text must back, and text that teaches "
             "a subject counts even without its tag. Generated from `vetkit/data/topics/` when the documentation "
             "is built.", ""]
    for vocabulary in VOCABULARIES:
        parts += [f"## {TITLES[vocabulary]} {{#{vocabulary}}}", "", "| tag | meaning | for example |", "|---|---|---|"]
        for (voc, tag), row in profiles().items():
            if voc != vocabulary:
                continue
            meaning = _cell(row.definition) + (f"<br>*Not this:* {_cell(row.boundary)}" if row.boundary else "")
            parts.append(f"| `{tag}` | {meaning} | {_cell(row.example)} |")
        parts.append("")
    return "\n".join(parts)


def pages() -> dict[str, tuple[str, str]]:
    """``{path: (nav title, markdown)}``."""
    return {PATH: ("Tag glossary", page())}


if __name__ == "__main__":  # pragma: no cover
    print(page())
