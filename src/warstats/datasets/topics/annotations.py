"""Shared annotation tables."""

from warstats.datasets.spec import DatasetSpec

SPECS = [
    DatasetSpec(
        name="series_breaks",
        title="Definitional breaks and annotations of every series",
        description=(
            "One row per break: the date a publisher changed what a series counts (coverage, "
            "definition, revision), the dataset and measure concerned, and the source that "
            "documents it. Charts mark them; growth calculations refuse to span them."
        ),
        topic="annotations",
        kind="annotation",
        unit="",
        primary_key=("break_id",),
        schema="warstats.schemas.annotations:SeriesBreaks",
        builder="warstats.readers.seeds:build_series_breaks",
        source_ids=(),
        date_columns=("date", "published"),
        coverage_column="date",
    ),
]
