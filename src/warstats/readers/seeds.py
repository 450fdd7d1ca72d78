"""Hand-transcribed inputs under ``seeds/``: series breaks and figures read on publisher pages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats._paths import seeds_dir
from warstats.errors import SourceFormatError
from warstats.provenance.registry import get_source
from warstats.readers.common import ReaderOutput, check_unique, parse_dates, read_csv_checked

BREAK_COLUMNS = ("break_id", "dataset", "date", "country_iso3", "measure", "kind",
                 "description", "source_id", "documented_at")
FIGURE_COLUMNS = ("figure_id", "description", "value", "unit", "reference_date", "source_id",
                  "url", "retrieved", "note")


def build_series_breaks(raw_dir: Path) -> ReaderOutput:
    """Build ``series_breaks`` from ``seeds/series_breaks.csv`` (``raw_dir`` is unused)."""
    path = seeds_dir() / "series_breaks.csv"
    raw = read_csv_checked(path, BREAK_COLUMNS)
    check_unique(raw, ["break_id"], path)
    dates = parse_dates(raw, "date", path, fmt="%Y-%m-%d")
    for idx, sid in raw["source_id"].items():
        try:
            get_source(sid)
        except KeyError:
            raise SourceFormatError(path, "unknown source_id", row=raw.at[idx, "_row"],
                                    column="source_id", value=sid,
                                    expected="an id in ws.sources()") from None
    frame = pd.DataFrame({
        "break_id": raw["break_id"],
        "dataset": raw["dataset"],
        "date": dates,
        "country_iso3": raw["country_iso3"],
        "measure": raw["measure"],
        "kind": raw["kind"],
        "description": raw["description"],
        "documented_at": raw["documented_at"],
        "source_id": raw["source_id"],
        "published": pd.NaT,
        "is_minimum": False,
    }).sort_values(["dataset", "date", "break_id"], kind="stable").reset_index(drop=True)
    return ReaderOutput(frame, [path])


def read_figures(path: Path | None = None) -> pd.DataFrame:
    """Figures read by hand on publisher pages (``seeds/figures.csv``), typed and checked.

    A file holding only its header is an empty table (judged by its rows, whatever its
    size); a file without even the header is an error.
    """
    from warstats.readers.common import parse_numbers

    path = path or seeds_dir() / "figures.csv"
    lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]
    if len(lines) == 1 and lines[0].split(",") == list(FIGURE_COLUMNS):
        return pd.DataFrame({
            **{c: pd.Series(dtype="str") for c in FIGURE_COLUMNS},
            "value": pd.Series(dtype="float64"),
            "reference_date": pd.Series(dtype="datetime64[ns]"),
            "retrieved": pd.Series(dtype="datetime64[ns]"),
        })[list(FIGURE_COLUMNS)]
    raw = read_csv_checked(path, FIGURE_COLUMNS)

    check_unique(raw, ["figure_id"], path)
    out = raw.drop(columns="_row").copy()
    out["value"] = parse_numbers(raw, "value", path, nonnegative=False)
    out["reference_date"] = parse_dates(raw, "reference_date", path, fmt="%Y-%m-%d")
    out["retrieved"] = parse_dates(raw, "retrieved", path, fmt="%Y-%m-%d")
    for sid in out["source_id"]:
        get_source(sid)
    return out
