"""Casualties analysis: hand-worked frames, measure-kind refusals and real-data checks."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import warstats as ws
from warstats._paths import default_raw_dir
from warstats.analysis.casualties import (
    annual_totals,
    average_per_day,
    known_on,
    latest_figures,
    monthly_totals,
    rate_per_100k,
    revision,
    to_cumulative,
    to_flow,
    with_war_day,
)
from warstats.analysis.time import date_of_war_day, war_day
from warstats.errors import MeasureKindError, MissingDataError
from warstats.readers.engelde import MONTHLY_FILE
from warstats.readers.ocha_bundle import BUNDLE_FILE

RAW = default_raw_dir()
T = pd.Timestamp


def _flows() -> pd.DataFrame:
    f = pd.DataFrame({
        "period_start": pd.to_datetime(["2022-02-24", "2022-03-01", "2023-01-01"] * 2),
        "period_end": pd.to_datetime(["2022-02-28", "2022-03-31", "2023-01-31"] * 2),
        "measure": ["killed"] * 3 + ["injured"] * 3,
        "value": [10.0, 31.0, 62.0, 20.0, 40.0, 0.0],
        "unit": "persons",
        "source_id": "m",
        "is_minimum": True,
    })
    f.attrs["kind"] = "flow"
    return f


def _cumulative() -> pd.DataFrame:
    c = pd.DataFrame({
        "date": pd.to_datetime(["2022-03-03", "2022-03-10", "2022-03-31"]),
        "published": pd.to_datetime(["2022-03-03", "2022-03-10", "2022-03-31"]),
        "measure": "killed", "value": [5.0, 20.0, 30.0], "unit": "persons",
        "source_id": "p", "is_minimum": True,
    })
    c.attrs["kind"] = "cumulative"
    return c


def test_to_cumulative_hand_worked():
    out = to_cumulative(_flows())
    killed = out[out["measure"] == "killed"]
    assert killed["value"].tolist() == [10.0, 41.0, 103.0]
    assert killed["date"].tolist() == [T("2022-02-28"), T("2022-03-31"), T("2023-01-31")]
    assert out.attrs["kind"] == "cumulative" and out.attrs["sources"] == ["m"]


def test_to_flow_hand_worked_and_round_trip():
    flow = to_flow(_cumulative())
    assert flow["value"].tolist() == [5.0, 15.0, 10.0]
    assert flow["period_start"].tolist() == [T("2022-02-24"), T("2022-03-04"), T("2022-03-11")]
    assert flow["period_end"].tolist() == [T("2022-03-03"), T("2022-03-10"), T("2022-03-31")]
    back = to_cumulative(flow)
    assert back["value"].tolist() == [5.0, 20.0, 30.0]


def test_kind_refusals():
    with pytest.raises(MeasureKindError, match="flow"):
        to_flow(_flows())
    with pytest.raises(MeasureKindError, match="cumulative"):
        to_cumulative(_cumulative())
    with pytest.raises(MeasureKindError):
        annual_totals(_cumulative())
    unknown = _flows()
    unknown.attrs = {}
    with pytest.raises(MeasureKindError, match="measure kind"):
        to_cumulative(unknown)


def test_to_flow_refuses_a_falling_series():
    c = _cumulative()
    c.loc[2, "value"] = 1.0
    with pytest.raises(MeasureKindError, match="2022-03-31"):
        to_flow(c)


def test_totals_and_average_per_day_hand_worked():
    years = annual_totals(_flows())
    k = years[years["measure"] == "killed"].set_index("year")
    assert k.loc[2022, "value"] == 41.0 and k.loc[2023, "value"] == 62.0
    per_day = average_per_day(years)
    k = per_day[per_day["measure"] == "killed"].set_index("year")
    assert k.loc[2022, "days"] == 5 + 31  # 24 Feb–31 Mar 2022
    assert k.loc[2022, "per_day"] == pytest.approx(41 / 36)
    assert k.loc[2023, "per_day"] == pytest.approx(2.0)
    months = monthly_totals(_flows())
    assert months[months["measure"] == "killed"]["month"].tolist() == ["2022-02", "2022-03",
                                                                       "2023-01"]


def test_totals_refuse_periods_crossing_a_boundary():
    f = _flows()
    f.loc[0, "period_end"] = T("2022-03-05")
    with pytest.raises(MeasureKindError, match="boundary"):
        monthly_totals(f)


def test_known_on_hand_worked():
    assert known_on(_cumulative(), "2022-03-15")["value"].tolist() == [20.0]
    assert known_on(_cumulative(), "2022-03-02").empty


def test_revision_hand_worked():
    rev = revision(_cumulative(), _flows())
    row = rev[rev["measure"] == "killed"].iloc[0]
    assert row["date"] == T("2022-03-31") and row["published_date"] == T("2022-03-31")
    assert (row["as_published"], row["latest"], row["revision"]) == (30.0, 41.0, 11.0)
    assert row["revision_pct"] == pytest.approx(11 / 30 * 100)
    assert row["source_id"] == "m;p"
    with pytest.raises(MissingDataError):
        revision(_cumulative().assign(date=T("2022-03-20")), _flows())


def test_rate_per_100k_hand_worked():
    c = pd.DataFrame({"country_iso3": ["UKR"], "value": [100.0], "source_id": "a"})
    pop = pd.DataFrame({"country_iso3": ["UKR", "UKR"], "year": [2021, 2022],
                        "value": [50_000_000.0, 1.0], "source_id": "b"})
    out = rate_per_100k(c, pop)
    assert out["per_100000"].tolist() == pytest.approx([0.2])
    assert out["population_year"].tolist() == [2021] and out.attrs["population_year"] == 2021
    assert out["source_id"].tolist() == ["a;b"]


def test_war_day_convention_matches_seed_article():
    # The seed article calls 19 Nov 2024 the war's 1,000th day: 24 Feb 2022 counts as day 1.
    assert (T("2024-11-19") - T("2022-02-24")).days + 1 == 1000
    assert war_day("2024-11-19") == 1000 and date_of_war_day(1).isoformat() == "2022-02-24"
    assert with_war_day(pd.DataFrame({"date": [T("2022-02-24")]}))["war_day"].tolist() == [1]


# --- real data ---------------------------------------------------------------------------

def _raw_monthly() -> list[dict]:
    return json.loads((RAW / MONTHLY_FILE).read_text(encoding="utf-8"))["monthly"]


def test_real_sum_through_october_2024():
    raw = _raw_monthly()
    expected = {m: float(sum(r[m] for r in raw if r["month"] <= "2024-10"))
                for m in ("killed", "injured")}
    cum = to_cumulative(ws.load("casualties_monthly"))
    at = cum[cum["date"] == T("2024-10-31")]
    assert dict(zip(at["measure"].astype(str), at["value"], strict=True)) == expected


def test_real_annual_totals_and_revision_end_2022():
    raw = _raw_monthly()
    killed_2022 = float(sum(r["killed"] for r in raw if r["month"].startswith("2022")))
    years = annual_totals(ws.load("casualties_monthly"))
    got = years[(years["year"] == 2022) & (years["measure"] == "killed")]["value"].iloc[0]
    assert got == killed_2022
    bundle = {r["#date"]: r for r in json.loads((RAW / BUNDLE_FILE).read_text(encoding="utf-8"))
              ["timeseries_casualties_data"]}
    rev = revision(ws.load("casualties_published"), ws.load("casualties_monthly"))
    row = rev[(rev["date"] == T("2022-12-31")) & (rev["measure"] == "killed")].iloc[0]
    assert row["as_published"] == float(bundle["2022-12-31"]["#affected+killed"])
    assert row["latest"] == killed_2022
    assert (rev["source_id"].str.contains("engelde_ohchr_monthly")).all()


def test_real_known_on_seed_date_and_latest_figures():
    raw = json.loads((RAW / BUNDLE_FILE).read_text(encoding="utf-8"))[
        "timeseries_casualties_data"]
    pub = ws.load("casualties_published")
    seen = known_on(pub, "2024-11-19")
    assert set(seen["date"]) == {T(raw[-1]["#date"])}
    assert dict(zip(seen["measure"].astype(str), seen["value"], strict=True))["killed"] == \
        float(raw[-1]["#affected+killed"])
    latest = latest_figures(pub)
    assert set(latest["source_id"]) == {"ocha_ude_casualties", "ocha_key_figures_2022"}


def test_real_rate_uses_2021_population():
    with open(RAW / "population/worldbank_population_sp_pop_totl.csv", encoding="utf-8") as fh:
        pop_2021 = next(float(r["Value"]) for r in csv.DictReader(fh)
                        if r["Country Code"] == "UKR" and r["Year"] == "2021")
    total_killed = float(sum(r["killed"] for r in _raw_monthly()))
    cum = to_cumulative(ws.load("casualties_monthly"))
    last = cum[(cum["date"] == cum["date"].max()) & (cum["measure"] == "killed")]
    out = rate_per_100k(last, ws.load("population"), year=2021)
    assert out["per_100000"].iloc[0] == pytest.approx(total_killed / pop_2021 * 1e5)
    assert out["population_year"].iloc[0] == 2021
