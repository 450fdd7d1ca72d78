"""Plausibility: per-series expectations a reader's values must meet, beyond their shape.

A schema says a count is a non-negative number; it cannot see that a publisher swapped two
columns or changed a unit (people → thousands), which build quietly into different data.
Expectations can, and each is declared once per dataset (:data:`DECLARED`, in
:mod:`warstats.readers.expected_values`) in three kinds:

- :class:`Range`: every value of a series lies in ``[lo, hi]`` (a unit ×1000 leaves it);
- :class:`Ratio`: series A / series B, aligned on keys (or as totals), lies in ``[lo, hi]``
  (killed and injured swapped turns injured/killed below 1);
- :class:`Continuity`: successive values of a series (ordered by a column, within groups)
  change by at most a factor; with ``previous`` (e.g. the table of the last build or
  release) the same factor bounds the change of each key's value between the two.

A series is the rows matching ``where`` (column → value). A failure raises
:class:`warstats.SourceFormatError` naming the dataset's input file(s), the series, the
expectation and up to five implausible values with their keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from warstats.errors import SourceFormatError


def _select(frame: pd.DataFrame, where: dict) -> pd.DataFrame:
    mask = np.ones(len(frame), dtype=bool)
    for col, value in where.items():
        if col not in frame.columns:
            return frame.iloc[0:0]
        mask &= (frame[col].astype(object) == value).to_numpy()
    return frame[mask]


def _name(where: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in where.items()) or "all rows"


def _show(rows: pd.DataFrame, keys: Sequence[str], value: str) -> str:
    parts = []
    for _, rec in rows.head(5).iterrows():
        key = " ".join(str(rec[k].date() if hasattr(rec[k], "date") else rec[k])
                       for k in keys if k in rec)
        number = float(rec[value])
        shown = f"{number:,.0f}" if number.is_integer() else f"{number:,.6g}"
        parts.append(f"{key}: {shown}")
    more = f" … and {len(rows) - 5} more" if len(rows) > 5 else ""
    return "; ".join(parts) + more


@dataclass(frozen=True)
class Range:
    """Every value of the series ``where`` lies within ``[lo, hi]``."""

    where: dict
    lo: float | None
    hi: float | None
    keys: tuple[str, ...] = ()
    value: str = "value"

    def failures(self, frame: pd.DataFrame, previous: pd.DataFrame | None) -> str | None:
        rows = _select(frame, self.where)
        vals = pd.to_numeric(rows[self.value], errors="coerce")
        bad = rows[((vals < self.lo) if self.lo is not None else False)
                   | ((vals > self.hi) if self.hi is not None else False)]
        if bad.empty:
            return None
        return (f"series [{_name(self.where)}]: {len(bad)} value(s) outside the plausible "
                f"range {self.lo:,.6g} – {self.hi:,.6g} ({_show(bad, self.keys, self.value)})")


@dataclass(frozen=True)
class Ratio:
    """Series ``num`` / series ``den`` lies in ``[lo, hi]``: per key in ``on``, or of the
    totals when ``on`` is empty."""

    num: dict
    den: dict
    lo: float
    hi: float
    on: tuple[str, ...] = ()
    value: str = "value"

    def failures(self, frame: pd.DataFrame, previous: pd.DataFrame | None) -> str | None:
        a, b = _select(frame, self.num), _select(frame, self.den)
        if a.empty or b.empty:
            return None
        label = f"ratio [{_name(self.num)}] / [{_name(self.den)}]"
        if not self.on:
            ratio = a[self.value].sum() / b[self.value].sum() if b[self.value].sum() else np.inf
            if self.lo <= ratio <= self.hi:
                return None
            return (f"{label} of the totals is {ratio:,.4g}, outside the plausible "
                    f"{self.lo:,.4g} – {self.hi:,.4g}")
        joined = a.merge(b, on=list(self.on), suffixes=("_num", "_den"))
        ratio = joined[f"{self.value}_num"] / joined[f"{self.value}_den"].replace(0, np.nan)
        bad = joined[ratio.notna() & ((ratio < self.lo) | (ratio > self.hi))]
        if bad.empty:
            return None
        bad = bad.assign(ratio=ratio[bad.index])
        return (f"{label}: {len(bad)} key(s) outside the plausible {self.lo:,.4g} – "
                f"{self.hi:,.4g} ({_show(bad, self.on, 'ratio')})")


@dataclass(frozen=True)
class Continuity:
    """Successive values of the series ``where`` (ordered by ``order`` within ``by``) and
    each key's value against ``previous`` change by at most ``factor`` (both ways)."""

    where: dict
    order: str
    factor: float
    by: tuple[str, ...] = ()
    value: str = "value"
    keys: tuple[str, ...] = field(default=())

    def failures(self, frame: pd.DataFrame, previous: pd.DataFrame | None) -> str | None:
        rows = _select(frame, self.where).sort_values([*self.by, self.order])
        prior = rows.groupby(list(self.by), sort=False)[self.value].shift() if self.by \
            else rows[self.value].shift()
        msgs = []
        jump = self._jumps(rows[self.value], prior)
        if jump.any():
            bad = rows[jump].assign(before=prior[jump])
            msgs.append(f"series [{_name(self.where)}]: {int(jump.sum())} step(s) change by "
                        f"more than ×{self.factor:g} from the value before "
                        f"({_show(bad, (*self.by, self.order), self.value)})")
        if previous is not None and self.keys:
            old = _select(previous, self.where)
            both = rows.merge(old[[*self.keys, self.value]], on=list(self.keys),
                              suffixes=("", "_previous"))
            jump = self._jumps(both[self.value], both[f"{self.value}_previous"])
            if jump.any():
                msgs.append(f"series [{_name(self.where)}]: {int(jump.sum())} value(s) differ "
                            f"by more than ×{self.factor:g} from the previous build "
                            f"({_show(both[jump], self.keys, self.value)})")
        return "; ".join(msgs) or None

    def _jumps(self, now: pd.Series, before: pd.Series) -> pd.Series:
        now, before = pd.to_numeric(now, errors="coerce"), pd.to_numeric(before,
                                                                          errors="coerce")
        ok = (now > 0) & (before > 0)
        ratio = (now / before).where(ok)
        return ((ratio > self.factor) | (ratio < 1 / self.factor)).fillna(False).astype(bool)


Expectation = Range | Ratio | Continuity


def check(frame: pd.DataFrame, expectations: Sequence[Expectation], *,
          files: Sequence[str | Path], dataset: str,
          previous: pd.DataFrame | None = None) -> None:
    """Raise :class:`SourceFormatError` listing every expectation ``frame`` fails."""
    problems = [p for e in expectations if (p := e.failures(frame, previous))]
    if not problems:
        return
    names = sorted({Path(f).name for f in files}) or [dataset]
    raise SourceFormatError(
        ", ".join(names),
        f"implausible values for {dataset} (columns swapped or a unit changed?): "
        + " | ".join(problems))
