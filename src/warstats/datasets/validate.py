"""Run a dataset's pandera schema lazily and summarise failures for people."""

from __future__ import annotations

import pandas as pd

from warstats.datasets.spec import DatasetSpec
from warstats.errors import ValidationError


def failure_table(exc) -> pd.DataFrame:
    """pandera's failure cases as ``row, column, check, value`` (row is the frame index)."""
    cases = exc.failure_cases.copy()
    out = pd.DataFrame({
        "row": cases.get("index"),
        "column": cases.get("column"),
        "check": cases.get("check").astype(str),
        "value": cases.get("failure_case").astype(str),
    })
    return out.reset_index(drop=True)


def run_schema(frame: pd.DataFrame, spec: DatasetSpec, *, label: str | None = None,
               row_offset: int = 0, inplace: bool = False) -> pd.DataFrame:
    """Validate ``frame`` against ``spec``'s schema; raise :class:`ValidationError` on failure.

    ``row_offset`` turns index positions into the user's line numbers (2 for a CSV with
    a header: index 0 is line 2). ``inplace=True`` skips pandera's defensive deep copy
    (for callers that own ``frame``, such as :func:`warstats.datasets.load.load`).
    """
    import pandera.errors as pae

    model = spec.schema_model()
    try:
        return model.validate(frame, lazy=True, inplace=inplace)
    except pae.SchemaErrors as exc:
        table = failure_table(exc)
        if row_offset:
            table["row"] = pd.to_numeric(table["row"], errors="coerce") + row_offset
        raise ValidationError(_summary(table, label or spec.name), table) from None
    except pae.SchemaError as exc:  # non-lazy path errors (e.g. strict column sets)
        raise ValidationError(f"{label or spec.name}: {exc}") from None


def _summary(table: pd.DataFrame, label: str, limit: int = 12) -> str:
    lines = [f"{label}: {len(table)} problem(s) found by the schema"]
    grouped = table.groupby(["column", "check"], dropna=False, sort=True)
    for (column, check), group in grouped:
        rows = group["row"].dropna().astype(int).astype(str).tolist()[:5]
        values = group["value"].tolist()[:3]
        where = f"rows {', '.join(rows)}" + (" …" if len(group) > 5 else "") if rows else ""
        lines.append(f"  - column {column!r} fails {check} ({len(group)}×) {where}; "
                     f"values {values}")
        if len(lines) > limit:
            lines.append("  - … see .failures for the full table")
            break
    lines.append("Fix the rows listed, or see ws.describe(name) for what each column accepts.")
    return "\n".join(lines)
