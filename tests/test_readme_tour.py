"""The README's tour runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")


def test_tour_runs():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## A ten-line tour\s+```python\n(.*?)```", readme, re.S).group(1)
    assert len(block.strip().splitlines()) <= 12
    namespace: dict = {}
    exec(compile(block, "README tour", "exec"), namespace)
    assert namespace["ws"].war_day("2024-11-19") == 1000
