"""Conflict-dynamics specs (issue #6): air attacks, weapons, territory, loss claims, deaths."""

from warstats.datasets.spec import DatasetSpec

PARTY = "Claims by a party to the war, not independently verified."

SPECS = [
    DatasetSpec(
        name="air_attacks",
        title="Missile and drone attacks on Ukraine: launched and destroyed, per attack",
        description=(
            "Ukrainian Air Force reports compiled per attack and weapon model by Petro Ivaniuk: "
            "start and end time, model and category, launched, destroyed, not reaching the "
            "target, target, launch place, and the account the compiler cites (reported_by; "
            "rows citing other channels carry those channels' source ids). Regional "
            "air-command rows are flagged "
            "(regional_row) so they can be left out of national totals."
        ),
        topic="conflict", kind="flow", unit="missiles and drones",
        primary_key=("record_id",),
        schema="warstats.schemas.conflict:AirAttacks",
        builder="warstats.readers.air_force:build_air_attacks",
        source_ids=("uaf_air_attacks", "ua_armed_forces_command_air_attacks",
                    "ua_defence_intelligence_air_attacks", "war_monitor_air_attacks",
                    "kharkiv_oblast_administration_air_attacks"),
        date_columns=("date", "published"), categoricals=("category",),
        coverage_column="date",
        caveats=(PARTY, "Regional rows can double count national totals: filter "
                 "regional_row == False for national sums.",
                 "Blank launched/destroyed stay missing; rates refuse those rows."),
    ),
    DatasetSpec(
        name="weapons",
        title="Missile and drone reference table",
        description="The compiler's weapon table: category, origin, type, platform, cost.",
        topic="conflict", kind="reference", unit="",
        primary_key=("model",),
        schema="warstats.schemas.conflict:Weapons",
        builder="warstats.readers.air_force:build_weapons",
        source_ids=("piterfm_weapons",),
        date_columns=("published",), categoricals=("category",),
    ),
    DatasetSpec(
        name="occupied_area",
        title="Occupied area of Ukraine by map source (km² and share)",
        description=(
            "Area held by Russia per date from three map sources kept apart: liveuamap "
            "(daily 2022-02 to 2025-01), NZZ map data (daily 2022-02 to 2023-03, a lower "
            "baseline) and DeepStateMap polygons (monthly 2024-07 to 2026-08, area computed "
            "by warstats in the EPSG:6933 equal-area projection), with the share of Ukraine's "
            "internationally recognised area."
        ),
        topic="conflict", kind="stock", unit="km²; percent",
        primary_key=("series", "date"),
        schema="warstats.schemas.conflict:OccupiedArea",
        builder="warstats.readers.territory:build_occupied_area",
        source_ids=("liveuamap_area", "nzz_area", "deepstatemap"),
        date_columns=("date", "published"), categoricals=("series",),
        coverage_column="date",
        caveats=("The three series differ in map source and baseline: never splice them "
                 "without analysis.conflict.splice_territory's offset check.",),
    ),
    DatasetSpec(
        name="loss_claims",
        title="Claimed Russian losses, cumulative (Ukrainian General Staff)",
        description=(
            "Daily cumulative claims of Russian personnel and equipment losses since "
            "24 Feb 2022 by the General Staff of the Armed Forces of Ukraine, compiled by "
            "Petro Ivaniuk, with the compiler's corrections in 'correction'."
        ),
        topic="conflict", kind="cumulative", unit="persons; items (see unit column)",
        primary_key=("measure", "date"),
        schema="warstats.schemas.conflict:LossClaims",
        builder="warstats.readers.loss_claims:build_loss_claims",
        source_ids=("genstaff_losses",),
        date_columns=("date", "published"), categoricals=("measure",),
        coverage_column="date",
        caveats=(PARTY,),
    ),
    DatasetSpec(
        name="conflict_deaths",
        title="Deaths in armed conflicts by country and year, 1989–2022 (UCDP via OWID)",
        description=(
            "UCDP best estimates of deaths in state-based, non-state and one-sided violence, "
            "assigned to the country where they occurred, as processed by Our World in Data."
        ),
        topic="conflict", kind="flow", unit="deaths",
        primary_key=("entity_code", "year"),
        schema="warstats.schemas.conflict:ConflictDeaths",
        builder="warstats.readers.owid:build_conflict_deaths",
        source_ids=("owid_ucdp_deaths",),
        date_columns=("published",), coverage_column="year",
        caveats=("Ends in 2022.", "Not comparable with OHCHR verified civilian minimums or "
                 "with party claims."),
    ),
]
