"""Build pipeline guarantees: untolerated rejects fail, writes are atomic, sidecars complete."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from warstats.datasets import build as build_mod
from warstats.datasets.io import atomic_write
from warstats.datasets.registry import get_spec
from warstats.errors import IntegrityError
from warstats.readers.common import ReaderOutput, Rejects


def _fake_builder(tolerated: bool):
    def builder(raw_dir: Path) -> ReaderOutput:
        rejects = Rejects()
        rejects.add(raw_dir / "x.csv", 7, "value", "-3", "some-rule", "set aside",
                    tolerated=tolerated)
        frame = pd.DataFrame({"break_id": ["b"], "dataset": ["population"],
                              "date": pd.to_datetime(["2022-01-01"]), "country_iso3": ["UKR"],
                              "measure": ["population"], "kind": ["annotation"],
                              "description": ["d"], "documented_at": ["u"],
                              "source_id": ["wb_wdi_population"], "published": pd.NaT,
                              "is_minimum": [False]})
        return ReaderOutput(frame, [], rejects)
    return builder


def test_untolerated_reject_fails_the_build(tmp_path, monkeypatch):
    spec = get_spec("series_breaks")
    monkeypatch.setattr(type(spec), "build_function", lambda self: _fake_builder(False))
    with pytest.raises(IntegrityError, match="no documented rule") as err:
        build_mod.build_one(spec, tmp_path, tmp_path / "out")
    assert "x.csv row 7 value=-3" in str(err.value)
    assert not (tmp_path / "out" / "series_breaks.csv").exists()


def test_tolerated_reject_is_reported(tmp_path, monkeypatch):
    spec = get_spec("series_breaks")
    monkeypatch.setattr(type(spec), "build_function", lambda self: _fake_builder(True))
    build_mod.build_one(spec, tmp_path, tmp_path / "out")
    report = pd.read_csv(tmp_path / "out" / "rejects" / "series_breaks.csv")
    assert report.loc[0, ["row", "column", "rule"]].tolist() == [7, "value", "some-rule"]
    meta = json.loads((tmp_path / "out" / "series_breaks.meta.json").read_text())
    assert meta["rejects"] == 1 and meta["rows"] == 1


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "t.csv"
    target.write_text("old\n")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        atomic_write(target, b"new contents\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]  # no temp file left behind


def test_sidecar_lists_inputs_with_checksums(raw_dir):
    from warstats._paths import data_dir
    from warstats.readers.common import sha256_file

    meta = json.loads((data_dir() / "population.meta.json").read_text())
    (item,) = meta["build_inputs"]
    assert sha256_file(raw_dir / item["file"]) == item["sha256"]
