"""Our World in Data exports: UCDP deaths in ongoing conflicts by country (derived).

File: ``conflict_deaths/owid_ucdp_deaths_in_ongoing_conflicts_by_country.csv``, OWID's own
header ``Entity, Code, Year, Deaths in ongoing conflicts in a country (best estimate) -
Conflict type: all``. Deaths (combatants and civilians; state-based, non-state and one-sided
violence) are assigned to the country where they occurred.

Documented rule ``owid-historic-entity``: OWID's own ``OWID_*`` codes (Yugoslavia,
Czechoslovakia, Abkhazia …) have no ISO 3166 code. Their rows are kept with the OWID code in
``entity_code`` and a blank ``country_iso3``; each entity is listed in the rejects report.
``OWID_KOS`` is Kosovo (``XKX``, via ``codes/aliases.csv``).

The export has no line break after its last record, so it is read with
``final_newline=False``; a cut-off download is still caught by the per-record field count.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from warstats.codes.countries import to_iso3
from warstats.errors import SourceFormatError
from warstats.provenance.registry import get_source
from warstats.readers.common import (
    ReaderOutput,
    Rejects,
    check_unique,
    parse_numbers,
    read_csv_checked,
)

DEATHS_FILE = "conflict_deaths/owid_ucdp_deaths_in_ongoing_conflicts_by_country.csv"
DEATHS_COLUMN = "Deaths in ongoing conflicts in a country (best estimate) - Conflict type: all"
FIRST_YEAR, LAST_YEAR = 1989, 2022


def build_conflict_deaths(raw_dir: Path) -> ReaderOutput:
    """Build ``conflict_deaths``: UCDP best-estimate deaths per country and year."""
    path = raw_dir / DEATHS_FILE
    raw = read_csv_checked(path, ("Entity", "Code", "Year", DEATHS_COLUMN), final_newline=False)
    rejects = Rejects()
    year = parse_numbers(raw, "Year", path, integer=True)
    bad = (year < FIRST_YEAR) | (year > LAST_YEAR)
    if bad.any():
        first = bad.idxmax()
        raise SourceFormatError(path, "year outside the UCDP series", row=raw.at[first, "_row"],
                                column="Year", value=raw.at[first, "Year"],
                                expected=f"{FIRST_YEAR}..{LAST_YEAR}")
    deaths = parse_numbers(raw, DEATHS_COLUMN, path, integer=True)
    code = raw["Code"].str.strip()
    blank = code == ""
    if blank.any():
        first = blank.idxmax()
        raise SourceFormatError(path, "entity without a code", row=raw.at[first, "_row"],
                                column="Code", value=raw.at[first, "Entity"],
                                expected="an ISO3 or OWID_ code")
    historic = code.str.startswith("OWID_") & (code != "OWID_KOS")
    iso3 = pd.Series("", index=raw.index, dtype="str")
    mappable = ~historic
    iso3[mappable] = to_iso3(code[mappable], file=path, column="Code", allow_aggregates=False)
    for entity_code in sorted(code[historic].unique()):
        rows = raw.loc[code == entity_code, "_row"]
        rejects.add(path, f"{rows.min()}..{rows.max()}", "Code", entity_code,
                    "owid-historic-entity",
                    f"kept ({len(rows)} rows) with blank country_iso3: "
                    f"{raw.loc[rows.index[0], 'Entity']} has no ISO 3166 code")
    frame = pd.DataFrame({
        "entity": raw["Entity"].str.strip(),
        "entity_code": code,
        "country_iso3": iso3,
        "year": year.astype("int64"),
        "measure": "conflict_deaths",
        "value": deaths,
        "unit": "deaths",
        "source_id": "owid_ucdp_deaths",
        "published": pd.Timestamp(get_source("owid_ucdp_deaths").published),
        "is_minimum": False,
        "_row": raw["_row"],
    })
    check_unique(frame, ["entity_code", "year"], path)
    frame = frame.drop(columns="_row").sort_values(["entity_code", "year"], kind="stable")
    return ReaderOutput(frame.reset_index(drop=True), [path], rejects)
