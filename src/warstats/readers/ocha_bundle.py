"""OCHA Ukraine Data Explorer bundle (``all.json`` of OCHA-DAP/hdx-scraper-ukraine-viz).

The bundle is one JSON object whose keys (``timeseries_casualties_data``,
``refugees_series_data``, ``national_data`` …) each hold a list of records keyed by HXL
hashtags (``#date``, ``#affected+killed`` …), every value a string.

:func:`read_bundle_table` is the one entry point topic readers use (casualties,
displacement): it loads the file, checks that ``key`` holds a non-empty list of records
with exactly the expected HXL fields, and returns them as strings with a 1-based ``_row``
record index for error messages. Numbers and dates are then parsed by the topic reader with
:func:`warstats.readers.common.parse_numbers` / ``parse_dates`` (``row_col="_row"``).

Download: ``https://raw.githubusercontent.com/OCHA-DAP/hdx-scraper-ukraine-viz/<commit>/all.json``
(see the source records ``ocha_ude_*``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from warstats.errors import SourceFormatError
from warstats.readers.common import read_text

#: Bundle file as stored under the raw directory (snapshot of 2024-04-14).
BUNDLE_FILE = "civilian_casualties/ocha_ukraine_data_explorer_all_2024-04-14.json"


def load_bundle(path: Path) -> dict:
    """Parse the bundle JSON; any parse error becomes a :class:`SourceFormatError`."""
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            path, f"not valid JSON ({exc.msg})", row=f"line {exc.lineno}",
            column=f"char {exc.colno}", expected="the OCHA data-explorer JSON bundle",
        ) from None
    if not isinstance(data, dict):
        raise SourceFormatError(path, "top level is not a JSON object",
                                value=type(data).__name__,
                                expected="an object of named record lists")
    return data


def read_bundle_table(path: Path, key: str, fields: Sequence[str]) -> pd.DataFrame:
    """Read one record list of the OCHA bundle as a string frame.

    Parameters
    ----------
    path : the bundle file.
    key : the top-level key, e.g. ``"timeseries_casualties_data"``.
    fields : the HXL fields every record must carry, exactly (no more, no fewer).

    Returns
    -------
    DataFrame with ``_row`` (1-based record index within ``key``) followed by ``fields``,
    all values as ``str`` (JSON numbers are rendered as text, so the caller's number parser
    decides what is valid).

    Raises
    ------
    SourceFormatError
        If the file is not JSON, ``key`` is missing or not a non-empty list of objects, a
        record lacks a field or carries an unexpected one, or a value is null / not a scalar.
        The message names the file, the record (``key[n]``), the field and the value.

    Examples
    --------
    >>> from warstats._paths import default_raw_dir
    >>> t = read_bundle_table(default_raw_dir() / BUNDLE_FILE, "timeseries_casualties_data",
    ...                       ["#date", "#affected+killed", "#affected+injured"])
    >>> list(t.columns)
    ['_row', '#date', '#affected+killed', '#affected+injured']
    """
    fields = list(fields)
    data = load_bundle(path)
    if key not in data:
        raise SourceFormatError(path, f"bundle key {key!r} is missing", column=key,
                                value=None, expected="one of the keys the reader was written "
                                f"for; found {sorted(data)}")
    records = data[key]
    if not isinstance(records, list) or not records:
        raise SourceFormatError(path, f"bundle key {key!r} holds no list of records",
                                column=key, value=str(records)[:60],
                                expected="a non-empty list of objects")
    rows: list[dict[str, str]] = []
    for i, rec in enumerate(records, start=1):
        where = f"{key}[{i}]"
        if not isinstance(rec, dict):
            raise SourceFormatError(path, "record is not an object", row=where,
                                    value=str(rec)[:60], expected="an object of HXL fields")
        missing = [f for f in fields if f not in rec]
        if missing:
            raise SourceFormatError(path, "record lacks a field (renamed HXL tag?)", row=where,
                                    column=missing[0], value=sorted(rec),
                                    expected=f"fields {fields}")
        extra = [f for f in rec if f not in fields]
        if extra:
            raise SourceFormatError(path, "record carries an unexpected field", row=where,
                                    column=extra[0], value=rec[extra[0]],
                                    expected=f"fields {fields}")
        row = {}
        for f in fields:
            v = rec[f]
            if v is None or isinstance(v, (dict, list, bool)):
                raise SourceFormatError(path, "value is null or not a scalar", row=where,
                                        column=f, value="null" if v is None else v,
                                        expected="a string or number")
            row[f] = str(v)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=fields, dtype="str")
    frame.insert(0, "_row", range(1, len(frame) + 1))
    return frame
