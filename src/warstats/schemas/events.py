"""Event-level schema: one row per reported event (derived from :class:`AirAttacks`).

``EventObservation`` keeps the columns an event aggregation needs (date, country, admin1,
weapon category, launched, destroyed, source_id) and is written for tens of millions of
rows: the closed vocabularies (country, admin1, category, source_id) are categorical
columns checked through their few categories (:func:`in_vocabulary`), never with regular
expressions over every string; the count checks pass missing values themselves, so pandera
never copies a column to drop them. :func:`validate_events` casts only columns of another
dtype (text → categorical once), and an unknown value stays visible in the failure table.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import _known_source_ids
from warstats.schemas.conflict import CATEGORIES


def _country_codes() -> list[str]:
    from warstats.codes.countries import _tables

    return sorted(_tables()[1])


def _admin1_codes() -> list[str]:
    from warstats.codes.oblasts import UNKNOWN_OBLAST, _rows

    return sorted({*_rows()[1], UNKNOWN_OBLAST})


#: closed vocabulary of each categorical column
VOCABULARIES: dict[str, list[str]] = {
    "country": _country_codes(), "admin1": _admin1_codes(), "category": list(CATEGORIES),
    "source_id": _known_source_ids(),
}


def in_vocabulary(series: pd.Series, allowed: list[str]):
    """``isin`` that tests a categorical's few categories, not its millions of rows.

    When every category is allowed the answer is ``True`` for the whole column (missing
    values are the not-null check's business); otherwise the row-wise ``isin`` runs so the
    failure table lists the offending rows and values.
    """
    if isinstance(series.dtype, pd.CategoricalDtype) and series.cat.categories.isin(
            allowed).all():
        return True
    return series.isin(allowed)


class EventObservation(pa.DataFrameModel):
    """One reported event (attack, strike, incident) with its counts and source."""

    date: Series[pd.Timestamp] = pa.Field(title="Date", description="Day the event started")
    country: Series[pd.CategoricalDtype] = pa.Field(
        title="Country", description="ISO3 code where it happened")
    admin1: Series[pd.CategoricalDtype] = pa.Field(
        title="First-level unit",
        description="Oblast pcode (codes/oblasts.csv); UA_UNK where unknown or outside Ukraine")
    category: Series[pd.CategoricalDtype] = pa.Field(title="Weapon category",
                                                     description="One of conflict.CATEGORIES")
    launched: Series[float] = pa.Field(nullable=True, title="Launched",
                                       description="≥ 0; missing stays missing (never zero)")
    destroyed: Series[float] = pa.Field(nullable=True, title="Destroyed (claimed)",
                                        description="≥ 0; missing stays missing")
    source_id: Series[pd.CategoricalDtype] = pa.Field(
        title="Source", description="Key into ws.sources()")

    class Config:
        strict = True
        coerce = False  # validate_events casts only the columns that need it

    @pa.check("country", "admin1", "category", "source_id", name="isin", ignore_na=False,
              error="value outside the column's vocabulary (see VOCABULARIES)")
    @classmethod
    def in_vocabulary(cls, series):
        return in_vocabulary(series, VOCABULARIES[series.name])

    @pa.check("launched", "destroyed", name="greater_than_or_equal_to(0)", ignore_na=False,
              error="counts must be >= 0 (missing allowed)")
    @classmethod
    def non_negative(cls, series):
        # ``~(s < 0)`` passes missing values, so pandera need not copy the column to drop NAs
        return ~(series < 0)

    @pa.dataframe_check(error="destroyed must not exceed launched", ignore_na=False)
    @classmethod
    def destroyed_le_launched(cls, df):
        return ~(df["destroyed"] > df["launched"])


_DTYPES = {"date": "datetime64[ns]", "launched": "float64", "destroyed": "float64"}


def validate_events(frame: pd.DataFrame, *, lazy: bool = True) -> pd.DataFrame:
    """Validate an event table against :class:`EventObservation`; returns the checked frame.

    Columns already of the declared dtype are used as they are (no copy); others are cast
    once (text → categorical, integers → float, text dates → datetime) on a shallow copy,
    so the caller's frame is never modified. All checks run, lazily by default: a failure
    raises ``pandera.errors.SchemaErrors`` listing every bad row.

    Examples
    --------
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2024-11-19"]), "country": ["UKR"],
    ...     "admin1": ["UA80"], "category": ["UAV"], "launched": [10], "destroyed": [8],
    ...     "source_id": ["uaf_air_attacks"]})
    >>> validate_events(df)["category"].dtype
    CategoricalDtype(categories=['UAV'], ordered=False, categories_dtype=str)
    """
    casts = {}
    for col in frame.columns:
        if col in VOCABULARIES:
            if not isinstance(frame[col].dtype, pd.CategoricalDtype):
                casts[col] = frame[col].astype("category")
        elif col in _DTYPES and frame[col].dtype != _DTYPES[col]:
            casts[col] = (pd.to_datetime(frame[col]).astype(_DTYPES[col]) if col == "date"
                          else frame[col].astype(_DTYPES[col]))
    if casts:
        frame = frame.copy(deep=False)
        for col, values in casts.items():
            frame[col] = values
    return EventObservation.validate(frame, lazy=lazy, inplace=True)
