"""The measure kind: lost by concat/merge of differently-sourced frames, said again explicitly."""

from __future__ import annotations

import pandas as pd
import pytest

import warstats as ws
from warstats.analysis.kinds import kind_of, require_kind, with_kind
from warstats.errors import MeasureKindError


def _flows() -> tuple[pd.DataFrame, pd.DataFrame]:
    a = pd.DataFrame({"period_start": pd.to_datetime(["2024-01-01"]), "value": [3.0],
                      "source_id": ["a"]})
    b = pd.DataFrame({"period_start": pd.to_datetime(["2024-02-01"]), "value": [4.0],
                      "source_id": ["b"]})
    a.attrs = {"kind": "flow", "sources": ["a"]}
    b.attrs = {"kind": "flow", "sources": ["b"]}
    return a, b


def test_concat_of_differently_sourced_frames_loses_the_kind_and_says_how():
    both = pd.concat(_flows(), ignore_index=True)
    assert kind_of(both) is None  # pandas keeps attrs only when every input has the same
    with pytest.raises(MeasureKindError, match=r"with_kind\(df, 'flow'\)") as err:
        require_kind(both, ["flow"], "to_cumulative")
    assert "pd.concat" in str(err.value)


def test_the_kind_can_be_said_again_or_passed():
    both = pd.concat(_flows(), ignore_index=True)
    assert require_kind(with_kind(both, "flow"), ["flow"], "to_cumulative") == "flow"
    assert require_kind(both, ["flow"], "to_cumulative", kind="flow") == "flow"
    assert both.attrs == {}  # with_kind returned a marked copy, the input is untouched
    with pytest.raises(MeasureKindError, match="not defined for stock"):
        require_kind(both, ["flow"], "to_cumulative", kind="stock")
    with pytest.raises(MeasureKindError, match="unknown measure kind"):
        with_kind(both, "flows")


def test_same_attrs_survive_concat_and_merge():
    a, _ = _flows()
    again = a.copy()
    assert kind_of(pd.concat([a, again])) == "flow"
    assert kind_of(a.merge(again[["period_start"]], on="period_start")) == "flow"


def test_loaded_table_after_concat_feeds_analysis_through_with_kind():
    from warstats.analysis.casualties import to_cumulative

    monthly = ws.load("casualties_monthly")
    killed = monthly[monthly["measure"] == "killed"]
    halves = [killed.iloc[: len(killed) // 2].copy(), killed.iloc[len(killed) // 2:].copy()]
    halves[1].attrs["sources"] = ["changed"]
    joined = pd.concat(halves)
    with pytest.raises(MeasureKindError, match="with_kind"):
        to_cumulative(joined)
    expected = to_cumulative(killed)
    pd.testing.assert_frame_equal(to_cumulative(ws.with_kind(joined, "flow")), expected,
                                  check_like=True)
