"""Civilian casualties: flows ↔ cumulative, period totals, per-day averages, vintages,
revisions and rates.

Inputs are ``ws.load("casualties_monthly")`` (kind ``flow``: ``period_start``,
``period_end``) and ``ws.load("casualties_published")`` (kind ``cumulative``: ``date``), or
hand-made frames with the same columns and ``attrs["kind"]`` set. Every function keeps
``source_id`` (joined with ``;`` when rows are combined) and ``is_minimum`` (true only if
every combined row was a verified minimum), and refuses the wrong measure kind.

War days come from :mod:`warstats.analysis.time` (24 Feb 2022 is day 1, so 19 Nov 2024 is
day 1,000, as the seed article says); "as known on" from :mod:`warstats.analysis.vintages`.
"""

from __future__ import annotations

import pandas as pd

from warstats.analysis.change import per_capita
from warstats.analysis.kinds import carry_sources, join_ids, require_kind, require_single
from warstats.analysis.time import INVASION_START, war_day
from warstats.analysis.vintages import as_of
from warstats.errors import MeasureKindError, MissingDataError

_SERIES = ("source_id", "country_iso3", "measure")


def _series_keys(df: pd.DataFrame, exclude: tuple[str, ...] = ()) -> list[str]:
    return [c for c in _SERIES if c in df.columns and c not in exclude]


def _finish(out: pd.DataFrame, kind: str, *frames: pd.DataFrame) -> pd.DataFrame:
    out = out.reset_index(drop=True)
    out.attrs = {}
    carry_sources(out, *frames)
    out.attrs["kind"] = kind
    if "kind" in out.columns:
        out["kind"] = kind
    return out


def to_cumulative(df: pd.DataFrame) -> pd.DataFrame:
    """Running totals of per-period flows, one row per period end.

    Each series (``source_id``, ``country_iso3``, ``measure``) is accumulated in
    ``period_start`` order; the result has ``date`` (= ``period_end``), ``value`` and kind
    ``cumulative``. The first period should start at the start of the count (24 Feb 2022).

    Examples
    --------
    >>> f = pd.DataFrame({"period_start": pd.to_datetime(["2022-02-24", "2022-03-01"]),
    ...     "period_end": pd.to_datetime(["2022-02-28", "2022-03-31"]),
    ...     "measure": "killed", "value": [10.0, 5.0], "source_id": "s", "is_minimum": True})
    >>> f.attrs["kind"] = "flow"
    >>> to_cumulative(f)["value"].tolist()
    [10.0, 15.0]
    """
    require_kind(df, ["flow"], "to_cumulative")
    require_single(df, ["unit"], "to_cumulative")
    keys = _series_keys(df)
    ordered = df.sort_values([*keys, "period_start"], kind="stable")
    out = ordered.drop(columns=["period_start", "period_end"]).copy()
    out.insert(0, "date", ordered["period_end"])
    out["value"] = ordered.groupby(keys, sort=False, observed=True)["value"].cumsum() \
        if keys else ordered["value"].cumsum()
    return _finish(out, "cumulative", df)


def to_flow(df: pd.DataFrame) -> pd.DataFrame:
    """Per-period counts from a cumulative series: differences between successive dates.

    Each row becomes a flow from the day after the previous date (24 Feb 2022 for the first
    row, as counts run from the invasion) to its own ``date``. A negative difference means
    the cumulative series fell; it is refused, since the readers only let documented
    decreases through as set-aside rows.

    Examples
    --------
    >>> c = pd.DataFrame({"date": pd.to_datetime(["2022-03-03", "2022-03-10"]),
    ...     "measure": "killed", "value": [249.0, 549.0], "source_id": "s", "is_minimum": True})
    >>> c.attrs["kind"] = "cumulative"
    >>> to_flow(c)["value"].tolist()
    [249.0, 300.0]
    """
    require_kind(df, ["cumulative"], "to_flow")
    require_single(df, ["unit"], "to_flow")
    keys = _series_keys(df)
    ordered = df.sort_values([*keys, "date"], kind="stable")
    grouped = ordered.groupby(keys, sort=False, observed=True) if keys else None
    prev_value = grouped["value"].shift(1) if keys else ordered["value"].shift(1)
    prev_date = grouped["date"].shift(1) if keys else ordered["date"].shift(1)
    flow = ordered["value"] - prev_value.fillna(0.0)
    if (flow < 0).any():
        bad = ordered[flow < 0].iloc[0]
        raise MeasureKindError(
            f"to_flow: the cumulative series falls on {bad['date']:%Y-%m-%d} "
            f"({bad.get('measure', '')}); a decrease is a revision, not a negative flow. "
            "Filter to one consistent series first.")
    out = ordered.drop(columns=["date"]).copy()
    out.insert(0, "period_start", (prev_date + pd.Timedelta(days=1))
               .fillna(pd.Timestamp(INVASION_START)).astype(ordered["date"].dtype))
    out.insert(1, "period_end", ordered["date"])
    out["value"] = flow
    return _finish(out, "flow", df)


