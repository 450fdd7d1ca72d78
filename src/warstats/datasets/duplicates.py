"""Duplicate primary keys: found in one vectorised pass, every row reported, linear in rows.

A dataset's primary key (the schema's ``unique`` columns) must be unique. Rather than let
pandera report one failure case per key cell (and then regroup them row by row in
Python), :func:`duplicate_problems` finds them with one ``DataFrame.duplicated`` pass and
one ``groupby().ngroup()`` (group, rank in the file and group size per row, vectorised),
then writes every problem's text with element-wise string operations on whole columns.

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
_LISTED = 6  # rows named in the message's summary line


def _labels(index: pd.Index, row_offset: int) -> list[str]:
    """Row labels as the user sees them (integer labels shifted by ``row_offset``)."""
    if pd.api.types.is_integer_dtype(index):
        return [str(i) for i in (index.to_numpy() + row_offset).tolist()]
    return [str(i) for i in index.tolist()]


def _key_text(frame: pd.DataFrame, rows: np.ndarray, key: list[str]) -> np.ndarray:
    """``"(a, b, c)"``: the key cells of ``frame`` at ``rows`` ("" for a missing cell)."""
    parts = [frame[name][rows].astype("str").fillna("").to_numpy(dtype=object)
             for name in key]
    text = "(" + parts[0]
    for part in parts[1:]:
        text = text + ", " + part
    return text + ")"


def duplicate_problems(work: pd.DataFrame, shown: pd.DataFrame, key: list[str],
                       row_offset: int = 0) -> pd.DataFrame:
    """One problem row per row of ``work`` whose ``key`` another row also holds.

    ``work`` holds the parsed values (compared), ``shown`` the cells as the user wrote
    them (quoted in ``value``; same index). ``row`` is ``work``'s index label (the caller
    adds ``row_offset`` to it); the row numbers inside ``value`` already include it.
    Missing key columns are not compared (the missing column is its own problem).
    ``attrs`` holds ``keys`` (distinct duplicated keys), ``repeats`` (rows holding a key
    already seen) and the first few of those with the row that first held their key
    (``examples``: ``(row, first row)`` as text), for :func:`summary_line`.
    """
    empty = pd.DataFrame(columns=COLUMNS)
    empty.attrs.update(keys=0, repeats=0, examples=[])
    if not key or any(k not in work.columns for k in key) or len(work) < 2:
        return empty
    keys = work[key]
    try:
        dup = keys.duplicated(keep=False).to_numpy()
    except TypeError:  # unhashable cells (lists…): compare their text
        keys = keys.astype(str)
        dup = keys.duplicated(keep=False).to_numpy()
    if not dup.any():
        return empty
    group = keys[dup].groupby(key, sort=False, dropna=False).ngroup().to_numpy()
    rank = pd.Series(group).groupby(group).cumcount().to_numpy()  # 0 = first in the file
    size = np.bincount(group)
    labels = np.array(_labels(work.index[dup], row_offset), dtype=object)
    at_rank = []  # position (among duplicated rows) of each group's k-th row, -1 if none
    for k in range(_NAMED + 1):
        column = np.full(len(size), -1)
        column[group[rank == k]] = np.nonzero(rank == k)[0]
        at_rank.append(column)
    counts = size[group]
    # Element-wise text on object arrays (C loops): later rows name the group's first row,
    # first rows the next ones (up to _NAMED); "and N more" for the rest.
    others = labels[at_rank[0][group]]
    extra = counts - 2
    firsts = np.nonzero(rank == 0)[0]
    named = labels[at_rank[1][group[firsts]]]
    for k in range(2, _NAMED + 1):
        pos = at_rank[k][group[firsts]]
        has = pos >= 0
        named[has] = named[has] + ", " + labels[pos[has]]
    others[firsts] = named
    extra[firsts] = counts[firsts] - 1 - _NAMED
    more = np.nonzero(extra > 0)[0]
    others[more] = others[more] + np.array([f" and {n} more" for n in extra[more]],
                                           dtype=object)
    source = shown if all(k in shown.columns for k in key) else work
    texts = _key_text(source, dup, key)
    values = texts + " also on row(s) " + others
    table = pd.DataFrame({"row": work.index[dup], "column": ", ".join(key), "check": CHECK,
                          "value": values})
    later = np.nonzero(rank > 0)[0][:_LISTED]
    table.attrs.update(keys=len(size), repeats=int((rank > 0).sum()),
                       examples=[(labels[i], labels[at_rank[0][group[i]]]) for i in later])
    return table


def summary_line(dupes: pd.DataFrame, info: dict) -> str:
    """One message line for many duplicate-key problems (``info``: the ``attrs`` of
    :func:`duplicate_problems`' table)."""
    examples = info.get("examples", [])
    later = ", ".join(row for row, _ in examples)
    first = ", ".join(dict.fromkeys(f for _, f in examples))
    more = ", …" if info.get("repeats", 0) > len(examples) else ""
    return (f"  - duplicate key [{dupes['column'].iloc[0]}]: rows {later}{more} "
            f"({info.get('repeats', 0):,} rows) repeat keys already seen on rows {first}{more} "
            f"({info.get('keys', 0):,} distinct keys; {len(dupes):,} rows involved, each "
            "listed in the full table: .failures, or --format json on the command line).")
