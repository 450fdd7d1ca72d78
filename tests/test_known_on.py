"""What was known on a date across releases: a revised figure keeps its old value before."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from tests.vintages import publish_frame

NAME = "aid_by_donor"
KEY = ["donor_iso3", "aid_type"]


def _publish(frame: pd.DataFrame, when: datetime) -> str:
    return publish_frame(NAME, frame, when)


@pytest.fixture
def two_releases(tmp_path, monkeypatch):
    """Release A (published 2025-12-31): US military 1.0 lower, an extra 'XXX' donor row,
    no Australian humanitarian row. Release B (published 2026-04-21): the shipped table."""
    from warstats.datasets.load import read_table
    from warstats.releases.store import shipped_dir

    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WARSTATS_DATA_DIR", raising=False)
    new = read_table(NAME, shipped_dir())[0]
    assert (new["published"] == pd.Timestamp("2026-04-21")).all()
    old = new.copy()
    us = (old["donor_iso3"] == "USA") & (old["aid_type"] == "military")
    old.loc[us, "value"] = old.loc[us, "value"] - 1.0
    extra = old.iloc[[0]].assign(donor_iso3="XXX", donor_name="Nowhere", value=9.0)
    aus = (old["donor_iso3"] == "AUS") & (old["aid_type"] == "humanitarian")
    old = pd.concat([old[~aus], extra], ignore_index=True)
    old["published"] = pd.Timestamp("2025-12-31")
    a = _publish(old, datetime(2026, 1, 5, tzinfo=UTC))
    b = _publish(new, datetime(2026, 4, 25, tzinfo=UTC))
    us_new = float(new.loc[(new["donor_iso3"] == "USA") & (new["aid_type"] == "military"),
                           "value"].iloc[0])
    return a, b, us_new


def _value(frame, donor, aid_type):
    row = frame[(frame["donor_iso3"] == donor) & (frame["aid_type"] == aid_type)]
    return None if row.empty else float(row["value"].iloc[0])


def test_known_on_before_and_after_a_revision(two_releases):
    import warstats as ws

    a, b, us_new = two_releases
    before = ws.known_on(NAME, "2026-01-15")
    assert _value(before, "USA", "military") == pytest.approx(us_new - 1.0)
    assert _value(before, "AUS", "humanitarian") is None  # not yet published
    assert _value(before, "XXX", "financial") == 9.0
    assert set(before["release"].astype(str)) == {a}
    assert not before.duplicated(KEY).any()

    after = ws.known_on(NAME, "2026-04-21")
    assert _value(after, "USA", "military") == us_new
    assert _value(after, "AUS", "humanitarian") is not None
    # a key the newer release dropped keeps its last published figure
    assert _value(after, "XXX", "financial") == 9.0
    assert not after.duplicated(KEY).any()
    assert len(after) == len(ws.load(NAME)) + 1
    # same publication date in shipped and release B: the newer release wins the tie
    assert set(after.loc[after["donor_iso3"] != "XXX", "release"].astype(str)) == {b}
    assert after.attrs["releases"] == ["shipped", a, b]

    assert ws.known_on(NAME, "2025-12-30").empty
    assert ws.load(NAME, release=a).attrs["release"] == a


def test_as_of_on_a_table_holding_two_releases(two_releases):
    import warstats as ws
    from warstats.releases.known import release_stack

    _, _, us_new = two_releases
    stack = release_stack(NAME)
    assert stack.duplicated(KEY).any()  # the same keys, once per release
    early = ws.as_of(stack, "2026-02-01", by=KEY)
    late = ws.as_of(stack, "2026-06-01", by=KEY)
    assert _value(early, "USA", "military") == pytest.approx(us_new - 1.0)
    assert _value(late, "USA", "military") == us_new
    assert early.attrs["as_of"] == "2026-02-01"
    # without keys, as_of only drops what was not yet published
    assert len(ws.as_of(stack, "2026-02-01")) == (stack["published"] <= "2026-02-01").sum()


def test_known_on_unknown_dataset_or_nothing_built(tmp_path, monkeypatch):
    import warstats as ws
    from warstats.errors import DatasetNotFoundError, WarstatsError

    with pytest.raises(DatasetNotFoundError):
        ws.known_on("aid_by_donr", "2026-01-01")
    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("WARSTATS_DATA_DIR", str(tmp_path / "empty"))
    with pytest.raises(WarstatsError, match="no release on this machine holds"):
        ws.known_on(NAME, "2026-01-01")
