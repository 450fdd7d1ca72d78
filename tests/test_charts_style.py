"""The house-style context restores rcParams but keeps a backend's interactive switch."""

from __future__ import annotations

import matplotlib

from warstats.charts.style import RC, style


def test_style_keeps_interactive_switch_made_inside():
    # Jupyter's inline backend is activated by the first figure, i.e. inside style(),
    # and turns interactive mode on; undoing that hid every later chart in notebooks.
    before = matplotlib.is_interactive()
    try:
        matplotlib.interactive(False)
        with style():
            matplotlib.interactive(True)  # what the backend activation does
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(before)


def test_style_restores_rcparams_and_interactive_state():
    before = matplotlib.is_interactive()
    size = matplotlib.rcParams["font.size"]
    try:
        matplotlib.interactive(False)
        with style():
            assert matplotlib.rcParams["axes.titleweight"] == RC["axes.titleweight"]
        assert not matplotlib.is_interactive()
        assert matplotlib.rcParams["font.size"] == size
    finally:
        matplotlib.interactive(before)
