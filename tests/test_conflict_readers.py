"""Conflict readers: expected values from the raw files (csv/json read here), bad input."""

from __future__ import annotations

import csv
import itertools
import json
import shutil
from pathlib import Path

import pytest

from warstats._paths import default_raw_dir
from warstats.errors import SourceFormatError
from warstats.readers.air_force import ATTACKS_FILE, WEAPONS_FILE, build_air_attacks, build_weapons
from warstats.readers.loss_claims import (
    CORRECTION_FILE,
    EQUIPMENT_FILE,
    PERSONNEL_FILE,
    build_loss_claims,
)
from warstats.readers.owid import DEATHS_COLUMN, DEATHS_FILE, build_conflict_deaths
from warstats.readers.territory import (
    DEEPSTATE_DIR,
    LIVEUAMAP_FILE,
    NZZ_FILE,
    build_occupied_area,
    polygon_area_km2,
)

RAW = default_raw_dir()


def _copy(tmp: Path, *rel: str) -> None:
    for r in rel:
        src = RAW / r
        dst = tmp / r
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copyfile(src, dst)


def _rows(rel: str) -> list[dict]:
    with open(RAW / rel, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _rewrite_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


# --- real data ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def attacks():
    return build_air_attacks(RAW)


def test_air_attacks_totals_match_raw(attacks):
    rows = _rows(ATTACKS_FILE)
    frame = attacks.frame
    assert len(frame) == len(rows)
    launched = sum(float(r["launched"]) for r in rows if r["launched"].strip())
    destroyed = sum(float(r["destroyed"]) for r in rows if r["destroyed"].strip())
    assert frame["launched"].sum() == pytest.approx(launched)
    assert frame["destroyed"].sum() == pytest.approx(destroyed)
    assert frame["launched"].isna().sum() == sum(1 for r in rows if not r["launched"].strip())
    # national rows of one known day: the raw file's first row (newest) is a national total
    first = rows[0]
    hit = frame[(frame["time_start"] == first["time_start"].strip())
                & (frame["model"] == first["model"]) & (frame["target"] == first["target"])]
    assert hit["launched"].tolist() == [float(first["launched"])]
    assert not hit["regional_row"].iloc[0]
    assert frame["date"].is_monotonic_increasing


def test_air_attacks_regional_rows_flagged(attacks):
    rows = _rows(ATTACKS_FILE)
    regional = sum(1 for r in rows if r["source"].split("/")[0].lower()
                   in {"pvkpivden", "pvkshid", "pvkzahid", "pvkcenter"}
                   or r["target"].strip().lower() in {"south", "east", "west", "north"})
    assert attacks.frame["regional_row"].sum() == regional


def test_air_attacks_rules_reported(attacks):
    rejects = attacks.rejects.frame()
    assert not attacks.rejects.untolerated()
    weapons = {r["model"] for r in _rows(WEAPONS_FILE)}
    missing = {r["model"] for r in _rows(ATTACKS_FILE)} - weapons
    reported = set(rejects.loc[rejects["column"] == "model", "value"])
    assert reported == missing
    rule = dict(zip(rejects["value"], rejects["rule"], strict=False))
    assert rule["Aerial Bomb"] == "weapon-generic-aerial-bomb"
    assert rule["Фенікс"] == "weapon-cyrillic-name"
    assert rule["Iskander-M and Iskander-K"] == "weapon-combined-name"
    one_digit = [r for r in _rows(ATTACKS_FILE) if len(r["time_start"].strip()) == 15]
    assert (rejects["rule"] == "timestamp-one-digit-hour").sum() == len(one_digit)
    frame = attacks.frame
    assert set(frame.loc[frame["model"] == "Aerial Bomb", "category"]) == {"unclassified"}
    assert set(frame.loc[frame["model"] == "Iskander-M and Iskander-K", "category"]) == {"mixed"}


def test_weapons_match_raw():
    rows = _rows(WEAPONS_FILE)
    frame = build_weapons(RAW).frame
    assert len(frame) == len(rows)
    cats = {r["model"]: r["category"] for r in rows}
    assert dict(zip(frame["model"], frame["category"], strict=True)) == cats


def test_occupied_area_matches_raw():
    frame = build_occupied_area(RAW).frame
    live = _rows(LIVEUAMAP_FILE)
    nzz = json.loads((RAW / NZZ_FILE).read_text(encoding="utf-8"))
    lv = frame[frame["series"] == "liveuamap"]
    assert len(lv) == len(live)
    assert lv["area_km2"].iloc[0] == pytest.approx(float(live[0]["area"]), abs=0.05)
    assert len(frame[frame["series"] == "nzz"]) == len(nzz)
    assert frame[frame["series"] == "nzz"]["area_km2"].max() == pytest.approx(
        max(nzz.values()), abs=0.05)
    ds = frame[frame["series"] == "deepstatemap"].set_index("date")
    assert len(ds) == len(list((RAW / DEEPSTATE_DIR).glob("*.geojson")))
    # SOURCES.md sanity check: ~109.4k km² on 2024-07-08 in EPSG:6933
    assert ds.loc["2024-07-08", "area_km2"] == pytest.approx(109_400, abs=150)
    assert ds.loc["2024-07-08", "share_pct"] == pytest.approx(
        ds.loc["2024-07-08", "area_km2"] / 603_550 * 100, abs=0.001)


def test_equal_area_choice_agrees_with_ukraine_laea():
    import shapely
    from pyproj import Transformer
    from shapely.geometry import shape

    path = RAW / DEEPSTATE_DIR / "deepstatemap_data_20240708.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    laea = Transformer.from_crs("EPSG:4326", "+proj=laea +lat_0=48.5 +lon_0=31.5 +units=m",
                                always_xy=True)
    import numpy as np

    geom = shape(doc["features"][0]["geometry"])
    other = shapely.transform(geom, lambda xy: np.column_stack(laea.transform(xy[:, 0],
                                                                              xy[:, 1])))
    assert polygon_area_km2(doc, path) == pytest.approx(other.area / 1e6, rel=1e-4)


