"""Occupied area by oblast: every DeepStateMap map date intersected with OCHA's oblasts.

For each map date the DeepStateMap occupied polygon is intersected with each oblast's
**full-resolution** OCHA shape (not the simplified one shipped for drawing) and measured in
the EPSG:6933 equal-area projection, exactly as ``occupied_area`` measures the whole polygon.

The oblast areas add up to the national DeepState figure of the same date less the part of
the DeepState polygon outside OCHA's generalised land boundary: the Sivash lagoon (a hole
in OCHA's file, about 2,060 km²) and coastal slivers (about 520 km²). Measured on every map
date 2024-07 to 2026-08: 2,579–2,587 km², i.e. the oblast sum is 2.2–2.4 % below the
national figure. The build refuses a gap above :data:`SUM_TOLERANCE_PCT` percent.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.errors import IntegrityError
from warstats.readers.common import ReaderOutput, source_columns

#: Largest gap allowed between the sum over oblasts and the national DeepState area (%).
SUM_TOLERANCE_PCT = 2.5


def occupied_by_oblast(occupied, oblasts: pd.DataFrame) -> list[float]:
    """Occupied km² in each oblast (``oblasts``: pcode and full-resolution ``geometry``)."""
    import shapely

    from warstats.geo.area import area_km2

    shapely.prepare(occupied)  # in place: speeds up the intersects tests
    out = []
    for geom in oblasts["geometry"]:
        if not shapely.intersects(occupied, geom):
            out.append(0.0)
            continue
        out.append(area_km2(shapely.intersection(occupied, geom)))
    return out


def build_occupied_area_by_oblast(raw_dir: Path) -> ReaderOutput:
    """Build ``occupied_area_by_oblast``: per map date and oblast, km² and share."""
    import shapely

    from warstats.geo.area import area_km2
    from warstats.readers.boundaries import read_oblast_shapes
    from warstats.readers.territory import deepstate_maps, polygon_geometries

    raw_dir = Path(raw_dir)
    shapes = read_oblast_shapes(raw_dir)
    oblast_area = [area_km2(g) for g in shapes["geometry"]]
    frames, inputs = [], list(shapes.attrs["inputs"])
    for date, path, doc in deepstate_maps(raw_dir):
        geoms = polygon_geometries(doc, path)
        national = sum(area_km2(g) for g in geoms)
        occupied = shapely.union_all(geoms)
        km2 = occupied_by_oblast(occupied, shapes)
        gap_pct = (national - sum(km2)) / national * 100
        if abs(gap_pct) > SUM_TOLERANCE_PCT:
            raise IntegrityError(
                f"{path.name}: the oblasts' occupied areas add up to {sum(km2):,.0f} km², "
                f"{gap_pct:+.2f}% off the national {national:,.0f} km² (tolerance "
                f"{SUM_TOLERANCE_PCT}%). Check the map file and the boundaries.")
        frames.append(pd.DataFrame({
            "date": date,
            "oblast_pcode": shapes["pcode"],
            "occupied_km2": [round(v, 1) for v in km2],
            "oblast_area_km2": [round(v, 1) for v in oblast_area],
            "share_pct": [round(min(v / a * 100, 100.0), 3)
                          for v, a in zip(km2, oblast_area, strict=True)],
            "boundaries_source_id": "ocha_cod_ab_ukr",
            **source_columns("deepstatemap"),
        }))
        inputs.append(path)
    frame = pd.concat(frames, ignore_index=True)
    return ReaderOutput(frame.sort_values(["date", "oblast_pcode"]).reset_index(drop=True),
                        inputs)
