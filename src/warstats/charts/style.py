"""House style as a context manager: no global matplotlib state is changed on import."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib

if matplotlib.get_backend().lower() not in {"agg", "svg", "pdf", "module://matplotlib_inline.backend_inline"}:
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("MPLBACKEND"):
        matplotlib.use("Agg")

import matplotlib.pyplot as plt

from warstats.charts.colours import MEANINGS as COLORS  # noqa: F401  (re-exported)
from warstats.charts.colours import PALETTE

#: Padding around the figure edge, in inches (title, tick labels and footer stay inside it).
EDGE_PAD = 0.12

#: ``fit_layout`` stops once a pass moves no axes edge by more than this (display pixels):
#: the next pass would only shift tick labels by a fraction of a pixel.
SETTLED_PX = 0.5

RC = {
    "figure.figsize": (8.0, 4.6),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.8,
    "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
    "legend.frameon": False,
    "svg.hashsalt": "warstats",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}


@contextmanager
def style() -> Iterator[None]:
    """Apply the warstats style inside a ``with`` block only.

    The interactive flag is the one exception: the first figure of a session may activate
    the backend inside the block (Jupyter's inline backend switches interactive mode on
    then), and ``rc_context`` would undo that on exit, so no later chart would display.
    """
    interactive = matplotlib.is_interactive()
    try:
        with plt.rc_context(RC):
            try:
                yield
            finally:
                interactive = matplotlib.is_interactive()
    finally:
        matplotlib.interactive(interactive)


#: The report's two figure sizes, in inches: time series and other charts, and ranked bars
#: (one bar per country, donor or oblast). Every chart uses one of them, so figures line up.
SIZES = {"chart": (8.0, 4.6), "ranked": (8.0, 5.6)}


def new_figure(width: float | None = None, height: float | None = None, *,
               kind: str = "chart"):
    """A figure and axes in the house style, with room at the bottom for the source footer.

    ``kind`` picks one of :data:`SIZES`; ``width``/``height`` override it (notebooks).
    """
    default_w, default_h = SIZES[kind]
    with style():
        fig, ax = plt.subplots(figsize=(width or default_w, height or default_h))
        fig.subplots_adjust(bottom=0.2, top=0.86, left=0.1, right=0.97)
    return fig, ax


def label_bars(ax, values, texts, *, fontsize: float = 8, headroom: float = 1.15) -> None:
    """Write each horizontal bar's value at its end (``texts[i]`` beside bar ``i``) and leave
    ``headroom`` on the value axis so the labels stay inside the axes."""
    values = [float(v) for v in values]
    for y, (v, text) in enumerate(zip(values, texts, strict=True)):
        ax.annotate(text, xy=(v, y), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=fontsize)
    if values:
        ax.set_xlim(0, max(values) * headroom)


def step_decimals(step: float, *, max_decimals: int = 9) -> int:
    """The fewest decimals that write every multiple of ``step`` exactly (2.5 → 1, 0.25 → 2).

    Tick labels derive their decimals from the tick step, never from the size of the
    values, so ticks 2.5 apart read 2.5, 5.0, 7.5 and never 2, 5, 8.
    """
    import math

    step = abs(float(step))
    if step == 0 or not math.isfinite(step):
        return 0
    for d in range(max_decimals + 1):
        scaled = step * 10**d
        if round(scaled) >= 1 and abs(scaled - round(scaled)) <= 1e-6 * scaled:
            return d
    return max_decimals


def axis_unit(top: float) -> tuple[float, str]:
    """One unit for a whole axis from its largest absolute value: (1, ""), (1e6, "M") or
    (1e9, "bn"); up to 1 million the axis reads in plain numbers with separators."""
    top = abs(float(top))
    return (1e9, "bn") if top >= 1e9 else (1e6, "M") if top > 1e6 else (1.0, "")


def tick_labels(values, *, top: float | None = None, step: float | None = None) -> list[str]:
    """Labels for evenly spaced tick ``values``: one unit for the axis (``axis_unit`` of
    ``top``, default the largest tick), decimals from the tick step (``step_decimals``).

    >>> tick_labels([0, 2.5, 5, 7.5, 10, 12.5])
    ['0', '2.5', '5.0', '7.5', '10.0', '12.5']
    >>> tick_labels([0, 400_000, 800_000, 1_200_000, 1_600_000])
    ['0', '0.4M', '0.8M', '1.2M', '1.6M']
    """
    import itertools

    values = [float(v) for v in values]
    if not values:
        return []
    top = max(abs(v) for v in values) if top is None else top
    scale, suffix = axis_unit(top)
    if step is None:
        ordered = sorted(set(values))
        step = min((b - a for a, b in itertools.pairwise(ordered) if b > a), default=scale)
    decimals = step_decimals(step / scale)
    out = []
    for v in values:
        if v == 0:
            out.append("0")
        else:
            out.append(f"{v / scale:,.{decimals}f}{suffix}".replace("-", "\u2212"))
    return out


def thousands(ax, axis: str = "y") -> None:
    """Format an axis with thousands separators (12,000), or one M/bn suffix for the whole axis.

    The unit is chosen from the axis range, not per tick, so an axis never mixes
    ``800,000`` with ``1M``: up to 1 million ticks read 200,000 … 800,000; above, 0.2M … 1.6M.
    Decimals come from the tick step (:func:`tick_labels`), so labels are never rounded
    past the step.
    """
    from matplotlib.ticker import Formatter

    target = ax.yaxis if axis == "y" else ax.xaxis

    class _StepFormatter(Formatter):
        def _top(self):
            lo, hi = target.get_view_interval()
            return max(abs(lo), abs(hi))

        def format_ticks(self, values):
            return tick_labels(values, top=self._top())

        def __call__(self, x, pos=None):
            import itertools

            locs = sorted(set(target.get_majorticklocs()))
            step = min((b - a for a, b in itertools.pairwise(locs) if b > a), default=None)
            return tick_labels([x], top=self._top(), step=step)[0]

    target.set_major_formatter(_StepFormatter())


def date_axis(ax, axis: str = "x") -> None:
    """Readable date ticks: years written once, months as short names (``2023  Jul  2024``).

    When no tick falls on a new year, the first tick carries its year (``Apr 2022``), so the
    axis never shows months alone.
    """
    import matplotlib.dates as mdates

    class _Concise(mdates.ConciseDateFormatter):
        def format_ticks(self, values):
            labels = list(super().format_ticks(values))
            if len(values) and labels:
                first = mdates.num2date(values[0])
                if not any(str(first.year) in label for label in labels):
                    labels[0] = f"{first:%b %Y}"
            return labels

    target = ax.xaxis if axis == "x" else ax.yaxis
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    formatter = _Concise(locator, show_offset=False)
    target.set_major_locator(locator)
    target.set_major_formatter(formatter)
    target.set_minor_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))


def _titles(ax):
    """The axes' title artists (centre, left, right) that carry text."""
    return [t for t in (ax.title, getattr(ax, "_left_title", None),
                        getattr(ax, "_right_title", None)) if t is not None and t.get_text()]


