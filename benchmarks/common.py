"""Timing helpers shared by the benchmarks: paired runs, medians with min–max, records."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SEED = 20260824


def env() -> dict[str, str]:
    """The caller's environment (nothing unset) with the worktree's ``src`` first."""
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), *filter(None, [
        os.environ.get("PYTHONPATH", "")])])
    return out


def clock(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_python(code: str, *args: str) -> float:
    """Wall time of a fresh ``python -c code`` process."""
    start = time.perf_counter()
    subprocess.run([PY, "-c", code, *args], check=True, env=env(), cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run_python_cpu(code: str, *args: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of a fresh ``python -c code`` process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = run_python(code, *args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def paired(fn: Callable[[], object], floor: Callable[[], object], repeat: int = 5,
           measure: Callable[[Callable[[], object]], float] = clock) -> tuple[list, list]:
    """Alternate ``fn`` and ``floor`` ``repeat`` times (noise hits both alike)."""
    a, b = [], []
    for _ in range(repeat):
        b.append(measure(floor))
        a.append(measure(fn))
    return a, b


def record(figure: str, floor: str, times: list[float], floor_times: list[float],
           target: float | None, *, unit: str = "s", extra: dict | None = None,
           note: str = "") -> dict:
    """One result row: medians, per-pair ratios (median, min, max) and the verdict."""
    ratios = [t / f for t, f in zip(times, floor_times, strict=True)]
    ratio = statistics.median(ratios)
    row = {
        "figure": figure, "floor": floor, "runs": len(times), "unit": unit,
        "value": statistics.median(times), "value_min": min(times), "value_max": max(times),
        "floor_value": statistics.median(floor_times),
        "ratio": ratio, "ratio_min": min(ratios), "ratio_max": max(ratios),
        "target_ratio": target, "met": None if target is None else ratio <= target,
        "note": note,
    }
    row.update(extra or {})
    return row
