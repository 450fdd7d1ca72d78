"""Schemas of the population family."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation

COUNTRY = dict(title="Country", description="ISO 3166 alpha-3, or the publisher's aggregate code")
YEAR = dict(title="Year", description="Calendar year the figure refers to (mid-year or annual)")


class Population(Observation):
    """World Bank total population (``SP.POP.TOTL``), persons, mid-year estimates."""

    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", **COUNTRY)
    is_aggregate: Series[bool] = pa.Field(
        title="Aggregate", description="True for regions, income groups and other aggregates")
    year: Series[int] = pa.Field(ge=1950, le=2100, **YEAR)
    measure: Series[str] = pa.Field(isin=["population"], title="Measure")
    value: Series[float] = pa.Field(ge=0, title="Value", description="Persons")
    unit: Series[str] = pa.Field(isin=["persons"], title="Unit")

    class Config:
        unique = ["country_iso3", "year", "measure"]


class PopulationComponents(Observation):
    """UN WPP 2024 demographic components, estimates 1950–2023."""

    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", **COUNTRY)
    is_aggregate: Series[bool] = pa.Field(title="Aggregate")
    year: Series[int] = pa.Field(ge=1950, le=2100, **YEAR)
    measure: Series[str] = pa.Field(
        isin=["births", "deaths", "population_change", "crude_birth_rate", "crude_death_rate",
              "growth_rate", "net_migration_rate", "natural_change_rate"],
        title="Measure")
    value: Series[float] = pa.Field(title="Value", description="In the row's unit")
    unit: Series[str] = pa.Field(isin=["persons", "per 1,000 population", "percent"],
                                 title="Unit")
    vintage: Series[str] = pa.Field(isin=["WPP 2024"], title="Vintage")

    class Config:
        unique = ["country_iso3", "year", "measure"]

    @pa.dataframe_check(error="counts (births, deaths) must be >= 0")
    @classmethod
    def counts_non_negative(cls, df):
        counts = df["measure"].isin(["births", "deaths"])
        return ~counts | (df["value"] >= 0)


class PopulationProjections(Observation):
    """UN WPP projections: 2024 revision (all variants and bounds) and the pre-war 2019 medium."""

    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", **COUNTRY)
    is_aggregate: Series[bool] = pa.Field(title="Aggregate")
    year: Series[int] = pa.Field(ge=2020, le=2100, **YEAR)
    vintage: Series[str] = pa.Field(isin=["WPP 2019", "WPP 2024"], title="Vintage")
    variant: Series[str] = pa.Field(
        isin=["medium", "low", "high", "lower_80", "upper_80", "lower_95", "upper_95"],
        title="Variant", description="Projection variant or bound of the probabilistic interval")
    measure: Series[str] = pa.Field(isin=["population"], title="Measure")
    value: Series[float] = pa.Field(ge=0, title="Value", description="Persons")
    unit: Series[str] = pa.Field(isin=["persons"], title="Unit")

    class Config:
        unique = ["vintage", "country_iso3", "year", "variant"]
