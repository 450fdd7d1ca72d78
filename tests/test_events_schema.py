"""EventObservation / validate_events on hand-worked frames; load keeps numeric-looking text."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil

import numpy as np
import pandas as pd
import pandera.errors as pae
import pytest

from warstats.schemas.events import in_vocabulary, validate_events


@pytest.fixture
def events():
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-11-17", "2024-11-17", "2024-11-19"]),
        "country": ["UKR", "UKR", "RUS"],
        "admin1": ["UA80", "UA46", "UA_UNK"],
        "category": ["UAV", "cruise missile", "UAV"],
        "launched": [120.0, np.nan, 5],
        "destroyed": [100.0, 3.0, np.nan],
        "source_id": "uaf_air_attacks",
    })


def test_valid_text_frame_is_cast_not_modified(events):
    out = validate_events(events)
    assert isinstance(out["category"].dtype, pd.CategoricalDtype)
    assert out["launched"].isna().tolist() == [False, True, False]  # missing stays missing
    assert events["category"].dtype == "str"  # the caller's frame is untouched


def test_categorical_frame_passes_without_cast(events):
    cat = events.astype({c: "category" for c in ("country", "admin1", "category", "source_id")})
    out = validate_events(cat)
    assert out["admin1"].tolist() == ["UA80", "UA46", "UA_UNK"]


def test_every_failure_is_listed(events):
    bad = events.copy()
    bad.loc[0, "country"] = "XXX"
    bad.loc[1, "admin1"] = "UA99"
    bad.loc[2, "launched"] = -1.0
    bad.loc[0, "destroyed"] = 130.0  # > launched
    with pytest.raises(pae.SchemaErrors) as info:
        validate_events(bad)
    cases = info.value.failure_cases
    found = {(c, str(v)) for c, v in zip(cases["column"], cases["failure_case"], strict=True)}
    assert {("country", "XXX"), ("admin1", "UA99"), ("launched", "-1.0")} <= found
    assert "destroyed must not exceed launched" in " ".join(cases["check"].astype(str))


def test_unknown_column_is_refused(events):
    with pytest.raises(pae.SchemaErrors):
        validate_events(events.assign(extra=1))


def test_in_vocabulary_tests_categories_first():
    s = pd.Series(pd.Categorical(["a", "b", "a"], categories=["a", "b"]))
    assert in_vocabulary(s, ["a", "b", "c"]) is True
    assert in_vocabulary(s, ["a"]).tolist() == [True, False, True]


def test_load_keeps_numeric_looking_text(tmp_path):
    """A text column whose values all look like numbers is still read as text, exactly."""
    from warstats._paths import data_dir
    from warstats.datasets.load import read_table

    src = data_dir()
    text = (src / "weapons.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    col = rows[0].index("unit_cost")
    for i, row in enumerate(rows[1:]):
        row[col] = f"{i:03d}"  # "000", "001", … would parse as integers
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    data = buf.getvalue().encode("utf-8")
    (tmp_path / "weapons.csv").write_bytes(data)
    meta = json.loads((src / "weapons.meta.json").read_text(encoding="utf-8"))
    meta["sha256"] = hashlib.sha256(data).hexdigest()
    (tmp_path / "weapons.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    shutil.copymode(src / "weapons.csv", tmp_path / "weapons.csv")
    frame, _ = read_table("weapons", tmp_path)
    assert frame["unit_cost"].dtype == "str"
    assert frame["unit_cost"].tolist()[:3] == ["000", "001", "002"]
