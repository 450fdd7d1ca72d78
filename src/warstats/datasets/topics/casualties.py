"""Civilian casualties family specs (OHCHR / HRMMU verified minimums)."""

from warstats.datasets.spec import DatasetSpec

_MINIMUM = ("All figures are OHCHR/HRMMU verified minimums: the actual numbers are "
            "considerably higher.")

SPECS = [
    DatasetSpec(
        name="casualties_published",
        title="Civilians killed and injured in Ukraine, cumulative since 24 Feb 2022, as published",
        description=(
            "OHCHR / HRMMU cumulative counts of civilians killed and injured since 24 Feb 2022, "
            "as published on each date (vintages), from two OCHA compilations kept apart by "
            "source_id: the Ukraine Data Explorer bundle (2022-03-03 to 2023-11-09) and the "
            "'key figures 2022' sheet (2022-03-03 to 2022-04-25, with the cited update URL). "
            "For these as-published series the reference date is the publication date."
        ),
        topic="casualties",
        kind="cumulative",
        unit="persons",
        primary_key=("source_id", "date", "measure"),
        schema="warstats.schemas.casualties:CasualtiesPublished",
        builder="warstats.readers.ocha_casualties:build_casualties_published",
        source_ids=("ocha_ude_casualties", "ocha_key_figures_2022"),
        date_columns=("date", "published"),
        categoricals=("measure",),
        coverage_column="date",
        caveats=(
            _MINIMUM,
            "Earlier figures are revised upward later as verification continues; compare with "
            "casualties_monthly (latest revision) via analysis.casualties.revision().",
            "The OCHA bundle's 2022-06-07 record repeated the 2022-06-03 figures and is set "
            "aside (rule ocha_fallback_2022_06_07, see data/rejects/casualties_published.csv).",
            "OCHA stopped updating the series on 2023-11-09.",
        ),
    ),
    DatasetSpec(
        name="casualties_monthly",
        title="Civilians killed and injured in Ukraine per month, latest revision, Feb 2022 onward",
        description=(
            "OHCHR / HRMMU civilians killed and injured per calendar month (February 2022 counts "
            "24–28 Feb only), in the latest revision, as compiled from HRMMU monthly updates by "
            "engelde/ukrainewar (a derived source)."
        ),
        topic="casualties",
        kind="flow",
        unit="persons",
        primary_key=("source_id", "period_start", "measure"),
        schema="warstats.schemas.casualties:CasualtiesMonthly",
        builder="warstats.readers.engelde:build_casualties_monthly",
        source_ids=("engelde_ohchr_monthly",),
        date_columns=("period_start", "period_end", "published"),
        categoricals=("measure",),
        coverage_column="period_start:period_end",
        caveats=(
            _MINIMUM,
            "A third party's hand compilation of OHCHR figures; its own cumulativeTotal and "
            "annualTotals are not read (the first is stale, the second disagrees with the "
            "monthly values for 2022 injured and 2024 killed; see the rejects report).",
            "Months are revised upward as verification continues; published is the date of the "
            "compilation, not of each OHCHR update.",
        ),
    ),
]
