"""OCHA COD-AB oblast boundaries of Ukraine (ESRI shapefile, admin level 1).

``boundaries/ukr_admbnda_adm1_q2_sspe_20171221.{shp,shx,dbf,prj}``: 27 features (24 oblasts,
Crimea, Kyiv, Sevastopol) in WGS 84 lon/lat. Read with **pyshp** (pure Python, no GDAL):
the ``.dbf`` is decoded as UTF-8 (the file has no ``.cpg`` and its language byte is 0,
so GDAL-based readers would guess Latin-1 and garble the Ukrainian names).

Features are identified by ``ADM1_PCODE`` only: the published Kyiv-city feature (UA80)
carries the Kyivska names, so names are taken from warstats' code table and the published
name is recorded in the rejects report (rule ``ocha-name-differs``).

``build_oblast_boundaries`` measures each oblast on the full-resolution shapes (EPSG:6933
equal-area, see :mod:`warstats.geo.area`) and ships shapes simplified as one coverage
(:func:`warstats.geo.topology.simplify_coverage`) so that neighbours keep touching.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import ReaderOutput, Rejects, source_columns

BOUNDARIES_STEM = "boundaries/ukr_admbnda_adm1_q2_sspe_20171221"
SOURCE_ID = "ocha_cod_ab_ukr"
#: Simplification tolerance (degrees): 0.02 keeps about 5,000 vertices (~85 KB of WKT)
#: and moves no oblast's area by more than 2.5 % (Sevastopol most); measured in the tests.
SIMPLIFY_TOLERANCE = 0.02
_PARTS = (".shp", ".shx", ".dbf", ".prj")
_POLYGON = 5  # shapefile shape type


def _check_files(stem: Path) -> dict[str, Path]:
    paths = {ext: stem.with_name(stem.name + ext) for ext in _PARTS}
    for ext, path in paths.items():
        if not path.is_file():
            raise SourceFormatError(
                path, f"the shapefile's {ext} part is missing",
                expected=f"all four parts {', '.join(_PARTS)} side by side (copy the whole set "
                "from OCHA's cod-ab-ukr release)")
    prj = paths[".prj"].read_text(encoding="ascii", errors="replace").strip()
    if ("GEOGCS" not in prj or "WGS_1984" not in prj or "PROJCS" in prj
            or not prj.endswith("]") or prj.count("[") != prj.count("]")):
        raise SourceFormatError(paths[".prj"], "not WGS 84 geographic coordinates (or cut short)",
                                value=prj[:80], expected='GEOGCS["GCS_WGS_1984", ...] in full')
    records = _check_dbf(paths[".dbf"])
    for ext in (".shp", ".shx"):
        _check_main_header(paths[ext])
    shx_records = (paths[".shx"].stat().st_size - 100) // 8
    if shx_records != records:
        raise SourceFormatError(paths[".shx"], "index lists another number of shapes than the "
                                ".dbf has records", value=shx_records, expected=records)
    return paths


def _check_main_header(path: Path) -> None:
    """The .shp/.shx header: file code 9994 and a declared length equal to the file's."""
    header = path.read_bytes()[:100]
    if len(header) < 100 or struct.unpack(">i", header[:4])[0] != 9994:
        raise SourceFormatError(path, "not an ESRI shapefile part (bad header)",
                                expected="a file starting with file code 9994")
    declared = struct.unpack(">i", header[24:28])[0] * 2
    actual = path.stat().st_size
    if declared != actual:
        raise SourceFormatError(
            path, "file is truncated or padded: its header declares another length",
            value=f"{actual:,} bytes on disk", expected=f"{declared:,} bytes (re-copy the file)")


def _check_dbf(path: Path) -> int:
    """The dBase header: its record count and lengths must match the file's size."""
    head = path.read_bytes()[:32]
    size = path.stat().st_size
    if len(head) == 32:
        records, header_len, record_len = struct.unpack("<IHH", head[4:12])
        expected = header_len + records * record_len
        if header_len >= 65 and (header_len - 33) % 32 == 0 and size in (expected,
                                                                           expected + 1):
            return records
        detail, want = f"{size:,} bytes on disk", f"{expected:,} bytes (re-copy the file)"
    else:
        detail, want = f"{size:,} bytes", "a dBase header of 32 bytes or more"
    raise SourceFormatError(path, "not an intact dBase table (truncated or not a .dbf)",
                            value=detail, expected=want)


