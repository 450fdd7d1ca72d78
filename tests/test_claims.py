"""Claim checking: the seed article's claims, the rules, user files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

import warstats as ws
from warstats.analysis.claims import within
from warstats.errors import SourceFormatError
from warstats.readers.claims import read_claim_rules, read_claims

ROOT = Path(__file__).resolve().parents[1]
WORDS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
         "saturday": 5, "sunday": 6}


def test_reference_date_is_derived_from_the_article(seed_article):
    text = seed_article.read_text(encoding="utf-8")
    day = int(re.search(r"([\d,]+)(?:st|nd|rd|th) day", text).group(1).replace(",", ""))
    weekday = WORDS[re.search(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                              r"Sunday)\b", text).group(1).lower()]
    date = ws.date_of_war_day(day)  # 24 Feb 2022 is day 1
    assert date.weekday() == weekday, "the day-1 convention does not match the article's weekday"
    # the other convention (24 Feb 2022 = day 0) would land on a Wednesday
    assert (date + dt.timedelta(days=1)).weekday() != weekday
    claims = read_claims()
    assert set(claims["reference_date"]) == {pd.Timestamp(date)}


def test_every_quantitative_claim_of_the_article_is_listed():
    claims = read_claims()
    assert len(claims) >= 11
    for needle in ("1000", "70", "five of the six", "fifth", "100 million", "138",
                   "12000", "27000", "six million", "quarter"):
        assert claims["claim"].str.contains(needle, case=False).any() or \
            (claims["figure"].astype(str).str.contains(needle)).any(), needle


@pytest.mark.parametrize("qualifier, figure, inside, outside", [
    ("over", 12_000, 12_001, 12_000),
    ("over", 12_000, 13_200, 13_201),
    ("nearly", 27_000, 26_999, 27_000),
    ("nearly", 27_000, 25_650, 25_649),
    ("about", 20, 18.0, 17.99),
    ("about", 20, 22.0, 22.01),
    ("at least", 100, 100, 99.99),
    ("exact", 100, 100, 100.5),
    ("more than", 6_000_000, 6_000_001, 5_982_920),
])
def test_verdict_flips_across_the_tolerance_edge(qualifier, figure, inside, outside):
    assert within(figure, inside, qualifier) is True
    assert within(figure, outside, qualifier) is False


def _expected():
    return pd.read_csv(ROOT / "tests/fixtures/claims_expected.csv", parse_dates=["expected_date"])


@pytest.fixture(scope="module")
def table():
    return ws.check_claims().set_index("claim_id")


@pytest.mark.parametrize("row", list(_expected().itertuples()), ids=lambda r: r.claim_id)
def test_data_figures_match_hand_worked_expectations(table, row):
    got = table.loc[row.claim_id]
    assert got["data_figure"] == pytest.approx(row.expected_figure, abs=row.tolerance)
    assert pd.Timestamp(got["data_date"]) == row.expected_date


def test_every_claim_has_a_computed_verdict(table):
    assert table["verdict"].notna().all()
    assert set(table["verdict"]) <= {"consistent", "consistent-with-definition-caveat",
                                     "inconsistent", "not checkable here"}
    unchecked = table[table["verdict"] == "not checkable here"]
    assert (unchecked["explanation"].str.len() > 20).all()  # says what data would be needed


def test_verdicts_follow_the_rules(table):
    rules = read_claim_rules().set_index("qualifier")
    for cid, row in table[table["data_figure"].notna()].iterrows():
        ok = within(row["claimed"], row["data_figure"], row["qualifier"], rules)
        if ok:
            assert row["verdict"] == "consistent", cid
        else:
            assert row["verdict"] in {"inconsistent", "consistent-with-definition-caveat"}, cid


def test_latest_revision_is_flagged(table):
    assert table.loc["injured", "latest_figure"] == 27_024  # monthly sums to Oct 2024
    assert table.loc["injured", "vintage"] == "as known then"
    assert table.loc["population_quarter", "vintage"] == "latest revision, not as known then"


def test_as_of_earlier_uses_older_figures():
    early = ws.check_claims(as_of="2023-12-31").set_index("claim_id")
    assert early.loc["killed", "data_figure"] == 9_701  # OCHA, 2023-11-09
    assert early.loc["killed", "vintage"] == "as known then"


def _user_claims(tmp_path, **changes):
    frame = pd.read_csv(ROOT / "seeds/claims.csv", dtype=str, keep_default_na=False).head(1)
    for col, value in changes.items():
        frame[col] = value
    path = tmp_path / "mine.csv"
    frame.to_csv(path, index=False)
    return path


def test_user_claims_file(tmp_path):
    path = _user_claims(tmp_path, claim_id="mine", figure="1001", qualifier="about")
    out = ws.check_claims(path).set_index("claim_id")
    assert out.loc["mine", "verdict"] == "consistent"  # 1000 is within 10 % of 1001


@pytest.mark.parametrize("changes, named", [
    ({"qualifier": "roughly"}, "qualifier"),
    ({"figure": "twelve"}, "figure"),
    ({"reference_date": "19/11/2024"}, "reference_date"),
    ({"aggregation": "", "not_checkable_reason": ""}, "aggregation"),
    ({"aggregation": "median_of_vibes"}, "aggregation"),
])
def test_bad_user_claims_are_refused_clearly(tmp_path, changes, named):
    path = _user_claims(tmp_path, **changes)
    with pytest.raises(SourceFormatError) as err:
        ws.check_claims(path)
    assert "mine.csv" in str(err.value) and named in str(err.value) and "row 2" in str(err.value)


def test_missing_dataset_is_not_checkable(tmp_path, monkeypatch):
    from warstats.datasets import registry

    names = [n for n in registry.dataset_names() if n != "occupied_area"]
    monkeypatch.setattr("warstats.datasets.registry.dataset_names", lambda: names)
    out = ws.check_claims().set_index("claim_id")
    assert out.loc["occupied_share", "verdict"] == "not checkable here"
    assert "occupied_area" in out.loc["occupied_share", "explanation"]


def test_cli_claims(capsys):
    from warstats.cli import main

    assert main(["claims", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("claim_id,") and "not checkable here" in out
