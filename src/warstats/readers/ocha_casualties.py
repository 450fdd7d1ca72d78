"""OHCHR cumulative civilian casualties as published, from two OCHA files.

* ``timeseries_casualties_data`` of the OCHA Ukraine Data Explorer bundle
  (:data:`warstats.readers.ocha_bundle.BUNDLE_FILE`): ``#date``, ``#affected+killed``,
  ``#affected+injured``, cumulative since 24 Feb 2022, 2022-03-03 → 2023-11-09.
* OCHA's "Ukraine key figures 2022" sheet export (:data:`KEY_FIGURES_FILE`): a group header
  row, then the column row; ``Civilian casualities(OHCHR) - Killed/Injured``, ``Date`` and
  ``Source URL`` (the OHCHR/OCHA update the figure came from), 2022-03-03 → 2022-04-25.

Each file's rows keep their own ``source_id``; the two are never merged.

Dates. ``date`` is the file's date column. These are *as-published* series: OCHA entered
each figure on the day OHCHR's update came out, so ``published`` equals ``date`` (neither file
gives a separate publication date). OHCHR's daily updates usually count casualties up to
24:00 of the previous day; that one-day offset is not applied, because the files do not
state it per row.

Rules (every row a rule touches is written to ``data/rejects/casualties_published.csv``):

``ocha_fallback_2022_06_07``
    In the bundle, the 2022-06-07 record (4,183 killed, 5,014 injured) is below 2022-06-06
    (4,253 / 5,141) and repeats the 2022-06-03 record exactly: the scraper fell back on an
    older figure. Only when the date is 2022-06-07 *and* both values equal an earlier
    record's, the record is set aside (both measures) and reported with both values.

Any other decrease of a cumulative series is reported as an untolerated reject, so the build
fails until a named rule here covers it. Nothing is fixed silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_unique,
    parse_dates,
    parse_numbers,
    read_csv_checked,
)
from warstats.readers.ocha_bundle import BUNDLE_FILE, read_bundle_table
from warstats.sources.registry import get_source

WAR_START = dt.date(2022, 2, 24)
CASUALTY_KEY = "timeseries_casualties_data"
CASUALTY_FIELDS = ("#date", "#affected+killed", "#affected+injured")
BUNDLE_MEASURES = {"#affected+killed": "killed", "#affected+injured": "injured"}

KEY_FIGURES_FILE = "civilian_casualties/ocha_ukraine_key_figures_2022_sheet_snapshot.csv"
KEY_FIGURES_COLUMNS = (
    "Total Population(Flash Appeal)", "People Affected(Flash Appeal)", "People Affected - IDPs",
    "People in Need(Flash Appeal)", "PiN - IDPs", "People Targeted(Flash Appeal)",
    "People Targeted - IDPs", "Requirements (US$)(Flash Appeal)",
    "Projection Time Frame (Flash Appeal)", "Flash Appeal URL", "Refugees(UNHCR)", "IDPs",
    "Civilian casualities(OHCHR) - Killed", "Civilian casualities(OHCHR) - Injured",
    "Attacks on Education Facilities", "Attacks on Health Care", "Number of Organisations",
    "Number of People Reached", "Date", "Source URL",
    "Ukraine Flash Appeal 2022 - Required (US$m)", "Ukraine Flash Appeal 2022 - Funded (US$m)",
    "Ukraine Flash Appeal 2022 - % coverage",
    "Ukraine Humanitarian Response Plan 2022 - Required (US$m)",
    "Ukraine Humanitarian Response Plan 2022 - Funded (US$m)",
    "Ukraine Humanitarian Response Plan 2022 - % coverage",
    "Ukraine Regional Refugee Response Plan 2022 - Required (US$m)",
    "Ukraine Regional Refugee Response Plan 2022 - Funded (US$m)",
    "Ukraine Regional Refugee Response Plan 2022 - % coverage",
    "CERF - Contributions (US$m) ", "CERF - Allocations (US$m) ",
    "Ukraine Humanitarian Fund - Contributions (US$m)",
    "Ukraine Humanitarian Fund - Allocations (US$m)", "FTS URL",
)
KEY_FIGURES_MEASURES = {"Civilian casualities(OHCHR) - Killed": "killed",
                        "Civilian casualities(OHCHR) - Injured": "injured"}

#: Named rules for known decreases: file → {date: (rule, what it does)}.
DECREASE_RULES: dict[str, dict[str, tuple[str, str]]] = {
    BUNDLE_FILE: {
        "2022-06-07": (
            "ocha_fallback_2022_06_07",
            "record repeats an earlier record's figures (scraper fallback): set aside, "
            "both measures",
        ),
    },
}


def _drop_decreases(wide: pd.DataFrame, measure_cols: dict[str, str], path: Path,
                    file_key: str, rejects: Rejects) -> pd.DataFrame:
    """Check that every cumulative column never decreases; apply the named rules.

    ``wide`` has ``_row``, ``date`` (Timestamp) and one float column per source field.
    """
    wide = wide.sort_values("date", kind="stable")
    rules = DECREASE_RULES.get(file_key, {})
    keep = pd.Series(True, index=wide.index)
    last: dict[str, tuple[pd.Timestamp, float]] = {}
    earlier: list[tuple] = []
    for idx, rec in wide.iterrows():
        day = rec["date"].strftime("%Y-%m-%d")
        values = tuple(rec[c] for c in measure_cols)
        falls = [c for c in measure_cols if c in last and rec[c] < last[c][1]]
        if falls:
            rule = rules.get(day)
            covered = rule is not None and values in earlier
            for col in falls:
                prev_date, prev_value = last[col]
                rejects.add(
                    path, f"{rec['_row']} ({day})", col,
                    f"{prev_date:%Y-%m-%d}: {prev_value:,.0f} -> {day}: {rec[col]:,.0f}",
                    rule[0] if covered else "cumulative_decrease",
                    rule[1] if covered else "cumulative series decreases and no named rule "
                    "covers this date: build stopped", tolerated=covered)
            if covered:
                keep[idx] = False
                continue
        earlier.append(values)
        for col in measure_cols:
            last[col] = (rec["date"], rec[col])
    return wide[keep]


def _tidy(wide: pd.DataFrame, measure_cols: dict[str, str], source_id: str,
          urls: pd.Series | None = None) -> pd.DataFrame:
    parts = []
    for col, measure in measure_cols.items():
        parts.append(pd.DataFrame({
            "date": wide["date"],
            "country_iso3": "UKR",
            "measure": measure,
            "value": wide[col],
            "unit": "persons",
            "source_url": (urls.loc[wide.index] if urls is not None
                           else pd.Series(None, index=wide.index, dtype="str")),
            "source_id": source_id,
            "published": wide["date"],
            "is_minimum": True,
        }))
    return pd.concat(parts, ignore_index=True)


def read_bundle_casualties(raw_dir: Path, rejects: Rejects) -> pd.DataFrame:
    """The bundle's cumulative casualty series, tidy, after the decrease rules."""
    path = raw_dir / BUNDLE_FILE
    raw = read_bundle_table(path, CASUALTY_KEY, CASUALTY_FIELDS)
    wide = pd.DataFrame({"_row": raw["_row"],
                         "date": parse_dates(raw, "#date", path, fmt="%Y-%m-%d",
                                             earliest=WAR_START)})
    for col in BUNDLE_MEASURES:
        wide[col] = parse_numbers(raw, col, path, integer=True)
    check_unique(raw, ["#date"], path)
    wide = _drop_decreases(wide, BUNDLE_MEASURES, path, BUNDLE_FILE, rejects)
    return _tidy(wide, BUNDLE_MEASURES, get_source("ocha_ude_casualties").source_id)


