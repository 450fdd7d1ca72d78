"""What changed in a dataset between two releases: rows added, removed and values revised.

Rows are matched by the dataset's primary key (``DatasetSpec.primary_key``). The result is
tidy: **one row per key and measure column**. A revised key gives one row for each measure
whose value changed; an added or removed key gives one row for each measure (the missing
side empty), so a dataset with the single measure ``value`` gives one row per changed key.

Equality is exact (``==``, with two empty cells equal). Curated tables are written as CSV
text with the shortest repr that round-trips a float, so an unchanged figure reads back as
the very same float: any difference, however small, is a publisher's revision (World Bank
population rewritten from ``37732836.0`` to ``37732836`` reads back equal). ``atol`` lets
an analyst ignore differences up to an absolute size; it is 0 by default.

>>> import warstats as ws
>>> ws.changes("aid_by_donor")                         # doctest: +SKIP
>>> ws.changes("loss_claims", old="shipped", new="latest")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from warstats.errors import WarstatsError

#: Values of the ``change`` column, in the order rows are sorted.
CHANGE_KINDS = ("added", "removed", "revised")

#: Columns carried into the changes table beside the key (when both tables hold them).
CONTEXT_COLUMNS = ("source_id",)

#: Summary columns, one row per dataset (``change_summary``, ``update_summary``).
SUMMARY_COLUMNS = ("dataset", "title", "sources", "status", "rows_before", "rows_after",
                   "rows_added", "rows_removed", "rows_revised", "values_revised",
                   "newest_before", "newest_after")


def measure_columns(old: pd.DataFrame, new: pd.DataFrame, key: Sequence[str]) -> list[str]:
    """The numeric (not boolean) columns outside the key that both frames hold, in order.

    Bookkeeping columns (``published``, ``source_id``, flags, names) are not measures: a
    new publication date on every row is not a revision of the figures.
    """
    def numeric(s: pd.Series) -> bool:
        return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)

    return [c for c in new.columns
            if c not in key and c in old.columns and numeric(new[c]) and numeric(old[c])]


def _check_key(frame: pd.DataFrame, key: list[str], side: str) -> None:
    missing = [k for k in key if k not in frame.columns]
    if missing:
        raise WarstatsError(f"the {side} table has no key column(s) {', '.join(missing)}; "
                            f"its columns are {', '.join(map(str, frame.columns))}")
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        first = frame.loc[dup, key].iloc[0].to_dict()
        raise WarstatsError(
            f"the {side} table has {int(dup.sum())} rows sharing a key ({', '.join(key)}), "
            f"e.g. {first}: rows cannot be matched; pass the full key (key=...)"
        )


def _plain(frame: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    """The columns with categoricals turned back into their values (so merges match)."""
    out = frame[cols].copy()
    for col in cols:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(out[col].cat.categories.dtype)
    return out


def compare_frames(old: pd.DataFrame, new: pd.DataFrame, key: Sequence[str], *,
                   measures: Sequence[str] | None = None, atol: float = 0.0) -> pd.DataFrame:
    """Rows added, removed and revised from ``old`` to ``new``, matched on ``key``.

    Parameters
    ----------
    old, new : DataFrame
        Two versions of one table; ``key`` must be unique in each.
    key : sequence of str
        Columns identifying a row (the dataset's primary key).
    measures : sequence of str, optional
        Columns whose values are compared; default :func:`measure_columns`.
    atol : float
        Numeric differences with ``abs(new - old) <= atol`` are not revisions (default 0:
        exact equality).

    Returns
    -------
    DataFrame
        Columns ``change`` (added / removed / revised), the key columns, ``source_id``
        (when the tables hold it: the new row's, or the removed row's), ``column`` (the
        measure), ``old``, ``new`` and ``difference`` (``new - old``; empty unless both
        are numbers). One row per key and measure (see the module docstring), sorted by
        change, key and column.

    Examples
    --------
    >>> old = pd.DataFrame({"k": ["a", "b", "c"], "value": [1.0, 2.0, 3.0]})
    >>> new = pd.DataFrame({"k": ["b", "c", "d"], "value": [2.0, 3.5, 4.0]})
    >>> compare_frames(old, new, ["k"])[["change", "k", "old", "new"]].values.tolist()
    [['added', 'd', nan, 4.0], ['removed', 'a', 1.0, nan], ['revised', 'c', 3.0, 3.5]]
    """
    key = list(key)
    _check_key(old, key, "old")
    _check_key(new, key, "new")
    measures = list(measures) if measures is not None else measure_columns(old, new, key)
    for side, frame in (("old", old), ("new", new)):
        absent = [m for m in measures if m not in frame.columns]
        if absent:
            raise WarstatsError(f"the {side} table has no column(s) {', '.join(absent)} to "
                                "compare; pass measures= with columns both tables hold")
    ctx = [c for c in CONTEXT_COLUMNS if c not in key and c in old and c in new]
    o = _plain(old, key + measures + ctx).rename(
        columns={m: f"old\x00{m}" for m in measures + ctx})
    n = _plain(new, key + measures + ctx).rename(
        columns={m: f"new\x00{m}" for m in measures + ctx})
    merged = o.merge(n, on=key, how="outer", indicator="_side", sort=False)
    for c in ctx:  # the row's source: the new one's, or the old one's for removed rows
        merged[c] = merged[f"new\x00{c}"].where(merged[f"new\x00{c}"].notna(),
                                                merged[f"old\x00{c}"])

    parts = []
    for m in measures:
        a, b = merged[f"old\x00{m}"], merged[f"new\x00{m}"]
        side = merged["_side"]
        if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
            same = (a == b) | (a.isna() & b.isna())
            if atol:
                same |= (b - a).abs() <= atol
            diff = b - a
        else:
            same = (a.astype(object) == b.astype(object)) | (a.isna() & b.isna())
            diff = pd.Series(float("nan"), index=merged.index)
        change = pd.Series(pd.NA, index=merged.index, dtype=object)
        change[side == "right_only"] = "added"
        change[side == "left_only"] = "removed"
        change[(side == "both") & ~same] = "revised"
        keep = change.notna()
        part = merged.loc[keep, key + ctx].copy()
        part.insert(0, "change", change[keep])
        part["column"] = m
        part["old"], part["new"], part["difference"] = a[keep], b[keep], diff[keep]
        parts.append(part)
    columns = ["change", *key, *ctx, "column", "old", "new", "difference"]
    if not parts:
        # no measures: only membership can change
        side = merged["_side"]
        part = merged.loc[side != "both", key + ctx].copy()
        part.insert(0, "change", side[side != "both"].map({"right_only": "added",
                                                            "left_only": "removed"}))
        parts = [part.assign(column=pd.NA, old=float("nan"), new=float("nan"),
                             difference=float("nan"))]
    result = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(
        columns=columns)
    result["change"] = pd.Categorical(result["change"].astype(object), categories=CHANGE_KINDS,
                                      ordered=True)
    result = result.sort_values(["change", *key, "column"], kind="stable", na_position="last")
    result = result.reset_index(drop=True)
    result.attrs = {"key": key, "measures": measures, "atol": atol}
    return result


def summarise(diff: pd.DataFrame, key: Sequence[str]) -> dict[str, int]:
    """Distinct keys added, removed and revised, and revised values, of a changes table."""
    key = list(key)
    counts = {}
    for kind in CHANGE_KINDS:
        rows = diff[diff["change"] == kind]
        counts[f"rows_{kind}"] = len(rows.drop_duplicates(key)) if len(rows) else 0
    counts["values_revised"] = int((diff["change"] == "revised").sum())
    return counts


def newest_date(frame: pd.DataFrame, coverage_column: str):
    """The newest date (or year) a table covers, from the spec's coverage column; None if none."""
    if not coverage_column:
        return None
    end = coverage_column.partition(":")[2] or coverage_column
    if end not in frame.columns or frame[end].dropna().empty:
        return None
    value = frame[end].dropna().max()
    return value.date().isoformat() if hasattr(value, "date") else int(value)


# ----------------------------------------------------------------------- releases (I/O)

def _read(name: str, folder: Path) -> pd.DataFrame | None:
    from warstats.datasets.load import read_table
    from warstats.datasets.registry import get_spec

    if not (folder / get_spec(name).file_name).is_file():
        return None
    return read_table(name, folder)[0]


def changes(name: str, old: str = "shipped", new: str = "latest", *,
            measures: Sequence[str] | None = None, atol: float = 0.0) -> pd.DataFrame:
    """Rows added, removed and revised in dataset ``name`` from release ``old`` to ``new``.

    ``old`` and ``new`` are ``"shipped"``, ``"latest"`` or release ids (``ws.releases()``).
    Rows are matched by the dataset's primary key; see :func:`compare_frames` for the
    columns and the rule for equality (exact by default). ``attrs`` holds the dataset,
    the two release ids, the key and the measures compared.

    Examples
    --------
    >>> import warstats as ws
    >>> ws.changes("population", old="shipped", new="shipped").empty
    True
    """
    from warstats.datasets.registry import get_spec
    from warstats.releases.store import resolve_release

    spec = get_spec(name)
    (old_id, old_dir), (new_id, new_dir) = resolve_release(old), resolve_release(new)
    frames = []
    for rid, folder in ((old_id, old_dir), (new_id, new_dir)):
        frame = _read(name, folder)
        if frame is None:
            raise WarstatsError(f"release {rid!r} has no table {name!r} ({folder}); compare "
                                "releases that both hold it (`warstats releases` lists them)")
        frames.append(frame)
    result = compare_frames(frames[0], frames[1], spec.primary_key, measures=measures, atol=atol)
    result.attrs.update({"dataset": name, "old_release": old_id, "new_release": new_id})
    return result
