"""Displacement: refugees by host country, per-capita burden, displaced share, other crises.

Inputs are the curated tables (``ws.load("refugees_by_host")``, ``"refugees_europe"``,
``"refugees_global"``, ``"idps"``, ``"population"``) or hand-made frames with the same
columns. Every function keeps ``source_id`` (joined with ``;`` when rows are combined).
Host-country figures carry each country's own as-of date: whenever rows of different dates
are added up the output says so (``date_min``/``date_max`` and a ``note``). IOM round
changes live in :mod:`warstats.analysis.displacement_idps`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from warstats.analysis.breaks import check_span
from warstats.analysis.change import change, per_capita
from warstats.analysis.kinds import carry_sources, join_ids, require_kind
from warstats.errors import MissingDataError

#: Preference when a country has rows of the same date in several sources.
SOURCE_PRIORITY = ("unhcr_odp_country_tables_2022", "unhcr_odp_by_country_2022_08",
                   "one_unhcr_monthly")
MIXED_DATES = "sum of host-country figures with different as-of dates ({lo} to {hi})"


def _str(s: pd.Series) -> pd.Series:
    return s.astype("str")


def latest_by_host(df: pd.DataFrame, *, measure: str = "refugees_recorded",
                   as_of=None, exclude: Sequence[str] = ()) -> pd.DataFrame:
    """Each host country's latest reported figure (missing values skipped).

    ``as_of`` keeps only figures dated on or before it. Ties on the date prefer day
    precision, then :data:`SOURCE_PRIORITY`. ``attrs["as_of_range"]`` holds the earliest
    and latest as-of dates of the result: they differ from country to country.

    Examples
    --------
    >>> f = pd.DataFrame({"country_iso3": ["POL", "POL", "DEU"], "measure": "refugees_recorded",
    ...     "kind": "stock", "date": pd.to_datetime(["2022-07-05", "2022-08-01", "2022-06-21"]),
    ...     "date_precision": "day", "value": [1.0, 2.0, 5.0], "source_id": "s"})
    >>> latest_by_host(f)[["country_iso3", "value"]].values.tolist()
    [['DEU', 5.0], ['POL', 2.0]]
    """
    rows = df[_str(df["measure"]) == measure]
    rows = rows[rows["value"].notna() & ~rows["country_iso3"].isin(list(exclude))]
    if rows.empty:
        raise MissingDataError(f"latest_by_host: no {measure!r} values")
    require_kind(rows, ["stock", "cumulative"], "latest_by_host")
    if as_of is not None:
        rows = rows[rows["date"] <= pd.Timestamp(as_of)]
    rank = {s: i for i, s in enumerate(SOURCE_PRIORITY)}
    rows = rows.assign(
        _day=(_str(rows.get("date_precision", pd.Series("day", index=rows.index))) == "day"),
        _src=rows["source_id"].map(rank).fillna(len(rank)))
    rows = rows.sort_values(["country_iso3", "date", "_day", "_src"],
                            ascending=[True, True, True, False], kind="stable")
    out = rows.drop_duplicates("country_iso3", keep="last").drop(columns=["_day", "_src"])
    out = out.sort_values("country_iso3").reset_index(drop=True)
    carry_sources(out, df)
    out.attrs["as_of_range"] = (out["date"].min(), out["date"].max())
    out.attrs["kind"] = "stock" if measure in ("refugees_recorded", "temporary_protection") \
        else "cumulative"
    return out


def host_total(latest: pd.DataFrame) -> pd.DataFrame:
    """Sum of host-country figures, with the as-of date range and a note when dates differ.

    Examples
    --------
    >>> f = pd.DataFrame({"country_iso3": ["A", "B"], "value": [1.0, 2.0], "source_id": "s",
    ...     "date": pd.to_datetime(["2022-07-01", "2022-08-01"])})
    >>> host_total(f)[["value", "n_countries", "note"]].values.tolist()[0][:2]
    [3.0, 2]
    """
    lo, hi = latest["date"].min(), latest["date"].max()
    note = "" if lo == hi else MIXED_DATES.format(lo=f"{lo:%Y-%m-%d}", hi=f"{hi:%Y-%m-%d}")
    out = pd.DataFrame({"value": [float(latest["value"].sum())],
                        "n_countries": [int(latest["country_iso3"].nunique())],
                        "date_min": [lo], "date_max": [hi], "note": [note],
                        "source_id": [join_ids(latest["source_id"])]})
    return carry_sources(out, latest)


def per_thousand(latest: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Refugees per 1,000 residents of the host country (World Bank population).

    The population year is the as-of year, or the last year in ``population`` when the
    as-of date is later; ``population_year`` says which was used.

    Examples
    --------
    >>> f = pd.DataFrame({"country_iso3": ["POL"], "value": [1_000.0], "source_id": "a",
    ...                   "date": pd.to_datetime(["2022-07-05"])})
    >>> pop = pd.DataFrame({"country_iso3": ["POL"], "year": [2022], "value": [1e6],
    ...                     "source_id": "b"})
    >>> per_thousand(f, pop)["per_1000"].tolist()
    [1.0]
    """
    last = int(population["year"].max())
    rows = latest.assign(year=latest["date"].dt.year.clip(upper=last).astype("int64"))
    out = per_capita(rows, population, per=1000)
    return carry_sources(out.drop(columns="year"), latest, population)


