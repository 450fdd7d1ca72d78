"""Choropleth maps of Ukraine's oblasts, drawn offline from the shipped OCHA boundaries.

``plot_oblast_map`` colours each oblast by one value per oblast, in classes with a legend;
oblasts without an estimate are hatched grey, never drawn as zero; Kyiv city and Sevastopol
are outlined and labelled so that they stay visible; the footer names the data's sources
and the boundaries' (and DeepStateMap's when the occupied area is drawn over the map).
matplotlib only: no tiles, no network, no geopandas.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.patheffects import withStroke

from warstats.charts.footer import add_source_footer
from warstats.charts.style import new_figure, style
from warstats.labels import date_label

BOUNDARIES_SOURCE = "ocha_cod_ab_ukr"
NO_ESTIMATE = {"facecolor": "#f0f0f0", "hatch": "////", "edgecolor": "#a0a0a0"}
ZERO_COLOR = "#ffffff"
EDGE_COLOR = "#6b6b6b"
SMALL_UNITS = {"UA80": ("Kyiv (city)", (1.6, 0.75)), "UA85": ("Sevastopol", (-2.2, -0.55))}
OCCUPIED = {"facecolor": "none", "edgecolor": "#7a1010", "hatch": "xxxx", "linewidth": 0.8}
_PCODE_COLUMNS = ("oblast_pcode", "area_code", "pcode")


def _nice(x: float, up: bool) -> float:
    """``x`` rounded outwards to two significant digits."""
    if x == 0:
        return 0.0
    step = 10 ** (math.floor(math.log10(abs(x))) - 1)
    return (math.ceil if up else math.floor)(x / step) * step


def _quantile_edges(vals: np.ndarray, k: int) -> list[float]:
    qs = np.quantile(vals, np.linspace(0, 1, k + 1))
    return [_nice(qs[0], up=False), *(_nice(q, up=True) for q in qs[1:])]


def class_edges(values: Sequence[float], k: int = 5, *, diverging: bool = False) -> list[float]:
    """Class edges from quantiles, rounded to two significant digits.

    With ``diverging=True`` and values on both sides of 0, negatives and positives get
    their own quantile classes (``k // 2`` and the rest) meeting at 0.

    Examples
    --------
    >>> class_edges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], k=2)
    [1.0, 5.5, 10.0]
    >>> class_edges([-40, -10, 5, 20, 60], k=4, diverging=True)
    [-40.0, -25.0, 0.0, 20.0, 60.0]
    """
    vals = np.asarray([v for v in values if pd.notna(v)], dtype=float)
    if vals.size == 0:
        return []
    if diverging and (vals < 0).any() and (vals > 0).any():
        k_neg = max(1, k // 2)
        neg = [-e for e in _quantile_edges(-vals[vals < 0], k_neg)]
        pos = _quantile_edges(vals[vals > 0], max(1, k - k_neg))
        edges = sorted({*neg[1:], 0.0, *pos[1:]})
    else:
        edges = sorted(set(_quantile_edges(vals, k)))
    edges = [e + 0.0 for e in edges]  # no "-0"
    return edges if len(edges) > 1 else [edges[0], edges[0] + 1]


def _class_colors(edges: list[float], colormap, diverging: bool) -> list:
    n = max(len(edges) - 1, 1)
    if not diverging:
        return [colormap(0.12 + 0.83 * i / max(n - 1, 1)) for i in range(n)]
    lows = [i for i in range(n) if edges[i + 1] <= 0]
    highs = [i for i in range(n) if edges[i] >= 0]
    colors = [colormap(0.5)] * n
    for rank, i in enumerate(reversed(lows), start=1):  # nearest 0 first: palest
        colors[i] = colormap(0.5 - 0.45 * rank / len(lows))
    for rank, i in enumerate(highs, start=1):
        colors[i] = colormap(0.5 + 0.45 * rank / len(highs))
    return colors


def _fmt(value: float, percent: bool) -> str:
    """A class edge for the legend: whole numbers without decimals (``1%``, not ``1.0%``),
    a typographic minus for negatives."""
    if percent:
        text = f"{value:,.0f}%" if value == round(value) else f"{value:,.1f}%"
    else:
        text = f"{value:,.0f}"
    return text.replace("-", "\u2212")


def _path(geom):
    """A matplotlib Path of a (multi)polygon, exteriors anticlockwise and holes clockwise."""
    import shapely
    from matplotlib.path import Path

    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        poly = shapely.geometry.polygon.orient(poly, 1.0)
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            verts.append(xy)
            codes += [Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY]
    return Path(np.concatenate(verts), codes)


def _add_shape(ax, patch) -> None:
    """``ax.add_patch`` without its per-segment search for curve extrema (a Python loop over
    every boundary segment, about half the time of drawing a map): the data limits grow by
    the path's vertices instead, the same box for these straight-edged polygons."""
    ax.add_artist(patch)
    ax.update_datalim(patch.get_path().vertices)


