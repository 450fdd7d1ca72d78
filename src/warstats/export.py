"""Export a dataset: CSV, Parquet, Excel, JSON or a Frictionless data package.

The data package is written with the ``frictionless`` library (the reference
implementation of the Data Package standard) so its descriptor, table schema,
sources and licences are valid by construction.
"""

from __future__ import annotations

from pathlib import Path

from warstats.datasets.load import load, read_meta
from warstats.datasets.registry import get_spec
from warstats.errors import WarstatsError

_FRICTIONLESS_TYPES = {"str": "string", "int64": "integer", "float64": "number",
                       "bool": "boolean", "datetime": "date"}


def export(name: str, fmt: str, out: str | Path = ".") -> Path:
    """Write dataset ``name`` in format ``fmt`` into folder ``out``; returns the main file."""
    spec = get_spec(name)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    frame = load(name)
    if fmt == "csv":
        path = folder / f"{spec.name}.csv"
        frame.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    elif fmt == "parquet":
        path = folder / f"{spec.name}.parquet"
        try:
            frame.to_parquet(path, index=False)
        except ImportError as exc:
            raise WarstatsError("parquet export needs pyarrow: pip install pyarrow") from exc
    elif fmt == "xlsx":
        path = folder / f"{spec.name}.xlsx"
        from warstats.catalog import sources

        with _excel_writer(path) as writer:
            frame.to_excel(writer, sheet_name="data", index=False)
            sources(name).to_excel(writer, sheet_name="sources", index=False)
    elif fmt == "json":
        path = folder / f"{spec.name}.json"
        frame.to_json(path, orient="records", date_format="iso", indent=1)
    elif fmt == "datapackage":
        path = _datapackage(name, frame, folder)
    else:
        raise WarstatsError(f"unknown format {fmt!r}: csv, parquet, xlsx, json or datapackage")
    return path


def _excel_writer(path: Path):
    import pandas as pd

    return pd.ExcelWriter(path, engine="openpyxl")


def _datapackage(name: str, frame, folder: Path) -> Path:
    from frictionless import Package, Resource, Schema, fields

    from warstats.catalog import sources

    meta = read_meta(name)
    csv_path = folder / f"{name}.csv"
    frame.to_csv(csv_path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
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
    target = folder / "datapackage.json"
    package.to_json(str(target))
    return target
