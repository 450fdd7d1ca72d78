"""Run a dataset's pandera schema lazily and summarise failures for people.

The problem table has one row per problem: ``row`` (the user's line number for a file,
the frame index otherwise; missing for whole-column problems), ``column``, ``check`` and
``value``. pandera's raw failure cases are translated so a person can act on them:

- a missing column is ``check = "missing column"`` naming the column (not the model);
- a column the dataset does not have is ``check = "unknown column"``;
- a duplicated primary key is one row per duplicated line (``check = "duplicate key"``,
  ``column`` = the key columns, ``value`` = the key and the other line(s) holding it),
  found by :mod:`warstats.datasets.duplicates` in one vectorised pass (pandera's own
  uniqueness check, one failure case per key cell, is switched off);
- a dataframe-wide check (e.g. "counts must be >= 0" for some measures) is one row per line;
- with ``cell_types=True`` (user files: every cell read as text) numbers, booleans and dates
  are parsed cell by cell first, so a cell of the wrong type is reported as such (``check``
  = "not a number" …) and the column's other checks still run on the remaining cells.
"""

from __future__ import annotations

import ast
import copy
import re

import numpy as np
import pandas as pd

from warstats.datasets.duplicates import CHECK as DUPLICATE
from warstats.datasets.duplicates import duplicate_problems, summary_line
from warstats.datasets.spec import DatasetSpec
from warstats.errors import ValidationError

PROBLEM_COLUMNS = ["row", "column", "check", "value"]
_PLAIN_MISSING = "missing value (the column requires one)"
_ECHOES = ("dtype(", "coerce_dtype(", "not_nullable")
_TRUE = {"true", "1", "1.0", "yes"}
_FALSE = {"false", "0", "0.0", "no"}


def failure_table(exc) -> pd.DataFrame:
    """pandera's failure cases as ``row, column, check, value`` (row is the frame index)."""
    cases = exc.failure_cases.copy()
    out = pd.DataFrame({
        "row": cases.get("index"),
        "column": _texts(cases.get("column")),
        "check": _texts(cases.get("check")),
        "value": _texts(cases.get("failure_case")),
        "context": _texts(cases.get("schema_context")),
    })
    return out.reset_index(drop=True)


def _texts(series: pd.Series) -> pd.Series:
    """:func:`_text` over a whole column at once (linear, vectorised)."""
    values = series.astype(object)
    return values.where(values.notna(), "").astype(str)


def _text(value) -> str:
    """A failure value as text ("" for a missing one)."""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _kind(dtype: str) -> str | None:
    if dtype.startswith(("float", "Float")):
        return "number"
    if dtype.startswith(("int", "Int")):
        return "whole number"
    if dtype == "bool":
        return "boolean"
    if dtype.startswith("datetime"):
        return "date"
    return None


def _fits_int64(text: str) -> bool:
    try:
        return -(2**63) <= int(text) < 2**63
    except ValueError:
        return True


