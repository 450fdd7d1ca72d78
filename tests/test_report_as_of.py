"""The report as known on any date: every section builds or says its data was not yet out."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from warstats.report.build import build_report
from warstats.report.registry import ReportContext, sections

# One date per war year, the seed article's day, and a date before any data.
DATES = ["2022-02-24", "2022-03-15", "2023-06-01", "2024-11-19", "2025-06-30"]


def _sections(html: str) -> dict[str, str]:
    return {m.group(1): m.group(2) for m in
            re.finditer(r'<section id="(\w+)"><h2>.*?</h2>(.*?)</section>', html, re.S)}


@pytest.mark.parametrize("day", DATES)
def test_report_builds_as_known_on(tmp_path, day):
    result = build_report(tmp_path, as_of=day, formats=("html",), quiet=True)
    html = result.html.read_text(encoding="utf-8")
    words = f"{pd.Timestamp(day).day} {pd.Timestamp(day):%b %Y}"  # the house style
    assert f"as known on {words}" in html.split("<h2", 1)[0]  # stated at the top
    for key, body in _sections(html).items():
        if key in sections():
            assert "<p>" in body, key  # every section says something


def test_before_any_data_every_section_says_why(tmp_path):
    html = build_report(tmp_path, as_of="2022-02-24", formats=("html",),
                        quiet=True).html.read_text(encoding="utf-8")
    for key, body in _sections(html).items():
        if key in sections() and key != "changes":  # releases, not figures of a date
            # the fallback sentence, or a section's own words for each part not yet out
            assert "Not yet known on 24 Feb 2022" in body or "by that date" in body, key


def test_not_yet_published_names_the_dataset_and_its_first_publication():
    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    ctx.start_section()
    assert ctx.load("population").empty
    # data/population.csv: every row has published 2026-03-06 (WDI release)
    assert ctx.not_yet_published() == {"population": pd.Timestamp("2026-03-06")}
    ctx.start_section()
    assert ctx.not_yet_published() == {}


def test_a_real_failure_is_not_hidden():
    from warstats.report.build import _build_section
    from warstats.report.registry import Section

    def broken(ctx):
        ctx.load("casualties_published")  # has rows published by then
        raise ZeroDivisionError("a bug")

    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    with pytest.raises(ZeroDivisionError):
        _build_section(Section("x", "X", broken), ctx)

# Every month-end of the war is built by `make bench-dates` (benchmarks/report_dates.py).
