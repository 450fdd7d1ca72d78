"""Schemas of the aid family: Kiel allocations, US packages, notices, appropriations, FTS."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from warstats.schemas.base import Observation

#: Aid stages, in the order money moves. Each dataset uses only the stage its source reports.
STAGES = ["announced", "drawdown_authorized", "notified", "appropriated", "allocated",
          "required", "funded"]
AID_TYPES = ["military", "financial", "humanitarian"]


class Money(Observation):
    """Columns every money table carries: currency, unit, price basis and stage."""

    stage: Series[str] = pa.Field(
        isin=STAGES, title="Stage",
        description="Aid stage the amount refers to (see the dataset description); amounts "
                    "of different stages are never added")
    value: Series[float] = pa.Field(ge=0, title="Amount", description="In the row's unit")
    currency: Series[str] = pa.Field(isin=["EUR", "USD"], title="Currency",
                                     description="ISO 4217 code")
    unit: Series[str] = pa.Field(
        isin=["EUR billion", "USD million", "USD billion", "USD"], title="Unit",
        description="Currency and scale of value")
    price_basis: Series[str] = pa.Field(
        isin=["nominal"], title="Price basis",
        description="nominal: current prices of the day (no inflation adjustment)")


class AidByDonor(Money):
    """Kiel Ukraine Support Tracker R28: allocations by donor and aid type, EUR billions."""

    donor_iso3: Series[str] = pa.Field(
        str_matches=r"^[A-Z]{3}$", title="Donor",
        description="ISO3 of the donor country; EUI for EU institutions (Commission, Council)")
    donor_name: Series[str] = pa.Field(title="Donor name", description="As Kiel names it")
    donor_kind: Series[str] = pa.Field(
        isin=["country", "eu_institutions"], title="Donor kind",
        description="eu_institutions rows must not be added to EU member states' rows")
    eu_member: Series[bool] = pa.Field(title="EU member state")
    aid_type: Series[str] = pa.Field(isin=AID_TYPES, title="Aid type")
    period_start: Series[pd.Timestamp] = pa.Field(title="Period start")
    period_end: Series[pd.Timestamp] = pa.Field(title="Period end")

    class Config:
        unique = ["donor_iso3", "aid_type"]

    @pa.dataframe_check(error="Kiel summary rows are allocations only")
    @classmethod
    def allocated_only(cls, df):
        return df["stage"] == "allocated"


class AidByMonth(Money):
    """Kiel Ukraine Support Tracker R28: allocations per month and aid type, EUR billions."""

    month: Series[pd.Timestamp] = pa.Field(title="Month", description="First day of the month")
    aid_type: Series[str] = pa.Field(isin=AID_TYPES, title="Aid type")

    class Config:
        unique = ["month", "aid_type"]


class UsPackages(Money):
    """US security-assistance packages as announced, by authority, US$ millions."""

    date: Series[pd.Timestamp] = pa.Field(title="Announced")
    authority: Series[str] = pa.Field(
        isin=["PDA", "USAI", "FMF"], title="Authority",
        description="PDA: Presidential Drawdown Authority (from US stocks); USAI: Ukraine "
                    "Security Assistance Initiative (procurement); FMF: Foreign Military "
                    "Financing")
    source_url: Series[str] = pa.Field(str_startswith="https://", title="Official release",
                                       description="Row-level provenance: the DoD/State page")
    fact_sheet_url: Series[str] = pa.Field(title="Fact sheet", description="Blank if none")
    record: Series[int] = pa.Field(ge=1, title="Record", description="Position in the file")

    class Config:
        unique = ["date", "authority"]


class UsDrawdownNotices(Money):
    """Federal Register drawdown delegations and State notices for Ukraine, US$ millions."""

    date_signed: Series[pd.Timestamp] = pa.Field(title="Signed")
    document_type: Series[str] = pa.Field(isin=["Presidential Document", "Notice"],
                                          title="Document type")
    amount_position: Series[int] = pa.Field(
        isin=[1, 2], title="Amount",
        description="1 or 2: a memo may name two amounts under separate authorities")
    source_url: Series[str] = pa.Field(str_startswith="https://www.federalregister.gov/",
                                       title="Federal Register document")
    line: Series[int] = pa.Field(ge=1, title="Line", description="Line in the file")

    class Config:
        unique = ["source_url", "amount_position"]


class UsAppropriations(Money):
    """US supplemental appropriations for Ukraine: acts and breakdown by use, US$ billions."""

    flow_from: Series[str] = pa.Field(title="From node")
    flow_to: Series[str] = pa.Field(title="To node")
    level: Series[str] = pa.Field(
        isin=["act", "breakdown"], title="Level",
        description="act: an appropriation act's total; breakdown: the split of the total "
                    "by use (do not add the two levels)")
    act: Series[str] = pa.Field(title="Act", description="Act name on act rows")
    flow_from_label: Series[str] = pa.Field(title="From")
    flow_to_label: Series[str] = pa.Field(title="To")

    class Config:
        unique = ["flow_from", "flow_to"]


class Appeals(Money):
    """OCHA FTS requirements and funding by appeal, country and year, US$."""

    country_iso3: Series[str] = pa.Field(str_matches=r"^[A-Z]{3}$", title="Country")
    year: Series[int] = pa.Field(ge=1999, le=2031, title="Year")
    appeal_code: Series[str] = pa.Field(title="Appeal code", description="Blank if none")
    appeal_id: Series[str] = pa.Field(title="FTS plan id", description="'none' if unplanned")
    measure: Series[str] = pa.Field(isin=["requirements", "funding"], title="Measure")
    appeal_name: Series[str] = pa.Field(title="Appeal")
    appeal_type: Series[str] = pa.Field(title="Appeal type", description="FTS plan type")
    plan_scope: Series[str] = pa.Field(
        isin=["country", "regional_share", "unplanned"], title="Plan scope",
        description="regional_share: this country's part of a regional (refugee) plan")
    superseded_by: Series[str] = pa.Field(
        title="Superseded by", description="Code of the appeal that replaced this one; "
                                           "superseded rows are never counted")
    start_date: Series[pd.Timestamp] = pa.Field(nullable=True, title="Plan start")
    end_date: Series[pd.Timestamp] = pa.Field(nullable=True, title="Plan end")
    percent_funded: Series[float] = pa.Field(nullable=True, ge=0, title="% funded (FTS)",
                                             description="As published by FTS")

    class Config:
        unique = ["country_iso3", "appeal_id", "year", "measure"]

    @pa.dataframe_check(error="stage must match measure (requirements→required, "
                              "funding→funded)")
    @classmethod
    def stage_matches(cls, df):
        return df["stage"] == df["measure"].map({"requirements": "required",
                                                 "funding": "funded"})
