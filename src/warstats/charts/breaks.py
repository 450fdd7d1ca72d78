"""Mark series breaks on a time axis."""

from __future__ import annotations

import pandas as pd


def mark_breaks(ax, breaks: pd.DataFrame, *, label_prefix: str = "break") -> int:
    """Draw a dashed vertical line and a short label at each break's date; returns the count."""
    n = 0
    for i, row in enumerate(breaks.sort_values("date").itertuples()):
        x = pd.Timestamp(row.date)
        ax.axvline(x, color="#777777", linestyle="--", linewidth=0.9, zorder=1)
        ax.annotate(f"{label_prefix} {i + 1}", xy=(x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(2, -10), textcoords="offset points", fontsize=7, color="#555555")
        n += 1
    return n
