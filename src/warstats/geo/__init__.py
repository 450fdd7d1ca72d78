"""Places: oblast boundaries, geodesic areas and the topology checks maps rely on.

Geometry stays in shapely (geopandas is optional); areas are computed on the WGS 84
ellipsoid. Heavy imports (shapely, pyproj) happen inside the functions.
"""
