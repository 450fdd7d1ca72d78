"""Streaming downloads (size limit while streaming, nothing left on failure), latest-release
adapters (zip member, CKAN package_show, keys) against a server on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from warstats.errors import IntegrityError, OutputPathError, WarstatsError
from warstats.provenance import registry as reg
from warstats.provenance.registry import get_source, list_sources
from warstats.readers.fetch import DownloadError, SizeLimitError, download, fetch_file
from warstats.releases.inputs import fetch_source, key_headers, latest_urls

BODY = b"date,value\n2026-01-01,1\n" * 100  # 2,400 bytes


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


ROUTES: dict[str, tuple[int, dict, bytes]] = {}


class Handler(BaseHTTPRequestHandler):
    """Serves ROUTES; ``/nolength`` streams without Content-Length, ``/short`` announces
    more bytes than it sends, ``/secret`` wants ``Authorization: Bearer k3y``."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/secret" and self.headers.get("Authorization") != "Bearer k3y":
            self.send_response(401)
            self.end_headers()
            return
        if path == "/short":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY) * 2))
            self.end_headers()
            self.wfile.write(BODY)
            self.close_connection = True
            return
        if path == "/nolength":
            self.send_response(200)
            self.end_headers()
            for _ in range(50):
                self.wfile.write(BODY)
            self.close_connection = True
            return
        status, headers, body = ROUTES.get(path, (404, {}, b"not found"))
        self.send_response(status)
        for k, v in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.protocol_version = "HTTP/1.0"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _left(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_download_streams_and_records(server, tmp_path):
    ROUTES["/ok.csv"] = (200, {"Last-Modified": "Wed, 01 Jul 2026 10:00:00 GMT"}, BODY)
    got = download(f"{server}/ok.csv", tmp_path / "ok.csv")
    assert got.path.read_bytes() == BODY and got.size == len(BODY)
    assert got.last_modified.startswith("Wed, 01 Jul 2026")
    assert _left(tmp_path) == ["ok.csv"]


@pytest.mark.parametrize("path", ["/ok.csv", "/nolength"])
def test_size_limit_stops_and_keeps_nothing(server, tmp_path, path):
    ROUTES["/ok.csv"] = (200, {}, BODY)
    with pytest.raises(SizeLimitError, match="limit"):
        download(f"{server}{path}", tmp_path / "x.csv", max_bytes=1000)
    assert _left(tmp_path) == []


def test_partial_download_keeps_nothing(server, tmp_path):
    with pytest.raises(DownloadError, match="nothing was kept"):
        download(f"{server}/short", tmp_path / "x.csv")
    assert _left(tmp_path) == []


def test_checksum_mismatch_keeps_nothing_and_old_file_stays(server, tmp_path):
    ROUTES["/ok.csv"] = (200, {}, BODY)
    (tmp_path / "x.csv").write_bytes(b"old")
    with pytest.raises(IntegrityError, match="checksum"):
        download(f"{server}/ok.csv", tmp_path / "x.csv", sha256="0" * 64)
    assert _left(tmp_path) == ["x.csv"] and (tmp_path / "x.csv").read_bytes() == b"old"


def test_http_network_and_scheme_errors_say_what_to_do(server, tmp_path):
    with pytest.raises(DownloadError, match=r"HTTP 404.*not there"):
        download(f"{server}/missing.csv", tmp_path / "a")
    with pytest.raises(DownloadError, match=r"network error.*--mirror"):
        download("http://127.0.0.1:9/x.csv", tmp_path / "b", timeout=5)
    with pytest.raises(DownloadError, match="refusing the URL scheme 'ftp'"):
        download("ftp://example.org/x.csv", tmp_path / "c")
    assert _left(tmp_path) == []


def test_zip_member_is_extracted(server, tmp_path):
    ROUTES["/hist.zip"] = (200, {}, _zip({"eurofxref-hist.csv": BODY}))
    got = fetch_file(f"{server}/hist.zip", tmp_path / "ecb.csv", None,
                     zip_member="eurofxref-hist.csv")
    assert got.read_bytes() == BODY
    with pytest.raises(DownloadError, match=r"no member 'other\.csv'"):
        fetch_file(f"{server}/hist.zip", tmp_path / "o.csv", None, zip_member="other.csv")
    assert _left(tmp_path) == ["ecb.csv"]


def _victim(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.csv").write_bytes(BODY)  # same bytes as the download: the right hash
    return outside


@pytest.mark.parametrize("sha", [None, hashlib.sha256(BODY).hexdigest()])
def test_link_planted_at_a_cache_file_is_refused(server, tmp_path, sha):
    ROUTES["/ok.csv"] = (200, {}, b"new bytes\n")
    outside, cache = _victim(tmp_path), tmp_path / "cache"
    (cache / "aid").mkdir(parents=True)
    os.symlink(outside / "victim.csv", cache / "aid" / "file.csv")
    with pytest.raises(OutputPathError, match="symbolic link"):  # neither read nor written
        fetch_file(f"{server}/ok.csv", cache / "aid" / "file.csv", sha, root=cache)
    assert (outside / "victim.csv").read_bytes() == BODY
    assert (cache / "aid" / "file.csv").is_symlink() and _left(outside) == ["victim.csv"]


@pytest.mark.parametrize("member", [None, "eurofxref-hist.csv"])
def test_link_planted_as_a_cache_folder_is_refused(server, tmp_path, member):
    ROUTES["/ok.csv"] = (200, {}, BODY)
    ROUTES["/hist.zip"] = (200, {}, _zip({"eurofxref-hist.csv": BODY}))
    outside, cache = _victim(tmp_path), tmp_path / "cache"
    cache.mkdir()
    os.symlink(outside, cache / "aid")
    url = f"{server}/hist.zip" if member else f"{server}/ok.csv"
    with pytest.raises(OutputPathError, match="symbolic link"):
        fetch_file(url, cache / "aid" / "new.csv", None, zip_member=member, root=cache)
    assert _left(outside) == ["victim.csv"]  # nothing written through the link
    with pytest.raises(OutputPathError, match="symbolic link"):
        download(f"{server}/ok.csv", cache / "aid" / "new.csv", root=cache)
    assert _left(outside) == ["victim.csv"]


def test_cache_file_already_there_is_kept_and_a_wrong_one_replaced(server, tmp_path):
    ROUTES["/ok.csv"] = (200, {}, BODY)
    cache = tmp_path / "cache"
    sha = hashlib.sha256(BODY).hexdigest()
    got = fetch_file(f"{server}/ok.csv", cache / "a" / "f.csv", sha, root=cache)
    assert got.read_bytes() == BODY
    before = got.stat().st_mtime_ns
    assert fetch_file(f"{server}/ok.csv", got, sha, root=cache).stat().st_mtime_ns == before
    got.write_bytes(b"damaged")
    assert fetch_file(f"{server}/ok.csv", got, sha, root=cache).read_bytes() == BODY
    assert _left(cache) == ["f.csv"]


def _fake(source_id: str, url: str, **extra):
    base = get_source(source_id)
    return dataclasses.replace(base, latest_url=url, extra={**base.extra, **extra})


def test_latest_release_with_key_and_zip(server, tmp_path, monkeypatch):
    """The Kaggle-style endpoint: a zip behind a bearer key read from the environment."""
    ROUTES["/secret"] = (200, {}, _zip({"missiles_and_uavs.csv": BODY}))
    source = _fake("piterfm_weapons", f"{server}/secret")
    monkeypatch.delenv("KAGGLE_API_TOKEN", raising=False)
    got = fetch_source(source, tmp_path / "tree")
    assert "KAGGLE_API_TOKEN" in got.error and "kaggle.com/settings" in got.error
    monkeypatch.setenv("KAGGLE_API_TOKEN", "wrong")
    assert "HTTP 401" in fetch_source(source, tmp_path / "tree").error
    monkeypatch.setenv("KAGGLE_API_TOKEN", "k3y")
    got = fetch_source(source, tmp_path / "tree")
    assert got.error == ""
    assert (tmp_path / "tree" / source.files[0]).read_bytes() == BODY
    assert got.inputs[0]["size"] == len(BODY) and got.published_basis == "the retrieval date"


def test_missing_key_message_names_variable(monkeypatch):
    monkeypatch.delenv("KAGGLE_API_TOKEN", raising=False)
    with pytest.raises(WarstatsError, match=r"KAGGLE_API_TOKEN.*not set.*kaggle\.com"):
        key_headers(get_source("uaf_air_attacks"))


def test_ckan_package_show_is_resolved(server, tmp_path):
    """A recorded-format HDX ``package_show`` answer pointing at the FTS resource."""
    csv_url = f"{server}/dataset/x/resource/y/download/fts_requirements_funding_global.csv"
    ROUTES["/api/3/action/package_show"] = (200, {}, json.dumps({
        "success": True, "result": {"name": "global-requirements-and-funding-data",
                                    "resources": [
            {"name": "fts_incoming_funding_global.csv", "url": f"{server}/other.csv"},
            {"name": "fts_requirements_funding_global.csv", "url": csv_url}]}}).encode())
    ROUTES["/dataset/x/resource/y/download/fts_requirements_funding_global.csv"] = (
        200, {"Last-Modified": "Sat, 18 Apr 2026 08:00:00 GMT"}, BODY)
    source = _fake("ocha_fts_appeals",
                   f"{server}/api/3/action/package_show?id=global-requirements-and-funding-data")
    got = fetch_source(source, tmp_path / "tree")
    assert got.error == "" and got.inputs[0]["url"] == csv_url
    assert str(got.published) == "2026-04-18" and "Last-Modified" in got.published_basis
    gone = _fake("ocha_fts_appeals", f"{server}/api/3/action/package_show?id=x",
                 latest_resource="renamed.csv")
    assert "no resource named 'renamed.csv'" in fetch_source(gone, tmp_path / "t2").error


def test_every_source_says_where_its_newest_release_lives():
    for s in list_sources():
        if s.frozen:
            assert s.cadence == "frozen" and s.frozen_reason
        else:
            urls = latest_urls(s)
            assert set(urls) == set(s.files) and all(u.startswith("https://") for u in
                                                     urls.values())


BASE = {"id": "ok", "publisher": "P", "title": "T", "url": "u", "published": "2024-01-01",
        "retrieved": "2024-02-01", "licence": "L", "redistribution": "open",
        "provenance": "independent", "attribution_short": "P (2024)", "citation": "c",
        "files": ["a/b.csv"], "latest_url": "https://x/b.csv", "cadence": "monthly"}


@pytest.mark.parametrize(("change", "message"), [
    ({"cadence": "sometimes"}, "cadence"),
    ({"cadence": "frozen"}, "frozen = true goes with"),
    ({"cadence": "frozen", "frozen": True}, "must say why"),
    ({"latest_url": ""}, "needs a latest_url"),
    ({"latest_url": "ftp://x/b.csv"}, "needs a latest_url"),
    ({"key_env": "K"}, "where to get one"),
])
def test_bad_latest_fields_are_refused(change, message):
    reg._parse_record(dict(BASE), "t.toml")  # the base record is valid
    with pytest.raises(WarstatsError, match=message):
        reg._parse_record({**BASE, **change}, "t.toml")
