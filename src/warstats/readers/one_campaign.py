"""Refugees from Ukraine by host country: UNHCR country tables stored by the ONE Campaign,
ONE's monthly compilation, and the UNHCR ODP by-country snapshot.

Files (ONEcampaign/ukraine_oda_tracker):

* ``raw_data/<export>_hcr_data.csv`` — 18 exports of UNHCR's ODP country table, Jul 2022 →
  Jan 2023: ``iso_code, Country, Data Date`` and four measures (refugees recorded,
  temporary-protection registrations, border crossings from / to Ukraine).
* ``output/hcr_data.csv`` — ONE's compilation, one value per country and month
  (``Data Date`` = ``MM-YYYY``); ONE's own columns ``date_month, difference, ratio22–24``
  (inputs of its cost model) are not read.

Documented rules (in the rejects report, ``tolerated=True``):

``unhcr-text-missing``
    "Data not available" and "Not applicable" in a number cell are kept as a missing
    value (NaN) with ``missing_reason`` ``not_available`` / ``not_applicable``; never 0.
``one-blank-cell``
    Border-crossing cells are blank for countries that do not border Ukraine (UNHCR
    reports crossings only for neighbours): the cell is not stored (one record per export
    and column in the rejects report, with the count). Blank refugee cells are an error.
``one-export-repeat``
    A country whose as-of date did not change between exports appears again, identical, in
    the next export; it is stored once (from the first export holding it). A repeat with a
    different value is not covered by the rule (``tolerated=False``: the build fails).
``footnote-asterisk``
    ``Russian Federation***`` — footnote asterisks are stripped before mapping to ISO3.

The 18 exports have no line break after their last record (ONE's export script never
writes one), so they are read with ``final_newline=False``; a cut-off download is still
caught by the per-record field count.

Each row's ``published`` is the latest as-of date in the export it was first read from
(the export was made on or after that day); ONE monthly rows carry the compilation's date.
The ``iso_code`` column must agree with the mapped ``Country`` name; unknown names are all
listed in one :class:`SourceFormatError`; a country twice in one file is an error.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from warstats.codes.countries import clean_name, to_iso3
from warstats.errors import SourceFormatError
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_unique,
    parse_dates,
    parse_numbers,
    read_csv_checked,
    source_columns,
)
from warstats.readers.unhcr_odp import BY_COUNTRY_FILE, read_by_country

EXPORT_DIR = "refugees/one_campaign_unhcr_snapshots_2022"
#: The 18 exports in chronological order.
EXPORTS = ("july", "late_july", "early_august", "mid_august", "early_september",
           "mid_september", "late_september", "early_october", "mid_october", "late_october",
           "early_november", "mid_november", "late_november", "early_december",
           "mid_december", "late_december", "early_january", "mid_january")
EXPORT_COLUMNS = (
    "iso_code", "Country", "Data Date",
    "Individual refugees from Ukraine recorded across Europe",
    "Refugees from Ukraine registered for Temporary Protection or similar national "
    "protection schemes",
    "Border crossings from Ukraine*", "Border crossings to Ukraine**",
)
#: column → (measure, kind, unit, blank cells allowed)
EXPORT_MEASURES = {
    EXPORT_COLUMNS[3]: ("refugees_recorded", "stock", "persons", False),
    EXPORT_COLUMNS[4]: ("temporary_protection", "stock", "persons", False),
    EXPORT_COLUMNS[5]: ("border_crossings_out", "cumulative", "crossings", True),
    EXPORT_COLUMNS[6]: ("border_crossings_in", "cumulative", "crossings", True),
}
MONTHLY_FILE = "refugees/one_campaign_hcr_data_by_country_monthly.csv"
MONTHLY_COLUMNS = ("iso_code", "Country", "Data Date",
                   "Refugees from Ukraine recorded in country as of date", "date_month",
                   "difference", "ratio22", "ratio23", "ratio24")
TEXT_MISSING = {"data not available": "not_available", "not applicable": "not_applicable"}
WAR_START = dt.date(2022, 2, 24)


def _countries(raw: pd.DataFrame, path: Path, rejects: Rejects) -> pd.Series:
    codes = pd.Series(to_iso3(raw["Country"], file=path, column="Country",
                              allow_aggregates=False), index=raw.index)
    starred = raw["Country"].map(clean_name) != raw["Country"].str.strip()
    for idx in raw.index[starred]:
        rejects.add(path, raw.at[idx, "_row"], "Country", raw.at[idx, "Country"],
                    "footnote-asterisk", "stripped the footnote marker before mapping")
    bad = codes != raw["iso_code"].str.strip()
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "iso_code disagrees with the country name",
                                row=raw.at[first, "_row"], column="iso_code",
                                value=raw.at[first, "iso_code"],
                                expected=f"{codes[first]} for {raw.at[first, 'Country']!r}")
    return codes


def _measure(raw: pd.DataFrame, column: str, path: Path, rejects: Rejects,
             blank_ok: bool) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(value, missing_reason, keep) for one measure column."""
    text = raw[column].str.strip()
    reason = text.str.lower().map(TEXT_MISSING).fillna("")
    for idx in raw.index[reason != ""]:
        rejects.add(path, raw.at[idx, "_row"], column, raw.at[idx, column],
                    "unhcr-text-missing", f"kept as NaN, missing_reason={reason[idx]}")
    numeric = raw.assign(**{column: text.where(reason == "", "")})
    values = parse_numbers(numeric, column, path, blank_ok=True, integer=True)
    blank = (text == "")
    if blank.any():
        if not blank_ok:
            first = blank.idxmax()
            raise SourceFormatError(path, "value is blank", row=raw.at[first, "_row"],
                                    column=column, value="",
                                    expected="a number, 'Data not available' or "
                                             "'Not applicable'")
        rows = raw.loc[blank, "_row"]
        rejects.add(path, f"{rows.min()}..{rows.max()}", column, f"{int(blank.sum())} blank",
                    "one-blank-cell", "blank cells not stored (crossings reported only for "
                    "neighbouring countries)")
    return values, reason, ~blank


