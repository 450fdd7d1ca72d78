"""Displacement charts: refugee stock with breaks, host countries, IDPs by oblast, crises."""

from __future__ import annotations

import pandas as pd

from warstats.charts.breaks import mark_breaks
from warstats.charts.colours import colour
from warstats.charts.footer import add_source_footer
from warstats.charts.style import COLORS, date_axis, label_bars, new_figure, style, thousands
from warstats.codes.countries import country_name
from warstats.labels import date_label

SERIES_LABELS = {"ocha_ude_refugees": "UNHCR series via OCHA bundle",
                 "unhcr_odp_timeseries_2022_08": "UNHCR ODP snapshot, Aug 2022"}


SHORT_NAMES = {"COD": "DR Congo", "CAF": "Central African Rep.", "RUS": "Russia",
               "GBR": "United Kingdom", "MDA": "Moldova"}


def _name(code: str) -> str:
    if code in SHORT_NAMES:
        return SHORT_NAMES[code]
    try:
        name = country_name(code)
    except Exception:
        return code
    return name if len(name) <= 22 else code


def _barh_frame(ax):
    """A new figure with room for country/oblast names on the left, or the given axes."""
    if ax is None:
        fig, ax = new_figure(kind="ranked")
        fig.subplots_adjust(left=0.24, right=0.95)
    ax.set_axisbelow(True)
    return ax


def _range_note(df: pd.DataFrame) -> str:
    lo, hi = df["date"].min(), df["date"].max()
    if lo == hi:
        return f"Figures as of {date_label(lo)}"
    return (f"Each country's figure has its own as-of date ({lo:%b %Y} to {hi:%b %Y}); "
            "the figures are not one date's snapshot")


def plot_refugee_stock(series: pd.DataFrame, *, breaks: pd.DataFrame | None = None, ax=None,
                       title: str = "Refugees from Ukraine recorded across Europe"):
    """The ``refugees_europe`` stock over time, one line per source, breaks marked.

    ``breaks`` are rows of ``series_breaks`` (e.g. ``series_breaks("refugees_europe")``);
    each is a dashed line numbered in date order, explained in the footer.
    """
    if ax is None:
        _, ax = new_figure()
    with style():
        for i, (sid, part) in enumerate(series.groupby("source_id", sort=True)):
            part = part.sort_values("date")
            last = part.iloc[-1]
            ax.plot(part["date"], part["value"], lw=2 if i == 0 else 1.2,
                    ls="-" if i == 0 else "--",
                    color=colour(sid),
                    label=f"{SERIES_LABELS.get(sid, sid)}: {last['value'] / 1e6:,.2f}M on "
                          f"{date_label(last['date'])}")
        note = None
        if breaks is not None and not breaks.empty:
            mark_breaks(ax, breaks)
            ordered = breaks.sort_values("date")
            note = "Breaks: " + "; ".join(f"({i + 1}) {date_label(r.date)}, {r.kind}"
                                          for i, r in enumerate(ordered.itertuples()))
        thousands(ax)
        date_axis(ax)
        ax.set_ylim(0, float(series["value"].max()) * 1.25)
        ax.set_xlabel("Break lines: UNHCR changed what the series counts; falls there are "
                      "revisions, not returns", fontsize=8, color="#555555")
        ax.set_title(title)
        ax.set_ylabel("Persons recorded (stock)")
        ax.legend(loc="lower right", fontsize=8)
    add_source_footer(ax.figure, series, note=note)
    return ax


def plot_top_hosts(latest: pd.DataFrame, *, n: int = 15, per_thousand: bool = False, ax=None,
                   title: str | None = None):
    """Horizontal bars of the largest host countries (absolute, or per 1,000 residents).

    ``latest`` is :func:`~warstats.analysis.displacement.latest_by_host` output (with
    ``per_1000`` from :func:`~warstats.analysis.displacement.per_thousand` when
    ``per_thousand=True``). Each bar is labelled with its as-of month.
    """
    column = "per_1000" if per_thousand else "value"
    top = latest.sort_values(column, ascending=False).head(n).iloc[::-1]
    ax = _barh_frame(ax)
    with style():
        ax.barh([_name(c) for c in top["country_iso3"]], top[column],
                color=COLORS["refugees"])
        for y, (v, d) in enumerate(zip(top[column], top["date"], strict=True)):
            text = f"{v:,.1f}" if per_thousand else f"{v:,.0f}"
            ax.annotate(f"{text} ({d:%b %Y})", xy=(v, y), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=7.5)
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        ax.set_xlim(0, float(top[column].max()) * 1.3)
        thousands(ax, "x")
        ax.set_xlabel("Refugees per 1,000 residents" if per_thousand
                      else "Refugees from Ukraine recorded")
        ax.set_title(title or ("Refugees from Ukraine per 1,000 host-country residents"
                               if per_thousand else "Largest host countries of refugees "
                               "from Ukraine"))
        ax.tick_params(axis="y", labelsize=8)
    note = _range_note(top)
    if per_thousand:
        note += ". Residents: World Bank population of the as-of year (latest 2024)"
    add_source_footer(ax.figure, top, note=note)
    return ax


