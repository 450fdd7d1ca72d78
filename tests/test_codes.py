"""Country and oblast code tables."""

from __future__ import annotations

import pytest

from warstats.codes import to_iso3, to_pcode
from warstats.codes.countries import clean_name, country_name, entity_kind, is_aggregate
from warstats.errors import SourceFormatError


def test_publisher_variants_and_footnotes():
    assert to_iso3(["Russian Federation***", "Republic of Moldova", "Türkiye", "Czechia",
                    "Slovak Republic", "804", "UKR", "ua"]) == \
        ["RUS", "MDA", "TUR", "CZE", "SVK", "UKR", "UKR", "UKR"]
    assert clean_name("Poland [1]") == "Poland"


def test_aggregates_and_institutions_are_flagged():
    assert is_aggregate("WLD") and is_aggregate("EUU") and not is_aggregate("POL")
    assert entity_kind("EUI") == "institution"
    assert to_iso3(["EU (Commission and Council)"]) == ["EUI"]
    with pytest.raises(SourceFormatError):
        to_iso3(["World"], allow_aggregates=False)
    assert country_name("UKR") == "Ukraine"


def test_unknown_names_listed_together():
    with pytest.raises(SourceFormatError) as err:
        to_iso3(["Poland", "Narnia", "Atlantis"], file="f.csv", column="Country")
    msg = str(err.value)
    assert "Narnia" in msg and "Atlantis" in msg and "f.csv" in msg and "'Country'" in msg


def test_oblasts():
    assert to_pcode(["Khersonska*", "Kyiv", "Residence location unknown (in Ukraine)**",
                     "UA63"]) == ["UA65", "UA80", "UA_UNK", "UA63"]
    with pytest.raises(SourceFormatError, match="Gondor"):
        to_pcode(["Gondor"])


def test_oblast_pcodes_match_iom_file(raw_dir):
    """The official pcodes in IOM's round-20 sheet agree with the shipped table."""
    import openpyxl

    wb = openpyxl.load_workbook(raw_dir / "idps/idp-estimates-r20_publish.xlsx", read_only=True)
    rows = list(wb["Estimated Population"].iter_rows(min_row=3, values_only=True))
    pairs = {(r[4], r[5]) for r in rows if r[5] and str(r[5]).startswith("UA")}
    assert len(pairs) >= 24
    for name, pcode in pairs:
        assert to_pcode([name]) == [pcode]
