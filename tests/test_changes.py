"""changes between two versions of a table: hand-worked small frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from warstats.errors import WarstatsError
from warstats.releases.changes import (
    compare_frames,
    measure_columns,
    newest_date,
    summarise,
)
from warstats.releases.summary import format_update_summary


def _frames():
    old = pd.DataFrame({
        "country": ["UKR", "UKR", "POL", "DEU"],
        "year": [2022, 2023, 2022, 2022],
        "value": [10.0, 20.0, 5.0, 7.0],
        "other": [1.0, 1.0, float("nan"), 3.0],
        "published": pd.to_datetime(["2024-01-01"] * 4),
        "is_minimum": [False] * 4,
        "source_id": ["s", "s", "s", "t"],
    })
    new = pd.DataFrame({
        "country": ["UKR", "UKR", "POL", "FRA"],
        "year": [2022, 2023, 2022, 2022],
        # UKR 2022 unchanged, UKR 2023 revised 20 -> 21, POL 2022 other filled (nan -> 2)
        "value": [10.0, 21.0, 5.0, 9.0],
        "other": [1.0, 1.0, 2.0, 4.0],
        "published": pd.to_datetime(["2025-01-01"] * 4),  # a new date is not a revision
        "is_minimum": [True, False, False, False],
        "source_id": ["s", "s", "s", "u"],
    })
    return old, new


def test_added_removed_revised_by_hand():
    old, new = _frames()
    diff = compare_frames(old, new, ["country", "year"])
    assert list(diff.columns) == ["change", "country", "year", "source_id", "column", "old",
                                  "new", "difference"]
    # the source of an added row is the new one's; of a removed row, the old one's
    assert dict(zip(diff["country"], diff["source_id"], strict=True)) == {
        "FRA": "u", "DEU": "t", "POL": "s", "UKR": "s"}
    rows = [tuple(r) for r in diff[["change", "country", "year", "column"]].astype(object)
            .itertuples(index=False)]
    assert rows == [
        ("added", "FRA", 2022, "other"), ("added", "FRA", 2022, "value"),
        ("removed", "DEU", 2022, "other"), ("removed", "DEU", 2022, "value"),
        ("revised", "POL", 2022, "other"),
        ("revised", "UKR", 2023, "value"),
    ]
    ukr = diff[(diff["change"] == "revised") & (diff["country"] == "UKR")].iloc[0]
    assert (ukr["old"], ukr["new"], ukr["difference"]) == (20.0, 21.0, 1.0)
    pol = diff[(diff["change"] == "revised") & (diff["country"] == "POL")].iloc[0]
    assert math.isnan(pol["old"]) and pol["new"] == 2.0 and math.isnan(pol["difference"])
    fra = diff[(diff["change"] == "added") & (diff["column"] == "value")].iloc[0]
    assert math.isnan(fra["old"]) and fra["new"] == 9.0
    assert summarise(diff, ["country", "year"]) == {
        "rows_added": 1, "rows_removed": 1, "rows_revised": 2, "values_revised": 2}


def test_measures_default_to_numeric_non_key_columns():
    old, new = _frames()
    assert measure_columns(old, new, ["country", "year"]) == ["value", "other"]
    diff = compare_frames(old, new, ["country", "year"], measures=["value"])
    assert set(diff["column"]) == {"value"}
    assert summarise(diff, ["country", "year"])["rows_revised"] == 1


def test_exact_equality_and_tolerance():
    old = pd.DataFrame({"k": [1, 2, 3], "value": [0.1 + 0.2, 1e9, 5.0]})
    new = pd.DataFrame({"k": [1, 2, 3], "value": [0.3, 1e9 + 1, 5.0]})
    # 0.1 + 0.2 != 0.3 in binary floats: exact comparison calls it a revision
    assert compare_frames(old, new, ["k"])["k"].tolist() == [1, 2]
    assert compare_frames(old, new, ["k"], atol=1e-9)["k"].tolist() == [2]
    assert compare_frames(old, new, ["k"], atol=1)["k"].tolist() == []


def test_identical_frames_give_no_rows():
    old, _ = _frames()
    diff = compare_frames(old, old.copy(), ["country", "year"])
    assert diff.empty
    assert summarise(diff, ["country", "year"]) == {
        "rows_added": 0, "rows_removed": 0, "rows_revised": 0, "values_revised": 0}


def test_categorical_and_date_keys_match():
    dates = pd.to_datetime(["2024-01-01", "2024-02-01"])
    old = pd.DataFrame({"m": pd.Categorical(["a", "b"]), "date": dates, "value": [1, 2]})
    new = pd.DataFrame({"m": pd.Categorical(["b", "a"], categories=["b", "a"]),
                        "date": dates[::-1], "value": [3, 1]})
    diff = compare_frames(old, new, ["m", "date"])
    assert diff[["change", "m", "old", "new"]].astype(object).values.tolist() == [
        ["revised", "b", 2, 3]]


def test_duplicate_or_missing_key_is_a_clear_error():
    old = pd.DataFrame({"k": [1, 1], "value": [1.0, 2.0]})
    new = pd.DataFrame({"k": [1], "value": [1.0]})
    with pytest.raises(WarstatsError, match="old table has 2 rows sharing a key"):
        compare_frames(old, new, ["k"])
    with pytest.raises(WarstatsError, match="no key column"):
        compare_frames(new, new, ["country"])
    with pytest.raises(WarstatsError, match="no column\\(s\\) other"):
        compare_frames(new, new, ["k"], measures=["other"])


def test_newest_date_reads_the_coverage_column():
    frame = pd.DataFrame({"period_start": pd.to_datetime(["2022-01-01", "2022-02-01"]),
                          "period_end": pd.to_datetime(["2022-01-31", "2022-02-28"]),
                          "year": [2020, 2021]})
    assert newest_date(frame, "period_start:period_end") == "2022-02-28"
    assert newest_date(frame, "year") == 2021
    assert newest_date(frame, "") is None


def test_format_update_summary_one_block_per_source():
    summary = pd.DataFrame([
        {"dataset": "fx_rates", "sources": "ecb_eurofxref, fred_fx_monthly", "status": "updated",
         "rows_added": 5, "rows_removed": 0, "rows_revised": 0,
         "newest_before": "2026-04-02", "newest_after": "2026-04-13"},
        {"dataset": "aid_by_donor", "sources": "kiel_ust_r28", "status": "unchanged",
         "rows_added": 0, "rows_removed": 0, "rows_revised": 0,
         "newest_before": "2026-01-31", "newest_after": "2026-01-31"},
    ])
    text = format_update_summary(summary)
    assert text.count("fx_rates") == 2 and text.count("aid_by_donor") == 1
    assert "ECB reference rates" in text and "Kiel Institute" in text
    assert "ecb_eurofxref" not in text  # words, not codes, as headings
    assert max(len(line) for line in text.splitlines()) <= 100


def test_tables_without_measures_report_membership_only():
    old = pd.DataFrame({"k": ["a", "b"], "name": ["A", "B"]})
    new = pd.DataFrame({"k": ["b", "c"], "name": ["B2", "C"]})
    diff = compare_frames(old, new, ["k"])
    assert diff[["change", "k"]].astype(object).values.tolist() == [["added", "c"],
                                                                     ["removed", "a"]]
    assert diff["column"].isna().all()
    # text columns can be compared when asked: difference stays empty
    named = compare_frames(old, new, ["k"], measures=["name"])
    revised = named[named["change"] == "revised"].iloc[0]
    assert (revised["k"], revised["old"], revised["new"]) == ("b", "B", "B2")
    assert math.isnan(revised["difference"])
