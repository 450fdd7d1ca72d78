"""How each kind of claim is measured in the data: candidate figures, not verdicts.

A check takes one claim (a row of the claims file), its reference date and a dataset
loader, and returns one :class:`Figure` per figure that could bear on the claim, each
with the period it describes (``date``: the end of that period) and the day it was
published. Which figure a verdict may rest on is decided once, for every claim, by the
rule of time in :mod:`warstats.claims.judge`; checks never choose by publication date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from warstats import labels
from warstats.analysis.time import war_day

Loader = Callable[[str], pd.DataFrame]


@dataclass
class Figure:
    """One measurement of a claim: value, the end of the period it describes, publication."""

    series: str
    value: float
    date: pd.Timestamp
    published: pd.Timestamp
    source_ids: str
    chart: pd.DataFrame | None = field(default=None, repr=False)
    minimum: bool = False  # a verified minimum ("at least")


def _ids(rows: pd.DataFrame) -> str:
    from warstats.analysis.kinds import join_ids

    return join_ids(rows["source_id"]) if len(rows) else ""


def _filters(claim: pd.Series) -> dict[str, str]:
    out = {}
    for part in str(claim.get("filters", "") or "").split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def _rows(frame: pd.DataFrame, series: str, value: str, chart=None) -> list[Figure]:
    """One figure per row (columns ``date``, ``published``, ``source_id`` and ``value``)."""
    minimum = frame["is_minimum"] if "is_minimum" in frame else [False] * len(frame)
    return [Figure(series, float(v), pd.Timestamp(d), pd.Timestamp(p), str(s), chart, bool(m))
            for v, d, p, s, m in zip(frame[value], frame["date"], frame["published"],
                                     frame["source_id"], minimum, strict=True)
            if not pd.isna(v) and not pd.isna(p)]


def check_war_day(claim, ref, load: Loader) -> list[Figure]:
    """Calendar arithmetic: known on the day itself."""
    return [Figure("war day, counting 24 Feb 2022 as day 1", float(war_day(ref)), ref, ref,
                   "")]


def check_cumulative_to_date(claim, ref, load: Loader) -> list[Figure]:
    """Civilians killed/injured since 24 Feb 2022: each cumulative figure as published
    (OCHA pages, hand-transcribed OHCHR updates) and the sum of the monthly series."""
    measure = claim["measure"]
    published = load("casualties_published")
    rows = published[(published["measure"] == measure) & (published["date"] <= ref)]
    monthly = load("casualties_monthly")
    flows = monthly[monthly["measure"] == measure].sort_values("period_end")
    chart = pd.DataFrame({"date": flows["period_end"], "value": flows["value"].cumsum(),
                          "series": "monthly figures summed (latest revision)"})
    figures = _rows(rows, "cumulative figure as published", "value", chart)
    from warstats.provenance.registry import get_source
    from warstats.readers.seeds import read_figures

    seed = read_figures()
    for fid in filter(None, _filters(claim).get("figures", "").split("|")):
        for row in seed[seed["figure_id"] == fid].itertuples():
            pub = pd.Timestamp(get_source(row.source_id).published)
            figures.append(Figure("cumulative figure as published (read on the publisher's "
                                  "update)", float(row.value), row.reference_date, pub,
                                  row.source_id, chart, minimum=True))  # OHCHR: verified
    upto = flows[flows["period_end"] <= ref]
    if not upto.empty:
        figures.append(Figure("monthly figures summed (latest revision)",
                              float(upto["value"].sum()), upto["period_end"].max(),
                              upto["published"].max(), _ids(upto), chart,
                              bool(upto["is_minimum"].all())))
    return figures


def check_latest_share(claim, ref, load: Loader) -> list[Figure]:
    """Occupied share of Ukraine, one figure per map source and date."""
    area = load("occupied_area").sort_values("date")
    chart = pd.DataFrame({"date": area["date"], "value": area["share_pct"],
                          "series": area["series"].astype(str)})
    figures = []
    for series, part in area[area["date"] <= ref].groupby("series", sort=True):
        baseline = str(part["baseline"].iloc[-1])
        figures += _rows(part, f"{labels.series(series)}: {baseline}", "share_pct", chart)
    return figures


def check_nearest_package(claim, ref, load: Loader, *, days: int = 7) -> list[Figure]:
    """US packages announced within ``days`` of the reference date (either side: ones after
    it can only ever be context)."""
    pk = load("us_packages")
    near = pk[(pk["date"] - ref).abs() <= pd.Timedelta(days=days)]
    window = pk[(pk["date"] >= ref - pd.Timedelta(days=120))
                & (pk["date"] <= ref + pd.Timedelta(days=60))]
    chart = pd.DataFrame({"date": window["date"], "value": window["value"],
                          "series": window["authority"].astype(str)})
    return [Figure(f"US package announced {labels.date_label(r.date)} "
                   f"({labels.series(r.authority)})", float(r.value),
                   r.date, r.published, r.source_id, chart)
            for r in near.itertuples() if not pd.isna(r.published)]


def check_latest_stock(claim, ref, load: Loader) -> list[Figure]:
    """Refugees from Ukraine: UNHCR's Europe series and the annual global stock (each one
    count at one date; host-country figures of different dates are never summed)."""
    europe = load("refugees_europe").sort_values("date")
    chart = pd.DataFrame({"date": europe["date"], "value": europe["value"],
                          "series": "refugees recorded across Europe"})
    figures = _rows(europe[europe["date"] <= ref], "refugees recorded across Europe",
                    "value", chart)
    glob = load("refugees_global")
    ukr = glob[(glob["coo_iso"] == "UKR") & (glob["measure"] == "refugees")]
    for year, part in ukr.groupby("year"):
        end = pd.Timestamp(f"{int(year)}-12-31")
        if end <= ref and not part["published"].isna().all():
            figures.append(Figure(f"refugees in all countries of asylum, end of {int(year)}",
                                  float(part["value"].sum()), end, part["published"].max(),
                                  _ids(part), chart))
    return figures


def check_pct_decline(claim, ref, load: Loader) -> list[Figure]:
    """Percent decline of a country's population from the claim's baseline year."""
    country = _filters(claim).get("country_iso3", "UKR")
    base = int(str(claim.get("baseline") or "2021").strip())
    pop = load("population")
    rows = pop[(pop["country_iso3"] == country) & (pop["year"] <= ref.year)].set_index("year")
    if base not in rows.index:
        return []
    span = rows.loc[base:]
    decline = (rows.at[base, "value"] - span["value"]) / rows.at[base, "value"] * 100
    chart = pd.DataFrame({"date": pd.to_datetime(span.index.astype(str) + "-07-01"),
                          "value": decline.values, "series": f"decline since {base} (%)"})
    return [Figure(f"population decline {base}→{year} (people present, mid-year)",
                   float(decline.loc[year]), pd.Timestamp(f"{year}-07-01"),
                   pd.Timestamp(max(span.at[year, "published"], rows.at[base, "published"])),
                   _ids(rows.loc[[base, year]]), chart)
            for year in span.index if year > base]


CHECKS: dict[str, Callable[..., list[Figure]]] = {
    "war_day": check_war_day,
    "cumulative_to_date": check_cumulative_to_date,
    "latest_share": check_latest_share,
    "nearest_package": check_nearest_package,
    "latest_stock": check_latest_stock,
    "pct_decline": check_pct_decline,
}
