"""Per-dataset plausibility expectations (mechanism: :mod:`warstats.readers.expectations`).

Bounds are set from what the publishers report (see ``../shared/sources/SOURCES.md``)
with a wide margin, so that revisions and new releases pass while a unit change (×1000)
or two swapped columns do not. Each line says what it guards against.
"""

from __future__ import annotations

from warstats.readers.expectations import Continuity, Expectation, Range, Ratio

_LOSS_MAX = {  # Ukrainian General Staff cumulative claims: about ten times today's totals
    "personnel": 1.5e7, "tanks": 1.5e5, "armoured_combat_vehicles": 3e5,
    "artillery_systems": 5e5, "multiple_rocket_launchers": 2e4, "air_defence_systems": 2e4,
    "aircraft": 5e3, "helicopters": 5e3, "drones": 5e6, "cruise_missiles": 5e4,
    "warships_boats": 500, "submarines": 50, "special_equipment": 5e4,
    "vehicles_and_fuel_tanks": 1.5e6, "prisoners_of_war": 1e4,
}

DECLARED: dict[str, tuple[Expectation, ...]] = {
    # OHCHR cumulative civilian casualties since 24 Feb 2022 (verified minimums)
    "casualties_published": (
        Range({"measure": "killed"}, 0, 1e5, keys=("source_id", "date")),
        Range({"measure": "injured"}, 0, 2e5, keys=("source_id", "date")),
        # injured outnumber killed in every OHCHR update (1.05–2.2 so far); a swap gives < 1
        Ratio({"measure": "injured"}, {"measure": "killed"}, 0.9, 5.0,
              on=("source_id", "date")),
    ),
    "casualties_monthly": (
        Range({"measure": "killed"}, 0, 2e4, keys=("period_start",)),
        Range({"measure": "injured"}, 0, 4e4, keys=("period_start",)),
        Ratio({"measure": "injured"}, {"measure": "killed"}, 1.2, 6.0),  # totals: 2.7
    ),
    # UNHCR refugees from Ukraine recorded in Europe (peak about 8 million)
    "refugees_europe": (
        Range({}, 0, 2e7, keys=("date", "published")),
    ),
    "refugees_by_host": (
        Range({"measure": "refugees_recorded"}, 0, 1e7, keys=("country_iso3", "date")),
        Range({"measure": "temporary_protection"}, 0, 1e7, keys=("country_iso3", "date")),
        Range({"measure": "border_crossings_in"}, 0, 5e7, keys=("country_iso3", "date")),
        Range({"measure": "border_crossings_out"}, 0, 5e7, keys=("country_iso3", "date")),
    ),
    # Kiel Ukraine Support Tracker, EUR billion per donor (largest about 80)
    "aid_by_donor": (
        Range({"unit": "EUR billion"}, 0, 500, keys=("donor_iso3", "aid_type")),
    ),
    # World Bank population: no country or aggregate above 10 billion; Ukraine 30–60 million
    "population": (
        Range({}, 0, 1e10, keys=("country_iso3", "year")),
        Range({"country_iso3": "UKR"}, 2e7, 6e7, keys=("year",)),
        Continuity({}, "year", 1.6, by=("country_iso3",), keys=("country_iso3", "year")),
    ),
    "loss_claims": (
        *(Range({"measure": m}, 0, hi, keys=("date",)) for m, hi in _LOSS_MAX.items()),
        # personnel claims always exceed tank claims (about ×100); a swap inverts that
        Ratio({"measure": "personnel"}, {"measure": "tanks"}, 5, 1e4, on=("date",)),
    ),
    # ECB/FRED exchange rates: the euro between 0.5 and 2.5 dollars; no day-to-day jump
    "fx_rates": (
        Range({"unit": "USD per EUR"}, 0.5, 2.5, keys=("date", "frequency")),
        Range({"unit": "EUR per USD"}, 0.4, 2.0, keys=("date", "frequency")),
        Continuity({"unit": "USD per EUR"}, "date", 1.5, by=("frequency", "source_id"),
                   keys=("date", "frequency", "source_id")),
    ),
}


def expectations_for(dataset: str) -> tuple[Expectation, ...]:
    """The expectations declared for ``dataset`` (empty when none)."""
    return DECLARED.get(dataset, ())
