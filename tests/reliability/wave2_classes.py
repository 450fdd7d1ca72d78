"""Reliability classes of the second round: each case attacks one shared mechanism.

- ``exit_codes``: ``warstats validate`` answers a wrong path as a usage problem (2) and a
  bad file as a data problem (1), also when its output pipe closes;
- ``duplicate_keys``: repeated primary keys (one vectorised pass, every row reported,
  text bounded whatever the group size, one summary line in the message);
- ``stale_staging``: staging folders of dead runs removed, everything else left alone
  (:mod:`warstats.staging`);
- ``download_cache``: links planted in the fetch cache are never followed
  (:func:`warstats.safe_write.streaming`, :func:`warstats.safe_write.sha256_of`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from .classes import _GOOD, _HEADER, _ROW, Case, _run

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _cli(*args: str) -> tuple[int, str]:
    import io

    from warstats.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def exit_codes() -> Iterator[Case]:
    def expect(make, code: int, words: str):
        def fn(tmp: Path):
            got, err = _cli("validate", str(make(tmp)), "--dataset", "population")
            if got != code:
                return f"exit {got}, expected {code}: {err[:150]}"
            return None if words in err and "bug" not in err else f"said {err[:150]!r}"
        return fn

    def write(content: bytes):
        def make(tmp: Path) -> Path:
            (tmp / "f.csv").write_bytes(content)
            return tmp / "f.csv"
        return make

    yield _run("exit_codes", "missing file → 2", expect(lambda t: t / "nope.csv", 2,
                                                         "no such file"))
    yield _run("exit_codes", "folder → 2", expect(lambda t: t, 2, "is a folder"))
    yield _run("exit_codes", "empty file → 1", expect(write(b""), 1, "is empty"))
    yield _run("exit_codes", "binary file → 1", expect(write(b"\x00\x01\x02\xff" * 50), 1,
                                                       "not a text file"))

    def closed_pipe(tmp: Path):
        bad = tmp / "bad.csv"
        bad.write_text(_HEADER + "\n" + "\n".join(_ROW.format(y=1900 + i, v="-1")
                                                  for i in range(300)) + "\n")
        cmd = (f"{sys.executable} -m warstats validate {bad} --dataset population | head -c 0;"
               " exit ${PIPESTATUS[0]}")
        done = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True,
                              env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"})
        return None if done.returncode == 1 else f"exit {done.returncode}: {done.stderr[:150]}"

    yield _run("exit_codes", "data problem, output pipe closed → 1", closed_pipe)


def duplicate_keys() -> Iterator[Case]:
    import warstats as ws
    from warstats.errors import ValidationError

    def failures(tmp: Path, years: list[int]):
        path = tmp / "f.csv"
        path.write_text(_HEADER + "\n" + "\n".join(_ROW.format(y=y, v=i)
                                                   for i, y in enumerate(years)) + "\n")
        try:
            ws.validate(path, "population")
        except ValidationError as exc:
            return exc.failures, str(exc)
        return None, ""

    def pairs(tmp: Path):
        table, _ = failures(tmp, [2020, 2021, 2020, 2021])  # lines 2..5
        got = dict(zip(table["row"].astype(int), table["value"], strict=True))
        want = {2: "also on row(s) 4", 3: "also on row(s) 5", 4: "also on row(s) 2",
                5: "also on row(s) 3"}
        bad = [r for r, w in want.items() if not got.get(r, "").endswith(w)]
        return f"rows {bad}: {got}" if bad or len(got) != 4 else None

    def one_key_everywhere(tmp: Path):
        table, _ = failures(tmp, [2020] * 2000)
        if len(table) != 2000:
            return f"{len(table)} problems, expected 2000"
        longest = table["value"].str.len().max()
        return None if longest < 80 else f"a problem's text is {longest} characters long"

    def summary(tmp: Path):
        table, message = failures(tmp, [y for y in range(1950, 2000) for _ in range(2)])
        if len(table) != 100 or message.count("duplicate key") != 1:
            return f"{len(table)} problems; message: {message[:200]}"
        return None if "(50 rows) repeat keys already seen on rows 2, 4" in message \
            else message[:200]

    yield _run("duplicate_keys", "pairs: every row, the other row named", pairs)
    yield _run("duplicate_keys", "one key on 2,000 rows: text bounded", one_key_everywhere)
    yield _run("duplicate_keys", "many duplicates: one summary line, all records", summary)


@contextlib.contextmanager
def _data_home(tmp: Path):
    old = os.environ.get("WARSTATS_DATA_HOME")
    os.environ["WARSTATS_DATA_HOME"] = str(tmp / "home")
    try:
        yield tmp / "home" / "releases"
    finally:
        if old is None:
            os.environ.pop("WARSTATS_DATA_HOME", None)
        else:
            os.environ["WARSTATS_DATA_HOME"] = old


def stale_staging() -> Iterator[Case]:
    from warstats import staging
    from warstats.datasets import swap
    from warstats.releases.store import STAGING_PATTERN, begin_release, discard_release

    def dead(parent: Path, name: str) -> Path:
        folder = staging.create(parent, name, "test")
        staging.finish(folder)
        return folder

    def killed_update(tmp: Path):
        with _data_home(tmp) as root:
            flag = tmp / "flag"
            code = ("import sys, time\nfrom pathlib import Path\n"
                    "from warstats.releases.store import begin_release\n"
                    "Path(sys.argv[1]).write_text(str(begin_release()[1]))\ntime.sleep(600)\n")
            proc = subprocess.Popen([sys.executable, "-c", code, str(flag)],
                                    env={**os.environ, "PYTHONPATH": SRC})
            try:
                for _ in range(1200):
                    if flag.exists() or proc.poll() is not None:
                        break
                    time.sleep(0.05)
                theirs = Path(flag.read_text())
                _, mine = begin_release()
                alive_kept = theirs.is_dir()
                discard_release(mine)
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            _, mine = begin_release()
            owners = {json.loads((f / staging.MARKER).read_text())["pid"]
                      for f in root.glob(".staging-*")}
            discard_release(mine)
            if not alive_kept:
                return "a live update's staging was removed"
            return None if owners == {os.getpid()} else f"leftover of pids {owners}"

    def dead_build(tmp: Path):
        out = tmp / "data"
        left = dead(tmp, ".data.build-0123abcd")
        return None if swap.remove_leftovers(out) == [left] else "leftover kept"

    def kept(make):
        def fn(tmp: Path):
            folder = make(tmp)
            removed = staging.remove_leftovers(tmp, STAGING_PATTERN)
            exists = folder.exists() or folder.is_symlink()
            return None if not removed and exists else f"removed {removed}"
        return fn

    def unmarked(tmp: Path) -> Path:
        (tmp / ".staging-20260101T000000Z").mkdir()
        return tmp / ".staging-20260101T000000Z"

    def linked(tmp: Path) -> Path:
        target = dead(tmp / "elsewhere", ".staging-20260101T000000Z")
        os.symlink(target, tmp / ".staging-20260101T000001Z")
        return target

    def marker_link(tmp: Path) -> Path:
        folder = tmp / ".staging-20260101T000000Z"
        folder.mkdir()
        (tmp / "x").write_text("x")
        os.symlink(tmp / "x", folder / staging.MARKER)
        (folder / staging.LOCK).write_text("")
        return folder

    def live(tmp: Path) -> Path:
        return staging.create(tmp, ".staging-20260101T000000Z", "live in this process")

    def pending(tmp: Path):
        out = tmp / "data"
        out.mkdir()
        folder = dead(tmp, ".data.build-0123abcd")
        (out / swap.JOURNAL).write_text(json.dumps({"staging": str(folder.resolve()),
                                                    "moves": [], "removes": []}))
        return None if not swap.remove_leftovers(out) and folder.is_dir() else "removed"

    yield _run("stale_staging", "update killed with SIGKILL: removed; live: kept",
               killed_update)
    yield _run("stale_staging", "dead build staging: removed", dead_build)
    yield _run("stale_staging", "no marker: kept", kept(unmarked))
    yield _run("stale_staging", "reached through a link: kept", kept(linked))
    yield _run("stale_staging", "marker is a link: kept", kept(marker_link))
    yield _run("stale_staging", "live run (lock held): kept", kept(live))
    yield _run("stale_staging", "a pending swap needs it: kept", pending)


def download_cache() -> Iterator[Case]:
    from warstats.errors import OutputPathError
    from warstats.readers.fetch import fetch_file

    body = (_GOOD * 3).encode()

    def attack(plant, sha: bool):
        def fn(tmp: Path):
            source = tmp / "publisher.csv"
            source.write_bytes(b"new release\n")
            outside, cache = tmp / "outside", tmp / "cache"
            outside.mkdir()
            (outside / "victim.csv").write_bytes(body)
            target = plant(cache, outside)
            digest = hashlib.sha256(body).hexdigest() if sha else None
            try:
                fetch_file(source.as_uri(), target, digest, root=cache)
            except OutputPathError:
                pass
            else:
                return "fetched through the link"
            files = sorted(p.name for p in outside.iterdir())
            same = (outside / "victim.csv").read_bytes() == body
            return None if same and files == ["victim.csv"] else f"outside now {files}"
        return fn

    def at_file(cache: Path, outside: Path) -> Path:
        cache.mkdir()
        os.symlink(outside / "victim.csv", cache / "f.csv")
        return cache / "f.csv"

    def at_folder(cache: Path, outside: Path) -> Path:
        cache.mkdir()
        os.symlink(outside, cache / "aid")
        return cache / "aid" / "victim.csv"

    yield _run("download_cache", "link at the cached file", attack(at_file, False))
    yield _run("download_cache", "link at the cached file, right checksum",
               attack(at_file, True))
    yield _run("download_cache", "link as a cache sub-folder", attack(at_folder, False))
    yield _run("download_cache", "link as a cache sub-folder, right checksum",
               attack(at_folder, True))
