"""engelde/ukrainewar's hand compilation of OHCHR / HRMMU monthly civilian casualties.

File: ``public/data/civilian-casualties.json`` (a **derived** source: OHCHR's figures, compiled
by a dashboard author). Only the ``monthly`` array is read: one record per month
``{"month": "YYYY-MM", "killed": int, "injured": int[, "note": str]}``, flows per calendar
month in the latest revision. February 2022 counts 24–28 Feb only, so its ``period_start``
is 2022-02-24 (the first day of the full-scale invasion); every other month runs from its
first to its last day. ``published`` is the compilation's publication (last-change) date in
the source record, since the file does not date each OHCHR update.

Rules (rows in ``data/rejects/casualties_monthly.csv``, all tolerated):

``engelde_stale_cumulative_total``
    ``cumulativeTotal`` (13,883 killed "as of 2026-01-31") is OHCHR's mid-2025 figure, not
    the sum of the monthly values (SOURCES.md §1). Not read; recorded with both values.
``engelde_annual_totals_not_read``
    ``annualTotals`` are not read; a year whose total differs from the sum of its months is
    recorded with both values (2022 injured and 2024 killed differ in the 2026-03-24 file).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_unique,
    parse_dates,
    parse_numbers,
    read_text,
    source_columns,
)

MONTHLY_FILE = "civilian_casualties/engelde_ohchr_monthly_civilian_casualties.json"
WAR_START = dt.date(2022, 2, 24)
MEASURES = ("killed", "injured")
REQUIRED = ("month", "killed", "injured")
OPTIONAL = ("note",)


def _load(path: Path) -> dict:
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=f"line {exc.lineno}",
                                column=f"char {exc.colno}",
                                expected="the engelde civilian-casualties JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("monthly"), list) \
            or not data["monthly"]:
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise SourceFormatError(path, "no non-empty 'monthly' array", column="monthly",
                                value=found, expected="an object with a 'monthly' list")
    return data


def read_monthly(path: Path) -> pd.DataFrame:
    """The ``monthly`` records as strings with a 1-based ``_row`` record index."""
    data = _load(path)
    rows = []
    for i, rec in enumerate(data["monthly"], start=1):
        where = f"monthly[{i}]"
        if not isinstance(rec, dict):
            raise SourceFormatError(path, "record is not an object", row=where,
                                    value=str(rec)[:60])
        missing = [f for f in REQUIRED if f not in rec]
        if missing:
            raise SourceFormatError(path, "record lacks a field (renamed key?)", row=where,
                                    column=missing[0], value=sorted(rec),
                                    expected=f"fields {list(REQUIRED)} (+ optional note)")
        extra = [f for f in rec if f not in REQUIRED + OPTIONAL]
        if extra:
            raise SourceFormatError(path, "record carries an unexpected field", row=where,
                                    column=extra[0], value=rec[extra[0]],
                                    expected=f"fields {list(REQUIRED + OPTIONAL)}")
        row = {"_row": i, "note": rec.get("note")}
        for f in REQUIRED:
            v = rec[f]
            if v is None or isinstance(v, (bool, dict, list)):
                raise SourceFormatError(path, "value is null or not a scalar", row=i, column=f,
                                        value="null" if v is None else v,
                                        expected="a number or text")
            row[f] = str(v)
        rows.append(row)
    return pd.DataFrame(rows)


def _record_unread_totals(path: Path, data: dict, monthly: pd.DataFrame,
                          rejects: Rejects) -> None:
    total = data.get("cumulativeTotal")
    if isinstance(total, dict):
        for m in MEASURES:
            if m in total:
                rejects.add(path, f"cumulativeTotal (as of {data.get('cumulativeAsOfDate')})",
                            m, f"file {total[m]} vs sum of months {monthly[m].sum():,.0f}",
                            "engelde_stale_cumulative_total",
                            "not read: stale figure; sum of monthly values used instead")
    years = monthly.assign(year=monthly["start"].dt.year).groupby("year")[list(MEASURES)].sum()
    for i, rec in enumerate(data.get("annualTotals") or [], start=1):
        if not isinstance(rec, dict) or rec.get("year") not in years.index:
            continue
        for m in MEASURES:
            if m in rec and float(rec[m]) != years.at[rec["year"], m]:
                rejects.add(path, f"annualTotals[{i}] ({rec['year']})", m,
                            f"file {rec[m]} vs sum of months {years.at[rec['year'], m]:,.0f}",
                            "engelde_annual_totals_not_read",
                            "not read: annual total differs from its months; months kept")


def build_casualties_monthly(raw_dir: Path) -> ReaderOutput:
    """Build ``casualties_monthly`` from the compilation's ``monthly`` array."""
    path = raw_dir / MONTHLY_FILE
    raw = read_monthly(path)
    start = parse_dates(raw, "month", path, fmt="%Y-%m",
                        earliest=WAR_START.replace(day=1))
    check_unique(raw, ["month"], path)
    wide = pd.DataFrame({"start": start})
    for m in MEASURES:
        wide[m] = parse_numbers(raw, m, path, integer=True)
    rejects = Rejects()
    _record_unread_totals(path, _load(path), wide, rejects)
    period_start = wide["start"].where(wide["start"] >= pd.Timestamp(WAR_START),
                                       pd.Timestamp(WAR_START))
    period_end = wide["start"] + pd.offsets.MonthEnd(0)
    notes = raw["note"].astype("str")
    parts = [pd.DataFrame({
        "period_start": period_start,
        "period_end": period_end,
        "country_iso3": "UKR",
        "measure": m,
        "value": wide[m],
        "unit": "persons",
        "note": notes,
        **source_columns("engelde_ohchr_monthly", is_minimum=True),
    }) for m in MEASURES]
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.sort_values(["measure", "period_start"], kind="stable").reset_index(drop=True)
    return ReaderOutput(frame, [path], rejects)
