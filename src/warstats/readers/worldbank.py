"""World Bank WDI files in the long layout ``Country Name, Country Code, Year, Value``.

Download: the publisher's API (``https://api.worldbank.org/v2/country/all/indicator/<code>``)
or the mirror named in the source record's ``download_url``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from warstats.codes.countries import is_aggregate, to_iso3
from warstats.readers.common import (
    ReaderOutput,
    check_unique,
    parse_numbers,
    read_csv_checked,
    source_columns,
)

LONG_COLUMNS = ("Country Name", "Country Code", "Year", "Value")
POPULATION_FILE = "population/worldbank_population_sp_pop_totl.csv"


def read_long(path: Path, *, nonnegative: bool = True,
              final_newline: bool = True) -> pd.DataFrame:
    """Read a WDI long file → ``country_iso3, is_aggregate, year, value, _row``.

    Every code must be an ISO3 country or a known World Bank aggregate; all unknown
    codes are listed in one :class:`SourceFormatError`. ``final_newline=False`` for
    mirrors written without a line break after the last record (truncation is still
    caught by the per-record field count).
    """
    raw = read_csv_checked(path, LONG_COLUMNS, final_newline=final_newline)
    year = parse_numbers(raw, "Year", path, integer=True)
    bad_year = (year < 1960) | (year > dt.date.today().year)
    if bad_year.any():
        first = bad_year.idxmax()
        from warstats.errors import SourceFormatError

        raise SourceFormatError(path, "year outside 1960..this year", row=raw.at[first, "_row"],
                                column="Year", value=raw.at[first, "Year"])
    codes = to_iso3(raw["Country Code"], file=path, column="Country Code")
    out = pd.DataFrame({
        "country_iso3": codes,
        "year": year.astype("int64"),
        "value": parse_numbers(raw, "Value", path, nonnegative=nonnegative),
        "_row": raw["_row"],
    }, index=raw.index)
    out["is_aggregate"] = out["country_iso3"].map(is_aggregate).astype(bool)
    check_unique(out.assign(**{"Country Code": raw["Country Code"]}), ["country_iso3", "year"],
                 path)
    return out


def build_population(raw_dir: Path) -> ReaderOutput:
    """Build the ``population`` dataset from the WDI population file."""
    path = raw_dir / POPULATION_FILE
    frame = read_long(path)
    tidy = pd.DataFrame({
        "country_iso3": frame["country_iso3"],
        "is_aggregate": frame["is_aggregate"],
        "year": frame["year"],
        "measure": "population",
        "value": frame["value"],
        "unit": "persons",
        **source_columns("wb_wdi_population"),
    })
    tidy = tidy.sort_values(["country_iso3", "year"], kind="stable").reset_index(drop=True)
    return ReaderOutput(tidy, [path])
