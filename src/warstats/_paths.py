"""Where warstats finds its curated data, seeds and raw sources."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = _PACKAGE_DIR.parent.parent


def data_dir() -> Path:
    """Folder holding the curated tables (``<name>.csv`` + ``<name>.meta.json``).

    ``WARSTATS_DATA_DIR`` overrides; an installed wheel carries ``warstats/data``;
    a source checkout uses the repository's top-level ``data/``.
    """
    env = os.environ.get("WARSTATS_DATA_DIR")
    if env:
        return Path(env)
    packaged = _PACKAGE_DIR / "data"
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / "data"


def packaged_data_dir() -> Path:
    """The tables shipped with this copy of warstats, ignoring ``WARSTATS_DATA_DIR``: the
    folder whose checksums the package itself records (``datasets/shipped_checksums.json``)."""
    packaged = _PACKAGE_DIR / "data"
    return packaged if packaged.is_dir() else _REPO_ROOT / "data"


def seeds_dir() -> Path:
    """Folder holding hand-transcribed inputs (figures, claims, claim rules)."""
    env = os.environ.get("WARSTATS_SEEDS_DIR")
    if env:
        return Path(env)
    packaged = _PACKAGE_DIR / "seeds"
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / "seeds"


def default_raw_dir() -> Path:
    """Default folder of raw publisher files: ``WARSTATS_RAW_DIR`` or ``../shared/sources``."""
    env = os.environ.get("WARSTATS_RAW_DIR")
    if env:
        return Path(env)
    return _REPO_ROOT.parent / "shared" / "sources"


def seed_article_path() -> Path | None:
    """The seed article (the text whose claims ``seeds/claims.csv`` transcribes), if present.

    ``WARSTATS_SEED_ARTICLE`` names the file; otherwise the first ``*.txt`` in the ``seeds``
    folder beside the raw folder (``../shared/seeds`` by default). ``None`` when absent.
    """
    env = os.environ.get("WARSTATS_SEED_ARTICLE")
    if env:
        path = Path(env)
        return path if path.is_file() else None
    folder = default_raw_dir().parent / "seeds"
    if not folder.is_dir():
        return None
    return next(iter(sorted(folder.glob("*.txt"))), None)
