"""Source registry and citations."""

from __future__ import annotations

import datetime as dt

import pytest

import warstats as ws
from warstats.errors import SourceNotFoundError, WarstatsError
from warstats.provenance import registry as reg
from warstats.provenance.citation import cite_ids


def test_every_record_is_complete():
    frame = ws.sources()
    assert frame["source_id"].is_unique
    assert set(frame["provenance"]) <= {"independent", "party", "derived"}
    for col in ("publisher", "title", "url", "licence", "citation", "attribution_short"):
        assert (frame[col].str.len() > 0).all(), col
    derived = frame[frame["provenance"] == "derived"]
    assert (derived["original_publisher"].str.len() > 0).all()
    assert (derived["intermediary"].str.len() > 0).all()
    assert (frame["retrieved"] >= frame["published"]).all()


def test_citation_styles():
    c = cite_ids(["wb_wdi_population", "un_wpp2019"])
    assert c.short() == "Sources: UN DESA, WPP 2019; World Bank WDI (2026)"
    full = c.full()
    assert len(full) == 2 and "Retrieved 2026-08-22" in full[1]
    bib = c.bibtex()
    assert bib.count("@misc{") == 2 and "urldate = {2026-08-22}" in bib
    with pytest.raises(ValueError):
        c.render("apa")


def test_party_and_derived_labels():
    base = dict(publisher="P", title="T", url="u", published=dt.date(2024, 1, 1),
                retrieved=dt.date(2024, 2, 1), licence="L", redistribution="open",
                attribution_short="Air Force (2024)", citation="c")
    party = reg.Source(source_id="p", provenance="party", **base)
    assert party.footer_label == "claims by Air Force (2024)"
    derived = reg.Source(source_id="d", provenance="derived", intermediary="Compiler",
                         original_publisher="OHCHR", **base)
    assert derived.footer_label == "Air Force (2024), compiled by Compiler"


def test_unknown_source_suggests():
    with pytest.raises(SourceNotFoundError, match="wb_wdi_population"):
        reg.get_source("wb_wdi_populaton")


@pytest.mark.parametrize("change, message", [
    ({"provenance": "rumour"}, "provenance"),
    ({"published": "last year"}, "ISO date"),
    ({"id": "Bad Id"}, "lower_snake_case"),
    ({"citation": ""}, "lacks citation"),
    ({"provenance": "derived"}, "original_publisher"),
])
def test_bad_records_are_refused(change, message):
    raw = {"id": "ok", "publisher": "P", "title": "T", "url": "u", "published": "2024-01-01",
           "retrieved": "2024-02-01", "licence": "L", "redistribution": "open",
           "provenance": "independent", "attribution_short": "P (2024)", "citation": "c"}
    raw.update(change)
    with pytest.raises(WarstatsError, match=message):
        reg._parse_record(raw, "test.toml")


def test_cite_a_frame_and_sources_of_dataset():
    df = ws.load("population_projections")
    assert ws.cite(df[df["vintage"] == "WPP 2019"]) == "Source: UN DESA, WPP 2019"
    assert set(ws.sources("population_projections")["source_id"]) == {"un_wpp2019",
                                                                     "un_wpp2024"}
