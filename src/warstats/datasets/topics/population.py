"""Population family specs."""

from warstats.datasets.spec import DatasetSpec

SPECS = [
    DatasetSpec(
        name="population",
        title="Total population by country, 1960–2024",
        description=(
            "World Bank WDI mid-year total population (SP.POP.TOTL) for every country and "
            "World Bank aggregate, in persons. The denominator for per-capita rates."
        ),
        topic="population",
        kind="stock",
        unit="persons",
        primary_key=("country_iso3", "year", "measure"),
        schema="warstats.schemas.population:Population",
        builder="warstats.readers.worldbank:build_population",
        source_ids=("wb_wdi_population",),
        date_columns=("published",),
        coverage_column="year",
        caveats=(
            "For Ukraine from 2022, population counts people present (de facto) and excludes "
            "refugees abroad; figures are highly uncertain.",
        ),
    ),
    DatasetSpec(
        name="population_components",
        title="Births, deaths and population change by country, 1950–2023 (WPP 2024)",
        description=(
            "UN World Population Prospects 2024 estimates: births, deaths and total population "
            "change in persons; crude birth, death, natural-change and net-migration rates per "
            "1,000; growth rate in percent."
        ),
        topic="population",
        kind="flow",
        unit="persons; per 1,000 population; percent (see unit column)",
        primary_key=("country_iso3", "year", "measure"),
        schema="warstats.schemas.population:PopulationComponents",
        builder="warstats.readers.wpp:build_components",
        source_ids=("un_wpp2024",),
        date_columns=("published",),
        coverage_column="year",
    ),
    DatasetSpec(
        name="population_projections",
        title="Population projections to 2100: WPP 2024 variants and the pre-war WPP 2019",
        description=(
            "UN World Population Prospects projections in persons: WPP 2024 medium, low and high "
            "variants and the 80 % and 95 % probabilistic bounds (2024–2100), and the WPP 2019 "
            "medium variant (2020–2100), the last projection made before the full-scale invasion."
        ),
        topic="population",
        kind="stock",
        unit="persons",
        primary_key=("vintage", "country_iso3", "year", "variant"),
        schema="warstats.schemas.population:PopulationProjections",
        builder="warstats.readers.wpp:build_projections",
        source_ids=("un_wpp2024", "un_wpp2019"),
        date_columns=("published",),
        categoricals=("vintage", "variant"),
        coverage_column="year",
    ),
]
