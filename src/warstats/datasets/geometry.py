"""Geometry columns: WKT text in the curated CSV, shapely objects after ``load``.

A dataset declares its geometry column in ``spec.extra["geometry_column"]``. The CSV keeps
the geometry as WKT (lon/lat, WGS 84) so that it diffs, checksums and validates as text;
``load`` turns it into shapely geometries, and into a ``geopandas.GeoDataFrame`` (CRS
EPSG:4326) when geopandas happens to be installed. geopandas is never required.
"""

from __future__ import annotations

import pandas as pd

from warstats.datasets.spec import DatasetSpec
from warstats.errors import IntegrityError

CRS = "EPSG:4326"


def geometry_column(spec: DatasetSpec) -> str:
    """The spec's geometry column, or ``""`` if it has none."""
    return str(spec.extra.get("geometry_column", ""))


def with_geometry(frame: pd.DataFrame, spec: DatasetSpec) -> pd.DataFrame:
    """``frame`` with its WKT geometry column parsed to shapely (no-op without one)."""
    column = geometry_column(spec)
    if not column or column not in frame.columns:
        return frame
    import shapely

    try:
        geoms = shapely.from_wkt(frame[column].astype(str).to_numpy())
    except shapely.errors.GEOSException as exc:
        raise IntegrityError(f"{spec.name}: column {column!r} holds text that is not WKT "
                             f"({exc}); run `make data` to rebuild it.") from None
    try:
        import geopandas
    except ImportError:
        frame = frame.copy(deep=False)
        frame[column] = pd.Series(geoms, index=frame.index, dtype=object)
        return frame
    return geopandas.GeoDataFrame(frame.drop(columns=[column]).assign(
        **{column: geopandas.GeoSeries(geoms, index=frame.index, crs=CRS)}),
        geometry=column, crs=CRS)[list(frame.columns)]