def top_hosts(df: pd.DataFrame, n: int = 10, *, column: str = "value") -> pd.DataFrame:
    """The ``n`` largest rows by ``column``; ``attrs["as_of_range"]`` is kept and updated.

    Examples
    --------
    >>> f = pd.DataFrame({"country_iso3": list("ABC"), "value": [3.0, 1.0, 2.0],
    ...                   "source_id": "s", "date": pd.to_datetime(["2022-01-01"] * 3)})
    >>> top_hosts(f, 2)["country_iso3"].tolist()
    ['A', 'C']
    """
    out = df.sort_values(column, ascending=False, kind="stable").head(n).reset_index(drop=True)
    carry_sources(out, df)
    if "date" in out:
        out.attrs["as_of_range"] = (out["date"].min(), out["date"].max())
    return out


def refugee_growth(series: pd.DataFrame, start, end, *, breaks: pd.DataFrame,
                   allow_breaks: bool = False) -> pd.DataFrame:
    """Change of the ``refugees_europe`` stock between two dates, per source.

    Refuses (:class:`~warstats.errors.SeriesBreakError`) to span a break of
    ``breaks`` (``ws.series_breaks("refugees_europe")``) unless ``allow_breaks=True``; the output's
    ``breaks`` column then names them.

    Examples
    --------
    >>> s = pd.DataFrame({"date": pd.to_datetime(["2023-01-01", "2023-02-01"]),
    ...     "measure": "refugees_recorded_europe", "value": [100.0, 110.0], "source_id": "s"})
    >>> no_breaks = pd.DataFrame(columns=["date", "break_id", "description"])
    >>> refugee_growth(s, "2023-01-01", "2023-02-01", breaks=no_breaks)["pct_change"].tolist()
    [10.0]
    """
    spanned = check_span(breaks, start, end, allow_breaks=allow_breaks,
                         operation="refugees_europe growth")
    parts = []
    for sid, rows in series.groupby("source_id", sort=True):
        if not {pd.Timestamp(start), pd.Timestamp(end)} <= set(rows["date"]):
            continue
        part = change(rows, pd.Timestamp(start), pd.Timestamp(end), time="date",
                      by=["measure"])
        parts.append(part.assign(series=sid))
    if not parts:
        raise MissingDataError(f"refugee_growth: no series has figures on both {start} and "
                               f"{end}; dates run {series['date'].min():%Y-%m-%d} to "
                               f"{series['date'].max():%Y-%m-%d}")
    out = carry_sources(pd.concat(parts, ignore_index=True), series)
    out["breaks"] = ";".join(spanned["break_id"]) if not spanned.empty else ""
    return out