def coerce_cells(frame: pd.DataFrame, schema) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Parse text cells of typed columns one by one; unparseable cells become problems.

    Returns the frame with parsed columns (bad cells missing) and the problem table
    (row = frame index). Columns that already have a non-text dtype are left alone.
    """
    out = frame.copy()
    problems = []
    for name, column in schema.columns.items():
        if name not in frame.columns:
            continue
        kind = _kind(str(column.dtype))
        series = frame[name]
        if kind is None or not (series.dtype == object or pd.api.types.is_string_dtype(series)):
            continue
        text = series.astype("str").str.strip().where(series.notna())
        present = text.notna() & (text != "")
        if kind in ("number", "whole number"):
            parsed = pd.to_numeric(text.where(present), errors="coerce").astype("float64")
            bad = present & parsed.isna()  # also "NaN", which is text for "no number"
            infinite = present & parsed.notna() & np.isinf(parsed)
            huge = present & text.str.fullmatch(r"[+-]?\d{19,}", na=False)
            if huge.any():  # 19+ digits: exactly those that do not fit in an int64
                huge[huge] = ~text[huge].map(_fits_int64).astype(bool)
            if kind == "whole number":
                bad |= present & parsed.notna() & ~infinite & (parsed % 1 != 0)
            for mask, words in ((infinite, "not a finite number"),
                                (huge, "an integer beyond 64 bits")):
                for idx in frame.index[mask.to_numpy()]:
                    problems.append({"row": idx, "column": name, "check": words,
                                     "value": str(series[idx])})
            parsed = parsed.where(~(bad | infinite | huge))
        elif kind == "boolean":
            low = text.str.lower()
            parsed = pd.Series(pd.NA, index=frame.index, dtype="object")
            parsed[low.isin(_TRUE)] = True
            parsed[low.isin(_FALSE)] = False
            bad = present & ~low.isin(_TRUE | _FALSE)
            if not (bad.any() or (~present).any()):
                parsed = parsed.astype(bool)
        else:
            parsed = pd.to_datetime(text.where(present), errors="coerce", format="ISO8601")
            bad = present & parsed.isna()
        out[name] = parsed
        if not column.nullable:  # a required cell left empty: said once, plainly
            for idx in frame.index[(~present).to_numpy()]:
                problems.append({"row": idx, "column": name, "check": _PLAIN_MISSING,
                                 "value": ""})
        expected = {"number": "not a number", "whole number": "not a whole number",
                    "boolean": "not True/False", "date": "not a date (YYYY-MM-DD)"}[kind]
        if kind in ("number", "whole number"):
            bad = bad & ~infinite & ~huge
        for idx in frame.index[bad.to_numpy()]:
            problems.append({"row": idx, "column": name, "check": expected,
                             "value": str(series[idx])})
    return out, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


_PLAIN = [
    (re.compile(r"^greater_than_or_equal_to\((.*)\)$"), r"must be >= \1"),
    (re.compile(r"^less_than_or_equal_to\((.*)\)$"), r"must be <= \1"),
    (re.compile(r"^greater_than\((.*)\)$"), r"must be > \1"),
    (re.compile(r"^less_than\((.*)\)$"), r"must be < \1"),
    (re.compile(r"^in_range\((.*)\)$"), r"must be in range \1"),
    (re.compile(r"^str_matches\('?(.*?)'?\)$"), r"does not match the pattern \1"),
    (re.compile(r"^not_nullable$"), "missing value (the column requires one)"),
    (re.compile(r"^field_uniqueness$"), "duplicate value (the column must be unique)"),
]


def plain(check: str) -> str:
    """pandera's check name in words (``isin`` lists longer than 8 values are abridged)."""
    if check.startswith("isin(["):
        try:
            allowed = ast.literal_eval(check[5:-1])
        except (ValueError, SyntaxError):
            return check
        if len(allowed) > 8:
            return f"not an allowed value ({len(allowed)} allowed, e.g. {allowed[:3]})"
        return f"not one of {allowed}"
    for pattern, words in _PLAIN:
        if pattern.match(check):
            return pattern.sub(words, check)
    return check


