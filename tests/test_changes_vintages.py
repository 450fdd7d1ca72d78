"""changes() between real releases: previous vintage (previous_releases/) → current files.

Every expected count is computed here from the two raw files, never from warstats.
"""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest

from tests.vintages import vintage_home

NAMES = ["fx_rates", "price_indices", "aid_by_donor", "loss_claims", "population"]
PREV = "previous_releases"


@pytest.fixture(scope="module")
def releases(tmp_path_factory, raw_dir):
    with vintage_home(tmp_path_factory.mktemp("vintages"), raw_dir, NAMES) as ids:
        yield ids


def _csv(path, key, value):
    """{key tuple: float} of the non-empty values of a raw CSV."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {tuple(r[k] for k in key): float(r[value]) for r in csv.DictReader(fh)
                if r[value] not in ("", "N/A", ".")}


def _diff(prev: dict, cur: dict) -> tuple[set, set]:
    added = set(cur) - set(prev)
    revised = {k for k in set(cur) & set(prev) if cur[k] != prev[k]}
    return added, revised


def _by_source(releases, name):
    from warstats.releases.summary import change_summary

    old, new = releases
    summary = change_summary(name, old, new, by_source=True)
    return summary.set_index("sources")


def test_fred_monthly_and_bls_cpi_rows_added(releases, raw_dir):
    fred = "exchange_rates/fred_exchange_rates_monthly.csv"
    added, revised = _diff(_csv(raw_dir / PREV / fred, ["Date", "Country"], "Exchange rate"),
                           _csv(raw_dir / fred, ["Date", "Country"], "Exchange rate"))
    row = _by_source(releases, "fx_rates").loc["fred_fx_monthly"]
    assert (row["rows_added"], row["rows_revised"], row["rows_removed"]) == (
        len(added), len(revised), 0)
    assert len(added) == 23  # the README's account, as a cross-check of the computation
    assert row["newest_after"] == max(d for d, _ in added)

    bls = "prices/bls_cpi_u_us_city_average_cpiai.csv"
    added, revised = _diff(_csv(raw_dir / PREV / bls, ["Date"], "Index"),
                           _csv(raw_dir / bls, ["Date"], "Index"))
    row = _by_source(releases, "price_indices").loc["bls_cpi_u"]
    assert (row["rows_added"], row["rows_revised"]) == (len(added), len(revised)) == (1, 0)
    assert (row["newest_before"], row["newest_after"]) == ("2026-04-01", max(added)[0])


def _ecb(path):
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return {(r["Date"], cur): float(v) for r in rows for cur, v in r.items()
            if cur and cur != "Date" and v not in ("", "N/A")}


def test_ecb_dates_added_none_revised(releases, raw_dir):
    import warstats as ws

    ecb = "exchange_rates/ecb_eurofxref-hist.csv"
    prev, cur = _ecb(raw_dir / PREV / ecb), _ecb(raw_dir / ecb)
    added, revised = _diff(prev, cur)
    new_dates = {d for d, _ in added}
    diff = ws.changes("fx_rates", *releases)
    mine = diff[diff["source_id"] == "ecb_eurofxref"]
    assert set(mine.loc[mine["change"] == "added", "date"].dt.strftime("%Y-%m-%d")) == new_dates
    assert len(new_dates) == 5
    assert (mine["change"] == "revised").sum() == len(revised) == 0
    assert diff.attrs["old_release"] == releases[0] and diff.attrs["new_release"] == releases[1]


def test_kiel_r27_to_r28_donors_revised(releases, raw_dir):
    import warstats as ws

    kiel = "aid/engelde_kiel_release28_summary.json"
    types = ("financial", "humanitarian", "military")

    def cells(path):
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {(c["country"], t): float(c[t]) for c in doc["byCountry"] for t in types}

    prev, cur = cells(raw_dir / PREV / kiel), cells(raw_dir / kiel)
    added, revised = _diff(prev, cur)
    diff = ws.changes("aid_by_donor", *releases)
    rev = diff[diff["change"] == "revised"]
    assert not added and (diff["change"] == "added").sum() == 0
    assert len(rev) == len(revised)
    # the README counts 28 donors with revised records; in one (Slovakia) only the rounded
    # total moved (0.72 -> 0.721) while the three parts warstats stores are unchanged
    assert rev["donor_iso3"].nunique() == len({c for c, _ in revised}) == 27
    # one value read back: the United States' military aid, old and new
    us = rev[(rev["donor_iso3"] == "USA") & (rev["aid_type"] == "military")]
    if ("United States", "military") in revised:
        row = us.iloc[0]
        assert (row["old"], row["new"]) == (prev["United States", "military"],
                                            cur["United States", "military"])
        assert row["difference"] == pytest.approx(row["new"] - row["old"])
    else:
        assert us.empty


def test_personnel_record_redated(releases, raw_dir):
    import warstats as ws

    path = "russian_losses_claims/russia_losses_personnel.json"

    def records(p):
        return {r["date"]: float(r["personnel"]) for r in json.loads(p.read_text("utf-8"))}

    prev, cur = records(raw_dir / PREV / path), records(raw_dir / path)
    added, revised = _diff(prev, cur)
    diff = ws.changes("loss_claims", *releases)
    mine = diff[(diff["measure"] == "personnel") & (diff["column"] == "value")]
    got_added = mine[mine["change"] == "added"]
    assert dict(zip(got_added["date"].dt.strftime("%Y-%m-%d"), got_added["new"],
                    strict=True)) == {d: cur[d] for d in added}
    got_rev = mine[mine["change"] == "revised"]
    assert {d: (prev[d], cur[d]) for d in revised} == {
        d: (o, n) for d, o, n in zip(got_rev["date"].dt.strftime("%Y-%m-%d"), got_rev["old"],
                                     got_rev["new"], strict=True)}
    # the re-dated record: the old last figure is now the day before, under a new figure
    last_prev = max(prev)
    assert prev[last_prev] == cur[min(added)] and last_prev in revised


def test_world_bank_population_rows_added_and_revised(releases, raw_dir):
    """A new year appended and past values revised; the float/int rewrite is no revision."""
    import warstats as ws

    wb = "population/worldbank_population_sp_pop_totl.csv"
    added, revised = _diff(_csv(raw_dir / PREV / wb, ["Country Code", "Year"], "Value"),
                           _csv(raw_dir / wb, ["Country Code", "Year"], "Value"))
    diff = ws.changes("population", *releases)
    counts = diff.groupby("change", observed=True).size().to_dict()
    assert counts == {"added": len(added), "revised": len(revised)}
    assert (len(added), len(revised)) == (265, 1843)  # as previous_releases/README.md says
    got = diff[diff["change"] == "revised"]
    pairs = {(c, str(y)) for c, y in zip(got["country_iso3"], got["year"], strict=True)}
    assert pairs == revised
    ukr = got[got["country_iso3"] == "UKR"]
    assert ukr.empty == all(c != "UKR" for c, _ in revised)


def test_unchanged_release_pair_and_missing_table(releases):
    import warstats as ws
    from warstats.errors import WarstatsError

    old, new = releases
    assert ws.changes("aid_by_donor", new, new).empty
    with pytest.raises(WarstatsError, match="has no table 'gdp'"):
        ws.changes("gdp", old, new)
    with pytest.raises(WarstatsError, match="no complete release 'nope'"):
        ws.changes("aid_by_donor", "nope", new)


def test_update_summary_per_dataset(releases):
    from warstats.releases.store import resolve_release
    from warstats.releases.summary import format_update_summary, update_summary

    old, new = (resolve_release(r)[1] for r in releases)
    summary = update_summary(old, new, NAMES)
    assert summary["dataset"].tolist() == NAMES
    assert summary["status"].tolist() == ["updated"] * len(NAMES)
    kiel = summary.set_index("dataset").loc["aid_by_donor"]
    assert (kiel["rows_before"], kiel["rows_after"], kiel["rows_added"]) == (126, 126, 0)
    text = format_update_summary(update_summary(old, new, NAMES, by_source=True))
    assert "Kiel Institute, Ukraine Support Tracker R28" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    assert isinstance(summary["rows_added"].dtype, pd.Int64Dtype)
