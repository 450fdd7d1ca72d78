"""Tick labels are derived from the tick step: never rounded past it (property tests).

Expected values are the tick positions themselves: every label, read back as a number and
multiplied by its axis unit, must equal its tick exactly (to float precision).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warstats.charts.style import new_figure, step_decimals, thousands, tick_labels

UNITS = {"M": 1e6, "bn": 1e9}


def _read(label: str) -> float:
    text = label.replace(",", "").replace("\u2212", "-")
    for suffix, scale in UNITS.items():
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * scale
    return float(text)


def test_the_reported_chart_ticks_2_5_apart_read_2_5_not_rounded():
    # the bug: ticks 0, 2.5, …, 12.5 were labelled 0, 2, 5, 8, 10, 12
    assert tick_labels([0, 2.5, 5, 7.5, 10, 12.5]) == ["0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert tick_labels([0, 2.5e6, 5e6, 7.5e6]) == ["0", "2.5M", "5.0M", "7.5M"]
    assert tick_labels([0, 200_000, 400_000]) == ["0", "200,000", "400,000"]


@pytest.mark.parametrize(("step", "decimals"), [(1, 0), (2.5, 1), (0.25, 2), (0.2, 1),
                                                  (5e5, 0), (0.1 + 0.2, 1), (0.05, 2)])
def test_step_decimals_hand_worked(step, decimals):
    assert step_decimals(step) == decimals


@settings(max_examples=300, deadline=None)
@given(mantissa=st.sampled_from([1, 2, 2.5, 5]), power=st.integers(-3, 10),
       first=st.integers(-5, 20), count=st.integers(2, 10))
def test_labels_read_back_as_their_ticks(mantissa, power, first, count):
    step = mantissa * 10.0**power
    ticks = [(first + i) * step for i in range(count)]
    labels = tick_labels(ticks)
    assert len(set(labels)) == len(labels), labels
    for tick, label in zip(ticks, labels, strict=True):
        assert _read(label) == pytest.approx(tick, rel=1e-9, abs=step * 1e-9), (ticks, labels)
    suffixes = {lab[-1] for lab in labels if lab != "0" and not lab[-1].isdigit()}
    assert len(suffixes) <= 1, labels  # one unit for the whole axis


@settings(max_examples=40, deadline=None)
@given(low=st.floats(0, 1e9), span=st.floats(1e-2, 5e9))
def test_matplotlib_axis_labels_read_back_as_ticks(low, span):
    import matplotlib.pyplot as plt

    fig, ax = new_figure()
    try:
        ax.set_ylim(low, low + span)
        thousands(ax)
        fig.canvas.draw()
        locs = list(ax.get_yticks())
        labels = [t.get_text() for t in ax.get_yticklabels()]
        step = locs[1] - locs[0]
        for loc, label in zip(locs, labels, strict=True):
            assert _read(label) == pytest.approx(loc, rel=1e-9, abs=step * 1e-6), (locs, labels)
    finally:
        plt.close(fig)
