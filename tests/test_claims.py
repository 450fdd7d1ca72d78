"""Claim checking: the seed article's claims, the one rule of time, rules, user files."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

import warstats as ws
from warstats.claims.judge import STALE_AFTER, choose
from warstats.claims.measure import Figure
from warstats.claims.read import read_claim_rules, read_claims
from warstats.claims.rules import within
from warstats.claims.words import quote_sentence
from warstats.errors import SourceFormatError
from warstats.labels import long_date
from warstats.wording import number

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
    return pd.read_csv(ROOT / "tests/fixtures/claims_expected.csv",
                       parse_dates=["expected_date", "expected_published"])


@pytest.fixture(scope="module")
def table():
    return ws.check_claims().set_index("claim_id")


@pytest.mark.parametrize("row", list(_expected().itertuples()), ids=lambda r: r.claim_id)
def test_verdicts_match_hand_worked_expectations(table, row):
    got = table.loc[row.claim_id]
    assert got["verdict"] == row.expected_verdict
    if pd.isna(row.expected_figure):
        assert pd.isna(got["data_figure"]) and pd.isna(got["data_published"])
        assert "it would need" in got["explanation"] or "Not checkable" in got["explanation"]
        return
    assert got["data_figure"] == pytest.approx(row.expected_figure, abs=row.tolerance)
    assert got["data_date"] == row.expected_date
    assert got["data_published"] == row.expected_published


def test_every_verdict_obeys_the_rule_of_time(table):
    decided = table[table["verdict"] != "not checkable here"]
    assert (decided["data_date"] <= decided["reference_date"]).all()
    assert (decided["data_published"] <= decided["reference_date"]).all()
    assert (decided["reference_date"] - decided["data_date"] <= STALE_AFTER).all()


def test_verdicts_follow_the_rules(table):
    rules = read_claim_rules().set_index("qualifier")
    for cid, row in table[table["data_figure"].notna()].iterrows():
        ok = within(row["claimed"], row["data_figure"], row["qualifier"], rules)
        assert row["verdict"] == ("consistent" if ok else "inconsistent"), cid


def test_later_figure_is_context_only(table):
    injured = table.loc["injured"]
    assert injured["context_figure"] == 27_024  # monthly sums to Oct 2024, published 2026
    assert injured["context_published"] > injured["reference_date"]
    assert "Context, not known on 19 November 2024: 27,024" in injured["explanation"]


def _fig(value, date, published):
    return Figure("s", value, pd.Timestamp(date), pd.Timestamp(published), "x")


def test_rule_of_time_by_hand():
    ref = pd.Timestamp("2024-11-19")
    ok = _fig(1, "2024-10-31", "2024-11-17")
    published_later = _fig(2, "2024-11-01", "2024-11-20")
    describes_later = _fig(3, "2024-11-20", "2024-11-18")
    stale = _fig(4, "2024-05-19", "2024-05-20")  # 184 days before the claim
    edge = _fig(5, "2024-05-20", "2024-05-21")  # 183 days: still allowed
    basis, context = choose([ok, published_later, describes_later, stale], ref, None)
    assert basis is ok and context is published_later
    assert choose([stale, edge], ref, None)[0] is edge
    assert choose([stale], ref, None)[0] is None
    # as_of before the claim: only what was published by then
    assert choose([ok, edge], ref, pd.Timestamp("2024-11-01"))[0] is edge


def test_as_of_earlier_uses_only_what_was_published_then():
    early = ws.check_claims(as_of="2023-12-31").set_index("claim_id")
    # OCHA's 9,701 (data to 2023-11-09) was the newest by then, but it is 376 days
    # older than the claim: not checkable, and the explanation says so
    assert early.loc["killed", "verdict"] == "not checkable here"
    assert "9,701" in early.loc["killed", "explanation"]


def test_alternative_reading_is_its_own_labelled_row(table):
    alt = table.loc["population_quarter_since_1991"]
    assert alt["reading"].startswith("alternative reading") and alt["baseline"] == "1991"
    assert table.loc["population_quarter", "reading"] == "the article's wording"


@pytest.mark.parametrize("value, text", [(12162, "12,162"), (5_982_920, "5.98 million"),
                                          (18.482, "18.5"), (1000.0, "1,000"), (0.5, "0.5"),
                                          (float("nan"), "–"), (None, "–")])
def test_numbers_in_words(value, text):
    assert number(value) == text


def test_quote_sentence_by_hand():
    got = quote_sentence(12162, "{value} civilians were killed in Ukraine between "
                         "24 February 2022 and {end}", end="2024-10-31", publisher="OHCHR",
                         published="2024-11-17", minimum=True)
    assert got == ("At least 12,162 civilians were killed in Ukraine between 24 February "
                   "2022 and 31 October 2024 (OHCHR, published 17 November 2024).")
    plain = quote_sentence(5_982_920, "{value} refugees were recorded on {end}",
                           end="2024-03-12", publisher="UNHCR", published="2024-04-14")
    assert plain == ("5.98 million refugees were recorded on 12 March 2024 (UNHCR, "
                     "published 14 April 2024).")
    assert long_date("2024-11-07") == "7 November 2024"


def test_ws_quote(table):
    assert ws.quote("killed") == (
        "At least 12,162 civilians were killed in Ukraine between 24 February 2022 and "
        "31 October 2024 (OHCHR/HRMMU, published 17 November 2024).")
    with pytest.raises(LookupError, match=r"no quotable figure"):
        ws.quote("fled")
    with pytest.raises(LookupError, match="no claim"):
        ws.quote("nonsense")


def test_outputs_show_reasons_and_readable_numbers(capsys):
    from warstats.cli import main

    for fmt in ("table", "markdown", "csv"):
        assert main(["claims", "--format", fmt]) == 0
        out = capsys.readouterr().out
        assert "12,162" in out or "12162" in out
        assert "OHCHR/HRMMU" in out and "not checkable here" in out and "Context" in out
        assert not re.search(r"\bnan\b|\bNaT\b|\bNone\b|\d\.\d+e[+-]\d", out), fmt


def test_claims_package_depends_only_downward():
    src = ROOT / "src/warstats"
    for path in src.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        rel = path.relative_to(src).as_posix()
        if rel.startswith("readers/"):
            assert not any(n.startswith(("warstats.analysis", "warstats.claims"))
                           for n in names), rel
        if rel.startswith("claims/"):
            assert not any(n.startswith(("warstats.report", "warstats.cli"))
                           for n in names), rel
        elif not rel.startswith(("report/", "cli.py", "__init__.py")):
            assert not any(n.startswith("warstats.claims") for n in names), rel


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


def test_user_rules_file(tmp_path):
    claims = _user_claims(tmp_path, claim_id="mine", figure="1050", qualifier="about")
    rules = pd.read_csv(ROOT / "seeds/claim_rules.csv", dtype=str, keep_default_na=False)
    rules.loc[rules["qualifier"] == "about", ["lower", "upper"]] = ["0.99", "1.01"]
    path = tmp_path / "strict.csv"
    rules.to_csv(path, index=False)
    loose = ws.check_claims(claims).set_index("claim_id").loc["mine"]
    strict = ws.check_claims(claims, rules=path).set_index("claim_id").loc["mine"]
    assert loose["verdict"] == "consistent"  # 1000 is within 10 % of 1050
    assert strict["verdict"] == "inconsistent"  # 1000 is 4.8 % below 1050
    assert "from 1,039.5" in strict["rule"]


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


def test_dataframe_prints_for_people(table):
    full = ws.check_claims()
    for text in (repr(full), full._repr_html_()):
        assert "12,162" in text and "6.00 million" in text  # killed; 'more than six million'
        assert not re.search(r"\bnan\b|\bNaN\b|\bNaT\b|\d\.\d+e[+-]\d", text)
    assert full["data_figure"].dtype.kind == "f"  # still numbers underneath


def test_sources_of_the_verdicts_are_listed(table):
    full = ws.check_claims()
    assert "hrmmu_update_2024_10_press" in full.attrs["sources"]  # killed/injured rest on it


def test_as_of_the_claim_date_shows_nothing_published_later():
    on_the_day = ws.check_claims(as_of="2024-11-19")
    for col in ("data_published", "context_published"):
        assert (on_the_day[col].dropna() <= pd.Timestamp("2024-11-19")).all()
    assert on_the_day["context_figure"].isna().all()  # every later figure was later


def test_dates_are_worded_in_labels_and_numbers_in_wording():
    import numpy as np

    from warstats import labels, wording

    assert not [n for n in ("long_date", "short_date") if hasattr(wording, n)]  # one place
    assert labels.long_date(pd.Timestamp("2024-11-17")) == "17 November 2024"
    assert labels.date_label(np.datetime64("2024-11-07")) == "7 Nov 2024"
    assert [labels.date_label(v) for v in (None, pd.NaT, pd.NA, float("nan"))] == ["–"] * 4
    assert wording.number(pd.NA) == wording.MISSING == "–"