def displaced_share(refugees: pd.DataFrame, idps: pd.DataFrame, population: pd.DataFrame, *,
                    country: str = "UKR", prewar_year: int = 2021) -> pd.DataFrame:
    """Refugees abroad + IDPs as a share of the pre-war population, caveats included.

    ``refugees`` are the rows to add up (e.g. :func:`latest_by_host` output, or one row of
    ``refugees_europe``); ``idps`` the rows of one IOM round. Returns three rows
    (``refugees_abroad``, ``idps``, ``displaced_total``) with ``value``, the date range,
    ``population_prewar``, ``share_pct`` and a ``caveats`` column.

    Examples
    --------
    >>> r = pd.DataFrame({"value": [6.0], "date": pd.to_datetime(["2024-03-12"]),
    ...                   "source_id": "a"})
    >>> i = pd.DataFrame({"value": [3.0, 1.0], "round": 20, "source_id": "b",
    ...                   "date": pd.to_datetime(["2025-04-30"] * 2)})
    >>> pop = pd.DataFrame({"country_iso3": ["UKR"], "year": [2021], "value": [40.0],
    ...                     "source_id": "c"})
    >>> displaced_share(r, i, pop)["share_pct"].round(1).tolist()
    [15.0, 10.0, 25.0]
    """
    if "round" in idps and idps["round"].nunique() != 1:
        raise MissingDataError("displaced_share: pass the rows of one IOM round")
    pop = population[(population["country_iso3"] == country)
                     & (population["year"] == prewar_year)]
    if pop.empty:
        raise MissingDataError(f"displaced_share: no population of {country} in {prewar_year}")
    base = float(pop["value"].iloc[0])
    parts = {"refugees_abroad": refugees, "idps": idps}
    rows = []
    for name, part in parts.items():
        rows.append({"component": name, "value": float(part["value"].sum()),
                     "date_min": part["date"].min(), "date_max": part["date"].max(),
                     "source_id": join_ids(part["source_id"])})
    rows.append({"component": "displaced_total", "value": rows[0]["value"] + rows[1]["value"],
                 "date_min": min(r["date_min"] for r in rows),
                 "date_max": max(r["date_max"] for r in rows),
                 "source_id": join_ids(pd.Series([r["source_id"] for r in rows]))})
    out = pd.DataFrame(rows)
    out["population_prewar"] = base
    out["population_year"] = prewar_year
    out["share_pct"] = out["value"] / base * 100
    out["source_id"] = [join_ids(pd.Series([s, pop["source_id"].iloc[0]]))
                        for s in out["source_id"]]
    caveats = [
        "refugee and IDP figures have different reference dates",
        "refugees are 'recorded' in host countries and may be counted twice or include "
        "people who have returned",
        "IOM IDP figures are survey estimates that cover government-controlled areas only",
        f"pre-war population is the World Bank {prewar_year} figure, which includes areas "
        "occupied since 2014",
    ]
    if refugees["date"].nunique() > 1:
        caveats.insert(0, MIXED_DATES.format(lo=f"{refugees['date'].min():%Y-%m-%d}",
                                             hi=f"{refugees['date'].max():%Y-%m-%d}"))
    out["caveats"] = "; ".join(caveats)
    return carry_sources(out, refugees, idps, population)


def origins_by_year(glob: pd.DataFrame, origins: Sequence[str] = ("UKR", "SYR", "AFG", "VEN",
                    "SDN"), *, measures: Sequence[str] = ("refugees", "oip"),
                    years: Sequence[int] | None = None) -> pd.DataFrame:
    """People displaced abroad by origin and year (sum over countries of asylum).

    ``measures`` are added up and named in the ``measures`` column (default refugees +
    other people in need of international protection, which carries most Venezuelans).

    Examples
    --------
    >>> g = pd.DataFrame({"year": [2023, 2023, 2023], "coo_iso": ["UKR", "UKR", "SYR"],
    ...     "coa_iso": ["POL", "DEU", "TUR"], "measure": "refugees", "value": [2, 3, 4],
    ...     "source_id": "u"})
    >>> origins_by_year(g, ["UKR", "SYR"])["value"].tolist()
    [4.0, 5.0]
    """
    rows = glob[glob["coo_iso"].isin(list(origins))
                & _str(glob["measure"]).isin(list(measures))]
    if years is not None:
        rows = rows[rows["year"].isin(list(years))]
    if rows.empty:
        raise MissingDataError("origins_by_year: no rows for these origins and measures")
    out = (rows.groupby(["coo_iso", "year"], as_index=False)
           .agg(value=("value", "sum"), source_id=("source_id", join_ids)))
    out["value"] = out["value"].astype("float64")
    out["measures"] = "+".join(measures)
    return carry_sources(out.sort_values(["year", "coo_iso"]).reset_index(drop=True), glob)


def largest_crises(glob: pd.DataFrame, year: int, n: int = 10, *,
                   measures: Sequence[str] = ("refugees", "oip")) -> pd.DataFrame:
    """The ``n`` origins with most people displaced abroad in ``year`` (UNHCR pseudo-origins
    UNK, XXA and TIB left out), with their rank.

    Examples
    --------
    >>> g = pd.DataFrame({"year": 2023, "coo_iso": ["UKR", "SYR", "UNK"], "coa_iso": "POL",
    ...     "measure": "refugees", "value": [5, 6, 9], "source_id": "u"})
    >>> largest_crises(g, 2023)["coo_iso"].tolist()
    ['SYR', 'UKR']
    """
    rows = glob[(glob["year"] == year) & ~glob["coo_iso"].isin(["UNK", "XXA", "TIB"])]
    origins = rows["coo_iso"].unique().tolist()
    out = origins_by_year(rows, origins, measures=measures, years=[year])
    out = out.sort_values("value", ascending=False, kind="stable").head(n)
    out["rank"] = range(1, len(out) + 1)
    return carry_sources(out.reset_index(drop=True), glob)
