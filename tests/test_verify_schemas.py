"""verify: a table built under another schema is named; --revalidate runs every schema again."""

from __future__ import annotations

import json
import shutil

from warstats._paths import data_dir
from warstats.datasets.io import sha256_bytes
from warstats.verify import verify


def _copy(tmp_path):
    for suffix in (".csv", ".meta.json"):
        shutil.copyfile(data_dir() / f"population{suffix}", tmp_path / f"population{suffix}")
    return tmp_path


def _population(problems):
    return problems[problems["dataset"] == "population"].reset_index(drop=True)


def test_committed_table_passes_revalidation(tmp_path):
    data = _copy(tmp_path)
    assert _population(verify(data, tmp_path / "no-raw", revalidate=True)).empty


def test_table_built_under_another_schema_is_named(tmp_path):
    data = _copy(tmp_path)
    meta_path = data / "population.meta.json"
    meta = json.loads(meta_path.read_text())
    meta["schema_fingerprint"] = "0" * 64
    meta_path.write_text(json.dumps(meta))
    found = _population(verify(data, tmp_path / "no-raw"))
    assert found["kind"].tolist() == ["schema"]
    assert "rebuild with make data" in found.loc[0, "problem"]


def test_revalidate_finds_what_the_checksum_cannot(tmp_path):
    """A value edited and its checksum re-signed by hand: only revalidation sees it."""
    data = _copy(tmp_path)
    path = data / "population.csv"
    lines = path.read_text().splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.startswith("ABW,False,1961,"))
    lines[target] = lines[target].replace(",55578.0,", ",-1.0,")
    path.write_text("".join(lines))
    meta_path = data / "population.meta.json"
    meta = json.loads(meta_path.read_text())
    meta["sha256"] = sha256_bytes(path.read_bytes())
    meta_path.write_text(json.dumps(meta))
    assert _population(verify(data, tmp_path / "no-raw")).empty  # the documented trade-off
    found = _population(verify(data, tmp_path / "no-raw", revalidate=True))
    assert found["kind"].tolist() == ["validation"]
    problem = found.loc[0, "problem"]
    assert f"row {target + 1} value" in problem and "-1.0" in problem  # line number in the file
