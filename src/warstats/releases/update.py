"""``warstats update``: build a new release from the publishers' newest files.

Steps (nothing is visible until the last one):

1. fetch each chosen source's newest files (latest URL, ``--mirror`` or ``--from``) into
   ``.incoming/`` of a staging release; a source whose files equal the parent release's
   is *unchanged*;
2. lay out the release's raw tree ``raw/`` (same layout as ``shared/sources``): every
   file of the parent release, hard-linked (copied across file systems), so builds of
   datasets that combine several sources always find the other sources' files;
3. per changed source, in turn: put its new files in the tree and build every dataset it
   feeds. A failure (the reader's message names what drifted) fails that source alone:
   its old files go back, and each of its datasets keeps the parent's table;
4. tables fed only by unchanged sources are hard-linked from the parent; the others come
   from the step-3 build of the last passing source that feeds them (every earlier passing
   source was then in place, every failed one restored), so a dataset is never a mix of
   old and new rows of one source;
5. ``release.json`` (inputs with URL, retrieval time, size, sha256; per-source status and
   dates) is written last and the folder renamed into place (``store.publish_release``).

The parent is the newest release on the machine (or the shipped tables). The installed
package's ``data/`` is never written.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warstats.errors import WarstatsError


@dataclass
class UpdateResult:
    """What an update did: the release made (None for a dry run or nothing new), the
    per-source status and the per-source/dataset change summary."""

    release: str | None
    parent: str
    sources: dict[str, dict]
    changes: object = None  # pandas DataFrame (update_summary by source), when available
    dry_run: bool = False
    manifest: dict = field(default_factory=dict)

    def status_frame(self):
        import pandas as pd

        rows = [{"source_id": sid, **{k: v for k, v in info.items() if k != "files"}}
                for sid, info in sorted(self.sources.items())]
        return pd.DataFrame(rows)


def _link(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _find_parent_file(rel: str, sha: str | None, parent_dir: Path,
                      from_dir: Path | None) -> Path | None:
    """A local file with the parent release's content of ``rel`` (checked by sha256)."""
    from warstats._paths import default_raw_dir
    from warstats.readers.common import sha256_file
    from warstats.readers.fetch import cache_dir

    own = parent_dir / "raw" / rel
    if own.is_file():
        return own
    for root in (from_dir, default_raw_dir(), cache_dir()):
        if root is not None and (Path(root) / rel).is_file() and (
                sha is None or sha256_file(Path(root) / rel) == sha):
            return Path(root) / rel
    return None


def _parent_tree(tree: Path, parent_dir: Path, parent_files: dict[str, dict],
                 from_dir: Path | None) -> None:
    """Hard-link the parent release's raw files into ``tree`` (fetching pinned ones last)."""
    from warstats.provenance.registry import list_sources
    from warstats.readers.fetch import cache_dir, fetch_file, file_urls

    for source in list_sources():
        pinned = file_urls(source)
        for rel in source.files:
            sha = parent_files.get(rel, {}).get("sha256")
            found = _find_parent_file(rel, sha, parent_dir, from_dir)
            if found is None and rel in pinned:
                found = fetch_file(pinned[rel], cache_dir() / rel, sha,
                                   zip_member=source.extra.get("zip_member"),
                                   root=cache_dir())
            if found is None:
                raise WarstatsError(f"the parent release's raw file {rel} is not on this "
                                    "machine and has no download URL; pass --from DIR")
            _link(found, tree / rel)


def _feeds(source_id: str) -> list:
    from warstats.datasets.registry import registry

    return [s for s in registry().values() if source_id in s.source_ids]


def _dates(statuses: dict[str, dict], passed: Iterable[str], carried: dict) -> dict:
    dates = dict(carried)
    for sid in passed:
        info = statuses[sid]
        dates[sid] = {"published": info["published"], "retrieved": info["retrieved"]}
    return dates


def _try_source(sid: str, fetched, tree: Path, trial: Path, dates: dict) -> str:
    """Build every dataset ``sid`` feeds with its new files in ``tree``; '' or the error."""
    from warstats.datasets.build import build_one
    from warstats.provenance.registry import release_dates

    with release_dates(dates):
        for spec in _feeds(sid):
            try:
                build_one(spec, tree, trial)
            except Exception as exc:  # any reader failure fails this source alone
                kind = "" if isinstance(exc, WarstatsError) else f"{type(exc).__name__}: "
                text = str(exc).replace(str(tree) + os.sep, "")  # the staging path means nothing
                urls = ", ".join(i["url"] for i in fetched.inputs)
                return f"{spec.name}: {kind}{text} [new file from {urls}]"
    return ""


