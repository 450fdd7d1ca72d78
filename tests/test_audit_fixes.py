"""Figures an independent audit found wrong, checked against the raw files themselves."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

import warstats as ws

RAW = Path("/work/shared/sources")
needs_raw = pytest.mark.skipif(not RAW.is_dir(), reason="raw publisher files not present")

# The accounts the Air Force posts from (national command and regional air commands).
AIR_FORCE = {"kpszsu", "pvkpivden", "pvkshid", "pvkzahid", "pvkcenter"}


def _account_by_hand(link: str) -> str:
    link = link.strip()
    if link.startswith("watch/"):
        return "facebook video (account not named)"
    if link.startswith(("http://", "https://")):
        return urlparse(link).path.strip("/").split("/")[0]
    return link.split("/")[0]


@needs_raw
def test_air_attacks_reported_by_and_source_follow_the_cited_link():
    with (RAW / "missile_attacks/missile_attacks_daily.csv").open(encoding="utf-8") as fh:
        links = [row["source"] for row in csv.DictReader(fh)]
    expected = pd.Series([_account_by_hand(x) for x in links]).value_counts()
    got = ws.load("air_attacks")
    assert not got["reported_by"].isin(["https:", "http:", "watch"]).any()
    counts = got["reported_by"].value_counts()
    kept = expected[expected.index.isin(counts.index)]
    # rows set aside by the reader (destroyed > launched) are few; every account is there
    assert set(expected.index) == set(counts.index)
    assert (counts.reindex(kept.index) <= kept).all()
    air_force = got["reported_by"].str.casefold().isin(AIR_FORCE)
    assert (got.loc[air_force, "source_id"] == "uaf_air_attacks").all()
    others = got.loc[~air_force & ~got["reported_by"].str.startswith("facebook video")]
    assert len(others) > 0 and not (others["source_id"] == "uaf_air_attacks").any()
    assert set(got.loc[got["reported_by"] == "war_monitor", "source_id"]) == {
        "war_monitor_air_attacks"}
    assert set(got.loc[got["reported_by"] == "ChiefUkrDIU", "source_id"]) == {
        "ua_defence_intelligence_air_attacks"}
    from warstats.provenance.registry import get_source

    for sid in got["source_id"].unique():
        assert get_source(sid).publisher  # each id is a catalog record


def test_reporting_account_parses_each_link_form():
    from warstats.readers.air_force import reporting_account

    links = pd.Series(["PvKPivden/posts/pfbid0", "https://t.me/kpszsu/60825",
                       "https://t.me/ChiefUkrDIU/185", "watch/?v=375517448001233",
                       "kharkivoda.gov.ua/news/123125"])
    assert reporting_account(links).tolist() == [
        "PvKPivden", "kpszsu", "ChiefUkrDIU", "facebook video (account not named)",
        "kharkivoda.gov.ua"]


@needs_raw
def test_wpp2019_channel_islands_are_kept_as_a_location():
    path = RAW / "population/un_wpp2019_medium_fertility_2020_2100.csv"
    raw = pd.read_csv(path)
    ci = pd.to_numeric(raw[raw["Country Code"] == 830].set_index("Year")["Population"])
    assert len(ci) > 0
    proj = ws.load("population_projections")
    got = proj[(proj["vintage"] == "WPP 2019") & (proj["country_iso3"] == "CHI")]
    got = got.set_index("year")["value"]
    assert got.index.tolist() == ci.index.tolist()
    assert got.loc[2020] == round(ci.loc[2020] * 1000)
    rejects = Path(__file__).resolve().parents[1] / "data/rejects/population_projections.csv"
    assert ",830,wpp-m49-aggregate" not in rejects.read_text(encoding="utf-8")


@needs_raw
def test_series_break_notes_quote_figures_that_are_in_the_series():
    bundle = json.loads((RAW / "civilian_casualties/ocha_ukraine_data_explorer_all_2024-04-14"
                                ".json").read_text(encoding="utf-8"))
    series = {r["#affected+date+refugees"]: int(float(r["#affected+refugees"]))
              for r in bundle["refugees_series_data"]}
    breaks = ws.load("series_breaks").set_index("break_id")
    note = breaks.loc["unhcr_europe_present_2023_06", "description"]
    quoted = [int(x.replace(",", "")) for x in re.findall(r"\b\d{1,3}(?:,\d{3})+\b", note)]
    assert quoted, "the note quotes the series' own figures"
    assert all(q in series.values() for q in quoted)
    # 3 June → 5 June 2023 in the raw bundle, read by hand
    assert series["2023-06-03"] - series["2023-06-05"] == pytest.approx(0.80e6, abs=0.005e6)
