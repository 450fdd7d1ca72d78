"""UNHCR readers (refugees_europe, refugees_by_host, refugees_global): raw values, bad input."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from warstats._paths import default_raw_dir
from warstats.errors import SourceFormatError
from warstats.readers.one_campaign import (
    EXPORT_DIR,
    EXPORTS,
    MONTHLY_FILE,
    build_refugees_by_host,
)
from warstats.readers.unhcr_odp import (
    BUNDLE_FILE,
    BY_COUNTRY_FILE,
    TIMESERIES_FILE,
    build_refugees_europe,
)
from warstats.readers.unhcr_popstats import POPULATION_FILE, build_refugees_global

RAW = default_raw_dir()
HOST_FILES = [f"{EXPORT_DIR}/{n}_hcr_data.csv" for n in EXPORTS] + [BY_COUNTRY_FILE,
                                                                     MONTHLY_FILE]
EUROPE_FILES = [BUNDLE_FILE, TIMESERIES_FILE]
MID_JAN = f"{EXPORT_DIR}/mid_january_hcr_data.csv"


def _copy(tmp_path: Path, rels: list[str]) -> Path:
    for rel in rels:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RAW / rel, tmp_path / rel)
    return tmp_path


def _csv(rel: str) -> list[dict]:
    with open(RAW / rel, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _rewrite_csv(tmp_path: Path, rel: str, fn) -> None:
    path = tmp_path / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(fn(text), encoding="utf-8")


def _json(rel: str) -> dict:
    return json.loads((RAW / rel).read_text(encoding="utf-8"))


def _write_json(tmp_path: Path, rel: str, data) -> None:
    (tmp_path / rel).write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="module")
def hosts():
    return build_refugees_by_host(RAW)


# --- refugees_europe --------------------------------------------------------------------

def test_europe_series_matches_raw_records():
    out = build_refugees_europe(RAW).frame
    bundle = _json(BUNDLE_FILE)["refugees_series_data"]
    ocha = out[out["source_id"] == "ocha_ude_refugees"].sort_values("date")
    assert len(ocha) == len(bundle) == 470
    assert ocha["value"].iloc[-1] == float(bundle[-1]["#affected+refugees"])  # 5,982,920
    assert ocha["date"].iloc[-1] == pd.Timestamp(bundle[-1]["#affected+date+refugees"])
    snap = _json(TIMESERIES_FILE)["data"]["timeseries"]
    odp = out[out["source_id"] == "unhcr_odp_timeseries_2022_08"].set_index("date")["value"]
    assert odp[pd.Timestamp(snap[-1]["data_date"])] == snap[-1]["individuals"]  # 6,307,137
    assert odp[pd.Timestamp("2022-04-25")] == 85_000


def test_europe_bad_number_in_bundle(tmp_path):
    _copy(tmp_path, EUROPE_FILES)
    data = _json(BUNDLE_FILE)
    data["refugees_series_data"][9]["#affected+refugees"] = "about 2 million"
    _write_json(tmp_path, BUNDLE_FILE, data)
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_europe(tmp_path)
    msg = str(exc.value)
    assert "refugees_series_data[10]" in msg and "#affected+refugees" in msg
    assert "about 2 million" in msg and "ocha_ukraine_data_explorer" in msg


def test_europe_duplicated_date_in_bundle(tmp_path):
    _copy(tmp_path, EUROPE_FILES)
    data = _json(BUNDLE_FILE)
    data["refugees_series_data"][5]["#affected+date+refugees"] = \
        data["refugees_series_data"][4]["#affected+date+refugees"]
    _write_json(tmp_path, BUNDLE_FILE, data)
    with pytest.raises(SourceFormatError, match="duplicated record"):
        build_refugees_europe(tmp_path)


@pytest.mark.parametrize("field,value,problem", [
    ("individuals", -3, "negative"), ("individuals", "n/a", "not numbers"),
    ("data_date", "2022-05-04", "disagrees with unix_timestamp"),
    ("data_date", "2099-01-01", "future"),
])
def test_odp_timeseries_bad_records(tmp_path, field, value, problem):
    _copy(tmp_path, EUROPE_FILES)
    data = _json(TIMESERIES_FILE)
    data["data"]["timeseries"][2][field] = value
    _write_json(tmp_path, TIMESERIES_FILE, data)
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_europe(tmp_path)
    msg = str(exc.value)
    assert problem in msg and "data.timeseries[3]" in msg and str(value) in msg
    assert "unhcr_odp_timeseries" in msg


def test_odp_timeseries_truncated_and_missing_field(tmp_path):
    _copy(tmp_path, EUROPE_FILES)
    path = tmp_path / TIMESERIES_FILE
    path.write_text(path.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    with pytest.raises(SourceFormatError, match="not valid JSON"):
        build_refugees_europe(tmp_path)
    data = _json(TIMESERIES_FILE)
    del data["data"]["timeseries"][0]["individuals"]
    _write_json(tmp_path, TIMESERIES_FILE, data)
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_europe(tmp_path)
    assert "data.timeseries[1]" in str(exc.value) and "individuals" in str(exc.value)


# --- refugees_by_host -------------------------------------------------------------------

def test_host_value_on_snapshot_date_matches_raw(hosts):
    raw = {r["iso_code"]: r for r in _csv(MID_JAN)}
    pol = raw["POL"]
    date = pd.to_datetime(pol["Data Date"], format="%d %B %Y")
    f = hosts.frame
    got = f[(f["source_id"] == "unhcr_odp_country_tables_2022") & (f["country_iso3"] == "POL")
            & (f["date"] == date)].set_index("measure")
    col = "Individual refugees from Ukraine recorded across Europe"
    assert got.loc["refugees_recorded", "value"] == float(pol[col])  # 1,563,386
    assert got.loc["border_crossings_out", "value"] == float(pol["Border crossings from Ukraine*"])
    assert got.loc["border_crossings_out", "kind"] == "cumulative"


def test_text_missing_values_and_asterisks(hosts):
    rus = hosts.frame.query("source_id == 'unhcr_odp_country_tables_2022' and "
                            "country_iso3 == 'RUS'")
    tp = rus[rus["measure"] == "temporary_protection"]
    assert tp["value"].isna().all() and set(tp["missing_reason"]) == {"not_applicable"}
    back = rus[rus["measure"] == "border_crossings_in"]
    assert back["value"].isna().all() and set(back["missing_reason"]) == {"not_available"}
    rules = hosts.rejects.frame()["rule"]
    assert {"footnote-asterisk", "one-export-repeat", "one-blank-cell",
            "unhcr-text-missing"} <= set(rules)
    assert not hosts.rejects.untolerated()


def test_exports_stored_once_per_country_date(hosts):
    keys = set()
    for name in EXPORTS:
        for r in _csv(f"{EXPORT_DIR}/{name}_hcr_data.csv"):
            keys.add((r["iso_code"], pd.to_datetime(r["Data Date"], format="%d %B %Y")))
    exp = hosts.frame.query("source_id == 'unhcr_odp_country_tables_2022' and "
                            "measure == 'refugees_recorded'")
    assert len(exp) == len(keys)


def test_odp_by_country_and_monthly_values(hosts):
    odp = hosts.frame.query("source_id == 'unhcr_odp_by_country_2022_08'")
    raw = _json(BY_COUNTRY_FILE)["data"]
    assert odp["value"].sum() == sum(int(r["individuals"]) for r in raw) == 6_307_137
    assert odp.query("country_iso3 == 'SRB'")["value"].tolist() == [14_366.0]
    monthly = {(r["iso_code"], r["Data Date"]): r for r in _csv(MONTHLY_FILE)}
    deu = monthly[("DEU", "04-2025")]["Refugees from Ukraine recorded in country as of date"]
    april = pd.Timestamp("2025-04-01")
    f = hosts.frame
    got = f[(f["source_id"] == "one_unhcr_monthly") & (f["country_iso3"] == "DEU")
            & (f["date"] == april)]
    assert got["value"].tolist() == [float(deu)] and got["date_precision"].tolist() == ["month"]


@pytest.mark.parametrize("old,new,problem", [
    ("1563386", "1.5 million", "not numbers"), ("1563386", "-1563386", "negative"),
    ("\nPOL,Poland,", "\nPOL,Polandia,", "cannot be mapped"),
    ("\nROU,Romania,", "\nROU,Poland,", "iso_code disagrees"),
])
def test_export_bad_values(tmp_path, old, new, problem):
    _copy(tmp_path, HOST_FILES)
    _rewrite_csv(tmp_path, MID_JAN, lambda t: t.replace(old, new, 1))
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_by_host(tmp_path)
    msg = str(exc.value)
    assert problem in msg and "mid_january_hcr_data.csv" in msg


def test_export_unknown_countries_listed_together(tmp_path):
    _copy(tmp_path, HOST_FILES)
    _rewrite_csv(tmp_path, MID_JAN, lambda t: t.replace(",Poland,", ",Polandia,").replace(
        ",Romania,", ",Rumania,"))
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_by_host(tmp_path)
    assert "Polandia" in str(exc.value) and "Rumania" in str(exc.value)


def test_export_renamed_column_and_duplicate_country(tmp_path):
    _copy(tmp_path, HOST_FILES)
    _rewrite_csv(tmp_path, MID_JAN, lambda t: t.replace("Data Date", "Date", 1))
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_by_host(tmp_path)
    assert "Data Date" in str(exc.value) and "row 1" in str(exc.value)
    _copy(tmp_path, HOST_FILES)
    extra = "\nPOL,Poland,11 January 2023,1,1,1,1\n"
    _rewrite_csv(tmp_path, MID_JAN, lambda t: t.rstrip("\n") + extra)
    with pytest.raises(SourceFormatError, match="duplicated record"):
        build_refugees_by_host(tmp_path)


def test_export_conflicting_repeat_is_untolerated(tmp_path):
    _copy(tmp_path, HOST_FILES)
    late = f"{EXPORT_DIR}/early_january_hcr_data.csv"
    # RUS keeps its 03 October 2022 date across exports: change it in one export only
    _rewrite_csv(tmp_path, late, lambda t: t.replace("2852395,Not applicable,2852395",
                                                     "2852000,Not applicable,2852395"))
    out = build_refugees_by_host(tmp_path)
    bad = out.rejects.untolerated()
    assert bad and bad[0].rule == "one-export-repeat" and "2852000" in bad[0].value


def test_monthly_bad_month_and_duplicate(tmp_path):
    _copy(tmp_path, HOST_FILES)
    _rewrite_csv(tmp_path, MONTHLY_FILE, lambda t: t.replace("DEU,Germany,04-2025",
                                                             "DEU,Germany,13-2025"))
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_by_host(tmp_path)
    assert "13-2025" in str(exc.value) and "Data Date" in str(exc.value)
    _copy(tmp_path, HOST_FILES)
    _rewrite_csv(tmp_path, MONTHLY_FILE, lambda t: t.replace("POL,Poland,04-2025",
                                                             "DEU,Germany,04-2025"))
    with pytest.raises(SourceFormatError):
        build_refugees_by_host(tmp_path)


def test_odp_by_country_wrong_group(tmp_path):
    _copy(tmp_path, HOST_FILES)
    data = _json(BY_COUNTRY_FILE)
    data["data"][3]["population_group_id"] = "5460"
    _write_json(tmp_path, BY_COUNTRY_FILE, data)
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_by_host(tmp_path)
    assert "data[4]" in str(exc.value) and "5460" in str(exc.value)


# --- refugees_global --------------------------------------------------------------------

@pytest.fixture(scope="module")
def population_rda():
    import pyreadr

    return pyreadr.read_r(str(RAW / POPULATION_FILE))["population"]


def test_global_ukraine_totals_match_raw(population_rda):
    out = build_refugees_global(RAW).frame
    raw = population_rda[population_rda["coo_iso"] == "UKR"].groupby("year")["refugees"].sum()
    got = out.query("coo_iso == 'UKR' and measure == 'refugees'").groupby("year")["value"].sum()
    for year in (2022, 2023, 2024, 2025):
        assert got[year] == raw[float(year)]
    assert got[2024] == 5_120_036
    cells = sum(int((population_rda[m].fillna(0) != 0).sum()) for m in
                ("refugees", "asylum_seekers", "idps", "returned_refugees", "returned_idps",
                 "stateless", "ooc", "oip", "hst"))
    assert len(out) == cells


def _write_rda(tmp_path: Path, frame: pd.DataFrame) -> None:
    import pyreadr

    path = tmp_path / POPULATION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    pyreadr.write_rdata(str(path), frame, df_name="population")


@pytest.mark.parametrize("change,problem", [
    (lambda f: f.rename(columns={"coa_iso": "asylum_iso"}), "header differs"),
    (lambda f: f.assign(refugees=f["refugees"].where(f.index != 7, -1.0)), "negative"),
    (lambda f: f.assign(refugees=f["refugees"].where(f.index != 7, 2.5)), "whole number"),
    (lambda f: f.assign(coo_iso=f["coo_iso"].where(f.index != 7, "QQQ")), "QQQ"),
    (lambda f: pd.concat([f, f.iloc[[7]]], ignore_index=True), "duplicated record"),
])
def test_global_bad_input(tmp_path, population_rda, change, problem):
    _write_rda(tmp_path, change(population_rda.head(500).copy()))
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_global(tmp_path)
    assert problem in str(exc.value) and "population.rda" in str(exc.value)


def test_global_corrupt_file(tmp_path):
    path = tmp_path / POPULATION_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((RAW / POPULATION_FILE).read_bytes()[:1000])
    with pytest.raises(SourceFormatError, match="cannot be read as R data"):
        build_refugees_global(tmp_path)


def test_export_blank_refugee_cell_and_missing_file(tmp_path):
    _copy(tmp_path, HOST_FILES)
    _rewrite_csv(tmp_path, MID_JAN, lambda t: t.replace(
        "POL,Poland,10 January 2023,1563386,", "POL,Poland,10 January 2023,,", 1))
    with pytest.raises(SourceFormatError) as exc:
        build_refugees_by_host(tmp_path)
    msg = str(exc.value)
    assert "blank" in msg and "row 3" in msg and "recorded across Europe" in msg
    (tmp_path / MID_JAN).unlink()
    with pytest.raises(SourceFormatError, match="file not found"):
        build_refugees_by_host(tmp_path)
