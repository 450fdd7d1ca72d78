"""Hidden staging folders that warstats creates for a run, and safe removal of dead runs' ones.

``build-data`` builds into ``.<target>.build-<random>`` beside the target folder and
``warstats update`` into ``<releases>/.staging-<release id>``. A run killed with
``kill -9`` (or a power cut) leaves its staging folder behind; it is never read, but it
takes space. The next run removes such leftovers, and only those:

- **Made by warstats.** The folder's name matches the run kind's pattern *and* it holds
  the marker file ``.warstats-staging.json`` (the creating process's id, host, time and
  purpose), written when the folder was created.
- **Owned by no live process.** The creating run holds an exclusive ``flock`` on
  ``.warstats-staging.lock`` inside the folder for its whole duration. The kernel drops the
  lock when that process ends, however it ends, so a cleaner that *gets* the lock (without
  waiting) knows the run is over; a live run's folder is skipped. The lock is taken before
  the marker is written, so a marked folder is never seen unlocked while its run lives.
- **No link followed.** A name that is a symbolic link, a marker or lock that is a link,
  or a folder swapped between the check and the removal is left alone; removal uses
  :func:`shutil.rmtree`, which does not follow links inside the folder (``openat``).

A folder whose run is killed between ``mkdir`` and the marker (a few system calls) has no
marker and is left alone, on the safe side.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import socket
import stat
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

MARKER = ".warstats-staging.json"
LOCK = ".warstats-staging.lock"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


_LIVE: dict[Path, int] = {}  # staging folder of this process's runs → its locked fd


def create(parent: Path, name: str, purpose: str) -> Path:
    """Create ``parent/name`` (must not exist), lock it for this run and mark it as ours.

    The lock is held until :func:`finish` (or the end of the process).
    """
    parent = Path(parent)
    parent.mkdir(parents=True, exist_ok=True)
    path = parent / name
    path.mkdir()  # FileExistsError if taken: names are unique per run
    dir_fd = os.open(path, _DIR_FLAGS)
    try:
        lock = os.open(LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                       0o644, dir_fd=dir_fd)
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held until the run ends
        os.write(lock, f"{os.getpid()}\n".encode())
        info = {"created_by": "warstats", "purpose": purpose, "pid": os.getpid(),
                "host": socket.gethostname(),
                "created": datetime.now(UTC).isoformat(timespec="seconds")}
        fd = os.open(MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                     | os.O_CLOEXEC, 0o644, dir_fd=dir_fd)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(info, fh)
    finally:
        os.close(dir_fd)
    _LIVE[path.resolve()] = lock
    return path


def finish(path: Path, *, remove: bool = False, published: Path | None = None) -> None:
    """End this run's hold on its staging folder ``path``.

    ``remove=True`` deletes the folder first (a failed or dry run); ``published`` is the
    folder ``path`` was renamed to, whose marker and lock files are then removed.
    """
    path = Path(path)
    if remove:
        shutil.rmtree(path, ignore_errors=True)
    if published is not None:
        for name in (MARKER, LOCK):
            with suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(Path(published) / name)
    lock = _LIVE.pop(path.resolve(), None)
    if lock is not None:
        with suppress(OSError):
            os.close(lock)


def _is_marked_dir(path: Path) -> int | None:
    """An fd of ``path`` if it is a real folder (not a link) holding a regular marker."""
    try:
        dir_fd = os.open(path, _DIR_FLAGS)
    except OSError:
        return None  # a link (ELOOP/ENOTDIR), gone, or not a folder
    try:
        st = os.stat(MARKER, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISREG(st.st_mode):
            return dir_fd
    except OSError:
        pass
    os.close(dir_fd)
    return None


def _try_lock(dir_fd: int) -> int | None:
    """The lock file's fd, locked, if no live run holds it; else None."""
    try:
        lock = os.open(LOCK, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    except OSError:
        return None  # no lock file (or a link): not a folder we can judge
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # EWOULDBLOCK: a live run holds it
        os.close(lock)
        return None
    return lock


def remove_leftovers(parent: Path, pattern: str, keep: set[Path] | None = None) -> list[Path]:
    """Remove staging folders of dead runs in ``parent`` whose names match ``pattern``.

    ``keep`` lists folders that must stay (e.g. one a pending swap journal still needs).
    Returns the folders removed. Anything unmarked, locked by a live run, or a link is
    left alone (see the module docstring).
    """
    parent = Path(parent)
    regex = re.compile(pattern)
    keep = {Path(k).resolve() for k in keep or set()}
    removed: list[Path] = []
    try:
        entries = sorted(os.scandir(parent), key=lambda e: e.name)
    except OSError:
        return removed
    for entry in entries:
        if not regex.fullmatch(entry.name) or entry.is_symlink():
            continue
        path = parent / entry.name
        if path.resolve() in keep:
            continue
        dir_fd = _is_marked_dir(path)
        if dir_fd is None:
            continue
        try:
            lock = _try_lock(dir_fd)
            if lock is None:
                continue
            try:  # still the same real folder (not renamed or swapped since we opened it)?
                same = os.path.samestat(os.lstat(path), os.fstat(dir_fd))
                if same and not stat.S_ISLNK(os.lstat(path).st_mode):
                    shutil.rmtree(path)
                    removed.append(path)
            except OSError:
                pass  # gone meanwhile, or not removable: leave it
            finally:
                os.close(lock)
        finally:
            os.close(dir_fd)
    return removed
