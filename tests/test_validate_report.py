"""An analyst's bad CSV gets a report a person can act on (issue 9, item 4).

The file is written by hand (csv module), not from the package's output, with several
problems at once; every problem must be listed, with its line number in the user's file.
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

import warstats as ws
from warstats.cli import main
from warstats.errors import ValidationError

HEADER = ["period_start", "period_end", "country_iso3", "measure", "value", "note",
          "source_id", "published", "is_minimum", "comment"]  # no "unit"; "comment" unknown
SID = "engelde_ohchr_monthly"
ROWS = [  # file line numbers: header is line 1
    ["2022-02-24", "2022-02-28", "UKR", "killed", "100", "", SID, "2026-03-24", "True", "a"],
    ["2022-03-01", "2022-03-31", "UKR", "killed", "about 300", "", SID, "2026-03-24", "True",
     ""],                                                                         # 3: text
    ["2022-04-01", "2022-04-30", "UKR", "killed", "-5", "", SID, "2026-03-24", "True", ""],
    ["2022-05-01", "2022-05-31", "XYZ", "killed", "7", "", SID, "2026-03-24", "True", ""],
    ["2022-06-01", "2022-06-30", "UKR", "killed", "8", "", SID, "2026-03-24", "maybe", ""],
    ["2022-07-01", "2022-07-31", "UKR", "killed", "9", "", SID, "24/03/2026", "True", ""],
    ["2022-06-01", "2022-06-30", "UKR", "killed", "8", "", SID, "2026-03-24", "True", ""],
]
EXPECTED = {  # (line, column, check) each problem must produce
    (None, "unit", "missing column"),
    (None, "comment", "unknown column"),
    (3, "value", "not a number"),
    (4, "value", "must be >= 0"),
    (5, "country_iso3", "not one of ['UKR']"),
    (6, "is_minimum", "not True/False"),
    (7, "published", "not a date (YYYY-MM-DD)"),
    (6, "source_id, period_start, measure", "duplicate key"),
    (8, "source_id, period_start, measure", "duplicate key"),
}


@pytest.fixture
def bad_csv(tmp_path):
    path = tmp_path / "my_casualties.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def _found(table: pd.DataFrame) -> set:
    return {(None if pd.isna(r) else int(r), c, k)
            for r, c, k in zip(table["row"], table["column"], table["check"], strict=True)}


def test_every_problem_listed_with_its_line(bad_csv):
    with pytest.raises(ValidationError) as err:
        ws.validate(bad_csv, "casualties_monthly")
    table = err.value.failures
    assert list(table.columns) == ["row", "column", "check", "value"]
    assert _found(table) == EXPECTED  # all of them, and no noise (no pandera echoes)
    message = str(err.value)
    assert str(bad_csv) in message
    assert "missing column 'unit'" in message and "unknown column 'comment'" in message
    assert "row 3: column 'value' = 'about 300': not a number" in message
    assert "row 4: column 'value'" in message and "must be >= 0" in message
    assert "row 5: column 'country_iso3' = 'XYZ'" in message
    assert "also on row(s) 8" in message and "also on row(s) 6" in message
    assert "CasualtiesMonthly" not in message and "TypeError" not in message


def test_cli_lists_problems_as_table_and_json(bad_csv, capsys):
    code = main(["validate", str(bad_csv), "--dataset", "casualties_monthly"])
    out = capsys.readouterr().out
    assert code == 1
    for needle in ("missing column 'unit'", "about 300", "maybe", "24/03/2026", "XYZ"):
        assert needle in out
    code = main(["validate", str(bad_csv), "--dataset", "casualties_monthly", "--format",
                 "json"])
    records = json.loads(capsys.readouterr().out)
    assert code == 1
    got = {(r["row"], r["column"], r["check"]) for r in records}
    assert got == EXPECTED


def test_frame_rows_are_index_labels_and_good_rows_pass(bad_csv):
    frame = pd.read_csv(bad_csv, dtype=str, keep_default_na=False)
    good = frame.iloc[[0]].drop(columns="comment").assign(unit="persons")
    assert ws.validate(good, "casualties_monthly").empty
    with pytest.raises(ValidationError) as err:
        ws.validate(frame.drop(columns="comment").assign(unit="persons"), "casualties_monthly")
    rows = {int(r) for r in err.value.failures["row"].dropna()}
    assert rows == {1, 2, 3, 4, 5, 6}  # index labels for a frame (no header offset)


def test_required_empty_cell_said_once(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("country_iso3,is_aggregate,year,measure,value,unit,source_id,published,"
                    "is_minimum\nUKR,False,,population,1.0,persons,wb_wdi_population,,False\n",
                    encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    assert _found(err.value.failures) == {(2, "year", "missing value (the column requires one)")}


def test_shipped_csv_validates_as_a_user_file():
    """Empty text cells are empty strings (as ws.load reads them), not missing values."""
    from warstats._paths import data_dir

    for name in ("loss_claims", "idps", "weapons"):
        assert ws.validate(data_dir() / f"{name}.csv", name).empty