def test_loss_claims_match_raw():
    out = build_loss_claims(RAW)
    frame = out.frame
    personnel = json.loads((RAW / PERSONNEL_FILE).read_text(encoding="utf-8"))
    equipment = json.loads((RAW / EQUIPMENT_FILE).read_text(encoding="utf-8"))
    corrections = json.loads((RAW / CORRECTION_FILE).read_text(encoding="utf-8"))
    last = frame[frame["date"] == frame["date"].max()].set_index("measure")["value"]
    assert last["personnel"] == personnel[-1]["personnel"]
    assert last["tanks"] == equipment[-1]["tank"]
    assert (frame["measure"] == "tanks").sum() == sum(1 for r in equipment if "tank" in r)
    nonzero = sum(1 for c in corrections for k, v in c.items()
                  if k not in ("date", "day") and v != 0)
    rejects = out.rejects.frame()
    assert (rejects["rule"] == "claims-correction").sum() == nonzero
    # decreases with no correction entry, found here from the raw json
    corr = {(c["date"], k) for c in corrections for k, v in c.items() if v}
    found = 0
    for key in ("tank", "field artillery", "aircraft", "APC"):
        series = [(r["date"], r[key]) for r in equipment if key in r]
        for (_, prev), (date, now) in itertools.pairwise(series):
            if now < prev and (date, key) not in corr:
                found += 1
    assert (rejects["rule"] == "claims-unexplained-decrease").sum() == found == 2
    assert frame["unexplained_decrease"].sum() == 2


def test_conflict_deaths_match_raw():
    rows = _rows(DEATHS_FILE)
    out = build_conflict_deaths(RAW)
    frame = out.frame
    assert len(frame) == len(rows)
    ukr = next(r for r in rows if r["Code"] == "UKR" and r["Year"] == "2022")
    got = frame[(frame["country_iso3"] == "UKR") & (frame["year"] == 2022)]["value"]
    assert got.tolist() == [float(ukr[DEATHS_COLUMN])]
    historic = {r["Code"] for r in rows if r["Code"].startswith("OWID_")} - {"OWID_KOS"}
    assert set(out.rejects.frame()["value"]) == historic
    assert frame.loc[frame["entity_code"] == "OWID_KOS", "country_iso3"].iloc[0] == "XKX"