def _values(df: pd.DataFrame, column: str, pcode_column: str | None,
            known: set[str]) -> tuple[pd.Series, list[str], str]:
    pcol = pcode_column or next((c for c in _PCODE_COLUMNS if c in df.columns), None)
    if pcol is None or column not in df.columns:
        raise ValueError(f"plot_oblast_map needs a pcode column ({' or '.join(_PCODE_COLUMNS)})"
                         f" and the column {column!r}; got {list(df.columns)}")
    codes = df[pcol].astype(str)
    dup = codes[codes.duplicated()]
    if len(dup):
        raise ValueError(f"plot_oblast_map needs one row per oblast; {sorted(set(dup))[:5]} "
                         "appear more than once: select one date, round or source first")
    off_map = sorted(set(codes) - known)
    values = pd.Series(pd.to_numeric(df[column], errors="coerce").to_numpy(),
                       index=codes.to_numpy())
    return values[values.index.isin(known)], off_map, pcol


def _legend(ax, handles, title: str | None) -> None:
    ax.legend(handles=handles, title=title, loc="lower left", fontsize=8, title_fontsize=8.5,
              frameon=False, handlelength=1.6, handleheight=1.1, alignment="left")


def plot_oblast_map(df: pd.DataFrame, column: str = "value", *, ax=None,
                    pcode_column: str | None = None, bins: Sequence[float] | None = None,
                    k: int = 5, cmap: str | None = None, diverging: bool = False,
                    percent: bool = False, zero_class: bool | None = None,
                    title: str | None = None,
                    legend_title: str | None = None, occupied=None, note: str | None = None):
    """Choropleth of one value per oblast, with classes, a legend and the source footer.

    Parameters
    ----------
    df : one row per oblast: a pcode column (``oblast_pcode``, ``area_code`` or ``pcode``),
        ``column`` and ``source_id``. Missing values are drawn as "no estimate" (hatched
        grey), distinct from 0; rows that are not oblasts (``UA_UNK``) are named in the footer.
    bins : class edges; by default ``k`` quantile classes rounded to two digits.
        ``diverging=True`` centres the colours on 0 (for changes).
    zero_class : draw exact zeros as their own white "0" class (default: when some values
        are 0 and none is negative).
    occupied : a date (draws the DeepStateMap polygon of the newest map on or before it,
        read from the raw files, see
        :func:`warstats.readers.deepstate_polygon.occupied_polygon`) or a shapely geometry
        in lon/lat, hatched over the map.
    """
    import matplotlib as mpl
    from matplotlib.patches import Patch, PathPatch

    from warstats.datasets.load import load

    shapes = load("oblast_boundaries", validate=False)
    values, off_map, _ = _values(df, column, pcode_column, set(shapes["oblast_pcode"]))
    present = values.dropna()
    if zero_class is None:
        zero_class = not diverging and bool((present == 0).any()) and present.min() >= 0
    edges = list(bins) if bins is not None else class_edges(
        present[present != 0] if zero_class else present, k, diverging=diverging)
    n = max(len(edges) - 1, 1)
    colormap = mpl.colormaps[cmap or ("RdBu_r" if diverging else "YlOrRd")]
    colors = _class_colors(edges, colormap, diverging)

    def face(v: float):
        if pd.isna(v):
            return None
        if zero_class and v == 0:
            return ZERO_COLOR
        i = int(np.searchsorted(edges, v, side="right")) - 1
        return colors[min(max(i, 0), n - 1)]

    if ax is None:
        _, ax = new_figure(width=8.0, height=6.0)
    with style():
        for row in shapes.itertuples(index=False):
            color = face(values.get(row.oblast_pcode, np.nan))
            small = row.oblast_pcode in SMALL_UNITS
            kw = dict(NO_ESTIMATE) if color is None else {"facecolor": color,
                                                         "edgecolor": EDGE_COLOR}
            _add_shape(ax, PathPatch(_path(row.geometry), linewidth=1.3 if small else 0.5,
                                     zorder=3 if small else 2,
                                     gid=f"oblast-{row.oblast_pcode}", **kw))
            if small:
                label, (dx, dy) = SMALL_UNITS[row.oblast_pcode]
                c = row.geometry.representative_point()
                ax.annotate(label, (c.x, c.y), (c.x + dx, c.y + dy), fontsize=7.5,
                            color="#333333", zorder=5, ha="center", va="center",
                            path_effects=[withStroke(linewidth=2.5, foreground="white")],
                            arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.7})
        handles = []
        if zero_class:
            handles.append(Patch(facecolor=ZERO_COLOR, edgecolor=EDGE_COLOR, label="0"))
        for i in range(n if edges else 0):
            lo, hi = edges[i], edges[i + 1]
            handles.append(Patch(facecolor=colors[i], edgecolor=EDGE_COLOR,
                                 label=f"{_fmt(lo, percent)}{' to ' if edges[0] < 0 else ' – '}"
                                       f"{_fmt(hi, percent)}"))
        if values.isna().any() or len(values) < len(shapes):
            handles.append(Patch(label="no estimate", **NO_ESTIMATE))
        sources = pd.DataFrame({"source_id": [BOUNDARIES_SOURCE], "is_minimum": [False]})
        if occupied is not None:
            geom, label = _occupied(occupied)
            _add_shape(ax, PathPatch(_path(geom), zorder=4, gid="occupied", **OCCUPIED))
            handles.append(Patch(label=label, **OCCUPIED))
            sources.loc[len(sources)] = ["deepstatemap", False]
        _legend(ax, handles, legend_title)
        import shapely

        minx, miny, maxx, maxy = shapely.total_bounds(shapes["geometry"].to_numpy())
        ax.update_datalim([(minx - 0.3, miny - 0.3), (maxx + 0.3, maxy + 0.3)])
        ax.autoscale_view()
        # the axes box stays where fit_layout puts it (title, footer); the map fits inside
        ax.set_aspect(1 / math.cos(math.radians((miny + maxy) / 2)), adjustable="datalim")
        ax.set_axis_off()
        if title:
            ax.set_title(title)
    frame = pd.concat([df[["source_id", *(["is_minimum"] if "is_minimum" in df else [])]],
                       sources], ignore_index=True)
    notes = [note] if note else []
    if off_map:
        notes.append(f"Not on the map: {', '.join(_off_map_name(c) for c in off_map)}")
    notes.append("Boundaries simplified; Crimea and Sevastopol drawn as parts of Ukraine")
    add_source_footer(ax.figure, frame, note=". ".join(notes))
    return ax


def _off_map_name(code: str) -> str:
    from warstats.codes.oblasts import UNKNOWN_OBLAST

    return "residence unknown" if code == UNKNOWN_OBLAST else code


def _occupied(occupied):
    import shapely

    if isinstance(occupied, shapely.Geometry):
        return occupied, "Occupied area"
    from warstats.readers.deepstate_polygon import occupied_polygon

    map_date, geom = occupied_polygon(occupied)
    return geom, f"Occupied, DeepStateMap {date_label(map_date)}"
