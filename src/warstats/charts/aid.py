"""Aid charts: top donors by type, cumulative allocations, US packages, appeal coverage."""

from __future__ import annotations

import pandas as pd

from warstats.charts.colours import colour
from warstats.charts.footer import add_source_footer
from warstats.charts.style import COLORS, date_axis, label_bars, new_figure, style, thousands
from warstats.labels import series as series_name

TYPES = ("military", "financial", "humanitarian")


def plot_top_donors(ranking: pd.DataFrame, *, n: int = 15, ax=None):
    """Horizontal bars of the top ``n`` donors, stacked by aid type (``donor_ranking`` output)."""
    if ax is None:
        _, ax = new_figure(kind="ranked")
        ax.figure.subplots_adjust(left=0.3)
    top = ranking.sort_values("total", ascending=False).head(n).iloc[::-1]
    with style():
        left = pd.Series(0.0, index=top.index)
        for t in TYPES:
            if t in top.columns:
                ax.barh(top["donor_name"], top[t], left=left, color=COLORS[t], label=t.title())
                left = left + top[t]
        for y, total in enumerate(top["total"]):
            ax.annotate(f"{total:,.1f}", xy=(total, y), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=8)
        ax.set_xlim(0, float(top["total"].max()) * 1.1)
        ax.set_title(f"Top {n} donors to Ukraine: allocations by type")
        ax.set_xlabel(f"{top['unit'].iloc[0]} (nominal), stage: {top['stage'].iloc[0]}")
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
    note = "Kiel's allocations only (not deliveries)"
    if "EUI" in set(top["donor_iso3"]):
        note += "; EU institutions are a donor of their own, not the sum of member states"
    add_source_footer(ax.figure, top, note=note)
    return ax


def plot_share_of_gdp(shares: pd.DataFrame, *, n: int = 15, ax=None):
    """Top ``n`` donors by allocations as % of GDP, stacked by type (``aid_share_of_gdp``)."""
    if ax is None:
        _, ax = new_figure(kind="ranked")
        ax.figure.subplots_adjust(left=0.3)
    top = shares.sort_values("pct_gdp", ascending=False).head(n).iloc[::-1]
    year = int(top["gdp_year"].iloc[0])
    with style():
        left = pd.Series(0.0, index=top.index)
        for t in TYPES:
            if t in top.columns:
                part = top[t] / top["total"] * top["pct_gdp"]
                ax.barh(top["donor_name"], part, left=left, color=COLORS[t], label=t.title())
                left = left + part
        label_bars(ax, top["pct_gdp"], [f"{v:.2f}%" for v in top["pct_gdp"]])
        ax.set_title(f"Allocations to Ukraine as % of donor GDP ({year})")
        ax.set_xlabel(f"% of {year} GDP (current US$); EUR converted at the {year} average rate")
        ax.grid(axis="x", color="#dddddd")
        ax.grid(axis="y", visible=False)
        ax.legend(loc="lower right")
    left_out = shares.attrs.get("left_out", [])
    note = (f"Allocations Dec 2021-Jan 2026 over GDP of one year ({year}, the latest WDI year)"
            + (f"; no GDP figure for {', '.join(left_out)}" if left_out else ""))
    add_source_footer(ax.figure, top, note=note)
    return ax


def plot_cumulative_allocations(monthly: pd.DataFrame, *, ax=None):
    """Stacked area of cumulative allocations by type (``monthly_allocations`` output)."""
    if ax is None:
        _, ax = new_figure()
    wide = monthly.pivot_table(index="month", columns="aid_type", values="cumulative",
                               observed=True).sort_index()
    with style():
        cols = [t for t in TYPES if t in wide.columns]
        ax.stackplot(wide.index, [wide[t] for t in cols], labels=[t.title() for t in cols],
                     colors=[COLORS[t] for t in cols], alpha=0.9)
        ax.set_axisbelow(True)
        ax.set_title("Cumulative aid allocated to Ukraine, all donors")
        ax.set_ylabel(f"{monthly['unit'].iloc[0]} (nominal), cumulative")
        ax.set_ylim(bottom=0)
        date_axis(ax)
        ax.legend(loc="upper left", reverse=True)
    add_source_footer(ax.figure, monthly, note="Allocations (Kiel), not deliveries")
    return ax


def plot_us_packages(us_packages: pd.DataFrame, *, ax=None):
    """Timeline of announced US packages (stems), coloured by authority."""
    if ax is None:
        _, ax = new_figure()
    with style():
        for auth, part in us_packages.groupby("authority", observed=True):
            ax.vlines(part["date"], 0, part["value"], color=colour(auth),
                      lw=2, label=f"{series_name(auth)} ({len(part)})")
            ax.scatter(part["date"], part["value"], color=colour(auth),
                       s=10, zorder=3)
        ax.set_title("US security-assistance packages for Ukraine, as announced")
        ax.set_ylabel(f"{us_packages['unit'].iloc[0]} per package (nominal)")
        thousands(ax)
        date_axis(ax)
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper left", title="Authority (packages)", fontsize=8.5,
                  title_fontsize=8.5, alignment="left")
    add_source_footer(ax.figure, us_packages,
                      note="Announced nominal values; PDA later partly re-valued")
    return ax


def plot_appeal_coverage(coverage: pd.DataFrame, *, ax=None, country_name: str = "Ukraine"):
    """Requirement vs funding per year, bars, with % funded (``appeal_coverage`` output)."""
    if ax is None:
        _, ax = new_figure()
    df = coverage.dropna(subset=["requirements"]).sort_values("year")
    with style():
        x = df["year"].astype(int)
        ax.bar(x - 0.2, df["requirements"], width=0.4, color=COLORS["other"], label="Required")
        ax.bar(x + 0.2, df["funding"], width=0.4, color=COLORS["humanitarian"], label="Funded")
        for xi, req, pct in zip(x, df["requirements"], df["pct_funded"], strict=True):
            ax.annotate(f"{pct:.0f}%", (xi, req), xytext=(0, 3), textcoords="offset points",
                        ha="center", fontsize=8)
        ax.set_title(f"{country_name}: humanitarian appeal requirement and funding")
        ax.set_xticks(list(x))
        ax.tick_params(axis="x", length=0)
        ax.grid(axis="x", visible=False)
        ax.set_ylabel("US$ (current)")
        thousands(ax)
        ax.set_ylim(0, float(df["requirements"].max()) * 1.1)
        ax.legend(loc="upper left", title="Labels: % of requirement funded", fontsize=9,
                  title_fontsize=8.5, alignment="left")
    add_source_footer(ax.figure, df, note="Superseded appeals (the first 2022 response plan) "
                      "not counted; latest year still open")
    return ax
