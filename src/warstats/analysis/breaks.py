"""Series breaks: refuse growth calculations that span one.

The breaks themselves are data: ``ws.series_breaks(dataset)`` (``warstats.catalog``) looks
them up; the functions here take that frame.
"""

from __future__ import annotations

import pandas as pd

from warstats.errors import SeriesBreakError


def check_span(breaks: pd.DataFrame, start, end, *, allow_breaks: bool = False,
               operation: str = "this calculation") -> pd.DataFrame:
    """Breaks strictly after ``start`` and on or before ``end``; raise unless allowed.

    ``start``/``end`` may be dates or years (ints compare with the break's year).
    """
    if breaks.empty:
        return breaks
    dates = pd.to_datetime(breaks["date"])
    if isinstance(start, int) and isinstance(end, int):
        inside = (dates.dt.year > start) & (dates.dt.year <= end)
    else:
        inside = (dates > pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    spanned = breaks[inside]
    if not spanned.empty and not allow_breaks:
        lines = "; ".join(f"{r.date:%Y-%m-%d} {r.break_id}: {r.description}"
                          for r in spanned.itertuples())
        raise SeriesBreakError(
            f"{operation} from {start} to {end} spans {len(spanned)} series break(s): {lines}. "
            "Pass allow_breaks=True to compute it anyway (the output then lists the breaks)."
        )
    return spanned
