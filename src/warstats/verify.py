"""``warstats verify``: recompute every checksum of data/ and of the raw inputs in the sidecars.

It also says when a table was built under another version of its schema (the sidecar's
schema fingerprint), and with ``revalidate=True`` (``--revalidate``) runs every schema on
every table again, the check ``ws.load`` otherwise trusts from the build. For the package's
own tables it also compares each table and sidecar with the checksum recorded in the
package at build time (:mod:`warstats.datasets.anchor`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from warstats._paths import data_dir, default_raw_dir, seeds_dir
from warstats.datasets.fingerprint import schema_fingerprint
from warstats.datasets.io import sha256_bytes
from warstats.datasets.registry import registry
from warstats.readers.common import sha256_file


def verify(data: Path | None = None, raw_dir: Path | None = None, *,
           revalidate: bool = False) -> pd.DataFrame:
    """One row per mismatch: ``kind`` (data/input), ``dataset``, ``file``, ``problem``.

    Raw inputs are checked only when ``raw_dir`` exists (a user without the raw
    files can still verify the curated tables).
    """
    from warstats.datasets import anchor, swap

    data = data or data_dir()
    raw_dir = raw_dir or default_raw_dir()
    swap.finish_pending(data)  # a build killed after committing: roll it forward first
    problems = []
    anchored = anchor.anchored() if anchor.is_shipped(data) else None
    for spec in registry().values():
        meta_path = data / f"{spec.name}.meta.json"
        csv_path = data / spec.file_name
        if not meta_path.is_file() or not csv_path.is_file():
            problems.append(("data", spec.name, str(csv_path), "missing (run make data)"))
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if sha256_bytes(csv_path.read_bytes()) != meta["sha256"]:
            problems.append(("data", spec.name, str(csv_path), "checksum differs from sidecar"))
        elif meta.get("schema_fingerprint") != schema_fingerprint(spec.schema):
            problems.append(("schema", spec.name, str(csv_path),
                             "built under another version of its schema (rebuild with make "
                             "data); ws.load validates it on every first load until then"))
        elif revalidate:
            problems += _revalidate(spec, csv_path, meta)
        for path in (csv_path, meta_path) if anchored is not None else ():
            expected = anchored.get(path.name)
            if expected is None:
                problems.append(("anchor", spec.name, str(path), "no checksum recorded in the "
                                 "package (rebuild with `warstats build-data`)"))
            elif sha256_bytes(path.read_bytes()) != expected:
                problems.append(("anchor", spec.name, str(path), "differs from the checksum "
                                 "recorded in the package at build time (edited with its "
                                 "sidecar?)"))
        for item in meta.get("build_inputs", []):
            rel = item["file"]
            path = (seeds_dir() / rel.removeprefix("seeds/")) if rel.startswith("seeds/") \
                else raw_dir / rel
            if not path.exists():
                if raw_dir.is_dir() and not rel.startswith("seeds/"):
                    problems.append(("input", spec.name, str(path), "raw input missing"))
                continue
            if sha256_file(path) != item["sha256"]:
                problems.append(("input", spec.name, str(path),
                                 "raw input changed since the build (rebuild with make data)"))
    return pd.DataFrame(problems, columns=["kind", "dataset", "file", "problem"])


def _revalidate(spec, csv_path: Path, meta: dict) -> list[tuple[str, str, str, str]]:
    """The table parsed and run through its schema again: one problem row per failure."""
    from warstats.datasets.load import parse_table
    from warstats.datasets.validate import run_schema
    from warstats.errors import ValidationError

    try:
        run_schema(parse_table(csv_path.read_bytes(), meta), spec, inplace=True, row_offset=2)
    except ValidationError as exc:
        return [("validation", spec.name, str(csv_path),
                 f"row {r.row} {r.column}: {r.check} ({r.value})")
                for r in exc.failures.head(20).itertuples()]
    return []
