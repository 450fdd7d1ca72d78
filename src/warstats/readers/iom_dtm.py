"""IOM Displacement Tracking Matrix (DTM) Ukraine: IDP and returnee estimates (xlsx via HDX).

Oblast files (IDP rounds 14, 17–20; returnee rounds 13 and 20): row 1 is the header, row 2
the HXL tags (``#adm1+code`` …), both checked exactly; then one row per oblast and a final
"Residence location unknown (in Ukraine)**" row. Round 1 (16 Mar 2022) exists only by
macro-region and is kept at that level, never spread to oblasts. Only the ``Estimated …
IDPs present`` column of the IDP files is read (the ``returnees`` dataset takes rounds 13
and 20 from IOM's returnee releases).

Documented rules (each use is written to the rejects report, ``tolerated=True``):

``footnote-asterisk``
    Footnote markers in oblast names (``Khersonska*``) are stripped before mapping.
``iom-unknown-residence``
    The "Residence location unknown" row (pcode ``n/a``) is kept as ``UA_UNK``: IOM's
    national sums include it.
``iom-temp03-kyiv-city``
    From round 18 Kyiv city carries the placeholder pcode ``Temp03``; it becomes ``UA80``.
``iom-kyiv-pcode-swap``
    In rounds 13, 14 and 17 the pcodes of "Kyiv" (city) and "Kyivska" (oblast) are swapped.
    The name wins: each file's "top 5" sheet gives Kyiv City the row named "Kyiv"'s share.
``iom-not-available``
    ``n/a`` in a value cell is a missing value (NaN, ``missing_reason = "not_available"``),
    never 0.
``iom-footnote-cell``
    Free-text footnotes right of or below the table are notes, listed and not read.

Anything else — another header or HXL row, an unknown oblast, a pcode that contradicts the
name, text in a number cell, a negative or fractional count, a duplicated oblast — raises
:class:`SourceFormatError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from warstats.codes.countries import clean_name
from warstats.codes.oblasts import UNKNOWN_OBLAST, to_pcode
from warstats.errors import SourceFormatError
from warstats.readers.common import ReaderOutput, Rejects, require_file, source_columns

BASE_HEADER = ("Round", "Country Name", "Country Code", "Reported Date", "Oblast",
               "Oblast pcode")
BASE_HXL = ("#meta+round", "#country+name", "#country+code", "#date+reported",
            "#adm1+Name", "#adm1+code")
IDP_HXL = "#affected+idp+ind"
RET_HXL = "#affected+returnees+ind"


@dataclass(frozen=True)
class Release:
    """One IOM file: where it is, which round, which sheet and value columns it has."""

    file: str
    source_id: str
    round: int
    sheet: str
    columns: tuple[str, ...]  # value column headers after BASE_HEADER, in order
    hxl: tuple[str, ...]
    read: str  # the header of the column read


_R14_IDP = "Estimated max. de facto IDPs present"
_R14_RET = "Estimated max. returnee pop. Present"
_IDP = "Estimated de facto IDPs present"
_RET = "Estimated returnee pop. Present"

IDP_RELEASES = (
    Release("idps/idps_round_14_idp_estimation_25_september_2023.xlsx", "iom_dtm_idp_r14", 14,
            "Estimated Population", (_R14_IDP, _R14_RET), (IDP_HXL, RET_HXL), _R14_IDP),
    *(Release(f"idps/idp-estimates-r{r}_publish.xlsx", f"iom_dtm_idp_r{r}", r,
              "Estimated Population", (_IDP, _RET), (IDP_HXL, RET_HXL), _IDP)
      for r in (17, 18, 19, 20)),
)
RETURNEE_RELEASES = (
    Release("idps/returnees_round_13_dtm_ukraine_returnees_dataset.xlsx",
            "iom_dtm_returnees_r13", 13, "Returnees by Oblast",
            ("Estimated max. returnee population  present",), (RET_HXL,),
            "Estimated max. returnee population  present"),
    Release("idps/ukraine-returnees-dataset-round-20_hdx_publish.xlsx", "iom_dtm_returnees_r20",
            20, "Returnees by Oblast", (_RET,), (RET_HXL,), _RET),
)
ROUND1_FILE = "idps/idp-estimate-mar162022.xlsx"
ROUND1_SHEET = "Current location of IDPs"
ROUND1_HEADER = ("Macro-region", "% IDPs location per M-R",
                 "# est. IDPs presence per macro-region")
ROUND1_DATE = dt.date(2022, 3, 16)
#: IOM's macro-regions (round 1) → warstats codes; KYIV is Kyiv city alone in IOM's table.
MACRO_REGIONS = {"KYIV": "UA_MR_KYIV", "EAST": "UA_MR_EAST", "SOUTH": "UA_MR_SOUTH",
                 "CENTRAL": "UA_MR_CENTRAL", "NORTH": "UA_MR_NORTH", "WEST": "UA_MR_WEST"}
KYIV_SWAP = {("UA80", "UA32"), ("UA32", "UA80")}  # (pcode from name, pcode in file)


def _workbook_rows(path: Path, sheet: str) -> list[tuple]:
    """All rows of one sheet as value tuples; openpyxl errors become SourceFormatError."""
    import zipfile

    import openpyxl

    require_file(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise SourceFormatError(path, f"cannot be opened as an xlsx workbook ({exc})",
                                expected="the IOM DTM xlsx release") from None
    try:
        if sheet not in wb.sheetnames:
            raise SourceFormatError(path, f"sheet {sheet!r} is missing", value=wb.sheetnames,
                                    expected=f"a sheet named {sheet!r}")
        return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def _trim(row: tuple) -> list:
    cells = list(row)
    while cells and (cells[-1] is None or str(cells[-1]).strip() == ""):
        cells.pop()
    return cells


def _check_row(path: Path, row: list, expected: tuple[str, ...], line: int, what: str) -> None:
    for i, name in enumerate(expected):
        found = row[i] if i < len(row) else None
        if found is None or str(found) != name:
            from openpyxl.utils import get_column_letter

            raise SourceFormatError(path, f"{what} differs from the release this reader was "
                                    "written for", row=line, column=get_column_letter(i + 1),
                                    value=found, expected=repr(name))


def _count(path: Path, value, line: int, column: str) -> tuple[float, str]:
    """A cell → (value, missing_reason). ``n/a`` → NaN, not_available; text → error."""
    if isinstance(value, str) and value.strip().lower() == "n/a":
        return np.nan, "not_available"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SourceFormatError(path, "value is not a number", row=line, column=column,
                                value=value, expected="a count, or 'n/a'")
    if value < 0:
        raise SourceFormatError(path, "negative count", row=line, column=column, value=value,
                                expected="a count >= 0")
    if float(value) != round(float(value)):
        raise SourceFormatError(path, "count is not a whole number", row=line, column=column,
                                value=value, expected="a whole number")
    return float(value), ""


def _pcode(path: Path, name: object, code: object, line: int, rejects: Rejects) -> str:
    name_s = str(name)
    mapped = to_pcode([name_s], file=f"{path} row {line}", column="Oblast")[0]
    if clean_name(name_s) != name_s.strip():
        rejects.add(path, line, "Oblast", name_s, "footnote-asterisk",
                    "stripped the footnote marker before mapping the name")
    code_s = str(code).strip()
    if code_s == mapped:
        return mapped
    if mapped == UNKNOWN_OBLAST and code_s.lower() == "n/a":
        rejects.add(path, line, "Oblast pcode", code_s, "iom-unknown-residence",
                    f"kept the unknown-residence row as {UNKNOWN_OBLAST}")
        return mapped
    if mapped == "UA80" and code_s == "Temp03":
        rejects.add(path, line, "Oblast pcode", code_s, "iom-temp03-kyiv-city",
                    "placeholder pcode of Kyiv city mapped to UA80")
        return mapped
    if (mapped, code_s) in KYIV_SWAP:
        rejects.add(path, line, "Oblast pcode", code_s, "iom-kyiv-pcode-swap",
                    f"swapped Kyiv/Kyivska pcode: the name {name_s!r} wins ({mapped})")
        return mapped
    raise SourceFormatError(path, "oblast pcode contradicts the oblast name", row=line,
                            column="Oblast pcode", value=code_s,
                            expected=f"{mapped} for {name_s!r}")


def read_release(raw_dir: Path, rel: Release, measure: str, rejects: Rejects) -> pd.DataFrame:
    """Read one oblast-level IOM release into tidy rows (one per oblast)."""
    path = raw_dir / rel.file
    rows = _workbook_rows(path, rel.sheet)
    if len(rows) < 3:
        raise SourceFormatError(path, "sheet has no data rows", expected="header, HXL, data")
    header = (*BASE_HEADER, *rel.columns)
    _check_row(path, _trim(rows[0]), header, 1, "header row")
    _check_row(path, _trim(rows[1]), (*BASE_HXL, *rel.hxl), 2, "HXL row (row 2)")
    width = len(header)
    value_col = header.index(rel.read)
    for col, note in enumerate(rows[1][width:], start=width + 1):
        if note not in (None, ""):
            rejects.add(path, 2, f"col {col}", str(note)[:60], "iom-footnote-cell",
                        "free-text footnote, not read")
    records = []
    ended = False
    for line, raw in enumerate(rows[2:], start=3):
        cells = list(raw) + [None] * max(0, width - len(raw))
        for col, note in enumerate(cells[width:], start=width + 1):
            if note not in (None, ""):
                rejects.add(path, line, f"col {col}", str(note)[:60], "iom-footnote-cell",
                            "free-text footnote, not read")
        if cells[0] is None:
            ended = True
            if any(c not in (None, "") for c in cells[:width]):
                rejects.add(path, line, "B", str(cells[1])[:60], "iom-footnote-cell",
                            "footnote row below the table, not read")
            continue
        if ended:
            raise SourceFormatError(path, "data row after the end of the table", row=line,
                                    column="A", value=cells[0], expected="an empty row")
        if cells[0] != rel.round:
            raise SourceFormatError(path, "round differs from the release", row=line,
                                    column="A", value=cells[0], expected=str(rel.round))
        if cells[2] != "UKR":
            raise SourceFormatError(path, "country code is not UKR", row=line, column="C",
                                    value=cells[2], expected="UKR")
        if not isinstance(cells[3], dt.datetime):
            raise SourceFormatError(path, "reported date is not a date", row=line,
                                    column="D", value=cells[3], expected="an Excel date")
        value, reason = _count(path, cells[value_col], line, rel.read)
        if reason:
            rejects.add(path, line, rel.read, cells[value_col], "iom-not-available",
                        "kept as a missing value (NaN), missing_reason=not_available")
        pcode = _pcode(path, cells[4], cells[5], line, rejects)
        records.append({
            "country_iso3": "UKR", "round": rel.round, "date": pd.Timestamp(cells[3]),
            "area_level": "unknown" if pcode == UNKNOWN_OBLAST else "oblast",
            "area_code": pcode, "area_name": clean_name(cells[4]), "measure": measure,
            "value": value, "missing_reason": reason, "unit": "persons",
            "publisher_label": rel.read, **source_columns(rel.source_id), "_row": line,
        })
    if not records:
        raise SourceFormatError(path, "sheet has a header but no data rows")
    frame = pd.DataFrame(records)
    dup = frame.duplicated("area_code")
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "duplicated oblast", row=frame.at[first, "_row"],
                                column="Oblast", value=frame.at[first, "area_name"],
                                expected="one row per oblast")
    if frame["date"].nunique() != 1:
        raise SourceFormatError(path, "several reported dates in one round", column="D",
                                value=sorted(frame["date"].astype(str).unique()),
                                expected="one date")
    return frame


def read_round1(raw_dir: Path) -> pd.DataFrame:
    """Round 1 (16 Mar 2022): estimated IDPs present by macro-region, kept at that level."""
    path = raw_dir / ROUND1_FILE
    rows = _workbook_rows(path, ROUND1_SHEET)
    if len(rows) < 3:
        raise SourceFormatError(path, "sheet has no data rows")
    _check_row(path, _trim(rows[1]), ROUND1_HEADER, 2, "header row")
    records = []
    for line, raw in enumerate(rows[2:], start=3):
        cells = _trim(raw)
        if not cells:
            continue
        name = str(cells[0]).strip()
        if name not in MACRO_REGIONS:
            raise SourceFormatError(path, "unknown macro-region", row=line, column="A",
                                    value=cells[0], expected=f"one of {sorted(MACRO_REGIONS)}")
        value, _ = _count(path, cells[2] if len(cells) > 2 else None, line, ROUND1_HEADER[2])
        if np.isnan(value):
            raise SourceFormatError(path, "value missing", row=line, column="C",
                                    value=cells[2], expected="a count")
        records.append({
            "country_iso3": "UKR", "round": 1, "date": pd.Timestamp(ROUND1_DATE),
            "area_level": "macro_region", "area_code": MACRO_REGIONS[name],
            "area_name": name.title(), "measure": "idps_present", "value": value,
            "missing_reason": "", "unit": "persons", "publisher_label": ROUND1_HEADER[2],
            **source_columns("iom_dtm_gps_r1"), "_row": line,
        })
    frame = pd.DataFrame(records)
    if frame.empty:
        raise SourceFormatError(path, "no macro-region rows")
    dup = frame.duplicated("area_code")
    if dup.any():
        first = dup.idxmax()
        raise SourceFormatError(path, "duplicated macro-region", row=frame.at[first, "_row"],
                                column="A", value=frame.at[first, "area_name"])
    return frame


def _finish(parts: list[pd.DataFrame]) -> pd.DataFrame:
    frame = pd.concat(parts, ignore_index=True).drop(columns="_row")
    return frame.sort_values(["round", "area_code"], kind="stable").reset_index(drop=True)


def build_idps(raw_dir: Path) -> ReaderOutput:
    """Build ``idps``: IOM DTM round 1 (macro-regions) and rounds 14, 17–20 (oblasts)."""
    rejects = Rejects()
    parts = [read_round1(raw_dir)]
    parts += [read_release(raw_dir, rel, "idps_present", rejects) for rel in IDP_RELEASES]
    inputs = [raw_dir / ROUND1_FILE, *(raw_dir / r.file for r in IDP_RELEASES)]
    return ReaderOutput(_finish(parts), inputs, rejects)


def build_returnees(raw_dir: Path) -> ReaderOutput:
    """Build ``returnees``: IOM DTM returnee estimates by oblast, rounds 13 and 20."""
    rejects = Rejects()
    parts = [read_release(raw_dir, rel, "returnees_present", rejects)
             for rel in RETURNEE_RELEASES]
    return ReaderOutput(_finish(parts), [raw_dir / r.file for r in RETURNEE_RELEASES], rejects)
