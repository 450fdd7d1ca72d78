"""build-data is all or nothing; a kill at any point leaves tables that verify; the anchor."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from warstats.datasets import anchor, swap
from warstats.datasets import build as build_mod
from warstats.datasets.load import read_verified
from warstats.datasets.registry import get_spec
from warstats.errors import IntegrityError, SourceFormatError
from warstats.readers.common import ReaderOutput, Rejects
from warstats.verify import verify

SRC = str(Path(__file__).resolve().parents[1] / "src")
NAMES = ["series_breaks", "population"]


def _breaks_builder(description: str):
    def builder(raw_dir: Path) -> ReaderOutput:
        frame = pd.DataFrame({"break_id": ["b"], "dataset": ["population"],
                              "date": pd.to_datetime(["2022-01-01"]), "country_iso3": ["UKR"],
                              "measure": ["population"], "kind": ["annotation"],
                              "description": [description], "documented_at": ["u"],
                              "source_id": ["wb_wdi_population"], "published": pd.NaT,
                              "is_minimum": [False]})
        return ReaderOutput(frame, [], Rejects())
    return builder


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _problems(out: Path, raw_dir: Path) -> pd.DataFrame:
    table = verify(data=out, raw_dir=raw_dir)
    return table[table["dataset"].isin(NAMES)]


def test_failed_build_leaves_previous_tables_untouched(tmp_path, raw_dir, monkeypatch):
    out = tmp_path / "data"
    build_mod.build_all(raw_dir, out, names=NAMES, progress=False)
    before = _snapshot(out)

    def broken(raw):
        raise SourceFormatError(raw / "x.csv", "columns swapped")

    monkeypatch.setattr(type(get_spec("population")), "build_function",
                        lambda self: broken if self.name == "population"
                        else _breaks_builder("changed"))
    with pytest.raises(SourceFormatError):
        build_mod.build_all(raw_dir, out, names=NAMES, progress=False)
    assert _snapshot(out) == before  # series_breaks built fine but was not swapped in alone
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # staging folder removed


@pytest.mark.parametrize("crash_after", [0, 1, 2, 3])  # 4 moves: 2 tables, 2 sidecars
def test_crash_at_every_point_of_the_swap_is_rolled_forward(tmp_path, raw_dir, monkeypatch,
                                                            crash_after):
    """os.replace dies after ``crash_after`` moves (as a kill -9 would stop it)."""
    out = tmp_path / "data"
    build_mod.build_all(raw_dir, out, names=NAMES, progress=False)
    spec_type = type(get_spec("series_breaks"))
    real = spec_type.build_function
    monkeypatch.setattr(spec_type, "build_function",
                        lambda self: _breaks_builder("second build")
                        if self.name == "series_breaks" else real(self))
    real_replace, calls = os.replace, []

    def dying_replace(src, dst, *args, **kwargs):
        if str(dst).endswith(swap.JOURNAL) or ".tmp" in str(src):
            return real_replace(src, dst, *args, **kwargs)
        if len(calls) >= crash_after:
            raise KeyboardInterrupt("killed")
        calls.append(dst)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(swap.os, "replace", dying_replace)
    with pytest.raises(KeyboardInterrupt):
        build_mod.build_all(raw_dir, out, names=NAMES, progress=False)
    monkeypatch.setattr(swap.os, "replace", real_replace)
    assert (out / swap.JOURNAL).exists()
    # a reader meeting the half-done swap reads a consistent pair (finishing the swap if
    # its table and sidecar are out of step); verify rolls the swap forward
    for name in NAMES:
        read_verified(name, out)
    assert _problems(out, raw_dir).empty
    assert not (out / swap.JOURNAL).exists()
    assert b"second build" in read_verified("series_breaks", out)[0]
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


_KILLED_BUILD = """
import sys
from pathlib import Path
import pandas as pd
from warstats.datasets import build as build_mod
from warstats.datasets.registry import get_spec
from warstats.readers.common import ReaderOutput, Rejects
spec_type = type(get_spec("series_breaks"))
real = spec_type.build_function
state = {"i": 0}
def patched(self):
    if self.name != "series_breaks":
        return real(self)
    def builder(raw):
        state["i"] += 1
        frame = pd.DataFrame({"break_id": ["b"], "dataset": ["population"],
            "date": pd.to_datetime(["2022-01-01"]), "country_iso3": ["UKR"],
            "measure": ["population"], "kind": ["annotation"],
            "description": ["build %d" % state["i"]], "documented_at": ["u"],
            "source_id": ["wb_wdi_population"], "published": pd.NaT, "is_minimum": [False]})
        return ReaderOutput(frame, [], Rejects())
    return builder
