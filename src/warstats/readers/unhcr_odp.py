"""UNHCR Operational Data Portal (ODP), Ukraine Refugee Situation: JSON API responses.

Two raw responses of Aug 2022 (stored unmodified by OCHA's scraper as test fixtures) and
the ``refugees_series_data`` table of the OCHA data bundle (read with the shared
:func:`warstats.readers.ocha_bundle.read_bundle_table`):

* time series "individual refugees from Ukraine recorded across Europe"
  (``data.timeseries[]``: ``data_date``, ``unix_timestamp``, ``individuals``);
* by-country table (``data[]``: ``geomaster_name``, ``date``, ``individuals`` …, one
  record per host country with the country's own as-of date).

No rule changes a value here: every record must parse. A date that disagrees with its
UNIX timestamp, a duplicated date or country, an unknown country name (all are listed),
another population group, text in a number, a negative count or a date outside
24 Feb 2022 .. today raises :class:`SourceFormatError` naming file, record, field, value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from warstats.codes.countries import to_iso3
from warstats.errors import SourceFormatError
from warstats.provenance.registry import get_source
from warstats.readers.common import (
    ReaderOutput,
    check_unique,
    parse_dates,
    parse_numbers,
    read_text,
)

BUNDLE_FILE = "civilian_casualties/ocha_ukraine_data_explorer_all_2024-04-14.json"
BUNDLE_KEY = "refugees_series_data"
BUNDLE_FIELDS = ("#affected+date+refugees", "#affected+refugees")
TIMESERIES_FILE = "refugees/unhcr_odp_timeseries_europe_snapshot_2022-08.json"
BY_COUNTRY_FILE = "refugees/unhcr_odp_by_country_snapshot_2022-08.json"
POPULATION_GROUP = "5478"  # "Individual refugees from Ukraine recorded across Europe"
WAR_START = dt.date(2022, 2, 24)
TS_FIELDS = ("data_date", "unix_timestamp", "individuals")
COUNTRY_FIELDS = ("geomaster_name", "admin_level", "date", "individuals",
                  "population_group_id")


def load_json(path: Path) -> object:
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=f"line {exc.lineno}",
                                column=f"char {exc.colno}",
                                expected="the UNHCR ODP API response") from None


def _records(path: Path, data: object, keys: tuple[str, ...], fields: tuple[str, ...],
             label: str) -> pd.DataFrame:
    """Walk ``keys`` into ``data`` and return the record list as strings with ``_row``."""
    node = data
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise SourceFormatError(path, f"key {key!r} is missing", column=".".join(keys),
                                    expected="the ODP API response layout")
        node = node[key]
    if not isinstance(node, list) or not node:
        raise SourceFormatError(path, f"{label} holds no records", column=label,
                                expected="a non-empty list of objects")
    rows = []
    for i, rec in enumerate(node, start=1):
        where = f"{label}[{i}]"
        if not isinstance(rec, dict):
            raise SourceFormatError(path, "record is not an object", row=where,
                                    value=str(rec)[:60])
        missing = [f for f in fields if f not in rec]
        if missing:
            raise SourceFormatError(path, "record lacks a field", row=where, column=missing[0],
                                    value=sorted(rec)[:8], expected=f"fields {list(fields)}")
        row = {}
        for f in fields:
            value = rec[f]
            if value is None or isinstance(value, dict | list | bool):
                raise SourceFormatError(path, "value is null or not a scalar", row=where,
                                        column=f, value=value, expected="a string or number")
            row[f] = str(value)
        row["_row"] = where
        rows.append(row)
    return pd.DataFrame(rows, dtype="str")


def _dates(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    return parse_dates(frame, column, path, fmt="%Y-%m-%d", earliest=WAR_START)


def read_timeseries(path: Path) -> pd.DataFrame:
    """The ODP "across Europe" daily series → ``date, value`` (+ ``_row``)."""
    frame = _records(path, load_json(path), ("data", "timeseries"), TS_FIELDS,
                     "data.timeseries")
    frame["date"] = _dates(frame, "data_date", path)
    stamps = parse_numbers(frame, "unix_timestamp", path, integer=True)
    from_stamp = pd.to_datetime(stamps, unit="s").dt.normalize()
    bad = from_stamp != frame["date"]
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "data_date disagrees with unix_timestamp",
                                row=frame.at[first, "_row"], column="data_date",
                                value=frame.at[first, "data_date"],
                                expected=f"{from_stamp[first].date()}")
    frame["value"] = parse_numbers(frame, "individuals", path, integer=True)
    check_unique(frame, ["date"], path)
    return frame


def read_by_country(path: Path) -> pd.DataFrame:
    """The ODP by-country table → ``country_iso3, date, value`` (+ ``_row``)."""
    frame = _records(path, load_json(path), ("data",), COUNTRY_FIELDS, "data")
    wrong = frame["population_group_id"] != POPULATION_GROUP
    if wrong.any():
        first = wrong.idxmax()
        raise SourceFormatError(path, "record of another population group",
                                row=frame.at[first, "_row"], column="population_group_id",
                                value=frame.at[first, "population_group_id"],
                                expected=POPULATION_GROUP)
    level = frame["admin_level"] != "Country"
    if level.any():
        first = level.idxmax()
        raise SourceFormatError(path, "record is not a country", row=frame.at[first, "_row"],
                                column="admin_level", value=frame.at[first, "admin_level"],
                                expected="Country")
    frame["country_iso3"] = to_iso3(frame["geomaster_name"], file=path,
                                    column="geomaster_name", allow_aggregates=False)
    frame["date"] = _dates(frame, "date", path)
    frame["value"] = parse_numbers(frame, "individuals", path, integer=True)
    check_unique(frame, ["country_iso3"], path)
    return frame


def build_refugees_europe(raw_dir: Path) -> ReaderOutput:
    """Build ``refugees_europe``: the OCHA bundle series and the ODP Aug-2022 snapshot."""
    from warstats.readers.ocha_bundle import read_bundle_table

    bundle = raw_dir / BUNDLE_FILE
    table = read_bundle_table(bundle, BUNDLE_KEY, list(BUNDLE_FIELDS))
    table["_row"] = [f"{BUNDLE_KEY}[{i}]" for i in table["_row"]]
    table["date"] = _dates(table, BUNDLE_FIELDS[0], bundle)
    table["value"] = parse_numbers(table, BUNDLE_FIELDS[1], bundle, integer=True)
    check_unique(table, ["date"], bundle)
    snap_path = raw_dir / TIMESERIES_FILE
    snap = read_timeseries(snap_path)
    parts = []
    for frame, sid in ((table, "ocha_ude_refugees"), (snap, "unhcr_odp_timeseries_2022_08")):
        parts.append(pd.DataFrame({
            "date": frame["date"], "measure": "refugees_recorded_europe",
            "value": frame["value"], "unit": "persons", "source_id": sid,
            "published": pd.Timestamp(get_source(sid).published), "is_minimum": False,
        }))
    tidy = pd.concat(parts, ignore_index=True)
    tidy = tidy.sort_values(["source_id", "date"], kind="stable").reset_index(drop=True)
    return ReaderOutput(tidy, [bundle, snap_path])
