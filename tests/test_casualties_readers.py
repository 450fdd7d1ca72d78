"""Readers of the civilian-casualties files: real values from the raw files, and bad input."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from warstats._paths import default_raw_dir
from warstats.datasets.build import build_frame
from warstats.datasets.registry import get_spec
from warstats.errors import IntegrityError, SourceFormatError
from warstats.readers.engelde import MONTHLY_FILE, build_casualties_monthly
from warstats.readers.ocha_bundle import BUNDLE_FILE, read_bundle_table
from warstats.readers.ocha_casualties import (
    CASUALTY_FIELDS,
    CASUALTY_KEY,
    KEY_FIGURES_FILE,
    build_casualties_published,
)

RAW = default_raw_dir()
KILLED, INJURED = "#affected+killed", "#affected+injured"


def _bundle() -> dict:
    return json.loads((RAW / BUNDLE_FILE).read_text(encoding="utf-8"))


def _copy(tmp_path: Path, *rels: str) -> Path:
    for rel in rels:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW / rel, tmp_path / rel)
    return tmp_path


def _write_bundle(tmp_path: Path, data: object) -> Path:
    _copy(tmp_path, KEY_FIGURES_FILE)
    path = tmp_path / BUNDLE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _assert_names(exc: pytest.ExceptionInfo, *parts: str) -> None:
    msg = str(exc.value)
    for part in parts:
        assert part in msg, f"{part!r} not in {msg!r}"


# --- read_bundle_table -------------------------------------------------------------------

def test_bundle_table_matches_raw_records():
    raw = _bundle()["timeseries_casualties_data"]
    table = read_bundle_table(RAW / BUNDLE_FILE, CASUALTY_KEY, CASUALTY_FIELDS)
    assert list(table.columns) == ["_row", *CASUALTY_FIELDS]
    assert len(table) == len(raw)
    assert table["_row"].tolist() == list(range(1, len(raw) + 1))
    assert table.iloc[-1][KILLED] == raw[-1][KILLED]
    assert table.iloc[0]["#date"] == raw[0]["#date"]


def test_bundle_table_serves_refugee_series():
    raw = _bundle()["refugees_series_data"]
    fields = ["#affected+date+refugees", "#affected+refugees"]
    table = read_bundle_table(RAW / BUNDLE_FILE, "refugees_series_data", fields)
    assert table[fields[1]].tolist() == [r[fields[1]] for r in raw]


@pytest.mark.parametrize("mutate, parts", [
    (lambda d: d.pop(CASUALTY_KEY), ["timeseries_casualties_data", "missing"]),
    (lambda d: d.__setitem__(CASUALTY_KEY, []), ["no list of records"]),
    (lambda d: d[CASUALTY_KEY][4].__setitem__("#affected+dead", d[CASUALTY_KEY][4].pop(KILLED)),
     ["[5]", KILLED]),
    (lambda d: d[CASUALTY_KEY][2].__setitem__("#extra", "1"), ["[3]", "#extra"]),
    (lambda d: d[CASUALTY_KEY][6].__setitem__(INJURED, None), ["[7]", INJURED, "null"]),
])
def test_bundle_table_rejects_drift(tmp_path, mutate, parts):
    data = _bundle()
    mutate(data)
    path = _write_bundle(tmp_path, data)
    with pytest.raises(SourceFormatError) as exc:
        read_bundle_table(path, CASUALTY_KEY, CASUALTY_FIELDS)
    _assert_names(exc, path.name, *parts)


def test_bundle_table_rejects_truncated_json(tmp_path):
    text = (RAW / BUNDLE_FILE).read_text(encoding="utf-8")
    path = tmp_path / "all.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(SourceFormatError) as exc:
        read_bundle_table(path, CASUALTY_KEY, CASUALTY_FIELDS)
    _assert_names(exc, "all.json", "not valid JSON", "line")


# --- casualties_published ----------------------------------------------------------------

def test_published_last_ocha_figure_from_raw():
    raw = _bundle()["timeseries_casualties_data"]
    out = build_casualties_published(RAW).frame
    ocha = out[out["source_id"] == "ocha_ude_casualties"]
    last = ocha[ocha["date"] == ocha["date"].max()]
    values = dict(zip(last["measure"], last["value"], strict=True))
    assert values == {"killed": float(raw[-1][KILLED]), "injured": float(raw[-1][INJURED])}
    assert str(ocha["date"].max().date()) == raw[-1]["#date"]
    assert len(ocha) == 2 * (len(raw) - 1)  # one record set aside by the named rule
    assert (out["published"] == out["date"]).all()
    assert out["is_minimum"].all()


def test_published_key_figures_from_raw():
    with open(RAW / KEY_FIGURES_FILE, newline="", encoding="utf-8") as fh:
        all_rows = list(csv.reader(fh))
    header, rows = all_rows[1], all_rows[2:]
    i_date, i_killed = header.index("Date"), header.index("Civilian casualities(OHCHR) - Killed")
    i_url = header.index("Source URL")
    out = build_casualties_published(RAW).frame
    kf = out[(out["source_id"] == "ocha_key_figures_2022") & (out["measure"] == "killed")]
    assert len(kf) == len(rows)
    expected = {r[i_date]: float(r[i_killed]) for r in rows}
    got = {d.strftime("%Y-%m-%d"): v for d, v in zip(kf["date"], kf["value"], strict=True)}
    assert got == expected
    url = kf.loc[kf["date"] == "2022-04-25", "source_url"].iloc[0]
    assert url == next(r[i_url] for r in rows if r[i_date] == "2022-04-25")


def test_fallback_rule_sets_aside_2022_06_07_with_both_values():
    raw = {r["#date"]: r for r in _bundle()["timeseries_casualties_data"]}
    out = build_casualties_published(RAW)
    assert "2022-06-07" not in set(out.frame["date"].dt.strftime("%Y-%m-%d"))
    rej = out.rejects.frame()
    assert set(rej["rule"]) == {"ocha_fallback_2022_06_07"}
    assert rej["tolerated"].all()
    killed = rej[rej["column"] == KILLED].iloc[0]
    assert raw["2022-06-06"][KILLED] in killed["value"].replace(",", "")
    assert raw["2022-06-07"][KILLED] in killed["value"].replace(",", "")
    assert raw["2022-06-07"][KILLED] == raw["2022-06-03"][KILLED]  # the fallback it repeats


def test_build_fails_on_any_other_decrease(tmp_path):
    data = _bundle()
    recs = data[CASUALTY_KEY]
    idx = next(i for i, r in enumerate(recs) if r["#date"] == "2023-01-10")
    recs[idx][KILLED] = str(int(recs[idx - 1][KILLED]) - 5)
    _write_bundle(tmp_path, data)
    out = build_casualties_published(tmp_path)
    bad = out.rejects.untolerated()
    assert len(bad) == 1 and "2023-01-10" in bad[0].row and bad[0].column == KILLED
    with pytest.raises(IntegrityError, match="2023-01-10"):
        build_frame(get_spec("casualties_published"), tmp_path)


def test_rule_covers_only_the_known_fallback(tmp_path):
    data = _bundle()
    rec = next(r for r in data[CASUALTY_KEY] if r["#date"] == "2022-06-07")
    rec[KILLED] = "4200"  # still a decrease, but no longer a repeat of an earlier record
    _write_bundle(tmp_path, data)
    with pytest.raises(IntegrityError, match="2022-06-07"):
        build_frame(get_spec("casualties_published"), tmp_path)


@pytest.mark.parametrize("field, value, problem", [
    (KILLED, "12a", "not numbers"),
    (INJURED, "-3", "negative"),
    (KILLED, "12.5", "whole number"),
    ("#date", "2021-12-31", "before"),
    ("#date", "2099-01-01", "future"),
    ("#date", "03/03/2022", "cannot be parsed"),
])
def test_published_bad_values(tmp_path, field, value, problem):
    data = _bundle()
    data[CASUALTY_KEY][9][field] = value
    _write_bundle(tmp_path, data)
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_published(tmp_path)
    _assert_names(exc, Path(BUNDLE_FILE).name, problem, "row 10", field, value)


def test_published_duplicate_date(tmp_path):
    data = _bundle()
    data[CASUALTY_KEY][11]["#date"] = data[CASUALTY_KEY][10]["#date"]
    _write_bundle(tmp_path, data)
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_published(tmp_path)
    _assert_names(exc, "duplicated", "row 12", "#date", data[CASUALTY_KEY][10]["#date"])


def _edit_key_figures(tmp_path: Path, edit) -> Path:
    _copy(tmp_path, BUNDLE_FILE)
    lines = (RAW / KEY_FIGURES_FILE).read_text(encoding="utf-8").splitlines()
    lines = edit(lines)
    path = tmp_path / KEY_FIGURES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_key_figures_renamed_column(tmp_path):
    _edit_key_figures(tmp_path, lambda ls: [ls[0], ls[1].replace(
        "Civilian casualities(OHCHR) - Killed", "Civilian casualties(OHCHR) - Killed"), *ls[2:]])
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_published(tmp_path)
    _assert_names(exc, Path(KEY_FIGURES_FILE).name, "header", "Civilian casualities(OHCHR)")


def test_key_figures_non_numeric_and_duplicate(tmp_path):
    _edit_key_figures(tmp_path, lambda ls: [*ls[:4], ls[4].replace(",351,707,", ",36four,707,"),
                                            *ls[5:]])
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_published(tmp_path)
    _assert_names(exc, "not numbers", "row 5", "Killed", "36four")
    _edit_key_figures(tmp_path, lambda ls: [*ls[:5], ls[5].replace("2022-03-06", "2022-03-05"),
                                            *ls[6:]])
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_published(tmp_path)
    _assert_names(exc, "duplicated", "row 6", "Date", "2022-03-05")


# --- casualties_monthly ------------------------------------------------------------------

def _engelde() -> dict:
    return json.loads((RAW / MONTHLY_FILE).read_text(encoding="utf-8"))


def _write_monthly(tmp_path: Path, data: object) -> Path:
    path = tmp_path / MONTHLY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_monthly_matches_raw():
    raw = _engelde()["monthly"]
    out = build_casualties_monthly(RAW).frame
    killed = out[out["measure"] == "killed"].sort_values("period_start")
    assert killed["value"].tolist() == [float(r["killed"]) for r in raw]
    assert killed["period_start"].dt.strftime("%Y-%m").tolist()[1:] == [r["month"]
                                                                        for r in raw][1:]
    first = killed.iloc[0]
    assert str(first["period_start"].date()) == "2022-02-24"
    assert str(first["period_end"].date()) == "2022-02-28"
    assert out["is_minimum"].all() and (out["source_id"] == "engelde_ohchr_monthly").all()
    total_injured = sum(r["injured"] for r in raw)
    assert out.loc[out["measure"] == "injured", "value"].sum() == total_injured


def test_monthly_records_unread_totals():
    data = _engelde()
    rej = build_casualties_monthly(RAW).rejects.frame()
    stale = rej[rej["rule"] == "engelde_stale_cumulative_total"]
    assert str(data["cumulativeTotal"]["killed"]) in stale.iloc[0]["value"] + \
        stale.iloc[1]["value"]
    assert rej["tolerated"].all()


@pytest.mark.parametrize("mutate, parts", [
    (lambda d: d.pop("monthly"), ["'monthly'"]),
    (lambda d: d["monthly"][3].__setitem__("deaths", d["monthly"][3].pop("killed")),
     ["monthly[4]", "killed"]),
    (lambda d: d["monthly"][5].__setitem__("killed", "many"), ["not numbers", "row 6", "many"]),
    (lambda d: d["monthly"][5].__setitem__("injured", -1), ["negative", "row 6", "-1"]),
    (lambda d: d["monthly"][7].__setitem__("month", d["monthly"][6]["month"]),
     ["duplicated", "row 8", "month"]),
    (lambda d: d["monthly"][0].__setitem__("month", "2021-12"), ["before", "row 1", "2021-12"]),
    (lambda d: d["monthly"][-1].__setitem__("month", "2099-01"), ["future", "2099-01"]),
])
def test_monthly_bad_input(tmp_path, mutate, parts):
    data = _engelde()
    mutate(data)
    path = _write_monthly(tmp_path, data)
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_monthly(tmp_path)
    _assert_names(exc, path.name, *parts)


def test_monthly_truncated(tmp_path):
    text = (RAW / MONTHLY_FILE).read_text(encoding="utf-8")
    path = _write_monthly(tmp_path, text[:500])
    with pytest.raises(SourceFormatError) as exc:
        build_casualties_monthly(tmp_path)
    _assert_names(exc, path.name, "not valid JSON")
