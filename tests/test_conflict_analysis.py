"""Conflict analysis on hand-worked frames, the 10-million-row scale check, and real data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from warstats.analysis.conflict import (
    area_at,
    area_change,
    daily_losses,
    deadliest_conflicts,
    rank_of,
    splice_territory,
)
from warstats.analysis.events import aggregate_events, interception_rate, largest_attacks
from warstats.errors import MeasureKindError, MissingDataError, SeriesBreakError


@pytest.fixture
def events():
    """Hand-worked: Nov 2024 UAV 10+20 launched, 8+? destroyed; cruise 6/5; Dec UAV 4/4."""
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-11-01", "2024-11-19", "2024-11-19", "2024-11-30",
                                "2024-12-01", "2024-11-19"]),
        "time_start": ["2024-11-01 20:00", "2024-11-19 01:00", "2024-11-19 01:00",
                       "2024-11-30", "2024-12-01", "2024-11-19"],
        "time_end": ["2024-11-02 06:00", "2024-11-19 09:00", "2024-11-19 09:00",
                     "2024-11-30", "2024-12-01", "2024-11-19"],
        "source_post": ["p1", "p2", "p2", "p3", "p4", "regional"],
        "model": ["Shahed-136/131", "Shahed-136/131", "Kalibr", "Shahed-136/131",
                  "Shahed-136/131", "Shahed-136/131"],
        "category": ["UAV", "UAV", "cruise missile", "UAV", "UAV", "UAV"],
        "launched": [10.0, 20.0, 6.0, 7.0, 4.0, 50.0],
        "destroyed": [8.0, np.nan, 5.0, 7.0, 4.0, 50.0],
        "regional_row": [False, False, False, False, False, True],
        "source_id": "uaf_air_attacks",
    })


def test_aggregate_events_hand_worked(events):
    out = aggregate_events(events, by=["category"])
    assert out["period"].dt.strftime("%Y-%m").tolist() == ["2024-11", "2024-11", "2024-12"]
    assert out["category"].tolist() == ["UAV", "cruise missile", "UAV"]
    assert out["launched"].tolist() == [87.0, 6.0, 4.0]     # 10 + 20 + 7 + 50
    assert out["destroyed"].tolist() == [65.0, 5.0, 4.0]    # 8 + 7 + 50; NaN not summed
    assert out["n_events"].tolist() == [4.0, 1.0, 1.0]
    assert out["n_missing"].tolist() == [1.0, 0.0, 0.0]
    assert set(out["source_id"]) == {"uaf_air_attacks"}


def test_aggregate_events_all_missing_stays_missing():
    df = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-01-06"]),
                       "launched": [np.nan, np.nan], "destroyed": [1.0, 2.0], "source_id": "a"})
    out = aggregate_events(df)
    assert np.isnan(out["launched"].iloc[0]) and out["destroyed"].iloc[0] == 3.0


def test_aggregate_events_year_and_sources():
    df = pd.DataFrame({"date": pd.to_datetime(["2023-01-05", "2023-06-06", "2024-01-01"]),
                       "country": pd.Categorical(["UKR", "UKR", "UKR"]),
                       "launched": [1.0, 2.0, 3.0], "destroyed": [1.0, 1.0, 1.0],
                       "source_id": ["a", "b", "a"]})
    out = aggregate_events(df, freq="year", by=["country"])
    assert out["launched"].tolist() == [3.0, 3.0]
    assert out["source_id"].tolist() == ["a;b", "a"]
    assert out.attrs["sources"] == ["a", "b"]


def test_interception_rate_refuses_missing(events):
    out = interception_rate(events)
    nov_uav = out[(out["period"] == "2024-11-01") & (out["category"] == "UAV")].iloc[0]
    # regional row left out; the 20-launched row with blank destroyed is refused
    assert nov_uav["launched"] == 17.0 and nov_uav["destroyed"] == 15.0
    assert nov_uav["rate"] == pytest.approx(15 / 17)
    assert nov_uav["n_refused"] == 1.0 and nov_uav["n_events"] == 3.0
    with_regional = interception_rate(events, national_only=False)
    row = with_regional[(with_regional["period"] == "2024-11-01")
                        & (with_regional["category"] == "UAV")].iloc[0]
    assert row["launched"] == 67.0


def test_largest_attacks(events):
    top = largest_attacks(events, 2)
    assert top["launched"].tolist() == [26.0, 10.0]
    assert top["models"].iloc[0] == "Kalibr, Shahed-136/131"
    assert top["n_missing"].iloc[0] == 1.0


def test_aggregate_events_large_table_preserves_totals():
    """Correctness on a large event table; its speed is measured in benchmarks/, not here."""
    rng = np.random.default_rng(1)
    n = 1_000_000
    days = rng.integers(0, 1600, n).astype("timedelta64[D]")
    df = pd.DataFrame({
        "date": (np.datetime64("2022-02-24") + days).astype("datetime64[ns]"),
        "country": pd.Categorical.from_codes(rng.integers(0, 3, n), ["BLR", "RUS", "UKR"]),
        "admin1": pd.Categorical.from_codes(rng.integers(0, 27, n),
                                            [f"UA{i:02d}" for i in range(27)]),
        "category": pd.Categorical.from_codes(rng.integers(0, 5, n),
                                              ["UAV", "ballistic", "bomb", "cruise", "sam"]),
        "launched": rng.integers(0, 40, n).astype("float64"),
        "destroyed": rng.integers(0, 40, n).astype("float64"),
        "source_id": pd.Categorical.from_codes(rng.integers(0, 2, n), ["s1", "s2"]),
    })
    out = aggregate_events(df, freq="month", by=["country", "admin1", "category"])
    assert out["launched"].sum() == df["launched"].sum()
    assert out["n_events"].sum() == n
    check = df[(df["date"].dt.to_period("M") == "2023-05") & (df["admin1"] == "UA03")
               & (df["category"] == "UAV") & (df["country"] == "UKR")]["launched"].sum()
    row = out[(out["period"] == "2023-05-01") & (out["admin1"] == "UA03")
              & (out["category"] == "UAV") & (out["country"] == "UKR")]
    assert row["launched"].iloc[0] == check


@pytest.fixture
def territory():
    d = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"])
    return pd.DataFrame({
        "series": ["a"] * 3 + ["b"] * 4, "date": [*d[:3], *d],
        "area_km2": [110.0, 112.0, 111.0, 100.0, 101.0, 102.0, 104.0],
        "share_pct": [11.0, 11.2, 11.1, 10.0, 10.1, 10.2, 10.4],
        "ukraine_area_km2": 1000.0, "source_id": ["s"] * 3 + ["t"] * 4,
    })


def test_area_at_and_change(territory):
    at = area_at(territory, "2024-01-10", max_gap_days=10)
    assert at.set_index("series")["area_km2"].to_dict() == {"a": 111.0, "b": 104.0}
    with pytest.raises(MissingDataError):
        area_at(territory, "2024-03-01", max_gap_days=10)
    ch = area_change(territory, "2024-01-01", "2024-01-04", series="b").iloc[0]
    assert ch["change_km2"] == 4.0 and ch["change_share_pts"] == pytest.approx(0.4)


def test_splice_reports_offset(territory):
    out, check = splice_territory(territory, "a", "b")
    # offsets 10, 11, 9 → mean 10, population sd sqrt(2/3)
    assert check["offset_km2"] == pytest.approx(10.0)
    assert check["offset_sd_km2"] == pytest.approx((2 / 3) ** 0.5)
    assert check["overlap_days"] == 3
    assert out["area_km2"].tolist() == [110.0, 112.0, 111.0, 114.0]
    assert out["spliced"].tolist() == [False, False, False, True]
    assert out["share_pct"].iloc[-1] == pytest.approx(11.4)
    assert out.attrs["splice"]["offset_km2"] == pytest.approx(10.0)
    with pytest.raises(SeriesBreakError, match="unstable"):
        splice_territory(territory, "a", "b", max_offset_sd=0.1)


def test_splice_refuses_without_overlap(territory):
    df = territory[~((territory["series"] == "b") & (territory["date"] <= "2024-01-03"))]
    with pytest.raises(SeriesBreakError, match="share no date"):
        splice_territory(df, "a", "b")


def test_daily_losses_hand_worked():
    df = pd.DataFrame({
        "measure": ["tanks"] * 5, "date": pd.to_datetime(
            ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-05", "2024-01-06"]),
        "value": [100.0, 110.0, 105.0, 112.0, 111.0],
        "correction": [0.0, 0.0, -8.0, 0.0, 0.0],
        "unexplained_decrease": [False, False, False, False, True],
        "unit": "items", "source_id": "g",
    })
    df.attrs["kind"] = "cumulative"
    out = daily_losses(df)
    # 110-100=10; 105-110-(-8)=3; 112-105=7 over 2 days; decrease refused
    assert out["daily"].tolist()[1:4] == [10.0, 3.0, 7.0]
    assert np.isnan(out["daily"].iloc[0]) and np.isnan(out["daily"].iloc[4])
    assert out["days"].tolist()[1:] == [1.0, 1.0, 2.0, 1.0]
    df.attrs["kind"] = "flow"
    with pytest.raises(MeasureKindError):
        daily_losses(df)


def test_deadliest_and_rank():
    df = pd.DataFrame({"entity": ["A", "B", "C", "A", "B"],
                       "entity_code": ["AAA", "UKR", "CCC", "AAA", "UKR"],
                       "year": [2021, 2021, 2021, 2022, 2022],
                       "value": [10.0, 30.0, 0.0, 5.0, 15.0], "source_id": "u"})
    top = deadliest_conflicts(df, n=1)
    assert top[["year", "entity"]].values.tolist() == [[2021, "B"], [2022, "B"]]
    rank = rank_of(df, "UKR")
    assert rank["rank"].tolist() == [1.0, 1.0]
    assert rank["share_pct"].tolist() == [75.0, 75.0]


def test_real_data_spot_checks():
    import warstats as ws

    deaths = ws.load("conflict_deaths")
    top = deadliest_conflicts(deaths, 2022, n=3)
    assert top["entity"].tolist() == ["Ethiopia", "Ukraine", "Mexico"]
    assert top["value"].tolist() == [102_860.0, 82_588.0, 14_207.0]
    area = ws.load("occupied_area")
    _, check = splice_territory(area, "deepstatemap", "liveuamap")
    assert check["overlap_days"] == 7 and abs(check["offset_km2"]) < 1000
    with pytest.raises(SeriesBreakError):
        splice_territory(area, "liveuamap", "nzz")
    claims = ws.load("loss_claims")
    daily = daily_losses(claims)
    assert daily["daily"].min() >= 0


def test_largest_attacks_names_models_and_sources_of_the_top_attacks(events):
    """Models, missing counts and sources are joined for the n largest attacks only: by hand,
    the 19 Nov attack (p2) sums 20 Shahed (destroyed unknown) and 6 Kalibr (5 destroyed)."""
    events = events.copy()
    events.loc[2, "source_id"] = "another_source"
    events.attrs["kind"] = "flow"
    top = largest_attacks(events, 1)
    assert top[["launched", "destroyed", "models", "n_missing", "source_id"]].values.tolist() \
        == [[26.0, 5.0, "Kalibr, Shahed-136/131", 1.0, "another_source;uaf_air_attacks"]]
    assert top.attrs["sources"] == ["another_source", "uaf_air_attacks"]
    assert top.attrs["kind"] == "flow"
    every = largest_attacks(events, 10)  # more than there are attacks: all four, ranked
    assert every["launched"].tolist() == [26.0, 10.0, 7.0, 4.0]
    assert every["source_post"].tolist() == ["p2", "p1", "p3", "p4"]
    assert every["n_missing"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert every.attrs["sources"] == ["another_source", "uaf_air_attacks"]