def readable(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Translate pandera's raw failure cases (see module docstring)."""
    rows = []
    frame_checks: set = set()
    for rec in table.itertuples(index=False):
        if rec.check == "column_in_dataframe":
            rows.append({"row": None, "column": rec.value, "check": "missing column",
                         "value": ""})
        elif rec.check == "column_in_schema":
            rows.append({"row": None, "column": rec.value, "check": "unknown column",
                         "value": ""})
        elif rec.context == "DataFrameSchema" and pd.notna(rec.row):
            frame_checks.add((rec.row, rec.check))
        elif rec.check.startswith("TypeError") or rec.value.startswith("TypeError("):
            continue  # a check that could not run because of cells reported as wrong type
        else:
            rows.append({"row": rec.row, "column": rec.column, "check": plain(rec.check),
                         "value": rec.value})
    for idx, check in sorted(frame_checks, key=str):
        rows.append({"row": idx, "column": "(whole row)", "check": check, "value": ""})
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def run_schema(frame: pd.DataFrame, spec: DatasetSpec, *, label: str | None = None,
               row_offset: int = 0, cell_types: bool = False,
               inplace: bool = False, extra: pd.DataFrame | None = None,
               notes: list[str] | None = None) -> pd.DataFrame:
    """Validate ``frame`` against ``spec``'s schema; raise :class:`ValidationError` on failure.

    ``row_offset`` turns index positions into the user's line numbers (2 for a CSV with
    a header: index 0 is line 2). ``cell_types`` parses text cells one by one first (see
    the module docstring); use it for user files read as text. ``inplace=True`` skips
    pandera's defensive deep copy (for callers that own ``frame``, such as
    :func:`warstats.datasets.load.load`). ``extra`` holds problems found before the schema
    (rows the file reader could not read) and ``notes`` how the file was read; both go
    into the error.
    """
    import pandera.errors as pae

    schema = copy.copy(spec.schema_model().to_schema())  # the model's schema is cached
    key = list(schema.unique or [])
    schema.unique = None  # duplicate keys: one vectorised pass below, not per key cell
    typed = pd.DataFrame(columns=PROBLEM_COLUMNS)
    work = frame
    if cell_types:
        work, typed = coerce_cells(frame, schema)
    if extra is not None and not extra.empty:
        typed = extra if typed.empty else pd.concat([extra, typed], ignore_index=True)
    dupes = duplicate_problems(work, frame, key, row_offset)
    try:
        validated = schema.validate(work, lazy=True, inplace=inplace)
        if typed.empty and dupes.empty:
            return validated
        table = typed
    except pae.SchemaErrors as exc:
        table = readable(failure_table(exc), work)
        if not typed.empty:  # drop pandera's echo of cells already reported as wrong type
            seen = set(zip(typed["row"], typed["column"], strict=True))
            cols = set(typed["column"])
            echo = [(r, c) in seen or (c in cols and pd.isna(r) and ch.startswith(_ECHOES))
                    for r, c, ch in zip(table["row"], table["column"], table["check"],
                                        strict=True)]
            table = table[[not e for e in echo]]
            table = pd.concat([typed, table], ignore_index=True)
    except pae.SchemaError as exc:  # non-lazy path errors
        raise ValidationError(f"{label or spec.name}: {exc}") from None
    if cell_types:
        table = _as_written(table, frame)
    if not dupes.empty:
        table = dupes if table.empty else pd.concat([table, dupes], ignore_index=True)
    table = _finish(table, row_offset)
    message = _summary(table, label or spec.name, spec.name, dupes.attrs)
    if notes:
        message = "\n".join([*(f"note: {n}" for n in notes), message])
    raise ValidationError(message, table) from None


def _as_written(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Quote a failing cell as the user wrote it ("-1", not the parsed -1.0)."""
    columns = set(frame.columns)
    values = table["value"].astype(object).tolist()
    for i, (row, col) in enumerate(zip(table["row"], table["column"], strict=True)):
        if col in columns and row in frame.index and values[i] != "":
            original = frame.at[row, col]
            if isinstance(original, str):
                values[i] = original
    return table.assign(value=values)


def _finish(table: pd.DataFrame, row_offset: int) -> pd.DataFrame:
    table = table.reset_index(drop=True).copy()
    rows = pd.to_numeric(table["row"], errors="coerce")
    if rows.notna().all() or rows.isna().sum() == table["row"].isna().sum():
        table["row"] = (rows + row_offset).astype("Int64")
    order = table["row"].astype("Float64").fillna(-1) if table["row"].dtype == "Int64" else None
    if order is not None:
        table = table.assign(_o=order).sort_values(["_o", "column"], kind="stable")
        table = table.drop(columns="_o").reset_index(drop=True)
    return table[PROBLEM_COLUMNS]


def _summary(table: pd.DataFrame, label: str, name: str, duplicates: dict | None = None,
             limit: int = 15) -> str:
    lines = [f"{label}: {len(table)} problem(s) found by the {name} schema"]
    is_dupe = (table["check"] == DUPLICATE).to_numpy()
    many = is_dupe.sum() > 5  # many duplicate rows: one summary line, not one line each
    listed = table[~is_dupe] if many else table
    if many:
        lines.append(summary_line(table[is_dupe], duplicates or {}))
    for rec in listed.head(limit).itertuples(index=False):
        where = "" if pd.isna(rec.row) else f"row {rec.row}: "
        if rec.check == "missing column":
            lines.append(f"  - missing column {rec.column!r}: the {name} dataset needs it")
        elif rec.check == "unknown column":
            lines.append(f"  - unknown column {rec.column!r}: not part of the {name} dataset "
                         "(remove or rename it)")
        elif rec.check == DUPLICATE:
            lines.append(f"  - {where}duplicate key [{rec.column}] = {rec.value}")
        elif rec.column == "(whole row)":
            lines.append(f"  - {where}{rec.check}")
        else:
            lines.append(f"  - {where}column {rec.column!r} = {rec.value!r}: {rec.check}")
    if len(listed) > limit:
        lines.append(f"  - … {len(listed) - limit} more: see the full table (.failures)")
    lines.append(f"Fix the rows listed, or see ws.describe({name!r}) for what each column "
                 "accepts.")
    return "\n".join(lines)
