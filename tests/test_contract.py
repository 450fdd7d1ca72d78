"""The contract every shipped dataset meets.

The list of datasets comes from the registry (no list to keep by hand); the registry and
the committed tables in ``data/`` must name the same datasets.
"""

from __future__ import annotations

import pandas as pd
import pytest

import warstats as ws
from warstats._paths import data_dir
from warstats.datasets.load import read_meta
from warstats.datasets.registry import dataset_names, get_spec
from warstats.provenance.registry import get_source

EXPECTED_DATASETS = dataset_names()


def test_registered_datasets_are_exactly_the_built_ones():
    built = sorted(p.name.removesuffix(".meta.json") for p in data_dir().glob("*.meta.json"))
    assert sorted(ws.list_datasets()["name"]) == sorted(EXPECTED_DATASETS) == built, \
        "every registered dataset needs its table in data/ (run `make data`), and only those"


@pytest.mark.parametrize("name", EXPECTED_DATASETS)
def test_dataset_contract(name):
    check_contract(name)


def check_contract(name: str, release: str | None = None) -> None:
    """Every check of the dataset contract (also run on a test's tiny dataset)."""
    spec = get_spec(name)
    meta = read_meta(name)
    df = ws.load(name, release=release)
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
