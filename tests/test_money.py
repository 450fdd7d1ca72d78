"""Money functions with hand-worked examples: convert, to_real, money_sum."""

from __future__ import annotations

import pandas as pd
import pytest

from warstats.analysis.money import convert, money_sum, to_real
from warstats.errors import IncompatibleUnitsError, MissingDataError


@pytest.fixture
def rates():
    # ECB: foreign currency per EUR. Fri 5 Jan and Mon 8 Jan 2024; no rates at the weekend.
    ecb = pd.DataFrame({
        "date": pd.to_datetime(["2024-01-05", "2024-01-08", "2024-01-05", "2024-01-08",
                                "2024-02-01"]),
        "base_currency": "EUR",
        "quote_currency": ["USD", "USD", "GBP", "GBP", "USD"],
        "value": [1.10, 1.20, 0.80, 0.90, 1.00],
        "source_id": "ecb_eurofxref",
    })
    fred = pd.DataFrame({"date": pd.to_datetime(["2022-01-01"]), "base_currency": "USD",
                         "quote_currency": "EUR", "value": [0.8], "source_id": "fred_fx_annual"})
    return pd.concat([ecb, fred], ignore_index=True)


def money(values, dates, currency="EUR", unit="EUR billion"):
    return pd.DataFrame({"date": pd.to_datetime(dates), "value": values, "currency": currency,
                         "unit": unit, "stage": "allocated", "price_basis": "nominal",
                         "source_id": "kiel_ust_r28"})


def test_monthly_average_hand_worked(rates):
    # January 2024 USD rates 1.10 and 1.20 → average 1.15 US$ per EUR; 10 × 1.15 = 11.5.
    out = convert(money([10.0], ["2024-01-20"]), "USD", "monthly-average", rates=rates)
    row = out.iloc[0]
    assert row["value"] == pytest.approx(11.5)
    assert row["fx_rate"] == pytest.approx(1.15)
    assert row["fx_rate_date"] == pd.Timestamp("2024-01-01")
    assert row["fx_rate_basis"] == "monthly-average"
    assert row["fx_source_id"] == "ecb_eurofxref"
    assert row["fx_original_value"] == 10.0 and row["fx_original_currency"] == "EUR"
    assert row["currency"] == "USD" and row["unit"] == "USD billion"
    assert row["source_id"] == "ecb_eurofxref;kiel_ust_r28"


def test_annual_average_and_at(rates):
    # 2024 USD rates 1.10, 1.20, 1.00 → 1.10.
    out = convert(money([2.0], ["2030-06-01"]), "USD", "annual-average", rates=rates,
                  at="2024")
    assert out["value"].item() == pytest.approx(2.2)


def test_on_date_and_gap_reported(rates):
    out = convert(money([1.0], ["2024-01-08"]), "USD", "on-date", rates=rates)
    assert out["value"].item() == pytest.approx(1.2)
    weekend = money([1.0, 1.0], ["2024-01-06", "2024-01-07"])
    with pytest.raises(MissingDataError) as err:
        convert(weekend, "USD", "on-date", rates=rates)
    assert "2024-01-06" in str(err.value) and "2024-01-07" in str(err.value)
    filled = convert(weekend, "USD", "on-date", rates=rates, fill="previous")
    assert filled["value"].tolist() == pytest.approx([1.1, 1.1])
    assert filled["fx_fill"].tolist() == ["previous", "previous"]
    assert (filled["fx_rate_date"] == pd.Timestamp("2024-01-05")).all()


def test_missing_month_named(rates):
    with pytest.raises(MissingDataError, match="2024-03"):
        convert(money([1.0], ["2024-03-15"]), "USD", "monthly-average", rates=rates)


def test_round_trip_eur_usd_eur(rates):
    df = money([10.0, 3.3], ["2024-01-05", "2024-01-08"])
    for basis in ("on-date", "monthly-average", "annual-average"):
        usd = convert(df, "USD", basis, rates=rates)
        back = convert(usd, "EUR", basis, rates=rates)
        assert back["value"].tolist() == pytest.approx(df["value"].tolist(), rel=1e-12)
        assert back["currency"].unique().tolist() == ["EUR"]
        assert back["unit"].unique().tolist() == ["EUR billion"]


def test_cross_rate_and_mixed_rows(rates):
    # 1 USD on 5 Jan = 0.80 / 1.10 GBP; the EUR row uses 0.80 directly.
    df = pd.concat([money([1.1], ["2024-01-05"], "USD", "USD million"),
                    money([1.0], ["2024-01-05"])], ignore_index=True)
    out = convert(df, "GBP", "on-date", rates=rates)
    assert out["value"].tolist() == pytest.approx([0.8, 0.8])
    assert out["unit"].tolist() == ["GBP million", "GBP billion"]


