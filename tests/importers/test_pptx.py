"""Slide decks: modules from sections or section slides, slides as materials with their notes, pictures."""

from __future__ import annotations

import vetkit
from vetkit.provenance import origin_at

from sources import OBJECTIVES, PLANTED


class TestDeck:
    def test_modules_from_title_and_section_slides(self, source):
        """The title slide and each section-header slide start a module; a duration in the title is its minutes."""
        data = vetkit.import_course([source("deck.pptx")]).data
        assert [(m["id"], m["title"], m["minutes"]) for m in data["modules"]] == [
            ("M1", "Human Trafficking: First Contact", "FILL IN: minutes of module “Human Trafficking: First Contact”; "
                                                       "the sources do not say"),
            ("M2", "Indicators", 30),
            ("M3", "Referrals", "FILL IN: minutes of module “Referrals”; the sources do not say")]
        assert data["title"] == "Human Trafficking: First Contact"
        assert data["id"] == "deck"

    def test_objectives_slide(self, source):
        """The bullets of a slide titled 'Learning objectives' are the course's objectives, lead-in line left out."""
        data = vetkit.import_course([source("deck.pptx")]).data
        assert [(o["id"], o["text"], o.get("scope")) for o in data["objectives"]] == [
            ("O1", OBJECTIVES[0], None), ("O2", OBJECTIVES[1], None)]
        assert data["objectives"][0]["x-source"] == {"file": "deck.pptx", "at": "slide 2"}

    def test_slides_become_materials_with_body_table_and_notes(self, source):
        """Each slide is a material of its module: body lines, table rows, then the speaker notes."""
        materials = vetkit.import_course([source("deck.pptx")]).data["materials"]
        slides = {m["title"]: m for m in materials if m["type"] == "slides"}
        assert list(slides) == ["Human Trafficking: First Contact", "Labor trafficking happens in every industry",
                                "What a worksite can show", "Indicators at a traffic stop", "Talking to the person",
                                "Who to call", "Questions"]
        assert slides["Labor trafficking happens in every industry"]["text"] == (
            "Agriculture, construction and restaurants\nDebts that never shrink\n\n"
            "Ask the room where they have seen workers who cannot leave.")
        assert slides["Indicators at a traffic stop"]["text"] == (
            "Indicator | What you may see\nControl of documents | The driver holds everyone's IDs")
        assert "text" not in slides["What a worksite can show"]
        talking = slides["Talking to the person"]
        assert talking["moduleId"] == "M2"
        assert talking["text"] == ("Separate the person from the driver\nUse a trained interpreter\n\n"
                                   f"{PLANTED} Treat them as victims and call the hotline.")
        assert talking["x-source"]["spans"]["text"] == [
            {"start": 0, "end": 61, "at": "slide 7"},
            {"start": 63, "end": len(talking["text"]), "at": "slide 7 (notes)"}]

    def test_pictures_become_image_materials(self, source):
        """A picture is an image material with its alt text, placed on its slide."""
        images = [m for m in vetkit.import_course([source("deck.pptx")]).data["materials"] if m["type"] == "image"]
        assert images == [{"id": "MAT1", "title": "Picture on slide 5", "type": "image", "moduleId": "M2",
                           "altText": "Workers boarding a van before dawn",
                           "x-source": {"file": "deck.pptx", "at": "slide 5 (picture “Picture 2”)"}}]

    def test_sections_become_modules(self, source):
        """PowerPoint sections, where the deck has them, are the modules."""
        data = vetkit.import_course([source("sections.pptx")]).data
        assert [m["title"] for m in data["modules"]] == ["Introduction", "Indicators", "Referrals"]
        talking = next(m for m in data["materials"] if m["title"] == "Talking to the person")
        assert talking["moduleId"] == "M2"

    def test_planted_term_resolves_to_the_notes(self, source):
        """The offset of the planted term in the slide's text resolves to slide 7's notes."""
        data = vetkit.import_course([source("deck.pptx")]).data
        index, talking = next((i, m) for i, m in enumerate(data["materials"]) if m["title"] == "Talking to the person")
        offset = talking["text"].index("child prostitutes")
        assert origin_at(data, f"/materials/{index}/text", offset).label == "deck.pptx, slide 7 (notes)"
        assert origin_at(data, f"/materials/{index}/text", 3).label == "deck.pptx, slide 7"
