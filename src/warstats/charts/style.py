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

PALETTE = ["#1f4e79", "#c0504d", "#e8a33d", "#4e9a6a", "#7d5ba6", "#5b8fd1", "#8c8c8c",
           "#b07aa1"]
#: Colours keyed by meaning, shared by every topic so the report reads as one document.
COLORS = {
    "killed": "#8b1a1a", "injured": "#e8a33d", "observed": "#1f4e79", "projected": "#8c8c8c",
    "military": "#1f4e79", "financial": "#5b8fd1", "humanitarian": "#e8a33d",
    "launched": "#8c8c8c", "destroyed": "#1f4e79", "refugees": "#1f4e79", "idps": "#c0504d",
}

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


def new_figure(width: float = 8.0, height: float = 4.6):
    """A figure and axes in the house style, with room at the bottom for the source footer."""
    with style():
        fig, ax = plt.subplots(figsize=(width, height))
        fig.subplots_adjust(bottom=0.2, top=0.86, left=0.1, right=0.97)
    return fig, ax


def thousands(ax, axis: str = "y") -> None:
    """Format an axis with thousands separators (12,000) or M/k suffixes for large values."""
    from matplotlib.ticker import FuncFormatter

    def fmt(x, _pos):
        if abs(x) >= 1e9:
            return f"{x / 1e9:,.1f}bn".replace(".0bn", "bn")
        if abs(x) >= 1e6:
            return f"{x / 1e6:,.1f}M".replace(".0M", "M")
        return f"{x:,.0f}"

    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_formatter(FuncFormatter(fmt))
