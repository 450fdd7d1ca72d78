"""Guards on measure kinds (stock / flow / cumulative) and on mixing units."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from warstats.errors import IncompatibleUnitsError, MeasureKindError


def kind_of(df: pd.DataFrame) -> str | None:
    """The measure kind of a frame: a single-valued ``kind`` column, else ``attrs['kind']``."""
    if "kind" in df.columns:
        kinds = df["kind"].dropna().unique()
        if len(kinds) == 1:
            return str(kinds[0])
        if len(kinds) > 1:
            raise MeasureKindError(f"the frame mixes measure kinds {sorted(map(str, kinds))}; "
                                   "filter to one kind first")
    return df.attrs.get("kind")


def with_kind(df: pd.DataFrame, kind: str) -> pd.DataFrame:
    """``df`` (a shallow copy) marked with the measure kind ``kind``.

    ``ws.load`` marks every table; ``pd.concat`` and ``merge`` keep ``df.attrs`` only when
    all inputs carry the same attrs, so a combined frame may lose its kind: say it again.

    Examples
    --------
    >>> a = pd.DataFrame({"value": [1.0]}).pipe(with_kind, "flow")
    >>> b = pd.DataFrame({"value": [2.0]}).pipe(with_kind, "flow")
    >>> b.attrs["sources"] = ["x"]
    >>> kind_of(pd.concat([a, b])) is None, kind_of(with_kind(pd.concat([a, b]), "flow"))
    (True, 'flow')
    """
    from warstats.datasets.spec import MEASURE_KINDS

    if kind not in MEASURE_KINDS:
        raise MeasureKindError(f"unknown measure kind {kind!r}; choose from {MEASURE_KINDS}")
    out = df.copy(deep=False)
    out.attrs = {**df.attrs, "kind": kind}
    return out


def require_kind(df: pd.DataFrame, allowed: Iterable[str], operation: str,
                 kind: str | None = None) -> str:
    """Raise :class:`MeasureKindError` unless the frame's kind is in ``allowed``.

    ``kind`` states the kind explicitly (else a ``kind`` column or ``df.attrs['kind']``).
    """
    allowed = tuple(allowed)
    kind = kind or kind_of(df)
    if kind is None:
        example = allowed[0]
        raise MeasureKindError(
            f"{operation} needs to know the measure kind ({' or '.join(allowed)}) and this "
            "frame does not say it: ws.load marks every table, but pd.concat and merge drop "
            "df.attrs unless all inputs carry the same attrs. Mark it again with "
            f"`warstats.with_kind(df, {example!r})` (or set df.attrs['kind'] = {example!r}, "
            "or add a 'kind' column)."
        )
    if kind not in allowed:
        advice = {
            "stock": "stocks are levels at a date: compare them with change(), never sum them "
                     "over dates",
            "flow": "flows are counts per period: accumulate them with to_cumulative(), never "
                    "difference them",
            "cumulative": "cumulative totals run from a start date: difference them with "
                          "to_flow() to get per-period counts",
        }.get(kind, "")
        raise MeasureKindError(f"{operation} is not defined for {kind} data ({advice}).")
    return kind


def require_single(df: pd.DataFrame, columns: Iterable[str], operation: str) -> None:
    """Refuse to combine rows whose ``columns`` (unit, currency, stage…) differ."""
    for col in columns:
        if col in df.columns:
            values = df[col].dropna().unique()
            if len(values) > 1:
                raise IncompatibleUnitsError(
                    f"{operation} would combine different {col} values {sorted(map(str, values))}; "
                    f"filter to one {col} or convert first."
                )


def carry_sources(result: pd.DataFrame, *frames: pd.DataFrame) -> pd.DataFrame:
    """Rebuild ``attrs['sources']`` (and keep ``kind``) on a result from its inputs' rows."""
    ids: set[str] = set()
    if "source_id" in result.columns:
        for value in result["source_id"].dropna().astype(str):
            ids.update(v.strip() for v in value.split(";") if v.strip())
    else:
        for f in frames:
            if "source_id" in f.columns:
                ids.update(f["source_id"].dropna().astype(str).unique())
    result.attrs["sources"] = sorted(ids)
    for f in frames:
        if "kind" in f.attrs and "kind" not in result.attrs:
            result.attrs["kind"] = f.attrs["kind"]
    return result


def join_ids(values: pd.Series) -> str:
    """Aggregate ``source_id`` values of a group into one ``;``-separated, sorted string."""
    ids: set[str] = set()
    for value in values.dropna().astype(str):
        ids.update(v.strip() for v in value.split(";") if v.strip())
    return ";".join(sorted(ids))
