"""The one safe writer behind every file warstats writes.

Guarantees (tested in ``tests/test_safe_write.py`` and the reliability classes):

- **Whole files only.** Data go to a uniquely named temp file *in the target's folder*,
  are flushed and ``fsync``-ed, then renamed over the target (``os.replace`` is atomic on
  one file system). A ``kill -9`` at any moment leaves the old complete file or the new
  complete one, plus at most a ``.<name>.<random>.tmp`` file, never a half-written target.
- **No symlink followed.** The folder the caller names (``root``) is the user's choice;
  every component *below* it and the target itself are opened with ``O_NOFOLLOW`` relative
  to their parent's descriptor (``openat``), so a symlink planted at the target or at a
  sub-folder is refused, not followed, and cannot be swapped in between check and use.
- **Never another's file.** An :class:`OutputFolder` keeps a manifest of the files it
  wrote (``.warstats-outputs.json``: relative path → sha256). It overwrites or removes a
  file only when the manifest says warstats wrote it *and* the file still has the bytes
  warstats wrote; anything else is foreign: writing over it is refused, removing it is
  skipped and the file is named in a warning.
- **Concurrent runs do not crash.** Temp names are unique; the manifest is updated under
  an exclusive ``flock`` on ``.warstats-outputs.lock``.
- **Streams too.** :func:`streaming` gives the same guarantees to a file written piece by
  piece (downloads into the fetch cache), and :func:`sha256_of` hashes a file already
  there without following a link, so a link planted in the cache is refused, not used.
- **Plain errors.** A path problem (a file where a folder is expected, a missing parent,
  a read-only folder, a symlink) raises :class:`warstats.errors.OutputPathError`, which the
  command line turns into exit status 2 and one sentence.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import secrets
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from warstats.errors import OutputPathError

MANIFEST = ".warstats-outputs.json"
LOCK = ".warstats-outputs.lock"
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class ForeignFileWarning(UserWarning):
    """A file warstats did not write was found where it writes, and left alone."""


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _parts(rel: str) -> tuple[str, ...]:
    parts = PurePosixPath(rel).parts
    if not parts or PurePosixPath(rel).is_absolute() or any(p in ("..", ".") for p in parts):
        raise OutputPathError(f"refusing to write {rel!r}: outside the output folder (only "
                              "plain names inside it are written)")
    return parts


def _explain(exc: OSError, path: Path, doing: str) -> OutputPathError:
    """One plain sentence for an OS error met while writing ``path``."""
    reason = {
        errno.ENOTDIR: "a file stands where a folder is expected",
        errno.ENOENT: "its folder does not exist",
        errno.EACCES: "the folder is not writable",
        errno.EPERM: "the folder is not writable",
        errno.EROFS: "the folder is on a read-only file system",
        errno.ELOOP: "a symbolic link stands in the way (warstats never follows links "
                     "it did not create)",
        errno.EISDIR: "a folder stands where the file should be written",
        errno.ENOSPC: "the disk is full",
        errno.EEXIST: "something already exists there",
    }.get(exc.errno, exc.strerror or str(exc))
    return OutputPathError(f"cannot {doing} {path}: {reason}. Choose another output folder "
                           "or fix the path, then run the command again.")


def _open_root(root: Path, create: bool) -> int:
    if create:
        try:
            root.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass  # reported by the open below
        except OSError as exc:
            raise _explain(exc, root, "create the folder") from None
    try:
        return os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise _explain(exc, root, "open the folder") from None


def _open_subdir(parent_fd: int, name: str, where: Path, create: bool) -> int:
    """Descend into ``name`` below ``parent_fd`` without following a link."""
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
    except FileNotFoundError:
        if not create:
            raise
        try:
            os.mkdir(name, 0o755, dir_fd=parent_fd)
        except FileExistsError:
            pass  # made by a concurrent run: fine
        except OSError as exc:
            raise _explain(exc, where, "create the folder") from None
        try:
            return os.open(name, _DIR_FLAGS, dir_fd=parent_fd)
        except OSError as exc:
            raise _explain(exc, where, "open the folder") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(where):
            raise OutputPathError(f"refusing to write into {where}: it is a symbolic link, "
                                  "and warstats never follows links it did not create. "
                                  "Remove the link or choose another output folder.") from None
        raise _explain(exc, where, "open the folder") from None


@contextmanager
def _folder_fd(root: Path, parts: tuple[str, ...], create: bool) -> Iterator[int]:
    fd = _open_root(root, create)
    try:
        where = root
        for name in parts:
            where = where / name
            child = _open_subdir(fd, name, where, create)
            os.close(fd)
            fd = child
        yield fd
    finally:
        os.close(fd)


def _lstat(name: str, dir_fd: int) -> os.stat_result | None:
    try:
        return os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _read_nofollow(name: str, dir_fd: int) -> bytes:
    fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
    with os.fdopen(fd, "rb") as fh:
        return fh.read()


def _replace_in(dir_fd: int, name: str, data: bytes, where: Path) -> None:
    """Temp file in the folder, fsync, rename over ``name``; fsync the folder."""
    tmp = f".{name}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o644, dir_fd=dir_fd)
    except OSError as exc:
        raise _explain(exc, where, "write") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp, dir_fd=dir_fd)
        if isinstance(exc, OSError):
            raise _explain(exc, where, "write") from None
        raise
    with suppress(OSError):  # some file systems cannot fsync a folder; the rename stands
        os.fsync(dir_fd)


def _target(path: str | Path, root: str | Path | None) -> tuple[Path, Path, tuple[str, ...]]:
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    try:
        rel = path.relative_to(root).as_posix()
    except ValueError:
        raise OutputPathError(f"refusing to write {path}: outside {root}") from None
    return path, root, _parts(rel)


def _refuse_link(fd: int, name: str, path: Path) -> os.stat_result | None:
    st = _lstat(name, fd)
    if st is not None and _is_link(st):
        raise OutputPathError(f"refusing to use {path}: a symbolic link stands there, "
                              "and warstats never follows links it did not create. "
                              "Remove the link or choose another folder.")
    return st


def write_file(path: str | Path, data: bytes, *, root: str | Path | None = None) -> Path:
    """Atomically write ``data`` to ``path`` (no manifest: for files warstats owns outright).

    ``root`` (default: ``path``'s folder) is the folder the user named; components below
    it and the target are never followed if they are symlinks. A symlink at the target
    is refused.
    """
    path, root, parts = _target(path, root)
    with _folder_fd(root, parts[:-1], create=True) as fd:
        _refuse_link(fd, parts[-1], path)
        _replace_in(fd, parts[-1], data, path)
    return path


@contextmanager
def streaming(path: str | Path, *, root: str | Path | None = None) -> Iterator[BinaryIO]:
    """Write ``path`` piece by piece (e.g. a download) with :func:`write_file`'s guarantees.

    Yields a binary file (a temp file in the target's folder); the target appears, by
    rename, only when the block ends without an exception, and nothing is left otherwise.
    """
    path, root, parts = _target(path, root)
    with _folder_fd(root, parts[:-1], create=True) as fd:
        _refuse_link(fd, parts[-1], path)
        tmp = f".{parts[-1]}.{secrets.token_hex(6)}.tmp"
        try:
            tmp_fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
                             | os.O_CLOEXEC, 0o644, dir_fd=fd)
        except OSError as exc:
            raise _explain(exc, path, "write") from None
        try:
            with os.fdopen(tmp_fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, parts[-1], src_dir_fd=fd, dst_dir_fd=fd)
        except BaseException:
            with suppress(OSError):
                os.unlink(tmp, dir_fd=fd)
            raise
        with suppress(OSError):
            os.fsync(fd)


def sha256_of(path: str | Path, *, root: str | Path | None = None) -> str | None:
    """sha256 of an existing file, reached without following any link below ``root``
    (None if there is no file; :class:`OutputPathError` if a link stands in the way)."""
    path, root, parts = _target(path, root)
    if not root.is_dir():
        return None
    try:
        with _folder_fd(root, parts[:-1], create=False) as fd:
            if _refuse_link(fd, parts[-1], path) is None:
                return None
            digest = hashlib.sha256()
            with os.fdopen(os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC,
                                   dir_fd=fd), "rb") as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
            return digest.hexdigest()
    except FileNotFoundError:
        return None


def _is_link(st: os.stat_result) -> bool:
    import stat

    return stat.S_ISLNK(st.st_mode)


class OutputFolder:
    """A folder of outputs that warstats writes and replaces, remembering what is its own.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = OutputFolder(tmp)
    ...     _ = out.write("tables/a.csv", b"x\\n")
    ...     sorted(out.owned())
    ['tables/a.csv']
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.written: set[str] = set()
        with _folder_fd(self.root, (), create=True):
            pass

    @contextmanager
    def _locked(self) -> Iterator[int]:
        with _folder_fd(self.root, (), create=True) as fd:
            try:
                lock = os.open(LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC,
                               0o644, dir_fd=fd)
            except OSError as exc:
                raise _explain(exc, self.root / LOCK, "write") from None
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
                yield fd
            finally:
                os.close(lock)

    def _manifest(self, fd: int) -> dict[str, str]:
        try:
            data = json.loads(_read_nofollow(MANIFEST, fd))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # unreadable manifest: every file counts as foreign (the safe side)
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _save(self, fd: int, manifest: dict[str, str]) -> None:
        body = json.dumps(dict(sorted(manifest.items())), indent=1).encode() + b"\n"
        _replace_in(fd, MANIFEST, body, self.root / MANIFEST)

    def owned(self) -> dict[str, str]:
        """The manifest: files this folder's outputs are, with the sha256 warstats wrote."""
        with _folder_fd(self.root, (), create=True) as fd:
            return self._manifest(fd)

    def _is_ours(self, rel: str, manifest: dict[str, str]) -> bool:
        """True when ``rel`` is absent or holds exactly the bytes warstats wrote there."""
        parts = _parts(rel)
        try:
            with _folder_fd(self.root, parts[:-1], create=False) as sub:
                st = _lstat(parts[-1], sub)
                if st is None:
                    return True
                if _is_link(st) or rel not in manifest:
                    return False
                return _sha(_read_nofollow(parts[-1], sub)) == manifest[rel]
        except FileNotFoundError:
            return True

    def write(self, rel: str, data: bytes) -> Path:
        """Write ``data`` at ``root/rel``, refusing to replace a file warstats did not write."""
        parts = _parts(rel)
        target = self.root.joinpath(*parts)
        with self._locked() as fd:
            manifest = self._manifest(fd)
            if not self._is_ours(rel, manifest):
                raise OutputPathError(
                    f"refusing to overwrite {target}: warstats did not write it (or it was "
                    "changed since). Move it away or choose another output folder.")
            with _folder_fd(self.root, parts[:-1], create=True) as sub:
                _replace_in(sub, parts[-1], data, target)
            manifest[rel] = _sha(data)
            self._save(fd, manifest)
        self.written.add(rel)
        return target

    def remove_stale(self) -> list[Path]:
        """Remove own files of an earlier run that this run did not write again.

        Returns the foreign files met (changed since warstats wrote them, or never written
        by it) in the sub-folders it used; each is left alone and named in a warning.
        """
        foreign: set[Path] = set()
        with self._locked() as fd:
            manifest = self._manifest(fd)
            for rel in sorted(set(manifest) - self.written):
                if self._is_ours(rel, manifest):
                    parts = _parts(rel)
                    try:
                        with _folder_fd(self.root, parts[:-1], create=False) as sub:
                            os.unlink(parts[-1], dir_fd=sub)
                    except FileNotFoundError:
                        pass
                else:
                    foreign.add(self.root / rel)
                del manifest[rel]
            self._save(fd, manifest)
        folders = {PurePosixPath(r).parent for r in self.written}
        for folder in sorted(folders, key=str):
            path = self.root / folder
            for child in sorted(path.iterdir()) if path.is_dir() else []:
                rel = (PurePosixPath(folder) / child.name).as_posix().removeprefix("./")
                hidden_temp = child.name.startswith(".") and child.name.endswith(".tmp")
                if child.name.startswith(".warstats-outputs") or rel in self.written \
                        or hidden_temp:
                    continue
                if child.is_file() or child.is_symlink():
                    foreign.add(child)
        for path in sorted(foreign):
            warnings.warn(f"{path} was not written by warstats (or was changed since): "
                          "left alone", ForeignFileWarning, stacklevel=2)
        return sorted(foreign)


def safe_child(directory: Path, name: str) -> Path:
    """``directory / name``, refusing names that would escape ``directory``.

    >>> safe_child(Path("/tmp/cache"), "a/b.csv").name
    'b.csv'
    """
    root = Path(directory).resolve()
    target = (root / name).resolve()
    if root != target.parent and root not in target.parents:
        from warstats.errors import WarstatsError

        raise WarstatsError(f"refusing to write {name!r} outside {root}")
    return target
