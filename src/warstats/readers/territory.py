"""Occupied territory of Ukraine: three map-based series, kept apart (never spliced here).

* ``territory/liveuamap_territory_area_km2.csv``: daily area (km²) computed by
  conflict-investigations from liveuamap polygons; includes Crimea and the areas held before
  24 Feb 2022.
* ``territory/nzz_area_occupied.json``: ``{ISO timestamp: km²}`` from NZZ map data, a
  different baseline (pre-2022 areas only partly included).
* ``territory/deepstatemap_monthly/deepstatemap_data_YYYYMMDD.geojson``: DeepStateMap
  occupied-territory polygons (EPSG:4326 / CRS84). warstats computes their area itself.

Area method: each polygon is projected with pyproj to **EPSG:6933** (WGS 84 / NSIDC EASE-Grid
2.0 Global, a cylindrical *equal-area* projection) and measured with shapely. Equal-area
projections preserve area everywhere, so no Ukraine-specific parameters are needed and the
result does not depend on a hand-picked standard parallel; a Ukraine-centred Lambert azimuthal
equal-area projection agrees to within 0.01 % (tested). Invalid polygons are never repaired
silently: they raise :class:`SourceFormatError` naming file, feature and the reason.

Shares are ``area_km2 / Ukraine's internationally recognised area`` (``seeds/figures.csv``,
figure ``ukr_area_km2``), in percent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError
from warstats.geo.area import EQUAL_AREA_CRS
from warstats.provenance.registry import get_source
from warstats.readers.common import (
    ReaderOutput,
    check_unique,
    parse_dates,
    parse_numbers,
    read_csv_checked,
    read_text,
    source_columns,
)

LIVEUAMAP_FILE = "territory/liveuamap_territory_area_km2.csv"
NZZ_FILE = "territory/nzz_area_occupied.json"
DEEPSTATE_DIR = "territory/deepstatemap_monthly"
_DS_NAME = re.compile(r"^deepstatemap_data_(\d{8})\.geojson$")
SERIES = {"liveuamap_area": "liveuamap", "nzz_area": "nzz", "deepstatemap": "deepstatemap"}
BASELINE = {
    "liveuamap_area": "all Russian-held area incl. Crimea and areas held before 2022",
    "nzz_area": "occupied area; pre-2022 areas only partly included",
    "deepstatemap": "occupied area incl. Crimea and areas held before 2022",
}


def ukraine_area_km2() -> tuple[float, str]:
    """Ukraine's internationally recognised area and where it was documented (seeds)."""
    from warstats.readers.seeds import read_figures

    figures = read_figures()
    row = figures[figures["figure_id"] == "ukr_area_km2"]
    if row.empty:
        raise SourceFormatError("seeds/figures.csv", "figure ukr_area_km2 is missing",
                                column="figure_id", expected="a row ukr_area_km2")
    return float(row["value"].iloc[0]), str(row["url"].iloc[0])


def read_liveuamap(raw_dir: Path) -> pd.DataFrame:
    path = raw_dir / LIVEUAMAP_FILE
    raw = read_csv_checked(path, ("date", "area"))
    dates = parse_dates(raw, "date", path, fmt="%Y-%m-%d %H:%M:%S",
                        earliest=pd.Timestamp("2014-01-01").date())
    area = parse_numbers(raw, "area", path)
    frame = pd.DataFrame({"date": dates, "area_km2": area, "_row": raw["_row"]})
    check_unique(frame, ["date"], path)
    return frame


def read_nzz(raw_dir: Path) -> pd.DataFrame:
    path = raw_dir / NZZ_FILE
    text = read_text(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=exc.lineno,
                                value=text[max(exc.pos - 20, 0): exc.pos + 20],
                                expected="a JSON object {timestamp: km²}") from None
    if not isinstance(doc, dict) or not doc:
        raise SourceFormatError(path, "top level is not a non-empty object",
                                value=type(doc).__name__, expected="{timestamp: km²}")
    raw = pd.DataFrame({"date": list(doc), "area": [str(v) for v in doc.values()]})
    raw.insert(0, "_row", [f"key {k}" for k in doc])
    for idx, value in enumerate(doc.values()):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SourceFormatError(path, "area is not a number", row=raw.at[idx, "_row"],
                                    column="area", value=value, expected="a number (km²)")
    dates = parse_dates(raw, "date", path, fmt="%Y-%m-%dT%H:%M:%S.%f",
                        earliest=pd.Timestamp("2014-01-01").date())
    return pd.DataFrame({"date": dates.dt.normalize(),
                         "area_km2": parse_numbers(raw, "area", path), "_row": raw["_row"]})


