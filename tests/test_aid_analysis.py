"""Aid analysis: EU guard, rankings, % of GDP, coverage; expected values from raw files."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import warstats as ws
from warstats._paths import default_raw_dir
from warstats.analysis import aid as A
from warstats.errors import IncompatibleUnitsError, MissingDataError

RAW = default_raw_dir()


@pytest.fixture(scope="module")
def donors():
    return ws.load("aid_by_donor", validate=False)


def test_eu_guard(donors):
    with pytest.raises(IncompatibleUnitsError, match="EUI"):
        A.aid_total(donors)
    members = A.aid_total(donors[donors["donor_iso3"] != "EUI"])
    assert not members["eu_overlap"].any()
    both = A.aid_total(donors, allow_eu_overlap=True)
    assert both["eu_overlap"].all()
    doc = json.loads((RAW / "aid/engelde_kiel_release28_summary.json").read_text())
    assert both["value"].sum() == pytest.approx(sum(r["total"] for r in doc["byCountry"]),
                                                abs=0.01)
    eu = A.aid_total(donors, donors=["DEU", "FRA"])
    expected = sum(r["total"] for r in doc["byCountry"] if r["country"] in ("Germany",
                                                                           "France"))
    assert eu["value"].sum() == pytest.approx(expected, abs=0.005)


def test_ranking_and_shares(donors):
    r = A.donor_ranking(donors)
    assert r.iloc[0]["donor_iso3"] == "USA"
    assert r["share_pct"].sum() == pytest.approx(100.0)
    assert r["rank"].tolist() == list(range(1, len(r) + 1))


def test_share_of_gdp_hand_checked(donors):
    r = A.donor_ranking(donors)
    gdp = ws.load("gdp", validate=False)
    rates = ws.load("fx_rates", validate=False)
    out = A.aid_share_of_gdp(r, gdp, rates, year=2023)
    dnk = out[out["donor_iso3"] == "DNK"].iloc[0]
    # Hand check: EUR bn × ECB 2023 mean USD rate / GDP 2023.
    ecb = rates[(rates["source_id"] == "ecb_eurofxref") & (rates["quote_currency"] == "USD")
                & (rates["date"].dt.year == 2023)]["value"].mean()
    g = gdp[(gdp["country_iso3"] == "DNK") & (gdp["year"] == 2023)]["value"].item()
    assert dnk["pct_gdp"] == pytest.approx(dnk["total"] * ecb * 1e9 / g * 100)
    assert dnk["fx_rate"] == pytest.approx(1.0813, abs=1e-4)
    assert set(out.attrs["left_out"]) == {"EUI", "TWN"}
    with pytest.raises(MissingDataError, match="2023"):
        A.aid_share_of_gdp(r, gdp, rates, year=2024)


def test_per_capita(donors):
    r = A.donor_ranking(donors)
    pop = ws.load("population", validate=False)
    out = A.aid_per_capita(r, pop, year=2021)
    nor = out[out["donor_iso3"] == "NOR"].iloc[0]
    p = pop[(pop["country_iso3"] == "NOR") & (pop["year"] == 2021)]["value"].item()
    assert nor["per_person"] == pytest.approx(nor["total"] * 1e9 / p)
    assert "EUI" in out.attrs["left_out"]


def test_monthly_cumulative_matches_published():
    doc = json.loads((RAW / "aid/engelde_kiel_release28_summary.json").read_text())
    m = A.monthly_allocations(ws.load("aid_by_month", validate=False))
    last = m[m["month"] == m["month"].max()].set_index("aid_type")["cumulative"]
    for t in ("military", "financial", "humanitarian"):
        assert last[t] == pytest.approx(doc["cumulative"][-1][t], abs=0.01)


def test_us_packages_by_year_pda_2023():
    doc = json.loads((RAW / "aid/pun_us_security_assistance_announcements_money.json")
                     .read_text())
    expected = sum(float(r[1]) for r in doc if r[0].startswith("2023") and r[1])
    out = A.us_packages_by_year(ws.load("us_packages", validate=False))
    row = out[(out["year"] == 2023) & (out["authority"] == "PDA")]
    assert row["value"].item() == pytest.approx(expected)


def test_appeal_coverage_no_double_count():
    with open(RAW / "aid/ocha_fts_requirements_funding_global.csv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["countryCode"] == "UKR"]
    flash = next(r for r in rows if r["code"] == "FUKR22")
    appeals = ws.load("appeals", validate=False)
    cov = A.appeal_coverage(appeals, country="UKR").set_index("year")
    assert cov.at[2022, "requirements"] == float(flash["requirements"])
    assert cov.at[2022, "pct_funded"] == pytest.approx(
        float(flash["funding"]) / float(flash["requirements"]) * 100)
    assert cov.at[2022, "appeals"] == "FUKR22"
    regional = A.appeal_coverage(appeals, country="POL", include_regional=True)
    assert regional.set_index("year").at[2023, "appeals"] == "RUKRN23"


def test_compare_appeals_flags_ukraine():
    out = A.compare_appeals(ws.load("appeals", validate=False), 2024)
    ukr = out[out["is_focus"]]
    assert len(ukr) == 1 and ukr["country_iso3"].item() == "UKR"
    assert out["requirements"].is_monotonic_decreasing


def test_ranking_refuses_mixed_stages(donors):
    mixed = pd.concat([donors, donors.head(1).assign(stage="announced", donor_iso3="ZZZ")])
    with pytest.raises(IncompatibleUnitsError, match="stage"):
        A.donor_ranking(mixed)


def test_year_or_country_without_a_plan_is_a_clear_error():
    """The appeals table runs to years holding only multi-year funding (no plan): asking for
    one names the year instead of failing inside a merge of two empty tables."""
    appeals = ws.load("appeals", validate=False)
    plans = appeals[appeals["plan_scope"].isin(["country", "regional_share"])]
    planless = sorted(set(appeals["year"]) - set(plans["year"]))
    assert planless, "expected years with funding but no plan in the appeals table"
    with pytest.raises(MissingDataError, match=f"no country appeals in {planless[0]}"):
        A.compare_appeals(appeals, planless[0])
    with pytest.raises(MissingDataError, match="no appeal plan for ZZZ"):
        A.appeal_coverage(appeals, country="ZZZ")
