"""air_attack_targets: the documented mapping rules, and no record dropped silently."""

from __future__ import annotations

import pandas as pd
import pytest

import warstats as ws
from warstats._paths import data_dir
from warstats.readers.air_targets import map_target_part, map_targets


@pytest.mark.parametrize(("part", "expected"), [
    ("Kherson oblast", ("UA65", "oblast-named")),
    ("Dnipropetrovsk oblast, Kryvyi Rih Raion", ("UA12", "oblast-named")),
    ("Kyiv oblast (south)", ("UA32", "oblast-named")),
    ("Odesa oblast, Black Sea", ("UA51", "oblast-named")),
    ("Kyiv", ("UA80", "city-in-oblast")),
    ("Kryvyi Rih", ("UA12", "city-in-oblast")),
    ("Starokostiantyniv", ("UA68", "city-in-oblast")),
    ("Snake Island", ("UA51", "place-in-oblast")),
    ("Ukraine", ("", "national")),
    ("south", ("", "command-zone")),
    ("north-east", ("", "command-zone")),
    ("Kursk oblast", ("", "outside-ukraine")),
    ("front line", ("", "not-a-place")),
    ("", ("", "target-blank")),
    ("Atlantis", ("", "unknown-place")),
    ("Narnia oblast", ("", "unknown-place")),
])
def test_mapping_rules(part, expected):
    assert map_target_part(part) == expected


def _attacks(targets):
    return pd.DataFrame({"record_id": [f"{i:012x}" for i in range(len(targets))],
                         "date": pd.Timestamp("2024-01-01"), "target": targets,
                         "regional_row": False, "source_id": "uaf_air_attacks",
                         "published": pd.Timestamp("2026-06-13"), "is_minimum": False})


def test_one_row_per_record_and_oblast_and_rejects_for_the_rest():
    rows, rejects = map_targets(_attacks([
        "Odesa oblast and Mykolaiv oblast",
        "Dnipropetrovsk oblast, Dnipro Raion and Dnipropetrovsk oblast, Kryvyi Rih Raion",
        "Odesa oblast and north",
        "Ukraine",
        "Atlantis",
    ]), "attacks.csv")
    got = sorted(zip(rows["record_id"].str[-1], rows["oblast_pcode"], strict=True))
    assert got == [("0", "UA48"), ("0", "UA51"), ("1", "UA12"), ("2", "UA51")]
    joined = rows.loc[rows["record_id"].str.endswith("1"), "target_part"].item()
    assert joined == "Dnipropetrovsk oblast, Dnipro Raion | Dnipropetrovsk oblast, Kryvyi Rih Raion"
    report = rejects.frame()
    assert sorted(zip(report["row"].str[-1], report["value"], report["rule"], strict=True)) == [
        ("2", "north", "command-zone"), ("3", "Ukraine", "national"),
        ("4", "Atlantis", "unknown-place")]
    assert report["tolerated"].all()


def test_every_record_is_mapped_or_reported():
    """Each target part of each air_attacks record ends in the table or the rejects report."""
    attacks = ws.load("air_attacks")
    parts = attacks["target"].str.split(" and ").str.len().sum()
    table = ws.load("air_attack_targets")
    rejects = pd.read_csv(data_dir() / "rejects" / "air_attack_targets.csv",
                          keep_default_na=False)
    merged_parts = table["target_part"].str.count(r" \| ").sum()
    assert len(table) + merged_parts + len(rejects) == parts
    reported = set(rejects["row"].str.removeprefix("record "))
    assert set(attacks["record_id"]) == set(table["record_id"]) | reported
    assert set(rejects["rule"]) <= {"national", "command-zone", "outside-ukraine",
                                    "not-a-place", "target-blank", "unknown-place"}
    assert "unknown-place" not in set(rejects["rule"])  # every place met is documented


def test_targets_join_air_attacks():
    attacks = ws.load("air_attacks")
    targets = ws.load("air_attack_targets")
    assert set(targets["record_id"]) <= set(attacks["record_id"])
    odesa = targets.query("oblast_pcode == 'UA51'")
    assert len(odesa) > 200
