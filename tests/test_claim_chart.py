"""The claim chart draws each measured series once, however many figures share its frame."""

from __future__ import annotations

import pandas as pd

from warstats.claims.chart import plot_claim
from warstats.claims.measure import Figure
from warstats.labels import series as series_name


def _claim() -> pd.Series:
    return pd.Series({"reference_date": pd.Timestamp("2024-11-19"), "claimed": 5.0,
                      "qualifier": "about", "claim": "A claim", "unit": "people",
                      "verdict": "consistent", "source_ids": "uaf_air_attacks"})


def test_each_series_is_drawn_once_from_the_first_frame_holding_it():
    dates = pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-31"])
    first = pd.DataFrame({"date": [*dates, *dates], "value": [1.0, 2.0, 3.0, 7.0, 8.0, 9.0],
                          "series": ["alpha"] * 3 + ["beta"] * 3})
    second = pd.DataFrame({"date": [*dates, *dates], "value": [40.0, 50.0, 60.0, 4, 5, 6],
                           "series": ["alpha"] * 3 + ["gamma"] * 3})
    day = pd.Timestamp("2024-03-31")
    figures = [Figure("alpha", 3.0, day, day, "uaf_air_attacks", first) for _ in range(40)]
    figures += [Figure("gamma", 6.0, day, day, "uaf_air_attacks", second),
                Figure("beta", 9.0, day, day, "uaf_air_attacks", None)]
    ax = plot_claim(_claim(), figures)
    drawn = {line.get_label(): list(line.get_ydata()) for line in ax.get_lines()
             if not line.get_label().startswith("_")}
    names = [line.get_label() for line in ax.get_lines()]
    for key in ("alpha", "beta", "gamma"):
        assert names.count(series_name(key)) == 1, names
    assert drawn[series_name("alpha")] == [1.0, 2.0, 3.0]  # the first frame's values
    assert drawn[series_name("beta")] == [7.0, 8.0, 9.0]
    assert drawn[series_name("gamma")] == [4.0, 5.0, 6.0]
