"""IDPs inside Ukraine (IOM DTM): by oblast, and change between survey rounds.

Input is ``ws.load("idps")`` (or ``"returnees"``), or a hand-made frame with ``round``,
``date``, ``area_level``, ``area_code``, ``value``, ``source_id``. Round 1 is by
macro-region and is never compared with oblast rounds; changes that span a break in
``series_breaks`` (e.g. IOM's wording change between rounds 14 and 17) are refused unless
``allow_breaks=True``.
"""

from __future__ import annotations

import pandas as pd

from warstats.analysis.breaks import check_span
from warstats.analysis.change import change
from warstats.analysis.kinds import carry_sources, join_ids
from warstats.errors import MissingDataError, WarstatsError

NATIONAL = "UA"


def _round(df: pd.DataFrame, rnd: int | None) -> pd.DataFrame:
    rnd = int(df["round"].max()) if rnd is None else rnd
    rows = df[df["round"] == rnd]
    if rows.empty:
        raise MissingDataError(f"no rows for round {rnd}; rounds: {sorted(df['round'].unique())}")
    return rows


def idps_by_oblast(df: pd.DataFrame, rnd: int | None = None) -> pd.DataFrame:
    """One round's figures by area with each area's share of the national sum (in %).

    The national sum includes the residence-unknown row (UA_UNK), as IOM's does; areas with
    no estimate (``n/a``) keep NaN and are listed in ``attrs["not_available"]``.

    Examples
    --------
    >>> f = pd.DataFrame({"round": 20, "area_code": ["UA80", "UA_UNK"], "value": [3.0, 1.0],
    ...     "area_level": ["oblast", "unknown"], "source_id": "s",
    ...     "date": pd.to_datetime(["2025-04-30"] * 2)})
    >>> idps_by_oblast(f)["share_pct"].tolist()
    [75.0, 25.0]
    """
    rows = _round(df, rnd).copy()
    total = rows["value"].sum()
    rows["share_pct"] = rows["value"] / total * 100
    out = rows.sort_values("value", ascending=False, na_position="last").reset_index(drop=True)
    carry_sources(out, df)
    out.attrs["national_total"] = float(total)
    out.attrs["not_available"] = out.loc[out["value"].isna(), "area_code"].tolist()
    return out


def national_totals(df: pd.DataFrame) -> pd.DataFrame:
    """National sum per round (incl. UA_UNK) with the number of areas lacking an estimate.

    Examples
    --------
    >>> f = pd.DataFrame({"round": [14, 14], "value": [2.0, None], "source_id": "s",
    ...                   "date": pd.to_datetime(["2023-09-30"] * 2)})
    >>> national_totals(f)[["value", "n_not_available"]].values.tolist()
    [[2.0, 1.0]]
    """
    out = (df.groupby("round", as_index=False)
           .agg(date=("date", "max"), value=("value", "sum"),
                n_not_available=("value", lambda v: float(v.isna().sum())),
                source_id=("source_id", join_ids)))
    if "area_level" in df:
        levels = df.groupby("round")["area_level"].agg(
            lambda s: "macro_region" if (s == "macro_region").any() else "oblast")
        out["area_level"] = out["round"].map(levels)
    out["area_code"] = NATIONAL
    return carry_sources(out, df)


def idps_change(df: pd.DataFrame, start_round: int, end_round: int, *,
                breaks: pd.DataFrame, allow_breaks: bool = False,
                national: bool = False) -> pd.DataFrame:
    """Change by area (or nationally) between two rounds.

    ``breaks`` is ``ws.series_breaks("idps")`` (or a frame with ``date``, ``break_id``,
    ``description``).

    Raises :class:`~warstats.errors.WarstatsError` when one round is by macro-region
    (round 1) and the other by oblast, and :class:`~warstats.errors.SeriesBreakError`
    when a recorded break lies between the rounds' dates (unless ``allow_breaks``).

    Examples
    --------
    >>> f = pd.DataFrame({"round": [18, 20], "area_code": "UA80", "area_level": "oblast",
    ...     "value": [100.0, 90.0], "source_id": "s",
    ...     "date": pd.to_datetime(["2024-10-31", "2025-04-30"])})
    >>> none = pd.DataFrame(columns=["date", "break_id", "description"])
    >>> idps_change(f, 18, 20, breaks=none)["change"].tolist()
    [-10.0]
    """
    a, b = _round(df, start_round), _round(df, end_round)
    if "area_level" in df and not national:
        macro = [r for r, part in ((start_round, a), (end_round, b))
                 if (part["area_level"] == "macro_region").any()]
        if macro and len(macro) != 2:
            raise WarstatsError(
                f"round {macro[0]} is by macro-region and cannot be compared area by area "
                "with an oblast round; compare national totals (national=True) instead")
    spanned = check_span(breaks, a["date"].max(), b["date"].max(), allow_breaks=allow_breaks,
                         operation=f"IDP change from round {start_round} to {end_round}")
    frame = pd.concat([a, b])
    if national:
        frame = national_totals(frame)
    out = change(frame, start_round, end_round, time="round", by=["area_code"])
    out["breaks"] = ";".join(spanned["break_id"]) if not spanned.empty else ""
    return out