def _wrap_title(title, max_px: float, renderer) -> None:
    import textwrap

    text = title.get_text().replace("\n", " ")
    title.set_text(text)
    width = title.get_window_extent(renderer).width
    if width <= max_px:
        return
    chars = max(20, int(len(text) * max_px / width) - 1)
    title.set_text("\n".join(textwrap.wrap(text, width=chars)))


def fit_layout(fig, footer=None) -> None:
    """Fit a one-axes figure to its contents: nothing clipped, nothing on the footer.

    The axes is resized so that tick labels, axis labels, legends and annotations fit inside
    the figure, above the ``footer`` text (if given); the title is set flush with the left
    edge of the figure (aligned with the y tick labels) and wrapped if it is wider than the
    figure. Figures with several axes or a layout engine are left as they are.

    Each pass measures the drawn extents (a layout pass as costly as drawing the figure's
    text), so passes stop as soon as one leaves the axes where it was (within
    :data:`SETTLED_PX`): usually after the second, at most after the third.
    """
    if len(fig.axes) != 1 or fig.get_layout_engine() is not None:
        return
    ax = fig.axes[0]
    fig_w = fig.bbox.width
    pad = EDGE_PAD * fig.dpi
    with _no_unlabelled_minor_ticks(ax):
        _fit_passes(fig, ax, footer, pad)
    for t in _titles(ax):
        if t is getattr(ax, "_left_title", None):
            t.set_x((pad - ax.bbox.x0) / ax.bbox.width)
        elif t is ax.title:  # a centred title is centred on the figure, not the axes
            t.set_x((fig_w / 2 - ax.bbox.x0) / ax.bbox.width)


