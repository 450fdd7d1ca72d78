"""Data-package export (validated with frictionless), fetch against a local server, verify."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading

import pandas as pd
import pytest

import warstats as ws
from warstats.errors import IntegrityError
from warstats.export import export
from warstats.readers.fetch import expected_hashes, fetch_file, file_urls
from warstats.verify import verify


def test_datapackage_is_valid(tmp_path):
    from frictionless import validate

    path = export("population_projections", "datapackage", tmp_path)
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    import json

    descriptor = json.loads(path.read_text())
    resource = descriptor["resources"][0]
    assert {s["title"] for s in resource["sources"]} == {"UN DESA, WPP 2019",
                                                        "UN DESA, WPP 2024"}
    assert resource["schema"]["primaryKey"] == ["vintage", "country_iso3", "year", "variant"]
    back = pd.read_csv(tmp_path / "population_projections.csv")
    assert len(back) == len(ws.load("population_projections"))


@pytest.fixture
def local_server(tmp_path):
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_fetch_verifies_checksums(local_server, tmp_path, raw_dir):
    root, base = local_server
    rel = "population/worldbank_population_sp_pop_totl.csv"
    shutil.copyfile(raw_dir / rel, root / "pop.csv")
    sha = expected_hashes()[rel]
    got = fetch_file(f"{base}/pop.csv", tmp_path / "cache" / rel, sha)
    assert hashlib.sha256(got.read_bytes()).hexdigest() == sha
    (root / "changed.csv").write_text("Country Name,Country Code,Year,Value\n")
    with pytest.raises(IntegrityError, match="checksum"):
        fetch_file(f"{base}/changed.csv", tmp_path / "cache2" / "x.csv", sha)
    with pytest.raises(IntegrityError, match="limit"):
        fetch_file(f"{base}/pop.csv", tmp_path / "cache3" / "pop.csv", None, max_bytes=100)


def test_every_raw_input_has_a_download_url():
    from warstats.provenance.registry import list_sources

    urls = {rel for s in list_sources() for rel in file_urls(s)}
    missing = sorted(set(expected_hashes()) - urls)
    assert missing == [], f"raw inputs with no download URL in the source catalog: {missing}"


def test_verify_reports_changed_data_and_inputs(tmp_path, raw_dir):
    from warstats._paths import data_dir

    data = tmp_path / "data"
    shutil.copytree(data_dir(), data)
    assert verify(data, raw_dir).empty
    path = data / "population.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    raw = tmp_path / "raw"
    shutil.copytree(raw_dir / "population", raw / "population")
    (raw / "population/worldbank_population_sp_pop_totl.csv").write_text("changed")
    problems = verify(data, raw)
    assert set(problems["kind"]) == {"data", "input"}
    assert "population" in set(problems["dataset"])