def _period_totals(df: pd.DataFrame, label: str, freq: str) -> pd.DataFrame:
    require_kind(df, ["flow"], f"{label} totals")
    require_single(df, ["unit"], f"{label} totals")
    period = df["period_start"].dt.to_period(freq)
    if (df["period_end"].dt.to_period(freq) != period).any():
        raise MeasureKindError(f"{label} totals: some periods cross a {label} boundary, so "
                               f"they cannot be assigned to one {label}")
    keys = _series_keys(df, exclude=("source_id",))
    work = df.assign(_p=period)
    agg = {"period_start": ("period_start", "min"), "period_end": ("period_end", "max"),
           "value": ("value", "sum"), "source_id": ("source_id", join_ids)}
    if "is_minimum" in df.columns:
        agg["is_minimum"] = ("is_minimum", "all")
    if "unit" in df.columns:
        agg["unit"] = ("unit", "first")
    out = work.groupby(["_p", *keys], observed=True, sort=True).agg(**agg).reset_index()
    out = out.rename(columns={"_p": label})
    out[label] = out[label].astype(str) if label == "month" else out[label].dt.year
    return _finish(out, "flow", df)


def monthly_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Sum flows per calendar month (``month`` as ``YYYY-MM``) and series.

    Examples
    --------
    >>> f = pd.DataFrame({"period_start": pd.to_datetime(["2022-03-01", "2022-03-16"]),
    ...     "period_end": pd.to_datetime(["2022-03-15", "2022-03-31"]),
    ...     "measure": "killed", "value": [3.0, 4.0], "source_id": ["a", "b"]})
    >>> f.attrs["kind"] = "flow"
    >>> monthly_totals(f)[["month", "value", "source_id"]].values.tolist()
    [['2022-03', 7.0, 'a;b']]
    """
    return _period_totals(df, "month", "M")


def annual_totals(df: pd.DataFrame) -> pd.DataFrame:
    """Sum flows per calendar year and series (``year`` as int).

    Examples
    --------
    >>> f = pd.DataFrame({"period_start": pd.to_datetime(["2022-02-24", "2022-03-01"]),
    ...     "period_end": pd.to_datetime(["2022-02-28", "2022-03-31"]),
    ...     "measure": "killed", "value": [3.0, 4.0], "source_id": "a"})
    >>> f.attrs["kind"] = "flow"
    >>> annual_totals(f)[["year", "value"]].to_dict("records")
    [{'year': 2022, 'value': 7.0}]
    """
    return _period_totals(df, "year", "Y")


def average_per_day(df: pd.DataFrame) -> pd.DataFrame:
    """Add ``days`` (inclusive length of each period) and ``per_day`` = value / days.

    Examples
    --------
    >>> f = pd.DataFrame({"period_start": pd.to_datetime(["2022-02-24"]),
    ...     "period_end": pd.to_datetime(["2022-02-28"]), "value": [10.0], "source_id": "a"})
    >>> f.attrs["kind"] = "flow"
    >>> average_per_day(f)["per_day"].tolist()
    [2.0]
    """
    require_kind(df, ["flow"], "average_per_day")
    out = df.copy()
    out["days"] = (out["period_end"] - out["period_start"]).dt.days + 1
    out["per_day"] = out["value"] / out["days"]
    return _finish(out, "flow", df)


def known_on(df: pd.DataFrame, date, *, by=("measure",)) -> pd.DataFrame:
    """The latest cumulative figure per ``by`` that had been published on ``date``.

    A thin wrapper of :func:`warstats.analysis.vintages.as_of` with ``reference="date"``;
    with the default ``by`` the newest figure of any source wins.

    Examples
    --------
    >>> c = pd.DataFrame({"date": pd.to_datetime(["2022-03-03", "2022-03-10"]),
    ...     "published": pd.to_datetime(["2022-03-03", "2022-03-10"]),
    ...     "measure": "killed", "value": [249.0, 549.0], "source_id": "s"})
    >>> c.attrs["kind"] = "cumulative"
    >>> known_on(c, "2022-03-05")["value"].tolist()
    [249.0]
    """
    require_kind(df, ["cumulative"], "known_on")
    return as_of(df, date, by=list(by), reference="date")


def revision(published: pd.DataFrame, monthly: pd.DataFrame, *,
             max_gap_days: int = 3) -> pd.DataFrame:
    """How much later verification added: as-published cumulative vs the latest monthly sum.

    For each month end covered by both frames, the as-published figure is the one dated on
    or before the month end and at most ``max_gap_days`` before it (``published_date``
    records which); ``latest`` is the sum of ``monthly`` flows through that month.
    ``revision = latest - as_published`` and ``revision_pct`` is relative to as-published.

    Examples
    --------
    >>> p = pd.DataFrame({"date": pd.to_datetime(["2022-03-31"]), "measure": "killed",
    ...     "value": [1232.0], "source_id": "p", "is_minimum": True})
    >>> p.attrs["kind"] = "cumulative"
    >>> m = pd.DataFrame({"period_start": pd.to_datetime(["2022-02-24", "2022-03-01"]),
    ...     "period_end": pd.to_datetime(["2022-02-28", "2022-03-31"]), "measure": "killed",
    ...     "value": [378.0, 4312.0], "source_id": "m", "is_minimum": True})
    >>> m.attrs["kind"] = "flow"
    >>> revision(p, m)[["as_published", "latest", "revision"]].values.tolist()
    [[1232.0, 4690.0, 3458.0]]
    """
    require_kind(published, ["cumulative"], "revision (as published)")
    require_kind(monthly, ["flow"], "revision (latest monthly)")
    latest = to_cumulative(monthly)
    rows = []
    for measure, month_rows in latest.groupby("measure", observed=True):
        pub = published[published["measure"] == measure].sort_values("date")
        for rec in month_rows.itertuples():
            earlier = pub[(pub["date"] <= rec.date)
                          & (pub["date"] >= rec.date - pd.Timedelta(days=max_gap_days))]
            if earlier.empty:
                continue
            best = earlier.iloc[-1]
            rows.append({
                "date": rec.date, "published_date": best["date"], "measure": measure,
                "as_published": best["value"], "latest": rec.value,
                "revision": rec.value - best["value"],
                "revision_pct": (rec.value - best["value"]) / best["value"] * 100
                if best["value"] else float("nan"),
                "source_id": join_ids(pd.Series([best["source_id"], rec.source_id])),
                "is_minimum": bool(best.get("is_minimum", True)) and bool(
                    getattr(rec, "is_minimum", True)),
            })
    if not rows:
        raise MissingDataError("revision: no month end has an as-published figure within "
                               f"{max_gap_days} days before it")
    out = pd.DataFrame(rows).sort_values(["measure", "date"], kind="stable")
    return _finish(out, "cumulative", published, monthly)


def rate_per_100k(df: pd.DataFrame, population: pd.DataFrame, *,
                  year: int = 2021) -> pd.DataFrame:
    """Casualties per 100,000 of the pre-war population (``year``, default 2021).

    Uses :func:`warstats.analysis.change.per_capita` with the population year pinned; the
    output records ``population``, ``population_year`` and ``population_source_id``.

    Examples
    --------
    >>> c = pd.DataFrame({"country_iso3": ["UKR"], "value": [443.0], "source_id": "a"})
    >>> pop = pd.DataFrame({"country_iso3": ["UKR"], "year": [2021], "value": [44.3e6],
    ...                     "source_id": "b"})
    >>> rate_per_100k(c, pop)["per_100000"].round(2).tolist()
    [1.0]
    """
    if "country_iso3" not in df.columns:
        raise MissingDataError("rate_per_100k: the frame needs a country_iso3 column")
    out = per_capita(df, population, per=100_000, year=year)
    out.attrs["population_year"] = year
    return out


def with_war_day(df: pd.DataFrame, column: str = "date") -> pd.DataFrame:
    """Add ``war_day`` (24 Feb 2022 = day 1) for the dates in ``column``.

    Examples
    --------
    >>> with_war_day(pd.DataFrame({"date": pd.to_datetime(["2024-11-19"])}))["war_day"].tolist()
    [1000]
    """
    out = df.copy()
    out["war_day"] = [war_day(d) for d in out[column]]
    out.attrs = dict(df.attrs)
    return out


def latest_figures(df: pd.DataFrame) -> pd.DataFrame:
    """The last cumulative figure per source and measure (the newest each source holds)."""
    require_kind(df, ["cumulative"], "latest_figures")
    keys = _series_keys(df)
    out = df.sort_values([*keys, "date"], kind="stable").groupby(
        keys, observed=True, sort=True).tail(1)
    return _finish(out.copy(), "cumulative", df)
