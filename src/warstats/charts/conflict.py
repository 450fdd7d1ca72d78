"""Conflict-dynamics charts: air attacks, occupied share, deadliest conflicts.

Footers come from the rows' ``source_id``; party data (Air Force, General Staff) reads
"claims by …" automatically from the source provenance.
"""

from __future__ import annotations

import pandas as pd

from warstats.charts.breaks import breaks_note, mark_breaks
from warstats.charts.colours import colour
from warstats.charts.footer import add_source_footer
from warstats.charts.style import COLORS, date_axis, new_figure, style, thousands
from warstats.labels import date_label

SERIES_LABELS = {"liveuamap": "liveuamap (all Russian-held, incl. pre-2022)",
                 "nzz": "NZZ map data (lower baseline)",
                 "deepstatemap": "DeepStateMap polygons (area by warstats)"}
#: Shorter display names for long OWID/UCDP entity names (bars stay readable).
SHORT_ENTITY_NAMES = {"Democratic Republic of Congo": "DR Congo",
                      "Central African Republic": "Central African Rep."}


def plot_launches_interceptions(rates: pd.DataFrame, *, categories: list[str] | None = None,
                                title: str | None = None, ax=None):
    """Monthly launched vs claimed destroyed: a dashed and a solid line per weapon category.

    ``rates`` is the output of :func:`warstats.analysis.events.interception_rate` (rows with a
    blank launched or destroyed are already refused there).
    """
    if ax is None:
        _, ax = new_figure()
    fig = ax.figure
    cats = categories or (rates.groupby("category", observed=True)["launched"].sum()
                          .sort_values(ascending=False).index[:3].tolist())
    data = rates[rates["category"].isin(cats)]
    with style():
        for cat in cats:
            part = data[data["category"] == cat].sort_values("period")
            color = colour(cat)
            name = f"{cat[:1].upper()}{cat[1:]}"
            ax.plot(part["period"], part["launched"], color=color, lw=1.2, ls="--",
                    label=f"{name}: launched")
            ax.plot(part["period"], part["destroyed"], color=color, lw=2,
                    label=f"{name}: destroyed (claimed)")
        top = float(data[["launched", "destroyed"]].max().max()) if len(data) else 1.0
        ax.set_ylim(0, top * 1.3)
        thousands(ax)
        date_axis(ax)
        ax.set_title(title or "Launched at Ukraine and claimed destroyed, by month")
        ax.set_ylabel("Number per month (national reports)")
        ax.legend(loc="upper left", fontsize=8, ncol=2)
    refused = int(data["n_refused"].sum())
    note = "Regional air-command rows left out to avoid double counting"
    if refused:
        note += f"; {refused} record(s) with a blank launched or destroyed figure refused"
    add_source_footer(fig, data, note=note)
    return ax


def plot_occupied_share(area: pd.DataFrame, *, breaks: pd.DataFrame | None = None,
                        highlight=None, ax=None):
    """Occupied share of Ukraine over time, one line per map source (never spliced)."""
    if ax is None:
        _, ax = new_figure()
    fig = ax.figure
    with style():
        for series in ["liveuamap", "nzz", "deepstatemap"]:
            part = area[area["series"] == series].sort_values("date")
            if part.empty:
                continue
            marker = "o" if len(part) < 60 else None
            ax.plot(part["date"], part["share_pct"], color=colour(series), lw=1.8,
                    marker=marker, ms=3, label=SERIES_LABELS[series])
        if highlight is not None:
            day = pd.Timestamp(highlight)
            ax.axvline(day, color=COLORS["annotation"], lw=0.9, ls=":")
            ax.annotate(f"{date_label(day)}", xy=(day, 1.0), xycoords=("data", "axes fraction"),
                        xytext=(3, -4), textcoords="offset points", ha="left", va="top",
                        fontsize=7.5, color="#444444")
        notes = []
        if breaks is not None and not breaks.empty:
            mark_breaks(ax, breaks)
            notes.append(breaks_note(breaks))
        date_axis(ax)
        ax.set_ylim(0, max(25.0, float(area["share_pct"].max()) * 1.1))
        ax.set_title("Share of Ukraine held by Russia, by map source")
        ax.set_ylabel("% of internationally recognised area")
        ax.legend(loc="lower right", fontsize=8)
    total = float(area["ukraine_area_km2"].iloc[0])
    notes.insert(0, f"Share of {total:,.0f} km². The three series use different maps and "
                 "baselines and are not joined")
    add_source_footer(fig, area, note=". ".join(notes))
    return ax


def plot_deadliest(top: pd.DataFrame, *, year: int, highlight: str = "UKR", ax=None):
    """Horizontal bars: the deadliest conflicts in ``year`` (``deadliest_conflicts`` output)."""
    if ax is None:
        fig, ax = new_figure(kind="ranked")
        fig.subplots_adjust(left=0.27)
    fig = ax.figure
    data = top[top["year"] == year].sort_values("value")
    colors = [COLORS["killed"] if c == highlight else COLORS["other"]
              for c in data["entity_code"]]
    names = [SHORT_ENTITY_NAMES.get(str(e), str(e)) for e in data["entity"]]
    with style():
        ax.barh(names, data["value"], color=colors)
        for y, v in enumerate(data["value"]):
            ax.annotate(f"{v:,.0f}", xy=(v, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8)
        ax.set_xlim(0, float(data["value"].max()) * 1.12)
        thousands(ax, "x")
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        ax.set_title(f"Deadliest conflicts in {year}: deaths where they occurred")
        ax.set_xlabel(f"Deaths in {year}, UCDP best estimate (combatants and civilians)")
    add_source_footer(fig, data, note="Not comparable with verified civilian minimums")
    return ax
