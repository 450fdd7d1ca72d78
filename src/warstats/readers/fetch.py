"""Download the publishers' raw files into a local cache, with checksums.

Downloads go through ``pooch`` (a well-kept fetcher with hashing and caching) rather
than hand-written HTTP. The expected sha256 of each file is the one recorded in the
curated tables' sidecars (``build_inputs``), so a fetched file is byte-identical to
the one the shipped data were built from, or the fetch fails. Nothing downloaded is
ever executed or unpickled.

The cache folder is ``WARSTATS_CACHE_DIR`` if set, else the platform's user cache
(``platformdirs``), subfolder ``raw``; it mirrors ``shared/sources`` so that
``warstats build-data --raw <cache>`` works.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from warstats.errors import IntegrityError, WarstatsError

MAX_BYTES = 50 * 1024 * 1024


def cache_dir() -> Path:
    env = os.environ.get("WARSTATS_CACHE_DIR")
    if env:
        return Path(env) / "raw"
    import platformdirs

    return Path(platformdirs.user_cache_dir("warstats")) / "raw"


def expected_hashes() -> dict[str, str]:
    """Raw file (relative path) → sha256, from every sidecar's ``build_inputs``."""
    import json

    from warstats._paths import data_dir

    hashes: dict[str, str] = {}
    for meta_path in sorted(data_dir().glob("*.meta.json")):
        for item in json.loads(meta_path.read_text(encoding="utf-8")).get("build_inputs", []):
            if not item["file"].startswith("seeds/"):
                hashes[item["file"]] = item["sha256"]
    return hashes


def file_urls(source) -> dict[str, str]:
    """Relative raw path → download URL for one source record.

    A single-file source uses ``download_url``; a multi-file source lists
    ``download_urls`` in the same order as ``files``, or gives a ``download_url``
    ending in ``/`` to which each file's name is appended.
    """
    urls = source.extra.get("download_urls")
    if urls:
        if len(urls) != len(source.files):
            raise WarstatsError(f"source {source.source_id}: download_urls and files differ "
                                "in length")
        return dict(zip(source.files, urls, strict=True))
    if not source.download_url or not source.files:
        return {}
    if len(source.files) == 1:
        return {source.files[0]: source.download_url}
    if source.download_url.endswith("/"):
        return {f: source.download_url + Path(f).name for f in source.files}
    return {}


def fetch_file(url: str, dest: Path, sha256: str | None, *, max_bytes: int = MAX_BYTES) -> Path:
    """Download ``url`` to ``dest`` (kept if already there with the right hash)."""
    import pooch

    dest.parent.mkdir(parents=True, exist_ok=True)
    known = f"sha256:{sha256}" if sha256 else None
    try:
        path = pooch.retrieve(url, known_hash=known, fname=dest.name, path=dest.parent,
                              progressbar=False)
    except ValueError as exc:  # pooch's hash mismatch
        raise IntegrityError(f"{url}: downloaded file does not match its checksum ({exc}). "
                             "The publisher may have released a new version: rebuild the data "
                             "from it with `warstats build-data` after reviewing the change.") \
            from None
    except Exception as exc:
        raise WarstatsError(f"{url}: download failed ({type(exc).__name__}: {exc}). Check the "
                            "network or download the file by hand into " + str(dest)) from None
    size = Path(path).stat().st_size
    if size > max_bytes:
        Path(path).unlink()
        raise IntegrityError(f"{url}: {size:,} bytes exceeds the {max_bytes:,}-byte limit")
    return Path(path)


def fetch_all(dest: Path | None = None, only: Sequence[str] | None = None) -> list[Path]:
    """Fetch every raw file of every source (or the ``only`` source ids) into ``dest``."""
    from warstats.optional import require

    require("build", "warstats fetch")
    from tqdm.auto import tqdm

    from warstats.datasets.io import safe_child
    from warstats.provenance.registry import get_source, list_sources

    dest = dest or cache_dir()
    hashes = expected_hashes()
    chosen = [get_source(s) for s in only] if only else list_sources()
    jobs = [(rel, url) for s in chosen for rel, url in file_urls(s).items()]
    paths = []
    for rel, url in tqdm(jobs, desc="fetching", unit="file"):
        paths.append(fetch_file(url, safe_child(dest, rel), hashes.get(rel)))
    return paths
