"""Conflict charts: footers come from the data (party claims say 'claims by')."""

from __future__ import annotations

import pandas as pd

from warstats.analysis.conflict import deadliest_conflicts
from warstats.analysis.events import interception_rate
from warstats.charts.conflict import (
    plot_deadliest,
    plot_launches_interceptions,
    plot_occupied_share,
)

from .conftest import footer_of


def test_launches_footer_says_claims():
    df = pd.DataFrame({
        "date": pd.to_datetime(["2024-11-01", "2024-11-02", "2024-12-01"]),
        "category": ["UAV", "cruise missile", "UAV"], "launched": [10.0, 4.0, 8.0],
        "destroyed": [9.0, None, 8.0], "regional_row": False, "source_id": "uaf_air_attacks"})
    ax = plot_launches_interceptions(interception_rate(df))
    footer = footer_of(ax)
    assert footer.startswith("Source: claims by Ukrainian Air Force")
    assert "1 record(s) with a blank" in footer
    assert len(ax.get_lines()) == 4


def test_occupied_share_one_line_per_source():
    df = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01", "2024-02-01"]),
        "series": ["liveuamap", "liveuamap", "deepstatemap", "deepstatemap"],
        "share_pct": [18.0, 18.1, 17.9, 18.0], "ukraine_area_km2": 603_550.0,
        "source_id": ["liveuamap_area"] * 2 + ["deepstatemap"] * 2})
    ax = plot_occupied_share(df)
    assert len(ax.get_lines()) == 2
    footer = footer_of(ax)
    assert "DeepStateMap" in footer and "liveuamap" in footer and "not joined" in footer
    assert "claims by" not in footer


def test_deadliest_bars():
    df = pd.DataFrame({"entity": ["A", "Ukraine"], "entity_code": ["AAA", "UKR"],
                       "year": 2022, "value": [5.0, 9.0], "source_id": "owid_ucdp_deaths"})
    ax = plot_deadliest(deadliest_conflicts(df, 2022), year=2022)
    assert len(ax.patches) == 2
    assert "UCDP" in footer_of(ax)
