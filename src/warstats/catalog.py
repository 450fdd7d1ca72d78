"""What a user asks about the datasets: list, describe, sources, cite, validate."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.datasets.load import read_meta
from warstats.datasets.registry import get_spec, registry
from warstats.errors import WarstatsError
from warstats.provenance.citation import Citation, cite_ids
from warstats.provenance.registry import sources_frame


def list_datasets() -> pd.DataFrame:
    """One row per dataset: name, title, topic, measure kind, unit, rows, coverage, sources."""
    rows = []
    for spec in registry().values():
        try:
            meta = read_meta(spec.name)
        except WarstatsError:
            meta = {}
        cov = meta.get("coverage") or {}
        rows.append({
            "name": spec.name,
            "title": spec.title,
            "topic": spec.topic,
            "kind": spec.kind,
            "unit": spec.unit,
            "rows": meta.get("rows"),
            "coverage_start": cov.get("start"),
            "coverage_end": cov.get("end"),
            "sources": ", ".join(meta.get("source_ids", spec.source_ids)),
        })
    return pd.DataFrame(rows)


def _release(release: str | None):
    """(folder, context with the release's source dates) for ``release`` (default latest)."""
    from warstats.provenance.registry import release_dates
    from warstats.releases.store import resolve_release, source_dates

    return resolve_release(release)[1], release_dates(source_dates(release))


def describe(name: str, release: str | None = None) -> dict:
    """Columns (type, title, meaning), primary key, kind, unit, coverage, caveats and citations.

    ``release`` (default: the latest, as ``load``) picks the release described.
    """
    spec = get_spec(name)
    folder, dates = _release(release)
    meta = read_meta(name, folder)
    columns = pd.DataFrame([
        {"column": col, "dtype": info["dtype"], "title": info["title"],
         "description": info["description"]}
        for col, info in meta["columns"].items()
    ])
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "kind": spec.kind,
        "unit": spec.unit,
        "primary_key": list(spec.primary_key),
        "rows": meta["rows"],
        "coverage": meta.get("coverage", {}),
        "caveats": list(spec.caveats),
        "columns": columns,
        "citation": _cite_in(dates, meta["source_ids"]),
        "sha256": meta["sha256"],
    }


def _cite_in(dates, ids) -> list[str]:
    with dates:
        return cite_ids(ids).full()


def sources(name: str | None = None, release: str | None = None) -> pd.DataFrame:
    """Source records (one row per source, key ``source_id``); for one dataset if named.

    Publication and retrieval dates are those of ``release`` (default: the latest).
    """
    folder, dates = _release(release)
    with dates:
        if name is None:
            return sources_frame()
        return sources_frame(list(read_meta(name, folder)["source_ids"]))


def _ids_of(obj) -> list[str]:
    if isinstance(obj, str):
        return list(read_meta(obj)["source_ids"])
    if isinstance(obj, pd.DataFrame):
        if "source_id" not in obj:
            raise WarstatsError("the frame has no source_id column: nothing to cite")
        ids = set()
        for value in obj["source_id"].dropna().astype(str).unique():
            ids.update(v for v in value.split(";") if v)  # joined ids of derived rows
        return sorted(ids)
    return [str(i) for i in obj]


def citation(obj) -> Citation:
    """A :class:`Citation` for a dataset name, a frame with ``source_id`` or a list of ids."""
    return cite_ids(_ids_of(obj))


def cite(obj, style: str = "short") -> str:
    """Cite a dataset name, a frame's rows or source ids: ``short``, ``full`` or ``bibtex``.

    Examples
    --------
    >>> import warstats as ws
    >>> ws.cite("population")
    'Source: World Bank WDI (2026)'
    """
    return citation(obj).render(style)


def validate(data: pd.DataFrame | str | Path, dataset: str) -> pd.DataFrame:
    """Check a frame or a user's file (CSV, or an Excel workbook's first sheet) against a
    dataset's schema; every problem at once, each once.

    Returns an empty problem table when the data pass (``.attrs["notes"]`` says how the
    file was read, e.g. its encoding); raises :class:`warstats.ValidationError` (with
    ``.failures``, rows numbered as a text editor shows them) otherwise, and
    :class:`warstats.InputFileError` for a file that is not a readable table (see
    :mod:`warstats.datasets.user_file`).
    """
    from warstats.datasets.user_file import read_user_table
    from warstats.datasets.validate import run_schema

    spec = get_spec(dataset)
    label, notes, extra = dataset, [], None
    if not isinstance(data, pd.DataFrame):
        path = Path(data)
        table = read_user_table(path)
        data, notes, extra = table.frame, table.notes, table.problems
        # As ws.load reads the shipped CSVs: an empty cell is missing in typed columns
        # (numbers, dates, booleans) and an empty string in text columns.
        columns = spec.schema_model().to_schema().columns
        typed = [c for c in data.columns
                 if c in columns and not str(columns[c].dtype).startswith(("str", "string"))]
        data[typed] = data[typed].replace("", None)
        label = str(path)
    run_schema(data, spec, label=label, cell_types=True, extra=extra, notes=notes)
    ok = pd.DataFrame(columns=["row", "column", "check", "value"])
    ok.attrs["notes"] = notes
    return ok


def series_breaks(dataset: str | None = None, country: str | None = None) -> pd.DataFrame:
    """Breaks recorded for ``dataset`` (and ``country``; rows with no country apply to all).

    The frame to pass as ``breaks=`` to growth calculations and charts.
    """
    from warstats.datasets.load import load

    breaks = load("series_breaks", validate=False)
    if dataset is not None:
        breaks = breaks[breaks["dataset"] == dataset]
    if country is not None:
        breaks = breaks[breaks["country_iso3"].isna() | (breaks["country_iso3"] == country)
                        | (breaks["country_iso3"] == "")]
    return breaks.reset_index(drop=True)


def dataset_table_markdown() -> str:
    """The README's dataset table (Markdown), generated from the registry and sidecars."""
    lines = ["| dataset | kind | rows | coverage | what it holds |", "|---|---|---:|---|---|"]
    for row in list_datasets().itertuples():
        coverage = f"{row.coverage_start} – {row.coverage_end}" if row.coverage_start else ""
        rows = f"{int(row.rows):,}" if row.rows == row.rows and row.rows is not None else ""
        lines.append(f"| `{row.name}` | {row.kind} | {rows} | {coverage} | {row.title} |")
    return "\n".join(lines) + "\n"