def _copy_tables(name: str, src: Path, dst: Path, *, move: bool = False) -> None:
    for rel in (f"{name}.csv", f"{name}.meta.json", f"rejects/{name}.csv"):
        if (src / rel).is_file():
            if move:
                (dst / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(src / rel, dst / rel)
            else:
                _link(src / rel, dst / rel)


def update(sources: Sequence[str] | str | None = None, from_dir: str | Path | None = None,
           mirror: str | None = None, dry_run: bool = False,
           progress: bool | None = None) -> UpdateResult:
    """Fetch the newest release of each source, rebuild and validate, store a new release.

    Parameters
    ----------
    sources : source id(s) to update (default: every source with a newest-release URL;
        with ``from_dir``/``mirror``, every source with files, frozen ones included).
    from_dir : a local folder laid out like ``shared/sources`` holding the new files.
    mirror : base URL of an HTTP(S) server serving that layout.
    dry_run : fetch and build, report what would change, publish nothing.

    Examples
    --------
    >>> import warstats as ws
    >>> ws.update(sources="ecb_eurofxref", dry_run=True)      # doctest: +SKIP
    """
    import sys

    from tqdm.auto import tqdm

    from warstats.provenance.registry import get_source, list_sources
    from warstats.releases.inputs import fetch_source
    from warstats.releases.manifest import build_manifest, parent_inputs
    from warstats.releases.store import (
        begin_release,
        discard_release,
        publish_release,
        read_manifest,
        resolve_release,
    )

    if from_dir is not None and mirror:
        raise WarstatsError("give either --from DIR or --mirror URL, not both")
    from_dir = Path(from_dir).resolve() if from_dir is not None else None
    if from_dir is not None and not from_dir.is_dir():
        raise WarstatsError(f"--from {from_dir}: no such folder (it must hold the layout of "
                            "shared/sources)")
    explicit = from_dir is not None or bool(mirror)
    if isinstance(sources, str):
        sources = [sources]
    chosen = ([get_source(s) for s in sources] if sources else
              [s for s in list_sources() if s.files and (explicit or not s.frozen)])
    show = sys.stderr.isatty() if progress is None else progress
    parent_id, parent_dir = resolve_release("latest")
    parent = read_manifest(parent_id)
    parent_files = parent_inputs(parent)
    carried = {sid: {k: info[k] for k in ("published", "retrieved") if info.get(k)}
               for sid, info in parent.get("sources", {}).items()}
    release_id, staging = begin_release()
    try:
        tree, incoming, trial = staging / "raw", staging / ".incoming", staging / ".trial"
        statuses: dict[str, dict] = {}
        fetched_by: dict[str, object] = {}
        for source in tqdm(chosen, desc="fetching newest files", unit="source",
                           disable=not show):
            if not source.files or (source.frozen and not explicit):
                why = (f"frozen: {source.frozen_reason}" if source.frozen else
                       "no raw files (its figures are transcribed into the seeds)")
                statuses[source.source_id] = {"status": "unchanged", "reason": why,
                                              "files": [], "published": None,
                                              "retrieved": None, "datasets": []}
                continue
            got = fetch_source(source, incoming / source.source_id, from_dir=from_dir,
                               mirror=mirror)
            fetched_by[source.source_id] = got
            info = {"status": "failed", "reason": got.error, "files": got.inputs,
                    "published": got.published.isoformat() if got.published else None,
                    "published_basis": got.published_basis,
                    "retrieved": got.inputs[0]["retrieved"][:10] if got.inputs else None,
                    "datasets": [s.name for s in _feeds(source.source_id)]}
            if not got.error:
                same = all(parent_files.get(i["file"], {}).get("sha256") == i["sha256"]
                           for i in got.inputs)
                info.update(status="unchanged" if same else "candidate", reason="")
            statuses[source.source_id] = info
        _parent_tree(tree, parent_dir, parent_files, from_dir)
        passed: list[str] = []
        candidates = sorted(s for s, i in statuses.items() if i["status"] == "candidate")
        for sid in tqdm(candidates, desc="building updated sources", unit="source",
                        disable=not show):
            old = {i["file"]: tree / i["file"] for i in statuses[sid]["files"]}
            backup = {rel: staging / ".backup" / rel for rel in old}
            for rel, path in old.items():
                _link(path, backup[rel])
                _link(incoming / sid / rel, path)
            error = _try_source(sid, fetched_by[sid], tree, trial / sid,
                                _dates(statuses, [*passed, sid], carried))
            if error:
                statuses[sid].update(status="failed", reason=error)
                for rel, path in old.items():
                    _link(backup[rel], path)
            else:
                statuses[sid]["status"] = "updated"
                passed.append(sid)
        _assemble(staging, trial, parent_dir, passed)
        for scratch in (incoming, trial, staging / ".backup"):
            shutil.rmtree(scratch, ignore_errors=True)
        manifest = build_manifest(parent_id, parent, statuses, passed, tree, from_dir, mirror,
                             carried)
        summary = _summary(parent_dir, staging, statuses)
        if dry_run or not passed:
            discard_release(staging)
            return UpdateResult(None, parent_id, statuses, summary, dry_run, manifest)
        publish_release(release_id, staging, manifest)
        return UpdateResult(release_id, parent_id, statuses, summary, False,
                            {"release": release_id, **manifest})
    except BaseException:
        discard_release(staging)
        raise


def _assemble(staging: Path, trial: Path, parent_dir: Path, passed: list[str]) -> None:
    """Put every dataset's table in the staging release (see the module docstring, step 4).

    Sources are tried in turn on one tree: when the last source feeding a dataset was tried,
    every earlier passing source was in place and every failed one already restored, so that
    trial's table is the final one.
    """
    from warstats.datasets.registry import registry

    for spec in registry().values():
        fresh = [s for s in passed if s in spec.source_ids]
        if not fresh:
            _copy_tables(spec.name, parent_dir, staging)
        else:  # the trial of the last of them ran with all of them (and no failed one) in place
            _copy_tables(spec.name, trial / fresh[-1], staging, move=True)


def _summary(parent_dir: Path, staging: Path, statuses: dict):
    """Per source and dataset: rows added/removed/revised (needs releases.changes)."""
    try:
        from warstats.releases.summary import update_summary
    except ImportError:  # the changes module is not in this build
        return None
    names = sorted({d for info in statuses.values() if info["status"] == "updated"
                    for d in info["datasets"]})
    if not names:
        return None
    summary = update_summary(parent_dir, staging, names, by_source=True)
    updated = {s for s, info in statuses.items() if info["status"] == "updated"}
    return summary[summary["sources"].isin(updated)].reset_index(drop=True)
