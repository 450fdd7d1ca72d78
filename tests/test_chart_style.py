"""House-style helpers: tick formats, layout fitting and break notes, on hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from warstats.charts.breaks import breaks_note, mark_breaks
from warstats.charts.footer import add_source_footer
from warstats.charts.style import date_axis, new_figure, style, thousands


def _tick_labels(ax, axis="x"):
    ax.figure.canvas.draw()
    target = ax.xaxis if axis == "x" else ax.yaxis
    return [t.get_text() for t in target.get_ticklabels() if t.get_text()]


def test_thousands_uses_one_unit_per_axis():
    _fig, ax = new_figure()
    ax.barh(["a", "b"], [85_000, 1_243_445])
    ax.set_xlim(0, 1_600_000)
    thousands(ax, "x")
    labels = _tick_labels(ax)
    assert labels[0] == "0"
    assert all(label.endswith("M") for label in labels[1:]), labels
    assert "0.2M" in labels and "1.0M" in labels

    _fig, ax = new_figure()
    ax.plot([0, 1], [0, 600_000])
    ax.set_ylim(0, 600_000)
    thousands(ax)
    assert "200,000" in _tick_labels(ax, "y")


def test_date_axis_names_the_year_of_the_first_tick():
    _fig, ax = new_figure()
    ax.plot(pd.to_datetime(["2022-04-25", "2022-11-30"]), [1, 2])
    date_axis(ax)
    labels = _tick_labels(ax)
    assert "2022" in labels[0]
    assert all("-" not in label for label in labels)


def _inside(bbox, fig_bbox):
    return (bbox.x0 >= fig_bbox.x0 - 0.5 and bbox.x1 <= fig_bbox.x1 + 0.5
            and bbox.y0 >= fig_bbox.y0 - 0.5 and bbox.y1 <= fig_bbox.y1 + 0.5)


@pytest.mark.parametrize("house_style", [True, False])
def test_footer_fits_layout_nothing_clipped_or_overlapping(house_style):
    fig, ax = new_figure()
    fig.subplots_adjust(left=0.3)  # as the bar charts do
    ax.barh(["A rather long country name, Republic of", "B"], [1_000, 2_000])
    title = "A long title that would run past the right edge when it starts at the axes"
    if house_style:  # left-aligned title
        with style():
            ax.set_title(title)
    else:
        ax.set_title(title)
    ax.set_xlabel("Persons")
    footer = add_source_footer(fig, ["wb_wdi_population"], note="A note")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    title = ax._left_title if ax._left_title.get_text() else ax.title
    tight = ax.get_tightbbox(renderer)
    assert _inside(title.get_window_extent(renderer), fig.bbox)
    assert _inside(tight, fig.bbox)
    assert tight.y0 > footer.get_window_extent(renderer).y1


def test_breaks_note_numbers_breaks_in_date_order():
    breaks = pd.DataFrame({
        "date": pd.to_datetime(["2023-06-04", "2022-06-01"]),
        "kind": ["revision", "coverage"],
        "description": ["Figures aligned with present refugees; the fall is a revision.",
                        "Until May 2022 only part of the hosts: jumps are coverage."]})
    _fig, ax = new_figure()
    ax.plot(pd.to_datetime(["2022-01-01", "2024-01-01"]), [0, 1])
    assert mark_breaks(ax, breaks) == 2
    assert breaks_note(breaks) == (
        "Break 1 (1 Jun 2022, coverage): Until May 2022 only part of the hosts; "
        "Break 2 (4 Jun 2023, revision): Figures aligned with present refugees")


def _date_chart(title: str):
    fig, ax = new_figure()
    ax.plot(pd.to_datetime(["1991-01-01", "2024-06-30"]), [52_000_000, 37_000_000])
    thousands(ax)
    date_axis(ax)
    with style():
        ax.set_title(title)
    return fig, ax


def test_fit_layout_passes_until_value_labels_fit():
    """Value labels at the bar ends grow with the axes: after the first pass moves the axes,
    the longest label runs past the right edge, so fit_layout must not stop there."""
    from warstats.charts.style import EDGE_PAD, label_bars

    fig, ax = new_figure(kind="ranked")
    names = ["Germany", "Poland", "Czechia",
             "United Kingdom of Great Britain and Northern Ireland"]
    values = [1_180_000, 990_000, 380_000, 250_000]
    ax.barh(names, values)
    label_bars(ax, values, [f"{v:,}" for v in values])
    thousands(ax, "x")
    with style():
        ax.set_title("Refugees from Ukraine recorded by host country, latest")
    add_source_footer(fig, ["wb_wdi_population"])
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert _inside(ax.get_tightbbox(renderer), fig.bbox)
    edge = fig.bbox.x1 - EDGE_PAD * fig.dpi  # labels stay out of the padding too
    assert max(t.get_window_extent(renderer).x1 for t in ax.texts) <= edge + 0.5


def test_fit_layout_puts_back_minor_ticks_and_titles():
    """Unlabelled minor ticks and the titles are left out while measuring, never for good."""
    fig, ax = _date_chart("Population")
    minor = ax.xaxis.get_minor_locator()
    add_source_footer(fig, ["wb_wdi_population"])
    assert ax.xaxis.get_minor_locator() is minor
    fig.canvas.draw()
    assert len(ax.xaxis.get_minorticklocs()) > 100  # quarterly ticks over 33 years
    title = ax._left_title
    assert title.get_text() == "Population" and title.get_visible()
