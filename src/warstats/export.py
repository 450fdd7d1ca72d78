"""Export a dataset: CSV, Parquet, Excel, JSON or a Frictionless data package.

Every format opens cleanly in other tools and keeps the codes (ISO3, source ids):

- CSV is the curated table's own encoding (UTF-8, ISO dates, empty text as an empty
  field), so reading it back with the dataset's column types gives the same frame.
- JSON is a list of records with date-only values written as ``YYYY-MM-DD``, and beside
  it ``<name>.schema.json``: the table schema (types, titles, primary key) and the sources.
- XLSX has a ``data`` sheet (dates formatted without a time, frozen header, filters,
  column widths from the content) and a ``sources`` sheet.
- The data package is written with the ``frictionless`` library (the reference
  implementation of the Data Package standard) so its descriptor, table schema, sources
  and licences are valid by construction.

All files go through :func:`_write`, that is :class:`warstats.safe_write.OutputFolder`
(whole files, no symlink followed, a file warstats did not write is never replaced). CSV
and XLSX text cells that a spreadsheet would run as a formula are neutralised
(:mod:`warstats.cell_safety`; curated tables hold none, so the CSV round-trip is exact);
Parquet and JSON keep the text exactly.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from warstats.datasets.load import load, read_meta
from warstats.datasets.registry import get_spec
from warstats.errors import WarstatsError

FORMATS = ("csv", "parquet", "xlsx", "json", "datapackage")
_FRICTIONLESS_TYPES = {"str": "string", "int64": "integer", "float64": "number",
                       "bool": "boolean", "datetime": "date"}


def export(name: str, fmt: str, out: str | Path = ".") -> Path:
    """Write dataset ``name`` in format ``fmt`` into folder ``out``; returns the main file."""
    if fmt not in FORMATS:
        raise WarstatsError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    spec = get_spec(name)
    folder = Path(out)
    frame = load(name)
    if fmt == "csv":
        return _write(folder, f"{spec.name}.csv", _csv(frame))
    if fmt == "parquet":
        from warstats.optional import need

        need("pyarrow", "export", "Parquet export")
        buf = io.BytesIO()
        frame.to_parquet(buf, index=False)
        return _write(folder, f"{spec.name}.parquet", buf.getvalue())
    if fmt == "xlsx":
        from warstats.optional import need

        need("openpyxl", "export", "Excel export")
        return _write(folder, f"{spec.name}.xlsx", _xlsx(name, frame))
    if fmt == "json":
        _write(folder, f"{spec.name}.schema.json", _dump(_schema(name)))
        return _write(folder, f"{spec.name}.json", _json_records(frame))
    return _datapackage(name, frame, folder)


def _write(folder: Path, name: str, data: bytes) -> Path:
    """Every export file is written here, through the one safe writer."""
    from warstats.safe_write import OutputFolder

    return OutputFolder(folder).write(name, data)


def _csv(frame) -> bytes:
    """A frame as CSV for people: the curated encoding, formula-leading text neutralised."""
    from warstats.cell_safety import spreadsheet_csv

    return spreadsheet_csv(frame).encode("utf-8")


def xlsx_bytes(sheets: dict) -> bytes:
    """A plain Excel workbook (one sheet per frame), formula-leading text neutralised."""
    import pandas as pd

    from warstats.cell_safety import neutralise_frame

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            neutralise_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
    return buf.getvalue()


def _dump(obj) -> bytes:
    return (json.dumps(obj, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _json_records(frame) -> bytes:
    """Records with dates as ``YYYY-MM-DD`` (no time, no time zone) and missing as null."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").astype(object).where(
                out[col].notna(), None)
    text = out.to_json(orient="records", indent=1, force_ascii=False)
    return (text + "\n").encode("utf-8")


def _schema(name: str) -> dict:
    """A Frictionless-style table schema of the dataset, with its sources beside it."""
    from warstats.catalog import sources

    meta = read_meta(name)
    fields = []
    for col, info in meta["columns"].items():
        field = {"name": col, "type": _FRICTIONLESS_TYPES.get(info["dtype"], "string"),
                 "title": info["title"], "description": info["description"]}
        if field["type"] == "date":
            field["format"] = "%Y-%m-%d"
        fields.append(field)
    src = sources(name)
    return {
        "name": name, "title": meta["title"], "description": meta["description"],
        "schema": {"fields": fields, "primaryKey": list(meta["primary_key"])},
        "sources": [{"source_id": r.source_id, "title": r.attribution_short, "path": r.url,
                     "citation": r.citation, "licence": r.licence} for r in src.itertuples()],
    }


def _xlsx(name: str, frame) -> bytes:
    """The ``data`` and ``sources`` sheets, formatted for reading in a spreadsheet."""
    import pandas as pd
    from openpyxl.utils import get_column_letter

    from warstats.catalog import sources
    from warstats.cell_safety import neutralise_frame

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet, table in (("data", frame), ("sources", sources(name))):
            neutralise_frame(table).to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = ws.dimensions
            for i, col in enumerate(table.columns, start=1):
                letter = get_column_letter(i)
                is_date = pd.api.types.is_datetime64_any_dtype(table[col])
                if is_date:
                    for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                        cell.number_format = "yyyy-mm-dd"
                sample = table[col].head(500)
                longest = 10 if is_date else max(
                    [len(str(v)) for v in sample.dropna()] or [0])
                ws.column_dimensions[letter].width = min(60, max(len(str(col)), longest) + 2)
    return buf.getvalue()


def _datapackage(name: str, frame, folder: Path) -> Path:
    from warstats.optional import need

    need("frictionless", "export", "data package export")
    from frictionless import Package, Resource, Schema, fields

    from warstats.catalog import sources

    meta = read_meta(name)
    csv_path = _write(folder, f"{name}.csv", _csv(frame))
    field_list = []
    for col, info in meta["columns"].items():
        ftype = _FRICTIONLESS_TYPES.get(info["dtype"], "string")
        cls = {"string": fields.StringField, "integer": fields.IntegerField,
               "number": fields.NumberField, "boolean": fields.BooleanField,
               "date": fields.DateField}[ftype]
        kwargs = {"name": col, "title": info["title"], "description": info["description"]}
        if ftype == "boolean":
            kwargs.update(true_values=["True"], false_values=["False"])
        field_list.append(cls(**kwargs))
    schema = Schema(fields=field_list, primary_key=list(meta["primary_key"]))
    src = sources(name)
    source_list = [{"title": r.attribution_short, "path": r.url} for r in src.itertuples()]
    licences = [{"name": r.licence, "title": r.licence, "path": r.licence_url or r.url}
                for r in src.itertuples()]
    resource = Resource(path=csv_path.name, name=name, title=meta["title"],
                        description=meta["description"], schema=schema, format="csv",
                        encoding="utf-8", sources=source_list, licenses=licences)
    package = Package(name=f"warstats-{name}".replace("_", "-"), title=meta["title"],
                      description=meta["description"], resources=[resource],
                      sources=source_list, licenses=licences, basepath=str(folder))
    return _write(folder, "datapackage.json", _dump(package.to_dict()))