# --- bad input ---------------------------------------------------------------------------

def _attack_rows(tmp_path):
    _copy(tmp_path, ATTACKS_FILE, WEAPONS_FILE)
    return _rows(ATTACKS_FILE)


@pytest.mark.parametrize("column,value,problem", [
    ("time_start", "06/06/2026 18:00", "timestamp cannot be parsed"),
    ("time_end", "2026-13-06 18:00", "not a real date"),
    ("launched", "many", "not numbers"),
    ("destroyed", "-3", "negative count"),
    ("time_start", "2021-06-06 18:00", "outside the war"),
])
def test_air_attacks_bad_values(tmp_path, column, value, problem):
    rows = _attack_rows(tmp_path)
    rows[4][column] = value
    _rewrite_csv(tmp_path / ATTACKS_FILE, rows)
    with pytest.raises(SourceFormatError) as info:
        build_air_attacks(tmp_path)
    msg = str(info.value)
    assert problem in msg and "missile_attacks_daily.csv" in msg
    assert "row 6" in msg and repr(column) in msg and value in msg


def test_air_attacks_renamed_column(tmp_path):
    rows = _attack_rows(tmp_path)
    rows = [{("launch" if k == "launched" else k): v for k, v in r.items()} for r in rows]
    _rewrite_csv(tmp_path / ATTACKS_FILE, rows)
    with pytest.raises(SourceFormatError, match=r"missing \['launched'\]"):
        build_air_attacks(tmp_path)


def test_air_attacks_duplicate_record(tmp_path):
    rows = _attack_rows(tmp_path)
    _rewrite_csv(tmp_path / ATTACKS_FILE, [*rows, rows[0]])
    with pytest.raises(SourceFormatError, match="duplicated record"):
        build_air_attacks(tmp_path)


def test_air_attacks_unknown_model_fails_build(tmp_path):
    rows = _attack_rows(tmp_path)
    rows[2]["model"] = "Mystery-9"
    _rewrite_csv(tmp_path / ATTACKS_FILE, rows)
    out = build_air_attacks(tmp_path)
    bad = out.rejects.untolerated()
    assert [(r.row, r.value, r.rule) for r in bad] == [("4", "Mystery-9", "weapon-unknown")]


def test_air_attacks_destroyed_over_launched_set_aside(tmp_path):
    rows = _attack_rows(tmp_path)
    rows[0]["destroyed"] = str(float(rows[0]["launched"]) + 5)
    _rewrite_csv(tmp_path / ATTACKS_FILE, rows)
    out = build_air_attacks(tmp_path)
    assert len(out.frame) == len(rows) - 1
    rej = out.rejects.frame()
    hit = rej[rej["rule"] == "destroyed-exceeds-launched"]
    assert hit["row"].tolist() == ["2"] and hit["column"].tolist() == ["destroyed"]


