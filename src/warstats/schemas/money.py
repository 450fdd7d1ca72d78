"""Schemas of money reference tables: exchange rates, price indices and GDP."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation


class FxRates(Observation):
    """Exchange rates: units of the quote currency per 1 unit of the base currency."""

    date: Series[pd.Timestamp] = pa.Field(title="Date",
                                          description="Day, or first day of month or year")
    frequency: Series[str] = pa.Field(isin=["daily", "monthly", "annual"], title="Frequency",
                                      description="daily rate, or monthly/annual average")
    base_currency: Series[str] = pa.Field(isin=["EUR", "USD"], title="Base currency")
    quote_currency: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", title="Quote currency")
    quote_name: Series[str] = pa.Field(title="Publisher's label")
    value: Series[float] = pa.Field(gt=0, title="Rate", description="Quote per 1 base")
    unit: Series[str] = pa.Field(str_matches=r"^[A-Z]{3} per (EUR|USD)$", title="Unit")

    class Config:
        unique = ["source_id", "base_currency", "quote_currency", "date"]


class PriceIndices(Observation):
    """Price index levels (monthly) and annual inflation rates, by series and country."""

    series: Series[str] = pa.Field(
        isin=["cpi_u", "hicp_ea", "wb_cpi_inflation", "wb_deflator_inflation"],
        title="Series")
    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", title="Country",
                                         description="ISO3 or World Bank aggregate (EMU)")
    is_aggregate: Series[bool] = pa.Field(title="Aggregate")
    frequency: Series[str] = pa.Field(isin=["monthly", "annual"], title="Frequency")
    date: Series[pd.Timestamp] = pa.Field(title="Period start")
    measure: Series[str] = pa.Field(isin=["index", "annual_pct_change"], title="Measure")
    value: Series[float] = pa.Field(title="Value", description="In the row's unit")
    unit: Series[str] = pa.Field(isin=["index 1982-84=100", "index 2015=100", "percent"],
                                 title="Unit")

    class Config:
        unique = ["series", "country_iso3", "date"]

    @pa.dataframe_check(error="index levels must be > 0")
    @classmethod
    def levels_positive(cls, df):
        return (df["measure"] != "index") | (df["value"] > 0)


class Gdp(Observation):
    """World Bank GDP in current US$ (NY.GDP.MKTP.CD)."""

    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", title="Country")
    is_aggregate: Series[bool] = pa.Field(title="Aggregate")
    year: Series[int] = pa.Field(ge=1960, le=2100, title="Year")
    measure: Series[str] = pa.Field(isin=["gdp"], title="Measure")
    value: Series[float] = pa.Field(ge=0, title="GDP", description="Current US$")
    currency: Series[str] = pa.Field(isin=["USD"], title="Currency")
    unit: Series[str] = pa.Field(isin=["USD"], title="Unit")
    price_basis: Series[str] = pa.Field(isin=["nominal"], title="Price basis",
                                        description="Current prices (nominal)")

    class Config:
        unique = ["country_iso3", "year", "measure"]
