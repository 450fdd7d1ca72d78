"""Report: 'What changed since the previous release' and freshness in the data vintages."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.vintages import publish_frame
from warstats.report import html as layout
from warstats.report.registry import ReportContext, sections


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("WARSTATS_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WARSTATS_DATA_DIR", raising=False)
    return tmp_path / "home"


def _revised_release(when: datetime) -> str:
    """The shipped aid_by_donor with one value raised and one row dropped."""
    from warstats.datasets.load import read_table
    from warstats.releases.store import shipped_dir

    frame = read_table("aid_by_donor", shipped_dir())[0]
    us = (frame["donor_iso3"] == "USA") & (frame["aid_type"] == "military")
    frame.loc[us, "value"] = frame.loc[us, "value"] + 1.0
    aus = (frame["donor_iso3"] == "AUS") & (frame["aid_type"] == "humanitarian")
    return publish_frame("aid_by_donor", frame[~aus], when)


def test_only_the_shipped_release_says_so(home):
    content = sections()["changes"].build(ReportContext())
    assert len(content.paragraphs) == 1 and not content.tables
    assert "shipped with warstats" in content.paragraphs[0]
    assert "nothing to compare" in content.paragraphs[0]


def test_changes_table_in_words(home):
    rid = _revised_release(datetime(2026, 9, 1, tzinfo=UTC))
    content = sections()["changes"].build(ReportContext())
    text = " ".join(content.paragraphs)
    assert "the release of 1 September 2026" in text and "shipped with warstats" in text
    assert "1 of 1 datasets changed, from 1 source: 0 rows added, 1 row removed, 1 row " \
           "revised" in text
    name, table = content.tables[0]
    assert name == "changes_since_previous_release"
    row = table.frame.iloc[0]
    assert row["Source"] == "Kiel Institute, Ukraine Support Tracker R28"
    from warstats.datasets.registry import get_spec

    assert row["Dataset"] == get_spec("aid_by_donor").title  # its title, not its code
    assert (row["Rows added"], row["Rows removed"], row["Rows revised"]) == (0, 1, 1)
    assert "kiel_ust_r28" not in table.to_markdown()
    assert table.to_markdown().rstrip().splitlines()[-1].startswith("Source")
    assert content.datasets == ["aid_by_donor"]
    assert rid in table.subtitle


def test_previous_release_is_the_parent_or_the_one_before(home):
    from warstats.report.sections.changes import describe_release, previous_release

    first = _revised_release(datetime(2026, 9, 1, tzinfo=UTC))
    second = _revised_release(datetime(2026, 9, 2, tzinfo=UTC))
    assert previous_release(first) == "shipped"
    assert previous_release(second) == first
    assert describe_release("shipped") == "the tables shipped with warstats"
    assert describe_release(second) == f"the release of 2 September 2026 ({second})"
    # identical tables: the section says no figure changed
    content = sections()["changes"].build(ReportContext())
    assert content.paragraphs[-1].endswith("No figure changed.")


def test_vintages_table_shows_freshness(home):
    from warstats.report.build import _vintage_rows

    rows = {r["name"]: r for r in _vintage_rows(["loss_claims", "casualties_published"],
                                                today="2026-08-22")}
    # daily claims last published 2026-08-08: due 2026-08-09, 13 days before 2026-08-22
    assert rows["loss_claims"]["freshness"] == "13 days overdue"
    assert rows["casualties_published"]["freshness"] == "frozen"
    html = layout.vintages_table(list(rows.values()), "2026-08-22")
    assert "<th>Freshness</th>" in html and "Freshness on 2026-08-22" in html
    assert "13 days overdue" in html
