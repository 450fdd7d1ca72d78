"""The ``release.json`` of an update: inputs, parent, per-source status and dates.

Per input: ``source_id``, ``file`` (relative raw path), ``url`` (``file://`` for
``--from``), ``retrieved`` (UTC time), ``size``, ``sha256``; inputs of sources the update
did not refresh are carried from the parent (the pinned URL for the shipped tables). Per
source: ``status`` (updated / unchanged / failed), ``reason``, ``published`` and
``retrieved`` (the dates its rows carry in this release), ``datasets`` it feeds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def parent_inputs(manifest: dict) -> dict[str, dict]:
    """Relative raw path → input record of a (parent) release manifest."""
    return {item["file"]: item for item in manifest.get("inputs", [])}


def build_manifest(parent_id: str, parent: dict, statuses: dict, passed: list[str], tree: Path,
              from_dir: Path | None, mirror: str | None, carried: dict) -> dict:
    from warstats import __version__
    from warstats.provenance.registry import list_sources
    from warstats.readers.fetch import file_urls

    parent_files = parent_inputs(parent)
    new = {i["file"]: i for sid in passed for i in statuses[sid]["files"]}
    inputs = []
    for source in list_sources():
        pinned = file_urls(source)
        for rel in source.files:
            if rel in new:
                inputs.append(new[rel])
            elif (tree / rel).is_file():
                old = parent_files.get(rel, {})
                inputs.append({"source_id": source.source_id, "file": rel,
                               "url": old.get("url") or pinned.get(rel, ""),
                               "retrieved": old.get("retrieved") or source.retrieved.isoformat(),
                               "size": (tree / rel).stat().st_size,
                               "sha256": old.get("sha256") or _sha(tree / rel)})
    sources = {sid: {k: v for k, v in info.items() if k != "files"}
               for sid, info in statuses.items()}
    for sid, info in sources.items():  # a source not updated keeps its parent's dates
        if info["status"] != "updated":
            info.update(published=carried.get(sid, {}).get("published"),
                        retrieved=carried.get(sid, {}).get("retrieved"))
    for sid, dates in carried.items():
        sources.setdefault(sid, {"status": "unchanged", "reason": "not fetched", **dates})
    built_from = (f"--from {from_dir}" if from_dir else f"--mirror {mirror}" if mirror
                  else "the publishers' latest URLs")
    return {"created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "warstats_version": __version__, "parent": parent_id, "built_from": built_from,
            "inputs": inputs, "sources": sources}


def _sha(path: Path) -> str:
    from warstats.readers.common import sha256_file

    return sha256_file(path)
