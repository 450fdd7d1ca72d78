"""Money: currency conversion, inflation adjustment and safe sums.

Every converted or deflated frame records what was done in new columns, so a figure can
always be traced: ``fx_rate`` (target units per source unit), ``fx_rate_date``,
``fx_rate_basis``, ``fx_source_id``, ``fx_fill``; ``deflator_*`` for :func:`to_real`.
Gaps in rates or indices raise :class:`MissingDataError` naming the dates; they are
filled only when the caller passes ``fill=…``, and the output then says so per row.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from warstats.analysis.kinds import carry_sources, join_ids, require_single
from warstats.errors import IncompatibleUnitsError, MissingDataError

RATE_BASES = ("monthly-average", "annual-average", "on-date")
RATE_SOURCES = {"ecb": "ecb_eurofxref", "fred": "fred_fx_monthly"}
DATE_COLUMNS = ("date", "month", "date_signed", "year")
INDEX_CURRENCY = {"cpi_u": "USD", "hicp_ea": "EUR"}
MONEY_KEYS = ("currency", "unit", "stage", "price_basis")


def _row_dates(df: pd.DataFrame, date_column: str | None, at) -> pd.Series:
    if at is not None:
        return pd.Series(pd.Timestamp(str(at)), index=df.index)
    cols = [date_column] if date_column else [c for c in DATE_COLUMNS if c in df.columns]
    if not cols or cols[0] not in df.columns:
        raise MissingDataError("convert/to_real: the frame has no date column "
                               f"({', '.join(DATE_COLUMNS)}); pass date_column=… or at=…")
    col = cols[0]
    if col == "year":
        return pd.to_datetime(df[col].astype(int).astype(str) + "-01-01")
    return pd.to_datetime(df[col])


def _table(rates: pd.DataFrame, basis: str, source: str) -> tuple[pd.DataFrame, str]:
    """Per-period rates as ``period, currency, per_base`` for one source, and the base."""
    if source not in RATE_SOURCES:
        raise ValueError(f"rate source {source!r} not in {sorted(RATE_SOURCES)}")
    if source == "ecb":
        part = rates[rates["source_id"] == "ecb_eurofxref"]
        base = "EUR"
        day = pd.to_datetime(part["date"])
        if basis == "on-date":
            period = day
        elif basis == "monthly-average":
            period = day.dt.to_period("M").dt.to_timestamp()
        else:
            period = day.dt.to_period("Y").dt.to_timestamp()
        table = (part.assign(period=period).groupby(["period", "quote_currency"],
                                                   as_index=False)
                 .agg(per_base=("value", "mean"), source_id=("source_id", "first")))
    else:
        if basis == "on-date":
            raise MissingDataError("the Fed H.10 files in fx_rates hold monthly and annual "
                                   "averages only: use source='ecb' for on-date rates")
        sid = "fred_fx_monthly" if basis == "monthly-average" else "fred_fx_annual"
        part = rates[rates["source_id"] == sid]
        base = "USD"
        table = pd.DataFrame({"period": pd.to_datetime(part["date"]),
                              "quote_currency": part["quote_currency"],
                              "per_base": part["value"], "source_id": sid})
    if table.empty:
        raise MissingDataError(f"no {source} rates in the rates frame (ws.load('fx_rates'))")
    return table, base


def _period(dates: pd.Series, basis: str) -> pd.Series:
    if basis == "monthly-average":
        return dates.dt.to_period("M").dt.to_timestamp()
    if basis == "annual-average":
        return dates.dt.to_period("Y").dt.to_timestamp()
    return dates.dt.normalize()


def _lookup(table: pd.DataFrame, base: str, currency: str, periods: pd.Series,
            fill: str | None, basis: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Units of ``currency`` per base unit for each period: (rate, period used, filled)."""
    if currency == base:
        one = pd.Series(1.0, index=periods.index)
        return one, periods, pd.Series("", index=periods.index)
    series = table[table["quote_currency"] == currency].set_index("period")["per_base"]
    series = series.sort_index()
    if series.empty:
        raise MissingDataError(f"no {currency} rates in the chosen source")
    exact = periods.map(series)
    used = periods.copy()
    filled = pd.Series("", index=periods.index)
    missing = exact.isna()
    if missing.any():
        if fill != "previous":
            fmt = "%Y-%m-%d" if basis == "on-date" else ("%Y-%m" if basis == "monthly-average"
                                                         else "%Y")
            dates = sorted({p.strftime(fmt) for p in periods[missing]})
            raise MissingDataError(
                f"no {basis} {currency} rate for {len(dates)} date(s): {', '.join(dates[:20])}"
                f"{' …' if len(dates) > 20 else ''}. Pass fill='previous' to use the latest "
                "earlier rate (recorded in fx_fill), or choose another rate basis.")
        pos = series.index.searchsorted(periods[missing], side="right") - 1
        if (pos < 0).any():
            first = periods[missing][pos < 0].min()
            raise MissingDataError(f"no earlier {currency} rate to carry to {first:%Y-%m-%d}")
        exact[missing] = series.to_numpy()[pos]
        used[missing] = series.index[pos]
        filled[missing] = "previous"
    return exact.astype(float), used, filled


