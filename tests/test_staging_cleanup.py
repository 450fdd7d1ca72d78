"""Staging folders of killed runs are removed by the next run; nothing else ever is.

Real processes: a child ``build-data`` (or ``update``'s staging step) is blocked inside its
run, then either left alive while another run goes ahead (its staging must stay) or killed
with SIGKILL (the next run must remove the leftover).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warstats import staging
from warstats.datasets import build as build_mod
from warstats.datasets import swap
from warstats.releases.store import STAGING_PATTERN, begin_release, discard_release

SRC = str(Path(__file__).resolve().parents[1] / "src")

_BLOCKED_BUILD = """
import sys, time
from pathlib import Path
from warstats.datasets import build as build_mod
from warstats.datasets.registry import get_spec

spec_type = type(get_spec("series_breaks"))
def blocked(self):
    def builder(raw):
        Path(sys.argv[3]).write_text("inside the build")
        time.sleep(600)
    return builder
spec_type.build_function = blocked
build_mod.build_all(Path(sys.argv[1]), Path(sys.argv[2]), names=["series_breaks"],
                    progress=False)
"""

_BLOCKED_UPDATE = """
import sys, time
from pathlib import Path
from warstats.releases.store import begin_release

release_id, folder = begin_release()
Path(sys.argv[1]).write_text(str(folder))
time.sleep(600)
"""


def _child(code: str, *args, flag: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code, *map(str, args)],
                            env={**os.environ, "PYTHONPATH": SRC})
    for _ in range(1200):
        if flag.exists() or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the child run died on its own"
    return proc


def _kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _build_stagings(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.build-*"))


def test_build_live_run_kept_then_killed_run_removed(tmp_path, raw_dir):
    out, flag = tmp_path / "data", tmp_path / "flag"
    proc = _child(_BLOCKED_BUILD, raw_dir, out, flag, flag=flag)
    try:
        (leftover,) = _build_stagings(out)
        marker = json.loads((leftover / staging.MARKER).read_text())
        assert marker["pid"] == proc.pid and marker["created_by"] == "warstats"
        build_mod.build_all(raw_dir, out, names=["series_breaks"], progress=False)
        assert (out / "series_breaks.csv").is_file()
        assert _build_stagings(out) == [leftover]  # the live run's folder stays
    finally:
        _kill(proc)
    assert _build_stagings(out) == [leftover]  # a kill -9 leaves it behind …
    build_mod.build_all(raw_dir, out, names=["series_breaks"], progress=False)
    assert _build_stagings(out) == []  # … and the next run removes it (and its own)


def test_update_live_run_kept_then_killed_run_removed(tmp_path):
    flag = tmp_path / "flag"
    proc = _child(_BLOCKED_UPDATE, flag, flag=flag)
    try:
        theirs = Path(flag.read_text())
        assert theirs.name.startswith(".staging-") and (theirs / staging.MARKER).is_file()
        _, mine = begin_release()  # what `warstats update` does first
        assert theirs.is_dir()  # a live update's staging is not removed
        discard_release(mine)
        assert not mine.exists()
    finally:
        _kill(proc)
    assert theirs.is_dir()
    _, mine = begin_release()
    # the dead run's leftover is gone (its unpublished id may be given to the new run)
    owners = [json.loads((f / staging.MARKER).read_text())["pid"]
              for f in theirs.parent.glob(".staging-*")]
    assert owners == [os.getpid()] and mine.is_dir()
    discard_release(mine)


def _dead(parent: Path, name: str) -> Path:
    """A staging folder made by warstats whose run has ended without removing it."""
    folder = staging.create(parent, name, "test")
    staging.finish(folder)  # lock released, folder and marker left: as after kill -9
    return folder


def test_only_marked_unlocked_real_folders_matching_the_pattern_go(tmp_path):
    root = tmp_path / "releases"
    dead = _dead(root, ".staging-20260101T000000Z")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.csv").write_text("keep me")
    os.symlink(outside / "precious.csv", dead / "link-to-precious.csv")  # inside the leftover
    unmarked = root / ".staging-20260101T000001Z"
    unmarked.mkdir()
    (unmarked / "x").write_text("no marker: not known to be ours")
    elsewhere = _dead(tmp_path, ".staging-20260101T000002Z")  # marked, but reached by a link
    os.symlink(elsewhere, root / ".staging-20260101T000003Z")
    fake = root / ".staging-20260101T000004Z"
    fake.mkdir()
    os.symlink(outside / "precious.csv", fake / staging.MARKER)  # marker is a link
    (fake / staging.LOCK).write_text("")
    other = _dead(root, ".staging-not-a-release-id")
    live = staging.create(root, ".staging-20260101T000005Z", "a live run (this process)")
    try:
        removed = staging.remove_leftovers(root, STAGING_PATTERN)
        assert removed == [dead]
        assert not dead.exists()
        assert (outside / "precious.csv").read_text() == "keep me"  # link not followed
        for kept in (unmarked, elsewhere, root / ".staging-20260101T000003Z", fake, other,
                     live):
            assert kept.exists() or kept.is_symlink(), kept
        assert (elsewhere / staging.MARKER).is_file()
    finally:
        staging.finish(live, remove=True)
    assert not live.exists()


def test_a_staging_folder_a_pending_swap_needs_is_kept(tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    pending = _dead(tmp_path, ".data.build-0123abcd")
    (pending / "t.csv").write_text("staged table\n")
    (out / swap.JOURNAL).write_text(json.dumps({"staging": str(pending.resolve()),
                                                "moves": [["t.csv", str(out / "t.csv")]],
                                                "removes": []}))
    gone = _dead(tmp_path, ".data.build-89abcdef")
    assert swap.remove_leftovers(out) == [gone]
    assert pending.is_dir()
    assert swap.finish_pending(out)  # the journal still finds its staged table
    assert (out / "t.csv").read_text() == "staged table\n" and not pending.exists()


@pytest.mark.parametrize("name", [".data.build-0123abcd", ".staging-20260101T000000Z"])
def test_marker_records_who_made_the_folder(tmp_path, name):
    folder = staging.create(tmp_path, name, "purpose words")
    try:
        info = json.loads((folder / staging.MARKER).read_text())
        assert info["pid"] == os.getpid() and info["purpose"] == "purpose words"
        assert staging.remove_leftovers(tmp_path, r"\..*") == []  # ours, and alive
    finally:
        staging.finish(folder, remove=True)
