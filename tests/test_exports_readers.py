"""Exports open cleanly in third-party readers, and the CSV round-trips exactly.

Expected values come from ``ws.load`` (the curated table), never from the exporter.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import warstats as ws
from warstats.datasets.load import parse_table, read_meta
from warstats.export import export

#: small datasets with dates and with empty text values
DATASET = "series_breaks"


def test_csv_round_trips_empty_text_and_dates(tmp_path):
    original = ws.load(DATASET, validate=False)
    assert (original["country_iso3"] == "").any()  # the case this test is about
    path = export(DATASET, "csv", tmp_path)
    back = parse_table(path.read_bytes(), read_meta(DATASET))
    pd.testing.assert_frame_equal(back, original.reset_index(drop=True), check_dtype=False,
                                  check_categorical=False)


def test_csv_reads_in_duckdb_and_pyarrow(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pa_csv = pytest.importorskip("pyarrow.csv")
    original = ws.load(DATASET, validate=False)
    path = export(DATASET, "csv", tmp_path)
    rows = duckdb.sql(f"select count(*), min(date) from read_csv('{path}')").fetchall()[0]
    assert rows[0] == len(original)
    assert str(rows[1]) == original["date"].min().strftime("%Y-%m-%d")
    table = pa_csv.read_csv(path)
    assert table.num_rows == len(original)


def test_json_has_dates_without_time_and_a_schema_with_sources(tmp_path):
    original = ws.load(DATASET, validate=False)
    path = export(DATASET, "json", tmp_path)
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == len(original)
    first = original.sort_values("date").iloc[0]["date"].strftime("%Y-%m-%d")
    assert first in {r["date"] for r in records}
    assert all(len(r["date"]) == 10 for r in records)  # no "T00:00:00"
    schema = json.loads((tmp_path / f"{DATASET}.schema.json").read_text(encoding="utf-8"))
    types = {f["name"]: f["type"] for f in schema["schema"]["fields"]}
    assert types["date"] == "date"
    assert {s["source_id"] for s in schema["sources"]} == set(original["source_id"])
    # duckdb reads the records and sees the dates as dates
    duckdb = pytest.importorskip("duckdb")
    kind = duckdb.sql(f"select typeof(date) from read_json('{path}') limit 1").fetchall()[0][0]
    assert kind == "DATE"


def test_xlsx_dates_without_time_frozen_header_filters_widths_sources(tmp_path):
    from openpyxl import load_workbook

    original = ws.load(DATASET, validate=False)
    path = export(DATASET, "xlsx", tmp_path)
    book = load_workbook(path)
    assert book.sheetnames == ["data", "sources"]
    data = book["data"]
    header = [c.value for c in data[1]]
    date_col = header.index("date") + 1
    cell = data.cell(row=2, column=date_col)
    assert cell.number_format == "yyyy-mm-dd" and cell.is_date
    assert data.freeze_panes == "A2"
    assert data.auto_filter.ref and data.auto_filter.ref.startswith("A1:")
    widths = [data.column_dimensions[c].width for c in "ABC"]
    assert all(w and w >= 8 for w in widths), widths
    assert data.max_row == len(original) + 1
    sources = book["sources"]
    ids = {sources.cell(row=r, column=1).value for r in range(2, sources.max_row + 1)}
    assert set(original["source_id"]) <= ids


def test_datapackage_validates_with_frictionless(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    path = export(DATASET, "datapackage", tmp_path)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_missing_optional_package_names_the_extra(monkeypatch, tmp_path):
    import sys

    from warstats.optional import MissingExtraError

    monkeypatch.setitem(sys.modules, "frictionless", None)  # import fails as if not installed
    with pytest.raises(MissingExtraError, match=r'pip install "warstats\[export\]"'):
        export(DATASET, "datapackage", tmp_path)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ws.WarstatsError, match="csv, parquet, xlsx, json, datapackage"):
        export(DATASET, "docx", tmp_path)
