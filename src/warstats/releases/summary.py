"""Summaries of what changed between two release folders, per dataset or per source.

Used by ``warstats update`` (a table per source) and ``warstats changes --summary``.
The public entry points are re-exported by :mod:`warstats.releases.changes`.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from warstats.errors import WarstatsError
from warstats.releases.changes import (
    SUMMARY_COLUMNS,
    _read,
    compare_frames,
    newest_date,
    summarise,
)

_COUNTS = ("rows_added", "rows_removed", "rows_revised", "values_revised")


def _names(datasets: str | Iterable[str] | None) -> list[str]:
    from warstats.datasets.registry import registry

    if datasets is None:
        return list(registry())
    return [datasets] if isinstance(datasets, str) else list(datasets)


def _same_file(name: str, old_dir: Path, new_dir: Path) -> bool:
    from warstats.datasets.load import read_meta

    if not ((old_dir / f"{name}.meta.json").is_file() and (new_dir / f"{name}.meta.json")
            .is_file()):
        return False
    return read_meta(name, old_dir)["sha256"] == read_meta(name, new_dir)["sha256"]


def _row(spec, sources: str, old: pd.DataFrame | None, new: pd.DataFrame | None,
         diff: pd.DataFrame | None) -> dict:
    row = {"dataset": spec.name, "title": spec.title, "sources": sources,
           "rows_before": None if old is None else len(old),
           "rows_after": None if new is None else len(new),
           "newest_before": None if old is None else newest_date(old, spec.coverage_column),
           "newest_after": None if new is None else newest_date(new, spec.coverage_column)}
    if old is None or new is None:
        row["status"] = "new" if old is None else "missing"
        row.update(dict.fromkeys(_COUNTS))
        return row
    counts = summarise(diff, spec.primary_key) if diff is not None else dict.fromkeys(_COUNTS, 0)
    row.update(counts)
    row["status"] = "updated" if any(counts.values()) else "unchanged"
    return row


def _of(frame: pd.DataFrame | None, sid: str) -> pd.DataFrame | None:
    if frame is None or "source_id" not in frame:
        return frame
    part = frame[frame["source_id"].astype(str) == sid]
    return part if len(part) else None


def _dataset_rows(name: str, old_dir: Path, new_dir: Path, by_source: bool) -> list[dict]:
    from warstats.datasets.registry import get_spec

    spec = get_spec(name)
    same = _same_file(name, old_dir, new_dir)
    new = _read(name, new_dir)
    old = new if same else _read(name, old_dir)
    diff = None
    if old is not None and new is not None and not same:
        diff = compare_frames(old, new, spec.primary_key)
    if not by_source:
        present = new if new is not None else old
        sources = ", ".join(sorted(present["source_id"].astype(str).unique())) \
            if present is not None else ", ".join(spec.source_ids)
        return [_row(spec, sources, old, new, diff)]
    ids = set()
    for frame in (old, new):
        if frame is not None and "source_id" in frame:
            ids.update(frame["source_id"].astype(str).unique())
    rows = []
    for sid in sorted(ids) or list(spec.source_ids):
        part = None if diff is None else diff[diff["source_id"].astype(str) == sid] \
            if "source_id" in diff else diff
        rows.append(_row(spec, sid, _of(old, sid), _of(new, sid), part))
    return rows


def update_summary(old_release_dir: Path, new_release_dir: Path,
                   datasets: str | Iterable[str] | None = None, *,
                   by_source: bool = False) -> pd.DataFrame:
    """What changed per dataset (``by_source``: per dataset and source) between two folders.

    Columns: :data:`~warstats.releases.changes.SUMMARY_COLUMNS`; with ``by_source`` the
    ``sources`` column holds one source id per row and the counts are that source's rows.
    ``status``: ``unchanged`` (identical file, or no difference), ``updated``, ``new``
    (absent before) or ``missing`` (absent after). Identical files are read once.
    """
    old_dir, new_dir = Path(old_release_dir), Path(new_release_dir)
    rows = []
    for name in _names(datasets):
        rows.extend(_dataset_rows(name, old_dir, new_dir, by_source))
    frame = pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))
    for col in ("rows_before", "rows_after", *_COUNTS):
        frame[col] = frame[col].astype("Int64")
    frame.attrs = {"old_release_dir": str(old_dir), "new_release_dir": str(new_dir),
                   "by_source": by_source}
    return frame


def _cell(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    return f"{value:,}" if isinstance(value, numbers.Integral) else str(value)


def format_update_summary(summary: pd.DataFrame, *, width: int = 100) -> str:
    """Plain-text tables, one per source headed by its short attribution (words, not codes).

    Takes :func:`update_summary` output; with ``by_source=False`` a dataset of several
    sources is listed (with its whole-dataset counts) under each of them.
    """
    from warstats.provenance.registry import get_source

    if summary.empty:
        return "no datasets compared\n"
    by_source: dict[str, list[int]] = {}
    for i, sources in enumerate(summary["sources"].fillna("")):
        for sid in [s.strip() for s in str(sources).split(",") if s.strip()] or ["(no source)"]:
            by_source.setdefault(sid, []).append(i)
    header = (f"  {'dataset':<26} {'status':<9} {'added':>8} {'removed':>8} {'revised':>8} "
              f"{'newest before':>13} {'newest after':>13}")
    records = {}
    for sid in by_source:
        try:
            records[sid] = get_source(sid)
        except WarstatsError:
            records[sid] = None
    short = [r.attribution_short for r in records.values() if r is not None]
    labels = {}
    for sid, rec in records.items():  # a short attribution shared by several: add the title
        labels[sid] = sid if rec is None else rec.attribution_short if short.count(
            rec.attribution_short) == 1 else f"{rec.attribution_short}: {rec.title}"
    blocks = []
    for sid in sorted(by_source, key=lambda s: (labels[s].lower(), s)):
        lines = [labels[sid][:width], header]
        for i in by_source[sid]:
            r = summary.iloc[i]
            lines.append(f"  {_cell(r['dataset'])[:26]:<26} {_cell(r['status']):<9} "
                         f"{_cell(r['rows_added']):>8} {_cell(r['rows_removed']):>8} "
                         f"{_cell(r['rows_revised']):>8} {_cell(r['newest_before']):>13} "
                         f"{_cell(r['newest_after']):>13}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def change_summary(names: str | Iterable[str] | None = None, old: str = "shipped",
                   new: str = "latest", *, by_source: bool = False) -> pd.DataFrame:
    """One row per dataset: rows added / removed / revised and newest data date before/after.

    ``names`` is a dataset name, a list of them, or None for every dataset; with
    ``by_source=True`` one row per dataset and source. Columns: see :data:`SUMMARY_COLUMNS`.

    Examples
    --------
    >>> from warstats.releases.summary import change_summary
    >>> change_summary("population", "shipped", "shipped")["status"].tolist()
    ['unchanged']
    """
    from warstats.releases.store import resolve_release

    return update_summary(resolve_release(old)[1], resolve_release(new)[1], names,
                          by_source=by_source)
