"""Download the publishers' raw files: streamed, size-limited, checksummed, all or nothing.

Downloads use the standard library (``urllib``) rather than pooch: the size limit must be
enforced *while* streaming (pooch only lets one check the size after the whole file is on
disk) and each failure needs its own actionable message. Every download streams, through
the one safe writer (:func:`warstats.safe_write.streaming`), into a temporary file in the
destination folder and is renamed into place only once complete, within the limit and
matching its checksum, so a failed or interrupted download never leaves a file that a
later build would read; no symbolic link in the cache folder or at the target is followed
(a planted link is refused with :class:`warstats.OutputPathError`). Nothing downloaded is
ever executed or unpickled.

Accepted URL schemes: ``https``, ``http`` (mirrors inside an organisation) and ``file``
(a local folder); anything else (``ftp``, ``data``, …) is refused.

The cache folder is ``WARSTATS_CACHE_DIR`` if set, else the platform's user cache
(``platformdirs``), subfolder ``raw``; it mirrors ``shared/sources`` so that
``warstats build-data --raw <cache>`` works.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from warstats.errors import IntegrityError, WarstatsError

MAX_BYTES = 50 * 1024 * 1024
CHUNK = 1 << 16
SCHEMES = ("https", "http", "file")
TIMEOUT = 60


class DownloadError(WarstatsError):
    """A download failed: network, HTTP status, refused scheme or size limit."""


class SizeLimitError(DownloadError, IntegrityError):
    """A download (or zip member) is larger than the limit; nothing was kept."""


@dataclass(frozen=True)
class Download:
    """One completed download: where it went, what it was, when the server says it changed."""

    url: str
    path: Path
    size: int
    sha256: str
    last_modified: str | None


def cache_dir() -> Path:
    env = os.environ.get("WARSTATS_CACHE_DIR")
    if env:
        return Path(env) / "raw"
    import platformdirs

    return Path(platformdirs.user_cache_dir("warstats")) / "raw"


def expected_hashes() -> dict[str, str]:
    """Raw file (relative path) → sha256, from every sidecar's ``build_inputs``."""
    import json

    from warstats._paths import data_dir

    hashes: dict[str, str] = {}
    for meta_path in sorted(data_dir().glob("*.meta.json")):
        for item in json.loads(meta_path.read_text(encoding="utf-8")).get("build_inputs", []):
            if not item["file"].startswith("seeds/"):
                hashes[item["file"]] = item["sha256"]
    return hashes


def file_urls(source) -> dict[str, str]:
    """Relative raw path → pinned download URL for one source record.

    A single-file source uses ``download_url``; a multi-file source lists
    ``download_urls`` in the same order as ``files``, or gives a ``download_url``
    ending in ``/`` to which each file's name is appended.
    """
    urls = source.extra.get("download_urls")
    if urls:
        if len(urls) != len(source.files):
            raise WarstatsError(f"source {source.source_id}: download_urls and files differ "
                                "in length")
        return dict(zip(source.files, urls, strict=True))
    if not source.download_url or not source.files:
        return {}
    if len(source.files) == 1:
        return {source.files[0]: source.download_url}
    if source.download_url.endswith("/"):
        return {f: source.download_url + Path(f).name for f in source.files}
    return {}


def _open(url: str, headers: Mapping[str, str] | None, timeout: float):
    import urllib.error
    import urllib.parse
    import urllib.request

    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in SCHEMES:
        raise DownloadError(f"{url}: refusing the URL scheme {scheme or '(none)'!r}; warstats "
                            f"downloads only over {', '.join(SCHEMES)}. Fix the URL in the "
                            "source catalog or pass --mirror http(s)://… / --from DIR.")
    request = urllib.request.Request(url, headers={"User-Agent": "warstats", **(headers or {})})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        hint = {401: "the server wants credentials (a key)", 403: "access is forbidden",
                404: "the file is not there (moved or renamed?)",
                429: "too many requests: wait and retry"}.get(exc.code, "server-side error")
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}: {hint}. Check the URL in "
                            "the source catalog, or download the file by hand and use "
                            "`warstats update --from DIR`.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"{url}: network error ({reason}). Check the connection or proxy, "
                            "or use `--mirror URL` / `--from DIR`.") from None


