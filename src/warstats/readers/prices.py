"""Price indices (CPI-U, euro-area HICP, World Bank inflation) and World Bank GDP.

``price_indices`` is long with one design for levels and rates: ``series`` names the
publisher's series, ``frequency`` is ``monthly`` or ``annual``, ``measure`` is ``index``
(a level on the base given in ``unit``) or ``annual_pct_change`` (a rate, percent).

* BLS CPI-U (``cpi_u``, USA, monthly index, 1982-84=100). The intermediary's
  ``Inflation`` column (a month-on-month change it computed) is not the publisher's and
  is not kept. Rule ``cpi-u-2025-10-missing``: BLS published no October 2025 index
  (federal shutdown); the gap is reported, never filled. Any other missing month is an
  error naming it.
* Eurostat HICP (``hicp_ea``, euro area ``EMU``, monthly index, 2015=100), to 2025-03.
  Missing months are errors.
* World Bank WDI wide files (``wb_cpi_inflation`` FP.CPI.TOTL.ZG, ``wb_deflator_inflation``
  NY.GDP.DEFL.KD.ZG): annual % change per country or aggregate. Blank cells mean no
  figure and give no row; values may be negative (deflation).

``gdp`` is WDI ``NY.GDP.MKTP.CD`` (current US$) in the long layout, read with
:func:`warstats.readers.worldbank.read_long` (as ``population``). It ends in 2023.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.codes.countries import is_aggregate, to_iso3
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
from warstats.readers.worldbank import read_long

CPI_FILE = "prices/bls_cpi_u_us_city_average_cpiai.csv"
HICP_FILE = "prices/fred_hicp_euro_area_CP0000EZ19M086NEST.csv"
WB_CPI_FILE = "prices/worldbank_FP.CPI.TOTL.ZG_wide.csv"
WB_DEFL_FILE = "prices/worldbank_NY.GDP.DEFL.KD.ZG_wide.csv"
GDP_FILE = "gdp/worldbank_gdp_current_usd_NY.GDP.MKTP.CD.csv"
KNOWN_GAPS = {"cpi_u": [pd.Timestamp("2025-10-01")]}


def _monthly_index(path: Path, date_col: str, value_col: str, series: str, iso3: str,
                   unit: str, source_id: str, rejects: Rejects,
                   extra: tuple[str, ...] = ()) -> pd.DataFrame:
    raw = read_csv_checked(path, (date_col, value_col, *extra))
    dates = parse_dates(raw, date_col, path, fmt="%Y-%m-%d", earliest=pd.Timestamp("1913-01-01"))
    if (dates.dt.day != 1).any():
        first = (dates.dt.day != 1).idxmax()
        raise SourceFormatError(path, "date is not the first of a month",
                                row=raw.at[first, "_row"], column=date_col,
                                value=raw.at[first, date_col], expected="YYYY-MM-01")
    values = parse_numbers(raw, value_col, path)
    if (values == 0).any():
        first = (values == 0).idxmax()
        raise SourceFormatError(path, "index is zero", row=raw.at[first, "_row"],
                                column=value_col, value=raw.at[first, value_col],
                                expected="an index level > 0")
    check_unique(raw, [date_col], path)
    full = pd.date_range(dates.min(), dates.max(), freq="MS")
    missing = sorted(set(full) - set(dates))
    known = set(KNOWN_GAPS.get(series, []))
    unexpected = [m for m in missing if m not in known]
    if unexpected:
        raise SourceFormatError(path, f"{len(unexpected)} month(s) missing from the index",
                                column=date_col, value=[f"{m:%Y-%m}" for m in unexpected[:12]],
                                expected="one value per month (gaps are never filled)")
    for m in missing:
        rejects.add(path, f"{m:%Y-%m}", date_col, "missing", f"{series.replace('_', '-')}-"
                    f"{m:%Y-%m}-missing", "gap reported, not filled: the publisher released "
                    "no value for this month")
    return pd.DataFrame({
        "series": series, "country_iso3": iso3, "is_aggregate": is_aggregate(iso3),
        "frequency": "monthly", "date": dates, "measure": "index", "value": values,
        "unit": unit, **source_columns(source_id),
    })


def read_wide(path: Path, indicator: str) -> pd.DataFrame:
    """A World Bank wide file (``Country Name, Country Code, Indicator Name, Indicator Code,
    1960 … YYYY``) → ``country_iso3, year, value`` (blank cells give no row)."""
    import io

    from warstats.readers.common import read_text

    text = read_text(path)
    header = pd.read_csv(io.StringIO(text), nrows=0).columns
    years = [c for c in header[4:] if not str(c).startswith("Unnamed")]
    expected = ("Country Name", "Country Code", "Indicator Name", "Indicator Code", *years)
    bad_years = [y for y in years if not str(y).isdigit()]
    if bad_years:
        raise SourceFormatError(path, "year column is not a year", row=1, column=bad_years[0],
                                expected="1960, 1961, …")
    raw = read_csv_checked(path, expected, drop_empty_trailing=True)
    wrong = raw["Indicator Code"] != indicator
    if wrong.any():
        first = wrong.idxmax()
        raise SourceFormatError(path, "indicator is not the expected one",
                                row=raw.at[first, "_row"], column="Indicator Code",
                                value=raw.at[first, "Indicator Code"], expected=indicator)
    raw["_iso3"] = to_iso3(raw["Country Code"], file=path, column="Country Code")
    check_unique(raw, ["Country Code"], path)
    parts = []
    for year in years:
        values = parse_numbers(raw, year, path, blank_ok=True, nonnegative=False)
        ok = values.notna()
        parts.append(pd.DataFrame({"country_iso3": raw.loc[ok, "_iso3"], "year": int(year),
                                   "value": values[ok]}))
    return pd.concat(parts, ignore_index=True)


def build_price_indices(raw_dir: Path) -> ReaderOutput:
    """Build ``price_indices``: CPI-U, HICP (monthly levels) and WB annual inflation rates."""
    rejects = Rejects()
    cpi = raw_dir / CPI_FILE
    hicp = raw_dir / HICP_FILE
    parts = [
        _monthly_index(cpi, "Date", "Index", "cpi_u", "USA", "index 1982-84=100", "bls_cpi_u",
                       rejects, extra=("Inflation",)),
        _monthly_index(hicp, "observation_date", "CP0000EZ19M086NEST", "hicp_ea", "EMU",
                       "index 2015=100", "eurostat_hicp_ea", rejects),
    ]
    inputs = [cpi, hicp]
    for file, indicator, series, sid in (
            (WB_CPI_FILE, "FP.CPI.TOTL.ZG", "wb_cpi_inflation", "wb_wdi_cpi_inflation"),
            (WB_DEFL_FILE, "NY.GDP.DEFL.KD.ZG", "wb_deflator_inflation",
             "wb_wdi_deflator_inflation")):
        path = raw_dir / file
        wide = read_wide(path, indicator)
        parts.append(pd.DataFrame({
            "series": series, "country_iso3": wide["country_iso3"],
            "is_aggregate": wide["country_iso3"].map(is_aggregate).astype(bool),
            "frequency": "annual", "date": pd.to_datetime(wide["year"].astype(str) + "-01-01"),
            "measure": "annual_pct_change", "value": wide["value"], "unit": "percent",
            **source_columns(sid),
        }))
        inputs.append(path)
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.sort_values(["series", "country_iso3", "date"], kind="stable")
    return ReaderOutput(frame.reset_index(drop=True), inputs, rejects)


def build_gdp(raw_dir: Path) -> ReaderOutput:
    """Build ``gdp``: WDI GDP in current US$ by country and aggregate, 1960–2023."""
    path = raw_dir / GDP_FILE
    # The GDP mirror has no line break after its last record (rule: final_newline=False).
    frame = read_long(path, final_newline=False)
    tidy = pd.DataFrame({
        "country_iso3": frame["country_iso3"], "is_aggregate": frame["is_aggregate"],
        "year": frame["year"], "measure": "gdp", "value": frame["value"], "currency": "USD",
        "unit": "USD", "price_basis": "nominal", **source_columns("wb_wdi_gdp"),
    })
    tidy = tidy.sort_values(["country_iso3", "year"], kind="stable").reset_index(drop=True)
    return ReaderOutput(tidy, [path])
