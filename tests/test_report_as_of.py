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


# Per part: a part whose data was not yet published says so; the others render.

def _csv_known_on(path, day):
    """Newest as-published figure per measure from the committed CSV (not the code)."""
    import csv

    with open(path, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle)
                if r["published"] <= day and r["country_iso3"] == "UKR"]
    newest = max(r["date"] for r in rows)
    return newest, {r["measure"]: float(r["value"]) for r in rows if r["date"] == newest}


def test_casualties_on_the_article_day_show_what_ohchr_had_published():
    from pathlib import Path

    from warstats.report.build import _build_section

    newest, values = _csv_known_on(Path(__file__).parents[1] / "data"
                                   / "casualties_published.csv", "2024-11-19")
    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    content = _build_section(sections()["casualties"], ctx)
    text = " ".join(content.paragraphs)
    assert f"{values['killed']:,.0f} civilians killed" in text
    assert f"{values['injured']:,.0f} injured" in text
    assert newest == "2023-11-09"  # the as-published series stops there
    # the as-published chart is drawn; the parts needing the latest revision say so, once
    assert [f.name for f in content.figures] == ["casualties_cumulative"]
    waiting = [p for p in content.paragraphs if p.startswith("Not yet known on 19 Nov 2024")]
    assert len(waiting) == 1
    assert "latest revision" in waiting[0] and "first published 24 Mar 2026" in waiting[0]
    assert content.tables == []
    import matplotlib.pyplot as plt

    for item in content.figures:
        plt.close(item.figure)


def _two_part_section(ctx):
    from warstats.report.registry import SectionContent

    out = SectionContent()
    with ctx.part(out, "the casualty figures", needs=["casualties_published"]):
        frame = ctx.load("casualties_published")
        out.paragraphs.append(f"{len(frame)} rows")
    with ctx.part(out, "the population figures"):
        pop = ctx.load("population")
        out.paragraphs.append(f"{pop['value'].iloc[-1]:,.0f} people")  # fails on no rows
    return out


def test_a_part_with_no_data_yet_is_one_sentence_and_the_others_render():
    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    ctx.start_section()
    out = _two_part_section(ctx)
    assert len(out.paragraphs) == 2
    assert out.paragraphs[0].endswith(" rows") and not out.paragraphs[0].startswith("0 ")
    assert out.paragraphs[1] == (
        "Not yet known on 19 Nov 2024: the population figures, based on Total population by "
        "country, 1960–2024 (first published 6 Mar 2026), which had not been published by "
        "then.")


def test_parts_missing_the_same_data_share_one_sentence_and_drop_their_figures():
    import matplotlib.pyplot as plt

    from warstats.report.registry import FigureItem, SectionContent

    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    ctx.start_section()
    out = SectionContent()
    before = set(plt.get_fignums())
    for label in ("the chart", "the table"):
        with ctx.part(out, label):
            pop = ctx.load("population")
            fig = plt.figure()
            out.figures.append(FigureItem("x", fig, "x"))
            out.paragraphs.append("half-written")
            pop["value"].iloc[0]  # IndexError: no rows yet
    assert out.figures == [] and set(plt.get_fignums()) == before
    assert len(out.paragraphs) == 1
    assert out.paragraphs[0].startswith("Not yet known on 19 Nov 2024: the chart and the "
                                        "table, based on Total population")


def test_a_part_that_runs_on_no_rows_is_still_not_yet_known():
    from warstats.report.registry import SectionContent

    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    ctx.start_section()
    out = SectionContent()
    with ctx.part(out, "the population total", needs=["population"]):
        out.paragraphs.append(f"{ctx.load('population')['value'].sum():,.0f} people")  # 0
    assert len(out.paragraphs) == 1 and out.paragraphs[0].startswith("Not yet known")


def test_a_real_bug_inside_a_part_is_raised():
    from warstats.report.registry import SectionContent

    ctx = ReportContext(as_of=pd.Timestamp("2024-11-19"))
    ctx.start_section()
    with pytest.raises(KeyError), ctx.part(SectionContent(), "the casualty figures"):
        ctx.load("casualties_published")["no_such_column"]  # data present: a bug
    # without as_of nothing is caught, not even a part whose data is empty
    ctx = ReportContext()
    with pytest.raises(IndexError), ctx.part(SectionContent(), "anything",
                                             needs=["population"]):
        pd.Series([], dtype=float).iloc[0]


def test_default_report_has_no_not_yet_sentence():
    from warstats.report.build import _build_section

    ctx = ReportContext()
    for key in ("population", "casualties"):
        content = _build_section(sections()[key], ctx)
        assert not any("Not yet known" in p for p in content.paragraphs), key
        import matplotlib.pyplot as plt

        for item in content.figures:
            plt.close(item.figure)


@pytest.mark.slow
def test_every_fourth_month_end_builds_every_section_without_the_section_fallback():
    """Each part copes with its own data (no failure reaches `_build_section`'s fallback).

    Every fourth month-end here; `make bench-dates` builds the report on every month-end
    and fails the same way if a whole section falls back."""
    import matplotlib.pyplot as plt

    days = pd.date_range("2022-02-28", "2026-08-31", freq="ME")[::4]
    for day in days:
        ctx = ReportContext(as_of=day)
        for key, section in sections().items():
            if key == "changes":  # releases, not figures of a date
                continue
            ctx.start_section()
            content = section.build(ctx)  # raises on any failure
            for item in content.figures:
                plt.close(item.figure)
    assert not plt.get_fignums()
