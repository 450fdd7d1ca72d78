"""UN World Population Prospects: WPP 2024 R data files and the WPP 2019 CSV mirror.

WPP figures come in thousands; warstats converts counts to persons (×1,000, rounded
to the person) and keeps rates in their published unit. UN M49 regional aggregates
are out of scope except the World (M49 900 → ``WLD``) and territory groups listed as one
location (830 Channel Islands → ``CHI``): each aggregate dropped is
reported in the rejects report under rule ``wpp-m49-aggregate``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from warstats.codes.countries import entity_kind, is_aggregate, letter_code, to_iso3
from warstats.errors import SourceFormatError
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_columns,
    check_unique,
    parse_numbers,
    read_csv_checked,
    require_file,
    source_columns,
)

MISC_FILE = "population/wpp2024_rda/misc1dt.rda"
PROJ_FILE = "population/wpp2024_rda/popproj1dt.rda"
WPP2019_FILE = "population/un_wpp2019_medium_fertility_2020_2100.csv"

MISC_COLUMNS = ("country_code", "year", "births", "cbr", "cdr", "deaths", "PopChange",
                "growthrate", "cnmr", "NatChangeRT")
PROJ_COLUMNS = ("country_code", "year", "popM", "popF", "pop_80l", "pop_80u", "pop_95l",
                "pop_95u", "pop_low", "pop_high")
#: WPP column → (warstats measure, unit, factor to that unit)
MISC_MEASURES = {
    "births": ("births", "persons", 1000.0),
    "deaths": ("deaths", "persons", 1000.0),
    "PopChange": ("population_change", "persons", 1000.0),
    "cbr": ("crude_birth_rate", "per 1,000 population", 1.0),
    "cdr": ("crude_death_rate", "per 1,000 population", 1.0),
    "growthrate": ("growth_rate", "percent", 1.0),
    "cnmr": ("net_migration_rate", "per 1,000 population", 1.0),
    "NatChangeRT": ("natural_change_rate", "per 1,000 population", 1.0),
}
PROJ_VARIANTS = {
    "pop_low": "low", "pop_high": "high", "pop_80l": "lower_80", "pop_80u": "upper_80",
    "pop_95l": "lower_95", "pop_95u": "upper_95",
}
WORLD_M49 = "900"


def read_rda(path: Path, expected: tuple[str, ...]) -> pd.DataFrame:
    """Read the single data frame in an R ``.rda`` file with pyreadr and check its columns."""
    import pyreadr

    require_file(path)
    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises its own types for corrupt files
        raise SourceFormatError(path, f"cannot be read as R data ({type(exc).__name__}: {exc})",
                                expected="an .rda file holding one data frame") from None
    if len(result) != 1:
        raise SourceFormatError(path, f"holds {len(result)} objects",
                                value=list(result), expected="exactly one data frame")
    frame = next(iter(result.values()))
    check_columns(path, list(frame.columns), expected)
    frame = frame.reset_index(drop=True)
    frame.insert(0, "_row", np.arange(1, len(frame) + 1))
    if frame.empty:
        raise SourceFormatError(path, "data frame has no rows")
    return frame


def _countries(codes: pd.Series, path: Path, rejects: Rejects, rows: pd.Series) -> pd.Series:
    """M49 numeric codes → ISO3; 900 → WLD; other aggregates set aside (reported).

    Territory groups that WPP lists as one location (830 Channel Islands) are locations,
    not regional aggregates: they are kept under their three-letter code (``CHI``, as in
    the World Bank's files) and flagged ``is_aggregate`` like there.
    """
    as_text = codes.astype("int64").astype(str)
    mapped = pd.Series(to_iso3(as_text, file=path, column="country_code"), index=codes.index)
    location = mapped.map(entity_kind) == "territory_group"
    mapped[location] = mapped[location].map(letter_code)
    aggregate = mapped.map(is_aggregate) & (as_text != WORLD_M49) & ~location
    for code in sorted(as_text[aggregate].unique(), key=int):
        n = int((as_text == code).sum())
        rejects.add(path, f"{int(rows[as_text == code].iloc[0])}..", "country_code", code,
                    "wpp-m49-aggregate",
                    f"set aside {n} rows of a UN M49 regional aggregate (out of scope)")
    mapped[as_text == WORLD_M49] = "WLD"
    return mapped.where(~aggregate, "")


def _rows_in_range(frame: pd.DataFrame, path: Path, lo: int, hi: int) -> pd.Series:
    year = frame["year"].astype("float64")
    bad = year.isna() | (year < lo) | (year > hi) | (year != year.round())
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, f"year outside {lo}..{hi}", row=int(frame.at[first, "_row"]),
                                column="year", value=frame.at[first, "year"])
    return year.astype("int64")


def _check_values(frame: pd.DataFrame, columns: list[str], path: Path,
                  nonnegative: list[str]) -> None:
    for col in columns:
        values = pd.to_numeric(frame[col], errors="coerce")
        if values.isna().any():
            first = values.isna().idxmax()
            raise SourceFormatError(path, "missing or non-numeric value",
                                    row=int(frame.at[first, "_row"]), column=col,
                                    value=frame.at[first, col], expected="a number")
        if col in nonnegative and (values < 0).any():
            first = (values < 0).idxmax()
            raise SourceFormatError(path, "negative count", row=int(frame.at[first, "_row"]),
                                    column=col, value=frame.at[first, col], expected=">= 0")


def _base(frame: pd.DataFrame, codes: pd.Series, source_id: str) -> dict:
    return {
        "country_iso3": codes,
        "is_aggregate": codes.map(is_aggregate).astype(bool),
        "year": frame["year"],
        **source_columns(source_id),
    }


def build_components(raw_dir: Path) -> ReaderOutput:
    """Build ``population_components`` from WPP 2024 ``misc1dt``."""
    path = raw_dir / MISC_FILE
    frame = read_rda(path, MISC_COLUMNS)
    frame["year"] = _rows_in_range(frame, path, 1950, 2023)
    _check_values(frame, list(MISC_MEASURES), path, nonnegative=["births", "deaths"])
    check_unique(frame, ["country_code", "year"], path)
    rejects = Rejects()
    codes = _countries(frame["country_code"], path, rejects, frame["_row"])
    keep = codes != ""
    frame, codes = frame[keep], codes[keep]
    parts = []
    for col, (measure, unit, factor) in MISC_MEASURES.items():
        values = frame[col].astype("float64") * factor
        if unit == "persons":
            values = values.round()
        parts.append(pd.DataFrame({**_base(frame, codes, "un_wpp2024"), "measure": measure,
                                   "value": values, "unit": unit, "vintage": "WPP 2024"}))
    tidy = pd.concat(parts, ignore_index=True)
    tidy = _order(tidy, ["country_iso3", "year", "measure"])
    return ReaderOutput(tidy, [path], rejects)


def build_projections(raw_dir: Path) -> ReaderOutput:
    """Build ``population_projections``: WPP 2024 variants and bounds, WPP 2019 medium."""
    rejects = Rejects()
    path24 = raw_dir / PROJ_FILE
    frame = read_rda(path24, PROJ_COLUMNS)
    frame["year"] = _rows_in_range(frame, path24, 2020, 2100)
    _check_values(frame, list(PROJ_COLUMNS[2:]), path24, nonnegative=list(PROJ_COLUMNS[2:]))
    check_unique(frame, ["country_code", "year"], path24)
    codes = _countries(frame["country_code"], path24, rejects, frame["_row"])
    keep = codes != ""
    frame, codes = frame[keep], codes[keep]
    base = _base(frame, codes, "un_wpp2024")
    medium = ((frame["popM"] + frame["popF"]) * 1000).round()
    parts = [pd.DataFrame({**base, "vintage": "WPP 2024", "variant": "medium",
                           "measure": "population", "value": medium, "unit": "persons"})]
    for col, variant in PROJ_VARIANTS.items():
        parts.append(pd.DataFrame({**base, "vintage": "WPP 2024", "variant": variant,
                                   "measure": "population",
                                   "value": (frame[col] * 1000).round(), "unit": "persons"}))

    path19 = raw_dir / WPP2019_FILE
    raw = read_csv_checked(path19, ("Region", "Country Code", "Year", "Population"))
    raw["year"] = parse_numbers(raw, "Year", path19, integer=True).astype("int64")
    raw["country_code"] = parse_numbers(raw, "Country Code", path19, integer=True)
    # Rule wpp2019-group-heading: UN grouping headings (e.g. "World Bank income groups")
    # carry "..." instead of a number. Allowed only on aggregate codes; set aside below
    # with the other aggregates. "..." on a country row is an error.
    dots = raw["Population"].str.strip() == "..."
    heading = dots & raw["country_code"].astype("int64").astype(str).map(
        lambda c: is_aggregate(c) and c != WORLD_M49)
    raw.loc[heading, "Population"] = "0"
    raw["_value"] = parse_numbers(raw, "Population", path19)
    check_unique(raw, ["country_code", "year"], path19)
    codes19 = _countries(raw["country_code"], path19, rejects, raw["_row"])
    keep = codes19 != ""
    raw, codes19 = raw[keep], codes19[keep]
    parts.append(pd.DataFrame({**_base(raw, codes19, "un_wpp2019"), "vintage": "WPP 2019",
                               "variant": "medium", "measure": "population",
                               "value": (raw["_value"] * 1000).round(), "unit": "persons"}))
    tidy = pd.concat(parts, ignore_index=True)
    tidy = _order(tidy, ["vintage", "country_iso3", "year", "variant"])
    return ReaderOutput(tidy, [path24, path19], rejects)


def _order(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)
