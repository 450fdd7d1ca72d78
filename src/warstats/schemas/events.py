"""Event-level schema: one row per reported event (derived from :class:`AirAttacks`).

``EventObservation`` keeps the columns an event aggregation needs (date, country, admin1,
weapon category, launched, destroyed, source_id) and is written for tens of millions of
rows: the closed vocabularies (country, admin1, category, source_id) are categorical
columns checked with ``isin`` (which tests the few categories and gathers by code), never
regular expressions over every string. Plain ``str`` columns are accepted too (coerced to
categories once), and an unknown value stays visible in the failure table.
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


class EventObservation(pa.DataFrameModel):
    """One reported event (attack, strike, incident) with its counts and source."""

    date: Series[pd.Timestamp] = pa.Field(title="Date", description="Day the event started")
    country: Series[pd.CategoricalDtype] = pa.Field(
        isin=_country_codes(), title="Country", description="ISO3 code where it happened")
    admin1: Series[pd.CategoricalDtype] = pa.Field(
        isin=_admin1_codes(), title="First-level unit",
        description="Oblast pcode (codes/oblasts.csv); UA_UNK where unknown or outside Ukraine")
    category: Series[pd.CategoricalDtype] = pa.Field(isin=CATEGORIES, title="Weapon category")
    launched: Series[float] = pa.Field(ge=0, nullable=True, title="Launched",
                                       description="Missing stays missing (never zero)")
    destroyed: Series[float] = pa.Field(ge=0, nullable=True, title="Destroyed (claimed)")
    source_id: Series[pd.CategoricalDtype] = pa.Field(
        isin=_known_source_ids(), title="Source", description="Key into ws.sources()")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check(error="destroyed must not exceed launched")
    @classmethod
    def destroyed_le_launched(cls, df):
        return ~(df["destroyed"] > df["launched"])
