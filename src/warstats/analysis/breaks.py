"""Series breaks: look them up, and refuse growth calculations that span one."""

from __future__ import annotations

import pandas as pd

from warstats.errors import SeriesBreakError


def series_breaks(dataset: str | None = None, country: str | None = None) -> pd.DataFrame:
    """Breaks recorded for ``dataset`` (and ``country``; rows with no country apply to all)."""
    from warstats.datasets.load import load

    breaks = load("series_breaks", validate=False)
    if dataset is not None:
        breaks = breaks[breaks["dataset"] == dataset]
    if country is not None:
        breaks = breaks[breaks["country_iso3"].isna() | (breaks["country_iso3"] == country)
                        | (breaks["country_iso3"] == "")]
    return breaks.reset_index(drop=True)


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
