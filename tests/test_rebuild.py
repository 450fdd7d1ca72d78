"""The curated tables in data/ are exactly what the project's own build makes from the raw files."""

from __future__ import annotations

from pathlib import Path

from warstats._paths import data_dir
from warstats.datasets.build import build_all


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_rebuild_equals_committed_data(tmp_path, raw_dir):
    build_all(raw_dir, tmp_path, progress=False)
    built, committed = _files(tmp_path), _files(data_dir())
    assert sorted(built) == sorted(committed)
    differing = [name for name in built if built[name] != committed[name]]
    assert differing == [], f"rebuilt files differ from data/: {differing}; run `make data`"


def test_build_is_deterministic(tmp_path, raw_dir):
    a, b = tmp_path / "a", tmp_path / "b"
    names = ["population", "series_breaks"]
    build_all(raw_dir, a, names=names, progress=False)
    build_all(raw_dir, b, names=names, progress=False)
    assert _files(a) == _files(b)
