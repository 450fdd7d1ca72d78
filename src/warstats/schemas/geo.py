"""Schemas of the places family (issue #16): boundaries, occupied area by oblast, targets."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation

PCODE = r"^UA\d{2}$"
WKT_POLYGON = r"^(MULTI)?POLYGON \("


class OblastBoundaries(Observation):
    """OCHA oblast boundaries, simplified as one coverage; areas from the full shapes."""

    oblast_pcode: Series[str] = pa.Field(str_matches=PCODE, title="Oblast pcode",
                                         description="OCHA COD pcode (ADM1_PCODE)")
    iso3166_2: Series[str] = pa.Field(str_matches=r"^UA-\d{2}$", title="ISO 3166-2")
    name_en: Series[str] = pa.Field(title="Name", description="warstats' English name")
    name_uk: Series[str] = pa.Field(title="Name (Ukrainian)")
    kind: Series[str] = pa.Field(isin=["oblast", "city"], title="Kind",
                                 description="oblast (incl. Crimea) or city with special status")
    area_km2: Series[float] = pa.Field(gt=0, le=40_000, title="Area (km²)",
                                       description="Geodesic area of the full-resolution "
                                       "shape (EPSG:6933 equal-area)")
    simplified_area_km2: Series[float] = pa.Field(gt=0, le=40_000,
                                                  title="Area of the shipped shape (km²)")
    vertices: Series[int] = pa.Field(ge=4, title="Vertices of the shipped shape")
    geometry: Series[str] = pa.Field(str_matches=WKT_POLYGON, title="Geometry (WKT)",
                                     description="lon/lat WGS 84; shapely objects after load")

    class Config:
        unique = ["oblast_pcode"]


class OccupiedAreaByOblast(Observation):
    """DeepStateMap occupied area intersected with each oblast, per map date."""

    date: Series[pd.Timestamp] = pa.Field(title="Map date")
    oblast_pcode: Series[str] = pa.Field(str_matches=PCODE, title="Oblast pcode")
    occupied_km2: Series[float] = pa.Field(ge=0, le=40_000, title="Occupied area (km²)")
    oblast_area_km2: Series[float] = pa.Field(gt=0, le=40_000, title="Oblast area (km²)",
                                              description="Full-resolution OCHA shape")
    share_pct: Series[float] = pa.Field(ge=0, le=100, title="Share of the oblast (%)")
    boundaries_source_id: Series[str] = pa.Field(isin=["ocha_cod_ab_ukr"],
                                                 title="Boundaries source")

    class Config:
        unique = ["date", "oblast_pcode"]


class AirAttackTargets(Observation):
    """Oblasts named in an air-attack record's target, one row per record and oblast."""

    record_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{12}$", title="Record",
                                      description="Key into air_attacks")
    date: Series[pd.Timestamp] = pa.Field(title="Date", description="Day the attack started")
    oblast_pcode: Series[str] = pa.Field(str_matches=PCODE, title="Oblast pcode")
    target: Series[str] = pa.Field(title="Target as published")
    target_part: Series[str] = pa.Field(title="Part of the target mapped",
                                        description="Parts naming the same oblast joined by ' | '")
    match_rule: Series[str] = pa.Field(isin=["oblast-named", "city-in-oblast", "place-in-oblast"],
                                       title="Mapping rule")
    regional_row: Series[bool] = pa.Field(title="Regional row",
                                          description="As in air_attacks: may overlap national "
                                          "totals")

    class Config:
        unique = ["record_id", "oblast_pcode"]