def convert(df: pd.DataFrame, to: str = "USD", rate: str = "monthly-average", *,
            rates: pd.DataFrame, source: str = "ecb", date_column: str | None = None,
            at=None, fill: str | None = None, value: str = "value") -> pd.DataFrame:
    """Convert money amounts to currency ``to``, recording the rate used on every row.

    ``rates`` is ``ws.load("fx_rates")``. ``rate`` is ``"on-date"`` (the rate of the row's
    date), ``"monthly-average"`` or ``"annual-average"`` (the average of the row's month or
    year: ECB daily rates averaged, or the Fed's published averages with ``source="fred"``).
    ``at`` pins one date or period for every row (e.g. ``at="2024"`` for Kiel totals).
    A missing rate raises :class:`MissingDataError` naming the dates, unless
    ``fill="previous"`` (the latest earlier rate; ``fx_fill`` says so).

    Examples
    --------
    >>> rates = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", "2024-01-03"]),
    ...     "base_currency": "EUR", "quote_currency": "USD", "value": [1.10, 1.20],
    ...     "source_id": "ecb_eurofxref"})
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-01-15"]), "value": [10.0],
    ...     "currency": "EUR", "unit": "EUR billion", "source_id": "k"})
    >>> out = convert(df, "USD", "monthly-average", rates=rates)
    >>> out[["value", "unit", "fx_rate"]].round(6).values.tolist()
    [[11.5, 'USD billion', 1.15]]
    """
    if rate not in RATE_BASES:
        raise ValueError(f"rate={rate!r}: choose one of {RATE_BASES}")
    if fill not in (None, "previous"):
        raise ValueError("fill must be None or 'previous'")
    if "currency" not in df.columns:
        raise MissingDataError("convert: the frame has no 'currency' column")
    if "price_basis" in df.columns and (df["price_basis"] != "nominal").any():
        raise IncompatibleUnitsError("convert: convert nominal amounts first, then deflate "
                                     "with to_real (the rows are not all nominal)")
    table, base = _table(rates, rate, source)
    periods = _period(_row_dates(df, date_column, at), rate)
    out = df.copy()
    factor = pd.Series(np.nan, index=df.index)
    used = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
    filled = pd.Series("", index=df.index)
    target_per_base, target_used, target_fill = _lookup(table, base, to, periods, fill, rate)
    for cur in df["currency"].dropna().unique():
        rows = df["currency"] == cur
        src_per_base, src_used, src_fill = _lookup(table, base, str(cur), periods[rows], fill,
                                                   rate)
        factor[rows] = target_per_base[rows] / src_per_base
        used[rows] = np.where(str(cur) == base, target_used[rows], src_used)
        filled[rows] = src_fill.where(src_fill != "", target_fill[rows])
    same = df["currency"] == to
    sid = table["source_id"].iloc[0]
    out["fx_original_value"] = df[value]
    out["fx_original_currency"] = df["currency"]
    out[value] = df[value] * factor
    out["currency"] = to
    if "unit" in df.columns:
        out["unit"] = [str(u).replace(str(c), to, 1) for u, c in zip(df["unit"], df["currency"],
                                                                    strict=True)]
    out["fx_rate"] = factor
    out["fx_rate_date"] = used.where(~same)
    out["fx_rate_basis"] = np.where(same, "", rate)
    out["fx_source_id"] = np.where(same, "", sid)
    out["fx_fill"] = filled.where(~same, "")
    if "source_id" in df.columns:
        out["source_id"] = [join_ids(pd.Series([s, f])) for s, f in
                            zip(df["source_id"], out["fx_source_id"], strict=True)]
    return carry_sources(out, df)