def read_oblast_shapes(raw_dir: Path) -> pd.DataFrame:
    """The 27 level-1 features: ``pcode``, ``ocha_name_en``, ``ocha_name_uk``, ``geometry``.

    Raises :class:`SourceFormatError` naming the file and record for a missing part,
    truncated file, unknown or duplicated pcode, or an invalid polygon.
    """
    import shapefile
    import shapely
    from shapely.geometry import shape

    from warstats.codes.oblasts import UNKNOWN_OBLAST, oblasts

    stem = Path(raw_dir) / BOUNDARIES_STEM
    paths = _check_files(stem)
    known = set(oblasts()["pcode"]) - {UNKNOWN_OBLAST}
    try:
        with shapefile.Reader(str(stem), encoding="utf-8") as reader:
            fields = [f[0] for f in reader.fields[1:]]
            if "ADM1_PCODE" not in fields:
                raise SourceFormatError(paths[".dbf"], "no ADM1_PCODE field", value=fields,
                                        expected="OCHA COD-AB level-1 attributes")
            if reader.shapeType != _POLYGON:
                raise SourceFormatError(paths[".shp"], "shapes are not polygons",
                                        value=reader.shapeTypeName, expected="POLYGON")
            if len(reader.shapes()) != len(reader):
                raise SourceFormatError(paths[".dbf"], "record count differs from shape count",
                                        value=len(reader), expected=len(reader.shapes()))
            rows = []
            for i, item in enumerate(reader.iterShapeRecords(), start=1):
                rec = item.record.as_dict()
                rows.append({"pcode": str(rec["ADM1_PCODE"]).strip(),
                             "ocha_name_en": str(rec.get("ADM1_EN", "")).strip(),
                             "ocha_name_uk": str(rec.get("ADM1_UA", "")).strip(),
                             "_row": i, "_geo": item.shape.__geo_interface__})
    except SourceFormatError:
        raise
    except (shapefile.ShapefileException, struct.error, UnicodeDecodeError, ValueError,
            KeyError, IndexError, OSError) as exc:
        raise SourceFormatError(f"{stem}.shp/.shx/.dbf",
                                f"cannot be read as a shapefile ({exc})",
                                expected="an intact OCHA COD-AB shapefile set") from None
    seen: set[str] = set()
    for row in rows:
        where = {"row": f"record {row['_row']}", "column": "ADM1_PCODE", "value": row["pcode"]}
        if row["pcode"] not in known:
            raise SourceFormatError(paths[".dbf"], "unknown oblast pcode", **where,
                                    expected="a pcode in warstats/codes/oblasts.csv (UA01…UA85)")
        if row["pcode"] in seen:
            raise SourceFormatError(paths[".dbf"], "pcode appears twice", **where,
                                    expected="one feature per oblast")
        seen.add(row["pcode"])
        geom = shape(row.pop("_geo"))
        if geom.is_empty or not geom.is_valid:
            reason = "empty" if geom.is_empty else shapely.is_valid_reason(geom)
            raise SourceFormatError(paths[".shp"], "invalid polygon", row=where["row"],
                                    column="geometry", value=reason,
                                    expected="a valid polygon (no self-intersections)")
        minx, miny, maxx, maxy = geom.bounds
        if not (minx > 20 and maxx < 42 and miny > 43 and maxy < 53):
            raise SourceFormatError(paths[".shp"], "coordinates are not lon/lat in Ukraine",
                                    row=where["row"], column="geometry", value=geom.bounds,
                                    expected="WGS 84 degrees within 20–42 E, 43–53 N")
        row["geometry"] = geom
    missing = sorted(known - seen)
    if missing:
        raise SourceFormatError(paths[".dbf"], "oblasts missing from the file",
                                column="ADM1_PCODE", value=missing,
                                expected=f"all {len(known)} first-level units")
    frame = pd.DataFrame(rows).sort_values("pcode", kind="stable").reset_index(drop=True)
    frame.attrs["inputs"] = [paths[e] for e in _PARTS]
    return frame


def build_oblast_boundaries(raw_dir: Path) -> ReaderOutput:
    """Build ``oblast_boundaries``: one row per oblast, geometry as WKT (simplified)."""
    import shapely

    from warstats.codes.oblasts import oblasts
    from warstats.geo.area import area_km2
    from warstats.geo.topology import simplify_coverage

    shapes = read_oblast_shapes(raw_dir)
    table = oblasts().set_index("pcode")
    rejects = Rejects()
    dbf = Path(raw_dir) / (BOUNDARIES_STEM + ".dbf")
    for row in shapes.to_dict("records"):
        shown = table.at[row["pcode"], "name"]
        if row["ocha_name_en"] != shown:  # UA80: the 2017 file repeats Kyivska's names
            rejects.add(dbf, f"record {row['_row']}", "ADM1_EN", row["ocha_name_en"],
                        "ocha-name-differs", f"joined on ADM1_PCODE {row['pcode']}; shown as "
                        f"{shown!r} (warstats/codes/oblasts.csv)")
    simplified = simplify_coverage(shapes["geometry"].tolist(), SIMPLIFY_TOLERANCE)
    frame = pd.DataFrame({
        "oblast_pcode": shapes["pcode"],
        "iso3166_2": [table.at[p, "iso3166_2"] for p in shapes["pcode"]],
        "name_en": [table.at[p, "name"] for p in shapes["pcode"]],
        "name_uk": [table.at[p, "name_uk"] for p in shapes["pcode"]],
        "kind": [table.at[p, "kind"] for p in shapes["pcode"]],
        "area_km2": [round(area_km2(g), 1) for g in shapes["geometry"]],
        "simplified_area_km2": [round(area_km2(g), 1) for g in simplified],
        "vertices": [int(shapely.get_num_coordinates(g)) for g in simplified],
        "geometry": [shapely.to_wkt(g, rounding_precision=4) for g in simplified],
        **source_columns(SOURCE_ID),
    })
    return ReaderOutput(frame, list(shapes.attrs["inputs"]), rejects)
