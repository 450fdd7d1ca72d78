"""``make bench-dates``: the report as known on every month-end of the war, timed.

Builds the HTML report for each month-end from 28 Feb 2022 to the newest data (the check
that every date builds, which the test suite does for one date per war year) and prints
each build's time and, per section, how many not-yet-known sentences it has
(one per group of parts whose data was not yet published).
Usage: ``python benchmarks/report_dates.py [--every=N]`` (every N-th month-end).
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))


def main(argv: list[str]) -> int:
    import pandas as pd

    import warstats as ws
    from warstats.report.build import build_report

    every = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("--every=")), 1)
    ends = [ws.describe(n).get("coverage", {}).get("end") for n in ws.list_datasets()["name"]]
    newest = max(pd.Timestamp(e) for e in ends if isinstance(e, str))  # dates, not years
    days = pd.date_range("2022-02-28", newest, freq="ME")[::every]
    total, whole = 0.0, []
    print(f"{'as of':>12}  {'seconds':>7}  sections (not-yet-known sentences)")
    with tempfile.TemporaryDirectory() as tmp:
        for day in days:
            start = time.perf_counter()
            result = build_report(Path(tmp), as_of=day.date().isoformat(), formats=("html",),
                                  quiet=True)
            took = time.perf_counter() - start
            total += took
            html = result.html.read_text(encoding="utf-8")
            waiting = {key: len(re.findall(r"<p>Not yet known", body)) for key, body in
                       re.findall(r'<section id="(\w+)">(.*?)</section>', html, re.S)}
            said = ", ".join(f"{k} ({n})" for k, n in waiting.items() if n)
            print(f"{day.date()!s:>12}  {took:7.1f}  {said or '-'}")
            if "this part of the report needs" in html:  # a whole section fell back
                whole.append(day.date().isoformat())
    print(f"{len(days)} month-ends built in {total:.0f} s ({total / len(days):.1f} s each)")
    if whole:
        print(f"a whole section fell back (a part did not cope with its data) on: {whole}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
