"""Where releases live and how a release name resolves to a folder of tables.

Layout (``WARSTATS_DATA_HOME`` overrides the platform's user data folder)::

    <data home>/releases/<release id>/
        <dataset>.csv, <dataset>.meta.json, rejects/<dataset>.csv
        release.json          manifest, written last: a folder without it is incomplete
    <data home>/releases/.staging-<id>/   a release being built (never read)

Release ids are UTC creation times, ``YYYYMMDDTHHMMSSZ`` (plus ``-N`` if two releases are
made within one second), so sorting ids sorts releases by age.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from warstats.errors import WarstatsError

MANIFEST = "release.json"
SHIPPED = "shipped"
LATEST = "latest"


def data_home() -> Path:
    """The user's warstats data folder: ``WARSTATS_DATA_HOME`` or the platform default."""
    env = os.environ.get("WARSTATS_DATA_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("warstats"))


def releases_root() -> Path:
    """Folder holding one sub-folder per release made by ``warstats update``."""
    return data_home() / "releases"


def new_release_id(now: datetime | None = None) -> str:
    """A fresh, sortable release id for a release created ``now`` (UTC)."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    base = now.strftime("%Y%m%dT%H%M%SZ")
    root = releases_root()
    candidate, n = base, 1
    while (root / candidate).exists() or (root / f".staging-{candidate}").exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def complete_release_ids() -> list[str]:
    """Ids of the complete releases on this machine (those with a manifest), oldest first."""
    root = releases_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file())


def shipped_dir() -> Path:
    """The tables shipped with the package (or ``WARSTATS_DATA_DIR`` when set)."""
    from warstats._paths import data_dir

    return data_dir()


def resolve_release(release: str | None = None) -> tuple[str, Path]:
    """``(release id, folder)`` for ``"latest"`` (default), ``"shipped"`` or a release id.

    ``"latest"`` is the newest complete release on this machine, or the shipped tables
    when there is none. ``WARSTATS_DATA_DIR`` pins the tables: with it set, ``"latest"``
    and ``"shipped"`` both mean that folder.

    Examples
    --------
    >>> resolve_release("shipped")[0]
    'shipped'
    """
    release = release or LATEST
    if release == SHIPPED or (release == LATEST and os.environ.get("WARSTATS_DATA_DIR")):
        return SHIPPED, shipped_dir()
    ids = complete_release_ids()
    if release == LATEST:
        return (ids[-1], releases_root() / ids[-1]) if ids else (SHIPPED, shipped_dir())
    if release in ids:
        return release, releases_root() / release
    known = ", ".join([SHIPPED, LATEST, *ids[-5:]])
    raise WarstatsError(
        f"no complete release {release!r} on this machine (known: {known}). "
        "List them with `warstats releases`; make one with `warstats update`."
    )


def read_manifest(release: str) -> dict:
    """The ``release.json`` of a release; a synthesised one for ``"shipped"``."""
    rid, folder = resolve_release(release)
    if rid == SHIPPED:
        return shipped_manifest(folder)
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def shipped_manifest(folder: Path) -> dict:
    """Describe the shipped tables as a release: built from the pinned raw files."""
    from warstats import __version__

    inputs: dict[str, dict] = {}
    for meta_path in sorted(folder.glob("*.meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for item in meta.get("build_inputs", []):
            inputs.setdefault(item["file"], dict(item))
    # deterministic: the newest retrieval date of the catalog's sources (file times vary
    # with every checkout or install)
    from warstats.provenance.registry import list_sources

    retrieved = [s.retrieved for s in list_sources() if s.files]
    created = max(retrieved).isoformat() if retrieved else None
    return {"release": SHIPPED, "created": created, "warstats_version": __version__,
            "built_from": "pinned raw files (shipped with the package)",
            "parent": None, "inputs": list(inputs.values()), "sources": {}}


STAGING_PATTERN = r"\.staging-\d{8}T\d{6}Z(-\d+)?"


def begin_release(now: datetime | None = None) -> tuple[str, Path]:
    """Reserve a new release id and create its (invisible) staging folder.

    The folder is locked and marked for this run (:mod:`warstats.staging`); staging
    folders of killed updates (marked, unlocked) are removed first.
    """
    from warstats import staging as _staging

    _staging.remove_leftovers(releases_root(), STAGING_PATTERN)
    release_id = new_release_id(now)
    folder = _staging.create(releases_root(), f".staging-{release_id}",
                             f"warstats update: release {release_id}")
    return release_id, folder


def discard_release(staging: Path) -> None:
    """Remove a staged release that will not be published (failed or dry run)."""
    from warstats import staging as _staging

    _staging.finish(staging, remove=True)


def publish_release(release_id: str, staging: Path, manifest: dict) -> Path:
    """Make a staged release visible: write its manifest last, then rename the folder.

    Until the rename the release is invisible to ``load``; a crash leaves only a
    ``.staging-*`` folder, which is never read.
    """
    manifest = {"release": release_id, **manifest}
    tmp = staging / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, staging / MANIFEST)
    final = releases_root() / release_id
    os.rename(staging, final)
    from warstats import staging as _staging

    _staging.finish(staging, published=final)  # drop marker and lock, release the run
    return final


def source_dates(release: str | None = None) -> dict[str, dict]:
    """Source id → ``{"published", "retrieved"}`` of the sources a release refreshed.

    Empty for the shipped tables (the catalog's own dates apply). Use with
    ``provenance.registry.release_dates`` to see source records as of that release.
    """
    rid, folder = resolve_release(release)
    if rid == SHIPPED:
        return {}
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return {sid: {k: info[k] for k in ("published", "retrieved") if info.get(k)}
            for sid, info in manifest.get("sources", {}).items()
            if info.get("published") or info.get("retrieved")}


def retrieved_on(release: str, source_ids) -> str | None:
    """The newest retrieval date (ISO) of ``source_ids`` in a release (catalog dates apply
    to sources the release did not refresh)."""
    from warstats.provenance.registry import get_source, release_dates

    ids = sorted({i for value in source_ids for i in str(value).split(";") if i})
    with release_dates(source_dates(release)):
        dates = [get_source(s).retrieved for s in ids]
    return max(dates).isoformat() if dates else None


def releases():
    """One row per release on this machine: the shipped tables, then each update.

    Columns: ``release``, ``created``, ``built_from``, ``warstats_version``, ``parent``,
    ``sources_updated``, ``sources_failed``, ``latest`` (the one ``load`` reads).

    Examples
    --------
    >>> import warstats as ws
    >>> ws.releases()["release"].iloc[0]
    'shipped'
    """
    import pandas as pd

    ids = [SHIPPED, *complete_release_ids()]
    latest = resolve_release(LATEST)[0]
    rows = []
    for rid in ids:
        m = read_manifest(rid)
        statuses = [s.get("status") for s in m.get("sources", {}).values()]
        rows.append({"release": rid, "created": m.get("created"),
                     "built_from": m.get("built_from"),
                     "warstats_version": m.get("warstats_version"),
                     "parent": m.get("parent") or "",
                     "sources_updated": statuses.count("updated"),
                     "sources_failed": statuses.count("failed"), "latest": rid == latest})
    return pd.DataFrame(rows)
