"""Plausibility: copies of real raw files with two columns swapped or a unit changed fail,
naming the file, the series and the implausible values; the real files still pass."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from warstats.datasets.build import build_frame
from warstats.datasets.registry import get_spec
from warstats.errors import SourceFormatError
from warstats.readers.expectations import Continuity, Range, Ratio, check
from warstats.readers.expected_values import DECLARED


def _inputs(name: str, raw_dir: Path, raw_copy) -> Path:
    from warstats._paths import data_dir

    meta = json.loads((data_dir() / f"{name}.meta.json").read_text())
    return raw_copy(*[i["file"] for i in meta["build_inputs"]
                      if not i["file"].startswith("seeds/")])


def _fails(name: str, root: Path, *words: str) -> str:
    with pytest.raises(SourceFormatError) as err:
        build_frame(get_spec(name), root)
    message = str(err.value)
    for word in words:
        assert word in message, f"{word!r} not in {message}"
    return message


def _scale_json(obj, factor: float, keys: set[str] | None = None):
    """Multiply every number (under ``keys``, if given) in a JSON document by ``factor``."""
    if isinstance(obj, dict):
        return {k: (round(v * factor, 6) if isinstance(v, int | float) and not isinstance(v, bool)
                    and (keys is None or k in keys) else _scale_json(v, factor, keys))
                for k, v in obj.items()}
    if isinstance(obj, list):
        return [_scale_json(v, factor, keys) for v in obj]
    return obj


@pytest.mark.parametrize("name", sorted(DECLARED))
def test_real_raw_files_pass(name, raw_dir):
    build_frame(get_spec(name), raw_dir)


def test_population_in_thousands_fails(raw_dir, raw_copy):
    root = _inputs("population", raw_dir, raw_copy)
    path = root / "population/worldbank_population_sp_pop_totl.csv"
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    ukr = frame["Country Code"] == "UKR"
    first = int(frame.loc[ukr, "Value"].iloc[0]) * 1000
    frame.loc[ukr, "Value"] = (pd.to_numeric(frame.loc[ukr, "Value"]) * 1000).astype(int).astype(
        str)
    frame.to_csv(path, index=False)
    _fails("population", root, "worldbank_population_sp_pop_totl.csv", "country_iso3=UKR",
           f"{first:,}")  # the user sees the implausible value itself


def test_population_unit_change_midway_breaks_continuity(raw_dir, raw_copy):
    root = _inputs("population", raw_dir, raw_copy)
    path = root / "population/worldbank_population_sp_pop_totl.csv"
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    rows = (frame["Country Code"] == "FRA") & (frame["Year"].astype(int) >= 2000)
    frame.loc[rows, "Value"] = (pd.to_numeric(frame.loc[rows, "Value"]) // 1000).astype(
        str)  # from persons to thousands in 2000
    frame.to_csv(path, index=False)
    _fails("population", root, "step(s) change by more than", "FRA 2000")


def test_casualties_killed_and_injured_swapped_fails(raw_dir, raw_copy):
    root = _inputs("casualties_published", raw_dir, raw_copy)
    path = root / "civilian_casualties/ocha_ukraine_key_figures_2022_sheet_snapshot.csv"
    text = path.read_text(encoding="utf-8")
    killed, injured = ("Civilian casualities(OHCHR) - Killed",
                       "Civilian casualities(OHCHR) - Injured")
    text = text.replace(killed, "@K@").replace(injured, killed).replace("@K@", injured)
    path.write_text(text, encoding="utf-8")
    _fails("casualties_published", root, "ocha_ukraine_key_figures_2022_sheet_snapshot.csv",
           "ratio [measure=injured] / [measure=killed]", "2022-03-03")


def test_loss_claims_columns_swapped_fails(raw_dir, raw_copy):
    root = _inputs("loss_claims", raw_dir, raw_copy)
    path = root / "russian_losses_claims/russia_losses_equipment.json"
    records = json.loads(path.read_text())
    for rec in records:
        if "aircraft" in rec and "APC" in rec:
            rec["aircraft"], rec["APC"] = rec["APC"], rec["aircraft"]
    path.write_text(json.dumps(records))
    _fails("loss_claims", root, "russia_losses_equipment.json", "measure=aircraft")


def test_loss_claims_personnel_in_thousands_fails(raw_dir, raw_copy):
    root = _inputs("loss_claims", raw_dir, raw_copy)
    path = root / "russian_losses_claims/russia_losses_personnel.json"
    path.write_text(json.dumps(_scale_json(json.loads(path.read_text()), 1000, {"personnel"})))
    _fails("loss_claims", root, "russia_losses_personnel.json", "measure=personnel")


def test_kiel_millions_instead_of_billions_fails(raw_dir, raw_copy):
    root = _inputs("aid_by_donor", raw_dir, raw_copy)
    path = root / "aid/engelde_kiel_release28_summary.json"
    doc = json.loads(path.read_text())
    doc = {**_scale_json(doc, 1000), "release": doc["release"], "donors": doc["donors"]}
    parts = ("military", "financial", "humanitarian")
    for part in parts:  # keep the file's own sums consistent, so only the unit is wrong
        doc["totals"][part] = round(sum(r[part] for r in doc["byCountry"]), 6)
    for rec in [doc["totals"], *doc["byCountry"]]:
        rec["total"] = round(sum(rec[p] for p in parts), 6)
    path.write_text(json.dumps(doc))
    _fails("aid_by_donor", root, "engelde_kiel_release28_summary.json", "unit=EUR billion",
           "value(s) outside the plausible range 0 – 500", "military: ")


def test_refugees_unit_change_fails(raw_dir, raw_copy):
    root = _inputs("refugees_europe", raw_dir, raw_copy)
    path = root / "refugees/unhcr_odp_timeseries_europe_snapshot_2022-08.json"
    path.write_text(json.dumps(_scale_json(json.loads(path.read_text()), 1000,
                                           {"individuals"})))
    _fails("refugees_europe", root, "unhcr_odp_timeseries_europe_snapshot_2022-08.json",
           "outside the plausible range")


def test_ecb_dollar_column_in_wrong_unit_fails(raw_dir, raw_copy):
    root = _inputs("fx_rates", raw_dir, raw_copy)
    path = root / "exchange_rates/ecb_eurofxref-hist.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["USD"], frame["JPY"] = frame["JPY"], frame["USD"]  # two columns swapped
    frame.to_csv(path, index=False)
    _fails("fx_rates", root, "ecb_eurofxref-hist.csv", "unit=USD per EUR")


# the mechanism on hand-made frames ------------------------------------------------------


def _frame(values, measure="m"):
    return pd.DataFrame({"date": pd.date_range("2024-01-01", periods=len(values)),
                         "measure": measure, "value": values})


def test_range_ratio_continuity_by_hand():
    ok = _frame([10.0, 11.0, 12.0])
    check(ok, [Range({"measure": "m"}, 0, 20, keys=("date",))], files=["f.csv"], dataset="d")
    with pytest.raises(SourceFormatError, match=r"f\.csv.*\[measure=m\].*2024-01-02: 110"):
        check(_frame([10.0, 110.0]), [Range({"measure": "m"}, 0, 20, keys=("date",))],
              files=["f.csv"], dataset="d")
    both = pd.concat([_frame([2.0, 2.0], "a"), _frame([1.0, 4.0], "b")])
    with pytest.raises(SourceFormatError, match=r"2024-01-02: 0\.5"):
        check(both, [Ratio({"measure": "a"}, {"measure": "b"}, 1, 3, on=("date",))],
              files=["f.csv"], dataset="d")
    with pytest.raises(SourceFormatError, match=r"more than ×2"):
        check(_frame([10.0, 11.0, 50.0]), [Continuity({}, "date", 2)], files=["f"],
              dataset="d")


def test_continuity_with_previous_frame():
    rule = Continuity({"measure": "m"}, "date", 2.0, keys=("date", "measure"))
    previous = _frame([10.0, 11.0, 12.0])
    check(_frame([10.0, 11.5, 12.0]), [rule], files=["f"], dataset="d", previous=previous)
    with pytest.raises(SourceFormatError, match="previous build"):
        check(_frame([10.0, 11.0, 12.0]) .assign(value=lambda f: f["value"] * [1, 1, 1])
              .pipe(lambda f: f.assign(value=[10.0, 11.0, 12.0])),
              [rule], files=["f"], dataset="d", previous=_frame([10.0, 11.0, 1200.0]))
