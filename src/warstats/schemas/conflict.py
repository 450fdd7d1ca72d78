"""Schemas of the conflict-dynamics family (issue #6)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation

CATEGORIES = ["UAV", "cruise missile", "ballistic missile", "surface-to-air missile",
              "surface-to-air and ballistic", "guided bomb", "mixed", "unclassified"]
TIMESTAMP = r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$"


class AirAttacks(Observation):
    """Ukrainian Air Force claims, one row per reported attack and weapon model."""

    record_id: Series[str] = pa.Field(
        str_matches=r"^[0-9a-f]{12}$", title="Record",
        description="Stable id: hash of time_start, time_end, model, target, launch place, post")
    date: Series[pd.Timestamp] = pa.Field(title="Date", description="Day the attack started")
    time_start: Series[str] = pa.Field(str_matches=TIMESTAMP, title="Start",
                                       description="YYYY-MM-DD HH:MM, or YYYY-MM-DD if no time")
    time_end: Series[str] = pa.Field(str_matches=TIMESTAMP, title="End")
    time_precision: Series[str] = pa.Field(isin=["minute", "day"], title="Time precision")
    model: Series[str] = pa.Field(title="Weapon model", description="As published")
    weapon_ref: Series[str] = pa.Field(
        title="Weapon table entry", description="Key into `weapons`; blank for combined, "
        "Cyrillic or generic names (see the rejects report)")
    category: Series[str] = pa.Field(isin=CATEGORIES, title="Weapon category")
    launched: Series[float] = pa.Field(ge=0, nullable=True, title="Launched",
                                       description="Missing stays missing (never zero)")
    destroyed: Series[float] = pa.Field(ge=0, nullable=True, title="Destroyed (claimed)")
    not_reach_goal: Series[float] = pa.Field(ge=0, nullable=True, title="Did not reach target",
                                             description="Lost to electronic warfare etc.")
    target: Series[str] = pa.Field(title="Target", description="'Ukraine' for national totals")
    launch_place: Series[str] = pa.Field(title="Launch place")
    regional_row: Series[bool] = pa.Field(
        title="Regional row", description="Posted by a regional air command or for a command "
        "zone: may overlap national totals; exclude when summing national figures")
    reported_by: Series[str] = pa.Field(title="Reporting account")
    source_post: Series[str] = pa.Field(title="Source post")

    class Config:
        unique = ["record_id"]

    @pa.dataframe_check(error="destroyed must not exceed launched")
    @classmethod
    def destroyed_le_launched(cls, df):
        return ~(df["destroyed"] > df["launched"])


class Weapons(Observation):
    """Weapon reference table (compiler's)."""

    model: Series[str] = pa.Field(title="Model")
    category: Series[str] = pa.Field(isin=CATEGORIES, title="Category")
    national_origin: Series[str] = pa.Field(title="Origin")
    type: Series[str] = pa.Field(title="Type")
    launch_platform: Series[str] = pa.Field(title="Launch platform")
    name: Series[str] = pa.Field(title="Name")
    name_nato: Series[str] = pa.Field(title="NATO reporting name")
    in_service: Series[float] = pa.Field(nullable=True, ge=1940, le=2100,
                                         title="In service since (year)")
    manufacturer: Series[str] = pa.Field(title="Manufacturer")
    unit_cost: Series[str] = pa.Field(title="Unit cost", description="As published (text)")

    class Config:
        unique = ["model"]


class OccupiedArea(Observation):
    """Area of Ukraine held by Russia, per date and map source (never spliced)."""

    date: Series[pd.Timestamp] = pa.Field(title="Date")
    series: Series[str] = pa.Field(isin=["liveuamap", "nzz", "deepstatemap"], title="Series")
    baseline: Series[str] = pa.Field(title="Baseline", description="What the area includes")
    area_km2: Series[float] = pa.Field(ge=0, le=603_700, title="Area (km²)")
    share_pct: Series[float] = pa.Field(ge=0, le=100, title="Share of Ukraine (%)",
                                        description="Of the internationally recognised area")
    ukraine_area_km2: Series[float] = pa.Field(gt=0, title="Ukraine's area (km²)",
                                               description="seeds/figures.csv ukr_area_km2")
    area_method: Series[str] = pa.Field(title="Area method")

    class Config:
        unique = ["series", "date"]


class LossClaims(Observation):
    """Ukrainian General Staff claims of Russian losses, cumulative since 24 Feb 2022."""

    date: Series[pd.Timestamp] = pa.Field(title="Date")
    measure: Series[str] = pa.Field(title="Measure")
    value: Series[float] = pa.Field(ge=0, title="Cumulative claim")
    unit: Series[str] = pa.Field(isin=["persons", "items"], title="Unit")
    qualifier: Series[str] = pa.Field(isin=["", "about", "more"], title="Qualifier")
    correction: Series[float] = pa.Field(
        title="Compiler's correction", description="Part of the day's change that revises "
        "earlier claims (0 if none); subtracted in daily losses")
    unexplained_decrease: Series[bool] = pa.Field(
        title="Unexplained decrease", description="Claim fell with no correction entry")
    correction_mismatch: Series[bool] = pa.Field(
        title="Correction mismatch",
        description="The correction exceeds that day's change; daily loss refused")

    class Config:
        unique = ["measure", "date"]


class ConflictDeaths(Observation):
    """UCDP best-estimate deaths in organised violence, by country where they occurred."""

    entity: Series[str] = pa.Field(title="Entity")
    entity_code: Series[str] = pa.Field(str_matches=r"^([A-Z]{3}|OWID_[A-Z]{3})$",
                                        title="Entity code")
    country_iso3: Series[str] = pa.Field(str_matches=r"^([A-Z]{3})?$", nullable=True,
                                         title="Country", description="Blank for historic "
                                         "OWID entities")
    year: Series[int] = pa.Field(ge=1989, le=2022, title="Year")
    measure: Series[str] = pa.Field(isin=["conflict_deaths"], title="Measure")
    value: Series[float] = pa.Field(ge=0, title="Deaths (best estimate)")
    unit: Series[str] = pa.Field(isin=["deaths"], title="Unit")

    class Config:
        unique = ["entity_code", "year"]
