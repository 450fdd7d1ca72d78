"""Change between dates and per-capita rates."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from warstats.analysis.kinds import carry_sources, join_ids, require_single
from warstats.errors import MissingDataError


def change(df: pd.DataFrame, start, end, *, time: str = "year",
           by: Sequence[str] = ("country_iso3",), value: str = "value") -> pd.DataFrame:
    """Absolute and percent change of ``value`` between two times, per series.

    Returns one row per ``by`` group: ``start_value``, ``end_value``, ``change``,
    ``pct_change`` and ``source_id`` (the ids of both rows).

    Examples
    --------
    >>> df = pd.DataFrame({"country_iso3": ["UKR", "UKR"], "year": [2021, 2024],
    ...                    "value": [100.0, 75.0], "source_id": "s"})
    >>> change(df, 2021, 2024)[["change", "pct_change"]].values.tolist()
    [[-25.0, -25.0]]
    """
    by = list(by)
    require_single(df, ["unit"], "change")
    missing = [c for c in [*by, time, value] if c not in df.columns]
    if missing:
        raise MissingDataError(f"change: the frame has no column(s) {missing}")
    start_rows = df[df[time] == start]
    end_rows = df[df[time] == end]
    for label, part, when in (("start", start_rows, start), ("end", end_rows, end)):
        if part.empty:
            raise MissingDataError(f"change: no rows at {time} = {when} ({label})")
        if part.duplicated(by).any():
            raise MissingDataError(f"change: several rows per {by} at {time} = {when}; "
                                   "filter the frame to one series first")
    merged = start_rows[[*by, value, "source_id"]].merge(
        end_rows[[*by, value, "source_id"]], on=by, suffixes=("_start", "_end"))
    out = pd.DataFrame({c: merged[c] for c in by})
    out["start"] = start
    out["end"] = end
    out["start_value"] = merged[f"{value}_start"]
    out["end_value"] = merged[f"{value}_end"]
    out["change"] = out["end_value"] - out["start_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["pct_change"] = out["change"] / out["start_value"] * 100
    out["source_id"] = [join_ids(pd.Series([a, b]))
                        for a, b in zip(merged["source_id_start"], merged["source_id_end"],
                                        strict=True)]
    return carry_sources(out.reset_index(drop=True), df)


def per_capita(df: pd.DataFrame, population: pd.DataFrame, *, per: int = 100_000,
               year: int | None = None, country: str = "country_iso3",
               value: str = "value") -> pd.DataFrame:
    """Divide ``value`` by a country's population, per ``per`` people.

    ``population`` is ``ws.load("population")`` (or a frame with ``country_iso3``,
    ``year``, ``value``, ``source_id``). ``year`` pins the population year used for
    every row (e.g. 2021, the last pre-war year); otherwise each row's own ``year``
    is matched. The output records ``population``, ``population_year`` and
    ``population_source_id``, and ``source_id`` names both sources.

    Examples
    --------
    >>> deaths = pd.DataFrame({"country_iso3": ["UKR"], "value": [440.0], "source_id": "a"})
    >>> pop = pd.DataFrame({"country_iso3": ["UKR"], "year": [2021], "value": [44_000_000.0],
    ...                     "source_id": "b"})
    >>> per_capita(deaths, pop, year=2021)["per_100000"].tolist()
    [1.0]
    """
    pop = population[[country, "year", "value", "source_id"]].rename(
        columns={"value": "population", "source_id": "population_source_id",
                 "year": "population_year"})
    if year is not None:
        pop = pop[pop["population_year"] == year]
        if pop.empty:
            raise MissingDataError(f"per_capita: no population figures for {year}")
        merged = df.merge(pop, on=country, how="left")
    else:
        if "year" not in df.columns:
            raise MissingDataError("per_capita: pass year=… (the population year to use) or "
                                   "give the frame a 'year' column")
        merged = df.merge(pop, left_on=[country, "year"], right_on=[country, "population_year"],
                          how="left")
    lacking = merged["population"].isna()
    if lacking.any():
        keys = sorted(set(merged.loc[lacking, country].astype(str)))
        raise MissingDataError(f"per_capita: no population for {keys}"
                               + (f" in {year}" if year else "") + "; filter them out first")
    col = f"per_{per}"
    merged[col] = merged[value] / merged["population"] * per
    merged["source_id"] = [join_ids(pd.Series([a, b])) for a, b in
                           zip(merged["source_id"], merged["population_source_id"], strict=True)]
    return carry_sources(merged, df, population)
