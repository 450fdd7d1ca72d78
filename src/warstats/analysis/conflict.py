"""Conflict dynamics: occupied area, territory splicing, daily losses, deadliest conflicts.

Air-attack aggregation lives in :mod:`warstats.analysis.events`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from warstats.analysis.kinds import carry_sources, join_ids, require_kind
from warstats.errors import MissingDataError, SeriesBreakError


def area_at(df: pd.DataFrame, date, *, series: str | None = None,
            max_gap_days: int = 31) -> pd.DataFrame:
    """Per series, the latest observation on or before ``date`` (no later than ``max_gap_days``).

    Examples
    --------
    >>> df = pd.DataFrame({"series": ["a", "a"], "date": pd.to_datetime(["2024-11-01",
    ...     "2024-12-01"]), "area_km2": [100.0, 110.0], "share_pct": [1.0, 1.1],
    ...     "source_id": "s"})
    >>> area_at(df, "2024-11-19")["area_km2"].tolist()
    [100.0]
    """
    when = pd.Timestamp(date)
    work = df if series is None else df[df["series"] == series]
    known = work[work["date"] <= when].sort_values(["series", "date"], kind="stable")
    latest = known.groupby("series", sort=True).tail(1).copy()
    latest["gap_days"] = (when - latest["date"]).dt.days
    latest = latest[latest["gap_days"] <= max_gap_days]
    if latest.empty:
        raise MissingDataError(f"area_at: no series has an observation within {max_gap_days} "
                               f"days before {when.date()}")
    return carry_sources(latest.reset_index(drop=True), df)


def area_change(df: pd.DataFrame, start, end, *, series: str) -> pd.DataFrame:
    """Change in occupied area (km² and share points) within one series between two dates.

    Uses each date's latest observation on or before it (see :func:`area_at`).

    Examples
    --------
    >>> df = pd.DataFrame({"series": "a", "date": pd.to_datetime(["2024-01-01", "2024-07-01"]),
    ...     "area_km2": [100.0, 130.0], "share_pct": [1.0, 1.3], "source_id": "s"})
    >>> area_change(df, "2024-01-01", "2024-07-01", series="a")["change_km2"].tolist()
    [30.0]
    """
    a = area_at(df, start, series=series).iloc[0]
    b = area_at(df, end, series=series).iloc[0]
    out = pd.DataFrame([{
        "series": series, "start": a["date"], "end": b["date"],
        "start_km2": a["area_km2"], "end_km2": b["area_km2"],
        "change_km2": b["area_km2"] - a["area_km2"],
        "change_share_pts": b["share_pct"] - a["share_pct"],
        "source_id": join_ids(pd.Series([a["source_id"], b["source_id"]])),
    }])
    return carry_sources(out, df)


def splice_territory(df: pd.DataFrame, base: str, other: str, *, max_offset_sd: float = 2000.0,
                     allow_unstable: bool = False) -> tuple[pd.DataFrame, dict]:
    """Join ``other`` onto ``base`` only through an explicit level-offset check.

    The offset is measured on the dates both series cover: ``offset = mean(base - other)``
    (km²). ``other`` is shifted by it and used only outside ``base``'s coverage; the output
    keeps ``series`` and flags shifted rows ``spliced``. The check is returned (and kept in
    ``attrs['splice']``): offset, its standard deviation, the number of overlapping dates.
    With no overlap the series cannot be spliced; an unstable offset (standard deviation above
    ``max_offset_sd``) raises :class:`SeriesBreakError` unless ``allow_unstable``.

    Examples
    --------
    >>> d = pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"])
    >>> df = pd.DataFrame({"series": ["a", "a", "b", "b", "b"], "date": [*d[:2], *d],
    ...     "area_km2": [110.0, 111.0, 100.0, 101.0, 102.0], "share_pct": 0.0,
    ...     "source_id": ["s", "s", "t", "t", "t"]})
    >>> out, check = splice_territory(df, "a", "b")
    >>> check["offset_km2"], out["area_km2"].tolist()
    (10.0, [110.0, 111.0, 112.0])
    """
    a = df[df["series"] == base].set_index("date")
    b = df[df["series"] == other].set_index("date")
    common = a.index.intersection(b.index)
    if len(common) == 0:
        raise SeriesBreakError(f"splice_territory: {base} and {other} share no date, so their "
                               "offset cannot be measured; they cannot be spliced")
    diff = a.loc[common, "area_km2"] - b.loc[common, "area_km2"]
    check = {"base": base, "other": other, "offset_km2": float(diff.mean()),
             "offset_sd_km2": float(diff.std(ddof=0)), "overlap_days": len(common),
             "overlap_start": common.min(), "overlap_end": common.max()}
    if check["offset_sd_km2"] > max_offset_sd and not allow_unstable:
        raise SeriesBreakError(
            f"splice_territory: the offset between {base} and {other} is unstable "
            f"(mean {check['offset_km2']:,.0f} km², sd {check['offset_sd_km2']:,.0f} km² over "
            f"{len(common)} dates); pass allow_unstable=True to splice anyway")
    extra = b[~b.index.isin(a.index)].copy()
    total = float(df["ukraine_area_km2"].iloc[0]) if "ukraine_area_km2" in df else np.nan
    extra["area_km2"] = extra["area_km2"] + check["offset_km2"]
    extra["share_pct"] = extra["area_km2"] / total * 100
    out = pd.concat([a.assign(spliced=False), extra.assign(spliced=True)]).sort_index()
    out = out.reset_index()
    out.attrs["splice"] = check
    return carry_sources(out, df), check


def daily_losses(df: pd.DataFrame) -> pd.DataFrame:
    """Daily claimed losses from cumulative claims, net of the compiler's corrections.

    ``daily = value(d) - value(previous date) - correction(d)`` per measure. It is missing on
    a measure's first date and on dates flagged ``unexplained_decrease`` or
    ``correction_mismatch`` (refused, never negative); ``days`` is the number of days since
    the previous report, so gaps are visible.

    Examples
    --------
    >>> df = pd.DataFrame({"measure": "tanks", "date": pd.date_range("2024-01-01", periods=3),
    ...     "value": [10.0, 14.0, 13.0], "correction": [0.0, 0.0, 0.0],
    ...     "unexplained_decrease": [False, False, True], "source_id": "s", "kind": "cumulative"})
    >>> daily_losses(df)["daily"].tolist()
    [nan, 4.0, nan]
    """
    require_kind(df, ["cumulative"], "daily_losses")
    work = df.sort_values(["measure", "date"], kind="stable").copy()
    group = work.groupby("measure", sort=False)
    step = group["value"].diff()
    work["days"] = group["date"].diff().dt.days
    correction = work.get("correction", 0.0)
    work["daily"] = step - correction
    for flag in ("unexplained_decrease", "correction_mismatch"):
        if flag in work:
            work.loc[work[flag].astype(bool), "daily"] = np.nan
    work = work.drop(columns=["kind"], errors="ignore")
    work.attrs["kind"] = "flow"
    return carry_sources(work.reset_index(drop=True), df)


def deadliest_conflicts(df: pd.DataFrame, year: int | None = None, n: int = 10) -> pd.DataFrame:
    """Countries ranked by conflict deaths per year (rank 1 = deadliest); top ``n`` per year.

    Examples
    --------
    >>> df = pd.DataFrame({"entity": ["A", "B", "C"], "entity_code": ["AAA", "BBB", "CCC"],
    ...     "year": 2022, "value": [5.0, 50.0, 0.0], "source_id": "s"})
    >>> deadliest_conflicts(df, 2022, n=2)["entity"].tolist()
    ['B', 'A']
    """
    work = df if year is None else df[df["year"] == year]
    if work.empty:
        raise MissingDataError(f"deadliest_conflicts: no rows for {year}")
    work = work[work["value"] > 0].copy()
    work["rank"] = work.groupby("year")["value"].rank(ascending=False, method="min")
    work = work.sort_values(["year", "rank", "entity"], kind="stable")
    top = work[work["rank"] <= n].reset_index(drop=True)
    return carry_sources(top, df)


def rank_of(df: pd.DataFrame, entity_code: str = "UKR") -> pd.DataFrame:
    """Per year, an entity's deaths, rank among countries with deaths, and share of the total.

    Examples
    --------
    >>> df = pd.DataFrame({"entity_code": ["UKR", "X"], "year": 2022, "value": [10.0, 30.0],
    ...     "source_id": "s"})
    >>> rank_of(df)[["rank", "share_pct"]].values.tolist()
    [[2.0, 25.0]]
    """
    work = df[df["value"] > 0].copy()
    work["rank"] = work.groupby("year")["value"].rank(ascending=False, method="min")
    totals = work.groupby("year")["value"].sum()
    mine = work[work["entity_code"] == entity_code].copy()
    mine["world_total"] = mine["year"].map(totals)
    mine["share_pct"] = mine["value"] / mine["world_total"] * 100
    return carry_sources(mine.sort_values("year").reset_index(drop=True), df)
