"""How each kind of claim is measured in the data.

A check takes one claim (a row of ``seeds/claims.csv``), its reference date, the
"as known on" date and a dataset loader, and returns one :class:`Figure` per series it
could measure: the figure as known then (published on or before the date), the latest
revision, and figures under an alternative definition. Verdicts are computed from these
in :mod:`warstats.analysis.claims`, never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from warstats.analysis.time import war_day

Loader = Callable[[str], pd.DataFrame]


@dataclass
class Figure:
    """One measurement of a claim in the data."""

    series: str
    value: float | None
    date: pd.Timestamp | None
    published: pd.Timestamp | None
    known_then: bool
    source_ids: str
    role: str  # "as_known" | "latest" | "alternative"
    definition: str = ""
    chart: pd.DataFrame | None = field(default=None, repr=False)


def _ids(rows: pd.DataFrame) -> str:
    from warstats.analysis.kinds import join_ids

    return join_ids(rows["source_id"]) if len(rows) else ""


def _known(published, as_of: pd.Timestamp) -> bool:
    return published is not None and not pd.isna(published) and pd.Timestamp(published) <= as_of


def _filters(claim: pd.Series) -> dict[str, str]:
    out = {}
    for part in str(claim.get("filters", "") or "").split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out


def check_war_day(claim, ref, as_of, load: Loader) -> list[Figure]:
    return [Figure("war day, counting 24 Feb 2022 as day 1", float(war_day(ref)), ref, None,
                   True, "", "as_known")]


def check_cumulative_to_date(claim, ref, as_of, load: Loader) -> list[Figure]:
    """Casualties since 24 Feb 2022: as published (OCHA, seed figures) and latest revision."""
    measure = claim["measure"]
    figures: list[Figure] = []
    published = load("casualties_published")
    rows = published[(published["measure"] == measure) & (published["date"] <= ref)]
    monthly = load("casualties_monthly")
    flows = monthly[monthly["measure"] == measure].sort_values("period_end")
    chart = pd.DataFrame({"date": flows["period_end"], "value": flows["value"].cumsum(),
                          "series": "latest revision (monthly sums)"})
    for sid, part in rows.groupby("source_id"):
        known = part[part["published"] <= as_of]
        if not known.empty:
            last = known.sort_values("date").iloc[-1]
            figures.append(Figure(f"{sid}: cumulative as published", float(last["value"]),
                                  last["date"], last["published"], True, sid, "as_known",
                                  chart=chart))
    from warstats.provenance.registry import get_source
    from warstats.readers.seeds import read_figures

    seed = read_figures()
    for fid in filter(None, _filters(claim).get("figures", "").split("|")):
        match = seed[seed["figure_id"] == fid]
        if match.empty:
            continue
        row = match.iloc[0]
        pub = pd.Timestamp(get_source(row["source_id"]).published)
        if row["reference_date"] <= ref:
            figures.append(Figure(f"{fid} (hand-transcribed figure)", float(row["value"]),
                                  row["reference_date"], pub, pub <= as_of, row["source_id"],
                                  "as_known" if pub <= as_of else "latest", chart=chart))
    upto = flows[flows["period_end"] <= ref]
    if not upto.empty:
        pub = upto["published"].max()
        figures.append(Figure("sum of monthly figures, latest revision",
                              float(upto["value"].sum()), upto["period_end"].max(), pub,
                              _known(pub, as_of), _ids(upto), "latest", chart=chart))
    return figures


def check_latest_share(claim, ref, as_of, load: Loader) -> list[Figure]:
    """Occupied share of Ukraine on the reference date, one figure per map source."""
    area = load("occupied_area")
    figures = []
    for series, part in area.groupby("series", sort=True):
        part = part.sort_values("date")
        chart = pd.DataFrame({"date": part["date"], "value": part["share_pct"],
                              "series": series})
        before = part[part["date"] <= ref]
        if before.empty:
            continue
        last = before.iloc[-1]
        known = _known(last["published"], as_of)
        figures.append(Figure(f"{series}: {last['baseline']}", float(last["share_pct"]),
                              last["date"], last["published"], known, last["source_id"],
                              "as_known" if known else "latest", chart=chart))
    return figures


def check_nearest_package(claim, ref, as_of, load: Loader, *, days: int = 7) -> list[Figure]:
    """US packages announced within ``days`` of the reference date."""
    from warstats.analysis.claims import within

    pk = load("us_packages")
    near = pk[(pk["date"] - ref).abs() <= pd.Timedelta(days=days)].copy()
    chart = pk[(pk["date"] >= ref - pd.Timedelta(days=120)) & (pk["date"] <= ref
                                                                + pd.Timedelta(days=60))]
    chart = pd.DataFrame({"date": chart["date"], "value": chart["value"],
                          "series": chart["authority"].astype(str)})
    if near.empty:
        return []
    near["gap"] = (near["date"] - ref).abs()
    hits = near[[within(claim["figure"], v, claim["qualifier"]) for v in near["value"]]]
    row = (hits if not hits.empty else near).sort_values(["gap", "date"]).iloc[0]
    listed = "; ".join(f"{r.date:%Y-%m-%d} {r.authority} {r.value:,.0f}"
                       for r in near.sort_values("date").itertuples())
    return [Figure(f"US package nearest the date within ±{days} days ({listed})",
                   float(row["value"]), row["date"], row["published"],
                   _known(row["published"], as_of), row["source_id"],
                   "as_known" if _known(row["published"], as_of) else "latest", chart=chart)]


def check_latest_stock(claim, ref, as_of, load: Loader) -> list[Figure]:
    """Refugees from Ukraine: UNHCR's Europe series, annual global stock, host-country sum."""
    from warstats.analysis.displacement import host_total, latest_by_host

    figures = []
    europe = load("refugees_europe").sort_values("date")
    chart = pd.DataFrame({"date": europe["date"], "value": europe["value"],
                          "series": europe["source_id"]})
    before = europe[europe["date"] <= ref]
    if not before.empty:
        last = before.iloc[-1]
        known = _known(last["published"], as_of)
        figures.append(Figure("UNHCR: refugees recorded across Europe", float(last["value"]),
                              last["date"], last["published"], known, last["source_id"],
                              "as_known" if known else "latest", chart=chart))
    glob = load("refugees_global")
    ukr = glob[(glob["coo_iso"] == "UKR") & (glob["measure"] == "refugees")]
    years = ukr[pd.to_datetime(ukr["year"].astype(str) + "-12-31") <= ref]
    if not years.empty:
        year = int(years["year"].max())
        part = years[years["year"] == year]
        pub = part["published"].max()
        figures.append(Figure(f"UNHCR annual statistics, all countries of asylum, end-{year}",
                              float(part["value"].sum()), pd.Timestamp(f"{year}-12-31"), pub,
                              _known(pub, as_of), _ids(part),
                              "as_known" if _known(pub, as_of) else "latest", chart=chart))
    hosts = load("refugees_by_host")
    hosts = hosts[hosts["published"] <= as_of]
    if not hosts.empty:
        latest = latest_by_host(hosts, as_of=ref)
        total = host_total(latest).iloc[0]
        figures.append(Figure(
            "sum of each host country's latest figure", float(total["value"]),
            total["date_max"], hosts["published"].max(), True, total["source_id"],
            "alternative",
            definition=(f"a sum of {int(total['n_countries'])} host-country figures with "
                        f"different as-of dates ({total['date_min']:%Y-%m-%d} to "
                        f"{total['date_max']:%Y-%m-%d}), not one count at one date"),
            chart=chart))
    return figures


