"""load(): checksums, validation, dtypes and helpful errors."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import warstats as ws
from warstats._paths import data_dir
from warstats.datasets.registry import dataset_names
from warstats.errors import DatasetNotFoundError, IntegrityError, ValidationError


def test_unknown_name_suggests_closest():
    with pytest.raises(DatasetNotFoundError) as err:
        ws.load("populaton")
    assert "Did you mean 'population'?" in str(err.value)
    assert "population_projections" in str(err.value)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    for name in ("population", "series_breaks"):
        for suffix in (".csv", ".meta.json"):
            shutil.copyfile(data_dir() / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    monkeypatch.setenv("WARSTATS_DATA_DIR", str(tmp_path))
    return tmp_path


def test_checksum_is_checked_even_without_validation(data_copy):
    path = data_copy / "population.csv"
    path.write_bytes(path.read_bytes().replace(b"54922.0", b"54923.0", 1))
    for validate in (True, False):
        with pytest.raises(IntegrityError, match="checksum"):
            ws.load("population", validate=validate)


def test_validation_lists_failing_rows(data_copy):
    import json

    from warstats.datasets.io import sha256_bytes

    path = data_copy / "population.csv"
    text = path.read_text().replace("ABW,False,1961,population,55578.0",
                                    "ABW,False,1961,population,-1.0", 1)
    path.write_text(text)
    meta_path = data_copy / "population.meta.json"
    meta = json.loads(meta_path.read_text())
    meta["sha256"] = sha256_bytes(path.read_bytes())
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ValidationError) as err:
        ws.load("population", validate=True)  # re-validation on request
    assert "value" in str(err.value) and "-1.0" in str(err.value)
    assert len(err.value.failures) == 1
    assert len(ws.load("population", validate=False)) > 0
    # a sidecar that no longer records the schema it passed is validated by default
    del meta["schema_fingerprint"]
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ValidationError):
        ws.load("population")


def test_edited_schema_means_validation_again(data_copy, monkeypatch):
    """A table built under another version of its schema is validated on load."""
    import json

    from warstats.datasets import load as load_module

    meta_path = data_copy / "population.meta.json"
    meta = json.loads(meta_path.read_text())
    spec = load_module.get_spec("population")
    assert load_module.trusted(meta, spec)
    meta["schema_fingerprint"] = "0" * 64  # as if the schema changed since the build
    meta_path.write_text(json.dumps(meta))
    calls = []
    import warstats.datasets.validate as validate_module

    real = validate_module.run_schema
    monkeypatch.setattr(validate_module, "run_schema",
                        lambda *a, **k: calls.append(a[1].name) or real(*a, **k))
    load_module._MEMO.clear()
    ws.load("population")
    assert calls == ["population"]


@pytest.mark.parametrize("name", dataset_names())
def test_trusted_load_equals_validated_load(name):
    """Trusting the build's validation gives exactly the frame a full validation gives."""
    import pandas as pd

    from warstats.datasets.load import get_spec, read_meta, trusted

    assert trusted(read_meta(name), get_spec(name)), f"{name}: rebuild with `make data`"
    pd.testing.assert_frame_equal(ws.load(name), ws.load(name, validate=True))


def test_cache_is_safe_without_copy_on_write(monkeypatch):
    """On pandas 2.x without copy-on-write the cache hands out deep copies."""
    import numpy as np

    from warstats.datasets import load as load_module

    monkeypatch.setattr(load_module, "copy_on_write", lambda: False)
    load_module._MEMO.clear()
    first = ws.load("population")
    first.loc[first.index[0], "value"] = -1.0  # an in-place edit by the caller
    second = ws.load("population")
    assert second["value"].iloc[0] != -1.0
    cached = next(iter(load_module._MEMO.values()))
    assert not np.shares_memory(second["value"].to_numpy(), cached["value"].to_numpy())


def test_missing_table_says_how_to_build(data_copy):
    (data_copy / "population.meta.json").unlink()
    with pytest.raises(ws.WarstatsError, match="make data"):
        ws.load("population")


def test_import_is_light():
    code = ("import sys, warstats; heavy = [m for m in ('pandera', 'matplotlib', 'pyreadr', "
            "'great_tables', 'shapely', 'pyproj', 'pooch', 'openpyxl') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""


def test_user_file_validation(tmp_path):
    good = tmp_path / "good.csv"
    ws.load("population").head(20).to_csv(good, index=False)
    assert ws.validate(good, "population").empty
    bad = tmp_path / "bad.csv"
    frame = ws.load("population").head(5)
    frame.loc[2, "value"] = -5
    frame.loc[3, "country_iso3"] = "ukraine"
    frame.to_csv(bad, index=False)
    with pytest.raises(ValidationError) as err:
        ws.validate(bad, "population")
    rows = sorted(err.value.failures["row"].dropna().astype(int))
    assert rows == [4, 5]  # the user's line numbers (header is line 1)