def test_same_currency_rate_one_and_fred(rates):
    out = convert(money([5.0], ["2024-01-05"], "USD", "USD million"), "USD", "on-date",
                  rates=rates)
    assert out["value"].item() == 5.0 and out["fx_rate"].item() == 1.0
    assert out["fx_rate_basis"].item() == ""
    fred = convert(money([8.0], ["2022-05-01"]), "USD", "annual-average", rates=rates,
                   source="fred")
    assert fred["value"].item() == pytest.approx(10.0)  # 8 EUR / 0.8 EUR per USD
    assert fred["fx_source_id"].item() == "fred_fx_annual"


def test_money_sum_refuses_mixes():
    a = money([1.0], ["2024-01-05"])
    b = money([1.0], ["2024-01-05"], "USD", "USD billion")
    with pytest.raises(IncompatibleUnitsError, match="currency"):
        money_sum(pd.concat([a, b]))
    c = a.assign(stage="announced")
    with pytest.raises(IncompatibleUnitsError, match="stage"):
        money_sum(pd.concat([a, c]))
    d = a.assign(price_basis="real 2023")
    with pytest.raises(IncompatibleUnitsError, match="price_basis"):
        money_sum(pd.concat([a, d]))
    assert money_sum(pd.concat([a, a]))["value"].item() == 2.0


@pytest.fixture
def prices():
    months = pd.date_range("2023-01-01", "2024-03-01", freq="MS")
    values = [100.0] * 12 + [110.0, 115.0, 120.0]
    return pd.DataFrame({"series": "cpi_u", "date": months, "value": values,
                         "source_id": "bls_cpi_u"})


def test_to_real_hand_worked(prices):
    df = money([11.0, 12.0], ["2024-01-10", "2024-03-31"], "USD", "USD million")
    out = to_real(df, 2023, "cpi_u", prices=prices)
    assert out["value"].tolist() == pytest.approx([10.0, 10.0])
    assert out["price_basis"].unique().tolist() == ["real 2023"]
    assert out["deflator_index"].unique().tolist() == ["cpi_u"]
    assert out["deflator_level"].tolist() == [110.0, 120.0]
    assert out["deflator_base_level"].unique().tolist() == [100.0]
    assert out["source_id"].iloc[0] == "bls_cpi_u;kiel_ust_r28"


def test_to_real_gap_named_and_interpolated(prices):
    gap = prices[prices["date"] != "2024-02-01"]
    df = money([11.5], ["2024-02-15"], "USD", "USD million")
    with pytest.raises(MissingDataError, match="2024-02"):
        to_real(df, 2023, "cpi_u", prices=gap)
    out = to_real(df, 2023, "cpi_u", prices=gap, fill="interpolate")
    # Interpolated Feb level between 110 (Jan) and 120 (Mar), by days: 110 + 10 × 31/60.
    level = 110 + 10 * 31 / 60
    assert out["deflator_level"].item() == pytest.approx(level)
    assert out["value"].item() == pytest.approx(11.5 * 100 / level)
    assert out["deflator_fill"].item() == "interpolated"


def test_to_real_annual_rows_and_refusals(prices):
    df = pd.DataFrame({"year": [2023], "value": [7.0], "currency": "USD",
                       "price_basis": "nominal", "source_id": "x"})
    assert to_real(df, 2023, "cpi_u", prices=prices)["value"].item() == 7.0
    with pytest.raises(MissingDataError, match="2024"):
        to_real(df.assign(year=2024), 2023, "cpi_u", prices=prices)
    with pytest.raises(IncompatibleUnitsError, match="EUR"):
        to_real(money([1.0], ["2024-01-10"]), 2023, "cpi_u", prices=prices)
    real = to_real(money([1.0], ["2024-01-10"], "USD"), 2023, "cpi_u", prices=prices)
    with pytest.raises(IncompatibleUnitsError):
        to_real(real, 2023, "cpi_u", prices=prices)


def test_real_data_known_gaps():
    import warstats as ws

    prices = ws.load("price_indices", validate=False)
    oct25 = money([1.0], ["2025-10-15"], "USD", "USD million")
    with pytest.raises(MissingDataError, match="2025-10"):
        to_real(oct25, 2024, "cpi_u", prices=prices)
    filled = to_real(oct25, 2024, "cpi_u", prices=prices, fill="interpolate")
    assert filled["deflator_fill"].item() == "interpolated"
    with pytest.raises(MissingDataError, match="2025-04"):
        to_real(money([1.0], ["2025-04-15"]), 2024, "hicp_ea", prices=prices)
