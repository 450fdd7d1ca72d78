"""analysis.displacement and analysis.displacement_idps on hand-worked frames and real data."""

from __future__ import annotations

import pandas as pd
import pytest

import warstats as ws
from warstats.analysis.displacement import (
    displaced_share,
    host_total,
    largest_crises,
    latest_by_host,
    origins_by_year,
    per_thousand,
    refugee_growth,
    top_hosts,
)
from warstats.analysis.displacement_idps import idps_by_oblast, idps_change, national_totals
from warstats.errors import MeasureKindError, SeriesBreakError, WarstatsError

NO_BREAKS = pd.DataFrame({"date": pd.to_datetime([]), "break_id": [], "description": []})


def _hosts() -> pd.DataFrame:
    return pd.DataFrame({
        "country_iso3": ["POL", "POL", "POL", "DEU", "DEU", "MDA"],
        "measure": "refugees_recorded", "kind": "stock",
        "date": pd.to_datetime(["2022-07-05", "2022-08-01", "2022-08-01", "2022-06-21",
                                "2022-09-01", "2022-08-01"]),
        "date_precision": ["day", "day", "month", "day", "day", "day"],
        "value": [100.0, 120.0, 999.0, 50.0, None, 10.0],
        "source_id": ["unhcr_odp_country_tables_2022", "unhcr_odp_country_tables_2022",
                      "one_unhcr_monthly", "unhcr_odp_country_tables_2022",
                      "unhcr_odp_country_tables_2022", "unhcr_odp_by_country_2022_08"],
    })


def test_latest_by_host_hand_worked():
    out = latest_by_host(_hosts())
    got = dict(zip(out["country_iso3"], out["value"], strict=True))
    # POL: day precision beats the month row of the same date; DEU: NaN skipped
    assert got == {"DEU": 50.0, "MDA": 10.0, "POL": 120.0}
    assert out.attrs["as_of_range"] == (pd.Timestamp("2022-06-21"), pd.Timestamp("2022-08-01"))
    early = latest_by_host(_hosts(), as_of="2022-07-31")
    assert dict(zip(early["country_iso3"], early["value"], strict=True)) == {
        "DEU": 50.0, "POL": 100.0}


def test_latest_by_host_needs_a_kind():
    with pytest.raises(MeasureKindError):
        latest_by_host(_hosts().drop(columns="kind"))


def test_host_total_says_when_dates_differ():
    out = host_total(latest_by_host(_hosts())).iloc[0]
    assert out["value"] == 180.0 and out["n_countries"] == 3
    assert out["note"] == ("sum of host-country figures with different as-of dates "
                           "(2022-06-21 to 2022-08-01)")
    same = _hosts().iloc[[1, 5]]
    assert host_total(same).iloc[0]["note"] == ""


def test_per_thousand_and_top_hosts():
    latest = latest_by_host(_hosts())
    pop = pd.DataFrame({"country_iso3": ["POL", "DEU", "MDA"], "year": 2022,
                        "value": [40_000.0, 80_000.0, 2_000.0], "source_id": "wb"})
    out = per_thousand(latest, pop).set_index("country_iso3")
    assert out.loc["POL", "per_1000"] == pytest.approx(3.0)
    assert out.loc["MDA", "per_1000"] == pytest.approx(5.0)
    assert set(out["population_year"]) == {2022}
    top = top_hosts(out.reset_index(), 2, column="per_1000")
    assert top["country_iso3"].tolist() == ["MDA", "POL"]


def test_refugee_growth_refuses_breaks_unless_allowed():
    series = pd.DataFrame({"date": pd.to_datetime(["2022-11-01", "2023-02-01"]),
                           "measure": "refugees_recorded_europe", "value": [8.0, 6.0],
                           "source_id": "s"})
    brk = pd.DataFrame({"date": pd.to_datetime(["2022-12-31"]), "break_id": ["b1"],
                        "description": ["Russia revised"]})
    with pytest.raises(SeriesBreakError, match="b1"):
        refugee_growth(series, "2022-11-01", "2023-02-01", breaks=brk)
    out = refugee_growth(series, "2022-11-01", "2023-02-01", breaks=brk, allow_breaks=True)
    assert out["change"].tolist() == [-2.0] and out["breaks"].tolist() == ["b1"]


def test_refugee_growth_real_breaks():
    europe, brk = ws.load("refugees_europe"), ws.series_breaks("refugees_europe")
    with pytest.raises(SeriesBreakError, match="unhcr_europe_russia_2022_12_31"):
        refugee_growth(europe, "2022-11-30", "2023-01-31", breaks=brk)
    ok = refugee_growth(europe, "2023-07-04", "2024-03-12", breaks=brk)
    assert ok["breaks"].tolist() == [""] and ok["end_value"].tolist() == [5_982_920.0]


