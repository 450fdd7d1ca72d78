"""Duplicate primary keys: found in one vectorised pass, every row reported, linear in rows.

A dataset's primary key (the schema's ``unique`` columns) must be unique. Rather than let
pandera report one failure case per key cell (and then regroup them row by row in
Python), :func:`duplicate_problems` runs one ``DataFrame.duplicated`` pass and one
``groupby().ngroup()`` and builds every problem row with column-wise string operations.

Every row whose key another row also holds is one problem (``check = "duplicate key"``,
``column`` = the key columns, ``value`` = the key as written and the other line(s) holding
it). The text stays short whatever the group size, so the report is linear in the number of
rows even when thousands of rows share one key:

- the first row holding a key names the next ones (up to five, then "and N more");
- every later row names the first row holding its key ("and N more" when there are more).

:func:`summary_line` turns many duplicate-key problems into one line of the message
(the full list stays in the problem table: ``.failures``, ``--format json``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

CHECK = "duplicate key"
COLUMNS = ["row", "column", "check", "value"]
_NAMED = 5  # later rows a first row names before "and N more"


def _labels(index: pd.Index, row_offset: int) -> pd.Series:
    """Row labels as the user sees them (integer labels shifted by ``row_offset``)."""
    if pd.api.types.is_integer_dtype(index):
        return pd.Series((index.to_numpy() + row_offset).astype(str))
    return pd.Series(index.astype(str))


def _more(count: np.ndarray) -> pd.Series:
    text = pd.Series(count).astype(str)
    return pd.Series(np.where(count > 0, " and " + text + " more", ""))


def duplicate_problems(work: pd.DataFrame, shown: pd.DataFrame, key: list[str],
                       row_offset: int = 0) -> pd.DataFrame:
    """One problem row per row of ``work`` whose ``key`` another row also holds.

    ``work`` holds the parsed values (compared), ``shown`` the cells as the user wrote
    them (quoted in ``value``; same index). ``row`` is ``work``'s index label (the caller
    adds ``row_offset`` to it); the row numbers inside ``value`` already include it.
    Missing key columns are not compared (the missing column is its own problem).
    """
    if not key or any(k not in work.columns for k in key) or len(work) < 2:
        return pd.DataFrame(columns=COLUMNS)
    keys = work[key]
    try:
        dup = keys.duplicated(keep=False).to_numpy()
    except TypeError:  # unhashable cells (lists…): compare their text
        keys = keys.astype(str)
        dup = keys.duplicated(keep=False).to_numpy()
    if not dup.any():
        return pd.DataFrame(columns=COLUMNS)
    group = keys[dup].groupby(key, sort=False, dropna=False).ngroup().to_numpy()
    rank = pd.Series(group).groupby(group).cumcount().to_numpy()  # 0 = first in the file
    size = np.bincount(group)
    labels = _labels(work.index[dup], row_offset)
    at_rank = {}
    for k in range(_NAMED + 1):  # label of each group's k-th row ("" if the group is smaller)
        column = np.full(len(size), "", dtype=object)
        column[group[rank == k]] = labels[rank == k].to_numpy()
        at_rank[k] = pd.Series(column[group])
    first = rank == 0
    named = at_rank[1]
    for k in range(2, _NAMED + 1):
        named = named + np.where(at_rank[k] != "", ", " + at_rank[k], "")
    counts = size[group]
    others = pd.Series(np.where(first, named + _more(np.maximum(counts - 1 - _NAMED, 0)),
                                at_rank[0] + _more(counts - 2)))
    source = shown if all(k in shown.columns for k in key) else work
    cells = source.loc[dup, key].astype(object).where(source.loc[dup, key].notna(), "")
    text = cells.iloc[:, 0].astype(str).reset_index(drop=True)
    for name in key[1:]:
        text = text + ", " + cells[name].astype(str).reset_index(drop=True)
    return pd.DataFrame({
        "row": work.index[dup],
        "column": ", ".join(key),
        "check": CHECK,
        "value": ("(" + text + ") also on row(s) " + others).to_numpy(),
    })


def summary_line(dupes: pd.DataFrame, listed: int = 8) -> str:
    """One message line for many duplicate-key problems (rows as numbered in ``dupes``)."""
    keys = dupes["value"].str.rsplit(" also on row(s) ", n=1).str[0].nunique()
    rows = ", ".join(str(r) for r in dupes["row"].head(listed).tolist())
    more = ", …" if len(dupes) > listed else ""
    columns = dupes["column"].iloc[0]
    return (f"  - duplicate key [{columns}]: {len(dupes):,} rows share their key with another "
            f"row ({keys:,} distinct keys; {len(dupes) - keys:,} rows repeat a key already "
            f"seen on an earlier row): rows {rows}{more}. Every row is listed in the full "
            "table (.failures; --format json on the command line).")