def to_real(df: pd.DataFrame, base_year: int, index: str = "cpi_u", *,
            prices: pd.DataFrame, date_column: str | None = None,
            fill: str | None = None, value: str = "value") -> pd.DataFrame:
    """Express nominal amounts in prices of ``base_year`` with a monthly price index.

    ``prices`` is ``ws.load("price_indices")``; ``index`` is ``"cpi_u"`` (for USD) or
    ``"hicp_ea"`` (for EUR). Rows with a ``year`` column use the year's average index (12
    months required); others use the month of their date. A missing month raises
    :class:`MissingDataError` naming it, unless ``fill="interpolate"`` (linear between
    the neighbouring months; ``deflator_fill`` says so).

    Examples
    --------
    >>> prices = pd.DataFrame({"series": "cpi_u", "date": pd.to_datetime(
    ...     [f"2023-{m:02d}-01" for m in range(1, 13)] + ["2024-01-01"]),
    ...     "value": [100.0] * 12 + [110.0], "source_id": "bls_cpi_u"})
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-01-20"]), "value": [11.0],
    ...     "currency": "USD", "price_basis": "nominal", "source_id": "p"})
    >>> to_real(df, 2023, "cpi_u", prices=prices)["value"].round(6).tolist()
    [10.0]
    """
    if index not in INDEX_CURRENCY:
        raise ValueError(f"index={index!r}: choose one of {sorted(INDEX_CURRENCY)}")
    require_single(df, ["currency", "price_basis"], "to_real")
    if "currency" in df.columns and (df["currency"] != INDEX_CURRENCY[index]).any():
        raise IncompatibleUnitsError(
            f"to_real: index {index} deflates {INDEX_CURRENCY[index]} amounts; convert the "
            f"rows ({sorted(df['currency'].unique())}) first")
    if "price_basis" in df.columns and (df["price_basis"] != "nominal").any():
        raise IncompatibleUnitsError("to_real: the rows are already in real terms")
    series = prices[prices["series"] == index].set_index(pd.to_datetime(
        prices.loc[prices["series"] == index, "date"]))["value"].sort_index()
    if series.empty:
        raise MissingDataError(f"no {index} values in the prices frame")
    sid = str(prices.loc[prices["series"] == index, "source_id"].iloc[0])
    annual = date_column == "year" or (
        date_column is None and "year" in df.columns
        and not any(c in df.columns for c in DATE_COLUMNS[:-1]))
    dates = _row_dates(df, date_column, None).dt.to_period("M").dt.to_timestamp()
    years = sorted({d.year for d in dates} | {base_year})
    months = pd.date_range(f"{min(years)}-01-01", f"{max(years)}-12-01", freq="MS")
    if not annual:
        months = months[months.isin(set(dates)) | (months.year == base_year)]
    needed = series.reindex(months)
    gaps = needed.index[needed.isna()]
    filled = pd.Series("", index=df.index)
    if len(gaps):
        if fill != "interpolate":
            shown = ", ".join(f"{g:%Y-%m}" for g in gaps[:20])
            raise MissingDataError(f"{index} has no value for {len(gaps)} month(s): {shown}. "
                                   "Pass fill='interpolate' to interpolate linearly "
                                   "(recorded in deflator_fill).")
        full = series.reindex(series.index.union(gaps)).interpolate(method="time",
                                                                    limit_area="inside")
        if full.reindex(gaps).isna().any():
            raise MissingDataError(f"{index}: cannot interpolate at the ends of the series "
                                   f"({', '.join(f'{g:%Y-%m}' for g in gaps)})")
        series = full
    base = series[series.index.year == base_year]
    if len(base) != 12:
        raise MissingDataError(f"{index}: {base_year} has {len(base)} monthly values, need 12")
    base_level = base.mean()
    out = df.copy()
    if annual:
        yearly = series.groupby(series.index.year).agg(["mean", "count"])
        level = df["year"].map(yearly["mean"])
        count = df["year"].map(yearly["count"])
        if (count < 12).any() or level.isna().any():
            bad = sorted(set(df.loc[(count < 12) | level.isna(), "year"]))
            raise MissingDataError(f"{index}: incomplete year(s) {bad} for annual averages")
        gap_years = {g.year for g in gaps}
        filled = df["year"].map(lambda y: "interpolated" if y in gap_years else "")
    else:
        level = dates.map(series)
        filled = dates.map(lambda d: "interpolated" if d in set(gaps) else "")
    out[value] = df[value] * base_level / level.to_numpy()
    out["price_basis"] = f"real {base_year}"
    out["deflator_index"] = index
    out["deflator_level"] = level.to_numpy()
    out["deflator_base_level"] = base_level
    out["deflator_source_id"] = sid
    out["deflator_fill"] = filled.to_numpy()
    if "source_id" in df.columns:
        out["source_id"] = [join_ids(pd.Series([s, sid])) for s in df["source_id"]]
    return carry_sources(out, df)


def money_sum(df: pd.DataFrame, by: Sequence[str] = (), *, value: str = "value"
              ) -> pd.DataFrame:
    """Sum amounts per ``by`` group, refusing to mix currencies, units, stages or price bases.

    Examples
    --------
    >>> df = pd.DataFrame({"k": ["a", "a"], "value": [1.0, 2.0], "currency": "EUR",
    ...                    "stage": "allocated", "source_id": "s"})
    >>> money_sum(df, ["k"])["value"].tolist()
    [3.0]
    """
    require_single(df, MONEY_KEYS, "adding amounts")
    by = list(by)
    keep = [c for c in MONEY_KEYS if c in df.columns]
    if by:
        grouped = df.groupby(by, as_index=False, observed=True, sort=True)
        out = grouped.agg(**{value: (value, "sum"), "source_id": ("source_id", join_ids)})
    else:
        out = pd.DataFrame({value: [df[value].sum()], "source_id": [join_ids(df["source_id"])]})
    for col in keep:
        out[col] = df[col].dropna().iloc[0] if df[col].notna().any() else None
    return carry_sources(out, df)
