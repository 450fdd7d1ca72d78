"""``ws.load(name)`` for every shipped dataset in a warm process vs ``pd.read_csv``.

Warm means what the issue says: libraries imported and the first call done. Repeated loads
re-read the file and verify its sha256, then reuse the parsed (and validated) table of the
same bytes (``warstats.datasets.load._MEMO``). The first call per table — parse and
pandera pass — is measured too, with that memo cleared before every call ("cold").
The validated rows ask for validation explicitly (``validate=True``): by default ``load``
trusts the build's validation (see ``startup.first_loads`` for that path, fresh process).
"""

from __future__ import annotations

import gc
import json

import pandas as pd
from common import clock, paired, record


def _per_call(k: int):
    """A ``measure`` for :func:`paired`: time of ``k`` calls of ``fn`` / ``k`` (collect first)."""
    def measure(fn) -> float:
        gc.collect()
        return clock(lambda: [fn() for _ in range(k)]) / k
    return measure


def run(repeat: int = 5) -> list[dict]:
    import warstats as ws
    from warstats._paths import data_dir
    from warstats.datasets.load import _MEMO

    names = list(ws.list_datasets()["name"])
    for name in names:  # warm: libraries imported, every schema built, first call done
        ws.load(name, validate=True)
        ws.load(name, validate=False)
    rows = []
    for name in names:
        meta = json.loads((data_dir() / f"{name}.meta.json").read_text(encoding="utf-8"))
        dates = [c for c, info in meta["columns"].items() if info["dtype"] == "datetime"]
        path = data_dir() / f"{name}.csv"

        def floor(path=path, dates=dates):
            return pd.read_csv(path, parse_dates=dates)

        # small files take a millisecond: time batches of k calls (≥ ~30 ms per run)
        k = max(1, min(200, int(0.03 / max(clock(floor), 1e-4))))
        per_call = _per_call(k)
        a, b = paired(lambda n=name: ws.load(n, validate=True), floor, repeat,
                      measure=per_call)
        c, d = paired(lambda n=name: ws.load(n, validate=False), floor, repeat, measure=per_call)
        rows.append(record(f"`ws.load({name!r})`", "`pd.read_csv(file, parse_dates=…)`",
                           a, b, 2.0, extra={"dataset": name, "rows": meta["rows"],
                                             "validate": True, "calls_per_run": k}))
        rows.append(record(f"`ws.load({name!r}, validate=False)`",
                           "`pd.read_csv(file, parse_dates=…)`", c, d, 1.2,
                           extra={"dataset": name, "rows": meta["rows"], "validate": False}))
        for validate, target in ((True, 2.0), (False, 1.2)):
            def cold(n=name, v=validate):
                _MEMO.clear()
                return ws.load(n, validate=v)
            e, f = paired(cold, floor, repeat, measure=per_call)
            rows.append(record(f"`ws.load({name!r})` first call", "`pd.read_csv(...)`", e, f,
                               target, extra={"dataset": name, "rows": meta["rows"],
                                              "validate": validate, "cold": True}))
    return rows
