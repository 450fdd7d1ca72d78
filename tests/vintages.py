"""Test helper: two real releases on a throw-away data home (previous vintage → current).

The previous vintage is ``../shared/sources`` with ``previous_releases/`` laid over it
(without ``_broken/`` and ``_older_vintage/``, as its README says). The current release is
the shipped tables, copied (``tests/test_rebuild.py`` shows they equal a build of the current
raw files). Only the named datasets are built, once per test module.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

PREVIOUS = "previous_releases"
SKIPPED = {"_broken", "_older_vintage", "README.md"}


def previous_vintage(raw_dir: Path, target: Path) -> Path:
    """Copy the raw files to ``target`` and overlay their previous releases."""
    shutil.copytree(raw_dir, target, ignore=shutil.ignore_patterns(PREVIOUS))
    for item in (raw_dir / PREVIOUS).iterdir():
        if item.name not in SKIPPED:
            shutil.copytree(item, target / item.name, dirs_exist_ok=True)
    return target


def publish_built(raw: Path, names: list[str], when: datetime, built_from: str) -> str:
    """Build ``names`` from ``raw`` into a new release; returns its id."""
    from warstats.datasets.build import build_all
    from warstats.releases.store import begin_release, publish_release

    rid, staging = begin_release(when)
    build_all(raw, staging, names=names, progress=False)
    publish_release(rid, staging, {"created": when.isoformat(), "built_from": built_from,
                                   "inputs": [], "sources": {}})
    return rid


def publish_shipped_copy(names: list[str], when: datetime) -> str:
    """A release holding the shipped tables of ``names`` (the current vintage)."""
    from warstats.releases.store import begin_release, publish_release, shipped_dir

    rid, staging = begin_release(when)
    for name in names:
        for suffix in (".csv", ".meta.json"):
            shutil.copyfile(shipped_dir() / f"{name}{suffix}", staging / f"{name}{suffix}")
    publish_release(rid, staging, {"created": when.isoformat(), "built_from": "current files",
                                   "inputs": [], "sources": {}})
    return rid


@contextmanager
def vintage_home(tmp: Path, raw_dir: Path, names: list[str]):
    """A data home holding the previous-vintage release and the current one: yields ids."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WARSTATS_DATA_HOME", str(tmp / "home"))
        mp.delenv("WARSTATS_DATA_DIR", raising=False)
        prev = previous_vintage(raw_dir, tmp / "previous_sources")
        old = publish_built(prev, names, datetime(2026, 8, 1, tzinfo=UTC), "previous vintage")
        new = publish_shipped_copy(names, datetime(2026, 8, 22, tzinfo=UTC))
        yield old, new


def publish_frame(name: str, frame, when: datetime, manifest: dict | None = None) -> str:
    """A release holding ``frame`` as table ``name`` (sidecar from the shipped one)."""
    import json

    from warstats.datasets.io import csv_bytes, sha256_bytes
    from warstats.releases.store import begin_release, publish_release, shipped_dir

    rid, staging = begin_release(when)
    data = csv_bytes(frame)
    meta = json.loads((shipped_dir() / f"{name}.meta.json").read_text(encoding="utf-8"))
    meta.update(sha256=sha256_bytes(data), rows=len(frame))
    (staging / f"{name}.csv").write_bytes(data)
    (staging / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    publish_release(rid, staging, {"created": when.isoformat(), **(manifest or {})})
    return rid
