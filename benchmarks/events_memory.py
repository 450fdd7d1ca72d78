"""Peak memory of the event aggregation (and of a plain groupby) in a fresh process.

Usage: ``python benchmarks/events_memory.py N``; prints one JSON line.
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from events import BY, plain_aggregate
from synth import make_events

from warstats.analysis.events import aggregate_events


def peak(fn) -> int:
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    fn()
    peak_bytes = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak_bytes


def main() -> None:
    n = int(sys.argv[1])
    df = make_events(n)
    aggregate_events(df.head(1000), by=BY)  # imports and caches outside the measurement
    plain_aggregate(df.head(1000))
    table = int(df.memory_usage(deep=True, index=True).sum())
    ours = peak(lambda: aggregate_events(df, by=BY))
    plain = peak(lambda: plain_aggregate(df))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"rows": n, "table_bytes": table, "peak_bytes": ours,
                      "plain_peak_bytes": plain, "max_rss_mb": rss}))


if __name__ == "__main__":
    main()
