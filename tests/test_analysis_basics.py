"""Spine analysis functions on hand-worked frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import warstats as ws
from warstats.analysis.breaks import check_span
from warstats.analysis.kinds import require_kind, require_single
from warstats.errors import (
    IncompatibleUnitsError,
    MeasureKindError,
    MissingDataError,
    SeriesBreakError,
)


def test_war_day_convention_from_the_article():
    # The article: Tuesday 19 November 2024 was the 1,000th day; 24 Feb 2022 is day 1.
    day = ws.date_of_war_day(1000)
    assert day == dt.date(2024, 11, 19) and day.strftime("%A") == "Tuesday"
    assert ws.war_day("2022-02-24") == 1 and ws.war_day(pd.Timestamp("2024-11-19")) == 1000
    with pytest.raises(ValueError):
        ws.date_of_war_day(0)


def test_change_hand_worked():
    df = pd.DataFrame({"country_iso3": ["A", "A", "B", "B"], "year": [2021, 2024] * 2,
                       "value": [200.0, 150.0, 10.0, 12.0], "unit": "persons",
                       "source_id": ["s1", "s2", "s1", "s1"]})
    out = ws.change(df, 2021, 2024).set_index("country_iso3")
    assert out.loc["A", "change"] == -50 and out.loc["A", "pct_change"] == -25
    assert out.loc["B", "pct_change"] == pytest.approx(20)
    assert out.loc["A", "source_id"] == "s1;s2"
    assert out.attrs["sources"] == ["s1", "s2"]
    with pytest.raises(MissingDataError):
        ws.change(df, 2019, 2024)
    with pytest.raises(IncompatibleUnitsError):
        ws.change(df.assign(unit=["persons", "km2"] * 2), 2021, 2024)


def test_per_capita_pins_year_and_records_it():
    counts = pd.DataFrame({"country_iso3": ["A", "B"], "value": [50.0, 3.0], "source_id": "c"})
    pop = pd.DataFrame({"country_iso3": ["A", "A", "B"], "year": [2021, 2022, 2021],
                        "value": [1_000_000.0, 500_000.0, 100_000.0], "source_id": "p"})
    out = ws.per_capita(counts, pop, year=2021)
    assert out["per_100000"].tolist() == [5.0, 3.0]
    assert (out["population_year"] == 2021).all() and (out["source_id"] == "c;p").all()
    doubled = ws.per_capita(counts.assign(value=counts["value"] * 2), pop, year=2021)
    assert (doubled["per_100000"] == out["per_100000"] * 2).all()
    with pytest.raises(MissingDataError, match="C"):
        ws.per_capita(pd.DataFrame({"country_iso3": ["C"], "value": [1.0], "source_id": "c"}),
                      pop, year=2021)


def test_as_of_never_returns_later_figures():
    df = pd.DataFrame({
        "measure": ["killed", "killed", "killed", "injured"],
        "date": pd.to_datetime(["2022-03-01", "2022-03-08", "2022-03-15", "2022-03-08"]),
        "published": pd.to_datetime(["2022-03-02", "2022-03-09", "2022-03-16", "2022-03-09"]),
        "value": [10, 12, 15, 30], "source_id": "s"})
    known = ws.as_of(df, "2022-03-10", by=["measure"], reference="date")
    assert dict(zip(known["measure"], known["value"], strict=True)) == {"injured": 30,
                                                                       "killed": 12}
    assert (known["published"] <= "2022-03-10").all()
    assert ws.as_of(df, "2022-02-01").empty


def test_projection_gap_hand_worked():
    obs = pd.DataFrame({"country_iso3": "UKR", "year": [2022, 2023], "value": [90.0, 80.0],
                        "source_id": "wb"})
    proj = pd.DataFrame({"country_iso3": "UKR", "year": [2022, 2023], "value": [100.0, 100.0],
                         "vintage": "WPP 2019", "variant": "medium", "source_id": "wpp"})
    out = ws.projection_gap(obs, proj)
    assert out["gap"].tolist() == [-10.0, -20.0] and out["gap_pct"].tolist() == [-10.0, -20.0]


def test_kind_guards():
    stock = pd.DataFrame({"value": [1]})
    stock.attrs["kind"] = "stock"
    with pytest.raises(MeasureKindError, match="never sum"):
        require_kind(stock, ["flow"], "to_cumulative")
    with pytest.raises(MeasureKindError, match="measure kind"):
        require_kind(pd.DataFrame({"value": [1]}), ["flow"], "x")
    with pytest.raises(IncompatibleUnitsError, match="currency"):
        require_single(pd.DataFrame({"currency": ["EUR", "USD"]}), ["currency"], "sum")


def test_breaks_refuse_spanning():
    breaks = pd.DataFrame({"break_id": ["b1"], "date": pd.to_datetime(["2023-01-15"]),
                           "description": ["Russia no longer counted"]})
    with pytest.raises(SeriesBreakError, match="Russia no longer counted"):
        check_span(breaks, "2022-12-01", "2023-02-01")
    assert len(check_span(breaks, "2022-12-01", "2023-02-01", allow_breaks=True)) == 1
    assert check_span(breaks, "2023-02-01", "2023-05-01").empty
    assert len(ws.series_breaks("population", country="UKR")) >= 1
