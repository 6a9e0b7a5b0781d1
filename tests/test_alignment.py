"""The alignment map: objectives against modules, activities, items and minutes."""

from __future__ import annotations

import json

import pytest

import vetkit
from vetkit.alignment import alignment_map

from golden.synthetic import synthetic_course


def course(**overrides) -> dict:
    data = {
        "objectives": [{"id": "O1", "text": "Identify", "critical": True}, {"id": "O2", "text": "Describe"},
                       {"id": "O3", "text": "Unlinked"}],
        "modules": [{"id": "M1", "minutes": 40, "objectiveIds": ["O1", "O2"]},
                    {"id": "M2", "minutes": 20, "objectiveIds": ["O2"]},
                    {"id": "M3", "minutes": 5, "objectiveIds": []}],
        "activities": [{"id": "A1", "minutes": 10, "moduleId": "M1", "objectiveIds": ["O1"]},
                       {"id": "A2", "minutes": 6, "moduleId": "M2", "objectiveIds": ["O1", "O2"]},
                       {"id": "A3", "minutes": 3, "moduleId": "M2", "objectiveIds": []}],
        "assessments": [{"id": "KC", "objectiveIds": ["O2"],
                         "items": [{"id": "Q1", "objectiveIds": ["O1"]}, {"id": "Q2"}]},
                        {"id": "LOOSE", "objectiveIds": [], "items": [{"id": "Q3"}]}],
    }
    data.update(overrides)
    return data


class TestAlignmentMap:
    def test_links(self):
        """Each objective lists the modules, activities and items that name it, in document order."""
        amap = alignment_map(course())
        assert amap.objective("O1").modules == ("M1", "M2")  # M2 through its activity A2
        assert amap.objective("O1").activities == ("A1", "A2")
        assert amap.objective("O2").modules == ("M1", "M2")
        assert amap.objective("O1").critical and not amap.objective("O2").critical

    def test_items_direct_or_through_their_assessment(self):
        """An item counts for its own objectiveIds, or else for its assessment's."""
        amap = alignment_map(course())
        assert amap.objective("O1").item_ids == ("Q1",)
        assert amap.objective("O2").item_ids == ("Q2",)

    def test_minutes_split_without_double_counting(self):
        """Activity minutes go to the activity's objectives; the rest of the module's to the module's."""
        amap = alignment_map(course())
        # M1: 40 - A1 10 = 30 over O1,O2; A1 10 to O1; M2: 20 - A2 6 = 14 to O2 (A3 names no
        # objective, so its minutes stay with its module); A2 6 over O1,O2
        assert amap.objective("O1").minutes == pytest.approx(15 + 10 + 3)
        assert amap.objective("O2").minutes == pytest.approx(15 + 14 + 3)
        assert amap.total_minutes == 65

    def test_orphans(self):
        """Modules, activities and items that serve no objective, and objectives left out, are listed."""
        amap = alignment_map(course())
        assert amap.orphan_modules == ("M3",)
        assert amap.orphan_activities == ("A3",)
        assert amap.orphan_items == ("Q3",)
        assert amap.untaught_objectives == ("O3",)
        assert amap.unassessed_objectives == ("O3",)

    def test_unknown_ids_are_ignored(self):
        """A link to an objective the course does not have does not invent a row."""
        data = course(modules=[{"id": "M1", "minutes": 10, "objectiveIds": ["NOPE"]}], activities=[])
        amap = alignment_map(data)
        assert [row.id for row in amap.objectives] == ["O1", "O2", "O3"]
        assert amap.orphan_modules == ("M1",)

    def test_json(self):
        """to_json() is plain data with every row and the orphans."""
        data = alignment_map(synthetic_course()).to_json()
        assert json.loads(json.dumps(data)) == data
        assert data["orphans"] == {"modules": ["M2<x>"], "activities": [], "items": ["Q3&"], "objectives": ["O3"],
                                   "unassessedObjectives": ["O3"]}

    def test_course_object(self, examples_dir):
        """A loaded Course works as well as a mapping, and every example objective is taught."""
        loaded = vetkit.load_course(examples_dir / "roll-call-awareness.json")
        amap = alignment_map(loaded)
        assert amap.untaught_objectives == ()
        assert amap.total_minutes == sum(m["minutes"] for m in loaded.data["modules"])
        assert sum(row.minutes for row in amap.objectives) == pytest.approx(amap.total_minutes)
