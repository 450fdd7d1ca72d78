"""All-or-nothing replacement of a folder's tables by a completely built staging folder.

Design (why a journal): a table and its sidecar are two files, and no file system renames
two files at once. So ``build-data`` first builds *every* dataset into a staging folder
beside the target (``.<target>.build-<random>``; a failure removes it and leaves the
target untouched), then writes one journal, ``<target>/.build-swap.json``, listing every
move (atomically: this is the commit point), performs the moves with ``os.replace`` and
finally removes the journal. A ``kill -9``

- before the journal exists leaves the previous tables as they were, plus a staging
  folder that is never read and that the next build into the same target removes (it is
  marked as warstats' own and no live process holds its lock: :mod:`warstats.staging`);
- after it, is rolled forward by :func:`finish_pending` — run by the next ``build-data``,
  by ``warstats verify`` and by ``load`` when a checksum does not match — because every
  staged file was complete and fsync-ed before the journal was written.

In the short window of the moves a reader may meet a new table beside an old sidecar; its
sha256 check then fails, the reader finishes the journal and reads again, so a table and
its sidecar are never *used* out of step.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import suppress
from pathlib import Path

from warstats import staging as _staging
from warstats.safe_write import write_file

JOURNAL = ".build-swap.json"


def _pattern(target: Path) -> str:
    return re.escape(f".{Path(target).name}.build-") + r"[0-9a-f]{8}"


def staging_dir(target: Path) -> Path:
    """A fresh staging folder beside ``target`` (same file system: renames work), locked
    and marked for this run (:mod:`warstats.staging`); call after :func:`finish_pending`,
    as it removes leftovers of killed builds into ``target`` first."""
    import secrets

    target = Path(target)
    remove_leftovers(target)
    return _staging.create(target.parent, f".{target.name}.build-{secrets.token_hex(4)}",
                          f"build-data into {target}")


def remove_leftovers(target: Path) -> list[Path]:
    """Remove staging folders of dead builds into ``target`` (never one a pending swap
    journal still needs, nor a live build's)."""
    target = Path(target)
    keep = set()
    with suppress(FileNotFoundError, ValueError, KeyError, OSError):
        keep.add(Path(json.loads((target / JOURNAL).read_text(encoding="utf-8"))["staging"]))
    return _staging.remove_leftovers(target.parent, _pattern(target), keep)


def discard(folder: Path) -> None:
    """Remove this run's staging folder (a failed build) and release its lock."""
    _staging.finish(folder, remove=True)


def _fsync_tree(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())


def commit(target: Path, staging: Path, moves: list[tuple[str, str]],
           removes: list[str]) -> None:
    """Move ``staging/<src>`` to ``<dest>`` for each ``(src, dest)`` (dest absolute or
    relative to ``target``) and delete ``removes``: all, even across a crash."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    _fsync_tree(staging)
    journal = {"staging": str(Path(staging).resolve()),
               "moves": [[src, str((target / dest).resolve()) if not Path(dest).is_absolute()
                          else dest] for src, dest in moves],
               "removes": [str((target / r).resolve()) for r in removes]}
    write_file(target / JOURNAL, (json.dumps(journal, indent=1) + "\n").encode("utf-8"))
    finish_pending(target)


def finish_pending(target: Path) -> bool:
    """Complete an interrupted swap into ``target``; True if there was one to finish."""
    path = Path(target) / JOURNAL
    try:
        journal = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return False
    folder = Path(journal["staging"])
    for src, dest in journal["moves"]:
        source = folder / src
        if source.exists():
            Path(dest).parent.mkdir(parents=True, exist_ok=True)
            with suppress(FileNotFoundError):  # a concurrent reader finished this move
                os.replace(source, dest)
    for rm in journal["removes"]:
        Path(rm).unlink(missing_ok=True)
    path.unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    _staging.finish(folder)  # release the lock if this process's own build made it
    return True
