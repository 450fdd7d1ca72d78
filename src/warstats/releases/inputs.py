"""Get a source's newest raw files: from its latest URL, a mirror, or a local folder.

Each source's files land in a folder laid out like ``shared/sources`` (the update's raw
tree). What is recorded per file: source id, relative path, URL (``file://`` for
``--from``), retrieval time (UTC), size and sha256.

Publication date of a refreshed source, in this order: the file's own date where its
format states one (the source record's ``published_from`` hook, e.g. Kiel's
``lastUpdated``); else the server's ``Last-Modified`` header (``--mirror`` and latest
URLs); else the retrieval date (``--from``: a copied file's modification time says
nothing about the publisher).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import importlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from warstats.errors import WarstatsError
from warstats.readers.common import sha256_file
from warstats.readers.fetch import MAX_BYTES, download, extract_member
from warstats.safe_write import safe_child


@dataclass
class FetchedSource:
    """The newest files of one source, or why they could not be had."""

    source_id: str
    inputs: list[dict] = field(default_factory=list)
    published: dt.date | None = None
    published_basis: str = ""
    error: str = ""


def latest_urls(source) -> dict[str, str]:
    """Relative raw path → newest-release URL (a ``latest_url`` ending in ``/`` takes
    each file's name; a ``latest_urls`` list pairs with ``files``)."""
    urls = source.extra.get("latest_urls")
    if urls:
        return dict(zip(source.files, urls, strict=True))
    if not source.latest_url:
        return {}
    if source.latest_url.endswith("/"):
        return {f: source.latest_url + Path(f).name for f in source.files}
    if len(source.files) != 1:
        raise WarstatsError(f"source {source.source_id}: one latest_url for "
                            f"{len(source.files)} files; give latest_urls or end it in '/'")
    return {source.files[0]: source.latest_url}


def key_headers(source) -> dict[str, str]:
    """HTTP headers carrying the source's key, read from its ``key_env`` variable."""
    if not source.key_env:
        return {}
    key = os.environ.get(source.key_env, "").strip()
    if not key:
        raise WarstatsError(
            f"{source.source_id}: its newest release needs a key in the environment variable "
            f"{source.key_env}, which is not set. Get one at {source.key_url}, then "
            f"`export {source.key_env}=...` and rerun (or use --from DIR / --mirror URL).")
    return {"Authorization": f"Bearer {key}"}


def resolve_ckan(package_url: str, resource_name: str, dest: Path) -> str:
    """The download URL of ``resource_name`` in a CKAN ``package_show`` answer (HDX)."""
    got = download(package_url, dest, max_bytes=5 * 1024 * 1024)
    try:
        doc = json.loads(got.path.read_text(encoding="utf-8"))
        resources = doc["result"]["resources"]
        for res in resources:
            if res.get("name") == resource_name or str(res.get("url", "")).endswith(
                    "/" + resource_name):
                return res["url"]
    except (ValueError, KeyError, TypeError) as exc:
        raise WarstatsError(f"{package_url}: not a CKAN package_show answer ({exc}); the "
                            "portal changed its API") from None
    names = ", ".join(str(r.get("name")) for r in resources[:8])
    raise WarstatsError(f"{package_url}: no resource named {resource_name!r} (it lists "
                        f"{names}); the publisher renamed the file: update latest_resource")


def _published_from_file(source, path: Path) -> dt.date | None:
    hook = source.extra.get("published_from")
    if not hook:
        return None
    module, _, attr = hook.partition(":")
    return getattr(importlib.import_module(module), attr)(path)


def _record(source_id: str, rel: str, url: str, path: Path, when: dt.datetime) -> dict:
    return {"source_id": source_id, "file": rel, "url": url,
            "retrieved": when.isoformat(timespec="seconds"), "size": path.stat().st_size,
            "sha256": sha256_file(path)}


def _copy_in(src: Path, dest: Path) -> None:
    """Copy a local file into the raw tree via a temp file and rename (all or nothing)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fetch_source(source, tree: Path, *, from_dir: Path | None = None, mirror: str | None = None,
                 max_bytes: int = MAX_BYTES) -> FetchedSource:
    """Put ``source``'s newest files under ``tree``; never raises for a source's own
    problem (missing key, HTTP error, drifted archive): the error is returned instead."""
    out = FetchedSource(source.source_id)
    now = dt.datetime.now(dt.UTC)
    modified: list[str] = []
    try:
        if from_dir is not None:
            jobs = {rel: (from_dir / rel).resolve().as_uri() for rel in source.files}
        elif mirror:
            jobs = {rel: f"{mirror.rstrip('/')}/{rel}" for rel in source.files}
        else:
            jobs = latest_urls(source)
        headers = {} if (from_dir is not None or mirror) else key_headers(source)
        member = None if (from_dir is not None or mirror) else source.extra.get(
            "latest_zip_member")
        resource = None if (from_dir is not None or mirror) else source.extra.get(
            "latest_resource")
        for rel, url in jobs.items():
            dest = safe_child(tree, rel)
            if from_dir is not None:
                local = from_dir / rel
                if not local.is_file():
                    raise WarstatsError(f"{local} is missing: --from DIR must hold the "
                                        "layout of shared/sources")
                _copy_in(local, dest)
            else:
                with tempfile.TemporaryDirectory(dir=_ensure(dest.parent)) as tmpdir:
                    if resource:
                        url = resolve_ckan(url, resource, Path(tmpdir) / "package.json")
                    target = Path(tmpdir) / ("archive.zip" if member else "file")
                    got = download(url, target, max_bytes=max_bytes, headers=headers)
                    if got.last_modified:
                        modified.append(got.last_modified)
                    if member:
                        extract_member(got.path, member, Path(tmpdir) / "member",
                                       max_bytes=max_bytes)
                        target = Path(tmpdir) / "member"
                    os.replace(target, dest)
            out.inputs.append(_record(source.source_id, rel, url, dest, now))
    except WarstatsError as exc:
        out.error = str(exc)
        return out
    _set_published(out, source, tree, modified, now)
    return out


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _set_published(out: FetchedSource, source, tree: Path, modified: list[str],
                   now: dt.datetime) -> None:
    own = [d for d in (_published_from_file(source, tree / i["file"]) for i in out.inputs) if d]
    if own:
        out.published, out.published_basis = max(own), "the file's own date"
        return
    stamps = []
    for text in modified:
        try:
            stamps.append(email.utils.parsedate_to_datetime(text).astimezone(dt.UTC).date())
        except (TypeError, ValueError):
            continue
    if stamps:
        out.published, out.published_basis = max(stamps), "the server's Last-Modified"
    else:
        out.published, out.published_basis = now.date(), "the retrieval date"
