"""Population charts."""

from __future__ import annotations

import pandas as pd

from warstats.charts.footer import add_source_footer
from warstats.charts.style import COLORS, new_figure, style, thousands


def plot_projection_gap(gap: pd.DataFrame, observed_history: pd.DataFrame | None = None, *,
                        ax=None, country_name: str = "Ukraine"):
    """Observed population vs the pre-war projection (output of ``projection_gap``).

    ``observed_history`` (optional) adds the observed line for earlier years.
    """
    if ax is None:
        _, ax = new_figure()
    fig = ax.figure
    with style():
        if observed_history is not None:
            hist = observed_history.sort_values("year")
            ax.plot(hist["year"], hist["value"], color=COLORS["observed"], lw=2,
                    label="Observed (World Bank)")
        ax.plot(gap["year"], gap["observed"], color=COLORS["observed"], lw=2,
                label=None if observed_history is not None else "Observed (World Bank)")
        ax.plot(gap["year"], gap["projected"], color=COLORS["projected"], lw=2, ls="--",
                label=f"Pre-war projection ({gap['projection'].iloc[0]})")
        ax.fill_between(gap["year"], gap["observed"], gap["projected"], color=COLORS["gap"],
                        alpha=0.15, label="Gap")
        last = gap.iloc[-1]
        ax.annotate(f"{last['gap_pct']:+.1f}% in {int(last['year'])}".replace("-", "\u2212"),
                    xy=(last["year"], last["observed"]), xytext=(-150, 10),
                    textcoords="offset points", fontsize=9, color="#8b1a1a",
                    arrowprops={"arrowstyle": "-", "color": "#8b1a1a"})
        thousands(ax)
        ax.set_title(f"{country_name}: population against the pre-war projection")
        ax.set_ylabel("Persons")
        ax.legend(loc="lower left")
    sources = gap if observed_history is None else pd.concat([gap[["source_id"]],
                                                              observed_history[["source_id"]]])
    add_source_footer(fig, sources,
                      note="From 2022 the observed figure counts people present in Ukraine")
    return ax
