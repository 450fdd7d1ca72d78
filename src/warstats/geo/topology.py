"""Simplify a coverage of polygons without breaking it, and check that it still holds.

A *coverage* is a set of polygons that share edges and do not overlap (the oblasts).
Simplifying each polygon on its own opens slivers and overlaps between neighbours;
shapely's ``coverage_simplify`` (GEOS ≥ 3.12, shapely ≥ 2.1) simplifies every shared edge
once, so neighbours keep touching along the same line.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Coordinate grid of the shipped geometry (degrees): 1e-4° is about 11 m north–south.
GRID_DEGREES = 1e-4


def simplify_coverage(geoms: Sequence, tolerance: float) -> list:
    """Simplify polygons that form a coverage, keeping shared edges shared.

    ``tolerance`` is in degrees (roughly the square root of the triangle areas removed,
    Visvalingam–Whyatt). Vertices are then snapped to :data:`GRID_DEGREES`; snapping is
    applied to shared vertices identically, so the coverage stays valid (checked).
    """
    import shapely

    simplified = shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance)
    snapped = shapely.set_precision(simplified, GRID_DEGREES)
    return list(snapped)


def neighbour_pairs(geoms: Sequence, codes: Sequence[str]) -> set[tuple[str, str]]:
    """Pairs of codes whose polygons share a stretch of boundary (not only a point).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> sorted(neighbour_pairs([box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)],
    ...                        ["a", "b", "c"]))
    [('a', 'b')]
    """
    import shapely

    arr = np.asarray(geoms, dtype=object)
    tree = shapely.STRtree(arr)
    left, right = tree.query(arr, predicate="intersects")
    pairs = set()
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i < j and shapely.intersection(arr[i], arr[j]).length > 0:
            a, b = sorted((codes[i], codes[j]))
            pairs.add((a, b))
    return pairs


def overlap_km2(geoms: Sequence) -> float:
    """Area where polygons overlap (sum of areas minus the area of their union), km²."""
    import shapely

    from warstats.geo.area import area_km2

    arr = np.asarray(geoms, dtype=object)
    return sum(area_km2(g) for g in arr) - area_km2(shapely.union_all(arr))
