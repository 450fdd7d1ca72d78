"""freshness(): due dates and days overdue, hand-worked from the sources' publication dates."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
import pytest

from warstats.errors import WarstatsError


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WARSTATS_DATA_DIR", raising=False)
    return tmp_path / "home"


def _last_loss_date(raw_dir) -> str:
    path = raw_dir / "russian_losses_claims/russia_losses_personnel.json"
    return max(r["date"] for r in json.loads(path.read_text(encoding="utf-8")))


def test_daily_source_overdue_days_by_hand(home, raw_dir):
    import warstats as ws

    last = _last_loss_date(raw_dir)
    assert last == "2026-08-08"  # the General Staff's last claim: published that day
    f = ws.freshness(today="2026-08-22").set_index("dataset")
    row = f.loc["loss_claims"]
    # daily cadence: due 2026-08-09; on 2026-08-22 that is 13 days ago
    assert row["newest_data"] == last
    assert row["next_due"] == pd.Timestamp("2026-08-09")
    assert (row["days_overdue"], row["status"]) == (13, "overdue")
    assert "General Staff" in row["sources"] and row["cadence"] == "daily"
    on_time = ws.freshness(today="2026-08-09").set_index("dataset").loc["loss_claims"]
    assert (on_time["days_overdue"], on_time["status"]) == (0, "up to date")
    assert f.attrs["today"] == "2026-08-22"


def test_monthly_and_frozen_and_irregular(home):
    from warstats.releases.freshness import source_freshness

    s = source_freshness(today="2026-08-22").set_index("source_id")
    # BLS CPI-U, monthly, published 2026-07-01: due 2026-08-01, 21 days before 2026-08-22
    assert s.loc["bls_cpi_u", "published"] == pd.Timestamp("2026-07-01")
    assert s.loc["bls_cpi_u", "days_overdue"] == 21
    # liveuamap stopped updating on 2025-01-16: frozen, never overdue
    assert s.loc["liveuamap_area", "status"] == "frozen"
    assert s.loc["liveuamap_area", "days_overdue"] is pd.NA
    assert s.loc["kiel_ust_r28", "status"] == "irregular"
    f = __import__("warstats").freshness(today="2026-08-22").set_index("dataset")
    assert f.loc["casualties_published", "status"] == "frozen"
    assert pd.isna(f.loc["casualties_published", "days_overdue"])
    assert len(f) == len(__import__("warstats").list_datasets())


def test_release_manifest_dates_win(home):
    import warstats as ws
    from warstats.releases.store import begin_release, publish_release, shipped_dir

    rid, staging = begin_release(datetime(2026, 8, 21, tzinfo=UTC))
    for suffix in (".csv", ".meta.json"):
        shutil.copyfile(shipped_dir() / f"loss_claims{suffix}", staging / f"loss_claims{suffix}")
    publish_release(rid, staging, {"sources": {"genstaff_losses": {
        "status": "updated", "published": "2026-08-20", "retrieved": "2026-08-21T10:00:00Z"}}})
    f = ws.freshness(today="2026-08-22").set_index("dataset")
    row = f.loc["loss_claims"]
    assert row["published"] == pd.Timestamp("2026-08-20")
    assert row["retrieved"] == pd.Timestamp("2026-08-21")
    assert row["days_overdue"] == 1  # due 2026-08-21
    assert pd.isna(f.loc["population", "newest_data"])  # not in this release
    shipped = ws.freshness("shipped", today="2026-08-22").set_index("dataset")
    assert shipped.loc["loss_claims", "published"] == pd.Timestamp("2026-08-08")


def test_dataset_takes_its_live_sources():
    """Hand-made per-source rows: a frozen source never makes its dataset overdue."""
    from types import SimpleNamespace

    from warstats.releases.freshness import _dataset_row

    per_source = pd.DataFrame({
        "source_id": ["live", "stopped", "slow"],
        "source": ["Live", "Stopped", "Slow"],
        "cadence": ["daily", "frozen", "monthly"],
        "frozen": [False, True, False],
        "published": pd.to_datetime(["2026-08-20", "2025-01-16", "2026-06-01"]),
        "retrieved": pd.to_datetime(["2026-08-22"] * 3),
        "next_due": pd.to_datetime(["2026-08-21", None, "2026-07-01"]),
        "days_overdue": pd.array([1, pd.NA, 51], dtype="Int64"),
    })
    spec = SimpleNamespace(name="d", title="D", source_ids=("live", "stopped"))
    row = _dataset_row(spec, {"coverage": {"end": "2026-08-19"}}, per_source)
    assert (row["status"], row["cadence"], row["days_overdue"]) == ("overdue", "daily", 1)
    assert row["sources"] == "Live; Stopped" and row["newest_data"] == "2026-08-19"
    assert row["published"] == pd.Timestamp("2026-08-20")
    both = _dataset_row(spec, {"source_ids": ["live", "slow"]}, per_source)
    # the largest delay among live sources, the earliest due date
    assert (both["days_overdue"], both["next_due"]) == (51, pd.Timestamp("2026-07-01"))
    assert both["cadence"] == "daily, monthly" and both["newest_data"] is None
    frozen = _dataset_row(spec, {"source_ids": ["stopped"]}, per_source)
    assert (frozen["status"], frozen["days_overdue"]) == ("frozen", None)
    current = per_source.assign(days_overdue=pd.array([0, pd.NA, 0], dtype="Int64"))
    assert _dataset_row(spec, {}, current)["status"] == "up to date"


@dataclass
class _FakeSource:
    source_id: str
    cadence: str = ""
    frozen: bool = False
    extra: dict = field(default_factory=dict)


def test_cadence_from_the_source_record():
    from warstats.provenance.registry import get_source
    from warstats.releases.freshness import cadence_of

    assert cadence_of(_FakeSource("x", cadence="weekly")) == ("weekly", False)
    assert cadence_of(_FakeSource("x", cadence="daily", frozen=True)) == ("frozen", True)
    # the catalog's own records (UPDATES.md: BLS CPI monthly; NZZ a frozen 2023 dump)
    assert cadence_of(get_source("bls_cpi_u")) == ("monthly", False)
    assert cadence_of(get_source("nzz_area")) == ("frozen", True)
    with pytest.raises(WarstatsError, match="cadence 'hourly' is not one of"):
        cadence_of(_FakeSource("x", cadence="hourly"))


def test_labels():
    from warstats.releases.freshness import freshness_label

    assert freshness_label({"status": "overdue", "days_overdue": 1}) == "1 day overdue"
    assert freshness_label({"status": "overdue", "days_overdue": 1200}) == "1,200 days overdue"
    assert freshness_label({"status": "frozen", "days_overdue": pd.NA}) == "frozen"
