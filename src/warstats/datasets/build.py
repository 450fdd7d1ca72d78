"""Build curated tables in ``data/`` from the raw publisher files.

For each dataset: run its builder (readers), validate with its schema, refuse
untolerated rejects, then write ``<name>.csv`` and ``<name>.meta.json`` atomically.
Rejected or set-aside rows go to ``rejects/<name>.csv`` with file, row, value and rule
(text cells a spreadsheet would run as formulas neutralised: :mod:`warstats.cell_safety`).

:func:`build_all` is all or nothing: every dataset is built into a staging folder beside
the target, and the target's tables are replaced only when all passed
(:mod:`warstats.datasets.swap`); for the package's own tables it also records their
checksums in the package (:mod:`warstats.datasets.anchor`). :func:`build_one` writes one
dataset straight into a folder (e.g. a release's staging folder).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from warstats import __version__
from warstats.datasets import anchor, swap
from warstats.datasets.fingerprint import schema_fingerprint
from warstats.datasets.io import (
    atomic_write,
    csv_bytes,
    dtype_name,
    json_bytes,
    order_columns,
    sha256_bytes,
)
from warstats.datasets.registry import get_spec, registry
from warstats.datasets.spec import DatasetSpec
from warstats.datasets.validate import run_schema
from warstats.errors import IntegrityError
from warstats.readers.common import sha256_file


@dataclass
class BuildResult:
    name: str
    rows: int
    rejects: int
    sha256: str


def _relative_input(path: Path, raw_dir: Path) -> str:
    from warstats._paths import seeds_dir

    try:
        return "seeds/" + path.resolve().relative_to(seeds_dir().resolve()).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(raw_dir.resolve()).as_posix()
    except ValueError:
        return path.name


def build_frame(spec: DatasetSpec, raw_dir: Path, *, previous: pd.DataFrame | None = None):
    """Run the builder, its plausibility expectations and the schema; return
    (frame, ReaderOutput). ``previous`` (e.g. the table of the last build) adds the
    continuity checks against it (:mod:`warstats.readers.expectations`)."""
    from warstats.readers.expectations import check
    from warstats.readers.expected_values import expectations_for

    output = spec.build_function()(raw_dir)
    check(output.frame, expectations_for(spec.name), files=output.inputs, dataset=spec.name,
          previous=previous)
    bad = output.rejects.untolerated()
    if bad:
        lines = "\n".join(f"  - {r.file} row {r.row} {r.column}={r.value}: {r.rule}: {r.action}"
                          for r in bad[:20])
        raise IntegrityError(
            f"{spec.name}: {len(bad)} row(s) rejected with no documented rule:\n{lines}\n"
            "Add a named rule to the reader (and document it) or fix the input."
        )
    frame = order_columns(output.frame)
    validated = run_schema(frame, spec)
    return order_columns(validated), output


def _coverage(frame: pd.DataFrame, spec: DatasetSpec) -> dict:
    """First and last date (or year) covered; ``"start_col:end_col"`` for period tables."""
    if not spec.coverage_column:
        return {}
    start_col, _, end_col = spec.coverage_column.partition(":")
    end_col = end_col or start_col
    if start_col not in frame or end_col not in frame or frame[start_col].dropna().empty:
        return {}
    lo, hi = frame[start_col].dropna().min(), frame[end_col].dropna().max()
    fmt = (lambda v: v.strftime("%Y-%m-%d")) if hasattr(lo, "strftime") else (lambda v: int(v))
    return {"column": spec.coverage_column, "start": fmt(lo), "end": fmt(hi)}


def metadata(spec: DatasetSpec, frame: pd.DataFrame, data_sha: str, inputs: list[dict],
             n_rejects: int) -> dict:
    model = spec.schema_model()
    fields = model.to_schema().columns
    columns = {}
    for col in frame.columns:
        field = fields.get(col)
        columns[col] = {
            "dtype": dtype_name(frame[col]),
            "title": (field.title if field is not None else None) or col,
            "description": (field.description if field is not None else None) or "",
        }
    return {
        "name": spec.name,
        "title": spec.title,
        "description": spec.description,
        "topic": spec.topic,
        "kind": spec.kind,
        "unit": spec.unit,
        "primary_key": list(spec.primary_key),
        "schema": spec.schema,
        "schema_fingerprint": schema_fingerprint(spec.schema),  # validated against this
        "source_ids": sorted(frame["source_id"].unique().tolist()),
        "rows": len(frame),
        "coverage": _coverage(frame, spec),
        "columns": columns,
        "sha256": data_sha,
        "build_inputs": inputs,
        "rejects": n_rejects,
        "builder": spec.builder,
        "warstats_version": __version__,
    }


def build_one(spec: DatasetSpec, raw_dir: Path, out_dir: Path) -> BuildResult:
    frame, output = build_frame(spec, raw_dir)
    data = csv_bytes(frame)
    sha = sha256_bytes(data)
    inputs = [{"file": _relative_input(p, raw_dir), "sha256": sha256_file(p)}
              for p in sorted(set(output.inputs))]
    meta = metadata(spec, frame, sha, inputs, len(output.rejects))
    rejects_path = out_dir / "rejects" / f"{spec.name}.csv"
    if len(output.rejects):
        from warstats.cell_safety import spreadsheet_csv

        atomic_write(rejects_path, spreadsheet_csv(output.rejects.frame()).encode("utf-8"))
    elif rejects_path.exists():
        rejects_path.unlink()
    atomic_write(out_dir / spec.file_name, data)
    atomic_write(out_dir / f"{spec.name}.meta.json", json_bytes(meta))
    return BuildResult(spec.name, len(frame), len(output.rejects), sha)


def build_all(raw_dir: Path, out_dir: Path, names: Sequence[str] | None = None,
              progress: bool | None = None) -> list[BuildResult]:
    """Build the named datasets (all by default) into ``out_dir``; returns one result each."""
    from warstats.optional import require

    require("build", "building the datasets from the raw files")
    from tqdm.auto import tqdm

    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        from warstats.errors import WarstatsError

        raise WarstatsError(
            f"raw folder {raw_dir} does not exist: pass --raw DIR (the publishers' files, e.g. "
            "../shared/sources) or run `warstats fetch` first"
        )
    specs = [get_spec(n) for n in names] if names else list(registry().values())
    show = sys.stderr.isatty() if progress is None else progress
    out_dir = Path(out_dir)
    swap.finish_pending(out_dir)  # a swap a killed build had committed to
    staging = swap.staging_dir(out_dir)
    results = []
    try:
        for spec in tqdm(specs, desc="building datasets", unit="dataset", disable=not show):
            results.append(build_one(spec, raw_dir, staging))
        moves, removes = [], []
        for spec in specs:
            moves.append((spec.file_name, spec.file_name))
            moves.append((f"{spec.name}.meta.json", f"{spec.name}.meta.json"))
            rel = f"rejects/{spec.name}.csv"
            if (staging / rel).exists():
                moves.append((rel, rel))
            else:
                removes.append(rel)  # no rows set aside any more: the old report goes
        if anchor.is_shipped(out_dir):
            moves.append((anchor.ANCHOR.name, str(anchor.ANCHOR)))
            atomic_write(staging / anchor.ANCHOR.name, _anchor_after(specs, staging))
    except BaseException:
        swap.discard(staging)  # the target was never touched
        raise
    swap.commit(out_dir, staging, moves, removes)
    return results


def _anchor_after(specs: list[DatasetSpec], staging: Path) -> bytes:
    """The anchor once the staged tables are in place (other tables keep their entries)."""
    files = dict(anchor.anchored())
    for spec in specs:
        for name in (spec.file_name, f"{spec.name}.meta.json"):
            files[name] = sha256_bytes((staging / name).read_bytes())
    return anchor.anchor_bytes(files)
