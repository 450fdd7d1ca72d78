"""Duplicate primary keys: every row reported, short text whatever the group size.

Expected values are worked by hand from the small files written here (line 1 = header).
Speed is measured in benchmarks/validate_duplicates.py, not here.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import warstats as ws
from warstats.catalog import get_spec
from warstats.cli import main
from warstats.datasets.validate import run_schema
from warstats.errors import ValidationError

HEADER = "country_iso3,is_aggregate,year,measure,value,unit,source_id,published,is_minimum"
ROW = "UKR,False,{year},population,{value},persons,wb_wdi_population,2026-03-06,False"
KEY = "country_iso3, year, measure"


def _file(tmp_path, lines: list[str]):
    path = tmp_path / "mine.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n")
    return path


def _failures(path) -> pd.DataFrame:
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    return err.value.failures


def test_groups_of_two_and_three_with_editor_lines(tmp_path):
    path = _file(tmp_path, [
        ROW.format(year=2020, value=1),      # line 2
        ROW.format(year=2021, value=2),      # line 3
        ROW.format(year=2020, value=3),      # line 4
        ROW.format(year="2020.0", value=4),  # line 5: the same year, written differently
        ROW.format(year=2022, value=5),      # line 6
        "",                                  # line 7: blank
        ROW.format(year=2021, value=6),      # line 8
    ])
    table = _failures(path)
    assert set(table["check"]) == {"duplicate key"} and set(table["column"]) == {KEY}
    got = dict(zip(table["row"].astype(int), table["value"], strict=True))
    assert got == {
        2: "(UKR, 2020, population) also on row(s) 4, 5",
        3: "(UKR, 2021, population) also on row(s) 8",
        4: "(UKR, 2020, population) also on row(s) 2 and 1 more",
        5: "(UKR, 2020.0, population) also on row(s) 2 and 1 more",  # as the user wrote it
        8: "(UKR, 2021, population) also on row(s) 3",
    }


def test_one_key_on_every_row_stays_short(tmp_path):
    path = _file(tmp_path, [ROW.format(year=2020, value=i) for i in range(1000)])
    table = _failures(path)
    assert len(table) == 1000  # every row, each once
    assert table["row"].tolist() == list(range(2, 1002))
    assert table["value"].iloc[0] == ("(UKR, 2020, population) also on row(s) 3, 4, 5, 6, 7 "
                                      "and 994 more")
    assert table["value"].iloc[-1] == "(UKR, 2020, population) also on row(s) 2 and 998 more"
    assert table["value"].str.len().max() < 80  # no row lists the 999 others


def test_many_duplicates_one_summary_line_and_every_record(tmp_path, capsys):
    lines = [ROW.format(year=1990 + i, value=i) for i in range(20) for _ in range(2)]
    lines.append(ROW.format(year=2020, value="-1"))  # line 42: another kind of problem
    path = _file(tmp_path, lines)
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    message = str(err.value)
    assert "41 problem(s)" in message
    assert message.count("duplicate key") == 1  # one summary line, not 40
    assert ("rows 3, 5, 7, 9, 11, 13, … (20 rows) repeat keys already seen on rows 2, 4, 6, "
            "8, 10, 12, … (20 distinct keys; 40 rows involved, each listed in the full table"
            ) in message
    assert "row 42: column 'value' = '-1'" in message  # other problems still listed
    assert main(["validate", str(path), "--dataset", "population", "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    dupes = [r for r in records if r["check"] == "duplicate key"]
    assert len(records) == 41 and [r["row"] for r in dupes] == list(range(2, 42))
    assert dupes[0]["value"] == "(UKR, 1990, population) also on row(s) 3"
    assert dupes[1]["value"] == "(UKR, 1990, population) also on row(s) 2"


def test_row_offset_of_a_frame_with_a_header(tmp_path):
    # verify() numbers a shipped table's rows as file lines (index 0 = line 2).
    frame = ws.load("population").head(3)
    frame = pd.concat([frame, frame.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValidationError) as err:
        run_schema(frame, get_spec("population"), row_offset=2)
    table = err.value.failures
    assert table["row"].tolist() == [2, 5]
    assert table["value"].str.endswith("also on row(s) 5").iloc[0]
    assert table["value"].str.endswith("also on row(s) 2").iloc[1]


def test_no_duplicates_no_problem_and_missing_key_column_not_compared(tmp_path):
    assert ws.validate(_file(tmp_path, [ROW.format(year=2020, value=1),
                                        ROW.format(year=2021, value=1)]), "population").empty
    path = tmp_path / "nokey.csv"  # no "year" column: said once, rows not called duplicates
    path.write_text(HEADER.replace(",year", "") + "\n"
                    + "\n".join(ROW.replace(",{year}", "").format(value=i)
                                for i in range(3)) + "\n")
    table = _failures(path)
    assert "duplicate key" not in set(table["check"])
    assert ((table["column"] == "year") & (table["check"] == "missing column")).sum() == 1