spec_type.build_function = patched
out = Path(sys.argv[2])
n = 0
while True:
    build_mod.build_all(Path(sys.argv[1]), out, names=["series_breaks", "population"],
                        progress=False)
    n += 1
    if n == 1:
        Path(sys.argv[3]).write_text("built once")
"""


@pytest.mark.parametrize("delay", [0.0, 0.07, 0.19, 0.43])
def test_verify_passes_after_kill_9_of_a_build(tmp_path, raw_dir, delay):
    out, flag = tmp_path / "data", tmp_path / "flag"
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_BUILD, str(raw_dir), str(out),
                             str(flag)], env={**os.environ, "PYTHONPATH": SRC})
    try:
        for _ in range(1200):
            if flag.exists() or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the build died on its own"
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _problems(out, raw_dir).empty
    for name in NAMES:
        read_verified(name, out)


def test_anchor_catches_a_table_edited_with_its_sidecar(tmp_path, monkeypatch):
    """Copy the shipped tables, point the anchor check at the copy, edit CSV + sidecar."""
    from warstats._paths import data_dir
    from warstats.datasets.io import sha256_bytes

    shipped = tmp_path / "data"
    shipped.mkdir()
    for suffix in (".csv", ".meta.json"):
        src = data_dir() / f"population{suffix}"
        (shipped / src.name).write_bytes(src.read_bytes())
    monkeypatch.setattr(anchor, "is_shipped", lambda d: Path(d) == shipped)
    read_verified("population", shipped)  # untouched: passes
    csv = shipped / "population.csv"
    edited = csv.read_bytes().replace(b"44298640", b"54298640", 1)
    assert edited != csv.read_bytes()
    csv.write_bytes(edited)
    meta = json.loads((shipped / "population.meta.json").read_text())
    meta["sha256"] = sha256_bytes(edited)
    (shipped / "population.meta.json").write_text(json.dumps(meta))
    with pytest.raises(IntegrityError, match="edited together with its sidecar"):
        read_verified("population", shipped)
    problems = verify(data=shipped)
    flagged = problems[(problems["kind"] == "anchor") & (problems["dataset"] == "population")]
    assert len(flagged) == 2  # the table and its sidecar


def test_anchor_records_every_shipped_table():
    from warstats._paths import packaged_data_dir
    from warstats.datasets.io import sha256_bytes
    from warstats.datasets.registry import registry

    files = anchor.anchored()
    for spec in registry().values():
        for name in (spec.file_name, f"{spec.name}.meta.json"):
            assert files[name] == sha256_bytes((packaged_data_dir() / name).read_bytes()), name


def test_releases_are_not_checked_against_the_shipped_anchor(tmp_path):
    assert not anchor.is_shipped(tmp_path)
    assert anchor.check(tmp_path, "population.csv", "0" * 64) is None


def test_load_from_a_release_uses_its_own_checksums(tmp_path, monkeypatch):
    """A release under the data home (edited consistently, as an update would) loads: the
    shipped anchor applies only to the shipped tables."""
    from warstats._paths import data_dir
    from warstats.datasets.io import sha256_bytes
    from warstats.datasets.load import load
    from warstats.releases.store import MANIFEST

    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("WARSTATS_DATA_DIR", raising=False)
    folder = tmp_path / "releases" / "20260101T000000Z"
    folder.mkdir(parents=True)
    data = (data_dir() / "population.csv").read_bytes().replace(b"44298640", b"44298641", 1)
    (folder / "population.csv").write_bytes(data)
    meta = json.loads((data_dir() / "population.meta.json").read_text())
    meta["sha256"] = sha256_bytes(data)
    (folder / "population.meta.json").write_text(json.dumps(meta))
    (folder / MANIFEST).write_text("{}")
    frame = load("population", release="20260101T000000Z")
    assert frame.attrs["release"] == "20260101T000000Z"
    assert 44298641 in frame["value"].astype("int64").tolist()
