"""Civilian casualties charts. OHCHR figures are verified minimums: labels say "at least"."""

from __future__ import annotations

import pandas as pd

from warstats.charts.breaks import breaks_note, mark_breaks
from warstats.charts.footer import add_source_footer
from warstats.charts.style import COLORS, date_axis, new_figure, style, thousands
from warstats.labels import date_label

MEASURE_LABEL = {"killed": "Killed", "injured": "Injured"}
_LINESTYLES = ["-", ":", "-.", "--"]


def _at_least(measure: str, value: float | None = None, when: pd.Timestamp | None = None,
              minimum: bool = True) -> str:
    text = MEASURE_LABEL.get(measure, str(measure))
    if value is None:
        return f"{text}{' (at least)' if minimum else ''}"
    prefix = "at least " if minimum else ""
    suffix = f" by {date_label(when)}" if when is not None else ""
    return f"{text}: {prefix}{value:,.0f}{suffix}"


def _minimum(df: pd.DataFrame) -> bool:
    return bool(df["is_minimum"].all()) if "is_minimum" in df.columns else False


def plot_cumulative(df: pd.DataFrame, *, ax=None, breaks: pd.DataFrame | None = None,
                    series_labels: dict[str, str] | None = None,
                    title: str = "Civilians killed and injured in Ukraine since 24 Feb 2022"):
    """Cumulative killed and injured, one line per measure and source.

    ``df`` is a cumulative frame (``date``, ``measure``, ``value``, ``source_id``): e.g.
    ``ws.load("casualties_published")`` or ``to_cumulative(ws.load("casualties_monthly"))``,
    or both concatenated. With several sources each line's label gets
    ``series_labels[source_id]`` (default: the source id). ``breaks`` (rows of
    ``series_breaks``) are marked as dashed lines.
    """
    if ax is None:
        _, ax = new_figure()
    minimum = _minimum(df)
    with style():
        sources = sorted(df["source_id"].unique())
        for measure in [m for m in MEASURE_LABEL if m in set(df["measure"])]:
            for i, sid in enumerate(sources):
                part = df[(df["measure"] == measure) & (df["source_id"] == sid)]
                if part.empty:
                    continue
                part = part.sort_values("date")
                last = part.iloc[-1]
                label = _at_least(measure, last["value"], last["date"], minimum)
                if len(sources) > 1:
                    label += f" ({(series_labels or {}).get(sid, sid)})"
                ax.plot(part["date"], part["value"], color=COLORS[measure], lw=2,
                        ls=_LINESTYLES[i % len(_LINESTYLES)], label=label)
        note = None
        if breaks is not None and not breaks.empty:
            mark_breaks(ax, breaks, label_prefix="note")
            note = breaks_note(breaks, label_prefix="note")
        thousands(ax)
        date_axis(ax)
        # head-room above the lines for the legend, right of the break labels at the top left
        ax.set_ylim(0, float(df["value"].max()) * 1.45 or 1.0)
        ax.set_title(title)
        ax.set_ylabel("Persons, cumulative (at least)" if minimum else "Persons, cumulative")
        ax.legend(loc="upper left", bbox_to_anchor=(0.47, 1.0), fontsize=8)
    add_source_footer(ax.figure, df, note=note)
    return ax


def plot_monthly(df: pd.DataFrame, *, ax=None,
                 title: str = "Civilians killed and injured in Ukraine per month"):
    """Side-by-side monthly bars of killed and injured (a ``flow`` frame with
    ``period_start``, ``measure``, ``value``)."""
    if ax is None:
        _, ax = new_figure()
    minimum = _minimum(df)
    measures = [m for m in MEASURE_LABEL if m in set(df["measure"])]
    width = pd.Timedelta(days=28 / max(len(measures), 1))
    with style():
        for i, measure in enumerate(measures):
            part = df[df["measure"] == measure].sort_values("period_start")
            months = part["period_start"].dt.to_period("M").dt.start_time
            x = months + width * i + pd.Timedelta(days=1)
            ax.bar(x, part["value"], width=width, align="edge", color=COLORS[measure],
                   label=_at_least(measure, minimum=minimum))
        thousands(ax)
        date_axis(ax)
        ax.set_title(title)
        ax.set_ylabel("Persons per month (at least)" if minimum else "Persons per month")
        ax.legend(loc="upper right")
    add_source_footer(ax.figure, df, note="February 2022 counts 24–28 Feb only")
    return ax


def plot_revision(rev: pd.DataFrame, *, ax=None,
                  title: str = "Cumulative killed and injured: as published vs latest"):
    """As-published cumulative figures against the latest monthly sums (``revision()``)."""
    if ax is None:
        _, ax = new_figure()
    minimum = _minimum(rev)
    qual = " (at least)" if minimum else ""
    with style():
        for measure in [m for m in MEASURE_LABEL if m in set(rev["measure"])]:
            part = rev[rev["measure"] == measure].sort_values("date")
            name = MEASURE_LABEL[measure]
            ax.plot(part["date"], part["latest"], color=COLORS[measure], lw=2,
                    label=f"{name}, latest revision{qual}")
            ax.plot(part["date"], part["as_published"], color=COLORS[measure], lw=1.5, ls="--",
                    marker="o", ms=3, label=f"{name}, as published{qual}")
            ax.fill_between(part["date"], part["as_published"], part["latest"],
                            color=COLORS[measure], alpha=0.12)
        thousands(ax)
        date_axis(ax)
        ax.set_ylim(bottom=0)
        ax.set_title(title)
        ax.set_ylabel("Persons, cumulative at month end" + qual)
        ax.legend(loc="upper left", fontsize=8.5)
    add_source_footer(ax.figure, rev,
                      note="Shaded: added by later verification")
    return ax