def test_displaced_share_hand_worked_with_caveats():
    ref = pd.DataFrame({"value": [4.0, 2.0], "source_id": "a",
                        "date": pd.to_datetime(["2024-01-01", "2024-03-01"])})
    idp = pd.DataFrame({"value": [3.0, 1.0], "round": 20, "source_id": "b",
                        "date": pd.to_datetime(["2025-04-30"] * 2)})
    pop = pd.DataFrame({"country_iso3": ["UKR"], "year": [2021], "value": [40.0],
                        "source_id": "c"})
    out = displaced_share(ref, idp, pop).set_index("component")
    assert out.loc["displaced_total", "value"] == 10.0
    assert out.loc["displaced_total", "share_pct"] == 25.0
    caveats = out.loc["displaced_total", "caveats"]
    assert "different as-of dates (2024-01-01 to 2024-03-01)" in caveats
    assert "government-controlled" in caveats
    assert out.loc["displaced_total", "source_id"] == "a;b;c"
    with pytest.raises(WarstatsError):
        displaced_share(ref, idp.assign(round=[19, 20]), pop)


def test_origins_and_largest_crises():
    g = pd.DataFrame({"year": 2023, "coo_iso": ["UKR", "UKR", "SYR", "VEN", "UNK"],
                      "coa_iso": ["POL", "DEU", "TUR", "COL", "POL"],
                      "measure": ["refugees", "refugees", "refugees", "oip", "refugees"],
                      "value": [2, 3, 4, 7, 50], "source_id": "u"})
    out = origins_by_year(g, ["UKR", "SYR", "VEN"], measures=["refugees"])
    assert dict(zip(out["coo_iso"], out["value"], strict=True)) == {"SYR": 4.0, "UKR": 5.0}
    top = largest_crises(g, 2023)
    assert top["coo_iso"].tolist() == ["VEN", "UKR", "SYR"] and top["rank"].tolist() == [1, 2, 3]


def test_origins_real_data():
    glob = ws.load("refugees_global")
    out = origins_by_year(glob, ["UKR", "SYR"], measures=["refugees"], years=[2022, 2023])
    got = dict(zip(zip(out["coo_iso"], out["year"], strict=True), out["value"], strict=True))
    assert got[("UKR", 2022)] == 5_684_177 and got[("UKR", 2023)] == 5_960_362


def _idps() -> pd.DataFrame:
    return pd.DataFrame({
        "round": [1, 1, 18, 18, 20, 20, 20],
        "date": pd.to_datetime(["2022-03-16"] * 2 + ["2024-10-31"] * 2 + ["2025-04-30"] * 3),
        "area_level": ["macro_region", "macro_region", "oblast", "unknown", "oblast",
                       "unknown", "oblast"],
        "area_code": ["UA_MR_EAST", "UA_MR_WEST", "UA80", "UA_UNK", "UA80", "UA_UNK", "UA14"],
        "area_name": ["East", "West", "Kyiv", "Unknown", "Kyiv", "Unknown", "Donetska"],
        "value": [5.0, 7.0, 100.0, 20.0, 90.0, 10.0, None], "source_id": "s"})


def test_idps_by_oblast_and_national_totals():
    out = idps_by_oblast(_idps())
    assert out["share_pct"].dropna().tolist() == [90.0, 10.0]
    assert out.attrs["not_available"] == ["UA14"]
    nat = national_totals(_idps()).set_index("round")
    assert nat.loc[20, "value"] == 100.0 and nat.loc[20, "n_not_available"] == 1
    assert nat.loc[1, "area_level"] == "macro_region"


def test_idps_change_guards():
    change = idps_change(_idps(), 18, 20, breaks=NO_BREAKS).set_index("area_code")
    assert change.loc["UA80", "change"] == -10.0
    with pytest.raises(WarstatsError, match="macro-region"):
        idps_change(_idps(), 1, 20, breaks=NO_BREAKS)
    nat = idps_change(_idps(), 1, 20, breaks=NO_BREAKS, national=True)
    assert nat["change"].tolist() == [88.0]


def test_idps_real_rounds_and_break():
    idps = ws.load("idps")
    nat = national_totals(idps).set_index("round")["value"]
    assert nat[20] == 3_436_000 and nat[14] == 3_674_000
    with pytest.raises(SeriesBreakError, match="iom_idp_wording_r17"):
        idps_change(idps, 14, 20, national=True, breaks=ws.series_breaks("idps"))
    allowed = idps_change(idps, 14, 20, national=True, allow_breaks=True,
                          breaks=ws.series_breaks("idps"))
    assert allowed["change"].tolist() == [-238_000.0]
    assert allowed["breaks"].tolist() == ["iom_idp_wording_r17"]


def test_europe_series_agrees_with_unhcr_flash_update():
    from warstats.readers.seeds import read_figures

    fig = read_figures().set_index("figure_id").loc["unhcr_flash31_refugees_europe"]
    europe = ws.load("refugees_europe")
    series = europe[europe["source_id"] == "ocha_ude_refugees"].set_index("date")["value"]
    window = series[fig["reference_date"] - pd.Timedelta(days=3):fig["reference_date"]]
    assert window.min() <= fig["value"] <= window.max()
    assert abs(window.iloc[-1] / fig["value"] - 1) < 0.001
