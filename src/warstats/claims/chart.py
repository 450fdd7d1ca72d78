"""A claim marked against the figures measured for it (no check is re-run here)."""

from __future__ import annotations

import pandas as pd

from warstats.charts.colours import colour
from warstats.charts.footer import add_source_footer
from warstats.charts.style import date_axis, new_figure, style, thousands
from warstats.labels import date_label, house_style
from warstats.labels import series as series_name
from warstats.wording import number


def plot_claim(claim: pd.Series, figures: list, *, ax=None, lower: float | None = None,
               upper: float | None = None):
    """Plot the series behind a claim, the claimed figure (with its tolerance band), the
    claim's date and the figure the verdict rests on. ``claim`` is a row of
    ``check_claims()``; ``figures`` the measured :class:`~warstats.claims.measure.Figure`\\ s.
    """
    if ax is None:
        _, ax = new_figure()
    fig = ax.figure
    ref = pd.Timestamp(claim["reference_date"])
    ids: set[str] = set()
    with style():
        seen: set[str] = set()
        charts: set[int] = set()
        for f in figures:
            # many figures of one claim share one chart frame: each frame is drawn once,
            # and only the series not drawn yet are cut out of it
            if f.chart is None or f.chart.empty or id(f.chart) in charts:
                continue
            charts.add(id(f.chart))
            names = f.chart["series"]
            for series in sorted(names.dropna().unique()):
                key = str(series)
                if key in seen:
                    continue
                seen.add(key)
                part = f.chart[names == series].sort_values("date")
                style_kw = {"marker": "o", "ls": "none", "ms": 4} if len(part) < 25 else {}
                ax.plot(part["date"], part["value"], color=colour(key), lw=1.8,
                        label=series_name(key), **style_kw)
        if lower is not None:
            hi = upper if upper is not None else ax.get_ylim()[1]
            ax.axhspan(lower, hi, color=colour("tolerance"), alpha=0.15, label="claim's tolerance")
        ax.axhline(claim["claimed"], color=colour("claimed"), lw=1.2, ls="--",
                   label=f"claimed: {claim['qualifier']} {number(claim['claimed'])}")
        ax.axvline(ref, color="#555555", lw=0.9, ls=":",
                   label=f"article's date: {date_label(ref)}")
        for prefix, marker, role, label in (
                ("data", "D", "data", "figure known then"),
                ("context", "s", "context", "later figure (context)")):
            value = claim.get(f"{prefix}_figure")
            if value is not None and not pd.isna(value):
                ax.plot([claim[f"{prefix}_date"]], [value], marker=marker, ms=7,
                        color=colour(role), ls="none", zorder=5,
                        label=f"{label}: {number(value)} (published "
                              f"{date_label(claim[f'{prefix}_published'])})")
        for col in ("source_ids",):
            ids.update(i for i in str(claim.get(col, "")).split(";") if i)
        thousands(ax)
        date_axis(ax)
        title = house_style(str(claim["claim"]))  # "12,000", as the rest of the report
        ax.set_title(title if len(title) < 70 else title[:67] + "…")
        unit = str(claim["unit"])
        ax.set_ylabel(unit[:1].upper() + unit[1:])  # "Persons", as the other charts
        ax.legend(loc="best", fontsize=7.5, framealpha=0.9, frameon=True)
    for f in figures:
        ids.update(i for i in str(f.source_ids).split(";") if i)
    add_source_footer(fig, sorted(ids), note=f"Verdict: {claim['verdict']}")
    return ax


def plot_claim_check(claim_id: str, table: pd.DataFrame, figures: dict[str, list], *,
                     rules=None, ax=None):
    """Plot one checked claim from :func:`~warstats.claims.check_and_measure`'s output
    (``None`` when nothing was measured for it).

    Examples
    --------
    >>> from warstats.claims import check_and_measure
    >>> from warstats.claims.chart import plot_claim_check
    >>> table, figures = check_and_measure()          # doctest: +SKIP
    >>> ax = plot_claim_check("killed", table, figures)  # doctest: +SKIP
    """
    from warstats.claims.rules import bounds

    row = table.set_index("claim_id").loc[claim_id].copy()
    row["claim_id"] = claim_id
    measured = figures.get(claim_id, [])
    if not any(f.chart is not None and not f.chart.empty for f in measured):
        return None
    lower, upper = bounds(row["qualifier"], row["claimed"], rules)
    return plot_claim(row, measured, ax=ax, lower=lower, upper=upper)
