"""Places (issue #16): oblast boundaries, occupied area by oblast, air-attack targets."""

from warstats.datasets.spec import DatasetSpec

SPECS = [
    DatasetSpec(
        name="oblast_boundaries",
        title="Oblast boundaries of Ukraine (OCHA COD-AB), simplified for maps",
        description=(
            "Ukraine's 27 first-level units (24 oblasts, Crimea, Kyiv, Sevastopol) from OCHA's "
            "2017 COD-AB: pcode, ISO 3166-2 code, English and Ukrainian names, geodesic area "
            "of the full-resolution shape, and the shape simplified as one coverage "
            "(neighbours still touch) as WKT. ws.load returns shapely geometries (a "
            "GeoDataFrame when geopandas is installed)."
        ),
        topic="places", kind="reference", unit="km²",
        primary_key=("oblast_pcode",),
        schema="warstats.schemas.geo:OblastBoundaries",
        builder="warstats.readers.boundaries:build_oblast_boundaries",
        source_ids=("ocha_cod_ab_ukr",),
        date_columns=("published",),
        caveats=("Generalised 2017 shapes: the total is 0.6 % below Ukraine's official "
                 "603,628 km² (the Sivash lagoon is a hole; coastline simplified).",
                 "Shipped shapes are simplified further for drawing; area_km2 is measured "
                 "on the full-resolution shapes.",
                 "Crimea and Sevastopol are drawn as parts of Ukraine (UN position).",
                 "Join on oblast_pcode, never on names."),
        extra={"geometry_column": "geometry"},
    ),
    DatasetSpec(
        name="occupied_area_by_oblast",
        title="Occupied area by oblast (DeepStateMap polygons in OCHA oblasts), km² and share",
        description=(
            "For every DeepStateMap map date (monthly 2024-07 to 2026-08), the occupied "
            "polygon intersected with each oblast's full-resolution OCHA shape and measured "
            "in the EPSG:6933 equal-area projection, as occupied_area measures the whole."
        ),
        topic="places", kind="stock", unit="km²; percent",
        primary_key=("date", "oblast_pcode"),
        schema="warstats.schemas.geo:OccupiedAreaByOblast",
        builder="warstats.readers.territory_oblasts:build_occupied_area_by_oblast",
        source_ids=("deepstatemap",),
        date_columns=("date", "published"),
        coverage_column="date",
        caveats=("The oblast sum is 2.2–2.4 % (about 2,580 km²) below occupied_area's "
                 "DeepState figure of the same date: the part of the polygon outside OCHA's "
                 "land boundary (the Sivash lagoon, about 2,060 km², and coastal slivers).",
                 "DeepStateMap is a Ukrainian OSINT map: areas are its judgement of control."),
    ),
    DatasetSpec(
        name="air_attack_targets",
        title="Oblasts named as targets of missile and drone attacks (Air Force records)",
        description=(
            "The target text of each air_attacks record mapped to oblast pcodes by "
            "documented rules (oblast named, city or place in an oblast), one row per record "
            "and oblast. National ('Ukraine') and command-zone targets ('south') name no "
            "oblast: they are listed in the rejects report, not here."
        ),
        topic="places", kind="flow", unit="attack records",
        primary_key=("record_id", "oblast_pcode"),
        schema="warstats.schemas.geo:AirAttackTargets",
        builder="warstats.readers.air_targets:build_air_attack_targets",
        source_ids=("uaf_air_attacks",),
        date_columns=("date", "published"),
        coverage_column="date",
        caveats=("Claims by a party to the war, not independently verified.",
                 "Most records target 'Ukraine' or a command zone and name no oblast: counts "
                 "by oblast cover the records that name one (see the rejects report).",
                 "Regional rows can repeat national records: filter regional_row as needed."),
    ),
]
