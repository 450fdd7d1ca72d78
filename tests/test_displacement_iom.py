"""IOM DTM readers (idps, returnees): values from the raw xlsx files, and bad input."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import openpyxl
import pytest

from warstats._paths import default_raw_dir
from warstats.errors import SourceFormatError
from warstats.readers.iom_dtm import (
    IDP_RELEASES,
    RETURNEE_RELEASES,
    ROUND1_FILE,
    build_idps,
    build_returnees,
)

RAW = default_raw_dir()
R20 = next(r for r in IDP_RELEASES if r.round == 20)
R14 = next(r for r in IDP_RELEASES if r.round == 14)
RET13 = RETURNEE_RELEASES[0]


def _copy_all(tmp_path: Path) -> Path:
    rels = [ROUND1_FILE, *(r.file for r in IDP_RELEASES), *(r.file for r in RETURNEE_RELEASES)]
    for rel in rels:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RAW / rel, tmp_path / rel)
    return tmp_path


def _raw_rows(rel: str, sheet: str) -> list[tuple]:
    wb = openpyxl.load_workbook(RAW / rel, data_only=True)
    rows = [r for r in wb[sheet].iter_rows(min_row=3, values_only=True) if r[0] is not None]
    wb.close()
    return rows


def _edit(tmp_path: Path, rel: str, sheet: str, cell: str, value) -> None:
    path = tmp_path / rel
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


@pytest.fixture(scope="module")
def idps():
    return build_idps(RAW)


def test_round_national_sums_include_unknown_residence(idps):
    for rel in IDP_RELEASES:
        rows = _raw_rows(rel.file, rel.sheet)
        expected = sum(r[6] for r in rows if isinstance(r[6], int | float))
        assert any("unknown" in str(r[4]).lower() for r in rows)
        got = idps.frame.loc[idps.frame["round"] == rel.round, "value"].sum()
        assert got == expected
    # SOURCES.md: R14 3.674 M, R20 3.436 M
    assert idps.frame.loc[idps.frame["round"] == 14, "value"].sum() == 3_674_000
    assert idps.frame.loc[idps.frame["round"] == 20, "value"].sum() == 3_436_000


def test_unknown_residence_row_is_ua_unk(idps):
    rows = _raw_rows(R20.file, R20.sheet)
    raw = next(r for r in rows if "unknown" in str(r[4]).lower())
    got = idps.frame.query("round == 20 and area_code == 'UA_UNK'")
    assert got["value"].tolist() == [float(raw[6])]
    assert got["area_level"].tolist() == ["unknown"]


def test_kyiv_city_temp03_and_swapped_pcodes_follow_the_name(idps):
    for rel in (R20, R14):
        raw = next(r for r in _raw_rows(rel.file, rel.sheet) if r[4] == "Kyiv")
        got = idps.frame.query(f"round == {rel.round} and area_code == 'UA80'")["value"]
        assert got.tolist() == [float(raw[6])]
    rules = set(idps.rejects.frame()["rule"])
    assert {"iom-temp03-kyiv-city", "iom-kyiv-pcode-swap", "iom-unknown-residence",
            "footnote-asterisk", "iom-not-available"} <= rules


def test_na_is_missing_with_reason_never_zero(idps):
    rows = _raw_rows(R20.file, R20.sheet)
    na = {str(r[5]) for r in rows if r[6] == "n/a"}
    got = idps.frame.query("round == 20 and missing_reason == 'not_available'")
    assert set(got["area_code"]) == na
    assert got["value"].map(math.isnan).all()


def test_round1_stays_at_macro_region_level(idps):
    r1 = idps.frame[idps.frame["round"] == 1]
    assert set(r1["area_level"]) == {"macro_region"}
    assert r1["area_code"].str.startswith("UA_MR_").all()
    rows = _raw_rows(ROUND1_FILE, "Current location of IDPs")
    assert r1["value"].sum() == sum(r[2] for r in rows)  # 6,477,723


def test_returnees_round13_kyiv_matches_raw_and_top5_sheet():
    out = build_returnees(RAW)
    raw = next(r for r in _raw_rows(RET13.file, RET13.sheet) if r[4] == "Kyiv")
    assert out.frame.query("round == 13 and area_code == 'UA80'")["value"].tolist() == [
        float(raw[6])] == [1_106_000.0]
    total = sum(r[6] for r in _raw_rows(RET13.file, RET13.sheet) if isinstance(r[6], int))
    assert out.frame.loc[out.frame["round"] == 13, "value"].sum() == total


# --- bad input -----------------------------------------------------------------------------

def test_missing_hxl_row(tmp_path):
    _copy_all(tmp_path)
    path = tmp_path / R20.file
    wb = openpyxl.load_workbook(path)
    wb[R20.sheet].delete_rows(2)
    wb.save(path)
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    assert "HXL" in str(exc.value) and "row 2" in str(exc.value)
    assert "idp-estimates-r20" in str(exc.value)


def test_renamed_header(tmp_path):
    _copy_all(tmp_path)
    _edit(tmp_path, R20.file, R20.sheet, "G1", "IDPs")
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    assert "row 1" in str(exc.value) and "'IDPs'" in str(exc.value)


@pytest.mark.parametrize("value,problem", [("Data pending", "not a number"),
                                           (-5, "negative"), (12.5, "whole number")])
def test_bad_values(tmp_path, value, problem):
    _copy_all(tmp_path)
    _edit(tmp_path, R20.file, R20.sheet, "G5", value)
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    msg = str(exc.value)
    assert problem in msg and "row 5" in msg and R20.read in msg and str(value) in msg


def test_unknown_oblast(tmp_path):
    _copy_all(tmp_path)
    _edit(tmp_path, R20.file, R20.sheet, "E5", "Atlantis")
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    assert "Atlantis" in str(exc.value) and "row 5" in str(exc.value)


def test_pcode_contradicting_name(tmp_path):
    _copy_all(tmp_path)
    _edit(tmp_path, R20.file, R20.sheet, "F3", "UA05")  # Cherkaska carries Vinnytska's code
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    assert "contradicts" in str(exc.value) and "UA05" in str(exc.value)


def test_duplicated_oblast(tmp_path):
    _copy_all(tmp_path)
    _edit(tmp_path, R20.file, R20.sheet, "E4", "Cherkaska")
    _edit(tmp_path, R20.file, R20.sheet, "F4", "UA71")
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    assert "duplicated oblast" in str(exc.value) and "row 4" in str(exc.value)


def test_truncated_file(tmp_path):
    _copy_all(tmp_path)
    path = tmp_path / RET13.file
    path.write_bytes((RAW / RET13.file).read_bytes()[:2000])
    with pytest.raises(SourceFormatError) as exc:
        build_returnees(tmp_path)
    assert "xlsx" in str(exc.value) and "returnees_round_13" in str(exc.value)


def test_wrong_round_and_date(tmp_path):
    _copy_all(tmp_path)
    _edit(tmp_path, RET13.file, RET13.sheet, "A6", 12)
    with pytest.raises(SourceFormatError) as exc:
        build_returnees(tmp_path)
    assert "round" in str(exc.value) and "row 6" in str(exc.value)
    _copy_all(tmp_path)
    _edit(tmp_path, RET13.file, RET13.sheet, "D6", "31/05/2023")
    with pytest.raises(SourceFormatError, match="not a date"):
        build_returnees(tmp_path)


def test_unknown_macro_region_in_round1(tmp_path):
    _copy_all(tmp_path)
    _edit(tmp_path, ROUND1_FILE, "Current location of IDPs", "A4", "OCEANIA")
    with pytest.raises(SourceFormatError) as exc:
        build_idps(tmp_path)
    assert "OCEANIA" in str(exc.value) and "row 4" in str(exc.value)
