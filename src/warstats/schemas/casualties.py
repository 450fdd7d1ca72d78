"""Schemas of the civilian-casualties family (OHCHR / HRMMU verified minimums)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation

MEASURES = ["killed", "injured"]
COUNTRY = dict(title="Country", description="ISO 3166 alpha-3 of the country the figure covers")


class CasualtiesPublished(Observation):
    """Cumulative civilians killed / injured since 24 Feb 2022, as each figure was published."""

    date: Series[pd.Timestamp] = pa.Field(
        ge=pd.Timestamp("2022-02-24"), title="Reference date",
        description="Date the cumulative figure refers to, as given in the source file")
    country_iso3: Series[str] = pa.Field(isin=["UKR"], **COUNTRY)
    measure: Series[str] = pa.Field(isin=MEASURES, title="Measure",
                                    description="Civilians killed or injured")
    value: Series[float] = pa.Field(ge=0, title="Value",
                                    description="Persons, cumulative since 24 Feb 2022")
    unit: Series[str] = pa.Field(isin=["persons"], title="Unit")
    source_url: Series[str] = pa.Field(
        nullable=True, title="Cited update",
        description="URL(s) of the OHCHR/OCHA update the figure was taken from, where the "
                    "file gives one (key-figures sheet only)")

    class Config:
        unique = ["source_id", "date", "measure"]  # noqa: RUF012 (pandera config)


class CasualtiesMonthly(Observation):
    """Civilians killed / injured per calendar month, in the latest OHCHR revision."""

    period_start: Series[pd.Timestamp] = pa.Field(
        ge=pd.Timestamp("2022-02-24"), title="Period start",
        description="First day counted (24 Feb 2022 for February 2022)")
    period_end: Series[pd.Timestamp] = pa.Field(title="Period end",
                                                description="Last day of the month, inclusive")
    country_iso3: Series[str] = pa.Field(isin=["UKR"], **COUNTRY)
    measure: Series[str] = pa.Field(isin=MEASURES, title="Measure",
                                    description="Civilians killed or injured")
    value: Series[float] = pa.Field(ge=0, title="Value", description="Persons in the period")
    unit: Series[str] = pa.Field(isin=["persons"], title="Unit")
    note: Series[str] = pa.Field(nullable=True, title="Note",
                                 description="The compiler's note on the month, if any")

    class Config:
        unique = ["source_id", "period_start", "measure"]  # noqa: RUF012 (pandera config)

    @pa.dataframe_check(error="period_end must not precede period_start")
    @classmethod
    def period_order(cls, df):
        return df["period_end"] >= df["period_start"]
