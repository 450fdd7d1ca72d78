"""``ws.validate`` / ``warstats validate`` meet every file an analyst can hand them."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import warstats as ws
from warstats.cli import main
from warstats.errors import InputFileError, ValidationError

SRC = str(Path(__file__).resolve().parents[1] / "src")
HEADER = "country_iso3,is_aggregate,year,measure,value,unit,source_id,published,is_minimum"
ROW = "UKR,False,{year},population,{value},persons,wb_wdi_population,2026-03-06,False"


def _text(*years_values) -> str:
    return "\n".join([HEADER, *(ROW.format(year=y, value=v) for y, v in years_values)]) + "\n"


GOOD = _text((2020, "44000000.0"), (2021, "43800000.0"))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings_are_read(tmp_path, encoding):
    path = tmp_path / "f.csv"
    path.write_bytes(GOOD.encode(encoding))
    result = ws.validate(path, "population")
    assert result.empty
    if encoding in ("utf-16-le",):
        assert any("UTF-16" in n for n in result.attrs["notes"])


def test_cp1252_is_named(tmp_path):
    path = tmp_path / "f.csv"
    bad = GOOD.replace("wb_wdi_population,2026-03-06,False\n", "café,2026-03-06,False\n", 1)
    path.write_bytes(bad.encode("cp1252"))
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    assert "Windows-1252" in str(err.value)
    assert "café" in err.value.failures["value"].tolist()  # decoded right, quoted as written


@pytest.mark.parametrize("sep,words", [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical")])
def test_wrong_delimiter_is_named(tmp_path, sep, words):
    path = tmp_path / "f.csv"
    path.write_text(GOOD.replace(",", sep))
    with pytest.raises(InputFileError, match=words):
        ws.validate(path, "population")


def test_excel_workbook_first_sheet(tmp_path):
    path = tmp_path / "f.xlsx"
    frame = pd.read_csv(io.StringIO(GOOD), dtype=str)
    with pd.ExcelWriter(path) as writer:
        frame.to_excel(writer, sheet_name="mine", index=False)
        frame.head(0).to_excel(writer, sheet_name="other", index=False)
    result = ws.validate(path, "population")
    assert result.empty and "'mine'" in result.attrs["notes"][0]
    assert "2 sheets" in result.attrs["notes"][0]
    frame.loc[1, "value"] = "-1"
    frame.to_excel(path, index=False)
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    assert err.value.failures["row"].tolist() == [3]  # the sheet's row number


@pytest.mark.parametrize("content,words", [
    (b"", "is empty"),
    (b"\n\n  \n", "is empty"),
    ((HEADER + "\n").encode(), "no data rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "not a text file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Excel"),
    (b"PK\x03\x04garbage", "Excel workbook but cannot be read"),
    (b"country_iso3,country_iso3\nUKR,UKR\n", "more than once"),
])
def test_unreadable_contents(tmp_path, content, words):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=words):
        ws.validate(path, "population")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ws.InputPathError, match="no such file"):
        ws.validate(tmp_path / "nope.csv", "population")
    with pytest.raises(ws.InputPathError, match="is a folder"):
        ws.validate(tmp_path, "population")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "f.csv"
    path.write_text(GOOD)

    def denied(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InputFileError, match="cannot be read"):
        ws.validate(path, "population")


@pytest.mark.parametrize("text", ["inf", "-Infinity", "NaN", "1e400",
                                  "123456789012345678901234567890"])
def test_inf_nan_and_huge_integers_quoted(tmp_path, text):
    path = tmp_path / "f.csv"
    path.write_text(_text((2020, "44000000.0"), (2021, text)))
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    failures = err.value.failures
    assert failures["value"].tolist() == [text] and failures["row"].tolist() == [3]
    assert text in str(err.value)


def test_huge_year_beyond_64_bits(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(_text((2020, "1.0"), ("99999999999999999999", "1.0")))
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    assert err.value.failures["check"].tolist() == ["an integer beyond 64 bits"]


def test_line_numbers_as_an_editor_shows_them(tmp_path):
    lines = [HEADER, "", ROW.format(year=2020, value="1.0"),
             'UKR,False,2021,population,"-5",persons,"wb_wdi_population",2026-03-06,False',
             "", "",
             ROW.format(year=2022, value="1.0").replace("wb_wdi_population",
                                                         '"wb_wdi\npopulation"'),
             ROW.format(year=2023, value="-7")]
    path = tmp_path / "f.csv"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    rows = err.value.failures.set_index("column")["row"]
    # header 1, blank 2, ok 3, -5 on line 4, blanks 5-6, the quoted newline spans 7-8,
    # -7 on line 9
    assert sorted(err.value.failures["row"].tolist()) == [4, 7, 9]
    assert rows["source_id"] == 7


def test_ragged_row_is_one_problem(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(GOOD + "UKR,False,2022\n")
    with pytest.raises(ValidationError) as err:
        ws.validate(path, "population")
    assert err.value.failures["row"].tolist() == [4]
    assert "has 3 cells; the header has 9" in err.value.failures["check"].iloc[0]


def test_duplicates_reported_once_each(tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text(_text((2020, "1.0"), (2020, "2.0"), (2021, "3.0")))
    assert main(["validate", str(path), "--dataset", "population"]) == 1
    out = capsys.readouterr().out
    assert out.count("duplicate key") == 2  # line 2 and line 3, each once
    assert "also on row(s) 3" in out and "also on row(s) 2" in out


def test_closed_pipe_keeps_exit_status(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(_text(*[(1960 + i, "-1") for i in range(200)]))
    cmd = (f"{sys.executable} -m warstats validate {bad} --dataset population | head -c 0; "
           "exit ${PIPESTATUS[0]}")
    done = subprocess.run(["bash", "-c", cmd], env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr


def test_cli_input_path_problem_is_usage_exit_2(tmp_path, capsys):
    # README: exit 2 = usage problem. A folder or a missing file is a wrong argument.
    assert main(["validate", str(tmp_path), "--dataset", "population"]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "bug" not in err and err.count("\n") == 1
    assert main(["validate", str(tmp_path / "nope.csv"), "--dataset", "population"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "bug" not in err and err.count("\n") == 1


def test_cli_file_that_is_not_a_table_stays_exit_1(tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert main(["validate", str(empty), "--dataset", "population"]) == 1
    assert "is empty" in capsys.readouterr().err
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02\xff" * 50)
    assert main(["validate", str(binary), "--dataset", "population"]) == 1
    assert "not a text file" in capsys.readouterr().err