def plot_idps_by_oblast(by_oblast: pd.DataFrame, *, ax=None, title: str | None = None):
    """Horizontal bars of one IOM round by oblast (``idps_by_oblast`` output).

    Oblasts without an estimate (``n/a``) are named in the footer, not drawn as 0.
    """
    rows = by_oblast[by_oblast["value"].notna()].sort_values("value")
    missing = by_oblast.loc[by_oblast["value"].isna(), "area_name"].tolist()
    ax = _barh_frame(ax)
    rnd, date = int(by_oblast["round"].iloc[0]), by_oblast["date"].max()
    with style():
        colors = [COLORS["other"] if lvl == "unknown" else COLORS["idps"]
                  for lvl in rows["area_level"]]
        names = ["Residence unknown" if lvl == "unknown" else name
                 for lvl, name in zip(rows["area_level"], rows["area_name"], strict=True)]
        ax.barh(names, rows["value"], color=colors)
        label_bars(ax, rows["value"], [f"{v:,.0f}" for v in rows["value"]], fontsize=7.5)
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        thousands(ax, "x")
        ax.tick_params(axis="y", labelsize=8)
        ax.set_xlabel("Estimated IDPs present, persons (survey estimate)")
        ax.set_title(title or f"Internally displaced people by oblast, IOM round {rnd} "
                              f"({date_label(date)})")
    note = f"Total incl. residence unknown: {by_oblast['value'].sum():,.0f}"
    if missing:
        note += f". No estimate (n/a): {', '.join(missing)}"
    note += ". Government-controlled areas only"
    add_source_footer(ax.figure, by_oblast, note=note)
    return ax


def plot_largest_crises(crises: pd.DataFrame, *, highlight: str = "UKR", ax=None,
                        title: str | None = None):
    """Bars of the largest origin countries of people displaced abroad in one year
    (``largest_crises`` output), ``highlight`` drawn in the refugee colour."""
    rows = crises.sort_values("value")
    ax = _barh_frame(ax)
    year = int(rows["year"].iloc[0])
    with style():
        colors = [COLORS["refugees"] if c == highlight else COLORS["other"]
                  for c in rows["coo_iso"]]
        ax.barh([_name(c) for c in rows["coo_iso"]], rows["value"], color=colors)
        label_bars(ax, rows["value"], [f"{v / 1e6:,.2f}M" for v in rows["value"]])
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        thousands(ax, "x")
        ax.set_xlabel(f"People displaced abroad, end of {year}")
        ax.set_title(title or f"Largest displacement crises abroad by origin, end-{year}")
    measures = str(rows["measures"].iloc[0]).replace("oip", "other people in need of "
                                                     "international protection")
    add_source_footer(ax.figure, rows, note=f"Counted: {measures.replace('+', ' + ')}; "
                      "summed over countries of asylum")
    return ax


def plot_origins_over_time(origins: pd.DataFrame, *, highlight: str = "UKR", ax=None,
                           title: str = "People displaced abroad by origin, end of year"):
    """Lines of ``origins_by_year`` output, one per origin country."""
    if ax is None:
        _, ax = new_figure()
    with style():
        for code, part in origins.groupby("coo_iso", sort=True):
            part = part.sort_values("year")
            ax.plot(part["year"], part["value"], lw=2.4 if code == highlight else 1.3,
                    color=COLORS["refugees"] if code == highlight else colour(code),
                    label=_name(code))
        thousands(ax)
        ax.set_title(title)
        ax.set_ylabel("People displaced abroad")
        ax.legend(loc="upper left", fontsize=8)
    add_source_footer(ax.figure, origins,
                      note=f"Counted: {origins['measures'].iloc[0].replace('+', ' + ')}")
    return ax