def check_pct_decline(claim, ref, as_of, load: Loader, *, base: int = 2021,
                      alt_base: int = 1991) -> list[Figure]:
    """Percent decline of a country's population from a base year to the latest year."""
    country = _filters(claim).get("country_iso3", "UKR")
    pop = load("population")
    rows = pop[(pop["country_iso3"] == country) & (pop["year"] <= ref.year)].set_index("year")
    parts = []
    for start in (base, alt_base):
        if start in rows.index:
            span = rows.loc[start:, "value"]
            parts.append(pd.DataFrame({
                "date": pd.to_datetime(span.index.astype(str) + "-07-01"),
                "value": (rows.at[start, "value"] - span.values) / rows.at[start, "value"] * 100,
                "series": f"decline since {start} (%)"}))
    chart = pd.concat(parts, ignore_index=True) if parts else None
    if base not in rows.index:
        return []
    end = int(rows.index.max())
    pub = rows["published"].max()
    figures = []
    for start, role, definition in (
            (base, "as_known" if _known(pub, as_of) else "latest", ""),
            (alt_base, "alternative",
             f"decline since {alt_base} (independence-era population), not since the "
             "full-scale invasion")):
        if start not in rows.index:
            continue
        decline = (rows.at[start, "value"] - rows.at[end, "value"]) / rows.at[start, "value"]
        figures.append(Figure(f"population {start}→{end} (World Bank, de facto)",
                              float(decline * 100), pd.Timestamp(f"{end}-07-01"), pub,
                              _known(pub, as_of), _ids(rows.loc[[start, end]]), role,
                              definition=definition, chart=chart))
    return figures


CHECKS: dict[str, Callable[..., list[Figure]]] = {
    "war_day": check_war_day,
    "cumulative_to_date": check_cumulative_to_date,
    "latest_share": check_latest_share,
    "nearest_package": check_nearest_package,
    "latest_stock": check_latest_stock,
    "pct_decline_since_2021": check_pct_decline,
}
