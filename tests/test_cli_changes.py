"""``warstats changes``, ``warstats freshness`` and the freshness column of ``datasets``."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pandas as pd
import pytest

from tests.vintages import publish_frame
from warstats.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def revised(tmp_path, monkeypatch):
    """Latest release: the shipped aid_by_donor with the United States' military aid
    raised by 2.5 and Australia's humanitarian row gone."""
    from warstats.datasets.load import read_table
    from warstats.releases.store import shipped_dir

    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WARSTATS_DATA_DIR", raising=False)
    frame = read_table("aid_by_donor", shipped_dir())[0]
    us = (frame["donor_iso3"] == "USA") & (frame["aid_type"] == "military")
    old_us = float(frame.loc[us, "value"].iloc[0])
    frame.loc[us, "value"] = old_us + 2.5
    aus = (frame["donor_iso3"] == "AUS") & (frame["aid_type"] == "humanitarian")
    rid = publish_frame("aid_by_donor", frame[~aus], datetime(2026, 9, 1, tzinfo=UTC))
    return rid, old_us


def test_changes_table_csv_json(capsys, revised):
    rid, old_us = revised
    code, out, _ = run(capsys, "changes", "aid_by_donor")
    assert code == 0
    assert f"shipped → {rid}: 0 rows added, 1 removed, 1 revised (1 values)" in out
    assert "USA" in out and "AUS" in out
    assert max(len(line) for line in out.splitlines()) <= 100
    code, out, _ = run(capsys, "changes", "aid_by_donor", "--format", "csv")
    table = pd.read_csv(io.StringIO(out))
    row = table[table["change"] == "revised"].iloc[0]
    assert (row["donor_iso3"], row["old"], row["new"]) == ("USA", old_us, old_us + 2.5)
    assert row["difference"] == pytest.approx(2.5)
    code, out, _ = run(capsys, "changes", "aid_by_donor", "--old", rid, "--new", "shipped",
                       "--format", "json")
    records = json.loads(out)
    assert {r["change"] for r in records} == {"added", "revised"}


def test_changes_summary_and_errors(capsys, revised):
    code, out, _ = run(capsys, "changes", "aid_by_donor", "--summary")
    assert code == 0 and "Kiel Institute, Ukraine Support Tracker R28" in out
    assert "kiel_ust_r28" not in out
    code, out, _ = run(capsys, "changes", "aid_by_donor", "--summary", "--format", "csv")
    summary = pd.read_csv(io.StringIO(out))
    assert summary[["rows_added", "rows_removed", "rows_revised"]].iloc[0].tolist() == [0, 1, 1]
    code, _, err = run(capsys, "changes", "aid_by_donor", "--old", "19990101T000000Z")
    assert code == 1 and "no complete release '19990101T000000Z'" in err
    assert "warstats releases" in err
    code, _, err = run(capsys, "changes")
    assert code == 2 and "name a dataset" in err
    code, _, err = run(capsys, "changes", "aid_by_donr")
    assert code == 2 and "aid_by_donor" in err


def test_freshness_command(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    code, out, _ = run(capsys, "freshness", "--today", "2026-08-22")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 100
    loss = next(line for line in lines if line.startswith("loss_claims"))
    assert "2026-08-08" in loss and "13 days overdue" in loss and "daily" in loss
    assert "frozen" in next(line for line in lines if line.startswith("casualties_published"))
    code, out, _ = run(capsys, "freshness", "--today", "2026-08-22", "--format", "csv")
    table = pd.read_csv(io.StringIO(out))
    assert table.set_index("dataset").loc["loss_claims", "days_overdue"] == 13
    code, out, _ = run(capsys, "freshness", "--format", "json")
    assert {"dataset", "status", "days_overdue"} <= set(json.loads(out)[0])


def test_datasets_has_freshness_column(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    code, out, _ = run(capsys, "datasets", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out)).set_index("name")
    assert table.loc["casualties_published", "freshness"] == "frozen"
    assert table.loc["aid_by_donor", "freshness"] == "irregular"


def test_help(capsys):
    for cmd in ("changes", "freshness"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0
        assert "Example" in capsys.readouterr().out
