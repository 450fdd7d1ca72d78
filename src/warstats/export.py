"""Export a dataset: CSV, Parquet, Excel, JSON or a Frictionless data package.

The data package is described with the ``frictionless`` library (the reference
implementation of the Data Package standard) so its descriptor, table schema,
sources and licences are valid by construction.

Every file goes through :class:`warstats.safe_write.OutputFolder` (whole files, no
symlink followed, a file warstats did not write is never replaced). CSV and XLSX text
cells that a spreadsheet would run as a formula are neutralised
(:mod:`warstats.cell_safety`); Parquet and JSON keep the text exactly.
"""

from __future__ import annotations

import io
from pathlib import Path

from warstats.cell_safety import neutralise_frame, spreadsheet_csv
from warstats.datasets.load import load, read_meta
from warstats.datasets.registry import get_spec
from warstats.errors import WarstatsError

_FRICTIONLESS_TYPES = {"str": "string", "int64": "integer", "float64": "number",
                       "bool": "boolean", "datetime": "date"}


def export(name: str, fmt: str, out: str | Path = ".") -> Path:
    """Write dataset ``name`` in format ``fmt`` into folder ``out``; returns the main file."""
    from warstats.safe_write import OutputFolder

    spec = get_spec(name)
    if fmt not in ("csv", "parquet", "xlsx", "json", "datapackage"):
        raise WarstatsError(f"unknown format {fmt!r}: csv, parquet, xlsx, json or datapackage")
    frame = load(name)
    folder = OutputFolder(out)
    if fmt == "csv":
        return folder.write(f"{spec.name}.csv", csv_export_bytes(frame))
    if fmt == "parquet":
        buf = io.BytesIO()
        try:
            frame.to_parquet(buf, index=False)
        except ImportError as exc:
            raise WarstatsError("parquet export needs pyarrow: pip install pyarrow") from exc
        return folder.write(f"{spec.name}.parquet", buf.getvalue())
    if fmt == "xlsx":
        return folder.write(f"{spec.name}.xlsx", xlsx_bytes(
            {"data": frame, "sources": _sources(name)}))
    if fmt == "json":
        text = frame.to_json(orient="records", date_format="iso", indent=1)
        return folder.write(f"{spec.name}.json", text.encode("utf-8"))
    return _datapackage(name, frame, folder)


def _sources(name: str):
    from warstats.catalog import sources

    return sources(name)


def csv_export_bytes(frame) -> bytes:
    """A frame as CSV for people: ISO dates, LF, formula-leading text neutralised."""
    return spreadsheet_csv(frame).encode("utf-8")


def xlsx_bytes(sheets: dict) -> bytes:
    """An Excel workbook (one sheet per frame) with formula-leading text neutralised."""
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for sheet, frame in sheets.items():
            neutralise_frame(frame).to_excel(writer, sheet_name=sheet, index=False)
    return buf.getvalue()


def _datapackage(name: str, frame, folder) -> Path:
    from frictionless import Package, Resource, Schema, fields

    from warstats.catalog import sources

    meta = read_meta(name)
    csv_path = folder.write(f"{name}.csv", csv_export_bytes(frame))
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
                      sources=source_list, licenses=licences, basepath=str(folder.root))
    return folder.write("datapackage.json", package.to_json().encode("utf-8"))
