"""A claim marked against the series that checks it."""

from __future__ import annotations

import pandas as pd

from warstats.charts.colours import colour
from warstats.charts.footer import add_source_footer
from warstats.charts.style import date_axis, new_figure, style, thousands
from warstats.labels import date_label
from warstats.labels import series as series_name


def plot_claim(claim: pd.Series, figures: list, *, ax=None, lower: float | None = None,
               upper: float | None = None):
    """Plot the series behind a claim, the claimed figure (with its tolerance band) and the
    reference date. ``claim`` is a row of ``check_claims()``; ``figures`` are the
    :class:`~warstats.analysis.claim_checks.Figure` objects measured for it.
    """
    from warstats.analysis.claims import fmt_number

    if ax is None:
        _, ax = new_figure()
    fig = ax.figure
    ref = pd.Timestamp(claim["reference_date"])
    ids: set[str] = set()
    with style():
        seen: set[str] = set()
        for f in figures:
            ids.update(i for i in str(f.source_ids).split(";") if i)
            if f.chart is None or f.chart.empty:
                continue
            for series, part in f.chart.groupby("series", sort=True):
                key = str(series)
                if key in seen:
                    continue
                seen.add(key)
                part = part.sort_values("date")
                style_kw = {"marker": "o", "ls": "none", "ms": 4} if len(part) < 25 else {}
                ax.plot(part["date"], part["value"], color=colour(key), lw=1.8,
                        label=series_name(key), **style_kw)
        if lower is not None:
            hi = upper if upper is not None else ax.get_ylim()[1]
            ax.axhspan(lower, hi, color=colour("tolerance"), alpha=0.15, label="claim's tolerance")
        ax.axhline(claim["claimed"], color=colour("claimed"), lw=1.2, ls="--",
                   label=f"claimed: {claim['qualifier']} {fmt_number(claim['claimed'])}")
        ax.axvline(ref, color="#555555", lw=0.9, ls=":")
        ax.annotate(f"{date_label(ref)}", xy=(ref, 0.0), xycoords=("data", "axes fraction"),
                    xytext=(-3, 4), textcoords="offset points", fontsize=8, ha="right",
                    va="bottom", color="#555555")
        if claim.get("data_figure") is not None and not pd.isna(claim.get("data_figure")):
            ax.plot([claim["data_date"]], [claim["data_figure"]], marker="D", ms=7,
                    color=colour("data"), ls="none", zorder=5,
                    label=f"data: {fmt_number(claim['data_figure'])} ({claim['vintage']})")
        thousands(ax)
        date_axis(ax)
        title = str(claim["claim"])
        ax.set_title(title if len(title) < 70 else title[:67] + "…")
        ax.set_ylabel(str(claim["unit"]))
        ax.legend(loc="best", fontsize=7.5, framealpha=0.9, frameon=True)
    add_source_footer(fig, sorted(ids), note=f"Verdict: {claim['verdict']}")
    return ax


def plot_claim_check(claim_id: str, claims=None, *, as_of=None, table=None, ax=None):
    """Check one claim and plot it with its tolerance band (``None`` if nothing to plot).

    ``claims`` is as for :func:`warstats.check_claims`; pass ``table`` (its output) to
    avoid checking twice.

    Examples
    --------
    >>> from warstats.charts.claims import plot_claim_check
    >>> ax = plot_claim_check("killed")          # doctest: +SKIP
    """
    from warstats.analysis.claims import _rules, check_claims, measure
    from warstats.readers.claims import read_claims

    table = check_claims(claims, as_of=as_of) if table is None else table
    row = table.set_index("claim_id").loc[claim_id]
    row["claim_id"] = claim_id
    parsed = read_claims(claims)
    figures = measure(parsed[parsed["claim_id"] == claim_id], as_of).get(claim_id, [])
    if row["verdict"] == "not checkable here" or not any(
            f.chart is not None and not f.chart.empty for f in figures):
        return None
    rule = _rules().loc[row["qualifier"]]
    lower = row["claimed"] * rule["lower"]
    upper = None if pd.isna(rule["upper"]) else row["claimed"] * rule["upper"]
    return plot_claim(row, figures, ax=ax, lower=lower, upper=upper)
