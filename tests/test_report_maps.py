"""The report's maps section: at least four maps named map_…, each with its source footer."""

from __future__ import annotations

import pandas as pd
import pytest

from warstats.report.registry import ReportContext, sections


@pytest.fixture(scope="module")
def content():
    return sections()["maps"].build(ReportContext())


def test_maps_section_is_registered_and_has_four_maps_or_more(content):
    assert len(content.figures) >= 4
    names = [f.name for f in content.figures]
    assert all(n.startswith("map_") for n in names)
    assert {"map_idps_newest_round", "map_idps_change", "map_returnees",
            "map_air_attack_targets", "map_occupied_change"} <= set(names)
    assert any(n.startswith("map_occupied_share_") for n in names)


def test_every_map_has_a_footer_naming_the_boundaries(content):
    for item in content.figures:
        footers = [t for t in item.figure.texts if t.get_gid() == "source-footer"]
        assert len(footers) == 1, item.name
        text = footers[0].get_text().replace("\n", " ")
        assert text.startswith("Source") and "OCHA COD-AB boundaries" in text, item.name
        assert item.figure.axes[0].get_legend() is not None, item.name


def test_maps_left_out_when_not_yet_published():
    early = sections()["maps"].build(ReportContext(as_of=pd.Timestamp("2023-01-01")))
    names = [f.name for f in early.figures]
    assert not any(n.startswith("map_occupied") for n in names)
    waiting = [p for p in early.paragraphs if p.startswith("Not yet known on 1 Jan 2023")]
    # one sentence per missing dataset: the occupied-area maps name their table
    assert any("the maps of the occupied area by oblast, based on Occupied area by oblast" in p
               for p in waiting), waiting
