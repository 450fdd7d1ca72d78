"""Population readers against the raw files, and on corrupted copies."""

from __future__ import annotations

import csv

import pyreadr
import pytest

import warstats as ws
from warstats.errors import SourceFormatError
from warstats.readers.worldbank import POPULATION_FILE, build_population
from warstats.readers.wpp import (
    MISC_FILE,
    PROJ_FILE,
    WPP2019_FILE,
    build_components,
    build_projections,
)

from .conftest import assert_names


def _raw_wb(raw_dir, code, year):
    with open(raw_dir / POPULATION_FILE, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["Country Code"] == code and row["Year"] == str(year):
                return float(row["Value"])
    raise AssertionError("not in raw file")


@pytest.mark.parametrize("year", [2021, 2022, 2024])
def test_world_bank_values_exact(raw_dir, year):
    df = ws.load("population")
    got = df.query("country_iso3 == 'UKR' and year == @year")["value"].item()
    assert got == _raw_wb(raw_dir, "UKR", year)


def test_world_bank_row_count_and_aggregates(raw_dir):
    with open(raw_dir / POPULATION_FILE, encoding="utf-8") as fh:
        n = sum(1 for _ in csv.DictReader(fh))
    df = ws.load("population")
    assert len(df) == n
    assert df.loc[df["country_iso3"] == "WLD", "is_aggregate"].all()
    assert not df.loc[df["country_iso3"] == "UKR", "is_aggregate"].any()


def test_wpp2024_in_persons(raw_dir):
    proj = pyreadr.read_r(str(raw_dir / PROJ_FILE))["popproj1dt"]
    ukr = proj[(proj["country_code"] == 804) & (proj["year"] == 2024)].iloc[0]
    expected = round((ukr["popM"] + ukr["popF"]) * 1000)
    df = ws.load("population_projections")
    got = df.query("vintage == 'WPP 2024' and variant == 'medium' and country_iso3 == 'UKR' "
                   "and year == 2024")["value"].item()
    assert got == expected
    low = df.query("vintage == 'WPP 2024' and variant == 'lower_95' and country_iso3 == 'UKR' "
                   "and year == 2024")["value"].item()
    assert low == round(ukr["pop_95l"] * 1000)


def test_wpp2024_components(raw_dir):
    misc = pyreadr.read_r(str(raw_dir / MISC_FILE))["misc1dt"]
    ukr = misc[(misc["country_code"] == 804) & (misc["year"] == 2022)].iloc[0]
    df = ws.load("population_components")
    change = df.query("country_iso3 == 'UKR' and year == 2022 and measure == "
                      "'population_change'")
    assert change["value"].item() == round(ukr["PopChange"] * 1000)
    assert change["unit"].item() == "persons"
    cbr = df.query("country_iso3 == 'UKR' and year == 2022 and measure == 'crude_birth_rate'")
    assert cbr["value"].item() == pytest.approx(ukr["cbr"])


def test_wpp2019_pre_war_projection(raw_dir):
    with open(raw_dir / WPP2019_FILE, encoding="utf-8") as fh:
        row = next(r for r in csv.DictReader(fh)
                   if r["Country Code"] == "804" and r["Year"] == "2020")
    df = ws.load("population_projections")
    got = df.query("vintage == 'WPP 2019' and country_iso3 == 'UKR' and year == 2020")
    assert got["value"].item() == round(float(row["Population"]) * 1000)
    assert got["source_id"].item() == "un_wpp2019"


def test_aggregates_set_aside_are_reported(raw_dir):
    out = build_projections(raw_dir)
    rules = set(out.rejects.frame()["rule"])
    assert rules == {"wpp-m49-aggregate"}
    assert "WLD" in set(out.frame["country_iso3"])


# --- bad input -------------------------------------------------------------------------


def _rewrite(path, transform):
    text = path.read_text(encoding="utf-8")
    path.write_text(transform(text), encoding="utf-8")


def test_missing_column(raw_copy):
    root = raw_copy(POPULATION_FILE)
    _rewrite(root / POPULATION_FILE, lambda t: t.replace("Country Code,", "Code,", 1))
    with pytest.raises(SourceFormatError) as err:
        build_population(root)
    assert_names(str(err.value), "worldbank_population_sp_pop_totl.csv", "Country Code")


def test_wrong_type(raw_copy):
    root = raw_copy(POPULATION_FILE)
    _rewrite(root / POPULATION_FILE, lambda t: t.replace("Aruba,ABW,1961,55578",
                                                         "Aruba,ABW,1961,n/a"))
    with pytest.raises(SourceFormatError) as err:
        build_population(root)
    assert_names(str(err.value), "row 3", "'Value'", "n/a")


def test_negative_count(raw_copy):
    root = raw_copy(POPULATION_FILE)
    _rewrite(root / POPULATION_FILE, lambda t: t.replace("Aruba,ABW,1961,55578",
                                                         "Aruba,ABW,1961,-55578"))
    with pytest.raises(SourceFormatError) as err:
        build_population(root)
    assert_names(str(err.value), "negative", "row 3", "-55578")


def test_duplicate_key(raw_copy):
    root = raw_copy(POPULATION_FILE)
    _rewrite(root / POPULATION_FILE, lambda t: t + "Aruba,ABW,1961,55578\n")
    with pytest.raises(SourceFormatError) as err:
        build_population(root)
    assert_names(str(err.value), "duplicated", "ABW", "1961")


def test_truncated_file(raw_copy):
    root = raw_copy(POPULATION_FILE)
    path = root / POPULATION_FILE
    path.write_bytes(path.read_bytes()[:5000].rsplit(b",", 1)[0])
    with pytest.raises(SourceFormatError):
        build_population(root)


def test_header_only_and_empty(raw_copy):
    root = raw_copy(POPULATION_FILE)
    path = root / POPULATION_FILE
    path.write_text("Country Name,Country Code,Year,Value\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="no data rows"):
        build_population(root)
    path.write_text("", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="empty"):
        build_population(root)


def test_unknown_country_code_lists_all(raw_copy):
    root = raw_copy(POPULATION_FILE)
    _rewrite(root / POPULATION_FILE, lambda t: t + "Atlantis,ATL,2000,5\nLemuria,LEM,2000,6\n")
    with pytest.raises(SourceFormatError) as err:
        build_population(root)
    assert_names(str(err.value), "ATL", "LEM", "Country Code")


def test_bom_and_crlf_are_tolerated(raw_copy, raw_dir):
    root = raw_copy(POPULATION_FILE)
    path = root / POPULATION_FILE
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    clean = build_population(raw_dir).frame
    assert build_population(root).frame.equals(clean)


def test_rda_wrong_columns(tmp_path, raw_copy):
    root = raw_copy(MISC_FILE)
    frame = pyreadr.read_r(str(root / MISC_FILE))["misc1dt"].rename(columns={"births": "b"})
    pyreadr.write_rdata(str(root / MISC_FILE), frame, df_name="misc1dt")
    with pytest.raises(SourceFormatError) as err:
        build_components(root)
    assert_names(str(err.value), "misc1dt.rda", "births")


def test_rda_negative_deaths(raw_copy):
    root = raw_copy(MISC_FILE)
    frame = pyreadr.read_r(str(root / MISC_FILE))["misc1dt"]
    frame.loc[5, "deaths"] = -1.0
    pyreadr.write_rdata(str(root / MISC_FILE), frame, df_name="misc1dt")
    with pytest.raises(SourceFormatError) as err:
        build_components(root)
    assert_names(str(err.value), "negative", "row 6", "deaths")


def test_rda_garbage(raw_copy):
    root = raw_copy(MISC_FILE)
    (root / MISC_FILE).write_bytes(b"not an R file at all")
    with pytest.raises(SourceFormatError, match="cannot be read as R data"):
        build_components(root)


def test_wpp2019_dots_on_a_country_is_an_error(raw_copy):
    root = raw_copy(WPP2019_FILE, PROJ_FILE)
    path = root / WPP2019_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    idx = next(i for i, line in enumerate(lines) if ",804,2030," in line)
    parts = lines[idx].split(",")
    parts[-1] = "..."
    lines[idx] = ",".join(parts)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        build_projections(root)
    assert_names(str(err.value), f"row {idx + 1}", "Population", "...")