def download(url: str, dest: Path, *, sha256: str | None = None, max_bytes: int = MAX_BYTES,
             headers: Mapping[str, str] | None = None, timeout: float = TIMEOUT,
             root: Path | None = None) -> Download:
    """Stream ``url`` into ``dest``: all or nothing, through the safe writer.

    Stops as soon as more than ``max_bytes`` arrive (or the server announces more), and
    keeps nothing when the stream breaks, the size limit is passed or ``sha256`` does not
    match. ``dest`` appears (by rename) only when every check has passed. No symbolic
    link below ``root`` (default: ``dest``'s folder) or at ``dest`` is followed
    (:func:`warstats.safe_write.streaming`).
    """
    from warstats.safe_write import streaming

    dest = Path(dest)
    digest, size = hashlib.sha256(), 0
    with streaming(dest, root=root) as out, _open(url, headers, timeout) as response:
        announced = response.headers.get("Content-Length")
        if announced and announced.isdigit() and int(announced) > max_bytes:
            raise SizeLimitError(f"{url}: the server announces {int(announced):,} bytes, "
                                 f"over the {max_bytes:,}-byte limit; nothing was kept.")
        last_modified = response.headers.get("Last-Modified")
        while chunk := _read(response, url):
            size += len(chunk)
            if size > max_bytes:
                raise SizeLimitError(f"{url}: more than {max_bytes:,} bytes; download "
                                     "stopped at the limit and nothing was kept.")
            digest.update(chunk)
            out.write(chunk)
        if announced and announced.isdigit() and size != int(announced):
            raise DownloadError(f"{url}: the connection closed after {size:,} of "
                                f"{int(announced):,} bytes; nothing was kept. Retry.")
        got = digest.hexdigest()
        if sha256 and got != sha256:
            raise IntegrityError(
                f"{url}: downloaded file does not match its checksum (sha256 {got[:12]}…, "
                f"expected {sha256[:12]}…); nothing was kept. The publisher may have released "
                "a new version: use `warstats update` to build a new release from it.")
    return Download(url, dest, size, got, last_modified)


def _read(response, url: str) -> bytes:
    try:
        return response.read(CHUNK)
    except (OSError, ValueError) as exc:  # IncompleteRead, reset, timeout
        raise DownloadError(f"{url}: the download broke off ({type(exc).__name__}: {exc}); "
                            "nothing was kept. Retry, or use --mirror / --from.") from None


def extract_member(archive: Path, member: str, dest: Path, *,
                   max_bytes: int = MAX_BYTES) -> Path:
    """Copy the single ``member`` of a zip ``archive`` to ``dest`` (all or nothing)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            names = zf.namelist()
            if member not in names:
                raise DownloadError(f"{archive.name}: the zip has no member {member!r} (it "
                                    f"holds {', '.join(names[:5])}); the publisher changed "
                                    "the archive: update the source record's zip_member.")
            if zf.getinfo(member).file_size > max_bytes:
                raise SizeLimitError(f"{archive.name}: member {member!r} is over the "
                                    f"{max_bytes:,}-byte limit")
            data = zf.read(member)
    except zipfile.BadZipFile:
        raise DownloadError(f"{archive.name}: not a zip archive; the publisher changed the "
                            "format of the download.") from None
    from warstats.safe_write import write_file

    write_file(dest, data)
    return dest


def fetch_file(url: str, dest: Path, sha256: str | None, *, max_bytes: int = MAX_BYTES,
               zip_member: str | None = None, root: Path | None = None) -> Path:
    """Download ``url`` to ``dest`` (kept if already there with the right hash).

    With ``zip_member`` the URL is a zip archive and ``dest`` receives that member.
    ``root`` is the cache folder (default: ``dest``'s folder): below it no symbolic link
    is followed, neither to check the file already there nor to write the new one.
    """
    from warstats.safe_write import sha256_of, write_file

    dest = Path(dest)
    if sha256 and sha256_of(dest, root=root) == sha256:
        return dest
    if zip_member:  # the archive goes to a private temp folder, never into the cache
        with tempfile.TemporaryDirectory() as tmpdir:
            got = download(url, Path(tmpdir) / "archive.zip", max_bytes=max_bytes)
            member = extract_member(got.path, zip_member, Path(tmpdir) / "member",
                                    max_bytes=max_bytes).read_bytes()
        if sha256 and hashlib.sha256(member).hexdigest() != sha256:
            raise IntegrityError(f"{url}: member {zip_member} does not match its checksum; "
                                 "nothing was kept. The publisher may have released a new "
                                 "version: use `warstats update`.")
        write_file(dest, member, root=root)
        return dest
    return download(url, dest, sha256=sha256, max_bytes=max_bytes, root=root).path


def fetch_all(dest: Path | None = None, only: Sequence[str] | None = None) -> list[Path]:
    """Fetch every raw file of every source (or the ``only`` source ids) into ``dest``."""
    from warstats.optional import require

    require("build", "warstats fetch")
    from tqdm.auto import tqdm

    from warstats.provenance.registry import get_source, list_sources
    from warstats.safe_write import safe_child

    dest = dest or cache_dir()
    hashes = expected_hashes()
    chosen = [get_source(s) for s in only] if only else list_sources()
    jobs = [(rel, url, s.extra.get("zip_member")) for s in chosen
            for rel, url in file_urls(s).items()]
    for rel, _, _ in jobs:  # every name checked before anything is downloaded
        safe_child(Path(dest), rel)
    paths = []
    for rel, url, member in tqdm(jobs, desc="fetching", unit="file"):
        target = Path(dest) / rel  # and the safe writer refuses links below ``dest``
        paths.append(fetch_file(url, target, hashes.get(rel), zip_member=member, root=dest))
    return paths
