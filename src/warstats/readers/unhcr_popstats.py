"""UNHCR Refugee Population Statistics Database, R package ``refugees`` (``population.rda``).

One row per year × country of origin × country of asylum (138,893 in v2025.12.1) with nine
population types. warstats keys countries by the ISO columns ``coo_iso`` / ``coa_iso``
(UNHCR's own ``coo`` / ``coa`` codes, e.g. ``GFR`` for Germany, are not used) and stores a
long table ``year, coo_iso, coa_iso, measure, value``.

Documented rules (rejects report, ``tolerated=True``, one record per measure with counts):

``unhcr-zero-cell``
    Cells equal to 0 are not stored: the long table keeps non-zero values only, so that
    it stays small (about 208,000 rows instead of 1.25 million). A combination absent
    from the table means 0 (or not reported).
``unhcr-na-cell``
    NA cells (``oip`` before it was collected) are not stored either; absence never means
    a reported 0 for them.
``unhcr-pseudo-code``
    UNHCR's ISO columns hold three codes that are not ISO 3166 countries: ``UNK``
    (unknown), ``XXA`` (stateless) and ``TIB`` (Tibetan). They are kept as they are
    (one record per code with its row count). Any other code must map to ISO3.

A missing column, a renamed column, a negative or fractional count, a year outside
1951..this year or a duplicated year-origin-asylum triple raises :class:`SourceFormatError`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from warstats.codes.countries import to_iso3
from warstats.errors import SourceFormatError
from warstats.provenance.registry import get_source
from warstats.readers.common import ReaderOutput, Rejects, check_unique
from warstats.readers.wpp import read_rda

POPULATION_FILE = "refugees_global/unhcr_refugees_rpkg_2025.12.1/population.rda"
COLUMNS = ("year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso", "refugees",
           "asylum_seekers", "returned_refugees", "idps", "returned_idps", "stateless", "ooc",
           "oip", "hst")
MEASURES = ("refugees", "asylum_seekers", "idps", "returned_refugees", "returned_idps",
            "stateless", "ooc", "oip", "hst")
PSEUDO_CODES = {"UNK": "unknown", "XXA": "stateless", "TIB": "Tibetan"}


def _check_codes(frame: pd.DataFrame, column: str, path: Path, rejects: Rejects) -> None:
    codes = frame[column].astype("str").str.strip()
    blank = codes.isin(["", "nan", "None"])
    if blank.any():
        first = blank.idxmax()
        raise SourceFormatError(path, "country code is missing", row=frame.at[first, "_row"],
                                column=column, value=frame.at[first, column],
                                expected="an ISO3 code")
    pseudo = codes.isin(list(PSEUDO_CODES))
    for code in sorted(codes[pseudo].unique()):
        n = int((codes == code).sum())
        rejects.add(path, f"{n} rows", column, code, "unhcr-pseudo-code",
                    f"kept UNHCR's code {code} ({PSEUDO_CODES[code]}), not an ISO country")
    unique = sorted(codes[~pseudo].unique())
    mapped = dict(zip(unique, to_iso3(unique, file=path, column=column,
                                      allow_aggregates=False), strict=True))
    changed = [c for c, m in mapped.items() if c != m]
    if changed:
        raise SourceFormatError(path, "ISO column holds a code that is not ISO3", column=column,
                                value=changed, expected="ISO 3166 alpha-3 codes")


def build_refugees_global(raw_dir: Path) -> ReaderOutput:
    """Build ``refugees_global`` (non-zero cells of the nine population types, long)."""
    path = raw_dir / POPULATION_FILE
    frame = read_rda(path, COLUMNS)
    rejects = Rejects()
    year = pd.to_numeric(frame["year"], errors="coerce")
    bad = year.isna() | (year < 1951) | (year > dt.date.today().year) | (year != year.round())
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "year outside 1951..this year",
                                row=int(frame.at[first, "_row"]), column="year",
                                value=frame.at[first, "year"])
    frame["year"] = year.astype("int64")
    for column in ("coo_iso", "coa_iso"):
        _check_codes(frame, column, path, rejects)
    check_unique(frame, ["year", "coo_iso", "coa_iso"], path)
    parts = []
    for measure in MEASURES:
        raw = frame[measure]
        values = pd.to_numeric(raw, errors="coerce")
        text = values.isna() & raw.notna()
        if text.any():
            first = text.idxmax()
            raise SourceFormatError(path, "value is not a number", row=int(frame.at[first,
                                    "_row"]), column=measure, value=raw[first])
        filled = values.fillna(0)
        for label, mask in (("negative count", values < 0),
                            ("count is not a whole number", filled != filled.round())):
            mask = mask & values.notna()
            if mask.any():
                first = mask.idxmax()
                raise SourceFormatError(path, label, row=int(frame.at[first, "_row"]),
                                        column=measure, value=values[first],
                                        expected="a whole count >= 0")
        na, zero = values.isna(), values == 0
        if na.any():
            rejects.add(path, f"{int(na.sum())} rows", measure, "NA", "unhcr-na-cell",
                        f"{int(na.sum())} NA cells not stored")
        if zero.any():
            rejects.add(path, f"{int(zero.sum())} rows", measure, "0", "unhcr-zero-cell",
                        f"{int(zero.sum())} zero cells not stored (absent = 0)")
        keep = ~(na | zero)
        parts.append(pd.DataFrame({
            "year": frame.loc[keep, "year"], "coo_iso": frame.loc[keep, "coo_iso"],
            "coa_iso": frame.loc[keep, "coa_iso"], "measure": measure,
            "value": values[keep].astype("int64"),
        }))
    tidy = pd.concat(parts, ignore_index=True)
    tidy["coo_iso"] = tidy["coo_iso"].astype("str")
    tidy["coa_iso"] = tidy["coa_iso"].astype("str")
    source = get_source("unhcr_popstats")
    tidy["source_id"] = source.source_id
    tidy["published"] = pd.Timestamp(source.published)
    tidy["is_minimum"] = False
    tidy = tidy.sort_values(["year", "coo_iso", "coa_iso", "measure"],
                            kind="stable").reset_index(drop=True)
    return ReaderOutput(tidy, [path], rejects)
