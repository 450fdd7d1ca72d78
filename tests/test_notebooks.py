"""Every notebook runs top to bottom in a fresh kernel and calls only the public API."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
#: A code cell that draws a chart must display it (a figure left undisplayed is a bug).
CHART = re.compile(r"\bplot_\w+\(|add_source_footer\(")
PRIVATE = re.compile(r"warstats\.(readers|datasets|schemas|provenance|report)\b|\bws\._")


def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"00_tour.ipynb", "01_population.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, tmp_path):
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not PRIVATE.search(cell.source), f"{path.name} uses a private module"
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    # the kernel runs in tmp_path: put this checkout's src first, not an installed copy
    paths = [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    client.execute(env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)})
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors == []
    for cell in nb.cells:
        if cell.cell_type == "code" and CHART.search(cell.source):
            images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert images, f"{path.name}: chart not displayed in cell {cell.get('id')}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None
