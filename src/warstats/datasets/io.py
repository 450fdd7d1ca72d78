"""Deterministic, atomic writing of curated tables and their sidecars."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

BASE_COLUMNS = ("source_id", "published", "is_minimum")


def order_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Dataset columns first (as the builder produced them), then the base columns."""
    cols = [c for c in frame.columns if c not in BASE_COLUMNS and not c.startswith("_")]
    return frame[cols + [c for c in BASE_COLUMNS if c in frame.columns]]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The canonical CSV encoding of a curated table (UTF-8, LF, ISO dates)."""
    text = frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    return text.encode("utf-8")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def atomic_write(path: Path, data: bytes, root: Path | None = None) -> None:
    """Write whole or not at all, never through a symlink: see :mod:`warstats.safe_write`."""
    from warstats.safe_write import write_file

    write_file(path, data, root=root)


def json_bytes(obj: object) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def dtype_name(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int64"
    if pd.api.types.is_float_dtype(series):
        return "float64"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime"
    return "str"
