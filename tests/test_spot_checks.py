"""Spot checks: figures in the curated tables against totals the publishers state themselves.

Each expected value is a publisher's own published figure (as quoted in
``../shared/sources/SOURCES.md`` or the publisher's report named in ``docs/SPOT_CHECKS.md``),
with a tolerance equal to the publisher's rounding. None comes from this package.
"""

from __future__ import annotations

import pytest

import warstats as ws


def _refugees(origin: str | None, year: int, measure: str = "refugees") -> float:
    g = ws.load("refugees_global")
    rows = g[(g["measure"] == measure) & (g["year"] == year)]
    if origin:
        rows = rows[rows["coo_iso"] == origin]
    return float(rows["value"].sum())


def _casualties_year(measure: str, year: int) -> float:
    m = ws.load("casualties_monthly")
    return float(m[(m["measure"] == measure) & (m["period_start"].dt.year == year)]["value"].sum())


def _ecb_usd(year: int) -> float:
    fx = ws.load("fx_rates")
    rows = fx[(fx["source_id"] == "ecb_eurofxref") & (fx["quote_currency"] == "USD")
              & (fx["date"].dt.year == year)]
    return float(rows["value"].mean())


def _fukr22(measure: str) -> float:
    ap = ws.load("appeals")
    return float(ap[(ap["appeal_code"] == "FUKR22") & (ap["measure"] == measure)]["value"].sum())


CHECKS = [
    # (what, publisher's figure, tolerance, computed from the curated tables)
    ("HRMMU 2025 civilians killed (HRMMU, Feb 2026)", 2_514, 0,
     lambda: _casualties_year("killed", 2025)),
    ("HRMMU 2025 civilians injured (HRMMU, Feb 2026)", 12_142, 0,
     lambda: _casualties_year("injured", 2025)),
    ("UNHCR Global Trends 2022: 5.7 million refugees from Ukraine", 5_700_000, 50_000,
     lambda: _refugees("UKR", 2022)),
    ("UNHCR Global Trends 2023: 6.4 million Syrian refugees", 6_400_000, 50_000,
     lambda: _refugees("SYR", 2023)),
    ("UNHCR Global Trends 2024: 31.0 million refugees under UNHCR's mandate", 31_000_000,
     50_000, lambda: _refugees(None, 2024)),
    ("OCHA FTS: Flash Appeal Ukraine 2022 requires US$ 4.3 billion", 4.3e9, 0.05e9,
     lambda: _fukr22("requirements")),
    ("OCHA FTS: Flash Appeal Ukraine 2022 88 % funded", 88, 0.5,
     lambda: _fukr22("funding") / _fukr22("requirements") * 100),
    ("ECB: 2022 average USD per EUR 1.0530", 1.0530, 0.00005, lambda: _ecb_usd(2022)),
    ("ECB: 2023 average USD per EUR 1.0813", 1.0813, 0.00005, lambda: _ecb_usd(2023)),
    ("ECB: 2024 average USD per EUR 1.0824", 1.0824, 0.00005, lambda: _ecb_usd(2024)),
    ("BLS: CPI-U 2022 annual average 292.655", 292.655, 0.0005,
     lambda: float(ws.load("price_indices").query(
         "series == 'cpi_u' and date.dt.year == 2022")["value"].mean())),
    ("World Bank WDI: US GDP 2023 US$ 27.361 trillion", 27.361e12, 0.0005e12,
     lambda: float(ws.load("gdp").query("country_iso3 == 'USA' and year == 2023")["value"]
                   .item())),
    ("Kiel summary's own total: EUR 349.93 bn allocated", 349.93, 0.005,
     lambda: float(ws.load("aid_by_donor")["value"].sum())),
    ("IOM DTM round 14 (Sep 2023): 3.674 million IDPs", 3_674_000, 0,
     lambda: float(ws.load("idps").query("round == 14 and measure == 'idps_present'")
                   ["value"].sum())),
    ("UCDP via OWID: Ethiopia 2022, 102,860 deaths", 102_860, 0,
     lambda: float(ws.load("conflict_deaths").query("country_iso3 == 'ETH' and year == 2022")
                   ["value"].item())),
]


@pytest.mark.parametrize("what, expected, tolerance, compute", CHECKS,
                         ids=[c[0][:40] for c in CHECKS])
def test_spot_check(what, expected, tolerance, compute):
    got = compute()
    assert abs(got - expected) <= tolerance, f"{what}: data {got:,} vs published {expected:,}"


def test_spot_checks_are_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "SPOT_CHECKS.md").read_text()
    for what, *_ in CHECKS:
        assert what in doc, f"docs/SPOT_CHECKS.md lacks: {what}"
