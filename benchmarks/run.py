"""``make bench``: every figure against its floor in the same run.

Writes ``benchmarks/results.json`` (git-ignored) and ``benchmarks/RESULTS.md`` and prints
the table. Ratios are medians of paired runs (figure and floor alternate), with min–max.
Usage: ``python benchmarks/run.py [--quick] [--only=first_load,report]`` (``--quick``: 10⁶
events, fewer runs; ``--only``: those steps, results printed, RESULTS.md left alone).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import common  # noqa: E402

os.environ["PYTHONPATH"] = common.env()["PYTHONPATH"]  # fresh processes and kernels use src

import events  # noqa: E402
import loading  # noqa: E402
import startup  # noqa: E402
from report_md import markdown  # noqa: E402


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    only = [a.split("=", 1)[1] for a in argv if a.startswith("--only=")]
    start = time.perf_counter()
    n = 1_000_000 if quick else 10_000_000
    sections: dict[str, object] = {}
    steps = [
        ("import", lambda: [startup.import_time(3 if quick else 7)]),
        ("load", lambda: loading.run(3 if quick else 5)),
        ("events", lambda: events.run(n, 2 if quick else 3,
                                      sizes=(100_000,) if quick else (100_000, 1_000_000))),
        ("first_load", lambda: startup.first_loads(1 if quick else 3)),
        ("report", lambda: [startup.report(2 if quick else 3)]),
        ("notebooks", lambda: startup.notebooks(1 if quick else 2)),
    ]
    for key, step in steps:
        if only and key not in only[0].split(","):
            continue
        t0 = time.perf_counter()
        print(f"[bench] {key} …", file=sys.stderr, flush=True)
        sections[key] = step()
        print(f"[bench] {key} done in {time.perf_counter() - t0:.1f} s", file=sys.stderr,
              flush=True)
    results = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "quick": quick},
        "sections": sections,
        "total_s": time.perf_counter() - start,
    }
    import numpy
    import pandas
    import pandera

    results["machine"].update(pandas=pandas.__version__, numpy=numpy.__version__,
                              pandera=pandera.__version__)
    (HERE / "results.json").write_text(json.dumps(results, indent=2, default=float) + "\n",
                                       encoding="utf-8")
    text = markdown(results)
    if not quick and not only:
        (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
        _update_readme(text)
    print(text)
    return 0


def _update_readme(text: str) -> None:
    """Put the main table (up to the growth section) between the README's markers."""
    readme = HERE / "README.md"
    body = readme.read_text(encoding="utf-8")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start not in body or end not in body:
        return
    table = text.split("## Growth")[0].split("\n", 2)[2].strip()
    head, rest = body.split(start, 1)
    readme.write_text(f"{head}{start}\n{table}\n{end}{rest.split(end, 1)[1]}",
                      encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
