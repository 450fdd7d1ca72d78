"""OCHA Financial Tracking Service: requirements and funding by appeal and country.

The HDX export ``fts_requirements_funding_global.csv`` has one row per country and appeal
(plan) and year, in current US$. warstats keeps it long: one row per record and measure
(``requirements`` with stage ``required``; ``funding`` with stage ``funded``, FTS's
commitments plus paid contributions), so that the two can never be added by mistake.

Flags that prevent double counting (documented rules, applied to every row):

* ``plan_scope``: ``country`` (a country plan), ``regional_share`` (this country's part of
  a regional plan, FTS type "Regional response plan", e.g. the Ukraine Situation
  Regional Refugee Response Plan RUKRN22–25), or ``unplanned`` ("Not specified": funding
  outside any plan, sometimes booked for future years).
* ``superseded_by``: rule *superseded appeal* — an appeal whose requirement is 0 and
  whose funding is blank, while another appeal of the same country and year has a positive
  requirement, was replaced by that appeal (FTS keeps the shell). ``HUKR22`` (the original
  2022 Ukraine HRP) → ``FUKR22`` (Flash Appeal 2022). Analysis drops superseded rows.

Blank cells mean "not reported": a blank requirement or funding gives no row for that
measure (not a zero). ``percent_funded`` is FTS's published integer and is kept as given
on both rows of a record.

Rule ``fts-negative-unplanned-funding``: FTS reports net negative "Not specified" funding
for a few country-years (refunds larger than receipts). Those rows are set aside and
reported; a negative amount on a plan row is an error.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.codes.countries import to_iso3
from warstats.errors import SourceFormatError
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    parse_numbers,
    read_csv_checked,
    source_columns,
)

FTS_FILE = "aid/ocha_fts_requirements_funding_global.csv"
SOURCE_ID = "ocha_fts_appeals"
FTS_COLUMNS = ("countryCode", "id", "name", "code", "typeId", "typeName", "startDate",
               "endDate", "year", "requirements", "funding", "percentFunded")
YEAR_RANGE = (1999, 2031)


def _year(raw: pd.DataFrame, path: Path) -> pd.Series:
    year = parse_numbers(raw, "year", path, integer=True)
    bad = (year < YEAR_RANGE[0]) | (year > YEAR_RANGE[1])
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "year out of range", row=raw.at[first, "_row"],
                                column="year", value=raw.at[first, "year"],
                                expected=f"{YEAR_RANGE[0]}..{YEAR_RANGE[1]}")
    return year.astype("int64")


def _dates(raw: pd.DataFrame, column: str, path: Path, planned: pd.Series) -> pd.Series:
    text = raw[column].str.strip()
    values = pd.to_datetime(text.where(text != ""), format="%Y-%m-%d", errors="coerce")
    bad = planned & values.isna()
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "plan date cannot be parsed", row=raw.at[first, "_row"],
                                column=column, value=raw.at[first, column],
                                expected="YYYY-MM-DD on every plan row")
    return values


def build_appeals(raw_dir: Path) -> ReaderOutput:
    """Build ``appeals`` from the FTS global requirements-and-funding export."""
    path = raw_dir / FTS_FILE
    raw = read_csv_checked(path, FTS_COLUMNS)
    rejects = Rejects()
    raw["_year"] = _year(raw, path)
    planned = raw["id"].str.strip() != ""
    funding = parse_numbers(raw, "funding", path, blank_ok=True, nonnegative=False)
    negative = funding < 0
    bad = negative & planned
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "negative amount", row=raw.at[first, "_row"],
                                column="funding", value=raw.at[first, "funding"],
                                expected="funding >= 0 on a plan row")
    for idx in raw.index[negative]:
        rejects.add(path, raw.at[idx, "_row"], "funding", raw.at[idx, "funding"],
                    "fts-negative-unplanned-funding",
                    f"set aside: net negative unplanned funding for {raw.at[idx, 'countryCode']}"
                    f" {raw.at[idx, 'year']}")
    keep = ~negative
    raw, funding = raw[keep], funding[keep]
    planned = planned[keep]
    requirements = parse_numbers(raw, "requirements", path, blank_ok=True)
    percent = parse_numbers(raw, "percentFunded", path, blank_ok=True)
    codes = to_iso3(raw["countryCode"], file=path, column="countryCode",
                    allow_aggregates=False)
    raw["_iso3"] = codes
    raw["_code"] = raw["code"].str.strip().where(planned, "")
    raw["_id"] = raw["id"].str.strip().where(planned, "none")
    dup = raw.duplicated(["_iso3", "_id", "_year"])
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "duplicated record", row=raw.at[first, "_row"],
                                column="countryCode, code, year",
                                value=f"{raw.at[first, 'countryCode']}, {raw.at[first, 'code']}"
                                      f", {raw.at[first, 'year']}",
                                expected="one record per country, appeal id and year")
    start = _dates(raw, "startDate", path, planned)
    end = _dates(raw, "endDate", path, planned)
    scope = pd.Series("country", index=raw.index)
    scope[raw["typeName"] == "Regional response plan"] = "regional_share"
    scope[~planned] = "unplanned"
    superseded = _superseded(raw, requirements, funding, planned)
    base = pd.DataFrame({
        "country_iso3": raw["_iso3"], "year": raw["_year"], "appeal_code": raw["_code"],
        "appeal_id": raw["_id"], "appeal_name": raw["name"].str.strip(),
        "appeal_type": raw["typeName"].str.strip().where(planned, "Not specified"),
        "plan_scope": scope, "superseded_by": superseded, "start_date": start,
        "end_date": end, "percent_funded": percent, "currency": "USD", "unit": "USD",
        "price_basis": "nominal", **source_columns(SOURCE_ID),
    })
    parts = []
    for measure, stage, values in (("requirements", "required", requirements),
                                   ("funding", "funded", funding)):
        part = base[values.notna()].copy()
        part.insert(4, "measure", measure)
        part.insert(5, "stage", stage)
        part.insert(6, "value", values[values.notna()])
        parts.append(part)
    tidy = pd.concat(parts, ignore_index=True)
    tidy = tidy.sort_values(["country_iso3", "year", "appeal_id", "measure"], kind="stable")
    return ReaderOutput(tidy.reset_index(drop=True), [path], rejects)


def _superseded(raw: pd.DataFrame, requirements: pd.Series, funding: pd.Series,
                planned: pd.Series) -> pd.Series:
    """Appeal code that replaced a zero-requirement, unfunded shell of the same country-year."""
    out = pd.Series("", index=raw.index)
    shell = planned & (requirements == 0) & funding.isna()
    for idx in raw.index[shell]:
        same = (planned & (raw["_iso3"] == raw.at[idx, "_iso3"])
                & (raw["_year"] == raw.at[idx, "_year"]) & (requirements > 0)
                & (raw["typeName"] != "Regional response plan"))
        if same.any():
            out[idx] = ";".join(sorted(raw.loc[same, "_code"].replace("", "(no code)")))
    return out
