""""As known on date X": pick, for each series, the latest figure published on or before X."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from warstats.analysis.kinds import carry_sources
from warstats.errors import WarstatsError


def as_of(df: pd.DataFrame, date, *, by: Sequence[str] | None = None,
          published: str = "published", reference: str | None = None) -> pd.DataFrame:
    """Rows as they were known on ``date``.

    Rows published after ``date`` are removed. With ``by`` (series keys, e.g.
    ``["measure"]``) and ``reference`` (the column of the date a figure refers to),
    only the latest-published row per series and reference date is kept, and then the
    latest reference date per series: the figure a reader could have seen that day.
    With ``by`` alone (a table's full key), the latest-published row per key is kept.

    A table may hold figures from several releases (see ``ws.known_on``): a revised
    figure is a second row with the same key and a later ``published`` date, so before
    that date the old figure is what was known. Rows published the same day are
    ordered by a ``release`` column when there is one (the newer release wins).

    Examples
    --------
    >>> df = pd.DataFrame({"measure": ["killed"] * 3, "value": [10, 12, 15],
    ...     "date": pd.to_datetime(["2022-03-01", "2022-03-08", "2022-03-15"]),
    ...     "published": pd.to_datetime(["2022-03-02", "2022-03-09", "2022-03-16"]),
    ...     "source_id": "x"})
    >>> as_of(df, "2022-03-10", by=["measure"], reference="date")["value"].tolist()
    [12]
    """
    if published not in df.columns:
        raise WarstatsError(f"as_of needs a {published!r} column (the date each figure was "
                            "published)")
    cutoff = pd.Timestamp(date)
    pub = pd.to_datetime(df[published])
    unknown = pub.isna()
    if unknown.any():
        raise WarstatsError(
            f"{int(unknown.sum())} row(s) have no {published!r} date, so what was known on "
            f"{cutoff.date()} cannot be told; filter them out or use the latest revision."
        )
    known = df[pub <= cutoff]
    tie = ["release"] if "release" in df.columns else []
    if by is not None and not known.empty:
        keys = list(by)
        if reference is not None:
            known = known.sort_values([*keys, reference, published, *tie], kind="stable")
            known = known.drop_duplicates([*keys, reference], keep="last")
        else:
            known = known.sort_values([*keys, published, *tie], kind="stable")
        known = known.drop_duplicates(keys, keep="last")
    result = known.copy()
    result.attrs = dict(df.attrs)
    result.attrs["as_of"] = cutoff.date().isoformat()
    return carry_sources(result, df)