@contextmanager
def _no_unlabelled_minor_ticks(ax) -> Iterator[None]:
    """Leave out minor ticks that carry no label while extents are measured.

    Their labels are empty, so they add nothing to a tight bounding box, but locating them
    (a date axis's quarterly minor ticks over decades) is a good part of each layout pass.
    The locators are put back on exit, so the figure draws them as before.
    """
    from matplotlib.ticker import NullFormatter, NullLocator

    saved = []
    for axis in (ax.xaxis, ax.yaxis):
        if isinstance(axis.get_minor_formatter(), NullFormatter) and not isinstance(
                axis.get_minor_locator(), NullLocator):
            saved.append((axis, axis.minor.locator))
            axis.minor.locator = NullLocator()
    try:
        yield
    finally:
        for axis, locator in saved:
            axis.minor.locator = locator
            axis.stale = True


def _fit_passes(fig, ax, footer, pad: float) -> None:
    """The passes of :func:`fit_layout`: measure, move the axes, until settled."""
    fig_w, fig_h = fig.bbox.width, fig.bbox.height
    for _ in range(3):
        renderer = fig.canvas.get_renderer()
        titles = _titles(ax)
        texts = [t.get_text() for t in titles]
        for t in titles:  # measured apart; blank, so matplotlib does not place them either
            t.set_visible(False)
            t.set_text("")
        try:
            tight = ax.get_tightbbox(renderer)
        finally:
            for t, text in zip(titles, texts, strict=True):
                t.set_text(text)
                t.set_visible(True)
        box = ax.bbox
        bottom_px = pad
        if footer is not None:
            bottom_px = footer.get_window_extent(renderer).y1 + 0.6 * pad
        title_h = 0.0
        for t in titles:
            _wrap_title(t, fig_w - 2 * pad, renderer)
            title_h = max(title_h, t.get_window_extent(renderer).height)
        # the title sits ``axes.titlepad`` (6 pt) above the highest item on top of the axes
        top_extra = max(tight.y1 - box.y1, 0.0) + (title_h + 8 * fig.dpi / 72 if titles else 0)
        left = (pad + max(box.x0 - tight.x0, 0.0)) / fig_w
        right = 1 - (pad + max(tight.x1 - box.x1, 0.0)) / fig_w
        bottom = (bottom_px + max(box.y0 - tight.y0, 0.0)) / fig_h
        top = 1 - (1.5 * pad + top_extra) / fig_h
        if right - left < 0.3 or top - bottom < 0.3:
            break
        params = fig.subplotpars
        moved = max(abs(left - params.left) * fig_w, abs(right - params.right) * fig_w,
                    abs(bottom - params.bottom) * fig_h, abs(top - params.top) * fig_h)
        fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
        if moved < SETTLED_PX:  # a pass that moves no edge by half a pixel: settled
            break
