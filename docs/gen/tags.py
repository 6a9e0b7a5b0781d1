"""Generate the tag glossary from the topic-evidence profiles (``vetkit/data/topics/*.yaml``).

Run by the MkDocs hook (docs/gen/hooks.py) at build time: for every topic, population and typology
tag, what it means, where its boundary lies, a sentence that teaches it and the criteria that read it
(:func:`vetkit.lookup.tag_readers`), so the page cannot fall
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
    import vetkit
    from vetkit.lookup import tag_readers
    from vetkit.topics.catalogue import VOCABULARIES, profiles

    engine = vetkit.Engine(environ={})
    readers = tag_readers(engine)

    parts = ["# Tag glossary", "",
             "The tags a module may declare, what each one means, where its boundary lies, and a sentence that "
             "teaches it. vetkit reads what each module's text teaches with these descriptions and cue phrases "
             "([Topic evidence](../topics.md)); a declared tag is a claim the text must back, and text that teaches "
             "a subject counts even without its tag. Generated from `vetkit/data/topics/` when the documentation "
             "is built. `vetkit explain TAG` prints one tag; a tag in two vocabularies (`minors` is a topic and a "
             "population) is explained in both, and `vetkit explain topics/minors` picks one.", ""]
    for vocabulary in VOCABULARIES:
        parts += [f"## {TITLES[vocabulary]} {{#{vocabulary}}}", "", "| tag | meaning | for example | read by |",
                  "|---|---|---|---|"]
        for (voc, tag), row in profiles().items():
            if voc != vocabulary:
                continue
            meaning = _cell(row.definition) + (f"<br>*Not this:* {_cell(row.boundary)}" if row.boundary else "")
            criteria = ", ".join(f"[{rule}](../criteria/{engine.rules[rule].category}.md#{rule.lower()})"
                                 for rule in readers.get((voc, tag), [])) or "—"
            parts.append(f"| `{tag}` | {meaning} | {_cell(row.example)} | {criteria} |")
        parts.append("")
    return "\n".join(parts)


def pages() -> dict[str, tuple[str, str]]:
    """``{path: (nav title, markdown)}``."""
    return {PATH: ("Tag glossary", page())}


if __name__ == "__main__":  # pragma: no cover
    print(page())
