"""Figures by oblast for maps: attack targets over a period, occupied area on and between dates.

Pure functions: frame in, frame out, one row per oblast, ``source_id`` kept.
"""

from __future__ import annotations

import pandas as pd

from warstats.errors import MissingDataError

ALL_OBLASTS = (
    "UA01", "UA05", "UA07", "UA12", "UA14", "UA18", "UA21", "UA23", "UA26", "UA32", "UA35",
    "UA44", "UA46", "UA48", "UA51", "UA53", "UA56", "UA59", "UA61", "UA63", "UA65", "UA68",
    "UA71", "UA73", "UA74", "UA80", "UA85",
)


def attack_counts(targets: pd.DataFrame, start, end) -> pd.DataFrame:
    """Attack records naming each oblast with ``start <= date <= end`` (0 where none did).

    Examples
    --------
    >>> t = pd.DataFrame({"record_id": ["a", "b", "b"], "oblast_pcode": ["UA51", "UA51", "UA48"],
    ...     "date": pd.to_datetime(["2024-01-02", "2024-02-01", "2024-02-01"]),
    ...     "source_id": "uaf_air_attacks", "is_minimum": False})
    >>> out = attack_counts(t, "2024-01-01", "2024-12-31").set_index("oblast_pcode")
    >>> int(out.at["UA51", "value"]), int(out.at["UA48", "value"]), int(out.at["UA46", "value"])
    (2, 1, 0)
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    rows = targets[(targets["date"] >= start) & (targets["date"] <= end)]
    if rows.empty:
        raise MissingDataError(f"no attack records naming an oblast from {start:%Y-%m-%d} "
                               f"to {end:%Y-%m-%d}")
    counts = rows.groupby("oblast_pcode")["record_id"].nunique()
    source = ";".join(sorted(rows["source_id"].astype(str).unique()))
    return pd.DataFrame({"oblast_pcode": list(ALL_OBLASTS),
                         "value": [float(counts.get(p, 0)) for p in ALL_OBLASTS],
                         "period_start": start, "period_end": end,
                         "source_id": source, "is_minimum": False})


def occupied_on(by_oblast: pd.DataFrame, date) -> pd.DataFrame:
    """The newest map on or before ``date``: one row per oblast (km² and share)."""
    when = pd.Timestamp(date)
    dates = by_oblast.loc[by_oblast["date"] <= when, "date"]
    if dates.empty:
        raise MissingDataError(f"no occupied-area map on or before {when:%Y-%m-%d}")
    return by_oblast[by_oblast["date"] == dates.max()].reset_index(drop=True)


def occupied_change(by_oblast: pd.DataFrame, start, end) -> pd.DataFrame:
    """Change in occupied km² per oblast between the maps of two dates (``value``).

    Examples
    --------
    >>> f = pd.DataFrame({"date": pd.to_datetime(["2024-07-08"] * 2 + ["2025-07-01"] * 2),
    ...     "oblast_pcode": ["UA14", "UA46"] * 2, "occupied_km2": [100.0, 0, 150.0, 0],
    ...     "source_id": "deepstatemap", "is_minimum": False})
    >>> occupied_change(f, "2024-07-08", "2025-07-01")["value"].tolist()
    [50.0, 0.0]
    """
    a, b = occupied_on(by_oblast, start), occupied_on(by_oblast, end)
    merged = a.merge(b, on="oblast_pcode", suffixes=("_start", "_end"))
    return pd.DataFrame({
        "oblast_pcode": merged["oblast_pcode"],
        "start_date": merged["date_start"], "end_date": merged["date_end"],
        "start_km2": merged["occupied_km2_start"], "end_km2": merged["occupied_km2_end"],
        "value": (merged["occupied_km2_end"] - merged["occupied_km2_start"]).round(1),
        "source_id": merged["source_id_end"], "is_minimum": False,
    })
