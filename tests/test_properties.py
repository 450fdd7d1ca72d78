"""Property tests (hypothesis) of the analysis functions: identities, linearity, round trips,
"as known on" never looking ahead, and aggregations that keep totals and source ids.

Frames are hand-built from generated integers (amounts are whole numbers stored as floats,
so sums are exact); max_examples stays modest so the module runs in a few seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warstats as ws
from warstats.analysis.aid import aid_total
from warstats.analysis.casualties import annual_totals, monthly_totals, to_cumulative, to_flow
from warstats.analysis.events import aggregate_events
from warstats.analysis.money import convert, money_sum

FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
START = pd.Timestamp("2022-02-24")
SOURCES = st.sampled_from(["src_a", "src_b", "src_c"])
COUNTS = st.integers(min_value=0, max_value=10**7)


def _ids(series: pd.Series) -> set[str]:
    out: set[str] = set()
    for value in series.dropna().astype(str):
        out.update(v for v in value.split(";") if v)
    return out


# ---- flows and cumulative totals -------------------------------------------------------

@st.composite
def flow_frames(draw):
    """One or two measures, each a run of consecutive periods from 24 Feb 2022."""
    rows = []
    for measure in draw(st.lists(st.sampled_from(["killed", "injured"]), min_size=1,
                                 max_size=2, unique=True)):
        start = START
        for length, value in draw(st.lists(st.tuples(st.integers(1, 45), COUNTS),
                                           min_size=1, max_size=12)):
            end = start + pd.Timedelta(days=length - 1)
            rows.append({"period_start": start, "period_end": end, "country_iso3": "UKR",
                         "measure": measure, "value": float(value), "source_id": "src_a",
                         "is_minimum": True})
            start = end + pd.Timedelta(days=1)
    frame = pd.DataFrame(rows)
    frame.attrs["kind"] = "flow"
    return frame


@FAST
@given(flow_frames())
def test_flow_cumulative_flow_is_identity(flows):
    cumulative = to_cumulative(flows)
    assert cumulative.attrs["kind"] == "cumulative"
    back = to_flow(cumulative)
    assert back.attrs["kind"] == "flow"
    key = ["measure", "period_start"]
    want = flows.sort_values(key).reset_index(drop=True)
    got = back.sort_values(key).reset_index(drop=True)
    pd.testing.assert_series_equal(got["value"], want["value"], check_names=False)
    pd.testing.assert_series_equal(got["period_end"], want["period_end"], check_names=False)
    pd.testing.assert_series_equal(got["period_start"], want["period_start"],
                                   check_names=False)
    assert _ids(back["source_id"]) == _ids(flows["source_id"])
    # the running total ends at the sum of the flows, per measure
    last = cumulative.sort_values("date").groupby("measure")["value"].last()
    assert last.to_dict() == flows.groupby("measure")["value"].sum().to_dict()


@FAST
@given(st.lists(st.tuples(st.integers(1, 60), COUNTS), min_size=1, max_size=15))
def test_cumulative_flow_cumulative_is_identity(steps):
    dates, values, day, total = [], [], START, 0
    for gap, add in steps:
        day = day + pd.Timedelta(days=gap)
        total += add
        dates.append(day)
        values.append(float(total))
    cum = pd.DataFrame({"date": dates, "measure": "killed", "value": values,
                        "source_id": "src_b", "is_minimum": True})
    cum.attrs["kind"] = "cumulative"
    again = to_cumulative(to_flow(cum))
    assert again["value"].tolist() == values
    assert list(again["date"]) == dates


@st.composite
def flows_within_months(draw):
    """Flows whose periods each lie inside one calendar month (some months split)."""
    rows = []
    for month in draw(st.lists(st.integers(0, 40), min_size=1, max_size=10, unique=True)):
        first = pd.Timestamp("2022-03-01") + pd.DateOffset(months=month)
        last = first + pd.offsets.MonthEnd(0)
        cut = draw(st.integers(0, (last - first).days))
        bounds = [(first, last)] if cut == 0 else [
            (first, first + pd.Timedelta(days=cut - 1)), (first + pd.Timedelta(days=cut), last)]
        for a, b in bounds:
            rows.append({"period_start": a, "period_end": b, "country_iso3": "UKR",
                         "measure": draw(st.sampled_from(["killed", "injured"])),
                         "value": float(draw(COUNTS)), "source_id": draw(SOURCES),
                         "is_minimum": draw(st.booleans())})
    frame = pd.DataFrame(rows)
    frame.attrs["kind"] = "flow"
    return frame


@FAST
@given(flows_within_months())
def test_monthly_and_annual_totals_keep_totals_and_sources(flows):
    for out, label in ((monthly_totals(flows), "month"), (annual_totals(flows), "year")):
        assert out["value"].sum() == flows["value"].sum()
        per_measure = out.groupby("measure")["value"].sum().to_dict()
        assert per_measure == flows.groupby("measure")["value"].sum().to_dict()
        assert _ids(out["source_id"]) == _ids(flows["source_id"])
        assert set(out.attrs["sources"]) == _ids(flows["source_id"])
        # a period is a verified minimum only if every row summed into it was
        period = flows["period_start"].dt.to_period("M" if label == "month" else "Y")
        work = flows.assign(_p=period.astype(str) if label == "month" else period.dt.year)
        expect = work.groupby(["_p", "measure"])["is_minimum"].all()
        got = out.set_index([label, "measure"])["is_minimum"]
        assert got.sort_index().tolist() == expect.sort_index().tolist()


# ---- per capita ---------------------------------------------------------------------------

@FAST
@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=5),
       st.integers(1, 10**8), st.integers(1, 1000), st.sampled_from([1, 1000, 100_000]))
def test_per_capita_scales_linearly(values, population, k, per):
    countries = [f"C{i:02d}" for i in range(len(values))]
    df = pd.DataFrame({"country_iso3": countries, "value": [float(v) for v in values],
                       "source_id": "src_a"})
    pop = pd.DataFrame({"country_iso3": countries, "year": 2021,
                        "value": float(population), "source_id": "src_b"})
    base = ws.per_capita(df, pop, year=2021, per=per)[f"per_{per}"].to_numpy()
    scaled = ws.per_capita(df.assign(value=df["value"] * k), pop, year=2021,
                           per=per)[f"per_{per}"].to_numpy()
    np.testing.assert_allclose(scaled, base * k, rtol=1e-12)
    bigger = ws.per_capita(df, pop.assign(value=pop["value"] * k), year=2021,
                           per=per)[f"per_{per}"].to_numpy()
    np.testing.assert_allclose(bigger * k, base, rtol=1e-12)
    np.testing.assert_allclose(base, np.array(values) / population * per, rtol=1e-12)
    out = ws.per_capita(df, pop, year=2021, per=per)
    assert set(out["source_id"]) == {"src_a;src_b"}


# ---- currency conversion ----------------------------------------------------------------

@st.composite
def rates_and_amounts(draw):
    days = pd.date_range("2024-01-01", periods=draw(st.integers(5, 40)), freq="D")
    rows = []
    for cur in ("USD", "GBP"):
        for day in days:
            rate = draw(st.floats(0.2, 5.0, allow_nan=False, allow_infinity=False))
            rows.append({"date": day, "base_currency": "EUR", "quote_currency": cur,
                         "value": rate, "source_id": "ecb_eurofxref"})
    rates = pd.DataFrame(rows)
    n = draw(st.integers(1, 8))
    amounts = pd.DataFrame({
        "date": [days[draw(st.integers(0, len(days) - 1))] for _ in range(n)],
        "value": [float(draw(st.integers(0, 10**9))) for _ in range(n)],
        "currency": [draw(st.sampled_from(["EUR", "USD", "GBP"])) for _ in range(n)],
        "source_id": "k"})
    amounts["unit"] = amounts["currency"] + " million"
    return rates, amounts


@FAST
@given(rates_and_amounts(), st.sampled_from(["on-date", "monthly-average", "annual-average"]))
def test_conversion_round_trips_on_the_same_rates(data, basis):
    rates, amounts = data
    there = convert(amounts, "USD", basis, rates=rates)
    assert (there["currency"] == "USD").all()
    back = convert(there.drop(columns=[c for c in there.columns if c.startswith("fx_")]),
                   "EUR", basis, rates=rates)
    eur = amounts[amounts["currency"] == "EUR"]
    np.testing.assert_allclose(back.loc[eur.index, "value"], eur["value"], rtol=1e-12)
    # every currency comes back to itself: EUR→USD→EUR and X→USD then ×(X per USD)
    again = convert(there.drop(columns=[c for c in there.columns if c.startswith("fx_")]),
                    "GBP", basis, rates=rates)
    direct = convert(amounts, "GBP", basis, rates=rates)
    np.testing.assert_allclose(again["value"], direct["value"], rtol=1e-12)
    assert (back["unit"] == "EUR million").all()
    # the rate recorded on each row explains the number
    np.testing.assert_allclose(there["value"], amounts["value"] * there["fx_rate"], rtol=1e-12)
    assert {"k", "ecb_eurofxref"} >= _ids(there["source_id"])


# ---- "as known on" ------------------------------------------------------------------------

@st.composite
def vintaged(draw):
    n = draw(st.integers(1, 25))
    ref = [START + pd.Timedelta(days=draw(st.integers(0, 400))) for _ in range(n)]
    pub = [r + pd.Timedelta(days=draw(st.integers(0, 200))) for r in ref]
    return pd.DataFrame({"measure": [draw(st.sampled_from(["killed", "injured"]))
                                     for _ in range(n)],
                         "date": ref, "published": pub,
                         "value": [float(draw(COUNTS)) for _ in range(n)],
                         "source_id": [draw(SOURCES) for _ in range(n)]})


@FAST
@given(vintaged(), st.integers(-10, 700))
def test_as_of_never_returns_a_later_figure(df, offset):
    cutoff = START + pd.Timedelta(days=offset)
    known = ws.as_of(df, cutoff)
    assert (known["published"] <= cutoff).all()
    assert len(known) == int((df["published"] <= cutoff).sum())  # nothing known is lost
    latest = ws.as_of(df, cutoff, by=["measure"], reference="date")
    assert (latest["published"] <= cutoff).all()
    assert latest["measure"].is_unique
    for rec in latest.itertuples():
        seen = df[(df["measure"] == rec.measure) & (df["published"] <= cutoff)]
        assert rec.date == seen["date"].max()  # the newest reference date then known
    assert set(latest.attrs["sources"]) <= set(df["source_id"])


# ---- aggregations -------------------------------------------------------------------------

@st.composite
def events(draw):
    n = draw(st.integers(1, 40))
    maybe = st.one_of(st.none(), st.integers(0, 500))
    launched = [draw(st.integers(0, 500)) for _ in range(n)]
    return pd.DataFrame({
        "date": [START + pd.Timedelta(days=draw(st.integers(0, 900))) for _ in range(n)],
        "category": [draw(st.sampled_from(["UAV", "missile", "glide bomb"])) for _ in range(n)],
        "launched": [float(v) for v in launched],
        "destroyed": [np.nan if (v := draw(maybe)) is None else float(v) for _ in range(n)],
        "source_id": [draw(SOURCES) for _ in range(n)]})


@FAST
@given(events(), st.sampled_from(["day", "month", "year"]), st.booleans())
def test_aggregate_events_keeps_totals_and_sources(df, freq, by_category):
    by = ["category"] if by_category else []
    out = aggregate_events(df, freq=freq, by=by)
    assert out["launched"].sum() == df["launched"].sum()
    assert np.nansum(out["destroyed"]) == np.nansum(df["destroyed"])
    assert out["n_events"].sum() == len(df)
    assert out["n_missing"].sum() == df[["launched", "destroyed"]].isna().any(axis=1).sum()
    assert _ids(out["source_id"]) == set(df["source_id"])
    assert not out.duplicated(["period", *by]).any()
    if by:
        per = out.groupby("category", observed=True)["launched"].sum().to_dict()
        assert per == df.groupby("category")["launched"].sum().to_dict()


@FAST
@given(st.lists(st.tuples(st.sampled_from(["USA", "DEU", "GBR", "POL"]),
                          st.sampled_from(["military", "financial", "humanitarian"]),
                          st.integers(0, 10**5), SOURCES), min_size=1, max_size=20))
def test_aid_totals_keep_totals_and_sources(rows):
    df = pd.DataFrame(rows, columns=["donor_iso3", "aid_type", "value", "source_id"])
    df["value"] = df["value"].astype(float)
    df["eu_member"] = df["donor_iso3"].isin(["DEU", "POL"])
    df["currency"], df["stage"], df["unit"] = "EUR", "allocated", "EUR million"
    out = aid_total(df)
    assert out["value"].sum() == df["value"].sum()
    assert out.set_index("aid_type")["value"].to_dict() == \
        df.groupby("aid_type")["value"].sum().to_dict()
    assert _ids(out["source_id"]) == set(df["source_id"])
    for rec in out.itertuples():
        assert _ids(pd.Series([rec.source_id])) == set(
            df.loc[df["aid_type"] == rec.aid_type, "source_id"])
    whole = money_sum(df)
    assert whole["value"].iloc[0] == df["value"].sum()
    assert set(whole.attrs["sources"]) == set(df["source_id"])


# ---- change --------------------------------------------------------------------------------

@FAST
@given(st.lists(st.tuples(st.integers(-10**6, 10**6), st.integers(-10**6, 10**6)),
                min_size=1, max_size=6))
def test_change_sign_and_percent_are_consistent(pairs):
    countries = [f"C{i:02d}" for i in range(len(pairs))]
    df = pd.DataFrame({
        "country_iso3": countries * 2, "year": [2021] * len(pairs) + [2024] * len(pairs),
        "value": [float(a) for a, _ in pairs] + [float(b) for _, b in pairs],
        "source_id": ["s0"] * len(pairs) + ["s1"] * len(pairs)})
    out = ws.change(df, 2021, 2024)
    back = ws.change(df, 2024, 2021)
    for rec, rev, (a, b) in zip(out.itertuples(), back.itertuples(), pairs, strict=True):
        assert rec.change == b - a
        assert rev.change == -rec.change
        assert np.sign(rec.change) == np.sign(rec.end_value - rec.start_value)
        if a != 0:
            assert rec.pct_change == pytest.approx((b - a) / a * 100)
            assert np.sign(rec.pct_change) == np.sign(rec.change) * np.sign(a)
        else:
            assert not np.isfinite(rec.pct_change) or np.isnan(rec.pct_change)
        assert rec.source_id == "s0;s1"