def test_weapons_truncated(tmp_path):
    _copy(tmp_path, WEAPONS_FILE)
    (tmp_path / WEAPONS_FILE).write_text("model,category\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"missiles_and_uavs\.csv"):
        build_weapons(tmp_path)


def _territory(tmp_path):
    _copy(tmp_path, LIVEUAMAP_FILE, NZZ_FILE, DEEPSTATE_DIR)


def test_invalid_polygon(tmp_path):
    _territory(tmp_path)
    path = tmp_path / DEEPSTATE_DIR / "deepstatemap_data_20240801.geojson"
    bowtie = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
              "geometry": {"type": "Polygon", "coordinates": [[[30, 48], [31, 49], [31, 48],
                                                               [30, 49], [30, 48]]]}}]}
    path.write_text(json.dumps(bowtie), encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        build_occupied_area(tmp_path)
    msg = str(info.value)
    assert "invalid polygon" in msg and "deepstatemap_data_20240801" in msg
    assert "feature 1" in msg and "'geometry'" in msg and "Self-intersection" in msg


def test_truncated_geojson(tmp_path):
    _territory(tmp_path)
    path = tmp_path / DEEPSTATE_DIR / "deepstatemap_data_20240901.geojson"
    path.write_text(path.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    with pytest.raises(SourceFormatError, match="not valid JSON"):
        build_occupied_area(tmp_path)


def test_liveuamap_bad_date_and_value(tmp_path):
    _territory(tmp_path)
    rows = _rows(LIVEUAMAP_FILE)
    rows[9]["date"] = "2022-03-01T00:00"
    _rewrite_csv(tmp_path / LIVEUAMAP_FILE, rows)
    with pytest.raises(SourceFormatError) as info:
        build_occupied_area(tmp_path)
    assert "row 11" in str(info.value) and "2022-03-01T00:00" in str(info.value)
    rows = _rows(LIVEUAMAP_FILE)
    rows[3]["area"] = "9999999"
    _rewrite_csv(tmp_path / LIVEUAMAP_FILE, rows)
    with pytest.raises(SourceFormatError, match="exceeds Ukraine's area"):
        build_occupied_area(tmp_path)


def test_nzz_non_numeric(tmp_path):
    _territory(tmp_path)
    doc = json.loads((RAW / NZZ_FILE).read_text(encoding="utf-8"))
    key = list(doc)[5]
    doc[key] = "lots"
    (tmp_path / NZZ_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        build_occupied_area(tmp_path)
    assert key in str(info.value) and "'area'" in str(info.value) and "lots" in str(info.value)


def _claims(tmp_path):
    _copy(tmp_path, PERSONNEL_FILE, EQUIPMENT_FILE, CORRECTION_FILE)


@pytest.mark.parametrize("field,value,problem", [
    ("tank", -4, "whole number >= 0"), ("tank", "many", "whole number"),
    ("date", "2022/03/01", "date cannot be parsed"), ("rockets", 3, "unknown field"),
])
def test_loss_claims_bad_values(tmp_path, field, value, problem):
    _claims(tmp_path)
    doc = json.loads((RAW / EQUIPMENT_FILE).read_text(encoding="utf-8"))
    doc[10][field] = value
    (tmp_path / EQUIPMENT_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SourceFormatError) as info:
        build_loss_claims(tmp_path)
    msg = str(info.value)
    assert problem in msg and "russia_losses_equipment.json" in msg and repr(field) in msg


def test_loss_claims_truncated_and_orphan_correction(tmp_path):
    _claims(tmp_path)
    path = tmp_path / PERSONNEL_FILE
    path.write_text(path.read_text(encoding="utf-8")[:300], encoding="utf-8")
    with pytest.raises(SourceFormatError, match="not valid JSON"):
        build_loss_claims(tmp_path)
    _copy(tmp_path, PERSONNEL_FILE)
    doc = json.loads((RAW / CORRECTION_FILE).read_text(encoding="utf-8"))
    doc[0]["date"] = "2022-02-24"
    (tmp_path / CORRECTION_FILE).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"correction for a date/measure with no claim"):
        build_loss_claims(tmp_path)


@pytest.mark.parametrize("column,value,problem", [
    ("Code", "ZZZ", "cannot be mapped"), ("Year", "2031", "outside the UCDP series"),
    (DEATHS_COLUMN, "n/a", "not numbers"), (DEATHS_COLUMN, "-1", "negative count"),
])
def test_conflict_deaths_bad_values(tmp_path, column, value, problem):
    _copy(tmp_path, DEATHS_FILE)
    rows = _rows(DEATHS_FILE)
    rows[7][column] = value
    _rewrite_csv(tmp_path / DEATHS_FILE, rows)
    with pytest.raises(SourceFormatError) as info:
        build_conflict_deaths(tmp_path)
    msg = str(info.value)
    assert problem in msg and "owid_ucdp" in msg and value in msg


def test_conflict_deaths_duplicate(tmp_path):
    _copy(tmp_path, DEATHS_FILE)
    rows = _rows(DEATHS_FILE)
    _rewrite_csv(tmp_path / DEATHS_FILE, [*rows, rows[3]])
    with pytest.raises(SourceFormatError, match="duplicated record"):
        build_conflict_deaths(tmp_path)
