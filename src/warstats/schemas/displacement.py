"""Schemas of the displacement family: refugees abroad and people displaced inside Ukraine."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation

COUNTRY = dict(title="Country", description="ISO 3166 alpha-3")
MISSING = dict(
    isin=["", "not_available", "not_applicable"], title="Missing reason",
    description="Why value is missing: the publisher wrote 'Data not available' / 'n/a' "
                "(not_available) or 'Not applicable' (not_applicable); empty when reported. "
                "A missing value is never 0.")
HOST_MEASURES = ["refugees_recorded", "temporary_protection", "border_crossings_out",
                 "border_crossings_in"]


class RefugeesEurope(Observation):
    """UNHCR: individual refugees from Ukraine recorded across Europe (a stock, by date)."""

    date: Series[pd.Timestamp] = pa.Field(title="Date", description="Date of the figure")
    measure: Series[str] = pa.Field(
        isin=["refugees_recorded_europe"], title="Measure",
        description="Refugees from Ukraine recorded across Europe (UNHCR definition, with "
                    "the breaks listed in series_breaks)")
    value: Series[float] = pa.Field(ge=0, title="Value", description="Persons")
    unit: Series[str] = pa.Field(isin=["persons"], title="Unit")

    class Config:
        unique = ["source_id", "date", "measure"]


class RefugeesByHost(Observation):
    """Refugees from Ukraine by host country, each at the host country's own as-of date."""

    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", **COUNTRY)
    date: Series[pd.Timestamp] = pa.Field(
        title="As-of date", description="The host country's own reference date of the figure")
    date_precision: Series[str] = pa.Field(
        isin=["day", "month"], title="Date precision",
        description="month: the compiler gives only the month (date is its first day)")
    measure: Series[str] = pa.Field(isin=HOST_MEASURES, title="Measure")
    kind: Series[str] = pa.Field(
        isin=["stock", "cumulative"], title="Measure kind",
        description="stock for refugees and protection registrations; cumulative for border "
                    "crossings since 24 Feb 2022")
    value: Series[float] = pa.Field(ge=0, nullable=True, title="Value", description="Persons")
    missing_reason: Series[str] = pa.Field(**MISSING)
    unit: Series[str] = pa.Field(isin=["persons", "crossings"], title="Unit")
    snapshot: Series[str] = pa.Field(
        title="Snapshot", description="The export or compilation the row was first read from")

    class Config:
        unique = ["source_id", "country_iso3", "date", "measure"]


class RefugeesGlobal(Observation):
    """UNHCR annual end-year stocks by origin and asylum, 1951–2025 (non-zero cells only)."""

    year: Series[int] = pa.Field(ge=1951, le=2100, title="Year",
                                 description="End-year stock reference year")
    coo_iso: Series[str] = pa.Field(
        str_matches=r"^[A-Z]{3}$", title="Country of origin",
        description="ISO3 (UNHCR's own pseudo-codes kept: UNK unknown, XXA stateless, "
                    "TIB Tibetan)")
    coa_iso: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", title="Country of asylum",
                                    description="ISO3 (UNK: unknown)")
    measure: Series[str] = pa.Field(
        isin=["refugees", "asylum_seekers", "idps", "returned_refugees", "returned_idps",
              "stateless", "ooc", "oip", "hst"],
        title="Measure",
        description="UNHCR population type; ooc others of concern, oip other people in need "
                    "of international protection, hst host community")
    value: Series[int] = pa.Field(gt=0, title="Value",
                                  description="Persons (zero and NA cells are not stored)")

    class Config:
        unique = ["year", "coo_iso", "coa_iso", "measure"]


class _AreaEstimates(Observation):
    country_iso3: Series[str] = pa.Field(isin=["UKR"], **COUNTRY)
    round: Series[int] = pa.Field(ge=1, le=99, title="Round", description="IOM DTM GPS round")
    date: Series[pd.Timestamp] = pa.Field(title="Reported date")
    area_level: Series[str] = pa.Field(
        isin=["oblast", "macro_region", "unknown"], title="Area level",
        description="oblast (admin1 pcode), macro_region (round 1 only) or the "
                    "residence-unknown row")
    area_code: Series[str] = pa.Field(
        str_matches=r"^UA(\d{2}|_UNK|_MR_[A-Z]+)$", title="Area code",
        description="Official oblast pcode, UA_UNK (residence unknown) or a warstats "
                    "macro-region code UA_MR_*")
    area_name: Series[str] = pa.Field(title="Area name", description="Publisher's name, "
                                      "footnote asterisks stripped")
    value: Series[float] = pa.Field(ge=0, nullable=True, title="Value",
                                    description="Persons, survey estimate")
    missing_reason: Series[str] = pa.Field(**MISSING)
    unit: Series[str] = pa.Field(isin=["persons"], title="Unit")
    publisher_label: Series[str] = pa.Field(title="Publisher's column",
                                            description="The column header as IOM wrote it")

    class Config:
        unique = ["round", "area_code", "measure"]


class Idps(_AreaEstimates):
    """IOM DTM estimated internally displaced people present, by oblast and round."""

    measure: Series[str] = pa.Field(isin=["idps_present"], title="Measure")


class Returnees(_AreaEstimates):
    """IOM DTM estimated returnees present, by oblast and round."""

    measure: Series[str] = pa.Field(isin=["returnees_present"], title="Measure")
