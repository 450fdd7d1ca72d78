"""Displacement family specs: refugees from Ukraine abroad, IDPs and returnees inside Ukraine."""

from warstats.datasets.spec import DatasetSpec

_IOM_CAVEATS = (
    "Survey-based estimates rounded to thousands; IOM warns that Donetska, Zaporizka, "
    "Luhanska and Khersonska are under-represented (government-controlled areas only).",
    "The 'Residence location unknown' row (UA_UNK) is part of IOM's national sum.",
    "Rounds 2–13 and 15–16 are not in the raw files.",
)

SPECS = [
    DatasetSpec(
        name="refugees_europe",
        title="Refugees from Ukraine recorded across Europe, 2022–2024 (UNHCR)",
        description=(
            "UNHCR Operational Data Portal total of individual refugees from Ukraine recorded "
            "across Europe, by date: the OCHA data bundle's series (2022-04-25 → 2024-03-12) "
            "and the raw ODP API snapshot of Aug 2022, each under its own source_id. A stock."
        ),
        topic="displacement",
        kind="stock",
        unit="persons",
        primary_key=("source_id", "date", "measure"),
        schema="warstats.schemas.displacement:RefugeesEurope",
        builder="warstats.readers.unhcr_odp:build_refugees_europe",
        source_ids=("ocha_ude_refugees", "unhcr_odp_timeseries_2022_08"),
        date_columns=("date", "published"),
        coverage_column="date",
        caveats=(
            "Definitional breaks (series_breaks): Russia counted until early 2023, 'recorded' "
            "not 'present' refugees, partial coverage in Apr 2022, revisions in 2023-01 and "
            "2023-06. Growth across them is refused unless allow_breaks=True.",
        ),
    ),
    DatasetSpec(
        name="refugees_by_host",
        title="Refugees from Ukraine by host country, each at its own as-of date",
        description=(
            "UNHCR country tables exported about twice a month Jul 2022 – Jan 2023 (refugees "
            "recorded, temporary-protection registrations, border crossings out of and into "
            "Ukraine), the ODP by-country snapshot of Aug 2022, and ONE Campaign's monthly "
            "compilation to 04-2025 (derived). Each row carries the host country's own as-of "
            "date: never sum rows of different dates as if they were one date."
        ),
        topic="displacement",
        kind="stock",
        unit="persons (border crossings: crossings)",
        primary_key=("source_id", "country_iso3", "date", "measure"),
        schema="warstats.schemas.displacement:RefugeesByHost",
        builder="warstats.readers.one_campaign:build_refugees_by_host",
        source_ids=("unhcr_odp_country_tables_2022", "unhcr_odp_by_country_2022_08",
                    "one_unhcr_monthly"),
        date_columns=("date", "published"),
        categoricals=("measure",),
        coverage_column="date",
        caveats=(
            "Border crossings are cumulative counts of crossings, not people (kind column).",
            "'Data not available' / 'Not applicable' are missing values with a reason, never 0.",
            "Russia's figure (until early 2023) is the Russian government's count.",
        ),
    ),
    DatasetSpec(
        name="refugees_global",
        title="Forcibly displaced and stateless people by origin and asylum, 1951–2025 (UNHCR)",
        description=(
            "UNHCR Refugee Population Statistics Database (R package refugees 2025.12.1): "
            "annual end-year stocks by country of origin and of asylum for refugees, asylum "
            "seekers, IDPs, returned refugees and IDPs, stateless, others of concern (ooc), "
            "other people in need of international protection (oip) and host communities "
            "(hst). Only non-zero cells are stored (zero and NA cells are counted in the "
            "rejects report); a missing combination means zero or not reported."
        ),
        topic="displacement",
        kind="stock",
        unit="persons",
        primary_key=("year", "coo_iso", "coa_iso", "measure"),
        schema="warstats.schemas.displacement:RefugeesGlobal",
        builder="warstats.readers.unhcr_popstats:build_refugees_global",
        source_ids=("unhcr_popstats",),
        date_columns=("published",),
        categoricals=("measure",),
        coverage_column="year",
        caveats=(
            "Refugees from Ukraine in Russia were reclassified in 2024 (1.23 M → 6,894): the "
            "2023→2024 fall is mostly this, not returns (series_breaks).",
            "Each data update revises back years; oip carries most Venezuelans (and Afghans "
            "from 2025); UNRWA-mandate Palestinians are not included.",
        ),
    ),
    DatasetSpec(
        name="idps",
        title="Internally displaced people in Ukraine by oblast and round (IOM DTM)",
        description=(
            "IOM DTM General Population Survey estimates of IDPs present: round 1 (16 Mar "
            "2022) by macro-region only, never spread to oblasts; rounds 14, 17, 18, 19, 20 "
            "(Sep 2023 – Apr 2025) by oblast pcode plus the residence-unknown row (UA_UNK)."
        ),
        topic="displacement",
        kind="stock",
        unit="persons",
        primary_key=("round", "area_code", "measure"),
        schema="warstats.schemas.displacement:Idps",
        builder="warstats.readers.iom_dtm:build_idps",
        source_ids=("iom_dtm_gps_r1", "iom_dtm_idp_r14", "iom_dtm_idp_r17", "iom_dtm_idp_r18",
                    "iom_dtm_idp_r19", "iom_dtm_idp_r20"),
        date_columns=("date", "published"),
        coverage_column="date",
        caveats=(*_IOM_CAVEATS,
                 "Round 14 counts 'max. de facto' IDPs; later rounds 'de facto' IDPs.",
                 "Round 1 is by macro-region (EAST and CENTRAL carry identical figures in "
                 "IOM's table)."),
    ),
    DatasetSpec(
        name="returnees",
        title="Returnees in Ukraine by oblast, rounds 13 and 20 (IOM DTM)",
        description=(
            "IOM DTM estimates of returnees present (people back in their habitual residence "
            "after displacement), by oblast pcode plus the residence-unknown row, rounds 13 "
            "(May 2023) and 20 (Apr 2025)."
        ),
        topic="displacement",
        kind="stock",
        unit="persons",
        primary_key=("round", "area_code", "measure"),
        schema="warstats.schemas.displacement:Returnees",
        builder="warstats.readers.iom_dtm:build_returnees",
        source_ids=("iom_dtm_returnees_r13", "iom_dtm_returnees_r20"),
        date_columns=("date", "published"),
        coverage_column="date",
        caveats=(*_IOM_CAVEATS, "Round 13 counts 'max.' returnees; round 20 returnees."),
    ),
]
