"""Fresh-process figures: import time, the full report, notebooks in a fresh kernel."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time

from common import PY, ROOT, env, paired, record, run_python, run_python_cpu

IMPORT_WARSTATS = "import warstats"
IMPORT_PANDAS = "import pandas"

#: Builds every report section, then times only fig.savefig (PNG + SVG, the report's
#: formats) of all figures, once per "run" line read from stdin (so the floor's runs can
#: alternate with the report's); prints wall and CPU seconds of the savefig calls.
SAVEFIG = r"""
import io, json, sys, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from warstats.report.registry import ReportContext, sections
ctx = ReportContext()
figures = [item.figure for s in sections().values() for item in s.build(ctx).figures]
print(json.dumps({"figures": len(figures)}), flush=True)
for line in sys.stdin:
    if line.strip() != "run":
        break
    wall = cpu = 0.0
    for fig in figures:
        for fmt in ("png", "svg"):
            buf = io.BytesIO()
            start, start_cpu = time.perf_counter(), time.process_time()
            fig.savefig(buf, format=fmt)
            wall += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
    print(json.dumps({"wall": wall, "cpu": cpu}), flush=True)
"""


def import_time(repeat: int = 7) -> dict:
    a, b = paired(lambda: run_python(IMPORT_WARSTATS), lambda: run_python(IMPORT_PANDAS),
                  repeat, measure=lambda fn: fn())
    return record("`import warstats`, fresh process", "`import pandas`, fresh process",
                  a, b, 1.15, note="wall time of `python -c`, interpreter start included")


FIRST_LOAD = "import warstats as ws, sys; ws.load(sys.argv[1])"
READ_CSV = "import pandas as pd, sys; pd.read_csv(sys.argv[1])"


def first_loads(repeat: int = 3) -> list[dict]:
    """The first ``ws.load(name)`` of a fresh process vs ``import pandas; pd.read_csv(file)``.

    Both are whole ``python -c`` processes (interpreter start and imports included), paired
    per dataset. ``ws.load`` verifies the checksum and, trusting the build's validation
    (schema fingerprint in the sidecar), does not import pandera.
    """
    import statistics

    from warstats._paths import data_dir
    from warstats.datasets.registry import dataset_names

    rows = []
    for name in dataset_names():
        path = str(data_dir() / f"{name}.csv")
        cpu_a, cpu_b = [], []

        def load(n=name, cpu_a=cpu_a):
            wall, cpu = run_python_cpu(FIRST_LOAD, n)
            cpu_a.append(cpu)
            return wall

        def floor(p=path, cpu_b=cpu_b):
            wall, cpu = run_python_cpu(READ_CSV, p)
            cpu_b.append(cpu)
            return wall

        a, b = paired(load, floor, repeat, measure=lambda fn: fn())
        cpu_ratio = statistics.median(x / y for x, y in zip(cpu_a, cpu_b, strict=True))
        rows.append(record(f"first `ws.load({name!r})`, fresh process",
                           "`import pandas; pd.read_csv(file)`, fresh process", a, b, 1.5,
                           extra={"dataset": name, "cpu_ratio": cpu_ratio}))
    return rows


def report(repeat: int = 3) -> dict:
    """``warstats report`` (fresh process, all topics) vs the savefig floor, in pairs.

    The floor process builds the figures once, then draws them (PNG + SVG) once per pair,
    right before each report run, so background load hits both alike. Wall and CPU time
    (user + system, the report's worker processes included) are recorded.
    """
    import resource
    import statistics

    walls, cpus, floors, floor_cpus = [], [], [], []
    floor = subprocess.Popen([PY, "-c", SAVEFIG], env=env(), cwd=ROOT, text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        n_figures = json.loads(floor.stdout.readline())["figures"]
        for _ in range(repeat):
            floor.stdin.write("run\n")
            floor.stdin.flush()
            run = json.loads(floor.stdout.readline())
            floors.append(run["wall"])
            floor_cpus.append(run["cpu"])
            with tempfile.TemporaryDirectory() as tmp:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([PY, "-m", "warstats", "report", "--out", tmp, "--quiet"],
                               check=True, env=env(), cwd=ROOT, capture_output=True)
                walls.append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    finally:
        floor.stdin.close()
        floor.wait()
    cpu_ratio = statistics.median(c / f for c, f in zip(cpus, floor_cpus, strict=True))
    return record(f"`warstats report`, all topics, fresh process ({n_figures} figures)",
                  "bare matplotlib `savefig` of the same figures (PNG + SVG, sum)",
                  walls, floors, 1.5,
                  extra={"wall_target_s": 10.0, "met_wall": max(walls) < 10.0,
                         "cpu_s": statistics.median(cpus),
                         "floor_cpu_s": statistics.median(floor_cpus),
                         "cpu_ratio": cpu_ratio, "load_avg": os.getloadavg()[0]})


def notebooks(repeat: int = 2) -> list[dict]:
    import nbformat
    from nbclient import NotebookClient

    def execute(nb) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            client = NotebookClient(nb, timeout=300, kernel_name="python3",
                                    resources={"metadata": {"path": tmp}})
            start = time.perf_counter()
            client.execute()
            return time.perf_counter() - start

    empty = nbformat.v4.new_notebook()
    empty.cells.append(nbformat.v4.new_code_cell("pass"))
    rows = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        a, b = paired(lambda p=path: execute(nbformat.read(p, as_version=4)),
                      lambda: execute(empty), repeat, measure=lambda fn: fn())
        row = record(f"notebook `{path.name}`, fresh kernel",
                     "empty notebook, fresh kernel (kernel start)", a, b, None,
                     extra={"wall_target_s": 5.0, "met_wall": max(a) < 5.0},
                     note="target: under 5 s wall")
        rows.append(row)
    return rows


def _kernel_env() -> None:
    """Kernels inherit this process's environment: make sure ``src`` comes first."""
    import os

    os.environ.update({"PYTHONPATH": env()["PYTHONPATH"]})


_kernel_env()
