"""The DeepStateMap occupied-territory polygon of a date, for drawing over maps.

The polygons are **not shipped** with warstats (about 80 KB per map date, and the archive
they come from is GPL-3.0): they are read from the raw DeepStateMap files
(``territory/deepstatemap_monthly/`` under ``WARSTATS_RAW_DIR`` or ``../shared/sources``).
The shipped ``occupied_area_by_oblast`` holds their areas by oblast.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.errors import WarstatsError

#: Douglas–Peucker tolerance (degrees) for drawing: about 500 m, invisible on a country map.
DRAW_TOLERANCE = 0.005


def occupied_polygon(date, raw_dir: str | Path | None = None):
    """``(map_date, geometry)``: the newest DeepStateMap polygon on or before ``date``.

    The geometry is lon/lat, simplified for drawing. Raises :class:`WarstatsError` if the
    raw files are absent or no map is that old.
    """
    import shapely

    from warstats._paths import default_raw_dir
    from warstats.readers.territory import DEEPSTATE_DIR, deepstate_maps, polygon_geometries

    raw = Path(raw_dir) if raw_dir is not None else default_raw_dir()
    if not (raw / DEEPSTATE_DIR).is_dir():
        raise WarstatsError(
            f"DeepStateMap polygons not found in {raw / DEEPSTATE_DIR}: they are not shipped "
            "with warstats. Set WARSTATS_RAW_DIR to the publishers' files (or pass raw_dir=), "
            "or draw the shipped occupied_area_by_oblast shares instead.")
    when = pd.Timestamp(date)
    maps = [m for m in deepstate_maps(raw) if m[0] <= when]
    if not maps:
        raise WarstatsError(f"no DeepStateMap map on or before {when:%Y-%m-%d}; the first "
                            "is from 2024-07-08")
    map_date, path, doc = maps[-1]
    geom = shapely.union_all(polygon_geometries(doc, path))
    return map_date, shapely.simplify(geom, DRAW_TOLERANCE, preserve_topology=True)
