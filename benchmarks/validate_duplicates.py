"""``ws.validate`` on a 200,000-row file whose every row is repeated vs the clean file.

Duplicate keys must be found in linear time: the repeated file (100,000 rows, each twice:
200,000 duplicate-key problems to report, one per row) should validate in about the clean
200,000-row file's time, not minutes. Run: ``python benchmarks/validate_duplicates.py``.
"""

from __future__ import annotations

import itertools
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

ROWS = 200_000
HEADER = "country_iso3,is_aggregate,year,measure,value,unit,source_id,published,is_minimum\n"


def _lines(n: int) -> list[str]:
    codes = ("".join(c) for c in itertools.product(string.ascii_uppercase, repeat=3))
    keys = ((code, year) for code in codes for year in range(1950, 2101))
    return [f"{code},False,{year},population,{1000 + i}.0,persons,wb_wdi_population,"
            f"2026-03-06,False\n" for i, (code, year) in zip(range(n), keys, strict=False)]


def _time(path: Path) -> tuple[float, int]:
    import warstats as ws
    from warstats.errors import ValidationError

    start = time.perf_counter()
    try:
        ws.validate(path, "population")
        problems = 0
    except ValidationError as exc:
        problems = len(exc.failures)
    return time.perf_counter() - start, problems


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clean, repeated = Path(tmp) / "clean.csv", Path(tmp) / "repeated.csv"
        clean.write_text(HEADER + "".join(_lines(ROWS)))
        half = _lines(ROWS // 2)
        repeated.write_text(HEADER + "".join(line for line in half for _ in range(2)))
        _time(clean)  # warm-up: imports, schema
        n = int(sys.argv[1]) if len(sys.argv) > 1 else 3
        runs = [(_time(clean), _time(repeated)) for _ in range(n)]
    ratios = sorted(r[0] / c[0] for c, r in runs)
    c_best = min(c[0] for c, _ in runs)
    r_best = min(r[0] for _, r in runs)
    print(f"clean     {ROWS:,} rows: {c_best:6.2f} s, {runs[0][0][1]:,} problems")
    print(f"repeated  {ROWS:,} rows: {r_best:6.2f} s, {runs[0][1][1]:,} problems")
    print(f"ratio repeated/clean: median {ratios[len(ratios) // 2]:.2f} (min {ratios[0]:.2f}, "
          f"max {ratios[-1]:.2f})")


if __name__ == "__main__":
    main()