def polygon_geometries(geojson: dict, path: Path) -> list:
    """The validated (multi)polygons of a GeoJSON document's features, lon/lat.

    Raises :class:`SourceFormatError` on a missing or invalid geometry (self-intersection,
    unclosed ring…), naming the feature and shapely's reason.
    """
    import shapely
    from shapely.geometry import shape

    features = geojson.get("features") if isinstance(geojson, dict) else None
    if not features:
        raise SourceFormatError(path, "no features", column="features",
                                expected="a FeatureCollection with a MultiPolygon feature")
    geoms = []
    for i, feature in enumerate(features, start=1):
        geometry = (feature or {}).get("geometry")
        kind = (geometry or {}).get("type")
        if kind not in ("Polygon", "MultiPolygon"):
            raise SourceFormatError(path, "feature is not a polygon", row=f"feature {i}",
                                    column="geometry.type", value=kind,
                                    expected="Polygon or MultiPolygon")
        try:
            geom = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            raise SourceFormatError(path, f"geometry cannot be built ({exc})",
                                    row=f"feature {i}", column="geometry",
                                    expected="closed rings of [lon, lat] pairs") from None
        if geom.is_empty or not geom.is_valid:
            reason = "empty" if geom.is_empty else shapely.is_valid_reason(geom)
            raise SourceFormatError(path, "invalid polygon", row=f"feature {i}",
                                    column="geometry", value=reason,
                                    expected="a valid (multi)polygon (no self-intersections)")
        minx, miny, maxx, maxy = geom.bounds
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            raise SourceFormatError(path, "coordinates outside longitude/latitude range",
                                    row=f"feature {i}", column="geometry",
                                    value=geom.bounds, expected="EPSG:4326 lon/lat")
        geoms.append(geom)
    return geoms


def polygon_area_km2(geojson: dict, path: Path) -> float:
    """Area in km² of the (multi)polygon features of a GeoJSON document, in EPSG:6933.

    Raises :class:`SourceFormatError` on a missing or invalid geometry (see
    :func:`polygon_geometries`).
    """
    from warstats.geo.area import area_km2

    return sum(area_km2(geom) for geom in polygon_geometries(geojson, path))


def deepstate_maps(raw_dir: Path) -> list[tuple[pd.Timestamp, Path, dict]]:
    """``(date, path, GeoJSON document)`` for every DeepStateMap file, oldest first."""
    folder = raw_dir / DEEPSTATE_DIR
    files = sorted(p for p in folder.glob("*.geojson")) if folder.is_dir() else []
    if not files:
        raise SourceFormatError(folder, "no DeepStateMap GeoJSON files",
                                expected="deepstatemap_data_YYYYMMDD.geojson files")
    maps = []
    for path in files:
        match = _DS_NAME.match(path.name)
        date = pd.to_datetime(match.group(1), format="%Y%m%d", errors="coerce") if match else None
        if date is None or pd.isna(date):
            raise SourceFormatError(path, "file name does not carry a valid date",
                                    column="file name", value=path.name,
                                    expected="deepstatemap_data_YYYYMMDD.geojson")
        text = read_text(path)
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SourceFormatError(path, f"not valid JSON ({exc.msg})", row=exc.lineno,
                                    expected="a GeoJSON FeatureCollection") from None
        maps.append((date, path, doc))
    return maps


def read_deepstate(raw_dir: Path) -> pd.DataFrame:
    rows = [{"date": date, "area_km2": polygon_area_km2(doc, path), "_row": path.name,
             "_path": path} for date, path, doc in deepstate_maps(raw_dir)]
    return pd.DataFrame(rows)


def build_occupied_area(raw_dir: Path) -> ReaderOutput:
    """Build ``occupied_area``: per date and source, km² and share of Ukraine's area."""
    total, documented_at = ukraine_area_km2()
    parts = {"liveuamap_area": read_liveuamap(raw_dir), "nzz_area": read_nzz(raw_dir),
             "deepstatemap": read_deepstate(raw_dir)}
    inputs = [raw_dir / LIVEUAMAP_FILE, raw_dir / NZZ_FILE,
              *parts["deepstatemap"]["_path"].tolist()]
    frames = []
    for sid, part in parts.items():
        source = get_source(sid)
        too_big = part["area_km2"] > total
        if too_big.any():
            first = too_big.idxmax()
            raise SourceFormatError(source.files[0] if source.files else sid,
                                    "occupied area exceeds Ukraine's area",
                                    row=part.at[first, "_row"], column="area",
                                    value=part.at[first, "area_km2"],
                                    expected=f"<= {total:,.0f} km²")
        frames.append(pd.DataFrame({
            "date": part["date"],
            "series": SERIES[sid],
            "baseline": BASELINE[sid],
            "area_km2": part["area_km2"].round(1),
            "share_pct": (part["area_km2"] / total * 100).round(3),
            "ukraine_area_km2": total,
            "area_method": ("computed by warstats: shapely area in " + EQUAL_AREA_CRS
                            if sid == "deepstatemap" else "as published by the compiler"),
            **source_columns(sid),
        }))
    frame = pd.concat(frames, ignore_index=True)
    frame = frame.sort_values(["series", "date"], kind="stable").reset_index(drop=True)
    frame.attrs["ukraine_area_documented_at"] = documented_at
    return ReaderOutput(frame, inputs)
