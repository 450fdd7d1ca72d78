"""occupied_area_by_oblast: shares where the answer is known, sums against the national area."""

from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest

import warstats as ws
from warstats.errors import IntegrityError
from warstats.readers.boundaries import BOUNDARIES_STEM
from warstats.readers.territory import DEEPSTATE_DIR

#: Stated tolerance: the oblast sum is below the national DeepState area by the part of the
#: polygon outside OCHA's land boundary (Sivash lagoon ≈ 2,060 km², coastal slivers).
MAX_GAP_PCT = 2.5


@pytest.fixture(scope="module")
def by_oblast():
    return ws.load("occupied_area_by_oblast")


def test_every_deepstate_map_date_is_covered(by_oblast, raw_dir):
    files = sorted((raw_dir / DEEPSTATE_DIR).glob("deepstatemap_data_*.geojson"))
    dates = {pd.Timestamp(re.search(r"(\d{8})", p.name).group(1)) for p in files}
    assert set(by_oblast["date"]) == dates
    assert (by_oblast.groupby("date").size() == 27).all()


def test_crimea_and_sevastopol_occupied_lviv_not_on_every_date(by_oblast):
    share = by_oblast.pivot(index="date", columns="oblast_pcode", values="share_pct")
    assert (share["UA01"] >= 99).all()
    assert (share["UA85"] >= 99).all()
    assert (share["UA46"] == 0).all()
    assert (by_oblast.loc[by_oblast["oblast_pcode"] == "UA46", "occupied_km2"] == 0).all()


def test_oblast_sum_against_national_figure(by_oblast):
    national = ws.load("occupied_area").query("series == 'deepstatemap'").set_index("date")
    total = by_oblast.groupby("date")["occupied_km2"].sum()
    gap_pct = (national["area_km2"] - total) / national["area_km2"] * 100
    assert len(gap_pct.dropna()) == len(total)
    assert gap_pct.between(0, MAX_GAP_PCT).all()


def _geodesic_km2(geom) -> float:
    from pyproj import Geod

    return abs(Geod(ellps="WGS84").geometry_area_perimeter(geom)[0]) / 1e6


def test_gap_is_exactly_the_area_outside_the_boundaries(by_oblast, raw_dir):
    """Independent check (pyproj Geod, not the code's projection): oblast sum + outside = all."""
    import shapefile
    import shapely
    from shapely.geometry import shape

    with shapefile.Reader(str(raw_dir / BOUNDARIES_STEM), encoding="utf-8") as reader:
        land = shapely.union_all([shape(s.__geo_interface__) for s in reader.shapes()])
    for name in ("deepstatemap_data_20240708.geojson", "deepstatemap_data_20260822.geojson"):
        doc = json.loads((raw_dir / DEEPSTATE_DIR / name).read_text(encoding="utf-8"))
        occupied = shapely.union_all([shape(f["geometry"]) for f in doc["features"]])
        outside = _geodesic_km2(shapely.difference(occupied, land))
        date = pd.Timestamp(name[18:26])
        total = by_oblast.loc[by_oblast["date"] == date, "occupied_km2"].sum()
        assert total + outside == pytest.approx(_geodesic_km2(occupied), rel=5e-4)
        assert 2_000 < outside < 3_000  # the Sivash lagoon and coastal slivers


def test_hand_worked_split_between_two_oblasts():
    from shapely.geometry import box

    from warstats.readers.territory_oblasts import occupied_by_oblast

    oblasts = pd.DataFrame({"pcode": ["A", "B", "C"],
                            "geometry": [box(30, 50, 31, 51), box(31, 50, 32, 51),
                                         box(35, 50, 36, 51)]})
    occupied = box(30.5, 50, 31.5, 51)  # half of A and half of B, nothing of C
    a, b, c = occupied_by_oblast(occupied, oblasts)
    half = _geodesic_km2(box(30, 50, 31, 51)) / 2
    assert a == pytest.approx(half, rel=1e-3) and b == pytest.approx(half, rel=1e-3)
    assert c == 0.0


def test_map_outside_the_boundaries_is_refused(tmp_path, raw_dir):
    from warstats.readers.territory_oblasts import build_occupied_area_by_oblast

    for ext in (".shp", ".shx", ".dbf", ".prj"):
        target = tmp_path / (BOUNDARIES_STEM + ext)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(raw_dir / (BOUNDARIES_STEM + ext), target)
    folder = tmp_path / DEEPSTATE_DIR
    folder.mkdir(parents=True)
    sea = {"type": "Polygon", "coordinates": [[[31, 43.5], [32, 43.5], [32, 44], [31, 43.5]]]}
    (folder / "deepstatemap_data_20250101.geojson").write_text(json.dumps(
        {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": sea}]}))
    with pytest.raises(IntegrityError) as err:
        build_occupied_area_by_oblast(tmp_path)
    assert "deepstatemap_data_20250101.geojson" in str(err.value)
    assert "tolerance" in str(err.value)
