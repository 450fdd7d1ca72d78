"""The checksum anchor: sha256 of every shipped table, recorded inside the Python package.

A sidecar (``<name>.meta.json``) holds its table's sha256, which catches a truncated or
edited CSV, but not a CSV edited *together with* its sidecar. ``build-data`` therefore
also records, when it writes the package's own tables (``_paths.packaged_data_dir()``),
the sha256 of each table and sidecar in ``warstats/datasets/shipped_checksums.json``,
which lives in the code, not in the data folder. ``ws.load`` checks a shipped table
against it on every call, ``warstats verify`` checks tables and sidecars.

Releases made by ``warstats update`` (under the user's data home) are not shipped tables:
they are checked against their own manifest, not this anchor.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ANCHOR = Path(__file__).resolve().parent / "shipped_checksums.json"


def is_shipped(directory: Path) -> bool:
    """True when ``directory`` is the package's own table folder."""
    from warstats._paths import packaged_data_dir

    try:
        return Path(directory).resolve() == packaged_data_dir().resolve()
    except OSError:
        return False


@cache
def _read(mtime: float) -> dict[str, str]:
    data = json.loads(ANCHOR.read_text(encoding="utf-8"))
    return dict(data.get("files", {}))


def anchored() -> dict[str, str]:
    """File name → sha256 of the shipped tables and sidecars ({} when none recorded)."""
    try:
        return _read(ANCHOR.stat().st_mtime)
    except FileNotFoundError:
        return {}


def anchor_bytes(files: dict[str, str]) -> bytes:
    """The anchor file's content for ``files`` (name → sha256), sorted, deterministic."""
    body = {"about": "sha256 of the tables shipped in data/, written by `warstats build-data`",
            "files": dict(sorted(files.items()))}
    return (json.dumps(body, indent=1) + "\n").encode("utf-8")


def check(directory: Path, file_name: str, sha256: str) -> str | None:
    """A problem sentence if ``file_name`` in the shipped folder differs from its anchor."""
    if not is_shipped(directory):
        return None
    expected = anchored().get(file_name)
    if expected is None or expected == sha256:
        return None
    return (f"{Path(directory) / file_name}: checksum {sha256[:12]}… differs from the one "
            f"recorded in the package when the tables were built ({expected[:12]}…): the table "
            "was edited together with its sidecar. Reinstall warstats or rebuild with "
            "`warstats build-data`.")
