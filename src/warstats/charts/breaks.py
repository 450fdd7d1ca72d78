"""Mark series breaks on a time axis, and explain them in the footer."""

from __future__ import annotations

import re

import pandas as pd

from warstats.labels import date_label

_BREAK_COLOR = "#666666"


def mark_breaks(ax, breaks: pd.DataFrame, *, label_prefix: str = "break") -> int:
    """Draw a dashed vertical line and a numbered label at each break's date; returns the count.

    Breaks are numbered in date order, as in :func:`breaks_note`, so the footer can explain
    each numbered line.
    """
    n = 0
    for i, row in enumerate(breaks.sort_values("date").itertuples()):
        x = pd.Timestamp(row.date)
        ax.axvline(x, color=_BREAK_COLOR, linestyle="--", linewidth=0.9, zorder=1)
        ax.annotate(f"{label_prefix} {i + 1}", xy=(x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(3, -4), textcoords="offset points", ha="left", va="top",
                    fontsize=7.5, color="#444444",
                    bbox={"boxstyle": "square,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.85})
        n += 1
    return n


def _first_clause(text: str, limit: int = 130) -> str:
    """The description up to its first colon, semicolon or full stop (shortened if long)."""
    head = re.split(r"(?<=[a-z0-9)])[:;.](?:\s|$)", str(text).strip(), maxsplit=1)[0].strip()
    if len(head) > limit:
        head = head[:limit].rsplit(" ", 1)[0] + " …"
    return head


def breaks_note(breaks: pd.DataFrame, *, label_prefix: str = "break") -> str:
    """Footer text explaining the numbered lines drawn by :func:`mark_breaks`.

    Each break reads ``<prefix> n (date): <first clause of its description>``.

    Examples
    --------
    >>> b = pd.DataFrame({"date": [pd.Timestamp("2024-07-08")], "kind": ["coverage"],
    ...                   "description": ["Series B starts on 8 Jul 2024; more detail."]})
    >>> breaks_note(b)
    'Break 1 (08 Jul 2024, coverage): Series B starts on 8 Jul 2024'
    """
    parts = []
    for i, row in enumerate(breaks.sort_values("date").itertuples()):
        kind = getattr(row, "kind", "")
        kind = f", {kind}" if kind and kind != "annotation" else ""
        parts.append(f"{label_prefix.capitalize()} {i + 1} ({date_label(pd.Timestamp(row.date))}"
                     f"{kind}): {_first_clause(row.description)}")
    return "; ".join(parts)
