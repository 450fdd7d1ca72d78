"""Event-level figures: validation and aggregation of a synthetic table, memory, growth."""

from __future__ import annotations

import json
import math
import statistics
import subprocess
import sys

import numpy as np
import pandas as pd
from common import PY, ROOT, clock, env, paired, record
from synth import make_events

BY = ["admin1", "category"]
VALUES = ["launched", "destroyed"]


def plain_validate(df: pd.DataFrame, vocab: dict[str, list[str]], rowwise: bool = False) -> bool:
    """The schema's checks in plain vectorised pandas: columns, dtypes, not-null,
    vocabularies, counts ≥ 0 (missing allowed), destroyed ≤ launched.

    Vocabularies are tested on the categories (as the schema does) unless ``rowwise``
    (``Series.isin`` over every row, the naive way)."""
    ok = list(df.columns) == ["date", "country", "admin1", "category", *VALUES, "source_id"]
    ok &= pd.api.types.is_datetime64_any_dtype(df["date"]) and not df["date"].isna().any()
    for col, allowed in vocab.items():
        s = df[col]
        ok &= isinstance(s.dtype, pd.CategoricalDtype) and not s.isna().any()
        if rowwise or not s.cat.categories.isin(allowed).all():
            ok &= bool(s.isin(allowed).all())
    for col in VALUES:
        ok &= df[col].dtype == "float64" and not (df[col] < 0).any()
    ok &= not (df["destroyed"] > df["launched"]).any()
    return bool(ok)


def plain_aggregate(df: pd.DataFrame) -> pd.DataFrame:
    """Month-key groupby in plain pandas (numpy datetime64[M] cast, observed groups)."""
    month = df["date"].to_numpy().astype("datetime64[M]")
    return (df[BY + VALUES].assign(period=month)
            .groupby(["period", *BY], observed=True, sort=True)[VALUES].sum())


def _vocab() -> dict[str, list[str]]:
    from warstats.schemas.events import VOCABULARIES

    return VOCABULARIES


def validate(df: pd.DataFrame):
    """The package's validation: lazy, all checks (casts only columns of another dtype)."""
    from warstats.schemas.events import validate_events

    return validate_events(df)


def memory(n: int) -> dict:
    """Peak memory of the aggregation, measured in a fresh process (tracemalloc)."""
    out = subprocess.run([PY, str(ROOT / "benchmarks" / "events_memory.py"), str(n)],
                         check=True, env=env(), cwd=ROOT, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(n: int = 10_000_000, repeat: int = 3, sizes=(100_000, 1_000_000)) -> dict:
    from warstats.analysis.events import aggregate_events
    from warstats.schemas.events import EventObservation

    vocab = _vocab()
    validate(make_events(1000))  # warm-up: schema built once
    aggregate_events(make_events(1000), by=BY)
    rows, growth = [], []
    for size in [*sizes, n]:
        df = make_events(size)
        reps = repeat if size == n else 3
        v, vf = paired(lambda df=df: validate(df), lambda df=df: plain_validate(df, vocab), reps)
        a, af = paired(lambda df=df: aggregate_events(df, by=BY),
                       lambda df=df: plain_aggregate(df), reps)
        mem = memory(size)
        growth.append({"rows": size, "validate_s": statistics.median(v),
                       "plain_validate_s": statistics.median(vf),
                       "aggregate_s": statistics.median(a),
                       "plain_aggregate_s": statistics.median(af),
                       "table_mb": mem["table_bytes"] / 1e6,
                       "aggregate_peak_mb": mem["peak_bytes"] / 1e6,
                       "plain_peak_mb": mem["plain_peak_bytes"] / 1e6})
        if size != n:
            del df
            continue
        assert plain_validate(df, vocab)
        rowwise = clock(lambda df=df: plain_validate(df, vocab, rowwise=True))
        copying = clock(lambda df=df: EventObservation.validate(df, lazy=True, inplace=False))
        rate = [size / t for t in v]
        rows.append(record(f"validate {size:,} events (pandera, lazy, all checks)",
                           "same checks, plain pandas", v, vf, 1.3,
                           extra={"rows_per_s": statistics.median(rate),
                                  "rows_per_s_min": min(rate), "rows_per_s_max": max(rate),
                                  "target_rows_per_s": 5e6,
                                  "met_rows_per_s": statistics.median(rate) >= 5e6,
                                  "plain_rowwise_isin_s": rowwise,
                                  "pandera_default_copy_s": copying}))
        rows.append(record(f"aggregate {size:,} events month × admin1 × category "
                           "(analysis.events.aggregate_events)",
                           "month-key groupby, plain pandas", a, af, 1.2,
                           note="the package also returns n_events, n_missing, source_id"))
        ratio = mem["peak_bytes"] / mem["table_bytes"]
        rows.append(record("peak memory of that aggregation (tracemalloc, fresh process)",
                           "in-memory size of the table", [mem["peak_bytes"] / 1e6],
                           [mem["table_bytes"] / 1e6], 3.0, unit="MB",
                           extra={"plain_groupby_peak_mb": mem["plain_peak_bytes"] / 1e6,
                                  "max_rss_mb": mem["max_rss_mb"]},
                           note=f"plain groupby peaks at "
                                f"{mem['plain_peak_bytes'] / mem['table_bytes']:.2f}× "
                                f"(ratio {ratio:.2f}×)"))
    first, last = growth[0], growth[-1]
    factor = last["rows"] / first["rows"]

    def slope(key: str) -> float:
        return math.log(last[key] / first[key]) / math.log(factor)

    keys = ("validate_s", "aggregate_s", "aggregate_peak_mb", "table_mb")
    summary = {k: slope(k) for k in keys}
    prev = growth[-2]  # last decade only: fixed costs no longer dominate
    tail = {k: math.log(last[k] / prev[k]) / math.log(last["rows"] / prev["rows"])
            for k in keys}
    return {"rows": rows, "growth": growth, "growth_exponent": summary,
            "growth_exponent_last_decade": tail}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(json.dumps(run(n, sizes=(10_000,)), indent=2, default=float))
    del np
