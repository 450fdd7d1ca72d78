"""The conflict report section builds from the curated data; numbers come from the frames."""

from __future__ import annotations

import re


def test_conflict_section_builds():
    import warstats as ws
    from warstats.report.registry import ReportContext, sections

    content = sections()["conflict"].build(ReportContext())
    assert len(content.figures) == 4 and len(content.tables) == 2
    text = " ".join(content.paragraphs)
    area = ws.load("occupied_area")
    live = area[(area["series"] == "liveuamap") & (area["date"] == "2024-11-19")]
    assert f"liveuamap {live['share_pct'].iloc[0]:.1f}%" in text
    assert "claims by a party" in text
    assert re.search(r"19 November 2024", text)
    for _, table in content.tables:
        assert table.source_note.startswith("Source")
    assert "claims by Ukrainian Air Force" in content.tables[0][1].source_note
