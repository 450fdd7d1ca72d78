"""plot_oblast_map: classes and legend, no estimate distinct from zero, footer, bad input."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.colors import to_hex

import warstats as ws
from warstats.charts.maps import class_edges, plot_oblast_map


def _frame(values: dict[str, float], source: str = "iom_dtm_idp_r20") -> pd.DataFrame:
    return pd.DataFrame({"oblast_pcode": list(values), "value": list(values.values()),
                         "source_id": source, "is_minimum": False})


def _patch(ax, pcode):
    return next(p for p in ax.patches if p.get_gid() == f"oblast-{pcode}")


@pytest.fixture(scope="module")
def pcodes():
    return ws.load("oblast_boundaries")["oblast_pcode"].tolist()


def test_no_estimate_is_hatched_and_zero_is_not(pcodes):
    values = {p: float(i * 1000) for i, p in enumerate(pcodes)}
    values["UA46"] = 0.0
    values["UA14"] = float("nan")
    del values["UA01"]  # absent rows are "no estimate" too
    ax = plot_oblast_map(_frame(values), legend_title="IDPs")
    zero, missing, absent = _patch(ax, "UA46"), _patch(ax, "UA14"), _patch(ax, "UA01")
    assert missing.get_hatch() == "////" and absent.get_hatch() == "////"
    assert not zero.get_hatch()
    assert to_hex(zero.get_facecolor()) == "#ffffff"
    assert to_hex(zero.get_facecolor()) != to_hex(missing.get_facecolor())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == "0" and labels[-1] == "no estimate"
    assert ax.get_legend().get_title().get_text() == "IDPs"


def test_classes_follow_the_values(pcodes):
    values = {p: float(i) for i, p in enumerate(pcodes)}
    ax = plot_oblast_map(_frame(values), bins=[0, 10, 20, 30], legend_title="x")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["0", "0 – 10", "10 – 20", "20 – 30"]  # one oblast is exactly 0
    ax = plot_oblast_map(_frame(values), bins=[0, 10, 20, 30], zero_class=False)
    assert ax.get_legend().get_texts()[0].get_text() == "0 – 10"
    low, high = _patch(ax, pcodes[1]), _patch(ax, pcodes[25])
    assert to_hex(low.get_facecolor()) != to_hex(high.get_facecolor())


def test_footer_names_data_and_boundaries(pcodes):
    ax = plot_oblast_map(_frame(dict.fromkeys(pcodes, 5.0)))
    footer = next(t for t in ax.figure.texts if t.get_gid() == "source-footer")
    text = footer.get_text().replace("\n", " ")
    assert "IOM" in text and "OCHA COD-AB boundaries" in text


def test_kyiv_city_and_sevastopol_are_labelled(pcodes):
    ax = plot_oblast_map(_frame(dict.fromkeys(pcodes, 5.0)))
    labels = {t.get_text() for t in ax.texts}
    assert {"Kyiv (city)", "Sevastopol"} <= labels
    assert _patch(ax, "UA80").get_zorder() > _patch(ax, "UA32").get_zorder()


def test_rows_off_the_map_are_named_in_the_footer(pcodes):
    values = dict.fromkeys(pcodes, 5.0)
    values["UA_UNK"] = 7.0
    ax = plot_oblast_map(_frame(values))
    footer = next(t for t in ax.figure.texts if t.get_gid() == "source-footer")
    assert "residence unknown" in footer.get_text().replace("\n", " ")


@pytest.mark.raw  # the DeepStateMap polygons are read from the raw files
def test_occupied_overlay_from_a_geometry_and_a_date(pcodes):
    from shapely.geometry import box

    ax = plot_oblast_map(_frame(dict.fromkeys(pcodes, 5.0)), occupied=box(37, 47, 39, 48))
    assert any(p.get_gid() == "occupied" for p in ax.patches)
    assert "Occupied area" in [t.get_text() for t in ax.get_legend().get_texts()]
    ax = plot_oblast_map(_frame(dict.fromkeys(pcodes, 5.0)), occupied="2025-01-15")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Occupied, DeepStateMap 2 Jan 2025" in labels  # house date style
    footer = next(t for t in ax.figure.texts if t.get_gid() == "source-footer")
    assert "DeepStateMap" in footer.get_text()


@pytest.mark.raw  # the DeepStateMap polygons are read from the raw files
def test_occupied_before_the_first_map_is_refused(pcodes):
    with pytest.raises(ws.WarstatsError, match="no DeepStateMap map on or before"):
        plot_oblast_map(_frame(dict.fromkeys(pcodes, 5.0)), occupied="2020-01-01")


def test_duplicate_oblasts_refused(pcodes):
    frame = pd.concat([_frame({"UA46": 1.0}), _frame({"UA46": 2.0})])
    with pytest.raises(ValueError, match="one row per oblast"):
        plot_oblast_map(frame)


def test_missing_columns_refused():
    with pytest.raises(ValueError, match="pcode column"):
        plot_oblast_map(pd.DataFrame({"name": ["Lviv"], "value": [1.0], "source_id": ["x"]}))


def test_class_edges():
    assert class_edges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], k=2) == [1.0, 5.5, 10.0]
    assert 0.0 in class_edges([-50, -10, 5, 40], k=2, diverging=True)
    assert class_edges([float("nan")]) == []


def test_legend_classes_below_zero_read_with_a_minus_sign_and_whole_percents(pcodes):
    values = {p: float(i) - 10 for i, p in enumerate(pcodes)}
    ax = plot_oblast_map(_frame(values), bins=[-20_000, -9_000, 0, 8_700], diverging=True,
                         zero_class=False)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    # "to" throughout a legend with negative classes: "−9,000 – 0" would read as a minus
    assert labels[:3] == ["\u221220,000 to \u22129,000", "\u22129,000 to 0", "0 to 8,700"]
    assert not any("-" in label for label in labels)  # no hyphen used as a minus
    share = plot_oblast_map(_frame({p: 5.0 for p in pcodes}), bins=[0, 1, 10, 100],
                            percent=True, zero_class=False)
    labels = [t.get_text() for t in share.get_legend().get_texts()]
    assert labels[:3] == ["0% – 1%", "1% – 10%", "10% – 100%"]  # not 1.0% beside 10%
