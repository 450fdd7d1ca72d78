"""charts.displacement and the report's displacement section."""

from __future__ import annotations

import pandas as pd
import pytest

import warstats as ws
from warstats.analysis.displacement import largest_crises, latest_by_host, per_thousand
from warstats.analysis.displacement_idps import idps_by_oblast
from warstats.catalog import series_breaks
from warstats.charts.displacement import (
    plot_idps_by_oblast,
    plot_largest_crises,
    plot_origins_over_time,
    plot_refugee_stock,
    plot_top_hosts,
)

from .conftest import footer_of


def test_refugee_stock_marks_breaks_and_cites_sources():
    europe = ws.load("refugees_europe")
    breaks = series_breaks("refugees_europe")
    ax = plot_refugee_stock(europe, breaks=breaks)
    dashed = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"
              and len(ln.get_xdata()) == 2]
    assert len(dashed) == len(breaks) == 3
    footer = footer_of(ax)
    assert "UNHCR ODP (2024), compiled by OCHA" in footer
    assert "Breaks: (1) 1 Jun 2022, coverage" in footer


def test_top_hosts_absolute_and_per_thousand():
    latest = per_thousand(latest_by_host(ws.load("refugees_by_host")), ws.load("population"))
    ax = plot_top_hosts(latest, n=5)
    assert len(ax.patches) == 5
    assert "own as-of date" in footer_of(ax) and "compiled by ONE Campaign" in footer_of(ax)
    ax2 = plot_top_hosts(latest, n=5, per_thousand=True)
    assert "per 1,000" in ax2.get_title(loc="left") and "World Bank" in footer_of(ax2)
    assert ax2.patches[-1].get_width() == pytest.approx(latest["per_1000"].max())


def test_idps_by_oblast_leaves_na_out_and_names_it():
    by = idps_by_oblast(ws.load("idps"), 20)
    ax = plot_idps_by_oblast(by)
    assert len(ax.patches) == by["value"].notna().sum()
    footer = footer_of(ax)
    assert "No estimate (n/a): " in footer and "Donetska" in footer
    assert "3,436,000" in footer and "IOM DTM (2025)" in footer


def test_largest_crises_highlights_ukraine():
    glob = ws.load("refugees_global")
    crises = largest_crises(glob, 2025, n=5)
    ax = plot_largest_crises(crises)
    colours = {tuple(p.get_facecolor()) for p in ax.patches}
    assert len(colours) == 2
    assert "UNHCR Refugee Data Finder" in footer_of(ax)
    lines = pd.DataFrame({"coo_iso": ["UKR", "UKR", "SYR", "SYR"], "year": [2022, 2023] * 2,
                          "value": [1.0, 2.0, 3.0, 4.0], "source_id": "unhcr_popstats",
                          "measures": "refugees"})
    ax2 = plot_origins_over_time(lines)
    assert len(ax2.get_lines()) == 2


def test_report_section_builds_from_data():
    from warstats.report.registry import ReportContext, sections

    content = sections()["displacement"].build(ReportContext())
    assert len(content.figures) == 5 and len(content.tables) == 4
    text = " ".join(content.paragraphs)
    assert "5.98 million" in text and "12 March 2024" in text
    assert "3.44 million" in text and "30 April 2025" in text
    assert "more than six million" in text
    assert "different as-of dates" in text
    md = content.tables[0][1].to_markdown()
    assert "Source" in md and "own as-of date" in md
