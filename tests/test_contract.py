"""The contract every shipped dataset meets. Each topic issue extends EXPECTED_DATASETS."""

from __future__ import annotations

import pandas as pd
import pytest

import warstats as ws
from warstats.datasets.load import read_meta
from warstats.datasets.registry import get_spec
from warstats.provenance.registry import get_source

EXPECTED_DATASETS = [
    "population", "population_components", "population_projections",
    "series_breaks",
    "casualties_published", "casualties_monthly",
    "aid_by_donor", "aid_by_month", "us_packages", "us_drawdown_notices", "us_appropriations",
    "appeals", "fx_rates", "price_indices", "gdp",
    "air_attacks", "weapons", "occupied_area", "loss_claims", "conflict_deaths",
    "refugees_europe", "refugees_by_host", "refugees_global", "idps", "returnees",
    "oblast_boundaries", "occupied_area_by_oblast", "air_attack_targets",
]


def test_registered_datasets_are_exactly_the_delivered_ones():
    assert sorted(ws.list_datasets()["name"]) == sorted(EXPECTED_DATASETS)


@pytest.mark.parametrize("name", EXPECTED_DATASETS)
def test_dataset_contract(name):
    spec = get_spec(name)
    meta = read_meta(name)
    df = ws.load(name)
    assert len(df) == meta["rows"] > 0
    # every row traces to a registered source
    assert df["source_id"].notna().all()
    for sid in df["source_id"].unique():
        get_source(sid)
    assert sorted(df.attrs["sources"]) == sorted(df["source_id"].unique())
    assert set(meta["source_ids"]) == set(df["source_id"].unique())
    # keys are unique and complete
    key = list(spec.primary_key)
    assert not df.duplicated(key).any()
    assert df[key].notna().all().all()
    # base observation columns
    for col in ("source_id", "published", "is_minimum"):
        assert col in df.columns
    assert df["is_minimum"].dtype == bool
    # every column is described in the sidecar with a title
    assert list(meta["columns"]) == list(df.columns)
    assert all(info["title"] for info in meta["columns"].values())
    assert spec.kind in {"stock", "flow", "cumulative", "rate", "reference", "annotation"}
    # dates are datetimes
    for col in spec.date_columns:
        assert pd.api.types.is_datetime64_any_dtype(df[col]), col


@pytest.mark.parametrize("name", EXPECTED_DATASETS)
def test_describe_and_cite(name):
    info = ws.describe(name)
    assert info["rows"] > 0 and len(info["columns"]) > 0
    assert ws.cite(name).startswith("Source")
    assert "@misc{" in ws.cite(name, style="bibtex")