def read_export(path: Path, label: str, rejects: Rejects) -> pd.DataFrame:
    """One UNHCR country-table export → long rows (one per country and measure)."""
    raw = read_csv_checked(path, EXPORT_COLUMNS, final_newline=False)
    codes = _countries(raw, path, rejects)
    raw = raw.assign(country_iso3=codes)
    check_unique(raw, ["country_iso3"], path)
    dates = parse_dates(raw, "Data Date", path, fmt="%d %B %Y", earliest=WAR_START)
    published = dates.max()
    parts = []
    for column, (measure, kind, unit, blank_ok) in EXPORT_MEASURES.items():
        values, reason, keep = _measure(raw, column, path, rejects, blank_ok)
        parts.append(pd.DataFrame({
            "country_iso3": codes, "date": dates, "date_precision": "day",
            "measure": measure, "kind": kind, "value": values, "missing_reason": reason,
            "unit": unit, "snapshot": label, "source_id": "unhcr_odp_country_tables_2022",
            "published": published, "is_minimum": False, "_row": raw["_row"],
            "_file": str(path),
        })[keep])
    return pd.concat(parts, ignore_index=True)


def read_exports(raw_dir: Path, rejects: Rejects) -> tuple[pd.DataFrame, list[Path]]:
    """All 18 exports, each country-date-measure stored once (rule ``one-export-repeat``)."""
    paths = [raw_dir / EXPORT_DIR / f"{name}_hcr_data.csv" for name in EXPORTS]
    frame = pd.concat([read_export(p, name, rejects) for p, name in zip(paths, EXPORTS,
                                                                        strict=True)],
                      ignore_index=True)
    keys = ["country_iso3", "date", "measure"]
    repeat = frame.duplicated(keys, keep="first")
    first = frame.drop_duplicates(keys, keep="first").set_index(keys)
    for idx in frame.index[repeat]:
        row = frame.loc[idx]
        kept = first.loc[tuple(row[k] for k in keys)]
        same = (kept["missing_reason"] == row["missing_reason"]) and (
            (pd.isna(kept["value"]) and pd.isna(row["value"])) or kept["value"] == row["value"])
        if row["measure"] == "refugees_recorded" or not same:
            rejects.add(row["_file"], row["_row"], row["measure"],
                        f"{row['country_iso3']} {row['date']:%Y-%m-%d} = {row['value']}",
                        "one-export-repeat",
                        f"already stored from export {kept['snapshot']!r}" if same else
                        f"differs from export {kept['snapshot']!r} ({kept['value']})",
                        tolerated=bool(same))
    return frame[~repeat].drop(columns="_file"), paths


def read_monthly(path: Path, rejects: Rejects) -> pd.DataFrame:
    """ONE's monthly compilation → rows with month precision (date = first of the month)."""
    raw = read_csv_checked(path, MONTHLY_COLUMNS)
    codes = _countries(raw, path, rejects)
    raw = raw.assign(country_iso3=codes)
    check_unique(raw, ["country_iso3", "Data Date"], path)
    dates = parse_dates(raw, "Data Date", path, fmt="%m-%Y",
                        earliest=dt.date(2022, 2, 1))
    column = MONTHLY_COLUMNS[3]
    values, reason, _ = _measure(raw, column, path, rejects, blank_ok=False)
    return pd.DataFrame({
        "country_iso3": codes, "date": dates, "date_precision": "month",
        "measure": "refugees_recorded", "kind": "stock", "value": values,
        "missing_reason": reason, "unit": "persons", "snapshot": "one_monthly_2025-04",
        **source_columns("one_unhcr_monthly"), "_row": raw["_row"],
    })


def build_refugees_by_host(raw_dir: Path) -> ReaderOutput:
    """Build ``refugees_by_host`` from the exports, the ODP snapshot and ONE's compilation."""
    rejects = Rejects()
    exports, paths = read_exports(raw_dir, rejects)
    odp_path = raw_dir / BY_COUNTRY_FILE
    odp = read_by_country(odp_path)
    odp_rows = pd.DataFrame({
        "country_iso3": odp["country_iso3"], "date": odp["date"], "date_precision": "day",
        "measure": "refugees_recorded", "kind": "stock", "value": odp["value"],
        "missing_reason": "", "unit": "persons", "snapshot": "odp_2022-08",
        **source_columns("unhcr_odp_by_country_2022_08"),
    })
    monthly_path = raw_dir / MONTHLY_FILE
    monthly = read_monthly(monthly_path, rejects)
    tidy = pd.concat([exports, odp_rows, monthly], ignore_index=True).drop(columns="_row")
    tidy = tidy.sort_values(["source_id", "country_iso3", "measure", "date"],
                            kind="stable").reset_index(drop=True)
    return ReaderOutput(tidy, [*paths, odp_path, monthly_path], rejects)
