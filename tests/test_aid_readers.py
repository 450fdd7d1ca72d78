"""Aid-family readers: expected values from the raw files, and bad-input cases."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from warstats._paths import default_raw_dir
from warstats.errors import SourceFormatError
from warstats.readers import fts, kiel, prices, rates, us_aid

RAW = default_raw_dir()


def copy_raw(tmp_path: Path, rel: str) -> Path:
    dest = tmp_path / rel
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(RAW / rel, dest)
    dest.chmod(0o644)
    return dest


def assert_names(err: SourceFormatError, *parts: str) -> None:
    text = str(err)
    for part in parts:
        assert part in text, f"{part!r} not in {text!r}"


# --- Kiel -------------------------------------------------------------------------------

def test_kiel_total_matches_raw():
    doc = json.loads((RAW / kiel.KIEL_FILE).read_text())
    expected = sum(r["total"] for r in doc["byCountry"])
    frame = kiel.build_aid_by_donor(RAW).frame
    assert frame["value"].sum() == pytest.approx(expected, abs=0.01)
    assert frame["value"].sum() == pytest.approx(doc["totals"]["total"], abs=0.01)
    assert set(frame["stage"]) == {"allocated"}
    assert frame.loc[frame["donor_name"] == "EU (Commission and Council)",
                     "donor_iso3"].unique().tolist() == ["EUI"]
    usa = frame[frame["donor_iso3"] == "USA"].set_index("aid_type")["value"]
    assert usa["military"] == doc["byCountry"][0]["military"]


def test_kiel_monthly_matches_raw():
    doc = json.loads((RAW / kiel.KIEL_FILE).read_text())
    frame = kiel.build_aid_by_month(RAW).frame
    assert len(frame) == 3 * len(doc["byMonth"])
    assert frame["value"].sum() == pytest.approx(sum(r["total"] for r in doc["byMonth"]),
                                                 abs=0.01)


def _edit_kiel(tmp_path: Path, edit) -> Path:
    path = copy_raw(tmp_path, kiel.KIEL_FILE)
    doc = json.loads(path.read_text())
    edit(doc)
    path.write_text(json.dumps(doc))
    return path


def test_kiel_wrong_currency(tmp_path):
    _edit_kiel(tmp_path, lambda d: d.update(currency="USD"))
    with pytest.raises(SourceFormatError) as err:
        kiel.build_aid_by_donor(tmp_path)
    assert_names(err.value, "engelde_kiel_release28_summary.json", "currency", "'USD'", "EUR")


def test_kiel_wrong_unit(tmp_path):
    _edit_kiel(tmp_path, lambda d: d.update(unit="millions"))
    with pytest.raises(SourceFormatError) as err:
        kiel.build_aid_by_month(tmp_path)
    assert_names(err.value, "unit", "millions")


def test_kiel_negative_amount(tmp_path):
    def edit(doc):
        doc["byCountry"][3]["military"] = -1.0
    _edit_kiel(tmp_path, edit)
    with pytest.raises(SourceFormatError) as err:
        kiel.build_aid_by_donor(tmp_path)
    assert_names(err.value, "negative amount", "byCountry[3]", "'military'", "-1.0")


def test_kiel_non_numeric_amount(tmp_path):
    def edit(doc):
        doc["byMonth"][5]["financial"] = "undefined"
    _edit_kiel(tmp_path, edit)
    with pytest.raises(SourceFormatError) as err:
        kiel.build_aid_by_month(tmp_path)
    assert_names(err.value, "byMonth[5]", "'financial'", "'undefined'")


def test_kiel_unmappable_donors_listed_at_once(tmp_path):
    def edit(doc):
        doc["byCountry"][4]["country"] = "Atlantis"
        doc["byCountry"][7]["country"] = "Ruritania"
    _edit_kiel(tmp_path, edit)
    with pytest.raises(SourceFormatError) as err:
        kiel.build_aid_by_donor(tmp_path)
    assert_names(err.value, "2 country name(s)", "Atlantis", "Ruritania")


def test_kiel_total_mismatch_and_truncation(tmp_path):
    def edit(doc):
        doc["byCountry"][2]["total"] = 99.0
    _edit_kiel(tmp_path, edit)
    with pytest.raises(SourceFormatError, match="byCountry\\[2\\]"):
        kiel.build_aid_by_donor(tmp_path)
    path = tmp_path / kiel.KIEL_FILE
    path.write_text(path.read_text()[:500])
    with pytest.raises(SourceFormatError, match="not valid JSON"):
        kiel.build_aid_by_donor(tmp_path)


def test_kiel_missing_month(tmp_path):
    def edit(doc):
        del doc["byMonth"][10]
    _edit_kiel(tmp_path, edit)
    with pytest.raises(SourceFormatError) as err:
        kiel.build_aid_by_month(tmp_path)
    assert_names(err.value, "months missing", "2022-10")


# --- US packages --------------------------------------------------------------------------

def test_pda_sum_in_2023_matches_raw():
    doc = json.loads((RAW / us_aid.PACKAGES_FILE).read_text())
    expected = sum(float(r[1].replace(",", "")) for r in doc
                   if r[0].startswith("2023") and r[1].strip())
    frame = us_aid.build_us_packages(RAW).frame
    got = frame[(frame["authority"] == "PDA") & (frame["date"].dt.year == 2023)]["value"].sum()
    assert got == pytest.approx(expected)
    assert frame["source_url"].str.startswith("https://").all()
    assert len(frame.drop_duplicates("record")) == len(doc)


def test_usd_text_parsing():
    assert us_aid.parse_usd_millions("$2.85 billion") == pytest.approx(2850.0)
    assert us_aid.parse_usd_millions("$1.5 million") == 1.5
    assert us_aid.parse_usd_millions("1,000") == 1000.0
    for bad in ("undefined", "$2.8x billion", "1 trillion", ""):
        with pytest.raises(ValueError):
            us_aid.parse_usd_millions(bad)


def _edit_packages(tmp_path: Path, edit) -> None:
    path = copy_raw(tmp_path, us_aid.PACKAGES_FILE)
    doc = json.loads(path.read_text())
    edit(doc)
    path.write_text(json.dumps(doc))


@pytest.mark.parametrize("value, problem", [("abc", "does not parse"),
                                            ("-200", "negative amount")])
def test_packages_bad_amount(tmp_path, value, problem):
    def edit(doc):
        doc[9][1] = value
    _edit_packages(tmp_path, edit)
    with pytest.raises(SourceFormatError) as err:
        us_aid.build_us_packages(tmp_path)
    assert_names(err.value, "money.json", problem, "record 10", "PDA", repr(value))


def test_packages_shifted_columns_and_bad_date(tmp_path):
    def edit(doc):
        doc[3][4] = "https://example.org"
        doc[5][0] = "2022-13-01"
    _edit_packages(tmp_path, edit)
    with pytest.raises(SourceFormatError, match="record 4"):
        us_aid.build_us_packages(tmp_path)


def test_packages_duplicate_record(tmp_path):
    _edit_packages(tmp_path, lambda doc: doc.append(list(doc[0])))
    with pytest.raises(SourceFormatError, match="listed twice"):
        us_aid.build_us_packages(tmp_path)


# --- Federal Register notices -------------------------------------------------------------

def test_notices_parse_and_undefined_reported():
    out = us_aid.build_us_drawdown_notices(RAW)
    frame = out.frame
    with open(RAW / us_aid.NOTICES_FILE, encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    amounts = [c for r in rows for c in r[3:]]
    assert len(frame) == len([a for a in amounts if a != "undefined"])
    jan = frame[frame["date_signed"] == "2023-01-06"]
    assert jan["value"].tolist() == [2850.0]  # "$2.85 billion"
    rejects = out.rejects.frame()
    assert rejects["rule"].tolist() == ["fr-undefined-amount"]
    assert rejects["value"].tolist() == ["undefined"]


def test_notices_bad_amount(tmp_path):
    path = copy_raw(tmp_path, us_aid.NOTICES_FILE)
    lines = path.read_text().split("\n")
    lines[4] = lines[4].replace("$200 million", "$2O0 million")
    path.write_text("\n".join(lines))
    with pytest.raises(SourceFormatError) as err:
        us_aid.build_us_drawdown_notices(tmp_path)
    assert_names(err.value, "notifications.csv", "row 5", "amount 1", "$2O0 million")


def test_notices_negative_and_header(tmp_path):
    path = copy_raw(tmp_path, us_aid.NOTICES_FILE)
    text = path.read_text()
    path.write_text(text.replace("$60 million", "-$60 million"))
    with pytest.raises(SourceFormatError, match="negative amount"):
        us_aid.build_us_drawdown_notices(tmp_path)
    path.write_text("date\ttype\turl\tamount\n" + text)
    with pytest.raises(SourceFormatError, match="row 1"):
        us_aid.build_us_drawdown_notices(tmp_path)


# --- Appropriations -----------------------------------------------------------------------

def test_appropriations_acts_match_raw():
    doc = json.loads((RAW / us_aid.APPROPRIATIONS_FILE).read_text())
    rows = list(csv.reader(doc["connections"].splitlines()))[1:]
    acts = sum(float(r[1]) for r in rows if r[0].startswith("bill_"))
    out = us_aid.build_us_appropriations(RAW)
    frame = out.frame
    assert frame.loc[frame["level"] == "act", "value"].sum() == pytest.approx(acts)
    assert out.rejects.frame()["rule"].tolist() == ["appropriations-total-imbalance"]


def test_appropriations_bad_value_and_unknown_node(tmp_path):
    path = copy_raw(tmp_path, us_aid.APPROPRIATIONS_FILE)
    doc = json.loads(path.read_text())
    good = json.dumps(doc)
    doc["connections"] = doc["connections"].replace("13.601", "13.6O1")
    path.write_text(json.dumps(doc))
    with pytest.raises(SourceFormatError, match="amount does not parse"):
        us_aid.build_us_appropriations(tmp_path)
    path.write_text(good.replace("ukr_total,42.932,ukr_human", "ukr_total,42.932,ukr_nowhere"))
    with pytest.raises(SourceFormatError, match="ukr_nowhere"):
        us_aid.build_us_appropriations(tmp_path)


# --- FTS ----------------------------------------------------------------------------------

def test_fts_flash_appeal_2022_requirement():
    with open(RAW / fts.FTS_FILE, encoding="utf-8") as fh:
        raw = [r for r in csv.DictReader(fh) if r["code"] == "FUKR22"]
    expected = float(raw[0]["requirements"])
    out = fts.build_appeals(RAW)
    frame = out.frame
    got = frame[(frame["appeal_code"] == "FUKR22") & (frame["measure"] == "requirements")]
    assert got["value"].tolist() == [expected]
    hrp = frame[frame["appeal_code"] == "HUKR22"]
    assert set(hrp["superseded_by"]) == {"FUKR22"}
    regional = frame[frame["appeal_code"] == "RUKRN23"]
    assert set(regional["plan_scope"]) == {"regional_share"}
    assert set(out.rejects.frame()["rule"]) == {"fts-negative-unplanned-funding"}


def test_fts_negative_on_plan_row(tmp_path):
    path = copy_raw(tmp_path, fts.FTS_FILE)
    text = path.read_text()
    path.write_text(text.replace(",4292463880,3765217036,88", ",4292463880,-3765217036,88"))
    with pytest.raises(SourceFormatError) as err:
        fts.build_appeals(tmp_path)
    assert_names(err.value, "negative amount", "funding", "-3765217036")


def test_fts_bad_country_renamed_column_nonnumeric(tmp_path):
    path = copy_raw(tmp_path, fts.FTS_FILE)
    text = path.read_text()
    path.write_text(text.replace("UKR,1102", "XYZ,1102").replace("\nPOL,", "\nQQQ,", 1))
    with pytest.raises(SourceFormatError) as err:
        fts.build_appeals(tmp_path)
    assert_names(err.value, "2 country name(s)", "XYZ", "QQQ")
    path.write_text(text.replace("percentFunded", "pctFunded"))
    with pytest.raises(SourceFormatError, match="percentFunded"):
        fts.build_appeals(tmp_path)
    path.write_text(text.replace(",4292463880,", ",4.29bn,"))
    with pytest.raises(SourceFormatError, match=r"4\.29bn"):
        fts.build_appeals(tmp_path)


# --- Rates and prices ---------------------------------------------------------------------

def test_ecb_and_fred_rates_match_raw():
    frame = rates.build_fx_rates(RAW).frame
    with open(RAW / rates.ECB_FILE, encoding="utf-8") as fh:
        first = next(csv.DictReader(fh))
    ecb = frame[(frame["source_id"] == "ecb_eurofxref") & (frame["quote_currency"] == "USD")]
    assert ecb.loc[ecb["date"] == first["Date"], "value"].item() == float(first["USD"])
    annual = frame[(frame["source_id"] == "fred_fx_annual") & (frame["quote_currency"] == "EUR")]
    assert annual.loc[annual["date"] == "2022-01-01", "value"].item() == pytest.approx(0.9493,
                                                                                       abs=1e-4)


def test_fred_rate_gap_named(tmp_path):
    copy_raw(tmp_path, rates.ECB_FILE)
    copy_raw(tmp_path, rates.FRED_ANNUAL_FILE)
    path = copy_raw(tmp_path, rates.FRED_MONTHLY_FILE)
    lines = [ln for ln in path.read_text().split("\n")
             if not ln.startswith(("2022-03-01,Euro", "2023-07-01,Euro"))]
    path.write_text("\n".join(lines))
    with pytest.raises(SourceFormatError) as err:
        rates.build_fx_rates(tmp_path)
    assert_names(err.value, "2 gap(s)", "Euro", "2022-03", "2023-07")


def test_ecb_bad_rate(tmp_path):
    for rel in (rates.FRED_ANNUAL_FILE, rates.FRED_MONTHLY_FILE):
        copy_raw(tmp_path, rel)
    path = copy_raw(tmp_path, rates.ECB_FILE)
    path.write_text(path.read_text().replace("2026-04-13,1.1684", "2026-04-13,-1.1684", 1))
    with pytest.raises(SourceFormatError) as err:
        rates.build_fx_rates(tmp_path)
    assert_names(err.value, "row 2", "'USD'", "-1.1684")


def test_cpi_gap_reported_other_gap_fails(tmp_path):
    out = prices.build_price_indices(RAW)
    assert out.rejects.frame()["rule"].tolist() == ["cpi-u-2025-10-missing"]
    cpi = out.frame[out.frame["series"] == "cpi_u"]
    assert "2025-10-01" not in set(cpi["date"].dt.strftime("%Y-%m-%d"))
    for rel in (prices.CPI_FILE, prices.WB_CPI_FILE, prices.WB_DEFL_FILE):
        copy_raw(tmp_path, rel)
    path = copy_raw(tmp_path, prices.HICP_FILE)
    path.write_text("\n".join(ln for ln in path.read_text().split("\n")
                              if not ln.startswith("2024-02-01")))
    with pytest.raises(SourceFormatError, match="2024-02"):
        prices.build_price_indices(tmp_path)


def test_wb_wide_wrong_indicator(tmp_path):
    for rel in (prices.CPI_FILE, prices.HICP_FILE, prices.WB_DEFL_FILE):
        copy_raw(tmp_path, rel)
    path = copy_raw(tmp_path, prices.WB_CPI_FILE)
    path.write_text(path.read_text().replace("FP.CPI.TOTL.ZG", "NY.GDP.DEFL.KD.ZG", 3))
    with pytest.raises(SourceFormatError) as err:
        prices.build_price_indices(tmp_path)
    assert_names(err.value, "Indicator Code", "NY.GDP.DEFL.KD.ZG", "FP.CPI.TOTL.ZG")


def test_gdp_matches_raw():
    with open(RAW / prices.GDP_FILE, encoding="utf-8") as fh:
        usa = [r for r in csv.DictReader(fh) if r["Country Code"] == "USA" and r["Year"] == "2023"]
    frame = prices.build_gdp(RAW).frame
    got = frame[(frame["country_iso3"] == "USA") & (frame["year"] == 2023)]["value"].item()
    assert got == float(usa[0]["Value"])
    assert frame["year"].max() == 2023
