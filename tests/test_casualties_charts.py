"""Casualties charts, table and report section: labels, footers and numbers from raw files."""

from __future__ import annotations

import json

import pandas as pd

import warstats as ws
from warstats._paths import default_raw_dir
from warstats.analysis.casualties import revision, to_cumulative
from warstats.charts.casualties import plot_cumulative, plot_monthly, plot_revision
from warstats.readers.engelde import MONTHLY_FILE

from .conftest import footer_of

RAW = default_raw_dir()




def test_cumulative_chart_labels_andfooter_of():
    cum = to_cumulative(ws.load("casualties_monthly"))
    pub = ws.load("casualties_published")
    both = pd.concat([cum, pub[pub["source_id"] == "ocha_ude_casualties"]])
    ax = plot_cumulative(both, breaks=ws.load("series_breaks").query(
        "dataset == 'casualties_published'"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 4 and all("at least" in label for label in labels)
    total = sum(r["killed"] for r in json.loads((RAW / MONTHLY_FILE).read_text())["monthly"])
    assert any(f"{total:,}" in label for label in labels)
    footer = footer_of(ax)
    assert "compiled by engelde/ukrainewar" in footer and "OCHA" in footer
    assert "verified minimums" in footer


def test_monthly_and_revision_charts():
    monthly = ws.load("casualties_monthly")
    ax = plot_monthly(monthly)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Killed (at least)",
                                                                   "Injured (at least)"]
    assert len(ax.patches) == len(monthly)
    assert "engelde" in footer_of(ax)
    rev = revision(ws.load("casualties_published"), monthly)
    ax = plot_revision(rev)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert all("at least" in label for label in labels)
    assert any("as published" in label for label in labels)
    assert "OCHA" in footer_of(ax)


def test_report_section_numbers_from_raw():
    from warstats.report.registry import ReportContext, sections

    raw = json.loads((RAW / MONTHLY_FILE).read_text())["monthly"]
    killed = sum(r["killed"] for r in raw)
    to_oct24 = sum(r["injured"] for r in raw if r["month"] <= "2024-10")
    content = sections()["casualties"].build(ReportContext())
    text = " ".join(content.paragraphs)
    assert f"{killed:,}" in text and f"{to_oct24:,}" in text and "1,000" in text
    assert len(content.figures) == 3
    name, table = content.tables[0]
    assert name == "casualties_by_year"
    md = table.to_markdown()
    assert "Killed (at least)" in md and "verified minimums" in md.lower()
    by_year_2023 = sum(r["killed"] for r in raw if r["month"].startswith("2023"))
    assert f"{by_year_2023:,}" in md