def read_key_figures_casualties(raw_dir: Path, rejects: Rejects) -> pd.DataFrame:
    """The key-figures sheet's cumulative casualty figures, tidy, with the cited URL."""
    path = raw_dir / KEY_FIGURES_FILE
    raw = read_csv_checked(path, KEY_FIGURES_COLUMNS, header_row=1)
    wide = pd.DataFrame({"_row": raw["_row"],
                         "date": parse_dates(raw, "Date", path, fmt="%Y-%m-%d",
                                             earliest=WAR_START)}, index=raw.index)
    for col in KEY_FIGURES_MEASURES:
        wide[col] = parse_numbers(raw, col, path, integer=True)
    check_unique(raw, ["Date"], path)
    urls = raw["Source URL"].str.strip()
    urls = urls.where(urls != "")
    wide = _drop_decreases(wide, KEY_FIGURES_MEASURES, path, KEY_FIGURES_FILE, rejects)
    return _tidy(wide, KEY_FIGURES_MEASURES, get_source("ocha_key_figures_2022").source_id,
                 urls)


def build_casualties_published(raw_dir: Path) -> ReaderOutput:
    """Build ``casualties_published``: both OCHA files, rows kept apart by ``source_id``."""
    rejects = Rejects()
    frame = pd.concat([read_bundle_casualties(raw_dir, rejects),
                       read_key_figures_casualties(raw_dir, rejects)], ignore_index=True)
    frame = frame.sort_values(["source_id", "measure", "date"], kind="stable")
    return ReaderOutput(frame.reset_index(drop=True),
                        [raw_dir / BUNDLE_FILE, raw_dir / KEY_FIGURES_FILE], rejects)
