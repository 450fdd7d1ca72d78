"""``ws.load(name)`` for every shipped dataset in a warm process vs ``pd.read_csv``."""

from __future__ import annotations

import json

import pandas as pd
from common import paired, record


def run(repeat: int = 5) -> list[dict]:
    import warstats as ws
    from warstats._paths import data_dir

    names = list(ws.list_datasets()["name"])
    for name in names:  # warm: libraries imported, every schema built, first call done
        ws.load(name)
        ws.load(name, validate=False)
    rows = []
    for name in names:
        meta = json.loads((data_dir() / f"{name}.meta.json").read_text(encoding="utf-8"))
        dates = [c for c, info in meta["columns"].items() if info["dtype"] == "datetime"]
        path = data_dir() / f"{name}.csv"

        def floor(path=path, dates=dates):
            return pd.read_csv(path, parse_dates=dates)

        a, b = paired(lambda n=name: ws.load(n), floor, repeat)
        c, d = paired(lambda n=name: ws.load(n, validate=False), floor, repeat)
        rows.append(record(f"`ws.load({name!r})`", "`pd.read_csv(file, parse_dates=…)`",
                           a, b, 2.0, extra={"dataset": name, "rows": meta["rows"],
                                             "validate": True}))
        rows.append(record(f"`ws.load({name!r}, validate=False)`",
                           "`pd.read_csv(file, parse_dates=…)`", c, d, 1.2,
                           extra={"dataset": name, "rows": meta["rows"], "validate": False}))
    return rows
